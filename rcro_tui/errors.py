"""The errors a person is meant to read: each carries a complete Russian sentence.

The CLI prints them on one line and exits non-zero; screens show them as notifications.
Anything else that escapes is a bug and keeps its traceback.
"""

from __future__ import annotations


class UserError(Exception):
    """Something the person can fix: the message says what and where, in Russian."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InputError(UserError):
    """A value typed or imported is not acceptable (a malformed date, an end before a start…)."""


class DatabaseError(UserError):
    """The database file cannot be used as asked (missing folder, not SQLite, too new, read-only)."""

    exit_code = 2


class DatabaseBusy(DatabaseError):
    """Another coordinator's write held the database longer than the busy timeout.

    Nothing was written and nothing is broken: the person repeats the action (exit code 1,
    like any refused change, not 2 as for a file that cannot be used).
    """

    exit_code = 1


class AccessDenied(UserError):
    """The person's role does not allow this write: the message starts with «Нет прав: » and
    names the rule and the object. Raised inside the write's transaction, so nothing is kept."""

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


class AccessDenied(UserError):
    """The acting person's role does not allow this: the message starts «Нет прав: » and
    names the rule, so the person knows whom to ask."""

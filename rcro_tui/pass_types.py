"""What the pass rules decide about: an entry as the rules see it, and the verdict on it.

Kept apart from `pass_decide` (which re-exports them) so that the words of the verdicts
(`pass_spans`) and the deciding can both use them without importing each other.
"""

from __future__ import annotations

from typing import NamedTuple

from rcro_tui.model import EntryStatus, Labelled


class Verdict(Labelled):
    YES = "yes", "✓"
    NO = "no", "✗"
    UNDECIDED = "undecided", "?"


class Candidate(NamedTuple):
    """An entry as the rules see it (the db layer fills the names of its groups).

    A named tuple, not a frozen dataclass: as immutable, and a stage's 20 000 of them are
    made four times faster (a frozen dataclass sets each field through `object.__setattr__`).
    """

    id: int
    score: float | None
    status: str = EntryStatus.ADMITTED.value
    subject: str = ""
    grade: int | None = None
    district_id: int | None = None
    district: str = ""
    school_id: int | None = None
    school: str = ""
    session_id: int | None = None
    session: str = ""


class Decision(NamedTuple):
    """The verdict on one entry (a named tuple for the same reason as `Candidate`)."""

    entry_id: int
    verdict: Verdict
    reason: str
    rank: str = ""
    choosable: bool = False
    """The coordinator may set this one (a manual rule, or a tie they decide)."""

    @property
    def passes(self) -> bool:
        return self.verdict is Verdict.YES


Said = tuple[Verdict, str, str, bool]
"""A decision without its entry id: (verdict, reason, rank, choosable) — shared by every
entry of a tie span, and by every entry in the same situation."""

NEVER = {EntryStatus.ABSENT.value: "не явился", EntryStatus.DISQUALIFIED.value:
         "дисквалифицирован"}
"""Statuses that never pass and take no place in the ranking, with their reason."""

"""Messages the panes of one stage send each other, so a write in one refreshes the rest."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message


@dataclass
class StageChanged(Message):
    """Entries, sessions or the pass rule of a stage were written: panes showing it reread."""

    stage_id: int
    forwarded: bool = False
    """Sent on by the stage screen to each of its tabs (and stopped there, never re-sent)."""

"""The organisations the letters say took part: the 11 schools of the webinar of 14.09.2017."""

from __future__ import annotations

from rcro_tui.db import demo_letters_orgs as o
from rcro_tui.db.demo_refs import LETTER_WEBINAR, DemoRefs
from rcro_tui.db.event_orgs import set_participants


def add_letter_participants(refs: DemoRefs) -> None:
    """Seed 004 lists them; the «Об итогах» letter of the webinar lists them grouped again."""
    row = refs.db.execute("SELECT id FROM events WHERE source = ? AND kind = 'webinar'",
                          [LETTER_WEBINAR]).fetchone()
    set_participants(refs.db, row[0], [refs.org(name) for name in o.WEBINAR_SCHOOLS],
                     user=refs.user)

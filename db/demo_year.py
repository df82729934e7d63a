"""The demo region's generated part: a plausible full academic year around 1 September.

Holidays and school breaks, more schools in every district, this year's hub schools and
applications, some 150–250 events of every kind and format, and the year's competitions
with their stages, sessions and entries. Everything is placed relative to the year's
1 September and decided by the seeded random source, so one academic year always gives
the same database.
"""

from __future__ import annotations

from rcro_tui.rules import AcademicYear
from rcro_tui.db.demo_refs import DemoRefs
from rcro_tui.db.demo_year_calendar import YearCalendar, add_holidays
from rcro_tui.db.demo_year_events import YearEvents
from rcro_tui.db.demo_year_festivals import add_year_festivals
from rcro_tui.db.demo_year_network import add_year_network
from rcro_tui.db.demo_year_ochk import add_ochk_year
from rcro_tui.db.demo_year_olympiads import add_olympiads
from rcro_tui.db.demo_year_outreach import add_outreach_year
from rcro_tui.db.demo_year_research import add_research_year
from rcro_tui.db.demo_year_schools import add_year_schools
from rcro_tui.db.demo_year_trc import add_trc_year
from rcro_tui.db.demo_year_vsosh import add_vsosh


def add_year(refs: DemoRefs, year: AcademicYear) -> None:
    """Everything of the generated year, after the letters' part (it reuses their rows)."""
    add_holidays(refs, year)
    add_year_schools(refs)
    add_year_network(refs, year)
    events = YearEvents(refs, YearCalendar(year))
    add_ochk_year(events)
    add_trc_year(events)
    add_outreach_year(events)
    add_research_year(events)
    protocols = add_vsosh(events)
    add_olympiads(events, protocols["физика"])
    add_year_festivals(events)


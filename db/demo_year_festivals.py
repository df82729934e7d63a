"""This year's «Весенний переполох» and «Спортивная мозаика»: a selection round at each hub.

Districts without a hub school have no round of their own (their children go to a
neighbour's); the finals are in April in Tomsk, as in 2017/2018.
"""

from __future__ import annotations

from datetime import timedelta

from rcro_tui.db import demo_letters_orgs as o
from rcro_tui.db.demo_festivals import SPORTS_MOSAIC, SPRING_RUMPUS, Festival, Round, add_festival
from rcro_tui.db.demo_refs import DEMO_SOURCE, OCHK
from rcro_tui.db.demo_year_calendar import at
from rcro_tui.db.demo_year_events import YearEvents
from rcro_tui.db.demo_year_network import selection_hosts

THU, FRI = 3, 4
_NOTE = ("Отборочные этапы проводят опорные школы; в районах без опорной школы участники "
         "выезжают на отборочный этап соседнего района.")


def add_year_festivals(ev: YearEvents) -> None:
    hosts = selection_hosts()
    spring_hosts = {district: pair[0] for district, pair in hosts.items()}
    sport_hosts = {district: pair[1] for district, pair in hosts.items()}
    _festival(ev, SPRING_RUMPUS, spring_hosts, first=ev.cal.month_day(2, 8),
              hours=("14:00", "17:00"), final=(o.GYMNASIUM_13, ev.cal.nth(4, THU, 3)))
    _festival(ev, SPORTS_MOSAIC, sport_hosts, first=ev.cal.month_day(1, 18),
              hours=("15:00", "18:00"), final=(o.SOSH_32, ev.cal.nth(4, FRI, 2)))


def _festival(ev: YearEvents, festival: Festival, hosts: dict[str, str], *, first, hours,
              final: tuple[str, object]) -> None:
    """Rounds every second school day from `first`, in the districts' sort order."""
    cal, rounds = ev.cal, []
    day = first
    for district in sorted(hosts, key=ev.refs.districts.__getitem__):
        day = cal.shift(day)
        start, end = at(day, *hours)
        rounds.append(Round(district, hosts[district], start, end, cal.status(start, end)))
        day += timedelta(days=2)
    final_host, final_wanted = final
    final_day = cal.shift(final_wanted)
    start, end = at(final_day, *hours)
    add_festival(ev.refs, festival, cal.year.start_year, rounds,
                 Round(o.TOMSK, final_host, start, end, cal.status(start, end)),
                 program_id=ev.refs.program(OCHK), organizer=o.RCRO, source=DEMO_SOURCE,
                 note=_NOTE)

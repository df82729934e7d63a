"""Every printable table by name: what `rcro-tui table list` prints and the «Таблицы» screen
offers. Public ones go into the published folder; protocols do not (children's names: there
is no per-stage «publish the protocol» mark yet, so no protocol is published)."""

from __future__ import annotations

from rcro_tui.db.tables import TableSpec
from rcro_tui.db.tables_engagement import engagement
from rcro_tui.db.tables_events import district_events, org_schedule, program_events, year_calendar
from rcro_tui.db.tables_stages import network, stage_protocol, stage_rankings, stage_totals

TABLES = (
    TableSpec("calendar", "Календарь учебного года", year_calendar, ("year",),
              public=True),
    TableSpec("program", "Мероприятия программы", program_events, ("program", "year"),
              public=True),
    TableSpec("district", "Мероприятия муниципалитета", district_events, ("district", "year"),
              public=True),
    TableSpec("schedule", "Расписание организации", org_schedule,
              ("org", "year")),
    TableSpec("network", "Сеть программы", network, ("program",),
              public=True),
    TableSpec("protocol", "Протокол этапа", stage_protocol, ("stage",)),
    TableSpec("rankings", "Рейтинг этапа по районам", stage_rankings, ("stage",)),
    TableSpec("totals", "Итоги этапа по районам", stage_totals, ("stage",)),
    TableSpec("engagement", "Вовлечённость в олимпиады",
              engagement, ("year",)),
)
BY_NAME = {spec.name: spec for spec in TABLES}

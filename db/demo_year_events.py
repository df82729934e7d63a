"""Writing one event of the generated year: its status from the demo's «today», its results if held.

Every series of the year (network webinars, intensives, conferences…) calls `YearEvents.add`,
so statuses, venues, links and results follow one rule and the series stay short.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from rcro_tui.i18n import count
from rcro_tui.model import EventFormat, EventKind, EventStatus, Visibility
from rcro_tui.db.demo_refs import DEMO_SOURCE, DemoRefs
from rcro_tui.db.demo_year_calendar import YearCalendar
from rcro_tui.db.events import AgendaPart, AudienceSegment, EventDraft, add_event

_SIZES = {  # kind -> (fewest, most) participants of a held event
    EventKind.OLYMPIAD: (60, 300), EventKind.CONFERENCE: (60, 180),
    EventKind.CONTEST: (40, 200), EventKind.FESTIVAL: (60, 200),
    EventKind.STRATEGY_SESSION: (40, 80), EventKind.WEBINAR: (40, 160),
    EventKind.SEMINAR: (25, 80), EventKind.ONLINE_HOUR: (40, 120),
    EventKind.INTENSIVE: (25, 60), EventKind.FORUM: (150, 400),
    EventKind.MASTER_CLASS: (12, 40), EventKind.OTHER: (20, 120),
}

_OUTCOMES = {
    EventKind.OLYMPIAD: "Итоги и протоколы размещены на сайте ОГБУ «РЦРО».",
    EventKind.CONTEST: "Итоги и протоколы размещены на сайте ОГБУ «РЦРО».",
    EventKind.CONFERENCE: "Лучшие работы рекомендованы к публикации в сборнике.",
    EventKind.FESTIVAL: "Определены победители и призёры.",
    EventKind.INTENSIVE: "Участники получили сертификаты; лучшие рекомендованы к отбору на "
                         "программы ТРЦ.",
    EventKind.SEMINAR: "Предложения участников включены в план работы на учебный год.",
    EventKind.STRATEGY_SESSION: "Предложения групп включены в план работы на учебный год.",
    EventKind.WEBINAR: "Запись и материалы направлены участникам.",
    EventKind.ONLINE_HOUR: "Запись и материалы направлены участникам.",
}

RCRO_VENUE = "ОГБУ «РЦРО» (г. Томск, ул. Татарская, 16)"


@dataclass
class YearEvents:
    """Adds the generated year's events through one door."""

    refs: DemoRefs
    cal: YearCalendar

    def add(self, title: str, kind: EventKind, start: date | datetime, end: date | datetime, *,
            fmt: EventFormat = EventFormat.IN_PERSON, program: str | None = None,
            host: str | None = None, venue: str | None = None,
            grades: tuple[int, int] | None = None, subjects: str = "",
            visibility: Visibility = Visibility.PUBLIC, description: str = "",
            contacts: str = "", agenda: Sequence[AgendaPart] = (),
            audience: Sequence[AudienceSegment] = (),
            reg: tuple[datetime, datetime] | None = None, cancelled: str = "",
            local: bool = False, size: tuple[int, int] | None = None,
            everywhere: bool = False, link: str | None = None) -> int:
        """One event; `cancelled` gives the reason it was called off, `local` that it drew one
        district, `everywhere` all of them, `size` the range of its participants when the
        kind's usual one does not fit; `link` a platform's own address for remote events."""
        status = EventStatus.CANCELLED if cancelled else self.cal.status(start, end)
        if cancelled:
            description = f"{description} Отменено: {cancelled}".strip()
        draft = EventDraft(
            title=title, kind=kind, start=start, end=end, format=fmt,
            program_id=self.refs.program(program) if program else None,
            host_org_id=self.refs.org(host) if host else None,
            venue=self._venue(fmt, host, venue), online_url=link or self._link(kind, fmt, start),
            grades=grades, subjects=subjects, status=status, visibility=visibility,
            description=description, contacts=contacts, agenda=agenda, audience=audience,
            reg_start=reg[0] if reg else None, reg_end=reg[1] if reg else None,
            source=DEMO_SOURCE)
        if status == EventStatus.HELD:
            self._results(draft, size or _SIZES[EventKind(kind)], local=local,
                          everywhere=everywhere)
        return add_event(self.refs.db, draft, user=self.refs.user)

    @staticmethod
    def _venue(fmt: EventFormat, host: str | None, venue: str | None) -> str:
        if venue is not None or fmt == EventFormat.ONLINE:
            return venue or ""
        return host or ""

    @staticmethod
    def _link(kind: EventKind, fmt: EventFormat, start: date | datetime) -> str:
        """A stable link on the centre's site for what people join remotely."""
        if fmt == EventFormat.IN_PERSON:
            return ""
        day = start.date() if isinstance(start, datetime) else start
        return f"https://rcro.tomsk.ru/online/{kind.value.replace('_', '-')}-{day.isoformat()}"

    def _results(self, draft: EventDraft, size: tuple[int, int], *, local: bool,
                 everywhere: bool) -> None:
        """Plausible counts and a one-paragraph summary for a held event."""
        rng = self.refs.rng
        people = rng.randint(*size) // (2 if local else 1)
        if local:
            where = count(rng.randint(3, 9), "образовательной организации",
                          "образовательных организаций", "образовательных организаций")
        else:
            where = count(20 if everywhere else rng.randint(6, 19), "муниципального образования",
                          "муниципальных образований", "муниципальных образований")
        draft.participants_count = people
        summary = f"Приняли участие {count(people, 'человек', 'человека', 'человек')} из {where}."
        if draft.format != EventFormat.IN_PERSON:
            draft.views_count = people * rng.randint(2, 6)
            summary += f" Просмотров трансляции и записи: {draft.views_count}."
        draft.results_summary = f"{summary} {_OUTCOMES.get(EventKind(draft.kind), '')}".strip()

"""The event editor's fields as typed text, and their reading into an `EventDraft`.

The screen and `rcro-tui events add` both fill an `EventForm` with what a person typed and
call `parse_form`, which reports every problem at once, field by field, in Russian
(`FormErrors.problems`), so the editor can show each message next to its field and the
command line can name each option. Pure Python: no textual, no database connection.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from datetime import date, datetime, time

from rcro_tui.db.events import MAX_TITLE, EventDraft, event_row
from rcro_tui.errors import InputError
from rcro_tui.event_form_lines import (FieldReader, agenda_text, audience_text, count_text,
                                       days_text, grades_text, parse_agenda, parse_audience,
                                       parse_clock, parse_count, parse_day, parse_grades,
                                       read_recurrence)
from rcro_tui.i18n import date_short
from rcro_tui.model import EventFormat, EventKind, EventStatus, Labelled, Visibility

NEEDS_PLACE = (EventStatus.PLANNED, EventStatus.CONFIRMED)
"""Only an event still to come must say where to go; a held one from 2017 may lack its link."""


@dataclass
class EventForm:
    """Every editor field as typed: text, ticks, codes (or Russian labels) and picked ids."""

    title: str = ""
    kind: str = EventKind.OTHER.value
    program_id: int | None = None
    host_org_id: int | None = None
    start_date: str = ""
    start_time: str = ""
    end_date: str = ""
    end_time: str = ""
    all_day: bool = False
    reg_start_date: str = ""
    reg_start_time: str = ""
    reg_end_date: str = ""
    reg_end_time: str = ""
    format: str = EventFormat.IN_PERSON.value
    venue: str = ""
    online_url: str = ""
    grades: str = ""
    subjects: str = ""
    status: str = EventStatus.PLANNED.value
    visibility: str = Visibility.PUBLIC.value
    description: str = ""
    contacts: str = ""
    participants_count: str = ""
    organizations_count: str = ""
    views_count: str = ""
    results_summary: str = ""
    agenda: str = ""
    audience: str = ""
    repeat: str = ""
    """"" (не повторяется) or a `Frequency` code or label: WEEKLY, «ежемесячно»…"""
    interval: str = "1"
    until: str = ""
    count: str = ""
    exdates: str = ""
    source: str = ""
    """Not shown: kept so that editing an imported event does not lose where it came from."""

    @classmethod
    def for_day(cls, day: date) -> "EventForm":
        """A new event's form, on the day the calendar cursor was on."""
        return cls(start_date=date_short(day), end_date=date_short(day))


FIELD_LABELS = {
    "title": "Название", "kind": "Вид", "program_id": "Сетевая программа",
    "host_org_id": "Организатор", "start_date": "Дата начала", "start_time": "Время начала",
    "end_date": "Дата окончания", "end_time": "Время окончания", "all_day": "Весь день",
    "reg_start_date": "Приём заявок с (дата)", "reg_start_time": "Приём заявок с (время)",
    "reg_end_date": "Приём заявок до (дата)", "reg_end_time": "Приём заявок до (время)",
    "format": "Формат", "venue": "Место проведения", "online_url": "Ссылка",
    "grades": "Классы", "subjects": "Предметы", "status": "Статус", "visibility": "Доступ",
    "description": "Описание", "contacts": "Контакты", "participants_count": "Участников",
    "organizations_count": "Организаций", "views_count": "Просмотров",
    "results_summary": "Итоги", "agenda": "Такты программы", "audience": "Целевая аудитория",
    "repeat": "Повторение", "interval": "Интервал повторения", "until": "Повторять до",
    "count": "Число повторов", "exdates": "Кроме дат", "source": "Источник",
}
"""Russian names of the fields, for the conflict dialog and messages outside the editor."""

FORM_FIELDS = tuple(f.name for f in fields(EventForm))
GENERAL = ""
"""The key of a problem that belongs to no single field."""


class FormErrors(InputError):
    """Everything wrong with a form at once: `problems[field] = Russian message`."""

    def __init__(self, problems: dict[str, str]) -> None:
        self.problems = problems
        super().__init__(" ".join(f"{FIELD_LABELS.get(name, 'Мероприятие')}: {text}"
                                  for name, text in problems.items()))


def differing_fields(mine: EventForm, theirs: EventForm) -> list[str]:
    """Names of the fields whose values differ, in form order (the conflict dialog's rows)."""
    return [name for name in FORM_FIELDS if getattr(mine, name) != getattr(theirs, name)]


def form_of(draft: EventDraft) -> EventForm:
    """A stored (or duplicated) event as the editor shows it."""
    start_date, start_time = _moment_texts(draft.start)
    end_date, end_time = _moment_texts(draft.end)
    reg_start = _moment_texts(draft.reg_start) if draft.reg_start else ("", "")
    reg_end = _moment_texts(draft.reg_end) if draft.reg_end else ("", "")
    rule = draft.recurrence
    return EventForm(
        title=draft.title, kind=EventKind(draft.kind).value, program_id=draft.program_id,
        host_org_id=draft.host_org_id, start_date=start_date, start_time=start_time,
        end_date=end_date, end_time=end_time, all_day=not isinstance(draft.start, datetime),
        reg_start_date=reg_start[0], reg_start_time=reg_start[1],
        reg_end_date=reg_end[0], reg_end_time=reg_end[1],
        format=EventFormat(draft.format).value, venue=draft.venue, online_url=draft.online_url,
        grades=grades_text(draft.grades), subjects=draft.subjects,
        status=EventStatus(draft.status).value, visibility=Visibility(draft.visibility).value,
        description=draft.description, contacts=draft.contacts,
        participants_count=count_text(draft.participants_count),
        organizations_count=count_text(draft.organizations_count),
        views_count=count_text(draft.views_count), results_summary=draft.results_summary,
        agenda=agenda_text(draft.agenda), audience=audience_text(draft.audience),
        repeat=rule.freq.value if rule else "", interval=str(rule.interval) if rule else "1",
        until=date_short(rule.until) if rule and rule.until else "",
        count=str(rule.count) if rule and rule.count else "",
        exdates=days_text(rule.exdates) if rule else "", source=draft.source)


def _moment_texts(moment: date | datetime) -> tuple[str, str]:
    if isinstance(moment, datetime):
        return date_short(moment.date()), f"{moment:%H:%M}"
    return date_short(moment), ""


def parse_form(form: EventForm) -> EventDraft:
    """The draft the form describes, or FormErrors listing every problem by field."""
    r = FieldReader()
    title = _title(r, form.title)
    kind = _choice(r, "kind", EventKind, form.kind)
    event_format = _choice(r, "format", EventFormat, form.format)
    status = _choice(r, "status", EventStatus, form.status)
    visibility = _choice(r, "visibility", Visibility, form.visibility)
    start, end = _span(r, form)
    reg_start, reg_end = _registration(r, form, start)
    _place(r, form, event_format, status)
    grades = r.read("grades", parse_grades, form.grades)
    counts = {name: r.read(name, parse_count, getattr(form, name))
              for name in ("participants_count", "organizations_count", "views_count")}
    agenda = r.read("agenda", parse_agenda, form.agenda) or ()
    audience = r.read("audience", lambda text: parse_audience(text, len(agenda)),
                      form.audience) or ()
    first = start.date() if isinstance(start, datetime) else start
    recurrence = read_recurrence(r, repeat=form.repeat, interval=form.interval,
                                 until=form.until, count=form.count, exdates=form.exdates,
                                 first=first)
    if r.problems:
        raise FormErrors(r.problems)
    draft = EventDraft(
        title=title, kind=kind, start=start, end=end, format=event_format,
        program_id=form.program_id, host_org_id=form.host_org_id, reg_start=reg_start,
        reg_end=reg_end, venue=form.venue, online_url=form.online_url.strip(), grades=grades,
        subjects=form.subjects, status=status, visibility=visibility,
        description=form.description, contacts=form.contacts, results_summary=form.results_summary,
        source=form.source, agenda=agenda, audience=audience, recurrence=recurrence, **counts)
    try:
        event_row(draft)  # the storage's own checks: the same for every writer
    except InputError as error:
        raise FormErrors({GENERAL: error.message}) from None
    return draft


def _title(r: FieldReader, text: str) -> str:
    title = " ".join(text.split())
    if not title:
        r.add("title", "Напишите название мероприятия.")
    elif len(title) > MAX_TITLE:
        r.add("title", f"Название длиной {len(title)} символов — допускается не больше "
                       f"{MAX_TITLE}; подробности перенесите в описание.")
    return title


def _choice(r: FieldReader, name: str, enum: type[Labelled], text: str):
    key = text.strip().lower().replace("ё", "е")
    for member in enum:
        if key in (member.value.lower(), member.label.replace("ё", "е")):
            return member
    r.add(name, f"«{text}» — нет такого значения; можно: "
                + ", ".join(member.label for member in enum) + ".")
    return None


def _span(r: FieldReader, form: EventForm):
    """Start and end as datetimes (or dates for an all-day event); end not before start."""
    if not form.start_date.strip():
        r.add("start_date", "Укажите дату начала, например 19.04.2022.")
    first = r.read("start_date", parse_day, form.start_date) if form.start_date.strip() else None
    last = r.read("end_date", parse_day, form.end_date) if form.end_date.strip() else first
    if form.all_day:
        start, end = first, last
    else:
        start = _at(r, "start_time", first, form.start_time, "начала")
        end = _at(r, "end_time", last, form.end_time, "окончания")
    if first and last and last < first:
        r.add("end_date", f"Окончание ({date_short(last)}) раньше начала ({date_short(first)}).")
    elif start is not None and end is not None and end < start:
        r.add("end_time", f"Окончание ({end:%H:%M}) раньше начала ({start:%H:%M}).")
    return start, end


def _at(r: FieldReader, name: str, day: date | None, text: str, what: str) -> datetime | None:
    if not text.strip():
        r.add(name, f"Укажите время {what} (ЧЧ:ММ) или отметьте «Весь день».")
        return None
    clock = r.read(name, parse_clock, text)
    if day is None or clock is None:
        return None
    return datetime.combine(day, time.fromisoformat(clock))


def _registration(r: FieldReader, form: EventForm, start):
    """The registration window: each end a date, or a date and time; it opens before the event."""
    opens = _reg_moment(r, "reg_start", form.reg_start_date, form.reg_start_time, time.min)
    closes = _reg_moment(r, "reg_end", form.reg_end_date, form.reg_end_time, time(23, 59))
    if opens is not None and closes is not None and closes[0] < opens[0]:
        r.add("reg_end_date", f"Приём заявок заканчивается ({date_short(closes[0].date())}) "
                              f"раньше, чем начинается ({date_short(opens[0].date())}).")
    if opens is not None and start is not None:
        event_start = start if isinstance(start, datetime) else datetime.combine(start, time.min)
        if opens[0].date() > event_start.date() or (opens[1] and opens[0] > event_start
                                                    and isinstance(start, datetime)):
            r.add("reg_start_date", "Приём заявок начинается позже самого мероприятия "
                                    f"({date_short(event_start.date())}).")
    if opens is None or closes is None or opens[1] == closes[1]:
        return (_stored(opens), _stored(closes))
    return opens[0], closes[0]  # one end has a time: both are stored with one


def _reg_moment(r: FieldReader, prefix: str, day_text: str, clock_text: str, default: time):
    """(moment, has_time) or None; a time without a date is a problem on the date."""
    if not day_text.strip():
        if clock_text.strip():
            r.add(f"{prefix}_date", "Укажите дату к этому времени.")
        return None
    day = r.read(f"{prefix}_date", parse_day, day_text)
    clock = r.read(f"{prefix}_time", parse_clock, clock_text) if clock_text.strip() else None
    if day is None or (clock_text.strip() and clock is None):
        return None
    at = time.fromisoformat(clock) if clock else default
    return datetime.combine(day, at), clock is not None


def _stored(moment):
    if moment is None:
        return None
    return moment[0] if moment[1] else moment[0].date()


def _place(r: FieldReader, form: EventForm, event_format, status) -> None:
    """Where to go: a venue in person, a link online, both for a hybrid event."""
    url = form.online_url.strip()
    if url and not re.fullmatch(r"(https?://)?[^\s/.]+(\.[^\s/.]+)+(/\S*)?", url):
        r.add("online_url", f"«{url}» — не похоже на ссылку; например https://rcro.tomsk.ru/online.")
    if event_format is None or status not in NEEDS_PLACE:
        return
    if event_format in (EventFormat.IN_PERSON, EventFormat.HYBRID) and not form.venue.strip():
        r.add("venue", f"Для формата «{event_format.label}» укажите место проведения.")
    if event_format in (EventFormat.ONLINE, EventFormat.HYBRID) and not url:
        r.add("online_url", f"Для формата «{event_format.label}» укажите ссылку на подключение.")

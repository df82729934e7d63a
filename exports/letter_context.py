"""The values a letter template places, made from an event's facts. Pure: no database.

Each value is a finished phrase (agreement done in `rcro_tui.letter_words`) or a list of
lines, so a coordinator who edits the .docx template moves and rewords them freely; empty
values are left out by the template's `{% if %}`.
"""

from __future__ import annotations

from datetime import date, datetime

from rcro_tui.i18n import date_short
from rcro_tui.letter_words import (agenda_item, audience_item, capitalized, format_words,
                                   held_verb, kind_noun, list_items, participants_sentence,
                                   planned_parts, program_phrase, registration_words,
                                   span_words, time_words, title_genitive)
from rcro_tui.org_grouping import grouped_text
from rcro_tui.db.letter_facts import ANNOUNCE, LetterFacts

BLANK_NUMBER = "________"


def letter_context(facts: LetterFacts, *, day: date, number: str = "",
                   addressees: str = "") -> dict:
    """Everything the template can use; `number`/`addressees` override the settings'."""
    noun = kind_noun(facts.kind)
    settings = facts.settings
    first, last = _day(facts.start), _day(facts.end)
    announce = facts.letter == ANNOUNCE
    same_day_times = isinstance(facts.start, datetime) and first == last
    return {
        "letterhead": _lines(settings.letterhead),
        "addressees": _lines(addressees or settings.addressees),
        "date": date_short(day),
        "number": number.strip() or settings.number or BLANK_NUMBER,
        "subject": (f"О проведении {noun.genitive}" if announce
                    else f"Об итогах проведения {noun.genitive}"),
        "greeting": "Уважаемые коллеги!",
        "sender": settings.sender,
        "title": facts.title,
        "title_gen": title_genitive(facts.title, facts.kind),
        "kind_cap": capitalized(noun.nominative),
        "kind_gen": noun.genitive,
        "held": held_verb(facts.kind, future=announce),
        "program": _program(facts),
        "format": format_words(facts.format),
        "when_date": span_words(first, last),
        "time": time_words(facts.start, facts.end) if same_day_times else "",  # type: ignore[arg-type]
        "registration": registration_words(facts.reg_start, facts.reg_end, first),
        "venue": facts.venue,
        "online_url": facts.online_url,
        "agenda_intro": planned_parts(len(facts.agenda)),
        "agenda": list_items([agenda_item(p["title"], remote=bool(p["remote"]) and announce,
                                          start_time=p["start_time"], end_time=p["end_time"])
                              for p in facts.agenda]),
        "audience": list_items([audience_item(a["who"], a["attendance"], a["parts"], a["note"])
                                for a in facts.audience]) if announce else [],
        **_results(facts, announce),
        "signatory_position": settings.signatory_position,
        "signatory_name": settings.signatory_name,
        "executors": _lines(facts.contacts or settings.executors),
    }


def _program(facts: LetterFacts) -> str:
    """«в рамках реализации проекта ФИП «…»», unless the title already names the programme."""
    program = facts.program
    if program is None:
        return ""
    if any(name and name in facts.title for name in (program.name, program.short_name)):
        return ""
    return program_phrase(program.kind, program.name, program.short_name)


def _results(facts: LetterFacts, announce: bool) -> dict:
    """The «Об итогах» paragraphs: who took part (organisations grouped), views, the summary."""
    if announce:
        return {"participants": "", "organizations": "", "views": "", "summary": []}
    orgs = facts.organizations
    organizations_count = len(orgs) if orgs else facts.organizations_count
    return {
        "participants": participants_sentence(facts.kind, facts.participants_count,
                                              organizations_count),
        "organizations": grouped_text(orgs),
        "views": f"Количество просмотров: {facts.views_count}" if facts.views_count else "",
        "summary": _lines(facts.results_summary),
    }


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _day(moment: date | datetime) -> date:
    return moment.date() if isinstance(moment, datetime) else moment

"""The networks of the generated year: hub schools per district, ТРЦ base sites, applications.

Two districts are deliberately left without a hub school, as real networks have gaps the
coordinators must see: Кожевниковский район (its only application, of 14.09.2017, was never
decided, and this year's was rejected) and Тегульдетский район (an application under review).
"""

from __future__ import annotations

from datetime import date, timedelta

from rcro_tui.model import MembershipStatus as S
from rcro_tui.model import Role
from rcro_tui.rules import AcademicYear
from rcro_tui.db import demo_letters_orgs as o
from rcro_tui.db.demo_refs import DEMO_SOURCE, OCHK, TRC, DemoRefs
from rcro_tui.membership_rules import StepDraft
from rcro_tui.db.memberships import apply, move
from rcro_tui.db.network import Step, add_membership
from rcro_tui.db.rounds import add_round

WITHOUT_HUB = ("Кожевниковский район", "Тегульдетский район")

HUBS: dict[str, str] = {
    "ЗАТО Северск": "МАОУ «Северская гимназия»",
    "г. Стрежевой": "МОУ «СОШ № 4» городского округа Стрежевой",
    "г. Кедровый": "МКОУ «Кедровская СОШ»",
    "Александровский район": "МАОУ СОШ № 1 с. Александровское",
    "Асиновский район": "МБОУ «Асиновская СОШ № 1»",
    "Бакчарский район": "МБОУ «Бакчарская СОШ»",
    "Верхнекетский район": "МАОУ «Белоярская СОШ № 1» Верхнекетского района",
    "Зырянский район": o.ZYRYANSKAYA,
    "Каргасокский район": "МБОУ «Каргасокская СОШ № 2»",
    "Колпашевский район": "МАОУ «СОШ № 7» г. Колпашево",
    "Кривошеинский район": o.KRIVOSHEINO,
    "Молчановский район": "МАОУ «Молчановская СОШ № 1»",
    "Парабельский район": "МАОУ «Парабельская гимназия»",
    "Первомайский район": "МАОУ «Первомайская СОШ»",
    "Чаинский район": "МБОУ «Подгорнская СОШ» Чаинского района",
    "Шегарский район": "МБОУ «Шегарская СОШ № 1»",
}
"""This year's new hub schools of «Образование через коммуникацию», by district."""

LETTER_HUBS = {o.TOMSK: (o.SOSH_58, o.SOSH_47, o.LYCEUM_7), o.TOMSK_DISTRICT: (o.BOGASHEVO,)}
"""Hubs approved in 2017 that still serve: г. Томск and Томский район."""

TRC_BASES = ("МАОУ «Сибирский лицей» г. Томска", "МАОУ лицей № 8 им. Н.Н. Рукавишникова г. Томска",
             "МАОУ «Северская гимназия»", "МАОУ «СОШ № 7» г. Колпашево")

HUB_TOPIC = "отборочные этапы фестивалей «Весенний переполох» и «Спортивная мозаика»"


def selection_hosts() -> dict[str, tuple[str, str]]:
    """Per district the hosts of the «Весенний переполох» and «Спортивная мозаика» rounds."""
    hosts = {o.TOMSK: (o.SOSH_58, o.SOSH_47), o.TOMSK_DISTRICT: (o.BOGASHEVO, o.BOGASHEVO)}
    hosts.update({district: (school, school) for district, school in HUBS.items()})
    return hosts


def _workday(day: date) -> date:
    """Applications and orders are dated on working days."""
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def _order(day: date, number: int, what: str) -> str:
    return f"приказ ОГБУ «РЦРО» от {day:%d.%m.%Y} № {number}-о «{what}» (демо)"


def add_year_network(refs: DemoRefs, year: AcademicYear) -> None:
    add_hubs(refs, year)
    add_trc_bases(refs, year)
    add_applications(refs, year)
    add_trc_round(refs, year)
    add_expiring_partner(refs, year)


TRC_ROUND_APPLICANTS = ("МАОУ гимназия № 6 г. Томска", "МБОУ «Северский лицей»",
                        "МАОУ «Зональненская СОШ» Томского района")


def add_trc_round(refs: DemoRefs, year: AcademicYear) -> None:
    """A selection round still open in late November: three applications, one under review."""
    program, autumn = refs.program(TRC), year.start_year
    round_id = add_round(refs.db, program, Role.BASE,
                         f"Отбор базовых площадок ТРЦ на {autumn + 1} год",
                         opened_on=_workday(date(autumn, 11, 2)),
                         deadline=date(autumn, 12, 15), user=refs.user,
                         note="Заявки принимаются до 15 декабря; решение — приказом РЦРО.")
    for number, school in enumerate(TRC_ROUND_APPLICANTS):
        applied = _workday(date(autumn, 11, 5) + timedelta(days=3 * number))
        membership = apply(refs.db, refs.org(school), program, Role.BASE, on_date=applied,
                           user=refs.user, round_id=round_id,
                           note="Заявка на статус базовой площадки ТРЦ.")
        if number == 0:
            move(refs.db, membership, StepDraft(S.REVIEW, _workday(date(autumn, 11, 16)),
                                                 note="Передана экспертной комиссии."),
                 user=refs.user)


def add_expiring_partner(refs: DemoRefs, year: AcademicYear) -> None:
    """ТГПУ's partnership in «Образование через коммуникацию» ends on 31 December: flagged."""
    program, autumn = refs.program(OCHK), year.start_year
    membership = apply(refs.db, refs.org(o.TSPU), program, Role.PARTNER,
                       on_date=_workday(date(autumn, 8, 20)), user=refs.user,
                       note="Соглашение о сетевом взаимодействии.")
    approved = _workday(date(autumn, 9, 1))
    move(refs.db, membership, StepDraft(
        S.APPROVED, approved, _order(approved, 309, "О партнёрах сети"),
        valid_until=date(autumn, 12, 31)), user=refs.user)


def add_hubs(refs: DemoRefs, year: AcademicYear) -> None:
    """Hubs applied in May, reviewed in June, approved at the end of August for the year."""
    program = refs.program(OCHK)
    approved = _workday(date(year.start_year, 8, 26))
    document = _order(approved, 301, "Об утверждении перечня опорных школ")
    for number, (district, school) in enumerate(HUBS.items()):
        applied = _workday(date(year.start_year, 5, 12) + timedelta(days=number))
        add_membership(refs.db, refs.org(school), program, Role.HUB, [
            Step(S.APPLIED, applied, note="Заявка на статус опорной школы."),
            Step(S.REVIEW, _workday(date(year.start_year, 6, 16)),
                 note="Рассмотрена на совете сети."),
            Step(S.APPROVED, approved, document)],
            user=refs.user, district_id=refs.district(district), topic=HUB_TOPIC,
            valid_until=year.last_day, source=DEMO_SOURCE)


def add_trc_bases(refs: DemoRefs, year: AcademicYear) -> None:
    program = refs.program(TRC)
    approved = _workday(date(year.start_year, 9, 10))
    document = _order(approved, 318, "О базовых площадках ТРЦ")
    for school in TRC_BASES:
        add_membership(refs.db, refs.org(school), program, Role.BASE, [
            Step(S.APPLIED, _workday(date(year.start_year, 8, 25)),
                 note="Заявка на статус базовой площадки."),
            Step(S.APPROVED, approved, document)],
            user=refs.user, topic="базовая площадка ТРЦ: олимпиадная подготовка",
            valid_until=year.last_day, source=DEMO_SOURCE)


def add_applications(refs: DemoRefs, year: AcademicYear) -> None:
    """This autumn's open cases: one rejected, one under review, new participants approved."""
    program, autumn = refs.program(OCHK), year.start_year
    rejected = _workday(date(autumn, 10, 14))
    add_membership(refs.db, refs.org("МБОУ «Уртамская СОШ»"), program, Role.HUB, [
        Step(S.APPLIED, _workday(date(autumn, 9, 15)), note="Заявка на статус опорной школы."),
        Step(S.REJECTED, rejected, _order(rejected, 352, "Об итогах рассмотрения заявок"),
             "Нет педагога-организатора; рекомендовано подать заявку повторно.")],
        user=refs.user, district_id=refs.district("Кожевниковский район"), topic=HUB_TOPIC,
        source=DEMO_SOURCE)
    add_membership(refs.db, refs.org("МБОУ «Тегульдетская СОШ»"), program, Role.HUB, [
        Step(S.APPLIED, _workday(date(autumn, 11, 9)), note="Заявка на статус опорной школы."),
        Step(S.REVIEW, _workday(date(autumn, 11, 16)), note="Передана на совет сети.")],
        user=refs.user, district_id=refs.district("Тегульдетский район"), topic=HUB_TOPIC,
        source=DEMO_SOURCE)
    joined = _workday(date(autumn, 9, 18))
    for school in ("МАОУ «Зональненская СОШ» Томского района", "МАОУ гимназия № 6 г. Томска",
                   "МБОУ «Северский лицей»", "МБОУ «Новокусковская СОШ»", "МКОУ «Нарымская СОШ»",
                   "МБОУ «Шегарская СОШ № 2»"):
        add_membership(refs.db, refs.org(school), program, Role.PARTICIPANT, [
            Step(S.APPLIED, _workday(date(autumn, 9, 4))),
            Step(S.APPROVED, joined, _order(joined, 327, "О составе участников сети"))],
            user=refs.user, source=DEMO_SOURCE)

"""Memberships the letters describe, each with its history of steps.

Letter 004 gives the statuses agreed at the webinar of 14.09.2017; letter 003 announces the
selection of base organisations for «Парк ЕНОТо» (June 2022) but not its outcome, so the
applications and decisions here are demo data, and every invented document says «(демо)».
"""

from __future__ import annotations

from datetime import date

from rcro_tui.model import MembershipStatus as S
from rcro_tui.model import Role
from rcro_tui.db import demo_letters_orgs as o
from rcro_tui.db.demo_refs import (ENOTO, INTEGRATION, LETTER_521, LETTER_883, LETTER_WEBINAR,
                                   OCHK, DemoRefs)
from rcro_tui.db.network import Step, add_membership

WEBINAR_DAY = date(2017, 9, 14)
OCHK_ORDER = "приказ ОГБУ «РЦРО» от 02.10.2017 № 316-о (демо)"
BASE_ORDER = "приказ ОГБУ «РЦРО» от 15.07.2022 № 257-о (демо)"
BASE_UNTIL = date(2024, 12, 31)

_HUBS_2017 = (
    (o.SOSH_58, "фестиваль искусств «Весенний переполох» (отборочный этап)",
     "Предложение Стоцкой Н.В. на установочном вебинаре."),
    (o.SOSH_47, "фестиваль «Спортивная мозаика» (отборочный этап)",
     "Предложение Галочкиной Е.О. на установочном вебинаре."),
    (o.LYCEUM_7, "модуль «Тайны науки»", "Предложение Брагиной Е.Л. на установочном вебинаре."),
)

_PARK_PARTNERS = (o.TSU, o.TPU, o.TSPU, o.IAO, o.ISPMS, o.HCEI, o.SIBUR, o.UNITECH, o.UTS,
                  o.PLANETARIUM, o.KVANTORIUM, o.RESONANCE, o.BOTANIC, o.MUSEUMS_TSU,
                  o.OBSERVATORY, o.OLYMPIAD_SCHOOL, o.PHYSMATH_TSPU)

_BASE_APPLICANTS = (  # school, applied on, outcome
    (o.LYCEUM_7, date(2022, 6, 20), S.APPROVED),
    (o.SOSH_32, date(2022, 6, 21), S.APPROVED),
    (o.SOSH_50, date(2022, 6, 23), S.APPROVED),
    (o.BOGASHEVO, date(2022, 6, 24), S.APPROVED),
    (o.ZYRYANSKAYA, date(2022, 6, 27), S.APPROVED),
    (o.OKTYABRSKAYA, date(2022, 6, 28), S.REJECTED),
    (o.KRIVOSHEINO, date(2022, 6, 29), S.WITHDRAWN),
)


def add_letter_memberships(refs: DemoRefs) -> None:
    add_ochk_network(refs)
    add_park_partners(refs)
    add_base_selection(refs)
    add_integration(refs)


def add_ochk_network(refs: DemoRefs) -> None:
    """«Образование через коммуникацию»: 11 participants, a coordinator, hubs, one application."""
    program = refs.program(OCHK)
    member = _member(refs, program)
    for school in o.WEBINAR_SCHOOLS:
        member(school, Role.PARTICIPANT, [
            Step(S.APPLIED, WEBINAR_DAY, note="Участие в установочном вебинаре для "
                 "потенциальных участников программы."),
            Step(S.APPROVED, date(2017, 10, 2), OCHK_ORDER)])
    member(o.GYMNASIUM_13, Role.COORDINATOR, [
        Step(S.APPROVED, WEBINAR_DAY, note="Лобастова М.П. представила сетевую модель "
             "организационно-управленческого сопровождения программы.")])
    for school, topic, note in _HUBS_2017:
        member(school, Role.HUB, [Step(S.APPLIED, WEBINAR_DAY, note=note),
                                  Step(S.APPROVED, date(2017, 10, 2), OCHK_ORDER)],
               district=o.TOMSK, topic=topic)
    member(o.BOGASHEVO, Role.HUB, [
        Step(S.APPROVED, WEBINAR_DAY, note="Семиренко И.И. подтвердила статус опорной школы "
             "по реализации программы в Томском районе.")],
        district=o.TOMSK_DISTRICT, topic="реализация программы в Томском районе")
    member(o.KOZHEVNIKOVO_2, Role.HUB, [
        Step(S.APPLIED, WEBINAR_DAY, note="Понамарева Г.Н. от имени школы подала заявку на "
             "статус опорной школы.")],
        district="Кожевниковский район", topic="реализация программы в Кожевниковском районе",
        note="Заявка подана на установочном вебинаре; решения по ней нет.")


def add_park_partners(refs: DemoRefs) -> None:
    """Co-executors of «Парк ЕНОТо» named among the project's resources in letter 003."""
    member = _member(refs, refs.program(ENOTO), source=LETTER_521)
    for partner in _PARK_PARTNERS:
        member(partner, Role.PARTNER, [
            Step(S.APPROVED, date(2022, 6, 2), note="Организация-партнёр проекта: ресурсы "
                 "соисполнителя перечислены в приложении к письму.")])


def add_base_selection(refs: DemoRefs) -> None:
    """The June 2022 selection of base organisations; its outcomes are demo data."""
    member = _member(refs, refs.program(ENOTO),
                     source=f"{LETTER_521} (объявление отбора; заявки и решения — демо)")
    for school, applied, outcome in _BASE_APPLICANTS:
        steps = [Step(S.APPLIED, applied, note="Заявка на конкурсный отбор.")]
        if outcome == S.WITHDRAWN:
            steps.append(Step(S.WITHDRAWN, date(2022, 7, 8), note="Заявка отозвана школой."))
        else:
            steps.append(Step(S.REVIEW, date(2022, 7, 4), note="Передана экспертной комиссии."))
            reason = ("" if outcome == S.APPROVED
                      else "Заявка не соответствует требованиям положения.")
            steps.append(Step(outcome, date(2022, 7, 15), BASE_ORDER, reason))
        if outcome == S.APPROVED:
            steps.append(Step(S.EXPIRED, date(2025, 1, 1), note="Срок статуса истёк 31.12.2024."))
        member(school, Role.BASE, steps, valid_until=BASE_UNTIL if outcome == S.APPROVED else None,
               topic="базовая образовательная организация проекта «Парк ЕНОТо» на 2022–2024 годы")


def add_integration(refs: DemoRefs) -> None:
    """RCRO's partnership with project «Интеграция»: the agreement was still under review."""
    member = _member(refs, refs.program(INTEGRATION), source=LETTER_883)
    member(o.RCRO, Role.PARTNER, [
        Step(S.REVIEW, date(2014, 12, 8), note="Проект договора о сотрудничестве между ОГБУ "
             "«РЦРО» и Департаментом по молодёжной политике, физической культуре и спорту "
             "Томской области на рассмотрении; партнёрские связи — с 2014 года.")])


def _member(refs: DemoRefs, program_id: int, *, source: str = LETTER_WEBINAR):
    """A writer of memberships of one programme, so each call names only what differs."""
    def write(org: str, role: Role, steps: list[Step], *, district: str | None = None,
              topic: str = "", note: str = "", valid_until: date | None = None) -> int:
        return add_membership(
            refs.db, refs.org(org), program_id, role, steps, user=refs.user,
            district_id=refs.district(district) if district else None, topic=topic, note=note,
            valid_until=valid_until, source=source)
    return write

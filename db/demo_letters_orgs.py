"""Every organisation and person the five letters name, official names as the letters write them.

Names are byte for byte the letters' («МБОУ «Кривошеинская СОШ им. Героя Советского Союза
Федора Матвеевича Зинченко»» keeps its «Федора»); only a list such as «СОШ №№ 32, 47, 50, 58»
is expanded into one school each. Addresses, phones and INNs are given only where a letter
gives them: nothing about a real organisation is invented.
"""

from __future__ import annotations

from typing import NamedTuple

from rcro_tui.model import OrgKind
from rcro_tui.db.demo_refs import (LETTER_521, LETTER_766, LETTER_883, LETTER_SESSION,
                                   LETTER_WEBINAR, DemoRefs)
from rcro_tui.db.network import add_contact, add_organization

TOMSK = "г. Томск"
TOMSK_DISTRICT = "Томский район"

RCRO = "ОГБУ «Региональный центр развития образования»"
DOO = "Департамент общего образования Томской области"
DMP = "Департамент по молодёжной политике, физической культуре и спорту Томской области"
SPORT_HOTEL = "«Спорт отель»"
TSU = "ФГАОУ ВО «Национальный исследовательский Томский государственный университет»"
TPU = "ФГАОУ ВО «Национальный исследовательский Томский политехнический университет»"
TSPU = "ФГБОУ ВО «Томский государственный педагогический университет»"
IAO = "Институт оптики атмосферы им. В.Е. Зуева СО РАН"
ISPMS = "Институт физики прочности и материаловедения СО РАН"
HCEI = "Институт сильноточной электроники СО РАН"
SIBUR = "ПАО «Сибур»"
UNITECH = "НПО «Унитех»"
UTS = "ООО «УТС»"
PLANETARIUM = "Томский планетарий"
KVANTORIUM = "АНО ДО «Кванториум»"
RESONANCE = "Школа «Резонанс»"
BOTANIC = "Сибирский ботанический сад ТГУ"
MUSEUMS_TSU = "Музеи ТГУ"
OBSERVATORY = "Обсерватория ТГУ"
OLYMPIAD_SCHOOL = "Сетевая школа олимпиадной физики, математики и астрономии ТГУ"
INSTITUTE_EDU = "Институт образования ТГУ"
PHYSICS_TSU = "Физический факультет ТГУ"
IDO_TSU = "Институт дистанционного образования ТГУ"
PHYSMATH_TSPU = "Центр физико-математического ДО ТГПУ"
SIRIUS = "Образовательный центр «Сириус»"
FNFRO = "ФГАУ «Фонд новых форм развития образования»"

GYMNASIUM_13 = "МАОУ гимназия № 13 г. Томска"
LYCEUM_7 = "МАОУ лицей № 7 г. Томска"
SOSH_32 = "МАОУ СОШ № 32 г. Томска"
SOSH_47 = "МАОУ СОШ № 47 г. Томска"
SOSH_50 = "МАОУ СОШ № 50 г. Томска"
SOSH_58 = "МАОУ СОШ № 58 г. Томска"
BOGASHEVO = "МБОУ «Богашевская СОШ им. А.И. Фёдорова»"
OKTYABRSKAYA = "МБОУ «Октябрьская СОШ» Томского района"
KOZHEVNIKOVO_2 = "МБОУ «Кожевниковская СОШ № 2»"
KRIVOSHEINO = "МБОУ «Кривошеинская СОШ им. Героя Советского Союза Федора Матвеевича Зинченко»"
ZYRYANSKAYA = "МБОУ «Зырянская СОШ»"

WEBINAR_SCHOOLS = (GYMNASIUM_13, LYCEUM_7, SOSH_32, SOSH_47, SOSH_50, SOSH_58, BOGASHEVO,
                   OKTYABRSKAYA, KOZHEVNIKOVO_2, KRIVOSHEINO, ZYRYANSKAYA)
"""The 11 organisations of the setup webinar of 14.09.2017, in the letter's order."""

RCRO_PHONE = "(3822) 515-326"


class Org(NamedTuple):
    name: str
    short: str
    kind: OrgKind
    district: str | None
    source: str
    form: str = ""
    note: str = ""
    website: str = ""


_RCRO_DETAILS = dict(address="634050, г. Томск, ул. Татарская, д. 16", phone="(3822) 51-56-66",
                     email="secretary@education.tomsk.ru", inn="7017033960",
                     website="rcro.tomsk.ru")

_PARK = f"{LETTER_521}, приложение: ресурсы соисполнителей проекта"

ORGS: tuple[Org, ...] = (
    Org(RCRO, "ОГБУ «РЦРО»", OrgKind.CENTRE, TOMSK, f"{LETTER_883}; {LETTER_521}", "ОГБУ",
        "Федеральная инновационная площадка Минпросвещения России; региональный оператор ВЦП; "
        "Томский региональный центр выявления и поддержки одарённых детей."),
    Org(DOO, "Департамент общего образования", OrgKind.AUTHORITY, TOMSK, LETTER_883),
    Org(DMP, "Департамент по молодёжной политике", OrgKind.AUTHORITY, TOMSK, LETTER_883,
        note="Проект «Интеграция», Молодёжный экспертный клуб."),
    Org("Министерство просвещения Российской Федерации", "Минпросвещения России",
        OrgKind.AUTHORITY, None, f"{LETTER_SESSION}; {LETTER_766}"),
    Org("Министерство науки и высшего образования Российской Федерации", "Минобрнауки России",
        OrgKind.AUTHORITY, None, LETTER_766),
    Org("Общественная палата Томской области", "Общественная палата", OrgKind.OTHER, TOMSK,
        LETTER_883, note="Разработала Стратегию развития гражданского общества в Томской "
        "области до 2022 года."),
    Org(SPORT_HOTEL, "Спорт отель", OrgKind.OTHER, None, LETTER_883,
        note="Место стратегической сессии Молодёжного экспертного клуба 30.11.2014 "
        "(адрес в письме не указан)."),
    Org(TSU, "ТГУ", OrgKind.UNIVERSITY, TOMSK, _PARK, "ФГАОУ ВО", website="tsu.ru"),
    Org(TPU, "ТПУ", OrgKind.UNIVERSITY, TOMSK, _PARK, "ФГАОУ ВО", website="tpu.ru"),
    Org(TSPU, "ТГПУ", OrgKind.UNIVERSITY, TOMSK, _PARK, "ФГБОУ ВО", website="tspu.ru"),
    Org(INSTITUTE_EDU, "ИО ТГУ", OrgKind.UNIVERSITY, TOMSK, _PARK, note="Подразделение ТГУ."),
    Org(PHYSICS_TSU, "ФФ ТГУ", OrgKind.UNIVERSITY, TOMSK, _PARK, note="Подразделение ТГУ."),
    Org(IDO_TSU, "ИДО ТГУ", OrgKind.UNIVERSITY, TOMSK, _PARK, note="Подразделение ТГУ."),
    Org(OLYMPIAD_SCHOOL, "Сетевая олимпиадная школа ТГУ", OrgKind.ADDITIONAL, TOMSK, _PARK),
    Org(PHYSMATH_TSPU, "Центр ФМДО ТГПУ", OrgKind.ADDITIONAL, TOMSK, _PARK),
    Org(OBSERVATORY, "Обсерватория ТГУ", OrgKind.RESEARCH, TOMSK, _PARK),
    Org(BOTANIC, "СибБС ТГУ", OrgKind.RESEARCH, TOMSK, _PARK),
    Org(MUSEUMS_TSU, "Музеи ТГУ", OrgKind.MUSEUM, TOMSK, _PARK),
    Org(IAO, "ИОА СО РАН", OrgKind.RESEARCH, TOMSK, f"{LETTER_521} (институты СО РАН)", "ФГБУН"),
    Org(ISPMS, "ИФПМ СО РАН", OrgKind.RESEARCH, TOMSK, f"{LETTER_521} (институты СО РАН)",
        "ФГБУН"),
    Org(HCEI, "ИСЭ СО РАН", OrgKind.RESEARCH, TOMSK, f"{LETTER_521} (институты СО РАН)", "ФГБУН"),
    Org(SIBUR, "Сибур", OrgKind.COMPANY, None, _PARK, "ПАО", note="Гранты НКО-партнёров."),
    Org(UNITECH, "Унитех", OrgKind.COMPANY, TOMSK, _PARK),
    Org(UTS, "УТС", OrgKind.COMPANY, TOMSK, _PARK, "ООО"),
    Org(PLANETARIUM, "Планетарий", OrgKind.MUSEUM, TOMSK, _PARK,
        note="Аппарат планетария, наблюдательная площадка."),
    Org(KVANTORIUM, "Кванториум", OrgKind.ADDITIONAL, TOMSK, _PARK, "АНО ДО"),
    Org(RESONANCE, "Резонанс", OrgKind.ADDITIONAL, TOMSK, _PARK),
    Org(SIRIUS, "ОЦ «Сириус»", OrgKind.CENTRE, None, f"{LETTER_521}; {LETTER_766}"),
    Org(FNFRO, "Фонд новых форм развития образования", OrgKind.OTHER, None, _PARK, "ФГАУ",
        note="Лекции и интенсивы."),
    Org(GYMNASIUM_13, "Гимназия № 13", OrgKind.SCHOOL, TOMSK, LETTER_WEBINAR, "МАОУ"),
    Org(LYCEUM_7, "Лицей № 7", OrgKind.SCHOOL, TOMSK, LETTER_WEBINAR, "МАОУ"),
    Org(SOSH_32, "СОШ № 32", OrgKind.SCHOOL, TOMSK, LETTER_WEBINAR, "МАОУ"),
    Org(SOSH_47, "СОШ № 47", OrgKind.SCHOOL, TOMSK, LETTER_WEBINAR, "МАОУ"),
    Org(SOSH_50, "СОШ № 50", OrgKind.SCHOOL, TOMSK, LETTER_WEBINAR, "МАОУ"),
    Org(SOSH_58, "СОШ № 58", OrgKind.SCHOOL, TOMSK, LETTER_WEBINAR, "МАОУ"),
    Org(BOGASHEVO, "Богашевская СОШ", OrgKind.SCHOOL, TOMSK_DISTRICT, LETTER_WEBINAR, "МБОУ"),
    Org(OKTYABRSKAYA, "Октябрьская СОШ", OrgKind.SCHOOL, TOMSK_DISTRICT, LETTER_WEBINAR, "МБОУ"),
    Org(KOZHEVNIKOVO_2, "Кожевниковская СОШ № 2", OrgKind.SCHOOL, "Кожевниковский район",
        LETTER_WEBINAR, "МБОУ"),
    Org(KRIVOSHEINO, "Кривошеинская СОШ", OrgKind.SCHOOL, "Кривошеинский район", LETTER_WEBINAR,
        "МБОУ"),
    Org(ZYRYANSKAYA, "Зырянская СОШ", OrgKind.SCHOOL, "Зырянский район", LETTER_WEBINAR, "МБОУ"),
)


class Person(NamedTuple):
    org: str
    name: str
    position: str
    source: str
    phone: str = ""


PEOPLE: tuple[Person, ...] = (
    Person(RCRO, "Лыжина Надежда Петровна", "директор", f"{LETTER_883}; {LETTER_766}"),
    Person(RCRO, "Захарова Елена Владимировна",
           "заместитель директора по организационно-методической работе", LETTER_521, RCRO_PHONE),
    Person(RCRO, "Ковалев Егор Владимирович", "заместитель директора – начальник отдела "
           "выявления и поддержки молодых талантов", LETTER_521, RCRO_PHONE),
    Person(RCRO, "Худобина Юлия Петровна",
           "старший методист отдела выявления и поддержки молодых талантов", LETTER_521,
           RCRO_PHONE),
    Person(RCRO, "Сафонова В.П.", "старший методист отдела маркетинга, региональный координатор "
           "программы «Образование через коммуникацию»", LETTER_WEBINAR),
    Person(RCRO, "Танцева С.Г.", "начальник отдела маркетинга", LETTER_WEBINAR),
    Person(RCRO, "Агапов А.М.", "специалист отдела развития образовательных систем", LETTER_883),
    Person(RCRO, "Горских О.В.", "старший научный сотрудник отдела развития "
           "государственно-общественного управления образованием", LETTER_883),
    Person(DOO, "Вторина Елена Вениаминовна",
           "заместитель начальника Департамента общего образования Томской области", LETTER_521),
    Person(DMP, "Карташев Г.А.", "председатель комитета по молодёжной политике", LETTER_883),
    Person(DMP, "Ляшевский В.В.", "руководитель Молодёжного экспертного клуба", LETTER_883),
    Person(GYMNASIUM_13, "Лобастова Марина Петровна",
           "заместитель директора по НМР, координатор программы", LETTER_WEBINAR),
    Person(SOSH_32, "Тужикова Татьяна Александровна", "заместитель директора по НМР",
           LETTER_WEBINAR),
    Person(SOSH_58, "Стоцкая Наталья Владимировна", "учитель", LETTER_WEBINAR),
    Person(SOSH_47, "Галочкина Елена Олеговна", "учитель английского языка", LETTER_WEBINAR),
    Person(LYCEUM_7, "Брагина Елена Леонтьевна", "заместитель директора по инновационной работе",
           LETTER_WEBINAR),
    Person(BOGASHEVO, "Семиренко Ирина Ивановна", "учитель", LETTER_WEBINAR),
    Person(KOZHEVNIKOVO_2, "Понамарева Галина Николаевна",
           "заместитель директора по инновационной работе", LETTER_WEBINAR),
)


def add_letter_orgs(refs: DemoRefs) -> None:
    """Write the letters' organisations and the people they name (RCRO with its real details)."""
    for org in ORGS:
        district_id = refs.district(org.district) if org.district else None
        details = _RCRO_DETAILS if org.name == RCRO else {"website": org.website}
        org_id = add_organization(
            refs.db, org.name, org.kind, user=refs.user, district_id=district_id,
            short_name=org.short, legal_form=org.form, note=org.note, source=org.source,
            **details)
        refs.orgs[org.name] = org_id
        refs.org_district[org_id] = district_id
    for person in PEOPLE:
        add_contact(refs.db, refs.org(person.org), person.name, user=refs.user,
                    position=person.position, phone=person.phone, source=person.source)

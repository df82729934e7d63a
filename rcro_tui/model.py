"""The vocabulary of the domain: every closed set of values the database stores, with Russian labels.

Values stored in the database are short English codes (stable across translations); what a
coordinator sees is the `label`. Pure Python: imports nothing of ours.
"""

from __future__ import annotations

from enum import StrEnum


class Labelled(StrEnum):
    """A StrEnum whose members carry a Russian label: `Kind("olympiad").label == "олимпиада"`."""

    label: str

    def __new__(cls, value: str, label: str) -> "Labelled":
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        return member

    @classmethod
    def label_of(cls, value: str | None) -> str:
        """The label for a stored value; unknown values are shown as they are, never hidden."""
        if value is None:
            return ""
        try:
            return cls(value).label
        except ValueError:
            return value

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        """(label, value) pairs in declaration order, as Textual's Select wants them."""
        return [(member.label, member.value) for member in cls]


class DistrictKind(Labelled):
    URBAN_OKRUG = "urban_okrug", "городской округ"
    MUNICIPAL_DISTRICT = "district", "муниципальный район"


class OrgKind(Labelled):
    SCHOOL = "school", "школа"
    ADDITIONAL = "additional", "дополнительное образование"
    COLLEGE = "college", "колледж, техникум"
    UNIVERSITY = "university", "вуз"
    RESEARCH = "research", "научный институт"
    COMPANY = "company", "предприятие"
    MUSEUM = "museum", "музей, планетарий"
    AUTHORITY = "authority", "орган управления"
    CENTRE = "centre", "региональный центр"
    OTHER = "other", "другое"


class ProgramKind(Labelled):
    REGIONAL_NETWORK = "regional_network", "региональная сетевая программа"
    FEDERAL_SITE = "federal_site", "проект федеральной инновационной площадки"
    REGIONAL_PROJECT = "regional_project", "региональный проект"
    CENTRE = "centre", "центр / ведомственная программа"
    OTHER = "other", "другое"


class Role(Labelled):
    HUB = "hub", "опорная школа"
    BASE = "base", "базовая организация"
    PILOT = "pilot", "апробационная площадка"
    PARTICIPANT = "participant", "участник сети"
    PARTNER = "partner", "партнёр / соисполнитель"
    COORDINATOR = "coordinator", "координатор"


class MembershipStatus(Labelled):
    APPLIED = "applied", "заявка подана"
    REVIEW = "review", "на рассмотрении"
    APPROVED = "approved", "одобрена"
    REJECTED = "rejected", "отклонена"
    WITHDRAWN = "withdrawn", "отозвана"
    EXPIRED = "expired", "истекла"


class EventKind(Labelled):
    OLYMPIAD = "olympiad", "олимпиада"
    CONFERENCE = "conference", "конференция"
    CONTEST = "contest", "конкурс"
    FESTIVAL = "festival", "фестиваль"
    STRATEGY_SESSION = "strategy_session", "стратегическая сессия"
    WEBINAR = "webinar", "вебинар"
    SEMINAR = "seminar", "семинар"
    ONLINE_HOUR = "online_hour", "онлайн-час"
    INTENSIVE = "intensive", "смена-интенсив"
    FORUM = "forum", "форум"
    MASTER_CLASS = "master_class", "мастер-класс"
    OTHER = "other", "другое"


class EventFormat(Labelled):
    IN_PERSON = "in_person", "очный"
    ONLINE = "online", "дистанционный"
    HYBRID = "hybrid", "смешанный"


class EventStatus(Labelled):
    PLANNED = "planned", "запланировано"
    CONFIRMED = "confirmed", "подтверждено"
    CANCELLED = "cancelled", "отменено"
    HELD = "held", "проведено"


class Visibility(Labelled):
    PUBLIC = "public", "для всех"
    NETWORK = "network", "для участников сети"
    INTERNAL = "internal", "внутреннее"


class HolidayKind(Labelled):
    """A day off for everyone (Labour Code art. 112) or a school break (каникулы) of the region."""

    PUBLIC = "public", "праздник"
    SCHOOL_BREAK = "school_break", "каникулы"


class Attendance(Labelled):
    IN_PERSON = "in_person", "очно"
    REMOTE = "remote", "дистанционно"
    EITHER = "either", "очно или дистанционно"


class StageLevel(Labelled):
    SCHOOL = "school", "школьный"
    MUNICIPAL = "municipal", "муниципальный"
    SELECTION = "selection", "отборочный"
    REGIONAL = "regional", "региональный"
    FINAL = "final", "заключительный"
    OTHER = "other", "другой"


class EntryResult(Labelled):
    PARTICIPANT = "participant", "участник"
    PRIZE = "prize", "призёр"
    WINNER = "winner", "победитель"


class EntryStatus(Labelled):
    ADMITTED = "admitted", "допущен"
    ADVANCED = "advanced", "прошёл дальше"
    ABSENT = "absent", "не явился"
    DISQUALIFIED = "disqualified", "дисквалифицирован"


class HighRatedList(Labelled):
    NONE = "", "нет"
    MINPROS = "minpros", "Перечень Минпросвещения"
    MINOBR = "minobr", "Перечень Минобрнауки"


class UserRole(Labelled):
    ADMIN = "admin", "администратор"
    REGIONAL = "regional", "региональный координатор"
    MUNICIPAL = "municipal", "муниципальный координатор"
    VIEWER = "viewer", "наблюдатель"

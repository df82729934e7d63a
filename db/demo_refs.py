"""What the parts of one demo build share: who writes, the ids made so far, the seeded dice.

The builders of the demo (letters, the current year) run one after another and look up the
districts, organisations and programmes the earlier ones made by name, never by a guessed id.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from sqlite_utils import Database

LETTER_883 = "письмо РЦРО от 08.12.2014 № 883"
LETTER_WEBINAR = "письмо об итогах вебинара 14.09.2017"
LETTER_SESSION = "письмо РЦРО о проведении стратегической сессии 19.04.2022"
LETTER_521 = "письмо РЦРО от 02.06.2022 № 521"
LETTER_766 = "письмо РЦРО от 26.08.2022 № 766"
DEMO_SOURCE = "демонстрационные данные (правдоподобный учебный год)"
"""The `source` of every row that no letter gives: made up, so the calendar looks alive."""

OCHK = "Образование через коммуникацию"
ENOTO = ("Создание парка естественнонаучного образования Томской области на основе сетевого "
         "взаимодействия: школа – университет – научный центр – производство")
TRC = "Томский региональный центр выявления и поддержки одарённых детей"
VCP = ("Ведомственная целевая программа «Развитие системы выявления и поддержки детей, "
       "проявивших выдающиеся способности»")
INTEGRATION = "Интеграция"
NATURAL_SCIENCE = ("Развитие естественнонаучного образования школьников на основе "
                   "школьно-университетского партнерства и сетевого взаимодействия "
                   "образовательных организаций Томской области")
SCHOOL_ENTERPRISES = ("Создание региональной сети школьных предприятий в качестве ресурса для "
                      "формирования предпринимательских компетенций детей и молодёжи Томской "
                      "области")


@dataclass
class DemoRefs:
    """Ids by name for the rows written so far, plus the user and a seeded random source."""

    db: Database
    user: str
    rng: random.Random
    districts: dict[str, int] = field(default_factory=dict)
    orgs: dict[str, int] = field(default_factory=dict)
    org_district: dict[int, int | None] = field(default_factory=dict)
    programs: dict[str, int] = field(default_factory=dict)

    def district(self, name: str) -> int:
        return self.districts[name]

    def org(self, name: str) -> int:
        """The id of an organisation by its official name (a KeyError names a typo at once)."""
        return self.orgs[name]

    def program(self, name: str) -> int:
        return self.programs[name]

    def district_of(self, org_id: int) -> int | None:
        return self.org_district.get(org_id)

"""Made tests/data/schema_v1.sqlite once, with the first released schema (m001_initial) only.

Kept for the record: the committed file is the fixture, frozen as a database of version 0.1
would be on a coordinator's disk. Do not regenerate it after m001 changes: it must not.
Run: python tests/data/make_schema_v1.py
"""

import sqlite3
from pathlib import Path

from sqlite_utils import Database

from rcro_tui.db.schema import MIGRATIONS

TARGET = Path(__file__).with_name("schema_v1.sqlite")
NOW = "2026-11-20T08:00:00Z"

TARGET.unlink(missing_ok=True)
db = Database(sqlite3.connect(TARGET))
MIGRATIONS.apply(db, stop_before="m002_holidays")
db.execute("INSERT INTO districts (id, name, kind, sort_order) VALUES "
           "(1, 'г. Томск', 'urban_okrug', 1), (2, 'Кожевниковский район', 'district', 9)")
db.execute("INSERT INTO organizations (id, name, short_name, kind, legal_form, district_id, "
           "inn, created_at, updated_at) VALUES "
           "(1, 'ОГБУ «Региональный центр развития образования»', 'ОГБУ «РЦРО»', 'centre', "
           "'ОГБУ', 1, '7017033960', ?, ?), "
           "(2, 'МБОУ «Кожевниковская СОШ № 2»', '', 'school', 'МБОУ', 2, NULL, ?, ?)", [NOW] * 4)
db.execute("INSERT INTO programs (id, name, kind, start_date, created_at, updated_at) VALUES "
           "(1, 'Образование через коммуникацию', 'regional_network', '2017-09-01', ?, ?)",
           [NOW] * 2)
db.execute("INSERT INTO memberships (organization_id, program_id, role, status, district_id, "
           "applied_on, created_at, updated_at) VALUES (2, 1, 'hub', 'applied', 2, "
           "'2017-09-14', ?, ?)", [NOW] * 2)
db.execute("INSERT INTO events (id, uid, title, kind, program_id, host_org_id, start_at, end_at, "
           "reg_start_at, reg_end_at, format, venue, participants_count, revision, created_at, "
           "updated_at) VALUES (1, 'event-1@rcro.tomsk.ru', 'Стратегическая сессия «Парк "
           "ЕНОТо»', 'strategy_session', NULL, 1, '2022-04-19T14:00', '2022-04-19T17:00', "
           "'2022-04-19T13:30', '2022-04-19T13:50', 'hybrid', 'ОГБУ «РЦРО» (г. Томск, улица "
           "Татарская, 16)', 62, 3, ?, ?)", [NOW] * 2)
db.execute("INSERT INTO agenda_parts (event_id, position, title, remote) VALUES "
           "(1, 1, 'презентация модели ТРЦ', 1)")
db.execute("INSERT INTO changes (at, user, table_name, row_id, action, before, after) VALUES "
           "(?, 'ivanova', 'events', '1', 'update', '{}', '{}')", [NOW])
db.conn.commit()
db.execute("VACUUM")
db.close()
print(f"wrote {TARGET}")

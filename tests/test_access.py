"""Roles enforced in the core: every role against every kind of table, in the demo region.

petrov is the municipal coordinator of Асиновский район, smirnov a viewer, ivanova a
regional coordinator, demo the administrator who built the demo.
"""

from __future__ import annotations

import pytest
from sqlite_utils import Database

from rcro_tui.db import access, store
from rcro_tui.db.connection import connect
from rcro_tui.db.org_import import import_orgs
from rcro_tui.db.users import set_role
from rcro_tui.errors import AccessDenied
from rcro_tui.rules import today_in_region

ROLES = ("demo", "ivanova", "petrov", "smirnov")


def district(db: Database, name: str) -> int:
    return db.execute("SELECT id FROM districts WHERE name = ?", [name]).fetchone()[0]


def one(db: Database, sql: str, *args) -> int:
    row = db.execute(sql, args).fetchone()
    assert row is not None, sql
    return row[0]


def targets(db: Database) -> dict[str, tuple[str, int, dict]]:
    """One row of each kind, in petrov's district («own») and elsewhere («other»)."""
    own, other = district(db, "Асиновский район"), district(db, "г. Томск")
    pick = {}
    for side, d in (("own", own), ("other", other)):
        pick[f"event {side}"] = ("events", one(db, "SELECT e.id FROM events e JOIN organizations o "
                                               "ON o.id = e.host_org_id WHERE o.district_id = ?", d),
                                 {"venue": "Актовый зал"})
        pick[f"organization {side}"] = ("organizations", one(
            db, "SELECT id FROM organizations WHERE district_id = ?", d), {"phone": "8 (3822) 00-00-00"})
        pick[f"membership {side}"] = ("memberships", one(
            db, "SELECT m.id FROM memberships m JOIN organizations o ON o.id = m.organization_id "
                "WHERE o.district_id = ?", d), {"note": "проверено"})
        pick[f"entry {side}"] = ("entries", one(
            db, "SELECT e.id FROM entries e JOIN organizations o ON o.id = e.organization_id "
                "WHERE o.district_id = ?", d), {"note": "проверено"})
    pick["programme"] = ("programs", 1, {"coordinator": "Иванова О. С."})
    pick["user"] = ("users", "smirnov", {"full_name": "Смирнов Д. И."})
    pick["audit retention"] = ("settings", None, {})
    return pick


ALLOWED = {  # what each role may change, by the targets' names
    "demo": "all",
    "ivanova": {"event own", "event other", "organization own", "organization other",
                "membership own", "membership other", "entry own", "entry other", "programme"},
    "petrov": {"event own", "organization own", "membership own", "entry own"},
    "smirnov": set(),
}


@pytest.mark.parametrize("login", ROLES)
def test_each_role_writes_exactly_what_its_rule_allows(demo_db, login):
    refused, written = [], []
    for name, (table, key, changes) in targets(demo_db).items():
        try:
            if table == "settings":
                store.set_setting(demo_db, "audit_retention_months", "365", user=login)
            else:
                store.update(demo_db, table, key, changes, user=login)
            written.append(name)
        except AccessDenied as error:
            assert error.message.startswith("Нет прав: ")
            refused.append(name)
    allowed = ALLOWED[login]
    assert set(written) == (set(targets(demo_db)) if allowed == "all" else allowed)


def test_a_refusal_names_the_rule_the_person_and_the_object(demo_db):
    table, key, changes = targets(demo_db)["event other"]
    title = demo_db.execute("SELECT title FROM events WHERE id = ?", [key]).fetchone()[0]
    with pytest.raises(AccessDenied) as caught:
        store.update(demo_db, table, key, changes, user="petrov")
    assert caught.value.message == (
        "Нет прав: муниципальный координатор (petrov, Асиновский район) меняет только "
        f"мероприятия своего района; «{title}» проводит г. Томск.")
    with pytest.raises(AccessDenied, match="наблюдатель \\(smirnov\\) только просматривает"):
        store.update(demo_db, "programs", 1, {"coordinator": "x"}, user="smirnov")
    with pytest.raises(AccessDenied, match="не меняет программы: это делают региональные"):
        store.update(demo_db, "programs", 1, {"coordinator": "x"}, user="petrov")
    with pytest.raises(AccessDenied, match="пользователей и их ключи меняет только админ"):
        store.update(demo_db, "users", "smirnov", {"full_name": "x"}, user="ivanova")


def test_a_municipal_coordinator_moves_nothing_out_of_or_into_their_district(demo_db):
    own, other = district(demo_db, "Асиновский район"), district(demo_db, "г. Томск")
    mine = targets(demo_db)["organization own"][1]
    theirs = targets(demo_db)["organization other"][1]
    with pytest.raises(AccessDenied, match="организации своего района; «.*» — г. Томск"):
        store.update(demo_db, "organizations", mine, {"district_id": other}, user="petrov")
    with pytest.raises(AccessDenied, match="— г. Томск"):
        store.update(demo_db, "organizations", theirs, {"district_id": own}, user="petrov")
    with pytest.raises(AccessDenied, match="проводит г. Томск"):
        store.update(demo_db, "events", targets(demo_db)["event own"][1], {"host_org_id": theirs},
                     user="petrov")
    with pytest.raises(AccessDenied, match="не указан район"):
        store.insert(demo_db, "organizations", {"name": "Новая школа", "kind": "school"},
                     user="petrov")
    assert demo_db.execute("SELECT district_id FROM organizations WHERE id = ?",
                           [mine]).fetchone()[0] == own


def test_children_follow_their_event_and_organisation(demo_db):
    own, other = (targets(demo_db)[f"event {s}"][1] for s in ("own", "other"))
    store.insert(demo_db, "agenda_parts", {"event_id": own, "position": 99, "title": "Итоги"},
                 user="petrov")
    with pytest.raises(AccessDenied, match="мероприятия своего района"):
        store.insert(demo_db, "agenda_parts", {"event_id": other, "position": 99,
                                               "title": "Итоги"}, user="petrov")
    org = targets(demo_db)["organization other"][1]
    with pytest.raises(AccessDenied, match="организации своего района"):
        store.insert(demo_db, "contacts", {"organization_id": org, "name": "Завуч"}, user="petrov")
    membership = targets(demo_db)["membership other"][1]
    with pytest.raises(AccessDenied, match="заявки и участие в сетях"):
        store.insert(demo_db, "membership_steps", {
            "membership_id": membership, "status": "review", "on_date": "2026-11-23",
            "user": "petrov", "recorded_at": "2026-11-23T00:00:00Z"}, user="petrov")


def test_a_refusal_inside_a_transaction_writes_nothing_of_it(demo_db):
    pick = targets(demo_db)
    changes = demo_db["changes"].count
    with pytest.raises(AccessDenied):
        with demo_db.atomic():
            store.update(demo_db, "events", pick["event own"][1], {"venue": "Спортзал"},
                         user="petrov")
            store.update(demo_db, "events", pick["event other"][1], {"venue": "Спортзал"},
                         user="petrov")
    assert demo_db["changes"].count == changes
    assert demo_db.execute("SELECT venue FROM events WHERE id = ?",
                           [pick["event own"][1]]).fetchone()[0] != "Спортзал"


def test_unknown_and_disabled_logins_may_not_write_but_an_empty_users_table_is_admin(demo_db,
                                                                                     fresh_db):
    with pytest.raises(AccessDenied, match="«stranger» нет в списке.*users add stranger"):
        store.update(demo_db, "programs", 1, {"coordinator": "x"}, user="stranger")
    demo_db.execute("UPDATE users SET active = 0 WHERE login = 'ivanova'")
    access.forget(demo_db)
    with pytest.raises(AccessDenied, match="«ivanova» отключён"):
        access.require_identity(demo_db, "ivanova")
    assert access.require_identity(fresh_db, "anyone").sole
    store.set_setting(fresh_db, "audit_retention_months", "30", user="anyone")


def test_a_role_change_counts_at_once_in_this_and_in_other_connections(demo_path):
    first, second = connect(demo_path), connect(demo_path)
    try:
        key = targets(first)["programme"][1]
        with pytest.raises(AccessDenied):
            store.update(first, "programs", key, {"coordinator": "a"}, user="petrov")
        with pytest.raises(AccessDenied):
            store.update(second, "programs", key, {"coordinator": "a"}, user="petrov")
        set_role(first, "petrov", "regional", user="demo")
        store.update(first, "programs", key, {"coordinator": "b"}, user="petrov")
        store.update(second, "programs", key, {"coordinator": "c"}, user="petrov")
    finally:
        first.close()
        second.close()


def test_can_tells_screens_what_to_offer(demo_db):
    pick = targets(demo_db)
    assert access.can(demo_db, "ivanova", "events") and not access.can(demo_db, "ivanova", "users")
    assert not access.can(demo_db, "smirnov", "events")
    assert access.can(demo_db, "petrov", "events") and not access.can(demo_db, "petrov", "programs")
    own = store.get_row(demo_db, "events", pick["event own"][1])
    other = store.get_row(demo_db, "events", pick["event other"][1])
    assert access.can(demo_db, "petrov", "events", own)
    assert not access.can(demo_db, "petrov", "events", other)
    assert access.role_line(access.user_access(demo_db, "petrov")) == \
        "муниципальный координатор, Асиновский район"


def csv_of(*rows: tuple[str, str, str]) -> bytes:
    lines = ["Наименование ОО;ИНН;Муниципалитет"] + [";".join(row) for row in rows]
    return ("\r\n".join(lines) + "\r\n").encode("cp1251")


def test_an_org_import_is_checked_once_for_the_whole_file(demo_db):
    before = (demo_db["organizations"].count, demo_db["changes"].count)
    mixed = csv_of(("МБОУ «Новониколаевская СОШ»", "", "Асиновский район"),
                   ("МАОУ СОШ № 99 г. Томска", "", "г. Томск"))
    with pytest.raises(AccessDenied, match="«МАОУ СОШ № 99 г. Томска» — г. Томск"):
        import_orgs(demo_db, mixed, user="petrov", today=today_in_region())
    assert (demo_db["organizations"].count, demo_db["changes"].count) == before
    own = csv_of(("МБОУ «Новониколаевская СОШ»", "", "Асиновский район"))
    assert import_orgs(demo_db, own, user="petrov", today=today_in_region()).tally("add") == 1
    with pytest.raises(AccessDenied, match="наблюдатель"):
        import_orgs(demo_db, csv_of(("МБОУ «Ещё школа»", "", "Асиновский район")),
                    user="smirnov", today=today_in_region())


def test_an_event_import_by_a_municipal_coordinator_needs_their_host(demo_db):
    from rcro_tui.db.import_table import import_table

    data = "Название;Дата начала\r\nСеминар;19.04.2027\r\n".encode("cp1251")
    events = demo_db["events"].count
    with pytest.raises(AccessDenied, match="не указана проводящая организация"):
        import_table(demo_db, data, user="petrov", source_name="план.csv")
    assert demo_db["events"].count == events
    import_table(demo_db, data, user="ivanova", source_name="план.csv")
    assert demo_db["events"].count == events + 1

"""The audit log: filters, keyset pages, Russian diffs, append-only triggers, retention purge
(administrator only), the upgrade that adds them, and `rcro-tui audit`."""

from __future__ import annotations

import csv
import io
import sqlite3
from datetime import date

import pytest

from rcro_tui.db import store
from rcro_tui.db.audit import AuditFilter, read_all, read_entry, read_page, conditions, log_users
from rcro_tui.db.audit_diff import entry_diff, object_label, summary
from rcro_tui.db.audit_purge import purge_audit, retention_months, set_retention
from rcro_tui.db.connection import connect, open_database
from rcro_tui.db.schema import MIGRATIONS
from rcro_tui.errors import AccessDenied, InputError
from conftest import run_rcro


def stamp(monkeypatch, moment: str) -> None:
    monkeypatch.setattr(store, "utc_now", lambda: moment)


@pytest.fixture
def log(fresh_db, monkeypatch):
    """Three coordinators' edits over three days (Tomsk is UTC+7)."""
    db = fresh_db
    stamp(monkeypatch, "2026-11-20T03:00:00Z")
    district = store.insert(db, "districts", {"name": "Бакчарский район", "kind": "district"},
                            user="ivanova")
    org = store.insert(db, "organizations", {
        "name": "МАОУ СОШ № 1", "kind": "school", "district_id": district}, user="ivanova")
    stamp(monkeypatch, "2026-11-21T16:59:59Z")  # 21.11 23:59 in Tomsk
    store.update(db, "organizations", org, {"kind": "college", "phone": "8 (38249) 2-11-11"},
                 user="petrov")
    stamp(monkeypatch, "2026-11-21T17:00:00Z")  # 22.11 00:00 in Tomsk
    store.insert(db, "settings", {"key": "site_url", "value": "https://rcro.tomsk.ru"},
                 user="kuznetsova")
    store.delete(db, "settings", "site_url", user="kuznetsova")
    monkeypatch.undo()
    return db


def test_newest_first_with_russian_objects_and_summaries(log):
    page = read_page(log)
    assert [(e.user, e.table, e.action) for e in page.entries] == [
        ("kuznetsova", "settings", "delete"), ("kuznetsova", "settings", "insert"),
        ("petrov", "organizations", "update"), ("ivanova", "organizations", "insert"),
        ("ivanova", "districts", "insert")]
    update = page.entries[2]
    assert update.when == "21.11.2026 23:59", "shown in Tomsk time"
    assert object_label(update) == "Организация № 1 «МАОУ СОШ № 1»"
    assert summary(update) == "изменено: вид, телефон"
    assert [c.text() for c in entry_diff(log, update)] == [
        "вид: школа → колледж, техникум", "телефон: — → «8 (38249) 2-11-11»"]
    created = page.entries[3]
    assert summary(created) == "создано"
    assert "муниципалитет: «Бакчарский район»" in [c.text() for c in entry_diff(log, created)]
    assert object_label(page.entries[0]) == "Настройка «site_url»"
    assert summary(page.entries[0]) == "удалено"


def test_filters_by_user_kind_object_dates_action_and_text(log):
    def users(flt):
        return [e.user for e in read_page(log, flt).entries]

    assert users(AuditFilter(user="petrov")) == ["petrov"]
    assert len(read_page(log, AuditFilter(table="organizations")).entries) == 2
    assert [e.action for e in read_page(log, AuditFilter(table="organizations",
                                                           row_id="1")).entries] == [
        "update", "insert"]
    # Tomsk days: 21.11 ends at 16:59:59Z, 22.11 starts at 17:00Z
    assert users(AuditFilter(since=date(2026, 11, 21), until=date(2026, 11, 21))) == ["petrov"]
    assert users(AuditFilter(since=date(2026, 11, 22))) == ["kuznetsova", "kuznetsova"]
    assert users(AuditFilter(until=date(2026, 11, 20))) == ["ivanova", "ivanova"]
    assert users(AuditFilter(action="delete")) == ["kuznetsova"]
    assert users(AuditFilter(text="38249")) == ["petrov"]
    assert users(AuditFilter(text="бакчарский")) == ["ivanova"], "case folded"
    assert log_users(log) == ["ivanova", "kuznetsova", "petrov"]


def test_a_range_backwards_is_refused_in_russian():
    with pytest.raises(InputError, match="дата «по» раньше даты «с»"):
        AuditFilter(since=date(2026, 12, 1), until=date(2026, 11, 1))


def test_pages_follow_each_other_without_gaps_or_repeats(fresh_db, monkeypatch):
    stamp(monkeypatch, "2026-11-20T03:00:00Z")  # all in one second: ties broken by id
    for n in range(25):
        store.insert(fresh_db, "holidays", {"first_day": "2026-12-31", "last_day": "2026-12-31",
                                            "name": f"День {n}", "kind": "public"}, user="ivanova")
    seen, cursor, pages = [], None, 0
    while True:
        page = read_page(fresh_db, after=cursor, limit=10)
        seen += [e.id for e in page.entries]
        pages += 1
        if not page.more:
            break
        cursor = page.cursor
    assert pages == 3 and seen == sorted(seen, reverse=True) and len(set(seen)) == 25
    assert [e.id for e in read_all(fresh_db, AuditFilter(), limit=12)] == seen[:12]


def test_every_filter_reads_down_an_index_without_sorting(fresh_db):
    """What makes a million-entry log open at once: no filter scans or sorts the table."""
    for flt in (AuditFilter(), AuditFilter(user="petrov"), AuditFilter(table="events"),
                AuditFilter(table="events", row_id="42"), AuditFilter(action="delete"),
                AuditFilter(since=date(2026, 1, 1), until=date(2026, 1, 31))):
        where, args = conditions(flt)
        sql = ("SELECT * FROM changes" + (f" WHERE {' AND '.join(where)}" if where else "")
               + " ORDER BY at DESC, id DESC LIMIT 101")
        plan = " ".join(row[3] for row in fresh_db.execute(f"EXPLAIN QUERY PLAN {sql}", args))
        assert "USING INDEX" in plan and "TEMP B-TREE" not in plan, (flt, plan)


def test_a_page_of_a_large_log_is_quick(fresh_db):
    import time

    fresh_db.execute(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200000) "
        "INSERT INTO changes (at, user, table_name, row_id, action, before, after) "
        "SELECT strftime('%Y-%m-%dT%H:%M:%SZ', 1700000000 + i * 60, 'unixepoch'), "
        "'user' || (i % 20), CASE i % 3 WHEN 0 THEN 'events' WHEN 1 THEN 'organizations' "
        "ELSE 'entries' END, CAST(i % 5000 AS TEXT), 'update', '{}', '{}' FROM n")
    started = time.perf_counter()
    for flt in (AuditFilter(), AuditFilter(user="user7"), AuditFilter(table="entries"),
                AuditFilter(table="events", row_id="42")):
        page = read_page(fresh_db, flt)
        read_page(fresh_db, flt, after=page.cursor)
    assert time.perf_counter() - started < 0.5


def test_the_log_refuses_update_always_and_delete_without_purge(log, tmp_path):
    with pytest.raises(sqlite3.IntegrityError, match="Журнал изменений нельзя править"):
        log.execute("UPDATE changes SET user = 'someone' WHERE id = 1")
    with pytest.raises(sqlite3.IntegrityError, match="только очистка по сроку хранения"):
        log.execute("DELETE FROM changes WHERE id = 1")
    assert read_entry(log, 1).user == "ivanova"


def test_a_plain_sqlite3_connection_cannot_delete_either(tmp_path):
    path = tmp_path / "rcro.sqlite"
    db = open_database(path)
    store.insert(db, "settings", {"key": "k", "value": "v"}, user="ivanova")
    db.close()
    plain = sqlite3.connect(path)
    with pytest.raises(sqlite3.OperationalError, match="audit_purge_allowed"):
        plain.execute("DELETE FROM changes")
    with pytest.raises(sqlite3.IntegrityError):
        plain.execute("UPDATE changes SET user = 'x'")
    assert plain.execute("SELECT count(*) FROM changes").fetchone() == (1,)
    plain.close()


def add_users(db) -> None:
    for login, role in (("admin", "admin"), ("ivanova", "regional")):
        store.insert(db, "users", {"login": login, "role": role, "created_at": "x"}, user="admin")


def test_only_an_administrator_sets_retention_and_purges(log):
    add_users(log)
    with pytest.raises(AccessDenied, match="^Нет прав: менять срок хранения журнала может "
                                           "только администратор \\(ivanova — региональный"):
        set_retention(log, 1, user="ivanova")
    with pytest.raises(AccessDenied, match="^Нет прав: пользователя «nobody» нет в списке"):
        purge_audit(log, "nobody")
    assert purge_audit(log, "admin").text().startswith("Срок хранения журнала не ограничен")
    set_retention(log, 12, user="admin")
    assert retention_months(log) == 12
    with pytest.raises(InputError, match="от 0"):
        set_retention(log, -1, user="admin")


def test_purge_removes_only_entries_older_than_retention_and_records_itself(log):
    add_users(log)
    set_retention(log, 1, user="admin")
    total = log.execute("SELECT count(*) FROM changes").fetchone()[0]
    # «today» 22.12.2026: one month back is 22.11.2026 00:00 Tomsk = 2026-11-21T17:00:00Z
    result = purge_audit(log, "admin", today=date(2026, 12, 22))
    assert result.removed == 3 and result.before_day == date(2026, 11, 22)
    assert result.text() == ("Удалено 3 записи журнала старше 22 ноября 2026 г. "
                             "(срок хранения — 1 месяц).")
    left = read_page(log).entries
    assert len(left) == total - 3 + 1
    assert min(e.at for e in left if e.table != "changes").isoformat().startswith("2026-11-21T17")
    record = left[0]
    assert (record.user, record.table, record.action) == ("admin", "changes", "delete")
    assert summary(record) == "очистка журнала: удалено 3 записи старше 22.11.2026"
    with pytest.raises(sqlite3.IntegrityError):
        log.execute("DELETE FROM changes")


def test_with_no_users_registered_the_identity_administers(log):
    set_retention(log, 1, user="anyone")
    assert purge_audit(log, "anyone", today=date(2026, 12, 22)).removed == 3


def test_upgrading_a_database_made_before_m016_keeps_its_log(tmp_path):
    path = tmp_path / "old.sqlite"
    db = connect(path)
    MIGRATIONS.apply(db, stop_before="m016_audit_log")
    store.insert(db, "settings", {"key": "k", "value": "v"}, user="ivanova")
    db.execute("DELETE FROM changes WHERE id = 1")  # possible before m016
    store.insert(db, "settings", {"key": "k2", "value": "v"}, user="petrov")
    db.close()
    db = open_database(path)
    assert [e.user for e in read_page(db).entries] == ["petrov"]
    names = {row[0] for row in db.execute("SELECT name FROM sqlite_master")}
    assert {"idx_changes_user_at", "idx_changes_object_at",
            "changes_append_only_delete"} <= names
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("DELETE FROM changes")
    db.close()


def test_cli_audit_filters_and_formats(tmp_path, log):
    path = tmp_path / "cli.sqlite"
    log.conn.backup(sqlite3.connect(path))
    plain = run_rcro(path, "audit", "--object", "orgs", "--id", "1")
    assert plain.code == 0, plain.err
    assert plain.text.splitlines() == [
        "21.11.2026 23:59  petrov  Организация № 1 «МАОУ СОШ № 1»: изменено: вид, телефон",
        "    вид: школа → колледж, техникум",
        "    телефон: — → «8 (38249) 2-11-11»",
        "20.11.2026 10:00  ivanova  Организация № 1 «МАОУ СОШ № 1»: создано"]
    table = run_rcro(path, "audit", "--user", "kuznetsova", "--since", "22.11.2026",
                     "--format", "csv", "--limit", "1")
    rows = list(csv.reader(io.StringIO(table.text)))
    assert rows[0][:3] == ["id", "время", "пользователь"] and len(rows) == 2
    assert rows[1][3:5] == ["Настройка «site_url»", "удалено"]
    nothing = run_rcro(path, "audit", "--user", "nobody")
    assert nothing.text == "В журнале нет таких записей.\n"
    wrong = run_rcro(path, "audit", "--object", "planets")
    assert wrong.code == 1 and "--object planets: нет такого вида объектов" in wrong.err
    no_kind = run_rcro(path, "audit", "--id", "3")
    assert no_kind.code == 1 and "--id без --object" in no_kind.err


def test_cli_purge_and_retention_are_for_the_administrator(tmp_path, log):
    add_users(log)
    path = tmp_path / "cli.sqlite"
    log.conn.backup(sqlite3.connect(path))
    refused = run_rcro(path, "audit", "retention", "3")
    assert refused.code == 1 and refused.err.startswith("Ошибка: Нет прав: ")
    from rcro_tui.cli import main
    from click.testing import CliRunner

    with CliRunner().isolation() as (out, _, _):
        main(["--db", str(path), "--user", "admin", "audit", "retention", "3"])
        assert out.getvalue().decode() == "Журнал хранится 3 месяца.\n"
    denied = run_rcro(path, "audit", "purge")
    assert denied.code == 1 and "очищать журнал изменений может только администратор" in denied.err

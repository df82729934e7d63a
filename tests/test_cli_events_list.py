"""`rcro-tui events list / views / cancel` on the demo region, as a script or a person runs them."""

from __future__ import annotations

import csv
import io
import json

import pytest

from rcro_tui import cli_events_list
from rcro_tui.db.connection import open_database
from rcro_tui.db.event_list import RECORD_KEYS

from conftest import TODAY, run_rcro


@pytest.fixture
def rcro(demo_path, monkeypatch):
    """Run `rcro-tui --db DEMO --user ivanova …` in this process, with today fixed."""
    monkeypatch.setattr(cli_events_list, "today_in_region", lambda: TODAY)
    return lambda *args: run_rcro(demo_path, *args)


def test_default_is_the_current_academic_year(rcro):
    ran = rcro("events", "list")
    assert ran.code == 0, ran.err
    lines = ran.text.splitlines()
    assert lines[0] == "Мероприятия на 2026/2027 учебный год"
    assert lines[1].split()[:3] == ["Дата", "Время", "Мероприятие"]
    assert lines[-1].startswith("Всего: ") and lines[-1].endswith("мероприятий")
    assert "Фильтр:" not in ran.text


def test_filters_by_names_and_russian_labels(rcro):
    ran = rcro("events", "list", "--district", "Томский", "--kind", "фестиваль",
               "--event-format", "очный", "--format", "plain")
    assert ran.code == 0, ran.err
    assert "Фильтр: Район: Томский район · Вид: фестиваль · Формат: очный" in ran.text
    rows = [line for line in ran.text.splitlines()[2:] if line[:2].isdigit()]
    assert rows and all("фестиваль" in row and "очный" in row for row in rows)


def test_json_parses_back_with_stable_keys(rcro):
    ran = rcro("events", "list", "--kind", "olympiad", "--grade", "8", "--format", "json")
    assert ran.code == 0, ran.err
    assert "\\u04" not in ran.text  # Cyrillic as it is
    records = json.loads(ran.text)
    assert records and all(tuple(r) == RECORD_KEYS for r in records)
    assert all(r["kind"] == "olympiad" and r["kind_label"] == "олимпиада" for r in records)
    assert all(r["start"] >= "2026-09-01" for r in records)
    maxwell = next(r for r in records if "Максвелла" in r["title"])
    assert maxwell["grades"] == "7–8" and maxwell["uid"].endswith("@rcro.tomsk.ru")


def test_csv_is_what_excel_in_russia_opens(rcro):
    ran = rcro("events", "list", "--search", "ВсОШ", "--format", "csv")
    assert ran.code == 0, ran.err
    assert ran.out.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in ran.out and b"\n" not in ran.out.replace(b"\r\n", b"")
    rows = list(csv.DictReader(io.StringIO(ran.out.decode("utf-8-sig"), newline=""),
                               delimiter=";"))
    assert rows and tuple(rows[0]) == RECORD_KEYS
    assert {r["all_day"] for r in rows} <= {"0", "1"}
    as_json = json.loads(rcro("events", "list", "--search", "ВсОШ", "--format", "json").text)
    assert [r["title"] for r in rows] == [r["title"] for r in as_json]


def test_period_options(rcro):
    ran = rcro("events", "list", "--from", "01.12.2026", "--to", "31.12.2026", "--format", "json")
    days = [r["start"][:10] for r in json.loads(ran.text)]
    assert days and all("2026-11-01" <= d <= "2026-12-31" for d in days)
    older = json.loads(rcro("events", "list", "--year", "2021/2022", "--format", "json").text)
    assert any(r["start"].startswith("2022-04-19") for r in older)


@pytest.mark.parametrize("args, message", [
    (("--host", "СОШ"), "--host «СОШ»: подходит несколько — "),
    (("--district", "Марс"), "--district «Марс»: не найдено"),
    (("--kind", "пикник"), "--kind «пикник»: нет такого значения. Можно: олимпиада"),
    (("--grade", "12"), "--grade «12»: ожидается номер класса от 1 до 11"),
    (("--from", "31.02.2026"), "--from: «31.02.2026» — такой даты нет в календаре"),
    (("--from", "10.12.2026", "--to", "01.12.2026"), "--to 01.12.2026 раньше --from 10.12.2026"),
    (("--view", "Нет такого"), "Вида «Нет такого» нет. Сохранённых видов пока нет."),
])
def test_bad_options_get_one_russian_line(rcro, args, message):
    ran = rcro("events", "list", *args)
    assert ran.code == 1 and ran.out == b""
    assert message in ran.err and len(ran.err.strip().splitlines()) == 1


@pytest.mark.parametrize("typed", ['"', "«ёлка»", "*", "-", "ёлка OR (", "NEAR("])
def test_any_search_text_works(rcro, typed):
    assert rcro("events", "list", "--search", typed).code == 0


def test_save_a_view_then_list_with_it_and_add_options(rcro, demo_path):
    saved = rcro("events", "list", "--kind", "олимпиада", "--save-view", "Олимпиады",
                 "--format", "json")
    assert saved.code == 0 and "Вид «Олимпиады» сохранён: Вид: олимпиада." in saved.err
    again = rcro("events", "list", "--view", "Олимпиады", "--format", "json")
    assert json.loads(again.text) == json.loads(saved.text)
    narrower = json.loads(rcro("events", "list", "--view", "Олимпиады", "--grade", "8",
                               "--format", "json").text)
    assert 0 < len(narrower) < len(json.loads(saved.text))
    listed = rcro("events", "views")
    assert "Олимпиады" in listed.text and "Вид: олимпиада" in listed.text
    assert "ivanova" in listed.text
    deleted = rcro("events", "views", "--delete", "Олимпиады")
    assert "Вид «Олимпиады» удалён." in deleted.err
    assert "Сохранённых видов нет" in deleted.text


def test_cancel_is_audited_and_keeps_the_event(rcro, demo_path):
    db = open_database(demo_path)
    event = next(db.query("SELECT id, uid, title, revision FROM events "
                          "WHERE status = 'planned' ORDER BY id LIMIT 1"))
    db.close()
    ran = rcro("events", "cancel", event["uid"])
    assert ran.code == 0, ran.err
    assert ran.text == (f"Мероприятие «{event['title']}» отменено "
                        f"(версия {event['revision'] + 1}).\n")
    db = open_database(demo_path)
    row = next(db.query("SELECT status, revision FROM events WHERE id = ?", [event["id"]]))
    change = next(db.query("SELECT user, action FROM changes WHERE table_name = 'events' "
                           "AND row_id = ? ORDER BY id DESC LIMIT 1", [str(event["id"])]))
    db.close()
    assert row == {"status": "cancelled", "revision": event["revision"] + 1}
    assert change == {"user": "ivanova", "action": "update"}
    twice = rcro("events", "cancel", str(event["id"]))
    assert twice.code == 0 and "уже отменено" in twice.text
    listed = rcro("events", "list", "--status", "отменено")
    assert f"ОТМЕНЕНО: {event['title']}"[:40] in listed.text


def test_cancel_unknown_event(rcro):
    for ref in ("999999", "event-0@nowhere"):
        ran = rcro("events", "cancel", ref)
        assert ran.code == 1 and f"Мероприятие «{ref}» не найдено" in ran.err


def test_help_is_russian(rcro):
    ran = rcro("events", "list", "--help")
    assert "--event-format ФОРМАТ" in ran.text and "Можно несколько раз." in ran.text
    assert "Options" not in ran.text


def test_warnings_column_names_the_clash(rcro):
    """The demo's January clash: the Maxwell olympiad and the ВсОШ physics stage, one host, one hall."""
    ran = rcro("events", "list", "--warnings", "--search", "Максвелла", "--format", "csv")
    assert ran.code == 0, ran.err
    rows = list(csv.DictReader(io.StringIO(ran.out.decode("utf-8-sig")), delimiter=";"))
    assert rows and rows[0]["warnings"].startswith("⚠ Организатор занят: «Региональный этап ВсОШ")
    assert "Место занято" in rows[0]["warnings"]
    plain = rcro("events", "list", "--search", "Максвелла", "--format", "csv")
    assert "warnings" not in plain.out.decode("utf-8-sig").splitlines()[0]
    table = rcro("events", "list", "--warnings", "--search", "Максвелла")
    assert "Предупреждения" in table.text.splitlines()[1]

"""`rcro-tui events add`: the editor's checks from the command line, each error at its option."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from rcro_tui.cli import main
from rcro_tui.cli_events_add import split_moment
from rcro_tui.db.connection import open_database


@pytest.fixture
def rcro(demo_path):
    def run(*args: str) -> tuple[int, str, str]:
        with CliRunner().isolation() as (out, err, _):
            try:
                main(["--db", str(demo_path), "--user", "ivanova", *args])
                code = 0
            except SystemExit as exit_:
                code = int(exit_.code or 0)
            return code, out.getvalue().decode("utf-8"), err.getvalue().decode("utf-8")

    return run


def stored(demo_path, title: str) -> list[dict]:
    db = open_database(demo_path)
    try:
        return list(db.query("SELECT e.*, o.name AS host FROM events e LEFT JOIN organizations o "
                             "ON o.id = e.host_org_id WHERE e.title = ?", [title]))
    finally:
        db.close()


def test_adds_the_seed_session_with_everything(rcro, demo_path):
    title = "Стратегическая сессия «Парк ЕНОТо: точки роста»"
    code, out, err = rcro(
        "events", "add", "--title", title, "--kind", "стратегическая сессия",
        "--start", "19.04.2027 14:00", "--end", "19.04.2027 17:00", "--format", "смешанный",
        "--venue", "ОГБУ «РЦРО», г. Томск, ул. Татарская, 16",
        "--url", "https://rcro.tomsk.ru/online", "--host", "Кожевниковская СОШ № 2",
        "--program", "ТРЦ", "--grades", "7–8", "--subjects", "физика",
        "--status", "подтверждено", "--visibility", "для участников сети",
        "--reg-start", "19.04.2027 13:30", "--reg-end", "19.04.2027 13:50")
    assert (code, err) == (0, "")
    [event] = stored(demo_path, title)
    assert out == f"Добавлено: «{title}» (UID event-{event['id']}@rcro.tomsk.ru)\n"
    assert (event["kind"], event["format"], event["status"], event["visibility"]) == (
        "strategy_session", "hybrid", "confirmed", "network")
    assert (event["start_at"], event["reg_end_at"]) == ("2027-04-19T14:00", "2027-04-19T13:50")
    assert event["host"] == "МБОУ «Кожевниковская СОШ № 2»"
    assert (event["grades_from"], event["grades_to"]) == (7, 8)
    db = open_database(demo_path)
    try:
        who = db.execute("SELECT user FROM changes WHERE table_name = 'events' AND row_id = ?",
                         [str(event["id"])]).fetchone()[0]
    finally:
        db.close()
    assert who == "ivanova"


def test_a_date_without_a_time_is_an_all_day_event(rcro, demo_path):
    code, _, _ = rcro("events", "add", "--title", "День знаний", "--start", "01.09.2027",
                      "--venue", "Школы области")
    assert code == 0
    [event] = stored(demo_path, "День знаний")
    assert (event["all_day"], event["start_at"], event["end_at"]) == (1, "2027-09-01",
                                                                       "2027-09-01")


def test_every_error_is_named_at_its_option_and_nothing_is_written(rcro, demo_path):
    code, out, err = rcro("events", "add", "--title", "Олимпиада", "--kind", "пикник",
                          "--start", "31.02.2027 14:00", "--end", "01.01.2027 25:00",
                          "--format", "дистанционный", "--grades", "12")
    assert code == 1 and out == ""
    assert err.startswith("Ошибка: мероприятие не добавлено, 5 ошибок:\n")
    assert "  --kind: «пикник» — нет такого значения" in err
    assert "  --start: «31.02.2027» — такой даты нет в календаре." in err
    assert "  --end: «25:00» — нет такого времени" in err
    assert "  --url: Для формата «дистанционный» укажите ссылку" in err
    assert "  --grades: «12» — классы бывают с 1 по 11." in err
    assert stored(demo_path, "Олимпиада") == []


def test_end_before_start_and_a_missing_end_time(rcro):
    code, _, err = rcro("events", "add", "--title", "Семинар", "--start", "10.12.2026 10:00",
                        "--end", "09.12.2026 12:00", "--venue", "ТГУ")
    assert code == 1 and "--end: Окончание (09.12.2026) раньше начала (10.12.2026)." in err
    code, _, err = rcro("events", "add", "--title", "Семинар", "--start", "10.12.2026 10:00",
                        "--venue", "ТГУ")
    assert code == 1 and "--end: Укажите время окончания (ЧЧ:ММ) или укажите --all-day." in err


def test_host_by_inn_or_an_unknown_one(rcro, demo_path):
    db = open_database(demo_path)
    try:
        org_id, inn, name = db.execute("SELECT id, inn, name FROM organizations "
                                       "WHERE inn IS NOT NULL LIMIT 1").fetchone()
    finally:
        db.close()
    code, _, _ = rcro("events", "add", "--title", "Форум", "--start", "02.02.2027",
                      "--venue", "Школа", "--host", inn)
    assert code == 0 and stored(demo_path, "Форум")[0]["host"] == name
    code, _, err = rcro("events", "add", "--title", "Форум 2", "--start", "02.02.2027",
                        "--venue", "Школа", "--host", "Несуществующая гимназия")
    assert code == 1 and "--host «Несуществующая гимназия»: не найдено" in err


@pytest.mark.parametrize("text, parts", [
    ("19.04.2022 14:00", ("19.04.2022", "14:00")), ("2022-04-19T14:00", ("2022-04-19", "14:00")),
    ("19.04.2022", ("19.04.2022", "")), (None, ("", ""))])
def test_split_moment(text, parts):
    assert split_moment(text) == parts

"""Importing .ics files: the mapping to our fields, UIDs on re-import, every kind of bad file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from rcro_tui.db.event_edit import draft_of, update_event
from rcro_tui.db.import_ics import import_ics
from rcro_tui.errors import InputError

DATA = Path(__file__).parent / "data" / "import"


def calendar(*events: str, head: str = "") -> bytes:
    """A calendar around VEVENT bodies (lines joined by \\n), with CRLF line ends."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//RU", *head.splitlines()]
    for body in events:
        lines += ["BEGIN:VEVENT", *body.strip().splitlines(), "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return ("\r\n".join(lines) + "\r\n").encode()


def event(uid: str, summary: str = "Семинар", start: str = "DTSTART:20220419T070000Z",
          end: str = "DTEND:20220419T100000Z", extra: str = "") -> str:
    return f"UID:{uid}\nSUMMARY:{summary}\n{start}\n{end}\n{extra}"


def rows(db) -> dict[str, dict]:
    return {row["uid"]: row for row in db.query("SELECT * FROM events")}


def one(db, data: bytes) -> dict:
    import_ics(db, data, user="demo", source_name="test.ics")
    (row,) = rows(db).values()
    return row


def failure(db, data: bytes) -> str:
    """The message of a refused import, after checking that nothing was written."""
    before = db.execute("SELECT COUNT(*) FROM events").fetchone()[0]
    changes = db.execute("SELECT COUNT(*) FROM changes").fetchone()[0]
    with pytest.raises(InputError) as caught:
        import_ics(db, data, user="demo", source_name="плохой.ics")
    assert db.execute("SELECT COUNT(*) FROM events").fetchone()[0] == before
    assert db.execute("SELECT COUNT(*) FROM changes").fetchone()[0] == changes
    assert "Traceback" not in caught.value.message
    return caught.value.message


# --- mapping ---------------------------------------------------------------------------

def test_google_export_maps_to_our_fields(fresh_db):
    report = import_ics(fresh_db, (DATA / "google.ics").read_bytes(), user="demo",
                        source_name="google.ics")
    assert (report.added, report.updated, report.unchanged, report.cancelled) == (4, 0, 0, 1)
    found = rows(fresh_db)
    session = found["3f1c2a9d8e@google.com"]
    assert session["title"] == "Стратегическая сессия «Образование через коммуникацию»"
    assert (session["kind"], session["status"], session["format"]) == (
        "strategy_session", "confirmed", "in_person")
    assert (session["start_at"], session["end_at"]) == ("2022-04-19T14:00", "2022-04-19T17:00")
    assert session["venue"] == "ОГБУ «РЦРО», г. Томск, ул. Татарская, 16"
    assert session["description"] == ("Регистрация участников 13:30–13:50.\n"
                                      "Образовательное событие для 7–8 классов.")
    assert session["source"] == "импорт из «google.ics»"
    festival = found["festival-2023@google.com"]
    assert (festival["all_day"], festival["start_at"], festival["end_at"]) == (
        1, "2023-04-03", "2023-04-05")  # DTEND 6 April is exclusive: the festival is 3–5 April
    assert festival["kind"] == "festival"  # CATEGORIES:ФЕСТИВАЛЬ, case aside
    webinar = found["webinar-series@google.com"]
    assert webinar["rrule"] == "FREQ=WEEKLY;INTERVAL=2;UNTIL=20221227"
    assert webinar["exdates"] == "2022-11-08"
    assert (webinar["format"], webinar["online_url"]) == ("online", "https://vk.com/rcro_webinar")
    assert (webinar["kind"], webinar["visibility"]) == ("webinar", "internal")
    forum = found["forum-2022@google.com"]
    assert (forum["status"], forum["title"]) == ("cancelled", "Форум «Большие вызовы»")
    assert (forum["start_at"], forum["format"]) == ("2022-10-20T14:00", "hybrid")
    assert forum["kind"] == "other"


def test_outlook_windows_zone_custom_vtimezone_and_link_as_location(fresh_db):
    import_ics(fresh_db, (DATA / "outlook.ics").read_bytes(), user="demo")
    by_title = {row["title"]: row for row in rows(fresh_db).values()}
    online = by_title["Онлайн-час «Наука рядом»"]
    assert (online["start_at"], online["end_at"]) == ("2022-11-15T14:00", "2022-11-15T15:30")
    assert (online["format"], online["venue"]) == ("online", "")
    assert online["online_url"] == "https://telemost.yandex.ru/j/123456"
    seminar = by_title["Семинар для методистов"]  # TZID only its VTIMEZONE defines (+07)
    assert (seminar["start_at"], seminar["end_at"]) == ("2022-11-16T09:00", "2022-11-16T12:00")
    assert seminar["uid"].startswith("import-")


@pytest.mark.parametrize("start, expected", [
    ("DTSTART;TZID=Europe/Moscow:20220419T100000", "2022-04-19T14:00"),
    ("DTSTART:20220419T070000Z", "2022-04-19T14:00"),
    ("DTSTART:20150601T070000Z", "2015-06-01T13:00"),  # Tomsk was UTC+6 in 2015
    ("DTSTART;TZID=/mozilla.org/20050126_1/Europe/Moscow:20220419T100000", "2022-04-19T14:00"),
    ("DTSTART:20220419T100000", "2022-04-19T10:00"),  # floating: taken as Tomsk time
])
def test_times_move_to_the_tomsk_wall_clock(fresh_db, start, expected):
    row = one(fresh_db, calendar(event("t1", start=start, end="")))
    assert row["start_at"] == row["end_at"] == expected and row["all_day"] == 0


def test_floating_times_follow_x_wr_timezone(fresh_db):
    data = calendar(event("t1", start="DTSTART:20220419T100000", end="DURATION:PT90M"),
                    head="X-WR-TIMEZONE:Europe/Moscow")
    row = one(fresh_db, data)
    assert (row["start_at"], row["end_at"]) == ("2022-04-19T14:00", "2022-04-19T15:30")


def test_one_day_all_day_event_and_missing_dtend(fresh_db):
    import_ics(fresh_db, calendar(
        event("d1", start="DTSTART;VALUE=DATE:20220419", end="DTEND;VALUE=DATE:20220420"),
        event("d2", start="DTSTART;VALUE=DATE:20220421", end="")), user="demo")
    found = rows(fresh_db)
    assert (found["d1"]["start_at"], found["d1"]["end_at"]) == ("2022-04-19", "2022-04-19")
    assert (found["d2"]["start_at"], found["d2"]["end_at"]) == ("2022-04-21", "2022-04-21")


def test_monthly_count_and_date_exdates(fresh_db):
    row = one(fresh_db, calendar(event(
        "m1", start="DTSTART;VALUE=DATE:20220915", end="DTEND;VALUE=DATE:20220916",
        extra="RRULE:FREQ=MONTHLY;COUNT=9;BYMONTHDAY=15\nEXDATE;VALUE=DATE:20230115,20230215")))
    assert (row["rrule"], row["exdates"]) == ("FREQ=MONTHLY;COUNT=9", "2023-01-15 2023-02-15")


def test_changed_and_cancelled_occurrences_of_a_series(fresh_db):
    series = event("s1", start="DTSTART;TZID=Asia/Tomsk:20220913T160000",
                   end="DTEND;TZID=Asia/Tomsk:20220913T170000",
                   extra="RRULE:FREQ=WEEKLY;COUNT=10")
    moved = event("s1", summary="Семинар (перенесён)",
                  start="DTSTART;TZID=Asia/Tomsk:20220921T160000",
                  end="DTEND;TZID=Asia/Tomsk:20220921T170000",
                  extra="RECURRENCE-ID;TZID=Asia/Tomsk:20220920T160000")
    dropped = event("s1", start="DTSTART;TZID=Asia/Tomsk:20220927T160000",
                    end="DTEND;TZID=Asia/Tomsk:20220927T170000",
                    extra="RECURRENCE-ID;TZID=Asia/Tomsk:20220927T160000\nSTATUS:CANCELLED")
    report = import_ics(fresh_db, calendar(series, moved, dropped), user="demo")
    found = rows(fresh_db)
    assert report.added == 2 and set(found) == {"s1", "s1#20220920T160000"}
    assert found["s1"]["exdates"] == "2022-09-20 2022-09-27"
    assert found["s1#20220920T160000"]["start_at"] == "2022-09-21T16:00"


# --- re-import -------------------------------------------------------------------------

def test_importing_the_same_file_twice_changes_nothing(fresh_db):
    data = (DATA / "google.ics").read_bytes()
    import_ics(fresh_db, data, user="demo")
    before = {uid: row["revision"] for uid, row in rows(fresh_db).items()}
    changes = fresh_db.execute("SELECT COUNT(*) FROM changes").fetchone()[0]
    report = import_ics(fresh_db, data, user="demo")
    assert (report.added, report.updated, report.unchanged, report.cancelled) == (0, 0, 4, 0)
    assert {uid: row["revision"] for uid, row in rows(fresh_db).items()} == before
    assert fresh_db.execute("SELECT COUNT(*) FROM changes").fetchone()[0] == changes


def test_events_without_uid_are_not_duplicated_on_re_import(fresh_db):
    data = calendar("SUMMARY:Без UID\nDTSTART;VALUE=DATE:20220419",
                    "SUMMARY:Без UID\nDTSTART;VALUE=DATE:20220419")  # the same twice: two events
    import_ics(fresh_db, data, user="demo")
    import_ics(fresh_db, data, user="demo")
    assert fresh_db.execute("SELECT COUNT(*) FROM events").fetchone()[0] == 2


def test_a_changed_summary_updates_bumps_the_revision_and_is_audited(fresh_db):
    import_ics(fresh_db, calendar(event("u1", summary="Семинар")), user="demo")
    report = import_ics(fresh_db, calendar(event("u1", summary="Семинар для методистов")),
                        user="ivanova")
    assert (report.added, report.updated, report.unchanged) == (0, 1, 0)
    row = rows(fresh_db)["u1"]
    assert (row["title"], row["revision"]) == ("Семинар для методистов", 2)
    audit = fresh_db.execute("SELECT user, before, after FROM changes WHERE table_name = 'events' "
                             "AND action = 'update'").fetchall()
    assert len(audit) == 1 and audit[0][0] == "ivanova"
    assert json.loads(audit[0][1])["title"] == "Семинар"
    assert json.loads(audit[0][2])["title"] == "Семинар для методистов"


def test_re_import_keeps_what_the_file_does_not_carry(fresh_db):
    """Grades, subjects and a kind set in the app survive a feed without them."""
    data = calendar(event("k1"))
    import_ics(fresh_db, data, user="demo")
    event_id = fresh_db.execute("SELECT id FROM events WHERE uid = 'k1'").fetchone()[0]
    draft, revision = draft_of(fresh_db, event_id)
    draft.grades, draft.subjects, draft.status = (7, 8), "физика", "held"
    update_event(fresh_db, event_id, draft, user="demo", expected_revision=revision)
    report = import_ics(fresh_db, data, user="demo")
    row = rows(fresh_db)["k1"]
    assert report.unchanged == 1
    assert (row["grades_from"], row["grades_to"], row["subjects"], row["status"]) == (
        7, 8, "физика", "held")


def test_cancelling_by_re_import_is_counted_once(fresh_db):
    import_ics(fresh_db, calendar(event("c1")), user="demo")
    cancelled = calendar(event("c1", summary="ОТМЕНЕНО: Семинар", extra="STATUS:CANCELLED"))
    first = import_ics(fresh_db, cancelled, user="demo")
    second = import_ics(fresh_db, cancelled, user="demo")
    assert (first.updated, first.cancelled, second.unchanged, second.cancelled) == (1, 1, 1, 0)
    assert rows(fresh_db)["c1"]["title"] == "Семинар"


def test_dry_run_reports_and_writes_nothing(fresh_db):
    report = import_ics(fresh_db, (DATA / "google.ics").read_bytes(), user="demo",
                        dry_run=True)
    assert report.added == 4 and "ничего не записано" in report.summary()
    assert fresh_db.execute("SELECT COUNT(*) FROM events").fetchone()[0] == 0
    assert fresh_db.execute("SELECT COUNT(*) FROM changes").fetchone()[0] == 0


def test_ten_thousand_events_in_one_go(fresh_db):
    events = [event(f"bulk-{n}", summary=f"Вебинар № {n} «Наука»",
                    start=f"DTSTART;TZID=Europe/Moscow:2022{n % 12 + 1:02d}15T100000",
                    end=f"DTEND;TZID=Europe/Moscow:2022{n % 12 + 1:02d}15T113000")
              for n in range(10_000)]
    report = import_ics(fresh_db, calendar(*events), user="demo")
    assert report.added == 10_000
    assert fresh_db.execute("SELECT COUNT(*) FROM events").fetchone()[0] == 10_000
    audited = "SELECT COUNT(*) FROM changes WHERE action = 'insert'"
    assert fresh_db.execute(audited).fetchone()[0] == 10_000
    assert fresh_db.execute("SELECT start_at FROM events WHERE uid = 'bulk-0'").fetchone()[0] == \
        "2022-01-15T14:00"


# --- bad input: one Russian message naming lines, nothing written -----------------------

def test_a_broken_line_is_reported_with_its_number(fresh_db):
    data = calendar(event("b1"), event("b2", extra="это не строка календаря"))
    message = failure(fresh_db, data)
    assert "Строка 15: «это не строка календаря» — не строка iCalendar" in message
    assert "плохой.ics" in message and "ничего не записано" in message


def test_a_continuation_line_before_any_line(fresh_db):
    message = failure(fresh_db, b" BEGIN:VCALENDAR\r\n" + calendar(event("x")))
    assert "Строка 1: строка-продолжение" in message


def test_an_unknown_time_zone(fresh_db):
    data = calendar(event("z1"), event("z2", start="DTSTART;TZID=Mars/Olympus:20220419T100000",
                                       end="DTEND;TZID=Mars/Olympus:20220419T120000"))
    message = failure(fresh_db, data)
    assert "Строка 13 (мероприятие «Семинар»): DTSTART: часовой пояс «Mars/Olympus» неизвестен" \
        in message


def test_an_unknown_x_wr_timezone_matters_only_for_floating_times(fresh_db):
    utc_only = calendar(event("f1"), head="X-WR-TIMEZONE:Nowhere/Land")
    assert import_ics(fresh_db, utc_only, user="demo").added == 1
    floating = calendar(event("f2", start="DTSTART:20220419T100000", end=""),
                        head="X-WR-TIMEZONE:Nowhere/Land")
    assert "«Nowhere/Land» (строка 4) — неизвестный часовой пояс" in failure(fresh_db, floating)


def test_a_missing_dtstart_names_the_event_line(fresh_db):
    message = failure(fresh_db, calendar(event("m1"), "UID:m2\nSUMMARY:Без даты"))
    assert "Строка 10 (мероприятие «Без даты»): нет DTSTART" in message


def test_an_end_before_the_start(fresh_db):
    data = calendar(event("e1", start="DTSTART:20220419T100000Z", end="DTEND:20220419T090000Z"))
    message = failure(fresh_db, data)
    assert "Строка 8 (мероприятие «Семинар»): DTEND: окончание (19.04.2022 16:00) раньше " \
           "начала (19.04.2022 17:00)" in message


def test_a_date_that_does_not_exist(fresh_db):
    message = failure(fresh_db, calendar(event("d1", start="DTSTART;VALUE=DATE:20220231",
                                               end="")))
    assert "Строка 7" in message and "«20220231» — такой даты нет в календаре" in message


def test_bytes_that_are_not_utf8(fresh_db):
    data = calendar(event("u1", summary="Семинар")).replace("Семинар".encode(),
                                                            "Семинар".encode("cp1251"))
    message = failure(fresh_db, data)
    assert "Строка 6: байты не в кодировке UTF-8" in message


@pytest.mark.parametrize("data, expected", [
    ("Название;Дата начала\nСеминар;19.04.2022\n".encode(), "первая строка — «Название;Дата"),
    (b"PK\x03\x04 rest of a zip", "таблица Excel"),
    (b"", "(пустой файл)"),
])
def test_a_file_that_is_not_a_calendar(fresh_db, data, expected):
    message = failure(fresh_db, data)
    assert "не похож на календарь iCalendar" in message and expected in message


def test_a_truncated_file(fresh_db):
    data = calendar(event("t1")).split(b"END:VEVENT")[0]
    message = failure(fresh_db, data)
    assert "Строка 4: блок BEGIN:VEVENT не закрыт" in message
    assert "Строка 1: блок BEGIN:VCALENDAR не закрыт" in message


@pytest.mark.parametrize("rule, part", [
    ("RRULE:FREQ=DAILY;COUNT=5", "FREQ=DAILY"),
    ("RRULE:FREQ=WEEKLY;BYDAY=MO,WE", "BYDAY=MO,WE"),
    ("RRULE:FREQ=MONTHLY;BYDAY=2TU", "BYDAY=2TU"),
    ("RRULE:FREQ=WEEKLY;BYSETPOS=1", "BYSETPOS"),
])
def test_repeats_the_calendar_cannot_keep(fresh_db, rule, part):
    message = failure(fresh_db, calendar(event("r1", extra=rule)))
    assert "Строка 9" in message and part in message and "не поддерживается" in message


def test_the_same_uid_twice(fresh_db):
    message = failure(fresh_db, calendar(event("dup"), event("dup", summary="Другой")))
    assert "Строка 10: UID «dup» уже был у мероприятия (строка 4)" in message


def test_all_or_nothing_when_the_third_event_is_broken(fresh_db):
    data = calendar(event("a1"), event("a2"), event("a3", start="DTSTART;TZID=Foo:20220419T1000"),
                    event("a4"))
    message = failure(fresh_db, data)
    assert "1 ошибка" in message and "Строка 19" in message


def test_problems_are_listed_up_to_a_limit(fresh_db):
    broken = [event(f"n{n}", start="DTSTART:2022041") for n in range(30)]
    message = failure(fresh_db, calendar(*broken))
    assert "30 ошибок" in message and "…и ещё 10 ошибок" in message
    assert len(message.splitlines()) == 1 + 20 + 1


# --- the command -----------------------------------------------------------------------

def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "rcro_tui", "--user", "demo", *args], capture_output=True,
                          text=True, env=os.environ.copy(), timeout=120)


def test_cli_imports_reimports_and_dry_runs(demo_path, tmp_path):
    google = tmp_path / "сетевые события.ics"
    google.write_bytes((DATA / "google.ics").read_bytes())
    dry = run("events", "import", str(google), "--dry-run", "--db", str(demo_path))
    assert dry.returncode == 0, dry.stderr
    assert "Будет добавлено 4 мероприятия" in dry.stdout and "ничего не записано" in dry.stdout
    first = run("--db", str(demo_path), "events", "import", str(google))
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip() == ("Добавлено 4 мероприятия, обновлено 0, без изменений 0; "
                                    "отменено 1.")
    again = run("events", "import", str(google), "--db", str(demo_path))
    assert again.stdout.strip() == "Добавлено 0 мероприятий, обновлено 0, без изменений 4."


def test_cli_refuses_a_bad_calendar_in_russian(demo_path, tmp_path):
    bad = tmp_path / "bad.ics"
    bad.write_bytes(calendar(event("x1"), "UID:x2\nSUMMARY:Без даты"))
    result = run("events", "import", str(bad), "--db", str(demo_path))
    assert result.returncode == 1
    assert result.stderr.startswith("Ошибка: Файл «bad.ics» не импортирован")
    assert "Строка 10" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("name, expected", [
    ("events.pdf", "расширение «.pdf» не поддерживается"),
    ("missing.ics", "не найден"),
])
def test_cli_refuses_other_files(demo_path, tmp_path, name, expected):
    path = tmp_path / name
    if name.endswith(".pdf"):
        path.write_bytes(b"%PDF-1.4")
    result = run("events", "import", str(path), "--db", str(demo_path))
    assert result.returncode == 1 and expected in result.stderr
    assert "Traceback" not in result.stderr


def test_a_fold_inside_a_cyrillic_letter_is_joined_before_decoding(fresh_db):
    summary = "SUMMARY:Семинар".encode()
    folded = summary[:11] + b"\r\n " + summary[11:]  # splits «е» (2 bytes) in two
    data = calendar(event("f1")).replace(summary, folded)
    assert one(fresh_db, data)["title"] == "Семинар"


def test_cli_help_is_russian():
    result = run("events", "import", "--help")
    assert result.returncode == 0
    assert "Использование: rcro-tui events import [ПАРАМЕТРЫ] ФАЙЛ" in result.stdout
    assert "--dry-run" in result.stdout and "Options" not in result.stdout

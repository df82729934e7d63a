"""`rcro-tui lint`: every feed we make passes; each ICS-NOTES rule broken by hand is caught."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from conftest import run_rcro
from rcro_tui.exports import publish_work as publish_module
from rcro_tui.exports.ics_lint import Finding, lint
from rcro_tui.exports.publish import publish

GOLDEN = Path(__file__).parent / "data" / "golden" / "feed_sample.ics"


def good() -> str:
    return GOLDEN.read_bytes().decode("utf-8")


def _without(text: str, prefix: str, count: int = 1) -> str:
    """The file with the first `count` content lines starting with `prefix` removed."""
    lines = text.split("\r\n")
    for _ in range(count):
        index = next(i for i, line in enumerate(lines) if line.startswith(prefix))
        del lines[index]
        while lines[index].startswith(" "):
            del lines[index]
    return "\r\n".join(lines)


def _timezone_block(text: str) -> str:
    return re.search(r"BEGIN:VTIMEZONE\r\n.*?END:VTIMEZONE\r\n", text, re.S).group(0)


def _split_letter(text: str, fold: str) -> bytes:
    """The file with a fold moved one byte into the next letter: «о» cut in two."""
    before, after = fold.split("\r\n ")
    letter = after[0].encode()
    cut = before.encode() + letter[:1] + b"\r\n " + letter[1:] + after[1:].encode()
    return text.encode().replace(fold.encode(), cut)


BROKEN = {
    "no UID": (1, lambda t: _without(t, "UID:")),
    "a UID twice": (1, lambda t: t.replace("UID:event-2@", "UID:event-1@")),
    "no SEQUENCE": (2, lambda t: _without(t, "SEQUENCE:")),
    "no LAST-MODIFIED": (2, lambda t: _without(t, "LAST-MODIFIED:")),
    "LF line ends": (3, lambda t: t.replace("\r\n", "\n")),
    "no PRODID": (3, lambda t: _without(t, "PRODID:")),
    "no DTSTAMP": (3, lambda t: _without(t, "DTSTAMP:")),
    "METHOD:REQUEST": (4, lambda t: t.replace("METHOD:PUBLISH", "METHOD:REQUEST")),
    "no VTIMEZONE": (5, lambda t: t.replace(_timezone_block(t), "")),
    "VTIMEZONE after the events": (5, lambda t: t.replace(_timezone_block(t), "").replace(
        "END:VCALENDAR", _timezone_block(t) + "END:VCALENDAR")),
    "a floating time": (5, lambda t: t.replace("DTSTART;TZID=Asia/Tomsk:20220419T140000",
                                               "DTSTART:20220419T140000")),
    "a date the zone does not cover": (5, lambda t: t.replace(
        "DTSTART;TZID=Asia/Tomsk:20141130T100000", "DTSTART;TZID=Asia/Tomsk:20101130T100000")),
    "no DTEND": (6, lambda t: _without(t, "DTEND;VALUE=DATE:20220406")),
    "an inclusive all-day DTEND": (6, lambda t: t.replace("DTEND;VALUE=DATE:20220406",
                                                          "DTEND;VALUE=DATE:20220403")),
    "a date without VALUE=DATE": (6, lambda t: t.replace("DTSTART;VALUE=DATE:20220403",
                                                         "DTSTART:20220403")),
    "an unfolded long line": (7, lambda t: t.replace("\r\n ", "", 1)),
    "a fold inside a letter": (7, lambda t: _split_letter(t, "переп\r\n олох")),
    "an unescaped comma": (8, lambda t: t.replace("LOCATION:ТОИПКРО\\,", "LOCATION:ТОИПКРО,")),
    "an escaped colon": (8, lambda t: t.replace("SUMMARY:Семинар 2014 года",
                                                "SUMMARY:Семинар\\: 2014 года")),
    "a control character": (8, lambda t: t.replace("Семинар 2014", "Семинар\x07 2014")),
    "no X-WR-CALNAME": (9, lambda t: _without(t, "X-WR-CALNAME:")),
    "no NAME": (9, lambda t: _without(t, "NAME:")),
    "no REFRESH-INTERVAL": (10, lambda t: _without(t, "REFRESH-INTERVAL")),
    "no X-PUBLISHED-TTL": (10, lambda t: _without(t, "X-PUBLISHED-TTL")),
    "a link that is not a URI": (16, lambda t: t.replace("URL:https://rcro.tomsk.ru/webinar",
                                                         "URL:rcro.tomsk.ru/webinar")),
    "CONFERENCE without URL": (16, lambda t: _without(t, "URL:https://rcro.tomsk.ru/webinar")),
    "a cancellation without «ОТМЕНЕНО:»": (11, lambda t: t.replace(
        "SUMMARY:ОТМЕНЕНО: Фестиваль", "SUMMARY:Фестиваль")),
}


def test_the_golden_feed_has_no_findings():
    assert lint(GOLDEN.read_bytes()) == []


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_each_broken_rule_is_caught_with_its_number(case):
    rule, breaking = BROKEN[case]
    broken = breaking(good())
    data = broken if isinstance(broken, bytes) else broken.encode("utf-8")
    assert data != GOLDEN.read_bytes()
    findings = lint(data)
    assert rule in {f.rule for f in findings}, [f.text() for f in findings]


def test_findings_name_the_line_in_russian():
    data = good().replace("METHOD:PUBLISH", "METHOD:REQUEST").encode()
    finding = next(f for f in lint(data) if f.rule == 4)
    assert finding.line == 5 and finding.text().startswith("строка 5: [правило 4] METHOD:REQUEST")


def test_garbage_gets_findings_not_a_traceback():
    for data in (b"", b"\x00\xff\xfe", b"hello\r\n", b"BEGIN:VCALENDAR\r\nEND:VEVENT\r\n"):
        assert lint(data)


def test_every_feed_of_the_demo_region_passes(demo_db, tmp_path):
    site = tmp_path / "site"
    report = publish(demo_db, site, as_of=date(2026, 11, 23), user="demo")
    assert report.refused == []
    for path in site.rglob("*.ics"):
        assert lint(path.read_bytes()) == [], path


def test_publish_keeps_the_old_file_of_a_feed_the_linter_refuses(demo_db, tmp_path, monkeypatch):
    site = tmp_path / "site"
    publish(demo_db, site, as_of=date(2026, 11, 23), user="demo")
    region = site / "feeds" / "region.ics"
    before = region.read_bytes()
    demo_db.execute("UPDATE events SET title = title || ' (изм.)' WHERE id = "
                    "(SELECT min(id) FROM events WHERE visibility = 'public' "
                    "AND start_at > '2026-09')")
    demo_db.conn.commit()
    monkeypatch.setattr(publish_module, "lint", lambda data: [Finding(1, 3, "проверка")])
    report = publish(demo_db, site, as_of=date(2026, 11, 23), user="demo")
    assert region.read_bytes() == before
    assert any(line.startswith("Общая лента региона: строка 1") for line in report.refused)


def test_a_refused_feed_keeps_its_old_events_in_the_state(demo_db, tmp_path, monkeypatch):
    """The state file (made while feeds are still written) keeps what the school last got
    for a refused feed, so the next publish's journal reports the change then."""
    from rcro_tui.exports.feed_journal import load_state

    site = tmp_path / "site"
    publish(demo_db, site, as_of=date(2026, 11, 23), user="demo")
    region_before = load_state(site).feeds["region"]
    demo_db.execute("UPDATE events SET visibility = 'public' WHERE id = "
                    "(SELECT min(id) FROM events WHERE visibility = 'internal' "
                    "AND start_at > '2026-09')")
    demo_db.conn.commit()
    monkeypatch.setattr(publish_module, "lint", lambda data: [Finding(1, 3, "проверка")])
    publish(demo_db, site, as_of=date(2026, 11, 23), user="demo")
    assert load_state(site).feeds["region"] == region_before
    monkeypatch.undo()
    report = publish(demo_db, site, as_of=date(2026, 11, 23), user="demo")
    assert any("Общая лента региона" in line for line in report.lines())
    assert len(load_state(site).feeds["region"]) == len(region_before) + 1


def test_the_cli_lints_files_and_fails_on_findings(demo_path, tmp_path):
    bad = tmp_path / "bad.ics"
    bad.write_bytes(good().replace("\r\n", "\n").encode())
    ran = run_rcro(demo_path, "lint", str(GOLDEN), str(bad))
    assert ran.code == 1
    assert "feed_sample.ics: замечаний нет." in ran.text
    assert "[правило 3] строки кончаются на LF без CR" in ran.text
    assert "Замечания в 1 файле из 2" in ran.err


def test_a_broken_event_text_refuses_every_feed_it_is_in(demo_db, tmp_path, monkeypatch):
    """Events are linted once each, not once per feed: a finding reaches each of its feeds."""
    from rcro_tui.exports import ics_event

    real = publish_module.event_text

    def without_stamp(event):
        made = real(event)
        if "Тайны науки" not in event.title:
            return made
        text = re.sub(r"DTSTAMP:[^\r]*\r\n", "", made.text)
        return ics_event.VeventText(made.sort_key, text, made.first, made.last, made.zones)

    monkeypatch.setattr(publish_module, "event_text", without_stamp)
    report = publish(demo_db, tmp_path / "site", as_of=date(2026, 11, 23), user="demo")
    refused = [line for line in report.refused if line.startswith("Общая лента региона")]
    assert refused and "[правило 3] у события нет DTSTAMP" in refused[0]
    assert "Тайны науки" in refused[0]
    assert not (tmp_path / "site" / "feeds" / "region.ics").exists()
    written = list((tmp_path / "site" / "feeds").glob("district-*.ics"))
    assert 0 < len(written) < 20, "feeds without that event are published, the others not"


@given(st.lists(st.sampled_from(["\r\n", " ", "\t", "A:1", "B;X=1:2", "C;Y=\"a:b\":z", ":",
                                 "\r\n ", "\r\n\t", "Я", "x" * 80]), max_size=12))
def test_the_fast_line_split_reads_as_the_line_loop(pieces):
    """`_clean_lines` (our own feeds, split at C speed) gives the loop's lines and findings."""
    from rcro_tui.exports.ics_lint_lines import (_clean_lines, _joined_lines,
                                                 splits_cleanly)

    text = "".join(pieces) + "\r\n"
    assume(splits_cleanly(text))
    physical = list(enumerate(text.split("\r\n"), start=1))[:-1]
    fast, slow = [], []
    fast_lines = _clean_lines(text, lambda *finding: fast.append(finding))
    slow_lines = _joined_lines(physical, lambda *finding: slow.append(finding), False)
    assert fast_lines == slow_lines and fast == slow

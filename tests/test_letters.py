"""The .docx letters: made from the demo's events, read back with python-docx, compared with
the seed letters 001 (announce), 003 (results) and 004 (organisations grouped)."""

from __future__ import annotations

import io
from datetime import date

import pytest
from docx import Document
from sqlite_utils import Database

from conftest import run_rcro
from letter_seeds import bullets_after, norm, seed, sentence_with
from rcro_tui.db.connection import open_database
from rcro_tui.db.event_orgs import participants, set_participants
from rcro_tui.db.letter_facts import find_letter_event, letter_facts
from rcro_tui.db.letter_settings import LetterSettings, letter_settings, save_letter_settings
from rcro_tui.db.schema import MIGRATIONS
from rcro_tui.errors import InputError, UserError
from rcro_tui.exports.letter_templates import TEMPLATE_FILES, build_template, template_path
from rcro_tui.exports.letters import docx_text, letter_docx, save_letter
from rcro_tui.org_grouping import grouped_text

SESSION = "Стратегическая сессия проекта ФИП «Парк ЕНОТо»"
DAY = date(2022, 4, 5)


def event_id(db: Database, title_start: str) -> int:
    return db.execute("SELECT id FROM events WHERE title LIKE ?", [title_start + "%"]).fetchone()[0]


@pytest.fixture
def signed_as_seed_001(demo_db):
    """The seed's signatory: «И.о. директора Е.В. Захарова»."""
    save_letter_settings(demo_db, LetterSettings(signatory_position="И.о. директора",
                                                 signatory_name="Е.В. Захарова"), user="demo")
    return demo_db


def test_the_announcement_says_what_seed_001_says(signed_as_seed_001):
    db = signed_as_seed_001
    text = docx_text(letter_docx(db, event_id(db, SESSION), "announce", day=DAY, number="312"))
    original = seed("001")
    when = "Стратегическая сессия состоится"
    assert sentence_with(text, when) == sentence_with(original, when)
    for part in ("Время проведения:", "Регистрация участников", "Место проведения:"):
        assert sentence_with(text, part) == sentence_with(original, part)
    assert bullets_after(text, "4 такта:", "Целевая") == \
        bullets_after(original, "несколько тактов:", "Целевая")
    assert bullets_after(text, "Целевая аудитория стратегической сессии:", "И.о.") == \
        bullets_after(original, "Целевая аудитория стратегической сессии:", "И.о.")
    for same in ("О проведении стратегической сессии", "Уважаемые коллеги!",
                 "Руководителям образовательных организаций (по списку)",
                 "«РЕГИОНАЛЬНЫЙ ЦЕНТР РАЗВИТИЯ ОБРАЗОВАНИЯ»", "ИНН/КПП 7017033960/701701001",
                 "Ковалев Егор Владимирович", "Худобина Юлия Петровна", "Е.В. Захарова",
                 "И.о. директора"):
        assert same in original and same in text
    assert "05.04.2022 № 312" in text
    assert "Парк ЕНОТо" in sentence_with(text, "ОГБУ «Региональный центр развития образования» "
                                               "информирует о проведении стратегической сессии")


def test_the_results_letter_says_what_seed_003_says(demo_db):
    text = docx_text(letter_docx(demo_db, event_id(demo_db, SESSION), "results", day=DAY))
    original = norm(seed("003"))
    assert "Об итогах проведения стратегической сессии" in original
    assert "Об итогах проведения стратегической сессии" in text
    assert "Стратегическая сессия состоялась 19 апреля 2022 года в смешанном формате" in original
    assert "Стратегическая сессия состоялась 19 апреля 2022 года в смешанном формате." in text
    assert "В стратегической сессии приняли участие 62 человека" in original
    assert "В стратегической сессии приняли участие 62 человека." in text
    assert "информирует об итогах проведения стратегической сессии" in original
    assert "информирует об итогах проведения стратегической сессии" in text
    # the results, and no announcement's «for remote participants» in the programme
    assert "конкурсный отбор базовых образовательных организаций" in text
    assert "для дистанционных участников" not in text and "состоится" not in text


def test_the_webinar_results_list_the_schools_as_seed_004_does(demo_db):
    webinar = event_id(demo_db, "Установочный вебинар")
    text = norm(docx_text(letter_docx(demo_db, webinar, "results", day=DAY)))
    listed = grouped_text(participants(demo_db, webinar))
    assert norm(listed) in norm(seed("004"))
    assert f"В вебинаре приняли участие 17 человек из 11 образовательных организаций: {norm(listed)}." \
        in text
    assert "Вебинар состоялся 14 сентября 2017 года в смешанном формате." in text


def test_the_document_has_the_seeds_layout(demo_db):
    data = letter_docx(demo_db, event_id(demo_db, SESSION), "announce", day=DAY)
    document = Document(io.BytesIO(data))
    head, signature = document.tables
    assert head.rows[0].cells[0].paragraphs[0].text == "Департамент общего образования Томской области"
    assert head.rows[0].cells[1].paragraphs[0].text.startswith("Руководителям органов")
    assert [c.text for c in signature.rows[0].cells] == ["Директор", "Н.П. Лыжина"]
    bullets = [p.text for p in document.paragraphs if p.style.name == "List Bullet"]
    assert len(bullets) == 8 and bullets[-1].endswith(".") and bullets[0].endswith(";")
    assert not any("{{" in p.text or "{%" in p.text for p in document.paragraphs)
    assert document.sections[0].page_width.cm == pytest.approx(21, abs=0.01)


def test_an_event_without_agenda_or_audience_leaves_those_paragraphs_out(demo_db):
    seminar = event_id(demo_db, "Консультационный семинар")
    text = docx_text(letter_docx(demo_db, seminar, "announce", day=DAY))
    assert "Консультационный семинар" not in text  # the kind is in the sentence, not the title
    assert "консультационного семинара по подготовке заявок" in text
    assert "запланирован" not in text and "Регистрация" not in text
    assert "Семинар состоится в дистанционном формате 16 июня 2022 года. " \
           "Время проведения: с 15:00 до 16:30." in norm(text)


def test_results_without_any_results_are_refused_naming_the_fields(demo_db):
    seminar = event_id(demo_db, "Консультационный семинар")
    with pytest.raises(InputError, match="нет итогов.*«Участников» и «Итоги»"):
        letter_docx(demo_db, seminar, "results")


def test_a_cancelled_event_gets_no_letter(demo_db):
    session = event_id(demo_db, SESSION)
    demo_db.execute("UPDATE events SET status = 'cancelled' WHERE id = ?", [session])
    with pytest.raises(InputError, match="отменено"):
        letter_facts(demo_db, session, "announce")
    with pytest.raises(InputError, match="announce.*results"):
        letter_facts(demo_db, session, "thanks")
    with pytest.raises(InputError, match="№ 999999"):
        letter_facts(demo_db, 999999, "announce")


def test_events_are_found_by_number_uid_or_title_words(demo_db):
    session = event_id(demo_db, SESSION)
    uid = demo_db.execute("SELECT uid FROM events WHERE id = ?", [session]).fetchone()[0]
    assert find_letter_event(demo_db, str(session)) == session
    assert find_letter_event(demo_db, uid) == session
    assert find_letter_event(demo_db, "стратегическая ЕНОТО") == session
    with pytest.raises(InputError, match="несколько мероприятий.*Укажите номер"):
        find_letter_event(demo_db, "сессия")
    with pytest.raises(InputError, match="не найдено"):
        find_letter_event(demo_db, "нет такого слова")


def test_a_coordinator_s_own_template_is_used(demo_db, tmp_path):
    own = tmp_path / "мой.docx"
    document = Document(str(template_path("announce")))
    document.add_paragraph("Дополнительно: {{ title }} ({{ when_date }})")
    document.save(str(own))
    session = event_id(demo_db, SESSION)
    text = docx_text(letter_docx(demo_db, session, "announce", day=DAY, template=own))
    assert f"Дополнительно: {SESSION} (19 апреля 2022 года)" in text
    settings = letter_settings(demo_db)
    save_letter_settings(demo_db, LetterSettings(**{**settings.__dict__,
                                                    "template_announce": str(own)}), user="demo")
    assert "Дополнительно:" in docx_text(letter_docx(demo_db, session, "announce", day=DAY))


def test_bad_templates_and_paths_say_what_is_wrong(demo_db, tmp_path):
    session = event_id(demo_db, SESSION)
    broken = tmp_path / "broken.docx"
    broken.write_text("not a zip")
    with pytest.raises(InputError, match="не документ Word"):
        letter_docx(demo_db, session, "announce", template=broken)
    wrong = tmp_path / "wrong.docx"
    document = Document()
    document.add_paragraph("{{ title ")
    document.save(str(wrong))
    with pytest.raises(InputError, match="ошибка в поле"):
        letter_docx(demo_db, session, "announce", template=wrong)
    with pytest.raises(InputError, match="нет"):
        letter_docx(demo_db, session, "announce", template=tmp_path / "absent.docx")
    with pytest.raises(InputError, match="нужен файл Word"):
        save_letter_settings(demo_db, LetterSettings(template_results=str(tmp_path / "a.doc")),
                             user="demo")
    with pytest.raises(InputError, match="подписывающий"):
        save_letter_settings(demo_db, LetterSettings(signatory_name="  "), user="demo")
    with pytest.raises(UserError, match="это папка"):
        save_letter(b"x", tmp_path)
    with pytest.raises(UserError, match="Папки"):
        save_letter(b"x", tmp_path / "нет" / "письмо.docx")


def test_the_shipped_templates_are_what_the_builder_makes():
    for letter in TEMPLATE_FILES:
        shipped = [p.text for p in Document(str(template_path(letter))).paragraphs]
        built = [p.text for p in build_template(letter).paragraphs]
        assert shipped == built


def test_participants_are_set_in_order_and_audited(fresh_db):
    from rcro_tui.db.events import EventDraft, add_event
    from rcro_tui.db.network import add_district, add_organization
    from rcro_tui.model import DistrictKind, EventKind, OrgKind
    from datetime import datetime

    tomsk = add_district(fresh_db, "г. Томск", DistrictKind.URBAN_OKRUG, user="demo")
    ids = [add_organization(fresh_db, f"МАОУ СОШ № {n} г. Томска", OrgKind.SCHOOL, user="demo",
                            district_id=tomsk) for n in (58, 4, 32)]
    event = add_event(fresh_db, EventDraft("Семинар", EventKind.SEMINAR,
                                           datetime(2027, 1, 1, 10), datetime(2027, 1, 1, 11)),
                      user="demo")
    set_participants(fresh_db, event, ids, user="demo")
    assert grouped_text(participants(fresh_db, event)) == "МАОУ СОШ №№ 4, 32, 58 г. Томска"
    set_participants(fresh_db, event, ids[:1], user="demo")
    assert [p.name for p in participants(fresh_db, event)] == ["МАОУ СОШ № 58 г. Томска"]
    logged = fresh_db.execute("SELECT count(*) FROM changes WHERE table_name = "
                              "'event_organizations'").fetchone()[0]
    assert logged == 3 + 3 + 1
    with pytest.raises(InputError, match="дважды"):
        set_participants(fresh_db, event, [ids[0], ids[0]], user="demo")


def test_a_database_made_before_m014_upgrades(tmp_path):
    path = tmp_path / "old.sqlite"
    old = Database(path)
    MIGRATIONS.apply(old, stop_before="m014_letters")
    old.close()
    db = open_database(path)
    assert db["event_organizations"].exists()
    assert letter_settings(db) == LetterSettings()
    db.close()


def test_the_cli_writes_prints_and_configures(demo_path, tmp_path):
    out = tmp_path / "письмо.docx"
    made = run_rcro(demo_path, "letter", "announce", "стратегическая енотo".replace("o", "о"),
                    "-o", str(out), "--number", "312", "--date", "05.04.2022",
                    "--to", "Директорам школ;Партнёрам")
    assert made.code == 0, made.err
    assert "сохранено" in made.text and out.exists()
    text = docx_text(out.read_bytes())
    assert "Директорам школ" in text and "Партнёрам" in text and "05.04.2022 № 312" in text
    printed = run_rcro(demo_path, "letter", "results", "вебинар потенциальных", "--text")
    assert printed.code == 0 and "МАОУ СОШ №№ 32, 47, 50, 58 г. Томска" in printed.text
    configured = run_rcro(demo_path, "letter", "settings", "--signatory-name", "Е.В. Захарова",
                          "--executors", "Иванова И.И.;(3822) 51-56-66")
    assert configured.code == 0 and "Подписывающий: Е.В. Захарова" in configured.text
    template = tmp_path / "шаблон.docx"
    assert run_rcro(demo_path, "letter", "template", "results", "-o", str(template)).code == 0
    assert template.read_bytes() == template_path("results").read_bytes()
    refused = run_rcro(demo_path, "letter", "results", "Консультационный")
    assert refused.code == 1 and "нет итогов" in refused.err
    listed = run_rcro(demo_path, "letter", "participants", "2")
    assert "Участники (11)" in listed.text

"""`rcro-tui members rounds list|add|decide` and `members apply --round` on the demo region,
and the round editing rules behind both the CLI and the «Отборы» tab."""

from __future__ import annotations

from datetime import date

import pytest

from conftest import run_rcro

from rcro_tui.db.round_list import RoundError, read_round, save_round
from rcro_tui.db.rounds import get_round
from rcro_tui.model import Role

ORDER = "приказ № 521 от 02.06.2022"


def test_add_apply_two_and_decide_one_approved_one_rejected(demo_path):
    ran = run_rcro(demo_path, "members", "rounds", "add", "--program", "Парк ЕНОТо", "--role",
                   "базовая", "--opens", "01.06.2026", "--deadline", "30.06.2026")
    assert ran.code == 0, ran.err
    assert ran.text == ("Отбор №2 «Конкурсный отбор на статус «базовая организация»»: приём "
                        "заявок с 01.06.2026 по 30.06.2026.\n")
    numbers = []
    for school in ("Уртамская", "Кожевниковская СОШ № 2"):
        ran = run_rcro(demo_path, "members", "apply", school, "Парк ЕНОТо", "--role", "базовая",
                       "--date", "15.06.2026", "--round", "2")
        assert ran.code == 0, ran.err
        numbers.append(ran.text.split("№")[1].split(":")[0])
    listed = run_rcro(demo_path, "members", "rounds", "list", "--on", "01.07.2026",
                      "--format", "plain").text.splitlines()
    mine = next(line for line in listed if line.startswith("2 "))
    assert "идёт рассмотрение" in mine and "Парк ЕНОТо" in mine and " 2 " in mine
    ran = run_rcro(demo_path, "members", "rounds", "decide", "2", "--approve", numbers[0],
                   "--document", ORDER, "--date", "02.07.2026", "--until", "31.12.2028")
    assert ran.code == 0, ran.err
    assert ran.text == (f"Отбор №2 «Конкурсный отбор на статус «базовая организация»»: решение "
                        f"от 02.07.2026 ({ORDER}). Одобрено: 1 заявка (№{numbers[0]}); "
                        f"отклонено: 1 заявка (№{numbers[1]}).\n")
    approved = run_rcro(demo_path, "members", "history", numbers[0]).text
    rejected = run_rcro(demo_path, "members", "history", numbers[1]).text
    assert "одобрена" in approved and "Действует до 31.12.2028." in approved
    assert "отклонена" in rejected and ORDER in rejected
    listed = run_rcro(demo_path, "members", "list", "--round", "2", "--format", "plain",
                      "--on", "03.07.2026").text
    assert "до 31.12.2028" in listed and "отклонена" in listed


def test_round_refusals_are_one_russian_line(demo_path):
    ran = run_rcro(demo_path, "members", "rounds", "add", "--program", "Парк ЕНОТо", "--role",
                   "базовая", "--opens", "01.07.2026", "--deadline", "30.06.2026")
    assert ran.code == 1 and "Срок подачи 30.06.2026 раньше начала приёма 01.07.2026" in ran.err
    ran = run_rcro(demo_path, "members", "rounds", "decide", "1", "--approve", "71",
                   "--document", ORDER, "--date", "01.12.2026")
    assert ran.code == 1 and "решение — не раньше следующего дня" in ran.err
    ran = run_rcro(demo_path, "members", "rounds", "decide", "1", "--approve", "71,x",
                   "--document", ORDER, "--date", "16.12.2026")
    assert ran.code == 1 and "«x» — не номер заявки" in ran.err
    ran = run_rcro(demo_path, "members", "rounds", "decide", "1", "--approve", "5",
                   "--document", ORDER, "--date", "16.12.2026")
    assert ran.code == 1 and "Заявки №5 нет среди ждущих решения" in ran.err
    ran = run_rcro(demo_path, "members", "apply", "Уртамская", "ТРЦ", "--role", "опорная",
                   "--round", "1")
    assert ran.code == 1 and "заявка не для него" in ran.err
    assert "Traceback" not in ran.err


def test_read_round_names_every_problem_at_once():
    with pytest.raises(RoundError) as caught:
        read_round({"program": None, "role": "hub", "opens": "31.02.2026", "deadline": ""})
    assert set(caught.value.problems) == {"program", "opens", "deadline"}
    draft = read_round({"program": 3, "role": "base", "opens": "01.11.2026",
                        "deadline": "15.12.2026", "name": "  "})
    assert draft.name == "Конкурсный отбор на статус «базовая организация»"


def test_a_round_with_applications_keeps_its_programme_role_and_their_dates(demo_db):
    old = get_round(demo_db, 1)
    values = {"program": old.program_id, "role": "base", "name": old.name,
              "opens": "10.11.2026", "deadline": "20.12.2026"}
    with pytest.raises(RoundError, match="поданы с 05.11.2026 по 11.11.2026"):
        save_round(demo_db, read_round(values), user="demo", round_id=1)
    with pytest.raises(RoundError, match="программу и роль изменить нельзя"):
        save_round(demo_db, read_round({**values, "role": "hub", "opens": "01.11.2026"}),
                   user="demo", round_id=1)
    save_round(demo_db, read_round({**values, "opens": "01.11.2026"}), user="demo", round_id=1,
               expected_revision=old.revision)
    changed = get_round(demo_db, 1)
    assert (changed.opened_on, changed.deadline) == (date(2026, 11, 1), date(2026, 12, 20))
    assert changed.role == Role.BASE and changed.revision == old.revision + 1

"""`rcro-tui stages list|show`: competitions of a year, and one competition's stages with their
sessions — the same calls as the «Отборы» section (`db.competitions`, `db.stage_list`).

`show` takes a competition's number (the «№» column of `list`) and prints its facts, its
stages in order, then each stage's sessions.
"""

from __future__ import annotations

from pathlib import Path

import click

from rcro_tui.cli_common import HELP, db_option
from rcro_tui.cli_rounds import TEXT_FORMATS
from rcro_tui.cli_stages import open_db, stages
from rcro_tui.rules import AcademicYear, today_in_region


@stages.command("list", short_help="Конкурсы и олимпиады учебного года.",
                help="Конкурсы и олимпиады учебного года: вид, классы, число этапов, площадок "
                     "и участников, даты. Номер из столбца «№» принимает stages show.")
@click.option("--year", metavar="ГГГГ/ГГГГ",
              help="Учебный год, например 2025/2026 (по умолчанию текущий).")
@click.option("--all-years", is_flag=True, help="Все учебные годы.")
@click.option("--search", default="", metavar="ТЕКСТ", help="Слова из названия.")
@click.option("--format", "fmt", default="simple", show_default=True,
              type=click.Choice(TEXT_FORMATS), help="Вид текстовой таблицы.")
@db_option()
@click.help_option("-h", "--help", help=HELP)
@click.pass_context
def list_command(ctx: click.Context, year: str | None, all_years: bool, search: str, fmt: str,
                 db_path: Path | None) -> None:
    from rcro_tui.db.competitions import competitions_view
    from rcro_tui.exports.text import render

    chosen = None if all_years else (AcademicYear.parse(year) if year else
                                     AcademicYear.containing(today_in_region())).start_year
    db = open_db(ctx, db_path)
    try:
        click.echo(render(competitions_view(db, chosen, search), fmt), nl=False)
    finally:
        db.close()


@stages.command("show", short_help="Конкурс: этапы по порядку и их площадки.",
                help="Конкурс №КОНКУРС (номер из stages list): сведения, этапы по порядку "
                     "с датами и классами, затем площадки каждого этапа — район, площадка, "
                     "дата, формат, статус мероприятия, число участников.")
@click.argument("competition_id", metavar="КОНКУРС", type=int)
@click.option("--format", "fmt", default="simple", show_default=True,
              type=click.Choice(TEXT_FORMATS), help="Вид текстовой таблицы.")
@db_option()
@click.help_option("-h", "--help", help=HELP)
@click.pass_context
def show_command(ctx: click.Context, competition_id: int, fmt: str,
                 db_path: Path | None) -> None:
    from rcro_tui.db.competitions import get_competition
    from rcro_tui.db.stage_list import competition_facts, facts_text, sessions_view, stages_view
    from rcro_tui.exports.text import render

    db = open_db(ctx, db_path)
    try:
        title = get_competition(db, competition_id)["title"]
        click.echo(f"№{competition_id} {title}")
        click.echo(facts_text(competition_facts(db, competition_id)))
        click.echo()
        click.echo(render(stages_view(db, competition_id), fmt), nl=False)
        for (stage_id,) in db.execute("SELECT id FROM stages WHERE competition_id = ? "
                                      "ORDER BY position", [competition_id]).fetchall():
            click.echo()
            click.echo(render(sessions_view(db, stage_id), fmt), nl=False)
    finally:
        db.close()

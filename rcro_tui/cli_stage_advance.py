"""`rcro-tui stages advance|rule`: pass rules and advancing, the same calls as the «Переход» tab.

`stages advance ЭТАП --dry-run` prints who passes and why; without it the passers' entries
are created in the next stage (refused, exit code 1, while ties wait for the coordinator).
`stages rule ЭТАП` shows the rule and the stage's version; `--set JSON` or
`--top/--per/--ties/--min/--line/--manual` change it, `--revision N` only if nobody changed the
stage since the version N the person (or script) looked at.
"""

from __future__ import annotations

from pathlib import Path

import click

from rcro_tui.cli_common import HELP, acting_user, db_option
from rcro_tui.cli_revision import revision_option, started_from
from rcro_tui.cli_stages import open_db, stages
from rcro_tui.errors import InputError
from rcro_tui.pass_rule_text import RuleFields, parse_line, rule_of
from rcro_tui.pass_rules import PassRule, QuotaScope, RuleKind, TiePolicy, parse_rule

TEXT_FORMATS = ["simple", "plain", "grid", "markdown", "tsv"]
PER = {"stage": "stage", "этап": "stage", "district": "district", "район": "district",
       "school": "school", "школа": "school", "session": "session", "площадка": "session"}
TIES = {"all": "all", "все": "all", "coordinator": "coordinator", "координатор": "coordinator"}


@stages.command("advance", short_help="Переход на следующий этап (--dry-run — только показать).",
                help="Кто проходит этап ЭТАП по его правилу и почему, и на какую площадку "
                     "следующего этапа каждый пойдёт. Без --dry-run создаёт их записи на "
                     "следующем этапе (повторный запуск ничего не дублирует); пока равные "
                     "баллы на границе ждут решения координатора, переход не выполняется.")
@click.argument("stage_id", metavar="ЭТАП", type=int)
@click.option("--dry-run", is_flag=True, help="Только показать, ничего не записывать.")
@click.option("--format", "fmt", default="simple", show_default=True,
              type=click.Choice(TEXT_FORMATS), help="Вид текстовой таблицы.")
@db_option()
@click.help_option("-h", "--help", help=HELP)
@click.pass_context
def advance_command(ctx: click.Context, stage_id: int, dry_run: bool, fmt: str,
                    db_path: Path | None) -> None:
    from rcro_tui.db.advance import apply, preview
    from rcro_tui.db.advance_view import preview_view
    from rcro_tui.exports.text import render

    db = open_db(ctx, db_path)
    try:
        if dry_run:
            seen = preview(db, stage_id)
            click.echo(render(preview_view(seen), fmt), nl=False)
            for warning in seen.warnings:
                click.echo(f"Внимание: {warning}")
            return
        done = apply(db, stage_id, user=acting_user(ctx, db))
    finally:
        db.close()
    click.echo(done.summary())


@stages.command("rule", short_help="Правило перехода этапа: показать или задать.",
                help="Правило перехода этапа ЭТАП. Без параметров — показать. Задать: "
                     "--set JSON целиком, или --top N [--per этап|район|школа|площадка] "
                     "[--by-subject] [--by-grade] [--ties все|координатор], или --min БАЛЛ и/или "
                     "--line «предмет; класс; балл» (сколько угодно раз), или --manual.")
@click.argument("stage_id", metavar="ЭТАП", type=int)
@click.option("--set", "as_json", metavar="JSON", help="Правило в JSON.")
@click.option("--top", type=int, metavar="N", help="Первые N.")
@click.option("--per", metavar="ГДЕ", help="Где считать первых N (по умолчанию — по этапу).")
@click.option("--by-subject", is_flag=True, help="Первых N — по каждому предмету отдельно.")
@click.option("--by-grade", is_flag=True, help="Первых N — в каждом классе отдельно.")
@click.option("--ties", metavar="КТО", help="Равные баллы на границе: все проходят / "
                                            "решает координатор.")
@click.option("--min", "least", metavar="БАЛЛ", help="Проходной балл по умолчанию.")
@click.option("--line", "lines", multiple=True, metavar="«ПРЕДМЕТ; КЛАСС; БАЛЛ»",
              help="Проходной балл для предмета и класса (пусто — любой).")
@click.option("--manual", is_flag=True, help="Вручную: координатор отмечает, кто проходит.")
@click.option("--note", default="", metavar="ТЕКСТ", help="Пояснение к правилу.")
@revision_option()
@db_option()
@click.help_option("-h", "--help", help=HELP)
@click.pass_context
def rule_command(ctx: click.Context, stage_id: int, as_json: str | None, top: int | None,
                 per: str | None, by_subject: bool, by_grade: bool, ties: str | None,
                 least: str | None, lines: tuple[str, ...], manual: bool, note: str,
                 revision: int | None, db_path: Path | None) -> None:
    from rcro_tui.db.advance import get_rule, set_rule
    from rcro_tui.db.store import get_row
    from rcro_tui.pass_words import describe

    db = open_db(ctx, db_path)
    try:
        stage = get_row(db, "stages", stage_id)
        name = stage["name"]
        rule = _typed_rule(as_json, top, per, by_subject, by_grade, ties, least, lines, manual,
                           note, stage=name)
        if rule is not None:
            set_rule(db, stage_id, rule, user=acting_user(ctx, db),
                     expected_revision=started_from(revision, stage["revision"]))
        shown = get_rule(db, stage_id)
        now = get_row(db, "stages", stage_id)["revision"]
    finally:
        db.close()
    click.echo(f"Этап «{name}»: {describe(shown)}\nВерсия этапа: {now} (для --revision).")


def _typed_rule(as_json, top, per, by_subject, by_grade, ties, least, lines, manual, note, *,
                stage: str) -> PassRule | None:
    """The rule the options ask for (None: only show); mixing kinds is refused."""
    quota = top is not None or per or by_subject or by_grade or ties
    threshold = least is not None or lines
    asked = [name for name, on in (("--set", as_json), ("--top", quota),
                                   ("--min/--line", threshold), ("--manual", manual)) if on]
    if len(asked) > 1:
        raise InputError(f"Задайте правило одним способом, а не {' и '.join(asked)}.")
    if as_json:
        return parse_rule(as_json, stage=stage)
    if manual:
        return rule_of(RuleFields(RuleKind.MANUAL.value, note=note))
    if threshold:
        for raw in lines:
            try:
                parse_line(raw)
            except InputError as error:
                raise InputError(f"--line «{raw}»: {error.message}") from None
        return rule_of(RuleFields(RuleKind.THRESHOLD.value, default=least or "",
                                  lines="\n".join(lines), note=note))
    if quota:
        if top is None:
            raise InputError("--per, --by-subject, --by-grade и --ties задают первых N: "
                             "укажите и --top N.")
        return rule_of(RuleFields(RuleKind.QUOTA.value, str(top), _choice(per or "stage", PER,
                                  "--per", QuotaScope), by_subject, by_grade,
                                  _choice(ties or "all", TIES, "--ties", TiePolicy), note=note))
    return None


def _choice(text: str, known: dict[str, str], option: str, labels) -> str:
    value = known.get(text.strip().casefold())
    if value is None:
        words = ", ".join(f"{key} ({labels(val).label})" for key, val in known.items()
                          if key.isascii())
        raise InputError(f"{option} «{text}»: ожидается одно из: {words}.")
    return value

"""Click, speaking Russian: help headings, usage line and the usage errors people actually hit.

Click ships English only. Help texts are ours; what click writes itself (Usage, Options,
Commands, «No such option») is replaced here, so `rcro-tui --help` is Russian throughout.
"""

from __future__ import annotations

import click


class RussianHelpMixin:
    """Russian section headings and usage prefix for click's help output."""

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        pieces = self.collect_usage_pieces(ctx)  # type: ignore[attr-defined]
        pieces = [p.replace("[OPTIONS]", "[ПАРАМЕТРЫ]").replace("COMMAND", "КОМАНДА")
                  .replace("[ARGS]...", "[АРГУМЕНТЫ]...") for p in pieces]
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix="Использование: ")

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [rv for p in self.get_params(ctx)  # type: ignore[attr-defined]
                if isinstance(p, click.Option) and (rv := p.get_help_record(ctx)) is not None]
        if rows:
            with formatter.section("Параметры"):
                formatter.write_dl([(name, _russian_defaults(text)) for name, text in rows])
        if isinstance(self, click.Group):
            self.format_commands(ctx, formatter)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        commands = []
        for name in self.list_commands(ctx):  # type: ignore[attr-defined]
            command = self.get_command(ctx, name)  # type: ignore[attr-defined]
            if command is not None and not command.hidden:
                commands.append((name, command.get_short_help_str(limit=70)))
        if commands:
            with formatter.section("Команды"):
                formatter.write_dl(commands)


def _russian_defaults(text: str) -> str:
    return text.replace("[default: ", "[по умолчанию: ").replace("[required]", "[обязательно]")


class RussianCommand(RussianHelpMixin, click.Command):
    pass


class RussianGroup(RussianHelpMixin, click.Group):
    command_class = RussianCommand


def usage_error_text(error: click.ClickException) -> str:
    """A Russian one-line message for click's own errors (English ones are left as a fallback)."""
    if isinstance(error, click.NoSuchOption):
        return f"нет такого параметра: {error.option_name}. Справка: rcro-tui --help."
    if isinstance(error, click.MissingParameter):
        return f"не задан обязательный параметр {error.param_hint or ''}".strip() + "."
    if isinstance(error, click.BadParameter):
        return f"неверное значение {error.param_hint or ''}: {error.message}"
    if isinstance(error, click.UsageError) and "No such command" in error.message:
        name = error.message.split("'")[1] if "'" in error.message else ""
        return f"нет такой команды: {name}. Список команд: rcro-tui --help."
    if isinstance(error, click.UsageError) and "Got unexpected extra argument" in error.message:
        return "лишний аргумент в командной строке. Справка: rcro-tui --help."
    return error.format_message()

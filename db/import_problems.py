"""What an import reports: the counts it applied, or every problem at once so nothing is half-done.

An import either applies completely or not at all, so a person fixing a file wants the whole
list of what is wrong in one go (up to a limit), each line naming the row or line of the file.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rcro_tui.errors import InputError
from rcro_tui.i18n import count

MAX_LISTED = 20
"""How many problems one message lists; the rest are only counted (fix these, run again)."""


@dataclass
class ImportReport:
    """What an import did (or, for a dry run, would do)."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    cancelled: int = 0
    """Events this import added as cancelled or switched to cancelled."""
    ignored_columns: list[str] = field(default_factory=list)
    """Table headers no field matches (their cells were not read)."""
    dry_run: bool = False

    @property
    def total(self) -> int:
        return self.added + self.updated + self.unchanged

    def summary(self) -> str:
        """«Добавлено 12 мероприятий, обновлено 3, без изменений 40; отменено 2.»"""
        verb = "Будет добавлено" if self.dry_run else "Добавлено"
        text = (f"{verb} {count(self.added, 'мероприятие', 'мероприятия', 'мероприятий')}, "
                f"обновлено {self.updated}, без изменений {self.unchanged}")
        if self.cancelled:
            text += f"; отменено {self.cancelled}"
        text += "."
        if self.ignored_columns:
            names = ", ".join(f"«{name}»" for name in self.ignored_columns)
            text += f"\nСтолбцы без соответствия пропущены: {names}."
        if self.dry_run:
            text += "\nПроверка (--dry-run): в базу ничего не записано."
        return text


class Problems:
    """Collects Russian problem sentences and raises them together as one InputError."""

    def __init__(self, limit: int = MAX_LISTED) -> None:
        self.limit = limit
        self.found: list[tuple[int, int, str]] = []

    def add(self, message: str, line: int = 0) -> None:
        """Record a problem; `line` orders the list as the file reads (0 keeps arrival order)."""
        self.found.append((line, len(self.found), message))

    @property
    def total(self) -> int:
        return len(self.found)

    @property
    def messages(self) -> list[str]:
        """The first `limit` problems, in the order of the file."""
        return [message for _, _, message in sorted(self.found)[:self.limit]]

    def __bool__(self) -> bool:
        return self.total > 0

    def raise_if_any(self, source_name: str) -> None:
        """One block: a heading naming the file, then one line per problem."""
        if not self.total:
            return
        what = f"Файл «{source_name}»" if source_name else "Файл"
        lines = [f"{what} не импортирован, в базу ничего не записано: "
                 f"{count(self.total, 'ошибка', 'ошибки', 'ошибок')}."]
        shown = self.messages
        lines += [f"  {message}" for message in shown]
        rest = self.total - len(shown)
        if rest:
            lines.append(f"  …и ещё {count(rest, 'ошибка', 'ошибки', 'ошибок')}: исправьте "
                         "перечисленные и запустите импорт снова.")
        raise InputError("\n".join(lines))

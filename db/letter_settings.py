"""What every letter of the centre repeats: the letterhead, the sender, the signatory, the
executors, the default addressees and the templates — kept in the database `settings` table.

Stored once, so the screen, `rcro-tui letter` and every coordinator sign the same way. Until a
coordinator changes them the letters carry ОГБУ «РЦРО»'s own details as seed 001 prints them.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from pathlib import Path

from sqlite_utils import Database

from rcro_tui.errors import InputError
from rcro_tui.rules import clean_text
from rcro_tui.db.store import ConflictError, get_setting, set_setting

RCRO_LETTERHEAD = "\n".join((
    "Департамент общего образования Томской области",
    "ОБЛАСТНОЕ ГОСУДАРСТВЕННОЕ БЮДЖЕТНОЕ УЧРЕЖДЕНИЕ",
    "«РЕГИОНАЛЬНЫЙ ЦЕНТР РАЗВИТИЯ ОБРАЗОВАНИЯ»",
    "Татарская ул., д.16, г. Томск, 634050",
    "тел/факс (3822) 51-56-66",
    "E-mail: secretary@education.tomsk.ru",
    "ИНН/КПП 7017033960/701701001",
    "www.rcro.tomsk.ru"))
RCRO_ADDRESSEES = "\n".join((
    "Руководителям органов местного самоуправления, осуществляющих управление в сфере "
    "образования Томской области",
    "Руководителям образовательных организаций (по списку)"))


@dataclass(frozen=True)
class LetterSettings:
    """Each field is one `settings` row named `letter_<field>`; multi-line fields hold lines."""

    letterhead: str = RCRO_LETTERHEAD
    sender: str = "ОГБУ «Региональный центр развития образования»"
    signatory_position: str = "Директор"
    signatory_name: str = "Н.П. Лыжина"
    executors: str = ""
    """Used when the event has no contacts of its own (names, then the phone)."""
    addressees: str = RCRO_ADDRESSEES
    number: str = ""
    """The outgoing number printed when none is given; usually empty: the office registers
    the signed letter and writes the number in by hand, as on the seeds."""
    template_announce: str = ""
    template_results: str = ""
    """A coordinator's own .docx template for each letter; empty: the one shipped."""


LABELS = {"letterhead": "Бланк (строки)", "sender": "Отправитель в тексте",
          "signatory_position": "Должность подписывающего", "signatory_name": "Подписывающий",
          "executors": "Исполнители по умолчанию", "addressees": "Адресаты по умолчанию",
          "number": "Исходящий номер по умолчанию", "template_announce":
          "Шаблон «О проведении» (.docx)", "template_results": "Шаблон «Об итогах» (.docx)"}
MULTILINE = ("letterhead", "executors", "addressees")


def letter_settings(db: Database) -> LetterSettings:
    """The stored settings; a field never stored keeps its default."""
    defaults = LetterSettings()
    return LetterSettings(**{f.name: get_setting(db, f"letter_{f.name}", getattr(defaults, f.name))
                             for f in fields(LetterSettings)})


def checked(settings: LetterSettings) -> LetterSettings:
    """Text cleaned; a template must be an existing .docx file; a signatory is required."""
    values = {f.name: clean_text(getattr(settings, f.name), multiline=f.name in MULTILINE)
              for f in fields(LetterSettings)}
    if not values["signatory_name"]:
        raise InputError("Не указан подписывающий письма (например, «Н.П. Лыжина»).")
    for name in ("template_announce", "template_results"):
        if values[name]:
            check_template(values[name], what=LABELS[name])
    return replace(settings, **values)


def check_template(path_text: str, *, what: str = "Шаблон письма") -> Path:
    """An existing .docx file, or InputError saying what is wrong with the path."""
    path = Path(path_text).expanduser()
    if path.suffix.lower() != ".docx":
        raise InputError(f"{what}: «{path_text}» — нужен файл Word .docx.")
    if not path.is_file():
        raise InputError(f"{what}: файла «{path}» нет.")
    return path


def save_letter_settings(db: Database, settings: LetterSettings, *, user: str,
                         seen: LetterSettings | None = None) -> None:
    """Check all, then store the changed ones in one transaction (audited).

    Args:
        seen: the settings the person started from: if a colleague changed them meanwhile,
            ConflictError instead of silently overwriting theirs.
    """
    good = checked(settings)
    with db.atomic():
        current = letter_settings(db)
        if seen is not None and current != seen:
            raise ConflictError("Настройки писем изменил другой пользователь, пока вы их "
                                "правили: посмотрите их заново (rcro-tui letter settings) "
                                "и повторите правку.")
        for f in fields(LetterSettings):
            if getattr(good, f.name) != getattr(current, f.name):
                set_setting(db, f"letter_{f.name}", getattr(good, f.name), user=user)

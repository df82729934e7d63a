"""The Textual app: seven sections as modes, F1 help, a Russian command palette, one stylesheet."""

from __future__ import annotations

import os
import time

from collections.abc import Iterable
from functools import partial
from datetime import date
from pathlib import Path

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette
from textual.screen import Screen
from textual.theme import Theme

from rcro_tui.css_preload import preload_default_css
from rcro_tui.db.access import Access, role_line, user_access
from rcro_tui.model import UserRole
from rcro_tui.gc_tuning import tune_garbage_collection
from rcro_tui.memory import peak_memory_mb
from rcro_tui.section_screens import import_sections, section_screen
from rcro_tui.rules import AcademicYear, today_in_region
from rcro_tui.screens.help import HelpScreen, key_rows
from rcro_tui.screens.keys import bind

SECTIONS = {
    "agenda": ("1", "Ближайшие", "rcro_tui.screens.agenda:AgendaScreen"),
    "calendar": ("2", "Календарь", "rcro_tui.screens.calendar:CalendarScreen"),
    "network": ("3", "Сеть", "rcro_tui.screens.network:NetworkScreen"),
    "stages": ("4", "Отборы", "rcro_tui.screens.stages:StagesScreen"),
    "publish": ("5", "Публикация", "rcro_tui.screens.publish:PublishScreen"),
    "tables": ("6", "Таблицы", "rcro_tui.screens.tables:TablesScreen"),
    "audit": ("7", "Журнал", "rcro_tui.screens.audit:AuditScreen"),
}
"""Each section's screen, imported when the section is first opened (or in the background
after the first frame: `import_sections`): importing all seven with what they use (the
publisher, icalendar, openpyxl…) before the first frame made the start a second longer."""
IN_FOOTER = {"agenda", "calendar", "network", "stages", "publish"}
"""«6 Таблицы» and «7 Журнал» are in F1 and the command palette, not the footer (kept to
«1 2 3 4 5»)."""

FIRST_FRAME_VARIABLE = "RCRO_FIRST_FRAME"
"""Set (by bench/run.py) to a file's path: the app writes there the clock time of its first
frame with the opening screen's rows and its peak memory, then exits — start-up measured
from outside, in a real terminal, the way a coordinator waits for it."""

IMPORTED_AT = time.time()
"""When this module (and with it Textual, sqlite-utils and the opening screen) was imported:
`RCRO_FIRST_FRAME` reports it, so start-up splits into imports and the app's own work."""

SECTION_KEYS = Binding.Group("Разделы", compact=True)
"""The section keys share one footer label: «1 2 3 4 5 Разделы»."""

RCRO_THEME = Theme(
    name="rcro", dark=True, primary="#3b82c4", secondary="#5fa8d3", accent="#f2b134",
    warning="#f2b134", error="#e05d5d", success="#5bb56a", background="#101820",
    surface="#17232e", panel="#1f2f3d")


def read_rights(db_path: Path, user: str) -> Access:
    """The person's role as the core will see it (one short read at start)."""
    from rcro_tui.screens.data import reading

    with reading(db_path) as db:
        return user_access(db, user)


def restricted_role(rights: Access) -> str:
    """For the header: the role of someone who may not change everything (a municipal
    coordinator with their district, a viewer); nothing for full rights."""
    if rights.role in (UserRole.MUNICIPAL, UserRole.VIEWER):
        return role_line(rights)
    return ""


class RcroApp(App[None]):
    """The coordinator's workplace; `today` is injectable so tests see a fixed date."""

    CSS_PATH = "app.tcss"
    TITLE = "РЦРО"
    MODES = {mode: partial(section_screen, where) for mode, (_, _, where) in SECTIONS.items()}
    DEFAULT_MODE = "agenda"
    BINDINGS = [
        *(bind(key, f"switch_mode('{mode}')", label, group=SECTION_KEYS,
               show=mode in IN_FOOTER) for mode, (key, label, _) in SECTIONS.items()),
        bind("f1,question_mark", "help", "Справка"),
        bind("ctrl+p", "command_palette", "Команды", show=False, priority=True),
        bind("q,f10", "quit", "Выход"),
    ]

    def __init__(self, db_path: Path, user: str, *, today: date | None = None,
                 tune_gc: bool | None = None) -> None:
        """`tune_gc`: what an interactive session does after its first frame, `gc_tuning`
        and `warm_up`; by default only in a terminal (benchmarks ask for it headless, to
        measure what a coordinator gets; tests, starting hundreds of apps, do not)."""
        super().__init__()
        self._tune_gc = tune_gc
        self.db_path = db_path
        self.user = user
        self.rights = read_rights(db_path, user)
        """The person's role and district: screens hide the keys it does not allow."""
        self.today = today or today_in_region()
        self.register_theme(RCRO_THEME)
        self.theme = "rcro"  # before the stylesheet is first parsed: set in on_mount, it
        # made Textual parse the whole stylesheet again before the first frame
        self._css_pass = -1
        """The theme state (Textual's update count) of the last full restyle: `refresh_css`."""
        self.css_preloaded = False
        """Whether the widgets' default CSS is in the stylesheet yet (`_preload_css`)."""
        if "TEXTUAL_ANIMATIONS" not in os.environ:
            # Over SSH every frame of an animation goes down the wire: the tabs' sliding
            # underline alone drew 20 frames after each switch of a tab, competing with the
            # rows the switch asked for. Keys move at once; a person may still ask for them.
            self.animation_level = "none"

    def on_mount(self) -> None:
        year = AcademicYear.containing(self.today)
        self.sub_title = " · ".join(filter(None, (
            self.db_path.name, self.user, restricted_role(self.rights), f"{year} уч. год")))
        self._interactive = not self.is_headless if self._tune_gc is None else self._tune_gc
        if self._interactive:
            self.set_timer(3.0, self._import_sections)  # if the opening rows never come
        else:
            self.call_after_refresh(self._preload_css)

    def _import_sections(self) -> None:
        """Once the opening screen's rows are drawn: the other sections' modules imported in
        a thread (keys are answered meanwhile), then their widgets' CSS added, the collector
        tuned and the calendar's month read (`warm_up`). Not before those rows: the opening
        screen's own read would share the interpreter with the imports."""
        if getattr(self, "_warming", False):
            return
        self._warming = True
        self.run_worker(self._import_then_warm, thread=True, group="warm-up",
                        exit_on_error=False)

    def _import_then_warm(self) -> None:
        import_sections(where for _, _, where in SECTIONS.values())
        self.call_from_thread(self._after_imports)

    def _preload_css(self) -> None:
        """Every widget's default CSS in the stylesheet (`css_preload`); `css_preloaded` tells
        a test that waits for it."""
        preload_default_css(self)
        self.css_preloaded = True

    def _after_imports(self) -> None:
        self._preload_css()
        tune_garbage_collection()
        self._warm_calendar()

    def _warm_calendar(self) -> None:
        """The Календарь's first month read while the first screen is looked at
        (`screens.warm_up`); a failure there is the calendar's own to report when opened."""
        from rcro_tui.screens.warm_up import warm_calendar

        self.run_worker(partial(warm_calendar, self.db_path, self.today), thread=True,
                        group="warm-up", exit_on_error=False)

    def first_rows_shown(self) -> None:
        """The opening screen has its rows (once; a reload later is not a start): the rest
        is imported behind the frame that shows them, or, with `RCRO_FIRST_FRAME` set, that
        frame is noted and the app exits."""
        if getattr(self, "_first_frame_noted", False):
            return
        self._first_frame_noted = True
        path = os.environ.get(FIRST_FRAME_VARIABLE)
        if path:
            self.call_after_refresh(self._note_first_frame, Path(path))
        elif getattr(self, "_interactive", False):
            self.call_after_refresh(self._import_sections)

    def _note_first_frame(self, path: Path) -> None:
        peak = peak_memory_mb()
        path.write_text(f"{time.time():.6f} {peak:.1f} {IMPORTED_AT:.6f}\n", encoding="ascii")
        self.exit()

    def refresh_css(self, animate: bool = True) -> None:
        """Restyle the app only when the theme changed since the last full pass.

        Textual calls this whenever a section (a mode) is opened for the first time, because
        its new screen has not been counted as styled yet; it then parses the whole stylesheet
        again and restyles every widget of the app, twice: a third of a second before the
        section shows. A new screen is styled as its widgets mount, so then only the count
        is brought up to date (and a screen left behind by a theme change is restyled).
        """
        done = self._css_update_count
        if done != self._css_pass:
            self._css_pass = done
            super().refresh_css(animate)
            return
        for screen in {self.screen, *self.screen_stack}:
            if screen._css_update_count not in (-1, done):  # missed a theme change
                self.stylesheet.update(screen, animate=animate)
            screen._css_update_count = done

    def get_key_display(self, binding: Binding) -> str:
        """«F1» and «F10» as printed on keyboards (Textual writes «f1»)."""
        key = binding.key
        if binding.key_display is None and key[:1] == "f" and key[1:].isdigit():
            return key.upper()
        return super().get_key_display(binding)

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(key_rows(self, self.screen)))

    def action_command_palette(self) -> None:
        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(CommandPalette(placeholder="Найти команду…", id="--command-palette"))

    def action_save_screenshot(self) -> None:
        """An SVG of the screen into the current folder, for a colleague or a bug report."""
        try:
            saved = self.save_screenshot(path=str(Path.cwd()))
        except OSError as error:
            self.notify(f"Снимок не сохранён: {error.strerror}", severity="error")
            return
        self.notify(f"Снимок экрана сохранён: {saved}")

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Russian commands only: sections, help, theme, screenshot, quit."""
        for mode, (key, label, _) in SECTIONS.items():
            yield SystemCommand(f"Раздел «{label}»", f"Перейти в раздел (клавиша {key})",
                                lambda mode=mode: self.switch_mode(mode))
        yield SystemCommand("Справка", "Все клавиши этого экрана (F1)", self.action_help)
        yield SystemCommand("Тема оформления", "Сменить цвета приложения",
                            self.action_change_theme)
        yield SystemCommand("Снимок экрана", "Сохранить экран в файл SVG",
                            lambda: self.set_timer(0.1, self.action_save_screenshot))
        yield SystemCommand("Выход", "Закрыть приложение (q)", self.exit)



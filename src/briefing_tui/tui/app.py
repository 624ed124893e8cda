"""The reader's App: handed a loaded brief, it shows the brief; handed a library, the
library's list. Where the reader goes from there is the navigator's to say."""

from __future__ import annotations

import gc
import io
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.filter import Monochrome, NoColor
from textual.screen import Screen

from briefing_tui.core.model import Brief
from briefing_tui.core.printable import visible
from briefing_tui.tui.clipboard import copy_out
from briefing_tui.tui.contrast import reader_colours
from briefing_tui.tui.messages import CopyText, DeliverExport
from briefing_tui.tui.navigator import Navigator

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from textual.command import Provider
    from textual.driver import Driver
    from textual.filter import LineFilter
    from textual.theme import Theme

    from briefing_tui.core.library import Library
    from briefing_tui.tui.hangup import HungUp


_NO_COLOR = NoColor()


def brief_commands() -> type[Provider]:
    """The palette's commands for the brief, imported when the palette first opens."""
    from briefing_tui.tui.commands import BriefCommands

    return BriefCommands


class BriefingApp(App[None]):
    """A terminal reader for one brief, or for a library of them.

    Thin: the navigator decides what is on screen, the screens show it.
    """

    CSS_PATH = "app.tcss"
    COMMANDS = App.COMMANDS | {brief_commands}
    BINDINGS = [
        Binding("q", "quit", "Quit", tooltip="Quit the reader", id="quit"),
        # As in every terminal program: ctrl+c ends it (Textual's default only says how to quit).
        Binding("ctrl+c", "quit", "Quit", show=False, priority=True, tooltip="Quit the reader", id="quit.interrupt"),
        Binding("question_mark", "help", "Help", tooltip="Every key", id="help"),
    ]

    def __init__(self, brief: Brief | None = None, *, library: Library | None = None, redact: str | None = None) -> None:
        """Read `brief`, or the briefs of `library`; with `redact`, the items marked
        above that TLP level withheld."""
        super().__init__()
        self.brief = brief
        self.library = library
        self.navigator = Navigator(self, library=library, brief=brief, redact=redact)
        self.served = os.environ.get("BRIEFING_SERVED") == "1"
        """Served to a browser by `briefing serve`: a guest on the server, the reader
        writes nothing there but its cache (no editor key, no file dialog), and what
        it hands over (exports) goes to the viewer's browser."""
        from briefing_tui.tui.preferences import load_reader_settings, theme_for

        loaded = load_reader_settings()
        self.settings = loaded.settings
        self._setting_problems = loaded.problems
        self.theme = theme_for(self.settings.theme)
        self.set_keymap(dict(self.settings.keys))

    def on_ready(self) -> None:
        """The first screen is drawn: resume the collector if start-up paused it."""
        if not gc.isenabled():
            # What start-up made lives as long as the reader: kept out of the
            # collector's passes from now on.
            gc.freeze()
            gc.enable()
        self.theme_changed_signal.subscribe(self, self._theme_chosen)
        # Said once the reader is up (before, the terminal is not the reader's yet),
        # the binding ids checked then too: that imports every screen.
        self.set_timer(0.3, self._check_settings)

    def _check_settings(self) -> None:
        """Say what is wrong in the settings file. The binding ids are checked now, not
        at start-up: knowing them imports every screen."""
        from briefing_tui.core.settings import read_settings
        from briefing_tui.tui.preferences import reader_checks

        problems = self._setting_problems
        if self.settings.keys:
            problems = read_settings(checks=reader_checks(with_ids=True)).problems
        for problem in problems:
            self.notify(visible(str(problem)), title="Settings: the default is kept", severity="warning", timeout=10, markup=False)

    def _theme_chosen(self, theme: Theme) -> None:
        """A theme chosen in the reader (the palette's Theme) is remembered."""
        from dataclasses import replace

        from briefing_tui.tui.preferences import remember_theme, theme_for

        if theme.name != theme_for(self.settings.theme):
            self.settings = replace(self.settings, theme=theme.name)
            remember_theme(self, theme.name)

    def get_css_variables(self) -> dict[str, str]:
        """The theme's colours, and the reader's text colours made legible in it."""
        variables = super().get_css_variables()
        variables.update(reader_colours(variables))
        self.theme_variables = variables
        return variables

    def get_line_filters(self) -> Sequence[LineFilter]:
        """What the screen goes through on its way out. With NO_COLOR, no colour at all:
        Textual draws in greys, which are colours still; the reader draws in the
        terminal's own two and keeps bold, dim, reverse and underline."""
        filters = super().get_line_filters()
        if self.no_color:
            return [_NO_COLOR if isinstance(line_filter, Monochrome) else line_filter for line_filter in filters]
        return filters

    def get_default_screen(self) -> Screen[None]:
        return self.navigator.first_screen()

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Textual's own commands in the palette, but "Keys" opens the reader's help:
        one list of keys, from the bindings, and not Textual's side panel (which
        draws every binding again on every refresh of the screen)."""
        for command in super().get_system_commands(screen):
            if command.title == "Keys":
                yield SystemCommand("Keys", "Every key, and what it does", self.action_help)
            else:
                yield command

    def get_driver_class(self) -> type[Driver]:
        """Textual's driver for the terminal; on Linux and macOS, one that says when
        the terminal hangs up."""
        driver = super().get_driver_class()
        if sys.platform == "win32":
            return driver
        from textual.drivers.linux_driver import LinuxDriver

        from briefing_tui.tui.hangup import HangUpDriver

        return HangUpDriver if driver is LinuxDriver else driver

    async def action_quit(self) -> None:
        """Quit, remembering where the reader was for the next time."""
        self.navigator.remember()
        self.exit()

    async def on_hung_up(self, _: HungUp) -> None:
        """The terminal is gone (or SIGHUP says so), or SIGTERM asks: quit, as on a `q`."""
        await self.action_quit()

    def action_help(self) -> None:
        """Show every key."""
        from briefing_tui.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(library=self.library is not None))

    # -- copying -----------------------------------------------------------------------

    def on_copy_text(self, message: CopyText) -> None:
        """A screen asks for a copy."""
        self.copy_to_clipboard(message.text, message.what)

    def copy_to_clipboard(self, text: str, what: str = "the text") -> None:
        """Copy `text` (a local clipboard command, or the terminal) and say truly what happened."""
        self._clipboard = copy_out(self, text, what)

    # -- exports -----------------------------------------------------------------------

    def on_deliver_export(self, message: DeliverExport) -> None:
        """A screen hands over an export."""
        self.deliver_export(message.text, message.file_name, message.mime_type)

    def on_delivery_complete(self, event: events.DeliveryComplete) -> None:
        """Say where the export went (in a browser: that it is downloading)."""
        where = f"Exported to {event.path}" if event.path and not self.is_web else f"Exported {event.name or 'the file'}: your browser downloads it"
        self.notify(visible(where), timeout=6, markup=False)

    def on_delivery_failed(self, event: events.DeliveryFailed) -> None:
        """Say that the export could not be written, and why."""
        self.notify(visible(f"The export could not be written: {event.exception}"), severity="error", timeout=8, markup=False)

    def deliver_export(self, text: str, file_name: str, mime_type: str = "text/plain") -> None:
        """Hand an export (text, Markdown, HTML) to the reader's user: a download in
        the viewer's browser when served, a file in the user's downloads folder in a
        terminal. Served, it is never written on the server."""
        if self.served and not self.is_web:
            self.notify("Exports from a served reader go only to a browser, and there is none here.", severity="warning", markup=False)
            return
        self.deliver_text(
            io.StringIO(text),
            save_directory=None if self.is_web else export_folder(),
            save_filename=file_name,
            open_method="download",
            mime_type=mime_type,
            encoding="utf-8",
            name=file_name,
        )


def export_folder() -> Path:
    """Where an export is saved in a terminal: the user's downloads folder, else (a
    server has none) `exports` in the reader's data folder."""
    import platformdirs

    from briefing_tui.core.user_folders import data_directory

    downloads = platformdirs.user_downloads_path()
    if downloads.is_dir():
        return downloads
    folder = data_directory() / "exports"
    folder.mkdir(parents=True, exist_ok=True)
    return folder

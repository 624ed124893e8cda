"""The reader's App: handed a loaded brief, it shows the main screen; handed a library,
the library's list, and opens briefs from it on top."""

from __future__ import annotations

import gc
import os
from typing import TYPE_CHECKING

from textual.app import App
from textual.binding import Binding
from textual.screen import Screen

from briefing_tui.core.model import Brief
from briefing_tui.tui.clipboard import copy_out

if TYPE_CHECKING:
    from textual.command import Provider

    from briefing_tui.core.history import Place
    from briefing_tui.core.library import Library
    from briefing_tui.core.search import Hit

MAX_SCREENS = 12
"""Briefs opened one from another stay stacked for going back, up to this many."""


def brief_commands() -> type[Provider]:
    """The palette's commands for the brief, imported when the palette first opens."""
    from briefing_tui.tui.commands import BriefCommands

    return BriefCommands


class BriefingApp(App[None]):
    """A terminal reader for one brief, or for a library of them."""

    CSS_PATH = "app.tcss"
    COMMANDS = App.COMMANDS | {brief_commands}
    BINDINGS = [
        Binding("q", "quit", "Quit", id="quit"),
        Binding("question_mark", "help", "Help", id="help"),
    ]

    def __init__(self, path: str | None = None, brief: Brief | None = None, *, library: Library | None = None) -> None:
        super().__init__()
        self.path = path
        self.brief = brief
        self.library = library

    def on_ready(self) -> None:
        """The first screen is drawn: resume the collector if start-up paused it."""
        if not gc.isenabled():
            # What start-up made lives as long as the reader: kept out of the
            # collector's passes from now on.
            gc.freeze()
            gc.enable()

    def get_default_screen(self) -> Screen[None]:
        if self.library is not None:
            from briefing_tui.tui.screens.library import LibraryScreen

            return LibraryScreen(self.library)
        from briefing_tui.tui.screens.main import MainScreen

        assert self.path is not None and self.brief is not None
        return MainScreen(self.path, self.brief)

    def action_help(self) -> None:
        """Show every key."""
        from briefing_tui.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(library=self.library is not None))

    # -- the library -----------------------------------------------------------------

    async def open_brief(self, path: str, start: Place | str | None = None, hits: list[Hit] | None = None, hit: int = 0) -> None:
        """Open a brief of the library over the current screen, at `start` (a place or
        a link target); a file with errors shows them instead."""
        from briefing_tui.tui.screens.main import MainScreen

        assert self.library is not None
        result = self.library.load(path)
        if result.brief is None:
            await self.show_findings(path)
            return
        await self._open(MainScreen(path, result.brief, library=self.library, start=start, hits=hits, hit=hit))

    async def show_findings(self, path: str) -> None:
        """Why a file of the library cannot be opened."""
        from briefing_tui.tui.documents import findings_document
        from briefing_tui.tui.screens.document import DocumentScreen

        assert self.library is not None
        result = self.library.load(path)
        await self._open(DocumentScreen(findings_document(path, result.findings), os.path.basename(path)))

    async def show_changes(self, path: str) -> None:
        """The Changes view of a brief: against the brief it follows, or the latest
        earlier one with the same tags."""
        from briefing_tui.core.changes import compare
        from briefing_tui.tui.documents import NEW, OLD, changes_document, no_changes_document
        from briefing_tui.tui.screens.document import DocumentScreen

        assert self.library is not None
        new = self.library.load(path).brief
        if new is None:
            await self.show_findings(path)
            return
        earlier, reason = self.library.previous(path)
        old = self.library.load(earlier.path).brief if earlier is not None else None
        if earlier is None or old is None:
            reason = reason if earlier is None else f"{earlier.path} cannot be opened"
            await self._open(DocumentScreen(no_changes_document(new.title, reason), "Changes"))
            return
        document = changes_document(compare(old, new), reason)
        await self._open(DocumentScreen(document, "Changes", {OLD: earlier.path, NEW: path}))

    async def show_library(self) -> None:
        """Back to the library's list, as it was left."""
        from briefing_tui.tui.screens.library import LibraryScreen

        while len(self.screen_stack) > 1 and not isinstance(self.screen, LibraryScreen):
            await self.pop_screen()

    async def _open(self, screen: Screen[None]) -> None:
        # Each brief opened from another stays below it, for `backspace` to return
        # to; past a few, the newest replaces the one on top instead.
        if len(self.screen_stack) >= MAX_SCREENS:
            await self.switch_screen(screen)
        else:
            await self.push_screen(screen)

    # -- copying -----------------------------------------------------------------------

    def copy_to_clipboard(self, text: str, what: str = "the text") -> None:
        """Copy `text` (a local clipboard command, or the terminal) and say truly what happened."""
        self._clipboard = copy_out(self, text, what)

"""The navigator: where following a link, going back and forward, and opening a brief
lead, and the one history of everything visited, across briefs as within one.

Screens and widgets only say what the user asked for (`OpenRef`, `GoBack`, ...); the
reader's screens hand those requests here (`ReaderScreen`), and this decides which
place they lead to, records it, and puts it on screen: the brief's own screen when it
is already showing, a new one otherwise. A place remembers how it was left (scroll,
cursor, selected link), so back and forward show it exactly so.
"""

from __future__ import annotations

import asyncio
import os
from typing import TYPE_CHECKING, Protocol

from briefing_tui.core.history import History, Place
from briefing_tui.core.markings import banner
from briefing_tui.core.ref import Ref
from briefing_tui.core.settings import current_settings
from briefing_tui.tui.brief_search import SearchState
from briefing_tui.tui.pane import PANES, pane_of
from briefing_tui.tui.withholding import marking_line

if TYPE_CHECKING:
    from pathlib import Path

    from textual.app import App
    from textual.screen import Screen

    from briefing_tui.core.findings import LoadResult
    from briefing_tui.core.library import Library
    from briefing_tui.core.model import Brief
    from briefing_tui.core.search import Hit
    from briefing_tui.tui.widgets.page import Document

MAX_SCREENS = 12
"""Briefs opened one from another stay stacked for going back, up to this many."""
LIBRARY = Place("library")
"""The library's list."""


class View(Protocol):
    """A screen that shows places: it says where it is, and shows a place it is given."""

    def capture(self) -> Place:
        """Where the screen is now, with scroll, cursor and selected link."""
        ...

    def shows(self, place: Place) -> bool:
        """True when this screen is the one that shows `place`."""
        ...

    async def show(self, place: Place, position: tuple[int, int]) -> None:
        """Put `place` on screen as it was left; `position` is where it stands in the history."""
        ...


class Navigator:
    """Owns the history and puts its places on screen. One per app."""

    def __init__(self, app: App[None], *, library: Library | None = None, brief: Brief | None = None, redact: str | None = None) -> None:
        """A library's navigator starts on its list; a single brief's on its Summary.
        `redact`: the TLP level above which items are withheld, from the start."""
        self.app = app
        self.library = library
        self.redact = redact
        """The level above which items are withheld now (None: nothing is)."""
        self.redact_floor = redact
        """The level the reader started with: W never shows more than it."""
        self._brief = brief
        first = LIBRARY if library is not None else Place("summary", brief=brief.path if brief else None)
        self.reopen = current_settings().reopen
        if self.reopen:
            first = self._left_at(first, brief.id if brief is not None and library is None else None)
        self.history = History(first)
        self._searches: dict[str, SearchState] = {}
        self._lock = asyncio.Lock()

    # -- the first screen ----------------------------------------------------------

    def first_screen(self) -> Screen[None]:
        """The screen the app starts on: the library's list, or the brief."""
        if self.library is not None:
            from briefing_tui.tui.screens.library import LibraryScreen

            return LibraryScreen(self.library)
        from briefing_tui.tui.screens.main import MainScreen

        assert self._brief is not None
        return MainScreen(
            self._brief.path, self._brief, start=self.history.current, position=self.history.position, search=self.search_of(self._brief.path)
        )

    def search_of(self, path: str) -> SearchState:
        """The search stepped through with n and N in the brief at `path` (kept while the
        reader runs, so that coming back to a brief keeps its hits)."""
        return self._searches.setdefault(path, SearchState())

    # -- what the user asks for ----------------------------------------------------

    async def open(self, ref: Ref, shown: str = "") -> None:
        """Follow a link: to an item, a position, the summary, another brief, the web."""
        if ref.kind == "web":
            # Leaving the reader: ask first, showing where it leads.
            from briefing_tui.tui.screens.open_link import OpenLinkScreen

            await self.app.push_screen(OpenLinkScreen(ref.id, shown or ref.id))
            return
        here = self._capture()
        brief = ref.brief or here.brief
        if brief is None:
            return
        await self.go(place_of(ref.in_brief(None), here.pane if brief == here.brief else "", brief))

    async def open_brief(self, path: str, place: Place | None = None, hits: list[Hit] | None = None, hit: int = 0) -> None:
        """Open a brief of the library (at `place`, else where it was left, else its
        Summary); `hits`: a search begun in the library, which n and N step through there."""
        if hits:
            self.search_of(path).start(hits, hit)
        if place is None and self.reopen and self.library is not None and (entry := self.library.entries.get(path)) is not None and entry.id:
            place = self._left_at(Place("summary"), entry.id)
        await self.go((place or Place("summary"))._replace(brief=path))

    # -- where a brief or the library was left ---------------------------------------

    def _library_record(self) -> Path:
        from briefing_tui.core.reading import library_place_file

        assert self.library is not None
        return library_place_file([os.path.commonpath([os.path.abspath(f) for f in self.library.files])] if self.library.files else [])

    def _left_at(self, default: Place, brief_id: str | None) -> Place:
        """Where the brief `brief_id` (None: the library) was left, else `default`."""
        from briefing_tui.core.reading import left_at, library_left_at

        place = left_at(brief_id) if brief_id is not None else library_left_at(self._library_record()) if self.library else None
        if place is None or (place.pane not in PANES if brief_id is not None else place.pane != "library"):
            return default  # nothing recorded, or not a place of this screen (a record edited by hand)
        return place._replace(brief=default.brief)

    def remember(self, place: Place | None = None) -> None:
        """Record where the reader is (`place`, default: the view on top) for the next
        time its brief, or library, is opened; the library's place too, beneath a brief."""
        from briefing_tui.core.reading import leave_library

        served = getattr(self.app, "served", False)
        views = self._views()
        if not views:
            return
        screen = views[-1]
        place = place or self._capture()
        reading = getattr(screen, "reading", None)
        if reading is not None and place.brief is not None and place.pane not in ("changes", "findings"):
            reading.leave(place)
        if self.library is not None:
            library = next((view.capture() for view in views if view.shows(LIBRARY)), None)  # type: ignore[attr-defined]
            if library is not None:
                leave_library(self._library_record(), library, kept=not served)

    async def show_changes(self, path: str) -> None:
        """The Changes view of the brief at `path`."""
        await self.go(Place("changes", brief=path))

    def withhold(self, level: str | None) -> None:
        """Withhold from now on the items marked above `level`, in every brief and search."""
        self.redact = level
        if self.library is not None:
            self.library.redact = level

    async def show_library(self) -> None:
        """Back to the library's list, as it was left."""
        if self.library is not None:
            await self.go(LIBRARY)

    async def go(self, place: Place) -> None:
        """Visit a place, recording it in the history."""
        async with self._lock:
            here = self._capture()
            if here.brief != place.brief:
                self.remember(here)  # left: where, for the next time it is opened
            self.history.update(here)
            self.history.visit(place)
            await self._show(self.history.current)

    async def back(self) -> bool:
        """Go back; False at the start of the history."""
        return await self._step(self.history.back)

    async def forward(self) -> bool:
        """Go forward again; False at the end of the history."""
        return await self._step(self.history.forward)

    async def _step(self, move: object) -> bool:
        async with self._lock:
            here = self._capture()
            self.history.update(here)
            place = move()  # type: ignore[operator]
            if place is None:
                return False
            if here.brief != place.brief:
                self.remember(here)
            await self._show(place)
            return True

    def update(self, place: Place) -> None:
        """Record how the current place now looks, without going anywhere (a search
        stepped through with n and N stays one step of the history)."""
        self.history.update(place)

    # -- putting places on screen --------------------------------------------------

    def _views(self) -> list[Screen[None]]:
        """The app's screens that show places, bottom first (not the help, the palette,
        or a question asked over them)."""
        return [screen for screen in self.app.screen_stack if hasattr(screen, "capture")]

    def _capture(self) -> Place:
        views = self._views()
        return views[-1].capture() if views else self.history.current  # type: ignore[attr-defined]

    async def _show(self, place: Place) -> None:
        app = self.app
        # Whatever was asked over the views (help, a question) goes first.
        while app.screen_stack and not hasattr(app.screen, "capture") and len(app.screen_stack) > 1:
            await app.pop_screen()
        views = self._views()
        position = self.history.position
        if views and views[-1].shows(place):  # type: ignore[attr-defined]
            await views[-1].show(place, position)  # type: ignore[attr-defined]
            return
        if place.pane == "library" or (len(views) > 1 and views[-2].shows(place)):  # type: ignore[attr-defined]
            # The screen below shows it (the library, or the brief this one was opened
            # from): back to it, as it was.
            while len(app.screen_stack) > 1 and not app.screen.shows(place):  # type: ignore[attr-defined]
                await app.pop_screen()
            await app.screen.show(place, position)  # type: ignore[attr-defined]
            return
        screen = self._screen_for(place, position)
        if len(app.screen_stack) >= MAX_SCREENS:
            await app.switch_screen(screen)
        else:
            await app.push_screen(screen)

    def _screen_for(self, place: Place, position: tuple[int, int]) -> Screen[None]:
        """A new screen showing `place`."""
        from briefing_tui.tui.screens.document import DocumentScreen

        assert place.brief is not None and self.library is not None
        if place.pane == "changes":
            document, heading, marking = self._changes(place.brief)
            return DocumentScreen(document, heading, place=place, marking=marking_line(marking, self.redact), banner=banner(marking))
        result = self._load(place.brief)
        if result.brief is None:
            # Why it cannot be opened, in its place in the history.
            from briefing_tui.tui.library_documents import findings_document

            place = Place("findings", brief=place.brief)
            self.history.update(place)
            return DocumentScreen(findings_document(place.brief or "", result.findings), "Cannot be opened", place=place)
        from briefing_tui.tui.screens.main import MainScreen

        assert place.brief is not None
        return MainScreen(place.brief, result.brief, library=self.library, start=place, position=position, search=self.search_of(place.brief))

    def _load(self, path: str) -> LoadResult:
        assert self.library is not None
        return self.library.load(path)

    def _changes(self, path: str) -> tuple[Document, str, str | None]:
        """The Changes view of a brief: against the brief it follows, or the latest
        earlier one with the same tags; with nothing to compare, why. Then the
        brief's marking."""
        from briefing_tui.core.changes import compare
        from briefing_tui.core.markings import redact
        from briefing_tui.tui.library_documents import changes_document, findings_document, no_changes_document

        assert self.library is not None
        result = self._load(path)
        new = result.brief
        if new is None:
            return findings_document(path, result.findings), "Cannot be opened", None
        earlier, reason = self.library.previous(path)
        old = self._load(earlier.path).brief if earlier is not None else None
        new = redact(new, self.redact)
        if earlier is None or old is None:
            reason = reason if earlier is None else f"{earlier.path} cannot be opened"
            return no_changes_document(new.title, reason), "Changes", new.marking
        return changes_document(compare(redact(old, self.redact), new), reason), "Changes", new.marking


def place_of(target: Ref, here: str = "", brief: str | None = None) -> Place:
    """Where a link to `target` leads in the brief at `brief`: the pane it belongs to,
    shown in full. A position stays in the Positions pane when followed from there
    (`here`)."""
    pane = pane_of(target, here)
    if target.kind == "summary":
        return Place("summary", brief=brief)
    if target.kind == "position":
        cursor = target if pane == "positions" else Ref("issue", target.id)
        return Place(pane, target, cursor, brief=brief)
    return Place(pane, target, target if pane != "summary" else None, brief=brief)

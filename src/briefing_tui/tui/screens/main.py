"""The main screen: five panes, the breadcrumb, history, copying and live reload.

Widgets only say what the user wants (open this row, follow this link); this screen
decides where that leads, records it in the history, and shows it. No pane reaches
into another.
"""

from __future__ import annotations

import asyncio
import gc
import threading
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container
from textual.content import Content
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Static

from briefing_tui.core.cache import Stamp, file_stamp, load_brief_cached, stamp_before_load
from briefing_tui.core.history import History, Place
from briefing_tui.core.links import WEB_PREFIX, LinkIndex
from briefing_tui.core.model import Actor, Brief, Issue, Quote, Source
from briefing_tui.tui.documents import (
    elsewhere_section,
    item_document,
    label,
    parse_position,
    summary_document,
)
from briefing_tui.tui.layout import visible
from briefing_tui.tui.messages import HitChosen, SearchClosed, Settle
from briefing_tui.tui.widgets.masthead import Masthead
from briefing_tui.tui.widgets.page import Document, Page

if TYPE_CHECKING:
    from briefing_tui.core.findings import LoadResult
    from briefing_tui.core.library import Library
    from briefing_tui.core.search import Hit, SearchIndex
    from briefing_tui.tui.app import BriefingApp
    from briefing_tui.tui.widgets.item_list import ItemList
    from briefing_tui.tui.widgets.matrix import PositionMatrix

PANES = {"summary": "Summary", "actors": "Actors", "quotes": "Quotes", "issues": "Issues", "positions": "Positions"}
SUMMARY_LINK = "summary:"
OTHER_BRIEF = "other:"
"""Links into another brief of the library: `other:N:TARGET`, N numbering its path."""
RELOAD_SECONDS = 1.0
LIBRARY_ACTIONS = frozenset({"library", "changes"})
LISTS = frozenset({"actors", "quotes", "issues"})
"""The panes that are lists; the list and matrix widgets are imported when one of
them is first shown, not at start."""


def place_of(target: str, index: LinkIndex, here: str = "") -> Place | None:
    """Where a link to `target` leads: the pane it belongs to, the item in full
    (None: nothing is called that). A position stays in the Positions pane when
    followed from `here` being that pane."""
    if target == SUMMARY_LINK:
        return Place("summary")
    position = parse_position(target)
    if position is not None:
        pane = here if here in ("issues", "positions") else "issues"
        return Place(pane, target, target if pane == "positions" else position[0])
    item = index.item(target)
    if item is None:
        return None
    pane = {Actor: "actors", Quote: "quotes", Issue: "issues", Source: "summary"}[type(item)]
    return Place(pane, target, target if pane != "summary" else None)


def hit_place(hit: Hit) -> Place:
    """Where a search hit is shown: its item in full, the match highlighted."""
    needle = hit.matched or None
    if hit.kind == "brief":
        return Place("summary", None, None, -1, -1, needle)
    pane = {"actor": "actors", "quote": "quotes", "issue": "issues", "source": "summary"}[hit.kind]
    cursor = hit.item_id if pane != "summary" else None
    return Place(pane, hit.item_id, cursor, -1, -1, needle)


class Pane(Container):
    """One pane: its own view (a list, the summary page or the matrix) and a page for detail."""

    def __init__(self, name: str, home: Widget, *, current: bool = False) -> None:
        super().__init__(id=name, classes="-current" if current else "")
        self.pane_name = name
        self.home = home
        # Not mounted yet: styled once, when it is (an update now would style it twice).
        home.add_class("home", update=False)
        self._page: Page | None = None

    def compose(self) -> ComposeResult:
        # The page for detail is mounted the first time an item is opened here: one
        # widget less to build before the first screen.
        yield self.home

    @property
    def page(self) -> Page:
        """The page for detail (made when first asked for; see detail_page)."""
        if self._page is None:
            self._page = Page(id=f"{self.pane_name}-page", classes="detail")
        return self._page

    async def detail_page(self) -> Page:
        """The page for detail, mounted first if it is not yet."""
        if not self.page.is_mounted:
            await self.mount(self.page)
        return self.page

    @property
    def showing_detail(self) -> bool:
        return self.has_class("-detail")

    @property
    def rows(self) -> ItemList | None:
        """The pane's list, when it is one of the lists."""
        return self.home if self.pane_name in LISTS else None  # type: ignore[return-value]

    @property
    def matrix(self) -> PositionMatrix | None:
        """The pane's matrix, for the Positions pane."""
        return self.home if self.pane_name == "positions" else None  # type: ignore[return-value]


class MainScreen(Screen[None]):
    """Reads one brief."""

    BINDINGS = [
        Binding("1", "pane('summary')", "Panes", key_display="1-5", tooltip="Summary pane", id="pane.summary"),
        Binding("2", "pane('actors')", "Actors", show=False, tooltip="Actors pane, grouped by side", id="pane.actors"),
        Binding("3", "pane('quotes')", "Quotes", show=False, tooltip="Quotes pane, newest first", id="pane.quotes"),
        Binding("4", "pane('issues')", "Open issues", show=False, tooltip="Open issues pane", id="pane.issues"),
        Binding("5", "pane('positions')", "Positions", show=False, tooltip="Positions pane: who stands where", id="pane.positions"),
        Binding("backspace,alt+left", "back", "Back", tooltip="Back to where you were", id="back"),
        Binding("alt+right", "forward", "Forward", show=False, tooltip="Forward again", id="forward"),
        Binding("escape", "back", "Back", show=False, tooltip="Back to where you were", id="escape"),
        Binding("y", "copy", "Copy", tooltip="Copy the item as text (works over SSH)", id="copy"),
        # A priority binding runs as the key arrives, before the keys typed after it
        # are handed to whatever has focus: `/talks` typed in one go all lands in the box.
        Binding("slash", "search", "Search", tooltip="Search everything in the brief, as you type", id="search", priority=True),
        Binding("n", "next_hit", "Next hit", show=False, tooltip="Next search hit, after the search box is closed", id="next_hit"),
        Binding("N", "previous_hit", "Previous hit", show=False, tooltip="Previous search hit", id="previous_hit"),
        Binding("c", "changes", "Changes", show=False, tooltip="What changed since the brief this one follows", id="changes"),
        Binding("L", "library", "Library", tooltip="Back to the library of briefs", id="library"),
    ]

    def __init__(
        self,
        path: str,
        brief: Brief,
        *,
        library: Library | None = None,
        start: Place | str | None = None,
        hits: list[Hit] | None = None,
        hit: int = 0,
    ) -> None:
        """`start`: where to open, a place or a link target (default: the Summary);
        `hits`, hit number `hit` among them: a search begun in the library."""
        super().__init__()
        self.path = path
        self.brief = brief
        self.index = LinkIndex(brief)
        self.library = library
        if isinstance(start, str):
            start = place_of(start, self.index)
        self.history = History(start or Place("summary"))
        self._filled: set[str] = set()
        self._stamp = stamp_before_load(path)  # not now: an edit made since the load is to be seen
        self._search_index: SearchIndex | None = None
        self._search_lock = threading.Lock()
        self._search_origin: Place | None = None
        # Hits of a search begun elsewhere (the library's) step on with n and N here.
        self._hits: list[Hit] = hits or []
        self._hit = hit if hits else -1
        self._others: list[str] = []
        self._tabs_for = ""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The library's keys do nothing, and are not shown, for a brief opened alone."""
        if action in LIBRARY_ACTIONS:
            return self.library is not None
        if action == "search" and self.has_class("-searching"):
            # The box is open: a `/` is typed into it, in turn with the other keys.
            return False
        return True

    # -- layout --------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        # Only what the first screen shows: every widget Textual mounts costs its
        # styling, its message loop and its layout. The other panes, the search box
        # and the bar of problems are mounted when first needed, the bar of keys
        # with the second frame (see on_mount). The panes sit straight on the
        # screen, one shown at a time (the -current one).
        yield Masthead(tabs=True, id="masthead")
        yield Pane("summary", Page(id="summary-home"), current=True)

    async def on_mount(self) -> None:
        try:
            self._set_titles()
            await self._show(self.history.current)
        except NoMatches:
            # The app is closing before this screen finished mounting (a `q` typed
            # ahead at start-up): its widgets are already gone, nothing to show.
            return
        # The first frame is the brief; the bar of keys, a dozen widgets of its own,
        # follows a few milliseconds later.
        self.call_after_refresh(self._mount_footer)
        self.set_interval(RELOAD_SECONDS, self._poll_file)
        # After the first screen is out: the index competes with drawing for the GIL.
        self.set_timer(0.5, self._prepare_search)

    async def _mount_footer(self) -> None:
        if not self.query(Footer):
            await self.mount(Footer(compact=True))
            self.refresh_bindings()  # the bar shows the keys when told they are ready

    def _set_titles(self) -> None:
        title = visible(" ".join(self.brief.title.split()))
        self.app.title = title
        self.app.sub_title = self.brief.date.isoformat()
        # The date stays whole; a long title gives way with an ellipsis.
        self.masthead.show_title(title, self.brief.date.isoformat())

    @property
    def masthead(self) -> Masthead:
        """The title, the tabs and the breadcrumb."""
        return self.query_one(Masthead)

    def pane(self, name: str) -> Pane:
        """The pane called `name` (mounted by `_mount_pane`)."""
        return self.query_one(f"#{name}", Pane)

    async def _mount_pane(self, name: str) -> Pane:
        """The pane called `name`, mounted first if this is its first visit."""
        found = self.query(f"#{name}")
        if found:
            pane = found.first()
            assert isinstance(pane, Pane)
            return pane
        if name == "summary":
            return self.pane(name)  # composed with the screen: NoMatches once it is closing
        home: Widget
        if name == "positions":
            from briefing_tui.tui.widgets.matrix import PositionMatrix

            home = PositionMatrix(id="positions-home")
        else:
            from briefing_tui.tui.widgets.item_list import ItemList

            empty = {"actors": "No actors in this brief.", "quotes": "No quotes in this brief.", "issues": "No open issues in this brief."}
            home = ItemList(id=f"{name}-home", empty=empty[name])
        pane = Pane(name, home)
        await self.mount(pane, after=self.query(Pane).last())
        return pane

    @property
    def current_pane(self) -> Pane:
        """The pane on screen."""
        return self.query_one("Pane.-current", Pane)

    def _fill(self, name: str) -> None:
        # Panes are filled the first time they are shown, so opening a big brief
        # only pays for the Summary.
        if name in self._filled:
            return
        self._filled.add(name)
        pane = self.pane(name)
        if (matrix := pane.matrix) is not None:
            matrix.fill(self.index)
        elif (rows := pane.rows) is not None:
            from briefing_tui.tui.rows import actor_rows, issue_rows, quote_rows

            rows.set_rows({"actors": actor_rows, "quotes": quote_rows, "issues": issue_rows}[name](self.index))
        else:
            assert isinstance(pane.home, Page)
            pane.home.show(summary_document(self.brief, self.index))

    # -- places ----------------------------------------------------------------------

    def _capture(self) -> Place:
        """Where the reader is now, with scroll, cursor and selected link."""
        pane = self.current_pane
        home = pane.home
        cursor: str | None = None
        if (rows := pane.rows) is not None:
            cursor = rows.current_key
        elif (matrix := pane.matrix) is not None:
            cursor = matrix.current_target
        if pane.showing_detail:
            page = pane.page
            return Place(pane.pane_name, page.document.item_id, cursor, round(page.scroll_y), page.link, page.highlight)
        if isinstance(home, Page):
            return Place(pane.pane_name, None, None, round(home.scroll_y), home.link, home.highlight)
        return Place(pane.pane_name, None, cursor, round(home.scroll_y))

    async def _show(self, place: Place) -> None:
        """Put a place on screen exactly as it was left."""
        await self._mount_pane(place.pane)
        self._fill(place.pane)
        pane = self.pane(place.pane)
        if not pane.has_class("-current"):
            self.query("Pane.-current").remove_class("-current")
            pane.add_class("-current")
        home = pane.home
        if place.cursor is not None:
            if (rows := pane.rows) is not None:
                rows.select(place.cursor)
            elif (matrix := pane.matrix) is not None:
                matrix.select_target(place.cursor)
        document = item_document(place.target, self.index, self._elsewhere if self.library else None) if place.target else None
        if place.target and document is None:
            self.notify(f"{visible(place.target)!r} is no longer in the brief.", severity="warning", markup=False)
        if document is not None:
            await pane.detail_page()
            pane.add_class("-detail")
            pane.page.show(document, scroll_y=place.scroll, link=place.link, highlight=place.search)
            self.set_focus(pane.page, scroll_visible=False)
        else:
            pane.remove_class("-detail")
            if isinstance(home, Page):
                home.highlight = place.search.lower() if place.search else None
                home.restore(place.scroll, place.link)
            elif (rows := pane.rows) is not None and place.cursor is not None:
                rows.restore_scroll(place.scroll)
            # At once, not deferred: a key typed right after this one must reach it.
            self.set_focus(home, scroll_visible=False)
        self._update_bars()

    async def go(self, place: Place) -> None:
        """Visit a place, recording it in the history."""
        self.history.update(self._capture())
        self.history.visit(place)
        await self._show(place)

    async def open_target(self, target: str) -> None:
        """Show an item (or a position) in full, in the pane it belongs to."""
        if target.startswith(OTHER_BRIEF):
            number, _, inner = target[len(OTHER_BRIEF) :].partition(":")
            await self.briefing_app.open_brief(self._others[int(number)], inner)
            return
        if target.startswith(WEB_PREFIX):
            # Leaving the reader: ask first, showing where it leads.
            from briefing_tui.tui.screens.open_link import OpenLinkScreen

            page = self.current_pane.page if self.current_pane.showing_detail else self.current_pane.home
            shown = next((s.text for b in page.document.blocks for s in b.spans if s.target == target), target) if isinstance(page, Page) else target
            await self.app.push_screen(OpenLinkScreen(target[len(WEB_PREFIX) :], shown))
            return
        place = place_of(target, self.index, self.current_pane.pane_name)
        if place is None:
            self.notify(f"Nothing in this brief is called {visible(target)!r}.", severity="warning", markup=False)
            return
        await self.go(place)

    # -- the library -----------------------------------------------------------------

    @property
    def briefing_app(self) -> BriefingApp:
        """The app, which opens other briefs."""
        from briefing_tui.tui.app import BriefingApp

        assert isinstance(self.app, BriefingApp)
        return self.app

    def _elsewhere(self, actor: Actor) -> Callable[[Document], None]:
        """The section of an actor's page on the library's other briefs."""
        assert self.library is not None
        appearances = self.library.elsewhere(self.path, actor)

        def link(path: str, target: str) -> str:
            if path not in self._others:
                self._others.append(path)
            return f"{OTHER_BRIEF}{self._others.index(path)}:{target}"

        return lambda doc: elsewhere_section(doc, appearances, link)

    async def action_library(self) -> None:
        """Back to the library."""
        await self.briefing_app.show_library()

    async def action_changes(self) -> None:
        """What changed since the brief this one follows."""
        await self.briefing_app.show_changes(self.path)

    # -- what widgets ask for --------------------------------------------------------

    # The list's and the matrix's messages are handled by name, so that their
    # widgets are imported only when those panes are first shown.

    async def on_item_list_chosen(self, event: ItemList.Chosen) -> None:
        event.stop()
        await self.open_target(event.key)

    @on(Page.FollowLink)
    async def _link_followed(self, event: Page.FollowLink) -> None:
        event.stop()
        await self.open_target(event.target)

    async def on_position_matrix_chosen(self, event: PositionMatrix.Chosen) -> None:
        event.stop()
        await self.open_target(event.target)

    def on_item_list_highlighted(self) -> None:
        self._update_bars()

    def on_position_matrix_highlighted(self) -> None:
        self._update_bars()

    # -- bars --------------------------------------------------------------------------

    def _update_bars(self) -> None:
        current = self.current_pane.pane_name
        if current != self._tabs_for:  # the tabs change with the pane, not with the cursor
            self._tabs_for = current
            self.masthead.show_tabs(
                [(f" {number} {title} ", f"screen.pane('{name}')", name == current) for number, (name, title) in enumerate(PANES.items(), start=1)]
            )
        at, total = self.history.position
        where = Text(" \u203a ".join(self.breadcrumb()))
        if self._hits and 0 <= self._hit < len(self._hits) and self._capture().search:
            where.append(f"   hit {self._hit + 1}/{len(self._hits)}  (n/N)", "bold")
        if total > 1:
            where.append(f"   {at}/{total}", "dim")
        self.masthead.show_crumbs(where)

    def breadcrumb(self) -> list[str]:
        """Where the reader is: pane, then the item (and the issue, for a position)."""
        pane = self.current_pane
        crumbs = [PANES[pane.pane_name]]
        if pane.showing_detail and pane.page.document.item_id:
            target = pane.page.document.item_id
            position = parse_position(target)
            if position is not None:
                crumbs += [label(self.index, position[0]), label(self.index, position[1])]
            else:
                crumbs.append(label(self.index, target))
        elif (rows := pane.rows) is not None and rows.current_key:
            crumbs.append(label(self.index, rows.current_key))
        return [visible(" ".join(c.split())) for c in crumbs]

    # -- actions -------------------------------------------------------------------------

    async def after_earlier_keys(self) -> None:
        """Wait until the screen has done what keys typed before this one asked for.

        A row opened with `enter` reaches the screen as a message bubbling up from
        the list, while a key typed right after it (`5`, `backspace`) runs at once:
        without this wait it would be acted on first. The wait holds back the keys
        after it too, so each lands where the one before left the reader.
        """
        settled = asyncio.Event()
        origin = self.focused if self.focused is not None and self.focused.screen is self else self
        origin.post_message(Settle(settled))
        with suppress(asyncio.TimeoutError):
            await asyncio.wait_for(settled.wait(), 1.0)

    @on(Settle)
    def _settle(self, event: Settle) -> None:
        event.stop()
        event.settled.set()

    async def action_pane(self, name: str) -> None:
        """Switch to a pane, as it was last left."""
        await self.after_earlier_keys()
        if name == self.current_pane.pane_name and not self.current_pane.showing_detail:
            return
        pane = await self._mount_pane(name)
        home = pane.home
        cursor = pane.rows.current_key if pane.rows is not None else None
        await self.go(Place(name, None, cursor, round(home.scroll_y) if name in self._filled else 0))

    async def action_back(self) -> None:
        """Go back to where the reader was before (at the first place, to the screen
        this brief was opened from: the library, or another brief)."""
        await self.after_earlier_keys()
        self.history.update(self._capture())
        place = self.history.back()
        if place is None:
            if self.library is not None and len(self.app.screen_stack) > 1:
                await self.app.pop_screen()
            else:
                self.app.bell()
            return
        await self._show(place)

    async def action_forward(self) -> None:
        """Go forward again after going back."""
        await self.after_earlier_keys()
        self.history.update(self._capture())
        place = self.history.forward()
        if place is None:
            self.app.bell()
            return
        await self._show(place)

    async def action_copy(self) -> None:
        """Copy the item on screen (or under the cursor) as meeting-ready text."""
        from briefing_tui.core.export import copy_text, position_text

        await self.after_earlier_keys()
        place = self._capture()
        target = place.target or place.cursor
        if target and (position := parse_position(target)):
            issue = self.index.item(position[0])
            assert isinstance(issue, Issue)
            text, what = position_text(issue, position[1], self.index), "position"
        elif target and (item := self.index.item(target)) is not None:
            text, what = copy_text(item, self.index), item.noun
        else:
            text, what = copy_text(None, self.index), "summary"
        self.briefing_app.copy_to_clipboard(text, what)  # says what became of it

    # -- search ----------------------------------------------------------------------------

    @property
    def search_index(self) -> SearchIndex:
        """The brief's search index, built on first use (from any thread, once)."""
        with self._search_lock:
            index = self._ready_search_index()
            if index is None:
                from briefing_tui.core.search import (
                    SearchIndex,  # with rapidfuzz: not at start
                )

                index = self._search_index = SearchIndex(self.brief, self.index.items)
            return index

    def _ready_search_index(self) -> SearchIndex | None:
        index = self._search_index
        return index if index is not None and index.brief is self.brief else None

    @work(thread=True, group="search-index")
    def _index_for_search(self) -> None:
        # A big brief takes a moment to index: the box is open and taking keys
        # meanwhile, and its results come when the index does.
        index = self.search_index
        self.app.call_from_thread(self._search_index_ready, index)

    def _search_index_ready(self, index: SearchIndex) -> None:
        from briefing_tui.tui.widgets.search_panel import SearchPanel

        for panel in self.query(SearchPanel):
            panel.set_index(index)

    @work(thread=True, exclusive=True, group="index")
    def _prepare_search(self) -> None:
        # Built while the reader looks at the first screen, so that following a
        # link and `/` answer at once.
        self.index.prepare()
        self.search_index  # noqa: B018
        # The brief and its indexes live as long as the reader: keep the cyclic
        # collector from rescanning them (it made keystrokes stutter on big briefs).
        gc.freeze()

    async def action_search(self) -> None:
        """Open the search box over the current pane."""
        if self.has_class("-searching"):
            return
        await self.after_earlier_keys()
        from briefing_tui.tui.widgets.search_panel import SearchPanel

        self._search_origin = self._capture()
        if not self.query(SearchPanel):
            footer = self.query(Footer)
            await self.mount(SearchPanel(id="search"), before=footer.first() if footer else None)
        self.add_class("-searching")
        index = self._ready_search_index()
        self.query_one(SearchPanel).open(index)
        if index is None:
            self._index_for_search()

    def _close_search(self) -> None:
        self.remove_class("-searching")

    @on(SearchClosed)
    async def _search_closed(self, event: SearchClosed) -> None:
        event.stop()
        self._close_search()
        if self._search_origin is not None:
            await self._show(self._search_origin)  # back where the search began, as it was

    @on(HitChosen)
    async def _hit_chosen(self, event: HitChosen) -> None:
        event.stop()
        self._close_search()
        if self._search_origin is not None:
            self.history.update(self._search_origin)
        self._hits, self._hit = event.hits, event.number
        self.history.visit(hit_place(event.hits[event.number]))
        await self._show(self.history.current)

    async def _step_hit(self, step: int) -> None:
        await self.after_earlier_keys()
        if not self._hits:
            self.notify("No search yet: press / to search.", timeout=2)
            return
        self._hit = (self._hit + step) % len(self._hits)
        # Stepping through hits stays one step of the history: back returns to
        # where the search began.
        place = hit_place(self._hits[self._hit])
        self.history.update(place)
        await self._show(place)

    async def action_next_hit(self) -> None:
        """Go to the next search hit."""
        await self._step_hit(1)

    async def action_previous_hit(self) -> None:
        """Go to the previous search hit."""
        await self._step_hit(-1)

    # -- live reload ---------------------------------------------------------------------

    def _file_stamp(self) -> Stamp | None:
        return file_stamp(self.path)

    def _poll_file(self) -> None:
        stamp = self._file_stamp()
        if stamp is not None and stamp != self._stamp:
            self._stamp = stamp
            self._reload()

    @work(thread=True, exclusive=True, group="reload")
    def _reload(self) -> None:
        # The file changed, so this parses it; caching the new version makes the
        # next start warm.
        result = load_brief_cached(self.path)
        self.app.call_from_thread(self._apply_reload, result)  # type: ignore[arg-type]

    async def _apply_reload(self, result: LoadResult) -> None:
        if result.brief is None:
            errors = result.errors
            lines = [
                f"{Path(self.path).name} changed but has {len(errors)} error{'s' if len(errors) != 1 else ''}; still showing the last good version:"
            ]
            lines += [f"  {visible(str(f))}" for f in errors[:4]]
            if len(errors) > 4:
                lines.append(f"  \u2026 and {len(errors) - 4} more (briefing check shows them all)")
            shown = Content("\n".join(lines))
            found = self.query("#problems")
            if found:
                found.first(Static).update(shown)
                found.add_class("-shown")
            else:
                await self.mount(Static(shown, id="problems", classes="-shown"), before=self.query(Pane).first())
            return
        place = self._capture()
        self.brief = result.brief
        self.index = LinkIndex(result.brief)
        self._filled.clear()
        self._hits, self._hit = [], -1
        self.query("#problems").remove_class("-shown")
        self._set_titles()
        await self._show(place)
        self.notify("Reloaded from disk.", timeout=2)

"""The main screen: one brief in five panes, with the masthead and the bar of keys.

It routes what its widgets ask for: a row opened or a link followed goes to the
navigator (see `ReaderScreen`), which hands back the place to show; the panes
(`pane`), the search index (`brief_search`) and live reload (`live_reload`) are
modules of their own. No pane reaches into another.
"""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.css.query import NoMatches
from textual.widget import Widget

from briefing_tui.core.history import Place
from briefing_tui.core.links import LinkIndex
from briefing_tui.core.model import Actor, Brief
from briefing_tui.core.ref import Ref
from briefing_tui.tui.brief_search import BriefIndex, SearchState, hit_place
from briefing_tui.tui.documents import item_document
from briefing_tui.tui.editor import EDITOR_BINDINGS, EditorActions
from briefing_tui.tui.layout import visible
from briefing_tui.tui.live_reload import LiveReload
from briefing_tui.tui.meeting import MEETING_BINDINGS, MeetingActions
from briefing_tui.tui.messages import HitChosen, OpenRef, SearchClosed, ShowChanges
from briefing_tui.tui.pane import EMPTY, PANES, WIDE, Pane
from briefing_tui.tui.screens.base import ReaderScreen
from briefing_tui.tui.unseen import UNSEEN_BINDINGS, UnseenActions
from briefing_tui.tui.widgets.key_bar import KeyBar
from briefing_tui.tui.widgets.masthead import Masthead
from briefing_tui.tui.widgets.page import Document, Page
from briefing_tui.tui.withholding import WITHHOLD_BINDINGS, Withholding, gone_message, marking_line, moved, shown_brief

if TYPE_CHECKING:
    from collections.abc import Callable

    from briefing_tui.core.findings import LoadResult
    from briefing_tui.core.library import Library
    from briefing_tui.core.search import SearchIndex
    from briefing_tui.tui.widgets.item_list import ItemList

LIBRARY_ACTIONS = frozenset({"library", "changes"})


class MainScreen(Withholding, UnseenActions, EditorActions, MeetingActions, ReaderScreen):
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
        # Without a library, c and L say why they do nothing (and are not offered).
        Binding(
            "c,L",
            "no_library",
            "Changes, library",
            show=False,
            tooltip="Changes and the library: they need a library (open a folder)",
            id="no-library",
        ),
        *MEETING_BINDINGS,
        *UNSEEN_BINDINGS,
        *EDITOR_BINDINGS,
        *WITHHOLD_BINDINGS,
    ]

    def __init__(
        self,
        path: str,
        brief: Brief,
        *,
        library: Library | None = None,
        start: Place | None = None,
        position: tuple[int, int] = (1, 1),
        search: SearchState | None = None,
    ) -> None:
        """`start`: where to open (default: the Summary), at `position` in the history;
        `search`: the hits n and N step through (a search begun in the library)."""
        super().__init__()
        self.path = path
        self.original = brief
        """The brief as it was read; `brief` is what may be shown of it."""
        self.brief = brief = shown_brief(brief, self.navigator.redact)
        self.index = LinkIndex(brief)
        self.library = library
        self._start = start or Place("summary", brief=path)
        self._position = position
        self.search = search or SearchState()
        self._filled: set[str] = set()
        self._search_index = BriefIndex(brief, self.index.items)
        self._search_origin: Place | None = None
        self._tabs_for = ""
        self._reload = LiveReload(self, path, self._apply_reload)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The library's keys do nothing, and are not shown, for a brief opened alone."""
        if action in LIBRARY_ACTIONS:
            return self.library is not None
        if action in ("no_library", "edit"):
            return self.library is None if action == "no_library" else self.editor_offered()
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
            await self.show(self._start, self._position)
        except NoMatches:
            # The app is closing before this screen finished mounting (a `q` typed
            # ahead at start-up): its widgets are already gone, nothing to show.
            return
        # The first frame is the brief; the bar of keys, a dozen widgets of its own,
        # follows a few milliseconds later.
        self.call_after_refresh(self._mount_footer)
        self._reload.start()
        # After the first screen is out: the index competes with drawing for the GIL.
        self.set_timer(0.5, self._prepare_search)

    async def _mount_footer(self) -> None:
        if not self.query(KeyBar):
            await self.mount(KeyBar())
            self.refresh_bindings()  # the bar shows the keys when told they are ready

    def _set_titles(self) -> None:
        title = visible(" ".join(self.brief.title.split()))
        self.app.title = title
        self.app.sub_title = self.brief.date.isoformat()
        # The date stays whole; a long title gives way with an ellipsis.
        self.masthead.show_title(title, self.brief.date.isoformat())
        self.masthead.show_marking(marking_line(self.brief.marking, self.navigator.redact))

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

            home = ItemList(id=f"{name}-home", empty=EMPTY[name])
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
            pane.home.show(self.summary_page())
        self.show_marks_in(pane)

    # -- places ----------------------------------------------------------------------

    def shows(self, place: Place) -> bool:
        return place.brief == self.path and place.pane in PANES

    def capture(self) -> Place:
        pane = self.current_pane
        home = pane.home
        cursor: object = None
        scroll = round(home.scroll_y)
        if (rows := pane.rows) is not None:
            cursor = rows.current_key
        elif (matrix := pane.matrix) is not None:
            cursor, scroll = matrix.current_target, matrix.top
        if pane.showing_detail:
            page = pane.page
            return Place(pane.pane_name, page.document.ref, cursor, round(page.scroll_y), page.link, page.highlight, self.path)
        if isinstance(home, Page):
            return Place(pane.pane_name, None, None, round(home.scroll_y), home.link, home.highlight, self.path)
        return Place(pane.pane_name, None, cursor, scroll, brief=self.path)

    async def show(self, place: Place, position: tuple[int, int]) -> None:
        self._position = position
        self.item_read(place.target)
        await self._mount_pane(place.pane)
        self._fill(place.pane)
        pane = self.pane(place.pane)
        if not pane.has_class("-current"):
            self.query("Pane.-current").remove_class("-current")
            pane.add_class("-current")
        home = pane.home
        if isinstance(place.cursor, Ref):
            if (rows := pane.rows) is not None:
                rows.select(place.cursor)
            elif (matrix := pane.matrix) is not None:
                matrix.select_target(place.cursor)
        document = item_document(place.target, self.index, self._elsewhere if self.library else None) if place.target else None
        if place.target and document is None:
            self.notify(gone_message(self.index.label(place.target), self.navigator.redact), severity="warning", markup=False)
        if document is not None:
            await pane.detail_page()
            pane.add_class("-detail")
            pane.page.show(self.with_marks(document), scroll_y=place.scroll, link=place.link, highlight=place.search)
            self.set_focus(pane.page, scroll_visible=False)
        else:
            pane.remove_class("-detail")
            if isinstance(home, Page):
                home.highlight = place.search.lower() if place.search else None
                home.restore(place.scroll, place.link)
            elif (rows := pane.rows) is not None and place.cursor is not None:
                rows.restore_scroll(place.scroll)
            elif (matrix := pane.matrix) is not None and place.cursor is not None:
                matrix.restore(place.scroll)
            # At once, not deferred: a key typed right after this one must reach it.
            self.set_focus(home, scroll_visible=False)
        self._update_bars()

    def _elsewhere(self, actor: Actor) -> Callable[[Document], None]:
        """The section of an actor's page on the library's other briefs."""
        from briefing_tui.tui.library_documents import elsewhere_section

        assert self.library is not None
        appearances = self.library.elsewhere(self.path, actor)
        return lambda doc: elsewhere_section(doc, appearances)

    # -- what widgets ask for --------------------------------------------------------

    # The list's messages are handled by name, so that its widget is imported only
    # when a list is first shown.

    def on_item_list_chosen(self, event: ItemList.Chosen) -> None:
        event.stop()
        if isinstance(event.key, Ref):
            self.post_message(OpenRef(event.key))

    async def on_item_list_highlighted(self, event: ItemList.Highlighted) -> None:
        self._update_bars()
        pane = event.item_list.parent
        if isinstance(pane, Pane) and pane.rows is event.item_list:
            await self._preview(pane)

    def on_position_matrix_highlighted(self) -> None:
        self._update_bars()

    # -- the preview beside a list, on a wide screen -----------------------------------

    async def on_resize(self, event: events.Resize) -> None:
        wide = event.size.width >= WIDE
        if wide != self.has_class("-wide"):
            self.set_class(wide, "-wide")
            await self._preview(self.current_pane)

    async def _preview(self, pane: Pane) -> None:
        """Show the item under the cursor of `pane`'s list beside it (wide screens only)."""
        if not self.has_class("-wide") or (rows := pane.rows) is None:
            return
        key = rows.current_key
        document = item_document(key, self.index, self._elsewhere if self.library else None) if isinstance(key, Ref) else None
        page = await pane.preview_page()
        page.show(self.with_marks(document) if document else Document(""))

    # -- bars --------------------------------------------------------------------------

    def _update_bars(self) -> None:
        current = self.current_pane.pane_name
        if current != self._tabs_for:  # the tabs change with the pane, not with the cursor
            self._tabs_for = current
            self.masthead.show_tabs(
                [(str(number), title, f"screen.pane('{name}')", name == current) for number, (name, title) in enumerate(PANES.items(), start=1)]
            )
        at, total = self._position
        after = Text()
        if self.search.current is not None and self.capture().search:
            after.append(f"   hit {self.search.number + 1}/{len(self.search.hits)}  (n/N)", "bold")
        if total > 1:
            # Where this view stands among those visited, as back and forward walk them.
            after.append(f"   visited {at}/{total}", "dim")
        self.masthead.show_crumbs(self.breadcrumb(), after)

    def breadcrumb(self) -> list[str]:
        """Where the reader is: pane, then the item (and the issue, for a position)."""
        pane = self.current_pane
        crumbs = [PANES[pane.pane_name]]
        target = pane.page.document.ref if pane.showing_detail else None
        if target is not None:
            if target.kind == "position":
                crumbs += [self.index.label(target.id), self.index.label(target.part)]
            else:
                crumbs.append(self.index.label(target))
        elif (rows := pane.rows) is not None and isinstance(rows.current_key, Ref):
            crumbs.append(self.index.label(rows.current_key))
        return [visible(" ".join(c.split())) for c in crumbs]

    # -- actions -------------------------------------------------------------------------

    async def action_pane(self, name: str) -> None:
        """Switch to a pane, as it was last left."""
        await self.after_earlier_keys()
        if name == self.current_pane.pane_name and not self.current_pane.showing_detail:
            return
        pane = await self._mount_pane(name)
        cursor = pane.rows.current_key if pane.rows is not None else None
        await self.navigator.go(Place(name, None, cursor, round(pane.home.scroll_y) if name in self._filled else 0, brief=self.path))

    def action_no_library(self) -> None:
        """Say why c and L do nothing for a brief opened alone."""
        self.notify(
            "This brief was opened on its own: Changes (c) and the library (L) need a library. "
            "Open its folder instead (briefing FOLDER) to compare it with the briefs before it.",
            timeout=4,
            markup=False,
        )

    async def action_changes(self) -> None:
        """What changed since the brief this one follows."""
        await self.after_earlier_keys()
        self.post_message(ShowChanges(self.path))

    # -- search ----------------------------------------------------------------------------

    @property
    def search_index(self) -> SearchIndex:
        """The brief's search index, built on first use (from any thread, once)."""
        return self._search_index.build()

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
        self._search_index.build()
        # The brief and its indexes live as long as the reader: keep the cyclic
        # collector from rescanning them (it made keystrokes stutter on big briefs).
        gc.freeze()

    async def action_search(self) -> None:
        """Open the search box over the current pane."""
        if self.has_class("-searching"):
            return
        await self.after_earlier_keys()
        from briefing_tui.tui.widgets.search_panel import SearchPanel

        self._search_origin = self.capture()
        if not self.query(SearchPanel):
            footer = self.query(KeyBar)
            await self.mount(SearchPanel(id="search"), before=footer.first() if footer else None)
            self.show_marks_in_search()
        self.add_class("-searching")
        index = self._search_index.ready
        self.query_one(SearchPanel).open(index)
        if index is None:
            self._index_for_search()

    @on(SearchClosed)
    async def _search_closed(self, event: SearchClosed) -> None:
        event.stop()
        self.remove_class("-searching")
        if event.query.strip():
            self.search.closed(event.query, event.found)
        if self._search_origin is not None:
            await self.show(self._search_origin, self._position)  # back where the search began, as it was

    @on(HitChosen)
    async def _hit_chosen(self, event: HitChosen) -> None:
        event.stop()
        self.remove_class("-searching")
        if self._search_origin is not None:
            await self.show(self._search_origin, self._position)
        self.search.start(event.hits, event.number, event.query)
        await self.navigator.go(hit_place(event.hits[event.number])._replace(brief=self.path))

    async def _step_hit(self, step: int) -> None:
        await self.after_earlier_keys()
        hit = self.search.step(step)
        if hit is None:
            self.notify(visible(self.search.why_no_hit()), timeout=3, markup=False)
            return
        # Stepping through hits stays one step of the history: back returns to
        # where the search began.
        place = hit_place(hit)._replace(brief=self.path)
        self.navigator.update(place)
        await self.show(place, self._position)

    async def action_next_hit(self) -> None:
        """Go to the next search hit."""
        await self._step_hit(1)

    async def action_previous_hit(self) -> None:
        """Go to the previous search hit."""
        await self._step_hit(-1)

    # -- live reload ---------------------------------------------------------------------

    async def _apply_reload(self, result: LoadResult) -> None:
        if result.brief is None:
            from briefing_tui.tui.widgets.problems import show_problems

            await show_problems(self, self.path, result)
            return
        self.query("#problems").remove_class("-shown")
        await self.take_brief(result.brief, self.navigator.redact, reloaded=True)
        self.notify("Reloaded from disk.", timeout=2)

    async def take_brief(self, brief: Brief, before: str | None, *, reloaded: bool = False) -> None:
        """Show `brief` (`reloaded` from disk, or shown at another level than `before`) where the reader is."""
        place = moved(self.capture(), brief, before, self.navigator.redact)
        self.original, self.brief = brief, shown_brief(brief, self.navigator.redact)
        self.index = LinkIndex(self.brief)
        self._search_index = BriefIndex(self.brief, self.index.items)
        if reloaded:
            self.brief_reloaded()
        self._filled.clear()
        self.search.clear()
        self._set_titles()
        await self.show(place, self._position)

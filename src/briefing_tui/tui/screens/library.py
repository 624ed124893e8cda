"""The library screen: every brief found, newest first, filtered as you type.

`enter` opens a brief over this screen (`L`, or `backspace` at the start of the
brief's history, comes back); `c` shows what changed in it; `/` searches every brief
at once. Files that are new or changed since they were cached are read in the
background, the list filling in as they are. The filter is answered in a thread too:
a key typed never waits for the answer to the one before, and an answer to a filter
typed over is never listed. Leaving the box (`enter`, `down`, `tab`, a click) lists
the answer to what it holds first, so that the keys after act on that list.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Input
from textual.worker import Worker, get_current_worker

from briefing_tui.core.history import Place
from briefing_tui.core.library import Library
from briefing_tui.core.library_filter import LibraryFilter, Stopped, words_of
from briefing_tui.core.text import counted
from briefing_tui.tui.brief_search import hit_place
from briefing_tui.tui.messages import FilterClosed, HitChosen, OpenBrief, SearchClosed, ShowChanges
from briefing_tui.tui.rows import library_rows
from briefing_tui.tui.screens.base import ReaderScreen
from briefing_tui.tui.widgets.item_list import ItemList, Row
from briefing_tui.tui.widgets.key_bar import KeyBar
from briefing_tui.tui.widgets.masthead import Masthead

if TYPE_CHECKING:
    from textual.widget import Widget

    from briefing_tui.core.search import Hit


FILL_SECONDS = 1.0
"""While files are read, the list is filled again at most this often (and less often
when filling it takes long: at most a tenth of the time); the count of files read is
said as each batch is stored."""


class FilterInput(Input):
    """The filter box: `down` moves into the list, `escape` clears the filter."""

    BINDINGS = [
        Binding("escape", "clear", "Clear filter", tooltip="Clear the filter and go back to the list", id="filter.clear"),
        Binding("down", "to_list", "List", show=False, tooltip="Move into the list, keeping the filter", id="filter.list"),
    ]

    def action_clear(self) -> None:
        self.post_message(FilterClosed(clear=True))

    def action_to_list(self) -> None:
        self.post_message(FilterClosed(clear=False))


class LibraryScreen(ReaderScreen):
    """Lists the briefs of a library."""

    BINDINGS = [
        # Priority bindings run as the key arrives, before the keys typed after it are
        # handed to whatever has focus: `fkyiv` typed in one go all lands in the box.
        Binding(
            "f",
            "filter",
            "Filter",
            tooltip="Filter the list as you type: words of a title, tag, date or file name",
            id="library.filter",
            priority=True,
        ),
        Binding("slash", "search", "Search all", tooltip="Search every brief at once, as you type", id="library.search", priority=True),
        Binding("c", "changes", "Changes", tooltip="What changed in the brief under the cursor since the one before it", id="library.changes"),
        Binding("escape", "clear_filter", "Clear filter", show=False, tooltip="Clear the filter and go back to the list", id="library.clear"),
        Binding("backspace,alt+left", "back", "Back", show=False, tooltip="Back to the brief you came from", id="library.back"),
        Binding("alt+right", "forward", "Forward", show=False, tooltip="Forward again, into the brief you came back from", id="library.forward"),
    ]

    DEFAULT_CSS = """
    LibraryScreen #filter { height: 1; margin: 0 1; }
    LibraryScreen #library-list { height: 1fr; }
    LibraryScreen.-searching #library-list, LibraryScreen.-searching #filter { display: none; }
    """

    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library
        self._rows: list[Row] = []
        self._filtering = LibraryFilter([])
        self._filter = ""
        self.answered = ""
        """The filter whose answer is listed (the box may hold more, its answer on the way)."""
        self._asked = 0
        """How many filters were asked for: an answer to an earlier one is never listed."""
        self._listed = 0
        """Which of them the list answers."""
        self._broken = 0
        self._reading: Worker[None] | None = None
        # While the files first read fill the list in, the cursor stays on the top
        # row (the newest brief so far) until the user moves it; then it stays on
        # the brief they chose.
        self._follow_top = True
        self._placed: set[object] = set()
        self._unseen: dict[str, int] = {}
        self._filled: tuple[float, float] | None = None
        """When the list was last filled while files are read, and how long it took."""
        self._left = False
        """True once another screen has been shown over this one: only then may a file
        have changed since the library looked at every one of them."""

    def compose(self) -> ComposeResult:
        yield Masthead("Library", id="masthead")
        yield FilterInput(placeholder="f  filter: words of a title, tag, date or file name", id="filter", compact=True)
        yield ItemList(id="library-list", empty="No brief matches the filter.")
        yield KeyBar()

    def on_mount(self) -> None:
        folder = _common_folder(self.library.files)
        self.app.title = "Library"
        self.query_one(Masthead).show_title(f"Library  {folder}" if folder else "Library", counted(len(self.library.files), "file"))
        self.fill()
        self.set_focus(self.listing, scroll_visible=False)
        left = self.navigator.history.current
        if left.cursor is not None and self.listing.select(left.cursor):
            # Reopened where it was left (see the navigator).
            self._follow_top = False
            self.call_after_refresh(self.listing.restore_scroll, left.scroll)
        if self.library.pending:
            self._reading = self._read()
        else:
            self._count_unseen()

    def on_screen_resume(self) -> None:
        # What is withheld (W in a brief changes it): said on every screen.
        level = self.library.redact
        self.query_one(Masthead).show_marking(f"hiding above {level}" if level else "")
        # Back from a brief opened from the filter box: the filter stays, the keys go
        # to the list (so `/` searches, `f` goes back to the filter).
        if isinstance(self.focused, FilterInput):
            self.set_focus(self.listing, scroll_visible=False)
        if not self._left:
            return  # shown for the first time: on_mount has just listed every file
        # Back from a brief: a file changed meanwhile (or fixed) is read again.
        reading = self._reading is not None and not self._reading.is_finished
        if self.is_mounted and not reading and self.library.refresh():
            self.fill()
            self._reading = self._read()
        elif self.is_mounted and not reading:
            self._count_unseen()  # what was read in the brief just left

    def on_screen_suspend(self) -> None:
        self._left = True

    def set_focus(self, widget: Widget | None, scroll_visible: bool = True, from_app_focus: bool = False) -> None:
        # Out of the filter box (down, tab, a click): the list answers the filter in
        # the box before a key moves in it or opens one of its rows.
        if widget is not self.focused and isinstance(self.focused, FilterInput):
            self._answer_now()
        super().set_focus(widget, scroll_visible, from_app_focus)

    @property
    def listing(self) -> ItemList:
        """The list of briefs."""
        return self.query_one("#library-list", ItemList)

    # -- places ----------------------------------------------------------------------

    def shows(self, place: Place) -> bool:
        return place.pane == "library"

    def capture(self) -> Place:
        return Place("library", None, self.listing.current_key, round(self.listing.scroll_y))

    async def show(self, place: Place, position: tuple[int, int]) -> None:
        self._follow_top = False
        if place.cursor is not None:
            self.listing.select(place.cursor)
            self.listing.restore_scroll(place.scroll)
        self.set_focus(self.listing, scroll_visible=False)

    # -- the list ------------------------------------------------------------------------

    def fill(self) -> None:
        """List the entries as they are now, through the filter."""
        entries = self.library.listing()
        self._rows = library_rows(entries, self._unseen)
        self._filtering = LibraryFilter(entries)
        self._count_broken()
        self._apply_filter()
        if self.has_class("-searching"):
            # An answer that left out briefs not read yet is asked again as they are.
            from briefing_tui.tui.widgets.search_panel import SearchPanel

            panel = self.query_one(SearchPanel)
            if panel.partial:
                panel.set_index(self.library)

    def _apply_filter(self) -> None:
        """List the rows the filter in the box lets through: every row at once, or
        those of a filter as answered by a thread."""
        self._asked += 1
        if not words_of(self._filter):
            self._list(self._asked, self._rows, self._filter)
            return
        self._answer(self._asked, self._filter, self._filtering, self._rows)

    def _answer_now(self) -> None:
        """List the answer to the filter in the box now, if it is not listed yet (the
        one on its way is dropped). What the box holds, even before the screen has
        heard that it changed: `tab` moves the focus as soon as it is typed."""
        text = self.query_one(FilterInput).value
        if self._listed == self._asked and text == self._filter:
            return
        self._filter = text
        self._asked += 1
        places = self._filtering.matching(text)
        self._list(self._asked, [self._rows[place] for place in places], text)

    @dataclass
    class Filtered(Message):
        """The rows of the `asked`th filter asked for, `text`."""

        asked: int
        text: str
        rows: list[Row]

    # Described in words: by default a worker is described by the repr of its
    # arguments, which for 20,000 rows took longer than the filter itself.
    @work(thread=True, exclusive=True, group="filter", description="the library's filter")
    def _answer(self, asked: int, text: str, filtering: LibraryFilter, rows: list[Row]) -> None:
        def typed_over() -> bool:
            return asked != self._asked

        try:
            places = filtering.matching(text, typed_over)
        except Stopped:
            return
        if not typed_over():
            self.post_message(self.Filtered(asked, text, [rows[place] for place in places]))

    @on(Filtered)
    def _filtered(self, message: Filtered) -> None:
        message.stop()
        if message.asked != self._asked:
            return  # another filter was typed meanwhile: its answer is on the way
        self._list(message.asked, message.rows, message.text)

    def _list(self, asked: int, rows: list[Row], text: str) -> None:
        top = next((row.key for row in rows if row.key is not None), None)
        self.listing.set_rows(rows, keep=top if self._follow_top else None)
        self._listed, self.answered = asked, text
        self._placed.add(self.listing.current_key)
        self._update_bars(len(rows))

    def _count_broken(self) -> None:
        # Once per fill, not at each keystroke: 20,000 entries take a while to count.
        self._broken = sum(1 for e in self.library.entries.values() if not e.ok and not e.waiting)

    def _update_bars(self, shown: int) -> None:
        files = len(self._rows)
        waiting = len(self.library.pending)
        broken = self._broken
        briefs = files - waiting - broken
        if waiting:
            status = f"Reading {files - waiting:,} of {counted(files, 'file')}\u2026"
        elif self.answered.strip():
            status = f"{shown:,} of {counted(files, 'file')} match the filter"
        else:
            status = f"{counted(briefs, 'brief')}, newest first"
        if broken:
            status += f" \u00b7 {counted(broken, 'file')} cannot be opened"
        self.query_one(Masthead).show_crumbs(f"Library \u203a {status}")

    @dataclass
    class FilesRead(Message):
        """More files were read and stored; `left` are still to read."""

        left: int

    @work(thread=True, exclusive=True, group="read")
    def _read(self) -> None:
        reading = self.library.read()
        for left in reading:
            # Said, not waited for: the cache is written on while the list is filled.
            if get_current_worker().is_cancelled or not self.post_message(self.FilesRead(left)):
                # The reader is quitting: what is stored is kept, the rest is read at
                # the next start, and the workers stop now.
                reading.close()
                return
        self.app.call_from_thread(self._count_unseen)

    def on_library_screen_files_read(self, message: FilesRead) -> None:
        # Listing thousands of rows again after every batch would take the time of
        # the reading: the count is said each time, the list filled now and then.
        if message.left == 0 or self._filled is None or time.monotonic() - self._filled[0] > max(FILL_SECONDS, 10 * self._filled[1]):
            start = time.monotonic()
            self.fill()
            self._filled = (time.monotonic(), time.monotonic() - start)
        else:
            self._count_broken()
            self._update_bars(len(self.listing.rows))

    @work(thread=True, exclusive=True, group="unseen")
    def _count_unseen(self) -> None:
        """How many items of each brief read before are new or changed since (only
        those briefs are read, from the cache)."""
        from briefing_tui.core.reading import unseen_counts

        briefs = [(entry.path, entry.id) for entry in list(self.library.entries.values()) if entry.ok and entry.id]
        counts = unseen_counts(briefs, lambda path: self.library.load(path).brief)
        if counts != self._unseen:
            self._unseen = counts
            self.app.call_from_thread(self.fill)

    # -- keys ------------------------------------------------------------------------------

    def _typed_in_a_box(self, character: str) -> bool:
        """`f` and `/` act as soon as they arrive (so that what is typed after them
        reaches their box): typed in a box, they are only characters."""
        field = self.focused
        if isinstance(field, Input):
            field.insert_text_at_cursor(character)
            return True
        return False

    @on(ItemList.Highlighted, "#library-list")
    def _moved(self, event: ItemList.Highlighted) -> None:
        # A move the list did not make for a fill is the user's: from then on the
        # cursor stays on the brief they chose.
        if event.key not in self._placed:
            self._follow_top = False

    @on(ItemList.Chosen, "#library-list")
    async def _chosen(self, event: ItemList.Chosen) -> None:
        event.stop()
        self._follow_top = False
        if isinstance(event.key, str):
            self.post_message(OpenBrief(event.key))

    def action_filter(self) -> None:
        """Into the filter box, ready to type."""
        if not self._typed_in_a_box("f"):
            self.set_focus(self.query_one(FilterInput))
            self._prepare(self._filtering)

    @work(thread=True, group="filter-prepare", description="what the library's filter looks through")
    def _prepare(self, filtering: LibraryFilter) -> None:
        # While the first word is typed: 20,000 briefs take a fifth of a second.
        filtering.prepare()

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._filter = event.value
        self._apply_filter()

    @on(Input.Submitted, "#filter")
    async def _filter_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._answer_now()  # the brief at the top of this filter's answer, not an earlier one's
        key = self.listing.current_key
        if isinstance(key, str):
            self.post_message(OpenBrief(key))

    @on(FilterClosed)
    def _filter_closed(self, event: FilterClosed) -> None:
        event.stop()
        if event.clear:
            self.action_clear_filter()
        self.set_focus(self.listing)

    def action_clear_filter(self) -> None:
        """Clear the filter."""
        box = self.query_one(FilterInput)
        if box.value:
            box.value = ""  # posts Changed, which lists everything again

    async def action_changes(self) -> None:
        """What changed in the brief under the cursor."""
        key = self.listing.current_key
        if isinstance(key, str):
            self.post_message(ShowChanges(key))

    # -- search across briefs ------------------------------------------------------------

    async def action_search(self) -> None:
        """Search every brief at once."""
        from briefing_tui.tui.widgets.search_panel import SearchPanel

        if self._typed_in_a_box("/") or self.has_class("-searching"):
            return
        if not self.query(SearchPanel):
            await self.mount(SearchPanel(id="search", scope="every brief", background=True), before=self.query_one(KeyBar))
        self.add_class("-searching")
        self.query_one(SearchPanel).open(self.library, group=self._group)

    def _group(self, hit: Hit) -> str:
        entry = self.library.entries.get(hit.path)
        if entry is None or entry.title is None:
            return hit.path
        return f"{entry.title}  {entry.date.isoformat() if entry.date else ''}".rstrip()

    @on(SearchClosed)
    def _search_closed(self, event: SearchClosed) -> None:
        event.stop()
        self.remove_class("-searching")
        self.set_focus(self.listing)

    @on(HitChosen)
    async def _hit_chosen(self, event: HitChosen) -> None:
        event.stop()
        self.remove_class("-searching")
        self.set_focus(self.listing)
        chosen = event.hits[event.number]
        # In the brief, n and N step through its own hits of the same search.
        same = [hit for hit in event.hits if hit.path == chosen.path]
        self.post_message(OpenBrief(chosen.path, hit_place(chosen), same, same.index(chosen)))


def _common_folder(files: list[str]) -> str:
    """The folder holding every file, as the files were named (relative or not)."""
    try:
        common = os.path.commonpath(files)
    except ValueError:  # absolute and relative paths mixed
        return ""
    return common if os.path.isdir(common) else os.path.dirname(common)

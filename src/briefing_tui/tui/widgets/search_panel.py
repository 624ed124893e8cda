"""The `/` search box over the current pane, with results that update as you type."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.events import Key
from textual.message import Message
from textual.widgets import Input, Static

from briefing_tui.core.find_best import AtLeast
from briefing_tui.core.library_search import SearchStopped
from briefing_tui.core.model import field_words
from briefing_tui.core.search import Hit
from briefing_tui.core.text import snippet
from briefing_tui.tui.messages import HitChosen, SearchClosed
from briefing_tui.tui.widgets.item_list import ItemList, Row

SHOWN = 200
"""The best hits listed; the count says how many match in all."""
GROUPS = {"actor": "Actors", "quote": "Quotes", "issue": "Issues", "brief": "Summary", "source": "Sources"}
GROUP_SHOWN = 5
"""At most this many hits of a group are listed before the groups below it; the
rest wait behind a row that lists them."""


class Searchable(Protocol):
    """What the panel searches: one brief's `SearchIndex`, or a whole library."""

    def find(self, query: str, limit: int | None = None) -> tuple[list[Hit], int]: ...

    def title(self, hit: Hit) -> str: ...


class SearchInput(Input):
    """The query box: `up` and `down` recall earlier queries, `escape` closes."""

    BINDINGS = [
        Binding("escape", "close", "Close search", tooltip="Close the search and go back to where you were", id="search.close"),
        Binding("up", "recall(-1)", "Earlier query", show=False, tooltip="Recall an earlier query", id="search.recall"),
        Binding("down", "to_results", "Results", show=False, tooltip="Move into the results", id="search.results"),
    ]

    def action_close(self) -> None:
        panel = self.parent.parent if self.parent is not None else None
        if isinstance(panel, SearchPanel):
            panel.action_close()
        else:
            self.post_message(SearchClosed(self.value, 0))

    def action_recall(self, step: int) -> None:
        panel = self.parent
        if isinstance(panel, Vertical) and isinstance(panel.parent, SearchPanel):
            panel.parent.recall(step)

    def action_to_results(self) -> None:
        results = self.screen.query_one("#search-results", ItemList)
        if results.rows:
            self.screen.set_focus(results)


class SearchPanel(Vertical):
    """A box for the query and the hits, best kind first, each with its matched text marked."""

    BINDINGS = [Binding("escape", "close", "Close search", show=False, id="search.close-results")]

    DEFAULT_CSS = """
    SearchPanel { display: none; height: 1fr; }
    SearchPanel #search-box { height: auto; background: $panel; }
    SearchPanel #search-input { border: tall $accent; }
    SearchPanel #search-count { height: 1; padding: 0 1; color: $text-muted; }
    SearchPanel #search-results { height: 1fr; }
    """

    class Answered(Message):
        """The answer to the query asked `asked`th, found in the background."""

        def __init__(self, asked: int, query: str, hits: list[Hit], total: int, rows: list[Row]) -> None:
            super().__init__()
            self.asked, self.query, self.hits, self.total, self.rows = asked, query, hits, total, rows

    def __init__(self, *, id: str | None = None, scope: str = "the whole brief", background: bool = False) -> None:
        super().__init__(id=id)
        self.index: Searchable | None = None
        self.group: Callable[[Hit], str] | None = None
        self.scope = scope
        self.background = background
        """Answer in a thread (a whole library's search): a key typed never waits for
        the answer to the one before."""
        self.hits: list[Hit] = []
        self.answered: str | None = None
        """The query whose hits are listed (None: none listed)."""
        self._asked = 0
        """How many queries were asked: an answer to an earlier one is never drawn."""
        self._shown = 0
        self._open_when_answered = False
        self.queries: list[str] = []
        self._expanded: set[str] = set()
        """The groups listed whole, for the query on screen."""
        self._recall = 0
        self.partial = False
        """The answer on screen leaves out briefs not read yet."""

    def compose(self) -> ComposeResult:
        with Vertical(id="search-box"):
            yield SearchInput(placeholder='Search everything: words, "a phrase", names with typos', id="search-input")
            yield Static(id="search-count")
        yield ItemList(id="search-results", empty=f"Type to search {self.scope}.")

    def open(self, index: Searchable | None, query: str = "", group: Callable[[Hit], str] | None = None) -> None:
        """Show the panel over the pane, ready to type (results once `index` is there).
        Hits are listed under the heading `group` gives them (default: their kind)."""
        self.index = index
        self.group = group
        self._open_when_answered = False
        field = self.query_one(SearchInput)
        field.value = query
        field.cursor_position = len(query)
        self._recall = len(self.queries)
        self.update_results(query)
        self.screen.set_focus(field)

    def recall(self, step: int) -> None:
        """Put an earlier (or later) query back in the box."""
        if not self.queries:
            return
        self._recall = min(max(self._recall + step, 0), len(self.queries) - 1)
        field = self.query_one(SearchInput)
        field.value = self.queries[self._recall]
        field.cursor_position = len(field.value)

    def remember(self, query: str) -> None:
        """Keep a query for `up` to recall."""
        query = query.strip()
        if query:
            if query in self.queries:
                self.queries.remove(query)
            self.queries.append(query)

    @on(Input.Changed, "#search-input")
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        self.update_results(event.value)

    def set_index(self, index: Searchable) -> None:
        """The index has been built: answer what was typed meanwhile."""
        self.index = index
        self.update_results(self.query_one(SearchInput).value)

    def update_results(self, query: str) -> None:
        """Search again and redraw the results (one list, no widget per hit)."""
        results = self.query_one("#search-results", ItemList)
        count = self.query_one("#search-count", Static)
        self._asked += 1
        if self.index is None and query.strip():
            count.update("Indexing the brief\u2026")
            return
        if self.index is None or not query.strip():
            self.hits, self.answered, self._shown = [], None, self._asked
            results.empty = f"Type to search {self.scope}."
            results.set_rows([])
            count.update("")
            return
        if self.background:
            stop = getattr(self.index, "stop_search", None)
            if stop is not None:
                stop()  # the answer under way is for a query no longer in the box
            self._answer(self.index, query, self._asked)
            return
        hits, total = self.index.find(query, SHOWN)
        self._show(self._asked, query, hits, total, self._rows(hits))

    @work(thread=True, exclusive=True, group="search-answer")
    def _answer(self, index: Searchable, query: str, asked: int) -> None:
        if asked != self._asked:
            return  # typed over before it started
        try:
            hits, total = index.find(query, SHOWN)
        except SearchStopped:
            return
        if asked == self._asked:
            self.post_message(self.Answered(asked, query, hits, total, self._rows(hits, expanded=frozenset())))

    @on(Answered)
    def _answered(self, event: Answered) -> None:
        event.stop()
        if event.asked != self._asked:
            return  # a newer query is in the box: its answer is on the way
        self._show(event.asked, event.query, event.hits, event.total, event.rows)
        if self._open_when_answered:
            self._open_when_answered = False
            self._open_current()

    def _show(self, asked: int, query: str, hits: list[Hit], total: int, rows: list[Row]) -> None:
        results = self.query_one("#search-results", ItemList)
        count = self.query_one("#search-count", Static)
        self.hits, self.answered, self._shown = hits, query, asked
        self._expanded.clear()
        results.empty = ""  # "No match" above says it: no invitation to type below
        results.set_rows(rows, keep=0)
        if isinstance(total, AtLeast):  # counting stopped there: never given as the whole
            shown = f"at least {total:,} matches"
        else:
            shown = f"{total} match{'es' if total != 1 else ''}" if total else "No match"
        if total > len(hits):
            shown += f", the best {len(hits)} listed"
        missing = getattr(self.index, "unsearched", ())
        if missing:  # never an answer from part of the library given as the whole
            shown += f" \u00b7 {len(missing)} brief(s) not searched: another program holds the cache"
        self.partial = bool(unread := getattr(self.index, "unread", 0))
        if unread:  # the library asks again as they are read
            shown += f" \u00b7 {unread} brief{'s' if unread != 1 else ''} not read yet"
        count.update(shown + ("  \u00b7  enter opens, \u2193 to the list, esc closes" if hits else ""))

    def _rows(self, hits: list[Hit], expanded: frozenset[str] | set[str] | None = None) -> list[Row]:
        # Kinds in the order of their best hit, hits best first within each kind;
        # with other groups below, a group lists its hits as good as theirs (a few
        # at most) and a row for the rest.
        expanded = self._expanded if expanded is None else expanded
        groups: dict[str, list[tuple[int, Hit]]] = {}
        for number, hit in enumerate(hits):
            heading = self.group(hit) if self.group is not None else GROUPS.get(hit.kind, hit.kind)
            groups.setdefault(heading, []).append((number, hit))
        rows: list[Row] = []
        best = [members[0][1].score for members in groups.values()]
        for place, (heading, members) in enumerate(groups.items()):
            rows.append(Row(None, f"{heading} ({len(members)})"))
            shown = members
            if place + 1 < len(best) and heading not in expanded:
                # Hits worse than the best of a group below wait behind a row: they
                # would push better hits (a quote's words) below the fold.
                below = max(best[place + 1 :])
                shown = [member for member in members[:GROUP_SHOWN] if member[1].score >= below] or members[:1]
            for number, hit in shown:
                rows.append(self._row(number, hit))
            if len(shown) < len(members):
                rows.append(Row(("more", heading), f"\u2026 {len(members) - len(shown)} more", "enter shows them"))
        return rows

    def _row(self, number: int, hit: Hit) -> Row:
        """One hit: its item, where it matched, and the matched words in their text. A
        quote matched in its context shows its own words, the context as the note."""
        quoted = self.index.quoted(hit) if self.index is not None and hasattr(self.index, "quoted") else None
        if quoted is not None and hit.field != "text":
            where = f"{field_words(hit.field)}: {snippet(hit.text, hit.start, hit.end, 60)[0]}"
            return Row(number, self._title(hit), where, quoted)
        text, start, end = snippet(hit.text, hit.start, hit.end, 110)
        return Row(number, self._title(hit), field_words(hit.field), text, ((start, end),))

    def _title(self, hit: Hit) -> str:
        assert self.index is not None
        return self.index.title(hit)

    @on(Input.Submitted, "#search-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.background and self._shown != self._asked:
            # The hits listed answer an earlier query: enter opens the best of this
            # one's, once it is answered.
            self._open_when_answered = True
            return
        self._open_current()

    def _open_current(self) -> None:
        results = self.query_one("#search-results", ItemList)
        key = results.current_key
        if key is not None:
            self._choose(key)

    @on(ItemList.Chosen, "#search-results")
    def _chosen(self, event: ItemList.Chosen) -> None:
        event.stop()
        self._choose(event.key)

    def _choose(self, key: object) -> None:
        if isinstance(key, tuple) and key[0] == "more":
            # The rest of a group: listed in place, the cursor on the first of them.
            self._expanded.add(key[1])
            results = self.query_one("#search-results", ItemList)
            at = results.rows.index(next(row for row in results.rows if row.key == key))
            results.set_rows(self._rows(self.hits))
            following = next((row.key for row in results.rows[at:] if isinstance(row.key, int)), None)
            if following is not None:
                results.select(following)
            return
        if not isinstance(key, int):
            return
        query = self.query_one(SearchInput).value
        self.remember(query)
        self.post_message(HitChosen(query, self.hits, key))

    def action_close(self) -> None:
        self._open_when_answered = False  # an enter typed before escape opens nothing
        self.post_message(SearchClosed(self.query_one(SearchInput).value, len(self.hits)))

    def on_key(self, event: Key) -> None:
        # From the results, `up` on the first row goes back to the box.
        results = self.query_one("#search-results", ItemList)
        if event.key in ("up", "k") and self.screen.focused is results:
            first = next((i for i, row in enumerate(results.rows) if not row.heading), -1)
            if results.cursor == first:
                event.stop()
                self.screen.set_focus(self.query_one(SearchInput))

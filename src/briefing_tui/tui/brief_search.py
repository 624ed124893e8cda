"""Search in the brief on screen: its index, built once in the background, and the
hits that `n` and `N` step through after the search box is closed."""

from __future__ import annotations

import threading
from collections.abc import Mapping
from typing import TYPE_CHECKING

from briefing_tui.core.history import Place
from briefing_tui.core.ref import Ref

if TYPE_CHECKING:
    from briefing_tui.core.model import Brief, Item
    from briefing_tui.core.search import Hit, SearchIndex

_PANE_OF_KIND = {"actor": "actors", "quote": "quotes", "issue": "issues", "source": "summary"}


def hit_place(hit: Hit) -> Place:
    """Where a search hit is shown: its item in full, the match highlighted (and
    scrolled to: a scroll of -1)."""
    needle = hit.matched or None
    if hit.kind == "brief":
        return Place("summary", None, None, -1, -1, needle)
    pane = _PANE_OF_KIND[hit.kind]
    ref = Ref(hit.kind, hit.item_id)  # type: ignore[arg-type]
    return Place(pane, ref, ref if pane != "summary" else None, -1, -1, needle)


class SearchState:
    """The hits of the last search in one brief, and which of them is on screen."""

    def __init__(self) -> None:
        self.hits: list[Hit] = []
        self.number = -1
        self.query: str | None = None
        """The last query typed, even one that found nothing (None: no search yet)."""
        self.found = 0
        """How many hits that query had."""

    def start(self, hits: list[Hit], number: int, query: str | None = None) -> None:
        """A search was made and hit `number` chosen."""
        self.hits, self.number = list(hits), number
        self.found = len(hits)
        if query is not None:
            self.query = query

    def closed(self, query: str, found: int) -> None:
        """The search box was closed on `query` (which had `found` hits) without choosing one."""
        self.clear()
        self.query = query.strip() or self.query
        self.found = found

    def why_no_hit(self) -> str:
        """What `n` says when there is no hit to step to."""
        if self.query is None:
            return "No search yet: press / to search."
        if not self.found:
            return f"No match for \u201c{self.query}\u201d: press / to search again (\u2191 recalls it)."
        return f"The search for \u201c{self.query}\u201d was closed without opening a hit: press / and \u2191 to search it again."

    def clear(self) -> None:
        """Forget the hits (the brief changed: they may point at what is gone)."""
        self.hits, self.number = [], -1

    def step(self, step: int) -> Hit | None:
        """The next (`step` 1) or previous (-1) hit, which becomes current; None without hits."""
        if not self.hits:
            return None
        self.number = (self.number + step) % len(self.hits)
        return self.hits[self.number]

    @property
    def current(self) -> Hit | None:
        """The hit on screen, if any."""
        return self.hits[self.number] if 0 <= self.number < len(self.hits) else None


class BriefIndex:
    """The search index of one brief: built at most once, from any thread."""

    def __init__(self, brief: Brief, items: Mapping[str, Item]) -> None:
        self.brief = brief
        self._items = items
        self._index: SearchIndex | None = None
        self._lock = threading.Lock()

    @property
    def ready(self) -> SearchIndex | None:
        """The index, if it is built."""
        return self._index

    def build(self) -> SearchIndex:
        """The index, built now if it is not yet (safe to call from another thread)."""
        with self._lock:
            if self._index is None:
                from briefing_tui.core.search import SearchIndex  # with rapidfuzz: not at start

                self._index = SearchIndex(self.brief, self._items)
            return self._index

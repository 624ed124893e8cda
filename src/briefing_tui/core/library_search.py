"""Search across a library's briefs as the query is typed, from the cache's full-text index.

A `Searcher` keeps, between keystrokes and for one count of the library's changes, a
connection of its own, the briefs' order placed in it, the index's words (and the
fields each was ever in), the words each word typed finds, and the last few answers:
typing `recons` after `recon` finds the same words, so the same items, and only places
them again. A query with a limit is ranked as `find_best` does (the best items without
scoring every match, the count capped), and as `find_spots` does when that cannot.
"""

from __future__ import annotations

import sqlite3
import threading
from bisect import bisect_left
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING

from briefing_tui.core.find_best import best_items, best_words, counted, place_ranges
from briefing_tui.core.find_index import word_fields
from briefing_tui.core.find_query import Found, Row, close_among_lengths, find_spots, place_briefs, placed_hits, ranked_items, term_words
from briefing_tui.core.library_index import item_titles
from briefing_tui.core.query import CloseWords, Term, close_words

if TYPE_CHECKING:
    from briefing_tui.core.cache import BriefCache
    from briefing_tui.core.library import Entry

Answer = tuple[tuple[list[Found], int], dict[tuple[int, int], str]]
"""The items found and how many match in all, and the title of each item found."""
ANSWERS_KEPT = 16
"""Answers kept for queries that find the same words again (a word typed on, a letter taken back)."""
WORDS_KEPT = 512


class SearchStopped(Exception):
    """A search cut short by `Searcher.stop`."""


class Searcher:
    """What search across briefs keeps between queries: a connection of its own (reading
    never waits for it, nor it for reading), the briefs' order placed in it, the index's
    words, and recent answers, all for one count of the library's changes."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None
        self._paths: tuple[int, dict[int, str]] = (-1, {})
        self._placed = -1
        self._places: dict[int, int] = {}
        self._words = -1
        self._vocabulary: list[str] = []
        self._fields: dict[str, int] = {}
        self._close: CloseWords = close_words
        self._found: dict[tuple[str, bool], dict[str, float]] = {}
        self._answers: OrderedDict[Hashable, tuple[list[Row], int]] = OrderedDict()

    def paths(self, changes: int, listing: Callable[[], list[Entry]]) -> dict[int, str]:
        """The searched briefs' files by number, in the library's order."""
        if self._paths[0] != changes:
            self._paths = (changes, {e.key: e.path for e in listing() if e.ok and e.key is not None})
        return self._paths[1]

    def find(self, cache: BriefCache, terms: list[Term], paths: dict[int, str], changes: int, limit: int | None) -> Answer:
        """The items found and their titles, from this searcher's connection (or the
        cache's own when the cache is in memory)."""
        with self._lock:
            db = self._connection(cache)
            if db is None:
                return self._shared(cache, terms, paths, limit)
            try:
                self._prepare(db, paths, changes)
                classes = [self._words_of(term, number == len(terms) - 1) for number, term in enumerate(terms)]
                if not all(classes):
                    return ([], 0), {}
                rows, total = self._answer(db, terms, classes, limit)
                found = placed_hits(db, terms, classes, rows) if rows else []
                return (found, total), item_titles(db, [(f.key, f.number) for f in found])
            except sqlite3.Error as error:
                if isinstance(error, sqlite3.OperationalError) and "interrupted" in str(error):
                    raise SearchStopped from error
                self.close()  # the cache's own connection knows what to do about it
                return self._shared(cache, terms, paths, limit)

    def _prepare(self, db: sqlite3.Connection, paths: dict[int, str], changes: int) -> None:
        """The briefs' order and the index's words, placed and read again once the library changed."""
        if self._placed != changes:
            self._places = {key: place for place, key in enumerate(paths)}
            place_briefs(db, self._places)
            place_ranges(db, paths)
            self._answers.clear()
            self._placed = changes
        if self._words != changes:
            self._fields = word_fields(db)
            self._vocabulary = sorted(self._fields)
            self._close = close_among_lengths(self._vocabulary)
            self._found.clear()
            self._answers.clear()
            self._words = changes

    def _words_of(self, term: Term, last: bool) -> dict[str, float]:
        """The words of the index a term finds, kept: the query's earlier words are
        looked up again at every key typed after them."""
        if term.whole:
            return term_words(term, self._vocabulary, last)
        key = (term.words[0], last)
        found = self._found.get(key)
        if found is None:
            if len(self._found) >= WORDS_KEPT:
                self._found.clear()
            found = self._found[key] = term_words(term, self._vocabulary, last, self._close)
        return found

    def _answer(self, db: sqlite3.Connection, terms: list[Term], classes: list[dict[str, float]], limit: int | None) -> tuple[list[Row], int]:
        """The items ranked (at most `limit`) and the count, as kept for the same words found."""
        if limit is None:
            rows = ranked_items(db, terms, classes, None)
            return rows, rows[0][2] if rows else 0
        key = (limit, tuple(self._key(term, found) for term, found in zip(terms, classes, strict=True)))
        kept = self._answers.get(key)
        if kept is not None:
            self._answers.move_to_end(key)
            return kept
        tops, bests = best_words(terms, classes, self._fields, self._vocabulary)
        if not all(tops):
            answer: tuple[list[Row], int] = ([], 0)  # a term no field holds as asked: none matches
        else:
            best = best_items(db, tops, bests, limit, self._places)
            if best is not None:
                answer = (best, counted(db, terms, classes, bests, best[0][2]))
            else:
                rows = ranked_items(db, terms, classes, limit)
                answer = (rows, rows[0][2] if rows else 0)
        self._answers[key] = answer
        if len(self._answers) > ANSWERS_KEPT:
            self._answers.popitem(last=False)
        return answer

    def _key(self, term: Term, found: dict[str, float]) -> Hashable:
        """What a term matches: the same for two terms that match the same texts as well."""
        if not term.whole:
            return frozenset(found.items())
        *before, last = term.words
        at = bisect_left(self._vocabulary, last)
        ends = []
        for word in self._vocabulary[at:]:
            if not word.startswith(last):
                break
            ends.append(word)
        return (tuple(before), tuple(ends))

    @staticmethod
    def _shared(cache: BriefCache, terms: list[Term], paths: dict[int, str], limit: int | None) -> Answer:
        with cache.using() as db:
            if db is None:
                return ([], 0), {}
            found = find_spots(db, terms, {key: place for place, key in enumerate(paths)}, limit)
            return found, item_titles(db, [(f.key, f.number) for f in found[0]])
        return ([], 0), {}

    def _connection(self, cache: BriefCache) -> sqlite3.Connection | None:
        if self._db is None and cache.file is not None:
            try:
                # Used by one thread at a time (the lock), not always the same one.
                self._db = sqlite3.connect(f"{cache.file.as_uri()}?mode=rw", uri=True, timeout=1.0, isolation_level=None, check_same_thread=False)
            except sqlite3.Error:
                return None
            self._placed = self._words = -1
        return self._db

    def stop(self) -> None:
        """Interrupt the query under way on this searcher's connection."""
        db = self._db
        if db is not None:
            db.interrupt()

    def close(self) -> None:
        """Close the connection (a new one is opened when next needed)."""
        if self._db is not None:
            self._db.close()
            self._db = None

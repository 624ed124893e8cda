"""A library: every brief found under some folders, listed, searched and compared as one.

The list comes from the cache's summary of each file (title, date, tags, counts, first
error), so a warm library of thousands of briefs opens without reading one; a file
that is new or changed since is read, cached and indexed (`Library.read`). A brief's
full model is only loaded when it is opened.

Across briefs, an actor is the same actor when it has the same id, or, when the ids
differ, the same name with case and accents ignored. Search across briefs is
answered by SQLite's full-text index of every text (`find_query`, as `briefing find`
is; as you type, `library_search`), which scores items as the search of one brief
does (`SearchIndex`), so both agree; without FTS5 one in-memory index of every item
is searched instead.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from briefing_tui.core.cache import BriefCache, Prepared, Stamp, Summary, default_cache, file_stamp, load_brief_cached
from briefing_tui.core.cache_rows import summary_of_row
from briefing_tui.core.changes import name_key
from briefing_tui.core.findings import Finding, LoadResult
from briefing_tui.core.library_index import NO_ROWS, IndexRows, LibraryIndex, brief_of, index_rows
from briefing_tui.core.library_reading import IN_WORKERS_FROM, WORKERS_FAILED, gathered, read_in_workers, workers
from briefing_tui.core.library_search import Searcher
from briefing_tui.core.links import LinkIndex
from briefing_tui.core.loader import load_brief
from briefing_tui.core.markings import rank, redact, withheld
from briefing_tui.core.model import Actor, Location, Text, is_withheld, paused_gc
from briefing_tui.core.query import query_terms
from briefing_tui.core.redacted_search import shown_index
from briefing_tui.core.search import Hit, SearchIndex, StoredItem, item_title
from briefing_tui.core.text import fold
from briefing_tui.core.text_lines import line_at, source_lines


@dataclass(slots=True)
class Entry:
    """One file of the library as listed: its brief's title, date, tags and counts,
    or its first error. Immutable by contract, like the model's items: a frozen
    dataclass took four times as long to make, and a library makes one per file
    before its first screen."""

    path: str
    key: int | None
    """The brief's number in the cache (None while it is not cached)."""
    stamp: Stamp | None = None
    """The file's size and time when it was read."""
    id: str | None = None
    title: str | None = None
    date: dt.date | None = None
    tags: tuple[str, ...] = ()
    follows: str | None = None
    actors: int = 0
    quotes: int = 0
    issues: int = 0
    errors: int = 0
    first_error: Finding | None = None
    waiting: bool = False
    """Not read yet."""

    @property
    def ok(self) -> bool:
        """True when the file holds a brief without errors."""
        return not self.waiting and self.errors == 0 and self.title is not None

    @classmethod
    def of_summary(cls, summary: Summary) -> Entry:
        """The entry the cache's summary describes."""
        return cls(
            summary.path, summary.key, summary.stamp, summary.brief_id, summary.title, summary.date, summary.tags,
            summary.follows, summary.actors, summary.quotes, summary.issues, summary.errors, summary.first_error,
        )  # fmt: skip

    @classmethod
    def of_prepared(cls, prepared: Prepared, key: int | None, stamp: Stamp | None) -> Entry:
        """The entry of a file read elsewhere (in a worker process)."""
        row = (key or 0, prepared.path, *(stamp or prepared.stamp), *prepared.summary)
        return dataclasses.replace(cls.of_summary(summary_of_row(prepared.path, row)), key=key, stamp=stamp)

    @classmethod
    def of_result(cls, result: LoadResult, key: int | None, stamp: Stamp | None) -> Entry:
        """The entry of a file just loaded."""
        brief = result.brief
        errors = result.errors
        if brief is None:
            return cls(result.path, key, stamp, errors=max(1, len(errors)), first_error=errors[0] if errors else None)
        return cls(
            result.path, key, stamp, brief.id, brief.title, brief.date, brief.tags, brief.follows,
            len(brief.actors), len(brief.quotes), len(brief.open_issues),
        )  # fmt: skip


@dataclass(frozen=True, slots=True)
class Statement:
    """A quote of an actor, or their position on an issue, in some brief."""

    kind: str
    """`quote` or `position`."""
    item_id: str
    """The quote's id, or the issue's for a position."""
    issue: str | None
    """The issue's title, for a position."""
    date: dt.date | None
    text: str
    note: str | None = None
    """A position's leaning; `paraphrase` for a quote not verbatim."""


@dataclass(frozen=True, slots=True)
class Appearance:
    """The same actor in another brief of the library, and what they said and hold there."""

    entry: Entry
    actor_id: str
    """The actor's id in that brief."""
    name: str
    statements: tuple[Statement, ...]


class Library:
    """The briefs of some files, listed from the cache; see the module's description."""

    def __init__(self, files: Sequence[str], cache: BriefCache | None = None, redact: str | None = None) -> None:
        self.cache = cache if cache is not None else default_cache()
        self.redact = redact
        """The TLP level above which items are withheld (see `markings`): its search
        and the actors' appearances in other briefs are then read from each brief as
        it may be shown, not from the cache's index of every text."""
        self.index = LibraryIndex(self.cache)
        self.files = list(dict.fromkeys(files))
        self._order = {path: number for number, path in enumerate(self.files)}
        self.entries: dict[str, Entry] = {}
        self.pending: list[str] = []
        self._pending_lock = threading.Lock()  # `refresh` may add while `read` takes away
        self._everything: SearchIndex | None = None
        self._changes = 0
        """Counts the changes to the entries: what search keeps is kept for one count."""
        self._searcher = Searcher()
        self._withheld: tuple[str | None, SearchIndex] | None = None
        self._markings: dict[str, tuple[Stamp | None, str | None]] = {}
        self._titles: dict[tuple[str, str, str], str] = {}
        self._anchors: dict[tuple[str, str, str, str], list[int]] = {}
        self._lines: dict[tuple[str, str, str, str, int], int] = {}
        summaries = self.cache.summaries(self.files)
        for path in self.files:
            summary = summaries.get(path)
            if summary is not None and summary.indexed and summary.stamp == file_stamp(path):
                self.entries[path] = Entry.of_summary(summary)
            else:
                self.entries[path] = Entry(path, None, waiting=True)
                self.pending.append(path)

    # -- reading ---------------------------------------------------------------------

    def read(self, batch: int = 50) -> Iterator[int]:
        """Read, cache and index every file not cached yet, a batch at a time; yields
        how many are left after each batch. Every entry is in place at the end.

        Many files are read in worker processes, on every core (`library_reading`),
        the batches stored here as they come back, in whatever order they are done."""
        if len(self.pending) >= IN_WORKERS_FROM and workers() > 1:
            try:
                yield from self._read_in_workers()
            except WORKERS_FAILED:
                pass  # the workers could not start, or died: what is left is read here
        while self.pending:
            chunk = self.pending[:batch]
            stored: list[tuple[str, Stamp, LoadResult, IndexRows | None]] = []
            results = []
            for path in chunk:
                stamp = file_stamp(path)
                result = (self.cache.lookup(path, stamp) if stamp else None) or load_brief(path)
                if stamp is not None and file_stamp(path) != stamp:
                    stamp = None  # it changed while it was read: read again next time
                results.append((result, stamp))
                if stamp is not None:
                    with paused_gc():
                        rows = index_rows(result.brief, source_lines(path)) if result.brief else NO_ROWS
                    stored.append((path, stamp, result, rows))
            keys = self.cache.store_many(stored)
            for path, (result, stamp) in zip(chunk, results, strict=True):
                self.entries[path] = Entry.of_result(result, keys.get(path), stamp)
            with self._pending_lock:
                del self.pending[: len(chunk)]  # what `refresh` added meanwhile stays
            self._changed()
            yield len(self.pending)

    def _read_in_workers(self) -> Iterator[int]:
        for ready in gathered(read_in_workers(list(self.pending), keep=self.cache.persistent)):
            keys = self.cache.store_prepared([prepared for prepared, steady in ready if steady])
            for prepared, steady in ready:
                key = keys.get(prepared.path) if steady else None
                self.entries[prepared.path] = Entry.of_prepared(prepared, key, prepared.stamp if steady else None)
            done = {prepared.path for prepared, _ in ready}
            with self._pending_lock:
                self.pending[:] = [path for path in self.pending if path not in done]
            self._changed()
            yield len(self.pending)

    def refresh(self) -> bool:
        """Look at every file again: any that changed since it was read is to be read
        again (`read`). True when there is anything to read."""
        with self._pending_lock:
            waiting = set(self.pending)
            for path in self.files:
                entry = self.entries[path]
                if not entry.waiting and path not in waiting and file_stamp(path) != entry.stamp:
                    self.entries[path] = Entry(path, None, waiting=True)
                    self.pending.append(path)
                    self._changed()
        return bool(self.pending)

    def _changed(self) -> None:
        self._everything = None
        self._changes += 1

    def listing(self) -> list[Entry]:
        """Every entry: briefs newest first, then files not read yet, then invalid files."""

        def order(entry: Entry) -> tuple[int, int, str, int]:
            if entry.ok:
                assert entry.date is not None
                return (0, -entry.date.toordinal(), fold(entry.title or ""), self._order[entry.path])
            return (1 if entry.waiting else 2, 0, "", self._order[entry.path])

        listed = sorted(self.entries.values(), key=order)
        if self.redact is None:
            return listed
        return [self._as_shown(entry) for entry in listed]

    def _as_shown(self, entry: Entry) -> Entry:
        """An entry as the library may show it at the level of withholding: a brief
        marked above it is listed by a placeholder, not its title or tags."""
        if not entry.ok:
            return entry
        known = self._markings.get(entry.path)
        if known is None or known[0] != entry.stamp:  # each brief read once, again when it changes
            brief = self.load(entry.path).brief
            known = self._markings[entry.path] = (entry.stamp, brief.marking if brief is not None else None)
        marking = known[1]
        if rank(marking) <= rank(self.redact):
            return entry
        return dataclasses.replace(entry, title=withheld("brief", marking or ""), tags=())

    def load(self, path: str) -> LoadResult:
        """The file's brief (or findings), from the cache when it has not changed."""
        return load_brief_cached(path, self.cache)

    # -- series ----------------------------------------------------------------------

    def previous(self, path: str) -> tuple[Entry | None, str]:
        """The brief this one is compared with, and why: the one it `follows`, else the
        latest earlier one with the same tags. With no such brief, why not."""
        entry = self.entries[path]
        others = [e for e in self.entries.values() if e.ok and e.path != path]
        missing = ""
        if entry.follows:
            named = [e for e in others if e.id == entry.follows]
            if named:
                earlier = [e for e in named if entry.date is None or (e.date is not None and e.date <= entry.date)]
                chosen = max(earlier or named, key=self._when)
                return chosen, f"it follows {entry.follows}"
            missing = f"it follows {entry.follows}, which is not in the library; "
        if entry.tags and entry.ok:
            tags = set(entry.tags)
            same = [e for e in others if set(e.tags) == tags and self._when(e) < self._when(entry)]
            if same:
                return max(same, key=self._when), missing + "the latest earlier brief with the same tags"
            return None, missing + "no earlier brief has the same tags"
        return None, missing + "it names no brief it follows and has no tags"

    @staticmethod
    def _when(entry: Entry) -> tuple[dt.date, str]:
        return (entry.date or dt.date.min, entry.path)

    # -- actors across briefs ---------------------------------------------------------

    def elsewhere(self, path: str, actor: Actor) -> list[Appearance]:
        """The actor in the library's other briefs, newest brief first, with their quotes
        and positions there."""
        by_key = {e.key: e for e in self.entries.values() if e.ok and e.key is not None and e.path != path}
        found = []
        for key, actor_id, name in self.index.actor_briefs(actor.id, name_key(actor.name)):
            entry = by_key.get(key)
            if entry is None:
                continue
            if self.redact is not None:
                appearance = self._withheld_appearance(entry, actor_id)
                if appearance is not None:
                    found.append(appearance)
                continue
            statements = tuple(
                Statement(kind, item_id, issue, None if date is None else dt.date.fromordinal(date), text, note)
                for kind, item_id, issue, date, text, note in self.index.statements(key, actor_id)
            )
            found.append(Appearance(entry, actor_id, name, statements))
        found.sort(key=lambda a: self._when(a.entry), reverse=True)
        return found

    def _withheld_appearance(self, entry: Entry, actor_id: str) -> Appearance | None:
        """The actor in another brief as it may be shown at the level of withholding;
        None when the brief or the actor is withheld there."""
        brief = self.load(entry.path).brief
        if brief is None:
            return None
        brief = redact(brief, self.redact)
        actor = next((a for a in brief.actors if a.id == actor_id), None)
        if actor is None or is_withheld(actor.name):
            return None
        label = LinkIndex(brief).plain
        statements = [Statement("quote", q.id, None, q.date, q.text, None if q.verbatim else "paraphrase") for q in brief.quotes if q.by == actor_id]
        statements += [
            Statement("position", i.id, i.title, None, label(p.stance), p.leaning) for i in brief.issues for p in i.positions if p.by == actor_id
        ]
        return Appearance(dataclasses.replace(entry, title=brief.title), actor_id, actor.name, tuple(statements))

    # -- search ----------------------------------------------------------------------

    @property
    def unsearched(self) -> list[str]:
        """Briefs that search cannot see: read, but not in the cache's index (another
        program held the cache while they were read). Said, never left out silently."""
        return [entry.path for entry in self.entries.values() if entry.ok and entry.key is None]

    @property
    def unread(self) -> int:
        """How many briefs are still to be read, whose items search cannot see yet."""
        return sum(1 for entry in self.entries.values() if entry.waiting)

    def find(self, query: str, limit: int | None = None) -> tuple[list[Hit], int]:
        """Items of every brief matching `query`, best first (at most `limit`), and how
        many match in all (with a limit, counting may stop short: the count is then
        `AtLeast` that many). Ties keep the order of the list (newest brief first),
        then of the items in the brief.

        Safe to call from another thread than the one that reads: the answer comes
        from a connection of its own, one search at a time; `stop_search` cuts short
        the one under way (it raises `SearchStopped`)."""
        terms = query_terms(query)
        if not terms:
            return [], 0
        if self.redact is not None:
            return self._withheld_index().find(terms, limit)
        changes = self._changes
        paths = self._searcher.paths(changes, self.listing)
        if not self.cache.fts:
            return self._everything_index(paths).find(terms, limit)
        found, titles = self._searcher.find(self.cache, terms, paths, changes, limit)
        hits = []
        for f in found[0]:
            self._titles[(paths[f.key], f.kind, f.item_id)] = titles.get((f.key, f.number), f.item_id)
            self._lines[(paths[f.key], f.kind, f.item_id, f.field, f.start)] = f.line
            hits.append(Hit(f.kind, f.item_id, f.field, f.text, f.start, f.end, Location(*f.where), f.score, paths[f.key]))
        return hits, found[1]

    def stop_search(self) -> None:
        """Cut short the search under way, if any: its answer is no longer wanted."""
        self._searcher.stop()

    def _withheld_index(self) -> SearchIndex:
        # Every brief read and redacted at the level: the cache's index holds every text.
        level = self.redact
        if self._withheld is None or self._withheld[0] != level:
            briefs = [redact(b, level) for e in self.listing() if e.ok and (b := self.load(e.path).brief) is not None]
            for brief in briefs:
                items = {item.id: item for item in brief.items()}
                for item in brief.items():
                    self._titles[(brief.path, item.noun, item.id)] = item_title(item, item.id, items)
            self._withheld = (level, shown_index(briefs))
        return self._withheld[1]

    def title(self, hit: Hit) -> str:
        """How a list of hits names a hit's item."""
        if hit.kind == "brief":
            return "Summary"
        return self._titles.get((hit.path, hit.kind, hit.item_id), hit.item_id)

    def line(self, hit: Hit) -> int:
        """The line of its file that holds a hit's match (a match deep in a block is
        lines below where the block starts)."""
        found = self._lines.get((hit.path, hit.kind, hit.item_id, hit.field, hit.start))
        if found is not None:
            return found
        anchors = self._anchors.get((hit.path, hit.kind, hit.item_id, hit.field))
        return line_at(hit.location.line, anchors, hit.start) if anchors else hit.location.line

    def _index(self, rows: list[tuple[int, str, str, str, str]], paths: dict[int, str]) -> SearchIndex:
        # Equal scores keep the order of the list: the newest brief first.
        rank = {entry.path: number for number, entry in enumerate(self.listing())}
        rows.sort(key=lambda row: (rank[paths[brief_of(row[0])]], row[0]))
        stored = []
        for row, kind, item_id, title, texts in rows:
            path = paths[brief_of(row)]
            self._titles[(path, kind, item_id)] = title
            shown = []
            for field, line, column, text, *anchors in json.loads(texts):
                shown.append(Text(field, text, Location(line, column), False))
                if anchors:
                    self._anchors[(path, kind, item_id, field)] = anchors[0]
            stored.append(StoredItem(path, kind, item_id, tuple(shown)))
        return SearchIndex.of_items(stored)

    def _everything_index(self, paths: dict[int, str]) -> SearchIndex:
        # Without FTS5: one index of every item, built once, as the reader builds one per brief.
        if self._everything is None:
            self._everything = self._index(self.index.brief_items(paths), paths)
        return self._everything

"""The cache's entries: their tables, and reading them back, each checked: a damaged
disk or a hand edit may have changed any column, and what the cache gives must be
what it stored, or nothing.

A stored brief carries a checksum of what was written (its findings and every part); a
row of the briefs table, which the library lists as it is, is checked column by column.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import zlib
from collections.abc import Iterable, Iterator
from typing import Any, NamedTuple

from briefing_tui.core.findings import Finding
from briefing_tui.core.model import Location
from briefing_tui.core.stamp import Stamp
from briefing_tui.core.stored import unpacked

TABLES = (
    """CREATE TABLE briefs (
        id INTEGER PRIMARY KEY,
        path TEXT NOT NULL UNIQUE,
        size INTEGER NOT NULL,
        mtime_ns INTEGER NOT NULL,
        ctime_ns INTEGER NOT NULL,
        inode INTEGER NOT NULL,
        stored_ns INTEGER NOT NULL,
        version TEXT NOT NULL,
        brief_id TEXT,
        title TEXT,
        date INTEGER,
        tags TEXT NOT NULL,
        follows TEXT,
        actors INTEGER NOT NULL,
        quotes INTEGER NOT NULL,
        issues INTEGER NOT NULL,
        errors INTEGER NOT NULL,
        first_error TEXT,
        indexed INTEGER NOT NULL
    )""",
    # `digest` is the checksum of the findings and every part as written: an entry
    # changed since (a damaged disk, a hand edit) is told from what was stored.
    """CREATE TABLE models (
        id INTEGER PRIMARY KEY,
        parts INTEGER NOT NULL,
        findings TEXT NOT NULL,
        digest TEXT NOT NULL
    )""",
    # The brief itself, as `encode_brief` gives it: a part to a row, compressed
    # (`stored.packed`). With row numbers, so that rows of a few kilobytes fill the
    # pages: a table without keeps a kilobyte of a row in its page, and the rest on a
    # page of its own.
    """CREATE TABLE model_parts (
        id INTEGER NOT NULL,
        part INTEGER NOT NULL,
        data BLOB NOT NULL,
        PRIMARY KEY (id, part)
    )""",
)


class Summary(NamedTuple):
    """What the library lists of one cached file, without reading its brief."""

    key: int
    """The brief's number in the cache."""
    path: str
    stamp: Stamp
    brief_id: str | None
    title: str | None
    date: dt.date | None
    tags: tuple[str, ...]
    follows: str | None
    actors: int
    quotes: int
    issues: int
    errors: int
    first_error: Finding | None
    indexed: bool
    """True when its items are in the search and actor tables."""


def summary_of_row(path: str, row: tuple[Any, ...]) -> Summary:
    """A row of the briefs table as a `Summary`; `Damaged` when a column is not what
    this program writes there (the library lists these as they are)."""
    key, _, size, mtime, ctime, inode, bid, title, date, tags, follows, actors, quotes, issues, errors, first, indexed = row
    # Checked as sets of types: a warm library of 20,000 briefs reads 20,000 rows
    # before its first screen, and a generator per check cost a third of the time.
    if {type(key), type(size), type(mtime), type(ctime), type(inode), type(actors), type(quotes), type(issues), type(errors), type(indexed)} != _INT:
        raise Damaged("a number that is not one")
    if min(actors, quotes, issues, errors) < 0 or not {type(bid), type(title), type(follows)} <= _TEXT_OR_NONE:
        raise Damaged("a count or a text that is not one")
    # A brief (an id, a title, a date) and no error, or errors (the first of them) and no brief.
    brief = {bid is not None, title is not None, type(date) is int, not errors, first is None}
    if len(brief) != 1:
        raise Damaged("neither a brief nor an error")
    error = None
    if first is not None:
        line, column, severity, message = json.loads(first)
        if severity not in ("error", "warning") or type(message) is not str or not all(n is None or type(n) is int for n in (line, column)):
            raise Damaged("not a finding")
        error = Finding(path, None if line is None else Location(line, column), severity, message)
    return Summary(
        key, path, Stamp(size, mtime, ctime, inode), bid, title, None if date is None else _day(date),
        _tags(tags), follows, actors, quotes, issues, errors, error, bool(indexed),
    )  # fmt: skip


_INT = {int}
_TEXT_OR_NONE = {str, type(None)}


@functools.lru_cache(maxsize=4096)
def _day(ordinal: int) -> dt.date:
    # Briefs of a library share their dates: a date is made once per day, not per brief.
    return dt.date.fromordinal(ordinal)


@functools.lru_cache(maxsize=4096)
def _tags(stored: str) -> tuple[str, ...]:
    # Briefs of a series share their tags: read once per set of tags, not per brief.
    shown_tags = json.loads(stored)
    if type(shown_tags) is not list or not all(type(tag) is str for tag in shown_tags):
        raise Damaged("not tags")
    return tuple(shown_tags)


class Damaged(Exception):
    """An entry of the cache is not what was stored."""


DAMAGE = (ValueError, TypeError, KeyError, IndexError, AttributeError, StopIteration, RecursionError, OverflowError, zlib.error, Damaged)
"""What reading back a damaged entry can raise (deep nesting, huge numbers, text that
is not JSON, data that does not uncompress, values of the wrong kind)."""


class Checksum:
    """A CRC-32 of an entry as written (its findings, then each part; text in UTF-8):
    damage is what it is for, not forgery, and it costs 5 ms for a 12 MB brief where
    a cryptographic digest cost four times as much, on every warm start."""

    def __init__(self, findings: str) -> None:
        self.value = zlib.crc32(findings.encode("utf-8", "surrogatepass"))

    def update(self, data: bytes | str) -> None:
        """Add the next part."""
        self.value = zlib.crc32(data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data, self.value)

    def hexdigest(self) -> str:
        """The checksum as stored."""
        return f"{self.value:08x}"


def checked_parts(cursor: Iterable[tuple[Any, ...]], parts: int, check: Checksum) -> Iterator[Any]:
    """The stored parts of a brief, decoded, each added to the checksum; exactly `parts` of them."""
    count = 0

    def rows() -> Iterator[bytes | str]:
        nonlocal count
        for (data,) in cursor:
            check.update(data)
            count += 1
            yield data

    yield from unpacked(rows())
    if count != parts:
        raise Damaged(f"{count} parts of {parts}")

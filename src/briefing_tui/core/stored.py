"""The stored form of a brief: what the cache keeps of a loaded brief, as JSON.

Tuples of values in a fixed order (JSON arrays), dates as day numbers, and the names
of item fields as small numbers: a quarter of the size of the named form, and quicker
to read back. `decode_brief` gives back a `Brief` equal to the one encoded, with the
same locations. JSON, never pickle: reading a stored brief must not be a way to run code.
The parts are kept compressed (`packed`): the cache holds every brief of a library.
"""

from __future__ import annotations

import datetime as dt
import json
import zlib
from collections.abc import Iterable, Iterator
from typing import Any

from briefing_tui.core.findings import Finding
from briefing_tui.core.model import (
    Actor,
    Brief,
    Event,
    FieldLocations,
    Issue,
    KeyPointNote,
    Location,
    Position,
    Quote,
    Relation,
    Source,
)

_ITEM_FIELDS = (
    "id", "name", "url", "kind", "role", "side", "aliases", "notes", "by", "text", "source",
    "date", "context", "about", "title", "status", "summary", "positions", "actors",
    "brief", "tags", "follows", "key_points", "sources", "quotes", "issues", "timeline",
)  # fmt: skip
_FIELD_CODE = {name: code for code, name in enumerate(_ITEM_FIELDS)}
_new_location = tuple.__new__


def _where(location: Location) -> list[int]:
    return [location.line, location.column]


def _fields(flat: FieldLocations) -> list[Any]:
    # As the model keeps them, (key, lines down, column, ...), each known key a number.
    out: list[Any] = list(flat)
    out[0::3] = [_FIELD_CODE.get(key, key) for key in out[0::3]]
    return out


def _day(date: dt.date | None) -> int | None:
    return date.toordinal() if date is not None else None


PART_ITEMS = 1000
"""Items per stored part: a brief is written and read a part at a time, so that a
big one never has its whole encoded form in memory next to the model."""


def encode_brief(brief: Brief) -> Iterator[list[Any]]:
    """The brief as JSON-ready parts, locations included (its path is not): first the
    brief's own fields, sources and timeline, then its actors, quotes and issues,
    `PART_ITEMS` to a part."""
    yield [
        brief.id, brief.title, brief.date.toordinal(), brief.summary, list(brief.tags), brief.follows,
        list(brief.key_points),
        [[s.id, *_where(s.location), s.name, s.url, int(s.draft), s.reliability, s.marking] for s in brief.sources],
        [[e.date.toordinal(), e.text, *_where(e.location)] for e in brief.timeline],
        _fields(brief.field_locations),
        brief.marking,
        [list(note) for note in brief.key_point_notes],
    ]  # fmt: skip
    for start in range(0, len(brief.actors), PART_ITEMS):
        yield ["actors", [
            [
                a.id, *_where(a.location), a.name, a.kind, a.role, a.side, list(a.aliases), a.notes, _fields(a.field_locations), int(a.draft),
                [[r.to, r.kind, _day(r.since)] for r in a.relations], a.marking,
            ]
            for a in brief.actors[start : start + PART_ITEMS]
        ]]  # fmt: skip
    for start in range(0, len(brief.quotes), PART_ITEMS):
        yield ["quotes", [
            [
                q.id, *_where(q.location), q.by, q.text, q.source, _day(q.date), q.context, list(q.about), _fields(q.field_locations), int(q.draft),
                int(q.verbatim), q.lang, q.translated_from, q.confidence, q.credibility, q.marking,
            ]
            for q in brief.quotes[start : start + PART_ITEMS]
        ]]  # fmt: skip
    for start in range(0, len(brief.issues), PART_ITEMS):
        yield ["issues", [
            [
                i.id, *_where(i.location), i.title, i.status, i.summary,
                [[p.by, p.stance, *_where(p.location), p.leaning, _day(p.as_of), p.confidence, p.marking] for p in i.positions],
                list(i.actors), _fields(i.field_locations), int(i.draft), i.marking,
            ]
            for i in brief.issues[start : start + PART_ITEMS]
        ]]  # fmt: skip


def decode_brief(parts: Iterable[list[Any]], path: str) -> Brief:
    """The `Brief` that `encode_brief` wrote, at `path`: equal, with the same locations.

    `parts` may be read lazily: each is dropped once its items are built.
    """
    names = _ITEM_FIELDS
    loc = Location

    def fields(flat: list[Any]) -> FieldLocations:
        # The model's own key strings, one object each, as the loader gives them.
        flat[0::3] = [names[k] if k.__class__ is int else k for k in flat[0::3]]
        return tuple(flat)

    # References and dates share one object per value, as the loader's do: a big
    # brief repeats them tens of thousands of times.
    ids: dict[str, str] = {}
    share = ids.setdefault
    dates: dict[int, dt.date] = {}

    def day(number: int) -> dt.date:
        found = dates.get(number)
        if found is None:
            found = dates[number] = dt.date.fromordinal(number)
        return found

    # Positional arguments in the models' field order: the quickest way to build
    # hundreds of thousands of them. The round-trip tests check every field.
    def actors(rows: list[Any]) -> Iterator[Actor]:
        for item_id, line, column, name, kind, role, side, aliases, notes, where, draft, related, marking in rows:
            yield Actor(
                share(item_id, item_id), _new_location(loc, (line, column)), name, kind, role, side, tuple(aliases), notes, fields(where), draft == 1,
                tuple([Relation(share(to, to), kind, None if since is None else day(since)) for to, kind, since in related]), marking,
            )  # fmt: skip

    def quotes(rows: list[Any]) -> Iterator[Quote]:
        for item_id, line, column, by, text, source, date, context, about, where, draft, verbatim, *analyst in rows:
            yield Quote(
                item_id, _new_location(loc, (line, column)), share(by, by), text, source and share(source, source),
                None if date is None else day(date), context, tuple([share(issue, issue) for issue in about]), fields(where), draft == 1,
                verbatim == 1, *analyst,
            )  # fmt: skip

    def issues(rows: list[Any]) -> Iterator[Issue]:
        for item_id, line, column, title, status, summary, stated, actors, where, draft, marking in rows:
            positions = tuple([
                Position(share(by, by), stance, _new_location(loc, (at, col)), leaning, None if as_of is None else day(as_of), sure, marked)
                for by, stance, at, col, leaning, as_of, sure, marked in stated
            ])  # fmt: skip
            involved = tuple([share(actor, actor) for actor in actors])
            yield Issue(
                share(item_id, item_id),
                _new_location(loc, (line, column)),
                title,
                status,
                summary,
                positions,
                involved,
                fields(where),
                draft == 1,
                marking,
            )

    built: dict[str, list[Any]] = {"actors": [], "quotes": [], "issues": []}
    readers = {"actors": actors, "quotes": quotes, "issues": issues}
    parts = iter(parts)
    brief_id, title, date, summary, tags, follows, points, sources, timeline, where, marking, notes = next(parts)
    for section, rows in parts:
        built[section].extend(readers[section](rows))
    return Brief(
        path,
        brief_id,
        title,
        day(date),
        summary,
        tuple(tags),
        follows,
        tuple(points),
        tuple([
            Source(share(item_id, item_id), _new_location(loc, (line, column)), name, url, draft == 1, reliability, marked)
            for item_id, line, column, name, url, draft, reliability, marked in sources
        ]),
        tuple(built["actors"]),
        tuple(built["quotes"]),
        tuple(built["issues"]),
        tuple([Event(day(when), text, _new_location(loc, (line, column))) for when, text, line, column in timeline]),
        fields(where),
        marking,
        tuple([KeyPointNote(*note) for note in notes]),
    )  # fmt: skip


def encode_findings(findings: Iterable[Finding]) -> list[list[Any]]:
    """Findings as JSON-ready data (their path is not kept)."""
    return [[f.location.line if f.location else None, f.location.column if f.location else None, f.severity, f.message] for f in findings]


def decode_findings(data: list[list[Any]], path: str) -> tuple[Finding, ...]:
    """The findings `encode_findings` wrote, for the file at `path`."""
    return tuple(Finding(path, None if line is None else Location(line, column), severity, message) for line, column, severity, message in data)


def dumps(value: object) -> str:
    """JSON text as the cache stores it: compact, UTF-8 as is."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), check_circular=False)


PACKING_LEVEL = 1
"""zlib's fastest level: a brief is packed once, when its file is read, and it packs
almost as small as at the slowest, and reads back as quickly."""
PACKED_UP_TO = 1 << 20
"""How much of a brief's JSON is compressed (give or take a part): uncompressing adds
two fifths to the time a brief takes to read back, 3 ms a megabyte. What a big brief
has past this is kept as it is, and reads back as quickly as ever; a library's
everyday briefs are compressed whole."""


def packed(parts: Iterable[Any]) -> Iterator[bytes | str]:
    """The parts of `encode_brief` as the cache writes them: their JSON text (`dumps`),
    compressed (bytes) up to `PACKED_UP_TO`, as one stream, so that a part finds the
    names and ids of those before it; each is flushed whole, to be read back in turn.
    The parts after those are the JSON text as it is (str)."""
    packer = zlib.compressobj(PACKING_LEVEL)
    size = 0
    for part in parts:
        text = dumps(part)
        if size >= PACKED_UP_TO:
            yield text
            continue
        data = text.encode("utf-8", "surrogatepass")
        size += len(data)
        yield packer.compress(data) + packer.flush(zlib.Z_SYNC_FLUSH)


def unpacked(rows: Iterable[bytes | str]) -> Iterator[Any]:
    """The parts `packed` wrote, read in turn; zlib.error, or ValueError, for data that
    is not theirs."""
    unpacker = zlib.decompressobj()
    for data in rows:
        yield json.loads(data if isinstance(data, str) else unpacker.decompress(data).decode("utf-8", "surrogatepass"))

"""The library's index in the cache: every item of every brief, for search across
briefs, and each actor with what they said and where they stand, for "In other briefs".

It lives in the cache's database beside the stored briefs (`BriefCache` creates its
tables and calls `write_rows`/`drop_rows` as it stores and replaces a brief). The
rows of one brief are one range of row numbers, so that a brief's rows are found and
dropped at once; this module alone knows how they are numbered (`brief_of`).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, NamedTuple

from briefing_tui.core.find_index import SpotRow, drop_spots, spot_id, spot_number, spot_words, write_spots
from briefing_tui.core.model import Brief, Text

if TYPE_CHECKING:
    from briefing_tui.core.cache import BriefCache

ROWS_PER_BRIEF = 1 << 24
"""The rows of the brief numbered k are numbered from k * ROWS_PER_BRIEF on."""


def _rows_of(key: int) -> tuple[int, int]:
    """The first and last row numbers of the brief numbered `key`."""
    return key * ROWS_PER_BRIEF, (key + 1) * ROWS_PER_BRIEF - 1


def brief_of(row: int) -> int:
    """The number of the brief an item row belongs to."""
    return row // ROWS_PER_BRIEF


TABLES = (
    # One row per item (and one for the brief itself): how a list of hits names it,
    # and, without FTS5, its texts, for a search across briefs in memory.
    """CREATE TABLE items (
        rowid INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        item_id TEXT NOT NULL,
        title TEXT NOT NULL,
        texts TEXT NOT NULL
    )""",
    """CREATE TABLE actors (
        brief INTEGER NOT NULL,
        actor_id TEXT NOT NULL,
        name_key TEXT NOT NULL,
        name TEXT NOT NULL
    )""",
    "CREATE INDEX actors_by_id ON actors (actor_id)",
    "CREATE INDEX actors_by_name ON actors (name_key)",
    "CREATE INDEX actors_by_brief ON actors (brief)",
    # What each actor said (quotes) and where each stands (positions), per brief, in
    # the order of the file. The text is the full-text index's copy of it (`spot`), when
    # it has one: quotes are as long as the rest of a brief's texts together.
    """CREATE TABLE statements (
        brief INTEGER NOT NULL,
        actor_id TEXT NOT NULL,
        number INTEGER NOT NULL,
        kind TEXT NOT NULL,
        item_id TEXT NOT NULL,
        title TEXT,
        date INTEGER,
        spot INTEGER,
        text TEXT,
        note TEXT,
        PRIMARY KEY (brief, actor_id, number)
    ) WITHOUT ROWID""",
)


def fts5_available() -> bool:
    """True when this Python's SQLite has the FTS5 full-text index."""
    try:
        connection = sqlite3.connect(":memory:")
        try:
            connection.execute("CREATE VIRTUAL TABLE probe USING fts5(text)")
        finally:
            connection.close()
    except sqlite3.Error:
        return False
    return True


class IndexRows(NamedTuple):
    """What one brief adds to the tables for search and for actors across briefs."""

    items: list[tuple[str, str, str, str]]
    """(kind, item id, title, texts as JSON) per item; each
    text as [field, line, column, text as shown], and the anchors of its lines
    (`text_lines`) after them when it is written on more than one."""
    actors: list[tuple[str, str, str]]
    """(actor id, folded name, name) per actor."""
    statements: list[tuple[str, str, str, str | None, int | None, str, str | None, int | None]]
    """(actor id, kind, item id, title, date as a day number, text, note, spot) per quote
    and position: `spot` is the number of the text in `spots` that is its text, if any."""
    spots: list[SpotRow]
    """Every text of every item, for `briefing find` (`find_index`)."""


NO_ROWS = IndexRows([], [], [], [])


def index_rows(brief: Brief, lines: list[str] | None = None) -> IndexRows:
    """What a brief adds to the cache's tables for search and for actors across briefs
    (`lines`, the lines of its file, place each match on its own line)."""
    # Imported here, not with the module: the cache imports this module, and a warm
    # start of the reader must not pay for search and its helpers.
    from briefing_tui.core.changes import name_key
    from briefing_tui.core.links import WIKILINK_RE, shown_text
    from briefing_tui.core.search import item_title
    from briefing_tui.core.text import item_label
    from briefing_tui.core.text_lines import line_anchors, shown_anchors

    items = {item.id: item for item in brief.items()}

    def label(item_id: str) -> str:
        return item_label(items.get(item_id), item_id)

    rows: list[tuple[str, str, str, str]] = []
    spots: list[SpotRow] = []
    numbered: dict[tuple[str, str, str], SpotRow] = {}

    def spot_of(kind: str, item_id: str, field: str, text: str) -> int | None:
        """The number of the spot that shows this very text, if there is one."""
        found = numbered.get((kind, item_id, field))
        return found.number if found is not None and found.shown == text else None

    def add(kind: str, item_id: str, title: str, texts: Iterator[Text]) -> None:
        shown: list[list[object]] = []
        for number, text in enumerate(texts):
            value = shown_text(text.text, label) if text.markdown else text.text
            line, column = text.location
            anchors = line_anchors(lines, line, column, text.text) if lines else None
            if anchors and value is not text.text:
                links = [(m.start(), m.end(), len(shown_text(m.group(), label))) for m in WIKILINK_RE.finditer(text.text)]
                anchors = shown_anchors(anchors, links)
            shown.append([text.field, line, column, value, anchors] if anchors else [text.field, line, column, value])
            found = spot_words(value)
            spot = spot_number(len(rows), number, text.field, len(found) == 1)
            if spot is not None:
                spots.append(SpotRow(spot, " ".join(found), kind, item_id, text.field, line, column, anchors, value))
                numbered[kind, item_id, text.field] = spots[-1]
        rows.append((kind, item_id, title, json.dumps(shown, ensure_ascii=False)))

    add("brief", brief.id, brief.title, brief.texts())
    for item in brief.items():
        add(item.noun, item.id, item_title(item, item.id, items), item.texts())
    # The note: a position's leaning, `paraphrase` for a quote that is not verbatim.
    statements: list[tuple[str, str, str, str | None, int | None, str, str | None, int | None]] = [
        (
            q.by,
            "quote",
            q.id,
            None,
            q.date.toordinal() if q.date else None,
            q.text,
            None if q.verbatim else "paraphrase",
            spot_of(q.noun, q.id, "text", q.text),
        )
        for q in brief.quotes
    ]
    for issue in brief.issues:
        for n, p in enumerate(issue.positions):
            stance = shown_text(p.stance, label)
            statements.append(
                (p.by, "position", issue.id, issue.title, None, stance, p.leaning, spot_of(issue.noun, issue.id, f"positions[{n}].stance", stance))
            )
    actors = [(a.id, name_key(a.name), a.name) for a in brief.actors]
    return IndexRows(rows, actors, statements, spots)


def drop_rows(db: sqlite3.Connection, key: int, fts: bool) -> None:
    """Remove what the brief numbered `key` put in the index."""
    low, high = _rows_of(key)
    db.execute("DELETE FROM items WHERE rowid BETWEEN ? AND ?", (low, high))
    if fts:
        drop_spots(db, key)
    db.execute("DELETE FROM actors WHERE brief = ?", (key,))
    db.execute("DELETE FROM statements WHERE brief = ?", (key,))


def write_rows(db: sqlite3.Connection, key: int, rows: IndexRows, fts: bool) -> None:
    """Put the rows of the brief numbered `key` in the index (its old ones dropped first).
    With FTS5 every text goes to the full-text index of texts; without, each item's
    texts are kept with it, for a search in memory."""
    base = _rows_of(key)[0]
    db.executemany(
        "INSERT INTO items (rowid, kind, item_id, title, texts) VALUES (?, ?, ?, ?, ?)",
        [(base + n, kind, item_id, title, "" if fts else texts) for n, (kind, item_id, title, texts) in enumerate(rows.items)],
    )
    if fts:
        write_spots(db, key, rows.spots)
    db.executemany("INSERT INTO actors (brief, actor_id, name_key, name) VALUES (?, ?, ?, ?)", [(key, *a) for a in rows.actors])
    # With the full-text index, a text it holds is kept there alone.
    db.executemany(
        "INSERT INTO statements (brief, actor_id, number, kind, item_id, title, date, spot, text, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (key, by, n, kind, item_id, title, date, *((spot_id(key, spot), None) if fts and spot is not None else (None, text)), note)
            for n, (by, kind, item_id, title, date, text, note, spot) in enumerate(rows.statements)
        ],
    )


def item_titles(db: sqlite3.Connection, items: Iterable[tuple[int, int]]) -> dict[tuple[int, int], str]:
    """How a list of hits names each item (brief number, item number)."""
    wanted = sorted({brief * ROWS_PER_BRIEF + number for brief, number in items})
    found = {}
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        marks = ",".join("?" * len(chunk))
        for row, title in db.execute(f"SELECT rowid, title FROM items WHERE rowid IN ({marks})", chunk):
            found[divmod(row, ROWS_PER_BRIEF)] = title
    return found


class LibraryIndex:
    """Questions to the library's index, through the cache's database."""

    def __init__(self, cache: BriefCache) -> None:
        self.cache = cache

    def brief_items(self, keys: Iterable[int]) -> list[tuple[int, str, str, str, str]]:
        """(row, kind, item id, title, texts as JSON) of every item of these briefs."""
        found = []
        for key in sorted(keys):
            sql = "SELECT rowid, kind, item_id, title, texts FROM items WHERE rowid BETWEEN ? AND ? ORDER BY rowid"
            found += self.cache.select(sql, _rows_of(key))
        return found

    def actor_briefs(self, actor_id: str, name_key: str) -> list[tuple[int, str, str]]:
        """(brief, actor id there, name) for each cached brief with an actor of this id or this folded name."""
        sql = "SELECT DISTINCT brief, actor_id, name FROM actors WHERE actor_id = ? OR name_key = ?"
        return self.cache.select(sql, (actor_id, name_key))

    def statements(self, key: int, actor_id: str) -> list[tuple[str, str, str | None, int | None, str, str | None]]:
        """(kind, item id, title, date, text, note) of an actor's quotes and positions in one brief, in file order."""
        if not self.cache.fts:
            sql = "SELECT kind, item_id, title, date, text, note FROM statements WHERE brief = ? AND actor_id = ? ORDER BY number"
            return self.cache.select(sql, (key, actor_id))
        sql = (
            "SELECT s.kind, s.item_id, s.title, s.date, coalesce(s.text, t.shown), s.note FROM statements AS s "
            "LEFT JOIN spot_texts AS t ON t.id = s.spot WHERE s.brief = ? AND s.actor_id = ? AND coalesce(s.text, t.shown) IS NOT NULL "
            "ORDER BY s.number"
        )
        return self.cache.select(sql, (key, actor_id))

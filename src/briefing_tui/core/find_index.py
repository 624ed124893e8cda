"""The cache's index of every text of every brief, for `briefing find`: each text with
its words (in SQLite's full-text index), its weight, its item, its line in the file
and the text itself as shown, so that a query is answered from the database alone
(`find_query`).

A text is a "spot": its number says which brief, item and text it is, and how much a
match in it counts, so that the full-text index alone (numbers only, no text read)
scores every item a query finds.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from briefing_tui.core.named_tuple import NamedTuple
from briefing_tui.core.query import FIELD_WEIGHT, WHOLE_FIELD, field_weight

TOKENIZER = "unicode61 remove_diacritics 0 categories 'L* M* N* P* S*'"
"""Words are given folded and split the way search splits them, joined by spaces; the
tokenizer only splits at the spaces, so that both see the same words."""
TABLES = (
    """CREATE TABLE spot_texts (
        id INTEGER PRIMARY KEY,
        words TEXT NOT NULL,
        kind TEXT NOT NULL,
        item_id TEXT NOT NULL,
        field TEXT NOT NULL,
        line INTEGER NOT NULL,
        column INTEGER NOT NULL,
        anchors TEXT,
        shown TEXT NOT NULL
    )""",
    f'CREATE VIRTUAL TABLE spots USING fts5(words, content="spot_texts", content_rowid="id", tokenize="{TOKENIZER}")',
    # Every word any brief has held: what a query's words are looked up in (a word
    # no brief holds any more finds nothing in the index, so none is ever removed).
    "CREATE TABLE terms (term TEXT PRIMARY KEY) WITHOUT ROWID",
)

# A spot's number: the brief's number in the cache, the item's in the brief, the
# text's in the item, and the weight of its field, in 22, 20, 17 and 4 bits.
ITEM_BITS, _TEXT_BITS, _WEIGHT_BITS = 20, 17, 4
ITEM_SHIFT = _TEXT_BITS + _WEIGHT_BITS
"""A spot's item (its brief's number and its own) is its number shifted by this."""
_BRIEF_SHIFT = ITEM_BITS + ITEM_SHIFT
_WEIGHTS = sorted({*FIELD_WEIGHT.values(), 1.0})
WEIGHT_OF_CODE = [weight * whole for weight in _WEIGHTS for whole in (1.0, WHOLE_FIELD)]


class SpotRow(NamedTuple):
    """One text of a brief as the index keeps it (its number within the brief)."""

    number: int
    words: str
    kind: str
    item_id: str
    field: str
    line: int
    column: int
    anchors: list[int] | None
    shown: str


def spot_number(item: int, text: int, field: str, whole: bool) -> int | None:
    """The number of the `text`th text of the `item`th item of a brief, before the
    brief's own number is added; None past what the numbers hold (a hostile brief's
    200,001st key point is searched in the reader, not by `briefing find`)."""
    if item >> ITEM_BITS or text >> _TEXT_BITS:
        return None
    code = 2 * _WEIGHTS.index(field_weight(field)) + whole
    return (item << ITEM_SHIFT) | (text << _WEIGHT_BITS) | code


def write_spots(db: sqlite3.Connection, key: int, spots: Sequence[SpotRow]) -> None:
    """Index the texts of the brief numbered `key` (its old ones dropped first)."""
    base = key << _BRIEF_SHIFT
    rows = [
        (base + s.number, s.words, s.kind, s.item_id, s.field, s.line, s.column, " ".join(map(str, s.anchors)) if s.anchors else None, s.shown)
        for s in spots
    ]
    db.executemany("INSERT INTO spot_texts (id, words, kind, item_id, field, line, column, anchors, shown) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    db.executemany("INSERT INTO spots (rowid, words) VALUES (?, ?)", [(row[0], row[1]) for row in rows])
    db.executemany("INSERT OR IGNORE INTO terms (term) VALUES (?)", [(term,) for term in {w for s in spots for w in s.words.split()}])


def drop_spots(db: sqlite3.Connection, key: int) -> None:
    """Remove the texts of the brief numbered `key` from the index."""
    low, high = key << _BRIEF_SHIFT, ((key + 1) << _BRIEF_SHIFT) - 1
    db.execute("INSERT INTO spots (spots, rowid, words) SELECT 'delete', id, words FROM spot_texts WHERE id BETWEEN ? AND ?", (low, high))
    db.execute("DELETE FROM spot_texts WHERE id BETWEEN ? AND ?", (low, high))

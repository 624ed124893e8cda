"""The cache's index of every text of every brief, for `briefing find`: each text with
its words (in SQLite's full-text index), its weight, its item, its line in the file
and the text itself as shown, so that a query is answered from the database alone
(`find_query`).

A text is a "spot": its number says which brief, item and text it is, and how much a
match in it counts, so that the full-text index alone (numbers only, no text read)
scores every item a query finds.

The full-text index keeps no copy of the words it was given: they are the text as
shown, folded and split (`spot_words`), split again to take a text out of the index.
The tables record which code split them (`WORDS_VERSION`), and the cache is rebuilt
when it is another: words split otherwise would not take out what was put in.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence

from briefing_tui.core.cache_identity import WORDS_VERSION
from briefing_tui.core.query import FIELD_WEIGHT, WHOLE_FIELD, field_weight
from briefing_tui.core.text import fold, words

TYPE_CHECKING = False  # as typing's, without importing typing (`briefing find` starts here)
if TYPE_CHECKING:
    from typing import TypeAlias

TOKENIZER = "unicode61 remove_diacritics 0 categories 'L* M* N* P* S*'"
"""Words are given folded and split the way search splits them, joined by spaces; the
tokenizer only splits at the spaces, so that both see the same words."""
TABLES = (
    """CREATE TABLE spot_texts (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        item_id TEXT NOT NULL,
        field TEXT NOT NULL,
        line INTEGER NOT NULL,
        column INTEGER NOT NULL,
        anchors TEXT,
        shown TEXT NOT NULL
    )""",
    # Contentless: the words are not kept (see above). Without the count of each
    # text's words either: scores are the weights of fields, never FTS5's own ranks.
    f'CREATE VIRTUAL TABLE spots USING fts5(words, content="", columnsize=0, tokenize="{TOKENIZER}")',
    # Every word any brief has held: what a query's words are looked up in (a word
    # no brief holds any more finds nothing in the index, so none is ever removed),
    # and the weights of the fields it was ever in (`word_fields`).
    "CREATE TABLE terms (term TEXT PRIMARY KEY, fields INTEGER NOT NULL) WITHOUT ROWID",
    "CREATE TABLE spot_words (version TEXT NOT NULL)",
    f"INSERT INTO spot_words (version) VALUES ('{WORDS_VERSION}')",
)

# A spot's number: the brief's number in the cache, the item's in the brief, the
# text's in the item, and the weight of its field, in 22, 20, 17 and 4 bits.
ITEM_BITS, _TEXT_BITS, _WEIGHT_BITS = 20, 17, 4
ITEM_SHIFT = _TEXT_BITS + _WEIGHT_BITS
"""A spot's item (its brief's number and its own) is its number shifted by this."""
WEIGHT_MASK = (1 << _WEIGHT_BITS) - 1
"""A spot's number and this: the code of the weight of its field (`WEIGHT_OF_CODE`)."""
BRIEF_SHIFT = ITEM_BITS + ITEM_SHIFT
"""A spot's brief is its number shifted by this."""
IN_ITEM = (1 << ITEM_SHIFT) - 1
"""The bits of a spot's number below its item's: its text within the item, and its weight."""
ITEM_MASK = (1 << ITEM_BITS) - 1
"""The bits of an item's number (a spot's shifted by ITEM_SHIFT) below its brief's: its place in the brief."""
_WEIGHTS = sorted({*FIELD_WEIGHT.values(), 1.0})
WEIGHT_OF_CODE = [weight * whole for weight in _WEIGHTS for whole in (1.0, WHOLE_FIELD)]


def spot_words(shown: str) -> list[str]:
    """The words the index is given of a text as shown: folded and split the way
    search splits them."""
    return words(fold(shown))


def words_current(db: sqlite3.Connection) -> bool:
    """False when the index's words were split by other code than this one's (another
    version of the program, or of Python's Unicode tables)."""
    try:
        found = db.execute("SELECT version FROM spot_words").fetchall()
    except sqlite3.OperationalError:
        return True  # no full-text index: this SQLite had no FTS5 when the cache was made
    return found == [(WORDS_VERSION,)]


SpotRow: TypeAlias = tuple[int, str, str, str, str, int, int, "str | None", str]
"""One text of a brief as the index keeps it: its number within the brief, its words,
its item's kind and id, its field, line and column, the anchors of its lines as
stored (offsets and lines, space-separated; None when it is on one line), and the
text as shown. A plain tuple: the many a brief has come back from the worker that
read it, and wait to be stored, where the garbage collector, which goes through a
named tuple again and again, soon leaves them alone."""


def spot_number(item: int, text: int, field: str, whole: bool) -> int | None:
    """The number of the `text`th text of the `item`th item of a brief, before the
    brief's own number is added; None past what the numbers hold (a hostile brief's
    200,001st key point is searched in the reader, not by `briefing find`)."""
    if item >> ITEM_BITS or text >> _TEXT_BITS:
        return None
    code = 2 * _WEIGHTS.index(field_weight(field)) + whole
    return (item << ITEM_SHIFT) | (text << _WEIGHT_BITS) | code


def spot_id(key: int, number: int) -> int:
    """The row of the spot numbered `number` in the brief numbered `key`."""
    return (key << BRIEF_SHIFT) + number


def write_spots(db: sqlite3.Connection, key: int, spots: Sequence[SpotRow]) -> None:
    """Index the texts of the brief numbered `key` (its old ones dropped first); their
    words go to the vocabulary apart (`write_terms`), once for many briefs."""
    base = spot_id(key, 0)
    db.executemany(
        "INSERT INTO spot_texts (id, kind, item_id, field, line, column, anchors, shown) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [(base + number, kind, item, field, line, column, anchors, shown) for number, _, kind, item, field, line, column, anchors, shown in spots],
    )
    db.executemany("INSERT INTO spots (rowid, words) VALUES (?, ?)", [(base + spot[0], spot[1]) for spot in spots])


def write_terms(db: sqlite3.Connection, fields: Iterable[tuple[str, int]]) -> None:
    """Add words to the vocabulary, each with bits of the weights of fields it is in
    (`word_fields`) added to those it has, in the words' order: the table's pages are
    each written once."""
    db.executemany(
        "INSERT INTO terms (term, fields) VALUES (?, ?) ON CONFLICT (term) DO UPDATE SET fields = fields | excluded.fields WHERE fields | excluded.fields != fields",
        sorted(fields),
    )


def word_fields(db: sqlite3.Connection) -> dict[str, int]:
    """Every word of the index, and the weights of the fields it was ever in: bit `c`
    set when it was in a field whose weight is `WEIGHT_OF_CODE[c]`. A word never loses
    a bit (a text taken out may have been the only one), so the best a word can score
    is never more than its bits say."""
    return dict(db.execute("SELECT term, fields FROM terms"))


def drop_spots(db: sqlite3.Connection, key: int) -> None:
    """Remove the texts of the brief numbered `key` from the index."""
    low, high = key << BRIEF_SHIFT, ((key + 1) << BRIEF_SHIFT) - 1
    # A contentless index forgets a text's words when given them again, as they were given.
    texts = db.execute("SELECT id, shown FROM spot_texts WHERE id BETWEEN ? AND ?", (low, high)).fetchall()
    db.executemany("INSERT INTO spots (spots, rowid, words) VALUES ('delete', ?, ?)", [(spot, " ".join(spot_words(shown))) for spot, shown in texts])
    db.execute("DELETE FROM spot_texts WHERE id BETWEEN ? AND ?", (low, high))


def optimize_spots(db: sqlite3.Connection) -> None:
    """Merge the full-text index into one segment: the smallest it can be."""
    db.execute("INSERT INTO spots (spots) VALUES ('optimize')")

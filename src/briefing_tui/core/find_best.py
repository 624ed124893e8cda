"""The best hits of a query as it is typed, found without scoring every match.

`ranked_items` scores every item a query matches: for a word half the library holds
(`r`, `generated`) that is a hundred thousand items at 20,000 briefs, all scored to
list the best 200. Those best are nearly always items where every term matches as well
as it can anywhere (in the kind of field that weighs most among those its words were
ever in: `word_fields`), and among those, as equal scores go, the newest briefs'. So
only the texts where each term scores its best are read, from the newest brief on, a
few briefs more at a time, until enough items score the best the query can; an item
of a brief not visited yet can score no more, and comes later among equals. When such
items are too rare for that, they are read from the whole index at once; when fewer
than asked score that best, nothing is answered here, and `ranked_items` ranks every
item as before.

How many match in all is counted up to `COUNTED`; past it, or when only the texts that
hold every term were counted, the count is `AtLeast` that many.
"""

from __future__ import annotations

import json
import sqlite3
from bisect import bisect_left
from collections.abc import Iterable
from typing import NamedTuple

from briefing_tui.core.find_index import BRIEF_SHIFT, IN_ITEM, ITEM_BITS, ITEM_MASK, ITEM_SHIFT, WEIGHT_MASK, WEIGHT_OF_CODE
from briefing_tui.core.find_query import Row, expressions, whole_expression
from briefing_tui.core.query import EXACT, Term

COUNTED = 10_000
"""Matches are counted up to this many."""
MOST_WORDS = 24
"""A term with more best words than this is not looked up brief by brief: each brief
would look up every one of them."""
FIRST_BRIEFS = 16
"""The briefs visited first; each visit after takes twice as many, up to `MOST_BRIEFS`."""
MOST_BRIEFS = 1024
SEEK_ROWS = 16
"""What looking up a word in one brief costs, as many rows read (7 and 0.4 microseconds)."""
_CODES = range(len(WEIGHT_OF_CODE))


class AtLeast(int):
    """A count of matches that stopped short: at least this many match."""


class Best(NamedTuple):
    """Where one term of a query scores its best."""

    term: int
    """The term's number in the query."""
    expression: str
    """The term's words that can score its best, for the full-text index."""
    visit: str | None
    """The same, to look up brief by brief (None: too many words for that)."""
    words: int
    """How many words (or phrases) `visit` looks up."""
    codes: tuple[int, ...]
    """The weights of fields (their codes) where those words score the term's best."""
    whole: bool = False
    """`expression` finds every match of the term (a phrase's words are all its best)."""


def place_ranges(db: sqlite3.Connection, keys: Iterable[int]) -> None:
    """Give the connection the briefs searched by their place in the library's order
    (`keys`, the newest brief first), for `best_items` to visit them in that order."""
    db.execute("CREATE TEMP TABLE IF NOT EXISTS ranges (place INTEGER PRIMARY KEY, brief INTEGER NOT NULL)")
    db.execute("DELETE FROM temp.ranges")
    db.execute("INSERT INTO temp.ranges (place, brief) SELECT key, value FROM json_each(?)", (json.dumps(list(keys)),))


def _mark(quality: float, code: int) -> int:
    """A match's mark without its text's number: what it counts, times four (a whole number)."""
    return int(quality * 4 * WEIGHT_OF_CODE[code])


def best_words(terms: list[Term], classes: list[dict[str, float]], fields: dict[str, int], vocabulary: list[str]) -> tuple[list[int], list[Best]]:
    """What each term scores at best (times four; 0: it matches nothing), and where."""
    tops: list[int] = []
    bests: list[Best] = []
    for number, (term, found) in enumerate(zip(terms, classes, strict=True)):
        if term.whole:
            top, best = _whole_best(number, term, fields, vocabulary)
        else:
            top, best = _words_best(number, term, found, fields)
        tops.append(top)
        bests += best
    return tops, bests


def _whole_best(number: int, term: Term, fields: dict[str, int], vocabulary: list[str]) -> tuple[int, list[Best]]:
    # A phrase is only in fields where each of its words is; its last word is any
    # word of the index it begins.
    *before, last = term.words
    common = (1 << len(WEIGHT_OF_CODE)) - 1
    for word in before:
        common &= fields.get(word, 0)
    ends = {}
    for word in vocabulary[bisect_left(vocabulary, last) :]:
        if not word.startswith(last):
            break
        ends[word] = common & fields.get(word, 0)
    top = max((_mark(EXACT, code) for bits in ends.values() for code in _CODES if bits >> code & 1), default=0)
    codes = tuple(code for code in _CODES if _mark(EXACT, code) == top)
    best_ends = [word for word, bits in ends.items() if any(bits >> code & 1 for code in codes)]
    visit = " OR ".join('"' + " ".join([*before, end]) + '"' for end in best_ends) if len(best_ends) <= MOST_WORDS else None
    return top, [Best(number, whole_expression(term), visit, len(best_ends), codes, whole=True)] if top else []


def _words_best(number: int, term: Term, found: dict[str, float], fields: dict[str, int]) -> tuple[int, list[Best]]:
    top = max((_mark(quality, code) for word, quality in found.items() for code in _CODES if fields.get(word, 0) >> code & 1), default=0)
    by_quality: dict[float, list[str]] = {}
    for word, quality in found.items():
        if any(fields.get(word, 0) >> code & 1 and _mark(quality, code) == top for code in _CODES):
            by_quality.setdefault(quality, []).append(word)
    few = sum(map(len, by_quality.values())) <= MOST_WORDS
    best = []
    for quality, words in by_quality.items():
        expression = " OR ".join(f'"{word}"' for word in words)
        best.append(Best(number, expression, expression if few else None, len(words), tuple(code for code in _CODES if _mark(quality, code) == top)))
    return top, best


def best_items(db: sqlite3.Connection, tops: list[int], bests: list[Best], limit: int, places: dict[int, int]) -> list[Row] | None:
    """The best `limit` items of the briefs placed (`places`: brief -> its place, as
    `place_ranges` gave them) when at least that many score the best the query can
    (`tops`, summed); else None. Rows as `ranked_items` gives them, each with how many
    items were found scoring that best (at least `limit`) where the count goes."""
    found: tuple[list[tuple[int, list[int]]], int] | None = None
    if all(best.visit is not None for best in bests):
        found = _visited(db, bests, len(tops), limit, places)
    if found is None and len(tops) == 1 and bests[0].whole:
        # A phrase alone: reading where it scores its best from the whole index reads
        # it wherever it is, as scoring every match does, which also counts them.
        return None
    if found is None:
        selects = [
            f"SELECT {b.term}, rowid FROM spots WHERE spots MATCH :e{n} AND (rowid & {WEIGHT_MASK}) IN ({', '.join(map(str, b.codes))})"
            for n, b in enumerate(bests)
        ]
        rows = db.execute(" UNION ALL ".join(selects), {f"e{n}": b.expression for n, b in enumerate(bests)})
        found = _common(rows, len(tops), places, limit)
    items, count = found
    if count < limit:
        return None
    total = sum(tops)
    return [
        (item, total, count, *((top << ITEM_SHIFT) | (IN_ITEM - (spot & IN_ITEM)) for top, spot in zip(tops, spots, strict=True)))
        for item, spots in items
    ]


def _visited(
    db: sqlite3.Connection, bests: list[Best], terms: int, limit: int, places: dict[int, int]
) -> tuple[list[tuple[int, list[int]]], int] | None:
    """The first `limit` items scoring the best, visiting briefs from the newest until
    that many are found, and how many were found; None when, at the rate they turn up,
    asking the whole index costs less."""
    selects = [
        f"SELECT {b.term}, s.rowid FROM temp.ranges AS r CROSS JOIN spots AS s WHERE r.place >= :first AND r.place < :end "
        f"AND s.spots MATCH :v{n} AND s.rowid >= r.brief << {BRIEF_SHIFT} AND s.rowid < (r.brief + 1) << {BRIEF_SHIFT} "
        f"AND (s.rowid & {WEIGHT_MASK}) IN ({', '.join(map(str, b.codes))})"
        for n, b in enumerate(bests)
    ]
    sql = " UNION ALL ".join(selects)
    parameters: dict[str, object] = {f"v{n}": b.visit for n, b in enumerate(bests)}
    words = sum(b.words for b in bests)
    found: list[tuple[int, list[int]]] = []
    count = 0
    first, size, briefs, read = 0, FIRST_BRIEFS, len(places), 0
    while first < briefs:
        end = parameters["end"] = min(briefs, first + size)
        parameters["first"] = first
        rows = db.execute(sql, parameters).fetchall()
        read += len(rows)
        items, more = _common(rows, terms, places, limit - len(found))
        found += items
        count += more
        if count >= limit or end == briefs:
            return found, count
        # Each brief visited costs a look-up of every word and the rows read there;
        # the whole index, the rows of every brief at once.
        per_brief = read / end
        to_visit = briefs - end if not count else min(briefs - end, limit * end / count - end)
        if to_visit * (words * SEEK_ROWS + per_brief) > briefs * per_brief:
            return None
        first, size = end, min(2 * size, MOST_BRIEFS)
    return found, count


def _common(rows: Iterable[tuple[int, int]], terms: int, places: dict[int, int], wanted: int) -> tuple[list[tuple[int, list[int]]], int]:
    """The first `wanted` items of the briefs placed, in the library's order, that every
    term's rows (term, spot) reach, each with the first spot of each term in it; and how
    many such items there are."""
    firsts: list[dict[int, int]] = [{} for _ in range(terms)]
    for number, spot in rows:
        item = spot >> ITEM_SHIFT
        seen = firsts[number].get(item)
        if seen is None or spot < seen:
            firsts[number][item] = spot
    common = set(firsts[0]).intersection(*firsts[1:]) if terms > 1 else firsts[0].keys()
    # Each item by its place in the library's order, and its own in its brief: one number.
    ordered = {(places[item >> ITEM_BITS] << ITEM_BITS) | (item & ITEM_MASK): item for item in common if item >> ITEM_BITS in places}
    first = sorted(ordered)[:wanted]
    return [(ordered[key], [spots[ordered[key]] for spots in firsts]) for key in first], len(ordered)


def counted(db: sqlite3.Connection, terms: list[Term], classes: list[dict[str, float]], bests: list[Best], least: int) -> int:
    """How many items of the briefs placed match every term, when at least `least`
    do: exact up to `COUNTED` for one term; for more, the items with a text that holds
    every term (`AtLeast`: an item may hold them in different texts)."""
    whole = [_expression(term, found) for term, found in zip(terms, classes, strict=True)]
    if len(terms) > 1:
        return AtLeast(max(least, _distinct(db, " AND ".join(f"({e})" for e in whole))))
    # The best words first: often they alone reach the cap, without the others'.
    quick = bests[0].expression if len(bests) == 1 else " OR ".join(f"({b.expression})" for b in bests)
    if quick != whole[0] and _distinct(db, quick) >= COUNTED:
        return AtLeast(max(COUNTED, least))
    count = _distinct(db, whole[0])
    return AtLeast(max(COUNTED, least)) if count >= COUNTED else count


def _expression(term: Term, found: dict[str, float]) -> str:
    if term.whole:
        return whole_expression(term)
    return " OR ".join(f"({expression})" for _, expression in expressions(found, term.words[0]))


def _distinct(db: sqlite3.Connection, expression: str) -> int:
    """How many items of the briefs placed have a text the expression matches, up to `COUNTED`."""
    sql = (
        f"SELECT count(*) FROM (SELECT DISTINCT rowid >> {ITEM_SHIFT} FROM spots "
        f"WHERE spots MATCH ? AND rowid >> {BRIEF_SHIFT} IN (SELECT brief FROM temp.places) LIMIT {COUNTED})"
    )
    return int(db.execute(sql, (expression,)).fetchone()[0])

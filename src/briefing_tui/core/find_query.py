"""`briefing find`'s query, answered from the cache's index of every text (`find_index`).

The full-text index alone (spot numbers, no text read) scores every item a query
finds: the best match of each term in an item (how the word matched, times the
weight of its field), summed over the terms, as `SearchIndex` scores them; equal
scores keep the library's order, newest brief first. Only the hits shown read
their text back, all in one query, and each is placed with plain string searches
(no pattern per hit) and its snippet cut by counting where the text is plain
words one space apart, as nearly every text is.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from functools import partial

from briefing_tui.core.find_index import IN_ITEM, ITEM_BITS, ITEM_MASK, ITEM_SHIFT, WEIGHT_MASK, WEIGHT_OF_CODE
from briefing_tui.core.named_tuple import NamedTuple
from briefing_tui.core.query import EXACT, PREFIX, CloseWords, Term, close_words, matching_words
from briefing_tui.core.text import fold, original_span, snippet, word_pattern


class Found(NamedTuple):
    """One item a query found, placed: its brief's number, where and what matched."""

    key: int
    number: int
    """The item's place in its brief (0: the brief's own texts)."""
    kind: str
    item_id: str
    field: str
    line: int
    """The line of the file that holds the match."""
    snippet: str
    """The matched text with some context around it, on one line."""
    matched: str
    """The text as written that matched."""
    score: float
    text: str
    """The whole text, as shown."""
    start: int
    end: int
    where: tuple[int, int]
    """Where the text starts: its line and column."""


SNIPPET_WIDTH = 80
_WEIGHT = f"CASE rowid & {WEIGHT_MASK} " + " ".join(f"WHEN {code} THEN {weight}" for code, weight in enumerate(WEIGHT_OF_CODE)) + " END"
"""The weight of a spot's field, from its number."""


def vocabulary_of(db: sqlite3.Connection) -> list[str]:
    """Every word the index holds, sorted: what a query's words are looked up in."""
    # In the table's order (its key: sorted as Python sorts), as one string: a row
    # at a time takes three times as long. No word holds a space (see `write_spots`).
    (words,) = db.execute("SELECT group_concat(term, ' ') FROM terms").fetchone()
    return words.split(" ") if words else []


def close_among_lengths(vocabulary: list[str]) -> CloseWords:
    """`close_words` for a vocabulary kept between queries: a word's typos are looked
    for only among the words of about its length (a typo or two changes the length
    by as much), in the vocabulary's order."""
    by_length: dict[int, list[str]] = {}
    for word in vocabulary:
        by_length.setdefault(len(word), []).append(word)

    def close(_: list[str], word: str, limit: int, most: int | None = None) -> list[str]:
        near = [w for size in range(len(word) - limit, len(word) + limit + 1) for w in by_length.get(size, ())]
        return sorted(close_words(near, word, limit, most))

    return close


def place_briefs(db: sqlite3.Connection, order: dict[int, int]) -> None:
    """Give the connection the briefs to search and their order (brief -> its place in
    the library's order), for `find_spots` to answer from until they change."""
    db.execute("PRAGMA temp_store = MEMORY")  # the places and the sorting: never a file
    db.execute("CREATE TEMP TABLE IF NOT EXISTS places (brief INTEGER PRIMARY KEY, place INTEGER NOT NULL)")
    db.execute("DELETE FROM temp.places")
    # One statement, the numbers as one JSON array: a third of the time of a row at a time
    # (written here: `briefing find` starts without the json module).
    briefs = sorted(order, key=order.__getitem__)
    db.execute("INSERT INTO temp.places (brief, place) SELECT value, key FROM json_each(?)", ("[" + ",".join(map(str, briefs)) + "]",))


def find_spots(
    db: sqlite3.Connection,
    terms: list[Term],
    order: dict[int, int] | None,
    limit: int | None = None,
    vocabulary: list[str] | None = None,
    close: CloseWords = close_words,
) -> tuple[list[Found], int]:
    """The items of the briefs `order` numbers (brief -> its place in the library's
    order; None: those `place_briefs` gave this connection last) that match every
    term, best first (at most `limit`), and how many in all. `vocabulary`: the
    index's words (`vocabulary_of`), when the caller keeps them between queries, and
    `close` what finds their typos (`close_among_lengths`)."""
    if vocabulary is None and not all(term.whole for term in terms):
        vocabulary = vocabulary_of(db)
    classes = [term_words(term, vocabulary or [], number == len(terms) - 1, close) for number, term in enumerate(terms)]
    if not all(classes):
        return [], 0
    if order is not None:
        place_briefs(db, order)
    rows = ranked_items(db, terms, classes, limit)
    if not rows:
        return [], 0
    return placed_hits(db, terms, classes, rows), rows[0][2]


def term_words(term: Term, vocabulary: list[str], last: bool, close: CloseWords = close_words) -> dict[str, float]:
    """The words of the index a term finds, with how well (a whole term: itself, exactly)."""
    if term.whole:
        return {term.text: EXACT}
    return matching_words(vocabulary, term.words[0], last=last, typos=None, close=close)


def whole_expression(term: Term) -> str:
    """The full-text expression of a whole term: its words in order, the last one as a prefix."""
    return '"' + " ".join(term.words) + '"*'


Row = tuple[int, ...]
"""An item found: its number, its score (times four), how many items match in all,
then the mark of each term in it (see `ranked_items`)."""


def ranked_items(db: sqlite3.Connection, terms: list[Term], classes: list[dict[str, float]], limit: int | None) -> list[Row]:
    """Every item of the placed briefs (`place_briefs`) that matches every term (the
    words each finds: `classes`), best first (at most `limit`), read from the index."""
    parameters: dict[str, object] = {"limit": -1 if limit is None else limit}
    scored = []
    # The rarest term first: a term after it scores only the items the one before it
    # found, its other texts read, never grouped (`reconstruction kalomi` in a third
    # of the time; `greta a`, whose `a` holds half the library, likewise).
    order = rarest_first(db, terms, classes)
    for step, number in enumerate(order):
        term, found = terms[number], classes[number]
        asked = [(EXACT, whole_expression(term))] if term.whole else expressions(found, term.words[0])
        among = f" AND rowid >> {ITEM_SHIFT} IN (SELECT item FROM t{order[step - 1]})" if step else ""
        # Each spot's mark: how much its match counts (times four, a whole number),
        # then its number within its item, the lowest highest: an item's best mark is
        # its best match, the first text of those as good.
        selects: list[str] = []
        for quality, expression in asked:
            name = f"e{number}_{len(selects)}"
            parameters[name] = expression
            selects.append(
                f"SELECT rowid, (CAST({quality * 4} * ({_WEIGHT}) AS INTEGER) << {ITEM_SHIFT}) | ({IN_ITEM} - (rowid & {IN_ITEM})) AS mark FROM spots WHERE spots MATCH :{name}{among}"
            )
        scored.append(f"t{number} AS (SELECT rowid >> {ITEM_SHIFT} AS item, max(mark) AS mark FROM ({' UNION ALL '.join(selects)}) GROUP BY item)")
    first = f"t{order[0]}"
    joins = " ".join(f"JOIN t{n} ON t{n}.item = {first}.item" for n in order[1:])
    marks = ", ".join(f"t{n}.mark" for n in range(len(terms)))
    total = " + ".join(f"(t{n}.mark >> {ITEM_SHIFT})" for n in range(len(terms)))
    sql = (
        f"WITH {', '.join(scored)} SELECT {first}.item, {total}, count(*) OVER (), {marks} FROM {first} {joins} "
        f"JOIN temp.places AS p ON p.brief = {first}.item >> {ITEM_BITS} ORDER BY 2 DESC, p.place, {first}.item & {ITEM_MASK} LIMIT :limit"
    )
    return db.execute(sql, parameters).fetchall()


def rarest_first(db: sqlite3.Connection, terms: list[Term], classes: list[dict[str, float]]) -> list[int]:
    """The terms' numbers, the one in fewest texts first (as typed when they are as
    common): a word by the texts of every word it finds, a phrase by its rarest word.
    Counted in the index's vocabulary (FTS5's own), a millisecond a common word."""
    if len(terms) < 2:
        return list(range(len(terms)))
    try:
        db.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.spot_counts USING fts5vocab(main, 'spots', 'row')")
        sizes = []
        for term, found in zip(terms, classes, strict=True):
            # Index words are runs of letters, digits and `_`: nothing to escape in JSON.
            words = '["' + '","'.join(term.words if term.whole else found) + '"]'
            counts = [count for (count,) in db.execute("SELECT doc FROM temp.spot_counts WHERE term IN (SELECT value FROM json_each(?))", (words,))]
            sizes.append((min(counts) if term.whole else sum(counts)) if counts else 0)
    except sqlite3.Error:
        return list(range(len(terms)))  # an index without its vocabulary: as typed
    return sorted(range(len(terms)), key=lambda number: (sizes[number], number))


def placed_hits(db: sqlite3.Connection, terms: list[Term], classes: list[dict[str, float]], rows: list[Row]) -> list[Found]:
    """The items ranked (`ranked_items`), each placed at its best match: in the text
    where its best term matched it as well as it scored."""
    best = []
    # The best match of any term; of two as good in the same text, the term first in
    # the alphabet: the terms are tried in that order, and only a better mark wins.
    # Each term's mark is in its row after the item, its score and the count.
    alphabetical = sorted(range(len(terms)), key=lambda n: ([-ord(c) for c in terms[n].text], n), reverse=True)
    first, others = alphabetical[0] + 3, [n + 3 for n in alphabetical[1:]]
    for row in rows:
        column = first
        for n in others:
            if row[n] > row[column]:
                column = n
        mark = row[column]
        spot = (row[0] << ITEM_SHIFT) | (IN_ITEM - (mark & IN_ITEM))
        best.append((spot, column - 3, (mark >> ITEM_SHIFT) / 4 / WEIGHT_OF_CODE[spot & WEIGHT_MASK]))
    # Every text in one query, however many: the numbers go in as one JSON array.
    texts = {text[0]: text for text in db.execute(_TEXTS, ("[" + ",".join([str(spot) for spot, _, _ in best]) + "]",))}
    finders: dict[tuple[int, float], _Finder] = {}
    hits = []
    for row, (spot, number, quality) in zip(rows, best, strict=True):
        _, kind, item_id, field, line, column, anchors, text = texts[spot]
        find = finders.get((number, quality))
        if find is None:
            find = finders[(number, quality)] = _finder(terms[number], classes[number], quality)
        if text.isascii():
            start, end = find(text.lower())
        else:
            start, end = original_span(text, *find(fold(text)))
        item = row[0]
        hits.append(
            Found(
                item >> ITEM_BITS, item & ITEM_MASK, kind, item_id, field, _line(line, anchors, start) if anchors else line,
                _cut(text, start, end), text[start:end], row[1] / 4, text, start, end, (line, column),
            )
        )  # fmt: skip
    return hits


def expressions(found: dict[str, float], word: str) -> list[tuple[float, str]]:
    """Full-text expressions for the words a term finds, a class of match at a time."""
    by_quality: dict[float, list[str]] = {}
    for candidate, quality in found.items():
        by_quality.setdefault(quality, []).append(candidate)
    asked = []
    for quality, candidates in by_quality.items():
        # Every word that starts with the term, in one prefix query however many.
        expression = f'"{word}"*' if quality == PREFIX else " OR ".join(f'"{c}"' for c in candidates)
        asked.append((quality, expression))
    return asked


_TEXTS = "SELECT id, kind, item_id, field, line, column, anchors, shown FROM spot_texts WHERE id IN (SELECT value FROM json_each(?))"
_Finder = Callable[[str], tuple[int, int]]
"""Where in a folded text a term matched (start, end), as well as it scored; (0, 0) if nowhere."""
_FEW = 16
"""How many words a term may find with the same quality and still be looked for one by one."""


def _finder(term: Term, found: dict[str, float], quality: float) -> _Finder:
    """What places `term` in a folded text, where it matched with `quality` (`found`:
    the words it finds, and how well)."""
    if term.whole:
        return partial(_first, term.text)
    if quality == EXACT:
        return partial(_alone, term.words[0])  # the word, not the term as typed: `adler,` finds Adler
    candidates = [candidate for candidate, how in found.items() if how == quality]
    if len(candidates) <= _FEW:
        return partial(_first_alone, candidates)

    token = word_pattern()  # rarely wanted: compiled only then

    def first_token(folded: str) -> tuple[int, int]:
        for match in token.finditer(folded):
            if found.get(match.group()) == quality:
                return match.span()
        return 0, 0

    return first_token


def _first(phrase: str, folded: str) -> tuple[int, int]:
    at = folded.find(phrase)
    return (at, at + len(phrase)) if at >= 0 else (0, 0)


def _alone(word: str, folded: str) -> tuple[int, int]:
    """The first place `word` stands alone in `folded` (a whole word, not part of one:
    no letter, digit or underscore on either side, as `\\w` has it), or (0, 0)."""
    at = folded.find(word)
    while at >= 0:
        end = at + len(word)
        before = folded[at - 1] if at else " "
        after = folded[end] if end < len(folded) else " "
        if not (before.isalnum() or before == "_" or after.isalnum() or after == "_"):
            return at, end
        at = folded.find(word, at + 1)
    return 0, 0


def _first_alone(words: list[str], folded: str) -> tuple[int, int]:
    """Where the first of `words` to stand alone in `folded` does, or (0, 0)."""
    first = (0, 0)
    for word in words:
        at = folded.find(word)  # most are not in the text at all: nothing more to do
        if at >= 0 and (first[1] == 0 or at < first[0]):
            span = _alone(word, folded)
            if span[1] and (first[1] == 0 or span[0] < first[0]):
                first = span
    return first


def _cut(text: str, start: int, end: int) -> str:
    """The snippet of `text` around start:end: what `snippet` gives for the text
    around the match (a text may be long: only SNIPPET_WIDTH twice over on either
    side is read)."""
    room = SNIPPET_WIDTH - (end - start)
    flat, shift, printable = text, 0, text.isprintable()
    if not printable:
        # A block's lines, say: `snippet` reads each line break between two words as
        # the space it is replaced by here, and what ends the text as nothing.
        words = text.lstrip()
        flat, shift = words.rstrip().replace("\n", " "), len(text) - len(words)
        printable = flat.isprintable()
    at, stop = start - shift, end - shift
    size = len(flat)
    if (
        room >= 3
        and printable
        and 0 <= at
        and stop <= size
        and "  " not in flat
        and flat[:1] != " "
        and flat[-1:] != " "
        and flat[at : at + 1] != " "
        and flat[stop - 1 : stop] != " "
    ):
        # Words one space apart and nothing else: `snippet`'s text is this one as it
        # is, and its cut a matter of counting (the most common case by far).
        lead = max(room // 3, room - (size - stop))
        if lead > at:
            lead = at
        shown = flat[at - lead : stop + room - lead]
        if lead < at:
            shown = "\u2026" + shown[1:]
        if stop + room - lead < size:
            shown = shown[:-1] + "\u2026"
        return shown
    low, high = max(0, start - 2 * SNIPPET_WIDTH), end + 2 * SNIPPET_WIDTH
    shown = snippet(text[low:high], start - low, end - low, SNIPPET_WIDTH)[0]
    if low and not shown.startswith("\u2026"):
        shown = "\u2026" + shown[1:]  # cut here, where `snippet` was not given the text
    if high < len(text) and not shown.endswith("\u2026"):
        shown = shown[:-1] + "\u2026"
    return shown


def _line(line: int, anchors: str, offset: int) -> int:
    """The line of the character at `offset` of a text written from `line`, by its
    anchors as the index keeps them (`offset line offset line...`, in the text's
    order): read only as far as the offset, not parsed whole for each hit."""
    numbers = anchors.split()
    for at in range(0, len(numbers), 2):
        if int(numbers[at]) > offset:
            break
        line = int(numbers[at + 1])
    return line

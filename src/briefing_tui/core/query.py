"""A query as search reads it: its terms, and the words of an index each term finds.

Matching ignores case and accents; every term must match within one item; a
`"quoted phrase"` matches as written; the last word, the one still being typed,
also matches as a prefix and inside words; a word of five letters or more also
finds words one typo away (two from nine letters on).

Apart from search itself (no model, no texts), so that `briefing find` can read a
query and ask the cache's full-text index without importing the rest.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable

from briefing_tui.core.named_tuple import NamedTuple
from briefing_tui.core.text import fold, words

# How much a match counts, by how the word matched.
EXACT, PREFIX, INNER, TYPO = 8.0, 4.0, 2.0, 1.0
# How much a match counts, by the field it is in; a field that is one word (a name) more.
FIELD_WEIGHT = {"name": 4.0, "title": 4.0, "aliases": 3.0, "role": 2.0, "side": 1.5, "tags": 1.5, "text": 1.5}
WHOLE_FIELD = 1.5
TYPO_MIN_LENGTH = 5
INNER_MIN_LENGTH = 3

CloseWords = Callable[[list[str], str, int, "int | None"], Iterable[str]]
"""(vocabulary, word, most typos, how many at most) -> the words that close."""


class Term(NamedTuple):
    """One part of a query: a word, or a quoted phrase (`words` holds its words)."""

    text: str
    words: tuple[str, ...]
    phrase: bool

    @property
    def whole(self) -> bool:
        """True when the term matches as written, words in order (a phrase, or a word
        that folds to several, like `kyiv's`)."""
        return self.phrase or len(self.words) > 1


def field_weight(field: str) -> float:
    """How much a match in a field counts (`aliases[2]` as `aliases`)."""
    return FIELD_WEIGHT.get(field.split("[")[0], 1.0)


def query_terms(query: str) -> list[Term]:
    """The folded terms of a query: words, and "quoted phrases" kept whole."""
    terms = []
    for raw, quoted in _query_parts(query):
        folded = " ".join(fold(raw).split())
        found = tuple(words(folded))
        if found:
            terms.append(Term(folded, found, quoted and len(found) > 1))
    return terms


def _query_parts(query: str) -> list[tuple[str, bool]]:
    """The parts of a query as typed, each with whether it was quoted: a quote opens a
    phrase that runs to the next quote (or the end); anything else is a part up to the
    next space, quotes inside it included. Read by hand, not by a pattern: `briefing
    find` starts without importing `re`."""
    parts = []
    at, size = 0, len(query)
    while at < size:
        if query[at] == '"':
            close = query.find('"', at + 1)
            end = size if close < 0 else close
            parts.append((query[at + 1 : end], True))
            at = end + 1
        elif query[at].isspace():
            at += 1
        else:
            end = at + 1
            while end < size and not query[end].isspace():
                end += 1
            parts.append((query[at:end], False))
            at = end
    return parts


def typos_allowed(word: str) -> int:
    """How many typos a word may have and still find another (none below five letters)."""
    if len(word) < TYPO_MIN_LENGTH:
        return 0
    return 1 if len(word) < 9 else 2


def matching_words(vocabulary: list[str], word: str, *, last: bool, typos: int | None = 50, close: CloseWords | None = None) -> dict[str, float]:
    """Words of a sorted vocabulary that `word` finds, with how well: exact, prefix,
    inner, typo (at most `typos` of those, the closest; None for all). `close` finds
    the words a few typos away (rapidfuzz's, unless given).

    Only the last word of a query, the one still being typed, matches as a prefix or
    inside words; earlier words are complete and match whole or by typo.
    """
    found: dict[str, float] = {}
    start = bisect_left(vocabulary, word)
    if start < len(vocabulary) and vocabulary[start] == word:
        found[word] = EXACT
    if last:
        for candidate in vocabulary[start:]:
            if not candidate.startswith(word):
                break
            found.setdefault(candidate, PREFIX)
        if len(word) >= INNER_MIN_LENGTH:
            for candidate in vocabulary:
                if word in candidate:
                    found.setdefault(candidate, INNER)
    limit = typos_allowed(word)
    if limit:
        for candidate in (close or _rapidfuzz_close)(vocabulary, word, limit, typos):
            found.setdefault(candidate, TYPO)
    return found


def _rapidfuzz_close(vocabulary: list[str], word: str, limit: int, most: int | None) -> Iterable[str]:
    # Imported here: rapidfuzz takes longer to import than a library to list.
    from rapidfuzz import process
    from rapidfuzz.distance import Levenshtein

    return [candidate for candidate, _, _ in process.extract(word, vocabulary, scorer=Levenshtein.distance, score_cutoff=limit, limit=most)]


def close_words(vocabulary: list[str], word: str, limit: int, most: int | None = None) -> list[str]:
    """Every word of `vocabulary` at most `limit` typos from `word` (`most`: unused,
    all are given), in plain Python: quicker than importing rapidfuzz for one query.

    A word within `limit` typos holds one of `limit + 1` pieces of `word` unchanged,
    which turns down nearly every other word before any distance is computed."""
    size = len(word)
    step = size // (limit + 1)
    pieces = [word[i * step : (i + 1) * step if i < limit else size] for i in range(limit + 1)]
    low, high = size - limit, size + limit
    found = []
    for candidate in vocabulary:
        if low <= len(candidate) <= high:
            for piece in pieces:
                if piece in candidate:
                    if _within(word, candidate, limit):
                        found.append(candidate)
                    break
    return found


def _within(a: str, b: str, limit: int) -> bool:
    """Whether two words are at most `limit` typos apart (their Levenshtein distance)."""
    if limit < 1:
        return a == b
    # What the words share at either end costs no typo: only what lies between counts.
    start, end_a, end_b = 0, len(a), len(b)
    while start < end_a and start < end_b and a[start] == b[start]:
        start += 1
    while end_a > start and end_b > start and a[end_a - 1] == b[end_b - 1]:
        end_a -= 1
        end_b -= 1
    if end_a - start <= 1 and end_b - start <= 1:
        return True  # a letter changed, added or dropped, or none
    if limit == 1:
        return False  # what differs starts and ends with a typo of its own: two at least
    a, b = a[start:end_a], b[start:end_b]
    previous = list(range(len(b) + 1))
    for i, char in enumerate(a, 1):
        current = [i]
        for j, other in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char != other)))
        if min(current) > limit:
            return False  # no row gets smaller below
        previous = current
    return previous[-1] <= limit

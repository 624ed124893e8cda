"""Search over every text of a brief, indexed once at load.

Matching ignores case and accents (`kyiv` finds `Kyiv`, `cafe` finds `café`); all
words of a query must match within one item, in any order; a `"quoted phrase"` must
match as written. Hits are ranked: whole words above prefixes above inner matches,
names and titles above body text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from briefing_tui.core.model import Brief, Location, Text

# How much a match counts, by the field it is in.
_FIELD_WEIGHT = {"name": 3.0, "title": 3.0, "aliases": 2.5, "role": 2.0, "side": 1.5, "tags": 1.5}
_QUERY_TERMS = re.compile(r'"([^"]+)"?|(\S+)')


def fold(text: str) -> str:
    """Text in the form searches compare: case-folded, accents removed."""
    if text.isascii():
        return text.lower()
    return "".join(_fold_char(c) for c in text)


def _fold_char(char: str) -> str:
    decomposed = unicodedata.normalize("NFKD", char.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _folded_with_offsets(text: str) -> tuple[str, list[int]]:
    """The folded text and, for each of its characters, the index it came from."""
    parts: list[str] = []
    offsets: list[int] = []
    for index, char in enumerate(text):
        folded = _fold_char(char)
        parts.append(folded)
        offsets.extend([index] * len(folded))
    offsets.append(len(text))
    return "".join(parts), offsets


@dataclass(frozen=True, slots=True)
class Hit:
    """One item that matches a query: where, in which field, and the span matched."""

    kind: str
    """`source`, `actor`, `quote`, `issue`, or `brief` for the brief's own fields."""
    item_id: str
    field: str
    text: str
    start: int
    end: int
    location: Location
    score: float

    def snippet(self, width: int = 80) -> str:
        """The matched text with some context around it, on one line."""
        flat = " ".join(self.text.split())
        # Find the match again in the flattened text; whitespace folding moves it.
        prefix = " ".join(self.text[: self.start].split())
        start = len(prefix) + (1 if prefix and self.text[: self.start][-1:].isspace() else 0)
        end = start + len(" ".join(self.text[self.start : self.end].split()))
        if len(flat) <= width:
            return flat
        lead = max(0, min(start - width // 3, len(flat) - width))
        cut = flat[lead : lead + width]
        return ("\u2026" if lead else "") + cut.strip() + ("\u2026" if lead + width < len(flat) else "")


@dataclass(frozen=True, slots=True)
class _Entry:
    kind: str
    item_id: str
    text: Text
    folded: str


def query_terms(query: str) -> list[str]:
    """The folded terms of a query: words, and "quoted phrases" kept whole."""
    terms = []
    for match in _QUERY_TERMS.finditer(query):
        term = fold((match.group(1) or match.group(2) or "").strip())
        if term:
            terms.append(term)
    return terms


class SearchIndex:
    """Every searchable text of one brief, folded once."""

    def __init__(self, brief: Brief) -> None:
        self.brief = brief
        self._entries: list[_Entry] = []
        self._by_item: dict[tuple[str, str], list[_Entry]] = {}
        for text in brief.texts():
            self._add("brief", brief.id, text)
        for item in brief.items():
            for text in item.texts():
                self._add(item.noun, item.id, text)

    def _add(self, kind: str, item_id: str, text: Text) -> None:
        entry = _Entry(kind, item_id, text, fold(text.text))
        self._entries.append(entry)
        self._by_item.setdefault((kind, item_id), []).append(entry)

    def search(self, query: str, limit: int | None = None) -> list[Hit]:
        """Items matching every term of `query`, best first."""
        terms = query_terms(query)
        if not terms:
            return []
        hits = []
        for (kind, item_id), entries in self._by_item.items():
            hit = self._match_item(kind, item_id, entries, terms)
            if hit is not None:
                hits.append(hit)
        hits.sort(key=lambda h: -h.score)
        return hits[:limit] if limit is not None else hits

    def _match_item(self, kind: str, item_id: str, entries: list[_Entry], terms: list[str]) -> Hit | None:
        best: tuple[float, _Entry, int, int] | None = None
        total = 0.0
        for term in terms:
            found = max(
                (self._score(entry, term) for entry in entries if term in entry.folded),
                key=lambda found: found[0],
                default=None,
            )
            if found is None:
                return None
            total += found[0]
            if best is None or found[0] > best[0]:
                best = found
        assert best is not None
        _, entry, start, end = best
        start, end = _original_span(entry.text.text, entry.folded, start, end)
        return Hit(kind, item_id, entry.text.field, entry.text.text, start, end, entry.text.location, total)

    @staticmethod
    def _score(entry: _Entry, term: str) -> tuple[float, _Entry, int, int]:
        """The best-placed occurrence of `term` in an entry, and what it is worth."""
        folded = entry.folded
        field = entry.text.field.split("[")[0].split(".")[-1]
        weight = _FIELD_WEIGHT.get(field, 1.0)
        best = (0.0, 0)
        for start in _occurrences(folded, term):
            end = start + len(term)
            before = folded[start - 1] if start else " "
            after = folded[end] if end < len(folded) else " "
            if not before.isalnum():
                quality = 3.0 if not after.isalnum() else 2.0
            else:
                quality = 1.0
            if quality > best[0]:
                best = (quality, start)
            if quality == 3.0:
                break
        quality, start = best
        exact = 1.5 if folded.strip() == term else 1.0
        return (quality * weight * exact, entry, start, start + len(term))

    def texts(self) -> Iterator[str]:
        """Every indexed text, as written."""
        return (entry.text.text for entry in self._entries)


def _occurrences(text: str, term: str) -> Iterator[int]:
    start = text.find(term)
    while start != -1:
        yield start
        start = text.find(term, start + 1)


def _original_span(text: str, folded: str, start: int, end: int) -> tuple[int, int]:
    """Map a span of the folded text back onto the text as written."""
    if text.isascii():
        return start, end
    _, offsets = _folded_with_offsets(text)
    return offsets[start], offsets[max(start, end - 1)] + 1

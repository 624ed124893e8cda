"""Search over every text of a brief, indexed once at load.

Matching ignores case and accents (`kyiv` finds `Kyiv`, `cafe` finds `café`); all
words of a query must match within one item, in any order; a `"quoted phrase"` must
match as written; a word of five letters or more also finds words one typo away
(two for nine letters or more), so `Peskow` finds `Peskov`.

Ranking: a whole word beats a prefix, a prefix beats a match inside a word, and any
of those beats a typo; names and titles beat body text.

The index is a vocabulary of folded words, each with the texts it occurs in: a
keystroke looks words up in the vocabulary (sorted for prefixes, scanned for inner
matches, rapidfuzz for typos) and scores items from those lists, never rereading
the texts, except to place the match in the few hits shown.
"""

from __future__ import annotations

import heapq
import re
from array import array
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from itertools import islice
from operator import itemgetter
from typing import Any

from briefing_tui.core.analysis import quote_words
from briefing_tui.core.links import shown_text
from briefing_tui.core.model import Brief, Item, Location, Quote, Text, paused_gc
from briefing_tui.core.query import EXACT, WHOLE_FIELD, Term, field_weight, matching_words, query_terms
from briefing_tui.core.text import fold, item_label, original_span, snippet, words


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
    path: str = ""
    """The file of the brief the item is in."""

    @property
    def matched(self) -> str:
        """The text as written that matched."""
        return self.text[self.start : self.end]

    def snippet(self, width: int = 80) -> str:
        """The matched text with some context around it, on one line."""
        return snippet(self.text, self.start, self.end, width)[0]


def item_title(item: Item | None, item_id: str, items: Mapping[str, Item]) -> str:
    """How a list of hits names an item: a quote by its speaker."""
    if isinstance(item, Quote):
        speaker = items.get(item.by)
        return f"{speaker.label if speaker else item.by}, quoted"
    return item.label if item is not None else item_id


@dataclass(frozen=True, slots=True)
class StoredItem:
    """An item of some brief known by its texts alone (as the library's cache keeps
    them, links already shown as what they show), for an index over many briefs."""

    path: str
    noun: str
    """`source`, `actor`, `quote`, `issue`, or `brief` for a brief's own texts."""
    id: str
    shown: tuple[Text, ...]

    def texts(self) -> Iterator[Text]:
        """The item's texts, as they were stored."""
        return iter(self.shown)


def _pairs(flat: tuple[Any, ...]) -> Iterator[tuple[Any, Any]]:
    """(a, b, c, d) as (a, b), (c, d)."""
    parts = iter(flat)
    return zip(parts, parts, strict=False)


class SearchIndex:
    """Every searchable text of one brief, folded once, with a word index over them.

    `SearchIndex.of_items` indexes items of many briefs at once instead.
    """

    def __init__(self, brief: Brief | None, items: Mapping[str, Item] | None = None, *, stored: Iterable[StoredItem] = ()) -> None:
        """Index `brief`; `items`, its items by id, may be shared with a `LinkIndex`.
        (Without a brief, the `stored` items: see `of_items`.)"""
        self.brief = brief
        if items is None:
            items = {item.id: item for item in brief.items()} if brief is not None else {}
        self.items: Mapping[str, Item] = items
        # One brief's search finds its 50 closest words one typo away, plenty for one
        # brief; over many briefs, every word within reach, as each brief's would.
        self._typos: int | None = 50 if brief is not None else None
        # Texts are searched as the reader shows them: [[links]] as what they show.
        self._label = lambda item_id: item_label(self.items.get(item_id), item_id)
        # Each text as shown, and its folded form only where folding is more than
        # lower-casing: a folded copy of every text would double the memory.
        self._texts: list[str] = []
        self._unfolded: dict[int, str] = {}
        self._weight: list[float] = []
        # Item number n is _owners[n] (the brief first), its texts _texts[_starts[n]:_starts[n + 1]].
        self._owners: list[Brief | Item | StoredItem] = []
        self._starts = array("i")
        # Item numbers in the smallest array that holds them all: two bytes each
        # for any brief of fewer than 65,536 items, instead of eight for a tuple.
        stored = list(stored)
        count = len(stored)
        if brief is not None:
            count += 1 + len(brief.sources) + len(brief.actors) + len(brief.quotes) + len(brief.issues)
        self._typecode = "H" if count < 1 << 16 else "I"
        postings: dict[str, dict[float, array[int]]] = {}
        with paused_gc():
            if brief is not None:
                self._add_item(brief, brief.texts(), postings)
                for item in brief.items():
                    self._add_item(item, item.texts(), postings)
            for owner in stored:
                self._add_item(owner, owner.texts(), postings)
            self._starts.append(len(self._texts))
            self._vocabulary = sorted(postings)
            # word -> (field weight, item numbers, field weight, item numbers...),
            # so that a query can score a whole list of items at once instead of
            # one item at a time; one flat tuple per word, since a big brief has
            # tens of thousands.
            self._postings: dict[str, tuple[float | array[int], ...]] = {
                word: tuple(part for pair in postings.pop(word).items() for part in pair) for word in self._vocabulary
            }

    @classmethod
    def of_items(cls, stored: Iterable[StoredItem]) -> SearchIndex:
        """An index of items from any number of briefs; each hit says its file."""
        return cls(None, stored=stored)

    def _add_item(self, owner: Brief | Item | StoredItem, texts: Iterator[Text], postings: dict[str, dict[float, array[int]]]) -> None:
        number = len(self._owners)
        self._owners.append(owner)
        self._starts.append(len(self._texts))
        # Each word once per item, at its best weight: a query scores an item by
        # its best match, so lesser weights of the same word would never count.
        seen: dict[str, float] = {}
        for text in texts:
            if text.markdown and "[[" in text.text:
                text = text._replace(text=shown_text(text.text, self._label))
            folded = fold(text.text)
            weight = field_weight(text.field)
            if not text.text.isascii():
                self._unfolded[len(self._texts)] = folded
            self._texts.append(text.text)
            self._weight.append(weight)
            tokens = words(folded)
            if len(tokens) == 1:  # the whole field is one word: a name, worth more
                weight *= WHOLE_FIELD
            for word in tokens:
                if seen.get(word, 0.0) < weight:
                    seen[word] = weight
        for word, weight in seen.items():
            classes = postings.get(word)
            if classes is None:
                classes = postings[word] = {}
            numbers = classes.get(weight)
            if numbers is None:
                numbers = classes[weight] = array(self._typecode)
            numbers.append(number)

    # -- words -------------------------------------------------------------------------

    def _matching_words(self, word: str, *, last: bool) -> dict[str, float]:
        return matching_words(self._vocabulary, word, last=last, typos=self._typos)

    # -- queries -----------------------------------------------------------------------

    def find(self, query: str | list[Term], limit: int | None = None) -> tuple[list[Hit], int]:
        """The best `limit` hits for `query` (or its terms, already parsed), and how many
        items match in all.

        Only the hits returned are placed in their text, so a short list of the
        best of many thousands costs little more than the count.
        """
        terms = query_terms(query) if isinstance(query, str) else query
        if not terms:
            return [], 0
        matched: list[dict[str, float]] = []
        total: dict[int, float] | None = None
        for number, term in enumerate(terms):
            if term.phrase or len(term.words) > 1:  # "kyiv's" folds to two words
                scores = self._score_phrase(term)
                matched.append({term.text: EXACT})
            else:
                found = self._matching_words(term.words[0], last=number == len(terms) - 1)
                scores = self._score_words(found)
                matched.append(found)
            if total is None:
                total = scores
            else:
                total = {item: score + scores[item] for item, score in total.items() if item in scores}
            if not total:
                return [], 0
        assert total is not None
        count = len(total)
        best = heapq.nlargest(limit, total.items(), key=itemgetter(1)) if limit is not None else list(total.items())
        best.sort(key=lambda pair: (-pair[1], pair[0]))
        return [self._hit(item, score, terms, matched) for item, score in best], count

    def _score_words(self, found: dict[str, float]) -> dict[int, float]:
        """Each item's best score over the words found, computed list by list."""
        by_score: dict[float, set[int]] = {}
        for word, quality in found.items():
            for weight, numbers in _pairs(self._postings[word]):
                by_score.setdefault(quality * weight, set()).update(numbers)
        scores: dict[int, float] = {}
        for score in sorted(by_score):  # lowest first: a better score overwrites
            scores.update(dict.fromkeys(by_score[score], score))
        return scores

    def _score_phrase(self, term: Term) -> dict[int, float]:
        # Items holding every word of the phrase, then the phrase itself checked.
        items: set[int] | None = None
        for word in term.words:
            found: set[int] = set()
            for _, numbers in _pairs(self._postings.get(word, ())):
                found.update(numbers)
            items = found if items is None else items & found
            if not items:
                return {}
        scores: dict[int, float] = {}
        starts = self._starts
        for item in items or ():
            first, end = starts[item], starts[item + 1]
            weights = [self._weight[t] for t in range(first, end) if term.text in self._folded(t)]
            if weights:
                scores[item] = EXACT * max(weights)
        return scores

    def _hit(self, item: int, score: float, terms: list[Term], matched: list[dict[str, float]]) -> Hit:
        """Place an item's best match: the text and word that scored highest."""
        first, end = self._starts[item], self._starts[item + 1]
        best: tuple[float, int, str] = (-1.0, first, "")
        for number in range(first, end):
            folded = self._folded(number)
            weight = self._weight[number]
            tokens = set(words(folded))
            for term, found in zip(terms, matched, strict=True):
                if term.phrase or len(term.words) > 1:
                    candidates = [term.text] if term.text in folded else []
                else:
                    candidates = list(tokens.intersection(found))
                for word in candidates:
                    value = found[word] * weight * (WHOLE_FIELD if folded == word else 1.0)
                    if value > best[0] or (value == best[0] and number == best[1] and word < best[2]):
                        best = (value, number, word)
        _, number, word = best
        text = self._text(item, number - first)
        folded = self._folded(number)
        match = re.search(rf"(?<!\w){re.escape(word)}(?!\w)", folded) if word else None
        match = match or (re.search(re.escape(word), folded) if word else None)
        start, stop = (match.start(), match.end()) if match else (0, 0)
        start, stop = original_span(text.text, start, stop)
        owner = self._owners[item]
        kind = owner.noun if not isinstance(owner, Brief) else "brief"
        path = owner.path if isinstance(owner, StoredItem) else self.brief.path if self.brief else ""
        return Hit(kind, owner.id, text.field, text.text, start, stop, text.location, score, path)

    def quoted(self, hit: Hit) -> str | None:
        """The words of the quote a hit is in, as shown (in quotation marks unless a
        paraphrase); None for a hit in anything else."""
        item = self.items.get(hit.item_id) if hit.kind == "quote" else None
        return quote_words(item) if isinstance(item, Quote) else None

    def title(self, hit: Hit) -> str:
        """How a list of hits names the item of a hit of this brief."""
        if hit.kind == "brief":
            return "Summary"
        return item_title(self.items.get(hit.item_id), hit.item_id, self.items)

    def _folded(self, number: int) -> str:
        folded = self._unfolded.get(number)
        return self._texts[number].lower() if folded is None else folded

    def _text(self, item: int, nth: int) -> Text:
        # Rebuilt for the few hits shown rather than kept for every text.
        owner = self._owners[item]
        text = next(islice(owner.texts(), nth, None))
        if text.markdown and "[[" in text.text:
            text = text._replace(text=shown_text(text.text, self._label))
        return text

    def texts(self) -> Iterator[str]:
        """Every indexed text, as shown (what a plain scan would look through)."""
        return iter(self._texts)

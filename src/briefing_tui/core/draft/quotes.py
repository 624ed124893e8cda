"""Finding direct quotes in a paragraph, and its sentences around them.

A quote is what stands between quotation marks of any common style: straight
("…"), curly (“…”), low-high („…“), guillemets («…», ‹…›) and single curly marks
(‘…’) used as the outer marks. Its words are kept exactly as written; only a comma or
full stop just inside the closing mark is left out, because that mark belongs to the
sentence around the quote (`"…," he said`; `… to be "well prepared."`), not to the
words quoted. A quote split by its attribution (`"…," he said. "…"`) is two quotes.
"""

from __future__ import annotations

import re
from typing import NamedTuple

_CLOSERS = {
    '"': ('"',),
    "\u201c": ("\u201d", '"'),
    "\u201e": ("\u201c", "\u201d"),
    "\u00ab": ("\u00bb",),
    "\u2039": ("\u203a",),
    "\u2018": ("\u2019",),
    "\u300c": ("\u300d",),
}
_SINGLE = "\u2018"
_OPENS_AFTER = frozenset(" \t\n([{\u2014\u2013-/:;,")
MASK = "\ue000"
"""What stands in for quoted words in a masked paragraph: not a letter, not a mark."""

_ABBREVIATIONS = frozenset(
    "mr mrs ms dr st gen lt col sen rep gov pres prof sgt capt maj adm jr sr inc ltd co corp no vs etc "
    "jan feb mar apr jun jul aug sep sept oct nov dec approx est dept".split()
)


class Quoted(NamedTuple):
    """One quote in a paragraph: where its marks stand and the words it keeps."""

    start: int
    """Offset of the opening mark."""
    end: int
    """Offset just past the closing mark (the paragraph's end when it is not closed)."""
    text: str
    """The words between the marks, as the brief keeps them."""
    raw: str
    """The words between the marks as written, before `trimmed`."""
    closed: bool = True

    @property
    def ends_sentence(self) -> bool:
        """True when the quoted words end with a sentence's end (`… no answer."`)."""
        return self.raw.rstrip()[-1:] in (".", "!", "?", "\u2026")


def _opens(text: str, i: int) -> bool:
    """Whether the mark at `i` can open a quote."""
    mark = text[i]
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if after.isspace() and mark not in "\u00ab\u2039":  # French sets « guillemets » off with spaces
        return False
    if mark == '"':
        return not before.isdigit() and (before in _OPENS_AFTER or before in _CLOSERS or not before.isalnum())
    if mark == _SINGLE:
        return before in _OPENS_AFTER or i == 0
    return True


def _close(text: str, i: int) -> int | None:
    """Offset of the mark that closes the quote opened at `i`, if any."""
    closers = _CLOSERS[text[i]]
    j = i + 1
    while j < len(text):
        char = text[j]
        if char in closers:
            if text[i] == _SINGLE:
                # ’ is the apostrophe too: it closes only where a word does not go on.
                following = text[j + 1] if j + 1 < len(text) else " "
                if not following.isalnum():
                    return j
            else:
                return j
        elif char == "\n" and text[i] == _SINGLE:
            return None
        j += 1
    return None


def trimmed(raw: str) -> str:
    """The quoted words as kept: spaces at the edges and the sentence's own comma or
    full stop just inside the closing mark left out, nothing else changed."""
    words = raw.strip()
    if words.endswith(","):
        words = words[:-1].rstrip()
    elif words.endswith(".") and not words.endswith("..") and not re.search(r"(?:^|[\s.])[A-Z]\.$", words):
        words = words[:-1].rstrip()
    return words


def find_quotes(text: str) -> list[Quoted]:
    """Every quote in a paragraph, in order. A quote left open runs to the paragraph's
    end (the convention for a quote that goes on in the next paragraph)."""
    found: list[Quoted] = []
    i = 0
    while i < len(text):
        if text[i] not in _CLOSERS or not _opens(text, i):
            i += 1
            continue
        j = _close(text, i)
        if j is None:
            if text[i] == _SINGLE:
                i += 1
                continue
            raw, end, closed = text[i + 1 :], len(text), False
        else:
            raw, end, closed = text[i + 1 : j], j + 1, True
        words = trimmed(raw)
        if any(c.isalpha() for c in words):
            found.append(Quoted(i, end, words, raw, closed))
        i = end
    return found


def masked(text: str, quotes: list[Quoted]) -> str:
    """The paragraph with every quote's words (marks included) replaced by `MASK`,
    so that patterns for names and verbs never match inside a quote; offsets stay."""
    if not quotes:
        return text
    parts = []
    position = 0
    for quote in quotes:
        parts.append(text[position : quote.start])
        parts.append(MASK * (quote.end - quote.start))
        position = quote.end
    parts.append(text[position:])
    return "".join(parts)


_SENTENCE_END = re.compile(r"[.!?\u2026]+[)\]]*(?=\s+(?:[A-Z\u00c0-\u00de\d]|[\"\u201c\u00ab\u201e\u2018\ue000]))")


def sentences(text: str, quotes: list[Quoted]) -> list[tuple[int, int]]:
    """(start, end) of each sentence of a paragraph. Ends inside a quote do not count,
    except at the quote's close: `… to be "well prepared." He assured …`."""
    hidden = masked(text, quotes)
    cuts = []
    for match in _SENTENCE_END.finditer(hidden):
        word = re.search(r"([\w.]+)$", hidden[: match.start()])
        if (
            word
            and match.group().startswith(".")
            and (word.group(1).lower().rstrip(".") in _ABBREVIATIONS or re.fullmatch(r"(?:[A-Z]\.?)+", word.group(1)))
        ):
            continue  # Mr. Peskov, U.S. officials
        cuts.append(match.end())
    for quote in quotes:
        if quote.closed and quote.ends_sentence and re.match(r"\s+(?:[A-Z]|[\"\u201c\u00ab\u201e])", text[quote.end :]):
            cuts.append(quote.end)
    spans = []
    start = 0
    for cut in sorted(set(cuts)):
        if text[start:cut].strip():
            spans.append((start, cut))
        start = cut
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans

"""Text helpers shared by search, links, export and the reader: folding for comparison,
words, snippets around a match, one-line shortening, the sentence around a span.

One module, so that every part of the program folds, splits and cuts text the same way.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_left, bisect_right
from functools import cache, lru_cache

TYPE_CHECKING = False  # as typing's, without importing typing (see core/named_tuple.py)
if TYPE_CHECKING:
    import re

    from briefing_tui.core.model import Item

# Every ASCII character that is not part of a word (`\w`: a letter, a digit, `_`), as a
# space: ASCII text is split at them by `str.split`, three times as fast as a pattern
# finds its words, and without importing `re` (`briefing find` starts without it).
_ASCII_GAPS = str.maketrans({code: " " for code in range(128) if not (chr(code).isalnum() or code == 0x5F)})
# Where a sentence ends: . ! ? followed by space, or a blank line / list item break.
_SENTENCE_END = r"(?<=[.!?])[\"'”’)\]]*\s+|\n\s*\n|\n\s*[-*+]\s"


def fold(text: str) -> str:
    """Text in the form searches compare: case-folded, accents removed."""
    if text.isascii():
        return text.lower()
    return "".join(_fold_char(c) for c in text)


def _fold_char(char: str) -> str:
    if char.isascii():
        return char.lower()
    decomposed = unicodedata.normalize("NFKD", char.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def original_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Map a span of `fold(text)` back onto `text` as written."""
    if text.isascii():
        return start, end
    offsets: list[int] = []
    for index, char in enumerate(text):
        offsets.extend([index] * len(_fold_char(char)))
    offsets.append(len(text))
    start = offsets[min(start, len(offsets) - 1)]
    end = offsets[min(max(end - 1, 0), len(offsets) - 1)] + 1
    return start, max(start, end)


def words(folded: str) -> list[str]:
    """The words of folded text, as the index splits them: the runs of letters, digits
    and `_` (as `\\w+` finds them)."""
    if folded.isascii():
        return folded.translate(_ASCII_GAPS).split()
    return word_pattern().findall(folded)


@cache
def word_pattern() -> re.Pattern[str]:
    """What a word is (`\\w+`), as a pattern: compiled, and `re` imported, when first
    wanted (`briefing find` starts without either)."""
    import re

    return re.compile(r"\w+")


def snippet(text: str, start: int, end: int, width: int = 80) -> tuple[str, int, int]:
    """A one-line excerpt of `text` around start:end, and the span's place in it."""
    before = " ".join(text[:start].split())
    match = " ".join(text[start:end].split())
    after = " ".join(text[end:].split())
    gap_before = " " if before and text[:start][-1:].isspace() else ""
    gap_after = " " if after and text[end:][:1].isspace() else ""
    room = max(0, width - len(match))
    lead = min(len(before) + len(gap_before), max(room // 3, room - len(after) - len(gap_after)))
    head = (before + gap_before)[len(before) + len(gap_before) - lead :] if lead else ""
    tail = (gap_after + after)[: max(0, room - lead)]
    cut_head = len(head) < len(before) + len(gap_before)
    cut_tail = len(tail) < len(after) + len(gap_after)
    if cut_head and head:
        head = "\u2026" + head[1:]
    if cut_tail and tail:
        tail = tail[:-1] + "\u2026"
    return head + match + tail, len(head), len(head) + len(match)


def _first_words(text: str, width: int) -> str:
    """The words of `text` on one line, only as many as reach past `width`: what is
    cut off later is never read (a page shortens thousands of long sentences)."""
    reach = 2 * width + 16
    while reach < len(text):
        # Whole words only: how the last one is cut (at a hyphen, say) depends on all of it.
        flat = " ".join(text[: reach if text[reach].isspace() else text.rfind(" ", 0, reach) + 1].split())
        if len(flat) > width + 1:
            return flat
        reach *= 4
    return " ".join(text.split())


def short(text: str, width: int = 48) -> str:
    """Text on one line, cut to `width` characters with an ellipsis."""
    flat = _first_words(text, width)
    if len(flat) <= width:
        return flat
    if "-" in flat:
        # textwrap may break at hyphens: let it. (Imported here: what `briefing find`
        # imports of this module never shortens, and textwrap takes a millisecond.)
        import textwrap

        cut = textwrap.shorten(flat, width, placeholder="\u2026")
    else:
        # What textwrap.shorten gives, without its cost (a page may shorten
        # thousands of sentences): the words that fit beside the ellipsis.
        room = flat[:width]
        cut = room[: room.rfind(" ")] + "\u2026" if " " in room else "\u2026"
    if cut.strip("\u2026"):
        return cut
    # A first word longer than the width: cut inside it rather than show only "…".
    return flat[: width - 1] + "\u2026"


SENTENCE_REACH = 600
"""How far the sentence around a span reaches on either side, in characters: a
'sentence' of 100 KB without a full stop is cut there, with an ellipsis."""


@lru_cache(maxsize=64)
def _sentence_ends(text: str) -> tuple[list[int], list[int]]:
    """Where each sentence end of `text` starts and stops, found once per text (a
    text with thousands of links asks for the sentence around each)."""
    import re

    starts, stops = [], []
    for match in re.finditer(_SENTENCE_END, text):  # compiled once, by re, when first wanted
        starts.append(match.start())
        stops.append(match.end())
    return starts, stops


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence of `text` that holds the span start:end, on one line."""
    starts, stops = _sentence_ends(text)
    before = bisect_right(stops, start)  # the sentence ends wholly before the span
    begin = stops[before - 1] if before else 0
    after = bisect_left(starts, end, lo=max(0, before - 1))  # the first one after it
    stop = len(text)
    if after < len(starts):
        stop = starts[after] + (1 if text[starts[after]] in ".!?" else 0)
    lead = tail = ""
    if start - begin > SENTENCE_REACH:
        begin, lead = start - SENTENCE_REACH, "\u2026"
    if stop - end > SENTENCE_REACH:
        stop, tail = end + SENTENCE_REACH, "\u2026"
    return lead + " ".join(text[begin:stop].split()) + tail


def counted(number: int, noun: str) -> str:
    """`3 quotes`, `1 quote`, `1,200 actors`."""
    return f"{number:,} {noun}{'' if number == 1 else 's'}"


def item_label(item: Item | None, fallback: str) -> str:
    """How running text names an item: a quote by its (shortened) words."""
    if item is not None and item.noun == "quote":
        # A paraphrase, or a quote withheld, never reads as the speaker's own words.
        from briefing_tui.core.model import is_withheld

        verbatim = getattr(item, "verbatim", True) and not is_withheld(item.label)
        return f"\u201c{short(item.label)}\u201d" if verbatim else short(item.label)
    return item.label if item is not None else fallback

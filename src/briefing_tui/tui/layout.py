"""Word wrapping for the reader's own line-based views.

Textual's widgets wrap text when they render it, which is right for a few hundred
rows and far too slow for twenty thousand. The reader's lists and pages wrap with
`line_breaks` instead: a greedy word wrap that only computes where lines break, fast
enough to size every row of a big brief, and exact, so a row is drawn at the height
it was measured.
"""

from __future__ import annotations

import re

from rich.cells import cell_len, get_character_cell_size
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.strip import Strip

from briefing_tui.core.printable import visible

__all__ = ["line_breaks", "overlay", "split_lines", "to_strip", "visible", "wrap"]

_WORD = re.compile(r"\S+\s*|\s+")
# Characters below U+2E80 that do not take exactly one cell: combining marks,
# zero-width ones, the wide symbols and emoji of the BMP. From U+2E80 on (CJK,
# Hangul, fullwidth forms, and past the BMP, most emoji) text is measured cell by
# cell; below it, text without any of these is measured by its length. Kept short:
# the whole range as one class took 2 ms to compile, on the way to the first screen.
_NOT_NARROW = re.compile(
    "[\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0e31-\u0e3a"
    "\u1100-\u115f\u1ab0-\u1aff\u1dc0-\u1dff\u200b-\u200f\u20d0-\u20ff\u2329\u232a"
    "\u231a\u231b\u23e9-\u23f3\u25fd\u25fe\u2614\u2615\u2648-\u2653\u26aa-\u26ff\u2705\u270a-\u274e]"
)
_WIDE_FROM = "\u2e80"


def _narrow(plain: str) -> bool:
    """True when every character of `plain` takes exactly one cell (False: maybe not)."""
    return plain.isascii() or (max(plain) < _WIDE_FROM and not _NOT_NARROW.search(plain))


def line_breaks(plain: str, width: int) -> list[tuple[int, int]]:
    """The (start, end) of each line of `plain` wrapped to `width` cells.

    Newlines always break; words move whole to the next line; a word wider than
    the line is cut. Trailing spaces stay on their line and are not drawn.
    """
    width = max(1, width)
    measure = len if _narrow(plain) else cell_len
    lines: list[tuple[int, int]] = []
    start = 0
    while True:
        newline = plain.find("\n", start)
        end = len(plain) if newline == -1 else newline
        if measure(plain[start:end]) <= width:
            lines.append((start, end))
        elif measure is len:
            _wrap_ascii(plain, start, end, width, lines)
        else:
            _wrap_paragraph(plain, start, end, width, measure, lines)
        if newline == -1:
            return lines
        start = newline + 1


def _wrap_ascii(plain: str, start: int, end: int, width: int, lines: list[tuple[int, int]]) -> None:
    """The same greedy wrap for ASCII text, a line at a time instead of a word at a time."""
    position = start
    while end - position > width:
        cut = plain.rfind(" ", position, position + width + 1)
        if cut <= position:  # no space to break at: cut the word
            lines.append((position, position + width))
            position += width
            continue
        lines.append((position, cut))
        position = cut + 1
        while position < end and plain[position] == " ":
            position += 1
    lines.append((position, end))


def _wrap_paragraph(plain: str, start: int, end: int, width: int, measure, lines: list[tuple[int, int]]) -> None:  # type: ignore[no-untyped-def]
    line_start = start
    used = 0
    for match in _WORD.finditer(plain, start, end):
        word_start, word_end = match.span()
        word = match.group()
        shown = measure(word.rstrip())
        if used and used + shown > width:
            lines.append((line_start, word_start))
            line_start, used = word_start, 0
        if shown > width:  # a word longer than a line: cut it
            line_start, used = _cut_word(plain, word_start, word_end, width, lines)
            continue
        used += measure(word)
    lines.append((line_start, end))


def _cut_word(plain: str, start: int, end: int, width: int, lines: list[tuple[int, int]]) -> tuple[int, int]:
    """Cut the word plain[start:end] into lines of `width` cells; the start of what is
    left on the last line, and its width.

    Each piece between two places a cut may fall is measured once: measuring the rest
    of the word at every cut took 29 s for 100,000 CJK characters without a space."""
    shown_end = start + len(plain[start:end].rstrip())
    line_from, used = start, 0
    piece = start
    for index in range(start + 1, shown_end + 1):
        if index < shown_end and not _may_cut(plain, index):
            continue
        cells = cell_len(plain[piece:index])
        if used and used + cells > width:
            lines.append((line_from, piece))
            line_from, used = piece, 0
        used += cells
        piece = index
    return line_from, used + (end - shown_end)


# Never cut inside a character sequence drawn as one: before a joiner, a variation
# selector or a mark that combines with the letter before it, nor after a joiner.
_JOINED = frozenset("\u200d\ufe0e\ufe0f")


def _may_cut(plain: str, index: int) -> bool:
    char = plain[index]
    return char not in _JOINED and plain[index - 1] != "\u200d" and (char.isascii() or get_character_cell_size(char) > 0)


def wrap(text: Text, width: int) -> list[Text]:
    """Rich text wrapped with `line_breaks`, styles kept, trailing spaces dropped."""
    return split_lines(text, line_breaks(text.plain, width))


def split_lines(text: Text, breaks: list[tuple[int, int]]) -> list[Text]:
    """Rich text cut into the lines `breaks` gives (from `line_breaks` of its plain
    text), styles kept, trailing spaces dropped."""
    # One division for all lines: slicing a Text copies all of it, so cutting a
    # 100 KB line one slice per line took minutes.
    offsets = [offset for line in breaks for offset in line]
    pieces = text.divide(offsets)
    lines = []
    for number in range(len(breaks)):
        line = pieces[2 * number + 1]
        line.rstrip()
        lines.append(line)
    return lines


def to_strip(console: Console, line: Text, width: int, indent: int = 0, base: Style | None = None) -> Strip:
    """One wrapped line as a Strip `width` cells wide, indented by `indent` cells."""
    # Text.render draws the spans only; the text's own style goes underneath them.
    segments = list(line.render(console))
    if line.style:
        segments = list(Segment.apply_style(segments, console.get_style(line.style)))
    if indent:
        segments.insert(0, Segment(" " * indent, base))
    if base is not None:
        segments = list(Segment.apply_style(segments, base))
    # Cut or padded to the width here, and one Strip made: each Strip holds caches
    # of its own, and a page draws thousands of lines.
    return Strip(Segment.adjust_line_length(segments, width, style=base), width)


def overlay(strip: Strip, style: Style) -> Strip:
    """The strip with `style` laid over every segment (a cursor, a highlight)."""
    return Strip(Segment.apply_style(strip, post_style=style), strip.cell_length)

"""On which line of its file each part of a text was written.

A text knows where it starts (the `|` of a block, the quote of a quoted value); a
match further into a block or a wrapped value is lines below that. The words of
the text as shown are walked alongside the words of the file from where the text
starts, and each place where the file's line changes is kept as an anchor: the
offset in the text and the line it is on. Words the file does not hold as shown
(a link shown by its label, an escape) are passed over, so an anchor is never
further off than the next word found.
"""

from __future__ import annotations

import codecs
import os
import re
from bisect import bisect_right
from collections.abc import Iterator

_BREAKS = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")
"""Line breaks as YAML (and so the loader's line numbers) counts them."""
_WORD = re.compile(r"\w+")
_LOOKAHEAD = 64
"""How many words of the file a word of the text is looked for among, before it is
taken for one the file does not hold as shown."""
BOM_ENCODINGS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
"""The encodings a brief may be in, by the mark it starts with (else UTF-8)."""


def source_lines(path: str | os.PathLike[str]) -> list[str] | None:
    """The lines of a brief file as the loader numbers them, or None when it cannot be read."""
    try:
        with open(path, "rb") as file:
            data = file.read()
    except OSError:
        return None
    encoding = next((name for bom, name in BOM_ENCODINGS if data.startswith(bom)), "utf-8")
    return _BREAKS.split(data.decode(encoding, "replace"))


def line_anchors(lines: list[str], line: int, column: int, value: str) -> list[int]:
    """Where the lines of `value` (a text written from `line`:`column` of the file
    whose `lines` these are) change, flat: offset in `value`, line, offset, line...
    Empty when the whole text is on its first line."""
    if not 0 < line <= len(lines):
        return []
    if "\n" not in value and value in lines[line - 1]:
        return []
    anchors: list[int] = []
    file_words = _file_words(lines, line, column)
    ahead: list[tuple[str, int]] = []
    current, since, misses = line, 0, 0
    for word in _WORD.finditer(value):
        text = word.group()
        # A word is at most a line further than the last one found, and one more
        # for each line break of the text between them and each word not found.
        reach = current + 1 + misses + value.count("\n", since, word.start())
        # The file's words are taken only as far as they are looked at: a name or a
        # title is found among the first few, never the whole look-ahead.
        index = 0
        while True:
            if index == len(ahead):
                found = next(file_words, None) if index < _LOOKAHEAD else None
                if found is None:
                    misses += 1
                    break
                ahead.append(found)
            candidate, at = ahead[index]
            if at > reach:
                misses += 1
                break
            if candidate == text:
                if at != current:
                    anchors += (word.start(), at)
                    current = at
                since, misses = word.end(), 0
                del ahead[: index + 1]
                break
            index += 1
    return anchors


def shown_anchors(anchors: list[int], links: list[tuple[int, int, int]]) -> list[int]:
    """Anchors of a text written with links, moved onto the text as shown, where each
    link (start, end, length shown) reads as what it shows."""
    moved = list(anchors)
    for index in range(0, len(moved), 2):
        offset = moved[index]
        shift = 0
        for start, end, shown in links:
            if offset < end:
                if offset > start:
                    shift -= offset - start  # within a link: where what it shows starts
                break
            shift += shown - (end - start)
        moved[index] = offset + shift
    return moved


def _file_words(lines: list[str], line: int, column: int) -> Iterator[tuple[str, int]]:
    """Each word of the file from `line`:`column` on, with its line."""
    number = line
    start = max(0, column - 1)
    while number <= len(lines):
        for match in _WORD.finditer(lines[number - 1], start):
            yield match.group(), number
        number += 1
        start = 0


def line_at(line: int, anchors: list[int], offset: int) -> int:
    """The line of the character at `offset` of a text written from `line`, by its anchors."""
    index = bisect_right(anchors[0::2], offset)
    return anchors[2 * index - 1] if index else line

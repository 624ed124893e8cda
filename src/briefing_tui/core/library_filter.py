"""The library's filter: which files of the listing hold every word typed.

A word typed on narrows the answer before it: `kyiv` is looked for only among the
files `kyi` found, and a word taken back (`backspace`) finds an answer kept from
before. At 20,000 files each keystroke then looks through the few files still in
play, not through all of them again. The answer is the same as looking through
every file, in the listing's order.
"""

from __future__ import annotations

import os
import re
import threading
from array import array
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from briefing_tui.core.text import fold

if TYPE_CHECKING:
    from briefing_tui.core.library import Entry

Haystack = tuple[str, frozenset[str]]
"""What the filter looks through in one file, folded, and the numbers in it."""

KEPT = 32
"""Answers kept for words typed on or taken back."""
STEP = 2048
"""Files looked through between two looks at whether the answer is still wanted."""

_NUMBER = re.compile(r"\d+")


def haystack(entry: Entry) -> Haystack:
    """What the filter looks through: title, date, tags, id and file name, folded;
    and the numbers in them."""
    parts = [entry.title or "", entry.date.isoformat() if entry.date else "", *entry.tags, entry.id or "", os.path.basename(entry.path)]
    if not entry.ok and not entry.waiting:
        parts.append("cannot be opened")
    text = fold(" ".join(parts))
    return text, frozenset(_NUMBER.findall(text))


def words_of(text: str) -> tuple[str, ...]:
    """The words of a filter as typed, folded as the haystacks are."""
    return tuple(fold(text).split())


def matches(words: Sequence[str], found: Haystack) -> bool:
    """Every word is in the file; a number must be a whole number of it (`2` is day
    2, not the 2 of 2026)."""
    text, numbers = found
    return all(word in numbers if word.isdigit() else word in text for word in words)


def narrower(word: str, than: str) -> bool:
    """Every file `word` finds, `than` finds too. A number finds only itself (`12` is
    not within the files `1` finds); other words find what they hold (`kyiv` is
    within `kyi`), and a number holds no other word."""
    if word == than:
        return True
    return not word.isdigit() and not than.isdigit() and than in word


def within(words: Sequence[str], than: Sequence[str]) -> bool:
    """Every file `words` finds, `than` finds too: each word of `than` is implied by
    one of `words`."""
    return all(any(narrower(word, other) for word in words) for other in than)


class Stopped(Exception):
    """The answer was no longer wanted (another filter was typed meanwhile)."""


class LibraryFilter:
    """Filters one listing of entries; safe to ask from several threads at once (the
    answers are made one at a time, the last answers kept for the next)."""

    def __init__(self, entries: Sequence[Entry]) -> None:
        self._entries = list(entries)
        self._haystacks: list[Haystack] | None = None
        """Made on the first filter typed, not with the listing: a library of 20,000
        briefs lists them all before anything is typed."""
        self._answers: dict[tuple[str, ...], array[int]] = {}
        """The last answers by their words, oldest first (arrays: 4 bytes a place,
        where a list of 20,000 places holds 20,000 objects)."""
        self._lock = threading.Lock()

    def matching(self, text: str, stopped: Callable[[], bool] = lambda: False) -> Sequence[int]:
        """The places in the listing of the files that hold every word of `text`, in
        the listing's order (every place when it has no word); not to be changed, it
        is kept for the next. `stopped` is asked now and then: once it says True the
        answer is given up (`Stopped`)."""
        words = words_of(text)
        if not words:
            return range(len(self._entries))
        with self._lock:
            if stopped():
                raise Stopped
            haystacks = self._made()
            answer = self._answers.pop(words, None)
            if answer is None:
                answer = self._look(words, self._places(words), haystacks, stopped)
            self._answers[words] = answer  # the newest last: the oldest go first
            while len(self._answers) > KEPT:
                del self._answers[next(iter(self._answers))]
            return answer

    def prepare(self) -> None:
        """Make what the filter looks through, before the first word is typed."""
        with self._lock:
            self._made()

    def _made(self) -> list[Haystack]:
        # Made whole even for a filter typed over: the next one needs them too.
        if self._haystacks is None:
            self._haystacks = [haystack(entry) for entry in self._entries]
        return self._haystacks

    def _places(self, words: tuple[str, ...]) -> Sequence[int]:
        """Where to look: the fewest files a kept answer found for words these narrow."""
        best: Sequence[int] = range(len(self._entries))
        for kept, answer in self._answers.items():
            if len(answer) < len(best) and within(words, kept):
                best = answer
        return best

    @staticmethod
    def _look(words: tuple[str, ...], places: Sequence[int], haystacks: list[Haystack], stopped: Callable[[], bool]) -> array[int]:
        found = array("i")
        for start in range(0, len(places), STEP):
            if stopped():
                raise Stopped
            found.extend(place for place in places[start : start + STEP] if matches(words, haystacks[place]))
        return found

"""The library's filter answered from the answers before it (a word typed on, a word
taken back) lists exactly what filtering every file from scratch lists, in order."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefing_tui.core.library import Entry
from briefing_tui.core.library_filter import LibraryFilter, Stopped, haystack, matches, words_of

_WORD = st.sampled_from(
    ["kyiv", "kyi", "ky", "talks", "talk", "day", "1", "12", "21", "2", "01", "2026", "\u00e9t\u00e9", "ete", "Day", "series-1", "-"]
)


def _entry(number: int, words: list[str], day: int, tags: list[str], broken: bool) -> Entry:
    path = f"/briefs/{'-'.join(words[:2]) or 'brief'}-{number}.yaml"
    if broken:
        return Entry(path, None, errors=1)
    return Entry(path, number, None, f"brief-{number}", " ".join(words) or "Untitled", dt.date(2026, 1, day), tuple(tags))


_ENTRIES = st.lists(
    st.builds(_entry, st.integers(0, 99), st.lists(_WORD, max_size=4), st.integers(1, 28), st.lists(_WORD, max_size=2), st.booleans()),
    max_size=40,
)
_TYPING = st.lists(st.tuples(st.sampled_from(["", " "]), _WORD, st.integers(0, 6)), max_size=8)
"""How the box is typed in: a word, a key at a time (after a space or not), then
some keys taken back with `backspace`."""


def _from_scratch(entries: list[Entry], text: str) -> list[int]:
    words = words_of(text)
    return [place for place, entry in enumerate(entries) if matches(words, haystack(entry))]


def _typed(start: str, typing: list[tuple[str, str, int]]) -> list[str]:
    """The box after each key."""
    boxes = [start]
    for space, word, taken_back in typing:
        for key in space + word:
            boxes.append(boxes[-1] + key)
        for _ in range(taken_back):
            boxes.append(boxes[-1][:-1])
    return boxes


@given(_ENTRIES, st.text(max_size=3), _TYPING)
def test_each_answer_is_the_answer_from_scratch_however_the_filter_was_typed(entries, start, typing):
    filtering = LibraryFilter(entries)
    for text in _typed(start, typing):
        assert list(filtering.matching(text)) == _from_scratch(entries, text), text


def test_a_number_typed_on_is_a_new_number_not_within_the_one_before():
    # `day 1` finds day 1 and day 12 holds no 1: typed on to `day 12`, the answer is
    # looked for among every file, not among those `day 1` found.
    entries = [_entry(0, ["day", "12"], 12, [], False), _entry(1, ["day", "1"], 1, [], False), _entry(2, ["day", "112"], 2, [], False)]
    filtering = LibraryFilter(entries)
    assert list(filtering.matching("day 1")) == [1]
    assert list(filtering.matching("day 12")) == [0]
    assert list(filtering.matching("day 1")) == [1]
    assert list(filtering.matching("day")) == [0, 1, 2]
    assert list(filtering.matching("da")) == [0, 1, 2]
    assert list(filtering.matching("day 112")) == [2]


def test_an_answer_no_longer_wanted_is_given_up_and_not_kept():
    filtering = LibraryFilter([_entry(n, ["talks", str(n)], 1, [], False) for n in range(10)])
    asked = iter([False, True])  # wanted as it starts, typed over as it looks
    with pytest.raises(Stopped):
        filtering.matching("talks", lambda: next(asked))
    assert list(filtering.matching("talks 3")) == [3]
    assert list(filtering.matching("talks")) == list(range(10))

"""How `briefing find` places each hit in its text and cuts its snippet: by counting
where the text is plain (words one space apart), as `snippet` would cut it; and a
word typed with punctuation is placed where the word is."""

from __future__ import annotations

import os
import re
import time

from hypothesis import given
from hypothesis import strategies as st

from briefing_tui.core.cache import BriefCache
from briefing_tui.core.find_query import SNIPPET_WIDTH, _cut, _finder, _line, find_spots
from briefing_tui.core.library import Library
from briefing_tui.core.query import EXACT, INNER, PREFIX, TYPO, Term, query_terms
from briefing_tui.core.text import snippet
from briefing_tui.core.text_lines import line_at


def _around(text: str, start: int, end: int) -> str:
    """`snippet` of the text around the match (twice its width on either side), an
    ellipsis where the text was cut before it was given: the snippet `find` prints."""
    low, high = max(0, start - 2 * SNIPPET_WIDTH), end + 2 * SNIPPET_WIDTH
    shown = snippet(text[low:high], start - low, end - low, SNIPPET_WIDTH)[0]
    if low and not shown.startswith("\u2026"):
        shown = "\u2026" + shown[1:]
    if high < len(text) and not shown.endswith("\u2026"):
        shown = shown[:-1] + "\u2026"
    return shown


_WORDS = st.text(alphabet="abcXYZ\u00e9\u00df\u2019.,", min_size=1, max_size=12)
_PLAIN = st.lists(_WORDS, min_size=1, max_size=60).map(" ".join)
_ANY = st.text(alphabet="ab \t\n\u00a0\u2028\u00e9\x1b", max_size=400)
_LINES = st.tuples(
    st.text(" \n\t", max_size=3),
    st.lists(st.tuples(_WORDS, st.sampled_from([" ", "\n", "  ", "\n\n", " \n"])), min_size=1, max_size=40),
    st.text(" \n", max_size=3),
).map(lambda parts: parts[0] + "".join(word + gap for word, gap in parts[1])[:-1] + parts[2])
"""A block's lines, mostly: words a space or a line break apart, whitespace at either end."""


@given(st.one_of(_PLAIN, _ANY, _LINES), st.data())
def test_a_snippet_is_cut_as_snippet_cuts_the_text_around_the_match(text, data):
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, min(len(text), start + 100)))
    assert _cut(text, start, end) == _around(text, start, end)


def test_the_snippets_of_plain_text_are_cut_as_before_at_either_end_and_in_the_middle():
    text = " ".join(f"word{n}" for n in range(100))
    for start in (0, 5, text.index("word50"), len(text) - len("word99")):
        end = start + 6
        assert _cut(text, start, end) == _around(text, start, end)
        assert len(_cut(text, start, end)) == SNIPPET_WIDTH


def _first_token(folded: str, found: dict[str, float], quality: float) -> tuple[int, int]:
    """The first word of the text that the term found with `quality`: where it matched so."""
    for match in re.finditer(r"\w+", folded):
        if found.get(match.group()) == quality:
            return match.span()
    return 0, 0


_VOCABULARY = ["ad", "adler", "adlar", "alder", "badler", "adlers", "x_adler", "\u00e9t\u00e9", "2026"]


@given(
    st.lists(st.sampled_from([*_VOCABULARY, " ", ", ", "-", "_", "\u00b7"]), max_size=30).map("".join),
    st.dictionaries(st.sampled_from(_VOCABULARY), st.sampled_from([PREFIX, INNER, TYPO]), max_size=9),
    st.sampled_from([PREFIX, INNER, TYPO]),
)
def test_a_word_is_placed_on_the_first_word_of_the_text_found_as_well_as_it_scored(folded, found, quality):
    term = Term("adler", ("adler",), False)
    assert _finder(term, found, quality)(folded) == _first_token(folded, found, quality)
    many = dict.fromkeys([f"w{n}" for n in range(20)], quality) | found  # more words than are looked for one by one
    assert _finder(term, many, quality)(folded) == _first_token(folded, many, quality)
    exact = re.search(r"(?<!\w)adler(?!\w)", folded)
    assert _finder(term, {"adler": EXACT}, EXACT)(folded) == (exact.span() if exact else (0, 0))


@given(st.integers(1, 50), st.lists(st.tuples(st.integers(0, 300), st.integers(1, 90)), max_size=8), st.integers(0, 320))
def test_a_hit_is_on_the_line_its_text_anchors_say(line, pairs, offset):
    anchors = [number for pair in sorted(pairs) for number in pair]
    assert _line(line, " ".join(map(str, anchors)), offset) == line_at(line, anchors, offset)


_BRIEF = """\
brief: 1
title: Déjà vu at the café
date: 2026-01-29
summary: |
  The  naïve ﬁnance chief of Zürich said “no” to the Café Müller deal,
  twice.\tThen Ms Adler, of Adler & Sons, asked again, and again:
  {filler}
  At last the board agreed to the Müller reconstruction plan.
key_points:
  - "Greta Adler, the chair, spoke first;  then the board."
  - Kyiv's envoy left early.
"""


def _library(tmp_path):
    folder = tmp_path / "briefs"
    folder.mkdir()
    filler = " ".join(["nothing new was said on the matter"] * 30)
    (folder / "cafe.yaml").write_text(_BRIEF.format(filler=filler), encoding="utf-8")
    hour_ago = time.time() - 3600
    os.utime(folder / "cafe.yaml", (hour_ago, hour_ago))
    library = Library([str(folder / "cafe.yaml")], BriefCache(tmp_path / "cache"))
    for _ in library.read():
        pass
    return library


def test_hits_in_text_that_is_not_plain_are_placed_and_cut_as_the_search_in_memory_does(tmp_path):
    library = _library(tmp_path)
    in_memory = Library(library.files, BriefCache(tmp_path / "plain"))
    in_memory.cache._fts = False
    in_memory.cache._create(in_memory.cache.connection)
    for _ in in_memory.read():
        pass
    entries = [entry for entry in library.listing() if entry.ok and entry.key is not None]
    order = {entry.key: place for place, entry in enumerate(entries)}
    for query in ("muller", "zurich", "finance", "reconstruction", "naive", "adler", "Adlar", "kyiv", '"the board agreed"', "sons", "cafe"):
        expected, total = in_memory.find(query)
        found, count = find_spots(library.cache.connection, query_terms(query), order)
        assert count == total > 0, query
        assert [(f.field, f.line, f.snippet, f.matched) for f in found] == [(h.field, in_memory.line(h), h.snippet(), h.matched) for h in expected], (
            query
        )


def test_a_word_written_with_punctuation_is_placed_where_the_word_is(tmp_path):
    library = _library(tmp_path)
    entries = [entry for entry in library.listing() if entry.ok and entry.key is not None]
    order = {entry.key: place for place, entry in enumerate(entries)}
    for query, words in (("reconstruction, muller", "reconstruction muller"), ("adler; greta", "adler greta"), ("(muller) plan", "muller plan")):
        found, _ = find_spots(library.cache.connection, query_terms(query), order)
        plain, _ = find_spots(library.cache.connection, query_terms(words), order)
        assert plain and all(f.matched for f in plain)
        assert [(f.snippet, f.matched, f.line) for f in found] == [(f.snippet, f.matched, f.line) for f in plain], query

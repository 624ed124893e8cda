"""Search across a library as it is typed: the best hits of a query are the best of
every hit however they are found (briefs visited newest first, the best words read
from the whole index, or every match scored), the count stops at a cap and says so,
and what is kept between keystrokes is never given for a library that changed."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from benchmarks.generate import write_series

from briefing_tui.core import find_best
from briefing_tui.core import library_search as search_module
from briefing_tui.core.cache import BriefCache
from briefing_tui.core.files import brief_files
from briefing_tui.core.find_best import AtLeast
from briefing_tui.core.library import Library
from tests.core.test_library import actor, brief, opened, write

QUERIES = [
    "g",
    "r",
    "Gret",
    "Greta",
    "Greta A",
    "Greta Adl",
    "Adlar",
    "dler",
    "kal",
    "kalomi",
    "reco",
    "reconstruction",
    "generated issue",
    "generated issue 3",
    '"border c',
    '"border corridor"',
    "adler kalo",
    "summit envoy",
    "zzzq",
]


@pytest.fixture(scope="module")
def series(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[str], Path]:
    """The files of a library of 40 generated briefs, and a cache that holds them all."""
    folder = tmp_path_factory.mktemp("series")
    write_series(folder, 40, per_series=10)
    hour_ago = time.time() - 3600
    for path in folder.iterdir():
        os.utime(path, (hour_ago, hour_ago))
    files = brief_files([str(folder)])[0]
    cache = tmp_path_factory.mktemp("cache")
    for _ in Library(files, BriefCache(cache)).read():
        pass
    return files, cache


def warm(series: tuple[list[str], Path]) -> Library:
    """The library opened again from its cache: nothing kept from another test's queries."""
    files, cache = series
    library = Library(files, BriefCache(cache))
    assert not library.pending and library.cache.fts
    return library


WAYS = {
    "as it comes": {},
    "the best words read from the whole index": {"MOST_WORDS": 0},
    "briefs visited one at a time": {"FIRST_BRIEFS": 1, "MOST_BRIEFS": 1, "SEEK_ROWS": 0},
    "visiting given up after the first brief": {"FIRST_BRIEFS": 1, "SEEK_ROWS": 10**9},
}


@pytest.mark.parametrize("way", WAYS)
@pytest.mark.parametrize("query", QUERIES)
def test_the_best_hits_as_typed_are_the_best_of_every_hit(series, query, way, monkeypatch):
    for name, value in WAYS[way].items():
        monkeypatch.setattr(find_best, name, value)
    library = warm(series)
    every, total = library.find(query)  # every match scored
    assert not isinstance(total, AtLeast) and total == len(every)
    for limit in (1, 4, 25):
        hits, count = library.find(query, limit)
        assert hits == every[:limit]
        if isinstance(count, AtLeast):
            assert len(hits) <= count <= total
        else:
            assert count == total


def test_a_query_many_items_match_is_answered_without_scoring_every_one(series, monkeypatch):
    library = warm(series)
    every = {query: library.find(query)[0] for query in ("generated", "generated issue", "reconstruction", '"generated issue"')}

    def scored_every_match(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError("every match was scored")

    monkeypatch.setattr(search_module, "ranked_items", scored_every_match)
    for query, hits in every.items():
        assert library.find(query, 10)[0] == hits[:10]


def test_the_count_stops_at_the_cap_and_says_at_least(series, monkeypatch):
    library = warm(series)
    totals = {query: library.find(query)[1] for query in ("generated", "generated issue", "kalomi")}
    monkeypatch.setattr(find_best, "COUNTED", 30)
    hits, count = library.find("generated", 10)
    assert isinstance(count, AtLeast) and 30 <= count < totals["generated"]
    hits, count = library.find("generated issue", 10)
    assert isinstance(count, AtLeast) and len(hits) <= count <= totals["generated issue"]
    hits, count = library.find("kalomi", 10)
    assert count == totals["kalomi"] < 30 and not isinstance(count, AtLeast)


def test_a_word_typed_on_that_finds_the_same_words_asks_the_index_once(series, monkeypatch):
    library = warm(series)
    asked = []
    best_items = search_module.best_items

    def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
        asked.append(args)
        return best_items(*args, **kwargs)

    monkeypatch.setattr(search_module, "best_items", counted)
    answers = [library.find(typed, 10) for typed in ("reconstru", "reconstruc", "reconstruct")]
    assert len(asked) == 1 and answers[0] == answers[1] == answers[2]
    library.find("reconstruction", 10)  # the whole word: found exactly, it scores more
    assert len(asked) == 2


def test_an_answer_kept_is_not_given_once_the_library_changed(tmp_path):
    folder = tmp_path / "lib"
    write(folder, "a.yaml", brief("a", "2026-01-01", actors=actor("k1", "Kalomir Dvorak")))
    write(folder, "b.yaml", brief("b", "2026-01-02", actors=actor("g1", "Greta Adler")))
    library = opened(folder)
    hits, count = library.find("kalomir", 10)
    assert [hit.path for hit in hits] == [str(folder / "a.yaml")] and count == 1
    write(folder, "b.yaml", brief("b", "2026-01-02", actors=actor("k1", "Kalomir Dvorak")))
    assert library.refresh()
    for _ in library.read():
        pass
    hits, count = library.find("kalomir", 10)
    assert [hit.path for hit in hits] == [str(folder / "b.yaml"), str(folder / "a.yaml")] and count == 2

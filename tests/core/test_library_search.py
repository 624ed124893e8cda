"""Search across a library as it is typed: what is kept between keystrokes answers a
query that finds the same words again, and is never given for a library that changed."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from benchmarks.generate import write_series

from briefing_tui.core import library_search as search_module
from briefing_tui.core.cache import BriefCache
from briefing_tui.core.files import brief_files
from briefing_tui.core.library import Library
from tests.core.test_library import actor, brief, opened, write


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


def test_a_word_typed_on_that_finds_the_same_words_asks_the_index_once(series, monkeypatch):
    library = warm(series)
    asked = []
    ranked_items = search_module.ranked_items

    def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
        asked.append(args)
        return ranked_items(*args, **kwargs)

    monkeypatch.setattr(search_module, "ranked_items", counted)
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

"""The full-text index of every text (`briefing find`, and the library's `/`) agrees
with the search in memory of every item (`SearchIndex`, what a library searches
without FTS5): the same hits, in the same order, each placed on the same line with
the same snippet."""

from __future__ import annotations

import os
import time

import pytest
from benchmarks.generate import write_series

from briefing_tui.core.cache import BriefCache
from briefing_tui.core.find_index import WEIGHT_OF_CODE, word_fields
from briefing_tui.core.find_query import find_spots
from briefing_tui.core.library import Library
from briefing_tui.core.query import query_terms
from tests.core.test_library import actor, brief, opened, write


def _read(paths, cache):
    library = Library([str(p) for p in paths], cache)
    for _ in library.read():
        pass
    return library


@pytest.fixture(scope="module")
def libraries(tmp_path_factory):
    """The same briefs, with the full-text index and without."""
    folder = tmp_path_factory.mktemp("library")
    paths = write_series(folder, 24)
    hour_ago = time.time() - 3600
    for path in paths:
        os.utime(path, (hour_ago, hour_ago))
    in_memory = BriefCache(tmp_path_factory.mktemp("plain"))
    assert in_memory.fts
    in_memory._fts = False  # as a SQLite without FTS5 would have it: tables made again without
    in_memory._create(in_memory.connection)
    return _read(paths, BriefCache(tmp_path_factory.mktemp("cache"))), _read(paths, in_memory)


@pytest.mark.parametrize("query", ["adler", "Greta Adler", "generated issue 3", '"border corridor"', "Adlar", "kalomi", "env", "talks envoy", "zzzz"])
def test_the_index_of_texts_agrees_with_the_search_in_memory(libraries, query):
    library, in_memory = libraries
    assert library.cache.fts and not in_memory.cache.fts
    entries = [entry for entry in library.listing() if entry.ok and entry.key is not None]
    order = {entry.key: place for place, entry in enumerate(entries)}
    paths = {entry.key: entry.path for entry in entries}
    expected, total = in_memory.find(query)
    found, count = find_spots(library.cache.connection, query_terms(query), order)
    assert count == total
    assert [(paths[f.key], f.kind, f.item_id, f.field, f.line, f.snippet) for f in found] == [
        (h.path, h.kind, h.item_id, h.field, in_memory.line(h), h.snippet()) for h in expected
    ]
    best, _ = find_spots(library.cache.connection, query_terms(query), order, limit=3)
    assert best == found[:3]
    hits, _ = library.find(query, 5)
    assert [(h.path, h.item_id, h.snippet(), library.title(h)) for h in hits] == [
        (h.path, h.item_id, h.snippet(), in_memory.title(h)) for h in expected[:5]
    ]


def weights(fields: int) -> set[float]:
    """The weights of the fields a word's bits (`word_fields`) say it was in."""
    return {weight for code, weight in enumerate(WEIGHT_OF_CODE) if fields >> code & 1}


def test_the_index_knows_the_fields_each_word_was_ever_in(tmp_path):
    folder = tmp_path / "lib"
    write(folder, "a.yaml", brief("a", "2026-01-01", actors=actor("k1", "Kalomir Dvorak")))
    library = opened(folder)
    with library.cache.using() as db:
        assert db is not None
        fields = word_fields(db)
    assert weights(fields["kalomir"]) == weights(fields["dvorak"]) == {4.0}  # a name of two words
    # The name goes; its words keep the name's weight: what they may score, never less.
    write(folder, "a.yaml", brief("a", "2026-01-01", actors=actor("k1", "Dvorak")))
    assert library.refresh()
    for _ in library.read():
        pass
    with library.cache.using() as db:
        assert db is not None
        fields = word_fields(db)
    assert weights(fields["dvorak"]) == {4.0, 6.0}
    assert library.find("kalomir", 10) == ([], 0)
    hits, count = library.find("dvorak", 10)
    assert count == 1 and hits[0].field == "name" and hits[0].score == library.find("dvorak")[0][0].score

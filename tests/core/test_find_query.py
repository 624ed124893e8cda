"""`briefing find`'s query over the cache's index of every text agrees with the
library's search in memory: the same hits, in the same order, each placed on the same
line with the same snippet."""

from __future__ import annotations

import os
import time

import pytest
from benchmarks.generate import write_series

from briefing_tui.core.cache import BriefCache
from briefing_tui.core.find_query import find_spots
from briefing_tui.core.library import Library
from briefing_tui.core.query import query_terms


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    folder = tmp_path_factory.mktemp("library")
    paths = write_series(folder, 24)
    hour_ago = time.time() - 3600
    for path in paths:
        os.utime(path, (hour_ago, hour_ago))
    library = Library([str(p) for p in paths], BriefCache(tmp_path_factory.mktemp("cache")))
    for _ in library.read():
        pass
    return library


@pytest.mark.parametrize("query", ["adler", "Greta Adler", "generated issue 3", '"border corridor"', "Adlar", "kalomi", "env", "talks envoy", "zzzz"])
def test_find_agrees_with_the_library_search(library, query):
    entries = [entry for entry in library.listing() if entry.ok and entry.key is not None]
    order = {entry.key: place for place, entry in enumerate(entries)}
    paths = {entry.key: entry.path for entry in entries}
    expected, total = library.find(query)
    found, count = find_spots(library.cache.connection, query_terms(query), order)
    assert count == total
    assert [(paths[f.key], f.kind, f.item_id, f.field, f.line, f.snippet) for f in found] == [
        (h.path, h.kind, h.item_id, h.field, library.line(h), h.snippet()) for h in expected
    ]
    best, _ = find_spots(library.cache.connection, query_terms(query), order, limit=3)
    assert best == found[:3]

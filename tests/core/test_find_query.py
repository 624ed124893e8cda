"""The full-text index of every text (`briefing find`, and the library's `/`) agrees
with the search in memory of every item (`SearchIndex`, what a library searches
without FTS5): the same hits, in the same order, each placed on the same line with
the same snippet."""

from __future__ import annotations

import os
import sqlite3
import time

import pytest
from benchmarks.generate import write_series

from briefing_tui.core import cache as cache_module
from briefing_tui.core.cache import BriefCache
from briefing_tui.core.find_index import WEIGHT_MASK, WEIGHT_OF_CODE, word_fields
from briefing_tui.core.find_query import find_spots, rarest_first, term_words, vocabulary_of
from briefing_tui.core.library import Library
from briefing_tui.core.library_index import index_rows
from briefing_tui.core.loader import load_brief
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


@pytest.mark.parametrize(
    "query",
    ["adler", "Greta Adler", "generated issue 3", '"border corridor"', "Adlar", "kalomi", "env", "talks envoy", "zzzz"]
    + ["generated adler", "3 generated issue", "issue greta adl", 'series "border corridor" generated', "adlar talks a"],
)
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


def test_the_vocabulary_holds_every_word_stored_even_after_a_write_that_failed(tmp_path, monkeypatch):
    # Each word is written once for each weight of field it is in, by the first
    # transaction that holds it so: a transaction rolled back has written none, and
    # the next writes them.
    paths = [str(p) for p in write_series(tmp_path / "briefs", 3)]
    hour_ago = time.time() - 3600
    for path in paths:
        os.utime(path, (hour_ago, hour_ago))
    cache = BriefCache(tmp_path / "cache")
    written = cache_module.write_terms

    def failing(db, terms):
        written(db, terms)
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(cache_module, "write_terms", failing)
    assert all(entry.key is None for entry in _read(paths, cache).entries.values())
    assert vocabulary_of(cache.connection) == []
    monkeypatch.setattr(cache_module, "write_terms", written)
    library = Library(paths, cache)
    for _ in library.read(batch=1):  # a transaction for each brief: most words are in the first
        pass
    expected: dict[str, int] = {}
    for path in paths:
        brief = load_brief(path).brief
        assert brief is not None
        for number, words, *_ in index_rows(brief).spots:
            for word in words.split():
                expected[word] = expected.get(word, 0) | 1 << (number & WEIGHT_MASK)
    assert word_fields(cache.connection) == expected
    assert len({bits for bits in expected.values()}) > 1  # words in fields of several weights


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


@pytest.mark.parametrize("query", ["generated adler", "adler generated", "issue greta adl", "3 generated issue", 'talks "border corridor"'])
def test_terms_are_scored_the_rarest_first(libraries, query):
    db = libraries[0].cache.connection
    terms = query_terms(query)
    vocabulary = vocabulary_of(db)
    classes = [term_words(term, vocabulary, number == len(terms) - 1) for number, term in enumerate(terms)]
    # How many texts each term is in, counted here by matching each word it finds.
    texts = [
        min(_texts(db, f'"{word}"') for word in term.words) if term.whole else sum(_texts(db, f'"{word}"') for word in found)
        for term, found in zip(terms, classes, strict=True)
    ]
    order = rarest_first(db, terms, classes)
    assert sorted(order) == list(range(len(terms))) and [texts[n] for n in order] == sorted(texts)
    assert texts[order[0]] < texts[order[-1]]  # the queries mix a rare term and a common one


def _texts(db: sqlite3.Connection, expression: str) -> int:
    return db.execute("SELECT count(*) FROM spots WHERE spots MATCH ?", (expression,)).fetchone()[0]

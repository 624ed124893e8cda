"""The library: finding brief files, listing them from the cache, series, actors
across briefs, and search across briefs agreeing with the search of each brief."""

from __future__ import annotations

import datetime as dt
import os
import time
from pathlib import Path

import pytest
from benchmarks.generate import write_series

from briefing_tui.core import cache as cache_module
from briefing_tui.core import library as library_module
from briefing_tui.core import loader as loader_module
from briefing_tui.core.cache import BriefCache
from briefing_tui.core.files import brief_files
from briefing_tui.core.library import Library
from briefing_tui.core.loader import load_brief
from briefing_tui.core.search import SearchIndex

HOUR_AGO = time.time() - 3600


def settle(folder: Path) -> None:
    """Every file an hour old, so that cache entries of them are trusted."""
    for path in folder.rglob("*.y*ml"):
        os.utime(path, (HOUR_AGO, HOUR_AGO))


def brief(
    brief_id: str,
    date: str,
    *,
    tags: str = "[moscow-talks]",
    follows: str | None = None,
    actors: str = "",
    quotes: str = "",
    issues: str = "",
) -> str:
    """A small brief written for a test."""
    head = f"brief: 1\nid: {brief_id}\n" + (f"follows: {follows}\n" if follows else "")
    head += f"title: Brief {brief_id}\ndate: {date}\ntags: {tags}\nsummary: About {brief_id}.\n"
    return head + (f"actors:\n{actors}" if actors else "") + (f"quotes:\n{quotes}" if quotes else "") + (f"issues:\n{issues}" if issues else "")


def actor(actor_id: str, name: str) -> str:
    return f"  - id: {actor_id}\n    name: {name}\n"


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    os.utime(path, (HOUR_AGO, HOUR_AGO))
    return path


def opened(folder: Path) -> Library:
    """The library of a folder, every file read."""
    files, problems = brief_files([str(folder)])
    assert problems == []
    library = Library(files)
    for _ in library.read():
        pass
    return library


# -- finding files ---------------------------------------------------------------------


def test_brief_files_are_found_recursively_skipping_hidden_and_tool_folders(tmp_path):
    for name in ("a.yaml", "sub/b.YML", "sub/deeper/c.yaml", ".hidden/d.yaml", "node_modules/e.yaml", "env/f.yaml", "notes.txt", ".g.yaml"):
        write(tmp_path, name, "x")
    (tmp_path / "env" / "pyvenv.cfg").write_text("home = /usr\n")
    files, problems = brief_files([str(tmp_path)])
    assert problems == []
    assert [Path(f).relative_to(tmp_path).as_posix() for f in files] == [".g.yaml", "a.yaml", "sub/b.YML", "sub/deeper/c.yaml"]


def test_a_folder_named_any_way_gives_the_same_normal_paths(tmp_path, monkeypatch):
    write(tmp_path, "top.yaml", "x")
    write(tmp_path, "sub/deeper/c.yaml", "x")
    monkeypatch.chdir(tmp_path)
    for named in (".", "./", "sub/..", "./sub/../"):
        assert brief_files([named])[0] == ["sub/deeper/c.yaml", "top.yaml"], named
    for named in ("sub", "sub/", "./sub", "sub/deeper/.."):
        assert brief_files([named])[0] == ["sub/deeper/c.yaml"], named
    for named in (str(tmp_path), f"{tmp_path}/", f"{tmp_path}//sub/.."):
        assert brief_files([named])[0] == [f"{tmp_path}/sub/deeper/c.yaml", f"{tmp_path}/top.yaml"], named


def test_a_folder_without_briefs_is_a_problem_and_a_named_file_is_kept_as_given(tmp_path):
    (tmp_path / "empty").mkdir()
    files, problems = brief_files([str(tmp_path / "empty"), "missing.yaml"])
    assert files == ["missing.yaml"]
    assert [str(p) for p in problems] == [f"{tmp_path / 'empty'}: error: no .yaml or .yml briefs in this folder"]


# -- listing ---------------------------------------------------------------------------


def test_the_list_is_newest_first_with_invalid_files_last_and_their_first_error(tmp_path):
    write(tmp_path, "old.yaml", brief("old", "2026-01-01"))
    write(tmp_path, "new.yaml", brief("new", "2026-01-03"))
    write(tmp_path, "mid.yaml", brief("mid", "2026-01-02"))
    bad = write(tmp_path, "bad.yaml", "brief: 1\ntitle: [unclosed\n")
    library = opened(tmp_path)
    listing = library.listing()
    assert [e.id for e in listing[:3]] == ["new", "mid", "old"]
    assert listing[3].path == str(bad) and not listing[3].ok
    assert str(listing[3].first_error).startswith(f"{bad}:3:1: error: YAML syntax")
    assert (listing[0].title, listing[0].date, listing[0].tags) == ("Brief new", dt.date(2026, 1, 3), ("moscow-talks",))


def test_before_reading_every_file_waits_and_after_it_none_does(tmp_path):
    write(tmp_path, "a.yaml", brief("a", "2026-01-01"))
    write(tmp_path, "b.yaml", brief("b", "2026-01-02"))
    files, _ = brief_files([str(tmp_path)])
    library = Library(files)
    assert [e.waiting for e in library.listing()] == [True, True]
    assert list(library.read(batch=1)) == [1, 0]
    assert [e.id for e in library.listing()] == ["b", "a"]


def test_a_warm_library_is_listed_from_the_cache_without_parsing(tmp_path, monkeypatch):
    write_series(tmp_path, 12)
    settle(tmp_path)
    first = opened(tmp_path)

    def refuse(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError(f"{path} was parsed")

    monkeypatch.setattr(library_module, "load_brief", refuse)
    monkeypatch.setattr(loader_module, "load_brief", refuse)
    files, _ = brief_files([str(tmp_path)])
    again = Library(files)
    assert again.pending == []
    assert again.listing() == first.listing()
    assert again.load(files[0]).brief == load_brief(files[0]).brief


def test_a_changed_file_is_read_again_and_only_it(tmp_path):
    paths = write_series(tmp_path, 6)
    settle(tmp_path)
    library = opened(tmp_path)
    text = paths[2].read_text(encoding="utf-8").replace("title: Generated series 0, day 2", "title: Edited day 2")
    write(tmp_path, paths[2].name, text)
    os.utime(paths[2], (HOUR_AGO + 60, HOUR_AGO + 60))
    files, _ = brief_files([str(tmp_path)])
    again = Library(files)
    assert again.pending == [str(paths[2])]
    assert library.refresh() and library.pending == [str(paths[2])]  # an open library notices too
    for _ in library.read():
        pass
    assert library.entries[str(paths[2])].title == "Edited day 2 (not real content)"


def test_a_brief_read_again_leaves_none_of_its_old_words_in_the_index(tmp_path):
    quote = "  - id: q1\n    by: lavrov\n    text: {words}\n"
    path = write(
        tmp_path, "a.yaml", brief("a", "2026-01-01", actors=actor("lavrov", "Sergei Lavrov"), quotes=quote.format(words="Ripe tangerine harvest."))
    )
    library = opened(tmp_path)
    assert library.find("tangerine")[1] == 1
    write(tmp_path, "a.yaml", brief("a", "2026-01-01", actors=actor("lavrov", "Sergei Lavrov"), quotes=quote.format(words="Pomelo summit.")))
    os.utime(path, (HOUR_AGO + 60, HOUR_AGO + 60))
    assert library.refresh()
    for _ in library.read():
        pass
    assert library.find("tangerine") == ([], 0) and library.find("pomelo")[1] == 1
    with library.cache.using() as db:
        assert db is not None
        for word in ("ripe", "tangerine", "harvest"):
            assert db.execute("SELECT rowid FROM spots WHERE spots MATCH ?", (word,)).fetchall() == []
        (spot,) = db.execute("SELECT rowid FROM spots WHERE spots MATCH 'pomelo summit'").fetchall()
        assert db.execute("SELECT shown FROM spot_texts WHERE id = ?", spot).fetchone() == ("Pomelo summit.",)


def test_without_a_writable_cache_the_library_still_works(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(blocker / "cache"))
    folder = tmp_path / "briefs"
    write_series(folder, 5)
    files, _ = brief_files([str(folder)])
    library = Library(files, BriefCache())
    assert not library.cache.persistent
    for _ in library.read():
        pass
    assert [e.ok for e in library.listing()] == [True] * 5
    assert library.find("Generated issue")[1] > 0
    assert library.load(files[0]).brief == load_brief(files[0]).brief


# -- series ----------------------------------------------------------------------------


def test_previous_is_the_brief_followed_else_the_latest_earlier_with_the_same_tags(tmp_path):
    write(tmp_path, "a.yaml", brief("day-1", "2026-01-01"))
    write(tmp_path, "b.yaml", brief("day-2", "2026-01-02"))
    write(tmp_path, "c.yaml", brief("day-3", "2026-01-03", follows="day-1"))
    write(tmp_path, "d.yaml", brief("day-4", "2026-01-04"))
    write(tmp_path, "e.yaml", brief("day-5", "2026-01-05", follows="day-9"))
    write(tmp_path, "other.yaml", brief("other", "2026-01-04", tags="[elsewhere]"))
    library = opened(tmp_path)

    def previous(name: str) -> tuple[str | None, str]:
        found, why = library.previous(str(tmp_path / name))
        return (found.id if found else None, why)

    assert previous("c.yaml") == ("day-1", "it follows day-1")
    assert previous("d.yaml") == ("day-3", "the latest earlier brief with the same tags")
    assert previous("e.yaml") == ("day-4", "it follows day-9, which is not in the library; the latest earlier brief with the same tags")
    assert previous("a.yaml") == (None, "no earlier brief has the same tags")
    assert previous("other.yaml") == (None, "no earlier brief has the same tags")


# -- actors across briefs ----------------------------------------------------------------

LAVROV_QUOTE = "  - id: q-{n}\n    by: {by}\n    text: Words number {n}.\n    date: {date}\n"
POSITION = "  - id: guarantees\n    title: Security guarantees\n    positions:\n      - by: {by}\n        stance: Stance in brief {n}.\n"


def test_the_same_actor_is_found_in_other_briefs_by_id_or_by_name(tmp_path):
    def lavrov_brief(n: int, actor_id: str, name: str) -> str:
        date = f"2026-01-0{n}"
        return brief(
            f"b{n}", date,
            actors=actor(actor_id, name) + actor("zakharova", "Maria Zakharova"),
            quotes=LAVROV_QUOTE.format(n=n, by=actor_id, date=date),
            issues=POSITION.format(by=actor_id, n=n),
        )  # fmt: skip

    write(tmp_path, "b1.yaml", lavrov_brief(1, "lavrov", "Sergei Lavrov"))
    write(tmp_path, "b2.yaml", lavrov_brief(2, "sergei-lavrov", "SERGEI LÁVROV"))  # another id, the same name
    write(tmp_path, "b3.yaml", lavrov_brief(3, "lavrov", "Sergey V. Lavrov"))  # the same id, another spelling
    write(tmp_path, "b4.yaml", brief("b4", "2026-01-04", actors=actor("lavrov-junior", "Sergei Lavrov Jr")))
    library = opened(tmp_path)
    b1 = library.load(str(tmp_path / "b1.yaml")).brief
    assert b1 is not None
    found = library.elsewhere(str(tmp_path / "b1.yaml"), b1.actors[0])
    assert [(a.entry.id, a.actor_id, a.name) for a in found] == [("b3", "lavrov", "Sergey V. Lavrov"), ("b2", "sergei-lavrov", "SERGEI LÁVROV")]
    statements = found[0].statements
    assert [(s.kind, s.item_id, s.issue, s.date, s.text) for s in statements] == [
        ("quote", "q-3", None, dt.date(2026, 1, 3), "Words number 3."),
        ("position", "guarantees", "Security guarantees", None, "Stance in brief 3."),
    ]


@pytest.mark.parametrize("fts", [True, False], ids=["fts5", "in-memory"])
def test_an_actors_words_in_other_briefs_are_as_the_brief_shows_them(tmp_path, monkeypatch, fts):
    # With the full-text index, they are read from its copy of each text.
    if not fts:
        monkeypatch.setattr(cache_module, "fts5_available", lambda: False)
    quotes = "  - id: q1\n    by: lavrov\n    text: We reject [[guarantees]] as written.\n    verbatim: false\n"
    quotes += "  - id: q2\n    by: lavrov\n    text: Nothing more.\n"
    issues = (
        "  - id: guarantees\n    title: Security guarantees\n    positions:\n"
        "      - by: lavrov\n        stance: Against [[q2]], with [[zakharova]].\n        leaning: opposes\n"
    )
    actors = actor("lavrov", "Sergei Lavrov") + actor("zakharova", "Maria Zakharova")
    write(tmp_path, "a.yaml", brief("a", "2026-01-01", actors=actors, quotes=quotes, issues=issues))
    write(tmp_path, "b.yaml", brief("b", "2026-01-02", actors=actor("lavrov", "Sergei Lavrov")))
    library = Library(brief_files([str(tmp_path)])[0], BriefCache())
    assert library.cache.fts is fts
    for _ in library.read():
        pass
    b = library.load(str(tmp_path / "b.yaml")).brief
    assert b is not None
    (there,) = library.elsewhere(b.path, b.actors[0])
    assert [(s.kind, s.item_id, s.issue, s.text, s.note) for s in there.statements] == [
        ("quote", "q1", None, "We reject [[guarantees]] as written.", "paraphrase"),
        ("quote", "q2", None, "Nothing more.", None),
        ("position", "guarantees", "Security guarantees", "Against \u201cNothing more.\u201d, with Maria Zakharova.", "opposes"),
    ]


# -- search across briefs ----------------------------------------------------------------

QUERIES = ["Adler", "reco", "Generated issue", "kalomi", "Greta Adlar", '"border corridor"', "summit envoy", "mission", "adler kalo", "nope-nothing"]


def per_brief(indexes: list[SearchIndex], query: str) -> list[tuple[object, ...]]:
    """What searching each brief on its own (`indexes`, the newest brief first) and
    merging gives, best first, and among equals the newest brief first."""
    hits = []
    for index in indexes:
        hits += index.find(query)[0]
    hits.sort(key=lambda hit: -hit.score)
    return [(h.path, h.kind, h.item_id, h.field, h.location, h.start, h.end, h.score) for h in hits]


@pytest.fixture(scope="module")
def series(tmp_path_factory) -> list[str]:
    folder = tmp_path_factory.mktemp("series")
    write_series(folder, 30, per_series=10)
    write(folder, "broken.yaml", "brief: 1\n")
    return brief_files([str(folder)])[0]


@pytest.fixture(scope="module")
def series_indexes(series) -> list[SearchIndex]:
    """Each brief of the series indexed on its own, the newest first: what the library
    must agree with, made once for every query (a search never changes an index)."""
    briefs = [r.brief for r in map(load_brief, series) if r.brief is not None]
    return [SearchIndex(brief) for brief in sorted(briefs, key=lambda b: (-b.date.toordinal(), b.title))]


@pytest.mark.parametrize("fts", [True, False], ids=["fts5", "in-memory"])
@pytest.mark.parametrize("query", QUERIES)
def test_search_across_briefs_finds_what_each_brief_finds(series, series_indexes, query, fts, monkeypatch):
    if not fts:
        monkeypatch.setattr(cache_module, "fts5_available", lambda: False)
    library = Library(series, BriefCache())
    assert library.cache.fts is fts
    for _ in library.read():
        pass
    hits, total = library.find(query)
    expected = per_brief(series_indexes, query)
    assert [(h.path, h.kind, h.item_id, h.field, h.location, h.start, h.end, h.score) for h in hits] == expected
    assert total == len(expected)
    assert (total > 0) == (query != "nope-nothing")


def test_as_you_type_only_the_best_hits_are_placed(series, series_indexes):
    library = Library(series)
    for _ in library.read():
        pass
    every, total = library.find("Adler")
    hits, count = library.find("Adler", limit=10)
    assert count == total == len(per_brief(series_indexes, "Adler")) > 20
    assert hits == every[:10]


def test_search_titles_name_quotes_by_their_speaker(series):
    library = Library(series)
    for _ in library.read():
        pass
    hits, _ = library.find("kalomi")
    quote = next(h for h in hits if h.kind == "quote")
    assert library.title(quote).endswith(", quoted")
    assert library.title(next(h for h in library.find("Generated")[0] if h.kind == "brief")) == "Summary"


def test_a_query_is_parsed_once_per_search(tmp_path, monkeypatch):
    folder = tmp_path / "lib"
    write(folder, "a.yaml", brief("a", "2026-01-01", actors=actor("lavrov", "Sergei Lavrov")))
    write(folder, "b.yaml", brief("b", "2026-01-02", actors=actor("lavrov", "Sergei Lavrov")))
    library = opened(folder)
    from briefing_tui.core import search as search_module

    calls = []
    parse = search_module.query_terms

    def counted(query):
        calls.append(query)
        return parse(query)

    monkeypatch.setattr(library_module, "query_terms", counted)
    monkeypatch.setattr(search_module, "query_terms", counted)
    hits, total = library.find("lavrov guar", limit=10)
    assert calls == ["lavrov guar"] and total == 0
    calls.clear()
    hits, total = library.find("sergei lavr", limit=10)
    assert calls == ["sergei lavr"] and total == 2 and {hit.path for hit in hits} == {str(folder / "a.yaml"), str(folder / "b.yaml")}


def test_an_actor_in_other_briefs_shows_leanings_and_paraphrases_and_nothing_withheld(tmp_path):
    from tests.core.test_markings import FIXTURE, secrets_in

    (tmp_path / "harbour.yaml").write_text(FIXTURE.read_text(encoding="utf-8"), encoding="utf-8")
    write(tmp_path, "later.yaml", brief("later", "2026-03-05", actors=actor("ana", "Ana Ruiz") + actor("lars", "Lars Berg")))
    library = opened(tmp_path)
    later = library.load(str(tmp_path / "later.yaml")).brief
    assert later is not None
    ana, lars = later.actors
    (there,) = library.elsewhere(later.path, lars)
    assert [(s.kind, s.item_id, s.note) for s in there.statements] == [("quote", "union-paraphrase", "paraphrase"), ("position", "wages", "unclear")]
    (there,) = library.elsewhere(later.path, ana)
    assert "tangerine" in " ".join(s.text for s in there.statements)
    assert library.find("tangerine")[1] == 4  # the quote, the position, the issue, the key point
    library.redact = "AMBER"
    (there,) = library.elsewhere(later.path, ana)
    assert [(s.kind, s.text, s.note) for s in there.statements] == [
        ("quote", "Our door stays open.", None),
        ("quote", "[withheld quote: TLP:RED]", None),
        ("position", "[withheld position: TLP:RED]", None),
    ]
    assert library.find("tangerine") == ([], 0) and library.find("tipster") == ([], 0)
    hits, total = library.find("withheld")
    assert total == 5 and all(secrets_in(library.title(hit) + hit.text) == [] for hit in hits)


def test_a_brief_marked_above_the_level_is_listed_by_a_placeholder(tmp_path):
    from tests.core.test_markings import FIXTURE

    (tmp_path / "harbour.yaml").write_text(FIXTURE.read_text(encoding="utf-8"), encoding="utf-8")
    write(tmp_path, "later.yaml", brief("later", "2026-03-05", actors=actor("ana", "Ana Ruiz")))
    library = opened(tmp_path)
    assert sorted(e.title or "" for e in library.listing()) == ["Brief later", "Harbour talks resume under a marked brief"]
    library.redact = "GREEN"  # the harbour brief is AMBER
    assert sorted((e.title or "", e.tags) for e in library.listing()) == [("Brief later", ("moscow-talks",)), ("[withheld brief: TLP:AMBER]", ())]
    library.redact = "AMBER"
    assert "Harbour talks resume under a marked brief" in [e.title for e in library.listing()]

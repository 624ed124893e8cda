"""A 20,000-quote brief stays a handful of widgets; edits on disk reload in place."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest
from benchmarks.generate import generate_brief
from benchmarks.terminal import first_paint

from briefing_tui.core import load_brief
from briefing_tui.core.cache import load_brief_cached
from briefing_tui.core.model import Brief
from briefing_tui.core.search import SearchIndex
from briefing_tui.tui import live_reload
from briefing_tui.tui.app import BriefingApp
from briefing_tui.tui.screens.main import MainScreen
from briefing_tui.tui.widgets.item_list import ItemList
from briefing_tui.tui.widgets.matrix import PositionMatrix
from briefing_tui.tui.widgets.page import Page
from tests.conftest import MINIMAL, REAL_BRIEF
from tests.tui.support import until


@pytest.fixture(scope="module")
def big_brief(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("generated") / "big.yaml"
    path.write_text(generate_brief(quotes=20_000, actors=2_000, issues=500), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def big(big_brief) -> Brief:
    """The big brief as the real loader reads it: loaded once, as it takes seconds, and
    shared, as a Brief is never changed."""
    result = load_brief(big_brief)
    assert result.brief is not None
    return result.brief


@pytest.mark.slow
async def test_a_brief_with_20000_quotes_opens_scrolls_and_draws_its_matrix_cell_by_cell(big):
    # One launch for both: the app on a big brief indexes it for search as it starts.
    assert len(big.quotes) == 20_000
    app = BriefingApp(big)
    async with app.run_test(size=(80, 24)) as pilot:
        # The matrix of more than 500 actors, drawn cell by cell.
        await pilot.press("5", "G", "end")
        matrix = app.focused
        assert isinstance(matrix, PositionMatrix)
        assert matrix.row == len(matrix._grid.actors) - 1 > 500
        for _ in range(3):
            await pilot.press("l")
        assert matrix.column == 3
        assert matrix.render_line(matrix.size.height - 1).text.strip()
        # The 20,000 quotes, opened and scrolled to the end.
        await pilot.press("3", "G")
        listing = app.focused
        assert isinstance(listing, ItemList)
        assert len(listing.rows) == 20_000
        assert listing.current_key == listing.rows[-1].key
        assert listing.scroll_y == listing.max_scroll_y > 20_000
        last_line = listing.render_line(listing.size.height - 1).text
        assert "knows it." in last_line  # the end of the last quote is drawn
        await pilot.press("g", "pagedown", "enter", "2", "G", "enter", "5", "G", "l", "l", "enter")
        # No widget per row anywhere: the whole screen is a few dozen widgets.
        assert len(list(app.screen.walk_children())) < 60
        assert isinstance(app.screen, MainScreen)


@pytest.mark.slow
def test_typing_a_search_before_a_big_brief_is_indexed_keeps_every_key(tmp_path):
    # In a real terminal, `/talks` typed in one go while the brief is still being
    # indexed: the box takes every key at once, and the results follow the index.
    # Indexing 5,000 quotes takes a good half second; the keys arrive within
    # milliseconds of the first screen, long before it is done.
    path = tmp_path / "big.yaml"
    path.write_text(generate_brief(quotes=5_000, actors=500, issues=100), encoding="utf-8")
    brief = load_brief(path).brief
    assert brief is not None
    _, total = SearchIndex(brief).find("talks", 1)
    briefing = str(Path(sys.executable).parent / "briefing")
    # Only the whole word typed gives this count: a lost key would give another.
    first_paint([briefing, str(path)], "Generated brief", then=[("/talks", f"{total} matches")], timeout=30)


@pytest.fixture
def fast_reload(monkeypatch):
    monkeypatch.setattr(live_reload, "RELOAD_SECONDS", 0.05)


async def test_live_reload_keeps_place_and_survives_a_broken_edit(tmp_path, fast_reload):
    path = tmp_path / "brief.yaml"
    original = REAL_BRIEF.read_text(encoding="utf-8")
    path.write_text(original, encoding="utf-8")
    app = BriefingApp(load_brief(path).brief)  # type: ignore[arg-type]
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await pilot.press("2", "j", "j")
        listing = app.focused
        assert isinstance(listing, ItemList)
        selected = listing.current_key
        await pilot.press("enter")
        # 1. A good edit: the new text shows, the pane and the item stay.
        path.write_text(original.replace("name: Dmitry Peskov", "name: Dmitry S. Peskov"), encoding="utf-8")
        await until(pilot, lambda: "Dmitry S. Peskov" in [a.name for a in screen.brief.actors])
        assert screen.current_pane.pane_name == "actors"
        assert screen.current_pane.page.document.ref == selected
        # 2. A broken edit: the last good brief stays, the errors show.
        path.write_text(original.replace("title: Russia renews", "title: [Russia renews"), encoding="utf-8")
        # The bar of problems is mounted when there are some.
        await until(pilot, lambda: any(bar.has_class("-shown") and bar.text for bar in screen.query("#problems")))
        problems = screen.query_one("#problems", Page)
        shown = problems.text
        assert "still showing the last good version" in shown and "brief.yaml changed but has 1 error;" in shown
        assert screen.brief.title.startswith("Russia renews")
        assert screen.current_pane.page.document.ref == selected
        # 3. Fixing the file clears the errors.
        path.write_text(original, encoding="utf-8")
        await until(pilot, lambda: not problems.has_class("-shown"))
        assert [a.name for a in screen.brief.actors].count("Dmitry Peskov") == 1


async def test_an_edit_made_just_after_the_brief_was_read_is_picked_up(tmp_path, fast_reload):
    # The edit lands after the file was read and before the reader's first screen:
    # the version on screen is the one read, so the edit is news.
    path = tmp_path / "brief.yaml"
    original = REAL_BRIEF.read_text(encoding="utf-8")
    path.write_text(original, encoding="utf-8")
    result = load_brief_cached(path)
    path.write_text(original.replace("title: Russia renews", "title: Russia again renews"), encoding="utf-8")
    app = BriefingApp(result.brief)  # type: ignore[arg-type]
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await until(pilot, lambda: screen.brief.title.startswith("Russia again renews"))


async def test_reload_of_a_deleted_item_falls_back_to_its_pane(tmp_path, fast_reload):
    path = tmp_path / "brief.yaml"
    two = MINIMAL + "issues:\n  - id: first\n    title: First\n  - id: second\n    title: Second\n"
    path.write_text(two, encoding="utf-8")
    app = BriefingApp(load_brief(path).brief)  # type: ignore[arg-type]
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await pilot.press("4", "j", "enter")
        assert screen.current_pane.page.document.ref.id == "second"
        path.write_text(two[: two.index("  - id: second")], encoding="utf-8")
        await until(pilot, lambda: len(screen.brief.issues) == 1)
        await pilot.pause()
        assert screen.current_pane.pane_name == "issues"
        assert not screen.current_pane.showing_detail


async def test_a_half_written_file_keeps_the_last_good_version(tmp_path, fast_reload):
    # An editor that writes in place truncates the file, then writes it out in
    # pieces: every state in between must leave the last good brief on screen.
    # Each cut in turn, in one reader: each ends with the whole file back on disk
    # and the bar of problems gone, as it began.
    path = tmp_path / "brief.yaml"
    data = REAL_BRIEF.read_bytes()
    path.write_bytes(data)
    cuts = {
        "empty": 0,
        "mid-line": data.index(b"name: Dmitry Peskov") + 8,
        "mid-quote": data.index(b"so far there has been") + 4,
        "mid-character": data.index("\u2013".encode()) + 1,  # inside a UTF-8 sequence
    }
    app = BriefingApp(load_brief(path).brief)  # type: ignore[arg-type]
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await pilot.press("3", "enter")
        shown = screen.current_pane.page.document.ref.id
        for cut, at in cuts.items():
            before = screen.brief
            path.write_bytes(data[:at])
            # The bar of problems is mounted when there are some.
            await until(pilot, lambda: any(bar.has_class("-shown") and bar.text for bar in screen.query("#problems")))
            problems = screen.query_one("#problems", Page)
            assert screen.brief is before, cut
            assert screen.current_pane.page.document.ref.id == shown, cut
            assert "still showing the last good version" in problems.text, cut
            path.write_bytes(data)  # the write completes
            await until(pilot, lambda bar=problems: not bar.has_class("-shown"))
            assert screen.current_pane.page.document.ref.id == shown, cut


async def test_the_bar_of_problems_wraps_each_error_under_itself_and_counts_the_rest(tmp_path, fast_reload):
    path = tmp_path / "brief.yaml"
    path.write_text(MINIMAL, encoding="utf-8")
    app = BriefingApp(load_brief(path).brief)  # type: ignore[arg-type]
    async with app.run_test(size=(40, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        broken = MINIMAL + "actors:\n" + "".join(f"  - id: a{n}\n    name: A{n}\n    kind: alien\n" for n in range(6))
        path.write_text(broken, encoding="utf-8")
        await until(pilot, lambda: any(bar.has_class("-shown") and bar.text for bar in screen.query("#problems")))
        lines = screen.query_one("#problems", Page).text.splitlines()
        assert lines[0].startswith("brief.yaml changed but has 6 errors;")
        bullets = [n for n, line in enumerate(lines) if line.startswith("\u2022 ")]
        assert len(bullets) == 4
        # A long error goes on over several lines, each under the start of its text.
        wrapped = [line for line in lines[bullets[0] + 1 : bullets[1]]]
        assert wrapped and all(line.startswith("  ") and not line.startswith("   ") for line in wrapped)
        assert "\u2026 and 2 more: briefing check brief.yaml lists them all" in " ".join(line.strip() for line in lines)


async def test_a_slow_reload_overtaken_by_a_later_one_is_dropped(tmp_path, fast_reload, monkeypatch):
    from briefing_tui.core import cache as cache_module

    path = tmp_path / "brief.yaml"
    path.write_text(MINIMAL, encoding="utf-8")
    real = cache_module.load_brief_cached

    def slow_for_the_old_version(name, *args, **kwargs):  # type: ignore[no-untyped-def]
        result = real(name, *args, **kwargs)
        if result.brief is not None and result.brief.title == "The slow, older version":
            time.sleep(0.8)  # as a 50 MB brief read before a small one
        return result

    monkeypatch.setattr(cache_module, "load_brief_cached", slow_for_the_old_version)
    app = BriefingApp(load_brief(path).brief)  # type: ignore[arg-type]
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        path.write_text(MINIMAL.replace("A small brief", "The slow, older version"), encoding="utf-8")
        await pilot.pause(0.3)  # looked at and being read: that takes 0.8 s
        path.write_text(MINIMAL.replace("A small brief", "Newer"), encoding="utf-8")
        await until(pilot, lambda: screen.brief.title == "Newer")
        await pilot.pause(1.2)  # the slow reading has finished by now
        assert screen.brief.title == "Newer"


async def test_an_actor_mentioned_thousands_of_times_lists_the_first_places_and_counts_the_rest(tmp_path):
    # An actor called `a` is mentioned at every `a` of a long summary: 12,000 places.
    from tests.cli.test_hostile_sizes import _mentions_in_one_sentence
    from tests.tui.support import main, open_item, shown_page, started

    path = tmp_path / "brief.yaml"
    path.write_text(_mentions_in_one_sentence(36_000), encoding="utf-8")
    app = BriefingApp(load_brief(path).brief)  # type: ignore[arg-type]
    async with app.run_test(size=(80, 24)) as pilot:
        await started(pilot, app)
        await open_item(app, "x")
        await pilot.pause()
        text = shown_page(app).text
        assert "Referenced by (12,000)" in text
        assert text.count("in the summary") == 101  # a hundred places listed, then the count
        assert "\u2026 and 11,900 more places in the summary" in text
        await pilot.press("G", "g", "right_square_bracket", "enter")  # the first place opens
        await pilot.pause()
        assert main(app).current_pane.pane_name == "summary"

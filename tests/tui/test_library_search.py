"""Search across a library's briefs in the reader, driven by real key presses: `/`
finds in every brief and enter opens the hit in its brief, answers come behind the
keys and only for the query in the box, a capped count says "at least", escape closes."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing_tui.core import find_best
from briefing_tui.tui.screens.library import LibraryScreen
from briefing_tui.tui.screens.main import MainScreen
from briefing_tui.tui.widgets.item_list import ItemList
from briefing_tui.tui.widgets.search_panel import SearchInput, SearchPanel
from tests.tui.support import shown_page, type_ahead, until
from tests.tui.test_library import crumbs, library_folder, listing, make_library_app, reader


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return library_folder(tmp_path / "briefs")


async def test_slash_searches_every_brief_and_enter_opens_the_hit_in_its_brief(folder):
    app = make_library_app(folder)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash")
        assert isinstance(app.focused, SearchInput)
        await pilot.press(*"generated issue 2")
        await until(pilot, lambda: app.screen.query_one(SearchPanel).answered == "generated issue 2")
        results = app.screen.query_one("#search-results", ItemList)
        headings = [row.title for row in results.rows if row.heading]
        # Hits as good as each other: the newest brief first.
        assert headings[:2] == [
            "Generated series 0, day 5 (not real content)  2026-01-06 (1)",
            "Generated series 0, day 4 (not real content)  2026-01-05 (1)",
        ]
        assert (results.rows[1].title, results.rows[1].note) == ("Generated issue 2 of series 0", "title")
        day_2 = next(row for row in results.rows if row.heading and "day 2" in row.title)
        assert day_2.title.endswith("(2)")
        await pilot.press("down", "j", "j", "j", "enter")  # the first hit of day 2, which has two
        await pilot.pause()
        screen = reader(app)
        assert screen.path == str(folder / "series-000-day-002.yaml")
        assert screen.current_pane.page.document.ref.id == "s0-i2"
        hit = next(h for h in screen.search.hits if h.item_id == "s0-i2")
        assert shown_page(app).highlight == hit.matched.lower() != ""  # the match, marked on the page
        assert "hit 1/2" in crumbs(app)
        await pilot.press("n")  # the next hit of the same search, in the same brief
        await pilot.pause()
        assert "hit 2/2" in crumbs(app) and reader(app) is screen
        await pilot.press("L")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen) and not app.screen.has_class("-searching")


async def test_search_across_briefs_answers_behind_the_keys_and_only_the_query_in_the_box(tmp_path):
    # Answers come from a thread: a key typed never waits for the answer to the one
    # before, an answer to a query typed over is never drawn, and enter opens the best
    # hit of the query in the box, once it is answered.
    folder = library_folder(tmp_path / "briefs", briefs=200)
    app = make_library_app(folder)
    library = app.library
    assert library is not None
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash")
        panel = app.screen.query_one(SearchPanel)
        box = app.screen.query_one(SearchInput)
        # Typed fast: what is drawn only ever answers a longer query than before (the
        # box only grows), and at the end the query in the box.
        seen: list[str] = []
        for key in "reconstruction":
            type_ahead(app, key)
            await pilot.pause(0.002)
            if panel.answered is not None and (not seen or seen[-1] != panel.answered):
                seen.append(panel.answered)
        await until(pilot, lambda: panel.answered == box.value == "reconstruction")
        assert all(len(a) < len(b) for a, b in zip(seen, seen[1:], strict=False)), seen
        hits, total = library.find("reconstruction", 200)
        assert [(h.path, h.item_id, h.field) for h in panel.hits] == [(h.path, h.item_id, h.field) for h in hits] and total > 200
        # Another search under way holds every answer back: the keys still reach the
        # box at once, and the answer drawn is the last query's, not one typed over.
        await pilot.press("ctrl+u", *"generated issue ")
        await until(pilot, lambda: panel.answered == "generated issue ")
        listed = panel.hits[0]
        with library._searcher._lock:
            type_ahead(app, "7")
            await until(pilot, lambda: box.value == "generated issue 7")
            assert panel.answered == "generated issue "
            type_ahead(app, "enter")  # before the answer: it opens the best hit of issue 7
            await pilot.pause(0.05)
            assert isinstance(app.screen, LibraryScreen)
        best = library.find("generated issue 7", 200)[0][0]
        assert (best.path, best.item_id) != (listed.path, listed.item_id)
        await until(pilot, lambda: isinstance(app.screen, MainScreen))
        assert reader(app).path == best.path
        await until(pilot, lambda: getattr(reader(app).current_pane.page.document.ref, "id", None) == best.item_id)


async def test_a_count_that_stopped_at_its_cap_says_at_least(tmp_path, monkeypatch):
    monkeypatch.setattr(find_best, "COUNTED", 8)
    app = make_library_app(library_folder(tmp_path / "briefs", briefs=40))
    library = app.library
    assert library is not None
    every = library.find("generated")[1]
    async with app.run_test(size=(100, 24)) as pilot:
        await pilot.press("slash", *"generated")
        panel = app.screen.query_one(SearchPanel)
        await until(pilot, lambda: panel.answered == "generated")
        count = str(app.screen.query_one("#search-count").render())
        assert every > len(panel.hits) == 200
        assert count.startswith("at least ")  # the count stopped: never given as the whole
        said = count.removeprefix("at least ").split(" matches, the best 200 listed")
        assert len(said) == 2 and 200 <= int(said[0].replace(",", "")) <= every
        await pilot.press(*" issue 3")
        await until(pilot, lambda: panel.answered == "generated issue 3")
        count = str(app.screen.query_one("#search-count").render())
        assert count.startswith(f"{len(panel.hits)} matches") and "at least" not in count  # not one counted past the cap


async def test_escape_closes_the_search_across_briefs(folder):
    app = make_library_app(folder)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *"adler", "escape")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        assert not app.screen.has_class("-searching") and app.focused is listing(app)

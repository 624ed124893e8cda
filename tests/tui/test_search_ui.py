"""Searching in the reader: `/`, typing, `enter`, `escape`, `n`/`N`, recall, history."""

from __future__ import annotations

import sys
from pathlib import Path

from benchmarks.terminal import first_paint

from briefing_tui.tui.app import BriefingApp
from briefing_tui.tui.widgets.item_list import ItemList
from briefing_tui.tui.widgets.search_panel import SearchInput
from tests.conftest import REAL_BRIEF
from tests.tui.support import crumbs_of, main, make_app, shown_page


def results(app: BriefingApp) -> ItemList:
    return app.screen.query_one("#search-results", ItemList)


async def test_slash_opens_the_box_and_results_follow_each_keystroke():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash")
        assert isinstance(app.focused, SearchInput)
        assert main(app).has_class("-searching")
        await pilot.press("z")
        after_one = [row.key for row in results(app).rows]
        await pilot.press("a", "p", "o")
        rows = results(app).rows
        assert [row.key for row in rows] != after_one
        # Grouped by kind, the best kind first: the Zaporizhzhia issue leads.
        assert rows[0].heading and rows[0].title == "Issues (1)"
        assert (rows[1].title, rows[1].note) == ("The Zaporizhzhia nuclear power plant", "title")
        start, end = rows[1].marks[0]
        assert rows[1].body[start:end] == "Zaporizhzhia"
        assert "2 matches" in str(app.screen.query_one("#search-count").render())


def test_a_query_with_slashes_typed_in_one_go_in_a_real_terminal():
    # The `/` that opens the box comes first; later ones, in the same burst, are text.
    briefing = str(Path(sys.executable).parent / "briefing")
    first_paint([briefing, str(REAL_BRIEF)], "Russia renews", then=[("/24/7", "24/7")], timeout=20)


async def test_a_slash_typed_in_the_box_is_part_of_the_query():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", "2", "4", "slash", "7")
        field = app.focused
        assert isinstance(field, SearchInput)
        assert field.value == "24/7"


async def test_enter_opens_the_hit_with_the_match_highlighted_and_back_returns():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "j", "j")
        origin = main(app).current_pane.home
        assert isinstance(origin, ItemList)
        before = origin.current_key
        await pilot.press("slash", *"zapo", "enter")
        await pilot.pause()
        page = shown_page(app)
        assert main(app).current_pane.pane_name == "issues"
        assert page.document.ref.id == "zaporizhzhia"
        assert page.highlight == "zaporizhzhia"
        line = page.first_match_line() - round(page.scroll_y)
        strip = page.render_line(line)
        marked = [seg.text for seg in strip if seg.style and seg.style.bgcolor and "Zaporizhzhia" in seg.text]
        assert marked, strip.text
        assert "hit 1/2" in crumbs_of(app)
        await pilot.press("backspace")
        await pilot.pause()
        assert main(app).current_pane.pane_name == "actors"
        assert origin.current_key == before and app.focused is origin


async def test_escape_closes_and_returns_to_where_you_were():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3", "enter")
        page = shown_page(app)
        await pilot.press("right_square_bracket")
        link = page.link
        await pilot.press("slash", *"kyiv", "escape")
        await pilot.pause()
        assert not main(app).has_class("-searching")
        assert shown_page(app) is page and page.link == link and app.focused is page
        assert app.navigator.history.position == (3, 3)  # a closed search is no step


async def test_n_and_shift_n_step_through_hits_with_the_position_shown():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *"kyiv", "enter")
        total = len(main(app).search.hits)
        assert total > 3
        crumbs = lambda: crumbs_of(app)  # noqa: E731
        assert f"hit 1/{total}" in crumbs()
        await pilot.press("n")
        assert f"hit 2/{total}" in crumbs()
        await pilot.press("n", "n")
        assert f"hit 4/{total}" in crumbs()
        await pilot.press("N")
        assert f"hit 3/{total}" in crumbs()
        assert shown_page(app).highlight == "kyiv"
        # Stepping through hits is one step of history: back goes to where it began.
        await pilot.press("backspace")
        assert main(app).current_pane.pane_name == "summary"
        assert shown_page(app).highlight is None


async def test_n_before_any_search_says_so():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        assert any("press /" in str(n.message) for n in app._notifications)


async def test_up_in_the_box_recalls_earlier_queries():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *"lavrov", "enter")
        await pilot.press("slash", *"peskov", "enter")
        await pilot.press("slash")
        field = app.focused
        assert isinstance(field, SearchInput) and field.value == ""
        await pilot.press("up")
        assert field.value == "peskov"
        await pilot.press("up")
        assert field.value == "lavrov"
        await pilot.press("up")
        assert field.value == "lavrov"


async def test_down_moves_into_the_results_and_enter_opens_that_hit():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *"kyiv", "down")
        listing = results(app)
        assert app.focused is listing
        keys = [row.key for row in listing.rows if row.key is not None]
        assert listing.current_key == keys[0]
        await pilot.press("j")
        chosen = listing.current_key
        assert chosen == keys[1]
        await pilot.press("enter")
        await pilot.pause()
        number = chosen
        assert main(app).search.number == number
        assert shown_page(app).highlight == main(app).search.hits[number].matched.lower()


async def test_typing_n_in_the_box_types_it():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *"ukraine")
        field = app.focused
        assert isinstance(field, SearchInput) and field.value == "ukraine"
        assert main(app).has_class("-searching")


async def test_a_brief_level_hit_opens_the_summary_at_the_match():
    app = make_app()
    async with app.run_test(size=(80, 12)) as pilot:
        await pilot.press("slash", *'"war dead"', "enter")
        await pilot.pause()
        page = shown_page(app)
        assert main(app).current_pane.pane_name == "summary"
        assert page.highlight == "war dead"
        line = page.first_match_line()
        assert line > 10 and page.scroll_y <= line < page.scroll_y + page.size.height

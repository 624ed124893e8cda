"""Links follow the screen: `]` and `[` pick from what is on screen, a link scrolled
away is no longer selected, and `enter` with nothing selected does nothing."""

from __future__ import annotations

from briefing_tui.core.ref import Ref
from briefing_tui.tui.screens.main import MainScreen
from briefing_tui.tui.widgets.key_bar import KeyBar
from tests.tui.support import laid_out, main, make_app, shown_page, started, type_ahead, until


def footer_keys(app) -> list[str]:  # type: ignore[no-untyped-def]
    return [key.description for key in app.screen.query_one(KeyBar).shown]


def on_screen(page, line: int) -> bool:  # type: ignore[no-untyped-def]
    top = page.scroll_offset.y
    return top <= line < top + page.scrollable_content_region.height


async def test_a_link_scrolled_away_is_no_longer_followed_and_brackets_pick_from_the_screen():
    app = make_app()
    async with app.run_test(size=(80, 12)) as pilot:
        await started(pilot, app)
        page = shown_page(app)
        assert "Follow" not in footer_keys(app)  # nothing selected: enter is not offered
        await pilot.press("right_square_bracket")
        first = page.link
        assert first >= 0 and on_screen(page, page._link_lines[first])
        await pilot.pause()
        assert "Follow" in footer_keys(app)
        await pilot.press("space", "space")
        assert page.scroll_y > 0
        assert page.link == -1 and page.selected_target is None  # scrolled out of view
        await pilot.pause()
        assert "Follow" not in footer_keys(app)
        await pilot.press("enter")  # nothing selected: nothing happens
        await pilot.pause()
        assert isinstance(app.screen, MainScreen) and main(app).current_pane.pane_name == "summary"
        assert not main(app).current_pane.showing_detail
        top = page.scroll_y
        await pilot.press("right_square_bracket")
        # The first link from the top of the screen, not the first of the page.
        assert page.link > first and on_screen(page, page._link_lines[page.link])
        assert all(line < top for line in page._link_lines[: page.link] if line >= 0)
        await pilot.press("left_square_bracket", "left_square_bracket")
        assert page.link >= 0
        await pilot.press("g")
        assert page.link == -1 or on_screen(page, page._link_lines[page.link])
        await pilot.press("left_square_bracket")  # the last link on screen, from the bottom up
        last_on_screen = max(i for i, line in enumerate(page._link_lines) if on_screen(page, line))
        assert page.link == last_on_screen


async def test_a_bracket_typed_as_a_page_opens_selects_its_first_link():
    """`]` typed as a page opens arrives before the page has a size, and still
    selects that page's first link on screen (it was lost under load)."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await started(pilot, app)
        for ref in (Ref("quote", "peskov-no-answer"), Ref("actor", "peskov"), Ref("issue", "territory")):
            await app.navigator.open(ref)
            assert shown_page(app).document.ref == ref
            type_ahead(app, "right_square_bracket")
            page = shown_page(app)
            await laid_out(pilot, page)
            assert page.link >= 0 and on_screen(page, page._link_lines[page.link])


async def test_keys_typed_in_one_burst_with_a_pane_key_do_what_they_do_typed_slowly():
    """`1 ] space space enter` sent in one burst from the Actors pane (as `tmux
    send-keys` sends them): the keys after `1` reach the Summary before it has its
    size, and still scroll and select exactly as when typed one at a time."""
    keys = ("1", "right_square_bracket", "space", "space", "enter", "k")
    places = []
    for burst in (False, True):
        app = make_app()
        async with app.run_test(size=(40, 12)) as pilot:
            await started(pilot, app)
            await pilot.press("2", "pagedown")
            if burst:
                type_ahead(app, *keys)
                await until(pilot, lambda app=app: main(app).current_pane.pane_name == "summary")
                await laid_out(pilot, shown_page(app))
                await pilot.pause()
            else:
                for key in keys:
                    await pilot.press(key)
                    await pilot.pause()
            page = shown_page(app)
            places.append((main(app).current_pane.pane_name, page.scroll_y, page.link))
    assert places[0] == places[1]
    assert places[0][0] == "summary" and places[0][1] > 0


async def test_the_key_bar_is_rebuilt_only_when_its_keys_change():
    """Moving the cursor changes no key the bar shows, so the bar keeps its keys
    (rebuilding it on every key was most of the cost of a key press); a change of pane
    that offers other keys rebuilds it, and it stays one widget, not one per key."""
    app = make_app()
    async with app.run_test(size=(120, 24)) as pilot:
        await started(pilot, app)
        await pilot.press("3")
        await pilot.pause()
        bar = app.screen.query_one(KeyBar)
        drawn = bar.shown
        for _ in range(4):
            await pilot.press("j")
            await pilot.pause()
            assert bar.shown is drawn  # the same keys, not read again
        await pilot.press("enter")  # a quote's page: the bar offers the page's keys
        await pilot.pause()
        assert footer_keys(app) != [key.description for key in drawn]

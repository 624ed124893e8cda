"""Random key sequences through the reader on the real brief: no exception, and the
app still answers afterwards (closing what is open, then `1` shows the Summary)."""

from __future__ import annotations

import asyncio
from unittest import mock

import pytest
from benchmarks.generate import generate_brief
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing_tui.tui.widgets.item_list import ItemList
from tests.tui.support import QUIT_KEYS, close_overlays, key_table, main, make_app, shown_page, started, type_ahead, until

KEYS = key_table()
TYPED = st.sampled_from([*"abcdefghijklmnoprstuvwxyz0123456789", "\u00e9", "\u4e2d"])
SEQUENCES = st.lists(st.one_of(st.sampled_from(KEYS), TYPED), min_size=1, max_size=25)
# Up to three sequences share one reader: after each, what is open is closed and the
# Summary checked, and the next starts from there. The `ci` profile tries about ten
# sequences (some fifty keys) in six readers.
RUNS = st.lists(SEQUENCES, min_size=1, max_size=3)
EXAMPLES = max(4, settings().max_examples // 10)


async def drive(runs: list[list[str]]) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for keys in runs:
            for key in keys:
                await pilot.press(key)
            await close_overlays(pilot, app)
            await pilot.press("1")
            await pilot.pause()
            assert app.is_running, keys
            screen = main(app)
            assert screen.current_pane.pane_name == "summary" and not screen.current_pane.showing_detail, keys
            assert "Thursday 29 January 2026" in shown_page(app).text, keys


def test_key_table_covers_the_reader():
    for key in ("1", "5", "slash", "question_mark", "right_square_bracket", "y", "n", "N", "j", "G", "l", "o", "alt+left"):
        assert key in KEYS
    assert not QUIT_KEYS & set(KEYS)


@pytest.mark.slow
@settings(max_examples=EXAMPLES)
@given(RUNS)
def test_random_keys_never_break_the_reader(runs):
    with mock.patch("webbrowser.open", return_value=True) as browser:
        asyncio.run(drive(runs))
    assert not browser.called  # the real brief links to no web page


# Keys typed before the reader has drawn what the key before asked for: a pane,
# then keys that move through its list, before the list is laid out.
PANE_KEYS = st.sampled_from(["2", "3", "4", "5", "1", "tab", "enter", "backspace"])
MOVE_KEYS = st.one_of(st.sampled_from(["pagedown", "pageup"]), st.sampled_from(["j", "k", "down", "up", "home", "end", "G", "g", "space"]))
BURSTS = st.lists(st.tuples(PANE_KEYS, st.lists(MOVE_KEYS, max_size=3)), min_size=1, max_size=4).map(
    lambda groups: [key for pane, moves in groups for key in (pane, *moves)]
)


async def drive_ahead(keys: list[str]) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        type_ahead(app, *keys)
        await pilot.pause()
        await close_overlays(pilot, app)
        await pilot.press("1")
        await pilot.pause()
        assert app.is_running
        assert "Thursday 29 January 2026" in shown_page(app).text


async def test_a_pane_and_a_page_key_in_one_burst():
    # `tmux send-keys 2 NPage`: the Actors list takes PageDown before it is laid out.
    for page in ("pagedown", "pageup"):
        await drive_ahead(["2", page])


@settings(max_examples=max(4, EXAMPLES // 2))
@given(BURSTS)
def test_keys_typed_ahead_never_break_the_reader(keys):
    asyncio.run(drive_ahead(keys))


async def test_a_pane_and_the_end_key_in_one_burst_show_the_last_row(tmp_path):
    # `3G` typed fast on a long list: the rows are wrapped again once the scroll bar
    # takes its column, and the last row, under the cursor, stays on screen.
    path = tmp_path / "long.yaml"
    path.write_text(generate_brief(quotes=300, actors=20, issues=5), encoding="utf-8")
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await started(pilot, app)
        type_ahead(app, "3", "G")
        await until(pilot, lambda: isinstance(app.focused, ItemList) and app.focused.cursor == len(app.focused.rows) - 1)
        for _ in range(3):
            await pilot.pause()
        listing = app.focused
        assert isinstance(listing, ItemList)
        top = listing._starts[listing.cursor]
        assert listing.scroll_y <= top < listing.scroll_y + listing.scrollable_content_region.height
        assert listing.scroll_y == listing.max_scroll_y

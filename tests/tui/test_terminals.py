"""Terminals as they are: no colour, few colours, other themes."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from tests.tui.support import make_app, palette_settled, until


async def test_no_color_draws_without_colour(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3", "enter")
        await pilot.pause()
        assert app.no_color
        svg = app.export_screenshot()
    # Every fill and text colour in the picture is a grey: nothing depends on hue.
    import re

    # The picture's window frame has three coloured buttons; the screen inside has none.
    frame = {"ff5f57", "febc2e", "28c840"}
    colours = set(re.findall(r"#([0-9a-f]{6})", svg)) - frame
    assert colours
    assert all(_near_grey(c) for c in colours), sorted(colours)


def _near_grey(hex_colour: str) -> bool:
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (0, 2, 4))
    return max(r, g, b) - min(r, g, b) <= 8


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light", "nord", "gruvbox", "monokai", "solarized-light"])
async def test_every_pane_draws_in_built_in_themes(theme):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.theme = theme
        for key in ("1", "2", "enter", "3", "4", "5", "question_mark", "escape"):
            await pilot.press(key)
        await pilot.pause()
        assert app.is_running


async def test_theme_is_chosen_from_the_palette():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        before = app.theme
        await pilot.press("ctrl+p", *"theme")
        await until(pilot, lambda: palette_settled(app))
        await pilot.press("enter")  # the command that lists the themes, in a palette of its own
        await until(pilot, lambda: palette_settled(app) and app.screen.query_one(Input).placeholder.startswith("Search for themes"))
        await pilot.press("down", "enter")
        await until(pilot, lambda: app.theme != before)
        assert app.theme != before


async def test_a_new_theme_redraws_pages_and_lists_in_its_colours():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.theme = "textual-dark"
        await pilot.press("2", "1")  # the list drawn, back on the summary
        for pane in ("1", "2"):
            await pilot.press(pane)
            widget = app.focused
            assert widget is not None
            widget.render_line(0)  # drawn in the old colours
        app.theme = "nord"
        await pilot.pause(0.2)
        for pane in ("1", "2"):
            await pilot.press(pane)
            widget = app.focused
            assert widget is not None
            backgrounds = {seg.style.bgcolor for seg in widget.render_line(0) if seg.style and seg.text.strip()}
            assert backgrounds and widget.rich_style.bgcolor in backgrounds, (pane, backgrounds)


async def test_sixteen_colours(monkeypatch):
    monkeypatch.setenv("TERM", "xterm")
    monkeypatch.setenv("COLORTERM", "")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        for key in ("2", "enter", "3", "5"):
            await pilot.press(key)
        await pilot.pause()
        assert app.is_running


@pytest.mark.parametrize(
    ("keys", "pane", "detail", "visited"),
    [
        (["3", "enter", "5"], "positions", False, 4),
        (["3", "enter", "backspace"], "quotes", False, 3),
        (["2", "enter", "4", "enter", "1"], "summary", False, 6),
        (["4", "enter", "backspace", "alt+right", "2", "enter", "y"], "actors", True, 5),
    ],
)
async def test_keys_typed_ahead_land_in_order(keys, pane, detail, visited):
    # Over a slow link keys arrive in a burst, before the screen has answered the
    # first: each must still act where the one before it left the reader.
    from tests.tui.support import main, type_ahead

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        type_ahead(app, *keys)
        screen = main(app)
        for _ in range(50):  # until the burst is answered, however busy the machine
            await pilot.pause(0.1)
            if (screen.current_pane.pane_name, screen.current_pane.showing_detail, app.navigator.history.position[1]) == (pane, detail, visited):
                break
        await pilot.pause()
        assert (screen.current_pane.pane_name, screen.current_pane.showing_detail) == (pane, detail)
        assert app.navigator.history.position[1] == visited


@pytest.mark.slow
async def test_a_resize_storm_with_keys_between_sizes():
    from tests.tui.screen import assert_screen_is_safe, screen_lines
    from tests.tui.support import close_overlays

    down = [(200, 60), (160, 48), (120, 40), (100, 30), (80, 24), (60, 18), (40, 12), (30, 8), (24, 7), (20, 6)]
    keys = [
        "2",
        "j",
        "enter",
        "3",
        "G",
        "enter",
        "right_square_bracket",
        "enter",
        "5",
        "l",
        "enter",
        "4",
        "enter",
        "backspace",
        "1",
        "end",
        "question_mark",
        "escape",
        "slash",
        "p",
        "escape",
    ]
    app = make_app()
    async with app.run_test(size=down[0]) as pilot:
        for step, size in enumerate(down + down[::-1]):
            await pilot.resize_terminal(*size)
            await pilot.press(keys[step % len(keys)])
            assert app.size == size
            assert_screen_is_safe(app)  # every row drawn whole, nothing spilling over
        await close_overlays(pilot, app)
        await pilot.press("1", "home")
        assert app.is_running
        lines = screen_lines(app)
        assert len(lines) == 60 and "Russia renews invitation to Zelensky" in lines[0] and lines[0].rstrip().endswith("2026-01-29")
        assert "Thursday 29 January 2026" in "\n".join(lines)

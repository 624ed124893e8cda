"""Hostile text in every field, on every surface of the reader: shown as written.

Markup stays text, control characters are made visible, nothing from the brief
reaches the terminal as bytes, a link or an action, and the layout holds.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.command import CommandPalette
from textual.widgets._toast import Toast

from briefing_tui.tui.app import BriefingApp
from briefing_tui.tui.screens.help import HelpScreen
from briefing_tui.tui.screens.main import MainScreen
from briefing_tui.tui.widgets.item_list import ItemList
from briefing_tui.tui.widgets.matrix import PositionMatrix
from tests.hostile import HOSTILE_TEXT, write_hostile_brief
from tests.tui.screen import assert_screen_is_safe, screen_lines, screen_rows
from tests.tui.support import main, make_app, open_item, palette_settled, shown_page, started, until

SIZE = (80, 24)


@pytest.fixture(scope="module")
def hostile_path(tmp_path_factory) -> Path:
    return write_hostile_brief(tmp_path_factory.mktemp("hostile"))


def assert_layout_holds(app: BriefingApp, lines: list[str] | None = None) -> None:
    """The masthead, the tabs and the footer are where they belong, whatever the text."""
    lines = screen_lines(app) if lines is None else lines
    assert len(lines) == SIZE[1]
    if isinstance(app.screen, MainScreen) and not app.screen.query(Toast):
        assert lines[0].rstrip().endswith("2026-01-29"), lines[0]
        assert lines[1].startswith(" 1 Summary  2 Actors  3 Quotes  4 Issues  5 Positions"), lines[1]
        assert "^p" in lines[-1] or "palette" in lines[-1].lower(), lines[-1]


def check(app: BriefingApp) -> None:
    rows = screen_rows(app)
    assert_screen_is_safe(app, rows)
    assert_layout_holds(app, screen_lines(app, rows))


async def visit_rows(pilot, app: BriefingApp, pane_key: str) -> int:
    """Open every row of a list pane in turn, checking each page; returns how many."""
    await pilot.press(pane_key)
    listing = app.focused
    assert isinstance(listing, ItemList)
    check(app)
    keys = [row.key for row in listing.rows if row.key]
    for number, key in enumerate(keys):
        listing.select(key)
        await pilot.press("enter")
        assert main(app).current_pane.showing_detail
        check(app)
        if number < 3:
            await pilot.press("right_square_bracket", "right_square_bracket")
            check(app)
        await pilot.press("backspace")
    await pilot.press("G", "g", "pagedown")
    check(app)
    return len(keys)


async def test_summary_shows_every_attack_as_written(hostile_path):
    app = make_app(hostile_path)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot, app)
        await pilot.pause()
        check(app)
        text = shown_page(app).text
        assert "[bold red]bold?[/bold red]" in text and "[@click=app.quit]quit?[/]" in text
        assert "[link=https://evil.example/]click me[/link]" in text
        assert "\u241b]52;c;SE9TVElMRQ==\u2407" in text  # ESC and BEL shown as symbols
        assert "shown\u240dhidden" in text and "abc\u2408\u2408\u2408XYZ" in text
        assert "\u241b" in app.title and "\x1b" not in app.title
        for _ in range(60):
            await pilot.press("right_square_bracket")
        await pilot.press("end", "pageup", "home")
        check(app)


@pytest.mark.slow
@pytest.mark.parametrize("pane_key", ["2", "3", "4"], ids=["actors", "quotes", "issues"])
async def test_every_row_and_page_of_a_list_pane(hostile_path, pane_key):
    app = make_app(hostile_path)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot, app)
        opened = await visit_rows(pilot, app, pane_key)
        assert opened >= 2
        assert app.is_running


async def test_positions_matrix_and_every_position(hostile_path):
    app = make_app(hostile_path)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot, app)
        await pilot.press("5")
        matrix = app.focused
        assert isinstance(matrix, PositionMatrix)
        check(app)
        for _ in range(len(HOSTILE_TEXT) // 3):
            await pilot.press("l", "enter")
            check(app)
            await pilot.press("backspace", "h", "j", "j", "j")
        assert app.is_running


async def test_source_page_and_following_links(hostile_path):
    app = make_app(hostile_path)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot, app)
        await open_item(app, "wire")
        await pilot.pause()
        check(app)
        assert "\u241b]52;c;" in shown_page(app).text
        for _ in range(5):
            await pilot.press("right_square_bracket", "enter")
            await pilot.pause()
            check(app)


async def test_copy_notification_shows_text_as_written(hostile_path):
    app = make_app(hostile_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await started(pilot, app)
        for row in range(4):
            await pilot.press("3", *["j"] * row, "y")
            await pilot.pause(0.1)
            check(app)
        toasts = " ".join(str(toast.render()) for toast in app.screen.query(Toast))
        assert "\x1b" not in toasts and "\x07" not in toasts
        assert "[bold red]bold?[/bold red]" in toasts or "[link=" in toasts or "[/]" in toasts, toasts


async def test_palette_lists_brief_text_as_written(hostile_path):
    app = make_app(hostile_path)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot, app)
        await pilot.press("ctrl+p")
        await until(pilot, lambda: palette_settled(app))
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        check(app)
        for query in ("actor", "click", "red"):
            await pilot.press(*query)
            await until(pilot, lambda: palette_settled(app))
            await pilot.pause()
            check(app)
            shown = "\n".join(screen_lines(app))
            if query == "click":
                assert "[@click=app.quit]quit?[/]" in shown
            await pilot.press(*["backspace"] * len(query))
        await pilot.press(*"quit?")
        await until(pilot, lambda: palette_settled(app))
        await pilot.press("down", "enter")
        await until(pilot, lambda: isinstance(app.screen, MainScreen))
        await pilot.pause()
        assert app.is_running  # the text named an action; choosing it opened an item
        assert isinstance(app.screen, MainScreen)


async def test_search_results_show_text_as_written(hostile_path):
    app = make_app(hostile_path)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot, app)
        await pilot.press("slash")
        for query in ("red", "click", "family", "中文"):
            await pilot.press(*query)
            await pilot.pause(0.1)
            check(app)
            results = app.screen.query_one("#search-results", ItemList)
            assert results.rows, query
            await pilot.press("down", "down", "enter")
            await pilot.pause()
            check(app)
            await pilot.press("slash", *["backspace"] * 10)
        assert app.is_running


async def test_help_screen_and_breadcrumb(hostile_path):
    app = make_app(hostile_path)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot, app)
        await pilot.press("4", "enter", "question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert_screen_is_safe(app)
        await pilot.press("escape")
        crumbs = screen_lines(app)[2]
        assert "Issues \u203a Issue [bold red]bold?" in crumbs
        check(app)


async def test_clicking_on_every_line_runs_no_action_from_the_text(hostile_path):
    app = make_app(hostile_path)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot, app)
        for key in ("1", "2"):
            await pilot.press(key)
            for y in range(3, SIZE[1] - 1, 4):
                await pilot.click(offset=(6 + 3 * y, y))
                assert app.is_running
                await pilot.press(key)
            check(app)


@pytest.mark.parametrize("size", [(40, 12), (20, 6), (200, 60)])
async def test_long_lines_and_wide_text_at_other_sizes(hostile_path, size):
    app = make_app(hostile_path)
    async with app.run_test(size=size) as pilot:
        await started(pilot, app)
        for key in ("1", "end", "2", "enter", "3", "G", "enter", "4", "enter", "5", "l", "enter"):
            await pilot.press(key)
            assert_screen_is_safe(app)
        assert len(screen_lines(app)) == size[1]
        assert app.is_running


def test_a_100_kb_line_wraps_in_one_pass():
    # Slicing the text once per line copied all of it each time: about 25 s for
    # this one (Rich strips control codes from each copy, slowly when not ASCII).
    from time import perf_counter

    from rich.text import Text

    from briefing_tui.tui.layout import wrap
    from tests.hostile import LONG_LINE

    text = Text("\u201c" + LONG_LINE + "\u201d", style="bold")
    text.stylize("italic", 10, 90_000)
    start = perf_counter()
    lines = wrap(text, 20)
    assert perf_counter() - start < 2.0
    assert len(lines) == 20_480 // 4 + 1 and all(line.plain == "long long long long" for line in lines[1:-1])
    assert lines[1].spans and lines[1].style == "bold"


@pytest.mark.parametrize(
    "word",
    ["中文字符漢字テスト" * 3334, "a\u0301" * 50_000, "\U0001f469\u200d\U0001f469\u200d\U0001f467" * 20_000],
    ids=["30000-cjk", "combining-marks", "emoji-sequences"],
)
def test_a_long_word_of_wide_or_joined_characters_wraps_in_one_pass(word):
    # Measuring the rest of the word at each cut took 29 s for 100,000 CJK characters.
    from time import perf_counter

    from rich.cells import cell_len

    from briefing_tui.tui.layout import line_breaks

    start = perf_counter()
    lines = line_breaks(word, 77)
    assert perf_counter() - start < 2.0
    assert lines[0][0] == 0 and lines[-1][1] == len(word)
    assert all(end == next_start for (_, end), (next_start, _) in zip(lines, lines[1:], strict=False))
    widths = [cell_len(word[a:b]) for a, b in lines]
    assert all(width <= 77 for width in widths) and min(widths[:-1]) >= 70
    # Never inside a sequence drawn as one: a mark stays with its letter, a joined emoji whole.
    assert not any(word[a] in "\u0301\u200d" or word[a - 1] == "\u200d" for a, _ in lines[1:])

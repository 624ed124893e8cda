"""Every size, every terminal: the bars hold whole words down to 40x12, help wraps
under itself, NO_COLOR sends no colour and keeps what is selected visible, and every
built-in theme keeps every text legible (a contrast of at least 4.5:1)."""

from __future__ import annotations

import re

import pytest
from rich.color import Color
from rich.style import Style

from briefing_tui.core.ref import Ref
from briefing_tui.tui.screens.help import HelpScreen
from briefing_tui.tui.widgets.key_bar import KeyBar
from briefing_tui.tui.widgets.matrix import PositionMatrix
from briefing_tui.tui.widgets.page import Page
from tests.tui.screen import assert_screen_is_safe, screen_lines, terminal_output
from tests.tui.support import laid_out, main, make_app, shown_page, started


def assert_bar_of_keys_is_whole(app) -> None:  # type: ignore[no-untyped-def]
    """Every key in the bar is drawn whole, and nothing else is: no half word, no stray
    letter; the help key is always there."""
    bar = screen_lines(app)[-1]
    labels = [f"{key.display} {key.description}".strip() for bar in app.screen.query(KeyBar) for key in bar.shown]
    for label in labels:
        assert label in bar, (label, bar)
    words = set(" ".join(labels).split())
    assert set(bar.replace("\u258f", " ").split()) <= words, bar
    assert "? Help" in bar, bar


def tab_names(app) -> str:  # type: ignore[no-untyped-def]
    return screen_lines(app)[1]


@pytest.mark.parametrize("size", [(40, 12), (80, 24), (200, 60)])
async def test_bars_tabs_breadcrumb_and_help_at_every_size(size):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await started(pilot, app)
        await pilot.pause()
        assert_bar_of_keys_is_whole(app)
        await pilot.press("5")
        await pilot.pause()
        assert_bar_of_keys_is_whole(app)
        # All five tabs, the current one named.
        tabs = tab_names(app)
        for number in "12345":
            assert re.search(rf"(^| ){number}( |$)", tabs), (number, tabs)
        assert " 5 Positions " in tabs
        if size[0] >= 80:
            assert " 1 Summary  2 Actors  3 Quotes  4 Issues  5 Positions " in tabs
        # A breadcrumb too long for the line keeps its end, after an ellipsis.
        matrix = app.focused
        assert isinstance(matrix, PositionMatrix)
        matrix.select_target(Ref.position("territory", "russia"))
        await pilot.press("enter")
        await pilot.pause()
        crumbs = screen_lines(app)[2].rstrip()
        assert shown_page(app).document.ref == Ref.position("territory", "russia")
        # Too long for the line, it keeps its ends: the pane, the actor, the counter;
        # the issue between them gives way, cut with an ellipsis.
        assert crumbs.startswith(" Positions \u203a ") and crumbs.endswith(" \u203a Russia   visited 3/3")
        if size[0] < len(" Positions \u203a Who gets what territory \u203a Russia   visited 3/3"):
            assert "\u2026" in crumbs and len(crumbs) == size[0]
        else:
            assert "Who gets what territory" in crumbs
        assert_bar_of_keys_is_whole(app)
        assert_screen_is_safe(app)
        # Help: the keys in their column, each description wrapping under itself.
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        lines = app.screen.query_one(Page).text.splitlines()
        first = next(line for line in lines if line.startswith("1 "))
        column = first.index("Summary pane")
        section = lines[lines.index(first) : lines.index("", lines.index(first))]
        descriptions = " ".join(" ".join(line[column:].strip() for line in section).split())
        for description in (
            "Positions pane: who stands where",
            "Copy the item as text (works over SSH)",
            "Command palette: jump to any actor, quote or issue, change theme",
        ):
            assert description in descriptions, (description, section)
        assert all(not line[:column].strip() or line[0] != " " for line in section)
        assert_screen_is_safe(app)


async def test_no_color_draws_no_colour_and_keeps_cursor_link_and_match_visible(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await started(pilot, app)
        colour = re.compile(r"\x1b\[[0-9;]*?(?<![0-9])(3[0-7]|38|4[0-7]|48|9[0-7]|10[0-7])(;[0-9;]*)?m")

        def sgr_on(text: str) -> set[str]:
            """The SGR attributes of the segments drawing `text` on screen."""
            output = terminal_output(app)
            assert not colour.search(output), colour.search(output)
            found = re.findall(r"\x1b\[([0-9;]*)m" + re.escape(text), output)
            return {part for code in found for part in code.split(";")}

        await pilot.press("3")  # the list's cursor: reversed
        assert "7" in sgr_on("Dmitry Peskov")
        await pilot.press("enter", "right_square_bracket")  # the selected link: reversed
        page = shown_page(app)
        await laid_out(pilot, page)
        assert page.link >= 0
        assert "7" in sgr_on(page.document.shown(page.link))
        await pilot.press("5")  # the matrix's cursor: reversed
        assert "7" in sgr_on(" Volodymyr Zelensky")
        # A search match on a page: bold and underlined.
        await app.navigator.open(Ref("actor", "peskov"))
        main(app).current_pane.page.show(main(app).current_pane.page.document, highlight="kremlin")
        await pilot.pause()
        assert {"1", "4"} <= sgr_on("Kremlin")


def luminance(color: Color, app) -> float:  # type: ignore[no-untyped-def]
    """WCAG 2 relative luminance of a colour as the terminal shows it."""
    red, green, blue = color.get_truecolor(app.ansi_theme, foreground=True)

    def channel(value: int) -> float:
        level = value / 255
        return level / 12.92 if level <= 0.03928 else ((level + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)


def contrast(style: Style, app) -> float:  # type: ignore[no-untyped-def]
    foreground = style.color or Color.default()
    background = style.bgcolor or Color.default()
    if foreground.is_default:
        foreground = Color.from_rgb(*app.ansi_theme.foreground_color)
    if background.is_default:
        background = Color.from_rgb(*app.ansi_theme.background_color)
    lighter, darker = sorted((luminance(foreground, app), luminance(background, app)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


async def test_every_built_in_theme_keeps_every_text_legible():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await started(pilot, app)
        await pilot.press("5", "2")
        screen = main(app)
        masthead = screen.masthead
        listing = screen.pane("actors").home
        page = screen.pane("summary").home
        matrix = screen.pane("positions").home
        assert app.focused is listing
        failures = []
        themes = sorted(app.available_themes)
        assert len(themes) >= 15
        for theme in themes:
            app.theme = theme
            await pilot.pause()
            key = screen.query_one(KeyBar)
            # Each text as drawn: the widget's style, the text's, then what is laid over it.
            drawn = {
                "masthead bar": (masthead, ["masthead--bar"], Style(bold=True)),
                "masthead note": (masthead, ["masthead--note"], None),
                "masthead tabs": (masthead, ["masthead--tabs"], None),
                "masthead current tab": (masthead, ["masthead--tabs"], Style(reverse=True, bold=True)),
                "masthead crumbs": (masthead, ["masthead--crumbs"], None),
                "key bar key": (key, ["key-bar--key"], None),
                "key bar description": (key, ["key-bar--description"], None),
            }
            for text in ("title", "note", "body", "heading", "match"):
                drawn[f"list {text}"] = (listing, [f"item-list--{text}"], None)
                drawn[f"list {text} under the cursor"] = (listing, [f"item-list--{text}", "item-list--cursor"], None)
            drawn["page text"] = (page, [], None)
            for text in ("heading", "muted", "code", "link", "link-selected", "match"):
                drawn[f"page {text}"] = (page, [f"page--{text}"], None)
            for text in ("header", "name", "empty", "detail", "detail-title"):
                drawn[f"matrix {text}"] = (matrix, [f"matrix--{text}"], None)
            drawn["matrix cursor"] = (matrix, ["matrix--cursor"], None)
            for text in ("name", "empty"):
                drawn[f"matrix {text} on the cursor's row"] = (matrix, ["matrix--row-cursor", f"matrix--{text}"], None)
            for what, (widget, components, over) in drawn.items():
                style = widget.rich_style
                for component in components:
                    style += widget.get_component_rich_style(component)
                if over is not None:
                    style += over
                ratio = contrast(style, app)
                if ratio < 4.5:
                    failures.append(f"{theme}: {what} {ratio:.2f}")
        assert not failures, failures

"""Every built-in theme keeps every text legible: a contrast of at least 4.5:1
between each kind of text the reader draws and what it is drawn on."""

from __future__ import annotations

from rich.color import Color
from rich.style import Style
from textual.widgets._footer import FooterKey

from tests.tui.support import main, make_app, started


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
            key = next(iter(screen.query(FooterKey)))
            # Each text as drawn: the widget's style, the text's, then what is laid over it.
            drawn = {
                "masthead bar": (masthead, ["masthead--bar"], Style(bold=True)),
                "masthead note": (masthead, ["masthead--note"], None),
                "masthead tabs": (masthead, ["masthead--tabs"], None),
                "masthead current tab": (masthead, ["masthead--tabs"], Style(reverse=True, bold=True)),
                "masthead crumbs": (masthead, ["masthead--crumbs"], None),
                "footer key": (key, ["footer-key--key"], None),
                "footer description": (key, ["footer-key--description"], None),
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

"""What the reader would send to a terminal, read back from the running app under Pilot."""

from __future__ import annotations

import io

from rich.console import Console
from textual.app import App
from textual.strip import Strip

from tests.hostile import foreign_controls


def _screen_strips(app: App[object]) -> list[list[Strip]]:
    """The whole screen as composed (modal screens over the ones beneath), row by row."""
    update = app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    return [list(line) for line in update.strips]  # type: ignore[union-attr]


def terminal_output(app: App[object], rows: list[list[Strip]] | None = None) -> str:
    """The text a full redraw of the screen writes to a truecolor terminal."""
    console = Console(file=io.StringIO(), force_terminal=True, color_system="truecolor", width=app.size.width, legacy_windows=False)
    rows = _screen_strips(app) if rows is None else rows
    return "\n".join(f"\x1b[{y + 1};1H" + "".join(strip.render(console) for strip in line) for y, line in enumerate(rows))


def screen_rows(app: App[object]) -> list[list[Strip]]:
    """The whole screen as composed, row by row: compose it once to check it several ways."""
    return _screen_strips(app)


def screen_lines(app: App[object], rows: list[list[Strip]] | None = None) -> list[str]:
    """The screen as plain text, one string per row."""
    rows = _screen_strips(app) if rows is None else rows
    return ["".join(strip.text for strip in line) for line in rows]


def assert_screen_is_safe(app: App[object], rows: list[list[Strip]] | None = None) -> None:
    """Nothing from the brief reaches the terminal as a control sequence, a link or an action."""
    rows = _screen_strips(app) if rows is None else rows
    output = terminal_output(app, rows)
    assert foreign_controls(output) == [], "raw control characters would reach the terminal"
    assert "\x1b]" not in output  # no OSC: no hyperlinks, titles or clipboard writes
    assert output.count("\n") == app.size.height - 1, "a line of text broke out of its row"
    for line in rows:
        for strip in line:
            for segment in strip:
                style = segment.style
                if style is None:
                    continue
                assert style.link is None, f"a hyperlink in {segment.text!r}"
                click = (style.meta or {}).get("@click") if style._meta else None
                if click is not None:
                    assert "app.quit" not in str(click) and "screen.pane('x')" not in str(click), f"an action from brief text: {click}"

"""What the reader's tests share: the app on a real brief, and what it shows."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from textual import events
from textual.binding import Binding
from textual.keys import key_to_character

from briefing_tui.core import load_brief
from briefing_tui.tui.app import BriefingApp
from briefing_tui.tui.screens.help import HelpScreen
from briefing_tui.tui.screens.main import MainScreen
from briefing_tui.tui.screens.open_link import OpenLinkScreen
from briefing_tui.tui.widgets.item_list import ItemList
from briefing_tui.tui.widgets.matrix import PositionMatrix
from briefing_tui.tui.widgets.motion import LineView
from briefing_tui.tui.widgets.page import Page
from briefing_tui.tui.widgets.search_panel import SearchInput, SearchPanel
from tests.conftest import REAL_BRIEF

QUIT_KEYS = {"q", "ctrl+q", "ctrl+c"}


def make_app(path: Path = REAL_BRIEF) -> BriefingApp:
    """The reader on a brief loaded by the real loader."""
    result = load_brief(path)
    assert result.brief is not None
    return BriefingApp(result.brief)


def main(app: BriefingApp) -> MainScreen:
    """The main screen, which must be the one on top."""
    screen = app.screen
    assert isinstance(screen, MainScreen)
    return screen


def shown_page(app: BriefingApp) -> Page:
    """The page on screen: an item in full, or the Summary."""
    pane = main(app).current_pane
    return pane.page if pane.showing_detail else pane.home  # type: ignore[return-value]


def key_table() -> list[str]:
    """Every key the reader binds, anywhere, and the keys every terminal has; not quit."""
    keys = {"tab", "shift+tab", "ctrl+p", "enter", "escape", "space", "backspace", "up", "down", "left", "right", "home", "end", "pageup", "pagedown"}
    for owner in (MainScreen, BriefingApp, LineView, ItemList, Page, PositionMatrix, HelpScreen, SearchInput, SearchPanel, OpenLinkScreen):
        for binding in owner.BINDINGS:
            if isinstance(binding, Binding):
                keys.update(key.strip() for key in binding.key.split(","))
    return sorted(keys - QUIT_KEYS)


async def close_overlays(pilot, app: BriefingApp) -> None:  # type: ignore[no-untyped-def]
    """Escape from the palette, help, a question or the search box, back to the panes."""
    for _ in range(6):
        screen = app.screen
        if isinstance(screen, MainScreen) and not screen.has_class("-searching"):
            return
        await pilot.press("escape")


def type_ahead(app: BriefingApp, *keys: str) -> None:
    """Send keys in one burst, as a fast typist or a slow link delivers them: each is
    queued before the reader has answered the one before (unlike `pilot.press`)."""
    for key in keys:
        app.post_message(events.Key(key, key_to_character(key)))


async def laid_out(pilot, page: Page) -> None:  # type: ignore[no-untyped-def]
    """Wait until a page just shown has its size (and has done what was typed ahead
    of it: a `]` selects its link only then), however busy the machine."""
    await until(pilot, lambda: page._pending is None)


async def started(pilot, app: BriefingApp) -> None:  # type: ignore[no-untyped-def]
    """Wait until the reader has finished starting: the bar of keys, which follows
    the first screen by a frame or two, shows its keys."""
    from briefing_tui.tui.widgets.key_bar import KeyBar

    for _ in range(200):
        if any(bar.shown for bar in app.screen.query(KeyBar)):
            return
        await pilot.pause(0.01)
    raise AssertionError("the bar of keys never showed")


async def open_item(app: BriefingApp, item_id: str) -> None:
    """Open an item of the brief on screen in full, as following a link to it does."""
    ref = main(app).index.ref(item_id)
    assert ref is not None, item_id
    await app.navigator.open(ref)


def crumbs_of(app: BriefingApp) -> str:
    """The breadcrumb line as the screen shows it (the masthead's last line)."""
    from briefing_tui.tui.widgets.masthead import Masthead

    masthead = app.screen.query_one(Masthead)
    return masthead.render_line(masthead.size.height - 1).text.strip()


async def until(pilot, condition: Callable[[], object], timeout: float = 10.0) -> None:  # type: ignore[no-untyped-def]
    """Wait until `condition()` holds, looking again every 20 ms: as long as a busy
    machine needs, and no longer."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("the screen did not change")
        await pilot.pause(0.02)


def palette_settled(app: BriefingApp) -> bool:
    """The command palette is open and lists all its query finds (it gathers them in a worker)."""
    from textual.command import CommandList, CommandPalette

    screen = app.screen
    if not isinstance(screen, CommandPalette):
        return False
    gathering = any(worker.group == CommandPalette._GATHER_COMMANDS_GROUP and not worker.is_finished for worker in app.workers)
    return not gathering and screen.query_one(CommandList).option_count > 0

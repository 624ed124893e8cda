"""What the reader's tests share: the app on a real brief, and what it shows."""

from __future__ import annotations

from pathlib import Path

from briefing_tui.core import load_brief
from briefing_tui.tui.app import BriefingApp
from briefing_tui.tui.screens.main import MainScreen
from briefing_tui.tui.widgets.page import Page
from tests.conftest import REAL_BRIEF


def make_app(path: Path = REAL_BRIEF) -> BriefingApp:
    """The reader on a brief loaded by the real loader."""
    result = load_brief(path)
    assert result.brief is not None
    return BriefingApp(str(path), result.brief)


def main(app: BriefingApp) -> MainScreen:
    """The main screen, which must be the one on top."""
    screen = app.screen
    assert isinstance(screen, MainScreen)
    return screen


def shown_page(app: BriefingApp) -> Page:
    """The page on screen: an item in full, or the Summary."""
    pane = main(app).current_pane
    return pane.page if pane.showing_detail else pane.home  # type: ignore[return-value]

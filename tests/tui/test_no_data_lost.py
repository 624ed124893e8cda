"""The reader never writes to a brief: a session with every key pressed on every pane
leaves its bytes, its times and its folder as they were."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from briefing_tui.core.loader import load_brief
from briefing_tui.tui import live_reload
from briefing_tui.tui.screens.main import MainScreen
from tests.conftest import REAL_BRIEF
from tests.tui.support import close_overlays, key_table, make_app, palette_settled, type_ahead, until

PANES = ["1", "2", "3", "4", "5"]
# Keys that open something that takes the keys after them: the palette, help, search,
# the key points to mark (m on the Summary), the talking points, the export's question.
OVERLAYS = ["ctrl+p", "question_mark", "slash", "m", "t", "x"]


def snapshot(path: Path) -> tuple[bytes, int, int, int, list[str]]:
    info = os.stat(path)
    return path.read_bytes(), info.st_mtime_ns, info.st_ctime_ns, info.st_mode, sorted(os.listdir(path.parent))


@pytest.mark.slow
async def test_every_key_on_every_pane_leaves_the_brief_untouched(tmp_path, monkeypatch):
    calls: list[str] = []
    monkeypatch.setattr("webbrowser.open", lambda url, *a, **k: calls.append(url) or True)
    # The file is looked at twenty times a second, and each look counted.
    polls: list[None] = []
    monkeypatch.setattr(live_reload, "RELOAD_SECONDS", 0.05)
    monkeypatch.setattr(live_reload.LiveReload, "poll", lambda self, poll=live_reload.LiveReload.poll: polls.append(None) or poll(self))
    path = tmp_path / "brief.yaml"
    shutil.copy2(REAL_BRIEF, path)
    before = snapshot(path)
    keys = [key for key in key_table() if key not in PANES + OVERLAYS]
    assert len(keys) > 25
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        for pane in PANES:
            type_ahead(app, pane, *keys)
            await pilot.pause()
            assert isinstance(app.screen, MainScreen)
            for key in OVERLAYS:
                type_ahead(app, pane, key, "j", "enter")
                await pilot.pause()
                await close_overlays(pilot, app)
            type_ahead(app, pane, "enter", "y", "right_square_bracket", "enter", "y")
            await pilot.pause()
        # The palette, help, search and copy, used as a reader would.
        await pilot.press("ctrl+p", *"peskov")
        await until(pilot, lambda: palette_settled(app))
        await pilot.press("enter", "y", "question_mark", "G", "escape", "slash", *"zelensky", "enter", "n", "N", "y")
        looked = len(polls)
        await until(pilot, lambda: len(polls) >= looked + 2)  # a live-reload poll or two
        screen = app.screen
        assert isinstance(screen, MainScreen)
        shown = screen.brief
        await pilot.press("q")
    assert app.return_code == 0
    assert snapshot(path) == before
    assert calls == []
    # Nor does it change the brief it holds, which is immutable by contract only.
    fresh = load_brief(path).brief
    assert shown == fresh
    assert fresh is not None
    items = [*shown.sources, *shown.actors, *shown.quotes, *shown.issues]
    again = [*fresh.sources, *fresh.actors, *fresh.quotes, *fresh.issues]
    where = lambda item: (item.location, getattr(item, "field_locations", ()))  # noqa: E731
    assert [where(item) for item in items] == [where(item) for item in again]

"""Markings in the reader: the banner on the masthead, and a reader started with
`--redact` (or told by W) that shows no word of a withheld item on any screen, in
any copy, export or search, but a placeholder where it was."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from briefing_tui.core import load_brief
from briefing_tui.tui.app import BriefingApp
from tests.core.test_markings import FIXTURE, secrets_in
from tests.tui.screen import screen_lines
from tests.tui.support import close_overlays, main, open_item, shown_page, started, until


def reader(level: str | None) -> BriefingApp:
    brief = load_brief(FIXTURE).brief
    assert brief is not None
    return BriefingApp(brief, redact=level)


def page_text(app: BriefingApp) -> str:
    return "\n".join(block.prefix + "".join(span.text for span in block.spans) for block in shown_page(app).document.blocks)


@pytest.mark.slow
async def test_with_redact_no_screen_copy_export_or_search_shows_a_withheld_word():
    app = reader("AMBER")
    seen: list[str] = []
    async with app.run_test(size=(100, 30)) as pilot:
        await started(pilot, app)
        assert "TLP:AMBER \u00b7 hiding above AMBER" in screen_lines(app)[0]
        for pane in "12345":
            await pilot.press(pane)
            seen += screen_lines(app)
        # Every cell of the matrix in full, below it.
        for _ in range(4):
            for _ in range(3):
                await pilot.press("l")
                seen += screen_lines(app)
            await pilot.press("h", "h", "h", "j")
        screen = main(app)
        placeholders = 0
        for item_id in list(screen.index.items):
            await open_item(app, item_id)
            await pilot.pause()
            seen += [*screen_lines(app), page_text(app)]
            placeholders += "[withheld" in page_text(app)
            await pilot.press("y")
            seen.append(app.clipboard)
            # Exported in each format from the pages that hold a placeholder or link one.
            if item_id in ("wages", "ana", "withheld-2"):  # withheld-2: the quote
                for fmt in "mht":
                    await pilot.press("x", fmt)
                    await pilot.pause()
        assert placeholders >= 4  # the four withheld items' own pages, and the pages linking them
        for word in ("tangerine", "zanzibar", "tipster", "withheld"):
            await close_overlays(pilot, app)
            await pilot.press("slash", *word)
            await pilot.pause(0.3)
            # What the user typed is in the box; nothing else may hold the word.
            seen += [line for line in screen_lines(app) if line.strip("\u258a\u258e ") != word]
        assert any("withheld quote: TLP:RED" in line for line in screen_lines(app))
        await close_overlays(pilot, app)
        await pilot.press("5", "Y")
        seen.append(app.clipboard)
    downloads = Path(os.environ["XDG_DOWNLOAD_DIR"])
    await until(pilot, lambda: len(list(downloads.iterdir())) >= 9)
    exports = [path.read_text(encoding="utf-8") for path in downloads.iterdir()]
    assert any(text.startswith("TLP:AMBER") or text.startswith("**TLP:AMBER**") for text in exports)
    seen += exports
    assert [line for line in seen if secrets_in(line)] == []


async def test_w_withholds_one_level_more_at_each_press_and_never_below_the_start():
    app = reader(None)
    async with app.run_test(size=(100, 30)) as pilot:
        await started(pilot, app)
        assert screen_lines(app)[0].rstrip().endswith("TLP:AMBER  2026-03-01")
        await open_item(app, "secret-offer")
        await pilot.pause()
        assert "tangerine" in page_text(app)
        await pilot.press("W")
        await until(pilot, lambda: "hiding above AMBER+STRICT" in screen_lines(app)[0])
        # The reader stays on the quote, now its placeholder.
        assert "[withheld quote: TLP:RED]" in page_text(app)
        assert secrets_in(page_text(app)) == [] and secrets_in("\n".join(screen_lines(app))) == []
        levels = []
        for _ in range(5):
            await pilot.press("W")
            await pilot.pause()
            levels.append(main(app).navigator.redact)
        assert levels == ["AMBER", "GREEN", "CLEAR", None, "AMBER+STRICT"]
        # On the narrowest screen the marking stays whole, before the title and the date.
        await pilot.resize_terminal(40, 12)
        await pilot.pause()
        assert screen_lines(app)[0].strip() == "TLP:AMBER \u00b7 hiding above AMBER+STRICT"
    started_at = reader("GREEN")
    async with started_at.run_test(size=(100, 30)) as pilot:
        await started(pilot, started_at)
        levels = []
        for _ in range(3):
            await pilot.press("W")
            await pilot.pause()
            levels.append(main(started_at).navigator.redact)
        assert levels == ["CLEAR", "GREEN", "CLEAR"]

"""The reader's keys that reach beyond the page, on the real brief under Pilot:
copying, help, the command palette, focus and quitting."""

from __future__ import annotations

from briefing_tui.tui.app import BriefingApp
from briefing_tui.tui.screens.help import HelpScreen
from briefing_tui.tui.screens.main import MainScreen
from briefing_tui.tui.widgets.page import Page
from tests.tui.support import main, make_app, palette_settled, shown_page, until


def focused_pane(app: BriefingApp) -> str:
    return main(app).current_pane.pane_name


async def test_copy_a_quote_as_meeting_ready_text(monkeypatch, tmp_path):
    # A local clipboard command that works: the one way a copy is known to be done.
    tool = tmp_path / "xclip"
    tool.write_text("#!/bin/sh\n/bin/cat > /dev/null\n", encoding="utf-8")
    tool.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setenv("DISPLAY", ":0")
    for name in ("WAYLAND_DISPLAY", "SSH_CONNECTION", "SSH_TTY", "SSH_CLIENT"):
        monkeypatch.delenv(name, raising=False)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3", "y")
        assert app.clipboard == (
            "\u201cWe have reiterated our invitation, but so far there has been no answer\u201d"
            " \u2014 Dmitry Peskov, Kremlin spokesman, Interfax news agency, 2026-01-29 [F?]"
        )  # F?: Interfax's reliability cannot be judged; the quote's credibility is not given
        await pilot.pause()
        assert any("Copied quote" in str(n.title) for n in app._notifications)


async def test_copy_an_issue_with_every_position():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4", "j", "enter", "y")
        lines = app.clipboard.splitlines()
        assert lines[0] == "Who gets what territory (open)"
        # Each with its leaning's sign, from support to opposition.
        assert lines[1].startswith("+ Russia: Ukrainian forces must withdraw") and lines[1].endswith(" [supports]")
        assert lines[2].startswith("\u2212 Ukraine: ") and lines[2].endswith(" [opposes]")


async def test_copy_goes_out_as_osc52_and_is_wrapped_for_tmux(monkeypatch, tmp_path):
    # No display, and no tmux to ask (when it can be asked, tests/tui/test_clipboard.py):
    # inside tmux both ways go out, as one of them may get through.
    monkeypatch.setenv("PATH", str(tmp_path))
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "STY"):
        monkeypatch.delenv(name, raising=False)
    app = make_app()
    written: list[str] = []
    async with app.run_test(size=(80, 24)) as pilot:
        assert app._driver is not None
        monkeypatch.setattr(app._driver, "write", written.append)
        monkeypatch.delenv("TMUX", raising=False)
        app.copy_to_clipboard("hi")
        monkeypatch.setenv("TMUX", "/tmp/tmux-0/default,1,0")
        app.copy_to_clipboard("hi")
        await pilot.pause()
    assert written[:2] == ["\x1b]52;c;aGk=\a", "\x1b]52;c;aGk=\a\x1bPtmux;\x1b\x1b]52;c;aGk=\a\x1b\\"]


async def test_help_lists_every_key_from_the_bindings():
    app = make_app()
    async with app.run_test(size=(80, 40)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = app.screen.query_one(Page).text
        for expected in (
            "Summary pane",
            "Actors pane",
            "Copy the item as text",
            "Next link on the page",
            "Previous link on the page",
            "Back to where you were",
            "Forward again",
            "Quit",
            "Command palette",
            "Top",
            "Bottom",
            "Mark or unmark the item",
            "Talking points: what you marked",
            "Move the point up",
            "Write a one-line note on the point",
            "Export what is on screen",
            "Copy what is on screen as Markdown",
        ):
            assert expected in text, expected
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


async def test_command_palette_jumps_to_an_actor():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Actor: Lavrov")
        await until(pilot, lambda: palette_settled(app))
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, MainScreen) and shown_page(app).document.ref.id == "lavrov")
        assert isinstance(app.screen, MainScreen)
        assert shown_page(app).document.ref.id == "lavrov"


async def test_command_palette_runs_a_key_action():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.press(*"Positions pane")
        await until(pilot, lambda: palette_settled(app))
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, MainScreen) and focused_pane(app) == "positions")
        assert focused_pane(app) == "positions"
        # "Keys" in the palette is the reader's own help, the one list of keys.
        await pilot.press("ctrl+p", *"Keys")
        await until(pilot, lambda: palette_settled(app))
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen))
        assert not app.screen.query("HelpPanel")


async def test_tab_moves_focus_and_quit_quits():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        before = app.focused
        await pilot.press("tab")
        await pilot.press("shift+tab")
        assert app.focused is before
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0

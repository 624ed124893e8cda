"""Copying: text only, by the way that works here, and never "Copied" unless known.

The real clipboard module runs, with real programs on PATH standing in for tmux and
for a clipboard command (small scripts in a temporary folder, answering as they
would); what reaches the terminal is read off the driver.
"""

from __future__ import annotations

import base64
import re
from pathlib import Path

import pytest

from briefing_tui.tui.clipboard import TMUX_HELP, CopyScreen
from tests.conftest import MINIMAL
from tests.hostile import quoted
from tests.tui.support import make_app

QUOTE = "\u201cWe have reiterated our invitation, but so far there has been no answer\u201d"
HOSTILE_TITLE = "Talks resume\x1b[201~; touch x\n"
OSC52 = re.compile("\x1b\\]52;c;([A-Za-z0-9+/=]*)\a")


def program(folder: Path, name: str, script: str) -> Path:
    """A real executable `name` in `folder`, running a shell script."""
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text("#!/bin/sh\n" + script, encoding="utf-8")
    path.chmod(0o755)
    return path


@pytest.fixture
def terminal(monkeypatch, tmp_path):
    """A plain terminal on another machine: no display, no SSH, no tmux, no screen,
    and only the programs the test puts in its folder."""
    for name in ("TMUX", "STY", "DISPLAY", "WAYLAND_DISPLAY", "SSH_CONNECTION", "SSH_TTY", "SSH_CLIENT"):
        monkeypatch.delenv(name, raising=False)
    folder = tmp_path / "bin"
    folder.mkdir()
    monkeypatch.setenv("PATH", str(folder))
    return folder


def tmux(folder: Path, set_clipboard: str, passthrough: str) -> None:
    program(
        folder,
        "tmux",
        f'case "$*" in\n  "show-options -gqv set-clipboard") echo {set_clipboard} ;;\n'
        f'  "show-options -gqv allow-passthrough") echo {passthrough} ;;\n  *) exit 1 ;;\nesac\n',
    )


async def copy(app, keys=("3", "y")) -> tuple[str, list[str]]:  # type: ignore[no-untyped-def]
    """Press the keys that copy; what the reader wrote to the terminal, and the titles it showed."""
    written: list[str] = []
    async with app.run_test(size=(80, 24)) as pilot:
        app._driver.write = written.append
        await pilot.press(*keys)
        await pilot.pause()
        titles = [str(n.title) for n in app._notifications]
        if isinstance(app.screen, CopyScreen):
            titles.append("screen: " + app.screen.why + " | " + app.screen.query_one("#copy-text").text)
            await pilot.press("escape")
            await pilot.pause()
            assert not isinstance(app.screen, CopyScreen)
    return "".join(written), titles


def payloads(written: str) -> list[str]:
    return [base64.b64decode(p).decode("utf-8") for p in OSC52.findall(written.replace("\x1b\x1b", "\x1b"))]


async def test_a_plain_terminal_is_sent_the_text_but_nothing_claims_it_arrived(terminal):
    app = make_app()
    written, titles = await copy(app)
    assert written.startswith("\x1b]52;c;") and payloads(written) == [app.clipboard]
    assert app.clipboard.startswith(QUOTE)
    assert titles == ["Sent quote to your terminal's clipboard"]


async def test_a_title_that_would_end_a_bracketed_paste_is_copied_as_text_only(terminal, tmp_path):
    path = tmp_path / "hostile.yaml"
    path.write_text(MINIMAL.replace("title: A small brief", f"title: {quoted(HOSTILE_TITLE)}"), encoding="utf-8")
    app = make_app(path)
    written, _ = await copy(app, ("y",))
    (text,) = payloads(written)
    assert text == "Talks resume\u241b[201~; touch x\n (2026-01-29)" == app.clipboard
    assert "\x1b" not in text and not text.endswith("\n")


@pytest.mark.parametrize(
    ("set_clipboard", "passthrough", "how", "said"),
    [
        ("on", "off", "plain", "Sent quote to tmux's clipboard (and your terminal's, if it takes it)"),
        ("external", "on", "wrapped", "Sent quote through tmux to your terminal's clipboard"),
        ("off", "", "wrapped", "Sent quote through tmux to your terminal's clipboard"),  # a tmux before 3.3
        ("external", "off", "none", f"screen: tmux lets no program set the clipboard ({TMUX_HELP}): select the text of quote here"),
    ],
)
async def test_inside_tmux_the_copy_goes_the_way_tmux_lets_it(terminal, monkeypatch, set_clipboard, passthrough, how, said):
    monkeypatch.setenv("TMUX", "/tmp/tmux-test/default,1,0")
    tmux(terminal, set_clipboard, passthrough)
    written, titles = await copy(make_app())
    if how == "plain":
        assert written.startswith("\x1b]52;c;") and "\x1bPtmux;" not in written
    elif how == "wrapped":
        assert written.startswith("\x1bPtmux;\x1b\x1b]52;c;") and written.endswith("\a\x1b\\")
    else:
        assert "]52;" not in written and "\x1bP" not in written  # nothing it would drop
    assert titles[0].startswith(said) and not any(title.startswith("Copied") for title in titles)
    if how == "none":
        assert titles[0].endswith(QUOTE + " \u2014 Dmitry Peskov, Kremlin spokesman, Interfax news agency, 2026-01-29 [F?]")
    else:
        assert payloads(written)[0].startswith(QUOTE)


async def test_inside_screen_the_copy_is_wrapped_for_it(terminal, monkeypatch):
    monkeypatch.setenv("STY", "1234.pts-0.host")
    written, titles = await copy(make_app())
    pieces = re.findall("\x1bP(.*?)\x1b\\\\", written, re.S)
    assert pieces and "".join(pieces).startswith("\x1b]52;c;") and all(len(piece) <= 76 for piece in pieces)
    assert payloads("".join(pieces))[0].startswith(QUOTE)
    assert titles == ["Sent quote through screen to your terminal's clipboard"]


@pytest.mark.parametrize("outcome", ["works", "fails", "over ssh"])
async def test_a_local_clipboard_command_is_used_and_only_then_copied_is_said(terminal, monkeypatch, tmp_path, outcome):
    received = tmp_path / "clipboard.txt"
    program(terminal, "xclip", f'/bin/cat > "{received}"\n' + ("exit 1\n" if outcome == "fails" else ""))
    monkeypatch.setenv("DISPLAY", ":0")
    if outcome == "over ssh":
        monkeypatch.setenv("SSH_CONNECTION", "10.0.0.1 22 10.0.0.2 22")
    written, titles = await copy(make_app())
    if outcome == "works":
        assert received.read_text(encoding="utf-8").startswith(QUOTE)
        assert written == "" and titles == ["Copied quote to the clipboard"]
    else:
        assert payloads(written)[0].startswith(QUOTE)
        assert titles == ["Sent quote to your terminal's clipboard"]
        assert outcome == "fails" or not received.exists()


@pytest.mark.parametrize("way", ["terminal", "tmux", "command", "command that fails"])
async def test_the_copy_setting_chooses_the_way(terminal, monkeypatch, tmp_path, private_user_folders, way):
    received = tmp_path / "clipboard.txt"
    program(terminal, "xclip", f'/bin/cat > "{received}"\n')  # what "auto" would use here
    program(terminal, "tmux", f'[ "$*" = "load-buffer -w -" ] && /bin/cat > "{received}"\n')
    program(terminal, "mycopy", f'/bin/cat > "{received}"\n' + ("exit 3\n" if way == "command that fails" else ""))
    monkeypatch.setenv("DISPLAY", ":0")
    config, _ = private_user_folders
    setting = {"terminal": 'copy = "terminal"', "tmux": 'copy = "tmux"'}.get(way, 'copy = "command"\ncopy_command = "mycopy --flag"')
    (config / "settings.toml").write_text(setting + "\n", encoding="utf-8")
    written, titles = await copy(make_app())
    if way == "terminal":
        assert payloads(written)[0].startswith(QUOTE) and not received.exists()
        assert titles == ["Sent quote to your terminal's clipboard"]
    elif way == "tmux":
        assert received.read_text(encoding="utf-8").startswith(QUOTE) and written == ""
        assert titles == ["Copied quote to tmux's paste buffer (prefix ] pastes it)"]
    elif way == "command":
        assert received.read_text(encoding="utf-8").startswith(QUOTE) and written == ""
        assert titles == ["Copied quote with mycopy"]
    else:
        assert payloads(written)[0].startswith(QUOTE)
        assert titles == ["copy_command 'mycopy --flag' did not copy; sent quote to your terminal's clipboard"]

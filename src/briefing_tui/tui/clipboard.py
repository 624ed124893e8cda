"""Copying to the clipboard, and saying truly what happened.

Text leaves as text only (`clipboard_text`). It goes, in this order of preference:

- to a local clipboard command (`wl-copy`, `xclip`, `xsel`, `pbcopy`) when there is a
  local display and this is not an SSH session: its exit status says whether it
  worked, so only then does the reader say "Copied";
- to the terminal, as an OSC 52 sequence, which also works over SSH. The terminal
  never answers, so the reader says "Sent to your terminal's clipboard", not
  "Copied". Inside tmux the sequence only gets through when tmux allows it: with
  `set-clipboard on` tmux takes the plain sequence (into its own buffers, and on to
  the outer terminal), with `allow-passthrough on` the sequence wrapped in tmux's
  passthrough reaches the outer terminal. tmux is asked which (briefly, without a
  shell). GNU screen takes it wrapped in its own passthrough;
- nowhere, when tmux lets nothing through: the reader says so, and shows the text
  to select by hand.

The `copy` setting picks one way instead: `terminal` (OSC 52 only), `tmux` (tmux's
paste buffer, `tmux load-buffer -w`), or `command` (the user's `copy_command`); when
that way fails, the copy goes to the terminal and the reader says why.
"""

from __future__ import annotations

import base64
import os
import shutil
import subprocess
import sys
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, NamedTuple

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static, TextArea

from briefing_tui.core.printable import clipboard_text

if TYPE_CHECKING:
    from textual.app import App

ASK_SECONDS = 1.0
"""How long tmux, or a clipboard command, may take to answer."""
TMUX_HELP = "set -g set-clipboard on, or allow-passthrough on, in ~/.tmux.conf"


class Route(NamedTuple):
    """How a copy goes out: the bytes for the terminal ('' for none), whether the copy
    is known to have happened, and how to say what happened (`{what}` is filled in)."""

    sequence: str
    known: bool
    said: str


SERVED = Route("", False, "In a browser the reader cannot reach your clipboard: select the text of {what} here")


def copy_out(app: App[Any], text: str, what: str = "the text", environ: Mapping[str, str] | None = None) -> str:
    """Copy `text` as well as can be done here and tell the user truly what happened
    (a notification, or the text shown to select when nothing can get it through).
    The text as copied: text only."""
    environ = os.environ if environ is None else environ
    text = clipboard_text(text)
    # In a browser (`briefing serve`) the page's terminal does not take a clipboard
    # request: the text is shown to select instead.
    from briefing_tui.core.settings import current_settings

    settings = current_settings()
    route = SERVED if app.is_web else route_for(text, environ, settings.copy, settings.copy_command)
    driver = app._driver
    if route.sequence and driver is not None:
        driver.write(route.sequence)
    elif not route.known:
        app.push_screen(CopyScreen(text, route.said.format(what=what)))
        return text
    preview = text if len(text) < 160 else text[:159] + "\u2026"
    app.notify(preview, title=route.said.format(what=what), markup=False)
    return text


def route_for(text: str, environ: Mapping[str, str], way: str = "auto", command: str = "") -> Route:
    """How `text` can be copied in this environment (a local command is run here), the
    `copy` setting's `way`: `auto` as described above, `terminal` never through a
    local command, `tmux` into tmux's paste buffer, `command` through `command`."""
    if way == "command":
        done, said = _run_copy_command(text, command, environ)
        if done:
            return Route("", True, said)
        fallback = route_for(text, environ, "terminal")
        return fallback._replace(said=said + "; " + fallback.said[0].lower() + fallback.said[1:])
    if way == "tmux":
        if _run([shutil.which("tmux", path=environ.get("PATH")) or "tmux", "load-buffer", "-w", "-"], text, environ):
            return Route("", True, "Copied {what} to tmux's paste buffer (prefix ] pastes it)")
        fallback = route_for(text, environ, "terminal")
        return fallback._replace(said="tmux did not take the copy; " + fallback.said[0].lower() + fallback.said[1:])
    if way == "auto" and _local_display(environ) and _run_local_command(text, environ):
        return Route("", True, "Copied {what} to the clipboard")
    sequence = osc52(text)
    if environ.get("TMUX"):
        clipboard, passthrough = _ask_tmux("set-clipboard", environ), _ask_tmux("allow-passthrough", environ)
        if clipboard is None:  # tmux could not be asked: both ways, as one of them may work
            return Route(
                sequence + tmux_passthrough(sequence), False, "Sent {what} to your terminal's clipboard (if tmux lets it through: " + TMUX_HELP + ")"
            )
        if clipboard == "on":
            return Route(sequence, False, "Sent {what} to tmux's clipboard (and your terminal's, if it takes it)")
        if passthrough in ("on", "all", ""):  # '': a tmux before 3.3, which always lets it through
            return Route(tmux_passthrough(sequence), False, "Sent {what} through tmux to your terminal's clipboard")
        return Route("", False, "tmux lets no program set the clipboard (" + TMUX_HELP + "): select the text of {what} here")
    if environ.get("STY"):
        return Route(screen_passthrough(sequence), False, "Sent {what} through screen to your terminal's clipboard")
    return Route(sequence, False, "Sent {what} to your terminal's clipboard")


def osc52(text: str) -> str:
    """The sequence that asks a terminal to put `text` on its clipboard."""
    return f"\x1b]52;c;{base64.b64encode(text.encode('utf-8', 'surrogatepass')).decode('ascii')}\a"


def tmux_passthrough(sequence: str) -> str:
    """`sequence` wrapped for tmux to pass on to the outer terminal: every ESC doubled."""
    return "\x1bPtmux;" + sequence.replace("\x1b", "\x1b\x1b") + "\x1b\\"


def screen_passthrough(sequence: str) -> str:
    """`sequence` wrapped for GNU screen to pass on, in pieces short enough for it."""
    return "".join(f"\x1bP{sequence[start : start + 76]}\x1b\\" for start in range(0, len(sequence), 76))


def _ask_tmux(option: str, environ: Mapping[str, str]) -> str | None:
    """A global tmux option's value ('' when this tmux has no such option), or None
    when tmux does not answer."""
    tmux = shutil.which("tmux", path=environ.get("PATH"))
    if tmux is None:
        return None
    try:
        answer = subprocess.run(
            [tmux, "show-options", "-gqv", option],
            capture_output=True,
            text=True,
            timeout=ASK_SECONDS,
            env=dict(environ),
            stdin=subprocess.DEVNULL,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return answer.stdout.strip() if answer.returncode == 0 else None


def _local_display(environ: Mapping[str, str]) -> bool:
    """True on the machine the user sits at: a display, and no SSH session."""
    if any(environ.get(name) for name in ("SSH_CONNECTION", "SSH_TTY", "SSH_CLIENT")):
        return False
    return bool(environ.get("WAYLAND_DISPLAY") or environ.get("DISPLAY")) or sys.platform == "darwin"


def _local_commands(environ: Mapping[str, str]) -> list[list[str]]:
    commands = []
    if environ.get("WAYLAND_DISPLAY"):
        commands.append(["wl-copy"])
    if environ.get("DISPLAY"):
        commands += [["xclip", "-selection", "clipboard"], ["xsel", "--clipboard", "--input"]]
    if sys.platform == "darwin":
        commands.append(["pbcopy"])
    return commands


def _run_local_command(text: str, environ: Mapping[str, str]) -> bool:
    """Copy with the first clipboard command found; True when it says it did."""
    for command in _local_commands(environ):
        program = shutil.which(command[0], path=environ.get("PATH"))
        if program is not None and _run([program, *command[1:]], text, environ):
            return True
    return False


def _run_copy_command(text: str, command: str, environ: Mapping[str, str]) -> tuple[bool, str]:
    """Copy with the user's `copy_command`: whether it said it did, and what to say."""
    import shlex

    shown = command.replace("{", "{{").replace("}", "}}")  # the message is formatted with {what}
    try:
        words = shlex.split(command)
    except ValueError as error:
        return False, f"copy_command cannot be read ({error})"
    program = shutil.which(words[0], path=environ.get("PATH")) if words else None
    if program is None:
        return False, f"copy_command {shown!r} is not found"
    if _run([program, *words[1:]], text, environ):
        return True, "Copied {what} with " + shown.split()[0]
    return False, f"copy_command {shown!r} did not copy"


def _run(command: list[str], text: str, environ: Mapping[str, str]) -> bool:
    """Hand `text` to `command` on its standard input; True when it ends well."""
    try:
        # No shell; its output not captured (xclip stays behind to serve the
        # selection, holding any pipe it was given).
        done = subprocess.run(
            command,
            input=text.encode("utf-8", "surrogatepass"),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=ASK_SECONDS,
            env=dict(environ),
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return done.returncode == 0


class CopyScreen(ModalScreen[None]):
    """The text that could not be copied, to select by hand; `escape` closes."""

    BINDINGS = [Binding("escape,q", "close", "Close", tooltip="Close, back to the brief", id="copy.close")]

    DEFAULT_CSS = """
    CopyScreen { align: center middle; }
    CopyScreen > Vertical {
        width: 90%; max-width: 100; height: auto; max-height: 90%;
        border: round $warning; background: $surface; padding: 0 1;
    }
    CopyScreen #copy-why { text-style: bold; }
    CopyScreen TextArea { height: auto; max-height: 20; margin: 1 0 0 0; }
    CopyScreen #copy-keys { color: $text-muted; }
    """

    def __init__(self, text: str, why: str) -> None:
        super().__init__()
        self.text = text
        self.why = why

    def compose(self) -> ComposeResult:
        # Content and a read-only text area, never markup: the text comes from the brief.
        with Vertical():
            yield Static(Content(self.why), id="copy-why")
            yield TextArea(self.text, read_only=True, soft_wrap=True, show_line_numbers=False, id="copy-text")
            yield Static(Content("select the text with the mouse (shift+drag in most terminals)   esc close"), id="copy-keys")

    def action_close(self) -> None:
        """Back to the brief."""
        self.dismiss()

"""The reader's App: handed a loaded brief, it shows the main screen."""

from __future__ import annotations

import base64
import os

from textual.app import App
from textual.binding import Binding
from textual.screen import Screen

from briefing_tui.core.model import Brief
from briefing_tui.tui.commands import BriefCommands


class BriefingApp(App[None]):
    """A terminal reader for one brief."""

    CSS_PATH = "app.tcss"
    COMMANDS = App.COMMANDS | {BriefCommands}
    BINDINGS = [
        Binding("q", "quit", "Quit", id="quit"),
        Binding("question_mark", "help", "Help", id="help"),
    ]

    def __init__(self, path: str, brief: Brief) -> None:
        super().__init__()
        self.path = path
        self.brief = brief

    def get_default_screen(self) -> Screen[None]:
        from briefing_tui.tui.screens.main import MainScreen

        return MainScreen(self.path, self.brief)

    def action_help(self) -> None:
        """Show every key."""
        from briefing_tui.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def copy_to_clipboard(self, text: str) -> None:
        """Copy through the terminal (OSC 52), which works over SSH; wrapped for tmux."""
        self._clipboard = text
        if self._driver is None:
            return
        payload = base64.b64encode(text.encode("utf-8")).decode("ascii")
        sequence = f"\x1b]52;c;{payload}\a"
        if os.environ.get("TMUX"):
            # tmux takes the plain sequence when its set-clipboard is on, and passes
            # the wrapped one (every ESC doubled) to the outer terminal when
            # allow-passthrough is on. Either setting is common: send both.
            sequence += "\x1bPtmux;" + sequence.replace("\x1b", "\x1b\x1b") + "\x1b\\"
        self._driver.write(sequence)

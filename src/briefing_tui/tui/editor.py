"""`e`: the brief opened in the user's editor, at the line of the item under the cursor
or on screen.

The editor is `$VISUAL`, else `$EDITOR`, else `nano` or `vi` (whichever is here); it
is handed the terminal (`App.suspend`) and the reader takes it back when the editor
ends. The reader does not read the edit itself: live reload sees the file changed
(asked to look at once), shows the new brief, or keeps the last good one on screen
with what is wrong in the new. A reader served to a browser offers no `e`: the
editor would run on the server, where the viewer has no terminal.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
from collections.abc import Mapping
from contextlib import nullcontext
from typing import TYPE_CHECKING

from textual.binding import Binding

from briefing_tui.core.ref import Ref
from briefing_tui.tui.layout import visible

if TYPE_CHECKING:
    from briefing_tui.core.links import LinkIndex
    from briefing_tui.tui.live_reload import LiveReload
    from briefing_tui.tui.screens.base import ReaderScreen as _Screen
else:
    _Screen = object

EDITOR_BINDINGS = [Binding("e", "edit", "Edit", show=False, tooltip="Open the brief in your editor ($EDITOR) at the item's line", id="edit")]

VI_LIKE = frozenset(
    {
        "vi",
        "vim",
        "nvim",
        "view",
        "vim.basic",
        "vim.tiny",
        "gvim",
        "mvim",
        "nano",
        "pico",
        "emacs",
        "emacsclient",
        "micro",
        "kak",
        "joe",
        "jed",
        "mg",
        "ne",
    }
)
"""Editors that take `+LINE FILE`."""
FILE_COLON_LINE = frozenset({"hx", "helix", "subl", "sublime_text", "zed", "mate"})
"""Editors that take `FILE:LINE`."""
VS_CODE = frozenset({"code", "code-insiders", "codium", "vscodium", "cursor", "windsurf"})
"""Editors that take `--goto FILE:LINE`."""


def default_editor() -> str | None:
    """The editor when the user names none: nano (says its keys on screen), else vi."""
    return next((name for name in ("nano", "vi") if shutil.which(name)), None)


def editor_command(path: str, line: int, environ: Mapping[str, str] | None = None) -> list[str] | None:
    """The command that opens `path` at `line` in the user's editor; None when there is
    no editor to run. `$VISUAL` and `$EDITOR` may hold options (`code --wait`)."""
    environ = os.environ if environ is None else environ
    chosen = environ.get("VISUAL", "").strip() or environ.get("EDITOR", "").strip() or default_editor()
    if not chosen:
        return None
    try:
        words = shlex.split(chosen)
    except ValueError:
        words = chosen.split()
    name = os.path.basename(words[0]).lower().removesuffix(".exe")
    if name in VS_CODE:
        return [*words, "--goto", f"{path}:{line}"]
    if name in FILE_COLON_LINE:
        return [*words, f"{path}:{line}"]
    # `+LINE FILE` is what vi-likes, nano, emacs, micro, kak and most Unix editors take.
    return [*words, f"+{line}", path]


def item_line(target: Ref | None, index: LinkIndex) -> int:
    """The line where `target` is written in its brief (1: the brief's top, for the
    Summary or anything without a place of its own)."""
    if target is None:
        return 1
    item = index.item(target.id)
    if item is None:
        return 1
    if target.kind == "position":
        positions = getattr(item, "positions", ())
        return next((p.location.line for p in positions if p.by == target.part), item.location.line)
    return item.location.line


class EditorActions(_Screen):
    """The main screen's `e`. A mixin: the screen provides `path`, `index`, its live
    reload and what is under the cursor (`mark_target`)."""

    path: str
    index: LinkIndex
    _reload: LiveReload

    if TYPE_CHECKING:

        def mark_target(self) -> Ref | None: ...

    def editor_offered(self) -> bool:
        """False in a reader served to a browser: there is no terminal to hand over."""
        return not getattr(self.app, "served", False) and not self.app.is_web

    async def action_edit(self) -> None:
        """Open the brief in the user's editor at the item's line; back here when it ends."""
        await self.after_earlier_keys()
        if not self.editor_offered():
            self.notify("The editor is not offered in a browser.", severity="warning", markup=False)
            return
        target = self.mark_target()
        line = item_line(target if target is not None and target.kind != "summary" else None, self.index)
        command = editor_command(os.path.abspath(self.path), line)
        if command is None:
            self.notify("No editor found: set $EDITOR (or $VISUAL) to the editor you use.", severity="warning", markup=False)
            return
        why = run_editor(self.app, command)
        if why:
            self.notify(visible(why), severity="warning", markup=False)
        # The edit shows at once, not at the next look at the file.
        self._reload.poll()


def run_editor(app: object, command: list[str]) -> str:
    """Run `command` with the terminal handed over; '' when it ran and ended well, else
    what went wrong. A headless reader (under test) has no terminal to hand over."""
    from textual.app import App, SuspendNotSupported

    assert isinstance(app, App)
    try:
        with nullcontext() if app.is_headless else app.suspend():
            done = subprocess.run(command, check=False)
    except SuspendNotSupported:
        return "The terminal cannot be handed to an editor here."
    except OSError as error:
        return f"The editor {command[0]} could not be started: {error.strerror or error}"
    app.refresh(layout=True)
    return "" if done.returncode == 0 else f"The editor {command[0]} ended with exit code {done.returncode}."

"""The user's settings put to work in the reader: the theme (`auto` follows the
terminal's background), the keymap, and a theme chosen in the palette remembered.

Reading and checking the file is the core's (`core.settings`); this knows what the
core does not: Textual's theme names and key names, and the terminal.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from briefing_tui.core.settings import AUTO, Checks, Loaded, read_settings, settings_path, use_settings, write_setting
from briefing_tui.tui.keymap import key_problem

if TYPE_CHECKING:
    from textual.app import App

DARK, LIGHT = "textual-dark", "textual-light"


def theme_names() -> list[str]:
    """Textual's built-in themes, by name."""
    from textual.theme import BUILTIN_THEMES

    return list(BUILTIN_THEMES)


def reader_checks(with_ids: bool = False) -> Checks:
    """What a setting may be: Textual's themes and key names (and, `with_ids`, the
    ids of the reader's bindings: that imports every screen)."""
    ids = None
    if with_ids:
        from briefing_tui.tui.every_binding import binding_catalogue

        ids = [binding for binding, _, _ in binding_catalogue()]
    return Checks(theme_names(), ids, key_problem)


def load_reader_settings() -> Loaded:
    """The user's settings, checked, and made the ones in effect."""
    loaded = read_settings(checks=reader_checks())
    use_settings(loaded.settings)
    return loaded


def terminal_is_light(environ: Mapping[str, str] | None = None) -> bool:
    """True when the terminal says its background is light: `COLORFGBG` ("15;0",
    foreground;background, as rxvt, Konsole, iTerm2 and others set it) names a light
    background colour (7, or 9 to 15). Unknown: dark, as most terminals are."""
    environ = os.environ if environ is None else environ
    background = environ.get("COLORFGBG", "").split(";")[-1].strip()
    if not background.isdigit():
        return False
    return int(background) == 7 or 9 <= int(background) <= 15


def theme_for(setting: str, environ: Mapping[str, str] | None = None) -> str:
    """The theme to draw in for the `theme` setting: `auto` is light or dark as the terminal is."""
    if setting == AUTO:
        return LIGHT if terminal_is_light(environ) else DARK
    return setting


def remember_theme(app: App[Any], theme: str) -> None:
    """Write a theme chosen in the reader to the settings file (not from a served
    reader: it writes nothing on the server); say so when it cannot be."""
    if getattr(app, "served", False):
        return
    why = write_setting(settings_path(), "theme", theme)
    if why is not None:
        app.notify(f"The theme is not remembered: {why}", severity="warning", markup=False)

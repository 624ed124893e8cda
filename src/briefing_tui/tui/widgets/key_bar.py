"""The bar of keys at the bottom of every screen: the keys that fit, each one whole.

Textual's footer lays every key in a row and lets the ones past the edge run under
the palette's key: on a narrow terminal that left half words (`/ Sea`) and stray
letters beside the palette's key. This bar shows as many keys as fit whole: the
palette's key goes first, then keys from the right, and the help key, which lists
every other, stays.
"""

from __future__ import annotations

from collections.abc import Hashable

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

HELP_ACTION = "help"
"""The key kept to the last: it lists every key."""


def key_width(key: FooterKey) -> int:
    """The cells a key takes in the compact bar: its key, a space and what it does,
    and the space after it (the palette's key has a rule before it too)."""
    width = cell_len(key.key_display) + (1 + cell_len(key.description) if key.description else 0) + 1
    return width + 1 if key.has_class("-command-palette") else width


def fitting(keys: list[FooterKey], room: int) -> list[FooterKey]:
    """The keys to show in `room` cells: all of them when they fit; else without the
    palette's key, dropping keys from the right, the help key kept."""
    if sum(key_width(key) for key in keys) <= room:
        return keys
    shown = [key for key in keys if not key.has_class("-command-palette")]
    kept = [key for key in shown if key.action == HELP_ACTION][-1:]
    others = [key for key in shown if key not in kept]
    used = sum(key_width(key) for key in kept)
    chosen: list[FooterKey] = []
    for key in others:
        if used + key_width(key) > room:
            break
        chosen.append(key)
        used += key_width(key)
    return [key for key in shown if key in chosen or key in kept]


class KeyBar(Footer):
    """The screen's keys in one compact line, as many as fit whole."""

    def __init__(self) -> None:
        super().__init__(compact=True)
        self._drawn_for = 0
        self._drawn_keys: Hashable = None

    def _keys_now(self) -> Hashable:
        """What the bar would show: every active binding as the bar reads it, and the room."""
        return self.size.width, tuple(
            (binding.key, binding.action, binding.description, binding.show, enabled, tooltip)
            for _node, binding, enabled, tooltip in self.screen.active_bindings.values()
        )

    def bindings_changed(self, screen: Screen[object]) -> None:
        # The screen says its bindings changed on every focus change and every
        # `refresh_bindings`; most leave the bar as it is, and rebuilding it costs
        # more than the key that caused it. Rebuild only when what it shows differs.
        self._bindings_ready = True
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            self.call_after_refresh(self._recompose_if_changed)

    async def _recompose_if_changed(self) -> None:
        if self.is_attached and self._keys_now() != self._drawn_keys:
            await self.recompose()

    def compose(self) -> ComposeResult:
        if self._bindings_ready:
            self._drawn_keys = self._keys_now()
        made = list(super().compose())
        keys = [widget for widget in made if isinstance(widget, FooterKey)]
        if len(keys) != len(made):  # groups of keys (none in the reader): as Textual lays them
            yield from made
            return
        room = self.size.width or self.screen.size.width or self.app.size.width
        self._drawn_for = room
        yield from fitting(keys, room)

    def on_resize(self, event: events.Resize) -> None:
        if event.size.width != self._drawn_for:
            self._drawn_for = event.size.width
            self.call_after_refresh(self.recompose)

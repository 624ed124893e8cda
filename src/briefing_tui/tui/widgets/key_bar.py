"""The bar of keys at the bottom of every screen: the keys that fit, each one whole.

Textual's footer lays every key in a row and lets the ones past the edge run under
the palette's key: on a narrow terminal that left half words (`/ Sea`) and stray
letters beside the palette's key. This bar shows as many keys as fit whole: the
palette's key goes first, then keys from the right, and the help key, which lists
every other, stays.

It is one line drawn by one widget, not a widget per key: the keys change on most
moves between a list and a page, and mounting a row of widgets each time (with the
layout of the whole screen that follows) cost a quarter of such a move.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.screen import Screen
from textual.strip import Strip
from textual.widget import Widget

HELP_ACTION = "help"
"""The key kept to the last: it lists every key."""
RULE = "\u258f"
"""Drawn before the palette's key, at the right end of the bar."""


@dataclass(frozen=True)
class Key:
    """A key as the bar shows it."""

    key: str
    """The key pressed when the bar is clicked here."""
    display: str
    """The key as shown (`^p`, `1-5`)."""
    description: str
    action: str
    enabled: bool = True
    palette: bool = False
    """The palette's key, drawn at the right end after a rule."""


def key_width(key: Key) -> int:
    """The cells a key takes in the bar: its key, a space and what it does, and the
    space after it (the palette's key has a rule before it too)."""
    width = cell_len(key.display) + (1 + cell_len(key.description) if key.description else 0) + 1
    return width + 1 if key.palette else width


def fitting(keys: list[Key], room: int) -> list[Key]:
    """The keys to show in `room` cells: all of them when they fit; else without the
    palette's key, dropping keys from the right, the help key kept."""
    if sum(key_width(key) for key in keys) <= room:
        return keys
    shown = [key for key in keys if not key.palette]
    kept = [key for key in shown if key.action == HELP_ACTION][-1:]
    others = [key for key in shown if key not in kept]
    used = sum(key_width(key) for key in kept)
    chosen: list[Key] = []
    for key in others:
        if used + key_width(key) > room:
            break
        chosen.append(key)
        used += key_width(key)
    return [key for key in shown if key in chosen or key in kept]


class KeyBar(Widget, can_focus=False):
    """The screen's keys in one compact line, as many as fit whole. A click on a key
    presses it."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"key-bar--key", "key-bar--description", "key-bar--rule"}
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        & > .key-bar--key { color: $footer-key-foreground; background: $footer-key-background; text-style: bold; }
        & > .key-bar--description { color: $footer-description-foreground; background: $footer-description-background; }
        & > .key-bar--rule { color: $foreground 20%; }
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self.keys: list[Key] = []
        """Every key the screen offers, in the bar's order (the palette's last)."""
        self.shown: list[Key] = []
        """The keys that fit, as drawn."""
        self._drawn_keys: Hashable = None
        self._places: list[tuple[int, int, Key]] = []

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _keys_now(self) -> Hashable:
        """What the bar would show: every active binding as the bar reads it, and the room."""
        return self.size.width, tuple(
            (binding.key, binding.action, binding.description, binding.show, enabled, tooltip)
            for _node, binding, enabled, tooltip in self.screen.active_bindings.values()
        )

    def bindings_changed(self, screen: Screen[object]) -> None:
        """The screen's keys may have changed (it says so on every focus change): the
        bar is drawn again only when what it shows differs."""
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            self.call_after_refresh(self._update)

    def on_resize(self, event: events.Resize) -> None:
        self._update()

    def _update(self) -> None:
        if not self.is_attached:
            return
        now = self._keys_now()
        if now == self._drawn_keys:
            return
        self._drawn_keys = now
        self.keys = self._read_keys()
        self.shown = fitting(self.keys, self.size.width or self.app.size.width)
        self.refresh()

    def _read_keys(self) -> list[Key]:
        # As Textual's footer reads them: the keys shown, one per action (the first
        # bound to it), then the palette's key.
        active = self.screen.active_bindings
        by_action: dict[str, Key] = {}
        for _node, binding, enabled, _tooltip in active.values():
            if binding.show and binding.action not in by_action:
                by_action[binding.action] = Key(binding.key, self.app.get_key_display(binding), binding.description, binding.action, enabled)
        keys = list(by_action.values())
        if self.app.ENABLE_COMMAND_PALETTE and self.app.COMMAND_PALETTE_BINDING in active:
            _node, binding, enabled, _tooltip = active[self.app.COMMAND_PALETTE_BINDING]
            keys.append(Key(binding.key, self.app.get_key_display(binding), binding.description, binding.action, enabled, palette=True))
        return keys

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = self.rich_style
        if y > 0 or width <= 0:
            return Strip.blank(width, base)
        key_style = base + self.get_component_rich_style("key-bar--key")
        text_style = base + self.get_component_rich_style("key-bar--description")
        segments: list[Segment] = []
        places: list[tuple[int, int, Key]] = []
        at = 0
        palette = [key for key in self.shown if key.palette]
        for key in [key for key in self.shown if not key.palette]:
            at = self._draw(segments, places, at, key, key_style, text_style)
        if palette:
            right = width - key_width(palette[0])
            if right > at:
                segments.append(Segment(" " * (right - at), base))
                at = right
            segments.append(Segment(RULE, base + self.get_component_rich_style("key-bar--rule")))
            at = self._draw(segments, places, at + 1, palette[0], key_style, text_style)
        self._places = places
        return Strip(segments).adjust_cell_length(width, base)

    @staticmethod
    def _draw(segments: list[Segment], places: list[tuple[int, int, Key]], at: int, key: Key, key_style: Style, text_style: Style) -> int:
        dim = Style(dim=not key.enabled)
        start = at
        segments.append(Segment(key.display, key_style + dim))
        at += cell_len(key.display)
        if key.description:
            segments.append(Segment(" " + key.description, text_style + dim))
            at += 1 + cell_len(key.description)
        places.append((start, at, key))
        segments.append(Segment(" ", text_style))
        return at + 1

    def on_click(self, event: events.Click) -> None:
        """A click on a key presses it; a disabled key rings the bell."""
        for start, end, key in self._places:
            if start <= event.x < end:
                event.stop()
                if key.enabled:
                    self.app.simulate_key(key.key.split(",")[0].strip())
                else:
                    self.app.bell()
                return

"""Withholding on a shared screen: the brief shown at a TLP level, every item marked
above it replaced by a placeholder (see `core.markings`), and the key that changes
the level.

`--redact LEVEL` sets where the reader starts; `W` hides one level more at each
press (RED first, then AMBER+STRICT...), and after CLEAR shows again what the reader
started with, never more: a screen started with `--redact` stays as safe.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.binding import Binding

from briefing_tui.core.markings import banner, redact, renamed_ids, stricter
from briefing_tui.core.model import MARKINGS
from briefing_tui.core.ref import Ref
from briefing_tui.tui.layout import visible

if TYPE_CHECKING:
    from briefing_tui.core.history import Place
    from briefing_tui.core.model import Brief
    from briefing_tui.tui.screens.main import MainScreen

WITHHOLD_BINDINGS = [
    Binding(
        "W",
        "withhold",
        "Withhold",
        show=False,
        tooltip="Withhold items marked above a TLP level: each press hides one level more, then shows again what the reader started with",
        id="withhold",
    ),
]


def next_level(level: str | None, floor: str | None) -> str | None:
    """The level after `level` at a press of W: one stricter, and from CLEAR back to
    `floor` (the level the reader started with; None shows everything)."""
    if level == MARKINGS[0]:
        return floor
    return stricter(level)


def marking_line(marking: str | None, level: str | None) -> str:
    """What the masthead says of markings: the brief's banner, and what is withheld."""
    parts = [banner(marking)] if marking else []
    if level is not None:
        parts.append(f"hiding above {level}")
    return " \u00b7 ".join(parts)


def gone_message(label: str, level: str | None) -> str:
    """What the reader says of a place no longer in the brief: by its name, unless
    items are withheld (it may be one of them, and its id may say what it was)."""
    if level is not None:
        return "That item is no longer in the brief, or is withheld at this level."
    return f"{visible(label)!r} is no longer in the brief."


def moved(place: Place, brief: Brief, before: str | None, after: str | None) -> Place:
    """`place` in `brief` shown at `after` rather than `before`: an item withheld (or
    shown again) goes by another id, and the reader stays on it."""
    back = {new: old for old, new in renamed_ids(brief, before).items()}
    ahead = renamed_ids(brief, after)

    def follow(ref: Ref | None) -> Ref | None:
        if ref is None or not ref.is_item and ref.kind != "position":
            return ref
        original = back.get(ref.id, ref.id)
        return ref._replace(id=ahead.get(original, original))

    cursor = place.cursor if not isinstance(place.cursor, Ref) else follow(place.cursor)
    return place._replace(target=follow(place.target), cursor=cursor)


def shown_brief(brief: Brief, level: str | None) -> Brief:
    """The brief as it may be shown at `level` (as it is, for None)."""
    return redact(brief, level)


class Withholding:
    """The key W, for the main screen: hide one level more, or show again."""

    async def action_withhold(self) -> None:
        """Withhold the items marked above the next level (see `next_level`)."""
        screen = cast("MainScreen", self)
        await screen.after_earlier_keys()
        navigator = screen.navigator
        before = navigator.redact
        navigator.withhold(next_level(before, navigator.redact_floor))
        await screen.take_brief(screen.original, before)
        level = navigator.redact
        said = f"Items marked above TLP:{level} are withheld." if level else "Nothing is withheld."
        screen.notify(said, timeout=3, markup=False)

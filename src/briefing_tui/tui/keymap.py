"""The reader's key bindings as the settings file sees them: every binding by its id,
and what makes a key name Textual can bind.

The keymap itself is Textual's (`App.set_keymap`): a binding's id, then the keys that
replace its own. The catalogue imports every screen and widget that binds keys, so
it is asked for only when the settings are checked or written, never at start-up.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.keys import Keys, key_to_character

MODIFIERS = frozenset({"ctrl", "shift", "alt", "meta", "super", "hyper"})
_NAMED = frozenset(key.value for key in Keys) | {"space", "tab", "enter", "escape", "backspace", "delete"}


def key_problem(key: str) -> str | None:
    """Why `key` is not a key Textual can bind (None when it is one): `j`, `J`,
    `ctrl+o`, `f5`, `pageup`, `question_mark` are; `ctrl+`, `cntrl+o`, `fn` are not."""
    if not key:
        return "an empty key"
    *modifiers, name = key.split("+")
    unknown = [modifier for modifier in modifiers if modifier not in MODIFIERS]
    if unknown:
        return f"{key!r} is not a key: {unknown[0]!r} is no modifier (ctrl, shift, alt, meta, super)"
    if not name:
        return f"{key!r} is not a key: nothing after the +"
    if len(name) == 1 or name in _NAMED or key_to_character(name) is not None:
        return None
    return f"{key!r} is not a key name (keys are named as Textual names them: j, ctrl+o, f5, pageup, question_mark)"


def binding_catalogue() -> list[tuple[str, str, str]]:
    """Every binding of the reader with an id: (id, its keys, what it does), each once."""
    from briefing_tui.tui.app import BriefingApp
    from briefing_tui.tui.clipboard import CopyScreen
    from briefing_tui.tui.screens.document import DocumentScreen
    from briefing_tui.tui.screens.export_format import ExportFormatScreen
    from briefing_tui.tui.screens.help import HelpScreen
    from briefing_tui.tui.screens.library import FilterInput, LibraryScreen
    from briefing_tui.tui.screens.main import MainScreen
    from briefing_tui.tui.screens.mark_summary import MarkSummaryScreen
    from briefing_tui.tui.screens.open_link import OpenLinkScreen
    from briefing_tui.tui.screens.talking_points import NoteInput, TalkingPointsScreen
    from briefing_tui.tui.widgets.item_list import ItemList
    from briefing_tui.tui.widgets.matrix import PositionMatrix
    from briefing_tui.tui.widgets.motion import LineView
    from briefing_tui.tui.widgets.page import Page
    from briefing_tui.tui.widgets.search_panel import SearchInput, SearchPanel

    owners = (
        BriefingApp, MainScreen, LibraryScreen, FilterInput, DocumentScreen, HelpScreen, TalkingPointsScreen, NoteInput,
        MarkSummaryScreen, ExportFormatScreen, OpenLinkScreen, CopyScreen, LineView, ItemList, Page, PositionMatrix, SearchInput, SearchPanel,
    )  # fmt: skip
    catalogue: dict[str, tuple[str, str, str]] = {}
    for owner in owners:
        for binding in owner.BINDINGS:
            if isinstance(binding, Binding) and binding.id and binding.id not in catalogue:
                catalogue[binding.id] = (binding.id, binding.key, " ".join((binding.tooltip or binding.description).split()))
    return list(catalogue.values())

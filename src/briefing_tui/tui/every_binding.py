"""Every key binding of the reader, by its id: what the settings file may remap.

It imports every screen and widget that binds keys (the app among them), so it is
asked for only when the settings are checked or written, never at start-up, and no
screen imports it.
"""

from __future__ import annotations

from textual.binding import Binding


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

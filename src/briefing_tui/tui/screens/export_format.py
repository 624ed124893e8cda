"""The question `x` asks before exporting: which format."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from briefing_tui.core.sheet import Format
from briefing_tui.tui.layout import visible


class ExportFormatScreen(ModalScreen["Format | None"]):
    """Export as Markdown (`m`), HTML (`h`) or text (`t`); `escape` exports nothing."""

    BINDINGS = [
        Binding("m", "choose('md')", "Markdown", tooltip="Export as Markdown (CommonMark)", id="export.markdown"),
        Binding("h", "choose('html')", "HTML", tooltip="Export as one HTML page, to print or share", id="export.html"),
        Binding("t", "choose('txt')", "Text", tooltip="Export as plain text, for a chat message or an email", id="export.text"),
        Binding("escape,q", "cancel", "Cancel", tooltip="Export nothing", id="export.cancel"),
    ]

    DEFAULT_CSS = """
    ExportFormatScreen { align: center middle; }
    ExportFormatScreen > Vertical { width: 64; max-width: 100%; height: auto; border: round $accent; background: $surface; padding: 0 1; }
    ExportFormatScreen Static { width: 1fr; color: $text; }
    ExportFormatScreen #export-what { text-wrap: nowrap; text-overflow: ellipsis; }
    """

    def __init__(self, what: str) -> None:
        super().__init__()
        self.what = what

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(visible(f"Export {' '.join(self.what.split())[:70]}"), markup=False, id="export-what")
            yield Static("m Markdown \u00b7 h HTML \u00b7 t text \u00b7 escape: none", markup=False, id="export-keys")

    def action_choose(self, fmt: Format) -> None:
        """Export in `fmt`."""
        self.dismiss(fmt)

    def action_cancel(self) -> None:
        """Export nothing."""
        self.dismiss(None)

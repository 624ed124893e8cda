"""A page over the library: the Changes view, or why a file cannot be opened.

Its links lead into the library's briefs; like every link, they are followed by the
navigator.
"""

from __future__ import annotations

import os

from textual.app import ComposeResult
from textual.binding import Binding

from briefing_tui.core.history import Place
from briefing_tui.core.sheet import Sheet
from briefing_tui.tui.messages import CopyText
from briefing_tui.tui.screens.base import ReaderScreen
from briefing_tui.tui.widgets.key_bar import KeyBar
from briefing_tui.tui.widgets.masthead import Masthead
from briefing_tui.tui.widgets.page import Document, Page


class DocumentScreen(ReaderScreen):
    """One page of text with links into the library's briefs, at `place` in the history."""

    BINDINGS = [
        Binding("backspace,escape,alt+left", "back", "Back", tooltip="Back to where you were", id="document.back"),
        Binding("alt+right", "forward", "Forward", show=False, tooltip="Forward again", id="document.forward"),
        Binding("L", "library", "Library", tooltip="Back to the library of briefs", id="document.library"),
        Binding("x", "export", "Export", show=False, tooltip="Export this page as Markdown, HTML or text", id="document.export"),
        Binding("Y", "copy_view", "Copy page", show=False, tooltip="Copy this page as Markdown", id="document.copy_view"),
    ]

    DEFAULT_CSS = """
    DocumentScreen #document-page { height: 1fr; }
    """

    def __init__(self, document: Document, heading: str, *, place: Place, marking: str = "", banner: str = "") -> None:
        """`marking`: what the masthead says of markings (the brief's, what is withheld);
        `banner`: the brief's marking, at the top of a copy or an export."""
        super().__init__()
        self.document = document
        self.heading = heading
        self.place = place
        self.marking = marking
        self.banner = banner

    def compose(self) -> ComposeResult:
        masthead = Masthead(self.heading, id="masthead")
        masthead.show_crumbs(["Library", self.heading])
        masthead.show_marking(self.marking)
        yield masthead
        yield Page(self.document, id="document-page")
        yield KeyBar()

    def on_mount(self) -> None:
        self.set_focus(self.page, scroll_visible=False)

    @property
    def page(self) -> Page:
        """The page on screen."""
        return self.query_one(Page)

    def shows(self, place: Place) -> bool:
        return (place.pane, place.brief) == (self.place.pane, self.place.brief)

    def capture(self) -> Place:
        return self.place._replace(scroll=round(self.page.scroll_y), link=self.page.link)

    async def show(self, place: Place, position: tuple[int, int]) -> None:
        self.page.restore(place.scroll, place.link)
        self.set_focus(self.page, scroll_visible=False)

    def action_export(self) -> None:
        """Export the page (the Changes view: its lists of what is new, gone, changed)."""
        from briefing_tui.tui.meeting import export_view, file_stem

        brief = os.path.splitext(os.path.basename(self.place.brief or ""))[0]
        export_view(self, self._sheet(), file_stem(f"{brief} {self.heading}"))

    def _sheet(self) -> Sheet:
        from briefing_tui.tui.marks_on_screen import document_sheet

        sheet = document_sheet(self.document, self.heading)
        sheet.banner = self.banner
        return sheet

    def action_copy_view(self) -> None:
        """Copy the page as Markdown."""
        from briefing_tui.core.sheet import render

        self.post_message(CopyText(render(self._sheet(), "md"), f"the {self.heading} page as Markdown"))

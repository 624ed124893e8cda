"""A page over the library: the Changes view, or why a file cannot be opened.

Its links lead into the library's briefs: each starts with a prefix (`old:`, `new:`)
that `routes` maps to a brief's file; the rest is the target in that brief.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer

from briefing_tui.tui.layout import visible
from briefing_tui.tui.widgets.masthead import Masthead
from briefing_tui.tui.widgets.page import Document, Page


class DocumentScreen(Screen[None]):
    """One page of text with links into the library's briefs."""

    BINDINGS = [
        Binding("backspace,escape", "back", "Back", tooltip="Back to where you were", id="document.back"),
        Binding("L", "library", "Library", tooltip="Back to the library of briefs", id="document.library"),
    ]

    DEFAULT_CSS = """
    DocumentScreen #document-page { height: 1fr; }
    """

    def __init__(self, document: Document, heading: str, routes: dict[str, str] | None = None) -> None:
        super().__init__()
        self.document = document
        self.heading = heading
        self.routes = routes or {}

    def compose(self) -> ComposeResult:
        masthead = Masthead(self.heading, id="masthead")
        masthead.show_crumbs(f"Library \u203a {visible(self.heading)}")
        yield masthead
        yield Page(self.document, id="document-page")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.set_focus(self.query_one(Page), scroll_visible=False)

    @property
    def page(self) -> Page:
        """The page on screen."""
        return self.query_one(Page)

    @on(Page.FollowLink)
    async def _followed(self, event: Page.FollowLink) -> None:
        event.stop()
        from briefing_tui.tui.app import BriefingApp

        app = self.app
        assert isinstance(app, BriefingApp)
        for prefix, path in self.routes.items():
            if event.target.startswith(prefix):
                await app.open_brief(path, event.target[len(prefix) :])
                return

    async def action_back(self) -> None:
        """Back to the screen this page was opened from."""
        await self.app.pop_screen()

    async def action_library(self) -> None:
        """Back to the library."""
        from briefing_tui.tui.app import BriefingApp

        assert isinstance(self.app, BriefingApp)
        await self.app.show_library()

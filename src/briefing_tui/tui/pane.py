"""One pane of the main screen: its own view (a list, the summary page or the
matrix), a page for an item shown in full, and beside a list on a wide screen, the
page of the item under its cursor."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Container
from textual.widget import Widget

from briefing_tui.core.ref import Ref
from briefing_tui.tui.widgets.page import Page

if TYPE_CHECKING:
    from briefing_tui.tui.widgets.item_list import ItemList
    from briefing_tui.tui.widgets.matrix import PositionMatrix

PANES = {"summary": "Summary", "actors": "Actors", "quotes": "Quotes", "issues": "Issues", "positions": "Positions"}
"""The panes of a brief, in the order of their keys (1 to 5), with their names."""
LISTS = frozenset({"actors", "quotes", "issues"})
"""The panes that are lists; the list and matrix widgets are imported when one of
them is first shown, not at start."""
WIDE = 120
"""From this many columns on, a list shows the page of the item under its cursor beside it."""
EMPTY = {"actors": "No actors in this brief.", "quotes": "No quotes in this brief.", "issues": "No open issues in this brief."}
_HOME_PANE = {"summary": "summary", "source": "summary", "actor": "actors", "quote": "quotes", "issue": "issues"}


def pane_of(target: Ref, here: str = "") -> str:
    """The pane an item is shown in: a position stays in the Positions pane when
    followed from there (`here`), else it goes with its issue."""
    if target.kind == "position":
        return here if here in ("issues", "positions") else "issues"
    return _HOME_PANE.get(target.kind, "summary")


class Pane(Container):
    """One pane: its own view (a list, the summary page or the matrix), a page for
    detail, and for a list on a wide screen a preview beside it."""

    def __init__(self, name: str, home: Widget, *, current: bool = False) -> None:
        super().__init__(id=name, classes="-current" if current else "")
        self.pane_name = name
        self.home = home
        # Not mounted yet: styled once, when it is (an update now would style it twice).
        home.add_class("home", update=False)
        self._page: Page | None = None
        self._preview: Page | None = None

    def compose(self) -> ComposeResult:
        # The page for detail is mounted the first time an item is opened here: one
        # widget less to build before the first screen.
        yield self.home

    @property
    def page(self) -> Page:
        """The page for detail (made when first asked for; see detail_page)."""
        if self._page is None:
            self._page = Page(id=f"{self.pane_name}-page", classes="detail")
        return self._page

    async def detail_page(self) -> Page:
        """The page for detail, mounted first if it is not yet."""
        if not self.page.is_mounted:
            await self.mount(self.page)
        return self.page

    async def preview_page(self) -> Page:
        """The page beside the list that shows the item under its cursor, mounted first
        if it is not yet. Never focused: the keys stay with the list."""
        if self._preview is None:
            self._preview = Page(id=f"{self.pane_name}-preview", classes="preview")
            self._preview.can_focus = False
        if not self._preview.is_mounted:
            await self.mount(self._preview)
        return self._preview

    @property
    def showing_detail(self) -> bool:
        """True when an item is shown in full, over the pane's own view."""
        return self.has_class("-detail")

    @property
    def rows(self) -> ItemList | None:
        """The pane's list, when it is one of the lists."""
        return self.home if self.pane_name in LISTS else None  # type: ignore[return-value]

    @property
    def matrix(self) -> PositionMatrix | None:
        """The pane's matrix, for the Positions pane."""
        return self.home if self.pane_name == "positions" else None  # type: ignore[return-value]

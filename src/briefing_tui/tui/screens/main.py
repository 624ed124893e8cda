"""The main screen: five panes, the breadcrumb, history, copying and live reload.

Widgets only say what the user wants (open this row, follow this link); this screen
decides where that leads, records it in the history, and shows it. No pane reaches
into another.
"""

from __future__ import annotations

import os
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, Horizontal
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import ContentSwitcher, Footer, Static

from briefing_tui.core.export import copy_text, position_text
from briefing_tui.core.history import History, Place
from briefing_tui.core.links import LinkIndex
from briefing_tui.core.loader import LoadResult, load_brief
from briefing_tui.core.model import Actor, Brief, Issue, Quote, Source
from briefing_tui.tui.documents import item_document, label, parse_position, summary_document
from briefing_tui.tui.layout import visible
from briefing_tui.tui.rows import actor_rows, issue_rows, quote_rows
from briefing_tui.tui.widgets.item_list import ItemList
from briefing_tui.tui.widgets.matrix import PositionMatrix
from briefing_tui.tui.widgets.page import Page

PANES = {"summary": "Summary", "actors": "Actors", "quotes": "Quotes", "issues": "Issues", "positions": "Positions"}
SUMMARY_LINK = "summary:"
RELOAD_SECONDS = 1.0


class Pane(Container):
    """One pane: its own view (a list, the summary page or the matrix) and a page for detail."""

    def __init__(self, name: str, home: Widget) -> None:
        super().__init__(id=name)
        self.pane_name = name
        self.home = home
        home.add_class("home")
        self.page = Page(id=f"{name}-page")
        self.page.add_class("detail")

    def compose(self) -> ComposeResult:
        yield self.home
        yield self.page

    @property
    def showing_detail(self) -> bool:
        return self.has_class("-detail")


class MainScreen(Screen[None]):
    """Reads one brief."""

    BINDINGS = [
        Binding("1", "pane('summary')", "Panes", key_display="1-5", tooltip="Summary pane", id="pane.summary"),
        Binding("2", "pane('actors')", "Actors", show=False, tooltip="Actors pane, grouped by side", id="pane.actors"),
        Binding("3", "pane('quotes')", "Quotes", show=False, tooltip="Quotes pane, newest first", id="pane.quotes"),
        Binding("4", "pane('issues')", "Open issues", show=False, tooltip="Open issues pane", id="pane.issues"),
        Binding("5", "pane('positions')", "Positions", show=False, tooltip="Positions pane: who stands where", id="pane.positions"),
        Binding("backspace,alt+left", "back", "Back", tooltip="Back to where you were", id="back"),
        Binding("alt+right", "forward", "Forward", show=False, tooltip="Forward again", id="forward"),
        Binding("escape", "back", "Back", show=False, tooltip="Back to where you were", id="escape"),
        Binding("y", "copy", "Copy", tooltip="Copy the item as text (works over SSH)", id="copy"),
    ]

    def __init__(self, path: str, brief: Brief) -> None:
        super().__init__()
        self.path = path
        self.brief = brief
        self.index = LinkIndex(brief)
        self.history = History(Place("summary"))
        self._filled: set[str] = set()
        self._stamp = self._file_stamp()

    # -- layout --------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Horizontal(id="masthead"):
            yield Static(id="brief-title")
            yield Static(id="brief-date")
        yield Static(id="tabs")
        yield Static(id="crumbs")
        yield Static(id="problems")
        with ContentSwitcher(initial="summary", id="panes"):
            yield Pane("summary", Page(id="summary-home"))
            yield Pane("actors", ItemList(id="actors-home", empty="No actors in this brief."))
            yield Pane("quotes", ItemList(id="quotes-home", empty="No quotes in this brief."))
            yield Pane("issues", ItemList(id="issues-home", empty="No open issues in this brief."))
            yield Pane("positions", PositionMatrix(id="positions-home"))
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self._set_titles()
        self._show(self.history.current)
        self.set_interval(RELOAD_SECONDS, self._poll_file)

    def _set_titles(self) -> None:
        title = visible(" ".join(self.brief.title.split()))
        self.app.title = title
        self.app.sub_title = self.brief.date.isoformat()
        # The date stays whole; a long title gives way with an ellipsis.
        self.query_one("#brief-title", Static).update(Content(title))
        self.query_one("#brief-date", Static).update(Content(self.brief.date.isoformat()))

    def pane(self, name: str) -> Pane:
        """The pane called `name`."""
        return self.query_one(f"#{name}", Pane)

    @property
    def current_pane(self) -> Pane:
        """The pane on screen."""
        return self.pane(self.query_one(ContentSwitcher).current or "summary")

    def _fill(self, name: str) -> None:
        # Panes are filled the first time they are shown, so opening a big brief
        # only pays for the Summary.
        if name in self._filled:
            return
        self._filled.add(name)
        home = self.pane(name).home
        if name == "summary":
            assert isinstance(home, Page)
            home.show(summary_document(self.brief, self.index))
        elif name == "positions":
            assert isinstance(home, PositionMatrix)
            home.fill(self.index)
        else:
            assert isinstance(home, ItemList)
            rows = {"actors": actor_rows, "quotes": quote_rows, "issues": issue_rows}[name](self.index)
            home.set_rows(rows)

    # -- places ----------------------------------------------------------------------

    def _capture(self) -> Place:
        """Where the reader is now, with scroll, cursor and selected link."""
        pane = self.current_pane
        home = pane.home
        cursor: str | None = None
        if isinstance(home, ItemList):
            cursor = home.current_key
        elif isinstance(home, PositionMatrix):
            cursor = home.current_target
        if pane.showing_detail:
            page = pane.page
            return Place(pane.pane_name, page.document.item_id, cursor, round(page.scroll_y), page.link)
        if isinstance(home, Page):
            return Place(pane.pane_name, None, None, round(home.scroll_y), home.link)
        return Place(pane.pane_name, None, cursor, round(home.scroll_y))

    def _show(self, place: Place) -> None:
        """Put a place on screen exactly as it was left."""
        self._fill(place.pane)
        self.query_one(ContentSwitcher).current = place.pane
        pane = self.pane(place.pane)
        home = pane.home
        if place.cursor is not None:
            if isinstance(home, ItemList):
                home.select(place.cursor)
            elif isinstance(home, PositionMatrix):
                home.select_target(place.cursor)
        document = item_document(place.target, self.index) if place.target else None
        if place.target and document is None:
            self.notify(f"{place.target!r} is no longer in the brief.", severity="warning")
        if document is not None:
            pane.add_class("-detail")
            pane.page.show(document, scroll_y=place.scroll, link=place.link)
            self.set_focus(pane.page, scroll_visible=False)
        else:
            pane.remove_class("-detail")
            if isinstance(home, Page):
                home.restore(place.scroll, place.link)
            elif isinstance(home, ItemList) and place.cursor is not None:
                home.restore_scroll(place.scroll)
            # At once, not deferred: a key typed right after this one must reach it.
            self.set_focus(home, scroll_visible=False)
        self._update_bars()

    def go(self, place: Place) -> None:
        """Visit a place, recording it in the history."""
        self.history.update(self._capture())
        self.history.visit(place)
        self._show(place)

    def open_target(self, target: str) -> None:
        """Show an item (or a position) in full, in the pane it belongs to."""
        if target == SUMMARY_LINK:
            self.go(Place("summary"))
            return
        position = parse_position(target)
        if position is not None:
            here = self.current_pane.pane_name
            pane = here if here in ("issues", "positions") else "issues"
            cursor = target if pane == "positions" else position[0]
            self.go(Place(pane, target, cursor))
            return
        item = self.index.item(target)
        if item is None:
            self.notify(f"Nothing in this brief is called {target!r}.", severity="warning")
            return
        pane = {Actor: "actors", Quote: "quotes", Issue: "issues", Source: "summary"}[type(item)]
        self.go(Place(pane, target, target if pane != "summary" else None))

    # -- what widgets ask for --------------------------------------------------------

    @on(ItemList.Chosen)
    def _row_chosen(self, event: ItemList.Chosen) -> None:
        event.stop()
        self.open_target(event.key)

    @on(Page.FollowLink)
    def _link_followed(self, event: Page.FollowLink) -> None:
        event.stop()
        self.open_target(event.target)

    @on(PositionMatrix.Chosen)
    def _cell_chosen(self, event: PositionMatrix.Chosen) -> None:
        event.stop()
        self.open_target(event.target)

    @on(ItemList.Highlighted)
    @on(PositionMatrix.Highlighted)
    def _moved(self) -> None:
        self._update_bars()

    # -- bars --------------------------------------------------------------------------

    def _update_bars(self) -> None:
        current = self.current_pane.pane_name
        tabs = Content("")
        for number, (name, title) in enumerate(PANES.items(), start=1):
            text = f" {number} {title} "
            style = "reverse bold" if name == current else ""
            tabs += Content.from_markup(f"[{style} @click=screen.pane('{name}')]$text[/]", text=text) if style else Content.from_markup(
                f"[@click=screen.pane('{name}')]$text[/]", text=text
            )
        self.query_one("#tabs", Static).update(tabs)
        at, total = self.history.position
        where = Content(" \u203a ".join(self.breadcrumb()))
        if total > 1:
            where += Content.styled(f"   {at}/{total}", "dim")
        self.query_one("#crumbs", Static).update(where)

    def breadcrumb(self) -> list[str]:
        """Where the reader is: pane, then the item (and the issue, for a position)."""
        pane = self.current_pane
        crumbs = [PANES[pane.pane_name]]
        if pane.showing_detail and pane.page.document.item_id:
            target = pane.page.document.item_id
            position = parse_position(target)
            if position is not None:
                crumbs += [label(self.index, position[0]), label(self.index, position[1])]
            else:
                crumbs.append(label(self.index, target))
        elif isinstance(pane.home, ItemList) and pane.home.current_key:
            crumbs.append(label(self.index, pane.home.current_key))
        return [visible(" ".join(c.split())) for c in crumbs]

    # -- actions -------------------------------------------------------------------------

    def action_pane(self, name: str) -> None:
        """Switch to a pane, as it was last left."""
        if name == self.current_pane.pane_name and not self.current_pane.showing_detail:
            return
        pane = self.pane(name)
        home = pane.home
        cursor = home.current_key if isinstance(home, ItemList) else None
        self.go(Place(name, None, cursor, round(home.scroll_y) if name in self._filled else 0))

    def action_back(self) -> None:
        """Go back to where the reader was before."""
        self.history.update(self._capture())
        place = self.history.back()
        if place is None:
            self.app.bell()
            return
        self._show(place)

    def action_forward(self) -> None:
        """Go forward again after going back."""
        self.history.update(self._capture())
        place = self.history.forward()
        if place is None:
            self.app.bell()
            return
        self._show(place)

    def action_copy(self) -> None:
        """Copy the item on screen (or under the cursor) as meeting-ready text."""
        place = self._capture()
        target = place.target or place.cursor
        if target and (position := parse_position(target)):
            issue = self.index.item(position[0])
            assert isinstance(issue, Issue)
            text, what = position_text(issue, position[1], self.index), "position"
        elif target and (item := self.index.item(target)) is not None:
            text, what = copy_text(item, self.index), item.noun
        else:
            text, what = copy_text(None, self.index), "summary"
        self.app.copy_to_clipboard(text)
        self.notify(visible(text if len(text) < 160 else text[:159] + "\u2026"), title=f"Copied {what} to the clipboard")

    # -- live reload ---------------------------------------------------------------------

    def _file_stamp(self) -> tuple[int, int] | None:
        try:
            info = os.stat(self.path)
        except OSError:
            return None
        return (info.st_mtime_ns, info.st_size)

    def _poll_file(self) -> None:
        stamp = self._file_stamp()
        if stamp is not None and stamp != self._stamp:
            self._stamp = stamp
            self._reload()

    @work(thread=True, exclusive=True, group="reload")
    def _reload(self) -> None:
        result = load_brief(self.path)
        self.app.call_from_thread(self._apply_reload, result)

    def _apply_reload(self, result: LoadResult) -> None:
        problems = self.query_one("#problems", Static)
        if result.brief is None:
            errors = result.errors
            lines = [f"{Path(self.path).name} changed but has {len(errors)} error{'s' if len(errors) != 1 else ''}; still showing the last good version:"]
            lines += [f"  {visible(str(f))}" for f in errors[:4]]
            if len(errors) > 4:
                lines.append(f"  \u2026 and {len(errors) - 4} more (briefing check shows them all)")
            problems.update(Content("\n".join(lines)))
            problems.add_class("-shown")
            return
        place = self._capture()
        self.brief = result.brief
        self.index = LinkIndex(result.brief)
        self._filled.clear()
        problems.remove_class("-shown")
        self._set_titles()
        self._show(place)
        self.notify("Reloaded from disk.", timeout=2)

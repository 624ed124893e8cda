"""Getting ready for a meeting, on the main screen: `m` marks what is under the cursor
or on screen, `t` shows the marks as talking points, `x` exports what is on screen,
`y` copies the item as text and `Y` the view as Markdown.

The keys are declared here once (`MEETING_BINDINGS`, part of the main screen's
bindings, so the bar, the help and the palette list them) and their actions are the
main screen's through `MeetingActions`. Marks live in the user's data folder
(`core.marks`); how they show is `marking`'s.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from textual.binding import Binding

from briefing_tui.core.markings import banner
from briefing_tui.core.ref import Ref
from briefing_tui.core.sheet import MIME, SUFFIX, Format, Sheet, render
from briefing_tui.tui.layout import visible
from briefing_tui.tui.marks_on_screen import MARK, flags, marked_document
from briefing_tui.tui.messages import CopyText, DeliverExport, OpenRef

if TYPE_CHECKING:
    from textual.screen import Screen

    from briefing_tui.core.links import LinkIndex
    from briefing_tui.core.marks import Marks
    from briefing_tui.core.model import Brief
    from briefing_tui.tui.pane import Pane
    from briefing_tui.tui.screens.base import ReaderScreen as _Screen
    from briefing_tui.tui.widgets.item_list import ItemList
    from briefing_tui.tui.widgets.page import Document
else:
    _Screen = object

MEETING_BINDINGS = [
    Binding("m", "mark", "Mark", show=False, tooltip="Mark or unmark the item under the cursor or on screen, for your talking points", id="mark"),
    Binding(
        "t", "talking_points", "Talking points", show=False, tooltip="Talking points: what you marked, in your order, with notes", id="talking_points"
    ),
    Binding("x", "export", "Export", show=False, tooltip="Export what is on screen as Markdown, HTML or text", id="export"),
    Binding("Y", "copy_view", "Copy view", show=False, tooltip="Copy what is on screen as Markdown", id="copy_view"),
]


def file_stem(text: str) -> str:
    """A file name's stem from a brief's id or a view's name: letters, digits and dashes."""
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower()[:60] or "brief"


class MeetingActions(_Screen):
    """The main screen's actions for marks, talking points, export and copying a view.

    A mixin: the screen provides `brief`, `index`, `current_pane` and the preview.
    """

    brief: Brief
    index: LinkIndex
    _marks: Marks | None = None
    _filled: set[str]
    _position: tuple[int, int]

    if TYPE_CHECKING:

        @property
        def current_pane(self) -> Pane: ...

        async def _preview(self, pane: Pane) -> None: ...

    # -- marks -----------------------------------------------------------------------------

    @property
    def marks(self) -> Marks:
        """The user's marks on this brief, read when first asked for."""
        if self._marks is None or self._marks.brief_id != self.brief.id:
            from briefing_tui.core.marks import Marks

            # Served to a browser, the reader writes nothing on the server: the marks
            # last as long as the tab.
            self._marks = Marks(self.brief.id, kept=not getattr(self.app, "served", False))
            if self._marks.problem:
                self.notify(visible(self._marks.problem), severity="warning", markup=False)
        return self._marks

    def marked(self) -> frozenset[Ref]:
        """Every reference marked (none read from disk until something is asked)."""
        return self.marks.refs()

    def with_marks(self, document: Document) -> Document:
        """The page with the marks on it."""
        return marked_document(document, self.marked())

    def show_marks_in(self, pane: Pane) -> None:
        """Put the marks on a pane's list or matrix."""
        if (rows := pane.rows) is not None:
            rows.set_flags(flags(self.marked()))
        elif (matrix := pane.matrix) is not None:
            matrix.set_marked(self.marked())

    def show_marks_in_search(self) -> None:
        """Put the marks on the search results (their rows are told by the hit's number)."""
        self.search_results().flag_of = lambda row: MARK if self.hit_ref(row.key) in self.marked() else ""

    def search_results(self) -> ItemList:
        """The list of search hits (the search box is open)."""
        from briefing_tui.tui.widgets.item_list import ItemList

        return self.query_one("#search-results", ItemList)

    def hit_ref(self, number: object) -> Ref | None:
        """The item of search hit number `number` (None: the brief's own text, or no hit)."""
        from briefing_tui.tui.widgets.search_panel import SearchPanel

        hits = self.query_one(SearchPanel).hits
        if isinstance(number, int) and 0 <= number < len(hits) and hits[number].kind != "brief":
            return Ref(hits[number].kind, hits[number].item_id)  # type: ignore[arg-type]
        return None

    async def refresh_marks(self) -> None:
        """Show the marks as they are now, everywhere: lists, matrix, pages."""
        from briefing_tui.tui.pane import Pane

        for pane in self.query(Pane):
            self.show_marks_in(pane)
        if self.has_class("-searching"):
            # The search stays open, the cursor on its hit: only the letters change.
            self.search_results().redraw_flags()
            return
        self._filled.discard("summary")  # drawn again, marks and all, when shown
        await self.show(self.capture(), self._position)
        await self._preview(self.current_pane)

    def mark_target(self) -> Ref | None:
        """What `m` marks: the search hit under the cursor, else the item shown in full,
        else the row or cell under the cursor;
        on the Summary, the Summary itself (`m` then asks which key point or entry)."""
        if self.has_class("-searching"):
            results = self.search_results()
            return self.hit_ref(results.current_key) if self.focused is results else None
        pane = self.current_pane
        if pane.showing_detail:
            return pane.page.document.ref
        if (rows := pane.rows) is not None:
            return rows.current_key if isinstance(rows.current_key, Ref) else None
        if (matrix := pane.matrix) is not None:
            return matrix.current_target
        return Ref.summary()  # the Summary's key points and timeline: asked which

    async def action_mark(self) -> None:
        """Mark or unmark what is under the cursor or on screen."""
        await self.after_earlier_keys()
        target = self.mark_target()
        if target == Ref.summary():
            from briefing_tui.tui.screens.mark_summary import MarkSummaryScreen

            async def closed(_: None) -> None:
                await self.refresh_marks()

            await self.app.push_screen(MarkSummaryScreen(self.marks, self.index), closed)
            return
        if target is None or target.kind not in ("summary", "source", "actor", "quote", "issue", "position"):
            self.notify(
                "Nothing here to mark: move to a quote, an actor, an issue, a position, a key point or a timeline entry.", timeout=3, markup=False
            )
            return
        from briefing_tui.core.talking_points import mark_label

        label = mark_label(target, self.index)
        now = self.marks.toggle(target, label)
        count = len(self.marks)
        said = f"Marked ({count} talking point{'' if count == 1 else 's'}, t): " if now else "Unmarked: "
        if not self.marks.kept:
            said = "For this tab only (export them with x in t). " + said
        self.notify(visible(said + " ".join(label.split())[:120]), timeout=3, markup=False)
        await self.refresh_marks()

    # -- talking points ------------------------------------------------------------------------

    async def action_talking_points(self) -> None:
        """Show the marks as talking points."""
        await self.after_earlier_keys()
        from briefing_tui.tui.screens.talking_points import TalkingPointsScreen

        async def closed(target: Ref | None) -> None:
            await self.refresh_marks()
            if target is not None:
                self.post_message(OpenRef(target))

        await self.app.push_screen(TalkingPointsScreen(self.marks, self.index), closed)

    # -- what is on screen, exported or copied -----------------------------------------------------

    async def action_copy(self) -> None:
        """Copy the item on screen (or under the cursor) as meeting-ready text."""
        from briefing_tui.core.export import copy_text, position_text

        await self.after_earlier_keys()
        place = self.capture()
        target = place.target or (place.cursor if isinstance(place.cursor, Ref) else None)
        item = self.index.item(target.id) if target is not None and target.is_item else None
        if target is not None and target.kind == "position" and (issue := self.index.item(target.id)) is not None:
            text, what = position_text(issue, target.part or "", self.index), "position"  # type: ignore[arg-type]
        elif item is not None:
            text, what = copy_text(item, self.index), item.noun
        else:
            text, what = copy_text(None, self.index), "summary"
        self.post_message(CopyText(text, what))  # the app copies it, and says what became of it

    def view_sheet(self) -> tuple[Sheet, str]:
        """What is on screen as a sheet, and a name for its file."""
        from briefing_tui.tui.marks_on_screen import document_sheet, rows_sheet
        from briefing_tui.tui.pane import PANES

        brief = self.brief
        if self.has_class("-searching"):
            from textual.widgets import Input

            query = self.query_one("#search-input", Input).value
            results = self.search_results()
            return rows_sheet(results.rows, f"Search: {query} ({brief.title})", self.marked()), "search"
        pane = self.current_pane
        if pane.showing_detail and (ref := pane.page.document.ref) is not None:
            from briefing_tui.tui.documents import item_document

            document = item_document(ref, self.index) or pane.page.document
            return document_sheet(self.with_marks(document), f"{self.index.label(ref)} ({brief.title})"), ref.kind
        if pane.matrix is not None:
            from briefing_tui.core.brief_sheet import brief_head, positions_table

            sheet = Sheet(f"Positions: {brief.title}")
            brief_head(sheet, brief)
            positions_table(sheet, self.index)
            return sheet, "positions"
        if (rows := pane.rows) is not None:
            return rows_sheet(rows.rows, f"{PANES[pane.pane_name]}: {brief.title}", self.marked()), pane.pane_name
        from briefing_tui.core.brief_sheet import brief_sheet

        return brief_sheet(self.index, ("summary",)), "summary"

    async def action_export(self) -> None:
        """Export what is on screen: a file (a download, in a browser)."""
        await self.after_earlier_keys()
        sheet, what = self.view_sheet()
        sheet.banner = banner(self.brief.marking)
        export_view(self, sheet, f"{file_stem(self.brief.id)}-{what}")

    async def action_copy_view(self) -> None:
        """Copy what is on screen as Markdown."""
        await self.after_earlier_keys()
        sheet, what = self.view_sheet()
        sheet.banner = banner(self.brief.marking)
        self.post_message(CopyText(render(sheet, "md"), f"the {what} view as Markdown"))


def export_view(screen: Screen[Any], sheet: Sheet, stem: str) -> None:
    """Ask which format, then hand the export of `sheet` to the app (`DeliverExport`)."""
    from briefing_tui.tui.screens.export_format import ExportFormatScreen

    def chosen(fmt: Format | None) -> None:
        if fmt is not None:
            screen.post_message(DeliverExport(render(sheet, fmt), stem + SUFFIX[fmt], MIME[fmt]))

    screen.app.push_screen(ExportFormatScreen(sheet.title), chosen)

"""What `m` asks on the Summary: which key point or timeline entry to mark. They have
no row of their own elsewhere, so they are listed here, each marked one with M."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from briefing_tui.core.links import LinkIndex
from briefing_tui.core.marks import Marks, key_point_ref, timeline_ref
from briefing_tui.core.ref import Ref
from briefing_tui.tui.marks_on_screen import flags
from briefing_tui.tui.widgets.item_list import ItemList, Row


def summary_rows(index: LinkIndex) -> list[Row]:
    """The key points, then the timeline, as rows keyed by their marks' references."""
    brief = index.brief
    rows: list[Row] = []
    if brief.key_points:
        rows.append(Row(None, "Key points"))
        rows += [Row(key_point_ref(p), " ".join(index.plain(p).split())) for p in brief.key_points]
    if brief.timeline:
        rows.append(Row(None, "Timeline"))
        for event in brief.timeline:
            rows.append(Row(timeline_ref(event.date.isoformat(), event.text), event.date.isoformat(), body=" ".join(index.plain(event.text).split())))
    return rows


class MarkSummaryScreen(ModalScreen[None]):
    """The key points and timeline entries: `m` or `enter` marks or unmarks the one
    under the cursor; `escape` closes."""

    BINDINGS = [
        Binding("m", "mark_row", "Mark", tooltip="Mark or unmark the key point or entry under the cursor", id="mark-summary.toggle"),
        Binding("escape,q", "dismiss", "Close", tooltip="Back to the Summary", id="mark-summary.close"),
    ]

    DEFAULT_CSS = """
    MarkSummaryScreen { align: center middle; }
    MarkSummaryScreen > Vertical { width: 90%; max-width: 100; height: 90%; border: round $accent; background: $surface; }
    MarkSummaryScreen Static { padding: 0 1; color: $text; }
    MarkSummaryScreen ItemList { height: 1fr; }
    """

    def __init__(self, marks: Marks, index: LinkIndex) -> None:
        super().__init__()
        self.marks = marks
        self.index = index

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("Mark a key point or a timeline entry: m marks or unmarks, escape closes", markup=False)
            yield ItemList(id="summary-marks", empty="This brief has no key points and no timeline.")

    def on_mount(self) -> None:
        items = self.query_one(ItemList)
        items.set_rows(summary_rows(self.index))
        items.set_flags(flags(self.marks.refs()))
        self.set_focus(items)

    def action_mark_row(self) -> None:
        """Mark or unmark the row under the cursor."""
        items = self.query_one(ItemList)
        key = items.current_key
        if isinstance(key, Ref):
            from briefing_tui.core.talking_points import mark_label

            self.marks.toggle(key, mark_label(key, self.index))
            items.set_flags(flags(self.marks.refs()))

    @on(ItemList.Chosen)
    def _chosen(self, event: ItemList.Chosen) -> None:
        event.stop()
        self.action_mark_row()

"""The talking points: what the user marked, in their order, each as it is said in a
meeting, with a one-line note beneath; moved, annotated, removed and opened here."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Input, Static

from briefing_tui.core.links import LinkIndex
from briefing_tui.core.markings import banner
from briefing_tui.core.marks import NOTE_LIMIT, Marks
from briefing_tui.core.ref import Ref
from briefing_tui.core.sheet import Sheet, render
from briefing_tui.core.talking_points import GONE, sources_line, talking_points, talking_points_sheet
from briefing_tui.tui.layout import visible
from briefing_tui.tui.messages import CopyText
from briefing_tui.tui.widgets.item_list import ItemList, Row
from briefing_tui.tui.widgets.key_bar import KeyBar

EMPTY = "Nothing marked yet. Close this (escape), then press m on a quote, a position or any item."


class NoteInput(Input):
    """The box for a point's note: `enter` keeps it, `escape` leaves the note as it was."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", tooltip="Leave the note as it was", id="note.cancel")]

    def action_cancel(self) -> None:
        screen = self.screen
        if isinstance(screen, TalkingPointsScreen):
            screen.close_note(save=False)


class TalkingPointsScreen(Screen["Ref | None"]):
    """The marks of one brief as talking points. Closing it gives the point to open, or None."""

    BINDINGS = [
        Binding("escape,t,backspace", "close", "Back", tooltip="Back to the brief", id="points.close"),
        Binding("K,shift+up", "move_point(-1)", "Up", key_display="K", tooltip="Move the point up", id="points.up"),
        Binding("J,shift+down", "move_point(1)", "Down", key_display="J", tooltip="Move the point down", id="points.down"),
        Binding("n", "note", "Note", tooltip="Write a one-line note on the point", id="points.note"),
        Binding("d,delete", "remove", "Remove", tooltip="Remove the point (unmark its item)", id="points.remove"),
        Binding("x", "export", "Export", tooltip="Export the talking points as Markdown, HTML or text", id="points.export"),
        Binding("Y", "copy_view", "Copy all", tooltip="Copy the talking points as Markdown", id="points.copy"),
    ]

    DEFAULT_CSS = """
    TalkingPointsScreen #points-head { height: auto; padding: 0 1; background: $panel; color: $reader-panel-text; text-wrap: nowrap; text-overflow: ellipsis; }
    TalkingPointsScreen #points { height: 1fr; }
    TalkingPointsScreen #note { display: none; }
    TalkingPointsScreen.-noting #note { display: block; }
    """

    def __init__(self, marks: Marks, index: LinkIndex) -> None:
        super().__init__()
        self.marks = marks
        self.index = index

    def compose(self) -> ComposeResult:
        brief = self.index.brief
        # Two lines, each cut to the width: the points below are what is read here.
        head = f"Talking points \u00b7 {brief.date.isoformat()} \u00b7 {' '.join(brief.title.split())}"
        if marking := banner(brief.marking):  # the brief's marking heads every screen
            head = f"{marking} \u00b7 {head}"
        if brief.sources:
            head += f"\nSources: {sources_line(brief)}"
        yield Static(visible(head), markup=False, id="points-head")
        yield ItemList(id="points", empty=EMPTY)
        yield NoteInput(placeholder="A one-line note on this point (enter keeps it, escape leaves it)", max_length=NOTE_LIMIT, id="note")
        yield KeyBar()

    def on_mount(self) -> None:
        self.fill()
        self.set_focus(self.points)

    @property
    def points(self) -> ItemList:
        """The list of points."""
        return self.query_one("#points", ItemList)

    @property
    def current(self) -> Ref | None:
        """The point under the cursor."""
        key = self.points.current_key
        return key if isinstance(key, Ref) else None

    def fill(self, keep: Ref | None = None) -> None:
        """List the points as they are now, the cursor on `keep` (or where it was)."""
        rows = []
        for number, point in enumerate(talking_points(self.marks, self.index), start=1):
            note = f"({GONE})" if point.gone else ""
            body = f"Note: {point.mark.note}" if point.mark.note else ""
            title = point.text if point.text is not None else point.remembered
            rows.append(Row(point.mark.ref, f"{number}. {title}", note, body))
        self.points.set_rows(rows, keep=keep)

    def action_close(self) -> None:
        """Back to the brief."""
        self.dismiss(None)

    def action_move_point(self, step: int) -> None:
        """Move the point under the cursor up (-1) or down (1)."""
        ref = self.current
        if ref is not None:
            self.marks.move(ref, step)
            self.fill(keep=ref)

    def action_remove(self) -> None:
        """Remove the point under the cursor: its item is no longer marked."""
        ref = self.current
        if ref is None:
            return
        at = self.marks.position(ref)
        self.marks.remove(ref)
        following = self.marks.marks[min(at, len(self.marks) - 1)].ref if len(self.marks) else None
        self.fill(keep=following)
        self.notify("Removed from the talking points.", timeout=2, markup=False)

    def action_note(self) -> None:
        """Open the box for the note of the point under the cursor."""
        ref = self.current
        if ref is None:
            return
        box = self.query_one(NoteInput)
        box.value = self.marks.marks[self.marks.position(ref)].note
        self.add_class("-noting")
        self.set_focus(box)

    def close_note(self, *, save: bool) -> None:
        """Close the note's box, keeping what was typed when `save`."""
        box = self.query_one(NoteInput)
        ref = self.current
        if save and ref is not None:
            self.marks.set_note(ref, box.value)
        self.remove_class("-noting")
        self.fill(keep=ref)
        self.set_focus(self.points)

    @on(Input.Submitted, "#note")
    def _note_written(self, event: Input.Submitted) -> None:
        event.stop()
        self.close_note(save=True)

    @on(ItemList.Chosen, "#points")
    def _open(self, event: ItemList.Chosen) -> None:
        event.stop()
        ref = event.key
        if isinstance(ref, Ref):
            if ref.kind != "summary" and self.index.item(ref.id) is None:
                self.notify(f"That item is {GONE}: it was removed from the brief.", severity="warning", timeout=3, markup=False)
                return
            self.dismiss(ref)

    def sheet(self) -> Sheet:
        """The talking points as a sheet, to export or copy."""
        return talking_points_sheet(talking_points(self.marks, self.index), self.index.brief)

    def action_export(self) -> None:
        """Export the talking points."""
        from briefing_tui.tui.meeting import export_view, file_stem

        export_view(self, self.sheet(), f"{file_stem(self.index.brief.id)}-talking-points")

    def action_copy_view(self) -> None:
        """Copy the talking points as Markdown."""
        self.post_message(CopyText(render(self.sheet(), "md"), "the talking points as Markdown"))

"""What is new since the user last read a brief, on the main screen: N and C beside the
items new or changed (with M, in the marks' places), a line on the Summary saying how
many, `u` and `U` to go to the next and previous one; opening an item's page records
it as read. The record itself is the core's (`core.reading`).

The keys are declared here once (`UNSEEN_BINDINGS`, part of the main screen's bindings)
and their actions are the main screen's through `UnseenActions`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.binding import Binding

from briefing_tui.core.ref import Ref
from briefing_tui.tui.documents import summary_document
from briefing_tui.tui.marks_on_screen import flags, marked_document
from briefing_tui.tui.widgets.page import Block, Span

if TYPE_CHECKING:
    from briefing_tui.core.history import Place
    from briefing_tui.core.links import LinkIndex
    from briefing_tui.core.model import Brief
    from briefing_tui.core.reading import ReadingRecord
    from briefing_tui.tui.pane import Pane
    from briefing_tui.tui.screens.base import ReaderScreen as _Screen
    from briefing_tui.tui.widgets.page import Document
else:
    _Screen = object

UNSEEN_BINDINGS = [
    Binding("u", "next_unseen", "Next new", show=False, tooltip="Next item new or changed since you last read the brief", id="next_unseen"),
    Binding("U", "previous_unseen", "Previous new", show=False, tooltip="Previous item new or changed since you last read", id="previous_unseen"),
]


def news_line(new: int, changed: int) -> str:
    """What the Summary says of the news: "1 new and 2 changed since you last read"."""
    said = " and ".join(part for part in (f"{new} new" if new else "", f"{changed} changed" if changed else "") if part)
    return f"{said} since you last read (N, C; u goes to the next)"


class UnseenActions(_Screen):
    """The main screen's news since the last reading. A mixin: the screen provides
    `brief`, `index`, `path`, its panes and the marks."""

    brief: Brief
    index: LinkIndex
    path: str
    _reading: ReadingRecord | None = None
    _filled: set[str]

    if TYPE_CHECKING:

        def marked(self) -> frozenset[Ref]: ...

        def capture(self) -> Place: ...

    @property
    def reading(self) -> ReadingRecord:
        """The user's record of this brief (read from disk when first asked for; a
        served reader keeps it in memory only)."""
        if self._reading is None or self._reading.brief_id != self.brief.id:
            from briefing_tui.core.reading import ReadingRecord

            self._reading = ReadingRecord(self.brief, kept=not getattr(self.app, "served", False))
        return self._reading

    def with_marks(self, document: Document) -> Document:
        """The page with the marks and the news on it."""
        return marked_document(document, self.marked(), self.reading.news)

    def show_marks_in(self, pane: Pane) -> None:
        """Put the marks, and the news, on a pane's list (the matrix shows marks only)."""
        if (rows := pane.rows) is not None:
            rows.set_flags(flags(self.marked(), self.reading.news))
        else:
            super().show_marks_in(pane)  # type: ignore[misc]

    def summary_page(self) -> Document:
        """The Summary, with a line saying how many items are new or changed."""
        document = self.with_marks(summary_document(self.brief, self.index))
        new, changed = self.reading.counts()
        if new or changed:
            # After the title and the date: the first thing read after what the brief is.
            document.blocks.insert(2, Block((Span("\u25cf ", "flag"), Span(news_line(new, changed), "strong"))))
            document.anchors = {number + (number >= 2): ref for number, ref in document.anchors.items()}
        return document

    def brief_reloaded(self) -> None:
        """The brief changed on disk: what is new is counted again."""
        self.reading.update(self.brief)

    def item_read(self, target: Ref | None) -> None:
        """An item's page is shown: it is read now, and loses its letter everywhere."""
        if target is None or not self.reading.seen(target):
            return
        from briefing_tui.tui.pane import Pane

        for pane in self.query(Pane):
            if pane.pane_name in self._filled:
                self.show_marks_in(pane)
        self._filled.discard("summary")  # its count, drawn again when shown

    def news_order(self) -> list[Ref]:
        """The brief's actors, quotes and issues in file order."""
        from briefing_tui.core.reading import tracked

        return [Ref.to(item) for item in tracked(self.brief)]

    async def _step_unseen(self, step: int) -> None:
        await self.after_earlier_keys()
        news = self.reading.news
        if not news:
            self.notify("Nothing is new or changed since you last read this brief.", timeout=3, markup=False)
            return
        order = self.news_order()
        place = self.capture()
        here = place.target or (place.cursor if isinstance(place.cursor, Ref) else None)
        at = order.index(here) if here in order else (-1 if step > 0 else len(order))
        # On from here, round to the start (or back from here, round to the end).
        ahead = order[at + 1 :] + order[: at + 1] if step > 0 else order[:at][::-1] + order[at:][::-1]
        target = next(ref for ref in ahead if ref in news)
        from briefing_tui.tui.navigator import place_of

        await self.navigator.go(place_of(target, brief=self.path))

    async def action_next_unseen(self) -> None:
        """Go to the next item new or changed since the brief was last read."""
        await self._step_unseen(1)

    async def action_previous_unseen(self) -> None:
        """Go to the previous item new or changed since the brief was last read."""
        await self._step_unseen(-1)

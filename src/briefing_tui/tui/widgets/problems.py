"""The bar over the panes that says what is wrong with the brief's file on disk,
while the last good version stays on screen."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from briefing_tui.core.text import counted
from briefing_tui.tui.widgets.page import Document, Page, Span

if TYPE_CHECKING:
    from textual.widget import Widget

    from briefing_tui.core.findings import LoadResult

PROBLEMS_SHOWN = 4
"""Errors listed in the bar; the rest are counted."""


def problems_document(path: str, result: LoadResult) -> Document:
    """Each error on its own lines (wrapped under its own text), and how many more."""
    errors = result.errors
    name = Path(path).name
    doc = Document("Problems")
    doc.add(Span(f"{name} changed but has {counted(len(errors), 'error')}; still showing the last good version:", "strong"))
    for finding in errors[:PROBLEMS_SHOWN]:
        where = f"{finding.location}: " if finding.location else ""
        doc.add(Span(where, "strong"), Span(finding.message), prefix="\u2022 ")
    if len(errors) > PROBLEMS_SHOWN:
        doc.add(Span(f"\u2026 and {len(errors) - PROBLEMS_SHOWN} more: briefing check {name} lists them all", "muted"))
    return doc


class ProblemsBar(Page, can_focus=False):
    """A notice, not a place to go: the keys stay with the pane below it."""


async def show_problems(screen: Widget, path: str, result: LoadResult) -> None:
    """Show the bar on `screen` (mounted over its first pane the first time) with the
    errors of `result`."""
    found = screen.query(ProblemsBar)
    if found:
        found.first().show(problems_document(path, result))
        found.add_class("-shown")
    else:
        await screen.mount(ProblemsBar(problems_document(path, result), id="problems", classes="-shown"), before=screen.query("Pane").first())

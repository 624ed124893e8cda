"""The user's marks read as talking points: each marked item as one line to say in a
meeting, the note beneath it, in the user's order, under the brief's title, date and
sources.

A quote reads `“…” — Name, role (source, date)`, a position `Actor: stance (issue)`.
A mark whose item is no longer in the brief is kept and reads as gone.
"""

from __future__ import annotations

from typing import NamedTuple

from briefing_tui.core import analysis
from briefing_tui.core.links import LinkIndex
from briefing_tui.core.markings import banner
from briefing_tui.core.marks import KEY_POINT, TIMELINE, Mark, Marks
from briefing_tui.core.model import Actor, Brief, Issue, Quote, Source, is_withheld
from briefing_tui.core.ref import Ref
from briefing_tui.core.sheet import Bullet, Sheet

GONE = "no longer in the brief"


class TalkingPoint(NamedTuple):
    """A mark as a talking point: what it says (None when its item is gone)."""

    mark: Mark
    text: str | None
    withheld: bool = False
    """The brief is shown with items withheld: a point it cannot find may be one of
    them, and what the mark remembers of it is not to be shown."""

    @property
    def gone(self) -> bool:
        """True when the marked item is no longer in the brief."""
        return self.text is None

    @property
    def line(self) -> str:
        """The point as read out: its text, or what it was and that it is gone."""
        if self.text is not None:
            return self.text
        return f"({GONE}) {self.remembered}"

    @property
    def remembered(self) -> str:
        """What the mark remembers of its item, once the item is gone (nothing of one
        that may be withheld)."""
        if self.withheld:
            return "(or withheld at this marking)"
        return self.mark.label or str(self.mark.ref)


def _one(text: str) -> str:
    return " ".join(text.split())


def _name(index: LinkIndex, item_id: str | None) -> str:
    item = index.item(item_id) if item_id else None
    return _one(item.label) if isinstance(item, (Actor, Source)) else (item_id or "")


def quote_point(quote: Quote, index: LinkIndex) -> str:
    """`“…” — Name, role (source, date)`."""
    speaker = index.item(quote.by)
    who = _name(index, quote.by)
    if isinstance(speaker, Actor) and speaker.role:
        who += f", {_one(speaker.role)}"
    facts = [part for part in (_name(index, quote.source) if quote.source else "", quote.date.isoformat() if quote.date else "") if part]
    notes = analysis.notes_text(analysis.quote_notes(quote, index.brief))
    return f"{analysis.quote_words(quote)} \u2014 {who}" + (f" ({', '.join(facts)})" if facts else "") + notes


def position_point(issue: Issue, actor_id: str, index: LinkIndex) -> str | None:
    """`Actor: stance (issue)`, or None when the actor has no stated position on it."""
    position = issue.position_of(actor_id)
    if position is None:
        return None
    notes = analysis.notes_text(analysis.position_notes(position, index.brief))
    return f"{_name(index, actor_id)}: {_one(index.plain(position.stance))} ({_one(issue.title)}){notes}"


def point_text(ref: Ref, index: LinkIndex) -> str | None:
    """What the marked `ref` says as a talking point; None when it is gone."""
    brief = index.brief
    if ref.kind == "summary":
        if ref.id == KEY_POINT:
            return next((_one(index.plain(p)) for p in brief.key_points if p == ref.part), None)
        if ref.id == TIMELINE:
            for event in brief.timeline:
                if f"{event.date.isoformat()} {event.text}" == ref.part:
                    return f"{event.date.isoformat()}: {_one(index.plain(event.text))}"
        return None
    if ref.kind == "position":
        issue = index.item(ref.id)
        return position_point(issue, ref.part or "", index) if isinstance(issue, Issue) else None
    item = index.item(ref.id)
    if item is None or item.noun != ref.kind:
        return None
    if isinstance(item, Quote):
        return quote_point(item, index)
    if isinstance(item, Actor):
        facts = ", ".join(_one(f) for f in (item.role, item.side) if f)
        return _one(item.name) + (f", {facts}" if facts else "")
    if isinstance(item, Issue):
        return f"{_one(item.title)} ({item.status})"
    assert isinstance(item, Source)
    return _one(item.name) + (f" <{item.url}>" if item.url else "")


def mark_label(ref: Ref, index: LinkIndex) -> str:
    """What a mark remembers of its item, to show once the item is gone."""
    return point_text(ref, index) or str(ref)


def talking_points(marks: Marks, index: LinkIndex) -> list[TalkingPoint]:
    """The marks, in the user's order, as talking points."""
    withheld = any(is_withheld(item.label) for item in index.brief.items())
    return [TalkingPoint(mark, point_text(mark.ref, index), withheld) for mark in marks]


def sources_line(brief: Brief) -> str:
    """The brief's sources on one line: each name, with its address."""
    return "; ".join(_one(analysis.source_words(s)) + (f" ({s.url})" if s.url else "") for s in brief.sources)


def talking_points_sheet(points: list[TalkingPoint], brief: Brief) -> Sheet:
    """The talking points for a meeting: the brief's title, date and sources, then each
    point in order with its note beneath."""
    sheet = Sheet(f"Talking points: {_one(brief.title)}", banner=banner(brief.marking))
    sheet.heading(brief.title, 1)
    sheet.paragraph(brief.date.isoformat(), muted=True)
    if brief.sources:
        sheet.paragraph(f"Sources: {sources_line(brief)}", muted=True)
    sheet.heading("Talking points")
    if not points:
        sheet.paragraph("Nothing is marked yet: press m on a quote, a position or any item to add it here.")
    sheet.listing([Bullet(p.line, (f"Note: {p.mark.note}",) if p.mark.note else ()) for p in points], numbered=True)
    return sheet

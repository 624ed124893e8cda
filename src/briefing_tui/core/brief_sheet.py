"""A brief, or some of its sections, as a `Sheet` to export: the summary (key points,
timeline, sources), the actors by side, the quotes, the issues with every position,
and who stands where as a table."""

from __future__ import annotations

from briefing_tui.core import analysis
from briefing_tui.core.links import LinkIndex
from briefing_tui.core.markings import banner
from briefing_tui.core.model import Actor, Brief, Position
from briefing_tui.core.sheet import SECTIONS, Bullet, Sheet
from briefing_tui.core.talking_points import quote_point, sources_line

NO_POSITION = "involved, no stated position"


def _one(text: str) -> str:
    return " ".join(text.split())


def brief_head(sheet: Sheet, brief: Brief) -> None:
    """The title, then the date and tags, then the sources."""
    sheet.heading(brief.title, 1)
    sheet.paragraph(brief.date.isoformat() + (" \u00b7 " + ", ".join(brief.tags) if brief.tags else ""), muted=True)
    if brief.sources:
        sheet.paragraph(f"Sources: {sources_line(brief)}", muted=True)


def brief_sheet(index: LinkIndex, sections: tuple[str, ...] = SECTIONS) -> Sheet:
    """The brief as a sheet, with only `sections` (in the order of `SECTIONS`)."""
    brief = index.brief
    sheet = Sheet(_one(brief.title), banner=banner(brief.marking))
    brief_head(sheet, brief)
    if "summary" in sections:
        sheet.heading("Summary")
        sheet.paragraph(index.plain(brief.summary))
        if brief.key_points:
            sheet.heading("Key points", 3)
            sheet.listing([_one(index.plain(p)) + analysis.notes_text(analysis.key_point_notes(brief, n)) for n, p in enumerate(brief.key_points)])
        if brief.timeline:
            sheet.heading("Timeline", 3)
            sheet.listing([f"{e.date.isoformat()}: {_one(index.plain(e.text))}" for e in brief.timeline])
    if "actors" in sections and brief.actors:
        sheet.heading("Actors")
        sides: dict[str, list[Actor]] = {}
        for actor in brief.actors:
            sides.setdefault(actor.side or "No side", []).append(actor)
        for side, actors in sides.items():
            sheet.heading(side, 3)
            sheet.listing([Bullet(actor_line(a), _actor_beneath(a, index)) for a in actors])
    if "quotes" in sections and brief.quotes:
        sheet.heading("Quotes")
        sheet.listing([Bullet(quote_point(q, index), (_one(index.plain(q.context)),) if q.context else ()) for q in brief.quotes])
    if "issues" in sections and brief.issues:
        sheet.heading("Issues")
        for issue in brief.issues:
            sheet.heading(f"{_one(issue.title)} ({issue.status})", 3)
            if issue.summary:
                sheet.paragraph(index.plain(issue.summary))
            sheet.listing([position_line(p, index) for p in analysis.by_leaning(issue.positions)])
    if "positions" in sections:
        positions_table(sheet, index)
    return sheet


def _actor_beneath(actor: Actor, index: LinkIndex) -> tuple[str, ...]:
    related = tuple(
        f"{analysis.relation_words(r.kind)} {index.label(r.to)}" + (f", since {r.since.isoformat()}" if r.since else "") for r in actor.relations
    )
    return related + ((_one(index.plain(actor.notes)),) if actor.notes else ())


def position_line(position: Position, index: LinkIndex) -> str:
    """`+ Name: stance [supports · high confidence]`: the sign first, so the list reads at a glance."""
    notes = analysis.notes_text(analysis.position_notes(position, index.brief))
    lead = analysis.sign(position.leaning).strip()
    return f"{lead + ' ' if lead else ''}{index.label(position.by)}: {_one(index.plain(position.stance))}{notes}"


def _cell(position: Position, index: LinkIndex) -> str:
    # As the matrix shows it: the sign, then the stance, then what else the brief says of it.
    lead = analysis.sign(position.leaning).strip()
    notes = [n for n in analysis.position_notes(position, index.brief) if n != analysis.phrase(position.leaning)]
    return f"{lead + ' ' if lead else ''}{_one(index.plain(position.stance))}{analysis.notes_text(notes)}"


def actor_line(actor: Actor) -> str:
    """An actor on one line: name, role or kind, side."""
    facts = ", ".join(_one(f) for f in (actor.role or actor.kind, actor.side) if f)
    return f"{_one(actor.name)} ({facts})"


def positions_table(sheet: Sheet, index: LinkIndex, heading: str = "Positions") -> None:
    """Who stands where on the issues not yet resolved: an actor per row, an issue per
    column, as the Positions pane shows them."""
    issues = index.brief.open_issues
    involved = {a for i in issues for a in i.actors} | {p.by for i in issues for p in i.positions}
    actors = [a for a in index.brief.actors if a.id in involved]
    if not actors:
        return
    sheet.heading(heading)
    rows = []
    for actor in actors:
        cells = [_one(actor.name)]
        for issue in issues:
            position = issue.position_of(actor.id)
            cells.append(_cell(position, index) if position else (NO_POSITION if actor.id in issue.actors else ""))
        rows.append(cells)
    sheet.table(["Actor", *(_one(i.title) for i in issues)], rows, caption="Who stands where on each open issue")

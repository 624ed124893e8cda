"""A brief, or some of its sections, as a `Sheet` to export: the summary (key points,
timeline, sources), the actors by side, the quotes, the issues with every position,
and who stands where as a table."""

from __future__ import annotations

from briefing_tui.core.links import LinkIndex
from briefing_tui.core.model import Actor, Brief
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
    sheet = Sheet(_one(brief.title))
    brief_head(sheet, brief)
    if "summary" in sections:
        sheet.heading("Summary")
        sheet.paragraph(index.plain(brief.summary))
        if brief.key_points:
            sheet.heading("Key points", 3)
            sheet.listing([_one(index.plain(p)) for p in brief.key_points])
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
            sheet.listing([Bullet(actor_line(a), (_one(index.plain(a.notes)),) if a.notes else ()) for a in actors])
    if "quotes" in sections and brief.quotes:
        sheet.heading("Quotes")
        sheet.listing([Bullet(quote_point(q, index), (_one(index.plain(q.context)),) if q.context else ()) for q in brief.quotes])
    if "issues" in sections and brief.issues:
        sheet.heading("Issues")
        for issue in brief.issues:
            sheet.heading(f"{_one(issue.title)} ({issue.status})", 3)
            if issue.summary:
                sheet.paragraph(index.plain(issue.summary))
            sheet.listing([f"{index.label(p.by)}: {_one(index.plain(p.stance))}" for p in issue.positions])
    if "positions" in sections:
        positions_table(sheet, index)
    return sheet


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
            cells.append(_one(index.plain(position.stance)) if position else (NO_POSITION if actor.id in issue.actors else ""))
        rows.append(cells)
    sheet.table(["Actor", *(_one(i.title) for i in issues)], rows, caption="Who stands where on each open issue")

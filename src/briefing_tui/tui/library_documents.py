"""The pages over the library: an actor in other briefs, what changed between two
briefs, and why a file cannot be opened. Every link leads into the brief it names.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TYPE_CHECKING

from briefing_tui.core.analysis import PARAPHRASE, sign
from briefing_tui.core.findings import Finding
from briefing_tui.core.links import LinkIndex
from briefing_tui.core.model import Actor, Issue, Quote, is_withheld
from briefing_tui.core.ref import Ref
from briefing_tui.core.text import short
from briefing_tui.tui.documents import STATUS_MARK
from briefing_tui.tui.widgets.page import Document, Span

if TYPE_CHECKING:
    from briefing_tui.core.changes import Changes
    from briefing_tui.core.library import Appearance


ELSEWHERE_SHOWN = 100
"""Other briefs listed on an actor's page, the newest."""


def elsewhere_section(doc: Document, appearances: Sequence[Appearance]) -> None:
    """The "In other briefs" section: the actor's quotes and positions in each other
    brief of the library, newest brief first, each a link into that brief."""
    if not appearances:
        return
    doc.heading(f"In other briefs ({len(appearances)})")
    for appearance in appearances[:ELSEWHERE_SHOWN]:
        entry = appearance.entry
        when = entry.date.isoformat() if entry.date else ""
        there = Ref("actor", appearance.actor_id, None, entry.path)
        doc.add(Span(when, "muted"), Span("  "), Span(entry.title or entry.path, "strong", there), prefix="\u2022 ")
        for statement in appearance.statements:
            if statement.kind == "quote":
                # A paraphrase is not in quotation marks: it is not the speaker's words.
                shown = short(statement.text, 240)
                words = shown if statement.note == PARAPHRASE or is_withheld(statement.text) else f"\u201c{shown}\u201d"
                spans = [Span(words, "quote", Ref("quote", statement.item_id, None, entry.path))]
                if statement.note == PARAPHRASE:
                    spans.append(Span(f"  {PARAPHRASE}", "muted"))
                lead = "- "
            else:
                target = Ref.position(statement.item_id, appearance.actor_id, entry.path)
                spans = [Span(statement.issue or statement.item_id, "strong", target), Span(": " + short(statement.text, 160), "muted")]
                lead = f"{sign(statement.note).strip() or '-'} "
            doc.add(*spans, indent=2, prefix=lead)
        if not appearance.statements:
            doc.add(Span("named there, without a quote or a position", "muted"), indent=2)
    if len(appearances) > ELSEWHERE_SHOWN:
        doc.add(Span(f"\u2026 and {len(appearances) - ELSEWHERE_SHOWN} earlier briefs", "muted"))


def changes_document(changes: Changes, reason: str) -> Document:
    """The Changes view: what is new, gone and changed, every entry a link into the
    brief it is in."""
    old, new = LinkIndex(changes.old), LinkIndex(changes.new)
    before, after = changes.old.path, changes.new.path
    doc = Document("Changes")
    doc.add(Span(changes.new.title, "title", Ref.summary(after)))
    doc.add(Span(f"{changes.new.date.isoformat()}, compared with", "muted"))
    doc.add(Span(changes.old.title, "strong", Ref.summary(before)), Span(f"  {changes.old.date.isoformat()}", "muted"))
    doc.add(Span(f"({reason})", "muted"))
    if changes.empty:
        doc.blank()
        doc.add(Span("Nothing changed in actors, quotes or issues.", "muted"))
        return doc

    def actors(title: str, found: Sequence[Actor], side: str, index: LinkIndex) -> None:
        if found:
            doc.heading(f"{title} ({len(found)})")
            for actor in found:
                facts = " \u00b7 ".join(part for part in (actor.role, actor.side) if part)
                doc.add(Span(actor.name, "strong", Ref.to(actor, side)), Span(f"  {facts}", "muted"), prefix="\u2022 ")

    actors("New actors", changes.new_actors, after, new)
    actors("Removed actors", changes.removed_actors, before, old)
    if changes.changed_issues:
        doc.heading(f"Changed issues ({len(changes.changed_issues)})")
        for change in changes.changed_issues:
            status = STATUS_MARK[change.new.status]
            if change.status_changed:
                status = f"{STATUS_MARK[change.old.status]} \u2192 {status}"
            doc.add(Span(change.new.title, "strong", Ref.to(change.new, after)), Span(f"  {status}", "muted"), prefix="\u2022 ")
            for stance in change.stances:
                what = "new position" if stance.old is None else "no longer stated" if stance.new is None else "position changed"
                what += f" ({stance.leaning})" if stance.leaning else ""
                side, issue = (before, change.old.id) if stance.new is None else (after, change.new.id)
                doc.add(Span(stance.name, "strong", Ref.position(issue, stance.actor_id, side)), Span(f": {what}", "muted"), indent=2)
                if stance.old is not None:
                    doc.add(Span("was: ", "muted"), Span(short(old.plain(stance.old.stance), 200), "muted"), indent=4)
                if stance.new is not None:
                    doc.add(Span("now: ", "muted"), Span(short(new.plain(stance.new.stance), 200)), indent=4)

    def issues(title: str, found: Sequence[Issue], side: str) -> None:
        if found:
            doc.heading(f"{title} ({len(found)})")
            for issue in found:
                doc.add(Span(issue.title, "strong", Ref.to(issue, side)), Span(f"  {STATUS_MARK[issue.status]}", "muted"), prefix="\u2022 ")

    issues("New issues", changes.new_issues, after)
    issues("Removed issues", changes.removed_issues, before)

    def quotes(title: str, found: Sequence[Quote], side: str, index: LinkIndex) -> None:
        if found:
            doc.heading(f"{title} ({len(found)})")
            for quote in found:
                speaker = index.ref(quote.by)
                spans = [
                    Span(f"\u201c{short(quote.text, 240)}\u201d" if quote.verbatim else short(quote.text, 240), "quote", Ref.to(quote, side)),
                    Span(" \u2014 "),
                    Span(index.label(quote.by), "", speaker.in_brief(side) if speaker else None),
                ]
                if quote.date:
                    spans.append(Span(f", {quote.date.isoformat()}", "muted"))
                doc.add(*spans, prefix="\u2022 ")

    quotes("New quotes", changes.new_quotes, after, new)
    quotes("Removed quotes", changes.removed_quotes, before, old)
    return doc


def no_changes_document(title: str, reason: str) -> Document:
    """The Changes view of a brief with nothing to compare with, and why."""
    doc = Document("Changes")
    doc.add(Span(title, "title"))
    doc.blank()
    doc.add(Span(f"Nothing to compare it with: {reason}.", "muted"))
    doc.add(Span("A brief is compared with the brief it names in 'follows:', or else with the latest earlier brief that has the same tags.", "muted"))
    return doc


def findings_document(path: str, findings: Sequence[Finding]) -> Document:
    """Why a file of the library cannot be opened: every finding, with line and column."""
    doc = Document(os.path.basename(path))
    doc.add(Span(os.path.basename(path), "title"))
    doc.add(Span(path, "muted"))
    errors = [f for f in findings if f.is_error]
    warnings = [f for f in findings if not f.is_error]
    for title, listed in ((f"Errors ({len(errors)})", errors), (f"Warnings ({len(warnings)})", warnings)):
        if listed:
            doc.heading(title)
            for finding in listed:
                where = str(finding.location) if finding.location else "file"
                doc.add(Span(where, "strong"), Span(f"  {finding.message}"), prefix="\u2022 ")
    doc.blank()
    doc.add(Span("Fix the file and it is read again when you come back to the library; briefing check lists the same.", "muted"))
    return doc

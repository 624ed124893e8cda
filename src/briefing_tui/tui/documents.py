"""What each view of the reader says: the summary, and each item in full, as `Document`s.

Every reference is a link span: the speaker of a quote, the issues it is about, the
actors in a stance, every backlink. Prose keeps its `[[links]]` and mentions as links.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING

from briefing_tui.core.export import item_label, plain, short
from briefing_tui.core.findings import Finding
from briefing_tui.core.links import Link, LinkIndex, prose_spans, web_links
from briefing_tui.core.model import Actor, Brief, Issue, Item, Quote, Source, Text
from briefing_tui.tui.widgets.page import Document, Span

if TYPE_CHECKING:
    from briefing_tui.core.changes import Changes
    from briefing_tui.core.library import Appearance

AddSection = Callable[[Document], None]

POSITION_PREFIX = "position:"
STATUS_MARK = {"open": "\u25cb open", "progressing": "\u25d1 progressing", "stalled": "\u25cf stalled", "resolved": "\u2713 resolved"}

_INLINE = re.compile(r"\*\*(?P<strong>[^*\n]+)\*\*|(?<![\w*])[*_](?P<em>[^*_\n]+)[*_](?![\w*])|`(?P<code>[^`\n]+)`")
_BULLET = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_HEADING = re.compile(r"^\s*#{1,6}\s+")


def position_target(issue_id: str, actor_id: str) -> str:
    """The link target of one actor's position on one issue."""
    return f"{POSITION_PREFIX}{issue_id}:{actor_id}"


def parse_position(target: str) -> tuple[str, str] | None:
    """(issue id, actor id) of a position target, or None for an item id."""
    if not target.startswith(POSITION_PREFIX):
        return None
    issue_id, _, actor_id = target[len(POSITION_PREFIX) :].partition(":")
    return issue_id, actor_id


def label(index: LinkIndex, item_id: str | None) -> str:
    """How a reader names an item in running text (None: the brief's summary)."""
    return "Summary" if item_id is None else item_label(index.item(item_id), item_id)


def _inline(text: str, style: str = "") -> Iterator[Span]:
    """Spans of plain prose with **strong**, *emphasis* and `code` styled."""
    position = 0
    for match in _INLINE.finditer(text):
        if match.start() > position:
            yield Span(text[position : match.start()], style)
        kind = match.lastgroup or ""
        yield Span(match.group(kind), {"strong": "strong", "em": "emphasis", "code": "code"}[kind])
        position = match.end()
    if position < len(text):
        yield Span(text[position:], style)


def prose(document: Document, text: Text, index: LinkIndex, *, skip: str | None = None, indent: int = 0, style: str = "", lead: str = "") -> None:
    """Add Markdown-ish prose: paragraphs, bullets and headings, with links as spans.

    `lead` (a bullet, a date) goes before the first paragraph; the others are
    indented to match it.
    """
    links = prose_spans(text, index.mentions, skip=skip)
    body = text.text
    if text.markdown and "](" in body:
        # [text](address): a link to the web, over any mention inside it.
        web = list(web_links(body))
        if web:
            links = [l for l in links if not any(w.start < l.end and l.start < w.end for w in web)]
            links = sorted(links + web, key=lambda l: l.start)
    paragraphs = _paragraphs(body)
    for number, (start, end, prefix, heading) in enumerate(paragraphs):
        # A blank line between paragraphs, none between the items of a list.
        if number and not (prefix and paragraphs[number - 1][2]):
            document.blank()
        spans: list[Span] = []
        position = start
        for link in links:
            if link.start < start or link.end > end:
                continue
            if link.start > position:
                spans.extend(_inline(_flat(body[position : link.start]), style))
            if link.via == "web":
                spans.append(Span(link.shown, style, link.target))
            else:
                shown = link.shown if link.via == "mention" or link.shown != link.target else label(index, link.target)
                spans.append(Span(shown, style, link.target if index.item(link.target) else None))
            position = link.end
        if position < end:
            spans.extend(_inline(_flat(body[position:end]), style))
        outer = lead if number == 0 else " " * len(lead)
        if heading:
            document.add(*spans, indent=indent, prefix=outer, style="strong")
        else:
            document.add(*spans, indent=indent, prefix=outer + prefix)


def _flat(text: str) -> str:
    # Line breaks inside a paragraph are soft, as in Markdown.
    return re.sub(r"\s*\n\s*", " ", text)


def _paragraphs(body: str) -> list[tuple[int, int, str, bool]]:
    """(start, end, bullet prefix, is heading) of each paragraph or list item."""
    result = []
    start = 0
    for line_match in re.finditer(r"[^\n]*(?:\n|$)", body):
        line = line_match.group()
        if not line:
            break
        line_start = line_match.start()
        bullet = _BULLET.match(line)
        heading = _HEADING.match(line)
        if not line.strip():
            if start < line_start:
                result.append((start, line_start, "", False))
            start = line_match.end()
            continue
        if bullet or heading:
            if start < line_start:
                result.append((start, line_start, "", False))
            marker = bullet or heading
            assert marker is not None
            result.append((line_start + marker.end(), line_match.end(), "\u2022 " if bullet else "", bool(heading)))
            start = line_match.end()
    if start < len(body) and body[start:].strip():
        result.append((start, len(body), "", False))
    # Merge a bullet's continuation lines (indented, not bullets) into it.
    return [(s, e, p, h) for s, e, p, h in result if body[s:e].strip()]


def draft_line(doc: Document, item: Item) -> None:
    """Say on an item's page that it is a first draft nobody has reviewed yet."""
    if item.draft:
        doc.add(Span("Draft: review it, then remove 'draft: true' from the brief", "strong"))


def _item_text(item: Item, field: str) -> Text | None:
    return next((t for t in item.texts() if t.field == field), None)


# -- the summary ------------------------------------------------------------------------


def summary_document(brief: Brief, index: LinkIndex) -> Document:
    """The Summary pane: title, date, tags, summary, key points, timeline, sources."""
    doc = Document("Summary")
    texts = {t.field: t for t in brief.texts()}
    doc.add(Span(brief.title, "title"))
    meta = brief.date.strftime("%A %-d %B %Y")
    doc.add(Span(meta + ("  \u00b7  " + "  ".join(f"#{t}" for t in brief.tags) if brief.tags else ""), "muted"))
    doc.heading("Summary")
    prose(doc, texts["summary"], index)
    if brief.key_points:
        doc.heading("Key points")
        for i in range(len(brief.key_points)):
            prose(doc, texts[f"key_points[{i}]"], index, lead="\u2022 ")
    if brief.timeline:
        doc.heading("Timeline")
        for i, event in enumerate(brief.timeline):
            prose(doc, texts[f"timeline[{i}].text"], index, lead=f"{event.date.isoformat()}  ")
    if brief.sources:
        doc.heading("Sources")
        for source in brief.sources:
            spans = [Span(source.name, "", source.id)]
            if source.url:
                spans.append(Span(f"  {source.url}", "muted"))
            doc.add(*spans, prefix="\u2022 ")
    if brief.actors or brief.issues:
        doc.heading("In this brief")
        doc.add(Span(f"{len(brief.actors)} actors \u00b7 {len(brief.quotes)} quotes \u00b7 {len(brief.issues)} open issues", "muted"))
    return doc


# -- items ------------------------------------------------------------------------------


def item_document(target: str, index: LinkIndex, elsewhere: Callable[[Actor], AddSection] | None = None) -> Document | None:
    """The full view of an item (or a position), or None when it does not exist.

    `elsewhere`, in a library, gives an actor's page its section on other briefs.
    """
    position = parse_position(target)
    if position is not None:
        return position_document(*position, index)
    item = index.item(target)
    if isinstance(item, Actor):
        return actor_document(item, index, elsewhere(item) if elsewhere else None)
    if isinstance(item, Quote):
        return quote_document(item, index)
    if isinstance(item, Issue):
        return issue_document(item, index)
    if isinstance(item, Source):
        return source_document(item, index)
    return None


def _quote_entry(doc: Document, quote: Quote, index: LinkIndex, *, speaker: bool = True, indent: int = 0) -> None:
    spans = [Span(f"\u201c{' '.join(quote.text.split())}\u201d", "quote", quote.id)]
    detail = []
    if speaker:
        spans += [Span(" \u2014 "), Span(label(index, quote.by), "", quote.by)]
    if quote.source:
        detail.append(Span(", "))
        detail.append(Span(label(index, quote.source), "muted", quote.source))
    if quote.date:
        detail.append(Span(f", {quote.date.isoformat()}", "muted"))
    if not speaker and detail:
        detail[0] = Span(" \u2014 ")
    doc.add(*spans, *detail, indent=indent, prefix="\u2022 ")


def backlinks(doc: Document, item_id: str, index: LinkIndex, *, skip_fields: tuple[str, ...] = ()) -> None:
    """A "Referenced by" section: each place linking here, with its sentence."""
    links = [l for l in index.links_to(item_id) if l.field not in skip_fields]
    if not links:
        return
    doc.heading(f"Referenced by ({len(links)})")
    for link in links:
        where = label(index, link.source)
        field_name = _field_label(link)
        spans = [Span(where, "strong", link.source or "summary:"), Span(f"  {field_name}", "muted")]
        doc.add(*spans, prefix="\u2022 ")
        if link.context:
            doc.add(*_context_spans(link, index), indent=2, style="muted")


def _field_label(link: Link) -> str:
    field = re.sub(r"\[\d+\]", "", link.field).replace(".", " ").replace("_", " ")
    via = {"reference": "", "link": "link", "mention": "mention"}[link.via]
    return f"{field} {via}".strip()


def _context_spans(link: Link, index: LinkIndex) -> list[Span]:
    # The sentence as the reader sees it elsewhere: links reduced to what they show.
    return [Span(short(plain(link.context, index), 300), "muted")]


def actor_document(actor: Actor, index: LinkIndex, elsewhere: AddSection | None = None) -> Document:
    """An actor: role, notes, every quote, every issue, what they said in other briefs
    (with `elsewhere`), every mention."""
    doc = Document(actor.name, item_id=actor.id)
    doc.add(Span(actor.name, "title"))
    facts = [actor.kind.capitalize()]
    if actor.role:
        facts.append(actor.role)
    if actor.side:
        facts.append(f"side: {actor.side}")
    doc.add(Span(" \u00b7 ".join(facts), "muted"))
    draft_line(doc, actor)
    if actor.aliases:
        doc.add(Span("Also called " + ", ".join(actor.aliases), "muted"))
    if actor.notes:
        doc.heading("Notes")
        text = _item_text(actor, "notes")
        assert text is not None
        prose(doc, text, index, skip=actor.id)
    quotes = index.quotes_by(actor.id)
    if quotes:
        doc.heading(f"Quotes ({len(quotes)})")
        for quote in quotes:
            _quote_entry(doc, quote, index, speaker=False)
    issues = index.issues_of(actor.id)
    if issues:
        doc.heading(f"Issues ({len(issues)})")
        for issue in issues:
            position = issue.position_of(actor.id)
            spans = [Span(issue.title, "strong", issue.id)]
            if position is not None:
                spans += [Span(": "), Span(short(plain(position.stance, index), 200), "", position_target(issue.id, actor.id))]
            else:
                spans.append(Span("  involved, no stated position", "muted"))
            doc.add(*spans, prefix="\u2022 ")
    if elsewhere is not None:
        elsewhere(doc)
    backlinks(doc, actor.id, index, skip_fields=("by",))
    return doc


def quote_document(quote: Quote, index: LinkIndex) -> Document:
    """A quote: its full text, speaker, source, date, context and issues."""
    doc = Document(label(index, quote.id), item_id=quote.id)
    text = _item_text(quote, "text")
    assert text is not None
    before = len(doc.blocks)
    prose(doc, text, index, style="quote")
    if len(doc.blocks) > before:
        first = doc.blocks[before]
        doc.blocks[before] = type(first)((Span("\u201c", "quote"), *first.spans), first.indent, first.prefix, first.style)
        last = doc.blocks[-1]
        doc.blocks[-1] = type(last)((*last.spans, Span("\u201d", "quote")), last.indent, last.prefix, last.style)
    speaker = index.item(quote.by)
    spans = [Span("\u2014 "), Span(label(index, quote.by), "strong", quote.by)]
    if isinstance(speaker, Actor) and speaker.role:
        spans.append(Span(f", {speaker.role}", "muted"))
    doc.blank()
    doc.add(*spans)
    facts = []
    if quote.source:
        facts += [Span("Reported by "), Span(label(index, quote.source), "", quote.source)]
    if quote.date:
        facts.append(Span(("  \u00b7  " if facts else "") + quote.date.strftime("%-d %B %Y"), "muted"))
    if facts:
        doc.add(*facts)
    draft_line(doc, quote)
    if quote.context:
        doc.heading("Context")
        context = _item_text(quote, "context")
        assert context is not None
        prose(doc, context, index)
    if quote.about:
        doc.heading("About")
        for issue_id in quote.about:
            issue = index.item(issue_id)
            status = STATUS_MARK.get(issue.status, "") if isinstance(issue, Issue) else ""
            doc.add(Span(label(index, issue_id), "strong", issue_id), Span(f"  {status}", "muted"), prefix="\u2022 ")
    backlinks(doc, quote.id, index)
    return doc


def issue_document(issue: Issue, index: LinkIndex) -> Document:
    """An issue: summary, who stands where, who is involved, the quotes about it."""
    doc = Document(issue.title, item_id=issue.id)
    doc.add(Span(issue.title, "title"))
    doc.add(Span(STATUS_MARK[issue.status], "muted"))
    draft_line(doc, issue)
    if issue.summary:
        doc.heading("Summary")
        summary = _item_text(issue, "summary")
        assert summary is not None
        prose(doc, summary, index)
    if issue.positions:
        doc.heading(f"Positions ({len(issue.positions)})")
        texts = {t.field: t for t in issue.texts()}
        for i, position in enumerate(issue.positions):
            doc.add(
                Span(label(index, position.by), "strong", position.by),
                Span("  full position \u203a", "muted", position_target(issue.id, position.by)),
                prefix="\u2022 ",
            )
            prose(doc, texts[f"positions[{i}].stance"], index, indent=2)
    if issue.actors:
        doc.heading("Also involved")
        for actor_id in issue.actors:
            actor = index.item(actor_id)
            role = f"  {actor.role}" if isinstance(actor, Actor) and actor.role else ""
            doc.add(Span(label(index, actor_id), "strong", actor_id), Span(role, "muted"), prefix="\u2022 ")
    quotes = index.quotes_about(issue.id)
    if quotes:
        doc.heading(f"Quotes about it ({len(quotes)})")
        for quote in quotes:
            _quote_entry(doc, quote, index)
    backlinks(doc, issue.id, index, skip_fields=("about",))
    return doc


def position_document(issue_id: str, actor_id: str, index: LinkIndex) -> Document | None:
    """One actor's full position on one issue, with the quotes behind it."""
    issue = index.item(issue_id)
    if not isinstance(issue, Issue):
        return None
    position = issue.position_of(actor_id)
    if position is None:
        return None
    doc = Document(label(index, actor_id), item_id=position_target(issue_id, actor_id))
    doc.add(Span(label(index, actor_id), "title", actor_id), Span(" on ", "muted"), Span(issue.title, "title", issue.id))
    doc.add(Span(STATUS_MARK[issue.status], "muted"))
    doc.heading("Position")
    i = issue.positions.index(position)
    texts = {t.field: t for t in issue.texts()}
    prose(doc, texts[f"positions[{i}].stance"], index)
    quotes = [q for q in index.quotes_by(actor_id) if issue_id in q.about]
    doc.heading(f"Quotes behind it ({len(quotes)})")
    if quotes:
        for quote in quotes:
            _quote_entry(doc, quote, index, speaker=False)
    else:
        doc.add(Span("No quote of theirs is about this issue.", "muted"))
    others = [p for p in issue.positions if p.by != actor_id]
    if others:
        doc.heading("Other positions")
        for other in others:
            doc.add(
                Span(label(index, other.by), "strong", position_target(issue_id, other.by)),
                Span(": " + short(plain(other.stance, index), 120), "muted"),
                prefix="\u2022 ",
            )
    return doc


def source_document(source: Source, index: LinkIndex) -> Document:
    """A source: its name, address, and the quotes it reported."""
    doc = Document(source.name, item_id=source.id)
    doc.add(Span(source.name, "title"))
    if source.url:
        doc.add(Span(source.url, "muted"))
    draft_line(doc, source)
    quotes = [q for q in index.brief.quotes if q.source == source.id]
    if quotes:
        doc.heading(f"Quotes it reported ({len(quotes)})")
        for quote in quotes:
            _quote_entry(doc, quote, index)
    backlinks(doc, source.id, index, skip_fields=("source",))
    return doc


# -- across briefs ----------------------------------------------------------------------

ELSEWHERE_SHOWN = 100
"""Other briefs listed on an actor's page, the newest."""


def elsewhere_section(doc: Document, appearances: Sequence[Appearance], link: Callable[[str, str], str]) -> None:
    """ "In other briefs": the actor's quotes and positions in each other brief of the
    library, newest brief first. `link(path, target)` makes a link into another brief."""
    if not appearances:
        return
    doc.heading(f"In other briefs ({len(appearances)})")
    for appearance in appearances[:ELSEWHERE_SHOWN]:
        entry = appearance.entry
        when = entry.date.isoformat() if entry.date else ""
        doc.add(Span(when, "muted"), Span("  "), Span(entry.title or entry.path, "strong", link(entry.path, appearance.actor_id)), prefix="\u2022 ")
        for statement in appearance.statements:
            if statement.kind == "quote":
                spans = [Span(f"\u201c{short(statement.text, 240)}\u201d", "quote", link(entry.path, statement.item_id))]
            else:
                target = link(entry.path, position_target(statement.item_id, appearance.actor_id))
                spans = [Span(statement.issue or statement.item_id, "strong", target), Span(": " + short(statement.text, 160), "muted")]
            doc.add(*spans, indent=2, prefix="- ")
        if not appearance.statements:
            doc.add(Span("named there, without a quote or a position", "muted"), indent=2)
    if len(appearances) > ELSEWHERE_SHOWN:
        doc.add(Span(f"\u2026 and {len(appearances) - ELSEWHERE_SHOWN} earlier briefs", "muted"))


OLD, NEW = "old:", "new:"
"""Link prefixes of the Changes view: the item in the earlier or the later brief."""


def changes_document(changes: Changes, reason: str) -> Document:
    """The Changes view: what is new, gone and changed, every entry a link into the
    brief it is in (`new:`/`old:` then the target there)."""
    old, new = LinkIndex(changes.old), LinkIndex(changes.new)
    doc = Document("Changes")
    doc.add(Span(changes.new.title, "title", NEW + "summary:"))
    doc.add(Span(f"{changes.new.date.isoformat()}, compared with", "muted"))
    doc.add(Span(changes.old.title, "strong", OLD + "summary:"), Span(f"  {changes.old.date.isoformat()}", "muted"))
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
                doc.add(Span(actor.name, "strong", side + actor.id), Span(f"  {facts}", "muted"), prefix="\u2022 ")

    actors("New actors", changes.new_actors, NEW, new)
    actors("Removed actors", changes.removed_actors, OLD, old)
    if changes.changed_issues:
        doc.heading(f"Changed issues ({len(changes.changed_issues)})")
        for change in changes.changed_issues:
            status = STATUS_MARK[change.new.status]
            if change.status_changed:
                status = f"{STATUS_MARK[change.old.status]} \u2192 {status}"
            doc.add(Span(change.new.title, "strong", NEW + change.new.id), Span(f"  {status}", "muted"), prefix="\u2022 ")
            for stance in change.stances:
                what = "new position" if stance.old is None else "no longer stated" if stance.new is None else "position changed"
                side, issue = (OLD, change.old.id) if stance.new is None else (NEW, change.new.id)
                doc.add(Span(stance.name, "strong", side + position_target(issue, stance.actor_id)), Span(f": {what}", "muted"), indent=2)
                if stance.old is not None:
                    doc.add(Span("was: ", "muted"), Span(short(plain(stance.old.stance, old), 200), "muted"), indent=4)
                if stance.new is not None:
                    doc.add(Span("now: ", "muted"), Span(short(plain(stance.new.stance, new), 200)), indent=4)

    def issues(title: str, found: Sequence[Issue], side: str) -> None:
        if found:
            doc.heading(f"{title} ({len(found)})")
            for issue in found:
                doc.add(Span(issue.title, "strong", side + issue.id), Span(f"  {STATUS_MARK[issue.status]}", "muted"), prefix="\u2022 ")

    issues("New issues", changes.new_issues, NEW)
    issues("Removed issues", changes.removed_issues, OLD)

    def quotes(title: str, found: Sequence[Quote], side: str, index: LinkIndex) -> None:
        if found:
            doc.heading(f"{title} ({len(found)})")
            for quote in found:
                spans = [
                    Span(f"\u201c{short(quote.text, 240)}\u201d", "quote", side + quote.id),
                    Span(" \u2014 "),
                    Span(label(index, quote.by), "", side + quote.by),
                ]
                if quote.date:
                    spans.append(Span(f", {quote.date.isoformat()}", "muted"))
                doc.add(*spans, prefix="\u2022 ")

    quotes("New quotes", changes.new_quotes, NEW, new)
    quotes("Removed quotes", changes.removed_quotes, OLD, old)
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

"""What each page of a brief says: the summary, and each item in full, as `Document`s.

Every reference is a link span: the speaker of a quote, the issues it is about, the
actors in a stance, every backlink. Prose (rendered by `prose`) keeps its `[[links]]`
and mentions as links. The pages over the library are in `library_documents`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from briefing_tui.core.analysis import by_leaning, key_point_notes, numbered_by_leaning, position_notes, quote_notes, quote_pair, quote_words, sign
from briefing_tui.core.links import Link, LinkIndex
from briefing_tui.core.marks import key_point_ref, timeline_ref
from briefing_tui.core.model import Actor, Brief, Issue, Item, Quote, Source, Text, field_words, is_withheld
from briefing_tui.core.ref import Ref
from briefing_tui.core.text import counted, short
from briefing_tui.tui.analyst_spans import (
    RELIABILITY_WORDS,
    analyst_notes,
    leaning_prefix,
    pair_line,
    quote_style,
    relation_label,
    relations_section,
    stance_style,
)
from briefing_tui.tui.prose import prose
from briefing_tui.tui.widgets.page import Document, Span

AddSection = Callable[[Document], None]

STATUS_MARK = {"open": "\u25cb open", "progressing": "\u25d1 progressing", "stalled": "\u25cf stalled", "resolved": "\u2713 resolved"}


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
        for i, point in enumerate(brief.key_points):
            doc.anchors[len(doc.blocks)] = key_point_ref(point)
            prose(doc, texts[f"key_points[{i}]"], index, lead="\u2022 ")
            if notes := key_point_notes(brief, i):
                doc.add(*analyst_notes(notes, lead=""), indent=2)
    if brief.timeline:
        doc.heading("Timeline")
        for i, event in enumerate(brief.timeline):
            doc.anchors[len(doc.blocks)] = timeline_ref(event.date.isoformat(), event.text)
            prose(doc, texts[f"timeline[{i}].text"], index, lead=f"{event.date.isoformat()}  ")
    if brief.sources:
        doc.heading("Sources")
        for source in brief.sources:
            spans = [Span(source.name, "", Ref.to(source))]
            if source.url:
                spans += [Span("  "), Span(source.url, "muted", Ref.web(source.url))]
            doc.add(*spans, prefix="\u2022 ")
    if brief.actors or brief.issues:
        doc.heading("In this brief")
        resolved = len(brief.issues) - len(brief.open_issues)
        counts = [counted(len(brief.actors), "actor"), counted(len(brief.quotes), "quote"), counted(len(brief.open_issues), "open issue")]
        if resolved:
            counts.append(f"{resolved:,} resolved")
        doc.add(Span(" \u00b7 ".join(counts), "muted"))
    return doc


# -- items ------------------------------------------------------------------------------


def item_document(target: Ref, index: LinkIndex, elsewhere: Callable[[Actor], AddSection] | None = None) -> Document | None:
    """The full view of an item (or a position), or None when it does not exist.

    `elsewhere`, in a library, gives an actor's page its section on other briefs.
    """
    if target.kind == "position":
        return position_document(target.id, target.part or "", index)
    item = index.item(target.id) if target.is_item else None
    if item is None or item.noun != target.kind:
        return None
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
    spans = [Span(quote_words(quote), quote_style(quote, index), Ref.to(quote))]
    detail = []
    if speaker:
        spans += [Span(" \u2014 "), Span(index.label(quote.by), "", index.ref(quote.by))]
    if quote.source:
        detail.append(Span(", "))
        detail.append(Span(index.label(quote.source), "muted", index.ref(quote.source)))
    if quote.date:
        detail.append(Span(f", {quote.date.isoformat()}", "muted"))
    if not speaker and detail:
        detail[0] = Span(" \u2014 ")
    doc.add(*spans, *detail, *analyst_notes(quote_notes(quote, index.brief)), indent=indent, prefix="\u2022 ")


PLACES_PER_FIELD = 100
"""How many mentions of an item in one field of one source a page lists; the rest are
counted. (An actor called `a` is mentioned at every `a` of the summary: a page of
twelve thousand copies of one sentence would take seconds to build and say nothing.)"""


def backlinks(doc: Document, item_id: str, index: LinkIndex, *, skip_fields: tuple[str, ...] = ()) -> None:
    """A "Referenced by" section: each place linking here, with its sentence."""
    links = [l for l in index.links_to(item_id) if l.field not in skip_fields]
    if not links:
        return
    doc.heading(f"Referenced by ({len(links):,})")
    places = Counter((link.source, link.field) for link in links)
    listed: Counter[tuple[str | None, str]] = Counter()
    for link in links:
        place = (link.source, link.field)
        listed[place] += 1
        if listed[place] > PLACES_PER_FIELD:
            if listed[place] == PLACES_PER_FIELD + 1:
                more = counted(places[place] - PLACES_PER_FIELD, "more place")
                doc.add(Span(f"\u2026 and {more} {_field_label(link)}", "muted"), indent=2)
            continue
        where = index.label(link.source)
        spans = [Span(where, "strong", index.ref(link.source)), Span(f"  {relation_label(link, index) or _field_label(link)}", "muted")]
        doc.add(*spans, prefix="\u2022 ")
        context = link.context
        if context:
            doc.add(Span(short(index.plain(context), 300), "muted"), indent=2, style="muted")


_RELATION = {"by": "speaker", "source": "source", "about": "about it", "actors": "involved"}


def _field_label(link: Link) -> str:
    """Where the link sits, in the reader's words: a reference says what it is to the
    item (its speaker, about it), a link in prose where it stands (in the summary)."""
    if link.via == "reference":
        return "their position" if link.field.startswith("positions") else _RELATION.get(link.field, field_words(link.field))
    return f"in the {field_words(link.field)}"


def actor_document(actor: Actor, index: LinkIndex, elsewhere: AddSection | None = None) -> Document:
    """An actor: role, notes, every quote, every issue, what they said in other briefs
    (with `elsewhere`), every mention."""
    doc = Document(actor.name, ref=Ref.to(actor))
    doc.add(Span(actor.name, "title"))
    facts = [actor.kind.capitalize()] + ([f"marked TLP:{actor.marking}"] if actor.marking else [])
    if actor.role:
        facts.append(actor.role)
    if actor.side:
        facts.append(f"side: {actor.side}")
    doc.add(Span(" \u00b7 ".join(facts), "muted"))
    draft_line(doc, actor)
    if actor.aliases:
        doc.add(Span("Also called " + ", ".join(actor.aliases), "muted"))
    relations_section(doc, actor, index)
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
            spans = [Span(issue.title, "strong", Ref.to(issue))]
            if position is not None:
                spans += [Span(": "), Span(short(index.plain(position.stance), 200), stance_style(position, index), Ref.position(issue.id, actor.id))]
                spans += analyst_notes(position_notes(position, index.brief))
            else:
                spans.append(Span("  involved, no stated position", "muted"))
            doc.add(*spans, prefix=leaning_prefix(position))
    if elsewhere is not None:
        elsewhere(doc)
    backlinks(doc, actor.id, index, skip_fields=("by",))
    return doc


def quote_document(quote: Quote, index: LinkIndex) -> Document:
    """A quote: its full text, speaker, source, date, context and issues."""
    doc = Document(index.label(quote.id), ref=Ref.to(quote))
    text = _item_text(quote, "text")
    assert text is not None
    before = len(doc.blocks)
    prose(doc, text, index, style=quote_style(quote, index))
    if quote.verbatim and not is_withheld(quote.text) and len(doc.blocks) > before:
        first = doc.blocks[before]
        doc.blocks[before] = type(first)((Span("\u201c", "quote"), *first.spans), first.indent, first.prefix, first.style)
        last = doc.blocks[-1]
        doc.blocks[-1] = type(last)((*last.spans, Span("\u201d", "quote")), last.indent, last.prefix, last.style)
    speaker = index.item(quote.by)
    spans = [Span("\u2014 "), Span(index.label(quote.by), "strong", index.ref(quote.by))]
    if isinstance(speaker, Actor) and speaker.role:
        spans.append(Span(f", {speaker.role}", "muted"))
    doc.blank()
    doc.add(*spans)
    facts = []
    if quote.source:
        facts += [Span("Reported by "), Span(index.label(quote.source), "", index.ref(quote.source))]
    if quote.date:
        facts.append(Span(("  \u00b7  " if facts else "") + quote.date.strftime("%-d %B %Y"), "muted"))
    if facts:
        doc.add(*facts)
    # The Admiralty pair has a line of its own here, in words.
    if notes := [note for note in quote_notes(quote, index.brief) if note != quote_pair(quote, index.brief)]:
        doc.add(*analyst_notes(notes, lead=""))
    pair_line(doc, quote, index)
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
            doc.add(Span(index.label(issue_id), "strong", index.ref(issue_id)), Span(f"  {status}", "muted"), prefix="\u2022 ")
    backlinks(doc, quote.id, index)
    return doc


def issue_document(issue: Issue, index: LinkIndex) -> Document:
    """An issue: summary, who stands where, who is involved, the quotes about it."""
    doc = Document(issue.title, ref=Ref.to(issue))
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
        # From support to opposition: who stands where reads from the top.
        for i, position in numbered_by_leaning(issue.positions):
            doc.add(
                Span(index.label(position.by), "strong", index.ref(position.by)),
                *analyst_notes(position_notes(position, index.brief)),
                Span("  full position \u203a", "muted", Ref.position(issue.id, position.by)),
                prefix=leaning_prefix(position),
            )
            prose(doc, texts[f"positions[{i}].stance"], index, indent=2, style=stance_style(position, index))
    if issue.actors:
        doc.heading("Also involved")
        for actor_id in issue.actors:
            actor = index.item(actor_id)
            role = f"  {actor.role}" if isinstance(actor, Actor) and actor.role else ""
            doc.add(Span(index.label(actor_id), "strong", index.ref(actor_id)), Span(role, "muted"), prefix="\u2022 ")
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
    doc = Document(index.label(actor_id), ref=Ref.position(issue_id, actor_id))
    doc.add(Span(index.label(actor_id), "title", index.ref(actor_id)), Span(" on ", "muted"), Span(issue.title, "title", Ref.to(issue)))
    doc.add(Span(STATUS_MARK[issue.status], "muted"))
    doc.heading("Position")
    i = issue.positions.index(position)
    texts = {t.field: t for t in issue.texts()}
    if notes := position_notes(position, index.brief):
        doc.add(Span(sign(position.leaning).strip() + " ", "strong"), *analyst_notes(notes, lead=""))
    prose(doc, texts[f"positions[{i}].stance"], index, style=stance_style(position, index))
    quotes = [q for q in index.quotes_by(actor_id) if issue_id in q.about]
    doc.heading(f"Quotes behind it ({len(quotes)})")
    if quotes:
        for quote in quotes:
            _quote_entry(doc, quote, index, speaker=False)
    else:
        doc.add(Span("No quote of theirs is about this issue.", "muted"))
    others = [p for p in by_leaning(issue.positions) if p.by != actor_id]
    if others:
        doc.heading("Other positions")
        for other in others:
            doc.add(
                Span(index.label(other.by), "strong", Ref.position(issue_id, other.by)),
                Span(": " + short(index.plain(other.stance), 120), "muted"),
                prefix=leaning_prefix(other),
            )
    return doc


def source_document(source: Source, index: LinkIndex) -> Document:
    """A source: its name, address, and the quotes it reported."""
    doc = Document(source.name, ref=Ref.to(source))
    doc.add(Span(source.name, "title"))
    if source.reliability:
        doc.add(Span(f"Reliability {source.reliability}: {RELIABILITY_WORDS[source.reliability]} (Admiralty code)", "muted"))
    if source.url:
        doc.add(Span(source.url, "muted", Ref.web(source.url)))
    draft_line(doc, source)
    quotes = [q for q in index.brief.quotes if q.source == source.id]
    if quotes:
        doc.heading(f"Quotes it reported ({len(quotes)})")
        for quote in quotes:
            _quote_entry(doc, quote, index)
    backlinks(doc, source.id, index, skip_fields=("source",))
    return doc

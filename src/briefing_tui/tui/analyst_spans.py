"""The analyst's fields on a page: a position's sign before it, the notes in brackets
after an item (`[paraphrase · B2 · stale]`), a stale stance dimmed, and an actor's
relations. The words come from `core.analysis`, so a page says what a copy says."""

from __future__ import annotations

from typing import TYPE_CHECKING

from briefing_tui.core.analysis import is_stale, quote_pair, relation_words, sign
from briefing_tui.tui.widgets.page import Document, Span

if TYPE_CHECKING:
    from briefing_tui.core.links import Link, LinkIndex
    from briefing_tui.core.model import Actor, Position, Quote

RELIABILITY_WORDS = {
    "A": "completely reliable",
    "B": "usually reliable",
    "C": "fairly reliable",
    "D": "not usually reliable",
    "E": "unreliable",
    "F": "reliability cannot be judged",
}


def analyst_notes(notes: list[str], lead: str = "  ") -> list[Span]:
    """The notes as one muted span in brackets, none for no notes."""
    return [Span(lead + "[" + " \u00b7 ".join(notes) + "]", "muted")] if notes else []


def leaning_prefix(position: Position | None) -> str:
    """What a position's line starts with: its sign, or a bullet when it has no leaning."""
    shown = sign(position.leaning).strip() if position is not None else ""
    return f"{shown} " if shown else "\u2022 "


def stance_style(position: Position, index: LinkIndex) -> str:
    """`stale` (dimmed) for a position older than the stale age before the brief's date."""
    return "stale" if is_stale(position.as_of, index.brief.date) else ""


CREDIBILITY_WORDS = {
    1: "confirmed by other sources",
    2: "probably true",
    3: "possibly true",
    4: "doubtful",
    5: "improbable",
    6: "truth cannot be judged",
}


def pair_line(doc: Document, quote: Quote, index: LinkIndex) -> None:
    """The Admiralty pair of a quote in words, on its page: `B2: source usually
    reliable; information probably true`."""
    pair = quote_pair(quote, index.brief)
    if not pair:
        return
    reliability = RELIABILITY_WORDS.get(pair[0], "reliability not given")
    credibility = CREDIBILITY_WORDS.get(quote.credibility or 0, "credibility not given")
    doc.add(Span(f"Admiralty {pair}: source {reliability}; information {credibility}", "muted"))


def quote_style(quote: Quote, index: LinkIndex) -> str:
    """A quote's words in italics, or dimmed when said longer than the stale age before the brief."""
    return "stale" if is_stale(quote.date, index.brief.date) else "quote"


def relations_section(doc: Document, actor: Actor, index: LinkIndex) -> None:
    """The actor's relations, each a link to the other actor: `spokesperson for Port Authority`."""
    if not actor.relations:
        return
    doc.heading(f"Relations ({len(actor.relations)})")
    for relation in actor.relations:
        since = f"  since {relation.since.isoformat()}" if relation.since else ""
        doc.add(
            Span(f"{relation_words(relation.kind)} ", "muted"),
            Span(index.label(relation.to), "strong", index.ref(relation.to)),
            Span(since, "muted"),
            prefix="\u2022 ",
        )


def relation_label(link: Link, index: LinkIndex) -> str | None:
    """How "Referenced by" names a relation that points here (`spokesperson for`), or
    None for a link that is not a relation."""
    if not link.field.startswith("relations[") or link.source is None:
        return None
    actor = index.item(link.source)
    number = int(link.field[len("relations[") : link.field.index("]")])
    relations = getattr(actor, "relations", ())
    return relation_words(relations[number].kind) if number < len(relations) else None

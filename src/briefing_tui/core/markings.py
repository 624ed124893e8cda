"""Markings: who may see a brief and its items, by the Traffic Light Protocol
(TLP:CLEAR < GREEN < AMBER < AMBER+STRICT < RED), and the brief as it may be shown
at a level.

`redact` gives the brief with every item marked above the level replaced by a
placeholder that says so (`[withheld quote: TLP:RED]`), under a new id. Every list,
page, search index, matrix, copy, export, `show` and `find` reads that brief, so
none of them can forget to hide an item, and none has its words to reveal: not in a
search hit, a count, a sentence of "Referenced by", nor an id.
"""

from __future__ import annotations

import dataclasses
import re

from briefing_tui.core.links import WIKILINK_RE
from briefing_tui.core.model import MARKINGS, Actor, Brief, Event, Issue, KeyPointNote, Position, Quote, Relation, Source, is_withheld


def parse_level(text: str) -> str | None:
    """The level `text` names (`amber`, `TLP:AMBER+STRICT`), or None."""
    level = text.strip().upper().removeprefix("TLP:")
    return level if level in MARKINGS else None


def rank(level: str | None) -> int:
    """A level's place on the scale; an unmarked item counts as TLP:CLEAR."""
    return MARKINGS.index(level) if level in MARKINGS else 0


def banner(level: str | None) -> str:
    """The marking as a banner says it (`TLP:AMBER`), '' for an unmarked brief."""
    return f"TLP:{level}" if level else ""


def withheld(noun: str, level: str) -> str:
    """What stands where an item was withheld: `[withheld quote: TLP:RED]`."""
    return f"[withheld {noun}: TLP:{level}]"


__all__ = ["banner", "is_withheld", "parse_level", "rank", "redact", "stricter", "withheld"]


def stricter(level: str | None) -> str:
    """The next level a reader may hide down to from `level` (None: nothing hidden):
    RED hides nothing below it, so the first step hides RED, showing AMBER+STRICT."""
    if level is None:
        return MARKINGS[-2]
    return MARKINGS[max(0, rank(level) - 1)]


def redact(brief: Brief, level: str | None) -> Brief:
    """The brief as it may be shown at `level`: every item (and the brief's own text)
    marked above it replaced by a placeholder; the brief as it is for None."""
    if level is None:
        return brief
    return _Redaction(brief, level).brief()


def renamed_ids(brief: Brief, level: str | None) -> dict[str, str]:
    """The id each item withheld at `level` goes by in `redact(brief, level)`."""
    return {} if level is None else _Redaction(brief, level).renamed


class _Redaction:
    def __init__(self, brief: Brief, level: str) -> None:
        self.source = brief
        self.level = level
        self.renamed: dict[str, str] = {}
        # Each withheld item gets an id that says nothing: its own may be made of its words.
        for number, item in enumerate((i for i in brief.items() if self.hidden(i.marking)), start=1):
            self.renamed[item.id] = f"withheld-{number}"

    def hidden(self, marking: str | None, default: str | None = None) -> bool:
        chosen = marking or default or self.source.marking
        return rank(chosen) > rank(self.level)

    def placeholder(self, noun: str, marking: str | None, default: str | None = None) -> str:
        return withheld(noun, marking or default or self.source.marking or "CLEAR")

    def id(self, item_id: str) -> str:
        return self.renamed.get(item_id, item_id)

    def prose(self, text: str | None) -> str | None:
        if not text or "[[" not in text or not self.renamed:
            return text

        def relink(match: re.Match[str]) -> str:
            target = match.group(1).strip()
            if target not in self.renamed:
                return match.group(0)
            shown = f"|{match.group(2)}" if match.group(2) is not None else ""
            return f"[[{self.renamed[target]}{shown}]]"

        return WIKILINK_RE.sub(relink, text)

    def brief(self) -> Brief:
        brief = self.source
        whole = self.hidden(brief.marking)
        own = self.placeholder("text", brief.marking)
        return dataclasses.replace(
            brief,
            title=own if whole else brief.title,
            summary=own if whole else self.prose(brief.summary) or "",
            tags=() if whole else brief.tags,
            key_points=tuple(self.key_point(n, p, whole, own) for n, p in enumerate(brief.key_points)),
            key_point_notes=tuple(
                KeyPointNote(n.point, n.source and self.id(n.source), n.credibility, n.marking)
                for n in brief.key_point_notes
                if not whole and not self.hidden(n.marking)
            ),
            timeline=tuple(Event(e.date, own, e.location) if whole else e._replace(text=self.prose(e.text) or "") for e in brief.timeline),
            sources=tuple(self.source_item(s) for s in brief.sources),
            actors=tuple(self.actor(a) for a in brief.actors),
            quotes=tuple(self.quote(q) for q in brief.quotes),
            issues=tuple(self.issue(i) for i in brief.issues),
        )

    def key_point(self, number: int, text: str, whole: bool, own: str) -> str:
        if whole:
            return own
        note = self.source.key_point_note(number)
        if note is not None and self.hidden(note.marking):
            return self.placeholder("key point", note.marking)
        return self.prose(text) or ""

    def source_item(self, source: Source) -> Source:
        if not self.hidden(source.marking):
            return source
        name = self.placeholder("source", source.marking)
        return Source(self.id(source.id), source.location, name=name, marking=source.marking or self.source.marking)

    def actor(self, actor: Actor) -> Actor:
        if self.hidden(actor.marking):
            name = self.placeholder("actor", actor.marking)
            return Actor(self.id(actor.id), actor.location, name=name, kind=actor.kind, marking=actor.marking or self.source.marking)
        relations = tuple(Relation(self.id(r.to), r.kind, r.since) for r in actor.relations)
        return dataclasses.replace(actor, notes=self.prose(actor.notes), relations=relations)

    def quote(self, quote: Quote) -> Quote:
        if self.hidden(quote.marking):
            # Kept where it was (under its speaker, about its issues), so that the gap shows.
            text = self.placeholder("quote", quote.marking)
            about = tuple(self.id(i) for i in quote.about)
            return Quote(
                self.id(quote.id), quote.location, by=self.id(quote.by), text=text, about=about, marking=quote.marking or self.source.marking
            )
        return dataclasses.replace(
            quote,
            by=self.id(quote.by),
            source=quote.source and self.id(quote.source),
            about=tuple(self.id(i) for i in quote.about),
            context=self.prose(quote.context),
        )

    def issue(self, issue: Issue) -> Issue:
        if self.hidden(issue.marking):
            title = self.placeholder("issue", issue.marking)
            return Issue(self.id(issue.id), issue.location, title=title, status=issue.status, marking=issue.marking or self.source.marking)
        default = issue.marking
        positions = tuple(self.position(p, default) for p in issue.positions)
        return dataclasses.replace(issue, summary=self.prose(issue.summary), positions=positions, actors=tuple(self.id(a) for a in issue.actors))

    def position(self, position: Position, default: str | None) -> Position:
        if self.hidden(position.marking, default):
            text = self.placeholder("position", position.marking, default)
            return Position(self.id(position.by), text, position.location, marking=position.marking or default or self.source.marking)
        return position._replace(by=self.id(position.by), stance=self.prose(position.stance) or "")

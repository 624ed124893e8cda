"""The brief as typed, immutable objects.

A `Brief` holds its `Source`s, `Actor`s, `Quote`s, `Issue`s and timeline `Event`s.
Every item knows where it was written (`Location`) so that every message, search hit
and link can point back into the file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import ClassVar, Literal, NamedTuple, TypeAlias

ActorKind: TypeAlias = Literal["person", "organisation", "state"]
IssueStatus: TypeAlias = Literal["open", "progressing", "stalled", "resolved"]

ACTOR_KINDS: tuple[str, ...] = ("person", "organisation", "state")
ISSUE_STATUSES: tuple[str, ...] = ("open", "progressing", "stalled", "resolved")


class Location(NamedTuple):
    """A 1-based line and column in a brief file.

    A named tuple, not a dataclass: a big brief makes hundreds of thousands of
    them, and a tuple is several times cheaper to create.
    """

    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.line}:{self.column}"


NOWHERE = Location(1, 1)


@dataclass(frozen=True, slots=True)
class Text:
    """One piece of text of an item, as the link index and search see it.

    `field` names it the way the file does (`summary`, `positions[0].stance`);
    `markdown` says whether `[[id]]` links may appear in it, and `prose` whether an
    actor's name in it is a mention (not so in names, aliases, tags and sides).
    """

    field: str
    text: str
    location: Location
    markdown: bool
    prose: bool = True


@dataclass(frozen=True, slots=True)
class _Item:
    """What every addressable item shares: an id and where it was written."""

    noun: ClassVar[str] = "item"

    id: str
    location: Location = field(compare=False)

    def texts(self) -> Iterator[Text]:
        """Yield the item's prose, in file order."""
        return iter(())

    @property
    def label(self) -> str:
        """The short name a reader knows the item by."""
        return self.id


@dataclass(frozen=True, slots=True)
class Source(_Item):
    """Where a quote was reported: an outlet, an agency, the article itself."""

    noun: ClassVar[str] = "source"

    name: str = ""
    url: str | None = None

    def texts(self) -> Iterator[Text]:
        yield Text("name", self.name, self.location, False, prose=False)

    @property
    def label(self) -> str:
        return self.name


@dataclass(frozen=True, slots=True)
class Actor(_Item):
    """A person, organisation or state that acts or speaks in the brief."""

    noun: ClassVar[str] = "actor"

    name: str = ""
    kind: ActorKind = "person"
    role: str | None = None
    side: str | None = None
    aliases: tuple[str, ...] = ()
    notes: str | None = None
    field_locations: tuple[tuple[str, Location], ...] = field(default=(), compare=False)

    def texts(self) -> Iterator[Text]:
        where = dict(self.field_locations)
        yield Text("name", self.name, self.location, False, prose=False)
        for i, alias in enumerate(self.aliases):
            yield Text(f"aliases[{i}]", alias, where.get("aliases", self.location), False, prose=False)
        if self.role:
            yield Text("role", self.role, where.get("role", self.location), False)
        if self.side:
            yield Text("side", self.side, where.get("side", self.location), False, prose=False)
        if self.notes:
            yield Text("notes", self.notes, where.get("notes", self.location), True)

    @property
    def label(self) -> str:
        return self.name

    @property
    def names(self) -> tuple[str, ...]:
        """The name and every alias: the words that mention this actor in prose."""
        return (self.name, *self.aliases)


@dataclass(frozen=True, slots=True)
class Quote(_Item):
    """Words an actor said, verbatim, with who reported them and what they concern."""

    noun: ClassVar[str] = "quote"

    by: str = ""
    text: str = ""
    source: str | None = None
    date: dt.date | None = None
    context: str | None = None
    about: tuple[str, ...] = ()
    field_locations: tuple[tuple[str, Location], ...] = field(default=(), compare=False)

    def texts(self) -> Iterator[Text]:
        where = dict(self.field_locations)
        # Quote text is prose too: names in it mention actors, but it is verbatim,
        # so it never carries [[links]].
        yield Text("text", self.text, where.get("text", self.location), False)
        if self.context:
            yield Text("context", self.context, where.get("context", self.location), True)

    @property
    def label(self) -> str:
        return self.text


@dataclass(frozen=True, slots=True)
class Position:
    """Where one actor stands on one issue."""

    by: str
    stance: str
    location: Location = field(compare=False)


@dataclass(frozen=True, slots=True)
class Issue(_Item):
    """An open question of the brief, and who stands where on it."""

    noun: ClassVar[str] = "issue"

    title: str = ""
    status: IssueStatus = "open"
    summary: str | None = None
    positions: tuple[Position, ...] = ()
    actors: tuple[str, ...] = ()
    field_locations: tuple[tuple[str, Location], ...] = field(default=(), compare=False)

    def texts(self) -> Iterator[Text]:
        where = dict(self.field_locations)
        yield Text("title", self.title, where.get("title", self.location), False)
        if self.summary:
            yield Text("summary", self.summary, where.get("summary", self.location), True)
        for i, position in enumerate(self.positions):
            yield Text(f"positions[{i}].stance", position.stance, position.location, True)

    @property
    def label(self) -> str:
        return self.title

    def position_of(self, actor_id: str) -> Position | None:
        """The stance `actor_id` takes on this issue, if the brief reports one."""
        for position in self.positions:
            if position.by == actor_id:
                return position
        return None


@dataclass(frozen=True, slots=True)
class Event:
    """A dated entry of the brief's timeline."""

    date: dt.date
    text: str
    location: Location = field(compare=False)


Item: TypeAlias = Source | Actor | Quote | Issue


@dataclass(frozen=True, slots=True)
class Brief:
    """One briefing: its summary and all of its items, in file order."""

    path: str
    id: str
    title: str
    date: dt.date
    summary: str
    tags: tuple[str, ...] = ()
    follows: str | None = None
    """The id of the earlier brief this one follows, in a series on one subject."""
    key_points: tuple[str, ...] = ()
    sources: tuple[Source, ...] = ()
    actors: tuple[Actor, ...] = ()
    quotes: tuple[Quote, ...] = ()
    issues: tuple[Issue, ...] = ()
    timeline: tuple[Event, ...] = ()
    field_locations: tuple[tuple[str, Location], ...] = field(default=(), compare=False)

    def items(self) -> Iterator[Item]:
        """Every addressable item: sources, actors, quotes, issues."""
        yield from self.sources
        yield from self.actors
        yield from self.quotes
        yield from self.issues

    def texts(self) -> Iterator[Text]:
        """The brief's own prose: title, summary, key points, tags, timeline."""
        where = dict(self.field_locations)
        yield Text("title", self.title, where.get("title", NOWHERE), False)
        yield Text("summary", self.summary, where.get("summary", NOWHERE), True)
        for i, point in enumerate(self.key_points):
            yield Text(f"key_points[{i}]", point, where.get(f"key_points[{i}]", NOWHERE), True)
        for i, tag in enumerate(self.tags):
            yield Text(f"tags[{i}]", tag, where.get("tags", NOWHERE), False, prose=False)
        for i, event in enumerate(self.timeline):
            yield Text(f"timeline[{i}].text", event.text, event.location, True)

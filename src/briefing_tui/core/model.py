"""The brief as typed, immutable objects.

A `Brief` holds its `Source`s, `Actor`s, `Quote`s, `Issue`s and timeline `Event`s.
Every item knows where it was written (`Location`) so that every message, search hit
and link can point back into the file.

Immutable by contract: nothing assigns to them once they are built. The brief and
its items are not *frozen* dataclasses, because a frozen dataclass sets each field
through `object.__setattr__`: an item took four times as long to build (0.71 µs
against 0.18 µs), a big brief builds a hundred thousand of them, and each frozen
class cost 0.2 ms more at every start. The small records are named tuples.
"""

from __future__ import annotations

import datetime as dt
import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import ClassVar, Literal, NamedTuple, TypeAlias

ActorKind: TypeAlias = Literal["person", "organisation", "state"]
IssueStatus: TypeAlias = Literal["open", "progressing", "stalled", "resolved"]

FORMAT_VERSION = 1
"""The version of the brief format this model holds (the `brief:` field)."""

ACTOR_KINDS: tuple[str, ...] = ("person", "organisation", "state")
ISSUE_STATUSES: tuple[str, ...] = ("open", "progressing", "stalled", "resolved")
# The analyst's words, each list in the order of its scale (see `core/analysis.py`).
LEANINGS: tuple[str, ...] = ("supports", "leans-support", "neutral", "leans-oppose", "opposes", "conditional", "unclear")
CONFIDENCES: tuple[str, ...] = ("low", "moderate", "high")
RELIABILITIES: tuple[str, ...] = ("A", "B", "C", "D", "E", "F")
CREDIBILITIES: tuple[int, ...] = (1, 2, 3, 4, 5, 6)
MARKINGS: tuple[str, ...] = ("CLEAR", "GREEN", "AMBER", "AMBER+STRICT", "RED")
"""The Traffic Light Protocol's levels, least restricted first."""


_WITHHELD = re.compile(r"\[withheld [a-z ]+: TLP:[A-Z+]+\]\Z")


def is_withheld(text: str) -> bool:
    """Whether `text` is the placeholder of an item withheld at a level of marking
    (`[withheld quote: TLP:RED]`, see `markings.redact`)."""
    return text.startswith("[withheld ") and bool(_WITHHELD.match(text))


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

# Where the text fields of an item were written, flat: (key, lines down, column, ...),
# lines counted from the item's own line. Flat and relative because a big brief has
# hundreds of thousands of them: small numbers are shared objects in Python, and a
# tuple of pairs of Locations took half the memory of the whole model.
FieldLocations: TypeAlias = tuple[str | int, ...]


def field_location(locations: FieldLocations, key: str, base: Location) -> Location:
    """Where the field `key` was written (`base`: where its item starts, and the
    answer when the file does not give the field)."""
    for i in range(0, len(locations), 3):
        if locations[i] == key:
            return Location(base.line + locations[i + 1], locations[i + 2])  # type: ignore[operator, arg-type]
    return base


class Text(NamedTuple):
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


_FIELD_WORDS = {
    "name": "name", "aliases": "other name", "role": "role", "side": "side", "notes": "notes", "kind": "kind",
    "text": "quote", "context": "context", "title": "title", "summary": "summary", "tags": "tag", "url": "address",
    "key_points": "key point", "timeline": "timeline", "stance": "position", "positions": "position",
    "by": "speaker", "source": "source", "about": "about", "actors": "involved",
}  # fmt: skip


def field_words(field: str) -> str:
    """How a reader names the field a text or a reference sits in: `positions[2].stance`
    is "position", `aliases[0]` "other name", `by` "speaker"."""
    base = field.split("[", 1)[0]
    last = field.rsplit(".", 1)[-1]
    return _FIELD_WORDS.get(base) or _FIELD_WORDS.get(last) or base.replace("_", " ")


@dataclass(slots=True, unsafe_hash=True)
class _Item:
    """What every addressable item shares: an id and where it was written.

    Every kind of item also has `draft`: True while it is a first draft (laid out by
    `briefing draft`) that nobody has reviewed yet.
    """

    noun: ClassVar[str] = "item"

    id: str
    location: Location = field(compare=False)

    def texts(self) -> Iterator[Text]:
        """Yield the item's prose, in file order."""
        return iter(())

    def where(self, key: str) -> Location:
        """Where the field `key` was written (the item's start when not given)."""
        return field_location(getattr(self, "field_locations", ()), key, self.location)

    @property
    def label(self) -> str:
        """The short name a reader knows the item by."""
        return self.id


@dataclass(slots=True, unsafe_hash=True)
class Source(_Item):
    """Where a quote was reported: an outlet, an agency, the article itself."""

    noun: ClassVar[str] = "source"

    name: str = ""
    url: str | None = None
    draft: bool = False
    reliability: str | None = None
    """The Admiralty code's source reliability, A (reliable) to F (cannot be judged)."""
    marking: str | None = None
    """Its TLP level (`MARKINGS`) when it is not the brief's."""

    def texts(self) -> Iterator[Text]:
        yield Text("name", self.name, self.location, False, prose=False)

    @property
    def label(self) -> str:
        return self.name


class Relation(NamedTuple):
    """How an actor stands to another: `kind` (member-of, leads...) `to` an actor id."""

    to: str
    kind: str
    since: dt.date | None = None


@dataclass(slots=True, unsafe_hash=True)
class Actor(_Item):
    """A person, organisation or state that acts or speaks in the brief."""

    noun: ClassVar[str] = "actor"

    name: str = ""
    kind: ActorKind = "person"
    role: str | None = None
    side: str | None = None
    aliases: tuple[str, ...] = ()
    notes: str | None = None
    field_locations: FieldLocations = field(default=(), compare=False)
    draft: bool = False
    relations: tuple[Relation, ...] = ()
    marking: str | None = None

    def texts(self) -> Iterator[Text]:
        yield Text("name", self.name, self.location, False, prose=False)
        for i, alias in enumerate(self.aliases):
            yield Text(f"aliases[{i}]", alias, self.where("aliases"), False, prose=False)
        if self.role:
            yield Text("role", self.role, self.where("role"), False)
        if self.side:
            yield Text("side", self.side, self.where("side"), False, prose=False)
        if self.notes:
            yield Text("notes", self.notes, self.where("notes"), True)

    @property
    def label(self) -> str:
        return self.name

    @property
    def names(self) -> tuple[str, ...]:
        """The name and every alias: the words that mention this actor in prose."""
        return (self.name, *self.aliases)


@dataclass(slots=True, unsafe_hash=True)
class Quote(_Item):
    """Words an actor said, verbatim, with who reported them and what they concern."""

    noun: ClassVar[str] = "quote"

    by: str = ""
    text: str = ""
    source: str | None = None
    date: dt.date | None = None
    context: str | None = None
    about: tuple[str, ...] = ()
    field_locations: FieldLocations = field(default=(), compare=False)
    draft: bool = False
    verbatim: bool = True
    """False for a paraphrase: the speaker's sense, not their words."""
    lang: str | None = None
    translated_from: str | None = None
    confidence: str | None = None
    credibility: int | None = None
    """The Admiralty code's information credibility, 1 (confirmed) to 6 (cannot be judged)."""
    marking: str | None = None

    def texts(self) -> Iterator[Text]:
        # Quote text is prose too: names in it mention actors, but it is verbatim,
        # so it never carries [[links]].
        yield Text("text", self.text, self.where("text"), False)
        if self.context:
            yield Text("context", self.context, self.where("context"), True)

    @property
    def label(self) -> str:
        return self.text


class Position(NamedTuple):
    """Where one actor stands on one issue: the stance in words and, when the brief
    says, its leaning on a scale, since when it holds, and how sure the brief is."""

    by: str
    stance: str
    location: Location
    leaning: str | None = None
    as_of: dt.date | None = None
    confidence: str | None = None
    marking: str | None = None


@dataclass(slots=True, unsafe_hash=True)
class Issue(_Item):
    """An open question of the brief, and who stands where on it."""

    noun: ClassVar[str] = "issue"

    title: str = ""
    status: IssueStatus = "open"
    summary: str | None = None
    positions: tuple[Position, ...] = ()
    actors: tuple[str, ...] = ()
    field_locations: FieldLocations = field(default=(), compare=False)
    draft: bool = False
    marking: str | None = None

    def texts(self) -> Iterator[Text]:
        yield Text("title", self.title, self.where("title"), False)
        if self.summary:
            yield Text("summary", self.summary, self.where("summary"), True)
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


class KeyPointNote(NamedTuple):
    """What a key point given as a mapping says besides its text: the source it cites,
    how credible it is (Admiralty 1-6), its marking."""

    point: int
    """The key point's place among the brief's key points."""
    source: str | None = None
    credibility: int | None = None
    marking: str | None = None


class Event(NamedTuple):
    """A dated entry of the brief's timeline."""

    date: dt.date
    text: str
    location: Location


Item: TypeAlias = Source | Actor | Quote | Issue


@dataclass(slots=True, unsafe_hash=True)
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
    field_locations: FieldLocations = field(default=(), compare=False)
    marking: str | None = None
    """The brief's TLP level (`MARKINGS`): the banner, and the level of every item
    that gives none of its own."""
    key_point_notes: tuple[KeyPointNote, ...] = ()
    """The source, credibility and marking of the key points that give them."""

    def key_point_note(self, point: int) -> KeyPointNote | None:
        """What key point number `point` says besides its text, if anything."""
        return next((note for note in self.key_point_notes if note.point == point), None)

    def where(self, key: str) -> Location:
        """Where the field `key` was written (the top of the file when not given)."""
        return field_location(self.field_locations, key, NOWHERE)

    @property
    def open_issues(self) -> tuple[Issue, ...]:
        """The issues not resolved: open, progressing or stalled."""
        return tuple(issue for issue in self.issues if issue.status != "resolved")

    def items(self) -> Iterator[Item]:
        """Every addressable item: sources, actors, quotes, issues."""
        yield from self.sources
        yield from self.actors
        yield from self.quotes
        yield from self.issues

    def texts(self) -> Iterator[Text]:
        """The brief's own prose: title, summary, key points, tags, timeline."""
        yield Text("title", self.title, self.where("title"), False)
        yield Text("summary", self.summary, self.where("summary"), True)
        for i, point in enumerate(self.key_points):
            yield Text(f"key_points[{i}]", point, self.where(f"key_points[{i}]"), True)
        for i, tag in enumerate(self.tags):
            yield Text(f"tags[{i}]", tag, self.where("tags"), False, prose=False)
        for i, event in enumerate(self.timeline):
            yield Text(f"timeline[{i}].text", event.text, event.location, True)


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector for a while.

    Loading a big brief creates millions of objects and no cycles; the collector
    would rescan them again and again for nothing (it more than doubles the time).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()

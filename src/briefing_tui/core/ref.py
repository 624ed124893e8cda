"""A reference to something a reader can go to: the summary, an item, a position, a
web address, in this brief or in another one of the library.

Every link, every row and every history entry names its target with a `Ref`. It is
made here (`Ref.to`, `Ref.position`, `Ref.web`, `SUMMARY`), compared as the tuple it
is, shown by `str()` (and named for a reader by `LinkIndex.label`), and followed in
one place, the reader's navigator. Nothing parses a string to find out what a link is.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal, NamedTuple, TypeAlias

if TYPE_CHECKING:
    from briefing_tui.core.model import Item

RefKind: TypeAlias = Literal["summary", "source", "actor", "quote", "issue", "position", "web"]
ITEM_KINDS: tuple[RefKind, ...] = ("source", "actor", "quote", "issue")


class Ref(NamedTuple):
    """Where a link leads.

    A named tuple: a brief's pages hold thousands of links, and a tuple is cheap to
    make, to hash and to compare.
    """

    kind: RefKind
    id: str = ""
    """The item's id; the issue's for a position; the address for the web."""
    part: str | None = None
    """The actor whose position on the issue `id` this is (positions only)."""
    brief: str | None = None
    """The file of the brief it lives in; None: the brief at hand."""

    @classmethod
    def to(cls, item: Item, brief: str | None = None) -> Ref:
        """The reference to an item."""
        return cls(item.noun, item.id, None, brief)  # type: ignore[arg-type]

    @classmethod
    def position(cls, issue_id: str, actor_id: str, brief: str | None = None) -> Ref:
        """The reference to one actor's position on one issue."""
        return cls("position", issue_id, actor_id, brief)

    @classmethod
    def web(cls, address: str) -> Ref:
        """A link out of the reader, to a web address."""
        return cls("web", address)

    @classmethod
    def summary(cls, brief: str | None = None) -> Ref:
        """The brief's own page: title, summary, key points, timeline, sources."""
        return cls("summary", "", None, brief)

    @property
    def is_item(self) -> bool:
        """True for a source, actor, quote or issue."""
        return self.kind in ITEM_KINDS

    @property
    def actor(self) -> str | None:
        """The actor of a position (None for anything else)."""
        return self.part if self.kind == "position" else None

    def in_brief(self, brief: str | None) -> Ref:
        """The same reference, in the brief at `brief` (None: the brief at hand)."""
        return self._replace(brief=brief)

    def __str__(self) -> str:
        where = f" in {self.brief}" if self.brief else ""
        if self.kind == "summary":
            return f"the summary{where}"
        if self.kind == "position":
            return f"position of {self.part} on {self.id}{where}"
        return f"{self.kind} {self.id}{where}"


SUMMARY = Ref.summary()
"""The summary of the brief at hand."""

"""Back and forward through everything the reader visited, like a web browser.

A `Place` is what the reader needs to show a view again exactly as it was left: the
brief, the pane, the item shown in full (if any), the row under the cursor, the
scroll position and the selected link. One history holds the places of every brief
visited, so back and forward cross from brief to brief as they do within one.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from briefing_tui.core.ref import Ref


class Place(NamedTuple):
    """One view of the reader, and how it was left.

    A named tuple, as the other small records on the way to the first screen:
    Python makes one in a tenth of the time it takes to make a dataclass.

    A `scroll` of -1 means: scroll to the highlighted search match.
    """

    pane: str
    """A pane of a brief (`summary`, `actors`, `quotes`, `issues`, `positions`), or a
    view of the library (`library`, `changes`, `findings`)."""
    target: Ref | None = None
    """What is shown in full; None for the pane's own list or page."""
    cursor: Hashable | None = None
    """The key of the row (or the cell) under the cursor in the pane's list."""
    scroll: int = 0
    link: int = -1
    """The selected link on the page, -1 for none."""
    search: str | None = None
    """The search match highlighted on the page, when a search led here."""
    brief: str | None = None
    """The file of the brief shown (None: the library's list)."""

    def same_view(self, other: Place) -> bool:
        """True when both show the same thing, however scrolled."""
        return (self.brief, self.pane, self.target) == (other.brief, other.pane, other.target)


class History:
    """The places visited, with a position that back and forward move."""

    def __init__(self, first: Place, limit: int = 500) -> None:
        self._places: list[Place] = [first]
        self._index = 0
        self._limit = limit

    @property
    def current(self) -> Place:
        """Where the reader is now."""
        return self._places[self._index]

    @property
    def position(self) -> tuple[int, int]:
        """(1-based index of the current place, number of places)."""
        return self._index + 1, len(self._places)

    @property
    def can_go_back(self) -> bool:
        """True when there is a place to go back to."""
        return self._index > 0

    @property
    def can_go_forward(self) -> bool:
        """True when there is a place to go forward to."""
        return self._index < len(self._places) - 1

    def update(self, place: Place) -> None:
        """Record how the current view is being left (scroll, cursor, link)."""
        self._places[self._index] = place

    def visit(self, place: Place) -> None:
        """Go somewhere new: it becomes current, and forward history is dropped.

        Visiting the view already shown only updates it, so that repeated presses
        of the same key do not fill the history.
        """
        if place.same_view(self.current):
            self._places[self._index] = place
            return
        del self._places[self._index + 1 :]
        self._places.append(place)
        if len(self._places) > self._limit:
            del self._places[0]
        self._index = len(self._places) - 1

    def back(self) -> Place | None:
        """Step back; None at the start."""
        if not self.can_go_back:
            return None
        self._index -= 1
        return self.current

    def forward(self) -> Place | None:
        """Step forward; None at the end."""
        if not self.can_go_forward:
            return None
        self._index += 1
        return self.current

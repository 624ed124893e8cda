"""Messages: what a widget or a screen asks for, sent up to whatever handles it.

Going somewhere is always one of these (`OpenRef`, `GoBack`, `GoForward`,
`ShowChanges`, `ShowLibrary`, `OpenBrief`): widgets and screens post them, the app's
navigator alone decides what they lead to. Kept apart from the widgets that send
them, so that a screen can listen for them without importing those widgets.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from briefing_tui.core.history import Place
    from briefing_tui.core.ref import Ref
    from briefing_tui.core.search import Hit


@dataclass
class OpenRef(Message):
    """The user followed a link, or opened a row, that leads to `ref`."""

    ref: Ref
    shown: str = ""
    """The text the link shows (asked about before leaving for the web)."""


@dataclass
class GoBack(Message):
    """Back to where the reader was before."""


@dataclass
class GoForward(Message):
    """Forward again, after going back."""


@dataclass
class ShowChanges(Message):
    """What changed in the brief at `path` since the one before it."""

    path: str


@dataclass
class ShowLibrary(Message):
    """Back to the library's list."""


@dataclass
class OpenBrief(Message):
    """Open the brief at `path` (at `place`, else its Summary); `hits`, hit number
    `hit` among them: a search begun in the library, stepped on with n and N."""

    path: str
    place: Place | None = None
    hits: list[Hit] = field(default_factory=list)
    hit: int = 0


@dataclass
class CopyText(Message):
    """Copy `text` to the clipboard; `what` it is (a quote, a position) for the message
    that says what became of it."""

    text: str
    what: str = "the text"


@dataclass
class DeliverExport(Message):
    """Hand `text` to the user as the file `file_name`: saved to their downloads folder
    in a terminal, a download in a browser."""

    text: str
    file_name: str
    mime_type: str = "text/plain"


class Settle(Message):
    """Sent up behind whatever a widget asked for; `settled` is set once the screen
    has done all of it."""

    def __init__(self, settled: asyncio.Event) -> None:
        super().__init__()
        self.settled = settled


class SearchClosed(Message):
    """The user closed the search without choosing a hit; `query` was in the box and
    had `found` hits."""

    def __init__(self, query: str = "", found: int = 0) -> None:
        super().__init__()
        self.query = query
        self.found = found


class HitChosen(Message):
    """The user chose hit number `number` of `hits` for `query`."""

    def __init__(self, query: str, hits: list[Hit], number: int) -> None:
        super().__init__()
        self.query = query
        self.hits = hits
        self.number = number


class FilterClosed(Message):
    """The user left the library's filter box: `clear` it, or keep it and go to the list."""

    def __init__(self, clear: bool) -> None:
        super().__init__()
        self.clear = clear

"""Messages that cross from one part of the reader to the screen that routes them.

Kept apart from the widgets that send them, so the screen can listen for them
without importing those widgets (and what they import) before they are needed.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from briefing_tui.core.search import Hit


class Settle(Message):
    """Sent up behind whatever a widget asked for; `settled` is set once the screen
    has done all of it."""

    def __init__(self, settled: asyncio.Event) -> None:
        super().__init__()
        self.settled = settled


class SearchClosed(Message):
    """The user closed the search without choosing a hit."""


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

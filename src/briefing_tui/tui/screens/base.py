"""What every screen of the reader shares: going somewhere is handed to the navigator.

A widget posts what the user asked for (`OpenRef`, `GoBack`, ...); the screen it is on
hands it to the app's navigator, which alone decides where it leads. Screens never
import the app: they reach the navigator through it.
"""

from __future__ import annotations

import asyncio
from contextlib import suppress
from typing import TYPE_CHECKING, cast

from textual import on
from textual.screen import Screen

from briefing_tui.tui.messages import GoBack, GoForward, OpenBrief, OpenRef, Settle, ShowChanges, ShowLibrary

if TYPE_CHECKING:
    from briefing_tui.core.history import Place
    from briefing_tui.tui.navigator import Navigator


class ReaderScreen(Screen[None]):
    """A screen that shows places of the history, and passes requests to go somewhere on."""

    @property
    def navigator(self) -> Navigator:
        """The app's navigator."""
        return cast("Navigator", self.app.navigator)  # type: ignore[attr-defined]

    # -- places (each screen says what they mean for it) ------------------------------

    def capture(self) -> Place:
        """Where the screen is now, with scroll, cursor and selected link."""
        raise NotImplementedError

    def shows(self, place: Place) -> bool:
        """True when this screen is the one that shows `place`."""
        raise NotImplementedError

    async def show(self, place: Place, position: tuple[int, int]) -> None:
        """Put `place` on screen as it was left; `position`: (its number, how many places)."""
        raise NotImplementedError

    # -- keys typed ahead --------------------------------------------------------------

    async def after_earlier_keys(self) -> None:
        """Wait until the screen has done what keys typed before this one asked for.

        A row opened with `enter` reaches the screen as a message bubbling up from
        the list, while a key typed right after it (`5`, `backspace`) runs at once:
        without this wait it would be acted on first. The wait holds back the keys
        after it too, so each lands where the one before left the reader.
        """
        settled = asyncio.Event()
        origin = self.focused if self.focused is not None and self.focused.screen is self else self
        origin.post_message(Settle(settled))
        with suppress(asyncio.TimeoutError):
            await asyncio.wait_for(settled.wait(), 1.0)

    @on(Settle)
    def _settle(self, event: Settle) -> None:
        event.stop()
        event.settled.set()

    # -- requests to go somewhere ------------------------------------------------------

    @on(OpenRef)
    async def _open_ref(self, event: OpenRef) -> None:
        event.stop()
        await self.navigator.open(event.ref, event.shown)

    @on(OpenBrief)
    async def _open_brief(self, event: OpenBrief) -> None:
        event.stop()
        await self.navigator.open_brief(event.path, event.place, event.hits, event.hit)

    @on(GoBack)
    async def _go_back(self, event: GoBack) -> None:
        event.stop()
        await self.action_back()

    @on(GoForward)
    async def _go_forward(self, event: GoForward) -> None:
        event.stop()
        await self.action_forward()

    @on(ShowChanges)
    async def _show_changes(self, event: ShowChanges) -> None:
        event.stop()
        await self.navigator.show_changes(event.path)

    @on(ShowLibrary)
    async def _show_library(self, event: ShowLibrary) -> None:
        event.stop()
        await self.navigator.show_library()

    async def action_back(self) -> None:
        """Back to where the reader was before."""
        await self.after_earlier_keys()
        if not await self.navigator.back():
            self.app.bell()

    async def action_forward(self) -> None:
        """Forward again after going back."""
        await self.after_earlier_keys()
        if not await self.navigator.forward():
            self.app.bell()

    async def action_library(self) -> None:
        """Back to the library's list."""
        await self.after_earlier_keys()
        await self.navigator.show_library()

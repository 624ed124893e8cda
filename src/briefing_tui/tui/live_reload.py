"""Live reload: the brief's file is watched, and read again when it changes.

The file is looked at once a second; a change is read in a worker thread, and what it
gave (a new brief, or the errors of a broken one) is handed to the screen. Each
reading is numbered: one that finishes after a later one began is dropped, so a slow
read of an old version never lands over a newer one.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from briefing_tui.core.stamp import file_stamp, stamp_before_load

if TYPE_CHECKING:
    from textual.screen import Screen

    from briefing_tui.core.findings import LoadResult

RELOAD_SECONDS = 1.0
"""How often the file is looked at."""


class LiveReload:
    """Watches one brief's file for `screen`, and calls `loaded` with each new reading."""

    def __init__(self, screen: Screen[None], path: str, loaded: Callable[[LoadResult], Awaitable[None]]) -> None:
        self.screen = screen
        self.path = path
        self._loaded = loaded
        # The file as it was before it was read, not as it is now: an edit made while
        # it was read, or since, is to be seen.
        self._stamp = stamp_before_load(path)
        self._generation = 0

    def start(self) -> None:
        """Look at the file from now on."""
        self.screen.set_interval(RELOAD_SECONDS, self.poll)

    def poll(self) -> None:
        """Read the file again if it changed since it was last read."""
        stamp = file_stamp(self.path)
        if stamp is not None and stamp != self._stamp:
            self._stamp = stamp
            self._generation += 1
            generation = self._generation
            self.screen.run_worker(lambda: self._read(generation), thread=True, group="reload")

    def _read(self, generation: int) -> None:
        # The file changed, so this parses it; caching the new version makes the
        # next start warm.
        from briefing_tui.core.cache import load_brief_cached

        result = load_brief_cached(self.path)
        self.screen.app.call_from_thread(self._deliver, generation, result)  # type: ignore[arg-type]

    async def _deliver(self, generation: int, result: LoadResult) -> None:
        if generation == self._generation:  # else a later reading is under way or done
            await self._loaded(result)

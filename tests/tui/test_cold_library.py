"""A library opened with an empty cache, in the reader: what the screen says while its
files are read, batch by batch."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

from benchmarks.generate import write_series

from briefing_tui.core.files import brief_files
from briefing_tui.core.library import Library
from briefing_tui.tui.app import BriefingApp
from briefing_tui.tui.screens import library as library_screen
from briefing_tui.tui.screens.library import LibraryScreen
from tests.tui.support import crumbs_of, until

HOUR_AGO = time.time() - 3600


def waiting_rows(app: BriefingApp) -> int:
    screen = app.screen
    assert isinstance(screen, LibraryScreen)
    return sum(row.note == "reading\u2026" for row in screen.listing.rows)


async def test_the_count_of_files_read_is_said_as_each_batch_is_stored(tmp_path: Path, monkeypatch):
    folder = tmp_path / "briefs"
    write_series(folder, 7)
    for path in folder.iterdir():
        os.utime(path, (HOUR_AGO, HOUR_AGO))
    # The list is filled with the first batch and at the end only: the count between.
    monkeypatch.setattr(library_screen, "FILL_SECONDS", 3600)
    # Two files a batch, and the reading waits after each until the test lets it go on.
    go_on = threading.Semaphore(0)
    read = Library.read

    def read_in_steps(self, batch: int = 50):  # type: ignore[no-untyped-def]
        for left in read(self, batch=2):
            yield left
            if left:
                go_on.acquire(timeout=20)

    monkeypatch.setattr(Library, "read", read_in_steps)
    files, _ = brief_files([str(folder)])
    app = BriefingApp(library=Library(files))
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: "Reading 2 of 7 files" in crumbs_of(app))
        assert waiting_rows(app) == 5
        for done in (4, 6):
            go_on.release()
            await until(pilot, lambda: f"Reading {done} of 7 files" in crumbs_of(app))  # noqa: B023
            assert waiting_rows(app) == 5  # not filled again yet
        go_on.release()
        await until(pilot, lambda: "7 briefs, newest first" in crumbs_of(app))
        assert waiting_rows(app) == 0


async def test_quitting_while_files_are_read_stops_the_reading(tmp_path: Path, monkeypatch):
    folder = tmp_path / "briefs"
    write_series(folder, 7)
    for path in folder.iterdir():
        os.utime(path, (HOUR_AGO, HOUR_AGO))
    go_on = threading.Semaphore(0)
    stopped = threading.Event()
    read = Library.read

    def read_in_steps(self, batch: int = 50):  # type: ignore[no-untyped-def]
        try:
            for left in read(self, batch=2):
                yield left
                if left:
                    go_on.acquire(timeout=20)
        finally:
            stopped.set()

    monkeypatch.setattr(Library, "read", read_in_steps)
    files, _ = brief_files([str(folder)])
    library = Library(files)
    app = BriefingApp(library=library)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: "Reading 2 of 7 files" in crumbs_of(app))
        go_on.release()  # the next batch is read while the reader quits
        await pilot.press("ctrl+q")
    go_on.release(10)  # it may go on: it does not
    assert stopped.wait(20)
    assert len(library.pending) >= 3  # what was stored is kept; the rest is left for the next start

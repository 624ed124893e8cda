"""The library's filter typed fast, by real keys: its answers come from a thread, a key
never waits for the answer to the one before, and the list ends on the answer to what
the box holds, the same rows in the same order as filtering every file from scratch."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import accumulate
from pathlib import Path

import pytest
from textual import events

from briefing_tui.core.library_filter import haystack, matches, words_of
from briefing_tui.tui.app import BriefingApp
from briefing_tui.tui.screens.library import FilterInput, LibraryScreen
from briefing_tui.tui.screens.main import MainScreen
from tests.tui.support import crumbs_of, type_ahead, until
from tests.tui.test_library import filtered, library_folder, make_library_app

BRIEFS = 200
"""Ten series of twenty briefs (and a broken file)."""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return library_folder(tmp_path / "briefs", briefs=BRIEFS)


def library_screen(app: BriefingApp) -> LibraryScreen:
    screen = app.screen
    assert isinstance(screen, LibraryScreen)
    return screen


def listed(app: BriefingApp) -> list[object]:
    return [row.key for row in library_screen(app).listing.rows]


def from_scratch(app: BriefingApp, text: str) -> list[str]:
    """Every file of the library, newest first, through the filter: each looked at."""
    assert app.library is not None
    words = words_of(text)
    return [entry.path for entry in app.library.listing() if matches(words, haystack(entry))]


def series(folder: Path, number: int) -> list[str]:
    """The files of one series, newest first."""
    return [str(folder / f"series-{number:03d}-day-{day:03d}.yaml") for day in range(19, -1, -1)]


def burst(app: BriefingApp, text: str) -> None:
    """Type `text` in one burst, as a fast typist or a paste: every key queued before
    the reader has answered the one before. (Keys the box binds, `backspace`, are
    typed apart: Textual acts on them once they have bubbled up to the app, after a
    character typed right behind them.)"""
    for character in text:
        app.post_message(events.Key({"-": "minus", " ": "space"}.get(character, character), character))


async def answered(pilot, app: BriefingApp, text: str) -> None:  # type: ignore[no-untyped-def]
    """Wait until the box holds `text` and the list answers it."""
    box = library_screen(app).query_one(FilterInput)
    await until(pilot, lambda: box.value == text)
    await filtered(pilot, app)


@contextmanager
def answers_held(screen: LibraryScreen) -> Iterator[None]:
    """Hold the filter's answers back: its lock is taken by a thread of the test's own
    until the block ends, or until a second has passed should the reader itself wait
    for it meanwhile (on the way out of the box)."""
    taken, done = threading.Event(), threading.Event()

    def hold() -> None:
        with screen._filtering._lock:
            taken.set()
            done.wait(1.0)

    holder = threading.Thread(target=hold)
    holder.start()
    taken.wait()
    try:
        yield
    finally:
        done.set()
        holder.join()


def measured_anew(app: BriefingApp) -> list[int]:
    """Where each row of the list starts, every row measured again now."""
    listing = library_screen(app).listing
    return [0, *accumulate(listing._row_height(row, listing._layout_width) for row in listing.rows)]


async def test_typed_fast_the_list_answers_the_box_and_backspace_widens_it_again(folder):
    app = make_library_app(folder)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f")
        screen = library_screen(app)
        burst(app, "series-003")
        await answered(pilot, app, "series-003")
        assert listed(app) == series(folder, 3)
        assert f"20 of {BRIEFS + 1} files match the filter" in crumbs_of(app)
        assert "Generated series 3, day 19" in screen.listing.render_line(0).text
        type_ahead(app, *["backspace"] * 4)  # widened again: every series
        await answered(pilot, app, "series")
        assert listed(app) == from_scratch(app, "series") and len(listed(app)) == BRIEFS
        assert screen.listing._starts == measured_anew(app)  # the heights kept are the heights
        burst(app, "-01")  # no such series
        await answered(pilot, app, "series-01")
        assert listed(app) == [] and f"0 of {BRIEFS + 1} files match the filter" in crumbs_of(app)
        type_ahead(app, "backspace")
        await answered(pilot, app, "series-0")
        burst(app, " 5")  # series 5, and day 5 of every series
        await answered(pilot, app, "series-0 5")
        assert listed(app) == from_scratch(app, "series-0 5") and len(listed(app)) == 20 + 9
        type_ahead(app, *["backspace"] * 2)
        await until(pilot, lambda: screen.query_one(FilterInput).value == "series-0")
        burst(app, "  day 1")  # `1` is a new number, not within `5`
        await answered(pilot, app, "series-0  day 1")
        assert listed(app) == from_scratch(app, "series-0  day 1") and len(listed(app)) == 10 + 19
        assert screen.listing._starts == measured_anew(app)
        await pilot.resize_terminal(50, 24)  # narrower: rows wrap anew, kept apart by width
        await until(pilot, lambda: screen.listing._layout_width < 50)
        assert screen.listing._starts == measured_anew(app)
        await pilot.press("escape")
        assert listed(app) == from_scratch(app, "") and len(listed(app)) == BRIEFS + 1
        assert screen.listing._starts == measured_anew(app)
        await pilot.resize_terminal(80, 24)
        await until(pilot, lambda: screen.listing._layout_width > 50)
        assert screen.listing._starts == measured_anew(app)


async def test_keys_land_while_the_answer_is_held_and_an_answer_typed_over_is_never_listed(folder):
    app = make_library_app(folder)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f")
        burst(app, "series-00")
        await answered(pilot, app, "series-00")
        screen = library_screen(app)
        box = screen.query_one(FilterInput)
        before = listed(app)
        drawn: list[list[object]] = []
        set_rows = screen.listing.set_rows
        screen.listing.set_rows = lambda rows, keep=None: (drawn.append([row.key for row in rows]), set_rows(rows, keep))[1]  # type: ignore[method-assign]
        with answers_held(screen):
            burst(app, "4")
            await until(pilot, lambda: box.value == "series-004")  # the key did not wait
            type_ahead(app, "backspace")
            await until(pilot, lambda: box.value == "series-00")
            burst(app, "7")
            await until(pilot, lambda: box.value == "series-007")
            await pilot.pause(0.05)
            assert screen.answered == "series-00" and listed(app) == before and drawn == []
        await until(pilot, lambda: screen.answered == "series-007")
        await pilot.pause(0.1)  # an answer to `series-004` is on its way no more
        assert screen.answered == "series-007" and listed(app) == series(folder, 7)
        assert drawn == [series(folder, 7)]  # the only answer listed: the box's


async def test_enter_and_down_act_on_the_answer_to_the_box_not_on_the_list_before_it(folder):
    app = make_library_app(folder)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f")
        screen = library_screen(app)
        box = screen.query_one(FilterInput)
        with answers_held(screen):
            burst(app, "series-006")
            await until(pilot, lambda: box.value == "series-006")
            assert screen.answered == ""
            type_ahead(app, "enter")  # before the answer: it opens the top of this one's
            await until(pilot, lambda: isinstance(app.screen, MainScreen))
        assert app.screen.path == series(folder, 6)[0]  # type: ignore[attr-defined]
        await pilot.press("L")
        await until(pilot, lambda: isinstance(app.screen, LibraryScreen))
        assert box.value == "series-006" and listed(app) == series(folder, 6)
        await pilot.press("f", "end", "backspace")  # (the box selects all it holds as it gets the focus)
        await answered(pilot, app, "series-00")
        moved_with: list[list[object]] = []  # the rows listed as the focus moves to the list
        set_focus = screen.set_focus
        screen.set_focus = lambda widget, *args: (set_focus(widget, *args), moved_with.append([row.key for row in screen.listing.rows]))[0]  # type: ignore[method-assign]
        with answers_held(screen):
            burst(app, "2")
            await until(pilot, lambda: box.value == "series-002")
            type_ahead(app, "down")  # into the list: the list answers the box first
            await until(pilot, lambda: app.focused is screen.listing)
        assert moved_with == [series(folder, 2)]
        await pilot.press("j", "enter")
        await until(pilot, lambda: isinstance(app.screen, MainScreen))
        assert app.screen.path == series(folder, 2)[1]  # type: ignore[attr-defined]

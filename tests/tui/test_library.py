"""The library in the reader, driven by real key presses: the list, the filter, opening
and leaving briefs, broken files, actors across briefs, and Changes (search across briefs: test_library_search.py)."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest
from benchmarks.generate import write_series
from textual import events

from briefing_tui.core.files import brief_files
from briefing_tui.core.library import Library
from briefing_tui.core.ref import Ref
from briefing_tui.tui.app import BriefingApp
from briefing_tui.tui.screens.document import DocumentScreen
from briefing_tui.tui.screens.help import HelpScreen
from briefing_tui.tui.screens.library import FilterInput, LibraryScreen
from briefing_tui.tui.screens.main import MainScreen
from briefing_tui.tui.widgets.item_list import ItemList
from briefing_tui.tui.widgets.page import Page
from briefing_tui.tui.widgets.search_panel import SearchInput, SearchPanel
from tests.tui.support import crumbs_of, make_app, palette_settled, shown_page, until

HOUR_AGO = time.time() - 3600


def library_folder(folder: Path, briefs: int = 6) -> Path:
    """A folder of generated briefs in one series, and one broken file."""
    write_series(folder, briefs)
    (folder / "broken.yaml").write_text("brief: 1\ntitle: [unclosed\n", encoding="utf-8")
    for path in folder.iterdir():
        os.utime(path, (HOUR_AGO, HOUR_AGO))
    return folder


def make_library_app(folder: Path, *, read: bool = True) -> BriefingApp:
    files, _ = brief_files([str(folder)])
    library = Library(files)
    if read:
        for _ in library.read():
            pass
    return BriefingApp(library=library)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return library_folder(tmp_path / "briefs")


def listing(app: BriefingApp) -> ItemList:
    screen = app.screen
    assert isinstance(screen, LibraryScreen)
    return screen.listing


def crumbs(app: BriefingApp) -> str:
    return crumbs_of(app)


async def filtered(pilot, app: BriefingApp) -> None:  # type: ignore[no-untyped-def]
    """Wait until the list answers the filter in the box (answers come from a thread)."""
    screen = app.screen
    assert isinstance(screen, LibraryScreen)
    await until(pilot, lambda: screen.answered == screen.query_one(FilterInput).value)


def reader(app: BriefingApp) -> MainScreen:
    screen = app.screen
    assert isinstance(screen, MainScreen)
    return screen


async def select_link(pilot, app: BriefingApp, wanted) -> Ref:  # type: ignore[no-untyped-def]
    """Press `]` until the selected link's target satisfies `wanted`; return it."""
    page = app.focused
    assert isinstance(page, Page)
    for _ in range(len(page.document.targets)):
        await pilot.press("right_square_bracket")
        target = page.selected_target
        if target is not None and wanted(target):
            return target
    raise AssertionError("no such link on the page")


# -- the list ---------------------------------------------------------------------------


async def test_the_library_lists_every_brief_newest_first_and_a_broken_file_last(folder):
    app = make_library_app(folder)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        rows = listing(app).rows
        assert [row.title for row in rows[:6]] == [f"Generated series 0, day {d} (not real content)" for d in range(5, -1, -1)]
        assert rows[0].note == "2026-01-06"
        assert rows[0].body == "#generated #series-000 \u00b7 11 actors \u00b7 12 quotes \u00b7 3 open issues \u00b7 series-000-day-005.yaml"
        assert (rows[6].title, rows[6].note) == ("broken.yaml", "cannot be opened")
        assert rows[6].body.startswith(f"{folder / 'broken.yaml'}:3:1: error: YAML syntax")
        assert "6 briefs, newest first \u00b7 1 file cannot be opened" in crumbs(app)
        assert app.focused is listing(app)
        # No widget per row: the screen is a handful of widgets, however long the list.
        assert len(list(app.screen.walk_children())) < 30


async def test_a_cold_library_fills_in_as_it_is_read(folder):
    app = make_library_app(folder, read=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: "newest first" in crumbs(app))
        assert listing(app).rows[0].title == "Generated series 0, day 5 (not real content)"
        assert not app.screen.library.pending  # type: ignore[attr-defined]
        # The cursor is on the newest brief, not on the file that was read first.
        assert listing(app).cursor == 0
        await pilot.press("enter")
        await pilot.pause()
        assert reader(app).path == str(folder / "series-000-day-005.yaml")


async def test_the_filter_narrows_the_list_as_you_type(folder):
    app = make_library_app(folder)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f")
        assert isinstance(app.focused, FilterInput)
        await pilot.press(*"day", "space", "3")  # a title's words; a number is a whole number
        await filtered(pilot, app)
        assert [row.key for row in listing(app).rows] == [str(folder / "series-000-day-003.yaml")]
        assert "1 of 7 files match the filter" in crumbs(app)
        await pilot.press(*["backspace"] * 5, *"2026-01-0")  # a date as written
        await filtered(pilot, app)
        assert len(listing(app).rows) == 6
        await pilot.press("space", *"series-000-day-004")  # and a file's name
        await filtered(pilot, app)
        assert [row.key for row in listing(app).rows] == [str(folder / "series-000-day-004.yaml")]
        await pilot.press(*["backspace"] * 28, *"cannot")
        await filtered(pilot, app)
        assert [row.title for row in listing(app).rows] == ["broken.yaml"]
        await pilot.press("escape")
        assert app.focused is listing(app) and len(listing(app).rows) == 7
        assert app.screen.query_one(FilterInput).value == ""


async def test_keys_typed_at_once_after_f_or_slash_reach_their_box(folder):
    app = make_library_app(folder)
    async with app.run_test(size=(80, 24)) as pilot:
        # As a fast typist or a paste sends them: all queued before `f` moves the focus.
        for key in "fday-002":
            app.post_message(events.Key({"-": "minus"}.get(key, key), key))
        await until(pilot, lambda: app.screen.query_one(FilterInput).value == "day-002")
        await filtered(pilot, app)
        assert [row.key for row in listing(app).rows] == [str(folder / "series-000-day-002.yaml")]
        await pilot.press("escape")
        for key in "/kalomi":
            app.post_message(events.Key({"/": "slash"}.get(key, key), key))
        await until(pilot, lambda: bool(app.screen.query(SearchInput)) and app.screen.query_one(SearchInput).value == "kalomi")
        await pilot.press("f", "slash")  # in a box, f and / are only characters
        assert app.screen.query_one(SearchInput).value == "kalomif/"
        await pilot.press("escape", "f", "slash", "f")
        assert app.screen.query_one(FilterInput).value == "/f"


async def test_down_keeps_the_filter_and_enter_opens_the_brief_under_the_cursor(folder):
    app = make_library_app(folder)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f", *"series")
        await filtered(pilot, app)
        await pilot.press("down", "j", "enter")
        await pilot.pause()
        screen = reader(app)
        assert screen.path == str(folder / "series-000-day-004.yaml")
        assert screen.brief.title == "Generated series 0, day 4 (not real content)"


# -- opening and leaving briefs --------------------------------------------------------------


async def test_enter_opens_a_brief_and_L_or_backspace_return_to_the_library(folder):
    app = make_library_app(folder)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j", "j", "enter")
        await pilot.pause()
        assert reader(app).path == str(folder / "series-000-day-003.yaml")
        await pilot.press("2", "enter", "L")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        assert listing(app).current_key == str(folder / "series-000-day-003.yaml")  # as it was left
        await pilot.press("enter", "2")
        await pilot.pause()
        await pilot.press("backspace")  # back to the Summary, the first place of this brief
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        await pilot.press("backspace")  # and from there, back to the library
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)


async def test_back_from_a_brief_opened_from_the_filter_the_list_has_the_keys(folder):
    # The filter stays as typed, but `/` searches every brief rather than being typed.
    app = make_library_app(folder)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f", *"day", "space", "3", "enter")  # enter opens the brief once answered
        await until(pilot, lambda: isinstance(app.screen, MainScreen))
        await pilot.press("L")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        assert app.focused is listing(app)
        assert app.screen.query_one(FilterInput).value == "day 3"
        await pilot.press("slash")
        assert isinstance(app.focused, SearchInput)


async def test_a_broken_file_shows_its_findings(folder):
    app = make_library_app(folder)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("G", "enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DocumentScreen)
        text = screen.page.text
        assert "Errors (1)" in text and "3:1  YAML syntax: did not find expected ',' or ']'" in text
        await pilot.press("backspace")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)


async def test_without_a_library_its_keys_do_nothing():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c", "L", "backspace")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen) and len(app.screen_stack) == 1
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        help_text = app.screen.query_one(Page).text
        assert "Back to the library" not in help_text and "The library" not in help_text


async def test_help_in_a_library_lists_its_keys(folder):
    app = make_library_app(folder)
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        text = app.screen.query_one(Page).text
        assert "The library" in text and "Search every brief at once" in text and "Back to the library of briefs" in text


# -- actors across briefs ---------------------------------------------------------------------


async def test_an_actors_page_shows_them_in_other_briefs_and_opens_a_quote_there(folder):
    app = make_library_app(folder)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j", "j", "enter", "2")  # day 3, whose first person has another id
        await pilot.pause()
        listing_ = reader(app).current_pane.home
        assert isinstance(listing_, ItemList)
        listing_.select(Ref("actor", "p000-alias"))
        await pilot.press("enter")
        await pilot.pause()
        text = shown_page(app).text
        assert "In other briefs (5)" in text
        section = text[text.index("In other briefs") :]
        days = [line for line in section.splitlines() if line.startswith("\u2022 2026-")]
        assert [line.split()[1] for line in days] == ["2026-01-06", "2026-01-05", "2026-01-03", "2026-01-02", "2026-01-01"]
        target = await select_link(pilot, app, lambda t: t.brief is not None and t.kind == "quote")
        assert target.brief == str(folder / "series-000-day-005.yaml")  # the newest other brief
        await pilot.press("enter")
        await pilot.pause()
        other = reader(app)
        assert other.path == target.brief
        assert other.current_pane.page.document.ref == target.in_brief(None)
        assert "Anna Adler" in shown_page(app).text
        await pilot.press("space")  # scrolled there, to be found so again
        there = (shown_page(app).scroll_y, shown_page(app).link)
        await pilot.press("backspace")  # back to the brief we came from, as we left it
        await pilot.pause()
        back = reader(app)
        assert back.path == str(folder / "series-000-day-003.yaml")
        assert back.current_pane.page.document.ref == Ref("actor", "p000-alias")
        assert shown_page(app).selected_target == target
        await pilot.press("alt+right")  # and forward again, into the other brief, as it was left
        await pilot.pause()
        again = reader(app)
        assert again.path == target.brief
        assert again.current_pane.page.document.ref == target.in_brief(None)
        assert (shown_page(app).scroll_y, shown_page(app).link) == there
        # Back through the actor, the Actors pane and the Summary of the first brief
        # to the library, and forward through both briefs again.
        await pilot.press(*["alt+left"] * 4)
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        await pilot.press(*["alt+right"] * 4)
        await pilot.pause()
        assert reader(app).path == target.brief
        assert reader(app).current_pane.page.document.ref == target.in_brief(None)


# -- Changes ------------------------------------------------------------------------------------


async def test_c_in_the_library_shows_the_changes_and_a_link_opens_the_item(folder):
    app = make_library_app(folder)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c")  # on day 5, which follows day 4
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DocumentScreen)
        text = screen.page.text
        assert "Generated series 0, day 4 (not real content)" in text and "(it follows series-000-day-004)" in text
        assert "New actors (1)" in text and "Removed actors (1)" in text and "New quotes (12)" in text
        target = await select_link(pilot, app, lambda t: t.kind == "actor" and t.brief == str(folder / "series-000-day-005.yaml"))  # the new actor
        await pilot.press("enter")
        await pilot.pause()
        opened = reader(app)
        assert opened.path == str(folder / "series-000-day-005.yaml")
        assert opened.current_pane.page.document.ref == target.in_brief(None)
        await pilot.press("backspace")
        await pilot.pause()
        assert isinstance(app.screen, DocumentScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)


async def test_changes_from_a_brief_name_its_status_moves_and_removed_items_open_the_older_brief(folder):
    app = make_library_app(folder)
    async with app.run_test(size=(80, 40)) as pilot:
        await pilot.press("j", "j", "enter", "c")  # day 3 against day 2: statuses move on day 3
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DocumentScreen)
        text = screen.page.text
        assert "Changed issues (4)" in text and "\u2192" in text
        target = await select_link(pilot, app, lambda t: t.kind == "actor" and t.brief == str(folder / "series-000-day-002.yaml"))
        await pilot.press("enter")
        await pilot.pause()
        assert reader(app).path == str(folder / "series-000-day-002.yaml")
        assert reader(app).current_pane.page.document.ref == target.in_brief(None)


async def test_the_first_brief_of_a_series_has_nothing_to_compare_with(folder):
    app = make_library_app(folder)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f", *"day-000", "enter", "c")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DocumentScreen)
        assert "Nothing to compare it with: no earlier brief has the same tags." in screen.page.text


# -- search across briefs ----------------------------------------------------------------------


async def test_a_file_changed_while_away_is_read_again_on_return(folder):
    app = make_library_app(folder)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        changed = folder / "series-000-day-001.yaml"
        changed.write_text(changed.read_text(encoding="utf-8").replace("title: Generated series 0, day 1", "title: Edited day one"), encoding="utf-8")
        fixed = folder / "broken.yaml"
        fixed.write_text("brief: 1\ntitle: Fixed\ndate: 2025-12-31\nsummary: Fixed.\n", encoding="utf-8")
        await pilot.press("L")
        await until(pilot, lambda: "7 briefs, newest first" in crumbs(app))
        titles = [row.title for row in listing(app).rows]
        assert "Edited day one (not real content)" in titles and titles[-1] == "Fixed"


async def test_the_palette_opens_a_brief_by_its_title(folder):
    app = make_library_app(folder)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p", *"day 4")
        await until(pilot, lambda: palette_settled(app))
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, MainScreen))
        assert reader(app).path == str(folder / "series-000-day-004.yaml")


async def test_two_briefs_with_one_id_are_flagged_in_the_list(tmp_path):
    folder = tmp_path / "briefs"
    write_series(folder, 2)
    first = sorted(folder.iterdir())[0]
    twin = folder / "twin.yaml"
    twin.write_text(first.read_text(encoding="utf-8"), encoding="utf-8")
    app = make_library_app(folder)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        bodies = {row.key: row.body for row in listing(app).rows}
        brief_id = first.stem
        assert f"another brief has the same id '{brief_id}' ({twin})" in bodies[str(first)]
        assert f"another brief has the same id '{brief_id}' ({first})" in bodies[str(twin)]
        assert sum("same id" in body for body in bodies.values()) == 2


async def test_a_search_while_briefs_are_read_says_what_it_has_not_seen_and_is_asked_again(folder, monkeypatch):
    # The reading stops after the first brief until the test lets it go on: the
    # answer in between counts only that brief's hits, and says how many are unread.
    gate = threading.Event()
    read = Library.read

    def slow_read(self, batch: int = 50):  # type: ignore[no-untyped-def]
        briefs = read(self, batch=1)
        yield next(briefs)
        gate.wait(20)
        yield from briefs

    monkeypatch.setattr(Library, "read", slow_read)
    app = make_library_app(folder, read=False)
    async with app.run_test(size=(100, 24)) as pilot:
        await until(
            pilot, lambda: app.screen.library.entries and sum(e.waiting for e in app.screen.library.entries.values()) == 6
        )  # one of seven read
        await pilot.press("slash", *"generated")
        panel = app.screen.query_one(SearchPanel)
        await until(pilot, lambda: panel.answered == "generated")
        count = str(app.screen.query_one("#search-count").render())
        assert "6 briefs not read yet" in count and panel.partial
        partial = len(panel.hits)
        gate.set()
        await until(pilot, lambda: app.screen.library.unread == 0 and not panel.partial)
        count = str(app.screen.query_one("#search-count").render())
        assert "not read yet" not in count
        assert len(panel.hits) > partial
        await pilot.press(*"zzzqqq")
        await until(pilot, lambda: panel.answered == "generatedzzzqqq")
        results = app.screen.query_one("#search-results", ItemList)
        assert not results.rows and results.empty == ""  # "No match", and no "Type to search" below

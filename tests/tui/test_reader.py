"""The reader on the real brief, driven by real key presses under Pilot."""

from __future__ import annotations

import gc

import pytest

from briefing_tui.core.ref import Ref
from briefing_tui.tui.app import BriefingApp
from briefing_tui.tui.widgets.item_list import ItemList
from briefing_tui.tui.widgets.matrix import PositionMatrix
from briefing_tui.tui.widgets.page import Page
from tests.tui.screen import screen_lines
from tests.tui.support import laid_out, main, make_app, open_item, shown_page, started, type_ahead, until


def focused_pane(app: BriefingApp) -> str:
    return main(app).current_pane.pane_name


async def test_opens_on_the_summary_with_title_and_date():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert focused_pane(app) == "summary"
        assert app.title == "Russia renews invitation to Zelensky for Moscow peace talks"
        assert app.sub_title == "2026-01-29"
        text = shown_page(app).text
        assert "Thursday 29 January 2026" in text
        assert "Key points" in text and "Timeline" in text and "Sources" in text
        assert "[[" not in text  # links show as what they name
        assert isinstance(app.focused, Page)


async def test_the_collector_paused_for_start_up_resumes_once_the_first_screen_is_drawn():
    # The command line pauses the cyclic collector while the reader starts; the
    # app must resume it, or a long session would never collect a cycle.
    gc.collect()
    gc.disable()
    try:
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert "Russia renews" in shown_page(app).text
            assert gc.isenabled()
    finally:
        gc.enable()
        gc.unfreeze()


async def test_the_bar_of_keys_follows_the_first_screen():
    from briefing_tui.tui.widgets.key_bar import KeyBar

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await started(pilot, app)
        keys = [key.display for key in app.screen.query_one(KeyBar).shown]
        assert {"1-5", "/", "?"} <= set(keys)


@pytest.mark.parametrize(
    ("key", "pane", "widget"),
    [("1", "summary", Page), ("2", "actors", ItemList), ("3", "quotes", ItemList), ("4", "issues", ItemList), ("5", "positions", PositionMatrix)],
)
async def test_number_keys_switch_panes(key, pane, widget):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4" if key == "1" else "1", key)
        await pilot.pause()
        assert focused_pane(app) == pane
        assert isinstance(app.focused, widget)
        assert (
            main(app).breadcrumb()[0]
            == {"summary": "Summary", "actors": "Actors", "quotes": "Quotes", "issues": "Issues", "positions": "Positions"}[pane]
        )


async def test_actors_are_grouped_by_side_with_role_and_kind():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        listing = app.focused
        assert isinstance(listing, ItemList)
        headings = [row.title for row in listing.rows if row.heading]
        assert headings == ["Ukraine (2)", "Russia (6)", "United States (4)"]
        peskov = next(row for row in listing.rows if row.key == Ref("actor", "peskov"))
        assert peskov.note == "Kremlin spokesman \u00b7 person"


async def test_quotes_newest_first_and_never_cut():
    app = make_app()
    async with app.run_test(size=(40, 24)) as pilot:
        await pilot.press("3")
        listing = app.focused
        assert isinstance(listing, ItemList)
        assert listing.rows[0].key == Ref("quote", "peskov-no-answer")  # the only dated quote
        lines = [listing.render_line(y).text for y in range(8)]
        shown = " ".join(" ".join(lines).split())
        assert "We have reiterated our invitation, but so far there has been no answer" in shown


async def test_moving_in_a_list_with_every_key():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        listing = app.focused
        assert isinstance(listing, ItemList)
        keys = [row.key for row in listing.rows]
        assert listing.current_key == keys[0]
        await pilot.press("j")
        assert listing.current_key == keys[1]
        await pilot.press("down")
        assert listing.current_key == keys[2]
        await pilot.press("k")
        assert listing.current_key == keys[1]
        await pilot.press("up")
        assert listing.current_key == keys[0]
        await pilot.press("G")
        assert listing.current_key == keys[-1]
        await pilot.press("g")
        assert listing.current_key == keys[0]
        await pilot.press("end")
        assert listing.current_key == keys[-1]
        await pilot.press("home")
        assert listing.current_key == keys[0]
        await pilot.press("pagedown")
        assert keys.index(listing.current_key) > 1
        await pilot.press("pageup")
        assert listing.current_key == keys[0]


async def test_headings_are_skipped_by_the_cursor():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        listing = app.focused
        assert isinstance(listing, ItemList)
        for _ in range(len(listing.rows) + 2):
            assert listing.current_key is not None
            await pilot.press("j")


async def test_enter_opens_the_item_in_full():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3", "enter")
        await pilot.pause()
        page = shown_page(app)
        assert page.document.ref.id == "peskov-no-answer"
        text = page.text
        assert "\u201cWe have reiterated our invitation, but so far there has been no answer\u201d" in text
        assert "\u2014 Dmitry Peskov, Kremlin spokesman" in text
        assert "Reported by Interfax news agency" in text
        assert "29 January 2026" in text
        assert "A Putin\u2013Zelensky meeting and the invitation to Moscow" in text  # what it is about
        assert "Referenced by" in text
        assert main(app).breadcrumb()[:2] == ["Quotes", "\u201cWe have reiterated our invitation, but so far\u2026\u201d"]


async def test_actor_detail_shows_quotes_issues_and_mentions():
    app = make_app()
    async with app.run_test(size=(80, 40)) as pilot:
        await open_item(app, "rubio")
        await pilot.pause()
        text = shown_page(app).text
        assert "US Secretary of State" in text
        assert "Quotes (2)" in text and "\u201cwho gets what territory\u201d" in text
        assert "Who gets what territory" in text and "involved, no stated position" in text
        assert "Referenced by" in text


async def test_issue_detail_has_positions_actors_and_quotes():
    app = make_app()
    async with app.run_test(size=(80, 40)) as pilot:
        await pilot.press("4", "j", "enter")
        await pilot.pause()
        page = shown_page(app)
        assert page.document.ref.id == "territory"
        text = page.text
        assert "Positions (2)" in text and "Also involved" in text and "Quotes about it (2)" in text
        assert "Russia" in text and "Ukrainian forces must withdraw" in text


async def test_links_cycle_with_brackets_and_enter_follows():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3", "enter")
        page = shown_page(app)
        assert page.link == -1
        await pilot.press("right_square_bracket")
        first = page.link
        assert first >= 0 and page.selected_target is not None
        await pilot.press("right_square_bracket")
        assert page.link == (first + 1) % len(page.document.targets)
        await pilot.press("left_square_bracket")
        assert page.link == first
        await pilot.press("left_square_bracket")
        assert page.link == (first - 1) % len(page.document.targets)


async def test_quote_to_speaker_to_issue_and_back_again():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3", "enter")
        page = shown_page(app)
        # Follow the speaker link.
        speaker = page.document.targets.index(Ref("actor", "peskov"))
        while page.link != speaker:
            await pilot.press("right_square_bracket")
        await pilot.press("enter")
        await pilot.pause()
        assert (focused_pane(app), shown_page(app).document.ref.id) == ("actors", "peskov")
        # From the speaker to an issue he holds... none: follow the first issue link instead.
        actor_page = shown_page(app)
        issue_link = next(i for i, t in enumerate(actor_page.document.targets) if t == Ref("issue", "putin-zelensky-meeting"))
        while actor_page.link != issue_link:
            await pilot.press("right_square_bracket")
        await pilot.press("enter")
        await pilot.pause()
        assert (focused_pane(app), shown_page(app).document.ref.id) == ("issues", "putin-zelensky-meeting")
        assert app.navigator.history.position == (5, 5)
        # Back twice: the speaker, then the quote with its link still selected.
        await pilot.press("backspace")
        assert (focused_pane(app), shown_page(app).document.ref.id) == ("actors", "peskov")
        assert shown_page(app).link == issue_link
        await pilot.press("alt+left")
        assert (focused_pane(app), shown_page(app).document.ref.id) == ("quotes", "peskov-no-answer")
        assert shown_page(app).link == speaker
        # And forward again.
        await pilot.press("alt+right")
        assert shown_page(app).document.ref.id == "peskov"
        await pilot.press("alt+right")
        assert shown_page(app).document.ref.id == "putin-zelensky-meeting"
        assert app.navigator.history.position == (5, 5)


async def test_back_restores_the_list_cursor_and_scroll():
    app = make_app()
    async with app.run_test(size=(80, 12)) as pilot:
        await pilot.press("2", "G")
        listing = app.focused
        assert isinstance(listing, ItemList)
        key, scroll = listing.current_key, listing.scroll_y
        assert scroll > 0
        await pilot.press("enter")
        assert shown_page(app).document.ref == key
        await pilot.press("1")
        await pilot.press("backspace")
        await pilot.press("backspace")
        await pilot.pause()
        assert main(app).current_pane.showing_detail is False
        assert listing.current_key == key and listing.scroll_y == scroll


async def test_back_restores_the_page_scroll():
    app = make_app()
    async with app.run_test(size=(80, 12)) as pilot:
        await pilot.press("pagedown", "pagedown")
        page = shown_page(app)
        scroll = page.scroll_y
        assert scroll > 0
        await pilot.press("2", "backspace")
        await pilot.pause()
        assert focused_pane(app) == "summary" and shown_page(app).scroll_y == scroll


async def test_page_scroll_keys():
    app = make_app()
    async with app.run_test(size=(80, 12)) as pilot:
        page = shown_page(app)
        await pilot.press("j")
        assert page.scroll_y == 1
        await pilot.press("down", "k")
        assert page.scroll_y == 1
        await pilot.press("up")
        assert page.scroll_y == 0
        await pilot.press("G")
        assert page.scroll_y == page.max_scroll_y > 0
        await pilot.press("g")
        assert page.scroll_y == 0
        await pilot.press("end")
        assert page.scroll_y == page.max_scroll_y
        await pilot.press("home", "pagedown")
        assert page.scroll_y > 1
        await pilot.press("pageup")
        assert page.scroll_y == 0


async def test_top_and_bottom_jump_even_with_animations_on():
    app = make_app()
    async with app.run_test(size=(80, 12)) as pilot:
        app.animation_level = "full"  # as in a real terminal (tests run without)
        await started(pilot, app)
        page = shown_page(app)
        # Every value the page's scroll takes: a glide through the page would pass
        # through the lines between. (pilot.press waits for animations to finish:
        # the keys go in as a terminal sends them.)
        seen: list[float] = []
        page.watch(page, "scroll_y", lambda value: seen.append(value), init=False)
        type_ahead(app, "G")
        await until(pilot, lambda: page.scroll_y != 0)
        assert page.scroll_y == page.max_scroll_y > 0
        assert seen == [page.max_scroll_y]
        type_ahead(app, "g")
        await until(pilot, lambda: page.scroll_y != page.max_scroll_y)
        assert page.scroll_y == 0
        assert seen == [page.max_scroll_y, 0]


async def test_positions_matrix_opens_a_position_with_its_quotes():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("5")
        matrix = app.focused
        assert isinstance(matrix, PositionMatrix)
        matrix.select_target(Ref.position("territory", "russia"))
        await pilot.press("enter")
        await pilot.pause()
        page = shown_page(app)
        assert page.document.ref == Ref.position("territory", "russia")
        assert main(app).breadcrumb()[:3] == ["Positions", "Who gets what territory", "Russia"]
        assert "Ukrainian forces must withdraw" in page.text
        assert "Quotes behind it" in page.text


async def test_position_from_an_issue_has_the_breadcrumb_of_the_issue():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_item(app, "territory")
        await pilot.pause()
        page = shown_page(app)
        target = Ref.position("territory", "ukraine")
        link = page.document.targets.index(target)
        while page.link != link:
            await pilot.press("right_square_bracket")
        await pilot.press("enter")
        await pilot.pause()
        assert main(app).breadcrumb()[:3] == ["Issues", "Who gets what territory", "Ukraine"]


async def test_clicking_a_link_follows_it():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3", "enter")
        page = shown_page(app)
        await laid_out(pilot, page)
        # Find where the speaker's name is drawn and click it.
        for y in range(page.size.height):
            line = page.render_line(y).text
            if "Dmitry Peskov" in line:
                x = line.index("Dmitry Peskov") + 2
                break
        else:
            raise AssertionError("speaker not on screen")
        await pilot.click("#quotes-page", offset=(x + page.styles.padding.left, y))
        await pilot.pause()
        assert shown_page(app).document.ref.id == "peskov"


async def test_clicking_a_row_opens_it():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4")
        await pilot.click("#issues-home", offset=(5, 0))
        await pilot.pause()
        assert shown_page(app).document.ref.id == "putin-zelensky-meeting"


@pytest.mark.slow
async def test_resizing_never_crashes():
    # Every size after every step, in one reader: from tiny to huge and back to 80x24.
    sizes = [(20, 6), (40, 10), (200, 60), (80, 24)]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        for key in ("1", "2", "enter", "3", "enter", "5", "4", "enter"):
            await pilot.press(key)
            for size in sizes:
                await pilot.resize_terminal(*size)
                await pilot.pause()
                assert app.is_running, (key, size)
        for size in sizes:
            await pilot.resize_terminal(*size)
            await pilot.press("right_square_bracket", "enter", "backspace", "j", "G")
            await pilot.pause()
            assert app.is_running, size


async def test_backlinks_show_their_sentence_as_the_reader_sees_it():
    app = make_app()
    async with app.run_test(size=(80, 40)) as pilot:
        await open_item(app, "peskov-no-answer")
        await pilot.pause()
        text = " ".join(shown_page(app).text.split())
        assert "Interfax news agency quoted its spokesman Dmitry Peskov as saying" in text
        assert "[[" not in text and "peskov-no-answer" not in text


async def test_titles_and_headings_keep_their_style():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        listing = app.focused
        assert isinstance(listing, ItemList)
        # The second row (not under the cursor) has a bold title and no note.
        trump = next(i for i, row in enumerate(listing.rows) if row.key == Ref("quote", "trump-very-good-things"))
        strip = listing.render_line(listing._starts[trump])
        assert any(seg.style and seg.style.bold and "Donald Trump" in seg.text for seg in strip)
        await pilot.press("enter")
        page = shown_page(app)
        await laid_out(pilot, page)
        heading_y = page.text.splitlines().index("Context")
        assert any(seg.style and seg.style.bold for seg in page.render_line(heading_y) if seg.text.strip())


@pytest.mark.parametrize("width", [80, 40])
async def test_masthead_keeps_the_date_when_the_title_is_long(width):
    app = make_app()
    async with app.run_test(size=(width, 24)) as pilot:
        await pilot.pause()
        bar = screen_lines(app)[0]
        assert len(bar) == width
        assert bar.endswith(" 2026-01-29 ")  # whole, at the right
        title = "Russia renews invitation to Zelensky for Moscow peace talks"
        if width >= len(title) + len(" 2026-01-29 ") + 2:
            assert bar.startswith(f" {title} ")
        else:
            shown = bar[1 : bar.index("\u2026") + 1]
            assert title.startswith(shown[:-1]) and len(shown) > 10  # cut, with an ellipsis
        # The tabs and the breadcrumb below it.
        assert screen_lines(app)[1].startswith(" 1 Summary  2 Actors  3 Quotes")
        assert screen_lines(app)[2].startswith(" Summary")


async def test_markup_in_a_brief_is_shown_as_written(tmp_path):
    from tests.conftest import MINIMAL

    path = tmp_path / "markup.yaml"
    path.write_text(
        MINIMAL
        + 'actors:\n  - id: x\n    name: "[bold red]X[/] [@click=app.quit]quit[/]"\n'
        + 'quotes:\n  - id: q\n    by: x\n    text: "[link=https://evil.example]click[/link] \\e[31mred\\a"\n',
        encoding="utf-8",
    )
    app = make_app(path)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("3", "enter", "y")
        await pilot.pause()
        text = shown_page(app).text
        assert "[link=https://evil.example]click[/link]" in text
        assert "\x1b" not in text and "\u241b[31mred\u2407" in text  # control characters made visible
        from textual.widgets._toast import Toast

        await pilot.pause(0.2)
        toasts = [str(toast.render()) for toast in app.screen.query(Toast)]
        assert any("[link=https://evil.example]click[/link]" in shown for shown in toasts), toasts
        await pilot.press("2")
        listing = app.focused
        assert isinstance(listing, ItemList)
        assert "[bold red]X[/] [@click=app.quit]quit[/]" in listing.render_line(1).text
        await pilot.click("#actors-home", offset=(10, 1))
        await pilot.pause()
        assert app.is_running  # the [@click] was text, not an action


def test_quitting_before_the_first_screen_is_quiet(capsys):
    # A `q` typed ahead: the app exits while the main screen is still mounting.
    app = make_app()

    async def quit_at_once(pilot) -> None:  # type: ignore[no-untyped-def]
        app.exit()

    for _ in range(3):
        app = make_app()
        app.run(headless=True, size=(80, 24), auto_pilot=quit_at_once)
        assert app.return_code == 0
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    assert "NoMatches" not in captured.out + captured.err

"""The Positions matrix shows who stands where, whole: at any width, every actor
involved, the cell under the cursor in full, and as it was left after going back.
And on a wide screen, a list shows the page of the item under its cursor beside it."""

from __future__ import annotations

from briefing_tui.core.ref import Ref
from briefing_tui.tui.widgets.item_list import ItemList
from briefing_tui.tui.widgets.matrix import PositionMatrix
from briefing_tui.tui.widgets.page import Page
from tests.tui.screen import screen_lines
from tests.tui.support import main, make_app, shown_page, started

TITLE = "A Putin\u2013Zelensky meeting and the invitation to Moscow"
ZELENSKY = (
    "Turned down a similar invitation last year, saying he could not visit the capital of a country"
    " firing missiles at Ukraine every day, and suggested that Putin come to Kyiv instead."
    " No reply yet to the renewed invitation."
)


def matrix_lines(matrix: PositionMatrix) -> list[str]:
    return [matrix.render_line(y).text for y in range(matrix.size.height)]


def below_rows(matrix: PositionMatrix) -> str:
    """The text drawn below the matrix's rows, joined into one line."""
    lines = matrix_lines(matrix)
    return " ".join(" ".join(lines[1 + matrix._visible_rows() :]).split())


async def test_columns_share_the_width_and_the_cell_under_the_cursor_is_shown_in_full():
    app = make_app()
    async with app.run_test(size=(200, 60)) as pilot:
        await pilot.press("5", "l")
        matrix = app.focused
        assert isinstance(matrix, PositionMatrix)
        lines = matrix_lines(matrix)
        header = lines[0]
        # Seven open issues share the 200 columns: every one on screen, far wider than 20.
        starts = [header.index(title) for title in ("A Putin", "Who gets", "International", "The Zaporizhzhia", "US-backed", "A halt", "US-mediated")]
        assert min(b - a for a, b in zip(starts, starts[1:], strict=False)) >= 24
        assert "Who gets what territory" in header  # whole, where 20 columns cut it
        zelensky = next(line for line in lines if line.startswith(" Volodymyr Zelensky"))
        assert "? Turned down a similar\u2026" in zelensky  # the leaning's sign, then where 20 columns showed "Turned down a…"
        # Below the rows: the full title, the actor and the whole stance.
        assert below_rows(matrix) == f"{TITLE} Volodymyr Zelensky: ? {ZELENSKY} [unclear]"

        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        lines = matrix_lines(matrix)
        assert lines[0].count("\u2026") == 3  # three issues on screen, each title cut with an ellipsis
        assert below_rows(matrix) == f"{TITLE} Volodymyr Zelensky: ? {ZELENSKY} [unclear]"
        # Sideways: the last issue scrolls into view, and its header with it.
        await pilot.press("l", "l", "l", "l", "l", "l")
        assert matrix.column == 7
        assert "US-mediated" in matrix.render_line(0).text
        assert below_rows(matrix).startswith("US-mediated peace talks in Abu Dhabi Volodymyr Zelensky: not involved")


async def test_every_actor_involved_is_a_row_and_what_is_cut_ends_in_an_ellipsis():
    app = make_app()
    async with app.run_test(size=(40, 12)) as pilot:
        await started(pilot, app)
        await pilot.press("5")
        matrix = app.focused
        assert isinstance(matrix, PositionMatrix)
        names = [name for _, name, _ in matrix._grid.actors]
        # Named among an issue's actors with no stated position: rows too.
        for involved in ("Marco Rubio", "Vladimir Putin", "Dmitry Peskov", "Unnamed US official", "United States"):
            assert involved in names, involved
        lines = matrix_lines(matrix)
        assert lines[0].startswith(" Actor ") and "A Putin\u2013Zelensky meeting\u2026" in lines[0]
        assert lines[1].startswith(" Volodymyr\u2026 ")  # never "Volodymyr Zelens"
        assert all("Zelens " not in line for line in lines)
        # Rubio on territory: involved, without a position.
        matrix.select_target(Ref("actor", "rubio"))
        await pilot.press("l", "l")
        await pilot.pause()
        row = next(line for line in matrix_lines(matrix) if line.startswith(" Marco Rubio"))
        assert "involved" in row
        assert matrix.current_target == Ref("issue", "territory")
        assert below_rows(matrix) == "Who gets what territory Marco Rubio: involved, no stated position."
        # At 40x12 the cell in full still fits: a long stance ends with an ellipsis,
        # the rows and the bar of keys stay where they are.
        matrix.select_target(Ref.position("putin-zelensky-meeting", "zelensky"))
        await pilot.pause()
        lines = matrix_lines(matrix)
        assert lines[-1].rstrip().endswith("\u2026")
        detail = below_rows(matrix)
        assert detail.startswith("A Putin\u2013Zelensky meeting and the") and "Volodymyr Zelensky: ? Turned down" in detail
        screen = screen_lines(app)
        assert len(screen) == 12 and "? Help" in screen[-1]
        assert all(line.strip() for line in lines[1 : 1 + matrix._visible_rows()])  # a row on each line above


async def test_back_shows_the_matrix_as_it_was_left():
    target = Ref.position("territory", "russia")
    app = make_app()
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.press("5")
        matrix = app.focused
        assert isinstance(matrix, PositionMatrix)
        matrix.select_target(target)  # a row far enough down to scroll at this height
        await pilot.pause()
        top, before = matrix.top, matrix_lines(matrix)
        await pilot.press("enter")
        assert shown_page(app).document.ref == target
        await pilot.press("backspace")
        await pilot.pause()
        assert app.focused is matrix and matrix.current_target == target
        assert (matrix.top, matrix_lines(matrix)) == (top, before)

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("5")
        matrix = app.focused
        assert isinstance(matrix, PositionMatrix)
        matrix.select_target(target)
        await pilot.press("enter", "backspace")
        await pilot.pause()
        assert app.focused is matrix and matrix.current_target == target
        # Every actor's row, not the last two: the matrix was measured while hidden.
        rows = [line for line in matrix_lines(matrix)[1:] if line.strip()]
        assert rows[0].startswith(" Volodymyr Zelensky")
        names = [name for _, name, _ in matrix._grid.actors]
        assert all(row.startswith(f" {name} ") for row, name in zip(rows, names, strict=False)) and len(rows) > len(names)


async def test_a_list_shows_the_page_of_the_item_under_its_cursor_on_a_wide_screen():
    app = make_app()
    async with app.run_test(size=(130, 30)) as pilot:
        await started(pilot, app)
        await pilot.press("2")
        pane = main(app).current_pane
        listing = app.focused
        assert isinstance(listing, ItemList)
        preview = app.screen.query_one("#actors-preview", Page)
        assert preview.display and preview.region.x > listing.region.x and preview.region.width > 40
        assert preview.document.ref == listing.current_key == Ref("actor", "zelensky")
        await pilot.press("j", "j")
        assert preview.document.ref == listing.current_key == Ref("actor", "putin")
        assert "President of Russia" in preview.text
        # The keys stay with the list: tab never lands on the preview.
        for _ in range(3):
            await pilot.press("tab")
            assert app.focused is not preview
        await pilot.press("shift+tab", "shift+tab", "shift+tab")
        assert app.focused is listing
        # Enter opens the item in full, as on any screen.
        await pilot.press("enter")
        assert pane.showing_detail and shown_page(app).document.ref == Ref("actor", "putin")
        assert not preview.display or preview.region.width == 0
        await pilot.press("backspace", "3")
        quotes = app.screen.query_one("#quotes-preview", Page)
        assert quotes.document.ref == main(app).current_pane.rows.current_key  # type: ignore[union-attr]
        # Narrower than 120 columns: the list alone, as before.
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert not quotes.display and main(app).current_pane.home.region.width == 100
        await pilot.resize_terminal(130, 30)
        await pilot.press("j")
        await pilot.pause()
        assert quotes.display and quotes.document.ref == main(app).current_pane.rows.current_key  # type: ignore[union-attr]

"""Ready for a meeting, in the reader: marks made with keys, shown as M everywhere,
talking points reordered and annotated, kept across a restart; the view on screen
exported (x) and copied (Y)."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing_tui.core.marks import key_point_ref
from briefing_tui.core.ref import Ref
from briefing_tui.tui.screens.mark_summary import MarkSummaryScreen
from briefing_tui.tui.screens.talking_points import TalkingPointsScreen
from tests.export_check import parse_html
from tests.tui.support import main, make_app, shown_page, started, until


def row_text(item_list, number: int) -> str:  # type: ignore[no-untyped-def]
    return "".join(strip.text for strip in item_list._render_row(number))


@pytest.mark.slow
async def test_marks_made_with_keys_are_reordered_annotated_and_found_after_a_restart(private_user_folders):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await started(pilot, app)
        await pilot.press("3")
        quotes = main(app).pane("quotes").rows
        assert quotes is not None
        first = quotes.current_key
        await pilot.press("m", "j", "j")
        second = quotes.current_key
        await pilot.press("m", "5", "l")
        matrix = main(app).pane("positions").matrix
        assert matrix is not None
        position = matrix.current_target
        await pilot.press("m")
        assert isinstance(first, Ref) and isinstance(second, Ref) and position is not None and position.kind == "position"
        await until(pilot, lambda: len(main(app).marks) == 3)
        # A letter, not only a colour: in the matrix's cells, the list's rows, the item's page.
        assert "M ? Turned down" in matrix.render_line(1).text
        assert matrix._describe()[1].plain.startswith("M Volodymyr Zelensky: ? Turned down")  # the cell in full, below
        await pilot.press("3")
        assert row_text(quotes, 0).startswith(" M Dmitry Peskov") and not row_text(quotes, 1).startswith(" M")
        await pilot.press("enter")
        await until(pilot, lambda: shown_page(app).text.startswith("M  Marked"))
        # On the Summary, m asks which key point or timeline entry.
        await pilot.press("1", "m")
        await until(pilot, lambda: isinstance(app.screen, MarkSummaryScreen))
        await pilot.press("j", "m", "escape")
        await until(pilot, lambda: len(main(app).marks) == 4)
        assert any(line.startswith("M Officials involved say") for line in shown_page(app).text.splitlines())
        await pilot.press("t")
        await until(pilot, lambda: isinstance(app.screen, TalkingPointsScreen))
        await pilot.press("J", "n", *"Ask when", "space", *"Kyiv answers", "enter")
        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(app.screen, TalkingPointsScreen))
    again = make_app()  # a restart
    async with again.run_test(size=(100, 30)) as pilot:
        await started(pilot, again)
        await pilot.press("t")
        await until(pilot, lambda: isinstance(again.screen, TalkingPointsScreen))
        screen = again.screen
        assert isinstance(screen, TalkingPointsScreen)
        rows = screen.points.rows
        assert [row.key for row in rows] == [second, first, position, key_point_ref(again.brief.key_points[1])]  # type: ignore[union-attr]
        assert rows[1].title.startswith("2. \u201cWe have reiterated our invitation") and rows[1].body == "Note: Ask when Kyiv answers"
        assert rows[2].title.startswith("3. Volodymyr Zelensky: Turned down")
        assert private_user_folders[1] in screen.marks.path.parents


async def test_the_view_on_screen_is_exported_to_a_file_and_copied_as_markdown(tmp_path: Path, monkeypatch, private_user_folders):
    monkeypatch.setenv("HOME", str(tmp_path))  # no downloads folder: exports go to the data folder
    monkeypatch.delenv("XDG_DOWNLOAD_DIR", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await started(pilot, app)
        await pilot.press("5", "Y")
        await until(pilot, lambda: app.clipboard.startswith("# Russia renews invitation"))
        assert "| Actor | A Putin\u2013Zelensky meeting and the invitation to Moscow |" in app.clipboard
        await pilot.press("x", "h")
        saved = private_user_folders[1] / "exports" / "moscow-invitation-2026-01-29-positions.html"
        await until(pilot, lambda: saved.exists() and saved.read_text(encoding="utf-8").endswith("</html>\n"))
        await until(pilot, lambda: any(f"Exported to {saved}" in str(n.message) for n in app._notifications))
        # In the search results, m marks the hit under the cursor, and its row shows it.
        await pilot.press("slash", *"peskov")
        results = main(app).search_results()
        await until(pilot, lambda: any(row.title == "Dmitry Peskov" for row in results.rows))
        await pilot.press("down", "m")
        await until(pilot, lambda: Ref("actor", "peskov") in main(app).marks)
        assert row_text(results, results.cursor).startswith(" M Dmitry Peskov")
    parsed = parse_html(saved.read_text(encoding="utf-8"))
    assert ("th", {"scope": "row"}) in parsed.tags and "Volodymyr Zelensky" in "".join(parsed.text)

"""What is new since the user last read a brief, and reopening where they left it:
the real reader on a real brief edited between its runs, keys pressed as a user does."""

from __future__ import annotations

import shutil

from briefing_tui.core import load_brief
from briefing_tui.tui.app import BriefingApp
from tests.conftest import REAL_BRIEF
from tests.tui.support import main, shown_page, started, until

ADDED_ACTOR = """\
  - id: erdogan
    name: Recep Tayyip Erdogan
    kind: person
    role: President of Turkey
"""
ADDED_QUOTE = """\
  - id: erdogan-ready
    by: erdogan
    text: Turkey is ready to host the meeting
"""


def app_on(path) -> BriefingApp:  # type: ignore[no-untyped-def]
    result = load_brief(path)
    assert result.brief is not None, result.findings
    return BriefingApp(result.brief)


def page_text(app: BriefingApp) -> str:
    return "\n".join("".join(span.text for span in block.spans) for block in shown_page(app).document.blocks)


def edit(path) -> None:  # type: ignore[no-untyped-def]
    """Between two runs: one actor and one quote added, one quote's words changed."""
    text = path.read_text(encoding="utf-8")
    text = text.replace("    text: very good things\n", "    text: very good things indeed\n")
    text = text.replace("quotes:\n", ADDED_ACTOR + "quotes:\n", 1)
    text = text.replace("issues:\n", ADDED_QUOTE + "issues:\n", 1)
    path.write_text(text, encoding="utf-8")


async def test_a_brief_edited_between_runs_marks_exactly_what_was_added_and_changed_and_reopens_where_it_was_left(tmp_path, private_user_folders):
    path = tmp_path / "brief.yaml"
    shutil.copy(REAL_BRIEF, path)

    # First run: nothing is new (everything would be); the reader is left on a quote's page.
    app = app_on(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await started(pilot, app)
        assert "since you last read" not in page_text(app)
        await pilot.press("3", "j", "j", "enter")
        await until(pilot, lambda: main(app).current_pane.showing_detail)
        left = main(app).capture()
        assert left.pane == "quotes" and left.target is not None
        await pilot.press("q")

    edit(path)

    # Second run: back on that quote's page; the Summary counts the news, the lists
    # carry N and C on exactly the added and the changed items.
    app = app_on(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await started(pilot, app)
        here = main(app).capture()
        assert (here.pane, here.target) == (left.pane, left.target)
        screen = main(app)
        assert {(ref.kind, ref.id): what for ref, what in screen.reading.news.items()} == {
            ("actor", "erdogan"): "new",
            ("quote", "erdogan-ready"): "new",
            ("quote", "trump-very-good-things"): "changed",
        }
        await pilot.press("1")
        assert "2 new and 1 changed since you last read" in page_text(app)
        await pilot.press("3")
        rows = screen.current_pane.rows
        assert rows is not None
        assert {key.id: flag for key, flag in rows.flags.items() if key.kind == "quote"} == {"erdogan-ready": "N", "trump-very-good-things": "C"}  # type: ignore[attr-defined]
        # From the Summary, u goes to the first one in the file (the new actor), and
        # reading it clears its N; from an item, to the next one after it.
        await pilot.press("1", "u")
        await until(pilot, lambda: main(app).current_pane.pane_name == "actors" and main(app).current_pane.showing_detail)
        assert main(app).capture().target.id == "erdogan"  # type: ignore[union-attr]
        assert len(screen.reading.news) == 2
        await pilot.press("u")
        await until(pilot, lambda: main(app).capture().target is not None and main(app).capture().target.id == "trump-very-good-things")  # type: ignore[union-attr]
        assert [ref.id for ref in screen.reading.news] == ["erdogan-ready"]
        # U goes back round to the one left.
        await pilot.press("U")
        await until(pilot, lambda: main(app).capture().target is not None and main(app).capture().target.id == "erdogan-ready")  # type: ignore[union-attr]
        assert not screen.reading.news
        await pilot.press("u")
        assert "Nothing is new or changed since you last read this brief." in [n.message for n in app._notifications]
        await pilot.press("1")
        assert "since you last read" not in page_text(app)
        await pilot.press("q")

    # Third run, with reopen = false: the Summary, and nothing is new any more.
    config, _ = private_user_folders
    (config / "settings.toml").write_text("reopen = false\n", encoding="utf-8")
    from briefing_tui.core import settings

    settings.use_settings(settings.read_settings().settings)
    app = app_on(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await started(pilot, app)
        assert main(app).capture().pane == "summary" and not main(app).current_pane.showing_detail
        assert not main(app).reading.news

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


async def test_a_library_counts_what_is_unseen_per_brief_and_reopens_where_it_was_left(tmp_path):
    from briefing_tui.core.files import brief_files
    from briefing_tui.core.library import Library
    from briefing_tui.tui.screens.library import LibraryScreen

    folder = tmp_path / "briefs"
    folder.mkdir()
    shutil.copy(REAL_BRIEF, folder / "moscow.yaml")
    (folder / "other.yaml").write_text("brief: 1\nid: other\ntitle: Another brief\ndate: 2026-01-01\nsummary: Older news.\n", encoding="utf-8")

    def library_app() -> BriefingApp:
        files, _ = brief_files([str(folder)])
        library = Library(files)
        for _ in library.read():
            pass
        return BriefingApp(library=library)

    def note_of(app: BriefingApp, path: str) -> str:
        screen = app.screen
        assert isinstance(screen, LibraryScreen)
        return next(row.note for row in screen.listing.rows if row.key == path)

    moscow = str(folder / "moscow.yaml")
    app = library_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await started(pilot, app)
        assert isinstance(app.screen, LibraryScreen) and app.screen.listing.current_key == moscow
        await pilot.press("enter")
        await until(pilot, lambda: not isinstance(app.screen, LibraryScreen))
        await started(pilot, app)
        await pilot.press("4")
        await pilot.press("L")
        await until(pilot, lambda: isinstance(app.screen, LibraryScreen))
        assert note_of(app, moscow) == "2026-01-29"  # read, and nothing new since
        await pilot.press("j")  # left on the other brief
        await pilot.press("q")

    edit(folder / "moscow.yaml")

    app = library_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await started(pilot, app)
        screen = app.screen
        assert isinstance(screen, LibraryScreen)
        assert screen.listing.current_key == str(folder / "other.yaml")
        await until(pilot, lambda: note_of(app, moscow) == "2026-01-29 \u00b7 3 unseen")
        assert note_of(app, str(folder / "other.yaml")) == "2026-01-01"  # never opened: nothing counted
        # The brief opens where it was left: its Open issues.
        await pilot.press("k", "enter")
        await until(pilot, lambda: not isinstance(app.screen, LibraryScreen))
        await started(pilot, app)
        assert main(app).current_pane.pane_name == "issues"
        await pilot.press("u")  # reading one of the three leaves two
        await until(pilot, lambda: len(main(app).reading.news) == 2)
        await pilot.press("L")
        await until(pilot, lambda: isinstance(app.screen, LibraryScreen) and note_of(app, moscow) == "2026-01-29 \u00b7 2 unseen")

"""Pictures of the screen at 80x24: every pane and a full item view.

After an intended change of the look, refresh them with
`.venv/bin/python -m pytest tests/tui/test_snapshots.py --snapshot-update` and look
at the new pictures before committing them.
"""

from __future__ import annotations

import pytest

from briefing_tui.core import load_brief
from briefing_tui.tui.app import BriefingApp
from tests.conftest import REAL_BRIEF
from tests.tui.support import started

SIZE = (80, 24)


def make_app() -> BriefingApp:
    result = load_brief(REAL_BRIEF)
    assert result.brief is not None
    app = BriefingApp(result.brief)
    app.theme = "textual-dark"
    return app


@pytest.mark.parametrize(
    "keys",
    [
        pytest.param([], id="summary"),
        pytest.param(["2"], id="actors"),
        pytest.param(["3"], id="quotes"),
        pytest.param(["4"], id="issues"),
        pytest.param(["5"], id="positions"),
        pytest.param(["3", "enter", "right_square_bracket", "right_square_bracket"], id="quote-detail-with-link-selected"),
        pytest.param(["2", "j", "j", "enter"], id="actor-detail"),
        pytest.param(["4", "j", "enter"], id="issue-detail"),
        pytest.param(["question_mark"], id="help"),
    ],
)
def test_screen(snap_compare, keys):
    async def until_started(pilot) -> None:  # type: ignore[no-untyped-def]
        await started(pilot, pilot.app)

    assert snap_compare(make_app(), press=keys, terminal_size=SIZE, run_before=until_started)


def make_library_app(folder) -> BriefingApp:
    """The library of a generated series and a broken file, named relative to the
    working folder so that the pictures do not depend on where the test runs."""
    from briefing_tui.core.files import brief_files
    from briefing_tui.core.library import Library
    from tests.tui.test_library import library_folder

    library_folder(folder)
    files, _ = brief_files([folder.name])
    library = Library(files)
    for _ in library.read():
        pass
    app = BriefingApp(library=library)
    app.theme = "textual-dark"
    return app


@pytest.mark.parametrize("keys", [pytest.param([], id="library"), pytest.param(["c"], id="changes")])
def test_library_screen(snap_compare, keys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert snap_compare(make_library_app(tmp_path / "briefs"), press=keys, terminal_size=SIZE)

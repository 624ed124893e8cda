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

SIZE = (80, 24)


def make_app() -> BriefingApp:
    result = load_brief(REAL_BRIEF)
    assert result.brief is not None
    app = BriefingApp(str(REAL_BRIEF), result.brief)
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
    assert snap_compare(make_app(), press=keys, terminal_size=SIZE)

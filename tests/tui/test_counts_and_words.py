"""Counts and words that are right: open issues are the unresolved ones, one of a
thing is singular, and the history counter says what it counts."""

from __future__ import annotations

from briefing_tui.core.files import brief_files
from briefing_tui.core.library import Library
from tests.conftest import run_briefing
from tests.tui.support import crumbs_of, make_app, shown_page

ONE_OF_EACH = """\
brief: 1
title: One of each
date: 2026-02-01
summary: A brief with one actor, one quote and one issue settled.
actors:
  - id: a
    name: Anna
quotes:
  - id: q
    by: a
    text: Done.
issues:
  - id: settled
    title: The settled question
    status: resolved
  - id: still-open
    title: The open question
"""


async def test_the_summary_counts_open_issues_and_says_one_in_the_singular(write_brief):
    path = write_brief(ONE_OF_EACH)
    app = make_app(path)
    async with app.run_test(size=(80, 40)) as pilot:
        await pilot.pause()
        text = shown_page(app).text
        assert "1 actor \u00b7 1 quote \u00b7 1 open issue \u00b7 1 resolved" in text
        await pilot.press("4")
        await pilot.pause()
        notes = [row.note for row in app.focused.rows]  # type: ignore[union-attr]
        assert notes[0].startswith("\u2713 resolved") and notes[1].startswith("\u25cb open")
        await pilot.press("enter", "1")
        await pilot.pause()
        assert crumbs_of(app).endswith("visited 4/4")  # Summary, Issues, the issue, Summary


def test_the_library_and_show_count_and_list_resolved_issues_apart(write_brief):
    path = write_brief(ONE_OF_EACH)
    library = Library(brief_files([str(path.parent)])[0])
    for _ in library.read():
        pass
    entry = library.entries[str(path)]
    assert (entry.actors, entry.quotes, entry.issues) == (1, 1, 1)
    from briefing_tui.tui.rows import library_rows

    assert "1 actor \u00b7 1 quote \u00b7 1 open issue" in library_rows([entry])[0].body
    shown = run_briefing("show", path).stdout
    assert shown.index("OPEN ISSUES") < shown.index("The open question") < shown.index("RESOLVED ISSUES") < shown.index("The settled question")
    markdown = run_briefing("show", path, "--format", "markdown").stdout
    assert "## Open issues" in markdown and "## Resolved issues" in markdown

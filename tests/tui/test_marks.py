"""What is on screen as a sheet, and the marks on pages: the reader's views turned
into exports without running the reader (its pages are plain data)."""

from __future__ import annotations

from briefing_tui.core import LinkIndex, load_brief
from briefing_tui.core.changes import compare
from briefing_tui.core.marks import key_point_ref
from briefing_tui.core.ref import Ref
from briefing_tui.core.sheet import Bullet, Heading, Listing, render
from briefing_tui.tui.documents import issue_document, summary_document
from briefing_tui.tui.library_documents import changes_document
from briefing_tui.tui.marks_on_screen import document_sheet, marked_document, rows_sheet
from briefing_tui.tui.rows import quote_rows
from tests.conftest import REAL_BRIEF
from tests.core.test_changes import NEW, OLD
from tests.export_check import markdown_tokens


def real() -> LinkIndex:
    brief = load_brief(REAL_BRIEF).brief
    assert brief is not None
    return LinkIndex(brief)


def test_a_marked_key_point_and_position_carry_the_letter_on_their_pages():
    index = real()
    point = index.brief.key_points[1]
    summary = marked_document(summary_document(index.brief, index), frozenset({key_point_ref(point)}))
    marked = [b for b in summary.blocks if b.prefix.startswith("M ")]
    assert len(marked) == 1 and "".join(s.text for s in marked[0].spans).startswith("Officials involved say")
    issue = index.brief.issues[0]
    position = Ref.position(issue.id, issue.positions[0].by)
    page = marked_document(issue_document(issue, index), frozenset({position}))
    assert [b.prefix for b in page.blocks if b.prefix.startswith("M ")] == ["M + "]  # the mark, then Russia's leaning
    whole = marked_document(issue_document(issue, index), frozenset({Ref.to(issue)}))
    assert "".join(s.text for s in whole.blocks[0].spans) == "M  Marked: in your talking points (t)"


def test_the_changes_view_exports_as_lists_under_headings(write_brief):
    old = load_brief(write_brief(OLD, "old.yaml")).brief
    new = load_brief(write_brief(NEW, "new.yaml")).brief
    assert old is not None and new is not None
    sheet = document_sheet(changes_document(compare(old, new), "it follows day-1"), "Changes")
    assert sheet.blocks[0] == Heading("Talks, day two", 1)
    headings = [b.text for b in sheet.blocks if isinstance(b, Heading)]
    assert "New actors (1)" in headings and any(h.startswith("Changed issues") for h in headings)
    lists = [b for b in sheet.blocks if isinstance(b, Listing)]
    assert lists and all(isinstance(e, Bullet) for b in lists for e in b.entries)
    md = render(sheet, "md")
    assert "bullet_list_open" in markdown_tokens(md) and "link_open" not in markdown_tokens(md)


def test_a_list_exports_with_its_marks_and_groups():
    index = real()
    rows = quote_rows(index)
    sheet = rows_sheet(rows, "Quotes", frozenset({rows[0].key}))  # type: ignore[arg-type]
    (listing,) = [b for b in sheet.blocks if isinstance(b, Listing)]
    assert listing.entries[0].text.startswith("M Dmitry Peskov \u00b7 Interfax news agency")
    assert listing.entries[0].beneath[0].startswith("\u201cWe have reiterated")
    assert not listing.entries[1].text.startswith("M ")


def test_an_items_page_exports_with_its_title_headings_and_lists():
    index = real()
    issue = index.brief.issues[0]
    sheet = document_sheet(issue_document(issue, index), issue.title)
    assert sheet.blocks[0] == Heading(issue.title, 1)
    headings = [b.text for b in sheet.blocks if isinstance(b, Heading)]
    assert headings[1:4] == ["Summary", "Positions (3)", "Also involved"]
    positions = next(b for b in sheet.blocks if isinstance(b, Listing))
    assert positions.entries[0].text == "+ Russia  [supports \u00b7 as of 2026-01-29]"
    assert positions.entries[0].beneath[0].startswith("Has reiterated its invitation")

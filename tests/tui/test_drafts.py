"""Drafted items in the reader: a `draft` note in their row and a line on their page."""

from __future__ import annotations

from briefing_tui.core.ref import Ref
from briefing_tui.tui.widgets.item_list import ItemList
from tests.conftest import REPO
from tests.tui.support import make_app, shown_page

DRAFTED = REPO / "tests" / "fixtures" / "drafted.yaml"


async def test_a_drafted_quote_says_so_in_its_row_and_on_its_page():
    app = make_app(DRAFTED)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        listing = app.focused
        assert isinstance(listing, ItemList)
        assert listing.rows[0].key == Ref("quote", "peskov-no-answer") and listing.rows[0].note.endswith("draft")
        await pilot.press("enter")
        await pilot.pause()
        page = shown_page(app)
        assert page.document.ref == Ref("quote", "peskov-no-answer")
        assert "Draft: review it, then remove 'draft: true' from the brief" in page.text

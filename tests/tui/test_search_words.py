"""Search shows what it found: a quote's own words, the quote in view when opened,
no group of lesser hits pushing the quotes below the fold, `n` that says what
happened, and the reader's words for where things matched."""

from __future__ import annotations

from briefing_tui.core.ref import Ref
from briefing_tui.tui.widgets.item_list import ItemList
from tests.tui.support import main, make_app, shown_page


def results(app) -> ItemList:  # type: ignore[no-untyped-def]
    return app.screen.query_one("#search-results", ItemList)


def visible_titles(listing: ItemList) -> str:
    return "\n".join(listing.render_line(y).text for y in range(listing.scrollable_content_region.height))


async def test_quote_hits_show_their_words_and_stay_in_view():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *"invitation")
        await pilot.pause()
        listing = results(app)
        screen_text = visible_titles(listing)
        # The quotes are on the first screen of results, above lesser actor hits.
        assert "Quotes (2)" in screen_text, screen_text
        assert "\u2026 3 more" in screen_text
        rows = {row.key: row for row in listing.rows if isinstance(row.key, int)}
        context_hit = next(n for n, hit in enumerate(main(app).query_one("#search").hits) if hit.item_id == "zelensky-firing-missiles")
        row = rows[context_hit]
        assert row.body.startswith("\u201cfiring missiles at Ukraine every day\u201d")  # the quote's words
        assert row.note.startswith("context: ")  # where it matched, in words
        # The row of the rest lists them in place.
        more = next(i for i, r in enumerate(listing.rows) if isinstance(r.key, tuple))
        await pilot.press("down")
        listing.cursor = more
        await pilot.press("enter")
        assert not any(isinstance(r.key, tuple) and r.key[1] == "Actors" for r in listing.rows)
        assert sum(1 for r in listing.rows if isinstance(r.key, int)) == 9
        # Opening the quote hit: its words at the top stay in view.
        listing.select(context_hit)
        await pilot.press("enter")
        await pilot.pause()
        page = shown_page(app)
        assert page.document.ref == Ref("quote", "zelensky-firing-missiles")
        assert page.scroll_y == 0 and "firing missiles at Ukraine every day" in page.render_line(0).text


async def test_n_says_what_happened_to_the_last_search():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        assert "No search yet" in str(list(app._notifications)[-1].message)
        await pilot.press("slash", *"xylophone", "escape", "n")
        await pilot.pause()
        assert "No match for \u201cxylophone\u201d" in str(list(app._notifications)[-1].message)
        await pilot.press("slash", *"kyiv", "escape", "n")
        await pilot.pause()
        assert "closed without opening a hit" in str(list(app._notifications)[-1].message)


async def test_referenced_by_and_hit_rows_speak_the_readers_words():
    app = make_app()
    async with app.run_test(size=(80, 60)) as pilot:
        await app.navigator.open(Ref("actor", "zelensky"))
        await pilot.pause()
        text = shown_page(app).text
        section = text[text.index("Referenced by") :]
        for words in ("in the summary", "their position", "in the notes"):
            assert words in section, words
        for jargon in ("summary link", "positions by", "mention"):
            assert jargon not in section, jargon
        await pilot.press("slash", *"moscow")
        await pilot.pause()
        notes = {row.note for row in results(app).rows if isinstance(row.key, int)}
        assert "other name" in notes and "aliases" not in notes

"""Small things users notice: ctrl+c quits, c and L say why they do nothing for a
brief opened alone, and a source's address is a link that asks before it opens."""

from __future__ import annotations

from briefing_tui.core.ref import Ref
from briefing_tui.tui.screens.open_link import OpenLinkScreen
from tests.conftest import MINIMAL
from tests.tui.support import make_app, shown_page, started


async def test_ctrl_c_quits():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await started(pilot, app)
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert app._exit


async def test_c_and_l_say_why_they_do_nothing_for_a_brief_opened_alone():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await started(pilot, app)
        for key in ("c", "L"):
            await pilot.press(key)
            await pilot.pause()
            messages = [str(n.message) for n in app._notifications]
            assert messages and "need a library" in messages[-1], key
            app.clear_notifications()


async def test_a_sources_address_is_a_link_that_asks_first(write_brief):
    path = write_brief(MINIMAL + "sources:\n  - id: wire\n    name: The Wire\n    url: https://example.org/story\n")
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await started(pilot, app)
        for opened in (False, True):  # on the Summary, then on the source's own page
            page = shown_page(app)
            assert Ref.web("https://example.org/story") in page.document.targets
            page.link = page.document.targets.index(Ref.web("https://example.org/story"))
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, OpenLinkScreen) and app.screen.url == "https://example.org/story"
            await pilot.press("escape")
            if not opened:
                await app.navigator.open(Ref("source", "wire"))
                await pilot.pause()

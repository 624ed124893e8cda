"""The reader in a real browser: Debian's headless Chromium, driven by Playwright.

The page loads from the printed address, keys typed in it change the screen (it
draws on a canvas: screenshots are compared), a link opens in the viewer's own
browser, a browser without the token is refused (and let in when it follows the
address from another site, as from a chat), and a page of another site on this
machine cannot open the reader's websocket, though the browser would send it the
cookie (`127.0.0.1` on another port is the same site, so `SameSite` does not
stop it; the Origin check does).
"""

from __future__ import annotations

import os
import shutil
import time
from urllib.parse import quote

import pytest

from tests.serve.support import Server

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]
HOW_TO_GET_CHROMIUM = (
    "no Chromium on this machine: `apt-get install chromium-headless-shell` (Debian; .ci/run does it), "
    "or set BRIEFING_CHROMIUM to a Chromium or headless_shell binary"
)


def chromium() -> str | None:
    """A Chromium binary: $BRIEFING_CHROMIUM, else Debian's headless shell or Chromium."""
    candidates = [
        os.environ.get("BRIEFING_CHROMIUM"),
        "/usr/lib/chromium/chromium-headless-shell",
        "/usr/lib/chromium/headless_shell",
        shutil.which("chromium-headless-shell"),
        shutil.which("chromium"),
    ]
    return next((path for path in candidates if path and os.access(path, os.X_OK)), None)


def settled(page, unlike: bytes | None = None, timeout: float = 15) -> bytes:  # type: ignore[no-untyped-def]
    """A screenshot once the page stops changing (and differs from `unlike`)."""
    deadline = time.monotonic() + timeout
    last = page.screenshot()
    while time.monotonic() < deadline:
        page.wait_for_timeout(80)
        shot = page.screenshot()
        if shot == last and shot != unlike:
            return shot
        last = shot
    raise AssertionError("the page did not settle" + (" on a new screen" if unlike else ""))


def test_the_reader_in_a_real_browser(served: Server, other_site: str, tmp_path):
    playwright = pytest.importorskip("playwright.sync_api", reason="Playwright is missing: pip install -e '.[test,serve]'")
    binary = chromium()
    if binary is None:
        pytest.skip(HOW_TO_GET_CHROMIUM)
    with playwright.sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=binary, args=CHROMIUM_ARGS)
        try:
            viewer = browser.new_context(viewport={"width": 960, "height": 600})
            page = viewer.new_page()
            problems: list[str] = []
            page.on("console", lambda message: message.type == "error" and problems.append(message.text))
            page.on("pageerror", lambda error: problems.append(str(error)))

            # The printed address: the token becomes a cookie, the address a clean one.
            page.goto(served.url)
            page.wait_for_url(served.base)
            page.wait_for_selector("body.-first-byte")
            page.focus(".xterm-helper-textarea")
            library = settled(page)

            # Keys typed in the page drive the reader (each step waits for the screen
            # to change): open the newest brief, the one with a web link...
            page.keyboard.press("g")
            page.keyboard.press("Enter")
            brief = settled(page, unlike=library)
            # ...select the link and follow it: the question shows where it leads...
            page.keyboard.press("]")
            page.keyboard.press("Enter")
            question = settled(page, unlike=brief)
            for name, shot in (("library", library), ("brief", brief), ("question", question)):
                (tmp_path / f"{name}.png").write_bytes(shot)
            # ...and `o` opens it in the viewer's browser.
            with viewer.expect_page() as opened:
                page.keyboard.press("o")
            landing = opened.value
            landing.wait_for_load_state()
            assert landing.url == f"{other_site}/landing"
            # ...with no handle on the reader's page.
            assert landing.evaluate("window.opener") is None
            assert problems == []

            # Another browser, without the token: refused, and told why.
            stranger = browser.new_context().new_page()
            response = stranger.goto(served.base)
            assert response is not None and response.status == 403
            assert "needs its key" in stranger.content()
            # Given the address in a chat (another site: `localhost`, not `127.0.0.1`),
            # it gets in: the cookie is set by a page of the server's own, which a
            # SameSite=Strict cookie follows where a redirect from the chat would not.
            chat = f"{other_site.replace('127.0.0.1', 'localhost')}/link?to={quote(served.url, safe='')}"
            stranger.goto(chat)
            with stranger.expect_response(served.base) as arrived:
                stranger.click("#go")
            assert arrived.value.status == 200
            stranger.context.close()

            # Another site's page, in the viewer's browser (cookie and all), cannot
            # open the reader's websocket.
            attack = viewer.new_page()
            attack.goto(f"{other_site}/attack.html?target=ws://{served.host}/ws")
            attack.wait_for_function("document.title !== 'waiting'")
            assert attack.title() == "refused"
        finally:
            browser.close()

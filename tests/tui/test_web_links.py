"""Markdown links to the web: selectable like any link, opened only after the user
confirms, and only when they are plain http(s) addresses.

The browser call (`webbrowser.open`, what the terminal driver ends in) is the system
boundary: it is replaced by a recorder, and nothing else is.
"""

from __future__ import annotations

import webbrowser
from pathlib import Path

import pytest

from briefing_tui.core.links import browser_host, web_address_problem
from briefing_tui.core.ref import Ref
from briefing_tui.tui.app import BriefingApp
from briefing_tui.tui.screens.main import MainScreen
from tests.conftest import MINIMAL
from tests.hostile import quoted
from tests.tui.screen import assert_screen_is_safe, screen_lines
from tests.tui.support import make_app, shown_page

GOOD = "https://example.org/wiki/Peace_(talks)?q=1#top"
REFUSED = {
    "javascript": "javascript:alert(document.cookie)",
    "file": "file:///etc/passwd",
    "data": "data:text/html,<script>alert(1)</script>",
    "control": "https://example.org/\x1b]52;c;SE9TVElMRQ==\x07",
    "bidi": "https://example.org/\u202egnp.exe",
    "relative": "notes/secret.html",
}


@pytest.fixture
def opened(monkeypatch) -> list[str]:
    """Every address handed to the browser."""
    calls: list[str] = []
    monkeypatch.setattr(webbrowser, "open", lambda url, *args, **kwargs: calls.append(url) or True)
    return calls


def brief_with_links(tmp_path: Path, *urls: str) -> Path:
    links = " ".join(f"[link {number}]({url})" for number, url in enumerate(urls))
    path = tmp_path / "links.yaml"
    path.write_text(MINIMAL.replace("summary: Nothing happened.", f"summary: {quoted('See ' + links + ' for more.')}"), encoding="utf-8")
    return path


async def select_first_link(pilot, app: BriefingApp) -> None:
    await pilot.pause()
    await pilot.press("right_square_bracket")
    assert shown_page(app).selected_target is not None


def test_only_plain_web_addresses_may_open():
    assert web_address_problem(GOOD) is None
    assert web_address_problem("http://example.org") is None
    for name, url in REFUSED.items():
        assert web_address_problem(url), name
    assert web_address_problem("https://") == "the address names no host"
    assert "javascript:" in (web_address_problem(REFUSED["javascript"]) or "")


async def test_a_web_link_is_a_link_on_the_page(tmp_path, opened):
    app = make_app(brief_with_links(tmp_path, GOOD, "https://example.com/"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        page = shown_page(app)
        assert "See link 0 link 1 for more." in " ".join(page.text.split())
        assert "](" not in page.text
        targets = page.document.targets
        assert targets == [Ref.web(GOOD), Ref.web("https://example.com/")]
        await pilot.press("right_square_bracket", "right_square_bracket")
        assert page.selected_target == Ref.web("https://example.com/")
        await pilot.press("left_square_bracket")
        assert page.selected_target == Ref.web(GOOD)
    assert opened == []


async def test_opening_asks_first_and_shows_the_whole_address(tmp_path, opened):
    app = make_app(brief_with_links(tmp_path, GOOD))
    async with app.run_test(size=(80, 24)) as pilot:
        await select_first_link(pilot, app)
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, MainScreen)  # a question, not a browser
        shown = "\n".join(screen_lines(app))
        assert GOOD in shown and "example.org" in shown
        assert opened == []
        await pilot.press("escape")  # no
        await pilot.pause()
        assert isinstance(app.screen, MainScreen) and opened == []
        await pilot.press("enter", "n")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen) and opened == []
        await pilot.press("enter", "o")  # yes
        await pilot.pause()
        assert opened == [GOOD]
        assert isinstance(app.screen, MainScreen)


async def test_a_click_asks_first_too(tmp_path, opened):
    app = make_app(brief_with_links(tmp_path, GOOD))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        page = shown_page(app)
        y = next(number for number, line in enumerate(page.text.splitlines()) if "link 0" in line)
        x = page.text.splitlines()[y].index("link 0") + 2
        await pilot.click(page, offset=(x, y))
        await pilot.pause()
        assert not isinstance(app.screen, MainScreen)
        assert opened == []
        await pilot.press("o")
        await pilot.pause()
        assert opened == [GOOD]


@pytest.mark.parametrize("name", sorted(REFUSED))
async def test_other_addresses_never_open(tmp_path, opened, name):
    url = REFUSED[name]
    app = make_app(brief_with_links(tmp_path, url))
    async with app.run_test(size=(80, 24)) as pilot:
        await select_first_link(pilot, app)
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, MainScreen)
        assert_screen_is_safe(app)
        shown = "\n".join(screen_lines(app))
        assert "will not open" in shown.lower() or "cannot open" in shown.lower(), shown
        if name == "control":
            assert "\u241b]52;c;SE9TVElMRQ==\u2407" in shown  # the whole address, made visible
        for key in ("o", "enter", "y", "space"):
            await pilot.press(key)
            await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
    assert opened == []


async def test_copying_the_address_instead_of_opening_it(tmp_path, opened):
    app = make_app(brief_with_links(tmp_path, GOOD))
    async with app.run_test(size=(80, 24)) as pilot:
        await select_first_link(pilot, app)
        await pilot.press("enter", "y")
        await pilot.pause()
        assert app.clipboard == GOOD
        assert isinstance(app.screen, MainScreen)
    assert opened == []


async def test_web_links_in_every_markdown_field(tmp_path, opened):
    link = f"[docs]({GOOD})"
    text = (
        MINIMAL.replace("summary: Nothing happened.", f"summary: {quoted(link)}")
        + f"key_points: [{quoted(link)}]\n"
        + f"actors:\n  - id: a\n    name: A\n    notes: {quoted(link)}\n"
        + f"quotes:\n  - id: q\n    by: a\n    text: Words.\n    context: {quoted(link)}\n    about: [i]\n"
        + f"issues:\n  - id: i\n    title: I\n    summary: {quoted(link)}\n    positions:\n      - by: a\n        stance: {quoted(link)}\n"
        + f"timeline:\n  - date: 2026-01-01\n    text: {quoted(link)}\n"
    )
    path = tmp_path / "fields.yaml"
    path.write_text(text, encoding="utf-8")
    app = make_app(path)
    async with app.run_test(size=(80, 40)) as pilot:
        await pilot.pause()
        assert shown_page(app).document.targets.count(Ref.web(GOOD)) == 3  # summary, key point, timeline
        for target in (Ref("actor", "a"), Ref("quote", "q"), Ref("issue", "i"), Ref.position("i", "a")):
            await app.navigator.open(target)
            await pilot.pause()
            assert Ref.web(GOOD) in shown_page(app).document.targets, target
    assert opened == []


async def test_without_a_browser_it_says_so_and_stays(tmp_path, monkeypatch):
    calls: list[str] = []
    monkeypatch.setattr(webbrowser, "open", lambda url, *args, **kwargs: calls.append(url) and False)
    app = make_app(brief_with_links(tmp_path, GOOD))
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await select_first_link(pilot, app)
        await pilot.press("enter", "o")
        await pilot.pause()
        assert calls == [GOOD]
        assert not isinstance(app.screen, MainScreen)  # still asking: y copies instead
        assert any("No web browser" in str(n.message) for n in app._notifications)
        await pilot.press("y")
        await pilot.pause()
        assert app.clipboard == GOOD and isinstance(app.screen, MainScreen)


# Each address, and the host a browser opens for it (not the one it seems to name).
HOSTS = {
    "https://evil.example\\@good.example/": "evil.example",
    "https://good.example@evil.example/": "evil.example",
    "https:/\\evil.example/": "evil.example",
    "https://%65vil.example/": "evil.example",
    "https://0x7f.1/": "127.0.0.1",
    "https://EXAMPLE.org:8080/a": "example.org",
    "https://\u043f\u0440\u0438\u043c\u0435\u0440.\u0440\u0444/": "xn--e1afmkfd.xn--p1ai",
}


def test_the_host_is_the_one_a_browser_opens():
    assert {url: browser_host(url) for url in HOSTS} == HOSTS
    for url in ("https://good.example@evil.example/", "https://evil.example\\@good.example/", "https://a:b@evil.example/"):
        assert web_address_problem(url), url
    assert web_address_problem("https://" + "x" * 1990 + ".example/")  # too long to read whole
    assert web_address_problem("https://0x7f.1/") is None


@pytest.mark.parametrize(
    "url", ["https://evil.example\\@good.example/", "https://good.example@evil.example/", "https://" + "good.example." * 250 + "@evil.example/"]
)
async def test_an_address_that_hides_its_host_shows_it_and_never_opens(tmp_path, opened, url):
    app = make_app(brief_with_links(tmp_path, url))
    async with app.run_test(size=(80, 24)) as pilot:
        await select_first_link(pilot, app)
        await pilot.press("enter")
        await pilot.pause()
        shown = screen_lines(app)
        assert any("host: evil.example" in line for line in shown), shown
        assert "This link will not open" in "\n".join(shown)
        await pilot.press("o", "y")
        await pilot.pause()
        assert_screen_is_safe(app)
    assert opened == []


async def test_an_address_the_question_cannot_show_whole_is_not_opened(tmp_path, opened):
    url = "https://example.org/" + "long-path/" * 150
    app = make_app(brief_with_links(tmp_path, url))
    async with app.run_test(size=(80, 24)) as pilot:
        await select_first_link(pilot, app)
        await pilot.press("enter", "o")
        await pilot.pause()
        assert opened == [] and not isinstance(app.screen, MainScreen)
        assert any("does not fit on the screen whole" in str(n.message) for n in app._notifications)
    app = make_app(brief_with_links(tmp_path, url))
    async with app.run_test(size=(200, 60)) as pilot:  # room for all of it
        await select_first_link(pilot, app)
        await pilot.press("enter", "o")
        await pilot.pause()
        assert opened == [url]

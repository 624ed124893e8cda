"""Only the person with the printed address gets in: the real server over HTTP and
websockets, every refusal a 403.

One server for the whole module (`served`): no test here leaves state behind.
"""

from __future__ import annotations

import re

import pytest

from briefing_tui.serve.guards import Guard, host_name
from tests.serve.support import Server, aiohttp, browser_session, open_reader, screen_text, with_cookie

ROUTES = ("", "ws", "static/js/textual.js", "static/css/xterm.css", "static/", "download/0123456789abcdef", "no-such-page")


async def test_no_token_is_refused_on_every_route(served: Server):
    async with browser_session() as session:
        for route in ROUTES:
            async with session.get(served.base + route) as response:
                assert response.status == 403, route
                assert "needs its key" in await response.text()
                assert not response.cookies
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await open_reader(session, served)
        assert refused.value.status == 403


async def test_a_wrong_token_or_cookie_is_refused(served: Server):
    async with await with_cookie(served) as holder:
        (name,) = [cookie.key for cookie in holder.cookie_jar]
    wrong = served.token[:-1] + ("A" if served.token[-1] != "A" else "B")
    for token in {wrong, "", served.token + "x", "é" * 43, served.token.swapcase()} - {served.token}:
        async with browser_session() as session:
            async with session.get(served.base, params={"token": token}) as response:
                assert response.status == 403, token
                assert not response.cookies
            # A cookie of the right name is no key either when made up, nor is the token.
            async with session.get(served.base, cookies={name: token}) as response:
                assert response.status == 403, token
    async with browser_session() as session:
        async with session.get(served.base, cookies={name: served.token}) as response:
            assert response.status == 403


async def test_the_right_token_is_exchanged_for_a_cookie_then_the_cookie_alone_works(served: Server):
    async with browser_session() as session:
        async with session.get(served.url) as response:
            assert response.status == 200
            cookie = response.headers["Set-Cookie"]
            body = await response.text()
        assert re.match(r"briefing-[0-9a-f]{8}=[\w-]{43}; HttpOnly; Path=/; SameSite=Strict$", cookie)
        assert served.token not in cookie
        # The page moves on to the clean address: no token in the address bar.
        assert "content='0;url=/'" in body and served.token not in body
        async with session.get(served.base) as response:
            assert response.status == 200
            page = await response.text()
            headers = response.headers
        assert f'data-session-websocket-url="ws://{served.host}/ws"' in page
        assert "fonts.googleapis" not in page and "http" not in page.replace(f"ws://{served.host}/ws", "")
        assert headers["Referrer-Policy"] == "no-referrer"
        assert headers["X-Frame-Options"] == "DENY"
        assert "script-src 'self'" in headers["Content-Security-Policy"]
        assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
        async with session.get(served.base + "static/js/textual.js") as response:
            assert response.status == 200
        async with session.get(served.base + "static/") as response:
            assert response.status in (403, 404)  # no listing of the folder
        async with session.get(served.base + "download/0123456789abcdef") as response:
            assert response.status == 404  # past the guard: no such download
        socket = await open_reader(session, served)
        try:
            shown = await screen_text(socket, "A linked brief", "Russia renews invitation")
            assert "A linked brief" in shown and "Russia renews invitation" in shown
        finally:
            await socket.close()


async def test_the_token_in_the_address_opens_any_route(served: Server):
    async with browser_session() as session:
        async with session.get(served.base + "static/js/textual.js", params={"token": served.token}) as response:
            assert response.status == 200
            assert not response.cookies  # only the page exchanges it


async def test_a_foreign_host_is_refused(served: Server):
    async with await with_cookie(served) as session:
        for host in ("evil.example", f"evil.example:{served.port}", f"127.0.0.1.evil.example:{served.port}", "", "[::1", "localhost:http"):
            async with session.get(served.base, headers={"Host": host}) as response:
                assert response.status == 403, host
                assert "host name" in await response.text()
            async with session.get(served.url, headers={"Host": host}) as response:
                assert response.status == 403, host
                assert not response.cookies
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await open_reader(session, served, Host="evil.example", Origin="http://evil.example")
        assert refused.value.status == 403


async def test_loopback_names_another_port_and_allowed_names_are_welcome(served: Server):
    """As through `ssh -L 9000:localhost:PORT`, or a name given with --allow-host:
    the page's addresses follow the name the browser used."""
    async with await with_cookie(served) as session:
        for host in (f"localhost:{served.port}", "localhost:9000", f"[::1]:{served.port}", "LOCALHOST:9000", "briefs.example", "briefs.example.:443"):
            async with session.get(served.base, headers={"Host": host}) as response:
                assert response.status == 200, host
                assert f'data-session-websocket-url="ws://{host}/ws"' in await response.text()
        # Behind a proxy that speaks TLS to the browser, the websocket is a secure one.
        async with session.get(served.base, headers={"Host": "briefs.example", "X-Forwarded-Proto": "https"}) as response:
            assert 'data-session-websocket-url="wss://briefs.example/ws"' in await response.text()


async def test_a_foreign_origin_on_the_websocket_is_refused(served: Server):
    async with await with_cookie(served) as session:
        for origin in (
            "http://evil.example",
            f"http://127.0.0.1:{served.port + 1}",
            f"https://evil.example:{served.port}",
            "null",
            f"{served.origin}.evil",
        ):
            with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                await open_reader(session, served, Origin=origin)
            assert refused.value.status == 403, origin
        # A websocket that does not say where it comes from is refused too.
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await session.ws_connect(served.base + "ws")
        assert refused.value.status == 403
        # Another site's page asking for anything else is refused as well.
        async with session.get(served.base, headers={"Origin": "http://evil.example"}) as response:
            assert response.status == 403


def test_host_names_are_read_as_browsers_send_them():
    assert host_name("Example.ORG:8000") == "example.org"
    assert host_name("[::1]:8000") == "::1"
    assert host_name("localhost.") == "localhost"
    for bad in ("", ":8000", "[::1", "[::1]x", "a:b", "a:8000:9"):
        assert host_name(bad) is None, bad


def test_names_a_server_answers_to():
    loopback = Guard.for_server("127.0.0.1", ["Briefs.Example"])
    assert loopback.names == {"127.0.0.1", "localhost", "::1", "briefs.example"}
    assert Guard.for_server("::1").names == {"127.0.0.1", "localhost", "::1"}
    assert Guard.for_server("192.0.2.7").names == {"192.0.2.7"}
    assert "localhost" in Guard.for_server("0.0.0.0").names
    # New secrets every time, and never the same twice.
    other = Guard.for_server("127.0.0.1")
    assert len({loopback.token, loopback.cookie_value, other.token, other.cookie_value}) == 4

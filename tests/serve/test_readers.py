"""A served reader is a guest: started without a shell, in a minimal environment,
told it is served, and it changes nothing on the server but its cache.

The shared server serves paths holding `$(touch ...)`, backticks, `;`, quotes and
`&`, has secrets in its environment, and a home and a cache of its own.
"""

from __future__ import annotations

import asyncio
import json
import os
from pathlib import Path

from tests.serve.support import WEIRD_FILE, WEIRD_FOLDER, Server, aiohttp, browser_session, open_reader, plain, screen_text, with_cookie


def listing(top: Path) -> dict[str, tuple[int, int, int]]:
    """`top` and everything under it: size, modification time, mode."""
    entries = {}
    for path in [top, *(top.rglob("*") if top.is_dir() else [])]:
        status = path.lstat()
        entries[str(path.relative_to(top))] = (status.st_size, status.st_mtime_ns, status.st_mode)
    return entries


def arguments(pid: int) -> list[str]:
    """A process's command line, one argument each."""
    return [argument.decode() for argument in Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")[:-1]]


async def reader_started(server: Server, known: set[int], socket: aiohttp.ClientWebSocketResponse) -> tuple[int | None, str]:
    """The process id of the reader started after `known` (once it runs the reader:
    just forked, it still runs the server's program), and what it drew."""
    pid = None
    for _ in range(300):
        pid = next((pid for pid in set(server.readers()) - known if "briefing_tui" in arguments(pid)), None)
        if pid is not None:
            break
        await asyncio.sleep(0.01)
    return pid, await screen_text(socket, "A linked brief", "Russia renews invitation")


def environment(pid: int) -> dict[str, str]:
    raw = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
    return dict(item.decode().split("=", 1) for item in raw if item)


async def test_a_reader_gets_its_paths_as_arguments_and_a_minimal_environment(served: Server):
    root = Path(served.errors).parent
    async with await with_cookie(served) as session:
        before = set(served.readers())
        socket = await open_reader(session, served)
        try:
            pid, shown = await reader_started(served, before, socket)
            command = arguments(pid) if pid else []
            env = environment(pid) if pid else {}
        finally:
            await socket.close()
    # Nothing a shell would have run did run...
    assert not [path for path in root.rglob("pwned*")]
    # ...for there was none: the reader is the server's child, its own program with
    # the paths as they are, one argument each.
    assert command[1:] == ["-m", "briefing_tui", str(root / WEIRD_FOLDER), str(root / WEIRD_FILE)]
    assert "A linked brief" in shown and "Russia renews invitation" in shown
    assert env["BRIEFING_SERVED"] == "1"
    assert env["HOME"] == str(root / "home") and env["BRIEFING_CACHE_DIR"] == str(root / "cache")
    assert "BRIEFING_TEST_SECRET" not in env and "AWS_SECRET_ACCESS_KEY" not in env
    assert "the-server-secret" not in "".join(env.values())
    allowed = {"PATH", "LANG", "LANGUAGE", "TERM", "HOME", "BRIEFING_CACHE_DIR", "BRIEFING_SERVED", "PYTHONDONTWRITEBYTECODE", "COLUMNS", "ROWS"}
    extra = {name for name in env if name not in allowed and not name.startswith(("LC_", "XDG_", "TEXTUAL_", "TERM_PROGRAM"))}
    assert not extra


async def test_a_served_reader_changes_nothing_on_the_server_but_its_cache(served: Server):
    root = Path(served.errors).parent
    served_paths = [root / WEIRD_FOLDER, root / WEIRD_FILE]
    before = [listing(path) for path in served_paths]
    async with await with_cookie(served) as session:
        socket = await open_reader(session, served)
        try:
            await screen_text(socket, "A linked brief")
            # Open a brief, search it, copy, go back, ask for help, open the palette.
            # Search the library, open a hit, copy it, ask for help, back to the
            # library: each step waits for what it shows.
            for keys, shown in (
                ("/", "a phrase"),
                ("peskov", "2 matches"),
                ("\r", "Peskov"),
                ("m", "For this tab only"),  # a mark, kept in the reader, not on the server
                ("y", "select the text"),  # a browser's page takes no clipboard request
                ("q", "Peskov"),  # closes the text to select
                ("?", "Search everything in the brief"),
                ("?", "Peskov"),  # `?` again closes it (an escape typed just before a key reads as alt+key)
                ("L", "Library \u203a 2 briefs"),
            ):
                await socket.send_json(["stdin", keys])
                screen = await screen_text(socket, shown, timeout=10)
                assert shown in screen, (keys, plain(screen)[-800:])
        finally:
            await socket.close()
    after = [listing(path) for path in served_paths]
    assert after == before
    assert listing(root / "home") == {".": listing(root / "home")["."]}  # nothing in the home
    assert not os.listdir(root / "work")  # nor where the server was started
    assert os.listdir(root / "cache")  # the cache, its own, was written


async def test_what_a_reader_delivers_is_a_download_for_its_browser_only(served: Server):
    """Textual's Screenshot command delivers an SVG: served, it goes to the browser as
    an attachment (never shown on the site), and only to a holder of the cookie."""
    async with await with_cookie(served) as session:
        socket = await open_reader(session, served)
        try:
            await screen_text(socket, "A linked brief")
            await socket.send_json(["stdin", "\x10"])
            await screen_text(socket, "Screenshot")
            await socket.send_json(["stdin", "screenshot"])
            await screen_text(socket, "SVG")
            await socket.send_json(["stdin", "\r"])
            key = await delivery_key(socket)
            async with browser_session() as stranger:
                async with stranger.get(f"{served.base}download/{key}") as response:
                    assert response.status == 403
            async with session.get(f"{served.base}download/{key}") as response:
                assert response.status == 200
                assert response.headers["Content-Disposition"].startswith('attachment; filename="')
                assert response.headers["Content-Disposition"].endswith(".svg")
                assert response.headers["Content-Security-Policy"].startswith("sandbox")
                assert response.content_type == "image/svg+xml"
                assert (await response.text()).lstrip().startswith("<svg")
        finally:
            await socket.close()
    assert not os.listdir(Path(served.errors).parent / "work")  # nothing saved on the server


async def test_an_export_from_a_served_reader_is_a_download(served: Server):
    """`x` in a served reader: the export (here the talking points, as HTML) becomes a
    download for the viewer's browser, never a file on the server."""
    async with await with_cookie(served) as session:
        socket = await open_reader(session, served)
        try:
            await screen_text(socket, "A linked brief")
            for keys, shown in (("\r", "Summary"), ("t", "Nothing marked yet"), ("x", "h HTML")):
                await socket.send_json(["stdin", keys])
                await screen_text(socket, shown)
            await socket.send_json(["stdin", "h"])
            key = await delivery_key(socket)
            async with session.get(f"{served.base}download/{key}") as response:
                assert response.status == 200
                assert response.headers["Content-Disposition"].startswith('attachment; filename="link-touch-pwned-file-talking-points.html"')
                page = await response.text()
                assert page.startswith("<!DOCTYPE html>") and "<h2>Talking points</h2>" in page
        finally:
            await socket.close()
    assert not os.listdir(Path(served.errors).parent / "work")


async def delivery_key(socket: aiohttp.ClientWebSocketResponse) -> str:
    """The key of the next file the reader delivers, as the page hears of it."""
    async with asyncio.timeout(15):
        async for message in socket:
            if message.type == aiohttp.WSMsgType.TEXT:
                kind, *rest = json.loads(message.data)
                if kind == "deliver_file_start":
                    return str(rest[0])
    raise AssertionError("no delivery")

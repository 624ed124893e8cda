"""The real `briefing serve` as a subprocess, and a browser's side of it over HTTP
and websockets (aiohttp's client), all on the loopback interface."""

from __future__ import annotations

import asyncio
import os
import re
import selectors
import shutil
import subprocess
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.conftest import BRIEFING, MINIMAL, REAL_BRIEF

aiohttp = pytest.importorskip("aiohttp", reason="`briefing serve` needs the [serve] extra: pip install -e '.[test,serve]'")

ADDRESS = re.compile(r"(http://\S+/)\?token=(\S+)")
WEIRD_FOLDER = "briefs $(touch pwned-folder); echo `touch pwned-tick`"
WEIRD_FILE = "link;$(touch pwned-file)&.yaml"
"""Served paths that a shell would run: `$(...)`, backticks, `;`, `&`."""


@dataclass
class Server:
    """A running `briefing serve`."""

    process: subprocess.Popen[bytes]
    base: str
    """`http://127.0.0.1:PORT/`"""
    token: str
    printed: str
    """What it printed on stdout before answering."""
    errors: Path
    """Its stderr."""

    @property
    def url(self) -> str:
        """The address it printed, token and all."""
        return f"{self.base}?token={self.token}"

    @property
    def host(self) -> str:
        """`127.0.0.1:PORT`, as a browser sends it in the Host header."""
        return urlsplit(self.base).netloc

    @property
    def port(self) -> int:
        return urlsplit(self.base).port or 80

    @property
    def origin(self) -> str:
        return self.base.rstrip("/")

    def readers(self) -> list[int]:
        """The process ids of the readers it runs now (its child processes)."""
        children: list[int] = []
        for task in Path(f"/proc/{self.process.pid}/task").glob("*"):
            try:
                children += [int(pid) for pid in (task / "children").read_text().split()]
            except OSError:
                continue
        return children

    def stop(self) -> None:
        """SIGTERM, as a service manager stops it; wait for it to end."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def start_server(
    *paths: str | os.PathLike[str],
    options: tuple[str, ...] = (),
    env: Mapping[str, str] | None = None,
    cwd: Path | None = None,
    errors: Path,
    timeout: float = 30,
) -> Server:
    """Start `briefing serve PATH ... --port 0 OPTIONS` and wait until it answers."""
    with errors.open("w") as stderr:
        process = subprocess.Popen(
            [str(BRIEFING), "serve", *map(str, paths), "--port", "0", *options],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=stderr,
            cwd=cwd,
            env=dict(os.environ if env is None else env),
        )
    assert process.stdout is not None
    printed = b""
    deadline = time.monotonic() + timeout
    with selectors.DefaultSelector() as selector:
        selector.register(process.stdout, selectors.EVENT_READ)
        # Raw reads: a buffered reader could keep the line we wait for from select.
        while not (found := ADDRESS.search(printed.decode("utf-8", "replace"))) or b"stops the server." not in printed:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                raise AssertionError(f"briefing serve did not start: {printed!r} {errors.read_text()!r}")
            if selector.select(timeout=0.2):
                printed += os.read(process.stdout.fileno(), 65536)
    server = Server(process, found.group(1), found.group(2), printed.decode("utf-8", "replace"), errors)
    _wait_until_answering(server, deadline)
    return server


def _wait_until_answering(server: Server, deadline: float) -> None:
    import urllib.error
    import urllib.request

    while True:
        try:
            urllib.request.urlopen(server.base, timeout=2)
        except urllib.error.HTTPError:
            return  # a refusal is an answer
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)
        else:
            return


def browser_session() -> aiohttp.ClientSession:
    """An HTTP client like a browser's tab: it keeps cookies (for an IP address too)."""
    return aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))


async def with_cookie(server: Server) -> aiohttp.ClientSession:
    """A client that has visited the printed address, and so holds the cookie."""
    session = browser_session()
    async with session.get(server.url) as response:
        assert response.status == 200
    return session


async def open_reader(session: aiohttp.ClientSession, server: Server, **headers: str) -> aiohttp.ClientWebSocketResponse:
    """The page's websocket, as the page opens it."""
    return await session.ws_connect(f"{server.base}ws?width=100&height=30", headers={"Origin": server.origin, **headers})


async def screen_text(socket: aiohttp.ClientWebSocketResponse, *wanted: str, timeout: float = 20) -> str:
    """What the reader sent until every `wanted` text was among it, or it closed."""
    received = b""
    deadline = time.monotonic() + timeout
    while not all(text.encode() in received for text in wanted):
        try:
            message = await socket.receive(timeout=max(0.01, deadline - time.monotonic()))
        except TimeoutError:
            break
        if message.type == aiohttp.WSMsgType.BINARY:
            received += message.data
        elif message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.CLOSING):
            break
    return received.decode("utf-8", "replace")


def plain(text: str) -> str:
    """Terminal output without its escape sequences, for messages."""
    return re.sub(r"\x1b(\[[0-9;?<>=$]*[a-zA-Z~]|\][^\x07]*\x07|.)", "", text)


async def until_closed(socket: aiohttp.ClientWebSocketResponse, timeout: float = 20) -> str:
    """Everything the reader sends until the server closes the websocket."""
    received = b""
    async with asyncio.timeout(timeout):
        async for message in socket:
            if message.type == aiohttp.WSMsgType.BINARY:
                received += message.data
    return received.decode("utf-8", "replace")


def served_folder(root: Path, link: str = "https://example.org/") -> list[Path]:
    """What the shared server serves: the real brief in a folder, and a small brief
    holding a web link, both under names a shell would act on."""
    folder = root / WEIRD_FOLDER
    folder.mkdir()
    shutil.copy(REAL_BRIEF, folder / REAL_BRIEF.name)
    small = root / WEIRD_FILE
    text = MINIMAL.replace("title: A small brief", "title: A linked brief").replace("2026-01-29", "2026-02-01")
    small.write_text(text.replace("summary: Nothing happened.", f"summary: 'See [the landing page]({link}).'"), encoding="utf-8")
    return [folder, small]


def clean_environment(home: Path, cache: Path) -> dict[str, str]:
    """The server's environment in tests: a home and a cache of its own, and secrets
    that must not reach a reader."""
    env = {name: value for name, value in os.environ.items() if not name.startswith("XDG_")}
    return env | {
        "HOME": str(home),
        "BRIEFING_CACHE_DIR": str(cache),
        "BRIEFING_TEST_SECRET": "the-server-secret",
        "AWS_SECRET_ACCESS_KEY": "not-for-readers",
    }

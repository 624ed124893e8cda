"""The web server: the page, the websocket each reader talks through, downloads,
and textual-serve's static files, every route behind the guard.

The page's addresses are made from the request's own Host header, never from a
configured public address, so it works reached as `localhost:9000` through
`ssh -L`, by another name, or through a proxy that keeps the Host header.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import json
import logging
import signal
import string
import time
from collections.abc import Callable, Sequence
from importlib.resources import files
from pathlib import Path
from urllib.parse import quote

import textual_serve
from aiohttp import WSMsgType, web
from textual_serve.download_manager import DownloadManager

from briefing_tui.serve.guards import Guard, add_headers
from briefing_tui.serve.sessions import ReaderProcess, Sessions, terminal_message

log = logging.getLogger("briefing.serve")

STATIC = Path(textual_serve.__file__).parent / "static"
"""textual-serve's script, styles and fonts for the page."""

PAGE_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; font-src 'self'; "
    "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
)
"""The page runs only its own script and talks only to its own server."""

TERMINAL_SIZE = (80, 24)
LARGEST_TERMINAL = 1000


class CannotListen(Exception):
    """The address or port cannot be listened on (taken, not this machine's)."""


class ReaderServer:
    """Serves the reader on `paths` to browsers that pass `guard`, as many at once
    as `sessions` allows."""

    def __init__(self, paths: Sequence[str], guard: Guard, sessions: Sessions, title: str) -> None:
        self.paths = list(paths)
        self.guard = guard
        self.sessions = sessions
        self.title = title
        self.downloads = DownloadManager()
        self.readers: set[ReaderProcess] = set()
        self.sockets: set[web.WebSocketResponse] = set()
        self.page_template = string.Template(files("briefing_tui.serve").joinpath("page.html").read_text("utf-8"))

    def application(self) -> web.Application:
        """The aiohttp application: four routes behind the guard."""
        app = web.Application(middlewares=[self.guard.middleware])
        app.add_routes(
            [
                web.get("/", self.page),
                web.get("/ws", self.websocket),
                web.get("/download/{key}", self.download),
                web.static("/static", STATIC, show_index=False, follow_symlinks=False),
            ]
        )
        app.on_response_prepare.append(add_headers)
        app.on_shutdown.append(self.end_all)
        return app

    # -- the page -------------------------------------------------------------------------

    async def page(self, request: web.Request) -> web.Response:
        """The page that draws the reader: its addresses made from the request's Host."""
        size = _number(request.query.get("fontsize"), 16, 6, 64)
        # Behind a proxy that speaks TLS to the browser, the proxy says so; a client
        # that says so falsely only gets an address its own page cannot use.
        forwarded = request.headers.get("X-Forwarded-Proto", "").split(",")[0].strip().lower()
        scheme = "wss" if "https" in (request.scheme, forwarded) else "ws"
        text = self.page_template.substitute(
            title=_attribute(self.title),
            static="/static",
            websocket=_attribute(f"{scheme}://{request.host}/ws"),
            font_size=str(size),
        )
        response = web.Response(text=text, content_type="text/html")
        response.headers["Content-Security-Policy"] = PAGE_POLICY
        # Pages the reader opens (links) get no handle on this one.
        response.headers["Cross-Origin-Opener-Policy"] = "same-origin"
        return response

    # -- a reader per websocket -----------------------------------------------------------

    async def websocket(self, request: web.Request) -> web.WebSocketResponse:
        """One browser's reader: started if a place is free, else the browser is told why."""
        socket = web.WebSocketResponse(heartbeat=15, max_msg_size=64 * 1024)
        width = _number(request.query.get("width"), TERMINAL_SIZE[0], 1, LARGEST_TERMINAL)
        height = _number(request.query.get("height"), TERMINAL_SIZE[1], 1, LARGEST_TERMINAL)
        # The place is taken before the browser hears back, so that one more
        # browser cannot slip in between.
        admitted = self.sessions.reserve()
        try:
            await socket.prepare(request)
            self.sockets.add(socket)
            if not admitted:
                log.info("refused a reader: %d running, the most allowed", self.sessions.running)
                await _tell_and_close(socket, self.sessions.full_message(), width)
            else:
                await self._serve_reader(socket, width, height)
        finally:
            if admitted:
                self.sessions.release()
            self.sockets.discard(socket)
        return socket

    async def _serve_reader(self, socket: web.WebSocketResponse, width: int, height: int) -> None:
        reader = ReaderProcess(
            self.paths,
            write_bytes=socket.send_bytes,
            write_str=socket.send_str,
            close=socket.close,
            download_manager=self.downloads,
        )
        self.readers.add(reader)
        idle: asyncio.Task[None] | None = None
        try:
            await reader.start(width, height)
            log.info("reader %s started (%d running)", reader.pid, self.sessions.running)
            idle = asyncio.create_task(self._end_when_idle(reader, socket))
            await self._pass_messages(socket, reader)
        except ConnectionResetError:
            pass  # the browser went away
        except OSError as error:
            await _tell_and_close(socket, f"The reader could not start: {error}", width)
        finally:
            if idle is not None:
                idle.cancel()
            await reader.stop()
            self.readers.discard(reader)
            log.info("reader %s ended (%d running)", reader.pid, self.sessions.running - 1)

    async def _pass_messages(self, socket: web.WebSocketResponse, reader: ReaderProcess) -> None:
        """What the page sends: keys and clicks, its size, focus; anything else ignored."""
        async for message in socket:
            if message.type != WSMsgType.TEXT:
                continue
            try:
                envelope = json.loads(message.data)
                kind, data = (envelope + [None])[:2] if isinstance(envelope, list) else (None, None)
                if kind == "stdin" and isinstance(data, str):
                    await reader.send_bytes(data.encode("utf-8"))
                elif kind == "resize" and isinstance(data, dict):
                    width = _number(str(data.get("width")), TERMINAL_SIZE[0], 1, LARGEST_TERMINAL)
                    height = _number(str(data.get("height")), TERMINAL_SIZE[1], 1, LARGEST_TERMINAL)
                    await reader.set_terminal_size(width, height)
                elif kind == "ping" and isinstance(data, str):
                    await socket.send_json(["pong", data])
                elif kind == "blur":
                    await reader.blur()
                elif kind == "focus":
                    await reader.focus()
            except ValueError:
                continue

    async def _end_when_idle(self, reader: ReaderProcess, socket: web.WebSocketResponse) -> None:
        """End the reader once no key or click came for the idle time."""
        while not socket.closed:
            # Sleep until the idle time after the last input, then look again.
            remaining = reader.last_input + self.sessions.idle - time.monotonic()
            if remaining > 0:
                await asyncio.sleep(remaining)
                continue
            log.info("reader %s idle for %g s: ended", reader.pid, self.sessions.idle)
            reader.stopping = True
            await _tell_and_close(socket, self.sessions.idle_message(), reader.width)
            return

    # -- downloads ------------------------------------------------------------------------

    async def download(self, request: web.Request) -> web.StreamResponse:
        """A file a reader delivers (an export): always saved, never shown on this site."""
        key = request.match_info["key"]
        try:
            meta = await self.downloads.get_download_metadata(key)
        except KeyError:
            raise web.HTTPNotFound(text="No such download: it was taken already, or its reader ended.") from None
        response = web.StreamResponse()
        response.content_type = meta.mime_type or "application/octet-stream"
        if meta.encoding:
            response.charset = meta.encoding
        # An attachment, sandboxed: an HTML export opened from here could otherwise
        # run its content as this site, next to the reader's cookie.
        name = meta.file_name or "download"
        fallback = "".join(c if c.isascii() and (c.isalnum() or c in "._- ") else "_" for c in name)
        response.headers["Content-Disposition"] = f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"
        response.headers["Content-Security-Policy"] = "sandbox; default-src 'none'"
        await response.prepare(request)
        async for chunk in self.downloads.download(key):
            await response.write(chunk)
        await response.write_eof()
        return response

    # -- starting and stopping ------------------------------------------------------------

    async def end_all(self, app: web.Application | None = None) -> None:
        """End every reader (the server is stopping): each is asked to quit."""
        for socket in list(self.sockets):
            with contextlib.suppress(Exception):
                await socket.close(code=1001, message=b"The server is stopping.")
        for reader in list(self.readers):
            await reader.stop()

    async def serve(self, host: str, port: int, announce: Callable[[str, int], None]) -> None:
        """Listen on `host`:`port` until SIGINT or SIGTERM; `announce` is told the port
        once the server answers (the real one when `port` is 0)."""
        runner = web.AppRunner(self.application(), access_log=None, handle_signals=False, shutdown_timeout=2)
        await runner.setup()
        try:
            site = web.TCPSite(runner, host, port)
            try:
                await site.start()
            except OSError as error:
                raise CannotListen(f"cannot listen on {host}:{port}: {error.strerror or error}") from error
            bound = runner.addresses[0][1] if runner.addresses else port
            stop = asyncio.Event()
            loop = asyncio.get_running_loop()
            for number in (signal.SIGINT, signal.SIGTERM):
                loop.add_signal_handler(number, stop.set)
            announce(host, bound)
            await stop.wait()
        finally:
            await self.end_all()
            await runner.cleanup()


async def _tell_and_close(socket: web.WebSocketResponse, message: str, width: int) -> None:
    """Show a message in the page's terminal, then close: the page shows both."""
    with contextlib.suppress(ConnectionResetError, RuntimeError):
        await socket.send_bytes(terminal_message(message, width))
        # 1013: try again later. A close reason holds at most 123 bytes.
        await socket.close(code=1013, message=message.encode("ascii", "replace")[:123])


def _number(text: str | None, default: int, low: int, high: int) -> int:
    """A whole number from a request, kept within [low, high]; the default when it is none."""
    try:
        return min(high, max(low, int(text or "")))
    except ValueError:
        return default


def _attribute(text: str) -> str:
    return html.escape(text, quote=True)

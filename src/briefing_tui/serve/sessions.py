"""The readers a server runs: how many at once, when an idle one ends, and each
reader's process.

Each browser connection gets a reader of its own: `python -m briefing_tui PATH ...`,
started without a shell (file names are arguments, never interpolated), with a
minimal environment (what Python, the terminal and the reader's own folders need,
not the server's secrets) and `BRIEFING_SERVED=1`, which tells the reader it is a
guest on this machine.
"""

from __future__ import annotations

import asyncio
import io
import json
import logging
import os
import sys
import textwrap
import time
from collections.abc import Awaitable, Callable, Mapping, Sequence
from importlib.metadata import version
from typing import Any

from textual_serve.app_service import AppService
from textual_serve.download_manager import DownloadManager

from briefing_tui.core.links import web_address_problem
from briefing_tui.core.printable import visible

log = logging.getLogger("briefing.serve")

KEPT_VARIABLES = frozenset(
    {"PATH", "LANG", "LANGUAGE", "TERM", "HOME", "BRIEFING_CACHE_DIR", "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME"}
)
"""Variables passed on to the reader from the server's environment, with LC_*."""

READY_LINE = b"__GANGLION__\n"
"""What Textual's web driver writes first, before its packets."""

STOP_GRACE = 5.0
"""Seconds a reader has to quit when asked, before it is killed."""


def reader_environment(width: int, height: int, environ: Mapping[str, str] | None = None) -> dict[str, str]:
    """The whole environment of a served reader: the few variables it needs from
    `environ` (default: the server's), Textual's web driver, and BRIEFING_SERVED."""
    environ = os.environ if environ is None else environ
    kept = {name: value for name, value in environ.items() if name in KEPT_VARIABLES or name.startswith("LC_")}
    return kept | {
        "TEXTUAL_DRIVER": "textual.drivers.web_driver:WebDriver",
        "TEXTUAL_FPS": "60",
        "TEXTUAL_COLOR_SYSTEM": "truecolor",
        "TERM_PROGRAM": "textual",
        "TERM_PROGRAM_VERSION": version("textual-serve"),
        "COLUMNS": str(width),
        "ROWS": str(height),
        "BRIEFING_SERVED": "1",
        # A guest writes nothing on the server but its cache: not even compiled
        # modules beside the installed ones.
        "PYTHONDONTWRITEBYTECODE": "1",
    }


def idle_time(seconds: float) -> str:
    """An idle time as people say it: `1 minute`, `90 minutes`, `3 seconds`."""
    amount, unit = (seconds / 60, "minute") if seconds >= 60 else (seconds, "second")
    shown = f"{amount:.3g}"
    return f"{shown} {unit}{'' if shown == '1' else 's'}"


def terminal_message(message: str, width: int = 80) -> bytes:
    """A message for the page's terminal, alone on a cleared screen: colours reset, no cursor,
    the reader's screen left, then the lines wrapped to the terminal's width, control
    characters (say, from an error quoting a file name) shown, never sent."""
    wrapped = [part for line in message.splitlines() for part in textwrap.wrap(visible(line), max(20, width - 4)) or [""]]
    lines = "".join(f"\r\n  {line}" for line in wrapped)
    return f"\x1b[0m\x1b[?1049l\x1b[?25l\x1b[2J\x1b[H{lines}\r\n".encode()


def reader_command(paths: Sequence[str]) -> list[str]:
    """The reader's command line: this Python, the reader's module, the absolute paths."""
    return [sys.executable, "-m", "briefing_tui", *(os.path.abspath(path) for path in paths)]


class Sessions:
    """How many readers run now, at most `limit`; each ends after `idle` seconds
    without a key or a click from its browser."""

    def __init__(self, limit: int, idle: float) -> None:
        self.limit = limit
        self.idle = idle
        self.running = 0

    def reserve(self) -> bool:
        """Take a place for a new reader; False when every place is taken."""
        if self.running >= self.limit:
            return False
        self.running += 1
        return True

    def release(self) -> None:
        """Give back the place of a reader that ended."""
        self.running = max(0, self.running - 1)

    def full_message(self) -> str:
        """What a browser is told when no place is left."""
        readers = "1 reader" if self.limit == 1 else f"{self.limit} readers"
        return f"This server already runs {readers}, the most it allows at once (--max-sessions). Close one, then reload this page."

    def idle_message(self) -> str:
        """What a browser is told when its reader ended for want of use."""
        shown = idle_time(self.idle)
        return f"This reader ended after {shown} without a key pressed (--idle-minutes). Reload this page to start again."


class ReaderProcess(AppService):
    """One reader, as textual-serve's AppService runs it, but started without a
    shell, in a minimal environment, and saying in the browser why it did not start
    or why it stopped."""

    def __init__(
        self,
        paths: Sequence[str],
        *,
        write_bytes: Callable[[bytes], Awaitable[Any]],
        write_str: Callable[[str], Awaitable[Any]],
        close: Callable[[], Awaitable[Any]],
        download_manager: DownloadManager,
    ) -> None:
        # textual-serve's command string is run through a shell: ours is never run,
        # only the arguments below are.
        super().__init__("briefing", write_bytes=write_bytes, write_str=write_str, close=close, download_manager=download_manager)
        self.arguments = reader_command(paths)
        self.last_input = time.monotonic()
        """When the browser last sent a key or a click."""
        self.width = 80
        """The width of the browser's terminal, for messages."""
        self.said_goodbye = False
        """The reader quit as readers do (`q`), rather than failing."""
        self.stopping = False
        """The server is ending this reader: its end is no failure to report."""

    def _build_environment(self, width: int = 80, height: int = 24) -> dict[str, str]:
        return reader_environment(width, height)

    async def _open_app_process(self, width: int = 80, height: int = 24) -> asyncio.subprocess.Process:
        # The arguments go to the program as they are: no shell ever reads them.
        self._process = process = await asyncio.create_subprocess_exec(
            *self.arguments,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            env=self._build_environment(width, height),
        )
        assert process.stdin is not None
        self._stdin = process.stdin
        return process

    @property
    def pid(self) -> int | None:
        """The reader's process id, once started."""
        return None if self._process is None else self._process.pid

    async def send_bytes(self, data: bytes) -> bool:
        """Keys and clicks from the browser: they keep the reader from idling out."""
        self.last_input = time.monotonic()
        return await super().send_bytes(data)

    async def start(self, width: int, height: int) -> None:
        """Start the reader in a terminal of this size."""
        self.width = width
        await super().start(width, height)

    async def tell(self, message: str) -> None:
        """Show a message in the browser's terminal, alone on a cleared screen."""
        await self.remote_write_bytes(terminal_message(message, self.width))

    async def run(self) -> None:
        """Pass the reader's packets to the browser until its output ends; when it
        never started, or stopped without saying goodbye, tell the browser why."""
        process = self._process
        assert process is not None and process.stdout is not None and process.stderr is not None
        stdout, stderr = process.stdout, process.stderr
        errors = io.BytesIO()

        async def read_errors() -> None:
            while data := await stderr.read(4096):
                if errors.tell() < 64 * 1024:
                    errors.write(data)

        reading = asyncio.create_task(read_errors())
        ready = False
        try:
            for _ in range(10):
                line = await stdout.readline()
                if not line or line == READY_LINE:
                    ready = line == READY_LINE
                    break
            if ready:
                # The idle time counts from when the reader could take a key: a start
                # slowed by a busy machine is not time the browser left it alone.
                self.last_input = time.monotonic()
                await self._pass_packets(stdout)
        except (asyncio.IncompleteReadError, ConnectionResetError, asyncio.CancelledError):
            pass
        finally:
            await asyncio.wait([reading], timeout=1)
            reading.cancel()
        if not self.said_goodbye and not self.stopping:
            await self._report_failure(ready, errors.getvalue().decode("utf-8", "replace"))

    async def _pass_packets(self, stdout: asyncio.StreamReader) -> None:
        """Data, meta and packed packets, until the reader's output ends."""
        while True:
            kind = await stdout.readexactly(1)
            size = int.from_bytes(await stdout.readexactly(4), "big")
            payload = await stdout.readexactly(size)
            if kind == b"D":
                await self.on_data(payload)
            elif kind == b"M":
                await self.on_meta(payload)
            elif kind == b"P":
                await self.on_packed(payload)

    async def on_meta(self, data: bytes) -> None:
        """A message from the reader: its goodbye ends the browser's session; an
        address to open goes to the browser only when it is a plain web address."""
        try:
            meta = json.loads(data)
            kind = meta.get("type")
        except (ValueError, AttributeError):
            return
        if kind == "exit":
            self.said_goodbye = True
        elif kind == "open_url" and web_address_problem(str(meta.get("url"))) is not None:
            log.warning("reader %s asked to open %r: refused", self.pid, meta.get("url"))
            return
        await super().on_meta(data)

    async def _report_failure(self, started: bool, errors: str) -> None:
        what = "The reader stopped unexpectedly." if started else "The reader could not start."
        lines = [line for line in errors.strip().splitlines() if line.strip()][-12:]
        log.warning("%s %s", what, " | ".join(lines))
        try:
            await self.tell("\n".join([what, *lines, "", "Reload this page to try again."]))
            await self.remote_close()
        except (ConnectionResetError, RuntimeError):
            pass

    async def stop(self) -> None:
        """Ask the reader to quit; kill it if it has not within a few seconds."""
        self.stopping = True
        process = self._process
        if self._task is not None:
            await self._download_manager.cancel_app_downloads(app_service_id=self.app_service_id)
            await self.send_meta({"type": "quit"})
            done, _ = await asyncio.wait([self._task], timeout=STOP_GRACE)
            if not done:
                self._task.cancel()
            self._task = None
        if process is not None and process.returncode is None:
            try:
                await asyncio.wait_for(process.wait(), timeout=STOP_GRACE)
            except TimeoutError:
                process.kill()
                await process.wait()

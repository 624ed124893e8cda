"""The real `briefing` in a pseudo-terminal, its screen read back through a terminal
emulator (pyte), for the terminals Pilot cannot be: `TERM=dumb`, a slow reader."""

from __future__ import annotations

import fcntl
import os
import select
import struct
import subprocess
import termios
import threading
import time
from collections.abc import Callable

import pyte

from tests.conftest import BRIEFING, REPO


class Terminal:
    """A pseudo-terminal running `briefing ARGS`; what it draws lands on `screen`."""

    def __init__(self, *args: str, size: tuple[int, int] = (80, 24), env: dict[str, str] | None = None, program: list[str] | None = None) -> None:
        """`program`: what runs in place of `briefing` (ARGS follow it)."""
        columns, rows = size
        self.screen = pyte.Screen(columns, rows)
        self.stream = pyte.ByteStream(self.screen)
        self.raw = bytearray()
        self.lock = threading.Lock()
        self.reading = threading.Event()
        self.reading.set()
        self.hung_up = threading.Event()
        self.master, slave = os.openpty()
        self._set_size(slave, columns, rows)
        # COLUMNS and LINES (set under pytest) would pin the size: a resize would go unseen.
        inherited = ("TEXTUAL", "TMUX", "NO_COLOR", "COLORTERM", "COLUMNS", "LINES")
        environment = {key: value for key, value in os.environ.items() if not key.startswith(inherited)}
        environment.update({"TERM": "xterm-256color", "LANG": "C.UTF-8", **(env or {})})

        def controlling_terminal() -> None:
            os.setsid()
            fcntl.ioctl(0, termios.TIOCSCTTY, 0)

        self.process = subprocess.Popen(
            [*(program or [str(BRIEFING)]), *args],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            cwd=REPO,
            env=environment,
            preexec_fn=controlling_terminal,
            close_fds=True,
        )
        os.close(slave)
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def __enter__(self) -> Terminal:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    @staticmethod
    def _set_size(fd: int, columns: int, rows: int) -> None:
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))

    def _read(self) -> None:
        while True:
            self.reading.wait()
            if self.hung_up.is_set():
                return
            # Never blocked in a read for long: a terminal closed while it reads stays
            # open until the read ends.
            if not select.select([self.master], [], [], 0.05)[0]:
                continue
            try:
                data = os.read(self.master, 65536)
            except OSError:
                return
            if not data:
                return
            with self.lock:
                self.raw.extend(data)
                self.stream.feed(data)

    def send(self, *keys: bytes, delay: float = 0.0) -> None:
        """Type keys, as bytes a terminal sends."""
        for key in keys:
            os.write(self.master, key)
            if delay:
                time.sleep(delay)

    def resize(self, columns: int, rows: int) -> None:
        """Resize the terminal (the reader gets SIGWINCH)."""
        with self.lock:
            self.screen.resize(rows, columns)
        self._set_size(self.master, columns, rows)

    def text(self) -> str:
        """The screen as the user sees it."""
        with self.lock:
            return "\n".join(self.screen.display)

    def wait_for(self, condition: Callable[[str], bool], timeout: float = 20.0) -> str:
        """Wait until the screen satisfies `condition`; its text."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            shown = self.text()
            if condition(shown):
                return shown
            if self.process.poll() is not None:
                break
            time.sleep(0.05)
        raise AssertionError(f"the screen never showed what was expected (exit {self.process.poll()}):\n{self.text()}")

    def wait_for_exit(self, timeout: float = 10.0) -> int:
        """The exit code, once the reader has quit."""
        return self.process.wait(timeout)

    def hang_up(self) -> None:
        """Close the terminal, as a closed window, a dropped SSH connection or a killed
        tmux session does: the reader, which leads the terminal's session, gets SIGHUP
        and SIGCONT from the kernel, and its terminal is gone."""
        self.hung_up.set()
        self.reading.set()
        self._reader.join()
        os.close(self.master)

    def close(self) -> None:
        """Stop the reader if it still runs, and let go of the terminal."""
        self.reading.set()
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(5)
        if not self.hung_up.is_set():
            os.close(self.master)

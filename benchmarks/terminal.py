"""Launch a program in a pseudo-terminal and time it until a text is on screen.

Used for time to first paint: the clock starts before the process is spawned and
stops when the expected text has been written to the terminal. The program is then
asked to quit, and its peak resident memory is read from the kernel's account of it.
"""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import signal
import struct
import termios
import time
from dataclasses import dataclass

_ESCAPES = re.compile(rb"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[PX^_][^\x1b]*\x1b\\|\x1b[@-Z\\-_]")


@dataclass(frozen=True)
class Run:
    """One launch: seconds until the text showed, and peak RSS in MiB."""

    seconds: float
    peak_mib: float
    first_seconds: float | None = None
    """Seconds until the `first` text showed, when one was asked for."""


def first_paint(
    argv: list[str],
    expect: str,
    *,
    then: list[tuple[str, str]] | None = None,
    size: tuple[int, int] = (80, 24),
    timeout: float = 60.0,
    env: dict[str, str] | None = None,
    first: str | None = None,
) -> Run:
    """Run `argv` in an 80x24 pseudo-terminal until `expect` is on screen.

    With `first`, the time that text first showed is noted too (it may show before
    `expect`, or in the same frame).

    With `then`, a list of (keys, text): each step's keys are typed once the text
    before shows, and the program runs on until the last text is on screen, so the
    peak memory covers that use (a search, say), not only the first screen.
    """
    wanted = expect.encode("utf-8")
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:  # the child: become the program
        env = dict(os.environ, **(env or {}), TERM="xterm-256color", COLUMNS=str(size[0]), LINES=str(size[1]))
        # As a user runs it: compiled bytecode cached and reused, like the
        # precompiled modules of the baseline's installed packages.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        os.execvpe(argv[0], argv, env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
    seen = b""
    shown_at = None
    first_wanted = first.encode("utf-8") if first is not None else None
    first_at = None
    finished = False
    steps = list(then or [])
    deadline = start + timeout
    try:
        while time.perf_counter() < deadline:
            ready, _, _ = select.select([fd], [], [], 0.05)
            if not ready:
                continue
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
            # Text on screen is the output without its escape sequences.
            text = _ESCAPES.sub(b"", seen[-200_000:])
            if first_wanted is not None and first_at is None and first_wanted in text:
                first_at = time.perf_counter()
            if wanted in text or shown_at is not None:
                if shown_at is None:
                    shown_at = time.perf_counter()
                if first_wanted is not None and first_at is None:
                    continue  # in the same frame, perhaps, a few writes later
                if not steps:
                    finished = True
                    break
                keys, text = steps.pop(0)
                wanted = text.encode("utf-8")
                seen = b""
                os.write(fd, keys.encode("utf-8"))
    finally:
        # ctrl+q, Textual's own quit: a plain `q` would be typed into a search box.
        os.write(fd, b"\x11")
        usage = _reap(pid, fd)
    if not finished:
        raise RuntimeError(f"{expect!r} never showed: {_ESCAPES.sub(b'', seen)[-400:]!r}")
    return Run(shown_at - start, usage.ru_maxrss / 1024, None if first_at is None else first_at - start)


def _reap(pid: int, fd: int):  # type: ignore[no-untyped-def]
    deadline = time.perf_counter() + 10
    while time.perf_counter() < deadline:
        try:
            while select.select([fd], [], [], 0.05)[0]:
                if not os.read(fd, 65536):
                    break
        except OSError:
            pass
        done, _, usage = os.wait4(pid, os.WNOHANG)
        if done:
            os.close(fd)
            return usage
    os.kill(pid, signal.SIGKILL)
    _, _, usage = os.wait4(pid, 0)
    os.close(fd)
    return usage

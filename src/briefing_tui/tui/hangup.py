"""When the reader's terminal goes away (its window closed, its SSH connection dropped,
its tmux session killed), or the reader is told to end (SIGTERM: `kill`, a shutdown),
it ends as on a quit: where it was is remembered, the terminal is handed back as it
was, and nothing of it is left running.

With Textual's own driver, SIGHUP and SIGTERM kill the process at once, before
anything is saved, and SIGTERM leaves the terminal on the reader's screen, keys not
echoed, until it is reset; and where nothing kills it (SIGHUP ignored, as under
`nohup`, or never sent to it), its input thread reads the end of a terminal that is
gone, again and again, at full speed, for ever.
"""

from __future__ import annotations

import contextlib
import os
import select
import signal
import threading

from textual import events
from textual.drivers.linux_driver import LinuxDriver


class HungUp(events.Event):
    """The terminal hung up (it is gone, or SIGHUP says so), or SIGTERM asks the reader to end."""


class HangUpDriver(LinuxDriver):
    """Textual's driver for a terminal on Linux and macOS, that tells the app (once,
    with `HungUp`) when its terminal hangs up."""

    _watching = False
    _told = False

    def start_application_mode(self) -> None:
        """Take the terminal, and from the first time on, watch for it to hang up."""
        super().start_application_mode()  # type: ignore[no-untyped-call]  # unannotated in Textual
        if self._watching:
            return  # back from an editor: already watched
        self._watching = True
        # Handled from now on until the app's loop ends, while an editor has the terminal
        # too (Textual closes the driver then). Under `nohup`, SIGHUP is ignored as
        # asked: only a terminal that is gone ends the reader.
        for ending in (signal.SIGHUP, signal.SIGTERM):
            if signal.getsignal(ending) is not signal.SIG_IGN:
                self._loop.add_signal_handler(ending, self._hung_up)
        if self.input_tty:
            threading.Thread(target=self._watch, name="briefing-hangup", daemon=True).start()

    def resume_application_mode(self) -> None:
        """Take the terminal again, unless it is gone. The kernel sends SIGCONT along
        with a hang-up's SIGHUP, and Textual resumes on every SIGCONT: it would start
        a second thread reading the terminal that is gone, which could outlive the app."""
        if not self._gone():
            super().resume_application_mode()

    def write(self, data: str) -> None:
        """Write to the terminal, unless it is gone. Textual's writing thread ends at
        the first write that fails; the writes after it would pile up, and the app,
        waiting for room among them, would never end."""
        if not self._gone():
            super().write(data)

    def _watch(self) -> None:
        """In a thread of its own, asleep until the terminal hangs up."""
        poller = select.poll()
        # No event asked for: poll wakes only for a hang-up or an error, never for a key.
        poller.register(self.fileno, 0)
        (_, happened), *_ = poller.poll()
        if happened & select.POLLNVAL and not self._gone():
            return  # a terminal poll cannot watch (macOS): SIGHUP alone says it hangs up
        with contextlib.suppress(RuntimeError):  # the app has ended meanwhile
            self._loop.call_soon_threadsafe(self._hung_up)

    def _gone(self) -> bool:
        """True when the terminal the reader was started in is gone (hung up)."""
        return self.input_tty and not os.isatty(self.fileno)

    def _hung_up(self) -> None:
        """Tell the app, once (SIGHUP and the watch both see a hang-up)."""
        if not self._told:
            self._told = True
            self.send_message(HungUp())

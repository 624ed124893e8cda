"""The real reader in a pseudo-terminal that goes away (its window closed, its SSH
connection dropped, its tmux session killed), or sent SIGHUP: it ends at once, as on a
quit, and remembers where it was."""

from __future__ import annotations

import shutil
import signal
import sys
from collections.abc import Callable

import pytest

from briefing_tui.core import load_brief
from briefing_tui.core.reading import left_at, library_left_at, library_place_file
from tests.conftest import BRIEFING, REAL_BRIEF, REPO
from tests.tui.terminal import Terminal

NOHUP = [
    sys.executable,
    "-c",
    "import os, signal, sys; signal.signal(signal.SIGHUP, signal.SIG_IGN); os.execv(sys.argv[1], sys.argv[1:])",
    str(BRIEFING),
]
"""`briefing` started as `nohup` starts it: SIGHUP ignored."""
ENDS_WITHIN = 5.0
"""Seconds the reader has to end in once its terminal is gone (it takes a fifth of one)."""


def on_quotes(shown: str) -> bool:
    """The real brief's Quotes, on screen whole."""
    lines = shown.splitlines()
    return "Russia renews" in lines[0] and lines[2].startswith(" Quotes") and "Quit" in lines[-1]


def hang_up_on_quotes(term: Terminal, hang_up: Callable[[], None]) -> None:
    """On the real brief's Quotes, `hang_up`: the reader ends at once, and the brief
    opens on its Quotes the next time."""
    term.send(b"3")
    term.wait_for(on_quotes)
    hang_up()
    # Before: killed by SIGHUP, where it was forgotten; under nohup, never ended, a core busy.
    assert term.wait_for_exit(ENDS_WITHIN) == 0
    brief = load_brief(REAL_BRIEF).brief
    assert brief is not None
    place = left_at(brief.id)
    assert place is not None and place.pane == "quotes", place


@pytest.mark.parametrize("program", [None, NOHUP], ids=["briefing", "nohup-briefing"])
def test_a_reader_whose_terminal_is_closed_ends_at_once_and_remembers_where_it_was(program):
    with Terminal(str(REAL_BRIEF), program=program) as term:
        hang_up_on_quotes(term, term.hang_up)


@pytest.mark.parametrize("ending", [signal.SIGHUP, signal.SIGTERM], ids=["SIGHUP", "SIGTERM"])
def test_sighup_or_sigterm_ends_the_reader_as_a_quit_does(ending):
    # Before: killed at once, where it was forgotten; after SIGTERM the terminal was
    # left on the reader's screen, keys not echoed.
    with Terminal(str(REAL_BRIEF)) as term:
        hang_up_on_quotes(term, lambda: term.process.send_signal(ending))
        term.hang_up()  # once all that the reader wrote is read
        written = bytes(term.raw)
    # The terminal is handed back as it was: the reader's own screen left, the cursor shown.
    assert written.rfind(b"\x1b[?1049l") > written.rfind(b"\x1b[?1049h") and written.rfind(b"\x1b[?25h") > written.rfind(b"\x1b[?25l")
    assert b"Traceback" not in written


def test_a_reader_whose_terminal_is_closed_while_an_editor_has_it_ends_and_remembers_where_it_was(tmp_path):
    editor = tmp_path / "editor"
    editor.write_text('#!/bin/sh\necho "editing $*"\nread line\n', encoding="utf-8")  # ends, as editors do, at the end of its input
    editor.chmod(0o755)
    with Terminal(str(REAL_BRIEF), env={"EDITOR": str(editor)}) as term:

        def hang_up_while_editing() -> None:
            term.send(b"e")
            term.wait_for(lambda shown: "editing +" in shown)
            term.hang_up()

        hang_up_on_quotes(term, hang_up_while_editing)


def test_a_library_whose_terminal_is_closed_ends_at_once_and_remembers_where_it_was(tmp_path):
    for brief in (REAL_BRIEF, REPO / "tests" / "fixtures" / "analyst.yaml"):
        shutil.copy(brief, tmp_path)
    with Terminal(str(tmp_path)) as term:
        term.wait_for(lambda shown: "Russia renews" in shown and "Harbour talks" in shown and "Quit" in shown.splitlines()[-1])
        term.send(b"j", b"\r")  # the second brief of the list, opened
        term.wait_for(lambda shown: "Russia renews" in shown.splitlines()[0])
        hang_up_on_quotes(term, term.hang_up)
    library = library_left_at(library_place_file([str(tmp_path)]))
    assert library is not None and library.cursor == str(tmp_path / REAL_BRIEF.name), library

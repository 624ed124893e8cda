"""The real reader in a pseudo-terminal: a dumb terminal, 16 colours, no colour, a slow
terminal that stops reading while keys arrive. It starts, draws, recovers and quits."""

from __future__ import annotations

import re
import sys
import time
from collections.abc import Iterator

import pytest

from tests.conftest import REAL_BRIEF
from tests.tui.terminal import Terminal

TITLE = "Russia renews invitation to Zelensky"


@pytest.fixture
def terminal() -> Iterator[list[Terminal]]:
    started: list[Terminal] = []
    yield started
    for term in started:
        term.close()


def start(started: list[Terminal], **options) -> Terminal:  # type: ignore[no-untyped-def]
    term = Terminal(str(REAL_BRIEF), **options)
    started.append(term)
    return term


def first_screen(shown: str) -> bool:
    lines = shown.splitlines()
    return TITLE in lines[0] and "2026-01-29" in lines[0] and "Quit" in lines[-1]


def sgr_codes(raw: bytes) -> list[bytes]:
    return re.findall(rb"\x1b\[([0-9;]*)m", raw)


def test_term_dumb_starts_shows_the_title_and_quits(terminal):
    term = start(terminal, env={"TERM": "dumb"})
    term.wait_for(first_screen)
    term.send(b"q")
    assert term.wait_for_exit() == 0


def test_sixteen_colours_never_sends_more(terminal):
    term = start(terminal, env={"TERM": "xterm"})
    term.wait_for(first_screen)
    term.send(b"3", b"\r", b"5")
    term.wait_for(lambda shown: shown.splitlines()[3].startswith(" Actor "))
    term.send(b"q")
    assert term.wait_for_exit() == 0
    codes = sgr_codes(bytes(term.raw))
    assert codes
    for code in codes:
        assert b"38;2" not in code and b"48;2" not in code and b"38;5" not in code and b"48;5" not in code, code


def test_no_color_sends_only_greys(terminal):
    term = start(terminal, env={"NO_COLOR": "1"})
    term.wait_for(first_screen)
    term.send(b"2", b"\r")
    term.wait_for(lambda shown: "Actors \u203a " in shown.splitlines()[2])  # an actor's page, drawn
    term.send(b"q")
    assert term.wait_for_exit() == 0
    for code in sgr_codes(bytes(term.raw)):
        for red, green, blue in re.findall(rb"[34]8;2;(\d+);(\d+);(\d+)", code):
            levels = (int(red), int(green), int(blue))
            assert max(levels) - min(levels) <= 8, code


@pytest.mark.slow
def test_a_slow_terminal_catches_up_and_the_screen_recovers(terminal):
    term = start(terminal)
    term.wait_for(first_screen)
    term.reading.clear()  # the terminal stops reading: the reader's writes back up
    term.send(b"3", *[b"j"] * 30, b"\r", b"]", b"]", b"\r", b"2", b"G", b"\r", b"5", b"l", b"l", b"\r", b"/", b"peskov", b"\x1b", delay=0.01)
    term.send(b"?", delay=0.3)
    term.send(b"\x1b", delay=0.3)
    term.send(b"4", b"\r")
    time.sleep(1.5)
    assert term.process.poll() is None
    term.reading.set()  # it reads again
    # A whole screen again: masthead, footer, the panes between them.
    term.wait_for(lambda shown: first_screen(shown) and " 1 Summary  2 Actors" in shown.splitlines()[1])
    for _ in range(3):  # whatever the burst left open, close it
        term.send(b"\x1b", delay=0.4)
    term.send(b"1")
    term.wait_for(lambda shown: first_screen(shown) and "Thursday 29 January 2026" in shown)
    term.resize(100, 30)
    term.wait_for(lambda shown: first_screen(shown) and len(shown.splitlines()[0]) == 100 and shown.splitlines()[0].rstrip().endswith("2026-01-29"))
    term.send(b"q")
    assert term.wait_for_exit() == 0


COLOUR = re.compile(r"^(3[0-7]|38|4[0-7]|48|9[0-7]|10[0-7])$")
"""SGR parameters that set a colour: the eight and their bright forms, 256 and RGB."""


def test_no_color_sends_no_colour_and_a_search_match_stays_marked(terminal):
    term = start(terminal, env={"NO_COLOR": "1"})
    term.wait_for(first_screen)
    term.send(b"/")
    term.wait_for(lambda shown: "Search" in shown and "Russia renews" in shown.splitlines()[0])
    term.send(b"peskov", delay=0.05)
    term.wait_for(lambda shown: shown.count("Peskov") >= 2)
    term.send(b"\r")
    term.wait_for(lambda shown: "hit 1/" in shown)
    time.sleep(0.3)
    with term.lock:
        # Below the masthead, the matched word is drawn unlike the text on either side
        # of it (bold, underlined or reversed), on a screen with no colour anywhere.
        marked = []
        for y in range(3, term.screen.lines - 1):
            line = term.screen.buffer[y]
            looks = [(line[x].bold, line[x].underscore, line[x].reverse) for x in range(term.screen.columns)]
            row = "".join(line[x].data for x in range(term.screen.columns))
            for found in re.finditer("peskov", row.lower()):
                begin, end = found.span()
                look = looks[begin]
                sides = {looks[begin - 1] if begin else None, looks[end] if end < len(looks) else None} - {None}
                if set(looks[begin:end]) == {look} and any(look) and sides and look not in sides:
                    marked.append((y, found.group()))
        colours = {(cell.fg, cell.bg) for line in term.screen.buffer.values() for cell in line.values()}
    term.send(b"q")
    assert term.wait_for_exit() == 0
    assert marked, term.text()
    assert colours <= {("default", "default")}, colours
    sent = [part for code in sgr_codes(bytes(term.raw)) for part in code.decode().split(";")]
    assert sent and not [part for part in sent if COLOUR.match(part)], sorted({p for p in sent if COLOUR.match(p)})


# The reader with an error forced into one of its keys, as a bug would be.
CRASHING = """
import sys
from briefing_tui.tui.screens.main import MainScreen

def copy(self):
    raise RuntimeError("forced")

MainScreen.action_copy = copy
from briefing_tui.cli import main

sys.exit(main(sys.argv[1:]))
"""


def test_a_reader_that_dies_exits_non_zero_and_says_why(terminal):
    term = Terminal(str(REAL_BRIEF), program=[sys.executable, "-c", CRASHING])
    terminal.append(term)
    term.wait_for(first_screen)
    term.send(b"y")
    assert term.wait_for_exit() == 1
    time.sleep(0.2)  # the last output, read on
    lines = bytes(term.raw).decode("utf-8", "replace").splitlines()
    assert lines[-1].strip() == "briefing: internal error: the reader stopped on RuntimeError: forced"

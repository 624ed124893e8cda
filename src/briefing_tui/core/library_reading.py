"""Reading many briefs at once, on every core: each file parsed, checked and indexed in
a worker process, and made ready to store there (`prepare_entry`), so that what
comes back is text and numbers, not a model to rebuild; the cache is written in
one place, the process that asked, a batch as it arrives.

Enough batches of files are handed to the pool ahead (`AHEAD`) for the workers to go
on while the cache is written, and few enough to hold a bounded number in memory;
the pool gives each worker one at a time, and those not started are cancelled when
the reading stops. An interrupted read loses only what was read and not stored yet:
each transaction stored is kept, and the next start reads only what is left. Ending
the program never waits for more than the batches under way take.
"""

from __future__ import annotations

import itertools
import os
import sys
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from typing import TypeVar

from briefing_tui.core.cache import Prepared, prepare_entry
from briefing_tui.core.library_index import NO_ROWS, index_rows
from briefing_tui.core.stamp import Stamp, file_stamp

IN_WORKERS_FROM = 64
"""Fewer files than this are read in the process itself: starting workers costs more."""
T = TypeVar("T")
BATCH = 16
"""Files per work item: enough to be worth the trip, few enough to come back often."""
AHEAD = 16
"""Work items in the pool (handed to it, not given back yet), or two for each worker
when there are more workers: more than the workers read while the cache stores what
they gave before, and a bounded number of files in memory."""
STORED_AT_ONCE = 192
"""Files read in workers are stored this many at a time, or as many as came back in
`STORED_EVERY` seconds: an interrupted read reads those again at the next start."""
STORED_EVERY = 0.5
NO_STAMP = Stamp(0, 0, 0, 0)
"""In place of the stamp of a file that is not stored (it changed while it was read)."""


def workers() -> int:
    """How many worker processes reading takes: one per core this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def read_files(paths: Sequence[str], keep: bool, texts: bool) -> list[tuple[Prepared, bool]]:
    """In a worker: each file read, checked and indexed (`texts`: see `index_rows`),
    ready to store; with whether it may be stored (False: it changed while it was
    read, or cannot be stamped)."""
    from briefing_tui.core.loader import load_brief
    from briefing_tui.core.model import paused_gc
    from briefing_tui.core.text_lines import source_lines

    ready = []
    for path in paths:
        stamp = file_stamp(path)
        result = load_brief(path)
        steady = stamp is not None and file_stamp(path) == stamp
        with paused_gc():
            rows = index_rows(result.brief, source_lines(path), texts=texts) if result.brief and steady else NO_ROWS
            prepared = prepare_entry(path, stamp or NO_STAMP, result, rows if steady else None, keep=keep or result.brief is None, at_once=True)
        ready.append((prepared, steady))
    return ready


PARSING_MODULES = (
    "briefing_tui.core.library_reading",
    "briefing_tui.core.loader",
    "briefing_tui.core.text_lines",
    "briefing_tui.core.changes",
    "briefing_tui.core.links",
    "briefing_tui.core.search",
)
"""What a worker imports to read a file (`read_files`, `index_rows`): imported once,
by the process the workers are forked from, not once by each worker."""


def read_in_workers(paths: Sequence[str], keep: bool, texts: bool) -> Iterator[list[tuple[Prepared, bool]]]:
    """The files read in worker processes, as they are done (not in order): each time,
    every file done since the last. Raises one of `WORKERS_FAILED` when the workers
    cannot start or die."""
    import multiprocessing

    # Started afresh, not forked: the reader has threads, and a fork copies their locks.
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["__main__", *PARSING_MODULES])
    batches = iter([list(paths[start : start + BATCH]) for start in range(0, len(paths), BATCH)])
    count = workers()
    waiting: set[Future[list[tuple[Prepared, bool]]]] = set()

    def hand_over(how_many: int) -> None:
        for batch in itertools.islice(batches, how_many):
            waiting.add(pool.submit(read_files, batch, keep, texts))

    # The pool's helper processes start with it, and its workers with the first batches.
    with _stderr_with_a_file():
        pool = ProcessPoolExecutor(max_workers=count, mp_context=context, initializer=_quiet)
        hand_over(max(AHEAD, 2 * count))
    try:
        while waiting:
            done, waiting = wait(waiting, return_when=FIRST_COMPLETED)
            hand_over(len(done))  # before they are stored: the workers go on meanwhile
            yield [ready for future in done for ready in future.result()]
    finally:
        pool.shutdown(wait=False, cancel_futures=True)


def gathered(batches: Iterator[list[T]], at_least: int | None = None, seconds: float | None = None) -> Iterator[list[T]]:
    """The batches, joined until they hold `at_least` items or `seconds` have passed
    since the last were given (the rest at the end): writing to the cache costs less
    in fewer, larger transactions (the full-text index merges fewer segments). The
    first is given as it comes: the list shows its first rows as soon as it can."""
    at_least = STORED_AT_ONCE if at_least is None else at_least
    seconds = STORED_EVERY if seconds is None else seconds
    held: list[T] = []
    since: float | None = None
    for batch in batches:
        held += batch
        if since is None or len(held) >= at_least or time.monotonic() - since >= seconds:
            yield held
            held, since = [], time.monotonic()
    if held:
        yield held


def _quiet() -> None:
    """In a worker: nothing it might print reaches the terminal the reader draws on."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)


@contextmanager
def _stderr_with_a_file() -> Iterator[None]:
    """`sys.stderr` as a file with a descriptor while workers start (multiprocessing
    hands it to its helper process): inside the reader, Textual holds one without."""
    try:
        usable = sys.stderr.fileno() >= 0
    except (AttributeError, OSError, ValueError):
        usable = False
    if usable:
        yield
        return
    held = sys.stderr
    with open(os.devnull, "w") as devnull:
        sys.stderr = devnull
        try:
            yield
        finally:
            sys.stderr = held


WORKERS_FAILED = (BrokenProcessPool, OSError, ValueError, RuntimeError)
"""What starting or losing the workers raises (processes refused, a main module that
starts workers itself when imported): the files left are then read in the process."""

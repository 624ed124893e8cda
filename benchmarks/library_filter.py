"""The library's filter as you type, in process: what each keystroke costs.

    python -m benchmarks.library_filter FOLDER [--generate 20000]

FOLDER holds the briefs (`--generate N` writes N generated briefs there first, not
real content). Run it with BRIEFING_CACHE_DIR set to a cache of its own: the briefs
are read into it first, which for 20,000 takes minutes once. Two figures:

- one key at a time: from a key sent until the list holds the answer to the box (the
  reader then left to settle before the next key);
- typed: the keys of each word sent every `--gap` ms from a thread of their own, as
  the terminal's driver sends them whether the reader is busy or not: how long each
  key waits before it is in the box, and how long after the last key the list holds
  the word's answer.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import threading
import time
from pathlib import Path

WORDS = ("series 4", "day 12", "generated", "2026-01-05", "series-123", "nothing")
"""Typed into the box and taken back: words every brief holds, some, one series, none."""
_NAMES = {" ": "space", "-": "minus"}


def _ms(values: list[float]) -> str:
    return f"median {statistics.median(values):.1f} ms, worst {max(values):.1f} ms ({len(values)} keys)"


async def measure(folder: Path, gap: float) -> list[str]:
    """The figures, as lines to print."""
    from textual import events

    from briefing_tui.core.files import brief_files
    from briefing_tui.core.library import Library
    from briefing_tui.core.library_filter import haystack, matches, words_of
    from briefing_tui.tui.app import BriefingApp
    from briefing_tui.tui.screens.library import FilterInput, LibraryScreen

    files, _ = brief_files([str(folder)])
    library = Library(files)
    for _ in library.read():
        pass
    entries = library.listing()
    stacks = [haystack(entry) for entry in entries]
    # Filtering every file from scratch: what the list must hold, by its first and last key.
    expected = {}
    for word in WORDS:
        for end in range(len(word) + 1):
            words = words_of(word[:end])
            found = [entry.path for entry, stack in zip(entries, stacks, strict=True) if matches(words, stack)]
            expected[word[:end]] = (len(found), found[:1], found[-1:])

    app = BriefingApp(library=library)
    one: list[float] = []
    waits: list[float] = []
    last: list[float] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.5)
        screen = app.screen
        assert isinstance(screen, LibraryScreen)
        box = screen.query_one(FilterInput)
        listing = screen.listing
        set_at = [0.0]
        set_rows = listing.set_rows

        def recorded(rows, keep=None):  # type: ignore[no-untyped-def]
            set_rows(rows, keep)
            set_at[0] = time.perf_counter()

        listing.set_rows = recorded  # type: ignore[method-assign]

        def answers(text: str, since: float) -> bool:
            rows = listing.rows
            return box.value == text and set_at[0] >= since and (len(rows), [r.key for r in rows[:1]], [r.key for r in rows[-1:]]) == expected[text]

        await pilot.press("f")
        for word in WORDS:
            for text in [word[:end] for end in range(1, len(word) + 1)] + [word[:end] for end in range(len(word) - 1, -1, -1)]:
                key = text[-1] if len(text) > len(box.value) else None
                start = time.perf_counter()
                app.post_message(events.Key(_NAMES.get(key, key), key) if key else events.Key("backspace", "\x08"))
                while not answers(text, start):
                    await asyncio.sleep(0)
                one.append((time.perf_counter() - start) * 1000)
                await pilot.pause()
        loop = asyncio.get_running_loop()
        for word in WORDS:
            sent: list[float] = []

            def typist(word: str = word, sent: list[float] = sent) -> None:
                for key in word:
                    sent.append(time.perf_counter())
                    loop.call_soon_threadsafe(app.post_message, events.Key(_NAMES.get(key, key), key))
                    time.sleep(gap)

            thread = threading.Thread(target=typist)
            thread.start()
            landed: dict[int, float] = {}
            while True:
                now = time.perf_counter()
                landed.setdefault(len(box.value), now)
                if len(sent) == len(word) and answers(word, sent[-1]):
                    break
                await asyncio.sleep(0)
            thread.join()
            last.append((now - sent[-1]) * 1000)
            waits += [(min(at for length, at in landed.items() if length > n) - sent[n]) * 1000 for n in range(len(word))]
            await pilot.press("ctrl+u")
            while not answers("", 0):
                await asyncio.sleep(0)
            await pilot.pause()
    return [
        f"{len(entries):,} briefs, the filter in an 80x24 reader:",
        f"- one key at a time, key to answer listed: {_ms(one)}; the first key alone {one[0]:.1f} ms",
        f"- typed every {gap * 1000:.0f} ms, each key until it is in the box: {_ms(waits)}",
        f"- typed every {gap * 1000:.0f} ms, the last key until the word's answer is listed: {_ms(last)}",
    ]


def main(argv: list[str] | None = None) -> int:
    """The command line."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.library_filter", description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="a folder of briefs")
    parser.add_argument("--generate", type=int, metavar="N", help="write N generated briefs to the folder first")
    parser.add_argument("--gap", type=float, default=30, metavar="MS", help="between two keys typed (default 30)")
    args = parser.parse_args(argv)
    if not os.environ.get("BRIEFING_CACHE_DIR"):
        parser.error("set BRIEFING_CACHE_DIR to a cache of this benchmark's own")
    if args.generate:
        from benchmarks.generate import write_series

        hour_ago = time.time() - 3600  # not changed while it is read
        for path in write_series(args.folder, args.generate):
            os.utime(path, (hour_ago, hour_ago))
    print("\n".join(asyncio.run(measure(args.folder, args.gap / 1000))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""A library of generated briefs: opening it cold and warm, and searching it, each
against a baseline measured in the same run.

Run: .venv/bin/python -m benchmarks.library [BRIEFS] [--runs N] [--no-write]

In a temporary folder it writes BRIEFS generated briefs (default 2,000; series of
20, marked as generated fixtures in their first line and title, never in briefs/),
dated an hour back as files of a library are, and measures:

- open: `briefing FOLDER` in an 80x24 pseudo-terminal until the whole list is on
  screen ("2,000 briefs, newest first"), cold (an empty cache: every file parsed,
  cached and indexed) and warm (the cache filled by the cold run), against parsing
  every file with `load_brief` in one process;
- search: `briefing find QUERY FOLDER` (a whole process, warm), and the library's
  search in process (every hit, and as you type: the best 200 and the count per
  keystroke), against `grep -ri QUERY FOLDER` over the same files;
- a single generated 10 MB brief loaded in process, cold (parsed and cached) and warm.

The figures go to the "Library" section of docs/performance.md (the rest of the file
is left as it is) and to stdout.
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.generate import generate_brief, write_series
from benchmarks.search import keystrokes
from benchmarks.terminal import first_paint
from briefing_tui.core.cache import BriefCache, load_brief_cached
from briefing_tui.core.files import brief_files
from briefing_tui.core.library import Library
from briefing_tui.core.loader import load_brief

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
BRIEFING = str(Path(sys.executable).parent / "briefing")
QUERIES = ["Greta Adler", "kalomi", "reconstruction", "Generated issue 3", "Adlar", '"border corridor"']
SECTION = "## Library"


def _ms(values: list[float]) -> str:
    return f"{min(values):.0f} / {statistics.median(values):.0f} / {max(values):.0f} ms"


def _fresh_cache() -> str:
    folder = tempfile.mkdtemp(prefix="briefing-benchmark-cache-")
    os.environ["BRIEFING_CACHE_DIR"] = folder
    return folder


def _timed(function: Callable[[], object]) -> float:
    start = time.perf_counter()
    function()
    return (time.perf_counter() - start) * 1000


def _run(argv: list[str]) -> float:
    return _timed(lambda: subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False))


def _parse_all(files: list[str]) -> None:
    for file in files:
        assert load_brief(file).ok


def measure(count: int, runs: int) -> list[str]:
    """Every figure of the run, as the Markdown lines of the section."""
    with tempfile.TemporaryDirectory(prefix="briefing-generated-library-") as root:
        folder = Path(root) / "library"
        write_series(folder, count)
        hour_ago = time.time() - 3600
        for path in folder.iterdir():
            os.utime(path, (hour_ago, hour_ago))
        files, _ = brief_files([str(folder)])
        megabytes = sum(os.path.getsize(f) for f in files) / 1e6
        expect = f"{count:,} briefs, newest first"

        parse = [_timed(lambda: _parse_all(files)) for _ in range(max(1, runs // 2))]
        cold = []
        for _ in range(max(1, runs // 2)):
            _fresh_cache()
            cold.append(first_paint([BRIEFING, str(folder)], expect, timeout=600).seconds * 1000)
        warm = [first_paint([BRIEFING, str(folder)], expect).seconds * 1000 for _ in range(runs)]
        peak = first_paint([BRIEFING, str(folder)], expect).peak_mib

        library = Library(files, BriefCache())
        assert not library.pending, "the cold runs cached every brief"
        grep, find, in_process, counts = [], [], [], []
        for query in QUERIES:
            grep.append(min(_run(["grep", "-ri", query.strip('"'), str(folder)]) for _ in range(3)))
            find.append(min(_run([BRIEFING, "find", query, str(folder)]) for _ in range(3)))
            in_process.append(min(_timed(lambda q=query: library.find(q)) for _ in range(3)))
            counts.append(library.find(query)[1])
        typed = [k for q in QUERIES for k in keystrokes(q)]
        gc.collect()
        per_key = [_timed(lambda k=k: library.find(k, 200)) for k in typed]

        big = Path(root) / "generated-10mb.yaml"
        big.write_text(generate_brief(20_000, 2_000, 500), encoding="utf-8")
        os.utime(big, (hour_ago, hour_ago))
        cache = BriefCache()
        plain = [_timed(lambda: load_brief(big)) for _ in range(3)]
        cold_big = _timed(lambda: load_brief_cached(big, cache))
        warm_big = [_timed(lambda: load_brief_cached(big, cache)) for _ in range(5)]
        big_mb = big.stat().st_size / 1e6

    lines = [
        SECTION,
        "",
        f"Measured with `{' '.join(['.venv/bin/python', '-m', 'benchmarks.library', *sys.argv[1:]])}`",
        f"on {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, SQLite "
        f"{__import__('sqlite3').sqlite_version}. A library of {count:,} generated briefs ({megabytes:.1f} MB, "
        "series of 20 from `benchmarks/generate.py`, not real content) in a temporary folder; "
        "figures are min / median / max; every baseline is measured in the same run.",
        "",
        "Opening the library: `briefing FOLDER` in an 80x24 pseudo-terminal until the whole list is on screen.",
        "",
        "| | time | against parsing every file in one process |",
        "| --- | ---: | ---: |",
        f"| parse every file with `load_brief` (baseline) | {_ms(parse)} | 1.00x |",
        f"| cold: empty cache, every file parsed, cached and indexed | {_ms(cold)} | {statistics.median(cold) / statistics.median(parse):.2f}x |",
        f"| warm: list from the cache, files only stat'ed | {_ms(warm)} | {statistics.median(warm) / statistics.median(parse):.2f}x |",
        "",
        f"Peak memory of a warm open: {peak:.0f} MiB.",
        "",
        f"Search across the {count:,} briefs (best of 3 each), against `grep -ri` over the same folder:",
        "",
        "| query | items found | `grep -ri` | `briefing find` (whole process) | library search in process |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for query, total, g, f, p in zip(QUERIES, counts, grep, find, in_process, strict=True):
        lines.append(f"| `{query}` | {total:,} | {g:.0f} ms | {f:.0f} ms | {p:.0f} ms |")
    lines += [
        "",
        f"As you type in the library's `/` (the best 200 hits and the count), {len(typed)} keystrokes of those queries: "
        f"median {statistics.median(per_key):.0f} ms, max {max(per_key):.0f} ms.",
        "",
        f"One generated brief of {big_mb:.1f} MB loaded in process: `load_brief` {_ms(plain)}; "
        f"`load_brief_cached` cold (parsed and cached) {cold_big:.0f} ms, warm {_ms(warm_big)}.",
    ]
    return lines


def write_section(lines: list[str], path: Path) -> None:
    """Put the section in the file in place of an earlier one, or at its end."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# Performance\n"
    block = "\n".join(lines) + "\n"
    found = re.search(rf"^{re.escape(SECTION)}\n.*?(?=^## |\Z)", text, flags=re.M | re.S)
    if found:
        text = text[: found.start()] + block + ("\n" if found.end() < len(text) else "") + text[found.end() :]
    else:
        text = text.rstrip("\n") + "\n\n" + block
    path.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("briefs", nargs="?", type=int, default=2_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-write", action="store_true", help="print only, leave docs/performance.md alone")
    args = parser.parse_args()
    lines = measure(args.briefs, args.runs)
    print("\n".join(lines))
    if not args.no_write:
        write_section(lines, REPO / "docs" / "performance.md")


if __name__ == "__main__":
    main()

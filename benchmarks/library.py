"""Libraries of generated briefs: opening them cold and warm, and searching them, each
against a baseline measured in the same run.

Run: .venv/bin/python -m benchmarks.library [--sizes 2000,20000] [--runs N] [--no-write]

For each size it uses a library of generated briefs (series of 20, marked as generated
fixtures in their first line and title, never in briefs/), dated an hour back as
files of a library are. Libraries, and the cache each is read into, are kept in
/tmp/briefing-benchmark-libraries between runs: writing 20,000 briefs and reading
them once takes minutes. It measures:

- open: `briefing FOLDER` in an 80x24 pseudo-terminal until the newest brief (the first screen) and the whole list are on
  screen ("2,000 briefs, newest first"), warm (every brief cached) and, at the
  smallest size, cold (an empty cache: every file parsed, cached and indexed)
  against parsing every file with `load_brief` in one process; the peak memory of
  a warm open, and the size of the cache against the YAML it holds;
- search: `briefing find QUERY FOLDER` (a whole process, warm, every hit printed)
  against `rg -i` (ripgrep, from the system's packages: said when it is missing)
  and `grep -ri` over the same folder, and the library's search in process (every
  hit, and as you type: the best 200 hits and the count, up to its cap, per keystroke);
- at the smallest size, a single generated 10 MB brief loaded in process, cold
  (parsed and cached) and warm.

The figures and the budgets they meet go to the "Library" section of
docs/performance.md (the rest of the file is left as it is) and to stdout.
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import re
import shutil
import sqlite3
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
from briefing_tui.core.cache_identity import CODE_VERSION
from briefing_tui.core.files import brief_files
from briefing_tui.core.find_best import COUNTED
from briefing_tui.core.library import Library
from briefing_tui.core.loader import load_brief

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
BRIEFING = str(Path(sys.executable).parent / "briefing")
KEPT = Path(tempfile.gettempdir()) / "briefing-benchmark-libraries"
QUERIES = ["Greta Adler", "kalomi", "reconstruction", "Generated issue 3", "Adlar", '"border corridor"']
KINDS = ["two words", "rare word", "common word", "three words", "a typo", "a phrase"]
SECTION = "## Library"


def _ms(values: list[float]) -> str:
    return f"{min(values):.0f} / {statistics.median(values):.0f} / {max(values):.0f} ms"


def _timed(function: Callable[[], object]) -> float:
    start = time.perf_counter()
    function()
    return (time.perf_counter() - start) * 1000


def _run(argv: list[str], env: dict[str, str] | None = None) -> float:
    return _timed(lambda: subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=env))


def _best(argv: list[str], env: dict[str, str] | None = None, times: int = 5) -> float:
    return min(_run(argv, env) for _ in range(times))


def _parse_all(files: list[str]) -> None:
    for file in files:
        assert load_brief(file).ok


def kept_library(count: int) -> Path:
    """The folder of `count` generated briefs, written once and kept between runs."""
    folder = KEPT / f"{count}" / "library"
    done = folder.parent / "written"
    if not done.exists():
        shutil.rmtree(folder, ignore_errors=True)
        write_series(folder, count)
        hour_ago = time.time() - 3600
        for path in folder.iterdir():
            os.utime(path, (hour_ago, hour_ago))
        done.touch()
    return folder


def warm_cache(count: int, files: list[str]) -> Path:
    """The cache of that library as reading it from an empty cache writes it (what a
    cold open leaves): filled again from empty whenever this program's code changed
    since, so that its size is never that of a cache rewritten brief by brief."""
    folder = KEPT / f"{count}" / "cache"
    filled_by = folder.parent / "cache-code"
    if not filled_by.exists() or filled_by.read_text(encoding="utf-8") != CODE_VERSION:
        shutil.rmtree(folder, ignore_errors=True)
        filled_by.unlink(missing_ok=True)
    cache = BriefCache(folder)
    library = Library(files, cache)
    for _ in library.read():
        pass
    cache.close()
    filled_by.write_text(CODE_VERSION, encoding="utf-8")
    return folder


def cache_bytes(folder: Path) -> int:
    """The size of the cache's database and its log."""
    return sum(path.stat().st_size for path in folder.iterdir() if path.name.startswith("briefs.sqlite3"))


def measure(count: int, runs: int, *, smallest: bool) -> tuple[list[str], list[tuple[str, str, bool]]]:
    """The lines of one size's figures, and its budgets (what, measured, met)."""
    folder = kept_library(count)
    files, _ = brief_files([str(folder)])
    yaml_bytes = sum(os.path.getsize(f) for f in files)
    expect = f"{count:,} briefs, newest first"
    budgets: list[tuple[str, str, bool]] = []
    lines = [f"### {count:,} briefs ({yaml_bytes / 1e6:.1f} MB of YAML)", ""]

    if smallest:
        parse = [_timed(lambda: _parse_all(files)) for _ in range(max(1, runs // 2))]
        cold = []
        for _ in range(max(1, runs // 2)):
            with tempfile.TemporaryDirectory(prefix="briefing-benchmark-cache-") as empty:
                cold.append(first_paint([BRIEFING, str(folder)], expect, timeout=900, env={"BRIEFING_CACHE_DIR": empty}).seconds * 1000)
        ratio = statistics.median(cold) / statistics.median(parse)
        budgets.append((f"cold open of {count:,} briefs, at most parsing every file once in one process", f"{ratio:.2f}x", ratio <= 1.0))

    cache = warm_cache(count, files)
    env = dict(os.environ, BRIEFING_CACHE_DIR=str(cache))
    # The first screen: the newest brief's title at the top of the list (its first
    # words, which no wrapping splits); the whole list: the count of every brief.
    newest = (Library(files, BriefCache(cache)).listing()[0].title or "")[:24]
    warm_runs = [first_paint([BRIEFING, str(folder)], expect, timeout=120, env={"BRIEFING_CACHE_DIR": str(cache)}, first=newest) for _ in range(runs)]
    warm = [run.seconds * 1000 for run in warm_runs]
    warm_first = [(run.first_seconds or run.seconds) * 1000 for run in warm_runs]
    peak = max(run.peak_mib for run in warm_runs)
    size = cache_bytes(cache) / yaml_bytes
    lines += [
        "Opening the library: `briefing FOLDER` in an 80x24 pseudo-terminal until the newest brief is on screen (the first screen) and until the whole list is (its count of briefs).",
        "",
    ]
    lines += ["| | time | against parsing every file in one process |", "| --- | ---: | ---: |"]
    if smallest:
        lines.append(f"| parse every file with `load_brief` (baseline) | {_ms(parse)} | 1.00x |")
        lines.append(f"| cold: empty cache, every file parsed, cached and indexed | {_ms(cold)} | {ratio:.2f}x |")
        lines.append(
            f"| warm, first screen (the newest brief at the top) | {_ms(warm_first)} | {statistics.median(warm_first) / statistics.median(parse):.2f}x |"
        )
        lines.append(
            f"| warm, the whole list: from the cache, files only stat'ed | {_ms(warm)} | {statistics.median(warm) / statistics.median(parse):.2f}x |"
        )
    else:
        lines.append(f"| warm, first screen (the newest brief at the top) | {_ms(warm_first)} | |")
        lines.append(f"| warm, the whole list: from the cache, files only stat'ed | {_ms(warm)} | |")
    lines += [
        "",
        f"Peak memory of a warm open: {peak:.0f} MiB. The cache, as reading the library into an empty one writes it: {cache_bytes(cache) / 1e6:.1f} MB, {size:.2f}x the YAML it holds.",
        "",
    ]
    if not smallest:
        budgets.append(
            (
                f"warm open of {count:,} briefs, the first screen under 1 s",
                f"{statistics.median(warm_first) / 1000:.2f} s",
                statistics.median(warm_first) < 1000,
            )
        )
        budgets.append(
            (f"warm open of {count:,} briefs, the whole list under 2 s", f"{statistics.median(warm) / 1000:.2f} s", statistics.median(warm) < 2000)
        )
        budgets.append((f"peak memory of a warm open of {count:,} briefs, under 150 MiB", f"{peak:.0f} MiB", peak < 150))
    budgets.append((f"cache of {count:,} briefs, under 3x the YAML", f"{size:.2f}x", size < 3))

    library = Library(files, BriefCache(cache))
    assert not library.pending, "every brief is cached"
    rg = shutil.which("rg")
    rows = []
    for query, kind in zip(QUERIES, KINDS, strict=True):
        plain = query.strip('"')
        ripgrep = _best(["rg", "-i", plain, str(folder)]) if rg else None
        grep = _best(["grep", "-ri", plain, str(folder)])
        find = _best([BRIEFING, "find", query, str(folder)], env)
        limited = _best([BRIEFING, "find", "--limit", "20", query, str(folder)], env)
        in_process = min(_timed(lambda q=query: library.find(q)) for _ in range(3))
        total = library.find(query)[1]
        rows.append((query, kind, total, ripgrep, grep, find, limited, in_process))
        if smallest and ripgrep is not None:
            budgets.append((f"`briefing find {query}` ({kind}), at most 3x `rg -i`", f"{find / ripgrep:.2f}x", find <= 3 * ripgrep))
        if smallest:
            budgets.append((f"`briefing find {query}` ({kind}), faster than `grep -ri`", f"{find / grep:.2f}x", find < grep))
    # The least an answer from the cache can take in Python: the interpreter started,
    # SQLite's module imported and every file stat'ed (to know the cache is current).
    floor_code = f"import os, sqlite3\nfor top, _, names in os.walk({str(folder)!r}):\n    for name in names: os.stat(os.path.join(top, name))"
    started = _best([sys.executable, "-c", "pass"])
    floor = _best([sys.executable, "-c", floor_code])
    typed = [k for q in QUERIES for k in keystrokes(q)]
    gc.collect()
    per_key = [_timed(lambda k=k: library.find(k, 200)) for k in typed]
    median_key, worst_key = statistics.median(per_key), max(per_key)
    budgets.append((f"library `/`, {count:,} briefs, under 16 ms a keystroke (median)", f"{median_key:.1f} ms", median_key < 16))
    if smallest:
        budgets.append((f"library `/`, {count:,} briefs, under 50 ms a keystroke at worst", f"{worst_key:.1f} ms", worst_key < 50))

    lines += [
        "Search (best of 5 whole processes each; `rg -i` and `grep -ri` over the same folder"
        + ("" if rg else "; ripgrep is not installed here: `apt-get install ripgrep`")
        + "):",
        "",
        "| query | | items found | `rg -i` | `grep -ri` | `briefing find` | `find --limit 20` | against `rg -i` | library search in process |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for query, kind, total, ripgrep, grep, find, limited, in_process in rows:
        against = f"{find / ripgrep:.2f}x" if ripgrep else "-"
        shown_rg = f"{ripgrep:.0f} ms" if ripgrep else "-"
        lines.append(
            f"| `{query}` | {kind} | {total:,} | {shown_rg} | {grep:.0f} ms | {find:.0f} ms | {limited:.0f} ms | {against} | {in_process:.0f} ms |"
        )
    lines += [
        "",
        f"Before any query, in the same run: Python starts in {started:.0f} ms, and takes {floor:.0f} ms to start, import `sqlite3` and `stat` "
        f"every file (what an answer from the cache must at least do, to know it is current); `grep -ri` takes {min(r[4] for r in rows):.0f} "
        f"to {max(r[4] for r in rows):.0f} ms.",
        "",
        f"As you type in the library's `/` (the best 200 hits and the count, up to {COUNTED:,}), {len(typed)} keystrokes of those queries: "
        f"median {median_key:.1f} ms, max {worst_key:.1f} ms to the answer. The reader finds it in a thread of its own, "
        "so a key typed never waits for it; an answer to a query typed over is dropped.",
        "",
    ]
    if smallest:
        lines += [_big_brief(), ""]
    return lines, budgets


def _big_brief() -> str:
    with tempfile.TemporaryDirectory(prefix="briefing-benchmark-big-") as root:
        big = Path(root) / "generated-10mb.yaml"
        big.write_text(generate_brief(20_000, 2_000, 500), encoding="utf-8")
        hour_ago = time.time() - 3600
        os.utime(big, (hour_ago, hour_ago))
        cache = BriefCache(Path(root) / "cache")
        plain = [_timed(lambda: load_brief(big)) for _ in range(3)]
        cold_big = _timed(lambda: load_brief_cached(big, cache))
        warm_big = [_timed(lambda: load_brief_cached(big, cache)) for _ in range(5)]
        big_mb = big.stat().st_size / 1e6
    return (
        f"One generated brief of {big_mb:.1f} MB loaded in process: `load_brief` {_ms(plain)}; "
        f"`load_brief_cached` cold (parsed and cached) {cold_big:.0f} ms, warm {_ms(warm_big)}."
    )


def section(sizes: list[int], runs: int) -> list[str]:
    """The whole section: every size, then every budget."""
    lines = [
        SECTION,
        "",
        f"Measured with `{' '.join(['.venv/bin/python', '-m', 'benchmarks.library', *sys.argv[1:]])}`",
        f"on {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}"
        + (f", {_ripgrep_version()}" if shutil.which("rg") else "")
        + ". Libraries of generated briefs (series of 20 from `benchmarks/generate.py`, not real content); "
        "figures are min / median / max; every baseline is measured in the same run. "
        "The package's bytecode is compiled first, as an installed program's is.",
        "",
    ]
    budgets: list[tuple[str, str, bool]] = []
    load_before = os.getloadavg()[0]
    for number, count in enumerate(sorted(sizes)):
        found, met = measure(count, runs, smallest=number == 0)
        lines += found
        budgets += met
    lines += ["### Budgets", "", "| budget | measured | met |", "| --- | ---: | :---: |"]
    lines += [f"| {what} | {measured} | {'yes' if ok else '**no**'} |" for what, measured, ok in budgets]
    lines += [
        "",
        f"The machine's load average (1 minute) was {load_before:.1f} when the run began and {os.getloadavg()[0]:.1f} when it ended, "
        f"on {os.cpu_count()} cores: on a shared machine the times vary from run to run, the ratios to the baselines measured beside them much less.",
    ]
    return lines


def _ripgrep_version() -> str:
    out = subprocess.run(["rg", "--version"], capture_output=True, text=True, check=False).stdout
    return out.splitlines()[0] if out else "ripgrep"


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


def compiled() -> None:
    """The package's modules compiled to bytecode, as an installed program's are: with
    PYTHONDONTWRITEBYTECODE set (some shells and containers set it), every `briefing`
    run would compile them again."""
    import compileall

    compileall.compile_dir(REPO / "src" / "briefing_tui", quiet=1)


def main() -> None:
    compiled()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="2000,20000", help="library sizes, comma-separated (default: 2000,20000)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-write", action="store_true", help="print only, leave docs/performance.md alone")
    args = parser.parse_args()
    lines = section([int(size) for size in args.sizes.split(",")], args.runs)
    print("\n".join(lines))
    if not args.no_write:
        write_section(lines, REPO / "docs" / "performance.md")


if __name__ == "__main__":
    main()

"""Every performance figure in one run, written to docs/performance.md.

Run: .venv/bin/python -m benchmarks.run [--runs N] [--with-50mb]

Briefs: the real one, and generated ones of about 1 MB and 10 MB (and 50 MB with
--with-50mb, not in CI). Each figure is measured as min / median / max over
repeated runs, next to a baseline measured in the same run:

- first paint: `briefing FILE` in an 80x24 pseudo-terminal until the title is on
  screen, against a minimal Textual app showing one line, launched the same way;
- load: parse, validate and link every item, against a bare `yaml.load` of the
  same text with libyaml's CSafeLoader;
- search: per-keystroke query time against a plain case-folded substring scan;
- memory: peak RSS of the reader against the minimal app.
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path

import yaml

from benchmarks.generate import generate_brief
from benchmarks.search import QUERIES, keystrokes, timed
from benchmarks.terminal import Run, first_paint
from briefing_tui.core import LinkIndex, load_brief
from briefing_tui.core.search import SearchIndex
from briefing_tui.core.text import fold

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
BRIEFING = str(Path(sys.executable).parent / "briefing")
REAL = REPO / "briefs" / "moscow-invitation-2026-01-29.yaml"


def _stats(values: list[float]) -> tuple[float, float, float]:
    return min(values), statistics.median(values), max(values)


def _fmt(values: list[float], unit: str = "ms") -> str:
    low, mid, high = _stats(values)
    return f"{low:.0f} / {mid:.0f} / {high:.0f} {unit}" if unit == "ms" else f"{low:.1f} / {mid:.1f} / {high:.1f} {unit}"


def _timed(function: Callable[[], object], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    return times


def _load_all(path: Path) -> None:
    result = load_brief(path)
    assert result.brief is not None
    LinkIndex(result.brief).prepare()


def _bare(text: str) -> None:
    yaml.load(text, Loader=yaml.CSafeLoader)


def _search(path: Path) -> tuple[list[float], list[float]]:
    brief = load_brief(path).brief
    assert brief is not None
    index = SearchIndex(brief)
    gc.freeze()
    folded = [fold(t) for t in index.texts()]
    typed = [k for q in QUERIES for k in keystrokes(q)]
    ours = timed(lambda q: index.find(q, 200), typed)
    scan = timed(lambda q: sum(1 for t in folded if fold(q) in t), typed)
    gc.unfreeze()
    return ours, scan


def _budgets(paint: list, load: list, search: list) -> list[tuple[str, str, bool]]:  # type: ignore[type-arg]
    """Each budget, what this run measured, and whether it is met."""
    warm = {row[0]: statistics.median(row[3]) for row in paint}
    cold = {row[0]: statistics.median(row[2]) for row in paint}
    minimal, real = warm["minimal Textual app"], warm["real brief"]
    ten = next(row for row in paint if "10 MB" in row[0])
    ten_load = next(row for row in load if "10 MB" in row[0])
    ten_search = next(row for row in search if "10 MB" in row[0])
    size_mb = float(ten[1].split()[0])
    extra = ten[4] - paint[0][4]
    first = real / minimal
    big = warm[ten[0]] / real
    big_cold = cold[ten[0]] / cold["real brief"]
    search_median = statistics.median(ten_search[1])
    return [
        ("first paint, real brief, at most 1.15x the minimal app (warm)", f"{first:.2f}x", first <= 1.15),
        ("first paint, 10 MB brief, at most 2x the real brief's (warm)", f"{big:.2f}x (cold: {big_cold:.2f}x)", big <= 2),
        ("load, 10 MB brief, at most 1.5x the bare CSafeLoader parse", f"{ten_load[3]:.2f}x", ten_load[3] <= 1.5),
        ("search keystroke, 10 MB brief, under 16 ms median", f"{search_median:.1f} ms", search_median < 16),
        (
            "peak RSS, 10 MB brief, under 5x the file size above the minimal app",
            f"{extra:+.0f} MiB (limit {5 * size_mb / 1.048576:.0f} MiB)",
            extra < 5 * size_mb / 1.048576,
        ),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--with-50mb", action="store_true", help="also a 50 MB brief (slow)")
    parser.add_argument("--output", default=str(REPO / "docs" / "performance.md"))
    args = parser.parse_args()
    sizes = [("~1 MB", (1_600, 200, 40)), ("~10 MB", (16_000, 2_000, 500))]
    if args.with_50mb:
        sizes.append(("~50 MB", (80_000, 8_000, 2_000)))
    rows_paint, rows_load, rows_search = [], [], []
    with tempfile.TemporaryDirectory() as folder:
        # Each run opens the brief and searches it, so that the peak memory is that of
        # a reader in use (its search index built), not only of the first screen.
        briefs = [("real brief", REAL, "Russia renews invitation")]
        for label, counts in sizes:
            path = Path(folder) / f"generated-{counts[0]}.yaml"
            path.write_text(generate_brief(*counts), encoding="utf-8")
            # As a brief written a while ago: one changed within the last seconds is
            # not trusted to the cache (its time may not show the next change).
            an_hour_ago = time.time() - 3600
            os.utime(path, (an_hour_ago, an_hour_ago))
            briefs.append((f"generated {label}", path, f"Generated brief, {counts[0]} quotes"))
        minimal = [sys.executable, str(HERE / "minimal_app.py")]
        # The reader caches what it parsed (keyed by path, size and time): a cold
        # start parses the YAML, a warm one reads the cache. Both are measured: a
        # cold launch in an empty cache folder of its own, a warm one in a folder
        # the warm-up filled.
        warm_cache = Path(folder) / "warm-cache"

        def launch(path: Path, expect: str, cold: bool) -> Run:
            cache = Path(tempfile.mkdtemp(dir=folder)) if cold else warm_cache
            search = [("/", "Search everything"), ("zelensky" if path == REAL else "talks", "matches")]
            try:
                return first_paint([BRIEFING, str(path)], expect, then=search, env={"BRIEFING_CACHE_DIR": str(cache)})
            finally:
                if cold:
                    shutil.rmtree(cache, ignore_errors=True)

        # Once each to warm the system's caches and fill the reader's, then round
        # after round: every brief warm and cold, the big ones first, then the
        # baseline and the real brief's warm start next to each other, in turn
        # first. Interleaved, a machine that slows down or speeds up during the run
        # weighs on every figure alike, and the budget that compares the reader with
        # the baseline compares launches made in the same conditions.
        first_paint(minimal, "Minimal app ready")
        for _, path, expect in briefs:
            launch(path, expect, cold=False)
        base: list[Run] = []
        colds: dict[str, list[Run]] = {name: [] for name, _, _ in briefs}
        warms: dict[str, list[Run]] = {name: [] for name, _, _ in briefs}
        (real_name, real_path, real_expect), *others = briefs
        for round_number in range(args.runs):
            for name, path, expect in reversed(others):
                warms[name].append(launch(path, expect, cold=False))
                colds[name].append(launch(path, expect, cold=True))
            colds[real_name].append(launch(real_path, real_expect, cold=True))
            pair = [
                lambda: base.append(first_paint(minimal, "Minimal app ready")),
                lambda: warms[real_name].append(launch(real_path, real_expect, cold=False)),
            ]
            for measure in pair if round_number % 2 == 0 else reversed(pair):
                measure()
        base_ms = [r.seconds * 1000 for r in base]
        base_rss = max(r.peak_mib for r in base)
        rows_paint.append(("minimal Textual app", "", base_ms, base_ms, base_rss))
        for name, path, _expect in briefs:
            size = path.stat().st_size / 1e6
            cold, warm = colds[name], warms[name]
            rss = max(r.peak_mib for r in cold + warm)
            rows_paint.append((name, f"{size:.1f} MB", [r.seconds * 1000 for r in cold], [r.seconds * 1000 for r in warm], rss))
            text = path.read_text(encoding="utf-8")
            load_runs = max(3, args.runs if size < 5 else 3)
            ours = _timed(lambda p=path: _load_all(p), load_runs)  # type: ignore[misc]
            bare = _timed(lambda t=text: _bare(t), load_runs)  # type: ignore[misc]
            rows_load.append((name, ours, bare, statistics.median(ours) / statistics.median(bare)))
            if name != "real brief":
                search, scan = _search(path)
                rows_search.append((name, search, scan))
    lines = [
        "# Performance",
        "",
        f"Measured with `{' '.join(['.venv/bin/python', '-m', 'benchmarks.run', *sys.argv[1:]])}`,",
        f"on {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"Textual {version('textual')}, PyYAML {version('pyyaml')} (libyaml: {yaml.__with_libyaml__}).",
        f"Figures are min / median / max over {args.runs} runs; every baseline is measured in the same run,",
        "and the launches for first paint take turns, round after round: each brief warm and cold, the biggest first,",
        "then the minimal app and the real brief's warm start, next to each other and each first in every other round.",
        "Generated briefs come from `benchmarks/generate.py` and are not real content.",
        "",
        "## First paint and memory",
        "",
        "First paint: from spawning the process in an 80x24 pseudo-terminal until the title is on screen.",
        "Peak RSS: over the same run, which then searches the brief (`/talks`, `/zelensky` on the real",
        "brief) until the results are on screen, so it includes the search and link indexes.",
        "",
        "Cold: each run with an empty cache of parsed briefs; warm: the brief read from the cache.",
        "",
        "| program | size | first paint, cold | first paint, warm | warm vs minimal app | peak RSS | RSS above minimal app |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    base_ms, base_rss = rows_paint[0][2], rows_paint[0][4]
    for name, size, cold_ms, warm_ms, rss in rows_paint:
        ratio = statistics.median(warm_ms) / statistics.median(base_ms)
        lines.append(f"| {name} | {size} | {_fmt(cold_ms)} | {_fmt(warm_ms)} | {ratio:.2f}x | {rss:.0f} MiB | {rss - base_rss:+.0f} MiB |")
    lines += [
        "",
        "## Load",
        "",
        "Parse, validate and link (`load_brief` and every link found), against a bare `yaml.load` with CSafeLoader.",
        "",
        "| brief | load | bare CSafeLoader | ratio of medians |",
        "| --- | ---: | ---: | ---: |",
    ]
    for name, ours, bare, ratio in rows_load:
        lines.append(f"| {name} | {_fmt(ours)} | {_fmt(bare)} | {ratio:.2f}x |")
    lines += [
        "",
        "## Search",
        "",
        f"Every prefix of {len(QUERIES)} queries typed a character at a time (best 200 hits and the count),",
        "against a plain case-folded substring scan of the same texts.",
        "",
        "| brief | per keystroke | substring scan | ratio of medians |",
        "| --- | ---: | ---: | ---: |",
    ]
    for name, search, scan in rows_search:
        ratio = statistics.median(search) / statistics.median(scan)
        lines.append(f"| {name} | {_fmt(search, 'ms ')} | {_fmt(scan, 'ms ')} | {ratio:.2f}x |")
    lines += ["", "## Budgets", "", "| budget | measured | met |", "| --- | ---: | :---: |"]
    for budget, measured, met in _budgets(rows_paint, rows_load, rows_search):
        lines.append(f"| {budget} | {measured} | {'yes' if met else '**no**'} |")
    _write_section(Path(args.output), lines)
    print("\n".join(lines))


BEGIN, END = "<!-- written by benchmarks.run: begin -->", "<!-- written by benchmarks.run: end -->"


def _write_section(path: Path, lines: list[str]) -> None:
    """Put the figures between the markers of `path`, leaving the rest of it as it is."""
    body = "\n".join([BEGIN, *lines, END])
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    if BEGIN in old and END in old:
        head, rest = old.split(BEGIN, 1)
        new = head + body + rest.split(END, 1)[1]
    else:
        new = body + "\n" + old
    path.write_text(new if new.endswith("\n") else new + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()

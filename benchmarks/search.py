"""Per-keystroke search time on a generated brief, against a plain substring scan.

Run: .venv/bin/python -m benchmarks.search [QUOTES ACTORS ISSUES]

Types each query of a fixed list one character at a time, as a user would, and
times every keystroke's query (the best 200 hits and the count, as the reader asks)
with the search index. In the same run it times a plain case-folded substring scan
of the same texts for the same keystrokes, the least any search must do, and
reports both and their ratio.
"""

from __future__ import annotations

import gc
import statistics
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.generate import generate_brief
from briefing_tui.core import load_brief
from briefing_tui.core.search import SearchIndex
from briefing_tui.core.text import fold

QUERIES = [
    "zapo", "Anna Adler", "security guarantees", "Peskow", "talks ceasefire",
    '"border corridor"', "kalomi", "Ivanov 0417", "reactor plant", "summit envoy",
]  # fmt: skip


def keystrokes(query: str) -> list[str]:
    """Every prefix of the query, as typed."""
    return [query[:n] for n in range(1, len(query) + 1) if query[:n].strip()]


def timed(function, typed: list[str]) -> list[float]:  # type: ignore[no-untyped-def]
    times = []
    for text in typed:
        start = time.perf_counter()
        function(text)
        times.append((time.perf_counter() - start) * 1000)
    return times


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:4]] or [20_000, 2_000, 500]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "generated.yaml"
        path.write_text(generate_brief(*sizes), encoding="utf-8")
        megabytes = path.stat().st_size / 1e6
        brief = load_brief(path).brief
    assert brief is not None
    start = time.perf_counter()
    index = SearchIndex(brief)
    built = time.perf_counter() - start
    gc.freeze()  # as the reader does once the brief is loaded
    folded = [fold(text) for text in index.texts()]

    def scan(query: str) -> int:
        needle = fold(query)
        return sum(1 for text in folded if needle in text)

    typed = [k for q in QUERIES for k in keystrokes(q)]
    scan_times = timed(scan, typed)
    index_times = timed(lambda q: index.find(q, 200), typed)
    print(f"generated brief: {sizes[0]} quotes, {sizes[1]} actors, {sizes[2]} issues, {megabytes:.1f} MB")
    print(f"index built in {built:.2f} s; {len(typed)} keystrokes over {len(QUERIES)} queries")
    print("| | median ms | max ms |")
    print("| --- | ---: | ---: |")
    for name, times in (("search index (best 200 + count)", index_times), ("plain substring scan", scan_times)):
        print(f"| {name} | {statistics.median(times):.1f} | {max(times):.1f} |")
    ratio = statistics.median(index_times) / statistics.median(scan_times)
    print(f"ratio of medians, index / scan: {ratio:.2f}")


if __name__ == "__main__":
    main()

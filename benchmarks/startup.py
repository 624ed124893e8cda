"""Time to first paint and peak memory of the reader, against a minimal Textual app.

Run: .venv/bin/python -m benchmarks.startup [RUNS]

Each program is launched in an 80x24 pseudo-terminal, the same way, RUNS times
(default 5): the clock runs from spawning the process until the expected text is on
screen (the brief's title; "Minimal app ready" for the baseline), and peak RSS comes
from the kernel's account of the finished process. Briefs: the real one, and
generated ones of about 1 MB and 10 MB.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
from pathlib import Path

from benchmarks.generate import generate_brief
from benchmarks.terminal import Run, first_paint

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
PYTHON = sys.executable
BRIEFING = str(Path(sys.executable).parent / "briefing")


def measure(argv: list[str], expect: str, runs: int) -> list[Run]:
    first_paint(argv, expect)  # warm the file cache; not counted
    return [first_paint(argv, expect) for _ in range(runs)]


def row(name: str, runs: list[Run], base: list[Run]) -> str:
    seconds = [r.seconds * 1000 for r in runs]
    peak = max(r.peak_mib for r in runs)
    ratio = statistics.median(seconds) / statistics.median(r.seconds * 1000 for r in base)
    extra = peak - max(r.peak_mib for r in base)
    return f"| {name} | {min(seconds):.0f} | {statistics.median(seconds):.0f} | {max(seconds):.0f} | {ratio:.2f}x | {peak:.0f} | {extra:+.0f} |"


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    with tempfile.TemporaryDirectory() as folder:
        cases = [("real brief", REPO / "briefs" / "moscow-invitation-2026-01-29.yaml", "Russia renews invitation")]
        for label, sizes in (("generated, ~1 MB", (1_600, 200, 40)), ("generated, ~10 MB", (16_000, 2_000, 500))):
            path = Path(folder) / f"{sizes[0]}.yaml"
            path.write_text(generate_brief(*sizes), encoding="utf-8")
            cases.append((f"{label} ({path.stat().st_size / 1e6:.1f} MB)", path, f"Generated brief, {sizes[0]} quotes"))
        base = measure([PYTHON, str(HERE / "minimal_app.py")], "Minimal app ready", runs)
        print("| program | min ms | median ms | max ms | median vs minimal app | peak RSS MiB | RSS vs minimal app MiB |")
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
        print(row("minimal Textual app", base, base))
        for name, path, expect in cases:
            print(row(f"briefing: {name}", measure([BRIEFING, str(path)], expect, runs), base))


if __name__ == "__main__":
    main()

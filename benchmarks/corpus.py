"""How long each file of the hostile and conformance corpora takes to check.

Run: .venv/bin/python benchmarks/corpus.py [CORPUS_DIR]

Reports, per corpus, the slowest files through the real `briefing check` command
(a fresh process each, as a user runs it) and through the loader in process, with
the time of `briefing --version` measured in the same run as the baseline cost of
starting the command.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

from briefing_tui.core import load_brief

HERE = Path(__file__).resolve().parent
DEFAULT = HERE.parent.parent / "shared" / "corpus"
BRIEFING = Path(sys.executable).parent / "briefing"


def timed(args: list[str]) -> tuple[float, str]:
    start = time.perf_counter()
    out = subprocess.run(args, capture_output=True, text=True, errors="replace")
    return time.perf_counter() - start, out.stdout + out.stderr


def main() -> None:
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    files = sorted(p for p in root.rglob("*") if p.suffix in (".yaml", ".yml"))
    baseline = statistics.median(timed([str(BRIEFING), "--version"])[0] for _ in range(5))
    shell, in_process, tracebacks = [], [], 0
    for path in files:
        seconds, output = timed([str(BRIEFING), "check", str(path)])
        tracebacks += "Traceback" in output
        shell.append((seconds, path))
        start = time.perf_counter()
        load_brief(path)
        in_process.append((time.perf_counter() - start, path))
    shell.sort(reverse=True)
    in_process.sort(reverse=True)
    print(f"{len(files)} files under {root}; tracebacks: {tracebacks}")
    print(f"baseline `briefing --version`: {baseline * 1000:.0f} ms")
    print(
        f"`briefing check FILE`: median {statistics.median(s for s, _ in shell) * 1000:.0f} ms, "
        f"max {shell[0][0] * 1000:.0f} ms ({shell[0][0] / baseline:.1f}x baseline) on {shell[0][1].name}"
    )
    print(
        f"load_brief in process: median {statistics.median(s for s, _ in in_process) * 1000:.2f} ms, "
        f"max {in_process[0][0] * 1000:.1f} ms on {in_process[0][1].name}"
    )


if __name__ == "__main__":
    main()

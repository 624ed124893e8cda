"""Generated hostile files through the real `briefing check F` and `briefing F`.

Each run must end with a clear message (`F:LINE:COL: error: ...` when the file's
content is at fault, `F: error: ...` when the path itself is) and a non-zero exit,
never a traceback, within 2 s of CPU time and 500 MB of memory. The child runs with
its address space capped at 500 MB, and its peak resident memory and CPU time are
read from the kernel when it is reaped.
"""

from __future__ import annotations

import ctypes
import os
import re
import resource
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import BRIEFING, MINIMAL, REPO

CPU_SECONDS = 2.0
WALL_SECONDS = 10.0  # a hang, not a slow machine: the CPU time is the measure
MEMORY_BYTES = 500 * 1024 * 1024


@dataclass(frozen=True)
class Run:
    returncode: int
    stdout: str
    stderr: str
    cpu_seconds: float
    wall_seconds: float
    peak_bytes: int


def run_limited(args: list[str], tmp_path: Path, preexec: Callable[[], None] | None = None) -> Run:
    """Run the real `briefing` with its memory capped; measure its CPU time and peak memory."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))
        if preexec is not None:
            preexec()

    out_path, err_path = tmp_path / "stdout.txt", tmp_path / "stderr.txt"
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        start = time.monotonic()
        child = subprocess.Popen([str(BRIEFING), *args], stdin=subprocess.DEVNULL, stdout=out, stderr=err, cwd=REPO, preexec_fn=limit)
        watchdog = threading.Timer(WALL_SECONDS, child.kill)
        watchdog.start()
        try:
            _, status, usage = os.wait4(child.pid, 0)
        finally:
            watchdog.cancel()
        wall = time.monotonic() - start
    child.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
    return Run(
        child.returncode,
        out_path.read_text("utf-8", "replace"),
        err_path.read_text("utf-8", "replace"),
        usage.ru_utime + usage.ru_stime,
        wall,
        usage.ru_maxrss * 1024,
    )


@dataclass(frozen=True)
class Case:
    """A hostile file, made in a folder; `located` when its content (not its path) is at fault."""

    make: Callable[[Path], Path]
    located: bool
    message: str  # a part of the expected error message


def _write(name: str, data: bytes) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(data)
        return path

    return make


def _big_scalar(folder: Path) -> Path:
    path = folder / "big-scalar.yaml"
    with open(path, "wb") as handle:
        handle.write(b"brief: 1\ntitle: ")
        handle.write(b"x" * 60_000_000)
        handle.write(b"\ndate: 2026-01-29\nsummary: s\n")
    return path


def _sparse(folder: Path) -> Path:
    path = folder / "huge.yaml"
    with open(path, "wb") as handle:
        handle.truncate(1 << 30)  # 1 GiB of nothing, taking no disk
    return path


def _directory(folder: Path) -> Path:
    path = folder / "x.yaml"
    path.mkdir()
    return path


def _unreadable(folder: Path) -> Path:
    path = folder / "unreadable.yaml"
    path.write_text(MINIMAL, encoding="utf-8")
    path.chmod(0)
    return path


def _symlink_loop(folder: Path) -> Path:
    first, second = folder / "loop-a.yaml", folder / "loop-b.yaml"
    first.symlink_to(second)
    second.symlink_to(first)
    return first


def _fifo(folder: Path) -> Path:
    path = folder / "fifo.yaml"
    os.mkfifo(path)
    return path


def _device(folder: Path) -> Path:
    path = folder / "zero.yaml"
    path.symlink_to("/dev/zero")
    return path


def _alias_bomb() -> bytes:
    # 30 levels of 10 aliases each: 10^30 leaves if anything expanded them.
    lines = ["brief: 1", "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 30)]
    lines += ["title: *a29", "date: 2026-01-29", "summary: *a29", "tags: *a29"]
    return ("\n".join(lines) + "\n").encode()


def _many_aliases() -> bytes:
    # Valid but for the count: 50,000 key points, each an alias of one word.
    return (MINIMAL + "tags: [&t x]\nkey_points: [" + ", ".join(["*t"] * 50_000) + "]\n").encode()


def _actors_aliasing_one_text() -> bytes:
    # 1 MB: 4,000 actors whose role and notes alias one 800 KB text (6 GB if expanded).
    big = "word " * 160_000
    lines = [MINIMAL + "actors:", f'  - {{id: a0, name: Actor 0, role: &big "{big}", notes: *big}}']
    lines += [f"  - {{id: a{n}, name: Actor {n}, role: *big, notes: *big}}" for n in range(1, 4000)]
    return ("\n".join(lines) + "\n").encode()


def _key_points_aliasing_the_summary() -> bytes:
    # 1 MB: 9,000 key points, each an alias of a 1 MB summary (9 GB if expanded).
    head = 'brief: 1\ntitle: T\ndate: 2026-01-29\nsummary: &s "' + "words " * 170_000 + '"\nkey_points:\n'
    return (head + "  - *s\n" * 9000).encode()


def _flow_nesting(depth: int) -> bytes:
    return b"brief: 1\ntitle: " + b"[" * depth + b"]" * depth + b"\ndate: 2026-01-29\nsummary: s\n"


def _block_nesting(depth: int) -> bytes:
    # Block mappings, one level deeper per line: "a:\n a:\n  a: ..."
    lines = [" " * level + "a:" for level in range(depth)]
    return ("brief: 1\ntitle: t\ndate: 2026-01-29\nsummary: s\nkey_points:\n" + "\n".join(" " + line for line in lines) + " x\n").encode()


CASES: dict[str, Case] = {
    "60-mb-scalar": Case(_big_scalar, True, "the title is too long"),
    "1-gib-file": Case(_sparse, False, "file too large"),
    "invalid-utf8": Case(_write("bad-utf8.yaml", MINIMAL.encode() + b"tags: [caf\xc3\x28, \x80\xc0\xaf]\n"), True, "not valid UTF-8"),
    "nul-bytes": Case(_write("nul.yaml", MINIMAL.encode() + b"tags: [a\x00b]\n"), True, "NUL"),
    "200001-list-entries": Case(_write("long-list.yaml", (MINIMAL + "tags:\n" + "- x\n" * 200_001).encode()), True, "the limit is 200,000"),
    "alias-bomb": Case(_write("bomb.yaml", _alias_bomb()), True, "must be text, not a list"),
    "directory-named-x.yaml": Case(_directory, False, "no .yaml or .yml briefs in this folder"),
    "unreadable": Case(_unreadable, False, "permission denied"),
    "symlink-loop": Case(_symlink_loop, False, "symbolic links"),
    "fifo": Case(_fifo, False, "not a regular file"),
    "device": Case(_device, False, "not a regular file"),
    "dangling-symlink": Case(lambda folder: (folder / "gone.yaml").symlink_to(folder / "nowhere") or folder / "gone.yaml", False, "no such file"),
}
LIMITS: dict[str, Case] = {
    # libyaml stops this one itself, at its own 1,000 levels, before the loader counts 101.
    "100000-levels-flow": Case(_write("deep.yaml", _flow_nesting(100_000)), True, "nested too deeply to read"),
    "150-levels-flow": Case(_write("deep150.yaml", _flow_nesting(150)), True, "nested too deeply to read (more than 100 levels)"),
    "150-levels-block": Case(_write("deep-block.yaml", _block_nesting(150)), True, "nested too deeply to read (more than 100 levels)"),
    "50000-alias-uses": Case(_write("many.yaml", _many_aliases()), True, "too many aliases (more than 10,000)"),
}
REPEATS: dict[str, Case] = {
    "4000-actors-aliasing-one-text": Case(_write("actors.yaml", _actors_aliasing_one_text()), True, "aliases repeat too much text from here on"),
    "9000-key-points-aliasing-the-summary": Case(
        _write("points.yaml", _key_points_aliasing_the_summary()), True, "aliases repeat too much text from here on"
    ),
}
LIMITS.update(REPEATS)
ALL = {**CASES, **LIMITS}


def _drop_root_override() -> None:
    """Make root subject to file permissions: drop the two capabilities that bypass them."""
    libc = ctypes.CDLL(None, use_errno=True)
    pr_capbset_drop, cap_dac_override, cap_dac_read_search = 24, 1, 2
    for capability in (cap_dac_override, cap_dac_read_search):
        if libc.prctl(pr_capbset_drop, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def _preexec_for(name: str, path: Path) -> Callable[[], None] | None:
    if name != "unreadable" or os.geteuid() != 0:
        return None
    # Root reads a file with mode 000; without CAP_DAC_OVERRIDE it cannot.
    probe = subprocess.run([sys.executable, "-c", f"open({str(path)!r}).read()"], preexec_fn=_drop_root_override, capture_output=True)
    if probe.returncode == 0:
        pytest.skip("running as root, and root's permission override cannot be dropped here")
    return _drop_root_override


def _line_count(path: Path) -> int:
    count = 1
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            count += chunk.count(b"\n")
    return count


@pytest.mark.parametrize("command", [["check"], []], ids=["check", "reader"])
@pytest.mark.parametrize("case", list(ALL.values()), ids=list(ALL))
def test_hostile_file_gets_a_clear_message_in_time_and_memory(tmp_path, case, command):
    folder = tmp_path / "briefs"
    folder.mkdir()
    path = case.make(folder)
    name = next(n for n, c in ALL.items() if c is case)
    run = run_limited([*command, str(path)], tmp_path, _preexec_for(name, path))
    output = run.stdout + run.stderr
    assert run.returncode == 1, output
    assert "Traceback" not in output and "internal error" not in output, output
    assert "too much memory" not in output, output  # the cap was hit: the answer came from MemoryError
    findings = (run.stdout if command == ["check"] else run.stderr).splitlines()
    if command == ["check"]:
        assert findings[-1].startswith("1 brief checked: ") or findings[-1].startswith("0 briefs checked: ")
        findings = findings[:-1]
    assert findings, output
    pattern = re.compile(rf"{re.escape(str(path))}:(\d+):(\d+): (?:error|warning): " if case.located else rf"{re.escape(str(path))}: error: ")
    lines = _line_count(path) if case.located else 0
    for finding in findings:
        match = pattern.match(finding)
        assert match, finding
        if case.located:
            assert 1 <= int(match.group(1)) <= lines, finding
    assert any(case.message in finding.partition(": error: ")[2] for finding in findings), findings
    assert run.cpu_seconds < CPU_SECONDS, f"{run.cpu_seconds:.2f} s of CPU"
    assert run.wall_seconds < WALL_SECONDS, f"{run.wall_seconds:.2f} s"
    assert run.peak_bytes < MEMORY_BYTES, f"{run.peak_bytes / 1e6:.0f} MB"


def test_a_symlink_loop_inside_a_folder_is_not_followed(tmp_path):
    folder = tmp_path / "briefs"
    folder.mkdir()
    (folder / "good.yaml").write_text(MINIMAL, encoding="utf-8")
    (folder / "sub").mkdir()
    (folder / "sub" / "up").symlink_to(folder)
    _symlink_loop(folder / "sub")
    run = run_limited(["check", str(folder)], tmp_path)
    assert run.returncode == 1
    assert "Traceback" not in run.stdout + run.stderr
    assert "symbolic links" in run.stdout and "3 briefs checked" in run.stdout
    assert run.cpu_seconds < CPU_SECONDS


@pytest.mark.parametrize("command", ["show", "find", "diff"])
@pytest.mark.parametrize("case", list(REPEATS.values()), ids=list(REPEATS))
def test_text_repeated_by_aliases_gets_the_same_verdict_from_every_command(tmp_path, case, command):
    # `check` and the reader are held to it above, with every other hostile file.
    folder = tmp_path / "briefs"
    folder.mkdir()
    path = case.make(folder)
    args = {"show": ["show", str(path)], "find": ["find", "word", str(folder)], "diff": ["diff", str(path), str(path)]}[command]
    run = run_limited(args, tmp_path)
    assert run.returncode == 1
    assert "Traceback" not in run.stderr and "internal error" not in run.stderr
    assert re.search(rf"{re.escape(str(path))}:\d+:\d+: error: {case.message}", run.stderr), run.stderr
    assert run.cpu_seconds < CPU_SECONDS, f"{run.cpu_seconds:.2f} s of CPU"
    assert run.peak_bytes < MEMORY_BYTES, f"{run.peak_bytes / 1e6:.0f} MB"


def test_folders_that_cannot_be_read_are_named(tmp_path):
    # A folder inside the one named is left out with a warning; a folder named is an error.
    folder = tmp_path / "briefs"
    (folder / "secret").mkdir(parents=True)
    (folder / "good.yaml").write_text(MINIMAL, encoding="utf-8")
    (folder / "secret" / "hidden.yaml").write_text(MINIMAL, encoding="utf-8")
    closed = tmp_path / "closed"
    closed.mkdir()
    (closed / "other.yaml").write_text(MINIMAL, encoding="utf-8")
    preexec = _preexec_for("unreadable", _unreadable(tmp_path))
    (folder / "secret").chmod(0)
    closed.chmod(0)
    try:
        run = run_limited(["check", str(folder), str(closed)], tmp_path, preexec)
    finally:
        (folder / "secret").chmod(0o755)
        closed.chmod(0o755)
    assert run.returncode == 1
    assert run.stdout.splitlines() == [
        f"{folder / 'secret'}: warning: cannot read this folder (permission denied): its briefs are left out",
        f"{closed}: error: cannot read this folder: permission denied",
        "1 brief checked: 1 error, 1 warning",
    ]

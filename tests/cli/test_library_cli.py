"""The command line over many briefs: the reader on a folder, `find` across a library,
and `diff` between two briefs, run as the real `briefing` command."""

from __future__ import annotations

import os
import re
import sqlite3
import time

import pytest
from benchmarks.generate import write_series
from benchmarks.terminal import first_paint

from briefing_tui.core.cache import DATABASE_NAME
from tests.conftest import BRIEFING, MINIMAL, run_briefing
from tests.core.test_changes import NEW, OLD

FIND_LINE = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+): (?P<kind>brief|source|actor|quote|issue) (?P<id>[a-z0-9-]+): (?P<snippet>.+)$")


# -- the reader on a folder --------------------------------------------------------------


def test_a_folder_without_briefs_is_an_error(tmp_path):
    result = run_briefing(tmp_path)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == f"{tmp_path}: error: no .yaml or .yml briefs in this folder\n"


def test_a_missing_path_is_an_error(tmp_path):
    result = run_briefing(tmp_path / "nope")
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == f"{tmp_path / 'nope'}: error: no such file\n"


def test_a_folder_of_one_broken_brief_says_why_before_drawing(write_brief, tmp_path):
    path = write_brief("brief: 1\ntitle: [oops\n", "only.yaml")
    result = run_briefing(tmp_path)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr.startswith(f"{path}:3:1: error: YAML syntax")


def test_a_folder_of_several_briefs_opens_the_library(tmp_path, private_cache):
    write_series(tmp_path / "briefs", 3)
    (tmp_path / "briefs" / "broken.yaml").write_text("brief: 1\n", encoding="utf-8")
    env_run = first_paint([str(BRIEFING), str(tmp_path / "briefs")], "3 briefs, newest first", timeout=30)
    assert env_run.seconds < 30
    with sqlite3.connect(private_cache / DATABASE_NAME) as db:  # and it cached them, where it was told to
        assert db.execute("SELECT count(*) FROM briefs").fetchone() == (4,)


# -- find --------------------------------------------------------------------------------


def test_find_over_a_folder_searches_every_brief_and_reports_broken_ones(tmp_path):
    write_series(tmp_path, 4)
    broken = tmp_path / "broken.yaml"
    broken.write_text("brief: 1\ntitle: x\n", encoding="utf-8")
    result = run_briefing("find", "generated issue 2", tmp_path)
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines and all(FIND_LINE.match(line) for line in lines)
    # Issue titles first, best first, then the newest brief first.
    first = [FIND_LINE.match(line) for line in lines[:4]]
    assert [(m["kind"], m["id"], m["file"]) for m in first if m] == [
        ("issue", "s0-i2", str(tmp_path / f"series-000-day-00{d}.yaml")) for d in (3, 2, 1, 0)
    ]
    assert result.stderr.splitlines() == [
        f"{broken}:1:1: error: the brief has no 'date'",
        f"{broken}:1:1: error: the brief has no 'summary'",
    ]


def test_find_twice_gives_the_same_from_the_cache(tmp_path, private_cache):
    write_series(tmp_path, 4)
    first = run_briefing("find", "adler", tmp_path)
    assert (private_cache / DATABASE_NAME).exists()
    again = run_briefing("find", "adler", tmp_path)
    assert first.returncode == again.returncode == 0
    assert first.stdout == again.stdout and first.stdout.count("\n") > 10


# -- diff --------------------------------------------------------------------------------


def test_diff_prints_the_changes(write_brief):
    old = write_brief(OLD, "day-1.yaml")
    new = write_brief(NEW, "day-2.yaml")
    result = run_briefing("diff", old, new)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.startswith(f"Changes from {old} to {new}\n  was: Talks, day one (2026-01-01)\n")
    assert "Changed issues (1)\n" in result.stdout and "      status: open \u2192 progressing\n" in result.stdout
    assert f"  + Dmitry Peskov [peskov]  {new}:12\n" in result.stdout


def test_diff_of_a_brief_with_itself(write_brief):
    path = write_brief(MINIMAL)
    result = run_briefing("diff", path, path)
    assert result.returncode == 0
    assert result.stdout.endswith("No changes in actors, quotes or issues.\n")


@pytest.mark.parametrize("args", [["diff"], ["diff", "one.yaml"], ["diff", "a", "b", "c"]])
def test_diff_usage_errors_exit_2(args):
    result = run_briefing(*args)
    assert result.returncode == 2 and result.stdout == ""
    assert "usage: briefing" in result.stderr and "Traceback" not in result.stderr


def test_diff_of_a_folder_is_a_usage_error(write_brief, tmp_path):
    path = write_brief(MINIMAL)
    result = run_briefing("diff", tmp_path, path)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == f"briefing: error: diff compares two brief files, and {tmp_path} is a folder\n"


def test_diff_of_a_broken_brief_prints_its_findings(write_brief, tmp_path):
    good = write_brief(MINIMAL, "good.yaml")
    bad = write_brief(MINIMAL.replace("date: 2026-01-29", "date: 2026-02-30"), "bad.yaml")
    result = run_briefing("diff", good, bad)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == f"{bad}:3:7: error: the date '2026-02-30' is not a real date (day is out of range for month)\n"
    missing = run_briefing("diff", good, tmp_path / "missing.yaml")
    assert missing.returncode == 1 and missing.stderr == f"{tmp_path / 'missing.yaml'}: error: no such file\n"


def test_find_says_which_briefs_it_could_not_search_while_the_cache_is_held(tmp_path, private_cache):
    import sqlite3

    folder = tmp_path / "lib"
    folder.mkdir()
    for name, who in (("a.yaml", "Sergei Lavrov"), ("b.yaml", "Sergei Lavrov")):
        (folder / name).write_text(
            f"brief: 1\ntitle: Brief {name}\ndate: 2026-01-0{1 if name == 'a.yaml' else 2}\nsummary: About {who}.\n", encoding="utf-8"
        )
    hour_ago = time.time() - 3600
    for path in folder.iterdir():
        os.utime(path, (hour_ago, hour_ago))
    first = run_briefing("find", "lavrov", folder)
    assert first.returncode == 0 and first.stdout.count("lavrov") + first.stdout.count("Lavrov") >= 2
    # b.yaml changes, and another program holds the cache while it is read again.
    (folder / "b.yaml").write_text((folder / "b.yaml").read_text(encoding="utf-8").replace("About", "All about"), encoding="utf-8")
    os.utime(folder / "b.yaml", (hour_ago + 60, hour_ago + 60))
    holder = sqlite3.connect(private_cache / DATABASE_NAME, timeout=5, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        held = run_briefing("find", "lavrov", folder)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert "1 brief(s) not searched" in held.stderr and str(folder / "b.yaml") in held.stderr
    assert str(folder / "a.yaml") in held.stdout

"""`briefing find` as the real command: the same answer straight from the cache as after
reading the briefs, briefs changed or gone since noticed, `--limit` and `--format json`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

from benchmarks.generate import write_series

from tests.conftest import run_briefing


def _settled(folder):
    # Files written an hour ago, as a library's are: the cache trusts what it keeps of
    # them at once (a file changed within its window of doubt is read every time).
    hour_ago = time.time() - 3600
    for path in folder.iterdir():
        os.utime(path, (hour_ago, hour_ago))


def test_the_answer_from_the_cache_is_the_answer_after_reading(tmp_path, monkeypatch):
    folder = tmp_path / "briefs"
    write_series(folder, 6)
    (folder / "broken.yaml").write_text("brief: 1\ntitle: x\n", encoding="utf-8")
    _settled(folder)
    for number, query in enumerate(("adler", "generated issue 2", '"generated issue"', "Adlar", "kal")):
        monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / f"cache-{number}"))
        read = run_briefing("find", query, folder)  # the briefs read and cached first
        cached = run_briefing("find", query, folder)  # straight from the cache
        assert read.returncode == cached.returncode == 0, query
        assert (read.stdout, read.stderr) == (cached.stdout, cached.stderr), query
        assert cached.stderr.startswith(f"{folder / 'broken.yaml'}:1:1: error:")


def test_a_brief_changed_or_gone_since_it_was_cached_is_noticed(tmp_path, private_cache):
    write_series(tmp_path, 3)
    _settled(tmp_path)
    assert run_briefing("find", "adler", tmp_path).returncode == 0
    changed = tmp_path / "series-000-day-001.yaml"
    changed.write_text(changed.read_text(encoding="utf-8").replace("summary: |\n", "summary: |\n  The quokka spoke.\n"), encoding="utf-8")
    found = run_briefing("find", "quokka", tmp_path)
    assert (
        found.stdout == f"{changed}:9: brief series-000-day-001: The quokka spoke. A generated brief of series 0. Boris Adler and Chiara Adler m…\n"
    )
    changed.unlink()
    assert (run_briefing("find", "quokka", tmp_path).returncode, run_briefing("find", "quokka", tmp_path).stdout) == (1, "")


def test_limit_prints_the_best_hits_and_json_says_how_many_in_all(tmp_path, private_cache):
    write_series(tmp_path, 4)
    _settled(tmp_path)
    every = run_briefing("find", "generated issue", tmp_path).stdout.splitlines()
    assert len(every) > 3
    best = run_briefing("find", "generated issue", tmp_path, "--limit", "3")
    assert best.stdout.splitlines() == every[:3]
    data = json.loads(run_briefing("find", "--format=json", "generated issue", tmp_path, "--limit=2").stdout)
    assert (data["query"], data["total"], len(data["hits"])) == ("generated issue", len(every), 2)
    first = data["hits"][0]
    assert f"{first['path']}:{first['line']}: {first['kind']} {first['id']}: {first['snippet']}" == every[0]
    assert first["matched"].lower() in ("generated", "issue") and first["field"] == "title"


def test_a_limit_that_is_not_a_count_is_a_usage_error(tmp_path):
    for limit in ("0", "-3", "many"):
        result = run_briefing("find", "adler", tmp_path, "--limit", limit)
        assert result.returncode == 2 and "usage: briefing find" in result.stderr and "Traceback" not in result.stderr


def test_a_cache_folder_named_from_where_briefing_starts_is_used_once_filled(tmp_path, monkeypatch):
    write_series(tmp_path / "briefs", 2)
    _settled(tmp_path / "briefs")
    monkeypatch.setenv("BRIEFING_CACHE_DIR", "cache")  # relative: to the folder briefing starts in
    read = run_briefing("find", "adler", "briefs", cwd=tmp_path)
    cached = run_briefing("find", "adler", "briefs", cwd=tmp_path)
    assert (tmp_path / "cache" / "briefs.sqlite3").is_file()
    assert (cached.returncode, cached.stdout, cached.stderr) == (0, read.stdout, "")


def test_the_same_query_prints_the_same_lines_every_time(tmp_path, private_cache):
    write_series(tmp_path, 4)
    _settled(tmp_path)
    for query in ("generated issue", "Adlar", "kal", '"generated issue"'):
        for options in ((), ("--limit", "5"), ("--format", "json")):
            runs = {run_briefing("find", query, tmp_path, *options).stdout for _ in range(3)}
            assert len(runs) == 1 and runs != {""}, (query, options)


def test_only_a_search_answered_from_the_cache_alone_lets_the_process_end_at_once(tmp_path, private_cache):
    # What `briefing` does once `main` returns: end at once only when nothing of what
    # the search opened is left open (the cache's own connection, its reading's workers).
    write_series(tmp_path, 2)
    _settled(tmp_path)
    script = "import sys, io\nfrom briefing_tui import cli, cli_find\nsys.stdout = io.StringIO()\ncli.main(sys.argv[1:])\nsys.__stdout__.write(str(cli_find.answered_alone()))\n"

    def answered_alone(*args):
        return subprocess.run([sys.executable, "-c", script, "find", *map(str, args)], capture_output=True, text=True, check=True).stdout

    assert answered_alone("adler", tmp_path) == "False"  # read and cached first
    assert answered_alone("adler", tmp_path) == "True"
    assert answered_alone("adler", tmp_path, "--redact", "amber") == "False"
    (tmp_path / "broken.yaml").write_text("brief: 1\n", encoding="utf-8")
    answered_alone("adler", tmp_path)
    assert answered_alone("adler", tmp_path) == "False"  # its errors are read from the cache's own connection


def test_every_hit_is_printed_before_the_process_ends(tmp_path, private_cache):
    write_series(tmp_path, 30)
    _settled(tmp_path)
    run_briefing("find", "s", tmp_path)  # every word that starts with s: most texts
    data = json.loads(run_briefing("find", "--format", "json", "s", tmp_path).stdout)
    printed = run_briefing("find", "s", tmp_path).stdout
    assert len(printed) > 65536  # more than a pipe holds: written while read
    assert printed.endswith("\n") and len(printed.splitlines()) == data["total"]

"""`briefing find` keeps what it checked of the files named (a listing) and reads that
one row the next time, while every file and every cached brief is as it was: the
same answer as from the cache's rows, and any change noticed."""

from __future__ import annotations

import sqlite3

from benchmarks.generate import write_series

from briefing_tui import cli_find
from briefing_tui.core.cache import BriefCache
from briefing_tui.core.cache_identity import DATABASE_NAME
from briefing_tui.core.files import brief_files
from tests.cli.test_find import _settled
from tests.conftest import run_briefing


def _listings(cache) -> int:
    with sqlite3.connect(cache / DATABASE_NAME) as db:
        return db.execute("SELECT count(*) FROM listings").fetchone()[0]


def test_the_answer_from_a_listing_is_the_answer_from_the_rows(tmp_path, private_cache):
    folder = tmp_path / "briefs"
    write_series(folder, 5)
    (folder / "broken.yaml").write_text("brief: 1\ntitle: x\n", encoding="utf-8")
    _settled(folder)
    read = run_briefing("find", "generated issue", folder)  # read and cached
    assert _listings(private_cache) == 0
    from_rows = run_briefing("find", "generated issue", folder)  # checked row by row, and listed
    assert _listings(private_cache) == 1
    from_listing = run_briefing("find", "generated issue", folder)
    assert read.returncode == from_rows.returncode == from_listing.returncode == 0
    assert (read.stdout, read.stderr) == (from_rows.stdout, from_rows.stderr) == (from_listing.stdout, from_listing.stderr)
    assert from_listing.stderr.startswith(f"{folder / 'broken.yaml'}:1:1: error:")
    # Named otherwise (from the folder above, relative): a listing of its own, the same hits.
    relative = run_briefing("find", "generated issue", "briefs", cwd=tmp_path)
    assert relative.stdout == from_listing.stdout.replace(f"{tmp_path}/", "")
    assert _listings(private_cache) == 2


def test_a_listing_is_read_in_place_of_the_rows_of_the_briefs(tmp_path, private_cache):
    write_series(tmp_path / "briefs", 4)
    _settled(tmp_path / "briefs")
    assert run_briefing("find", "adler", tmp_path / "briefs").returncode == 0  # read and cached
    files, _ = brief_files([str(tmp_path / "briefs")])
    asked: list[str] = []
    with sqlite3.connect(private_cache / DATABASE_NAME, isolation_level=None) as db:
        db.set_trace_callback(asked.append)
        checked = cli_find._current_briefs(db, files, [str(tmp_path / "briefs")])
        assert checked is not None and any("FROM briefs" in sql for sql in asked)
        asked.clear()
        assert cli_find._current_briefs(db, files, [str(tmp_path / "briefs")]) == checked
        assert not any("FROM briefs" in sql for sql in asked) and any("FROM listings" in sql for sql in asked)


def test_a_file_added_changed_or_gone_is_noticed(tmp_path, private_cache):
    write_series(tmp_path, 3)
    _settled(tmp_path)
    for _ in range(2):  # read and cached, then listed
        assert run_briefing("find", "quokka", tmp_path).returncode == 1
    added = tmp_path / "added.yaml"
    added.write_text(
        (tmp_path / "series-000-day-001.yaml").read_text(encoding="utf-8").replace("summary: |\n", "summary: |\n  The quokka spoke.\n"),
        encoding="utf-8",
    )
    assert run_briefing("find", "quokka", tmp_path).stdout.startswith(f"{added}:")
    run_briefing("find", "quokka", tmp_path)  # listed again
    added.write_text(added.read_text(encoding="utf-8").replace("quokka", "wombat"), encoding="utf-8")
    assert run_briefing("find", "quokka", tmp_path).returncode == 1
    assert run_briefing("find", "wombat", tmp_path).stdout.startswith(f"{added}:")
    added.unlink()
    assert run_briefing("find", "wombat", tmp_path).returncode == 1


def test_any_change_to_the_cached_briefs_drops_every_listing(tmp_path, private_cache):
    write_series(tmp_path, 3)
    _settled(tmp_path)
    for _ in range(2):
        first = run_briefing("find", "adler", tmp_path)
    assert _listings(private_cache) == 1
    # A brief forgotten by the cache (as `briefing cache prune` forgets): its file is
    # as listed, its brief is not, and the listing goes with it.
    cache = BriefCache(private_cache)
    assert cache.forget([str(tmp_path / "series-000-day-001.yaml")]) == 1
    cache.close()
    assert _listings(private_cache) == 0
    again = run_briefing("find", "adler", tmp_path)  # the brief read again, the answer whole
    assert (again.returncode, again.stdout) == (0, first.stdout)
    with sqlite3.connect(private_cache / DATABASE_NAME) as db:
        run_briefing("find", "adler", tmp_path)
        assert _listings(private_cache) == 1
        db.execute("UPDATE briefs SET title = title")  # any change to a brief's row, by any program
    assert _listings(private_cache) == 0

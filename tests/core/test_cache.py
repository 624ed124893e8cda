"""The brief cache: what it gives back is what the loader gives, locations and all;
it notices every change of the file, and survives a corrupt, locked or unwritable database."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from benchmarks.generate import generate_brief

from briefing_tui.core import cache as cache_module
from briefing_tui.core import loader as loader_module
from briefing_tui.core.cache import (
    DATABASE_NAME,
    BriefCache,
    cache_directory,
    file_stamp,
    load_brief_cached,
)
from briefing_tui.core.loader import load_brief
from briefing_tui.core.model import Brief
from briefing_tui.core.stored import decode_brief, encode_brief
from tests.conftest import MINIMAL, REAL_BRIEF

HOUR_AGO = time.time() - 3600


def every_location(brief: Brief) -> list[object]:
    """Every location the brief holds, with what it belongs to (Brief equality ignores them)."""
    found: list[object] = [brief.path, brief.field_locations]
    for item in brief.items():
        found += [item.id, item.location, getattr(item, "field_locations", None)]
    for issue in brief.issues:
        found += [(p.by, p.location) for p in issue.positions]
    found += [e.location for e in brief.timeline]
    return found


def settled(path: Path) -> Path:
    """A file last changed an hour ago: old enough for its cache entry to be trusted."""
    os.utime(path, (HOUR_AGO, HOUR_AGO))
    return path


@pytest.fixture
def generated(tmp_path: Path) -> Path:
    path = tmp_path / "generated.yaml"
    path.write_text(generate_brief(quotes=300, actors=40, issues=12), encoding="utf-8")
    return settled(path)


@pytest.fixture
def real(tmp_path: Path) -> Path:
    path = tmp_path / REAL_BRIEF.name
    path.write_bytes(REAL_BRIEF.read_bytes())
    return settled(path)


def no_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    """From here on, reading any YAML is a failure of the test."""

    def refuse(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError(f"{path} was parsed, not read from the cache")

    # The cache imports the loader only to parse: patched where it is looked up.
    monkeypatch.setattr(loader_module, "load_brief", refuse)


@pytest.mark.parametrize("which", ["real", "generated"])
def test_a_warm_load_is_the_loaders_brief_with_every_location(which, request, monkeypatch):
    path = request.getfixturevalue(which)
    expected = load_brief(path)
    assert expected.brief is not None
    assert load_brief_cached(path) == expected  # cold: parsed and stored
    no_parsing(monkeypatch)
    warm = load_brief_cached(path)
    assert warm == expected
    assert warm.brief is not None
    assert every_location(warm.brief) == every_location(expected.brief)


def test_the_encoding_round_trips_alone():
    brief = load_brief(REAL_BRIEF).brief
    assert brief is not None
    again = decode_brief((json.loads(json.dumps(part)) for part in encode_brief(brief)), brief.path)
    assert again == brief and every_location(again) == every_location(brief)
    assert again.quotes[0].field_locations == brief.quotes[0].field_locations != ()


def test_the_cache_holds_json_not_code(real, private_cache):
    load_brief_cached(real)
    with sqlite3.connect(private_cache / DATABASE_NAME) as db:
        (data,) = db.execute("SELECT data FROM model_parts WHERE part = 1").fetchone()
    assert isinstance(data, str) and json.loads(data)[1] == "Russia renews invitation to Zelensky for Moscow peace talks"


def test_an_invalid_file_is_cached_with_its_findings(write_brief, monkeypatch):
    path = settled(write_brief(MINIMAL.replace("date: 2026-01-29", "date: 2026-02-30") + "colour: blue\n"))
    expected = load_brief(path)
    assert expected.brief is None and len(expected.findings) == 2
    load_brief_cached(path)
    no_parsing(monkeypatch)
    assert load_brief_cached(path) == expected


def test_relative_and_absolute_paths_share_an_entry_and_keep_their_own_name(real, monkeypatch):
    monkeypatch.chdir(real.parent)
    load_brief_cached(str(real))
    no_parsing(monkeypatch)
    relative = load_brief_cached(real.name)
    assert relative.path == real.name and relative.brief is not None and relative.brief.path == real.name


@pytest.mark.parametrize("edit", ["longer", "same size, other time"])
def test_a_changed_file_is_read_again(real, edit):
    load_brief_cached(real)
    text = real.read_text(encoding="utf-8")
    if edit == "longer":
        real.write_text(text.replace("title: Russia renews", "title: Russia again renews"), encoding="utf-8")
    else:
        real.write_text(text.replace("title: Russia renews", "title: Russia RENEWS"), encoding="utf-8")
        os.utime(real, (HOUR_AGO + 60, HOUR_AGO + 60))
    brief = load_brief_cached(real).brief
    assert brief is not None and brief.title.startswith("Russia again renews" if edit == "longer" else "Russia RENEWS")


def test_a_file_rewritten_within_the_same_tick_is_not_trusted(tmp_path):
    path = tmp_path / "brief.yaml"
    path.write_text(MINIMAL, encoding="utf-8")
    stamp = file_stamp(str(path))
    assert stamp is not None
    assert load_brief_cached(path).brief is not None  # cached moments after it was written
    # Same size, same modification time: only the time it was cached gives it away.
    path.write_text(MINIMAL.replace("A small brief", "A SMALL BRIEF"), encoding="utf-8")
    os.utime(path, ns=(stamp.mtime_ns, stamp.mtime_ns))
    assert file_stamp(str(path))[:2] == stamp[:2]  # the same size and modification time
    brief = load_brief_cached(path).brief
    assert brief is not None and brief.title == "A SMALL BRIEF"


@pytest.mark.parametrize("how", ["in place, like cp -p", "replaced, like rsync -t"])
def test_an_edit_that_keeps_size_and_modification_time_is_read_again(real, how):
    # cp -p, rsync -t, tar and unzip put back the modification time of what they copy.
    load_brief_cached(real)
    before = real.stat()
    edited = real.read_bytes().replace(b"title: Russia renews", b"title: Russia RENEWS")
    if how.startswith("in place"):
        real.write_bytes(edited)
    else:
        copy = real.with_name("copy.tmp")
        copy.write_bytes(edited)
        copy.replace(real)
    os.utime(real, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (real.stat().st_size, real.stat().st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    brief = load_brief_cached(real).brief
    assert brief is not None and brief.title.startswith("Russia RENEWS")


def test_entries_of_another_version_are_not_used(real, monkeypatch):
    load_brief_cached(real)
    monkeypatch.setattr(cache_module, "CODE_VERSION", cache_module.CODE_VERSION + "+next")
    parsed = []
    monkeypatch.setattr(loader_module, "load_brief", lambda path: parsed.append(path) or load_brief(path))
    assert load_brief_cached(real).ok and parsed == [str(real)]
    assert load_brief_cached(real).ok and parsed == [str(real)]  # and the new entry is used


def test_storing_a_brief_leaves_no_log_behind_even_when_the_program_dies(tmp_path):
    # A write-ahead log left by a program that never closed the database is read
    # through by every later start; storing empties it straight away.
    brief = tmp_path / "big.yaml"
    brief.write_text(generate_brief(2_000, 200, 40), encoding="utf-8")
    settled(brief)
    folder = tmp_path / "cache"
    code = (
        "import os\n"
        "from briefing_tui.core.cache import load_brief_cached\n"
        f"assert load_brief_cached({str(brief)!r}).ok\n"
        "os._exit(0)  # no closing, no clean-up\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, env=dict(os.environ, BRIEFING_CACHE_DIR=str(folder)))
    log = folder / (DATABASE_NAME + "-wal")
    assert (folder / DATABASE_NAME).stat().st_size > 1_000_000  # the brief is in the database
    assert not log.exists() or log.stat().st_size == 0


def test_a_database_of_another_layout_is_rebuilt(real, private_cache, monkeypatch):
    load_brief_cached(real)
    with sqlite3.connect(private_cache / DATABASE_NAME) as db:
        db.execute("CREATE TABLE leftover (x)")
        db.execute("PRAGMA user_version = 999")
    fresh = BriefCache()
    tables = {name for (name,) in fresh.connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert "leftover" not in tables and fresh.persistent
    assert fresh.connection.execute("SELECT count(*) FROM briefs").fetchone() == (0,)
    assert load_brief_cached(real, fresh).ok


def test_a_garbage_file_in_place_of_the_database_is_replaced(real, private_cache, monkeypatch):
    (private_cache / DATABASE_NAME).write_bytes(b"this is not a database\n" * 500)
    cache = BriefCache()
    assert cache.persistent
    assert load_brief_cached(real, cache).ok
    no_parsing(monkeypatch)
    assert load_brief_cached(real, BriefCache()).ok  # the rebuilt database serves a warm load
    assert (private_cache / DATABASE_NAME).read_bytes().startswith(b"SQLite format 3")


def test_an_entry_that_does_not_decode_is_parsed_again(real, private_cache):
    expected = load_brief_cached(real)
    with sqlite3.connect(private_cache / DATABASE_NAME) as db:
        db.execute("UPDATE model_parts SET data = '[1, 2, \"not a brief\"]'")
    assert load_brief_cached(real) == expected


def test_an_unwritable_cache_folder_means_no_cache(real, tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(blocker / "cache"))
    cache = BriefCache()
    assert not cache.persistent
    assert load_brief_cached(real, cache) == load_brief(real)
    assert load_brief_cached(real) == load_brief(real)  # the default cache too


def test_a_locked_database_is_worked_around(real, private_cache):
    cache = BriefCache()
    holder = sqlite3.connect(private_cache / DATABASE_NAME, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")  # another program writing, for longer than we wait
    try:
        assert load_brief_cached(real, cache) == load_brief(real)
        assert BriefCache().lookup(str(real), file_stamp(str(real))) is None  # type: ignore[arg-type]
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert load_brief_cached(real, cache).ok


def test_several_programs_at_once_on_a_new_cache(real, generated, private_cache):
    script = (
        "import sys\nfrom briefing_tui.core.cache import load_brief_cached\n"
        "for p in sys.argv[1:]:\n    r = load_brief_cached(p)\n    print(r.path, r.ok, len(r.brief.quotes))\n"
    )
    runs = [
        subprocess.Popen([sys.executable, "-c", script, str(real), str(generated)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(4)
    ]
    outputs = [run.communicate(timeout=60) for run in runs]
    expected = f"{real} True 7\n{generated} True 300\n"
    assert [(run.returncode, out, err) for run, (out, err) in zip(runs, outputs, strict=True)] == [(0, expected, "")] * 4


def test_where_the_cache_lives(monkeypatch, tmp_path):
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "mine"))
    assert cache_directory() == tmp_path / "mine"
    monkeypatch.delenv("BRIEFING_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_directory() == tmp_path / "xdg" / "briefing-tui"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache_directory() == tmp_path / "home" / ".cache" / "briefing-tui"


def test_paths_that_are_not_files_are_left_to_the_loader(tmp_path):
    assert load_brief_cached(tmp_path / "missing.yaml") == load_brief(tmp_path / "missing.yaml")
    assert load_brief_cached(tmp_path) == load_brief(tmp_path)

"""The brief cache: what it gives back is what the loader gives, locations and all;
it notices every change of the file, and survives a corrupt, locked or unwritable database."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import zlib
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
from briefing_tui.core.cache_identity import LAYOUT, WORDS_VERSION
from briefing_tui.core.loader import load_brief
from briefing_tui.core.stored import decode_brief, encode_brief
from tests.conftest import MINIMAL, REAL_BRIEF, REPO
from tests.core.cache_support import HOUR_AGO, every_location, no_parsing, settled


@pytest.mark.parametrize("which", ["real", "generated", "drafted"])
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


@pytest.mark.parametrize("path", [REAL_BRIEF, REPO / "tests" / "fixtures" / "drafted.yaml"])
def test_the_encoding_round_trips_alone(path):
    brief = load_brief(path).brief
    assert brief is not None
    again = decode_brief((json.loads(json.dumps(part)) for part in encode_brief(brief)), brief.path)
    assert again == brief and every_location(again) == every_location(brief)
    assert again.quotes[0].field_locations == brief.quotes[0].field_locations != ()
    assert [item.draft for item in again.items()] == [item.draft for item in brief.items()]


def test_the_cache_holds_json_not_code(real, private_cache):
    load_brief_cached(real)
    with sqlite3.connect(private_cache / DATABASE_NAME) as db:
        (data,) = db.execute("SELECT data FROM model_parts WHERE part = 1").fetchone()
    # Compressed with zlib, the first part first: plain JSON text once uncompressed.
    text = zlib.decompressobj().decompress(data).decode("utf-8")
    assert json.loads(text)[1] == "Russia renews invitation to Zelensky for Moscow peace talks"


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
    size = (folder / DATABASE_NAME).stat().st_size
    assert not log.exists() or log.stat().st_size == 0
    with sqlite3.connect(folder / DATABASE_NAME) as db:
        (stored,) = db.execute("SELECT sum(length(data)) FROM model_parts").fetchone()
    assert stored > 100_000 and size > stored  # the brief is in the database


@pytest.mark.parametrize("layout", [LAYOUT - 1, 999], ids=["the one before", "another"])
def test_a_database_of_another_layout_is_rebuilt(real, private_cache, monkeypatch, layout):
    load_brief_cached(real)
    with sqlite3.connect(private_cache / DATABASE_NAME) as db:
        db.execute("CREATE TABLE leftover (x)")
        db.execute(f"PRAGMA user_version = {layout}")
    fresh = BriefCache()
    tables = {name for (name,) in fresh.connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert "leftover" not in tables and fresh.persistent
    assert fresh.connection.execute("SELECT count(*) FROM briefs").fetchone() == (0,)
    assert load_brief_cached(real, fresh).ok


@pytest.mark.parametrize("version", ["3.11/15.0.0/0.0/0.0", None], ids=["other code", "none"])
def test_a_database_whose_texts_were_split_into_words_by_other_code_is_rebuilt(real, private_cache, version):
    # The full-text index keeps no copy of the words it was given: taking a text out
    # of it means splitting it again exactly as it was split when put in.
    from briefing_tui.core.library import Library

    for _ in Library([str(real)]).read():
        pass
    with sqlite3.connect(private_cache / DATABASE_NAME) as db:
        db.execute("DELETE FROM spot_words")
        if version is not None:
            db.execute("INSERT INTO spot_words (version) VALUES (?)", (version,))
    fresh = BriefCache()
    assert fresh.persistent and fresh.connection.execute("SELECT count(*) FROM briefs").fetchone() == (0,)
    assert fresh.connection.execute("SELECT version FROM spot_words").fetchall() == [(WORDS_VERSION,)]
    library = Library([str(real)], fresh)
    for _ in library.read():
        pass
    assert library.find("Zelensky")[1] > 0


def test_a_garbage_file_in_place_of_the_database_is_replaced(real, private_cache, monkeypatch):
    (private_cache / DATABASE_NAME).write_bytes(b"this is not a database\n" * 500)
    cache = BriefCache()
    assert cache.persistent
    assert load_brief_cached(real, cache).ok
    no_parsing(monkeypatch)
    assert load_brief_cached(real, BriefCache()).ok  # the rebuilt database serves a warm load
    assert (private_cache / DATABASE_NAME).read_bytes().startswith(b"SQLite format 3")


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


# -- privacy, ownership, forgetting, damage ----------------------------------------------


def test_the_cache_is_readable_by_its_owner_alone(real, private_cache):
    # A cache an earlier version left readable by all is closed up too.
    private_cache.chmod(0o755)
    cache = BriefCache()
    cache.close()
    (private_cache / DATABASE_NAME).chmod(0o644)
    cache = BriefCache()
    load_brief_cached(real, cache)
    modes = {path.name: path.stat().st_mode & 0o777 for path in private_cache.iterdir()}
    assert private_cache.stat().st_mode & 0o777 == 0o700
    assert modes == {DATABASE_NAME: 0o600, DATABASE_NAME + "-wal": 0o600, DATABASE_NAME + "-shm": 0o600}  # held open: log and memory too


def _someone_elses(path: Path) -> bytes:
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE precious (x)")
        db.execute("INSERT INTO precious VALUES ('keep me')")
    return path.read_bytes()


@pytest.mark.parametrize("how", ["a link to it", "a copy of it", "ours in name only"])
def test_a_database_that_is_not_ours_is_left_alone(real, private_cache, tmp_path, how):
    other = tmp_path / "other.sqlite3"
    before = _someone_elses(other)
    place = private_cache / DATABASE_NAME
    if how == "a link to it":
        place.symlink_to(other)
    else:
        place.write_bytes(before)
        if how == "ours in name only":  # our tables' names, and another's beside them
            with sqlite3.connect(place) as db:
                db.execute("CREATE TABLE briefs (x)")
                db.execute("PRAGMA user_version = 3")
            before = place.read_bytes()
    cache = BriefCache()
    assert not cache.persistent and cache.left_alone is not None
    assert load_brief_cached(real, cache) == load_brief(real)
    assert (other if how == "a link to it" else place).read_bytes() == before
    result = subprocess.run([sys.executable, "-m", "briefing_tui", "show", str(real)], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout
    assert result.stderr.splitlines() == [f"briefing: warning: {cache.left_alone}; briefs are not cached this time"]
    assert (other if how == "a link to it" else place).read_bytes() == before


def test_a_cache_of_an_earlier_layout_without_our_mark_is_ours_to_rebuild(real, private_cache):
    with sqlite3.connect(private_cache / DATABASE_NAME) as db:
        db.execute("CREATE TABLE briefs (path TEXT)")
        db.execute("CREATE TABLE models (x)")
        db.execute("PRAGMA user_version = 3")
    cache = BriefCache()
    assert cache.persistent and load_brief_cached(real, cache).ok
    assert cache.connection.execute("PRAGMA application_id").fetchone()[0] != 0


def test_briefs_gone_from_a_folder_are_forgotten_when_it_is_opened_again(tmp_path, private_cache):
    folder = tmp_path / "briefs"
    folder.mkdir()
    kept, gone = folder / "kept.yaml", folder / "gone.yaml"
    kept.write_text(MINIMAL, encoding="utf-8")
    gone.write_text(MINIMAL.replace("Nothing happened.", "A secret only this brief holds."), encoding="utf-8")
    for path in (kept, gone):
        settled(path)
    subprocess.run([sys.executable, "-m", "briefing_tui", "find", "nothing", str(folder)], check=True, capture_output=True)
    assert sorted(BriefCache().paths()) == [str(gone), str(kept)]
    with sqlite3.connect(private_cache / DATABASE_NAME) as db:
        # Its summary, as stored: compressed, where the secret is not to be read as it is.
        (packed,) = db.execute("SELECT data FROM model_parts JOIN briefs USING (id) WHERE path = ? AND part = 1", (str(gone),)).fetchone()
    gone.unlink()
    subprocess.run([sys.executable, "-m", "briefing_tui", "find", "nothing", str(folder)], check=True, capture_output=True)
    assert BriefCache().paths() == [str(kept)]
    # Not only unlisted: its text is gone from the database's files.
    assert not any(b"secret only this brief" in path.read_bytes() or packed in path.read_bytes() for path in private_cache.iterdir())


def test_cache_prune_and_clear(real, generated, private_cache):
    load_brief_cached(real)
    load_brief_cached(generated)
    generated.unlink()
    prune = subprocess.run([sys.executable, "-m", "briefing_tui", "cache", "prune"], capture_output=True, text=True)
    database = private_cache / DATABASE_NAME
    assert (prune.returncode, prune.stdout) == (0, f"Forgot the briefs whose files are gone: 1 brief forgotten, 1 brief kept ({database})\n")
    assert BriefCache().paths() == [str(real)]
    clear = subprocess.run([sys.executable, "-m", "briefing_tui", "cache", "clear"], capture_output=True, text=True)
    assert (clear.returncode, clear.stdout) == (0, f"Forgot every brief: 1 brief forgotten, 0 briefs kept ({database})\n")
    assert BriefCache().paths() == []
    assert b"Russia renews" not in database.read_bytes()

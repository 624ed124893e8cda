"""The cache's database file: where it lives, who may read it, whether it is ours, and
whether its tables are still this code's to use.

A cached brief is the brief's whole text: the cache is as private as the briefs it
holds. Its folder is made readable by its owner alone (0700) and its files too (0600:
the database, and the log and shared-memory files SQLite makes beside it with the
database's mode). A symbolic link in the database's place is never followed, and a
database is only changed once it is known to be ours: it carries this program's
application id, or it is empty, or it holds nothing but the tables of an earlier
layout of ours. Anything else is left alone.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

from briefing_tui.core.cache_identity import APPLICATION_ID as APPLICATION_ID
from briefing_tui.core.cache_identity import CODE_VERSION, COMPANIONS, LAYOUT, cache_folder
from briefing_tui.core.cache_identity import DATABASE_NAME as DATABASE_NAME
from briefing_tui.core.find_index import words_current

OUR_TABLES = frozenset(
    {"briefs", "models", "model_parts", "items", "actors", "statements", "words", "spot_texts", "spots", "terms", "spot_words", "listings"}
)
"""Every table any layout of the cache has had (`words_…` and `spots_…` are the full-text index's own)."""
EARLIER_LAYOUTS = frozenset({1, 2, 3})
"""Layouts written before the cache carried its application id."""


class NotOurs(Exception):
    """The cache's path holds something this program must not touch; `str` says what."""


def cache_directory() -> Path:
    """Where the cache lives: $BRIEFING_CACHE_DIR, $XDG_CACHE_HOME/briefing-tui or ~/.cache/briefing-tui."""
    return Path(cache_folder())


def companions(file: Path) -> tuple[Path, Path, Path]:
    """The database and the two files SQLite keeps beside it in WAL mode."""
    database, log, shared = (file.with_name(file.name + suffix) for suffix in COMPANIONS)
    return database, log, shared


def prepare(directory: Path) -> Path:
    """Make the cache's folder and its database file (private, empty) when they are
    missing; the database's path. Raises `NotOurs` for a symbolic link in its place,
    and OSError when the folder cannot be made."""
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    file = directory / DATABASE_NAME
    for path in companions(file):
        if path.is_symlink():
            raise NotOurs(f"{path} is a symbolic link")
    try:
        # Made here, so that it is private from its first byte: SQLite would make it
        # with the umask's mode, and its log and shared memory after it.
        os.close(os.open(file, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600))
    except FileExistsError:
        pass
    return file


def make_private(file: Path) -> None:
    """Make the cache's folder and files, once known to be ours, private to their owner
    (a cache written by an earlier version may be readable by all)."""
    _make_private(file.parent)
    for path in companions(file):
        _make_private(path)


def _make_private(path: Path) -> None:
    """Take group and others' access away from a file or folder of ours."""
    try:
        info = os.lstat(path)
    except OSError:
        return
    if stat.S_ISLNK(info.st_mode) or info.st_uid != os.getuid() or not info.st_mode & 0o077:
        return
    if stat.S_ISDIR(info.st_mode) and not _only_ours(path):
        return  # a folder that holds other things too: not ours to close
    try:
        os.chmod(path, stat.S_IMODE(info.st_mode) & 0o700)
    except OSError:
        pass


def _only_ours(folder: Path) -> bool:
    try:
        names = os.listdir(folder)
    except OSError:
        return False
    return all(name.startswith(DATABASE_NAME) for name in names)


def check_ours(connection: sqlite3.Connection) -> bool:
    """True when the database is ours to change (False: it is empty, to be made ours).

    Raises `NotOurs` for a database of another program, or one that only looks like
    ours."""
    found = connection.execute("PRAGMA application_id").fetchone()[0]
    if found == APPLICATION_ID:
        return True
    if found != 0:
        raise NotOurs(f"it is a database of another program (application id {found:#x})")
    tables = {name for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if not tables:
        return False
    version = connection.execute("PRAGMA user_version").fetchone()[0]
    strangers = {name for name in tables if name not in OUR_TABLES and not name.startswith(("words_", "spots_", "sqlite_"))}
    if version not in EARLIER_LAYOUTS or strangers:
        raise NotOurs("it is a database of another program")
    return True


def remove_database(file: Path) -> None:
    """Delete the database and the files beside it (never through a link)."""
    for name in companions(file):
        try:
            name.unlink()
        except OSError:
            pass


def tables_current(connection: sqlite3.Connection) -> bool:
    """True when the database's tables are this version's, its texts split into words as
    this code splits them, and not every brief it holds was stored by other code (else
    it is rebuilt)."""
    if connection.execute("PRAGMA user_version").fetchone()[0] != LAYOUT or not words_current(connection):
        return False
    # Briefs of other code (an upgrade) are each read again: with none of this code's,
    # the tables are made afresh, not rewritten brief by brief, which leaves the old texts
    # in the full-text index until compacted (2,000 briefs: 3.45x the YAML, not 2.79x).
    sql = "SELECT EXISTS (SELECT 1 FROM briefs WHERE version = ?) OR NOT EXISTS (SELECT 1 FROM briefs)"
    return bool(connection.execute(sql, (CODE_VERSION,)).fetchone()[0])

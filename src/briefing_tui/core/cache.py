"""A cache of loaded briefs in an embedded SQLite database, for warm starts.

Each brief file is keyed by its path and its stamp: size, modification time, and the
inode's change time and number, which an edit that keeps the first two (`cp -p`,
`rsync -t`, `tar`, `unzip`) cannot keep. The cache holds
what loading it gave: the validated `Brief` (every item with its locations) and its
warnings, or, for a file with errors, its findings. A later load of the unchanged
file reads that back instead of parsing the YAML again; `load_brief_cached` gives
exactly what `load_brief` gives.

Briefs are written as JSON, never pickled: reading the cache must not be a way to
run code. The database lives in `$BRIEFING_CACHE_DIR`, else
`$XDG_CACHE_HOME/briefing-tui`, else `~/.cache/briefing-tui`. It is rebuilt without
a word when it is stale (another version of the program wrote it) or corrupt; when
it cannot be written or is locked, the program works on without it.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import stat
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NamedTuple

from briefing_tui import __version__
from briefing_tui.core.findings import Finding, LoadResult
from briefing_tui.core.library_index import TABLES as INDEX_TABLES
from briefing_tui.core.library_index import WORDS_TABLE, IndexRows, drop_rows, fts5_available, write_rows
from briefing_tui.core.model import FORMAT_VERSION, Location, paused_gc
from briefing_tui.core.stored import decode_brief, decode_findings, dumps, encode_brief, encode_findings

LAYOUT = 4
"""The version of the tables below; another value drops and recreates them all."""
DATABASE_NAME = "briefs.sqlite3"
RACY_NS = 2_000_000_000
"""A file changed this close to being cached may change again within the same
modification time (coarse clocks, FAT's two seconds): its entry is not trusted."""


def _code_version() -> str:
    """What wrote an entry: the layout, the brief format, the package version, and
    the size and time of the modules that decide what loading gives (so that an
    edited loader never meets entries its older self wrote)."""
    here = Path(__file__).resolve().parent
    parts = [f"{LAYOUT}", f"{FORMAT_VERSION}", __version__]
    for name in ("cache.py", "stored.py", "library_index.py", "loader.py", "yamlsource.py", "model.py", "findings.py", "links.py"):
        try:
            info = (here / name).stat()
            parts.append(f"{info.st_size}.{info.st_mtime_ns}")
        except OSError:
            parts.append("-")
    return "/".join(parts)


CODE_VERSION = _code_version()


def cache_directory() -> Path:
    """Where the cache lives: $BRIEFING_CACHE_DIR, $XDG_CACHE_HOME/briefing-tui or ~/.cache/briefing-tui."""
    if os.environ.get("BRIEFING_CACHE_DIR"):
        return Path(os.environ["BRIEFING_CACHE_DIR"])
    if os.environ.get("XDG_CACHE_HOME"):
        return Path(os.environ["XDG_CACHE_HOME"]) / "briefing-tui"
    return Path.home() / ".cache" / "briefing-tui"


class Stamp(NamedTuple):
    """What identifies one version of a file: size and modification time, and what an
    edit keeping those cannot keep: the inode's change time, and the inode itself (a
    file copied or unpacked in its place is a new one)."""

    size: int
    mtime_ns: int
    ctime_ns: int
    inode: int


def file_stamp(path: str) -> Stamp | None:
    """The stamp of a regular file, or None (missing, a folder, a device...)."""
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    if not stat.S_ISREG(info.st_mode):
        return None
    return Stamp(info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)


_stamps_before_load: dict[str, Stamp | None] = {}


def stamp_before_load(path: str) -> Stamp | None:
    """The stamp the file had just before `load_brief_cached` last read it here (its
    stamp now, if it has not): what a later look compares with, so that an edit made
    while the file was being read, or just after, is never taken for the version read."""
    key = cache_key(path)
    return _stamps_before_load[key] if key in _stamps_before_load else file_stamp(path)


def cache_key(path: str) -> str:
    """The path as the cache knows it: absolute, so that `a.yaml` and `./a.yaml` agree."""
    return os.path.abspath(path)


# -- the database ----------------------------------------------------------------------

_TABLES = (
    """CREATE TABLE briefs (
        id INTEGER PRIMARY KEY,
        path TEXT NOT NULL UNIQUE,
        size INTEGER NOT NULL,
        mtime_ns INTEGER NOT NULL,
        ctime_ns INTEGER NOT NULL,
        inode INTEGER NOT NULL,
        stored_ns INTEGER NOT NULL,
        version TEXT NOT NULL,
        brief_id TEXT,
        title TEXT,
        date INTEGER,
        tags TEXT NOT NULL,
        follows TEXT,
        actors INTEGER NOT NULL,
        quotes INTEGER NOT NULL,
        issues INTEGER NOT NULL,
        errors INTEGER NOT NULL,
        first_error TEXT,
        indexed INTEGER NOT NULL
    )""",
    """CREATE TABLE models (
        id INTEGER PRIMARY KEY,
        parts INTEGER NOT NULL,
        findings TEXT NOT NULL
    )""",
    # The brief itself, as `encode_brief` gives it: a part to a row.
    """CREATE TABLE model_parts (
        id INTEGER NOT NULL,
        part INTEGER NOT NULL,
        data TEXT NOT NULL,
        PRIMARY KEY (id, part)
    ) WITHOUT ROWID""",
)


class Summary(NamedTuple):
    """What the library lists of one cached file, without reading its brief."""

    key: int
    """The brief's number in the cache."""
    path: str
    stamp: Stamp
    brief_id: str | None
    title: str | None
    date: dt.date | None
    tags: tuple[str, ...]
    follows: str | None
    actors: int
    quotes: int
    issues: int
    errors: int
    first_error: Finding | None
    indexed: bool
    """True when its items are in the search and actor tables."""


class BriefCache:
    """The SQLite database of cached briefs, or an in-memory one when it cannot be used.

    Safe to share between threads. Never raises for a problem of its own: a corrupt
    database is deleted and rebuilt; a locked or unwritable one is set aside, and the
    program goes on without it.
    """

    def __init__(self, directory: str | os.PathLike[str] | None = None) -> None:
        self.directory = Path(directory) if directory is not None else cache_directory()
        self._fts: bool | None = None
        self._lock = threading.RLock()
        self.file: Path | None = None
        self.connection = self._open()

    @property
    def fts(self) -> bool:
        """True when this SQLite has FTS5, found out when first needed (not to open a brief)."""
        if self._fts is None:
            self._fts = fts5_available()
        return self._fts

    @property
    def persistent(self) -> bool:
        """True when entries outlive the program (False: it went on in memory)."""
        return self.file is not None

    # -- opening ------------------------------------------------------------------

    def _open(self) -> sqlite3.Connection:
        file = self.directory / DATABASE_NAME
        for attempt in (1, 2):
            try:
                self.directory.mkdir(parents=True, exist_ok=True)
                connection = self._connect(str(file))
            except sqlite3.DatabaseError as error:
                if attempt == 1 and _is_corrupt(error):
                    _remove_database(file)  # a garbage file in its place: start afresh
                    continue
                break  # locked, read-only, unopenable: go on without it
            except OSError:
                break  # the folder cannot be made
            self.file = file
            return connection
        return self._connect(":memory:")

    def _connect(self, name: str) -> sqlite3.Connection:
        # Autocommit: transactions are begun and ended explicitly, a batch at a time.
        connection = sqlite3.connect(name, timeout=1.0, isolation_level=None, check_same_thread=False)
        try:
            if name != ":memory:":
                # Readers never wait for a writer, so two programs can read at once.
                if connection.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                    connection.execute("PRAGMA journal_mode=WAL")
                connection.execute("PRAGMA synchronous=NORMAL")
                # A brief is read and written once, front to back: a big page
                # cache would only hold memory (the default is 2 MiB).
                connection.execute("PRAGMA cache_size=-256")
            if connection.execute("PRAGMA user_version").fetchone()[0] != LAYOUT:
                self._create(connection)
        except BaseException:
            connection.close()
            raise
        return connection

    def _create(self, connection: sqlite3.Connection) -> None:
        """Drop whatever tables an other version left, and make ours."""
        connection.execute("BEGIN IMMEDIATE")
        try:
            if connection.execute("PRAGMA user_version").fetchone()[0] != LAYOUT:  # unless another program just did
                names = connection.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE TABLE ''%'"
                ).fetchall()
                for (name,) in names:
                    connection.execute(f'DROP TABLE IF EXISTS "{name}"')
                for statement in self._tables():
                    connection.execute(statement)
                connection.execute(f"PRAGMA user_version = {LAYOUT}")
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise

    def _tables(self) -> tuple[str, ...]:
        return (*_TABLES, *INDEX_TABLES, WORDS_TABLE) if self.fts else (*_TABLES, *INDEX_TABLES)

    def close(self) -> None:
        """Close the database."""
        with self._lock:
            self.connection.close()

    # -- failure -------------------------------------------------------------------

    @contextmanager
    def using(self, writing: bool = False) -> Iterator[sqlite3.Connection | None]:
        """The connection for one piece of work, or None when the database cannot do it.

        A locked or read-only database skips this piece of work; a corrupt one is
        deleted and the rest of the run goes on in memory.
        """
        with self._lock:
            connection = self.connection
            if writing:
                try:
                    connection.execute("BEGIN IMMEDIATE")
                except sqlite3.Error as error:
                    self._failed(error)
                    yield None
                    return
            try:
                yield connection
                if writing and connection.in_transaction:
                    connection.execute("COMMIT")
            except sqlite3.Error as error:
                if connection.in_transaction:
                    try:
                        connection.execute("ROLLBACK")
                    except sqlite3.Error:
                        pass
                self._failed(error)

    def _failed(self, error: sqlite3.Error) -> None:
        if _is_corrupt(error):
            if self.file is not None:
                try:
                    self.connection.close()
                except sqlite3.Error:
                    pass
                _remove_database(self.file)
                self.file = None
                self.connection = self._connect(":memory:")
            return
        if not isinstance(error, sqlite3.OperationalError):
            raise error  # a mistake of ours, not of the database

    # -- briefs --------------------------------------------------------------------

    def lookup(self, path: str, stamp: Stamp) -> LoadResult | None:
        """What loading the file gave last time, if it has not changed since; else None."""
        with self.using() as db:
            if db is None:
                return None
            row = db.execute(
                "SELECT b.id, m.parts, m.findings FROM briefs b JOIN models m ON m.id = b.id "
                "WHERE b.path = ? AND b.size = ? AND b.mtime_ns = ? AND b.ctime_ns = ? AND b.inode = ? AND b.version = ? "
                "AND b.stored_ns - b.mtime_ns >= ?",
                (cache_key(path), *stamp, CODE_VERSION, RACY_NS),
            ).fetchone()
            if row is None:
                return None
            key, parts, findings = row
            try:
                with paused_gc():  # a big brief is a million objects and no cycles
                    brief = None
                    if parts:
                        cursor = db.execute("SELECT data FROM model_parts WHERE id = ? ORDER BY part", (key,))
                        brief = decode_brief((json.loads(data) for (data,) in cursor), path)
                    return LoadResult(path, brief, decode_findings(json.loads(findings), path))
            except (ValueError, TypeError, KeyError, IndexError, AttributeError, StopIteration):
                return None  # not what this version writes: load the file instead
        return None

    def store(self, path: str, stamp: Stamp, result: LoadResult, rows: IndexRows | None = None) -> None:
        """Remember what loading the file (as it was at `stamp`) gave; `rows` also
        indexes it for the library."""
        self.store_many([(path, stamp, result, rows)])

    def store_many(self, entries: Sequence[tuple[str, Stamp, LoadResult, IndexRows | None]]) -> dict[str, int]:
        """`store` for many files, in one transaction; each file's number in the cache
        (none when the database could not take them)."""
        prepared = []
        with paused_gc():
            for path, stamp, result, rows in entries:
                brief = result.brief
                # In memory, keeping every brief would only cost memory: they are read again.
                keep = brief is None or self.persistent
                errors = result.errors
                summary = (
                    brief.id if brief else None, brief.title if brief else None,
                    brief.date.toordinal() if brief else None, dumps(list(brief.tags) if brief else []),
                    brief.follows if brief else None,
                    len(brief.actors) if brief else 0, len(brief.quotes) if brief else 0, len(brief.issues) if brief else 0,
                    len(errors), dumps(encode_findings(errors[:1])[0]) if errors else None, int(rows is not None),
                )  # fmt: skip
                findings = dumps(encode_findings(result.findings)) if keep else None
                prepared.append((path, stamp, summary, brief if keep else None, findings, rows))
        keys: dict[str, int] = {}
        with self.using(writing=True) as db:
            if db is None:
                return {}
            for path, stamp, summary, brief, findings, rows in prepared:
                key = self._claim(db, path, stamp, summary)
                if findings is not None:
                    parts = 0
                    if brief is not None:
                        # Encoded and written a part at a time: never all at once.
                        with paused_gc():
                            for parts, part in enumerate(encode_brief(brief), 1):
                                db.execute(
                                    "INSERT INTO model_parts (id, part, data) VALUES (?, ?, ?)",
                                    (key, parts, dumps(part)),
                                )
                    db.execute("INSERT INTO models (id, parts, findings) VALUES (?, ?, ?)", (key, parts, findings))
                if rows is not None:
                    write_rows(db, key, rows, self.fts)
                keys[path] = key
            db.execute("COMMIT")  # here, so that a failure skips the return
            # The pages just written go from the log into the database, and the log
            # is emptied. A log left behind (by a program killed, or ended without
            # closing) is read through by every later start: 5 ms for the log of a
            # 10 MB brief, on every start of the reader.
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            return keys
        return {}  # the database could not take them

    def _claim(self, db: sqlite3.Connection, path: str, stamp: Stamp, summary: tuple[Any, ...]) -> int:
        """The row of `path`, made current for `stamp`, with whatever it held dropped."""
        now = time.time_ns()
        found = db.execute("SELECT id FROM briefs WHERE path = ?", (cache_key(path),)).fetchone()
        if found is None:
            cursor = db.execute(
                "INSERT INTO briefs (path, size, mtime_ns, ctime_ns, inode, stored_ns, version, brief_id, title, date, tags, follows, "
                "actors, quotes, issues, errors, first_error, indexed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (cache_key(path), *stamp, now, CODE_VERSION, *summary),
            )
            assert cursor.lastrowid is not None
            return cursor.lastrowid
        key = int(found[0])
        db.execute(
            "UPDATE briefs SET size = ?, mtime_ns = ?, ctime_ns = ?, inode = ?, stored_ns = ?, version = ?, brief_id = ?, title = ?, "
            "date = ?, tags = ?, follows = ?, actors = ?, quotes = ?, issues = ?, errors = ?, first_error = ?, indexed = ? WHERE id = ?",
            (*stamp, now, CODE_VERSION, *summary, key),
        )
        db.execute("DELETE FROM models WHERE id = ?", (key,))
        db.execute("DELETE FROM model_parts WHERE id = ?", (key,))
        drop_rows(db, key, self.fts)
        return key

    # -- the library ---------------------------------------------------------------

    def summaries(self, paths: Sequence[str]) -> dict[str, Summary]:
        """The summaries of these files (by path as given) as last cached, current or not;
        the caller compares their stamps with the files'. Untrusted entries are left out."""
        wanted = {cache_key(p): p for p in paths}
        found: dict[str, Summary] = {}
        rows = self.select(
            "SELECT id, path, size, mtime_ns, ctime_ns, inode, brief_id, title, date, tags, follows, actors, quotes, issues, "
            "errors, first_error, indexed FROM briefs WHERE version = ? AND stored_ns - mtime_ns >= ?",
            (CODE_VERSION, RACY_NS),
        )
        for key, path, size, mtime, ctime, inode, bid, title, date, tags, follows, actors, quotes, issues, errors, first, indexed in rows:
            given = wanted.get(path)
            if given is None:
                continue
            error = None
            if first is not None:
                line, column, severity, message = json.loads(first)
                error = Finding(given, None if line is None else Location(line, column), severity, message)
            found[given] = Summary(
                key, given, Stamp(size, mtime, ctime, inode), bid, title, None if date is None else dt.date.fromordinal(date),
                tuple(json.loads(tags)), follows, actors, quotes, issues, errors, error, bool(indexed),
            )  # fmt: skip
        return found

    def select(self, sql: str, parameters: Sequence[object] = ()) -> list[tuple[Any, ...]]:
        """The rows a query gives, or none when the database cannot answer."""
        with self.using() as db:
            if db is not None:
                return db.execute(sql, parameters).fetchall()
        return []


def _is_corrupt(error: sqlite3.Error) -> bool:
    """True for a file that is not a database, or a damaged one (not for a locked one)."""
    # sqlite3 raises the base DatabaseError for SQLITE_NOTADB and SQLITE_CORRUPT; its
    # subclasses (IntegrityError, ProgrammingError...) are other matters.
    return type(error) is sqlite3.DatabaseError or "malformed" in str(error)


def _remove_database(file: Path) -> None:
    for name in (file, file.with_name(file.name + "-wal"), file.with_name(file.name + "-shm")):
        try:
            name.unlink()
        except OSError:
            pass


_default: BriefCache | None = None
_default_lock = threading.Lock()


def default_cache() -> BriefCache:
    """The cache in the user's cache directory, opened on first use."""
    global _default
    with _default_lock:
        if _default is None or _default.directory != cache_directory():
            _default = BriefCache()
        return _default


def load_brief_cached(path: str | os.PathLike[str], cache: BriefCache | None = None) -> LoadResult:
    """What `load_brief(path)` gives, read from the cache when the file has not changed.

    `cache` defaults to the user's cache. A file that cannot be cached (missing, not a
    regular file) is loaded as it is, findings and all.
    """
    name = os.fspath(path)
    stamp = file_stamp(name)
    _stamps_before_load[cache_key(name)] = stamp
    if stamp is not None:
        cache = cache if cache is not None else default_cache()
        found = cache.lookup(name, stamp)
        if found is not None:
            return found
    # The parser (and PyYAML with it) is imported only when the cache cannot answer.
    from briefing_tui.core.loader import load_brief

    result = load_brief(name)
    if stamp is not None and cache is not None and cache.persistent and file_stamp(name) == stamp:
        cache.store(name, stamp, result)  # unless it changed while it was read
    return result

"""A cache of loaded briefs in an embedded SQLite database, for warm starts.

Each brief file is keyed by its path and its stamp: size, modification time, and the
inode's change time and number, which an edit that keeps the first two (`cp -p`,
`rsync -t`, `tar`, `unzip`) cannot keep. The cache holds
what loading it gave: the validated `Brief` (every item with its locations) and its
warnings, or, for a file with errors, its findings. A later load of the unchanged
file reads that back instead of parsing the YAML again; `load_brief_cached` gives
exactly what `load_brief` gives.

Briefs are written as JSON (compressed), never pickled: reading the cache must not
be a way to run code. The database lives in `$BRIEFING_CACHE_DIR`, else
`$XDG_CACHE_HOME/briefing-tui`, else `~/.cache/briefing-tui`, readable by its owner
alone (`cache_file`). It is rebuilt without a word when it is stale (another version
of the program wrote it) or corrupt, and an entry that is not what was stored is
dropped and stored again from its file (`cache_rows`); when it cannot be written or is
locked, the program works on without it; a database that is not ours is left alone.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NamedTuple

from briefing_tui.core.cache_file import (
    APPLICATION_ID,
    DATABASE_NAME,
    NotOurs,
    cache_directory,
    check_ours,
    make_private,
    prepare,
    remove_database,
    tables_current,
)
from briefing_tui.core.cache_identity import CODE_VERSION, LAYOUT, RACY_NS
from briefing_tui.core.cache_rows import DAMAGE, TABLES, Checksum, Damaged, checked_parts, summary_of_row
from briefing_tui.core.cache_rows import Summary as Summary
from briefing_tui.core.find_index import TABLES as FIND_TABLES
from briefing_tui.core.find_index import optimize_spots, write_terms
from briefing_tui.core.find_listing import TABLES as LISTING_TABLES
from briefing_tui.core.findings import LoadResult
from briefing_tui.core.library_index import TABLES as INDEX_TABLES
from briefing_tui.core.library_index import IndexRows, drop_rows, fts5_available, write_rows
from briefing_tui.core.model import paused_gc
from briefing_tui.core.stamp import Stamp as Stamp
from briefing_tui.core.stamp import cache_key as cache_key
from briefing_tui.core.stamp import file_stamp as file_stamp
from briefing_tui.core.stamp import remember_stamp
from briefing_tui.core.stamp import stamp_before_load as stamp_before_load
from briefing_tui.core.stored import decode_brief, decode_findings, dumps, encode_brief, encode_findings, packed

# -- an entry made ready to store ----------------------------------------------------


class Prepared(NamedTuple):
    """What the cache stores of one file, made ready (in a worker process, perhaps)."""

    path: str
    stamp: Stamp
    summary: tuple[Any, ...]
    """What the library lists: id, title, date, tags, follows, counts, errors, first error, indexed."""
    findings: str | None
    """Every finding, as stored (None: the brief itself is not kept)."""
    parts: Iterable[bytes | str]
    """The brief's stored parts, as written (`packed`)."""
    rows: IndexRows | None


def prepare_entry(path: str, stamp: Stamp, result: LoadResult, rows: IndexRows | None, *, keep: bool, at_once: bool = False) -> Prepared:
    """What the cache stores of a file loaded as `result` (`keep`: its brief and
    findings too, not only its summary), the brief encoded as it is written, or
    `at_once` (to be sent from a worker process)."""
    brief = result.brief
    errors = result.errors
    summary = (
        brief.id if brief else None, brief.title if brief else None,
        brief.date.toordinal() if brief else None, dumps(list(brief.tags) if brief else []),
        brief.follows if brief else None,
        len(brief.actors) if brief else 0, len(brief.quotes) if brief else 0, len(brief.open_issues) if brief else 0,
        len(errors), dumps(encode_findings(errors[:1])[0]) if errors else None, int(rows is not None),
    )  # fmt: skip
    findings = dumps(encode_findings(result.findings)) if keep else None
    parts: Iterable[bytes | str] = packed(encode_brief(brief)) if keep and brief is not None else ()
    return Prepared(path, stamp, summary, findings, list(parts) if at_once else parts, rows)


# -- the database ----------------------------------------------------------------------


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
        self.left_alone: str | None = None
        """Why the database in the cache's place was not used, when it is not ours."""
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
        for attempt in (1, 2):
            try:
                file = prepare(self.directory)
                connection = self._connect(str(file))
            except NotOurs as refusal:
                # Someone else's database, or a link to one: never changed, not even read.
                self.left_alone = f"the cache at {self.directory / DATABASE_NAME} is left alone ({refusal})"
                break
            except sqlite3.DatabaseError as error:
                if attempt == 1 and _is_corrupt(error):
                    remove_database(self.directory / DATABASE_NAME)  # a garbage file in its place: start afresh
                    continue
                break  # locked, read-only, unopenable: go on without it
            except OSError:
                break  # the folder cannot be made
            self.file = file
            return connection
        return self._connect(":memory:")

    def _connect(self, name: str) -> sqlite3.Connection:
        self._known_terms: dict[int, set[str]] = {}
        """Words this connection has written to the vocabulary and committed, by the
        code of the weight it gave them: never written again with that weight (a word
        never loses one; see `find_index`)."""
        # Autocommit: transactions are begun and ended explicitly, a batch at a time.
        connection = sqlite3.connect(name, timeout=1.0, isolation_level=None, check_same_thread=False)
        try:
            ours = name == ":memory:" or check_ours(connection)  # before anything is changed
            if name != ":memory:":
                make_private(Path(name))
                # Readers never wait for a writer, so two programs can read at once.
                if connection.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                    connection.execute("PRAGMA journal_mode=WAL")
                connection.execute("PRAGMA synchronous=NORMAL")
                # A brief is read and written once, front to back: a big page
                # cache would only hold memory (the default is 2 MiB).
                connection.execute("PRAGMA cache_size=-256")
            if not ours or not tables_current(connection):
                self._create(connection)
        except BaseException:
            connection.close()
            raise
        return connection

    def _create(self, connection: sqlite3.Connection) -> None:
        """Drop whatever tables an other version left, and make ours."""
        connection.execute("BEGIN IMMEDIATE")
        try:
            if not tables_current(connection):  # unless another program just did
                check_ours(connection)  # still: nothing else came in its place meanwhile
                names = connection.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE TABLE ''%'"
                ).fetchall()
                for (name,) in names:
                    connection.execute(f'DROP TABLE IF EXISTS "{name}"')
                for statement in self._tables():
                    connection.execute(statement)
                connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                connection.execute(f"PRAGMA user_version = {LAYOUT}")
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise

    def _tables(self) -> tuple[str, ...]:
        return (*TABLES, *INDEX_TABLES, *FIND_TABLES, *LISTING_TABLES) if self.fts else (*TABLES, *INDEX_TABLES)

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
                remove_database(self.file)
                self.file = None
                self.connection = self._connect(":memory:")
            return
        if not isinstance(error, sqlite3.OperationalError):
            raise error  # a mistake of ours, not of the database

    # -- briefs --------------------------------------------------------------------

    def lookup(self, path: str, stamp: Stamp) -> LoadResult | None:
        """What loading the file gave last time, if it has not changed since; else None.

        An entry that is not what was stored (its digest differs, it does not decode,
        it has no brief and no error) is dropped, to be stored again from the file."""
        damaged = None
        with self.using() as db:
            if db is None:
                return None
            row = db.execute(
                "SELECT b.id, m.parts, m.findings, m.digest FROM briefs b JOIN models m ON m.id = b.id "
                "WHERE b.path = ? AND b.size = ? AND b.mtime_ns = ? AND b.ctime_ns = ? AND b.inode = ? AND b.version = ? "
                "AND b.stored_ns - b.mtime_ns >= ?",
                (cache_key(path), *stamp, CODE_VERSION, RACY_NS),
            ).fetchone()
            if row is None:
                return None
            key, parts, findings, digest = row
            try:
                with paused_gc():  # a big brief is a million objects and no cycles
                    check = Checksum(findings)
                    brief = None
                    if parts:
                        cursor = db.execute("SELECT data FROM model_parts WHERE id = ? ORDER BY part", (key,))
                        brief = decode_brief(checked_parts(cursor, parts, check), path)
                    result = LoadResult(path, brief, decode_findings(json.loads(findings), path))
                    if check.hexdigest() != digest or (brief is None and not result.errors):
                        raise Damaged("not what was stored")
                    return result
            except DAMAGE:
                damaged = key
        if damaged is not None:
            self._drop(damaged)
        return None

    def _drop(self, key: int) -> None:
        """Forget the entry numbered `key`, and whatever of it is indexed."""
        with self.using(writing=True) as db:
            if db is not None:
                self._drop_keys(db, [key])

    def _drop_keys(self, db: sqlite3.Connection, keys: Iterable[int]) -> None:
        for key in keys:
            for table in ("briefs", "models", "model_parts"):
                db.execute(f"DELETE FROM {table} WHERE id = ?", (key,))
            drop_rows(db, key, self.fts)

    def store(self, path: str, stamp: Stamp, result: LoadResult, rows: IndexRows | None = None) -> None:
        """Remember what loading the file (as it was at `stamp`) gave; `rows` also
        indexes it for the library."""
        self.store_many([(path, stamp, result, rows)])

    def store_many(self, entries: Sequence[tuple[str, Stamp, LoadResult, IndexRows | None]]) -> dict[str, int]:
        """`store` for many files, in one transaction; each file's number in the cache
        (none when the database could not take them)."""
        with paused_gc():
            # In memory, keeping every brief would only cost memory: they are read again.
            prepared = [
                prepare_entry(path, stamp, result, rows, keep=result.brief is None or self.persistent) for path, stamp, result, rows in entries
            ]
        return self.store_prepared(prepared)

    def store_prepared(self, prepared: Sequence[Prepared]) -> dict[str, int]:
        """`store_many` for entries made ready elsewhere (`prepare_entry`, in a worker
        process, say); each file's number in the cache."""
        keys: dict[str, int] = {}
        terms: dict[int, set[str]] = {}
        with self.using(writing=True) as db:
            if db is None:
                return {}
            for path, stamp, summary, findings, encoded, rows in prepared:
                key = self._claim(db, path, stamp, summary)
                if findings is not None:
                    parts = 0
                    check = Checksum(findings)
                    # Written a part at a time: a brief read here is encoded as it goes, never all at once.
                    with paused_gc():
                        for parts, data in enumerate(encoded, 1):
                            check.update(data)
                            db.execute("INSERT INTO model_parts (id, part, data) VALUES (?, ?, ?)", (key, parts, data))
                    db.execute("INSERT INTO models (id, parts, findings, digest) VALUES (?, ?, ?, ?)", (key, parts, findings, check.hexdigest()))
                if rows is not None:
                    write_rows(db, key, rows, self.fts)
                    for code, found in rows.terms.items():
                        terms.setdefault(code, set()).update(found)
                keys[path] = key
            # The words of all these briefs at once, those not written before only:
            # briefs share most of their words, and the fields they are in.
            for code, new in terms.items():
                new -= self._known_terms.get(code, set())
            if self.fts:
                write_terms(db, ((word, 1 << code) for code, new in terms.items() for word in new))
            db.execute("COMMIT")  # here, so that a failure skips the return
            for code, new in terms.items():
                self._known_terms.setdefault(code, set()).update(new)
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
        damaged = []
        for row in rows:
            given = wanted.get(row[1])
            if given is None:
                continue
            try:
                found[given] = summary_of_row(given, row)
            except DAMAGE:
                damaged.append(row[0])  # read again from the file, and stored anew
        for key in damaged:
            self._drop(key)
        return found

    # -- upkeep ----------------------------------------------------------------------

    def paths(self, folder: str | None = None) -> list[str]:
        """The files the cache holds an entry of (those inside `folder`, when given)."""
        if folder is None:
            return [path for (path,) in self.select("SELECT path FROM briefs")]
        inside = os.path.join(cache_key(folder), "")
        # Every path that starts with `inside`, by the index on paths: the next string
        # after them all ends in the character after the separator.
        after = inside[:-1] + chr(ord(inside[-1]) + 1)
        return [path for (path,) in self.select("SELECT path FROM briefs WHERE path >= ? AND path < ?", (inside, after))]

    def forget(self, paths: Iterable[str]) -> int:
        """Drop the entries of these files, their text wiped from the database file (and
        its log) too; how many there were."""
        with self.using(writing=True) as db:
            if db is None:
                return 0
            keys = [row[0] for path in paths for row in db.execute("SELECT id FROM briefs WHERE path = ?", (cache_key(path),))]
            if keys:
                db.execute("PRAGMA secure_delete = ON")  # freed pages are overwritten, not left to be read
                self._drop_keys(db, keys)
            db.execute("COMMIT")
            db.execute("PRAGMA secure_delete = OFF")
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            return len(keys)
        return 0

    def forget_gone(self, folder: str, listed: Iterable[str]) -> int:
        """Drop the entries of files inside `folder` that are gone: neither among the
        files just `listed` there nor on disk. How many there were."""
        found = {cache_key(path) for path in listed}
        return self.forget([path for path in self.paths(folder) if path not in found and file_stamp(path) is None])

    def compact(self) -> None:
        """Give the room of forgotten entries back to the disk, and make the full-text
        index as small as it gets."""
        with self.using() as db:
            if db is not None and self.persistent:
                if self.fts:
                    optimize_spots(db)
                db.execute("VACUUM")
                db.execute("PRAGMA wal_checkpoint(TRUNCATE)")

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


_default: BriefCache | None = None
_default_lock = threading.Lock()


def default_cache() -> BriefCache:
    """The cache in the user's cache directory, opened on first use."""
    global _default
    with _default_lock:
        if _default is None or _default.directory != cache_directory():
            _default = BriefCache()
        return _default


def opened_cache_warning() -> str | None:
    """Why the user's cache, if it was opened, went on in memory, when it is something to tell."""
    if _default is None or _default.left_alone is None:
        return None
    return f"{_default.left_alone}; briefs are not cached this time"


def load_brief_cached(path: str | os.PathLike[str], cache: BriefCache | None = None) -> LoadResult:
    """What `load_brief(path)` gives, read from the cache when the file has not changed.

    `cache` defaults to the user's cache. A file that cannot be cached (missing, not a
    regular file) is loaded as it is, findings and all.
    """
    name = os.fspath(path)
    stamp = file_stamp(name)
    remember_stamp(name, stamp)
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

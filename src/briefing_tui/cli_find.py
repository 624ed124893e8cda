"""`briefing find`: search briefs from the shell, answered from the cache's full-text index.

When every brief named is in the cache as it is on disk, the answer comes from the
database alone, before anything else is imported (neither the parser nor the model,
Textual nor Rich): scores from the full-text index, and only the hits printed read
their text back. Otherwise the briefs new or changed are read and cached first,
as the library does, and the same query answers.

One line per hit (`FILE:LINE: kind id: snippet`, LINE the line that holds the match),
best first, or JSON with `--format json`. Exit 0 with hits, 1 without, 2 on a usage error.
"""

from __future__ import annotations

import gc
import os
import sqlite3
import sys
from collections.abc import Sequence

from briefing_tui.core.files import brief_files
from briefing_tui.core.named_tuple import NamedTuple
from briefing_tui.core.printable import json_safe, visible

TYPE_CHECKING = False  # as typing's, without importing typing (see core/named_tuple.py)
if TYPE_CHECKING:
    import argparse
    from typing import Any

    from briefing_tui.core.find_listing import Checked, Stamps
    from briefing_tui.core.find_query import Found
    from briefing_tui.core.library import Library
    from briefing_tui.core.query import Term

EXIT_OK, EXIT_PROBLEM = 0, 1
DESCRIPTION = (
    "Search briefs: one line per hit, FILE:LINE: kind id: snippet, best first (LINE: the line that holds the match). Exit 0 with hits, 1 without."
)


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> argparse.ArgumentParser:
    """Add `find` to the command line's commands."""
    find = commands.add_parser("find", help="search briefs", description=DESCRIPTION)
    _arguments(find)
    return find


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("query", metavar="QUERY", help='words to find; "quoted phrases" match as written')
    parser.add_argument("paths", nargs="+", metavar="PATH", help="brief files or folders")
    parser.add_argument("--limit", type=_count, metavar="N", help="print the best N hits only")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    parser.add_argument(
        "--redact",
        type=redact_level,
        metavar="LEVEL",
        help="search only what may be shown at LEVEL (a TLP level: items marked above it are withheld)",
    )


def redact_level(value: str) -> str:
    """A TLP level as `--redact` takes it (`amber`, `TLP:AMBER`); a usage error for others."""
    import argparse

    from briefing_tui.core.markings import parse_level

    level = parse_level(value)
    if level is None:
        raise argparse.ArgumentTypeError(f"{value!r} is not a TLP level: CLEAR, GREEN, AMBER, AMBER+STRICT or RED")
    return level


def _count(value: str) -> int:
    import argparse

    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of hits (1 or more)")
    return int(value)


class Answer(NamedTuple):
    """The hits of a query, best first, how many in all, and each brief's file by number."""

    hits: list[Found]
    total: int
    paths: dict[int, str]


class Arguments(NamedTuple):
    """What `briefing find` was asked."""

    query: str
    paths: list[str]
    limit: int | None
    format: str
    redact: str | None = None


def run(argv: Sequence[str]) -> int:
    """`briefing find QUERY PATH ... [--limit N] [--format text|json]`."""
    args = _plain_arguments(argv) or _parsed_arguments(argv)
    from briefing_tui.core.query import query_terms

    terms = query_terms(args.query)
    files, problems = brief_files(args.paths)
    if problems:
        for finding in problems:
            print(finding, file=sys.stderr)
    global _answered_alone
    # An answer is tens of thousands of objects and no cycles: the collector's passes
    # over them (a thirtieth of the time a common word takes) would free nothing.
    gc.disable()
    try:
        answer = _redacted(files, terms, args.limit, args.redact) if args.redact else _from_cache(files, args.paths, terms, args.limit)
        _answered_alone = answer is not None and not args.redact
        if answer is None:
            answer = _after_reading(files, args.paths, terms, args.limit)
        if args.format == "json":
            _print_json(args.query, answer)
        else:
            _print_text(answer)
    finally:
        gc.enable()
    return EXIT_OK if answer.hits else EXIT_PROBLEM


_answered_alone = False


def answered_alone() -> bool:
    """Whether the last `run` answered from the cache on a connection of its own, closed
    since, and left nothing else open (the cache's shared connection, a thread, a child
    process): what the process holds is then the system's to free at its end."""
    return _answered_alone and not any(name in sys.modules for name in ("briefing_tui.core.cache", "threading", "multiprocessing"))


def _plain_arguments(argv: Sequence[str]) -> Arguments | None:
    """The arguments as written in the usual way, read without argparse (which takes
    longer to import than the answer takes); None for anything else, for argparse to
    read or refuse."""
    positional: list[str] = []
    options: dict[str, str] = {}
    words = iter(argv)
    for word in words:
        if not word.startswith("-"):
            positional.append(word)
            continue
        name, equals, value = word.partition("=")
        if name not in ("--limit", "--format"):
            return None
        if not equals:
            value = next(words, "")
        options[name] = value
    limit = options.get("--limit")
    form = options.get("--format", "text")
    if len(positional) < 2 or form not in ("text", "json") or (limit is not None and not (limit.isdigit() and int(limit) > 0)):
        return None
    return Arguments(positional[0], positional[1:], int(limit) if limit is not None else None, form)


def _parsed_arguments(argv: Sequence[str]) -> Arguments:
    import argparse

    parser = argparse.ArgumentParser(prog="briefing find", description=DESCRIPTION)
    _arguments(parser)
    args = parser.parse_args(argv)
    return Arguments(args.query, args.paths, args.limit, args.format, args.redact)


def _print_text(answer: Answer) -> None:
    paths = {key: path.replace("\n", " ") for key, path in answer.paths.items()}
    lines = [f"{paths[hit.key]}:{hit.line}: {hit.kind} {hit.item_id}: {hit.snippet}" for hit in answer.hits]
    if lines:
        # Every line at once, made safe at once: the hits are many, the writes few.
        # Lines all printable hold nothing `visible` changes, which each says quicker
        # than its pattern finds in all of them (a common word prints two megabytes).
        text = "\n".join(lines)
        sys.stdout.write((text if all(map(str.isprintable, lines)) else visible(text)) + "\n")


def _print_json(query: str, answer: Answer) -> None:
    import json

    hits = [
        {
            "path": answer.paths[hit.key], "line": hit.line, "kind": hit.kind, "id": hit.item_id, "field": hit.field,
            "snippet": hit.snippet, "matched": hit.matched, "score": hit.score,
        }
        for hit in answer.hits
    ]  # fmt: skip
    document = {"query": query, "total": answer.total, "hits": hits}
    sys.stdout.write(json_safe(json.dumps(document, ensure_ascii=False, indent=2)) + "\n")


# -- straight from the cache ------------------------------------------------------------


def _from_cache(files: list[str], named: Sequence[str], terms: list[Term], limit: int | None) -> Answer | None:
    """The answer from the cache as it is, or None when it cannot give it: a brief not
    cached as it is on disk, one gone from a folder named, or no cache of ours."""
    from briefing_tui.core.cache_identity import APPLICATION_ID, COMPANIONS, DATABASE_NAME, LAYOUT, cache_folder

    database = os.path.join(cache_folder(), DATABASE_NAME)
    if any(os.path.islink(database + suffix) for suffix in COMPANIONS) or not os.path.isfile(database):
        return None  # the library's way says why, or makes it
    try:
        db = sqlite3.connect(f"{_uri(database)}?mode=rw", uri=True, timeout=1.0, isolation_level=None)
    except sqlite3.Error:
        return None
    try:
        ours = db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        if not ours or db.execute("PRAGMA user_version").fetchone()[0] != LAYOUT:
            return None
        db.execute("PRAGMA synchronous = NORMAL")  # as the cache's own: a listing kept is not worth a flush to disk
        current = _current_briefs(db, files, named)
        if current is None:
            return None
        order, paths, broken = current
        if broken:
            _report_broken(broken)
        if not terms:
            return Answer([], 0, paths)
        from briefing_tui.core.find_query import find_spots

        hits, total = find_spots(db, terms, order, limit)
        return Answer(hits, total, paths)
    except sqlite3.Error:
        return None
    finally:
        db.close()


_URI_SAFE = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/_.-~")


def _uri(path: str) -> str:
    """The `file:` URI of a file, as `Path.as_uri` writes it (without importing pathlib)."""
    return "file://" + "".join(chr(byte) if byte in _URI_SAFE else f"%{byte:02X}" for byte in os.fsencode(os.path.abspath(path)))


def _current_briefs(db: sqlite3.Connection, files: list[str], named: Sequence[str]) -> Checked | None:
    """The cached briefs of `files` in the library's order (number -> place), their
    files by number, and the files that are not valid briefs; None unless every file is
    cached as it is now and none is cached that is gone from a folder named.

    Read from the listing the last `find` on these files kept, when they are as it
    lists them (`find_listing`); else from the cache's rows, and kept as a listing."""
    from briefing_tui.core.cache_identity import CODE_VERSION
    from briefing_tui.core.find_listing import keep_listing, listed, listing_key, stamps_text

    # A path with no `.` or `..` part and no `//` is normal as it is, once made absolute
    # (a name that starts with a dot is normalised all the same: rare, and still right).
    here, normpath = os.path.join(os.getcwd(), ""), os.path.normpath
    absolute = [path if path[:1] == "/" else here + path for path in files]
    wanted = {whole if "/." not in whole and "//" not in whole else normpath(whole): path for whole, path in zip(absolute, files, strict=True)}
    given = list(wanted.values())
    try:
        stamps = [(info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino) for info in map(os.stat, given)]
    except OSError:
        return None
    key, text = listing_key(CODE_VERSION, here, named), stamps_text(given, stamps)
    # The listing read, or the rows read and the listing kept, in one snapshot of the cache.
    db.execute("BEGIN")
    try:
        checked = listed(db, key, text, given)
        if checked is None:
            found = _cached_rows(db, wanted, named, stamps)
            if found is not None:
                checked = _in_order(given, found)
                if given:
                    keep_listing(db, key, text, [None if row[7] else row[6] for row in found], checked)
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise
    return checked


def _cached_rows(db: sqlite3.Connection, wanted: dict[str, str], named: Sequence[str], stamps: list[Stamps]) -> list[tuple[Any, ...]] | None:
    """The cache's row of each file (absolute -> as named: `wanted`), when every file is
    cached as it is now (`stamps`) by this code, and none is cached that is gone from a
    folder named; else None. Each row: path, the stamp's four, usable, id (6), not a
    valid brief (7), date (8), title (9)."""
    from briefing_tui.core.cache_identity import CODE_VERSION, RACY_NS

    # Whether an entry may be used at all, and whether it is a valid brief, are asked
    # of SQLite with the rows: only the stamps are left to compare with the files'.
    columns = "path, size, mtime_ns, ctime_ns, inode, version = ? AND stored_ns - mtime_ns >= ? AND indexed, id, errors OR title IS NULL OR date IS NULL, date, title"
    usable = (CODE_VERSION, RACY_NS)
    # A comprehension at a time, done in C as far as it goes: a library is thousands of files.
    rows: dict[str, tuple[Any, ...]] = {}
    for folder in [path for path in named if os.path.isdir(path)]:
        inside = os.path.join(os.path.abspath(folder), "")
        after = inside[:-1] + chr(ord(inside[-1]) + 1)
        rows.update((row[0], row) for row in db.execute(f"SELECT {columns} FROM briefs WHERE path >= ? AND path < ?", (*usable, inside, after)))
    if any(not os.path.exists(path) for path in rows.keys() - wanted.keys()):
        return None  # gone: forgotten on the way that reads
    missing = [key for key in wanted if key not in rows]
    if missing:
        import json

        sql = f"SELECT {columns} FROM briefs WHERE path IN (SELECT value FROM json_each(?))"
        rows.update((row[0], row) for row in db.execute(sql, (*usable, json.dumps(missing))))
    found = [rows[key] for key in wanted if key in rows]
    if len(found) < len(wanted):
        return None  # not cached
    if stamps != [row[1:5] for row in found] or not all([row[5] for row in found]):
        return None  # changed since it was cached, or cached by other code
    return found


def _in_order(given: list[str], found: list[tuple[Any, ...]]) -> Checked:
    """The valid briefs of the files `given` (their rows: `found`) by their place in the
    library's order (newest first, then by title), their files by number, and the
    files that are not valid briefs."""
    from briefing_tui.core.text import fold

    broken = [path for path, row in zip(given, found, strict=True) if row[7]]
    paths = {row[6]: path for path, row in zip(given, found, strict=True) if not row[7]}
    listed = sorted((-row[8], row[9].lower() if row[9].isascii() else fold(row[9]), number, row[6]) for number, row in enumerate(found) if not row[7])
    return {entry[3]: place for place, entry in enumerate(listed)}, paths, broken


def _report_broken(paths: list[str]) -> None:
    """Each error of the files that are not valid briefs, to stderr."""
    from briefing_tui.cli import _report
    from briefing_tui.core.cache import load_brief_cached

    _report([load_brief_cached(path) for path in paths], [])


# -- after reading what changed -----------------------------------------------------------


def _after_reading(files: list[str], named: Sequence[str], terms: list[Term], limit: int | None) -> Answer:
    """The answer once every brief new or changed is read and cached, as a library does."""
    from briefing_tui import cli_cache
    from briefing_tui.cli import _report
    from briefing_tui.core.library import Library

    cli_cache.forget_gone(named, files)
    library = Library(files)
    for _ in library.read():
        pass
    _report([library.load(path) for path in library.files if not library.entries[path].ok], [])
    unsearched = library.unsearched
    if unsearched:
        # An answer from part of the library is never given as the whole.
        print(
            visible(f"briefing: {len(unsearched)} brief(s) not searched: another program holds the cache; try again: " + ", ".join(unsearched)),
            file=sys.stderr,
        )
    entries = [entry for entry in library.listing() if entry.ok and entry.key is not None]
    paths = {entry.key: entry.path for entry in entries if entry.key is not None}
    if not terms:
        return Answer([], 0, paths)
    if not library.cache.fts:
        return _in_memory(library, terms, limit)
    from briefing_tui.core.find_query import find_spots

    order = {key: place for place, key in enumerate(paths)}
    with library.cache.using() as db:
        if db is not None:
            hits, total = find_spots(db, terms, order, limit)
            return Answer(hits, total, paths)
    return _in_memory(library, terms, limit)


def _redacted(files: list[str], terms: list[Term], limit: int | None, level: str) -> Answer:
    """The answer from the briefs as they may be shown at `level`: read (from the cache),
    each redacted, then searched, so that no withheld word is found or counted."""
    from briefing_tui.cli import _report
    from briefing_tui.core.cache import load_brief_cached
    from briefing_tui.core.find_query import Found
    from briefing_tui.core.redacted_search import redacted_index

    results = [load_brief_cached(path) for path in files]
    _report([r for r in results if not r.ok], [])
    briefs = [r.brief for r in results if r.brief is not None]
    paths = dict(enumerate(brief.path for brief in briefs))
    keys = {path: key for key, path in paths.items()}
    if not terms:
        return Answer([], 0, paths)
    found, total = redacted_index(briefs, level).find(terms, limit)
    hits = [
        Found(keys[h.path], 0, h.kind, h.item_id, h.field, h.location.line, h.snippet(), h.matched, h.score, h.text, h.start, h.end, (h.location.line, h.location.column))
        for h in found
    ]  # fmt: skip
    return Answer(hits, total, paths)


def _in_memory(library: Library, terms: list[Term], limit: int | None) -> Answer:
    """Without SQLite's full-text index: the library's own search, in memory."""
    from briefing_tui.core.find_query import Found

    found, total = library.find(" ".join(f'"{t.text}"' if t.phrase else t.text for t in terms), limit)
    keys = {entry.path: entry.key if entry.key is not None else -n for n, entry in enumerate(library.listing())}
    hits = [
        Found(
            keys[h.path],
            0,
            h.kind,
            h.item_id,
            h.field,
            library.line(h),
            h.snippet(),
            h.matched,
            h.score,
            h.text,
            h.start,
            h.end,
            (h.location.line, h.location.column),
        )
        for h in found
    ]
    return Answer(hits, total, {key: path for path, key in keys.items()})

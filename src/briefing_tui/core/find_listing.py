"""What `briefing find` found of the files a command line named, kept for the next
`find` on the same files: one row to read, not a row for every brief.

`find` answers from the cache only when every file named is cached as it is on disk.
Checking that costs a `stat` of each file, then a row of each brief, compared and put
in the library's order. A listing keeps the result of that check (each file's brief,
or that it is not a valid one, and its place in the library's order) with the files'
stamps as they were; the next `find` (whatever it looks for) on the same paths, from
the same folder, by the same code, `stat`s each file and, when every stamp is as
listed, reads the rest from this one row.

A listing lasts only as long as every brief it names is cached as it was: any change
to the cache's table of briefs (a brief stored again, one forgotten, one added)
drops every listing, by triggers, whatever program makes it.
"""

from __future__ import annotations

import sqlite3

TYPE_CHECKING = False  # as typing's, without importing typing (`briefing find` starts here)
if TYPE_CHECKING:
    from collections.abc import Sequence

TABLES = (
    # `named`: the code, the working folder and the paths as the command line gave
    # them; `stamps`: each file's path as found and its stamp, in order; `briefs`:
    # each file's brief and place (`listed` reads them).
    "CREATE TABLE listings (named TEXT PRIMARY KEY, stamps TEXT NOT NULL, briefs TEXT NOT NULL) WITHOUT ROWID",
    *(
        f"CREATE TRIGGER briefs_{change}_drop_listings AFTER {change} ON briefs BEGIN DELETE FROM listings; END"
        for change in ("INSERT", "UPDATE", "DELETE")
    ),
)

Stamps = tuple[int, int, int, int]
"""A file's size, modification and change times (ns) and inode, as the cache stamps it."""
Checked = tuple[dict[int, int], dict[int, str], list[str]]
"""What checking the files gives: each brief's place in the library's order (by its
number in the cache), each brief's file (as named), the files that are not valid briefs."""


def listing_key(code: str, here: str, named: Sequence[str]) -> str:
    """The key of a listing: the code that made it, the working folder and the paths
    as named (NUL, which no path holds, between them)."""
    return "\0".join([code, here, *named])


def stamps_text(files: Sequence[str], stamps: Sequence[Stamps]) -> str:
    """The files, as named, and their stamps, as one text to compare."""
    return "\0".join([f"{path}\0{size}\0{mtime}\0{ctime}\0{inode}" for path, (size, mtime, ctime, inode) in zip(files, stamps, strict=True)])


def listed(db: sqlite3.Connection, key: str, stamps: str, files: Sequence[str]) -> Checked | None:
    """What the listing `key` says of `files`, when their stamps are still `stamps`;
    None when there is no such listing, or the files are not as it lists them."""
    row = db.execute("SELECT stamps, briefs FROM listings WHERE named = ?", (key,)).fetchone()
    if row is None or row[0] != stamps:
        return None
    numbers, places = row[1].split("\0")
    paths: dict[int, str] = {}
    order: dict[int, int] = {}
    broken: list[str] = []
    for number, place, path in zip(numbers.split(" "), places.split(" "), files, strict=True):
        if number == "-":
            broken.append(path)
        else:
            paths[int(number)] = path
            order[int(number)] = int(place)
    return order, paths, broken


def keep_listing(db: sqlite3.Connection, key: str, stamps: str, numbers: Sequence[int | None], checked: Checked) -> None:
    """Keep what checking the files gave (`numbers`: each file's brief, in the files'
    order, None for one that is not valid), in the transaction it was read in: kept only if the cache
    has not changed since. Never waits for another program: a listing not kept is
    only a longer check next time."""
    order = checked[0]
    briefs = (
        " ".join("-" if number is None else str(number) for number in numbers) + "\0" + " ".join("-" if n is None else str(order[n]) for n in numbers)
    )
    try:
        db.execute("PRAGMA busy_timeout = 0")
        db.execute("INSERT OR REPLACE INTO listings (named, stamps, briefs) VALUES (?, ?, ?)", (key, stamps, briefs))
    except sqlite3.Error:
        pass  # busy, or changed since it was read (a snapshot out of date): not kept

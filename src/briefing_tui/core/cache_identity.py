"""Which cache is ours and which entries in it we may use, told without importing the
model or even pathlib: `briefing find` answers from the cache before it imports
anything else.

The database lives in `$BRIEFING_CACHE_DIR`, else `$XDG_CACHE_HOME/briefing-tui`, else
`~/.cache/briefing-tui`, and carries this program's application id. An entry is used only by the code that wrote it: the cache's layout, the package's
version, and the size and time of every module that decides what loading a brief
gives (the format's version lives in `model.py`, among them), so that an edited
loader never meets entries its older self wrote. The full-text index is used only by
code that splits texts into words as the code that made it did (`WORDS_VERSION`).
"""

from __future__ import annotations

import os
import sys
import unicodedata

from briefing_tui import __version__

DATABASE_NAME = "briefs.sqlite3"
COMPANIONS = ("", "-wal", "-shm")
"""The database's file and the two SQLite keeps beside it in WAL mode, by what ends their names."""
APPLICATION_ID = 0x42524654
"""`PRAGMA application_id` of a briefing-tui cache ("BRFT")."""
LAYOUT = 11
"""The version of the cache's tables; another value drops and recreates them all."""
RACY_NS = 2_000_000_000
"""A file changed this close to being cached may change again within the same
modification time (coarse clocks, FAT's two seconds): its entry is not trusted."""
MODULES = (
    "cache.py",
    "cache_rows.py",
    "cache_identity.py",
    "stamp.py",
    "stored.py",
    "library_index.py",
    "find_index.py",
    "find_listing.py",
    "loader.py",
    "values.py",
    "similar.py",
    "yamlsource.py",
    "model.py",
    "findings.py",
    "links.py",
    "text.py",
    "text_lines.py",
    "query.py",
)


def cache_folder() -> str:
    """Where the cache lives: $BRIEFING_CACHE_DIR, $XDG_CACHE_HOME/briefing-tui or ~/.cache/briefing-tui."""
    # Absolute, so that a relative folder means the one it named where the command
    # started, and can be written as a URI to open the database by.
    if os.environ.get("BRIEFING_CACHE_DIR"):
        return os.path.abspath(os.environ["BRIEFING_CACHE_DIR"])
    if os.environ.get("XDG_CACHE_HOME"):
        return os.path.abspath(os.path.join(os.environ["XDG_CACHE_HOME"], "briefing-tui"))
    return os.path.abspath(os.path.join(os.path.expanduser("~"), ".cache", "briefing-tui"))


WORDS_MODULES = ("text.py", "find_index.py")
"""The modules that split a text into the words the full-text index is given."""


def _stamps(names: tuple[str, ...]) -> list[str]:
    """The size and time of each of these modules of the core."""
    here = os.path.dirname(os.path.realpath(__file__))
    parts = []
    for name in names:
        try:
            info = os.stat(os.path.join(here, name))
            parts.append(f"{info.st_size}.{info.st_mtime_ns}")
        except OSError:
            parts.append("-")
    return parts


CODE_VERSION = "/".join([f"{LAYOUT}", __version__, *_stamps(MODULES)])
WORDS_VERSION = "/".join([f"{LAYOUT}", f"{sys.version_info[0]}.{sys.version_info[1]}", unicodedata.unidata_version, *_stamps(WORDS_MODULES)])
"""The code that splits texts into words: the words of each text are split again the
same way to take it out of the index (`find_index`). Python's own version and Unicode
tables are part of it (folding, and what a word character is)."""

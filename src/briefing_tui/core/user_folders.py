"""Where what belongs to the user lives: settings, marks, what was read.

None of it is in the cache (deleting the cache is always safe) and none of it is in a
brief (the reader never writes to one). The folders follow the platform's rules
through `platformdirs` (XDG on Linux: `$XDG_CONFIG_HOME`, `$XDG_DATA_HOME`), and
`$BRIEFING_CONFIG_DIR` / `$BRIEFING_DATA_DIR` override them, as
`$BRIEFING_CACHE_DIR` does the cache's.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

import platformdirs

APP_NAME = "briefing-tui"


def config_directory() -> Path:
    """The folder of the user's settings file."""
    if os.environ.get("BRIEFING_CONFIG_DIR"):
        return Path(os.environ["BRIEFING_CONFIG_DIR"])
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def data_directory() -> Path:
    """The folder of what the user made or did: marks, notes, what was read and where."""
    if os.environ.get("BRIEFING_DATA_DIR"):
        return Path(os.environ["BRIEFING_DATA_DIR"])
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def write_whole(path: Path, text: str, prefix: str) -> None:
    """Write `text` to the user's file at `path` whole: into a file beside it (named
    from `prefix`), then moved into place, so that nothing ever reads half of it and
    no half-written file is left behind. Raises OSError when it cannot be written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=prefix, suffix=path.suffix)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise

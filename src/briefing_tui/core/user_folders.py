"""Where what belongs to the user lives: settings, marks, what was read.

None of it is in the cache (deleting the cache is always safe) and none of it is in a
brief (the reader never writes to one). The folders follow the platform's rules
through `platformdirs` (XDG on Linux: `$XDG_CONFIG_HOME`, `$XDG_DATA_HOME`), and
`$BRIEFING_CONFIG_DIR` / `$BRIEFING_DATA_DIR` override them, as
`$BRIEFING_CACHE_DIR` does the cache's.
"""

from __future__ import annotations

import os
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

"""`briefing cache clear|prune`: forget what the cache keeps of briefs, all of it or
that of briefs whose files are gone; and the forgetting a library does on its own.

A cached brief is the brief's whole text: a brief deleted (or moved) should not live
on in the cache. Opening a folder as a library forgets the briefs gone from it;
`prune` forgets every brief gone; `clear` forgets them all. Forgotten text is wiped
from the database file, not only unlinked from its tables.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from briefing_tui.core.printable import visible

TYPE_CHECKING = False  # as typing's, without importing typing (see core/named_tuple.py)
if TYPE_CHECKING:
    import argparse

EXIT_OK, EXIT_PROBLEM = 0, 1


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `cache` and its actions to the command line's commands."""
    cache = commands.add_parser(
        "cache",
        help="forget briefs kept in the cache",
        description="The cache keeps each brief read, for a quick start next time. Forget what it keeps.",
    )
    actions = cache.add_subparsers(dest="action", metavar="ACTION", required=True)
    actions.add_parser("clear", help="forget every brief", description="Forget every brief the cache keeps.")
    actions.add_parser("prune", help="forget the briefs whose files are gone", description="Forget the briefs whose files are gone.")


def run(args: argparse.Namespace) -> int:
    """`briefing cache clear` or `briefing cache prune`."""
    from briefing_tui.core.cache import BriefCache

    cache = BriefCache()
    if not cache.persistent:
        why = cache.left_alone or f"the cache at {cache.directory} cannot be opened"
        print(visible(f"briefing: error: {why}"), file=sys.stderr)
        return EXIT_PROBLEM
    kept = cache.paths()
    gone = kept if args.action == "clear" else [path for path in kept if not os.path.isfile(path)]
    forgotten = cache.forget(gone)
    cache.compact()
    cache.close()
    left = len(kept) - forgotten
    what = "every brief" if args.action == "clear" else "the briefs whose files are gone"
    print(visible(f"Forgot {what}: {_counted(forgotten)} forgotten, {_counted(left)} kept ({cache.file})"))
    return EXIT_OK


def forget_gone(paths: Sequence[str], files: Sequence[str]) -> None:
    """As a library opens: forget the cached briefs gone from the folders it was named."""
    from briefing_tui.core.cache import default_cache

    folders = [path for path in paths if os.path.isdir(path)]
    if folders:
        cache = default_cache()
        for folder in folders:
            cache.forget_gone(folder, files)


def warn_if_left_alone() -> None:
    """Say so, in one line, when the user's cache was left alone (not ours, a link)."""
    if "briefing_tui.core.cache" not in sys.modules:
        return  # never opened: nothing was left alone
    from briefing_tui.core.cache import opened_cache_warning

    warning = opened_cache_warning()
    if warning:
        print(visible(f"briefing: warning: {warning}"), file=sys.stderr)


def _counted(number: int) -> str:
    return f"{number:,} brief{'' if number == 1 else 's'}"

"""`briefing config path|init|check`: where the settings file is, a first one with every
setting at its default, and what is wrong in it."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from briefing_tui.core.printable import visible

if TYPE_CHECKING:
    import argparse
    from pathlib import Path

EXIT_OK, EXIT_PROBLEM = 0, 1


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `config` and its actions to the command line's commands."""
    config = commands.add_parser(
        "config",
        help="the settings file: where, a first one, check it",
        description="The reader's settings: one TOML file in your config folder (theme, keys, copying, reopening, staleness).",
    )
    actions = config.add_subparsers(dest="action", metavar="ACTION", required=True)
    actions.add_parser("path", help="print where the settings file is", description="Print where the settings file is (it may not exist yet).")
    init = actions.add_parser(
        "init", help="write a settings file with every default", description="Write a commented settings file, every setting at its default."
    )
    init.add_argument("--force", action="store_true", help="replace a settings file that exists")
    actions.add_parser(
        "check", help="say what is wrong in the settings file", description="One line per wrong entry (FILE:LINE:COL), exit 1 when there is any."
    )


def run(args: argparse.Namespace) -> int:
    """`briefing config path`, `init` or `check`."""
    from briefing_tui.core.settings import settings_path

    path = settings_path()
    if args.action == "path":
        print(visible(str(path)))
        return EXIT_OK
    if args.action == "init":
        return _init(path, args.force)
    return _check(path)


def _init(path: Path, force: bool) -> int:
    from briefing_tui.core.settings import initial_text
    from briefing_tui.tui.every_binding import binding_catalogue
    from briefing_tui.tui.preferences import theme_names

    if path.exists() and not force:
        print(visible(f"briefing: error: {path} exists already (--force replaces it)"), file=sys.stderr)
        return EXIT_PROBLEM
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(initial_text(theme_names(), binding_catalogue()), encoding="utf-8")
    except OSError as error:
        print(visible(f"briefing: error: cannot write {path}: {error.strerror or error}"), file=sys.stderr)
        return EXIT_PROBLEM
    print(visible(f"Wrote {path}"))
    return EXIT_OK


def _check(path: Path) -> int:
    from briefing_tui.core.settings import read_settings
    from briefing_tui.tui.preferences import reader_checks

    if not path.exists():
        print(visible(f"No settings file at {path}: every setting is at its default (briefing config init writes one)"))
        return EXIT_OK
    problems = read_settings(path, reader_checks(with_ids=True)).problems
    for problem in problems:
        print(visible(str(problem)))
    count = len(problems)
    print(visible(f"{path}: " + (f"{count} problem{'' if count == 1 else 's'}; the reader keeps the default for each" if count else "no problems")))
    return EXIT_PROBLEM if problems else EXIT_OK

"""`briefing export`: a brief, some of its sections, or the talking points the user
marked in it, as Markdown, HTML or plain text, to stdout or to a file.

Every value from the brief is escaped for the format (see `core.sheet`), so an export
shows what the brief holds and never acts on it. It never writes to a brief.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Any

from briefing_tui.cli import EXIT_OK, EXIT_PROBLEM, UsageError, load_one
from briefing_tui.core.printable import visible
from briefing_tui.core.sheet import FORMATS, SECTIONS

if TYPE_CHECKING:
    import argparse


def add_parser(commands: Any) -> None:
    """Add `briefing export` to the command line."""
    export = commands.add_parser(
        "export",
        help="export a brief, or your talking points, as Markdown, HTML or text",
        description="Write a brief (or some of its sections, or with --marked the items you marked in the reader, "
        "in your order, with your notes) as CommonMark, one self-contained HTML page, or plain text.",
    )
    export.add_argument("path", metavar="PATH", help="a brief file")
    export.add_argument("--format", choices=FORMATS, default="md", help="md, html or txt (default: md)")
    export.add_argument("--marked", action="store_true", help="only the talking points: the items marked with m in the reader")
    export.add_argument(
        "--section",
        action="append",
        choices=SECTIONS,
        metavar="SECTION",
        help=f"only this section ({', '.join(SECTIONS)}); repeat for more",
    )
    from briefing_tui.cli_find import redact_level

    export.add_argument("--redact", type=redact_level, metavar="LEVEL", help="withhold items marked above LEVEL (a TLP level)")
    export.add_argument("-o", "--output", metavar="FILE", help="write to FILE (written over if it exists) instead of stdout")


def run(args: argparse.Namespace) -> int:
    """`briefing export`: the sheet asked for, written in the format asked for."""
    if args.marked and args.section:
        raise UsageError("--marked exports the talking points; leave out --section")
    output = args.output
    if output is not None:
        if os.path.isdir(output):
            raise UsageError(f"{output} is a folder: give the name of the file to write")
        if output.lower().endswith((".yaml", ".yml")) or (os.path.exists(output) and os.path.samefile(output, args.path)):
            raise UsageError(f"{output} looks like a brief: export never writes over a brief")
    brief = load_one(args.path, "export writes")
    if brief is None:
        return EXIT_PROBLEM
    from briefing_tui.core.links import LinkIndex
    from briefing_tui.core.markings import redact
    from briefing_tui.core.sheet import render

    brief = redact(brief, args.redact)
    index = LinkIndex(brief)
    if args.marked:
        from briefing_tui.core.marks import Marks
        from briefing_tui.core.talking_points import talking_points, talking_points_sheet

        marks = Marks(brief.id)
        if marks.problem:
            print(visible(f"briefing: {marks.problem}"), file=sys.stderr)
        sheet = talking_points_sheet(talking_points(marks, index), brief)
    else:
        from briefing_tui.core.brief_sheet import brief_sheet

        sheet = brief_sheet(index, tuple(args.section or SECTIONS))
    text = render(sheet, args.format)
    if output is None:
        sys.stdout.write(text)
        return EXIT_OK
    try:
        with open(output, "w", encoding="utf-8") as out:
            out.write(text)
    except OSError as error:
        raise UsageError(f"cannot write {output}: {error.strerror or error}") from None
    print(visible(f"Wrote {output}"), file=sys.stderr)
    return EXIT_OK

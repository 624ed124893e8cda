"""`briefing new` and `briefing draft`: a skeleton brief, and a first draft from an article.

Both write to stdout, or to the file given with `-o`; an existing file is written
over only with `--force`. What was written goes to stderr.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from typing import TYPE_CHECKING, Any

from briefing_tui.cli import EXIT_OK, EXIT_PROBLEM, UsageError
from briefing_tui.core.printable import visible

if TYPE_CHECKING:
    import argparse

    from briefing_tui.core.model import Actor

SKELETON = """\
# yaml-language-server: $schema=brief-1.schema.json
brief: 1
# id: a-short-id            # optional: the file's name is the id when left out
title: What the brief is about, in one line
date: {today}
tags: []
#  - diplomacy

# Markdown; link any item written below by its id: [[peskov]], [[peskov|the spokesman]].
summary: |
  What happened, in a paragraph or two.

key_points: []
#  - One line per point.

sources: []
#  - id: interfax
#    name: Interfax news agency
#    url: https://example.org/the-report     # optional

actors: []
#  - id: peskov
#    name: Dmitry Peskov
#    kind: person                 # person | organisation | state
#    role: Kremlin spokesman
#    side: Russia                 # optional grouping
#    aliases: [Peskov]            # other names the text uses

quotes: []
#  - id: peskov-no-answer
#    by: peskov                   # the id of an actor
#    text: We have reiterated our invitation, but so far there has been no answer
#    source: interfax             # the id of a source
#    date: {today}
#    context: On the renewed invitation to Moscow.
#    about: [meeting]             # ids of issues

issues: []
#  - id: meeting
#    title: A meeting of the two presidents
#    status: open                 # open | progressing | stalled | resolved
#    summary: Why it is open, and what would settle it.
#    positions:
#      - by: peskov
#        stance: Moscow waits for an answer to its invitation.
#    actors: []                   # ids of others involved, without a stated position

timeline: []
#  - date: {today}
#    text: The invitation is renewed.
"""


def add_parsers(commands: Any) -> None:
    """Add `new` and `draft` to the command line's subcommands."""
    new = commands.add_parser(
        "new",
        help="write a skeleton brief",
        description="Write a skeleton brief with today's date: every section with one commented example. It passes 'briefing check' as written.",
    )
    _output_options(new)
    draft = commands.add_parser(
        "draft",
        help="draft a brief from an article",
        description="Draft a brief from an article (plain text, Markdown or a saved web page), offline: title, date, "
        "lead, the outlets it names, its people with their roles, states and organisations, every direct quote "
        "verbatim with its speaker, and the open issues it lists. Every item is marked 'draft: true' for review.",
    )
    draft.add_argument("article", metavar="ARTICLE", help="the article: .txt, .md or a saved .html page")
    draft.add_argument("--library", metavar="FOLDER", help="briefs whose actors the draft reuses (same id, name and aliases)")
    _output_options(draft)


def _output_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-o", "--output", metavar="FILE", help="write the brief to FILE (default: standard output)")
    parser.add_argument("--force", action="store_true", help="write over FILE if it exists")


def run(args: argparse.Namespace) -> int:
    """Run `new` or `draft` as the parsed command line asks."""
    if args.command == "new":
        return run_new(args.output, force=args.force)
    return run_draft(args.article, args.library, args.output, force=args.force)


def run_new(output: str | None, *, force: bool = False) -> int:
    """`briefing new`: the skeleton brief, to stdout or to a new file."""
    text = SKELETON.format(today=dt.date.today().isoformat())
    _refuse_overwrite(output, force)
    _write(text, output)
    if output is not None:
        print(visible(f"wrote {output}: fill it in, then run 'briefing check {output}'"), file=sys.stderr)
        _schema_hint(output)
    return EXIT_OK


def run_draft(article: str, library: str | None, output: str | None, *, force: bool = False) -> int:
    """`briefing draft`: a first brief from an article, every item marked as a draft."""
    _refuse_overwrite(output, force)
    if library is not None and not os.path.isdir(library):
        raise UsageError(f"--library takes a folder of briefs, and {library} is not a folder")
    from briefing_tui.core.draft import ArticleError, draft_brief, library_actors, read_article
    from briefing_tui.core.loader import load_text

    try:
        read = read_article(article)
    except ArticleError as error:
        print(visible(f"briefing: {error}"), file=sys.stderr)
        return EXIT_PROBLEM
    known: list[Actor] = []
    if library is not None:
        known, problems = library_actors(library)
        for finding in problems:
            print(f"{finding} (its actors are not reused)", file=sys.stderr)
    draft = draft_brief(read, known)
    # The draft is checked as `briefing check` would check it before it is written.
    result = load_text(draft.text, output or "<draft>")
    if result.errors:
        for finding in result.errors:
            print(finding, file=sys.stderr)
        print("briefing: internal error: the draft does not pass 'briefing check'; nothing was written", file=sys.stderr)
        return EXIT_PROBLEM
    _write(draft.text, output)
    counts = ", ".join(f"{n} {k if n != 1 else k[:-1]}" for k, n in draft.counts.items())
    where = output or "standard output"
    print(visible(f"drafted {article} into {where}: {counts}, each marked 'draft: true' for review"), file=sys.stderr)
    for left in draft.left_out:
        print(visible(f"left out \u201c{left.text}\u201d: {left.reason}").replace("\n", " "), file=sys.stderr)
    if output is not None:
        _schema_hint(output)
    return EXIT_OK


def _refuse_overwrite(output: str | None, force: bool) -> None:
    if output is None:
        return
    if os.path.isdir(output):
        raise UsageError(f"{output} is a folder: give the name of the brief file to write")
    if os.path.lexists(output) and not force:
        raise UsageError(f"{output} already exists; add --force to write over it")


def _write(text: str, output: str | None) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    folder = os.path.dirname(os.path.abspath(output))
    if not os.path.isdir(folder):
        raise UsageError(f"cannot write {output}: no folder {folder}")
    if not os.path.lexists(output):
        try:
            with open(output, "x", encoding="utf-8", newline="\n") as stream:
                stream.write(text)
        except FileExistsError:
            raise UsageError(f"{output} already exists; add --force to write over it") from None
        return
    # Written over (with --force): written beside it and moved into place, so that
    # the old brief is never left half-written.
    import shutil
    import tempfile

    handle, temporary = tempfile.mkstemp(prefix=".briefing-", suffix=".yaml", dir=folder)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        shutil.copymode(output, temporary)
        os.replace(temporary, output)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise


def _schema_hint(output: str) -> None:
    schema = os.path.join(os.path.dirname(output) or ".", "brief-1.schema.json")
    if not os.path.exists(schema):
        print(visible(f"for completion in your editor: briefing schema > {schema}"), file=sys.stderr)

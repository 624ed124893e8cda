"""The `briefing` command: open the reader, or check, show and search briefs from the shell.

Results go to stdout, problems to stderr. Exit codes: 0 success, 1 a problem with
the briefs (or nothing found), 2 a usage error. No user error prints a traceback.
"""

from __future__ import annotations

import errno
import gc
import os
import sys
from collections.abc import Sequence

from briefing_tui import __version__, cli_cache
from briefing_tui.core.files import brief_files, same_ids
from briefing_tui.core.printable import clipboard_text, json_safe, visible

TYPE_CHECKING = False  # as typing's, without importing typing (see core/named_tuple.py)
if TYPE_CHECKING:
    import argparse
    from typing import NoReturn

    from briefing_tui.core.findings import Finding, LoadResult
    from briefing_tui.core.model import Brief
    from briefing_tui.tui.app import BriefingApp

COMMANDS = ("check", "show", "find", "diff", "export", "schema", "new", "draft", "serve", "cache", "config", "completion")
EXIT_OK, EXIT_PROBLEM, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """The command line asks for something that cannot be done as asked."""


def _parser(only: str | None = None) -> argparse.ArgumentParser:
    """The command line; with `only`, the parser of that one command alone, which
    is all that running it needs (building every command's parser imports the
    modules of all of them: a fifth of a quick command's time)."""
    import argparse

    def wanted(*names: str) -> bool:
        return only is None or only in names

    parser = argparse.ArgumentParser(
        prog="briefing",
        description="A terminal reader for briefings. Run with paths to open them in the reader.",
        epilog="Run 'briefing COMMAND --help' for a command's options. "
        "With no command, 'briefing [PATH ...]' opens the reader (PATH: a brief file "
        "or a folder of briefs; default: the current folder; several briefs open as a library).",
    )
    parser.add_argument("--version", action="version", version=f"briefing {__version__}")
    parser.add_argument(
        "--redact", metavar="LEVEL", help="in the reader: withhold items marked above LEVEL (TLP: CLEAR, GREEN, AMBER, AMBER+STRICT, RED)"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    if wanted("check"):
        check = commands.add_parser("check", help="validate briefs", description="Validate briefs: one line per finding, then a summary.")
        check.add_argument("paths", nargs="+", metavar="PATH", help="brief files or folders")
    if wanted("show", "find"):
        from briefing_tui import cli_find
    if wanted("show"):
        show = commands.add_parser("show", help="print a brief", description="Print a brief, or one section of it, without opening the reader.")
        show.add_argument("path", metavar="PATH", help="a brief file")
        show.add_argument("--section", choices=("summary", "actors", "quotes", "issues"), help="print only this section")
        show.add_argument("--format", choices=("text", "markdown", "json"), default="text", help="output format (default: text)")
        show.add_argument("--redact", type=cli_find.redact_level, metavar="LEVEL", help="withhold items marked above LEVEL (a TLP level)")
    if wanted("find"):
        cli_find.add_parser(commands)
    if wanted("diff"):
        diff = commands.add_parser(
            "diff",
            help="what changed from one brief to another",
            description="Print what changed from OLD to NEW: new and removed actors, quotes and issues, "
            "and issues whose status or positions changed, each with FILE:LINE. Exit 0.",
        )
        diff.add_argument("old", metavar="OLD", help="the earlier brief file")
        diff.add_argument("new", metavar="NEW", help="the later brief file")
    if wanted("schema"):
        commands.add_parser(
            "schema",
            help="print the JSON Schema of the brief format",
            description="Print the JSON Schema of brief format 1, for editors with a YAML language server.",
        )
    if wanted("export"):
        from briefing_tui import cli_export

        cli_export.add_parser(commands)
    if wanted("new", "draft"):
        from briefing_tui import cli_draft

        cli_draft.add_parsers(commands)
    if wanted("serve"):
        from briefing_tui import cli_serve

        cli_serve.add_parser(commands)
    if wanted("cache"):
        cli_cache.add_parser(commands)
    if wanted("config"):
        from briefing_tui import cli_config

        cli_config.add_parser(commands)
    if wanted("completion"):
        from briefing_tui import cli_completion

        cli_completion.add_parser(commands)
    return parser


def _reader_parser() -> argparse.ArgumentParser:
    import argparse

    from briefing_tui.cli_find import redact_level

    parser = argparse.ArgumentParser(prog="briefing", add_help=False)
    parser.add_argument("paths", nargs="*", metavar="PATH")
    parser.add_argument("--redact", type=redact_level, metavar="LEVEL")
    return parser


def _load_all(paths: Sequence[str], *, cached: bool = False) -> tuple[list[LoadResult], list[Finding]]:
    """Every brief the paths name, loaded (from the cache, with `cached`)."""
    files, problems = brief_files(paths)
    if cached:
        from briefing_tui.core.cache import load_brief_cached

        return [load_brief_cached(file) for file in files], problems
    from briefing_tui.core.loader import load_brief

    return [load_brief(file) for file in files], problems


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def run_check(paths: Sequence[str]) -> int:
    """`briefing check`: every finding, then a summary; 1 when there is any error."""
    results, problems = _load_all(paths)
    shared: dict[str, list[Finding]] = {}
    for warning in same_ids((r.path, r.brief.id) for r in results if r.brief is not None):
        shared.setdefault(warning.path, []).append(warning)
    findings = problems + [f for r in results for f in (*r.findings, *shared.get(r.path, ()))]
    for finding in findings:
        print(finding)
    errors = sum(f.is_error for f in findings)
    warnings = len(findings) - errors
    verdict = "no problems" if not findings else f"{_plural(errors, 'error')}, {_plural(warnings, 'warning')}"
    print(f"{_plural(len(results), 'brief')} checked: {verdict}")
    return EXIT_PROBLEM if errors else EXIT_OK


def _report(results: Sequence[LoadResult], problems: Sequence[Finding]) -> bool:
    """Print errors to stderr; True when every brief loaded."""
    for finding in problems:
        print(finding, file=sys.stderr)
    for result in results:
        for finding in result.findings:
            if finding.is_error or not result.ok:
                print(finding, file=sys.stderr)
    return not any(p.is_error for p in problems) and all(r.ok for r in results)


def load_one(path: str, verb: str) -> Brief | None:
    """The one brief at `path` (from the cache), or None when it is broken (its
    findings printed); `verb` says what needs one brief, for the usage error."""
    results, problems = _load_all([path], cached=True)
    if len(results) > 1:
        raise UsageError(f"{verb} one brief; {path} holds {len(results)}")
    if not _report(results, problems):
        return None
    return results[0].brief


def run_show(path: str, section: str | None, output: str, level: str | None = None) -> int:
    """`briefing show`: the brief as text, Markdown or JSON with links and backlinks;
    with `level`, the items marked above it withheld."""
    from briefing_tui.core.export import brief_data, brief_markdown, brief_text
    from briefing_tui.core.links import LinkIndex
    from briefing_tui.core.markings import redact

    brief = load_one(path, "show prints")
    if brief is None:
        return EXIT_PROBLEM
    brief = redact(brief, level)
    index = LinkIndex(brief)
    # Brief text goes out as text only: control characters shown, never sent (JSON
    # escapes them instead, so that it reads back to the same values).
    if output == "json":
        import json

        print(json_safe(json.dumps(brief_data(brief, index, section), ensure_ascii=False, indent=2)))
    elif output == "markdown":
        sys.stdout.write(clipboard_text(brief_markdown(brief, index, section)) + "\n")
    else:
        sys.stdout.write(clipboard_text(brief_text(brief, index, section)) + "\n")
    return EXIT_OK


def run_diff(old: str, new: str) -> int:
    """`briefing diff`: what changed from one brief to another, as text."""
    from briefing_tui.core.cache import load_brief_cached
    from briefing_tui.core.changes import changes_text, compare

    for path in (old, new):
        if os.path.isdir(path):
            raise UsageError(f"diff compares two brief files, and {path} is a folder")
    results = [load_brief_cached(old), load_brief_cached(new)]
    if not _report(results, []):
        return EXIT_PROBLEM
    before, after = (r.brief for r in results)
    assert before is not None and after is not None
    sys.stdout.write(clipboard_text(changes_text(compare(before, after))) + "\n")
    return EXIT_OK


def run_schema() -> int:
    """`briefing schema`: the JSON Schema of the brief format."""
    from importlib.resources import files

    sys.stdout.write(files("briefing_tui.schema").joinpath("brief-1.schema.json").read_text("utf-8"))
    return EXIT_OK


def run_reader(paths: Sequence[str], level: str | None = None) -> int:
    """`briefing [PATH ...]`: open the reader on one brief, or the library on several.

    One brief must load without errors; in a library, a file with errors is listed
    with them and the others open as usual.
    """
    # Starting makes a hundred thousand objects (Textual's among them) and no garbage
    # worth collecting: the cyclic collector is paused until the first screen is
    # drawn, when the app freezes what start-up made and resumes it. Its passes
    # over the start-up objects cost about 11 ms.
    gc.disable()
    # Textual hands each frame to a thread that writes it to the terminal; while the
    # app goes on computing, that thread waits for the interpreter's lock up to the
    # switch interval (5 ms by default) before the frame is written. 1 ms keeps
    # frames, the first among them, from waiting behind the work that follows them.
    sys.setswitchinterval(0.001)
    files, problems = brief_files(paths or ["."])
    if not _report([], problems):
        return EXIT_PROBLEM
    if len(files) == 1:
        from briefing_tui.core.cache import load_brief_cached

        result = load_brief_cached(files[0])
        if not _report([result], []):
            return EXIT_PROBLEM
        assert result.brief is not None
        from briefing_tui.tui.app import BriefingApp

        return _run_app(BriefingApp(result.brief, redact=level))
    from briefing_tui.core.library import Library
    from briefing_tui.tui.app import BriefingApp

    cli_cache.forget_gone(paths or ["."], files)
    return _run_app(BriefingApp(library=Library(files, redact=level), redact=level))


def _run_app(app: BriefingApp) -> int:
    """Run the reader until it ends; 1, with one line saying why, when it died of an error."""
    app.run()
    if not app.return_code:
        return EXIT_OK
    # Textual ends the app on an exception of its own handlers (and prints where);
    # the exit code and the last line say so, not the quiet exit of a `q`.
    error = getattr(app, "_exception", None)
    why = f"{type(error).__name__}: {error}" if error is not None else f"exit code {app.return_code}"
    print(visible(f"briefing: internal error: the reader stopped on {why}"), file=sys.stderr)
    return EXIT_PROBLEM


def _dispatch(argv: list[str]) -> int:
    if argv[:1] == ["find"]:
        from briefing_tui import cli_find  # its own quick way: see there

        return cli_find.run(argv[1:])
    if argv and argv[0] in COMMANDS or any(a in ("-h", "--help", "--version") for a in argv[:1]):
        # A command's own parser is enough to run it; the whole one lists them all.
        parser = _parser(argv[0] if argv[0] in COMMANDS and argv[0] != "completion" else None)
        args = parser.parse_args(argv)
        if args.command == "check":
            return run_check(args.paths)
        if args.command == "show":
            return run_show(args.path, args.section, args.format, args.redact)
        if args.command == "diff":
            return run_diff(args.old, args.new)
        if args.command == "export":
            from briefing_tui import cli_export

            return cli_export.run(args)
        if args.command in ("new", "draft"):
            from briefing_tui import cli_draft

            return cli_draft.run(args)
        if args.command == "serve":
            from briefing_tui import cli_serve

            return cli_serve.run(args)
        if args.command == "cache":
            return cli_cache.run(args)
        if args.command == "config":
            from briefing_tui import cli_config

            return cli_config.run(args)
        if args.command == "completion":
            from briefing_tui import cli_completion

            return cli_completion.run(args, parser)  # the whole one, built above
        return run_schema()
    if not any(a.startswith("-") for a in argv):
        return run_reader(argv)  # the common case, without building a parser
    options, unknown = _reader_parser().parse_known_args(argv)
    if unknown:
        _parser().error(f"unrecognised arguments: {' '.join(unknown)}")
    return run_reader(options.paths, options.redact)


def command() -> NoReturn:
    """`briefing` as installed: `main`, then the end of the process. After a search
    answered from the cache alone, the process ends at once, its output flushed: the
    interpreter takes itself apart module by module on its way out, a tenth of the
    time such a search takes, to free what the system frees anyway."""
    code = main()
    finder = sys.modules.get("briefing_tui.cli_find")
    if finder is not None and finder.answered_alone():
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except OSError:
            pass  # said by the usual way out
        else:
            os._exit(code)
    sys.exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    # Text from briefs must never crash output on a terminal that is not UTF-8.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    try:
        code = _dispatch(list(sys.argv[1:] if argv is None else argv))
        cli_cache.warn_if_left_alone()
        sys.stdout.flush()  # here, so that a write that fails is reported below
        return code
    except UsageError as error:
        print(visible(f"briefing: error: {error}"), file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader of our output went away (`briefing find … | head`): not an error.
        _drop_output()
        return EXIT_OK
    except OSError as error:
        if error.errno not in _CANNOT_WRITE:
            return _internal_error(error)
        # A full disk (`briefing show … > /dev/full`) or quota: the output is not whole.
        print(visible(f"briefing: error: cannot write the output: {error.strerror or error}"), file=sys.stderr)
        _drop_output()
        return EXIT_PROBLEM
    except Exception as error:
        return _internal_error(error)


_CANNOT_WRITE = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO})


def _drop_output() -> None:
    # What is left in the buffer goes nowhere at exit, instead of failing again there.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def _internal_error(error: Exception) -> int:
    """A bug of ours: said in one line, never a traceback (BRIEFING_DEBUG shows it)."""
    if os.environ.get("BRIEFING_DEBUG"):
        raise error
    print(visible(f"briefing: internal error: {type(error).__name__}: {error} (set BRIEFING_DEBUG=1 to see where)"), file=sys.stderr)
    return EXIT_PROBLEM


if __name__ == "__main__":
    raise SystemExit(main())

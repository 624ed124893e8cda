"""`briefing serve`: the reader in a web browser, for whoever holds the printed address.

Needs the `[serve]` extra; without it, says how to install it and exits 2. The
paths are checked as the reader checks them before anything listens.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from briefing_tui.core.files import brief_files
from briefing_tui.core.findings import Finding
from briefing_tui.core.printable import visible

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
DEFAULT_SESSIONS = 4
DEFAULT_IDLE_MINUTES = 60.0
EXIT_OK, EXIT_PROBLEM, EXIT_USAGE = 0, 1, 2
INSTALL_HINT = "briefing: serve needs the [serve] extra: pip install 'briefing-tui[serve]'"


def add_parser(commands: Any) -> None:
    """Add `serve` to the command's subparsers."""
    serve = commands.add_parser(
        "serve",
        help="serve the reader to web browsers",
        description="Serve the reader to web browsers: prints an address holding a secret token; only browsers "
        "that opened it get in. Listens on 127.0.0.1 unless --host says otherwise. Every reader is read-only.",
    )
    serve.add_argument("paths", nargs="+", metavar="PATH", help="brief files or folders, as for the reader")
    serve.add_argument("--host", default=DEFAULT_HOST, help="address to listen on (default: 127.0.0.1, this machine only)")
    serve.add_argument("--port", type=_port, default=DEFAULT_PORT, help="port to listen on; 0 picks a free one (default: 8000)")
    serve.add_argument(
        "--allow-host",
        action="append",
        default=[],
        metavar="NAME",
        help="another host name browsers may use to reach the server (a proxy's, a machine's); repeatable",
    )
    serve.add_argument(
        "--max-sessions",
        type=_positive(int),
        default=DEFAULT_SESSIONS,
        metavar="N",
        help=f"readers running at once, one per browser tab (default: {DEFAULT_SESSIONS})",
    )
    serve.add_argument(
        "--idle-minutes",
        type=_positive(float),
        default=DEFAULT_IDLE_MINUTES,
        metavar="N",
        help=f"end a reader after N minutes without a key pressed (default: {DEFAULT_IDLE_MINUTES:g})",
    )


def run(args: argparse.Namespace) -> int:
    """`briefing serve`: check the paths, then serve until Ctrl+C or SIGTERM."""
    try:
        import aiohttp  # noqa: F401
        import textual_serve.app_service  # noqa: F401
    except ImportError:
        print(INSTALL_HINT, file=sys.stderr)
        return EXIT_USAGE
    title = _checked_title(args.paths)
    if title is None:
        return EXIT_PROBLEM
    return _serve(args, title)


def _checked_title(paths: list[str]) -> str | None:
    """The page's title when the paths hold briefs the reader opens; else the
    problems on stderr and None."""
    files, problems = brief_files(paths)
    problems += [Finding(path, None, "error", "no such file") for path in paths if not os.path.lexists(path)]
    if not problems and len(files) == 1:
        from briefing_tui.core.cache import load_brief_cached

        result = load_brief_cached(files[0])
        if result.brief is not None:
            return f"{result.brief.title} - briefing"
        problems += [finding for finding in result.findings if finding.is_error]
    if problems:
        for finding in dict.fromkeys(problems):
            print(visible(str(finding)), file=sys.stderr)
        return None
    return f"Library of {len(files)} briefs - briefing"


def _serve(args: argparse.Namespace, title: str) -> int:
    import asyncio
    import logging
    import socket

    from briefing_tui.serve.guards import Guard, is_loopback, is_wildcard
    from briefing_tui.serve.server import CannotListen, ReaderServer
    from briefing_tui.serve.sessions import Sessions, idle_time

    logging.basicConfig(level=logging.INFO, format="briefing serve: %(message)s", stream=sys.stderr)
    host = args.host.strip("[]")
    guard = Guard.for_server(host, args.allow_host)
    sessions = Sessions(args.max_sessions, args.idle_minutes * 60)
    server = ReaderServer(args.paths, guard, sessions, title)
    if not is_loopback(host):
        print(
            f"briefing: warning: listening on {host}, not only on this machine: anyone who can reach it "
            "and has the address below can read the briefs.",
            file=sys.stderr,
            flush=True,
        )

    def announce(bound_host: str, port: int) -> None:
        # Listening everywhere, the address names this machine as browsers reach it.
        name = (args.allow_host[0] if args.allow_host else socket.gethostname()) if is_wildcard(bound_host) else bound_host
        shown = f"[{name}]" if ":" in name else name
        address = f"http://{shown}:{port}/"
        # One write: whoever reads the output gets the address and what goes with it together.
        sys.stdout.write(
            f"Serving {visible(title)} at {address}\n"
            "Open this address in a browser. It holds the key: share it only with people who may read these briefs.\n"
            f"\n    {address}?token={guard.token}\n\n"
            f"At most {args.max_sessions} readers at once (one per tab), each ended after {idle_time(args.idle_minutes * 60)} "
            "without a key pressed. Ctrl+C stops the server.\n"
        )
        sys.stdout.flush()

    try:
        asyncio.run(server.serve(host, args.port, announce))
    except CannotListen as error:
        print(visible(f"briefing: error: {error}"), file=sys.stderr)
        return EXIT_PROBLEM
    return EXIT_OK


def _port(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a port number: {text!r}") from None
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"a port is from 0 to 65535, not {port}")
    return port


def _positive(kind: type[int] | type[float]) -> Any:
    def convert(text: str) -> int | float:
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
        if not value > 0:
            raise argparse.ArgumentTypeError(f"must be more than 0, not {text}")
        return value

    convert.__name__ = kind.__name__
    return convert

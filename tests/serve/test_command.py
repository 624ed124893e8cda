"""`briefing serve` on the command line: what it needs, what it checks before
listening, what it prints."""

from __future__ import annotations

import os
import re
import socket
import subprocess

from tests.conftest import BRIEFING, MINIMAL, REPO, run_briefing
from tests.serve.support import Server


def test_without_the_extra_it_says_how_to_install_it(tmp_path):
    # A textual_serve that cannot be imported, ahead of the installed one.
    (tmp_path / "textual_serve.py").write_text("raise ImportError('No module named textual_serve')\n")
    result = subprocess.run(
        [str(BRIEFING), "serve", str(REPO / "briefs")],
        capture_output=True,
        text=True,
        env=os.environ | {"PYTHONPATH": str(tmp_path)},
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == "briefing: serve needs the [serve] extra: pip install 'briefing-tui[serve]'\n"


def test_help_names_serve_and_its_options():
    assert re.search(r"^\s+serve\s", run_briefing("--help").stdout, re.M)
    result = run_briefing("serve", "--help")
    assert result.returncode == 0
    for option in ("--host", "--port", "--allow-host", "--max-sessions", "--idle-minutes"):
        assert option in result.stdout


def test_paths_are_checked_before_anything_listens(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    broken = tmp_path / "broken.yaml"
    broken.write_text(MINIMAL.replace("date: 2026-01-29", "date: 2026-02-30"), encoding="utf-8")
    missing = tmp_path / "missing.yaml"
    for paths, message in (
        ([missing], f"{missing}: error: no such file"),
        ([empty], f"{empty}: error: no .yaml or .yml briefs in this folder"),
        ([broken], f"{broken}:3:7: error: the date '2026-02-30' is not a real date"),
        ([REPO / "briefs", missing], f"{missing}: error: no such file"),
    ):
        result = run_briefing("serve", *paths, "--port", "0", timeout=30)
        assert result.returncode == 1, paths
        assert message in result.stderr
        assert "Traceback" not in result.stderr and "token" not in result.stdout


def test_options_out_of_range_are_usage_errors():
    for options in (["--port", "70000"], ["--port", "x"], ["--max-sessions", "0"], ["--idle-minutes", "-1"], ["--idle-minutes", "nan"]):
        result = run_briefing("serve", "briefs", *options)
        assert result.returncode == 2, options
        assert "briefing serve: error: argument" in result.stderr


def test_it_listens_on_loopback_by_default_and_prints_the_address_with_its_token(served: Server):
    assert served.base.startswith("http://127.0.0.1:")
    assert re.fullmatch(r"[\w-]{43}", served.token)
    assert (
        f"Open this address in a browser. It holds the key: share it only with people who may read these briefs.\n\n    {served.url}\n"
        in served.printed
    )
    assert "At most 2 readers at once (one per tab), each ended after 60 minutes without a key pressed." in served.printed
    assert "warning" not in served.errors.read_text()


def test_another_address_is_warned_about_and_a_taken_port_said_plainly():
    # The port is taken on 127.0.0.1, so the server never listens on any other
    # interface: it warns, then fails to bind.
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        port = taken.getsockname()[1]
        result = run_briefing("serve", "briefs", "--host", "0.0.0.0", "--port", str(port), timeout=30)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[0] == (
        "briefing: warning: listening on 0.0.0.0, not only on this machine: anyone who can reach it and has the address below can read the briefs."
    )
    assert lines[-1].startswith(f"briefing: error: cannot listen on 0.0.0.0:{port}: ")
    assert "in use" in lines[-1]
    assert "token" not in result.stdout

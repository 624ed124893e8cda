"""`briefing config`, `briefing completion` and `python -m briefing_tui`, run as a user runs them."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, run_briefing


@pytest.mark.slow
def test_config_path_init_and_check(private_user_folders):
    config, _ = private_user_folders
    path = config / "settings.toml"
    assert run_briefing("config", "path").stdout == f"{path}\n"
    made = run_briefing("config", "init")
    assert made.returncode == 0 and made.stdout == f"Wrote {path}\n"
    text = path.read_text(encoding="utf-8")
    assert 'theme = "auto"' in text and "reopen = true" in text and '# next_unseen = "u"' in text and '# edit = "e"' in text
    again = run_briefing("config", "init")
    assert again.returncode == 1 and "exists already (--force replaces it)" in again.stderr
    path.write_text(text.replace('theme = "auto"', 'theme = "nrod"').replace('# "pane.actors" = "2"', '"pane.actors" = "ctrl+"'), encoding="utf-8")
    checked = run_briefing("config", "check")
    lines = checked.stdout.splitlines()
    theme_line = text.splitlines().index('theme = "auto"') + 1
    actors_line = next(n for n, line in enumerate(text.splitlines(), 1) if line.startswith('# "pane.actors"'))
    assert checked.returncode == 1 and len(lines) == 3
    assert lines[0].startswith(f"{path}:{theme_line}:1: error: unknown theme 'nrod' (did you mean 'nord'?)")
    assert lines[1].startswith(f"{path}:{actors_line}:1: error: pane.actors: 'ctrl+' is not a key: nothing after the +")
    assert lines[2] == f"{path}: 2 problems; the reader keeps the default for each"
    assert run_briefing("config", "init", "--force").returncode == 0
    assert run_briefing("config", "check").stdout == f"{path}: no problems\n"


def test_python_dash_m_is_the_briefing_command():
    done = subprocess.run([sys.executable, "-m", "briefing_tui", "--version"], capture_output=True, text=True, cwd=REPO, timeout=60)
    assert done.returncode == 0 and done.stdout.startswith("briefing ")


def test_bash_completes_commands_actions_and_choices():
    script = run_briefing("completion", "bash").stdout
    ask = script + (
        "for line in 'briefing co' 'briefing config ' 'briefing show x --format ' 'briefing config init --f' 'briefing completion '; do\n"
        "  read -ra COMP_WORDS <<< \"$line\"; [[ $line == *' ' ]] && COMP_WORDS+=('')\n"
        '  COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); _briefing; echo "${COMPREPLY[*]}"\n'
        "done\n"
    )
    answers = subprocess.run(["bash", "-c", ask], capture_output=True, text=True, timeout=30).stdout.splitlines()
    assert answers == ["completion config", "check init path", "text markdown json", "--force", "bash zsh fish"]


@pytest.mark.parametrize("shell", ["zsh", "fish"])
def test_zsh_and_fish_scripts_are_read_by_their_shell(shell):
    script = run_briefing("completion", shell)
    assert script.returncode == 0 and "briefing" in script.stdout
    if shutil.which(shell) is None:
        # Without the shell here, what its script must hold: every command.
        assert all(command in script.stdout for command in ("check", "config", "completion", "serve"))
        return
    checked = subprocess.run([shell, "-n" if shell == "zsh" else "--no-execute", "-c", script.stdout], capture_output=True, text=True, timeout=30)
    assert checked.returncode == 0, checked.stderr


def test_the_manual_page_names_every_command_and_the_wheel_installs_it():
    page = (REPO / "man" / "briefing.1").read_text(encoding="utf-8")
    from briefing_tui.cli import COMMANDS

    for command in COMMANDS:
        assert f"\n.BI {command}" in page or f"\n.B {command}" in page or f"\n.BR {command}" in page or f'\n.BR "{command}' in page, command
    import tomllib

    shared = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["hatch"]["build"]["targets"]["wheel"]["shared-data"]
    assert shared == {"man/briefing.1": "share/man/man1/briefing.1"}
    if shutil.which("groff"):
        warned = subprocess.run(["groff", "-man", "-ww", "-z", str(REPO / "man" / "briefing.1")], capture_output=True, text=True, timeout=30)
        assert warned.returncode == 0 and warned.stderr == ""


def test_the_stale_age_comes_from_the_settings(private_user_folders):
    # The fixture has a quote and a position weeks older than the brief: stale at the
    # default 30 days, not when the user says a claim keeps for a century.
    config, _ = private_user_folders
    fixture = Path(__file__).resolve().parent.parent / "fixtures" / "analyst.yaml"
    assert run_briefing("show", fixture).stdout.count("stale") == 2
    (config / "settings.toml").write_text("stale_after_days = 36500\n", encoding="utf-8")
    shown = run_briefing("show", fixture)
    assert shown.returncode == 0 and "stale" not in shown.stdout
    (config / "settings.toml").write_text("stale_after_days = 1\n", encoding="utf-8")
    assert run_briefing("show", fixture).stdout.count("stale") > 2

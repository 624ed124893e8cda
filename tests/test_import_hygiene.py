"""The core is UI-free: importing it in a fresh process loads neither Textual nor Rich."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import REAL_BRIEF

SRC = Path(__file__).resolve().parent.parent / "src"
CORE_MODULES = sorted(
    ".".join(path.relative_to(SRC).with_suffix("").parts).removesuffix(".__init__") for path in (SRC / "briefing_tui" / "core").rglob("*.py")
)
"""Every module of the core, found on disk: a new one is checked without a word."""


def loaded_after_import(*modules: str) -> set[str]:
    code = "import sys\n" + "".join(f"import {m}\n" for m in modules) + "print('\\n'.join(sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    return set(out.split())


def test_core_imports_no_ui():
    loaded = loaded_after_import(*CORE_MODULES)
    assert "briefing_tui.core.loader" in loaded  # the import really happened
    ui = sorted(m for m in loaded if m.split(".")[0] in {"textual", "rich"} or m.startswith("briefing_tui.tui"))
    assert ui == []


def test_the_command_line_alone_imports_no_ui():
    loaded = loaded_after_import("briefing_tui.cli")
    assert not any(m.split(".")[0] in {"textual", "rich"} for m in loaded)


def test_every_name_of_the_core_package_resolves():
    code = "import briefing_tui.core as core\nprint(all(getattr(core, name) is not None for name in core.__all__))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "True"


def settled_copy(folder: Path, cache: Path) -> tuple[Path, dict[str, str]]:
    """A copy of the real brief older than the cache's window of doubt, and the
    environment of a program that caches in `cache`."""
    folder.mkdir(exist_ok=True)
    brief = folder / REAL_BRIEF.name
    brief.write_bytes(REAL_BRIEF.read_bytes())
    settled = time.time_ns() - 10 * 10**9
    os.utime(brief, ns=(settled, settled))
    return brief, dict(os.environ, BRIEFING_CACHE_DIR=str(cache))


def test_a_warm_start_of_the_reader_imports_neither_the_parser_nor_what_comes_later(tmp_path):
    # What the first screen needs, and only that: the parser, search, the library
    # and the other panes' widgets are imported when they are first used.
    brief, env = settled_copy(tmp_path, tmp_path / "cache")
    load = f"from briefing_tui.core.cache import load_brief_cached\nassert load_brief_cached({str(brief)!r}).ok\n"
    subprocess.run([sys.executable, "-c", load], check=True, env=env)  # cold: parsed and cached
    start = "import sys\nimport briefing_tui.cli, briefing_tui.tui.app, briefing_tui.tui.screens.main\n" + load + "print('\\n'.join(sys.modules))"
    loaded = set(subprocess.run([sys.executable, "-c", start], capture_output=True, text=True, check=True, env=env).stdout.split())
    assert "briefing_tui.core.cache" in loaded  # the import really happened
    later = {
        "yaml",
        "briefing_tui.core.loader",
        "briefing_tui.core.yamlsource",
        "briefing_tui.core.search",
        "briefing_tui.core.library",
        "briefing_tui.tui.rows",
        "briefing_tui.tui.commands",
        "briefing_tui.tui.widgets.item_list",
        "briefing_tui.tui.widgets.matrix",
        "briefing_tui.tui.widgets.search_panel",
    }
    assert sorted(later & loaded) == []


def test_every_core_module_is_found():
    assert {"briefing_tui.core", "briefing_tui.core.loader", "briefing_tui.core.ref", "briefing_tui.core.draft.quotes"} <= set(CORE_MODULES)


@pytest.mark.parametrize("spelled", ["{absolute}", "briefs", "./briefs/../briefs/", "{absolute}//"])
def test_find_from_a_warm_cache_imports_neither_the_parser_nor_the_model(tmp_path, spelled):
    # `briefing find` answers from the database: what loading a brief takes (PyYAML,
    # the loader, the model and its dataclasses), the library, Textual and Rich stay out,
    # however the folder is written.
    folder = tmp_path / "briefs"
    _, env = settled_copy(folder, tmp_path / "cache")
    named = spelled.format(absolute=folder)
    find = f"import sys\nfrom briefing_tui.cli import main\ncode = main(['find', 'lavrov', {named!r}])\nprint('\\n'.join(sys.modules))\n"
    subprocess.run([sys.executable, "-c", find], check=True, env=env, capture_output=True, cwd=tmp_path)  # cold: read and cached
    run = subprocess.run([sys.executable, "-c", find], check=True, env=env, capture_output=True, text=True, cwd=tmp_path)
    assert REAL_BRIEF.name + ":" in run.stdout  # it found something
    loaded = set(run.stdout.split())
    assert "briefing_tui.core.find_query" in loaded  # the import really happened
    heavy = {"yaml", "dataclasses", "argparse", "briefing_tui.core.loader", "briefing_tui.core.model", "briefing_tui.core.library"}
    # Nor what the answer does not need and takes milliseconds to import.
    heavy |= {"typing", "pathlib", "json", "textwrap", "re", "enum", "briefing_tui.core.cache_file", "briefing_tui.core.text_lines"}
    assert sorted(m for m in loaded if m in heavy or m.split(".")[0] in {"textual", "rich"}) == []


def test_the_installed_command_imports_no_more_than_find_needs(tmp_path):
    # The `briefing` installed beside this Python, run as the shell runs it: its own
    # lines import nothing (a generated launcher imports `re`, a sixth of the answer's time).
    folder = tmp_path / "briefs"
    _, env = settled_copy(folder, tmp_path / "cache")
    command = Path(sys.executable).parent / "briefing"
    assert command.read_text().splitlines()[0] == f"#!{sys.executable}" or os.path.samefile(command.read_text().splitlines()[0][2:], sys.executable)
    subprocess.run([str(command), "find", "lavrov", str(folder)], check=True, env=env, capture_output=True)  # cold: read and cached
    run = subprocess.run([str(command), "find", "lavrov", str(folder)], env=dict(env, PYTHONPROFILEIMPORTTIME="1"), capture_output=True, text=True)
    assert run.returncode == 0 and "lavrov" in run.stdout.lower()
    loaded = {line.rpartition("|")[2].strip() for line in run.stderr.splitlines() if line.startswith("import time:")}
    assert "briefing_tui.core.find_query" in loaded  # the import really happened, and was timed
    assert sorted(loaded & {"re", "enum", "typing", "argparse", "pathlib", "json", "yaml"}) == []


def test_the_installed_command_reads_a_library_cold_on_every_core_and_once(tmp_path):
    # The worker processes import the command's own file as their main module: were
    # it to run the command again there, they would start a second `briefing` (which
    # held the cache, so that briefs went unsearched) and the reading would fall back
    # to one core.
    from benchmarks.generate import write_series

    from briefing_tui.core.library_reading import IN_WORKERS_FROM
    from tests.cli.test_find import _settled

    folder = tmp_path / "library"
    write_series(folder, IN_WORKERS_FROM + 16)
    _settled(folder)
    command = Path(sys.executable).parent / "briefing"
    env = dict(os.environ, BRIEFING_CACHE_DIR=str(tmp_path / "cache"))
    cold = subprocess.run([str(command), "find", "adler", str(folder)], env=env, capture_output=True, text=True, cwd=tmp_path, timeout=120)
    warm = subprocess.run([str(command), "find", "adler", str(folder)], env=env, capture_output=True, text=True, cwd=tmp_path, timeout=60)
    assert (cold.returncode, cold.stderr) == (0, "")
    assert cold.stdout == warm.stdout and warm.stdout.count("\n") > IN_WORKERS_FROM

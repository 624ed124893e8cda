"""The core is UI-free: importing it in a fresh process loads neither Textual nor Rich."""

from __future__ import annotations

import os
import subprocess
import sys
import time

from tests.conftest import REAL_BRIEF

CORE_MODULES = [
    "briefing_tui.core",
    "briefing_tui.core.model",
    "briefing_tui.core.loader",
    "briefing_tui.core.cache",
    "briefing_tui.core.stored",
    "briefing_tui.core.library_index",
    "briefing_tui.core.text",
    "briefing_tui.core.ref",
    "briefing_tui.core.files",
    "briefing_tui.core.library",
    "briefing_tui.core.changes",
    "briefing_tui.core.links",
    "briefing_tui.core.search",
    "briefing_tui.core.export",
    "briefing_tui.core.findings",
    "briefing_tui.core.yamlsource",
    "briefing_tui.core.similar",
    "briefing_tui.core.stamp",
    "briefing_tui.core.cache_file",
    "briefing_tui.core.cache_rows",
]


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


def test_a_warm_start_of_the_reader_imports_neither_the_parser_nor_what_comes_later(tmp_path):
    # What the first screen needs, and only that: the parser, search, the library
    # and the other panes' widgets are imported when they are first used.
    brief = tmp_path / REAL_BRIEF.name
    brief.write_bytes(REAL_BRIEF.read_bytes())
    settled = time.time_ns() - 10 * 10**9  # older than the cache's window of doubt
    os.utime(brief, ns=(settled, settled))
    env = dict(os.environ, BRIEFING_CACHE_DIR=str(tmp_path / "cache"))
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

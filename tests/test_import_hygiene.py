"""The core is UI-free: importing it in a fresh process loads neither Textual nor Rich."""

from __future__ import annotations

import subprocess
import sys

CORE_MODULES = [
    "briefing_tui.core",
    "briefing_tui.core.model",
    "briefing_tui.core.loader",
    "briefing_tui.core.cache",
    "briefing_tui.core.files",
    "briefing_tui.core.library",
    "briefing_tui.core.changes",
    "briefing_tui.core.links",
    "briefing_tui.core.search",
    "briefing_tui.core.export",
    "briefing_tui.core.findings",
    "briefing_tui.core.yamlsource",
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

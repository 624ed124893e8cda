"""The codebase keeps its own rules: no source file over 500 lines, and no two
classes of the package share a name (a reader of the code never wonders which)."""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "briefing_tui"
SOURCES = sorted(PACKAGE.rglob("*.py"))


def test_no_source_file_is_over_500_lines():
    long = {str(path.relative_to(PACKAGE)): n for path in SOURCES if (n := len(path.read_text(encoding="utf-8").splitlines())) > 500}
    assert long == {}


def test_no_two_classes_share_a_name():
    homes: dict[str, list[str]] = defaultdict(list)
    for path in SOURCES:
        # Classes at the top of a module: a widget's messages are named through it
        # (ItemList.Highlighted, PositionMatrix.Highlighted), as Textual has it.
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.ClassDef):
                homes[node.name].append(str(path.relative_to(PACKAGE)))
    shared = {name: places for name, places in homes.items() if len(places) > 1}
    assert len(SOURCES) > 40 and shared == {}

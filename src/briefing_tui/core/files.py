"""Finding the brief files a command line names: files as given, folders searched."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence

from briefing_tui.core.findings import Finding

BRIEF_SUFFIXES = (".yaml", ".yml")
SKIPPED_FOLDERS = frozenset({"node_modules", "__pycache__", "site-packages"})


def brief_files(paths: Sequence[str]) -> tuple[list[str], list[Finding]]:
    """The brief files named by `paths` (folders searched recursively), and path problems.

    Hidden folders, virtual environments and the like are not searched.
    """
    files: list[str] = []
    problems: list[Finding] = []
    for path in paths:
        if os.path.isdir(path):
            found = sorted(_walk(path))
            if not found:
                problems.append(Finding(path, None, "error", "no .yaml or .yml briefs in this folder"))
            files.extend(found)
        else:
            # Missing paths, links to nowhere and the like are reported by the loader.
            files.append(path)
    return list(dict.fromkeys(files)), problems


def _walk(folder: str) -> Iterator[str]:
    for root, folders, names in os.walk(folder):
        folders[:] = [name for name in folders if not _skipped(root, name)]
        for name in names:
            if name.lower().endswith(BRIEF_SUFFIXES):
                yield os.path.normpath(os.path.join(root, name))


def _skipped(root: str, name: str) -> bool:
    return name.startswith(".") or name in SKIPPED_FOLDERS or os.path.exists(os.path.join(root, name, "pyvenv.cfg"))

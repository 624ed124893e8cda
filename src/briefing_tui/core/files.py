"""Finding the brief files a command line names: files as given, folders searched."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence

TYPE_CHECKING = False  # as typing's, without importing typing (see core/named_tuple.py)
if TYPE_CHECKING:
    from briefing_tui.core.findings import Finding

BRIEF_SUFFIXES = (".yaml", ".yml")
SKIPPED_FOLDERS = frozenset({"node_modules", "__pycache__", "site-packages"})


def brief_files(paths: Sequence[str]) -> tuple[list[str], list[Finding]]:
    """The brief files named by `paths` (folders searched recursively), and path problems.

    Hidden folders, virtual environments and the like are not searched. A folder that
    cannot be read is an error when it was named, a warning when found inside one:
    either way it is named, never passed over in silence.
    """
    files: list[str] = []
    problems: list[Finding] = []
    for path in paths:
        if os.path.isdir(path):
            unreadable: list[OSError] = []
            found = sorted(_walk(path, unreadable.append))
            if unreadable or not found:  # only then: `briefing find` starts without the model
                from briefing_tui.core.findings import Finding
            for error in unreadable:
                folder = error.filename if isinstance(error.filename, str) else path
                why = (error.strerror or str(error)).lower()
                if os.path.normpath(folder) == os.path.normpath(path):
                    problems.append(Finding(path, None, "error", f"cannot read this folder: {why}"))
                else:
                    problems.append(Finding(os.path.normpath(folder), None, "warning", f"cannot read this folder ({why}): its briefs are left out"))
            if not found and not any(p.is_error and p.path == path for p in problems):
                problems.append(Finding(path, None, "error", "no .yaml or .yml briefs in this folder"))
            files.extend(found)
        else:
            # Missing paths, links to nowhere and the like are reported by the loader.
            files.append(path)
    return list(dict.fromkeys(files)), problems


def same_ids(briefs: Iterable[tuple[str, str]]) -> list[Finding]:
    """A warning for each brief (path, id) whose id another brief has too: links and
    `follows` between briefs name a brief by its id, and could not tell them apart."""
    from briefing_tui.core.findings import Finding

    by_id: dict[str, list[str]] = {}
    for path, brief_id in briefs:
        by_id.setdefault(brief_id, []).append(path)
    warnings = []
    for brief_id, holders in by_id.items():
        for path in holders if len(holders) > 1 else ():
            others = [other for other in holders if other != path]
            named = ", ".join(others[:3]) + (f" and {len(others) - 3} more" if len(others) > 3 else "")
            warnings.append(Finding(path, None, "warning", f"another brief has the same id '{brief_id}' ({named}): give each brief an id of its own"))
    return warnings


def _walk(folder: str, unreadable: Callable[[OSError], object]) -> Iterator[str]:
    for root, folders, names in os.walk(folder, onerror=unreadable):
        folders[:] = [name for name in folders if not _skipped(root, name)]
        # The folder's path made normal once, not for each of its (thousands of) files:
        # a name holds no separator, so what follows it is normal too.
        base = os.path.normpath(root)
        prefix = "" if base == os.curdir else base if base.endswith(os.sep) else base + os.sep
        for name in names:
            if name.lower().endswith(BRIEF_SUFFIXES):
                yield prefix + name


def _skipped(root: str, name: str) -> bool:
    return name.startswith(".") or name in SKIPPED_FOLDERS or os.path.exists(os.path.join(root, name, "pyvenv.cfg"))

"""What the cache's tests share: files old enough to be trusted, every location a
brief holds, and a loader that refuses to parse."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from briefing_tui.core import loader as loader_module
from briefing_tui.core.model import Brief

HOUR_AGO = time.time() - 3600


def every_location(brief: Brief) -> list[object]:
    """Every location the brief holds, with what it belongs to (Brief equality ignores them)."""
    found: list[object] = [brief.path, brief.field_locations]
    for item in brief.items():
        found += [item.id, item.location, getattr(item, "field_locations", None)]
    for issue in brief.issues:
        found += [(p.by, p.location) for p in issue.positions]
    found += [e.location for e in brief.timeline]
    return found


def settled(path: Path) -> Path:
    """A file last changed an hour ago: old enough for its cache entry to be trusted."""
    os.utime(path, (HOUR_AGO, HOUR_AGO))
    return path


def no_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    """From here on, reading any YAML is a failure of the test."""

    def refuse(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError(f"{path} was parsed, not read from the cache")

    # The cache imports the loader only to parse: patched where it is looked up.
    monkeypatch.setattr(loader_module, "load_brief", refuse)

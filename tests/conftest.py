"""Shared fixtures: the real brief, temporary briefs, and the real `briefing` command."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
import textual._wait
from hypothesis import HealthCheck, settings

# Property tests: `ci` (the default) is reproducible and quick enough for every run;
# HYPOTHESIS_PROFILE=dev tries ten times as many examples, each run different.
settings.register_profile("ci", max_examples=60, deadline=None, derandomize=True, database=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Pilot waits for the reader to settle after each key by sleeping in slices of 20 ms
# until one passes with under a twentieth of it spent on the CPU. Slices of 10 ms make
# the same test (a slice at under 5% CPU) and halve the wait behind every key pressed.
textual._wait.SLEEP_GRANULARITY = 0.01
textual._wait.SLEEP_IDLE = textual._wait.SLEEP_GRANULARITY / 20

settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests marked `slow` (seconds each) run first: in a parallel run they start at
    once, while the many quick ones fill in around them, rather than end it alone."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


@pytest.hookimpl(tryfirst=True)
def pytest_xdist_auto_num_workers(config: pytest.Config) -> int | None:
    """`-n auto`: a worker per core, and one more. A test of the reader under Pilot
    sleeps at least 40 ms after each key while it waits for the reader to settle; the
    extra worker computes meanwhile. (PYTEST_XDIST_AUTO_NUM_WORKERS still decides.)"""
    if os.environ.get("PYTEST_XDIST_AUTO_NUM_WORKERS"):
        return None
    return len(os.sched_getaffinity(0)) + 1


REPO = Path(__file__).resolve().parent.parent
REAL_BRIEF = REPO / "briefs" / "moscow-invitation-2026-01-29.yaml"
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus"
# The console script installed beside the interpreter running the tests.
BRIEFING = Path(sys.executable).parent / "briefing"


@pytest.fixture(autouse=True)
def private_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test, and every `briefing` it runs, caches briefs in a folder of its own,
    never in the user's cache."""
    folder = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(folder))
    return folder


@pytest.fixture(autouse=True)
def private_user_folders(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """Every test keeps settings and what the user made (marks, what was read, exports)
    in folders of its own, never in the user's."""
    config = tmp_path_factory.mktemp("config")
    data = tmp_path_factory.mktemp("data")
    monkeypatch.setenv("BRIEFING_CONFIG_DIR", str(config))
    monkeypatch.setenv("BRIEFING_DATA_DIR", str(data))
    # Exports from the reader go to the downloads folder: one of the test's own.
    monkeypatch.setenv("XDG_DOWNLOAD_DIR", str(tmp_path_factory.mktemp("downloads")))
    # The terminal's own background does not choose a test's theme; the settings in
    # effect are those of the test's own folder, read afresh.
    monkeypatch.delenv("COLORFGBG", raising=False)
    # `e` pressed by a test that goes through every key runs an editor that ends at once.
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", "true")
    from briefing_tui.core import settings

    monkeypatch.setattr(settings, "_current", None)
    return config, data


@pytest.fixture
def write_brief(tmp_path: Path) -> Callable[..., Path]:
    """Write YAML text (dedented) to a file in a temporary folder and return its path."""

    def write(text: str, name: str = "brief.yaml") -> Path:
        path = tmp_path / name
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    return write


def run_briefing(*args: str | os.PathLike[str], cwd: Path | None = None, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """Run the real `briefing` command and capture what it prints."""
    return subprocess.run(
        [str(BRIEFING), *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        cwd=cwd or REPO,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )


MINIMAL = """\
brief: 1
title: A small brief
date: 2026-01-29
summary: Nothing happened.
"""

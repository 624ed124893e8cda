"""Briefs on disk for the core's tests: the real brief, a generated one and a drafted
one, each last changed an hour ago (old enough for the cache to trust)."""

from __future__ import annotations

from pathlib import Path

import pytest
from benchmarks.generate import generate_brief

from tests.conftest import REAL_BRIEF, REPO
from tests.core.cache_support import settled


@pytest.fixture
def generated(tmp_path: Path) -> Path:
    path = tmp_path / "generated.yaml"
    path.write_text(generate_brief(quotes=300, actors=40, issues=12), encoding="utf-8")
    return settled(path)


@pytest.fixture
def real(tmp_path: Path) -> Path:
    path = tmp_path / REAL_BRIEF.name
    path.write_bytes(REAL_BRIEF.read_bytes())
    return settled(path)


@pytest.fixture
def drafted(tmp_path: Path) -> Path:
    path = tmp_path / "drafted.yaml"
    path.write_bytes((REPO / "tests" / "fixtures" / "drafted.yaml").read_bytes())
    return settled(path)

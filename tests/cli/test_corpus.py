"""Every hostile or malformed YAML file gets a clear message with a location, or loads.

The corpus sits in ../shared/corpus next to the repository; the hand-made attacks are
also copied into tests/corpus so that the suite stands alone.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing_tui.core import load_brief
from tests.conftest import CORPUS, run_briefing

HERE = Path(__file__).resolve().parent.parent
HOSTILE = sorted((HERE / "corpus" / "hostile").glob("*.yaml"))
SUITE = sorted((CORPUS / "yaml-test-suite").glob("*/*.yaml")) if CORPUS.exists() else []


def _line_count(path: Path) -> int:
    data = path.read_bytes()
    return data.count(b"\n") + data.count(b"\r") + 1


def _assert_clear(path: Path) -> None:
    result = load_brief(path)
    assert result.findings or result.ok
    for finding in result.findings:
        assert finding.path == str(path)
        assert finding.message and "\n" not in finding.message
        assert finding.location is not None
        assert 1 <= finding.location.line <= _line_count(path), finding


@pytest.mark.parametrize("path", HOSTILE, ids=lambda p: p.name)
def test_hostile_file_gets_a_located_message(path):
    _assert_clear(path)


@pytest.mark.skipif(not SUITE, reason="../shared/corpus is not beside the repository")
@pytest.mark.parametrize("path", SUITE, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_yaml_test_suite_case_gets_a_located_message(path):
    _assert_clear(path)


def test_hostile_files_from_the_shell_never_show_a_traceback():
    folder = HERE / "corpus" / "hostile"
    result = run_briefing("check", folder)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    for path in HOSTILE:
        assert str(path) in result.stdout
    assert result.stdout.splitlines()[-1].startswith(f"{len(HOSTILE)} briefs checked: ")


@pytest.mark.parametrize("command", [["show"], []], ids=["show", "reader"])
@pytest.mark.parametrize("path", HOSTILE, ids=lambda p: p.name)
def test_hostile_file_in_show_and_reader(path, command):
    result = run_briefing(*command, path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith(f"{path}:")


@pytest.mark.skipif(not SUITE, reason="../shared/corpus is not beside the repository")
def test_yaml_test_suite_from_the_shell_never_shows_a_traceback():
    result = run_briefing("check", CORPUS / "yaml-test-suite", timeout=120)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stdout.splitlines()[-1].startswith(f"{len(SUITE)} briefs checked: ")


def test_deep_nesting_is_reported_as_such():
    path = HERE / "corpus" / "hostile" / "deep_nesting_10000.yaml"
    result = load_brief(path)
    # libyaml's own limit (1,000 levels) meets this file first: same message, and a
    # place inside the file.
    assert [f.message for f in result.findings] == ["the YAML is nested too deeply to read (more than 100 levels)"]
    where = result.findings[0].location
    lines = path.read_bytes().splitlines()
    assert where is not None and 1 <= where.line <= len(lines) and where.column <= len(lines[where.line - 1]) + 1


def test_alias_bomb_is_rejected_without_expanding_it():
    result = load_brief(HERE / "corpus" / "hostile" / "billion_laughs.yaml")
    assert "the title must be text, not a list" in [f.message for f in result.findings]


def test_code_execution_tag_is_refused():
    result = load_brief(HERE / "corpus" / "hostile" / "python_object_apply.yaml")
    assert any("unsupported YAML tag '!!python/object/apply:os.system'" in f.message for f in result.findings)

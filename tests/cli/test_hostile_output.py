"""Hostile text through the command line: `show`, `find` and `check` print it as written,
with control characters made visible, so nothing from a brief reaches the terminal as bytes."""

from __future__ import annotations

import html
import json
import subprocess
from pathlib import Path

import pytest

from briefing_tui.core import load_brief
from tests.conftest import MINIMAL, run_briefing
from tests.export_check import markdown_html
from tests.hostile import HOSTILE_TEXT, all_hostile, foreign_controls, quoted, write_hostile_brief


@pytest.fixture(scope="module")
def hostile_path(tmp_path_factory) -> Path:
    return write_hostile_brief(tmp_path_factory.mktemp("hostile"), long_line=False)


def as_read(output: str, form: str) -> str:
    """What a reader of `output` sees: Markdown as a CommonMark renderer reads it
    (the brief's own brackets and backslashes come out of their escapes), other forms as printed."""
    return html.unescape(markdown_html(output)) if form == "markdown" else output


def assert_terminal_safe(*outputs: str) -> None:
    for output in outputs:
        assert foreign_controls(output) == []
        assert "Traceback" not in output


@pytest.mark.parametrize("output", ["text", "markdown", "json"])
def test_show_prints_hostile_text_visibly(hostile_path, output):
    result = run_briefing("show", hostile_path, "--format", output)
    assert result.returncode == 0, result.stderr
    assert_terminal_safe(result.stdout, result.stderr)
    assert "[bold red]bold?[/bold red]" in as_read(result.stdout, output)
    if output == "json":
        data = json.loads(result.stdout)  # still valid JSON, and nothing is lost
        brief = load_brief(hostile_path).brief
        assert brief is not None
        assert data["title"] == brief.title and data["summary"] == brief.summary
    else:
        assert "\u241b]52;c;SE9TVElMRQ==\u2407" in as_read(result.stdout, output)


@pytest.mark.parametrize("query", ["red", "click", "osc", "ding", "shown", "family", "gnp"])
def test_find_prints_hostile_snippets_visibly(hostile_path, query):
    result = run_briefing("find", query, hostile_path)
    assert result.returncode == 0, result.stderr
    assert_terminal_safe(result.stdout, result.stderr)


@pytest.fixture(scope="module")
def checked_kinds(tmp_path_factory) -> tuple[dict[str, Path], subprocess.CompletedProcess[str]]:
    """A brief for each kind of attack, with it where a word is expected, all checked
    by one real `briefing check` (one process for them all, as a folder is checked)."""
    folder = tmp_path_factory.mktemp("kinds")
    paths = {}
    for number, kind in enumerate(sorted(HOSTILE_TEXT)):
        paths[kind] = folder / f"kind-{number:02d}.yaml"
        paths[kind].write_text(MINIMAL + f"actors:\n  - id: x\n    name: X\n    kind: {quoted(HOSTILE_TEXT[kind])}\n", encoding="utf-8")
    with pytest.MonkeyPatch.context() as env:  # set up before each test's own cache is
        env.setenv("BRIEFING_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
        return paths, run_briefing("check", *paths.values())


@pytest.mark.parametrize("kind", sorted(HOSTILE_TEXT))
def test_check_quotes_hostile_values_visibly(checked_kinds, kind):
    # A hostile value where a word is expected comes back in the message.
    paths, result = checked_kinds
    assert result.returncode == 1
    assert_terminal_safe(result.stdout, result.stderr)
    assert f"{paths[kind]}:8:11: error: the kind of actors[0]" in result.stdout


def test_check_a_file_whose_name_holds_control_characters(tmp_path):
    path = tmp_path / "\x1b]52;c;SE9TVElMRQ==\x07\x1b[2J.yaml"
    path.write_text("brief: 1\ntitle: [\n", encoding="utf-8")
    for command in (["check"], ["show"], []):
        result = run_briefing(*command, path)
        assert result.returncode == 1
        assert_terminal_safe(result.stdout, result.stderr)
        assert "\u241b]52;c;SE9TVElMRQ==\u2407" in result.stdout + result.stderr


def test_check_and_reader_report_errors_about_hostile_text_visibly(write_brief):
    every = all_hostile()
    path = write_brief(MINIMAL + f"quotes:\n  - id: q\n    by: {quoted(every)}\n    text: {quoted(every)}\n")
    for command in (["check"], ["show"], []):
        result = run_briefing(*command, path)
        assert result.returncode == 1
        assert_terminal_safe(result.stdout, result.stderr)


def test_diff_prints_hostile_changes_visibly(hostile_path, tmp_path):
    after = tmp_path / "after.yaml"
    text = hostile_path.read_text(encoding="utf-8")
    after.write_text(
        text.replace('title: "Title ', 'title: "New \\e]52;c;SGk=\\a title ', 1).replace("id: quote-3", "id: quote-33"), encoding="utf-8"
    )
    result = run_briefing("diff", hostile_path, after)
    assert result.returncode in (0, 1), result.stderr
    assert result.stdout.strip()
    assert_terminal_safe(result.stdout, result.stderr)
    assert "\u241b]52;c;SGk=\u2407" in result.stdout


@pytest.mark.parametrize("output", ["text", "markdown"])
def test_exports_are_text_only_with_plain_line_breaks(write_brief, output):
    # What is pasted from an export must not end a bracketed paste (ESC [201~) or
    # hide a line behind a carriage return: the same text as a copy from the reader.
    title = "Talks resume\x1b[201~; touch x\n"
    summary = "one\r\ntwo\rthree\u2028four\u2029five\x85six \u202eevil"
    path = write_brief(
        MINIMAL.replace("title: A small brief", f"title: {quoted(title)}").replace("summary: Nothing happened.", f"summary: {quoted(summary)}")
    )
    result = run_briefing("show", path, "--format", output)
    assert result.returncode == 0, result.stderr
    assert_terminal_safe(result.stdout)
    assert "Talks resume\u241b[201~; touch x" in as_read(result.stdout, output) and "\x1b" not in result.stdout
    # Both wrap the paragraph anew: no line break of the brief's survives as a control.
    assert "one two three four five six \ufffdevil" in as_read(result.stdout, output)

"""The real `briefing` command as a subprocess: exit codes, stdout/stderr, formats."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest

from briefing_tui import __version__
from tests.conftest import BRIEFING, MINIMAL, REAL_BRIEF, REPO, run_briefing

FIND_LINE = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+): (?P<kind>brief|source|actor|quote|issue) (?P<id>[a-z0-9-]+): (?P<snippet>.+)$")


def test_version():
    result = run_briefing("--version")
    assert (result.returncode, result.stdout.strip()) == (0, f"briefing {__version__}")


def test_help_lists_every_command():
    result = run_briefing("--help")
    assert result.returncode == 0
    for command in ("check", "show", "find", "diff", "schema"):
        assert re.search(rf"^\s+{command}\s", result.stdout, re.M)


def test_check_the_real_briefs_is_clean():
    result = run_briefing("check", "briefs/")
    assert (result.returncode, result.stdout, result.stderr) == (0, "1 brief checked: no problems\n", "")


def test_check_reports_findings_and_exits_1(write_brief):
    path = write_brief(MINIMAL.replace("brief: 1", "brief: 1\nsumary: typo").replace("date: 2026-01-29", "date: 2026-02-30"))
    result = run_briefing("check", path)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"{path}:2:1: warning: unknown key 'sumary' in the brief; did you mean 'summary'?",
        f"{path}:4:7: error: the date '2026-02-30' is not a real date (day is out of range for month)",
        "1 brief checked: 1 error, 1 warning",
    ]


def test_check_warnings_alone_exit_0(write_brief):
    path = write_brief(MINIMAL + "colour: blue\n")
    result = run_briefing("check", path)
    assert result.returncode == 0
    assert result.stdout.endswith("1 brief checked: 0 errors, 1 warning\n")


def test_check_a_folder_recursively(write_brief, tmp_path):
    write_brief(MINIMAL, "a.yaml")
    (tmp_path / "sub").mkdir()
    write_brief(MINIMAL, "sub/b.yml")
    write_brief("not a brief", "notes.txt")
    result = run_briefing("check", tmp_path)
    assert (result.returncode, result.stdout) == (0, "2 briefs checked: no problems\n")


def test_check_missing_path(tmp_path):
    result = run_briefing("check", tmp_path / "nope.yaml")
    assert result.returncode == 1
    assert f"{tmp_path / 'nope.yaml'}: error: no such file" in result.stdout


@pytest.mark.parametrize("args", [["check"], ["show"], ["find", "x"], ["show", "a", "--format", "pdf"], ["--frobnicate"]])
def test_usage_errors_exit_2_on_stderr(args):
    result = run_briefing(*args)
    assert result.returncode == 2
    assert result.stdout == ""
    assert "usage: briefing" in result.stderr and "Traceback" not in result.stderr


def test_show_text():
    result = run_briefing("show", REAL_BRIEF)
    assert result.returncode == 0 and result.stderr == ""
    assert result.stdout.startswith("Russia renews invitation to Zelensky for Moscow peace talks\n2026-01-29")
    assert "OPEN ISSUES" in result.stdout


@pytest.mark.parametrize("section", ["summary", "actors", "quotes", "issues"])
def test_show_one_section_as_markdown(section):
    result = run_briefing("show", REAL_BRIEF, "--section", section, "--format", "markdown")
    assert result.returncode == 0
    headings = {"summary": "## Summary", "actors": "## Actors", "quotes": "## Quotes", "issues": "## Open issues"}
    for name, heading in headings.items():
        assert (heading in result.stdout) == (name == section)


def test_show_json_has_links_and_backlinks_for_every_item():
    result = run_briefing("show", REAL_BRIEF, "--format", "json")
    assert result.returncode == 0
    data = json.loads(result.stdout)
    for kind in ("sources", "actors", "quotes", "issues"):
        for item in data[kind]:
            assert "links" in item and "backlinks" in item
    ids = {item["id"] for kind in ("sources", "actors", "quotes", "issues") for item in data[kind]}
    assert all(link["to"] in ids for kind in ("actors", "quotes") for item in data[kind] for link in item["links"])


def test_show_an_invalid_brief_prints_findings_to_stderr(write_brief):
    path = write_brief(MINIMAL.replace("title: A small brief\n", ""))
    result = run_briefing("show", path)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == f"{path}:1:1: error: the brief has no 'title'\n"


def test_find_prints_one_line_per_hit_best_first():
    result = run_briefing("find", "zapo", "briefs/")
    assert result.returncode == 0 and result.stderr == ""
    lines = result.stdout.splitlines()
    first = FIND_LINE.match(lines[0])
    assert first and (first["kind"], first["id"]) == ("issue", "zaporizhzhia")
    assert all(FIND_LINE.match(line) for line in lines)
    source = (REPO / first["file"]).read_text(encoding="utf-8").splitlines()
    assert "Zaporizhzhia" in source[int(first["line"]) - 1]


MATCH_LINES = """\
brief: 1
title: A small brief
date: 2026-01-29
summary: |
  First line of the summary.
  Second line, about [[kremlin|the Kremlin]].

  The harbour talks began.
key_points:
  - >
    A folded point that runs
    over lines, naming the lighthouse.
  - A plain point that
    wraps onto a second line about the quarry.
  - "A quoted point [[kremlin]]
    that names the orchard."
actors:
  - id: kremlin
    name: Kremlin
    kind: organisation
"""


@pytest.mark.parametrize(("query", "line"), [("harbour", 8), ("second", 6), ("lighthouse", 12), ("quarry", 14), ("orchard", 16)])
def test_find_gives_the_line_that_holds_the_match(write_brief, query, line):
    path = write_brief(MATCH_LINES)
    result = run_briefing("find", query, path)
    assert result.returncode == 0, result.stderr
    first = FIND_LINE.match(result.stdout.splitlines()[0])
    assert first and int(first["line"]) == line, result.stdout
    assert query in MATCH_LINES.splitlines()[line - 1].lower()


def test_the_readme_shows_what_find_prints():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    example = re.search(r"^\$ \.venv/bin/briefing (find .*)\n((?:(?!\$ |\.\.\.|```).*\n)+)", readme, re.M)
    assert example, "the README shows `briefing find` at work"
    result = run_briefing(*example[1].split())
    assert result.stdout.splitlines()[: len(example[2].splitlines())] == example[2].splitlines()


def test_find_nothing_exits_1():
    result = run_briefing("find", "xylophone", "briefs/")
    assert (result.returncode, result.stdout) == (1, "")


def test_find_into_a_closed_pipe_is_quiet():
    import subprocess

    from tests.conftest import BRIEFING

    out = subprocess.run(f"'{BRIEFING}' find the briefs/ | head -n 1", shell=True, capture_output=True, text=True, cwd=REPO)
    assert out.stdout.count("\n") == 1
    assert "Traceback" not in out.stderr and "Broken" not in out.stderr


def test_schema_is_json():
    result = run_briefing("schema")
    assert result.returncode == 0
    assert json.loads(result.stdout)["properties"]["brief"]


def test_module_entry_point():
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "briefing_tui", "--version"], capture_output=True, text=True)
    assert result.stdout.strip() == f"briefing {__version__}"


def test_reader_on_an_invalid_brief_exits_1_before_drawing(write_brief):
    path = write_brief("brief: 1\ntitle: [x\n")
    result = run_briefing(path)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.startswith(f"{path}:")


def test_find_forgives_a_typo_and_ranks_names_first():
    result = run_briefing("find", "Peskow", "briefs/")
    assert result.returncode == 0
    first = FIND_LINE.match(result.stdout.splitlines()[0])
    assert first and (first["kind"], first["id"], first["snippet"]) == ("actor", "peskov", "Peskov")  # his alias


def test_find_over_several_briefs_puts_the_best_first(write_brief, tmp_path):
    write_brief(MINIMAL.replace("Nothing happened.", "Talks about Zaporizhzhia went on."), "a.yaml")
    write_brief(MINIMAL.replace("title: A small brief", "title: Zaporizhzhia"), "b.yaml")
    result = run_briefing("find", "zaporizhzhia", tmp_path / "a.yaml", tmp_path / "b.yaml")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    assert lines[0] == f"{tmp_path / 'b.yaml'}:2: brief b: Zaporizhzhia"  # a title beats body text
    assert lines[1] == f"{tmp_path / 'a.yaml'}:4: brief a: Talks about Zaporizhzhia went on."


def test_find_with_a_broken_brief_reports_it_and_searches_the_rest(write_brief, tmp_path):
    write_brief("brief: 1\ntitle: [oops\n", "bad.yaml")
    good = write_brief(MINIMAL, "good.yaml")
    result = run_briefing("find", "small", tmp_path)
    assert result.returncode == 0
    assert result.stdout.startswith(f"{good}:2: brief good: A small brief")
    assert result.stderr.startswith(f"{tmp_path / 'bad.yaml'}:")


def test_check_warns_of_two_briefs_with_one_id(write_brief, tmp_path):
    first = write_brief(MINIMAL.replace("brief: 1", "brief: 1\nid: day-one"), "a.yaml")
    second = write_brief(MINIMAL.replace("brief: 1", "brief: 1\nid: day-one"), "b.yaml")
    write_brief(MINIMAL.replace("brief: 1", "brief: 1\nid: day-two"), "c.yaml")
    result = run_briefing("check", tmp_path)
    assert result.returncode == 0
    assert result.stdout.splitlines() == [
        f"{first}: warning: another brief has the same id 'day-one' ({second}): give each brief an id of its own",
        f"{second}: warning: another brief has the same id 'day-one' ({first}): give each brief an id of its own",
        "3 briefs checked: 0 errors, 2 warnings",
    ]


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full here")
@pytest.mark.parametrize(
    "args", [["show", str(REAL_BRIEF)], ["show", "--format", "json", str(REAL_BRIEF)], ["check", "briefs"], ["find", "talks", "briefs"]]
)
def test_a_full_disk_is_reported_as_such(args):
    with open("/dev/full", "w") as full:
        result = subprocess.run([str(BRIEFING), *args], stdout=full, stderr=subprocess.PIPE, text=True, cwd=REPO, timeout=60)
    assert (result.returncode, result.stderr) == (1, "briefing: error: cannot write the output: No space left on device\n")


def test_the_brief_generator_prints_its_usage():
    result = subprocess.run([sys.executable, "-m", "benchmarks.generate", "--help"], capture_output=True, text=True, cwd=REPO, timeout=60)
    assert result.returncode == 0
    assert result.stdout.startswith("usage: python -m benchmarks.generate") and "--series BRIEFS FOLDER" in result.stdout


def test_a_commands_own_parser_reads_it_as_the_whole_command_line_does(capsys):
    # Running a command builds its parser alone: its help, and what it makes of a
    # command line, are those of the whole.
    from briefing_tui import cli

    for command in cli.COMMANDS:
        helps = []
        for parser in (cli._parser(), cli._parser(command)):
            with pytest.raises(SystemExit):
                parser.parse_args([command, "--help"])
            helps.append(capsys.readouterr().out)
        assert helps[0] == helps[1] and helps[0].startswith(f"usage: briefing {command}")
    line = ["show", "x.yaml", "--section", "quotes", "--format", "json"]
    assert cli._parser().parse_args(line) == cli._parser("show").parse_args(line)

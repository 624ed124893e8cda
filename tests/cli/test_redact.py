"""`--redact LEVEL` on show, export and find: the real command, on a brief with a
restricted quote, prints none of its words in any format, and a placeholder instead."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import run_briefing
from tests.core.test_markings import FIXTURE, secrets_in


@pytest.mark.parametrize(
    "command",
    [
        ("show", "--format", "text"),
        ("show", "--format", "markdown"),
        ("show", "--format", "json"),
        ("export", "--format", "md"),
        ("export", "--format", "html"),
        ("export", "--format", "txt"),
    ],
)
def test_show_and_export_print_a_placeholder_and_no_withheld_word(command):
    done = run_briefing(command[0], FIXTURE, *command[1:], "--redact", "TLP:AMBER")
    assert done.returncode == 0, done.stderr
    assert secrets_in(done.stdout) == []
    assert "withheld quote: TLP:RED" in done.stdout.replace("\\", "")  # Markdown escapes the brackets
    if "json" in command:
        assert '"marking": "AMBER"' in done.stdout
    elif "html" in command:
        assert done.stdout.split("<main>\n", 1)[1].startswith('<p class="banner"><strong>TLP:AMBER</strong></p>')
    else:
        assert "TLP:AMBER" in done.stdout.splitlines()[0]  # the banner heads it
    unredacted = run_briefing(command[0], FIXTURE, *command[1:])
    assert "tangerine" in unredacted.stdout.lower()


def test_find_never_finds_nor_counts_a_withheld_word(tmp_path: Path):
    for word in ("tangerine", "zanzibar", "tipster"):
        done = run_briefing("find", word, FIXTURE, "--redact", "amber", "--format", "json")
        assert done.returncode == 1 and json.loads(done.stdout) == {"query": word, "total": 0, "hits": []}, done.stdout
    found = run_briefing("find", "withheld", FIXTURE, "--redact", "amber")
    assert found.returncode == 0 and found.stdout.count("[withheld") == 5
    assert secrets_in(found.stdout.replace(str(FIXTURE), "")) == []
    assert run_briefing("find", "tangerine", FIXTURE).returncode == 0  # without --redact it is there


def test_a_level_that_is_not_one_is_a_usage_error():
    for args in (("show", FIXTURE, "--redact", "PURPLE"), ("find", "x", FIXTURE, "--redact", "amberr"), (FIXTURE, "--redact", "WHITE")):
        done = run_briefing(*args)
        assert done.returncode == 2 and "is not a TLP level" in done.stderr, done.stderr

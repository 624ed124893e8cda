"""Briefs sized so that work growing with the square of their size would show: through
the real `briefing`, each is answered within 2 s of CPU time and 500 MB (measured by
the kernel, as for the hostile files), where quadratic work took from 10 s to minutes.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.test_hostile_files import CPU_SECONDS, MEMORY_BYTES, run_limited

HEAD = "brief: 1\ntitle: T\ndate: 2026-01-29\nsummary: s\n"


def _broken_references(count: int) -> str:
    # Each quote names a speaker that is not there: a did-you-mean for each, over every actor.
    actors = "".join(f"  - {{id: actor-{n}, name: Person {n}}}\n" for n in range(count))
    quotes = "".join(f"  - {{id: q{n}, by: actr-{n}x, text: t}}\n" for n in range(count))
    return HEAD + "actors:\n" + actors + "quotes:\n" + quotes


def _about_every_issue(count: int) -> str:
    issues = "".join(f"  - {{id: i{n}, title: Issue {n}}}\n" for n in range(count))
    about = ", ".join(f"i{n}" for n in range(count))
    return HEAD + "actors:\n  - {id: p, name: P}\nissues:\n" + issues + f"quotes:\n  - {{id: q, by: p, text: t, about: [{about}]}}\n"


def _positions(count: int) -> str:
    # One issue on which every actor has a position; `show --format json` lists, for
    # each actor, what links to them.
    actors = "".join(f"  - {{id: a{n}, name: Person {n}}}\n" for n in range(count))
    positions = "".join(f"      - {{by: a{n}, stance: stance {n}}}\n" for n in range(count))
    return HEAD + "actors:\n" + actors + "issues:\n  - id: big\n    title: Big\n    positions:\n" + positions


def _mentions_in_one_sentence(words: int) -> str:
    # An actor called `a`: every `a` of a long sentence without a full stop is a mention.
    sentence = "I saw a cat and a dog near a house " * (words // 9)
    return f'brief: 1\ntitle: T\ndate: 2026-01-29\nsummary: "{sentence}"\nactors:\n  - {{id: x, name: Xavier, aliases: [a]}}\n'


CASES = {
    "1000-broken-references": (_broken_references(1000), ["check"], 1, "is not the id of any actor; did you mean 'actor-"),
    "a-quote-about-15000-issues": (_about_every_issue(15_000), ["check"], 0, "1 brief checked: no problems"),
    "4000-positions-on-one-issue": (_positions(4000), ["show", "--format", "json"], 0, '"field": "positions[3999].by"'),
    "4000-mentions-in-one-sentence": (_mentions_in_one_sentence(12_000), ["show", "--format", "json"], 0, '"context": "'),
}


@pytest.mark.parametrize("case", list(CASES.values()), ids=list(CASES))
def test_big_inputs_are_answered_in_linear_time(tmp_path: Path, case):
    text, command, code, expected = case
    path = tmp_path / "brief.yaml"
    path.write_text(text, encoding="utf-8")
    run = run_limited([*command, str(path)], tmp_path)
    output = run.stdout + run.stderr
    assert run.returncode == code, output[-2000:]
    assert expected in output
    assert "Traceback" not in output and "internal error" not in output
    assert run.cpu_seconds < CPU_SECONDS, f"{run.cpu_seconds:.2f} s of CPU"
    assert run.peak_bytes < MEMORY_BYTES, f"{run.peak_bytes / 1e6:.0f} MB"

"""What changed between two briefs: items matched by id or by what they are, and the
text `briefing diff` prints."""

from __future__ import annotations

from benchmarks.generate import STATUSES, write_series

from briefing_tui.core.changes import changes_text, compare, name_key
from briefing_tui.core.loader import load_brief
from briefing_tui.core.model import Brief

OLD = """\
brief: 1
id: day-1
title: Talks, day one
date: 2026-01-01
summary: Day one.
actors:
  - id: lavrov
    name: Sergei Lavrov
  - id: rubio
    name: Marco Rubio
  - id: witkoff
    name: Steve Witkoff
quotes:
  - id: lavrov-said
    by: lavrov
    text: We are ready.
  - id: rubio-said
    by: rubio
    text: Not yet.
issues:
  - id: guarantees
    title: Security guarantees
    status: open
    positions:
      - by: lavrov
        stance: No foreign troops.
      - by: rubio
        stance: Guarantees first.
      - by: witkoff
        stance: A deal is close.
  - id: sanctions
    title: Sanctions relief
    status: stalled
  - id: prisoners
    title: Prisoner exchange
    status: progressing
"""

NEW = """\
brief: 1
id: day-2
follows: day-1
title: Talks, day two
date: 2026-01-02
summary: Day two.
actors:
  - id: sergei-lavrov
    name: SERGEI LAVROV
  - id: rubio
    name: Marco Rubio
  - id: peskov
    name: Dmitry Peskov
quotes:
  - id: lavrov-again
    by: sergei-lavrov
    text: "We are   ready."
  - id: peskov-said
    by: peskov
    text: No answer yet.
issues:
  - id: guarantees
    title: Security guarantees
    status: progressing
    positions:
      - by: sergei-lavrov
        stance: No foreign troops.
      - by: rubio
        stance: Guarantees after a ceasefire.
      - by: peskov
        stance: Talks go on.
  - id: sanctions-relief
    title: sanctions RELIEF
    status: stalled
  - id: energy
    title: Energy strikes
"""


def briefs(write_brief) -> tuple[Brief, Brief]:
    old = load_brief(write_brief(OLD, "day-1.yaml")).brief
    new = load_brief(write_brief(NEW, "day-2.yaml")).brief
    assert old is not None and new is not None
    return old, new


def test_items_are_matched_by_id_or_by_what_they_are(write_brief):
    old, new = briefs(write_brief)
    changes = compare(old, new)
    # Lavrov has another id but the same name; his quote the same words: neither is new.
    assert [a.id for a in changes.new_actors] == ["peskov"]
    assert [a.id for a in changes.removed_actors] == ["witkoff"]
    assert [q.id for q in changes.new_quotes] == ["peskov-said"]
    assert [q.id for q in changes.removed_quotes] == ["rubio-said"]
    assert [i.id for i in changes.new_issues] == ["energy"]
    assert [i.id for i in changes.removed_issues] == ["prisoners"]  # sanctions: same title, another id


def test_an_issue_changes_with_its_status_or_any_stance(write_brief):
    old, new = briefs(write_brief)
    (change,) = compare(old, new).changed_issues
    assert change.new.id == "guarantees" and change.status_changed
    assert (change.old.status, change.new.status) == ("open", "progressing")
    stances = [(s.actor_id, s.name, s.old and s.old.stance, s.new and s.new.stance) for s in change.stances]
    assert stances == [
        ("rubio", "Marco Rubio", "Guarantees first.", "Guarantees after a ceasefire."),
        ("peskov", "Dmitry Peskov", None, "Talks go on."),
        ("witkoff", "Steve Witkoff", "A deal is close.", None),
    ]


def test_a_brief_compared_with_itself_has_no_changes(write_brief):
    old, _ = briefs(write_brief)
    changes = compare(old, old)
    assert changes.empty
    assert changes_text(changes).endswith("\nNo changes in actors, quotes or issues.\n")


def test_the_text_lists_every_change_with_file_and_line(write_brief):
    old, new = briefs(write_brief)
    text = changes_text(compare(old, new))
    o, n = old.path, new.path
    assert text.splitlines() == [
        f"Changes from {o} to {n}",
        "  was: Talks, day one (2026-01-01)",
        "  now: Talks, day two (2026-01-02)",
        "",
        "New actors (1)",
        f"  + Dmitry Peskov [peskov]  {n}:12",
        "",
        "Removed actors (1)",
        f"  - Steve Witkoff [witkoff]  {o}:11",
        "",
        "Changed issues (1)",
        f"  ~ Security guarantees  {n}:22",
        "      status: open \u2192 progressing",
        "      Marco Rubio: position changed",
        f"        was: Guarantees first.  {o}:28",
        f"        now: Guarantees after a ceasefire.  {n}:29",
        "      Dmitry Peskov: new position",
        f"        now: Talks go on.  {n}:31",
        "      Steve Witkoff: no longer stated",
        f"        was: A deal is close.  {o}:30",
        "",
        "New issues (1)",
        f"  + Energy strikes (open)  {n}:35",
        "",
        "Removed issues (1)",
        f"  - Prisoner exchange (progressing)  {o}:34",
        "",
        "New quotes (1)",
        f"  + \u201cNo answer yet.\u201d \u2014 Dmitry Peskov  {n}:18",
        "",
        "Removed quotes (1)",
        f"  - \u201cNot yet.\u201d \u2014 Marco Rubio  {o}:17",
    ]


def test_names_are_compared_without_case_accents_or_punctuation():
    assert name_key("Sergéi  LAVROV") == name_key("sergei lavrov") == "sergei lavrov"
    assert name_key("Sergei V. Lavrov") != name_key("Sergei Lavrov")


def test_a_generated_series_changes_status_as_it_was_generated(tmp_path):
    paths = write_series(tmp_path, 7)
    day5, day6 = (load_brief(p).brief for p in paths[5:7])
    assert day5 is not None and day6 is not None
    changes = compare(day5, day6)
    # Statuses move on every third day; the guest of the day changes every day.
    assert [(c.old.status, c.new.status) for c in changes.changed_issues] == [
        (STATUSES[(5 // 3 + k) % 4], STATUSES[(6 // 3 + k) % 4]) for k in range(4)
    ]
    assert len(changes.new_actors) == len(changes.removed_actors) == 1
    assert len(changes.new_quotes) == 12


def test_a_leaning_that_moves_is_a_change_of_stance_even_in_the_same_words(write_brief):
    from tests.conftest import run_briefing
    from tests.core.test_markings import FIXTURE

    text = FIXTURE.read_text(encoding="utf-8")
    old = write_brief(text, "old.yaml")
    new = write_brief(text.replace("        leaning: supports\n", "        leaning: opposes\n", 1), "new.yaml")

    def load(path) -> Brief:
        brief = load_brief(path).brief
        assert brief is not None
        return brief

    changes = compare(load(old), load(new))
    (change,) = changes.changed_issues
    assert [(s.actor_id, s.leaning) for s in change.stances] == [("union", "supports \u2192 opposes")]
    assert "      Dockers Union: position changed (supports \u2192 opposes)" in changes_text(changes)
    done = run_briefing("diff", old, new)
    assert done.returncode == 0 and "Dockers Union: position changed (supports \u2192 opposes)" in done.stdout
    assert compare(load(old), load(old)).empty

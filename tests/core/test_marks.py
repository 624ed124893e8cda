"""Marks: the user's, kept per brief in the user's data folder, in the user's order,
surviving a restart; a mark whose item is gone is kept and reads as gone."""

from __future__ import annotations

import json
from pathlib import Path

from briefing_tui.core import LinkIndex, load_brief
from briefing_tui.core.marks import Marks, file_name, key_point_ref, timeline_ref
from briefing_tui.core.ref import Ref
from briefing_tui.core.talking_points import mark_label, talking_points, talking_points_sheet
from tests.conftest import REAL_BRIEF

PESKOV = Ref("quote", "peskov-no-answer")
RUBIO = Ref("quote", "rubio-very-difficult")
ZELENSKY_ON_MEETING = Ref.position("putin-zelensky-meeting", "zelensky")


def real() -> LinkIndex:
    brief = load_brief(REAL_BRIEF).brief
    assert brief is not None
    return LinkIndex(brief)


def test_marks_are_kept_in_order_with_notes_in_the_users_data_folder(private_user_folders):
    _, data = private_user_folders
    marks = Marks("brief-a")
    assert marks.toggle(PESKOV, "peskov") and marks.toggle(RUBIO) and marks.toggle(ZELENSKY_ON_MEETING)
    assert marks.move(ZELENSKY_ON_MEETING, -5) == 0  # to the top, no further
    marks.set_note(RUBIO, "  Ask about\nDonetsk  ")
    assert marks.path.parent == data / "marks" and marks.path.is_file()
    again = Marks("brief-a")  # as after a restart
    assert [m.ref for m in again] == [ZELENSKY_ON_MEETING, PESKOV, RUBIO]
    assert again.marks[2].note == "Ask about Donetsk" and again.marks[1].label == "peskov"
    assert not again.toggle(PESKOV) and PESKOV not in Marks("brief-a")
    assert [m.ref for m in Marks("brief-b")] == []  # per brief


def test_a_mark_of_an_item_in_another_brief_is_kept_as_one_of_this_brief():
    marks = Marks("b")
    marks.toggle(PESKOV.in_brief("/elsewhere/brief.yaml"))
    assert PESKOV in marks and Marks("b").marks[0].ref == PESKOV


def test_a_mark_whose_item_was_removed_is_kept_and_reads_as_gone(tmp_path: Path):
    index = real()
    marks = Marks(index.brief.id)
    for ref in (PESKOV, Ref("quote", "removed-since"), key_point_ref(index.brief.key_points[0])):
        marks.toggle(ref, mark_label(ref, index) if ref != Ref("quote", "removed-since") else "“Words once said” — Someone")
    points = talking_points(Marks(index.brief.id), index)
    assert [p.gone for p in points] == [False, True, False]
    assert points[1].line == "(no longer in the brief) “Words once said” — Someone"
    assert points[2].line.startswith("Russia has renewed its invitation for Volodymyr Zelensky")
    assert len(Marks(index.brief.id)) == 3  # never dropped


def test_talking_points_read_as_said_in_a_meeting():
    index = real()
    marks = Marks(index.brief.id)
    event = index.brief.timeline[0]
    for ref in (PESKOV, ZELENSKY_ON_MEETING, timeline_ref(event.date.isoformat(), event.text)):
        marks.toggle(ref)
    marks.set_note(PESKOV, "Kyiv has not answered")
    lines = [p.line for p in talking_points(marks, index)]
    assert lines[0] == (
        "\u201cWe have reiterated our invitation, but so far there has been no answer\u201d"
        " \u2014 Dmitry Peskov, Kremlin spokesman (Interfax news agency, 2026-01-29) [F?]"
    )
    assert lines[1].startswith("Volodymyr Zelensky: Turned down a similar invitation")
    assert lines[1].endswith("(A Putin\u2013Zelensky meeting and the invitation to Moscow) [unclear]")
    assert lines[2].startswith("2026-01-24: Weekend of 24\u201325 January.")
    sheet = talking_points_sheet(talking_points(marks, index), index.brief)
    assert sheet.blocks[0].text == index.brief.title  # type: ignore[union-attr]
    assert "Sources: " in sheet.blocks[2].text and "Interfax news agency" in sheet.blocks[2].text  # type: ignore[union-attr]


def test_an_unreadable_file_is_set_aside_said_and_never_written_over():
    marks = Marks("broken")
    marks.path.parent.mkdir(parents=True, exist_ok=True)
    marks.path.write_text("{not json", encoding="utf-8")
    again = Marks("broken")
    assert "could not be read" in again.problem and len(again) == 0
    kept = again.path.with_name(again.path.name + ".unreadable")
    assert kept.read_text(encoding="utf-8") == "{not json"
    again.toggle(PESKOV)
    assert [m.ref for m in Marks("broken")] == [PESKOV] and kept.exists()


def test_a_file_naming_no_item_is_not_read_as_marks():
    marks = Marks("odd")
    marks.path.parent.mkdir(parents=True, exist_ok=True)
    marks.path.write_text(json.dumps({"marks": [{"kind": "web", "id": "https://x"}]}), encoding="utf-8")
    assert "names no item" in Marks("odd").problem


def test_file_names_are_safe_and_distinct_for_any_id():
    names = {file_name(i) for i in ("../../etc/passwd", "a/b", "a:b", "", "\x1b[31m", "a" * 500)}
    assert len(names) == 6
    assert all("/" not in n and n.endswith(".json") and len(n) < 100 and "\x1b" not in n for n in names)

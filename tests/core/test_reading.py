"""The reading record: what the user read of a brief (each item's content), where they
left it, and what is new or changed since, from the real loader on real files."""

from __future__ import annotations

from briefing_tui.core import load_brief
from briefing_tui.core.reading import ReadingRecord, content_hash
from briefing_tui.core.ref import Ref
from tests.conftest import REAL_BRIEF


def test_an_items_hash_follows_what_it_says_not_where_it_is_written(tmp_path):
    text = REAL_BRIEF.read_text(encoding="utf-8")
    before = load_brief(REAL_BRIEF).brief
    moved = tmp_path / "moved.yaml"
    moved.write_text(text.replace("summary:", "# a comment that moves every line down\nsummary:", 1), encoding="utf-8")
    after = load_brief(moved).brief
    assert before is not None and after is not None
    assert [content_hash(i) for i in before.issues] == [content_hash(i) for i in after.issues]
    assert before.issues[0].location != after.issues[0].location
    # One word more in the first stance of the first issue (its folded text's first line).
    lines = text.splitlines(keepends=True)
    first_stance = lines.index("        stance: >-\n", before.issues[0].location.line) + 1
    lines[first_stance] = "          Still " + lines[first_stance].lstrip()
    changed = tmp_path / "changed.yaml"
    changed.write_text("".join(lines), encoding="utf-8")
    edited = load_brief(changed).brief
    assert edited is not None
    assert content_hash(edited.issues[0]) != content_hash(before.issues[0])


def test_the_first_reading_marks_nothing_and_what_is_read_stays_read(tmp_path):
    brief = load_brief(REAL_BRIEF).brief
    assert brief is not None
    first = ReadingRecord(brief, tmp_path)
    assert first.news == {} and first.path.exists()
    text = REAL_BRIEF.read_text(encoding="utf-8").replace("    text: very good things\n", "    text: very good things indeed\n")
    path = tmp_path / "brief.yaml"
    path.write_text(text, encoding="utf-8")
    edited = load_brief(path).brief
    assert edited is not None
    record = ReadingRecord(edited, tmp_path)
    assert record.news == {Ref("quote", "trump-very-good-things"): "changed"} and record.counts() == (0, 1)
    assert record.seen(Ref("quote", "trump-very-good-things"))
    assert ReadingRecord(edited, tmp_path).news == {}
    # Not kept (a served reader): nothing read from disk, nothing written.
    elsewhere = tmp_path / "elsewhere"
    assert ReadingRecord(brief, elsewhere, kept=False).news == {} and not elsewhere.exists()


def test_a_reading_record_that_is_not_one_is_no_place_to_reopen(private_user_folders):
    from briefing_tui.core.history import Place
    from briefing_tui.core.reading import left_at, place_data, place_from, reading_folder
    from briefing_tui.core.ref import Ref

    place = Place("quotes", Ref("quote", "q1"), Ref("quote", "q1"), 12, 2)
    assert place_from(place_data(place)) == place
    assert place_from({"pane": "quotes", "scroll": "far"}) is None
    folder = reading_folder()
    folder.mkdir(parents=True)
    from briefing_tui.core.marks import file_name

    (folder / file_name("b")).write_text("[not, a, record]", encoding="utf-8")
    assert left_at("b") is None

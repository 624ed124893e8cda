"""One test per kind of finding: the message says what is wrong, at the right line:column."""

from __future__ import annotations

import codecs
import os
import subprocess
import sys
from pathlib import Path

import pytest

from briefing_tui.core import load_brief
from briefing_tui.core.findings import Finding, Limits

BASE = """\
brief: 1
title: A brief
date: 2026-01-29
summary: See [[zelensky]].
actors:
  - id: zelensky
    name: Volodymyr Zelensky
    aliases: [Zelensky]
  - id: putin
    name: Vladimir Putin
sources:
  - id: interfax
    name: Interfax
issues:
  - id: territory
    title: Who gets what territory
"""


def findings_of(write_brief, text: str, name: str = "brief.yaml") -> list[str]:
    """Every finding of the file, as `LINE:COL: severity: message` (path left out)."""
    path = write_brief(text, name)
    result = load_brief(path)
    if any(f.is_error for f in result.findings):
        assert result.brief is None
    return [str(f).removeprefix(f"{path}:") for f in result.findings]


def test_the_base_brief_is_clean(write_brief):
    assert findings_of(write_brief, BASE) == []


def test_yaml_syntax_error_points_at_the_problem(write_brief):
    found = findings_of(write_brief, BASE + "quotes:\n  - id: q\n    text: [unclosed\n")
    assert len(found) == 1
    assert found[0].startswith("20:1: error: YAML syntax:")


def test_tab_indentation_is_named(write_brief):
    found = findings_of(write_brief, "brief: 1\ntags:\n\t- a\n")
    assert found == [
        "3:1: error: YAML syntax: found character that cannot start any token (while scanning for the next token); this is a tab: indent with spaces"
    ]


def test_wrong_type(write_brief):
    found = findings_of(write_brief, BASE.replace("title: A brief", "title: [a, b]"))
    assert found == ["2:8: error: the title must be text, not a list"]


def test_bare_word_read_as_another_type_says_to_quote_it(write_brief):
    text = BASE.replace("    name: Vladimir Putin", "    name: Vladimir Putin\n    side: no")
    found = findings_of(write_brief, text)
    assert found == ["11:11: error: the side of actors[1] must be text, but 'no' reads as a yes/no value in YAML; put it in quotes"]


def test_missing_required_fields(write_brief):
    found = findings_of(write_brief, "brief: 1\ntitle: Only a title\n")
    assert found == [
        "1:1: error: the brief has no 'date'",
        "1:1: error: the brief has no 'summary'",
    ]


def test_missing_required_field_of_an_item(write_brief):
    found = findings_of(write_brief, BASE + "quotes:\n  - id: q1\n    text: Hello\n")
    assert found == ["18:5: error: quotes[0] has no 'by': whose words are they?"]


def test_missing_format_version(write_brief):
    found = findings_of(write_brief, BASE.replace("brief: 1\n", ""))
    assert found == ["1:1: error: the brief has no 'brief' field: start the file with 'brief: 1'"]


def test_unsupported_format_version(write_brief):
    found = findings_of(write_brief, BASE.replace("brief: 1", "brief: 2"))
    assert found == ["1:8: error: unsupported format version 2: this reader knows version 1"]


@pytest.mark.parametrize("written", ["01", "+1", "0_1", "0x1"])
def test_the_format_version_is_written_plainly(write_brief, written):
    # YAML reads each of these as the number 1; a version is written as 1.
    found = findings_of(write_brief, BASE.replace("brief: 1", f"brief: {written}"))
    assert found == [f"1:8: error: the format version is written '{written}': write it as 1"]


def test_a_value_holding_a_colon_gets_a_hint_to_quote_it(write_brief):
    found = findings_of(write_brief, BASE.replace("title: A brief", "title: Day two: Kyiv answers"))
    assert found == [
        '2:15: error: YAML syntax: mapping values are not allowed in this context; a value holding ": " must be in quotes: title: "Day two: Kyiv answers"'
    ]


def test_bad_id(write_brief):
    found = findings_of(write_brief, BASE.replace("id: putin", "id: Putin_V"))
    assert found == ["9:9: error: bad id 'Putin_V': use lowercase letters, digits and '-', starting with a letter or digit"]


def test_duplicate_id_across_kinds(write_brief):
    found = findings_of(write_brief, BASE.replace("id: territory", "id: interfax"))
    assert found == ["15:9: error: duplicate id 'interfax': already used by a source at 12:9"]


def test_unknown_reference_suggests_the_closest_id(write_brief):
    found = findings_of(write_brief, BASE + "quotes:\n  - id: q1\n    by: zelenksy\n    text: Hello\n")
    assert found == ["19:9: error: the speaker ('by') of quotes[0] 'zelenksy' is not the id of any actor; did you mean 'zelensky'?"]


def test_reference_by_name_suggests_the_id(write_brief):
    found = findings_of(write_brief, BASE + "quotes:\n  - id: q1\n    by: Vladimir Putin\n    text: Hello\n")
    assert found == ["19:9: error: the speaker ('by') of quotes[0] 'Vladimir Putin' is not the id of any actor; did you mean 'putin'?"]


def test_reference_to_the_wrong_kind_of_item(write_brief):
    text = BASE + "quotes:\n  - id: q1\n    by: interfax\n    text: Hello\n    about: [putin]\n"
    assert findings_of(write_brief, text) == [
        "19:9: error: the speaker ('by') of quotes[0] 'interfax' is a source, not an actor",
        "21:13: error: an entry of 'about' of quotes[0] 'putin' is an actor, not an issue",
    ]


def test_unknown_wikilink_is_located_inside_a_block_scalar(write_brief):
    text = BASE.replace(
        "summary: See [[zelensky]].",
        "summary: |\n  First line mentions [[zelensky]].\n  Then [[territory|land]] and [[putn]] here.",
    )
    assert findings_of(write_brief, text) == ["6:31: error: link [[putn]] points to no item; did you mean 'putin'?"]


def test_unknown_wikilink_in_a_plain_scalar(write_brief):
    found = findings_of(write_brief, BASE.replace("See [[zelensky]]", "See [[zelenskyy|him]]"))
    assert found == ["4:14: error: link [[zelenskyy]] points to no item; did you mean 'zelensky'?"]


def test_bad_date(write_brief):
    found = findings_of(write_brief, BASE.replace("date: 2026-01-29", "date: 2024-13-45"))
    assert found == ["3:7: error: the date '2024-13-45' is not a real date (month must be in 1..12)"]


def test_date_in_another_format(write_brief):
    found = findings_of(write_brief, BASE.replace("date: 2026-01-29", "date: 29/01/2026"))
    assert found == ["3:7: error: the date '29/01/2026' is not a date: write it as YYYY-MM-DD"]


def test_date_with_a_time(write_brief):
    found = findings_of(write_brief, BASE.replace("date: 2026-01-29", "date: 2026-01-29 10:00:00"))
    assert found == ["3:7: error: the date '2026-01-29 10:00:00' is not a date: write it as YYYY-MM-DD without a time"]


def test_quoted_iso_date_is_accepted(write_brief):
    assert findings_of(write_brief, BASE.replace("date: 2026-01-29", 'date: "2026-01-29"')) == []


def test_bad_status(write_brief):
    found = findings_of(write_brief, BASE + "    status: stuck\n")
    assert found == ["17:13: error: the status of issues[0] 'stuck' is not one of open | progressing | stalled | resolved"]


def test_bad_status_with_a_suggestion(write_brief):
    found = findings_of(write_brief, BASE + "    status: progresing\n")
    assert found[0].endswith("did you mean 'progressing'?")


def test_bad_actor_kind(write_brief):
    found = findings_of(write_brief, BASE.replace("name: Vladimir Putin", "name: Vladimir Putin\n    kind: persn"))
    assert found == ["11:11: error: the kind of actors[1] 'persn' is not one of person | organisation | state; did you mean 'person'?"]


@pytest.mark.parametrize("url", ["ftp://example.org/x", "javascript:alert(1)", "example.org", "file:///etc/passwd"])
def test_non_http_url(write_brief, url):
    found = findings_of(write_brief, BASE.replace("name: Interfax", f"name: Interfax\n    url: {url}"))
    assert found == ["14:10: error: the url of sources[0] must start with http:// or https://"]


def test_http_and_https_urls_are_accepted(write_brief):
    text = BASE.replace("name: Interfax", "name: Interfax\n    url: https://interfax.example/a?b=1")
    assert findings_of(write_brief, text) == []


def test_unknown_key_is_a_warning_with_a_suggestion(write_brief):
    path = write_brief(BASE.replace("    name: Vladimir Putin", "    name: Vladimir Putin\n    alises: [Putin]"))
    result = load_brief(path)
    assert [str(f).removeprefix(f"{path}:") for f in result.findings] == ["11:5: warning: unknown key 'alises' in actors[1]; did you mean 'aliases'?"]
    assert result.ok and result.brief is not None  # warnings do not stop the brief loading


def test_duplicate_key(write_brief):
    found = findings_of(write_brief, BASE.replace("date: 2026-01-29", "date: 2026-01-29\ntitle: Again"))
    assert found == ["4:1: error: duplicate key 'title' in the brief (first given at 2:1)"]


def test_name_shared_by_two_actors(write_brief):
    found = findings_of(write_brief, BASE.replace("name: Vladimir Putin", "name: Vladimir Putin\n    aliases: [Zelensky]"))
    assert found == ["11:15: error: 'Zelensky' already names the actor 'zelensky' (at 8:15); mentions of it would be ambiguous"]


@pytest.mark.parametrize(
    ("name", "odd"),
    [
        ("\u0420utin", "U+0420 CYRILLIC CAPITAL LETTER ER"),
        ("Pu\u200btin", "U+200B ZERO WIDTH SPACE"),
        ("\uff30utin", "U+FF30 FULLWIDTH LATIN CAPITAL LETTER P"),
    ],
)
def test_look_alike_names_of_two_actors_get_a_warning(write_brief, name, odd):
    text = BASE.replace("name: Vladimir Putin", f'name: Putin\n  - id: other\n    name: "{name}"')
    shown = name.replace("\u200b", "\\u200b")
    assert findings_of(write_brief, text) == [
        f"12:11: warning: '{shown}' looks like 'Putin', a name of the actor 'putin' (at 10:11), but is other text ({odd})"
    ]


def test_two_positions_by_one_actor(write_brief):
    text = BASE + "    positions:\n      - by: putin\n        stance: A\n      - by: putin\n        stance: B\n"
    assert findings_of(write_brief, text) == ["20:9: error: 'putin' already has a position on this issue (at 19:17)"]


def test_unsupported_tag_is_never_constructed(write_brief):
    found = findings_of(write_brief, BASE.replace("title: A brief", "title: !!python/object/apply:os.system [echo hi]"))
    assert found == ["2:8: error: unsupported YAML tag '!!python/object/apply:os.system': briefs hold plain text, dates and lists"]


def test_all_findings_are_collected_in_one_pass(write_brief):
    text = (
        BASE.replace("brief: 1", "brief: 3").replace("date: 2026-01-29", "date: soon").replace("id: putin", "id: zelensky") + "    status: closed\n"
    )
    found = findings_of(write_brief, text)
    assert [f.split(": error")[0] for f in found] == ["1:8", "3:7", "9:9", "17:13"]


def test_empty_file(write_brief):
    assert findings_of(write_brief, "") == ["1:1: error: the file is empty: a brief needs at least brief, title, date and summary"]


def test_file_with_only_comments(write_brief):
    assert findings_of(write_brief, "# nothing yet\n") == [
        "1:1: error: the file holds only comments: a brief needs at least brief, title, date and summary"
    ]


@pytest.mark.parametrize(("text", "kind"), [("- a\n- b\n", "a list"), ("just words\n", "text"), ("42\n", "a number")])
def test_top_level_must_be_a_mapping(write_brief, text, kind):
    assert findings_of(write_brief, text) == [f"1:1: error: a brief must be a mapping of fields at the top level, not {kind}"]


def test_not_utf8(tmp_path: Path):
    path = tmp_path / "latin1.yaml"
    path.write_bytes("brief: 1\ntitle: Caf\u00e9 talks\n".encode("latin-1"))
    [finding] = load_brief(path).findings
    assert str(finding) == f"{path}:2:11: error: not valid UTF-8 text (byte 0xE9); briefs are UTF-8 text files"


def test_binary_file(tmp_path: Path):
    path = tmp_path / "image.yaml"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    [finding] = load_brief(path).findings
    assert str(finding) == f"{path}:3:1: error: binary file (it holds NUL bytes), not a YAML brief"


def test_utf16_with_bom_is_read(tmp_path: Path):
    from tests.conftest import MINIMAL

    path = tmp_path / "wide.yaml"
    path.write_bytes(codecs.BOM_UTF16_LE + MINIMAL.encode("utf-16-le"))
    result = load_brief(path)
    assert result.ok and result.brief is not None and result.brief.title == "A small brief"


def test_missing_file(tmp_path: Path):
    result = load_brief(tmp_path / "nope.yaml")
    assert [str(f) for f in result.findings] == [f"{tmp_path / 'nope.yaml'}: error: no such file"]


def test_directory(tmp_path: Path):
    folder = tmp_path / "x.yaml"
    folder.mkdir()
    assert [f.message for f in load_brief(folder).findings] == ["is a directory, not a brief file"]


def test_file_too_large(write_brief):
    path = write_brief("title: " + "x" * 2000 + "\n")
    result = load_brief(path, Limits(max_file_bytes=1000))
    assert [f.message for f in result.findings] == ["file too large (2,008 bytes; the limit is 1,000)"]


def test_text_too_long(write_brief):
    path = write_brief(BASE.replace("title: A brief", "title: " + "x" * 50))
    result = load_brief(path, Limits(max_text_chars=40))
    assert [str(f).removeprefix(f"{path}:") for f in result.findings] == ["2:8: error: the title is too long (50 characters; the limit is 40)"]


def test_findings_format_as_path_line_column():
    from briefing_tui.core.model import Location

    assert str(Finding("a.yaml", Location(3, 7), "error", "bad")) == "a.yaml:3:7: error: bad"
    assert str(Finding("a.yaml", None, "error", "no such file")) == "a.yaml: error: no such file"


def test_values_in_messages_are_escaped_and_cut_short(write_brief):
    text = BASE + '"odd\\nkey\\u001b[31m": 1\n' + "x" * 100 + ": 2\n"
    found = findings_of(write_brief, text)
    assert found[0] == "17:1: warning: unknown key 'odd\\x0akey\\x1b[31m' in the brief"
    assert found[1] == f"18:1: warning: unknown key '{'x' * 59}\u2026' in the brief"


def test_follows_names_an_earlier_brief(write_brief):
    path = write_brief(BASE.replace("brief: 1\n", "brief: 1\nid: day-two\nfollows: day-one\n"))
    brief = load_brief(path).brief
    assert brief is not None and brief.follows == "day-one"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("Day One", "3:10: error: 'follows' names a brief by its id, and 'Day One' is not an id"),
        ("day-two", "3:10: error: a brief cannot follow itself: 'follows' names the id of an earlier brief"),
        ("[a, b]", "3:10: error: 'follows' must be text, not a list"),
    ],
)
def test_follows_must_be_another_briefs_id(write_brief, value, message):
    text = BASE.replace("brief: 1\n", f"brief: 1\nid: day-two\nfollows: {value}\n")
    assert findings_of(write_brief, text) == [message]


def test_links_are_located_past_wide_characters_and_crlf_line_ends(write_brief):
    # Columns count characters, not bytes, and CRLF is one line break.
    text = BASE.replace(
        "summary: See [[zelensky]].",
        "summary: |\n  Київ — café 😀 [[zelensky]].\n  Then 日本 [[putn]] here.",
    ).replace("\n", "\r\n")
    assert findings_of(write_brief, text) == ["6:11: error: link [[putn]] points to no item; did you mean 'putin'?"]


def test_nesting_deeper_than_the_limit(write_brief):
    deep = "notes: " + "[" * 12 + "]" * 12 + "\n"
    path = write_brief(BASE + deep)
    result = load_brief(path, Limits(max_depth=10))
    assert [str(f).removeprefix(f"{path}:") for f in result.findings] == ["17:17: error: the YAML is nested too deeply to read (more than 10 levels)"]
    assert load_brief(path, Limits(max_depth=13)).brief is not None  # only a warning left


def test_aliases_beyond_the_limit(write_brief):
    path = write_brief(BASE + "tags: &t [a, b]\nextra: [" + ", ".join(["*t"] * 6) + "]\n")
    result = load_brief(path, Limits(max_aliases=5))
    assert [str(f).removeprefix(f"{path}:") for f in result.findings] == ["18:29: error: too many aliases (more than 5)"]
    assert load_brief(path, Limits(max_aliases=6)).brief is not None


def test_aliases_that_repeat_more_text_than_the_file_holds(write_brief):
    # The summary (200 characters and a value) repeated by aliases: the third use goes
    # past the file's own size, and is where the error points; what follows is not read.
    text = BASE.replace("summary: See [[zelensky]].", "summary: &s " + "x" * 200) + "key_points: [*s, *s, *s, *s]\ntags: [*s]\n"
    path = write_brief(text)
    result = load_brief(path, Limits(max_repeated_text=10))
    size = path.stat().st_size
    assert [str(f).removeprefix(f"{path}:") for f in result.findings] == [
        f"17:22: error: aliases repeat too much text from here on (1,005 characters and values in all; "
        f"the limit is {size:,}, the file's size or 10 if more): write long text once, and alias only short values"
    ]
    assert load_brief(path, Limits(max_repeated_text=1005)).brief is not None


def test_a_list_beyond_the_limit_is_counted_whole(write_brief):
    quotes = "quotes:\n" + "".join(f"  - {{id: q{n}, by: putin, text: Words {n}.}}\n" for n in range(7))
    path = write_brief(BASE + quotes)
    result = load_brief(path, Limits(max_list_items=5))
    assert [str(f).removeprefix(f"{path}:") for f in result.findings] == ["18:3: error: quotes has 7 entries; the limit is 5"]


def test_a_syntax_error_after_the_items_is_the_only_finding(write_brief):
    # Items are checked as they are read; when the file breaks further down,
    # what was found before the break is not reported on its own.
    text = BASE.replace("    name: Interfax", "    name: Interfax\n    colour: blue") + "timeline: [\n  - oops\n"
    found = findings_of(write_brief, text)
    assert len(found) == 1 and found[0].startswith("19:") and "YAML syntax" in found[0]


def test_a_second_document_is_an_error(write_brief):
    found = findings_of(write_brief, BASE + "---\nbrief: 1\n")
    assert found == ["17:1: error: YAML syntax: but found another document (expected a single document in the stream)"]


def test_items_are_checked_in_file_order(write_brief):
    # The first definition of an id is the one kept, whichever section it is in.
    text = BASE.replace("issues:\n  - id: territory", "issues:\n  - id: putin")
    assert findings_of(write_brief, text) == ["15:9: error: duplicate id 'putin': already used by an actor at 9:9"]


def test_a_syntax_error_at_the_end_of_a_file_without_a_final_line_break_is_inside_it(write_brief):
    # libyaml places the end of such a file on a line past its last one.
    text = BASE + "timeline: [oops"
    found = findings_of(write_brief, text)
    assert len(found) == 1 and found[0].startswith("17:16: error: YAML syntax:"), found


# As if the file were replaced by a FIFO between the look at it (os.stat still sees
# the file that was there) and its opening.
SWAPPED = """
import os, sys
fifo, regular = sys.argv[1:3]
real = os.stat
os.stat = lambda path, *a, **k: real(regular) if os.fspath(path) == fifo else real(path, *a, **k)
from briefing_tui.core import load_brief
print([str(f) for f in load_brief(fifo).findings])
"""


def test_a_fifo_swapped_in_after_the_look_is_never_waited_on(tmp_path: Path):
    fifo, regular = tmp_path / "brief.yaml", tmp_path / "was.yaml"
    os.mkfifo(fifo)
    regular.write_text(BASE, encoding="utf-8")
    result = subprocess.run([sys.executable, "-c", SWAPPED, str(fifo), str(regular)], capture_output=True, text=True, timeout=30)
    assert result.stdout.strip() == repr([f"{fifo}: error: not a regular file"]), result.stderr

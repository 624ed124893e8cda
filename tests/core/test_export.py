"""`show` output: JSON with links and backlinks that reads back into the same brief."""

from __future__ import annotations

import json

from briefing_tui.core import LinkIndex, load_brief
from briefing_tui.core.export import brief_data, brief_from_data, brief_markdown, brief_text
from tests.conftest import REAL_BRIEF


def real():
    brief = load_brief(REAL_BRIEF).brief
    assert brief is not None
    return brief, LinkIndex(brief)


def test_json_round_trips_to_an_equal_brief():
    brief, index = real()
    data = json.loads(json.dumps(brief_data(brief, index)))
    again = brief_from_data(data)
    assert again == brief
    assert [q.location for q in again.quotes] == [q.location for q in brief.quotes]
    # The links derived from the rebuilt brief are the ones the JSON carried.
    rebuilt = LinkIndex(again)
    for actor in data["actors"]:
        assert len(actor["backlinks"]) == len(rebuilt.links_to(actor["id"]))


def test_json_items_carry_links_and_backlinks():
    brief, index = real()
    data = brief_data(brief, index)
    rubio = next(a for a in data["actors"] if a["id"] == "rubio")
    assert {"from": "rubio-very-difficult", "field": "by", "to": "rubio", "via": "reference"} in rubio["backlinks"]
    quote = next(q for q in data["quotes"] if q["id"] == "peskov-no-answer")
    assert {(l["to"], l["via"]) for l in quote["links"]} >= {("peskov", "reference"), ("interfax", "reference")}
    assert all(isinstance(item["line"], int) for item in data["issues"])


def test_json_section():
    brief, index = real()
    data = brief_data(brief, index, "quotes")
    assert set(data) == {"format", "path", "id", "title", "date", "follows", "marking", "quotes"}
    assert len(data["quotes"]) == len(brief.quotes)


def test_text_shows_links_as_what_they_show():
    brief, index = real()
    text = brief_text(brief, index)
    assert "[[" not in text
    assert "\u201cWe have reiterated our invitation, but so far there has been no answer\u201d" in text
    assert "Dmitry Peskov, Kremlin spokesman, Interfax news agency, 2026-01-29" in text


def test_markdown_turns_links_into_anchors():
    brief, index = real()
    md = brief_markdown(brief, index)
    assert md.startswith(f"# {brief.title}\n")
    assert "[Dmitry Peskov](#peskov)" in md and '<a id="peskov"></a>' in md
    assert "[[" not in md


def test_plain_uses_the_shown_text_or_the_label():
    brief, index = real()
    assert index.plain("See [[rubio]] and [[territory|the land]].") == "See Marco Rubio and the land."


def test_short_cuts_inside_a_first_word_longer_than_the_width():
    from briefing_tui.core.text import short

    assert short("[link=https://evil.example/]click me", 18) == "[link=https://evi\u2026"
    assert short("two words", 18) == "two words"
    assert short("Who gets what territory in the end", 18) == "Who gets what\u2026"

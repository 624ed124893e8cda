"""Links from the three sources: reference fields, [[id]] links and automatic mentions."""

from __future__ import annotations

import pytest

from briefing_tui.core import LinkIndex, load_text
from briefing_tui.core.text import sentence_around

BRIEF = """\
brief: 1
title: Talks
date: 2026-01-29
summary: |
  {summary}
actors:
  - id: putin
    name: Vladimir Putin
    aliases: [Putin]
    notes: Putin said so himself.
  - id: us
    name: United States
    aliases: [US]
  - id: zelensky
    name: Volodymyr Zelensky
    aliases: [Zelensky]
issues:
  - id: land
    title: Land
    positions:
      - by: putin
        stance: Wants all of it.
    actors: [us]
quotes:
  - id: q1
    by: zelensky
    text: Putin fires missiles every day.
    about: [land]
"""


def index_for(summary: str) -> LinkIndex:
    result = load_text(BRIEF.format(summary=summary), "t.yaml")
    assert result.brief is not None, result.findings
    return LinkIndex(result.brief)


def summary_links(index: LinkIndex) -> list[tuple[str, str, str]]:
    return [(l.target, l.via, index.brief.summary[l.start : l.end]) for l in index.links_from(None) if l.field == "summary"]


def test_mentions_fire_on_whole_words():
    index = index_for("Putin met Zelensky. Putin's aides agreed.")
    assert summary_links(index) == [("putin", "mention", "Putin"), ("zelensky", "mention", "Zelensky"), ("putin", "mention", "Putin")]


@pytest.mark.parametrize("text", ["Putinism spreads.", "RasPutin came.", "The USA voted.", "BUS stop.", "us and them"])
def test_mentions_never_fire_inside_words_or_in_another_case(text):
    assert summary_links(index_for(text)) == []


def test_a_hyphen_or_possessive_still_ends_a_word():
    assert [t for t, _, _ in summary_links(index_for("US-led talks; Zelensky's reply."))] == ["us", "zelensky"]


def test_mentions_never_fire_inside_wikilinks():
    index = index_for("We saw [[putin|Putin in Moscow]] and [[zelensky]].")
    assert summary_links(index) == [("putin", "link", "[[putin|Putin in Moscow]]"), ("zelensky", "link", "[[zelensky]]")]


def test_the_longest_name_wins():
    assert summary_links(index_for("Vladimir Putin spoke.")) == [("putin", "mention", "Vladimir Putin")]


def test_an_actor_does_not_mention_itself():
    index = index_for("Nothing.")
    assert [l for l in index.links_from("putin")] == []


def test_quote_text_mentions_actors_but_never_links():
    index = index_for("Nothing.")
    text_links = [(l.target, l.via) for l in index.links_from("q1") if l.field == "text"]
    assert text_links == [("putin", "mention")]


def test_reference_fields_are_links():
    index = index_for("Nothing.")
    assert {(l.source, l.field, l.target) for l in index.links_from("q1") if l.via == "reference"} == {
        ("q1", "by", "zelensky"),
        ("q1", "about", "land"),
    }
    assert {(l.field, l.target) for l in index.links_from("land") if l.via == "reference"} == {
        ("positions[0].by", "putin"),
        ("actors", "us"),
    }
    assert {l.source for l in index.links_to("putin")} == {"land", "q1"}


def test_backlink_context_is_the_sentence():
    index = index_for("The talks went on. Then Putin left early! Nobody knew why.")
    [link] = index.links_to("putin")[:1]
    assert link.context == "Then Putin left early!"


def test_sentence_around_spans_lines_and_stops_at_paragraphs():
    text = "First one.\nSecond\nsentence here. Third.\n\nNew para"
    start = text.index("sentence")
    assert sentence_around(text, start, start + 8) == "Second sentence here."
    assert sentence_around(text, text.index("New"), text.index("New") + 3) == "New para"

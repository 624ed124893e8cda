"""Markings: the brief shown at a TLP level keeps no word of a withheld item, leaves a
placeholder where it was, and every view reads that brief."""

from __future__ import annotations

from pathlib import Path

from briefing_tui.core import load_brief
from briefing_tui.core.export import brief_data, brief_markdown, brief_text, copy_text
from briefing_tui.core.links import LinkIndex
from briefing_tui.core.markings import banner, parse_level, rank, redact, stricter
from briefing_tui.core.model import is_withheld
from briefing_tui.core.redacted_search import redacted_index
from briefing_tui.core.search import SearchIndex

FIXTURE = Path(__file__).parent.parent / "fixtures" / "analyst.yaml"
SECRET_WORDS = ("zanzibar", "tangerine", "quietly", "confidential", "tipster", "secret-offer", "night")


def fixture():
    brief = load_brief(FIXTURE).brief
    assert brief is not None
    return brief


def secrets_in(text: str) -> list[str]:
    folded = text.lower()
    return [word for word in SECRET_WORDS if word in folded]


def test_levels_read_and_rank_as_the_traffic_light_protocol():
    assert [parse_level(t) for t in ("amber", "TLP:AMBER+STRICT", " tlp:red ", "WHITE", "")] == ["AMBER", "AMBER+STRICT", "RED", None, None]
    assert rank("CLEAR") < rank("GREEN") < rank("AMBER") < rank("AMBER+STRICT") < rank("RED") and rank(None) == rank("CLEAR")
    assert [stricter(None), stricter("AMBER+STRICT"), stricter("CLEAR")] == ["AMBER+STRICT", "AMBER", "CLEAR"]
    assert banner("AMBER") == "TLP:AMBER" and banner(None) == ""


def test_nothing_changes_at_no_level_or_at_the_highest():
    brief = fixture()
    assert redact(brief, None) is brief
    assert redact(brief, "RED") == brief


def test_items_above_the_level_become_placeholders_with_ids_that_say_nothing():
    brief = fixture()
    shown = redact(brief, "AMBER")
    assert secrets_in(repr(shown)) == []
    quotes = {q.id: q for q in shown.quotes}
    assert "secret-offer" not in quotes
    withheld = [q for q in shown.quotes if is_withheld(q.text)]
    assert [(q.text, q.by, q.source, q.about) for q in withheld] == [("[withheld quote: TLP:RED]", "ana", None, ("wages",))]
    assert [s.name for s in shown.sources] == ["Harbour Wire", "[withheld source: TLP:RED]"]
    wages, night = shown.issues
    assert [p.stance for p in wages.positions if p.by == "ana"] == ["[withheld position: TLP:RED]"]
    assert (night.title, night.summary, night.positions) == ("[withheld issue: TLP:RED]", None, ())
    # Below AMBER, the brief's own marking withholds every item that gives none, and its own text.
    low = redact(brief, "GREEN")
    assert low.title == "[withheld text: TLP:AMBER]" and low.summary == "[withheld text: TLP:AMBER]"
    assert [a.name for a in low.actors] == [
        "Port Authority",
        "[withheld actor: TLP:AMBER]",
        "[withheld actor: TLP:AMBER]",
        "[withheld actor: TLP:AMBER]",
    ]
    assert [q.text for q in low.quotes][0] == "Our door stays open."  # marked CLEAR itself


def test_no_view_of_the_redacted_brief_holds_a_withheld_word():
    shown = redact(fixture(), "AMBER")
    index = LinkIndex(shown)
    assert secrets_in(brief_text(shown, index)) == []
    assert secrets_in(brief_markdown(shown, index)) == []
    assert secrets_in(repr(brief_data(shown, index))) == []
    assert all(secrets_in(copy_text(item, index)) == [] for item in shown.items())
    assert "[withheld quote: TLP:RED]" in brief_text(shown, index)
    # A backlink's sentence is read from the redacted text: the summary's link to a
    # withheld quote would show the placeholder, never the words.
    for item in shown.items():
        assert all(secrets_in(link.context) == [] for link in index.links_to(item.id))


def test_search_finds_the_placeholder_and_never_the_words():
    shown = redact(fixture(), "AMBER")
    index = SearchIndex(shown)
    assert index.find("zanzibar") == ([], 0) and index.find("tangerine") == ([], 0) and index.find("tipster") == ([], 0)
    hits, total = index.find("withheld")
    assert total == 5  # the quote, the source, the position, the issue, the key point
    across = redacted_index([fixture()], "AMBER")
    assert across.find("tangerine") == ([], 0) and across.find("withheld")[1] == 5

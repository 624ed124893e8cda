"""The analyst's fields: each checked where it is written (with a did-you-mean for a
mistyped value), read into the model, kept by the cache, and said the same way by
every view (signs, pairs, staleness, paraphrase)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from briefing_tui.core import load_brief
from briefing_tui.core.analysis import (
    STALE_AFTER_DAYS,
    admiralty,
    by_leaning,
    is_stale,
    position_notes,
    quote_notes,
    quote_words,
    sign,
)
from briefing_tui.core.cache import BriefCache, load_brief_cached
from briefing_tui.core.links import LinkIndex
from briefing_tui.core.model import Relation
from tests.core.test_findings import BASE, findings_of

FIXTURE = Path(__file__).parent.parent / "fixtures" / "analyst.yaml"


def test_a_brief_with_every_field_is_clean_and_read_whole():
    result = load_brief(FIXTURE)
    assert result.findings == ()
    brief = result.brief
    assert brief is not None and brief.marking == "AMBER"
    sources = {s.id: s for s in brief.sources}
    assert (sources["wire"].reliability, sources["wire"].marking) == ("B", "GREEN")
    actors = {a.id: a for a in brief.actors}
    assert actors["ana"].relations == (Relation("port-authority", "spokesperson-for", dt.date(2025, 6, 1)),)
    quotes = {q.id: q for q in brief.quotes}
    assert quotes["union-paraphrase"].verbatim is False and quotes["ana-open"].verbatim is True
    assert (quotes["secret-offer"].translated_from, quotes["secret-offer"].lang, quotes["secret-offer"].credibility) == ("es", "en", 4)
    assert (quotes["ana-open"].confidence, quotes["ana-open"].marking) == ("high", "CLEAR")
    wages = brief.issues[0]
    assert [(p.by, p.leaning, p.confidence) for p in wages.positions][:2] == [
        ("union", "supports", "high"),
        ("port-authority", "leans-oppose", "moderate"),
    ]
    assert wages.positions[1].as_of == dt.date(2026, 1, 5) and wages.positions[2].marking == "RED"
    assert brief.issues[1].marking == "RED"


def test_the_cache_keeps_every_field(tmp_path):
    cache = BriefCache(tmp_path / "cache.sqlite")
    first = load_brief_cached(str(FIXTURE), cache)
    again = load_brief_cached(str(FIXTURE), cache)
    assert first.brief == again.brief == load_brief(FIXTURE).brief
    assert again.brief is not None and again.brief.issues[0].positions == load_brief(FIXTURE).brief.issues[0].positions  # type: ignore[union-attr]


WRONG = (
    BASE
    + """\
quotes:
  - id: q
    by: zelensky
    text: Words.
    source: interfax
    verbatim: maybe
    lang: Russian
    confidence: hihg
    credibility: 9
    marking: TLP:AMBR
"""
)


def test_every_wrong_value_is_an_error_where_it_is_written(write_brief):
    found = findings_of(write_brief, WRONG)
    assert found == [
        "22:15: error: 'verbatim' of quotes[0] must be true or false, not text",
        "23:11: error: 'lang' of quotes[0] 'Russian' is not a language tag: write it as 'en', 'ru' or 'pt-BR'",
        "24:17: error: the confidence of quotes[0] 'hihg' is not one of low | moderate | high; did you mean 'high'?",
        "25:18: error: the credibility of quotes[0] '9' must be a number from 1 (confirmed) to 6 (cannot be judged), not that",
        "26:14: error: the marking of quotes[0] 'TLP:AMBR' is not one of TLP:CLEAR | TLP:GREEN | TLP:AMBER | TLP:AMBER+STRICT | TLP:RED; did you mean 'TLP:AMBER'?",
    ]


def test_a_wrong_leaning_reliability_or_date_is_named(write_brief):
    text = BASE.replace(
        "    title: Who gets what territory\n",
        "    title: Who gets what territory\n    positions:\n      - by: zelensky\n        stance: No.\n"
        "        leaning: oposes\n        as_of: 2026-02-30\n",
    ).replace("    name: Interfax\n", "    name: Interfax\n    reliability: G\n")
    found = findings_of(write_brief, text)
    assert found == [
        "14:18: error: the reliability of sources[0] 'G' is not one of A | B | C | D | E | F",
        "21:18: error: the leaning of issues[0].positions[0] 'oposes' is not one of supports | leans-support | neutral | leans-oppose | opposes | conditional | unclear; did you mean 'opposes'?",
        "22:16: error: 'as_of' of issues[0].positions[0] '2026-02-30' is not a real date (day is out of range for month)",
    ]


def test_a_relation_is_checked_as_every_reference(write_brief):
    text = BASE.replace(
        "    name: Vladimir Putin\n",
        "    name: Vladimir Putin\n    relations:\n      - to: zelenksy\n        kind: leads\n"
        "      - to: putin\n        kind: leads\n      - to: zelensky\n        kind: membr-of\n      - kind: leads\n",
    )
    found = findings_of(write_brief, text)
    assert found == [
        "12:13: error: 'to' of actors[1].relations[0] 'zelenksy' is not the id of any actor; did you mean 'zelensky'?",
        "14:13: error: actors[1].relations[1] names the actor itself: a relation is to another actor",
        "17:15: error: the kind of actors[1].relations[2] 'membr-of' is not one of member-of | leads | spokesperson-for | represents | advises | envoy-of | reports-to | part-of | allied-with | opposes; did you mean 'member-of'?",
        "18:9: error: actors[1].relations[3] has no 'to': which actor is it a relation to?",
    ]


def test_a_relation_links_both_ways():
    brief = load_brief(FIXTURE).brief
    assert brief is not None
    index = LinkIndex(brief)
    assert [(l.source, l.field) for l in index.links_from("lars") if l.via == "reference"] == [("lars", "relations[0].to")]
    assert [(l.source, l.field) for l in index.links_to("port-authority") if l.via == "reference"] == [
        ("ana", "relations[0].to"),
        ("union", "relations[0].to"),
        ("wages", "positions[1].by"),
    ]


def test_signs_order_pairs_and_staleness():
    brief = load_brief(FIXTURE).brief
    assert brief is not None
    assert [sign(l) for l in ("supports", "leans-support", "neutral", "leans-oppose", "opposes", "conditional", "unclear", None)] == [
        "+", "\u00b1", "=", "\u2213", "\u2212", "~", "?", " ",
    ]  # fmt: skip
    wages = brief.issues[0]
    assert [p.by for p in by_leaning(wages.positions)] == ["union", "port-authority", "ana", "lars"]
    assert [p.by for p in by_leaning(tuple(reversed(wages.positions)))] == ["union", "port-authority", "ana", "lars"]
    assert admiralty("B", 2) == "B2" and admiralty(None, 3) == "?3" and admiralty(None, None) == ""
    assert STALE_AFTER_DAYS == 30
    # 30 days before 1 March 2026 is 30 January: older than that is stale.
    assert is_stale(dt.date(2026, 1, 29), brief.date) and not is_stale(dt.date(2026, 1, 30), brief.date)
    assert not is_stale(dt.date(2026, 1, 29), brief.date, stale_after_days=40)
    assert position_notes(wages.positions[1], brief) == ["leans to oppose", "moderate confidence", "as of 2026-01-05", "stale"]
    assert position_notes(wages.positions[0], brief) == ["supports", "high confidence", "as of 2026-02-25"]
    quotes = {q.id: q for q in brief.quotes}
    assert quote_words(quotes["union-paraphrase"]) == "The union would walk out if wages were not raised."
    assert quote_words(quotes["ana-open"]) == "\u201cOur door stays open.\u201d"
    assert quote_notes(quotes["union-paraphrase"], brief) == ["paraphrase", "B3", "stale"]
    assert quote_notes(quotes["secret-offer"], brief) == ["translated from es to en", "E4"]
    assert quote_notes(quotes["ana-open"], brief) == ["in en", "B2", "high confidence"]


def test_a_key_point_may_cite_its_source_with_a_credibility(write_brief):
    brief = load_brief(FIXTURE).brief
    assert brief is not None
    assert brief.key_points[1] == "The wire expects a deal within weeks."
    assert brief.key_point_note(0) is None
    assert brief.key_point_note(1) == (1, "wire", 2, None) and brief.key_point_note(2) == (2, "tipster", 5, "RED")
    from briefing_tui.core.analysis import key_point_notes

    assert key_point_notes(brief, 1) == ["Harbour Wire", "B2"] and key_point_notes(brief, 0) == []
    text = BASE + "key_points:\n  - text: One.\n    source: interfx\n    credibility: 0\n  - source: interfax\n  - Two.\n"
    assert findings_of(write_brief, text) == [
        "19:13: error: the source of key_points[0] 'interfx' is not the id of any source; did you mean 'interfax'?",
        "20:18: error: the credibility of key_points[0] '0' must be a number from 1 (confirmed) to 6 (cannot be judged), not that",
        "21:5: error: key_points[1] has no 'text'",
    ]

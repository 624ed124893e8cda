"""The search core on the real brief: case, accents, several words, phrases."""

from __future__ import annotations

from briefing_tui.core import load_brief, load_text
from briefing_tui.core.search import SearchIndex, fold, query_terms
from tests.conftest import MINIMAL, REAL_BRIEF


def index():
    brief = load_brief(REAL_BRIEF).brief
    assert brief is not None
    return SearchIndex(brief)


def test_fold_ignores_case_and_accents():
    assert fold("Café KYIV Zaporizhzhia") == "cafe kyiv zaporizhzhia"


def test_query_terms_keep_quoted_phrases():
    assert query_terms('Putin "very close"  kyiv') == ["putin", "very close", "kyiv"]


def test_case_insensitive():
    hits = index().search("kyiv")
    assert hits and all("kyiv" in hit.text[hit.start : hit.end].lower() for hit in hits)


def test_accent_insensitive_both_ways():
    result = load_text(MINIMAL.replace("Nothing happened.", "Talks at the caf\u00e9 in Kyiv."), "t.yaml")
    assert result.brief is not None
    search = SearchIndex(result.brief)
    [hit] = search.search("cafe")
    assert hit.text[hit.start : hit.end] == "caf\u00e9"
    assert search.search("CAF\u00c9")


def test_all_words_must_match_in_any_order():
    search = index()
    assert {h.item_id for h in search.search("territory donetsk")} == {h.item_id for h in search.search("donetsk territory")}
    assert search.search("territory zzzz") == []


def test_quoted_phrase_matches_as_written():
    ids = [h.item_id for h in index().search('"very close"')]
    assert "us-official-very-close" in ids
    assert "rubio-very-difficult" not in ids


def test_titles_rank_above_body_text():
    hits = index().search("zapo")
    assert (hits[0].kind, hits[0].item_id, hits[0].field) == ("issue", "zaporizhzhia", "title")

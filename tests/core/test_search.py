"""The search core: matching and ranking rules, each with a case from the real brief."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefing_tui.core import load_brief, load_text
from briefing_tui.core.query import _within, close_words, query_terms
from briefing_tui.core.search import SearchIndex
from briefing_tui.core.text import fold, snippet
from tests.conftest import MINIMAL, REAL_BRIEF


@pytest.fixture(scope="module")
def search() -> SearchIndex:
    brief = load_brief(REAL_BRIEF).brief
    assert brief is not None
    return SearchIndex(brief)


def first(search: SearchIndex, query: str) -> tuple[str, str, str]:
    hit = search.find(query)[0][0]
    return hit.kind, hit.item_id, hit.matched


def test_fold_ignores_case_and_accents():
    assert fold("Café KYIV Zaporizhzhia") == "cafe kyiv zaporizhzhia"


def test_query_terms_keep_quoted_phrases():
    assert [(t.text, t.phrase) for t in query_terms('Putin "very close"  kyiv')] == [
        ("putin", False),
        ("very close", True),
        ("kyiv", False),
    ]


def test_case_insensitive(search):
    assert first(search, "kyiv") == ("actor", "ukraine", "Kyiv")  # Ukraine's alias, a name field
    assert first(search, "KYIV") == first(search, "kyiv")


def test_accent_insensitive_both_ways():
    result = load_text(MINIMAL.replace("Nothing happened.", "Talks at the caf\u00e9 in Kyiv."), "t.yaml")
    assert result.brief is not None
    search = SearchIndex(result.brief)
    [hit] = search.find("cafe")[0]
    assert hit.matched == "caf\u00e9"
    [again] = search.find("CAF\u00c9")[0]
    assert again.matched == "caf\u00e9"


def test_all_words_must_match_in_any_order(search):
    both = {h.item_id for h in search.find("territory donetsk")[0]}
    assert both == {h.item_id for h in search.find("donetsk territory")[0]}
    assert "territory" in both
    assert search.find("territory xylophone")[0] == []


def test_words_may_match_in_different_fields_of_one_item(search):
    # "Rubio" is in the actor's name, "Secretary" in his role.
    assert first(search, "rubio secretary")[:2] == ("actor", "rubio")


def test_quoted_phrase_matches_exactly(search):
    ids = [h.item_id for h in search.find('"very close"')[0]]
    assert "us-official-very-close" in ids
    assert "rubio-very-difficult" not in ids  # has "very", not "very close"
    assert search.find('"close very"')[0] == []


@pytest.mark.parametrize(
    ("typo", "item", "word"),
    [
        ("Zaporizhia", "zaporizhzhia", "Zaporizhzhia"),
        ("Peskow", "peskov", "Peskov"),
        ("Lavrow", "lavrov", "Lavrov"),
        ("Ushakow", "ushakov", "Ushakov"),
    ],
)
def test_a_typo_in_a_long_word_still_finds_it(search, typo, item, word):
    kind, found, matched = first(search, typo)
    assert (found, matched) == (item, word)


def test_short_words_get_no_typo_tolerance(search):
    assert search.find("Pitn")[0] == []  # four letters: no typo allowed
    # ... but five letters, one typo, is allowed:
    assert first(search, "Rubjo")[1] == "rubio"


def test_whole_word_beats_prefix_beats_typo(search):
    hits = search.find("Russia")[0]
    russia = next(h for h in hits if h.item_id == "russia")
    assert hits[0] is russia and russia.matched == "Russia"  # whole word, a name
    prefix = search.find("Russ")[0]  # a prefix of Russia and Russian
    assert prefix[0].item_id == "russia"
    assert prefix[0].score < russia.score


def test_names_and_titles_rank_above_body_text(search):
    assert first(search, "zapo") == ("issue", "zaporizhzhia", "Zaporizhzhia")
    assert first(search, "peskov")[:2] == ("actor", "peskov")


def test_exact_word_beats_a_typo_of_another(search):
    # "Moscow" is a word of the brief; it must not lose to a typo match.
    hits = search.find("Moscow")[0]
    assert all(h.matched.lower() == "moscow" for h in hits[:3])


def test_match_inside_a_word(search):
    assert first(search, "rizh")[1] == "zaporizhzhia"


def test_links_are_searched_as_shown(search):
    hits = search.find("reiterated")[0]
    summary = next(h for h in hits if h.kind == "brief")
    assert "[[" not in summary.text
    assert hits[0].item_id == "peskov-no-answer"  # the quote's own words first


def test_hits_name_the_item_field_and_span(search):
    hit = first_hit = search.find("Abu Dhabi")[0][0]
    assert (hit.kind, hit.item_id, hit.field) == ("issue", "abu-dhabi-talks", "title")
    assert hit.text[hit.start : hit.end] in ("Abu", "Dhabi")
    assert first_hit.location.line > 1


def test_find_counts_beyond_the_limit(search):
    hits, total = search.find("the", limit=3)
    assert len(hits) == 3 and total > 3


def test_snippet_keeps_the_match_in_view():
    text = "word " * 40 + "Zaporizhzhia" + " tail" * 40
    start = text.index("Zaporizhzhia")
    shown, a, b = snippet(text, start, start + 12, 60)
    assert shown[a:b] == "Zaporizhzhia" and len(shown) <= 60
    assert shown.startswith("\u2026") and shown.endswith("\u2026")


def _levenshtein(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, char in enumerate(a, 1):
        current = [i]
        for j, other in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char != other)))
        previous = current
    return previous[-1]


@given(st.text("abcé", max_size=10), st.text("abcé", max_size=10), st.integers(0, 3))
def test_a_word_is_within_so_many_typos_of_another_when_its_edit_distance_is(a, b, limit):
    assert _within(a, b, limit) == (_levenshtein(a, b) <= limit)


def test_the_typos_of_a_word_are_every_word_close_enough_in_the_order_given():
    vocabulary = sorted({"adler", "adlar", "alder", "adlers", "badler", "addler", "ladle", "peskov", "peskow", "pesko", "piskov", "paddler"})
    assert close_words(vocabulary, "adlar", 1) == [w for w in vocabulary if _levenshtein(w, "adlar") <= 1]
    assert close_words(vocabulary, "adlar", 2) == [w for w in vocabulary if _levenshtein(w, "adlar") <= 2]
    assert close_words(vocabulary, "peskov", 1) == ["pesko", "peskov", "peskow", "piskov"]

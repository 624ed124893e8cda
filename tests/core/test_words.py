"""Words and query terms are split by hand (no pattern imported to start `briefing
find`): exactly as the patterns they stand for split them, on any text."""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from briefing_tui.core.query import Term, query_terms
from briefing_tui.core.text import fold, words

# Mostly what briefs and queries hold, with quotes, spaces of every kind and any
# other character mixed in.
TEXT = st.text(st.one_of(st.sampled_from(list("ab Z_9\"'-.,\t\n\x1c\u00a0\u2003é\u0301ß²٣\u3000")), st.characters()), max_size=40)


@given(TEXT)
@example("kyiv's 2-day talks_on x\x1fy")
@example("naïve Ωmega ²³ ٣")
def test_words_are_the_runs_that_w_finds(text):
    assert words(text) == re.findall(r"\w+", text)
    assert words(fold(text)) == re.findall(r"\w+", fold(text))


def _terms_by_pattern(query: str) -> list[Term]:
    terms = []
    for match in re.finditer(r'"([^"]*)"?|(\S+)', query):
        raw = match.group(1) if match.group(1) is not None else match.group(2)
        folded = " ".join(fold(raw or "").split())
        found = tuple(re.findall(r"\w+", folded))
        if found:
            terms.append(Term(folded, found, match.group(1) is not None and len(found) > 1))
    return terms


@settings(max_examples=300)
@given(TEXT)
@example('"border corridor" lavrov')
@example('a"b c" "open')
@example('"" " x "\u00a0"y\u2003z"')
def test_query_terms_are_what_the_pattern_finds(query):
    assert query_terms(query) == _terms_by_pattern(query)

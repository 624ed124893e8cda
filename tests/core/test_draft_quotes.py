"""Finding quotes in a paragraph: the words between the marks kept exactly, whatever
the marks; apostrophes, inches and names are not quotes; sentences end outside quotes."""

from __future__ import annotations

import pytest

from briefing_tui.core.draft.quotes import find_quotes, masked, sentences, trimmed


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ('He said "yes, at last," twice.', ["yes, at last"]),
        ("\u201cOne.\u201d \u201cTwo!\u201d", ["One", "Two!"]),
        ("\u00ab Trois \u00bb et \u201equatre\u201c", ["Trois", "quatre"]),
        ("It\u2019s Peskov\u2019s view: \u2018we\u2019ll see\u2019 and the leaders\u2019 plan.", ["we\u2019ll see"]),
        ('A 12" pipe and a "real" quote.', ["real"]),
        ('"Unclosed to the end of the paragraph.', ["Unclosed to the end of the paragraph"]),
        ('Empty "" and "  " and "..." quotes.', []),
    ],
)
def test_quotes_are_the_words_between_the_marks(text, words):
    assert [q.text for q in find_quotes(text)] == words


@pytest.mark.parametrize(
    ("raw", "kept"),
    [
        ("no answer,", "no answer"),
        ("well prepared.", "well prepared"),
        ("Wait...", "Wait..."),
        ("Really?", "Really?"),
        ("made in the U.S.", "made in the U.S."),
        ("  spaces  ", "spaces"),
    ],
)
def test_only_the_sentence_s_own_comma_or_full_stop_is_left_out(raw, kept):
    assert trimmed(raw) == kept


def test_sentences_end_outside_quotes_and_at_a_quote_that_ends_one():
    text = 'Mr. Vella spoke. He said "It is late. Go home." Then he left. "Fine," she said.'
    quotes = find_quotes(text)
    assert [text[a:b].strip() for a, b in sentences(text, quotes)] == [
        "Mr. Vella spoke.",
        'He said "It is late. Go home."',
        "Then he left.",
        '"Fine," she said.',
    ]
    assert "late" not in masked(text, quotes) and len(masked(text, quotes)) == len(text)

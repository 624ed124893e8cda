"""The drafter's quotes and speakers: each attribution pattern, pronouns, split quotes,
reported speech (never a quote), and the test articles against what a careful
reader takes from them."""

from __future__ import annotations

import pytest

from tests.draft_support import draft_of, drafted, expected, fixture_articles, people, said

LEAD = "Kremlin spokesman Dmitry Peskov spoke in Moscow on Tuesday, March 3, 2026.\n\n"


@pytest.mark.parametrize(
    ("sentence", "words"),
    [
        ('"We are ready," Peskov said.', "We are ready"),
        ('"We are ready," said Peskov.', "We are ready"),
        ('"We are ready," said Kremlin spokesman Dmitry Peskov.', "We are ready"),
        ('The talks were "going well," according to Peskov.', "going well"),
        ('Peskov told reporters that the talks were "going well."', "going well"),
        ('"We are ready," Peskov was quoted as saying by the Interfax news agency.', "We are ready"),
        ('Peskov was quoted as saying "we are ready" on Tuesday.', "we are ready"),
        ('Peskov noted that "nothing is decided."', "nothing is decided"),
        ('Peskov said: "We are ready."', "We are ready"),
        ('The talks are "a step forward," Peskov said, "and a hard one."', "a step forward"),
        ('He said the talks were "a step forward."', "a step forward"),
        ('He later said of the talks: "A step forward."', "A step forward"),
        ('"A step forward," he said.', "A step forward"),
        ('Peskov rejected the plan, calling it "a dead end."', "a dead end"),
        ('It was, Peskov said, "a dead end."', "a dead end"),
    ],
)
def test_each_attribution_pattern_gives_the_speaker(tmp_path, sentence, words):
    brief = draft_of(tmp_path, LEAD + sentence + "\n")
    assert (words, "Dmitry Peskov") in said(brief)
    assert {a.name for a in brief.actors if a.kind == "person"} == {"Dmitry Peskov"}


@pytest.mark.parametrize(
    ("written", "words"),
    [
        ('"We are ready," he said.', "We are ready"),
        ("\u201cWe are ready,\u201d he said.", "We are ready"),
        ("\u201eWe are ready\u201c, he said.", "We are ready"),
        ("\u00abWe are ready\u00bb, he said.", "We are ready"),
        ("\u2039We are ready\u203a, he said.", "We are ready"),
        ("\u2018We\u2019re ready,\u2019 he said.", "We\u2019re ready"),
        ("\u201cThey said \u2018no\u2019 twice,\u201d he said.", "They said \u2018no\u2019 twice"),
        ('"Ready... or not?" he said.', "Ready... or not?"),
        ('"Made in the U.S." he said.', "Made in the U.S."),
    ],
)
def test_every_quotation_mark_style_keeps_the_words_exactly(tmp_path, written, words):
    brief = draft_of(tmp_path, LEAD + written + "\n")
    assert said(brief) == [(words, "Dmitry Peskov")]


def test_a_quote_split_by_its_attribution_is_two_quotes_of_one_speaker(tmp_path):
    brief = draft_of(tmp_path, LEAD + '"We came to talk," Peskov said. "We will stay all week."\n')
    assert said(brief) == [("We came to talk", "Dmitry Peskov"), ("We will stay all week", "Dmitry Peskov")]


def test_pronouns_go_back_to_the_person_named_before_by_gender(tmp_path):
    brief = draft_of(
        tmp_path,
        """
        Finance Minister Anna Keller met central bank governor Lars Brandt on Monday, May 4, 2026.

        Keller opened the meeting. She said the budget was "balanced at last."

        Brandt disagreed. "Not yet," he said. Then she added: "We will see."
        """,
    )
    assert said(brief) == [("balanced at last", "Anna Keller"), ("Not yet", "Lars Brandt"), ("We will see", "Anna Keller")]


def test_reported_speech_is_never_a_quote_but_a_claim(tmp_path):
    brief = draft_of(tmp_path, LEAD + "Peskov said that the talks would resume in May. Peskov said the talks went well.\n")
    assert brief.quotes == ()
    (peskov,) = [a for a in brief.actors if a.name == "Dmitry Peskov"]
    assert peskov.notes is not None and "Said that the talks would resume in May." in peskov.notes
    assert "went well" not in peskov.notes


def test_names_and_scare_quotes_are_not_quotes(tmp_path):
    brief = draft_of(
        tmp_path,
        LEAD + 'The so-called "coalition of the willing" met again. Critics call the plan "a road to nowhere".\n',
    )
    assert brief.quotes == ()


def test_an_unnamed_speaker_is_an_actor_of_its_own(tmp_path):
    brief = draft_of(tmp_path, LEAD + 'An unnamed US official told Axios the two men were "very close."\n')
    assert said(brief) == [("very close", "Unnamed US official")]
    quote = brief.quotes[0]
    assert quote.source is not None and next(s.name for s in brief.sources if s.id == quote.source) == "Axios"
    official = next(a for a in brief.actors if a.name == "Unnamed US official")
    assert (official.role, official.side) == ("US official", "United States")


def test_one_actor_per_person_however_named(tmp_path):
    brief = draft_of(
        tmp_path,
        """
        Peskov Speaks Again

        President Zelensky replied on Wednesday, March 4, 2026. Ukrainian President Volodymyr Zelensky said
        "no" to the plan. Mr Zelensky was firm. Kremlin spokesman Dmitry Peskov and Peskov's aides listened.
        """,
    )
    assert people(brief) == {"Volodymyr Zelensky": "Ukrainian President", "Dmitry Peskov": "Kremlin spokesman"}
    assert next(a for a in brief.actors if a.name == "Volodymyr Zelensky").aliases == ("Zelensky",)


def test_roles_written_after_the_name(tmp_path):
    brief = draft_of(
        tmp_path,
        LEAD + "Sergei Lavrov, Russia's foreign minister, was in Ankara. Hakan Fidan, the Turkish foreign minister, said little.\n",
    )
    assert people(brief)["Sergei Lavrov"] == "Russia's foreign minister"
    assert people(brief)["Hakan Fidan"] == "Turkish foreign minister"


@pytest.mark.parametrize("article", fixture_articles(), ids=lambda p: p.name)
def test_the_test_articles_give_what_a_careful_reader_takes(article):
    brief = drafted(article)
    want = expected(article)
    assert brief.title == want["title"]
    if "date" in want:  # a day and month without a year fall in the latest year that fits: not fixed
        assert brief.date.isoformat() == str(want["date"])
    assert {p["name"]: p["role"] for p in want["people"]}.items() <= people(brief).items()
    assert said(brief) == [(q["text"], q["by"]) for q in want["quotes"]]
    sources = {s.id: s.name for s in brief.sources}
    for quote, wanted in zip(brief.quotes, want["quotes"], strict=True):
        assert (sources[quote.source] if quote.source else None) == wanted.get("source")
        assert quote.draft
    assert all(item.draft for item in brief.items())
    texts = [q.text for q in brief.quotes]
    for words in want.get("not_quotes", ()):
        assert not any(words in text for text in texts)
    assert [i.title for i in brief.issues] == want.get("issues", [])

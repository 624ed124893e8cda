"""The shipped brief, loaded by the real loader: counts, links and backlinks."""

from __future__ import annotations

import datetime as dt

import pytest

from briefing_tui.core import LinkIndex, load_brief
from briefing_tui.core.model import Actor, Issue, Quote, Source
from tests.conftest import REAL_BRIEF


@pytest.fixture(scope="module")
def brief():
    result = load_brief(REAL_BRIEF)
    assert result.findings == ()
    assert result.brief is not None
    return result.brief


@pytest.fixture(scope="module")
def index(brief):
    return LinkIndex(brief)


def test_counts(brief):
    assert (len(brief.sources), len(brief.actors), len(brief.quotes), len(brief.issues), len(brief.timeline)) == (3, 12, 7, 7, 4)
    assert brief.id == "moscow-invitation-2026-01-29"
    assert brief.date == dt.date(2026, 1, 29)


def test_every_actor_has_a_role_and_a_side(brief):
    for actor in brief.actors:
        assert actor.role and actor.side, actor.id
    assert {a.kind for a in brief.actors} == {"person", "organisation", "state"}


def test_quotes_are_attributed_and_verbatim(brief):
    peskov = next(q for q in brief.quotes if q.id == "peskov-no-answer")
    assert peskov.by == "peskov" and peskov.source == "interfax"
    assert peskov.text.startswith("We have reiterated our invitation, but so far there has been no answer")
    article = REAL_BRIEF.parent.parent.parent / "shared" / "seeds" / "000_fb9694a0a842588e.txt"
    if article.exists():  # every quote's words stand in the article as written
        source = article.read_text(encoding="utf-8")
        for quote in brief.quotes:
            assert quote.text in source, quote.id


def test_every_link_resolves(brief, index):
    ids = {item.id for item in brief.items()}
    for source in [None, *ids]:
        for link in index.links_from(source):
            assert link.target in ids, link


def test_reference_fields_point_at_the_right_kinds(brief, index):
    for quote in brief.quotes:
        assert isinstance(index.item(quote.by), Actor)
        assert quote.source is None or isinstance(index.item(quote.source), Source)
        assert all(isinstance(index.item(i), Issue) for i in quote.about)
    for issue in brief.issues:
        assert all(isinstance(index.item(p.by), Actor) for p in issue.positions)


def test_backlinks_of_an_actor(index):
    sources = {link.source for link in index.links_to("zelensky")}
    assert "zelensky-firing-missiles" in sources  # the quote's `by`
    assert "putin-zelensky-meeting" in sources  # a position and a mention
    assert None in sources  # the brief's summary links to him
    by = [l for l in index.links_to("zelensky") if l.source == "zelensky-firing-missiles"]
    assert [(l.field, l.via) for l in by] == [("by", "reference")]


def test_backlinks_of_an_issue(index):
    quotes = {l.source for l in index.links_to("territory") if l.field == "about"}
    assert quotes == {"rubio-who-gets-what-territory", "rubio-very-difficult"}
    assert [q.id for q in index.quotes_about("territory")] == ["rubio-who-gets-what-territory", "rubio-very-difficult"]


def test_backlinks_of_a_quote_carry_their_sentence(index):
    [link] = [l for l in index.links_to("peskov-no-answer") if l.source is None and l.field == "summary"]
    assert link.via == "link"
    assert "[[peskov-no-answer]]" in link.context
    assert link.context.startswith("[[interfax]] quoted its spokesman [[peskov]]")


def test_links_go_both_ways(brief, index):
    for item in brief.items():
        for link in index.links_from(item.id):
            assert link in index.links_to(link.target)


def test_issues_of_an_actor(index):
    holds = [i.id for i in index.issues_of("russia") if i.position_of("russia")]
    assert holds == ["putin-zelensky-meeting", "territory"]
    assert [i.id for i in index.issues_of("rubio")] == ["territory"]  # involved, no stated position
    assert [q.id for q in index.quotes_by("rubio")] == ["rubio-who-gets-what-territory", "rubio-very-difficult"]


def test_quote_location_points_at_its_entry(brief):
    lines = REAL_BRIEF.read_text(encoding="utf-8").splitlines()
    for quote in brief.quotes:
        assert lines[quote.location.line - 1].strip() == f"- id: {quote.id}"
    assert isinstance(brief.quotes[0], Quote)


def test_leanings_and_reliability_only_where_the_article_supports_them(brief):
    """Russia and Ukraine (Zelensky for it) on the invitation and on territory, as the
    article tells them; no other position leans, no confidence is claimed, and each
    source is F: the article gives no ground to judge one."""
    leanings = {(issue.id, p.by): p.leaning for issue in brief.issues for p in issue.positions if p.leaning}
    assert leanings == {
        ("putin-zelensky-meeting", "russia"): "supports",  # "has once again extended an invitation"
        ("putin-zelensky-meeting", "zelensky"): "unclear",  # rejected the last one, "yet to receive any formal response"
        ("territory", "russia"): "supports",  # "Russia is demanding that Ukrainian forces withdraw"
        ("territory", "ukraine"): "opposes",  # "firmly rejected any proposal to cede territory"
    }
    article = REAL_BRIEF.parent.parent.parent / "shared" / "seeds" / "000_fb9694a0a842588e.txt"
    if article.exists():
        text = article.read_text(encoding="utf-8")
        for phrase in (
            "has once again extended an invitation",
            "yet to receive any formal response",
            "Russia is demanding",
            "firmly rejected any proposal to cede territory",
        ):
            assert phrase in text
    assert [p.as_of for i in brief.issues for p in i.positions if p.as_of] == [dt.date(2026, 1, 29)]  # "Thursday, January 29"
    assert all(p.confidence is None for i in brief.issues for p in i.positions)
    assert all(q.verbatim and q.credibility is None and q.confidence is None for q in brief.quotes)
    assert {s.id: s.reliability for s in brief.sources} == {"article": "F", "interfax": "F", "axios": "F"}
    assert brief.marking is None and all(item.marking is None for item in brief.items())

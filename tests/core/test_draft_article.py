"""Reading an article for the drafter: plain text, Markdown and saved web pages, with
the page's navigation and boilerplate left out, and bad files refused with a reason."""

from __future__ import annotations

import datetime as dt

import pytest

from briefing_tui.core.draft import ArticleError, read_article
from briefing_tui.core.draft.article import date_in, text_article
from tests.draft_support import ARTICLES, expected


def test_plain_text_title_headings_items_and_wrapped_paragraphs():
    article = text_article(
        "Talks Resume in Valletta\nNegotiators Return\n\nThe talks resumed on Tuesday, March 3, 2026,\n"
        "after a pause of two months.\n\nWhat Remains Open\n\nThe open questions:\n\n  \u2022 Quotas.\n  - Ports,\n    and the harbour fees.\n",
        "a.txt",
    )
    assert article.title == "Talks Resume in Valletta"
    assert [(b.kind, b.text) for b in article.blocks] == [
        ("heading", "Negotiators Return"),
        ("paragraph", "The talks resumed on Tuesday, March 3, 2026, after a pause of two months."),
        ("heading", "What Remains Open"),
        ("paragraph", "The open questions:"),
        ("item", "Quotas."),
        ("item", "Ports, and the harbour fees."),
    ]
    assert article.date == dt.date(2026, 3, 3)
    assert article.lead.startswith("The talks resumed")


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("It happened on Thursday, January 29.", dt.date(2026, 1, 29)),
        ("It happened on Thursday, January 29, 2015.", dt.date(2015, 1, 29)),
        ("It happened on 29 January.", dt.date(2026, 1, 29)),
        ("It happened on Friday, January 29.", dt.date(2021, 1, 29)),
        ("It happened on 2024-02-29.", dt.date(2024, 2, 29)),
        ("It happened on Dec. 24.", dt.date(2025, 12, 24)),
        ("Nothing dated here.", None),
    ],
)
def test_the_date_the_text_gives_in_the_latest_year_that_fits(text, date):
    from briefing_tui.core.draft.article import ArticleBlock

    assert date_in([ArticleBlock("paragraph", text)], today=dt.date(2026, 12, 1)) == date


def test_markdown_front_matter_headings_and_marks_taken_off():
    article = read_article(str(ARTICLES / "rail-link.md"))
    assert (article.title, article.date) == ("Rail Link Between Vienna and Bratislava Wins Backing", dt.date(2026, 5, 14))
    texts = [b.text for b in article.blocks]
    assert texts[0].startswith("Austria and Slovakia agreed on Wednesday to fund a new high-speed rail link, ending a dispute")
    assert "million passengers in its first year,\u201d she said at a news conference in Vienna." in texts[1]
    assert "He told the Danube Post newspaper that \u00abthe money" in texts[2]
    assert ("heading", "What is still open") in [(b.kind, b.text) for b in article.blocks]
    assert not any("*" in t or "](" in t for t in texts)


def test_a_saved_page_gives_its_article_without_navigation_or_boilerplate():
    path = ARTICLES / "grain-corridor.html"
    article = read_article(str(path))
    want = expected(path)
    assert (article.title, article.date, article.url) == (want["title"], want["date"], want["url"])
    text = "\n".join(b.text for b in article.blocks)
    for words in want["boilerplate"]:
        assert words not in text
    for words in ("Home", "Privacy", "Tracking code", "color: black", "all-time high"):
        assert words not in text
    assert article.lead.startswith("Turkey and the United Nations agreed on Thursday")
    assert [b.text for b in article.blocks if b.kind == "item"] == ["Insurance for ships calling at Odesa.", "Inspections of cargo at Istanbul."]


def test_a_page_without_an_article_element_is_read_from_its_body(tmp_path):
    path = tmp_path / "page.htm"
    path.write_text(
        "<html><head><title>Short Page - Example News</title></head><body><div id='menu'><a href='/'>Home</a></div>"
        "<p>Mayor Ana Ruiz said the bridge would <q>open in June</q>.</p><p><a href='/1'>Other story</a> <a href='/2'>More</a></p></body></html>",
        encoding="utf-8",
    )
    article = read_article(str(path))
    assert article.title == "Short Page"
    assert [b.text for b in article.blocks] == ["Mayor Ana Ruiz said the bridge would \u201copen in June\u201d."]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "no text found in"),
        (b"\x00\x01binary", "is not a text file"),
        (b"caf\xe9 au lait, said nobody.", "is not UTF-8 text"),
        (b"<html><body><nav><p>Only navigation.</p></nav></body></html>", "no text found in"),
    ],
)
def test_files_that_are_no_article_are_refused_with_the_reason(tmp_path, content, message):
    path = tmp_path / ("a.html" if content.startswith(b"<") else "a.txt")
    path.write_bytes(content)
    with pytest.raises(ArticleError, match=message):
        read_article(str(path))


def test_a_folder_or_a_missing_file_is_refused(tmp_path):
    with pytest.raises(ArticleError, match="is a folder"):
        read_article(str(tmp_path))
    with pytest.raises(ArticleError, match="cannot read"):
        read_article(str(tmp_path / "missing.txt"))


def test_an_article_without_a_headline_is_titled_by_its_first_sentence():
    article = text_article('The minister spoke on Monday. "Prices will fall," she said.\n', "notes.txt")
    assert article.title == "The minister spoke on Monday."
    assert text_article("", "my_notes-2026.txt").title == "my notes 2026"

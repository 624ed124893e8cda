"""Exports: a view laid out once, written as CommonMark, one HTML page or plain text,
with every value from the brief escaped for its format."""

from __future__ import annotations

import html

import pytest

from briefing_tui.core import LinkIndex, load_brief
from briefing_tui.core.brief_sheet import brief_sheet
from briefing_tui.core.sheet import Bullet, Sheet, render
from briefing_tui.core.sheet_markdown import escape
from tests.conftest import REAL_BRIEF
from tests.export_check import markdown_html, markdown_tokens, parse_html

NASTY = [
    "<script>alert(1)</script>",
    "[click](javascript:alert(1))",
    "![x](https://evil.example/pixel.png)",
    "<https://evil.example/>",
    "<img src=x onerror=alert(1)>",
    "# not a heading",
    "- not a list",
    "1. not a list",
    "| a | b |",
    "*not emphasis* __nor this__ `nor code`",
    "&amp; &lt; \\ backslash\\",
    "```",
    "    four spaces",
    "> not a quote",
    "line one\nline two",
    "+ plus",
    "===",
    "---",
    "***",
    "2) paren",
    "~~struck~~ &copy; &#60;",
    "https://evil.example/ www.evil.example",
]


@pytest.mark.parametrize("text", NASTY)
def test_markdown_escaping_leaves_exactly_the_text(text: str):
    out = escape(text)
    kinds = markdown_tokens(out)
    assert set(kinds) <= {"paragraph_open", "inline", "text", "paragraph_close", "softbreak"}, kinds
    shown = markdown_html(out).removeprefix("<p>").removesuffix("</p>\n")
    assert html.unescape(shown) == " ".join(text.split())


def sample() -> Sheet:
    sheet = Sheet("T <script>")
    for text in NASTY:
        sheet.heading(text)
        sheet.paragraph(text)
        sheet.listing([Bullet(text, (f"Note: {text}",))], numbered=True)
    sheet.table(["Actor", *NASTY[:3]], [[text, text, "", text] for text in NASTY])
    return sheet


def test_a_sheet_of_hostile_values_makes_markdown_with_no_link_image_or_html():
    out = render(sample(), "md")
    kinds = set(markdown_tokens(out))
    assert not kinds & {"link_open", "image", "html_inline", "html_block", "code_block", "fence", "blockquote_open", "code_inline"}
    assert {"heading_open", "ordered_list_open", "table_open", "th_open"} <= kinds


def test_a_sheet_of_hostile_values_makes_well_formed_html_showing_them_as_text():
    page = render(sample(), "html")
    parsed = parse_html(page)
    text = "".join(parsed.text)
    for nasty in NASTY:
        assert " ".join(nasty.split()) in text
    assert ("th", {"scope": "col"}) in parsed.tags and ("th", {"scope": "row"}) in parsed.tags
    assert "Content-Security-Policy" in page and "default-src 'none'" in page


def test_escape_sequences_are_shown_never_sent_in_any_format():
    sheet = Sheet("\x1b]0;title\x07")
    sheet.heading("\x1b[2J cleared")
    sheet.listing([Bullet("\x1b]52;c;SE9TVElMRQ==\x07 clip", ("\u202eevil",))])
    for fmt in ("md", "html", "txt"):
        out = render(sheet, fmt)  # type: ignore[arg-type]
        assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out
        assert "\u241b" in out  # ESC, as a symbol


def test_the_real_brief_exports_whole_in_every_format():
    brief = load_brief(REAL_BRIEF).brief
    assert brief is not None
    sheet = brief_sheet(LinkIndex(brief))
    page = render(sheet, "html")
    parsed = parse_html(page)
    assert [tag for tag, _ in parsed.tags].count("h1") == 1 and "table" in [tag for tag, _ in parsed.tags]
    text = render(sheet, "txt")
    assert text.startswith(brief.title + "\n") and "Dmitry Peskov (Kremlin spokesman, Russia)" in text
    md = render(sheet, "md")
    assert "table_open" in markdown_tokens(md) and "link_open" not in markdown_tokens(md)

"""`briefing export`: the real command on the real brief and on a hostile one; the
talking points come from the marks the user made, in the user's data folder."""

from __future__ import annotations

import html
from pathlib import Path

import pytest

from briefing_tui.core.marks import Marks
from briefing_tui.core.ref import Ref
from tests.conftest import REAL_BRIEF, run_briefing
from tests.export_check import markdown_html, markdown_tokens, parse_html

BRIEF_ID = "moscow-invitation-2026-01-29"
PESKOV = "\u201cWe have reiterated our invitation, but so far there has been no answer\u201d"
PESKOV_BY = "Dmitry Peskov, Kremlin spokesman (Interfax news agency, 2026-01-29) [F?]"  # F?: the Admiralty pair
RUBIO = "\u201cvery difficult\u201d"
RUBIO_BY = "Marco Rubio, US Secretary of State"
NOTE = "Ask whether Kyiv means to answer <before> Sunday & say [why](javascript:x)"


@pytest.fixture
def marked() -> Marks:
    """Two quotes and a position marked, reordered, one with a note, as the reader keeps them."""
    marks = Marks(BRIEF_ID)
    marks.toggle(Ref("quote", "rubio-very-difficult"))
    marks.toggle(Ref("quote", "peskov-no-answer"))
    marks.toggle(Ref.position("putin-zelensky-meeting", "zelensky"))
    marks.move(Ref("quote", "peskov-no-answer"), -1)
    marks.set_note(Ref("quote", "peskov-no-answer"), NOTE)
    return marks


def test_marked_html_is_valid_and_holds_the_quotes_verbatim_with_attribution_and_note(marked, tmp_path: Path):
    out = tmp_path / "points.html"
    result = run_briefing("export", REAL_BRIEF, "--marked", "--format", "html", "-o", out)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "" and f"Wrote {out}" in result.stderr
    page = out.read_text(encoding="utf-8")
    parsed = parse_html(page)
    text = "".join(parsed.text)
    assert f"{PESKOV} \u2014 {PESKOV_BY}" in text and f"{RUBIO} \u2014 {RUBIO_BY}" in text
    assert "Volodymyr Zelensky: Turned down a similar invitation" in text
    assert f"Note: {NOTE}" in text and html.escape(NOTE) in page
    assert text.index(PESKOV) < text.index(RUBIO) < text.index("Volodymyr Zelensky:")
    assert [tag for tag, _ in parsed.tags if tag in ("h1", "h2", "ol", "li")] == ["h1", "h2", "ol", "li", "li", "li"]
    assert "Interfax news agency" in text.split("Talking points")[0]  # the brief's sources open it


def test_marked_markdown_and_text_hold_the_same(marked):
    md = run_briefing("export", REAL_BRIEF, "--marked", "--format", "md")
    assert md.returncode == 0, md.stderr
    rendered = html.unescape(markdown_html(md.stdout))
    assert f"{PESKOV} \u2014 {PESKOV_BY}" in rendered and f"{RUBIO} \u2014 {RUBIO_BY}" in rendered
    assert f"Note: {NOTE}" in rendered
    assert "link_open" not in markdown_tokens(md.stdout) and "ordered_list_open" in markdown_tokens(md.stdout)
    txt = run_briefing("export", REAL_BRIEF, "--marked", "--format", "txt")
    assert txt.returncode == 0, txt.stderr
    lines = txt.stdout.splitlines()
    assert lines[0] == "Russia renews invitation to Zelensky for Moscow peace talks"
    assert f"1. {PESKOV} \u2014 {PESKOV_BY}" in lines and f"   Note: {NOTE}" in lines and f"2. {RUBIO} \u2014 {RUBIO_BY}" in lines


HOSTILE = """\
brief: 1
title: "Talks <script>alert('t')</script> \\x1b]0;pwned\\x07"
date: 2026-01-29
summary: "See [here](javascript:alert(1)) and <img src=x onerror=alert(2)> \\x1b[2Jcleared"
key_points:
  - "[click](javascript:alert(3)) <b>bold</b>"
sources:
  - id: wire
    name: "Wire <script>s</script>"
actors:
  - id: a
    name: "Ann ](javascript:alert(4)) <i>"
    role: "\\x1b[31mred\\x1b[0m role"
quotes:
  - id: q
    by: a
    text: "<script>alert('q')</script> ](javascript:alert(5)) \\x1b]52;c;SE9TVElMRQ==\\x07"
    source: wire
    date: 2026-01-28
issues:
  - id: i
    title: "Issue <u>|</u> | pipe"
    positions:
      - by: a
        stance: "[x](javascript:alert(6)) <script>p</script>"
"""


@pytest.mark.parametrize("fmt", ["html", "md", "txt"])
def test_a_hostile_brief_exports_as_text_in_every_format(write_brief, fmt):
    path = write_brief(HOSTILE)
    marks = Marks("brief")  # the brief's id is its file name's stem
    marks.toggle(Ref("quote", "q"))
    marks.toggle(Ref.position("i", "a"))
    for args in ([], ["--marked"]):
        result = run_briefing("export", path, "--format", fmt, *args)
        assert result.returncode == 0, result.stderr
        out = result.stdout
        assert "\x1b" not in out and "\x07" not in out and "\u241b" in out
        if fmt == "html":
            text = "".join(parse_html(out).text)
            assert "<script>alert('q')</script> ](javascript:alert(5))" in text
        elif fmt == "md":
            kinds = set(markdown_tokens(out))
            assert not kinds & {"link_open", "image", "html_inline", "html_block"}
            assert "&lt;script&gt;alert('q')&lt;/script&gt; ](javascript:alert(5))" in markdown_html(out).replace("&quot;", '"').replace(
                "&#x27;", "'"
            )
        else:
            assert "<script>alert('q')</script> ](javascript:alert(5))" in out


def test_sections_and_usage_errors(tmp_path: Path):
    quotes = run_briefing("export", REAL_BRIEF, "--section", "quotes", "--section", "positions", "--format", "txt")
    assert quotes.returncode == 0 and "Quotes\n------" in quotes.stdout and "Positions\n" in quotes.stdout
    assert "Summary\n" not in quotes.stdout and "Actors\n" not in quotes.stdout
    both = run_briefing("export", REAL_BRIEF, "--marked", "--section", "quotes")
    assert both.returncode == 2 and "leave out --section" in both.stderr
    over = run_briefing("export", REAL_BRIEF, "-o", tmp_path / "copy.yaml")
    assert over.returncode == 2 and "never writes over a brief" in over.stderr and not (tmp_path / "copy.yaml").exists()
    missing = run_briefing("export", tmp_path / "none.yaml")
    assert missing.returncode == 1 and "Traceback" not in missing.stderr


def test_show_as_markdown_keeps_its_own_links_and_shows_the_brief_s_markup_as_text(write_brief):
    """`show --format markdown` is an export too: the anchors and links it makes are
    its own (to items, and to the http(s) addresses the brief cites); nothing the brief
    wrote becomes a link, an image, raw HTML or a control sequence."""
    import re

    from markdown_it import MarkdownIt

    path = write_brief(HOSTILE.replace("See [here]", "See [the wire](https://example.org/a<b>) and [here]"))
    result = run_briefing("show", path, "--format", "markdown")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "\x1b" not in out and "\x07" not in out
    tokens = MarkdownIt("commonmark").enable("table").parse(out)
    inline = [child for token in tokens for child in token.children or ()]
    hrefs = [str(child.attrs.get("href")) for child in inline if child.type == "link_open"]
    assert hrefs and all(href.startswith("#") or href.startswith("https://example.org/") for href in hrefs), hrefs
    assert "https://example.org/a%3Cb%3E" in hrefs
    html = [child.content for child in inline if child.type == "html_inline"] + [t.content for t in tokens if t.type == "html_block"]
    assert all(re.fullmatch(r'(<a id="[\w.-]+">|</a>)+\s*', piece) for piece in html), html
    assert not any(child.type == "image" for child in inline)
    shown = markdown_html(out).replace("&quot;", '"').replace("&#x27;", "'")
    assert "&lt;script&gt;alert('q')&lt;/script&gt; ](javascript:alert(5))" in shown
    assert "[here](javascript:alert(1)) and &lt;img src=x onerror=alert(2)&gt;" in shown

"""The reader's Markdown: prose of a brief as a page's paragraphs, links as spans.

Briefs hold a small Markdown: paragraphs, bullets, headings, **strong**, *emphasis*,
`code`, `[[links]]` to items and `[text](address)` links to the web; names of actors
in prose are links too. This turns such a text into blocks of a `Document`; what each
page says is in `documents`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from briefing_tui.core.links import LinkIndex, prose_spans, web_links
from briefing_tui.core.model import Text
from briefing_tui.core.ref import Ref
from briefing_tui.tui.widgets.page import Document, Span

_INLINE = re.compile(r"\*\*(?P<strong>[^*\n]+)\*\*|(?<![\w*])[*_](?P<em>[^*_\n]+)[*_](?![\w*])|`(?P<code>[^`\n]+)`")
_BULLET = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_HEADING = re.compile(r"^\s*#{1,6}\s+")


def _inline(text: str, style: str = "") -> Iterator[Span]:
    """Spans of plain prose with **strong**, *emphasis* and `code` styled."""
    position = 0
    for match in _INLINE.finditer(text):
        if match.start() > position:
            yield Span(text[position : match.start()], style)
        kind = match.lastgroup or ""
        yield Span(match.group(kind), {"strong": "strong", "em": "emphasis", "code": "code"}[kind])
        position = match.end()
    if position < len(text):
        yield Span(text[position:], style)


def prose(document: Document, text: Text, index: LinkIndex, *, skip: str | None = None, indent: int = 0, style: str = "", lead: str = "") -> None:
    """Add Markdown-ish prose: paragraphs, bullets and headings, with links as spans.

    `lead` (a bullet, a date) goes before the first paragraph; the others are
    indented to match it.
    """
    links = prose_spans(text, index.mentions, skip=skip)
    body = text.text
    if text.markdown and "](" in body:
        # [text](address): a link to the web, over any mention inside it.
        web = list(web_links(body))
        if web:
            links = [l for l in links if not any(w.start < l.end and l.start < w.end for w in web)]
            links = sorted(links + web, key=lambda l: l.start)
    paragraphs = _paragraphs(body)
    for number, (start, end, prefix, heading) in enumerate(paragraphs):
        # A blank line between paragraphs, none between the items of a list.
        if number and not (prefix and paragraphs[number - 1][2]):
            document.blank()
        spans: list[Span] = []
        position = start
        for link in links:
            if link.start < start or link.end > end:
                continue
            if link.start > position:
                spans.extend(_inline(_flat(body[position : link.start]), style))
            if link.via == "web":
                spans.append(Span(link.shown, style, Ref.web(link.target)))
            else:
                shown = link.shown if link.via == "mention" or link.shown != link.target else index.label(link.target)
                spans.append(Span(shown, style, index.ref(link.target)))
            position = link.end
        if position < end:
            spans.extend(_inline(_flat(body[position:end]), style))
        outer = lead if number == 0 else " " * len(lead)
        if heading:
            document.add(*spans, indent=indent, prefix=outer, style="strong")
        else:
            document.add(*spans, indent=indent, prefix=outer + prefix)


def _flat(text: str) -> str:
    # Line breaks inside a paragraph are soft, as in Markdown.
    return re.sub(r"\s*\n\s*", " ", text)


def _paragraphs(body: str) -> list[tuple[int, int, str, bool]]:
    """(start, end, bullet prefix, is heading) of each paragraph or list item."""
    result = []
    start = 0
    for line_match in re.finditer(r"[^\n]*(?:\n|$)", body):
        line = line_match.group()
        if not line:
            break
        line_start = line_match.start()
        bullet = _BULLET.match(line)
        heading = _HEADING.match(line)
        if not line.strip():
            if start < line_start:
                result.append((start, line_start, "", False))
            start = line_match.end()
            continue
        if bullet or heading:
            if start < line_start:
                result.append((start, line_start, "", False))
            marker = bullet or heading
            assert marker is not None
            result.append((line_start + marker.end(), line_match.end(), "\u2022 " if bullet else "", bool(heading)))
            start = line_match.end()
    if start < len(body) and body[start:].strip():
        result.append((start, len(body), "", False))
    return [(s, e, p, h) for s, e, p, h in result if body[s:e].strip()]

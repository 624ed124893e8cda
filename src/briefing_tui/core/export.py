"""A brief written out as JSON data, Markdown or plain text, for `briefing show`.

The JSON form carries every item with its resolved links and backlinks, and reads
back into an equal `Brief` with `brief_from_data`.
"""

from __future__ import annotations

import datetime as dt
import re
import textwrap
from typing import Any
from urllib.parse import quote

from briefing_tui.core import analysis
from briefing_tui.core.links import WEB_LINK_RE, WIKILINK_RE, Link, LinkIndex, web_address_problem
from briefing_tui.core.model import (
    NOWHERE,
    Actor,
    Brief,
    Event,
    Issue,
    Item,
    KeyPointNote,
    Location,
    Position,
    Quote,
    Relation,
    Source,
)
from briefing_tui.core.printable import clipboard_text
from briefing_tui.core.sheet_markdown import escape

# -- JSON ---------------------------------------------------------------------------


def _link_data(link: Link) -> dict[str, Any]:
    data: dict[str, Any] = {"from": link.source, "field": link.field, "to": link.target, "via": link.via}
    if link.via != "reference":
        data["span"] = [link.start, link.end]
        data["context"] = link.context
    return data


def _day(date: dt.date | None) -> str | None:
    return date.isoformat() if date else None


def _where(location: Location) -> dict[str, int]:
    return {"line": location.line, "column": location.column}


def _item_data(item: Item, index: LinkIndex) -> dict[str, Any]:
    data: dict[str, Any] = {"id": item.id, "type": item.noun, **_where(item.location)}
    if isinstance(item, Source):
        data.update(name=item.name, url=item.url, reliability=item.reliability)
    elif isinstance(item, Actor):
        data.update(
            name=item.name, kind=item.kind, role=item.role, side=item.side,
            aliases=list(item.aliases), notes=item.notes,
            relations=[{"to": r.to, "kind": r.kind, "since": _day(r.since)} for r in item.relations],
        )  # fmt: skip
    elif isinstance(item, Quote):
        data.update(
            by=item.by, text=item.text, source=item.source,
            date=_day(item.date), context=item.context, about=list(item.about),
            verbatim=item.verbatim, lang=item.lang, translated_from=item.translated_from,
            confidence=item.confidence, credibility=item.credibility, admiralty=analysis.quote_pair(item, index.brief) or None,
        )  # fmt: skip
    elif isinstance(item, Issue):
        data.update(
            title=item.title, status=item.status, summary=item.summary,
            positions=[
                {"by": p.by, "stance": p.stance, "leaning": p.leaning, "as_of": _day(p.as_of), "confidence": p.confidence,
                 "marking": p.marking, **_where(p.location)}
                for p in item.positions
            ],
            actors=list(item.actors),
        )  # fmt: skip
    data["marking"] = item.marking
    data["draft"] = item.draft
    data["links"] = [_link_data(link) for link in index.links_from(item.id)]
    data["backlinks"] = [_link_data(link) for link in index.links_to(item.id)]
    return data


def brief_data(brief: Brief, index: LinkIndex, section: str | None = None) -> dict[str, Any]:
    """The brief as JSON-ready data; every item carries `links` and `backlinks`.

    With `section`, only that part: `summary` (the brief's own fields) or a list of items.
    """
    head: dict[str, Any] = {
        "format": 1,
        "path": brief.path,
        "id": brief.id,
        "title": brief.title,
        "date": brief.date.isoformat(),
        "follows": brief.follows,
        "marking": brief.marking,
    }
    summary = {
        "tags": list(brief.tags),
        "summary": brief.summary,
        "key_points": list(brief.key_points),
        "key_point_notes": [note._asdict() for note in brief.key_point_notes],
        "timeline": [{"date": e.date.isoformat(), "text": e.text, **_where(e.location)} for e in brief.timeline],
        "links": [_link_data(link) for link in index.links_from(None)],
    }
    groups: dict[str, tuple[Item, ...]] = {
        "sources": brief.sources,
        "actors": brief.actors,
        "quotes": brief.quotes,
        "issues": brief.issues,
    }
    if section == "summary":
        return {**head, **summary}
    if section is not None:
        return {**head, section: [_item_data(i, index) for i in groups[section]]}
    return {**head, **summary, **{k: [_item_data(i, index) for i in v] for k, v in groups.items()}}


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _at(data: dict[str, Any]) -> Location:
    return Location(data.get("line", 1), data.get("column", 1)) if "line" in data else NOWHERE


def brief_from_data(data: dict[str, Any]) -> Brief:
    """Rebuild a `Brief` from `brief_data` output (links are derived again, not read)."""
    return Brief(
        path=data["path"],
        id=data["id"],
        title=data["title"],
        date=dt.date.fromisoformat(data["date"]),
        summary=data["summary"],
        tags=tuple(data.get("tags", ())),
        follows=data.get("follows"),
        key_points=tuple(data.get("key_points", ())),
        key_point_notes=tuple(KeyPointNote(**note) for note in data.get("key_point_notes", ())),
        marking=data.get("marking"),
        sources=tuple(
            Source(
                s["id"], _at(s), name=s["name"], url=s["url"], draft=s.get("draft", False), reliability=s.get("reliability"), marking=s.get("marking")
            )
            for s in data.get("sources", ())
        ),
        actors=tuple(
            Actor(
                a["id"],
                _at(a),
                name=a["name"],
                kind=a["kind"],
                role=a["role"],
                side=a["side"],
                aliases=tuple(a["aliases"]),
                notes=a["notes"],
                draft=a.get("draft", False),
                relations=tuple(Relation(r["to"], r["kind"], _date(r["since"])) for r in a.get("relations", ())),
                marking=a.get("marking"),
            )  # fmt: skip
            for a in data.get("actors", ())
        ),
        quotes=tuple(
            Quote(
                q["id"],
                _at(q),
                by=q["by"],
                text=q["text"],
                source=q["source"],
                date=_date(q["date"]),
                context=q["context"],
                about=tuple(q["about"]),
                draft=q.get("draft", False),
                verbatim=q.get("verbatim", True),
                lang=q.get("lang"),
                translated_from=q.get("translated_from"),
                confidence=q.get("confidence"),
                credibility=q.get("credibility"),
                marking=q.get("marking"),
            )  # fmt: skip
            for q in data.get("quotes", ())
        ),
        issues=tuple(
            Issue(
                i["id"],
                _at(i),
                title=i["title"],
                status=i["status"],
                summary=i["summary"],
                positions=tuple(
                    Position(p["by"], p["stance"], _at(p), p.get("leaning"), _date(p.get("as_of")), p.get("confidence"), p.get("marking"))
                    for p in i["positions"]
                ),
                actors=tuple(i["actors"]),
                draft=i.get("draft", False),
                marking=i.get("marking"),
            )  # fmt: skip
            for i in data.get("issues", ())
        ),
        timeline=tuple(Event(_date(e["date"]), e["text"], _at(e)) for e in data.get("timeline", ())),  # type: ignore[arg-type]
    )


# -- text and Markdown ----------------------------------------------------------------


def _markdown_links(text: str, index: LinkIndex) -> str:
    """Prose from the brief as Markdown that shows it and obeys none of it: every
    character that could start markup escaped, paragraphs kept; a `[[link]]` becomes a
    link to its item's anchor and a web link one to its http(s) address, each with
    its words escaped."""

    def anchor(match: Any) -> str:
        target = match.group(1).strip()
        item = index.item(target)
        label = match.group(2).strip() if match.group(2) is not None else (item.label if item else target)
        return f"[{escape(label)}](#{target})" if item is not None else escape(label)

    def web(match: Any) -> str:
        url = match.group("url")
        if web_address_problem(url) is not None:
            return escape(match.group(0))
        return f"[{escape(match.group('text'))}](<{quote(url, safe=_URL_SAFE)}>)"

    def words(text: str) -> str:
        # Escaped, with a space kept on either side where the text had one.
        return (" " if text[:1].isspace() else "") + escape(text) + (" " if text[-1:].isspace() and text.strip() else "")

    def paragraph(part: str) -> str:
        pieces, at = [], 0
        for match in sorted([*WIKILINK_RE.finditer(part), *WEB_LINK_RE.finditer(part)], key=lambda m: m.start()):
            if match.start() < at:
                continue  # a web link inside a wikilink's words, or the other way round
            pieces += [words(part[at : match.start()]), anchor(match) if match.re is WIKILINK_RE else web(match)]
            at = match.end()
        pieces.append(words(part[at:]))
        return "".join(pieces).strip()

    return "\n\n".join(paragraph(part) for part in clipboard_text(text).split("\n\n") if part.strip())


_URL_SAFE = ":/?#[]@!$&'*+,;=%~"
"""What stays as it is in an address written into Markdown; anything else (spaces,
`<`, `>`, parentheses) is percent-encoded, so the address cannot end early."""


def _name(index: LinkIndex, item_id: str | None) -> str:
    item = index.item(item_id) if item_id else None
    return item.label if isinstance(item, (Actor, Source)) else (item_id or "")


def quote_line(quote: Quote, index: LinkIndex) -> str:
    """A quote as meeting-ready text: "…" — Name, role, source, date."""
    speaker = index.item(quote.by)
    parts = [speaker.label if speaker else quote.by]
    if isinstance(speaker, Actor) and speaker.role:
        parts.append(speaker.role)
    if quote.source:
        parts.append(_name(index, quote.source))
    if quote.date:
        parts.append(quote.date.isoformat())
    notes = analysis.notes_text(analysis.quote_notes(quote, index.brief))
    return f"{analysis.quote_words(quote)} \u2014 {', '.join(parts)}{notes}"


def _indent(text: str, first: str = "  ", rest: str | None = None) -> str:
    """Wrap Markdown prose to 78 columns: paragraphs reflowed, list items kept apart."""
    rest = " " * len(first) if rest is None else rest
    blocks = re.split(r"\n\s*\n|\n(?=\s*[-*+] )", text.strip())
    wrapped = [
        textwrap.fill(" ".join(block.split()), 78, initial_indent=first if i == 0 else rest, subsequent_indent=rest)
        for i, block in enumerate(blocks)
        if block.strip()
    ]
    return ("\n" if rest.strip() else "\n\n").join(wrapped) if len(wrapped) > 1 else "".join(wrapped)


def brief_text(brief: Brief, index: LinkIndex, section: str | None = None) -> str:
    """The brief (or one section) as plain text for a terminal or a pipe."""
    out: list[str] = []

    def want(part: str) -> bool:
        return section in (None, part)

    if brief.marking:
        out += [analysis.banner_line(brief.marking), ""]
    if section in (None, "summary"):
        out += [brief.title, f"{brief.date.isoformat()}" + (f"  ·  {', '.join(brief.tags)}" if brief.tags else ""), ""]
        out += ["SUMMARY", _indent(index.plain(brief.summary)), ""]
        if brief.key_points:
            points = (index.plain(p) + analysis.notes_text(analysis.key_point_notes(brief, n)) for n, p in enumerate(brief.key_points))
            out += ["KEY POINTS", *(_indent(p, "  \u2022 ") for p in points), ""]
        if brief.timeline:
            out.append("TIMELINE")
            out += [f"  {e.date.isoformat()}  {index.plain(e.text).strip()}" for e in brief.timeline]
            out.append("")
        if brief.sources:
            out.append("SOURCES")
            out += [f"  {analysis.source_words(s)}" + (f" <{s.url}>" if s.url else "") for s in brief.sources]
            out.append("")
    if want("actors") and brief.actors:
        out.append("ACTORS")
        for side, actors in _by_side(brief.actors):
            out.append(f"  {side}")
            for actor in actors:
                out.append(f"    {actor.name} [{actor.id}] \u2014 {actor.role or actor.kind}")
                out += [f"      {line}" for line in _relation_lines(actor, index)]
        out.append("")
    if want("quotes") and brief.quotes:
        out.append("QUOTES")
        out += [_indent(quote_line(q, index)) + f"\n    [{q.id}]" for q in brief.quotes]
        out.append("")
    for heading, issues in _issue_sections(brief) if want("issues") else ():
        out.append(heading.upper())
        for issue in issues:
            out.append(f"  {issue.title} [{issue.id}] ({issue.status})")
            if issue.summary:
                out.append(_indent(index.plain(issue.summary), "    "))
            for position in analysis.by_leaning(issue.positions):
                notes = analysis.notes_text(analysis.position_notes(position, brief))
                line = f"{_name(index, position.by)}: {index.plain(position.stance).strip()}{notes}"
                out.append(_indent(line, f"    {analysis.sign(position.leaning).strip() or '-'} "))
            out.append("")
    return "\n".join(out).rstrip() + "\n"


def _issue_sections(brief: Brief) -> list[tuple[str, tuple[Issue, ...]]]:
    """The open issues, then the resolved ones, each under its heading (none when empty)."""
    resolved = tuple(issue for issue in brief.issues if issue.status == "resolved")
    sections = [("Open issues", brief.open_issues), ("Resolved issues", resolved)]
    return [(heading, issues) for heading, issues in sections if issues]


def _by_side(actors: tuple[Actor, ...]) -> list[tuple[str, list[Actor]]]:
    groups: dict[str, list[Actor]] = {}
    for actor in actors:
        groups.setdefault(actor.side or "No side", []).append(actor)
    return list(groups.items())


def brief_markdown(brief: Brief, index: LinkIndex, section: str | None = None) -> str:
    """The brief (or one section) as a Markdown document; links become anchors."""

    def md(text: str) -> str:
        return _markdown_links(text, index).strip()

    out: list[str] = []

    def want(part: str) -> bool:
        return section in (None, part)

    if brief.marking:
        out += [f"**{analysis.banner_line(brief.marking)}**", ""]
    out += [f"# {escape(brief.title)}", "", f"*{brief.date.isoformat()}*" + (f" · {escape(', '.join(brief.tags))}" if brief.tags else ""), ""]
    if want("summary"):
        out += ["## Summary", "", md(brief.summary), ""]
        if brief.key_points:
            cited = [escape(analysis.notes_text(analysis.key_point_notes(brief, n))) for n in range(len(brief.key_points))]
            out += ["### Key points", "", *(f"- {md(p)}{note}" for p, note in zip(brief.key_points, cited, strict=True)), ""]
        if brief.timeline:
            out += ["### Timeline", "", *(f"- **{e.date.isoformat()}** {md(e.text)}" for e in brief.timeline), ""]
        if brief.sources:
            out += ["### Sources", ""]
            out += [
                f'- <a id="{s.id}"></a>'
                + (md(f"[{s.name}]({s.url})") if s.url else escape(s.name))
                + (f" (reliability {s.reliability})" if s.reliability else "")
                for s in brief.sources
            ]
            out.append("")
    if want("actors") and brief.actors:
        out += ["## Actors", ""]
        for side, actors in _by_side(brief.actors):
            out += [f"### {escape(side)}", ""]
            for actor in actors:
                line = f'- <a id="{actor.id}"></a>**{escape(actor.name)}** ({escape(actor.kind)}) \u2014 {escape(actor.role or "")}'.rstrip(" \u2014")
                out.append(line)
                out += [f"  {escape(line)}" for line in _relation_lines(actor, index)]
                if actor.notes:
                    out.append(f"  {md(actor.notes)}")
            out.append("")
    if want("quotes") and brief.quotes:
        out += ["## Quotes", ""]
        for quote in brief.quotes:
            attribution = quote_line(quote, index).rsplit(" \u2014 ", 1)[1]
            # A paraphrase is no block quote: it is not the speaker's words.
            words = f"> {escape(quote.text)}\n>" if quote.verbatim else f"{escape(analysis.PARAPHRASE.capitalize())}: {escape(quote.text)}\n"
            out += [f'<a id="{quote.id}"></a>', "", words, f"{'> ' if quote.verbatim else ''}\u2014 {escape(attribution)}", ""]
            if quote.context:
                out += [md(quote.context), ""]
    for heading, issues in _issue_sections(brief) if want("issues") else ():
        out += [f"## {heading}", ""]
        for issue in issues:
            out += [f'### <a id="{issue.id}"></a>{escape(issue.title)} ({escape(issue.status)})', ""]
            if issue.summary:
                out += [md(issue.summary), ""]
            if issue.positions:
                out += ["| | Who | Position |", "| --- | --- | --- |"]
                for p in analysis.by_leaning(issue.positions):
                    notes = escape(analysis.notes_text(analysis.position_notes(p, brief)))
                    cell = (md(p.stance) + notes).replace("|", "\\|").replace("\n", " ")
                    out.append(f"| {analysis.sign(p.leaning)} | [{escape(_name(index, p.by))}](#{p.by}) | {cell} |")
                out.append("")
    return "\n".join(out).rstrip() + "\n"


# -- meeting-ready text, for copying ------------------------------------------------------


def issue_lines(issue: Issue, index: LinkIndex) -> str:
    """An issue with every position as a bullet."""
    lines = [f"{issue.title} ({issue.status})"]
    for p in analysis.by_leaning(issue.positions):
        notes = analysis.notes_text(analysis.position_notes(p, index.brief))
        lead = analysis.sign(p.leaning).strip() or "\u2022"
        lines.append(f"{lead} {_name(index, p.by)}: {' '.join(index.plain(p.stance).split())}{notes}")
    return "\n".join(lines)


def _bannered(text: str, brief: Brief) -> str:
    """A copy of the brief's text, with its marking on the line above it."""
    return f"{analysis.banner_line(brief.marking)}\n{text}" if brief.marking else text


def copy_text(item: Item | None, index: LinkIndex) -> str:
    """An item as plain text to paste into notes or a chat, under the brief's marking;
    None means the brief's summary."""
    return _bannered(_copy_text(item, index), index.brief)


def _copy_text(item: Item | None, index: LinkIndex) -> str:
    if item is None:
        brief = index.brief
        points = [f"\u2022 {' '.join(index.plain(p).split())}" for p in brief.key_points]
        return "\n".join([f"{brief.title} ({brief.date.isoformat()})", *points])
    if isinstance(item, Quote):
        return quote_line(item, index)
    if isinstance(item, Issue):
        return issue_lines(item, index)
    if isinstance(item, Actor):
        facts = ", ".join(f for f in (item.role, item.side) if f)
        return f"{item.name}" + (f" \u2014 {facts}" if facts else "")
    return f"{analysis.source_words(item)}" + (f" <{item.url}>" if item.url else "")


def position_text(issue: Issue, actor_id: str, index: LinkIndex) -> str:
    """One actor's position on an issue, on one line."""
    position = issue.position_of(actor_id)
    stance = " ".join(index.plain(position.stance).split()) if position else "no stated position"
    notes = analysis.notes_text(analysis.position_notes(position, index.brief)) if position else ""
    return _bannered(f"{_name(index, actor_id)} on {issue.title}: {stance}{notes}", index.brief)


def _relation_lines(actor: Actor, index: LinkIndex) -> list[str]:
    """An actor's relations, one a line: `spokesperson for Port Authority, since 2025-06-01`."""
    return [
        f"{analysis.relation_words(r.kind)} {_name(index, r.to)}" + (f", since {r.since.isoformat()}" if r.since else "") for r in actor.relations
    ]

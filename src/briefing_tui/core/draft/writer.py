"""Writing the draft: the article's title, date and lead, its sources, actors, quotes
and listed issues as a brief in YAML, every item marked `draft: true`.

Whatever the article holds is data. The YAML is written by PyYAML's safe dumper,
which quotes and escapes any value that would otherwise read as YAML syntax, so a
value holding `key: value`, `- item`, `&anchor`, control characters or line
separators reads back as the same text. In Markdown fields (the summary, notes,
context, stances) a `[[` of the article is written `[\\[` so that it is never read as
a link to an item; plain text fields (names, quotes' words) keep it as it is.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from typing import Any, NamedTuple

from briefing_tui.core.draft.actors import Cast, CastMember
from briefing_tui.core.draft.article import Article
from briefing_tui.core.draft.attribution import DraftQuote, LeftOut, read_quotes
from briefing_tui.core.draft.issues import STOP_WORDS, ListedIssue, issue_of, listed_issues
from briefing_tui.core.draft.lexicon import OUTLET_NOUNS
from briefing_tui.core.draft.quotes import find_quotes, masked
from briefing_tui.core.model import Actor

SCHEMA_LINE = "# yaml-language-server: $schema=brief-1.schema.json"
SUMMARY_LIMIT = 3000
CONTEXT_LIMIT = 1000


class Draft(NamedTuple):
    """A drafted brief: its YAML text, how many items of each kind it holds, and the
    quoted words it left out."""

    text: str
    counts: dict[str, int]
    left_out: list[LeftOut]


def slug(text: str, limit: int = 40) -> str:
    """An id from words: lowercase ASCII letters, digits and hyphens ('' when none)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    words = re.findall(r"[a-z0-9]+", ascii_text)
    kept = ""
    for word in words:
        if kept and len(kept) + 1 + len(word) > limit:
            break
        kept = f"{kept}-{word}" if kept else word[:limit]
    return kept


def markdown_text(text: str) -> str:
    """Article text made fit for a Markdown field: `[[` is never read as a link."""
    while "[[" in text:
        text = text.replace("[[", "[\\[")
    return text


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "\u2026"


class _Ids:
    """One namespace for every id of the brief, as the format asks."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def claim(self, wanted: str, fallback: str) -> str:
        """The id `wanted` (or `fallback`), numbered when already taken, now taken."""
        base = wanted or fallback
        chosen, number = base, 1
        while chosen in self.used:
            number += 1
            chosen = f"{base}-{number}"
        self.used.add(chosen)
        return chosen


def draft_brief(article: Article, library: Sequence[Actor] = ()) -> Draft:
    """Draft a brief from an article; `library` holds the actors already known."""
    cast = Cast(library)
    cast.learn(article.title, prose=False)
    for block in article.blocks:
        cast.learn(masked(block.text, find_quotes(block.text)), prose=block.kind != "heading")
    reading = read_quotes([b.text for b in article.blocks if b.kind != "heading"], cast)
    issues = listed_issues(article.blocks)
    actors = cast.actors()
    ids = _Ids()
    for actor in actors:
        if actor.library is not None:
            actor.id = ids.claim(actor.library.id, "actor")
    for actor in actors:
        if actor.library is None:
            wanted = slug(actor.role or "") if actor.unnamed else slug(actor.surname if actor.kind == "person" else actor.name)
            actor.id = ids.claim(wanted if wanted not in ids.used or actor.kind != "person" else slug(actor.name), "actor")
    sources = _sources(article, cast, reading.quotes, ids)
    data: dict[str, Any] = {
        "brief": 1,
        "title": " ".join(article.title.split()) or "Untitled",
        "date": article.date or dt.date.today(),
        "summary": markdown_text(_cut(article.lead or article.title, SUMMARY_LIMIT)),
    }
    issue_items = _issues(issues, actors, cast, ids)
    data["sources"] = [item for item, _ in sources.values()]
    data["actors"] = _actors(actors, issue_items, issues)
    data["quotes"] = _quotes(reading.quotes, sources, ids)
    data["issues"] = [item for item in issue_items]
    counts = {key: len(data[key]) for key in ("sources", "actors", "quotes", "issues")}
    return Draft(_yaml(data, article), counts, reading.left_out)


def _sources(article: Article, cast: Cast, quotes: list[DraftQuote], ids: _Ids) -> dict[str | None, tuple[dict[str, Any], str]]:
    """The article itself, then every outlet it names: name as written -> (item, id)."""
    found: dict[str | None, tuple[dict[str, Any], str]] = {}
    source_id = ids.claim("article", "article")
    item: dict[str, Any] = {"id": source_id, "name": " ".join(article.title.split()) or "The article"}
    if article.url:
        item["url"] = article.url
    item["draft"] = True
    found[None] = (item, source_id)
    for written in dict.fromkeys([*cast.outlets.values(), *(q.source for q in quotes if q.source)]):
        short = written
        for noun in OUTLET_NOUNS:
            short = re.sub(rf"\s+{re.escape(noun)}$", "", short)
        outlet_id = ids.claim(slug(short), "source")
        found[written] = ({"id": outlet_id, "name": written, "draft": True}, outlet_id)
    return found


def _aliases(actors: list[CastMember]) -> dict[int, list[str]]:
    """Each actor's aliases, none of them another actor's name or alias."""
    claimed: dict[str, int] = {}
    surnames = Counter(a.surname for a in actors if a.kind == "person" and not a.unnamed)
    for actor in actors:
        claimed.setdefault(actor.library.name if actor.library else actor.name, id(actor))
    kept: dict[int, list[str]] = {}
    for actor in actors:
        wanted = list(actor.library.aliases) if actor.library else list(actor.aliases)
        if actor.library is None and actor.kind == "person" and not actor.unnamed and actor.surname != actor.name and surnames[actor.surname] == 1:
            wanted.append(actor.surname)
        own = kept.setdefault(id(actor), [])
        for alias in dict.fromkeys(wanted):
            if claimed.setdefault(alias, id(actor)) == id(actor) and alias != actor.name and alias.strip():
                own.append(alias)
    return kept


def _actors(actors: list[CastMember], issue_items: list[dict[str, Any]], issues: list[ListedIssue]) -> list[dict[str, Any]]:
    aliases = _aliases(actors)
    items = []
    for actor in actors:
        known = actor.library
        item: dict[str, Any] = {"id": actor.id, "name": known.name if known else actor.name, "kind": known.kind if known else actor.kind}
        role = (known.role if known else None) or actor.role
        side = (known.side if known else None) or actor.side
        if role:
            item["role"] = role
        if side:
            item["side"] = side
        if aliases[id(actor)]:
            item["aliases"] = aliases[id(actor)]
        notes = []
        for claim in actor.claims:
            index = issue_of(claim, issues)
            positions = issue_items[index].setdefault("positions", []) if index is not None else None
            if positions is not None and not any(p["by"] == actor.id for p in positions):
                positions.append({"by": actor.id, "stance": markdown_text(_cut(claim, CONTEXT_LIMIT))})
            else:
                notes.append(f"- {markdown_text(_cut(claim, CONTEXT_LIMIT))}")
        if notes:
            item["notes"] = "Reported in the article, not quoted:\n\n" + "\n".join(notes)
        item["draft"] = True
        items.append(item)
    for issue in issue_items:
        holders = {p["by"] for p in issue.get("positions", ())}
        involved = [a for a in issue.pop("involved") if a not in holders]
        if involved:
            issue["actors"] = involved
        issue["draft"] = True
    return items


def _issues(issues: list[ListedIssue], actors: list[CastMember], cast: Cast, ids: _Ids) -> list[dict[str, Any]]:
    items = []
    for issue in issues:
        words = [w for w in re.findall(r"[^\W_]+", issue.title) if w.lower() not in STOP_WORDS and len(w) > 2]
        item: dict[str, Any] = {"id": ids.claim(slug(" ".join(words[:4])), "issue"), "title": issue.title, "status": "open"}
        item["summary"] = markdown_text(f"Listed in the article as unresolved: {issue.text}")
        named = {m.actor.id for m in cast.mentions(issue.text) if m.actor is not None and m.actor in actors}
        item["involved"] = [a.id for a in actors if a.id in named]
        items.append(item)
    return items


def _quotes(quotes: list[DraftQuote], sources: dict[str | None, tuple[dict[str, Any], str]], ids: _Ids) -> list[dict[str, Any]]:
    items = []
    for quote in quotes:
        words = slug(" ".join(quote.text.split()[:4]), 30)
        item: dict[str, Any] = {"id": ids.claim(f"{quote.speaker.id}-{words}" if words else quote.speaker.id, "quote")}
        item["by"] = quote.speaker.id
        item["text"] = quote.text
        if quote.source is not None and quote.source in sources:
            item["source"] = sources[quote.source][1]
        item["context"] = markdown_text(_cut(quote.context, CONTEXT_LIMIT))
        item["draft"] = True
        items.append(item)
    return items


def _shown(name: str) -> str:
    """A file name fit for a comment line: nothing that ends the line or the comment."""
    return "".join(c if c.isprintable() else "?" for c in name)


def _dumper() -> Any:
    import yaml

    class Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
        """The safe dumper, writing text of several lines as a block (`|`)."""

    def text(dumper: Any, value: str) -> Any:
        # Line breaks other than \n are escaped in double quotes: PyYAML writes them
        # as they are elsewhere, and reading folds them into spaces. The emitter
        # still quotes a value that a block cannot hold as it is.
        style = '"' if _OTHER_BREAKS & set(value) else "|" if "\n" in value else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    Dumper.add_representer(str, text)
    return Dumper


def _yaml(data: dict[str, Any], article: Article) -> str:
    import os

    import yaml

    dumper = _dumper()
    head = [
        SCHEMA_LINE,
        f"# A first draft from {_shown(os.path.basename(article.path))}, laid out by 'briefing draft'.",
        "# Every item marked 'draft: true' is the drafter's reading of the article: check it",
        "# against the article, then remove the mark. 'briefing check' lists the marks left.",
    ]
    parts = ["\n".join(head) + "\n" + yaml.dump({k: data[k] for k in ("brief", "title", "date", "summary")}, Dumper=dumper, **_STYLE)]
    for key in ("sources", "actors", "quotes", "issues"):
        if data[key]:
            parts.append(yaml.dump({key: data[key]}, Dumper=dumper, **_STYLE))
    return "\n".join(parts)


_OTHER_BREAKS = frozenset("\r\x85\u2028\u2029")
_STYLE: dict[str, Any] = {"sort_keys": False, "allow_unicode": True, "width": 88, "default_flow_style": False}

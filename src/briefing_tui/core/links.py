"""The link index: for every item, what it links to and what links to it.

Links come from three places, all derived from the brief, never written twice:
the reference fields (`by`, `source`, `about`, `positions[].by`, `actors`), inline
`[[id]]` / `[[id|shown text]]` in Markdown, and automatic mentions, where an actor's
name or alias stands as a whole word in prose.

Markdown links to the web, `[text](https://...)`, are not links between items: they
are found here (`web_links`) for the reader to offer, and judged (`web_address_problem`)
before anything opens them.
"""

from __future__ import annotations

import re
import threading
from collections import defaultdict
from collections.abc import Callable, Iterator
from typing import Literal, NamedTuple, TypeAlias
from urllib.parse import unquote

from briefing_tui.core.model import Actor, Brief, Issue, Item, Quote, Text, paused_gc
from briefing_tui.core.printable import visible
from briefing_tui.core.ref import Ref
from briefing_tui.core.text import item_label, sentence_around

WIKILINK_RE = re.compile(r"\[\[([^\[\]|\n]+?)(?:\|([^\[\]\n]*))?\]\]")
# [text](address) or [text](address "title"); an address may hold one level of
# parentheses, as many encyclopaedia addresses do.
WEB_LINK_RE = re.compile(r"\[(?P<text>[^\[\]\n]+)\]\((?P<url>(?:[^\s()]|\([^\s()]*\))+)(?:\s+\"[^\"\n]*\")?\)")
WEB_SCHEMES = ("http", "https")

Via: TypeAlias = Literal["reference", "link", "mention", "web"]
_FEW_REFERENCES = 16
"""Reference links of one item read afresh whenever asked; more are grouped once."""


class Link(NamedTuple):
    """One link from an item (or the brief itself, `source` None) to an item.

    `field` names where the link sits (`by`, `summary`, `positions[1].stance`);
    `start`/`end` is its span in `text`, that field's text; all three are empty for
    reference fields.
    """

    source: str | None
    field: str
    target: str
    via: Via
    start: int = 0
    end: int = 0
    text: str = ""

    def __repr__(self) -> str:  # without the text, which may be a long paragraph
        return f"Link({self.source!r}, {self.field!r}, {self.target!r}, {self.via!r}, {self.start}, {self.end})"

    @property
    def context(self) -> str:
        """The sentence around the link, on one line ('' for a reference field).

        Found when asked for: a big brief has hundreds of thousands of links, and a
        copy of each one's sentence would cost more memory than the brief itself.
        """
        return sentence_around(self.text, self.start, self.end) if self.text else ""


class ProseLink(NamedTuple):
    """A link found in a piece of prose: where it is, what it shows, where it goes."""

    start: int
    end: int
    target: str
    shown: str
    via: Via


_WORD = re.compile(r"\w+")


class MentionFinder:
    """Finds actor names and aliases standing as whole words in prose.

    Names are looked up by their first word rather than by one regular expression
    of all names: Python's regex engine tries every alternative at every position,
    which took seconds on a brief with thousands of actors.
    """

    def __init__(self, actors: tuple[Actor, ...]) -> None:
        self._owner: dict[str, str] = {}
        for actor in actors:
            for word in actor.names:
                word = word.strip()
                if word:
                    self._owner.setdefault(word, actor.id)
        # First word -> the lengths of the names starting with it, longest first,
        # so that "Vladimir Putin" wins over "Vladimir" at the same place.
        lengths: dict[str, set[int]] = defaultdict(set)
        odd: list[str] = []
        for name in self._owner:
            first = _WORD.match(name)
            if first:
                lengths[first.group()].add(len(name))
            else:
                odd.append(name)  # starts with a symbol: rare, matched the slow way
        self._by_first = {word: sorted(sizes, reverse=True) for word, sizes in lengths.items()}
        self._firsts = frozenset(self._by_first)
        pattern = "|".join(re.escape(w) for w in sorted(odd, key=len, reverse=True))
        self._odd = re.compile(rf"(?<!\w)(?:{pattern})(?!\w)") if odd else None

    def spans(self, text: str, *, skip: str | None = None) -> Iterator[ProseLink]:
        """Mentions in `text`, outside `[[...]]`, leaving out the actor `skip`."""
        if not self._owner:
            return
        found: list[tuple[int, int, str]] = []
        if not self._firsts.isdisjoint(_WORD.findall(text)):
            taken = 0
            for match in _WORD.finditer(text):
                start = match.start()
                sizes = self._by_first.get(match.group())
                if sizes is None or start < taken:
                    continue
                for size in sizes:
                    end = start + size
                    name = text[start:end]
                    if name in self._owner and not (end < len(text) and _is_word(text[end])):
                        found.append((start, end, name))
                        taken = end
                        break
        if self._odd is not None:
            found.extend((m.start(), m.end(), m.group()) for m in self._odd.finditer(text))
            found.sort()
        if not found:
            return
        blocked = [(m.start(), m.end()) for m in WIKILINK_RE.finditer(text)] if "[[" in text else []
        for start, end, name in found:
            if any(a <= start < b for a, b in blocked):
                continue
            target = self._owner[name]
            if target != skip:
                yield ProseLink(start, end, target, name, "mention")


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


def shown_text(text: str, label: Callable[[str], str]) -> str:
    """Markdown prose with each `[[id|shown]]` replaced by what it shows, and each
    `[[id]]` by `label(id)`: the text as a reader sees it."""
    if "[[" not in text:
        return text

    def shown(match: re.Match[str]) -> str:
        if match.group(2) is not None:
            return match.group(2).strip()
        return label(match.group(1).strip())

    return WIKILINK_RE.sub(shown, text)


def wikilink_spans(text: str) -> Iterator[ProseLink]:
    """The `[[id]]` and `[[id|shown]]` links of a Markdown text."""
    for match in WIKILINK_RE.finditer(text):
        target = match.group(1).strip()
        shown = match.group(2).strip() if match.group(2) is not None else target
        yield ProseLink(match.start(), match.end(), target, shown, "link")


def web_links(text: str) -> Iterator[ProseLink]:
    """The Markdown links to the web, `[text](address)`, of a Markdown text."""
    if "](" not in text:
        return
    for match in WEB_LINK_RE.finditer(text):
        yield ProseLink(match.start(), match.end(), match.group("url"), match.group("text"), "web")


MAX_WEB_ADDRESS = 2000
"""Longer addresses are not opened: too long to read whole before saying yes."""


def web_address_problem(url: str) -> str | None:
    """Why the reader will not open `url` in a browser, or None when it will.

    Only plain http(s) addresses with a host open: never `javascript:`, `file:`,
    `data:` or any other scheme, never an address holding control characters, which
    could hide what it really is, nor one with a user name or password before its
    host (`https://good.example@evil.example/`) or a backslash (which browsers read as
    a slash), nor one too long to read whole.
    """
    if visible(url) != url:
        return "the address holds control characters, which could hide where it leads"
    if len(url) > MAX_WEB_ADDRESS:
        return f"the address is {len(url):,} characters long, too long to read whole (the limit is {MAX_WEB_ADDRESS:,})"
    scheme, colon, rest = url.partition(":")
    scheme = scheme.lower()
    if not colon or scheme not in WEB_SCHEMES:
        what = f"a {scheme}: address" if colon and _SCHEME.match(scheme) else "not a full address (it has no http:// or https://)"
        return f"only http and https addresses open from a brief; this is {what}"
    if "\\" in rest:
        # Browsers read it as a slash: `https://evil.example\\@good.example/` opens evil.example.
        return "the address holds a backslash, which browsers read as a slash: it may lead elsewhere than it seems"
    authority = _authority(rest)
    if "@" in authority:
        return "the address has a user name or password before its host, a common way to disguise where it leads"
    if not authority:
        return "the address names no host"
    if browser_host(url) is None:
        return "the address's host is not a valid name or number"
    return None


_SCHEME = re.compile(r"[a-z][a-z0-9+.-]*\Z")
_AUTHORITY_END = re.compile(r"[/\\?#]")
_NOT_IN_HOST = re.compile(r"[\s<>^|%/\\@\[\]:#?]")


def _authority(rest: str) -> str:
    """What follows `http:` up to the path, as browsers read it: any slashes or
    backslashes first are skipped, and a backslash ends it as a slash does."""
    start = len(rest) - len(rest.lstrip("/\\"))
    end = _AUTHORITY_END.search(rest, start)
    return rest[start : end.start() if end else len(rest)]


def browser_host(url: str) -> str | None:
    """The host a web browser opens for an http(s) address, or None when it names
    no valid one. Read as the URL standard (WHATWG) says, not as Python's
    `urlsplit`: a backslash is a slash, the last `@` ends any user name, percent
    escapes are decoded, letters lowered, a name in other scripts given in its ASCII
    (punycode) form, and a number in any form browsers take (`0x7f.1`) given as
    the IPv4 address it is."""
    authority = _authority(url.partition(":")[2]).rpartition("@")[2]
    if authority.startswith("["):  # an IPv6 address, and perhaps a port
        end = authority.find("]")
        return authority[: end + 1].lower() if end > 1 else None
    host = unquote(authority.partition(":")[0]).lower().rstrip(".")
    if not host or _NOT_IN_HOST.search(host):
        return None
    if not host.isascii():
        try:
            host = host.encode("idna").decode("ascii")
        except UnicodeError:
            return None
    last = host.rpartition(".")[2]
    return _ipv4(host) if _NUMBER.match(last) else host


def _ipv4(host: str) -> str | None:
    """The dotted IPv4 address a browser reads in `host`, whose last part is a number
    (decimal, 0x hex or 0 octal, and fewer than four parts, as the URL standard
    allows); None when it is no address."""
    try:
        numbers = [int(p, 16) if p[:2] == "0x" else int(p, 8) if len(p) > 1 and p[0] == "0" else int(p) for p in host.split(".")]
    except ValueError:
        return None
    if len(numbers) > 4 or any(n > 255 for n in numbers[:-1]) or numbers[-1] >= 256 ** (5 - len(numbers)):
        return None
    value = numbers[-1] + sum(n << (8 * (3 - i)) for i, n in enumerate(numbers[:-1]))
    return ".".join(str((value >> shift) & 255) for shift in (24, 16, 8, 0))


_NUMBER = re.compile(r"(?:0x[0-9a-f]*|[0-9]+)\Z")


def prose_spans(text: Text, mentions: MentionFinder, *, skip: str | None = None) -> list[ProseLink]:
    """Every link in one piece of prose, wikilinks and mentions, in text order."""
    spans = list(wikilink_spans(text.text)) if text.markdown else []
    if text.prose:
        spans.extend(mentions.spans(text.text, skip=skip))
    spans.sort(key=lambda s: s.start)
    return spans


def _reference_links(item: Item) -> Iterator[Link]:
    if isinstance(item, Actor):
        for index, relation in enumerate(item.relations):
            yield Link(item.id, f"relations[{index}].to", relation.to, "reference")
    elif isinstance(item, Quote):
        yield Link(item.id, "by", item.by, "reference")
        if item.source:
            yield Link(item.id, "source", item.source, "reference")
        for issue_id in item.about:
            yield Link(item.id, "about", issue_id, "reference")
    elif isinstance(item, Issue):
        for index, position in enumerate(item.positions):
            yield Link(item.id, f"positions[{index}].by", position.by, "reference")
        for actor_id in item.actors:
            yield Link(item.id, "actors", actor_id, "reference")


class LinkIndex:
    """Every link of a brief, looked up by the item it starts from or points to."""

    def __init__(self, brief: Brief) -> None:
        self.brief = brief
        self.items: dict[str, Item] = {item.id: item for item in brief.items()}
        self.mentions = MentionFinder(brief.actors)
        self._quotes_by: dict[str, list[Quote]] = defaultdict(list)
        self._quotes_about: dict[str, list[Quote]] = defaultdict(list)
        self._quotes_from: dict[str, list[Quote]] = defaultdict(list)
        self._issues_of: dict[str, list[Issue]] = defaultdict(list)
        self._related: dict[str, list[Actor]] = defaultdict(list)
        for actor in brief.actors:
            for relation in actor.relations:
                self._related[relation.to].append(actor)
        for quote in brief.quotes:
            self._quotes_by[quote.by].append(quote)
            if quote.source:
                self._quotes_from[quote.source].append(quote)
            for issue_id in quote.about:
                self._quotes_about[issue_id].append(quote)
        for issue in brief.issues:
            for actor_id in dict.fromkeys([*(p.by for p in issue.positions), *issue.actors]):
                self._issues_of[actor_id].append(issue)
        # Only backlinks from prose are kept, found on first need (or ahead, by
        # `prepare`), not before the first screen: finding them means reading all
        # of the brief. Everything else is read off the items when asked for; a
        # big brief has too many links to keep them all.
        self._incoming: dict[str, list[Link]] = defaultdict(list)
        self._item_order: dict[str | None, int] | None = None
        self._references: dict[str, dict[str, list[tuple[int, Link]]]] = {}
        self._built = False
        self._lock = threading.Lock()

    def prepare(self) -> None:
        """Find every link now (safe to call from another thread)."""
        with self._lock:
            if not self._built:
                with paused_gc():
                    self._build(self.brief)
                self._built = True

    def _build(self, brief: Brief) -> None:
        incoming = self._incoming
        for source in (None, *self.items):
            for link in self._prose_links(source):
                incoming[link.target].append(link)

    def _prose_links(self, source: str | None) -> Iterator[Link]:
        """The links in the prose of an item (None: of the brief itself), in text order."""
        owner = self.items[source] if source is not None else self.brief
        skip = source if isinstance(owner, Actor) else None
        for text in owner.texts():
            for span in prose_spans(text, self.mentions, skip=skip):
                if span.target in self.items:  # the loader reports others; a loaded brief has none
                    yield Link(source, text.field, span.target, span.via, span.start, span.end, text.text)

    def item(self, item_id: str) -> Item | None:
        """The item with this id, or None."""
        return self.items.get(item_id)

    def ref(self, item_id: str | None) -> Ref | None:
        """The reference to the item with this id (None: the brief's own summary, or
        no such item)."""
        if item_id is None:
            return Ref.summary()
        item = self.items.get(item_id)
        return Ref.to(item) if item is not None else None

    def label(self, target: Ref | str | None) -> str:
        """How a reader names what `target` (a reference, or an item's id) leads to in
        running text: an actor by name, a quote by its first words, a position as
        actor on issue; None and the summary are "Summary"."""
        if target is None:
            return "Summary"
        if isinstance(target, str):
            return item_label(self.items.get(target), target)
        if target.kind == "summary":
            return "Summary"
        if target.kind == "web":
            return target.id
        if target.kind == "position":
            return f"{self.label(target.part)} on {self.label(target.id)}"
        return item_label(self.items.get(target.id), target.id)

    def plain(self, text: str) -> str:
        """Markdown prose with `[[id]]` links replaced by what they show."""
        return shown_text(text, lambda item_id: item_label(self.items.get(item_id), item_id))

    def links_from(self, item_id: str | None) -> list[Link]:
        """What the item links to (None: the brief's own summary, key points, timeline).

        Reference fields first, then links in prose, in file order.
        """
        # Read off the item itself: one item's prose is quick to read, and keeping
        # every item's links at hand would cost more memory than the index.
        item = self.items.get(item_id) if item_id is not None else None
        if item_id is not None and item is None:
            return []
        references = list(_reference_links(item)) if item is not None else []
        return references + list(self._prose_links(item_id))

    def links_to(self, item_id: str) -> list[Link]:
        """What links to the item: its backlinks, in the order of the items linking."""
        self.prepare()
        referring: list[Item] = [
            *self._quotes_by.get(item_id, ()),
            *self._quotes_from.get(item_id, ()),
            *self._quotes_about.get(item_id, ()),
            *self._issues_of.get(item_id, ()),
            *self._related.get(item_id, ()),
        ]
        order = self._order()
        # Each item once, known by its id: hashing an item hashes all of it (5,000 positions).
        unique = {item.id: item for item in referring}.values()
        found = [(order[item.id], 0, n, link) for item in unique for n, link in self._references_to(item, item_id)]
        found += [(order.get(link.source, -1), 1, n, link) for n, link in enumerate(self._incoming.get(item_id, ()))]
        found.sort(key=lambda entry: entry[:3])
        return [link for *_, link in found]

    def _references_to(self, item: Item, target: str) -> list[tuple[int, Link]]:
        """The reference links of `item` to `target`, each with its place among them."""
        by_target = self._references.get(item.id)
        if by_target is None:
            links = list(_reference_links(item))
            if len(links) <= _FEW_REFERENCES:
                return [(n, link) for n, link in enumerate(links) if link.target == target]
            # An issue with 5,000 positions is asked this for each of its 5,000
            # actors: its links are grouped by target once, not read 25 million times.
            by_target = {}
            for n, link in enumerate(links):
                by_target.setdefault(link.target, []).append((n, link))
            self._references[item.id] = by_target
        return by_target.get(target, [])

    def _order(self) -> dict[str | None, int]:
        # Items in file order (the brief's own texts, None, come before them all).
        if self._item_order is None:
            self._item_order = {item_id: n for n, item_id in enumerate(self.items)}
        return self._item_order

    def quotes_by(self, actor_id: str) -> list[Quote]:
        """Every quote the actor said, in file order."""
        return list(self._quotes_by.get(actor_id, ()))

    def quotes_about(self, issue_id: str) -> list[Quote]:
        """Every quote about the issue, in file order."""
        return list(self._quotes_about.get(issue_id, ()))

    def issues_of(self, actor_id: str) -> list[Issue]:
        """Issues the actor holds a position on or is involved in, in file order."""
        return list(self._issues_of.get(actor_id, ()))

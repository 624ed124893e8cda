"""Loading a brief: the YAML node tree checked field by field and built into a `Brief`.

All findings are collected in one pass; a brief is returned only when there is no
error. Values are built from the node tree by hand rather than by PyYAML's
constructor, so that every value keeps its line and column, duplicate keys are caught,
and a hostile file (an alias bomb, a cycle, a strange tag) is never walked further
than the format needs.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from briefing_tui.core.findings import DEFAULT_LIMITS, Finding, Limits, Severity
from briefing_tui.core.links import WIKILINK_RE
from briefing_tui.core.model import (
    ACTOR_KINDS,
    ISSUE_STATUSES,
    NOWHERE,
    Actor,
    Brief,
    Event,
    Issue,
    Location,
    Position,
    Quote,
    Source,
)
from briefing_tui.core.yamlsource import (
    Document,
    SourceError,
    location_of,
    parse_text,
    paused_gc,
    read_document,
)

ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]*\Z")
DATE_PATTERN = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
URL_PATTERN = re.compile(r"https?://[^\s/?#]+\S*\Z", re.IGNORECASE)
FORMAT_VERSION = 1

_TAG = "tag:yaml.org,2002:"
_SCALAR_NAMES = {
    _TAG + "int": "a number",
    _TAG + "float": "a number",
    _TAG + "bool": "a yes/no value",
    _TAG + "timestamp": "a date",
    _TAG + "null": "empty",
}

_PLAIN_TAGS = frozenset(
    _TAG + name for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map", "merge")
)
_STR = _TAG + "str"

BRIEF_KEYS = (
    "brief", "id", "title", "date", "tags", "follows", "summary", "key_points",
    "sources", "actors", "quotes", "issues", "timeline",
)  # fmt: skip
SOURCE_KEYS = ("id", "name", "url")
ACTOR_KEYS = ("id", "name", "kind", "role", "side", "aliases", "notes")
QUOTE_KEYS = ("id", "by", "text", "source", "date", "context", "about")
ISSUE_KEYS = ("id", "title", "status", "summary", "positions", "actors")
POSITION_KEYS = ("by", "stance")
EVENT_KEYS = ("date", "text")


@dataclass(frozen=True, slots=True)
class LoadResult:
    """The outcome of loading one file: a brief when it has no errors, and every finding."""

    path: str
    brief: Brief | None
    findings: tuple[Finding, ...]

    @property
    def errors(self) -> tuple[Finding, ...]:
        """The findings that stop the brief from loading."""
        return tuple(f for f in self.findings if f.is_error)

    @property
    def warnings(self) -> tuple[Finding, ...]:
        """The findings that do not."""
        return tuple(f for f in self.findings if not f.is_error)

    @property
    def ok(self) -> bool:
        """True when the brief loaded (warnings allowed)."""
        return self.brief is not None


def load_brief(path: str | os.PathLike[str], limits: Limits = DEFAULT_LIMITS) -> LoadResult:
    """Read, check and build the brief at `path`. Never raises for a bad file."""
    name = os.fspath(path)
    with paused_gc():
        try:
            document = read_document(name, limits)
        except SourceError as error:
            return LoadResult(name, None, (error.finding,))
        return _build(document, limits)


def load_text(text: str, path: str = "<text>", limits: Limits = DEFAULT_LIMITS) -> LoadResult:
    """Check and build a brief from YAML text; `path` names it in findings."""
    with paused_gc():
        try:
            document = parse_text(text, path)
        except SourceError as error:
            return LoadResult(path, None, (error.finding,))
        return _build(document, limits)


def _build(document: Document, limits: Limits) -> LoadResult:
    builder = _Builder(document, limits)
    try:
        brief = builder.build()
    except RecursionError:
        builder.error(NOWHERE, "the brief is nested too deeply to read")
        brief = None
    findings = tuple(sorted(builder.findings, key=Finding.sort_key))
    if any(f.is_error for f in findings):
        brief = None
    return LoadResult(document.path, brief, findings)


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """A '; did you mean …?' suffix naming the closest candidate, or ''."""
    pool = {c.lower(): c for c in candidates}
    close = difflib.get_close_matches(word.lower(), list(pool), n=1, cutoff=0.6)
    return f"; did you mean {quoted(pool[close[0]])}?" if close else ""


def default_id(path: str) -> str:
    """The brief id used when the file gives none: its name, made a valid id."""
    stem = Path(path).stem.lower()
    slug = re.sub(r"[^a-z0-9]+", "-", stem).strip("-")
    return slug or "brief"


def quoted(value: str, limit: int = 60) -> str:
    """A value from the file, fit to stand in a one-line message: quoted, control
    characters escaped, and cut short when long."""
    cut = value if len(value) <= limit else value[: limit - 1] + "\u2026"
    escaped = "".join(
        c if c.isprintable() or c == " " else (f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}")
        for c in cut
    )
    return f"'{escaped}'"


def _article(noun: str) -> str:
    return f"an {noun}" if noun[0] in "aeiou" else f"a {noun}"


def _describe(node: yaml.Node) -> str:
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    return _SCALAR_NAMES.get(node.tag, "text")


_Fields = dict[str, tuple[yaml.Node, yaml.Node]]


class _Builder:
    """Walks one document's nodes, collecting findings and building the model."""

    def __init__(self, document: Document, limits: Limits) -> None:
        self.document = document
        self.path = document.path
        self.limits = limits
        self.findings: list[Finding] = []
        # One namespace for every item id: id -> (noun, where it was defined).
        self.ids: dict[str, tuple[str, Location]] = {}
        self.references: list[tuple[str, str, Location, str]] = []
        self.links: list[tuple[str, Location]] = []
        self.actor_names: dict[str, tuple[str, Location]] = {}

    # -- reporting ---------------------------------------------------------------

    def _add(self, where: yaml.Node | Location, severity: Severity, message: str) -> None:
        location = where if isinstance(where, Location) else location_of(where)
        self.findings.append(Finding(self.path, location, severity, message))

    def error(self, where: yaml.Node | Location, message: str) -> None:
        """Record an error at a node or location."""
        self._add(where, "error", message)

    def warning(self, where: yaml.Node | Location, message: str) -> None:
        """Record a warning at a node or location."""
        self._add(where, "warning", message)

    # -- shapes ------------------------------------------------------------------

    def _check_tag(self, node: yaml.Node) -> bool:
        tag = node.tag or ""
        if tag in _PLAIN_TAGS:
            return True
        shown = "!!" + tag[len(_TAG) :] if tag.startswith(_TAG) else tag
        self.error(node, f"unsupported YAML tag {quoted(shown)}: briefs hold plain text, dates and lists")
        return False

    def mapping(self, node: yaml.Node, what: str, keys: tuple[str, ...]) -> _Fields | None:
        """The known keys of a mapping node; unknown keys are warnings."""
        if not self._check_tag(node):
            return None
        if not isinstance(node, yaml.MappingNode):
            self.error(node, f"{what} must be a mapping of keys to values, not {_describe(node)}")
            return None
        fields: _Fields = {}
        for key_node, value_node in self._pairs(node):
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != _TAG + "str":
                self.error(key_node, f"keys in {what} must be plain words, not {_describe(key_node)}")
                continue
            key = key_node.value
            if key in fields:
                first = location_of(fields[key][0])
                self.error(key_node, f"duplicate key {quoted(key)} in {what} (first given at {first})")
                continue
            fields[key] = (key_node, value_node)
            if key not in keys:
                self.warning(key_node, f"unknown key {quoted(key)} in {what}{did_you_mean(key, keys)}")
        return {k: v for k, v in fields.items() if k in keys}

    def _pairs(self, node: yaml.MappingNode) -> list[tuple[yaml.Node, yaml.Node]]:
        """The pairs of a mapping, with `<<: *anchor` merge keys expanded as YAML says."""
        pairs: list[tuple[yaml.Node, yaml.Node]] = []
        merged: list[tuple[yaml.Node, yaml.Node]] = []
        for key_node, value_node in node.value:
            if key_node.tag != _TAG + "merge":
                pairs.append((key_node, value_node))
                continue
            sources = value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
            for source in sources:
                if isinstance(source, yaml.MappingNode):
                    # One level only: a merge of a merge is not worth the risk of cycles.
                    merged.extend(p for p in source.value if p[0].tag != _TAG + "merge")
                else:
                    self.error(source, "'<<' merges only mappings")
        explicit = {k.value for k, _ in pairs if isinstance(k, yaml.ScalarNode)}
        seen: set[str] = set()
        for key_node, value_node in merged:
            name = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if name not in explicit and name not in seen:
                seen.add(name)
                pairs.append((key_node, value_node))
        return pairs

    def sequence(self, node: yaml.Node, what: str) -> list[yaml.Node]:
        """The elements of a list node; an empty value is an empty list."""
        if not self._check_tag(node):
            return []
        if isinstance(node, yaml.ScalarNode) and node.tag == _TAG + "null":
            return []
        if not isinstance(node, yaml.SequenceNode):
            self.error(node, f"{what} must be a list, not {_describe(node)}")
            return []
        if len(node.value) > self.limits.max_list_items:
            self.error(
                node,
                f"{what} has {len(node.value):,} entries; the limit is {self.limits.max_list_items:,}",
            )
            return []
        return list(node.value)

    def text(self, node: yaml.Node, what: str, *, required: bool = False) -> str | None:
        """A text value; numbers, dates and yes/no that YAML read from bare words are errors."""
        if node.tag == _STR and type(node) is yaml.ScalarNode:
            # The common case, kept short: a big brief has hundreds of thousands.
            value: str = node.value
            if len(value) <= self.limits.max_text_chars and (value.strip() or not required):
                return value
        if not self._check_tag(node):
            return None
        if not isinstance(node, yaml.ScalarNode):
            self.error(node, f"{what} must be text, not {_describe(node)}")
            return None
        if node.tag == _TAG + "null":
            if required:
                self.error(node, f"{what} is empty")
            return None
        if node.tag != _TAG + "str":
            self.error(
                node,
                f"{what} must be text, but {quoted(node.value)} reads as {_describe(node)} in YAML; "
                "put it in quotes",
            )
            return None
        value = node.value
        if len(value) > self.limits.max_text_chars:
            self.error(
                node,
                f"{what} is too long ({len(value):,} characters; "
                f"the limit is {self.limits.max_text_chars:,})",
            )
            return None
        if required and not value.strip():
            self.error(node, f"{what} is empty")
            return None
        return value

    def markdown(self, node: yaml.Node, what: str, *, required: bool = False) -> str | None:
        """A Markdown text value; its `[[id]]` links are checked once all ids are known."""
        value = self.text(node, what, required=required)
        if value and "[[" in value:
            for target, where in self._link_locations(node, value):
                self.links.append((target, where))
        return value

    def _link_locations(self, node: yaml.Node, value: str) -> list[tuple[str, Location]]:
        found = [(m.group(1).strip(), m.start()) for m in WIKILINK_RE.finditer(value)]
        start, end = node.start_mark, node.end_mark
        raw = self.document.text[start.index : end.index]
        raw_starts = [m.start() for m in WIKILINK_RE.finditer(raw)]
        if len(raw_starts) != len(found):
            # A link broken across folded lines or escaped: blame the whole field.
            return [(target, location_of(node)) for target, _ in found]
        located = []
        for (target, _), offset in zip(found, raw_starts, strict=True):
            newlines = raw.count("\n", 0, offset)
            if newlines:
                column = offset - raw.rfind("\n", 0, offset)
            else:
                column = start.column + offset + 1
            located.append((target, Location(start.line + 1 + newlines, column)))
        return located

    def date(self, node: yaml.Node, what: str) -> dt.date | None:
        """An ISO date, YYYY-MM-DD, bare or quoted."""
        if not self._check_tag(node):
            return None
        if not isinstance(node, yaml.ScalarNode) or node.tag not in (
            _TAG + "timestamp",
            _TAG + "str",
        ):
            self.error(node, f"{what} must be a date (YYYY-MM-DD), not {_describe(node)}")
            return None
        value = node.value.strip()
        if not DATE_PATTERN.match(value):
            hint = " without a time" if node.tag == _TAG + "timestamp" else ""
            self.error(node, f"{what} {quoted(value)} is not a date: write it as YYYY-MM-DD{hint}")
            return None
        try:
            return dt.date.fromisoformat(value)
        except ValueError as error:
            self.error(node, f"{what} {quoted(value)} is not a real date ({error})")
            return None

    def identifier(self, fields: _Fields, owner: yaml.Node, noun: str, what: str) -> str | None:
        """The required `id` of an item, checked and claimed in the brief's one namespace."""
        if "id" not in fields:
            self.error(owner, f"{what} has no 'id'")
            return None
        node = fields["id"][1]
        value = self.text(node, f"the id of {what}", required=True)
        if value is None:
            return None
        if not ID_PATTERN.match(value):
            self.error(
                node,
                f"bad id {quoted(value)}: use lowercase letters, digits and '-', "
                "starting with a letter or digit",
            )
            return None
        if value in self.ids:
            other_noun, other = self.ids[value]
            self.error(node, f"duplicate id '{value}': already used by {_article(other_noun)} at {other}")
            return None
        self.ids[value] = (noun, location_of(node))
        return value

    def reference(self, node: yaml.Node, noun: str, what: str) -> str | None:
        """An id that must name an item of kind `noun`; checked once all ids are known."""
        value = self.text(node, what, required=True)
        if value is not None:
            self.references.append((value.strip(), noun, location_of(node), what))
            return value.strip()
        return None

    def references_list(self, node: yaml.Node, noun: str, what: str) -> tuple[str, ...]:
        """A list of ids of kind `noun`, in order, without repeats."""
        values: list[str] = []
        for element in self.sequence(node, what):
            value = self.reference(element, noun, f"an entry of {what}")
            if value is not None and value not in values:
                values.append(value)
        return tuple(values)

    def texts_list(self, node: yaml.Node, what: str, *, markdown: bool = False) -> list[tuple[str, Location]]:
        """A list of non-empty texts with where each was written."""
        read = self.markdown if markdown else self.text
        values = []
        for element in self.sequence(node, what):
            value = read(element, f"an entry of {what}", required=True)
            if value is not None:
                values.append((value, location_of(element)))
        return values

    def choice(self, node: yaml.Node, what: str, options: tuple[str, ...]) -> str | None:
        """One of a fixed set of words."""
        value = self.text(node, what, required=True)
        if value is None:
            return None
        if value not in options:
            listed = " | ".join(options)
            self.error(node, f"{what} {quoted(value)} is not one of {listed}{did_you_mean(value, options)}")
            return None
        return value

    # -- the brief ---------------------------------------------------------------

    def build(self) -> Brief | None:
        """Check the whole document and build the brief (None on errors)."""
        root = self.document.root
        if root is None:
            text = self.document.text.strip()
            reason = "the file is empty" if not text else "the file holds only comments"
            self.error(NOWHERE, f"{reason}: a brief needs at least brief, title, date and summary")
            return None
        if not isinstance(root, yaml.MappingNode):
            self.error(root, f"a brief must be a mapping of fields at the top level, not {_describe(root)}")
            return None
        fields = self.mapping(root, "the brief", BRIEF_KEYS) or {}

        def value(key: str) -> yaml.Node | None:
            return fields[key][1] if key in fields else None

        self._version(value("brief"), root)
        missing = [k for k in ("title", "date", "summary") if k not in fields]
        for key in missing:
            self.error(root, f"the brief has no '{key}'")
        brief_id = default_id(self.path)
        if (node := value("id")) is not None:
            given = self.text(node, "the brief's id", required=True)
            if given is not None and not ID_PATTERN.match(given):
                self.error(node, f"bad id {quoted(given)}: use lowercase letters, digits and '-'")
            elif given is not None:
                brief_id = given
        follows = self._follows(value("follows"), brief_id)
        title = self.text(node, "the title", required=True) if (node := value("title")) else None
        date = self.date(node, "the date") if (node := value("date")) else None
        summary = self.markdown(node, "the summary", required=True) if (node := value("summary")) else None
        tags = self.texts_list(node, "tags") if (node := value("tags")) else []
        points = self.texts_list(node, "key_points", markdown=True) if (node := value("key_points")) else []
        for point, where in points:
            if "\n" in point.strip():
                self.error(where, "a key point is one line: split it in two, or move the detail to the summary")

        sources = self._items(value("sources"), "sources", self._source)
        actors = self._items(value("actors"), "actors", self._actor)
        quotes = self._items(value("quotes"), "quotes", self._quote)
        issues = self._items(value("issues"), "issues", self._issue)
        timeline = self._items(value("timeline"), "timeline", self._event)
        self._resolve()

        if title is None or date is None or summary is None:
            return None
        where = [(k, location_of(v)) for k, (_, v) in fields.items()]
        where += [(f"key_points[{i}]", loc) for i, (_, loc) in enumerate(points)]
        return Brief(
            path=self.path,
            id=brief_id,
            title=title,
            date=date,
            summary=summary,
            tags=tuple(t for t, _ in tags),
            follows=follows,
            key_points=tuple(p for p, _ in points),
            sources=tuple(sources),
            actors=tuple(actors),
            quotes=tuple(quotes),
            issues=tuple(issues),
            timeline=tuple(timeline),
            field_locations=tuple(where),
        )

    def _follows(self, node: yaml.Node | None, brief_id: str) -> str | None:
        """The id of the brief this one follows: never its own."""
        if node is None:
            return None
        value = self.text(node, "'follows'", required=True)
        if value is None:
            return None
        if not ID_PATTERN.match(value):
            self.error(node, f"'follows' names a brief by its id, and {quoted(value)} is not an id")
            return None
        if value == brief_id:
            self.error(node, "a brief cannot follow itself: 'follows' names the id of an earlier brief")
            return None
        return value

    def _version(self, node: yaml.Node | None, root: yaml.Node) -> None:
        if node is None:
            self.error(root, f"the brief has no 'brief' field: start the file with 'brief: {FORMAT_VERSION}'")
            return
        if not (isinstance(node, yaml.ScalarNode) and node.tag == _TAG + "int"):
            self.error(node, f"'brief' is the format version and must be the number {FORMAT_VERSION}")
            return
        try:
            version = int(node.value)
        except ValueError:
            version = None
        if version != FORMAT_VERSION:
            self.error(node, f"unsupported format version {quoted(node.value)[1:-1]}: this reader knows version {FORMAT_VERSION}")

    def _items(self, node: yaml.Node | None, what: str, build: Any) -> list[Any]:
        if node is None:
            return []
        items = []
        for index, element in enumerate(self.sequence(node, what)):
            item = build(element, f"{what}[{index}]")
            if item is not None:
                items.append(item)
        return items

    @staticmethod
    def _locations(fields: _Fields) -> tuple[tuple[str, Location], ...]:
        return tuple((key, location_of(value)) for key, (_, value) in fields.items())

    def _source(self, node: yaml.Node, what: str) -> Source | None:
        fields = self.mapping(node, what, SOURCE_KEYS)
        if fields is None:
            return None
        item_id = self.identifier(fields, node, "source", what)
        name = self._required(fields, node, "name", what)
        url = None
        if "url" in fields:
            url = self.text(fields["url"][1], f"the url of {what}")
            if url is not None and not URL_PATTERN.match(url.strip()):
                self.error(fields["url"][1], f"the url of {what} must start with http:// or https://")
                url = None
        if item_id is None or name is None:
            return None
        return Source(item_id, location_of(node), name=name, url=url and url.strip())

    def _required(self, fields: _Fields, owner: yaml.Node, key: str, what: str, *, markdown: bool = False) -> str | None:
        if key not in fields:
            self.error(owner, f"{what} has no '{key}'")
            return None
        read = self.markdown if markdown else self.text
        return read(fields[key][1], f"the {key} of {what}", required=True)

    def _optional(self, fields: _Fields, key: str, what: str, *, markdown: bool = False) -> str | None:
        if key not in fields:
            return None
        read = self.markdown if markdown else self.text
        return read(fields[key][1], f"the {key} of {what}")

    def _actor(self, node: yaml.Node, what: str) -> Actor | None:
        fields = self.mapping(node, what, ACTOR_KEYS)
        if fields is None:
            return None
        item_id = self.identifier(fields, node, "actor", what)
        name = self._required(fields, node, "name", what)
        kind = "person"
        if "kind" in fields:
            kind = self.choice(fields["kind"][1], f"the kind of {what}", ACTOR_KINDS) or kind
        aliases = []
        if "aliases" in fields:
            aliases = self.texts_list(fields["aliases"][1], f"the aliases of {what}")
        if item_id is None or name is None:
            return None
        for word, where in [(name, location_of(fields["name"][1])), *aliases]:
            self._claim_name(word.strip(), item_id, where)
        return Actor(
            item_id,
            location_of(node),
            name=name,
            kind=kind,  # type: ignore[arg-type]
            role=self._optional(fields, "role", what),
            side=self._optional(fields, "side", what),
            aliases=tuple(a for a, _ in aliases),
            notes=self._optional(fields, "notes", what, markdown=True),
            field_locations=self._locations(fields),
        )

    def _claim_name(self, word: str, actor_id: str, where: Location) -> None:
        # A name shared by two actors would make every mention of it ambiguous.
        if word in self.actor_names and self.actor_names[word][0] != actor_id:
            other, first = self.actor_names[word]
            self.error(where, f"{quoted(word)} already names the actor '{other}' (at {first}); mentions of it would be ambiguous")
            return
        self.actor_names.setdefault(word, (actor_id, where))

    def _quote(self, node: yaml.Node, what: str) -> Quote | None:
        fields = self.mapping(node, what, QUOTE_KEYS)
        if fields is None:
            return None
        item_id = self.identifier(fields, node, "quote", what)
        by = self.reference(fields["by"][1], "actor", f"the speaker ('by') of {what}") if "by" in fields else None
        if "by" not in fields:
            self.error(node, f"{what} has no 'by': whose words are they?")
        text = self._required(fields, node, "text", what)
        source = self.reference(fields["source"][1], "source", f"the source of {what}") if "source" in fields else None
        date = self.date(fields["date"][1], f"the date of {what}") if "date" in fields else None
        about = self.references_list(fields["about"][1], "issue", f"'about' of {what}") if "about" in fields else ()
        context = self._optional(fields, "context", what, markdown=True)
        if item_id is None or by is None or text is None:
            return None
        return Quote(
            item_id,
            location_of(node),
            by=by,
            text=text,
            source=source,
            date=date,
            context=context,
            about=about,
            field_locations=self._locations(fields),
        )

    def _issue(self, node: yaml.Node, what: str) -> Issue | None:
        fields = self.mapping(node, what, ISSUE_KEYS)
        if fields is None:
            return None
        item_id = self.identifier(fields, node, "issue", what)
        title = self._required(fields, node, "title", what)
        status = "open"
        if "status" in fields:
            status = self.choice(fields["status"][1], f"the status of {what}", ISSUE_STATUSES) or status
        summary = self._optional(fields, "summary", what, markdown=True)
        positions: list[Position] = []
        if "positions" in fields:
            holders: dict[str, Location] = {}
            for index, element in enumerate(self.sequence(fields["positions"][1], f"the positions of {what}")):
                position = self._position(element, f"{what}.positions[{index}]")
                if position is None:
                    continue
                if position.by in holders:
                    self.error(element, f"{quoted(position.by)} already has a position on this issue (at {holders[position.by]})")
                    continue
                holders[position.by] = position.location
                positions.append(position)
        actors = self.references_list(fields["actors"][1], "actor", f"the actors of {what}") if "actors" in fields else ()
        if item_id is None or title is None:
            return None
        return Issue(
            item_id,
            location_of(node),
            title=title,
            status=status,  # type: ignore[arg-type]
            summary=summary,
            positions=tuple(positions),
            actors=actors,
            field_locations=self._locations(fields),
        )

    def _position(self, node: yaml.Node, what: str) -> Position | None:
        fields = self.mapping(node, what, POSITION_KEYS)
        if fields is None:
            return None
        by = self.reference(fields["by"][1], "actor", f"'by' of {what}") if "by" in fields else None
        if "by" not in fields:
            self.error(node, f"{what} has no 'by': whose position is it?")
        stance = self._required(fields, node, "stance", what, markdown=True)
        if by is None or stance is None:
            return None
        where = location_of(fields["stance"][1])
        return Position(by, stance, where)

    def _event(self, node: yaml.Node, what: str) -> Event | None:
        fields = self.mapping(node, what, EVENT_KEYS)
        if fields is None:
            return None
        date = self.date(fields["date"][1], f"the date of {what}") if "date" in fields else None
        if "date" not in fields:
            self.error(node, f"{what} has no 'date'")
        text = self._required(fields, node, "text", what, markdown=True)
        if date is None or text is None:
            return None
        return Event(date, text, location_of(fields["text"][1]))

    # -- links -------------------------------------------------------------------

    def _resolve(self) -> None:
        """Check every reference and [[link]] now that every id is known."""
        names = {word.lower(): actor_id for word, (actor_id, _) in self.actor_names.items()}
        for target, noun, where, what in self.references:
            if target in self.ids:
                found, _ = self.ids[target]
                if found != noun:
                    self.error(where, f"{what} {quoted(target)} is {_article(found)}, not {_article(noun)}")
                continue
            same_kind = [i for i, (n, _) in self.ids.items() if n == noun]
            hint = self._hint(target, same_kind, names if noun == "actor" else {})
            self.error(where, f"{what} {quoted(target)} is not the id of any {noun}{hint}")
        for target, where in self.links:
            if target not in self.ids:
                hint = self._hint(target, list(self.ids), names)
                self.error(where, f"link [[{quoted(target)[1:-1]}]] points to no item{hint}")

    @staticmethod
    def _hint(target: str, ids: list[str], names: dict[str, str]) -> str:
        if target.lower() in names and names[target.lower()] in ids:
            return f"; did you mean '{names[target.lower()]}'?"
        return did_you_mean(target, ids)

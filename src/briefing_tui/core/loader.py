"""Loading a brief: the YAML node tree checked field by field and built into a `Brief`.

All findings are collected in one pass; a brief is returned only when there is no
error. Values are built from the node tree by hand rather than by PyYAML's
constructor, so that every value keeps its line and column, duplicate keys are caught,
and a hostile file (an alias bomb, a cycle, a strange tag) is never walked further
than the format needs.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from briefing_tui.core.findings import DEFAULT_LIMITS, Finding, Limits, LoadResult, Severity
from briefing_tui.core.links import WIKILINK_RE
from briefing_tui.core.model import (
    ACTOR_KINDS,
    FORMAT_VERSION,
    ISSUE_STATUSES,
    NOWHERE,
    Actor,
    Brief,
    Event,
    FieldLocations,
    Issue,
    Location,
    Position,
    Quote,
    Source,
    paused_gc,
)
from briefing_tui.core.similar import Suggestions, did_you_mean, look_alike_difference, quoted, skeleton
from briefing_tui.core.yamlsource import (
    MappingNode,
    Node,
    ScalarNode,
    SequenceNode,
    SourceError,
    YamlDocument,
    location_of,
    read_document,
    text_document,
)

ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]*\Z")
DATE_PATTERN = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
URL_PATTERN = re.compile(r"https?://[^\s/?#]+\S*\Z", re.IGNORECASE)
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")

_TAG = "tag:yaml.org,2002:"
_SCALAR_NAMES = {
    _TAG + "int": "a number",
    _TAG + "float": "a number",
    _TAG + "bool": "a yes/no value",
    _TAG + "timestamp": "a date",
    _TAG + "null": "empty",
}

_PLAIN_TAGS = frozenset(_TAG + name for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map", "merge"))
_STR = _TAG + "str"

BRIEF_KEYS = (
    "brief", "id", "title", "date", "tags", "follows", "summary", "key_points",
    "sources", "actors", "quotes", "issues", "timeline",
)  # fmt: skip
SOURCE_KEYS = ("id", "name", "url", "draft")
ACTOR_KEYS = ("id", "name", "kind", "role", "side", "aliases", "notes", "draft")
QUOTE_KEYS = ("id", "by", "text", "source", "date", "context", "about", "draft")
ISSUE_KEYS = ("id", "title", "status", "summary", "positions", "actors", "draft")
POSITION_KEYS = ("by", "stance")
EVENT_KEYS = ("date", "text")
# The brief's lists of items: read one item at a time, so a big brief is never
# held in memory both as YAML nodes and as the model.
_KEYS = {k: k for k in (*BRIEF_KEYS, *SOURCE_KEYS, *ACTOR_KEYS, *QUOTE_KEYS, *ISSUE_KEYS, *POSITION_KEYS, *EVENT_KEYS)}
# The fields of an item whose place is kept in the model: those its texts come
# from (search hits and links point there). A big brief has too many items to
# keep the place of every id, date and reference too.
_TEXT_FIELDS = frozenset(("aliases", "role", "side", "notes", "text", "context", "title", "summary"))
SECTIONS = frozenset(("sources", "actors", "quotes", "issues", "timeline"))


def load_brief(path: str | os.PathLike[str], limits: Limits = DEFAULT_LIMITS) -> LoadResult:
    """Read, check and build the brief at `path`. Never raises for a bad file."""
    name = os.fspath(path)
    with paused_gc():
        try:
            document = read_document(name, limits, SECTIONS)
        except SourceError as error:
            return LoadResult(name, None, (error.finding,))
        return _build(document, limits)


def load_text(text: str, path: str = "<text>", limits: Limits = DEFAULT_LIMITS) -> LoadResult:
    """Check and build a brief from YAML text; `path` names it in findings."""
    with paused_gc():
        try:
            document = text_document(text, path, limits, SECTIONS)
        except SourceError as error:
            return LoadResult(path, None, (error.finding,))
        return _build(document, limits)


def _build(document: YamlDocument, limits: Limits) -> LoadResult:
    builder = _Builder(document, limits)
    try:
        brief = builder.build()
        document.finish()
    except SourceError as error:
        # The file is not YAML past some point: what was checked before it is moot.
        return LoadResult(document.path, None, (error.finding,))
    except (RecursionError, MemoryError):
        return LoadResult(document.path, None, (Finding(document.path, NOWHERE, "error", "the brief is too large or deep to read"),))
    finally:
        document.close()
    if document.too_much_repeated is not None:
        builder.error(
            document.too_much_repeated,
            f"aliases repeat too much text from here on ({document.repeated:,} characters and values in all; "
            f"the limit is {document.repeat_limit:,}, the file's size or {limits.max_repeated_text:,} if more): "
            "write long text once, and alias only short values",
        )
    findings = tuple(sorted(builder.findings, key=Finding.sort_key))
    if any(f.is_error for f in findings):
        brief = None
    return LoadResult(document.path, brief, findings)


def default_id(path: str) -> str:
    """The brief id used when the file gives none: its name, made a valid id."""
    stem = Path(path).stem.lower()
    slug = re.sub(r"[^a-z0-9]+", "-", stem).strip("-")
    return slug or "brief"


def _yaml_int(text: str) -> int | None:
    """The number a YAML 1.1 integer stands for (0x1f, 017 octal, 1_000, +1), or None."""
    digits = text.replace("_", "").lower()
    sign = -1 if digits.startswith("-") else 1
    digits = digits.lstrip("+-")
    try:
        if digits.startswith(("0x", "0b")):
            return sign * int(digits, 0)
        return sign * int(digits, 8 if len(digits) > 1 and digits.startswith("0") else 10)
    except ValueError:
        return None


def _article(noun: str) -> str:
    return f"an {noun}" if noun[0] in "aeiou" else f"a {noun}"


def _describe(node: Node) -> str:
    if isinstance(node, SequenceNode):
        return "a list"
    if isinstance(node, MappingNode):
        return "a mapping"
    return _SCALAR_NAMES.get(node.tag, "text")


_Fields = dict[str, tuple[Node, Node]]


class _Builder:
    """Walks one document's nodes, collecting findings and building the model."""

    def __init__(self, document: YamlDocument, limits: Limits) -> None:
        self.document = document
        self.path = document.path
        self.limits = limits
        self.findings: list[Finding] = []
        # One namespace for every item id: id -> (the id, its noun, line, column).
        self.ids: dict[str, tuple[str, str, int, int]] = {}
        # References to ids not (yet) defined when read: checked at the end.
        self.references: list[tuple[str, str, int, int, str]] = []
        self.dates: dict[str, dt.date] = {}
        self.links: list[tuple[str, Location]] = []
        self.actor_names: dict[str, tuple[str, Location]] = {}
        self.look_alikes: dict[str, tuple[str, str, Location]] = {}

    # -- reporting ---------------------------------------------------------------

    def _add(self, where: Node | Location, severity: Severity, message: str) -> None:
        location = where if isinstance(where, Location) else location_of(where)
        self.findings.append(Finding(self.path, location, severity, message))

    def error(self, where: Node | Location, message: str) -> None:
        """Record an error at a node or location."""
        self._add(where, "error", message)

    def warning(self, where: Node | Location, message: str) -> None:
        """Record a warning at a node or location."""
        self._add(where, "warning", message)

    # -- shapes ------------------------------------------------------------------

    def _check_tag(self, node: Node) -> bool:
        tag = node.tag or ""
        if tag in _PLAIN_TAGS:
            return True
        shown = "!!" + tag[len(_TAG) :] if tag.startswith(_TAG) else tag
        self.error(node, f"unsupported YAML tag {quoted(shown)}: briefs hold plain text, dates and lists")
        return False

    def mapping(self, node: Node, what: str, keys: tuple[str, ...]) -> _Fields | None:
        """The known keys of a mapping node; unknown keys are warnings."""
        if not self._check_tag(node):
            return None
        if not isinstance(node, MappingNode):
            self.error(node, f"{what} must be a mapping of keys to values, not {_describe(node)}")
            return None
        return dict(self.fields(node, what, keys))

    def fields(self, node: MappingNode, what: str, keys: tuple[str, ...]) -> Iterator[tuple[str, tuple[Node, Node]]]:
        """Each known key of a mapping with its nodes, in file order, as it is read."""
        seen: dict[str, Node] = {}
        for key_node, value_node in self._pairs(node):
            if not isinstance(key_node, ScalarNode) or key_node.tag != _STR:
                self.error(key_node, f"keys in {what} must be plain words, not {_describe(key_node)}")
                continue
            key = key_node.value
            if key in seen:
                first = location_of(seen[key])
                self.error(key_node, f"duplicate key {quoted(key)} in {what} (first given at {first})")
                continue
            seen[key] = key_node
            if key not in keys:
                self.warning(key_node, f"unknown key {quoted(key)} in {what}{did_you_mean(key, keys)}")
                continue
            yield _KEYS.get(key, key), (key_node, value_node)

    def _pairs(self, node: MappingNode) -> Iterator[tuple[Node, Node]]:
        """The pairs of a mapping, with `<<: *anchor` merge keys expanded as YAML says."""
        explicit: set[str] = set()
        merged: list[tuple[Node, Node]] = []
        for key_node, value_node in node.value:
            if key_node.tag != _TAG + "merge":
                if isinstance(key_node, ScalarNode):
                    explicit.add(key_node.value)
                yield key_node, value_node
                continue
            sources = value_node.value if isinstance(value_node, SequenceNode) else [value_node]
            for source in sources:
                if isinstance(source, MappingNode):
                    # One level only: a merge of a merge is not worth the risk of cycles.
                    merged.extend(p for p in source.value if p[0].tag != _TAG + "merge")
                else:
                    self.error(source, "'<<' merges only mappings")
        seen: set[str | None] = set()
        for key_node, value_node in merged:
            name = key_node.value if isinstance(key_node, ScalarNode) else None
            if name not in explicit and name not in seen:
                seen.add(name)
                yield key_node, value_node

    def sequence(self, node: Node, what: str) -> Iterable[Node]:
        """The elements of a list node; an empty value is an empty list."""
        if not self._check_tag(node):
            return []
        if isinstance(node, ScalarNode) and node.tag == _TAG + "null":
            return []
        if not isinstance(node, SequenceNode):
            self.error(node, f"{what} must be a list, not {_describe(node)}")
            return []
        if self.document.too_much_repeated is not None:
            return []  # refused already: what aliases repeat is not read again
        if type(node.value) is not list:
            return self._counted(node, what)
        if len(node.value) > self.limits.max_list_items:
            self._too_many(node, what, len(node.value))
            return []
        return node.value

    def _counted(self, node: SequenceNode, what: str) -> Iterator[Node]:
        # A list read as it streams: past the limit, the rest is only counted.
        limit = self.limits.max_list_items
        count = 0
        for count, element in enumerate(node.value, 1):
            if count <= limit:
                yield element
        if count > limit:
            self._too_many(node, what, count)

    def _too_many(self, node: Node, what: str, count: int) -> None:
        self.error(node, f"{what} has {count:,} entries; the limit is {self.limits.max_list_items:,}")

    def text(self, node: Node, what: str, *, required: bool = False) -> str | None:
        """A text value; numbers, dates and yes/no that YAML read from bare words are errors."""
        if node.tag == _STR and type(node) is ScalarNode:
            if self.document.too_much_repeated is not None:
                return None  # refused already: what aliases repeat is not read again
            # The common case, kept short: a big brief has hundreds of thousands.
            value: str = node.value
            if len(value) <= self.limits.max_text_chars and (value.strip() or not required):
                return value
        if not self._check_tag(node):
            return None
        if not isinstance(node, ScalarNode):
            self.error(node, f"{what} must be text, not {_describe(node)}")
            return None
        if node.tag == _TAG + "null":
            if required:
                self.error(node, f"{what} is empty")
            return None
        if node.tag != _TAG + "str":
            self.error(
                node,
                f"{what} must be text, but {quoted(node.value)} reads as {_describe(node)} in YAML; put it in quotes",
            )
            return None
        value = node.value
        if len(value) > self.limits.max_text_chars:
            self.error(
                node,
                f"{what} is too long ({len(value):,} characters; the limit is {self.limits.max_text_chars:,})",
            )
            return None
        if required and not value.strip():
            self.error(node, f"{what} is empty")
            return None
        return value

    def markdown(self, node: Node, what: str, *, required: bool = False) -> str | None:
        """A Markdown text value; its `[[id]]` links are checked once all ids are known."""
        value = self.text(node, what, required=required)
        if value and "[[" in value:
            for target, where in self._link_locations(node, value):
                self.links.append((target, where))
        return value

    def _link_locations(self, node: Node, value: str) -> list[tuple[str, Location]]:
        found = [(m.group(1).strip(), m.start()) for m in WIKILINK_RE.finditer(value)]
        raw = self.document.raw(node) if isinstance(node, ScalarNode) else ""
        raw_starts = [m.start() for m in WIKILINK_RE.finditer(raw)]
        if len(raw_starts) != len(found):
            # A link broken across folded lines or escaped: blame the whole field.
            return [(target, location_of(node)) for target, _ in found]
        located = []
        for (target, _), offset in zip(found, raw_starts, strict=True):
            # Lines as YAML counts them: \r, NEL and the Unicode separators end one too.
            breaks = [m.end() for m in _LINE_BREAK.finditer(raw, 0, offset)]
            if breaks:
                column = offset - breaks[-1] + 1
            else:
                column = node.column + offset
            located.append((target, Location(node.line + len(breaks), column)))
        return located

    def date(self, node: Node, what: str) -> dt.date | None:
        """An ISO date, YYYY-MM-DD, bare or quoted."""
        if not self._check_tag(node):
            return None
        if not isinstance(node, ScalarNode) or node.tag not in (
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
        if value in self.dates:  # one object for each date: a big brief repeats them
            return self.dates[value]
        try:
            return self.dates.setdefault(value, dt.date.fromisoformat(value))
        except ValueError as error:
            self.error(node, f"{what} {quoted(value)} is not a real date ({error})")
            return None

    def identifier(self, fields: _Fields, owner: Node, noun: str, what: str) -> str | None:
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
                f"bad id {quoted(value)}: use lowercase letters, digits and '-', starting with a letter or digit",
            )
            return None
        if value in self.ids:
            _, other_noun, line, column = self.ids[value]
            other = Location(line, column)
            self.error(node, f"duplicate id '{value}': already used by {_article(other_noun)} at {other}")
            return None
        self.ids[value] = (value, noun, node.line, node.column)
        return value

    def reference(self, node: Node, noun: str, what: str) -> str | None:
        """An id that must name an item of kind `noun`; checked once all ids are known."""
        value = self.text(node, what, required=True)
        if value is None:
            return None
        target = value.strip()
        known = self.ids.get(target)
        if known is None:  # perhaps defined further down: checked at the end
            self.references.append((target, noun, node.line, node.column, what))
            return target
        if known[1] != noun:
            self.error(node, f"{what} {quoted(target)} is {_article(known[1])}, not {_article(noun)}")
        return known[0]  # one string for every reference to an item

    def references_list(self, node: Node, noun: str, what: str) -> tuple[str, ...]:
        """A list of ids of kind `noun`, in order, without repeats."""
        values: dict[str, None] = {}  # in order, each once: a list of 20,000 is checked in one pass
        entry = f"an entry of {what}"  # one string for the whole list: a big brief has many
        for element in self.sequence(node, what):
            value = self.reference(element, noun, entry)
            if value is not None:
                values[value] = None
        return tuple(values)

    def texts_list(self, node: Node, what: str, *, markdown: bool = False) -> list[tuple[str, Location]]:
        """A list of non-empty texts with where each was written."""
        read = self.markdown if markdown else self.text
        values = []
        for element in self.sequence(node, what):
            value = read(element, f"an entry of {what}", required=True)
            if value is not None:
                values.append((value, location_of(element)))
        return values

    def draft(self, fields: _Fields, noun: str, item_id: str | None, what: str) -> bool:
        """The item's `draft` mark. A drafted item is a warning until someone has
        reviewed it and removed the mark."""
        if "draft" not in fields:
            return False
        key, node = fields["draft"]
        if not (isinstance(node, ScalarNode) and node.tag == _TAG + "bool"):
            self.error(node, f"'draft' of {what} must be true or false, not {_describe(node)}")
            return False
        if node.value.lower() not in ("true", "yes", "on"):
            return False
        named = f"{noun} {quoted(item_id)}" if item_id else what
        self.warning(key, f"{named} is a draft: review it and remove 'draft: true'")
        return True

    def choice(self, node: Node, what: str, options: tuple[str, ...]) -> str | None:
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
        root = self.document.root()
        if root is None:
            text = self.document.data.strip()
            reason = "the file is empty" if not text else "the file holds only comments"
            self.error(NOWHERE, f"{reason}: a brief needs at least brief, title, date and summary")
            return None
        if not isinstance(root, MappingNode):
            self.error(root, f"a brief must be a mapping of fields at the top level, not {_describe(root)}")
            return None
        fields: _Fields = {}
        sections: dict[str, list[Any]] = {}
        builders = {
            "sources": self._source, "actors": self._actor, "quotes": self._quote,
            "issues": self._issue, "timeline": self._event,
        }  # fmt: skip
        if self._check_tag(root):
            # Sections are built as they are read (in file order), the rest after.
            for key, pair in self.fields(root, "the brief", BRIEF_KEYS):
                fields[key] = pair
                if key in builders:
                    sections[key] = self._items(pair[1], key, builders[key])

        def value(key: str) -> Node | None:
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
        for point, point_at in points:
            if "\n" in point.strip():
                self.error(point_at, "a key point is one line: split it in two, or move the detail to the summary")

        self._resolve()

        if title is None or date is None or summary is None:
            return None
        where: list[str | int] = list(self._locations(fields, NOWHERE.line))
        for i, (_, (line, column)) in enumerate(points):
            where += (f"key_points[{i}]", line - NOWHERE.line, column)
        return Brief(
            path=self.path,
            id=brief_id,
            title=title,
            date=date,
            summary=summary,
            tags=tuple(t for t, _ in tags),
            follows=follows,
            key_points=tuple(p for p, _ in points),
            sources=tuple(sections.get("sources", ())),
            actors=tuple(sections.get("actors", ())),
            quotes=tuple(sections.get("quotes", ())),
            issues=tuple(sections.get("issues", ())),
            timeline=tuple(sections.get("timeline", ())),
            field_locations=tuple(where),
        )

    def _follows(self, node: Node | None, brief_id: str) -> str | None:
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

    def _version(self, node: Node | None, root: Node) -> None:
        if node is None:
            self.error(root, f"the brief has no 'brief' field: start the file with 'brief: {FORMAT_VERSION}'")
            return
        if not (isinstance(node, ScalarNode) and node.tag == _TAG + "int"):
            self.error(node, f"'brief' is the format version and must be the number {FORMAT_VERSION}")
            return
        if node.value != str(FORMAT_VERSION):
            # YAML reads 01, +1 and 0_1 as the number 1 too; a version is written plainly.
            if _yaml_int(node.value) == FORMAT_VERSION:
                self.error(node, f"the format version is written {quoted(node.value)}: write it as {FORMAT_VERSION}")
            else:
                self.error(node, f"unsupported format version {quoted(node.value)[1:-1]}: this reader knows version {FORMAT_VERSION}")

    def _items(self, node: Node | None, what: str, build: Any) -> list[Any]:
        if node is None:
            return []
        items = []
        for index, element in enumerate(self.sequence(node, what)):
            item = build(element, f"{what}[{index}]")
            if item is not None:
                items.append(item)
        return items

    @staticmethod
    def _locations(fields: _Fields, line: int, keep: frozenset[str] | None = None) -> FieldLocations:
        where: list[str | int] = []
        for key, (_, value) in fields.items():
            if keep is None or key in keep:
                where += (key, value.line - line, value.column)
        return tuple(where)

    def _source(self, node: Node, what: str) -> Source | None:
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
        draft = self.draft(fields, "source", item_id, what)
        if item_id is None or name is None:
            return None
        return Source(item_id, location_of(node), name=name, url=url and url.strip(), draft=draft)

    def _required(self, fields: _Fields, owner: Node, key: str, what: str, *, markdown: bool = False) -> str | None:
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

    def _actor(self, node: Node, what: str) -> Actor | None:
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
        draft = self.draft(fields, "actor", item_id, what)
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
            field_locations=self._locations(fields, node.line, _TEXT_FIELDS),
            draft=draft,
        )

    def _claim_name(self, word: str, actor_id: str, where: Location) -> None:
        # A name shared by two actors would make every mention of it ambiguous.
        if word in self.actor_names and self.actor_names[word][0] != actor_id:
            other, first = self.actor_names[word]
            self.error(where, f"{quoted(word)} already names the actor '{other}' (at {first}); mentions of it would be ambiguous")
            return
        self.actor_names.setdefault(word, (actor_id, where))
        # Two names a reader cannot tell apart (a Cyrillic Р for a Latin P, a
        # zero-width space) for two actors: one of them is likely a trap.
        shape = skeleton(word)
        seen = self.look_alikes.setdefault(shape, (word, actor_id, where))
        if seen[1] != actor_id and seen[0] != word:
            other_word, other, first = seen
            self.warning(
                where,
                f"{quoted(word)} looks like {quoted(other_word)}, a name of the actor '{other}' (at {first}), "
                f"but is other text ({look_alike_difference(word, other_word)})",
            )

    def _quote(self, node: Node, what: str) -> Quote | None:
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
        draft = self.draft(fields, "quote", item_id, what)
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
            field_locations=self._locations(fields, node.line, _TEXT_FIELDS),
            draft=draft,
        )

    def _issue(self, node: Node, what: str) -> Issue | None:
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
        draft = self.draft(fields, "issue", item_id, what)
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
            field_locations=self._locations(fields, node.line, _TEXT_FIELDS),
            draft=draft,
        )

    def _position(self, node: Node, what: str) -> Position | None:
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

    def _event(self, node: Node, what: str) -> Event | None:
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
        # Each kind's ids, and their did-you-mean, prepared once for every broken reference.
        by_noun: dict[str, list[str]] = {}
        for item_id, entry in self.ids.items():
            by_noun.setdefault(entry[1], []).append(item_id)
        suggestions: dict[str | None, Suggestions] = {}

        def hint(target: str, noun: str | None) -> str:
            # An actor's name or alias given where its id belongs: that actor.
            actor = names.get(target.lower()) if noun in (None, "actor") else None
            if actor is not None and actor in self.ids:
                return f"; did you mean '{actor}'?"
            if noun not in suggestions:
                suggestions[noun] = Suggestions(by_noun.get(noun, []) if noun is not None else self.ids)
            return suggestions[noun].hint(target)

        for target, noun, line, column, what in self.references:
            where = Location(line, column)
            if target in self.ids:
                found = self.ids[target][1]
                if found != noun:
                    self.error(where, f"{what} {quoted(target)} is {_article(found)}, not {_article(noun)}")
                continue
            self.error(where, f"{what} {quoted(target)} is not the id of any {noun}{hint(target, noun)}")
        for target, where in self.links:
            if target not in self.ids:
                self.error(where, f"link [[{quoted(target)[1:-1]}]] points to no item{hint(target, None)}")

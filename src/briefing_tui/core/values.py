"""Reading a brief's values from its YAML nodes, each checked where it is written:
mappings and their keys, lists, texts, dates, ids, references, choices.

Values are built from the node tree by hand rather than by PyYAML's constructor, so
that every value keeps its line and column, duplicate keys are caught, and a hostile
file (an alias bomb, a cycle, a strange tag) is never walked further than the format
needs. `loader` builds the brief from what these read.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator

from briefing_tui.core.findings import Finding, Limits, Severity
from briefing_tui.core.links import WIKILINK_RE
from briefing_tui.core.model import Location
from briefing_tui.core.similar import did_you_mean, quoted
from briefing_tui.core.yamlsource import (
    MappingNode,
    Node,
    ScalarNode,
    SequenceNode,
    YamlDocument,
    location_of,
)

ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]*\Z")
DATE_PATTERN = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
URL_PATTERN = re.compile(r"https?://[^\s/?#]+\S*\Z", re.IGNORECASE)
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")

TAG = "tag:yaml.org,2002:"
_SCALAR_NAMES = {
    TAG + "int": "a number",
    TAG + "float": "a number",
    TAG + "bool": "a yes/no value",
    TAG + "timestamp": "a date",
    TAG + "null": "empty",
}

_PLAIN_TAGS = frozenset(TAG + name for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map", "merge"))
_STR = TAG + "str"

# The analyst's optional fields (marking, leaning, reliability...) come last in each
# list; `analyst_values` reads them.
BRIEF_KEYS = (
    "brief", "id", "title", "date", "tags", "follows", "summary", "key_points",
    "sources", "actors", "quotes", "issues", "timeline", "marking",
)  # fmt: skip
SOURCE_KEYS = ("id", "name", "url", "draft", "reliability", "marking")
ACTOR_KEYS = ("id", "name", "kind", "role", "side", "aliases", "notes", "draft", "relations", "marking")
QUOTE_KEYS = (
    "id", "by", "text", "source", "date", "context", "about", "draft",
    "verbatim", "lang", "translated_from", "confidence", "credibility", "marking",
)  # fmt: skip
ISSUE_KEYS = ("id", "title", "status", "summary", "positions", "actors", "draft", "marking")
POSITION_KEYS = ("by", "stance", "leaning", "as_of", "confidence", "marking")
EVENT_KEYS = ("date", "text")
# The brief's lists of items: read one item at a time, so a big brief is never
# held in memory both as YAML nodes and as the model.
_KEYS = {k: k for k in (*BRIEF_KEYS, *SOURCE_KEYS, *ACTOR_KEYS, *QUOTE_KEYS, *ISSUE_KEYS, *POSITION_KEYS, *EVENT_KEYS)}
# The fields of an item whose place is kept in the model: those its texts come
# from (search hits and links point there). A big brief has too many items to
# keep the place of every id, date and reference too.
TEXT_FIELDS = frozenset(("aliases", "role", "side", "notes", "text", "context", "title", "summary"))
SECTIONS = frozenset(("sources", "actors", "quotes", "issues", "timeline"))


def yaml_int(text: str) -> int | None:
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


def article(noun: str) -> str:
    return f"an {noun}" if noun[0] in "aeiou" else f"a {noun}"


def describe(node: Node) -> str:
    if isinstance(node, SequenceNode):
        return "a list"
    if isinstance(node, MappingNode):
        return "a mapping"
    return _SCALAR_NAMES.get(node.tag, "text")


Fields = dict[str, tuple[Node, Node]]


class FieldReader:
    """Reads one document's values node by node, collecting findings: the shapes,
    texts, dates, ids and references a brief is made of, each checked where it is
    written. `loader` builds the brief from them."""

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
        shown = "!!" + tag[len(TAG) :] if tag.startswith(TAG) else tag
        self.error(node, f"unsupported YAML tag {quoted(shown)}: briefs hold plain text, dates and lists")
        return False

    def mapping(self, node: Node, what: str, keys: tuple[str, ...]) -> Fields | None:
        """The known keys of a mapping node; unknown keys are warnings."""
        if not self._check_tag(node):
            return None
        if not isinstance(node, MappingNode):
            self.error(node, f"{what} must be a mapping of keys to values, not {describe(node)}")
            return None
        return dict(self.fields(node, what, keys))

    def fields(self, node: MappingNode, what: str, keys: tuple[str, ...]) -> Iterator[tuple[str, tuple[Node, Node]]]:
        """Each known key of a mapping with its nodes, in file order, as it is read."""
        seen: dict[str, Node] = {}
        for key_node, value_node in self._pairs(node):
            if not isinstance(key_node, ScalarNode) or key_node.tag != _STR:
                self.error(key_node, f"keys in {what} must be plain words, not {describe(key_node)}")
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
            if key_node.tag != TAG + "merge":
                if isinstance(key_node, ScalarNode):
                    explicit.add(key_node.value)
                yield key_node, value_node
                continue
            sources = value_node.value if isinstance(value_node, SequenceNode) else [value_node]
            for source in sources:
                if isinstance(source, MappingNode):
                    # One level only: a merge of a merge is not worth the risk of cycles.
                    merged.extend(p for p in source.value if p[0].tag != TAG + "merge")
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
        if isinstance(node, ScalarNode) and node.tag == TAG + "null":
            return []
        if not isinstance(node, SequenceNode):
            self.error(node, f"{what} must be a list, not {describe(node)}")
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
            self.error(node, f"{what} must be text, not {describe(node)}")
            return None
        if node.tag == TAG + "null":
            if required:
                self.error(node, f"{what} is empty")
            return None
        if node.tag != TAG + "str":
            self.error(
                node,
                f"{what} must be text, but {quoted(node.value)} reads as {describe(node)} in YAML; put it in quotes",
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
            TAG + "timestamp",
            TAG + "str",
        ):
            self.error(node, f"{what} must be a date (YYYY-MM-DD), not {describe(node)}")
            return None
        value = node.value.strip()
        if not DATE_PATTERN.match(value):
            hint = " without a time" if node.tag == TAG + "timestamp" else ""
            self.error(node, f"{what} {quoted(value)} is not a date: write it as YYYY-MM-DD{hint}")
            return None
        if value in self.dates:  # one object for each date: a big brief repeats them
            return self.dates[value]
        try:
            return self.dates.setdefault(value, dt.date.fromisoformat(value))
        except ValueError as error:
            self.error(node, f"{what} {quoted(value)} is not a real date ({error})")
            return None

    def identifier(self, fields: Fields, owner: Node, noun: str, what: str) -> str | None:
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
            self.error(node, f"duplicate id '{value}': already used by {article(other_noun)} at {other}")
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
            self.error(node, f"{what} {quoted(target)} is {article(known[1])}, not {article(noun)}")
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

    def draft(self, fields: Fields, noun: str, item_id: str | None, what: str) -> bool:
        """The item's `draft` mark. A drafted item is a warning until someone has
        reviewed it and removed the mark."""
        if "draft" not in fields:
            return False
        key, node = fields["draft"]
        if not (isinstance(node, ScalarNode) and node.tag == TAG + "bool"):
            self.error(node, f"'draft' of {what} must be true or false, not {describe(node)}")
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

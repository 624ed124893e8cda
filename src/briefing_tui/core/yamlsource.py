"""Reading a brief file safely: bytes to a stream of YAML nodes with positions.

Everything that can go wrong before the brief's fields are looked at is turned into a
`Finding` here: a missing or unreadable path, a file that is too large, binary or not
UTF-8, every YAML syntax error, nesting deeper than the limit, too many aliases. Only
PyYAML's safe parser is used (libyaml's when present), and only for its *events*:
values are never constructed, tags never acted on, and aliases never expanded.

Nodes are composed here, lean (a few slots each, no marks kept), and the long lists
of a brief (its actors, quotes, issues...) are handed out one element at a time, so a
big brief is never held twice in memory: once as nodes and once as the model.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterator
from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    DocumentEndEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
    StreamStartEvent,
)

from briefing_tui.core.findings import DEFAULT_LIMITS, Finding, Limits
from briefing_tui.core.model import NOWHERE, Location
from briefing_tui.core.text_lines import BOM_ENCODINGS

# The C parser is ~10x faster; the pure-Python one is the same grammar.
SafeLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_TAG = "tag:yaml.org,2002:"
STR_TAG = _TAG + "str"
SEQ_TAG = _TAG + "seq"
MAP_TAG = _TAG + "map"
_IMPLICIT: dict[str | None, list[tuple[str, Any]]] = SafeLoader.yaml_implicit_resolvers  # type: ignore[attr-defined]
_WILDCARD = _IMPLICIT.get(None, [])


class Node:
    """A YAML node: its resolved tag, its value and where it starts (1-based)."""

    __slots__ = ("tag", "value", "line", "column")

    def __init__(self, tag: str, value: Any, line: int, column: int) -> None:
        self.tag = tag
        self.value = value
        self.line = line
        self.column = column


class ScalarNode(Node):
    """A scalar; `value` is its text, `end` the line and column just after it."""

    __slots__ = ("end",)

    def __init__(self, tag: str, value: str, line: int, column: int, end: tuple[int, int]) -> None:
        super().__init__(tag, value, line, column)
        self.end = end


class SequenceNode(Node):
    """A list; `value` is a list of nodes, or an iterator of them when streamed."""

    __slots__ = ()


class MappingNode(Node):
    """A mapping; `value` is a list of (key, value) node pairs, or an iterator of them."""

    __slots__ = ()


class SourceError(Exception):
    """The file cannot be read as a YAML document; `finding` says why and where."""

    def __init__(self, finding: Finding) -> None:
        super().__init__(str(finding))
        self.finding = finding


_new_location = tuple.__new__  # skips NamedTuple's argument parsing on a hot path


def location_of(node: Node) -> Location:
    """Where a node starts, 1-based."""
    return _new_location(Location, (node.line, node.column))


class YamlDocument:
    """One brief file being read: its bytes, and its root node, composed as it is read.

    The root mapping's pairs come one at a time, and a list under one of the
    `streamed` keys comes one element at a time: consume each before asking for the
    next. Syntax errors, too deep nesting and too many aliases raise `SourceError`
    while iterating.
    """

    def __init__(self, path: str, data: bytes, limits: Limits = DEFAULT_LIMITS, streamed: frozenset[str] = frozenset()) -> None:
        self.path = path
        self.data = data
        self.limits = limits
        self.streamed = streamed
        self._cursor = (1, 0)  # a line and the offset it starts at
        self._parser: Any = None
        self._anchors: dict[str, Node] = {}
        self._aliases = 0
        self._depth = 0
        self._root: Node | None = None
        # What alias uses repeat: the weight of each anchored collection (its text
        # and values), and the sum of every use so far.
        self._weights: dict[Node, int] = {}  # by identity; keeps them alive
        self.repeated = 0
        self.repeat_limit = max(limits.max_repeated_text, len(data))
        self.too_much_repeated: Location | None = None
        """Where aliases went over `repeat_limit`, if they did: what follows is not
        to be read closely (the brief is refused)."""

    # -- reading -----------------------------------------------------------------

    def root(self) -> Node | None:
        """The document's root node (None for an empty file); its pairs stream."""
        self._parser = SafeLoader(self.data)
        event = self._next()
        if type(event) is StreamStartEvent:
            event = self._next()
        if type(event) is StreamEndEvent:
            return None
        event = self._next()  # past DocumentStart
        self._root = self._node(event, streamed_root=True)
        return self._root

    def finish(self) -> None:
        """Read to the end: anything after the one document is an error."""
        if self._parser is None:
            return
        try:
            if self._root is not None and type(self._root.value) is not list:
                for _ in self._root.value:  # what the reader left unread
                    pass
            event = self._next()
            if type(event) is DocumentEndEvent:
                event = self._next()
            if type(event) is DocumentStartEvent:
                raise self._syntax(
                    yaml.composer.ComposerError(
                        "expected a single document in the stream",
                        None,
                        "but found another document",
                        event.start_mark,
                    )
                )
        finally:
            self.close()

    def close(self) -> None:
        """Let the parser go."""
        if self._parser is not None:
            dispose = getattr(self._parser, "dispose", None)
            if dispose:
                dispose()
            self._parser = None

    def raw(self, node: ScalarNode) -> str:
        """The text of a scalar as written in the file, quotes and line breaks included."""
        first = self._line_offset(node.line)
        last = self._line_offset(node.end[0])
        stop = self._line_offset(node.end[0] + 1)
        # Columns count characters, not bytes: decode, then cut.
        before = self.data[first:last].decode("utf-8", "replace")
        last_line = self.data[last:stop].decode("utf-8", "replace")
        return (before + last_line[: node.end[1] - 1])[node.column - 1 :]

    def _line_offset(self, line: int) -> int:
        # Where a 1-based line starts. Asked in file order while reading, so a
        # cursor walks forward instead of indexing every line of a big file.
        at_line, at = self._cursor
        if line < at_line:
            at_line, at = 1, 0
        while at_line < line:
            found = _BREAKS.search(self.data, at)
            if found is None:
                return len(self.data)
            at_line, at = at_line + 1, found.end()
        self._cursor = (at_line, at)
        return at

    # -- composing ---------------------------------------------------------------

    def _next(self) -> Any:
        try:
            return self._parser.get_event()
        except yaml.MarkedYAMLError as error:
            raise self._syntax(error) from None
        except yaml.reader.ReaderError as error:
            raise SourceError(
                Finding(
                    self.path,
                    _location_at(self.data, error.position),
                    "error",
                    f"character {ord(error.character):#06x} is not allowed in YAML text"
                    if isinstance(error.character, str)
                    else f"unreadable text: {error.reason}",
                )
            ) from None
        except yaml.YAMLError as error:
            raise SourceError(Finding(self.path, NOWHERE, "error", f"YAML error: {error}")) from None

    def _syntax(self, error: yaml.MarkedYAMLError) -> SourceError:
        return SourceError(_syntax_finding(error, self.path, self.data, self.limits))

    def _error(self, event: Any, message: str) -> SourceError:
        mark = event.start_mark
        return SourceError(Finding(self.path, Location(mark.line + 1, mark.column + 1), "error", message))

    def _node(self, event: Any, streamed_root: bool = False, streamed: bool = False) -> Node:
        kind = type(event)
        mark = event.start_mark
        if kind is ScalarEvent:
            tag = event.tag
            value = event.value
            if tag is None or tag == "!":
                tag = _resolve_scalar(value, event.implicit)
            end = event.end_mark
            node: Node = ScalarNode(tag, value, mark.line + 1, mark.column + 1, (end.line + 1, end.column + 1))
            if event.anchor is not None:
                self._anchors[event.anchor] = node
            return node
        if kind is AliasEvent:
            self._aliases += 1
            if self._aliases > self.limits.max_aliases:
                raise self._error(event, f"too many aliases (more than {self.limits.max_aliases:,})")
            try:
                node = self._anchors[event.anchor]
            except KeyError:
                raise self._syntax(yaml.composer.ComposerError(None, None, f"found undefined alias {event.anchor!r}", mark)) from None
            self.repeated += self._weight(node)
            if self.repeated > self.repeat_limit and self.too_much_repeated is None:
                self.too_much_repeated = Location(mark.line + 1, mark.column + 1)
            return node
        self._depth += 1
        if self._depth > self.limits.max_depth:
            raise self._error(event, _too_deep(self.limits))
        tag = event.tag
        anchor = event.anchor
        if kind is SequenceStartEvent:
            node = SequenceNode(SEQ_TAG if tag is None or tag == "!" else tag, [], mark.line + 1, mark.column + 1)
            if anchor is not None:
                self._anchors[anchor] = node
                self._weights[node] = 0  # until it is complete
            elif streamed:
                # Handed out one element at a time; an anchored list is kept whole,
                # since an alias may need it again.
                node.value = self._elements()
                return node
            append = node.value.append
            event = self._next()
            while type(event) is not SequenceEndEvent:
                append(self._node(event))
                event = self._next()
        elif kind is MappingStartEvent:
            node = MappingNode(MAP_TAG if tag is None or tag == "!" else tag, [], mark.line + 1, mark.column + 1)
            if anchor is not None:
                self._anchors[anchor] = node
                self._weights[node] = 0  # until it is complete
            if streamed_root and anchor is None:
                node.value = self._pairs()
                return node
            append = node.value.append
            event = self._next()
            while type(event) is not MappingEndEvent:
                key = self._node(event)
                append((key, self._node(self._next())))
                event = self._next()
        else:  # pragma: no cover - the parser gives nothing else here
            raise self._error(event, f"unexpected YAML event {kind.__name__}")
        self._depth -= 1
        if anchor is not None:
            self._weights[node] = self._weight(node, whole=True)
        return node

    def _weight(self, node: Node, whole: bool = False) -> int:
        """What a use of `node` repeats: its characters of text, and one for each value.

        An anchored collection's weight is worked out once, when it is complete (one
        still being read, as in `&a [*a]`, weighs nothing yet); `whole` works it out."""
        if type(node) is ScalarNode:
            return len(node.value) + 1
        if not whole:
            return self._weights.get(node, 1)
        children = (part for child in node.value for part in (child if type(child) is tuple else (child,)))  # pairs, in a mapping
        return 1 + sum(self._weight(child, child not in self._weights) for child in children)

    def _elements(self) -> Iterator[Node]:
        event = self._next()
        while type(event) is not SequenceEndEvent:
            yield self._node(event)
            event = self._next()
        self._depth -= 1

    def _pairs(self) -> Iterator[tuple[Node, Node]]:
        event = self._next()
        while type(event) is not MappingEndEvent:
            key = self._node(event)
            stream = type(key) is ScalarNode and key.value in self.streamed
            value = self._node(self._next(), streamed=stream)
            yield key, value
            if stream and type(value) is SequenceNode and type(value.value) is not list:
                # Whatever the caller left of a streamed list is read (and dropped);
                # a text is never walked a character at a time.
                for _ in value.value:
                    pass
            event = self._next()
        self._depth -= 1


_BREAKS = re.compile(rb"\r\n|[\r\n]|\xc2\x85|\xe2\x80[\xa8\xa9]")


def _resolve_scalar(value: str, implicit: tuple[bool, bool]) -> str:
    # What PyYAML's resolver does, without its per-call overhead.
    if implicit[0]:
        for tag, regexp in _IMPLICIT.get(value[:1], []) + _WILDCARD:
            if regexp.match(value):
                return str(tag)
    return STR_TAG


def read_document(path: str, limits: Limits = DEFAULT_LIMITS, streamed: frozenset[str] = frozenset()) -> YamlDocument:
    """Open the brief file at `path` for reading as YAML.

    Raises `SourceError` with a finding for anything that stops the file from being
    read as text; syntax errors come later, while its nodes are read.
    """
    return YamlDocument(path, as_utf8(_read_bytes(path, limits), path), limits, streamed)


def text_document(text: str, path: str, limits: Limits = DEFAULT_LIMITS, streamed: frozenset[str] = frozenset()) -> YamlDocument:
    """A document from YAML text already in memory."""
    if "\0" in text:
        raise SourceError(Finding(path, _line_column(text[: text.index("\0")]), "error", "the file holds NUL characters"))
    return YamlDocument(path, text.encode("utf-8", "surrogatepass"), limits, streamed)


_OPEN_FLAGS = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)


def _read_bytes(path: str, limits: Limits) -> bytes:
    def fail(message: str) -> SourceError:
        return SourceError(Finding(path, None, "error", message))

    def judge(info: os.stat_result) -> None:
        if stat.S_ISDIR(info.st_mode):
            raise fail("is a directory, not a brief file")
        if not stat.S_ISREG(info.st_mode):
            # Reading a FIFO or a device could block forever or never end.
            raise fail("not a regular file")
        if info.st_size > limits.max_file_bytes:
            raise fail(f"file too large ({info.st_size:,} bytes; the limit is {limits.max_file_bytes:,})")

    try:
        judge(os.stat(path))  # a FIFO or a device is not even opened
        # Without blocking, and judged again by what was opened: a FIFO put in the
        # file's place since would otherwise hold the open (and the reader) forever.
        descriptor = os.open(path, _OPEN_FLAGS)
    except FileNotFoundError:
        raise fail("no such file") from None
    except PermissionError:
        raise fail("cannot read: permission denied") from None
    except OSError as error:
        raise fail(f"cannot open: {error.strerror or error}") from None
    try:
        info = os.fstat(descriptor)
        judge(info)
        os.set_blocking(descriptor, True)
        with open(descriptor, "rb", closefd=False) as handle:
            # Sized to the file: read(limit) would reserve the whole limit first.
            data = handle.read(min(info.st_size, limits.max_file_bytes) + 1)
            if len(data) > info.st_size:  # it grew after stat
                data += handle.read(limits.max_file_bytes + 1 - len(data))
    except PermissionError:
        raise fail("cannot read: permission denied") from None
    except OSError as error:
        raise fail(f"cannot read: {error.strerror or error}") from None
    finally:
        os.close(descriptor)
    if len(data) > limits.max_file_bytes:  # it grew after stat
        raise fail(f"file too large (more than {limits.max_file_bytes:,} bytes)")
    return data


def _line_column(prefix: str) -> Location:
    """The location just after `prefix`."""
    line = prefix.count("\n") + 1
    return Location(line, len(prefix) - (prefix.rfind("\n") + 1) + 1)


def _location_at(data: bytes, offset: int) -> Location:
    """The location of a byte offset."""
    return _line_column(data[:offset].decode("utf-8", "replace"))


def as_utf8(data: bytes, path: str) -> bytes:
    """A brief's bytes checked and made UTF-8 for the parser.

    UTF-8 (an optional BOM dropped), or UTF-16/32 with a BOM; anything else, or any
    NUL, is an error with the place it happens.
    """
    encoding = next((enc for bom, enc in BOM_ENCODINGS if data.startswith(bom)), "utf-8")
    if encoding == "utf-8" and b"\0" in data[:8192]:
        raise SourceError(Finding(path, _location_at(data, data.index(b"\0")), "error", "binary file (it holds NUL bytes), not a YAML brief"))
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        where = _line_column(data[: error.start].decode(encoding, "replace"))
        byte = data[error.start : error.start + 1].hex().upper()
        raise SourceError(
            Finding(
                path,
                where,
                "error",
                f"not valid {encoding.upper().removesuffix('-SIG')} text (byte 0x{byte}); briefs are UTF-8 text files",
            )
        ) from None
    if "\0" in text:
        raise SourceError(Finding(path, _line_column(text[: text.index("\0")]), "error", "the file holds NUL characters"))
    if encoding == "utf-8":
        return data  # the text itself is dropped: the parser reads the bytes
    return text.encode("utf-8", "surrogatepass")


def _too_deep(limits: Limits) -> str:
    return f"the YAML is nested too deeply to read (more than {limits.max_depth} levels)"


def _within(lines: list[bytes], line: int, column: int) -> Location:
    """A 0-based place as a 1-based Location, kept inside the file (`lines`: its
    lines): libyaml puts the end of a file without a final line break on a line of
    its own, past the end. (After a final line break, the empty line there is a
    place an editor shows.)"""
    if line >= len(lines):  # lines ends with b"" when the file ends with a break
        return Location(len(lines), len(lines[-1].decode("utf-8", "replace")) + 1)
    return Location(line + 1, column + 1)


def _syntax_finding(error: yaml.MarkedYAMLError, path: str, data: bytes, limits: Limits = DEFAULT_LIMITS) -> Finding:
    mark = error.problem_mark or error.context_mark
    lines = _BREAKS.split(data)
    where = _within(lines, mark.line, mark.column) if mark else NOWHERE
    problem = (error.problem or "").strip()
    if "maximum nesting depth" in problem or "exceeded" in problem and "depth" in problem:
        # libyaml's own limit (1,000 levels), met while it reads ahead of ours.
        return Finding(path, where, "error", _too_deep(limits))
    message = f"YAML syntax: {problem}" if problem else "YAML syntax error"
    if error.context:
        context = error.context.strip()
        start = error.context_mark
        if start and mark and (start.line, start.column) != (mark.line, mark.column):
            context += f" started at {start.line + 1}:{start.column + 1}"
        message += f" ({context})"
    at_mark = ""
    if mark is not None and mark.line < len(lines):
        at_mark = lines[mark.line].decode("utf-8", "replace")[mark.column : mark.column + 1]
    if at_mark == "\t" or "\\t" in problem:
        message += "; this is a tab: indent with spaces"
    elif problem.startswith("mapping values are not allowed") and mark is not None and mark.line < len(lines):
        message += _quote_hint(lines[mark.line].decode("utf-8", "replace"))
    return Finding(path, where, "error", message)


def _quote_hint(line: str) -> str:
    """The usual cause of 'mapping values are not allowed': a value holding ': '."""
    key, _, value = line.strip().removeprefix("- ").partition(": ")
    value = value.strip()
    if value and '"' not in value and len(line) <= 100:
        return f'; a value holding ": " must be in quotes: {key}: "{value}"'
    return '; a value holding ": " must be in quotes'

"""Reading a brief file safely: bytes to text to a YAML node tree with positions.

Everything that can go wrong before the brief's fields are looked at is turned into a
`Finding` here: a missing or unreadable path, a file that is too large, binary or not
UTF-8, and every YAML syntax error. Only PyYAML's safe machinery is used (libyaml's
`CSafeLoader` when present), and only to *compose* nodes: building values from them
is the validator's job, so that each value keeps its line and column.
"""

from __future__ import annotations

import codecs
import gc
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import yaml

from briefing_tui.core.findings import DEFAULT_LIMITS, Finding, Limits
from briefing_tui.core.model import NOWHERE, Location

# The C loader is ~10x faster; the pure-Python one is the same grammar.
SafeLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True, slots=True)
class Document:
    """A parsed brief file: its text and its root node (None when the file is empty)."""

    path: str
    text: str
    root: yaml.Node | None


class SourceError(Exception):
    """The file cannot be read as a YAML document; `finding` says why and where."""

    def __init__(self, finding: Finding) -> None:
        super().__init__(str(finding))
        self.finding = finding


def location_of(node: yaml.Node) -> Location:
    """Where a node starts, 1-based."""
    mark = node.start_mark
    return _new_location(Location, (mark.line + 1, mark.column + 1))


_new_location = tuple.__new__  # skips NamedTuple's argument parsing on a hot path


def read_document(path: str, limits: Limits = DEFAULT_LIMITS) -> Document:
    """Read and parse the brief file at `path`.

    Raises `SourceError` with a finding for anything that stops the file from being
    read or parsed.
    """
    data = _read_bytes(path, limits)
    text = decode(data, path)
    return parse_text(text, path)


def _read_bytes(path: str, limits: Limits) -> bytes:
    def fail(message: str) -> SourceError:
        return SourceError(Finding(path, None, "error", message))

    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise fail("no such file") from None
    except PermissionError:
        raise fail("cannot read: permission denied") from None
    except OSError as error:
        raise fail(f"cannot open: {error.strerror or error}") from None
    if stat.S_ISDIR(info.st_mode):
        raise fail("is a directory, not a brief file")
    if not stat.S_ISREG(info.st_mode):
        # Opening a FIFO or a device could block forever or never end.
        raise fail("not a regular file")
    if info.st_size > limits.max_file_bytes:
        raise fail(
            f"file too large ({info.st_size:,} bytes; the limit is {limits.max_file_bytes:,})"
        )
    try:
        with open(path, "rb") as handle:
            data = handle.read(limits.max_file_bytes + 1)
    except PermissionError:
        raise fail("cannot read: permission denied") from None
    except OSError as error:
        raise fail(f"cannot read: {error.strerror or error}") from None
    if len(data) > limits.max_file_bytes:  # it grew after stat
        raise fail(f"file too large (more than {limits.max_file_bytes:,} bytes)")
    return data


def _line_column(prefix: str) -> Location:
    """The location just after `prefix`."""
    line = prefix.count("\n") + 1
    return Location(line, len(prefix) - (prefix.rfind("\n") + 1) + 1)


def decode(data: bytes, path: str) -> str:
    """Decode a brief's bytes: UTF-8 (an optional BOM dropped), or UTF-16/32 with a BOM."""
    for bom, encoding in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            break
    else:
        encoding = "utf-8"
    if encoding == "utf-8" and b"\0" in data[:8192]:
        where = _line_column(data[: data.index(b"\0")].decode("utf-8", "replace"))
        raise SourceError(
            Finding(path, where, "error", "binary file (it holds NUL bytes), not a YAML brief")
        )
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
                f"not valid {encoding.upper().removesuffix('-SIG')} text (byte 0x{byte}); "
                "briefs are UTF-8 text files",
            )
        ) from None
    if "\0" in text:
        where = _line_column(text[: text.index("\0")])
        raise SourceError(Finding(path, where, "error", "the file holds NUL characters"))
    return text


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector for a while.

    Loading a big brief creates millions of objects and no cycles; the collector
    would rescan them again and again for nothing (it more than doubles the time).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def parse_text(text: str, path: str) -> Document:
    """Compose the YAML node tree of one document, without constructing values."""
    with paused_gc():
        return _compose(text, path)


def _compose(text: str, path: str) -> Document:
    try:
        root = yaml.compose(text, Loader=SafeLoader)
    except yaml.MarkedYAMLError as error:
        raise SourceError(_syntax_finding(error, path, text)) from None
    except yaml.reader.ReaderError as error:
        where = _line_column(text[: error.position])
        raise SourceError(
            Finding(
                path,
                where,
                "error",
                f"character {ord(error.character):#06x} is not allowed in YAML text"
                if isinstance(error.character, str)
                else f"unreadable text: {error.reason}",
            )
        ) from None
    except yaml.YAMLError as error:
        raise SourceError(Finding(path, NOWHERE, "error", f"YAML error: {error}")) from None
    except RecursionError:
        raise SourceError(
            Finding(path, NOWHERE, "error", "the YAML is nested too deeply to read")
        ) from None
    except MemoryError:
        raise SourceError(
            Finding(path, NOWHERE, "error", "the file needs too much memory to read")
        ) from None
    return Document(path, text, root)


def _syntax_finding(error: yaml.MarkedYAMLError, path: str, text: str) -> Finding:
    mark = error.problem_mark or error.context_mark
    where = Location(mark.line + 1, mark.column + 1) if mark else NOWHERE
    problem = (error.problem or "").strip()
    if "maximum nesting depth" in problem or "exceeded" in problem and "depth" in problem:
        return Finding(path, where, "error", "the YAML is nested too deeply to read")
    message = f"YAML syntax: {problem}" if problem else "YAML syntax error"
    if error.context:
        context = error.context.strip()
        start = error.context_mark
        if start and mark and (start.line, start.column) != (mark.line, mark.column):
            context += f" started at {start.line + 1}:{start.column + 1}"
        message += f" ({context})"
    if mark is not None and text[mark.index : mark.index + 1] == "\t" or "\\t" in problem:
        message += "; this is a tab: indent with spaces"
    return Finding(path, where, "error", message)

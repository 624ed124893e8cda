"""The user's marks on a brief: the items picked for a meeting, in the user's order,
each with a one-line note.

Marks belong to the user, not to the brief: they are kept per brief (by its id) in
the user's data folder (`user_folders.data_directory()`), never in the brief and
never in the cache. A mark names its item by a `Ref`, plus the label it had when it
was made, so that a mark whose item has since been removed from the brief is kept
and can be shown as gone rather than silently dropped.

A key point and a timeline entry have no id: their mark is a `Ref` of kind
"summary" whose `id` says which (`KEY_POINT`, `TIMELINE`) and whose `part` is the
text itself; edit the text and the mark shows as gone, as for a removed item.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

from briefing_tui.core.ref import Ref

KEY_POINT = "key_point"
TIMELINE = "timeline"
_KINDS = frozenset({"summary", "source", "actor", "quote", "issue", "position"})
NOTE_LIMIT = 500
"""A note is one line: longer ones are cut, line breaks made spaces."""


class Mark(NamedTuple):
    """One marked item: what it is, what the user wrote about it, and the label it had
    when marked (shown when the item is gone)."""

    ref: Ref
    note: str = ""
    label: str = ""


def key_point_ref(text: str) -> Ref:
    """The mark's reference to the key point reading `text`."""
    return Ref("summary", KEY_POINT, text)


def timeline_ref(date: str, text: str) -> Ref:
    """The mark's reference to the timeline entry of `date` (ISO) reading `text`."""
    return Ref("summary", TIMELINE, f"{date} {text}")


def one_line(text: str, limit: int = NOTE_LIMIT) -> str:
    """`text` on one line (every run of white space one space), at most `limit` characters."""
    return " ".join(text.split())[:limit]


class Marks:
    """The marks on one brief, in the user's order, read from and saved to its file.

    Every change is saved at once (a small JSON file, written whole and then moved
    into place, so that a crash never leaves half a file). A file that cannot be read
    is set aside (renamed `*.unreadable`) before anything is written over it, and
    `problem` says so.
    """

    def __init__(self, brief_id: str, folder: Path | None = None, *, kept: bool = True) -> None:
        """The marks on the brief `brief_id`, from `folder` (default: `marks` in the
        user's data folder); not `kept`, they live in memory only, neither read nor
        written (a reader served to a browser writes nothing on the server)."""
        self.brief_id = brief_id
        self.kept = kept
        if folder is None:
            from briefing_tui.core.user_folders import data_directory

            folder = data_directory() / "marks"
        self.path = folder / file_name(brief_id)
        self.marks: list[Mark] = []
        self.problem = ""
        """Why the marks could not be read (empty when they could)."""
        if kept:
            self._load()

    # -- reading and writing ---------------------------------------------------------

    def _load(self) -> None:
        try:
            raw = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return
        except OSError as error:
            self.problem = f"Your marks could not be read from {self.path}: {error.strerror or error}"
            return
        try:
            self.marks = _marks_from(json.loads(raw))
        except (ValueError, TypeError, KeyError) as error:
            self.problem = f"Your marks in {self.path} could not be read ({error}); the file is kept as {self.path.name}.unreadable"
            with contextlib.suppress(OSError):
                os.replace(self.path, self.path.with_name(self.path.name + ".unreadable"))

    def save(self) -> None:
        """Write the marks to their file (created, with its folder, when needed)."""
        if not self.kept:
            return
        data = {
            "format": 1,
            "brief": self.brief_id,
            "marks": [
                {"kind": m.ref.kind, "id": m.ref.id, "part": m.ref.part, "note": m.note, "label": m.label}
                for m in self.marks
            ],
        }  # fmt: skip
        from briefing_tui.core.user_folders import write_whole

        write_whole(self.path, json.dumps(data, ensure_ascii=False, indent=1), ".marks-")

    # -- questions -------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self.marks)

    def __iter__(self) -> Iterator[Mark]:
        return iter(self.marks)

    def refs(self) -> frozenset[Ref]:
        """Every marked reference."""
        return frozenset(m.ref for m in self.marks)

    def position(self, ref: Ref) -> int:
        """Where `ref` is among the marks (-1: not marked)."""
        ref = _bare(ref)
        return next((i for i, m in enumerate(self.marks) if m.ref == ref), -1)

    def __contains__(self, ref: object) -> bool:
        return isinstance(ref, Ref) and self.position(ref) >= 0

    # -- changes (each saved at once) ---------------------------------------------------

    def toggle(self, ref: Ref, label: str = "") -> bool:
        """Mark `ref` (last in order), or unmark it when it is marked. True: now marked."""
        at = self.position(ref)
        if at >= 0:
            del self.marks[at]
            self.save()
            return False
        self.marks.append(Mark(_bare(ref), "", one_line(label, 200)))
        self.save()
        return True

    def remove(self, ref: Ref) -> None:
        """Unmark `ref` (nothing when it is not marked)."""
        if self.position(ref) >= 0:
            self.toggle(ref)

    def move(self, ref: Ref, step: int) -> int:
        """Move `ref` `step` places later (negative: earlier), within the list; its new place."""
        at = self.position(ref)
        if at < 0:
            return at
        to = min(max(at + step, 0), len(self.marks) - 1)
        if to != at:
            self.marks.insert(to, self.marks.pop(at))
            self.save()
        return to

    def set_note(self, ref: Ref, note: str) -> None:
        """Write a one-line note on `ref`'s mark (empty: no note)."""
        at = self.position(ref)
        if at >= 0:
            self.marks[at] = self.marks[at]._replace(note=one_line(note))
            self.save()


def file_name(brief_id: str) -> str:
    """The file of a brief's marks: its id made safe for a file name, and a hash of
    the id, so that ids that differ only in what is unsafe still get files of their own."""
    safe = re.sub(r"[^A-Za-z0-9._-]+", "-", brief_id).strip(".-")[:60] or "brief"
    digest = hashlib.sha256(brief_id.encode("utf-8", "surrogatepass")).hexdigest()[:12]
    return f"{safe}-{digest}.json"


def _bare(ref: Ref) -> Ref:
    """The reference as a mark keeps it: in the brief at hand."""
    return ref if ref.brief is None else ref.in_brief(None)


def _marks_from(data: Any) -> list[Mark]:
    """Marks from the file's JSON; a ValueError names what is wrong."""
    if not isinstance(data, dict) or not isinstance(data.get("marks"), list):
        raise ValueError("not a file of marks")
    marks: list[Mark] = []
    seen: set[Ref] = set()
    for number, entry in enumerate(data["marks"], start=1):
        if not isinstance(entry, dict):
            raise ValueError(f"mark {number} is not an object")
        kind, item_id, part = entry.get("kind"), entry.get("id"), entry.get("part")
        note, label = entry.get("note", ""), entry.get("label", "")
        if kind not in _KINDS or not isinstance(item_id, str) or not (part is None or isinstance(part, str)):
            raise ValueError(f"mark {number} names no item")
        if not isinstance(note, str) or not isinstance(label, str):
            raise ValueError(f"mark {number} has a note or label that is not text")
        ref = Ref(kind, item_id, part)
        if ref not in seen:
            seen.add(ref)
            marks.append(Mark(ref, one_line(note), one_line(label, 200)))
    return marks

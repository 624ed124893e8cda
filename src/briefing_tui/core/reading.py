"""What the user has read of a brief, and where they left it.

One small JSON file per brief (named by its id, as the marks are) in `reading` in the
user's data folder, never in the brief or the cache. It holds, per item (actor,
quote, open issue), a hash of the content the user was shown when they read it, and
the place they left the brief at (pane, item, cursor, scroll).

An item is *new* when the record does not know its id, *changed* when its content
hashes differently from what was read; opening its page records it as read. The
first time a brief is opened there is no record, and every item is taken as read
then: marking the whole brief new would say nothing. A library keeps the place it
was left at in a record of its own, named by its folders.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Callable, Hashable, Iterable
from dataclasses import fields
from pathlib import Path
from typing import Any, Literal

from briefing_tui.core.history import Place
from briefing_tui.core.marks import file_name
from briefing_tui.core.model import Actor, Brief, Issue, Quote
from briefing_tui.core.ref import Ref

News = Literal["new", "changed"]
FORMAT = 1


def reading_folder() -> Path:
    """Where the reading records are: `reading` in the user's data folder."""
    from briefing_tui.core.user_folders import data_directory

    return data_directory() / "reading"


def content_hash(item: Actor | Quote | Issue) -> str:
    """A short hash of what an item says (not where it is written: moving it in the
    file changes nothing)."""
    parts: list[tuple[str, object]] = []
    for described in fields(item):
        if not described.compare or described.name == "id":
            continue
        value: object = getattr(item, described.name)
        if described.name == "positions":
            value = [(position.by, position.stance) for position in value]  # type: ignore[attr-defined]
        parts.append((described.name, value))
    return hashlib.blake2b(repr(parts).encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()


def _key(ref: Ref) -> str:
    return f"{ref.kind}:{ref.id}"


def tracked(brief: Brief) -> Iterable[Actor | Quote | Issue]:
    """The items whose news the reader tells: actors, quotes, open issues."""
    yield from brief.actors
    yield from brief.quotes
    yield from brief.issues


class ReadingRecord:
    """The record of one brief: what was read of it, and where it was left.

    Not `kept` (a reader served to a browser), it lives in memory only.
    """

    def __init__(self, brief: Brief, folder: Path | None = None, *, kept: bool = True) -> None:
        self.brief_id = brief.id
        self.kept = kept
        self.path = (folder or reading_folder()) / file_name(brief.id)
        self.read: dict[str, str] = {}
        self.place: dict[str, Any] | None = None
        self.first = True
        """No record before this one: the brief has never been opened."""
        if kept:
            self._load()
        self.news: dict[Ref, News] = {}
        self.update(brief)

    def _load(self) -> None:
        with contextlib.suppress(OSError, ValueError, TypeError, AttributeError):
            data = json.loads(self.path.read_text(encoding="utf-8"))
            read = data["read"]
            if isinstance(read, dict):
                self.read = {str(key): str(value) for key, value in read.items()}
                self.first = False
            place = data.get("place")
            self.place = place if isinstance(place, dict) else None

    def update(self, brief: Brief) -> None:
        """Compare the brief as it is now (after a reload too) with what was read."""
        hashes = {Ref.to(item): content_hash(item) for item in tracked(brief)}
        if self.first:
            # Never opened: all of it is taken as read, and nothing is called new.
            self.read = {_key(ref): value for ref, value in hashes.items()}
            self.first = False
            self.save()
        self.news = {ref: ("new" if _key(ref) not in self.read else "changed") for ref, value in hashes.items() if self.read.get(_key(ref)) != value}
        self._hashes = hashes

    def seen(self, ref: Ref) -> bool:
        """Record `ref` as read as it is now; True when that cleared its mark."""
        ref = ref.in_brief(None)
        if ref not in self.news:
            return False
        self.read[_key(ref)] = self._hashes[ref]
        del self.news[ref]
        self.save()
        return True

    def counts(self) -> tuple[int, int]:
        """How many items are new, and how many changed."""
        new = sum(1 for news in self.news.values() if news == "new")
        return new, len(self.news) - new

    def leave(self, place: Place) -> None:
        """Remember where the brief was left."""
        self.place = place_data(place)
        self.save()

    def left_at(self) -> Place | None:
        """Where the brief was left, or None."""
        return place_from(self.place) if self.place else None

    def save(self) -> None:
        """Write the record (whole, then moved into place)."""
        data = {"format": FORMAT, "brief": self.brief_id, "read": self.read, "place": self.place}
        write_json(self.path, data, self.kept)


def left_at(brief_id: str, folder: Path | None = None) -> Place | None:
    """Where the brief `brief_id` was left when last read, or None."""
    return library_left_at((folder or reading_folder()) / file_name(brief_id))


def unseen_counts(briefs: Iterable[tuple[str, str]], load: Callable[[str], Brief | None], folder: Path | None = None) -> dict[str, int]:
    """How many items are new or changed since the user read it, for each brief
    (path, id) they have read; a brief never opened is not counted (nothing is new
    in it, see above). `load` reads the brief at a path (None: it cannot be)."""
    folder = folder or reading_folder()
    try:
        recorded = set(os.listdir(folder))
    except OSError:
        return {}
    counts = {}
    for path, brief_id in briefs:
        if file_name(brief_id) in recorded and (brief := load(path)) is not None:
            counts[path] = len(ReadingRecord(brief, folder, kept=True).news)
    return counts


# -- places, on disk ----------------------------------------------------------------------


def place_data(place: Place) -> dict[str, Any]:
    """A place as JSON can hold it."""

    def ref(value: Hashable | None) -> Any:
        return list(value[:3]) if isinstance(value, Ref) else value if isinstance(value, str) else None

    return {"pane": place.pane, "target": ref(place.target), "cursor": ref(place.cursor), "scroll": place.scroll, "link": place.link}


def place_from(data: dict[str, Any]) -> Place | None:
    """The place written as `data`, or None when it does not read as one."""

    def ref(value: Any) -> Any:
        if isinstance(value, list) and len(value) == 3 and all(isinstance(v, (str, type(None))) for v in value):
            return Ref(*value)
        return value if isinstance(value, str) else None

    pane, scroll, link = data.get("pane"), data.get("scroll", 0), data.get("link", -1)
    if not isinstance(pane, str) or not isinstance(scroll, int) or not isinstance(link, int):
        return None
    target = ref(data.get("target"))
    return Place(pane, target if isinstance(target, Ref) else None, ref(data.get("cursor")), max(scroll, 0), link)


def library_place_file(roots: Iterable[str], folder: Path | None = None) -> Path:
    """The record of where a library (opened on `roots`) was left."""
    key = "\n".join(sorted(os.path.abspath(root) for root in roots))
    return (folder or reading_folder()) / f"library-{hashlib.sha256(key.encode('utf-8', 'surrogatepass')).hexdigest()[:16]}.json"


def library_left_at(path: Path) -> Place | None:
    """Where the library (or brief) recorded at `path` was left."""
    with contextlib.suppress(OSError, ValueError, TypeError, AttributeError, KeyError):
        data = json.loads(path.read_text(encoding="utf-8"))
        return place_from(data["place"]) if isinstance(data.get("place"), dict) else None
    return None


def leave_library(path: Path, place: Place, kept: bool = True) -> None:
    """Remember where the library was left."""
    write_json(path, {"format": FORMAT, "place": place_data(place)}, kept)


def write_json(path: Path, data: dict[str, Any], kept: bool = True) -> None:
    """Write `data` to `path` whole, then move it into place; nothing when not `kept`.
    A record that cannot be written is not worth stopping the reader for."""
    if not kept:
        return
    with contextlib.suppress(OSError):
        from briefing_tui.core.user_folders import write_whole

        write_whole(path, json.dumps(data, ensure_ascii=False), ".reading-")

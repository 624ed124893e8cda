"""The cache refuses what it did not write: a damaged part, another brief's parts, an
entry that does not decode, a row damaged in any column; each time the file is read
again and stored anew."""

from __future__ import annotations

import sqlite3
import zlib

import pytest

from briefing_tui.core import loader as loader_module
from briefing_tui.core import stored as stored_module
from briefing_tui.core.cache import DATABASE_NAME, load_brief_cached
from briefing_tui.core.loader import load_brief
from tests.core.cache_support import every_location, no_parsing


def _flipped(data: bytes) -> bytes:
    middle = len(data) // 2
    return data[:middle] + bytes([data[middle] ^ 0x55]) + data[middle + 1 :]


PART_DAMAGES = {
    "a byte changed": lambda data, other: _flipped(data),
    "cut short": lambda data, other: data[: len(data) // 2],
    "another brief's part": lambda data, other: other,  # a whole compressed stream, that uncompresses well
    "its text uncompressed": lambda data, other: zlib.decompressobj().decompress(data).decode("utf-8"),
}


@pytest.mark.parametrize("damage", list(PART_DAMAGES.values()), ids=list(PART_DAMAGES))
def test_a_damaged_compressed_part_is_refused_and_the_file_read_again(real, generated, private_cache, monkeypatch, damage):
    expected = load_brief(real)
    assert load_brief_cached(real) == expected
    load_brief_cached(generated)
    with sqlite3.connect(private_cache / DATABASE_NAME) as db:
        (ours, other) = [
            db.execute("SELECT data FROM model_parts JOIN briefs USING (id) WHERE path = ? AND part = 1", (str(path),)).fetchone()[0]
            for path in (real, generated)
        ]
        assert isinstance(ours, bytes) and ours != other
        db.execute("UPDATE model_parts SET data = ? WHERE part = 1 AND id = (SELECT id FROM briefs WHERE path = ?)", (damage(ours, other), str(real)))
    parsed = []
    monkeypatch.setattr(loader_module, "load_brief", lambda path: parsed.append(path) or load_brief(path))
    assert load_brief_cached(real) == expected and parsed == [str(real)]
    assert load_brief_cached(real) == expected and parsed == [str(real)]  # stored again: warm once more


def test_another_briefs_parts_in_place_of_a_briefs_own_are_refused(real, generated, private_cache, monkeypatch):
    # They uncompress, and decode, into a brief: only the checksum tells it is not this one.
    expected = load_brief(real)
    load_brief_cached(real)
    load_brief_cached(generated)
    with sqlite3.connect(private_cache / DATABASE_NAME) as db:
        ours, other = (db.execute("SELECT id FROM briefs WHERE path = ?", (str(path),)).fetchone()[0] for path in (real, generated))
        db.execute("DELETE FROM model_parts WHERE id = ?", (ours,))
        db.execute("INSERT INTO model_parts (id, part, data) SELECT ?, part, data FROM model_parts WHERE id = ?", (ours, other))
        db.execute("UPDATE models SET parts = (SELECT parts FROM models WHERE id = ?) WHERE id = ?", (other, ours))
    parsed = []
    monkeypatch.setattr(loader_module, "load_brief", lambda path: parsed.append(path) or load_brief(path))
    assert load_brief_cached(real) == expected and parsed == [str(real)]


def test_a_big_brief_is_compressed_up_to_its_first_megabyte_and_kept_as_text_after(generated, private_cache, monkeypatch):
    # Each part of the generated brief is far under a megabyte: packed up to a kilobyte here.
    monkeypatch.setattr(stored_module, "PACKED_UP_TO", 1000)
    expected = load_brief(generated)
    assert load_brief_cached(generated) == expected
    with sqlite3.connect(private_cache / DATABASE_NAME) as db:
        kinds = [type(data) for (data,) in db.execute("SELECT data FROM model_parts ORDER BY part")]
    assert kinds == [bytes, str, str, str]  # the brief's own fields; its actors, quotes and issues
    no_parsing(monkeypatch)
    warm = load_brief_cached(generated)
    assert warm == expected and every_location(warm.brief) == every_location(expected.brief)  # type: ignore[arg-type]


def test_an_entry_that_does_not_decode_is_parsed_again(real, private_cache):
    expected = load_brief_cached(real)
    with sqlite3.connect(private_cache / DATABASE_NAME) as db:
        db.execute("UPDATE model_parts SET data = '[1, 2, \"not a brief\"]'")
    assert load_brief_cached(real) == expected


DEEP = "[" * 100_000 + "]" * 100_000
HUGE_NUMBER = "1" + "0" * 5000
DAMAGES = {
    # JSON columns: nested past any parser's depth, a number of 5,000 digits, not JSON at all.
    **{f"{table}.{column}={name}": (table, column, value) for table, column in [
        ("briefs", "tags"), ("briefs", "first_error"), ("models", "findings"), ("model_parts", "data")
    ] for name, value in [("deep", DEEP), ("huge", f"[{HUGE_NUMBER}]"), ("malformed", '{"')]},
    # Number columns: text, and the largest number SQLite keeps.
    **{f"briefs.{column}={name}": ("briefs", column, value) for column in [
        "size", "mtime_ns", "ctime_ns", "inode", "stored_ns", "date", "actors", "quotes", "issues", "errors", "indexed"
    ] for name, value in [("text", "x"), ("huge", 2**63 - 1)]},
    # Text columns: bytes that are not text, and nothing.
    **{f"briefs.{column}={name}": ("briefs", column, value) for column in [
        "path", "version", "brief_id", "title", "follows"
    ] for name, value in [("bytes", b"\xff\xfe"), ("null", None)] if column not in ("path", "version") or name == "bytes"},
    **{f"models.{column}=huge": ("models", column, 2**63 - 1) for column in ("id", "parts")},
    "models.digest=other": ("models", "digest", "0" * 32),
    "model_parts.part=text": ("model_parts", "part", "x"),
    "model_parts.id=other": ("model_parts", "id", 99),
    "models.parts=none": ("models", "parts", 0),  # a model with no parts
}  # fmt: skip


@pytest.mark.parametrize("damage", list(DAMAGES.values()), ids=list(DAMAGES))
def test_a_damaged_entry_is_dropped_and_stored_again_from_the_file(real, private_cache, monkeypatch, damage):
    from briefing_tui.core.library import Library

    table, column, value = damage
    expected = load_brief(real)
    assert load_brief_cached(real) == expected
    for _ in Library([str(real)]).read():  # indexed for the library too
        pass
    with sqlite3.connect(private_cache / DATABASE_NAME) as db:
        db.execute(f"UPDATE {table} SET {column} = ? WHERE {'part = 1' if table == 'model_parts' else 'true'}", (value,))
        if (table, column, value) == ("models", "parts", 0):
            db.execute("DELETE FROM model_parts")
    library = Library([str(real)])
    for _ in library.read():
        pass
    entry = library.entries[str(real)]
    assert (entry.ok, entry.title, entry.date) == (True, expected.brief.title, expected.brief.date)  # type: ignore[union-attr]
    assert load_brief_cached(real) == expected
    no_parsing(monkeypatch)  # stored again: the next start is warm
    assert load_brief_cached(real) == expected
    again = Library([str(real)])
    for _ in again.read():
        pass
    assert again.entries[str(real)].title == expected.brief.title  # type: ignore[union-attr]

"""Reading many briefs at once in worker processes: the same entries and the same index
as reading them one by one here, and nothing lost when the reading stops halfway."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from benchmarks.generate import write_series

from briefing_tui.core import library as library_module
from briefing_tui.core import library_reading
from briefing_tui.core.cache import BriefCache
from briefing_tui.core.library import Library
from briefing_tui.core.library_reading import IN_WORKERS_FROM, gathered, workers


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("many")
    paths = write_series(folder, IN_WORKERS_FROM + 6)
    (folder / "broken.yaml").write_text("brief: 1\ntitle: x\n", encoding="utf-8")
    hour_ago = time.time() - 3600
    for path in folder.iterdir():
        os.utime(path, (hour_ago, hour_ago))
    return [str(p) for p in paths] + [str(folder / "broken.yaml")]


def strip(entries):
    """What the list shows of each entry."""
    return {path: (e.title, e.date, e.tags, e.actors, e.quotes, e.issues, e.errors, e.first_error, e.ok) for path, e in entries.items()}


@pytest.mark.skipif(workers() < 2, reason="one core: everything is read in the process itself")
def test_workers_give_what_reading_here_gives(files, tmp_path, monkeypatch):
    apart = Library(files, BriefCache(tmp_path / "workers"))
    assert len(apart.pending) >= IN_WORKERS_FROM
    for _ in apart.read():
        pass
    monkeypatch.setattr(library_module, "IN_WORKERS_FROM", 10**9)
    here = Library(files, BriefCache(tmp_path / "here"))
    for _ in here.read():
        pass
    assert not apart.pending and not here.pending
    assert strip(apart.entries) == strip(here.entries)
    assert all(e.key is not None for e in apart.entries.values())
    for query in ("adler", "generated issue 2", "Adlar"):
        found, total = apart.find(query)
        expected, count = here.find(query)
        assert (total, [(h.path, h.item_id, h.field, h.start, h.snippet()) for h in found]) == (
            count,
            [(h.path, h.item_id, h.field, h.start, h.snippet()) for h in expected],
        )


def test_a_read_stopped_halfway_goes_on_where_it_stopped(files, tmp_path, monkeypatch):
    monkeypatch.setattr(library_reading, "STORED_AT_ONCE", 16)  # stored as each batch comes back
    cache = BriefCache(tmp_path / "cache")
    first = Library(files, cache)
    reading = first.read()
    left = next(reading)
    reading.close()  # the reader quit: the batches stored are kept, the rest never read
    assert 0 < left < len(files)
    again = Library(files, cache)
    assert len(again.pending) == left
    for _ in again.read():
        pass
    assert not again.pending and again.find("adler")[1] > 0


@pytest.mark.skipif(workers() < 2, reason="one core: everything is read in the process itself")
def test_workers_start_inside_the_reader_whose_stderr_has_no_file(files, tmp_path):
    # Textual puts an stderr of its own in place, whose file number is -1: the
    # workers' helper process must not be handed that.
    code = f"""
import sys
class Captured:
    def write(self, text): return len(text)
    def flush(self): pass
    def fileno(self): return -1
sys.stderr = Captured()
from briefing_tui.core.cache import BriefCache
from briefing_tui.core.library import Library
from briefing_tui.core import library_reading
library = Library({files!r}, BriefCache({str(tmp_path / "cache")!r}))
batches = []
real = library_reading.read_in_workers
def counted(*args, **options):
    for batch in real(*args, **options):
        batches.append(len(batch))
        yield batch
import briefing_tui.core.library as module
module.read_in_workers = counted
for _ in library.read():
    pass
print(sum(batches), sum(e.key is not None for e in library.entries.values()))
"""
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.stdout.split() == [str(len(files))] * 2, out.stdout + out.stderr  # every file read by the workers


def test_batches_from_workers_are_stored_together_up_to_a_size_or_a_time():
    # The first as it comes (the first rows are shown at once), then together.
    batches = [[1, 2], [3], [4, 5], [6], [7]]
    assert list(gathered(iter(batches), at_least=3, seconds=60)) == [[1, 2], [3, 4, 5], [6, 7]]
    assert list(gathered(iter(batches), at_least=100, seconds=60)) == [[1, 2], [3, 4, 5, 6, 7]]
    assert list(gathered(iter(batches), at_least=100, seconds=0)) == batches  # none held longer than asked


def reading_marked(paths, *options):
    """`read_files`, leaving a mark beside the first file once its batch is read."""
    ready = real_read_files(paths, *options)
    Path(paths[0] + ".read").touch()
    return ready


real_read_files = library_reading.read_files


@pytest.mark.skipif(workers() < 2, reason="one core: everything is read in the process itself")
def test_the_workers_read_on_while_the_cache_is_written(files, monkeypatch):
    monkeypatch.setattr(library_reading, "read_files", reading_marked)
    batches = [files[start : start + library_reading.BATCH] for start in range(0, len(files), library_reading.BATCH)]
    assert len(batches) > 2 * workers()  # more than the workers take at first
    reading = library_reading.read_in_workers(files, keep=True, texts=False)
    next(reading)  # and the files given are being stored: no more is asked for meanwhile
    try:
        marks = [Path(batch[0] + ".read") for batch in batches]
        deadline = time.monotonic() + 60
        while not all(mark.exists() for mark in marks) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert all(mark.exists() for mark in marks)  # every batch was read meanwhile
    finally:
        reading.close()
        for batch in batches:
            Path(batch[0] + ".read").unlink(missing_ok=True)

"""What identifies one version of a brief file: its stamp, as the cache and live reload
compare it."""

from __future__ import annotations

import os
import stat
from typing import NamedTuple


class Stamp(NamedTuple):
    """What identifies one version of a file: size and modification time, and what an
    edit keeping those cannot keep: the inode's change time, and the inode itself (a
    file copied or unpacked in its place is a new one)."""

    size: int
    mtime_ns: int
    ctime_ns: int
    inode: int


def file_stamp(path: str) -> Stamp | None:
    """The stamp of a regular file, or None (missing, a folder, a device...)."""
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    if not stat.S_ISREG(info.st_mode):
        return None
    return Stamp(info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)


_stamps_before_load: dict[str, Stamp | None] = {}


def remember_stamp(path: str, stamp: Stamp | None) -> None:
    """Note the stamp a file had just before it was read (see `stamp_before_load`)."""
    _stamps_before_load[cache_key(path)] = stamp


def stamp_before_load(path: str) -> Stamp | None:
    """The stamp the file had just before `load_brief_cached` last read it here (its
    stamp now, if it has not): what a later look compares with, so that an edit made
    while the file was being read, or just after, is never taken for the version read."""
    key = cache_key(path)
    return _stamps_before_load[key] if key in _stamps_before_load else file_stamp(path)


def cache_key(path: str) -> str:
    """The path as the cache knows it: absolute, so that `a.yaml` and `./a.yaml` agree."""
    return os.path.abspath(path)

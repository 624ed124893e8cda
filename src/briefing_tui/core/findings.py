"""What the loader reports about a brief: errors and warnings with file, line and column,
and the brief itself when it loaded."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal, NamedTuple, TypeAlias

from briefing_tui.core.model import Location
from briefing_tui.core.printable import visible

if TYPE_CHECKING:
    from briefing_tui.core.model import Brief

Severity: TypeAlias = Literal["error", "warning"]


class Finding(NamedTuple):
    """One problem in a brief file.

    `location` is None only for problems with the path itself (missing, unreadable),
    where no line of the file can be blamed.
    """

    path: str
    location: Location | None
    severity: Severity
    message: str

    @property
    def is_error(self) -> bool:
        """True for errors, False for warnings."""
        return self.severity == "error"

    def sort_key(self) -> tuple[str, int, int, str]:
        """Order findings by file, then position in it."""
        where = self.location or Location(0, 0)
        return (self.path, where.line, where.column, self.message)

    def __str__(self) -> str:
        # One line, safe for a terminal: a file name may hold escape sequences too.
        where = f"{self.path}:{self.location}" if self.location else self.path
        return visible(f"{where}: {self.severity}: {self.message}").replace("\n", "\u2424")


class Limits(NamedTuple):
    """Bounds that keep a hostile brief from exhausting the machine.

    Far above any real brief: the largest briefs we measure are about 50 MB.
    """

    max_file_bytes: int = 64 * 1024 * 1024
    max_text_chars: int = 1024 * 1024
    max_list_items: int = 200_000
    # A brief is five levels deep; YAML deeper than this is an attack or a mistake.
    max_depth: int = 100
    # Aliases are never expanded, but each use is work for the checker: cap them.
    max_aliases: int = 10_000
    # What all alias uses together may repeat, in characters of text (and one for each
    # value): the file's own size, or this much if more. Past it, 9,000 key points
    # aliasing a 1 MB summary would be 9 GB of text for the search index, the links
    # and every export.
    max_repeated_text: int = 4 * 1024 * 1024


DEFAULT_LIMITS = Limits()


class LoadResult(NamedTuple):
    """The outcome of loading one file: a brief when it has no errors, and every finding."""

    path: str
    brief: Brief | None
    findings: tuple[Finding, ...]

    @property
    def errors(self) -> tuple[Finding, ...]:
        """The findings that stop the brief from loading."""
        return tuple(f for f in self.findings if f.is_error)

    @property
    def ok(self) -> bool:
        """True when the brief loaded (warnings allowed)."""
        return self.brief is not None

"""A view to hand over: headings, paragraphs, lists and tables of plain text, written
out as Markdown, HTML or plain text.

Whatever the reader exports or copies as a whole (the talking points, an item's page,
a list, the positions matrix, the Changes view, search results, a brief from the
shell) is first laid out as a `Sheet`; each format then writes it, escaping every
value for itself (`sheet_markdown`, `export_html`; plain text here). The values are
plain text taken from the brief: nothing in them is markup, whatever it looks like.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, TypeAlias

from briefing_tui.core.printable import clipboard_text

Format: TypeAlias = Literal["md", "html", "txt"]
FORMATS: tuple[Format, ...] = ("md", "html", "txt")
SECTIONS = ("summary", "actors", "quotes", "issues", "positions")
"""The sections of a whole brief's export, in their order."""
SUFFIX = {"md": ".md", "html": ".html", "txt": ".txt"}
MIME = {"md": "text/markdown", "html": "text/html", "txt": "text/plain"}


@dataclass(frozen=True, slots=True)
class Heading:
    """A heading, level 1 (the sheet's title) to 4."""

    text: str
    level: int = 2


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph; `muted` for a line of facts under a title (a date, sources)."""

    text: str
    muted: bool = False


@dataclass(frozen=True, slots=True)
class Bullet:
    """An entry of a list: its text, and lines beneath it (a note, a position's stance)."""

    text: str
    beneath: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Listing:
    """A list of entries, numbered when their order is the point (talking points)."""

    entries: tuple[Bullet, ...]
    numbered: bool = False


@dataclass(frozen=True, slots=True)
class Table:
    """A table: column headings, then rows whose first cell heads the row."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    caption: str = ""


Block: TypeAlias = Heading | Paragraph | Listing | Table


@dataclass(slots=True)
class Sheet:
    """What is handed over: a title and its blocks, in order."""

    title: str
    blocks: list[Block] = field(default_factory=list)
    banner: str = ""
    """The brief's marking (`TLP:AMBER`), first in every format; '' for none."""

    def heading(self, text: str, level: int = 2) -> None:
        """Add a heading."""
        self.blocks.append(Heading(text, level))

    def paragraph(self, text: str, *, muted: bool = False) -> None:
        """Add a paragraph (nothing for empty text)."""
        if text.strip():
            self.blocks.append(Paragraph(text, muted))

    def listing(self, entries: list[Bullet] | list[str], *, numbered: bool = False) -> None:
        """Add a list (nothing for no entries); plain strings are entries with nothing beneath."""
        made = tuple(e if isinstance(e, Bullet) else Bullet(e) for e in entries)
        if made:
            self.blocks.append(Listing(made, numbered))

    def table(self, columns: list[str], rows: list[list[str]], caption: str = "") -> None:
        """Add a table (nothing for no rows)."""
        if rows:
            self.blocks.append(Table(tuple(columns), tuple(tuple(r) for r in rows), caption))


def render(sheet: Sheet, fmt: Format) -> str:
    """The sheet written out in `fmt`: Markdown, a self-contained HTML page, or plain text."""
    if fmt == "md":
        from briefing_tui.core.sheet_markdown import sheet_markdown

        return sheet_markdown(sheet)
    if fmt == "html":
        from briefing_tui.core.export_html import sheet_html

        return sheet_html(sheet)
    return sheet_text(sheet)


def flat(text: str) -> str:
    """Text on one line, control characters shown as symbols (for a heading, a cell)."""
    return " ".join(clipboard_text(text).split())


def sheet_text(sheet: Sheet) -> str:
    """Plain text for a chat message or an email: no markup at all, nothing wrapped (the
    chat wraps), control characters shown as symbols, never sent."""
    out: list[str] = [sheet.banner, ""] if sheet.banner else []
    for block in sheet.blocks:
        if isinstance(block, Heading):
            if out and out[-1]:
                out.append("")
            out.append(flat(block.text))
            if block.level <= 2:
                out.append(("=" if block.level == 1 else "-") * min(len(flat(block.text)), 60))
        elif isinstance(block, Paragraph):
            out += [_paragraph_text(block.text), ""]
        elif isinstance(block, Listing):
            for number, entry in enumerate(block.entries, start=1):
                lead = f"{number}. " if block.numbered else "- "
                out.append(lead + flat(entry.text))
                out += [" " * len(lead) + flat(line) for line in entry.beneath if line.strip()]
            out.append("")
        else:
            if block.caption:
                out.append(flat(block.caption))
            for row in block.rows:
                out.append(f"- {flat(row[0])}")
                out += [f"  {flat(column)}: {flat(cell)}" for column, cell in zip(block.columns[1:], row[1:], strict=False) if cell.strip()]
            out.append("")
    while out and not out[-1]:
        out.pop()
    return "\n".join(out) + "\n"


def _paragraph_text(text: str) -> str:
    """A paragraph as plain text: its own paragraph breaks kept, lines within them joined."""
    parts = [" ".join(part.split()) for part in clipboard_text(text).split("\n\n")]
    return "\n\n".join(part for part in parts if part)

"""A `Sheet` as CommonMark (tables as GitHub-style pipe tables, which CommonMark
shows as text): every value from the brief escaped, so that nothing in it becomes a
link, an image, raw HTML, a heading or a list when the Markdown is read."""

from __future__ import annotations

import re

from briefing_tui.core.printable import clipboard_text
from briefing_tui.core.sheet import Heading, Listing, Paragraph, Sheet, Table

# Characters that can start markup anywhere in a line: emphasis, code, links and
# images, raw HTML and autolinks, entities, tables, strikethrough, headings. Each is
# backslash-escaped (CommonMark lets any ASCII punctuation be) and then stands for itself.
_INLINE = re.compile(r"""([\\`*_\[\]<>!&|~#])""")
# What starts a block at the beginning of a line: a list item (`-`, `+`, `1.`, `1)`),
# a setext underline or a thematic break (`=`, `-`), a block quote (escaped above).
_LEADING = re.compile(r"^([-+=])|^(\d{1,9})([.)])")


def escape(text: str) -> str:
    """`text` as Markdown that reads back as exactly this text, on one line."""
    line = _INLINE.sub(r"\\\1", " ".join(clipboard_text(text).split()))
    return _LEADING.sub(lambda m: f"\\{m.group(1)}" if m.group(1) else f"{m.group(2)}\\{m.group(3)}", line)


def _paragraphs(text: str) -> list[str]:
    return [escape(part) for part in clipboard_text(text).split("\n\n") if part.strip()]


def sheet_markdown(sheet: Sheet) -> str:
    """The sheet as a CommonMark document."""
    out: list[str] = [f"**{escape(sheet.banner)}**", ""] if sheet.banner else []
    for block in sheet.blocks:
        if isinstance(block, Heading):
            out += [f"{'#' * max(1, min(block.level, 6))} {escape(block.text)}".rstrip(), ""]
        elif isinstance(block, Paragraph):
            for part in _paragraphs(block.text):
                out += [f"*{part}*" if block.muted else part, ""]
        elif isinstance(block, Listing):
            loose = any(entry.beneath for entry in block.entries)
            for number, entry in enumerate(block.entries, start=1):
                lead = f"{number}. " if block.numbered else "- "
                out.append(lead + escape(entry.text))
                for line in entry.beneath:
                    if line.strip():
                        out += ["", " " * len(lead) + escape(line)]
                if loose:
                    out.append("")
            if not loose:
                out.append("")
        elif isinstance(block, Table):
            out += _table(block)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out) + "\n"


def _table(table: Table) -> list[str]:
    out = [f"**{escape(table.caption)}**", ""] if table.caption else []
    width = len(table.columns)
    out.append("| " + " | ".join(escape(c) or " " for c in table.columns) + " |")
    out.append("|" + " --- |" * width)
    for row in table.rows:
        cells = [*row, *([""] * (width - len(row)))][:width]
        out.append("| " + " | ".join(escape(c) for c in cells) + " |")
    return [*out, ""]

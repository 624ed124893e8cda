"""How marks show on screen, and what is on screen as a `Sheet` to export or copy.

A marked item carries the letter M (and a colour) wherever it is listed: before a
row's title, before a bullet on a page, in a cell of the matrix; an item's own page
says at its top that it is marked. An item new since the user last read the brief
carries N, one changed since then C, in the same places (not in the matrix).
Letters, so that they read with NO_COLOR too.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from typing import TYPE_CHECKING

from briefing_tui.core.ref import Ref
from briefing_tui.core.sheet import Bullet, Sheet
from briefing_tui.tui.widgets.page import Block, Document, Span

if TYPE_CHECKING:
    from briefing_tui.tui.widgets.item_list import Row

MARK = "M"
"""The letter of a marked item."""
NEWS_LETTER = {"new": "N", "changed": "C"}
"""The letters of an item new, or changed, since the user last read the brief."""
_BULLET = "\u2022 "
_SIGNPOST = "\u203a"


def flags(keys: frozenset[Ref], news: Mapping[Ref, str] | None = None) -> dict[Hashable, str]:
    """The letters of a list's rows: M for each marked reference, N or C for each new
    or changed one (`news`: "new" or "changed" by reference)."""
    letters: dict[Hashable, str] = dict.fromkeys(keys, MARK)
    for ref, what in (news or {}).items():
        letters[ref] = f"{letters[ref]} {NEWS_LETTER[what]}" if ref in letters else NEWS_LETTER[what]
    return letters


def block_target(document: Document, number: int) -> Ref | None:
    """What block `number` of a page stands for: its anchor (a key point), else its
    quote or position link, else its first link."""
    anchor = document.anchors.get(number)
    if anchor is not None:
        return anchor
    targets = [span.target for span in document.blocks[number].spans if span.target is not None]
    return next((t for t in targets if t.kind in ("quote", "position")), targets[0] if targets else None)


def marked_document(document: Document, marked: frozenset[Ref], news: Mapping[Ref, str] | None = None) -> Document:
    """The page with its marks shown: a line at the top when the item itself is marked,
    and M (N, C: new, changed) before each listed item that is (in place of its bullet)."""
    if not marked and not news:
        return document
    letters = flags(marked, news)
    blocks: list[Block] = []
    anchors: dict[int, Ref] = {}
    for number, block in enumerate(document.blocks):
        target = block_target(document, number)
        if number in document.anchors:
            anchors[len(blocks)] = document.anchors[number]
        letter = letters.get(target.in_brief(None)) if target is not None else None
        if letter and (block.prefix or number in document.anchors):
            rest = block.prefix[len(_BULLET) :] if block.prefix.startswith(_BULLET) else block.prefix
            block = block._replace(prefix=f"{letter} {rest}", prefix_style="flag")
        blocks.append(block)
    shown = Document(document.title, blocks, document.ref)
    shown.anchors = anchors
    if document.ref is not None and document.ref in marked:
        top = Block((Span(MARK, "flag"), Span("  Marked: in your talking points (t)", "muted")))
        shown.blocks.insert(0, top)
        shown.anchors = {number + 1: ref for number, ref in anchors.items()}
    return shown


# -- what is on screen, as a sheet ----------------------------------------------------


def document_sheet(document: Document, title: str) -> Sheet:
    """A page as a sheet: its title and headings, its paragraphs, its bullets as lists
    (with the indented lines under a bullet beneath it)."""
    sheet = Sheet(title)
    entries: list[Bullet] = []

    def close() -> None:
        if entries:
            sheet.listing(list(entries))
            entries.clear()

    for number, block in enumerate(document.blocks):
        # Without the page's own signposts ("full position ›"): they lead nowhere on paper.
        text = "".join(span.text for span in block.spans if not _signpost(span)).strip()
        styles = {span.style for span in block.spans}
        if not text.strip():
            close()
        elif block.style == "heading":
            close()
            sheet.heading(text, 3 if sheet.blocks else 2)
        elif number == 0 and styles == {"title"} or (not sheet.blocks and "title" in styles):
            sheet.heading(text, 1)
        elif block.prefix.strip():
            lead = block.prefix.strip()
            # The reader's letters (M, N, C) are the reader's, not the brief's: no lead on paper.
            lead = "" if lead == "\u2022" or set(lead.split()) <= {MARK, *NEWS_LETTER.values()} else f"{lead} "
            entries.append(Bullet(lead + text))
        elif block.indent and entries:
            last = entries.pop()
            entries.append(Bullet(last.text, (*last.beneath, text)))
        else:
            close()
            sheet.paragraph(text, muted=block.style == "muted" or styles == {"muted"})
    close()
    return sheet


def _signpost(span: Span) -> bool:
    """A link the page draws to lead on (`full position ›`), not text of the brief."""
    return span.target is not None and span.style == "muted" and span.text.endswith(_SIGNPOST)


def rows_sheet(rows: list[Row], title: str, marked: frozenset[Ref] = frozenset()) -> Sheet:
    """A list as a sheet: its group headings, and each row as an entry (title and note,
    its text beneath), marked rows starting with M."""
    sheet = Sheet(title)
    sheet.heading(title, 1)
    entries: list[Bullet] = []
    for row in rows:
        if row.heading:
            sheet.listing(list(entries))
            entries.clear()
            sheet.heading(row.title, 2)
            continue
        flag = f"{MARK} " if isinstance(row.key, Ref) and row.key in marked else ""
        head = flag + row.title + (f" \u00b7 {row.note}" if row.note else "")
        entries.append(Bullet(head, tuple(line for line in row.body.split("\n") if line.strip())))
    sheet.listing(entries)
    return sheet

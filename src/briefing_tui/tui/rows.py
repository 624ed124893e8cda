"""The rows of the Actors, Quotes and Issues lists."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from briefing_tui.core.analysis import quote_notes, quote_words
from briefing_tui.core.files import same_ids
from briefing_tui.core.links import LinkIndex
from briefing_tui.core.ref import Ref
from briefing_tui.core.text import counted
from briefing_tui.tui.documents import STATUS_MARK
from briefing_tui.tui.widgets.item_list import Row

if TYPE_CHECKING:
    from briefing_tui.core.library import Entry

DRAFT_NOTE = "draft"
"""How a row marks an item that is still a first draft (`draft: true`)."""


def actor_rows(index: LinkIndex) -> list[Row]:
    """Actors grouped by side, in the order sides first appear; role and kind beside each."""
    groups: dict[str, list[Row]] = {}
    for actor in index.brief.actors:
        note = " \u00b7 ".join(part for part in (actor.role, actor.kind, DRAFT_NOTE if actor.draft else "") if part)
        groups.setdefault(actor.side or "No side", []).append(Row(Ref.to(actor), actor.name, note))
    rows: list[Row] = []
    for side, members in groups.items():
        rows.append(Row(None, f"{side} ({len(members)})"))
        rows.extend(members)
    return rows


def quote_rows(index: LinkIndex) -> list[Row]:
    """Quotes newest first (undated ones last, in file order): speaker, then the words."""
    dated = sorted((q for q in index.brief.quotes if q.date), key=lambda q: q.date or dt.date.min, reverse=True)
    undated = [q for q in index.brief.quotes if not q.date]
    rows = []
    for quote in dated + undated:
        note = " \u00b7 ".join(
            part
            for part in (
                index.label(quote.source) if quote.source else "",
                quote.date.isoformat() if quote.date else "",
                DRAFT_NOTE if quote.draft else "",
                *quote_notes(quote, index.brief),
            )
            if part
        )
        rows.append(Row(Ref.to(quote), index.label(quote.by), note, quote_words(quote)))
    return rows


def issue_rows(index: LinkIndex) -> list[Row]:
    """Open issues in file order, with status and how many positions are known."""
    rows = []
    for issue in index.brief.issues:
        count = len(issue.positions)
        note = f"{STATUS_MARK[issue.status]} \u00b7 {count} position{'' if count == 1 else 's'}" + (f" \u00b7 {DRAFT_NOTE}" if issue.draft else "")
        summary = " ".join(index.plain(issue.summary).split()) if issue.summary else ""
        rows.append(Row(Ref.to(issue), issue.title, note, summary[:160] + ("\u2026" if len(summary) > 160 else "")))
    return rows


def library_rows(entries: Iterable[Entry], unseen: Mapping[str, int] | None = None) -> list[Row]:
    """One row per file: title and date (and how many items the user has not seen,
    `unseen` by path), then tags, counts and the file's name; a file that is not a
    brief shows its first error instead."""
    entries = list(entries)
    # Two briefs with one id: links and `follows` between briefs cannot tell them apart.
    shared = {w.path: w.message for w in same_ids((e.path, e.id) for e in entries if e.ok and e.id is not None)}
    rows = []
    for entry in entries:
        name = os.path.basename(entry.path)
        if entry.waiting:
            rows.append(Row(entry.path, name, "reading\u2026"))
        elif not entry.ok:
            rows.append(Row(entry.path, name, "cannot be opened", str(entry.first_error or "not a brief")))
        else:
            assert entry.date is not None and entry.title is not None
            tags = " ".join(f"#{tag}" for tag in entry.tags)
            counts = [counted(entry.actors, "actor"), counted(entry.quotes, "quote"), counted(entry.issues, "open issue"), name]
            body = " \u00b7 ".join([tags, *counts] if tags else counts)
            if entry.path in shared:
                body += f"\n\u26a0 {shared[entry.path]}"
            count = (unseen or {}).get(entry.path)
            rows.append(Row(entry.path, entry.title, entry.date.isoformat() + (f" \u00b7 {count} unseen" if count else ""), body))
    return rows

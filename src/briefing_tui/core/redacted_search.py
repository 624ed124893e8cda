"""Search over briefs shown at a level of marking: an index of their texts after
`markings.redact`, so that a withheld item's words are in no hit and no count.

The cache's full-text index holds every text as written: with a level, `find` and the
library's search answer from this instead, built from each brief as it may be shown.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from briefing_tui.core.links import shown_text
from briefing_tui.core.markings import redact
from briefing_tui.core.model import Brief, Text
from briefing_tui.core.search import SearchIndex, StoredItem
from briefing_tui.core.text import item_label


def shown_items(brief: Brief) -> Iterator[StoredItem]:
    """The brief's own texts and each item's, as the reader shows them (links as what they show)."""
    items = {item.id: item for item in brief.items()}

    def label(item_id: str) -> str:
        return item_label(items.get(item_id), item_id)

    def shown(texts: Iterable[Text]) -> tuple[Text, ...]:
        return tuple(t._replace(text=shown_text(t.text, label)) if t.markdown else t for t in texts)

    yield StoredItem(brief.path, "brief", brief.id, shown(brief.texts()))
    for item in brief.items():
        yield StoredItem(brief.path, item.noun, item.id, shown(item.texts()))


def redacted_index(briefs: Iterable[Brief], level: str) -> SearchIndex:
    """One index over `briefs`, each redacted at `level`."""
    return shown_index(redact(brief, level) for brief in briefs)


def shown_index(briefs: Iterable[Brief]) -> SearchIndex:
    """One index over `briefs` as they are (redacted already)."""
    return SearchIndex.of_items(item for brief in briefs for item in shown_items(brief))

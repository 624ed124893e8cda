"""The UI-free core: loading and checking briefs, the model, links and search.

Nothing here imports Textual or Rich, so the command line and tests use it without
paying for a UI, and it can be read on its own.
"""

from briefing_tui.core.findings import DEFAULT_LIMITS, Finding, Limits
from briefing_tui.core.links import Link, LinkIndex
from briefing_tui.core.loader import LoadResult, load_brief, load_text
from briefing_tui.core.model import (
    Actor,
    Brief,
    Event,
    Issue,
    Item,
    Location,
    Position,
    Quote,
    Source,
)

__all__ = [
    "DEFAULT_LIMITS",
    "Actor",
    "Brief",
    "Event",
    "Finding",
    "Issue",
    "Item",
    "Limits",
    "Link",
    "LinkIndex",
    "LoadResult",
    "Location",
    "Position",
    "Quote",
    "Source",
    "load_brief",
    "load_text",
]

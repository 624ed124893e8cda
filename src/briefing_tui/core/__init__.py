"""The UI-free core: loading and checking briefs, the model, links and search.

Nothing here imports Textual or Rich, so the command line and tests use it without
paying for a UI, and it can be read on its own.

The names below are imported when first used, not with the package: the reader
starts from the cache without the parser (and PyYAML) or the link finder loaded.
"""

from __future__ import annotations

TYPE_CHECKING = False  # as typing's, without importing typing (see core/named_tuple.py)
if TYPE_CHECKING:
    from typing import Any

    from briefing_tui.core.findings import DEFAULT_LIMITS, Finding, Limits, LoadResult
    from briefing_tui.core.links import Link, LinkIndex
    from briefing_tui.core.loader import load_brief, load_text
    from briefing_tui.core.model import Actor, Brief, Event, Issue, Item, Location, Position, Quote, Source

_HOMES = {
    "findings": ("DEFAULT_LIMITS", "Finding", "Limits", "LoadResult"),
    "links": ("Link", "LinkIndex"),
    "loader": ("load_brief", "load_text"),
    "model": ("Actor", "Brief", "Event", "Issue", "Item", "Location", "Position", "Quote", "Source"),
}
_MODULE_OF = {name: module for module, names in _HOMES.items() for name in names}

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


def __getattr__(name: str) -> Any:
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module  # here: only a name looked up needs it

    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value  # looked up once
    return value

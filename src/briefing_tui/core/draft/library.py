"""The actors a library of briefs already knows, for a draft to reuse: the same
person keeps the same id, name and aliases from one brief to the next."""

from __future__ import annotations

import datetime as dt

from briefing_tui.core.files import brief_files
from briefing_tui.core.findings import Finding
from briefing_tui.core.loader import load_brief
from briefing_tui.core.model import Actor


def library_actors(folder: str) -> tuple[list[Actor], list[Finding]]:
    """Every actor of the briefs in `folder`, read with the loader, newest brief first
    and each id once; and the problems of the files that did not load."""
    files, problems = brief_files([folder])
    loaded = []
    for path in files:
        result = load_brief(path)
        if result.brief is None:
            problems.extend(result.errors[:1])
        else:
            loaded.append(result.brief)
    loaded.sort(key=lambda brief: brief.date or dt.date.min, reverse=True)
    actors: dict[str, Actor] = {}
    names: set[str] = set()
    for brief in loaded:
        for actor in brief.actors:
            # The newest brief's word on an actor wins; an older one with the same
            # id or a name already taken adds nothing.
            if actor.id not in actors and not names & set(actor.names):
                actors[actor.id] = actor
                names.update(actor.names)
    return list(actors.values()), problems

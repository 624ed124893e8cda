"""What changed from one brief to a later one on the same subject.

Items are matched across the two briefs by id, and, when the ids differ, by what
they are: an actor by name (case and accents ignored), a quote by its speaker and
words, an issue by its title. What is left unmatched is new or removed; a matched
issue has changed when its status or any stance on it has.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from briefing_tui.core.links import shown_text
from briefing_tui.core.model import Actor, Brief, Issue, Item, Position, Quote
from briefing_tui.core.text import fold, item_label, short, words

_Item = TypeVar("_Item", bound=Item)


def name_key(name: str) -> str:
    """An actor's name as compared across briefs: case, accents and punctuation ignored."""
    return " ".join(words(fold(name)))


def _text_key(text: str) -> str:
    return " ".join(fold(text).split())


@dataclass(frozen=True, slots=True)
class StanceChange:
    """One actor's position on an issue, before and after (None: not stated then)."""

    actor_id: str
    """The actor's id in the newer brief, or in the older one when gone from the newer."""
    name: str
    old: Position | None
    new: Position | None

    @property
    def leaning(self) -> str:
        """How the leaning moved (`supports \u2192 opposes`), '' when it did not (or
        the brief gives none on either side)."""
        if self.old is None or self.new is None or self.old.leaning == self.new.leaning:
            return ""
        return f"{self.old.leaning or 'no leaning'} \u2192 {self.new.leaning or 'no leaning'}"


@dataclass(frozen=True, slots=True)
class IssueChange:
    """An issue in both briefs whose status or positions changed."""

    old: Issue
    new: Issue
    stances: tuple[StanceChange, ...]

    @property
    def status_changed(self) -> bool:
        """True when the status is not what it was."""
        return self.old.status != self.new.status


@dataclass(frozen=True, slots=True)
class Changes:
    """Everything that changed from `old` to `new`."""

    old: Brief
    new: Brief
    new_actors: tuple[Actor, ...]
    removed_actors: tuple[Actor, ...]
    new_quotes: tuple[Quote, ...]
    removed_quotes: tuple[Quote, ...]
    new_issues: tuple[Issue, ...]
    removed_issues: tuple[Issue, ...]
    changed_issues: tuple[IssueChange, ...]

    @property
    def empty(self) -> bool:
        """True when nothing changed that this compares."""
        return not (
            self.new_actors or self.removed_actors or self.new_quotes or self.removed_quotes
            or self.new_issues or self.removed_issues or self.changed_issues
        )  # fmt: skip


def _pair(
    old: Sequence[_Item], new: Sequence[_Item], key: Callable[[_Item], object], old_key: Callable[[_Item], object] | None = None
) -> dict[str, str]:
    """Old id -> new id for items that are the same: same id first, then the same
    `key` (`old_key` for the old items, when it differs)."""
    new_ids = {item.id for item in new}
    pairs = {item.id: item.id for item in old if item.id in new_ids}
    taken = set(pairs.values())
    by_key: dict[object, str] = {}
    for item in new:
        if item.id not in taken:
            by_key.setdefault(key(item), item.id)
    for item in old:
        if item.id not in pairs:
            match = by_key.pop((old_key or key)(item), None)
            if match is not None:
                pairs[item.id] = match
    return pairs


def compare(old: Brief, new: Brief) -> Changes:
    """What is new, removed and changed in `new` compared with `old`."""
    actors = _pair(old.actors, new.actors, lambda a: name_key(a.name))
    # A quote is the same when the same actor (under their id in the new brief) says the same words.
    quotes = _pair(old.quotes, new.quotes, lambda q: (q.by, _text_key(q.text)), lambda q: (actors.get(q.by, "\0" + q.by), _text_key(q.text)))
    issues = _pair(old.issues, new.issues, lambda i: _text_key(i.title))
    new_by_id = {issue.id: issue for issue in new.issues}
    names = {a.id: a.name for a in old.actors} | {a.id: a.name for a in new.actors}
    changed = []
    for issue in old.issues:
        if issue.id in issues:
            change = _issue_change(issue, new_by_id[issues[issue.id]], actors, names)
            if change is not None:
                changed.append(change)
    return Changes(
        old,
        new,
        new_actors=_unpaired(new.actors, set(actors.values())),
        removed_actors=_unpaired(old.actors, set(actors)),
        new_quotes=_unpaired(new.quotes, set(quotes.values())),
        removed_quotes=_unpaired(old.quotes, set(quotes)),
        new_issues=_unpaired(new.issues, set(issues.values())),
        removed_issues=_unpaired(old.issues, set(issues)),
        changed_issues=tuple(changed),
    )


def _unpaired(items: Sequence[_Item], paired: set[str]) -> tuple[_Item, ...]:
    return tuple(item for item in items if item.id not in paired)


def _issue_change(old: Issue, new: Issue, actors: dict[str, str], names: dict[str, str]) -> IssueChange | None:
    before = {actors.get(p.by, "\0" + p.by): p for p in old.positions}
    after = {p.by: p for p in new.positions}
    stances = []
    for position in new.positions:
        was = before.get(position.by)
        # A leaning that moves is a change of stance, even in the same words.
        if was is None or _text_key(was.stance) != _text_key(position.stance) or was.leaning != position.leaning:
            stances.append(StanceChange(position.by, names.get(position.by, position.by), was, position))
    for actor_id, position in before.items():
        if actor_id not in after:
            stances.append(StanceChange(position.by, names.get(position.by, position.by), position, None))
    if not stances and old.status == new.status:
        return None
    return IssueChange(old, new, tuple(stances))


# -- as text, for `briefing diff` ----------------------------------------------------------


def _labels(brief: Brief) -> Callable[[str], str]:
    items = {item.id: item for item in brief.items()}
    return lambda item_id: item_label(items.get(item_id), item_id)


def _section(out: list[str], title: str, lines: Iterable[str], count: int | None = None) -> None:
    listed = list(lines)
    if listed:
        out += ["", f"{title} ({len(listed) if count is None else count})", *listed]


def changes_text(changes: Changes) -> str:
    """The changes as plain text: each entry with the file and line it is at."""
    old, new = changes.old, changes.new
    label = {id(old): _labels(old), id(new): _labels(new)}

    def at(brief: Brief, line: int) -> str:
        return f"{brief.path}:{line}"

    def flat(brief: Brief, text: str, width: int = 200) -> str:
        return short(shown_text(text, label[id(brief)]), width)

    def actor(brief: Brief, a: Actor) -> str:
        what = ", ".join(part for part in (a.role, a.side) if part)
        return f"{a.name} [{a.id}]" + (f" \u2014 {what}" if what else "") + f"  {at(brief, a.location.line)}"

    def quote(brief: Brief, q: Quote) -> str:
        words = flat(brief, q.text, 120)
        said = (f"\u201c{words}\u201d" if q.verbatim else f"{words} [paraphrase]") + f" \u2014 {label[id(brief)](q.by)}"
        return said + (f", {q.date.isoformat()}" if q.date else "") + f"  {at(brief, q.location.line)}"

    out = [
        f"Changes from {old.path} to {new.path}",
        f"  was: {old.title} ({old.date.isoformat()})",
        f"  now: {new.title} ({new.date.isoformat()})",
    ]
    if changes.empty:
        out += ["", "No changes in actors, quotes or issues."]
        return "\n".join(out) + "\n"
    _section(out, "New actors", (f"  + {actor(new, a)}" for a in changes.new_actors))
    _section(out, "Removed actors", (f"  - {actor(old, a)}" for a in changes.removed_actors))
    lines = []
    for change in changes.changed_issues:
        lines.append(f"  ~ {change.new.title}  {at(new, change.new.location.line)}")
        if change.status_changed:
            lines.append(f"      status: {change.old.status} \u2192 {change.new.status}")
        for stance in change.stances:
            if stance.old is None:
                lines.append(f"      {stance.name}: new position")
            elif stance.new is None:
                lines.append(f"      {stance.name}: no longer stated")
            else:
                lines.append(f"      {stance.name}: position changed" + (f" ({stance.leaning})" if stance.leaning else ""))
            if stance.old is not None:
                lines.append(f"        was: {flat(old, stance.old.stance)}  {at(old, stance.old.location.line)}")
            if stance.new is not None:
                lines.append(f"        now: {flat(new, stance.new.stance)}  {at(new, stance.new.location.line)}")
    _section(out, "Changed issues", lines, len(changes.changed_issues))
    _section(out, "New issues", (f"  + {i.title} ({i.status})  {at(new, i.location.line)}" for i in changes.new_issues))
    _section(out, "Removed issues", (f"  - {i.title} ({i.status})  {at(old, i.location.line)}" for i in changes.removed_issues))
    _section(out, "New quotes", (f"  + {quote(new, q)}" for q in changes.new_quotes))
    _section(out, "Removed quotes", (f"  - {quote(old, q)}" for q in changes.removed_quotes))
    return "\n".join(out) + "\n"

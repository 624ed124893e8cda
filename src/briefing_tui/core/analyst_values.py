"""Reading the analyst's fields of a brief, each checked where it is written: a
position's leaning, since when it holds and how sure the brief is; a quote's
verbatim mark, language and credibility; a source's reliability; the TLP marking of
the brief and of any item; how an actor stands to another.

All of them are optional: a brief without them reads as it always did. `loader`
calls these with the fields of the item it builds.
"""

from __future__ import annotations

import datetime as dt
import re

from briefing_tui.core.model import (
    CONFIDENCES,
    CREDIBILITIES,
    LEANINGS,
    MARKINGS,
    RELIABILITIES,
    KeyPointNote,
    Location,
    Relation,
)
from briefing_tui.core.similar import did_you_mean, quoted
from briefing_tui.core.values import TAG, FieldReader, Fields, describe
from briefing_tui.core.yamlsource import MappingNode, Node, ScalarNode, location_of

RELATION_KINDS: tuple[str, ...] = (
    "member-of", "leads", "spokesperson-for", "represents", "advises",
    "envoy-of", "reports-to", "part-of", "allied-with", "opposes",
)  # fmt: skip
"""How one actor may stand to another (`relations[].kind`)."""
RELATION_KEYS = ("to", "kind", "since")
LANGUAGE_PATTERN = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*\Z")
"""A language tag as BCP 47 writes the common ones: `en`, `ru`, `pt-BR`."""

POSITION_FIELDS = ("leaning", "as_of", "confidence", "marking")
QUOTE_FIELDS = ("verbatim", "lang", "translated_from", "confidence", "credibility", "marking")
SOURCE_FIELDS = ("reliability", "marking")
ACTOR_FIELDS = ("relations", "marking")
ISSUE_FIELDS = ("marking",)
BRIEF_FIELDS = ("marking",)


def marking(reader: FieldReader, fields: Fields, what: str) -> str | None:
    """The TLP level of `marking`, written `TLP:AMBER` or `AMBER`, kept as `AMBER`."""
    if "marking" not in fields:
        return None
    node = fields["marking"][1]
    value = reader.text(node, f"the marking of {what}", required=True)
    if value is None:
        return None
    level = value.strip().upper().removeprefix("TLP:")
    if level in MARKINGS:
        return level
    levels = tuple(f"TLP:{m}" for m in MARKINGS)
    reader.error(node, f"the marking of {what} {quoted(value)} is not one of {' | '.join(levels)}{did_you_mean(value, levels)}")
    return None


def choice(reader: FieldReader, fields: Fields, key: str, what: str, options: tuple[str, ...]) -> str | None:
    """One of `options` under `key`, or None when not given (or wrong: an error)."""
    if key not in fields:
        return None
    return reader.choice(fields[key][1], f"the {key.replace('_', ' ')} of {what}", options)


def date(reader: FieldReader, fields: Fields, key: str, what: str) -> dt.date | None:
    """A date under `key`, or None."""
    return reader.date(fields[key][1], f"{key!r} of {what}") if key in fields else None


def yes_no(reader: FieldReader, fields: Fields, key: str, what: str, default: bool) -> bool:
    """A true or false under `key`, or `default`."""
    if key not in fields:
        return default
    node = fields[key][1]
    if not (isinstance(node, ScalarNode) and node.tag == TAG + "bool"):
        reader.error(node, f"{key!r} of {what} must be true or false, not {describe(node)}")
        return default
    return node.value.lower() in ("true", "yes", "on")


def language(reader: FieldReader, fields: Fields, key: str, what: str) -> str | None:
    """A language tag under `key` (`en`, `ru`, `pt-BR`), or None."""
    if key not in fields:
        return None
    node = fields[key][1]
    value = reader.text(node, f"{key!r} of {what}", required=True)
    if value is None:
        return None
    if not LANGUAGE_PATTERN.match(value.strip()):
        reader.error(node, f"{key!r} of {what} {quoted(value)} is not a language tag: write it as 'en', 'ru' or 'pt-BR'")
        return None
    return value.strip()


def credibility(reader: FieldReader, fields: Fields, what: str) -> int | None:
    """The Admiralty credibility of the information, 1 to 6, or None."""
    if "credibility" not in fields:
        return None
    node = fields["credibility"][1]
    value = node.value.strip() if isinstance(node, ScalarNode) and node.tag in (TAG + "int", TAG + "str") else None
    if value is not None and value.isdigit() and int(value) in CREDIBILITIES:
        return int(value)
    shown = quoted(value) + " " if value is not None else ""
    reader.error(
        node,
        f"the credibility of {what} {shown}must be a number from 1 (confirmed) to 6 (cannot be judged), not {describe(node) if value is None else 'that'}",
    )
    return None


def reliability(reader: FieldReader, fields: Fields, what: str) -> str | None:
    """The Admiralty reliability of a source, A to F, or None."""
    return choice(reader, fields, "reliability", what, RELIABILITIES)


def leaning(reader: FieldReader, fields: Fields, what: str) -> str | None:
    """Where a position leans on the scale of `LEANINGS`, or None."""
    return choice(reader, fields, "leaning", what, LEANINGS)


def confidence(reader: FieldReader, fields: Fields, what: str) -> str | None:
    """How sure the brief is: low, moderate or high; or None."""
    return choice(reader, fields, "confidence", what, CONFIDENCES)


KEY_POINT_KEYS = ("text", "source", "credibility", "marking")


def key_points(reader: FieldReader, node: Node) -> tuple[list[tuple[str, Location]], list[KeyPointNote]]:
    """The key points, each one line of Markdown, or a mapping of its `text` with the
    `source` it cites, its `credibility` and its `marking`; then what the mappings say."""
    points: list[tuple[str, Location]] = []
    notes: list[KeyPointNote] = []
    for index, element in enumerate(reader.sequence(node, "key_points")):
        what = f"key_points[{index}]"
        if not isinstance(element, MappingNode):
            value = reader.markdown(element, "an entry of key_points", required=True)
            if value is not None:
                points.append((value, location_of(element)))
            continue
        fields = reader.mapping(element, what, KEY_POINT_KEYS)
        if fields is None:
            continue
        if "text" not in fields:
            reader.error(element, f"{what} has no 'text'")
            continue
        text = reader.markdown(fields["text"][1], f"the text of {what}", required=True)
        source = reader.reference(fields["source"][1], "source", f"the source of {what}") if "source" in fields else None
        note = KeyPointNote(len(points), source, credibility(reader, fields, what), marking(reader, fields, what))
        if text is not None:
            points.append((text, location_of(fields["text"][1])))
            notes.append(note)
    return points, notes


def relations(reader: FieldReader, fields: Fields, actor_id: str | None, what: str) -> tuple[Relation, ...]:
    """An actor's relations to other actors: each `to` an actor id (checked as every
    reference is), of a known `kind`, with an optional `since` date."""
    if "relations" not in fields:
        return ()
    found: list[Relation] = []
    for index, element in enumerate(reader.sequence(fields["relations"][1], f"the relations of {what}")):
        where = f"{what}.relations[{index}]"
        entry = reader.mapping(element, where, RELATION_KEYS)
        if entry is None:
            continue
        if "to" not in entry:
            reader.error(element, f"{where} has no 'to': which actor is it a relation to?")
        if "kind" not in entry:
            reader.error(element, f"{where} has no 'kind': one of {' | '.join(RELATION_KINDS)}")
        to = reader.reference(entry["to"][1], "actor", f"'to' of {where}") if "to" in entry else None
        kind = choice(reader, entry, "kind", where, RELATION_KINDS)
        since = date(reader, entry, "since", where)
        if to is not None and to == actor_id:
            reader.error(entry["to"][1], f"{where} names the actor itself: a relation is to another actor")
            continue
        if to is not None and kind is not None:
            found.append(Relation(to, kind, since))
    return tuple(found)

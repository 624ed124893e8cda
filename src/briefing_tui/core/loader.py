"""Loading a brief: the YAML node tree checked field by field and built into a `Brief`.

All findings are collected in one pass; a brief is returned only when there is no
error. Each value is read and checked where it is written by `values.FieldReader`;
this builds the items and the brief from them, and checks what only the whole brief
can tell (references, the format's version, names used twice).
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from briefing_tui.core import analyst_values as analyst
from briefing_tui.core.findings import DEFAULT_LIMITS, Finding, Limits, LoadResult
from briefing_tui.core.model import (
    ACTOR_KINDS,
    FORMAT_VERSION,
    ISSUE_STATUSES,
    NOWHERE,
    Actor,
    Brief,
    Event,
    FieldLocations,
    Issue,
    Location,
    Position,
    Quote,
    Source,
    paused_gc,
)
from briefing_tui.core.similar import Suggestions, look_alike_difference, quoted, skeleton
from briefing_tui.core.values import (
    ACTOR_KEYS,
    BRIEF_KEYS,
    EVENT_KEYS,
    ID_PATTERN,
    ISSUE_KEYS,
    POSITION_KEYS,
    QUOTE_KEYS,
    SECTIONS,
    SOURCE_KEYS,
    TAG,
    TEXT_FIELDS,
    URL_PATTERN,
    FieldReader,
    Fields,
    article,
    describe,
    yaml_int,
)
from briefing_tui.core.yamlsource import (
    MappingNode,
    Node,
    ScalarNode,
    SourceError,
    YamlDocument,
    location_of,
    read_document,
    text_document,
)


def load_brief(path: str | os.PathLike[str], limits: Limits = DEFAULT_LIMITS) -> LoadResult:
    """Read, check and build the brief at `path`. Never raises for a bad file."""
    name = os.fspath(path)
    with paused_gc():
        try:
            document = read_document(name, limits, SECTIONS)
        except SourceError as error:
            return LoadResult(name, None, (error.finding,))
        return _build(document, limits)


def load_text(text: str, path: str = "<text>", limits: Limits = DEFAULT_LIMITS) -> LoadResult:
    """Check and build a brief from YAML text; `path` names it in findings."""
    with paused_gc():
        try:
            document = text_document(text, path, limits, SECTIONS)
        except SourceError as error:
            return LoadResult(path, None, (error.finding,))
        return _build(document, limits)


def _build(document: YamlDocument, limits: Limits) -> LoadResult:
    builder = _Builder(document, limits)
    try:
        brief = builder.build()
        document.finish()
    except SourceError as error:
        # The file is not YAML past some point: what was checked before it is moot.
        return LoadResult(document.path, None, (error.finding,))
    except (RecursionError, MemoryError):
        return LoadResult(document.path, None, (Finding(document.path, NOWHERE, "error", "the brief is too large or deep to read"),))
    finally:
        document.close()
    if document.too_much_repeated is not None:
        builder.error(
            document.too_much_repeated,
            f"aliases repeat too much text from here on ({document.repeated:,} characters and values in all; "
            f"the limit is {document.repeat_limit:,}, the file's size or {limits.max_repeated_text:,} if more): "
            "write long text once, and alias only short values",
        )
    findings = tuple(sorted(builder.findings, key=Finding.sort_key))
    if any(f.is_error for f in findings):
        brief = None
    return LoadResult(document.path, brief, findings)


def default_id(path: str) -> str:
    """The brief id used when the file gives none: its name, made a valid id."""
    stem = Path(path).stem.lower()
    slug = re.sub(r"[^a-z0-9]+", "-", stem).strip("-")
    return slug or "brief"


class _Builder(FieldReader):
    """Walks one document's nodes, collecting findings and building the model."""

    def build(self) -> Brief | None:
        """Check the whole document and build the brief (None on errors)."""
        root = self.document.root()
        if root is None:
            text = self.document.data.strip()
            reason = "the file is empty" if not text else "the file holds only comments"
            self.error(NOWHERE, f"{reason}: a brief needs at least brief, title, date and summary")
            return None
        if not isinstance(root, MappingNode):
            self.error(root, f"a brief must be a mapping of fields at the top level, not {describe(root)}")
            return None
        fields: Fields = {}
        sections: dict[str, list[Any]] = {}
        builders = {
            "sources": self._source, "actors": self._actor, "quotes": self._quote,
            "issues": self._issue, "timeline": self._event,
        }  # fmt: skip
        if self._check_tag(root):
            # Sections are built as they are read (in file order), the rest after.
            for key, pair in self.fields(root, "the brief", BRIEF_KEYS):
                fields[key] = pair
                if key in builders:
                    sections[key] = self._items(pair[1], key, builders[key])

        def value(key: str) -> Node | None:
            return fields[key][1] if key in fields else None

        self._version(value("brief"), root)
        missing = [k for k in ("title", "date", "summary") if k not in fields]
        for key in missing:
            self.error(root, f"the brief has no '{key}'")
        brief_id = default_id(self.path)
        if (node := value("id")) is not None:
            given = self.text(node, "the brief's id", required=True)
            if given is not None and not ID_PATTERN.match(given):
                self.error(node, f"bad id {quoted(given)}: use lowercase letters, digits and '-'")
            elif given is not None:
                brief_id = given
        follows = self._follows(value("follows"), brief_id)
        title = self.text(node, "the title", required=True) if (node := value("title")) else None
        date = self.date(node, "the date") if (node := value("date")) else None
        summary = self.markdown(node, "the summary", required=True) if (node := value("summary")) else None
        tags = self.texts_list(node, "tags") if (node := value("tags")) else []
        points, point_notes = analyst.key_points(self, node) if (node := value("key_points")) else ([], [])
        for point, point_at in points:
            if "\n" in point.strip():
                self.error(point_at, "a key point is one line: split it in two, or move the detail to the summary")

        brief_marking = analyst.marking(self, fields, "the brief")
        self._resolve()

        if title is None or date is None or summary is None:
            return None
        where: list[str | int] = list(self._locations(fields, NOWHERE.line))
        for i, (_, (line, column)) in enumerate(points):
            where += (f"key_points[{i}]", line - NOWHERE.line, column)
        return Brief(
            path=self.path,
            id=brief_id,
            title=title,
            date=date,
            summary=summary,
            tags=tuple(t for t, _ in tags),
            follows=follows,
            key_points=tuple(p for p, _ in points),
            sources=tuple(sections.get("sources", ())),
            actors=tuple(sections.get("actors", ())),
            quotes=tuple(sections.get("quotes", ())),
            issues=tuple(sections.get("issues", ())),
            timeline=tuple(sections.get("timeline", ())),
            field_locations=tuple(where),
            marking=brief_marking,
            key_point_notes=tuple(point_notes),
        )

    def _follows(self, node: Node | None, brief_id: str) -> str | None:
        """The id of the brief this one follows: never its own."""
        if node is None:
            return None
        value = self.text(node, "'follows'", required=True)
        if value is None:
            return None
        if not ID_PATTERN.match(value):
            self.error(node, f"'follows' names a brief by its id, and {quoted(value)} is not an id")
            return None
        if value == brief_id:
            self.error(node, "a brief cannot follow itself: 'follows' names the id of an earlier brief")
            return None
        return value

    def _version(self, node: Node | None, root: Node) -> None:
        if node is None:
            self.error(root, f"the brief has no 'brief' field: start the file with 'brief: {FORMAT_VERSION}'")
            return
        if not (isinstance(node, ScalarNode) and node.tag == TAG + "int"):
            self.error(node, f"'brief' is the format version and must be the number {FORMAT_VERSION}")
            return
        if node.value != str(FORMAT_VERSION):
            # YAML reads 01, +1 and 0_1 as the number 1 too; a version is written plainly.
            if yaml_int(node.value) == FORMAT_VERSION:
                self.error(node, f"the format version is written {quoted(node.value)}: write it as {FORMAT_VERSION}")
            else:
                self.error(node, f"unsupported format version {quoted(node.value)[1:-1]}: this reader knows version {FORMAT_VERSION}")

    def _items(self, node: Node | None, what: str, build: Any) -> list[Any]:
        if node is None:
            return []
        items = []
        for index, element in enumerate(self.sequence(node, what)):
            item = build(element, f"{what}[{index}]")
            if item is not None:
                items.append(item)
        return items

    @staticmethod
    def _locations(fields: Fields, line: int, keep: frozenset[str] | None = None) -> FieldLocations:
        where: list[str | int] = []
        for key, (_, value) in fields.items():
            if keep is None or key in keep:
                where += (key, value.line - line, value.column)
        return tuple(where)

    def _source(self, node: Node, what: str) -> Source | None:
        fields = self.mapping(node, what, SOURCE_KEYS)
        if fields is None:
            return None
        item_id = self.identifier(fields, node, "source", what)
        name = self._required(fields, node, "name", what)
        url = None
        if "url" in fields:
            url = self.text(fields["url"][1], f"the url of {what}")
            if url is not None and not URL_PATTERN.match(url.strip()):
                self.error(fields["url"][1], f"the url of {what} must start with http:// or https://")
                url = None
        draft = self.draft(fields, "source", item_id, what)
        reliability, marking = analyst.reliability(self, fields, what), analyst.marking(self, fields, what)
        if item_id is None or name is None:
            return None
        return Source(item_id, location_of(node), name=name, url=url and url.strip(), draft=draft, reliability=reliability, marking=marking)

    def _required(self, fields: Fields, owner: Node, key: str, what: str, *, markdown: bool = False) -> str | None:
        if key not in fields:
            self.error(owner, f"{what} has no '{key}'")
            return None
        read = self.markdown if markdown else self.text
        return read(fields[key][1], f"the {key} of {what}", required=True)

    def _optional(self, fields: Fields, key: str, what: str, *, markdown: bool = False) -> str | None:
        if key not in fields:
            return None
        read = self.markdown if markdown else self.text
        return read(fields[key][1], f"the {key} of {what}")

    def _actor(self, node: Node, what: str) -> Actor | None:
        fields = self.mapping(node, what, ACTOR_KEYS)
        if fields is None:
            return None
        item_id = self.identifier(fields, node, "actor", what)
        name = self._required(fields, node, "name", what)
        kind = "person"
        if "kind" in fields:
            kind = self.choice(fields["kind"][1], f"the kind of {what}", ACTOR_KINDS) or kind
        aliases = []
        if "aliases" in fields:
            aliases = self.texts_list(fields["aliases"][1], f"the aliases of {what}")
        draft = self.draft(fields, "actor", item_id, what)
        if item_id is None or name is None:
            return None
        for word, where in [(name, location_of(fields["name"][1])), *aliases]:
            self._claim_name(word.strip(), item_id, where)
        return Actor(
            item_id,
            location_of(node),
            name=name,
            kind=kind,  # type: ignore[arg-type]
            role=self._optional(fields, "role", what),
            side=self._optional(fields, "side", what),
            aliases=tuple(a for a, _ in aliases),
            notes=self._optional(fields, "notes", what, markdown=True),
            field_locations=self._locations(fields, node.line, TEXT_FIELDS),
            draft=draft,
            relations=analyst.relations(self, fields, item_id, what),
            marking=analyst.marking(self, fields, what),
        )

    def _claim_name(self, word: str, actor_id: str, where: Location) -> None:
        # A name shared by two actors would make every mention of it ambiguous.
        if word in self.actor_names and self.actor_names[word][0] != actor_id:
            other, first = self.actor_names[word]
            self.error(where, f"{quoted(word)} already names the actor '{other}' (at {first}); mentions of it would be ambiguous")
            return
        self.actor_names.setdefault(word, (actor_id, where))
        # Two names a reader cannot tell apart (a Cyrillic Р for a Latin P, a
        # zero-width space) for two actors: one of them is likely a trap.
        shape = skeleton(word)
        seen = self.look_alikes.setdefault(shape, (word, actor_id, where))
        if seen[1] != actor_id and seen[0] != word:
            other_word, other, first = seen
            self.warning(
                where,
                f"{quoted(word)} looks like {quoted(other_word)}, a name of the actor '{other}' (at {first}), "
                f"but is other text ({look_alike_difference(word, other_word)})",
            )

    def _quote(self, node: Node, what: str) -> Quote | None:
        fields = self.mapping(node, what, QUOTE_KEYS)
        if fields is None:
            return None
        item_id = self.identifier(fields, node, "quote", what)
        by = self.reference(fields["by"][1], "actor", f"the speaker ('by') of {what}") if "by" in fields else None
        if "by" not in fields:
            self.error(node, f"{what} has no 'by': whose words are they?")
        text = self._required(fields, node, "text", what)
        source = self.reference(fields["source"][1], "source", f"the source of {what}") if "source" in fields else None
        date = self.date(fields["date"][1], f"the date of {what}") if "date" in fields else None
        about = self.references_list(fields["about"][1], "issue", f"'about' of {what}") if "about" in fields else ()
        context = self._optional(fields, "context", what, markdown=True)
        draft = self.draft(fields, "quote", item_id, what)
        verbatim = analyst.yes_no(self, fields, "verbatim", what, default=True)
        lang, translated = analyst.language(self, fields, "lang", what), analyst.language(self, fields, "translated_from", what)
        confidence, credibility = analyst.confidence(self, fields, what), analyst.credibility(self, fields, what)
        marking = analyst.marking(self, fields, what)
        if item_id is None or by is None or text is None:
            return None
        return Quote(
            item_id,
            location_of(node),
            by=by,
            text=text,
            source=source,
            date=date,
            context=context,
            about=about,
            field_locations=self._locations(fields, node.line, TEXT_FIELDS),
            draft=draft,
            verbatim=verbatim,
            lang=lang,
            translated_from=translated,
            confidence=confidence,
            credibility=credibility,
            marking=marking,
        )

    def _issue(self, node: Node, what: str) -> Issue | None:
        fields = self.mapping(node, what, ISSUE_KEYS)
        if fields is None:
            return None
        item_id = self.identifier(fields, node, "issue", what)
        title = self._required(fields, node, "title", what)
        status = "open"
        if "status" in fields:
            status = self.choice(fields["status"][1], f"the status of {what}", ISSUE_STATUSES) or status
        summary = self._optional(fields, "summary", what, markdown=True)
        positions: list[Position] = []
        if "positions" in fields:
            holders: dict[str, Location] = {}
            for index, element in enumerate(self.sequence(fields["positions"][1], f"the positions of {what}")):
                position = self._position(element, f"{what}.positions[{index}]")
                if position is None:
                    continue
                if position.by in holders:
                    self.error(element, f"{quoted(position.by)} already has a position on this issue (at {holders[position.by]})")
                    continue
                holders[position.by] = position.location
                positions.append(position)
        actors = self.references_list(fields["actors"][1], "actor", f"the actors of {what}") if "actors" in fields else ()
        draft = self.draft(fields, "issue", item_id, what)
        marking = analyst.marking(self, fields, what)
        if item_id is None or title is None:
            return None
        return Issue(
            item_id,
            location_of(node),
            title=title,
            status=status,  # type: ignore[arg-type]
            summary=summary,
            positions=tuple(positions),
            actors=actors,
            field_locations=self._locations(fields, node.line, TEXT_FIELDS),
            draft=draft,
            marking=marking,
        )

    def _position(self, node: Node, what: str) -> Position | None:
        fields = self.mapping(node, what, POSITION_KEYS)
        if fields is None:
            return None
        by = self.reference(fields["by"][1], "actor", f"'by' of {what}") if "by" in fields else None
        if "by" not in fields:
            self.error(node, f"{what} has no 'by': whose position is it?")
        stance = self._required(fields, node, "stance", what, markdown=True)
        leaning, confidence = analyst.leaning(self, fields, what), analyst.confidence(self, fields, what)
        as_of, marking = analyst.date(self, fields, "as_of", what), analyst.marking(self, fields, what)
        if by is None or stance is None:
            return None
        where = location_of(fields["stance"][1])
        return Position(by, stance, where, leaning, as_of, confidence, marking)

    def _event(self, node: Node, what: str) -> Event | None:
        fields = self.mapping(node, what, EVENT_KEYS)
        if fields is None:
            return None
        date = self.date(fields["date"][1], f"the date of {what}") if "date" in fields else None
        if "date" not in fields:
            self.error(node, f"{what} has no 'date'")
        text = self._required(fields, node, "text", what, markdown=True)
        if date is None or text is None:
            return None
        return Event(date, text, location_of(fields["text"][1]))

    # -- links -------------------------------------------------------------------

    def _resolve(self) -> None:
        """Check every reference and [[link]] now that every id is known."""
        names = {word.lower(): actor_id for word, (actor_id, _) in self.actor_names.items()}
        # Each kind's ids, and their did-you-mean, prepared once for every broken reference.
        by_noun: dict[str, list[str]] = {}
        for item_id, entry in self.ids.items():
            by_noun.setdefault(entry[1], []).append(item_id)
        suggestions: dict[str | None, Suggestions] = {}

        def hint(target: str, noun: str | None) -> str:
            # An actor's name or alias given where its id belongs: that actor.
            actor = names.get(target.lower()) if noun in (None, "actor") else None
            if actor is not None and actor in self.ids:
                return f"; did you mean '{actor}'?"
            if noun not in suggestions:
                suggestions[noun] = Suggestions(by_noun.get(noun, []) if noun is not None else self.ids)
            return suggestions[noun].hint(target)

        for target, noun, line, column, what in self.references:
            where = Location(line, column)
            if target in self.ids:
                found = self.ids[target][1]
                if found != noun:
                    self.error(where, f"{what} {quoted(target)} is {article(found)}, not {article(noun)}")
                continue
            self.error(where, f"{what} {quoted(target)} is not the id of any {noun}{hint(target, noun)}")
        for target, where in self.links:
            if target not in self.ids:
                self.error(where, f"link [[{quoted(target)[1:-1]}]] points to no item{hint(target, None)}")

"""Who an article names: people with the role it gives them, states, organisations, and
the outlets it cites; one actor per person however often, and however, named.

People are found by what stands around a name, not by a list of names: a role before
it (`Kremlin spokesman Dmitry Peskov`), a role after it (`Dmitry Peskov, the Kremlin
spokesman,`), a form of address (`Mr Peskov`), or a verb of speech next to a full
name (`Dmitry Peskov said`). A surname alone (`Peskov`) or a title and a surname
(`President Zelensky`) is the same person as the full name. States, organisations
and outlets are known by name (`lexicon.py`); the library's actors are known by
their names and aliases, and keep their id, name and aliases.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal, NamedTuple

from briefing_tui.core.draft.lexicon import (
    FUNCTION_WORDS,
    HONORIFICS,
    MODIFIERS,
    NOT_NAMES,
    ORGANISATION_WORDS,
    ORGANISATIONS,
    OUTLET_NOUNS,
    OUTLETS,
    STATES,
    TITLES,
    NamedBody,
)
from briefing_tui.core.draft.speech import descriptions, titled_of, verb_after, verb_before
from briefing_tui.core.model import Actor
from briefing_tui.core.text import fold

_TOKEN = re.compile(r"[^\W\d_](?:[\w'\u2019.-]*[^\W_])?")
_POSSESSIVE = re.compile(r"['\u2019]s?$")
_PARTICLES = frozenset("de da di du del der den van von bin ibn al el la le ter dos das".split())
_APPOSITIVE = re.compile(r",\s+(?:(?:the|a|an)\s+)?(?P<role>(?:[\w'\u2019-]+\s+){0,6}?[\w'\u2019-]+)\s*(?=[,.;])")
_PRONOUN = re.compile(r"(?<![\w])(?P<word>[Hh]e|[Ss]he)(?![\w'\u2019])")

ActorKind = Literal["person", "organisation", "state"]
MentionKind = Literal["name", "pronoun", "description", "outlet"]


@dataclass(eq=False)
class CastMember:
    """One actor the draft will hold, as found in the article (or in the library)."""

    name: str
    kind: ActorKind
    role: str | None = None
    side: str | None = None
    aliases: list[str] = field(default_factory=list)
    library: Actor | None = None
    """The library's actor this one is: it keeps that id, name and aliases."""
    unnamed: bool = False
    full_role: bool = False
    """True when the role was read next to the full name (preferred to one read with a surname)."""
    mentioned: bool = False
    gender: str | None = None
    claims: list[str] = field(default_factory=list)
    """What the article reports the actor said, in its words, without quotation marks."""
    id: str = ""

    @property
    def surname(self) -> str:
        """The last word of a person's name (the whole name of anyone else)."""
        return self.name.split()[-1] if self.kind == "person" and not self.unnamed else self.name


class Mention(NamedTuple):
    """A place in a paragraph that names an actor, stands for one, or names an outlet."""

    start: int
    end: int
    kind: MentionKind
    text: str
    actor: CastMember | None = None


class Token(NamedTuple):
    """One word of a text and where it stands."""

    start: int
    end: int
    word: str

    @property
    def bare(self) -> str:
        """The word without a possessive ending: `Kyiv's` is `Kyiv`."""
        return _POSSESSIVE.sub("", self.word) if "'" in self.word or "\u2019" in self.word else self.word


def tokens(text: str) -> list[Token]:
    """The words of a text, with where each stands."""
    return [Token(m.start(), m.end(), m.group().rstrip(".")) for m in _TOKEN.finditer(text)]


class Cast:
    """Every actor and outlet of one article, learnt in a first pass over its text."""

    def __init__(self, library: Sequence[Actor] = ()) -> None:
        self.members: list[CastMember] = []
        self.outlets: dict[str, str] = {}  # name as written -> name kept
        self._forms: dict[str, CastMember] = {}
        self._pattern: re.Pattern[str] | None = None
        self._places: dict[str, NamedBody] = {}
        for actor in library:
            member = CastMember(actor.name, actor.kind, actor.role, actor.side, list(actor.aliases), library=actor)
            self._add(member, actor.names)
        for place in (*STATES, *ORGANISATIONS):
            for form in (place.name, *place.aliases, *place.adjectives):
                self._places.setdefault(form, place)
            if not any(form in self._forms for form in (place.name, *place.aliases)):
                self._add(CastMember(place.name, place.kind, side=place.side), (place.name, *place.aliases))  # type: ignore[arg-type]
        self._outlet_pattern = re.compile(
            r"(?<![\w])(?:the\s+|The\s+)?(?P<name>(?:[A-Z][\w'\u2019&-]*\s+){0,3}?(?:"
            + "|".join(re.escape(o) for o in sorted(OUTLETS, key=len, reverse=True))
            + r")(?:\s+(?:"
            + "|".join(OUTLET_NOUNS)
            + r"))?|(?:[A-Z][\w'\u2019&-]*\s+){1,3}(?:"
            + "|".join(OUTLET_NOUNS)
            + r"))(?![\w])"
        )

    def _add(self, member: CastMember, forms: Iterable[str]) -> None:
        self.members.append(member)
        for form in forms:
            self._forms.setdefault(form, member)
        self._pattern = None

    # -- the first pass ---------------------------------------------------------------

    def learn(self, text: str, *, prose: bool = True) -> None:
        """Learn the people (in prose only: not from headings), states, organisations and
        outlets that a text names. `text` has its quotes masked."""
        for match in self._outlet_pattern.finditer(text):
            self._outlet(match.group("name"))
        if prose:
            self._people(text)
        for mention in self.mentions(text):
            if mention.actor is not None and mention.kind == "name":
                actor = mention.actor
                actor.mentioned = True
                if actor.library is None and actor.kind != "person" and mention.text not in (actor.name, *actor.aliases):
                    actor.aliases.append(mention.text)

    def _outlet(self, written: str) -> str | None:
        name = " ".join(written.split())
        name = re.sub(r"^(?:The|the)\s+", "", name)
        if not self._real_outlet(name):
            return None
        for noun in ("news agency", "newspaper"):
            # `Interfax news agency` and `Interfax` are one outlet: the longer name is kept.
            short = name[: -len(noun)].strip() if name.endswith(" " + noun) else None
            if short and short in self.outlets:
                self.outlets[short] = name
        for known, kept in self.outlets.items():
            if name == known or kept.startswith(name + " "):
                return kept
        self.outlets[name] = name
        return name

    def _real_outlet(self, name: str) -> bool:
        """False for `Russian news agency`: a kind of outlet, not one by name."""
        words = name.split()
        nouns = next((len(n.split()) for n in OUTLET_NOUNS if name.endswith(" " + n)), 0)
        named = words[: len(words) - nouns]
        return bool(named) and not all(w in self._places or _POSSESSIVE.sub("", w) in self._places for w in named)

    def outlet_of(self, written: str) -> str | None:
        """The name kept for an outlet as the article wrote it (None: not an outlet's name)."""
        return self._outlet(written)

    def _name_like(self, token: Token) -> bool:
        bare = token.bare
        if not bare[:1].isupper() or not any(c.islower() for c in bare):
            return False
        if bare in NOT_NAMES or bare.lower() in TITLES or bare in self._places or bare in ORGANISATION_WORDS or bare in HONORIFICS:
            return False
        if bare in OUTLETS or bare in self.outlets:
            return False
        # `Russian-controlled` is no name; `Jean-Claude` is.
        return all(part[:1].isupper() for part in bare.split("-"))

    def _people(self, text: str) -> None:
        words = tokens(text)
        i = 0
        while i < len(words):
            if not self._name_like(words[i]) or self._in_name(text, words, i):
                i += 1
                continue
            j = i
            while j + 1 < len(words) and j - i < 3 and words[j].bare == words[j].word and self._joins(text, words, j):
                j += 1
            run = [w.bare for w in words[i : j + 1]]
            role = self._role_before(text, words, i)
            if role is None and self._set_off(text, words, i, j):
                # `Italy's energy minister, Giulia Ferrante, said`: the role set off before.
                role = self._role_before(text, words, i, gap=", ")
            after = text[words[j].end :]
            before = text[: words[i].start]
            appositive = _APPOSITIVE.match(after) if words[j].bare == words[j].word else None
            if appositive and not _is_role(appositive.group("role"), self._places):
                appositive = None
            honorific = i > 0 and words[i - 1].word in HONORIFICS and text[words[i - 1].end : words[i].start].strip(". ") == ""
            speaks = len(run) > 1 and (verb_after(after, 0) is not None or verb_before(before, 0, len(before)) is not None)
            if role or appositive or honorific or speaks or self._known_person(run):
                self.person(run, role or (appositive.group("role") if appositive else None))
            i = j + 1

    def _in_name(self, text: str, words: list[Token], i: int) -> bool:
        """True when the word at `i` goes on a name begun before it."""
        return i > 0 and self._name_like(words[i - 1]) and self._joins(text, words, i - 1)

    def _joins(self, text: str, words: list[Token], j: int) -> bool:
        """Whether the word after `j` goes on the same name: one space between, or
        `J. ` after an initial, and a name-like word or a particle before one."""
        gap = text[words[j].end : words[j + 1].start]
        if gap not in (" ", ". ") or (gap == ". " and len(words[j].word) > 1):
            return False
        following = words[j + 1]
        if following.word in _PARTICLES and j + 2 < len(words):
            return self._name_like(words[j + 2])
        return self._name_like(following)

    @staticmethod
    def _set_off(text: str, words: list[Token], i: int, j: int) -> bool:
        """True for a name set off by commas: `…, Giulia Ferrante, said`."""
        return i > 0 and text[words[i - 1].end : words[i].start] == ", " and text[words[j].end : words[j].end + 1] == ","

    def _role_before(self, text: str, words: list[Token], i: int, gap: str = " ") -> str | None:
        """The role written just before a name (`Kremlin foreign policy aide`), if any;
        `gap` is what stands between the role and the name."""
        k = i - 1
        kept: list[Token] = []
        while k >= 0 and text[words[k].end : words[k + 1].start] == (gap if k == i - 1 else " "):
            word = words[k]
            bare, low = word.bare, word.bare.lower()
            if low in TITLES or low in MODIFIERS or word.word in HONORIFICS:
                kept.append(word)
            elif bare[:1].isupper() and bare not in NOT_NAMES and bare not in FUNCTION_WORDS:
                kept.append(word)
            else:
                break
            k -= 1
        kept.reverse()
        while kept and (kept[0].word.lower() in ("of", "for") or kept[0].word in HONORIFICS):
            kept.pop(0)
        if not kept:
            return None
        role = text[kept[0].start : kept[-1].end]
        return role if _is_role(role, self._places) else None

    def _known_person(self, run: list[str]) -> bool:
        name = " ".join(run)
        member = self._forms.get(name)
        return member is not None and member.kind == "person"

    def person(self, run: list[str], role: str | None) -> CastMember:
        """The person named `run`, found or added: one per person, merged on the surname."""
        name = " ".join(run)
        full = len(run) > 1
        found = self._forms.get(name)
        if found is None or found.kind != "person":
            surname = fold(run[-1])
            same = [m for m in self.members if m.kind == "person" and not m.unnamed and fold(m.surname) == surname]
            found = next((m for m in same if m.name.endswith(" " + name) or name.endswith(" " + m.name) or m.name == name), None)
            if found is not None and len(name) > len(found.name) and found.library is None:
                found.name = name
        if found is None:
            found = CastMember(name, "person")
            self._add(found, (name,))
        else:
            self._forms.setdefault(name, found)
            self._pattern = None
        if role and (found.role is None or (full and not found.full_role)) and found.library is None:
            found.role, found.full_role = role, full
        found.mentioned = True
        return found

    # -- mentions -----------------------------------------------------------------------

    def _forms_pattern(self) -> re.Pattern[str]:
        if self._pattern is None:
            forms = dict(self._forms)
            people = [m for m in self.members if m.kind == "person" and not m.unnamed]
            surnames: dict[str, list[CastMember]] = {}
            for member in people:
                surnames.setdefault(member.surname, []).append(member)
            for surname, holders in surnames.items():
                if len(holders) == 1 and surname not in forms:
                    forms[surname] = holders[0]
            self._forms = forms
            alternatives = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
            self._pattern = re.compile(rf"(?<![\w])(?:{alternatives})(?![\w])" if alternatives else r"(?!x)x")
        return self._pattern

    def mentions(self, text: str) -> list[Mention]:
        """Every mention in a text with its quotes masked, in order: names (of actors
        known so far), outlets, `he`/`she`, and descriptions (`an unnamed US official`).
        A longer mention wins over one inside it."""
        found = [Mention(m.start(), m.end(), "name", m.group(), self._forms[m.group()]) for m in self._forms_pattern().finditer(text)]
        for match in self._outlet_pattern.finditer(text):
            name = self.outlet_of(match.group("name"))
            if name is not None:
                found.append(Mention(match.start("name"), match.end("name"), "outlet", name))
        found += [Mention(m.start(), m.end(), "pronoun", m.group()) for m in _PRONOUN.finditer(text)]
        for start, end in descriptions(text):
            found.append(Mention(start, end, "description", text[start:end]))
        found.sort(key=lambda m: (m.start, -(m.end - m.start)))
        kept: list[Mention] = []
        for mention in found:
            if kept and mention.start < kept[-1].end:
                continue
            kept.append(mention)
        return kept

    def described(self, description: str, *, create: bool = True) -> CastMember | None:
        """The actor a description stands for: a known actor with that role when it
        is `the …`, else an unnamed actor (`an unnamed US official`), made when `create`."""
        article, _, words = description.partition(" ")
        words = " ".join(words.split())
        head = words.split()[-1].lower()
        if article.lower() == "the":
            for member in reversed(self.members):
                if member.mentioned and member.role and member.role.lower().split()[-1] == head:
                    return member
        role = " ".join(w for w in words.split() if w.lower() not in ("unnamed", "anonymous"))
        for member in reversed(self.members):
            if member.unnamed and member.role and (member.role == role or (article.lower() == "the" and member.role.split()[-1].lower() == head)):
                return member
        if not create:
            return None
        member = CastMember(f"Unnamed {role}", "person", role=role, unnamed=True, full_role=True, mentioned=True)
        self._add(member, ())
        return member

    def side_of(self, role: str | None) -> str | None:
        """The state a role belongs to (`Kremlin spokesman`: Russia), if it says."""
        if not role:
            return None
        for word in tokens(role):
            place = self._places.get(word.bare)
            if place is not None and place.side:
                return place.side
        return None

    def actors(self) -> list[CastMember]:
        """The actors to write, people first, each with its side, in the order found."""
        chosen = [m for m in self.members if m.mentioned]
        for member in chosen:
            if member.side is None and member.kind == "person":
                member.side = self.side_of(member.role)
        order = {"person": 0, "organisation": 1, "state": 2}
        return sorted(chosen, key=lambda m: order[m.kind])


def _is_role(role: str, places: dict[str, NamedBody]) -> bool:
    """True for words that make a role: a title among them, and every other word a
    qualifier (`Kremlin spokesman`, `US Secretary of State`, `Russia's foreign minister`)."""
    words = role.split()
    lows = [_POSSESSIVE.sub("", w).lower() for w in words]
    if not any(w in TITLES for w in lows):
        return False
    for word, low in zip(words, lows, strict=True):
        if low in TITLES or low in MODIFIERS:
            continue
        if not word[:1].isupper() or _POSSESSIVE.sub("", word) in FUNCTION_WORDS:
            return False
    last = lows[-1]
    return last in TITLES or titled_of(role)

"""Names that are close: the did-you-mean of a mistyped key or id, and names that look
the same on screen without being the same text.

A did-you-mean compares a word with every candidate, so a brief with thousands of
broken references against thousands of ids must not pay for each comparison in
Python: candidates are compared by rapidfuzz's C code first, and only the closest few
by difflib, whose ratio decides as it always has. The work is bounded in all.

Look-alike names (a Latin P and a Cyrillic Р, a zero-width space inside a name) are
compared by their skeleton: NFKC, invisible format characters dropped, and common
Cyrillic and Greek letters mapped to the Latin letters they look like.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable

SHORTLIST = 8
"""How many of the closest candidates (by rapidfuzz) difflib then ranks."""
COMPARISONS = 4_000_000
"""The most candidate comparisons one `Suggestions` makes in all; past that, no hint."""


def quoted(value: str, limit: int = 60) -> str:
    """A value from the file, fit to stand in a one-line message: quoted, control
    characters escaped, and cut short when long."""
    cut = value if len(value) <= limit else value[: limit - 1] + "\u2026"
    escaped = "".join(c if c.isprintable() or c == " " else (f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}") for c in cut)
    return f"'{escaped}'"


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """A '; did you mean …?' suffix naming the closest candidate, or ''."""
    return Suggestions(candidates).hint(word)


class Suggestions:
    """The did-you-mean of words against one set of candidates, prepared once."""

    def __init__(self, candidates: Iterable[str]) -> None:
        self._pool = {c.lower(): c for c in candidates}
        self._keys = list(self._pool)
        self._spent = 0
        self._found: dict[str, str] = {}

    def hint(self, word: str) -> str:
        """A '; did you mean …?' suffix naming the closest candidate, or ''."""
        lowered = word.lower()
        found = self._found.get(lowered)
        if found is None:
            found = self._found[lowered] = self._closest(lowered)
        return f"; did you mean {quoted(found)}?" if found else ""

    def _closest(self, word: str) -> str:
        keys = self._keys
        if len(keys) > SHORTLIST:
            if self._spent + len(keys) > COMPARISONS:
                return ""  # a hint is a courtesy: not worth unbounded work
            self._spent += len(keys)
            from rapidfuzz import fuzz, process  # only when something is wrong

            # rapidfuzz's ratio counts the longest common subsequence, which is never
            # shorter than what difflib matches: nothing difflib would accept is left out
            # for falling below the cutoff.
            keys = [key for key, _, _ in process.extract(word, keys, scorer=fuzz.ratio, limit=SHORTLIST, score_cutoff=59.9)]
        close = difflib.get_close_matches(word, keys, n=1, cutoff=0.6)
        return self._pool[close[0]] if close else ""


# Cyrillic and Greek letters drawn like Latin ones in most fonts.
_LOOK_ALIKE = str.maketrans(
    "АВЕКМНОРСТХУЅІЈаеорсухѕіјԁԛԝӏΑΒΕΖΗΙΚΜΝΟΡΤΥΧοιν",
    "ABEKMHOPCTXYSIJaeopcyxsijdqwlABEZHIKMNOPTYXoiv",
)


def skeleton(name: str) -> str:
    """What a name looks like on screen: equal for names a reader cannot tell apart."""
    if name.isascii():
        return name
    normal = unicodedata.normalize("NFKC", name)
    visible = "".join(c for c in normal if unicodedata.category(c) != "Cf")
    return visible.translate(_LOOK_ALIKE)


def look_alike_difference(name: str, other: str) -> str:
    """What makes two look-alike names different text: the characters, named, that
    are not what they look like (in `name`, else in `other`)."""
    odd = [c for c in dict.fromkeys(name) if skeleton(c) != c] or [c for c in dict.fromkeys(other) if skeleton(c) != c]
    return ", ".join(f"U+{ord(c):04X} {unicodedata.name(c, 'an unnamed character')}" for c in odd[:3])

"""Where a text reports speech: the verbs of speech (`said`, `was quoted as saying`)
next to a name, and descriptions of speakers (`an unnamed US official`).

Words are matched by a short pattern and looked up in the lexicon's sets, rather
than compiled into patterns of hundreds of alternatives: that keeps the drafter
quick to start.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from briefing_tui.core.draft.lexicon import MODIFIERS, SPEECH_VERBS, TITLES

_AUXILIARY = (
    r"(?:(?:has|have|had|was|were|is|are|also|later|then|again|would|will|once|repeatedly|previously|earlier|"
    r"recently|publicly|reportedly|quoted\s+as|been|not|just|further)\s+)"
)
_AFTER = re.compile(r"(?:\s*,\s*(?:who|whose)\b[^,.;\ue000]{0,160},)?\s+(?P<said>" + _AUXILIARY + r"{0,4}(?P<verb>[a-z]+))\b")
_BEFORE = re.compile(r"\b(?:(?P<verb>[a-z]+)|[Aa]ccording\s+to)\s+$")
_LEADING = re.compile(r"(?P<verb>[a-z]+)\s+")
_WORD = re.compile(r"\b[a-z]+\b")
_ARTICLE = re.compile(r"(?<![\w])(?P<article>[Aa]n?|[Tt]he|[Oo]ne)\s+")
_DESCRIBING = re.compile(r"[\w'\u2019-]+")
_NAME_FOLLOWS = re.compile(r"\s+(?:[A-Z][a-z]|of\s+[A-Z])")
_UNNAMED = frozenset(("unnamed", "anonymous", "high-ranking"))


def verb_after(text: str, at: int) -> re.Match[str] | None:
    """A verb of speech right after `at` (a name's end): ` said`, ` was quoted as
    saying`, `, who …, noted`. Its groups: `said` (with the auxiliaries), `verb`."""
    match = _AFTER.match(text, at)
    return match if match is not None and match.group("verb") in SPEECH_VERBS else None


def verb_before(text: str, start: int, end: int) -> re.Match[str] | None:
    """A verb of speech, or `according to`, ending right at `end`: `said Peskov`."""
    match = _BEFORE.search(text, start, end)
    if match is None or (match.group("verb") is not None and match.group("verb") not in SPEECH_VERBS):
        return None
    return match


def verb_at(text: str, at: int) -> re.Match[str] | None:
    """A verb of speech starting right at `at`: `said Peskov`."""
    match = _LEADING.match(text, at)
    return match if match is not None and match.group("verb") in SPEECH_VERBS else None


def verbs(text: str, start: int = 0, end: int | None = None) -> Iterator[re.Match[str]]:
    """Every verb of speech between `start` and `end`, in order."""
    for match in _WORD.finditer(text, start, len(text) if end is None else end):
        if match.group() in SPEECH_VERBS:
            yield match


def descriptions(text: str) -> Iterator[tuple[int, int]]:
    """Where a text describes a speaker without naming one: an article, qualifiers
    and a title (`an unnamed US official`, `the spokesman`), not followed by a name."""
    for article in _ARTICLE.finditer(text):
        at = article.end()
        for _ in range(5):
            word = _DESCRIBING.match(text, at)
            if word is None:
                break
            low = word.group().lower()
            if low in TITLES:
                if not _NAME_FOLLOWS.match(text, word.end()):
                    yield article.start(), word.end()
                break
            if not (low in MODIFIERS or low in _UNNAMED or word.group()[:1].isupper()):
                break
            gap = re.match(r"[ \t]+", text[word.end() : word.end() + 3])
            if gap is None:
                break
            at = word.end() + gap.end()


def titled_of(role: str) -> bool:
    """True for a role that ends `… Secretary of State`: a title, `of` and a name."""
    match = re.search(r"([\w-]+)\s+of\s+[A-Z][\w\s]*$", role)
    return match is not None and match.group(1).lower() in TITLES

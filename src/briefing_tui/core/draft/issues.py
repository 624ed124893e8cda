"""The open issues an article lists: each item of a list that the article introduces
as unresolved questions (`several other critical issues remain unresolved:`), as a
stub to be filled. An article that lists none gives none: issues are not guessed
from prose.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from briefing_tui.core.draft.article import ArticleBlock

_ISSUE_WORDS = re.compile(
    r"\b(?:issues?|questions?|sticking\s+points?|points?\s+of\s+contention|unresolved|outstanding|open|"
    r"disagreements?|disputes?|obstacles?|differences?|demands?|problems?|concerns?|stumbling\s+blocks?)\b",
    re.IGNORECASE,
)
STOP_WORDS = frozenset(
    "the a an of in on at to for and or but with from by as is are was were be been its their this that these those "
    "potential possible future fate whether how what which who".split()
)
TITLE_LIMIT = 120


class ListedIssue(NamedTuple):
    """One issue the article lists: a short title and the item's full words."""

    title: str
    text: str


def listed_issues(blocks: Sequence[ArticleBlock]) -> list[ListedIssue]:
    """The items of every list the article introduces as open issues, in order."""
    found: list[ListedIssue] = []
    heading = ""
    for index, block in enumerate(blocks):
        if block.kind == "heading":
            heading = block.text
        if block.kind != "item" or (index and blocks[index - 1].kind == "item"):
            continue
        intro = blocks[index - 1] if index else None
        if intro is None:
            continue
        introduced = (intro.kind == "paragraph" and intro.text.rstrip().endswith(":") and bool(_ISSUE_WORDS.search(f"{intro.text} {heading}"))) or (
            intro.kind == "heading" and bool(_ISSUE_WORDS.search(intro.text))
        )
        if not introduced:
            continue
        for item in blocks[index:]:
            if item.kind != "item":
                break
            found.append(ListedIssue(issue_title(item.text), item.text.strip()))
    return found


def issue_title(text: str) -> str:
    """A title from a list item: its first clause, without the full stop, kept short."""
    words = text.strip().rstrip(".;")
    first, comma, _ = words.partition(", ")
    if comma and len(first.split()) >= 3:
        words = first
    if len(words) > TITLE_LIMIT:
        words = words[: TITLE_LIMIT - 1].rsplit(" ", 1)[0] + "\u2026"
    return words


def content_words(text: str) -> set[str]:
    """The words of a text that say what it is about (five letters or more, folded)."""
    return {w for w in re.findall(r"[^\W\d_]{5,}", text.lower()) if w not in STOP_WORDS}


def issue_of(claim: str, issues: Sequence[ListedIssue]) -> int | None:
    """The listed issue a claim is about (two words of substance in common), if any."""
    words = content_words(claim)
    best = max(range(len(issues)), key=lambda i: len(words & content_words(issues[i].text)), default=None)
    if best is None or len(words & content_words(issues[best].text)) < 2:
        return None
    return best

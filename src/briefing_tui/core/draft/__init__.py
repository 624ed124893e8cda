"""Drafting a brief from an article, by rules, offline: `briefing draft`.

One job per module: `article` and `page` read the article, `quotes` finds what
stands between quotation marks, `actors` finds who the article names, `attribution`
gives each quote its speaker, `issues` takes the open issues the article lists,
`writer` writes the brief, and `library` reads the actors a library already knows.
The words the rules rely on are in `lexicon`.
"""

from __future__ import annotations

from briefing_tui.core.draft.article import Article, ArticleError, read_article
from briefing_tui.core.draft.library import library_actors
from briefing_tui.core.draft.writer import Draft, draft_brief

__all__ = ["Article", "ArticleError", "Draft", "draft_brief", "library_actors", "read_article"]

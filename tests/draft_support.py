"""What the drafter's tests share: drafting an article written in the test, and the
draft read back by the real loader."""

from __future__ import annotations

import textwrap
from pathlib import Path

import yaml

from briefing_tui.core.draft import draft_brief, read_article
from briefing_tui.core.loader import load_text
from briefing_tui.core.model import Brief
from tests.conftest import REPO

ARTICLES = REPO / "tests" / "fixtures" / "articles"


def drafted(path: Path, library=()) -> Brief:  # type: ignore[no-untyped-def]
    """The draft of the article at `path`, as the loader reads it: it must load."""
    draft = draft_brief(read_article(str(path)), list(library))
    result = load_text(draft.text, f"{path.name}.yaml")
    assert result.errors == (), [str(f) for f in result.errors]
    assert result.brief is not None
    return result.brief


def draft_of(tmp_path: Path, text: str, name: str = "article.txt") -> Brief:
    """The draft of an article whose text the test writes (dedented)."""
    path = tmp_path / name
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return drafted(path)


def said(brief: Brief) -> list[tuple[str, str]]:
    """(words, speaker's name) of every quote of a brief, in order."""
    names = {a.id: a.name for a in brief.actors}
    return [(q.text, names[q.by]) for q in brief.quotes]


def people(brief: Brief) -> dict[str, str | None]:
    """Name -> role of every person of a brief."""
    return {a.name: a.role for a in brief.actors if a.kind == "person"}


def expected(article: Path) -> dict:  # type: ignore[type-arg]
    """What a careful reader takes from one of the test articles."""
    return yaml.safe_load(article.with_name(article.name.rsplit(".", 1)[0] + ".expected.yaml").read_text(encoding="utf-8"))


def fixture_articles() -> list[Path]:
    """The articles the tests carry, of their own writing: .txt, .md and .html."""
    return sorted(p for p in ARTICLES.iterdir() if p.suffix in (".txt", ".md", ".html"))

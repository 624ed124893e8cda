"""The draft as written: whatever the article holds reads back as the same text, every
item is marked as a draft, ids are unique, and a library's actors keep their id,
name and aliases."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefing_tui.core.draft import draft_brief, library_actors
from briefing_tui.core.draft.article import Article, ArticleBlock
from briefing_tui.core.loader import load_text
from tests.conftest import REAL_BRIEF
from tests.draft_support import ARTICLES, draft_of, drafted, said

SEED = REAL_BRIEF.parent.parent.parent / "shared" / "seeds" / "000_fb9694a0a842588e.txt"


def loaded(article: Article):
    result = load_text(draft_brief(article).text, "draft.yaml")
    assert result.errors == (), [str(f) for f in result.errors]
    assert result.brief is not None
    return result.brief


HOSTILE = "key: value\n- item\n&anchor *alias !!python/object:os.system [[peskov]] [[x|y]] \x1b[31m\x07\u2028\x85 # not a comment"


def test_yaml_syntax_control_characters_and_links_in_an_article_read_back_as_text():
    title = "Talks: [[x]] & *more* \x1b[2J"
    article = Article(
        "a.txt",
        title,
        [ArticleBlock("paragraph", f"Lead {HOSTILE} ends."), ArticleBlock("paragraph", f'Kremlin spokesman Dmitry Peskov said: "{HOSTILE} ok".')],
    )
    brief = loaded(article)
    assert brief.title == " ".join(title.split())
    assert said(brief) == [(f"{HOSTILE} ok", "Dmitry Peskov")]
    # Markdown fields keep the words, and a [[ of the article is never a link.
    assert brief.summary == f"Lead {HOSTILE} ends.".replace("[[", "[\\[")
    assert brief.quotes[0].context is not None and "[[" not in brief.quotes[0].context


@given(st.text(min_size=1, max_size=40).filter(lambda t: not set(t) & set('"\u201c\u201d\r\n')))
def test_any_words_between_quotation_marks_come_back_exactly(middle):
    words = f"a{middle}z"
    article = Article("a.txt", "Title", [ArticleBlock("paragraph", f'Kremlin spokesman Dmitry Peskov said: "{words}".')])
    assert said(loaded(article)) == [(words, "Dmitry Peskov")]


def test_every_item_is_a_draft_and_ids_are_unique(tmp_path):
    brief = draft_of(
        tmp_path,
        """
        Peskov and Peskov

        Kremlin spokesman Dmitry Peskov met Kremlin aide Anna Peskov on Monday, June 1, 2026.
        "Yes," Dmitry Peskov said. "Yes," Anna Peskov said. "Yes," Dmitry Peskov said again.
        """,
    )
    ids = [item.id for item in brief.items()]
    assert len(ids) == len(set(ids))
    assert all(item.draft for item in brief.items())
    assert said(brief) == [("Yes", "Dmitry Peskov"), ("Yes", "Anna Peskov")]
    # Two people of one surname: the surname is an alias of neither.
    assert {a.name: a.aliases for a in brief.actors if a.kind == "person"} == {"Dmitry Peskov": (), "Anna Peskov": ()}


def test_the_library_s_actors_keep_their_id_name_and_aliases(tmp_path):
    library = tmp_path / "library"
    library.mkdir()
    library.joinpath("old.yaml").write_bytes(REAL_BRIEF.read_bytes())
    library.joinpath("broken.yaml").write_text("brief: 1\ntitle: [\n", encoding="utf-8")
    actors, problems = library_actors(str(library))
    assert len(problems) == 1 and "broken.yaml" in problems[0].path
    article = tmp_path / "a.txt"
    article.write_text(
        "Lavrov Speaks\n\nThe Russian foreign minister spoke on Monday, June 1, 2026. Lavrov said talks were "
        '"frozen." Kremlin spokesman Dmitry Peskov agreed, and the Kremlin said nothing.\n',
        encoding="utf-8",
    )
    brief = drafted(article, actors)
    by_id = {a.id: a for a in brief.actors}
    assert said(brief) == [("frozen", "Sergei Lavrov")]
    assert (by_id["lavrov"].name, by_id["lavrov"].aliases, by_id["lavrov"].role) == ("Sergei Lavrov", ("Lavrov",), "Russian Foreign Minister")
    assert (by_id["peskov"].name, by_id["peskov"].aliases) == ("Dmitry Peskov", ("Peskov",))
    assert by_id["kremlin"].kind == "organisation" and "russia" not in by_id


@pytest.mark.skipif(not SEED.is_file(), reason=f"the seed article is not at {SEED}: put the shared/ folder beside the repository")
def test_the_seed_draft_loads_and_is_all_drafts():
    brief = drafted(SEED)
    assert all(item.draft for item in brief.items())
    assert [s.name for s in brief.sources][1:] == ["Interfax news agency", "Axios"]


@pytest.mark.parametrize("article", sorted((ARTICLES / "held-out").iterdir()), ids=lambda p: p.name)
def test_the_held_out_articles_give_drafts_that_pass_check(article):
    # Scored by benchmarks/draft.py, never tuned for: here only their drafts must load.
    if not article.name.endswith(".expected.yaml"):
        assert drafted(article).quotes

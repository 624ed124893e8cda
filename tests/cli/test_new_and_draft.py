"""`briefing new` and `briefing draft` as a subprocess: the files they write pass
`check`, they never write over a file unasked, and the seed article's draft holds
every quote verbatim with its speaker and every person with a role."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import yaml

from briefing_tui.core.loader import load_brief
from tests.conftest import REAL_BRIEF, SHARED, run_briefing
from tests.draft_support import ARTICLES

SEED = SHARED / "seeds" / "000_fb9694a0a842588e.txt"
"""The article the real brief was written from, beside the repository (as CI lays it)."""
needs_seed = pytest.mark.skipif(not SEED.is_file(), reason=f"the seed article is not at {SEED}: put the shared/ folder beside the repository")


@pytest.fixture(scope="module")
def seed_draft(tmp_path_factory):
    """The seed article's draft, written once by the real command."""
    path = tmp_path_factory.mktemp("draft") / "seed.yaml"
    result = run_briefing("draft", SEED, "-o", path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert "7 quotes" in result.stderr and "draft: true" in result.stderr
    return path


def test_new_writes_a_skeleton_that_passes_check_with_today_s_date(tmp_path):
    path = tmp_path / "new.yaml"
    result = run_briefing("new", "-o", path)
    assert result.returncode == 0, result.stderr
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=brief-1.schema.json"
    assert f"date: {dt.date.today().isoformat()}" in text
    for section in ("summary", "key_points", "sources", "actors", "quotes", "issues", "timeline"):
        assert re.search(rf"^{section}:", text, re.M)
    check = run_briefing("check", path)
    assert (check.returncode, check.stdout.splitlines()[-1]) == (0, "1 brief checked: no problems")
    # Every commented example is right too: with the comment marks taken off, it passes.
    examples = re.sub(r"^(\w+): \[\]\n((?:#.*\n)+)", lambda m: m.group(1) + ":\n" + re.sub(r"^#", "", m.group(2), flags=re.M), text, flags=re.M)
    (tmp_path / "examples.yaml").write_text(examples, encoding="utf-8")
    result = load_brief(tmp_path / "examples.yaml")
    assert result.findings == () and result.brief is not None
    assert [len(getattr(result.brief, s)) for s in ("sources", "actors", "quotes", "issues", "timeline", "key_points")] == [1] * 6


def test_new_prints_to_stdout_without_a_file():
    result = run_briefing("new")
    assert result.returncode == 0 and result.stdout.startswith("# yaml-language-server:")


def test_an_existing_file_is_written_over_only_with_force(tmp_path):
    path = tmp_path / "kept.yaml"
    path.write_text("mine\n", encoding="utf-8")
    for command in (["new"], ["draft", str(ARTICLES / "harbour-talks.txt")]):
        refused = run_briefing(*command, "-o", path)
        assert refused.returncode == 2
        assert refused.stderr == f"briefing: error: {path} already exists; add --force to write over it\n"
        assert path.read_text(encoding="utf-8") == "mine\n"
    forced = run_briefing("new", "-o", path, "--force")
    assert forced.returncode == 0, forced.stderr
    assert path.read_text(encoding="utf-8").startswith("# yaml-language-server:")


@needs_seed
def test_the_seed_draft_passes_check_warning_on_each_drafted_item(seed_draft):
    check = run_briefing("check", seed_draft)
    assert check.returncode == 0
    lines = check.stdout.splitlines()
    brief = load_brief(seed_draft).brief
    assert brief is not None
    items = list(brief.items())
    assert len(lines) == len(items) + 1 and lines[-1] == f"1 brief checked: 0 errors, {len(items)} warnings"
    for line, item in zip(lines, items, strict=False):
        assert re.fullmatch(
            rf"{re.escape(str(seed_draft))}:\d+:\d+: warning: {item.noun} '{item.id}' is a draft: review it and remove 'draft: true'", line
        )


@needs_seed
def test_the_seed_draft_holds_every_quote_verbatim_with_the_right_speaker(seed_draft):
    article = SEED.read_text(encoding="utf-8")
    written = load_brief(REAL_BRIEF).brief
    draft = load_brief(seed_draft).brief
    assert written is not None and draft is not None
    names = {a.id: a.name for a in draft.actors}
    expected = {(q.text, next(a.name for a in written.actors if a.id == q.by)) for q in written.quotes}
    got = {(q.text, names[q.by]) for q in draft.quotes}
    assert got == expected
    for quote in draft.quotes:
        assert re.search(r'"' + re.escape(quote.text) + r'[,.]?"', article), quote.text
    sources = {s.id: s.name for s in draft.sources}
    assert {q.text: sources.get(q.source or "") for q in draft.quotes if q.source} == {
        "We have reiterated our invitation, but so far there has been no answer": "Interfax news agency",
        "very close": "Axios",
    }


@needs_seed
def test_the_seed_draft_names_every_person_with_the_role_the_article_gives(seed_draft):
    article = " ".join(SEED.read_text(encoding="utf-8").split())
    written = load_brief(REAL_BRIEF).brief
    draft = load_brief(seed_draft).brief
    assert written is not None and draft is not None
    people = {a.name: a for a in draft.actors if a.kind == "person"}
    named = [a.name for a in written.actors if a.kind == "person" and not a.name.startswith("Unnamed")]
    assert set(named) <= set(people)
    for name in named:
        role = people[name].role
        assert role and f"{role} {name}" in article, (name, role)
    assert {a.name for a in draft.actors if a.kind != "person"} == {a.name for a in written.actors if a.kind != "person"}


@needs_seed
def test_show_json_gives_each_drafted_item_its_mark(seed_draft):
    import json

    result = run_briefing("show", seed_draft, "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert all(item["draft"] is True for section in ("sources", "actors", "quotes", "issues") for item in data[section])


def test_draft_from_a_saved_page_to_stdout():
    result = run_briefing("draft", ARTICLES / "grain-corridor.html")
    assert result.returncode == 0, result.stderr
    data = yaml.safe_load(result.stdout)
    assert data["title"] == "Grain Corridor Deal Extended for Six Months"
    assert len(data["quotes"]) == 6 and all(item["draft"] for item in data["quotes"])
    assert "left out \u201cpriced in a collapse\u201d: no speaker found" in result.stderr


@needs_seed
def test_draft_with_a_library_reuses_its_actors(tmp_path):
    library = tmp_path / "library"
    library.mkdir()
    (library / "old.yaml").write_bytes(REAL_BRIEF.read_bytes())
    path = tmp_path / "draft.yaml"
    result = run_briefing("draft", SEED, "--library", library, "-o", path)
    assert result.returncode == 0, result.stderr
    draft = load_brief(path).brief
    assert draft is not None
    written = {a.id: a for a in load_brief(REAL_BRIEF).brief.actors}  # type: ignore[union-attr]
    for actor in draft.actors:
        if actor.id in written:
            assert (actor.name, actor.aliases) == (written[actor.id].name, written[actor.id].aliases)
    assert {"peskov", "zelensky", "us-official", "kremlin", "united-states"} <= {a.id for a in draft.actors}


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["draft", "missing.txt"], 1, "briefing: cannot read missing.txt: No such file or directory\n"),
        (["draft", "README.md", "--library", "nowhere"], 2, "briefing: error: --library takes a folder of briefs, and nowhere is not a folder\n"),
        (["new", "-o", "no/such/folder/x.yaml"], 2, None),
    ],
)
def test_bad_requests_say_what_is_wrong_without_a_traceback(args, code, message):
    result = run_briefing(*args)
    assert result.returncode == code
    assert "Traceback" not in result.stderr
    if message is not None:
        assert result.stderr == message

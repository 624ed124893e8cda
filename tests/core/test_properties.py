"""Property tests of the loader: whatever the file holds, the answer is a brief whose
every link resolves, or findings that point inside the file; never an exception.

Briefs come two ways: generated from the format (valid, or broken on purpose), and
the real brief's YAML mutated (lines dropped, doubled, swapped or re-indented, YAML
tokens and odd characters put in, the text cut short, bytes changed).
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from briefing_tui.core import Actor, Brief, Issue, LinkIndex, LoadResult, Source, load_brief, load_text
from briefing_tui.core.export import brief_data, brief_markdown, brief_text
from briefing_tui.core.links import wikilink_spans
from briefing_tui.core.yamlsource import SourceError, as_utf8
from tests.conftest import REAL_BRIEF
from tests.hostile import HOSTILE_TEXT

REAL_TEXT = REAL_BRIEF.read_text(encoding="utf-8")
REAL_LINES = REAL_TEXT.splitlines(keepends=True)
# Every character YAML takes as the end of a line.
YAML_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


# -- what must hold ---------------------------------------------------------------------


def assert_sound(result: LoadResult, text: str) -> None:
    """A brief with every link resolving, or located findings inside `text`."""
    lines = YAML_LINE_BREAK.split(text)
    for finding in result.findings:
        assert finding.location is not None, finding
        line, column = finding.location
        assert 1 <= line <= len(lines), (finding, len(lines))
        assert 1 <= column <= len(lines[line - 1]) + 1, (finding, lines[line - 1][:80])
        assert finding.message and "\n" not in str(finding)
    if result.brief is None:
        assert result.errors, "no brief, yet no error"
        return
    assert not result.errors
    assert_links_resolve(result.brief)


def assert_links_resolve(brief: Brief) -> None:
    index = LinkIndex(brief)
    kinds = {"by": Actor, "source": Source, "about": Issue}
    for quote in brief.quotes:
        assert isinstance(index.item(quote.by), kinds["by"])
        assert quote.source is None or isinstance(index.item(quote.source), kinds["source"])
        assert all(isinstance(index.item(i), Issue) for i in quote.about)
    for issue in brief.issues:
        assert all(isinstance(index.item(p.by), Actor) for p in issue.positions)
        assert all(isinstance(index.item(a), Actor) for a in issue.actors)
    texts = list(brief.texts()) + [t for item in brief.items() for t in item.texts()]
    for text in texts:
        if text.markdown:
            for span in wikilink_spans(text.text):
                assert index.item(span.target) is not None, span
    for source in [None, *(item.id for item in brief.items())]:
        for link in index.links_from(source):
            assert index.item(link.target) is not None, link
            assert link in index.links_to(link.target)
    # What the shell prints from it must not fail either.
    brief_text(brief, index), brief_markdown(brief, index), brief_data(brief, index)


def load_file(data: bytes) -> tuple[LoadResult, str]:
    """Load bytes through a real file; the text the positions refer to."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "brief.yaml"
        path.write_bytes(data)
        result = load_brief(path)
    try:
        text = as_utf8(data, "brief.yaml").decode("utf-8")  # as the loader reads it (a BOM may say UTF-16)
    except SourceError:
        text = data.decode("utf-8", "replace")
    return result, text


# -- briefs from the format ---------------------------------------------------------------

ID = st.from_regex(r"[a-z0-9][a-z0-9-]{0,8}", fullmatch=True)
ODD = st.sampled_from([*HOSTILE_TEXT.values(), "", " ", "[[", "]]", "[[nobody]]", "*", "&", "!!int", "null", "yes", "2026-13-45", "- x", ": x", "#"])
PROSE = st.one_of(st.text(st.characters(exclude_categories=("Cs",)), max_size=40), ODD)


@st.composite
def generated_briefs(draw: st.DrawFn) -> str:
    """A brief built from the format, usually valid, sometimes broken on purpose."""
    broken = draw(st.booleans())
    actor_ids = draw(st.lists(ID, max_size=5, unique=True))
    issue_ids = draw(st.lists(ID.map(lambda i: "i-" + i), max_size=3, unique=True))
    source_ids = draw(st.lists(ID.map(lambda i: "s-" + i), max_size=2, unique=True))
    known = actor_ids + issue_ids + source_ids

    def prose() -> str:
        words = draw(st.lists(st.one_of(PROSE, st.sampled_from(known or ["x"]).map(lambda i: f"[[{i}]]")), max_size=4))
        return " ".join(words) or "text"

    def ref(pool: list[str]) -> object:
        if broken and draw(st.integers(0, 5)) == 0:
            return draw(st.one_of(ID, st.integers(), st.none(), st.lists(ID, max_size=2)))
        return draw(st.sampled_from(pool)) if pool else "missing"

    brief: dict[str, object] = {
        "brief": 1,
        "title": prose(),
        "date": draw(st.dates()).isoformat(),
        "summary": prose(),
        "tags": draw(st.lists(PROSE.filter(str.strip), max_size=3)),
        "key_points": [prose().replace("\n", " ") for _ in range(draw(st.integers(0, 3)))],
        "sources": [
            {"id": s, "name": prose(), "url": draw(st.sampled_from(["https://example.org/a", "http://x.y", "ftp://no", "\x1b]8;;"]))}
            for s in source_ids
        ],
        "actors": [
            {
                "id": a,
                "name": f"Name {n} {prose()[:12]}",
                "kind": draw(st.sampled_from(["person", "state", "organisation", "alien"])),
                "side": prose(),
                "aliases": [f"Alias {n}"],
                "notes": prose(),
            }
            for n, a in enumerate(actor_ids)
        ],
        "quotes": [
            {
                "id": f"q-{n}",
                "by": ref(actor_ids),
                "text": prose(),
                "source": ref(source_ids),
                "date": "2026-01-01",
                "about": [ref(issue_ids)],
                "context": prose(),
            }
            for n in range(draw(st.integers(0, 3)))
        ],
        "issues": [
            {
                "id": i,
                "title": prose(),
                "status": draw(st.sampled_from(["open", "stalled", "closed"])),
                "summary": prose(),
                "positions": [{"by": ref(actor_ids), "stance": prose()}],
                "actors": [ref(actor_ids)],
            }
            for i in issue_ids
        ],
        "timeline": [{"date": draw(st.sampled_from(["2026-01-02", "2026-02-30", "yesterday"])), "text": prose()}],
    }
    if broken:
        for key in draw(st.lists(st.sampled_from(sorted(brief)), max_size=2)):
            brief[key] = draw(st.one_of(st.none(), st.integers(), st.just([]), st.just({"x": 1}), PROSE))
        if draw(st.booleans()):
            brief[draw(st.sampled_from(["titel", "summery", "quote"]))] = "typo"
    return yaml.safe_dump(brief, allow_unicode=True, sort_keys=False, width=draw(st.sampled_from([40, 80, 10**6])))


@pytest.mark.slow
@given(generated_briefs())
def test_briefs_from_the_format_load_soundly(text):
    assert_sound(load_text(text, "generated.yaml"), text)


# -- the real brief, mutated ------------------------------------------------------------------

TOKENS = st.sampled_from(
    [":", ": ", "- ", "[", "]", "{", "}", ",", "&a ", "*a", "*nowhere", "!!python/object/apply:os.system ['true']", "!custom ", "\t", '"', "'", "|", ">-",
     "\n", "#", "<<: *a", "? ", "%YAML 1.1\n", "---\n", "...\n", "[[", "]]", "[[nobody]]", "\ufeff", "\x85", "\u2028", "\r", "\\e", "@", "`"]
)  # fmt: skip


@st.composite
def mutated_real_brief(draw: st.DrawFn) -> bytes:
    lines = list(REAL_LINES)
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["drop", "double", "swap", "indent", "insert", "cut", "replace-id", "bytes"]))
        at = draw(st.integers(0, len(lines) - 1))
        if kind == "drop":
            del lines[at : at + draw(st.integers(1, 8))]
        elif kind == "double":
            lines.insert(at, lines[at])
        elif kind == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[at], lines[other] = lines[other], lines[at]
        elif kind == "indent":
            line = lines[at]
            lines[at] = ("  " + line) if draw(st.booleans()) else line[2:] if line.startswith("  ") else line
        elif kind == "insert":
            line = lines[at]
            column = draw(st.integers(0, len(line)))
            lines[at] = line[:column] + draw(st.one_of(TOKENS, PROSE)) + line[column:]
        elif kind == "cut":
            text = "".join(lines)
            lines = [text[: draw(st.integers(0, len(text)))]]
        elif kind == "replace-id":
            lines[at] = re.sub(r"(by|source|id): \S+", lambda m: f"{m.group(1)}: {draw(ID)}", lines[at])
        if not lines:
            lines = [""]
    data = "".join(lines).encode("utf-8")
    if draw(st.booleans()) and data:
        at = draw(st.integers(0, len(data) - 1))
        data = data[:at] + draw(st.binary(min_size=1, max_size=3)) + data[at + 1 :]
    return data


@given(mutated_real_brief())
def test_the_real_brief_mutated_loads_soundly(data):
    result, text = load_file(data)
    assert_sound(result, text)


def test_the_real_brief_itself_is_sound():
    result, text = load_file(REAL_TEXT.encode())
    assert result.ok
    assert_sound(result, text)


def test_a_link_after_a_line_break_that_is_not_a_newline_is_located_on_its_line():
    # Found by the generated briefs: YAML ends a line at NEL (and \r, U+2028, U+2029).
    text = "brief: 1\ntitle: t\ndate: 2026-01-01\nsummary: 'one\x85    two [[x]]'\n"
    result = load_text(text, "nel.yaml")
    assert [str(f) for f in result.findings] == ["nel.yaml:5:9: error: link [[x]] points to no item"]
    assert_sound(result, text)

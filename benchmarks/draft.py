"""How well `briefing draft` reads articles: people, roles, quotes and speakers, scored
against what a careful reader took from the same articles.

Run: .venv/bin/python -m benchmarks.draft

Articles: the seed article, against the brief written from it by hand
(briefs/moscow-invitation-2026-01-29.yaml), and the test articles
(tests/fixtures/articles/, plain text, Markdown and a saved page), each against the
`.expected.yaml` beside it. The articles in tests/fixtures/articles/held-out/ were
written before the drafter read them and its rules were never changed for them:
they are reported apart, as the fairer measure. For each article it counts:

- people: the persons the reference names, found in the draft (recall), and the
  draft's persons that are among them (precision); a person counts as found when
  the draft gives the same name, or one of the reference's aliases;
- roles: found people whose role in the draft is the article's own words for it
  (the reference's role, or the words just before the name in the article);
- quotes: a drafted quote is right when its words are exactly the reference's and
  its speaker is the reference's speaker; a wrong speaker is the right words given
  to someone else; a false quote is words the reference holds no quote for;
  verbatim counts drafted quotes whose words stand in the article as written.

Prints one Markdown table per measure, and the totals, for docs/drafting.md.
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from briefing_tui.core.changes import name_key
from briefing_tui.core.draft import draft_brief, read_article
from briefing_tui.core.loader import load_brief, load_text
from briefing_tui.core.model import Brief

REPO = Path(__file__).resolve().parent.parent
SEED = REPO.parent / "shared" / "seeds" / "000_fb9694a0a842588e.txt"
HAND_WRITTEN = REPO / "briefs" / "moscow-invitation-2026-01-29.yaml"
ARTICLES = REPO / "tests" / "fixtures" / "articles"


@dataclass
class Reference:
    """What a careful reader took from one article."""

    people: dict[str, str | None]
    """Name -> role."""
    aliases: dict[str, str] = field(default_factory=dict)
    """Other name -> name."""
    quotes: list[tuple[str, str]] = field(default_factory=list)
    """(words, speaker's name)."""


@dataclass
class Score:
    """The counts for one article."""

    article: str
    people: int = 0
    people_drafted: int = 0
    people_found: int = 0
    drafted_people_right: int = 0
    roles_right: int = 0
    quotes: int = 0
    quotes_drafted: int = 0
    quotes_right: int = 0
    wrong_speakers: int = 0
    false_quotes: int = 0
    verbatim: int = 0
    milliseconds: float = 0.0
    misses: list[str] = field(default_factory=list)


def _seed_reference() -> Reference:
    brief = load_brief(HAND_WRITTEN).brief
    assert brief is not None
    names = {a.id: a.name for a in brief.actors}
    people = {a.name: a.role for a in brief.actors if a.kind == "person"}
    aliases = {alias: a.name for a in brief.actors if a.kind == "person" for alias in a.aliases}
    return Reference(people, aliases, [(q.text, names[q.by]) for q in brief.quotes])


def _fixture_reference(article: Path) -> Reference:
    data = yaml.safe_load(article.with_name(article.name.rsplit(".", 1)[0] + ".expected.yaml").read_text(encoding="utf-8"))
    people = {p["name"]: p["role"] for p in data["people"]}
    for quote in data["quotes"]:
        people.setdefault(quote["by"], None)
    return Reference(people, {}, [(q["text"], q["by"]) for q in data["quotes"]])


def _draft(article: Path) -> tuple[Brief, float]:
    start = time.perf_counter()
    draft = draft_brief(read_article(str(article)))
    elapsed = (time.perf_counter() - start) * 1000
    result = load_text(draft.text, f"{article.name}.yaml")
    if result.brief is None:
        raise SystemExit(f"the draft of {article} does not load: {[str(f) for f in result.errors]}")
    return result.brief, elapsed


def score(article: Path, reference: Reference) -> Score:
    """Score the draft of one article against its reference."""
    brief, elapsed = _draft(article)
    read = read_article(str(article))
    text = " ".join(" ".join([read.title, *(b.text for b in read.blocks)]).split())
    result = Score(article.name, milliseconds=elapsed)
    known = {name_key(n): n for n in reference.people} | {name_key(a): n for a, n in reference.aliases.items()}

    def person(name: str, aliases: tuple[str, ...] = ()) -> str | None:
        for word in (name, *aliases):
            if name_key(word) in known:
                return known[name_key(word)]
        return None

    drafted_people = [a for a in brief.actors if a.kind == "person"]
    matched = {a.id: person(a.name, a.aliases) for a in drafted_people}
    result.people = len(reference.people)
    result.people_drafted = len(drafted_people)
    result.drafted_people_right = sum(1 for m in matched.values() if m is not None)
    found = {m for m in matched.values() if m is not None}
    result.people_found = len(found)
    result.misses += [f"person not found: {n}" for n in reference.people if n not in found]
    for actor in drafted_people:
        wanted = matched[actor.id]
        if wanted is None:
            result.misses.append(f"person not in the reference: {actor.name}")
            continue
        role = actor.role or ""
        given = reference.people.get(wanted)
        if given is None and not role and not wanted.startswith("Unnamed"):
            result.roles_right += 1  # the article gives none, and the draft invents none
        elif role and (role == given or f"{role} {wanted}" in text or f"{wanted}, the {role}" in text or f"{wanted}, {role}" in text):
            result.roles_right += 1
        elif role and wanted.startswith("Unnamed") and f"{role}" in text:
            result.roles_right += 1  # `an unnamed US official`: the words the article describes them by
        else:
            result.misses.append(f"role of {wanted}: {role or 'none'}")
    speakers = {a.id: matched.get(a.id) or a.name for a in brief.actors}
    gold = dict.fromkeys(reference.quotes)
    result.quotes = len(gold)
    result.quotes_drafted = len(brief.quotes)
    gold_words = {words: name for words, name in reference.quotes}
    for quote in brief.quotes:
        speaker = speakers.get(quote.by, quote.by)
        if any(f"{mark}{quote.text}" in text for mark in ('"', "\u201c", "\u00ab", "\u201e", "\u2018", "\u2039")):
            result.verbatim += 1
        if (quote.text, speaker) in gold:
            result.quotes_right += 1
        elif quote.text in gold_words:
            result.wrong_speakers += 1
            result.misses.append(f"wrong speaker: \u201c{quote.text}\u201d given to {speaker}, not {gold_words[quote.text]}")
        else:
            result.false_quotes += 1
            result.misses.append(f"false quote: \u201c{quote.text}\u201d ({speaker})")
    drafted = {(q.text, speakers.get(q.by, q.by)) for q in brief.quotes}
    result.misses += [f"quote missed: \u201c{w}\u201d ({n})" for w, n in gold if (w, n) not in drafted and w not in {q.text for q in brief.quotes}]
    return result


def _ratio(part: int, whole: int) -> str:
    return f"{part}/{whole} ({100 * part / whole:.0f}%)" if whole else "n/a"


def report(scores: list[Score]) -> str:
    """The scores as Markdown tables, then the totals and every miss."""
    total = Score("all articles")
    for one in scores:
        for name in vars(total):
            if name not in ("article", "misses"):
                setattr(total, name, getattr(total, name) + getattr(one, name))
    lines = [
        "| article | people recall | people precision | roles right | quotes recall | quotes precision | wrong speakers | false quotes | verbatim | time |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for one in [*scores, total]:
        lines.append(
            f"| {one.article} | {_ratio(one.people_found, one.people)} | {_ratio(one.drafted_people_right, one.people_drafted)} "
            f"| {_ratio(one.roles_right, one.drafted_people_right)} | {_ratio(one.quotes_right, one.quotes)} "
            f"| {_ratio(one.quotes_right, one.quotes_drafted)} | {one.wrong_speakers} | {one.false_quotes} "
            f"| {_ratio(one.verbatim, one.quotes_drafted)} | {one.milliseconds:.0f} ms |"
        )
    misses = [f"- {one.article}: {miss}" for one in scores for miss in one.misses]
    lines += ["", "Misses:" if misses else "Misses: none.", *misses]
    return "\n".join(lines) + "\n"


def main() -> int:
    if not SEED.is_file():
        print(f"the seed article is not at {SEED}", file=sys.stderr)
        return 1
    draft_brief(read_article(str(SEED)))  # the first draft pays for compiling patterns: not timed
    scores = [score(SEED, _seed_reference())]
    for article in _articles(ARTICLES):
        scores.append(score(article, _fixture_reference(article)))
    print("Worked on (the rules were written with these articles in view):\n")
    sys.stdout.write(report(scores))
    print("\nHeld out (written before the drafter read them, and never tuned for):\n")
    sys.stdout.write(report([score(article, _fixture_reference(article)) for article in _articles(ARTICLES / "held-out")]))
    return 0


def _articles(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix in (".txt", ".md", ".html"))


if __name__ == "__main__":
    raise SystemExit(main())

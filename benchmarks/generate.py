"""Generated briefs of any size, for tests and benchmarks. Not real content.

Every generated brief says so in its title and first line, and is written to a
temporary folder, never to briefs/.

    python -m benchmarks.generate QUOTES ACTORS ISSUES > big.yaml
"""

from __future__ import annotations

import random
import sys

WORDS = (
    "talks ceasefire delegation territory guarantees monitors energy strikes exchange "
    "prisoners border corridor sanctions reconstruction envoy summit agreement draft "
    "proposal region forces withdrawal security plant grid reactor negotiations round "
    "statement ministry spokesman capital meeting deadline observers mission aid"
).split()
FIRST = "Anna Boris Chiara Dmytro Elena Farid Greta Hugo Ilse Jonas Katya Lev Mira Nils Olga Pavel".split()
LAST = "Adler Bauer Costa Dahl Eriksen Fabre Galan Horvat Ivanov Jansen Kovac Lind Moreau Novak".split()
SIDES = ("Russia", "Ukraine", "United States", "European Union", "Turkey", "China")


# A larger vocabulary of made-up words, so that generated text has the long tail of
# rare words real prose has (a word index behaves very differently without it).
_SYLLABLES = "ka lo mi ne su ra te vo di pa zu ge bo li fa ro se ni ta mu".split()
_RNG = random.Random(7)
RARE = sorted({"".join(_RNG.choice(_SYLLABLES) for _ in range(2 + n % 3)) for n in range(8000)})


def _sentence(rng: random.Random, words: int) -> str:
    # About half common words, half from the long tail, skewed towards its start.
    body = " ".join(
        rng.choice(WORDS) if rng.random() < 0.5 else RARE[int(len(RARE) * rng.random() ** 2)]
        for _ in range(words)
    )
    return body[0].upper() + body[1:] + "."


def generate_brief(quotes: int, actors: int, issues: int, seed: int = 1) -> str:
    """The YAML text of a valid brief of the given size (about 500 bytes a quote)."""
    rng = random.Random(seed)
    names = [f"{FIRST[i % len(FIRST)]} {LAST[(i // len(FIRST)) % len(LAST)]} {i:04d}" for i in range(actors)]
    out = [
        "# GENERATED FIXTURE for tests and benchmarks: not a real brief.",
        "brief: 1",
        f"id: generated-{quotes}-{actors}-{issues}",
        f"title: Generated brief, {quotes} quotes (not real content)",
        "date: 2026-01-29",
        "tags: [generated, fixture]",
        "summary: |",
        f"  A generated brief. {names[0]} and [[a0001]] meet about [[i0000]]." if actors > 1 and issues else "  A generated brief.",
        "  " + _sentence(rng, 40),
        "key_points:",
        *(f"  - {_sentence(rng, 12)}" for _ in range(5)),
        "sources:",
        "  - id: wire",
        "    name: Generated Wire Service",
        "    url: https://example.org/wire",
        "actors:",
    ]
    for i, name in enumerate(names):
        out += [
            f"  - id: a{i:04d}",
            f"    name: {name}",
            f"    kind: {('person', 'organisation', 'state')[i % 3]}",
            f"    role: {rng.choice(WORDS).capitalize()} {rng.choice(WORDS)} envoy",
            f"    side: {SIDES[i % len(SIDES)]}",
            f"    notes: {_sentence(rng, 20)}",
        ]
    out.append("issues:")
    for i in range(issues):
        out += [
            f"  - id: i{i:04d}",
            f"    title: {_sentence(rng, 5)[:-1]} {i}",
            f"    status: {('open', 'progressing', 'stalled', 'resolved')[i % 4]}",
            f"    summary: {_sentence(rng, 30)}",
            "    positions:",
        ]
        for j in rng.sample(range(actors), min(3, actors)):
            out += [f"      - by: a{j:04d}", f"        stance: {_sentence(rng, 16)} {names[(j + 1) % actors]} disagrees."]
    out.append("quotes:")
    for i in range(quotes):
        speaker = rng.randrange(actors)
        out += [
            f"  - id: q{i:05d}",
            f"    by: a{speaker:04d}",
            f"    text: {_sentence(rng, 30)} {names[(speaker + 7) % actors]} knows it.",
            "    source: wire",
            f"    date: 2026-01-{1 + i % 28:02d}",
            f"    context: {_sentence(rng, 25)}",
            f"    about: [i{rng.randrange(issues):04d}]" if issues else "    about: []",
        ]
    out.append("timeline:")
    out += [f"  - date: 2026-01-{1 + i:02d}\n    text: {_sentence(rng, 10)}" for i in range(20)]
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    quotes, actors, issues = (int(a) for a in sys.argv[1:4])
    sys.stdout.write(generate_brief(quotes, actors, issues))

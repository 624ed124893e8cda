"""Generated briefs of any size, for tests and benchmarks. Not real content.

Every generated brief says so in its title and first line, and is written to a
temporary folder, never to briefs/.

    python -m benchmarks.generate QUOTES ACTORS ISSUES > big.yaml
    python -m benchmarks.generate --series BRIEFS FOLDER
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from pathlib import Path

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
    body = " ".join(rng.choice(WORDS) if rng.random() < 0.5 else RARE[int(len(RARE) * rng.random() ** 2)] for _ in range(words))
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


# -- series of briefs, for libraries ---------------------------------------------------

STATUSES = ("open", "progressing", "stalled", "resolved")
SERIES_ACTORS = 10
SERIES_ISSUES = 4
START = dt.date(2026, 1, 1)


def _person(number: int) -> tuple[str, str]:
    """(id, name) of person `number` of the pool every series draws from (224 names)."""
    return f"p{number:03d}", f"{FIRST[number % len(FIRST)]} {LAST[(number // len(FIRST)) % len(LAST)]}"


def generate_series(briefs: int, *, per_series: int = 20, quotes: int = 12, seed: int = 1) -> list[tuple[str, str]]:
    """(file name, YAML text) of `briefs` generated briefs, in series of `per_series` on
    one subject each, one a day. Not real content.

    Within a series each brief `follows` the one before (every fifth relies on having
    the same tags instead), issues change status every few days, stances every other
    day, and one guest actor comes and goes. The same people appear across series, by
    the same id, except that every seventh brief gives its first person another id
    (the same person, known by name).
    """
    out = []
    for number in range(briefs):
        series, day = divmod(number, per_series)
        rng = random.Random(seed * 1_000_003 + number)
        date = START + dt.timedelta(days=day)
        brief_id = f"series-{series:03d}-day-{day:03d}"
        people = [_person((series * 3 + k) % 224) for k in range(SERIES_ACTORS)]
        people.append(_person((series * 3 + SERIES_ACTORS + day % 5) % 224))  # the guest of the day
        if number % 7 == 3:
            people[0] = (f"{people[0][0]}-alias", people[0][1])
        lines = [
            "# GENERATED FIXTURE for tests and benchmarks: not a real brief.",
            "brief: 1",
            f"id: {brief_id}",
        ]
        if day and number % 5 != 4:
            lines.append(f"follows: series-{series:03d}-day-{day - 1:03d}")
        lines += [
            f"title: Generated series {series}, day {day} (not real content)",
            f"date: {date.isoformat()}",
            f"tags: [generated, series-{series:03d}]",
            "summary: |",
            f"  A generated brief of series {series}. {people[1][1]} and [[{people[2][0]}]] meet about [[s{series}-i0]].",
            "  " + _sentence(rng, 30),
            "key_points:",
            *(f"  - {_sentence(rng, 10)}" for _ in range(3)),
            "sources:",
            "  - id: wire",
            "    name: Generated Wire Service",
            "actors:",
        ]
        for person_id, name in people:
            lines += [
                f"  - id: {person_id}",
                f"    name: {name}",
                f"    role: {WORDS[(len(name) * 7) % len(WORDS)].capitalize()} envoy",
                f"    side: {SIDES[sum(map(ord, name)) % len(SIDES)]}",
            ]
        lines.append("issues:")
        for k in range(SERIES_ISSUES):
            stance_rng = random.Random(f"{seed}-{series}-{k}-{day // 2}")
            lines += [
                f"  - id: s{series}-i{k}",
                f"    title: Generated issue {k} of series {series}",
                f"    status: {STATUSES[(day // 3 + k) % len(STATUSES)]}",
                f"    summary: {_sentence(stance_rng, 15)}",
                "    positions:",
            ]
            for holder in (k + 1, k + 2, k + 3):
                lines += [f"      - by: {people[holder][0]}", f"        stance: {_sentence(stance_rng, 12)}"]
        lines.append("quotes:")
        for n in range(quotes):
            speaker = people[rng.randrange(len(people))][0]
            lines += [
                f"  - id: q{day:03d}-{n:02d}",
                f"    by: {speaker}",
                f"    text: {_sentence(rng, 20)}",
                "    source: wire",
                f"    date: {date.isoformat()}",
                f"    about: [s{series}-i{rng.randrange(SERIES_ISSUES)}]",
            ]
        out.append((f"{brief_id}.yaml", "\n".join(lines) + "\n"))
    return out


def write_series(folder: Path, briefs: int, **options: int) -> list[Path]:
    """Write `generate_series` to a folder (made if need be); the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in generate_series(briefs, **options):
        path = folder / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    """The command line: a brief of some size to stdout, or a series to a folder."""
    import argparse

    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.generate",
        description="Write generated briefs (not real content) for tests and benchmarks.",
        epilog="Example: python -m benchmarks.generate 1000 200 50 > big.yaml; python -m benchmarks.generate --series 30 /tmp/briefs",
    )
    parser.add_argument("--series", nargs=2, metavar=("BRIEFS", "FOLDER"), help="write a series of BRIEFS small briefs to FOLDER instead")
    parser.add_argument("sizes", nargs="*", type=int, metavar="N", help="QUOTES ACTORS ISSUES: the size of one brief, written to stdout")
    args = parser.parse_args(argv)
    if args.series:
        count, folder = args.series
        if not count.isdigit():
            parser.error(f"BRIEFS must be a number, not {count!r}")
        written = write_series(Path(folder), int(count))
        print(f"{len(written)} generated briefs in {folder}")
        return 0
    if len(args.sizes) != 3:
        parser.error("give QUOTES ACTORS ISSUES, or --series BRIEFS FOLDER")
    quotes, actors, issues = args.sizes
    sys.stdout.write(generate_brief(quotes, actors, issues))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

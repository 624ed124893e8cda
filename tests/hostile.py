"""Hostile text: strings that try to style, link, act or take over the terminal, and a
valid brief holding them in every field.

Shared by the reader's tests and the command line's: whatever shows brief text must
show these as written, with control characters made visible.
"""

from __future__ import annotations

import re
from pathlib import Path

HOSTILE_TEXT: dict[str, str] = {
    "rich-markup": "[bold red]bold?[/bold red] [italic]it[/]",
    "rich-link": "[link=https://evil.example/]click me[/link]",
    "closing-tag": "[/] [/bold] [/link]",
    "textual-action": "[@click=app.quit]quit?[/] [@click=screen.pane('x')]pane[/]",
    "textual-variable": "$accent [$accent]var[/] [b $error]x[/]",
    "sgr": "\x1b[31mred\x1b[0m \x1b[5mblink",
    "clear-screen": "\x1b[2J\x1b[H\x1b[?1049l\x1b[?25l",
    "osc8-link": "\x1b]8;;https://evil.example/\x1b\\osc link\x1b]8;;\x1b\\",
    "osc52-clipboard": "\x1b]52;c;SE9TVElMRQ==\x07",
    "osc-title": "\x1b]0;pwned title\x07\x1b]2;pwned\x1b\\",
    "bel": "ding\x07dong",
    "backspace": "abc\x08\x08\x08XYZ\ttab",
    "carriage-return": "shown\rhidden",
    "c1-csi": "\x9b31mc1 red \x9d0;c1 title\x9c",
    "rtl-override": "user\u202egnp.exe\u202c file \u2067isolate\u2069",
    "zero-width": "zero\u200bwidth\u200cjoin\u200dx\ufeffbom",
    "combining": "Z\u0351\u0352\u0353a\u0301\u0301\u0301l\u0336g\u0335o",
    "emoji": "family \U0001f469\u200d\U0001f469\u200d\U0001f467 flag \U0001f1fa\U0001f1e6 ok \u2705",
    "wide-cjk": "中文字符 漢字テスト 한국어",
    "line-separators": "para\u2028line\u2029end\x85next",
    "newlines": "first line\nsecond line\n\nafter a blank",
}
"""Each kind of attack, by name."""

LONG_LINE = "long " * 20_480
"""100 KB in one line."""

# What a terminal would act on: ESC, other C0 controls but newline, DEL, C1 controls;
# and what would reorder or break the lines it draws: bidi controls, line separators.
RAW_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]")
# The sequences the reader's own drawing uses: SGR, cursor moves and erasing.
OWN_SEQUENCE = re.compile(r"\x1b\[[0-9;:?]*[A-Za-z]")


def quoted(text: str) -> str:
    """`text` as a YAML double-quoted scalar that reads back as exactly `text`."""
    out = []
    for char in text:
        code = ord(char)
        if char in '\\"':
            out.append("\\" + char)
        elif code < 0x20 or 0x7F <= code <= 0x9F:
            out.append(f"\\x{code:02x}")
        elif code in (0x2028, 0x2029):  # line breaks to YAML, even inside quotes
            out.append(f"\\u{code:04x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def all_hostile(separator: str = " | ") -> str:
    """Every attack in one string."""
    return separator.join(HOSTILE_TEXT.values())


def hostile_brief(*, long_line: bool = True) -> str:
    """A valid brief with hostile text in every field that holds text."""
    kinds = list(HOSTILE_TEXT.values())
    every = all_hostile()
    q = quoted
    lines = [
        "brief: 1",
        f"title: {q('Title ' + every)}",
        "date: 2026-01-29",
        f"tags: [{', '.join(q(k) for k in kinds[:6])}]",
        f"summary: {q('Summary with [[speaker]] and [[issue-one]]. ' + every)}",
        "key_points:",
        *[f"  - {q(kind.replace(chr(10), ' '))}" for kind in kinds],  # a key point is one line
        "sources:",
        f"  - id: wire\n    name: {q('Wire ' + kinds[3])}\n    url: {q('https://example.org/' + kinds[8] + kinds[5].split()[0])}",
        "actors:",
    ]
    for number, kind in enumerate(kinds):
        lines.append(
            f"  - id: actor-{number}\n    name: {q(f'Actor {number} ' + kind)}\n"
            f"    role: {q(kind)}\n    side: {q('Side ' + kinds[number % 4])}\n"
            f"    aliases: [{q(f'Alias {number} ' + kind)}]\n    notes: {q(every)}"
        )
    lines.append(f"  - id: speaker\n    name: Plain Speaker\n    notes: {q(LONG_LINE if long_line else every)}")
    lines.append("quotes:")
    for number, kind in enumerate(kinds):
        lines.append(
            f"  - id: quote-{number}\n    by: actor-{number}\n    text: {q(kind)}\n    source: wire\n"
            f"    date: 2026-01-{1 + number:02d}\n    context: {q(every)}\n    about: [issue-one]"
        )
    lines.append(f"  - id: quote-long\n    by: speaker\n    text: {q(LONG_LINE if long_line else every)}\n    about: [issue-one]")
    lines.append("issues:")
    lines.append(f"  - id: issue-one\n    title: {q('Issue ' + every)}\n    summary: {q(every)}\n    positions:")
    for number, kind in enumerate(kinds):
        lines.append(f"      - by: actor-{number}\n        stance: {q(kind + ' ' + every)}")
    lines.append(f"  - id: issue-two\n    title: {q(kinds[1])}\n    status: stalled\n    actors: [speaker]")
    lines.append("timeline:")
    lines += [f"  - date: 2026-01-{1 + number:02d}\n    text: {q(kind)}" for number, kind in enumerate(kinds)]
    return "\n".join(lines) + "\n"


def write_hostile_brief(folder: Path, name: str = "hostile.yaml", *, long_line: bool = True) -> Path:
    """Write the hostile brief into `folder` and return its path."""
    path = folder / name
    path.write_text(hostile_brief(long_line=long_line), encoding="utf-8")
    return path


def foreign_controls(output: str) -> list[str]:
    """Control characters in terminal output that the reader's own drawing did not put there."""
    return RAW_CONTROL.findall(OWN_SEQUENCE.sub("", output))

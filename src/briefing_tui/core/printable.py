"""Brief text made safe to print: control characters shown, never sent.

A brief may hold anything a YAML string can: escape sequences that recolour or
clear a terminal, set its title or clipboard (OSC 52) or draw hyperlinks (OSC 8),
backspaces and carriage returns that hide text, right-to-left overrides that
reorder it. Everything the reader and `briefing` print goes through `visible`
(or `json_safe` for JSON), so these arrive as symbols, not as commands.

What leaves the reader as text to be pasted elsewhere (a copy, an export) goes
through `clipboard_text`: a paste is typed into whatever has the focus, a shell
among them, and ESC [201~ inside it ends a terminal's bracketed paste early, so
what follows runs as typed.
"""

from __future__ import annotations

from functools import cache

TYPE_CHECKING = False  # as typing's, without importing typing (see core/named_tuple.py)
if TYPE_CHECKING:
    import re


@cache
def _control() -> re.Pattern[str]:
    """C0 controls but newline, DEL, C1 controls; bidi marks, embeddings, overrides
    and isolates; the Unicode line and paragraph separators. Compiled when first
    wanted, with `re` itself: a quick command that prints only printable text never
    pays for either."""
    import re

    return re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]")


def visible(text: str) -> str:
    """Text with control, bidi and separator characters replaced by visible symbols.

    A C0 control becomes its Control Pictures symbol (ESC shows as U+241B), one cell
    wide like the character it stands for; a tab becomes a space; anything else is
    shown as U+FFFD. Newlines are kept.
    """
    control = _control()
    if not control.search(text):
        return text
    return control.sub(_picture, text)


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code == 0x09:
        return " "
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    return "\ufffd"


def json_safe(text: str) -> str:
    """JSON text with every control, bidi and separator character as a `\\uXXXX` escape.

    `json.dumps` escapes C0 controls already; this covers the rest, and the JSON reads
    back to exactly the same values.
    """
    return _control().sub(lambda m: f"\\u{ord(m.group()):04x}", text)


_LINE_BREAK = "\r\n|[\r\x85\u2028\u2029]"


def clipboard_text(text: str) -> str:
    """Text fit to leave the reader for the clipboard or an export: text only.

    Line breaks are made plain newlines (CRLF, CR, NEL, the Unicode line and paragraph
    separators), every other control character is made visible as `visible` does
    (ESC, so no escape sequence, no end of a bracketed paste; bidi overrides), and
    trailing line breaks are dropped, so that a paste never ends by pressing enter.
    """
    import re

    return visible(re.sub(_LINE_BREAK, "\n", text)).rstrip("\n")

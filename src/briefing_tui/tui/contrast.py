"""The reader's text colours, legible in every theme.

Themes pick their colours for Textual's own widgets, and some of them put text on
backgrounds too close to it (the accent on a light surface, the default text on a
dark title bar: 1.5:1 on the light themes). For each kind of text it draws, the
reader takes the theme's colour and, where it falls short of a contrast of 4.5:1
(WCAG AA) against what it is drawn on, moves it towards black or white until it
does not. Each colour is a CSS variable (`$reader-...`) the reader's styles use.

Themes that leave colours to the terminal (ANSI colours) keep them: their contrast
is the terminal's to choose.
"""

from __future__ import annotations

from collections.abc import Mapping

from textual.color import BLACK, WHITE, Color

AA = 4.5
"""The least contrast between text and its background (WCAG 2, level AA)."""

# What each reader colour starts from, and the layers of background it is drawn on:
# each a list of theme variables laid one over the other (the screen's first).
_SURFACE = [["background", "surface"]]
_ON_SURFACE = [
    ["background", "surface"],
    ["background", "surface", "boost"],  # the row under the cursor
    ["background", "surface", "block-cursor-blurred-background"],  # the cursor, focus elsewhere
    ["background", "surface", "panel"],  # the cell in full, below the matrix
]
TEXTS: dict[str, tuple[str, list[list[str]]]] = {
    "reader-text": ("foreground", _ON_SURFACE),
    "reader-body": ("text", _ON_SURFACE),
    "reader-muted": ("text-muted", _ON_SURFACE),
    "reader-heading": ("accent", _ON_SURFACE),
    "reader-code": ("text-accent", _SURFACE),
    "reader-link": ("text-primary", _SURFACE),
    "reader-cursor-text": ("block-cursor-foreground", [["background", "surface", "block-cursor-background"]]),
    "reader-match-text": ("foreground", [["background", "surface", "warning-muted"]]),
    "reader-panel-text": ("foreground", [["background", "surface", "panel"]]),
    "reader-bar-text": ("foreground", [["background", "primary-background"]]),
    "reader-bar-note": ("text-muted", [["background", "primary-background"]]),
    "reader-tabs-text": ("text", [["background", "panel"]]),
    "reader-crumbs": ("text-muted", [["background"]]),
    # The leanings' signs in the Positions matrix: support, opposition, a condition.
    "reader-support": ("success", _ON_SURFACE),
    "reader-oppose": ("error", _ON_SURFACE),
    "reader-conditional": ("warning", _ON_SURFACE),
    "footer-key-foreground": ("footer-key-foreground", [["background", "footer-background", "footer-item-background", "footer-key-background"]]),
    "footer-description-foreground": (
        "footer-description-foreground",
        [["background", "footer-background", "footer-item-background", "footer-description-background"]],
    ),
}
"""Each reader colour: the theme's colour it starts from, the backgrounds it is drawn on."""


def luminance(colour: Color) -> float:
    """The relative luminance of an opaque colour (WCAG 2)."""

    def channel(value: int) -> float:
        level = value / 255
        return level / 12.92 if level <= 0.03928 else ((level + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(colour.r) + 0.7152 * channel(colour.g) + 0.0722 * channel(colour.b)


def contrast(first: Color, second: Color) -> float:
    """The contrast ratio of two opaque colours, from 1 (none) to 21 (black on white)."""
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def legible(colour: Color, backgrounds: list[Color]) -> Color:
    """`colour`, or the nearest colour that reaches a contrast of 4.5:1 against every
    one of `backgrounds`: lighter for a colour lighter than the first background,
    darker for a darker one (towards the other end only when that cannot)."""

    def worst(candidate: Color) -> float:
        return min(contrast(candidate, background) for background in backgrounds)

    if worst(colour) >= AA:
        return colour
    lighter = luminance(colour) >= luminance(backgrounds[0])
    for target in (WHITE, BLACK) if lighter else (BLACK, WHITE):
        for step in range(1, 21):
            candidate = colour.blend(target, step / 20)
            if worst(candidate) >= AA:
                return candidate
    return max((BLACK, WHITE), key=worst)


def reader_colours(variables: Mapping[str, str]) -> dict[str, str]:
    """The reader's colour variables for a theme, from the theme's own (`variables`,
    as Textual generates them)."""
    try:
        return {name: legible(*_resolve(variables, start, layers)).hex for name, (start, layers) in TEXTS.items()}
    except _Terminal:
        # The theme leaves colours to the terminal: keep them as they are.
        return {name: variables[start] for name, (start, _) in TEXTS.items()}


class _Terminal(Exception):
    """A colour is the terminal's (ANSI): not known here."""


def _resolve(variables: Mapping[str, str], start: str, layers: list[list[str]]) -> tuple[Color, list[Color]]:
    backgrounds = []
    for stack in layers:
        background = WHITE  # under everything; every theme paints its background opaque
        for name in stack:
            background = _over(variables[name], background)
        backgrounds.append(background)
    return _over(variables[start], backgrounds[0]), backgrounds


def _over(value: str, under: Color) -> Color:
    """The colour a theme value (`#hex`, `#hex 50%`, `auto 87%`, `transparent`) shows
    when drawn over `under`."""
    name, _, percent = value.strip().partition(" ")
    alpha = float(percent.rstrip("%")) / 100 if percent else 1.0
    colour = under.get_contrast_text(1.0) if name == "auto" else Color.parse(name)
    if colour.ansi is not None or under.ansi is not None:
        raise _Terminal(value)
    return under + colour.multiply_alpha(alpha)

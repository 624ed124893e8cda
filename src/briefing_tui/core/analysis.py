"""The analyst's fields in the reader's words: a leaning as a sign and a phrase, the
order of leanings, confidence as its word, the Admiralty pair (`B2`), whether a
claim is stale, and a paraphrase told from a quote.

Every screen, copy, export and `show` says them through these, so that the matrix,
a page and a pasted line never disagree.
"""

from __future__ import annotations

import datetime as dt

from briefing_tui.core.model import LEANINGS, Brief, Position, Quote, Source, is_withheld

SIGNS: dict[str, str] = {
    "supports": "+",
    "leans-support": "\u00b1",
    "neutral": "=",
    "leans-oppose": "\u2213",
    "opposes": "\u2212",
    "conditional": "~",
    "unclear": "?",
}
"""A leaning as one sign: it reads without colour (`NO_COLOR`)."""
NO_LEANING = " "
"""The sign of a position whose leaning the brief does not give."""
PHRASES: dict[str, str] = {
    "supports": "supports",
    "leans-support": "leans to support",
    "neutral": "neutral",
    "leans-oppose": "leans to oppose",
    "opposes": "opposes",
    "conditional": "conditional",
    "unclear": "unclear",
}
STALE_AFTER_DAYS = 30
"""How old a claim may be, before the brief's date, until it is stale, unless the
user's `stale_after_days` setting says otherwise."""
PARAPHRASE = "paraphrase"


def sign(leaning: str | None) -> str:
    """A leaning's sign (`+`, `±`, `=`, `∓`, `−`, `~`, `?`), a space when none is given."""
    return SIGNS.get(leaning or "", NO_LEANING)


def phrase(leaning: str | None) -> str:
    """A leaning in words (`leans to oppose`), '' when none is given."""
    return PHRASES.get(leaning or "", "")


def by_leaning(positions: tuple[Position, ...] | list[Position]) -> list[Position]:
    """Positions from support to opposition, then conditional, unclear, and those
    without a leaning; the brief's order among equals."""
    return [position for _, position in numbered_by_leaning(positions)]


def numbered_by_leaning(positions: tuple[Position, ...] | list[Position]) -> list[tuple[int, Position]]:
    """`by_leaning`, each position with its number in the brief's order."""
    rank = {leaning: n for n, leaning in enumerate(LEANINGS)}
    return sorted(enumerate(positions), key=lambda pair: rank.get(pair[1].leaning or "", len(LEANINGS)))


def confidence_words(confidence: str | None) -> str:
    """`high confidence`, or '' when the brief does not say."""
    return f"{confidence} confidence" if confidence else ""


def admiralty(reliability: str | None, credibility: int | None) -> str:
    """The Admiralty pair, source reliability then information credibility (`B2`);
    a part not given is `?`; '' when neither is."""
    if reliability is None and credibility is None:
        return ""
    return f"{reliability or '?'}{credibility if credibility is not None else '?'}"


def is_stale(when: dt.date | None, brief_date: dt.date, stale_after_days: int | None = None) -> bool:
    """Whether a claim dated `when` is older than `stale_after_days` before the brief's
    date (by default, the age the user's settings give)."""
    if when is None:
        return False
    if stale_after_days is None:
        from briefing_tui.core.settings import current_settings

        stale_after_days = current_settings().stale_after_days
    return (brief_date - when).days > stale_after_days


_RELIABILITIES: list[tuple[Brief, dict[str, str]]] = []
"""The reliability of each source of the last few briefs asked about: a list of
100,000 quotes asks once per quote, and a brief may have thousands of sources."""


def reliabilities(brief: Brief) -> dict[str, str]:
    """Each source's reliability, by its id (sources without one left out)."""
    for known, table in _RELIABILITIES:
        if known is brief:
            return table
    table = {s.id: s.reliability for s in brief.sources if s.reliability}
    _RELIABILITIES.insert(0, (brief, table))
    del _RELIABILITIES[4:]
    return table


def quote_pair(quote: Quote, brief: Brief) -> str:
    """The Admiralty pair of a quote: its source's reliability, its own credibility."""
    reliability = reliabilities(brief).get(quote.source) if quote.source else None
    return admiralty(reliability, quote.credibility)


def quote_words(quote: Quote) -> str:
    """A quote's text as it is shown: in quotation marks when verbatim, bare when a
    paraphrase (which never reads as the speaker's own words)."""
    text = " ".join(quote.text.split())
    return f"\u201c{text}\u201d" if quote.verbatim and not is_withheld(text) else text


def quote_notes(quote: Quote, brief: Brief, stale_after_days: int | None = None) -> list[str]:
    """What a reader is told beside a quote: `paraphrase`, its language, the
    Admiralty pair, confidence, `stale`."""
    notes = []
    if not quote.verbatim:
        notes.append(PARAPHRASE)
    if quote.translated_from:
        notes.append(f"translated from {quote.translated_from}" + (f" to {quote.lang}" if quote.lang else ""))
    elif quote.lang:
        notes.append(f"in {quote.lang}")
    pair = quote_pair(quote, brief)
    if pair:
        notes.append(pair)
    if quote.confidence:
        notes.append(confidence_words(quote.confidence))
    if is_stale(quote.date, brief.date, stale_after_days):
        notes.append("stale")
    return notes


def key_point_notes(brief: Brief, point: int) -> list[str]:
    """What a reader is told beside key point number `point`: the source it cites,
    with the Admiralty pair."""
    note = brief.key_point_note(point)
    if note is None:
        return []
    source = next((s for s in brief.sources if s.id == note.source), None) if note.source else None
    pair = admiralty(source.reliability if source is not None else None, note.credibility)
    return [part for part in (source.name if source is not None else "", pair) if part]


def position_notes(position: Position, brief: Brief, stale_after_days: int | None = None) -> list[str]:
    """What a reader is told beside a position: its leaning, confidence, since when, `stale`."""
    notes = []
    if position.leaning:
        notes.append(phrase(position.leaning))
    if position.confidence:
        notes.append(confidence_words(position.confidence))
    if position.as_of:
        notes.append(f"as of {position.as_of.isoformat()}")
    if is_stale(position.as_of, brief.date, stale_after_days):
        notes.append("stale")
    return notes


def banner_line(marking: str) -> str:
    """The banner at the top of a copy or an export: `TLP:AMBER`."""
    return f"TLP:{marking}"


def relation_words(kind: str) -> str:
    """A relation's kind as words: `spokesperson for`."""
    return kind.replace("-", " ")


def source_words(source: Source) -> str:
    """A source's name with its reliability: `Interfax (reliability B)`."""
    return source.name + (f" (reliability {source.reliability})" if source.reliability else "")


def notes_text(notes: list[str]) -> str:
    """Notes in brackets after a line (` [paraphrase · B2]`), '' for none."""
    return " [" + " \u00b7 ".join(notes) + "]" if notes else ""

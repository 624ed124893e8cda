"""Who said each quote, and what the article reports people said without quoting them.

The article is read in order, one sentence at a time, keeping who the sentences are
about so that `he` and `she` go back to the last person named (the subject of the
sentence before, by preference). A quote's speaker is found, in this order:

1. right after the quote: `"…," Peskov said`, `"…," said Peskov`, `"…," Peskov was
   quoted as saying`, `"…," according to Peskov`;
2. before it in the sentence, the nearest name with a verb of speech:
   `Peskov said "…"`, `Peskov told Interfax that "…"`, `He noted that "…"`;
3. later in the sentence: `"…" was all he had to add, Peskov said`;
4. the subject of a sentence that reports speech: `Zelensky rejected it, stating he
   could not visit a country "firing missiles …"`;
5. the speaker of the quote just before, for a sentence that is only a quote
   (`"…," he said. "…"`).

A quote with none of these is left out of the draft and reported; so is anything
between quotation marks that names rather than quotes (`the so-called "…"`).
Sentences without quotation marks never give a quote; `X said that …` gives a claim.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

from briefing_tui.core.draft.actors import Cast, CastMember, Mention
from briefing_tui.core.draft.lexicon import LISTENING_VERBS
from briefing_tui.core.draft.quotes import Quoted, find_quotes, masked, sentences
from briefing_tui.core.draft.speech import verb_after, verb_at, verb_before, verbs

_AFTER_MARKS = re.compile(r"[\s,.;:!?\u2014\u2013-]*")
_ACCORDING = re.compile(r"according\s+to\s+")
_NAMING = re.compile(
    r"(?:so-called|dubbed|known\s+as|nicknamed|titled|entitled|headlined|the\s+(?:term|word|phrase|slogan|hashtag|motto)|operation)\s*$",
    re.IGNORECASE,
)
_THAT = re.compile(r"(?:[^.;!?\ue000]{0,60}?\s)?that\s+")


_SPACES = re.compile(r"\s*")
_NAME_AHEAD = re.compile(r"[\w\s'\u2019.-]{0,60}")
_ROLE_GAP = re.compile(r"(?:[\w'\u2019-]+\.?\s+){0,6}")


def _named_at(hidden: str, at: int, mentions: list[Mention]) -> Mention | None:
    """The mention of someone right at `at`, or after a role or a form of address
    (`said Danish negotiator Mads Kjeldsen`, `said Ms Hofstetter`)."""
    at = _SPACES.match(hidden, at).end()  # type: ignore[union-attr]
    gap = _ROLE_GAP.match(hidden, at)
    limit = gap.end() if gap is not None else at
    near = [m for m in mentions if at <= m.start <= limit and m.kind != "outlet" and not any(verbs(hidden, at, m.start))]
    # `said Kremlin spokesman Dmitry Peskov`: the person, not the Kremlin in the role.
    people = [m for m in near if m.kind != "name" or (m.actor is not None and m.actor.kind == "person")]
    return people[0] if people else near[0] if near else None


class DraftQuote(NamedTuple):
    """A quote as drafted: its words, its speaker, the outlet it was given to, and
    the sentence it stands in."""

    text: str
    speaker: CastMember
    source: str | None
    context: str


class LeftOut(NamedTuple):
    """Words between quotation marks that the draft leaves out, and why."""

    text: str
    reason: str


class _Sentence(NamedTuple):
    start: int
    end: int
    mentions: list[Mention]
    quotes: list[Quoted]


class Reading:
    """One reading of an article, in order: its quotes, claims and what it left out."""

    def __init__(self, cast: Cast) -> None:
        self.cast = cast
        self.quotes: list[DraftQuote] = []
        self.left_out: list[LeftOut] = []
        self.subjects: list[CastMember] = []
        """People the sentences were about, the latest last."""
        self.last_speaker: CastMember | None = None
        self.quote_just_before = False

    # -- pronouns --------------------------------------------------------------------

    def _pronoun(self, mention: Mention, earlier: Iterable[Mention]) -> CastMember | None:
        gender = mention.text.lower()
        # `Zelensky rejected it, stating he …`: the subject of this very sentence.
        for other in earlier:
            actor = self._actor(other, ())
            if actor is not None and actor.kind == "person" and actor.gender in (None, gender):
                return self._gendered(actor, gender)
        for actor in reversed(self.subjects):
            if actor.gender in (None, gender):
                return self._gendered(actor, gender)
        return None

    @staticmethod
    def _gendered(actor: CastMember, gender: str) -> CastMember:
        actor.gender = actor.gender or gender
        return actor

    def _actor(self, mention: Mention, earlier: Iterable[Mention], *, create: bool = False) -> CastMember | None:
        """The actor a mention stands for (None for an outlet, or a pronoun with no one before)."""
        if mention.kind == "name":
            return mention.actor
        if mention.kind == "pronoun":
            return self._pronoun(mention, [m for m in earlier if m.kind == "name"])
        if mention.kind == "description":
            return self.cast.described(mention.text, create=create)
        return None

    # -- reading ---------------------------------------------------------------------

    def paragraph(self, text: str) -> None:
        """Read one paragraph (or item of a list): its quotes and claims."""
        found = find_quotes(text)
        hidden = masked(text, found)
        mentions = self.cast.mentions(hidden)
        spans = sentences(text, found)
        for number, (start, end) in enumerate(spans):
            sentence = _Sentence(start, end, [m for m in mentions if start <= m.start < end], [q for q in found if start <= q.start < end])
            following = spans[number + 1][1] if number + 1 < len(spans) else end
            speaker = None
            for quote in sentence.quotes:
                speaker = self._quote(text, hidden, sentence, quote, mentions, following) or speaker
            if not sentence.quotes:
                self._claim(text, hidden, sentence)
            self._remember(sentence, speaker)

    def _remember(self, sentence: _Sentence, speaker: CastMember | None) -> None:
        subject = speaker
        if subject is None:
            for index, mention in enumerate(sentence.mentions):
                actor = self._actor(mention, sentence.mentions[:index])
                if actor is not None and actor.kind == "person":
                    subject = actor
                    break
        if subject is not None:
            self.subjects.append(subject)
        self.quote_just_before = speaker is not None and bool(sentence.quotes)
        if speaker is not None:
            self.last_speaker = speaker

    def _quote(self, text: str, hidden: str, sentence: _Sentence, quote: Quoted, everywhere: list[Mention], following: int) -> CastMember | None:
        if _NAMING.search(hidden[sentence.start : quote.start]):
            self.left_out.append(LeftOut(quote.text, "it names something rather than quoting anyone"))
            return None
        speaker, region_end = self._speaker(hidden, sentence, quote, everywhere)
        # `"…," he said. "…"`: a sentence that is only a quote goes on the one before.
        only_quote = not text[sentence.start : quote.start].strip() and not sentence.mentions
        going_on = speaker is None and self.quote_just_before and only_quote and not any(verbs(hidden, sentence.start, sentence.end))
        if going_on:
            speaker, region_end = self.last_speaker, sentence.end
        if speaker is None:
            self.left_out.append(LeftOut(quote.text, "no speaker found"))
            return None
        source = None
        for mention in self.cast.mentions(hidden[sentence.start : max(sentence.end, min(region_end, following))]):
            if mention.kind == "outlet":
                source = mention.text
                break
        if source is None and going_on and self.quotes and self.quotes[-1].speaker is speaker:
            source = self.quotes[-1].source  # the second half of a split quote: told to the same outlet
        if not any(q.text == quote.text and q.speaker is speaker for q in self.quotes):
            self.quotes.append(DraftQuote(quote.text, speaker, source, text[sentence.start : sentence.end].strip()))
        return speaker

    def _speaker(self, hidden: str, sentence: _Sentence, quote: Quoted, everywhere: list[Mention]) -> tuple[CastMember | None, int]:
        """The speaker of a quote and where the words that say so end."""
        before = [m for m in sentence.mentions if m.end <= quote.start]
        # 1. Right after the quote, even past the end of its sentence.
        at = quote.end + _AFTER_MARKS.match(hidden, quote.end).end() - quote.end  # type: ignore[union-attr]
        starting = {m.start: m for m in everywhere}
        earlier = [m for m in everywhere if m.end <= at]
        mention = starting.get(at)
        if mention is not None and mention.kind != "outlet":
            verb = verb_after(hidden, mention.end)
            if verb is not None:
                return self._actor(mention, earlier, create=True), verb.end()
        for match in (verb_at(hidden, at), _ACCORDING.match(hidden, at)):
            if match is not None and match.groupdict().get("verb") not in LISTENING_VERBS:
                mention = _named_at(hidden, match.end(), everywhere)
                if mention is not None:
                    return self._actor(mention, earlier, create=True), mention.end
        # 2. Before it: the nearest name with a verb of speech.
        best: tuple[int, Mention] | None = None
        for mention in before:
            if mention.kind == "outlet":
                continue
            verb = verb_after(hidden, mention.end)
            if verb is not None and verb.end() <= quote.start:
                if best is None or verb.start("verb") > best[0]:
                    best = (verb.start("verb"), mention)
            said = verb_before(hidden, sentence.start, mention.start)
            if said is None:
                continue
            # `According to Adeyemi, the supports were "…"`: the whole sentence is theirs.
            according = said.group("verb") is None
            if according or (said.group("verb") not in LISTENING_VERBS and re.fullmatch(r"[\s:,]*", hidden[mention.end : quote.start])):
                if best is None or mention.start > best[0]:
                    best = (mention.start, mention)
        if best is not None:
            return self._actor(best[1], before[: before.index(best[1])], create=True), sentence.end
        # 3. Later in the sentence: `…, Peskov said.` or `…, said Peskov.`
        for index, mention in enumerate(sentence.mentions):
            if mention.start < quote.end or mention.kind == "outlet":
                continue
            said = next((v for v in verbs(hidden, quote.end, mention.start) if _NAME_AHEAD.fullmatch(hidden, v.end(), mention.start)), None)
            named = said is not None and said.group() not in LISTENING_VERBS and _named_at(hidden, said.end(), [mention]) is mention
            if verb_after(hidden, mention.end) or named:
                return self._actor(mention, sentence.mentions[:index], create=True), sentence.end
        # 4. The subject of a sentence that reports speech.
        verb = next(verbs(hidden, sentence.start, sentence.end), None)
        if verb is not None:
            subjects = [m for m in sentence.mentions if m.start < verb.start() and m.kind != "outlet"]
            people = [m for m in subjects if (a := self._actor(m, subjects)) is not None and a.kind == "person"]
            if people or subjects:
                chosen = (people or subjects)[0]
                return self._actor(chosen, subjects[: subjects.index(chosen)], create=True), sentence.end
        return None, sentence.end

    def _claim(self, text: str, hidden: str, sentence: _Sentence) -> None:
        """`X said that …` without quotation marks: a claim of X's, never a quote."""
        for index, mention in enumerate(sentence.mentions):
            if mention.kind == "outlet":
                continue
            verb = verb_after(hidden, mention.end)
            if verb is None or verb.start() > sentence.end or not _THAT.match(hidden, verb.end()):
                continue
            actor = self._actor(mention, sentence.mentions[:index])
            if actor is not None:
                words = text[verb.start("said") : sentence.end].strip()
                actor.claims.append(words[:1].upper() + words[1:])
            return


def read_quotes(blocks: Iterable[str], cast: Cast) -> Reading:
    """Read the paragraphs of an article in order, for quotes and claims."""
    reading = Reading(cast)
    for text in blocks:
        reading.paragraph(text)
    return reading

"""Reading an article: plain text, Markdown or a saved web page, as its title, its date
and its blocks of text (headings, paragraphs, list items), in reading order.

Nothing is fetched: a web page is read as saved (see `page.py`). The text is kept as
written, control characters and all; it is data, and the brief written from it
shows it, never obeys it.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, field
from typing import Literal, NamedTuple

from briefing_tui.core.draft.lexicon import MONTHS, WEEKDAYS

MAX_ARTICLE_BYTES = 16 * 1024 * 1024
"""An article larger than this is not an article: refused, not read."""
MAX_ARTICLE_CHARS = 1024 * 1024
"""Text past this is not read: a brief's text fields hold at most this much."""

BlockKind = Literal["heading", "paragraph", "item"]


class ArticleBlock(NamedTuple):
    """One block of the article's text: a heading, a paragraph or an item of a list."""

    kind: BlockKind
    text: str


@dataclass
class Article:
    """What the drafter reads: the title, the date when the article gives one, and
    the text in blocks. `url` is the page's own address when a saved page names it."""

    path: str
    title: str
    blocks: list[ArticleBlock] = field(default_factory=list)
    date: dt.date | None = None
    url: str | None = None

    @property
    def lead(self) -> str:
        """The first paragraph: what the article says first."""
        return next((b.text for b in self.blocks if b.kind == "paragraph"), "")


class ArticleError(Exception):
    """The file cannot be read as an article; the message says why."""


def read_article(path: str) -> Article:
    """Read the article at `path` (plain text, Markdown or a saved HTML page).

    Raises `ArticleError` for a file that is missing, too large, not text or empty.
    """
    try:
        if os.path.isdir(path):
            raise ArticleError(f"{path} is a folder, not an article")
        with open(path, "rb") as handle:
            data = handle.read(MAX_ARTICLE_BYTES + 1)
    except OSError as error:
        raise ArticleError(f"cannot read {path}: {error.strerror or error}") from None
    if len(data) > MAX_ARTICLE_BYTES:
        raise ArticleError(f"{path} is larger than {MAX_ARTICLE_BYTES // (1024 * 1024)} MB: not an article")
    if b"\0" in data:
        raise ArticleError(f"{path} is not a text file")
    text = _decode(data, path)
    form = article_form(path, text)
    if form == "html":
        from briefing_tui.core.draft.page import page_article

        article = page_article(text, path)
    elif form == "markdown":
        article = markdown_article(text, path)
    else:
        article = text_article(text, path)
    if not any(b.kind == "paragraph" for b in article.blocks):
        raise ArticleError(f"no text found in {path}: nothing to draft from")
    if sum(len(b.text) for b in article.blocks) > MAX_ARTICLE_CHARS:
        raise ArticleError(f"{path} holds more than {MAX_ARTICLE_CHARS:,} characters of text: not an article")
    return article


def _decode(data: bytes, path: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    # A saved page may say which encoding it is in.
    declared = re.search(rb"<meta[^>]+charset=[\"']?([A-Za-z0-9_-]+)", data[:4096], re.IGNORECASE)
    if declared:
        try:
            return data.decode(declared.group(1).decode("ascii"))
        except (LookupError, UnicodeDecodeError):
            pass
    raise ArticleError(f"{path} is not UTF-8 text")


def article_form(path: str, text: str) -> Literal["html", "markdown", "text"]:
    """What the file is, by its name and, failing that, by how it starts."""
    suffix = os.path.splitext(path)[1].lower()
    if suffix in (".html", ".htm", ".xhtml"):
        return "html"
    if suffix in (".md", ".markdown"):
        return "markdown"
    head = text.lstrip()[:200].lower()
    if head.startswith(("<!doctype html", "<html")):
        return "html"
    return "text"


# -- plain text -----------------------------------------------------------------------

_BULLET = re.compile(r"^\s*(?:[\u2022\u00b7\u25aa\u2023\u25e6*+\u2013\u2014-]|\d{1,3}[.)])\s+")
_END_PUNCTUATION = tuple('.!?:;,"\u201d\u00bb\u2019')
_QUOTE_MARKS = frozenset('"\u201c\u201d\u00ab\u00bb\u201e')


def _title_cased(line: str) -> bool:
    long_words = [w for w in re.findall(r"[^\W\d_][\w'\u2019-]*", line) if len(w) >= 4]
    capitals = sum(w[0].isupper() for w in long_words)
    return len(long_words) >= 2 and capitals >= 0.7 * len(long_words)


def _heading_like(line: str, alone: bool) -> bool:
    """A line that reads as a heading: short, no sentence end, title-cased (or alone)."""
    words = line.split()
    if not words or len(words) > 20 or line.endswith(_END_PUNCTUATION) or _QUOTE_MARKS & set(line) or re.search(r"[.!?]\s", line):
        return False
    return _title_cased(line) or (alone and len(words) <= 12)


def text_blocks(lines: list[str], *, headings: bool = True) -> list[ArticleBlock]:
    """Blocks of plain text lines: blank lines part paragraphs, bullets make items,
    short title-cased lines are headings (with `headings`), and wrapped lines are joined."""
    blocks: list[ArticleBlock] = []
    group: list[str] = []

    def close_group() -> None:
        real = [line for line in group if line.strip()]
        group.clear()
        paragraph: list[str] = []

        def close_paragraph() -> None:
            if paragraph:
                blocks.append(ArticleBlock("paragraph", " ".join(paragraph)))
                paragraph.clear()

        for number, line in enumerate(real):
            following = real[number + 1].strip() if number + 1 < len(real) else ""
            # A heading over more lines of its block (a subtitle, a paragraph) is
            # followed by a capital: a line wrapped mid-sentence is not.
            stands_alone = not following or following[0].isupper() or bool(_BULLET.match(following))
            bullet = _BULLET.match(line)
            if bullet:
                close_paragraph()
                blocks.append(ArticleBlock("item", line[bullet.end() :].strip()))
            elif blocks and blocks[-1].kind == "item" and line[:1].isspace() and not paragraph:
                blocks[-1] = ArticleBlock("item", f"{blocks[-1].text} {line.strip()}")
            elif headings and not paragraph and stands_alone and _heading_like(line.strip(), alone=len(real) == 1):
                blocks.append(ArticleBlock("heading", line.strip()))
            else:
                paragraph.append(line.strip())
        close_paragraph()

    for line in lines:
        if line.strip():
            group.append(line)
        else:
            close_group()
    close_group()
    return blocks


def _title_of(blocks: list[ArticleBlock], path: str) -> tuple[str, list[ArticleBlock]]:
    """The title (the first heading, when the text starts with one) and the rest."""
    if blocks and blocks[0].kind == "heading":
        return blocks[0].text, blocks[1:]
    return lead_title(blocks, path), blocks


def lead_title(blocks: list[ArticleBlock], path: str, limit: int = 120) -> str:
    """A title for an article that gives none: its first sentence, kept short, or
    else the file's name."""
    lead = next((b.text for b in blocks if b.kind == "paragraph"), "")
    sentence = re.split(r"(?<=[.!?])\s+(?=[A-Z\"\u201c\u00ab\u201e])", lead, maxsplit=1)[0].strip()
    if sentence:
        return sentence if len(sentence) <= limit else sentence[: limit - 1].rsplit(" ", 1)[0] + "\u2026"
    stem = os.path.splitext(os.path.basename(path))[0]
    return re.sub(r"[_-]+", " ", stem).strip() or "Untitled"


def _lines(text: str) -> list[str]:
    return re.split(r"\r\n|[\r\n]", text)


def text_article(text: str, path: str) -> Article:
    """An article from plain text: the first line is its title when it reads as one."""
    title, blocks = _title_of(text_blocks(_lines(text)), path)
    return Article(path, title, blocks, date_in(blocks))


# -- Markdown -------------------------------------------------------------------------

_ATX = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_RULE = re.compile(r"^\s{0,3}([-*_])(?:\s*\1){2,}\s*$")
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\((?:[^()\s]|\([^()\s]*\))+(?:\s+\"[^\"]*\")?\)")
_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1|(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])|(?<![\w_])_(?=\S)([^_\n]+?)(?<=\S)_(?![\w_])")
_CODE = re.compile(r"`([^`\n]+)`")
_TAG = re.compile(r"</?[A-Za-z][^>\n]*>")


def _markdown_inline(text: str) -> str:
    """Markdown's marks taken off: the words as a reader sees them."""
    text = _IMAGE.sub("", text)
    text = _LINK.sub(r"\1", text)
    text = _CODE.sub(r"\1", text)
    text = _TAG.sub("", text)
    for _ in range(3):  # emphasis inside emphasis
        text = _EMPHASIS.sub(lambda m: m.group(2) or m.group(3) or m.group(4) or "", text)
    return text


def _front_matter(lines: list[str]) -> tuple[dict[str, object], list[str]]:
    if not lines or lines[0].strip() != "---":
        return {}, lines
    for end in range(1, min(len(lines), 200)):
        if lines[end].strip() in ("---", "..."):
            import yaml

            try:
                data = yaml.load("\n".join(lines[1:end]), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
            except yaml.YAMLError:
                data = None
            return (data if isinstance(data, dict) else {}), lines[end + 1 :]
    return {}, lines


def markdown_article(text: str, path: str) -> Article:
    """An article from Markdown: front matter (title, date), `#` headings, lists and
    paragraphs, with links, emphasis and code marks taken off."""
    meta, lines = _front_matter(_lines(text))
    blocks: list[ArticleBlock] = []
    plain: list[str] = []
    given = meta.get("title")
    title = given if isinstance(given, str) and given.strip() else None

    def flush() -> None:
        if plain:
            # In Markdown a heading is marked: a short line is a paragraph.
            blocks.extend(text_blocks(plain, headings=False))
            plain.clear()

    fenced = False
    for number, line in enumerate(lines):
        if _FENCE.match(line):
            fenced = not fenced
            flush()
            continue
        if fenced:
            continue
        if _RULE.match(line) and not (number and lines[number - 1].strip()):
            flush()
            continue
        heading = _ATX.match(line)
        following = lines[number + 1] if number + 1 < len(lines) else ""
        if heading:
            flush()
            words = _markdown_inline(heading.group(2))
            if heading.group(1) == "#" and title is None:
                title = words
            elif words and words != title:
                blocks.append(ArticleBlock("heading", words))
        elif line.strip() and _SETEXT.match(following) and not plain and not _BULLET.match(line):
            flush()
            words = _markdown_inline(line.strip())
            if following.strip().startswith("=") and title is None:
                title = words
            else:
                blocks.append(ArticleBlock("heading", words))
        elif _SETEXT.match(line) and number and lines[number - 1].strip() and not _BULLET.match(lines[number - 1]):
            continue  # the underline of a heading just read
        else:
            quoted = re.sub(r"^\s{0,3}>\s?", "", line)
            plain.append(_markdown_inline(quoted))
    flush()
    if title is None:
        title, blocks = _title_of(blocks, path)
    date = _meta_date(meta.get("date")) or date_in(blocks)
    return Article(path, title, blocks, date)


def _meta_date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        return iso_date(value)
    return None


# -- dates ----------------------------------------------------------------------------

_MONTH_NUMBER = {m.lower(): i for i, m in enumerate(MONTHS, 1)} | {m[:3].lower(): i for i, m in enumerate(MONTHS, 1)} | {"sept": 9}
_MONTH = r"(?P<month>" + "|".join(sorted((m for m in _MONTH_NUMBER), key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?P<weekday>" + "|".join(WEEKDAYS) + r"),?\s+)?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?:,?\s+(?P<year>(?:19|20)\d\d))?"
_DATES = (
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b"),
    re.compile(r"\b" + _WEEKDAY + _MONTH + r"\s+" + _DAY + r"\b" + _YEAR, re.IGNORECASE),
    re.compile(r"\b" + _WEEKDAY + r"(?:the\s+)?" + _DAY + r"(?:\s+of)?\s+" + _MONTH + r"\b" + _YEAR, re.IGNORECASE),
)


def iso_date(value: str) -> dt.date | None:
    """The date at the start of an ISO date or time (`2026-01-29T10:00:00Z`), if any."""
    match = re.match(r"\s*((?:19|20)\d\d)-([01]\d)-([0-3]\d)", value)
    if not match:
        return None
    try:
        return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


def date_in(blocks: list[ArticleBlock], today: dt.date | None = None) -> dt.date | None:
    """The date the article's first paragraphs give: a full date, or a day and month
    (with or without the weekday) placed in the latest year that fits, not after today."""
    today = today or dt.date.today()
    text = " ".join(b.text for b in blocks if b.kind == "paragraph")[:3000]
    found: list[tuple[int, dt.date]] = []
    for pattern in _DATES:
        for match in pattern.finditer(text):
            date = _date_of(match, today)
            if date is not None:
                found.append((match.start(), date))
                break
    return min(found)[1] if found else None


def _date_of(match: re.Match[str], today: dt.date) -> dt.date | None:
    groups = match.groupdict()
    month_text = groups["month"].lower().rstrip(".")
    month = int(month_text) if month_text.isdigit() else _MONTH_NUMBER.get(month_text)
    day = int(groups["day"])
    if month is None:
        return None
    if groups.get("year"):
        try:
            return dt.date(int(groups["year"]), month, day)
        except ValueError:
            return None
    weekday = WEEKDAYS.index(groups["weekday"].capitalize()) if groups.get("weekday") else None
    for year in range(today.year, today.year - 12, -1):
        try:
            date = dt.date(year, month, day)
        except ValueError:
            continue
        if date <= today + dt.timedelta(days=1) and (weekday is None or date.weekday() == weekday):
            return date
    return None

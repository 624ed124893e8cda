"""Reading a saved web page: its title, date and address from the page's own markup,
and the article's own text, with navigation and boilerplate left out.

The standard library's `html.parser` is enough here: a saved page is read once, no
script runs, and what is wanted is the text of the article's paragraphs. The article
is what an `<article>` element holds (else `<main>`, else the body); navigation,
headers, footers, asides, forms, scripts and blocks whose class or role says
`share`, `related`, `newsletter` and the like are skipped, and so are blocks that
are mostly links (lists of other stories).
"""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser

from briefing_tui.core.draft.article import Article, ArticleBlock, BlockKind, date_in, iso_date, lead_title

_SKIPPED = frozenset(
    "script style noscript template nav header footer aside form button svg iframe select figure figcaption "
    "menu dialog object canvas audio video head".split()
)
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
_BLOCKS = frozenset("p h1 h2 h3 h4 h5 h6 li blockquote div section article main td th dd dt pre ul ol table tr body".split())
_BOILERPLATE_NAMES = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|navigation|menu|breadcrumbs?|share|sharing|social|related|recommended|more-stories|"
    r"newsletter|subscribe|subscription|promo|advert|advertisement|ads?|ad-slot|sponsored?|cookies?|consent|"
    r"comments?|footer|header|sidebar|masthead|byline|dateline|toolbar|paywall|signup|popup|modal|tags?|author-bio|skip-link)(?:[\s_-]|$)",
    re.IGNORECASE,
)
_SKIPPED_ROLES = frozenset(("navigation", "banner", "contentinfo", "complementary", "search", "menu", "menubar", "dialog"))
_BOILERPLATE_TEXT = re.compile(
    r"^(?:advertisement|share(?: this(?: article| story)?)?|read more|related(?: articles| stories)?|sign up\b.*|"
    r"subscribe\b.*|follow us\b.*|copyright\b.*|\u00a9.*|all rights reserved.*|skip to (?:main )?content)$",
    re.IGNORECASE,
)
_DATE_META = frozenset(
    "article:published_time og:published_time published_time date pubdate publishdate publish-date dc.date "
    "dc.date.issued dcterms.created sailthru.date parsely-pub-date datepublished".split()
)


class _Page(HTMLParser):
    """One pass over the page, collecting blocks of text and the page's facts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[tuple[str, bool]] = []  # (tag, skipped here)
        self.skipping = 0
        self.article = 0
        self.main = 0
        self.kinds: list[BlockKind] = []
        self.text: list[str] = []
        self.link_chars = 0
        self.in_link = 0
        self.blocks: list[tuple[ArticleBlock, int, float]] = []  # (block, 2 article / 1 main / 0 body, link share)
        self.meta: dict[str, str] = {}
        self.title = ""
        self.in_title = False
        self.h1: list[tuple[str, bool]] = []  # (text, in the article)
        self.in_h1: list[str] | None = None
        self.times: list[tuple[str, bool]] = []
        self.json_ld: list[str] = []
        self.in_json_ld = False
        self.canonical: str | None = None

    # -- tags ---------------------------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Note the page's facts, and open a block, a skipped part or a link."""
        values = {name: value or "" for name, value in attrs}
        if tag == "meta":
            key = (values.get("property") or values.get("name") or values.get("itemprop") or "").lower()
            if key and "content" in values:
                self.meta.setdefault(key, values["content"])
            return
        if tag == "link" and "canonical" in values.get("rel", "").lower().split():
            self.canonical = values.get("href")
            return
        if tag == "title":
            self.in_title = True
        if tag == "script" and values.get("type", "").lower() == "application/ld+json":
            self.in_json_ld = True
        if tag == "time" and values.get("datetime"):
            self.times.append((values["datetime"], self.article > 0))
        if tag == "br":
            self.text.append(" ")
        if tag in _VOID:
            return
        if tag in _BLOCKS:
            self._flush()
        # An article's own header is skipped too: its headline and date are read
        # from the markup (h1, time), its byline is not the article's text.
        skipped = tag in _SKIPPED or self._boilerplate(values)
        self.open.append((tag, skipped))
        self.skipping += skipped
        if tag == "article":
            self.article += 1
        elif tag == "main":
            self.main += 1
        elif tag == "h1":
            self.in_h1 = []
        if tag in ("h2", "h3", "h4", "h5", "h6", "h1"):
            self.kinds.append("heading")
        elif tag == "li":
            self.kinds.append("item")
        elif tag in _BLOCKS:
            self.kinds.append("paragraph")
        if tag == "a":
            self.in_link += 1
        if tag == "q":
            self.text.append("\u201c")

    @staticmethod
    def _boilerplate(values: dict[str, str]) -> bool:
        names = f"{values.get('class', '')} {values.get('id', '')}"
        return (
            "hidden" in values
            or values.get("aria-hidden", "").lower() == "true"
            or values.get("role", "").lower() in _SKIPPED_ROLES
            or re.search(r"display\s*:\s*none", values.get("style", ""), re.IGNORECASE) is not None
            or _BOILERPLATE_NAMES.search(names) is not None
        )

    def handle_endtag(self, tag: str) -> None:
        """Close what `tag` opened, and whatever was left open inside it."""
        if tag == "title":
            self.in_title = False
        if tag == "script":
            self.in_json_ld = False
        if tag in _VOID or not any(t == tag for t, _ in self.open):
            return  # an end without its start: ignored, as browsers do
        if tag in _BLOCKS:
            self._flush()
        if tag == "q":
            self.text.append("\u201d")
        while self.open:
            opened, skipped = self.open.pop()
            self.skipping -= skipped
            if opened == "article":
                self.article -= 1
            elif opened == "main":
                self.main -= 1
            elif opened == "a":
                self.in_link -= 1
            elif opened == "h1" and self.in_h1 is not None:
                self.h1.append((" ".join("".join(self.in_h1).split()), self.article > 0))
                self.in_h1 = None
            if opened in _BLOCKS and self.kinds:
                self.kinds.pop()
            if opened == tag:
                break

    def handle_data(self, data: str) -> None:
        """Keep text, unless it is in a part of the page that is skipped."""
        if self.in_title:
            self.title += data
            return
        if self.in_json_ld:
            self.json_ld.append(data)
            return
        if self.in_h1 is not None:
            self.in_h1.append(data)
        if self.skipping:
            return
        self.text.append(data)
        if self.in_link:
            self.link_chars += len(data.strip())

    def _flush(self) -> None:
        text = " ".join("".join(self.text).split())
        links, self.text, self.link_chars = self.link_chars, [], 0
        if not text:
            return
        kind = self.kinds[-1] if self.kinds else "paragraph"
        region = 2 if self.article else 1 if self.main else 0
        self.blocks.append((ArticleBlock(kind, text), region, links / max(len(text), 1)))

    def close(self) -> None:
        """Finish the page: the last block too."""
        super().close()
        self._flush()


def page_article(html: str, path: str) -> Article:
    """The article a saved HTML page holds: title, date, address and its own text."""
    page = _Page()
    page.feed(html)
    page.close()
    region = max((r for _, r, _ in page.blocks), default=0)
    blocks = [b for b, r, links in page.blocks if r == region and links < 0.6 and not _BOILERPLATE_TEXT.match(b.text)]
    title = _title(page)
    if blocks and blocks[0].kind == "heading" and blocks[0].text == title:
        blocks = blocks[1:]
    date = _date(page) or date_in(blocks)
    url = page.meta.get("og:url") or page.canonical
    return Article(path, title or lead_title(blocks, path), blocks, date, url if url and re.match(r"https?://\S+\Z", url) else None)


def _title(page: _Page) -> str:
    for text, in_article in page.h1:
        if in_article and text:
            return text
    for key in ("og:title", "twitter:title", "headline"):
        if page.meta.get(key, "").strip():
            return " ".join(page.meta[key].split())
    if page.h1 and page.h1[0][0]:
        return page.h1[0][0]
    # A window title often ends with the site's name: " | Site", " - Site".
    return re.sub(r"\s+[|\u2013\u2014-]\s+[^|\u2013\u2014-]+$", "", " ".join(page.title.split()))


def _date(page: _Page) -> dt.date | None:
    for key in sorted(_DATE_META & set(page.meta)):
        found = iso_date(page.meta[key])
        if found:
            return found
    published = re.search(r'"datePublished"\s*:\s*"([^"]+)"', "".join(page.json_ld))
    if published and iso_date(published.group(1)):
        return iso_date(published.group(1))
    for value, _ in sorted(page.times, key=lambda t: not t[1]):
        found = iso_date(value)
        if found:
            return found
    return None

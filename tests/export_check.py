"""Checks on exported files, by real parsers: HTML that is well formed, self-contained
and script-free; Markdown that holds no link, image or HTML of the brief's making."""

from __future__ import annotations

from html.parser import HTMLParser

from markdown_it import MarkdownIt

VOID = {"meta", "br", "hr", "img", "link", "input"}


class StrictHTML(HTMLParser):
    """Parses a page and records what a self-contained, script-free page must not have."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.problems: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.doctype = False
        self._in: list[str] = []

    def handle_decl(self, decl: str) -> None:
        self.doctype = self.doctype or decl.lower() == "doctype html"

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag in ("script", "iframe", "object", "embed", "img", "link", "a", "form", "base"):
            self.problems.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on") or name in ("src", "href", "srcset", "action"):
                self.problems.append(f"{tag} {name}={value}")
        if tag not in VOID:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.open or self.open[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.open[-1] if self.open else 'nothing'}")
        else:
            self.open.pop()

    def handle_data(self, data: str) -> None:
        if self.open and self.open[-1] not in ("style", "title"):
            self.text.append(data)


def parse_html(page: str) -> StrictHTML:
    """The page parsed; asserts it is well formed, self-contained and script-free."""
    parser = StrictHTML()
    parser.feed(page)
    parser.close()
    assert parser.doctype, "no <!DOCTYPE html>"
    assert parser.open == [], f"left open: {parser.open}"
    assert parser.problems == [], parser.problems
    assert "@import" not in page and "url(" not in page
    return parser


def markdown_tokens(text: str) -> list[str]:
    """The kinds of every token CommonMark (with pipe tables) reads in `text`, inline ones too."""
    md = MarkdownIt("commonmark").enable("table")
    kinds = []
    for token in md.parse(text):
        kinds.append(token.type)
        kinds += [child.type for child in token.children or ()]
    return kinds


def markdown_html(text: str) -> str:
    """The Markdown rendered by a CommonMark renderer (with pipe tables)."""
    return MarkdownIt("commonmark").enable("table").render(text)

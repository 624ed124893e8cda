"""A page of text with links: the summary, and the full view of any item.

The page is a list of `Block`s, each a run of `Span`s, some of which link to an
item. It is wrapped and drawn line by line; `]` and `[` move a visible selection
from link to link, `enter` (or a click) follows the selected one by posting
`OpenRef`, which the navigator handles.
"""

from __future__ import annotations

import functools
from bisect import bisect_right
from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.reactive import reactive
from textual.strip import Strip

from briefing_tui.tui.layout import line_breaks, overlay, split_lines, to_strip, visible
from briefing_tui.tui.messages import OpenRef
from briefing_tui.tui.widgets.motion import LineView

if TYPE_CHECKING:
    from briefing_tui.core.ref import Ref


class Span(NamedTuple):
    """A run of text with one look (`style`: a name of the page's styles) and maybe a link."""

    text: str
    style: str = ""
    target: Ref | None = None


class Block(NamedTuple):
    """A paragraph: spans wrapped together, after `prefix` (a bullet, drawn in
    `prefix_style`), `indent` cells in; its next lines start under its first word."""

    spans: tuple[Span, ...]
    indent: int = 0
    prefix: str = ""
    style: str = ""
    prefix_style: str = "muted"


class Document:
    """What a page shows: a title for the breadcrumb and the blocks of text; `ref`,
    what it shows in full (None for a page of its own, such as the Summary)."""

    __slots__ = ("title", "blocks", "ref", "anchors")

    def __init__(self, title: str, blocks: list[Block] | None = None, ref: Ref | None = None) -> None:
        self.title = title
        self.blocks: list[Block] = blocks if blocks is not None else []
        self.ref = ref
        self.anchors: dict[int, Ref] = {}
        """What a block without a link of its own stands for (a key point), by its number."""

    def __repr__(self) -> str:
        return f"Document({self.title!r}, {len(self.blocks)} blocks, ref={self.ref!r})"

    def add(self, *spans: Span | str, indent: int = 0, prefix: str = "", style: str = "", prefix_style: str = "muted") -> None:
        """Append a paragraph made of spans (plain strings are unstyled spans)."""
        parts = tuple(Span(s) if isinstance(s, str) else s for s in spans)
        self.blocks.append(Block(parts, indent, prefix, style, prefix_style))

    def heading(self, text: str) -> None:
        """Append a blank line and a section heading."""
        if self.blocks:
            self.blank()
        self.blocks.append(Block((Span(text),), style="heading"))

    def blank(self) -> None:
        """Append an empty line."""
        self.blocks.append(Block(()))

    @property
    def targets(self) -> list[Ref]:
        """Every link target, in order."""
        return [span.target for block in self.blocks for span in block.spans if span.target is not None]

    def shown(self, number: int) -> str:
        """The text link number `number` shows."""
        spans = [span for block in self.blocks for span in block.spans if span.target is not None]
        return spans[number].text if 0 <= number < len(spans) else ""


STYLES = ("heading", "muted", "code", "link", "link-selected", "match", "flag")
"""The looks that follow the theme, each a component class of the page."""
PLAIN_STYLES = {
    "title": Style(bold=True),
    "strong": Style(bold=True),
    "emphasis": Style(italic=True),
    "quote": Style(italic=True),
    # Stale: older than the stale age before the brief's date. Dim reads without colour too.
    "stale": Style(dim=True),
}
"""The looks that are the same in every theme: not component classes, each of
which the stylesheet is applied to whenever a page is styled."""


def _once_laid_out(action: Callable[[Page], None]) -> Callable[[Page], None]:
    """A key's action that needs the page's lines: typed before the page has a size
    (in the burst that opened it), it is kept and done once the page has one."""

    @functools.wraps(action)
    def act(page: Page) -> None:
        if page._pending is not None:
            page._typed_ahead.append(lambda: action(page))
        else:
            action(page)

    return act


class Page(LineView):
    """A scrollable page of wrapped text whose links are followed by keyboard or mouse."""

    BINDINGS = [
        Binding("right_square_bracket", "next_link", "Next link", key_display="]", tooltip="Next link on the page", id="next_link"),
        Binding("left_square_bracket", "previous_link", "Previous link", show=False, tooltip="Previous link on the page", id="previous_link"),
        Binding("enter", "follow", "Follow", tooltip="Follow the selected link", id="follow"),
    ]

    COMPONENT_CLASSES = {f"page--{name}" for name in STYLES}

    DEFAULT_CSS = """
    /* A stable gutter: a long page is wrapped once, not again when its scrollbar shows. */
    Page { background: $surface; color: $reader-text; padding: 0 1; scrollbar-gutter: stable; }
    Page > .page--heading { color: $reader-heading; text-style: bold; }
    Page > .page--muted { color: $reader-muted; }
    Page > .page--code { color: $reader-code; }
    Page > .page--link { color: $reader-link; text-style: underline; }
    Page > .page--link-selected { background: $block-cursor-background; color: $reader-cursor-text; text-style: bold underline; }
    Page > .page--match { background: $warning-muted; color: $reader-match-text; text-style: bold underline; }
    Page > .page--flag { color: $reader-heading; text-style: bold reverse; }
    /* Without colour (NO_COLOR) or in the terminal's own colours, the selected link
       and the matches are told apart by reverse, bold and underline alone. */
    Page:nocolor > .page--link-selected { text-style: bold underline reverse; }
    Page:ansi > .page--match { background: transparent; text-style: bold underline reverse; }
    """

    link: reactive[int] = reactive(-1, always_update=True)

    def __init__(self, document: Document | None = None, *, id: str | None = None, classes: str = "") -> None:
        super().__init__(id=id, classes=classes)
        self.document = document or Document("")
        # Set by _relayout: the first line of each block, where its lines break, and
        # the number of its first link; then each line, once drawn.
        self._starts: list[int] = []
        self._breaks: list[list[tuple[int, int]]] = []
        self._first_links: list[int] = []
        self._strips: list[Strip | None] = []
        self._link_lines: list[int] = []
        self._layout_width = -1
        self._pending: tuple[int, int] | None = None
        # Keys typed before the page has a size (typed ahead of the key that showed
        # it, in one burst): done, in order, once it has one.
        self._typed_ahead: list[Callable[[], None]] = []
        self.highlight: str | None = None

    def show(self, document: Document, *, scroll_y: int = 0, link: int = -1, highlight: str | None = None) -> None:
        """Show a new document, at a scroll position and with a link selected.

        `highlight` marks every appearance of a text (a search match); with a
        `scroll_y` of -1 the page scrolls to the first one.
        """
        self.document = document
        self.highlight = highlight.lower() if highlight else None
        self._layout_width = -1
        # The lines of the page before are not this one's: none is read (by `text`,
        # by a link's line) until the page is laid out again, which a hidden page is not.
        self._starts, self._breaks, self._first_links, self._strips, self._link_lines = [], [], [], [], []
        self.restore(scroll_y, link)

    def restore(self, scroll_y: int = 0, link: int = -1) -> None:
        """Scroll to `scroll_y` and select link number `link`, once the page has a size."""
        self._pending = (scroll_y, link)
        self._typed_ahead = []
        self._apply_pending()

    def _apply_pending(self) -> None:
        # Until the page is laid out there is nothing to scroll: keep the wish.
        if self._pending is None or self.scrollable_content_region.width <= 0:
            return
        scroll_y, link = self._pending
        self._pending = None
        self._relayout()
        if scroll_y < 0:
            # The match in view, and the top of the page (the item itself: a quote's
            # words) with it when both fit on the screen.
            line, height = self.first_match_line(), self.scrollable_content_region.height
            scroll_y = 0 if line < height - 2 else line - height // 3
        self.link = link if 0 <= link < len(self._link_lines) else -1
        self.scroll_to(0, scroll_y, animate=False, force=True, immediate=True)
        typed, self._typed_ahead = self._typed_ahead, []
        for action in typed:
            action()
        self.refresh()

    def _style(self, name: str) -> Style:
        if not name:
            return Style()
        return PLAIN_STYLES.get(name) or self.get_component_rich_style(f"page--{name}")

    def _relayout(self) -> None:
        # Where every line breaks is found for the whole page, from its plain text;
        # the lines themselves are drawn a paragraph at a time, when first shown.
        # Opening a long page costs the lines on screen, not all of them.
        if self.scrollable_content_region.width <= 0:
            return  # not laid out yet: wrap once there is a width
        width = self.scrollable_content_region.width
        if width == self._layout_width:
            return
        self._layout_width = width
        starts: list[int] = []
        breaks: list[list[tuple[int, int]]] = []
        first_links: list[int] = []
        link_lines: list[int] = []
        total = 0
        for block in self.document.blocks:
            shown = [visible(span.text) for span in block.spans]
            plain = "".join(shown)
            lines = line_breaks(plain, width - block.indent - len(block.prefix)) if plain else [(0, 0)]
            first_links.append(len(link_lines))
            offset = 0
            for span, text in zip(block.spans, shown, strict=True):
                if span.target is not None:
                    # A link is found on the line where its first character is drawn.
                    line = bisect_right(lines, (offset, len(plain) + 1)) - 1 if text else -1
                    link_lines.append(total + line if line >= 0 else -1)
                offset += len(text)
            starts.append(total)
            breaks.append(lines)
            total += len(lines)
        self._starts = starts
        self._breaks = breaks
        self._first_links = first_links
        self._strips = [None] * total
        self._link_lines = link_lines
        self.virtual_size = Size(width, total)

    def _strip(self, y: int) -> Strip:
        """Line `y` of the page, drawn with the rest of its paragraph the first time."""
        strip = self._strips[y]
        if strip is not None:
            return strip
        number = bisect_right(self._starts, y) - 1
        block = self.document.blocks[number]
        first_link = self._first_links[number]
        text = Text(style=self._style(block.style))
        for span in block.spans:
            style = self._style(span.style)
            if span.target is not None:
                style = style + self._style("link") + Style.from_meta({"link": first_link})
                first_link += 1
            text.append(visible(span.text), style)
        breaks = self._breaks[number]
        lines = split_lines(text, breaks) if text.plain else [Text()]
        console = self.app.console
        base = self.rich_style
        start = self._starts[number]
        for offset, line in enumerate(lines):
            if block.prefix:
                lead = block.prefix if offset == 0 else " " * len(block.prefix)
                line = Text(lead, self._style(block.prefix_style)) + line
            self._strips[start + offset] = to_strip(console, line, self._layout_width, block.indent, base)
        return self._strips[y] or Strip.blank(self._layout_width, base)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        # A new theme (or any change of style): the lines are drawn again in it.
        self._strips = [None] * len(self._strips)

    def on_resize(self, event: events.Resize) -> None:
        self._relayout()
        self._apply_pending()

    def render_line(self, y: int) -> Strip:
        self._relayout()
        line_y = self.scroll_offset.y + y
        if line_y >= len(self._strips):
            return Strip.blank(max(1, self._layout_width), self.rich_style)
        strip = self._strip(line_y)
        if self.link >= 0 and self._link_lines and self.link < len(self._link_lines):
            strip = self._highlight(strip, self.link)
        if self.highlight:
            strip = self._mark(strip, self.highlight)
        return strip

    def first_match_line(self) -> int:
        """The first line showing the highlighted text (0 when none does)."""
        if self.highlight:
            for block, start, lines in zip(self.document.blocks, self._starts, self._breaks, strict=True):
                plain = "".join(visible(span.text) for span in block.spans)
                for y, (begin, end) in enumerate(lines, start):
                    if self.highlight in plain[begin:end].lower():
                        return y
        return 0

    def _mark(self, strip: Strip, needle: str) -> Strip:
        plain = strip.text.lower()
        start = plain.find(needle)
        if start < 0 or len(plain) != strip.cell_length:  # wide text: leave unmarked
            return strip
        cuts: list[int] = []
        while start >= 0:
            cuts += [start, start + len(needle)]
            start = plain.find(needle, start + len(needle))
        parts = strip.divide([*cuts, strip.cell_length])
        style = self._style("match")
        # divide() gives the part before the first cut, then alternately match, gap.
        marked = [overlay(part, style) if i % 2 else part for i, part in enumerate(parts)]
        return Strip.join(marked)

    def _highlight(self, strip: Strip, link: int) -> Strip:
        selected = self._style("link-selected")
        changed = False
        segments = []
        for segment in strip:
            meta = segment.style.meta if segment.style else None
            if segment.style is not None and meta and meta.get("link") == link:
                segments.append(Segment(segment.text, segment.style + selected))
                changed = True
            else:
                segments.append(segment)
        return Strip(segments, strip.cell_length) if changed else strip

    # -- links ---------------------------------------------------------------------

    @property
    def selected_target(self) -> Ref | None:
        """Where the selected link goes."""
        if 0 <= self.link < len(self._link_lines):
            targets = self.document.targets
            return targets[self.link] if self.link < len(targets) else None
        return None

    def watch_link(self, link: int) -> None:
        if 0 <= link < len(self._link_lines):
            y = self._link_lines[link]
            if y >= 0:
                self.scroll_to_region(Region(0, y, 1, 1), animate=False, force=True, immediate=True)
        self.refresh()
        if self.is_mounted:
            self.refresh_bindings()  # `enter` is offered only with a link selected

    def _on_screen(self, line: int) -> bool:
        top = self.scroll_offset.y
        return top <= line < top + self.scrollable_content_region.height

    def _link_from_screen(self, direction: int) -> int:
        """The link `]` (direction 1) or `[` (-1) selects when none on screen is: the
        first one from the top of the screen down (the last from its bottom up), else
        the next one past the screen, wrapping round the page."""
        top = self.scroll_offset.y
        bottom = top + self.scrollable_content_region.height
        count = len(self._link_lines)
        if direction > 0:
            after = [i for i in range(count) if self._link_lines[i] >= top]
            return after[0] if after else 0
        before = [i for i in range(count) if 0 <= self._link_lines[i] < bottom]
        return before[-1] if before else count - 1

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        # A link scrolled out of view is no longer the one `enter` follows: what is
        # followed is always on screen.
        if 0 <= self.link < len(self._link_lines) and not self._on_screen(self._link_lines[self.link]):
            self.link = -1

    def _step_link(self, direction: int) -> None:
        if not self._link_lines:
            return
        if 0 <= self.link < len(self._link_lines):
            self.link = (self.link + direction) % len(self._link_lines)
        else:
            self.link = self._link_from_screen(direction)

    @_once_laid_out
    def action_next_link(self) -> None:
        """Select the next link: after the selected one, or the first on screen."""
        self._step_link(1)

    @_once_laid_out
    def action_previous_link(self) -> None:
        """Select the previous link: before the selected one, or the last on screen."""
        self._step_link(-1)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """`enter` follows a link only when one on screen is selected (and the key bar
        offers it only then)."""
        if action == "follow":
            # Before the page has its size, `enter` waits with the keys typed before it.
            return self._pending is not None or self.selected_target is not None
        return True

    @_once_laid_out
    def action_follow(self) -> None:
        """Follow the selected link."""
        target = self.selected_target
        if target is not None:
            self.post_message(OpenRef(target, self.document.shown(self.link)))

    def on_click(self, event: events.Click) -> None:
        link = event.style.meta.get("link")
        if isinstance(link, int) and 0 <= link < len(self._link_lines):
            self.link = link
            self.action_follow()

    @_once_laid_out
    def action_move_down(self) -> None:
        self.scroll_down(animate=False)

    @_once_laid_out
    def action_move_up(self) -> None:
        self.scroll_up(animate=False)

    @_once_laid_out
    def action_move_top(self) -> None:
        # `g` and `G` jump, as in less: no glide through the page on the way.
        self.scroll_home(animate=False)

    @_once_laid_out
    def action_move_bottom(self) -> None:
        self.scroll_end(animate=False)

    @_once_laid_out
    def action_move_page_down(self) -> None:
        self.scroll_page_down(animate=False)

    @_once_laid_out
    def action_move_page_up(self) -> None:
        self.scroll_page_up(animate=False)

    @property
    def text(self) -> str:
        """The page as plain text, wrapped as shown (for tests)."""
        self._relayout()
        return "\n".join(self._strip(y).text.rstrip() for y in range(len(self._strips)))

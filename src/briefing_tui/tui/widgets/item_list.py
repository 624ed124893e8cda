"""A virtual list of items: actors, quotes, issues.

Rows are drawn line by line as they scroll into view (no widget per row), and
wrapped, never cut: each row's height is measured with `line_breaks`, fast enough
for tens of thousands of rows, and kept: a list narrowed to some of its rows (the
library's filter, at each keystroke) measures none of them again.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from itertools import accumulate
from typing import cast

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip

from briefing_tui.tui.layout import line_breaks, overlay, to_strip, visible, wrap
from briefing_tui.tui.widgets.motion import LineView

TITLE_INDENT = 1
BODY_INDENT = 3
MOST_KEPT = 200_000
"""At most this many rows' heights are kept (lists that share some rows with the
one before, set again and again, would add to them without end)."""


@dataclass(slots=True, eq=False)
class Row:
    """One row: a bold title, a dim note after it, and wrapped body text below.
    Immutable by contract (a frozen dataclass took four times as long to make, and a
    list may hold tens of thousands). A row is itself, not its value: the list keeps
    the height it measured by the row (two rows of one text are two rows).

    A row without a `key` is a group heading: shown, never selected. The key is what
    the row stands for: a reference to an item, a file of the library, a search hit.
    """

    key: Hashable | None
    title: str
    note: str = ""
    body: str = ""
    marks: tuple[tuple[int, int], ...] = ()
    """Spans of `body` to highlight (search matches)."""

    @property
    def heading(self) -> bool:
        return self.key is None


class ItemList(LineView):
    """A keyboard-driven list of rows; `enter` or a click opens the row under the cursor."""

    BINDINGS = [
        Binding("enter", "choose", "Open", tooltip="Open the row under the cursor", id="open"),
    ]

    COMPONENT_CLASSES = {
        "item-list--cursor", "item-list--heading", "item-list--note", "item-list--body",
        "item-list--title", "item-list--match", "item-list--flag",
    }  # fmt: skip

    DEFAULT_CSS = """
    ItemList { background: $surface; color: $reader-text; }
    ItemList > .item-list--cursor { background: $block-cursor-blurred-background; }
    ItemList:focus > .item-list--cursor { background: $block-cursor-background; color: $reader-cursor-text; }
    ItemList > .item-list--heading { color: $reader-heading; text-style: bold; }
    ItemList > .item-list--title { text-style: bold; }
    ItemList > .item-list--note { color: $reader-muted; }
    ItemList > .item-list--body { color: $reader-body; }
    ItemList > .item-list--match { background: $warning-muted; color: $reader-match-text; text-style: bold underline; }
    /* A row's letters (M: marked) are read without colour too: a letter, in reverse. */
    ItemList > .item-list--flag { color: $reader-heading; text-style: bold reverse; }
    /* Without colour (NO_COLOR) or in the terminal's own colours, the cursor and the
       matches are told apart by reverse, bold and underline alone. */
    ItemList:nocolor:focus > .item-list--cursor { text-style: reverse; }
    ItemList:nocolor > .item-list--cursor { text-style: underline; }
    ItemList:ansi > .item-list--match { background: transparent; text-style: bold underline reverse; }
    """

    cursor: reactive[int] = reactive(-1, always_update=True)

    class Highlighted(Message):
        """The cursor moved to the row with this key."""

        def __init__(self, item_list: ItemList, key: Hashable | None) -> None:
            super().__init__()
            self.item_list = item_list
            self.key = key

        @property
        def control(self) -> ItemList:
            return self.item_list

    class Chosen(Message):
        """The user opened the row with this key."""

        def __init__(self, item_list: ItemList, key: Hashable) -> None:
            super().__init__()
            self.item_list = item_list
            self.key = key

        @property
        def control(self) -> ItemList:
            return self.item_list

    def __init__(self, rows: list[Row] | None = None, *, id: str | None = None, empty: str = "Nothing here.") -> None:
        super().__init__(id=id)
        self.rows: list[Row] = rows or []
        self._places: dict[Hashable, int] | None = None
        """Each key's row, made when first asked (`select`), not for every list set."""
        self._starts: list[int] = [0]
        self._layout_width = -1
        self._heights: dict[int, dict[Row, int]] = {}
        """The rows measured, by width and row: the same rows shown again (a filter
        narrowed, then widened) are not measured again. Two widths are kept, with and
        without the scroll bar: a list narrowed to the rows that fit loses its bar."""
        self._cache: dict[int, list[Strip]] = {}
        self._pending_scroll: int | None = None
        self.empty = empty
        self.flags: dict[Hashable, str] = {}
        """Letters shown before a row's title, by key (`M`: marked)."""
        self.flag_of: Callable[[Row], str] | None = None
        """Letters for rows whose keys say nothing of the item (search hits, by number)."""

    # -- content -------------------------------------------------------------------

    def set_rows(self, rows: list[Row], keep: Hashable | None = None) -> None:
        """Replace the rows, keeping the cursor on `keep` (or the same key) if still there."""
        previous = keep if keep is not None else self.current_key
        self.rows = rows
        self._places = None
        self._layout_width = -1
        self._cache.clear()
        self._relayout()
        # The row kept is most often the first (the newest brief): looked for from the
        # top rather than through every key.
        target = next((i for i, row in enumerate(rows) if row.key == previous), None) if previous is not None else None
        self.cursor = target if target is not None else self._first_selectable()
        self.refresh()

    def set_flags(self, flags: dict[Hashable, str]) -> None:
        """Show these letters before the titles of the rows with these keys (and none
        before the others)."""
        if flags != self.flags:
            self.flags = flags
            self.redraw_flags()

    def redraw_flags(self) -> None:
        """Draw the rows again with their letters as they are now (`flag_of` may say
        otherwise than it did)."""
        self._heights.clear()  # a letter before a title may wrap it
        self._layout_width = -1
        self._cache.clear()
        self._relayout()
        self.refresh()

    def _flag(self, row: Row) -> str:
        flag = self.flags.get(row.key) if self.flags and row.key is not None else None
        if flag is None and self.flag_of is not None and not row.heading:
            flag = self.flag_of(row)
        return f"{flag} " if flag else ""

    @property
    def current_key(self) -> Hashable | None:
        """The key of the row under the cursor."""
        if 0 <= self.cursor < len(self.rows):
            return self.rows[self.cursor].key
        return None

    def select(self, key: Hashable) -> bool:
        """Put the cursor on the row with `key`; False when there is none."""
        if self._places is None:
            self._places = {row.key: i for i, row in enumerate(self.rows) if row.key is not None}
        index = self._places.get(key)
        if index is None:
            return False
        self.cursor = index
        return True

    # -- layout --------------------------------------------------------------------

    def _width(self) -> int:
        width = self.scrollable_content_region.width
        styles = self.styles
        if (
            not self.show_vertical_scrollbar
            and styles.overflow_y == "auto"
            and styles.scrollbar_gutter != "stable"
            and len(self.rows) > self.container_size.height
        ):
            # More rows than lines: the scroll bar is certain to show, and the rows
            # are measured once, at the width it leaves, not first at the whole width.
            width -= styles.scrollbar_size_vertical
        return max(1, width)

    def _row_height(self, row: Row, width: int) -> int:
        if row.heading:
            return len(line_breaks(visible(row.title), width - TITLE_INDENT))
        height = _lines(self._flag(row) + row.title + ("  " + row.note if row.note else ""), width - TITLE_INDENT)
        if row.body:
            height += _lines(row.body, width - BODY_INDENT)
        return height

    def notify_style_update(self) -> None:
        super().notify_style_update()
        # A new theme (or any change of style): the rows are drawn again in it.
        self._cache.clear()

    def _relayout(self) -> None:
        if self.scrollable_content_region.width <= 0:
            return  # not laid out yet (a hidden pane): measure once it has a width
        width = self._width()
        if width == self._layout_width:
            return
        self._layout_width = width
        self._cache.clear()
        self._starts = [0, *accumulate(self._measured(width))]
        total = self._starts[-1]
        self.virtual_size = Size(width, max(total, 1 if not self.rows else total))
        # Rows wrapped anew move the cursor's row; the new height counts for scrolling
        # only after the next refresh, so the cursor is brought into view then.
        self.call_after_refresh(self._scroll_cursor_into_view)

    def _measured(self, width: int) -> list[int]:
        """The height of each row at `width`: kept from before, or measured now."""
        kept = self._heights.pop(width, None)
        if kept is None:
            kept = {}
            while len(self._heights) >= 2:  # the oldest width first
                del self._heights[next(iter(self._heights))]
        self._heights[width] = kept  # the newest last
        found = list(map(kept.get, self.rows))
        if None not in found:
            return cast("list[int]", found)
        unmeasured = [i for i, height in enumerate(found) if height is None]
        anew = len(unmeasured) == len(found) and not any(self.rows[0] in other for other in self._heights.values())
        if anew or sum(map(len, self._heights.values())) > MOST_KEPT:
            # A list made anew (none of its rows shown before, at any width): the
            # heights of the rows before it are of no more use.
            kept.clear()
            self._heights = {width: kept}
        for i in unmeasured:
            row = self.rows[i]
            found[i] = kept[row] = self._row_height(row, width)
        return cast("list[int]", found)

    def on_resize(self, event: events.Resize) -> None:
        self._relayout()
        if self._pending_scroll is not None:
            self.restore_scroll(self._pending_scroll)
        self._scroll_cursor_into_view()

    def restore_scroll(self, scroll_y: int) -> None:
        """Scroll back to where the list was left, once it has a size."""
        if self.scrollable_content_region.width <= 0:
            self._pending_scroll = scroll_y
            return
        self._pending_scroll = None
        self._relayout()
        self.scroll_to(0, scroll_y, animate=False, force=True, immediate=True)
        self._scroll_cursor_into_view()

    def _row_at(self, y: int) -> int:
        return bisect_right(self._starts, y) - 1

    def _render_row(self, index: int) -> list[Strip]:
        cached = self._cache.get(index)
        if cached is not None:
            return cached
        row = self.rows[index]
        width = self._layout_width
        console = self.app.console
        base = self.rich_style
        if row.heading:
            style = self.get_component_rich_style("item-list--heading")
            lines = [to_strip(console, line, width, TITLE_INDENT, base) for line in wrap(Text(visible(row.title), style), width - TITLE_INDENT)]
        else:
            title = Text(visible(row.title), self.get_component_rich_style("item-list--title"))
            if flag := self._flag(row):
                title = Text.assemble((flag[:-1], self.get_component_rich_style("item-list--flag")), " ", title)
            if row.note:
                title.append("  " + visible(row.note), self.get_component_rich_style("item-list--note"))
            lines = [to_strip(console, line, width, TITLE_INDENT, base) for line in wrap(title, width - TITLE_INDENT)]
            if row.body:
                body = Text(visible(row.body), self.get_component_rich_style("item-list--body"))
                for start, end in row.marks:
                    body.stylize(self.get_component_rich_style("item-list--match"), start, end)
                lines += [to_strip(console, line, width, BODY_INDENT, base) for line in wrap(body, width - BODY_INDENT)]
        meta = Style.from_meta({"row": index})
        lines = [line.apply_style(meta) for line in lines]
        if len(self._cache) > 2000:
            self._cache.clear()
        self._cache[index] = lines
        return lines

    def render_line(self, y: int) -> Strip:
        self._relayout()
        width = max(1, self._layout_width)
        scroll_y = self.scroll_offset.y
        line_y = scroll_y + y
        if not self.rows:
            if y == 0:
                return to_strip(
                    self.app.console,
                    Text(self.empty, self.get_component_rich_style("item-list--note")),
                    self.size.width,
                    TITLE_INDENT,
                    self.rich_style,
                )
            return Strip.blank(self.size.width, self.rich_style)
        if line_y >= self._starts[-1]:
            return Strip.blank(width, self.rich_style)
        index = self._row_at(line_y)
        strips = self._render_row(index)
        strip = strips[min(line_y - self._starts[index], len(strips) - 1)]
        if index == self.cursor:
            strip = overlay(strip, self.get_component_rich_style("item-list--cursor"))
        return strip

    # -- cursor --------------------------------------------------------------------

    def _first_selectable(self) -> int:
        return next((i for i, row in enumerate(self.rows) if not row.heading), -1)

    def _step(self, start: int, direction: int) -> int:
        index = start + direction
        while 0 <= index < len(self.rows):
            if not self.rows[index].heading:
                return index
            index += direction
        return start

    def watch_cursor(self, old: int, new: int) -> None:
        self._scroll_cursor_into_view()
        self.refresh()
        if old != new or new >= 0:
            self.post_message(self.Highlighted(self, self.current_key))

    def _scroll_cursor_into_view(self) -> None:
        if not (0 <= self.cursor < len(self.rows)) or len(self._starts) <= self.cursor + 1:
            return
        top = self._starts[self.cursor]
        height = self._starts[self.cursor + 1] - top
        # Bring a heading just above the row into view too, when moving up to it.
        if self.cursor > 0 and self.rows[self.cursor - 1].heading and top - self._starts[self.cursor - 1] <= 2:
            top = self._starts[self.cursor - 1]
            height = self._starts[self.cursor + 1] - top
        self.scroll_to_region(Region(0, top, 1, min(height, max(1, self.scrollable_content_region.height))), animate=False, force=True)

    def action_move_down(self) -> None:
        self.cursor = self._step(self.cursor, 1)

    def action_move_up(self) -> None:
        self.cursor = self._step(self.cursor, -1)

    def action_move_top(self) -> None:
        self.cursor = self._first_selectable()
        self.scroll_home(animate=False)

    def action_move_bottom(self) -> None:
        last = len(self.rows) - 1
        self.cursor = last if last >= 0 and not self.rows[last].heading else self._step(last, -1)

    def _move_by_lines(self, lines: int) -> None:
        if not self.rows or self.cursor < 0:
            return
        self._relayout()
        if len(self._starts) != len(self.rows) + 1:
            # Keys typed before the list was first laid out (`2` and PageDown in one
            # burst): no row has a height yet, so a page is one row.
            self.cursor = self._step(self.cursor, 1 if lines > 0 else -1)
            return
        target_y = min(max(self._starts[self.cursor] + lines, 0), self._starts[-1] - 1)
        index = self._row_at(target_y)
        if self.rows[index].heading:
            index = self._step(index, 1 if lines > 0 else -1)
        if index == self.cursor:
            index = self._step(index, 1 if lines > 0 else -1)
        self.cursor = index

    def action_move_page_down(self) -> None:
        self._move_by_lines(max(1, self.scrollable_content_region.height - 1))

    def action_move_page_up(self) -> None:
        self._move_by_lines(-max(1, self.scrollable_content_region.height - 1))

    def action_choose(self) -> None:
        key = self.current_key
        if key is not None:
            self.post_message(self.Chosen(self, key))

    def on_click(self, event: events.Click) -> None:
        row = event.style.meta.get("row")
        if isinstance(row, int) and 0 <= row < len(self.rows) and not self.rows[row].heading:
            self.cursor = row
            self.action_choose()


def _lines(text: str, width: int) -> int:
    """How many lines `text` takes wrapped to `width` cells. Printable ASCII that fits
    takes one, told without wrapping it: most rows of a long list are such."""
    if len(text) <= width and text.isascii() and text.isprintable():
        return 1
    return len(line_breaks(visible(text), width))

"""The Positions pane: actors down, open issues across, each cell the start of a stance.

Drawn line by line, only the cells on screen: a brief with thousands of actors and
hundreds of issues has millions of cells, and a table widget that builds each one
took seconds to open.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip

from briefing_tui.core.links import LinkIndex
from briefing_tui.core.ref import Ref
from briefing_tui.core.text import short
from briefing_tui.tui.layout import visible
from briefing_tui.tui.messages import OpenRef
from briefing_tui.tui.widgets.motion import LineView

NAME_WIDTH = 18
CELL_WIDTH = 20


@dataclass(frozen=True, slots=True)
class _Grid:
    actors: list[tuple[str, str]]  # (id, name)
    issues: list[tuple[str, str]]  # (id, title)
    stances: dict[tuple[str, str], str]  # (issue id, actor id) -> stance
    involved: set[tuple[str, str]]


class PositionMatrix(LineView):
    """Who stands where. `enter` on a cell opens the position (or the actor, or the issue)."""

    BINDINGS = [
        Binding("right,l", "move(0, 1)", "Right", show=False, tooltip="To the next issue", id="matrix.right"),
        Binding("left,h", "move(0, -1)", "Left", show=False, tooltip="To the issue before (to the names)", id="matrix.left"),
        Binding("enter", "choose", "Open", tooltip="Open the position under the cursor", id="matrix.open"),
    ]

    COMPONENT_CLASSES = {"matrix--header", "matrix--name", "matrix--cursor", "matrix--empty", "matrix--row-cursor"}

    DEFAULT_CSS = """
    PositionMatrix { background: $surface; color: $reader-text; height: 1fr; }
    PositionMatrix > .matrix--header { text-style: bold; color: $reader-heading; }
    PositionMatrix > .matrix--name { text-style: bold; }
    PositionMatrix > .matrix--empty { color: $reader-muted; }
    PositionMatrix > .matrix--row-cursor { background: $boost; }
    PositionMatrix:focus > .matrix--cursor { background: $block-cursor-background; color: $reader-cursor-text; text-style: bold; }
    PositionMatrix > .matrix--cursor { background: $block-cursor-blurred-background; }
    """

    row: reactive[int] = reactive(0, always_update=True)
    column: reactive[int] = reactive(0, always_update=True)

    class Highlighted(Message):
        """The cursor moved."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._grid = _Grid([], [], {}, set())
        self._top = 0
        self._left = 0
        self._cells: dict[tuple[int, int], str] = {}

    def fill(self, index: LinkIndex) -> None:
        """Lay out the matrix: actors holding a position, issues not yet resolved."""
        issues = [i for i in index.brief.issues if i.status != "resolved"]
        stances = {(i.id, p.by): p.stance for i in issues for p in i.positions}
        involved = {(i.id, a) for i in issues for a in i.actors}
        holders = {actor_id for _, actor_id in stances}
        actors = [(a.id, a.name) for a in index.brief.actors if a.id in holders]
        self._grid = _Grid(actors, [(i.id, i.title) for i in issues], stances, involved)
        self._index = index
        self._cells.clear()
        self.row = min(self.row, max(0, len(actors) - 1))
        self.column = min(self.column, len(issues))
        self.refresh()

    # -- geometry --------------------------------------------------------------------

    def _visible_columns(self) -> int:
        return max(1, (self.size.width - NAME_WIDTH) // CELL_WIDTH)

    def _visible_rows(self) -> int:
        return max(1, self.size.height - 1)

    def _scroll_to_cursor(self) -> None:
        rows, columns = self._visible_rows(), self._visible_columns()
        self._top = min(max(self._top, self.row - rows + 1), self.row)
        if self.column > 0:
            self._left = min(max(self._left, self.column - columns), self.column - 1)
        self.refresh()

    def watch_row(self) -> None:
        self._scroll_to_cursor()
        self.post_message(self.Highlighted())

    def watch_column(self) -> None:
        self._scroll_to_cursor()
        self.post_message(self.Highlighted())

    def on_resize(self, event: events.Resize) -> None:
        self._scroll_to_cursor()

    # -- drawing -------------------------------------------------------------------------

    def _cell_text(self, row: int, column: int) -> str:
        key = (row, column)
        text = self._cells.get(key)
        if text is None:
            actor_id, _ = self._grid.actors[row]
            issue_id, _ = self._grid.issues[column - 1]
            stance = self._grid.stances.get((issue_id, actor_id))
            if stance is not None:
                text = short(self._index.plain(stance), CELL_WIDTH - 2)
            else:
                text = "involved" if (issue_id, actor_id) in self._grid.involved else "\u00b7"
            if len(self._cells) > 20000:
                self._cells.clear()
            self._cells[key] = text
        return text

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = self.rich_style
        grid = self._grid
        if not grid.actors:
            text = " No actor in this brief states a position on an open issue." if y == 0 else ""
            return Strip([Segment(text.ljust(width)[:width], base + self.get_component_rich_style("matrix--empty"))])
        columns = range(self._left + 1, min(len(grid.issues), self._left + self._visible_columns()) + 1)
        if y == 0:
            header = base + self.get_component_rich_style("matrix--header")
            segments = [Segment(" Actor".ljust(NAME_WIDTH), header)]
            for column in columns:
                segments.append(Segment(_fit(short(grid.issues[column - 1][1], CELL_WIDTH - 2), CELL_WIDTH), header))
            return _finish(segments, width, base)
        row = self._top + y - 1
        if row >= len(grid.actors):
            return Strip.blank(width, base)
        on_row = row == self.row
        row_style = base + self.get_component_rich_style("matrix--row-cursor") if on_row else base
        name_style = row_style + self.get_component_rich_style("matrix--name")
        cursor = row_style + self.get_component_rich_style("matrix--cursor")
        first = cursor if on_row and self.column == 0 else name_style
        segments = [Segment(_fit(" " + grid.actors[row][1], NAME_WIDTH), first + Style.from_meta({"cell": (row, 0)}))]
        empty = row_style + self.get_component_rich_style("matrix--empty")
        for column in columns:
            text = self._cell_text(row, column)
            style = cursor if on_row and column == self.column else (empty if text in ("\u00b7", "involved") else row_style)
            segments.append(Segment(_fit(text, CELL_WIDTH), style + Style.from_meta({"cell": (row, column)})))
        return _finish(segments, width, base)

    # -- cursor --------------------------------------------------------------------------

    @property
    def current_target(self) -> Ref | None:
        """What `enter` opens: a position, an issue, or the actor of the row."""
        grid = self._grid
        if not grid.actors:
            return None
        actor_id, _ = grid.actors[self.row]
        if self.column == 0:
            return Ref("actor", actor_id)
        issue_id, _ = grid.issues[self.column - 1]
        if (issue_id, actor_id) in grid.stances:
            return Ref.position(issue_id, actor_id)
        return Ref("issue", issue_id)

    def select_target(self, target: Ref) -> None:
        """Put the cursor on the cell that opens `target` (a position or an actor)."""
        rows = {actor_id: i for i, (actor_id, _) in enumerate(self._grid.actors)}
        columns = {issue_id: i + 1 for i, (issue_id, _) in enumerate(self._grid.issues)}
        if target.kind == "position":
            if target.part in rows and target.id in columns:
                self.row, self.column = rows[target.part], columns[target.id]
        elif target.kind == "actor" and target.id in rows:
            self.row, self.column = rows[target.id], 0

    def action_move(self, rows: int, columns: int) -> None:
        self.row = min(max(self.row + rows, 0), max(0, len(self._grid.actors) - 1))
        self.column = min(max(self.column + columns, 0), len(self._grid.issues))

    def action_move_down(self) -> None:
        self.action_move(1, 0)

    def action_move_up(self) -> None:
        self.action_move(-1, 0)

    def action_move_page_down(self) -> None:
        self.action_move(max(1, self._visible_rows() - 1), 0)

    def action_move_page_up(self) -> None:
        self.action_move(-max(1, self._visible_rows() - 1), 0)

    def action_move_top(self) -> None:
        self.row = 0

    def action_move_bottom(self) -> None:
        self.row = max(0, len(self._grid.actors) - 1)

    def action_choose(self) -> None:
        target = self.current_target
        if target is not None:
            self.post_message(OpenRef(target))

    def on_click(self, event: events.Click) -> None:
        cell = event.style.meta.get("cell")
        if cell:
            self.row, self.column = cell
            self.action_choose()


def _fit(text: str, width: int) -> str:
    # One line, `width` cells: a name written over several lines is drawn on one,
    # and wide letters are measured as the terminal draws them.
    text = visible(text.replace("\n", " "))
    return set_cell_size(text, width - 1) + " " if cell_len(text) >= width else set_cell_size(text, width)


def _finish(segments: list[Segment], width: int, base: Style) -> Strip:
    return Strip(segments).extend_cell_length(width, base).crop(0, width)

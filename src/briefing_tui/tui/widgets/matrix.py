"""The Positions pane: actors down, open issues across, each cell the start of a stance."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.widgets import DataTable

from briefing_tui.core.export import plain
from briefing_tui.core.links import LinkIndex
from briefing_tui.tui.documents import position_target, short
from briefing_tui.tui.layout import visible

CELL_WIDTH = 18


class PositionMatrix(DataTable[Text]):
    """Who stands where: `enter` on a cell opens the full position."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("h", "cursor_left", "Left", show=False),
        Binding("l", "cursor_right", "Right", show=False),
        Binding("g", "scroll_top", "Top", show=False),
        Binding("G", "scroll_bottom", "Bottom", show=False),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="cell", zebra_stripes=True, cursor_foreground_priority="renderable")
        self.targets: dict[tuple[int, int], str] = {}

    def fill(self, index: LinkIndex) -> None:
        """Lay out the matrix for a brief: only actors with a position, only unresolved issues."""
        self.clear(columns=True)
        self.targets = {}
        issues = [i for i in index.brief.issues if i.status != "resolved"]
        holders = [a for a in index.brief.actors if any(i.position_of(a.id) for i in issues)]
        self.add_column(Text("Actor", style="bold"), width=16, key="actor")
        for issue in issues:
            self.add_column(Text(visible(short(issue.title, CELL_WIDTH)), style="bold"), width=CELL_WIDTH, key=issue.id)
        for row, actor in enumerate(holders):
            cells = [Text(visible(short(actor.name, 16)), style="bold")]
            self.targets[(row, 0)] = actor.id
            for column, issue in enumerate(issues, start=1):
                position = issue.position_of(actor.id)
                if position is None:
                    involved = actor.id in issue.actors
                    cells.append(Text("involved" if involved else "\u00b7", style="dim"))
                    self.targets[(row, column)] = issue.id
                else:
                    cells.append(Text(visible(short(plain(position.stance, index), CELL_WIDTH))))
                    self.targets[(row, column)] = position_target(issue.id, actor.id)
            self.add_row(*cells, key=actor.id)

    @property
    def current_target(self) -> str | None:
        """What `enter` opens: a position, an issue, or the actor of the row."""
        return self.targets.get((self.cursor_coordinate.row, self.cursor_coordinate.column))

    def select_target(self, target: str) -> None:
        """Put the cursor on the cell that opens `target`."""
        for (row, column), cell_target in self.targets.items():
            if cell_target == target:
                self.move_cursor(row=row, column=column, animate=False)
                return

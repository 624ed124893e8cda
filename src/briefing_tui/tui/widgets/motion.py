"""The motion keys of the reader's line-drawn views, declared once.

The lists, the pages and the Positions matrix all move as `less` and vim do: `j`/`k`
and the arrows a line (or a row), `space`/`b` and the page keys a screenful, `g`/`G`
and home/end to the top and the bottom. Each view says what a move means for it.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.scroll_view import ScrollView


class LineView(ScrollView, can_focus=True):
    """A view drawn line by line, moved with the keys of `less` and vim."""

    BINDINGS = [
        Binding("down,j", "move_down", "Down", show=False, tooltip="Down a line (a row in a list)", id="move.down"),
        Binding("up,k", "move_up", "Up", show=False, tooltip="Up a line (a row in a list)", id="move.up"),
        Binding("pagedown,space", "move_page_down", "Page down", show=False, tooltip="Down a screenful", id="move.page-down"),
        Binding("pageup,b", "move_page_up", "Page up", show=False, tooltip="Up a screenful", id="move.page-up"),
        Binding("home,g", "move_top", "Top", show=False, tooltip="Top: the first line or row", id="move.top"),
        Binding("end,G", "move_bottom", "Bottom", show=False, tooltip="Bottom: the last line or row", id="move.bottom"),
    ]

    def action_move_down(self) -> None:
        """Down a line, or to the next row."""
        raise NotImplementedError

    def action_move_up(self) -> None:
        """Up a line, or to the row before."""
        raise NotImplementedError

    def action_move_page_down(self) -> None:
        """Down a screenful."""
        raise NotImplementedError

    def action_move_page_up(self) -> None:
        """Up a screenful."""
        raise NotImplementedError

    def action_move_top(self) -> None:
        """To the top."""
        raise NotImplementedError

    def action_move_bottom(self) -> None:
        """To the bottom."""
        raise NotImplementedError

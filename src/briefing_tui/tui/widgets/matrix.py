"""The Positions pane: actors down, open issues across, each cell the start of a stance,
and below the rows the cell under the cursor in full: its issue, its actor, the stance.

Drawn line by line, only the cells on screen: a brief with thousands of actors and
hundreds of issues has millions of cells, and a table widget that builds each one
took seconds to open.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip

from briefing_tui.core.analysis import is_stale, notes_text, position_notes, sign
from briefing_tui.core.links import LinkIndex
from briefing_tui.core.model import LEANINGS, Position
from briefing_tui.core.ref import Ref
from briefing_tui.core.text import short
from briefing_tui.tui.layout import to_strip, visible, wrap
from briefing_tui.tui.messages import OpenRef
from briefing_tui.tui.widgets.motion import LineView

NAME_MIN, NAME_MAX = 10, 24
"""The name column: as wide as the longest name, within these bounds and a third of the width."""
CELL_MIN = 18
"""The narrowest an issue column gets: the width left after the names is shared among
as many columns as fit at this width, and the rest scroll sideways."""
DETAIL_MAX = 6
"""The most lines the cell in full takes below the rows (fewer on a short screen)."""
NOT_INVOLVED = "\u00b7"
INVOLVED = "involved"
MARK = "M "
"""Before a marked position or actor: a letter, so that it reads without colour."""


@dataclass(frozen=True, slots=True)
class _Grid:
    actors: list[tuple[str, str, str]]  # (id, name, role)
    issues: list[tuple[str, str]]  # (id, title)
    stances: dict[tuple[str, str], str]  # (issue id, actor id) -> stance
    involved: set[tuple[str, str]]  # (issue id, actor id) named by the issue, with or without a stance
    positions: dict[tuple[str, str], Position]  # (issue id, actor id) -> the position, for its leaning and notes
    signed: bool  # some position has a leaning: every stance starts with a sign (a space for none)


class PositionMatrix(LineView):
    """Who stands where. `enter` on a cell opens the position (or the actor, or the issue)."""

    BINDINGS = [
        Binding("right,l", "move(0, 1)", "Right", show=False, tooltip="To the next issue", id="matrix.right"),
        Binding("left,h", "move(0, -1)", "Left", show=False, tooltip="To the issue before (to the names)", id="matrix.left"),
        Binding("enter", "choose", "Open", tooltip="Open the position under the cursor", id="matrix.open"),
    ]

    COMPONENT_CLASSES = {
        "matrix--header",
        "matrix--name",
        "matrix--cursor",
        "matrix--empty",
        "matrix--row-cursor",
        "matrix--detail",
        "matrix--detail-title",
        *(f"matrix--{leaning}" for leaning in LEANINGS),
        "matrix--stale",
    }

    DEFAULT_CSS = """
    PositionMatrix { background: $surface; color: $reader-text; height: 1fr; }
    PositionMatrix > .matrix--header { text-style: bold; color: $reader-heading; }
    PositionMatrix > .matrix--name { text-style: bold; }
    PositionMatrix > .matrix--empty { color: $reader-muted; }
    PositionMatrix > .matrix--row-cursor { background: $boost; }
    PositionMatrix:focus > .matrix--cursor { background: $block-cursor-background; color: $reader-cursor-text; text-style: bold; }
    PositionMatrix > .matrix--cursor { background: $block-cursor-blurred-background; }
    PositionMatrix > .matrix--detail { background: $panel; color: $reader-panel-text; }
    PositionMatrix > .matrix--detail-title { background: $panel; color: $reader-panel-text; text-style: bold; }
    /* Without colour the cursor is drawn in reverse, and underlined when the focus is elsewhere. */
    PositionMatrix:nocolor:focus > .matrix--cursor { text-style: bold reverse; }
    PositionMatrix:nocolor > .matrix--cursor { text-style: underline; }
    /* Each leaning's sign in a colour; the sign itself says it without colour. */
    PositionMatrix > .matrix--supports { color: $reader-support; text-style: bold; }
    PositionMatrix > .matrix--leans-support { color: $reader-support; }
    PositionMatrix > .matrix--neutral { color: $reader-muted; text-style: bold; }
    PositionMatrix > .matrix--leans-oppose { color: $reader-oppose; }
    PositionMatrix > .matrix--opposes { color: $reader-oppose; text-style: bold; }
    PositionMatrix > .matrix--conditional { color: $reader-conditional; text-style: bold; }
    PositionMatrix > .matrix--unclear { color: $reader-muted; text-style: bold; }
    PositionMatrix > .matrix--stale { text-style: dim; }
    """

    row: reactive[int] = reactive(0, always_update=True)
    column: reactive[int] = reactive(0, always_update=True)

    class Highlighted(Message):
        """The cursor moved."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._grid = _Grid([], [], {}, set(), {}, False)
        self._top = 0
        self._left = 0
        self._pending_top: int | None = None
        self._longest_name = 0
        self._counts: dict[str, tuple[int, int]] = {}
        self._cells: dict[tuple[int, int], tuple[int, str]] = {}
        self._detail: tuple[tuple[int, int, int, int], list[Strip]] | None = None
        self.marked: frozenset[Ref] = frozenset()
        """The positions and actors the user marked: their cells start with the letter M."""

    def set_marked(self, marked: frozenset[Ref]) -> None:
        """Show `marked` (positions, actors) with the letter M."""
        if marked != self.marked:
            self.marked = marked
            self._cells.clear()
            self._detail = None
            self.refresh()

    def fill(self, index: LinkIndex) -> None:
        """Lay out the matrix: every actor involved in an issue not yet resolved (with a
        position on it, or named among its actors), and those issues."""
        issues = [i for i in index.brief.issues if i.status != "resolved"]
        positions = {(i.id, p.by): p for i in issues for p in i.positions}
        stances = {key: p.stance for key, p in positions.items()}
        involved = {(i.id, a) for i in issues for a in i.actors} | set(stances)
        rows = {actor_id for _, actor_id in involved}
        actors = [(a.id, a.name, a.role or "") for a in index.brief.actors if a.id in rows]
        signed = any(p.leaning for p in positions.values())
        self._grid = _Grid(actors, [(i.id, i.title) for i in issues], stances, involved, positions, signed)
        self._counts = {}
        for issue_id, actor_id in involved:
            held, named = self._counts.get(actor_id, (0, 0))
            self._counts[actor_id] = (held + ((issue_id, actor_id) in stances), named + 1)
        self._longest_name = max((cell_len(_one_line(name)) for _, name, _ in actors), default=0)
        self._index = index
        self._cells.clear()
        self._detail = None
        self.row = min(self.row, max(0, len(actors) - 1))
        self.column = min(self.column, len(issues))
        self.refresh()

    # -- geometry --------------------------------------------------------------------

    def _name_width(self) -> int:
        width = self.size.width
        return max(min(self._longest_name + 2, NAME_MAX, width // 3), min(NAME_MIN, width))

    def _column_widths(self) -> list[int]:
        """The width of each issue column on screen: the width after the names, shared."""
        room = max(1, self.size.width - self._name_width())
        count = max(1, min(len(self._grid.issues), room // CELL_MIN))
        share, extra = divmod(room, count)
        return [share + (1 if i < extra else 0) for i in range(count)]

    def _visible_columns(self) -> int:
        return len(self._column_widths())

    def _detail_height(self) -> int:
        """Lines kept below the rows for the cell in full: up to DETAIL_MAX, at most
        half of what the header leaves, at least two; none when there is room only
        for the header and a row."""
        return min(DETAIL_MAX, max(2, (self.size.height - 1) // 2), max(0, self.size.height - 2))

    def _visible_rows(self) -> int:
        return max(1, self.size.height - 1 - self._detail_height())

    @property
    def top(self) -> int:
        """The first row on screen (scrolled down to it)."""
        return self._top

    def restore(self, top: int) -> None:
        """Scroll back to `top` as the first row, once the matrix has a size (the cursor
        stays on screen)."""
        self._pending_top = top
        self._scroll_to_cursor()

    def _scroll_to_cursor(self) -> None:
        if self.size.height <= 0:
            # Hidden (an item shown in full over the pane): no rows to fit. Measured
            # now, the matrix would scroll its cursor to the top and show one row.
            return
        if self._pending_top is not None:
            self._top, self._pending_top = self._pending_top, None
        rows, columns = self._visible_rows(), self._visible_columns()
        self._top = min(max(self._top, self.row - rows + 1), self.row)
        self._top = max(0, min(self._top, len(self._grid.actors) - rows))
        if self.column > 0:
            self._left = min(max(self._left, self.column - columns), self.column - 1)
        self._left = max(0, min(self._left, len(self._grid.issues) - columns))
        self.refresh()

    def watch_row(self) -> None:
        self._scroll_to_cursor()
        self.post_message(self.Highlighted())

    def watch_column(self) -> None:
        self._scroll_to_cursor()
        self.post_message(self.Highlighted())

    def on_resize(self, event: events.Resize) -> None:
        self._detail = None
        self._scroll_to_cursor()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._detail = None  # a new theme: the cell in full is drawn again in it

    # -- drawing -------------------------------------------------------------------------

    def _cell_text(self, row: int, column: int, width: int) -> str:
        key = (row, column)
        cached = self._cells.get(key)
        if cached is not None and cached[0] == width:
            return cached[1]
        actor_id = self._grid.actors[row][0]
        issue_id = self._grid.issues[column - 1][0]
        stance = self._grid.stances.get((issue_id, actor_id))
        if stance is not None:
            flag = MARK if Ref.position(issue_id, actor_id) in self.marked else ""
            if self._grid.signed:
                flag += sign(self._grid.positions[(issue_id, actor_id)].leaning) + " "
            text = flag + short(self._index.plain(stance), max(1, width - 1 - len(flag)))
        else:
            text = INVOLVED if (issue_id, actor_id) in self._grid.involved else NOT_INVOLVED
        if len(self._cells) > 20000:
            self._cells.clear()
        self._cells[key] = (width, text)
        return text

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = self.rich_style
        grid = self._grid
        if not grid.actors:
            text = " No actor in this brief is involved in an open issue." if y == 0 else ""
            return Strip([Segment(_fit(text, width), base + self.get_component_rich_style("matrix--empty"))])
        detail = self.size.height - self._detail_height()
        if y >= detail:
            return self._detail_line(y - detail)
        name_width = self._name_width()
        widths = self._column_widths()
        columns = list(zip(range(self._left + 1, len(grid.issues) + 1), widths, strict=False))
        if y == 0:
            header = base + self.get_component_rich_style("matrix--header")
            segments = [Segment(_fit(" Actor", name_width), header)]
            for column, cell in columns:
                segments.append(Segment(_fit(short(_one_line(grid.issues[column - 1][1]), max(1, cell - 1)), cell), header))
            return _finish(segments, width, base)
        row = self._top + y - 1
        if row >= len(grid.actors) or y - 1 >= self._visible_rows():
            return Strip.blank(width, base)
        on_row = row == self.row
        row_style = base + self.get_component_rich_style("matrix--row-cursor") if on_row else base
        name_style = row_style + self.get_component_rich_style("matrix--name")
        cursor = row_style + self.get_component_rich_style("matrix--cursor")
        first = cursor if on_row and self.column == 0 else name_style
        flag = MARK if Ref("actor", grid.actors[row][0]) in self.marked else ""
        segments = [Segment(_fit(" " + flag + _one_line(grid.actors[row][1]), name_width), first + Style.from_meta({"cell": (row, 0)}))]
        empty = row_style + self.get_component_rich_style("matrix--empty")
        for column, cell in columns:
            text = self._cell_text(row, column, cell)
            at = Style.from_meta({"cell": (row, column)})
            if on_row and column == self.column:
                segments.append(Segment(_fit(text, cell), cursor + at))
            elif text in (NOT_INVOLVED, INVOLVED):
                segments.append(Segment(_fit(text, cell), empty + at))
            else:
                segments += self._stance_segments(grid.actors[row][0], grid.issues[column - 1][0], _fit(text, cell), row_style + at)
        return _finish(segments, width, base)

    def _stance_segments(self, actor_id: str, issue_id: str, shown: str, style: Style) -> list[Segment]:
        """A stance's cell: its sign in the leaning's colour, the rest dimmed when stale."""
        position = self._grid.positions.get((issue_id, actor_id))
        if position is None:
            return [Segment(shown, style)]
        if is_stale(position.as_of, self._index.brief.date):
            style += self.get_component_rich_style("matrix--stale")
        at = shown.find(sign(position.leaning) + " ") if position.leaning else -1
        if at < 0:
            return [Segment(shown, style)]
        colour = style + self.get_component_rich_style(f"matrix--{position.leaning}")
        return [Segment(shown[:at], style), Segment(shown[at : at + 1], colour), Segment(shown[at + 1 :], style)]

    def _detail_line(self, y: int) -> Strip:
        """Line `y` of the space below the rows: the cell under the cursor in full, its
        last line at the bottom of the pane."""
        height = self._detail_height()
        key = (self.row, self.column, self.size.width, height)
        if self._detail is None or self._detail[0] != key:
            self._detail = (key, self._draw_detail(height))
        lines = self._detail[1]
        blank = height - len(lines)
        return lines[y - blank] if y >= blank else Strip.blank(self.size.width, self.rich_style)

    def _draw_detail(self, height: int) -> list[Strip]:
        """The cell under the cursor in full, wrapped to the width: the issue's title (or
        the actor's name), then who says what; cut with an ellipsis past `height` lines."""
        heading, body = self._describe()
        width = self.size.width
        room = max(1, width - 2)
        title_style = self.rich_style + self.get_component_rich_style("matrix--detail-title")
        body_style = self.rich_style + self.get_component_rich_style("matrix--detail")
        # The title takes a third of the lines, up to two: the stance is what is read here.
        titles = _cut(wrap(Text(visible(heading)), room), min(2, max(1, height // 3)), room)
        bodies = _cut(wrap(body, room), height - len(titles), room)
        console = self.app.console
        lines = [to_strip(console, Text(" ") + line, width, 0, title_style) for line in titles]
        return lines + [to_strip(console, Text(" ") + line, width, 0, body_style) for line in bodies]

    def _describe(self) -> tuple[str, Text]:
        """What the cell under the cursor holds: a heading, and the text below it."""
        actor_id, name, role = self._grid.actors[self.row]
        name = _one_line(name)
        if self.column == 0:
            held, named = self._counts.get(actor_id, (0, 0))
            issues = len(self._grid.issues)
            facts = f"{'a position' if held == 1 else 'positions'} on {held} of {issues} open issue{'s' if issues != 1 else ''}"
            if named > held:
                facts += f", involved in {named - held} more without one"
            return name, Text(visible(f"{_one_line(role)} \u00b7 {facts}" if role else facts[0].upper() + facts[1:]))
        issue_id, title = self._grid.issues[self.column - 1]
        flag = MARK if Ref.position(issue_id, actor_id) in self.marked else ""
        text = Text(visible(flag + name), Style(bold=True))
        stance = self._grid.stances.get((issue_id, actor_id))
        if stance is not None:
            position = self._grid.positions[(issue_id, actor_id)]
            lead = f" {sign(position.leaning)}" if position.leaning else ""
            notes = notes_text(position_notes(position, self._index.brief))
            text.append(f":{lead} " + visible(" ".join(self._index.plain(stance).split()) + notes))
        elif (issue_id, actor_id) in self._grid.involved:
            text.append(": involved, no stated position.")
        else:
            text.append(": not involved, no stated position.")
        return _one_line(title), text

    # -- cursor --------------------------------------------------------------------------

    @property
    def current_target(self) -> Ref | None:
        """What `enter` opens: a position, an issue, or the actor of the row."""
        grid = self._grid
        if not grid.actors:
            return None
        actor_id = grid.actors[self.row][0]
        if self.column == 0:
            return Ref("actor", actor_id)
        issue_id, _ = grid.issues[self.column - 1]
        if (issue_id, actor_id) in grid.stances:
            return Ref.position(issue_id, actor_id)
        return Ref("issue", issue_id)

    def select_target(self, target: Ref) -> None:
        """Put the cursor on the cell that opens `target` (a position or an actor)."""
        rows = {actor[0]: i for i, actor in enumerate(self._grid.actors)}
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


def _one_line(text: str) -> str:
    """A name or title written over several lines, on one."""
    return " ".join(text.split())


def _fit(text: str, width: int) -> str:
    """One line, `width` cells, a space at its end: cut with an ellipsis when too long
    (wide letters measured as the terminal draws them)."""
    text = visible(text.replace("\n", " "))
    if cell_len(text) < width or width < 3:
        return set_cell_size(text, max(0, width))
    return set_cell_size(set_cell_size(text, width - 2).rstrip() + "\u2026", width)


def _cut(lines: list[Text], most: int, width: int) -> list[Text]:
    """The first `most` lines; when some are left out, the last ends in an ellipsis."""
    if len(lines) <= most:
        return lines
    kept = lines[: max(0, most)]
    if kept:
        last = kept[-1]
        last.truncate(max(0, width - 1))
        last.rstrip()
        last.append("\u2026")
    return kept


def _finish(segments: list[Segment], width: int, base: Style) -> Strip:
    return Strip(segments).extend_cell_length(width, base).crop(0, width)

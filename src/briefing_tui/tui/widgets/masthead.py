"""The masthead: the title bar, the tabs of the panes (on the main screen) and the
breadcrumb, drawn by one widget.

One widget, not a row of Statics: each widget Textual mounts costs its styling, its
message loop and its layout, and the masthead is on the first screen of every start.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual.strip import Strip
from textual.widget import Widget

from briefing_tui.tui.layout import to_strip, visible

Tab = tuple[str, str, str, bool]
"""(key, name, action run when it is clicked, whether it is the current one)."""


class Masthead(Widget):
    """Title and note (a date, a count) on one bar; the tabs, if any; the breadcrumb."""

    COMPONENT_CLASSES = {"masthead--bar", "masthead--note", "masthead--tabs", "masthead--crumbs", "masthead--marking"}

    DEFAULT_CSS = """
    Masthead { height: 2; }
    Masthead.-tabs { height: 3; }
    Masthead > .masthead--bar { background: $primary-background; color: $reader-bar-text; }
    Masthead > .masthead--note { background: $primary-background; color: $reader-bar-note; }
    Masthead > .masthead--tabs { background: $panel; color: $reader-tabs-text; }
    Masthead > .masthead--crumbs { color: $reader-crumbs; text-style: bold; }
    /* The marking reads without colour: in reverse, bold, in words. */
    Masthead > .masthead--marking { text-style: bold reverse; }
    """

    def __init__(self, title: str = "", note: str = "", *, tabs: bool = False, id: str | None = None) -> None:
        super().__init__(id=id, classes="-tabs" if tabs else "")
        self._title, self._note = visible(title), visible(note)
        self._tabs: list[Tab] = []
        self._crumbs: list[str] = []
        self._after = Text()
        self._marking = ""

    def show_marking(self, marking: str) -> None:
        """The banner of the brief's marking and what is withheld (`TLP:AMBER · hiding
        above GREEN`), on the bar before the note, always whole; '' for none."""
        self._marking = visible(marking)
        self.refresh()

    def show_title(self, title: str, note: str = "") -> None:
        """Put `title` on the bar (shortened with an ellipsis when it does not fit)
        and `note` at its right (always whole)."""
        self._title, self._note = visible(title), visible(note)
        self.refresh()

    def show_tabs(self, tabs: list[Tab]) -> None:
        """The tabs, in order."""
        self._tabs = tabs
        self.refresh()

    def show_crumbs(self, crumbs: list[str] | str, after: Text | None = None) -> None:
        """The breadcrumb: where the reader is, from the pane to the item (`crumbs`, shown
        joined by ›), then `after` it what is always shown whole (a hit counter, the place
        in the history)."""
        self._crumbs = [visible(crumb) for crumb in ([crumbs] if isinstance(crumbs, str) else crumbs)]
        self._after = after or Text()
        self.refresh()

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        lines = ["bar", "tabs", "crumbs"] if self.has_class("-tabs") else ["bar", "crumbs"]
        if y >= len(lines) or width <= 0:
            return Strip.blank(max(0, width), self.rich_style)
        which = lines[y]
        base = self.get_component_rich_style(f"masthead--{which}")
        if which == "bar":
            text = self._bar(width)
        elif which == "tabs":
            text = self._tab_line(width)
        else:
            text = self._crumb_line(width)
        return to_strip(self.app.console, text, width, 0, base)

    def _tab_line(self, width: int) -> Text:
        """Every tab named when they fit. Else every tab is still there: the current
        one named, the others named from the left as far as room allows, the rest
        shown by their key alone."""
        named = [f" {key} {name} " for key, name, _, _ in self._tabs]
        labels = [label if current else f" {key} " for label, (key, _, _, current) in zip(named, self._tabs, strict=True)]
        for number, label in enumerate(named):
            wider = [*labels[:number], label, *labels[number + 1 :]]
            if sum(cell_len(shown) for shown in wider) <= width:
                labels = wider
        text = Text()
        for label, (_, _, action, current) in zip(labels, self._tabs, strict=True):
            # Underlined as the links they are (a click opens the pane).
            look = Style(reverse=True, bold=True, underline=True) if current else Style(underline=True)
            text.append(label, look + Style.from_meta({"@click": action}))
        return text

    def _crumb_line(self, width: int) -> Text:
        """The breadcrumb in `width` cells. Too long, it keeps its ends: the crumbs
        between the first and the last give way first, then the last, then the
        first, each cut with an ellipsis; what follows them stays whole."""
        crumbs = self._crumbs
        sizes = [cell_len(crumb) for crumb in crumbs]
        excess = 1 + sum(sizes) + 3 * max(0, len(crumbs) - 1) + self._after.cell_len - width
        for number in [*range(1, len(crumbs) - 1), len(crumbs) - 1, 0][: len(crumbs)]:
            if excess <= 0:
                break
            cut = min(excess, sizes[number] - 1)
            sizes[number] -= cut
            excess -= cut
        line = Text(" ")
        for number, (crumb, size) in enumerate(zip(crumbs, sizes, strict=True)):
            if number:
                line.append(" \u203a ")
            shown = Text(crumb)
            shown.truncate(size, overflow="ellipsis")
            line.append_text(shown)
        return line + self._after

    def _bar(self, width: int) -> Text:
        note = f" {self._note} " if self._note else ""
        marking = Text(f" {self._marking} " if self._marking else "", self.get_component_rich_style("masthead--marking"))
        if marking and marking.cell_len + cell_len(note) + 2 > width:
            note = ""  # the marking before the date: who may see the screen matters more
        marking.truncate(max(0, width - 1), overflow="ellipsis")
        room = max(0, width - cell_len(note) - marking.cell_len - 2)
        title = Text(self._title if room else "", Style(bold=True), no_wrap=True, overflow="ellipsis")
        title.truncate(room, overflow="ellipsis")
        bar = Text(" ") + title
        bar.pad_right(max(0, width - cell_len(note) - marking.cell_len - bar.cell_len))
        bar.append_text(marking)
        bar.append(note, self.get_component_rich_style("masthead--note"))
        return bar

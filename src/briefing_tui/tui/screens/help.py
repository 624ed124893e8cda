"""The `?` screen: every key, from the same `BINDINGS` the footer and palette use."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen

from briefing_tui.tui.keymap import bound_keys
from briefing_tui.tui.widgets.page import Document, Page, Span


def binding_rows(sources: list[tuple[str, list[BindingType]]], key_display) -> Document:  # type: ignore[no-untyped-def]
    """A page listing each group's keys and what they do (the user's keys, where their
    settings remap them)."""
    doc = Document("Help")
    doc.add(Span("Keys", "title"))
    doc.add(Span("Everything works with the keyboard alone; a click works too.", "muted"))
    for title, bindings in sources:
        # One line per description: keys bound to the same thing are listed together.
        entries: dict[str, list[str]] = {}
        for binding in bindings:
            if not isinstance(binding, Binding) or not binding.description:
                continue
            # The help names every key on its own; the footer's short forms are for the footer.
            what = binding.tooltip or binding.description
            keys = [key_display(Binding(k.strip(), "")) for k in bound_keys(binding).split(",")]
            known = entries.setdefault(what, [])
            known.extend(k for k in keys if k not in known)
        if not entries:
            continue
        doc.heading(title)
        width = max(len(", ".join(keys)) for keys in entries.values()) + 2
        for description, keys in entries.items():
            # The keys hang in their column: a long description wraps under itself.
            doc.add(Span(description), prefix=", ".join(keys).ljust(width), prefix_style="strong")
    return doc


class HelpScreen(ModalScreen[None]):
    """A page of every key; `escape`, `q` or `?` closes it. With `library`, the keys
    of the library too."""

    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss", "Close help", id="help.close"),
    ]

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > Page { width: 80%; max-width: 84; height: 90%; border: round $accent; }
    HelpScreen.-narrow > Page { width: 100%; height: 100%; }
    """

    NARROW = 60
    """Below this many columns the help takes the whole screen."""

    def __init__(self, library: bool = False) -> None:
        super().__init__()
        self.library = library

    def compose(self) -> ComposeResult:
        from briefing_tui.tui.screens.library import FilterInput, LibraryScreen
        from briefing_tui.tui.screens.main import LIBRARY_ACTIONS, MainScreen
        from briefing_tui.tui.screens.talking_points import TalkingPointsScreen
        from briefing_tui.tui.widgets.item_list import ItemList
        from briefing_tui.tui.widgets.matrix import PositionMatrix
        from briefing_tui.tui.widgets.motion import LineView

        def offered(binding: BindingType) -> bool:
            # The library's keys where there is a library; why they do nothing where not.
            action = binding.action if isinstance(binding, Binding) else ""
            if action == "no_library":
                return not self.library
            if action == "edit":  # no editor for a reader served to a browser
                return not getattr(self.app, "served", False)
            return self.library or action not in LIBRARY_ACTIONS

        reader = [b for b in MainScreen.BINDINGS if offered(b)]
        sources: list[tuple[str, list[BindingType]]] = [
            (
                "Anywhere",
                [
                    *reader,
                    Binding("tab,shift+tab", "", "Next / previous focus"),
                    *type(self.app).BINDINGS,
                    Binding("ctrl+p", "", "Command palette: jump to any actor, quote or issue, change theme"),
                ],
            ),
            ("Moving (lists, pages, the matrix)", list(LineView.BINDINGS)),
            ("Lists (actors, quotes, issues)", list(ItemList.BINDINGS)),
            ("Pages (summary and every item)", list(Page.BINDINGS)),
            ("Positions matrix", list(PositionMatrix.BINDINGS)),
            ("Talking points (t)", list(TalkingPointsScreen.BINDINGS)),
        ]
        if self.library:
            sources.insert(
                0, ("The library", [*LibraryScreen.BINDINGS, *FilterInput.BINDINGS, Binding("enter", "", "Open the brief under the cursor")])
            )
        yield Page(binding_rows(sources, self.app.get_key_display), id="help-page")

    def on_mount(self) -> None:
        self.query_one(Page).focus()

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.width < self.NARROW, "-narrow")

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)

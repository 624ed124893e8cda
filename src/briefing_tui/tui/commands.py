"""The command palette (`ctrl+p`): jump to any actor, quote or issue (in a library, to
any brief), or run any key's action."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import TYPE_CHECKING

from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from briefing_tui.core.printable import visible
from briefing_tui.core.ref import Ref
from briefing_tui.core.text import short
from briefing_tui.tui.keymap import bound_keys
from briefing_tui.tui.messages import OpenBrief, OpenRef

NAME_WIDTH = 100
"""Names longer than this are shortened: the palette matches every entry on every key."""

if TYPE_CHECKING:
    from briefing_tui.tui.screens.library import LibraryScreen


class BriefCommands(Provider):
    """Every item of the brief by name, and every binding of the main screen by description."""

    def _entries(self) -> Iterator[tuple[str, str, object]]:
        from briefing_tui.tui.screens.library import LibraryScreen
        from briefing_tui.tui.screens.main import MainScreen

        screen = self.screen
        if isinstance(screen, LibraryScreen):
            yield from self._library_entries(screen)
            return
        if not isinstance(screen, MainScreen):
            return
        for binding in MainScreen.BINDINGS:
            # The library's keys only where there is a library.
            if isinstance(binding, Binding) and binding.description and binding.action and screen.check_action(binding.action.split("(")[0], ()):
                keys = bound_keys(binding).split(",")[0]
                yield (binding.tooltip or binding.description, f"key {keys}", partial(screen.run_action, binding.action))
        brief = screen.brief
        for issue in brief.issues:
            yield (f"Issue: {_name(issue.title)}", issue.status, partial(screen.post_message, OpenRef(Ref.to(issue))))
        for actor in brief.actors:
            yield (f"Actor: {_name(actor.name)}", _name(actor.role or actor.kind), partial(screen.post_message, OpenRef(Ref.to(actor))))
        names = {a.id: a.name for a in brief.actors}
        for quote in brief.quotes:
            yield (
                f"Quote: {_name(names.get(quote.by, quote.by))}: "
                + (f"\u201c{_name(short(quote.text, 60))}\u201d" if quote.verbatim else _name(short(quote.text, 60))),
                "",
                partial(screen.post_message, OpenRef(Ref.to(quote))),
            )

    def _library_entries(self, screen: LibraryScreen) -> Iterator[tuple[str, str, object]]:
        """The library's keys, and every brief by title."""
        for binding in screen.BINDINGS:
            if isinstance(binding, Binding) and binding.show:
                yield (binding.tooltip or binding.description, f"key {bound_keys(binding)}", partial(screen.run_action, binding.action))
        for entry in screen.library.listing():
            if entry.ok:
                when = entry.date.isoformat() if entry.date else ""
                yield (f"Brief: {_name(entry.title or entry.path)}", when, partial(screen.post_message, OpenBrief(entry.path)))

    async def discover(self) -> Hits:
        for title, help_text, action in self._entries():
            if not title.startswith(("Quote:", "Brief:")):
                yield DiscoveryHit(Content(title), action, text=title, help=_literal(help_text))  # type: ignore[arg-type]

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, action in self._entries():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, _highlight(matcher, title), action, text=title, help=_literal(help_text))  # type: ignore[arg-type]


def _name(text: str) -> str:
    """Brief text fit for one palette line: control characters shown, long text cut."""
    return visible(short(text, NAME_WIDTH) if len(text) > NAME_WIDTH or "\n" in text else text)


def _literal(text: str) -> str:
    """Markup that reads back as exactly `text`: the palette reads help lines as markup."""
    return text.replace("[", "\\[")


def _highlight(matcher, title: str) -> Content:  # type: ignore[no-untyped-def]
    """The title with the matched letters marked, read as text: Textual's own
    `Matcher.highlight` reads it as markup, and brief text is not markup."""
    content = Content(title)
    _, offsets = matcher.fuzzy_search.match(matcher.query, title)
    for offset in offsets:
        if not title[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content

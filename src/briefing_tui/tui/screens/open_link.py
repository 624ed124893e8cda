"""The question asked before a link leaves the reader for a web browser.

A brief's Markdown link shows one text and may lead anywhere, so following it never
opens it at once: this screen shows the host a browser would open (read as browsers
read addresses) and the whole address (control characters made visible), and opens
it only on `o`, with Python's `webbrowser` (in the viewer's own browser when the
reader is served to one), and only when all of it is on screen. Addresses that are
not plain http(s) are never opened; the screen says why.
"""

from __future__ import annotations

import webbrowser

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from briefing_tui.core.links import browser_host, web_address_problem
from briefing_tui.core.printable import visible


class OpenLinkScreen(ModalScreen[None]):
    """Asks whether to open a web address; `o` opens it, `y` copies it, `escape` does neither."""

    BINDINGS = [
        Binding("o", "open", "Open in browser", tooltip="Open the address in your web browser", id="link.open"),
        Binding("y", "copy", "Copy address", tooltip="Copy the address instead", id="link.copy"),
        Binding("escape,n,q", "close", "Cancel", tooltip="Close without opening", id="link.close"),
    ]

    DEFAULT_CSS = """
    OpenLinkScreen { align: center middle; }
    OpenLinkScreen > Vertical {
        width: 80%; max-width: 84; height: auto; max-height: 90%;
        border: round $accent; background: $surface; padding: 0 1;
    }
    OpenLinkScreen #link-question { text-style: bold; }
    OpenLinkScreen #link-address { color: $text; margin: 1 0 0 0; }
    OpenLinkScreen #link-host { text-style: bold; }
    OpenLinkScreen #link-keys { color: $text-muted; }
    OpenLinkScreen #link-refusal { color: $text-error; margin: 1 0 0 0; }
    OpenLinkScreen.-refused > Vertical { border: round $error; }
    """

    def __init__(self, url: str, shown: str) -> None:
        super().__init__()
        self.url = url
        self.shown = shown
        self.problem = web_address_problem(url)

    def compose(self) -> ComposeResult:
        # Content, never markup: the address and its text come from the brief. The
        # host a browser would open comes first, where a long address cannot push it
        # out of the box.
        host = browser_host(self.url)
        with Vertical():
            if self.problem is None:
                yield Static(Content("Open this link in your web browser?"), id="link-question")
            else:
                yield Static(Content("This link will not open"), id="link-question")
            if host is not None:
                yield Static(Content(f"host: {visible(host)}"), id="link-host")
            yield Static(Content(f"\u201c{visible(' '.join(self.shown.split()))}\u201d leads to:"), id="link-text")
            yield Static(Content(visible(self.url)), id="link-address")
            if self.problem is None:
                yield Static(Content("o open it   y copy the address   esc cancel"), id="link-keys")
            else:
                yield Static(Content(f"It will not open: {self.problem}."), id="link-refusal")
                yield Static(Content("esc close"), id="link-keys")

    def shown_whole(self) -> bool:
        """True when the whole question (the host, every line of the address, the keys)
        is on screen: what is cut off could not be checked before saying yes."""
        box = self.query_one(Vertical)
        inside = box.content_region.intersection(self.region)
        return all(inside.contains_region(part.region) for part in self.query(Static))

    def on_mount(self) -> None:
        if self.problem is not None:
            self.add_class("-refused")

    def action_open(self) -> None:
        """Open the address in the browser: only a plain http(s) one, only from here,
        and only when the question shows all of it."""
        if self.problem is not None:
            self.app.bell()
            return
        if not self.shown_whole():
            self.app.bell()
            self.notify("The address does not fit on the screen whole: make the window larger, or press y to copy it.", severity="warning")
            return
        if self._browse(self.url):
            self.app.notify(visible(self.url), title="Opened in your browser", markup=False, timeout=3)
            self.dismiss()

    def action_copy(self) -> None:
        """Copy the address rather than open it (a browser on another machine, say)."""
        if self.problem is not None:
            self.app.bell()
            return
        self.dismiss()
        self.app.copy_to_clipboard(self.url)  # and says what became of it

    def _browse(self, url: str) -> bool:
        if self.app.is_web:
            # Served to a browser: the viewer's browser opens it, never one on the server.
            self.app.open_url(url)
            return True
        # Python's own browser launcher: it says whether a browser started, which
        # over SSH or on a server it often cannot.
        if webbrowser.open(url):
            return True
        self.app.notify("No web browser could be started here: press y to copy the address instead.", severity="warning", markup=False)
        return False

    def _copy(self, url: str) -> bool:
        self.app.copy_to_clipboard(url)
        return True

    def action_close(self) -> None:
        """Close without opening anything."""
        self.dismiss()

"""The baseline for first paint and memory: a minimal Textual app showing one line."""

from textual.app import App, ComposeResult
from textual.widgets import Static


class Minimal(App[None]):
    BINDINGS = [("q", "quit", "Quit")]

    def compose(self) -> ComposeResult:
        yield Static("Minimal app ready")


if __name__ == "__main__":
    Minimal().run()

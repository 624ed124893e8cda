"""briefing-tui: a terminal reader for briefings."""

__version__ = "0.1.0"

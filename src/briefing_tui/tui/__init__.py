"""The reader: a Textual app over the UI-free core."""

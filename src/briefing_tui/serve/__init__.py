"""`briefing serve`: the reader in a web browser, for whoever holds the address.

Built on textual-serve's pieces (the process protocol, the download manager, the
page's script), in an aiohttp application of our own:

- `guards`: who gets in (the token and its cookie, the Host header, the websocket's Origin);
- `sessions`: how many readers run at once, when an idle one ends, and the reader
  process itself (a minimal environment, paths as arguments, never through a shell);
- `server`: the routes, the page, and starting and stopping the whole.

Needs the `[serve]` extra (textual-serve, which brings aiohttp).
"""

"""Servers the serve tests share: one `briefing serve` per test process, and a
second site on another port, the kind of page that must not reach the reader."""

from __future__ import annotations

import html
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.serve.support import Server, clean_environment, served_folder, start_server

ATTACK_PAGE = """<!DOCTYPE html><html><head><title>waiting</title></head><body><script>
const target = new URLSearchParams(location.search).get("target");
const socket = new WebSocket(target);
socket.onopen = () => { document.title = "connected"; };
socket.onmessage = () => { document.title = "connected"; };
socket.onerror = () => { document.title = "refused"; };
</script></body></html>"""


class OtherSite(BaseHTTPRequestHandler):
    """Another site on this machine: a page that tries to open the reader's websocket
    (`/attack.html?target=ws://...`), a page for links to lead to (`/landing`), and a
    page holding a link, as a chat would (`/link?to=...`)."""

    def do_GET(self) -> None:  # noqa: N802 (the standard library's name)
        parts = urlsplit(self.path)
        path = parts.path
        if path == "/attack.html":
            body = ATTACK_PAGE
        elif path == "/link":
            target = html.escape(parse_qs(parts.query)["to"][0], quote=True)
            body = f"<!DOCTYPE html><title>a chat</title><a id='go' href='{target}'>the reader</a>"
        elif path == "/landing":
            body = "<!DOCTYPE html><title>landing</title><p>The link led here.</p>"
        else:
            self.send_error(404)
            return
        data = body.encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def other_site() -> Iterator[str]:
    """`http://127.0.0.1:PORT` of the other site."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), OtherSite)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def served(tmp_path_factory: pytest.TempPathFactory, other_site: str) -> Iterator[Server]:
    """`briefing serve` on the real brief and a linked one, both under names a shell
    would act on, with secrets in its environment, a home and a cache of its own,
    two readers at most, and one more host name allowed."""
    root = tmp_path_factory.mktemp("served")
    home, cache, work = root / "home", root / "cache", root / "work"
    for folder in (home, cache, work):
        folder.mkdir()
    paths = served_folder(root, link=f"{other_site}/landing")
    server = start_server(
        *paths,
        options=("--max-sessions", "2", "--allow-host", "briefs.example"),
        env=clean_environment(home, cache),
        cwd=work,
        errors=root / "server.log",
    )
    yield server
    server.stop()

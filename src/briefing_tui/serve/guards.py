"""Who may reach the served reader: one aiohttp middleware checks every request.

In this order, each refusal a 403 that says why:

1. **Host.** The `Host` header must name this server: the address it listens on,
   `localhost`/`127.0.0.1`/`[::1]` when that is a loopback address, or a name given
   with `--allow-host`. A web page whose own name was made to resolve to this
   machine (DNS rebinding) sends its own name, and is refused. The port is not
   checked: through `ssh -L 9000:localhost:8000` the browser says `localhost:9000`,
   and a rebinding page cannot choose the name.
2. **Origin.** A request that says where it comes from must come from the page
   this server made (`http(s)://` + the request's own Host); the websocket must
   say so (browsers always do). Another site's page that opens a websocket to the
   server is refused (cross-site websocket hijacking), cookie or not.
3. **Key.** The request holds the token printed in the address, or the cookie the
   token is exchanged for on the first visit (`HttpOnly`, `SameSite=Strict`,
   `Path=/`). The first visit is answered with the cookie and a page that moves on
   to the clean address, so the token does not stay in the address bar.
"""

from __future__ import annotations

import html
import ipaddress
import secrets
import socket
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

from aiohttp import hdrs, web

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})
WILDCARDS = frozenset({"0.0.0.0", "::", ""})
TOKEN_PARAMETER = "token"

REFUSAL_POLICY = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'"


def host_name(header: str) -> str | None:
    """The name in a Host header (`name`, `name:port`, `[v6]:port`), lower case, or
    None when the header is not one."""
    header = header.strip().lower()
    if header.startswith("["):
        name, bracket, rest = header[1:].partition("]")
        if not bracket or (rest and not rest[1:].isdigit()) or (rest and rest[0] != ":"):
            return None
    else:
        name, colon, port = header.partition(":")
        if colon and not port.isdigit():
            return None
    name = name.rstrip(".")
    return name or None


def is_loopback(host: str) -> bool:
    """True for `localhost` and the loopback addresses (127.0.0.0/8, ::1)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def is_wildcard(host: str) -> bool:
    """True for an address that listens on every interface (0.0.0.0, ::)."""
    return host in WILDCARDS


def refusal(status: int, title: str, explanation: str) -> web.Response:
    """A short page saying why a request was refused."""
    body = (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>briefing: " + html.escape(title) + "</title>"
        "<style>body{font-family:sans-serif;max-width:40em;margin:4em auto;line-height:1.5}</style></head>"
        "<body><h1>" + html.escape(title) + "</h1><p>" + html.escape(explanation) + "</p></body></html>"
    )
    response = web.Response(status=status, text=body, content_type="text/html")
    response.headers["Content-Security-Policy"] = REFUSAL_POLICY
    return response


@dataclass(frozen=True)
class Guard:
    """The keys of one running server, and the middleware that checks them."""

    names: frozenset[str]
    """Host names (lower case, no port) the server answers to."""
    token: str
    """The secret in the printed address."""
    cookie_name: str
    cookie_value: str
    """What the browser holds once the token was shown: a second secret, so the
    cookie says nothing about the token."""

    @classmethod
    def for_server(cls, host: str, allowed: Iterable[str] = ()) -> Guard:
        """New secrets for a server listening on `host`, answering to its own
        address, to the loopback names when that is loopback, to this machine's name
        when it listens everywhere, and to the `allowed` names."""
        names = {name.strip().lower().strip("[]").rstrip(".") for name in allowed if name.strip()}
        if is_wildcard(host):
            names |= LOOPBACK_NAMES | {socket.gethostname().lower()}
        else:
            names.add(host.lower().strip("[]"))
            if is_loopback(host):
                names |= LOOPBACK_NAMES
        # A name of its own keeps two servers on one machine from overwriting each
        # other's cookie: browsers keep cookies per host, not per port.
        return cls(frozenset(names), secrets.token_urlsafe(32), f"briefing-{secrets.token_hex(4)}", secrets.token_urlsafe(32))

    # -- the three checks ---------------------------------------------------------------

    def allows_host(self, header: str | None) -> bool:
        """True when the Host header names this server."""
        name = host_name(header) if header else None
        return name is not None and name in self.names

    @staticmethod
    def allows_origin(origin: str | None, host_header: str) -> bool:
        """True when `origin` is this server's own page, as reached through `host_header`."""
        if origin is None:
            return False
        try:
            parts = urlsplit(origin)
        except ValueError:
            return False
        return parts.scheme in ("http", "https") and parts.netloc.lower() == host_header.strip().lower() and not parts.path

    def holds_key(self, request: web.Request) -> bool:
        """True when the request carries the cookie or the token."""
        return _same(request.cookies.get(self.cookie_name), self.cookie_value) or self.shows_token(request)

    def shows_token(self, request: web.Request) -> bool:
        """True when the request's address holds the token."""
        return _same(request.query.get(TOKEN_PARAMETER), self.token)

    # -- the middleware -----------------------------------------------------------------

    @web.middleware
    async def middleware(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        """Refuse what does not pass the three checks; exchange the token for the cookie."""
        host = request.headers.get(hdrs.HOST)
        if not self.allows_host(host):
            return refusal(
                403,
                "Unknown host name",
                "This reader does not answer to that host name. Whoever runs `briefing serve` can allow one with --allow-host NAME.",
            )
        assert host is not None
        origin = request.headers.get(hdrs.ORIGIN)
        websocket = request.headers.get(hdrs.UPGRADE, "").lower() == "websocket"
        if (origin is not None or websocket) and not self.allows_origin(origin, host):
            return refusal(403, "Another site's page", "This reader answers only its own page, not pages from other sites.")
        if not self.holds_key(request):
            return refusal(
                403,
                "This reader needs its key",
                "Open the full address that `briefing serve` printed, with its ?token=…, in this browser.",
            )
        if self.shows_token(request) and request.method == "GET" and not websocket and request.path == "/":
            return self.exchange(request)
        return await handler(request)

    def exchange(self, request: web.Request) -> web.Response:
        """The first visit: the cookie, and a page that moves on to the clean address.

        Not an HTTP redirect: a browser that followed the address from another
        site (a chat, a mail) would not send a `SameSite=Strict` cookie along a
        redirect that site started; a page of our own moving on is our own visit.
        """
        query = urlencode([(key, value) for key, value in request.query.items() if key != TOKEN_PARAMETER])
        clean = request.path + (f"?{query}" if query else "")
        target = html.escape(clean, quote=True)
        body = (
            "<!DOCTYPE html><html><head><meta charset='utf-8'>"
            f"<meta http-equiv='refresh' content='0;url={target}'><title>briefing</title></head>"
            f"<body><p><a href='{target}'>Open the reader</a></p></body></html>"
        )
        response = web.Response(text=body, content_type="text/html")
        response.headers["Content-Security-Policy"] = REFUSAL_POLICY
        response.set_cookie(self.cookie_name, self.cookie_value, path="/", httponly=True, samesite="Strict")
        return response


def _same(given: str | None, secret: str) -> bool:
    # Compared in constant time, as bytes: a str of other characters would raise.
    return given is not None and secrets.compare_digest(given.encode("utf-8"), secret.encode("utf-8"))


async def add_headers(request: web.Request, response: web.StreamResponse) -> None:
    """Headers on every response: no referrer (the first address holds the token), no
    framing by other sites, no guessing of content types, nothing stored but the
    page's own script and styles."""
    headers = response.headers
    headers.setdefault("Referrer-Policy", "no-referrer")
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'")
    if not request.path.startswith("/static/"):
        headers.setdefault("Cache-Control", "no-store")

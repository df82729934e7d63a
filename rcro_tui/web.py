"""`rcro-tui web`: the same app in a browser, for one identity, on a loopback port, behind a secret.

Why this shape: a coordinator who cannot use an SSH terminal still reaches the server through
`ssh -L 8101:127.0.0.1:8101 rcro@server`; the port is never opened to the network (only
127.0.0.1 is accepted). On a shared server every local account can reach a loopback port, so a
random token printed with the URL is also required: the first visit carries it in the query
(`/?token=…`) and gets it back as a cookie for the page's scripts and its websocket; any request
with neither gets 403. Textual's own server (textual-serve: aiohttp + xterm.js) runs one app
process per browser tab; each is `rcro-tui --db … --user LOGIN`, so the identity is fixed here,
not chosen in the browser.
"""

from __future__ import annotations

import secrets
import shlex
import sys
from pathlib import Path

from aiohttp import web
from textual_serve.server import Server

from rcro_tui.errors import InputError

LOOPBACK = ("127.0.0.1", "localhost")
TOKEN_QUERY = "token"


def app_command(db_path: Path, user: str, python: str | None = None) -> str:
    """The shell command textual-serve starts for each browser tab: this interpreter's rcro-tui
    with the database and the identity fixed (quoted: a login or a path is never shell text)."""
    return shlex.join([python or sys.executable, "-m", "rcro_tui",
                       "--db", str(Path(db_path).resolve()), "--user", user])


def check_host(host: str) -> str:
    """Only a loopback address: the browser path goes through `ssh -L`, never an open port."""
    if host not in LOOPBACK:
        raise InputError(f"rcro-tui web слушает только петлевой адрес (127.0.0.1), а указан "
                         f"«{host}»: откройте доступ через ssh -L, а не через сеть.")
    return "127.0.0.1" if host == "localhost" else host


def cookie_name(port: int) -> str:
    """One cookie per port: two coordinators' servers on the same machine keep separate secrets."""
    return f"rcro_token_{port}"


def token_middleware(token: str, port: int):
    """aiohttp middleware: 403 unless the request carries the token (query or cookie); a request
    that brought it in the query gets the cookie, so the page's scripts and websocket follow."""
    name = cookie_name(port)

    @web.middleware
    async def require_token(request: web.Request, handler):
        from_query = request.query.get(TOKEN_QUERY, "")
        from_cookie = request.cookies.get(name, "")
        if not (_same(from_query, token) or _same(from_cookie, token)):
            return web.Response(status=403, text="403: нужна ссылка с токеном, которую напечатал "
                                                 "rcro-tui web.\n")
        response = await handler(request)
        if _same(from_query, token) and not response.prepared:
            response.set_cookie(name, token, httponly=True, samesite="Strict", path="/")
        return response

    return require_token


def _same(given: str, token: str) -> bool:
    """Constant-time comparison, so the token cannot be guessed a character at a time."""
    return bool(given) and secrets.compare_digest(given.encode(), token.encode())


class TokenServer(Server):
    """textual-serve's Server with the token check in front of every route."""

    def __init__(self, command: str, *, host: str, port: int, token: str, user: str) -> None:
        super().__init__(command, host=host, port=port, title=f"РЦРО · {user}")
        self.token, self.user = token, user

    @property
    def url(self) -> str:
        """What the person opens (after `ssh -L` to the same port on their machine)."""
        return f"{self.public_url}/?{TOKEN_QUERY}={self.token}"

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.middlewares.append(token_middleware(self.token, self.port))
        return app

    async def on_startup(self, app: web.Application) -> None:
        """Print the URL with the token (the base class would print the command and no secret)."""
        print(f"rcro-tui web: приложение для «{self.user}» — откройте в браузере\n"
              f"{self.url}\nОстановить: Ctrl+C.", flush=True)


def make_server(db_path: Path, user: str, *, port: int, host: str = "127.0.0.1",
                token: str | None = None) -> TokenServer:
    """The server for one identity; the token is random unless a test gives one."""
    return TokenServer(app_command(db_path, user), host=check_host(host), port=port,
                       token=token or secrets.token_urlsafe(24), user=user)

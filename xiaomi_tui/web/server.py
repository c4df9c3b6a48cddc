"""`xiaomi-tui serve`: the dashboard in a web page through textual-serve, one app process per browser tab.

textual-serve starts each tab's app with `sh -c COMMAND`; the command `exec`s the app, so that the server is
its parent and the app's lifeline (`lifeline.py`) notices when the server is gone. What a page may ask of the
server (which origins, how large a terminal, how many tabs, which messages) is decided in `guard.py`.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import json
import logging
import os
import shlex
import signal
import socket
import sys
from collections.abc import Awaitable, Callable, Iterable
from pathlib import Path

import aiohttp_jinja2
from aiohttp import WSMsgType, web
from textual_serve.app_service import AppService
from textual_serve.server import Server

from xiaomi_tui.io.clipboard import RICH_COPY
from xiaomi_tui.ui.lifeline import SERVER_PID
from xiaomi_tui.web.guard import (
    MAX_TABS,
    Malformed,
    Origins,
    font_size,
    normalised,
    parse_message,
    terminal_size,
)

TEMPLATES = Path(__file__).with_name("templates")

log = logging.getLogger("xiaomi-tui.serve")

STOP_GRACE = 5.0
"""Seconds an app has to go once its tab is gone, before it is killed: one stuck writing a frame to a pipe
nobody reads never reads the quit message, and its web driver turns SIGTERM into one more quit."""


def app_command(app_arguments: list[str]) -> str:
    """The shell command for one tab's app: this Python, this package, the dashboard's options."""
    return "exec " + shlex.join([sys.executable, "-m", "xiaomi_tui", *app_arguments])


def public_url(host: str, port: int) -> str:
    """The address browsers use, which the page's websocket URL is built from.

    Listening on every interface (0.0.0.0, ::) says nothing about the name others reach this machine by.
    """
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return f"http://{host}:{port}"
    if address.is_unspecified:
        return f"http://{socket.getfqdn()}:{port}"
    return f"http://[{address}]:{port}" if address.version == 6 else f"http://{address}:{port}"


class _App(AppService):
    """textual-serve's app service, keeping its process so that a session can end it whatever state it is in."""

    process: asyncio.subprocess.Process | None = None

    async def _open_app_process(self, width: int = 80, height: int = 24) -> asyncio.subprocess.Process:
        self.process = await super()._open_app_process(width, height)
        return self.process

    async def on_meta(self, data: bytes) -> None:
        """A citation's HTML (`RICH_COPY`, from the app's `offer_html`) goes on to the page as a message of its own,
        its two strings and nothing else; every other meta message as textual-serve handles it."""
        meta = json.loads(data)
        if meta.get("type") != RICH_COPY:
            await super().on_meta(data)
        elif isinstance(text := meta.get("text"), str) and isinstance(html := meta.get("html"), str):
            await self.remote_write_str(json.dumps([RICH_COPY, {"text": text, "html": html}]))


class DashboardServer(Server):
    """textual-serve's server with xiaomi-tui's page (no font CDN), its guard, and a quiet log."""

    def __init__(self, command: str, host: str, port: int, public: Iterable[str] | None = None,
                 max_tabs: int = MAX_TABS):
        url = public_url(host, port)
        super().__init__(command, host=host, port=port, title="xiaomi-tui", public_url=url, templates_path=TEMPLATES)
        public = list(public) if public is not None else None
        self.origins = Origins.of_server(host, port, ([normalised(url)] if public == [] else public))
        self.max_tabs = max_tabs
        self._sessions: set[asyncio.Task[object]] = set()

    def serve(self, debug: bool = False) -> None:
        """textual-serve's `serve`, saying where to go only once the port is ours: a busy port's error comes
        alone, not after an address that leads nowhere (aiohttp calls `print` when every site listens)."""
        os.environ[SERVER_PID] = str(os.getpid())  # every app's environment is a copy of ours
        self.debug = debug
        self.initialize_logging()
        loop = asyncio.new_event_loop()
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(signal.SIGINT, self.request_exit)
            loop.add_signal_handler(signal.SIGTERM, self.request_exit)
        web.run_app(self._make_app(), host=self.host, port=self.port, handle_signals=False, loop=loop,
                    print=lambda _running: self._listening())

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.middlewares.append(self._known_host)
        return app

    @web.middleware
    async def _known_host(self, request: web.Request,
                          handler: Callable[[web.Request], Awaitable[web.StreamResponse]]) -> web.StreamResponse:
        """Every request names this server: a page served from a rebound name gets nothing, the page included."""
        if not self.origins.host_allowed(request.headers.get("Host")):
            log.warning("refused a request for host %r: not a name this server answers to", _short(request.host))
            raise web.HTTPMisdirectedRequest(text="xiaomi-tui does not answer to this name.\n")
        return await handler(request)

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        """The page, its addresses built from the name the browser used (one of ours), or a page saying the
        server is full."""
        if len(self._sessions) >= self.max_tabs:
            return aiohttp_jinja2.render_template("full.html", request, {"max_tabs": self.max_tabs}, status=503)
        base = f"http://{request.host}"
        context = {
            "font_size": font_size(request.query.get("fontsize", "16")),
            "app_websocket_url": "ws:" + base.split(":", 1)[1] + str(request.app.router["websocket"].url_for()),
            "config": {"static": {"url": f"{base}/static/"}},
            "application": {"name": self.title},
            "rich_copy": RICH_COPY,
        }
        return aiohttp_jinja2.render_template("app_index.html", request, context)

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """One tab's session: only from this server's own page, while there is room; kept so that shutting
        down can end it."""
        origin = request.headers.get("Origin")
        if not self.origins.session_allowed(origin, request.headers.get("Host")):
            log.warning("refused a session from origin %r: not this server's page", _short(origin or "none"))
            raise web.HTTPForbidden(text="Only this server's own page may open a session.\n")
        if len(self._sessions) >= self.max_tabs:
            log.warning("refused a session: %d tabs open, the most this server serves", len(self._sessions))
            raise web.HTTPServiceUnavailable(text=f"xiaomi-tui serves {self.max_tabs} tabs at most.\n")
        session = asyncio.current_task()
        assert session is not None
        self._sessions.add(session)
        try:
            return await self._session(request)
        finally:
            self._sessions.discard(session)

    async def _session(self, request: web.Request) -> web.WebSocketResponse:
        websocket = web.WebSocketResponse(heartbeat=15, max_msg_size=64 * 1024)
        width, height = terminal_size(request.query.get("width", "80"), request.query.get("height", "24"))
        await websocket.prepare(request)
        async def close() -> None:
            await websocket.close()

        app = _App(self.command, write_bytes=websocket.send_bytes, write_str=websocket.send_str, close=close,
                   download_manager=self.download_manager, debug=self.debug)
        try:
            await app.start(width, height)
            await self._process_messages(websocket, app)
        except Malformed as error:
            log.warning("closed a session: a malformed message (%s)", error)
        except (asyncio.CancelledError, ConnectionError):
            pass
        except Exception as error:  # one line, never a traceback with the session's locals in it
            log.warning("closed a session: %s: %s", type(error).__name__, _short(str(error)))
        finally:
            await self._end(app)
            await websocket.close()
        return websocket

    async def _process_messages(self, websocket: web.WebSocketResponse, app_service: AppService) -> None:
        """What a tab sends, checked (see `guard.parse_message`); a size it asks for is bounded."""
        async for message in websocket:
            if message.type == WSMsgType.BINARY:
                raise Malformed("binary data")
            if message.type != WSMsgType.TEXT:
                continue
            envelope = parse_message(message.data)
            if envelope.kind == "stdin":
                await app_service.send_bytes(envelope.data.encode("utf-8", "replace"))
            elif envelope.kind == "resize":
                await app_service.set_terminal_size(*terminal_size(envelope.data["width"], envelope.data["height"]))
            elif envelope.kind == "ping":
                await websocket.send_json(["pong", envelope.data[:64]])
            elif envelope.kind == "blur":
                await app_service.blur()
            elif envelope.kind == "focus":
                await app_service.focus()

    async def _end(self, app: _App) -> None:
        """Ask the app to quit; if it has not gone within `STOP_GRACE` (a pipe full, an exit wedged), kill it."""
        async def quit_and_wait() -> None:
            await app.stop()
            if app.process is not None:
                await app.process.wait()

        with contextlib.suppress(Exception, asyncio.TimeoutError):
            await asyncio.wait_for(quit_and_wait(), STOP_GRACE)
        process = app.process
        if process is not None and process.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                process.kill()
            log.warning("ended an app that had not quit %.0f s after its tab closed", STOP_GRACE)
            with contextlib.suppress(Exception, asyncio.TimeoutError):
                await asyncio.wait_for(_drained(process), STOP_GRACE)

    async def on_shutdown(self, app: web.Application) -> None:
        """End every session: each asks its app to quit and waits for it (bounded by `_end`).

        Left open, aiohttp would wait a minute for the tabs' websockets to close before it gave up on them.
        """
        for session in list(self._sessions):
            session.cancel()
        await asyncio.gather(*self._sessions, return_exceptions=True)

    def initialize_logging(self) -> None:
        """Warnings and errors only, one line each: a line per request would bury the address to open, and a
        traceback with locals would print what a visitor sent."""
        logging.basicConfig(level=logging.WARNING, format="xiaomi-tui serve: %(message)s", force=True)

    async def on_startup(self, app: web.Application) -> None:
        """Nothing to say yet (textual-serve's logo and address would come before the port is ours)."""

    def _listening(self) -> None:
        self.console.print(f"xiaomi-tui: open {self.public_url} in a browser; Ctrl+C stops the server.",
                           markup=False, highlight=False)


async def _drained(process: asyncio.subprocess.Process) -> None:
    """Wait for a killed app, reading what it left in its pipe: asyncio counts a process as gone only once its
    pipes are closed, and the session that read them may have stopped at the full pipe."""
    if process.stdout is not None:
        with contextlib.suppress(RuntimeError):  # the session still reads it: it will reach the end itself
            while await process.stdout.read(1 << 16):
                pass
    await process.wait()


def _short(text: str, limit: int = 80) -> str:
    """Something a visitor sent, fit for one log line: no control characters, not too long."""
    shown = text.encode("unicode_escape").decode("ascii")
    return shown if len(shown) <= limit else shown[: limit - 3] + "..."


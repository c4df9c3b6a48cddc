"""`xiaomi-tui serve`: the dashboard in a web page through textual-serve, one app process per browser tab.

textual-serve starts each tab's app with `sh -c COMMAND`; the command `exec`s the app, so that the server is
its parent and the app's lifeline (`lifeline.py`) notices when the server is gone.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import os
import shlex
import socket
import sys
from pathlib import Path

from aiohttp import web
from textual_serve.server import Server

from xiaomi_tui.web.lifeline import SERVER_PID

TEMPLATES = Path(__file__).with_name("templates")


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


class DashboardServer(Server):
    """textual-serve's server with xiaomi-tui's page (no font CDN) and a quiet log."""

    def __init__(self, command: str, host: str, port: int):
        super().__init__(command, host=host, port=port, title="xiaomi-tui", public_url=public_url(host, port),
                         templates_path=TEMPLATES)
        self._sessions: set[asyncio.Task[object]] = set()

    def serve(self, debug: bool = False) -> None:
        os.environ[SERVER_PID] = str(os.getpid())  # every app's environment is a copy of ours
        super().serve(debug)

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """One tab's session, kept so that shutting down can end it."""
        session = asyncio.current_task()
        assert session is not None  # aiohttp runs each handler as a task
        self._sessions.add(session)
        try:
            return await super().handle_websocket(request)
        finally:
            self._sessions.discard(session)

    async def on_shutdown(self, app: web.Application) -> None:
        """End every session: each asks its app to quit and waits for it (the lifeline bounds the wait).

        Left open, aiohttp would wait a minute for the tabs' websockets to close before it gave up on them.
        """
        for session in list(self._sessions):
            session.cancel()
        await asyncio.gather(*self._sessions, return_exceptions=True)

    def initialize_logging(self) -> None:
        """Warnings and errors only: a line per request would bury the address to open."""
        super().initialize_logging()
        logging.getLogger().setLevel(logging.WARNING)

    async def on_startup(self, app: web.Application) -> None:
        self.console.print(f"xiaomi-tui: open {self.public_url} in a browser; Ctrl+C stops the server.",
                           markup=False, highlight=False)

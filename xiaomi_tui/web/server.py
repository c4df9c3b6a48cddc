"""`xiaomi-tui serve`: the dashboard in a web page through textual-serve, one app process per browser tab.

textual-serve starts each tab's app with `sh -c COMMAND`; the command `exec`s the app, so that the server is
its parent and the app's lifeline (`lifeline.py`) notices when the server is gone.
"""

from __future__ import annotations

import ipaddress
import logging
import shlex
import socket
import sys
from pathlib import Path

from aiohttp import web
from textual_serve.server import Server

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

    def __init__(self, app_arguments: list[str], host: str, port: int):
        super().__init__(app_command(app_arguments), host=host, port=port, title="xiaomi-tui",
                         public_url=public_url(host, port), templates_path=TEMPLATES)

    def initialize_logging(self) -> None:
        """Warnings and errors only: a line per request would bury the address to open."""
        super().initialize_logging()
        logging.getLogger().setLevel(logging.WARNING)

    async def on_startup(self, app: web.Application) -> None:
        self.console.print(f"xiaomi-tui: open {self.public_url} in a browser; Ctrl+C stops the server.",
                           markup=False, highlight=False)

"""What `serve` lets in: pages of its own origin only, a bounded terminal, a bounded number of tabs, and well-formed
messages.

Any web page the user visits can open a WebSocket to 127.0.0.1 (cross-site WebSocket hijacking), and a page on a
name that resolves to 127.0.0.1 (DNS rebinding) is, to the browser, its own origin. So a session is opened only
when the browser says the page came from this server (`Origin` is `http://` + `Host`) and the name the browser
used is one this server answers to (`Host`): its loopback names, or the origins `--public` lists.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

__all__ = ["MAX_COLUMNS", "MAX_ROWS", "MAX_TABS", "Envelope", "Malformed", "Origins", "font_size", "normalised",
           "parse_message", "terminal_size"]

MAX_COLUMNS, MAX_ROWS = 400, 200
"""The largest terminal a tab may ask for: a 4K screen at a small font. Each cell costs the app memory and work on
every frame; 5000x5000 took hundreds of MB and left the app stuck writing."""

MAX_TABS = 12
"""Tabs (each an app process of ~100 MB) served at once; the next visitor gets a page saying so."""


class Malformed(ValueError):
    """A message from a tab that is not one textual.js sends; the session ends."""


@dataclass(frozen=True)
class Origins:
    """The origins whose pages may open a session, as `scheme://host:port`, lowercase."""

    allowed: frozenset[str]

    @classmethod
    def of_server(cls, host: str, port: int, public: Iterable[str] | None = None) -> Origins:
        """Loopback: the address it listens on and `localhost`; public: the origins given (see `normalised`)."""
        if public:
            return cls(frozenset(normalised(origin) for origin in public))
        names = {host.lower()}
        if host == "localhost" or _is_loopback(host):
            names.add("localhost")
            names.add("127.0.0.1" if _version(host) != 6 else "[::1]")
        return cls(frozenset(f"http://{_bracketed(name)}:{port}" for name in names))

    def host_allowed(self, host: str | None) -> bool:
        """Whether `Host` names this server: a page on another name reached it through DNS rebinding."""
        return host is not None and any(urlsplit(origin).netloc == host.lower() for origin in self.allowed)

    def session_allowed(self, origin: str | None, host: str | None) -> bool:
        """A browser sends `Origin` with every WebSocket; its page must be this server's own."""
        if origin is None or not self.host_allowed(host):
            return False
        origin = origin.lower()
        return origin in self.allowed and urlsplit(origin).netloc == (host or "").lower()


def normalised(origin: str) -> str:
    """`http://Host:8000/` -> `http://host:8000`; raises `ValueError` for what is not an http(s) origin."""
    parts = urlsplit(origin.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.path not in ("", "/") or parts.query:
        raise ValueError(f"{origin!r} is not an origin such as http://dashboard.example:8000")
    port = parts.port or (443 if parts.scheme == "https" else 80)
    default = (parts.scheme, port) in (("http", 80), ("https", 443))
    host = _bracketed(parts.hostname)
    return f"{parts.scheme}://{host}" if default else f"{parts.scheme}://{host}:{port}"


def terminal_size(width: Any, height: Any) -> tuple[int, int]:
    """A size a tab asked for, as whole cells within 1..MAX: anything else is clamped, not obeyed."""
    def bounded(value: Any, most: int, default: int) -> int:
        try:
            number = int(value)
        except (TypeError, ValueError, OverflowError):
            return default
        return max(1, min(most, number))

    return bounded(width, MAX_COLUMNS, 80), bounded(height, MAX_ROWS, 24)


def font_size(value: str) -> int:
    """The page's font size in pixels, from its `?fontsize=`: 6 to 64, or 16."""
    try:
        return max(6, min(64, int(value)))
    except ValueError:
        return 16


@dataclass(frozen=True)
class Envelope:
    kind: str
    data: Any = None


_KINDS = {"stdin": str, "resize": dict, "ping": str, "focus": None, "blur": None}


def parse_message(text: str) -> Envelope:
    """One message from textual.js: `["stdin", "keys"]`, `["resize", {"width": 80, "height": 24}]`, `["ping", "t"]`,
    `["focus"]`, `["blur"]`; raises `Malformed` for anything else."""
    import json

    try:
        envelope = json.loads(text)
    except (ValueError, RecursionError):
        raise Malformed("not JSON") from None
    if not isinstance(envelope, list) or not envelope or envelope[0] not in _KINDS:
        raise Malformed("not a message textual.js sends")
    kind = envelope[0]
    wanted = _KINDS[kind]
    if wanted is None:
        return Envelope(kind)
    if len(envelope) < 2 or not isinstance(envelope[1], wanted):
        raise Malformed(f"a {kind} message without its {wanted.__name__}")
    if kind == "resize" and not (isinstance(envelope[1], dict) and {"width", "height"} <= envelope[1].keys()):
        raise Malformed("a resize message without width and height")
    return Envelope(kind, envelope[1])


def _version(host: str) -> int | None:
    try:
        return ipaddress.ip_address(host).version
    except ValueError:
        return None


def _is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _bracketed(name: str) -> str:
    return f"[{name}]" if _version(name) == 6 else name

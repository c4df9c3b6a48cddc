"""What `serve` lets in, driven over its own HTTP and WebSocket with stand-in apps (tests/fixtures/fake_served_app.py):
a page from another origin or a rebound name gets nothing, sizes and tabs are bounded, an app whose tab is gone
ends even when its pipe is full, and a malformed message ends its session with one line in the log."""

from __future__ import annotations

import asyncio
import json
import logging
import shlex
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest
from aiohttp import web

from xiaomi_tui.web import server as served
from xiaomi_tui.web.guard import MAX_COLUMNS, MAX_ROWS, Malformed, Origins, normalised, parse_message
from xiaomi_tui.web.server import DashboardServer

FAKE_APP = Path(__file__).parent / "fixtures" / "fake_served_app.py"


def fake(mode: str) -> str:
    return "exec " + shlex.join([sys.executable, str(FAKE_APP), mode])


class Running:
    def __init__(self, server: DashboardServer, port: int) -> None:
        self.server, self.port = server, port
        self.own = f"http://127.0.0.1:{port}"

    def connect(self, session: aiohttp.ClientSession, origin: str | None = "own", host: str | None = None,
                query: str = "") -> object:
        headers = {} if origin is None else {"Origin": self.own if origin == "own" else origin}
        if host is not None:
            headers["Host"] = host
        return session.ws_connect(f"ws://127.0.0.1:{self.port}/ws{query}", headers=headers)


async def start(mode: str, max_tabs: int = 4) -> tuple[Running, web.AppRunner]:
    from served import free_port

    port = free_port()
    server = DashboardServer(fake(mode), "127.0.0.1", port, max_tabs=max_tabs)
    runner = web.AppRunner(await server._make_app())
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    return Running(server, port), runner


@pytest.fixture
async def echo() -> AsyncIterator[Running]:
    running, runner = await start("echo")
    yield running
    await runner.cleanup()


async def first_json(websocket: aiohttp.ClientWebSocketResponse) -> dict[str, object]:
    message = await asyncio.wait_for(websocket.receive(), 10)
    assert message.type == aiohttp.WSMsgType.BINARY, message
    return json.loads(message.data)


@pytest.mark.parametrize(("origin", "host", "status"), [
    pytest.param("http://evil.example", None, 403, id="another-site"),
    pytest.param("http://127.0.0.1:1", None, 403, id="another-local-port"),
    pytest.param(None, None, 403, id="no-origin"),
    pytest.param("http://rebound.example:{port}", "rebound.example:{port}", 421, id="dns-rebinding"),
])
async def test_a_page_from_another_origin_cannot_open_a_session(echo: Running, origin, host, status: int) -> None:
    origin = origin and origin.format(port=echo.port)
    host = host and host.format(port=echo.port)
    async with aiohttp.ClientSession() as session:
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            async with echo.connect(session, origin, host):
                pass
    assert refused.value.status == status
    assert echo.server._sessions == set()


async def test_the_page_and_a_session_from_its_own_origin_work_under_either_loopback_name(echo: Running) -> None:
    async with aiohttp.ClientSession() as session:
        for name in ("127.0.0.1", "localhost"):
            host = f"{name}:{echo.port}"
            async with session.get(f"http://127.0.0.1:{echo.port}/", headers={"Host": host}) as page:
                assert page.status == 200
                assert f'data-session-websocket-url="ws://{host}/ws"' in await page.text()
            async with echo.connect(session, f"http://{host}", host) as websocket:
                assert await first_json(websocket) == {"columns": "80", "rows": "24"}
        async with session.get(f"http://127.0.0.1:{echo.port}/", headers={"Host": "rebound.example"}) as page:
            assert page.status == 421


async def test_a_tab_cannot_ask_for_a_huge_terminal(echo: Running) -> None:
    huge = "?width=5000&height=5000"
    async with aiohttp.ClientSession() as session, echo.connect(session, query=huge) as websocket:
        assert await first_json(websocket) == {"columns": str(MAX_COLUMNS), "rows": str(MAX_ROWS)}
        await websocket.send_str(json.dumps(["resize", {"width": 10**9, "height": -4}]))
        assert await first_json(websocket) == {"type": "resize", "width": MAX_COLUMNS, "height": 1}


async def test_tabs_past_the_cap_get_a_page_saying_so() -> None:
    running, runner = await start("echo", max_tabs=1)
    try:
        async with aiohttp.ClientSession() as session, running.connect(session) as first:
            await first_json(first)
            with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                async with running.connect(session):
                    pass
            assert refused.value.status == 503
            async with session.get(f"{running.own}/") as page:
                assert page.status == 503
                assert "xiaomi-tui is serving 1 tabs, the most it serves at once." in await page.text()
    finally:
        await runner.cleanup()


async def test_an_app_stuck_writing_to_a_full_pipe_ends_when_its_tab_closes(monkeypatch) -> None:
    monkeypatch.setattr(served, "STOP_GRACE", 1.0)
    running, runner = await start("flood")
    try:
        processes = []
        original = served._App._open_app_process

        async def keep(app, width=80, height=24):
            processes.append(await original(app, width, height))
            return processes[-1]

        monkeypatch.setattr(served._App, "_open_app_process", keep)
        async with aiohttp.ClientSession() as session:
            websocket = await running.connect(session)
            await websocket.receive()
            await websocket.close()
        [process] = processes
        await asyncio.wait_for(process.wait(), 10)  # textual-serve alone waits forever: the quit is never read
        for _ in range(100):  # and the session, having ended it, is gone too
            if not running.server._sessions:
                break
            await asyncio.sleep(0.1)
        assert running.server._sessions == set()
    finally:
        await runner.cleanup()


@pytest.mark.parametrize("message", ["not json", "[1, 2]", '["stdin", 5]', '["resize", "big"]', "[" * 5000])
async def test_a_malformed_message_ends_the_session_with_one_line(echo: Running, caplog, message: str) -> None:
    caplog.set_level(logging.WARNING)
    async with aiohttp.ClientSession() as session, echo.connect(session) as websocket:
        await first_json(websocket)
        await websocket.send_str(message)
        while (await asyncio.wait_for(websocket.receive(), 10)).type not in (
                aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.CLOSING):
            pass
    [record] = [record for record in caplog.records if "closed a session" in record.getMessage()]
    assert record.getMessage().startswith("closed a session: a malformed message (")
    assert record.exc_info is None


def test_messages_textual_js_sends_are_read_and_nothing_else() -> None:
    assert parse_message('["stdin", "q"]').data == "q"
    assert parse_message('["resize", {"width": 80, "height": 24}]').kind == "resize"
    assert parse_message('["focus"]').kind == "focus"
    for bad in ('["resize", {"width": 80}]', '{"stdin": "q"}', '["exec", "rm"]', "[]", '"x"'):
        with pytest.raises(Malformed):
            parse_message(bad)


def test_public_origins_are_the_ones_listed() -> None:
    origins = Origins.of_server("0.0.0.0", 8000, ["http://Dash.example:8000/", "https://dash.example"])
    assert origins.allowed == {"http://dash.example:8000", "https://dash.example"}
    assert origins.session_allowed("http://dash.example:8000", "dash.example:8000")
    assert not origins.session_allowed("http://evil.example", "dash.example:8000")
    assert not origins.session_allowed("http://127.0.0.1:8000", "127.0.0.1:8000")
    with pytest.raises(ValueError, match="is not an origin"):
        normalised("dash.example:8000/path")


async def test_a_citations_html_goes_on_to_the_page_as_two_strings_and_nothing_else() -> None:
    """The app's rich copy reaches the page as its text and HTML alone; one of another shape goes nowhere, and
    textual-serve's own meta messages are handled as before."""
    from textual_serve.download_manager import DownloadManager

    from xiaomi_tui.io.clipboard import RICH_COPY

    sent: list[str] = []

    async def to_the_page(text: str) -> None:
        sent.append(text)

    async def nothing(*_: object) -> None:
        pass

    app = served._App("true", write_bytes=nothing, write_str=to_the_page, close=nothing,
                      download_manager=DownloadManager())
    for meta in ({"type": RICH_COPY, "text": "Alpha.", "html": "<p><i>Alpha</i>.</p>", "other": "dropped"},
                 {"type": RICH_COPY, "text": "Alpha.", "html": ["<p>"]},
                 {"type": "open_url", "url": "https://alpha.example", "new_tab": True}):
        await app.on_meta(json.dumps(meta).encode())
    assert [json.loads(message) for message in sent] == [
        [RICH_COPY, {"text": "Alpha.", "html": "<p><i>Alpha</i>.</p>"}],
        ["open_url", {"url": "https://alpha.example", "new_tab": True}],
    ]

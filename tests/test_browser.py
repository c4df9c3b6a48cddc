"""End to end in a browser: the installed `xiaomi-tui serve`, opened in headless Chromium through Playwright.

A person's visit: open the page, switch pane, copy a citation, export from the palette, read the help, close the
tab; and a server stopped, as an operator would, with tabs open. The
page's text is read from xterm.js's buffer (see tests/served.py), the processes from /proc.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from helpers import wait_until
from playwright.sync_api import Page, sync_playwright
from served import (
    CHROMIUM,
    app_processes,
    free_port,
    launch_chromium,
    new_context,
    open_dashboard,
    processes_left,
    start_server,
    terminal_text,
    wait_for_screen,
)

from xiaomi_tui.facts.export.tables import export
from xiaomi_tui.facts.load.loader import load
from xiaomi_tui.settings import settings_path

pytestmark = [
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} is missing (.ci/run installs it with apt-get)"),
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="processes are read from /proc"),
]

COMMAND = Path(sys.executable).with_name("xiaomi-tui")
FIXTURE = Path(__file__).parent / "fixtures" / "small.toml"

EXIT_GRACE = 10.0
"""Seconds a process may take to go: well above the lifeline's three, for a loaded machine."""


def clipboard(page: Page) -> str:
    return page.evaluate("navigator.clipboard.readText()")


def download_from_the_palette(page: Page, command: str, offered: str) -> tuple[str, str]:
    """Run a palette command that downloads a file: the file's suggested name and its text."""
    page.keyboard.press("Control+p")
    page.keyboard.type(command)
    wait_for_screen(page, lambda text: offered in text, f"the palette's {command}")
    # textual.js opens the download in a new tab that closes at once; Playwright reports it on this page.
    with page.expect_download(timeout=15_000) as download:
        page.keyboard.press("Enter")
    return download.value.suggested_filename, Path(download.value.path()).read_text(encoding="utf-8")


@pytest.fixture
def server() -> Iterator[tuple[subprocess.Popen[str], str]]:
    """`xiaomi-tui serve` on the small fixture; whatever it leaves behind is killed after the test."""
    port = free_port()
    process = start_server([str(COMMAND), "serve", "--port", str(port), "--facts", str(FIXTURE)], port)
    yield process, f"http://127.0.0.1:{port}/"
    for pid in processes_left(process):  # only after a failure: the test itself checks that none are left
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    process.wait(timeout=10)


@pytest.mark.timeout(90)
def test_a_visit_in_the_browser(server: tuple[subprocess.Popen[str], str]) -> None:
    process, url = server
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        context = new_context(browser)
        requested: list[str] = []
        failed: list[str] = []
        context.on("request", lambda request: requested.append(request.url))
        context.on("requestfailed", lambda request: failed.append(request.url))
        page = open_dashboard(context, url)
        wait_for_screen(page, lambda text: "Body style" in text, "the Specs pane")
        # Offline it looks the same: nothing is fetched from elsewhere (textual-serve's own page asks a font CDN).
        assert [address for address in requested if not address.startswith(url)] == []
        assert failed == []
        [app] = app_processes(process)

        page.keyboard.press("2")
        timeline = wait_for_screen(page, lambda text: "Mass-production start" in text, "the Timeline pane")
        assert "Body style" not in timeline

        page.keyboard.press("p")  # the chart draws in the page as in a terminal: its axis, each forecast said (├)
        chart = wait_for_screen(page, lambda text: "Forecasts against what happened" in text, "the forecast chart")
        assert "2021" in chart and "\u25b6 \u2205 Mass-production start: Dec 2023" in chart and "\u251c" in chart
        page.keyboard.press("Escape")
        wait_for_screen(page, lambda text: "Forecasts against" not in text, "the timeline, the chart closed")

        page.keyboard.press("c")
        assert wait_until(lambda: clipboard(page) != "", timeout=10), "c put nothing on the browser's clipboard"
        assert "Maker to start mass production in December" in clipboard(page)
        assert "https://alpha.example/maker-december" in clipboard(page)
        wait_for_screen(page, lambda text: "Copied (apa) in the browser" in text, "where the citation went")

        name, exported = download_from_the_palette(page, "Export all as JSON", "as JSON: a download")
        assert name.endswith(".json")
        assert json.loads(exported) == json.loads(export(load(FIXTURE), None, "json"))

        name, exported = download_from_the_palette(page, "Export view as CSV", "as CSV: a download")
        assert name.startswith("xiaomi-view-timeline-")
        lines = exported.removeprefix("\ufeff").splitlines()
        assert len(lines) == 1 + len(load(FIXTURE).dated_claims)  # the timeline's claims, not every claim

        page.keyboard.press("?")
        page.keyboard.press("End")
        wait_for_screen(page, lambda text: "The browser keeps some keys for itself" in " ".join(text.split()),
                        "the keys the browser keeps, in the help")
        page.keyboard.press("Escape")

        # A visitor's choice of style lasts for the tab: the server user's settings file is never written.
        wait_for_screen(page, lambda text: "Year  When" in text, "the help closed")
        page.keyboard.press("C")
        wait_for_screen(page, lambda text: "Citation style for c" in text, "the style picker")
        page.keyboard.press("ArrowDown")
        page.keyboard.press("Enter")
        wait_for_screen(page, lambda text: "c now copies mla citations" in text, "the style chosen")
        assert not settings_path().exists()

        page.close()
        assert wait_until(lambda: app not in app_processes(process), EXIT_GRACE), "the closed tab's app still runs"

        browser.close()


RICH_CLIPBOARD = """(async () => {
  const [item] = await navigator.clipboard.read();
  const text = async (type) => item?.types.includes(type) ? await (await item.getType(type)).text() : null;
  return {html: await text("text/html"), plain: await text("text/plain")};
})()"""
"""What the page's clipboard holds, as a word processor pasting it reads it: its HTML and its plain text."""


def cite_on_the_timeline(page: Page) -> None:
    wait_for_screen(page, lambda text: "Body style" in text, "the Specs pane")
    page.keyboard.press("2")
    wait_for_screen(page, lambda text: "Mass-production start" in text, "the Timeline pane")
    page.keyboard.press("c")
    wait_for_screen(page, lambda text: "Copied (apa) in the browser" in text, "where the citation went")


@pytest.mark.timeout(90)
def test_a_citation_copied_in_the_browser_is_rich_text_beside_plain(server: tuple[subprocess.Popen[str], str]) -> None:
    """`c` in a tab puts the citation's HTML (the site in italics, as a word processor wants it) beside its plain
    text on the browser's clipboard, as a copy in a terminal does on X11's; the plain text is `cite`'s. A browser
    without ClipboardItem gets the plain text alone."""
    cited = subprocess.run([str(COMMAND), "cite", "alpha-mass-production-dec", "--facts", str(FIXTURE)],
                           capture_output=True, text=True, check=True).stdout.removesuffix("\n")
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        older = new_context(browser)
        older.add_init_script("delete window.ClipboardItem;")
        page = open_dashboard(older, server[1])
        cite_on_the_timeline(page)
        assert wait_until(lambda: page.evaluate(RICH_CLIPBOARD)["plain"] == cited, timeout=10)
        assert page.evaluate(RICH_CLIPBOARD)["html"] is None

        page = open_dashboard(new_context(browser), server[1])
        cite_on_the_timeline(page)
        assert wait_until(lambda: page.evaluate(RICH_CLIPBOARD)["html"] is not None, timeout=10), \
            "the browser's clipboard holds plain text only"
        copied = page.evaluate(RICH_CLIPBOARD)
        browser.close()
    assert copied["plain"] == cited
    entry = "<p>Maker to start mass production in December. (2023, November 15). <i>Alpha News</i>."
    assert entry in copied["html"], copied["html"]


@pytest.mark.timeout(90)
def test_a_served_tab_is_read_only_and_says_so(server: tuple[subprocess.Popen[str], str]) -> None:
    """`e` in a browser tab opens no editor: the visitor is not the curator, and the fact base stays as it was."""
    before = FIXTURE.read_bytes()
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        page = open_dashboard(new_context(browser), server[1])
        wait_for_screen(page, lambda text: "Body style" in text, "the Specs pane")
        page.keyboard.press("e")
        screen = wait_for_screen(page, lambda text: "served read-only" in text, "the read-only notice")
        assert "Edit claim" not in screen
        page.keyboard.press("n")
        page.keyboard.press("2")  # the dashboard still takes keys: no editor is on top
        wait_for_screen(page, lambda text: "Mass-production start" in text, "the Timeline pane")
        browser.close()
    assert FIXTURE.read_bytes() == before


def sigterm_to_the_server(server: subprocess.Popen[str]) -> None:
    server.send_signal(signal.SIGTERM)


def ctrl_c_in_its_terminal(server: subprocess.Popen[str]) -> None:
    """A terminal sends SIGINT to its foreground process group: the server and every app."""
    os.killpg(server.pid, signal.SIGINT)


@pytest.mark.timeout(90)
@pytest.mark.parametrize("stop", [sigterm_to_the_server, ctrl_c_in_its_terminal], ids=["sigterm", "ctrl-c"])
def test_stopping_the_server_ends_the_app_of_every_open_tab(server: tuple[subprocess.Popen[str], str], stop) -> None:
    process, url = server
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        context = new_context(browser)
        tabs = [open_dashboard(context, url) for _ in range(2)]
        for tab in tabs:
            wait_for_screen(tab, lambda text: "Body style" in text, "the Specs pane")
        assert len(app_processes(process)) == 2

        stop(process)
        process.wait(timeout=EXIT_GRACE)
        assert wait_until(lambda: processes_left(process) == [], EXIT_GRACE), \
            f"left running after the server stopped: {processes_left(process)}"
        assert "Body style" in terminal_text(tabs[0])  # the page itself is still there; only the server went
        tabs[0].wait_for_selector("body.-closed .ended", state="visible", timeout=10_000)
        assert not tabs[0].is_visible("#terminal")  # "Session ended." alone, not drawn over the last frame
        browser.close()


HOSTILE_PAGE = """<!DOCTYPE html><script>
window.outcome = new Promise(resolve => {
  const socket = new WebSocket("%s");
  socket.onopen = () => resolve("open");
  socket.onmessage = () => resolve("streamed");
  socket.onerror = () => resolve("refused");
});
</script>"""


@contextlib.contextmanager
def another_local_site(page: bytes) -> Iterator[str]:
    """A second web server on this machine, on a port of its own: another origin, as any site the user visits."""
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(page)

        def log_message(self, *args) -> None:
            pass

    site = ThreadingHTTPServer(("127.0.0.1", free_port()), Handler)
    threading.Thread(target=site.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{site.server_address[1]}/"
    finally:
        site.shutdown()
        site.server_close()


@pytest.mark.timeout(60)
def test_a_page_from_another_local_origin_cannot_open_a_session(server: tuple[subprocess.Popen[str], str]) -> None:
    """Cross-site WebSocket hijacking: a page elsewhere opens a socket to the server, which must refuse it."""
    process, url = server
    socket_url = url.replace("http:", "ws:") + "ws"
    with another_local_site((HOSTILE_PAGE % socket_url).encode()) as elsewhere, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        page = new_context(browser).new_page()
        page.goto(elsewhere)
        assert page.evaluate("outcome") == "refused"
        assert app_processes(process) == []
        page.goto(url)  # the server's own page, in the same browser, still opens its session
        page.wait_for_function("document.body.classList.contains('-first-byte')", timeout=20_000)
        assert len(app_processes(process)) == 1
        browser.close()

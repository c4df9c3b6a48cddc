"""Browser mode: time from opening the page to the app's first complete frame, ours against a bare Textual app.

    python benchmarks/browser.py                          # 7 interleaved runs per app
    python benchmarks/browser.py --runs 15
    python benchmarks/browser.py --screenshot docs/browser.png   # and the README's picture of the dashboard

Both apps are served the same way, by xiaomi-tui's server (its page, textual-serve underneath) on the bundled
fact base, and opened in headless Chromium (Debian's /usr/bin/chromium) at 1200x760. Each run opens a new tab,
so it pays for a new app process, as a visitor does; the clock runs from the request for the page to the first
buffer that holds the table's first row and the footer. The tab is closed and its app gone before the next run.
"""

from __future__ import annotations

import argparse
import shlex
import statistics
import sys
import time
from pathlib import Path

from playwright.sync_api import BrowserContext, sync_playwright

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from helpers import wait_until  # noqa: E402
from served import (  # noqa: E402
    app_processes,
    free_port,
    launch_chromium,
    new_context,
    open_dashboard,
    start_server,
    terminal_text,
)

FIRST_FRAME = """() => {
  const rows = servedTerminalText().split("\\n"), footer = rows.filter(row => row.trim()).pop() || "";
  return rows.some(row => row.includes("Body style")) && footer.includes("Quit");
}"""
"""Both apps' first table row is "Body style", and both footers offer Quit: the frame is complete."""

SERVE = ("import sys; from xiaomi_tui.web.server import DashboardServer; "
         "DashboardServer(sys.argv[1], '127.0.0.1', int(sys.argv[2])).serve()")

APPS = {
    "xiaomi-tui": [sys.executable, "-m", "xiaomi_tui"],
    "bare Textual": [sys.executable, str(HERE / "bare_app.py")],
}


def first_frame(context: BrowserContext, url: str, server, screenshot: Path | None = None) -> float:
    started = time.perf_counter()
    page = open_dashboard(context, url)
    page.wait_for_function(FIRST_FRAME, polling=10, timeout=60_000)
    elapsed = time.perf_counter() - started
    if screenshot is not None:
        page.wait_for_timeout(500)  # the tab underline's animation settles
        page.screenshot(path=str(screenshot))
    page.close()
    if not wait_until(lambda: app_processes(server) == [], timeout=15):
        raise SystemExit(f"the app behind {url} did not end; the page showed:\n{terminal_text(page)}")
    return elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="runs per app, interleaved (default 7)")
    parser.add_argument("--screenshot", type=Path, help="also save a screenshot of xiaomi-tui's first frame here")
    args = parser.parse_args(argv)

    servers = {}
    for name, command in APPS.items():
        port = free_port()
        servers[name] = (start_server([sys.executable, "-c", SERVE, "exec " + shlex.join(command), str(port)], port),
                         f"http://127.0.0.1:{port}/")
    times: dict[str, list[float]] = {name: [] for name in APPS}
    try:
        with sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            context = new_context(browser)
            for server, url in servers.values():  # a first visit each, not counted: disk caches warm up
                first_frame(context, url, server)
            for run in range(args.runs):
                for name, (server, url) in servers.items():
                    times[name].append(first_frame(context, url, server))
                    print(f"run {run + 1}: {name} {times[name][-1] * 1000:.0f} ms", file=sys.stderr, flush=True)
            if args.screenshot:
                server, url = servers["xiaomi-tui"]
                first_frame(context, url, server, screenshot=args.screenshot)
            browser.close()
    finally:
        for server, _ in servers.values():
            server.terminate()
            server.wait(timeout=15)

    print(f"Browser: page request to first complete frame, headless Chromium, {args.runs} runs each (ms)")
    print(f"{'app':<14}{'median':>8}{'min':>8}{'max':>8}")
    for name, measured in times.items():
        print(f"{name:<14}{statistics.median(measured) * 1000:>8.0f}{min(measured) * 1000:>8.0f}"
              f"{max(measured) * 1000:>8.0f}")
    ratio = statistics.median(times["xiaomi-tui"]) / statistics.median(times["bare Textual"])
    print(f"xiaomi-tui / bare: {ratio:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

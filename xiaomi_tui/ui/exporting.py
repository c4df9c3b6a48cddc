"""Exports from the palette: every claim from the sources in view, as the `export` command writes them.

In a browser the file is a download (`App.deliver_text`); in a terminal the same call writes it into the
current directory, where the person who started the dashboard will look, and the app says where.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events
from textual.app import SystemCommand

if TYPE_CHECKING:
    from xiaomi_tui.ui.app import XiaomiApp

FORMATS = {"json": ("JSON", "json", "application/json"), "csv": ("CSV", "csv", "text/csv"),
           "markdown": ("Markdown", "md", "text/markdown")}
"""Format: (name, file extension, MIME type)."""

DELIVERY = "export"
"""The name Textual hands back with DeliveryComplete, telling an export from a screenshot."""


def export_commands(app: XiaomiApp) -> Iterator[SystemCommand]:
    where = "a download" if app.is_web else "a file in the current directory"
    for fmt, (name, _, _) in FORMATS.items():
        yield SystemCommand(f"Export {name}", f"Every claim from the sources in view, as {name}: {where}",
                            partial(deliver_export, app, fmt))


def deliver_export(app: XiaomiApp, fmt: str) -> None:
    from xiaomi_tui.facts.export import export

    _name, extension, mime_type = FORMATS[fmt]
    text = export(app.facts, app.view.sources, fmt)
    app.deliver_text(io.StringIO(text), save_directory=Path.cwd(), mime_type=mime_type, name=DELIVERY,
                     save_filename=f"xiaomi-claims-{datetime.now():%Y%m%d-%H%M%S}.{extension}")


def report_delivery(app: XiaomiApp, event: events.DeliveryComplete | events.DeliveryFailed) -> None:
    if event.name != DELIVERY:
        return
    if isinstance(event, events.DeliveryFailed):
        app.notify(f"The export failed: {event.exception}", title="Export", severity="error", markup=False)
    elif event.path is None:  # a browser fetched it
        app.notify("The export went to the browser as a download.", title="Export", markup=False)
    else:
        app.notify(f"Exported to {event.path}", title="Export", markup=False)

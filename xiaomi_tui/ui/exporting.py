"""Exports from the palette, as the `export` command writes them: every claim from the sources in view ("Export
all"), or only those behind the rows the pane shows, in its order, with its search ("Export view").

In a browser the file is a download (`App.deliver_text`); in a terminal it is written into the current
directory, where the person who started the dashboard will look (`files.write_atomically`), and the app says where.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Protocol, TextIO

from textual import events
from textual.app import SystemCommand
from textual.notifications import SeverityLevel

from xiaomi_tui.io.files import WriteFailed, shown, write_atomically
from xiaomi_tui.ui.panes.base import Pane
from xiaomi_tui.ui.view import HasView


class Exporter(HasView, Protocol):
    """What an export needs of the app: the view and the pane shown, whether it runs in a browser, a download,
    and a word."""

    @property
    def is_web(self) -> bool: ...

    @property
    def active_pane(self) -> Pane: ...

    def deliver_text(self, path_or_file: TextIO, *, save_filename: str, mime_type: str, name: str) -> str | None: ...

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               markup: bool = True) -> None: ...

FORMATS = {"json": ("JSON", "json", "application/json"), "csv": ("CSV", "csv", "text/csv"),
           "markdown": ("Markdown", "md", "text/markdown")}
"""Format: (name, file extension, MIME type)."""

BIBLIOGRAPHIES = {"csl-json": ("CSL-JSON", "json", "application/vnd.citationstyles.csl+json"),
                  "bibtex": ("BibTeX", "bib", "application/x-bibtex"),
                  "ris": ("RIS", "ris", "application/x-research-info-systems")}
"""The bibliography, as `export --format csl-json|bibtex|ris` writes it: the documents the claims in view cite."""

DELIVERY = "export"
"""The name Textual hands back with DeliveryComplete, telling an export from a screenshot."""


def export_commands(app: Exporter) -> Iterator[SystemCommand]:
    where = "a download" if app.is_web else "a file in the current directory"
    for fmt, (name, _, _) in FORMATS.items():
        yield SystemCommand(f"Export view as {name}", f"The claims behind this pane's rows, with its search and "
                            f"sources, as {name}: {where}", partial(deliver_export, app, fmt, view=True))
    for fmt, (name, _, _) in FORMATS.items():
        yield SystemCommand(f"Export all as {name}", f"Every claim from the sources in view, as {name}: {where}",
                            partial(deliver_export, app, fmt))
    for fmt, (name, _, _) in BIBLIOGRAPHIES.items():
        yield SystemCommand(f"Export bibliography as {name}", f"Each document the claims in view cite, once, as "
                            f"{name} for Zotero, pandoc or biblatex: {where}", partial(deliver_bibliography, app, fmt))


def deliver_export(app: Exporter, fmt: str, view: bool = False) -> None:
    from xiaomi_tui.facts.export.tables import Scope, export

    _name, extension, mime_type = FORMATS[fmt]
    pane = app.active_pane
    scope = Scope(tuple(pane.claims_shown(app.view)), str(pane.id), app.view.query) if view else None
    text = export(app.view.facts, app.view.sources, fmt, scope, analysis=app.view.analysis)  # analysed once
    what = f"view-{pane.id}" if view else "claims"
    _deliver(app, text, f"xiaomi-{what}-{datetime.now():%Y%m%d-%H%M%S}.{extension}", mime_type)


def deliver_bibliography(app: Exporter, fmt: str) -> None:
    from xiaomi_tui.facts.citations import bibliography

    _name, extension, mime_type = BIBLIOGRAPHIES[fmt]
    text = bibliography(app.view.facts, app.view.sources, fmt)
    _deliver(app, text, f"xiaomi-bibliography-{datetime.now():%Y%m%d-%H%M%S}.{extension}", mime_type)


def _deliver(app: Exporter, text: str, filename: str, mime_type: str) -> None:
    if app.is_web:
        app.deliver_text(io.StringIO(text), mime_type=mime_type, name=DELIVERY, save_filename=filename)
        return
    # In a terminal, our own write: whole or not at all, and never through a link planted at the name.
    try:
        path = free_name(Path.cwd() / filename)
        write_atomically(path, text)
    except WriteFailed as error:
        app.notify(f"The export failed: {error}", title="Export", severity="error", markup=False)
    except OSError as error:  # the directory the dashboard started in is gone (or no longer ours to read)
        app.notify(f"The export failed: the current directory is gone or unreadable "
                   f"({error.strerror or error}); start the dashboard from a directory that exists",
                   title="Export", severity="error", markup=False)
    else:
        app.notify(f"Exported to {shown(path)}", title="Export", markup=False)


def free_name(path: Path) -> Path:
    """`path`, or the same name with a counter (`-2`, `-3`...) when a file has it: two exports in one second
    are two files, the second never replacing the first."""
    candidate, n = path, 1
    while os.path.lexists(candidate):
        n += 1
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
    return candidate


def report_delivery(app: Exporter, event: events.DeliveryComplete | events.DeliveryFailed) -> None:
    if event.name != DELIVERY:
        return
    if isinstance(event, events.DeliveryFailed):
        app.notify(f"The export failed: {event.exception}", title="Export", severity="error", markup=False)
    else:  # only a browser's downloads go through Textual's delivery
        app.notify("The export went to the browser as a download.", title="Export", markup=False)

"""Fact bases validated before, kept between runs: an unchanged file opens without parsing or validating.

A fact base is opened many times a day and edited far less often. After a successful load its
records and warnings are pickled under the user's cache directory, named by a hash of the file's
bytes and of the code that reads them, so an edit to either makes a new entry. Reading one back
needs neither tomllib (0.45 s at 10,000 claims) nor pydantic (120 ms to import and build), which
brings the dashboard's start-up close to a bare Textual app's. An entry that cannot be read or
written is simply not used.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import time
from pathlib import Path
from typing import NamedTuple

from xiaomi_tui.facts.records import FactFile

__all__ = ["Validated", "entry_for", "read", "write"]

KEEP = 8
"""Fact bases kept; older ones are removed when a new one is written."""

ABANDONED_AFTER = 60.0
"""Seconds after which a temporary file is a write that was killed (a write takes under a second)."""

CODE = ("records.py", "rules.py", "fuzzydate.py", "loader.py", "schema.py")
"""What decides how a file's bytes become records: a change to any of them makes every entry stale."""


class Validated(NamedTuple):
    data: FactFile
    warnings: list[str]


def read(entry: Path) -> Validated | None:
    try:
        with entry.open("rb") as handle:
            kept = pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError, TypeError, ImportError):
        return None
    return kept if isinstance(kept, Validated) and isinstance(kept.data, FactFile) else None


def write(entry: Path, validated: Validated) -> None:
    """Keep the records: written atomically, so a reader never sees half a file; then prune.

    Paid once per version of a file, in the process that validated it (0.66 s at 50,000 claims).
    """
    temporary = entry.with_suffix(f".{os.getpid()}.tmp")
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        try:
            with temporary.open("wb") as handle:
                pickle.dump(validated, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, entry)
        finally:
            temporary.unlink(missing_ok=True)
        _prune(entry.parent)
    except OSError:
        pass


def _prune(folder: Path) -> None:
    """Keep the newest entries, and drop what killed writers left behind."""
    entries = sorted(folder.glob("*.pickle"), key=lambda path: path.stat().st_mtime, reverse=True)
    for stale in entries[KEEP:]:
        stale.unlink(missing_ok=True)
    abandoned = time.time() - ABANDONED_AFTER
    for temporary in folder.glob("*.tmp"):
        if temporary.stat().st_mtime < abandoned:
            temporary.unlink(missing_ok=True)


def entry_for(raw: bytes) -> Path | None:
    """Where the records of these bytes are kept, or None when the cache is off.

    Hashing is the cost of a hit (25 ms for a 12 MB file): find the entry once, then read or write it.
    """
    if os.environ.get("XIAOMI_TUI_NO_CACHE"):
        return None
    digest = hashlib.sha256(raw)
    here = Path(__file__).parent
    try:
        for name in CODE:
            digest.update((here / name).read_bytes())
    except OSError:
        return None
    from platformdirs import user_cache_path

    version = f"{sys.version_info[0]}.{sys.version_info[1]}"
    return user_cache_path("xiaomi-tui", appauthor=False) / "validated" / f"{digest.hexdigest()}-{version}.pickle"

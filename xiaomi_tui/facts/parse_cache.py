"""Parsed TOML kept between runs, keyed by the file's bytes: parsing is most of a large file's load time.

The standard `tomllib` is pure Python; at 10,000 claims it takes about 0.45 s of a 0.6 s load.
A fact base is opened many times a day and edited far less often, so the parsed document (plain
dicts, lists, strings and numbers) is pickled under the user's cache directory, named by a hash
of the file's bytes: any edit makes a new key, and validation still runs on every load.
Small files skip the cache, since parsing them is quicker than hashing and unpickling.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

__all__ = ["MIN_BYTES", "parse_toml"]

MIN_BYTES = 256 * 1024
KEEP = 8
"""Parsed files kept; older ones are removed when a new one is written."""

FORMAT = 1
"""Bumped when what is stored changes, so old entries are never read."""


def parse_toml(raw: bytes, text: str) -> dict[str, Any]:
    """`tomllib.loads(text)`, from the cache when these exact bytes were parsed before."""
    if len(raw) < MIN_BYTES or os.environ.get("XIAOMI_TUI_NO_CACHE"):
        return tomllib.loads(text)
    digest = hashlib.sha256(raw).hexdigest()
    entry = _folder() / f"{digest}-{FORMAT}-{sys.version_info[0]}.{sys.version_info[1]}.pickle"
    try:
        with entry.open("rb") as handle:
            document = pickle.load(handle)
        if isinstance(document, dict):
            return document
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
        pass
    document = tomllib.loads(text)  # a syntax error propagates: nothing is stored
    _store(entry, document)
    return document


def _folder() -> Path:
    from platformdirs import user_cache_path

    return user_cache_path("xiaomi-tui", appauthor=False) / "parsed"


def _store(entry: Path, document: dict[str, Any]) -> None:
    """Write atomically and prune; a cache that cannot be written is simply not used."""
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        temporary = entry.with_suffix(f".{os.getpid()}.tmp")
        with temporary.open("wb") as handle:
            pickle.dump(document, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, entry)
        entries = sorted(entry.parent.glob("*.pickle"), key=lambda path: path.stat().st_mtime, reverse=True)
        for stale in entries[KEEP:]:
            stale.unlink(missing_ok=True)
    except OSError:
        pass

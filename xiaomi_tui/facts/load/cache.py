"""Fact bases validated before, kept between runs: an unchanged file opens without parsing or validating.

A fact base is opened many times a day and edited far less often. After a successful load its
records and warnings are pickled under the user's cache directory, named by a hash of the file's
bytes and of the code that reads them, so an edit to either makes a new entry. Reading one back
needs neither tomllib (0.45 s at 10,000 claims) nor pydantic (120 ms to import and build), which
brings the dashboard's start-up close to a bare Textual app's. An entry that cannot be read or
written is simply not used.

Unpickling runs code, so an entry is loaded only if nobody but the user could have written it,
checked as OpenSSH checks `~/.ssh`: the folder and the entry belong to the user, are writable by
nobody else, and are not symbolic links; both are created that way (0700 and 0600). A shared
or group-writable cache directory therefore means no cache, never someone else's code. Where
there are no user ids to check (Windows) there is no cache.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import stat
import sys
import time
from functools import partial
from pathlib import Path
from typing import NamedTuple

from xiaomi_tui.facts.model.records import FactFile
from xiaomi_tui.io.files import WriteFailed, write_atomically

__all__ = ["Validated", "entry_for", "read", "write"]

KEEP = 8
"""Fact bases kept; older ones are removed when a new one is written."""

ABANDONED_AFTER = 60.0
"""Seconds after which a temporary file is a write that was killed (a write takes under a second)."""

_OTHERS_WRITE = stat.S_IWGRP | stat.S_IWOTH

CODE = ("model/records.py", "model/recordtype.py", "model/rules.py", "model/fuzzydate.py", "model/factbase.py",
        "load/loader.py", "load/crosscheck.py", "load/schema.py")
"""What decides how a file's bytes become records: a change to any of them makes every entry stale."""


class Validated(NamedTuple):
    data: FactFile
    warnings: list[str]


def read(entry: Path) -> Validated | None:
    """The records kept for an entry, or None: missing, written by someone else, or damaged in any way."""
    try:
        folder = _open_private(entry.parent, os.O_DIRECTORY)
    except OSError:
        return None
    try:
        descriptor = _open_private(entry.name, 0, folder)
    except OSError:
        return None
    finally:
        os.close(folder)
    try:
        with os.fdopen(descriptor, "rb") as handle:
            kept = pickle.load(handle)
    except Exception:  # damaged bytes can raise anything while unpickling: OverflowError, MemoryError...
        return None
    return kept if isinstance(kept, Validated) and isinstance(kept.data, FactFile) else None


def _open_private(path: Path | str, flags: int, folder: int | None = None) -> int:
    """Open a file or folder that only this user can have written; raise `PermissionError` otherwise."""
    descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC | flags, dir_fd=folder)
    status = os.fstat(descriptor)
    kind = stat.S_ISDIR if flags & os.O_DIRECTORY else stat.S_ISREG
    if kind(status.st_mode) and status.st_uid == os.getuid() and not status.st_mode & _OTHERS_WRITE:
        return descriptor
    os.close(descriptor)
    raise PermissionError(f"{path} could have been written by someone else")


def write(entry: Path, validated: Validated) -> None:
    """Keep the records: written atomically (see `files.write_atomically`), so a reader never sees half a
    file; then prune. Paid once per version of a file, in the process that validated it (0.66 s at 50,000 claims).
    """
    try:
        _make_private_folder(entry.parent)
        os.close(_open_private(entry.parent, os.O_DIRECTORY))  # never write where others could too
        write_atomically(entry, partial(pickle.dump, validated, protocol=pickle.HIGHEST_PROTOCOL), private=True)
        _prune(entry.parent)
    except (OSError, WriteFailed):
        pass


def _make_private_folder(folder: Path) -> None:
    """Create the folder 0700; one of ours left group-writable by an earlier umask is closed, not refused:
    entries others could have put there are still refused one by one, as they are not ours."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    status = folder.lstat()
    if stat.S_ISDIR(status.st_mode) and status.st_uid == os.getuid() and status.st_mode & 0o077:
        folder.chmod(0o700)


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
    if os.environ.get("XIAOMI_TUI_NO_CACHE") or not hasattr(os, "getuid"):
        return None
    digest = hashlib.sha256(raw)
    here = Path(__file__).parent.parent  # facts/
    try:
        for name in CODE:
            digest.update((here / name).read_bytes())
    except OSError:
        return None
    from platformdirs import user_cache_path

    version = f"{sys.version_info[0]}.{sys.version_info[1]}"
    try:
        folder = user_cache_path("xiaomi-tui", appauthor=False)
    except RuntimeError:  # no HOME and no passwd entry (a container's arbitrary uid): no cache, as on Windows
        return None
    return folder / "validated" / f"{digest.hexdigest()}-{version}.pickle"

"""Reading a file the user names, safely: the fact base and the settings file both go through here.

Either may be anything a path can name. A FIFO with no writer would block the reader (and with it a
reload, or quitting), a device such as /dev/zero never ends, and a file can grow while it is read.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

__all__ = ["MissingFile", "UnreadableFile", "read_regular_file"]


class UnreadableFile(Exception):
    """Why a path cannot be read as a file, in words for the user."""


class MissingFile(UnreadableFile):
    """Nothing at the path: for a settings file this means the defaults, with nothing to say."""


_NOT_REGULAR = ((stat.S_ISDIR, "is a directory"), (stat.S_ISFIFO, "is a FIFO (named pipe)"),
                (stat.S_ISCHR, "is a character device"), (stat.S_ISBLK, "is a block device"),
                (stat.S_ISSOCK, "is a socket"))


def read_regular_file(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most `limit` bytes.

    Opened without blocking, so a FIFO cannot hang the caller; the kind of file is checked on the open
    descriptor, so it cannot be swapped between check and read; and the cap holds while reading.
    """
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
    except FileNotFoundError:
        raise MissingFile("no such file; check the path") from None
    except PermissionError:
        raise UnreadableFile("cannot be read (permission denied)") from None
    except OSError as error:
        if error.errno == errno.ENXIO:  # what opening a socket gives
            raise UnreadableFile("is a socket, not a regular file") from None
        raise UnreadableFile(f"cannot be read ({error.strerror or error})") from None
    try:
        status = os.fstat(descriptor)
        for is_kind, kind in _NOT_REGULAR:
            if is_kind(status.st_mode):
                raise UnreadableFile(f"{kind}, not a regular file")
        if status.st_size > limit:
            raise UnreadableFile(f"is larger than {_size(limit)}")
        with os.fdopen(descriptor, "rb", closefd=False) as handle:
            raw = handle.read(limit + 1)
    except OSError as error:
        raise UnreadableFile(f"cannot be read ({error.strerror or error})") from None
    finally:
        os.close(descriptor)
    if len(raw) > limit:
        raise UnreadableFile(f"is larger than {_size(limit)}")  # it grew, or its size was not the truth
    return raw


def _size(count: int) -> str:
    if count >= 2**20:
        return f"{count // 2**20} MB"
    return f"{count // 2**10} KB" if count >= 2**10 else f"{count} bytes"

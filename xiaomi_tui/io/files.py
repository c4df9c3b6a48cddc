"""Files the user names, read and written safely: the fact base, the settings file, exports and the cache.

Reading: a path may name anything. A FIFO with no writer would block the reader (and with it a reload,
or quitting), a device such as /dev/zero never ends, and a file can grow while it is read.

Writing: the bytes go to a temporary file in the same folder, which is renamed over the target only once
every byte is on disk, so a full disk or a crash never leaves half a file; a symbolic link at the target's
name is refused rather than followed (it may point anywhere, and replacing it would lose it).
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

__all__ = ["MissingFile", "UnreadableFile", "WriteFailed", "read_regular_file", "shown", "write_atomically"]


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


def shown(path: Path | str) -> str:
    """A path as it may be printed: control characters (an escape sequence in a file name) and bytes that are
    not UTF-8 escaped the way Python writes them, never passed raw to a terminal or refused by an encoder."""
    text = os.fsdecode(path)
    if text.isprintable():
        return text
    return "".join(char if char.isprintable() else _escaped(char) for char in text)


def _escaped(char: str) -> str:
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8, kept by the file system's surrogateescape
        return f"\\x{code - 0xDC00:02x}"
    return repr(char)[1:-1] if code < 0x10000 else f"\\U{code:08x}"


class WriteFailed(Exception):
    """A file could not be written; the message names it and says why, and nothing was left half-written."""

    def __init__(self, path: Path, reason: str):
        self.path = path
        self.reason = reason
        super().__init__(f"cannot write {shown(path)}: {reason}")


Content = bytes | str | Callable[[BinaryIO], None]
"""What to write: bytes, text (written as UTF-8), or a function that writes into the open file."""


def write_atomically(path: Path, content: Content, private: bool = False) -> None:
    """Write `content` to `path` through a temporary file in the same folder, renamed over it when complete.

    The new file keeps the mode of the one it replaces, or gets the usual one (0o666 less the umask); a
    `private` one is 0o600 whatever was there. Raises `WriteFailed`, with the temporary file removed, on any error.
    """
    path = Path(path)
    try:
        status = os.lstat(path)
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    except OSError as error:
        raise WriteFailed(path, error.strerror or str(error)) from None
    else:
        if stat.S_ISLNK(status.st_mode):
            raise WriteFailed(path, "is a symbolic link; not following it (remove the link or name its target)")
        if not stat.S_ISREG(status.st_mode):
            raise WriteFailed(path, "exists and is not a regular file")
        mode = stat.S_IMODE(status.st_mode)
    if private:
        mode = 0o600
    try:
        descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name[:64]}.", suffix=".tmp", dir=path.parent)
    except OSError as error:
        raise WriteFailed(path, error.strerror or str(error)) from None
    try:
        with os.fdopen(descriptor, "wb") as handle:
            if callable(content):
                content(handle)
            else:
                handle.write(content.encode("utf-8") if isinstance(content, str) else content)
            handle.flush()
            os.fchmod(handle.fileno(), mode)
            os.fsync(handle.fileno())  # every byte on disk before the name points at it
        os.replace(temporary, path)
    except OSError as error:
        _remove(temporary)
        raise WriteFailed(path, error.strerror or str(error)) from None
    except BaseException:
        _remove(temporary)
        raise


def _remove(temporary: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(temporary)


def _umask() -> int:
    """The process's umask, read without changing it where Linux allows (threads may be creating files)."""
    try:
        with open("/proc/self/status", encoding="ascii", errors="replace") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask

"""What the commands print goes out whole or fails with one line: never a traceback, never exit 0 after a short write.

Standard output may be a closed descriptor, a pipe whose reader left (`| head`), a full disk or `/dev/full`, or a
terminal whose locale is not UTF-8. The commands write through `write`; `main` turns what goes wrong into an exit
code and at most one line on stderr.
"""

from __future__ import annotations

import codecs
import contextlib
import os
import sys

__all__ = ["OutputFailed", "finish", "prepare", "say", "silence", "utf8", "write", "write_data"]

_REPLACE = "xiaomi-tui-replace"
_replaced: list[str] = []


class OutputFailed(Exception):
    """Standard output did not take everything; the message says why, in words."""


def _record_replacement(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    _replaced.append(error.encoding)
    return "?" * (error.end - error.start), error.end


codecs.register_error(_REPLACE, _record_replacement)


def utf8(stream: object) -> bool:
    encoding = getattr(stream, "encoding", None) or ""
    return codecs.lookup(encoding).name == "utf-8" if encoding else False


def prepare() -> None:
    """In a locale that is not UTF-8, write `?` for what the encoding cannot show (and say so once, at `finish`)."""
    stream = sys.stdout
    if stream is not None and not utf8(stream) and hasattr(stream, "reconfigure"):
        stream.reconfigure(errors=_REPLACE)


def write_data(text: str) -> None:
    """An export, a bibliography, a schema, JSON: formats that are UTF-8 whatever the locale, so redirected to a file
    they lose nothing to `?` (what `write` does for text meant to be read on this terminal)."""
    write(text, encoding="utf-8")


def write(text: str, encoding: str | None = None) -> None:
    """`text` on standard output, every byte of it; raises `BrokenPipeError` when the reader left, `OutputFailed`
    for anything else. In the locale's encoding unless told.

    Straight to the descriptor, counting what it took: Python's buffered writer can drop the error of a write
    cut short (a file-size limit, a disk filling up) and let the process end with 0 and half a file."""
    stream = sys.stdout
    if stream is None:
        raise OutputFailed("standard output is closed")
    try:
        descriptor = stream.fileno()
    except (AttributeError, OSError, ValueError):  # not a file at all (a test's capture): nothing to count
        stream.write(text)
        return
    try:
        stream.flush()
        remaining = memoryview(text.encode(encoding) if encoding else
                               text.encode(stream.encoding, stream.errors or "strict"))
        while remaining:
            remaining = remaining[os.write(descriptor, remaining):]
    except BrokenPipeError:
        raise
    except OSError as error:
        raise OutputFailed(error.strerror or str(error)) from None


def say(text: str = "") -> None:
    """One line on standard output, as `print` would, failing as `write` does."""
    write(text + "\n")


def finish() -> None:
    """Flush what `print` left in the buffer, and say once if characters were replaced."""
    write("")
    if _replaced:
        print(f"xiaomi-tui: note: characters the locale's encoding ({_replaced[0]}) cannot show were written as ?; "
              "use a UTF-8 locale (LANG=C.UTF-8) to see them", file=sys.stderr)
        _replaced.clear()


def silence() -> None:
    """Point standard output's descriptor at /dev/null, so the interpreter's last flush of what is still buffered
    says nothing."""
    if sys.stdout is None:
        return
    with contextlib.suppress(OSError, ValueError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())

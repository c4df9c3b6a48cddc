"""`tomllib.loads` on two cores for a large fact base: the later claims go to a child process.

tomllib is pure Python, and parsing is most of the first open of a large file (0.45 s of 0.56 s
at 10,000 claims). A fact base is mostly `[[claims]]` tables, so the text is cut at a
`[[claims]]` header: the child (forked, so nothing is imported again) parses the part after it
and pickles it back while this process does `meanwhile` (getting the validator ready) and parses
the part before, which is the smaller for that.

Anything unusual falls back to one plain parse, which also gives syntax errors their true line:
a file too small to gain, no safe `fork` (on Windows, or with other threads running),
a second half holding anything but claims, or an error in either half.
"""

from __future__ import annotations

import os
import pickle
import re
import sys
from collections.abc import Callable
from typing import Any

from xiaomi_tui.facts.forking import can_fork

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

__all__ = ["MIN_CHARS", "TOMLDecodeError", "loads"]

TOMLDecodeError = tomllib.TOMLDecodeError

MIN_CHARS = 512 * 1024
"""Below this (about 2,000 claims) forking and pickling cost more than half a parse saves."""

PARENT_SHARE = 0.4
"""Of the text, what this process parses: it also runs `meanwhile` and unpickles the child's part."""

_CLAIMS_HEADER = re.compile(r"^\[\[claims\]\][ \t]*(?:#[^\n]*)?$", re.MULTILINE)


def loads(text: str, meanwhile: Callable[[], object] = lambda: None) -> dict[str, Any]:
    """The parsed document; `meanwhile` runs in this process while the child parses its part."""
    cut = _cut(text)
    if cut is None:
        meanwhile()
        return tomllib.loads(text)
    halves = _parse_halves(text[:cut], text[cut:], meanwhile)
    if halves is None:
        return tomllib.loads(text)
    first, second = halves
    first["claims"].extend(second["claims"])
    return first


def _cut(text: str) -> int | None:
    """Where to split: the first `[[claims]]` header past `PARENT_SHARE` of the text, with another before it.

    The earlier header makes `claims` an array of tables in the first half too, so joining the
    two lists means what the whole file means. A header inside a multi-line string would leave
    that string open in the first half: a syntax error there, and a plain parse instead.
    """
    if len(text) < MIN_CHARS or not can_fork():
        return None
    middle = _CLAIMS_HEADER.search(text, int(len(text) * PARENT_SHARE))
    if middle is None or _CLAIMS_HEADER.search(text, 0, middle.start()) is None:
        return None
    return middle.start()


def _parse_halves(first_text: str, second_text: str,
                  meanwhile: Callable[[], object]) -> tuple[dict[str, Any], dict[str, Any]] | None:
    reader, writer = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - runs in the child
        try:  # whatever happens here (a syntax error, the parent gone), the child only ever exits
            os.close(reader)
            result = tomllib.loads(second_text)
            with os.fdopen(writer, "wb") as out:
                out.write(pickle.dumps(result if set(result) == {"claims"} else None, pickle.HIGHEST_PROTOCOL))
        finally:
            os._exit(0)
    os.close(writer)
    try:
        with os.fdopen(reader, "rb") as incoming:
            meanwhile()
            try:
                first = tomllib.loads(first_text)
            except tomllib.TOMLDecodeError:
                return None  # closing the pipe ends a child still writing
            try:
                second = pickle.loads(incoming.read())
            except (pickle.UnpicklingError, EOFError):  # the child failed before writing
                return None
    finally:
        os.waitpid(child, 0)
    if second is None or not isinstance(first.get("claims"), list):
        return None
    return first, second

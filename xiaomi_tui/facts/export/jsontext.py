"""JSON that may be pasted inside an HTML `<script>`, as JSON-LD is: a `</script>` or `<!--` in fact text cannot
end the script or start a comment there.

In JSON, `<`, `>` and `&` (and the line separators U+2028 and U+2029, which older JavaScript refused in strings)
can only occur inside strings, where `\\u003c` means the same character: the document reads back unchanged.
"""

from __future__ import annotations

import json
from typing import Any

__all__ = ["script_safe_json"]

_ESCAPES = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def script_safe_json(value: Any, indent: int | None = 2) -> str:
    """`json.dumps(value)` with what could end a `<script>` escaped; other non-ASCII text stays as it is."""
    return json.dumps(value, indent=indent, ensure_ascii=False).translate(_ESCAPES)

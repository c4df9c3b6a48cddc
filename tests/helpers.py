"""Records for tests, built as the loader builds them: the dataclasses alone convert nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

from xiaomi_tui.facts.loader import loads
from xiaomi_tui.facts.model import FactBase
from xiaomi_tui.facts.schema import validate

Record = TypeVar("Record")


def record(record_class: type[Record], /, **fields: Any) -> Record:
    """`record_class` validated from TOML-like fields: "2024-H1" becomes a date, a number a quantity."""
    return validate(fields, record_class)


SMALL = (Path(__file__).parent / "fixtures" / "small.toml").read_text(encoding="utf-8")

# Statement of each claim in the fixture -> what a hostile curator (or a pasted web page) puts there.
HOSTILE_STATEMENTS = {
    "alpha-body": "[x](javascript:alert(1)) and [ref][1] and <https://evil.example/autolink>",
    "alpha-looks": "<img src=x onerror=alert(1)> <script>alert(1)</script> <b>raw</b>",
    "gamma-looks": "![tracker](https://evil.example/pixel.png) &#x3C;b&#x3E; &amp; &copy;",
    "alpha-price": "# not a heading | not a cell *not emphasis* _nor this_ `nor code` ~~nor struck~~ \\[x]",
    "gamma-price": "=HYPERLINK(\"https://evil.example\",\"click\")",
    "alpha-capacity": "+cmd|' /C calc'!A0",
    "gamma-capacity": "-2+3+cmd|' /C calc'!A0",
    "alpha-approval": "@SUM(1+1)*cmd|' /C calc'!A0",
}


def hostile_facts() -> FactBase:
    text = SMALL
    for claim_id, statement in HOSTILE_STATEMENTS.items():
        start = text.index(f'id = "{claim_id}"')
        at = text.index("statement = ", start)
        end = text.index("\n", at)
        quoted = statement.replace("\\", "\\\\").replace('"', '\\"')
        text = text[:at] + f'statement = "{quoted}"' + text[end:]
    text = text.replace('label = "Body style"', 'label = "=1+1 [Body](https://evil.example) style"')
    return loads(text, "hostile.toml")


def cell_texts(table: Any, index: int) -> list[str]:
    """The plain text of each cell of a fact table's row `index`."""
    return [cell.plain for cell in table.rows[index].texts()]

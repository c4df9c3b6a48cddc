"""Any text in any field: the loader refuses it with its own error, or everything it reaches stays text.

Hypothesis writes strings full of what a terminal or a markup parser would act on (C0 and C1 controls,
DEL, bidi controls, line separators, tabs and newlines, Rich/Textual markup and actions, wide
characters) into the text fields of the small fixture. A file the loader accepts is then drawn by
the dashboard, cited in every style and exported: no drawn line and no payload may carry a
character a terminal acts on.
"""

from __future__ import annotations

import asyncio
import io
import re
from collections.abc import Iterator
from dataclasses import fields, is_dataclass
from pathlib import Path

from helpers import examples
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from rich.console import Console

from xiaomi_tui.facts.citations import STYLES, cite_claim, cite_source
from xiaomi_tui.facts.export.tables import export
from xiaomi_tui.facts.load.loader import FactsError, loads
from xiaomi_tui.facts.model.rules import terminal_acts_on
from xiaomi_tui.io.clipboard import pasteable
from xiaomi_tui.ui.app import PANES, XiaomiApp
from xiaomi_tui.ui.widgets.detail import DetailPanel
from xiaomi_tui.ui.widgets.fact_table import FactTable

FIXTURE = (Path(__file__).parent / "fixtures" / "small.toml").read_text(encoding="utf-8")

TEXT_FIELD = re.compile(r'^(title|publisher|author|url|name|role|label|unit|statement|note|notes|description|'
                        r'curator|file|value) = "[^"]*"$', re.MULTILINE)
TEXT_LINES = [match.start() for match in TEXT_FIELD.finditer(FIXTURE)]

CONTROLS = st.sampled_from([
    "\x1b", "\x1b]52;c;cHduZWQ=\x07", "\x1b[2J", "\x07", "\x00", "\x7f", "\x85", "\x9b31m", "\x9d0;title\x9c",
    "\u202e", "\u2066", "\u2069", "\u200e", "\u200f", "\u061c", "\u2028", "\u2029", "\n", "\r", "\t", "\ufeff",
])
MARKUP_AND_WIDE = st.sampled_from([
    "[b]", "[/]", "[/nope]", "[@click=app.quit]", "[link=https://evil.example]", "[red on blue]", "\\[", "$x",
    "小米汽车", "👩\u200d🔧", "e\u0301", "\u00a0", " ", "&amp;", "<b>", "=1+1",
])
PRINTABLE = st.characters(codec="utf-8", categories=["L", "M", "N", "P", "S", "Zs"])
SAFE_LOOKING = st.lists(st.one_of(MARKUP_AND_WIDE, PRINTABLE), min_size=1, max_size=6).map("".join)


@st.composite
def hostile_text(draw: st.DrawFn) -> str:
    """Half the strings are only markup, wide characters and printable Unicode, which the loader may
    accept, so the dashboard draws them; the other half hide one control among such text."""
    text = draw(SAFE_LOOKING)
    if draw(st.booleans()):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(CONTROLS) + text[at:]
    return text


def toml_string(text: str) -> str:
    """A TOML basic string holding exactly `text`: quotes, backslashes and controls escaped."""
    escaped = []
    for char in text:
        if char in '"\\':
            escaped.append("\\" + char)
        elif ord(char) < 0x20 or 0x7F <= ord(char) <= 0x9F:
            escaped.append(f"\\u{ord(char):04X}")
        else:
            escaped.append(char)
    return '"' + "".join(escaped) + '"'


@st.composite
def hostile_fact_base(draw: st.DrawFn) -> str:
    chosen = sorted(set(draw(st.lists(st.sampled_from(TEXT_LINES), min_size=1, max_size=3))), reverse=True)
    text = FIXTURE
    for start in chosen:  # from the end, so earlier offsets stay valid
        end = text.index("\n", start)
        key = text[start:end].split(" = ", 1)[0]
        value = draw(hostile_text())
        if key == "url":  # past the url's own pattern, so the text rules are what is tested
            value = "https://example.com/" + "".join(value.split())
        text = text[:start] + f"{key} = {toml_string(value)}" + text[end:]
    return text


def acted_on(text: str, allowed: str = "") -> list[str]:
    """The characters in `text` a terminal would act on (tabs and line breaks among them), but `allowed`."""
    return [char for char in text if terminal_acts_on(char) and char not in allowed]


async def drawn_text(facts) -> list[str]:
    """Every line the dashboard draws in each pane's tables, their border titles, the detail, the title."""
    app = XiaomiApp(facts, watch=False)
    drawn = []
    async with app.run_test(size=(120, 40)) as pilot:
        for key in (str(number) for number in range(1, len(PANES) + 1)):
            await pilot.press(key, "j")
            await pilot.pause()
            for table in app.query(FactTable).results():
                if table.display and table.size.height:
                    drawn += [table.render_line(y).text for y in range(table.size.height)]
                    drawn.append(str(table.border_title or ""))
            console = Console(width=116, record=True, file=io.StringIO())
            console.print(app.query_one(DetailPanel).renderable)
            drawn.append(console.export_text().replace("\n", ""))  # its own line breaks, none from the facts
        drawn.append(app.title)
    return drawn


def strings_in(value: object) -> Iterator[str]:
    """Every string held by a record, its values, and the records and lists inside it."""
    if isinstance(value, str):
        yield value
    elif is_dataclass(value):
        for field in fields(value):
            yield from strings_in(getattr(value, field.name))
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from strings_in(item)


@settings(max_examples=examples(4, 20), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hostile_fact_base())
def test_hostile_text_is_refused_or_stays_text_on_screen_clipboard_and_exports(text: str) -> None:
    try:
        facts = loads(text, "hostile.toml")
    except FactsError as error:
        event("refused by the loader")
        assert error.problems
        assert not acted_on(error.report(), allowed="\n")  # the report is printed to a terminal
        return

    event("accepted, drawn, cited and exported")
    for value in strings_in(facts.data):
        assert not acted_on(value), f"accepted: {value!r}"
    for line in asyncio.run(drawn_text(facts)):
        assert not acted_on(line), f"drawn: {line!r}"
    for style in STYLES:
        payloads = [cite_claim(facts, claim, style, with_statement=True) for claim in facts.claims.values()]
        payloads += [cite_source(source, style) for source in facts.sources.values()]
        for payload in payloads:
            assert not acted_on(payload, allowed="\n"), f"{style}: {payload!r}"
            assert pasteable(payload) == payload
    for fmt in ("json", "csv", "markdown"):
        assert not acted_on(export(facts, None, fmt), allowed="\n")

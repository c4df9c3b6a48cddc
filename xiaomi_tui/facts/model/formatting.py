"""Values as a reader of the articles would write them: "RMB 10 bn", "below RMB 300,000", "H1 2024"."""

from __future__ import annotations

import re
import string
from functools import cache

from xiaomi_tui.facts.model.records import Claim, Flag, Money, Quantity, Text, Topic

__all__ = ["PANDOC_SPECIALS", "format_amount", "format_claim_value", "format_number", "markdown_text", "pandoc_text"]

MARKDOWN_SPECIALS = "\\`*_[]<"
"""What makes prose more than text in Markdown: links and images, emphasis, code, raw HTML and autolinks."""

PANDOC_SPECIALS = "\\`*_[]<>@$^~|#&!{}"
"""What pandoc's Markdown (and GitHub's) reads as syntax wherever it stands: emphasis, code, links and images,
raw HTML and autolinks, `@` citations and e-mail links, `$` maths, `\\` raw TeX, `^` `~` super- and subscript,
`|` table cells, `#` headings, `&` entities, `{}` attributes."""

_LINE_START = re.compile(r"^\S+")
"""The first word: at the start of a line `>` `-` `+` `*` `:` `%` `(@)` `1.` `a)` open a block (a quote, a list,
a rule, a definition, a title), so every mark in it is escaped."""

_LINK_STARTS = re.compile(r"(?i)(www)(\.)|(://)")
"""`www.` and `https://` start a link in GitHub's Markdown, with no mark around them."""

CURRENCY_LABELS = {"CNY": "RMB"}
"""The press writes renminbi as RMB; the fact base stores the ISO code."""


def format_number(number: float) -> str:
    """10e9 -> "10 bn", 1.38e9 -> "1.38 bn", 720000 -> "720,000", 7.2382 -> "7.2382"."""
    magnitude = abs(number)
    if magnitude >= 1e9:
        return f"{number / 1e9:,.3g} bn"
    if magnitude >= 1e6 and number % 1e5 == 0:
        return f"{number / 1e6:,.3g} m"
    if number == int(number):
        return f"{int(number):,}"
    return f"{number:,.6g}"


def format_amount(low: float | None, high: float | None, approx: bool = False, prefix: str = "",
                  suffix: str = "") -> str:
    """A point, a closed range or an open one, with its currency before or unit after; an approximate one
    says "about" ("about RMB 10 bn", "below about RMB 250,000"): `≈` is the mark of a minor difference, and
    one mark has one word."""
    def unitised(text: str) -> str:
        return " ".join(part for part in ("about" if approx else "", prefix, text, suffix) if part)

    if low is not None and low == high:
        return unitised(format_number(low))
    if low is not None and high is not None:
        return unitised(f"{format_number(low)}\u2013{format_number(high)}")
    if high is not None:
        return "below " + unitised(format_number(high))
    return "over " + unitised(format_number(low or 0))


def format_claim_value(claim: Claim, topic: Topic) -> str:
    """The claim's value for display: its date for date topics, otherwise its typed value."""
    value = claim.value
    if value is None:
        return claim.date.human() if claim.date else "\u2014"
    if isinstance(value, Money):
        label = CURRENCY_LABELS.get(value.currency, value.currency)
        return format_amount(value.min, value.max, value.approx, prefix=label)
    if isinstance(value, Quantity):
        return format_amount(value.min, value.max, value.approx, suffix=value.unit or topic.unit or "")
    if isinstance(value, Text):
        return value.text
    if isinstance(value, Flag):
        return "yes" if value.flag else "no"
    raise TypeError(f"unknown value {value!r}")  # pragma: no cover - the schema admits no other kind


def markdown_text(text: str, specials: str = MARKDOWN_SPECIALS) -> str:
    """Text a Markdown renderer shows as written: each of `specials` backslash-escaped, which CommonMark
    allows for any ASCII punctuation."""
    return text.translate(_escapes(specials))


def pandoc_text(text: str, starts_line: bool = True) -> str:
    """Text that pandoc (and GitHub, and any CommonMark reader) shows as written, wherever it stands: in a
    paragraph, a table cell, YAML front matter (which pandoc reads as Markdown). Runs of white space become
    one space: four leading spaces would start a code block. A backslash before ASCII punctuation is always
    the mark itself. Text that cannot start a line (a table cell's) keeps the marks of its first word."""
    text = markdown_text(" ".join(text.split()), PANDOC_SPECIALS)
    if starts_line:
        text = _LINE_START.sub(lambda first: markdown_text(first.group(), _PUNCTUATION_LEFT), text, count=1)
    return _LINK_STARTS.sub(lambda link: f"{link.group(1)}\\." if link.group(1) else "\\://", text)


_PUNCTUATION_LEFT = "".join(char for char in string.punctuation if char not in PANDOC_SPECIALS)


@cache
def _escapes(specials: str) -> dict[int, str]:
    return str.maketrans({char: "\\" + char for char in specials})

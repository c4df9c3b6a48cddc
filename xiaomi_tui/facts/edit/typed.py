"""Values as the panes print them, read back into the fact base's forms: "H1 2024" is 2024-H1, "8 Nov 2023"
is 2023-11-08, "RMB 10 bn" is { amount = 10e9, currency = "CNY" }. What is not one of these is left as typed."""

from __future__ import annotations

import re

from xiaomi_tui.facts.model.formatting import CURRENCY_LABELS
from xiaomi_tui.facts.model.records import CURRENCIES
from xiaomi_tui.facts.wording import MONTH_ABBR

__all__ = ["date_form", "money_form"]

_MONTHS = {name.casefold(): number for number, name in enumerate(MONTH_ABBR) if name}
_HUMAN_DATE = re.compile(
    r"^(?:(?P<part>early|mid|late)\s+)?(?:(?P<hq>[HQ][0-9])\s+|(?P<day>[0-9]{1,2})\s+)?(?P<month>[A-Za-z]{3})?[a-z]*\s*"
    r"(?P<year>[0-9]{4})$", re.IGNORECASE)


def date_form(typed: str) -> str:
    """A date as people say it in the fact base's form; anything else as typed (the loader says what is wrong)."""
    text = " ".join(typed.split())
    match = _HUMAN_DATE.match(text)
    if not match:
        return typed.strip()
    year, part, month_name = match["year"], match["part"], match["month"]
    if match["hq"]:
        if part or month_name:
            return typed.strip()
        return f"{year}-{match['hq'].upper()}"
    month = _MONTHS.get(month_name.casefold()) if month_name else None
    if month_name and month is None:
        return typed.strip()
    if match["day"]:
        if month is None or part:
            return typed.strip()
        return f"{year}-{month:02d}-{int(match['day']):02d}"
    shown = f"{year}-{month:02d}" if month else year
    return f"{part.lower()}-{shown}" if part else shown


_CODES = {label: code for code, label in CURRENCY_LABELS.items()} | {"$": "USD", "€": "EUR", "£": "GBP", "¥": "CNY",
                                                                      "YUAN": "CNY"}
_SCALES = {"": 0, "k": 3, "thousand": 3, "m": 6, "mn": 6, "million": 6, "bn": 9, "billion": 9}
"""Each word for a scale, as a power of ten: written so in the file ("10e9"), as the curated claims are."""
_MONEY = re.compile(r"^(?P<approx>~|≈|about\s+|around\s+)?\s*(?P<currency>[A-Za-z]{3,4}|[$€£¥])\s*"
                    r"(?P<amount>[0-9][0-9,]*(?:\.[0-9]+)?)\s*(?P<scale>[A-Za-z]*)$", re.IGNORECASE)


def money_form(typed: str) -> str | None:
    """ "RMB 10 bn", "~USD 1.37 billion", "$500m" as a money table's TOML, or None if it is not money."""
    match = _MONEY.match(typed.strip())
    if not match:
        return None
    code = match["currency"].upper()
    code = _CODES.get(code, code)
    scale = _SCALES.get(match["scale"].lower())
    if code not in CURRENCIES or scale is None:
        return None
    number = match["amount"].replace(",", "") + (f"e{scale}" if scale else "")
    approx = ", approx = true" if match["approx"] else ""
    return f"{{ amount = {number}, currency = \"{code}\"{approx} }}"

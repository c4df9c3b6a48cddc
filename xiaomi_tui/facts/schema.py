"""The shape of `facts.toml`: sources, parties, topics, claims and rates, validated by pydantic.

Structure is checked here (types, required fields, dates, text hygiene); cross-references between
records (a claim's topic exists, its value fits the topic) are checked by `loader.resolve`, which sees
the whole file.
"""

from __future__ import annotations

import unicodedata
from datetime import date
from enum import Enum
from typing import Annotated, Any, ClassVar, Literal, Union

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    PlainSerializer,
    Tag,
    model_validator,
)

from xiaomi_tui.facts.fuzzydate import FuzzyDate

__all__ = [
    "Claim",
    "Currency",
    "FactFile",
    "Flag",
    "Meta",
    "Money",
    "Party",
    "PartyKind",
    "Quantity",
    "Rate",
    "SafeText",
    "Source",
    "Stance",
    "Text",
    "Topic",
    "TopicKind",
    "Value",
]

MAX_TEXT = 2000
"""Longest text accepted in any field: a statement is one sentence, a note a short paragraph."""

# ISO 4217 codes we expect to meet in the EV press; others are refused so a typo ("RMB") is caught.
CURRENCIES = frozenset({"CNY", "USD", "EUR", "GBP", "JPY", "HKD", "KRW", "TWD", "INR", "CHF", "AUD", "CAD", "SGD"})


def _clean_text(value: str) -> str:
    """Refuse characters a terminal could act on (escapes, bidi overrides); markup is kept as literal text."""
    if value.isprintable():  # the usual case, checked in C: no controls, no format characters
        return value
    for index, char in enumerate(value):
        if char in "\n\t":
            continue
        category = unicodedata.category(char)
        if category == "Cc" or category == "Cf" and char not in "\u200d":
            name = unicodedata.name(char, "")  # C0/C1 controls have no name
            label = f"{name} (U+{ord(char):04X})" if name else f"U+{ord(char):04X}"
            raise ValueError(f"control character {label} at position {index + 1}; remove it")
    return value


def _fuzzy(value: Any) -> FuzzyDate:
    if isinstance(value, FuzzyDate):
        return value
    if isinstance(value, (str, date)):
        return FuzzyDate.parse(value)
    raise ValueError("a date is written as a string such as \"2024-H1\" or \"2023-11-08\"")


SafeText = Annotated[str, Field(min_length=1, max_length=MAX_TEXT), AfterValidator(_clean_text)]
Slug = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9._-]*$", max_length=80)]
Date = Annotated[FuzzyDate, BeforeValidator(_fuzzy), PlainSerializer(lambda d: d.text, return_type=str)]


def _known_currency(code: str) -> str:
    if code not in CURRENCIES:
        hint = " (the ISO code for renminbi is CNY)" if code.upper() in ("RMB", "YUAN") else ""
        raise ValueError(f"unknown currency {code!r}{hint}; use one of {', '.join(sorted(CURRENCIES))}")
    return code


Currency = Annotated[str, AfterValidator(_known_currency)]


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


# -- values -------------------------------------------------------------------------------------


class _Span(_Record):
    """An amount, or a range with either end open ("below 300,000"); `amount` is shorthand for min = max."""

    min: float | None = Field(default=None, allow_inf_nan=False)
    max: float | None = Field(default=None, allow_inf_nan=False)
    approx: bool = False

    @model_validator(mode="before")
    @classmethod
    def _amount_shorthand(cls, data: Any) -> Any:
        if isinstance(data, dict) and "amount" in data:
            data = dict(data)
            amount = data.pop("amount")
            if "min" in data or "max" in data:
                raise ValueError("give either amount, or min and/or max, not both")
            data["min"] = data["max"] = amount
        return data

    @model_validator(mode="after")
    def _ordered(self) -> _Span:
        if self.min is None and self.max is None:
            raise ValueError("a value needs amount, min or max")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(f"min {self.min:g} is greater than max {self.max:g}")
        return self


class Money(_Span):
    kind: Literal["money"] = "money"
    currency: Currency


class Quantity(_Span):
    kind: Literal["quantity"] = "quantity"
    unit: str | None = None  # defaults to the topic's unit


class _Scalar(_Record):
    """A bare TOML scalar (`"sedan"`, `true`) stands for the value with that one field."""

    SCALAR: ClassVar[tuple[str, type]]

    @model_validator(mode="before")
    @classmethod
    def _from_scalar(cls, data: Any) -> Any:
        field_name, scalar_type = cls.SCALAR
        return {field_name: data} if isinstance(data, scalar_type) else data


class Text(_Scalar):
    SCALAR = ("text", str)
    kind: Literal["text"] = "text"
    text: SafeText


class Flag(_Scalar):
    SCALAR = ("flag", bool)
    kind: Literal["flag"] = "flag"
    flag: bool


def _value_shape(raw: Any) -> str | None:
    """Which kind of value the TOML wrote: a table with currency is money, a number or table a quantity."""
    if isinstance(raw, BaseModel):
        return getattr(raw, "kind", None)
    if isinstance(raw, bool):
        return "flag"
    if isinstance(raw, (int, float)):
        return "quantity"
    if isinstance(raw, str):
        return "text"
    if isinstance(raw, dict):
        return "money" if "currency" in raw else "quantity"
    return None


def _number_as_table(raw: Any) -> Any:
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        return {"amount": raw}
    return raw


Value = Annotated[
    Union[
        Annotated[Money, Tag("money")],
        Annotated[Quantity, Tag("quantity")],
        Annotated[Text, Tag("text")],
        Annotated[Flag, Tag("flag")],
    ],
    Discriminator(_value_shape, custom_error_type="value_shape", custom_error_message=(
        "a value is a table (amount/min/max with currency or unit), a number, a string or true/false"
    )),
    BeforeValidator(_number_as_table),
]


# -- records ------------------------------------------------------------------------------------


class Meta(_Record):
    title: SafeText
    as_of: Date = Field(description="the fact base's date: later events are expected, not past")
    description: SafeText | None = None
    curator: SafeText | None = None


class Source(_Record):
    """A document we read. Unknown fields stay empty rather than guessed."""

    id: Slug
    publisher: SafeText | None = None
    title: SafeText | None = None
    author: SafeText | None = None
    published: Date | None = None
    url: Annotated[str, Field(pattern=r"^https?://\S+$", max_length=MAX_TEXT)] | None = None
    kind: Literal["news", "blog", "analysis", "aggregator", "press-release", "social"] = "news"
    language: Annotated[str, Field(pattern=r"^[a-z]{2}(-[A-Z]{2})?$")] = "en"
    file: SafeText | None = None
    notes: SafeText | None = None

    @property
    def display_name(self) -> str:
        return self.publisher or self.title or self.id


class PartyKind(str, Enum):
    OUTLET = "outlet"
    PERSON = "person"
    ORGANISATION = "organisation"
    UNNAMED = "unnamed"


class Party(_Record):
    """Who originates or relays a claim: an outlet, a person, an organisation, or someone unnamed."""

    id: Slug
    name: SafeText
    kind: PartyKind
    role: SafeText | None = None


class TopicKind(str, Enum):
    MONEY = "money"
    QUANTITY = "quantity"
    DATE = "date"
    TEXT = "text"
    FLAG = "flag"


class Topic(_Record):
    """A comparable question. `exclusive = false` when different answers can all be true (features, likenesses)."""

    id: Slug
    label: SafeText
    pane: Literal["specs", "timeline", "investment"]
    kind: TopicKind
    unit: SafeText | None = None
    exclusive: bool = True
    description: SafeText | None = None


class Stance(str, Enum):
    REPORTED = "reported"
    PLAN = "plan"
    TARGET = "target"
    ESTIMATE = "estimate"
    RUMOUR = "rumour"
    OPINION = "opinion"

    @property
    def is_forward(self) -> bool:
        """Plans, targets and estimates speak of what is expected, not of what happened."""
        return self in (Stance.PLAN, Stance.TARGET, Stance.ESTIMATE)


class Claim(_Record):
    """One thing one source said about one topic, in our own words."""

    id: Slug
    topic: Slug
    source: Slug
    statement: SafeText
    value: Value | None = None
    origin: Slug
    via: list[Slug] = Field(default_factory=list, max_length=10)
    stance: Stance = Stance.REPORTED
    date: Date | None = None
    said: Date | None = None
    para: int = Field(gt=0, le=100_000)
    note: SafeText | None = None


class Rate(_Record):
    """1 `base` = `rate` `quote`, as one source gave it."""

    base: Currency
    quote: Currency
    rate: float = Field(gt=0, allow_inf_nan=False)
    source: Slug
    para: int = Field(gt=0, le=100_000)
    note: SafeText | None = None


class FactFile(_Record):
    """The whole file, before cross-references are checked."""

    meta: Meta
    sources: list[Source] = Field(min_length=1)
    parties: list[Party] = Field(default_factory=list)
    topics: list[Topic] = Field(min_length=1)
    claims: list[Claim] = Field(default_factory=list)
    rates: list[Rate] = Field(default_factory=list)


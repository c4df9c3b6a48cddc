"""The fact base's records: sources, parties, topics, claims with their values, and rates.

Plain frozen dataclasses, which is all the rest of the program reads. The rules a field must
meet ride along in `Annotated` metadata (see `rules.py`); `schema.py` hands these same classes
to pydantic, which checks the raw TOML against them and builds them. Structure is checked there;
cross-references between records (a claim's topic exists, its value fits the topic) are checked
by the loader, which sees the whole file.
"""

from __future__ import annotations

from dataclasses import field
from enum import Enum
from typing import Annotated, Any, ClassVar, Literal

from xiaomi_tui.facts.model.fuzzydate import FuzzyDate
from xiaomi_tui.facts.model.recordtype import record
from xiaomi_tui.facts.model.rules import (
    CURRENCIES,
    MAX_TEXT,
    Before,
    Check,
    Constrained,
    OneOf,
    Parse,
    clean_text,
    currency_schema,
    fuzzy_date,
    fuzzy_date_schema,
    known_currency,
)

__all__ = [
    "CURRENCIES",
    "MAX_TEXT",
    "Claim",
    "Dispute",
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
    "Supersession",
    "Text",
    "Topic",
    "TopicKind",
    "Url",
    "Value",
]

MAX_FIGURE = 1e15
"""The largest figure a value may hold (a million billion): anything past it is a typo, and past 1e308 not a number."""

MAX_RATE = 1e6
"""The largest exchange rate: units of the quote currency per unit of the base."""

# The types of fields. Every string a person reads goes through `SafeText` (or `Url`, `Slug`, `Currency`,
# which allow less): one line, no control characters. Numbers and flags are strict: TOML has types, so
# `para = "3"` or `approx = "yes"` is a mistake to name, not a value to guess at.
SafeText = Annotated[str, Constrained(min_length=1, max_length=MAX_TEXT), Check(clean_text)]
Url = Annotated[str, Constrained(pattern=r"^https?://\S+$", max_length=MAX_TEXT), Check(clean_text)]
Slug = Annotated[str, Constrained(pattern=r"^[a-z0-9][a-z0-9._-]*$", max_length=80)]
MAX_NAMES = 100
FamilyFirst = Annotated[list[SafeText], Constrained(max_length=MAX_NAMES)]
"""Names of a byline written family name first: a byline holds a few, and each is checked against it."""
Date = Annotated[FuzzyDate, Parse(fuzzy_date, fuzzy_date_schema)]
Currency = Annotated[str, Check(known_currency, currency_schema)]
Amount = Annotated[float, Constrained(allow_inf_nan=False, strict=True, ge=-MAX_FIGURE, le=MAX_FIGURE)]
Paragraph = Annotated[int, Constrained(gt=0, le=100_000, strict=True)]
Boolean = Annotated[bool, Constrained(strict=True)]
Language = Annotated[str, Constrained(pattern=r"^[a-z]{2}(-[A-Z]{2})?$")]

# -- values -------------------------------------------------------------------------------------


class _Span:
    """An amount, or a range with either end open ("below 300,000"); `amount` is shorthand for min = max."""

    __slots__ = ()
    min: float | None
    max: float | None

    def __post_init__(self) -> None:
        if self.min is None and self.max is None:
            raise ValueError("a value needs amount, min or max")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(f"min {self.min:g} is greater than max {self.max:g}")

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema: Any, handler: Any) -> Any:
        """For editors, as `_value_table` and the check above read a table: `amount` or `min` and/or `max`."""
        schema = handler(core_schema)
        table = handler.resolve_ref_schema(schema)
        amount = {**table["properties"]["min"], "description": "min = max = amount"}  # a number as min is
        table["properties"] = {"amount": amount, **table["properties"]}
        table["anyOf"] = [{"required": [key]} for key in ("amount", "min", "max")]
        table["not"] = {"anyOf": [{"required": ["amount", key]} for key in ("min", "max")]}
        return schema


@record
class Money(_Span):
    kind: ClassVar[str] = "money"
    min: Amount | None = None
    max: Amount | None = None
    approx: Boolean = False
    currency: Currency


@record
class Quantity(_Span):
    kind: ClassVar[str] = "quantity"
    min: Amount | None = None
    max: Amount | None = None
    approx: Boolean = False
    unit: SafeText | None = None  # defaults to the topic's unit


@record
class Text:
    kind: ClassVar[str] = "text"
    text: SafeText


@record
class Flag:
    kind: ClassVar[str] = "flag"
    flag: Boolean


_SCALAR_FIELDS = {bool: "flag", str: "text"}
_TOML_TYPES = {str: "a string", bool: "true or false", list: "an array", dict: "a table"}


def _value_table(raw: Any) -> Any:
    """The short ways to write a value: a bare number, string or boolean, and `amount` for min = max."""
    if isinstance(raw, (bool, str)):
        return {_SCALAR_FIELDS[type(raw)]: raw}
    if isinstance(raw, (int, float)):
        return {"min": raw, "max": raw}
    if isinstance(raw, dict) and "amount" in raw:
        if "min" in raw or "max" in raw:
            raise ValueError("give either amount, or min and/or max, not both")
        if isinstance(raw["amount"], bool) or not isinstance(raw["amount"], (int, float)):
            # Checked here, once: as min and max it would be reported twice, under names the file never used.
            raise ValueError(f"amount should be a number, not {_TOML_TYPES.get(type(raw['amount']), 'a date')}")
        raw = {key: value for key, value in raw.items() if key != "amount"} | {"min": raw["amount"],
                                                                                "max": raw["amount"]}
    return raw


def _value_schema(tables: dict[str, Any]) -> dict[str, Any]:
    """For editors, the short forms `_value_table` reads beside the tables."""
    return {"description": _VALUE_SHAPES, "anyOf": [{"type": "number"}, {"type": "string"}, {"type": "boolean"},
                                                    *tables["oneOf"]]}


def _value_shape(raw: Any) -> str | None:
    """Which kind of value a table is: with a currency, money; with text or flag, those; else a quantity."""
    if isinstance(raw, (Money, Quantity, Text, Flag)):
        return raw.kind
    if not isinstance(raw, dict):
        return None
    for key in ("currency", "text", "flag"):
        if key in raw:
            return "money" if key == "currency" else key
    return "quantity"


_VALUE_SHAPES = "a value is a table (amount/min/max with currency or unit), a number, a string or true/false"
Value = Annotated[
    Money | Quantity | Text | Flag,
    OneOf(_value_shape, _VALUE_SHAPES),
    Before(_value_table, _value_schema),
]


# -- records ------------------------------------------------------------------------------------


@record
class Meta:
    title: SafeText
    as_of: Date  # the fact base's date: later events are expected, not past
    description: SafeText | None = None
    curator: SafeText | None = None


@record
class Source:
    """A document we read. Unknown fields stay empty rather than guessed."""

    id: Slug
    publisher: SafeText | None = None
    title: SafeText | None = None
    author: SafeText | None = None
    published: Date | None = None
    published_after: Date | None = None  # no date shown, but not before this one: "on or after", never cited as it
    url: Url | None = None
    kind: Literal["news", "blog", "analysis", "aggregator", "press-release", "social"] = "news"
    language: Language = "en"
    file: SafeText | None = None
    notes: SafeText | None = None
    relays: Slug | None = None  # a party the source credits for the article as a whole: its claims pass through it
    description: SafeText | None = None  # what the work is, cited in place of a title nobody knows (APA's [...])
    family_first: FamilyFirst = field(default_factory=list)  # names in `author` written family name first
    outcome: Boolean = False  # a later report of how things turned out, kept apart from the press it answers

    @property
    def display_name(self) -> str:
        return self.publisher or self.title or self.id


class PartyKind(str, Enum):
    OUTLET = "outlet"
    PERSON = "person"
    ORGANISATION = "organisation"
    UNNAMED = "unnamed"
    DOCUMENT = "document"  # one report or post, which can be cited in its own right


@record
class Party:
    """Who originates or relays a claim: an outlet, a person, an organisation, someone unnamed, or a document.

    `affiliation` is the organisation a party speaks for (Lei Jun for Xiaomi, a report for its outlet):
    agreement within one organisation is not independent. `counterparty` is the other side of the agreement a
    party announces (Beijing E-Town's announcement of its contract with Xiaomi): on what it announces, the two
    are one voice, not two. A document carries what is known of it, for citing it directly; unknown fields stay
    empty.
    """

    id: Slug
    name: SafeText
    kind: PartyKind
    role: SafeText | None = None
    affiliation: Slug | None = None
    counterparty: Slug | None = None
    author: SafeText | None = None
    publisher: SafeText | None = None
    title: SafeText | None = None
    published: Date | None = None
    url: Url | None = None
    language: Language | None = None
    description: SafeText | None = None  # as on a source: cited when the title is unknown
    family_first: FamilyFirst = field(default_factory=list)

    @property
    def citable(self) -> bool:
        """Enough is known to find the document again: who published it, or its title."""
        return self.publisher is not None or self.title is not None


class TopicKind(str, Enum):
    MONEY = "money"
    QUANTITY = "quantity"
    DATE = "date"
    TEXT = "text"
    FLAG = "flag"


@record
class Topic:
    """A comparable question. `exclusive = false` when different answers can all be true (features, likenesses)."""

    id: Slug
    label: SafeText
    pane: Literal["specs", "timeline", "investment", "company"]
    kind: TopicKind
    unit: SafeText | None = None
    exclusive: Boolean = True
    description: SafeText | None = None
    metric: SafeText | None = None  # what its figures count ("shipments"), so a later count of another is flagged
    better: Literal["more", "less"] | None = None  # which way an outcome beats a forecast (a sales target: more)
    opinion: Boolean = False  # what no later report can settle (an effort, an aim): its claims are never forecasts


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


@record
class Dispute:
    """Our assessment that a claim is wrong, kept apart from what the source said; `url` backs it where known."""

    reason: SafeText
    url: Url | None = None


@record
class Supersession:
    """Our assessment that a later claim in the fact base replaces this one."""

    by: Slug
    reason: SafeText


@record
class Claim:
    """One thing one source said about one topic, in our own words.

    `origin_basis` says whether the text names the origin ("stated") or we inferred it ("inferred",
    with `basis` saying why). `disputed` and `superseded` are our assessments: such a claim is shown
    but never counts toward agreement.
    """

    id: Slug
    topic: Slug
    source: Slug
    statement: SafeText
    value: Value | None = None
    origin: Slug
    origin_basis: Literal["stated", "inferred"] = "stated"
    basis: SafeText | None = None
    via: Annotated[tuple[Slug, ...], Constrained(max_length=10)] = ()
    stance: Stance = Stance.REPORTED
    date: Date | None = None
    said: Date | None = None
    para: Paragraph | None = None  # required of press claims (see the loader); an outcome's page gives none
    note: SafeText | None = None
    disputed: Dispute | None = None
    superseded: Supersession | None = None
    # Only on outcome claims: how a later report answers the press (see `scoring.py`).
    happened: Literal["on", "by", "not by"] = "on"  # on a date topic: on `date`, by then, or not yet then
    metric: SafeText | None = None  # what the outcome counts when it is not what its topic counts
    scope: SafeText | None = None  # which version or market it speaks of ("SU7 Max")
    answers: Annotated[tuple[Slug, ...], Constrained(max_length=20)] = ()  # on other topics
    refutes: Annotated[tuple[Slug, ...], Constrained(max_length=20)] = ()  # shown false outright

    @property
    def inferred(self) -> bool:
        return self.origin_basis == "inferred"

    @property
    def set_aside(self) -> bool:
        """Disputed or superseded: shown, never counted toward agreement or conflict."""
        return self.disputed is not None or self.superseded is not None


@record
class Rate:
    """1 `base` = `rate` `quote`, as one source gave it."""

    base: Currency
    quote: Currency
    rate: Annotated[float, Constrained(gt=0, le=MAX_RATE, allow_inf_nan=False, strict=True)]
    source: Slug
    para: Paragraph
    note: SafeText | None = None


@record
class FactFile:
    """The whole file, before cross-references are checked."""

    meta: Meta
    sources: list[Source] = field(default_factory=list)  # a story just begun (`xiaomi-tui new`) has none yet
    parties: list[Party] = field(default_factory=list)
    topics: list[Topic] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    rates: list[Rate] = field(default_factory=list)

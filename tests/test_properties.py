from __future__ import annotations

import calendar
from pathlib import Path

from helpers import record
from hypothesis import given, settings
from hypothesis import strategies as st

from xiaomi_tui.cli.check import findings
from xiaomi_tui.facts.analysis.compare import Relation, compare_claims
from xiaomi_tui.facts.analysis.topics import analyse
from xiaomi_tui.facts.export.tables import export
from xiaomi_tui.facts.load.loader import FactsError, loads
from xiaomi_tui.facts.model.factbase import FactBase, follow_affiliations
from xiaomi_tui.facts.model.fuzzydate import FuzzyDate
from xiaomi_tui.facts.model.records import Claim, Topic

FIXTURE = (Path(__file__).parent / "fixtures" / "small.toml").read_text(encoding="utf-8")

# -- 1. a damaged fact base fails with a report, never with a traceback -------------------------

ODD_CHARACTERS = st.one_of(
    st.characters(min_codepoint=0x20, max_codepoint=0x7E),  # printable ASCII, including TOML punctuation
    st.characters(codec="utf-8"),  # any Unicode scalar value
    st.sampled_from(["\x00", "\x1b", "\x7f", "\r", "\n", "\t", "\u0085", "\u202e", "\u200b", "\ufeff", "\ud800"]),
)


def _lines(text: str) -> list[str]:
    return text.splitlines(keepends=True)


@st.composite
def _one_mutation(draw: st.DrawFn, text: str) -> str:
    lines = _lines(text)
    kind = draw(st.sampled_from(["delete", "duplicate", "replace", "truncate", "swap"]))
    if kind == "truncate" or not lines:
        return text[: draw(st.integers(0, len(text)))]
    if kind == "replace":
        at = draw(st.integers(0, len(text) - 1))
        return text[:at] + draw(ODD_CHARACTERS) + text[at + 1:]
    first = draw(st.integers(0, len(lines) - 1))
    if kind == "delete":
        del lines[first]
    elif kind == "duplicate":
        lines.insert(first, lines[first])
    else:
        second = draw(st.integers(0, len(lines) - 1))
        lines[first], lines[second] = lines[second], lines[first]
    return "".join(lines)


@st.composite
def damaged_fixture(draw: st.DrawFn) -> str:
    text = FIXTURE
    for _ in range(draw(st.integers(1, 3))):
        text = draw(_one_mutation(text))
    return text


@settings(max_examples=200, deadline=None)
@given(text=damaged_fixture(), as_bytes=st.booleans())
def test_a_damaged_fact_base_loads_or_fails_with_a_report(text: str, as_bytes: bool) -> None:
    raw = text.encode("utf-8", "surrogatepass") if as_bytes else text
    try:
        facts = loads(raw, "damaged.toml")
    except FactsError as error:
        report = error.report()
        assert isinstance(report, str) and report.startswith("error: damaged.toml has ")
        assert error.problems
        last_line = text.count("\n") + 1
        for problem in error.problems:
            assert isinstance(problem.message, str) and problem.message.strip()
            assert problem.line is None or 1 <= problem.line <= last_line
            assert problem.format("damaged.toml") in report or len(error.problems) > 20
        return
    assert isinstance(facts, FactBase)
    # What the loader accepts, the rest of the data layer can show.
    list(map(str, findings(analyse(facts))))
    export(facts, None, "markdown")


# -- 2. every written form of a date reads back as itself --------------------------------------


@st.composite
def fuzzy_date_text(draw: st.DrawFn) -> str:
    year = draw(st.integers(1900, 2200))
    month = draw(st.integers(1, 12))
    day = draw(st.integers(1, calendar.monthrange(year, month)[1]))
    part = draw(st.sampled_from(["early", "mid", "late"]))
    return draw(st.sampled_from([
        f"{year}",
        f"{year}-H{draw(st.integers(1, 2))}",
        f"{year}-Q{draw(st.integers(1, 4))}",
        f"{year}-{month:02d}",
        f"{year}-{month:02d}-{day:02d}",
        f"{part}-{year}",
        f"{part}-{year}-{month:02d}",
    ]))


@settings(max_examples=200, deadline=None)
@given(fuzzy_date_text())
def test_a_valid_date_is_a_non_empty_interval_that_reads_back_as_itself(text: str) -> None:
    parsed = FuzzyDate.parse(text)

    assert parsed.text == text
    assert FuzzyDate.parse(parsed.text) == parsed
    assert parsed.start <= parsed.end
    assert parsed.start.year == parsed.end.year == int(text.split("-")[1 if parsed.part else 0])
    assert parsed.human().strip()
    assert parsed.contains(FuzzyDate.parse(parsed.start)) and parsed.contains(FuzzyDate.parse(parsed.end))
    assert FuzzyDate.parse(str(parsed.start.year)).contains(parsed)
    assert parsed.csl_date_parts()[0] == parsed.start.year


# -- 3. comparing numbers does not depend on which claim comes first ---------------------------

QUANTITY_TOPIC = record(Topic, id="t", label="T", pane="specs", kind="quantity")
FIGURES = st.one_of(
    st.floats(min_value=-1e12, max_value=1e12, allow_nan=False, allow_infinity=False),
    st.integers(0, 1_000_000).map(float),
)


@st.composite
def numeric_span(draw: st.DrawFn) -> dict[str, float]:
    low, high = sorted((draw(FIGURES), draw(FIGURES)))
    return draw(st.sampled_from([{"amount": low}, {"min": low, "max": high}, {"max": high}, {"min": low}]))


def _claim(value: dict[str, float], claim_id: str) -> Claim:
    return record(Claim, id=claim_id, topic="t", source="s", statement="said", origin="o", para=1, value=value)


@settings(max_examples=200, deadline=None)
@given(numeric_span(), numeric_span())
def test_compare_claims_is_symmetric_for_numbers(first: dict[str, float], second: dict[str, float]) -> None:
    a, b = _claim(first, "a"), _claim(second, "b")

    forward, _ = compare_claims(QUANTITY_TOPIC, a, b)
    backward, _ = compare_claims(QUANTITY_TOPIC, b, a)

    assert forward is backward
    assert forward in (Relation.AGREE, Relation.REFINE, Relation.MINOR, Relation.CONFLICT)
    assert compare_claims(QUANTITY_TOPIC, a, a)[0] is Relation.AGREE


# -- 5. hostile shapes: chains, circles, unknown references and empty tables, mixed ---------------

PARTY_IDS = [f"p{i}" for i in range(12)]


@st.composite
def affiliations(draw: st.DrawFn) -> dict[str, str | None]:
    """Parties each affiliated with nobody, another party, itself, or a name no party has."""
    count = draw(st.integers(1, len(PARTY_IDS)))
    targets = st.one_of(st.none(), st.sampled_from(PARTY_IDS[:count]), st.just("nobody"))
    return {party: draw(targets) for party in PARTY_IDS[:count]}


def _naive_end(affiliation: dict[str, str | None], party: str) -> tuple[str, bool]:
    """Where following `party`'s affiliations one step at a time ends, and whether it went round a circle."""
    seen = [party]
    while (following := affiliation[seen[-1]]) is not None and following in affiliation:
        if following in seen:
            return following, True
        seen.append(following)
    return seen[-1], False


@settings(max_examples=300, deadline=None)
@given(affiliations())
def test_affiliations_followed_once_end_where_a_step_by_step_walk_ends(affiliation: dict[str, str | None]) -> None:
    ends, circles = follow_affiliations(affiliation)

    on_circles = [party for circle in circles for party in circle]
    assert len(on_circles) == len(set(on_circles))
    for party in affiliation:
        end, looped = _naive_end(affiliation, party)
        if looped:  # it reaches a circle: the circle is found, once, and the party's walk is on or leads into it
            assert any(end in circle for circle in circles)
        else:
            assert ends[party] == end
    for circle in circles:
        assert all(affiliation[party] == circle[(index + 1) % len(circle)] for index, party in enumerate(circle))


HOSTILE_PIECES = {
    "chain": lambda i: f'[[parties]]\nid = "h{i}"\nname = "H"\nkind = "person"\naffiliation = "h{i + 1}"\n',
    "chain-end": lambda i: f'[[parties]]\nid = "h{i}"\nname = "H"\nkind = "person"\n',
    "loop": lambda i: f'[[parties]]\nid = "h{i}"\nname = "H"\nkind = "person"\naffiliation = "h{i}"\n',
    "bad-ref": lambda i: (f'[[claims]]\nid = "bad{i}"\ntopic = "body-style"\nsource = "alpha"\nstatement = "x"\n'
                          f'origin = "makr{i}"\nvalue = "sedan"\npara = 1\n'),
    "empty-claim": lambda i: "[[claims]]\n",
    "empty-table": lambda i: f"[t{i}]\n",
}


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(sorted(HOSTILE_PIECES)), st.integers(1, 40)), min_size=1, max_size=6))
def test_hostile_shapes_load_or_fail_with_a_bounded_report(pieces: list[tuple[str, int]]) -> None:
    text = FIXTURE + "".join(HOSTILE_PIECES[kind](start + i) for n, (kind, count) in enumerate(pieces)
                             for start in [n * 100] for i in range(count))
    try:
        loads(text, "hostile.toml")
    except FactsError as error:
        last_line = text.count("\n") + 1
        assert error.total >= len(error.problems) >= 1
        assert len(error.report().splitlines()) <= 22
        for problem in error.problems:
            assert problem.line is None or 1 <= problem.line <= last_line
            assert len(problem.message) < 400

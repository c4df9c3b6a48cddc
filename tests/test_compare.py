from __future__ import annotations

import dataclasses
from itertools import count
from typing import Any

import pytest
from helpers import record

from xiaomi_tui.cli.check import Finding, FindingKind, findings
from xiaomi_tui.facts.analysis.compare import AGREE_WITHIN, MINOR_WITHIN, Relation, compare_claims
from xiaomi_tui.facts.analysis.status import ClaimStanding, Status
from xiaomi_tui.facts.analysis.topics import Voice, analyse, analyse_topic
from xiaomi_tui.facts.load.schema import validate
from xiaomi_tui.facts.model.factbase import FactBase
from xiaomi_tui.facts.model.records import Claim, PartyKind, Rate, Topic

_ids = count(1)

USD_CNY = record(Rate, base="USD", quote="CNY", rate=7.2382, source="s", para=1)


def make_topic(kind: str, *, exclusive: bool = True, unit: str | None = None) -> Topic:
    return record(Topic, id="t", label="T", pane="specs", kind=kind, exclusive=exclusive, unit=unit)


def make_claim(value: Any = None, *, date: str | None = None, source: str = "s1", origin: str = "o1") -> Claim:
    fields: dict[str, Any] = {"id": f"c{next(_ids)}", "topic": "t", "source": source, "statement": "said",
                              "origin": origin, "para": 1}
    if value is not None:
        fields["value"] = value
    if date is not None:
        fields["date"] = date
    return validate(fields, Claim)


def money(currency: str, amount: float | None = None, **bounds: float) -> dict[str, Any]:
    return {"currency": currency, **({"amount": amount} if amount is not None else {}), **bounds}


DATE, MONEY, QUANTITY, TEXT = make_topic("date"), make_topic("money"), make_topic("quantity"), make_topic("text")


def relation_between(topic: Topic, first: Claim, second: Claim, rates: tuple[Rate, ...] = ()) -> tuple[Relation, str]:
    """Compare both ways: the relation must not depend on the order."""
    forward = compare_claims(topic, first, second, rates)
    backward = compare_claims(topic, second, first, rates)
    assert forward[0] is backward[0]
    return forward


# -- two claims ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "second", "relation", "reason"),
    [
        ("2023-12", "2024-H1", Relation.CONFLICT, "Dec 2023 vs H1 2024 cannot both be true"),
        ("2024-02", "2024", Relation.REFINE, "Feb 2024 refines 2024"),
        ("2024", "2024-02", Relation.REFINE, "Feb 2024 refines 2024"),
        ("2024-H1", "2024-Q2", Relation.REFINE, "Q2 2024 refines H1 2024"),
        ("2024-Q2", "mid-2024", Relation.AGREE, "Q2 2024 and mid 2024 overlap"),
        ("2024-Q1", "2024-Q1", Relation.AGREE, "same dates"),
        ("2024-03", "2024-Q1", Relation.REFINE, "Mar 2024 refines Q1 2024"),
        ("2023-08-23", "2023-08", Relation.REFINE, "23 Aug 2023 refines Aug 2023"),
    ],
)
def test_dates_compare_as_intervals(first: str, second: str, relation: Relation, reason: str) -> None:
    assert compare_claims(DATE, make_claim(date=first), make_claim(date=second)) == (relation, reason)


def test_a_date_claim_without_a_date_is_not_comparable() -> None:
    assert relation_between(DATE, make_claim(date="2024"), make_claim()) == (
        Relation.INCOMPARABLE, "not comparable: a claim has no date")


@pytest.mark.parametrize(
    ("first", "second", "relation", "reason"),
    [
        (300_000, 300_000, Relation.AGREE, "same figure"),
        (1000, 1004, Relation.AGREE, "within 0.4%"),
        (1000, 1005, Relation.AGREE, "within 0.5%"),
        (1000, 1010, Relation.MINOR, "1.0% apart: rounding or a different rate"),
        (1000, 1020, Relation.MINOR, "2.0% apart: rounding or a different rate"),
        # Exactly at the limits (20 / 1000 is the same double as MINOR_WITHIN): the limits are inclusive.
        (995, 1000, Relation.AGREE, "within 0.5%"),
        (980, 1000, Relation.MINOR, "2.0% apart: rounding or a different rate"),
        (979.9, 1000, Relation.CONFLICT, "2% apart"),
        ({"max": 980}, {"min": 1000}, Relation.MINOR, "ranges 2.0% apart"),
        ({"max": 979.9}, {"min": 1000}, Relation.CONFLICT, "ranges do not overlap"),
        (1000, 1030, Relation.CONFLICT, "3% apart"),
        (100, 200, Relation.CONFLICT, "50% apart"),
        ({"max": 300_000}, 250_000, Relation.REFINE, "one range holds the other"),
        ({"min": 100, "max": 200}, {"min": 120, "max": 150}, Relation.REFINE, "one range holds the other"),
        ({"min": 100, "max": 200}, {"min": 150, "max": 250}, Relation.AGREE, "ranges overlap"),
        ({"min": 100, "max": 200}, {"min": 202, "max": 250}, Relation.MINOR, "ranges 1.0% apart"),
        ({"max": 300_000}, {"min": 400_000}, Relation.CONFLICT, "ranges do not overlap"),
        ({"max": 300_000}, 350_000, Relation.CONFLICT, "ranges do not overlap"),
    ],
)
def test_numbers_and_ranges(first: Any, second: Any, relation: Relation, reason: str) -> None:
    assert relation_between(QUANTITY, make_claim(first), make_claim(second)) == (relation, reason)


def test_the_boundary_cases_sit_exactly_on_the_limits() -> None:
    """A test at the limit is only one if the figures meet it exactly, not 1.96% for 2%."""
    assert abs(995 - 1000) / 1000 == AGREE_WITHIN
    assert abs(980 - 1000) / 1000 == MINOR_WITHIN


def test_usd_138_vs_137_bn_is_a_minor_discrepancy() -> None:
    assert relation_between(MONEY, make_claim(money("USD", 1.38e9)), make_claim(money("USD", 1.37e9))) == (
        Relation.MINOR, "0.7% apart: rounding or a different rate")


def test_currencies_compare_through_a_recorded_rate_either_way_round() -> None:
    rmb, usd = make_claim(money("CNY", 10e9)), make_claim(money("USD", 1.38e9))

    assert compare_claims(MONEY, rmb, usd, (USD_CNY,)) == (Relation.AGREE, "within 0.1% (at 7.2382 RMB per USD)")
    assert compare_claims(MONEY, usd, rmb, (USD_CNY,)) == (Relation.AGREE, "within 0.1% (at 0.138156 USD per CNY)")


def test_a_converted_figure_far_off_conflicts() -> None:
    relation, reason = relation_between(MONEY, make_claim(money("CNY", 10e9)), make_claim(money("USD", 2e9)),
                                        (USD_CNY,))

    assert (relation, reason) == (Relation.CONFLICT, "31% apart (at 7.2382 RMB per USD)")


@pytest.mark.parametrize(
    ("first", "second", "reason"),
    [
        (money("CNY", max=300_000), money("EUR", min=40_000, max=50_000), "not comparable: no EUR rate in the fact base"),
        (money("EUR", min=40_000, max=50_000), money("CNY", max=300_000), "not comparable: no EUR rate in the fact base"),
        (money("USD", 1), money("EUR", 1), "not comparable: no EUR/USD rate in the fact base"),
        (money("EUR", 1), money("USD", 1), "not comparable: no EUR/USD rate in the fact base"),
    ],
)
def test_a_missing_rate_makes_money_not_comparable(first: dict, second: dict, reason: str) -> None:
    assert compare_claims(MONEY, make_claim(first), make_claim(second), (USD_CNY,)) == (Relation.INCOMPARABLE, reason)


def test_text_compares_case_and_space_insensitively() -> None:
    assert relation_between(TEXT, make_claim("Sedan"), make_claim("  sedan ")) == (Relation.AGREE, "same words")


def test_different_text_conflicts_on_an_exclusive_topic_and_differs_otherwise() -> None:
    sedan, suv = make_claim("sedan"), make_claim("SUV")

    assert compare_claims(TEXT, sedan, suv) == (Relation.CONFLICT, "'sedan' vs 'SUV'")
    assert relation_between(make_topic("text", exclusive=False), sedan, suv) == (
        Relation.DIFFER, "different answers that can both hold")


def test_flags() -> None:
    flag = make_topic("flag")

    assert relation_between(flag, make_claim(True), make_claim(True)) == (Relation.AGREE, "same")
    assert relation_between(flag, make_claim(True), make_claim(False)) == (Relation.CONFLICT, "yes vs no")


def test_values_of_different_kinds_are_not_comparable() -> None:
    assert relation_between(QUANTITY, make_claim(5), make_claim("five")) == (
        Relation.INCOMPARABLE, "not comparable: values of different kinds")


def test_only_agree_refine_and_minor_are_consistent() -> None:
    assert {relation for relation in Relation if relation.consistent} == {
        Relation.AGREE, Relation.REFINE, Relation.MINOR}


# -- a topic ------------------------------------------------------------------------------------


def test_four_sources_repeating_one_origin_are_an_echo() -> None:
    claims = [make_claim(300_000, source=f"s{index}", origin="wire") for index in range(4)]

    analysis = analyse_topic(QUANTITY, claims, voices={"wire": Voice("wire", "Wire", PartyKind.OUTLET)})

    assert (analysis.status, analysis.reason) == (Status.ECHO, "1 origin, 4 sources: the same report repeated")
    assert analysis.counts_text == "1 origin, 4 sources"
    assert set(analysis.standings.values()) == {ClaimStanding.ECHOED}
    assert len(analysis.groups) == 1


def test_two_origins_agreeing_corroborate_each_other() -> None:
    claims = [make_claim(300_000, source="s1", origin="wire"), make_claim(300_000, source="s2", origin="wire"),
              make_claim(300_000, source="s3", origin="maker")]

    analysis = analyse_topic(QUANTITY, claims)

    assert (analysis.status, analysis.reason) == (Status.AGREE, "2 independent origins agree")
    assert analysis.counts_text == "2 origins, 3 sources"
    assert set(analysis.standings.values()) == {ClaimStanding.CORROBORATED}


def test_one_source_is_single_even_with_several_claims() -> None:
    analysis = analyse_topic(QUANTITY, [make_claim(1, origin="a"), make_claim(1, origin="b")])

    assert (analysis.status, analysis.reason) == (Status.SINGLE, "only one source carries it")
    assert analysis.counts_text == "2 origins, 1 source"
    assert set(analysis.standings.values()) == {ClaimStanding.UNIQUE}


def test_no_claims_in_view() -> None:
    analysis = analyse_topic(QUANTITY, [])

    assert (analysis.status, analysis.reason, analysis.consensus) == (Status.NONE, "no claims in view", "\u2014")
    assert analysis.counts_text == "0 origins, 0 sources"


def test_a_conflict_outranks_every_other_status_and_marks_only_the_conflicting_claims() -> None:
    usd_a = make_claim(money("USD", 1.38e9), source="s1", origin="o1")
    usd_b = make_claim(money("USD", 1.37e9), source="s2", origin="o2")
    eur = make_claim(money("EUR", 1e9), source="s3", origin="o3")
    far = make_claim(money("USD", 10e9), source="s4", origin="o4")

    analysis = analyse_topic(MONEY, [usd_a, usd_b, eur, far])

    assert (analysis.status, analysis.reason) == (Status.CONFLICT, "86% apart")
    assert analysis.standings == {
        usd_a.id: ClaimStanding.CONFLICT, usd_b.id: ClaimStanding.CONFLICT,
        eur.id: ClaimStanding.UNIQUE, far.id: ClaimStanding.CONFLICT,
    }
    assert analysis.consensus == "USD 1.38 bn vs USD 1.37 bn vs EUR 1 bn \u2026"


def test_not_comparable_outranks_minor() -> None:
    claims = [make_claim(money("USD", 1.38e9), source="s1"), make_claim(money("USD", 1.37e9), source="s2"),
              make_claim(money("EUR", 1e9), source="s3")]

    analysis = analyse_topic(MONEY, claims)

    assert (analysis.status, analysis.reason) == (Status.UNCOMPARABLE, "not comparable: no EUR/USD rate in the fact base")


def test_non_exclusive_differences_are_various() -> None:
    topic = make_topic("text", exclusive=False)

    analysis = analyse_topic(topic, [make_claim("XPeng P7", source="s1", origin="o1"),
                                     make_claim("BMW i4", source="s2", origin="o2")])

    assert analysis.status is Status.VARIOUS
    assert analysis.consensus == "XPeng P7, BMW i4"
    assert set(analysis.standings.values()) == {ClaimStanding.UNIQUE}


def test_consensus_is_the_value_most_origins_back() -> None:
    claims = [make_claim(date="2024-02", source="s1", origin="o1"),
              make_claim(date="2024", source="s2", origin="o2"),
              make_claim(date="2024", source="s3", origin="o3")]

    analysis = analyse_topic(DATE, claims)

    assert analysis.status is Status.AGREE
    assert analysis.consensus == "2024"
    assert analysis.related(claims[0]) == [
        (claims[1], Relation.REFINE, "Feb 2024 refines 2024"), (claims[2], Relation.REFINE, "Feb 2024 refines 2024")]
    assert analysis.related(claims[1]) == [
        (claims[0], Relation.REFINE, "Feb 2024 refines 2024"), (claims[2], Relation.AGREE, "same value")]


def test_a_refinement_from_another_origin_corroborates_but_one_from_the_same_origin_echoes() -> None:
    month = make_claim(date="2023-08", source="s1", origin="wire")
    day = make_claim(date="2023-08-23", source="s2", origin="wire")
    other = make_claim(date="2023", source="s3", origin="maker")

    assert set(analyse_topic(DATE, [month, day]).standings.values()) == {ClaimStanding.ECHOED}
    assert set(analyse_topic(DATE, [month, day, other]).standings.values()) == {ClaimStanding.CORROBORATED}


# -- the fixture --------------------------------------------------------------------------------

FIXTURE_VERDICTS = {
    "body-style": (Status.SINGLE, "sedan", "1 origin, 1 source"),
    "looks-like": (Status.VARIOUS, "XPeng P7, BMW i4", "2 origins, 2 sources"),
    "mass-production": (Status.CONFLICT, "Dec 2023 vs H1 2024", "2 origins, 1 source"),
    "approval": (Status.ECHO, "23 Aug 2023", "1 origin, 2 sources"),
    "investment": (Status.ECHO, "RMB 10 bn", "1 origin, 2 sources"),
    "investment-usd": (Status.MINOR, "USD 1.38 bn vs about USD 1.37 bn", "2 origins, 2 sources"),
    "capacity": (Status.AGREE, "300,000 vehicles/year", "2 origins, 2 sources"),
    "price": (Status.UNCOMPARABLE, "below RMB 300,000 vs EUR 40,000\u201350,000", "2 origins, 2 sources"),
}


def test_fixture_has_one_topic_per_status(small_facts: FactBase) -> None:
    analysis = analyse(small_facts)

    assert analysis.sources == frozenset({"alpha", "beta", "gamma"})
    assert {topic_id: (topic.status, topic.consensus, topic.counts_text)
            for topic_id, topic in analysis.topics.items()} == FIXTURE_VERDICTS
    assert analysis.topics["price"].reason == "not comparable: no EUR rate in the fact base"


def test_fixture_standings_and_source_tallies(small_facts: FactBase) -> None:
    analysis = analyse(small_facts)

    assert analysis.standings == {
        "alpha-body": ClaimStanding.UNIQUE,
        "alpha-looks": ClaimStanding.UNIQUE,
        "gamma-looks": ClaimStanding.UNIQUE,
        "alpha-mass-production-dec": ClaimStanding.CONFLICT,
        "alpha-mass-production-h1": ClaimStanding.CONFLICT,
        "alpha-approval": ClaimStanding.ECHOED,
        "beta-approval": ClaimStanding.ECHOED,
        "alpha-investment": ClaimStanding.ECHOED,
        "beta-investment": ClaimStanding.ECHOED,
        "alpha-investment-usd": ClaimStanding.MINOR,  # nearly the other's figure: ≈ on the claim as on the topic
        "gamma-investment-usd": ClaimStanding.MINOR,
        "alpha-capacity": ClaimStanding.CORROBORATED,
        "gamma-capacity": ClaimStanding.CORROBORATED,
        "alpha-price": ClaimStanding.UNIQUE,
        "gamma-price": ClaimStanding.UNIQUE,
    }
    tallies = {source: {standing.value: n for standing, n in counts.items() if n}
               for source, counts in analysis.source_tallies.items()}
    assert tallies == {
        "alpha": {"conflict": 2, "minor": 1, "corroborated": 1, "echo": 2, "single": 3},
        "beta": {"echo": 2},
        "gamma": {"minor": 1, "corroborated": 1, "single": 2},
    }
    assert sorted(claim.id for claim in analysis.claims()) == sorted(small_facts.claims)


def test_fixture_warnings_come_in_order_of_severity(small_facts: FactBase) -> None:
    assert list(map(str, findings(analyse(small_facts)))) == [
        "conflict: Mass-production start: Dec 2023 vs H1 2024 (Dec 2023 vs H1 2024 cannot both be true)",
        "not comparable: Price: below RMB 300,000 vs EUR 40,000\u201350,000 "
        "(not comparable: no EUR rate in the fact base)",
        "minor: First-phase investment, USD as printed: USD 1.38 bn vs about USD 1.37 bn "
        "(0.7% apart: rounding or a different rate)",
        "echo: Regulator approval: 1 origin, 2 sources: the same report repeated",
        "echo: First-phase investment: 1 origin, 2 sources: one announcement repeated",
        "single: Body style: sedan (alpha)",
    ]


def test_findings_sort_by_their_kind_not_by_the_text_they_print(small_facts: FactBase) -> None:
    """The order comes from each finding's kind: a topic labelled like another kind still sorts as what it is."""
    topics = {topic.id: topic for topic in small_facts.data.topics}
    renamed = dataclasses.replace(topics["mass-production"], label="single source")
    data = dataclasses.replace(small_facts.data, topics=[
        renamed if topic.id == "mass-production" else topic for topic in small_facts.data.topics])
    found = findings(analyse(FactBase(data)))

    assert [finding.kind for finding in found] == sorted((finding.kind for finding in found),
                                                         key=list(FindingKind).index)
    assert found[0] == Finding(FindingKind.CONFLICT, "single source",
                               "Dec 2023 vs H1 2024 (Dec 2023 vs H1 2024 cannot both be true)")


def test_filtering_by_source_drops_other_claims_and_changes_verdicts(small_facts: FactBase) -> None:
    analysis = analyse(small_facts, ["alpha"])

    assert analysis.sources == frozenset({"alpha"})
    assert {claim.source for claim in analysis.claims()} == {"alpha"}
    assert len(analysis.claims()) == 9
    assert {topic_id: topic.status for topic_id, topic in analysis.topics.items()} == {
        "body-style": Status.SINGLE, "looks-like": Status.SINGLE, "mass-production": Status.CONFLICT,
        "approval": Status.SINGLE, "investment": Status.SINGLE, "investment-usd": Status.SINGLE,
        "capacity": Status.SINGLE, "price": Status.SINGLE,
    }
    assert analysis.standings["alpha-capacity"] is ClaimStanding.UNIQUE
    assert list(analysis.source_tallies) == ["alpha"]


def test_filtering_out_every_claim_of_a_topic_leaves_none(small_facts: FactBase) -> None:
    analysis = analyse(small_facts, ["beta"])

    assert analysis.topics["capacity"].status is Status.NONE
    assert analysis.topics["approval"].status is Status.SINGLE
    assert list(map(str, findings(analysis))) == [
        "single: Regulator approval: Aug 2023 (beta)",
        "single: First-phase investment: RMB 10 bn (beta)",
    ]


def test_two_sources_turn_an_echo_into_agreement_only_with_a_second_origin(small_facts: FactBase) -> None:
    alpha_gamma = analyse(small_facts, ["alpha", "gamma"])

    assert alpha_gamma.topics["approval"].status is Status.SINGLE
    assert alpha_gamma.topics["capacity"].status is Status.AGREE
    assert analyse(small_facts, ["alpha", "beta"]).topics["approval"].status is Status.ECHO


def test_every_status_has_a_distinct_symbol() -> None:
    symbols = [status.symbol for status in Status]

    assert len(set(symbols)) == len(symbols)
    assert Status.CONFLICT.symbol == "\u2717" and Status.AGREE.symbol == "\u2713"


def test_the_reason_beside_the_counts_does_not_repeat_them(small_facts: FactBase) -> None:
    topics = analyse(small_facts).topics

    assert (topics["approval"].counts_text, topics["approval"].reason) == (
        "1 origin, 2 sources", "1 origin, 2 sources: the same report repeated")
    assert topics["approval"].reason_beyond_counts == "the same report repeated"
    assert topics["body-style"].reason_beyond_counts == topics["body-style"].reason == "only one source carries it"

"""Provenance, second version: inferred origins, affiliations, disputes and relays, as the loader and model see them."""

from __future__ import annotations

from itertools import count
from pathlib import Path
from typing import Any

import pytest

from helpers import record
from test_loader import edit, line_of
from xiaomi_tui.facts.compare import ClaimStanding, Status, Voice, analyse, analyse_topic
from xiaomi_tui.facts.loader import FactsError, Problem, loads
from xiaomi_tui.facts.records import Claim, PartyKind, Topic

DATE = record(Topic, id="t", label="T", pane="timeline", kind="date")
TEXT = record(Topic, id="t", label="T", pane="specs", kind="text")
_ids = count(1)


def make_claim(value: Any = None, *, source: str, origin: str, date: str | None = None, basis: str | None = None,
               disputed: str | None = None) -> Claim:
    """A claim with only what these tests vary; `basis` makes its origin inferred, `disputed` gives the reason."""
    fields: dict[str, Any] = {"id": f"c{next(_ids)}", "topic": "t", "source": source, "statement": "said",
                              "origin": origin, "para": 1, "value": value, "date": date}
    if basis is not None:
        fields |= {"origin_basis": "inferred", "basis": basis}
    if disputed is not None:
        fields["disputed"] = {"reason": disputed}
    return record(Claim, **{key: value for key, value in fields.items() if value is not None})


@pytest.fixture
def fixture_text(small_facts_path: Path) -> str:
    return small_facts_path.read_text(encoding="utf-8")


def problems(text: str) -> list[Problem]:
    with pytest.raises(FactsError) as raised:
        loads(text, "f.toml")
    return raised.value.problems


DAILY = '[[parties]]\nid = "daily"\nname = "Daily Paper"\nkind = "outlet"\n'
MAKER = '[[parties]]\nid = "maker"\nname = "Maker Corp"\nkind = "organisation"\n'
ANALYST_ORIGIN = 'origin = "analyst"\nstance = "plan"'
"""gamma-capacity's origin line: a claim to hang claim-level fields on."""


# -- the loader's rules ---------------------------------------------------------------------------


@pytest.mark.parametrize(("old", "new", "at", "where", "message"), [
    pytest.param(
        ANALYST_ORIGIN, f'{ANALYST_ORIGIN}\norigin_basis = "inferred"', 'origin_basis = "inferred"',
        "claim 'gamma-capacity' field 'basis'",
        "an inferred origin needs a basis: say why we think it came from there", id="inferred-without-basis"),
    pytest.param(
        ANALYST_ORIGIN, f'{ANALYST_ORIGIN}\nbasis = "the figure matches"', "basis =",
        "claim 'gamma-capacity' field 'basis'",
        'a basis goes with origin_basis = "inferred"; a stated origin is in the text', id="basis-when-stated"),
    pytest.param(
        ANALYST_ORIGIN,
        f'{ANALYST_ORIGIN}\ndisputed = {{ reason = "wrong" }}\nsuperseded = {{ by = "alpha-capacity", reason = "x" }}',
        "superseded =", "claim 'gamma-capacity' field 'superseded'",
        "a claim is either disputed or superseded, not both", id="disputed-and-superseded"),
    pytest.param(
        ANALYST_ORIGIN, f'{ANALYST_ORIGIN}\nsuperseded = {{ by = "alpha-capacty", reason = "later figure" }}',
        "superseded =", "claim 'gamma-capacity' field 'superseded.by'",
        "unknown claim 'alpha-capacty'; did you mean 'alpha-capacity'?", id="superseded-by-unknown"),
    pytest.param(
        ANALYST_ORIGIN, f'{ANALYST_ORIGIN}\nsuperseded = {{ by = "gamma-capacity", reason = "later figure" }}',
        "superseded =", "claim 'gamma-capacity' field 'superseded.by'",
        "a claim cannot supersede itself", id="superseded-by-itself"),
    pytest.param(
        DAILY, DAILY + 'affiliation = "wrie"\n', 'affiliation = "wrie"', "party 'daily' field 'affiliation'",
        "unknown party 'wrie'; did you mean 'wire'?", id="affiliation-unknown"),
    pytest.param(
        'kind = "blog"', 'kind = "blog"\nrelays = "dialy"', 'relays = "dialy"', "source 'gamma' field 'relays'",
        "unknown party 'dialy'; did you mean 'daily'?", id="relays-unknown"),
])
def test_a_broken_provenance_field_is_named_with_its_line(
    fixture_text: str, old: str, new: str, at: str, where: str, message: str
) -> None:
    text = edit(fixture_text, old, new)

    assert problems(text) == [Problem(message, line_of(text, at), None, where)]


def test_an_affiliation_circle_is_refused_for_each_party_on_it(fixture_text: str) -> None:
    text = edit(fixture_text, DAILY, DAILY + 'affiliation = "maker"\n')
    text = edit(text, MAKER, MAKER + 'affiliation = "daily"\n')

    assert problems(text) == [
        Problem("affiliations go round in a circle (maker -> daily -> maker); an organisation speaks for itself",
                line_of(text, 'affiliation = "daily"'), None, "party 'maker' field 'affiliation'"),
        Problem("affiliations go round in a circle (daily -> maker -> daily); an organisation speaks for itself",
                line_of(text, 'affiliation = "maker"'), None, "party 'daily' field 'affiliation'"),
    ]


def test_a_relaying_source_must_end_every_chain_with_the_relay(fixture_text: str) -> None:
    text = edit(fixture_text, 'kind = "blog"', 'kind = "blog"\nrelays = "daily"')

    found = problems(text)

    gamma_claims = fixture_text.count('source = "gamma"')
    assert len(found) == gamma_claims
    assert found[0].where == "claim 'gamma-investment-usd' field 'via'"
    assert found[0].message == ("source 'gamma' relays 'daily' as a whole: end the chain with it "
                                "(last in via, or as the origin)")


def test_assessments_and_an_inferred_origin_load_as_written(fixture_text: str) -> None:
    text = edit(fixture_text, ANALYST_ORIGIN, f'{ANALYST_ORIGIN}\norigin_basis = "inferred"\n'
                'basis = "the figure and wording match"\n'
                'disputed = { reason = "the plant was never built", url = "https://example.com/x" }')

    claim = loads(text).claims["gamma-capacity"]

    assert (claim.inferred, claim.basis, claim.set_aside) == (True, "the figure and wording match", True)
    assert claim.disputed.url == "https://example.com/x"


# -- the model ------------------------------------------------------------------------------------


def test_organisation_of_follows_affiliations_to_the_end(fixture_text: str) -> None:
    text = edit(fixture_text, DAILY, DAILY + 'affiliation = "maker"\n')
    text = edit(text, 'id = "insider"\n', 'id = "insider"\naffiliation = "daily"\n')

    facts = loads(text)

    assert [facts.organisation_of(party).id for party in ("insider", "daily", "maker", "wire")] == [
        "maker", "maker", "maker", "wire"]


def test_an_anonymous_source_is_named_by_what_it_credits(fixture_text: str) -> None:
    text = edit(fixture_text, '[[sources]]\nid = "gamma"\ntitle = "Maker EV-1"\n',
                '[[sources]]\nid = "gamma"\nrelays = "daily"\n')
    text = text.replace('source = "gamma"', 'source = "beta"')

    facts = loads(text)

    assert facts.source_name("gamma") == "unnamed outlet, crediting Daily Paper"
    assert facts.source_name("beta") == "Beta Daily"


def test_an_inferred_origin_is_marked_where_the_chain_is_told(fixture_text: str) -> None:
    text = edit(fixture_text, ANALYST_ORIGIN, f'{ANALYST_ORIGIN}\norigin_basis = "inferred"\nbasis = "same figure"')

    facts = loads(text)
    claim = facts.claims["gamma-capacity"]

    assert facts.origin_text(claim) == "An Analyst (inferred)"
    assert facts.chain_text(claim) == "Maker EV-1, citing An Analyst (inferred)"


# -- comparison: organisations, inferences, assessments ------------------------------------------

XIAOMI_VOICES = {
    "xiaomi": Voice("xiaomi", "Xiaomi", PartyKind.ORGANISATION),
    "lei-jun": Voice("xiaomi", "Xiaomi", PartyKind.PERSON),
    "william-lu": Voice("xiaomi", "Xiaomi", PartyKind.PERSON),
    "kuo": Voice("kuo", "Ming-Chi Kuo", PartyKind.PERSON),
}


def test_three_voices_of_one_organisation_confirm_nothing() -> None:
    claims = [make_claim(date="2024", source="s1", origin="xiaomi"),
              make_claim(date="2024", source="s2", origin="lei-jun"),
              make_claim(date="2024", source="s3", origin="william-lu")]

    analysis = analyse_topic(DATE, claims, voices=XIAOMI_VOICES)

    assert (analysis.status, analysis.reason) == (Status.ECHO, "3 origins, 1 organisation: Xiaomi confirming itself")
    assert analysis.counts_text == "3 origins, 1 organisation, 3 sources"
    assert set(analysis.standings.values()) == {ClaimStanding.ECHOED}


def test_another_organisation_corroborates() -> None:
    claims = [make_claim(date="2024", source="s1", origin="xiaomi"),
              make_claim(date="2024", source="s2", origin="lei-jun"),
              make_claim(date="2024", source="s3", origin="kuo")]

    analysis = analyse_topic(DATE, claims, voices=XIAOMI_VOICES)

    assert (analysis.status, analysis.reason) == (Status.AGREE, "2 independent organisations agree (3 origins)")
    assert set(analysis.standings.values()) == {ClaimStanding.CORROBORATED}


@pytest.mark.parametrize(("origin", "wording"), [
    ("xiaomi", "one announcement repeated"), ("lei-jun", "one person's word repeated"),
])
def test_an_echo_says_what_was_repeated(origin: str, wording: str) -> None:
    claims = [make_claim(date="2024", source=f"s{index}", origin=origin) for index in range(3)]

    assert analyse_topic(DATE, claims, voices=XIAOMI_VOICES).reason == f"1 origin, 3 sources: {wording}"


def test_counts_say_how_many_origins_are_inferred() -> None:
    claims = [make_claim(date="2023-08-23", source="s1", origin="wire"),
              *(make_claim(date="2023", source=f"s{index}", origin="wire", basis="same news") for index in (2, 3, 4))]

    analysis = analyse_topic(DATE, claims)

    assert analysis.counts_text == "1 origin, 4 sources; 3 inferred"


def test_a_disputed_claim_is_kept_but_neither_agrees_nor_conflicts() -> None:
    own = make_claim("own licence", source="s1", origin="o1")
    bought = make_claim("bought with a carmaker", source="s2", origin="o2", disputed="never happened")

    analysis = analyse_topic(TEXT, [own, bought])

    assert (analysis.status, analysis.reason) == (Status.SINGLE, "only one source carries it")
    assert analysis.claims == [own, bought]
    assert analysis.ordered_claims == [own, bought]
    assert analysis.standings == {own.id: ClaimStanding.UNIQUE, bought.id: ClaimStanding.DISPUTED}
    assert analysis.counts_text == "1 origin, 1 source; 1 set aside"
    assert analysis.related(own) == [] and analysis.related(bought) == []


def test_a_topic_of_disputed_claims_only_says_why() -> None:
    bought = make_claim(date="2022-11", source="s1", origin="o1", disputed="the carmaker went bankrupt")

    analysis = analyse_topic(DATE, [bought])

    assert (analysis.status, analysis.reason) == (
        Status.DISPUTED, "every claim in view is disputed: the carmaker went bankrupt")
    assert (analysis.consensus, analysis.counts_text) == ("Nov 2022", "1 claim, set aside")


def test_two_disputed_agreeing_claims_are_no_echo() -> None:
    claims = [make_claim("x", source=f"s{index}", origin="o1", disputed="wrong") for index in (1, 2)]

    assert analyse_topic(TEXT, claims).status is Status.DISPUTED


def test_check_lists_disputes_first_and_inferred_echoes_apart(fixture_text: str) -> None:
    text = edit(fixture_text, 'date = "2023-08"\n', 'date = "2023-08"\norigin_basis = "inferred"\nbasis = "same news"\n')
    text = edit(text, 'value = "sedan"\n', 'value = "sedan"\ndisputed = { reason = "it is a hatchback" }\n')

    warnings = analyse(loads(text)).warnings()

    assert warnings[0] == "disputed: Body style: alpha-body: it is a hatchback"
    assert "echo on inferred origins: Regulator approval: 1 origin, 2 sources: the same report repeated; 1 inferred" \
        in warnings

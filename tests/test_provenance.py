"""Provenance, second version: inferred origins, affiliations, disputes and relays, as the loader and model see them."""

from __future__ import annotations

from pathlib import Path

import pytest

from test_loader import edit, line_of
from xiaomi_tui.facts.loader import FactsError, Problem, loads


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

"""Provenance, second version: inferred origins, affiliations, disputes and relays, as the loader and model see them."""

from __future__ import annotations

import json
from itertools import count
from pathlib import Path
from typing import Any

import pytest
from helpers import edit, line_of, record, run

from xiaomi_tui.cli.check import findings
from xiaomi_tui.facts.analysis.status import ClaimStanding, Status
from xiaomi_tui.facts.analysis.topics import Voice, analyse, analyse_topic
from xiaomi_tui.facts.citations import Citation, NotCitable, cite
from xiaomi_tui.facts.load.loader import FactsError, Problem, loads
from xiaomi_tui.facts.model.factbase import FactBase
from xiaomi_tui.facts.model.records import Claim, PartyKind, Topic

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


@pytest.mark.parametrize(("third", "status", "reason", "standing"), [
    ("william-lu", Status.ECHO, "3 origins, 1 organisation: Xiaomi confirming itself", ClaimStanding.ECHOED),
    ("kuo", Status.AGREE, "2 independent organisations agree (3 origins)", ClaimStanding.CORROBORATED),
], ids=["xiaomi-confirming-itself", "another-organisation-corroborates"])
def test_agreement_counts_organisations_not_voices(third: str, status: Status, reason: str,
                                                   standing: ClaimStanding) -> None:
    claims = [make_claim(date="2024", source="s1", origin="xiaomi"),
              make_claim(date="2024", source="s2", origin="lei-jun"),
              make_claim(date="2024", source="s3", origin=third)]

    analysis = analyse_topic(DATE, claims, voices=XIAOMI_VOICES)

    assert (analysis.status, analysis.reason) == (status, reason)
    assert set(analysis.standings.values()) == {standing}


@pytest.mark.parametrize(("inferred", "status", "reason", "standing"), [
    ((), Status.AGREE, "2 independent origins agree", ClaimStanding.CORROBORATED),
    (("s2",), Status.UNCONFIRMED, "2 origins agree; 1 inferred", ClaimStanding.UNCONFIRMED),
    (("s1", "s2"), Status.UNCONFIRMED, "2 origins agree; both inferred", ClaimStanding.UNCONFIRMED),
], ids=["both-stated", "one-inferred", "both-inferred"])
def test_two_organisations_corroborate_only_as_the_sources_state_them(
        inferred: tuple[str, ...], status: Status, reason: str, standing: ClaimStanding) -> None:
    claims = [make_claim(date="2024", source=source, origin=origin, basis="our reading" if source in inferred else None)
              for source, origin in (("s1", "xiaomi"), ("s2", "kuo"))]

    analysis = analyse_topic(DATE, claims, voices=XIAOMI_VOICES)

    assert (analysis.status, analysis.reason) == (status, reason)
    assert set(analysis.standings.values()) == {standing}


def test_a_stated_second_voice_is_enough_whatever_else_is_inferred() -> None:
    claims = [make_claim(date="2024", source="s1", origin="xiaomi"), make_claim(date="2024", source="s2", origin="kuo"),
              make_claim(date="2024", source="s3", origin="wire", basis="our reading")]

    analysis = analyse_topic(DATE, claims, voices=XIAOMI_VOICES)

    assert (analysis.status, analysis.reason) == (Status.AGREE, "3 independent origins agree")
    assert analysis.standings[claims[2].id] is ClaimStanding.UNCONFIRMED  # its own origin is our reading


def test_a_counterparty_announcing_its_own_agreement_is_no_second_voice() -> None:
    voices = {**XIAOMI_VOICES,
              "zone": Voice("zone", "Development zone", PartyKind.DOCUMENT, "xiaomi", "Xiaomi"),
              "city": Voice("city", "City hall", PartyKind.ORGANISATION)}
    claims = [make_claim("Beijing", source="s1", origin="zone"), make_claim("Beijing", source="s2", origin="lei-jun")]

    analysis = analyse_topic(TEXT, claims, voices=voices)

    assert (analysis.status, analysis.reason) == (
        Status.ECHO, "2 origins, 1 organisation: Xiaomi confirming itself, with Development zone as its counterparty")
    assert set(analysis.standings.values()) == {ClaimStanding.ECHOED}
    assert analysis.organisations == {"xiaomi"}
    third = make_claim("Beijing", source="s3", origin="city")
    assert analyse_topic(TEXT, [*claims, third], voices=voices).status is Status.AGREE  # not a party to it


def test_a_counterparty_loads_and_must_be_a_known_party(fixture_text: str) -> None:
    text = fixture_text + '[[parties]]\nid = "zone"\nname = "Zone"\nkind = "organisation"\ncounterparty = "maker"\n'
    facts = loads(text)
    assert facts.parties["zone"].counterparty == "maker"
    assert analyse(facts) is not None
    [problem] = problems(text.replace('counterparty = "maker"', 'counterparty = "makr"'))
    assert "party 'zone' field 'counterparty'" in str(problem) and "maker" in str(problem)


def test_counts_name_the_organisations_when_fewer_than_the_origins() -> None:
    claims = [make_claim(date="2024", source=f"s{index}", origin=origin)
              for index, origin in enumerate(("xiaomi", "lei-jun", "william-lu"))]

    assert analyse_topic(DATE, claims, voices=XIAOMI_VOICES).counts_text == "3 origins, 1 organisation, 3 sources"


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
        Status.DISPUTED, "set aside as disputed: the carmaker went bankrupt")
    assert (analysis.consensus, analysis.counts_text) == ("Nov 2022", "1 claim, set aside")


def test_two_disputed_agreeing_claims_are_no_echo() -> None:
    claims = [make_claim("x", source=f"s{index}", origin="o1", disputed="wrong") for index in (1, 2)]

    assert analyse_topic(TEXT, claims).status is Status.DISPUTED


def test_check_lists_disputes_first_and_inferred_echoes_apart(fixture_text: str) -> None:
    text = edit(fixture_text, 'date = "2023-08"\n',
                'date = "2023-08"\norigin_basis = "inferred"\nbasis = "same news"\n')
    text = edit(text, 'value = "sedan"\n', 'value = "sedan"\ndisputed = { reason = "it is a hatchback" }\n')

    warnings = list(map(str, findings(analyse(loads(text)))))

    assert warnings[0] == "disputed: Body style: alpha-body: it is a hatchback"
    assert "echo on inferred origins: Regulator approval: 1 origin, 2 sources: the same report repeated; 1 inferred" \
        in warnings


# -- citing the origin: "as cited in", the origin alone, and a source that cannot be cited ------------

CITE_TOML = r"""
[meta]
title = "As-cited fixtures"
as_of = "2024-01-01"

[[sources]]
id = "cnevpost"
publisher = "CnEVPost"
published = "2023-11-15"
url = "https://cnevpost.com/2023/11/15/xiaomi-1st-ev-to-hit-market-feb-2024-report/"

[[sources]]
id = "anonymous"
published = "2023"
relays = "cnevpost-article"

[[parties]]
id = "reuters"
name = "Reuters"
kind = "outlet"

[[parties]]
id = "reuters-report"
name = "Reuters report, 23 Aug 2023"
kind = "document"
affiliation = "reuters"
publisher = "Reuters"
published = "2023-08-23"

[[parties]]
id = "kuo"
name = "Ming-Chi Kuo"
kind = "person"

[[parties]]
id = "kuo-post"
name = "Ming-Chi Kuo's Medium post, 13 Oct 2023"
kind = "document"
affiliation = "kuo"
author = "Ming-Chi Kuo"
publisher = "Medium"
published = "2023-10-13"

[[parties]]
id = "cnevpost"
name = "CnEVPost"
kind = "outlet"

[[parties]]
id = "cnevpost-article"
name = "CnEVPost article on the car project's progress"
kind = "document"
affiliation = "cnevpost"
publisher = "CnEVPost"
title = "Xiaomi's car project progresses beyond expectations, mass production set for H1 2024, CEO says"
language = "en"

[[parties]]
id = "xiaomi"
name = "Xiaomi"
kind = "organisation"

[[parties]]
id = "lei-jun"
name = "Lei Jun"
kind = "person"
affiliation = "xiaomi"

[[topics]]
id = "t"
label = "T"
pane = "timeline"
kind = "date"

[[claims]]
id = "ndrc"
topic = "t"
source = "cnevpost"
statement = "Reuters reported that the NDRC approved Xiaomi's EV production."
origin = "reuters"
via = ["reuters-report"]
date = "2023-08-23"
para = 13

[[claims]]
id = "on-sale"
topic = "t"
source = "cnevpost"
statement = "Kuo expects the car on sale in 2024."
origin = "kuo-post"
date = "2024"
para = 17

[[claims]]
id = "announced"
topic = "t"
source = "cnevpost"
statement = "Xiaomi announced its car business on 30 March 2021."
origin = "xiaomi"
date = "2021-03-30"
para = 10

[[claims]]
id = "h1"
topic = "t"
source = "anonymous"
statement = "Mass production is expected in the first half of 2024."
origin = "lei-jun"
via = ["cnevpost-article"]
date = "2024-H1"
para = 2
"""

CNEVPOST_URL = "https://cnevpost.com/2023/11/15/xiaomi-1st-ev-to-hit-market-feb-2024-report/"
CREDITED_TITLE = "Xiaomi's car project progresses beyond expectations, mass production set for H1 2024, CEO says"


@pytest.fixture(scope="module")
def cited() -> FactBase:
    return loads(CITE_TOML)


@pytest.mark.parametrize(("style", "claim_id", "expected"), [
    # Neither document's title is known: APA describes each in brackets, MLA and Chicago plainly.
    ("apa", "ndrc", "([News Article], 2023, as cited in [News Article], 2023, para. 13)\n\n"
                    f"[News article]. (2023, November 15). CnEVPost. {CNEVPOST_URL}"),
    ("apa", "on-sale", "(Kuo, 2023, as cited in [News Article], 2023, para. 17)\n\n"
                       f"[News article]. (2023, November 15). CnEVPost. {CNEVPOST_URL}"),
    ("mla", "on-sale", "(Kuo qtd. in News article, par. 17)\n\n"
                       f"News article. CnEVPost, 15 Nov. 2023, {CNEVPOST_URL.removeprefix('https://')}."),
    ("chicago", "ndrc", f"News article, Reuters, August 23, 2023, quoted in News article, CnEVPost, November 15, "
                        f"2023, para. 13, {CNEVPOST_URL}.\n\n"
                        f"CnEVPost. News article. November 15, 2023. {CNEVPOST_URL}."),
    ("chicago", "on-sale", "Ming-Chi Kuo, News article, Medium, October 13, 2023, quoted in News article, CnEVPost, "
                           f"November 15, 2023, para. 17, {CNEVPOST_URL}.\n\n"
                           f"CnEVPost. News article. November 15, 2023. {CNEVPOST_URL}."),
    # The data formats cite only the source read, the original named in the citation's prefix (APA 7 \u00a78.6).
    ("bibtex", "on-sale", "@online{cnevpost2023,\n  title = {{[News article]}},\n"
                          f"  organization = {{CnEVPost}},\n  date = {{2023-11-15}},\n  url = {{{CNEVPOST_URL}}},\n"
                          "  langid = {english}\n}\n\n"
                          "\\autocite[{Kuo, 2023, as cited in}][para.~17]{cnevpost2023}"),
    ("markdown", "on-sale", f"Ming-Chi Kuo, Medium, 13 Oct 2023, as cited in [CnEVPost]({CNEVPOST_URL}), "
                            "15 Nov 2023, para. 17"),
    ("plain", "ndrc", f"Reuters, 23 Aug 2023, as cited in CnEVPost, 15 Nov 2023, para. 13, {CNEVPOST_URL}"),
    ("pandoc", "ndrc", "[\\[News Article\\], 2023, as cited in @cnevpost2023, para. 13]"),
])
def test_as_cited_in_each_style(cited: FactBase, style: str, claim_id: str, expected: str) -> None:
    assert cite(cited, cited.claims[claim_id], style, "as-cited") == Citation(expected)


def test_as_cited_with_the_statement_puts_both_in_the_parenthesis(cited: FactBase) -> None:
    text = cite(cited, cited.claims["ndrc"], "apa", "as-cited", with_statement=True).text

    assert text == ("Reuters reported that the NDRC approved Xiaomi's EV production "
                    "([News Article], 2023, as cited in [News Article], 2023, para. 13).\n\n"
                    f"[News article]. (2023, November 15). CnEVPost. {CNEVPOST_URL}")  # the reference entry too


def test_as_cited_csl_gives_the_source_alone_and_names_the_original_in_the_citation_prefix(cited: FactBase) -> None:
    """Not two items (citeproc-js sorts them, and the original lands after "as cited in"): one item, the
    source read, the only one in the reference list."""
    [item] = json.loads(cite(cited, cited.claims["ndrc"], "csl-json", "as-cited").text)
    citation = json.loads(cite(cited, cited.claims["ndrc"], "csl-citation", "as-cited").text)

    assert item["id"] == "cnevpost2023"
    assert citation["citationItems"] == [{"id": "cnevpost2023", "locator": "13", "label": "paragraph",
                                          "prefix": "[News Article], 2023, as cited in ", "itemData": item}]


@pytest.mark.parametrize(("style", "expected"), [
    ("apa", "[News article]. (2023, August 23). Reuters."),
    ("plain", "Reuters, 23 Aug 2023"),
])
def test_the_origin_cited_on_its_own(cited: FactBase, style: str, expected: str) -> None:
    assert cite(cited, cited.claims["ndrc"], style, "origin") == Citation(expected)


@pytest.mark.parametrize("form", ["as-cited", "origin"])
def test_an_origin_without_a_document_cannot_be_cited(cited: FactBase, form: str) -> None:
    with pytest.raises(NotCitable, match=r"^the origin of 'announced', Xiaomi, has no document known to cite$"):
        cite(cited, cited.claims["announced"], "apa", form)


@pytest.mark.parametrize(("form", "style", "expected"), [
    # Cited whole, with no paragraph: the paragraphs are the source's, not the credited article's.
    ("claim", "apa", f"(\"Xiaomi's Car Project Progresses,\" n.d.)\n\n{CREDITED_TITLE}. (n.d.). CnEVPost."),
    ("as-cited", "apa", f"(\"Xiaomi's Car Project Progresses,\" n.d.)\n\n{CREDITED_TITLE}. (n.d.). CnEVPost."),
    ("claim", "chicago", '"Xiaomi\'s Car Project Progresses beyond Expectations, Mass Production Set for H1 2024, '
                         'CEO Says," CnEVPost, n.d.\n\n'
                         'CnEVPost. "Xiaomi\'s Car Project Progresses beyond Expectations, Mass Production Set for '
                         'H1 2024, CEO Says." n.d.'),
    ("claim", "pandoc", "[@cnevpostnd]"),
    ("claim", "plain", f'CnEVPost, "{CREDITED_TITLE}"'),
])
def test_a_source_without_publisher_or_title_is_cited_through_what_it_credits_and_says_so(
    cited: FactBase, form: str, style: str, expected: str
) -> None:
    citation = cite(cited, cited.claims["h1"], style, form)

    assert citation == Citation(expected, "source 'anonymous' names no publisher or title, so this cites what it "
                                          "credits, CnEVPost article on the car project's progress, as a whole "
                                          "(the paragraph numbers are the source's)")


def test_a_cited_source_keeps_the_plain_claim_citation(cited: FactBase) -> None:
    assert cite(cited, cited.claims["ndrc"], "plain") == Citation(f"CnEVPost, 15 Nov 2023, para. 13, {CNEVPOST_URL}")


@pytest.fixture
def cited_path(tmp_path: Path) -> Path:
    path = tmp_path / "cited.toml"
    path.write_text(CITE_TOML, encoding="utf-8")
    return path


def test_cli_cites_as_cited_and_the_origin(capsys, cited_path: Path) -> None:
    as_cited = run(capsys, "--facts", cited_path, "cite", "ndrc", "--as-cited", "--style", "apa")
    origin = run(capsys, "--facts", cited_path, "cite", "ndrc", "--origin", "--style", "plain")

    assert as_cited == (0, "([News Article], 2023, as cited in [News Article], 2023, para. 13)\n\n"
                           f"[News article]. (2023, November 15). CnEVPost. {CNEVPOST_URL}\n", "")
    assert origin == (0, "Reuters, 23 Aug 2023\n", "")


def test_cli_says_on_stderr_what_it_cited_instead(capsys, cited_path: Path) -> None:
    code, out, err = run(capsys, "--facts", cited_path, "cite", "h1", "--as-cited", "--style", "plain")

    assert (code, out) == (0, f'CnEVPost, "{CREDITED_TITLE}"\n')
    assert err.startswith("note: source 'anonymous' names no publisher or title, so this cites what it credits")


def test_cli_refuses_an_origin_without_a_document(capsys, cited_path: Path) -> None:
    assert run(capsys, "--facts", cited_path, "cite", "announced", "--origin") == (
        2, "", "xiaomi-tui: the origin of 'announced', Xiaomi, has no document known to cite\n")


def test_a_partys_own_report_stands_for_it_in_the_chain(cited: FactBase) -> None:
    assert cited.chain_text(cited.claims["ndrc"]) == "CnEVPost, citing Reuters report, 23 Aug 2023"
    assert cited.chain_text(cited.claims["h1"]) == (
        "unnamed outlet, crediting CnEVPost, citing CnEVPost article on the car project's progress, citing Lei Jun")


def test_a_superseded_claim_is_set_aside_with_its_own_mark() -> None:
    later = make_claim(date="2024-03", source="s2", origin="o1")
    earlier = record(Claim, id="early", topic="t", source="s1", statement="said", origin="o1", para=1, date="2024-02",
                     superseded={"by": later.id, "reason": "the launch moved to March"})

    analysis = analyse_topic(DATE, [earlier, later])
    alone = analyse_topic(DATE, [earlier])

    assert (analysis.status, analysis.standings[earlier.id]) == (Status.SINGLE, ClaimStanding.SUPERSEDED)
    assert (alone.status, alone.reason) == (Status.SUPERSEDED, "set aside as superseded: the launch moved to March")
    assert (Status.SUPERSEDED.symbol, ClaimStanding.SUPERSEDED.symbol) == ("\u00bb", "\u00bb")

"""Search qualifiers: parsed in the data layer, applied by every pane, and named when they cannot be used."""

from __future__ import annotations

from helpers import cell_texts

from xiaomi_tui.facts.analysis.query import claim_words, is_words, parse_query, qualifier_typed, qualifier_values, word
from xiaomi_tui.facts.analysis.status import ClaimStanding, Status
from xiaomi_tui.facts.analysis.topics import analyse
from xiaomi_tui.facts.load.loader import bundled_facts_path, load
from xiaomi_tui.facts.outcomes.verdicts import Verdict
from xiaomi_tui.ui.app import XiaomiApp
from xiaomi_tui.ui.widgets.fact_table import FactTable
from xiaomi_tui.ui.widgets.search import QualifierValues, SearchBox

SIZE = (120, 40)


def shown(app: XiaomiApp, table_id: str, column: int = 0) -> list[str]:
    table = app.query_one(f"#{table_id}", FactTable)
    return [cell_texts(table, index)[column] for index in range(len(table.rows))]


def test_every_word_of_every_vocabulary_is_a_qualifier():
    words = {name for names in is_words().values() for name in names}
    expected = {word(member) for enum in (Status, ClaimStanding, Verdict) for member in enum if member is not Status.NONE}
    assert words == expected | {"stated", "inferred"}
    assert "fell-short" in words and "not-comparable" in words


def test_qualifiers_and_free_text_are_told_apart(small_facts):
    query = parse_query('is:Conflict  source:ALPHA origin:"maker" lei jun', small_facts)
    assert (query.text, query.words, query.sources, query.origins, query.problems) == (
        "lei jun", {"conflict"}, {"alpha"}, {"maker"}, ())


def test_source_takes_the_name_the_panes_show(small_facts):
    assert parse_query('source:"beta daily" source:Alpha', small_facts).sources == {"alpha", "beta"}


def test_a_qualifier_that_cannot_be_used_is_named_and_left_out(small_facts):
    query = parse_query("is:confict source:delta origin:nobody is: http://x.example", small_facts)
    assert query.problems == (
        "is:confict is unknown (did you mean is:conflict?)",
        "source:delta is unknown (did you mean source:beta?)",
        "no origin is called 'nobody'",
        "is: needs a status, a verdict or an origin basis",
        "http: is not a qualifier (is:, source:, origin:); searched as text",
    )
    assert not query.qualified
    assert query.text == "http://x.example"


def test_origin_matches_a_party_or_its_organisation():
    facts = load(bundled_facts_path())
    reuters = parse_query("origin:reuters", facts).origins
    assert "reuters" in reuters
    assert all(facts.organisation_of(party).id == "reuters" or "reuters" in party for party in reuters)
    assert len(reuters) > 1  # its report of 23 Aug 2023 speaks for it


def test_a_partys_whole_name_finds_what_its_id_finds():
    facts = load(bundled_facts_path())
    for party in facts.parties.values():
        by_id = parse_query(f"origin:{party.id}", facts).origins
        assert parse_query(f'origin:"{party.name.upper()}"', facts).origins == by_id, party.id
    # a name is not a substring search of names: the NBD's own insiders are the NBD's claims too
    assert {"nbd-insider", "nbd"} <= parse_query('origin:"national business daily"', facts).origins


def test_the_qualifier_being_typed_is_read_as_the_search_reads_it():
    assert qualifier_typed('is:held origin:"Lei J') == ("origin", '"Lei J')
    assert qualifier_typed("price is:con") == ("is", "con")
    assert qualifier_typed('origin:"Lei Jun"') == ("origin", '"Lei Jun"')
    assert qualifier_typed("is:con ") is None and qualifier_typed("price") is None and qualifier_typed("") is None


async def test_origin_completes_a_partys_name_in_quotes():
    facts = load(bundled_facts_path())
    suggest = QualifierValues(lambda: qualifier_values(facts)).get_suggestion
    assert await suggest('origin:"lei') == 'origin:"Lei Jun"'
    assert await suggest('is:held origin:"Lei J') == 'is:held origin:"Lei Jun"'
    assert await suggest('origin:"national business daily') == 'origin:"National Business Daily"'  # the quote
    assert await suggest("origin:lei") == "origin:lei-jun"  # unquoted: a word with no space
    assert await suggest("origin:Nation") is None and await suggest('origin:"Lei Jun"') is None


async def test_source_completes_a_sources_name_as_the_panes_show_it(small_facts):
    facts = load(bundled_facts_path())
    suggest = QualifierValues(lambda: qualifier_values(facts)).get_suggestion
    assert await suggest('source:"xiaomi') == 'source:"Xiaomi EV-1"'
    assert await suggest('source:"decor') == 'source:"decor-dreams.com"'
    assert await suggest("source:pan") == "source:pandaily"  # unquoted: the id, as before
    assert parse_query('source:"Xiaomi EV-1"', facts).sources == {"blog-ev1"}


async def test_a_name_completed_in_the_search_box_filters_as_its_id(small_facts):
    app = XiaomiApp(small_facts, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *'origin:"an a')
        await pilot.pause(0.2)  # the suggestion is worked out in a worker of its own
        await pilot.press("right", "enter")
        assert app.query_one(SearchBox).value == 'origin:"An Analyst"'
        assert app.view.search.origins == {"analyst"} and not app.view.search.problems


def test_a_claim_answers_to_its_standing_its_topic_status_its_basis_and_its_verdict(small_facts):
    analysis = analyse(small_facts)
    words_of = claim_words(analysis, {"alpha-mass-production-dec": Verdict.FELL_SHORT}.get)
    claim = small_facts.claims["alpha-mass-production-dec"]
    assert words_of(claim) == {"conflict", "stated", "fell-short"}
    assert claim_words(analysis)(small_facts.claims["alpha-approval"]) == {"echo", "stated"}  # one word


def test_a_row_needs_every_word_and_any_source(small_facts):
    analysis = analyse(small_facts)
    claims = analysis.topics["looks-like"].claims  # alpha and gamma, various
    words_of = claim_words(analysis)
    assert parse_query("is:various is:unique", small_facts).accepts_claims(claims, words_of)
    assert not parse_query("is:various is:conflict", small_facts).accepts_claims(claims, words_of)
    assert parse_query("source:beta source:gamma", small_facts).accepts_claims(claims, words_of)
    assert not parse_query("source:beta", small_facts).accepts_claims(claims, words_of)


async def test_an_unknown_qualifier_is_named_in_the_search_box(small_facts):
    app = XiaomiApp(small_facts, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"is:confict")
        box = app.query_one(SearchBox)
        assert str(box.border_subtitle) == "is:confict is unknown (did you mean is:conflict?)"
        assert box.has_class("-problem")
        assert shown(app, "specs-table") == ["Body style", "Looks like", "Price"]  # left out, not an empty pane
        await pilot.press("backspace", "backspace", "backspace", *"lict")
        assert not box.border_subtitle and not box.has_class("-problem")


async def test_help_lists_every_qualifier_and_every_is_word(small_facts):
    app = XiaomiApp(small_facts, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        source = app.screen.query_one("Markdown").source
        assert all(f"`{name}:`" in source for name in ("is", "source", "origin"))
        assert all(f"`{name}`" in source for names in is_words().values() for name in names)


def test_is_unconfirmed_finds_the_agreements_on_an_inferred_origin():
    facts = load(bundled_facts_path())
    query = parse_query("is:unconfirmed", facts)
    analysis = analyse(facts)
    words_of = claim_words(analysis)
    kept = {topic_id for topic_id, found in analysis.topics.items() if query.accepts_claims(found.claims, words_of)}

    assert query.problems == ()
    assert kept == {"trial-production", "plant-location", "body-style"}  # the topic's word, or a claim's own

"""What happened next: outcome records kept apart from the press, and each verdict rule of the scoring engine."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from helpers import edit

from xiaomi_tui.cli.check import findings
from xiaomi_tui.facts.analysis.topics import analyse
from xiaomi_tui.facts.load.loader import FactsError, bundled_facts_path, load, loads
from xiaomi_tui.facts.model.factbase import FactBase
from xiaomi_tui.facts.outcomes.forecasts import LeftOut
from xiaomi_tui.facts.outcomes.verdicts import Unresolved, Verdict, score

LATER = date(2030, 1, 1)
"""A scoring date after every report in these tests."""


@pytest.fixture
def fixture_text(small_facts_path: Path) -> str:
    return small_facts_path.read_text(encoding="utf-8")


def report(published: str, source_id: str = "later") -> str:
    return f'[[sources]]\nid = "{source_id}"\npublisher = "Later Wire"\npublished = "{published}"\noutcome = true\n'


def outcome(claim_id: str, topic: str, source: str = "later", **fields: str) -> str:
    lines = [f'id = "{claim_id}"', f'topic = "{topic}"', f'source = "{source}"',
             'statement = "What a later report found."', 'origin = "wire"']
    lines += [f"{name} = {value}" for name, value in fields.items()]
    return "[[claims]]\n" + "\n".join(lines) + "\n"


def with_outcomes(text: str, *records: str) -> FactBase:
    """The small fixture with later reports appended, as a curator appends them to facts.toml."""
    return loads(text + "\n" + "\n".join(records), "f.toml")


def verdict(facts: FactBase, claim_id: str, as_of: date = LATER):
    scored = score(facts, as_of).by_claim[claim_id]
    return scored.verdict, scored.reason


# -- kept apart from the press ------------------------------------------------------------------


def test_outcome_records_never_reach_the_press_views(fixture_text: str, small_facts: FactBase) -> None:
    facts = with_outcomes(fixture_text, report("2024-04"),
                          outcome("later-price", "price", value='{ amount = 215900, currency = "CNY" }'),
                          outcome("later-launch", "mass-production", date='"2024-03-28"'))
    assert list(facts.sources) == list(small_facts.sources)
    assert list(facts.outcome_sources) == ["later"]
    assert list(facts.claims) == list(small_facts.claims)
    assert set(facts.outcome_claims) == {"later-price", "later-launch"}
    assert [claim.id for claim in facts.claims_by_topic["price"]] == ["alpha-price", "gamma-price"]
    assert "later-launch" not in {claim.id for claim in facts.dated_claims}
    assert "later-price" not in facts.search_text
    before, after = analyse(small_facts), analyse(facts)
    assert {topic_id: (topic.status, topic.counts_text) for topic_id, topic in after.topics.items()} == {
        topic_id: (topic.status, topic.counts_text) for topic_id, topic in before.topics.items()}
    assert list(map(str, findings(after))) == list(map(str, findings(before)))


@pytest.mark.parametrize(("records", "where", "message"), [
    pytest.param((report("2024").replace('published = "2024"\n', ""),), "source 'later'",
                 "an outcome source needs `published`", id="outcome-without-date"),
    pytest.param((report("2024"), outcome("x", "price", value='{ amount = 1, currency = "CNY" }',
                                          happened='"by"')),
                 "claim 'x' field 'happened'", "is not about a date", id="happened-on-a-value"),
    pytest.param((report("2024"), outcome("x", "price", value='{ amount = 1, currency = "CNY" }',
                                          answers='["alpha-prize"]')),
                 "claim 'x' field 'answers'", "unknown press claim 'alpha-prize'; did you mean 'alpha-price'?",
                 id="answers-unknown"),
    pytest.param((outcome("x", "price", source="alpha", value='{ amount = 1, currency = "CNY" }', para="1",
                          refutes='["gamma-price"]'),),
                 "claim 'x' field 'refutes'", "only a claim of an outcome source", id="press-claim-refutes"),
    pytest.param((outcome("x", "price", source="alpha", value='{ amount = 1, currency = "CNY" }'),),
                 "claim 'x' field 'para'", "is required but missing", id="press-claim-without-para"),
])
def test_the_loader_names_each_misused_outcome_field(fixture_text: str, records, where: str, message: str) -> None:
    with pytest.raises(FactsError) as raised:
        with_outcomes(fixture_text, *records)
    assert any(problem.where == where and message in problem.message for problem in raised.value.problems), \
        raised.value.report()


# -- the verdict rules --------------------------------------------------------------------------


def test_a_date_inside_the_expected_interval_held_and_one_outside_missed(fixture_text: str) -> None:
    facts = with_outcomes(fixture_text, report("2024-04"),
                          outcome("later-mass", "mass-production", date='"2024-03"'))
    assert verdict(facts, "alpha-mass-production-h1") == (
        Verdict.HELD, "expected H1 2024; Mar 2024 (Later Wire, Apr 2024)")
    assert verdict(facts, "alpha-mass-production-dec")[0] is Verdict.MISSED


def test_not_by_and_by_narrow_the_date_to_an_interval(fixture_text: str) -> None:
    facts = with_outcomes(fixture_text, report("2024-01-05", "early"), report("2024-04-02"),
                          outcome("not-yet", "mass-production", source="early", date='"2023-12"',
                                  happened='"not by"'),
                          outcome("by-march", "mass-production", date='"2024-03"', happened='"by"'))
    assert verdict(facts, "alpha-mass-production-dec") == (
        Verdict.MISSED, "expected Dec 2023; not yet by Dec 2023 (Later Wire, 5 Jan 2024); "
                        "by Mar 2024 (Later Wire, 2 Apr 2024)")
    assert verdict(facts, "alpha-mass-production-h1")[0] is Verdict.HELD
    # With only "not yet by Dec 2023" known, H1 2024 is still open.
    assert verdict(facts, "alpha-mass-production-h1", date(2024, 2, 1)) == (
        Verdict.PENDING, "expected H1 2024; not yet by Dec 2023 (Later Wire, 5 Jan 2024); "
                         "not decidable with what was reported by 1 Feb 2024")


def test_as_of_uses_only_the_reports_published_by_then(fixture_text: str) -> None:
    facts = with_outcomes(fixture_text, report("2024-04"),
                          outcome("later-mass", "mass-production", date='"2024-03"'))
    assert verdict(facts, "alpha-mass-production-h1", date(2024, 4, 29)) == (
        Verdict.PENDING, "expected H1 2024; no later report by 29 Apr 2024")  # "Apr 2024" counts from its end
    assert verdict(facts, "alpha-mass-production-h1", date(2024, 4, 30))[0] is Verdict.HELD
    assert score(facts, date(2024, 4, 29)).by_claim["alpha-mass-production-h1"].outcomes == ()


def test_a_claim_no_report_answers_is_not_scorable_and_says_so(fixture_text: str) -> None:
    facts = with_outcomes(fixture_text, report("2024"))
    assert verdict(facts, "alpha-capacity") == (
        Verdict.NOT_SCORABLE, "expected 300,000 vehicles/year; no later report in the fact base answers it")


def test_only_forecasts_are_scored_and_the_rest_are_left_out_with_why(fixture_text: str) -> None:
    facts = with_outcomes(fixture_text, report("2024"),
                          outcome("later-approval", "approval", date='"2023-08-23"'))
    card = score(facts, LATER)
    assert "alpha-looks" not in card.by_claim  # an opinion
    assert "alpha-body" not in card.by_claim  # reported
    assert "alpha-approval" not in card.by_claim  # reported, though a later report speaks to it
    assert "alpha-investment" not in card.by_claim  # a plan dated no later than its source
    assert "alpha-capacity" in card.by_claim  # an undated plan
    assert {claim.id: why for claim, why in card.left_out}["alpha-investment"] is LeftOut.PAST  # no day it was said


def test_a_plan_is_already_due_only_when_the_day_it_was_said_is_known(fixture_text: str) -> None:
    said = edit(fixture_text, 'date = "2021-03-30"\npara = 9\n', 'date = "2021-03-30"\nsaid = "2021-03-30"\npara = 9\n')
    card = score(with_outcomes(said, report("2024")), LATER)

    assert {claim.id: why for claim, why in card.left_out}["alpha-investment"] is LeftOut.DUE


def test_a_forecast_not_yet_due_is_pending_not_unscorable(fixture_text: str) -> None:
    due_later = edit(fixture_text, 'origin = "maker"\nstance = "plan"\ndate = "2021-03-30"\n',
                     'origin = "maker"\nstance = "plan"\ndate = "2031"\n')
    facts = with_outcomes(due_later, report("2024"))

    assert verdict(facts, "alpha-investment", date(2026, 12, 7)) == (
        Verdict.PENDING, "expected RMB 10 bn; due 2031, after 7 Dec 2026")
    assert verdict(facts, "alpha-investment", date(2032, 1, 1))[0] is Verdict.NOT_SCORABLE


@pytest.mark.parametrize(("better", "found", "expected"), [
    ("more", 400000, Verdict.BEATEN),
    ("more", 200000, Verdict.FELL_SHORT),
    ("less", 200000, Verdict.BEATEN),
    ("less", 400000, Verdict.FELL_SHORT),
    (None, 400000, Verdict.MISSED),
    (None, 300500, Verdict.HELD),  # within 0.5%, as the press's own figures agree
])
def test_a_figure_past_the_claim_beats_it_or_falls_short_by_the_topic_s_direction(
        fixture_text: str, better: str | None, found: int, expected: Verdict) -> None:
    text = fixture_text.replace('unit = "vehicles/year"\n', f'unit = "vehicles/year"\nbetter = "{better}"\n'
                                if better else 'unit = "vehicles/year"\n')
    facts = with_outcomes(text, report("2025"), outcome("built", "capacity", value=f"{{ amount = {found} }}"))
    assert verdict(facts, "alpha-capacity")[0] is expected


CAPACITY_UNIT = 'unit = "vehicles/year"\n'
LISTED = '{ min = 215900, max = 299900, currency = "CNY" }'


@pytest.mark.parametrize(("topic_fields", "records", "claim_id", "expected", "reason"), [
    pytest.param("", (outcome("max", "capacity", value="{ amount = 300000 }", scope='"line A"'),
                      outcome("base", "capacity", value="{ amount = 100000 }", scope='"line B"')),
                 "alpha-capacity", Verdict.PARTLY,
                 "expected 300,000 vehicles/year; 300,000 vehicles/year (line A) (Later Wire, Apr 2024): same figure; "
                 "100,000 vehicles/year (line B) (Later Wire, Apr 2024): 67% apart", id="reports-disagree-partly"),
    pytest.param("", (outcome("listed", "price", value=LISTED),), "alpha-price", Verdict.HELD,
                 "expected below RMB 300,000; RMB 215,900–299,900 (Later Wire, Apr 2024): one range holds the other",
                 id="range-inside-held"),
    pytest.param("", (outcome("listed", "price", value=LISTED),), "gamma-price", Verdict.NOT_SCORABLE,
                 "expected EUR 40,000–50,000; RMB 215,900–299,900 (Later Wire, Apr 2024): "
                 "not comparable: no EUR rate in the fact base", id="no-rate-not-scorable"),
    pytest.param('metric = "capacity"\n', (outcome("made", "capacity", value="{ amount = 300000 }",
                                                   metric='"output"'),),
                 "alpha-capacity", Verdict.HELD,
                 "expected 300,000 vehicles/year; 300,000 vehicles/year (Later Wire, Apr 2024): same figure; "
                 "metric mismatch: the claim counts capacity, the outcome output", id="metric-mismatch-stated"),
])
def test_each_rule_gives_its_verdict_and_its_reasoning(fixture_text: str, topic_fields: str, records,
                                                       claim_id: str, expected: Verdict, reason: str) -> None:
    text = fixture_text.replace(CAPACITY_UNIT, CAPACITY_UNIT + topic_fields)
    assert verdict(with_outcomes(text, report("2024-04"), *records), claim_id) == (expected, reason)


def test_a_report_on_another_topic_answers_the_claims_it_names(fixture_text: str) -> None:
    facts = with_outcomes(fixture_text, report("2025"),
                          outcome("paid", "investment", value='{ amount = 250000, currency = "CNY" }',
                                  answers='["alpha-price", "beta-investment"]'))
    card = score(facts, LATER).by_claim
    assert (card["alpha-price"].verdict, card["alpha-price"].reason) == (
        Verdict.HELD, "expected below RMB 300,000; First-phase investment: RMB 250,000 (Later Wire, 2025): "
                      "one range holds the other")
    assert card["beta-investment"].outcomes == (facts.outcome_claims["paid"],)  # named and on its topic: once


def test_a_report_that_refutes_a_claim_makes_it_missed_whatever_its_value(fixture_text: str) -> None:
    facts = with_outcomes(fixture_text, report("2024-11"),
                          outcome("court", "approval", date='"2024-11-29"', refutes='["alpha-capacity"]'))
    scored = score(facts, LATER).by_claim["alpha-capacity"]
    assert scored.verdict is Verdict.MISSED
    assert scored.reason == "expected 300,000 vehicles/year; Later Wire, Nov 2024: What a later report found."
    assert scored.outcomes == (facts.outcome_claims["court"],)


def test_track_records_count_each_origin_and_source(fixture_text: str) -> None:
    facts = with_outcomes(fixture_text, report("2024-04"),
                          outcome("later-mass", "mass-production", date='"2024-03"'))
    card = score(facts, LATER)
    records = {record.key: record for record in card.by_origin()}
    assert records["insider"].counts[Verdict.MISSED] == 1 and records["insider"].total == 1
    assert records["maker"].summary == "1 held of 1 resolved; 3 not scorable"
    sources = {record.key: record for record in card.by_source()}
    assert sources["alpha"].counts[Verdict.HELD] == 1 and sources["alpha"].counts[Verdict.MISSED] == 1


def test_verdicts_have_distinct_symbols_and_hyphenated_words() -> None:
    assert len({verdict.symbol for verdict in Verdict}) == len(Verdict)
    assert Verdict.FELL_SHORT.slug == "fell-short" and Verdict.NOT_SCORABLE.slug == "not-scorable"


# -- the bundled fact base ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def bundled() -> FactBase:
    return load(bundled_facts_path())


def test_readings_of_the_prototype_and_a_condition_are_not_forecasts(bundled: FactBase) -> None:
    """The roof bump and the C-Class size describe the 2023 prototype in the photos; Kuo's 250k is a condition on
    his estimate; "production slated for 2024" in source 004 is no second Lei Jun forecast beside its H1 2024."""
    card = score(bundled, date(2025, 6, 30))
    left = {claim.id: why for claim, why in card.left_out}
    assert {left[claim_id] for claim_id in ("unknown-outlet-roof-lidar", "unknown-outlet-size-class",
                                            "cnevpost-price-upside-threshold")} == {LeftOut.OPINION}
    assert "unknown-outlet-first-car-off-line" not in bundled.claims
    assert [len(item.forecast.claims) for item in card.scores
            if (item.forecast.origin, item.forecast.topic) == ("lei-jun", "first-car-off-line")] == [3]
    assert LeftOut.DUE not in left.values()  # none said on or after its date: the nine were misfiled


@pytest.mark.parametrize(("claim_id", "expected", "because"), [
    ("cnevpost-mass-production-dec-2023", Verdict.MISSED, "not yet by late Dec 2023"),
    ("cnevpost-mass-production-h1-2024", Verdict.HELD, "by late Mar 2024"),
    ("cnevpost-official-launch-feb-2024", Verdict.MISSED, "28 Mar 2024"),
    ("pandaily-official-launch", Verdict.HELD, "28 Mar 2024"),
    ("cnevpost-shipments-2024", Verdict.BEATEN, "the claim counts shipments, the outcome deliveries"),
    ("cnevpost-sales-target-2024", Verdict.BEATEN, "135,000 vehicles"),
    ("cnevpost-price", Verdict.HELD, "RMB 215,900–299,900"),
    ("unknown-outlet-price", Verdict.NOT_SCORABLE, "China only"),
    ("unknown-outlet-variant-count", Verdict.MISSED, "3 variants"),
    ("blog-ev1-miit-approval", Verdict.MISSED, "Jul 2024 (Xiaomi as the maker)"),
    ("pandaily-range-extender", Verdict.MISSED, "no (SU7)"),
    ("cnevpost-first-car-off-line", Verdict.HELD, "by 29 Apr 2024"),
    ("cnevpost-ten-year-investment", Verdict.PENDING, "due 2031"),
    ("cnevpost-charging-voltage", Verdict.PARTLY, "SU7 Max"),
    ("cnevpost-capacity-per-phase", Verdict.HELD, "150,000 vehicles/year (phase 1)"),
    ("cnevpost-production-partnership", Verdict.HELD, "BAIC Off-Road Vehicle"),
    ("cnevpost-production-qualification", Verdict.PARTLY, "Xiaomi's own (from Jul 2024)"),
    ("cnevpost-plant-location", Verdict.HELD, "Yizhuang"),
    ("pandaily-phase2-start", Verdict.HELD, "26 Jul 2024"),
])
def test_the_bundled_forecasts_score_as_the_outcomes_say(bundled: FactBase, claim_id: str, expected: Verdict,
                                                         because: str) -> None:
    scored = score(bundled, date(2025, 6, 30)).by_claim[claim_id]
    assert scored.verdict is expected
    assert because in scored.reason


def test_as_of_mid_2024_the_2024_delivery_forecasts_are_pending_and_the_february_launch_missed(
        bundled: FactBase) -> None:
    card = score(bundled, date(2024, 6, 30)).by_claim
    assert card["cnevpost-shipments-2024"].verdict is Verdict.PENDING
    assert card["cnevpost-sales-target-2024"].verdict is Verdict.PENDING
    assert card["cnevpost-official-launch-feb-2024"].verdict is Verdict.MISSED


def test_an_organisation_s_voices_share_one_track_record_and_are_each_named(fixture_text: str) -> None:
    text = fixture_text.replace('name = "An Analyst"\nkind = "person"\n',
                                'name = "An Analyst"\nkind = "person"\naffiliation = "maker"\n')
    facts = with_outcomes(text, report("2024-04"), outcome("later-mass", "mass-production", date='"2024-03"'))
    card = score(facts, LATER)
    organisations = {record.key: record for record in card.by_organisation()}
    assert "analyst" not in organisations
    assert organisations["maker"].members == ("maker", "analyst")
    assert organisations["maker"].total == sum(record.total for record in card.by_origin()
                                               if record.key in ("maker", "analyst"))
    assert organisations["insider"].members == ("insider",)  # a voice of its own, listed all the same


def test_not_a_forecast_in_the_bundled_file_is_scored(bundled: FactBase) -> None:
    card = score(bundled, date(2025, 6, 30))
    left_out = {claim.id: why for claim, why in card.left_out}
    assert left_out["unknown-outlet-foton-acquisition"] is LeftOut.PAST  # a past event, however wrong
    assert left_out["unknown-outlet-lei-jun-energy"] is LeftOut.OPINION  # an effort no report settles
    assert left_out["unknown-outlet-competition-aim"] is LeftOut.OPINION
    assert left_out["cnevpost-partner-talks-jac"] is LeftOut.PAST  # talks going on, not a forecast


def test_the_bundled_first_car_off_the_line_plan_is_one_forecast_with_its_appearances(bundled: FactBase) -> None:
    card = score(bundled, date(2025, 6, 30))
    item = card.by_claim["cnevpost-first-car-off-line"]  # Beijing E-Town's announcement of the 2021 plan
    assert {claim.source for claim in item.forecast.claims} == {"cnevpost", "blog-ev1", "arenaev"}
    first_car = [scored.forecast for scored in card.scores if scored.forecast.topic == "first-car-off-line"]
    assert len({forecast.origin for forecast in first_car}) == len(first_car)  # one forecast per voice
    for origin in {scored.forecast.origin for scored in card.scores}:
        record = next(record for record in card.by_origin() if record.key == origin)
        assert record.total == sum(1 for scored in card.scores if scored.forecast.origin == origin)


def test_at_most_a_quarter_of_the_bundled_forecasts_lack_a_report(bundled: FactBase) -> None:
    card = score(bundled)
    wanting = [item for item in card.scores if item.unresolved is Unresolved.NO_REPORT]
    assert len(wanting) * 4 <= len(card.scores)


# -- forecasts, not relays (tests/fixtures/forecasts.toml) --------------------------------------


def test_one_plan_in_four_sources_is_one_forecast_with_four_appearances(forecast_facts: FactBase) -> None:
    card = score(forecast_facts, LATER)
    item = card.by_claim["one-first-car"]
    assert [claim.id for claim in item.forecast.claims] == [
        "one-first-car", "two-first-car", "three-first-car", "four-first-car"]
    assert item.forecast.id == "first-car-maker-2024" and item.verdict is Verdict.HELD
    assert all(card.by_claim[claim_id] is item for claim_id in ("two-first-car", "three-first-car", "four-first-car"))
    assert sum(len(scored.forecast.claims) for scored in card.scores) == len(card.by_claim)  # each claim once


def test_forecasts_group_by_origin_topic_and_value(forecast_facts: FactBase) -> None:
    card = score(forecast_facts, LATER)
    december, first_half = card.by_claim["one-mass-december"], card.by_claim["one-mass-h1"]
    assert december is not first_half  # one voice, one outlet, two dates: two forecasts
    assert (december.verdict, first_half.verdict) == (Verdict.MISSED, Verdict.HELD)
    assert card.by_claim["two-mass-h1"] is not first_half  # the same date from another voice: its own forecast
    assert len(card.scores) == 5


@pytest.mark.parametrize(("claim_id", "why"), [
    ("four-purchase", LeftOut.PAST),  # a past event
    ("four-purchase-rumour", LeftOut.PAST),  # a rumour about the past
    ("three-looks", LeftOut.OPINION),  # an opinion
    ("four-effort", LeftOut.OPINION),  # a plan on a topic no report can settle
    ("one-investment", LeftOut.DUE),  # a plan dated when it was said
])
def test_what_is_not_a_forecast_is_left_out_with_its_reason(forecast_facts: FactBase, claim_id: str,
                                                            why: LeftOut) -> None:
    card = score(forecast_facts, LATER)
    assert claim_id not in card.by_claim
    assert dict((claim.id, reason) for claim, reason in card.left_out)[claim_id] is why


def test_a_track_record_counts_resolved_forecasts_and_shows_the_rest_apart(forecast_facts: FactBase) -> None:
    card = score(forecast_facts, LATER)
    maker = {record.key: record for record in card.by_origin()}["maker"]
    assert (maker.resolved, maker.total) == (1, 2)
    assert maker.summary == "1 held of 1 resolved; 1 not scorable"
    company = {record.key: record for record in card.by_organisation()}["maker"]
    assert company.members == ("maker", "boss") and (company.resolved, company.total) == (2, 3)
    sources = {record.key: record for record in card.by_source()}
    assert sources["four"].total == 1  # the four-appearance forecast counts once in each source that carried it


def test_as_of_hides_a_later_report_published_after_the_day(forecast_facts: FactBase) -> None:
    card = score(forecast_facts, date(2024, 3, 1))
    assert card.known_reports == ["early-report"]
    item = card.by_claim["one-first-car"]
    assert item.verdict is Verdict.PENDING and item.unresolved is Unresolved.UNDECIDED
    assert [outcome.id for outcome in item.outcomes] == ["early-not-yet"]
    assert score(forecast_facts, LATER).known_reports == ["early-report", "late-report"]

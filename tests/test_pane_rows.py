"""What each pane's tables show, from a view alone: no app, no Pilot (the keys that lead here have Pilot tests
of their own in test_app.py; these were Pilot tests that only read the tables, merged here, their assertions kept).

Also the view's rules a row follows (one `row_matches`), what `c` cites, and the fact base's one memo.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from helpers import cell_texts

from xiaomi_tui.facts.analysis.status import Status
from xiaomi_tui.facts.load.loader import bundled_facts_path, load
from xiaomi_tui.facts.model.factbase import FactBase
from xiaomi_tui.facts.outcomes.verdicts import Verdict
from xiaomi_tui.ui.panes.base import Shown
from xiaomi_tui.ui.panes.investment import investment_tables
from xiaomi_tui.ui.panes.outcomes import outcomes_tables
from xiaomi_tui.ui.panes.sources import source_claims_shown, sources_tables
from xiaomi_tui.ui.panes.specs import company_tables, specs_tables
from xiaomi_tui.ui.panes.timeline import timeline_tables
from xiaomi_tui.ui.view import Selection, View, citation_for


@pytest.fixture(scope="module")
def bundled() -> FactBase:
    return load(bundled_facts_path())


def searched(facts: FactBase, query: str) -> View:
    return replace(View.of(facts), query=query)


def column(shown: Shown, index: int = 0) -> list[str]:
    """The plain text of one column of a table's rows."""
    return [cell_texts(shown, row)[index] for row in range(len(shown.rows))]


def test_timeline_is_in_date_order_and_marks_the_conflict(small_facts):
    """Was a Pilot test in test_app.py (pressing 2): the rows it read are these."""
    (timeline,) = timeline_tables(View.of(small_facts))
    # "Aug 2023" may be its last day: it follows the 23rd, which it holds.
    assert column(timeline, 1) == ["\u25c6 30 Mar 2021", "\u25c6 23 Aug 2023", "\u25c6 Aug 2023", "\u25c7 Dec 2023",
                                   "\u25c7 H1 2024"]
    assert column(timeline, 5)[-2:] == ["\u2717 conflict", "\u2717 conflict"]
    assert column(timeline) == ["2021", "2023", "2023", "2023", "2024"]
    assert timeline.home == 3  # opens at the first expected event


def test_a_vague_date_follows_the_precise_dates_it_holds(bundled):
    """Was a Pilot test in test_provenance_ui.py (pressing 2)."""
    (timeline,) = timeline_tables(View.of(bundled))
    whats, whens = column(timeline, 2), column(timeline, 1)

    def event_row(label: str, when: str) -> int:
        matches = [index for index, (what, shown) in enumerate(zip(whats, whens))
                   if what.startswith(f"{label}:") and shown[2:] == when]  # after the past/expected mark
        assert len(matches) == 1, (label, when, matches)
        return matches[0]

    assert event_row("MIIT (final) approval", "late 2023") > event_row("Closed-door partner meeting", "8 Nov 2023")
    assert event_row("Spy photos posted", "late 2023") > event_row("Spy photos posted", "Nov 2023")


def test_is_conflict_on_each_pane_shows_only_conflicts(small_facts):
    """Was a Pilot test in test_query.py (typing the search on each pane)."""
    view = searched(small_facts, "is:conflict")
    assert column(timeline_tables(view)[0], 5) == ["\u2717 conflict", "\u2717 conflict"]
    assert column(specs_tables(view)[0]) == []
    listed, matrix = sources_tables(view)
    assert column(listed) == ["Alpha News"]  # the one source with a conflicting claim
    assert column(matrix) == ["Mass-production start"]
    assert column(specs_tables(searched(small_facts, "is:not-comparable"))[0], 2) == [
        f"{Status.UNCOMPARABLE.symbol} {Status.UNCOMPARABLE.value}"]


def test_qualifiers_combine_with_each_other_and_with_text(small_facts):
    """Was a Pilot test in test_query.py (typing each word in the search box)."""
    assert column(investment_tables(searched(small_facts, "is:echo source:beta"))[0]) == ["First-phase investment"]
    assert column(investment_tables(searched(small_facts, "is:echo source:beta origin:wire"))[0]) == []
    assert column(specs_tables(searched(small_facts, "is:single"))[0]) == ["Body style", "Looks like", "Price"]
    assert column(specs_tables(searched(small_facts, "is:single looks"))[0]) == ["Looks like"]
    assert column(specs_tables(searched(small_facts, "is:single looks source:gamma"))[0]) == ["Looks like"]
    # gamma alone says what Looks like is
    assert column(specs_tables(searched(small_facts, "is:single looks source:gamma is:corroborated"))[0]) == []


def test_is_missed_on_outcomes_shows_only_missed_forecasts(bundled):
    """Was a Pilot test in test_query.py (5, then the search)."""
    everything = column(outcomes_tables(View.of(bundled))[0])
    missed = column(outcomes_tables(searched(bundled, "is:missed"))[0])
    assert missed and set(missed) == {f"{Verdict.MISSED.symbol} {Verdict.MISSED.value}"}
    assert missed == [verdict for verdict in everything if verdict == missed[0]]


def test_a_past_event_is_not_a_forecast_and_is_not_on_the_pane(bundled):
    """Was a Pilot test in test_outcomes_pane.py (5, then the search): the Foton purchase, reported as past."""
    (scores, _) = outcomes_tables(searched(bundled, "bought the chinese carmaker"))
    assert scores.rows == []


def test_a_row_no_claim_stands_behind_never_meets_a_qualifier(small_facts):
    """A rate's row is matched on what it shows; a qualifier asks about claims, so it never meets one."""
    rates = [row for row in column(investment_tables(searched(small_facts, "rate"))[0]) if row.startswith("Rate")]
    assert rates
    assert not [row for row in column(investment_tables(searched(small_facts, "rate is:single"))[0])
                if row.startswith("Rate")]


def test_a_source_row_is_searched_by_its_name_and_stands_for_its_claims_that_qualify(small_facts):
    view = searched(small_facts, "alpha is:conflict")
    listed, _ = sources_tables(view)
    assert column(listed) == ["Alpha News"]
    claims = source_claims_shown(view, [row.selection for row in listed.rows])
    assert claims and all(view.analysis.standings[claim_id].value == "conflict" for claim_id in claims)
    assert column(sources_tables(searched(small_facts, "Body style"))[0]) == []  # a claim's text is not its name


def test_company_and_specs_split_the_topics_by_pane(small_facts):
    specs, company = specs_tables(View.of(small_facts))[0], company_tables(View.of(small_facts))[0]
    assert not set(column(specs)) & set(column(company))
    assert company.empty.startswith("No claims about the plant")


def test_a_pane_s_tables_are_made_once_per_view_and_a_new_scoring_day_makes_a_new_memo(small_facts):
    view = View.of(small_facts)
    made = []
    assert view.memo.kept("specs", (view.analysis, ""), lambda: made.append(1) or "rows") == "rows"
    assert view.memo.kept("specs", (view.analysis, ""), lambda: made.append(1) or "again") == "rows"
    assert made == [1]
    rescored = view.scored_as_of(None)
    assert rescored.memo is not view.memo
    assert rescored.memo.kept("specs", (rescored.analysis, ""), lambda: "fresh") == "fresh"


def test_the_memo_keeps_a_few_of_a_kind_and_lets_the_oldest_go(small_facts):
    memo = View.of(small_facts).memo
    for key in range(3):
        memo.kept("pane", key, lambda key=key: key, most=2)
    assert memo.kept("pane", 0, lambda: "made again", most=2) == "made again"
    assert memo.kept("pane", 2, lambda: "kept", most=2) == 2


def test_c_cites_the_first_claim_behind_a_row_or_the_source(small_facts):
    view = View.of(small_facts)
    claims = view.claims_behind(Selection("investment"))
    assert [claim.id for claim in claims] == ["alpha-investment", "beta-investment"]
    assert view.claim_to_cite(Selection("investment")) is claims[0]
    assert view.claims_behind(Selection("investment", "beta-investment"))[0].id == "beta-investment"
    cited = citation_for(view, Selection("investment"), "apa")
    assert cited is not None and cited.text
    source = citation_for(view, Selection(source_id="alpha"), "apa")
    assert source is not None and source.text
    assert citation_for(view, Selection(source_id="alpha"), "apa", "origin") is None  # a source has no origin
    assert citation_for(view, None, "apa") is None
    assert view.gone(Selection("investment", "gone-claim")) and not view.gone(Selection("investment"))


def test_why_a_claim_is_set_aside_is_worded_once_for_the_warning_the_detail_and_the_outcomes_pane(small_facts):
    """A superseded claim's warning read "‡ superseded by X: why", its detail "‡ superseded: why (by X)" and the
    Outcomes pane "by X: why": one wording now, written in the data layer."""
    from rich.console import Console

    from xiaomi_tui.facts.analysis.status import ClaimStanding, assessment, why_set_aside
    from xiaomi_tui.facts.model.records import Supersession
    from xiaomi_tui.ui.render.detail import assessment_lines

    claim = replace(small_facts.claims["beta-investment"], superseded=Supersession(by="alpha-investment",
                                                                                 reason="a later figure"))
    why = why_set_aside(claim)
    assert why == "a later figure (by alpha-investment)"
    assert assessment(claim) == f"{ClaimStanding.SUPERSEDED.mark}: {why}"
    console = Console(width=200, record=True)
    console.print(*assessment_lines(claim, ClaimStanding.SUPERSEDED))
    assert console.export_text().strip() == f"{ClaimStanding.SUPERSEDED.mark}: {why}"
    assert why_set_aside(small_facts.claims["alpha-investment"]) is None and assessment(
        small_facts.claims["alpha-investment"]) is None


def test_a_table_s_column_widths_are_measured_once_on_its_first_rows(small_facts):
    """The widths that size a table's columns ride with the table the memo keeps (they were a memo of the widget's
    own): read twice, measured once; measured on the first rows, so the widest cell of the widest row counts."""
    (timeline,) = timeline_tables(View.of(small_facts))
    assert timeline.widest_cells is timeline.widest_cells
    cells = [cell_texts(timeline, row) for row in range(len(timeline.rows))]
    assert timeline.widest_cells == [max(len(row[index]) for row in cells) for index in range(len(cells[0]))]

"""Provenance on screen, driven by keys on the bundled fact base: timeline events, marks, the tree, citing the origin."""

from __future__ import annotations

import pytest
from helpers import SIZE, cell_texts, detail_text, listed_claims, make_app, row_texts, table

from xiaomi_tui.facts.analysis.topics import analyse
from xiaomi_tui.facts.citations import cite
from xiaomi_tui.facts.load.loader import bundled_facts_path, load, loads
from xiaomi_tui.ui.screens.claims import ClaimsScreen
from xiaomi_tui.ui.widgets.provenance import ProvenanceTree


@pytest.fixture(scope="module")
def facts():
    return load(bundled_facts_path())


def event_row(app, label: str, when: str) -> int:
    """The timeline row of one event, found by its topic and date as shown."""
    whats, whens = row_texts(app, "timeline", column=2), row_texts(app, "timeline", column=1)
    matches = [index for index, (what, shown) in enumerate(zip(whats, whens))
               if what.startswith(f"{label}:") and shown[2:] == when]  # after the past/expected mark
    assert len(matches) == 1, (label, when, matches)
    return matches[0]


async def go_to_row(pilot, app, row: int) -> None:
    await pilot.press("g", *(["j"] * row))
    assert table(app, "timeline").cursor_row == row


def tree_lines(node, depth: int = 0) -> list[str]:
    lines = [] if depth == 0 and not node.tree.show_root else [f"{'  ' * depth}{node.label.plain}"]
    for child in node.children:
        lines += tree_lines(child, depth + 1)
    return lines


async def test_the_timeline_shows_an_event_once_with_its_sources_and_origins(facts):
    app = make_app(facts)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        row = event_row(app, "Car business announced", "30 Mar 2021")
        cells = cell_texts(table(app, "timeline"), row)
        assert cells[3:] == ["3 sources", "1", "\u21bb echo"]
        assert cells[2] == "Car business announced: CnEVPost, Xiaomi EV-1, ArenaEV"
        # the 2021 of source 004 is another date, so another row, after the day it holds
        assert event_row(app, "Car business announced", "2021") > row
        await go_to_row(pilot, app, row)
        await pilot.press("enter")
        assert isinstance(app.screen, ClaimsScreen)
        assert {facts.claims[claim_id].source for claim_id in listed_claims(app)} == {"cnevpost", "blog-ev1", "arenaev"}


async def test_a_disputed_claim_is_marked_in_the_timeline_the_company_pane_and_the_detail(facts):
    app = make_app(facts)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        row = event_row(app, "Purchase of Foton Motor", "Nov 2022")
        assert cell_texts(table(app, "timeline"), row)[5] == "\u2020 disputed"
        what = cell_texts(table(app, "timeline"), row)[2]  # what happened, not that Xiaomi bought it
        assert what.startswith("Purchase of Foton Motor: No report here or later says Xiaomi bought Foton Motor")
        await go_to_row(pilot, app, row)
        detail = detail_text(app)
        assert "\u2020 disputed: No report here or later says Xiaomi bought Foton Motor" in detail
        assert "see https://en.jiemian.com/article/8496294.html" in detail
        await pilot.press("6")  # the plant's standing is the company's, not money or capacity
        values = dict(zip(row_texts(app, "company"), row_texts(app, "company", column=1)))
        assert values["Production qualification"] == (
            "Xiaomi's own  \u2020 disputed: taken over with Foton purchase")


async def tree_of_event(facts, label: str, when: str) -> list[str]:
    """Open a timeline event's detail screen and read its provenance tree, one line a node."""
    app = make_app(facts)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        await go_to_row(pilot, app, event_row(app, label, when))
        await pilot.press("enter")
        return tree_lines(app.screen.query_one(ProvenanceTree).root)


async def test_the_provenance_tree_draws_one_origin_through_its_report_to_four_sources(facts):
    assert await tree_of_event(facts, "NDRC approval to make EVs", "23 Aug 2023") == [
        "NDRC approval to make EVs  1 origin, 4 sources; 2 inferred",
        "  Reuters  origin, outlet",
        "    Reuters report of 23 Aug 2023  relay, document",
        "      \u21bb CnEVPost, para. 13: 23 Aug 2023  echo",
        "      \u21bb Xiaomi EV-1, para. 25: 23 Aug 2023  echo",
        "      \u21bb Pandaily, para. 7: 2023  echo  (inferred origin)",
        "      \u21bb ArenaEV, para. 9: 2023  echo  (inferred origin)",
    ]


async def test_the_tree_gathers_one_organisations_voices(facts):
    lines = await tree_of_event(facts, "Official launch", "Feb 2024")

    assert "  Xiaomi  organisation, 2 origins: one voice" in lines
    assert "    William Lu  origin, person" in lines
    assert "    Xiaomi  origin, organisation" in lines


async def test_at_80_columns_the_tree_takes_the_width_and_p_shows_it_full_screen(facts):
    app = make_app(facts)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await go_to_row(pilot, app, event_row(app, "NDRC approval to make EVs", "23 Aug 2023"))
        await pilot.press("enter")
        tree = app.screen.query_one(ProvenanceTree)
        drawn = [tree.render_line(y).text for y in range(tree.size.height)]
        assert tree.size.width >= 76
        assert drawn[0].strip() == "\u25bc NDRC approval to make EVs  1 origin, 4 sources; 2 inferred"  # whole
        assert any("CnEVPost, para. 13: 23 Aug 2023  echo" in line for line in drawn)
        shared = tree.size.height
        await pilot.press("p")
        assert not app.screen.query_one("#detail-claims").display or not app.screen.query_one("#detail-screen").display
        await pilot.pause()
        assert tree.size.height > shared
        await pilot.press("p")
        await pilot.pause()
        assert tree.size.height == shared


async def cite_on_event(facts, label: str, when: str, key: str) -> tuple[str, list[str]]:
    """Press a cite key on a timeline event: what reached the clipboard, and what the app said."""
    app = make_app(facts)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        await go_to_row(pilot, app, event_row(app, label, when))
        await pilot.press(key)
        return app.clipboard, [str(note.message) for note in app._notifications]


async def test_i_cites_the_origin_as_cited_in_the_source_and_shift_i_the_origin_alone(facts):
    as_cited, _ = await cite_on_event(facts, "NDRC approval to make EVs", "23 Aug 2023", "i")
    origin, _ = await cite_on_event(facts, "NDRC approval to make EVs", "23 Aug 2023", "I")

    assert as_cited == cite(facts, facts.claims["cnevpost-ndrc-approval"], "apa", "as-cited").text
    assert as_cited.startswith("([Report on the NDRC's Approval of Xiaomi's EV Production], 2023, as cited in "
                               "[Report on the Mass-Production and Launch Dates of Xiaomi's First EV], 2023, para. 13)")
    assert origin == "[Report on the NDRC's approval of Xiaomi's EV production]. (2023, August 23). Reuters."


def without_publisher(facts, source_id: str):
    """The bundled fact base as it was before source 004's publisher was known: nothing to find it by."""
    text = bundled_facts_path().read_text(encoding="utf-8")
    line = f'publisher = "{facts.sources[source_id].publisher}"\n'
    assert text.count(line) == 1
    return loads(text.replace(line, ""))


@pytest.mark.parametrize(("label", "when", "key", "copied", "said", "anonymous"), [
    ("Car business announced", "30 Mar 2021", "I", None, "has no document known to cite", False),
    ("Prototype presentation", "2022", "c", "Xiaomi's car project progresses beyond expectations",
     "names no publisher or title", True),
], ids=["origin-without-a-document", "a-source-without-publisher-through-the-credited-article"])
async def test_the_app_says_when_it_cannot_cite_or_cites_a_stand_in(facts, label, when, key, copied, said, anonymous):
    clipboard, notes = await cite_on_event(without_publisher(facts, "unknown-outlet") if anonymous else facts,
                                           label, when, key)

    assert (copied in clipboard) if copied else clipboard == ""
    assert any(said in note for note in notes)


async def test_source_004_is_cited_by_where_it_was_published(facts):
    clipboard, _ = await cite_on_event(facts, "Prototype presentation", "2022", "c")

    assert clipboard == cite(facts, facts.claims["unknown-outlet-prototype-presentation"], "apa").text
    assert "decor-dreams.com" in clipboard


async def test_the_palette_offers_both_ways_of_citing_the_origin(facts):
    app = make_app(facts)
    async with app.run_test(size=SIZE):
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Copy the citation of the claim's origin as cited in its source (APA: as cited in)" in titles
        assert "Copy the citation of the document the claim's origin said it in" in titles


async def test_in_the_detail_screen_i_cites_the_highlighted_claims_origin(facts):
    app = make_app(facts)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        await go_to_row(pilot, app, event_row(app, "NDRC approval to make EVs", "23 Aug 2023"))
        await pilot.press("enter", "j", "i")
        assert isinstance(app.screen, ClaimsScreen)
        assert app.clipboard == cite(facts, facts.claims[app.screen.highlighted_claim_id], "apa", "as-cited").text
        assert app.clipboard.startswith("([Report on the NDRC's Approval of Xiaomi's EV Production], 2023, "
                                        "as cited in \"Xiaomi EV-1,\" 2023, para. 25)")


async def test_c_on_a_disputed_claim_copies_it_unchanged_and_warns_in_one_toast(facts):
    clipboard, notes = await cite_on_event(facts, "Purchase of Foton Motor", "Nov 2022", "c")

    assert clipboard == cite(facts, facts.claims["unknown-outlet-foton-acquisition"], "apa").text
    [note] = notes
    assert note.startswith("\u2020 disputed: No report here or later says Xiaomi bought Foton Motor")
    assert note.endswith("\nCited (apa): OSC 52 sent to the terminal clipboard (no terminal confirms it).")  # no DISPLAY


def test_a_party_announcing_its_own_agreement_hangs_under_its_counterparty(facts):
    tree = ProvenanceTree(facts, analyse(facts).topics["plant-phases"])

    assert tree_lines(tree.root)[:3] == [
        "Plant construction phases  2 origins, 1 organisation, 4 sources; 4 inferred",
        "  Xiaomi  organisation, 2 origins: one voice",
        "    Beijing E-Town announcement of 27 Nov 2021  origin, document; Xiaomi's counterparty: one voice with it",
    ]

"""`check`'s warnings that a curator should act on: statements copied from their article, plans about the past;
and what the bundled fact base says about source 004 once identified."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from xiaomi_tui.cli.main import main
from xiaomi_tui.facts.citations import cite
from xiaomi_tui.facts.export.tables import export
from xiaomi_tui.facts.load.lint import (
    copied_statements,
    lint,
    one_remark_twice,
    outlet_plans,
    plans_about_the_past,
    shared_run,
    undescribed_documents,
)
from xiaomi_tui.facts.load.loader import bundled_facts_path, load, loads

ARTICLE = ("Maker will build its plant in the north.\n\n"
           "Sources said the plant is to build 300,000 vehicles a year, from 2025.\n")


def check(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, list[str], str]:
    code = main(["check", *map(str, argv)])
    captured = capsys.readouterr()
    return code, captured.out.splitlines(), captured.err


def with_article_file(small_facts_path: Path, tmp_path: Path) -> Path:
    """The small fixture with source alpha's article named, so `--articles` can find it."""
    text = small_facts_path.read_text(encoding="utf-8")
    anchor = 'url = "https://alpha.example/maker-december"\n'
    assert text.count(anchor) == 1
    path = tmp_path / "facts.toml"
    path.write_text(text.replace(anchor, anchor + 'file = "alpha.txt"\n'), encoding="utf-8")
    return path


def test_a_statement_sharing_six_words_with_its_article_is_named_with_the_words(
        capsys, small_facts_path: Path, tmp_path: Path) -> None:
    facts_path = with_article_file(small_facts_path, tmp_path)
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "alpha.txt").write_text(ARTICLE, encoding="utf-8")

    code, lines, err = check(capsys, facts_path, "--articles", articles)

    assert (code, err) == (0, "")
    assert [line for line in lines if line.startswith("warning:")] == [
        "warning: claim 'alpha-capacity': the statement repeats 6 words of its article (alpha.txt): "
        '"the plant is to build 300"; put it in our own words']


def test_without_articles_or_with_five_words_shared_nothing_is_said(
        capsys, small_facts_path: Path, tmp_path: Path) -> None:
    facts_path = with_article_file(small_facts_path, tmp_path)
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "alpha.txt").write_text("Sources said the plant is to make 300,000 vehicles a year.\n",
                                        encoding="utf-8")

    for argv in ((facts_path,), (facts_path, "--articles", articles)):
        code, lines, _ = check(capsys, *argv)
        assert code == 0
        assert not [line for line in lines if line.startswith("warning:")]


def test_an_article_named_but_not_in_the_folder_is_a_warning_and_a_missing_folder_an_error(
        capsys, small_facts_path: Path, tmp_path: Path) -> None:
    facts_path = with_article_file(small_facts_path, tmp_path)

    code, lines, _ = check(capsys, facts_path, "--articles", tmp_path)
    assert code == 0
    assert [line for line in lines if line.startswith("warning:")] == [
        f"warning: source 'alpha': article {tmp_path / 'alpha.txt'} no such file; check the path: "
        "its statements were not compared"]

    code, lines, err = check(capsys, facts_path, "--articles", tmp_path / "nowhere")
    assert (code, lines) == (2, [])
    assert "is not a folder" in err


def test_words_are_compared_without_case_punctuation_or_curly_apostrophes() -> None:
    article = "Xiaomi\u2019s first EV model is expected to roll off the line."

    assert shared_run("XIAOMI'S FIRST EV MODEL IS EXPECTED soon", article) == "xiaomi's first ev model is expected"
    assert shared_run("Xiaomi's first EV model, it is expected", article) is None
    assert shared_run("too short", article) is None


def test_a_plan_dated_before_it_was_said_is_a_warning(capsys, small_facts_path: Path, tmp_path: Path) -> None:
    text = small_facts_path.read_text(encoding="utf-8")
    old = 'date = "2023-12"\nsaid = "2023-11-15"\n'
    assert text.count(old) == 1
    path = tmp_path / "past.toml"
    path.write_text(text.replace(old, 'date = "2023-12"\nsaid = "2024-01-05"\n'), encoding="utf-8")

    code, lines, _ = check(capsys, path)

    assert code == 0
    assert [line for line in lines if line.startswith("warning:")] == [
        "warning: claim 'alpha-mass-production-dec': a plan dated Dec 2023 but said 5 Jan 2024: a plan about the "
        "past; is `date` when it was said rather than when it is for?"]


def test_said_inside_the_plans_date_or_a_report_of_the_past_is_no_warning(small_facts_path: Path) -> None:
    text = small_facts_path.read_text(encoding="utf-8")
    old = 'date = "2023-12"\nsaid = "2023-11-15"\n'
    same_month = loads(text.replace(old, 'date = "2023-12"\nsaid = "2023-12-20"\n'))
    reported = loads(text.replace(old, 'date = "2023-12"\nsaid = "2024-01-05"\n').replace(
        'stance = "plan"\ndate = "2023-12"', 'stance = "reported"\ndate = "2023-12"'))

    assert plans_about_the_past(same_month.claims.values()) == []
    assert plans_about_the_past(reported.claims.values()) == []


def test_the_bundled_fact_base_has_no_plan_about_the_past_nor_any_other_lint() -> None:
    facts = load(bundled_facts_path())
    assert plans_about_the_past(facts.claims.values()) == []
    assert lint(facts) == []


def test_export_shows_source_004_where_it_was_found_and_the_cnevpost_article_it_credits() -> None:
    dump = json.loads(export(load(bundled_facts_path()), None, "json"))
    source = next(source for source in dump["sources"] if source["id"] == "unknown-outlet")
    credited = next(party for party in dump["parties"] if party["id"] == "cnevpost-progress-article")

    assert source["url"] == "https://decor-dreams.com/news/techno/new-rumors-about-xiaomis-first-electric-car"
    assert source["published"] is None  # March 2023 or later: no day is known, so none is given
    assert "March 2023 or later" in source["notes"]
    assert (credited["url"], credited["published"], credited["publisher"]) == (
        "https://cnevpost.com/2023/03/07/xiaomis-car-project-progresses-beyond-expectations-ceo-says",
        "2023-03-07", "CnEVPost")
    assert credited["title"] == ("Xiaomi's car project progresses beyond expectations, mass production set for "
                                 "H1 2024, CEO says")


def test_lint_is_a_plain_function_of_a_fact_base_that_an_editor_can_call(small_facts_path: Path) -> None:
    text = small_facts_path.read_text(encoding="utf-8")
    past = loads(text.replace('date = "2023-12"\nsaid = "2023-11-15"\n', 'date = "2023-12"\nsaid = "2024-01-05"\n'))

    assert lint(loads(text)) == []
    assert lint(past) == plans_about_the_past(past.claims.values())
    assert lint(past, {"alpha": "Mass production of the first car begins in December."}) == lint(past)


# -- issue 29's lints: each on a fixture that fails without it ----------------------------------------


def test_a_plan_dated_the_day_it_was_said_is_a_plan_about_the_past(small_facts_path: Path) -> None:
    text = small_facts_path.read_text(encoding="utf-8")
    announced = loads(text.replace('date = "2021-03-30"\npara = 9\n',
                                   'date = "2021-03-30"\nsaid = "2021-03-30"\npara = 9\n'))

    assert plans_about_the_past(announced.claims.values()) == [
        "claim 'alpha-investment': a plan dated 30 Mar 2021 but said 30 Mar 2021: a plan about the past; is `date` "
        "when it was said rather than when it is for?"]


def test_a_plan_whose_origin_is_an_outlet_is_a_warning(small_facts_path: Path) -> None:
    text = small_facts_path.read_text(encoding="utf-8")
    facts = loads(text.replace('origin = "analyst"\nstance = "plan"', 'origin = "daily"\nstance = "plan"'))

    assert lint(loads(text)) == []
    assert outlet_plans(facts) == [
        "claim 'gamma-capacity': a plan whose origin is 'Daily Paper', which speaks for an outlet (Daily Paper): "
        "whose plan is it? Make the stance estimate (what the outlet expects) or opinion, or name the party that "
        "made the plan"]
    assert lint(facts) == outlet_plans(facts)


def test_an_inferred_forward_claim_beside_the_named_voices_own_is_one_remark_twice(small_facts_path: Path) -> None:
    text = small_facts_path.read_text(encoding="utf-8")
    inferred = 'origin = "maker"\norigin_basis = "inferred"\nbasis = "beside it"\nvia'
    twice = text.replace('origin = "insider"\nvia', inferred, 1)
    twice = twice.replace('said = "2023-11-15"\npara = 2\n', 'said = "2023-11-15"\npara = 6\n', 1)
    twice = twice.replace('date = "2023-12"\n', 'date = "2024"\n', 1)  # overlaps H1 2024, the maker's own
    facts = loads(twice)

    assert one_remark_twice(loads(text).claims.values()) == []
    assert one_remark_twice(facts.claims.values()) == [
        "claim 'alpha-mass-production-dec': its origin is inferred to be 'maker', who is named in "
        "'alpha-mass-production-h1' of the same paragraph (6): if it is the same remark, merge the two, else "
        "record it without that origin; as it stands it is a second forecast"]


def test_a_statement_copying_another_article_is_named_with_that_article(small_facts_path: Path) -> None:
    facts = load(small_facts_path)
    copied = "Sources said the plant is to build 300,000 vehicles a year, from 2025.\n"

    assert copied_statements(facts, {"beta": copied}) == [
        "claim 'alpha-capacity': the statement repeats 6 words of the article of source 'beta': "
        '"the plant is to build 300"; put it in our own words']
    assert copied_statements(facts, {"alpha": copied, "beta": copied})[0].endswith(
        'of its article: "the plant is to build 300"; put it in our own words')  # its own named first


def test_check_lists_an_agreement_that_needs_an_inferred_origin(capsys, small_facts_path: Path, tmp_path: Path) -> None:
    path = tmp_path / "facts.toml"
    inferred = 'origin = "analyst"\norigin_basis = "inferred"\nbasis = "ours"\nstance = "plan"'
    path.write_text(small_facts_path.read_text(encoding="utf-8").replace('origin = "analyst"\nstance = "plan"', inferred),
                    encoding="utf-8")

    _, lines, _ = check(capsys, small_facts_path)
    assert not [line for line in lines if "unconfirmed" in line]
    _, lines, _ = check(capsys, path)
    assert "  unconfirmed: Annual capacity: 300,000 vehicles/year (2 origins agree; 1 inferred)" in lines


def test_a_citable_document_with_neither_title_nor_description_is_a_warning(small_facts_path: Path) -> None:
    """E-Town's WeChat statement had neither, and every as-cited citation of the claims it relayed read
    "([News Article], 2021, as cited in ...)"."""
    document = ('\n[[parties]]\nid = "maker-statement"\nname = "Maker statement of 1 Mar 2023"\nkind = "document"\n'
                'affiliation = "maker"\npublisher = "Maker Corp"\npublished = "2023-03-01"\n')
    text = small_facts_path.read_text(encoding="utf-8") + document
    facts = loads(text)

    assert undescribed_documents(facts) == [
        "party 'maker-statement': a document with a publisher but no `title` and no `description`, which its "
        "citations can only call a news article; give its title if known, else a `description` of what it is "
        "(\"Statement on ...\")"]
    assert undescribed_documents(loads(text + 'description = "Statement on the plant"\n')) == []
    assert undescribed_documents(loads(text + 'title = "Maker signs for a plant"\n')) == []
    assert lint(facts)[-1] == undescribed_documents(facts)[0]


def test_a_claim_relayed_by_e_town_is_cited_as_its_statement_not_as_a_news_article() -> None:
    facts = load(bundled_facts_path())
    claim = facts.claims["cnevpost-mass-production-2024"]
    assert claim.via == ("beijing-etown-2021-11-27",)

    apa = cite(facts, claim, "apa", "as-cited").text
    assert apa.startswith("(Beijing E-Town, 2021, as cited in ")
    assert "News Article" not in cite(facts, claim, "mla", "as-cited").text

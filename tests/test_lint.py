"""`check`'s warnings that a curator should act on: statements copied from their article, plans about the past;
and what the bundled fact base says about source 004 once identified."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from xiaomi_tui.cli.main import main
from xiaomi_tui.facts.export.tables import export
from xiaomi_tui.facts.load.lint import lint, plans_about_the_past, shared_run
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


def test_the_bundled_fact_base_has_no_plan_about_the_past() -> None:
    assert plans_about_the_past(load(bundled_facts_path()).claims.values()) == []


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

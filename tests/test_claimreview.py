"""`export --format claimreview`: schema.org ClaimReview, read back as JSON-LD and field by field.

pyld expands the document offline: its loader is given a local stand-in for the schema.org context
(`fixtures/schema-org-context.jsonld`: the published context's `@vocab`, with `url` an IRI and
`datePublished` a Date), so expansion proves the document is JSON-LD and that no term falls outside
schema.org's vocabulary (an unmapped term would be dropped, which the count check below catches).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from helpers import run
from pyld import jsonld

from xiaomi_tui.cli.main import main
from xiaomi_tui.facts.export.claimreview import CLAIM_REVIEWED_LIMIT, claim_reviews
from xiaomi_tui.facts.load.loader import bundled_facts_path, load, loads
from xiaomi_tui.facts.outcomes.verdicts import Scorecard, Verdict, score

CONTEXT = json.loads((Path(__file__).parent / "fixtures" / "schema-org-context.jsonld").read_text(encoding="utf-8"))
SCHEMA = "http://schema.org/"


def local_context(url: str, options: dict | None = None) -> dict[str, Any]:
    assert url.rstrip("/") in ("https://schema.org", "http://schema.org"), f"fetched {url} instead of schema.org"
    return {"contextUrl": None, "documentUrl": url, "document": CONTEXT}


@pytest.fixture(scope="module")
def card() -> Scorecard:
    return score(load(bundled_facts_path()), date(2025, 6, 30))


PAGE = "https://reviews.example/xiaomi-forecasts"
REVIEWER = "https://reviews.example/"


@pytest.fixture(scope="module")
def reviews(card: Scorecard) -> dict[str, Any]:
    return json.loads(claim_reviews(card, review_url=PAGE, reviewer_url=REVIEWER))


def terms(node: Any) -> int:
    """How many properties a compact node holds, all the way down (@context and keywords aside)."""
    if isinstance(node, list):
        return sum(map(terms, node))
    if isinstance(node, dict):
        return sum(terms(value) + (not key.startswith("@")) for key, value in node.items() if key != "@context")
    return 0


def test_the_export_expands_as_json_ld_with_every_term_in_schema_org(reviews: dict[str, Any]) -> None:
    expanded = jsonld.expand(reviews, {"documentLoader": local_context})
    assert len(expanded) == len(reviews["@graph"])
    assert all(node["@type"] == [f"{SCHEMA}ClaimReview"] for node in expanded)
    assert terms(expanded) == terms(reviews)  # nothing dropped: every term is a schema.org property
    first = expanded[0]
    assert first[f"{SCHEMA}itemReviewed"][0]["@type"] == [f"{SCHEMA}Claim"]
    assert first[f"{SCHEMA}reviewRating"][0][f"{SCHEMA}alternateName"][0]["@value"] in {v.value for v in Verdict}
    assert first[f"{SCHEMA}url"] == [{"@id": reviews["@graph"][0]["url"]}]


def test_each_review_has_what_google_asks_of_a_claim_review(reviews: dict[str, Any], card: Scorecard) -> None:
    """Google's required properties (claimReviewed, reviewRating.alternateName, url) and its recommended ones:
    the review's author and date, the claim's author, date (where the fact base knows when it was said) and
    appearances."""
    assert reviews["@context"] == "https://schema.org"
    forecasts = {item.forecast.id: item.forecast for item in card.scores}
    dated = 0
    for review in reviews["@graph"]:
        assert 0 < len(review["claimReviewed"]) < CLAIM_REVIEWED_LIMIT
        assert review["url"] == f"{PAGE}#{review['identifier']}"
        assert review["reviewRating"]["alternateName"] not in ("pending", "not scorable")
        assert review["datePublished"] == "2025-06-30"
        assert review["author"] == {"@type": "Organization", "name": "xiaomi-tui maintainers", "url": REVIEWER}
        item = review["itemReviewed"]
        assert item["@type"] == "Claim" and item["author"]["name"]
        assert item["firstAppearance"] in item["appearance"]
        said = [claim.said for claim in forecasts[review["identifier"]].claims if claim.said]
        assert ("datePublished" in item) == bool(said)
        dated += bool(said)
    assert dated and len({review["url"] for review in reviews["@graph"]}) == len(reviews["@graph"])


def test_a_claim_is_dated_as_precisely_as_it_was_said(reviews: dict[str, Any], card: Scorecard) -> None:
    by_id = {review["identifier"]: review for review in reviews["@graph"]}
    kuo = card.by_claim["cnevpost-shipments-2024"].forecast
    assert by_id[kuo.id]["itemReviewed"]["datePublished"] == "2023-10-13"
    text = bundled_facts_path().read_text(encoding="utf-8").replace('said = "2023-10-13"', 'said = "late-2023-10"')
    vaguer = {review["identifier"]: review for review in json.loads(claim_reviews(score(loads(text), card.as_of)))[
        "@graph"]}
    assert vaguer[kuo.id]["itemReviewed"]["datePublished"] == "2023-10"  # ISO 8601 at the month: no day made up


def test_a_page_per_review_takes_the_id_in_place_of_a_placeholder(card: Scorecard) -> None:
    graph = json.loads(claim_reviews(card, review_url="https://reviews.example/forecast/{id}.html"))["@graph"]
    assert all(review["url"] == f"https://reviews.example/forecast/{review['identifier']}.html" for review in graph)


def test_without_a_review_page_no_url_is_made_up_and_the_command_says_so(capsys, card: Scorecard) -> None:
    assert not any("url" in review for review in json.loads(claim_reviews(card))["@graph"])
    code, out, err = run(capsys, "export", "--format", "claimreview")
    assert code == 0 and json.loads(out)["@graph"]
    assert err == ("xiaomi-tui: warning: no --review-url: search engines require each ClaimReview's url, the page "
                   "that shows the review; give the page you publish these on\n")
    code, _, err = run(capsys, "export", "--format", "claimreview", "--review-url", PAGE)
    assert (code, err) == (0, "")


@pytest.mark.parametrize("argv", [
    ["--format", "claimreview", "--review-url", "reviews.example/page"],
    ["--format", "claimreview", "--review-url", "https://reviews.example/page#top"],
    ["--format", "claimreview", "--reviewer-url", "javascript:alert(1)"],
    ["--format", "json", "--review-url", PAGE],
], ids=["no-scheme", "fragment", "not-web", "not-claimreview"])
def test_review_urls_are_web_pages_for_the_claimreview_export_only(capsys, argv: list[str]) -> None:
    try:
        code = main(["export", *argv])
    except SystemExit as exit:  # argparse's own usage error
        code = exit.code
    out, err = capsys.readouterr()
    assert (code, out) == (2, "") and ("not a web page's address" in err or "for --format claimreview" in err)


def test_one_review_per_forecast_with_a_verdict_and_none_for_an_open_one(reviews: dict[str, Any],
                                                                       card: Scorecard) -> None:
    identifiers = [review["identifier"] for review in reviews["@graph"]]
    assert sorted(identifiers) == sorted(item.forecast.id for item in card.scores if item.verdict.resolved)
    first_car = card.by_claim["cnevpost-first-car-off-line"].forecast
    review = next(review for review in reviews["@graph"] if review["identifier"] == first_car.id)
    assert len(review["itemReviewed"]["appearance"]) == 3  # one review, the three sources that carried it
    assert review["reviewBody"].startswith(
        "That Lei Jun said it is our inference; no source names who did: CnEVPost credits")
    assert not next(review for review in reviews["@graph"] if review["identifier"] == card.by_claim[
        "cnevpost-shipments-2024"].forecast.id)["reviewBody"].startswith("That Ming-Chi Kuo")
    open_ = {item.forecast.id for item in card.scores if not item.verdict.resolved}
    assert card.by_claim["cnevpost-annual-capacity"].forecast.id in open_ and not open_ & set(identifiers)


def test_a_forecast_carried_twice_appears_twice_and_links_the_report_that_settled_it(
        reviews: dict[str, Any], card: Scorecard) -> None:
    by_claim = {claim_id: review for review in reviews["@graph"] for item in card.scores
                if item.forecast.id == review["identifier"] for claim_id in (c.id for c in item.forecast.claims)}
    kuo = by_claim["cnevpost-shipments-2024"]
    assert kuo["claimReviewed"] == "Shipments in 2024: 50,000–60,000 vehicles"
    assert kuo["reviewRating"] == {"@type": "Rating", "alternateName": "beaten"}
    assert kuo["itemReviewed"]["author"] == {"@type": "Person", "name": "Ming-Chi Kuo"}
    assert kuo["url"] == f"{PAGE}#{kuo['identifier']}"  # the review's own page; the report it rests on is cited
    assert [work["url"] for work in kuo["citation"]] == ["https://evertiq.com/design/57017"]
    assert "metric mismatch" in kuo["reviewBody"]
    lei_jun = by_claim["pandaily-mass-production-start"]  # Lei Jun's H1 2024, in Pandaily and in source 004
    appearances = lei_jun["itemReviewed"]["appearance"]
    assert [work.get("publisher", {}).get("name") for work in appearances] == ["Pandaily", "decor-dreams.com"]
    assert lei_jun["itemReviewed"]["firstAppearance"] == {
        "@type": "NewsArticle", "headline": "Xiaomi held exclusive closed-door meeting on EV strategies",
        "url": "https://pandaily.cn/xiaomi-held-exclusive-closed-door-meeting-on-ev-strategies/",
        "datePublished": "2023-11", "publisher": {"@type": "Organization", "name": "Pandaily"}}


def test_the_command_writes_the_reviews_of_the_sources_in_view(capsys) -> None:
    code, out, _ = run(capsys, "--source", "arenaev", "export", "--format", "claimreview")
    graph = json.loads(out)["@graph"]
    assert code == 0 and graph
    assert all(any(work.get("headline", "").startswith("Xiaomi electric sedan")
                   for work in review["itemReviewed"]["appearance"]) for review in graph)


def test_fact_text_cannot_end_the_script_the_json_ld_sits_in() -> None:
    """JSON-LD is pasted into a page inside <script type="application/ld+json">: a `</script>` in fact text would
    end it there and let what follows run as HTML."""
    from xiaomi_tui.facts.load.loader import loads

    hostile = "</script><script>alert(1)</script><!-- & "
    text = bundled_facts_path().read_text(encoding="utf-8").replace('label = "', f'label = "{hostile}')
    document = claim_reviews(score(loads(text), date(2025, 6, 30)))

    assert "<" not in document and ">" not in document and "&" not in document
    assert all(review["claimReviewed"].startswith(hostile) for review in json.loads(document)["@graph"])

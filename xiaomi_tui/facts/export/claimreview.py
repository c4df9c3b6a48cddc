"""Every forecast with a verdict as a schema.org ClaimReview in JSON-LD, the form fact-check readers take.

One document, `@context` https://schema.org, with a `@graph` of reviews, one per forecast that has a
verdict (pending and not scorable forecasts give none: there is nothing yet to rate). Each names the
forecast in a short statement of ours (`claimReviewed`, under 75 characters as Google asks), reviews
it as a `Claim` whose `author` is the origin, dated when the origin said it where known, and whose `appearance`s
are the press sources that carried it (the one surely out earliest is `firstAppearance`), rates it with the
verdict word (`reviewRating.alternateName`), cites the later reports it rests on (`citation`), and is dated the
scoring day. Its `url`, the page that shows the review, is what the publisher says it is (`review_url`): Google
requires one, and it must be the review's own page, not the report's.

No numeric `ratingValue`: Google shows the words only, and a number must place the verdicts on one scale from
false to true, where "beaten" (past the figure) is no truer than "held". Fact-checkers who rate forward-looking
statements (PolitiFact's promise meters: Promise Kept, Compromise, Promise Broken) rate them in words too.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from xiaomi_tui.facts.export.jsontext import script_safe_json
from xiaomi_tui.facts.model.factbase import FactBase
from xiaomi_tui.facts.model.formatting import format_claim_value
from xiaomi_tui.facts.model.fuzzydate import FuzzyDate
from xiaomi_tui.facts.model.records import PartyKind, Source
from xiaomi_tui.facts.outcomes.verdicts import Score, Scorecard

__all__ = ["CLAIM_REVIEWED_LIMIT", "claim_reviews"]

CLAIM_REVIEWED_LIMIT = 75
"""Google asks for a `claimReviewed` under 75 characters."""

_WORK_TYPES = {"news": "NewsArticle", "blog": "BlogPosting"}


def claim_reviews(card: Scorecard, sources: Iterable[str] | None = None, review_url: str | None = None,
                  reviewer_url: str | None = None) -> str:
    """The reviews of the forecasts with a verdict carried by any of `sources` (all when None), as JSON-LD.

    `review_url` is the page that shows them: each review's `url` is that page at the forecast's id as an anchor
    (`review_url#id`), or `review_url` with `{id}` replaced by it, for a page per review. `reviewer_url` is the
    reviewer's own page, given as the reviews' author's `url`."""
    facts = card.facts
    in_view = set(facts.sources if sources is None else sources)
    reviewer = {"@type": "Organization", "name": facts.data.meta.curator or facts.title}
    if reviewer_url:
        reviewer["url"] = reviewer_url
    graph = [_review(card, item, reviewer, review_url) for item in card.scores
             if item.verdict.resolved and in_view.intersection(item.forecast.sources)]
    return script_safe_json({"@context": "https://schema.org", "@graph": graph}) + "\n"  # it may sit in a <script>


def _review(card: Scorecard, item: Score, reviewer: dict[str, str], review_url: str | None) -> dict[str, Any]:
    facts = card.facts
    topic = facts.topics[item.claim.topic]
    appearances = sorted((facts.sources[source] for source in item.forecast.sources), key=_known_out_by)
    claim: dict[str, Any] = {"@type": "Claim", "author": _party(facts, item.claim.origin)}
    said = [appearance.said for appearance in item.forecast.claims if appearance.said]
    if said:  # the appearances agree on it, or the one surely said first wins
        claim["datePublished"] = _date(min(said, key=lambda when: (when.end, when.start)))
    claim |= {"appearance": [_work(source) for source in appearances], "firstAppearance": _work(appearances[0])}
    review: dict[str, Any] = {"@type": "ClaimReview"}
    if review_url:
        anchor = item.forecast.id
        review["url"] = review_url.replace("{id}", anchor) if "{id}" in review_url else f"{review_url}#{anchor}"
    review |= {
        "claimReviewed": _short(f"{topic.label}: {format_claim_value(item.claim, topic)}"),
        "itemReviewed": claim,
        "reviewRating": {"@type": "Rating", "alternateName": item.verdict.value},
        "reviewBody": _inferred(facts, item) + item.reason,
        "datePublished": card.as_of.isoformat(),
        "author": reviewer,
        "identifier": item.forecast.id,
    }
    reports = dict.fromkeys(outcome.source for outcome in item.outcomes)  # each once, oldest first
    if reports:
        review["citation"] = [_work(facts.outcome_sources[report]) for report in reports]
    return review


def _inferred(facts: FactBase, item: Score) -> str:
    """Who said it, when no source names them, is our reading: the review says so before its reasoning, as the
    panes mark "(inferred)", for schema.org's `author` has no way to."""
    if not all(appearance.inferred for appearance in item.forecast.claims):
        return ""
    name = facts.parties[item.claim.origin].name
    return f"That {name} said it is our inference; no source names who did: {item.claim.basis}. "


def _known_out_by(source: Source) -> tuple[date, date]:
    """First the source surely out earliest: "Nov 2023" before "2023", which may be December; undated last."""
    return (source.published.end, source.published.start) if source.published else (date.max, date.max)


def _date(when: FuzzyDate) -> str:
    """ISO 8601 as precise as the date is: "2023-11-15", "2023-11", "2024" ("H1 2024" is as sure as its year)."""
    year, *rest = when.csl_date_parts()
    return "-".join([f"{year:04d}", *(f"{part:02d}" for part in rest)])


def _short(text: str) -> str:
    return text if len(text) < CLAIM_REVIEWED_LIMIT else text[: CLAIM_REVIEWED_LIMIT - 2] + "\u2026"


def _party(facts: FactBase, party_id: str) -> dict[str, str]:
    party = facts.parties[party_id]
    kind = "Organization" if party.kind in (PartyKind.OUTLET, PartyKind.ORGANISATION) else "Person"
    return {"@type": kind, "name": party.name}


def _work(source: Source) -> dict[str, Any]:
    """A press source as schema.org sees it; only what is known, nothing guessed."""
    work: dict[str, Any] = {"@type": _WORK_TYPES.get(source.kind, "CreativeWork")}
    if source.title:
        work["headline"] = source.title
    if source.url:
        work["url"] = source.url
    if source.published:
        work["datePublished"] = _date(source.published)
    if source.publisher:
        work["publisher"] = {"@type": "Organization", "name": source.publisher}
    if source.author:
        work["author"] = {"@type": "Person", "name": source.author}
    return work

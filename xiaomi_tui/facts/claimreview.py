"""Every forecast with a verdict as a schema.org ClaimReview in JSON-LD, the form fact-check readers take.

One document, `@context` https://schema.org, with a `@graph` of reviews, one per forecast that has a
verdict (pending and not scorable forecasts give none: there is nothing yet to rate). Each names the
forecast in a short statement of ours (`claimReviewed`, under 75 characters as Google asks), reviews
it as a `Claim` whose `author` is the origin and whose `appearance`s are the press sources that
carried it (the one surely out earliest is `firstAppearance`), rates it with the verdict word
(`reviewRating.alternateName`), links the outcome's page (`url`) and is dated the scoring day.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from xiaomi_tui.facts.formatting import format_claim_value
from xiaomi_tui.facts.jsontext import script_safe_json
from xiaomi_tui.facts.model import FactBase
from xiaomi_tui.facts.records import PartyKind, Source
from xiaomi_tui.facts.scoring import Score, Scorecard

__all__ = ["CLAIM_REVIEWED_LIMIT", "claim_reviews"]

CLAIM_REVIEWED_LIMIT = 75
"""Google asks for a `claimReviewed` under 75 characters."""

_WORK_TYPES = {"news": "NewsArticle", "blog": "BlogPosting"}


def claim_reviews(card: Scorecard, sources: Iterable[str] | None = None) -> str:
    """The reviews of the forecasts with a verdict carried by any of `sources` (all when None), as JSON-LD."""
    facts = card.facts
    in_view = set(facts.sources if sources is None else sources)
    graph = [_review(card, item) for item in card.scores
             if item.verdict.resolved and in_view.intersection(item.forecast.sources)]
    return script_safe_json({"@context": "https://schema.org", "@graph": graph}) + "\n"  # it may sit in a <script>


def _review(card: Scorecard, item: Score) -> dict[str, Any]:
    facts = card.facts
    topic = facts.topics[item.claim.topic]
    appearances = sorted((facts.sources[source] for source in item.forecast.sources), key=_known_out_by)
    review: dict[str, Any] = {
        "@type": "ClaimReview",
        "claimReviewed": _short(f"{topic.label}: {format_claim_value(item.claim, topic)}"),
        "itemReviewed": {
            "@type": "Claim",
            "author": _party(facts, item.claim.origin),
            "appearance": [_work(source) for source in appearances],
            "firstAppearance": _work(appearances[0]),
        },
        "reviewRating": {"@type": "Rating", "alternateName": item.verdict.value},
        "reviewBody": item.reason,
        "datePublished": card.as_of.isoformat(),
        "author": {"@type": "Organization", "name": facts.data.meta.curator or facts.title},
        "identifier": item.forecast.id,
    }
    pages = [page for page in (facts.outcome_sources[outcome.source].url for outcome in item.outcomes) if page]
    if pages:
        review["url"] = pages[-1]  # the outcomes come oldest first: the latest report settles it
    return review


def _known_out_by(source: Source) -> tuple[date, date]:
    """First the source surely out earliest: "Nov 2023" before "2023", which may be December; undated last."""
    return (source.published.end, source.published.start) if source.published else (date.max, date.max)


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
        work["datePublished"] = "-".join(f"{part:02d}" for part in source.published.csl_date_parts())
    if source.publisher:
        work["publisher"] = {"@type": "Organization", "name": source.publisher}
    if source.author:
        work["author"] = {"@type": "Person", "name": source.author}
    return work

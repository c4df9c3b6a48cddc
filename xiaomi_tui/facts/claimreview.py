"""Every scored claim as a schema.org ClaimReview in JSON-LD, the form fact-check readers and search engines take.

One document, `@context` https://schema.org, with a `@graph` of reviews. Each names the claim in a
short statement of ours (`claimReviewed`, under 75 characters as Google asks), reviews it as a
`Claim` whose `author` is the origin and whose `appearance`s are the press sources that carried the
same value from the same origin (the one surely out earliest is `firstAppearance`), rates it with the verdict word
(`reviewRating.alternateName`), links the outcome's page (`url`) and is dated the scoring day.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from xiaomi_tui.facts.analysis import analyse
from xiaomi_tui.facts.formatting import format_claim_value
from xiaomi_tui.facts.jsontext import script_safe_json
from xiaomi_tui.facts.model import FactBase
from xiaomi_tui.facts.records import Claim, PartyKind, Source
from xiaomi_tui.facts.scoring import Score, Scorecard

__all__ = ["CLAIM_REVIEWED_LIMIT", "claim_reviews"]

CLAIM_REVIEWED_LIMIT = 75
"""Google asks for a `claimReviewed` under 75 characters."""

_WORK_TYPES = {"news": "NewsArticle", "blog": "BlogPosting"}


def claim_reviews(card: Scorecard, sources: Iterable[str] | None = None) -> str:
    """The reviews of the scored claims from `sources` (all when None), as a JSON-LD document."""
    facts = card.facts
    in_view = set(facts.sources if sources is None else sources)
    carriers = _carriers(facts)
    graph = [_review(card, item, carriers[item.claim.id]) for item in card.scores if item.claim.source in in_view]
    return script_safe_json({"@context": "https://schema.org", "@graph": graph}) + "\n"  # it may sit in a <script>


def _carriers(facts: FactBase) -> dict[str, list[Claim]]:
    """Per claim, the press claims that carry it: the same value on its topic, from the same origin."""
    carried: dict[str, list[Claim]] = {}
    for topic in analyse(facts).topics.values():
        for group in topic.groups:
            for claim in group.claims:
                carried[claim.id] = [other for other in group.claims if other.origin == claim.origin]
        for claim in topic.set_aside:  # disputed or superseded: in no value group, carried by itself alone
            carried[claim.id] = [claim]
    return carried


def _review(card: Scorecard, item: Score, carriers: list[Claim]) -> dict[str, Any]:
    facts = card.facts
    topic = facts.topics[item.claim.topic]
    appearances = sorted({claim.source: facts.sources[claim.source] for claim in carriers}.values(),
                         key=_known_out_by)
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
        "identifier": item.claim.id,
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

"""What a curator should fix but the loader need not refuse: warnings, not errors.

- A statement is our own words: facts and figures carry over from the articles, sentences do not. Six words in
  a row shared with any article (its own, or another that tells the same story in the same words) is a copied
  phrase (names and figures alone rarely run that long).
- A plan, target or estimate is about what comes after it was said: one dated on or before its `said` is a
  plan about the past, usually the day it was announced written where the day it is for belongs.
- A plan or target is someone's intention: an outlet (or a writer speaking for one) reports plans; what it
  expects itself is an estimate, what it judges an opinion.
- One remark is one forecast: a paragraph that gives a voice's forecast and, beside it, a forward claim for an
  overlapping time that we credit to that voice by inference is most likely the same remark told twice, which
  would score it twice.

Agreement that rests on an origin we inferred is the analysis's to say (`≟ unconfirmed`), and `check` lists it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from xiaomi_tui.facts.model.factbase import FactBase
from xiaomi_tui.facts.model.records import Claim, PartyKind, Stance

__all__ = ["COPIED_RUN", "copied_statements", "lint", "one_remark_twice", "outlet_plans", "plans_about_the_past",
           "shared_run"]

COPIED_RUN = 6
"""Consecutive words a statement may not share with its article."""

_WORD = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*")


def _words(text: str) -> list[str]:
    """Words, case and curly apostrophes aside: "Xiaomi’s" in an article is "xiaomi's" in a statement."""
    return [word.replace("\u2019", "'") for word in _WORD.findall(text.casefold())]


def _runs(article: str, length: int) -> set[tuple[str, ...]]:
    words = _words(article)
    return {tuple(words[i:i + length]) for i in range(len(words) - length + 1)}


def shared_run(statement: str, article: str | set[tuple[str, ...]], length: int = COPIED_RUN) -> str | None:
    """The first run of `length` words of `statement` that also stands in `article` (its text, or its runs of
    `length` words already made: an article is tokenised once for all its claims), or None."""
    words = _words(statement)
    if len(words) < length:
        return None
    runs = _runs(article, length) if isinstance(article, str) else article
    for i in range(len(words) - length + 1):
        if tuple(words[i:i + length]) in runs:
            return " ".join(words[i:i + length])
    return None


def copied_statements(facts: FactBase, articles: Mapping[str, str]) -> list[str]:
    """A warning per claim whose statement shares a run of words with its source's article, or else with any
    other article: a statement written from one article can copy another that says the same.

    `articles` maps a source id to its article's text. Each article is tokenised once, and each run of words
    is looked up once, whatever the number of articles."""
    warnings = []
    own: dict[str, set[tuple[str, ...]]] = {source_id: _runs(text, COPIED_RUN) for source_id, text in articles.items()}
    first_with: dict[tuple[str, ...], str] = {}
    for source_id, runs in own.items():
        for run in runs:
            first_with.setdefault(run, source_id)
    for claim in facts.claims.values():
        words = _words(claim.statement)
        statement = [tuple(words[i:i + COPIED_RUN]) for i in range(len(words) - COPIED_RUN + 1)]
        found = next((run for run in statement if run in own.get(claim.source, ())), None)
        where = claim.source
        if found is None:
            found = next((run for run in statement if run in first_with), None)
            where = first_with[found] if found is not None else where
        if found is not None:
            whose = "its article" if where == claim.source else f"the article of source {where!r}"
            file = facts.sources[where].file
            warnings.append(f"claim {claim.id!r}: the statement repeats {COPIED_RUN} words of {whose}"
                            f"{f' ({file})' if file else ''}: \"{' '.join(found)}\"; put it in our own words")
    return warnings


def plans_about_the_past(claims: Iterable[Claim]) -> list[str]:
    """A warning per plan, target or estimate dated on or before the day it was said: its `date` ends no later
    than its `said` does (a plan for 30 Mar 2021 said on 30 Mar 2021 is the announcement, not what it is for)."""
    return [f"claim {claim.id!r}: a {claim.stance.value} dated {claim.date.human()} but said {claim.said.human()}: "
            "a plan about the past; is `date` when it was said rather than when it is for?"
            for claim in claims
            if claim.stance.is_forward and claim.date is not None and claim.said is not None
            and claim.date.end <= claim.said.end]


def outlet_plans(facts: FactBase) -> list[str]:
    """A warning per plan or target whose origin speaks for an outlet: outlets report plans, they do not make
    the car maker's. What the outlet expects is an estimate; what it judges, an opinion."""
    return [f"claim {claim.id!r}: a {claim.stance.value} whose origin is {facts.parties[claim.origin].name!r}, "
            f"which speaks for an outlet ({facts.organisation_of(claim.origin).name}): whose plan is it? "
            "Make the stance estimate (what the outlet expects) or opinion, or name the party that made the plan"
            for claim in facts.claims.values()
            if claim.stance in (Stance.PLAN, Stance.TARGET)
            and facts.organisation_of(claim.origin).kind is PartyKind.OUTLET]


def one_remark_twice(claims: Iterable[Claim]) -> list[str]:
    """A warning per dated forward claim whose origin we inferred to be the voice a forward claim of the same
    source and paragraph names, for an overlapping time ("production in 2024" beside Lei Jun's "mass production
    in H1 2024"): one remark told twice would be scored as two forecasts. Two claims that both rest on one
    inference (two milestones of one announcement) are not flagged: the inference is one."""
    stated: dict[tuple[str, int | None, str], list[Claim]] = {}
    forward = [claim for claim in claims if claim.stance.is_forward and claim.date is not None]
    for claim in forward:
        if not claim.inferred:
            stated.setdefault((claim.source, claim.para, claim.origin), []).append(claim)
    warnings = []
    for claim in forward:
        beside = stated.get((claim.source, claim.para, claim.origin), []) if claim.inferred else []
        named = next((other for other in beside if other.date and claim.date and other.date.overlaps(claim.date)), None)
        if named is not None:
            warnings.append(f"claim {claim.id!r}: its origin is inferred to be {claim.origin!r}, who is named in "
                            f"{named.id!r} of the same paragraph ({claim.para}): if it is the same remark, merge "
                            "the two, else record it without that origin; as it stands it is a second forecast")
    return warnings


def undescribed_documents(facts: FactBase) -> list[str]:
    """A warning per document a citation can name (it has a publisher) but neither a title nor a description:
    every style would describe it by its kind alone ("[News article]", "News article qtd. in ..."), which tells a
    reader nothing, and may not even be what it is (E-Town's WeChat statement once read "News article")."""
    return [f"party {party.id!r}: a document with a publisher but no `title` and no `description`, which its "
            "citations can only call a news article; give its title if known, else a `description` of what it is "
            "(\"Statement on ...\")"
            for party in facts.parties.values()
            if party.citable and party.title is None and party.description is None]


def lint(facts: FactBase, articles: Mapping[str, str] | None = None) -> list[str]:
    """Every warning a curator should act on, for a fact base that loaded: the loader's own, then each lint.

    `articles` maps a source id to its article's text (statements are then held against them); without it the
    lints that need no article still run. A plain function of the fact base, so an editor can run it after each
    write as `check` does."""
    claims = facts.claims.values()
    found = [*facts.warnings, *plans_about_the_past(claims), *outlet_plans(facts), *one_remark_twice(claims),
             *undescribed_documents(facts)]
    if articles is not None:
        found += copied_statements(facts, articles)
    return found

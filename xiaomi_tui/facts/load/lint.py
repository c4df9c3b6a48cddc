"""What a curator should fix but the loader need not refuse: warnings, not errors.

- A statement is our own words: facts and figures carry over from the article, sentences do not. Six words in
  a row shared with the article it reports is a copied phrase (names and figures alone rarely run that long).
- A plan, target or estimate is about what comes after it was said: one dated before its `said` is a plan
  about the past, usually the day it was announced written where the day it is for belongs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from xiaomi_tui.facts.model.factbase import FactBase
from xiaomi_tui.facts.model.records import Claim

__all__ = ["COPIED_RUN", "copied_statements", "lint", "plans_about_the_past", "shared_run"]

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
    """A warning per claim whose statement shares a run of words with its source's article.

    `articles` maps a source id to its article's text; sources without one are not compared."""
    warnings = []
    runs: dict[str, set[tuple[str, ...]]] = {}
    for claim in facts.claims.values():
        article = articles.get(claim.source)
        if article is None:
            continue
        if claim.source not in runs:
            runs[claim.source] = _runs(article, COPIED_RUN)
        run = shared_run(claim.statement, runs[claim.source])
        if run is not None:
            warnings.append(f"claim {claim.id!r}: the statement repeats {COPIED_RUN} words of its article "
                            f"({facts.sources[claim.source].file}): \"{run}\"; put it in our own words")
    return warnings


def plans_about_the_past(claims: Iterable[Claim]) -> list[str]:
    """A warning per plan, target or estimate whose `date` ends before its `said` begins."""
    return [f"claim {claim.id!r}: a {claim.stance.value} dated {claim.date.human()} but said {claim.said.human()}: "
            "a plan about the past; is `date` when it was said rather than when it is for?"
            for claim in claims
            if claim.stance.is_forward and claim.date is not None and claim.said is not None
            and claim.date.end < claim.said.start]


def lint(facts: FactBase, articles: Mapping[str, str] | None = None) -> list[str]:
    """Every warning a curator should act on, for a fact base that loaded: the loader's own, then each lint.

    `articles` maps a source id to its article's text (statements are then held against them); without it the
    lints that need no article still run. A plain function of the fact base, so an editor can run it after each
    write as `check` does."""
    found = [*facts.warnings, *plans_about_the_past(facts.claims.values())]
    if articles is not None:
        found += copied_statements(facts, articles)
    return found

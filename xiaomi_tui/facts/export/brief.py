"""A brief a reporter can edit: Markdown with a pandoc citation on every figure, and its CSL-JSON bibliography.

`pandoc --citeproc brief.md -o brief.docx` turns it into a Word file whose reference list holds each document
once: the citations name items (`@cnevpost2023`) and give the paragraph as a locator, the bibliography beside
the brief (named in its front matter) holds the items.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

import yaml

from xiaomi_tui.facts.analysis.status import Status
from xiaomi_tui.facts.analysis.topics import analyse
from xiaomi_tui.facts.citations import cited_work, csl_item, keyed, works
from xiaomi_tui.facts.model.factbase import FactBase
from xiaomi_tui.facts.model.formatting import pandoc_text
from xiaomi_tui.facts.model.records import Claim
from xiaomi_tui.facts.outcomes.verdicts import Verdict, score

__all__ = ["BIBLIOGRAPHY_NAME", "brief"]

BIBLIOGRAPHY_NAME = "xiaomi-brief.json"
"""Where the bibliography goes unless told otherwise: beside the brief, as its front matter says."""

_KNOWN = (Status.AGREE, Status.UNCONFIRMED, Status.ECHO, Status.SINGLE, Status.VARIOUS, Status.MINOR)
_CONFLICTING = (Status.CONFLICT, Status.UNCOMPARABLE)


def _text(value: str) -> str:
    return pandoc_text(value)


def front_matter(title: str, day: str, bibliography_name: str) -> str:
    """The brief's YAML metadata block, through a YAML emitter. Pandoc reads the title and date as Markdown, so
    they are escaped as Markdown first (a title could hold raw TeX, HTML or a citation); the bibliography is a
    file name, which pandoc reads as written."""
    meta = {"title": pandoc_text(f"{title}: a brief"), "date": pandoc_text(day), "bibliography": bibliography_name}
    return yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1_000_000)


def _citation(facts: FactBase, claims: Iterable[Claim]) -> str:
    """`[@cnevpost2023, para. 3; @mcdee2023, para. 5]`: each work once, at its first paragraph cited; a work that
    stands in for a source nobody can find is cited whole (its paragraphs are not the source's)."""
    cited: dict[str, str] = {}
    for claim in claims:
        work = keyed(facts, cited_work(facts, claim))
        whole = cited_work(facts, claim).id != claim.source
        cited.setdefault(work.id, f"@{work.id}" if whole else f"@{work.id}, para. {claim.para}")
    return f"[{'; '.join(cited.values())}]"


def _outcome_citation(facts: FactBase, outcomes: Iterable[Claim]) -> str:
    keys = dict.fromkeys(keyed(facts, facts.outcome_sources[claim.source]).id for claim in outcomes)
    return f"[{'; '.join(f'@{key}' for key in keys)}]" if keys else ""


def brief(facts: FactBase, sources: Iterable[str] | None, bibliography_name: str = BIBLIOGRAPHY_NAME
          ) -> tuple[str, str]:
    """The brief's Markdown and its CSL-JSON bibliography, over the sources in view."""
    analysis = analyse(facts, sources)
    meta = facts.data.meta
    lines = ["---", *front_matter(meta.title, meta.as_of.human(), bibliography_name).splitlines(), "---", ""]
    if meta.description:
        lines += [_text(meta.description), ""]
    lines += ["## What is known", ""]
    for topic_analysis in analysis.topics.values():
        if topic_analysis.status in _KNOWN and topic_analysis.groups:
            counted = [claim for group in topic_analysis.ranked_groups for claim in group.claims]
            counts = topic_analysis.counts_text
            if topic_analysis.status is Status.UNCONFIRMED:  # known, but its independence is our reading
                counts += f"; {topic_analysis.status.value}: {topic_analysis.reason}"
            lines.append(f"- **{_text(topic_analysis.topic.label)}**: {_text(topic_analysis.consensus)} "
                         f"({_text(counts)}) {_citation(facts, counted)}.")
    lines += ["", "## Where the sources conflict", ""]
    for topic_analysis in analysis.topics.values():
        if topic_analysis.status in _CONFLICTING:
            values = "; ".join(f"{_text(group.text)} {_citation(facts, group.claims)}"
                               for group in topic_analysis.ranked_groups)
            lines.append(f"- **{_text(topic_analysis.topic.label)}**: {values}.")
    lines += ["", "## What came true", ""]
    in_view = set(analysis.sources)
    outcome_sources: dict[str, None] = {}
    for scored in score(facts).scores:
        if scored.claim.source not in in_view or scored.verdict in (Verdict.PENDING, Verdict.NOT_SCORABLE):
            continue
        outcome_sources.update(dict.fromkeys(claim.source for claim in scored.outcomes))
        lines.append(f"- {_text(scored.claim.statement.removesuffix('.'))} {_citation(facts, [scored.claim])}: "
                     f"**{scored.verdict.value}**. {_text(scored.reason.removesuffix('.'))} "
                     f"{_outcome_citation(facts, scored.outcomes)}.")
    lines += ["", "## References", ""]
    items = [*works(facts, sources), *(keyed(facts, facts.outcome_sources[source]) for source in outcome_sources)]
    bibliography = json.dumps([csl_item(item) for item in items], indent=2, ensure_ascii=False) + "\n"
    return "\n".join(lines), bibliography

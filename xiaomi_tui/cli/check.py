"""`xiaomi-tui check`: validate a fact base, count what it holds, and list what an analyst should look at twice.

A report of the command line, not part of the analysis: it reads the analysis and prints. Each finding is a
record with a kind, and the kinds' order is the report's order, so nothing is sorted by reading back the text
it printed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import TextIO

from xiaomi_tui.facts.analysis.status import Status
from xiaomi_tui.facts.analysis.topics import Analysis, analyse
from xiaomi_tui.facts.load.lint import lint
from xiaomi_tui.facts.model.factbase import FactBase
from xiaomi_tui.facts.model.records import Source
from xiaomi_tui.facts.wording import counted
from xiaomi_tui.io.files import UnreadableFile, read_regular_file, shown

__all__ = ["Finding", "FindingKind", "articles_in", "findings", "report", "warnings"]


class FindingKind(str, Enum):
    """What a finding is about, most pressing first: the report lists them in this order."""

    DISPUTED = Status.DISPUTED.value  # the words of the one vocabulary, as the panes show them
    SUPERSEDED = Status.SUPERSEDED.value
    CONFLICT = Status.CONFLICT.value
    UNCOMPARABLE = Status.UNCOMPARABLE.value
    MINOR = Status.MINOR.value
    UNCONFIRMED = Status.UNCONFIRMED.value  # agreement that needs an origin we inferred
    INFERRED_ECHO = f"{Status.ECHO.value} on inferred origins"
    ECHO = Status.ECHO.value
    SINGLE = Status.SINGLE.value


_RANK = {kind: rank for rank, kind in enumerate(FindingKind)}
_BY_STATUS = {Status.CONFLICT: FindingKind.CONFLICT, Status.UNCOMPARABLE: FindingKind.UNCOMPARABLE,
              Status.MINOR: FindingKind.MINOR, Status.UNCONFIRMED: FindingKind.UNCONFIRMED}


@dataclass(frozen=True)
class Finding:
    """One line of the report: its kind, the topic it is about, and what to look at."""

    kind: FindingKind
    topic: str
    detail: str

    def __str__(self) -> str:
        return f"{self.kind.value}: {self.topic}: {self.detail}"


def findings(analysis: Analysis) -> list[Finding]:
    """Claims we dispute, conflicts, gaps between figures, agreements that need an origin we inferred, echoes
    (apart those resting on origins we inferred), single sources; in that order, topics in the fact base's
    order within each kind."""
    found = []
    for topic in analysis.topics.values():
        label = topic.topic.label
        for claim in topic.set_aside:
            if claim.disputed is not None:
                found.append(Finding(FindingKind.DISPUTED, label, f"{claim.id}: {claim.disputed.reason}"))
            elif claim.superseded is not None:
                found.append(Finding(FindingKind.SUPERSEDED, label, f"{claim.id}: {claim.superseded.reason}"))
        if topic.status in _BY_STATUS:
            found.append(Finding(_BY_STATUS[topic.status], label, f"{topic.consensus} ({topic.reason})"))
        elif topic.status is Status.ECHO and topic.inferred:
            found.append(Finding(FindingKind.INFERRED_ECHO, label, f"{topic.reason}; {topic.inferred} inferred"))
        elif topic.status is Status.ECHO:
            found.append(Finding(FindingKind.ECHO, label, topic.reason))
        elif topic.status is Status.SINGLE:
            found.append(Finding(FindingKind.SINGLE, label, f"{topic.consensus} ({next(iter(topic.sources))})"))
    return sorted(found, key=lambda finding: _RANK[finding.kind])


ARTICLE_LIMIT = 2**20
"""The largest article file `--articles` reads: a press article is a few kilobytes."""


def articles_in(folder: Path, facts: FactBase) -> tuple[dict[str, str], list[str]]:
    """Each press source's article text from `folder`, by the file name its `file` gives, and a warning for
    each one named but not there to read."""
    texts, missing = {}, []
    for source in facts.sources.values():
        if source.file is None:
            continue
        try:
            texts[source.id] = read_regular_file(folder / source.file, ARTICLE_LIMIT).decode("utf-8", "replace")
        except UnreadableFile as problem:
            missing.append(f"source {source.id!r}: article {shown(folder / source.file)} {problem}: "
                           "its statements were not compared")
    return texts, missing


def warnings(facts: FactBase, articles: Path | None = None) -> list[str]:
    """The loader's warnings, plans about the past, and with `articles` statements that copy their article."""
    if articles is None:
        return lint(facts)
    texts, missing = articles_in(articles, facts)
    return missing + lint(facts, texts)


def report(facts: FactBase, target: Path, out: TextIO, articles: Path | None = None) -> None:
    """The whole report for a fact base that loaded: counts, sources, warnings, then the findings.

    With `articles`, a folder holding the press articles, each statement is also held against its own."""
    data = facts.data
    out.write(f"{shown(target)}: ok\n")  # a file name may hold escape sequences
    out.write("  " + ", ".join(counted(len(records), noun) for records, noun in (
        (facts.sources, "source"), (facts.claims, "claim"), (data.topics, "topic"), (data.parties, "party"),
        (data.rates, "rate"))) + "\n")
    per_source = Counter(claim.source for claim in data.claims)
    id_width = max([14, *(len(source_id) for source_id in (*facts.sources, *facts.outcome_sources))])

    def list_sources(sources: Mapping[str, Source]) -> None:
        for source in sources.values():
            number, noun = counted(per_source[source.id], "claim").split(" ", 1)
            out.write(f"  {number:>4} {noun:<6}  {source.id:<{id_width}} {facts.source_name(source.id)}\n")

    list_sources(facts.sources)
    if facts.outcome_sources:  # listed apart: the findings below are about the press alone
        out.write(f"  and {counted(len(facts.outcome_sources), 'later report')} of outcomes, "
                  f"{counted(len(facts.outcome_claims), 'claim')}:\n")
        list_sources(facts.outcome_sources)
    out.writelines(f"warning: {warning}\n" for warning in warnings(facts, articles))
    found = findings(analyse(facts))
    if found:
        out.write(f"\n{len(found)} things to look at twice:\n")
        out.writelines(f"  {finding}\n" for finding in found)

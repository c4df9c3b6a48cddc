"""Cross-references in a fact base, which need the whole file at once: ids unique and known, kinds and units
matching their topic, affiliations without circles, the fields only outcome claims take.

Run by the loader on records pydantic has already validated field by field.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Protocol

from xiaomi_tui.facts.load.problems import RECORD_NAMES, Problem
from xiaomi_tui.facts.model.factbase import follow_affiliations
from xiaomi_tui.facts.model.records import Claim, FactFile, Party, Source, Topic, TopicKind
from xiaomi_tui.facts.wording import did_you_mean

__all__ = ["Lines", "cross_check"]


class Lines(Protocol):
    """Where a record (or one of its fields) starts in the file, when a problem needs a line."""

    def line(self, table: str, index: int | None = None, key: str | None = None) -> int | None: ...


def cross_check(data: FactFile, locator: Lines) -> tuple[list[Problem], list[str]]:
    problems: list[Problem] = []
    ids: dict[str, set[str]] = {}
    tables: tuple[tuple[str, Sequence[Source | Party | Topic | Claim]], ...] = (
        ("sources", data.sources), ("parties", data.parties), ("topics", data.topics), ("claims", data.claims))
    for table, records in tables:
        ids[table] = set()
        for index, record in enumerate(records):
            if record.id in ids[table]:
                problems.append(Problem(
                    f"duplicate id; another {RECORD_NAMES[table]} already uses {record.id!r}: rename one",
                    locator.line(table, index, "id"), None, f"{RECORD_NAMES[table]} {record.id!r}",
                ))
            ids[table].add(record.id)
    topics = {topic.id: topic for topic in data.topics}
    unknown = _Unknown()
    problems += _party_problems(data, ids["parties"], locator, unknown)
    problems += _byline_problems(data, locator)
    relays = {}
    outcome_sources = {source.id for source in data.sources if source.outcome}
    press_claims = {claim.id for claim in data.claims if claim.source not in outcome_sources}
    for index, source in enumerate(data.sources):
        if source.outcome and source.published is None:
            problems.append(Problem("an outcome source needs `published`: scoring as of a date counts it from then",
                                    locator.line("sources", index), None, f"source {source.id!r}"))
        if source.published is not None and source.published_after is not None:
            problems.append(Problem("give `published` or `published_after`, not both: a known date makes the bound moot",
                                    locator.line("sources", index, "published_after"), None,
                                    f"source {source.id!r} field 'published_after'"))
        if source.relays is None:
            continue
        if source.relays in ids["parties"]:
            relays[source.id] = source.relays
        else:
            problems.append(Problem(unknown("party", source.relays, ids["parties"]),
                                    locator.line("sources", index, "relays"), None,
                                    f"source {source.id!r} field 'relays'"))

    for index, claim in enumerate(data.claims):
        def report(field_name: str, message: str, key: str | None = None, index: int = index, claim: Claim = claim) -> None:
            problems.append(Problem(message, locator.line("claims", index, key or field_name), None,
                                    f"claim {claim.id!r} field '{field_name}'"))

        if claim.source not in ids["sources"]:
            report("source", unknown("source", claim.source, ids["sources"]))
        for field_name, key, message in _assessment_problems(claim, ids["claims"], relays.get(claim.source),
                                                                 unknown):
            report(field_name, message, key)
        for field_name, party_ids in (("origin", [claim.origin]), ("via", claim.via)):
            for party_id in party_ids:
                if party_id not in ids["parties"]:
                    report(field_name, unknown("party", party_id, ids["parties"]))
        chain = [claim.origin, *claim.via]
        repeated = [party for party, count in Counter(chain).items() if count > 1] if claim.via else []
        if repeated:
            report("via", f"the chain origin -> via repeats {', '.join(repeated)}; a claim passes each party once")
        topic = topics.get(claim.topic)
        if topic is None:
            report("topic", unknown("topic", claim.topic, ids["topics"]))
            continue
        for field_name, message in _value_fits(claim, topic):
            report(field_name, message)
        for field_name, message in _outcome_fields_fit(claim, topic, claim.source in outcome_sources, press_claims,
                                                          unknown):
            report(field_name, message)

    for index, rate in enumerate(data.rates):
        where = f"rate {rate.base}/{rate.quote}"
        if rate.source not in ids["sources"]:
            problems.append(Problem(unknown("source", rate.source, ids["sources"]),
                                    locator.line("rates", index, "source"), None, where))
        if rate.base == rate.quote:
            problems.append(Problem("base and quote are the same currency",
                                    locator.line("rates", index, "quote"), None, where))

    cited = {claim.source for claim in data.claims}
    warnings = [f"source {source_id!r} has no claims" for source_id in sorted(ids["sources"] - cited)]
    return problems, warnings + list(_title_case_warnings(data))


def _title_case_warnings(data: FactFile) -> Iterable[str]:
    """Titles are kept in sentence case, as Zotero keeps them: APA prints them as kept, and only a person can
    tell which capitals of a Title Case headline are proper nouns."""
    from xiaomi_tui.facts.citations.text import looks_title_case

    named: tuple[tuple[str, Sequence[Source | Party]], ...] = (("source", data.sources), ("party", data.parties))
    for kind, records in named:
        for record in records:
            if record.title and (record.language or "en").startswith("en") and looks_title_case(record.title):
                yield (f"{kind} {record.id!r}: the title is in Title Case; keep it in sentence case "
                       "(APA prints it as kept, MLA and Chicago title-case it)")


def _byline_problems(data: FactFile, locator: Lines) -> Iterable[Problem]:
    """A name in `family_first` is one of the names in `author`: a typo would turn the name round unseen."""
    from xiaomi_tui.facts.citations.names import byline

    bylined: tuple[tuple[str, Sequence[Source | Party]], ...] = (("sources", data.sources), ("parties", data.parties))
    for table, records in bylined:
        for index, record in enumerate(records):
            written = byline(record.author or "")
            names = set(written)
            shown = ", ".join(map(repr, written[:4])) + (f" and {len(written) - 4} more" if len(written) > 4 else "")
            for name in record.family_first:
                if name not in names:
                    yield Problem(f"{name!r} is not one of the names in author ({shown})",
                                  locator.line(table, index, "family_first"), None,
                                  f"{RECORD_NAMES[table]} {record.id!r} field 'family_first'")


def _party_problems(data: FactFile, party_ids: set[str], locator: Lines, unknown: _Unknown) -> Iterable[Problem]:
    """A counterparty names a known party. Affiliations name a known party and never lead back to where they
    started: each party on a circle is told so, with the circle from it (shortened when long). Linear in the
    parties, however long the chains."""
    _ends, circles = follow_affiliations({party.id: party.affiliation for party in data.parties})
    on_circle = {party: (circle, position) for circle in circles for position, party in enumerate(circle)}
    for index, party in enumerate(data.parties):
        if party.counterparty is not None and party.counterparty not in party_ids:
            yield Problem(unknown("party", party.counterparty, party_ids),
                          locator.line("parties", index, "counterparty"), None, f"party {party.id!r} field 'counterparty'")
        if party.affiliation is None:
            continue
        where = f"party {party.id!r} field 'affiliation'"
        line = locator.line("parties", index, "affiliation")
        if party.affiliation not in party_ids:
            yield Problem(unknown("party", party.affiliation, party_ids), line, None, where)
        elif party.id in on_circle:
            loop = _circle_text(*on_circle[party.id])
            yield Problem(f"affiliations go round in a circle ({loop}); an organisation speaks for itself",
                          line, None, where)


def _circle_text(circle: list[str], start: int, shown: int = 6) -> str:
    """The circle from its `start`-th party back to it: "a -> b -> a", or "a -> b -> c -> ... -> z -> a (26 parties)"."""
    size = len(circle)
    names = [circle[(start + step) % size] for step in range(min(size, shown))]
    if size > shown:
        names[-2:] = ["...", circle[(start - 1) % size]]
        return " -> ".join([*names, circle[start]]) + f" ({size} parties)"
    return " -> ".join([*names, circle[start]])


def _assessment_problems(claim: Claim, claim_ids: set[str], relay: str | None,
                         unknown: _Unknown) -> Iterable[tuple[str, str, str]]:
    """Our own readings: a basis exactly when the origin is inferred, one assessment, a relay honoured.

    Each problem as (field, the key whose line to show, message)."""
    if claim.inferred and claim.basis is None:
        yield "basis", "origin_basis", "an inferred origin needs a basis: say why we think it came from there"
    if not claim.inferred and claim.basis is not None:
        yield "basis", "basis", 'a basis goes with origin_basis = "inferred"; a stated origin is in the text'
    if claim.disputed is not None and claim.superseded is not None:
        yield "superseded", "superseded", "a claim is either disputed or superseded, not both"
    if claim.superseded is not None:
        if claim.superseded.by == claim.id:
            yield "superseded.by", "superseded", "a claim cannot supersede itself"
        elif claim.superseded.by not in claim_ids:
            yield "superseded.by", "superseded", unknown("claim", claim.superseded.by, claim_ids)
    if relay is not None and [claim.origin, *claim.via][-1] != relay:
        yield "via", "via", (f"source {claim.source!r} relays {relay!r} as a whole: end the chain with it "
                             f"(last in via, or as the origin)")


def _value_fits(claim: Claim, topic: Topic) -> Iterable[tuple[str, str]]:
    """A value must be of its topic's kind; a date topic's value is the claim's `date`."""
    if topic.kind is TopicKind.DATE:
        if claim.date is None:
            yield "date", f"topic {topic.id!r} is about a date: give the claim a date"
        if claim.value is not None:
            yield "value", f"topic {topic.id!r} is about a date: put it in `date`, not `value`"
        return
    if claim.value is None:
        yield "value", f"topic {topic.id!r} needs a {topic.kind.value} value"
        return
    if claim.value.kind != topic.kind.value:
        yield "value", f"topic {topic.id!r} takes a {topic.kind.value} value, not {claim.value.kind}"
        return
    unit = getattr(claim.value, "unit", None)
    if unit is not None and unit != topic.unit:
        yield "value", f"unit {unit!r} does not match topic {topic.id!r}'s unit {topic.unit!r}"


def _outcome_fields_fit(claim: Claim, topic: Topic, is_outcome: bool,
                        press_claims: set[str], unknown: _Unknown) -> Iterable[tuple[str, str]]:
    """A press claim gives its paragraph; only an outcome says how it answers the press, and only press claims."""
    used = [name for name in ("metric", "scope", "answers", "refutes") if getattr(claim, name)]
    if claim.happened != "on":
        used.append("happened")
    if not is_outcome:
        if claim.para is None:
            yield "para", "is required but missing"
        for name in used:
            yield name, "only a claim of an outcome source (outcome = true) says how it answers the press"
        return
    if claim.happened != "on" and topic.kind is not TopicKind.DATE:
        yield "happened", f"topic {topic.id!r} is not about a date: `happened` qualifies a date"
    for name in ("answers", "refutes"):
        for claim_id in getattr(claim, name):
            if claim_id not in press_claims:
                yield name, unknown("press claim", claim_id, press_claims)


class _Unknown:
    """ "unknown party 'analyts'; did you mean 'analyst'?", at a bounded cost.

    A "did you mean" compares the name with every known one: for a file of many references that resolve to
    nothing, that grew as their product (minutes at 1 MB). So each search looks only at the `WINDOW` known names
    nearest in alphabetical order (a typo rarely changes the first letters), and only the first `SEARCHES`
    references get one, as many as the report lists.
    """

    SEARCHES = 20
    WINDOW = 200

    def __init__(self) -> None:
        self._sorted: dict[str, list[str]] = {}
        self._searches_left = self.SEARCHES

    def __call__(self, kind: str, wanted: str, known: set[str]) -> str:
        if self._searches_left <= 0:
            return f"unknown {kind} {wanted!r}"
        self._searches_left -= 1
        from bisect import bisect

        names = self._sorted.get(kind)
        if names is None:
            names = self._sorted[kind] = sorted(known)
        position = bisect(names, wanted)
        hint = did_you_mean(wanted, names[max(0, position - self.WINDOW): position + self.WINDOW], shown=repr)
        table = {"party": "parties", "press claim": "claims"}.get(kind, kind + "s")
        return f"unknown {kind} {wanted!r}; {hint or f'add a [[{table}]] entry'}"

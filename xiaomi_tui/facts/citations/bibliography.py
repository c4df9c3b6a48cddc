"""The bibliography: one item per document the claims in view cite, each under its key (see `keys`)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TYPE_CHECKING

from xiaomi_tui.facts.citations.case import cased, proper_nouns
from xiaomi_tui.facts.citations.choosing import NotCitable, cited_work, origin_document
from xiaomi_tui.facts.citations.data import bibtex, csl_item, ris
from xiaomi_tui.facts.citations.keys import document_source, keyed

if TYPE_CHECKING:
    from xiaomi_tui.facts.model.factbase import FactBase
    from xiaomi_tui.facts.model.records import Source

FORMATS = ("csl-json", "bibtex", "ris")


def works(facts: FactBase, sources: Iterable[str] | None = None) -> list[Source]:
    """Every document the claims in view cite, keyed, each once: the sources (or the document a source that
    cannot be found again credits) and every origin's document, which a citation of the origin names."""
    in_view = set(facts.sources if sources is None else sources)
    cited: dict[str, Source] = {}
    for claim in facts.press_claims:
        if claim.source not in in_view:
            continue
        work = cited_work(facts, claim)
        cited.setdefault(work.id, work)
        try:
            origin = origin_document(facts, claim)
        except NotCitable:
            continue
        cited.setdefault(origin.id, document_source(origin))
    nouns = proper_nouns(facts)
    return [cased(keyed(facts, work), nouns) for work in cited.values()]


def bibliography(facts: FactBase, sources: Iterable[str] | None, fmt: str, extra: Iterable[Source] = ()) -> str:
    """The works in view (and `extra` ones, keyed already) as CSL-JSON, biblatex or RIS."""
    entries = [*works(facts, sources), *extra]
    if fmt == "csl-json":
        return json.dumps([csl_item(work) for work in entries], indent=2, ensure_ascii=False) + "\n"
    if fmt == "bibtex":
        return "".join(f"{bibtex(work)}\n\n" for work in entries)
    if fmt == "ris":
        return "".join(f"{ris(work)}\n\n" for work in entries)
    raise ValueError(f"unknown bibliography format {fmt!r}")

"""The provenance tree: a topic's claims drawn from each origin, through its relays, to the sources.

"1 origin, 4 sources" seen rather than read: origins that speak for one organisation hang under it (and a
party announcing its own agreement under its counterparty),
each relay is a branch, each source a leaf with its value and standing. An inferred origin is marked
on the leaves that rest on it, a disputed claim on its leaf.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from xiaomi_tui.facts.analysis.topics import TopicAnalysis
from xiaomi_tui.facts.model.factbase import FactBase
from xiaomi_tui.facts.model.formatting import format_claim_value
from xiaomi_tui.facts.model.records import Claim, Party
from xiaomi_tui.facts.wording import counted
from xiaomi_tui.ui.render.cells import standing_mark

INFERRED_STYLE = "yellow"


class ProvenanceTree(Tree[str]):
    """Read-only: built once for a topic; each node's data is the party or claim id it stands for."""

    def __init__(self, facts: FactBase, topic: TopicAnalysis, **kwargs: Any) -> None:
        super().__init__(Text.assemble((topic.topic.label, "bold"), f"  {topic.counts_text}"), **kwargs)
        self.show_root = True
        self.guide_depth = 3
        _grow(self.root, facts, topic)
        self.root.expand_all()


def _grow(root: TreeNode[str], facts: FactBase, topic: TopicAnalysis) -> None:
    by_organisation: dict[str, list[Claim]] = {}
    for claim in topic.ordered_claims:  # a party announcing its own agreement hangs under its counterparty
        party = facts.parties[claim.origin]
        voice = facts.organisation_of(party.counterparty or party.id)
        by_organisation.setdefault(voice.id, []).append(claim)
    for organisation_id, claims in by_organisation.items():
        organisation = facts.parties[organisation_id]
        origins = list(dict.fromkeys(claim.origin for claim in claims))
        parent = root
        if origins != [organisation_id]:  # an organisation speaking through others: its voices hang under it
            parent = root.add(Text.assemble((organisation.name, "bold"), (
                f"  organisation, {counted(len(origins), 'origin')}: one voice", "dim")),
                data=organisation_id)
        for origin_id in origins:
            _add_chains(parent, facts, topic, facts.parties[origin_id],
                        [claim for claim in claims if claim.origin == origin_id])


def _add_chains(parent: TreeNode[str], facts: FactBase, topic: TopicAnalysis, origin: Party,
                claims: list[Claim]) -> None:
    """The origin, then a branch per relay (shared prefixes merged), a leaf per claim at the end of its chain."""
    label = _party_label(origin, "origin")
    if origin.counterparty is not None:  # it announces its own agreement: one voice with the other side
        label.append(f"; {facts.organisation_of(origin.counterparty).name}'s counterparty: one voice with it", "dim")
    node = parent.add(label, data=origin.id)
    branches: dict[tuple[str, ...], TreeNode[str]] = {(): node}
    for claim in claims:
        path: tuple[str, ...] = ()
        for relay_id in claim.via:
            step = (*path, relay_id)
            if step not in branches:
                branches[step] = branches[path].add(_party_label(facts.parties[relay_id], "relay"), data=relay_id)
            path = step
        branches[path].add_leaf(_leaf_label(facts, topic, claim), data=claim.id)


def _party_label(party: Party, role: str) -> Text:
    return Text.assemble(party.name, (f"  {role}, {party.kind.value}", "dim"))


def _leaf_label(facts: FactBase, topic: TopicAnalysis, claim: Claim) -> Text:
    standing = topic.standings[claim.id]
    label = Text.assemble(standing_mark(standing), (facts.source_name(claim.source), "bold"),
                          f", para. {claim.para}: {format_claim_value(claim, topic.topic)}  ",
                          (standing.value, "dim"))
    if claim.inferred:
        label.append("  (inferred origin)", style=INFERRED_STYLE)
    return label

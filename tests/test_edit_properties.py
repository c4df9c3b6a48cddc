"""Editing through the write path never loses a comment or reorders the file: random edits of the bundled fact
base, each loaded back, give the edited records and leave every other line as it was."""

from __future__ import annotations

import string
import tempfile
from pathlib import Path

from helpers import examples
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xiaomi_tui.facts.edit import Edit, commit, plan
from xiaomi_tui.facts.edit.change import references
from xiaomi_tui.facts.edit.layout import Layout
from xiaomi_tui.facts.load.loader import bundled_facts_path, load

BUNDLED = bundled_facts_path().read_bytes()
FACTS = load(bundled_facts_path())
CLAIMS = [claim.id for claim in FACTS.data.claims]
UNREFERENCED = [claim_id for claim_id in CLAIMS if not references(FACTS.data, "claims", claim_id)]
TEXT_TOPICS = [topic.id for topic in FACTS.data.topics if topic.kind.value == "text"]
WORDS = st.text(alphabet=string.ascii_letters + string.digits + " .,;'\"\\-", min_size=1, max_size=60).filter(
    lambda text: text.strip() != "")


@st.composite
def edits(draw: st.DrawFn) -> Edit:
    action = draw(st.sampled_from(["set", "add", "remove"]))
    if action == "remove":
        return Edit("remove", "claims", draw(st.sampled_from(UNREFERENCED)))
    if action == "add":
        return Edit("add", "claims", None, {
            "topic": draw(st.sampled_from(TEXT_TOPICS)), "source": draw(st.sampled_from(list(FACTS.sources))),
            "statement": draw(WORDS).replace("\\", "/").replace('"', "'"), "value": "a new value",
            "origin": draw(st.sampled_from(list(FACTS.parties))), "para": str(draw(st.integers(1, 99)))})
    field = draw(st.sampled_from(["para", "note", "statement"]))
    value = str(draw(st.integers(1, 500))) if field == "para" else draw(WORDS)
    quoted = value if field == "para" else '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return Edit("set", "claims", draw(st.sampled_from(CLAIMS)), {field: quoted})


def kept_around(old: list[str], new: list[str], start: int, end: int) -> bool:
    """Every line before `start` and from `end` on is in the new text as it was, in the same place."""
    tail = len(old) - end
    return new[:start] == old[:start] and new[len(new) - tail:] == old[end:] and len(new) - tail >= start


@settings(max_examples=examples(10, 200), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edit=edits())
def test_an_edit_changes_its_record_and_nothing_else(edit: Edit) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "facts.toml"
        path.write_bytes(BUNDLED)
        planned = plan(path, edit)
        commit(planned)
        after = load(path)
        new_text = path.read_text(encoding="utf-8")
    old = BUNDLED.decode("utf-8").splitlines(keepends=True)
    new = new_text.splitlines(keepends=True)
    others = {claim.id: claim for claim in FACTS.data.claims if claim.id != edit.record_id}
    assert {claim.id: claim for claim in after.data.claims if claim.id != planned.record_id} == others
    assert (after.data.sources, after.data.parties, after.data.topics) == (
        FACTS.data.sources, FACTS.data.parties, FACTS.data.topics)
    if edit.action == "add":
        first = next(index for index, (a, b) in enumerate(zip(old, new)) if a != b)
        assert kept_around(old, new, first, first) and len(new) > len(old)
        added = {claim.id: claim for claim in after.data.claims}[planned.record_id]
        assert added.statement == edit.values["statement"].strip()
        return
    assert edit.record_id is not None
    span = Layout(BUNDLED.decode("utf-8")).tables["claims"][CLAIMS.index(edit.record_id)]
    if edit.action == "remove":
        assert edit.record_id not in {claim.id for claim in after.data.claims}
        gap = 1 if span.start > 0 and not old[span.start - 1].strip() else 0  # a record may follow without one
        assert new == old[:span.start - gap] + old[span.end:]  # the record and the blank line before it
        return
    assert kept_around(old, new, span.start, span.end)
    [(name, typed)] = edit.values.items()
    edited = {claim.id: claim for claim in after.data.claims}[edit.record_id]
    assert getattr(edited, name) == (int(typed) if name == "para" else typed[1:-1].replace('\\"', '"')
                                     .replace("\\\\", "\\").strip())

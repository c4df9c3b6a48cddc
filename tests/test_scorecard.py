"""`xiaomi-tui scorecard`, and the press commands' indifference to outcome records, on the bundled fact base."""

from __future__ import annotations

import json
from datetime import date

import pytest
from helpers import run

from xiaomi_tui.facts.loader import bundled_facts_path, load
from xiaomi_tui.facts.scoring import Verdict, score

BUNDLED_OUTCOME_SOURCES = 8


def test_the_text_scorecard_gives_each_verdict_with_its_reason(capsys) -> None:
    code, out, err = run(capsys, "scorecard", "--as-of", "2025-06-30")
    assert (code, err) == (0, "")
    assert out.startswith("Scorecard as of 30 Jun 2025: ")
    blocks = {block.split("[")[1].split("]")[0]: " ".join(block.split()) for block in _blocks(out)}
    assert blocks["cnevpost-mass-production-dec-2023"].startswith("\u2717 missed Mass-production start: Dec 2023")
    assert "not yet by late Dec 2023 (Verna Magazine" in blocks["cnevpost-mass-production-dec-2023"]
    assert blocks["cnevpost-shipments-2024"].startswith("\u25b2 beaten Shipments in 2024: 50,000–60,000 vehicles")
    assert "metric mismatch: the claim counts shipments, the outcome deliveries" in blocks["cnevpost-shipments-2024"]
    assert blocks["unknown-outlet-price"].startswith("\u2205 not scorable Price: EUR 40,000–50,000")
    assert "Track records by origin" in out and "Track records by source" in out


def _blocks(out: str) -> list[str]:
    """Each scored claim's lines (verdict, who, reason) as one block, up to the track records."""
    body = out.split("\n\n")[1]
    blocks: list[list[str]] = []
    for line in body.splitlines():
        if not line.startswith(" "):
            blocks.append([])
        blocks[-1].append(line)
    return ["\n".join(lines) for lines in blocks]


def test_the_json_scorecard_is_one_object_with_scores_and_track_records(capsys) -> None:
    code, out, _ = run(capsys, "scorecard", "--as-of", "2024-06-30", "--format", "json")
    document = json.loads(out)
    assert code == 0 and document["as_of"] == "2024-06-30"
    scores = {item["claim"]: item for item in document["scores"]}
    assert set(scores["cnevpost-shipments-2024"]) >= {"claim", "verdict", "reason", "outcomes"}
    assert scores["cnevpost-shipments-2024"]["verdict"] == "pending"
    assert scores["cnevpost-sales-target-2024"]["verdict"] == "pending"
    assert scores["cnevpost-official-launch-feb-2024"]["verdict"] == "missed"
    assert scores["cnevpost-official-launch-feb-2024"]["outcomes"] == ["verna-launch", "gagadget-official-launch"]
    assert {item["verdict"] for item in document["scores"]} <= {verdict.slug for verdict in Verdict}
    kuo = next(record for record in document["track_records"]["origins"] if record["id"] == "ming-chi-kuo")
    assert kuo["counts"]["pending"] == 1 and kuo["total"] == sum(kuo["counts"].values())
    assert set(document["track_records"]) == {"origins", "organisations", "sources"}
    xiaomi = next(record for record in document["track_records"]["organisations"] if record["id"] == "xiaomi")
    assert {"xiaomi", "lei-jun", "william-lu"} <= set(xiaomi["members"])  # one organisation, each voice named
    voices = {record["id"]: record["total"] for record in document["track_records"]["origins"]}
    assert xiaomi["total"] == sum(voices[member] for member in xiaomi["members"])
    assert len(document["outcome_sources"]) == BUNDLED_OUTCOME_SOURCES


def test_the_markdown_scorecard_is_a_table_per_part(capsys) -> None:
    code, out, _ = run(capsys, "scorecard", "--as-of", "2025-06-30", "--format", "markdown")
    tables = [[line for line in part.splitlines() if line.startswith("|")] for part in out.split("## ")[1:]]
    scored = score(load(bundled_facts_path()), date(2025, 6, 30)).scores
    assert code == 0 and len(tables) == 4
    assert len(tables[0]) == 2 + len(scored)  # header, rule, one row per scored claim
    assert "| \u25b2 beaten | Sales target for 2024: 100,000 vehicles |" in out


def test_a_day_that_is_not_one_is_refused(capsys) -> None:
    with pytest.raises(SystemExit) as exited:
        run(capsys, "scorecard", "--as-of", "2024-13-01")
    assert exited.value.code == 2
    assert "'2024-13-01' is not a day; write it as YYYY-MM-DD" in capsys.readouterr().err


def test_outcome_reports_are_no_source_of_the_press_commands(capsys) -> None:
    code, out, err = run(capsys, "--source", "gagadget-china-only", "export")
    assert code == 2 and "unknown source 'gagadget-china-only'" in err
    code, out, _ = run(capsys, "export", "--format", "json")
    assert not {claim["id"] for claim in json.loads(out)["claims"]} & set(load(bundled_facts_path()).outcome_claims)
    code, out, _ = run(capsys, "check")
    head, findings = out.split("things to look at twice:")
    assert "5 sources," in head and f"and {BUNDLED_OUTCOME_SOURCES} later reports of outcomes" in head
    assert "Gagadget" not in findings and "Where it is sold" not in findings

"""`xiaomi-tui scorecard`, and the press commands' indifference to outcome records, on the bundled fact base."""

from __future__ import annotations

import json
from datetime import date

import pytest
from helpers import run

from xiaomi_tui.facts.load.loader import bundled_facts_path, load
from xiaomi_tui.facts.outcomes.verdicts import Verdict, score

BUNDLED_OUTCOME_SOURCES = 13


def test_the_text_scorecard_gives_each_forecast_once_with_its_reason(capsys) -> None:
    code, out, err = run(capsys, "scorecard", "--as-of", "2025-06-30")
    assert (code, err) == (0, "")
    assert out.startswith("Scorecard as of 30 Jun 2025: ")
    blocks = {block.split("[")[1].split("]")[0]: " ".join(block.split()) for block in _blocks(out)}
    card = score(load(bundled_facts_path()), date(2025, 6, 30))
    assert len(blocks) == len(card.scores)

    def block(claim_id: str) -> str:
        return blocks[card.by_claim[claim_id].forecast.id]

    assert block("cnevpost-mass-production-dec-2023").startswith("\u25cb missed Mass-production start: Dec 2023")
    assert "not yet by late Dec 2023 (Verna Magazine" in block("cnevpost-mass-production-dec-2023")
    assert block("cnevpost-shipments-2024").startswith("\u25b2 beaten Shipments in 2024: 50,000–60,000 vehicles")
    assert "metric mismatch: the claim counts shipments, the outcome deliveries" in block("cnevpost-shipments-2024")
    assert block("unknown-outlet-price").startswith("\u2205 not scorable Price: EUR 40,000–50,000")
    first_car = block("arenaev-first-car-off-line")
    assert "Lei Jun (inferred); 3 appearances: CnEVPost, Xiaomi EV-1, ArenaEV" in first_car
    assert "first-car-off-line" not in "".join(claim.id for claim, _ in card.left_out)
    assert "unknown-outlet-foton-acquisition" not in out
    assert "Left out, not forecasts: " in out and " opinion" in out and "Unresolved: " in out
    assert "Track records by origin" in out and "Track records by source" in out


def _blocks(out: str) -> list[str]:
    """Each forecast's lines (verdict, who, reason) as one block, up to the counts and track records."""
    body = out.split("\n\n")[1]
    blocks: list[list[str]] = []
    for line in body.splitlines():
        if not line.startswith(" "):
            blocks.append([])
        blocks[-1].append(line)
    return ["\n".join(lines) for lines in blocks]


def test_the_json_scorecard_lists_forecasts_with_their_claims_and_the_reports_they_rest_on(capsys) -> None:
    code, out, _ = run(capsys, "scorecard", "--as-of", "2024-06-30", "--format", "json")
    document = json.loads(out)
    assert code == 0 and document["as_of"] == "2024-06-30"
    forecasts = {claim_id: item for item in document["forecasts"] for claim_id in item["claims"]}
    assert set(forecasts["cnevpost-shipments-2024"]) == {
        "id", "origin", "topic", "value", "verdict", "reason", "steps", "outcomes", "claims"}
    assert forecasts["cnevpost-shipments-2024"]["verdict"] == "pending"
    assert forecasts["cnevpost-official-launch-feb-2024"]["verdict"] == "missed"
    assert forecasts["cnevpost-official-launch-feb-2024"]["outcomes"] == ["verna-launch", "gagadget-official-launch"]
    first_car = forecasts["blog-ev1-first-car-off-line"]
    assert (first_car["origin"], first_car["topic"], first_car["value"]) == (
        "lei-jun", "first-car-off-line", "2024")
    assert sorted(first_car["claims"]) == [
        "arenaev-first-car-off-line", "blog-ev1-first-car-off-line", "cnevpost-first-car-off-line"]
    claims = [claim_id for item in document["forecasts"] for claim_id in item["claims"]]
    assert len(claims) == len(set(claims))  # each press claim in exactly one forecast
    left_out = {claim_id for ids in document["left_out"].values() for claim_id in ids}
    assert "unknown-outlet-foton-acquisition" in document["left_out"]["past"] and not left_out & set(claims)
    used = {outcome for item in document["forecasts"] for outcome in item["outcomes"]}
    assert used <= set(document["outcome_claims"])  # every outcome id is looked up in the same file
    assert document["outcome_claims"]["verna-launch"]["url"].startswith("https://vernamagazine.com/")
    assert {item["verdict"] for item in document["forecasts"]} <= {verdict.slug for verdict in Verdict}
    kuo = next(record for record in document["track_records"]["origins"] if record["id"] == "ming-chi-kuo")
    assert kuo["counts"]["pending"] == 1 and kuo["total"] == sum(kuo["counts"].values())
    assert kuo["resolved"] == kuo["total"] - kuo["counts"]["pending"] - kuo["counts"]["not-scorable"]
    assert set(document["track_records"]) == {"origins", "organisations", "sources"}
    organisations = {record["id"]: record for record in document["track_records"]["organisations"]}
    assert {"xiaomi", "lei-jun", "william-lu"} <= set(organisations["xiaomi"]["members"])
    assert organisations["ming-chi-kuo"]["members"] == ["ming-chi-kuo"]  # listed, even alone
    voices = {record["id"]: record["total"] for record in document["track_records"]["origins"]}
    assert organisations["xiaomi"]["total"] == sum(voices[member] for member in organisations["xiaomi"]["members"])
    assert all(total == sum(1 for item in document["forecasts"] if item["origin"] == voice)
               for voice, total in voices.items())  # a voice's record counts its forecasts, each once
    scores = {item["claim"]: item for item in document["scores"]}  # per claim, for one release
    assert scores["cnevpost-shipments-2024"]["forecast"] == forecasts["cnevpost-shipments-2024"]["id"]


def test_as_of_lists_only_the_reports_published_by_then(capsys) -> None:
    _, out, _ = run(capsys, "scorecard", "--as-of", "2024-01-01", "--format", "json")
    document = json.loads(out)
    assert "verna-unveiling" in document["outcome_sources"]
    assert "evertiq-2024-deliveries" not in document["outcome_sources"]
    assert "evertiq-deliveries-2024" not in document["outcome_claims"]
    _, later, _ = run(capsys, "scorecard", "--as-of", "2025-06-30", "--format", "json")
    assert "evertiq-deliveries-2024" in json.loads(later)["outcome_claims"]


def test_the_markdown_scorecard_is_a_table_per_part(capsys) -> None:
    code, out, _ = run(capsys, "scorecard", "--as-of", "2025-06-30", "--format", "markdown")
    tables = [[line for line in part.splitlines() if line.startswith("|")] for part in out.split("## ")[1:]]
    scored = score(load(bundled_facts_path()), date(2025, 6, 30)).scores
    assert code == 0 and len(tables) == 4
    assert len(tables[0]) == 2 + len(scored)  # header, rule, one row per forecast
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

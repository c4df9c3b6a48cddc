"""The benchmark tools work: synthetic fact bases load and vary, and `run.py --tiny` completes.

No timings are checked here; `python benchmarks/run.py` measures them.
"""

from __future__ import annotations

import importlib
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from xiaomi_tui.facts.analysis.status import Status
from xiaomi_tui.facts.analysis.topics import analyse
from xiaomi_tui.facts.load.loader import loads
from xiaomi_tui.facts.model.records import TopicKind

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


@pytest.fixture
def synth(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    monkeypatch.syspath_prepend(str(BENCHMARKS))
    return importlib.import_module("synth")


def test_synthetic_fact_base_loads_with_the_requested_counts(synth: ModuleType) -> None:
    facts = loads(synth.generate(claims=200, sources=10))

    assert len(facts.claims) == 200
    assert len(facts.sources) == 10
    assert len(facts.topics) == 20
    assert facts.warnings == []  # every source has at least one claim
    assert {topic.pane for topic in facts.topics.values()} == {"specs", "timeline", "investment"}
    assert {topic.kind for topic in facts.topics.values()} == {
        TopicKind.MONEY, TopicKind.QUANTITY, TopicKind.DATE, TopicKind.TEXT}
    assert facts.rates


def test_synthetic_fact_base_gives_agreement_conflict_echo_and_single_sources(synth: ModuleType) -> None:
    facts = loads(synth.generate(claims=200, sources=10))

    statuses = {topic.status for topic in analyse(facts).topics.values()}

    assert {Status.AGREE, Status.CONFLICT, Status.ECHO, Status.SINGLE} <= statuses


def test_generator_is_deterministic_per_seed(synth: ModuleType) -> None:
    assert synth.generate(50, 5, seed=1) == synth.generate(50, 5, seed=1)
    assert synth.generate(50, 5, seed=1) != synth.generate(50, 5, seed=2)


def test_tiny_run_prints_the_table(tmp_path: Path) -> None:
    report = tmp_path / "report.txt"

    result = subprocess.run([sys.executable, str(BENCHMARKS / "run.py"), "--tiny", "--out", str(report)],
                            capture_output=True, text=True, timeout=120, check=False)

    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("xiaomi-tui benchmark (tiny)")
    for section in ("b. Load", "c. Filter", "d. Import hygiene", "Goals"):
        assert section in result.stdout
    assert report.read_text(encoding="utf-8") == result.stdout


def test_the_save_benchmark_runs(synth: ModuleType, capsys: pytest.CaptureFixture[str]) -> None:
    save = importlib.import_module("save")
    assert save.main(["--tiny"]) == 0
    out = capsys.readouterr().out
    assert "bundled" in out and "synthetic, 200 claims" in out


@pytest.mark.parametrize("name", sorted(path.stem for path in BENCHMARKS.glob("*.py")))
def test_every_benchmark_imports(name: str) -> None:
    """A benchmark is run by hand, so only a test notices when a refactor moves what it imports
    (browser.py lost wait_until to tests/helpers.py and no one knew)."""
    result = subprocess.run([sys.executable, "-c", f"import {name}"], cwd=BENCHMARKS, capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr

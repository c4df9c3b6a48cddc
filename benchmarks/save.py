"""How long a save through the write path takes (facts/edit): plan (read, edit the record's lines, validate the
whole file as `check` does) and commit (the atomic write), on the bundled fact base and on a synthetic one.

    python benchmarks/save.py                  # the bundled file and 10,000 claims, 5 saves each
    python benchmarks/save.py --claims 50000   # another size
    python benchmarks/save.py --tiny           # 200 claims, one save: checks that the benchmark works

The file being edited is in the cache already, as it is for a dashboard that opened it; the edited bytes never
are (each save sets a new paragraph), so every save validates in full. Prints one line per fact base.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import synth

from xiaomi_tui.facts.edit import Edit, commit, plan
from xiaomi_tui.facts.load.loader import bundled_facts_path, load


def measure(path: Path, saves: int) -> tuple[float, float, int]:
    """Median seconds to plan and to commit a one-field edit of the first claim, and the file's size."""
    claim = load(path).data.claims[0]  # in the cache from here on, as after the dashboard's first open
    planning, committing = [], []
    for number in range(saves):
        started = time.perf_counter()
        planned = plan(path, Edit("set", "claims", claim.id, {"para": str(1000 + number)}))
        middle = time.perf_counter()
        commit(planned)
        planning.append(middle - started)
        committing.append(time.perf_counter() - middle)
    return statistics.median(planning), statistics.median(committing), path.stat().st_size


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--claims", type=int, default=10_000)
    parser.add_argument("--saves", type=int, default=5)
    parser.add_argument("--tiny", action="store_true")
    args = parser.parse_args(argv)
    claims, saves = (200, 1) if args.tiny else (args.claims, args.saves)
    with tempfile.TemporaryDirectory() as folder:
        os.environ.setdefault("XDG_CACHE_HOME", str(Path(folder) / "cache"))
        bundled = Path(folder) / "bundled.toml"
        shutil.copyfile(bundled_facts_path(), bundled)
        synthetic = Path(folder) / "synthetic.toml"
        synthetic.write_text(synth.generate(claims=claims, sources=max(5, claims // 50)), encoding="utf-8")
        print(f"{'fact base':<24} {'size':>9} {'plan (validate)':>16} {'commit (write)':>15} {'save':>8}")
        for name, path in (("bundled", bundled), (f"synthetic, {claims:,} claims", synthetic)):
            planning, committing, size = measure(path, saves)
            print(f"{name:<24} {size / 1024:>7.0f} K {planning * 1000:>13.0f} ms {committing * 1000:>12.1f} ms "
                  f"{(planning + committing) * 1000:>5.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())

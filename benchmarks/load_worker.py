"""Time `load()` and `analyse()` on one file in a fresh process, and report its peak memory, as JSON.

Run by `run.py` once per file, so each size starts from the same interpreter state and the peak
resident set size (VmHWM) belongs to that size alone.

    python benchmarks/load_worker.py PATH REPEATS [EMPTY_CACHES_IN]

With EMPTY_CACHES_IN, every repeat is a first open: it gets an empty cache directory of its own
there (a repeat must not read what the previous one wrote).
"""

from __future__ import annotations

import gc
import json
import os
import sys
import tempfile
import time
from pathlib import Path

from xiaomi_tui.facts.analysis.topics import analyse
from xiaomi_tui.facts.load.loader import load


def peak_rss_mib(pid: int | str = "self") -> float:
    """A process's peak resident set size (Linux VmHWM).

    Unlike ru_maxrss, VmHWM does not count the memory of the parent this process was forked from.
    """
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmHWM in /proc/{pid}/status")


def main(path: str, repeats: int, empty_caches_in: str | None = None) -> None:
    baseline = peak_rss_mib()
    load_times, analyse_times, claims = [], [], 0
    for _ in range(repeats):
        if empty_caches_in:
            os.makedirs(empty_caches_in, exist_ok=True)
            os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(dir=empty_caches_in)
        started = time.perf_counter()
        facts = load(path)
        loaded = time.perf_counter()
        analyse(facts)
        analysed = time.perf_counter()
        load_times.append(loaded - started)
        analyse_times.append(analysed - loaded)
        claims = len(facts.data.claims)
        del facts
        gc.collect()
    print(json.dumps({"claims": claims, "load": load_times, "analyse": analyse_times,
                      "baseline_rss_mib": baseline, "peak_rss_mib": peak_rss_mib()}))


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), sys.argv[3] if len(sys.argv) > 3 else None)

"""Hostile fact bases: shapes whose cost could grow faster than the file, at 1, 5 and 20 MB.

Each file is loaded (read, parse, validate, cross-check), its error report formatted, and if it is accepted
analysed, in a fresh process with no cache; the figures are the wall time and the peak memory of that process.
Goal: any file under the loader's size limit (20 MB) is accepted or refused in under 10 s and 1 GiB.

    python benchmarks/hostile.py                 # every shape at 1, 5 and 20 MB
    python benchmarks/hostile.py --sizes 1 --shapes chain bad-refs

A run that passes the time or memory ceiling (--timeout, --memory) is stopped and shown as "> ceiling".
Run by hand: on two shared cores the figures vary, and no test asserts on them.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

MB = 1024 * 1024

PRELUDE = """[meta]
title = "Hostile"
as_of = "2023-11-15"

[[sources]]
id = "s"
publisher = "S"
title = "T"
published = "2023-11-15"

[[topics]]
id = "t"
label = "T"
pane = "specs"
kind = "text"

"""

CLAIM = """[[claims]]
id = "c{i}"
topic = "t"
source = "s"
statement = "x"
origin = "{origin}"
value = "v"
para = 1

"""


PADDING = "x" * 400
"""A name long enough that a 20 MB file of the shape stays under the loader's count of lines, where the plain
shape is refused by that count before it is parsed."""


def _chain(circle: bool, pad: str = "") -> Callable[[int], Iterator[str]]:
    """Parties each affiliated with the next: one long chain, or (circle) one that closes on itself."""
    def parties(count: int) -> Iterator[str]:
        yield CLAIM.format(i=0, origin="p0")
        for i in range(count):
            last = i == count - 1
            affiliation = "p0" if circle and last else None if last else f"p{i + 1}"
            yield f'[[parties]]\nid = "p{i}"\nname = "P{i}{pad}"\nkind = "person"\n'
            yield f'affiliation = "{affiliation}"\n\n' if affiliation else "\n"
    return parties


def _bad_refs(pad: str = "") -> Callable[[int], Iterator[str]]:
    """Half known parties, half claims naming parties that do not exist (each a "did you mean" search)."""
    def pieces(count: int) -> Iterator[str]:
        for i in range(count // 2):
            yield f'[[parties]]\nid = "party-{i:07d}"\nname = "P{pad}"\nkind = "person"\n\n'
        for i in range(count // 2):
            yield CLAIM.format(i=i, origin=f"party-{i:07d}x").replace('statement = "x"', f'statement = "x{pad}"')
    return pieces


def _empty_claims(count: int) -> Iterator[str]:
    """Empty [[claims]] tables: each lacks every required field."""
    return ("[[claims]]\n" for _ in range(count))


def _empty_tables(count: int) -> Iterator[str]:
    """Empty tables of unknown names: each is a field the file may not have."""
    return (f"[x{i}]\n" for i in range(count))


SHAPES: dict[str, Callable[[int], Iterator[str]]] = {
    "chain": _chain(circle=False), "circle": _chain(circle=True), "bad-refs": _bad_refs(),
    "empty-claims": _empty_claims, "empty-tables": _empty_tables,
    "chain-padded": _chain(circle=False, pad=PADDING), "circle-padded": _chain(circle=True, pad=PADDING),
    "bad-refs-padded": _bad_refs(pad=PADDING),
}


def hostile(shape: str, size: int) -> bytes:
    """A fact base of `shape` of nearly `size` bytes (never over it)."""
    make = SHAPES[shape]
    count, best = 64, PRELUDE
    for _ in range(8):  # the shapes grow about linearly with the count: scale it to the size, twice or thrice
        text = PRELUDE + "".join(make(count))
        if len(text) <= size:
            best = max(best, text, key=len)
        if size * 0.97 <= len(text) <= size:
            break
        count = max(2, int(count * (size - len(PRELUDE)) / (len(text) - len(PRELUDE)) * 0.985))
    return best.encode()


WORKER = """
import json, os, sys, time
from pathlib import Path
start = time.perf_counter()
from xiaomi_tui.facts.load.loader import FactsError, load
from xiaomi_tui.facts.analysis.topics import analyse
try:
    facts = load(sys.argv[1])
    analyse(facts)
    outcome = "accepted"
except FactsError as error:
    report = error.report()
    outcome = f"refused: {getattr(error, 'total', len(error.problems))} problems, {report.splitlines()[1].strip()[:90]}"
seconds = time.perf_counter() - start
peak = next(int(line.split()[1]) for line in Path("/proc/self/status").read_text().splitlines()
            if line.startswith("VmHWM:"))
print(json.dumps({"seconds": seconds, "peak_mib": peak / 1024, "outcome": outcome}))
"""


def measure(path: Path, timeout: float, memory_gib: float) -> dict[str, object]:
    def ceiling() -> None:
        limit = int(memory_gib * 1024**3)
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    env = {**os.environ, "XIAOMI_TUI_NO_CACHE": "1"}
    start = time.perf_counter()
    try:
        done = subprocess.run([sys.executable, "-c", WORKER, str(path)], capture_output=True, text=True,
                              timeout=timeout, preexec_fn=ceiling, env=env, check=False)
    except subprocess.TimeoutExpired:
        return {"seconds": f"> {timeout:.0f}", "peak_mib": "?", "outcome": "stopped: too slow"}
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["?"])[-1]
        if "MemoryError" in done.stderr:
            return {"seconds": f"{time.perf_counter() - start:.1f}", "peak_mib": f"> {memory_gib * 1024:.0f}",
                    "outcome": "stopped: out of memory"}
        return {"seconds": "?", "peak_mib": "?", "outcome": f"crashed: {last[:90]}"}
    return json.loads(done.stdout)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[1, 5, 20], help="file sizes in MB")
    parser.add_argument("--shapes", nargs="+", choices=list(SHAPES), default=list(SHAPES))
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds before a run is stopped")
    parser.add_argument("--memory", type=float, default=4.0, help="GiB of address space a run may take")
    args = parser.parse_args(argv)
    print(f"{'shape':<15} {'MB':>4} {'seconds':>8} {'peak MiB':>9}  outcome")
    with tempfile.TemporaryDirectory() as folder:
        for shape in args.shapes:
            for size in args.sizes:
                path = Path(folder) / f"{shape}-{size}.toml"
                path.write_bytes(hostile(shape, int(size * MB) - 1))
                result = measure(path, args.timeout, args.memory)
                seconds, peak = result["seconds"], result["peak_mib"]
                seconds = f"{seconds:.2f}" if isinstance(seconds, float) else seconds
                peak = f"{peak:.0f}" if isinstance(peak, float) else peak
                print(f"{shape:<15} {size:>4g} {seconds:>8} {peak:>9}  {result['outcome']}", flush=True)
                path.unlink()


if __name__ == "__main__":
    main()

"""Hostile fact bases: shapes whose cost could grow faster than the file, at 1, 5 and 20 MB.

Each file is loaded (read, parse, validate, cross-check), its error report formatted, and if it is accepted
analysed, in a fresh process with no cache; the figures are the wall time and the peak memory of that process.
Goal: any file under the loader's size limit (20 MB) is accepted or refused in under 10 s and 1 GiB.

Some shapes go on to what they were made to cost (`TASKS`): the scorecard, the bibliography and the brief,
`check --articles` against a 1 MiB article, 20 keystrokes of a search of 200 `origin:` qualifiers (goal: each
under 100 ms at 10k parties) and a cursor move on the claims screen (goal: under 50 ms at 20k claims), whose
slowest is shown in the outcome.

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


def _claims(count: int, origin: Callable[[int], str], value: Callable[[int], str], extra: str = "",
            parties: bool = True) -> Iterator[str]:
    """`count` claims on topic t of source s, each with its own origin (a party of its own when `parties`)."""
    for i in range(count):
        if parties:
            yield f'[[parties]]\nid = "{origin(i)}"\nname = "P{i}"\nkind = "organisation"\n\n'
        yield (f'[[claims]]\nid = "c{i}"\ntopic = "t"\nsource = "s"\nstatement = "x"\norigin = "{origin(i)}"\n'
               f'value = {value(i)}\npara = 1\n{extra}\n')


def _distinct_values(count: int) -> Iterator[str]:
    """One text topic, every claim a value of its own: a relation per pair of values was kept (item 9)."""
    yield '[[parties]]\nid = "p"\nname = "P"\nkind = "person"\n\n'
    yield from _claims(count, lambda i: "p", lambda i: f'"v{i}"', parties=False)


def _agreeing_values(count: int) -> Iterator[str]:
    """One number topic, every claim a figure of its own within 0.5% of all the others: every pair agrees."""
    yield '[[topics]]\nid = "n"\nlabel = "N"\npane = "specs"\nkind = "quantity"\nunit = "u"\n\n'
    for piece in _claims(count, lambda i: f"o{i}", lambda i: f'{{ min = {10_000_000 + i}, max = {10_000_000 + i} }}'):
        yield piece.replace('topic = "t"', 'topic = "n"')


def _many_organisations(count: int) -> Iterator[str]:
    """One source carrying one value from many independent origins: claims x organisations (item 10)."""
    return _claims(count, lambda i: f"o{i}", lambda i: '"v"')


_PUNCTUATION = "!?.,;:"


def _colliding_forecasts(count: int) -> Iterator[str]:
    """Plans by one origin whose values differ only in punctuation: one slug for all (item 11)."""
    def value(i: int) -> str:
        marks = ""
        while True:
            marks, i = marks + _PUNCTUATION[i % 6], i // 6
            if not i:
                return f'"v {marks}"'
    yield '[[parties]]\nid = "p"\nname = "P"\nkind = "person"\n\n'
    yield from _claims(count, lambda i: "p", value, 'stance = "plan"\ndate = "2024-06"\nsaid = "2023-11-15"\n',
                       parties=False)


def _sources(count: int) -> Iterator[str]:
    """Sources of one publisher and year, each with a claim: every key is built from all (item 12)."""
    yield '[[parties]]\nid = "p"\nname = "P"\nkind = "person"\n\n'
    for i in range(count):
        yield (f'[[sources]]\nid = "s{i}"\npublisher = "S"\ntitle = "T{i}"\nauthor = "Ann Lee{i}, Bo Chen{i}"\n'
               f'published = "2023-11-15"\n\n')
        yield CLAIM.format(i=i, origin="p").replace('source = "s"', f'source = "s{i}"')


def _bylines(count: int) -> Iterator[str]:
    """One source whose byline is as long as a text may be, and a family_first of many names it lacks: each
    was refused with the whole byline (item 13)."""
    names = ", ".join(f"Zhou Shu{i}" for i in range(200))[:1990].rsplit(",", 1)[0]
    wrong = ", ".join(f'"Zhou Shu{i}x"' for i in range(count))
    yield f'[[sources]]\nid = "b"\npublisher = "B"\nauthor = "{names}"\nfamily_first = [{wrong}]\n\n'


def _article_claims(count: int) -> Iterator[str]:
    """Claims of one source whose article (1 MiB, beside the file) every statement is held against (item 14)."""
    statement = " ".join(f"w{j}" for j in range(60))
    yield '[[sources]]\nid = "a"\npublisher = "A"\nfile = "article.txt"\n\n'
    yield '[[parties]]\nid = "p"\nname = "P"\nkind = "person"\n\n'
    for i in range(count):
        yield (CLAIM.format(i=i, origin="p").replace('statement = "x"', f'statement = "{statement} {i}"')
               .replace('source = "s"', 'source = "a"'))


def _parties(count: int) -> Iterator[str]:
    """Parties each with a claim: what search's `origin:` looks through on every keystroke (item 15)."""
    return _claims(count, lambda i: f"o{i}", lambda i: f'"v{i % 50}"')


def _one_topic(count: int) -> Iterator[str]:
    """Claims on one topic: the claims screen lists them all, and a cursor move redraws the one in full (item 15)."""
    yield '[[parties]]\nid = "p"\nname = "P"\nkind = "person"\n\n'
    yield from _claims(count, lambda i: "p", lambda i: f'"v{i % 100}"', parties=False)


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
    "distinct-values": _distinct_values, "agreeing-values": _agreeing_values,
    "organisations": _many_organisations, "forecast-slugs": _colliding_forecasts, "sources": _sources,
    "bylines": _bylines, "articles": _article_claims, "search": _parties, "claims-screen": _one_topic,
}

TASKS = {"forecast-slugs": "scorecard", "sources": "bibliography", "articles": "articles", "search": "search",
         "claims-screen": "cursor"}
"""What is done with an accepted file besides analysing it; "load" for the shapes not named here."""


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
path, task = Path(sys.argv[1]), sys.argv[2]
slowest = None
try:
    facts = load(path)
    analysis = analyse(facts)
    outcome = "accepted"
    if task == "scorecard":
        from xiaomi_tui.facts.outcomes.scorecard import render
        from xiaomi_tui.facts.outcomes.verdicts import score
        render(score(facts), "text")
    elif task == "bibliography":
        from xiaomi_tui.facts.citations import bibliography
        from xiaomi_tui.facts.export.brief import brief
        bibliography(facts, None, "bibtex")
        brief(facts, None)
    elif task == "articles":
        from xiaomi_tui.cli.check import warnings
        outcome += f", {len(warnings(facts, path.parent))} warnings"
    elif task == "search":  # a query of 200 origin: qualifiers, typed: the last 20 keystrokes, each timed
        from dataclasses import replace
        from xiaomi_tui.ui.view import View
        view, query = View.of(facts), " ".join(f"origin:o{i}" for i in range(200))
        claims = list(facts.claims.values())
        warm = replace(view, query=query[:-21])  # the keystrokes before, not timed
        sum(warm.row_matches((), (claim,)) for claim in claims)
        for end in range(len(query) - 20, len(query) + 1):
            began = time.perf_counter()
            typed = replace(view, query=query[:end])
            sum(typed.row_matches((), (claim,)) for claim in claims)
            slowest = max(slowest or 0, time.perf_counter() - began)
        outcome += f", slowest keystroke {slowest * 1000:.0f} ms"
    elif task == "cursor":  # what a cursor move on the claims screen redraws: the highlighted claim in full
        from rich.console import Console
        from xiaomi_tui.ui.view import View
        from xiaomi_tui.ui.render.detail import SCREEN_RELATIONS, render_claim
        view = View.of(facts)
        topic = view.analysis.topics["t"]
        console = Console(width=80, file=open(os.devnull, "w"))
        for claim in topic.ordered_claims[:5]:
            began = time.perf_counter()
            console.print(render_claim(view, topic, claim, SCREEN_RELATIONS))
            slowest = max(slowest or 0, time.perf_counter() - began)
        outcome += f", slowest cursor move {slowest * 1000:.0f} ms"
except FactsError as error:
    report = error.report()
    outcome = f"refused: {getattr(error, 'total', len(error.problems))} problems, {report.splitlines()[1].strip()[:90]}"
seconds = time.perf_counter() - start
peak = next(int(line.split()[1]) for line in Path("/proc/self/status").read_text().splitlines()
            if line.startswith("VmHWM:"))
print(json.dumps({"seconds": seconds, "peak_mib": peak / 1024, "outcome": outcome}))
"""

ARTICLE = " ".join(f"a{i % 5000}" for i in range(180_000))[:MB]
"""The article every shape's source names (`file`): the largest `check --articles` reads, of words no
statement shares."""


def measure(path: Path, task: str, timeout: float, memory_gib: float) -> dict[str, object]:
    def ceiling() -> None:
        limit = int(memory_gib * 1024**3)
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    env = {**os.environ, "XIAOMI_TUI_NO_CACHE": "1"}
    start = time.perf_counter()
    try:
        done = subprocess.run([sys.executable, "-c", WORKER, str(path), task], capture_output=True, text=True,
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
    print(f"{'shape':<16} {'MB':>4} {'seconds':>8} {'peak MiB':>9}  outcome")
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "article.txt").write_text(ARTICLE)
        for shape in args.shapes:
            for size in args.sizes:
                path = Path(folder) / f"{shape}-{size}.toml"
                path.write_bytes(hostile(shape, int(size * MB) - 1))
                result = measure(path, TASKS.get(shape, "load"), args.timeout, args.memory)
                seconds, peak = result["seconds"], result["peak_mib"]
                seconds = f"{seconds:.2f}" if isinstance(seconds, float) else seconds
                peak = f"{peak:.0f}" if isinstance(peak, float) else peak
                print(f"{shape:<16} {size:>4g} {seconds:>8} {peak:>9}  {result['outcome']}", flush=True)
                path.unlink()


if __name__ == "__main__":
    main()

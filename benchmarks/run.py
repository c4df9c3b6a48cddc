"""Benchmarks for xiaomi-tui: first frame, load + analysis, filtering, and what starts up at import.

    python benchmarks/run.py            # the full run (a few minutes)
    python benchmarks/run.py --quick    # fewer repeats
    python benchmarks/run.py --tiny     # tiny sizes, one run, no tmux: checks that the benchmark works

Prints one plain-text table, with each goal marked met or not met, and writes it to
benchmarks/out/latest.txt (or --out). Synthetic fact bases are generated into benchmarks/out/.
Progress goes to stderr.
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import json
import operator
import os
import platform
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import synth
import textual
from load_worker import peak_rss_mib
from textual.widgets import Input

from xiaomi_tui.facts.load.loader import load
from xiaomi_tui.facts.model.factbase import FactBase
from xiaomi_tui.ui.app import PANES, XiaomiApp

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"
SCREEN = (120, 40)
MIB = 1024 * 1024
STARTUP_IMPORT = "import xiaomi_tui.cli.main; import xiaomi_tui.ui.app"
LAZY_MODULES = ("xiaomi_tui.facts.citations", "xiaomi_tui.facts.export.tables", "pyperclip", "pydantic", "tomllib")
FIRST_FRAME_TIMEOUT = 60.0
SEARCH_KEYS = 6
SETTLE = 0.2
"""Seconds a filter change is given to reach the screen; frames after it are not counted."""

CACHE_MODES = ("parse", "cached")
"""'parse': a first open (or the first after an edit): tomllib and pydantic run, and the records are
written to an empty cache; 'cached': every later open of the same bytes reads them back."""


def cache_env(mode: str) -> dict[str, str]:
    """The environment for one launch or load: an empty cache of its own for a first open."""
    if mode == "parse":
        (OUT / "first-open").mkdir(parents=True, exist_ok=True)
        return {"XDG_CACHE_HOME": tempfile.mkdtemp(dir=OUT / "first-open")}
    return {"XDG_CACHE_HOME": str(OUT / "cache")}


GOAL_FIRST_FRAME_RATIO = {"parse": 1.30, "cached": 1.15}
"""A first open parses and validates; a later open reads the cache and should cost little over Textual."""
GOAL_LOAD_10K_S = {"parse": 1.0, "cached": 0.5}
"""A first open parses with tomllib, pure Python and one core: 0.45 s of it at 10,000 claims."""
GOAL_FILTER_MS = 35.0
GOAL_FIRST_FRAME_50K_S = {"parse": 5.0, "cached": 1.2}
"""50,000 claims is no real fact base (the curated one has a few hundred): usable, not instant."""
GOAL_MEMORY_10K_MIB = 200.0


@dataclass(frozen=True)
class Plan:
    """How much to measure: sizes as (claims, sources), repeats, and whether to drive a terminal."""

    mode: str
    first_frame_runs: int  # 0: skip the tmux measurements
    first_frame_50k_runs: int
    load_sizes: tuple[tuple[int, int], ...]
    load_repeats: int
    load_repeats_50k: int
    filter_size: tuple[int, int]
    filter_panes: int  # how many of the four panes, in tab order, to filter on
    toggles: int
    import_runs: int


PLANS = {
    "full": Plan("full", 15, 3, ((1_000, 50), (10_000, 200), (50_000, 500)), 3, 3, (10_000, 200), 4, 20, 5),
    "quick": Plan("quick", 2, 1, ((1_000, 50), (10_000, 200), (50_000, 500)), 3, 1, (10_000, 200), 4, 20, 2),
    "tiny": Plan("tiny", 0, 0, ((200, 10),), 1, 1, (200, 10), 1, 2, 1),
}


# -- the report ----------------------------------------------------------------------------------


@dataclass
class Section:
    """One titled block of the table; cells are strings, numbers are right-aligned."""

    title: str
    header: Sequence[str]
    rows: list[Sequence[str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def render(self) -> str:
        widths = [max(len(str(row[index])) for row in [self.header, *self.rows]) for index in range(len(self.header))]

        def line(cells: Sequence[str]) -> str:
            parts = [str(cell).ljust(width) if index == 0 or not _numeric(cell) else str(cell).rjust(width)
                     for index, (cell, width) in enumerate(zip(cells, widths))]
            return "  ".join(parts).rstrip()

        rule = "-" * len(line(self.header))
        body = [self.title, rule, line(self.header), rule, *map(line, self.rows)]
        return "\n".join(body + [f"  note: {note}" for note in self.notes])


def _numeric(cell: str) -> bool:
    return str(cell)[:1].isdigit()


@dataclass
class Goal:
    name: str
    target: str
    figure: str = "not measured"
    met: bool | None = None

    def row(self) -> list[str]:
        verdict = {True: "met", False: "NOT MET", None: "-"}[self.met]
        return [self.name, self.target, self.figure, verdict]


STARTED = time.perf_counter()


def progress(message: str) -> None:
    print(f"[bench {time.perf_counter() - STARTED:6.1f}s] {message}", file=sys.stderr, flush=True)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f}"


# -- a. first frame ------------------------------------------------------------------------------


class Terminal:
    """A private tmux server (its own socket, no user config) in which apps are launched and watched."""

    def __init__(self) -> None:
        self.socket = f"xiaomi-bench-{os.getpid()}"
        self.socket_path = ""
        self.count = 0

    def tmux(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["tmux", "-L", self.socket, "-f", "/dev/null", *args],
                              capture_output=True, text=True, check=False)

    def __enter__(self) -> Terminal:
        # A session that stays up keeps the server running, so no launch pays for starting tmux.
        self.tmux("new-session", "-d", "-s", "keep", "-x", str(SCREEN[0]), "-y", str(SCREEN[1]), "sleep", "86400")
        self.tmux("set-option", "-g", "remain-on-exit", "on")
        self.socket_path = self.tmux("display-message", "-p", "#{socket_path}").stdout.strip()
        return self

    def __exit__(self, *exc: object) -> None:
        self.tmux("kill-server")
        if self.socket_path:
            Path(self.socket_path).unlink(missing_ok=True)  # tmux leaves the socket file behind

    def first_frame(self, command: Sequence[str], markers: Sequence[re.Pattern[str]]) -> tuple[float, float, float]:
        """Seconds from launch until every marker matches the screen, the app's peak RSS (MiB) by then, and the
        CPU seconds it had used by then."""
        self.count += 1
        name = f"run{self.count}"
        started = time.perf_counter()
        self.tmux("new-session", "-d", "-s", name, "-x", str(SCREEN[0]), "-y", str(SCREEN[1]), *command)
        try:
            while True:
                screen = self.tmux("capture-pane", "-p", "-t", name).stdout
                if all(marker.search(screen) for marker in markers):
                    elapsed = time.perf_counter() - started
                    break
                if "Pane is dead" in screen or time.perf_counter() - started > FIRST_FRAME_TIMEOUT:
                    wanted = [marker.pattern for marker in markers]
                    raise RuntimeError(f"{shlex.join(command)} never showed {wanted}; screen:\n{screen}")
                time.sleep(0.01)
            pid = int(self.tmux("display-message", "-p", "-t", name, "#{pane_pid}").stdout)
            return elapsed, peak_rss_mib(pid), cpu_seconds(pid)
        finally:
            self.tmux("kill-session", "-t", name)
            time.sleep(0.3)  # let the app exit before the next launch competes with it


def cpu_seconds(pid: int) -> float:
    """User and system CPU a process and the children it has waited for have used so far, from /proc (in clock ticks,
    10 ms on Linux). The children count: a first open validates the file in one (see `io/meanwhile.py`).

    Unlike the wall time, it hardly moves with what else the machine runs: on two cores shared with other work the
    wall times of one app spread by a third, its CPU times by a tenth."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return sum(int(ticks) for ticks in fields[11:15]) / os.sysconf("SC_CLK_TCK")


# A screen is complete when the footer is drawn and so is the data: the detail panel's "n origins, m sources"
# (for the dashboard it needs the first row selected), and for the bare app its tables' last row too.
FOOTER = re.compile("palette")
DASHBOARD_READY = [FOOTER, re.compile(r"\d+ origins?, \d+ sources?")]
BARE_APP = ([sys.executable, str(HERE / "bare_app.py")], [*DASHBOARD_READY, re.compile(re.escape("Range (CLTC)"))])


def _dashboard(facts_path: Path, env: dict[str, str] | None = None) -> tuple[list[str], list[re.Pattern[str]]]:
    settings = [f"{name}={value}" for name, value in (env or {}).items()]
    command = [str(Path(sys.executable).parent / "xiaomi-tui"), "--facts", str(facts_path)]
    return (["env", *settings, *command] if settings else command), DASHBOARD_READY


def bench_first_frame(plan: Plan, fixture: Path, large: Path | None, goals: dict[str, Goal]) -> Section:
    section = Section(f"a. First frame: launch to first complete screen ({SCREEN[0]}x{SCREEN[1]} tmux pane, "
                      "polled every 10 ms)", ["app", "runs", "median s", "min s", "max s", "median CPU s",
                                               "peak RSS MiB"])
    if not shutil.which("tmux"):
        section.notes.append("tmux not found: not measured")
        return section
    bare = "bare Textual app"
    ours = {mode: f"xiaomi-tui --facts {fixture.name} ({mode})" for mode in CACHE_MODES}
    large_labels: dict[str, str] = {}
    apps: list[tuple[str, Callable[[], tuple[list[str], list[re.Pattern[str]]]]]] = [
        (bare, lambda: BARE_APP), *((ours[mode], lambda mode=mode: _dashboard(fixture, cache_env(mode)))
                                    for mode in CACHE_MODES)]
    timings: dict[str, list[tuple[float, float, float]]] = defaultdict(list)
    with Terminal() as terminal:
        # Filled by load(), which writes before it returns: the dashboard writes after its first frame,
        # and a launch here is killed as soon as that frame shows.
        _load_worker(fixture, 1, "cached")
        for run in range(plan.first_frame_runs):
            progress(f"first frame, run {run + 1}/{plan.first_frame_runs}")
            for label, launch in apps if run % 2 == 0 else reversed(apps):
                timings[label].append(terminal.first_frame(*launch()))
        if large is not None:
            for mode in CACHE_MODES:
                label = large_labels[mode] = f"xiaomi-tui --facts {large.name} ({mode})"
                if mode == "cached":
                    _load_worker(large, 1, mode)  # fill the cache
                for run in range(plan.first_frame_50k_runs):
                    progress(f"first frame, {large.name} ({mode}), run {run + 1}/{plan.first_frame_50k_runs}")
                    timings[label].append(terminal.first_frame(*_dashboard(large, cache_env(mode))))
    medians = {}
    cpu_medians = {}
    for label, samples in timings.items():
        seconds = [elapsed for elapsed, _, _ in samples]
        medians[label] = statistics.median(seconds)
        cpu_medians[label] = statistics.median(cpu for _, _, cpu in samples)
        section.rows.append([label, str(len(samples)), f"{medians[label]:.3f}", f"{min(seconds):.3f}",
                             f"{max(seconds):.3f}", f"{cpu_medians[label]:.2f}", f"{max(rss for _, rss, _ in samples):.0f}"])
    ratios = {mode: medians[label] / medians[bare] for mode, label in ours.items()}
    section.notes.append("ratio xiaomi-tui / bare: " + ", ".join(f"{ratio:.2f} ({mode})" for mode, ratio in ratios.items())
                         + " (medians; runs interleaved, order alternating)")
    section.notes.append("by CPU used until the first frame: " + ", ".join(
        f"{cpu_medians[label] / cpu_medians[bare]:.2f} ({mode})" for mode, label in ours.items())
        + " (steadier than wall time on a busy machine; a first open's includes the child that validates the file "
          "on the second core, see io/meanwhile.py)")
    section.notes.append("both include the same tmux launch and polling overhead, which cancels in the ratio only; "
                         "both run from compiled bytecode, as an installed copy does")
    for mode, ratio in ratios.items():
        goal = goals[f"first_frame_{mode}"]
        goal.figure, goal.met = f"{ratio:.2f}x", ratio <= GOAL_FIRST_FRAME_RATIO[mode]
    for mode, label in large_labels.items():
        goal = goals[f"first_frame_50k_{mode}"]
        goal.figure, goal.met = f"{medians[label]:.2f} s", medians[label] < GOAL_FIRST_FRAME_50K_S[mode]
    return section


# -- b. load ------------------------------------------------------------------------------------




def _load_worker(path: Path, repeats: int, mode: str) -> dict:
    """Later opens: `repeats` loads in one process. First opens: one process each, since a first
    open also pays for importing pydantic and building the validator, which a process does once."""
    if mode == "cached":
        command = [sys.executable, str(HERE / "load_worker.py"), str(path), str(repeats)]
        return json.loads(subprocess.run(command, capture_output=True, text=True, check=True,
                                         env={**os.environ, **cache_env(mode)}).stdout)
    command = [sys.executable, str(HERE / "load_worker.py"), str(path), "1", str(OUT / "first-open")]
    results = [json.loads(subprocess.run(command, capture_output=True, text=True, check=True).stdout)
               for _ in range(repeats)]
    merged = {key: functools.reduce(operator.iadd, (result[key] for result in results), []) for key in ("load", "analyse")}
    return {**results[0], **merged, "peak_rss_mib": max(result["peak_rss_mib"] for result in results)}


def bench_load(plan: Plan, files: list[tuple[str, Path, int]], goals: dict[str, Goal]) -> Section:
    """`files` are (label, path, claims it was generated with; 0 for the curated or fixture file).

    Each file is loaded twice over: parsing and validating it, as on the first open after an edit,
    and from the cache of validated records, as on later opens.
    """
    section = Section("b. Load: load() (read, parse, validate, cross-check) then analyse(facts), in fresh processes",
                      ["file", "claims", "MiB", "toml", "runs", "load s", "analyse s", "total s", "us/claim",
                       "peak RSS MiB", "RSS delta MiB"])
    for label, path, nominal_claims in files:
        repeats = plan.load_repeats_50k if nominal_claims >= 50_000 else plan.load_repeats
        for mode in CACHE_MODES:
            progress(f"load {label} ({mode}) x{repeats}")
            if mode == "cached":
                _load_worker(path, 1, mode)  # fill the cache
            result = _load_worker(path, repeats, mode)
            load_s, analyse_s = statistics.median(result["load"]), statistics.median(result["analyse"])
            total = statistics.median(a + b for a, b in zip(result["load"], result["analyse"]))
            claims = result["claims"]
            section.rows.append([label, str(claims), f"{path.stat().st_size / MIB:.2f}", mode, str(repeats),
                                 f"{load_s:.3f}", f"{analyse_s:.3f}", f"{total:.3f}", f"{total / claims * 1e6:.0f}",
                                 f"{result['peak_rss_mib']:.0f}",
                                 f"{result['peak_rss_mib'] - result['baseline_rss_mib']:.0f}"])
            if claims == 10_000:
                goal = goals[f"load_10k_{mode}"]
                goal.figure, goal.met = f"{total:.3f} s", total < GOAL_LOAD_10K_S[mode]
                if mode == "parse":
                    peak = result["peak_rss_mib"]
                    goals["memory_10k"].figure, goals["memory_10k"].met = f"{peak:.0f} MiB", peak < GOAL_MEMORY_10K_MIB
    section.notes.append("times are medians; peak RSS is the worker's VmHWM (whole process: interpreter, "
                         "pydantic and the data); delta is over the same process after its imports")
    section.notes.append("toml: 'parse' runs tomllib and pydantic (imported and built in the load) and writes the "
                         "records to an empty cache (first open after an edit), one process per run; 'cached' reads "
                         "them back (later opens), the runs in one process")
    return section


# -- c. filter ----------------------------------------------------------------------------------


class FrameClock:
    """When the app last handed a frame to its driver: the moment a change is on screen."""

    def __init__(self, app: XiaomiApp) -> None:
        self.last = 0.0
        display = app._display  # the one call every screen update goes through

        def timed_display(*args: object) -> None:
            display(*args)
            self.last = time.perf_counter()

        app._display = timed_display  # type: ignore[method-assign]


async def _timed(clock: FrameClock, action: Callable[[], object]) -> tuple[float, float]:
    """Seconds from `action` to the last frame drawn because of it, and the CPU seconds spent.

    The app runs on its own for SETTLE seconds, so frames come from its update timer as they would
    in a terminal; `pilot.pause()` would force an extra frame of its own at least 20 ms later.
    """
    wall, cpu = time.perf_counter(), time.process_time()
    clock.last = wall
    action()
    await asyncio.sleep(SETTLE)
    return clock.last - wall, time.process_time() - cpu


async def _filter_timings(facts: FactBase, panes: int, toggles: int) -> dict[str, list[tuple[float, float]]]:
    """Per pane: each source toggle, and each keystroke of a search, timed to the re-rendered screen."""
    timings: dict[str, list[tuple[float, float]]] = defaultdict(list)
    every_source = frozenset(facts.sources)
    source_ids = list(facts.sources)
    needle = next(topic.label for topic in facts.data.topics if topic.pane == "specs").split()[0].lower()[:SEARCH_KEYS]
    app = XiaomiApp(facts, watch=False)
    async with app.run_test(size=SCREEN) as pilot:
        clock = FrameClock(app)
        app.query_one("#search", Input).cursor_blink = False  # a blink is a frame no keystroke caused
        await pilot.pause()
        for _ in range(5):
            timings["nothing (a check: no frame)"].append(await _timed(clock, lambda: None))
        for number, (pane_id, label, _) in enumerate(PANES[:panes]):
            app.action_show_pane(pane_id)
            await pilot.wait_for_scheduled_animations()  # the tab underline slides: not part of a toggle
            for toggle in range(toggles):
                # A different source for every pane, so each "off" needs a new analysis, as in real use.
                source = source_ids[(number * toggles // 2 + toggle // 2) % len(source_ids)]
                wanted = every_source - {source} if toggle % 2 == 0 else every_source
                timings[f"toggle a source, {label}"].append(
                    await _timed(clock, lambda wanted=wanted: app.set_sources(wanted)))
            app.action_search()
            search = app.query_one("#search", Input)
            for end in range(1, len(needle) + 1):
                timings[f"search keystroke, {label}"].append(
                    await _timed(clock, lambda end=end, search=search: setattr(search, "value", needle[:end])))
            app.action_clear_search()
            await pilot.pause()
    return timings


def bench_filter(plan: Plan, path: Path, goals: dict[str, Goal]) -> Section:
    progress(f"filter at {plan.filter_size[0]:,} claims")
    facts = load(path)
    timings = asyncio.run(_filter_timings(facts, plan.filter_panes, plan.toggles))
    section = Section(f"c. Filter: XiaomiApp.run_test(size={SCREEN}) at {len(facts.claims):,} claims, from the "
                      "call to the last frame it caused", ["what", "n", "median ms", "worst ms", "median CPU ms"])
    toggle_medians = []
    for label, samples in timings.items():
        frames = [frame for frame, _ in samples]
        median = statistics.median(frames)
        if label.startswith("toggle"):
            toggle_medians.append(median)
        section.rows.append([label, str(len(samples)), ms(median), ms(max(frames)),
                             ms(statistics.median(cpu for _, cpu in samples))])
    section.notes.append(f"toggles alternate one source off (a new analysis) and on again (cached); {plan.toggles} "
                         "per pane; the search types the first word of a topic label one key at a time")
    section.notes.append(f"ms: from the call to the last frame handed to the (headless) driver within {SETTLE} s, "
                         "the app running on its own meanwhile; CPU ms: process time over that window")
    if len(facts.claims) == 10_000:
        slowest = max(toggle_medians)
        goals["filter"].figure, goals["filter"].met = f"{slowest * 1000:.1f} ms", slowest * 1000 < GOAL_FILTER_MS
    return section


# -- d. import hygiene --------------------------------------------------------------------------


@dataclass
class ImportProfile:
    """`python -X importtime` of the startup imports, summed by top-level package."""

    total_us: int
    self_us: dict[str, int]
    inclusive_us: dict[str, int]
    module_self_us: dict[str, int]
    modules: set[str]


def _import_profile() -> ImportProfile:
    stderr = subprocess.run([sys.executable, "-X", "importtime", "-c", STARTUP_IMPORT],
                            capture_output=True, text=True, check=True).stderr
    entries = []  # (depth, module, self, cumulative), children listed before their parent
    for line in stderr.splitlines():
        if not line.startswith("import time:") or "imported package" in line:
            continue
        own, cumulative, name = line.removeprefix("import time:").split("|")
        depth = (len(name) - len(name.lstrip()) - 1) // 2
        entries.append((depth, name.strip(), int(own), int(cumulative)))
    self_us: dict[str, int] = defaultdict(int)
    inclusive_us: dict[str, int] = defaultdict(int)
    total = 0
    for index, (depth, module, own, cumulative) in enumerate(entries):
        root = module.split(".")[0]
        self_us[root] += own
        parent = next((name for level, name, _, _ in entries[index + 1:] if level < depth), None)
        if parent is None or parent.split(".")[0] != root:
            inclusive_us[root] += cumulative  # entered from another package (or from the -c statement)
        if parent is None and root == "xiaomi_tui":
            total += cumulative
    module_self = {module: own for _, module, own, _ in entries if module.startswith("xiaomi_tui")}
    return ImportProfile(total, dict(self_us), dict(inclusive_us), module_self, {module for _, module, _, _ in entries})


def bench_imports(plan: Plan, goals: dict[str, Goal]) -> Section:
    progress(f"import time x{plan.import_runs}")
    profiles = [_import_profile() for _ in range(plan.import_runs)]
    section = Section(f"d. Import hygiene: python -X importtime -c \"{STARTUP_IMPORT}\" (median of {plan.import_runs})",
                      ["package or module", "self ms", "incl. ms"])

    def median_ms(values: list[int]) -> str:
        return f"{statistics.median(values) / 1000:.1f}"

    section.rows.append(["all startup imports", "", median_ms([profile.total_us for profile in profiles])])
    roots = sorted(profiles[0].self_us, key=lambda root: -profiles[0].self_us[root])
    shown = [root for root in roots if root in ("textual", "rich", "pydantic", "pydantic_core", "xiaomi_tui")]
    shown += [root for root in roots if root not in shown][:4]
    for root in shown:
        section.rows.append([root, median_ms([p.self_us.get(root, 0) for p in profiles]),
                             median_ms([p.inclusive_us.get(root, 0) for p in profiles])])
    own_modules = sorted(profiles[0].module_self_us, key=lambda module: -profiles[0].module_self_us[module])[:5]
    for module in own_modules:
        section.rows.append([f"  {module}", median_ms([p.module_self_us.get(module, 0) for p in profiles]), ""])
    eager = [module for module in LAZY_MODULES if any(module in profile.modules for profile in profiles)]
    for module in LAZY_MODULES:
        section.rows.append([f"{module} at startup?", "imported" if module in eager else "not imported", ""])
    section.notes.append("self: the package's own module code; incl.: cumulative when entered from another package "
                         "(includes what it imports, so the incl. column overlaps)")
    goals["lazy"].figure = ", ".join(eager) + " imported" if eager else "none imported"
    goals["lazy"].met = not eager
    return section


# -- the run ------------------------------------------------------------------------------------


def fixture_path() -> Path:
    """The repo's curated facts.toml when it has content, else the test fixture."""
    curated = ROOT / "facts.toml"
    return curated if curated.is_file() and curated.stat().st_size > 0 else ROOT / "tests" / "fixtures" / "small.toml"


def synthetic_files(sizes: Sequence[tuple[int, int]]) -> dict[int, Path]:
    OUT.mkdir(exist_ok=True)
    files = {}
    for claims, sources in sizes:
        path = OUT / f"synth-{claims}-{sources}.toml"
        progress(f"generating {path.name}")
        path.write_text(synth.generate(claims, sources), encoding="utf-8")
        files[claims] = path
    return files


def compile_bytecode() -> None:
    """Compile the package and the bare app to .pyc, as pip does when it installs a wheel.

    Otherwise a checkout run with PYTHONDONTWRITEBYTECODE (as some sandboxes and containers set)
    compiles xiaomi_tui from source at every launch, which no installed copy does.
    """
    import compileall

    import xiaomi_tui

    compileall.compile_dir(Path(xiaomi_tui.__file__).parent, quiet=1)
    compileall.compile_file(HERE / "bare_app.py", quiet=1)


def run(plan: Plan) -> str:
    """Measure everything the plan asks for; return the report."""
    compile_bytecode()
    shutil.rmtree(OUT / "first-open", ignore_errors=True)  # the empty caches of the last run, filled since
    fixture = fixture_path()
    synthetic = synthetic_files(sorted({*plan.load_sizes, plan.filter_size}))
    goals = {
        "first_frame_cached": Goal("first frame vs bare Textual, later opens",
                                   f"<= {GOAL_FIRST_FRAME_RATIO['cached']:.2f}x"),
        "first_frame_parse": Goal("first frame vs bare Textual, first open", f"<= {GOAL_FIRST_FRAME_RATIO['parse']:.2f}x"),
        "load_10k_parse": Goal("load + analyse, 10,000 claims, first open", f"< {GOAL_LOAD_10K_S['parse']:g} s"),
        "load_10k_cached": Goal("load + analyse, 10,000 claims, later opens",
                                f"< {GOAL_LOAD_10K_S['cached']:g} s"),
        "filter": Goal("filter toggle at 10,000 claims, median (slowest pane)", f"< {GOAL_FILTER_MS:.0f} ms"),
        "first_frame_50k_parse": Goal("first frame, 50,000 claims, first open",
                                      f"< {GOAL_FIRST_FRAME_50K_S['parse']:g} s"),
        "first_frame_50k_cached": Goal("first frame, 50,000 claims, later opens",
                                       f"< {GOAL_FIRST_FRAME_50K_S['cached']:g} s"),
        "memory_10k": Goal("peak RSS, load + analyse of 10,000 claims", f"< {GOAL_MEMORY_10K_MIB:.0f} MiB"),
        "lazy": Goal("citations, export, pyperclip load on first use", "none at startup"),
    }
    sections = []
    if plan.first_frame_runs:
        sections.append(bench_first_frame(plan, fixture, synthetic.get(50_000), goals))
    load_files = [(fixture.relative_to(ROOT).as_posix(), fixture, 0)]
    load_files += [(synthetic[claims].name, synthetic[claims], claims) for claims, _ in plan.load_sizes]
    sections.append(bench_load(plan, load_files, goals))
    sections.append(bench_filter(plan, synthetic[plan.filter_size[0]], goals))
    sections.append(bench_imports(plan, goals))
    sections.append(Section("Goals", ["goal", "target", "measured", "verdict"],
                            [goal.row() for goal in goals.values()]))

    heading = (f"xiaomi-tui benchmark ({plan.mode})  python {platform.python_version()}, "
               f"textual {textual.__version__}, {os.cpu_count()} CPUs, {time.strftime('%Y-%m-%d %H:%M')}")
    return "\n\n".join([heading, *(section.render() for section in sections)]) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    speed = parser.add_mutually_exclusive_group()
    speed.add_argument("--quick", action="store_true", help="fewer repeats")
    speed.add_argument("--tiny", action="store_true", help="tiny sizes, one run, no tmux: a smoke test")
    parser.add_argument("--out", type=Path, default=OUT / "latest.txt", help="where to write the table too")
    args = parser.parse_args(argv)
    plan = PLANS["tiny" if args.tiny else "quick" if args.quick else "full"]
    with tempfile.TemporaryDirectory(prefix="xiaomi-bench-config-") as config:
        # Default settings for every app launched here; the user's own are never read or written.
        os.environ["XDG_CONFIG_HOME"] = config
        report = run(plan)
    print(report, end="")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(report, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

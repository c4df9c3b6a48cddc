"""Where the time goes: cProfile of load + analyse, and of source toggles in the running app.

    python benchmarks/profile_hotspots.py [--claims 10000] [--sources 200] [--top 25]

Prints, for each scenario, the project's functions by cumulative time, then every function by
cumulative time (file:line) with the event loop's and Textual's dispatch frames left out, then
every function by its own time.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import os
import pstats
import tempfile

import synth
from run import OUT, ROOT, SCREEN

from xiaomi_tui.facts.analysis.topics import analyse
from xiaomi_tui.facts.load.loader import load
from xiaomi_tui.ui.app import PANES, XiaomiApp

TOGGLES = 10
DISPATCH = ("asyncio/", "selectors", "{method 'poll'", "Context' objects", "textual/_callback.py",
            "textual/message_pump.py", "textual/timer.py", "textual/pilot.py", "textual/_wait.py")


def report(profile: cProfile.Profile, title: str, top: int) -> str:
    """The top functions three ways: the project's by cumulative time, all by cumulative, all by own time."""
    entries = [(f"{_short(path)}:{line}({name})", calls, own, cumulative)
               for (path, line, name), (_, calls, own, cumulative, _) in pstats.Stats(profile).stats.items()]
    by_cumulative = sorted(entries, key=lambda entry: -entry[3])
    views = [
        ("project functions by cumulative time",
         [entry for entry in by_cumulative if entry[0].startswith("xiaomi_tui/")]),
        ("all by cumulative time", [entry for entry in by_cumulative
                                    if not any(marker in entry[0] for marker in DISPATCH)]),
        ("all by own time", sorted(entries, key=lambda entry: -entry[2])),
    ]
    lines = [f"== {title}"]
    for heading, chosen in views:
        lines.append(f"-- {heading}\n   cumul s    own s     calls  function")
        lines += [f"  {cumulative:8.3f} {own:8.3f} {calls:9d}  {where}"
                  for where, calls, own, cumulative in chosen[:top]]
    return "\n".join(lines)


def _short(path: str) -> str:
    for prefix in ("site-packages/", f"{ROOT}/"):
        if prefix in path:
            return path.split(prefix, 1)[1]
    return path


def profile_load(path: str) -> cProfile.Profile:
    profile = cProfile.Profile()
    profile.enable()
    analyse(load(path))
    profile.disable()
    return profile


async def profile_toggles(path: str, pane_id: str) -> cProfile.Profile:
    """Toggle a source off and on again `TOGGLES` times on one pane, profiling only the toggles."""
    facts = load(path)
    every_source = frozenset(facts.sources)
    source_ids = list(facts.sources)
    profile = cProfile.Profile()
    app = XiaomiApp(facts, watch=False)
    async with app.run_test(size=SCREEN) as pilot:
        app.action_show_pane(pane_id)
        await pilot.pause()
        for toggle in range(TOGGLES):
            wanted = every_source - {source_ids[toggle // 2]} if toggle % 2 == 0 else every_source
            profile.enable()
            app.set_sources(wanted)
            await pilot.pause()
            profile.disable()
    return profile


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, default=10_000)
    parser.add_argument("--sources", type=int, default=200)
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()
    OUT.mkdir(exist_ok=True)
    path = OUT / f"synth-{args.claims}-{args.sources}.toml"
    path.write_text(synth.generate(args.claims, args.sources), encoding="utf-8")
    with tempfile.TemporaryDirectory(prefix="xiaomi-bench-config-") as config:
        os.environ["XDG_CONFIG_HOME"] = config
        print(report(profile_load(str(path)), f"load + analyse, {args.claims:,} claims", args.top))
        for pane_id, label, _ in PANES:
            profile = asyncio.run(profile_toggles(str(path), pane_id))
            print(f"\n{report(profile, f'{TOGGLES} source toggles on {label}, {args.claims:,} claims', args.top)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

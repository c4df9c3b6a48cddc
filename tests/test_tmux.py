"""End to end: the installed `xiaomi-tui` in a real terminal (tmux), driven by keys, read from the screen."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import wait_until, without_claim

from xiaomi_tui.facts.load.loader import bundled_facts_path, load
from xiaomi_tui.facts.outcomes.chart import chart
from xiaomi_tui.facts.outcomes.verdicts import score

pytestmark = [
    pytest.mark.tmux,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed (.ci/run installs it)"),
]

COMMAND = Path(sys.executable).with_name("xiaomi-tui")
FIXTURE = Path(__file__).parent / "fixtures" / "small.toml"


class Terminal:
    """One tmux server of our own (its own socket, no user config) running one command."""

    def __init__(self, tmp_path: Path, width: int, height: int):
        self.socket = f"xiaomi-test-{uuid.uuid4().hex[:8]}"
        self.pid_file = tmp_path / f"{self.socket}.pid"
        self.size = (width, height)
        self.env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path / "config"), "TERM": "xterm-256color"}
        # Not the test runner's display, nor its size: an xdist worker carries COLUMNS=80 and LINES=24, which the
        # app would believe over the tmux pane's own size.
        for name in ("DISPLAY", "WAYLAND_DISPLAY", "COLUMNS", "LINES"):
            self.env.pop(name, None)

    def tmux(self, *args: str) -> str:
        return subprocess.run(["tmux", "-L", self.socket, "-f", "/dev/null", *args], env=self.env,
                              capture_output=True, text=True, timeout=20, check=True).stdout

    def start(self, *arguments: str, cwd: Path | None = None, env: dict[str, str] | None = None) -> None:
        """Run the command; `env` is set on the command itself, since tmux sets TERM for its panes."""
        line = " ".join(["env", *(f"{name}={value}" for name, value in (env or {}).items()), str(COMMAND), *arguments])
        # A shell of its own notes its pid, then becomes the app: `stop` knows which process must end.
        noted = shlex.quote(f"echo $$ > {shlex.quote(str(self.pid_file))}; exec {line}")
        # The clipboard is let through before the command starts: a `cite --copy` sends its OSC 52 at once.
        self.tmux("start-server", ";", "set-option", "-g", "set-clipboard", "on", ";",
                  "new-session", "-d", "-s", "main", "-x", str(self.size[0]), "-y", str(self.size[1]),
                  "-c", str(cwd or Path.cwd()), f"sh -c {noted}; echo XIAOMI-EXIT=$?; sleep 60")

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "main")

    def wait_for(self, text: str, timeout: float = 15.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{text!r} did not appear; the screen shows:\n{self.screen()}")

    def wait_until_gone(self, text: str, timeout: float = 15.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if text not in screen:
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{text!r} is still on the screen:\n{self.screen()}")

    def press(self, *keys: str) -> None:
        for key in keys:
            self.tmux("send-keys", "-t", "main", key)
            time.sleep(0.15)

    def app_pid(self) -> int | None:
        """The app's process id, once its shell has noted it."""
        try:
            return int(self.pid_file.read_text())
        except (OSError, ValueError):
            return None

    def close(self) -> int | None:
        """Close the terminal, as closing its window does (the app gets SIGHUP); the pid of the app it ran."""
        pid = self.app_pid()
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], env=self.env, capture_output=True)
        return pid


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[callable]:
    started: list[Terminal] = []

    def launch(*arguments: str, size: tuple[int, int] = (120, 40), cwd: Path | None = None,
               env: dict[str, str] | None = None) -> Terminal:
        term = Terminal(tmp_path, *size)
        started.append(term)
        term.start(*arguments, cwd=cwd, env=env)
        return term

    yield launch
    # Every app must end once its terminal closes, at whatever moment (its exit deadline is three seconds).
    # Every terminal closes first, then each app's end is awaited: a failed check leaves no tmux behind.
    pids = [term.close() for term in started]
    left = [pid for pid in pids if pid is not None and not wait_until(lambda pid=pid: not app_runs(pid), timeout=12)]
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    assert left == [], "an app still ran 12 s after its terminal closed"


def app_runs(pid: int) -> bool:
    """Whether `pid` is still our app, and alive (neither gone nor a zombie awaiting its reaper)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        command = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False
    return stat[stat.rindex(")") + 2] != "Z" and str(COMMAND).encode() in command


def _pane(screen: str) -> str:
    """The screen without the header line, which names the fact base and would match anything."""
    return "\n".join(screen.splitlines()[1:])


def test_five_panes_show_the_bundled_facts_and_q_exits(terminal, tmp_path):
    term = terminal(cwd=tmp_path)  # from an unrelated directory: the bundled fact base ships inside the package
    screen = term.wait_for("sources")
    assert "5 of 5 sources" in screen
    assert "Body style" in _pane(screen)
    term.press("2")
    screen = term.wait_for("Mass-production start")
    assert "\u2717 conflict" in screen and "H1 2024" in screen and "Dec 2023" in screen
    term.press("3")
    screen = term.wait_for("First-phase investment")
    assert "RMB 10 bn" in screen and "\u2588" in screen
    term.press("4")
    screen = term.wait_for("Published")
    for publisher in ("CnEVPost", "Pandaily", "ArenaEV"):
        assert publisher in screen
    term.press("5")
    screen = term.wait_for("Track record")
    assert "Verdict" in screen and "Outcome" in screen
    term.press("q")
    term.wait_for("XIAOMI-EXIT=0")


def test_source_option_narrows_and_c_puts_the_citation_in_tmux(terminal):
    term = terminal("--facts", str(FIXTURE), "--source", "beta")
    screen = term.wait_for("1 of 3 sources")
    term.press("2")
    screen = term.wait_for("Regulator approval")
    assert "Alpha News" not in _pane(screen)
    term.press("c")
    term.wait_for("OSC 52 sent through tmux")  # the toast wraps after "terminal"
    cited = subprocess.run([str(COMMAND), "--facts", str(FIXTURE), "cite", "beta-approval"],
                           capture_output=True, text=True, env=term.env, check=True).stdout.strip()
    assert term.tmux("show-buffer") == cited


def test_a_first_open_keeps_the_fact_base_once_the_dashboard_shows(terminal, tmp_path):
    kept = tmp_path / "cache" / "xiaomi-tui" / "validated"
    term = terminal("--facts", str(FIXTURE), env={"XDG_CACHE_HOME": str(tmp_path / "cache")})
    term.wait_for("3 of 3 sources")
    deadline = time.monotonic() + 15
    while not list(kept.glob("*.pickle")) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert len(list(kept.glob("*.pickle"))) == 1
    term.press("q")
    term.wait_for("XIAOMI-EXIT=0")
    assert list(kept.glob("*.tmp")) == []


def test_cite_copy_puts_the_citation_on_the_terminal_clipboard_by_osc52(terminal):
    """Over SSH the system clipboard is out of reach, the terminal's is not: `cite --copy` sends OSC 52 to the
    controlling terminal (here tmux, which keeps it in its buffer), never to stdout."""
    term = terminal("--facts", str(FIXTURE), "cite", "alpha-body", "--copy", "--clipboard", "osc52")
    screen = term.wait_for("XIAOMI-EXIT=0")
    cited = subprocess.run([str(COMMAND), "--facts", str(FIXTURE), "cite", "alpha-body"],
                           capture_output=True, text=True, env=term.env, check=True).stdout.strip()
    assert term.tmux("show-buffer") == cited
    assert "OSC 52 sent through tmux" in screen and "system clipboard" not in screen


def test_a_tiny_terminal_gets_a_message_not_a_crash(terminal):
    term = terminal("--facts", str(FIXTURE), size=(30, 8))
    term.wait_for("too small")
    term.tmux("resize-window", "-t", "main", "-x", "40", "-y", "10")
    term.wait_for("Specs")
    term.press("2", "3", "4", "1")
    term.wait_for("Body style")
    term.press("q")
    term.wait_for("XIAOMI-EXIT=0")


def open_on_a_copy(terminal, tmp_path: Path) -> tuple[Terminal, Path, str]:
    """The dashboard on a copy of the fixture, to edit while it runs: the terminal, the copy, its text."""
    facts = tmp_path / "facts.toml"
    good = FIXTURE.read_text(encoding="utf-8")
    facts.write_text(good, encoding="utf-8")
    term = terminal("--facts", str(facts))
    term.wait_for("Test fact base")
    return term, facts, good


def test_editing_the_file_while_open_reloads_keeps_the_last_good_data_and_says_what_changed(terminal, tmp_path):
    """One session edits the file four times: a title, a broken value, the good text back, a claim added."""
    term, facts, good = open_on_a_copy(terminal, tmp_path)

    facts.write_text(good.replace('title = "Test fact base"', 'title = "Edited in place"'), encoding="utf-8")
    term.wait_for("Edited in place")

    facts.write_text(good.replace('value = "sedan"', 'value = { amount = 1 }'), encoding="utf-8")
    screen = term.wait_for("Showing the last good data")
    assert "takes a text value" in " ".join(screen.split())  # the banner wraps long paths
    assert "Body style" in screen

    facts.write_text(good, encoding="utf-8")
    term.wait_for("Test fact base")
    screen = term.wait_until_gone("Showing the last good data")
    assert "Body style" in screen

    second_body = ('\n[[claims]]\nid = "beta-body"\ntopic = "body-style"\nsource = "beta"\n'
                   'statement = "The car is an SUV."\nvalue = "SUV"\norigin = "wire"\npara = 4\n')
    facts.write_text(good + second_body, encoding="utf-8")
    term.wait_for("reloaded: 1 claim added; Body style: single \u2192")  # the toast wraps before "conflict"
    term.press("C-p")
    term.wait_for("Search for commands")
    term.press(*"what changed")
    term.wait_for("What changed")
    term.press("Enter")
    screen = term.wait_for("What the last reload changed")
    assert "status: Body style: single \u2192 conflict" in screen
    assert "added: beta-body" in screen


def test_a_reload_under_the_claims_screen_then_c_cites_what_is_left_and_the_app_stays_up(terminal, tmp_path):
    """It once crashed here: the claims screen kept the old fact base, `c` looked a removed claim up."""
    facts = tmp_path / "facts.toml"
    facts.write_text(FIXTURE.read_text(encoding="utf-8"), encoding="utf-8")
    term = terminal("--facts", str(facts))
    term.wait_for("3 of 3 sources")
    term.press("3")
    term.wait_for("First-phase investment")
    term.press("Enter")
    term.wait_for("Provenance")
    term.press("j")
    facts.write_text(without_claim(facts.read_text(encoding="utf-8"), "beta-investment"), encoding="utf-8")
    deadline = time.monotonic() + 15
    while "highlighted" not in term.screen() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert "highlighted" in term.screen(), term.screen()
    term.press("c")
    term.wait_for("OSC 52 sent through tmux")  # the toast wraps after "terminal"
    cited = subprocess.run([str(COMMAND), "--facts", str(facts), "cite", "alpha-investment"],
                           capture_output=True, text=True, env=term.env, check=True).stdout.strip()
    assert term.tmux("show-buffer") == cited
    assert "Provenance" in term.screen()  # still on the claims screen, and still running
    term.press("q")  # q quits from the claims screen too
    term.wait_for("XIAOMI-EXIT=0")


def test_a_broken_fact_base_exits_2_with_the_line_and_no_traceback(terminal, tmp_path):
    facts = tmp_path / "facts.toml"
    facts.write_text(FIXTURE.read_text(encoding="utf-8").replace('id = "beta"', 'id = "beta', 1), encoding="utf-8")
    term = terminal("--facts", str(facts))
    screen = term.wait_for("XIAOMI-EXIT=2")
    assert "facts.toml:15:" in screen
    assert "Traceback" not in screen



def test_runs_without_colour_on_a_16_colour_terminal(terminal):
    term = terminal("--facts", str(FIXTURE), size=(100, 30), env={"NO_COLOR": "1", "TERM": "xterm"})
    screen = term.wait_for("Body style")
    assert "\u2022 single" in screen  # the word and the symbol carry the meaning, not colour
    term.press("2")
    term.wait_for("\u2717 conflict")
    term.press("q")
    term.wait_for("XIAOMI-EXIT=0")


def test_unticking_a_source_reads_in_text_without_colour(terminal):
    term = terminal("--facts", str(FIXTURE), size=(80, 24), env={"NO_COLOR": "1", "TERM": "xterm"})
    term.wait_for("Body style")
    term.press("s")
    before = term.wait_for("Sources in view: 3 of 3")
    assert before.count("[x] ") == 3 and "[ ] " not in before
    term.press("space")  # the first source, Alpha News
    after = term.wait_for("Sources in view: 2 of 3")
    ticked = [line for line in after.splitlines() if "[x] " in line]
    unticked = [line for line in after.splitlines() if "[ ] " in line]
    assert len(ticked) == 2 and len(unticked) == 1 and "Alpha" in unticked[0]
    term.press("Enter")
    assert "2 of 3 sources" in term.wait_until_gone("Sources in view")
    term.press("q")
    term.wait_for("XIAOMI-EXIT=0")


def test_one_source_of_the_bundled_facts_and_its_citation_in_tmux(terminal, tmp_path):
    term = terminal("--source", "pandaily", cwd=tmp_path)
    screen = term.wait_for("1 of 5 sources")
    term.press("2")
    screen = term.wait_for("\u25c7")  # the timeline opens at the fact base's date
    for other in ("CnEVPost", "ArenaEV", "Xiaomi EV-1"):
        assert other not in _pane(screen).split("\u256d")[1]  # the timeline table shows Pandaily alone
    term.press("c")
    term.wait_for("OSC 52 sent through tmux")  # the toast wraps after "terminal"
    exported = subprocess.run([str(COMMAND), "--source", "pandaily", "export", "--format", "json"],
                              capture_output=True, text=True, check=True, env=term.env).stdout
    dated = [claim["id"] for claim in json.loads(exported)["claims"] if claim["date"]]
    citations = {subprocess.run([str(COMMAND), "cite", claim_id], capture_output=True, text=True, check=True,
                                env=term.env).stdout.strip() for claim_id in dated}
    copied = term.tmux("show-buffer")
    assert copied in citations
    # APA: the in-text citation with the paragraph, then the reference entry (title as kept, in sentence case).
    assert copied.startswith('("Xiaomi Held Exclusive Closed-Door," 2023, para. ')
    assert "\n\nXiaomi held exclusive closed-door meeting on EV strategies. (2023, November). Pandaily." in copied


def test_a_search_typed_straight_after_the_slash_keeps_every_key(terminal):
    term = terminal()
    term.wait_for("5 of 5 sources")
    term.press("2")
    term.wait_for("Mass-production start")
    term.tmux("send-keys", "-t", "main", "/lei jun")  # one burst, as a fast typist or a paste sends it
    screen = term.wait_for("search: lei jun")
    assert "Mass-production start" in _pane(screen)
    assert "Spy photos" not in _pane(screen)


@pytest.mark.parametrize("redirect", ["< /dev/null", "> /dev/null", "< /dev/null > /dev/null"])
def test_the_dashboard_without_a_terminal_at_either_end_exits_2_at_once(terminal, redirect):
    term = terminal("--facts", str(FIXTURE), redirect)  # the shell line in tmux applies the redirection
    screen = term.wait_for("XIAOMI-EXIT=2")
    assert "xiaomi-tui needs a terminal; check, cite, export and scorecard work in scripts" in screen


def test_5_shows_the_outcomes_and_the_reasoning_of_a_missed_forecast(terminal, tmp_path):
    term = terminal(cwd=tmp_path)
    term.wait_for("5 of 5 sources")
    term.press("5")
    screen = term.wait_for("Track record")
    assert "\u25cf held" in screen and "by late Mar 2024" in screen and "Ming-Chi Kuo" in screen
    term.tmux("send-keys", "-t", "main", "/unnamed person cited", "Enter")
    screen = term.wait_for("\u25cb missed")
    assert "not yet by late Dec 2023 (Verna Magazine" in " ".join(screen.split())


@pytest.fixture
def hostile_facts(tmp_path: Path) -> Path:
    """Source names and a statement that Rich or Textual markup would read as tags and actions."""
    text = FIXTURE.read_text(encoding="utf-8")
    for old, new in (('publisher = "Alpha News"', 'publisher = "CnEVPost [/nope]"'),
                     ('publisher = "Beta Daily"', 'publisher = "[@click=app.quit]x[/]"'),
                     ('"The car is a sedan, the insider said."', '"The car is a [b]sedan[/b], [link=x]said[/link]."')):
        assert text.count(old) == 1
        text = text.replace(old, new)
    path = tmp_path / "hostile.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_markup_in_source_names_and_the_search_is_shown_as_typed(terminal, hostile_facts):
    term = terminal("--facts", str(hostile_facts))
    screen = term.wait_for("3 of 3 sources")
    assert "The car is a [b]sedan[/b], [link=x]said[/link]." in " ".join(screen.split())
    term.press("C-p")
    term.tmux("send-keys", "-t", "main", "-l", "Toggle source: [@click")
    term.wait_for("Toggle source: [@click=app.quit]x[/]")
    term.press("Enter")
    term.wait_for("2 of 3 sources")  # the entry toggled the source; it did not quit
    term.press("C-p")
    term.tmux("send-keys", "-t", "main", "-l", "Only source: CnEVPost")
    term.wait_for("Only source: CnEVPost [/nope]")
    term.press("Enter")
    term.wait_for("1 of 3 sources")
    term.tmux("send-keys", "-t", "main", "-l", "/[/x]")
    term.wait_for("search: [/x]")
    term.press("q")  # typed into the search box: the app is still there
    term.wait_for("search: [/x]q")
    assert "XIAOMI-EXIT" not in term.screen()


def test_after_a_tiny_terminal_the_keys_move_the_same_table_again(terminal):
    term = terminal("--facts", str(FIXTURE), size=(120, 40))
    term.wait_for("3 of 3 sources")
    term.press("2")
    term.wait_for("Mass-production start")
    term.tmux("resize-window", "-t", "main", "-x", "30", "-y", "8")
    term.wait_for("too small")
    term.press("1")  # below the minimum it acts on nothing
    term.tmux("resize-window", "-t", "main", "-x", "120", "-y", "40")
    term.wait_for("Mass-production start")  # still the timeline
    term.press("g")  # the timeline's table has the focus again: its first row is the RMB 10 bn investment
    term.wait_for("The first phase of the car business gets RMB 10 billion.")
    term.press("q")
    term.wait_for("XIAOMI-EXIT=0")


def test_the_provenance_tree_of_the_ndrc_approval_in_tmux(terminal, tmp_path):
    term = terminal(cwd=tmp_path)
    term.wait_for("5 of 5 sources")
    term.press("2")
    term.wait_for("Mass-production start")
    term.tmux("send-keys", "-t", "main", "/ndrc", "Enter")
    term.wait_for("search: ndrc")
    term.press("Enter")
    screen = term.wait_for("Provenance")
    tree = screen[screen.index("Provenance"):]
    assert "Reuters  origin, outlet" in tree
    assert "Reuters report of 23 Aug 2023  relay, document" in tree
    assert tree.count("echo") == 4 and tree.count("(inferred origin)") == 2
    term.press("i")
    term.wait_for("OSC 52 sent through tmux")  # the toast wraps after "terminal"
    assert term.tmux("show-buffer").startswith(  # neither report's title is known: APA describes both
        "([Report on the NDRC's Approval of Xiaomi's EV Production], 2023, as cited in "
        "[Report on the Mass-Production and Launch Dates of Xiaomi's First EV], 2023, para. 13)")
    term.press("q")
    term.wait_for("XIAOMI-EXIT=0")


def test_a_keymap_in_the_settings_moves_a_key_in_the_footer_and_the_help(terminal, tmp_path):
    settings = tmp_path / "config" / "xiaomi-tui" / "settings.json"
    settings.parent.mkdir(parents=True)
    settings.write_text(json.dumps({"keymap": {"cite.copy": "x"}}), encoding="utf-8")
    term = terminal("--facts", str(FIXTURE))
    footer = term.wait_for("Cite").splitlines()[-1]
    assert "x Cite" in footer and "c Cite" not in footer
    term.press("?")
    screen = term.wait_for("Copy the citation of the selected claim")
    line = next(line for line in screen.splitlines() if "Copy the citation of the selected claim" in line)
    cells = re.split("[\u2502\u2503]", line)[2].split()  # the help's row, inside the dashboard's borders (heavy: focused)
    assert cells[:2] == ["x", "Copy"], line
    term.press("Escape")  # alone: an escape followed at once by c reads as alt+c, and the help would stay open
    term.wait_until_gone("Copy the citation of the selected claim")
    term.press("c")
    time.sleep(0.5)
    assert term.tmux("list-buffers") == ""  # c no longer copies
    term.press("x")
    term.wait_for("OSC 52 sent through tmux")  # the toast wraps after "terminal"


def test_the_palette_opens_the_chart_at_80x24_on_the_selected_forecast(terminal, tmp_path):
    drawn = chart(score(load(bundled_facts_path())))
    third = drawn.rows[2]  # the Outcomes pane's third row, in the scorecard's order
    term = terminal(size=(80, 24), cwd=tmp_path)
    term.wait_for("sources")
    term.press("5")
    term.wait_for("Track record")
    term.press("j", "j")
    term.press("C-p")
    term.wait_for("Search for commands")
    term.press(*"chart")
    term.wait_for("time axis")
    term.press("Enter")
    in_words = f"{third.what} ({third.who}): said {third.said.text}"  # the selected one, under the chart
    assert wait_until(lambda: in_words in " ".join(term.screen().split()), 15), term.screen()
    screen = term.screen()
    lines = screen.splitlines()
    assert any("2021" in line and "2024" in line for line in lines)  # the axis
    [selected] = [line for line in lines if "▶" in line]
    symbol = third.score.verdict.symbol
    assert f"▶ {symbol} {third.what[:20]}" in selected and "├" in selected and symbol in selected[40:]
    assert f"of {len(drawn.rows)} forecasts" in screen and "○ missed" in screen  # the legend: verdicts' glyphs
    term.press("Escape")
    term.wait_until_gone("Forecasts against what happened")


def pane_state(term: Terminal) -> dict[str, str]:
    """What the app left in the terminal: the alternate screen, mouse reporting, and the tty's echo and line mode."""
    shown = term.tmux("display-message", "-p", "-t", "main",
                      "#{alternate_on} #{mouse_any_flag} #{mouse_button_flag} #{pane_tty}").split()
    modes = subprocess.run(["stty", "-a", "-F", shown[3]], capture_output=True, text=True, check=True).stdout.split()
    return {"alternate screen": shown[0], "mouse": shown[1] + shown[2],
            "echo": "on" if "echo" in modes else "off", "line mode": "on" if "icanon" in modes else "off"}


@pytest.mark.parametrize("name", ["SIGTERM", "SIGHUP", "SIGQUIT"])
def test_a_signal_ends_the_dashboard_and_gives_the_terminal_back(terminal, name: str) -> None:
    term = terminal("--facts", str(FIXTURE))
    term.wait_for("Body style")
    assert pane_state(term)["alternate screen"] == "1"

    os.kill(term.app_pid(), getattr(signal, name))

    term.wait_for(f"XIAOMI-EXIT={128 + getattr(signal, name)}")
    assert pane_state(term) == {"alternate screen": "0", "mouse": "00", "echo": "on", "line mode": "on"}


def test_a_terminal_closed_at_any_moment_of_start_up_leaves_no_dashboard_behind(terminal, tmp_path) -> None:
    """Closing tmux 0.4 s after a launch on an empty cache once left the app on a futex forever (1 in 12 tries):
    five launches, each closed at another moment of its start-up; the fixture then sees that every app ended."""
    moments = (0.1, 0.3, 0.4, 0.6, 1.0)
    launched = [(time.monotonic(), terminal("--facts", str(FIXTURE), env={"XDG_CACHE_HOME": str(tmp_path / str(at))}))
                for at in moments]
    for at, (started, term) in zip(moments, launched):
        time.sleep(max(0.0, started + at - time.monotonic()))
        term.close()


def test_c_then_q_quits_though_the_clipboard_helper_never_answers(terminal, tmp_path) -> None:
    """pyperclip waits for xclip forever, and quitting waited for pyperclip."""
    folder = tmp_path / "bin"
    folder.mkdir()
    (folder / "xclip").write_text("#!/bin/sh\nexec sleep 60 >/dev/null 2>&1\n")
    (folder / "xclip").chmod(0o755)
    term = terminal("--facts", str(FIXTURE), env={"PATH": f"{folder}:{os.environ['PATH']}", "DISPLAY": ":0"})
    term.wait_for("Body style")

    term.press("c")
    term.press("q")

    term.wait_for("XIAOMI-EXIT=0", timeout=10)


def test_e_then_a_save_changes_the_file_and_the_screen(terminal, tmp_path):
    term, facts, good = open_on_a_copy(terminal, tmp_path)
    term.press("2")
    term.wait_for("Mass-production start")
    term.press("e")
    term.wait_for("Edit claim")
    term.press(*"Typed in tmux, in our own words.")  # the field is selected as it takes the focus: typing replaces it
    term.wait_for("Checked: ctrl+s")
    term.press("C-s")
    term.wait_for("Write this change")
    assert facts.read_text(encoding="utf-8") == good  # nothing written before the diff is confirmed
    term.press("y")
    screen = term.wait_for("reloaded: 1 claim changed")
    assert 'statement = "Typed in tmux, in our own words."' in facts.read_text(encoding="utf-8")
    assert "Typed in tmux" in screen  # the detail panel shows the claim as it now is


# -- issue 32: what only a terminal shows -------------------------------------------------------


def toast(screen: str) -> str:
    """The words of the toasts on screen, each line's text right of its bar, joined."""
    return " ".join(line.rpartition("\u258c")[2].rstrip(" " + "".join(map(chr, range(0x2500, 0x2580))))
                    for line in screen.splitlines() if "\u258c" in line).replace("  ", " ").strip()


def test_in_default_tmux_the_toast_says_the_citation_reached_no_clipboard(terminal) -> None:
    """With tmux's default `set-clipboard external` the toast said "Copied" though nothing reached its buffer."""
    term: Terminal = terminal("--facts", str(FIXTURE), size=(100, 30))
    term.tmux("set-option", "-s", "set-clipboard", "external")  # as tmux is installed (the harness turns it on)
    term.wait_for("sources")
    term.press("c")
    term.wait_for("Not copied")
    said = toast(term.screen())
    assert "tmux drops OSC 52 (its set-clipboard is external" in said and "no system clipboard" in said
    assert term.tmux("list-buffers") == ""
    term.tmux("set-option", "-s", "set-clipboard", "on")
    term.press("c")
    term.wait_for("through tmux")
    assert "OSC 52 sent through tmux to the terminal clipboard" in toast(term.screen())
    assert term.tmux("show-buffer").startswith("(")


def test_keys_typed_at_once_after_a_pane_switch_follow_it(terminal):
    """From Investment, `5/is:missed⏎` sent at once: the search kept its words (the table took the focus
    back, `i` cited, `s` opened the picker and the rest ticked sources away)."""
    term: Terminal = terminal(size=(100, 30))
    term.wait_for("sources")
    term.press("3")
    term.wait_for("First-phase investment")
    term.tmux("send-keys", "-t", "main", "-l", "5/")  # two writes, no pause: the app reads them apart
    term.tmux("send-keys", "-t", "main", "-l", "is:missed\r")
    screen = term.wait_for("search: is:missed")
    assert "5 of 5 sources" in screen and "Sources in view" not in screen
    assert "\u25cb missed" in screen and "\u25cf held" not in screen  # the Outcomes pane, narrowed


def test_at_60x20_the_sources_and_the_track_record_keep_rows(terminal):
    """The Sources pane's list and the Outcomes pane's track record showed no row at all."""
    term: Terminal = terminal(size=(60, 20))
    term.wait_for("sources")
    term.press("4")
    assert "CnEVPost        15 Nov 2023" in term.wait_for("Published")
    term.press("5")
    screen = term.wait_for("Track record")
    assert "  Lei Jun" in screen or "Xiaomi  " in screen.split("Track record", 1)[1]

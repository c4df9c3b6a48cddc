from __future__ import annotations

import csv
import importlib.util
import io
import json
import os
import re
import shlex
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import run

from xiaomi_tui.cli.main import main
from xiaomi_tui.facts.export.tables import COLUMNS, CSV_COLUMNS
from xiaomi_tui.facts.model.factbase import FactBase
from xiaomi_tui.web.server import DashboardServer


def broken_copy(tmp_path: Path, small_facts_path: Path, old: str, new: str) -> Path:
    text = small_facts_path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path = tmp_path / "broken.toml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


# -- check --------------------------------------------------------------------------------------


def line_of(path: Path, snippet: str) -> int:
    text = path.read_text(encoding="utf-8")
    assert text.count(snippet) == 1
    return text[: text.index(snippet)].count("\n") + 1


def test_check_prints_counts_per_source_and_what_to_look_at(capsys, small_facts_path: Path) -> None:
    code, out, err = run(capsys, "check", small_facts_path)

    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[:5] == [
        f"{small_facts_path}: ok",
        "  3 sources, 15 claims, 8 topics, 5 parties, 1 rate",
        "     9 claims  alpha          Alpha News",
        "     2 claims  beta           Beta Daily",
        "     4 claims  gamma          Maker EV-1",
    ]
    assert "6 things to look at twice:" in lines
    assert "  conflict: Mass-production start: Dec 2023 vs H1 2024 (Dec 2023 vs H1 2024 cannot both be true)" in lines
    assert lines[-1] == "  single: Body style: sedan (alpha)"


def test_check_lists_later_reports_apart_with_their_ids_aligned(capsys, tmp_path: Path, small_facts_path: Path) -> None:
    path = tmp_path / "facts.toml"
    path.write_text(small_facts_path.read_text(encoding="utf-8") + (
        '\n[[sources]]\nid = "a-long-later-report-id"\npublisher = "Later Wire"\npublished = "2024-04"\noutcome = true\n'
        '\n[[claims]]\nid = "later-body"\ntopic = "body-style"\nsource = "a-long-later-report-id"\n'
        'statement = "A later report saw a sedan."\nvalue = "sedan"\norigin = "wire"\n'), encoding="utf-8")

    code, out, _ = run(capsys, "check", path)

    assert code == 0
    assert out.splitlines()[2:7] == [
        "     9 claims  alpha                  Alpha News",
        "     2 claims  beta                   Beta Daily",
        "     4 claims  gamma                  Maker EV-1",
        "  and 1 later report of outcomes, 1 claim:",
        "     1 claim   a-long-later-report-id Later Wire",
    ]


def test_check_takes_the_path_from_facts_too(capsys, small_facts_path: Path) -> None:
    code, out, _ = run(capsys, "--facts", small_facts_path, "check")

    assert code == 0
    assert out.startswith(f"{small_facts_path}: ok\n")


def test_check_prints_loader_warnings(capsys, tmp_path: Path, small_facts_path: Path) -> None:
    path = broken_copy(tmp_path, small_facts_path, '[[parties]]\nid = "maker"',
                       '[[sources]]\nid = "delta"\n\n[[parties]]\nid = "maker"')

    code, out, _ = run(capsys, "check", path)

    assert code == 0
    assert "warning: source 'delta' has no claims" in out.splitlines()


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ('kind = "news"', "kind = news", "{line}:8: TOML syntax: Invalid value"),
        ("para = 7", "para = 0", "{line}: claim 'gamma-price' field 'para': Input should be greater than 0 (got 0)"),
        ('topic = "price"\nsource = "gamma"', 'topic = "prize"\nsource = "gamma"',
         "{line}: claim 'gamma-price' field 'topic': unknown topic 'prize'; did you mean 'price'?"),
        ('url = "https://beta.example/meeting"', 'url = "https://beta.example/\\u001b]0;owned\\u0007"',
         "{line}: source 'beta' field 'url': control character U+001B at position 22; remove it"),
        ("para = 7", 'para = "7"', "{line}: claim 'gamma-price' field 'para': Input should be a valid integer (got '7')"),
    ],
    ids=["syntax", "schema", "cross-reference", "escape-in-url", "strict-type"],
)
def test_check_on_a_broken_file_exits_2_naming_the_line(
    capsys, tmp_path: Path, small_facts_path: Path, old: str, new: str, expected: str
) -> None:
    path = broken_copy(tmp_path, small_facts_path, old, new)

    code, out, err = run(capsys, "check", path)

    assert (code, out) == (2, "")
    line = line_of(path, new.split("\n")[0])
    assert err == f"error: {path} has 1 problem:\n  {path}:{expected.format(line=line)}\n"


def test_check_on_a_missing_file_exits_2(capsys, tmp_path: Path) -> None:
    code, _, err = run(capsys, "check", tmp_path / "absent.toml")

    assert code == 2
    assert "absent.toml: no such file" in err
    assert "Traceback" not in err


def test_the_console_entry_point_reports_a_broken_file_without_a_traceback(tmp_path: Path,
                                                                           small_facts_path: Path) -> None:
    path = broken_copy(tmp_path, small_facts_path, 'currency = "EUR"', 'currency = "RMB"')

    result = subprocess.run([sys.executable, "-m", "xiaomi_tui", "check", str(path)],
                            capture_output=True, text=True, timeout=60)

    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    line = line_of(path, 'currency = "RMB"')
    assert f"{path}:{line}: claim 'gamma-price' field 'value.currency': unknown currency 'RMB'" in result.stderr
    assert "the ISO code for renminbi is CNY" in result.stderr


def special_file(tmp_path: Path, kind: str) -> Path:
    if kind == "fifo":
        os.mkfifo(tmp_path / "facts.toml")
        return tmp_path / "facts.toml"
    return Path("/dev/zero")


@pytest.mark.timeout(30)
@pytest.mark.parametrize(("kind", "said"), [("fifo", "is a FIFO (named pipe)"), ("device", "is a character device")])
@pytest.mark.parametrize("command", [["check", "{}"], ["--facts", "{}", "export"]], ids=["check", "export"])
def test_a_special_file_exits_2_at_once_without_reading_it(tmp_path: Path, kind: str, said: str,
                                                         command: list[str]) -> None:
    """`check /dev/zero` once read until memory ran out, and a FIFO hung until killed."""
    path = special_file(tmp_path, kind)

    result = subprocess.run([sys.executable, "-m", "xiaomi_tui", *(part.format(path) for part in command)],
                            capture_output=True, text=True, timeout=20, stdin=subprocess.DEVNULL)

    assert result.returncode == 2
    assert f"{path}: {said}, not a regular file" in result.stderr
    assert "Traceback" not in result.stderr


def test_check_on_a_file_nested_too_deep_to_parse_exits_2_naming_the_line(tmp_path: Path,
                                                                          small_facts_path: Path) -> None:
    depth = 500
    path = broken_copy(tmp_path, small_facts_path, "[meta]\n", "[meta]\ndeep = " + "[" * depth + "]" * depth + "\n")

    result = subprocess.run([sys.executable, "-m", "xiaomi_tui", "check", str(path)],
                            capture_output=True, text=True, timeout=60)

    assert result.returncode == 2
    assert f"{path}:3: TOML syntax: tables or arrays are nested too deeply to read" in result.stderr
    assert "Traceback" not in result.stderr


# -- --source -----------------------------------------------------------------------------------


def test_an_unknown_source_exits_2_listing_the_valid_ids(capsys, small_facts_path: Path) -> None:
    code, out, err = run(capsys, "--facts", small_facts_path, "--source", "alpha", "--source", "nope", "export")

    assert (code, out) == (2, "")
    assert err == (
        "xiaomi-tui: unknown source 'nope'; give an id or a name:\n"
        "  alpha          Alpha News\n"
        "  beta           Beta Daily\n"
        "  gamma          Maker EV-1\n"
    )


def test_a_source_is_named_by_its_name_as_well_as_its_id(capsys, small_facts_path: Path) -> None:
    code, out, _ = run(capsys, "--facts", small_facts_path, "export", "--source", "beta daily", "--source", "Alpha News",
                       "--format", "csv")
    assert code == 0
    assert {row["source"] for row in csv.DictReader(io.StringIO(out))} == {"alpha", "beta"}


@pytest.mark.parametrize("command", [["check"], ["scorecard"], ["cite", "alpha-price"], ["export"]])
def test_the_global_options_come_after_the_command_too(capsys, small_facts_path: Path, command: list[str]) -> None:
    code, _, err = run(capsys, *command, "--facts", small_facts_path, "--source", "alpha")
    assert (code, err.count("unknown")) == (0, 0)


@pytest.mark.parametrize("command", [["check"], ["claim", "show", "alpha-approval"]])
def test_clipboard_comes_before_or_after_the_command(capsys, small_facts_path: Path, command: list[str]) -> None:
    plain = run(capsys, "--facts", small_facts_path, *command)
    assert plain[0] == 0
    assert run(capsys, "--clipboard", "system", "--facts", small_facts_path, *command) == plain
    assert run(capsys, "--facts", small_facts_path, *command, "--clipboard", "osc52") == plain


@pytest.mark.parametrize("argv", [["--clipboard", "osc-52", "check"], ["check", "--clipboard", "osc-52"]])
def test_an_unknown_clipboard_is_a_usage_error_before_or_after_the_command(capsys, argv: list[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    err = capsys.readouterr().err
    assert exit_.value.code == 2 and err.startswith("usage: xiaomi-tui")
    assert "error: argument --clipboard: invalid choice: 'osc-52' (choose from 'auto', 'osc52', 'system')" in err


@pytest.mark.parametrize(("argv", "chosen"), [([], "auto"), (["--clipboard", "system"], "system")])
def test_the_dashboard_copies_as_clipboard_says(monkeypatch: pytest.MonkeyPatch, small_facts_path: Path,
                                                argv: list[str], chosen: str) -> None:
    import xiaomi_tui.cli.main as cli

    given = []
    monkeypatch.setenv("TEXTUAL_DRIVER", "a driver of its own")  # no terminal needed: the dashboard is not run
    monkeypatch.setattr(cli, "_load_beside_textual", cli._load)  # as the dashboard loads, without Textual
    monkeypatch.setattr(cli, "_dashboard", lambda facts, sources, clipboard, *rest: given.append(clipboard) or 0)
    assert main([*argv, "--facts", str(small_facts_path)]) == 0
    assert given == [chosen]


def test_clipboard_is_in_the_help_once_and_not_in_a_commands_that_ignores_it(capsys) -> None:
    # the usage line and the option's own; `cite --copy` reads it, and its help says so (its --copy line too)
    for argv, times in ((["--help"], 2), (["check", "--help"], 0), (["cite", "--help"], 3)):
        with pytest.raises(SystemExit):
            main(argv)
        assert capsys.readouterr().out.count("--clipboard") == times


def test_check_facts_after_the_command_checks_that_file(capsys, tmp_path: Path, small_facts_path: Path) -> None:
    broken = broken_copy(tmp_path, small_facts_path, 'id = "alpha"', 'id = "alpha"\nid = "again"')
    code, _, err = run(capsys, "check", "--facts", broken)
    assert code == 2 and str(broken.name) in err


@pytest.mark.parametrize(("typed", "meant"), [("exprot", "export"), ("chek", "check"), ("scorcard", "scorecard")])
def test_a_mistyped_command_gets_a_suggestion(capsys, typed: str, meant: str) -> None:
    with pytest.raises(SystemExit) as exit_:
        main([typed])
    assert exit_.value.code == 2
    assert f"unknown command '{typed}'; did you mean {meant}?" in capsys.readouterr().err


# -- export -------------------------------------------------------------------------------------


def markdown_cells(line: str) -> list[str]:
    """Split a table row on unescaped pipes."""
    return [cell.strip() for cell in re.split(r"(?<!\\)\|", line)[1:-1]]


def test_export_json_is_the_whole_fact_base_with_its_analysis(
    capsys, small_facts_path: Path, small_facts: FactBase
) -> None:
    code, out, _ = run(capsys, "--facts", small_facts_path, "export", "--format", "json")

    dump = json.loads(out)
    assert code == 0
    assert list(dump) == ["meta", "sources", "parties", "topics", "claims"]
    assert dump["meta"]["sources_in_view"] == ["alpha", "beta", "gamma"]
    assert [source["id"] for source in dump["sources"]] == ["alpha", "beta", "gamma"]
    assert [party["id"] for party in dump["parties"]] == list(small_facts.parties)
    assert sorted(claim["id"] for claim in dump["claims"]) == sorted(small_facts.claims)
    capacity = next(claim for claim in dump["claims"] if claim["id"] == "gamma-capacity")
    assert capacity == {
        "id": "gamma-capacity", "topic": "capacity", "source": "gamma",
        "statement": "The blog also puts the plant at 300,000 vehicles a year, citing the analyst.",
        "origin": "analyst", "origin_basis": "stated", "basis": None, "via": [], "organisation": "analyst",
        "stance": "plan", "value": {"min": 300000, "max": 300000, "unit": "vehicles/year", "approx": False},
        "value_text": "300,000 vehicles/year", "value_number": 300000, "date": None, "date_start": None,
        "date_end": None, "said": None, "said_start": None, "said_end": None, "para": 5, "standing": "corroborated",
        "disputed": None, "superseded": None, "note": None,
    }
    approval = next(topic for topic in dump["topics"] if topic["id"] == "approval")
    assert approval == {
        "id": "approval", "label": "Regulator approval", "pane": "timeline", "kind": "date", "unit": None,
        "status": "echo", "reason": "1 origin, 2 sources: the same report repeated", "consensus": "23 Aug 2023",
        "sources": ["alpha", "beta"], "origins": ["wire"], "organisations": ["wire"], "inferred": 0,
        "set_aside": [],
    }


def test_export_csv_has_a_header_and_one_row_per_claim(capsys, small_facts_path: Path) -> None:
    code, out, _ = run(capsys, "--facts", small_facts_path, "export", "--format", "csv")

    reader = csv.DictReader(io.StringIO(out))
    rows = list(reader)
    assert code == 0
    assert tuple(reader.fieldnames or ()) == CSV_COLUMNS
    assert len(rows) == 15
    assert {row["id"]: row["value"] for row in rows}["alpha-price"] == "below RMB 300,000"


def test_export_csv_with_bom_starts_with_one_and_is_otherwise_the_same(capsys, small_facts_path: Path) -> None:
    _, plain, _ = run(capsys, "--facts", small_facts_path, "export", "--format", "csv")
    code, marked, _ = run(capsys, "--facts", small_facts_path, "export", "--format", "csv", "--bom")

    assert code == 0 and marked == "\ufeff" + plain and not plain.startswith("\ufeff")


def test_export_spreadsheet_is_the_bom_and_dates_marked_as_text(capsys, small_facts_path: Path) -> None:
    _, plain, _ = run(capsys, "--facts", small_facts_path, "export", "--format", "csv")
    code, marked, _ = run(capsys, "--facts", small_facts_path, "export", "--format", "csv", "--spreadsheet")

    assert code == 0 and marked.startswith("\ufeff") and ",'15 Nov 2023," in marked
    assert ",'15 Nov 2023," not in plain and ",15 Nov 2023," in plain
    assert run(capsys, "--facts", small_facts_path, "export", "--spreadsheet")[0] == 2


def test_export_bom_is_for_csv_only(capsys, small_facts_path: Path) -> None:
    code, out, err = run(capsys, "--facts", small_facts_path, "export", "--format", "json", "--bom")

    assert (code, out) == (2, "")
    assert err == "xiaomi-tui: --bom is for --format csv: JSON and Markdown readers take UTF-8 without one\n"


def test_export_markdown_is_a_table_with_one_row_per_claim(capsys, small_facts_path: Path) -> None:
    code, out, _ = run(capsys, "--facts", small_facts_path, "export", "--format", "markdown")

    header, rule, *rows = out.splitlines()
    assert code == 0
    assert markdown_cells(header) == list(COLUMNS)
    assert rule == "|" + "---|" * len(COLUMNS)
    assert len(rows) == 15
    assert all(len(markdown_cells(row)) == len(COLUMNS) for row in rows)


def test_export_filtered_by_source(capsys, small_facts_path: Path) -> None:
    code, out, _ = run(capsys, "--facts", small_facts_path, "--source", "gamma", "export")

    dump = json.loads(out)
    assert code == 0
    assert [source["id"] for source in dump["sources"]] == ["gamma"]
    assert {row["id"]: row["standing"] for row in dump["claims"]} == {
        "gamma-looks": "single", "gamma-investment-usd": "single",
        "gamma-capacity": "single", "gamma-price": "single",
    }


def test_export_markdown_keeps_a_statement_with_pipes_in_one_cell(
    capsys, tmp_path: Path, small_facts_path: Path
) -> None:
    path = broken_copy(tmp_path, small_facts_path, 'statement = "The car is a sedan, the insider said."',
                       'statement = "The car | is a sedan, the insider said."')

    code, out, _ = run(capsys, "--facts", path, "--source", "alpha", "export", "--format", "markdown")

    rows = out.splitlines()[2:]
    assert code == 0
    assert len(rows) == 9
    body = next(row for row in rows if row.startswith("| alpha-body |"))
    assert markdown_cells(body)[-1] == "The car \\| is a sedan, the insider said."


# -- cite ---------------------------------------------------------------------------------------


def test_cite_an_unknown_claim_exits_2_with_a_hint(capsys, small_facts_path: Path) -> None:
    code, out, err = run(capsys, "--facts", small_facts_path, "cite", "alpha-bodi")

    assert (code, out) == (2, "")
    assert err.startswith("xiaomi-tui: unknown claim 'alpha-bodi'; did you mean alpha-body")


def test_cite_with_no_close_match_points_at_export(capsys, small_facts_path: Path) -> None:
    code, _, err = run(capsys, "--facts", small_facts_path, "cite", "zzzz")

    assert code == 2
    assert err == "xiaomi-tui: unknown claim 'zzzz'; `xiaomi-tui export --format csv` lists the ids\n"


def test_a_script_keeps_the_fact_base_in_the_cache_before_it_exits(capsys, small_facts_path: Path) -> None:
    """Only the dashboard leaves the cache write for later (after its first frame); a command does it at once."""
    kept = Path(os.environ["XDG_CACHE_HOME"]) / "xiaomi-tui" / "validated"
    assert not kept.exists()
    assert run(capsys, "--facts", small_facts_path, "cite", "beta-approval")[0] == 0
    assert len(list(kept.glob("*.pickle"))) == 1


def test_cite_uses_the_saved_style_and_gives_the_paragraph(capsys, small_facts_path: Path) -> None:
    from xiaomi_tui.settings import Settings, settings_path

    assert Settings().choose("citation_style", "csl-citation") is None
    assert str(settings_path()).startswith(os.environ["XDG_CONFIG_HOME"])  # the test's, not the user's

    code, out, err = run(capsys, "--facts", small_facts_path, "cite", "beta-approval")

    [cited] = json.loads(out)["citationItems"]
    item = cited.pop("itemData")
    assert (code, err) == (0, "")
    assert cited == {"id": item["id"], "locator": "3", "label": "paragraph"}
    assert item["id"] == "writer2023"  # the document's key, the same as in the bibliography export
    assert item["issued"] == {"date-parts": [[2023, 11]]}  # published "2023-11" stays a month
    assert item["URL"] == "https://beta.example/meeting"


@pytest.mark.parametrize(("claim_id", "warning"), [
    ("unknown-outlet-foton-acquisition", "warning: \u2020 disputed: No report here or later says Xiaomi bought Foton Motor"),
    ("unknown-outlet-production-qualification", "warning: \u2020 disputed: It rests on the Foton purchase"),
], ids=["disputed-purchase", "disputed-qualification"])
def test_cite_of_a_disputed_claim_warns_on_stderr_and_cites_unchanged(capsys, claim_id: str, warning: str) -> None:
    from xiaomi_tui.facts.citations import cite
    from xiaomi_tui.facts.load.loader import bundled_facts_path, load

    facts = load(bundled_facts_path())
    code, out, err = run(capsys, "cite", claim_id, "--style", "apa")

    assert code == 0
    assert out.rstrip("\n") == cite(facts, facts.claims[claim_id], "apa").text  # the citation as ever
    assert any(line.startswith(warning) for line in err.splitlines()), err


def test_cite_of_a_claim_we_do_not_dispute_warns_of_nothing(capsys, small_facts_path: Path) -> None:
    code, _, err = run(capsys, "--facts", small_facts_path, "cite", "alpha-body", "--style", "apa")

    assert (code, err) == (0, "")


def test_cite_with_an_unknown_style_exits_2(capsys, small_facts_path: Path) -> None:
    code, out, err = run(capsys, "--facts", small_facts_path, "cite", "alpha-body", "--style", "harvard")

    assert (code, out) == (2, "")
    assert err.startswith("xiaomi-tui: unknown citation style 'harvard'; choose one of apa, ")


def test_a_closed_pipe_ends_quietly(small_facts_path: Path) -> None:
    """`xiaomi-tui export | head -1`: no BrokenPipeError traceback when the reader stops early."""
    producer = subprocess.Popen([sys.executable, "-m", "xiaomi_tui", "--facts", str(small_facts_path), "check"],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    producer.stdout.close()  # the reader is gone before anything is written
    _, err = producer.communicate(timeout=30)
    assert b"Traceback" not in err
    assert producer.returncode == 1


@pytest.mark.parametrize("order", [["--source", "beta", "export"], ["export", "--source", "beta"]],
                         ids=["before", "after"])
def test_export_takes_source_before_or_after_the_command(small_facts_path: Path, capsys, order) -> None:
    assert main(["--facts", str(small_facts_path), *order, "--format", "json"]) == 0
    claims = json.loads(capsys.readouterr().out)["claims"]
    assert {claim["source"] for claim in claims} == {"beta"}
    assert len(claims) == 2


# -- the dashboard needs a terminal -------------------------------------------------------------


def test_the_dashboard_without_a_terminal_exits_2_at_once(tmp_path: Path, small_facts_path: Path) -> None:
    """With stdin and stdout redirected it ran until killed, writing escapes into the file (tmux tests
    redirect one end at a time, the other a real terminal)."""
    out = tmp_path / "out"
    with out.open("wb") as written:
        result = subprocess.run([sys.executable, "-m", "xiaomi_tui", "--facts", str(small_facts_path)],
                                stdin=subprocess.DEVNULL, stdout=written, stderr=subprocess.PIPE, timeout=60)

    assert result.returncode == 2
    assert result.stderr.decode() == "xiaomi-tui needs a terminal; check, cite, export and scorecard work in scripts\n"
    assert out.read_bytes() == b""


# -- serve: everything is checked before a server starts -----------------------------------------


@pytest.fixture
def servers(monkeypatch: pytest.MonkeyPatch) -> list[DashboardServer]:
    """The servers `serve` would have run; none listens."""
    started: list[DashboardServer] = []
    monkeypatch.setattr(DashboardServer, "serve", lambda server, debug=False: started.append(server))
    return started


def test_serve_passes_the_fact_base_and_the_sources_to_every_tab(
        capsys, small_facts_path: Path, servers: list[DashboardServer], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(small_facts_path.parent)
    code, _out, err = run(capsys, "serve", "--facts", small_facts_path.name, "--source", "beta", "--port", "8123")

    assert (code, err) == (0, "")
    [server] = servers
    assert (server.host, server.port, server.public_url) == ("127.0.0.1", 8123, "http://127.0.0.1:8123")
    assert shlex.split(server.command)[-4:] == ["--facts", str(small_facts_path.resolve()), "--source", "beta"]


def test_serve_checks_the_sources_before_it_starts(capsys, small_facts_path: Path,
                                                   servers: list[DashboardServer]) -> None:
    code, _, err = run(capsys, "--facts", small_facts_path, "serve", "--source", "delta")
    assert code == 2 and "unknown source 'delta'" in err
    assert servers == []


def test_serve_keeps_to_this_machine_unless_told(capsys, servers: list[DashboardServer]) -> None:
    code, _, err = run(capsys, "serve", "--host", "0.0.0.0")
    assert code == 2
    assert err.startswith("xiaomi-tui: 0.0.0.0 is not a loopback address; add --public")
    assert servers == []


def test_serve_public_warns_that_anyone_can_use_it(capsys, servers: list[DashboardServer]) -> None:
    code, _, err = run(capsys, "serve", "--host", "0.0.0.0", "--public", "--port", "8124")
    assert code == 0
    assert "without authentication" in err
    [server] = servers
    # The page's websocket address is built from it: 0.0.0.0 would send a remote browser to itself.
    assert server.public_url == f"http://{socket.getfqdn()}:8124"


def test_serve_without_textual_serve_says_how_to_get_it(capsys, monkeypatch: pytest.MonkeyPatch,
                                                        servers: list[DashboardServer]) -> None:
    find_spec = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *rest: None if name == "textual_serve" else find_spec(name, *rest))
    code, _, err = run(capsys, "serve")
    assert (code, err) == (2, "xiaomi-tui: browser mode needs textual-serve: pip install 'xiaomi-tui[web]'\n")


@pytest.mark.timeout(60)
def test_serve_on_a_port_in_use_exits_2() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run([sys.executable, "-m", "xiaomi_tui", "serve", "--port", str(port)],
                                capture_output=True, text=True, timeout=50)
    assert result.returncode == 2
    # Alone: not after an address to open that leads to someone else's server.
    assert result.stderr.startswith(f"xiaomi-tui: cannot listen on 127.0.0.1:{port}: ")
    assert "open http" not in result.stdout + result.stderr

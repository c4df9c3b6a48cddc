from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from helpers import edit, line_of

from xiaomi_tui.facts.analysis.topics import analyse
from xiaomi_tui.facts.load.loader import FactsError, Problem, bundled_facts_path, load, loads
from xiaomi_tui.facts.model.factbase import FactBase
from xiaomi_tui.facts.model.records import CURRENCIES, MAX_TEXT
from xiaomi_tui.io.files import UnreadableFile, read_regular_file


@pytest.fixture
def fixture_text(small_facts_path: Path) -> str:
    return small_facts_path.read_text(encoding="utf-8")


def load_error(path: Path) -> FactsError:
    with pytest.raises(FactsError) as raised:
        load(path)
    assert "Traceback" not in raised.value.report()
    return raised.value


def write(tmp_path: Path, content: str | bytes) -> Path:
    path = tmp_path / "facts.toml"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


# -- a valid file --------------------------------------------------------------------------------


def test_fixture_loads_with_every_record_indexed(small_facts: FactBase, small_facts_path: Path) -> None:
    assert small_facts.path == str(small_facts_path)
    assert small_facts.title == "Test fact base"
    assert (len(small_facts.sources), len(small_facts.parties), len(small_facts.topics),
            len(small_facts.claims), len(small_facts.rates)) == (3, 5, 8, 15, 1)
    assert {topic: len(claims) for topic, claims in small_facts.claims_by_topic.items()} == {
        "body-style": 1, "looks-like": 2, "mass-production": 2, "approval": 2,
        "investment": 2, "investment-usd": 2, "capacity": 2, "price": 2,
    }
    assert {source: len(claims) for source, claims in small_facts.claims_by_source.items()} == {
        "alpha": 9, "beta": 2, "gamma": 4,
    }
    assert small_facts.warnings == []


def test_chain_text_names_the_source_then_each_relay_back_to_the_origin(small_facts: FactBase) -> None:
    claims = small_facts.claims

    assert small_facts.chain_text(claims["alpha-mass-production-dec"]) == (
        "Alpha News, citing Daily Paper, citing a person familiar with the matter")
    assert small_facts.chain_text(claims["gamma-capacity"]) == "Maker EV-1, citing An Analyst"
    assert [party.id for party in small_facts.chain(claims["alpha-body"])] == ["insider", "daily"]


def test_a_source_without_claims_is_a_warning_not_an_error(fixture_text: str) -> None:
    text = edit(fixture_text, "[[parties]]\nid = \"maker\"",
                "[[sources]]\nid = \"delta\"\n\n[[parties]]\nid = \"maker\"")

    assert loads(text).warnings == ["source 'delta' has no claims"]


@pytest.mark.parametrize("as_bytes", [True, False], ids=["bytes", "str"])
def test_a_byte_order_mark_is_accepted(fixture_text: str, as_bytes: bool) -> None:
    text = "\ufeff" + fixture_text

    facts = loads(text.encode("utf-8") if as_bytes else text)

    assert facts.title == "Test fact base"
    assert len(facts.claims) == 15


def test_a_bom_file_loads_from_disk(tmp_path: Path, fixture_text: str) -> None:
    assert len(load(write(tmp_path, b"\xef\xbb\xbf" + fixture_text.encode())).claims) == 15


def test_toml_native_dates_are_days(fixture_text: str) -> None:
    text = edit(fixture_text, 'date = "2023-08"\n', "date = 2023-08-24\n")
    text = edit(text, 'date = "2023-08-23"', "date = 2023-08-23")

    facts = loads(text)

    assert facts.claims["beta-approval"].date.text == "2023-08-24"
    assert facts.claims["alpha-approval"].date.text == "2023-08-23"
    assert analyse(facts).topics["approval"].reason == "23 Aug 2023 vs 24 Aug 2023 cannot both be true"


@pytest.mark.parametrize("moment", ["2023-08-24T10:00:00Z", "2023-08-24 10:00:00", "2023-08-24T00:00:00"])
def test_a_toml_datetime_is_refused_rather_than_cut_to_its_day(fixture_text: str, moment: str) -> None:
    """Keeping only the day would drop what the curator wrote; saying so lets them choose."""
    text = edit(fixture_text, 'date = "2023-08"\n', f"date = {moment}\n")

    with pytest.raises(FactsError) as raised:
        loads(text, "f.toml")

    [problem] = raised.value.problems
    assert problem.where == "claim 'beta-approval' field 'date'"
    assert problem.message.endswith('has a time of day; a date here is a day at most: write "2023-08-24"')


# -- the file itself -----------------------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.toml"

    error = load_error(path)

    assert error.path == str(path)
    assert error.problems == [Problem("no such file; check the path")]
    assert error.report() == (
        f"error: {path} has 1 problem:\n  {path}: no such file; check the path")


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "facts.toml"
    path.write_text("[meta]\n", encoding="utf-8")

    def refuse(*args: object) -> int:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "open", refuse)  # root reads anything, so chmod would not do

    assert load_error(path).problems == [Problem("cannot be read (permission denied)")]


def test_oversized_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "facts.toml"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: 50 MB to stat(), nothing to write

    assert load_error(path).problems == [Problem("is larger than 20 MB")]


def test_directory(tmp_path: Path) -> None:
    assert load_error(tmp_path).problems == [Problem("is a directory, not a regular file")]


@pytest.mark.timeout(10)
def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "facts.toml"
    os.mkfifo(fifo)

    assert load_error(fifo).problems == [Problem("is a FIFO (named pipe), not a regular file")]


@pytest.mark.timeout(10)
def test_a_device_is_refused_without_reading_it() -> None:
    assert load_error(Path("/dev/zero")).problems == [
        Problem("is a character device, not a regular file")]


def test_a_socket_is_refused() -> None:
    with tempfile.TemporaryDirectory() as folder, socket.socket(socket.AF_UNIX) as listener:
        path = Path(folder) / "facts.sock"  # a short path: sockets allow about 100 bytes
        listener.bind(str(path))

        assert load_error(path).problems == [Problem("is a socket, not a regular file")]


def test_the_size_cap_holds_while_reading_a_file_that_claims_to_be_empty() -> None:
    status = Path("/proc/self/status")  # a regular file that stat() calls empty, with more to read
    assert status.stat().st_size == 0

    with pytest.raises(UnreadableFile, match=r"^is larger than 16 bytes$"):
        read_regular_file(status, limit=16)


@pytest.mark.parametrize("content", ["", "   \n\n\t\n", "\ufeff"], ids=["empty", "blank", "bom-only"])
def test_empty_file(tmp_path: Path, content: str) -> None:
    assert load_error(write(tmp_path, content)).problems == [
        Problem("is empty; a fact base needs [meta], [[sources]], [[topics]] and [[claims]]")]


def test_invalid_utf8_names_line_and_column_of_the_bad_byte(tmp_path: Path, fixture_text: str) -> None:
    raw = edit(fixture_text, 'author = "Jo Writer"', 'author = "Jo @Writer"').encode().replace(b"@", b"\xff")

    error = load_error(write(tmp_path, raw))

    line = line_of(fixture_text, 'author = "Jo Writer"')
    assert error.problems == [Problem("byte 0xff is not UTF-8; save the file as UTF-8", line, len('author = "Jo ') + 1)]


def test_toml_syntax_error_names_line_and_column(tmp_path: Path, fixture_text: str) -> None:
    text = edit(fixture_text, 'kind = "news"', "kind = news")

    error = load_error(write(tmp_path, text))

    assert error.problems == [Problem("TOML syntax: Invalid value", line_of(text, "kind = news"), len("kind = ") + 1)]
    assert error.first_line == f"{tmp_path / 'facts.toml'}:{line_of(text, 'kind = news')}:8: TOML syntax: Invalid value"


def test_raw_escape_character_is_a_syntax_error_at_its_position(tmp_path: Path, fixture_text: str) -> None:
    text = edit(fixture_text, 'statement = "The car is a sedan', 'statement = "The car is a \x1b[31msedan')

    error = load_error(write(tmp_path, text))

    line = line_of(text, "\x1b")
    assert error.problems == [Problem("TOML syntax: Illegal character '\\x1b'", line, len('statement = "The car is a ') + 1)]


def test_syntax_error_at_the_end_of_the_document_names_the_last_line() -> None:
    with pytest.raises(FactsError) as raised:
        loads('[meta]\ntitle = "unterminated')

    assert raised.value.problems == [Problem("TOML syntax: Unterminated string", 2)]


# -- one record wrong: the problem names its line and the record's id --------------------------

RMB_MESSAGE = (f"unknown currency 'RMB' (the ISO code for renminbi is CNY); use one of {', '.join(sorted(CURRENCIES))}")

RECORD_PROBLEMS = [
    pytest.param(
        'id = "beta-approval"', 'id = "alpha-approval"',
        'id = "alpha-approval"\ntopic = "approval"\nsource = "beta"', "claim 'alpha-approval'",
        "duplicate id; another claim already uses 'alpha-approval': rename one", id="duplicate-claim-id"),
    pytest.param(
        'id = "alpha-capacity"\ntopic = "capacity"', 'id = "alpha-capacity"\ntopic = "capacty"',
        'topic = "capacty"', "claim 'alpha-capacity' field 'topic'",
        "unknown topic 'capacty'; did you mean 'capacity'?", id="dangling-topic"),
    pytest.param(
        'source = "gamma"\nstatement = "The blog also', 'source = "gama"\nstatement = "The blog also',
        'source = "gama"', "claim 'gamma-capacity' field 'source'",
        "unknown source 'gama'; did you mean 'gamma'?", id="dangling-source"),
    pytest.param(
        'origin = "analyst"\nstance = "plan"', 'origin = "analyts"\nstance = "plan"',
        'origin = "analyts"', "claim 'gamma-capacity' field 'origin'",
        "unknown party 'analyts'; did you mean 'analyst'?", id="dangling-origin"),
    pytest.param(
        'via = ["daily"]\nstance = "plan"\ndate = "2024-H1"', 'via = ["dialy"]\nstance = "plan"\ndate = "2024-H1"',
        'via = ["dialy"]', "claim 'alpha-mass-production-h1' field 'via'",
        "unknown party 'dialy'; did you mean 'daily'?", id="dangling-via"),
    pytest.param(
        'via = ["daily"]\nstance = "plan"\ndate = "2024-H1"', 'via = ["xyzzy"]\nstance = "plan"\ndate = "2024-H1"',
        'via = ["xyzzy"]', "claim 'alpha-mass-production-h1' field 'via'",
        "unknown party 'xyzzy'; add a [[parties]] entry", id="dangling-via-no-close-match"),
    pytest.param(
        'source = "alpha"\npara = 9', 'source = "alhpa"\npara = 9',
        'source = "alhpa"', "rate USD/CNY", "unknown source 'alhpa'; did you mean 'alpha'?",
        id="dangling-rate-source"),
    pytest.param(
        'value = "sedan"', "value = 5", "value = 5", "claim 'alpha-body' field 'value'",
        "topic 'body-style' takes a text value, not quantity", id="value-kind-not-topic-kind"),
    pytest.param(
        'value = { amount = 300000 }\norigin = "maker"', 'value = { amount = 300000, unit = "cars" }\norigin = "maker"',
        'value = { amount = 300000, unit = "cars" }', "claim 'alpha-capacity' field 'value'",
        "unit 'cars' does not match topic 'capacity''s unit 'vehicles/year'", id="unit-mismatch"),
    pytest.param(
        'date = "2023-08"\n', "", '[[claims]]\nid = "beta-approval"', "claim 'beta-approval' field 'date'",
        "topic 'approval' is about a date: give the claim a date", id="date-topic-without-date"),
    pytest.param(
        'value = { max = 300000, currency = "CNY" }', 'value = { max = 300000, currency = "RMB" }',
        'currency = "RMB"', "claim 'alpha-price' field 'value.currency'", RMB_MESSAGE, id="currency-rmb"),
    pytest.param(
        "value = { max = 300000, currency", "value = { max = nan, currency",
        "max = nan", "claim 'alpha-price' field 'value.max'", "Input should be a finite number (got nan)",
        id="amount-nan"),
    pytest.param(
        "value = { max = 300000, currency", "value = { min = 5e5, max = 300000, currency",
        "min = 5e5", "claim 'alpha-price' field 'value'", "min 500000 is greater than max 300000",
        id="min-above-max"),
    pytest.param(
        "para = 7", "para = 0", "para = 0", "claim 'gamma-price' field 'para'",
        "Input should be greater than 0 (got 0)", id="para-zero"),
    pytest.param(
        'statement = "The car is a sedan', 'statement = "The car is a \\u001b[31msedan',
        "\\u001b", "claim 'alpha-body' field 'statement'",
        "control character U+001B at position 14; remove it", id="escape-in-statement"),
    pytest.param(
        'statement = "The car is a sedan', 'statement = "The car is a \\u202esedan',
        "\\u202e", "claim 'alpha-body' field 'statement'",
        "control character RIGHT-TO-LEFT OVERRIDE (U+202E) at position 14; remove it", id="bidi-override"),
    # Every string field goes through the same text rule, urls included: an escape in a url once reached
    # the clipboard through OSC 52 and the window title, and a line break drew over the detail panel.
    pytest.param(
        'url = "https://alpha.example/maker-december"', 'url = "https://alpha.example/a\\u001b]52;c;cHduZWQ=\\u0007"',
        "\\u001b]52", "source 'alpha' field 'url'", "control character U+001B at position 24; remove it",
        id="osc52-in-url"),
    pytest.param(
        'url = "https://beta.example/meeting"', 'url = "https://beta.example/\\u009d0;title\\u009c"',
        "\\u009d", "source 'beta' field 'url'", "control character U+009D at position 22; remove it",
        id="c1-in-url"),
    pytest.param(
        'title = "Test fact base"', 'title = "Test\\u007ffact base"', "\\u007f", "[meta] field 'title'",
        "control character U+007F at position 5; remove it", id="delete-in-title"),
    pytest.param(
        'author = "Jo Writer"', 'author = "Jo \\u2066Writer\\u2069"', "\\u2066", "source 'beta' field 'author'",
        "control character LEFT-TO-RIGHT ISOLATE (U+2066) at position 4; remove it", id="bidi-isolate"),
    pytest.param(
        'role = "securities analyst"', 'role = "securities\\u200eanalyst"', "\\u200e", "party 'analyst' field 'role'",
        "control character LEFT-TO-RIGHT MARK (U+200E) at position 11; remove it", id="bidi-mark"),
    pytest.param(
        'value = { amount = 300000 }\norigin = "maker"',
        'value = { amount = 300000, unit = "vehicles/year\\u001b[2J" }\norigin = "maker"',
        "\\u001b[2J", "claim 'alpha-capacity' field 'value.unit'", "control character U+001B at position 14; remove it",
        id="escape-in-value-unit"),
    pytest.param(
        'name = "Maker Corp"', 'name = "Maker\\u2028Corp"', "\\u2028", "party 'maker' field 'name'",
        "line break (U+2028) at position 6: this field is one line; remove it", id="line-separator-in-name"),
    pytest.param(
        'statement = "The car is a sedan, the insider said."', 'statement = "The car\\n# is a sedan"',
        "# is a sedan", "claim 'alpha-body' field 'statement'",
        "line break (U+000A) at position 8: this field is one line; remove it", id="newline-in-statement"),
    pytest.param(
        'statement = "The car is a sedan, the insider said."', 'statement = """The car\nis a sedan"""',
        '"""The car', "claim 'alpha-body' field 'statement'",
        "line break (U+000A) at position 8: this field is one line; remove it", id="multiline-string-statement"),
    pytest.param(
        'label = "Body style"', 'label = "Body\\tstyle"', "Body\\tstyle", "topic 'body-style' field 'label'",
        "tab (U+0009) at position 5: this field is one line; use a space", id="tab-in-label"),
    # Strict types: TOML has them, so a string where a number goes is a mistake to name, not to convert.
    pytest.param(
        "para = 14", 'para = "14"', 'para = "14"', "claim 'alpha-price' field 'para'",
        "Input should be a valid integer (got '14')", id="para-as-string"),
    pytest.param(
        "para = 14", "para = 14.0", "para = 14.0", "claim 'alpha-price' field 'para'",
        "Input should be a valid integer (got 14.0)", id="para-as-float"),
    pytest.param(
        'value = { amount = 300000 }\norigin = "maker"', 'value = { amount = "300000" }\norigin = "maker"',
        'amount = "300000"', "claim 'alpha-capacity' field 'value'", "amount should be a number, not a string",
        id="amount-as-string"),
    pytest.param(
        "value = { max = 300000, currency", 'value = { max = "300000", currency', 'max = "300000"',
        "claim 'alpha-price' field 'value.max'", "Input should be a valid number (got '300000')", id="max-as-string"),
    pytest.param(
        "approx = true", 'approx = "yes"', 'approx = "yes"', "claim 'gamma-investment-usd' field 'value.approx'",
        "Input should be a valid boolean (got 'yes')", id="approx-as-string"),
    pytest.param(
        'value = "sedan"', "value = { flag = 1 }", "flag = 1", "claim 'alpha-body' field 'value'",
        "Input should be a valid boolean (got 1)", id="flag-as-number"),
    pytest.param(
        "exclusive = false", "exclusive = 0", "exclusive = 0", "topic 'looks-like' field 'exclusive'",
        "Input should be a valid boolean (got 0)", id="exclusive-as-number"),
    pytest.param(
        'kind = "blog"', 'kind = "blog"\noutcome = "yes"', 'outcome = "yes"', "source 'gamma' field 'outcome'",
        "Input should be a valid boolean (got 'yes')", id="outcome-as-string"),
    pytest.param(
        "rate = 7.2382", 'rate = "7.2382"', 'rate = "7.2382"', "rate #1 field 'rate'",
        "Input should be a valid number (got '7.2382')", id="rate-as-string"),
    pytest.param(
        'said = "2023-10-13"', 'said = "\uff12\uff10\uff12\uff13-10-13"', "\uff12\uff10", "claim 'alpha-price' field 'said'",
        "'\uff12\uff10\uff12\uff13-10-13' is not a date; write 2024, 2024-H1, 2024-Q3, 2023-12, 2023-11-08, "
        "or early-/mid-/late- before a year or month (late-2021-11)", id="fullwidth-year"),
    pytest.param(
        'said = "2023-10-13"', 'said = "1800"', 'said = "1800"', "claim 'alpha-price' field 'said'",
        "'1800': year 1800 is out of range; years run from 1900 to 2200", id="year-out-of-range"),
    pytest.param(
        'statement = "The car is a sedan, the insider said."', f'statement = "{"x" * (MAX_TEXT + 1)}"',
        "x" * (MAX_TEXT + 1), "claim 'alpha-body' field 'statement'",
        "String should have at most 2000 characters", id="statement-too-long"),
    pytest.param(
        'origin = "insider"\nvia = ["daily"]\npara = 3', 'origin = "insider"\nvia = ["daily", "insider"]\npara = 3',
        'via = ["daily", "insider"]', "claim 'alpha-body' field 'via'",
        "the chain origin -> via repeats insider; a claim passes each party once", id="via-cycle"),
    pytest.param(
        "rate = 7.2382", "rate = 0", "rate = 0", "rate #1 field 'rate'",
        "Input should be greater than 0 (got 0)", id="rate-zero"),
    pytest.param(
        "rate = 7.2382", "rate = -7.2382", "rate = -7.2382", "rate #1 field 'rate'",
        "Input should be greater than 0 (got -7.2382)", id="rate-negative"),
    pytest.param(
        'quote = "CNY"', 'quote = "USD"', 'quote = "USD"', "rate USD/USD",
        "base and quote are the same currency", id="rate-same-currency"),
    pytest.param(
        'stance = "estimate"\npara = 7', 'stnace = "estimate"\npara = 7', "stnace", "claim 'gamma-price' field 'stnace'",
        "is not a known field; check its spelling", id="unknown-field-typo"),
    pytest.param(
        'kind = "blog"', 'kind = "vlog"', 'kind = "vlog"', "source 'gamma' field 'kind'",
        "Input should be 'news', 'blog', 'analysis', 'aggregator', 'press-release' or 'social' (got 'vlog')",
        id="source-kind-not-allowed"),
    pytest.param(
        'as_of = "2023-11-15"', 'as_of = "2023-11-31"', "as_of", "[meta] field 'as_of'",
        "'2023-11-31': Nov 2023 has 30 days", id="meta-bad-date"),
]


@pytest.mark.parametrize(("old", "new", "at", "where", "message"), RECORD_PROBLEMS)
def test_a_broken_record_is_named_with_its_line(
    tmp_path: Path, fixture_text: str, old: str, new: str, at: str, where: str, message: str
) -> None:
    text = edit(fixture_text, old, new)
    path = write(tmp_path, text)

    error = load_error(path)

    line = line_of(text, at)
    assert error.problems == [Problem(message, line, None, where)]
    assert error.report() == f"error: {path} has 1 problem:\n  {path}:{line}: {where}: {message}"


def test_an_unknown_key_is_named_with_its_control_characters_escaped(fixture_text: str) -> None:
    """The report goes to the terminal: a quoted TOML key may hold anything, escapes included."""
    text = edit(fixture_text, 'stance = "estimate"\npara = 7', '"\\u001b]0;pwned\\u0007" = 1\npara = 7')

    with pytest.raises(FactsError) as raised:
        loads(text, "f.toml")

    [problem] = raised.value.problems
    assert problem.where == "claim 'gamma-price' field '\\x1b]0;pwned\\x07'"
    assert all(line.isprintable() for line in raised.value.report().splitlines())


def test_a_date_topic_given_a_value_names_both_fields(fixture_text: str) -> None:
    text = edit(fixture_text, 'date = "2023-08"\n', "value = 3\n")

    with pytest.raises(FactsError) as raised:
        loads(text, "f.toml")

    header = line_of(text, '[[claims]]\nid = "beta-approval"')
    assert raised.value.problems == [
        Problem("topic 'approval' is about a date: give the claim a date", header, None,
                "claim 'beta-approval' field 'date'"),
        Problem("topic 'approval' is about a date: put it in `date`, not `value`", line_of(text, "value = 3"), None,
                "claim 'beta-approval' field 'value'"),
    ]


# -- every problem of a stage at once -----------------------------------------------------------


def test_all_structural_problems_are_reported_together(tmp_path: Path, fixture_text: str) -> None:
    text = edit(fixture_text, 'currency = "EUR"', 'currency = "RMB"')
    text = edit(text, "para = 12", "para = 0")
    text = edit(text, 'kind = "blog"', 'knid = "blog"')
    path = write(tmp_path, text)

    error = load_error(path)

    assert [(problem.line, problem.where) for problem in error.problems] == [
        (line_of(text, 'knid = "blog"'), "source 'gamma' field 'knid'"),
        (line_of(text, "para = 0"), "claim 'alpha-capacity' field 'para'"),
        (line_of(text, 'currency = "RMB"'), "claim 'gamma-price' field 'value.currency'"),
    ]
    assert error.report().startswith(f"error: {path} has 3 problems:\n")
    assert len(error.report().splitlines()) == 4


def test_all_cross_reference_problems_are_reported_together(fixture_text: str) -> None:
    text = edit(fixture_text, 'value = "sedan"', "value = true")
    text = edit(text, 'origin = "analyst"\nstance = "opinion"', 'origin = "analist"\nstance = "opinion"')
    text = edit(text, 'id = "gamma-price"\ntopic = "price"', 'id = "gamma-price"\ntopic = "prize"')

    with pytest.raises(FactsError) as raised:
        loads(text, "f.toml")

    assert [problem.message for problem in raised.value.problems] == [
        "topic 'body-style' takes a text value, not flag",
        "unknown party 'analist'; did you mean 'analyst'?",
        "unknown topic 'prize'; did you mean 'price'?",
    ]


def test_a_long_report_is_cut_with_a_count_of_what_is_hidden() -> None:
    error = FactsError("f.toml", [Problem(f"problem {index}", index + 1) for index in range(23)])

    lines = error.report().splitlines()

    assert lines[0] == "error: f.toml has 23 problems:"
    assert lines[1:3] == ["  f.toml:1: problem 0", "  f.toml:2: problem 1"]
    assert lines[-1] == "  ... and 3 more problems"
    assert len(lines) == 1 + 20 + 1
    assert error.first_line == "f.toml:1: problem 0"


# -- the data layer stands without the UI --------------------------------------------------------


def test_data_layer_and_cli_import_without_textual() -> None:
    code = (
        "import xiaomi_tui.facts.load.loader, xiaomi_tui.facts.analysis.topics, xiaomi_tui.facts.model.formatting, "
        "xiaomi_tui.facts.export.tables, xiaomi_tui.cli.main, sys; "
        "assert not any(m == 'textual' or m.startswith('textual.') for m in sys.modules)"
    )

    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)

    assert result.returncode == 0, result.stderr


# -- nesting ----------------------------------------------------------------------------------


def nested(depth: int) -> str:
    return "{ a = " * depth + "1" + " }" * depth


@pytest.mark.parametrize("depth", [400, 3000], ids=["past-the-parser", "far-past"])
def test_nesting_too_deep_to_parse_is_a_problem_on_its_line(tmp_path: Path, fixture_text: str, depth: int) -> None:
    """tomllib recurses once per level: a few hundred once gave a RecursionError traceback."""
    text = edit(fixture_text, "[meta]\n", f"[meta]\ndeep = {nested(depth)}\n")

    error = load_error(write(tmp_path, text))

    assert error.problems == [Problem(
        "TOML syntax: tables or arrays are nested too deeply to read; "
        "a fact base needs four levels at most: flatten this value", line_of(text, "deep = "))]


def test_nesting_the_parser_takes_is_a_problem_on_its_field(tmp_path: Path, fixture_text: str) -> None:
    text = edit(fixture_text, "[meta]\n", f"[meta]\ndeep = {nested(300)}\n")

    error = load_error(write(tmp_path, text))

    assert error.problems == [Problem("is not a known field; check its spelling", line_of(text, "deep = "), None,
                                      "[meta] field 'deep'")]


def test_the_nesting_a_fact_base_uses_is_accepted(fixture_text: str) -> None:
    assert loads(fixture_text).claims


def test_the_bundled_fact_base_loads_with_no_warning() -> None:
    """What curators ship gives `check` nothing to warn of: every warning is a thing to mend before it lands."""
    assert load(bundled_facts_path()).warnings == []


@pytest.mark.parametrize(("after", "message"), [
    ('"2023-03"', "give `published` or `published_after`, not both"),  # with `published`, as alpha has one
    ('"2301-03"', "year 2301 is out of range"),  # the bound every date has
])
def test_published_after_is_a_date_like_any_other_and_never_beside_published(fixture_text: str, after: str,
                                                                              message: str) -> None:
    text = edit(fixture_text, 'published = "2023-11-15"\n', f'published = "2023-11-15"\npublished_after = {after}\n')

    with pytest.raises(FactsError) as raised:
        loads(text, "f.toml")

    [problem] = raised.value.problems
    assert message in problem.message
    assert problem.line == line_of(text, "published_after")
    assert problem.where == "source 'alpha' field 'published_after'"

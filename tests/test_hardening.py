"""Issue 31: shapes whose cost grew with the square of their size, counted in the work done rather than timed
(benchmarks/hostile.py times them), and the hand-off formats, dates and settings that could be turned against
their reader."""

from __future__ import annotations

import importlib
from pathlib import Path
from types import ModuleType

import pytest

from xiaomi_tui.facts.citations import bibliography, keys
from xiaomi_tui.facts.load import lint
from xiaomi_tui.facts.load.loader import FactsError, loads
from xiaomi_tui.facts.model.factbase import FactBase
from xiaomi_tui.facts.outcomes.forecasts import find_forecasts

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


@pytest.fixture(scope="module")
def hostile() -> ModuleType:
    import sys
    sys.path.insert(0, str(BENCHMARKS))
    try:
        return importlib.import_module("hostile")
    finally:
        sys.path.remove(str(BENCHMARKS))


def shaped(hostile: ModuleType, shape: str, count: int) -> FactBase:
    """A fact base of one of benchmarks/hostile.py's shapes, with `count` of what makes it grow."""
    return loads(hostile.PRELUDE + "".join(hostile.SHAPES[shape](count)), f"{shape}.toml")


def test_forecasts_whose_values_differ_only_in_punctuation_are_numbered_in_order(hostile: ModuleType) -> None:
    facts = shaped(hostile, "forecast-slugs", 40)
    ids = [forecast.id for forecast in find_forecasts(facts, facts.claims.values())]
    base = "t-p-v-jun-2024"
    assert ids == [base, *(f"{base}-{n}" for n in range(2, 41))]


def test_every_bibliography_key_is_built_once_per_export(hostile: ModuleType, monkeypatch: pytest.MonkeyPatch
                                                        ) -> None:
    facts = shaped(hostile, "sources", 60)
    stems = 0
    real_stem = keys._stem

    def counting(source):
        nonlocal stems
        stems += 1
        return real_stem(source)

    monkeypatch.setattr(keys, "_stem", counting)
    text = bibliography(facts, None, "bibtex")
    assert text.count("\n@") + 1 == 60
    assert stems <= len(facts.data.sources) + len(facts.data.parties)  # once per document, not once per item


def test_a_long_family_first_is_refused_with_its_count_and_each_name_quotes_a_bounded_byline(hostile: ModuleType
                                                                                            ) -> None:
    with pytest.raises(FactsError) as refused:
        shaped(hostile, "bylines", 150)
    assert "at most 100 items" in refused.value.report()
    with pytest.raises(FactsError) as refused:
        shaped(hostile, "bylines", 3)
    report = refused.value.report()
    assert "'Zhou Shu0x' is not one of the names in author ('Zhou Shu0', 'Zhou Shu1', 'Zhou Shu2', 'Zhou Shu3' and" \
        in report
    assert len(max(report.splitlines(), key=len)) < 400


def test_an_article_is_tokenised_once_for_all_its_claims(hostile: ModuleType, monkeypatch: pytest.MonkeyPatch) -> None:
    facts = shaped(hostile, "articles", 30)
    article = " ".join(f"w{j}" for j in range(60))
    tokenised = []
    real_words = lint._words
    monkeypatch.setattr(lint, "_words", lambda text: tokenised.append(len(text)) or real_words(text))
    warnings = lint.copied_statements(facts, {"a": article})
    assert len(warnings) == 30
    assert tokenised.count(len(article)) == 1


class _Terminal:
    """What `_deliver` needs of the app in a terminal: a word for the user."""

    is_web = False

    def __init__(self) -> None:
        self.said: list[tuple[str, str]] = []

    def notify(self, message: str, *, title: str = "", severity: str = "information", markup: bool = True) -> None:
        self.said.append((severity, message))


def test_two_exports_in_one_second_are_two_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from xiaomi_tui.ui.exporting import _deliver

    monkeypatch.chdir(tmp_path)
    app = _Terminal()
    _deliver(app, "first\n", "xiaomi-claims-20240102-030405.csv", "text/csv")  # type: ignore[arg-type]
    _deliver(app, "second\n", "xiaomi-claims-20240102-030405.csv", "text/csv")  # type: ignore[arg-type]
    assert (tmp_path / "xiaomi-claims-20240102-030405.csv").read_text() == "first\n"
    assert (tmp_path / "xiaomi-claims-20240102-030405-2.csv").read_text() == "second\n"
    assert [severity for severity, _ in app.said] == ["information", "information"]


def test_an_export_after_the_start_directory_was_removed_is_one_error_line(tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    from xiaomi_tui.ui.exporting import _deliver

    gone = tmp_path / "gone"
    gone.mkdir()
    monkeypatch.chdir(gone)
    gone.rmdir()
    app = _Terminal()
    _deliver(app, "text\n", "xiaomi-claims.csv", "text/csv")  # type: ignore[arg-type]
    [(severity, message)] = app.said
    assert severity == "error" and "\n" not in message
    assert message.startswith("The export failed: the current directory is gone")


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01"])
def test_a_bare_toml_date_meets_the_same_bound_as_a_written_one(day: str) -> None:
    from helpers import SMALL, line_of

    text = SMALL.replace('published = "2023-11-15"', f"published = {day}", 1)
    with pytest.raises(FactsError) as refused:
        loads(text, "dates.toml")
    report = refused.value.report()
    assert f"dates.toml:{line_of(text, f'published = {day}')}:" in report
    assert f"year {int(day[:4])} is out of range; years run from 1900 to 2200" in report


def test_claimreview_writes_four_digit_years() -> None:
    from datetime import date

    from xiaomi_tui.facts.export.claimreview import _date
    from xiaomi_tui.facts.model.fuzzydate import FuzzyDate, Precision

    assert _date(FuzzyDate("5-06-07", date(5, 6, 7), date(5, 6, 7), Precision.DAY)) == "0005-06-07"


@pytest.mark.parametrize("char", ["\uffff", "\ufffe", "\ufdd0", "\U0010ffff"])
def test_a_noncharacter_is_refused_where_it_stands(char: str) -> None:
    from helpers import SMALL, line_of

    text = SMALL.replace('title = "Maker EV-1"', f'title = "Maker{char}EV-1"')
    with pytest.raises(FactsError) as refused:
        loads(text, "nonchar.toml")
    report = refused.value.report()
    where = line_of(text, "title = \"Maker" + char)
    assert f"nonchar.toml:{where}:" in report
    assert f"noncharacter U+{ord(char):04X} at position 6" in report


# -- item 9 and 10: a topic's values compared as a whole, claims backed in constant time each ----------

def _values(draw_spans: list[tuple[int, int | None, int | None]]) -> list[list]:
    """Claims of one quantity topic from (kind, low, high): a point, a range, or an open one."""
    from test_compare import make_claim

    groups = []
    for low, high, form in draw_spans:
        low, high = sorted((low, high))
        bounds = ({"min": 1000 + low, "max": 1000 + low} if form == 0 else {"min": 1000 + low, "max": 1000 + high}
                  if form == 1 else {"min": 1000 + low} if form == 2 else {"max": 1000 + high})
        groups.append([make_claim(bounds)])
    return groups


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_SPANS = st.lists(st.tuples(st.integers(-60, 60), st.integers(-60, 60), st.integers(0, 3)), min_size=2, max_size=9,
                  unique_by=lambda span: span)


@settings(max_examples=300, deadline=None)
@given(_SPANS)
def test_numbers_compared_as_a_whole_say_what_every_pair_says(spans: list) -> None:
    from test_compare import QUANTITY

    from xiaomi_tui.facts.analysis import agreement

    groups = _values(spans)
    whole, pairs = agreement.compare_groups(QUANTITY, groups, ()), agreement._pairs(QUANTITY, groups, ())
    _same(whole, pairs, len(groups))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 400), st.integers(0, 30), st.sampled_from(["CNY", "USD", "EUR"])),
                min_size=2, max_size=9, unique=True))
def test_sums_in_several_currencies_compared_as_a_whole_say_what_every_pair_says(sums: list) -> None:
    from helpers import record
    from test_compare import MONEY, USD_CNY, make_claim, money

    from xiaomi_tui.facts.analysis import agreement
    from xiaomi_tui.facts.model.records import Rate

    rates = (USD_CNY, record(Rate, base="EUR", quote="USD", rate=1.0821, source="s", para=1))  # none EUR/CNY
    scale = {"CNY": 7.2382, "USD": 1.0, "EUR": 1 / 1.0821}
    groups = [[make_claim(money(currency, min=round(low * scale[currency], 3),
                                max=round((low + width) * scale[currency], 3)))]
              for low, width, currency in sums]
    _same(agreement.compare_groups(MONEY, groups, rates), agreement._pairs(MONEY, groups, rates), len(groups))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.none(), st.sampled_from(["2023", "2023-H1", "2023-Q4", "2023-11", "2023-11-15",
                                                       "2023-12-01", "late-2023", "2024", "2024-03", "early-2024-03"])),
                min_size=2, max_size=8, unique=True))
def test_dates_compared_as_a_whole_say_what_every_pair_says(days: list) -> None:
    from test_compare import DATE, make_claim

    from xiaomi_tui.facts.analysis import agreement

    groups = [[make_claim(date=day)] for day in days]
    _same(agreement.compare_groups(DATE, groups, ()), agreement._pairs(DATE, groups, ()), len(groups))


@pytest.mark.parametrize("exclusive", [True, False])
def test_text_compared_as_a_whole_says_what_every_pair_says(exclusive: bool) -> None:
    from test_compare import make_claim, make_topic

    from xiaomi_tui.facts.analysis import agreement

    topic = make_topic("text", exclusive=exclusive)
    groups = [[make_claim(word)] for word in ("a", "b", "c")]
    whole, pairs = agreement.compare_groups(topic, groups, ()), agreement._pairs(topic, groups, ())
    _same(whole, pairs, 3)
    assert whole.found == pairs.found  # the first pair's reason, as the pairwise comparison finds it


def _same(whole, pairs, count: int) -> None:
    assert whole.worst == pairs.worst
    order = agreement_order()  # the relations a status is read from, the first found naming it
    top = next((relation for relation in order if relation in pairs.found), None)
    assert top == next((relation for relation in order if relation in whole.found), None)
    if top is not None:
        assert whole.found[top]  # a reason to show
    for i in range(count):
        if whole.worst[i] is None:
            assert set(whole.members(whole.backers[i])) == set(pairs.members(pairs.backers[i]))


def agreement_order():
    from xiaomi_tui.facts.analysis.agreement import _ORDER
    return _ORDER


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from("abc"), st.sampled_from("stu"), st.booleans()), min_size=1, max_size=8),
       st.sampled_from("abcd"), st.sampled_from("stuv"), st.booleans())
def test_a_backing_read_in_constant_time_stands_a_claim_as_every_backer_read_in_turn(
        claims: list, organisation: str, source: str, inferred: bool) -> None:
    from xiaomi_tui.facts.analysis.agreement import Backing
    from xiaomi_tui.facts.analysis.status import ClaimStanding

    claims = [*claims, (organisation, source, not inferred)]  # the claim is among its value's backers
    backing: dict[str, dict[str, bool]] = {}
    for backer, carried, stated in claims:
        backing.setdefault(backer, {})
        backing[backer][carried] = backing[backer].get(carried, False) or stated
    expected = ClaimStanding.UNIQUE  # the reading of every backer in turn, as topics.py did before
    for backer, sources in backing.items():
        others = [stated for carried, stated in sources.items() if carried != source]
        if not others:
            continue
        if backer == organisation:
            expected = expected if expected is ClaimStanding.UNCONFIRMED else ClaimStanding.ECHOED
        elif any(others) and not inferred:
            expected = ClaimStanding.CORROBORATED
            break
        else:
            expected = ClaimStanding.UNCONFIRMED
    assert Backing.of(claims).standing(source, organisation, inferred) is expected


def test_a_topic_keeps_no_relation_per_pair_of_values(hostile: ModuleType, monkeypatch: pytest.MonkeyPatch) -> None:
    from xiaomi_tui.facts.analysis import agreement
    from xiaomi_tui.facts.analysis.topics import analyse

    real, compared = agreement.compare_claims, [0]

    def counting(*args, **kwargs):
        compared[0] += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(agreement, "compare_claims", counting)
    for shape in ("distinct-values", "agreeing-values", "organisations"):
        facts = shaped(hostile, shape, 300)
        compared[0] = 0
        analysis = analyse(facts)
        assert compared[0] <= 2 * 300, shape  # one value's scan for an example reason, never every pair
        assert len(analysis.standings) == 300


def test_a_cursor_move_on_the_claims_screen_draws_a_bounded_list_of_the_others(hostile: ModuleType) -> None:
    from rich.console import Console

    from xiaomi_tui.ui.render.detail import SCREEN_RELATIONS, render_claim
    from xiaomi_tui.ui.view import View

    view = View.of(shaped(hostile, "claims-screen", 300))
    topic = view.analysis.topics["t"]
    console = Console(width=100, record=True, file=open("/dev/null", "w"))  # noqa: SIM115
    console.print(render_claim(view, topic, topic.ordered_claims[0], SCREEN_RELATIONS))
    drawn = console.export_text()
    assert f"\u2026 and {299 - SCREEN_RELATIONS} more" in drawn
    assert drawn.count("conflict S:") == SCREEN_RELATIONS - 2  # the other two claims of its value agree


def test_a_keystroke_in_search_looks_up_only_the_qualifier_it_changed(hostile: ModuleType,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from xiaomi_tui.facts.analysis import query

    facts = shaped(hostile, "search", 400)
    typed = " ".join(f"origin:o{i}" for i in range(200))
    first = query.parse_query(typed[:-1], facts)
    looked_up = []
    real = query._Lookup._look_up
    monkeypatch.setattr(query._Lookup, "_look_up", lambda self, key, needle: looked_up.append(needle)
                        or real(self, key, needle))
    second = query.parse_query(typed, facts)
    assert looked_up == ["o199"]  # the 199 before it were looked up at earlier keystrokes
    needles = [f"o{i}" for i in range(200)]
    assert second.origins == {party for party in facts.parties if any(needle in party for needle in needles)}
    assert first.origins <= second.origins


# -- item 1: what we hand to pandoc is read by pandoc as the text it is --------------------------------------

_TITLE = r"\input{/etc/hostname} <script>alert(1)</script> [@x] $x^2$ *em*"
_DESCRIPTION = r"> quoted - [@y](https://evil.example) www.evil.example @z \def\x{1}"
_STATEMENT = r"1. \input{/etc/hostname} cites [@x] and @y with $x$ at www.evil.example"


def _pandoc(markdown: str, reader: str = "markdown", writer: str = "json") -> str:
    import subprocess

    return subprocess.run(["pandoc", "-f", reader, "-t", writer, "--standalone"], input=markdown, text=True,
                          capture_output=True, check=True, timeout=60).stdout


def _kinds(tree: object) -> set[str]:
    """Every element type in pandoc's JSON."""
    if isinstance(tree, dict):
        return ({tree["t"]} if "t" in tree else set()) | {kind for value in tree.values() for kind in _kinds(value)}
    if isinstance(tree, list):
        return {kind for value in tree for kind in _kinds(value)}
    return set()


def _cited(tree: object) -> set[str]:
    if isinstance(tree, dict):
        here = {citation["citationId"] for citation in tree["c"][0]} if tree.get("t") == "Cite" else set()
        return here | {key for value in tree.values() for key in _cited(value)}
    if isinstance(tree, list):
        return {key for value in tree for key in _cited(value)}
    return set()


def _hostile_brief_facts() -> FactBase:
    from helpers import SMALL

    text = SMALL.replace('title = "Test fact base"', f"title = '{_TITLE}'\ndescription = '{_DESCRIPTION}'", 1)
    at = text.index("statement = ", text.index('id = "alpha-body"'))
    return loads(text[:at] + f"statement = '{_STATEMENT}'" + text[text.index("\n", at):], "brief.toml")


def test_the_brief_reaches_pandoc_as_text_its_title_description_and_statements_included() -> None:
    import json

    from xiaomi_tui.facts.export.brief import brief

    facts = _hostile_brief_facts()
    markdown, bibliography = brief(facts, None)
    tree = json.loads(_pandoc(markdown))
    title = tree["meta"]["title"]
    assert _kinds(title) <= {"MetaInlines", "Str", "Space"}
    assert "".join(part.get("c", " ") for part in title["c"]) == f"{_TITLE}: a brief"
    assert tree["blocks"][0]["t"] == "Para"  # the description: not a quote, list or rule
    assert not _kinds(tree) & {"RawInline", "RawBlock", "Math", "Link", "Image", "BlockQuote", "OrderedList",
                               "HorizontalRule", "Superscript"}
    assert _cited(tree) <= {item["id"] for item in json.loads(bibliography)}  # no [@x], @y or @z forged
    latex = _pandoc(markdown, writer="latex")
    assert "\\input{/etc/hostname}" not in latex and "\\def\\x" not in latex
    assert "<script>" not in _pandoc(markdown, writer="html")


def test_a_pandoc_citation_with_its_statement_cites_only_its_source(capsys: pytest.CaptureFixture[str],
                                                                     tmp_path: Path) -> None:
    import json

    from xiaomi_tui.facts.citations import cite

    facts = _hostile_brief_facts()
    text = cite(facts, facts.claims["alpha-body"], "pandoc", with_statement=True).text
    tree = json.loads(_pandoc(text))
    assert len(_cited(tree)) == 1 and not _cited(tree) & {"x", "y"}
    assert not _kinds(tree) & {"RawInline", "RawBlock", "Math", "Link", "OrderedList"}


def test_the_markdown_export_links_nothing_and_cites_nothing_in_pandoc_or_github() -> None:
    import json

    from xiaomi_tui.facts.export.tables import export

    markdown = export(_hostile_brief_facts(), None, "markdown")
    for reader in ("markdown", "gfm"):
        tree = json.loads(_pandoc(markdown, reader))
        assert not _kinds(tree) & {"Link", "Cite", "RawInline", "Math", "Image"}, reader


# -- item 5: reloads in order, one at a time, a link's new target seen ------------------------------------

class _ReloadHost:
    """What LiveReload needs of the app, with the load threads kept to be run by hand."""

    def __init__(self) -> None:
        self.started: list = []
        self.posted: list = []

    def set_interval(self, interval, callback):  # pragma: no cover - the test calls check itself
        return None

    def run_worker(self, work, **options) -> None:
        self.started.append(work)

    def post_message(self, message) -> bool:
        self.posted.append(message)
        return True


def test_a_change_seen_while_a_load_runs_is_loaded_by_it_and_only_the_newest_reaches_the_app(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from xiaomi_tui.ui import reloading

    path = tmp_path / "facts.toml"
    path.write_text("one")
    host = _ReloadHost()
    live = reloading.LiveReload(host, str(path))  # type: ignore[arg-type]
    read: list[str] = []

    def slow_load(_path: str) -> str:
        read.append(path.read_text())
        if len(read) == 1:  # the curator saves again while this load runs
            path.write_text("three, newer")
            live.check()
        return f"facts of {read[-1]}"

    monkeypatch.setattr(reloading, "load", slow_load)
    path.write_text("two")
    live.check()
    [work] = host.started
    work()
    assert read == ["two", "three, newer"]
    assert [message.facts for message in host.posted] == ["facts of three, newer"]  # "two", now stale, is dropped
    assert len(host.started) == 1  # one thread at a time, however often the file changes


def test_a_link_turned_to_another_file_of_the_same_size_and_time_is_reloaded(tmp_path: Path) -> None:
    import os

    from xiaomi_tui.ui.reloading import LiveReload

    first, second, link = tmp_path / "first.toml", tmp_path / "second.toml", tmp_path / "facts.toml"
    first.write_text("one")
    second.write_text("two")
    os.utime(first, ns=(10**18, 10**18))
    os.utime(second, ns=(10**18, 10**18))
    link.symlink_to(first)
    host = _ReloadHost()
    live = LiveReload(host, str(link))  # type: ignore[arg-type]
    live.check()
    assert host.started == []
    link.unlink()
    link.symlink_to(second)
    live.check()
    assert len(host.started) == 1


def test_each_task_of_the_hostile_benchmark_runs(hostile: ModuleType, capsys: pytest.CaptureFixture[str]) -> None:
    """No figure is checked (benchmarks/hostile.py is run by hand): only that each task still runs on the code."""
    hostile.main(["--sizes", "0.01", "--shapes", *hostile.TASKS])
    table = capsys.readouterr().out
    assert len(table.splitlines()) == 1 + len(hostile.TASKS)
    assert "crashed" not in table and "stopped" not in table, table

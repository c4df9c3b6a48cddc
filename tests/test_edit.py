"""The one write path (facts/edit): an edit changes only its record's lines, is checked as `check` checks a
file, and on any problem writes nothing; the record commands and `new` drive it from the command line."""

from __future__ import annotations

import difflib
import json
import re
import shlex
import shutil
from pathlib import Path

import pytest
from helpers import run

from xiaomi_tui.facts.edit import Edit, EditError, commit, plan, undo
from xiaomi_tui.facts.edit.layout import Layout
from xiaomi_tui.facts.edit.typed import date_form, money_form
from xiaomi_tui.facts.load.loader import bundled_facts_path, load

CLAIM = "cnevpost-first-phase-investment"


@pytest.fixture
def bundled_copy(tmp_path: Path) -> Path:
    """A copy of the curated file, full of comments and sections."""
    path = tmp_path / "facts.toml"
    shutil.copyfile(bundled_facts_path(), path)
    return path


def changed_lines(before: bytes, after: bytes) -> list[tuple[bytes, bytes]]:
    old, new = before.splitlines(keepends=True), after.splitlines(keepends=True)
    assert len(old) == len(new)
    return [(a, b) for a, b in zip(old, new) if a != b]


def test_setting_one_field_changes_exactly_its_line(bundled_copy: Path) -> None:
    before = bundled_copy.read_bytes()
    commit(plan(bundled_copy, Edit("set", "claims", CLAIM, {"para": "11"})))
    after = bundled_copy.read_bytes()
    assert changed_lines(before, after) == [(b"para = 10\n", b"para = 11\n")]
    assert load(bundled_copy).claims[CLAIM].para == 11


def test_a_new_field_goes_beside_the_field_it_follows_and_the_rest_stays(bundled_copy: Path) -> None:
    before = bundled_copy.read_text(encoding="utf-8")
    commit(plan(bundled_copy, Edit("set", "claims", CLAIM, {"via": "lei-jun", "said": ""})))
    after = bundled_copy.read_text(encoding="utf-8")
    assert before.replace('origin = "xiaomi"\nstance = "plan"\nsaid = "2021-03-30"\n',
                          'origin = "xiaomi"\nvia = ["lei-jun"]\nstance = "plan"\n', 1) == after
    assert after.startswith("#:schema ./facts.schema.json\n")


@pytest.mark.parametrize(("values", "says"), [
    ({"para": "-1"}, "field 'para'"),
    ({"date": "someday"}, "field 'date'"),
    ({"origin": "nobody-at-all"}, "unknown party"),
    ({"pra": "4"}, "did you mean para"),
])
def test_a_refused_edit_leaves_the_file_byte_identical(bundled_copy: Path, values: dict[str, str], says: str) -> None:
    before = bundled_copy.read_bytes()
    with pytest.raises(EditError) as refused:
        commit(plan(bundled_copy, Edit("set", "claims", CLAIM, values)))
    assert says in str(refused.value)
    assert str(bundled_copy) in str(refused.value) and CLAIM in str(refused.value)
    assert bundled_copy.read_bytes() == before


def test_an_unknown_id_gets_did_you_mean(bundled_copy: Path) -> None:
    with pytest.raises(EditError, match="did you mean cnevpost-first-phase-investment"):
        plan(bundled_copy, Edit("set", "claims", "cnevpost-first-phase-investmnt", {"para": "3"}))


ADDS = {
    "sources": {"id": "new-report", "publisher": "Example News", "published": "2024-04-02", "outcome": "true",
                "url": "https://example.com/report"},
    "parties": {"id": "new-party", "name": "New Party", "kind": "person"},
    "topics": {"id": "new-topic", "label": "New topic", "pane": "specs", "kind": "text"},
    "claims": {"source": "cnevpost", "topic": "body-style", "statement": "The body is said to be a sedan.",
               "origin": "cnevpost", "value": "sedan", "para": "5"},
}


@pytest.mark.parametrize("table", list(ADDS))
def test_add_then_remove_each_kind_gives_the_file_back(bundled_copy: Path, table: str) -> None:
    before = bundled_copy.read_bytes()
    added = plan(bundled_copy, Edit("add", table, None, ADDS[table]))
    commit(added)
    data = load(bundled_copy).data
    assert added.record_id in [record.id for record in getattr(data, table)]
    assert added.diff.count("\n+") > len(ADDS[table])  # the header, each field, and the blank line before
    commit(plan(bundled_copy, Edit("remove", table, added.record_id)))
    assert bundled_copy.read_bytes() == before


def test_a_claim_gets_an_id_from_source_and_topic(bundled_copy: Path) -> None:
    added = plan(bundled_copy, Edit("add", "claims", None, ADDS["claims"]))
    assert added.record_id == "cnevpost-body-style"


def test_remove_refuses_while_anything_refers_to_it(bundled_copy: Path) -> None:
    before = bundled_copy.read_bytes()
    with pytest.raises(EditError, match=r"party 'xiaomi' is referred to by claim .* \(origin\)"):
        plan(bundled_copy, Edit("remove", "parties", "xiaomi"))
    assert bundled_copy.read_bytes() == before


def test_undo_puts_the_file_back_and_refuses_after_another_change(bundled_copy: Path) -> None:
    before = bundled_copy.read_bytes()
    planned = plan(bundled_copy, Edit("set", "claims", CLAIM, {"para": "11"}))
    commit(planned)
    undo(planned)
    assert bundled_copy.read_bytes() == before
    with pytest.raises(EditError, match="changed on disk"):
        undo(planned)


def test_a_write_refuses_a_file_changed_since_it_was_planned(bundled_copy: Path) -> None:
    planned = plan(bundled_copy, Edit("set", "claims", CLAIM, {"para": "11"}))
    bundled_copy.write_bytes(bundled_copy.read_bytes() + b"\n")
    with pytest.raises(EditError, match="changed on disk"):
        commit(planned)


def test_a_plan_about_the_past_is_a_lint_after_the_write(bundled_copy: Path) -> None:
    planned = plan(bundled_copy, Edit("set", "claims", CLAIM, {"date": "2020"}))
    assert any("plan about the past" in warning for warning in planned.warnings)


@pytest.mark.parametrize(("typed", "form"), [("H1 2024", "2024-H1"), ("Q3 2024", "2024-Q3"), ("Dec 2023", "2023-12"),
                                             ("8 Nov 2023", "2023-11-08"), ("late Nov 2021", "late-2021-11"),
                                             ("early 2024", "early-2024"), ("2024-H1", "2024-H1"), ("soon", "soon")])
def test_dates_as_the_panes_print_them_are_read_back(typed: str, form: str) -> None:
    assert date_form(typed) == form


def test_sums_as_the_panes_print_them_are_read_back() -> None:
    assert money_form("RMB 10 bn") == '{ amount = 10e9, currency = "CNY" }'
    assert money_form("~USD 1.37 billion") == '{ amount = 1.37e9, currency = "USD", approx = true }'
    assert money_form("10 bn") is None and money_form("XYZ 4") is None


# -- the command line ---------------------------------------------------------------------------


def test_values_are_toml_and_a_bare_word_is_a_string(capsys, bundled_copy: Path) -> None:
    code, out, err = run(capsys, "claim", "set", "blog-ev1-body-style", "value=hatchback", "para=4",
                         "--facts", bundled_copy)
    assert (code, err) == (0, "") and "changed claim blog-ev1-body-style" in out
    claim = load(bundled_copy).claims["blog-ev1-body-style"]
    assert claim.value is not None and claim.value.text == "hatchback" and claim.para == 4
    code, _, _ = run(capsys, "--facts", bundled_copy, "claim", "set", CLAIM,
                     'value={ amount = 10e9, currency = "CNY", approx = true }', 'via=["xiaomi"]')
    assert code == 2  # origin xiaomi repeated in via: refused, said why
    code, out, _ = run(capsys, "--facts", bundled_copy, "claim", "set", CLAIM,
                       'value={ amount = 10e9, currency = "CNY", approx = true }')
    assert code == 0
    assert "approx = true" in run(capsys, "--facts", bundled_copy, "claim", "show", CLAIM)[1]


def test_a_refused_command_exits_2_naming_file_record_and_field(capsys, bundled_copy: Path) -> None:
    before = bundled_copy.read_bytes()
    code, out, err = run(capsys, "--facts", bundled_copy, "claim", "set", CLAIM, "para=0")
    assert code == 2 and out == ""
    assert f"{bundled_copy}:" in err and f"claim '{CLAIM}' field 'para'" in err and "nothing was written" in err
    assert "Traceback" not in err and bundled_copy.read_bytes() == before


def test_show_prints_the_table_as_it_stands(capsys, bundled_copy: Path) -> None:
    code, out, _ = run(capsys, "topic", "show", "first-phase-investment", "--facts", bundled_copy)
    assert code == 0 and out.startswith('[[topics]]\nid = "first-phase-investment"\n')


def test_new_then_adds_give_a_story_that_loads_shows_and_exports(capsys, tmp_path: Path) -> None:
    story = tmp_path / "story.toml"
    assert run(capsys, "new", story, "title=My own story")[0] == 0
    assert story.read_text().startswith("#:schema ./facts.schema.json\n")
    assert (tmp_path / "facts.schema.json").is_file()
    assert run(capsys, "check", story)[0] == 0
    steps = [
        ("source", "add", "id=nbd", "publisher=National Business Daily", "published=2023-11-15"),
        ("party", "add", "id=xiaomi", "name=Xiaomi", "kind=organisation"),
        ("topic", "add", "id=launch", "label=Launch", "pane=timeline", "kind=date"),
        ("claim", "add", "source=nbd", "topic=launch", "statement=Xiaomi plans to launch in the first half.",
         "origin=xiaomi", "stance=plan", "date=H1 2024", "said=2023-11-15", "para=3"),
    ]
    for step in steps:
        code, out, err = run(capsys, "--facts", story, *step)
        assert code == 0, err
        if step[0] == "source":  # the lints on the record written follow a write that passes
            assert "warning: source 'nbd' has no claims" in err
    assert "added claim nbd-launch" in out
    facts = load(story)
    assert facts.claims["nbd-launch"].date is not None and facts.claims["nbd-launch"].date.text == "2024-H1"
    assert run(capsys, "--facts", story, "claim", "show", "nbd-launch")[1].startswith("[[claims]]")
    code, out, _ = run(capsys, "--facts", story, "export", "--format", "json")
    assert code == 0 and [claim["id"] for claim in json.loads(out)["claims"]] == ["nbd-launch"]


def test_new_refuses_an_existing_file(capsys, tmp_path: Path) -> None:
    story = tmp_path / "story.toml"
    story.write_text("mine")
    code, _, err = run(capsys, "new", story)
    assert code == 2 and "exists" in err and story.read_text() == "mine"


@pytest.mark.parametrize("export_format", ["json", "csv", "markdown", "claimreview", "csl-json", "bibtex", "ris"])
def test_every_export_works_on_an_empty_story(capsys, tmp_path: Path, export_format: str) -> None:
    story = tmp_path / "story.toml"
    run(capsys, "new", story)
    extra = ["--review-url", "https://x.example/r"] if export_format == "claimreview" else []
    assert run(capsys, "--facts", story, "export", "--format", export_format, *extra)[0] == 0
    assert run(capsys, "check", story)[0] == 0 and run(capsys, "--facts", story, "scorecard")[0] == 0


def readme_session(heading: str) -> list[tuple[str, list[str]]]:
    """The commands of the README's shell session after `heading`, each with the lines it prints."""
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    block = readme[readme.index(heading):]
    block = block[block.index("```sh\n") + 6:]
    block = block[:block.index("```")].replace("\\\n", " ")
    session: list[tuple[str, list[str]]] = []
    for line in block.splitlines():
        if line.startswith("$ "):
            session.append((line[2:], []))
        else:
            session[-1][1].append(line)
    return session


@pytest.mark.parametrize("heading", ["**Worked example**", "nobody defined) is refused"])
def test_the_readme_worked_example_does_what_it_says(capsys, monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                      heading: str) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copyfile(bundled_facts_path(), tmp_path / "facts.toml")
    if heading != "**Worked example**":  # the mistake is made on the worked example's claim
        for command, _ in readme_session("**Worked example**")[:2]:
            assert run(capsys, *shlex.split(command)[1:])[0] == 0
    for command, printed in readme_session(heading):
        words = shlex.split(command.split(" | ")[0])
        assert words[0] == "xiaomi-tui"
        _, out, err = run(capsys, *words[1:])
        said = re.sub(r"facts\.toml:\d+:", "facts.toml:N:", out + err)  # the line moves as facts.toml grows
        for line in printed:
            expected = re.sub(r"facts\.toml:\d+:", "facts.toml:N:", line.strip())
            assert expected in said, f"{command}: {line!r} is not in\n{said}"


def test_a_byte_order_mark_stays_and_is_no_change_in_the_diff(tmp_path: Path) -> None:
    path = tmp_path / "facts.toml"
    path.write_bytes(b"\xef\xbb\xbf" + bundled_facts_path().read_bytes())
    planned = plan(path, Edit("set", "claims", CLAIM, {"para": "11"}))
    assert planned.diff.count("\n-") == 1 and "-para = 10\n+para = 11\n" in planned.diff
    commit(planned)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf#:schema ./facts.schema.json\n")


CRLF_HEAD = b"\xef\xbb\xbf#:schema ./facts.schema.json\r\n"
ALPHA_DEC = [b"", b"[[claims]]", b'id = "alpha-mass-production-dec"', b'topic = "mass-production"', b'source = "alpha"',
             b'statement = "Mass production begins in December, according to an insider quoted by the Daily Paper."',
             b'origin = "insider"', b'via = ["daily"]', b'stance = "plan"', b'date = "2023-12"',
             b'said = "2023-11-15"', b"para = 2"]
CRLF_EDITS = {  # an edit of the CRLF copy of small.toml, the lines it takes out and the lines it puts in
    "set a field": (Edit("set", "claims", "alpha-mass-production-dec", {"para": "7"}), [b"para = 2"], [b"para = 7"]),
    "set a field over two lines": (Edit("set", "claims", "alpha-mass-production-dec", {"via": '["daily",\n "wire"]'}),
                                   [b'via = ["daily"]'], [b'via = ["daily",', b' "wire"]']),
    "set a new field": (Edit("set", "claims", "alpha-mass-production-dec", {"note": "From an insider."}),
                        [], [b'note = "From an insider."']),
    "add a claim": (Edit("add", "claims", None, {"source": "alpha", "topic": "body-style", "statement": "A sedan.",
                                                 "origin": "maker", "value": "sedan", "para": "3"}),
                    [], [b"", b"[[claims]]", b'id = "alpha-body-style"', b'topic = "body-style"', b'source = "alpha"',
                         b'statement = "A sedan."', b'value = "sedan"', b'origin = "maker"', b"para = 3"]),
    "remove a claim": (Edit("remove", "claims", "alpha-mass-production-dec"), ALPHA_DEC, []),
}


@pytest.fixture
def crlf_copy(tmp_path: Path, small_facts_path: Path) -> Path:
    """small.toml with CRLF line endings, a byte-order mark and a `#:schema` line."""
    path = tmp_path / "crlf.toml"
    path.write_bytes(CRLF_HEAD + small_facts_path.read_bytes().replace(b"\n", b"\r\n"))
    return path


@pytest.mark.parametrize("name", list(CRLF_EDITS))
def test_a_crlf_file_keeps_crlf_and_changes_only_the_lines_edited(crlf_copy: Path, name: str) -> None:
    edit, taken_out, put_in = CRLF_EDITS[name]
    before = crlf_copy.read_bytes()
    commit(plan(crlf_copy, edit))
    after = crlf_copy.read_bytes()
    assert re.search(rb"(?<!\r)\n", after) is None
    assert after.startswith(CRLF_HEAD)
    load(crlf_copy)
    removed, added = [], []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old := before.splitlines(keepends=True),
                                                       new := after.splitlines(keepends=True)).get_opcodes():
        if tag != "equal":
            removed += old[i1:i2]
            added += new[j1:j2]
    assert sorted(removed) == sorted(line + b"\r\n" for line in taken_out)
    assert sorted(added) == sorted(line + b"\r\n" for line in put_in)


def test_a_claim_added_to_a_crlf_file_then_removed_gives_it_back(crlf_copy: Path) -> None:
    before = crlf_copy.read_bytes()
    added = plan(crlf_copy, CRLF_EDITS["add a claim"][0])
    assert b"\r\n\r\n[[claims]]\r\nid = \"alpha-body-style\"\r\n" in added.after
    commit(added)
    commit(plan(crlf_copy, Edit("remove", "claims", added.record_id)))
    assert crlf_copy.read_bytes() == before


@pytest.mark.parametrize(("text", "written"), [
    ("", '[[claims]]\nid = "x"\n'),  # no line break yet: LF
    ("[meta]", '[meta]\n\n[[claims]]\nid = "x"\n'),
    ("[meta]\r\n", '[meta]\r\n\r\n[[claims]]\r\nid = "x"\r\n'),
    ("[meta]\r\nas_of = 1", '[meta]\r\nas_of = 1\r\n\r\n[[claims]]\r\nid = "x"\r\n'),
])
def test_a_record_is_added_with_the_files_own_line_ending(text: str, written: str) -> None:
    layout = Layout(text)
    assert layout.inserted(len(layout.lines), '[[claims]]\nid = "x"\n') == written


def test_a_new_record_without_an_id_is_refused_on_its_id_field(small_facts_path: Path) -> None:
    """The editor puts a refusal under the field it names: a new party's missing id goes under `id`."""
    with pytest.raises(EditError, match=r"new party field 'id': a new party needs an id"):
        plan(small_facts_path, Edit("add", "parties", None, {"name": "Lei Jun", "kind": "person"}))

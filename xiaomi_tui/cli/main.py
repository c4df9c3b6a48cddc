"""Command line: the dashboard by default, plus `check`, `cite` and `export` for scripts, and `serve` for a browser.

Everything the dashboard needs is validated before Textual draws anything, so a broken fact base
gives a message and exit code 2 instead of a half-drawn screen.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from xiaomi_tui import __version__
from xiaomi_tui.cli import curate, output

if TYPE_CHECKING:  # imported lazily at run time: start-up stays light
    from xiaomi_tui.facts.citations import Form
    from xiaomi_tui.facts.load.loader import Loaded
    from xiaomi_tui.facts.model.factbase import FactBase

EXIT_OK = 0
EXIT_INTERNAL = 1
EXIT_USAGE = 2


class UsageError(Exception):
    """A mistake in what the user asked for; the message says how to put it right."""


class _Parser(argparse.ArgumentParser):
    """argparse, with "did you mean export?" for a mistyped command."""

    def _check_value(self, action: argparse.Action, value: object) -> None:
        if isinstance(action, argparse._SubParsersAction) and value not in action.choices:
            from xiaomi_tui.facts.wording import did_you_mean

            known = list(action.choices)
            hint = did_you_mean(str(value), known) or f"the commands are {', '.join(known)}"
            raise argparse.ArgumentError(action, f"unknown command {value!r}; {hint}")
        super()._check_value(action, value)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="xiaomi-tui",
        description="What the press says about Xiaomi's first electric car, claim by claim.",
        epilog="Run without a command to open the dashboard. Keys: ? for help inside the app.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    for flags, options in GLOBAL_OPTIONS:
        parser.add_argument(*flags, **options)
    parser.add_argument("--articles", metavar="DIR", type=Path, default=None, dest="editor_articles",
                        help="folder of the press articles (each source's `file`): the claim editor shows the paragraph")
    commands = _Commands(parser.add_subparsers(dest="command", metavar="COMMAND"))

    check = commands.add("check", help="validate a fact base and list what an analyst should know")
    check.add_argument("path", nargs="?", type=Path, help="fact base (default: --facts or the bundled one)")
    check.add_argument("--articles", metavar="DIR", type=Path, default=None,
                       help="folder of the press articles (each source's `file`): warn where a statement copies one")

    cite = commands.add("cite", help="print the citation of a claim")
    cite.add_argument("claim_id", metavar="CLAIM_ID")
    cite.add_argument("--style", default=None,
                      help="apa, mla, chicago, bibtex, csl-json, csl-citation, pandoc, markdown, plain")
    cite.add_argument("--statement", action="store_true", help="include the claim's statement")
    form = cite.add_mutually_exclusive_group()
    form.add_argument("--as-cited", dest="form", action="store_const", const="as-cited", default="claim",
                      help="cite the origin's document as cited in the source (APA: as cited in; Chicago: quoted in)")
    form.add_argument("--origin", dest="form", action="store_const", const="origin",
                      help="cite the origin's document on its own")
    cite.add_argument("--copy", action="store_true",
                      help="also put it on the clipboard (the system's and, by OSC 52, the terminal's: see --clipboard)")

    scorecard = commands.add("scorecard", help="each 2023 forecast scored once against what happened next")
    scorecard.add_argument("--as-of", metavar="DATE", type=_day, default=None,
                           help="score with, and list, only the later reports published by this day, YYYY-MM-DD "
                                "(default: today)")
    scorecard.add_argument("--format", choices=("text", "json", "markdown"), default="text")

    export = commands.add("export", help="write every claim in view as json, csv or markdown, or the reviews")
    export.add_argument("--format", choices=("json", "csv", "markdown", "claimreview", "csl-json", "bibtex", "ris",
                                             "brief"), default="json",
                        help="claimreview: schema.org ClaimReview JSON-LD, one review per forecast with a verdict, "
                             "dated today; "
                             "csl-json, bibtex (biblatex), ris: the bibliography, one item per document cited; "
                             "brief: Markdown with pandoc citations, its CSL-JSON bibliography written beside it")
    export.add_argument("--bibliography-out", metavar="PATH", type=Path, default=None,
                        help="with --format brief: where the bibliography goes (default: xiaomi-brief.json)")
    export.add_argument("--bom", action="store_true",
                        help="csv: start with a UTF-8 byte-order mark, so spreadsheets read it as UTF-8")
    export.add_argument("--spreadsheet", action="store_true",
                        help="csv: for a spreadsheet: the byte-order mark, and dates as people say them (8 Nov "
                             "2023) marked as text with a leading ' (the plain CSV is data as written)")
    export.add_argument("--review-url", metavar="BASE", type=_web_page,
                        help="claimreview: the page that shows the reviews; each review's url is BASE#ID "
                             "(or BASE with {id} replaced by the ID)")
    export.add_argument("--reviewer-url", metavar="URL", type=_web_page,
                        help="claimreview: the reviewer's own page, the url of the reviews' author")

    commands.add("schema", help="print the JSON Schema of a fact base, for editors (facts.schema.json)")
    curate.add_parsers(commands)

    serve = commands.add("serve", help="serve the dashboard to web browsers, an app per tab (xiaomi-tui[web])")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this machine only)")
    serve.add_argument("--port", type=_port, default=8000, help="port to listen on (default: 8000)")
    serve.add_argument("--public", metavar="ORIGIN", nargs="*", default=None,
                       help="allow a --host other machines can reach, from pages at these origins "
                            "(http://name:port; default: this machine's name); there is no authentication")
    return parser


NEEDS_A_TERMINAL = "xiaomi-tui needs a terminal; check, cite, export and scorecard work in scripts"


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a day; write it as YYYY-MM-DD, e.g. 2024-06-30") from None


GLOBAL_OPTIONS: list[tuple[tuple[str, ...], dict[str, Any]]] = [
    (("--facts",), dict(metavar="PATH", type=Path, help="fact base to open (default: the bundled one)")),
    (("--source",), dict(metavar="SOURCE", action="append", dest="sources",
                         help="only this source, by its id or its name (repeatable)")),
    (("--clipboard",), dict(choices=("auto", "osc52", "system"), default="auto",
                            help="how `c` and `cite --copy` copy: OSC 52 via the terminal, the system clipboard, "
                                 "or both (auto)")),
]
"""The options every command takes, before its name or after it (`check --facts PATH`)."""

READ_BY = {"--clipboard": ("cite",)}
"""Global options that only the dashboard and these commands read: taken after any command's name, but shown in
the help of these alone."""


class _Commands:
    """Adds a command that also takes the global options after its name."""

    def __init__(self, commands: argparse._SubParsersAction[_Parser]) -> None:
        self.commands = commands

    def add(self, name: str, **options: Any) -> argparse.ArgumentParser:
        command: argparse.ArgumentParser = self.commands.add_parser(name, **options)
        self.take_global_options(command, name)
        return command

    @staticmethod
    def take_global_options(command: argparse.ArgumentParser, name: str = "") -> None:
        """The global options after a command's name, or a sub-command's (`claim set ID --facts PATH`)."""
        for flags, option in GLOBAL_OPTIONS:
            # SUPPRESS keeps an absent one from hiding the value given before the command.
            readers = READ_BY.get(flags[0])
            hidden = {"help": argparse.SUPPRESS} if readers is not None and name not in readers else {}
            command.add_argument(*flags, **{**option, "default": argparse.SUPPRESS, **hidden})


def _web_page(text: str) -> str:
    """An http(s) address with no fragment: a review's own anchor goes there."""
    from urllib.parse import urlsplit

    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.fragment or not text.isprintable() \
            or " " in text:
        raise argparse.ArgumentTypeError(f"{text!r} is not a web page's address; write it as https://host/path, "
                                         "without a #fragment")
    return text


def _port(text: str) -> int:
    port = int(text)
    if not 0 < port < 65536:
        raise argparse.ArgumentTypeError(f"{port} is not a port (1 to 65535)")
    return port


def main(argv: Sequence[str] | None = None) -> int:
    output.prepare()
    try:
        code = _run(argv)
        output.finish()
    except BrokenPipeError:
        # `xiaomi-tui export | head`: the reader left; say nothing more, and don't let Python complain.
        output.silence()
        return EXIT_INTERNAL
    except output.OutputFailed as error:  # a full disk, /dev/full, a closed stdout: one line, and never 0
        output.silence()
        print(f"xiaomi-tui: cannot write to standard output: {error}", file=sys.stderr)
        return EXIT_USAGE
    return code


def _run(argv: Sequence[str] | None) -> int:
    args = _parser().parse_args(argv)
    # A driver named in TEXTUAL_DRIVER draws elsewhere: textual-serve's web driver talks to the server over pipes.
    if args.command is None and not (os.environ.get("TEXTUAL_DRIVER") or (sys.stdin.isatty() and sys.stdout.isatty())):
        # Piped, the dashboard would ignore every key, or write escapes into a file until killed.
        print(NEEDS_A_TERMINAL, file=sys.stderr)
        return EXIT_USAGE
    if args.command is None and not os.environ.get("TEXTUAL_DRIVER") and not output.utf8(sys.__stderr__):
        # Textual draws on stderr, which would show every box-drawing character as `\u2502`.
        encoding = getattr(sys.__stderr__, "encoding", None) or "unknown"
        print(f"xiaomi-tui: the dashboard draws with Unicode, and this locale's encoding is {encoding}; "
              "use a UTF-8 locale (LANG=C.UTF-8); check, cite, export and scorecard work as they are", file=sys.stderr)
        return EXIT_USAGE
    from xiaomi_tui.facts.load.loader import FactsError

    try:
        if args.command in curate.COMMANDS:
            from xiaomi_tui.facts.load.loader import bundled_facts_path

            return curate.run(args, bundled_facts_path())
        if args.command == "check":
            return _check(args.path or args.facts, args.articles)
        if args.command == "schema":
            from xiaomi_tui.facts.load.schema import json_schema_text

            output.write_data(json_schema_text())
            return EXIT_OK
        if args.command == "export":
            _check_export_options(args)
        facts, keep = _load(args.facts) if args.command is not None else _load_beside_textual(args.facts)
        if args.command is not None:
            keep()  # now: a script is done in a moment; the dashboard keeps it after its first frame
        sources = _checked_sources(facts, args.sources)
        if args.command == "cite":
            return _cite(facts, args.claim_id, args.style, args.form, args.statement,
                         args.clipboard if args.copy else None)
        if args.command == "scorecard":
            from xiaomi_tui.facts.outcomes.scorecard import render
            from xiaomi_tui.facts.outcomes.verdicts import score

            scorecard = render(score(facts, args.as_of), args.format)
            (output.write_data if args.format == "json" else output.write)(scorecard)
            return EXIT_OK
        if args.command == "export" and args.format == "claimreview":
            from xiaomi_tui.facts.export.claimreview import claim_reviews
            from xiaomi_tui.facts.outcomes.verdicts import score

            output.write_data(claim_reviews(score(facts), sources, args.review_url, args.reviewer_url))
            return EXIT_OK
        if args.command == "export" and args.format == "brief":
            return _brief(facts, sources, args.bibliography_out)
        if args.command == "export" and args.format in ("csl-json", "bibtex", "ris"):
            from xiaomi_tui.facts.citations import bibliography

            output.write_data(bibliography(facts, sources, args.format))
            return EXIT_OK
        if args.command == "export":
            from xiaomi_tui.facts.export.tables import BOM, export

            output.write_data((BOM if args.bom or args.spreadsheet else "")
                              + export(facts, sources, args.format, spreadsheet=args.spreadsheet))
            return EXIT_OK
        if args.command == "serve":
            return _serve(args.facts, sources, args.host, args.port, args.public)
        return _dashboard(facts, sources, args.clipboard, keep, args.editor_articles)
    except FactsError as error:
        print(error.report(), file=sys.stderr)
        return EXIT_USAGE
    except UsageError as error:
        print(f"xiaomi-tui: {error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130


def _check_export_options(args: argparse.Namespace) -> None:
    """Options that mean something for one format only are a mistake with another; a review without a url a risk."""
    if args.bom and args.format != "csv":
        raise UsageError("--bom is for --format csv: JSON and Markdown readers take UTF-8 without one")
    if args.spreadsheet and args.format != "csv":
        raise UsageError("--spreadsheet is for --format csv")
    if (args.review_url or args.reviewer_url) and args.format != "claimreview":
        raise UsageError("--review-url and --reviewer-url are for --format claimreview")
    if args.format == "claimreview" and not args.review_url:
        print("xiaomi-tui: warning: no --review-url: search engines require each ClaimReview's url, the page that "
              "shows the review; give the page you publish these on", file=sys.stderr)


def _load_beside_textual(path: Path | None) -> Loaded:
    """`_load`, with Textual and the dashboard imported while a child process validates a file the cache does not
    hold: a first open then costs little more than a later one on a machine with two cores. A broken file still gets
    its message before anything is drawn."""
    from xiaomi_tui.facts.load.loader import bundled_facts_path, load_meanwhile

    finish = load_meanwhile(path or bundled_facts_path())
    import xiaomi_tui.ui.app  # noqa: F401 - imported for the time it takes

    return finish()


def _load(path: Path | None) -> Loaded:
    from xiaomi_tui.facts.load.loader import bundled_facts_path, load_unkept

    return load_unkept(path or bundled_facts_path())


def _checked_sources(facts: FactBase, wanted: list[str] | None) -> list[str] | None:
    """The ids of the sources named by id or by name (`--source Pandaily`)."""
    if not wanted:
        return None
    found = {text: facts.source_named(text) for text in wanted}
    unknown = [text for text, source_id in found.items() if source_id is None]
    if unknown:
        valid = "\n  ".join(f"{source_id:<14} {facts.source_name(source_id)}" for source_id in facts.sources)
        raise UsageError(f"unknown source {', '.join(map(repr, unknown))}; give an id or a name:\n  {valid}")
    return list(dict.fromkeys(source_id for source_id in found.values() if source_id is not None))


def _check(path: Path | None, articles: Path | None) -> int:
    import io

    from xiaomi_tui.cli.check import report
    from xiaomi_tui.facts.load.loader import bundled_facts_path, load
    from xiaomi_tui.io.files import shown

    if articles is not None and not articles.is_dir():
        raise UsageError(f"--articles {shown(articles)} is not a folder; give the folder that holds the articles")
    target = path or bundled_facts_path()
    text = io.StringIO()
    report(load(target), target, text, articles)
    output.write(text.getvalue())
    return EXIT_OK


def _cite(facts: FactBase, claim_id: str, style: str | None, form: Form, with_statement: bool,
          copy: str | None) -> int:
    """Print a claim's citation; `copy` (a `--clipboard` mode, None: no copy) puts it on the clipboard too."""
    from xiaomi_tui.facts import citations

    claim = facts.claims.get(claim_id)
    if claim is None:
        from xiaomi_tui.facts.wording import did_you_mean

        hint = did_you_mean(claim_id, facts.claims, count=3) or "`xiaomi-tui export --format csv` lists the ids"
        raise UsageError(f"unknown claim {claim_id!r}; {hint}")
    chosen = style or _saved_style()
    if chosen not in citations.STYLES:
        raise UsageError(str(citations.UnknownStyle(chosen)))
    from xiaomi_tui.io.clipboard import copy_to_system, copy_to_terminal, pasteable

    try:
        citation = citations.cite(facts, claim, chosen, form, with_statement=with_statement)
    except citations.NotCitable as error:
        raise UsageError(str(error)) from None
    text = pasteable(citation.text)
    output.say(text)
    if citation.note:
        print(f"note: {citation.note}", file=sys.stderr)
    from xiaomi_tui.facts.analysis.status import assessment

    if warning := assessment(claim):  # cited as asked, but never without saying we hold it wrong
        print(f"warning: {pasteable(warning)}", file=sys.stderr)
    if copy in ("auto", "system"):
        print(copy_to_system(text, citation.html).message, file=sys.stderr)
    if copy in ("auto", "osc52"):  # over SSH, the terminal's clipboard is the one within reach
        print(copy_to_terminal(text).message, file=sys.stderr)
    return EXIT_OK


def _brief(facts: FactBase, sources: list[str] | None, bibliography_out: Path | None) -> int:
    """The brief on stdout, its bibliography in a file beside it (named in the brief's front matter)."""
    from xiaomi_tui.facts.export.brief import BIBLIOGRAPHY_NAME, brief
    from xiaomi_tui.io.files import WriteFailed, write_atomically

    path = bibliography_out or Path(BIBLIOGRAPHY_NAME)
    text, bibliography = brief(facts, sources, str(path))
    try:
        write_atomically(path, bibliography)
    except WriteFailed as error:
        raise UsageError(str(error)) from None
    output.write_data(text)
    print(f"note: the bibliography is in {path}; pandoc --citeproc finds it there", file=sys.stderr)
    return EXIT_OK


def _saved_style() -> str:
    from xiaomi_tui.settings import Settings

    settings, problems = Settings.load()
    for problem in problems:
        print(f"xiaomi-tui: warning: {problem}", file=sys.stderr)
    return settings.citation_style


def _dashboard(facts: FactBase, sources: list[str] | None, clipboard: str, keep: Callable[[], None],
               articles: Path | None = None) -> int:
    import gc

    from xiaomi_tui.ui.app import XiaomiApp

    # The fact base lives as long as the dashboard: spare the collector walking it on every full pass.
    gc.freeze()
    app = XiaomiApp(facts, sources=sources, clipboard_mode=clipboard, keep_in_cache=keep, articles=articles)
    app.run()
    return app.return_code or EXIT_OK


def _serve(facts_path: Path | None, sources: list[str] | None, host: str, port: int,
           public: list[str] | None) -> int:
    """Serve the dashboard; the fact base and the sources were checked already, so no tab opens on an error."""
    import importlib.util

    if public is None and not _is_loopback(host):
        raise UsageError(f"{host} is not a loopback address; add --public to let other machines in "
                         "(there is no authentication: anyone who can reach the port can use the dashboard)")
    if importlib.util.find_spec("textual_serve") is None:
        raise UsageError("browser mode needs textual-serve: pip install 'xiaomi-tui[web]'")
    from xiaomi_tui.web.server import DashboardServer, app_command

    if public is not None:
        print(f"xiaomi-tui: warning: serving on {host}:{port} without authentication: anyone who can reach "
              "it can use the dashboard", file=sys.stderr)
    arguments = ["--facts", str(facts_path.resolve())] if facts_path else []
    for source_id in sources or ():
        arguments += ["--source", source_id]
    try:
        server = DashboardServer(app_command(arguments), host, port, public)
    except ValueError as error:  # an origin that is not one
        raise UsageError(f"--public: {error}") from None
    try:
        server.serve()
    except OSError as error:  # the address is taken or not this machine's
        raise UsageError(f"cannot listen on {host}:{port}: {error.strerror or error}") from None
    return EXIT_OK


def _is_loopback(host: str) -> bool:
    import ipaddress

    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:  # a host name: it may resolve anywhere
        return False

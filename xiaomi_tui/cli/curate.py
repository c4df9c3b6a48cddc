"""`xiaomi-tui claim|source|topic|party show|set|add|remove` and `xiaomi-tui new`: keep a fact base from scripts.

Every write goes through the data layer's one write path (`facts/edit`): the record's own lines change, the
whole file is checked as `check` checks it, and nothing is written on any problem (exit 2, the message naming
file, record, field and what to fix). The lints on the record written print after it, as warnings.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any, Protocol

from xiaomi_tui.cli import output

__all__ = ["COMMANDS", "add_parsers", "run"]

NOUNS = ("claim", "source", "topic", "party")
COMMANDS = (*NOUNS, "new")

_VALUE_HELP = ("FIELD=VALUE: VALUE is TOML, a bare word is a string (para=4, value=hatchback, "
               "via='[\"nbd\"]', value='{ amount = 10e9, currency = \"CNY\" }'); dates and sums as the panes print "
               "them also do (date='H1 2024', value='RMB 10 bn'); FIELD= removes the field")


class Commands(Protocol):
    """main's list of commands: each takes the global options (`--facts`) after its name too."""

    def add(self, name: str, **options: Any) -> argparse.ArgumentParser: ...
    def take_global_options(self, command: argparse.ArgumentParser) -> None: ...


def add_parsers(commands: Commands) -> None:
    """The record commands and `new`; `--facts` goes before the command or after it."""
    for noun in NOUNS:
        parser = commands.add(noun, help=f"show, set, add or remove a {noun} of the fact base (--facts)")
        actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
        show = actions.add_parser("show", help=f"print the {noun}'s table as it stands in the file")
        show.add_argument("record_id", metavar="ID")
        change = actions.add_parser("set", help=f"set fields of the {noun}", epilog=_VALUE_HELP)
        change.add_argument("record_id", metavar="ID")
        change.add_argument("values", metavar="FIELD=VALUE", nargs="+")
        add = actions.add_parser("add", help=f"add a {noun}" + (" (the id is made from source and topic when not "
                                                                  "given, and printed)" if noun == "claim" else ""),
                                 epilog=_VALUE_HELP)
        add.add_argument("values", metavar="FIELD=VALUE", nargs="*")
        remove = actions.add_parser("remove", help=f"remove the {noun}; refused while anything refers to it")
        remove.add_argument("record_id", metavar="ID")
        for action in (show, change, add, remove):
            commands.take_global_options(action)
    new = commands.add("new", help="start an empty fact base of your own: its #:schema line and [meta]")
    new.add_argument("path", metavar="PATH", type=Path)
    new.add_argument("values", metavar="FIELD=VALUE", nargs="*", help="[meta]'s title, as_of, description, curator")


def run(args: argparse.Namespace, default_path: Path) -> int:
    """One record command; 0, or 2 with the reason on stderr."""
    from xiaomi_tui.facts.edit import KINDS, Edit, EditError, commit, create, new_story, plan, record_text
    from xiaomi_tui.io.files import shown

    try:
        values = _assignments(args.values) if "values" in args else {}
        if args.command == "new":
            planned = new_story(args.path, values)
            written = create(planned)
            output.say(f"started {shown(args.path)}: {planned.facts.title}")
            if len(written) > 1:
                output.say(f"wrote {shown(written[1])} beside it, the schema its #:schema line names")
            output.say(f"next: xiaomi-tui --facts {shown(args.path)} source add id=... publisher=... url=...")
            return 0
        path = args.facts or default_path
        table = KINDS[args.command]
        if args.action == "show":
            output.write(record_text(path, table, args.record_id))
            return 0
        planned = plan(path, Edit(args.action, table, getattr(args, "record_id", None), values))
        commit(planned)
    except EditError as error:
        print(f"xiaomi-tui: {error}", file=sys.stderr)
        return 2
    done = {"set": "changed", "add": "added", "remove": "removed"}[args.action]
    output.say(f"{done} {args.command} {planned.record_id} in {shown(path)}")
    for warning in planned.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    return 0


def _assignments(items: list[str]) -> dict[str, str]:
    from xiaomi_tui.facts.edit import EditError

    values = {}
    for item in items:
        name, equals, value = item.partition("=")
        if not equals or not name.strip():
            raise EditError(f"{item!r} is not FIELD=VALUE; write it as para=4 or statement='...'")
        values[name.strip()] = value
    return values

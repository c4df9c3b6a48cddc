"""The one write path to a fact base: change, add or remove a record, validate the whole file as `check` does,
and write it atomically, keeping every comment, blank line, key order and quoting elsewhere byte for byte.

The command line (`claim set ...`, `new`) and the dashboard's editor both go through `plan` and `commit`.
"""

from xiaomi_tui.facts.edit.change import (
    KINDS,
    Edit,
    EditError,
    Planned,
    commit,
    create,
    field_texts,
    new_story,
    plan,
    record_text,
    undo,
)
from xiaomi_tui.facts.edit.values import completions, field_choices, field_names, value_text

__all__ = ["KINDS", "Edit", "EditError", "Planned", "commit", "completions", "create", "field_choices", "field_names",
           "field_texts", "new_story", "plan", "record_text", "undo", "value_text"]

"""The searches kept between runs (`up` in the search box recalls them), in search-history.json beside
settings.json: the last `KEPT` distinct searches committed with enter, oldest first.

The file is ours, not the user's to edit, but it may be anything: reading it never fails. A file that cannot be
read whole or is not a list of searches gives an empty history and one line for the caller to show; an entry that
is no search (not text, too long, or holding a character a terminal would act on, such as an escape sequence) is
left out, with one line for them all. The next search committed writes the file again, whole (what was kept), and
privately (0600, as a shell keeps its history); its text reaches the screen only as the search box's text.
A served browser tab never reads nor writes it: its visitor is not the user whose history this is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from xiaomi_tui.facts.model.rules import terminal_acts_on
from xiaomi_tui.facts.wording import counted
from xiaomi_tui.io.files import shown
from xiaomi_tui.settings import NoHome, Unusable, read_json, settings_path, write_json

__all__ = ["KEPT", "LONGEST", "SearchHistory", "cleaned", "history_path", "remembered"]

KEPT = 50
"""How many distinct searches the history keeps, the newest."""

LONGEST = 200
"""A search longer than this (characters) is not kept: nobody types one, and it keeps the file small."""

MAX_BYTES = 128 * 1024
"""`KEPT` searches of `LONGEST` characters, each written as JSON escapes (12 bytes for a character beyond the
BMP), fit; reading stops here, so a huge or endless file costs nothing."""


def history_path() -> Path:
    """search-history.json in settings.json's folder; raises `NoHome` as `settings_path` does."""
    return settings_path().with_name("search-history.json")


def is_search(entry: object) -> bool:
    """Whether `entry` is a search the box could have committed: text, not empty, at most `LONGEST` characters,
    with nothing a terminal would act on (the box drops those as they are typed)."""
    return (isinstance(entry, str) and bool(entry.strip()) and len(entry) <= LONGEST
            and not any(map(terminal_acts_on, entry)))


def remembered(searches: list[str], search: str) -> list[str]:
    """`searches` with `search` as the newest (moved there if it was already kept), the last `KEPT` of them;
    unchanged when `search` is no search to keep."""
    if not is_search(search):
        return searches
    return [*(kept for kept in searches if kept != search), search][-KEPT:]


def cleaned(saved: object) -> tuple[list[str], str | None]:
    """The searches a history file's JSON holds, and why some or all were left out (None when none was)."""
    entries = saved.get("searches") if isinstance(saved, dict) else None
    if not isinstance(entries, list):
        return [], ('is not a JSON object with a list of searches ({"searches": ["is:conflict"]}); '
                    "the history starts empty")
    searches: list[str] = []
    for entry in entries:
        if is_search(entry):
            searches = remembered(searches, entry)
    dropped = sum(not is_search(entry) for entry in entries)
    if dropped:
        return searches, (f"has {counted(dropped, 'entry')} that cannot be a search (not text, longer than "
                          f"{LONGEST} characters, or with control characters); left out")
    return searches, None


@dataclass
class SearchHistory:
    """The searches to recall, oldest first, and the file that keeps them (None: for this run only, as in a
    served tab, with no home folder, or once a save has failed)."""

    searches: list[str] = field(default_factory=list)
    path: Path | None = None

    @classmethod
    def load(cls) -> tuple[SearchHistory, str | None]:
        """The saved history and what was wrong with its file, in one line for the user (None when all was well,
        or when there is no file yet)."""
        try:
            path = history_path()
        except NoHome:  # the settings already say so
            return cls(), None
        try:
            searches, problem = cleaned(read_json(path, MAX_BYTES))
        except FileNotFoundError:
            return cls(path=path), None
        except Unusable as unusable:
            searches, problem = [], f"{unusable}; the history starts empty"
        return cls(searches, path), None if problem is None else f"search history file {shown(path)} {problem}"

    def add(self, search: str) -> str | None:
        """Keep `search` as the newest, in the file too; why it could not be saved (once: from then on the history
        lasts for this run), or None."""
        self.searches = remembered(self.searches, search)
        if self.path is None:
            return None
        failed = write_json(self.path, {"searches": self.searches}, private=True)
        if failed is None:
            return None
        path, self.path = self.path, None
        return f"could not save the search history to {shown(path)}: {failed}; searches are kept for this run only"

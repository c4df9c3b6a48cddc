"""The few choices worth remembering between runs, in a small JSON file under the user's config directory:
the citation style, the theme, a keymap (binding id to keys, `{"cite.copy": "x"}`) and the articles folder.

The file is the user's to edit, and may be anything: reading it never fails. A file that cannot be read whole
gives the defaults and a one-line problem for the caller to show (a notification, a line on stderr), and is
never written over; a value we cannot use (a style of a later version, a keymap of the wrong shape) costs only
that value, and stays in the file. A choice is written back alone, beside everything else the file holds.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from xiaomi_tui.io.files import MissingFile, UnreadableFile, WriteFailed, read_regular_file, shown, write_atomically

__all__ = ["NoHome", "ReadOnly", "Settings", "SettingsFile", "SettingsStore", "Unusable", "read_json",
           "settings_path", "write_json"]

DEFAULT_CITATION_STYLE = "apa"
"""What `c` copies until the user picks another style (a key of `citations.STYLES`)."""

MAX_BYTES = 64 * 1024
"""A settings file is a few dozen bytes; reading stops here, so a huge or endless file costs nothing."""


class NoHome(Exception):
    """There is no folder to keep settings in: no HOME and no XDG_CONFIG_HOME, and a user with no passwd entry
    (a container run under an arbitrary uid)."""


def settings_path() -> Path:
    """$XDG_CONFIG_HOME/xiaomi-tui/settings.json on Linux, the platform's equivalent elsewhere; raises `NoHome`."""
    from platformdirs import user_config_path

    try:
        return user_config_path("xiaomi-tui", appauthor=False) / "settings.json"
    except RuntimeError:  # platformdirs: "could not determine the home directory"
        raise NoHome("no home directory to keep settings in (set HOME or XDG_CONFIG_HOME)") from None


class Unusable(Exception):
    """Why a file of ours (settings.json, the search history) was set aside, in words for the user."""


class SettingsStore(Protocol):
    def save(self, key: str, value: object) -> str | None:
        """Keep `key` at `value` for the next run; an error message instead of raising, for the UI."""


@dataclass
class SettingsFile:
    """settings.json, written back one key at a time: whatever else is in it (keys of a later version, values
    we refused, the user's own notes) stays. A file that could not be read whole (`usable` off) is never written:
    the user's file is worth more than a choice made this session."""

    path: Path
    usable: bool = True

    def save(self, key: str, value: object) -> str | None:
        if not self.usable:
            return f"not saved: settings file {shown(self.path)} is left as it is until it is fixed or removed"
        try:
            saved = read_json(self.path)  # again: the user may have edited it since the start
        except FileNotFoundError:
            saved = {}
        except Unusable as unusable:
            saved = unusable
        if not isinstance(saved, dict):
            why = saved if isinstance(saved, Unusable) else "is not a JSON object"
            return f"not saved: settings file {shown(self.path)} {why}; it is left as it is"
        failed = write_json(self.path, {**saved, key: value})
        return f"could not save settings to {shown(self.path)}: {failed}" if failed else None


@dataclass
class NowhereToSave:
    """No folder to keep settings in: choices hold for this run."""

    reason: str

    def save(self, key: str, value: object) -> str | None:
        return f"could not save settings: {self.reason}"


class ReadOnly:
    """A served app's settings: a browser tab's visitor is not the user whose file this is, so their choices stay
    in the tab, and the file is read but never written."""

    def save(self, key: str, value: object) -> str | None:
        return None


def _default_store() -> SettingsStore:
    try:
        return SettingsFile(settings_path())
    except NoHome as error:
        return NowhereToSave(str(error))


@dataclass
class Settings:
    citation_style: str = DEFAULT_CITATION_STYLE
    theme: str | None = None
    """The Textual theme last picked in the palette; None until one is (the app checks the name)."""
    keymap: dict[str, str] = field(default_factory=dict)
    """Binding id to keys ("x", or "x,ctrl+x"), as `App.set_keymap` takes it; the app checks the ids and keys."""
    articles: str | None = None
    """The folder of the press articles, shown beside the claim editor (`--articles` wins)."""
    store: SettingsStore = field(default_factory=_default_store, compare=False, repr=False)
    """Where a choice is kept: settings.json, or nowhere (`ReadOnly` in a served app)."""

    @classmethod
    def load(cls) -> tuple[Settings, list[str]]:
        """The saved settings and what was wrong with them, in one line for the user (none when all was well).
        A missing file means the defaults; one that cannot be read whole, the defaults and a file left alone; a
        value we cannot use, the default for that value alone."""
        try:
            path = settings_path()
        except NoHome as error:
            return cls(store=NowhereToSave(str(error))), [f"{error}; using the defaults"]
        try:
            saved = read_json(path)
        except FileNotFoundError:
            return cls(store=SettingsFile(path)), []
        except Unusable as unusable:
            return cls(store=SettingsFile(path, usable=False)), [_left_alone(path, str(unusable))]
        if not isinstance(saved, dict):
            return cls(store=SettingsFile(path, usable=False)), [_left_alone(path, "is not a JSON object")]
        problems = []
        style = saved.get("citation_style", DEFAULT_CITATION_STYLE)
        if not isinstance(style, str) or not _known_style(style):
            problems.append(_style_problem(style))
            style = DEFAULT_CITATION_STYLE
        theme = saved.get("theme")
        if theme is not None and not isinstance(theme, str):
            problems.append("has a theme that is not a string; using the default theme")
            theme = None
        try:
            keymap = _keymap(saved.get("keymap", {}))
        except Unusable as unusable:
            keymap = {}
            problems.append(f"{unusable}; using the default keys")
        articles = saved.get("articles")
        if articles is not None and not isinstance(articles, str):
            problems.append("has an articles folder that is not a string; using none")
            articles = None
        settings = cls(style, theme, keymap, articles, store=SettingsFile(path))
        return settings, [f"settings file {shown(path)} {'; it '.join(problems)}"] if problems else []

    def choose(self, key: str, value: str) -> str | None:
        """Set one choice (`citation_style`, `theme`) and keep it for the next run; an error message or None."""
        setattr(self, key, value)
        return self.store.save(key, value)


def _left_alone(path: Path, why: str) -> str:
    return (f"settings file {shown(path)} {why}; using the defaults, and nothing is saved to it until it is "
            "fixed (a JSON object such as {\"citation_style\": \"apa\"}) or removed")


def read_json(path: Path, limit: int = MAX_BYTES) -> object:
    """The JSON a small file of ours holds (at most `limit` bytes); raises FileNotFoundError when there is none,
    `Unusable` when it cannot be read whole or is not JSON."""
    try:
        raw = read_regular_file(path, limit)
    except MissingFile:
        raise FileNotFoundError(path) from None  # no file: the defaults, with nothing to say
    except UnreadableFile as error:
        raise Unusable(str(error)) from None
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise Unusable("is not valid JSON") from None


def write_json(path: Path, data: object, private: bool = False) -> str | None:
    """Write `data` as JSON to `path`, whole or not at all, making its folder if need be (see `write_atomically`);
    why it could not be written, or None."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        return error.strerror or str(error)
    try:
        write_atomically(path, json.dumps(data, indent=2) + "\n", private=private)
    except WriteFailed as error:
        return error.reason
    return None


def _known_style(style: str) -> bool:
    from xiaomi_tui.facts.citations import STYLES

    return style in STYLES


def _style_problem(style: object) -> str:
    from xiaomi_tui.facts.citations import UnknownStyle

    if not isinstance(style, str):
        return f"has a citation_style that is not a string; using {DEFAULT_CITATION_STYLE}"
    return f"has an {UnknownStyle(style)}; using {DEFAULT_CITATION_STYLE}"


def _keymap(saved: object) -> dict[str, str]:
    """A JSON object of strings: which ids and keys make sense is for the app, which knows its bindings."""
    if not isinstance(saved, dict) or not all(isinstance(keys, str) for keys in saved.values()):
        raise Unusable("has a keymap that is not an object of binding ids to keys (\"cite.copy\": \"x\")")
    return dict(saved)

"""The few choices worth remembering between runs, in a small JSON file under the user's config directory:
the citation style, the theme, and a keymap (binding id to keys, `{"cite.copy": "x"}`).

The file is the user's to edit, and may be anything: reading it never fails. A file that cannot be used
gives the defaults and a one-line `problem` for the caller to show (a notification, a line on stderr); a
keymap of the wrong shape costs only the keymap. Saving keeps what the user wrote that we do not set.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from xiaomi_tui.io.files import MissingFile, UnreadableFile, WriteFailed, read_regular_file, shown, write_atomically

__all__ = ["NoHome", "Settings", "settings_path"]

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


class _Unusable(Exception):
    """Why the settings file was set aside, in words for the user."""


@dataclass
class Settings:
    citation_style: str = DEFAULT_CITATION_STYLE
    theme: str | None = None
    """The Textual theme last picked in the palette; None until one is (the app checks the name)."""
    keymap: dict[str, str] = field(default_factory=dict)
    """Binding id to keys ("x", or "x,ctrl+x"), as `App.set_keymap` takes it; the app checks the ids and keys."""
    saved: dict[str, object] = field(default_factory=dict, compare=False, repr=False)
    """The file as read: what `save` writes back beside our own keys, so a hand-written key survives."""
    problem: str | None = field(default=None, compare=False)
    """Why the saved file was not used, if it was not; never saved."""
    remember: bool = field(default=True, compare=False)
    """Whether `save` writes the file; off in a served app, whose choices stay in its browser tab."""

    @classmethod
    def load(cls) -> Settings:
        """The saved settings; a missing file means the defaults, an unusable one the defaults and a `problem`."""
        try:
            path = settings_path()
        except NoHome as error:
            return cls(problem=f"{error}; using the defaults")
        try:
            saved = _read_json(path)
            style = _citation_style(saved)
        except FileNotFoundError:
            return cls()
        except _Unusable as unusable:
            return cls(problem=f"settings file {shown(path)} {unusable}; using the defaults")
        assert isinstance(saved, dict)  # `_citation_style` refuses anything else
        theme = saved.get("theme")
        problems = [] if theme is None or isinstance(theme, str) else ["has a theme that is not a string; using the "
                                                                       "default theme"]
        try:
            keymap = _keymap(saved.get("keymap", {}))
        except _Unusable as unusable:
            keymap = {}
            problems.append(f"{unusable}; using the default keys")
        return cls(style, theme if isinstance(theme, str) else None, keymap, saved=saved,
                   problem=f"settings file {shown(path)} {'; it '.join(problems)}" if problems else None)

    def save(self) -> str | None:
        """Keep the choices for the next run, unless they belong to this session alone (`remember` is off: a
        browser tab's visitor is not the user whose file this is). Written atomically (see
        `files.write_atomically`); returns an error message instead of raising, for the UI."""
        if not self.remember:
            return None
        try:
            path = settings_path()
        except NoHome as error:
            return f"could not save settings: {error}"
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            return f"could not save settings to {shown(path)}: {error.strerror or error}"
        try:
            chosen = {"citation_style": self.citation_style, "theme": self.theme}
            kept = {**self.saved, **{key: value for key, value in chosen.items() if value is not None}}
            write_atomically(path, json.dumps(kept, indent=2) + "\n")
        except WriteFailed as error:
            return f"could not save settings to {shown(path)}: {error.reason}"
        return None


def _read_json(path: Path) -> object:
    try:
        raw = read_regular_file(path, MAX_BYTES)
    except MissingFile:
        raise FileNotFoundError(path) from None  # no file: the defaults, with nothing to say
    except UnreadableFile as error:
        raise _Unusable(str(error)) from None
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise _Unusable("is not valid JSON") from None


def _citation_style(saved: object) -> str:
    from xiaomi_tui.facts.citations import STYLES, UnknownStyle

    if not isinstance(saved, dict):
        raise _Unusable("is not a JSON object")
    style = saved.get("citation_style", DEFAULT_CITATION_STYLE)
    if not isinstance(style, str):
        raise _Unusable("has a citation_style that is not a string")
    if style not in STYLES:
        raise _Unusable(f"has an {UnknownStyle(style)}")
    return style


def _keymap(saved: object) -> dict[str, str]:
    """A JSON object of strings: which ids and keys make sense is for the app, which knows its bindings."""
    if not isinstance(saved, dict) or not all(isinstance(keys, str) for keys in saved.values()):
        raise _Unusable("has a keymap that is not an object of binding ids to keys (\"cite.copy\": \"x\")")
    return dict(saved)

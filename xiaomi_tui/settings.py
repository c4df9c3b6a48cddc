"""The few choices worth remembering between runs, in a small JSON file under the user's config directory."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

__all__ = ["Settings", "settings_path"]


def settings_path() -> Path:
    """$XDG_CONFIG_HOME/xiaomi-tui/settings.json on Linux, the platform's equivalent elsewhere."""
    from platformdirs import user_config_path

    return user_config_path("xiaomi-tui", appauthor=False) / "settings.json"


@dataclass
class Settings:
    citation_style: str = "apa"

    @classmethod
    def load(cls) -> Settings:
        """Read the saved settings; a missing or damaged file means the defaults, never an error."""
        try:
            saved = json.loads(settings_path().read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        if not isinstance(saved, dict):
            return cls()
        style = saved.get("citation_style")
        return cls(citation_style=style) if isinstance(style, str) else cls()

    def save(self) -> str | None:
        """Write atomically; return an error message instead of raising, so the UI can say it."""
        path = settings_path()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            temporary = path.with_suffix(".tmp")
            temporary.write_text(json.dumps(asdict(self), indent=2) + "\n", encoding="utf-8")
            os.replace(temporary, path)
        except OSError as error:
            return f"could not save settings to {path}: {error.strerror or error}"
        return None

"""The help screen: every key, generated from the bindings so it cannot drift from them."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

LEGEND = """
## Reading the screen
| mark | means |
|---|---|
| ✓ agree / corroborated | sources with **different origins** say the same |
| ↻ echo / echoed | several sources, **one origin**: the same report repeated |
| • single / unique | only one source carries it |
| ✗ conflict | values that cannot both be true |
| ≈ minor | close but not equal: rounding or a different rate |
| ? not comparable | a comparison needs a rate nobody gave |
| ∷ various | different answers that can all hold |
| ● / ◇ | on the timeline: past / expected as of the fact base's date |

Copying sends the citation to the terminal (OSC 52; in tmux `set -g set-clipboard on`)
and, where there is a display, to the system clipboard.
"""


class HelpScreen(ModalScreen[None]):
    """Markdown help; escape, q or ? closes it."""

    BINDINGS = [
        Binding("escape,q,question_mark,f1", "dismiss", "Close", id="help.close"),
    ]

    def __init__(self, keys: list[tuple[list[str], str]]):
        super().__init__()
        self._keys = keys

    def compose(self) -> ComposeResult:
        rows = "\n".join(f"| {' '.join(f'`{key}`' for key in keys)} | {description} |"
                         for keys, description in self._keys)
        text = f"# xiaomi-tui keys\n\n| key | does |\n|---|---|\n{rows}\n{LEGEND}"
        with VerticalScroll(id="help-body"):
            yield Markdown(text)

    def action_dismiss(self) -> None:
        self.dismiss(None)

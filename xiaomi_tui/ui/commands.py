"""Command palette entries for each source: show only it, or toggle it in the view.

A source's name comes from the fact base, so it is shown as `Content`, never as a string: the palette
parses strings as markup, where `CnEVPost [/nope]` crashed it and `[@click=app.quit]x[/]` became an action.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher

from xiaomi_tui.ui.dashboard import dashboard


def highlight(matcher: Matcher, title: str) -> Content:
    """The letters of `title` that `matcher` matched, highlighted in plain text.

    `Matcher.highlight` would do the same after parsing `title` as markup.
    """
    content = Content(title)
    for offset in matcher.fuzzy_search.match(matcher.query, title)[1]:
        content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


class SourceCommands(Provider):
    def _commands(self) -> Iterator[tuple[str, str, Callable[[], None]]]:
        app = dashboard(self)
        facts = app.view.facts
        for source in facts.sources.values():
            name = facts.source_name(source.id)
            state = "hide" if source.id in app.view.sources else "show"
            # The help line is parsed as markup too: it names the source by its id, a slug, never its name.
            yield (f"Only source: {name}", f"Show only {source.id}'s claims",
                   partial(app.set_sources, [source.id]))
            yield (f"Toggle source: {name}", f"{state.capitalize()} {source.id}",
                   partial(app.set_sources, app.view.sources ^ {source.id}))

    async def discover(self) -> Hits:
        for title, help_text, callback in self._commands():
            yield DiscoveryHit(Content(title), callback, text=title, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, highlight(matcher, title), callback, text=title, help=help_text)

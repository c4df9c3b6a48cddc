"""Investment: money and capacity, with bars where comparing sizes says more than the numbers."""

from __future__ import annotations

from collections import Counter

from rich.text import Text

from xiaomi_tui.facts.analysis.topics import TopicAnalysis
from xiaomi_tui.facts.model.currency import convert, scale
from xiaomi_tui.facts.model.formatting import CURRENCY_LABELS, format_number
from xiaomi_tui.facts.model.records import Money, Quantity, Rate
from xiaomi_tui.ui.panes.base import Pane, Shown, empty_sentence, topics_shown
from xiaomi_tui.ui.render.cells import consensus_cell, plain, status_cell
from xiaomi_tui.ui.view import Selection, View
from xiaomi_tui.ui.widgets.columns import Column
from xiaomi_tui.ui.widgets.table_rows import Row

BAR_WIDTH = 16
SCALE_CURRENCY = "CNY"


def bar(low: float | None, high: float | None, top: float, width: int = BAR_WIDTH) -> Text:
    """Solid up to what is certain, shaded across a range, with eighth-blocks for the remainder."""
    def cells(amount: float) -> float:
        return max(0.0, min(width, amount / top * width)) if top > 0 else 0.0

    solid = cells(low or 0)
    shaded = cells(high) if high is not None else float(width)
    full = int(solid)
    text = Text("\u2588" * full, style="green")
    eighths = int((solid - full) * 8)
    if eighths:
        text.append(" \u258f\u258e\u258d\u258c\u258b\u258a\u2589"[eighths], style="green")
    remainder = max(0, round(shaded) - len(text))
    text.append("\u2591" * remainder, style="green")
    if high is None:
        text.append("\u25b8", style="green")
    return text


def _scale_key(topic: TopicAnalysis, view: View) -> tuple[str, float | None, float | None] | None:
    """Which bars share a scale (money in one currency, or a unit) and this topic's low/high on it."""
    if not topic.groups:
        return None
    value = topic.ranked_groups[0].claims[0].value
    if isinstance(value, Money):
        factor = convert(value.currency, SCALE_CURRENCY, view.facts.rates)
        if factor is None:
            return None
        return (f"money:{SCALE_CURRENCY}", *scale(value, factor))
    if isinstance(value, Quantity):
        return (f"unit:{value.unit or topic.topic.unit}", value.min, value.max)
    return None


def investment_tables(view: View) -> list[Shown]:
    """A row a topic, its bar on the scale it shares with the others (one currency, or one unit), then the
    exchange rates the fact base gives."""
    topics = topics_shown(view, "investment")
    scales = {topic.topic.id: _scale_key(topic, view) for topic in topics}
    tops: dict[str, float] = {}
    members = Counter(key[0] for key in filter(None, scales.values()))
    for axis, *bounds in filter(None, scales.values()):
        tops[axis] = max(tops.get(axis, 0.0), *(bound for bound in bounds if bound is not None))
    shaped = []
    for topic in topics:
        key = scales[topic.topic.id]
        drawn = bar(key[1], key[2], tops[key[0]]) if key and members[key[0]] > 1 else Text("")
        shaped.append(Row([plain(topic.topic.label), consensus_cell(topic), drawn, status_cell(topic.status)],
                          Selection(topic.topic.id)))
    shaped += [_rate_row(view, rate) for rate in view.facts.rates
               if rate.source in view.sources and view.row_matches(("rate", rate.base, rate.quote))]
    return [Shown(shaped, empty_sentence(view, "money or capacity claims"), noun="rows")]  # topics, and the rates


def _rate_row(view: View, rate: Rate) -> Row:
    source = view.facts.source_name(rate.source)
    quote = CURRENCY_LABELS.get(rate.quote, rate.quote)
    return Row([
        plain(f"Rate {rate.base}/{quote}"),
        plain(f"{rate.base} 1 = {quote} {format_number(rate.rate)}", "bold"),
        Text(""),
        plain(f"from {source}", "dim"),
    ], Selection(source_id=rate.source))


class InvestmentPane(Pane):
    COLUMNS = [Column("Topic", 16), Column("Value", 18), Column("Scale", redundant=True), Column("Status")]

    def tables(self, view: View) -> list[Shown]:
        return investment_tables(view)

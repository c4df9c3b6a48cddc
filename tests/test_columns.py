"""The one rule by which every fact table shares its width among its columns."""

from __future__ import annotations

from rich.text import Text

from xiaomi_tui.ui.widgets.columns import PADDING, Column, fit_widths, natural_widths, table_width, widest_cells

TOPIC, VALUE, STATUS = Column("Topic", 12), Column("Value", 12), Column("Status")


def test_natural_widths_are_the_widest_cell_or_the_label() -> None:
    rows = [[Text("Body style"), Text("sedan"), Text("\u2713 corroborated")], [Text("Doors"), Text("4"), Text("")]]
    assert widest_cells(rows) == [10, 5, 14]
    assert natural_widths([TOPIC, VALUE, STATUS], widest_cells(rows)) == [10, 5, 14]
    assert natural_widths([TOPIC, VALUE, Column("A longer status label")], [3]) == [5, 5, 21]


def test_a_status_word_is_never_cut_however_narrow_the_table() -> None:
    widths = fit_widths([TOPIC, VALUE, STATUS], [40, 40, 14], room=30)
    assert widths[2] == 14
    assert widths[:2] == [12, 12]  # the flexible columns stop at their minimum: the table scrolls instead


def test_short_columns_are_whole_and_the_long_one_takes_the_rest() -> None:
    widths = fit_widths([TOPIC, VALUE, STATUS], [20, 60, 14], room=80)
    assert widths == [20, 80 - 3 * PADDING - 20 - 14, 14]


def test_a_wide_table_cuts_nothing_and_leaves_the_rest_blank() -> None:
    widths = fit_widths([TOPIC, VALUE, STATUS], [20, 30, 14], room=200)
    assert widths == [20, 30, 14]


def test_a_redundant_column_hides_only_when_the_others_lack_room() -> None:
    columns = [Column("Year", redundant=True), Column("When"), Column("What", 24), STATUS]
    natural = [4, 13, 90, 14]
    assert fit_widths(columns, natural, room=77)[0] is None
    assert fit_widths(columns, natural, room=150)[0] == 4
    assert table_width(fit_widths(columns, natural, room=77)) <= 77


def test_a_column_with_a_maximum_leaves_the_rest_to_the_label() -> None:
    columns = [Column("Topic", 18), *(Column(name, 9, maximum=24) for name in "abcde")]
    # Room left when every column has its maximum goes to them: no value cut beside blank cells.
    assert fit_widths(columns, [40, 60, 60, 60, 60, 60], room=197) == [40, 29, 29, 29, 29, 29]


def test_room_left_goes_to_a_cut_value_at_200_columns() -> None:
    """The Investment pane at 200x60 cut "below RMB 300,000 vs EUR 40,000–50,000" with 19 cells blank: the name,
    already whole, came last in the share-out and took nothing, and its share was never given."""
    columns = [Column("Topic", 16), Column("Value", 18), Column("Scale"), Column("Status")]
    widths = fit_widths(columns, [40, 38, 16, 16], room=133)
    assert widths == [40, 38, 16, 16]

"""The rows of the clash analyses' result tables (plugin.core.overlap_tables), without QGIS."""

from __future__ import annotations

import numpy as np
import shapely

from dig_once.plugin.core.overlap_tables import (
    BLIND_FIELDS,
    DETAIL_FIELDS,
    GROUP_FIELDS,
    PAIR_FIELDS,
    UNUSABLE_FIELDS,
    group_columns,
    match_tables,
    pair_columns,
    text_column,
    unusable_columns,
)
from dig_once.plugin.core.overlaps import Works, find_overlaps
from dig_once.plugin.core.works import MISSING_DAY


def _works(ids, owners, xs, start, end) -> Works:
    return Works.from_columns(shapely.points([[x, 0] for x in xs]), ids, owners, start, end)


def test_text_column_keeps_text_and_none_and_turns_numbers_and_nan_into_text_or_none():
    assert text_column(np.array(["A", None], dtype=object)).tolist() == ["A", None]
    assert text_column([12, 3.5, float("inf"), None]).tolist() == ["12", "3.5", None, None]


def test_pair_columns_name_both_works_kind_and_days_in_field_order():
    works = _works(["A", "B", "C"], ["x", "y", "z"], [0, 25, 40], [0, 10, 100], [10, 20, 110])
    result = find_overlaps(works, distance=25, max_gap_days=90)
    columns = pair_columns(works, None, result)
    assert list(columns) == [name for name, _ in PAIR_FIELDS]
    rows = sorted(zip(*(np.asarray(c).tolist() for c in columns.values()), strict=True))
    assert rows == [
        ("A", "B", "x", "y", "clash", 25.0, 0, 1, 1),
        ("B", "C", "y", "z", "opportunity", 15.0, 80, 0, 1),
    ]


def test_pair_columns_of_two_layers_take_b_from_the_other_layer():
    mine = _works(["M1"], ["me"], [0], [0], [10])
    other = _works(["O1", "O2"], ["them", "them"], [10, 900], [5, 5], [6, 6])
    result = find_overlaps(mine, other, distance=25, max_gap_days=90)
    columns = pair_columns(mine, other, result)
    assert (columns["id_a"].tolist(), columns["id_b"].tolist()) == (["M1"], ["O1"])
    assert columns["owner_b"].tolist() == ["them"]


def test_group_columns_give_dates_as_days_and_the_owner_list():
    works = _works(["A", "B"], ["x", "y"], [0, 10], [20_000, 20_005], [20_010, 20_006])
    result = find_overlaps(works, distance=25, max_gap_days=90)
    columns = group_columns(result)
    assert list(columns) == [name for name, _ in GROUP_FIELDS]
    assert columns["first_start"].tolist() == [np.datetime64(20_000, "D").astype(object)]
    assert columns["last_end"].tolist() == [np.datetime64(20_010, "D").astype(object)]
    assert columns["owners"] == ["x; y"]


def test_group_columns_give_an_empty_owner_list_as_null():
    works = _works(["A", "B"], [None, None], [0, 10], [0, 5], [10, 6])
    result = find_overlaps(works, distance=25, max_gap_days=90, include_same_owner=True)
    assert group_columns(result)["owners"] == [None]


def test_group_columns_turn_a_missing_day_into_nat():
    works = _works(["A", "B"], ["x", "y"], [0, 10], [0, 5], [10, 6])
    result = find_overlaps(works, distance=25, max_gap_days=90)
    result.groups.first_start[0] = MISSING_DAY
    assert np.isnat(group_columns(result)["first_start"][0])


def test_unusable_columns_list_the_first_layer_then_the_other_with_source_fids_and_reasons():
    mine = Works.from_columns([shapely.Point(0, 0), None], ["M1", "M2"], ["me", "me"], [0, 0], [5, 5])
    other = Works.from_columns([shapely.Point(0, 0)], [7], [None], [9], [3])
    result = find_overlaps(mine, other, distance=25, max_gap_days=90)
    columns = unusable_columns(
        result, [(mine, np.array([10, 11]), "mine"), (other, np.array([70]), "theirs")]
    )
    assert list(columns) == [name for name, _ in UNUSABLE_FIELDS]
    rows = list(zip(*columns.values(), strict=True))
    assert rows == [
        ("mine", 11, "M2", "me", "missing geometry"),
        ("theirs", 70, "7", None, "end date before start date"),
    ]


def test_unusable_columns_without_an_other_layer_list_the_first_only():
    mine = Works.from_columns([None], ["M1"], ["me"], [0], [5])
    result = find_overlaps(mine, distance=25, max_gap_days=90)
    columns = unusable_columns(result, [(mine, np.array([4]), "mine"), (None, None, "")])
    assert columns["source_fid"] == [4] and columns["layer"] == ["mine"]


def _match(visible: bool, ref: str) -> dict:
    line = shapely.to_wkb(shapely.LineString([(0, 0), (3, 4)]), hex=True)
    own = shapely.to_wkb(shapely.LineString([(0, 0), (10, 0)]), hex=True)
    names = {name for name, _ in (*DETAIL_FIELDS, *BLIND_FIELDS)}
    return {
        **dict.fromkeys(names),
        "my_ref": ref,
        "partner_visible": visible,
        "line_wkb": line,
        "my_geom_wkb": own,
    }


def test_match_tables_split_readable_matches_from_private_ones_in_register_order():
    full, lines, blind, points = match_tables([_match(True, "A"), _match(False, "B"), _match(True, "C")])
    assert list(full) == [name for name, _ in DETAIL_FIELDS]
    assert list(blind) == [name for name, _ in BLIND_FIELDS]
    assert full["my_ref"] == ["A", "C"] and blind["my_ref"] == ["B"]
    assert [g.length for g in lines] == [5.0, 5.0]
    assert points[0].geom_type == "Point" and points[0].within(
        shapely.LineString([(0, 0), (10, 0)]).buffer(1e-9)
    )


def test_match_tables_of_no_matches_are_empty():
    full, lines, blind, points = match_tables([])
    assert full["my_ref"] == [] and blind["my_ref"] == [] and len(lines) == len(points) == 0

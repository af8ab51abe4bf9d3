"""The columns the coverage analyses add to their input (plugin.core.coverage_tables), without QGIS."""

from __future__ import annotations

import numpy as np
import pytest

from dig_once.plugin.core.coverage import GapResult, OpportunityResult
from dig_once.plugin.core.coverage_tables import (
    GAP_FIELDS,
    OPPORTUNITY_FIELDS,
    gap_columns,
    opportunity_columns,
    places_affected,
    scalar,
    truthy,
    whole_number,
)


@pytest.mark.parametrize(
    ("value", "flag"),
    [
        (True, True),
        (1, True),
        (" Yes ", True),
        ("t", True),
        ("no", False),
        (0, False),
        ("", False),
        (None, False),
    ],
)
def test_truthy_reads_a_notspot_flag_from_bool_number_or_text(value, flag):
    assert truthy(value) is flag


def test_scalar_and_whole_number_turn_numpy_values_into_python_and_nan_into_null():
    assert scalar(np.float64("nan")) is None and scalar(np.int32(4)) == 4 and type(scalar(np.int32(4))) is int
    assert [whole_number(v) for v in (np.float64(3.0), 7, "7", True, None, float("nan"))] == [
        3,
        7,
        None,
        None,
        None,
        None,
    ]


def _gaps() -> GapResult:
    return GapResult(
        spine_distance_m=np.array([10.0, 500.0, np.nan]),
        place_index=np.array([1, 0, -1]),
        place_distance_m=np.array([0.0, 40.0, np.nan]),
        in_notspot=np.array([True, False, False]),
        gap_class=np.array(["near_spine_notspot", "connected", "unlocated"]),
    )


def test_gap_columns_take_the_matched_place_and_count_units_in_notspots_only():
    places = {
        "key": ["AB1", "AB2"],
        "notspot_level": ["10M", "30M"],
        "notspot_share_pct": [np.float64(50), None],
    }
    columns, in_notspots = gap_columns(_gaps(), places, [np.int64(12), 5, None])
    assert list(columns) == [name for name, _ in GAP_FIELDS]
    assert columns["notspot_place"].tolist() == ["AB2", "AB1", None]
    assert columns["notspot_level"].tolist() == ["30M", "10M", None]
    assert columns["notspot_share_pct"].tolist() == [None, 50.0, None]
    assert columns["units"] == [12, 5, None] and in_notspots == 12
    assert columns["gap_class"].tolist() == ["near_spine_notspot", "connected", "unlocated"]


def test_gap_columns_without_place_fields_or_units_are_null():
    columns, in_notspots = gap_columns(_gaps(), {}, None)
    assert columns["notspot_place"].tolist() == [None] * 3 and columns["units"] == [None] * 3
    assert in_notspots == 0


def test_places_affected_weigh_premises_by_share_else_one_per_place():
    assert places_affected(
        {"premises": [np.int64(200), None], "notspot_share_pct": [25.0, None]}, 2
    ).tolist() == [
        50.0,
        1.0,
    ]
    assert places_affected({}, 2).tolist() == [1.0, 1.0]


def test_opportunity_columns_rank_best_first_and_round_premises_and_length():
    result = OpportunityResult(
        works_index=np.array([4, 1]),
        spine_distance_m=np.array([3.0, 9.0]),
        notspot_places=np.array([2, 1]),
        affected=np.array([10.456, 1.0]),
        length_m=np.array([12.346, 3.0]),
        days_to_start=np.array([np.nan, 30.0]),
        score=np.array([9.5, 1.25]),
        excluded_ended=0,
    )
    columns = opportunity_columns(result)
    assert list(columns) == [name for name, _ in OPPORTUNITY_FIELDS]
    assert columns["rank"].tolist() == [1, 2]
    assert columns["affected_premises"].tolist() == [10.46, 1.0]
    assert columns["length_m"].tolist() == [12.35, 3.0]
    assert columns["days_to_start"] == [None, 30]

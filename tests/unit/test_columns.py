"""Output columns built from the engine's arrays: text, numbers, dates and multi geometries as
the layer writer takes them (NULL for what is missing or not a finite number)."""

from __future__ import annotations

import datetime as dt

import numpy as np
import shapely

from dig_once.plugin.core.columns import (
    as_floats,
    as_ints,
    as_multi,
    day_dates,
    plain_column,
    plain_text,
    take,
)
from dig_once.plugin.core.works import MISSING_DAY


def test_take_gives_none_for_negative_rows_and_missing_values():
    assert take(["a", "b", "c"], np.array([2, -1, 0])).tolist() == ["c", None, "a"]
    assert take(None, np.array([0, 1])).tolist() == [None, None]


def test_numbers_read_from_text_and_anything_not_a_finite_number_is_null():
    values = np.array(["2.5", None, "x", float("inf"), 3, float("nan")], dtype=object)
    floats = as_floats(values)
    assert floats[0] == 2.5 and floats[4] == 3.0
    assert np.isnan(floats[[1, 2, 3, 5]]).all()
    assert as_ints(values).tolist() == [2, None, None, None, 3, None]
    assert as_ints(np.array([7.0, None], dtype=object)).tolist() == [7, None]


def test_text_is_null_for_none_nan_and_infinity_and_str_otherwise():
    assert [plain_text(v) for v in (None, float("nan"), float("-inf"), 12, "a")] == [
        None,
        None,
        None,
        "12",
        "a",
    ]
    values = np.array(["Gas Co", 5, None, float("nan"), ["unhashable"]], dtype=object)
    assert plain_column(values, np.array([4, 0, 1, 0, 2, 3])) == [
        "['unhashable']",
        "Gas Co",
        "5",
        "Gas Co",
        None,
        None,
    ]


def test_days_become_dates_and_the_missing_day_null():
    dates = day_dates(np.array([0, MISSING_DAY, 20_000]), np.array([2, 1, 0]))
    assert dates.dtype == np.dtype("datetime64[D]")
    assert dates.tolist() == [dt.date(2024, 10, 4), None, dt.date(1970, 1, 1)]


def test_single_geometries_become_one_part_multi_geometries():
    geoms = np.array(
        [shapely.Point(0, 0), None, shapely.LineString([(0, 0), (1, 1)]), shapely.box(0, 0, 1, 1)],
        dtype=object,
    )
    multi = as_multi(geoms)
    assert [g.geom_type if g is not None else None for g in multi] == [
        "MultiPoint",
        None,
        "MultiLineString",
        "MultiPolygon",
    ]
    assert multi[3].equals(geoms[3]) and geoms[0].geom_type == "Point"  # the input is left as it was

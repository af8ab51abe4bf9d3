"""plugin/core/coverage.py: postcodes aggregated to area polygons, on the edges of the areas."""

from __future__ import annotations

import numpy as np
import shapely

from dig_once.plugin.core import coverage

WEST = shapely.box(0, 0, 1000, 1000)
EAST = shapely.box(1000, 0, 2000, 1000)


def postcode(name: str, x: float, y: float, share: float) -> dict:
    return {"postcode": name, "geometry": shapely.Point(x, y), "premises": 10, "unable_30_pct": share}


def test_postcodes_inside_areas_are_counted_in_the_area_that_contains_them():
    records = [postcode("W1", 500, 500, 10.0), postcode("W2", 10, 990, 30.0), postcode("E1", 1500, 1, 50.0)]
    areas, missed = coverage.aggregate_to_areas(records, np.array([WEST, EAST], dtype=object), ["W", "E"])
    assert missed == []
    assert {a["area_code"]: a["postcodes"] for a in areas} == {"W": 2, "E": 1}
    assert {a["area_code"]: a["unable_30_pct"] for a in areas} == {"W": 20.0, "E": 50.0}
    assert {a["area_code"]: a["premises"] for a in areas} == {"W": 20, "E": 10}


def test_a_lookup_code_wins_over_the_location_and_an_unknown_code_falls_back_to_it():
    records = [postcode("A", 500, 500, 10.0), postcode("B", 500, 500, 30.0)]
    areas, missed = coverage.aggregate_to_areas(
        records, np.array([WEST, EAST], dtype=object), ["W", "E"], lookup={"A": "E", "B": "NOT-AN-AREA"}
    )
    assert missed == []
    assert {a["area_code"]: a["postcodes"] for a in areas} == {"W": 1, "E": 1}


def test_postcodes_outside_every_area_or_without_a_location_are_returned_as_missed():
    records = [postcode("FAR", 5000, 5000, 10.0), {"postcode": "NOWHERE", "geometry": None}]
    areas, missed = coverage.aggregate_to_areas(records, np.array([WEST], dtype=object), ["W"])
    assert areas == [] and sorted(missed) == ["FAR", "NOWHERE"]


def test_a_postcode_on_the_edge_between_two_areas_is_counted_once_not_missed():
    records = [postcode("EDGE", 1000, 500, 10.0), postcode("OUTER", 0, 500, 10.0)]
    areas, missed = coverage.aggregate_to_areas(records, np.array([WEST, EAST], dtype=object), ["W", "E"])
    assert missed == []
    assert sum(a["postcodes"] for a in areas) == 2

"""Benefit figures against a table computed by hand for a small scenario, with each optional
input given and absent.

Scenario (EPSG:27700 metres, days as integers):

group 1: A point (0, 0) days 0..9 (10 days), B point (20, 0) days 5..24 (20), C point (40, 0)
         days 30..34 (5): planned 35, shared 20, avoided 15
group 2: D point (1000, 0) days 0..2 (3), E point (1010, 0) days 10..12 (3): planned 6, shared 3,
         avoided 3

premises (reach 50 m), households in brackets:
  (0, 60) [2]      60 m from A, 63 m from B: out
  (10, 30) [3]     31.6 m from A: group 1
  (40, 50) [4]     exactly 50 m from C: group 1 (inclusive)
  (1005, 0) [7]    group 2
  (500, 0) [100]   out
  group 1: 2 premises, 7 households; group 2: 1 premises, 7 households
  wellbeing at £1.61: group 1 15 x 7 x 1.61 = 169.05; group 2 3 x 7 x 1.61 = 33.81
  without counts (premises points): households = premises: 15 x 2 x 1.61 = 48.30; 3 x 1 x 1.61 = 4.83

lane-rental street: line (-10, 5)-(25, 5), distance 10 m: A (5 m) and B (5 m) are on it, C (15.8 m)
  is not: group 1 charged days avoided = 10 + 20 - 20 = 10, x £800 = £8,000; group 2: 0 works, £0

bus stops: (0, -45) group 1; (1010, 30) group 2; (2000, 0) out.
"""

from __future__ import annotations

import numpy as np
import pytest
import shapely

from dig_once.plugin.core.benefits import (
    BenefitParameters,
    GroupWorks,
    Points,
    compute_benefits,
    read_naptan_stops,
    totals,
)
from dig_once.plugin.core.errors import InputError

P = shapely.Point


def groups() -> list[GroupWorks]:
    return [
        GroupWorks(1, [P(0, 0), P(20, 0), P(40, 0)], [0, 5, 30], [9, 24, 34]),
        GroupWorks(2, [P(1000, 0), P(1010, 0)], [0, 10], [2, 12]),
    ]


PREMISES_XY = np.array([(0, 60), (10, 30), (40, 50), (1005, 0), (500, 0)], dtype=float)
HOUSEHOLDS = np.array([2, 3, 4, 7, 100], dtype=float)
LANE_RENTAL = [shapely.LineString([(-10, 5), (25, 5)])]
STOPS = Points(np.array([0.0, 1010.0, 2000.0]), np.array([-45.0, 30.0, 0.0]))


def figures(benefits, *names):
    return [tuple(getattr(b, n) for n in names) for b in benefits]


def test_days_without_optional_inputs_leave_the_other_figures_not_computed():
    result = compute_benefits(groups())
    assert figures(
        result, "group_id", "n_works", "street_days_planned", "street_days_shared", "days_avoided"
    ) == [
        (1, 3, 35, 20, 15),
        (2, 2, 6, 3, 3),
    ]
    for name in (
        "premises",
        "households",
        "wellbeing_gbp",
        "charged_days_avoided",
        "lane_rental_gbp",
        "bus_stops",
    ):
        assert {getattr(b, name) for b in result} == {None}, name


def test_postcode_household_counts_give_households_and_wellbeing():
    premises = Points(PREMISES_XY[:, 0], PREMISES_XY[:, 1], HOUSEHOLDS)
    result = compute_benefits(groups(), premises=premises)
    assert figures(result, "premises", "households", "wellbeing_gbp") == [(2, 7.0, 169.05), (1, 7.0, 33.81)]


def test_premises_points_without_counts_count_one_household_each():
    premises = Points(PREMISES_XY[:, 0], PREMISES_XY[:, 1])
    result = compute_benefits(groups(), premises=premises)
    assert figures(result, "premises", "households", "wellbeing_gbp") == [(2, 2.0, 48.3), (1, 1.0, 4.83)]


def test_wellbeing_value_and_reach_are_parameters():
    premises = Points(PREMISES_XY[:, 0], PREMISES_XY[:, 1], HOUSEHOLDS)
    params = BenefitParameters(reach_m=61.0, value_per_household_day=2.0)
    result = compute_benefits(groups(), params, premises=premises)
    # at 61 m (0, 60) joins group 1: 9 households, 15 x 9 x 2 = 270
    assert figures(result, "households", "wellbeing_gbp") == [(9.0, 270.0), (7.0, 42.0)]


def test_lane_rental_charges_avoided_on_charged_streets_only():
    result = compute_benefits(groups(), lane_rental=LANE_RENTAL)
    assert figures(result, "charged_works", "charged_days_avoided", "lane_rental_gbp") == [
        (2, 10, 8000.0),
        (0, 0, 0.0),
    ]
    dearer = compute_benefits(
        groups(), BenefitParameters(lane_rental_charge_per_day=2500), lane_rental=LANE_RENTAL
    )
    assert dearer[0].lane_rental_gbp == 25000.0


def test_bus_stops_within_reach():
    result = compute_benefits(groups(), bus_stops=STOPS)
    assert figures(result, "bus_stops") == [(1,), (1,)]


def test_totals_add_groups_and_keep_not_computed_as_none():
    premises = Points(PREMISES_XY[:, 0], PREMISES_XY[:, 1], HOUSEHOLDS)
    every = totals(compute_benefits(groups(), premises=premises, lane_rental=LANE_RENTAL, bus_stops=STOPS))
    assert every == {
        "groups": 2, "n_works": 5, "street_days_planned": 41, "street_days_shared": 23, "days_avoided": 18,
        "premises": 3, "households": 14.0, "wellbeing_gbp": 202.86, "charged_works": 2,
        "charged_days_avoided": 10, "lane_rental_gbp": 8000.0, "bus_stops": 2,
    }  # fmt: skip
    bare = totals(compute_benefits(groups()))
    assert bare["days_avoided"] == 18 and bare["households"] is None and bare["lane_rental_gbp"] is None


def test_naptan_stops_keep_bus_stops_in_use_and_name_bad_rows(tmp_path):
    path = tmp_path / "Stops.csv"
    path.write_text(
        "\ufeffATCOCode,CommonName,Easting,Northing,StopType,Status\n"
        "490000001A,High St,530000,180000,BCT,active\n"
        "490000002B,Station,530100,180100,BCS,act\n"
        "9100KGX,Kings Cross,530300,183000,RLY,active\n"
        "490000003C,Old stop,530200,180200,BCT,inactive\n"
        "490000004D,No place,,180200,BCT,active\n",
        encoding="utf-8",
    )
    stops, rejects = read_naptan_stops(path)
    assert list(zip(stops.x, stops.y, strict=True)) == [(530000.0, 180000.0), (530100.0, 180100.0)]
    assert rejects == ["row 6 (ATCOCode 490000004D): Easting/Northing '', '180200' is not a coordinate"]


def test_naptan_file_without_eastings_is_refused_naming_the_columns(tmp_path):
    path = tmp_path / "stops.csv"
    path.write_text("ATCOCode,Longitude,Latitude\n1,-0.1,51.5\n", encoding="utf-8")
    with pytest.raises(InputError, match="Easting and Northing.*Longitude"):
        read_naptan_stops(path)

"""The Ofcom import's steps after the read, without QGIS (``plugin.sources.ofcom``): postcodes
placed at their centroids or counted as unlocated, not-spots marked, and the areas layer built
from area polygons (invalid ones repaired) by location or by the centroid file's area column."""

from __future__ import annotations

import sys
from pathlib import Path

import shapely

from dig_once.plugin.sources import ofcom

sys.path.insert(0, str(Path(__file__).parent))
from ofcom_fixtures import POSTCODE_2025_HEADERS, postcode_row, write_csv

# E1W 1AA: 40 % gigabit (a gigabit not-spot at 50 %), E1W 1AB: 80 %
ROWS = [postcode_row("E1W 1AA", gigabit=40.0), postcode_row("E1W 1AB", gigabit=80.0)]


def _read(tmp_path: Path):
    return ofcom.read_ofcom(write_csv(tmp_path / "p.csv", POSTCODE_2025_HEADERS, ROWS), level="gigabit")


def test_classify_without_centroids_counts_every_postcode_unlocated_and_marks_notspots(tmp_path: Path):
    result = _read(tmp_path)
    kinds = ofcom.classify(result, {}, "gigabit", 50.0)
    assert [r["postcode"] for r in kinds["postcode"]] == ["E1W 1AA", "E1W 1AB"]
    assert [r["geometry"] for r in kinds["postcode"]] == [None, None]
    assert result.counts["unlocated"] == 2 and result.counts["postcodes"] == 2
    assert [r["is_notspot"] for r in kinds["postcode"]] == [True, False]


def test_classify_with_centroids_places_the_postcodes(tmp_path: Path):
    result = _read(tmp_path)
    kinds = ofcom.classify(result, {"E1W 1AA": (534500.0, 180500.0)}, "gigabit", 50.0)
    placed, unplaced = kinds["postcode"]
    assert placed["geometry"].equals(shapely.Point(534500, 180500)) and unplaced["geometry"] is None
    assert result.counts["unlocated"] == 1 and result.counts["located"] == 1


def test_areas_layer_sums_postcodes_into_the_area_holding_them_and_repairs_a_bow_tie(tmp_path: Path):
    result = _read(tmp_path)
    kinds = ofcom.classify(result, {"E1W 1AA": (5, 5), "E1W 1AB": (18, 5)}, "gigabit", 50.0)
    bow_tie = shapely.Polygon([(10, 0), (20, 10), (20, 0), (10, 10)])  # self-intersecting
    square = shapely.box(0, 0, 10, 10)
    records, fields, missed, repaired = ofcom.areas_layer(
        kinds, [square, bow_tie], ["A", None], {}, "", "gigabit", 50.0, "p.csv"
    )
    assert repaired == 1 and missed == 0
    assert {r["area_code"]: r["postcodes"] for r in records} == {"A": 1, "": 1}
    assert all(r["source_file"] == "p.csv" for r in records)
    assert all(r["geometry"].geom_type == "MultiPolygon" for r in records)
    assert ("area_code", "str") in fields and fields[-1][0] in {f for f, _ in ofcom.NOTSPOT_EXTRA_FIELDS}


def test_areas_layer_by_the_centroid_files_column_uses_the_code_not_the_location(tmp_path: Path):
    result = _read(tmp_path)
    kinds = ofcom.classify(result, {"E1W 1AA": (5, 5), "E1W 1AB": (5, 5)}, "gigabit", 50.0)
    lookups = {"E1W 1AA": {"lsoa11": "A"}, "E1W 1AB": {"lsoa11": "B"}}
    records, _, missed, _ = ofcom.areas_layer(
        kinds, [shapely.box(0, 0, 10, 10), shapely.box(20, 0, 30, 10)], ["A", "B"], lookups, "lsoa11",
        "gigabit", 50.0, "p.csv",
    )  # fmt: skip
    assert {r["area_code"]: r["is_notspot"] for r in records} == {"A": True, "B": False}
    assert missed == 0

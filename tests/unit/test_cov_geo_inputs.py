"""plugin/core/geo.py on what publishers really send: a declared CRS the coordinates contradict,
CRS names pyproj cannot read, GeoJSON geometry types in any case, empty collections, and files
that are not GeoJSON at all (refused with the file named, never a raw error)."""

from __future__ import annotations

import json

import pytest

from dig_once.plugin.core import geo
from dig_once.plugin.core.errors import InputError

LONDON_LONLAT = (-0.5, 51.3, 0.3, 51.7)
LONDON_BNG = (503000.0, 155000.0, 562000.0, 201000.0)


def test_a_file_declared_in_british_national_grid_but_holding_longitude_latitude_is_read_as_wgs84():
    epsg, swap, note = geo.detect_crs(LONDON_LONLAT, 27700, "f.geojson")
    assert (epsg, swap) == (4326, False) and "declared as EPSG:27700" in note and "f.geojson" in note


def test_a_file_declared_in_british_national_grid_holding_latitude_longitude_is_swapped():
    lat_lon = (51.3, -0.5, 51.7, 0.3)
    epsg, swap, note = geo.detect_crs(lat_lon, 27700, "f.csv")
    assert (epsg, swap) == (4326, True) and "holds latitude/longitude" in note


def test_british_national_grid_coordinates_declared_as_such_are_kept():
    assert geo.detect_crs(LONDON_BNG, 27700, "f") == (27700, False, None)


@pytest.mark.parametrize("declared", [27700, 4326])
def test_an_extent_far_from_great_britain_is_refused_naming_the_file(declared):
    with pytest.raises(InputError, match="British National Grid") as err:
        geo.detect_crs((-80.0, -60.0, -70.0, -50.0), declared, "far.geojson")
    assert "far.geojson" in str(err.value)


def test_an_extent_that_is_not_finite_falls_back_to_the_declared_crs():
    assert geo.detect_crs((float("nan"), 0.0, 1.0, 1.0), 27700, "f") == (27700, False, None)


def test_crs_names_pyproj_cannot_read_are_unknown_and_a_geographic_one_is_wgs84():
    assert geo.epsg_of(None) is None and geo.epsg_of("") is None
    assert geo.epsg_of("not a CRS at all") is None
    assert geo.epsg_of("urn:ogc:def:crs:EPSG::27700") == 27700
    assert geo.epsg_of("urn:ogc:def:crs:OGC:1.3:CRS84") == 4326


def test_geojson_geometry_types_are_read_in_any_case_and_unknown_ones_refused():
    line = geo.geometry_from_geojson({"type": "LINESTRING", "coordinates": [[0, 0], [1, 1]]})
    assert line.geom_type == "LineString"
    assert geo.geometry_from_geojson({"type": "Point", "coordinates": []}) is None
    assert geo.geometry_from_geojson({"type": "GeometryCollection", "geometries": []}) is None
    both = geo.geometry_from_geojson(
        {"type": "geometrycollection", "geometries": [{"type": "point", "coordinates": [1, 2]}, None]}
    )
    assert both.geom_type == "GeometryCollection" and len(both.geoms) == 1
    with pytest.raises(ValueError, match="unknown geometry type 'Circle'"):
        geo.geometry_from_geojson({"type": "Circle", "coordinates": [0, 0]})


def test_a_single_geojson_feature_is_read_and_a_bad_geometry_is_recorded_not_raised(tmp_path):
    one = tmp_path / "one.geojson"
    one.write_text(
        json.dumps(
            {
                "type": "Feature",
                "properties": {"n": 1},
                "geometry": {"type": "Point", "coordinates": [530000, 180000]},
            }
        ),
        encoding="utf-8",
    )
    got = geo.read_vector(one)
    assert [g.wkt for g in got.geometries] == ["POINT (530000 180000)"] and got.properties == [{"n": 1}]
    bad = tmp_path / "bad.geojson"
    bad.write_text(
        json.dumps(
            {
                "type": "FeatureCollection",
                "features": [
                    {"type": "Feature", "properties": {}, "geometry": {"type": "Blob", "coordinates": [1]}},
                    {
                        "type": "Feature",
                        "properties": {},
                        "geometry": {"type": "Point", "coordinates": [530000, 180000]},
                    },
                ],
            }
        ),
        encoding="utf-8",
    )
    got = geo.read_vector(bad)
    assert got.geometries[0] is None and got.geometries[1].wkt == "POINT (530000 180000)"
    assert [i for i, _ in got.errors] == [0] and "Blob" in got.errors[0][1]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{not json", "not readable as JSON"),
        ('{"type": "Topology"}', "not a GeoJSON Feature or FeatureCollection"),
    ],
)
def test_a_file_that_is_not_geojson_is_refused_naming_it(tmp_path, text, message):
    path = tmp_path / "wrong.geojson"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=message) as err:
        geo.read_vector(path)
    assert "wrong.geojson" in str(err.value)

"""Fibre spine reader: any line layer, any CRS; wrong CRS detected by extent."""

from __future__ import annotations

import json

import pytest
from osgeo import ogr, osr

from dig_once.plugin.core.errors import InputError
from dig_once.plugin.sources.fibre_spine import read_spine

LONLAT_LINE = [[-0.1276, 51.5072], [-0.1200, 51.5100]]


def fc(features, crs=None):
    doc = {"type": "FeatureCollection", "features": features}
    if crs:
        doc["crs"] = {"type": "name", "properties": {"name": crs}}
    return doc


def line(coords, **props):
    return {"type": "Feature", "properties": props, "geometry": {"type": "LineString", "coordinates": coords}}


def test_geojson_wgs84_and_bad_parts(tmp_path):
    features = [
        line(LONLAT_LINE, name="a"),
        {"type": "Feature", "properties": {"name": "multi"}, "geometry": {"type": "MultiLineString", "coordinates": [
            [[-0.10, 51.50], [-0.09, 51.50]], [[-0.05, 51.52], [-0.04, 51.52]]]}},
        line([[-0.1, 51.5], [-0.1, 51.5]], name="degenerate"),
        {"type": "Feature", "properties": {"name": "empty"}, "geometry": None},
        {"type": "Feature", "properties": {"name": "pt"}, "geometry": {"type": "Point", "coordinates": [-0.1, 51.5]}},
    ]  # fmt: skip
    path = tmp_path / "spine.geojson"
    path.write_text(json.dumps(fc(features)))
    result = read_spine(path)
    assert [r["name"] for r in result.records] == ["a", "multi", "multi"]
    assert [r["part"] for r in result.records] == [0, 0, 1]
    a = result.records[0]
    assert 529000 < a["geometry"].coords[0][0] < 531000 and 600 < a["length_m"] < 700
    reasons = sorted(r.reason for r in result.rejects)
    assert reasons == ["Point is not a line", "empty geometry", "fewer than two distinct points"]


def test_bng_declared_as_wgs84_and_swapped(tmp_path):
    bng = tmp_path / "bng.geojson"
    bng.write_text(json.dumps(fc([line([[530000, 180000], [530100, 180000]])])))
    result = read_spine(bng)
    assert result.records[0]["length_m"] == 100.0
    assert any("British National Grid" in n for n in result.notes)
    swapped = tmp_path / "swapped.geojson"
    swapped.write_text(json.dumps(fc([line([[lat, lon] for lon, lat in LONLAT_LINE])])))
    result = read_spine(swapped)
    assert 529000 < result.records[0]["geometry"].coords[0][0] < 531000
    assert any("swapped" in n for n in result.notes)
    nowhere = tmp_path / "nowhere.geojson"
    nowhere.write_text(json.dumps(fc([line([[5_000_000, 0], [5_000_100, 0]])])))
    with pytest.raises(InputError, match="neither"):
        read_spine(nowhere)


def test_geopackage_in_other_crs(tmp_path):
    path = tmp_path / "spine.gpkg"
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(3857)
    layer = ds.CreateLayer("spine", srs, ogr.wkbLineString)
    layer.CreateField(ogr.FieldDefn("name", ogr.OFTString))
    feat = ogr.Feature(layer.GetLayerDefn())
    feat.SetField("name", "web mercator")
    feat.SetGeometry(ogr.CreateGeometryFromWkt("LINESTRING (-14200 6711000, -13400 6711500)"))
    layer.CreateFeature(feat)
    ds = None
    (rec,) = read_spine(path).records
    assert rec["name"] == "web mercator"
    x, y = rec["geometry"].coords[0]
    assert 529000 < x < 531500 and 179000 < y < 182000


def test_real_tfl_lines(shared_data):
    result = read_spine(shared_data / "tfl_tube" / "tfl_lines.json")
    assert len(result.records) + len(result.rejects) >= 701
    assert not result.rejects
    assert 900 < sum(r["length_m"] for r in result.records) / 1000 < 1100
    names = {r["name"] for r in result.records}
    assert {"Central", "DLR", "London Overground", "Elizabeth line"} <= names


def test_real_polygons_are_not_a_spine(shared_data):
    path = shared_data / "statistical-gis-boundaries-london" / "London_Borough_Excluding_MHW.shp"
    result = read_spine(path)
    assert not result.records and len(result.rejects) >= 33


def tfl_like(tmp_path):
    """Segments in the layout of TfL's network file (oobrien/vis tfl_lines.json): each lists its
    lines with the year each opened (and closed)."""
    segments = [
        ("Central1", [{"name": "Central", "opened": 1900}], [[-0.13, 51.515], [-0.12, 51.515]]),
        ("Crossrail2_1", [{"name": "Crossrail 2", "opened": 2030}], [[-0.13, 51.52], [-0.12, 51.53]]),
        ("Thameslink6", [{"name": "Thameslink 6tph line", "opened": 2035}], [[-0.10, 51.50], [-0.09, 51.51]]),
        (
            "Shared1",
            [{"name": "Thameslink 6tph line", "opened": 2035}, {"name": "Thameslink", "opened": 1988}],
            [[-0.10, 51.53], [-0.09, 51.54]],
        ),
        ("ELL", [{"name": "East London", "closed": 2007}], [[-0.07, 51.50], [-0.06, 51.51]]),
        ("Broken", [{"name": "Crossrail 2", "opened": 2030}], None),
    ]
    features = []
    for fid, lines, coords in segments:
        geometry = {"type": "LineString", "coordinates": coords} if coords else None
        features.append({"type": "Feature", "properties": {"id": fid, "lines": lines}, "geometry": geometry})
    path = tmp_path / "tfl_lines.json"
    path.write_text(json.dumps(fc(features)))
    return path


def open_now(props) -> bool:
    return any(
        (line.get("opened") or 0) <= 2026 and (line.get("closed") or 9999) > 2026 for line in props["lines"]
    )


def test_filter_leaves_out_unbuilt_lines_and_counts_them(tmp_path):
    path = tfl_like(tmp_path)
    everything = read_spine(path)
    assert len(everything.records) == 5 and len(everything.rejects) == 1
    result = read_spine(path, keep=open_now)
    assert sorted(r["spine_id"] for r in result.records) == ["Central1", "Shared1"]
    # the unbuilt "Broken" feature is left out by the filter before its geometry is judged
    assert result.counts["left_out"] == 4 and not result.rejects
    assert result.counts["features"] == 6


def test_filter_sees_the_display_name_when_the_file_has_none(tmp_path):
    seen = []
    read_spine(tfl_like(tmp_path), keep=lambda props: seen.append(props["name"]) or True)
    assert "Thameslink, Thameslink 6tph line" in seen and "Crossrail 2" in seen


def test_real_tfl_lines_filtered_to_lines_open_now(shared_data):
    path = shared_data / "tfl_tube" / "tfl_lines.json"
    result = read_spine(path, keep=open_now)
    names = {r["name"] for r in result.records}
    assert "Crossrail 2" not in names
    assert result.counts["left_out"] > 0
    assert result.counts["features"] == 701

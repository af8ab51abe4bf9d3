"""Planning sites: PLD responses in each accepted shape, planning.data.gov.uk GeoJSON, real files."""

from __future__ import annotations

import json

import pytest

from dig_once.plugin.core.errors import InputError
from dig_once.plugin.sources.planning_sites import read_planning


def source(n: int, **kw):
    base = {
        "id": f"Camden-{n}",
        "lpa_app_no": f"2021/{n}/P",
        "lpa_name": "Camden",
        "borough": "Camden",
        "status": "Approved",
        "decision_date": "25/10/2021",
        "valid_date": "14/09/2021",
        "centroid": {"lat": 51.5390, "lon": -0.1426},
        "centroid_easting": 528900,
        "centroid_northing": 183900,
        "polygon": None,
        "application_details": {"residential_details": {"total_no_proposed_residential_units": 12}},
    }
    base.update(kw)
    return base


def hits(*sources):
    return [{"_index": "applications", "_id": s["id"], "_source": s} for s in sources]


SOURCES = [
    source(1),
    source(2, centroid={"lat": 49.766807, "lon": -7.55716}, centroid_easting=None, centroid_northing=None),
    source(3, application_details={"existing_uprns": None}, centroid=None),
    source(
        4,
        polygon={
            "type": "geometrycollection",
            "geometries": [
                {
                    "type": "Polygon",
                    "coordinates": [[[528000, 183000], [528100, 183000], [528100, 183100], [528000, 183000]]],
                }
            ],
        },
    ),  # fmt: skip
    source(5, decision_date="31/02/2021"),
]


@pytest.mark.parametrize(
    "shape",
    [
        lambda h: {"id": "x", "rawResponse": {"hits": {"total": 5, "hits": h}}},
        lambda h: {"hits": {"hits": h}},
        lambda h: h,
        lambda h: [x["_source"] for x in h],
    ],
)
def test_pld_shapes(tmp_path, shape):
    path = tmp_path / "pld.json"
    path.write_text(json.dumps(shape(hits(*SOURCES))))
    result = read_planning(path)
    by_id = {r["site_id"]: r for r in result.records}
    assert sorted(by_id) == ["Camden-1", "Camden-2", "Camden-3", "Camden-4"]
    assert by_id["Camden-1"]["units"] == 12 and by_id["Camden-1"]["decision_date"] == "2021-10-25"
    assert by_id["Camden-1"]["geometry_source"] == "centroid"
    assert abs(by_id["Camden-1"]["geometry"].x - 528900) < 300
    assert by_id["Camden-2"]["centroid_suspect"] and by_id["Camden-2"]["geometry"] is None
    assert by_id["Camden-3"]["units"] is None and by_id["Camden-3"]["geometry_source"] == "centroid_en"
    assert by_id["Camden-4"]["geometry_source"] == "polygon" and by_id["Camden-4"]["geometry"].area == 5000
    (reject,) = result.rejects
    assert reject.record == "Camden-5" and reject.field == "decision_date"
    assert result.counts["centroid_suspect"] == 1


def test_not_pld(tmp_path):
    path = tmp_path / "x.json"
    path.write_text(json.dumps({"took": 3}))
    with pytest.raises(InputError, match="hits.hits"):
        read_planning(path)


def test_real_pld_recent_has_exactly_80_grid_origin_centroids(shared_data):
    path = shared_data / "planning" / "pld_colouring_cities" / "all_in_specific_time_recent.json"
    result = read_planning(path)
    assert len(result.records) + len(result.rejects) == 500
    flagged = [r for r in result.records if r["centroid_suspect"]]
    assert len(flagged) == 80
    assert all(r["geometry"] is None for r in flagged)
    # PROVENANCE.md says "80 Westminster records"; they are in fact spread over five LPAs
    assert {r["lpa_name"] for r in flagged} == {
        "Southwark",
        "Westminster",
        "Sutton",
        "Hammersmith & Fulham",
        "Barnet",
    }
    for r in result.records:
        if not r["centroid_suspect"]:
            assert 500_000 < r["geometry"].x < 565_000 and 150_000 < r["geometry"].y < 205_000
    assert sum(1 for r in result.records if r["units"] is not None) == 41


def test_real_pld_polygons_in_bng(shared_data):
    path = shared_data / "planning" / "pld_colouring_cities" / "all_in_specific_time_in_past.json"
    result = read_planning(path)
    polys = [r for r in result.records if r["geometry_source"] == "polygon"]
    assert len(result.records) == 68 and len(polys) == 2
    for r in polys:
        assert r["geometry"].geom_type == "Polygon" and 500_000 < r["geometry"].centroid.x < 565_000


def test_real_planning_data_geojson(shared_data):
    path = shared_data / "planning" / "barnet_conservation_areas" / "entities.geojson"
    result = read_planning(path)
    assert len(result.records) == 33 and not result.rejects
    assert all(r["geometry"].geom_type == "MultiPolygon" for r in result.records)
    assert all(515_000 < r["geometry"].centroid.x < 535_000 for r in result.records)

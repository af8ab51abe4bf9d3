"""Planning sites: PLD responses in each accepted shape, planning.data.gov.uk GeoJSON, real files."""

from __future__ import annotations

import json

import numpy as np
import pytest
from helpers.planning_pld import pld_source

from dig_once.plugin.core import geo
from dig_once.plugin.core.errors import InputError
from dig_once.plugin.sources import planning_sites
from dig_once.plugin.sources.planning_sites import (
    fetch_search_pages,
    page_url,
    read_planning,
    screen_geojson_geometry,
)


def source(n: int, **kw):
    units = {"residential_details": {"total_no_proposed_residential_units": 12}}
    return pld_source(n, **{"application_details": units, **kw})


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


# --- one page of a larger search; several pages; duplicates ------------------------------------


def response(sources, total, **extra):
    """A response as the Datahub's Kibana saves it (rawResponse.hits.hits[]._source)."""
    return {
        "id": "RmFrZQ==",
        "is_partial": False,
        "is_running": False,
        "rawResponse": {
            "took": 12,
            "timed_out": False,
            "_shards": {"total": 1, "successful": 1, "skipped": 0, "failed": 0},
            "hits": {"total": total, "max_score": None, "hits": hits(*sources)},
        },
        "total": 1,
        "loaded": 1,
        **extra,
    }


def page_sources(first: int, n: int, **kw):
    return [
        source(k, last_updated=f"2021-11-{1 + k % 28:02d}T10:00:00.000Z", **kw)
        for k in range(first, first + n)
    ]


def accounted(result) -> int:
    """records read = imported (sites and areas) + rejected + left out (identical copies)."""
    rejected_records = len(result.rejects) - result.counts["polygon_faults"]
    return len(result.records) + rejected_records + result.counts["duplicates"]


def test_one_page_of_a_larger_search_says_how_many_applications_are_missing(tmp_path):
    path = tmp_path / "page1.json"
    path.write_text(json.dumps(response(page_sources(1, 5), total=12)))
    result = read_planning(path)
    assert len(result.records) == 5
    assert result.counts["hits_read"] == 5
    assert result.counts["stated_total"] == 12 and result.counts["not_in_files"] == 7
    (note,) = [n for n in result.notes if "page1.json" in n]
    assert "5 of the 12 applications" in note and "7 are not" in note


def test_es7_total_object_is_read_as_the_stated_total(tmp_path):
    doc = {"hits": {"total": {"value": 9, "relation": "eq"}, "hits": hits(*page_sources(1, 3))}}
    path = tmp_path / "p.json"
    path.write_text(json.dumps(doc))
    assert read_planning(path).counts["not_in_files"] == 6


def test_real_recent_response_says_500_of_1749(shared_data):
    path = shared_data / "planning" / "pld_colouring_cities" / "all_in_specific_time_recent.json"
    result = read_planning(path)
    assert result.counts["hits_read"] == 500 and result.counts["stated_total"] == 1749
    assert result.counts["not_in_files"] == 1249
    assert any("500 of the 1749 applications" in n for n in result.notes)


def test_several_pages_import_each_application_once(tmp_path):
    # three pages of one search (total 12); page 2 repeats two hits of page 1 (the index moved
    # between requests): identical copies are left out and counted, never doubled
    pages = [page_sources(1, 5), page_sources(4, 5), page_sources(9, 4)]
    paths = []
    for k, srcs in enumerate(pages, start=1):
        paths.append(tmp_path / f"page{k}.json")
        paths[-1].write_text(json.dumps(response(srcs, total=12)))
    result = read_planning(paths)
    assert sorted(r["site_id"] for r in result.records) == [
        f"Camden-{k}" for k in sorted(range(1, 13), key=str)
    ]
    assert result.counts["hits_read"] == 14 and result.counts["duplicates"] == 2
    assert result.counts["not_in_files"] == 0 and not result.rejects
    assert accounted(result) == 14


def test_a_folder_of_pages_is_one_import_and_other_files_are_listed(tmp_path):
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "a.json").write_text(json.dumps(response(page_sources(1, 3), total=6)))
    (folder / "b.json").write_text(json.dumps(response(page_sources(4, 3), total=6)))
    (folder / "README.md").write_text("notes")
    result = read_planning(folder)
    assert len(result.records) == 6 and result.counts["not_in_files"] == 0
    assert result.counts["files_read"] == 2 and result.counts["files_skipped"] == 1
    assert any("README.md" in n for n in result.notes)
    assert {r["source_file"] for r in result.records} == {"pages/a.json", "pages/b.json"}


def test_real_pld_folder_reads_the_three_responses_and_keeps_the_shared_application_once(shared_data):
    result = read_planning(shared_data / "planning" / "pld_colouring_cities")
    assert result.counts["hits_read"] == 576 and len(result.records) == 575
    assert result.counts["duplicates"] == 1 and not result.rejects
    assert result.counts["files_skipped"] == 2  # README.MD, analysis.md


def test_duplicate_id_with_another_version_keeps_the_later_one_and_rejects_the_other(tmp_path):
    # the fault-injection file: 161 hits, one id twice with different content (SITES said 161,
    # the store held 160)
    srcs = page_sources(1, 160)
    srcs.append(source(7, last_updated="2021-12-30T00:00:00.000Z", status="Refused"))
    path = tmp_path / "dup.json"
    path.write_text(json.dumps(response(srcs, total=161)))
    result = read_planning(path)
    assert len(result.records) == 160 and result.counts["sites"] == 160
    (reject,) = result.rejects
    assert reject.record == "Camden-7" and reject.field == "id" and "duplicate" in reject.reason
    assert "hit 161" in reject.reason  # where the kept copy is
    kept = next(r for r in result.records if r["site_id"] == "Camden-7")
    assert kept["status"] == "Refused" and kept["last_updated"].startswith("2021-12-30")
    assert accounted(result) == 161


# --- polygons: screened, and never dropped silently ---------------------------------------------

SQUARE_BNG = [[528000, 183000], [528100, 183000], [528100, 183100], [528000, 183100], [528000, 183000]]
BAD_POLYGONS = {
    "nan": ({"type": "Polygon", "coordinates": [[[float("nan"), 183000], *SQUARE_BNG[1:]]]}, "finite"),
    "huge": (
        {"type": "Polygon", "coordinates": [[[1e150, 183000], *SQUARE_BNG[1:]]]},
        "outside Great Britain",
    ),
    "max_float": (
        {"type": "Polygon", "coordinates": [[[1e308, 1e308], *SQUARE_BNG[1:]]]},
        "outside Great Britain",
    ),
    "linestring": ({"type": "LineString", "coordinates": SQUARE_BNG}, "not a polygon"),
    "open_ring": ({"type": "Polygon", "coordinates": [SQUARE_BNG[:-1] + [[528000, 183050]]]}, "not closed"),
    "short_ring": ({"type": "Polygon", "coordinates": [SQUARE_BNG[:2] + [SQUARE_BNG[0]]]}, "at least 4"),
    "text": ("NaN", "not a GeoJSON geometry"),
    "string_coord": ({"type": "Polygon", "coordinates": [[["a", 1], *SQUARE_BNG[1:]]]}, "not a number"),
    "flat": ({"type": "Polygon", "coordinates": SQUARE_BNG}, "nested wrongly"),
    "unknown_type": ({"type": "Circle", "coordinates": [1, 2]}, "unknown geometry type"),
    "no_area": ({"type": "Polygon", "coordinates": [[SQUARE_BNG[0]] * 4]}, "no area"),
    "int_beyond_float": (
        {"type": "Polygon", "coordinates": [[[10**400, 183000], *SQUARE_BNG[1:]]]},
        "finite",
    ),
}


@pytest.mark.parametrize("name", sorted(BAD_POLYGONS))
def test_a_bad_polygon_is_a_reject_with_its_reason_and_the_site_stays_at_its_centroid(tmp_path, name):
    bad, reason = BAD_POLYGONS[name]
    path = tmp_path / "p.json"
    path.write_text(json.dumps(response([source(1, polygon=bad), source(2)], total=2)))
    result = read_planning(path)
    assert len(result.records) == 2
    site = next(r for r in result.records if r["site_id"] == "Camden-1")
    assert site["geometry_source"] == "centroid" and site["geometry"].geom_type == "Point"
    (reject,) = result.rejects
    assert reject.record == "Camden-1" and reject.field == "polygon"
    assert reason in reject.reason and "imported at its centroid" in reject.reason
    assert result.counts["polygon_faults"] == 1 and accounted(result) == 2


def test_a_bad_wgs84_polygon_with_a_good_bng_polygon_keeps_the_site_on_the_good_one(tmp_path):
    bad = BAD_POLYGONS["nan"][0]
    good = {"type": "Polygon", "coordinates": [SQUARE_BNG]}
    origin = {"lat": 49.766807, "lon": -7.55716}
    srcs = [source(1, wgs84_polygon=bad, polygon=good), source(2, wgs84_polygon=bad, centroid=origin)]
    path = tmp_path / "p.json"
    path.write_text(json.dumps(response(srcs, 2)))
    result = read_planning(path)
    by_id = {r["site_id"]: r for r in result.records}
    assert by_id["Camden-1"]["geometry_source"] == "polygon" and by_id["Camden-1"]["geometry"].area == 10_000
    assert by_id["Camden-2"]["centroid_suspect"] and by_id["Camden-2"]["geometry"] is None
    reasons = {r.record: (r.field, r.reason) for r in result.rejects}
    assert reasons["Camden-1"][0] == "wgs84_polygon" and "its other polygon" in reasons["Camden-1"][1]
    assert "flagged, unmapped" in reasons["Camden-2"][1] and accounted(result) == 2


def test_a_self_crossing_polygon_is_repaired_and_said(tmp_path):
    bow_tie = [[528000, 183000], [528100, 183100], [528100, 183000], [528000, 183100], [528000, 183000]]
    path = tmp_path / "p.json"
    path.write_text(
        json.dumps(response([source(1, polygon={"type": "Polygon", "coordinates": [bow_tie]})], 1))
    )
    result = read_planning(path)
    (site,) = result.records
    assert (
        site["geometry_source"] == "polygon" and site["geometry"].is_valid and site["geometry"].area == 5000
    )
    assert result.counts["polygons_repaired"] == 1 and any("repaired" in n for n in result.notes)


def test_a_bad_polygon_and_no_centroid_rejects_the_site_naming_both(tmp_path):
    bad = BAD_POLYGONS["huge"][0]
    path = tmp_path / "p.json"
    path.write_text(
        json.dumps(
            response(
                [source(1, polygon=bad, centroid=None, centroid_easting=None, centroid_northing=None)], 1
            )
        )
    )
    result = read_planning(path)
    assert not result.records
    (reject,) = result.rejects
    assert (
        reject.field == "centroid" and "outside Great Britain" in reject.reason and "polygon" in reject.reason
    )
    assert accounted(result) == 1


def test_coordinates_are_screened_before_any_geometry_is_built(tmp_path, monkeypatch):
    # 1e308 is finite: only an extent check keeps it from GEOS (a native crash under the system GEOS)
    def no_geos(obj):
        raise AssertionError(f"geometry built from unscreened coordinates: {obj}")

    monkeypatch.setattr(planning_sites, "geometry_from_geojson", no_geos)
    path = tmp_path / "p.json"
    path.write_text(json.dumps(response([source(1, wgs84_polygon=BAD_POLYGONS["max_float"][0])], 1)))
    result = read_planning(path)
    assert result.rejects[0].field == "wgs84_polygon"


def test_nan_centroid_is_rejected_not_mapped(tmp_path):
    path = tmp_path / "p.json"
    path.write_text(
        '{"hits": {"total": 1, "hits": [{"_id": "x", "_source": {"id": "x", "centroid": {"lat": NaN, "lon": 1e308}}}]}}'
    )
    result = read_planning(path)
    assert not result.records and result.rejects[0].field == "centroid"


def test_integers_beyond_a_float_are_rejects_not_overflow_errors(tmp_path):
    # JSON integers are unbounded; float(10**400) raises OverflowError
    path = tmp_path / "p.json"
    path.write_text(
        json.dumps(
            response(
                [source(1, application_details={"residential_details": {"total_no_proposed_residential_units": 10**400}}),
                 source(2, centroid={"lat": 10**400, "lon": 0}, centroid_easting=None, centroid_northing=None)],
                total=10**400,
            )
        )
    )  # fmt: skip
    result = read_planning(path)
    assert sorted((r.record, r.field) for r in result.rejects) == [
        ("Camden-1", planning_sites._UNITS_FIELD),
        ("Camden-2", "centroid"),
    ]
    assert result.counts["stated_total"] == 0


def test_screen_refuses_collections_nested_past_geojson_depth():
    geom = {"type": "Polygon", "coordinates": [SQUARE_BNG]}
    for _ in range(50):
        geom = {"type": "GeometryCollection", "geometries": [geom]}
    assert "nested more than" in screen_geojson_geometry(geom)
    assert screen_geojson_geometry({"type": "GeometryCollection", "geometries": []}) is None


def test_json_nested_10000_deep_is_a_clear_error_naming_the_file(tmp_path):
    path = tmp_path / "deep.json"
    path.write_text('{"hits": {"hits": ' + "[" * 10_000 + "]" * 10_000 + "}}")
    with pytest.raises(InputError, match=r"deep\.json.*nests arrays or objects"):
        read_planning(path)


def test_real_pld_files_have_no_silent_drop(shared_data):
    folder = shared_data / "planning" / "pld_colouring_cities"
    for name in ("all_in_specific_time_recent.json", "all_in_specific_time_in_past.json", "major_only.json"):
        result = read_planning(folder / name)
        assert accounted(result) == result.counts["hits_read"]


# --- planning.data.gov.uk -------------------------------------------------------------------------


def feature(props, geometry=None):
    geometry = geometry or {
        "type": "MultiPolygon",
        "coordinates": [[[[-0.20, 51.60], [-0.19, 51.60], [-0.19, 51.61], [-0.20, 51.61], [-0.20, 51.60]]]],
    }
    return {"type": "Feature", "geometry": geometry, "properties": props}


def test_planning_application_decision_status_and_dates_are_kept(tmp_path):
    props = {
        "dataset": "planning-application",
        "entity": 10000000123,
        "reference": "24/1234/FUL",
        "name": "1 High Street",
        "description": "Rear extension",
        "organisation-entity": "16",
        "start-date": "2024-03-01",
        "decision-date": "2024-05-02",
        "planning-application-status": "determined",
        "planning-decision": "approved",
        "planning-application-type": "full",
        "entry-date": "2024-05-10",
    }
    path = tmp_path / "planning-application.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [feature(props)]}))
    (rec,) = read_planning(path).records
    assert rec["decision_date"] == "2024-05-02" and rec["valid_date"] == "2024-03-01"
    assert (
        rec["status"] == "determined" and rec["decision"] == "approved" and rec["application_type"] == "full"
    )
    # organisation-entity is a number, not a name: kept apart, lpa_name left empty
    assert rec["lpa_name"] is None and rec["organisation_entity"] == "16"
    assert rec["dataset"] == "planning-application" and rec["site_id"] == "10000000123"
    assert 515_000 < rec["geometry"].centroid.x < 535_000


def test_brownfield_land_maximum_net_dwellings_become_units(tmp_path):
    props = {
        "dataset": "brownfield-land",
        "entity": 1700001,
        "reference": "BR/12",
        "site-address": "Land at Station Road",
        "maximum-net-dwellings": "45",
        "minimum-net-dwellings": "30",
        "planning-permission-status": "permissioned",
        "planning-permission-type": "full planning permission",
        "planning-permission-date": "2023-07-14",
        "organisation-entity": "16",
    }
    point = {"type": "Point", "coordinates": [-0.195, 51.605]}
    path = tmp_path / "brownfield-land.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [feature(props, point)]}))
    (rec,) = read_planning(path).records
    assert rec["units"] == 45 and rec["status"] == "permissioned"
    assert rec["application_type"] == "full planning permission" and rec["decision_date"] == "2023-07-14"
    assert rec["site_name"] == "Land at Station Road" and rec["lpa_name"] is None


def test_a_dataset_that_is_neither_sites_nor_conservation_areas_is_refused_naming_it(tmp_path):
    props = {"dataset": "tree-preservation-zone", "entity": 19100001, "reference": "TPZ1"}
    path = tmp_path / "tpz.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [feature(props)] * 3}))
    with pytest.raises(
        InputError, match=r"tpz\.geojson.*'tree-preservation-zone' \(3 features: tree preservation"
    ):
        read_planning(path)


def test_conservation_areas_go_to_a_layer_of_their_own(tmp_path):
    props = {"dataset": "conservation-area", "entity": 44002411, "reference": "6944", "name": "Railway Terraces",
             "start-date": "1998-03-04", "end-date": "", "entry-date": "2022-04-12", "organisation-entity": "16"}  # fmt: skip
    line = {"type": "LineString", "coordinates": [[-0.2, 51.6], [-0.19, 51.6]]}
    features = [feature(props), feature({**props, "entity": 44002412}, line)]
    path = tmp_path / "conservation-area.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    result = read_planning(path)
    (area,) = result.records
    assert area["_layer"] == "conservation_areas" and area["area_id"] == "44002411"
    assert (
        area["designation_date"] == "1998-03-04"
        and area["end_date"] is None
        and area["name"] == "Railway Terraces"
    )
    assert area["geometry"].geom_type == "MultiPolygon" and 515_000 < area["geometry"].centroid.x < 535_000
    (reject,) = result.rejects
    assert reject.record == "44002412" and "not a polygon" in reject.reason
    assert result.counts["conservation_areas"] == 1 and result.counts["sites"] == 0


@pytest.mark.parametrize(
    ("name", "dataset"),
    [
        ("local-authority-district.geojson", "'local-authority-district' (1 feature"),
        ("entities.csv", "entity list in CSV"),
    ],
)
def test_real_barnet_outline_and_entity_list_are_refused_naming_the_dataset(shared_data, name, dataset):
    path = shared_data / "planning" / "barnet_conservation_areas" / name
    with pytest.raises(InputError, match=f"{name}.*{dataset}".replace("(", r"\(")):
        read_planning(path)


@pytest.mark.parametrize(("name", "n"), [("entities.geojson", 33), ("barnet.geojson", 16)])
def test_real_barnet_conservation_areas_are_read_as_areas_not_sites(shared_data, name, n):
    result = read_planning(shared_data / "planning" / "barnet_conservation_areas" / name)
    assert result.counts["conservation_areas"] == n and result.counts["sites"] == 0 and not result.rejects
    assert all(r["_layer"] == "conservation_areas" for r in result.records)
    # Barnet's own areas (its file; organisation-entity 16 on planning.data.gov.uk) lie inside its
    # outline (entity 8600286) within 50 m; the file also holds neighbours' (Camden's Hampstead...)
    path = shared_data / "planning" / "barnet_conservation_areas" / "local-authority-district.geojson"
    lad = json.loads(path.read_text())
    barnet = geo.fix_geometries(np.array([geo.geometry_from_geojson(lad["geometry"])]), 4326, "lad")[0][0]
    own = [r for r in result.records if name == "barnet.geojson" or r["organisation_entity"] == "16"]
    assert len(own) == 16 and all(barnet.buffer(50).contains(r["geometry"]) for r in own)
    assert all(barnet.buffer(5_000).contains(r["geometry"]) for r in result.records)


def test_geojson_without_a_dataset_name_is_refused(tmp_path):
    path = tmp_path / "x.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [feature({"reference": "1"})]}))
    with pytest.raises(InputError, match="does not say which planning.data.gov.uk dataset"):
        read_planning(path)


# --- fetching every page of a search ----------------------------------------------------------------


def search_server(tmp_path, n_hits, *, ignore_from=False, es7=False):
    """A fake ``get`` serving an Elasticsearch index of ``n_hits`` applications by from/size."""
    from urllib.parse import parse_qs, urlsplit

    everything = page_sources(1, n_hits)
    asked = []

    def get(url):
        asked.append(url)
        q = parse_qs(urlsplit(url).query)
        start = 0 if ignore_from else int(q["from"][0])
        size = int(q["size"][0])
        total = {"value": n_hits, "relation": "eq"} if es7 else n_hits
        doc = {
            "took": 1,
            "timed_out": False,
            "hits": {"total": total, "hits": hits(*everything[start : start + size])},
        }
        path = tmp_path / f"page{len(asked)}.json"
        path.write_text(json.dumps(doc))
        return path

    return get, asked


@pytest.mark.parametrize("es7", [False, True])
def test_fetch_search_pages_fetches_every_page_until_the_stated_total(tmp_path, es7):
    get, asked = search_server(tmp_path, 23, es7=es7)
    url = "http://127.0.0.1:1/api-guest/applications/_search?q=lpa_name:Camden"
    pages = fetch_search_pages(url, get, size=10)
    assert [page_url(url, s, 10) for s in (0, 10, 20)] == asked
    result = planning_sites.read_planning_files(pages.files)
    assert len(result.records) == 23 and result.counts["not_in_files"] == 0 and not pages.notes


def test_fetch_search_pages_stops_when_the_server_ignores_from(tmp_path):
    get, asked = search_server(tmp_path, 23, ignore_from=True)
    pages = fetch_search_pages("http://127.0.0.1:1/x/_search", get, size=10)
    assert len(asked) == 2 and "ignores 'from'" in pages.notes[0]
    result = planning_sites.read_planning_files(pages.files)
    assert len(result.records) == 10 and result.counts["not_in_files"] == 13


def test_fetch_search_pages_stops_at_the_elasticsearch_window(tmp_path, monkeypatch):
    monkeypatch.setattr(planning_sites, "ES_MAX_WINDOW", 20)
    get, asked = search_server(tmp_path, 45)
    pages = fetch_search_pages("http://127.0.0.1:1/x/_search", get, size=10)
    assert len(asked) == 2 and "stopped at 20 hits" in pages.notes[0]

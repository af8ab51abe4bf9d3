"""Connectivity algorithms in a real headless QGIS: imports into the store, coverage gaps and
spine opportunities.

Every algorithm runs on the sample London scenario of scripts/make_sample_data.py (the
``sample_generator`` fixture), so CI runs them without ../shared; the same checks run on the real
CIM / PLD / TfL / ward files when ../shared/data is present (skipped cleanly otherwise). Each test
gets its store from a module fixture, never from an earlier test: any test runs alone or in any
order.

Uses ``session_plugin`` / ``plugin_provider`` from tests/qgis/conftest.py.
"""

from __future__ import annotations

import csv
import json
import sqlite3
import sys
import zipfile
from pathlib import Path

import numpy as np
import pytest
import shapely
from osgeo import ogr, osr

from dig_once.plugin.core.geo import read_vector

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit"))
from ofcom_fixtures import POSTCODE_HEADERS as OFCOM_HEADERS

SEED = 21
GAP_CLASSES = ("CONNECTED", "NEAR_SPINE_NOTSPOT", "FAR_FROM_SPINE_NOTSPOT", "NO_COVERAGE_DATA", "UNLOCATED")


def run(alg, params, feedback=None):
    from qgis import processing

    return processing.run(alg, params, feedback=feedback)


def store_coverage(store) -> dict[str, str]:
    """NOTSPOTS and SPINE: the not-spot postcodes and the fibre spine the store holds."""
    return {"NOTSPOTS": f"{store}|layername=notspots_postcodes", "SPINE": f"{store}|layername=fibre_spine"}


def layer_rows(uri: str) -> list[dict]:
    path, _, name = uri.partition("|layername=")
    ds = ogr.Open(path)
    lyr = ds.GetLayerByName(name) if name else ds.GetLayer(0)
    rows = []
    for f in lyr:
        row = f.items()
        g = f.GetGeometryRef()
        geom = shapely.from_wkb(bytes(g.ExportToIsoWkb())) if g is not None else None
        row["_geom"] = None if geom is None or geom.is_empty else geom  # the store writes empty, not null
        rows.append(row)
    return rows


def write_gpkg(path: Path, name: str, geom_type, fields: dict[str, int], rows) -> str:
    """A small EPSG:27700 GeoPackage layer; ``rows`` are (values dict, shapely geometry)."""
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(27700)
    lyr = ds.CreateLayer(name, srs, geom_type)
    for field, kind in fields.items():
        lyr.CreateField(ogr.FieldDefn(field, kind))
    for values, geom in rows:
        f = ogr.Feature(lyr.GetLayerDefn())
        for field, value in values.items():
            f.SetField(field, value)
        f.SetGeometry(ogr.CreateGeometryFromWkb(shapely.to_wkb(geom)))
        lyr.CreateFeature(f)
    ds = None
    return f"{path}|layername={name}"


# --- the generated scenario ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def generated(tmp_path_factory, sample_generator):
    """The sample scenario's connectivity files (spine, pubs, planning hits, Ofcom postcode files
    zipped as Ofcom publishes them, ONSPD extract) and the generator's own counts of them."""
    folder = tmp_path_factory.mktemp("connectivity-generated")
    world = sample_generator.build_world(SEED)
    ofcom = sample_generator.write_ofcom(world, SEED, folder / "ofcom")
    cultural = sample_generator.write_cultural(world, SEED, folder / "cultural")
    planning = sample_generator.write_planning(world, SEED, folder / "planning")
    spine_path = folder / "spine" / "fibre_spine.geojson"
    spine = sample_generator.write_spine(world, SEED, spine_path)
    works_path = folder / "works" / "my_works.geojson"
    works = sample_generator.write_my_works(world, SEED, works_path)
    postcode_zip = folder / "ofcom" / "202601_fixed_postcode_coverage_r01.zip"
    with zipfile.ZipFile(postcode_zip, "w") as zf:
        for key, path in ofcom["paths"].items():
            if key.startswith("ofcom_postcode_"):
                zf.write(path, path.name)
    return {
        "folder": folder,
        "spine": spine_path,
        "spine_routes": spine["routes"],
        "pubs": cultural["paths"]["cultural_Pubs"],
        "pubs_faults": cultural["faults"]["Pubs.csv"],
        "planning": planning["paths"]["planning_pld"],
        "planning_faults": planning["faults"],
        "ofcom_zip": postcode_zip,
        "ofcom_laua": ofcom["paths"]["ofcom_laua"],
        "centroids": ofcom["paths"]["postcode_centroids"],
        "ofcom_faults": ofcom["faults"],
        "works": works_path,
        "works_faults": works,
        "area": sample_generator.AREA,
    }


@pytest.fixture(scope="module")
def generated_store(session_plugin, generated, tmp_path_factory):
    """A store holding the generated spine, pubs, planning sites and Ofcom postcodes (superfast
    level, 10 % share), made here so no test depends on another having imported them."""
    session_plugin.initProcessing()
    store = str(tmp_path_factory.mktemp("connectivity-generated-store") / "store.gpkg")
    return {
        "store": store,
        "spine": run("digonce:importfibrespine", {"INPUT": str(generated["spine"]), "STORE": store}),
        "venues": run("digonce:importculturalvenues", {"INPUT": str(generated["pubs"]), "STORE": store}),
        "sites": run("digonce:importplanningsites", {"INPUT": str(generated["planning"]), "STORE": store}),
        "ofcom": run(
            "digonce:importofcomcoverage",
            {
                "INPUT": str(generated["ofcom_zip"]),
                "CENTROIDS": str(generated["centroids"]),
                "LEVEL": 1,  # superfast
                "MIN_SHARE": 10.0,
                "STORE": store,
            },
        ),
    }


# --- the real files (skipped without ../shared) --------------------------------------------------


@pytest.fixture(scope="module")
def real(tmp_path_factory, shared_data):
    """Ofcom postcode file + ONSPD centroids at the real ward centroids (one postcode each)."""
    folder = tmp_path_factory.mktemp("connectivity-real")
    wards = read_vector(shared_data / "london_boundaries" / "london_wards_2011_centroids.json").geometries
    rng = np.random.default_rng(5)
    postcodes = [
        f"E{i // 26 + 1} {i % 9}{chr(65 + i % 26)}{chr(65 + (i * 7) % 26)}" for i in range(len(wards))
    ]
    gigabit = rng.choice([10.0, 50.0, 90.0], size=len(wards))
    with (folder / "onspd.csv").open("w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["pcds", "oseast1m", "osnrth1m", "lat", "long"])
        for pc, g in zip(postcodes, wards, strict=True):
            w.writerow([pc, f"{g.x:.0f}", f"{g.y:.0f}", "", ""])
        w.writerow(["ZZ9 9ZZ", "", "", "99.999999", "0.000000"])
    with (folder / "ofcom_postcode_E.csv").open("w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(OFCOM_HEADERS)
        for pc, gig in zip(postcodes, gigabit, strict=True):
            w.writerow(
                [pc.replace(" ", ""), pc, "E", "95", "90", "85", gig, 0, 0, 0, 5, 0, 0, 0, 0, 0, 5, 15, 80]
            )
        w.writerow(
            ["ZZ99ZZ", "ZZ9 9ZZ", "ZZ", "95", "90", "85", "N/A", 0, 0, "<4", 5, "", 0, 0, 0, 0, 5, 15, 80]
        )
        w.writerow(
            ["ZZ99ZY", "ZZ9 9ZY", "ZZ", "95", "90", "85", "lots", 0, 0, 0, 5, 0, 0, 0, 0, 0, 5, 15, 80]
        )
    return {"folder": folder, "wards": wards, "shared": shared_data}


@pytest.fixture(scope="module")
def real_store(session_plugin, real, tmp_path_factory):
    """A store holding the real TfL spine, theatres, PLD sites and the ward-centroid postcodes
    (gigabit level, 25 % share)."""
    session_plugin.initProcessing()
    shared = real["shared"]
    store = str(tmp_path_factory.mktemp("connectivity-real-store") / "store.gpkg")
    pld = shared / "planning" / "pld_colouring_cities" / "all_in_specific_time_recent.json"
    return {
        "store": store,
        "spine": run(
            "digonce:importfibrespine", {"INPUT": str(shared / "tfl_tube" / "tfl_lines.json"), "STORE": store}
        ),
        "venues": run(
            "digonce:importculturalvenues",
            {"INPUT": str(shared / "cultural_infrastructure" / "Theatres.csv"), "STORE": store},
        ),
        "sites": run("digonce:importplanningsites", {"INPUT": str(pld), "STORE": store}),
        "ofcom": run(
            "digonce:importofcomcoverage",
            {
                "INPUT": str(real["folder"] / "ofcom_postcode_E.csv"),
                "CENTROIDS": str(real["folder"] / "onspd.csv"),
                "LEVEL": 2,  # gigabit
                "MIN_SHARE": 25.0,
                "STORE": store,
            },
        ),
    }


@pytest.fixture(scope="module", params=["generated", "real"])
def connectivity(request):
    """The generated store, then the real one (skipped without ../shared), with what each
    should hold."""
    if request.param == "generated":
        data = request.getfixturevalue("generated")
        store = request.getfixturevalue("generated_store")
        expected = {
            "sites": data["planning_faults"]["hits"],
            "unlocated_sites": data["planning_faults"]["grid_origin_centroids"],
            "venues": data["pubs_faults"]["rows"],
            "min_share": 10.0,
        }
    else:
        store = request.getfixturevalue("real_store")
        expected = {"sites": 500, "unlocated_sites": 80, "venues": 264, "min_share": 25.0}
    return {**store, "expected": expected}


# --- imports ------------------------------------------------------------------------------------


def test_generated_imports_count_what_the_generator_wrote(plugin_provider, generated, generated_store):
    spine, venues = generated_store["spine"], generated_store["venues"]
    assert spine["IMPORTED"] == spine["PARTS"] == generated["spine_routes"] and spine["REJECTED"] == 0
    pubs = generated["pubs_faults"]
    assert venues["IMPORTED"] + venues["REJECTED"] == pubs["rows"]
    assert venues["MOJIBAKE_REPAIRED"] == pubs["mojibake"] and venues["NO_BOROUGH"] == pubs["no_borough"]
    assert venues["COORD_CONFLICTS"] == pubs["en_latlon_mismatch"]
    sites, planning = generated_store["sites"], generated["planning_faults"]
    assert sites["SITES"] == planning["hits"] and sites["STATED_TOTAL"] == planning["hits_total"]
    assert sites["CENTROID_SUSPECT"] == planning["grid_origin_centroids"]
    ofcom, faults = generated_store["ofcom"], generated["ofcom_faults"]
    assert ofcom["FILES_ALL_PREMISES"] == len(faults["areas"])
    assert ofcom["IMPORTED"] == ofcom["POSTCODES"] == faults["postcodes"] and ofcom["REJECTED"] == 0
    assert ofcom["UNLOCATED"] == faults["postcodes_missing_centroid"]
    assert ofcom["LOCATED"] == faults["postcodes"] - faults["postcodes_missing_centroid"]
    # superfast at 10 %: the generator's not-spots miss 15-60 % of 30 Mbit/s, the others at most 7 %
    assert ofcom["NOTSPOTS"] == faults["notspot_postcodes"]
    rows = layer_rows(ofcom["OUTPUT"])
    assert ofcom["NOTSPOTS"] == sum(1 for r in rows if r["is_notspot"])
    assert {r["postcode"] for r in rows if r["_geom"] is None} >= set(faults["missing_centroid_postcodes"])
    with sqlite3.connect(generated_store["store"]) as db:
        stamped = db.execute(
            "SELECT parameters FROM digonce_runs WHERE layer = 'notspots_postcodes'"
        ).fetchone()
        kinds = {k for (k,) in db.execute("SELECT kind FROM digonce_catalogue")}
    assert json.loads(stamped[0])["MIN_SHARE"] == 10.0 and json.loads(stamped[0])["LEVEL"] == 1
    assert {"fibre_spine", "cultural_venues", "planning_sites", "ofcom_coverage"} <= kinds


def test_real_imports(plugin_provider, real, real_store):
    spine, venues, sites, ofcom = (real_store[k] for k in ("spine", "venues", "sites", "ofcom"))
    assert spine["IMPORTED"] == 701 and spine["REJECTED"] == 0 and spine["PARTS"] == 701
    assert venues["IMPORTED"] + venues["REJECTED"] == 264 and venues["MOJIBAKE_REPAIRED"] > 0
    assert sites["SITES"] == 500 and sites["CENTROID_SUSPECT"] == 80
    n = len(real["wards"])
    assert ofcom["IMPORTED"] == n + 1 and ofcom["REJECTED"] == 1
    assert ofcom["LOCATED"] == n and ofcom["UNLOCATED"] == 1
    rows = layer_rows(ofcom["OUTPUT"])
    assert ofcom["NOTSPOTS"] == sum(1 for r in rows if r["is_notspot"])
    assert all(
        bool(r["is_notspot"]) == (r["gigabit_pct"] is not None and r["gigabit_pct"] <= 75) for r in rows
    )
    with sqlite3.connect(real_store["store"]) as db:
        (rejects,) = db.execute("SELECT count(*) FROM rejects WHERE reason LIKE '%lots%'").fetchone()
        stamped = db.execute(
            "SELECT parameters FROM digonce_runs WHERE layer = 'notspots_postcodes'"
        ).fetchone()
        kinds = {k for (k,) in db.execute("SELECT kind FROM digonce_catalogue")}
    assert rejects == 1
    assert json.loads(stamped[0])["MIN_SHARE"] == 25.0 and json.loads(stamped[0])["LEVEL"] == 2
    assert {"fibre_spine", "cultural_venues", "planning_sites", "ofcom_coverage"} <= kinds


def test_real_areas_from_lsoas(plugin_provider, real, tmp_path):
    shared = real["shared"]
    res = run(
        "digonce:importofcomcoverage",
        {
            "INPUT": str(real["folder"] / "ofcom_postcode_E.csv"),
            "CENTROIDS": str(real["folder"] / "onspd.csv"),
            "AREAS": str(shared / "statistical-gis-boundaries-london" / "LSOA_2011_London_gen_MHW.shp"),
            "AREA_CODE_FIELD": "LSOA11CD",
            "LEVEL": 2,
            "STORE": str(tmp_path / "store.gpkg"),
        },
    )
    rows = layer_rows(res["OUTPUT"])
    assert res["AREAS"] == len(rows) > 500
    assert sum(r["postcodes"] for r in rows) <= len(real["wards"])
    assert all(r["_geom"].geom_type == "MultiPolygon" for r in rows)


def _squares(area, size: float) -> list[tuple[str, shapely.Polygon]]:
    x0, y0, x1, y1 = area
    return [
        (f"SQ{i:02d}{j:02d}", shapely.box(x, y, x + size, y + size))
        for i, x in enumerate(np.arange(x0, x1, size))
        for j, y in enumerate(np.arange(y0, y1, size))
    ]


def import_ofcom_areas(tmp_path, source, areas: str, code_field: str, **extra):
    """digonce:importofcomcoverage of ``source`` summed into ``areas`` by their ``code_field``, at
    the superfast level, into a fresh store in ``tmp_path``."""
    params = {"INPUT": str(source), "AREAS": areas, "AREA_CODE_FIELD": code_field, "LEVEL": 1}
    return run("digonce:importofcomcoverage", {**params, "STORE": str(tmp_path / "store.gpkg"), **extra})


def test_generated_ofcom_postcodes_aggregate_to_area_polygons(plugin_provider, generated, tmp_path):
    """Every located postcode inside the squares lands in exactly one square; a square is a
    not-spot when its premises-weighted share reaches MIN_SHARE."""
    x0, y0, x1, y1 = generated["area"]
    # a margin: a few generated postcodes lie just outside the scenario's area; edges on half
    # metres, so no postcode (whole metres) lies on one (see test_cov_coverage_core.py)
    squares = _squares((x0 - 1000.5, y0 - 1000.5, x1 + 1000, y1 + 1000), 1000.0)
    areas = write_gpkg(
        tmp_path / "squares.gpkg", "squares", ogr.wkbPolygon, {"code": ogr.OFTString},
        [({"code": code}, geom) for code, geom in squares],
    )  # fmt: skip
    res = import_ofcom_areas(
        tmp_path, generated["ofcom_zip"], areas, "code", CENTROIDS=str(generated["centroids"]), MIN_SHARE=5.0
    )
    rows = layer_rows(res["OUTPUT"])
    assert res["OUTPUT"].endswith("|layername=notspots_areas")
    assert res["AREAS"] == len(rows) and 0 < len(rows) <= len(squares)
    assert {r["area_code"] for r in rows} <= {code for code, _ in squares}
    assert all(r["_geom"].geom_type == "MultiPolygon" for r in rows)
    faults = generated["ofcom_faults"]
    # the squares tile the area around every generated postcode
    assert sum(r["postcodes"] for r in rows) == faults["postcodes"] - faults["postcodes_missing_centroid"]
    assert res["NOTSPOTS"] == sum(1 for r in rows if r["is_notspot"]) > 0
    assert all(bool(r["is_notspot"]) == (r["notspot_share_pct"] >= 5.0) for r in rows)


def test_generated_ofcom_local_authority_file_joins_authority_polygons_by_code(
    plugin_provider, generated, tmp_path
):
    with open(generated["ofcom_laua"], encoding="utf-8", newline="") as fh:
        codes = [row["laua"] for row in csv.DictReader(fh)]
    squares = _squares(generated["area"], 2000.0)
    # one polygon per authority of the file but the last, plus one the file does not name
    polygons = [({"gss": code}, geom) for code, (_, geom) in zip(codes[:-1], squares, strict=False)]
    polygons.append(({"gss": "E09999999"}, squares[-1][1]))
    areas = write_gpkg(tmp_path / "la.gpkg", "la", ogr.wkbPolygon, {"gss": ogr.OFTString}, polygons)
    res = import_ofcom_areas(tmp_path, generated["ofcom_laua"], areas, "gss", MIN_SHARE=0.5)
    rows = layer_rows(res["OUTPUT"])
    assert sorted(r["area_code"] for r in rows) == sorted(codes[:-1])
    assert res["AREAS"] == len(codes) - 1
    assert all(r["postcodes"] is None for r in rows)
    by_code = dict(zip(codes, squares, strict=False))
    assert all(r["_geom"].equals(by_code[r["area_code"]][1]) for r in rows)


def test_generated_ofcom_areas_by_lookup_column_follow_the_centroid_file(
    plugin_provider, generated, tmp_path
):
    """With LOOKUP_COLUMN, a postcode goes to the area its centroid row names, wherever it lies."""
    with open(generated["centroids"], encoding="utf-8", newline="") as fh:
        lsoa = {row["pcds"]: row["lsoa11"] for row in csv.DictReader(fh) if row["lsoa11"]}
    codes = sorted(set(lsoa.values()))[:5]
    far_away = shapely.box(100_000, 100_000, 100_100, 100_100)  # contains no postcode
    areas = write_gpkg(
        tmp_path / "lsoa.gpkg", "lsoa", ogr.wkbPolygon, {"LSOA11CD": ogr.OFTString},
        [({"LSOA11CD": code}, far_away) for code in codes],
    )  # fmt: skip
    res = import_ofcom_areas(
        tmp_path, generated["ofcom_zip"], areas, "LSOA11CD", CENTROIDS=str(generated["centroids"]),
        LOOKUP_COLUMN="lsoa11",
    )  # fmt: skip
    rows = {r["area_code"]: r for r in layer_rows(res["OUTPUT"])}
    imported = {r["postcode"] for r in layer_rows(f"{tmp_path / 'store.gpkg'}|layername=notspots_postcodes")}
    expected = {code: sum(1 for pc, c in lsoa.items() if c == code and pc in imported) for code in codes}
    assert {code: r["postcodes"] for code, r in rows.items()} == {c: n for c, n in expected.items() if n}


def test_ofcom_areas_without_a_code_field_are_refused_and_the_store_is_unchanged(
    plugin_provider, generated, tmp_path
):
    from qgis.core import QgsProcessingException

    areas = write_gpkg(
        tmp_path / "sq.gpkg", "sq", ogr.wkbPolygon, {"code": ogr.OFTString},
        [({"code": c}, g) for c, g in _squares(generated["area"], 4000.0)],
    )  # fmt: skip
    store = tmp_path / "store.gpkg"
    with pytest.raises(QgsProcessingException, match="AREA_CODE_FIELD"):
        run(
            "digonce:importofcomcoverage",
            {"INPUT": str(generated["ofcom_zip"]), "AREAS": areas, "LEVEL": 1, "STORE": str(store)},
        )
    with sqlite3.connect(store) as db:
        tables = {t for (t,) in db.execute("SELECT table_name FROM gpkg_contents")}
    assert not tables & {"notspots_areas", "notspots_postcodes"}


# --- coverage gaps ------------------------------------------------------------------------------


def test_find_coverage_gaps_classifies_every_site_by_distance_and_share(
    plugin_provider, connectivity, tmp_path
):
    store, expected = connectivity["store"], connectivity["expected"]
    out = str(tmp_path / "gaps.gpkg")
    res = run(
        "digonce:findcoveragegaps",
        {
            "INPUT": f"{store}|layername=planning_sites",
            **store_coverage(store),
            "MAX_SPINE_DISTANCE": 500,
            "SEARCH_RADIUS": 1500,
            "OUTPUT": out,
        },
    )
    rows = layer_rows(out)
    assert len(rows) == expected["sites"]
    assert res["UNLOCATED"] == expected["unlocated_sites"]
    assert sum(res[c] for c in GAP_CLASSES) == expected["sites"]
    for c in GAP_CLASSES:
        assert res[c] == sum(1 for r in rows if r["gap_class"] == c.lower())
    spine = np.array([r["_geom"] for r in layer_rows(f"{store}|layername=fibre_spine")], dtype=object)
    located = [r for r in rows if r["_geom"] is not None]
    brute = shapely.distance(np.array([r["_geom"] for r in located])[:, None], spine[None, :]).min(axis=1)
    np.testing.assert_allclose([r["spine_distance_m"] for r in located], brute, rtol=0, atol=1e-9)
    matched = [r for r in located if r["notspot_share_pct"] is not None]
    share = expected["min_share"]
    assert matched and all(bool(r["in_notspot"]) == (r["notspot_share_pct"] >= share) for r in matched)
    assert any(r["in_notspot"] for r in located)
    for r in located:
        if r["in_notspot"]:
            near = "near_spine_notspot" if r["spine_distance_m"] <= 500 else "far_from_spine_notspot"
            assert r["gap_class"] == near
        elif r["notspot_place"] is None:
            assert r["gap_class"] == "no_coverage_data"
        else:
            assert r["gap_class"] == "connected" and r["place_distance_m"] <= 1500
    assert res["UNITS_IN_NOTSPOTS"] == sum(r["units"] or 0 for r in rows if r["in_notspot"])
    with sqlite3.connect(out) as db:
        assert db.execute("SELECT count(*) FROM layer_styles").fetchone()[0] == 1
        assert (
            json.loads(db.execute("SELECT parameters FROM digonce_runs").fetchone()[0])["MAX_SPINE_DISTANCE"]
            == 500
        )


def test_find_coverage_gaps_sums_the_units_field_the_user_chose(plugin_provider, generated_store, tmp_path):
    """UNITS_FIELD names another numeric field: its values are the units counted in not-spots."""
    store = generated_store["store"]
    sites = [r for r in layer_rows(f"{store}|layername=planning_sites") if r["_geom"] is not None]
    layer = write_gpkg(
        tmp_path / "sites.gpkg", "sites", ogr.wkbPoint, {"ref": ogr.OFTString, "homes": ogr.OFTInteger},
        [({"ref": f"S{k}", "homes": k + 1}, r["_geom"].centroid) for k, r in enumerate(sites)],
    )  # fmt: skip
    out = str(tmp_path / "gaps.gpkg")
    res = run(
        "digonce:findcoveragegaps",
        {
            "INPUT": layer,
            **store_coverage(store),
            "SEARCH_RADIUS": 1500,
            "UNITS_FIELD": "homes",
            "OUTPUT": out,
        },
    )
    rows = layer_rows(out)
    assert [r["units"] for r in rows] == [r["homes"] for r in rows]
    assert any(r["in_notspot"] for r in rows)
    assert res["UNITS_IN_NOTSPOTS"] == sum(r["homes"] for r in rows if r["in_notspot"])


def test_find_coverage_gaps_reads_a_text_not_spot_flag(plugin_provider, generated_store, tmp_path):
    """NOTSPOT_FIELD may be a text field ('yes'/'no'): a site next to a 'yes' place is in a not-spot,
    one next to a 'no' place is connected, one beyond the search radius has no coverage data."""
    store = generated_store["store"]
    spine = layer_rows(f"{store}|layername=fibre_spine")[0]["_geom"]
    on_spine = shapely.Point(spine.coords[0])
    places = write_gpkg(
        tmp_path / "places.gpkg", "places", ogr.wkbPoint, {"name": ogr.OFTString, "flag": ogr.OFTString},
        [({"name": "YES", "flag": "yes"}, on_spine),
         ({"name": "NO", "flag": "no"}, shapely.Point(on_spine.x + 5000, on_spine.y))],
    )  # fmt: skip
    sites = write_gpkg(
        tmp_path / "sites.gpkg", "sites", ogr.wkbPoint, {"ref": ogr.OFTString},
        [({"ref": "A"}, shapely.Point(on_spine.x + 10, on_spine.y)),
         ({"ref": "B"}, shapely.Point(on_spine.x + 5010, on_spine.y)),
         ({"ref": "C"}, shapely.Point(on_spine.x + 2500, on_spine.y + 20_000))],
    )  # fmt: skip
    out = str(tmp_path / "gaps.gpkg")
    res = run(
        "digonce:findcoveragegaps",
        {
            "INPUT": sites, "NOTSPOTS": places, "NOTSPOT_FIELD": "flag",
            "SPINE": f"{store}|layername=fibre_spine", "MAX_SPINE_DISTANCE": 100, "SEARCH_RADIUS": 100,
            "OUTPUT": out,
        },
    )  # fmt: skip
    got = {r["ref"]: (r["gap_class"], r["notspot_place"]) for r in layer_rows(out)}
    assert got == {
        "A": ("near_spine_notspot", "YES"),
        "B": ("connected", "NO"),
        "C": ("no_coverage_data", None),
    }
    assert (res["NEAR_SPINE_NOTSPOT"], res["CONNECTED"], res["NO_COVERAGE_DATA"]) == (1, 1, 1)


def test_coverage_gaps_in_memory_equal_the_geopackage_output(plugin_provider, connectivity, tmp_path):
    """The GeoPackage output is written in bulk, a temporary output through QGIS's sink: same rows."""
    from qgis import processing
    from qgis.core import QgsVectorLayer

    store = connectivity["store"]
    params = {
        "INPUT": f"{store}|layername=planning_sites",
        **store_coverage(store),
        "MAX_SPINE_DISTANCE": 500,
        "SEARCH_RADIUS": 1500,
    }
    on_disk = QgsVectorLayer(
        run("digonce:findcoveragegaps", {**params, "OUTPUT": str(tmp_path / "g.gpkg")})["OUTPUT"]
    )
    in_memory = processing.run("digonce:findcoveragegaps", {**params, "OUTPUT": "TEMPORARY_OUTPUT"})["OUTPUT"]
    assert in_memory.providerType() == "memory" and on_disk.providerType() == "ogr"
    names = [n for n in in_memory.fields().names() if n != "fid"]
    assert [n for n in on_disk.fields().names() if n != "fid"] == names

    def content(layer):
        out = []
        for f in layer.getFeatures():
            values = [f[n] for n in names]
            values = [
                v.toString("yyyy-MM-dd") if hasattr(v, "toString") and not isinstance(v, str) else v
                for v in values
            ]
            out.append((f.geometry().asWkt(2) if f.hasGeometry() else None, values))
        return sorted(out, key=repr)

    assert content(on_disk) == content(in_memory)
    assert on_disk.featureCount() == connectivity["expected"]["sites"]


# --- spine opportunities ------------------------------------------------------------------------


def _works_layer(path: Path, spine_line, notspot_pt) -> str:
    near = shapely.LineString([spine_line.interpolate(0.3, normalized=True).coords[0], notspot_pt.coords[0]])
    far = shapely.affinity.translate(near, 30_000, 30_000)
    rows = [
        ("NEAR-SOON", near, "2026-05-01", "2026-05-10"),
        ("NEAR-LATER", near, "2026-12-01", "2026-12-10"),
        ("NEAR-ENDED", near, "2026-01-01", "2026-01-10"),
        ("FAR", far, "2026-05-01", "2026-05-10"),
    ]
    return write_gpkg(
        path, "works", ogr.wkbLineString,
        {"permit_ref": ogr.OFTString, "start_date": ogr.OFTString, "end_date": ogr.OFTString},
        [({"permit_ref": ref, "start_date": s, "end_date": e}, geom) for ref, geom, s, e in rows],
    )  # fmt: skip


def test_find_spine_opportunities_ranks_the_works_that_reach_a_notspot_from_the_spine(
    plugin_provider, connectivity, tmp_path
):
    store = connectivity["store"]
    notspots = [
        r for r in layer_rows(f"{store}|layername=notspots_postcodes") if r["is_notspot"] and r["_geom"]
    ]
    spine = layer_rows(f"{store}|layername=fibre_spine")
    spine_geoms = np.array([r["_geom"] for r in spine], dtype=object)
    # a not-spot postcode near the spine, and the spine line nearest to it
    d = shapely.distance(np.array([r["_geom"] for r in notspots])[:, None], spine_geoms[None, :])
    i, j = np.unravel_index(np.argmin(d), d.shape)
    assert d[i, j] < 1000
    works = _works_layer(tmp_path / "works.gpkg", spine_geoms[j], notspots[i]["_geom"])
    out = str(tmp_path / "opps.gpkg")
    res = run(
        "digonce:findspineopportunities",
        {
            "INPUT": works,
            **store_coverage(store),
            "MAX_SPINE_DISTANCE": 50,
            "NOTSPOT_DISTANCE": 50,
            "REFERENCE_DATE": "2026-04-01",
            "OUTPUT": out,
        },
    )
    rows = sorted(layer_rows(out), key=lambda r: r["rank"])
    assert [r["permit_ref"] for r in rows] == ["NEAR-SOON", "NEAR-LATER"]
    assert res["OPPORTUNITIES"] == 2 and res["EXCLUDED_ENDED"] == 1
    assert rows[0]["score"] > rows[1]["score"] and rows[0]["days_to_start"] == 30
    # the work starts on the spine (an interpolated point: within rounding of it); not rounded
    assert rows[0]["spine_distance_m"] == pytest.approx(
        shapely.distance(rows[0]["_geom"], spine_geoms).min(), rel=0, abs=1e-9
    )
    assert rows[0]["spine_distance_m"] < 1e-6 and rows[0]["notspot_places"] >= 1
    with sqlite3.connect(out) as db:
        assert db.execute("SELECT count(*) FROM layer_styles").fetchone()[0] == 1


@pytest.mark.parametrize("file_format", ["GPKG", "GeoJSON"])
def test_find_spine_opportunities_on_generated_works_match_a_brute_force_count(
    plugin_provider, generated, generated_store, tmp_path, file_format
):
    """A utility's own works file (points and lines, dates in 'start'/'finish'): the opportunities
    are exactly the works within reach of the spine and of a not-spot that had not ended."""
    from osgeo import gdal

    store = generated_store["store"]
    works_file = str(generated["works"])
    if file_format != "GeoJSON":
        works_file = str(tmp_path / "works.gpkg")
        gdal.VectorTranslate(works_file, str(generated["works"]), format=file_format)
    spine = np.array([r["_geom"] for r in layer_rows(f"{store}|layername=fibre_spine")], dtype=object)
    notspots = np.array(
        [
            r["_geom"]
            for r in layer_rows(f"{store}|layername=notspots_postcodes")
            if r["is_notspot"] and r["_geom"]
        ],
        dtype=object,
    )
    works = layer_rows(works_file)
    assert len(works) == generated["works_faults"]["features"]
    max_d, reach, ref = 600.0, 600.0, "2026-05-01"
    out = str(tmp_path / "opps.gpkg")
    res = run(
        "digonce:findspineopportunities",
        {
            "INPUT": works_file,
            **store_coverage(store),
            "MAX_SPINE_DISTANCE": max_d,
            "NOTSPOT_DISTANCE": reach,
            "START_FIELD": "start",
            "END_FIELD": "finish",
            "REFERENCE_DATE": ref,
            "OUTPUT": out,
        },
    )
    geoms = np.array([w["_geom"] for w in works], dtype=object)
    to_spine = shapely.distance(geoms[:, None], spine[None, :]).min(axis=1)
    places = (shapely.distance(geoms[:, None], notspots[None, :]) <= reach).sum(axis=1)
    day = {w["job_no"]: (w["start"].replace("/", "-"), w["finish"].replace("/", "-")) for w in works}
    ended = np.array([day[w["job_no"]][1] < ref for w in works])
    wanted = {w["job_no"] for k, w in enumerate(works) if to_spine[k] <= max_d and places[k] and not ended[k]}
    rows = sorted(layer_rows(out), key=lambda r: r["rank"])
    assert wanted, "the generated works should reach the spine and a not-spot"
    assert {r["job_no"] for r in rows} == wanted and res["OPPORTUNITIES"] == len(wanted)
    assert res["EXCLUDED_ENDED"] == int(np.sum(ended & (to_spine <= max_d))) > 0
    index = {w["job_no"]: k for k, w in enumerate(works)}
    assert [r["notspot_places"] for r in rows] == [int(places[index[r["job_no"]]]) for r in rows]
    assert [r["rank"] for r in rows] == list(range(1, len(rows) + 1))
    assert [r["score"] for r in rows] == sorted((r["score"] for r in rows), reverse=True)
    assert [r["length_m"] for r in rows] == [round(shapely.length(r["_geom"]), 2) for r in rows]
    assert [r["days_to_start"] for r in rows] == [
        int((np.datetime64(day[r["job_no"]][0]) - np.datetime64(ref)).astype(int)) for r in rows
    ]


def test_find_spine_opportunities_refuses_a_reference_date_that_is_not_a_date(
    plugin_provider, generated, generated_store, tmp_path
):
    from qgis.core import QgsProcessingException

    store = generated_store["store"]
    with pytest.raises(QgsProcessingException, match="REFERENCE_DATE"):
        run(
            "digonce:findspineopportunities",
            {
                "INPUT": str(generated["works"]),
                **store_coverage(store),
                "REFERENCE_DATE": "next Tuesday",
                "OUTPUT": str(tmp_path / "opps.gpkg"),
            },
        )
    assert not (tmp_path / "opps.gpkg").exists()


def test_find_spine_opportunities_warns_of_unreadable_dates_and_scores_them_as_unknown(
    plugin_provider, generated_store, tmp_path
):
    store = generated_store["store"]
    spine = layer_rows(f"{store}|layername=fibre_spine")[0]["_geom"]
    a = shapely.Point(spine.coords[0])
    places = write_gpkg(
        tmp_path / "places.gpkg", "places", ogr.wkbPoint, {"is_notspot": ogr.OFTInteger},
        [({"is_notspot": 1}, a)],
    )  # fmt: skip
    line = shapely.LineString([a.coords[0], (a.x + 100, a.y)])
    works = write_gpkg(
        tmp_path / "works.gpkg", "works", ogr.wkbLineString,
        {"ref": ogr.OFTString, "start_date": ogr.OFTString, "end_date": ogr.OFTString},
        [({"ref": "GOOD", "start_date": "2026-04-11", "end_date": "2026-04-20"}, line),
         ({"ref": "BAD", "start_date": "soon", "end_date": "later"}, line)],
    )  # fmt: skip
    from helpers.feedback import Said  # QGIS must be up

    feedback = Said()
    out = str(tmp_path / "opps.gpkg")
    res = run(
        "digonce:findspineopportunities",
        {
            "INPUT": works, "SPINE": f"{store}|layername=fibre_spine", "NOTSPOTS": places,
            "MAX_SPINE_DISTANCE": 10, "NOTSPOT_DISTANCE": 10, "REFERENCE_DATE": "2026-04-01", "OUTPUT": out,
        },
        feedback,
    )  # fmt: skip
    rows = {r["ref"]: r for r in layer_rows(out)}
    assert res["OPPORTUNITIES"] == 2 and res["EXCLUDED_ENDED"] == 0
    assert rows["GOOD"]["days_to_start"] == 10 and rows["BAD"]["days_to_start"] is None
    # no date factor for the unknown dates: a work starting in 10 days scores 90/100 of it
    assert rows["GOOD"]["score"] == pytest.approx(rows["BAD"]["score"] * 90 / 100, abs=1e-3)
    assert any("1 works have an unreadable start date" in w for w in feedback.warnings)
    assert any("1 works have an unreadable end date" in w for w in feedback.warnings)


# --- qgis_process --------------------------------------------------------------------------------


def test_qgis_process_json_counts_every_venue_in_one_gap_class(qgis_process_env, connectivity, tmp_path):
    import subprocess

    store = connectivity["store"]
    out = str(tmp_path / "venue_gaps.gpkg")
    done = subprocess.run(
        [
            "qgis_process", "--json", "run", "digonce:findcoveragegaps", "--",
            f"INPUT={store}|layername=cultural_venues",
            f"NOTSPOTS={store}|layername=notspots_postcodes",
            f"SPINE={store}|layername=fibre_spine",
            "MAX_SPINE_DISTANCE=500",
            "SEARCH_RADIUS=1500",
            f"OUTPUT={out}",
        ],
        env=qgis_process_env, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    results = json.loads(done.stdout[done.stdout.index("{") :])["results"]
    venues = connectivity["expected"]["venues"]
    assert sum(results[c] for c in GAP_CLASSES) == venues
    assert len(layer_rows(out)) == venues

"""Connectivity algorithms in a real headless QGIS: imports into the store, coverage gaps and
spine opportunities, on generated Ofcom files and the real CIM / PLD / TfL / LSOA files.

Uses ``plugin_provider`` and ``run_qgis_process`` from tests/qgis/conftest.py.
"""

from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path

import numpy as np
import pytest
import shapely
from osgeo import ogr

from dig_once.plugin.core.geo import read_vector

OFCOM_HEADERS = [
    "postcode", "postcode_space", "postcode area", "SFBB availability (% premises)",
    "UFBB (100Mbit/s) availability (% premises)", "UFBB availability (% premises)",
    "Gigabit availability (% premises)", "% of premises unable to receive 2Mbit/s",
    "% of premises unable to receive 5Mbit/s", "% of premises unable to receive 10Mbit/s",
    "% of premises unable to receive 30Mbit/s",
    "% of premises unable to receive decent broadband from fixed or FWA", "% of premises below the USO",
    "% of premises with 0<2Mbit/s download speed", "% of premises with 2<5Mbit/s download speed",
    "% of premises with 5<10Mbit/s download speed", "% of premises with 10<30Mbit/s download speed",
    "% of premises with 30<300Mbit/s download speed", "% of premises with >=300Mbit/s download speed",
]  # fmt: skip


@pytest.fixture(scope="module")
def scenario(tmp_path_factory, shared_data):
    """Ofcom postcode file + ONSPD centroids at the real ward centroids (one postcode each)."""
    folder = tmp_path_factory.mktemp("coverage")
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
    return {"folder": folder, "store": str(folder / "store.gpkg"), "wards": wards}


def run(alg, params):
    from qgis import processing

    return processing.run(alg, params)


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


def test_imports(plugin_provider, scenario, shared_data):
    store = scenario["store"]
    spine = run(
        "digonce:importfibrespine",
        {"INPUT": str(shared_data / "tfl_tube" / "tfl_lines.json"), "STORE": store},
    )
    assert spine["IMPORTED"] == 701 and spine["REJECTED"] == 0 and spine["PARTS"] == 701
    venues = run(
        "digonce:importculturalvenues",
        {"INPUT": str(shared_data / "cultural_infrastructure" / "Theatres.csv"), "STORE": store},
    )
    assert venues["IMPORTED"] + venues["REJECTED"] == 264 and venues["MOJIBAKE_REPAIRED"] > 0
    sites = run(
        "digonce:importplanningsites",
        {
            "INPUT": str(
                shared_data / "planning" / "pld_colouring_cities" / "all_in_specific_time_recent.json"
            ),
            "STORE": store,
        },
    )
    assert sites["SITES"] == 500 and sites["CENTROID_SUSPECT"] == 80
    ofcom = run(
        "digonce:importofcomcoverage",
        {
            "INPUT": str(scenario["folder"] / "ofcom_postcode_E.csv"),
            "CENTROIDS": str(scenario["folder"] / "onspd.csv"),
            "LEVEL": 2,  # gigabit
            "MIN_SHARE": 25.0,
            "STORE": store,
        },
    )
    n = len(scenario["wards"])
    assert ofcom["IMPORTED"] == n + 1 and ofcom["REJECTED"] == 1
    assert ofcom["LOCATED"] == n and ofcom["UNLOCATED"] == 1
    rows = layer_rows(ofcom["OUTPUT"])
    assert ofcom["NOTSPOTS"] == sum(1 for r in rows if r["is_notspot"])
    assert all(
        bool(r["is_notspot"]) == (r["gigabit_pct"] is not None and r["gigabit_pct"] <= 75) for r in rows
    )
    with sqlite3.connect(store) as db:
        (rejects,) = db.execute("SELECT count(*) FROM rejects WHERE reason LIKE '%lots%'").fetchone()
        stamped = db.execute(
            "SELECT parameters FROM digonce_runs WHERE layer = 'notspots_postcodes'"
        ).fetchone()
        kinds = {k for (k,) in db.execute("SELECT kind FROM digonce_catalogue")}
    assert rejects == 1
    assert json.loads(stamped[0])["MIN_SHARE"] == 25.0 and json.loads(stamped[0])["LEVEL"] == 2
    assert {"fibre_spine", "cultural_venues", "planning_sites", "ofcom_coverage"} <= kinds


def test_areas_from_lsoas(plugin_provider, scenario, shared_data):
    res = run(
        "digonce:importofcomcoverage",
        {
            "INPUT": str(scenario["folder"] / "ofcom_postcode_E.csv"),
            "CENTROIDS": str(scenario["folder"] / "onspd.csv"),
            "AREAS": str(shared_data / "statistical-gis-boundaries-london" / "LSOA_2011_London_gen_MHW.shp"),
            "AREA_CODE_FIELD": "LSOA11CD",
            "LEVEL": 2,
            "STORE": scenario["store"],
        },
    )
    rows = layer_rows(res["OUTPUT"])
    assert res["AREAS"] == len(rows) > 500
    assert sum(r["postcodes"] for r in rows) <= len(scenario["wards"])
    assert all(r["_geom"].geom_type == "MultiPolygon" for r in rows)


def test_find_coverage_gaps(plugin_provider, scenario, tmp_path):
    store = scenario["store"]
    out = str(tmp_path / "gaps.gpkg")
    res = run(
        "digonce:findcoveragegaps",
        {
            "INPUT": f"{store}|layername=planning_sites",
            "NOTSPOTS": f"{store}|layername=notspots_postcodes",
            "SPINE": f"{store}|layername=fibre_spine",
            "MAX_SPINE_DISTANCE": 500,
            "SEARCH_RADIUS": 1500,
            "OUTPUT": out,
        },
    )
    rows = layer_rows(out)
    assert len(rows) == 500
    assert res["UNLOCATED"] == 80
    classes = ("CONNECTED", "NEAR_SPINE_NOTSPOT", "FAR_FROM_SPINE_NOTSPOT", "NO_COVERAGE_DATA", "UNLOCATED")
    assert sum(res[c] for c in classes) == 500
    for c in classes:
        assert res[c] == sum(1 for r in rows if r["gap_class"] == c.lower())
    spine = np.array([r["_geom"] for r in layer_rows(f"{store}|layername=fibre_spine")], dtype=object)
    located = [r for r in rows if r["_geom"] is not None]
    brute = shapely.distance(np.array([r["_geom"] for r in located])[:, None], spine[None, :]).min(axis=1)
    np.testing.assert_allclose([r["spine_distance_m"] for r in located], brute, rtol=0, atol=1e-9)
    matched = [r for r in located if r["notspot_share_pct"] is not None]
    assert matched and all(bool(r["in_notspot"]) == (r["notspot_share_pct"] >= 25) for r in matched)
    for r in located:
        if r["in_notspot"]:
            assert r["notspot_share_pct"] >= 25
            expected = "near_spine_notspot" if r["spine_distance_m"] <= 500 else "far_from_spine_notspot"
            assert r["gap_class"] == expected
    assert res["UNITS_IN_NOTSPOTS"] == sum(r["units"] or 0 for r in rows if r["in_notspot"])
    with sqlite3.connect(out) as db:
        assert db.execute("SELECT count(*) FROM layer_styles").fetchone()[0] == 1
        assert (
            json.loads(db.execute("SELECT parameters FROM digonce_runs").fetchone()[0])["MAX_SPINE_DISTANCE"]
            == 500
        )


def test_coverage_gaps_in_memory_equal_the_geopackage_output(plugin_provider, scenario, tmp_path):
    """The GeoPackage output is written in bulk, a temporary output through QGIS's sink: same rows."""
    from qgis import processing
    from qgis.core import QgsVectorLayer

    store = scenario["store"]
    params = {
        "INPUT": f"{store}|layername=planning_sites",
        "NOTSPOTS": f"{store}|layername=notspots_postcodes",
        "SPINE": f"{store}|layername=fibre_spine",
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
    assert on_disk.featureCount() == 500


def _works_layer(path: Path, spine_line, notspot_pt) -> None:
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    from osgeo import osr

    srs = osr.SpatialReference()
    srs.ImportFromEPSG(27700)
    lyr = ds.CreateLayer("works", srs, ogr.wkbLineString)
    for name in ("permit_ref", "start_date", "end_date"):
        lyr.CreateField(ogr.FieldDefn(name, ogr.OFTString))
    near = shapely.LineString([spine_line.interpolate(0.3, normalized=True).coords[0], notspot_pt.coords[0]])
    far = shapely.affinity.translate(near, 30_000, 30_000)
    rows = [
        ("NEAR-SOON", near, "2026-05-01", "2026-05-10"),
        ("NEAR-LATER", near, "2026-12-01", "2026-12-10"),
        ("NEAR-ENDED", near, "2026-01-01", "2026-01-10"),
        ("FAR", far, "2026-05-01", "2026-05-10"),
    ]
    for ref, geom, start, end in rows:
        f = ogr.Feature(lyr.GetLayerDefn())
        f.SetField("permit_ref", ref)
        f.SetField("start_date", start)
        f.SetField("end_date", end)
        f.SetGeometry(ogr.CreateGeometryFromWkb(shapely.to_wkb(geom)))
        lyr.CreateFeature(f)
    ds = None


def test_find_spine_opportunities(plugin_provider, scenario, tmp_path):
    store = scenario["store"]
    notspots = [
        r for r in layer_rows(f"{store}|layername=notspots_postcodes") if r["is_notspot"] and r["_geom"]
    ]
    spine = layer_rows(f"{store}|layername=fibre_spine")
    spine_geoms = np.array([r["_geom"] for r in spine], dtype=object)
    # a not-spot postcode within 150 m of the spine, and the spine line nearest to it
    d = shapely.distance(np.array([r["_geom"] for r in notspots])[:, None], spine_geoms[None, :])
    i, j = np.unravel_index(np.argmin(d), d.shape)
    assert d[i, j] < 150
    works = tmp_path / "works.gpkg"
    _works_layer(works, spine_geoms[j], notspots[i]["_geom"])
    out = str(tmp_path / "opps.gpkg")
    res = run(
        "digonce:findspineopportunities",
        {
            "INPUT": str(works),
            "SPINE": f"{store}|layername=fibre_spine",
            "NOTSPOTS": f"{store}|layername=notspots_postcodes",
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


@pytest.fixture(scope="module")
def qgis_process_env(tmp_path_factory):
    """Like conftest's ``run_qgis_process`` environment, plus the venv's site-packages on
    PYTHONPATH: here shapely/pyproj are installed in the venv only, and qgis_process runs the
    system Python (conftest's fixture drops PYTHONPATH, so the plugin cannot import shapely)."""
    import os
    import shutil
    import subprocess
    import sys
    import sysconfig

    if shutil.which("qgis_process") is None:
        pytest.skip("qgis_process is not installed")
    env = dict(os.environ)
    env["QGIS_PLUGINPATH"] = str(Path(__file__).resolve().parents[2] / ".pkgroot")
    env["QGIS_CUSTOM_CONFIG_PATH"] = str(tmp_path_factory.mktemp("qgis-process-profile"))
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["PYTHONPATH"] = sysconfig.get_paths()["purelib"] if sys.prefix != sys.base_prefix else ""
    done = subprocess.run(
        ["qgis_process", "plugins", "enable", "dig_once"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return env


def test_qgis_process_json(qgis_process_env, scenario, tmp_path):
    import subprocess

    store = scenario["store"]
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
    assert (
        sum(
            results[c]
            for c in (
                "CONNECTED",
                "NEAR_SPINE_NOTSPOT",
                "FAR_FROM_SPINE_NOTSPOT",
                "NO_COVERAGE_DATA",
                "UNLOCATED",
            )
        )
        == 264
    )
    assert len(layer_rows(out)) == 264

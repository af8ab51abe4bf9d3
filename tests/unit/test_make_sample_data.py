"""Tests of scripts/make_sample_data.py: determinism, formats, and the deliberate faults it reports."""

from __future__ import annotations

import csv
import hashlib
import importlib.util
import json
import math
import sqlite3
import sys
import zipfile
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from ofcom_fixtures import POSTCODE_HEADERS  # the publisher's layout, written down apart from the generator

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "make_sample_data.py"
N_WORKS = 400
MONTHS = ("2026-03", "2026-04")
ENVELOPE = [
    "event_reference",
    "event_type",
    "object_data",
    "event_time",
    "object_type",
    "object_reference",
    "version",
]
LONDON_AUTHORITIES = {
    "LONDON BOROUGH OF CAMDEN",
    "CITY OF WESTMINSTER",
    "LONDON BOROUGH OF ISLINGTON",
    "CITY OF LONDON CORPORATION",
    "LONDON BOROUGH OF HACKNEY",
    "LONDON BOROUGH OF TOWER HAMLETS",
    "LONDON BOROUGH OF SOUTHWARK",
    "LONDON BOROUGH OF LAMBETH",
    "ROYAL BOROUGH OF KENSINGTON AND CHELSEA",
    "TRANSPORT FOR LONDON (TFL)",
}
WORK_CATEGORY_REFS = {
    "minor",
    "standard",
    "major",
    "immediate_urgent",
    "immediate_emergency",
    "paa",
    "hs2_highway",
}


@pytest.fixture(scope="module")
def msd():
    spec = importlib.util.spec_from_file_location("make_sample_data", SCRIPT)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)  # deliberately not registered in sys.modules, as other callers do
    return mod


@pytest.fixture(scope="module")
def scenario(msd, tmp_path_factory):
    out = tmp_path_factory.mktemp("scenario")
    res = msd.generate(out, seed=7, n_works=N_WORKS, months=MONTHS)
    return out, res


def _digest(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def _events(path: Path) -> list[dict]:
    with zipfile.ZipFile(path) as zf:
        return [json.loads(zf.read(info)) for info in zf.infolist()]


def _latest(events: list[dict]) -> dict[str, dict]:
    """Reduce events to objects: the latest event per object_reference by (event_time, event_reference)."""
    best: dict[str, dict] = {}
    for ev in events:
        key = ev["object_reference"]
        if key not in best or (ev["event_time"], ev["event_reference"]) > (
            best[key]["event_time"],
            best[key]["event_reference"],
        ):
            best[key] = ev
    return best


def _read_csv(path: Path) -> tuple[list[str], list[list[str]]]:
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]


# ----------------------------------------------------------------------------------------------


def test_determinism_same_seed_identical_bytes(msd, scenario, tmp_path):
    out, _ = scenario
    again = tmp_path / "again"
    msd.generate(again, seed=7, n_works=N_WORKS, months=MONTHS)
    assert _digest(out) == _digest(again)


def test_different_seed_differs(msd, tmp_path):
    a = msd.write_streetmanager_archive(tmp_path / "a.zip", n_works=60, seed=1, month="2026-03")
    b = msd.write_streetmanager_archive(tmp_path / "b.zip", n_works=60, seed=2, month="2026-03")
    assert a["events"] > 0 and b["events"] > 0
    assert (tmp_path / "a.zip").read_bytes() != (tmp_path / "b.zip").read_bytes()


def test_all_expected_files_written(scenario):
    out, res = scenario
    rel = {p.relative_to(out).as_posix() for p in res["paths"].values()}
    for expected in (
        "streetmanager/permit/2026/03.zip",
        "streetmanager/permit/2026/04.zip",
        "works/my_works.geojson",
        "plans/forward_plan.gpkg",
        "plans/forward_plan.csv",
        "ofcom/202601_fixed_postcode_coverage_r01_WC.csv",
        "ofcom/202601_fixed_postcode_coverage_r01_EC.csv",
        "ofcom/202601_fixed_postcode_coverage_r01_N.csv",
        "ofcom/202601_fixed_laua_coverage_r01.csv",
        "ofcom/postcode_centroids.csv",
        "cultural/Pubs.csv",
        "cultural/Music_venues_grassroots.csv",
        "cultural/Theatres.csv",
        "cultural/Libraries.csv",
        "planning/pld_hits.json",
        "planning/conservation-area.geojson",
        "spine/fibre_spine.geojson",
        "README.md",
    ):
        assert expected in rel
        assert (out / expected).stat().st_size > 0


# ---------------------------------------------------------------------------------- Street Manager


def test_archive_members_are_event_json_with_envelope(scenario):
    out, res = scenario
    seen_refs = set()
    for m in MONTHS:
        path = res["paths"][f"streetmanager_{m}"]
        with zipfile.ZipFile(path) as zf:
            assert zf.testzip() is None
            infos = zf.infolist()
            assert len(infos) == res["streetmanager"][m]["events"]
            assert {i.date_time for i in infos} == {infos[0].date_time}  # fixed timestamp
            for info in infos:
                assert info.filename.endswith(".json")
                ev = json.loads(zf.read(info))
                assert list(ev) == ENVELOPE
                assert info.filename.rsplit("/", 1)[-1] == f"{ev['event_reference']}.json"
                assert ev["object_type"] in ("PERMIT", "SECTION_58")
                assert ev["event_time"].startswith(m) and ev["event_time"].endswith(".000Z")
                assert ev["event_reference"] not in seen_refs
                seen_refs.add(ev["event_reference"])
                od = ev["object_data"]
                if ev["object_type"] == "PERMIT":
                    assert ev["object_reference"] == od["permit_reference_number"]
                    assert od["permit_reference_number"].startswith(od["work_reference_number"] + "-0")
                    assert isinstance(od["usrn"], str)
                    assert od["is_traffic_sensitive"] in ("Yes", "No")
                else:
                    assert ev["object_reference"] == od["section_58_reference_number"]
                    assert od["section_58_status"] in ("proposed", "in_force", "cancelled", "closed")
                    assert od["section_58_extent"] in ("whole_road", "part_of_the_road")


def test_streetmanager_faults_match_reported_counts(scenario):
    from shapely import from_wkt
    from shapely.errors import GEOSException

    out, res = scenario
    all_events = []
    for m in [*MONTHS, "all_months"]:
        if m == "all_months":
            events = all_events
        else:
            events = _events(res["paths"][f"streetmanager_{m}"])
            all_events += events
        latest = _latest(events)
        permits = {k: ev for k, ev in latest.items() if ev["object_type"] == "PERMIT"}
        s58: dict[str, int] = {}
        for ev in latest.values():
            if ev["object_type"] == "SECTION_58":
                st = ev["object_data"]["section_58_status"]
                s58[st] = s58.get(st, 0) + 1
        counts = dict.fromkeys(("bad_geometry", "missing_end_date", "end_before_start", "unknown_code"), 0)
        non_london = 0
        statuses: dict[str, int] = {}
        for ev in permits.values():
            od = ev["object_data"]
            statuses[od["permit_status"]] = statuses.get(od["permit_status"], 0) + 1
            if od["highway_authority"] not in LONDON_AUTHORITIES:
                non_london += 1
            try:
                g = from_wkt(od["works_location_coordinates"])
            except (GEOSException, ValueError):
                counts["bad_geometry"] += 1
                continue
            assert g.is_valid and not g.is_empty
            if od["highway_authority"] in LONDON_AUTHORITIES:
                x, y = g.centroid.x, g.centroid.y
                assert 524900 < x < 535100 and 175900 < y < 184100
            if od["proposed_end_date"] is None:
                counts["missing_end_date"] += 1
            elif od["proposed_end_date"] < od["proposed_start_date"]:
                counts["end_before_start"] += 1
            if od["work_category_ref"] not in WORK_CATEGORY_REFS:
                counts["unknown_code"] += 1
        expected = res["faults"]["streetmanager"][m]
        assert counts == {k: expected[k] for k in counts}, m
        assert non_london == expected["non_london_permits"] > 0
        assert statuses == expected["latest_permit_status"]
        assert s58 == expected["latest_section_58_status"] and sum(s58.values()) == expected["section_58"]
        assert len(permits) == expected["permits"]
        assert sum(1 for k in permits if k.endswith("-02")) == expected["resubmitted_permits"]
    total = res["faults"]["streetmanager"]["all_months"]
    assert (
        sum(total[k] for k in ("bad_geometry", "missing_end_date", "end_before_start", "unknown_code")) >= 4
    )
    assert total["latest_permit_status"].get("cancelled", 0) > 0
    assert total["latest_permit_status"].get("refused", 0) > 0


def test_bst_dates_and_encoding_quirks(scenario):
    out, res = scenario
    events = _events(res["paths"]["streetmanager_2026-03"]) + _events(res["paths"]["streetmanager_2026-04"])
    permits = [e for e in events if e["object_type"] == "PERMIT"]
    bst_start = datetime(2026, 3, 29, 1, 0)
    midnights = {"T00": 0, "T23": 0}
    for ev in permits:
        for key in ("proposed_start_date", "proposed_end_date"):
            v = ev["object_data"][key]
            if v is None:
                continue
            t = datetime.strptime(v, "%Y-%m-%dT%H:%M:%S.000Z")
            # London midnight: 00:00Z in winter, 23:00Z the day before in summer time
            if t.hour == 23:
                assert t >= bst_start - timedelta(hours=2)
                midnights["T23"] += 1
            else:
                assert t.hour == 0 and t < bst_start
                midnights["T00"] += 1
    assert midnights["T23"] > 0 and midnights["T00"] > 0
    assert any(e["object_data"]["proposed_start_date"].startswith("2026-03-2") for e in permits)
    types = {e["event_type"] for e in events}
    assert "WORK_START" in types and "work-start" in types
    times = [e["object_data"]["proposed_start_time"] for e in permits]
    assert any(t and len(t) == 5 and t[2] == ":" for t in times)
    assert any(t and "T" in t for t in times)
    assert any(e["object_data"]["works_location_type"].count(",") >= 1 for e in permits)
    assert any(e["object_reference"].endswith("-02") for e in permits)
    assert any(e["object_type"] == "SECTION_58" for e in events)


def test_april_continues_march(scenario):
    out, res = scenario
    march = _latest(_events(res["paths"]["streetmanager_2026-03"]))
    april = _latest(_events(res["paths"]["streetmanager_2026-04"]))
    both = set(march) & set(april)
    assert len(both) > 20
    changed = [
        k
        for k in both
        if march[k]["object_data"].get("permit_status") != april[k]["object_data"].get("permit_status")
    ]
    assert changed
    assert set(april) - set(march)  # new permits in April


def test_planted_clusters_have_clashes_from_different_promoters(scenario):
    out, res = scenario
    permits = [
        ev
        for ev in _latest(_events(res["paths"]["streetmanager_2026-03"])).values()
        if ev["object_type"] == "PERMIT"
    ]
    by_usrn: dict[str, list[dict]] = {}
    for ev in permits:
        od = ev["object_data"]
        if od["permit_status"] not in ("cancelled", "refused") and od["proposed_end_date"]:
            by_usrn.setdefault(od["usrn"], []).append(od)
    clashes = 0
    for items in by_usrn.values():
        for a in items:
            for b in items:
                if a["promoter_swa_code"] < b["promoter_swa_code"] and (
                    a["proposed_start_date"] <= b["proposed_end_date"]
                    and b["proposed_start_date"] <= a["proposed_end_date"]
                ):
                    clashes += 1
    assert clashes > 0
    assert res["streetmanager"]["2026-03"]["planted_cluster_permits"] > 0


def test_small_archive_generates_only_the_works_asked_for_and_target_events_exact(msd, tmp_path, monkeypatch):
    # a small archive costs what its works cost: the generator makes works 0..49 once each,
    # nothing of the rest of the scenario, and every event written belongs to one of them
    asked: list[int] = []
    references: set[str] = set()
    work_objects = msd._work_objects

    def counting(world, seed, i, window=None):
        asked.append(i)
        objects = work_objects(world, seed, i, window)
        references.update(obj.reference for obj in objects)
        return objects

    monkeypatch.setattr(msd, "_work_objects", counting)
    st = msd.write_streetmanager_archive(tmp_path / "s.zip", n_works=50, seed=42, month="2026-04")
    monkeypatch.undo()
    assert asked == list(range(50))
    with zipfile.ZipFile(tmp_path / "s.zip") as zf:
        names = zf.namelist()
        written = {json.loads(zf.read(name))["object_reference"] for name in names}
    assert st["events"] == len(names) > 0
    assert written <= references
    st = msd.write_streetmanager_archive(
        tmp_path / "t.zip", n_works=None, seed=42, month="2026-03", target_events=777
    )
    assert st["events"] == 777
    assert len(zipfile.ZipFile(tmp_path / "t.zip").namelist()) == 777


def test_streaming_zip_writes_zip64_when_over_65535_members(msd, tmp_path):
    path = tmp_path / "many.zip"
    with msd.StreamingZip(path, datetime(2026, 4, 1, 2, 0), level=1) as zf:
        for k in range(66_000):
            zf.write(f"{k % 31:02d}/{k}.json", b'{"k":%d}' % k)
    with zipfile.ZipFile(path) as zf:
        names = zf.namelist()
        assert len(names) == 66_000
        assert zf.read("00/0.json") == b'{"k":0}'
        assert zf.read(names[-1]) == b'{"k":65999}'


# ---------------------------------------------------------------------------------- other files


def test_ofcom_files_layout_and_faults(scenario):
    out, res = scenario
    f = res["faults"]["ofcom"]
    na_rows = blank = lt4 = 0
    ofcom_pcs = set()
    for area in f["areas"]:
        header, rows = _read_csv(out / "ofcom" / f"202601_fixed_postcode_coverage_r01_{area}.csv")
        assert header == POSTCODE_HEADERS
        for r in rows:
            assert len(r) == len(header)
            assert r[0] == r[1].replace(" ", "") and r[2] == area and r[1].split()[0].startswith(area)
            ofcom_pcs.add(r[1])
            na_rows += r[3:] == ["N/A"] * (len(header) - 3)
            blank += sum(1 for c in r[3:] if c == "")
            lt4 += sum(1 for c in r[3:] if c == "<4")
    assert {"WC", "EC", "N"} <= set(f["areas"])
    assert (na_rows, blank, lt4) == (f["na_rows"], f["blank_cells"], f["lt4_cells"])
    assert f["notspot_postcodes"] > 0
    header, rows = _read_csv(out / "ofcom" / "postcode_centroids.csv")
    for col in ("pcd", "pcds", "doterm", "oslaua", "oseast1m", "osnrth1m", "lat", "long"):
        assert col in header
    centroid_pcs = {r[header.index("pcds")] for r in rows}
    assert sorted(ofcom_pcs - centroid_pcs) == f["missing_centroid_postcodes"]
    assert len(f["missing_centroid_postcodes"]) == f["postcodes_missing_centroid"] > 0
    assert sum(1 for r in rows if r[header.index("doterm")]) == f["terminated_postcodes"]
    assert all(len(r[header.index("pcd")]) == 7 for r in rows)
    header, rows = _read_csv(out / "ofcom" / "202601_fixed_laua_coverage_r01.csv")
    assert header[:3] == ["laua", "laua_name", "All Premises"]
    assert "Full Fibre availability (% premises)" in header
    assert {r[0] for r in rows} >= {"E09000001", "E09000007", "E09000019"}


def test_cultural_layouts_and_faults(scenario, msd):
    from pyproj import Transformer

    out, res = scenario
    to_bng = Transformer.from_crs("EPSG:4326", "EPSG:27700", always_xy=True)
    for fname, f in res["faults"]["cultural"].items():
        header, rows = _read_csv(out / "cultural" / fname)
        assert header == msd.CULTURAL_LAYOUTS[fname].split(",")
        col = {c: i for i, c in enumerate(header)}
        got = dict.fromkeys(f, 0)
        got["rows"] = len(rows)
        for r in rows:
            uprn = r[col["os_addressbase_uprn"]]
            got["rounded_uprn"] += len(uprn) == 12 and uprn.endswith("000000")
            got["na_rows"] += "NA" in r
            got["no_borough"] += r[col["borough_name"]] == ""
            got["mojibake"] += "â€™" in r[col["name"]]
            b = r[col["borough_name"]]
            got["uppercase_borough"] += b != "" and b == b.upper()
            e, n = to_bng.transform(float(r[col["longitude"]]), float(r[col["latitude"]]))
            got["en_latlon_mismatch"] += (
                math.hypot(e - float(r[col["easting"]]), n - float(r[col["northing"]])) > 100
            )
        assert got == f, fname
    assert res["faults"]["cultural"]["Pubs.csv"]["en_latlon_mismatch"] >= 1


def test_cultural_layouts_are_the_real_files_headers(msd, shared_data):
    real = shared_data / "cultural_infrastructure"
    compared = 0
    for fname, layout in msd.CULTURAL_LAYOUTS.items():
        if (real / fname).exists():
            with open(real / fname, encoding="utf-8", newline="") as fh:
                assert layout.split(",") == next(csv.reader(fh)), fname
            compared += 1
    if not compared:
        pytest.skip("no cultural infrastructure file in ../shared/data")


def test_planning_response_and_grid_origin(scenario):
    out, res = scenario
    doc = json.loads((out / "planning" / "pld_hits.json").read_text(encoding="utf-8"))
    hits = doc["rawResponse"]["hits"]["hits"]
    f = res["faults"]["planning"]
    assert len(hits) == f["hits"] and doc["rawResponse"]["hits"]["total"] == f["hits_total"] >= len(hits)
    origin = 0
    for h in hits:
        s = h["_source"]
        for key in ("lpa_app_no", "lpa_name", "borough", "ward", "description", "application_type", "status",
                    "decision", "decision_date", "valid_date", "site_name", "street_name", "postcode", "uprn",
                    "centroid", "centroid_easting", "centroid_northing", "development_type"):  # fmt: skip
            assert key in s
        if (s["centroid"]["lat"], s["centroid"]["lon"]) == (49.766807, -7.55716):
            origin += 1
            assert s["centroid_easting"] in (None, 0)
        else:
            assert 51.4 < s["centroid"]["lat"] < 51.6 and -0.25 < s["centroid"]["lon"] < 0.0
            assert 525000 <= int(s["centroid_easting"]) <= 535100
    assert origin == f["grid_origin_centroids"] > 0
    assert sum(1 for h in hits if h["_source"].get("wgs84_polygon")) == f["with_wgs84_polygon"]
    units = [
        h["_source"]["application_details"]["residential_details"]["total_no_proposed_residential_units"]
        for h in hits
        if "residential_details" in h["_source"]["application_details"]
    ]
    assert len(units) == f["with_residential_units"]


def test_geojson_files(scenario):
    from shapely.geometry import shape

    out, res = scenario
    works = json.loads((out / "works" / "my_works.geojson").read_text(encoding="utf-8"))
    assert works["crs"]["properties"]["name"] == "urn:ogc:def:crs:EPSG::27700"
    for ft in works["features"]:
        assert set(ft["properties"]) >= {"job_no", "owner", "start", "finish", "street", "usrn"}
        g = shape(ft["geometry"])
        assert g.is_valid and 525000 < g.centroid.x < 535000
    ca = json.loads((out / "planning" / "conservation-area.geojson").read_text(encoding="utf-8"))
    for ft in ca["features"]:
        p = ft["properties"]
        assert p["dataset"] == "conservation-area"
        assert {"reference", "name", "organisation-entity", "start-date", "end-date", "entity"} <= set(p)
        g = shape(ft["geometry"])
        assert g.geom_type == "MultiPolygon" and g.is_valid and -0.3 < g.centroid.x < 0.1
    spine = json.loads((out / "spine" / "fibre_spine.geojson").read_text(encoding="utf-8"))
    assert len(spine["features"]) == res["faults"]["spine"]["routes"] >= 2
    for ft in spine["features"]:
        assert ft["geometry"]["type"] == "LineString" and {"name", "owner"} <= set(ft["properties"])
        lon, lat = ft["geometry"]["coordinates"][0]
        assert -0.3 < lon < 0.1 and 51.4 < lat < 51.6


def test_forward_plan_gpkg_and_csv(scenario, msd):
    out, res = scenario
    con = sqlite3.connect(out / "plans" / "forward_plan.gpkg")
    try:
        assert con.execute("PRAGMA application_id").fetchone()[0] == 0x47504B47
        assert con.execute(
            "SELECT srs_id FROM gpkg_geometry_columns WHERE table_name='networklink'"
        ).fetchone() == (27700,)
        n_links = con.execute("SELECT count(*) FROM networklink").fetchone()[0]
        orphans = con.execute(
            "SELECT count(*) FROM networklink WHERE programmeid NOT IN (SELECT programmeid FROM plannedprogramme)"
        ).fetchone()[0]
        blob = con.execute("SELECT geom FROM networklink LIMIT 1").fetchone()[0]
        cols = [r[1] for r in con.execute("PRAGMA table_info(plannedprogramme)")]
    finally:
        con.close()
    assert n_links == res["faults"]["forward_plan"]["networklinks"] and orphans == 0
    assert blob[:2] == b"GP"
    assert {"programmename", "programmetype", "plannedstartdate", "plannedenddate"} <= set(cols)
    header, rows = _read_csv(out / "plans" / "forward_plan.csv")
    assert header == msd.FORWARD_PLAN_CSV_COLUMNS and len(rows) == n_links
    try:
        from osgeo import ogr
    except ImportError:
        return
    ds = ogr.Open(str(out / "plans" / "forward_plan.gpkg"))
    assert ds is not None
    lyr = ds.GetLayerByName("networklink")
    assert lyr.GetFeatureCount() == n_links
    assert lyr.GetSpatialRef().GetAuthorityCode(None) == "27700"
    assert lyr.GetNextFeature().GetGeometryRef().GetGeometryName() == "LINESTRING"


def test_readme_and_faults_json_state_the_counts(scenario):
    out, res = scenario
    readme = (out / "README.md").read_text(encoding="utf-8")
    for m in [*MONTHS, "all_months"]:
        f = res["faults"]["streetmanager"][m]
        row = (
            f"| {m} | {f['bad_geometry']} | {f['missing_end_date']} | {f['end_before_start']} | "
            f"{f['unknown_code']} | {f['non_london_permits']} |"
        )
        assert row in readme
    assert "Pubs.csv" in readme and "grid-origin" in readme
    assert json.loads((out / "faults.json").read_text(encoding="utf-8"))["faults"] == json.loads(
        json.dumps(res["faults"])
    )


def test_cli(msd, tmp_path):
    assert (
        msd.main(["--seed", "3", "--out", str(tmp_path / "cli"), "--works", "40", "--months", "2026-04"]) == 0
    )
    assert (tmp_path / "cli" / "streetmanager" / "permit" / "2026" / "04.zip").exists()
    assert not (tmp_path / "cli" / "streetmanager" / "permit" / "2026" / "03.zip").exists()


# --- England density ----------------------------------------------------------------------------

ENGLAND_WORKS = 12_000


@pytest.fixture(scope="module")
def england(msd, tmp_path_factory):
    out = tmp_path_factory.mktemp("england")
    stats = msd.write_england_archives(out, ENGLAND_WORKS, seed=5, months=[3, 4, 5], jobs=1)
    return out, stats


def test_england_archives_are_the_same_bytes_whatever_the_number_of_processes(msd, england, tmp_path):
    out, stats = england
    again = msd.write_england_archives(tmp_path, ENGLAND_WORKS, seed=5, months=[3, 4, 5], jobs=2)
    assert [s["events"] for s in again.values()] == [s["events"] for s in stats.values()]
    assert _digest(out) == _digest(tmp_path)


def test_england_events_sit_in_their_month_and_are_read_without_rejects(england):
    from dig_once.plugin.sources.streetmanager import StreetManagerReader

    out, stats = england
    assert list(stats) == ["2026-03", "2026-04", "2026-05"]
    for month, st in stats.items():
        events = _events(Path(st["path"]))
        assert len(events) == st["events"] > 0
        assert {e["event_time"][:7] for e in events} == {month}
        assert all(e["event_time"][8:10] == name.split("/")[0] for e, name in zip(
            events, zipfile.ZipFile(st["path"]).namelist(), strict=True))  # fmt: skip
        reader = StreetManagerReader(st["path"])
        items = list(reader)
        assert reader.stats.rejected == 0 and reader.stats.warnings == 0
        assert (
            reader.stats.works == st["permit_events"] and reader.stats.restrictions == st["section_58_events"]
        )
        assert len(items) == st["events"]
    # a year of ENGLAND_WORKS works: about a twelfth of them start in a month (and events of the
    # works around it), ~3 events a permit
    events = stats["2026-04"]["events"]
    assert ENGLAND_WORKS / 12 * 2 < events < ENGLAND_WORKS / 12 * 5


def test_england_works_are_clustered_in_towns_with_the_real_mix_of_geometries(msd, england):
    import shapely

    out, stats = england
    latest = _latest(_events(Path(stats["2026-04"]["path"])))
    permits = [e["object_data"] for e in latest.values() if e["object_type"] == "PERMIT"]
    kinds = Counter(p["works_location_coordinates"].split("(")[0] for p in permits)
    share = {k: v / len(permits) for k, v in kinds.items()}
    assert (
        0.45 < share["POINT"] < 0.65 and 0.22 < share["LINESTRING"] < 0.40 and 0.08 < share["POLYGON"] < 0.22
    )
    geoms = shapely.from_wkt([p["works_location_coordinates"] for p in permits])
    assert shapely.is_valid(geoms).all()
    lines = geoms[shapely.get_type_id(geoms) == 1]
    assert shapely.length(lines).max() < 200  # short lines
    # clustered: far more works within 5 km of a big city's centre than a uniform spread puts there
    centres = shapely.points([(c[1], c[2]) for c in msd.ENGLAND_CITIES])
    near = shapely.dwithin(geoms[:, None], centres[None, :], 5000).any(axis=1).mean()
    area_share = len(centres) * math.pi * 5000**2 / 130_000e6  # England is ~130,000 km2
    assert near > 0.3 > 10 * area_share
    # along streets: many works share a USRN with another work of the month
    usrns = Counter(p["usrn"] for p in permits)
    assert sum(n for n in usrns.values() if n > 1) / len(permits) > 0.3
    # London by its SWA codes, the rest of England by its own authorities
    london = sum(p["town"] == "LONDON" for p in permits) / len(permits)
    assert 0.15 < london < 0.45
    assert len({p["highway_authority_swa_code"] for p in permits}) > 100


def test_england_london_has_its_real_share_and_more_near_works_a_work_than_the_rest(msd, england):
    """Calibration: London ~470k of England's ~3M works a year on 14,790 km of its ~304,000 km
    of roads, so a London work has more works within 25 m than a work elsewhere; England's
    pairs a work stay below London's (the old generator crowded every town like London)."""
    import numpy as np
    import shapely

    out, stats = england
    latest = _latest(_events(Path(stats["2026-04"]["path"])))
    permits = [e["object_data"] for e in latest.values() if e["object_type"] == "PERMIT"]
    london = np.array([p["town"] == "LONDON" for p in permits])
    assert 0.12 < london.mean() < 0.21
    geoms = shapely.from_wkt([p["works_location_coordinates"] for p in permits])
    a, b = shapely.STRtree(geoms).query(geoms, predicate="dwithin", distance=25.0)
    near = np.bincount(a[a != b], minlength=len(geoms))  # other works of the month within 25 m
    assert near[london].mean() > 2 * near[~london].mean()


def test_england_works_geopackage_holds_the_archives_works_with_their_london_dates(msd, england, tmp_path):
    out, stats = england
    path = tmp_path / "works.gpkg"
    n = msd.write_england_works_gpkg(path, ENGLAND_WORKS, seed=5)
    with sqlite3.connect(path) as db:
        rows = db.execute("SELECT permit_ref, promoter, start_date, end_date, usrn FROM works").fetchall()
    assert len(rows) == n and n > ENGLAND_WORKS * 0.9
    in_april = {r[0]: r[1:] for r in rows if r[2].startswith("2026-04")}
    latest = _latest(_events(Path(stats["2026-04"]["path"])))
    archived = {}
    for e in latest.values():
        p = e["object_data"]
        if e["object_type"] == "PERMIT" and msd._london_day(p["proposed_start_date"]).month == 4:
            end = msd._london_day(p["proposed_end_date"]).isoformat()
            archived[p["permit_reference_number"]] = (p["promoter_organisation"], None, end, p["usrn"])
    # every April work with an event in April is in the GeoPackage, with the same dates
    assert archived and set(archived) <= set(in_april)
    for ref, (promoter, _start, end, usrn) in archived.items():
        assert in_april[ref][0] == promoter and in_april[ref][2:] == (end, usrn)


def test_every_sample_authority_carries_its_own_street_manager_swa_code(msd):
    """The sample's highway authorities have the SWA codes Street Manager gives them (the code
    the reader decides London by and the meeting pack falls back to for a borough)."""
    from dig_once.plugin.core.schema import LONDON_SWA_CODES

    wrong = {
        key: (name, swa, LONDON_SWA_CODES.get(swa))
        for key, (name, swa, *_rest) in msd.AUTHORITIES.items()
        if name in LONDON_SWA_CODES.values() and LONDON_SWA_CODES.get(swa) != name
    }
    assert not wrong, wrong
    assert {name for name, *_rest in msd.AUTHORITIES.values()} >= LONDON_AUTHORITIES  # all checked

"""digonce:importforwardplans inside QGIS: encodings, damaged files and absurd coordinates end in
a message or a reject, never a traceback or a native crash (issue 20)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import shapely

from dig_once.plugin.layerio import gpkg
from dig_once.plugin.store import Store

HEADER = (
    "plan_ref,programme,owner,utility_type,method,start_date,end_date,confidence,usrn,street_name,wkt\r\n"
)


def plan_line(ref: str, owner: str = "Thames Water", wkt: str = "POINT(529000 182000)") -> str:
    return f'{ref},Renewal,{owner},water,open_cut,2027-04-05,2027-06-30,high,8400713,EUSTON ROAD,"{wkt}"\r\n'


def run(plan: Path, store: Path, **extra):
    from qgis import processing

    return processing.run("digonce:importforwardplans", {"INPUT": str(plan), "STORE": str(store), **extra})


def test_cp1252_plan_is_read_and_the_summary_says_so(plugin_provider, tmp_path: Path):
    plan = tmp_path / "plan.csv"
    plan.write_bytes((HEADER + plan_line("TW-1", "Société Générale") + plan_line("TW-2")).encode("cp1252"))
    result = run(plan, tmp_path / "s.gpkg")
    assert (result["PLANNED"], result["REJECTED"]) == (2, 0)
    assert "cp1252 (detected)" in result["MESSAGE"]
    owners = {r["promoter"] for r in Store(tmp_path / "s.gpkg").rows("works")}
    assert "Société Générale" in owners


def test_wrong_encoding_parameter_is_a_processing_message(plugin_provider, tmp_path: Path):
    from qgis.core import QgsProcessingException

    plan = tmp_path / "plan.csv"
    plan.write_bytes((HEADER + plan_line("TW-1", "Société")).encode("utf-16"))
    with pytest.raises(QgsProcessingException, match=r"plan\.csv.*not cp1252 text|plan\.csv.*line"):
        run(plan, tmp_path / "s.gpkg", ENCODING="ascii")
    assert run(plan, tmp_path / "s.gpkg", ENCODING="utf-16")["PLANNED"] == 1


def test_truncated_geopackage_is_a_processing_message(plugin_provider, tmp_path: Path):
    from qgis.core import QgsProcessingException

    plan = tmp_path / "fwp.gpkg"
    plan.write_bytes(b"SQLite format 3\x00" + b"\x00" * 3000)
    with pytest.raises(QgsProcessingException, match=r"fwp\.gpkg.*not a readable GeoPackage"):
        run(plan, tmp_path / "s.gpkg")


def _plan_gpkg(path: Path, coordinate: float) -> Path:
    conn = sqlite3.connect(path, isolation_level=None)
    gpkg.register_functions(conn)
    gpkg.initialise(conn)
    gpkg.create_feature_table(
        conn, "networklink", [("plannedstartdate", "date"), ("plannedenddate", "date")], "LINESTRING"
    )
    good, bad = gpkg.encode_geometries(
        [
            shapely.LineString([(529000, 182000), (529100, 182000)]),
            shapely.LineString([(529000, 182000), (coordinate, coordinate)]),
        ]
    )
    conn.execute("INSERT INTO networklink VALUES (1, ?, '2027-01-01', '2027-02-01')", (good,))
    conn.execute("INSERT INTO networklink VALUES (2, ?, '2027-01-01', '2027-02-01')", (bad,))
    conn.close()
    return path


def test_1e150_in_a_plan_geopackage_is_a_reject_through_qgis_process(run_qgis_process, tmp_path: Path):
    # QGIS' system GEOS aborted qgis_process ("stack smashing detected") writing this as WKT
    plan = _plan_gpkg(tmp_path / "huge.gpkg", 1e150)
    store = tmp_path / "store.gpkg"
    out = run_qgis_process(
        ["run", "digonce:importforwardplans", "--", f"INPUT={plan}", f"STORE={store}"], json_output=True
    )
    assert (out["results"]["PLANNED"], out["results"]["REJECTED"]) == (1, 1)
    (rej,) = Store(store).rejects()
    assert rej["record"] == "huge:2" and "coordinates" in rej["reason"]

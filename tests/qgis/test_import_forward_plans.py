"""digonce:importforwardplans inside QGIS: encodings, damaged files and absurd coordinates end in
a message or a reject, never a traceback or a native crash (issue 20); a newer plan file replaces
the plan it supersedes, a much smaller one only with REPLACE=true (or the panel's yes)."""

# ruff: noqa: F811  (the dock fixtures are imported from test_dock and used as arguments)
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import shapely
from helpers.plans import write_links

from dig_once.plugin.layerio import gpkg
from dig_once.plugin.store import Feature, Store

from .test_dock import WAIT_MS, _wait_run, dock, store_path  # noqa: F401

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


# -- a newer plan file replaces the plan it supersedes -------------------------------------------


def write_plan(path: Path, refs: range) -> Path:
    path.write_text(HEADER + "".join(plan_line(f"TW-{i}") for i in refs), encoding="utf-8")
    return path


def plan_refs(store: Path) -> set[str]:
    return {r["permit_ref"] for r in Store(store).rows("works") if r["source"] == "plan"}


def test_replace_parameter_is_advanced_and_off_and_the_help_says_the_newest_file_is_the_plan(
    plugin_provider,
):
    from qgis.core import QgsApplication, QgsProcessingParameterDefinition

    alg = QgsApplication.processingRegistry().algorithmById("digonce:importforwardplans")
    param = alg.parameterDefinition("REPLACE")
    assert param.defaultValue() is False and "plan" in param.help()
    assert param.flags() & QgsProcessingParameterDefinition.FlagAdvanced
    assert param.description() == "Replace even if much smaller"  # the store's refusal names it
    assert "the newest file is the plan" in alg.shortHelpString()


def test_a_plan_imported_again_without_a_row_leaves_it_out_through_the_algorithm(
    plugin_provider, tmp_path: Path
):
    plan, store = write_plan(tmp_path / "plan.csv", range(4)), tmp_path / "s.gpkg"
    run(plan, store)
    assert run(write_plan(plan, range(1, 4)), store)["PLANNED"] == 3
    assert plan_refs(store) == {"plan:TW-1", "plan:TW-2", "plan:TW-3"}


def test_a_renamed_newer_plan_replaces_the_older_and_leaves_street_manager_permits(
    plugin_provider, tmp_path: Path
):
    store = tmp_path / "s.gpkg"
    permit = Feature(
        "works", {"permit_ref": "TH-1", "source": "streetmanager"}, shapely.Point(529001, 182001)
    )
    Store(store).merge_works([permit], kind="streetmanager", source="permit_2026_03.zip")
    permits = Store(store).rows("works", geometry=True)

    run(write_links(tmp_path / "forward_plan_2026-04.gpkg", 6), store)
    assert run(write_links(tmp_path / "forward_plan_2026-05.gpkg", 5), store)["PLANNED"] == 5
    assert plan_refs(store) == {f"plan:forward_plan_2026-05:{fid}" for fid in range(1, 6)}
    assert [r for r in Store(store).rows("works", geometry=True) if r["source"] != "plan"] == permits


def test_a_plan_cut_to_a_third_is_refused_through_the_algorithm_and_replace_true_takes_it(
    plugin_provider, tmp_path: Path
):
    from qgis.core import QgsProcessingException

    plan, store = write_plan(tmp_path / "plan.csv", range(6)), tmp_path / "s.gpkg"
    run(plan, store)
    write_plan(plan, range(2))
    before = store.read_bytes()
    with pytest.raises(QgsProcessingException) as refused:
        run(plan, store)
    message = str(refused.value)
    assert str(plan) in message and "has 2 rows" in message and "holds 6" in message
    assert "REPLACE=true" in message
    assert store.read_bytes() == before, "a refused plan changed the store"
    assert run(plan, store, REPLACE=True)["PLANNED"] == 2
    assert plan_refs(store) == {"plan:TW-0", "plan:TW-1"}


def test_the_panel_asks_before_a_much_smaller_plan_replaces_the_plan(
    dock, qtbot, tmp_path, store_path, monkeypatch
):
    row = dock.rows["plans"]
    row.path.setText(str(write_plan(tmp_path / "plan.csv", range(6))))
    _, ok, message = _wait_run(qtbot, dock, row.import_button.click)
    assert ok, message
    (tmp_path / "update").mkdir()
    cut = write_plan(tmp_path / "update" / "plan.csv", range(2))
    asked = []
    monkeypatch.setattr(dock, "ask_replace", lambda r, m: asked.append(plan_refs(store_path)) or True)
    row.path.setText(str(cut))
    _, ok, message = _wait_run(qtbot, dock, row.import_button.click)
    assert not ok and len(asked) == 1, "the planner is asked"
    assert len(asked[0]) == 6, "nothing replaced before the planner said yes"
    _, ok, message = _wait_run(qtbot, dock, lambda: None)  # the import again, with REPLACE
    assert ok, message
    assert plan_refs(store_path) == {"plan:TW-0", "plan:TW-1"}

"""Forward plans (CSV template and UK Future Works Profile GeoPackage) into the store."""

from __future__ import annotations

import csv
import sqlite3
from pathlib import Path

import pytest
import shapely

from dig_once.plugin.core.errors import SchemaError
from dig_once.plugin.sources.forward_plans import TEMPLATE_COLUMNS, import_forward_plan, read_forward_plan
from dig_once.plugin.store import Feature, Reject, Store, gpkg

REPO = Path(__file__).resolve().parents[2]


def write_csv(path: Path, rows: list[dict]) -> Path:
    with open(path, "w", newline="") as f:
        writer = csv.DictWriter(f, TEMPLATE_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    return path


def row(**kw) -> dict:
    base = dict(
        plan_ref="TW-1",
        programme="Mains renewal 2027",
        owner="Thames Water",
        utility_type="water",
        method="open_cut",
        start_date="2027-04-05",
        end_date="2027-06-30",
        confidence="high",
        usrn="8400713",
        street_name="EUSTON ROAD",
        wkt="LINESTRING(529500 182500,529560 182540)",
    )
    base.update(kw)
    return base


def test_shipped_template_header_matches_the_reader():
    header = (REPO / "resources/templates/forward_plan_template.csv").read_text().strip().split(",")
    assert header == TEMPLATE_COLUMNS
    doc = (REPO / "resources/help/forward_plan_template.md").read_text()
    assert all(f"`{c}`" in doc for c in TEMPLATE_COLUMNS)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"wkt": ""}, "wkt"),
        ({"wkt": "LINESTRING(-0.12 51.5,-0.11 51.5)"}, "wkt"),  # lon/lat, not BNG
        ({"start_date": "someday"}, "start_date"),
        ({"end_date": "2027-01-01"}, "end_date"),  # before start
        ({"usrn": "EUSTON"}, "usrn"),
        ({"plan_ref": ""}, "plan_ref"),
    ],
)
def test_bad_plan_rows_are_rejected_with_field(tmp_path: Path, change, field):
    (item,) = list(read_forward_plan(write_csv(tmp_path / "p.csv", [row(**change)])))
    assert isinstance(item, Reject) and item.field == field and item.source_file == "p.csv"


def test_csv_plan_into_store_as_source_plan(tmp_path: Path):
    plan = write_csv(
        tmp_path / "plan.csv",
        [row(), row(plan_ref="TW-2", wkt="POINT(529000 182000)"), row(plan_ref="X", wkt="")],
    )
    store = Store(tmp_path / "s.gpkg")
    result = import_forward_plan(store, plan)
    assert (result.imported, result.rejected) == (2, 1)
    rows = {r["permit_ref"]: r for r in store.rows("works")}
    assert set(rows) == {"plan:TW-1", "plan:TW-2"}
    one = rows["plan:TW-1"]
    assert (one["source"], one["promoter"], one["work_status"], one["start_date"], one["end_date"]) == (
        "plan",
        "Thames Water",
        "planned",
        "2027-04-05",
        "2027-06-30",
    )
    assert (one["utility_type"], one["method"], one["confidence"], one["programme"]) == (
        "water",
        "open_cut",
        "high",
        "Mains renewal 2027",
    )
    assert import_forward_plan(store, plan).unchanged


def test_missing_columns_is_a_schema_error(tmp_path: Path):
    path = tmp_path / "p.csv"
    path.write_text("ref,geometry\nA,POINT(1 2)\n")
    with pytest.raises(SchemaError, match="plan_ref"):
        list(read_forward_plan(path))


def make_future_works_gpkg(path: Path) -> Path:
    conn = sqlite3.connect(path, isolation_level=None)
    gpkg.register_functions(conn)
    gpkg.initialise(conn)
    gpkg.create_feature_table(
        conn,
        "plannedprogramme",
        [
            ("programmename", "str"),
            ("programmetype", "str"),
            ("plannedstartdate", "date"),
            ("plannedenddate", "date"),
        ],
        None,
    )
    gpkg.create_feature_table(
        conn,
        "networklink",
        [
            ("plannedprogrammeid", "int"),
            ("utilitytype", "str"),
            ("plannedinstallationmethod", "str"),
            ("plannedstartdate", "date"),
            ("plannedenddate", "date"),
            ("confidencelevel", "str"),
            ("usrn", "str"),
            ("schemestatus", "str"),
        ],
        "LINESTRING",
    )
    conn.execute(
        "INSERT INTO plannedprogramme VALUES (1, 'Fibre 2027', 'telecoms', '2027-01-10', '2027-12-20')"
    )
    line, far = gpkg.encode_geometries(
        [
            shapely.LineString([(529000, 182000), (529100, 182000)]),
            shapely.LineString([(530000, 181000), (530050, 181000)]),
        ]
    )
    conn.execute(
        "INSERT INTO networklink VALUES (1, ?, 1, 'telecoms', 'trenchless', NULL, NULL, 'medium', '8400713', 'proposed')",
        (line,),
    )
    conn.execute(
        "INSERT INTO networklink VALUES (2, ?, 1, 'telecoms', 'open_cut', '2027-03-01', '2027-02-01', 'low', NULL, 'proposed')",
        (far,),
    )
    conn.close()
    return path


def test_future_works_profile_geopackage(tmp_path: Path):
    items = list(read_forward_plan(make_future_works_gpkg(tmp_path / "fwp.gpkg")))
    features = [i for i in items if isinstance(i, Feature)]
    rejects = [i for i in items if isinstance(i, Reject)]
    (f,) = features
    assert f.values["permit_ref"] == "plan:fwp:1" and f.values["programme"] == "Fibre 2027"
    assert (f.values["start_date"], f.values["end_date"]) == (
        "2027-01-10",
        "2027-12-20",
    )  # from the programme
    assert (f.values["method"], f.values["confidence"], f.values["source"]) == (
        "trenchless",
        "medium",
        "plan",
    )
    assert f.geometry.geom_type == "LineString"
    (bad,) = rejects
    assert (bad.record, bad.field) == ("fwp:2", "end_date")

"""digonce:exportformeeting: one folder per run with the report and the groups, works and
pairs as CSV and as one XLSX workbook; the workbook read back with GDAL holds the rows of the
result GeoPackages."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from helpers.qgis_layers import memory_layer, polyline
from osgeo import gdal, ogr
from qgis import processing
from qgis.core import (
    QgsCoordinateTransformContext,
    QgsFeature,
    QgsGeometry,
    QgsPointXY,
    QgsVectorFileWriter,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QDate


def _works_gpkg(path: Path) -> str:
    d = QDate(2026, 4, 6)
    definition = (
        "LineString?crs=EPSG:27700&field=permit_ref:string&field=promoter:string&field=start_date:date"
        "&field=end_date:date&field=category:string&field=tm_type:string&field=work_status:string"
        "&field=permit_status:string&field=street_name:string&field=usrn:string"
    )
    rows = [
        # group in Camden (Euston Road area): a clash and an immediate works
        (["C1", "UKPN", d, d.addDays(9), "major", "lane_closure", "planned", "granted", "EUSTON ROAD", "20501"],
         polyline(529500, 182500)),
        (["C2", "Thames Water", d.addDays(2), d.addDays(6), "immediate_emergency", "road_closure", "in_progress",
          "granted", "EUSTON ROAD", "20501"], polyline(529510, 182505)),
        (["C3", "Cadent", d.addDays(30), d.addDays(33), "standard", None, "planned", "submitted", "GOWER ST",
          "20777"], polyline(529530, 182510)),
        # a second group, also in Camden
        (["K1", "BT", d, d.addDays(2), "minor", None, "planned", "granted", "KENTISH TOWN RD", "20900"],
         polyline(528900, 184400)),
        (["K2", "SGN", d.addDays(1), d.addDays(3), "minor", None, "planned", "granted", "KENTISH TOWN RD", "20900"],
         polyline(528905, 184405)),
        # alone: in no group
        (["X1", "Virgin", d, d.addDays(1), "minor", None, "planned", "granted", "OTHER RD", "1"], polyline(531000, 181000)),
    ]  # fmt: skip
    layer = memory_layer(definition, "works", rows)
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName, options.layerName = "GPKG", "works"
    err = QgsVectorFileWriter.writeAsVectorFormatV3(
        layer, str(path), QgsCoordinateTransformContext(), options
    )
    assert err[0] == QgsVectorFileWriter.WriterError.NoError, err
    return f"{path}|layername=works"


@pytest.fixture
def overlaps(plugin_provider, tmp_path):
    works = _works_gpkg(tmp_path / "store.gpkg")
    result = tmp_path / "overlaps.gpkg"
    processing.run(
        "digonce:findworksoverlaps",
        {
            "INPUT": works, "DISTANCE": 25, "MAX_GAP_DAYS": 90,
            "OUTPUT": f"ogr:dbname='{result}' table=\"pairs\" (geom)",
            "OUTPUT_GROUPS": f"ogr:dbname='{result}' table=\"groups\" (geom)",
            "OUTPUT_UNUSABLE": f"ogr:dbname='{result}' table=\"unusable\" (geom)",
        },
    )  # fmt: skip
    return works, result


def _sheet_rows(path: Path, sheet: str) -> list[dict]:
    # OGR_XLSX_HEADERS=FORCE: GDAL guesses a sheet whose cells are all text has no header row (the
    # parameters sheet); the workbook has one on every sheet
    gdal.SetConfigOption("OGR_XLSX_HEADERS", "FORCE")
    try:
        ds = gdal.OpenEx(str(path), gdal.OF_VECTOR)
    finally:
        gdal.SetConfigOption("OGR_XLSX_HEADERS", None)
    assert ds is not None, path
    layer = ds.GetLayerByName(sheet)
    assert layer is not None, f"no sheet {sheet} in {path}"
    return [feature.items() for feature in layer]


def _gpkg_rows(path: Path, table: str) -> list[dict]:
    ds = ogr.Open(str(path))
    return [feature.items() for feature in ds.GetLayerByName(table)]


def run_export(overlaps, tmp_path, **extra):
    works, result = overlaps
    return processing.run(
        "digonce:exportformeeting",
        {"PAIRS": f"{result}|layername=pairs", "GROUPS": f"{result}|layername=groups", "WORKS": works,
         "OUTPUT": str(tmp_path / "meetings"), **extra},
    )  # fmt: skip


def test_one_folder_named_for_what_and_when_with_csv_xlsx_and_report(overlaps, tmp_path):
    out = run_export(overlaps, tmp_path)
    folder = Path(out["FOLDER"])
    assert folder == tmp_path / "meetings" / "2026-04_camden"
    assert sorted(p.name for p in folder.iterdir()) == [
        "2026-04_camden_groups.csv", "2026-04_camden_groups.xlsx", "2026-04_camden_pairs.csv",
        "2026-04_camden_parameters.csv", "2026-04_camden_report.html", "2026-04_camden_works.csv",
    ]  # fmt: skip
    assert (out["N_GROUPS"], out["N_WORKS"], out["N_PAIRS"]) == (2, 5, 4)  # C1-C2, C1-C3, C2-C3, K1-K2
    # C: 10 + 5 + 4 - 10 = 9 days avoided; K: 3 + 3 - 3 = 3
    assert out["DAYS_AVOIDED"] == 12
    ds = ogr.Open(out["XLSX"])
    assert [ds.GetLayer(i).GetName() for i in range(ds.GetLayerCount())] == [
        "groups",
        "works",
        "pairs",
        "parameters",
    ]
    page = Path(out["REPORT_FILE"]).read_text(encoding="utf-8")
    assert "Coordination meeting: Camden, 2026-04" in page and 'class="group-page"' in page


def test_xlsx_read_back_with_gdal_holds_the_geopackage_rows(overlaps, tmp_path):
    _works, result = overlaps
    out = run_export(overlaps, tmp_path)
    xlsx = Path(out["XLSX"])
    groups = _sheet_rows(xlsx, "groups")
    gpkg_groups = {g["group_id"]: g for g in _gpkg_rows(result, "groups")}
    assert {g["group_id"] for g in groups} == set(gpkg_groups)
    for g in groups:
        source = gpkg_groups[g["group_id"]]
        for field in ("n_works", "n_owners", "owners", "n_clashes", "n_opportunities"):
            assert g[field] == source[field], field
        assert g["days_avoided"] == source["days_saved"]
        assert str(g["first_start"])[:10].replace("/", "-") == str(source["first_start"])[:10].replace(
            "/", "-"
        )
    assert [g["rank"] for g in groups] == [1, 2] and groups[0]["days_avoided"] == 9
    assert (
        groups[0]["borough"] == "Camden"
        and groups[0]["streets"] == "EUSTON ROAD (USRN 20501); GOWER ST (USRN 20777)"
    )
    pairs = _sheet_rows(xlsx, "pairs")
    gpkg_pairs = {(p["id_a"], p["id_b"]): p for p in _gpkg_rows(result, "pairs")}
    assert {(p["id_a"], p["id_b"]) for p in pairs} == set(gpkg_pairs)
    for p in pairs:
        source = gpkg_pairs[(p["id_a"], p["id_b"])]
        assert (p["kind"], p["group_id"], p["gap_days"]) == (
            source["kind"],
            source["group_id"],
            source["gap_days"],
        )
        assert p["distance_m"] == pytest.approx(source["distance_m"])
    works = _sheet_rows(xlsx, "works")
    assert [w["permit_ref"] for w in works] == ["C1", "C2", "C3", "K1", "K2"]
    assert [w["immediate_or_planned"] for w in works] == [
        "planned",
        "immediate",
        "planned",
        "planned",
        "planned",
    ]
    params = {(r["section"], r["name"]): r["value"] for r in _sheet_rows(xlsx, "parameters")}
    assert params[("this export", "algorithm")] == "digonce:exportformeeting"
    assert params[("benefit parameters", "value_per_household_day")] == "1.61"
    assert params[("groups layer", "algorithm")] == "digonce:findworksoverlaps"


def test_csv_files_hold_the_same_rows_as_the_workbook(overlaps, tmp_path):
    out = run_export(overlaps, tmp_path, NAME="Camden Town", PERIOD="2026-04")
    folder = Path(out["FOLDER"])
    assert folder.name == "2026-04_camden-town"
    for sheet in ("groups", "works", "pairs"):
        raw = (folder / f"2026-04_camden-town_{sheet}.csv").read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf"), "a byte-order mark, so a spreadsheet reads UTF-8"
        rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
        book = _sheet_rows(Path(out["XLSX"]), sheet)
        assert len(rows) == len(book) > 0
        key = "permit_ref" if sheet == "works" else "group_id" if sheet == "groups" else "id_a"
        assert [r[key] for r in rows] == [str(b[key]) for b in book]
        if sheet == "works":
            assert [r["start_date"] for r in rows][:2] == ["2026-04-06", "2026-04-08"], "dates as YYYY-MM-DD"


def test_benefits_with_postcode_household_counts_are_in_the_groups_sheet(overlaps, tmp_path):
    premises = QgsVectorLayer("Point?crs=EPSG:27700&field=households:integer", "postcodes", "memory")
    f = QgsFeature(premises.fields())
    f.setAttributes([12])
    f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(529520, 182540)))  # 30 m from the C works
    premises.dataProvider().addFeatures([f])
    out = run_export(overlaps, tmp_path, PREMISES=premises, HOUSEHOLDS_FIELD="households", REPORT=False)
    groups = _sheet_rows(Path(out["XLSX"]), "groups")
    # group C: 9 days x 12 households x £1.61 = £173.88; group K: no households, £0
    assert [(g["households"], g["wellbeing_gbp"]) for g in groups] == [(12, 173.88), (0, 0)]
    assert groups[0]["lane_rental_gbp"] is None, "not computed without the lane-rental layer: empty, not 0"
    assert out["REPORT_FILE"] == ""

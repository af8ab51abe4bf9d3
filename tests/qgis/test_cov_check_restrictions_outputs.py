"""digonce:checkrestrictions: the findings layer takes the geometry of what was found (points,
lines, polygons, or polygons when they mix), unreadable text dates make a work unusable with
the value named, and without an unusable output the log names examples instead."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from osgeo import ogr
from qgis.core import QgsProcessingFeedback, QgsVectorLayer, QgsWkbTypes

from .test_restrictions_compare import (  # noqa: F401
    WORKS_FIELDS,
    D,
    run_check,
    scenario,
    works_row,
    write_gpkg,
)

INSIDE_POINT = "POINT(530050 180000)"  # inside the scenario's restricted extent
INSIDE_SQUARE = "POLYGON((530045 179995, 530055 179995, 530055 180005, 530045 180005, 530045 179995))"
FAR_LINE = "LINESTRING(540000 190000, 540100 190000)"
STYLES = Path(__file__).resolve().parents[2] / "resources" / "styles"


def _works(tmp_path, geom_type, rows) -> str:
    return write_gpkg(tmp_path / "works-here.gpkg", "works", geom_type, WORKS_FIELDS, rows)


def _findings(result) -> tuple[int, list]:
    layer = QgsVectorLayer(result["OUTPUT"], "findings", "ogr")
    assert layer.isValid()
    kind = QgsWkbTypes.flatType(layer.wkbType())
    geoms = [f.geometry() for f in layer.getFeatures()]
    return kind, geoms


def _saved_style(result) -> str:
    path = str(result["OUTPUT"]).split("|")[0]
    with sqlite3.connect(path) as db:
        (qml,) = db.execute("SELECT styleQML FROM layer_styles").fetchone()
    return qml


def _style_file(name: str) -> str:
    return (STYLES / f"{name}.qml").read_text(encoding="utf-8")


def test_point_works_give_point_findings_with_the_point_style(plugin_provider, scenario, tmp_path):  # noqa: F811
    _, restrictions = scenario
    works = _works(tmp_path, ogr.wkbPoint, [works_row(INSIDE_POINT, "W-POINT", D(2026, 6, 1), D(2026, 6, 5))])
    result = run_check(tmp_path, works, restrictions)
    kind, geoms = _findings(result)
    assert result["FINDINGS"] == 1 and result["BLOCKED"] == 1
    assert kind == QgsWkbTypes.MultiPoint and [g.asWkt(0) for g in geoms] == ["MultiPoint ((530050 180000))"]
    assert _saved_style(result) == _style_file("restriction_findings_point")


def test_points_and_polygons_found_together_are_widened_to_polygons(plugin_provider, scenario, tmp_path):  # noqa: F811
    _, restrictions = scenario
    works = _works(
        tmp_path,
        ogr.wkbUnknown,
        [
            works_row(INSIDE_POINT, "W-POINT", D(2026, 6, 1), D(2026, 6, 5)),
            works_row(INSIDE_SQUARE, "W-SQUARE", D(2026, 6, 1), D(2026, 6, 5)),
        ],
    )
    feedback = QgsProcessingFeedback()
    infos: list[str] = []
    feedback.pushInfo = infos.append  # the algorithm says what it widened
    result = run_check(tmp_path, works, restrictions, feedback, OUTPUT_UNUSABLE=None)
    kind, geoms = _findings(result)
    assert result["FINDINGS"] == 2 and kind == QgsWkbTypes.MultiPolygon
    areas = sorted(g.area() for g in geoms)
    assert areas[0] == pytest.approx(3.06, abs=0.01)  # the point, widened by 1 m (a 16-gon)
    assert areas[1] == pytest.approx(100.0)  # the square, as it is (inside the extent)
    assert any("1 points/lines widened by 1 m" in text for text in infos)
    assert _saved_style(result) == _style_file("restriction_findings")


def test_no_findings_give_an_empty_layer_of_the_works_geometry_type(plugin_provider, scenario, tmp_path):  # noqa: F811
    _, restrictions = scenario
    works = _works(tmp_path, ogr.wkbLineString, [works_row(FAR_LINE, "W-FAR", D(2026, 6, 1), D(2026, 6, 5))])
    result = run_check(tmp_path, works, restrictions)
    kind, geoms = _findings(result)
    assert result["FINDINGS"] == 0 and geoms == []
    assert kind == QgsWkbTypes.MultiLineString
    assert _saved_style(result) == _style_file("restriction_findings_line")


def test_unreadable_text_dates_make_the_work_unusable_naming_the_value(plugin_provider, scenario, tmp_path):  # noqa: F811
    _, restrictions = scenario
    fields = [(name, "str" if kind == "date" else kind) for name, kind in WORKS_FIELDS]
    rows = [
        works_row(INSIDE_POINT, "W-TEXT-OK", "2026-06-01", "2026-06-05"),
        works_row(INSIDE_POINT, "W-TEXT-BAD", "soon", "2026-06-05"),
    ]
    works = write_gpkg(tmp_path / "text-dates.gpkg", "works", ogr.wkbPoint, fields, rows)
    result = run_check(tmp_path, works, restrictions)
    assert result["FINDINGS"] == 1 and result["UNUSABLE"] == 2  # and the scenario's S-NODATES
    layer = QgsVectorLayer(result["OUTPUT_UNUSABLE"], "unusable", "ogr")
    reasons = {f["reference"]: f["reason"] for f in layer.getFeatures()}
    assert reasons["W-TEXT-BAD"] == "start date 'soon' is not a date"
    assert "W-TEXT-OK" not in reasons


def test_without_an_unusable_output_the_log_names_examples(plugin_provider, scenario, tmp_path):  # noqa: F811
    works, restrictions = scenario
    feedback = QgsProcessingFeedback()
    warnings: list[str] = []
    feedback.pushWarning = warnings.append
    result = run_check(tmp_path, works, restrictions, feedback, OUTPUT_UNUSABLE=None)
    assert result["UNUSABLE"] == 2 and result.get("OUTPUT_UNUSABLE") is None
    said = [w for w in warnings if "could not be checked" in w]
    assert len(said) == 1
    assert "W-NODATE (missing start date)" in said[0] and "S-NODATES (missing start date)" in said[0]

"""digonce:exportformeeting's benefit inputs as planners have them: premises and lane-rental
streets in WGS84 (moved into British National Grid before measuring), household counts that are
not numbers (counted as none), and a NaPTAN bus-stop file with a row that has no coordinate
(left out, said in the log)."""

from __future__ import annotations

from pathlib import Path

from qgis import processing
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeature,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingFeedback,
    QgsProject,
    QgsVectorLayer,
)

from .test_export_for_meeting import _sheet_rows, overlaps  # noqa: F401

TO_WGS84 = QgsCoordinateTransform(
    QgsCoordinateReferenceSystem("EPSG:27700"),
    QgsCoordinateReferenceSystem("EPSG:4326"),
    QgsProject.instance(),
)


def _wgs84_layer(kind: str, fields: str, rows) -> QgsVectorLayer:
    """A memory layer in EPSG:4326 from British National Grid geometries (what a planner's
    downloaded file holds)."""
    layer = QgsVectorLayer(f"{kind}?crs=EPSG:4326{fields}", "layer", "memory")
    features = []
    for attrs, geom in rows:
        geom = QgsGeometry(geom)
        geom.transform(TO_WGS84)
        feature = QgsFeature(layer.fields())
        feature.setAttributes(attrs)
        feature.setGeometry(geom)
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    return layer


def test_wgs84_benefit_layers_and_a_bus_stop_file_count_for_the_group_they_reach(
    overlaps,  # noqa: F811
    tmp_path,
):
    premises = _wgs84_layer(
        "Point", "&field=households:string",
        [(["12"], QgsGeometry.fromPointXY(QgsPointXY(529520, 182540))),  # 30 m from group C's works
         (["a dozen"], QgsGeometry.fromPointXY(QgsPointXY(529525, 182545)))],
    )  # fmt: skip
    lane = _wgs84_layer(
        "LineString", "",
        [([], QgsGeometry.fromPolylineXY([QgsPointXY(529480, 182500), QgsPointXY(529560, 182500)]))],
    )  # fmt: skip
    stops = tmp_path / "Stops.csv"
    stops.write_text(
        "ATCOCode,Easting,Northing,StopType,Status\n"
        "490000001,529515,182520,BCT,active\n"  # by group C
        "490000002,528910,184420,BCS,active\n"  # by group K
        "490000003,,,BCT,active\n",  # no coordinate
        encoding="utf-8",
    )
    feedback = QgsProcessingFeedback()
    infos: list[str] = []
    feedback.pushInfo = infos.append
    works, result = overlaps
    out = processing.run(
        "digonce:exportformeeting",
        {"PAIRS": f"{result}|layername=pairs", "GROUPS": f"{result}|layername=groups", "WORKS": works,
         "OUTPUT": str(tmp_path / "meetings"), "PREMISES": premises, "HOUSEHOLDS_FIELD": "households",
         "LANE_RENTAL": lane, "BUS_STOPS": str(stops), "REPORT": False},
        feedback=feedback,
    )  # fmt: skip
    groups = _sheet_rows(Path(out["XLSX"]), "groups")
    c, k = groups
    assert (c["households"], k["households"]) == (12, 0)  # 'a dozen' counts as none
    assert c["lane_rental_gbp"] > 0 and k["lane_rental_gbp"] == 0
    assert (c["bus_stops"], k["bus_stops"]) == (1, 1)
    said = " ".join(infos)
    assert "2 bus stops in use from" in said and "(1 rows without a coordinate left out)" in said
    assert "1 features of" in said and "2 points of" in said

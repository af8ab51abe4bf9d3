"""The live check's register index, built by its QgsTask (run here in the test's thread, where
coverage and assertions see it): the register's own fields by their canonical names, its CRS
turned into British National Grid, NULLs as missing values, excluded statuses not indexed."""

from __future__ import annotations

import pytest
import shapely


def _register(crs: str, rows, fields=("permit_ref", "promoter", "start_date", "end_date", "permit_status")):
    from qgis.core import QgsFeature, QgsField, QgsGeometry, QgsVectorLayer
    from qgis.PyQt.QtCore import QMetaType

    layer = QgsVectorLayer(f"LineString?crs={crs}", "register", "memory")
    provider = layer.dataProvider()
    provider.addAttributes([QgsField(name, QMetaType.Type.QString) for name in fields])
    layer.updateFields()
    features = []
    for wkt, values in rows:
        feature = QgsFeature(layer.fields())
        feature.setAttributes(list(values))
        feature.setGeometry(QgsGeometry.fromWkt(wkt))
        features.append(feature)
    provider.addFeatures(features)
    return layer


def test_the_index_task_reads_a_wgs84_register_into_british_national_grid(qgis_app):
    from dig_once.plugin.gui.live_check import RegisterIndexTask

    layer = _register(
        "EPSG:4326",
        [
            ("LineString (-0.1276 51.5072, -0.1270 51.5072)", ("R-1", "Gas Co", "2026-03-01", "2026-03-10", "granted")),
            ("LineString (-0.1276 51.5080, -0.1270 51.5080)", ("R-2", None, "2026-03-05", "2026-03-06", "cancelled")),
            ("LineString (-0.1276 51.5090, -0.1270 51.5090)", ("R-3", "Water Co", "not a date", None, "granted")),
        ],
    )  # fmt: skip
    task = RegisterIndexTask(layer)
    assert task.run() and task.error == ""
    index = task.index
    assert list(index.ids) == ["R-1", "R-2", "R-3"] and list(task.fids) == [1, 2, 3]
    assert list(index.owners) == ["Gas Co", None, "Water Co"]
    # Trafalgar Square is near 530 000 E, 180 500 N in British National Grid
    x, y = shapely.get_coordinates(index.geometries[0])[0]
    assert x == pytest.approx(530_000, abs=500) and y == pytest.approx(180_500, abs=500)
    # a cancelled permit and a work with no readable dates are kept out of the index
    assert list(index.usable) == [True, False, False]
    assert index.n_indexed == 1


def test_the_index_task_names_works_by_feature_id_when_the_register_has_no_reference_field(qgis_app):
    from dig_once.plugin.gui.live_check import RegisterIndexTask

    layer = _register(
        "EPSG:27700",
        [("LineString (530000 180000, 530050 180000)", ("Gas Co", "2026-03-01", "2026-03-10"))],
        fields=("promoter", "start_date", "end_date"),
    )
    task = RegisterIndexTask(layer)
    assert task.run()
    assert list(task.index.ids) == ["1"] and list(task.index.usable) == [True]
    assert shapely.get_coordinates(task.index.geometries[0]).tolist() == [[530000, 180000], [530050, 180000]]


def test_the_index_task_stops_when_cancelled_before_it_reads(qgis_app):
    from dig_once.plugin.gui.live_check import RegisterIndexTask

    layer = _register(
        "EPSG:27700", [("LineString (530000 180000, 530050 180000)", ("R-1", "A", None, None, None))]
    )
    task = RegisterIndexTask(layer)
    task.cancel()
    assert task.run() is False and task.index is None

"""The memory check's vertex estimate: a sample of a layer's features, taken without making
QGIS's processing source (which, for a subset, reads every matching feature first)."""

from __future__ import annotations

from helpers.gpkg import write_gpkg_layer
from osgeo import ogr
from qgis.core import QgsVectorLayer

FIELDS = [("ref", "str")]


def _layer(tmp_path, n_points=60, n_lines=40, subset=None):
    rows = [(f"POINT({530000 + k} 180000)", {"ref": f"P{k}"}) for k in range(n_points)]
    rows += [
        (f"LINESTRING({530000 + k} 180000, {530000 + k} 180010, {530005 + k} 180010)", {"ref": f"L{k}"})
        for k in range(n_lines)
    ]
    uri = write_gpkg_layer(tmp_path / "w.gpkg", "works", ogr.wkbUnknown, FIELDS, rows)
    layer = QgsVectorLayer(uri, "works", "ogr")
    if subset:
        assert layer.setSubsetString(subset)
    return layer


def _lazy(layer):
    from dig_once.processing_algorithms._works_fields import LazySource

    def make():
        raise AssertionError("the processing source was made")

    return LazySource(layer, make)


def test_vertices_are_estimated_from_features_spread_over_the_layer(qgis_iface, tmp_path, monkeypatch):
    from dig_once.processing_algorithms import _works_fields

    monkeypatch.setattr(_works_fields, "VERTEX_SAMPLE", 20)  # 5 fids apart: points and lines both met
    layer = _layer(tmp_path)
    assert _works_fields.estimate_vertices(_lazy(layer), layer.featureCount()) == round(
        100 * (12 * 1 + 8 * 3) / 20
    )


def test_a_subset_whose_ids_are_not_1_to_n_is_estimated_from_its_first_features(qgis_iface, tmp_path):
    """The lines only (fids 61-100): fids 1..40 hold none of them, so the first 40 matching
    features are counted, three vertices each."""
    from dig_once.processing_algorithms import _works_fields

    layer = _layer(tmp_path, subset="ref LIKE 'L%'")
    assert layer.featureCount() == 40
    assert _works_fields.estimate_vertices(_lazy(layer), 40) == 120


def test_an_empty_layer_has_no_vertices(qgis_iface, tmp_path):
    from dig_once.processing_algorithms import _works_fields

    layer = _layer(tmp_path, n_points=0, n_lines=0)
    assert _works_fields.estimate_vertices(_lazy(layer), layer.featureCount()) == 0

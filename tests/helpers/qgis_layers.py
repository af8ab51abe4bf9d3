"""Small QGIS memory layers built feature by feature (QGIS must be up before they are made)."""

from __future__ import annotations

from qgis.core import QgsFeature, QgsGeometry, QgsPointXY, QgsVectorLayer


def polyline(x: float, y: float, dx: float = 40, dy: float = 0) -> QgsGeometry:
    """A straight two-point line from (x, y), ``dx`` east and ``dy`` north (EPSG:27700 metres)."""
    return QgsGeometry.fromPolylineXY([QgsPointXY(x, y), QgsPointXY(x + dx, y + dy)])


def memory_layer(definition: str, name: str, rows: list[tuple[list, QgsGeometry]]) -> QgsVectorLayer:
    """A memory layer (``definition`` as QgsVectorLayer takes it: geometry, CRS and fields) holding
    ``rows``, each (attributes in field order, geometry)."""
    layer = QgsVectorLayer(definition, name, "memory")
    feats = []
    for attrs, geom in rows:
        f = QgsFeature(layer.fields())
        f.setAttributes(attrs)
        f.setGeometry(geom)
        feats.append(f)
    assert layer.dataProvider().addFeatures(feats)[0]
    layer.updateExtents()
    return layer

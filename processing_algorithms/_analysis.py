"""Shared by the coverage analyses (findcoveragegaps, findspineopportunities; a helper module,
not an algorithm): an input read once (GDAL's Arrow fast path when it applies), and the output
fields and attribute values of their result layers."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import numpy as np
from qgis.PyQt.QtCore import QDate, QDateTime, QMetaType

from ..plugin.toolbelt.fast_read import read_layer_fast
from ..plugin.toolbelt.layers import read_source


def _has_bool(layer, wanted) -> bool:
    """Boolean fields stay on the QGIS path: GDAL 3.6's Arrow-to-numpy misreads bit-packed
    booleans (the not-spot flags came back shifted)."""
    fields = layer.fields()
    for name in wanted.values():
        idx = fields.lookupField(name) if name else -1
        if idx >= 0 and fields.at(idx).type() == QMetaType.Type.Bool:
            return True
    return False


def read_input(alg, parameters, key, source, wanted, context, feedback, label):
    """A source read once: GDAL's Arrow fast path for a plain GeoPackage/OGR layer in
    EPSG:27700 (``toolbelt.fast_read``), else ``read_source``."""
    layer = alg.parameterAsVectorLayer(parameters, key, context)
    arrays = None
    if layer is not None and not _has_bool(layer, wanted):
        arrays = read_layer_fast(layer, parameters.get(key), wanted, label)
    return arrays if arrays is not None else read_source(source, wanted, context, feedback, label)


def qgs_field(name: str, kind: str):
    """A QgsField for a canonical type name (str/int/float/bool/date)."""
    from qgis.core import QgsField
    from qgis.PyQt.QtCore import QMetaType

    types = {
        "str": QMetaType.Type.QString,
        "int": QMetaType.Type.LongLong,
        "float": QMetaType.Type.Double,
        "bool": QMetaType.Type.Bool,
        "date": QMetaType.Type.QString,
    }
    return QgsField(name, types[kind])


def output_fields(source, extra: list[tuple[str, str]]):
    """The source's fields (minus any named like an added field) followed by ``extra``."""
    from qgis.core import QgsFields

    added = {name for name, _ in extra}
    fields = QgsFields()
    kept = []
    for field in source.fields():
        if field.name() not in added:
            fields.append(field)
            kept.append(field.name())
    for name, kind in extra:
        fields.append(qgs_field(name, kind))
    return fields, kept


def plain(value: Any) -> Any:
    """numpy scalars as Python values; NaN as None (NULL)."""
    if value is None:
        return None
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, dt.datetime):
        return QDateTime(value)
    if isinstance(value, dt.date):
        return QDate(value.year, value.month, value.day)
    return value


def truthy(value: Any) -> bool:
    """A not-spot flag read from any layer: bool, 0/1 or text."""
    if value is None:
        return False
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "t", "yes", "y")
    return bool(value)

"""Shared by the coverage analyses (findcoveragegaps, findspineopportunities; a helper module,
not an algorithm): an input read once (GDAL's Arrow fast path when it applies), and the output
fields and attribute values of their result layers."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import numpy as np
from qgis.PyQt.QtCore import QDate, QDateTime, QMetaType

from ..plugin.toolbelt.layer_io import read_columns


def read_input(alg, parameters, key, source, wanted, context, feedback, label):
    """A source read once (``toolbelt.layer_io.read_columns`` picks GDAL's Arrow stream or QGIS)."""
    layer = alg.parameterAsVectorLayer(parameters, key, context)
    return read_columns(source, wanted, context, feedback, label, layer=layer, definition=parameters.get(key))


def qgs_field(name: str, kind: str):
    """A QgsField for a canonical type name (str/int/float/bool/date)."""
    from qgis.core import QgsField

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

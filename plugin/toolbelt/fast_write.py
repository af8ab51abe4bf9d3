"""Write an algorithm's output layer column-wise: straight into the GeoPackage when the
destination is one (the usual case, and always from ``qgis_process``), through QGIS's
feature sink otherwise (memory layers, Shapefiles, PostGIS...). Both give the same layer.

Why: an output of half a million pairs costs ~10 s as ``QgsFeature`` objects pushed through
OGR, and well under 3 s as bulk ``sqlite3`` inserts with a bulk-loaded rtree
(:mod:`..store.layer_writer`).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from qgis.core import (
    QgsDataSourceUri,
    QgsFeature,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsProcessing,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingOutputLayerDefinition,
    QgsProcessingParameters,
    QgsProperty,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QDate, QDateTime, QMetaType

from ..core.errors import Cancelled, DigOnceError
from ..core.rings import Rings
from ..store.gpkg import GEOM_COLUMN, as_shapely, is_line_coordinates
from ..store.layer_writer import write_layer
from .layers import BNG

_QT_TYPES = {
    "str": QMetaType.Type.QString,
    "int": QMetaType.Type.LongLong,
    "float": QMetaType.Type.Double,
    "date": QMetaType.Type.QDate,
    "bool": QMetaType.Type.Bool,
    "datetime": QMetaType.Type.QDateTime,
}
_KINDS = {
    QMetaType.Type.QString: "str",
    QMetaType.Type.Int: "int",
    QMetaType.Type.UInt: "int",
    QMetaType.Type.LongLong: "int",
    QMetaType.Type.ULongLong: "int",
    QMetaType.Type.Double: "float",
    QMetaType.Type.Bool: "bool",
    QMetaType.Type.QDate: "date",
    QMetaType.Type.QDateTime: "datetime",
}
_WKB_TYPES = {
    None: QgsWkbTypes.NoGeometry,
    "POINT": QgsWkbTypes.Point,
    "LINESTRING": QgsWkbTypes.LineString,
    "POLYGON": QgsWkbTypes.Polygon,
    "MULTIPOINT": QgsWkbTypes.MultiPoint,
    "MULTILINESTRING": QgsWkbTypes.MultiLineString,
    "MULTIPOLYGON": QgsWkbTypes.MultiPolygon,
    "GEOMETRY": QgsWkbTypes.Unknown,
}
BATCH = 5000


def qgs_fields(spec: Sequence[tuple[str, str]]) -> QgsFields:
    """QgsFields for ``[(name, type)]`` with types str/int/float/date/bool."""
    fields = QgsFields()
    for name, kind in spec:
        fields.append(QgsField(name, _QT_TYPES[kind]))
    return fields


def field_spec(fields: QgsFields) -> list[tuple[str, str]]:
    """``[(name, kind)]`` of QGIS fields (kind str/int/float/bool/date/datetime; other types,
    e.g. lists or maps, are written as text)."""
    return [(f.name(), _KINDS.get(QMetaType.Type(int(f.type())), "str")) for f in fields]


def geometry_type_name(wkb_type: int) -> str | None:
    """GeoPackage geometry type name of a 2D QGIS WKB type ("GEOMETRY" for unknown or any
    Z/M type, which the direct writer does not declare); None for no geometry."""
    if wkb_type == QgsWkbTypes.NoGeometry:
        return None
    if QgsWkbTypes.hasZ(wkb_type) or QgsWkbTypes.hasM(wkb_type):
        return "GEOMETRY"
    flat = QgsWkbTypes.flatType(wkb_type)
    for name, value in _WKB_TYPES.items():
        if name is not None and value == flat:
            return name
    return "GEOMETRY"


def gpkg_target(dest: str) -> tuple[Path, str, bool] | None:
    """``(path, table, whole_file)`` when ``dest`` is a GeoPackage destination we can write
    directly: a ``.gpkg`` path (the file holds this one layer, named after the file, as QGIS
    does) or ``ogr:dbname='x.gpkg' table="t" (geom)`` (a table added to or replaced in the
    file). None for anything else.

    >>> gpkg_target("/tmp/pairs.gpkg")
    (PosixPath('/tmp/pairs.gpkg'), 'pairs', True)
    >>> gpkg_target("ogr:dbname='/tmp/out.gpkg' table=\\"pairs\\" (geom)")
    (PosixPath('/tmp/out.gpkg'), 'pairs', False)
    >>> gpkg_target("memory:Pairs") is None, gpkg_target("/tmp/pairs.shp") is None
    (True, True)
    """
    text = dest.strip()
    if text.startswith("ogr:"):
        uri = QgsDataSourceUri(text[4:])
        path, table, geom = uri.database(), uri.table(), uri.geometryColumn()
        if not path.lower().endswith(".gpkg") or not table or geom not in ("", GEOM_COLUMN):
            return None
        return Path(path), table, False
    if "|" in text or "://" in text or ":" in text.split("/")[0] or not text.lower().endswith(".gpkg"):
        return None
    path = Path(text)
    return path, path.stem, True


def _raw_destination(alg, parameters: Mapping[str, Any], param: str) -> str:
    value = parameters.get(param)
    if isinstance(value, QgsProcessingOutputLayerDefinition):
        value = value.sink
    if isinstance(value, QgsProperty):
        return "" if value.propertyType() != QgsProperty.StaticProperty else str(value.staticValue())
    return "" if value is None else str(value)


def _rekey_load_on_completion(context: QgsProcessingContext, old: str, new: str) -> None:
    if old == new or not context.willLoadLayerOnCompletion(old):
        return
    layers = context.layersToLoadOnCompletion()
    details = layers.pop(old)
    layers[new] = details
    context.setLayersToLoadOnCompletion(layers)


def _value(kind: str, value: Any) -> Any:
    if value is None:
        return None
    if kind == "date":
        if isinstance(value, np.datetime64):
            if np.isnat(value):
                return None
            value = value.astype("datetime64[D]").item()
        if isinstance(value, dt.date):
            return QDate(value.year, value.month, value.day)
        return value
    if kind == "datetime" and isinstance(value, dt.datetime):
        return QDateTime(value)
    if kind == "float" and isinstance(value, float) and not np.isfinite(value):
        return None
    return value


def _through_sink(
    alg,
    parameters,
    context,
    feedback,
    param: str,
    fields: Sequence[tuple[str, str]],
    columns: Mapping[str, Any],
    geometries: Any | None,
    geometry_type: str | None,
    n: int,
) -> str:
    qfields = qgs_fields(fields)
    if geometry_type is not None:
        geometries = as_shapely(geometries)
    sink, dest = alg.parameterAsSink(parameters, param, context, qfields, _WKB_TYPES[geometry_type], BNG)
    if sink is None:
        raise QgsProcessingException(alg.invalidSinkError(parameters, param))
    lists = [
        (kind, columns[name].tolist() if isinstance(columns[name], np.ndarray) else list(columns[name]))
        for name, kind in fields
    ]
    for begin in range(0, n, BATCH):
        if feedback is not None and feedback.isCanceled():
            break
        stop = min(n, begin + BATCH)
        wkbs = (
            shapely.to_wkb(np.asarray(geometries[begin:stop], dtype=object), flavor="iso").tolist()
            if geometry_type is not None
            else [None] * (stop - begin)
        )
        features = []
        for offset, wkb in enumerate(wkbs):
            feature = QgsFeature(qfields)
            if wkb is not None:
                geom = QgsGeometry()
                geom.fromWkb(wkb)
                feature.setGeometry(geom)
            feature.setAttributes([_value(kind, values[begin + offset]) for kind, values in lists])
            features.append(feature)
        if not sink.addFeatures(features, QgsFeatureSink.FastInsert):
            raise QgsProcessingException(alg.writeFeatureError(sink, parameters, param))
        if feedback is not None:
            feedback.setProgress(100.0 * stop / max(n, 1))
    return dest


def write_output(
    alg,
    parameters: Mapping[str, Any],
    context: QgsProcessingContext,
    feedback: QgsProcessingFeedback | None,
    param: str,
    fields: Sequence[tuple[str, str]],
    columns: Mapping[str, Any],
    geometries: Any | None,
    geometry_type: str | None,
) -> str:
    """Write the whole output ``param`` and return its destination id (as ``parameterAsSink``).

    ``columns``: field name -> values (numpy arrays or sequences, None/NaN/NaT for null, dates
    as ``datetime64``/``datetime.date``); ``geometries``: shapely geometries in EPSG:27700 (or
    LineStrings as an ``(n, k, 2)`` coordinate array, or single-ring Polygons as ``Rings``)
    or None for a table without geometry (``geometry_type`` None).
    """
    n = len(geometries) if geometry_type is not None else len(next(iter(columns.values()), []))
    raw = _raw_destination(alg, parameters, param)
    target = None
    if raw and raw != QgsProcessing.TEMPORARY_OUTPUT:
        resolved = QgsProcessingParameters.parameterAsOutputLayer(
            alg.parameterDefinition(param), parameters.get(param), context, True
        )
        target = gpkg_target(resolved)
    is_3d = (
        geometry_type is not None
        and not is_line_coordinates(geometries)
        and not isinstance(geometries, Rings)
        and bool(shapely.has_z(np.asarray(geometries, dtype=object)).any())
    )
    if is_3d:
        target = None  # 3D: QGIS's writer declares it properly
    if target is None:
        return _through_sink(
            alg, parameters, context, feedback, param, fields, columns, geometries, geometry_type, n
        )
    dest = alg.parameterAsOutputLayer(parameters, param, context)  # registers load on completion
    path, table, whole_file = target
    # A source's own "fid" field would clash with the table's key: the rows get new fids.
    fields = [(name, kind) for name, kind in fields if name.lower() != "fid"]
    try:
        write_layer(
            path,
            table,
            fields,
            columns,
            geometries,
            geometry_type,
            replace_file=whole_file,
            progress=(lambda f: feedback.setProgress(100.0 * f)) if feedback is not None else None,
            cancel=feedback.isCanceled if feedback is not None else None,
        )
    except Cancelled:
        raise
    except (DigOnceError, OSError, sqlite3.Error) as exc:
        raise QgsProcessingException(f"{param}: could not write {path}: {exc}") from exc
    final = str(path) if whole_file else f"{path}|layername={table}"
    _rekey_load_on_completion(context, dest, final)
    return final

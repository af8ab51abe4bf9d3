"""A fast path for :func:`.layers.read_source`: a whole OGR layer (e.g. a GeoPackage table)
already in EPSG:27700 is read through GDAL's Arrow stream as numpy arrays, without a Python
loop over features. Anything else (selection, filter, subset, edits, another CRS, another
provider) returns None and the caller uses ``read_source``: the result is the same.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import shapely
from qgis.core import (
    QgsProcessingFeatureSourceDefinition,
    QgsProviderRegistry,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QMetaType

from ..core.errors import Cancelled
from ..core.schema import BNG_EPSG
from .layers import SourceArrays, check_fields

_GEOMETRIES_PER_STEP = 200_000  # WKB decoded per step: progress and cancel answer in between


def _plain_column(values: Any) -> Any:
    """A numpy (possibly masked) column as an object array of plain Python values, None where
    null or empty text; dates stay a ``datetime64[D]`` array (NaT where null), which the
    algorithms convert in bulk."""
    mask = np.ma.getmaskarray(values) if np.ma.isMaskedArray(values) else None
    data = np.ma.getdata(values)
    if data.dtype.kind == "M":
        days = data.astype("datetime64[D]")
        if mask is not None and mask.any():
            days[mask] = np.datetime64("NaT")
        return days
    repeated = _repeated_text(data) if data.dtype.kind == "S" else None
    blank = None
    if repeated is not None:
        distinct, which = repeated
        distinct[distinct == ""] = None  # QGIS gives NULL or ''; both are empty
        out = distinct[which]
    else:
        if data.dtype.kind == "S":
            try:
                data = data.astype("U")  # ASCII, in one C pass (most columns)
            except UnicodeDecodeError:
                data = np.char.decode(data, "utf-8")
        blank = data == "" if data.dtype.kind == "U" else None  # QGIS gives NULL or ''; both are empty
        out = data.astype(object)
    if mask is not None and mask.any():
        out[mask] = None
    if blank is not None and blank.any():
        out[blank] = None
    return out


def _row_hashes(data: np.ndarray) -> np.ndarray:
    """A 64-bit hash of each row of a fixed-width byte-string array (FNV-style, over 8-byte
    words, one vectorised pass per word)."""
    n, width = len(data), data.dtype.itemsize
    words = -(-width // 8)
    padded = np.zeros((n, words * 8), dtype=np.uint8)
    padded[:, :width] = np.ascontiguousarray(data).view(np.uint8).reshape(n, width)
    padded_words = padded.view(np.uint64)
    h = np.full(n, 14695981039346656037, dtype=np.uint64)
    for k in range(words):
        h ^= padded_words[:, k]
        h *= np.uint64(1099511628211)
        h ^= h >> np.uint64(29)
    return h


def _repeated_text(data: np.ndarray, sample: int = 4096) -> tuple[np.ndarray, np.ndarray] | None:
    """A UTF-8 byte-string column with few distinct values (owners, statuses) as its distinct
    values decoded once (an object array of str) and each row's index into them; None when
    the values are mostly distinct (a sample says so) or a hash collides.

    Decoding each distinct value once, rather than every row, is ~3x faster on a million rows
    and shares one str object per value. Rows are grouped by a 64-bit hash of their bytes (a
    few vectorised passes over 8-byte words); every row is then compared with its group's
    first value, so a collision is never taken for equality."""
    n = len(data)
    if n < sample:
        return None
    if len(set(data[:: n // sample].tolist())) > sample // 8:
        return None
    h = _row_hashes(data)
    _, first, which = np.unique(h, return_index=True, return_inverse=True)
    which = which.reshape(-1)
    if not (data[first][which] == data).all():
        return None
    distinct = np.empty(len(first), dtype=object)
    distinct[:] = [value.decode("utf-8") for value in data[first].tolist()]
    return distinct, which


_NUMERIC = (
    QMetaType.Type.Int,
    QMetaType.Type.LongLong,
    QMetaType.Type.UInt,
    QMetaType.Type.ULongLong,
    QMetaType.Type.Double,
)


def _has_nulls(ds: Any, lyr: Any, field_name: str) -> bool:
    """Whether a column has a null (one SQL count; True when it cannot be asked)."""
    quoted_layer = '"' + lyr.GetName().replace('"', '""') + '"'
    quoted_field = '"' + field_name.replace('"', '""') + '"'
    result = ds.ExecuteSQL(f"SELECT count(*) FROM {quoted_layer} WHERE {quoted_field} IS NULL")  # nosec B608  # identifiers quoted, values bound as parameters
    if result is None:
        return True
    try:
        feature = result.GetNextFeature()
        return feature is None or int(feature.GetField(0)) > 0
    finally:
        ds.ReleaseResultSet(result)


def read_layer_fast(
    layer: QgsVectorLayer | None,
    definition: Any,
    wanted: dict[str, str | None],
    layer_label: str,
    progress: Callable[[float], None] | None = None,
    cancel: Callable[[], bool] | None = None,
) -> SourceArrays | None:
    """Read every feature of an unfiltered OGR layer in EPSG:27700, or None when not possible.

    ``definition`` is the raw parameter value (to see "selected features only" and limits).
    Date fields come back as ``datetime64[D]`` arrays (NaT where null), other fields as object
    arrays of plain values (None where null or empty text). Datetime fields would need a London conversion, so they take the normal path.
    ``progress(fraction)`` is reported after each batch and step; when ``cancel()`` is then
    True, :class:`~..core.errors.Cancelled` is raised (as :func:`.layer_writer.write_layer`).
    """

    def tick(fraction: float) -> None:
        if cancel is not None and cancel():
            raise Cancelled(f"cancelled while reading {layer_label}")
        if progress is not None:
            progress(fraction)

    if layer is None or layer.providerType() != "ogr" or layer.subsetString():
        return None
    if isinstance(definition, QgsProcessingFeatureSourceDefinition) and (
        definition.selectedFeaturesOnly
        or definition.featureLimit != -1
        or getattr(definition, "filterExpression", "")
    ):
        return None
    if layer.isEditable() or layer.crs().authid() != f"EPSG:{BNG_EPSG}":
        return None
    indexes = check_fields(layer, wanted, layer_label)
    fields = layer.fields()
    # Text, date and numeric columns: GDAL's Arrow-to-numpy bridge was seen to shift boolean
    # columns between rows (those take the normal path), and numeric nulls are not reliably
    # masked, so a numeric column is only read here when it has no nulls (checked below).
    numeric = {role for role, i in indexes.items() if fields.at(i).type() in _NUMERIC}
    if any(
        fields.at(i).type() not in (QMetaType.Type.QString, QMetaType.Type.QDate, *_NUMERIC)
        for i in indexes.values()
    ):
        return None
    parts = QgsProviderRegistry.instance().decodeUri("ogr", layer.source())
    path = parts.get("path")
    try:
        from osgeo import ogr

        ds = ogr.Open(path)
        if ds is None:
            return None
        name = parts.get("layerName")
        lyr = ds.GetLayerByName(name) if name else ds.GetLayer(parts.get("layerId") or 0)
        if lyr is None or not hasattr(lyr, "GetArrowStreamAsNumPy"):
            return None
        names = {role: fields.at(i).name() for role, i in indexes.items()}
        fid_name = lyr.GetFIDColumn() or ""
        from_fid = {role for role, field_name in names.items() if fid_name and field_name == fid_name}
        names = {role: field_name for role, field_name in names.items() if role not in from_fid}
        for role in numeric - from_fid:
            if _has_nulls(ds, lyr, names[role]):
                return None
        defn = lyr.GetLayerDefn()
        ogr_names = [defn.GetFieldDefn(k).GetName() for k in range(defn.GetFieldCount())]
        lyr.SetIgnoredFields([f for f in ogr_names if f not in names.values()])
        geom_name = lyr.GetGeometryColumn() or "geometry"
        batches: dict[str, list[Any]] = {}
        expected = max(lyr.GetFeatureCount(0), 1)  # -1 when not cheap to know
        done = 0
        for batch in lyr.GetArrowStreamAsNumPy(options=["INCLUDE_FID=YES"]):
            for key, column in batch.items():
                batches.setdefault(key, []).append(column)
            done += len(next(iter(batch.values()), ()))
            tick(0.3 * min(done / expected, 1.0))
    except (RuntimeError, AttributeError):  # an old GDAL or a layer Arrow cannot stream
        return None
    if not batches:
        return SourceArrays(
            np.empty(0, object), np.empty(0, np.int64), {role: [] for role in [*names, *from_fid]}
        )
    fid_key = fid_name or "OGC_FID"
    fids = np.concatenate(batches[fid_key]).astype(np.int64)
    # GDAL names the Arrow geometry column after the layer's (a GeoPackage's "geom"); formats with
    # no named geometry column (GeoJSON, Shapefile) give "wkb_geometry". A layer with geometry
    # whose column cannot be found goes the QGIS way: never all works without a location.
    geom_key = next((k for k in (geom_name, "wkb_geometry", "geometry") if k in batches), None)
    if geom_key is None and lyr.GetGeomType() != ogr.wkbNone:
        return None
    wkb = np.concatenate(batches[geom_key]) if geom_key is not None else np.full(len(fids), None, object)
    geometries = np.empty(len(wkb), dtype=object)
    step = _GEOMETRIES_PER_STEP
    for begin in range(0, len(wkb), step):
        geometries[begin : begin + step] = shapely.from_wkb(wkb[begin : begin + step], on_invalid="ignore")
        tick(0.3 + 0.4 * min(begin + step, len(wkb)) / len(wkb))
    columns = {}
    for k, (role, name) in enumerate(names.items(), start=1):
        columns[role] = _plain_column(np.ma.concatenate(batches[name]))
        tick(0.7 + 0.3 * k / len(names))
    columns.update({role: fids.astype(object) for role in from_fid})
    return SourceArrays(geometries=geometries, fids=fids, columns=columns)

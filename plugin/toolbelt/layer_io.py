"""Read an input layer into columns, write an output layer from columns: the one way the
algorithms move features in and out of QGIS (everything in between is numpy/shapely in
``plugin.core``).

``read_columns(source, wanted, context, feedback, label, layer=, definition=)``
    Every feature of an input once, as :class:`SourceArrays` (geometries in EPSG:27700, feature
    ids, the wanted fields by role). It picks the route itself: a whole OGR layer (a GeoPackage
    table, a GeoJSON or Shapefile) already in EPSG:27700, with no selection, filter expression or
    edits (a subset WHERE clause is applied by OGR, as QGIS's OGR provider applies it), and wanted fields that are text, dates or numbers without nulls (GDAL's Arrow bridge
    misreads booleans), is read through GDAL's Arrow stream as numpy arrays; anything else
    feature by feature through QGIS (which also reprojects). Both give the same columns
    (tests/qgis/test_read_columns.py, test_cov_read_columns_file_formats.py).
``write_columns(alg, parameters, context, feedback, param, fields, columns, geometries, geometry_type)``
    A whole output layer: straight into the GeoPackage when the destination is one (the usual
    case, and always from ``qgis_process``) by :func:`..layerio.table_writer.write_layer`,
    through QGIS's feature sink otherwise (memory layers, Shapefiles, PostGIS...). Both give the
    same layer.

Why the hand-written parts earn their place: ``scripts/bench_layer_io.py`` measures each against
the libraries' own in one run (200,000 rows, 2 shared cores; two runs at load 4-7): writing
the output through ``write_layer`` 0.8-1.0 s against 1.5-4.2 s through ``QgsVectorFileWriter``
(a ``QgsFeature`` per row, what the sink route does: 1.9-4.1x) and 5.9-10.7 s through GDAL's own
writer fed from Python (7-10x); reading works through the Arrow route 0.26-0.37 s against
3.5-6.2 s feature by feature (13-17x); decoding a million-row owner column once per distinct
value (:func:`_repeated_text`) 0.10-0.23 s against 0.37-0.49 s for every row (2.1-3.9x).
At England scale (3M works, a year) the Arrow route converts GDAL's batches one by one into
columns allocated once: peak 1.32 GB during the read where holding every batch took 2.39 GB,
in 2.8-5.0 s against 5.4-5.8 s (same works; 2 shared cores, load 2-4); at 200,000 rows it
takes what it took (0.26-0.38 s either way, same process). GDAL reads the next batch on a thread
of its own while this one is converted (:class:`..core.parallel.one_ahead`: GDAL lets go of the
GIL): the year's 3.1M works with eight fields in 3.6 s instead of 8.0 s, inside checkrestrictions.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from qgis.core import (
    QgsCoordinateTransform,
    QgsDataSourceUri,
    QgsFeature,
    QgsFeatureRequest,
    QgsFeatureSink,
    QgsFeatureSource,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsProcessing,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeatureSourceDefinition,
    QgsProcessingFeedback,
    QgsProcessingOutputLayerDefinition,
    QgsProcessingParameters,
    QgsProperty,
    QgsProviderRegistry,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QDate, QDateTime, QMetaType

from ..core.compact import CompactGeometries
from ..core.errors import Cancelled, DigOnceError
from ..core.memory import release_free_memory
from ..core.parallel import one_ahead
from ..core.rings import Rings
from ..core.schema import BNG_EPSG
from ..core.works import DeferredColumn
from ..layerio.gpkg import GEOM_COLUMN, as_shapely, is_line_coordinates
from ..layerio.table_writer import write_layer
from .layers import BNG, plain_value


@dataclass
class SourceArrays:
    """A source read into memory: geometries in EPSG:27700, feature ids and attribute columns."""

    # shapely geometries (None where missing), or CompactGeometries when read with compact=True
    geometries: np.ndarray | CompactGeometries
    fids: np.ndarray  # int64 feature ids
    columns: dict[str, list[Any]] = field(default_factory=dict)
    reprojected_from: str | None = None
    arrow: bool = False  # read through GDAL's Arrow stream (else through QGIS features)

    def __len__(self) -> int:
        return len(self.fids)


def check_fields(source: QgsFeatureSource, wanted: dict[str, str | None], layer_label: str) -> dict[str, int]:
    """Index of each wanted field; a clear error naming the field and layer when absent.

    ``wanted`` maps a role (e.g. ``"start"``) to a field name (None or "" = not used).
    """
    names = source.fields().names()
    indexes: dict[str, int] = {}
    for role, name in wanted.items():
        if not name:
            continue
        idx = source.fields().lookupField(name)
        if idx < 0:
            raise QgsProcessingException(
                f"Field {name!r} ({role}) is not in layer {layer_label!r}; its fields are: {', '.join(names)}"
            )
        indexes[role] = idx
    return indexes


# --- reading: feature by feature through QGIS --------------------------------------------


def _read_features(
    source: QgsFeatureSource,
    wanted: dict[str, str | None],
    context: QgsProcessingContext,
    feedback: QgsProcessingFeedback | None,
    layer_label: str,
) -> SourceArrays:
    """Read every feature of ``source`` once: geometries in EPSG:27700 plus the wanted fields.

    Columns are keyed by role (the keys of ``wanted``) and hold plain Python values; empty
    text is None, as NULL is (formats differ in which of the two an empty field gives, and
    the GDAL Arrow route, :func:`_read_arrow`, reads both as None).
    Geographic or other CRSs are reprojected to EPSG:27700 (said in the log).
    """
    indexes = check_fields(source, wanted, layer_label)
    crs = source.sourceCrs()
    transform = None
    reprojected = None
    if crs.isValid() and crs.authid() != BNG.authid():
        transform = QgsCoordinateTransform(crs, BNG, context.transformContext())
        reprojected = crs.authid() or crs.description()
        if feedback:
            feedback.pushInfo(
                f"{layer_label}: reprojecting from {reprojected} to EPSG:27700 (distances in metres)"
            )
    request = QgsFeatureRequest()
    request.setSubsetOfAttributes(sorted(set(indexes.values())))
    if transform is not None:
        request.setDestinationCrs(BNG, context.transformContext())
    total = source.featureCount() or 0
    wkbs: list[bytes | None] = []
    fids: list[int] = []
    columns: dict[str, list[Any]] = {role: [] for role in indexes}
    step = max(1, total // 100) if total > 0 else 1000
    for n, feature in enumerate(source.getFeatures(request)):
        if feedback is not None and n % step == 0:
            if feedback.isCanceled():
                break
            if total:
                feedback.setProgress(100.0 * n / total)
        geom = feature.geometry()
        wkbs.append(bytes(geom.asWkb()) if geom is not None and not geom.isNull() else None)
        fids.append(feature.id())
        attrs = feature.attributes()
        for role, idx in indexes.items():
            value = plain_value(attrs[idx])
            columns[role].append(None if isinstance(value, str) and not value else value)
    geometries = shapely.from_wkb(np.array(wkbs, dtype=object), on_invalid="ignore")
    return SourceArrays(
        geometries=np.asarray(geometries, dtype=object),
        fids=np.asarray(fids, dtype=np.int64),
        columns=columns,
        reprojected_from=reprojected,
    )


# --- reading: GDAL's Arrow stream --------------------------------------------------------


_TRIM_AFTER_ROWS = 500_000  # a layer this big hands the memory freed while reading back


def _plain_column(values: Any, shared: dict[bytes, str] | None = None) -> Any:
    """A numpy (possibly masked) column as an object array of plain Python values, None where
    null or empty text; dates stay a ``datetime64[D]`` array (NaT where null), which the
    algorithms convert in bulk. ``shared``: the text values decoded so far in this column (see
    :func:`_repeated_text`), so a value repeated across batches is one str object."""
    mask = np.ma.getmaskarray(values) if np.ma.isMaskedArray(values) else None
    data = np.ma.getdata(values)
    if data.dtype.kind == "M":
        days = data.astype("datetime64[D]")  # a copy: nothing keeps GDAL's batch alive
        if mask is not None and mask.any():
            days[mask] = np.datetime64("NaT")
        return days
    repeated = _repeated_text(data, shared=shared) if data.dtype.kind == "S" else None
    blank = None
    if repeated is not None:
        distinct, which = repeated
        distinct[distinct == ""] = None  # QGIS gives NULL or ''; both are empty
        out = distinct[which]
    elif data.dtype.kind == "S":
        # mostly distinct text (ids, USRNs): each value decoded from its bytes, UTF-8 (30 % less
        # time than converting to numpy's fixed-width unicode and then to objects)
        out = np.empty(len(data), dtype=object)
        out[:] = list(map(bytes.decode, data.tolist()))
        blank = data == b""  # QGIS gives NULL or ''; both are empty
    else:
        blank = data == "" if data.dtype.kind == "U" else None
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


def _repeated_text(
    data: np.ndarray, sample: int = 4096, shared: dict[bytes, str] | None = None
) -> tuple[np.ndarray, np.ndarray] | None:
    """A UTF-8 byte-string column with few distinct values (owners, statuses) as its distinct
    values decoded once (an object array of str) and each row's index into them; None when
    the values are mostly distinct (a sample says so) or a hash collides. ``shared`` maps the
    bytes of each value decoded so far to its str (filled here): the batches of one column
    then share one str object per value, not one per batch.

    Decoding each distinct value once, rather than every row, is ~3x faster on a million rows
    and shares one str object per value. Rows are grouped by a 64-bit hash of their bytes (a
    few vectorised passes over 8-byte words); every row is then compared with its group's
    first value, so a collision is never taken for equality."""
    n = len(data)
    if n < sample:
        # too short to be worth hashing (a small layer, a stream's last batch): with ``shared``
        # mapped row by row through it, so a value is one str object in every batch; not once
        # it holds many values (a column of distinct ids: its memory stays bounded)
        if shared is None or len(shared) >= sample:
            return None
        return _short_repeated_text(data, shared)
    if len(set(data[:: n // sample].tolist())) > sample // 8:
        return None
    h = _row_hashes(data)
    _, first, which = np.unique(h, return_index=True, return_inverse=True)
    which = which.reshape(-1)
    if not (data[first][which] == data).all():
        return None
    known = {} if shared is None else shared
    distinct = np.empty(len(first), dtype=object)
    distinct[:] = [
        known[value] if value in known else known.setdefault(value, value.decode("utf-8"))
        for value in data[first].tolist()
    ]
    return distinct, which


def _short_repeated_text(data: np.ndarray, shared: dict[bytes, str]) -> tuple[np.ndarray, np.ndarray]:
    """:func:`_repeated_text` of a few rows, by a dict lookup a row (``shared`` filled here)."""
    index: dict[bytes, int] = {}
    which = np.fromiter(
        (index.setdefault(value, len(index)) for value in data.tolist()), dtype=np.intp, count=len(data)
    )
    distinct = np.empty(len(index), dtype=object)
    distinct[:] = [
        shared[value] if value in shared else shared.setdefault(value, value.decode("utf-8"))
        for value in index
    ]
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


def _read_arrow(
    layer: QgsVectorLayer | None,
    definition: Any,
    wanted: dict[str, str | None],
    layer_label: str,
    progress: Callable[[float], None] | None = None,
    cancel: Callable[[], bool] | None = None,
    deferred: frozenset[str] = frozenset(),
    compact: bool = False,
) -> SourceArrays | None:
    """Read every feature of an OGR layer in EPSG:27700 (its subset too), or None when not possible.
    ``compact``: the geometries come back as :class:`~..core.compact.CompactGeometries`.
    Text roles in ``deferred`` are not read now: their columns are :class:`DeferredColumn`
    reading only the rows asked for, later, by feature id (:func:`_deferred_texts`).

    ``definition`` is the raw parameter value (to see "selected features only" and limits).
    Date fields come back as ``datetime64[D]`` arrays (NaT where null), other fields as object
    arrays of plain values (None where null or empty text). Datetime fields would need a London conversion, so they take the normal path.
    ``progress(fraction)`` is reported after each batch; when ``cancel()`` is then
    True, :class:`~..core.errors.Cancelled` is raised (as :func:`..layerio.table_writer.write_layer`).
    """

    def tick(fraction: float) -> None:
        if cancel is not None and cancel():
            raise Cancelled(f"cancelled while reading {layer_label}")
        if progress is not None:
            progress(fraction)

    # a subset (a planner's "works starting this quarter") is a WHERE clause that QGIS's OGR
    # provider hands to OGR: the same clause as the OGR layer's attribute filter gives the same
    # rows; a full "SELECT ..." subset takes the QGIS route
    subset = layer.subsetString().strip() if layer is not None else ""
    if layer is None or layer.providerType() != "ogr" or subset.lower().startswith("select"):
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
        if subset and lyr.SetAttributeFilter(subset) != ogr.OGRERR_NONE:
            return None
        names = {role: fields.at(i).name() for role, i in indexes.items()}
        fid_name = lyr.GetFIDColumn() or ""
        from_fid = {role for role, field_name in names.items() if fid_name and field_name == fid_name}
        names = {role: field_name for role, field_name in names.items() if role not in from_fid}
        for role in numeric - from_fid:
            if _has_nulls(ds, lyr, names[role]):
                return None
        later = {
            role: names.pop(role)
            for role in deferred & set(names)
            if fields.at(indexes[role]).type() == QMetaType.Type.QString
        }
        defn = lyr.GetLayerDefn()
        ogr_names = [defn.GetFieldDefn(k).GetName() for k in range(defn.GetFieldCount())]
        lyr.SetIgnoredFields([f for f in ogr_names if f not in names.values()])
        geom_name = lyr.GetGeometryColumn() or "geometry"
        count = lyr.GetFeatureCount(0)  # -1 when not cheap to know
        has_geometry = lyr.GetGeomType() != ogr.wkbNone
        stream = iter(lyr.GetArrowStreamAsNumPy(options=["INCLUDE_FID=YES"]))
    except (RuntimeError, AttributeError):  # an old GDAL or a layer Arrow cannot stream
        return None
    # GDAL lets go of the GIL while it reads a batch: the next batch is read on a thread while
    # this one is converted (one batch ahead; nothing else touches the dataset meanwhile)
    with one_ahead(stream) as batches:
        arrays = _arrow_columns(
            batches, fid_name, geom_name, has_geometry, names, from_fid, count, tick, compact=compact
        )
    if arrays is None:
        return None
    if len(arrays.fids) >= _TRIM_AFTER_ROWS:
        release_free_memory()
    if later:
        where = (path, name, parts.get("layerId") or 0, fid_name, layer_label)
        arrays.columns.update(_deferred_texts(where, later, arrays.fids))
    tick(1.0)
    return arrays


#: feature ids in one attribute filter of a deferred read
_FIDS_A_QUERY = 5000


def _deferred_texts(where: tuple, field_names: dict[str, str], fids: np.ndarray) -> dict[str, DeferredColumn]:
    """The deferred text columns (role -> field) of a layer read by :func:`_read_arrow`. Rows
    asked of any of them are read for all of them at once (their features by id, an attribute
    filter on a few thousand ids at a time), so the layer is opened once per set of rows, not
    once per field; the values are as the Arrow route gives them. A feature gone since the
    first read (the file changed meanwhile) is an error naming the layer."""
    path, name, layer_id, fid_name, layer_label = where
    read: dict[str, dict[int, Any]] = {role: {} for role in field_names}  # role -> row -> value

    def read_rows(rows: np.ndarray) -> None:
        from osgeo import ogr

        wanted = fids[rows]
        found: dict[str, dict[int, Any]] = {role: {} for role in field_names}  # role -> fid -> value
        try:
            ds = ogr.Open(path)
            lyr = None if ds is None else ds.GetLayerByName(name) if name else ds.GetLayer(layer_id)
            if lyr is None:
                raise RuntimeError("the layer cannot be opened again")
            defn = lyr.GetLayerDefn()
            others = [defn.GetFieldDefn(k).GetName() for k in range(defn.GetFieldCount())]
            lyr.SetIgnoredFields([f for f in others if f not in field_names.values()] + ["OGR_GEOMETRY"])
            fid_sql = '"' + fid_name.replace('"', '""') + '"' if fid_name else "FID"
            shared: dict[str, dict[bytes, str]] = {role: {} for role in field_names}
            for start in range(0, len(wanted), _FIDS_A_QUERY):
                chunk = wanted[start : start + _FIDS_A_QUERY]
                if lyr.SetAttributeFilter(f"{fid_sql} IN ({','.join(map(str, chunk.tolist()))})"):
                    raise RuntimeError("the features cannot be asked for by id")
                for batch in lyr.GetArrowStreamAsNumPy(options=["INCLUDE_FID=YES"]):
                    batch_fids = batch[fid_name or "OGC_FID"].tolist()
                    for role, field_name in field_names.items():
                        values = _plain_column(batch[field_name], shared[role]).tolist()
                        found[role].update(zip(batch_fids, values, strict=True))
        except (RuntimeError, KeyError) as exc:
            raise DigOnceError(
                f"{layer_label}: fields {', '.join(map(repr, field_names.values()))} could not be read "
                f"again ({exc})"
            ) from exc
        any_found = next(iter(found.values()))
        gone = [fid for fid in wanted.tolist() if fid not in any_found]
        if gone:
            raise DigOnceError(
                f"{layer_label}: {len(gone)} features (e.g. id {gone[0]}) are gone since the layer was "
                "read: it changed during the run; run it again"
            )
        for role, by_fid in found.items():
            read[role].update(zip(rows.tolist(), (by_fid[fid] for fid in wanted.tolist()), strict=True))

    def fetch(role: str) -> Callable[[np.ndarray], np.ndarray]:
        def values(rows: np.ndarray) -> np.ndarray:
            known = read[role]
            missing = rows[[r not in known for r in rows.tolist()]]
            if len(missing):
                read_rows(missing)
            out = np.empty(len(rows), dtype=object)
            out[:] = [known[r] for r in rows.tolist()]
            return out

        return values

    return {role: DeferredColumn(len(fids), fetch(role)) for role in field_names}


def _arrow_columns(
    batches: Any,
    fid_name: str,
    geom_name: str,
    has_geometry: bool,
    names: dict[str, str],
    from_fid: set[str],
    count: int,
    tick: Callable[[float], None],
    *,
    compact: bool = False,
) -> SourceArrays | None:
    """The columns of GDAL's Arrow batches (see :func:`_read_arrow`), None when a batch cannot
    be read or has no geometry column where the layer has geometry."""
    # Each batch is converted as it comes (WKB to geometries, UTF-8 to str, dates) and then
    # dropped: never all of GDAL's raw batches and all the converted columns at once (at 3M
    # works the raw batches are ~600 MB, WKB bytes objects mostly). Kept values are copies,
    # never views that would keep a batch alive; they go straight into the whole columns.
    fid_key = fid_name or "OGC_FID"
    geom_key: str | None = None
    rows = _Rows(count)
    expected = max(count, 1)
    shared: dict[str, dict[bytes, str]] = {role: {} for role in names}  # per column
    while True:
        try:
            batch = next(batches)
        except StopIteration:
            break
        except (RuntimeError, AttributeError):  # a layer Arrow cannot stream
            return None
        if not rows.size:
            # GDAL names the Arrow geometry column after the layer's (a GeoPackage's "geom");
            # formats with no named geometry column (GeoJSON, Shapefile) give "wkb_geometry". A
            # layer with geometry whose column cannot be found goes the QGIS way: never all
            # works without a location.
            geom_key = next((k for k in (geom_name, "wkb_geometry", "geometry") if k in batch), None)
            if geom_key is None and has_geometry:
                return None
        converted = {_FIDS: batch[fid_key].astype(np.int64)}
        if geom_key is not None and compact:
            column = CompactGeometries.from_wkb(batch[geom_key])
            converted.update(zip(_COMPACT, column.arrays(), strict=True))
        elif geom_key is not None:
            converted[_GEOMETRIES] = shapely.from_wkb(batch[geom_key], on_invalid="ignore")
        for role, name in names.items():
            converted[role] = _plain_column(batch[name], shared[role])
        del batch
        rows.append(converted)
        del converted
        tick(min(rows.size / expected, 1.0))
    if not rows.size:
        empty = CompactGeometries.from_geometries([]) if compact else np.empty(0, object)
        return SourceArrays(empty, np.empty(0, np.int64), {role: [] for role in [*names, *from_fid]})
    columns = rows.columns()
    fids = columns.pop(_FIDS)
    geometries = columns.pop(_GEOMETRIES, None)
    if _COMPACT[0] in columns:
        geometries = CompactGeometries(*(columns.pop(key) for key in _COMPACT))
    if geometries is None:
        geometries = np.full(len(fids), None, object)
        if compact:
            geometries = CompactGeometries.from_geometries(geometries)
    columns.update({role: fids.astype(object) for role in from_fid})
    # the batches' WKB and text were freed in small pieces among the kept geometries and str
    # objects: glibc keeps such memory (~90 bytes a work: 270 MB at 3M works) unless handed
    # back, and the engine's big arrays do not reuse it. A trim (by the caller, once the
    # stream's thread is done) costs tens of ms (and page faults when the memory is used
    # again): worth it for a big layer only.
    return SourceArrays(geometries=geometries, fids=fids, columns=columns, arrow=True)


_FIDS, _GEOMETRIES = "\0fids", "\0geometries"  # keys no role can have
_COMPACT = tuple(f"\0compact.{name}" for name in ("kind", "ax", "ay", "bx", "by", "geos"))


class _Rows:
    """Columns filled batch after batch into arrays allocated once, for the rows the layer says
    it has, grown (doubled) if more come: joining per-batch parts at the end would hold every
    column twice (~170 MB more at 3M works, and the parts' memory stays with the process)."""

    def __init__(self, expected: int):
        self.capacity = max(expected, 0)  # -1: not cheap to know
        self.size = 0
        self._columns: dict[str, np.ndarray] = {}

    def append(self, batch: dict[str, np.ndarray]) -> None:
        n = len(batch[_FIDS])
        if self.size + n > self.capacity:
            self.capacity = max(2 * self.capacity, self.size + n)
            for key, column in self._columns.items():
                grown = np.empty(self.capacity, column.dtype)
                grown[: self.size] = column[: self.size]
                self._columns[key] = grown
        for key, values in batch.items():
            if key not in self._columns:
                self._columns[key] = np.empty(self.capacity, values.dtype)  # None for objects
            self._columns[key][self.size : self.size + n] = values
        self.size += n

    def columns(self) -> dict[str, np.ndarray]:
        """The whole columns, exactly as long as the rows read (a copy only if fewer came)."""
        return {
            key: column if len(column) == self.size else column[: self.size].copy()
            for key, column in self._columns.items()
        }


def read_columns(
    source: QgsFeatureSource,
    wanted: dict[str, str | None],
    context: QgsProcessingContext,
    feedback: QgsProcessingFeedback | None,
    layer_label: str,
    *,
    layer: QgsVectorLayer | None = None,
    definition: Any = None,
    deferred: Iterable[str] = (),
    compact: bool = False,
) -> SourceArrays:
    """Every feature of an input once: geometries in EPSG:27700, feature ids and the wanted
    fields (``wanted`` maps a role, e.g. ``"start"``, to a field name; None or "" = not used),
    keyed by role. A field that is not there is a clear error naming it and the layer.

    ``layer`` and ``definition`` are the input's layer and raw parameter value
    (``alg.parameterAsVectorLayer(...)``, ``parameters.get(name)``); with them a whole OGR
    layer in EPSG:27700 is read through GDAL's Arrow stream (dates then come back as a
    ``datetime64[D]`` array, which :func:`.layers.column_days` reads as it reads dates), else
    feature by feature through QGIS. ``arrays.arrow`` says which route was taken. On the Arrow
    route the text roles in ``deferred`` are read later, only for the rows asked for
    (:class:`~..core.works.DeferredColumn`); the QGIS route reads them with the rest.
    ``compact``: on the Arrow route the geometries are
    :class:`~..core.compact.CompactGeometries` (points and two-point lines as coordinates,
    never made into shapely objects); the QGIS route gives shapely objects either way.
    """
    arrays = None
    if layer is not None:
        arrays = _read_arrow(
            layer,
            definition,
            wanted,
            layer_label,
            progress=(lambda f: feedback.setProgress(100.0 * f)) if feedback is not None else None,
            cancel=feedback.isCanceled if feedback is not None else None,
            deferred=frozenset(deferred),
            compact=compact,
        )
    return arrays if arrays is not None else _read_features(source, wanted, context, feedback, layer_label)


# --- writing ---------------------------------------------------------------------------------

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


def _as_list(values: Any) -> list[Any]:
    """A column's values as a list; ASCII bytes (works' ids, ``core.works.ascii_ids``) as str."""
    if isinstance(values, np.ndarray):
        return (values.astype(str) if values.dtype.kind == "S" else values).tolist()
    return list(values)


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
    lists = [(kind, _as_list(columns[name])) for name, kind in fields]
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


@dataclass
class PlannedWrite:
    """An output whose destination is settled (:func:`plan_write`): ``run()`` writes it (on any
    thread when it is a GeoPackage written in bulk, :func:`bulk_path`: nothing of QGIS's is
    touched), then ``finish()`` on the algorithm's thread returns its destination id."""

    run: Callable[[], None]
    finish: Callable[[], str]


def _target(alg, parameters: Mapping[str, Any], context: QgsProcessingContext, param: str):
    """:func:`gpkg_target` of output ``param``'s destination (None: QGIS's sink: a temporary
    layer, another format). Nothing is registered."""
    raw = _raw_destination(alg, parameters, param)
    if not raw or raw == QgsProcessing.TEMPORARY_OUTPUT:
        return None
    resolved = QgsProcessingParameters.parameterAsOutputLayer(
        alg.parameterDefinition(param), parameters.get(param), context, True
    )
    return gpkg_target(resolved)


def bulk_path(alg, parameters: Mapping[str, Any], context: QgsProcessingContext, param: str) -> Path | None:
    """The GeoPackage file output ``param`` would be written into in bulk, or None."""
    target = _target(alg, parameters, context, param)
    return target[0] if target is not None else None


def write_columns(
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
    planned = plan_write(
        alg, parameters, context, feedback, param, fields, columns, geometries, geometry_type
    )
    planned.run()
    return planned.finish()


def plan_write(
    alg,
    parameters: Mapping[str, Any],
    context: QgsProcessingContext,
    feedback: Any,
    param: str,
    fields: Sequence[tuple[str, str]],
    columns: Mapping[str, Any],
    geometries: Any | None,
    geometry_type: str | None,
) -> PlannedWrite:
    """:func:`write_columns` in two parts, so that a large output can be written on a thread of
    its own while this one goes on: the destination is settled here (on the algorithm's
    thread), the rows are written by ``run()``. ``feedback`` needs only ``setProgress`` and
    ``isCanceled`` when the output is written in bulk."""
    n = len(geometries) if geometry_type is not None else len(next(iter(columns.values()), []))
    target = _target(alg, parameters, context, param)
    is_3d = (
        geometry_type is not None
        and not is_line_coordinates(geometries)
        and not isinstance(geometries, Rings)
        and bool(shapely.has_z(np.asarray(geometries, dtype=object)).any())
    )
    if is_3d:
        target = None  # 3D: QGIS's writer declares it properly
    if target is None:
        through_sink: list[str] = []

        def run_sink() -> None:
            through_sink.append(
                _through_sink(
                    alg, parameters, context, feedback, param, fields, columns, geometries, geometry_type, n
                )
            )

        return PlannedWrite(run_sink, lambda: through_sink[0])
    dest = alg.parameterAsOutputLayer(parameters, param, context)  # registers load on completion
    path, table, whole_file = target
    # A source's own "fid" field would clash with the table's key: the rows get new fids.
    fields = [(name, kind) for name, kind in fields if name.lower() != "fid"]
    final = str(path) if whole_file else f"{path}|layername={table}"

    def run() -> None:
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

    def finish() -> str:
        _rekey_load_on_completion(context, dest, final)
        return final

    return PlannedWrite(run, finish)

"""The result layers the report and the meeting export read, QGIS side (a helper module: not an
algorithm): features as rows of plain values, of which :mod:`plugin.core.meeting` makes the
coordination groups; the runs stamped in the results; the meeting pack's tables as layers."""

from __future__ import annotations

import math
import sqlite3
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import shapely
from qgis.core import (
    QgsCoordinateTransform,
    QgsFeature,
    QgsFeatureRequest,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsProcessingException,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QDate, QMetaType

from ..plugin.core.meeting import GROUP_FIELDS, PAIR_FIELDS, WORK_FIELDS, MeetingGroup, assemble_groups
from ..plugin.core.report_rows import fill_boroughs
from ..plugin.toolbelt.layers import BNG, plain_value
from ..plugin.toolbelt.outputs import PARAMS_PROPERTY, RUNS_TABLE, gpkg_path_of, read_stamped_parameters
from ..plugin.toolbelt.settings import PluginSettings

RUN_KEYS = ("algorithm", "parameters", "created", "qgis_version", "plugin_version")
COLUMN_TYPES = {"int": QMetaType.Type.Int, "double": QMetaType.Type.Double, "text": QMetaType.Type.QString,
                "date": QMetaType.Type.QDate}  # fmt: skip


def to_shapely(geometry: QgsGeometry) -> Any:
    return shapely.from_wkb(bytes(geometry.asWkb()))


def read_rows(
    source,
    names: Mapping[str, Sequence[str]],
    feedback,
    context=None,
    *,
    geometry: Callable[[QgsGeometry], Any] | None = None,
    cancelled: str = "Cancelled",
) -> Iterator[dict[str, Any]]:
    """Each feature of a layer or feature source as a row of plain values: for each key, the
    first of its field names the source has (None without one). With ``geometry``, also
    ``row["geometry"]``: ``geometry`` of the feature's geometry in EPSG:27700, None when empty."""
    fields = source.fields()
    index = {}
    for key, candidates in names.items():
        found = [i for i in map(fields.lookupField, candidates) if i >= 0]
        index[key] = found[0] if found else -1
    request = QgsFeatureRequest()
    if geometry is None:
        request.setFlags(QgsFeatureRequest.Flag.NoGeometry)
    transform = None
    if geometry is not None and source.sourceCrs().isValid() and source.sourceCrs() != BNG:
        transform = QgsCoordinateTransform(source.sourceCrs(), BNG, context.transformContext())
    for n, feature in enumerate(source.getFeatures(request)):
        if n % 1000 == 0 and feedback.isCanceled():
            raise QgsProcessingException(cancelled)
        attrs = feature.attributes()
        row = {key: (plain_value(attrs[i]) if i >= 0 else None) for key, i in index.items()}
        if geometry is not None:
            geom = feature.geometry()
            if geom is None or geom.isEmpty():
                row["geometry"] = None
            else:
                if transform is not None:
                    geom.transform(transform)
                row["geometry"] = geometry(geom)
        yield row


def placed_rows(layer, names: Mapping[str, Sequence[str]], feedback, context, cancelled: str, outside: str):
    """Rows of ``names``, one of them "borough": the layer's own borough field, else the shipped
    outline holding the feature's centre (``outside`` when none does)."""
    rows = list(read_rows(layer, names, feedback, context, geometry=lambda g: g.centroid().asPoint(),
                          cancelled=cancelled))  # fmt: skip
    centres = [row.pop("geometry") for row in rows]
    xs = [math.nan if p is None else p.x() for p in centres]
    ys = [math.nan if p is None else p.y() for p in centres]
    fill_boroughs(rows, xs, ys, outside)
    return rows


def read_groups(groups_layer, pairs_layer, works_layer, context, feedback) -> list[MeetingGroup]:
    """Every group with its pairs and works (works only when the works layer is given)."""

    def rows(layer, fields: tuple[str, ...], geometry=None):
        return read_rows(layer, {f: (f,) for f in fields}, feedback, context, geometry=geometry)

    pairs = rows(pairs_layer, PAIR_FIELDS, to_shapely) if pairs_layer is not None else ()
    works = None if works_layer is None else (lambda: rows(works_layer, WORK_FIELDS, to_shapely))
    return assemble_groups(rows(groups_layer, GROUP_FIELDS), pairs, works)


# -- the runs stamped in the results -------------------------------------------------------


def stamped_runs(layer: QgsVectorLayer) -> dict[str, Any] | None:
    """The ``digonce_runs`` row of a result layer: algorithm, parameters, created, versions."""
    where = gpkg_path_of(layer)
    if where is None:
        return None
    path, table = where
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = con.execute(
                f"SELECT {', '.join(RUN_KEYS)} FROM {RUNS_TABLE} WHERE layer = ?",  # nosec B608  # constant table and columns, value bound
                (table,),
            ).fetchone()
        finally:
            con.close()
    except sqlite3.Error:
        return None
    return None if row is None else dict(zip(RUN_KEYS, row, strict=True))


def stamped_parameters(layers: Mapping[str, QgsVectorLayer]) -> list[dict[str, Any]]:
    """The run stamped in each result (``digonce_runs``: algorithm, parameters, time), else the
    parameters stamped in the layer or its GeoPackage; layers without either are left out."""
    out = []
    for role, layer in layers.items():
        run = stamped_runs(layer)
        if run is None:
            text = layer.customProperty(PARAMS_PROPERTY)
            where = gpkg_path_of(layer)
            if not text and where is not None:
                text = read_stamped_parameters(*where)
            if not text:
                continue
            run = {"algorithm": "", "parameters": str(text), "created": ""}
        out.append({"layer": f"{layer.name()} ({role.lower()})", "algorithm": run["algorithm"],
                    "parameters": run["parameters"], "created": (run["created"] or "").replace("T", " ")})  # fmt: skip
    return out


def store_catalogue(path: str, feedback, cannot_read: str) -> list[dict[str, Any]]:
    """The catalogue of the store at ``path`` (empty: the plugin's store, when it exists), last
    import first; ``cannot_read`` ({0} the path, {1} the error) is reported when it cannot be
    read, and the report goes on without its sources."""
    if not path:
        default = PluginSettings.load().resolved_store_path()
        path = default if Path(default).exists() else ""
    if not path:
        return []
    from ..plugin.store import Store

    try:
        return list(reversed(Store(path).catalogue()))
    except Exception as exc:  # noqa: BLE001 - the report is still useful without its sources
        feedback.reportError(cannot_read.format(path, exc))
        return []


# -- the meeting pack's tables --------------------------------------------------------------


def table_layer(name: str, columns, rows, dates_as_text: bool = False) -> QgsVectorLayer:
    """A memory table of ``plugin.core.meeting``'s (column, kind) and rows; dates as QDate
    (real dates in a workbook) or, with ``dates_as_text``, as YYYY-MM-DD text (GDAL's CSV
    driver writes dates as YYYY/MM/DD)."""
    fields = QgsFields()
    for column, kind in columns:
        fields.append(QgsField(column, COLUMN_TYPES["text" if dates_as_text and kind == "date" else kind]))
    dates = [n for n, (_c, kind) in enumerate(columns) if kind == "date"]
    layer = QgsVectorLayer("None", name, "memory")
    layer.dataProvider().addAttributes(fields.toList())
    layer.updateFields()
    features = []
    for row in rows:
        feature = QgsFeature(layer.fields())
        values = list(row)
        for n in dates:
            if values[n] is not None:
                day = values[n]
                values[n] = day.isoformat() if dates_as_text else QDate(day.year, day.month, day.day)
        feature.setAttributes(values)
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    return layer

"""Read a QGIS feature source once into arrays for the engine (geometries via WKB).

This is the only place algorithms touch features one by one; everything after is bulk
shapely/numpy in ``plugin.core``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import shapely
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeatureRequest,
    QgsFeatureSource,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
)
from qgis.PyQt.QtCore import QDate, QDateTime, Qt, QVariant

from ..core.dates import parse_day
from ..core.schema import BNG_EPSG

BNG = QgsCoordinateReferenceSystem(f"EPSG:{BNG_EPSG}")


@dataclass
class SourceArrays:
    """A source read into memory: geometries in EPSG:27700, feature ids and attribute columns."""

    geometries: np.ndarray  # shapely geometries (None where missing)
    fids: np.ndarray  # int64 feature ids
    columns: dict[str, list[Any]] = field(default_factory=dict)
    reprojected_from: str | None = None

    def __len__(self) -> int:
        return len(self.fids)


def is_null(value: Any) -> bool:
    """True for None and QGIS NULL variants."""
    return value is None or (isinstance(value, QVariant) and value.isNull())


def plain_value(value: Any) -> Any:
    """A QGIS attribute as a plain Python value (dates as ``datetime.date``/``datetime``)."""
    if is_null(value):
        return None
    if isinstance(value, QDateTime):
        if not value.isValid():
            return None
        moment = value.toPyDateTime()
        # toPyDateTime drops the zone: a time written with Z or an offset keeps it, so its
        # London date is taken after conversion; one without stays London wall-clock time
        if value.timeSpec() != Qt.TimeSpec.LocalTime and moment.tzinfo is None:
            moment = moment.replace(tzinfo=dt.timezone(dt.timedelta(seconds=value.offsetFromUtc())))
        return moment
    if isinstance(value, QDate):
        return value.toPyDate() if value.isValid() else None
    return value


def day_or_none(value: Any) -> int | None:
    """An attribute as an integer day, None when missing; ``ValueError`` when not a date."""
    value = plain_value(value)
    if isinstance(value, (dt.date, dt.datetime)) or value is None:
        return parse_day(value)
    return parse_day(str(value))


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


def read_source(
    source: QgsFeatureSource,
    wanted: dict[str, str | None],
    context: QgsProcessingContext,
    feedback: QgsProcessingFeedback | None,
    layer_label: str,
) -> SourceArrays:
    """Read every feature of ``source`` once: geometries in EPSG:27700 plus the wanted fields.

    Columns are keyed by role (the keys of ``wanted``) and hold plain Python values; empty
    text is None, as NULL is (formats differ in which of the two an empty field gives, and
    the GeoPackage fast path, :func:`.fast_read.read_layer_fast`, reads both as None).
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

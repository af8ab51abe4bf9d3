"""Values as the algorithms read them from QGIS: attributes as plain Python values, dates as
London days (``column_days``), comma-separated parameters (``split_list``), and the files the
plugin reads itself rather than through a QGIS provider (CSV, XML). Reading and writing whole
layers is :mod:`.layer_io`'s.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsProcessingFeatureSourceDefinition,
    QgsProviderRegistry,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QDate, QDateTime, Qt, QUrl, QUrlQuery, QVariant

from ..core.dates import parse_day
from ..core.schema import BNG_EPSG

BNG = QgsCoordinateReferenceSystem(f"EPSG:{BNG_EPSG}")


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


def split_list(text: str | None) -> list[str]:
    """A comma-separated parameter value (statuses, categories, layer names) as its items,
    each stripped; empty items left out."""
    return [part.strip() for part in (text or "").split(",") if part.strip()]


def column_days(values: Any, label: str, reasons: list[str | None]) -> np.ndarray:
    """The one date parser for a column read by :func:`.layer_io.read_columns` (either route):
    integer London days (``MISSING_DAY`` where empty or unreadable). Dates, date-times and
    text are read as ``day_or_none`` reads them; text that is no date gives its row the
    reason "<label> '<value>' is not a date" in ``reasons`` (a row keeps its first reason)."""
    from ..core.overlaps import MISSING_DAY  # NaT as int64 is MISSING_DAY too

    if isinstance(values, np.ndarray) and values.dtype.kind == "M":  # from the Arrow route
        return np.asarray(values, dtype="datetime64[D]").view(np.int64)  # NaT == MISSING_DAY; no copy
    if {type(v) for v in values} <= {dt.date, type(None)}:  # the common case, in one C loop
        return np.array(values, dtype="datetime64[D]").astype(np.int64)  # NaT == MISSING_DAY
    out = np.full(len(values), MISSING_DAY, dtype=np.int64)
    cache: dict[Any, int | None] = {}
    for n, value in enumerate(values):
        if value is None:
            continue
        try:
            day = cache[value] if isinstance(value, str) and value in cache else day_or_none(value)
        except ValueError:
            if reasons[n] is None:
                reasons[n] = f"{label} {value!r} is not a date"
            continue
        if isinstance(value, str):
            cache[value] = day
        if day is not None:
            out[n] = day
    return out


# --- files the plugin reads itself rather than through a QGIS provider ------------------------

#: read without QGIS: delimited text, and National Highways' XML (QGIS cannot open it)
TEXT_SUFFIXES = (".csv", ".txt", ".tsv")
XML_SUFFIXES = (".xml",)


@dataclass
class CsvOptions:
    """How to read a delimited-text file without QGIS."""

    path: Path
    delimiter: str = ","
    wkt_field: str | None = None
    x_field: str | None = None
    y_field: str | None = None
    crs: str | None = None
    encoding: str | None = None


def crs_text(crs: QgsCoordinateReferenceSystem) -> str | None:
    """A QGIS CRS as text pyproj reads (its authority id, else its WKT)."""
    if not crs.isValid():
        return None
    return crs.authid() or crs.toWkt()


def own_file_path(value: Any) -> Path | None:
    """An input value naming a file the plugin reads itself (CSV, XML), else None."""
    if not isinstance(value, str) or not value.strip():
        return None
    path = Path(value.strip().split("|")[0])
    if path.suffix.lower() not in TEXT_SUFFIXES + XML_SUFFIXES or not path.is_file():
        return None
    return path


def is_subset(value: Any) -> bool:
    """A selection, feature limit or filter on an input: the user's choice, which only QGIS
    applies, so such an input stays on the QGIS route."""
    return isinstance(value, QgsProcessingFeatureSourceDefinition) and (
        value.selectedFeaturesOnly or value.featureLimit >= 0 or bool(value.filterExpression)
    )


def delimited_text_options(layer: QgsVectorLayer) -> CsvOptions | None:
    """The file and settings of a delimited-text layer, when the plugin can read it the same
    way (a header row, a one-character or tab delimiter); None otherwise."""
    url = QUrl(layer.source())
    path = url.toLocalFile() or url.path()
    query = QUrlQuery(url)

    def item(name: str) -> str:
        return query.queryItemValue(name, QUrl.ComponentFormattingOption.FullyDecoded)

    kind = (item("type") or "csv").lower()
    if item("useHeader").lower() in ("no", "false", "0") or item("skipLines") not in ("", "0"):
        return None
    if kind == "tab":
        delimiter = "\t"
    elif kind == "csv":
        delimiter = item("delimiter") or ","
        delimiter = {"\\t": "\t", "tab": "\t"}.get(delimiter, delimiter)
    else:
        return None
    if len(delimiter) != 1 or not path or not Path(path).is_file():
        return None
    return CsvOptions(
        path=Path(path),
        delimiter=delimiter,
        wkt_field=item("wktField") or None,
        x_field=item("xField") or None,
        y_field=item("yField") or None,
        crs=crs_text(layer.crs()) or item("crs") or None,
        # the URI's encoding is a choice the user made; the provider's is QGIS' default (UTF-8)
        # even for a Windows-1252 file, which the reader detects
        encoding=item("encoding") or None,
    )


def layer_csv_options(layer: QgsVectorLayer | None) -> CsvOptions | None:
    """A CSV layer the plugin reads itself, every row accounted for: the delimited-text
    provider keeps one geometry type and drops other rows without a word, and turns
    coordinates that fail reprojection into "no geometry"; a CSV opened through OGR is a
    table without geometry (every row would be "missing geometry")."""
    if layer is not None and layer.providerType() == "delimitedtext":
        return delimited_text_options(layer)
    if layer is not None and layer.providerType() == "ogr":
        file = Path(layer.source().split("|")[0])
        if file.suffix.lower() in TEXT_SUFFIXES and file.is_file():
            return CsvOptions(path=file)
    return None


def layer_file(layer: QgsVectorLayer | None, fallback: str) -> str:
    """A layer's file path (``path|layername`` for one layer of several), for the catalogue
    and rejects; else its name or source; ``fallback`` without a layer."""
    if layer is None:
        return fallback
    try:
        parts = QgsProviderRegistry.instance().decodeUri(layer.providerType(), layer.source())
    except Exception:  # noqa: BLE001  (providers without decodeUri)
        parts = {}
    path = parts.get("path") if isinstance(parts, dict) else None
    if path:
        layer_name = parts.get("layerName")
        return f"{path}|{layer_name}" if layer_name else path
    return layer.name() or layer.source()

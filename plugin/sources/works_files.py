"""Works files -> canonical works with ``source = 'works'`` (issue 3, reader 2).

An organisation's own works register in any layout: records (attribute dicts plus a shapely
geometry in EPSG:27700, or a WKT column) and a field mapping ``{canonical_name: source_field}``.
QGIS reads the file (GeoPackage, GeoJSON, Shapefile, CSV with WKT) and reprojects it in
``digonce:importworks``; this module never touches QGIS.

Mapping keys (``MAPPABLE``): ``id`` (required), ``start_date`` and ``end_date`` (required),
``work_ref``, ``promoter``, ``street_name``, ``usrn``, ``category``, ``permit_status``,
``work_status``, ``activity_type`` and ``wkt`` (only when geometries come as WKT text).

Decisions:

- ``permit_ref`` (the store's unique key) is always ``works:<id>`` so a user's job numbers can
  never collide with Street Manager permit numbers or ``plan:`` rows; ``work_ref`` is the
  mapped ``work_ref`` field when given, else the raw id.
- ``category``, ``permit_status``, ``work_status`` and ``activity_type`` are kept in their
  ``_ref`` code form (``"Mains renewal"`` -> ``"mains_renewal"``), as Street Manager's are.
- A record is rejected (file, id, field, reason) for: a missing id, a duplicate id in the same
  file, missing/unparseable/empty/NaN geometry, a point outside BNG's area of use, a missing
  or unparseable start/end date, an end before the start, a non-numeric USRN.
- A whole file in the wrong CRS is refused (``InputError`` naming the file) when its
  coordinates look like longitude/latitude or most of them fall outside EPSG:27700's area of
  use (``BNG_BBOX``).
- Later imports of the same ids replace earlier ones (import time is the merge sort key);
  the same records with the same mapping again change nothing.

Files read here without QGIS (issue 19, :func:`read_works_csv`): a CSV whose geometry is a WKT or
EWKT column (``SRID=27700;POINT(...)``, as EToN/Elgin exports write it; the SRID wins over the
declared CRS) or X/Y columns. The EToN/Elgin layout (``works_ref``, ``e__start_date``,
``e__location_bng`` ...) is recognised and mapped without a field mapping. A CSV read this way
keeps every row: mixed POINT/LINESTRING/POLYGON rows all import (the delimited-text provider
kept one geometry type and silently dropped the rest), a row with a different number of
fields than the header is a reject, and a file whose coordinates do not fit its declared CRS
is refused with one message instead of one reject per row.

London filter (a choice of the user, ``london_only``): a work is in London when one of its
vertices lies in a London borough outline (``core.boroughs``) or within
``LONDON_MARGIN_M`` of one, or its geometry crosses one. Works outside are counted as left out
by the London filter, in the result and its message, never dropped silently.
"""

from __future__ import annotations

import csv
import dataclasses
import hashlib
import io
import json
import math
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import shapely

from ..core.errors import InputError, SchemaError
from ..core.schema import BNG_BBOX, BNG_EPSG, LONDON_BBOX
from ..store.store import WORKS_TABLE, Feature, ImportResult, Reject, Store
from .forward_plans import _date, _decode, _now_key, csv_unreadable, screen_bng
from .streetmanager import BadValue, code, parse_usrn

SOURCE = "works"
PREFIX = "works:"
REQUIRED = ("id", "start_date", "end_date")
TEXT_FIELDS = ("promoter", "street_name")
CODE_FIELDS = ("category", "permit_status", "work_status", "activity_type")
MAPPABLE = ("id", "work_ref", *TEXT_FIELDS, "usrn", *CODE_FIELDS, "start_date", "end_date", "wkt")

Record = tuple[Mapping[str, Any], Any]  # (attributes, shapely geometry | WKT text | None)


def check_mapping(mapping: Mapping[str, str | None], fields: Iterable[str] | None = None, *, path: str = ""):
    """The mapping without empty entries; ``SchemaError`` for unknown canonical names, a
    missing required one, or (when ``fields`` is given) a source field not in the file."""
    clean = {k: v for k, v in mapping.items() if v}
    unknown = sorted(set(clean) - set(MAPPABLE))
    if unknown:
        raise SchemaError(
            f"unknown canonical field(s) {', '.join(unknown)}; use {', '.join(MAPPABLE)}", path=path
        )
    missing = [k for k in REQUIRED if k not in clean]
    if missing:
        raise SchemaError(f"no source field mapped to {', '.join(missing)}", path=path)
    if fields is not None:
        names = list(fields)
        for canonical, source_field in clean.items():
            if source_field not in names:
                raise SchemaError(
                    f"mapped field {source_field!r} ({canonical}) is not in the file; its fields are: "
                    f"{', '.join(names)}",
                    path=path,
                    field=source_field,
                )
    return clean


def _text(value: Any) -> str | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = " ".join(str(value).split())
    return text or None


def _id(value: Any) -> str | None:
    """A reference exactly as given ("A B", " A B " and "A\tB" are three works); only a blank
    one is missing. A whole-number float (a spreadsheet's 123.0) reads as 123."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value)
    return text if text.strip() else None


def _geometry(geometry: Any, field: str) -> shapely.Geometry:
    """A shapely geometry (or WKT/EWKT text) checked: present, not empty, finite, inside BNG's
    area of use and not longitude/latitude degrees (a lon/lat point in a BNG file would sit
    at sea by the grid's origin). A :class:`BadValue` given by a reader is raised as it is."""
    if isinstance(geometry, BadValue):
        raise geometry
    if geometry is None:
        raise BadValue(field, "missing geometry")
    if not isinstance(geometry, shapely.Geometry):
        geometry = parse_wkt(geometry, field)
    if geometry.is_empty:
        raise BadValue(field, "empty geometry")
    return screen_bng(geometry, field)


def parse_wkt(text: Any, field: str) -> shapely.Geometry:
    """WKT or EWKT text as a geometry in its own coordinates (the ``SRID=`` prefix dropped;
    :func:`ewkt_srid` reads it). ``BadValue`` for missing or unparseable text."""
    if text is None or (isinstance(text, str) and not text.strip()):
        raise BadValue(field, "missing geometry")
    if not isinstance(text, str):
        raise BadValue(field, f"geometry is not WKT text: {text!r}")
    body = text.split(";", 1)[1] if text.lstrip().upper().startswith("SRID=") else text
    try:
        geom = shapely.from_wkt(body)
    except (shapely.errors.GEOSException, ValueError) as exc:
        raise BadValue(field, f"unparseable geometry {text[:60]!r}: {exc}") from None
    if geom is None or geom.is_empty:
        raise BadValue(field, "empty geometry")
    return shapely.force_2d(geom)


def ewkt_srid(text: Any) -> int | None:
    """The SRID of EWKT text (``SRID=27700;POINT(...)``), else None."""
    if isinstance(text, str) and text.lstrip().upper().startswith("SRID="):
        head = text.lstrip()[5:].split(";", 1)[0].strip()
        if head.isdigit():
            return int(head)
    return None


def check_extent(geometries: Iterable[Any], path: str) -> None:
    """Refuse a whole file whose coordinates are clearly not EPSG:27700: all within lon/lat
    ranges, or more than half the geometries outside BNG's area of use."""
    geoms = [g for g in geometries if isinstance(g, shapely.Geometry) and not g.is_empty]
    if not geoms:
        return
    arr = np.asarray(geoms, dtype=object)
    bounds = shapely.bounds(arr)
    ok = np.isfinite(bounds).all(axis=1)
    if not ok.any():
        return
    b = bounds[ok]
    minx, miny, maxx, maxy = b[:, 0].min(), b[:, 1].min(), b[:, 2].max(), b[:, 3].max()
    if minx >= -180 and maxx <= 180 and miny >= -90 and maxy <= 90:
        raise InputError(
            f"coordinates look like longitude/latitude ({minx:.4f}, {miny:.4f} .. {maxx:.4f}, {maxy:.4f}), "
            "not British National Grid metres: the file's CRS is wrong or missing. Set the layer's CRS "
            "(e.g. EPSG:4326) so it is reprojected to EPSG:27700",
            path=path,
        )
    bx0, by0, bx1, by1 = BNG_BBOX
    outside = (b[:, 0] < bx0) | (b[:, 1] < by0) | (b[:, 2] > bx1) | (b[:, 3] > by1)
    if outside.sum() * 2 > len(b):
        raise InputError(
            f"{int(outside.sum())} of {len(b)} geometries lie outside EPSG:27700's area of use "
            f"(extent {minx:.0f}, {miny:.0f} .. {maxx:.0f}, {maxy:.0f}): the file is not in British "
            "National Grid or its CRS is declared wrongly",
            path=path,
        )


def works_feature(
    values: Mapping[str, Any],
    geometry: Any,
    *,
    mapping: Mapping[str, str],
    source_file: str,
    record: str,
    sort_key: str,
    value_maps: Mapping[str, Mapping[str, str]] | None = None,
    source: str = SOURCE,
) -> Feature | Reject:
    """One record of a works file as a canonical works feature, or a reject saying why.
    ``value_maps`` translate a layout's codes (EToN ``work_completed`` -> ``completed``)."""
    ref = _id(values.get(mapping["id"]))
    if ref is None:
        return Reject(source_file, record, mapping["id"], "missing id")
    record = ref
    wkt_field = mapping.get("wkt")
    try:
        if wkt_field and not isinstance(geometry, shapely.Geometry):
            geometry = values.get(wkt_field)
        geom = _geometry(geometry, wkt_field or "geometry")
        start = _date(values.get(mapping["start_date"]), mapping["start_date"])
        end = _date(values.get(mapping["end_date"]), mapping["end_date"])
        if start is None:
            raise BadValue(mapping["start_date"], "missing start date")
        if end is None:
            raise BadValue(mapping["end_date"], "missing end date")
        if end < start:
            raise BadValue(mapping["end_date"], f"end {end} before start {start}")
        usrn = parse_usrn(values, mapping["usrn"]) if mapping.get("usrn") else None
    except BadValue as bad:
        return Reject(source_file, record, bad.field, bad.reason)
    out: dict[str, Any] = {
        "permit_ref": PREFIX + ref,
        "work_ref": (_text(values.get(mapping["work_ref"])) if mapping.get("work_ref") else None) or ref,
        "usrn": usrn,
        "start_date": start,
        "end_date": end,
        "source": source,
        "source_file": source_file,
    }
    for name in TEXT_FIELDS:
        out[name] = _text(values.get(mapping[name])) if mapping.get(name) else None
    for name in CODE_FIELDS:
        value = code(_text(values.get(mapping[name]))) if mapping.get(name) else None
        if value is not None and value_maps and name in value_maps:
            value = value_maps[name].get(value, value)
        out[name] = value
    return Feature(WORKS_TABLE, out, geom, sort_key)


def read_works_records(
    records: Iterable[Record],
    mapping: Mapping[str, str | None],
    *,
    source_file: str,
    record_ids: Iterable[Any] | None = None,
    sort_key: str | None = None,
    value_maps: Mapping[str, Mapping[str, str]] | None = None,
    keep: Callable[[shapely.Geometry], bool] | None = None,
    left_out: list[int] | None = None,
    source: str = SOURCE,
) -> Iterator[Feature | Reject]:
    """Map records onto works features (and rejects). ``record_ids`` name records that have no
    id (e.g. QGIS feature ids or CSV lines); by default their position (``record 1``...).
    ``keep``: a filter the user chose (e.g. London only); each feature it turns down is
    counted in ``left_out[0]`` and not yielded."""
    clean = check_mapping(mapping, path=source_file)
    key = sort_key or _now_key()
    ids = iter(record_ids) if record_ids is not None else None
    seen: set[str] = set()
    for n, (values, geometry) in enumerate(records, start=1):
        fallback = f"{next(ids)}" if ids is not None else f"record {n}"
        if ids is not None and not fallback.startswith(("line ", "feature ")):
            fallback = f"feature {fallback}"
        item = works_feature(
            values,
            geometry,
            mapping=clean,
            source_file=source_file,
            record=fallback,
            sort_key=key,
            value_maps=value_maps,
            source=source,
        )
        if isinstance(item, Feature):
            ref = item.values["permit_ref"]
            if ref in seen:
                item = Reject(source_file, ref[len(PREFIX) :], clean["id"], "duplicate id in this file")
            else:
                seen.add(ref)
                if keep is not None and not keep(item.geometry):
                    if left_out is not None:
                        left_out[0] += 1
                    continue
        yield item


# --- London filter --------------------------------------------------------------------------

#: metres around the (generalised) borough outlines still counted as London
LONDON_MARGIN_M = 50.0


def in_london(geometry: shapely.Geometry) -> bool:
    """True when the geometry (EPSG:27700) touches London: a vertex in or within
    ``LONDON_MARGIN_M`` of a borough outline, or a line/area crossing one."""
    from ..core.boroughs import boroughs_at, london_boroughs

    x0, y0, x1, y1 = LONDON_BBOX
    gx0, gy0, gx1, gy1 = shapely.bounds(geometry)
    m = LONDON_MARGIN_M
    if gx1 < x0 - m or gx0 > x1 + m or gy1 < y0 - m or gy0 > y1 + m:
        return False
    coords = shapely.get_coordinates(geometry)
    if (boroughs_at(coords[:, 0], coords[:, 1], within=m) >= 0).any():
        return True
    if geometry.geom_type in ("Point", "MultiPoint"):
        return False
    return any(shapely.intersects(b.geometry, geometry) for b in london_boroughs())


def records_sha256(
    records: Iterable[Record], mapping: Mapping[str, str | None], rejects: Iterable[Reject] = ()
) -> str:
    """A checksum of the mapped attributes and geometries, and of rows a reader could not read
    (for "same file again: unchanged")."""
    h = hashlib.sha256()
    for rej in rejects:
        h.update(json.dumps([rej.record, rej.field, rej.reason]).encode())
    used = sorted({v for v in mapping.values() if v})
    for values, geometry in records:
        h.update(json.dumps([values.get(f) for f in used], default=str).encode())
        if isinstance(geometry, shapely.Geometry):
            h.update(shapely.to_wkb(geometry, hex=False))
        else:
            h.update(str(geometry).encode())
        h.update(b"\x00")
    return h.hexdigest()


def import_works(
    store: Store,
    records: list[Record],
    mapping: Mapping[str, str | None],
    *,
    source: str | os.PathLike[str],
    record_ids: Iterable[Any] | None = None,
    cancel: Callable[[], bool] | None = None,
    progress: Callable[[float], None] | None = None,
    london_only: bool = False,
    value_maps: Mapping[str, Mapping[str, str]] | None = None,
    extra_rejects: Iterable[Reject] = (),
    options: Mapping[str, Any] | None = None,
    notes: Iterable[str] = (),
    sha256: str | None = None,
) -> ImportResult:
    """Merge a works file's records into the store (``source='works'``, ``permit_ref``
    ``works:<id>``). Raises ``InputError`` for a file in the wrong CRS (store unchanged).

    ``london_only``: works outside London are left out and counted (``left_out`` on the
    result's message; :func:`left_out_of` reads the count back). ``extra_rejects``: rows a
    reader could not read at all (e.g. a CSV row with too few fields), stored with the rest.
    ``notes``: what the reader assumed (layout, geometry columns, encoding), added to the message.
    ``sha256``: the file's checksum when there is one (else one of the records and rejects).
    """
    name = os.path.basename(str(source)) or str(source)
    clean = check_mapping(mapping, path=name)
    extra = list(extra_rejects)
    geoms = [g for _, g in records]
    if clean.get("wkt"):
        geoms = []
        for values, g in records:
            if isinstance(g, shapely.Geometry):
                geoms.append(g)
                continue
            try:
                geoms.append(parse_wkt(values.get(clean["wkt"]), clean["wkt"]))
            except BadValue:
                geoms.append(None)
    check_extent(geoms, name)
    all_options = {"mapping": dict(sorted(clean.items())), "file": name}
    if london_only:
        all_options["london_only"] = True
    all_options.update(options or {})
    left_out = [0]

    def items() -> Iterator[Feature | Reject]:
        yield from read_works_records(
            records,
            clean,
            source_file=name,
            record_ids=record_ids,
            value_maps=value_maps,
            keep=in_london if london_only else None,
            left_out=left_out,
        )
        yield from extra

    result = store.merge_works(
        items(),
        kind=SOURCE,
        source=str(source),
        sha256=sha256 or records_sha256(records, clean, extra),
        options=all_options,
        records_read=lambda: len(records) + len(extra),
        cancel=cancel,
        progress=progress,
    )
    return _with_notes(result, left_out[0], notes)


def _with_notes(result: ImportResult, left_out: int, notes: Iterable[str]) -> ImportResult:
    """The result with its London filter count and the reader's assumptions in the message."""
    if not result.unchanged:
        result.message += f", {left_out} left out by the London filter (outside London)" if left_out else ""
    result.left_out = left_out  # type: ignore[attr-defined]  (ImportResult has no slots)
    for note in notes:
        result.message += f"; {note}"
    return result


def left_out_of(result: ImportResult) -> int:
    """Records an import left out by a filter the user chose (0 when none or unchanged)."""
    return int(getattr(result, "left_out", 0) or 0)


# --- files read without QGIS: CSV with WKT/EWKT or X/Y, the EToN/Elgin layout ---------------

ETON_LAYOUT = "EToN/Elgin street works export"
#: EToN/Elgin columns (ITSLeeds/roadworksUK kent10.csv) onto the canonical fields
ETON_MAPPING = {
    "id": "works_ref",
    "work_ref": "project_ref",
    "promoter": "responsible_org_name",
    "start_date": "e__start_date",
    "end_date": "e__end_date",
    "street_name": "e__road_name",
    "usrn": "e__usrn",
    "category": "e__works_category",
    "work_status": "e__works_state",
    "permit_status": "e__permit_status",
}
#: the item's geometry (often the trench's line) first, else the works' point
ETON_WKT = ("i__location_bng", "e__location_bng")
ETON_XY = ("e__location_point_easting", "e__location_point_northing")
#: EToN works states onto Street Manager's work_status_ref codes
ETON_VALUES = {
    "work_status": {
        "work_completed": "completed",
        "work_in_progress": "in_progress",
        "work_cancelled": "cancelled",
        "work_started": "in_progress",
        "proposed_work": "planned",
        "advance_planning": "planned",
        "forward_planning": "planned",
    }
}
WKT_NAMES = ("wkt", "wkt_geom", "geometry", "geom", "the_geom", "shape", "ewkt")
XY_NAMES = (("x", "y"), ("easting", "northing"), ("east", "north"), ("lon", "lat"), ("longitude", "latitude"))
#: strings R, pandas and spreadsheets write for "no value"
NA_STRINGS = frozenset({"", "NA", "N/A", "NULL", "NaN", "nan", "#N/A"})


@dataclass
class WorksTable:
    """A works file read without QGIS: records in EPSG:27700 (a geometry, or the
    :class:`BadValue` saying why a row has none), with what the reader assumed."""

    path: Path
    records: list[Record]
    record_ids: list[str]
    mapping: dict[str, str]
    layout: str
    geometry_from: str
    crs: str
    encoding: str
    value_maps: dict[str, dict[str, str]] = field(default_factory=dict)
    rejects: list[Reject] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)

    def with_mapping(self, mapping: Mapping[str, str | None]) -> WorksTable:
        """The same rows under another field mapping (``SchemaError`` naming a column the file
        does not have); EToN's code translations stay when its status column is kept."""
        clean = {k: v for k, v in mapping.items() if v and k != "wkt"}
        for canonical, column in clean.items():
            if column not in self.columns:
                raise SchemaError(
                    f"mapped column {column!r} ({canonical}) is not in the file; its columns are: "
                    f"{', '.join(c for c in self.columns if c)}",
                    path=str(self.path),
                    field=column,
                )
        eton_status = self.layout == ETON_LAYOUT and clean.get("work_status") == ETON_MAPPING["work_status"]
        return dataclasses.replace(self, mapping=clean, value_maps=ETON_VALUES if eton_status else {})

    @property
    def notes(self) -> list[str]:
        return [
            f"layout: {self.layout}",
            f"geometry from {self.geometry_from} ({self.crs})",
            f"text read as {self.encoding}",
        ]


def recognise_eton(columns: Iterable[str]) -> bool:
    """True for the EToN/Elgin export layout (works_ref, e__start_date, e__end_date and a
    location column)."""
    cols = set(columns)
    return {"works_ref", "e__start_date", "e__end_date"} <= cols and bool(cols & set(ETON_WKT))


def _crs(value: Any):
    from pyproj import CRS
    from pyproj.exceptions import CRSError

    try:
        return CRS.from_user_input(value)
    except CRSError as exc:
        raise InputError(f"unknown coordinate reference system {value!r}: {exc}") from None


def read_works_csv(
    path: str | os.PathLike[str],
    *,
    mapping: Mapping[str, str | None] | None = None,
    wkt_field: str | None = None,
    x_field: str | None = None,
    y_field: str | None = None,
    crs: Any = None,
    encoding: str | None = None,
    delimiter: str = ",",
) -> WorksTable:
    """A works CSV read without QGIS, every row accounted for.

    Geometry from ``wkt_field`` (WKT or EWKT), else ``x_field``/``y_field``, else the EToN
    columns, else a column named like ``wkt``/``geometry`` or a pair like ``x``/``y``,
    ``easting``/``northing``, ``longitude``/``latitude`` (the last in EPSG:4326 unless ``crs``
    says otherwise). ``crs`` (anything pyproj reads; default EPSG:27700) is the CRS of
    coordinates without an EWKT SRID. ``mapping`` defaults to the EToN mapping for that
    layout. Raises ``SchemaError`` (no geometry column, a column named twice, a mapped column
    missing) or ``InputError`` (coordinates that do not fit the declared CRS).
    """
    path = Path(path)
    text, used = _decode(path.read_bytes(), encoding or None, path)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader, None)
    except csv.Error as exc:
        raise InputError(f"line 1: the CSV cannot be read ({exc})", path=str(path)) from None
    if not header:
        raise SchemaError("the file is empty (no header row)", path=str(path))
    columns = [c.strip() for c in header]
    seen: dict[str, int] = {}
    for i, name in enumerate(columns, start=1):
        if name and name in seen:
            raise SchemaError(
                f"column {name!r} appears twice (columns {seen[name]} and {i}): rename or remove one",
                path=str(path),
            )
        seen[name] = i
    eton = recognise_eton(columns)
    layout = ETON_LAYOUT if eton else "CSV"
    the_mapping = {k: v for k, v in (mapping or (ETON_MAPPING if eton else {})).items() if v}
    if eton and not mapping:
        the_mapping = {k: v for k, v in the_mapping.items() if v in seen}
    lower = {c.lower(): c for c in columns if c}
    wkt_fields: tuple[str, ...] = ()
    xy: tuple[str, str] | None = None
    default_crs = f"EPSG:{BNG_EPSG}"
    if wkt_field:
        wkt_fields = (wkt_field,)
    elif x_field or y_field:
        if not (x_field and y_field):
            raise SchemaError("give both the X and the Y column (or a WKT column)", path=str(path))
        xy = (x_field, y_field)
    elif eton:
        wkt_fields = tuple(c for c in ETON_WKT if c in seen)
        xy = ETON_XY if all(c in seen for c in ETON_XY) else None
    elif the_mapping.get("wkt"):
        wkt_fields = (the_mapping["wkt"],)
    else:
        wkt_fields = tuple(lower[n] for n in WKT_NAMES if n in lower)[:1]
        if not wkt_fields:
            xy = next(((lower[a], lower[b]) for a, b in XY_NAMES if a in lower and b in lower), None)
            if xy is not None and xy[0].lower() in ("lon", "longitude"):
                default_crs = "EPSG:4326"
    for name in (*wkt_fields, *(xy or ()), *the_mapping.values()):
        if name not in seen:
            raise SchemaError(
                f"column {name!r} is not in the file; its columns are: {', '.join(c for c in columns if c)}",
                path=str(path),
                field=name,
            )
    if not wkt_fields and xy is None:
        raise SchemaError(
            "no geometry column: name the WKT/EWKT column, or the X and Y columns; the file's columns "
            f"are: {', '.join(c for c in columns if c)}",
            path=str(path),
        )
    declared = _crs(crs or default_crs)
    the_mapping.pop("wkt", None)
    geometry_from = (
        (f"WKT column {' else '.join(wkt_fields)}" if wkt_fields else "")
        + (" else " if wkt_fields and xy else "")
        + (f"X/Y columns {xy[0]}, {xy[1]}" if xy else "")
    )
    records: list[Record] = []
    record_ids: list[str] = []
    rejects: list[Reject] = []
    raw: list[tuple[shapely.Geometry | BadValue, int | None]] = []
    id_field = the_mapping.get("id")
    try:
        for row in reader:
            line = reader.line_num
            if not row or not any(v.strip() for v in row):
                continue
            if len(row) != len(columns):
                ref = row[seen[id_field] - 1].strip() if id_field and seen[id_field] - 1 < len(row) else ""
                rejects.append(
                    Reject(
                        path.name,
                        ref or f"line {line}",
                        "row",
                        f"line {line} has {len(row)} fields, the header has {len(columns)} (cut short or a "
                        "stray separator/quote)",
                    )
                )
                continue
            values = {
                c: (None if v.strip() in NA_STRINGS else v.strip())
                for c, v in zip(columns, row, strict=True)
                if c
            }
            raw.append(_row_geometry(values, wkt_fields, xy))
            records.append((values, None))
            record_ids.append(f"line {line}")
    except csv.Error as exc:
        raise csv_unreadable(reader, exc, path) from None
    geometries = _to_bng(raw, declared, path)
    records = [(values, g) for (values, _), g in zip(records, geometries, strict=True)]
    return WorksTable(
        path=path,
        records=records,
        record_ids=record_ids,
        mapping=the_mapping,
        layout=layout,
        geometry_from=geometry_from,
        crs=f"{declared.to_string()}" + (", or each EWKT value's SRID" if wkt_fields else ""),
        encoding=used,
        value_maps=ETON_VALUES if eton and not mapping else {},
        rejects=rejects,
        columns=[c for c in columns if c],
    )


def _row_geometry(
    values: Mapping[str, Any], wkt_fields: tuple[str, ...], xy: tuple[str, str] | None
) -> tuple[shapely.Geometry | BadValue, int | None]:
    """A row's geometry in its own coordinates and its EWKT SRID (None: the declared CRS)."""
    for name in wkt_fields:
        text = values.get(name)
        if text:
            try:
                return parse_wkt(text, name), ewkt_srid(text)
            except BadValue as bad:
                return bad, None
    if xy is not None:
        xs, ys = values.get(xy[0]), values.get(xy[1])
        if xs is None or ys is None:
            if not wkt_fields:
                return BadValue(xy[0] if xs is None else xy[1], "missing coordinate"), None
        else:
            try:
                return shapely.Point(float(xs), float(ys)), None
            except ValueError:
                bad = xy[0] if not _is_number(xs) else xy[1]
                return BadValue(bad, f"not a number: {values.get(bad)!r}"), None
    return BadValue(wkt_fields[0] if wkt_fields else "geometry", "missing geometry"), None


def _is_number(text: Any) -> bool:
    try:
        float(text)
    except (TypeError, ValueError):
        return False
    return True


def _to_bng(raw: list[tuple[Any, int | None]], declared, path: Path) -> list[Any]:
    """Geometries to EPSG:27700, each from its EWKT SRID or the declared CRS. The declared
    CRS is checked first on the rows without an SRID: coordinates that cannot be in it (BNG
    metres declared as degrees, degrees declared as BNG) refuse the file with one message."""
    from pyproj import Transformer

    plain = [g for g, srid in raw if isinstance(g, shapely.Geometry) and srid is None]
    if plain:
        coords = shapely.get_coordinates(np.asarray(plain, dtype=object))
        coords = coords[np.isfinite(coords).all(axis=1)]
        if len(coords):
            _check_declared(coords, declared, path)
    transformers: dict[Any, Any] = {}
    out: list[Any] = []
    for geom, srid in raw:
        if not isinstance(geom, shapely.Geometry):
            out.append(geom)
            continue
        source = srid if srid is not None else declared
        if srid == BNG_EPSG or (srid is None and declared.to_epsg() == BNG_EPSG):
            out.append(geom)
            continue
        coords = shapely.get_coordinates(geom)
        if not np.isfinite(coords).all() or (np.abs(coords) > 1e7).any():
            out.append(BadValue("geometry", "coordinates not finite or far outside any grid"))
            continue
        if source not in transformers:
            try:
                transformers[source] = Transformer.from_crs(source, BNG_EPSG, always_xy=True)
            except Exception as exc:  # noqa: BLE001  (pyproj's CRSError and ProjError)
                transformers[source] = BadValue("geometry", f"unknown SRID {source}: {exc}")
        transformer = transformers[source]
        if isinstance(transformer, BadValue):
            out.append(transformer)
            continue
        out.append(
            shapely.transform(
                geom, lambda xy, t=transformer: np.column_stack(t.transform(xy[:, 0], xy[:, 1]))
            )
        )
    return out


def _check_declared(coords: np.ndarray, declared, path: Path) -> None:
    x0, y0 = coords.min(axis=0)
    x1, y1 = coords.max(axis=0)
    extent = f"{x0:.6g}, {y0:.6g} .. {x1:.6g}, {y1:.6g}"
    if declared.is_geographic:
        outside = (np.abs(coords[:, 0]) > 180) | (np.abs(coords[:, 1]) > 90)
        if outside.sum() * 2 > len(coords):
            raise InputError(
                f"the file is declared in {declared.name} (degrees) but {int(outside.sum())} of {len(coords)} "
                f"coordinates are not degrees (extent {extent}): they look like metres, e.g. British National "
                "Grid. Declare the file's real CRS (e.g. EPSG:27700)",
                path=str(path),
            )
        return
    if declared.to_epsg() == BNG_EPSG:
        lonlat = (np.abs(coords[:, 0]) <= 180) & (np.abs(coords[:, 1]) <= 90)
        if lonlat.all():
            raise InputError(
                f"coordinates look like longitude/latitude ({extent}), not British National Grid metres: "
                "declare the file's CRS (e.g. EPSG:4326) so it is reprojected to EPSG:27700",
                path=str(path),
            )


__all__ = [
    "ETON_LAYOUT",
    "ETON_MAPPING",
    "MAPPABLE",
    "REQUIRED",
    "SOURCE",
    "check_extent",
    "check_mapping",
    "import_works",
    "in_london",
    "left_out_of",
    "read_works_csv",
    "read_works_records",
    "records_sha256",
    "works_feature",
]

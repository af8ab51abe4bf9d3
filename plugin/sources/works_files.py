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
"""

from __future__ import annotations

import hashlib
import json
import math
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

import numpy as np
import shapely

from ..core.errors import InputError, SchemaError
from ..core.schema import BNG_BBOX
from ..store.store import WORKS_TABLE, Feature, ImportResult, Reject, Store
from .forward_plans import _date, _now_key
from .streetmanager import BadValue, code, parse_geometry, parse_usrn

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


def _geometry(geometry: Any, field: str) -> shapely.Geometry:
    """A shapely geometry (or WKT) checked: present, not empty, finite, inside BNG's area."""
    if geometry is None:
        raise BadValue(field, "missing geometry")
    if not isinstance(geometry, shapely.Geometry):
        return shapely.force_2d(parse_geometry(geometry, field))
    coords = shapely.get_coordinates(geometry)
    if geometry.is_empty or not coords.size:
        raise BadValue(field, "empty geometry")
    if not np.isfinite(coords).all():
        raise BadValue(field, "geometry has NaN or infinite coordinates")
    bx0, by0, bx1, by1 = BNG_BBOX
    (minx, miny), (maxx, maxy) = coords.min(axis=0), coords.max(axis=0)
    if minx < bx0 or miny < by0 or maxx > bx1 or maxy > by1:
        raise BadValue(field, "coordinates outside British National Grid's area of use (not EPSG:27700?)")
    return shapely.force_2d(geometry)


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
) -> Feature | Reject:
    """One record of a works file as a canonical works feature, or a reject saying why."""
    ref = _text(values.get(mapping["id"]))
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
        "source": SOURCE,
        "source_file": source_file,
    }
    for name in TEXT_FIELDS:
        out[name] = _text(values.get(mapping[name])) if mapping.get(name) else None
    for name in CODE_FIELDS:
        out[name] = code(_text(values.get(mapping[name]))) if mapping.get(name) else None
    return Feature(WORKS_TABLE, out, geom, sort_key)


def read_works_records(
    records: Iterable[Record],
    mapping: Mapping[str, str | None],
    *,
    source_file: str,
    record_ids: Iterable[Any] | None = None,
    sort_key: str | None = None,
) -> Iterator[Feature | Reject]:
    """Map records onto works features (and rejects). ``record_ids`` name records that have no
    id (e.g. QGIS feature ids); by default their position (``record 1``...)."""
    clean = check_mapping(mapping, path=source_file)
    key = sort_key or _now_key()
    ids = iter(record_ids) if record_ids is not None else None
    seen: set[str] = set()
    for n, (values, geometry) in enumerate(records, start=1):
        fallback = f"feature {next(ids)}" if ids is not None else f"record {n}"
        item = works_feature(
            values, geometry, mapping=clean, source_file=source_file, record=fallback, sort_key=key
        )
        if isinstance(item, Feature):
            ref = item.values["permit_ref"]
            if ref in seen:
                item = Reject(source_file, ref[len(PREFIX) :], clean["id"], "duplicate id in this file")
            else:
                seen.add(ref)
        yield item


def records_sha256(records: Iterable[Record], mapping: Mapping[str, str | None]) -> str:
    """A checksum of the mapped attributes and geometries (for "same file again: unchanged")."""
    h = hashlib.sha256()
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
) -> ImportResult:
    """Merge a works file's records into the store (``source='works'``, ``permit_ref``
    ``works:<id>``). Raises ``InputError`` for a file in the wrong CRS (store unchanged)."""
    name = os.path.basename(str(source)) or str(source)
    clean = check_mapping(mapping, path=name)
    geoms = [g for _, g in records]
    if clean.get("wkt"):
        geoms = []
        for values, g in records:
            if isinstance(g, shapely.Geometry):
                geoms.append(g)
                continue
            try:
                geoms.append(shapely.from_wkt(values.get(clean["wkt"]), on_invalid="ignore"))
            except (shapely.errors.GEOSException, TypeError, ValueError):
                geoms.append(None)
    check_extent(geoms, name)
    options = {"mapping": dict(sorted(clean.items())), "file": name}
    return store.merge_works(
        read_works_records(records, clean, source_file=name, record_ids=record_ids),
        kind=SOURCE,
        source=str(source),
        sha256=records_sha256(records, clean),
        options=options,
        records_read=lambda: len(records),
        cancel=cancel,
        progress=progress,
    )


__all__ = [
    "MAPPABLE",
    "REQUIRED",
    "SOURCE",
    "check_extent",
    "check_mapping",
    "import_works",
    "read_works_records",
    "records_sha256",
    "works_feature",
]

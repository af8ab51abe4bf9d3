"""Forward plans -> canonical works with ``source = 'plan'`` (DOMAIN.md section 8).

Two inputs, both read locally and written only to the user's own store:

- the "UK Future Works Profile" GeoPackage: ``networklink`` (LineString; utilitytype,
  plannedinstallationmethod, plannedstartdate, plannedenddate, confidencelevel, usrn,
  schemestatus) and ``plannedprogramme`` (programmename, programmetype, plannedstartdate,
  plannedenddate), read with ``sqlite3`` (no GDAL);
- the CSV template (``resources/help/forward_plan_template.md``): plan_ref, programme, owner,
  utility_type, method, start_date, end_date, confidence, usrn, street_name, wkt (EPSG:27700).
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import shapely

from ..core.dates import from_day_number, parse_day
from ..core.errors import SchemaError
from ..core.schema import BNG_EPSG
from ..store.gpkg import decode_geometry
from ..store.store import WORKS_TABLE, Feature, ImportResult, Reject, Store, file_sha256
from .streetmanager import BadValue, parse_geometry, parse_usrn

SOURCE = "plan"
TEMPLATE_COLUMNS = [
    "plan_ref",
    "programme",
    "owner",
    "utility_type",
    "method",
    "start_date",
    "end_date",
    "confidence",
    "usrn",
    "street_name",
    "wkt",
]
_PROGRAMME_LINKS = (
    "plannedprogrammeid",
    "plannedprogramme_id",
    "programmeid",
    "programme_id",
    "plannedprogramme",
)


def _date(value: Any, field: str) -> str | None:
    try:
        day = parse_day(value)
    except ValueError:
        raise BadValue(field, f"unparseable date {value!r}") from None
    return None if day is None else from_day_number(day).isoformat()


def plan_feature(
    *,
    source_file: str,
    record: str,
    ref: str,
    geometry: Any,
    values: dict[str, Any],
    sort_key: str,
) -> Feature | Reject:
    """One planned work as a works feature; bad dates/geometry/USRN -> a reject."""
    try:
        geom = geometry if isinstance(geometry, shapely.Geometry) else parse_geometry(geometry, "wkt")
        start = _date(values.get("start_date"), "start_date")
        end = _date(values.get("end_date"), "end_date")
        if start and end and end < start:
            raise BadValue("end_date", f"end {end} before start {start}")
        usrn = parse_usrn(values, "usrn")
    except BadValue as bad:
        return Reject(source_file, record, bad.field, bad.reason)
    out = {
        "permit_ref": f"plan:{ref}",
        "work_ref": values.get("programme") or ref,
        "promoter": values.get("owner"),
        "street_name": values.get("street_name"),
        "usrn": usrn,
        "work_status": "planned",
        "start_date": start,
        "end_date": end,
        "source": SOURCE,
        "source_file": source_file,
        "programme": values.get("programme"),
        "utility_type": values.get("utility_type"),
        "method": values.get("method"),
        "confidence": values.get("confidence"),
    }
    return Feature(WORKS_TABLE, out, geom, sort_key)


def _now_key() -> str:
    # later imports of a plan replace earlier ones: the import time orders them
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def read_plan_csv(path: str | os.PathLike[str]) -> Iterator[Feature | Reject]:
    """The CSV template, row by row."""
    path = Path(path)
    key = _now_key()
    with open(path, newline="", encoding="utf-8-sig") as f:
        reader = csv.DictReader(f)
        columns = [c.strip().lower() for c in reader.fieldnames or []]
        missing = [c for c in ("plan_ref", "wkt") if c not in columns]
        if missing:
            raise SchemaError(
                f"missing column(s) {', '.join(missing)}; the template has {', '.join(TEMPLATE_COLUMNS)}",
                path=str(path),
            )
        for line, row in enumerate(reader, start=2):
            values = {
                k.strip().lower(): (v.strip() if isinstance(v, str) else v) for k, v in row.items() if k
            }
            ref = values.get("plan_ref") or ""
            record = ref or f"line {line}"
            if not ref:
                yield Reject(path.name, record, "plan_ref", "missing plan reference")
                continue
            yield plan_feature(
                source_file=path.name,
                record=record,
                ref=ref,
                geometry=values.get("wkt"),
                values=values,
                sort_key=key,
            )


def read_future_works_gpkg(path: str | os.PathLike[str]) -> Iterator[Feature | Reject]:
    """``networklink`` rows (with their programme's name and dates when linked)."""
    path = Path(path)
    key = _now_key()
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    db.row_factory = sqlite3.Row
    try:
        tables = {r[0].lower(): r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "networklink" not in tables:
            raise SchemaError(
                "no networklink table: not a UK Future Works Profile GeoPackage", path=str(path)
            )
        link_table = tables["networklink"]
        geom_row = db.execute(
            "SELECT column_name, srs_id FROM gpkg_geometry_columns WHERE lower(table_name) = 'networklink'"
        ).fetchone()
        if geom_row is None:
            raise SchemaError("networklink has no geometry column", path=str(path))
        geom_col, srs_id = geom_row
        transform = None
        if srs_id not in (BNG_EPSG, -1, 0):
            from pyproj import Transformer

            transformer = Transformer.from_crs(srs_id, BNG_EPSG, always_xy=True)

            def transform(g):
                return shapely.transform(
                    g, lambda xy: np.column_stack(transformer.transform(xy[:, 0], xy[:, 1]))
                )

        programmes: dict[Any, dict[str, Any]] = {}
        if "plannedprogramme" in tables:
            for row in db.execute(f'SELECT * FROM "{tables["plannedprogramme"]}"'):
                d = {k.lower(): row[k] for k in row.keys()}  # noqa: SIM118  (sqlite3.Row iterates values)
                pid = d.get("fid", d.get("id", d.get("plannedprogrammeid")))
                programmes[pid] = d
        link_cols = [r[1] for r in db.execute(f'PRAGMA table_info("{link_table}")')]
        link_fk = next((c for c in link_cols if c.lower() in _PROGRAMME_LINKS), None)
        pk = next((c for c in link_cols if c.lower() in ("fid", "id")), None) or "rowid"
        for row in db.execute(f'SELECT *, "{pk}" AS _pk FROM "{link_table}"'):
            d = {k.lower(): row[k] for k in row.keys()}  # noqa: SIM118  (sqlite3.Row iterates values)
            ref = f"{path.stem}:{d['_pk']}"
            programme = programmes.get(d.get(link_fk.lower())) if link_fk else None
            programme = programme or {}
            values = {
                "programme": programme.get("programmename"),
                "owner": d.get("owner") or programme.get("owner"),
                "utility_type": d.get("utilitytype"),
                "method": d.get("plannedinstallationmethod"),
                "start_date": d.get("plannedstartdate") or programme.get("plannedstartdate"),
                "end_date": d.get("plannedenddate") or programme.get("plannedenddate"),
                "confidence": None if d.get("confidencelevel") is None else str(d.get("confidencelevel")),
                "usrn": d.get("usrn"),
                "street_name": d.get("streetname") or d.get("street_name"),
            }
            blob = d.get(geom_col.lower())
            try:
                geom = decode_geometry(blob) if blob is not None else None
            except (ValueError, shapely.errors.GEOSException):
                geom = None
            if geom is None or geom.is_empty:
                yield Reject(path.name, ref, geom_col, "missing or unreadable geometry")
                continue
            if transform is not None:
                geom = transform(geom)
            yield plan_feature(
                source_file=path.name, record=ref, ref=ref, geometry=geom.wkt, values=values, sort_key=key
            )
    finally:
        db.close()


def read_forward_plan(path: str | os.PathLike[str]) -> Iterator[Feature | Reject]:
    """A forward plan file: the CSV template or a UK Future Works Profile GeoPackage."""
    suffix = Path(path).suffix.lower()
    if suffix == ".csv":
        return read_plan_csv(path)
    if suffix == ".gpkg":
        return read_future_works_gpkg(path)
    raise SchemaError(
        "a forward plan is a .csv (template) or a .gpkg (UK Future Works Profile)", path=str(path)
    )


def import_forward_plan(
    store: Store, path: str | os.PathLike[str], *, cancel=None, progress=None
) -> ImportResult:
    """Merge a forward plan into the store's works (``source='plan'``, ``permit_ref`` ``plan:<ref>``)."""
    return store.merge_works(
        read_forward_plan(path),
        kind=SOURCE,
        source=str(path),
        sha256=file_sha256(path),
        cancel=cancel,
        progress=progress,
    )

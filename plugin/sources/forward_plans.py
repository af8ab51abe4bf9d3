"""Forward plans -> canonical works with ``source = 'plan'`` (DOMAIN.md section 8).

Two inputs, both read locally and written only to the user's own store:

- the "UK Future Works Profile" GeoPackage: ``networklink`` (LineString; utilitytype,
  plannedinstallationmethod, plannedstartdate, plannedenddate, confidencelevel, usrn,
  schemestatus) and ``plannedprogramme`` (programmename, programmetype, plannedstartdate,
  plannedenddate), read through GDAL's own bindings (``layerio.gpkg_reader``: GDAL decodes the
  geometry, dates are read as the text stored so a bad one is a reject);
- the CSV template (``resources/help/forward_plan_template.md``): plan_ref, programme, owner,
  utility_type, method, start_date, end_date, confidence, usrn, street_name, wkt (EPSG:27700).

Decisions (issue 20):

- The CSV's text encoding is taken from a parameter or detected (byte-order mark, UTF-16
  without one, UTF-8, else Windows-1252, which also reads Latin-1), and the result says which.
- A column named twice is a refusal (one value would silently hide the other); a second row
  with the same ``plan_ref`` is a reject naming the line of the first; a row with more or
  fewer fields than the header is a reject naming its line.
- A damaged or truncated GeoPackage, a ``srs_id`` no projection database knows, and a field
  longer than Python's csv limit are each an :class:`InputError` naming the file (and line).
- Coordinates are screened (finite, inside British National Grid's area of use) before any
  geometry is formatted or transformed: GEOS' WKT writer overflows on coordinates of 1e150.

A plan file is the whole plan, not an update to it: :func:`import_forward_plan` imports it
as the newest version of its data set (``Store.import_features(mode="replace")``), so a link
or row the utility removed leaves the store, and the clash checks and the register stop
showing it. See :func:`plan_scope` for what counts as the same plan.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import shapely

from ..core.dates import from_day_number, parse_day
from ..core.errors import InputError, SchemaError
from ..core.schema import BNG_BBOX, BNG_EPSG
from ..layerio.gpkg_reader import GeoPackage, GeoPackageError, open_geopackage
from ..store.store import (
    MERGED_WORKS_LAYERS,
    WORKS_TABLE,
    Feature,
    ImportResult,
    Reject,
    Store,
    file_sha256,
)
from .streetmanager import BadValue, looks_like_lonlat, parse_geometry, parse_usrn

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
#: encodings a user may name (anything Python knows is accepted too)
ENCODINGS = ("utf-8", "utf-8-sig", "cp1252", "latin-1", "utf-16")


def _date(value: Any, field: str) -> str | None:
    try:
        day = parse_day(value)
    except ValueError:
        raise BadValue(field, f"unparseable date {value!r}") from None
    return None if day is None else from_day_number(day).isoformat()


def screen_bng(geometry: shapely.Geometry, field: str) -> shapely.Geometry:
    """A geometry checked before anything formats or measures it: not empty, every
    coordinate finite and inside EPSG:27700's area of use, not longitude/latitude degrees.
    ``BadValue`` naming ``field`` otherwise. Reads the coordinates only (no GEOS operation)."""
    coords = shapely.get_coordinates(geometry)
    if not coords.size:
        raise BadValue(field, "empty geometry")
    if not np.isfinite(coords).all():
        raise BadValue(field, "geometry has NaN or infinite coordinates")
    (minx, miny), (maxx, maxy) = coords.min(axis=0), coords.max(axis=0)
    bx0, by0, bx1, by1 = BNG_BBOX
    if minx < bx0 or miny < by0 or maxx > bx1 or maxy > by1:
        raise BadValue(
            field,
            f"coordinates outside British National Grid's area of use ({minx:.6g}, {miny:.6g} .. "
            f"{maxx:.6g}, {maxy:.6g}; EPSG:27700 runs {bx0:.0f}..{bx1:.0f} E, {by0:.0f}..{by1:.0f} N)",
        )
    if looks_like_lonlat(minx, miny, maxx, maxy):
        raise BadValue(field, "coordinates look like longitude/latitude, not EPSG:27700 metres")
    return shapely.force_2d(geometry)


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
        if isinstance(geometry, shapely.Geometry):
            geom = screen_bng(geometry, "geometry")
        else:
            geom = parse_geometry(geometry, "wkt")
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


def detect_encoding(data: bytes) -> str:
    """The text encoding of a CSV's bytes: a byte-order mark, UTF-16 without one (NUL in
    every other byte of ASCII text), UTF-8 when it decodes, else Windows-1252 (a superset of
    Latin-1's printable characters), else Latin-1 (decodes any bytes).

    >>> detect_encoding("plan_ref\\n".encode("utf-16"))
    'utf-16'
    >>> detect_encoding("Caf\\u00e9".encode("cp1252"))
    'cp1252'
    """
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    sample = data[:4096]
    if len(sample) >= 4 and sample.count(0) * 4 >= len(sample):
        return "utf-16-le" if sample[1::2].count(0) > sample[0::2].count(0) else "utf-16-be"
    for encoding in ("utf-8", "cp1252"):
        try:
            data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return encoding
    return "latin-1"


def _decode(data: bytes, encoding: str | None, path: Path) -> tuple[str, str]:
    """The file's text and the encoding used (``InputError`` naming the line when a chosen
    encoding does not fit)."""
    chosen = encoding or detect_encoding(data)
    try:
        codecs.lookup(chosen)
    except LookupError:
        raise InputError(
            f"unknown text encoding {chosen!r}; use e.g. {', '.join(ENCODINGS)}", path=str(path)
        ) from None
    try:
        text = data.decode(chosen)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            f"line {line} is not {chosen} text (byte {data[exc.start : exc.start + 1]!r}); choose the "
            f"file's encoding (e.g. {', '.join(ENCODINGS)}) or leave it empty to detect it",
            path=str(path),
        ) from None
    if chosen in ("utf-8", "utf-16") and text.startswith("\ufeff"):
        text = text[1:]
    return text, chosen


def read_plan_csv(
    path: str | os.PathLike[str], *, encoding: str | None = None, info: dict[str, Any] | None = None
) -> Iterator[Feature | Reject]:
    """The CSV template, row by row. ``info['encoding']`` is set to the encoding used."""
    path = Path(path)
    key = _now_key()
    text, used = _decode(path.read_bytes(), encoding or None, path)
    if info is not None:
        info["encoding"] = used
        info["encoding_detected"] = not encoding
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        yield from _plan_rows(reader, path, key)
    except csv.Error as exc:
        raise csv_unreadable(reader, exc, path) from None


def csv_unreadable(reader: Any, exc: csv.Error, path: Path) -> InputError:
    """The error for a CSV the csv module cannot read, naming the line (a field over csv's
    limit, an unclosed quote at the end...)."""
    return InputError(
        f"line {reader.line_num}: the CSV cannot be read ({exc}; csv's limit is "
        f"{csv.field_size_limit():,} characters per field)",
        path=str(path),
    )


def _plan_rows(reader, path: Path, key: str) -> Iterator[Feature | Reject]:
    header = next(reader, None) or []
    columns = [c.strip().lower() for c in header]
    seen_cols: dict[str, int] = {}
    for i, name in enumerate(columns, start=1):
        if name and name in seen_cols:
            raise SchemaError(
                f"column {name!r} appears twice (columns {seen_cols[name]} and {i}): rename or "
                "remove one so no value is silently hidden",
                path=str(path),
            )
        seen_cols[name] = i
    missing = [c for c in ("plan_ref", "wkt") if c not in seen_cols]
    if missing:
        raise SchemaError(
            f"missing column(s) {', '.join(missing)}; the template has {', '.join(TEMPLATE_COLUMNS)}",
            path=str(path),
        )
    first_line: dict[str, int] = {}
    for fields in reader:
        line = reader.line_num  # the row's last physical line (a quoted field may span lines)
        if not fields or not any(f.strip() for f in fields):
            continue  # blank line
        ref_at = seen_cols["plan_ref"] - 1
        ref = fields[ref_at].strip() if ref_at < len(fields) else ""
        record = ref or f"line {line}"
        if len(fields) != len(columns):
            yield Reject(
                path.name,
                record,
                "row",
                f"line {line} has {len(fields)} fields, the header has {len(columns)} (cut short or a "
                "stray separator/quote)",
            )
            continue
        values = {name: value.strip() for name, value in zip(columns, fields, strict=True) if name}
        if not ref:
            yield Reject(path.name, record, "plan_ref", f"missing plan reference (line {line})")
            continue
        if ref in first_line:
            yield Reject(
                path.name,
                ref,
                "plan_ref",
                f"duplicate plan_ref on line {line}: already on line {first_line[ref]}",
            )
            continue
        first_line[ref] = line
        yield plan_feature(
            source_file=path.name,
            record=record,
            ref=ref,
            geometry=values.get("wkt"),
            values=values,
            sort_key=key,
        )


def _transform_for(package: GeoPackage, srs_id: Any, path: Path):
    """A function taking (n, 2) coordinates in the layer's CRS to EPSG:27700, or None when
    the layer is in EPSG:27700 (or undefined, read as BNG as the template is)."""
    if srs_id in (BNG_EPSG, -1, 0, None):
        return None, None
    found = package.query(
        "SELECT organization, organization_coordsys_id AS code, definition FROM gpkg_spatial_ref_sys "
        f"WHERE srs_id = {int(srs_id)}"  # nosec B608  # an integer
    )
    row = (found[0]["organization"], found[0]["code"], found[0]["definition"]) if found else None
    candidates: list[Any] = []
    if row is not None:
        org, code, definition = row
        if str(org or "").upper() == "EPSG" and code:
            if int(code) == BNG_EPSG:
                return None, None
            candidates.append(f"EPSG:{int(code)}")
        if definition and str(definition).strip().lower() not in ("", "undefined"):
            candidates.append(str(definition))
    else:
        candidates.append(f"EPSG:{srs_id}")
    from pyproj import CRS, Transformer
    from pyproj.exceptions import CRSError

    for candidate in candidates:
        try:
            crs = CRS.from_user_input(candidate)
            transformer = Transformer.from_crs(crs, BNG_EPSG, always_xy=True)
        except CRSError:
            continue
        return transformer, crs
    raise InputError(
        f"networklink's coordinate reference system (srs_id {srs_id}"
        + (f", {row[0]}:{row[1]}" if row is not None else ", not in gpkg_spatial_ref_sys")
        + ") is not one the projection database knows: save the layer in EPSG:27700 or a known CRS",
        path=str(path),
    )


def _screen_source(geom: shapely.Geometry, crs, field: str) -> None:
    """Coordinates in the layer's own CRS: finite and within that CRS's plausible range,
    before they are transformed."""
    coords = shapely.get_coordinates(geom)
    if not coords.size:
        raise BadValue(field, "empty geometry")
    if not np.isfinite(coords).all():
        raise BadValue(field, "geometry has NaN or infinite coordinates")
    limit = (180.0, 90.0) if crs.is_geographic else (1e7, 1e7)
    if (np.abs(coords[:, 0]) > limit[0]).any() or (np.abs(coords[:, 1]) > limit[1]).any():
        raise BadValue(field, f"coordinates outside the range of {crs.name}")


def _far_outside_any_grid(geom: shapely.Geometry) -> bool:
    """True when a coordinate is not finite or far outside any projected grid: such a
    geometry is rejected before GEOS does anything with it (reads the coordinates only)."""
    coords = shapely.get_coordinates(geom)
    return bool(coords.size and (not np.isfinite(coords).all() or (np.abs(coords) > 1e7).any()))


def read_future_works_gpkg(
    path: str | os.PathLike[str], *, info: dict[str, Any] | None = None
) -> Iterator[Feature | Reject]:
    """``networklink`` rows (with their programme's name and dates when linked)."""
    path = Path(path)
    try:
        yield from _read_future_works_gpkg(path, info)
    except GeoPackageError as exc:
        raise InputError(
            f"not a readable GeoPackage (damaged, truncated or not SQLite): {exc}", path=str(path)
        ) from None


def _read_future_works_gpkg(path: Path, info: dict[str, Any] | None) -> Iterator[Feature | Reject]:
    key = _now_key()
    with open_geopackage(path) as package:
        # read whole before anything is yielded: GDAL's errors are caught only while the file is open
        links, geom_col, transformer, crs = _future_works_rows(package, path)
    if info is not None and crs is not None:
        info["crs"] = crs.name
    for ref, values, geom in links:
        if geom is not None and _far_outside_any_grid(geom):
            yield Reject(path.name, ref, geom_col, "coordinates not finite or far outside any grid")
            continue
        if geom is None or geom.is_empty:
            yield Reject(path.name, ref, geom_col, "missing or unreadable geometry")
            continue
        if transformer is not None:
            try:
                _screen_source(geom, crs, geom_col)
            except BadValue as bad:
                yield Reject(path.name, ref, bad.field, bad.reason)
                continue
            geom = shapely.transform(
                geom, lambda xy: np.column_stack(transformer.transform(xy[:, 0], xy[:, 1]))
            )
        yield plan_feature(
            source_file=path.name, record=ref, ref=ref, geometry=geom, values=values, sort_key=key
        )


def _future_works_rows(package: GeoPackage, path: Path):
    """``networklink``'s rows as (record, values, geometry) with their programme's name and
    dates when linked, its geometry column, and the transform to EPSG:27700 (None in BNG)."""
    tables = {
        r["name"].lower(): r["name"]
        for r in package.query("SELECT name FROM sqlite_master WHERE type='table'")
    }
    if "networklink" not in tables:
        raise SchemaError("no networklink table: not a UK Future Works Profile GeoPackage", path=str(path))
    if "gpkg_geometry_columns" not in tables:
        raise SchemaError("no gpkg_geometry_columns table: not a GeoPackage", path=str(path))
    link_table = tables["networklink"]
    geom_rows = package.query(
        "SELECT column_name, srs_id FROM gpkg_geometry_columns WHERE lower(table_name) = 'networklink'"
    )
    if not geom_rows:
        raise SchemaError("networklink has no geometry column", path=str(path))
    geom_col, srs_id = geom_rows[0]["column_name"], geom_rows[0]["srs_id"]
    transformer, crs = _transform_for(package, srs_id, path)

    link_cols = [name for name, _kind in package.columns(link_table)]
    link_fk = next((c for c in link_cols if c.lower() in _PROGRAMME_LINKS), None)
    programmes: dict[Any, dict[str, Any]] = {}
    if "plannedprogramme" in tables:
        table = tables["plannedprogramme"]
        names = [name.lower() for name, _kind in package.columns(table)]
        # the programme's key: the column the links name (a text ``programmeid`` in files that
        # key programmes by their own reference), else its own id column, else the fid
        key = next(
            (c for c in (link_fk and link_fk.lower(), *_PROGRAMME_LINKS, "id", "fid") if c and c in names),
            "fid",
        )
        for row in package.rows(table):
            d = {k.lower(): v for k, v in row.items()}
            programmes[d.get(key)] = d
    # the key a record is named by: fid or id, else the table's integer primary key
    pk = next((c for c in link_cols if c.lower() in ("fid", "id")), None) or package.primary_key(link_table)
    links = []
    for number, row in enumerate(package.rows(link_table, geom_col), start=1):
        d = {k.lower(): v for k, v in row.items()}
        ref = f"{path.stem}:{row[pk] if pk else number}"
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
        links.append((ref, values, row[geom_col]))
    return links, geom_col, transformer, crs


def read_forward_plan(
    path: str | os.PathLike[str], *, encoding: str | None = None, info: dict[str, Any] | None = None
) -> Iterator[Feature | Reject]:
    """A forward plan file: the CSV template or a UK Future Works Profile GeoPackage."""
    suffix = Path(path).suffix.lower()
    if suffix == ".csv":
        return read_plan_csv(path, encoding=encoding, info=info)
    if suffix == ".gpkg":
        return read_future_works_gpkg(path, info=info)
    raise SchemaError(
        "a forward plan is a .csv (template) or a .gpkg (UK Future Works Profile)", path=str(path)
    )


def plan_scope(path: str | os.PathLike[str]) -> str:
    """The data set a plan file is a version of: ``plan:`` and the file's name without its
    extension, numbers (dates, versions) and punctuation, in lower case.

    Why not the file name itself, as the spine import uses: utilities name each month's plan
    after its date, and a Future Works Profile link's key holds the file's name
    (``plan:<stem>:<fid>``: fids repeat from file to file), so a renamed newer GeoPackage has
    none of the older one's keys and the store's "holds most of its keys again" rule could not
    tell it is the same plan. The name without its numbers can: ``forward_plan_2026-05.gpkg``
    replaces ``forward_plan_2026-04.gpkg`` and ``forward_plan.csv``. Two plans kept side by
    side must differ in more than numbers (``fibre_plan.gpkg``, ``duct_plan.gpkg``); files named
    by numbers alone (``2026-05.csv``) are one plan, ``plan:``. A CSV
    renamed beyond that is still found by its ``plan_ref`` keys (the store replaces a data set
    more than half of whose rows come again). The ``plan:`` prefix keeps plans apart from any
    other data set the works table may hold; Street Manager permits and works files are merged,
    in no data set, and a plan import never removes them.

    >>> plan_scope("Forward_Plan_2026-05.gpkg")
    'plan:forward plan'
    """
    return "plan:" + " ".join(re.sub(r"[\W\d_]+", " ", Path(path).stem.lower()).split())


def import_forward_plan(
    store: Store,
    path: str | os.PathLike[str],
    *,
    encoding: str | None = None,
    force_replace: bool = False,
    cancel=None,
    progress=None,
) -> ImportResult:
    """A forward plan into the store's works (``source='plan'``, ``permit_ref``
    ``plan:<ref>``), replacing the plan it supersedes (the same data set, :func:`plan_scope`):
    what the newer file no longer lists leaves the store. A file that would leave fewer than
    half of that plan's rows is refused (``ReplaceRefused``, store unchanged) unless
    ``force_replace``. The same file again changes nothing. The result's message says which
    text encoding a CSV was read with."""
    info: dict[str, Any] = {}
    scope = plan_scope(path)
    # the file this one supersedes: the latest import of the same plan under another name
    # (the catalogue is small; the works table is not scanned)
    earlier = [
        row["source"]
        for row in store.catalogue()
        if row.get("kind") == SOURCE and plan_scope(row["source"]) == scope
    ]
    replaced = earlier[-1] if earlier and Path(earlier[-1]).name != Path(path).name else None
    result = store.import_features(
        read_forward_plan(path, encoding=encoding, info=info),
        # both tables, as before: the catalogue lists them and the restrictions table exists
        layers=list(MERGED_WORKS_LAYERS.values()),
        kind=SOURCE,
        source=str(path),
        sha256=file_sha256(path),
        options={"encoding": encoding} if encoding else None,
        mode="replace",
        scope=scope,
        force_replace=force_replace,
        cancel=cancel,
        progress=progress,
    )
    if replaced and not result.unchanged:
        result.message += f"; replaces the plan imported from {Path(replaced).name}"
    if info.get("encoding"):
        how = "detected" if info.get("encoding_detected") else "as chosen"
        result.message += f"; text read as {info['encoding']} ({how})"
    if info.get("crs"):
        result.message += f"; reprojected from {info['crs']}"
    return result

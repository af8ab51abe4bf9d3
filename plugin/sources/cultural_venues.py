"""GLA Cultural Infrastructure Map (London Datastore): one CSV per category, or the
GeoPackage with one layer per category.

Column order differs between files, so columns are found by name. Faults handled
(DOMAIN.md section 6):

* ``os_addressbase_uprn`` was rounded by a spreadsheet in some exports: it is kept as text
  (``uprn_reported``, with ``uprn_suspect`` when it ends in five or more zeros) and never
  used as a key. The key ``venue_id`` is a hash of category, name, address and location;
* ``NA`` and blank strings are null;
* rows with no borough keep a null borough (filled from ``borough_code`` when given);
* mojibake (``â€™`` for ``’``: UTF-8 read as cp1252/latin-1) is repaired;
* borough names are normalised (``HACKNEY`` and ``CITY OF WESTMINSTER`` become ``Hackney``
  and ``Westminster``);
* a header with no data rows is read as 0 rows and said so in the notes (never as a valid
  empty category without a word).

Which coordinate pair is right
------------------------------
Every row gives its place twice, easting/northing (E/N, EPSG:27700) and latitude/longitude
(lat/lon, labelled WGS84), and the real files get one or the other wrong: in Libraries,
Museums and both music-venue files the lat/lon are OSGB36 (EPSG:4277) values labelled WGS84
(every venue ~125 m off if the lat/lon are trusted); in Theatres the E/N are the lat/lon
converted with the datum shift applied the wrong way (~250 m off); in Pubs both agree. The
pair kept is decided for each row from evidence in the data, strongest first, and recorded on
the venue (``coord_source``, ``coord_evidence``):

1. ``agree``: the pairs lie within the tolerance (default 5 m) of each other: E/N kept (they
   need no datum conversion; without the OSTN15 grid, lat/lon to E/N is a Helmert fit that
   lands 1.4-2.1 m from the publisher's own E/N in the real Pubs file);
2. ``latlon_is_osgb36``: the lat/lon read as OSGB36 reproduce the E/N within 1 m (an exact
   projection, no datum shift): the lat/lon were converted from the E/N and mislabelled, the
   E/N are kept;
3. ``en_datum_reversed``: the E/N equal the lat/lon shifted between the two datums the wrong
   way and projected (within the tolerance): the E/N were converted from the lat/lon, badly,
   and the lat/lon are kept;
4. ``own_borough``: only one of the two positions lies in the row's own borough
   (``borough_code``, else ``borough_name``; the borough outlines shipped with the plugin,
   more than 20 m outside counting as outside): that one is kept;
5. ``file_majority``: no evidence on the row: the pair that the file's rows with evidence
   (2-4) showed right is kept;
6. ``no_evidence``: nothing decides: the lat/lon are kept (the Datastore's documented
   position) and the row stays flagged.

A row with only one usable pair keeps it (``only_easting_northing`` / ``only_latitude_longitude``);
lat/lon given in the wrong order are swapped first. ``coord_conflict`` is true when the pairs
disagree by more than the tolerance or lat/lon were swapped; ``coord_disagreement_m`` is the
distance between them. A row with no usable coordinates at all is rejected with the field and
the value.
"""

from __future__ import annotations

import csv
import hashlib
import io
import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import numpy as np
import shapely

from ..core.boroughs import london_boroughs
from ..core.errors import SchemaError
from ..core.geo import GB_LONLAT_BBOX, ReadResult, Reject, bng_point_ok, lonlat_to_bng, transformer_to_bng
from ..layerio.gpkg_reader import GeoPackage, GeoPackageError, literal, open_geopackage

#: Largest distance (m) between the two pairs for them to count as agreeing, and between the
#: E/N and a datum-reversed conversion of the lat/lon. Measured: Helmert lat/lon -> E/N lands
#: 1.4-2.1 m from the publisher's E/N (real Pubs, both pairs right); the reversed conversion
#: reproduces the real Theatres E/N within 1.4-1.9 m.
DEFAULT_TOLERANCE_M = 5.0
#: Lat/lon read as OSGB36 reproduce the E/N they were made from within millimetres (an exact
#: projection): 1 m leaves room for rounding of the published values.
OSGB36_MATCH_M = 1.0
#: A position this far outside the row's own borough counts as outside it (the shipped
#: outlines are generalised to 10 m).
BOROUGH_MARGIN_M = 20.0
OSGB36_EPSG = 4277
SQLITE_MAGIC = b"SQLite format 3\x00"

#: How each pair was chosen (``coord_evidence``), and the sentence the log gives for it.
EVIDENCE: dict[str, str] = {
    "agree": "both pairs agree within {tol:g} m: easting/northing kept (no datum conversion needed)",
    "latlon_is_osgb36": (
        "latitude/longitude read as OSGB36 (EPSG:4277) reproduce easting/northing within 1 m: the "
        "latitude/longitude are OSGB36 values labelled WGS84, easting/northing kept"
    ),
    "en_datum_reversed": (
        "easting/northing are the latitude/longitude converted with the OSGB36/WGS84 datum shift "
        "applied the wrong way (within {tol:g} m): latitude/longitude kept"
    ),
    "own_borough": "the pairs disagree and only the kept one lies in the row's own borough",
    "file_majority": "the pairs disagree with no evidence on the row: kept the pair this file's other rows showed right",
    "no_evidence": "the pairs disagree and nothing in the row or the file decides: latitude/longitude kept, row flagged",
    "only_easting_northing": "only easting/northing usable",
    "only_latitude_longitude": "only latitude/longitude usable",
}
EN, LL = "easting_northing", "latitude_longitude"

VENUE_FIELDS: list[tuple[str, str]] = [
    ("venue_id", "str"),
    ("category", "str"),
    ("name", "str"),
    ("address1", "str"),
    ("address2", "str"),
    ("address3", "str"),
    ("borough_name", "str"),
    ("borough_code", "str"),
    ("ward_name", "str"),
    ("ward_code", "str"),
    ("website", "str"),
    ("uprn_reported", "str"),
    ("uprn_suspect", "bool"),
    ("coord_source", "str"),
    ("coord_evidence", "str"),
    ("coord_conflict", "bool"),
    ("coord_disagreement_m", "float"),
    ("runtime", "str"),
    ("source_file", "str"),
]

#: GSS codes of the 33 London local authorities and the name used for them.
LONDON_BOROUGHS: dict[str, str] = {
    "E09000001": "City of London",
    "E09000002": "Barking and Dagenham",
    "E09000003": "Barnet",
    "E09000004": "Bexley",
    "E09000005": "Brent",
    "E09000006": "Bromley",
    "E09000007": "Camden",
    "E09000008": "Croydon",
    "E09000009": "Ealing",
    "E09000010": "Enfield",
    "E09000011": "Greenwich",
    "E09000012": "Hackney",
    "E09000013": "Hammersmith and Fulham",
    "E09000014": "Haringey",
    "E09000015": "Harrow",
    "E09000016": "Havering",
    "E09000017": "Hillingdon",
    "E09000018": "Hounslow",
    "E09000019": "Islington",
    "E09000020": "Kensington and Chelsea",
    "E09000021": "Kingston upon Thames",
    "E09000022": "Lambeth",
    "E09000023": "Lewisham",
    "E09000024": "Merton",
    "E09000025": "Newham",
    "E09000026": "Redbridge",
    "E09000027": "Richmond upon Thames",
    "E09000028": "Southwark",
    "E09000029": "Sutton",
    "E09000030": "Tower Hamlets",
    "E09000031": "Waltham Forest",
    "E09000032": "Wandsworth",
    "E09000033": "Westminster",
}
_BY_KEY = {re.sub(r"[^a-z]", "", v.lower()): v for v in LONDON_BOROUGHS.values()}
_BY_KEY.update({"cityofwestminster": "Westminster", "londonboroughofhackney": "Hackney"})

NA = {"", "NA", "N/A", "NULL", "null", "None", "#N/A"}
_MOJIBAKE_HINT = re.compile(
    "[ÂÃâ][\x80-\xbf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u2122]"
)


def repair_mojibake(text: str) -> str:
    """Undo UTF-8 bytes decoded as cp1252 (or latin-1); other text is returned unchanged.

    >>> repair_mojibake("Queenâ€™s Yard")
    'Queen’s Yard'
    >>> repair_mojibake("St Paul\\u00e2\\u0080\\u0099s")
    'St Paul’s'
    >>> repair_mojibake("Café")
    'Café'
    """
    if not _MOJIBAKE_HINT.search(text):
        return text
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1252")
        except UnicodeEncodeError:
            if ord(ch) < 256:
                out.append(ord(ch))
            else:
                return text
    try:
        return out.decode("utf-8")
    except UnicodeDecodeError:
        return text


def normalise_borough(name: str | None, code: str | None) -> str | None:
    """One spelling per borough: from the GSS code when known, else from the name.

    >>> normalise_borough("HACKNEY", None), normalise_borough("CITY OF WESTMINSTER", None)
    ('Hackney', 'Westminster')
    >>> normalise_borough(None, "E09000021")
    'Kingston upon Thames'
    """
    if code and code in LONDON_BOROUGHS:
        return LONDON_BOROUGHS[code]
    if not name:
        return None
    return _BY_KEY.get(re.sub(r"[^a-z]", "", name.lower()), name.strip().title())


def category_from_filename(path: str | Path) -> str:
    """``Music_venues_grassroots.csv`` -> ``Music venues grassroots``."""
    stem = Path(path).stem
    stem = re.sub(r"[_\-]+", " ", stem).strip()
    return stem[:1].upper() + stem[1:]


_GSS_BY_NAME = {v: k for k, v in LONDON_BOROUGHS.items()}


def _clean(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        value = str(int(value))  # a GeoPackage REAL uprn or code, not "100023022302.0"
    value = repair_mojibake(str(value).strip())
    return None if value in NA else value


def _float(value: str | None) -> float | None:
    text = _clean(value)
    if text is None:
        return None
    return float(text)


# --- reading files ------------------------------------------------------------------------


def read_venues(
    path: str | Path,
    category: str | None = None,
    tolerance_m: float = DEFAULT_TOLERANCE_M,
    layers: Iterable[str] | None = None,
) -> ReadResult:
    """Read one Cultural Infrastructure Map CSV, or the GeoPackage (every layer, or ``layers``).

    Every data row ends up either in ``records`` or in ``rejects`` (with a reason); the notes
    say which coordinate pair was kept for how many rows, and why.
    """
    path = Path(path)
    data = path.read_bytes()
    if data.startswith(SQLITE_MAGIC):
        return _read_venues_gpkg(path, category, tolerance_m, layers)
    if data.startswith(b"PK\x03\x04"):
        raise SchemaError("is a ZIP archive: extract the Cultural Infrastructure Map CSV or GeoPackage first",
                          path=path.name)  # fmt: skip
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    return read_venues_text(text, path.name, category, tolerance_m)


def read_venues_text(
    text: str, label: str, category: str | None = None, tolerance_m: float = DEFAULT_TOLERANCE_M
) -> ReadResult:
    """Read the text of one CIM CSV (``label`` names it in rejects and notes)."""
    if "\x00" in text:
        raise SchemaError(
            "holds NUL bytes: not a CSV file (a GeoPackage or spreadsheet renamed?)", path=label
        )
    lines = _csv_rows(csv.reader(io.StringIO(text)), label)
    try:
        header = next(lines)[1]
    except StopIteration:
        raise SchemaError("empty file (no header row)", path=label) from None
    file_category = category or category_from_filename(label.split("!")[-1])
    result = _read_rows(header, lines, label, file_category, tolerance_m)
    result.count("mojibake_repaired", _count_mojibake(text))
    return result


def _csv_rows(reader: Any, label: str) -> Iterator[tuple[int, list[str]]]:
    """(line number, values) of each CSV row; a CSV syntax error names the line."""
    while True:
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise SchemaError(f"line {reader.line_num}: not readable as CSV ({exc})", path=label) from exc
        yield reader.line_num, values


def _read_venues_gpkg(
    path: Path, category: str | None, tolerance_m: float, layers: Iterable[str] | None
) -> ReadResult:
    """Read the GLA's Cultural Infrastructure Map GeoPackage: one layer per category.

    Each layer is read like one CSV: its attribute columns by name, its category from the
    layer name (unless ``category`` or a category column says otherwise). The geometry stands
    for a missing pair: a point in EPSG:27700 (or any projected CRS, reprojected) for
    easting/northing, a point in geographic coordinates for latitude/longitude. Read through
    GDAL's own bindings (``layerio.gpkg_reader``: values as stored, GDAL decodes the points).
    """
    path = Path(path)
    try:
        with open_geopackage(path) as package:
            return _read_gpkg(package, path, category, tolerance_m, layers)
    except GeoPackageError as exc:
        raise SchemaError(f"cannot be opened as a GeoPackage: {exc}", path=path.name) from exc


def _read_gpkg(
    package: GeoPackage, path: Path, category: str | None, tolerance_m: float, layers: Iterable[str] | None
) -> ReadResult:
    try:
        tables = [
            r["table_name"]
            for r in package.query(
                "SELECT table_name FROM gpkg_contents WHERE data_type IN ('features', 'attributes') "
                "ORDER BY table_name"
            )
        ]
    except GeoPackageError as exc:
        raise SchemaError(f"not a GeoPackage (no gpkg_contents table): {exc}", path=path.name) from exc
    wanted = list(layers) if layers else tables
    unknown = [w for w in wanted if w not in tables]
    if unknown:
        raise SchemaError(f"has no layer {', '.join(map(repr, unknown))}; layers: {', '.join(tables)}",
                          path=path.name)  # fmt: skip
    result = ReadResult()
    for table in wanted:
        try:
            result.extend(_read_gpkg_layer(package, path.name, table, category, tolerance_m))
        except SchemaError as exc:
            if layers:  # asked for by name: say why it cannot be read
                raise
            # the map's download may hold context layers (areas, zones): not venues
            result.notes.append(f"{path.name}: layer {table!r} left out, not a venue layer ({exc.reason})")
            result.count("layers_left_out")
    skipped = [t for t in tables if t not in wanted]
    if skipped:
        result.notes.append(f"{path.name}: layers not asked for and not read: {', '.join(skipped)}")
    if not tables:
        result.notes.append(f"{path.name}: the GeoPackage holds no layer: 0 rows read")
    return result


def _read_gpkg_layer(
    package: GeoPackage, filename: str, table: str, category: str | None, tolerance_m: float
) -> ReadResult:
    label = f"{filename}!{table}"
    try:
        found = package.query(
            "SELECT g.column_name AS c, s.organization AS o, s.organization_coordsys_id AS i, "
            "g.geometry_type_name AS t FROM gpkg_geometry_columns g "
            f"LEFT JOIN gpkg_spatial_ref_sys s ON s.srs_id = g.srs_id WHERE g.table_name = {literal(table)}"  # nosec B608  # a quoted literal
        )
    except GeoPackageError:
        found = []
    geom_col, org, org_id, geom_type = (
        (found[0]["c"], found[0]["o"], found[0]["i"], found[0]["t"]) if found else (None, None, None, None)
    )
    if geom_type and str(geom_type).upper() not in ("POINT", "MULTIPOINT", "GEOMETRY"):
        raise SchemaError(f"layer {table!r} holds {str(geom_type).lower()}s, not venue points", path=filename)
    epsg = int(org_id) if org and str(org).upper() == "EPSG" and org_id else None
    try:
        table_rows = list(package.rows(table, geom_col))
        names = [name for name, _kind in package.columns(table)]
    except GeoPackageError as exc:
        raise SchemaError(f"layer {table!r} cannot be read: {exc}", path=filename) from exc
    attrs = [n for n in names if n != geom_col and n.lower() not in ("fid", "ogc_fid")]
    lower = {n.lower() for n in attrs}
    # the geometry stands in for a pair the attributes lack
    geographic = epsg is not None and _is_geographic(epsg)
    fill = None
    if geom_col:
        if geographic and not {"latitude", "longitude"} <= lower:
            fill = ("longitude", "latitude")
        elif not geographic and not {"easting", "northing"} <= lower:
            fill = ("easting", "northing")
    header = attrs + list(fill or ())
    notes = []
    if fill:
        notes.append(f"{label}: {'/'.join(fill[::-1] if geographic else fill)} taken from the layer's geometry "
                     f"(EPSG:{epsg or 'unknown'})")  # fmt: skip

    def rows() -> Iterator[tuple[int, list[Any]]]:
        for n, values in enumerate(table_rows, start=1):
            out = [values[a] for a in attrs]
            if fill:
                out.extend(_point_values(values.get(geom_col), epsg, geographic))
            yield n, out

    layer_category = category or category_from_filename(table)
    result = _read_rows(header, rows(), label, layer_category, tolerance_m, record_word="feature")
    result.notes[:0] = notes
    return result


def _is_geographic(epsg: int) -> bool:
    from pyproj import CRS

    try:
        return CRS.from_epsg(epsg).is_geographic
    except Exception:  # noqa: BLE001  (pyproj raises several types)
        return False


def _point_values(geom: shapely.Geometry | None, epsg: int | None, geographic: bool) -> list[str]:
    """The x, y of a GeoPackage point as text ('' when missing), reprojected to EPSG:27700 when
    projected in another CRS."""
    if geom is None or geom.is_empty:
        return ["", ""]
    pt = geom if geom.geom_type == "Point" else geom.representative_point()
    x, y = pt.x, pt.y
    if not geographic and epsg not in (None, 27700):
        x, y = transformer_to_bng(epsg).transform(x, y)
    return [repr(float(x)), repr(float(y))]


# --- rows to records ----------------------------------------------------------------------


def _read_rows(
    header: list[str],
    lines: Iterable[tuple[int, list[Any]]],
    label: str,
    file_category: str,
    tolerance_m: float,
    record_word: str = "line",
) -> ReadResult:
    cols = {str(h).strip().lower(): i for i, h in enumerate(header)}
    ward_name = next((c for c in cols if re.fullmatch(r"ward_\d{4}_name|ward_name", c)), None)
    ward_code = next((c for c in cols if re.fullmatch(r"ward_\d{4}_code|ward_code", c)), None)
    has_ll = "latitude" in cols and "longitude" in cols
    has_en = "easting" in cols and "northing" in cols
    if "name" not in cols or not (has_ll or has_en):
        raise SchemaError(
            "not a Cultural Infrastructure Map file: expected 'name' and 'latitude','longitude' and/or "
            f"'easting','northing' (any order); found headers: {header}",
            path=label,
        )
    cat_col = next((c for c in ("category", "layer", "cultural_category") if c in cols), None)
    result = ReadResult()
    rows: list[tuple[int, dict[str, Any], list[float | None]]] = []
    for line_no, row in lines:
        where = f"{record_word} {line_no}"
        if not any(v is not None and str(v).strip() for v in row):
            result.rejects.append(Reject(label, where, "", "empty row"))
            continue
        if len(row) != len(header):
            result.rejects.append(
                Reject(label, where, "", f"{len(row)} values for {len(header)} columns (unquoted comma?)")
            )
            continue

        def get(col: str | None, row: list[Any] = row) -> str | None:
            return _clean(row[cols[col]]) if col in cols else None

        coords: list[float | None] = []
        bad = None
        for c in ("longitude", "latitude", "easting", "northing"):
            try:
                coords.append(_float(row[cols[c]]) if c in cols else None)
            except ValueError:
                coords.append(None)
                bad = bad or (c, row[cols[c]])
        name = get("name")
        if not name:
            result.rejects.append(Reject(label, where, "name", "no venue name"))
            continue
        code = get("borough_code")
        uprn = get("os_addressbase_uprn")
        rec: dict[str, Any] = {
            "category": (get(cat_col) if cat_col else None) or file_category,
            "name": name,
            "address1": get("address1"),
            "address2": get("address2"),
            "address3": get("address3"),
            "borough_name": normalise_borough(get("borough_name"), code),
            "borough_code": code,
            "ward_name": get(ward_name),
            "ward_code": get(ward_code),
            "website": get("website"),
            "uprn_reported": uprn,
            "uprn_suspect": bool(uprn and re.search(r"0{5,}$", uprn.split(".")[0])),
            "runtime": get("runtime"),
            "source_file": label,
            "_bad": bad,
        }
        rows.append((line_no, rec, coords))

    placed = _place(rows, tolerance_m)
    seen_ids: dict[str, int] = {}
    for (line_no, rec, coords), (x, y) in zip(rows, placed, strict=True):
        bad = rec.pop("_bad")
        if x is None:
            lon, lat, east, north = coords
            fieldname, value = bad or ("latitude", f"{lat},{lon} / {east},{north}")
            result.rejects.append(
                Reject(label, f"{record_word} {line_no}", fieldname, f"no usable coordinates ({value!r})")
            )
            continue
        rec["geometry"] = shapely.Point(x, y)
        rec["venue_id"] = _venue_id(rec, seen_ids)
        result.records.append(rec)
    _summarise(result, label, tolerance_m)
    return result


def _place(
    rows: list[tuple[int, dict[str, Any], list[float | None]]], tolerance_m: float
) -> list[tuple[Any, Any]]:
    """Choose each row's pair (see the module docstring); sets ``coord_source``,
    ``coord_evidence``, ``coord_conflict`` and ``coord_disagreement_m`` on the records and
    returns the kept (x, y) in EPSG:27700, (None, None) when no pair is usable."""
    n = len(rows)
    if n == 0:
        return []
    arr = np.array([[math.nan if v is None else v for v in c] for _, _, c in rows], dtype=float)
    lon, lat, east, north = arr.T.copy()
    ll_ok = np.array([_in_gb(a, b) for a, b in zip(lon, lat, strict=True)])
    swapped = ~ll_ok & np.array([_in_gb(b, a) for a, b in zip(lon, lat, strict=True)])
    lon[swapped], lat[swapped] = lat[swapped].copy(), lon[swapped].copy()
    ll_ok |= swapped
    en_ok = np.array([bng_point_ok(e, nn) for e, nn in zip(east, north, strict=True)])
    both = ll_ok & en_ok

    ax, ay = lonlat_to_bng(np.where(ll_ok, lon, np.nan), np.where(ll_ok, lat, np.nan))
    gap = np.hypot(ax - east, ay - north)
    cx, cy, dx, dy = _osgb36_candidates(np.where(both, lon, np.nan), np.where(both, lat, np.nan))
    agree = both & (gap <= tolerance_m)
    osgb = both & ~agree & (np.hypot(cx - east, cy - north) <= OSGB36_MATCH_M)
    reversed_ = both & ~agree & ~osgb & (np.hypot(dx - east, dy - north) <= tolerance_m)
    evidence = np.full(n, "", dtype=object)
    keep_en = np.zeros(n, dtype=bool)
    evidence[ll_ok & ~en_ok] = "only_latitude_longitude"
    evidence[en_ok & ~ll_ok] = "only_easting_northing"
    keep_en[en_ok & ~ll_ok] = True
    evidence[agree], keep_en[agree] = "agree", True
    evidence[osgb], keep_en[osgb] = "latlon_is_osgb36", True
    evidence[reversed_] = "en_datum_reversed"

    open_rows = both & (evidence == "")
    if open_rows.any():
        by_borough = _own_borough_choice([rec for _, rec, _ in rows], ax, ay, east, north, open_rows)
        for k, choice in by_borough.items():
            evidence[k], keep_en[k] = "own_borough", choice == EN
        open_rows = both & (evidence == "")
    if open_rows.any():
        proved = np.isin(evidence, ["latlon_is_osgb36", "en_datum_reversed", "own_borough"])
        votes_en = int((proved & keep_en).sum())
        votes_ll = int((proved & ~keep_en).sum())
        if votes_en != votes_ll:
            evidence[open_rows], keep_en[open_rows] = "file_majority", votes_en > votes_ll
        else:
            evidence[open_rows], keep_en[open_rows] = "no_evidence", False

    out: list[tuple[Any, Any]] = []
    for k, (_, rec, _) in enumerate(rows):
        if not evidence[k]:
            out.append((None, None))
            continue
        rec["coord_evidence"] = evidence[k]
        rec["coord_disagreement_m"] = round(float(gap[k]), 1) if both[k] else None
        rec["coord_conflict"] = bool(swapped[k] or (both[k] and not agree[k]))
        if keep_en[k]:
            rec["coord_source"] = EN
            out.append((float(east[k]), float(north[k])))
        else:
            rec["coord_source"] = "latitude_longitude_swapped" if swapped[k] else LL
            out.append((float(ax[k]), float(ay[k])))
    return out


def _osgb36_candidates(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, ...]:
    """Where the lat/lon would put E/N if they were OSGB36 values (C), and where a conversion
    that applied the OSGB36/WGS84 datum shift the wrong way would put them (D)."""
    to_bng = transformer_to_bng(OSGB36_EPSG)
    cx, cy = to_bng.transform(lon, lat)
    slon, slat = _osgb36_to_wgs84().transform(lon, lat)
    dx, dy = to_bng.transform(slon, slat)
    return (np.asarray(v, dtype=float) for v in (cx, cy, dx, dy))  # type: ignore[return-value]


_SHIFT: list[Any] = []


def _osgb36_to_wgs84() -> Any:
    if not _SHIFT:
        from pyproj import Transformer

        _SHIFT.append(Transformer.from_crs(OSGB36_EPSG, 4326, always_xy=True))
    return _SHIFT[0]


def _own_borough_choice(
    recs: list[dict[str, Any]],
    ax: np.ndarray,
    ay: np.ndarray,
    east: np.ndarray,
    north: np.ndarray,
    open_rows: np.ndarray,
) -> dict[int, str]:
    """Rows whose own borough holds exactly one of the two positions: {row: pair kept}."""
    boroughs = london_boroughs()
    index = {b.gss_code: i for i, b in enumerate(boroughs)}
    out: dict[int, str] = {}
    for k in np.flatnonzero(open_rows):
        rec = recs[k]
        code = rec.get("borough_code")
        gss = code if code in index else _GSS_BY_NAME.get(rec.get("borough_name") or "")
        if gss is None:
            continue
        shape = boroughs[index[gss]].geometry
        d_ll = shape.distance(shapely.Point(ax[k], ay[k]))
        d_en = shape.distance(shapely.Point(east[k], north[k]))
        if d_en == 0 and d_ll > BOROUGH_MARGIN_M:
            out[int(k)] = EN
        elif d_ll == 0 and d_en > BOROUGH_MARGIN_M:
            out[int(k)] = LL
    return out


def _summarise(result: ReadResult, label: str, tolerance_m: float) -> None:
    recs = result.records
    result.count("rows", len(recs) + len(result.rejects))
    result.count("imported", len(recs))
    result.count("coord_conflicts", sum(1 for r in recs if r["coord_conflict"]))
    result.count("no_borough", sum(1 for r in recs if not r["borough_name"]))
    kept_en = sum(1 for r in recs if r["coord_source"] == EN)
    result.count("kept_easting_northing", kept_en)
    result.count("kept_latitude_longitude", len(recs) - kept_en)
    by_evidence = Counter(r["coord_evidence"] for r in recs)
    for key in EVIDENCE:
        result.count(f"evidence_{key}", by_evidence.get(key, 0))
    if not recs and not result.rejects:
        result.notes.append(f"{label}: a header and no data rows: 0 venues read")
        return
    if not recs:
        return
    result.notes.append(
        f"{label}: easting/northing kept for {kept_en} of {len(recs)} venues, "
        f"latitude/longitude for {len(recs) - kept_en}"
    )
    for key, sentence in EVIDENCE.items():
        n = by_evidence.get(key, 0)
        if n:
            kept = Counter(r["coord_source"] == EN for r in recs if r["coord_evidence"] == key)
            detail = ""
            if key in ("own_borough", "file_majority"):
                detail = f" (easting/northing {kept.get(True, 0)}, latitude/longitude {kept.get(False, 0)})"
            result.notes.append(f"{label}: {n} rows: {sentence.format(tol=tolerance_m)}{detail}")


def _in_gb(lon: float, lat: float) -> bool:
    return GB_LONLAT_BBOX[0] <= lon <= GB_LONLAT_BBOX[2] and GB_LONLAT_BBOX[1] <= lat <= GB_LONLAT_BBOX[3]


def _count_mojibake(text: str) -> int:
    return len(_MOJIBAKE_HINT.findall(text))


def _venue_id(rec: dict[str, Any], seen: dict[str, int]) -> str:
    pt = rec["geometry"]
    basis = "|".join(
        [rec["category"] or "", rec["name"] or "", rec["address1"] or "", f"{pt.x:.0f}", f"{pt.y:.0f}"]
    ).lower()
    slug = re.sub(r"[^a-z0-9]+", "_", (rec["category"] or "").lower()).strip("_")
    key = f"{slug}:{hashlib.sha1(basis.encode('utf-8'), usedforsecurity=False).hexdigest()[:12]}"
    n = seen.get(key, 0)
    seen[key] = n + 1
    return key if n == 0 else f"{key}-{n + 1}"

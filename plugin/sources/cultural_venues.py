"""GLA Cultural Infrastructure Map (London Datastore) CSVs: one file per category.

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
* when easting/northing and latitude/longitude disagree by more than a tolerance, the
  latitude/longitude wins and the row is flagged (``coord_conflict``,
  ``coord_disagreement_m``).

A row with no usable coordinates at all is rejected with the field and the value.
"""

from __future__ import annotations

import csv
import hashlib
import io
import math
import re
from pathlib import Path
from typing import Any

import shapely

from ..core.errors import SchemaError
from ..core.geo import GB_LONLAT_BBOX, ReadResult, Reject, bng_point_ok, lonlat_to_bng

DEFAULT_TOLERANCE_M = 50.0

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


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = repair_mojibake(value.strip())
    return None if value in NA else value


def _float(value: str | None) -> float | None:
    text = _clean(value)
    if text is None:
        return None
    return float(text)


def read_venues(
    path: str | Path, category: str | None = None, tolerance_m: float = DEFAULT_TOLERANCE_M
) -> ReadResult:
    """Read one Cultural Infrastructure Map CSV. Every data row ends up either in
    ``records`` or in ``rejects`` (with a reason)."""
    path = Path(path)
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    return read_venues_text(text, path.name, category, tolerance_m)


def read_venues_text(
    text: str, label: str, category: str | None = None, tolerance_m: float = DEFAULT_TOLERANCE_M
) -> ReadResult:
    reader = csv.reader(io.StringIO(text))
    try:
        header = next(reader)
    except StopIteration:
        raise SchemaError("empty file (no header row)", path=label) from None
    cols = {h.strip().lower(): i for i, h in enumerate(header)}
    ward_name = next((c for c in cols if re.fullmatch(r"ward_\d{4}_name|ward_name", c)), None)
    ward_code = next((c for c in cols if re.fullmatch(r"ward_\d{4}_code|ward_code", c)), None)
    has_ll = "latitude" in cols and "longitude" in cols
    has_en = "easting" in cols and "northing" in cols
    if "name" not in cols or not (has_ll or has_en):
        raise SchemaError(
            "not a Cultural Infrastructure Map CSV: expected 'name' and 'latitude','longitude' and/or "
            f"'easting','northing' (any order); found headers: {header}",
            path=label,
        )
    cat_col = next((c for c in ("category", "layer", "cultural_category") if c in cols), None)
    file_category = category or category_from_filename(label.split("!")[-1])
    result = ReadResult()
    seen_ids: dict[str, int] = {}
    rows: list[tuple[int, dict[str, Any], float | None, float | None, float | None, float | None]] = []
    for line_no, row in enumerate(reader, start=2):
        if not any(v.strip() for v in row):
            result.rejects.append(Reject(label, f"line {line_no}", "", "empty row"))
            continue
        if len(row) != len(header):
            result.rejects.append(
                Reject(
                    label,
                    f"line {line_no}",
                    "",
                    f"{len(row)} values for {len(header)} columns (unquoted comma?)",
                )
            )
            continue

        def get(col: str | None, row: list[str] = row) -> str | None:
            return _clean(row[cols[col]]) if col in cols else None

        coords: dict[str, float | None] = {}
        bad = None
        for c in ("latitude", "longitude", "easting", "northing"):
            try:
                coords[c] = _float(row[cols[c]]) if c in cols else None
            except ValueError:
                coords[c] = None
                bad = bad or (c, row[cols[c]])
        name = get("name")
        if not name:
            result.rejects.append(Reject(label, f"line {line_no}", "name", "no venue name"))
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
        rows.append(
            (line_no, rec, coords["longitude"], coords["latitude"], coords["easting"], coords["northing"])
        )

    # one bulk reprojection for every row with a latitude/longitude
    lons = [r[2] if r[2] is not None else math.nan for r in rows]
    lats = [r[3] if r[3] is not None else math.nan for r in rows]
    xs, ys = lonlat_to_bng(lons, lats) if rows else ([], [])
    for (line_no, rec, lon, lat, east, north), x, y in zip(rows, xs, ys, strict=True):
        bad = rec.pop("_bad")
        ll_ok = lon is not None and lat is not None and _in_gb(lon, lat)
        swapped = lon is not None and lat is not None and not ll_ok and _in_gb(lat, lon)
        if swapped:
            (x,), (y,) = lonlat_to_bng([lat], [lon])
            ll_ok = True
        en_ok = east is not None and north is not None and bng_point_ok(east, north)
        rec["coord_conflict"] = swapped
        rec["coord_disagreement_m"] = None
        if ll_ok:
            rec["coord_source"] = "latitude_longitude_swapped" if swapped else "latitude_longitude"
            if en_ok:
                gap = math.hypot(x - east, y - north)
                rec["coord_disagreement_m"] = round(gap, 1)
                rec["coord_conflict"] = rec["coord_conflict"] or gap > tolerance_m
            geom = shapely.Point(float(x), float(y))
        elif en_ok:
            rec["coord_source"] = "easting_northing"
            geom = shapely.Point(east, north)
        else:
            fieldname, value = bad or ("latitude", f"{lat},{lon} / {east},{north}")
            result.rejects.append(
                Reject(label, f"line {line_no}", fieldname, f"no usable coordinates ({value!r})")
            )
            continue
        rec["geometry"] = geom
        rec["venue_id"] = _venue_id(rec, seen_ids)
        result.records.append(rec)
    result.count("rows", len(result.records) + len(result.rejects))
    result.count("imported", len(result.records))
    result.count("coord_conflicts", sum(1 for r in result.records if r["coord_conflict"]))
    result.count("no_borough", sum(1 for r in result.records if not r["borough_name"]))
    result.count("mojibake_repaired", _count_mojibake(text))
    return result


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
    key = f"{slug}:{hashlib.sha1(basis.encode('utf-8')).hexdigest()[:12]}"
    n = seen.get(key, 0)
    seen[key] = n + 1
    return key if n == 0 else f"{key}-{n + 1}"

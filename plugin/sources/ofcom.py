"""Ofcom Connected Nations: fixed postcode files, the local-authority file and mobile files.

The published headers are kept exactly as Ofcom writes them (spaces, ``%``, ``<``) and
mapped to stable snake_case names (:data:`FIXED_COLUMNS`). Values:

* blank and ``N/A`` mean "no figure" and are stored as null;
* ``<4`` (older releases, small counts suppressed) is stored as null and the field name is
  listed in the record's ``suppressed`` field;
* anything else that is not a number rejects the row, naming the field and the value.

A file whose header has an unknown column, or lacks a required one, raises
:class:`~..core.errors.SchemaError` listing the expected and the found headers.

Postcodes become places through a postcode-centroid CSV in ONS Postcode Directory layout
(:func:`read_postcode_centroids`), or by aggregating to area polygons
(:func:`..core.coverage.aggregate_to_areas`). Postcodes with no location are counted and
listed (``unlocated``), never dropped silently.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import numpy as np
import shapely

from ..core.errors import InputError, SchemaError
from ..core.geo import ReadResult, Reject, bng_point_ok, lonlat_to_bng

#: Exact published header -> canonical snake_case name (fixed postcode and laua files).
FIXED_COLUMNS: dict[str, str] = {
    "postcode": "postcode",
    "postcode_space": "postcode_space",
    "postcode area": "postcode_area",
    "laua": "laua",
    "laua_name": "laua_name",
    "All Premises": "premises",
    "All Matched Premises": "matched_premises",
    "SFBB availability (% premises)": "sfbb_pct",
    "UFBB (100Mbit/s) availability (% premises)": "ufbb100_pct",
    "UFBB availability (% premises)": "ufbb_pct",
    "Full Fibre availability (% premises)": "full_fibre_pct",
    "Gigabit availability (% premises)": "gigabit_pct",
    "% of premises unable to receive 2Mbit/s": "unable_2_pct",
    "% of premises unable to receive 5Mbit/s": "unable_5_pct",
    "% of premises unable to receive 10Mbit/s": "unable_10_pct",
    "% of premises unable to receive 30Mbit/s": "unable_30_pct",
    "% of premises unable to receive decent broadband from fixed or FWA": "unable_decent_pct",
    "% of premises below the USO": "below_uso_pct",
    "% of premises with 0<2Mbit/s download speed": "speed_0_2_pct",
    "% of premises with 2<5Mbit/s download speed": "speed_2_5_pct",
    "% of premises with 5<10Mbit/s download speed": "speed_5_10_pct",
    "% of premises with 10<30Mbit/s download speed": "speed_10_30_pct",
    "% of premises with 30<300Mbit/s download speed": "speed_30_300_pct",
    "% of premises with >=300Mbit/s download speed": "speed_300_plus_pct",
}

#: The postcode file columns every release since 2019 has; missing any is a schema error.
POSTCODE_REQUIRED = (
    "postcode",
    "Gigabit availability (% premises)",
    "% of premises unable to receive 10Mbit/s",
    "% of premises unable to receive 30Mbit/s",
)
LAUA_REQUIRED = ("laua", "laua_name", "All Premises", "Gigabit availability (% premises)")
KEY_COLUMNS = {"postcode", "postcode_space", "postcode area", "laua", "laua_name"}
TEXT_FIELDS = {"postcode", "postcode_space", "postcode_area", "laua", "laua_name"}

#: Count columns Ofcom adds in some releases ("Number of premises with ...") and the mobile
#: columns (``4G_prem_out_0`` ...) are recognised by pattern.
_NUMBER_OF = re.compile(r"^Number of premises .+$")
_MOBILE = re.compile(r"^(?P<gen>[2345]G)_(?P<rest>[A-Za-z_]+_(?:[0-4]|None))$")
MOBILE_KEYS = {
    "postcode": "postcode",
    "postcode_space": "postcode_space",
    "pcd": "postcode",
    "pcds": "postcode",
}
NO_FIGURE = {"", "N/A", "NA", "n/a"}
SUPPRESSED = {"<4", "< 4"}


def snake(header: str) -> str:
    """A canonical field name for a published header.

    >>> snake("% of premises unable to receive 10Mbit/s")
    'unable_10_pct'
    >>> snake("4G_prem_out_3")
    'm4g_prem_out_3'
    >>> snake("Number of premises with 0<2Mbit/s download speed")
    'n_premises_with_0_2mbit_s_download_speed'
    """
    if header in FIXED_COLUMNS:
        return FIXED_COLUMNS[header]
    m = _MOBILE.match(header)
    if m:
        return f"m{m['gen'].lower()}_{m['rest'].lower()}"
    text = header.replace("Number of premises", "n_premises").replace("%", "pct")
    return re.sub(r"[^0-9a-z]+", "_", text.lower()).strip("_")


def normalise_postcode(text: str) -> str:
    """Upper case, single space before the inward code: ``e1w1aa`` -> ``E1W 1AA``.

    >>> normalise_postcode(" e1w1aa ")
    'E1W 1AA'
    >>> normalise_postcode("SW1A  2AA")
    'SW1A 2AA'
    """
    compact = re.sub(r"\s+", "", text).upper()
    return f"{compact[:-3]} {compact[-3:]}" if len(compact) > 3 else compact


def parse_value(text: str | None) -> tuple[float | None, bool]:
    """``(value, suppressed)``; raises ``ValueError`` for text that is not a documented value.

    >>> parse_value("12.5"), parse_value("<4"), parse_value("N/A"), parse_value("")
    ((12.5, False), (None, True), (None, False), (None, False))
    """
    text = (text or "").strip()
    if text in NO_FIGURE:
        return None, False
    if text in SUPPRESSED:
        return None, True
    return float(text.replace(",", "")), False


def file_kind(headers: list[str]) -> str:
    """``postcode``, ``laua`` or ``mobile`` from a header row."""
    if any(_MOBILE.match(h) for h in headers):
        return "mobile"
    if "laua" in headers and "postcode" not in headers:
        return "laua"
    return "postcode"


def check_headers(headers: list[str], label: str) -> str:
    """The file kind; :class:`SchemaError` listing expected and found headers when a required
    column is missing or a column is unknown."""
    kind = file_kind(headers)
    required: tuple[str, ...]
    if kind == "postcode":
        required = POSTCODE_REQUIRED
    elif kind == "laua":
        required = LAUA_REQUIRED
    else:
        required = ()
        if not any(h in MOBILE_KEYS or h in ("laua",) for h in headers):
            required = ("postcode",)
    missing = [h for h in required if h not in headers]
    unknown = [
        h
        for h in headers
        if h not in FIXED_COLUMNS
        and h not in MOBILE_KEYS
        and not _NUMBER_OF.match(h)
        and not _MOBILE.match(h)
    ]
    if missing or unknown:
        expected = list(required) + [h for h in FIXED_COLUMNS if h not in required]
        parts = []
        if missing:
            parts.append(f"missing {missing}")
        if unknown:
            parts.append(f"unknown {unknown}")
        raise SchemaError(
            f"not an Ofcom Connected Nations {kind} file: {'; '.join(parts)}. "
            f"Expected headers: {expected} "
            "(plus 'Number of premises ...' and mobile '4G_prem_out_0' style columns). "
            f"Found headers: {headers}",
            path=label,
        )
    return kind


def read_rows(rows: Iterable[dict[str, str]], headers: list[str], label: str) -> ReadResult:
    """Canonical records (no geometry yet) from CSV rows of one Ofcom file."""
    kind = check_headers(headers, label)
    result = ReadResult()
    numeric = [h for h in headers if h not in KEY_COLUMNS and h not in MOBILE_KEYS]
    names = {h: snake(h) for h in headers}
    for line_no, row in enumerate(rows, start=2):
        record: dict[str, Any] = {"source_file": label, "kind": kind}
        suppressed: list[str] = []
        bad: Reject | None = None
        for h in headers:
            if h in numeric:
                raw = row.get(h)
                try:
                    value, was_suppressed = parse_value(raw)
                except ValueError:
                    bad = Reject(label, f"line {line_no}", h, f"not a number: {raw!r}")
                    break
                record[names[h]] = value
                if was_suppressed:
                    suppressed.append(names[h])
            else:
                record[MOBILE_KEYS.get(h, names[h])] = (row.get(h) or "").strip() or None
        if bad is not None:
            result.rejects.append(bad)
            continue
        key = record.get("postcode") or record.get("postcode_space")
        if kind != "laua" and not record.get("laua"):
            if not key:
                result.rejects.append(Reject(label, f"line {line_no}", "postcode", "no postcode"))
                continue
            record["postcode"] = normalise_postcode(key)
            record.pop("postcode_space", None)
        elif not record.get("laua"):
            result.rejects.append(Reject(label, f"line {line_no}", "laua", "no local authority code"))
            continue
        if "premises" in record and record["premises"] is not None:
            record["premises"] = int(record["premises"])
        record["suppressed"] = ",".join(suppressed) or None
        result.records.append(record)
    result.count(f"{kind}_rows", len(result.records))
    return result


def _csv_texts(path: Path) -> Iterator[tuple[str, str]]:
    """(label, text) of a CSV file, or of every CSV in a ZIP (Ofcom ships postcode files zipped)."""
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as zf:
            names = sorted(
                n for n in zf.namelist() if n.lower().endswith(".csv") and not n.startswith("__MACOSX")
            )
            if not names:
                raise InputError("ZIP holds no CSV file", path=path.name)
            for name in names:
                yield f"{path.name}!{name}", _decode(zf.read(name))
    else:
        yield path.name, _decode(path.read_bytes())


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252")


def read_ofcom(path: str | Path) -> ReadResult:
    """Read an Ofcom fixed postcode/laua/mobile CSV, or a ZIP of them, into records."""
    path = Path(path)
    result = ReadResult()
    for label, text in _csv_texts(path):
        reader = csv.DictReader(io.StringIO(text))
        headers = [h for h in (reader.fieldnames or [])]
        if not headers:
            raise SchemaError("empty file (no header row)", path=label)
        result.extend(read_rows(reader, headers, label))
    return result


# --- postcode centroids (ONS Postcode Directory layout) -----------------------------------

PC_COLUMNS = ("pcds", "pcd", "pcd7", "pcd8", "postcode")
AREA_CODE_COLUMNS = ("oa21", "oa11", "lsoa21", "lsoa11", "msoa21", "msoa11", "oslaua", "lad23cd", "laua")


def read_postcode_centroids(
    path: str | Path,
) -> tuple[dict[str, tuple[float, float]], dict[str, dict[str, str]]]:
    """Postcode -> (easting, northing) from an ONSPD-layout CSV (``pcds`` with
    ``oseast1m``/``osnrth1m``, or ``lat``/``long``), and postcode -> area codes (``lsoa11``,
    ``oa21``, ... when present). ONSPD's "no location" values (blank eastings, latitude
    99.999999) are left out."""
    path = Path(path)
    text = _decode(path.read_bytes())
    reader = csv.DictReader(io.StringIO(text))
    headers = {h.strip().lower(): h for h in reader.fieldnames or []}
    pc_col = next((headers[c] for c in PC_COLUMNS if c in headers), None)
    has_en = "oseast1m" in headers and "osnrth1m" in headers
    has_ll = "lat" in headers and ("long" in headers or "lon" in headers)
    if pc_col is None or not (has_en or has_ll):
        raise SchemaError(
            "not a postcode centroid file: expected 'pcds' (or pcd/pcd7/pcd8/postcode) with "
            f"'oseast1m','osnrth1m' or 'lat','long'; found headers: {reader.fieldnames}",
            path=path.name,
        )
    area_cols = [headers[c] for c in AREA_CODE_COLUMNS if c in headers]
    pcs: list[str] = []
    xs: list[float] = []
    ys: list[float] = []
    from_ll: list[bool] = []
    areas: dict[str, dict[str, str]] = {}
    lon_col = headers.get("long") or headers.get("lon")
    for row in reader:
        pc = normalise_postcode(row.get(pc_col) or "")
        if not pc:
            continue
        x = y = float("nan")
        ll = False
        if has_en:
            x, y = _num(row.get(headers["oseast1m"])), _num(row.get(headers["osnrth1m"]))
        if not bng_point_ok(x, y) and has_ll:
            lat, lon = _num(row.get(headers["lat"])), _num(row.get(lon_col))
            if -90 <= lat < 90 and -180 <= lon <= 180 and lat != 99.999999:
                x, y, ll = lon, lat, True
        pcs.append(pc)
        xs.append(x)
        ys.append(y)
        from_ll.append(ll)
        if area_cols:
            areas[pc] = {snake_area(c): (row.get(c) or "").strip() for c in area_cols}
    xa, ya = np.array(xs, dtype=float), np.array(ys, dtype=float)
    mask = np.array(from_ll, dtype=bool)
    if mask.any():
        xa[mask], ya[mask] = lonlat_to_bng(xa[mask], ya[mask])
    out = {pc: (float(x), float(y)) for pc, x, y in zip(pcs, xa, ya, strict=True) if bng_point_ok(x, y)}
    return out, areas


def snake_area(col: str) -> str:
    return col.strip().lower()


def _num(text: str | None) -> float:
    try:
        return float((text or "").strip())
    except ValueError:
        return float("nan")


def locate_postcodes(result: ReadResult, centroids: dict[str, tuple[float, float]]) -> list[str]:
    """Give each postcode record a point geometry from ``centroids``. Returns the postcodes
    with no location (also counted as ``unlocated`` in ``result.counts``); their records
    keep ``geometry = None``."""
    unlocated: list[str] = []
    for record in result.records:
        pc = record.get("postcode")
        if pc is None:
            record.setdefault("geometry", None)
            continue
        xy = centroids.get(pc)
        if xy is None:
            record["geometry"] = None
            unlocated.append(pc)
        else:
            record["geometry"] = shapely.Point(xy)
    result.counts["unlocated"] = len(unlocated)
    result.counts["located"] = sum(1 for r in result.records if r.get("geometry") is not None)
    if unlocated:
        shown = ", ".join(unlocated[:20]) + (" ..." if len(unlocated) > 20 else "")
        result.notes.append(f"{len(unlocated)} postcode(s) have no centroid: {shown}")
    return unlocated


def metric_fields(records: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """Canonical (name, type) list of the fields present in Ofcom records, stable order."""
    seen: dict[str, str] = {}
    order = ["postcode", "laua", "laua_name", "postcode_area", "kind"]
    for name in order:
        if any(name in r for r in records):
            seen[name] = "str"
    for r in records:
        for k in r:
            # not-spot fields are added by plugin.core.coverage (NOTSPOT_EXTRA_FIELDS)
            if (
                k in seen
                or k in ("geometry", "source_file", "suppressed", "is_notspot")
                or k.startswith("notspot_")
            ):
                continue
            seen[k] = "str" if k in TEXT_FIELDS else ("int" if k == "premises" else "float")
    seen["suppressed"] = "str"
    seen["source_file"] = "str"
    return list(seen.items())

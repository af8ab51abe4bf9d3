"""Planning sites: Planning London Datahub (PLD) JSON and planning.data.gov.uk GeoJSON.

PLD files are Elasticsearch responses. Accepted shapes: the raw API response
(``rawResponse.hits.hits[]._source``), a plain response (``hits.hits[]``), or a saved list
of hits (or of ``_source`` objects). The geometry is the site polygon (``wgs84_polygon`` or
``polygon``) when it has one, else ``centroid`` {lat, lon}, else
``centroid_easting``/``centroid_northing``. Centroids at the British National Grid origin
(49.7668, -7.5572; or E/N 0, 0) are placeholders: the record is kept with
``centroid_suspect = True`` and no geometry, so it is excluded from analysis.

``units`` is ``application_details.residential_details.total_no_proposed_residential_units``.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import numpy as np
import shapely

from ..core.errors import InputError
from ..core.geo import (
    ReadResult,
    Reject,
    bng_point_ok,
    fix_geometries,
    geometry_from_geojson,
    is_grid_origin,
    lonlat_to_bng,
)

PLANNING_FIELDS: list[tuple[str, str]] = [
    ("site_id", "str"),
    ("lpa_app_no", "str"),
    ("lpa_name", "str"),
    ("borough", "str"),
    ("ward", "str"),
    ("site_name", "str"),
    ("street_name", "str"),
    ("postcode", "str"),
    ("description", "str"),
    ("application_type", "str"),
    ("development_type", "str"),
    ("status", "str"),
    ("decision", "str"),
    ("valid_date", "date"),
    ("decision_date", "date"),
    ("commencement_date", "date"),
    ("completion_date", "date"),
    ("units", "int"),
    ("geometry_source", "str"),  # polygon | centroid | centroid_en | geojson
    ("centroid_suspect", "bool"),
    ("source", "str"),  # pld | planning.data.gov.uk
    ("source_file", "str"),
]

_TEXT = [
    "lpa_app_no",
    "lpa_name",
    "borough",
    "ward",
    "site_name",
    "street_name",
    "postcode",
    "description",
    "application_type",
    "development_type",
    "status",
    "decision",
]
_DATES = {
    "valid_date": "valid_date",
    "decision_date": "decision_date",
    "actual_commencement_date": "commencement_date",
    "actual_completion_date": "completion_date",
}


def parse_pld_date(value: Any) -> str | None:
    """PLD writes ``dd/mm/yyyy`` (and sometimes ISO): an ISO date, None when empty.

    >>> parse_pld_date("25/10/2021"), parse_pld_date("2021-10-25T00:00:00.000Z"), parse_pld_date(None)
    ('2021-10-25', '2021-10-25', None)
    """
    if value in (None, ""):
        return None
    text = str(value).strip()
    if "/" in text:
        d, m, y = text.split("/")[:3]
        return dt.date(int(y[:4]), int(m), int(d)).isoformat()
    return dt.date.fromisoformat(text[:10]).isoformat()


def pld_hits(doc: Any) -> list[dict[str, Any]]:
    """The ``_source`` objects of a PLD response in any of the accepted shapes."""
    if isinstance(doc, dict):
        if isinstance(doc.get("rawResponse"), dict):
            doc = doc["rawResponse"]
        hits = doc.get("hits")
        if isinstance(hits, dict):
            hits = hits.get("hits")
        if not isinstance(hits, list):
            raise ValueError("no hits.hits list")
        doc = hits
    if not isinstance(doc, list):
        raise ValueError("not a PLD response or a list of hits")
    out = []
    for hit in doc:
        if isinstance(hit, dict) and isinstance(hit.get("_source"), dict):
            src = dict(hit["_source"])
            src.setdefault("_id", hit.get("_id"))
            out.append(src)
        elif isinstance(hit, dict):
            out.append(hit)
        else:
            out.append({})
    return out


def _units(src: dict[str, Any]) -> Any:
    details = src.get("application_details")
    if not isinstance(details, dict):
        return None
    res = details.get("residential_details")
    if not isinstance(res, dict):
        return None
    return res.get("total_no_proposed_residential_units")


def read_planning(path: str | Path) -> ReadResult:
    """Read a PLD JSON response or a planning.data.gov.uk GeoJSON into planning-site records."""
    path = Path(path)
    label = path.name
    try:
        doc = json.loads(path.read_bytes().decode("utf-8-sig"))
    except (OSError, ValueError) as exc:
        raise InputError(f"not readable as JSON: {exc}", path=label) from exc
    if isinstance(doc, dict) and doc.get("type") in ("FeatureCollection", "Feature"):
        return _read_geojson(doc, label)
    try:
        sources = pld_hits(doc)
    except ValueError as exc:
        raise InputError(
            f"not a Planning London Datahub response ({exc}); expected rawResponse.hits.hits, "
            "hits.hits or a list of hits",
            path=label,
        ) from exc
    return read_pld_sources(sources, label)


def _polygon(obj: Any, declared: int, label: str, result: ReadResult) -> Any:
    """The polygonal part of a PLD polygon field in EPSG:27700 (PLD's ``polygon`` is BNG,
    ``wgs84_polygon`` WGS84; both checked by extent); None when absent or empty."""
    try:
        geom = geometry_from_geojson(obj)
    except (ValueError, shapely.errors.GEOSException):
        return None
    if geom is None or geom.is_empty:
        return None
    parts = [p for p in shapely.get_parts(geom) if p.geom_type in ("Polygon", "MultiPolygon")]
    parts = [q for p in parts for q in shapely.get_parts(p)]
    if not parts:
        return None
    geom = parts[0] if len(parts) == 1 else shapely.MultiPolygon(parts)
    try:
        fixed, notes = fix_geometries(np.array([geom], dtype=object), declared, label)
    except InputError:
        return None
    for note in notes:
        if note not in result.notes:
            result.notes.append(note)
    return fixed[0]


def read_pld_sources(sources: list[dict[str, Any]], label: str) -> ReadResult:
    result = ReadResult()
    pending: list[tuple[dict[str, Any], Any]] = []
    for n, src in enumerate(sources):
        record_id = str(src.get("id") or src.get("_id") or src.get("lpa_app_no") or f"hit {n}")
        rec: dict[str, Any] = {"site_id": record_id, "source": "pld", "source_file": label}
        for name in _TEXT:
            value = src.get(name)
            rec[name] = None if value in (None, "") else str(value).strip()
        try:
            for src_name, name in _DATES.items():
                rec[name] = parse_pld_date(src.get(src_name))
        except (ValueError, TypeError):
            result.rejects.append(Reject(label, record_id, src_name, f"not a date: {src.get(src_name)!r}"))
            continue
        units = _units(src)
        try:
            rec["units"] = None if units in (None, "") else int(float(units))
        except (TypeError, ValueError):
            result.rejects.append(
                Reject(
                    label,
                    record_id,
                    "application_details.residential_details.total_no_proposed_residential_units",
                    f"not a number: {units!r}",
                )
            )
            continue
        poly = None
        for key, declared in (("wgs84_polygon", 4326), ("polygon", 27700)):
            poly = _polygon(src.get(key), declared, label, result)
            if poly is not None:
                break
        rec["centroid_suspect"] = False
        centroid = src.get("centroid")
        lat = lon = None
        if isinstance(centroid, dict):
            try:
                lat, lon = float(centroid.get("lat")), float(centroid.get("lon"))
            except (TypeError, ValueError):
                lat = lon = None
        elif isinstance(centroid, str) and "," in centroid:  # "lat,lon" string form of geo_point
            try:
                lat, lon = (float(v) for v in centroid.split(",")[:2])
            except ValueError:
                lat = lon = None
        east, north = src.get("centroid_easting"), src.get("centroid_northing")
        if is_grid_origin(lat, lon) or (east in (0, "0") and north in (0, "0")):
            rec["centroid_suspect"] = True
        if poly is not None:
            rec["geometry_source"] = "polygon"
            rec["geometry"] = poly
            result.records.append(rec)
        elif rec["centroid_suspect"]:
            rec["geometry_source"] = None
            rec["geometry"] = None
            result.records.append(rec)
        elif lat is not None and lon is not None:
            rec["geometry_source"] = "centroid"
            pending.append((rec, ("ll", (lon, lat))))
        else:
            try:
                e, nn = float(east), float(north)  # type: ignore[arg-type]
            except (TypeError, ValueError):
                e = nn = float("nan")
            if bng_point_ok(e, nn):
                rec["geometry_source"] = "centroid_en"
                rec["geometry"] = shapely.Point(e, nn)
                result.records.append(rec)
            else:
                result.rejects.append(
                    Reject(label, record_id, "centroid", "no polygon, centroid or easting/northing")
                )
    lls = [v for _, (kind, v) in pending if kind == "ll"]
    xs, ys = lonlat_to_bng([v[0] for v in lls], [v[1] for v in lls]) if lls else ([], [])
    k = 0
    for rec, (_kind, v) in pending:
        x, y = xs[k], ys[k]
        k += 1
        if bng_point_ok(float(x), float(y)):
            rec["geometry"] = shapely.Point(float(x), float(y))
        else:
            result.rejects.append(Reject(label, rec["site_id"], "centroid", f"outside Great Britain: {v}"))
            continue
        result.records.append(rec)
    result.count("sites", len(result.records))
    result.count("centroid_suspect", sum(1 for r in result.records if r["centroid_suspect"]))
    result.count("polygons", sum(1 for r in result.records if r.get("geometry_source") == "polygon"))
    return result


def _read_geojson(doc: dict[str, Any], label: str) -> ReadResult:
    """planning.data.gov.uk datasets (planning-application, conservation-area, brownfield-land)."""
    features = [doc] if doc.get("type") == "Feature" else list(doc.get("features") or [])
    result = ReadResult()
    geoms: list[Any] = []
    recs: list[dict[str, Any]] = []
    for n, feat in enumerate(features):
        props = dict((feat or {}).get("properties") or {})
        ref = str(props.get("reference") or props.get("entity") or f"feature {n}")
        try:
            geom = geometry_from_geojson((feat or {}).get("geometry"))
        except (ValueError, shapely.errors.GEOSException) as exc:
            result.rejects.append(Reject(label, ref, "geometry", str(exc)))
            continue
        if geom is None:
            result.rejects.append(Reject(label, ref, "geometry", "no geometry"))
            continue

        def pick(*names: str, props: dict[str, Any] = props) -> Any:
            for name in names:
                if props.get(name) not in (None, ""):
                    return props[name]
            return None

        rec = {name: None for name, _ in PLANNING_FIELDS}
        rec.update(
            site_id=str(pick("entity", "reference") or ref),
            lpa_app_no=pick("reference"),
            lpa_name=pick("organisation-entity", "organisation"),
            site_name=pick("name"),
            description=pick("description"),
            status=pick("status"),
            valid_date=pick("start-date", "start_date"),
            completion_date=pick("end-date", "end_date"),
            geometry_source="geojson",
            centroid_suspect=False,
            source="planning.data.gov.uk",
            source_file=label,
        )
        for key in ("lpa_name", "lpa_app_no"):
            if rec[key] is not None:
                rec[key] = str(rec[key])
        units = pick("net-dwellings-range-to", "units", "dwellings")
        try:
            rec["units"] = None if units is None else int(float(units))
        except (TypeError, ValueError):
            rec["units"] = None
        geoms.append(geom)
        recs.append(rec)
    if geoms:
        fixed, notes = fix_geometries(np.array([*geoms, None], dtype=object)[:-1], 4326, label)
        result.notes.extend(notes)
        for rec, geom in zip(recs, fixed, strict=True):
            rec["geometry"] = geom
            result.records.append(rec)
    result.count("sites", len(result.records))
    result.count("centroid_suspect", 0)
    return result

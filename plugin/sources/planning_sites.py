"""Planning sites: Planning London Datahub (PLD) JSON and planning.data.gov.uk GeoJSON.

PLD files are Elasticsearch responses. Accepted shapes: the raw API response
(``rawResponse.hits.hits[]._source``, as the Datahub's Kibana saves it), a plain response
(``hits.hits[]``), or a saved list of hits (or of ``_source`` objects). One response holds one
page of a search: its ``hits.total`` says how many applications the search matched, and the
reader says how many of them the files really hold. Several files (or a folder of pages) are
read as one import: an application found twice is kept once (an identical copy is counted as
a duplicate left out; a different version loses to the one ``last_updated`` later, and is a
reject naming where the kept copy is).

The geometry is the site polygon (``wgs84_polygon`` or ``polygon``) when it has one, else
``centroid`` {lat, lon}, else ``centroid_easting``/``centroid_northing``. Coordinates are
screened (finite numbers, inside Great Britain in longitude/latitude or British National
Grid, rings closed with at least 4 positions, no deeper nesting than GeoJSON allows) before
any geometry is built, so nothing malformed reaches GEOS. A polygon that fails is a reject
row for the field ``polygon`` and the site is kept at its centroid; a site with neither is
rejected whole. Centroids at the British National Grid origin (49.7668, -7.5572; or E/N 0, 0)
are placeholders: the record is kept with ``centroid_suspect = True`` and no geometry, so it
is excluded from analysis.

``units`` is ``application_details.residential_details.total_no_proposed_residential_units``.

planning.data.gov.uk datasets are taken when they are planning sites: ``planning-application``
(``decision-date``, ``planning-application-status``, ``planning-decision``,
``planning-application-type``) and ``brownfield-land`` (``maximum-net-dwellings``,
``planning-permission-status``/``-type``/``-date``, ``site-address``). ``conservation-area``
(also a council's own file with the same fields in snake_case, named by its collection) goes to
records marked ``_layer = "conservation_areas"``, for a layer of its own: areas, not sites, but a
real constraint on street works. Any other dataset (local-authority outlines...) is refused with
a message naming it.
``organisation-entity`` is a number on planning.data.gov.uk, not a name: it is kept in
``organisation_entity`` and ``lpa_name`` stays empty.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import numpy as np
import shapely

from ..core.errors import Cancelled, InputError
from ..core.geo import (
    GB_LONLAT_BBOX,
    ReadResult,
    Reject,
    bng_point_ok,
    fix_geometries,
    geometry_from_geojson,
    is_grid_origin,
    lonlat_to_bng,
)
from ..core.schema import BNG_BBOX

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
    ("dataset", "str"),  # planning.data.gov.uk dataset (planning-application, brownfield-land)
    ("organisation_entity", "str"),  # planning.data.gov.uk organisation entity number
    ("last_updated", "str"),  # PLD last_updated / planning.data.gov.uk entry-date: the version
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
_UNITS_FIELD = "application_details.residential_details.total_no_proposed_residential_units"

#: planning.data.gov.uk datasets whose entities are planning sites (digital-land/specification).
SITE_DATASETS = ("planning-application", "brownfield-land")
#: Areas imported into a layer of their own: a conservation area is a real constraint on street
#: works (materials, consent), so planners see it beside the sites.
AREA_DATASETS = ("conservation-area",)
AREAS_LAYER = "conservation_areas"
CONSERVATION_FIELDS: list[tuple[str, str]] = [
    ("area_id", "str"),  # planning.data.gov.uk entity, else the council's reference
    ("reference", "str"),
    ("name", "str"),
    ("dataset", "str"),
    ("organisation_entity", "str"),
    ("designation_date", "date"),  # start-date
    ("end_date", "date"),  # set when the area was cancelled
    ("entry_date", "str"),  # the version: a later entry wins
    ("documentation_url", "str"),
    ("source", "str"),  # planning.data.gov.uk | council
    ("source_file", "str"),
]
#: Elasticsearch serves at most this many hits of a search through from/size paging
#: (``index.max_result_window``, default 10,000); beyond it only search_after, which needs a POST body.
ES_MAX_WINDOW = 10_000
#: GeoJSON nests at most 4 arrays (MultiPolygon); a GeometryCollection adds levels. Anything
#: deeper is malformed and never handed to GEOS or to a recursive walk.
MAX_GEOMETRY_DEPTH = 8
_COORD_DEPTH = {
    "Point": 1,
    "MultiPoint": 2,
    "LineString": 2,
    "MultiLineString": 3,
    "Polygon": 3,
    "MultiPolygon": 4,
}
_GEOM_TYPES = {name.lower(): name for name in (*_COORD_DEPTH, "GeometryCollection")}


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


# --- reading JSON ---------------------------------------------------------------------------


def load_json(path: Path, label: str) -> Any:
    """The parsed JSON of ``path``; every failure an :class:`InputError` naming ``label``."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot be read: {exc.strerror or exc}", path=label) from exc
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"is not UTF-8 text (byte {exc.start}): not a JSON response or GeoJSON", path=label
        ) from exc
    try:
        return json.loads(text)
    except RecursionError as exc:
        # Python's JSON reader recurses per nesting level: thousands of nested arrays or
        # objects exhaust the stack. No PLD response or GeoJSON nests more than a few dozen.
        raise InputError(
            "nests arrays or objects thousands of levels deep, more than any Planning London "
            "Datahub response or GeoJSON does: the file is damaged or not planning data",
            path=label,
        ) from exc
    except ValueError as exc:
        raise InputError(f"not readable as JSON: {exc}", path=label) from exc


@dataclass
class PldPage:
    """One PLD response: its hits' ``_source`` objects and what it says about the search."""

    label: str
    sources: list[dict[str, Any]]
    total: int | None = None  # hits.total: how many applications the search matched
    total_is_lower_bound: bool = False  # ES 7 {"relation": "gte"}
    warnings: list[str] = field(default_factory=list)


def _stated_total(hits: dict[str, Any]) -> tuple[int | None, bool]:
    total = hits.get("total")
    if isinstance(total, dict):  # Elasticsearch 7: {"value": n, "relation": "eq" | "gte"}
        value, relation = total.get("value"), total.get("relation")
    else:
        value, relation = total, "eq"
    if isinstance(value, bool) or not isinstance(value, int | float) or not _finite(value):
        return None, False
    return int(value), relation == "gte"


def pld_page(doc: Any, label: str) -> PldPage:
    """A PLD response in any accepted shape; :class:`InputError` when it is none of them."""
    page = PldPage(label, [])
    hits: Any = doc
    if isinstance(doc, dict):
        response = doc.get("rawResponse") if isinstance(doc.get("rawResponse"), dict) else doc
        if doc.get("is_partial") is True or doc.get("is_running") is True:
            page.warnings.append(
                f"{label}: the Datahub marked this response as partial (is_partial/is_running): "
                "it may not hold every hit of its page"
            )
        if response.get("timed_out") is True:
            page.warnings.append(f"{label}: the search timed out: the page may be incomplete")
        shards = response.get("_shards")
        if isinstance(shards, dict) and isinstance(shards.get("failed"), int) and shards["failed"] > 0:
            page.warnings.append(
                f"{label}: {shards['failed']} search shard(s) failed: the page may be incomplete"
            )
        hits = response.get("hits")
        if isinstance(hits, dict):
            page.total, page.total_is_lower_bound = _stated_total(hits)
            hits = hits.get("hits")
        if not isinstance(hits, list):
            raise InputError(
                "not a Planning London Datahub response (no hits.hits list); expected rawResponse.hits.hits, "
                "hits.hits or a list of hits",
                path=label,
            )
    if not isinstance(hits, list):
        raise InputError(
            "not a Planning London Datahub response or a list of hits; expected rawResponse.hits.hits, "
            "hits.hits or a list of hits",
            path=label,
        )
    for hit in hits:
        if isinstance(hit, dict) and isinstance(hit.get("_source"), dict):
            src = dict(hit["_source"])
            src.setdefault("_id", hit.get("_id"))
            page.sources.append(src)
        elif isinstance(hit, dict):
            page.sources.append(hit)
        else:
            page.sources.append({"_not_an_object": _short(hit)})
    return page


# --- screening coordinates before GEOS --------------------------------------------------------


def _position_fault(pos: Any) -> str | None:
    if not isinstance(pos, list) or not 2 <= len(pos) <= 4:
        return f"a position is not a list of 2 or 3 numbers: {_short(pos)}"
    for v in pos[:2]:
        if isinstance(v, bool) or not isinstance(v, int | float):
            return f"a coordinate is not a number: {_short(v)}"
        if not _finite(v):
            return f"a coordinate is not a finite number: {_short(v)}"
    x, y = float(pos[0]), float(pos[1])
    in_lonlat = GB_LONLAT_BBOX[0] <= x <= GB_LONLAT_BBOX[2] and GB_LONLAT_BBOX[1] <= y <= GB_LONLAT_BBOX[3]
    in_bng = BNG_BBOX[0] <= x <= BNG_BBOX[2] and BNG_BBOX[1] <= y <= BNG_BBOX[3]
    if not (in_lonlat or in_bng):
        return (
            f"coordinate ({x:.6g}, {y:.6g}) is outside Great Britain, both as longitude/latitude "
            "and as British National Grid"
        )
    return None


def _finite(value: float) -> bool:
    """math.isfinite that takes JSON's unbounded integers (10**400 overflows a float)."""
    try:
        return math.isfinite(value)
    except OverflowError:
        return False


def _short(value: Any) -> str:
    try:
        text = repr(value)
    except RecursionError:
        return "<a value nested too deep to show>"
    return text if len(text) <= 60 else text[:57] + "..."


def screen_geojson_geometry(obj: Any) -> str | None:
    """Why ``obj`` is not a usable GeoJSON geometry (None when it is), checked in plain Python
    without recursion: types, nesting depth, finite coordinates inside Great Britain, rings
    closed with at least 4 positions. Only a geometry that passes is handed to shapely/GEOS.

    >>> screen_geojson_geometry({"type": "Point", "coordinates": [530000, 180000]}) is None
    True
    >>> screen_geojson_geometry({"type": "Point", "coordinates": [1e150, 180000]})[:19]
    'Point: coordinate ('
    """
    stack: list[tuple[Any, int]] = [(obj, 0)]
    while stack:
        geom, level = stack.pop()
        if level > MAX_GEOMETRY_DEPTH:
            return f"geometry collections nested more than {MAX_GEOMETRY_DEPTH} deep"
        if not isinstance(geom, dict):
            return f"not a GeoJSON geometry: {_short(geom)}"
        kind = _GEOM_TYPES.get(str(geom.get("type") or "").lower())
        if kind is None:
            return f"unknown geometry type {_short(geom.get('type'))}"
        if kind == "GeometryCollection":
            parts = geom.get("geometries")
            if parts is None:
                parts = []
            if not isinstance(parts, list):
                return "a GeometryCollection whose 'geometries' is not a list"
            stack.extend((p, level + 1) for p in parts)
            continue
        coords = geom.get("coordinates")
        if coords is None or coords == []:
            continue  # empty: no geometry, not a fault
        fault = _coordinates_fault(kind, coords)
        if fault:
            return f"{kind}: {fault}"
    return None


def _coordinates_fault(kind: str, coords: Any) -> str | None:
    depth = _COORD_DEPTH[kind]
    # walk the nested lists level by level (no recursion): level 1 items are positions
    level_items: list[Any] = [coords]
    rings: list[list[Any]] = []
    for level in range(depth, 1, -1):
        nxt: list[Any] = []
        for item in level_items:
            if not isinstance(item, list):
                return f"coordinates nested wrongly (expected {depth} levels of arrays)"
            nxt.extend(item)
        if level == 2 and kind in ("Polygon", "MultiPolygon"):
            rings = level_items
        level_items = nxt
    for pos in level_items:
        too_deep = isinstance(pos, list) and pos and isinstance(pos[0], list)
        if too_deep or (depth > 1 and not isinstance(pos, list)):
            return f"coordinates nested wrongly (expected {depth} levels of arrays)"
        fault = _position_fault(pos)
        if fault:
            return fault
    for ring in rings:
        if len(ring) < 4:
            return f"a ring has {len(ring)} positions (a ring needs at least 4)"
        if [float(v) for v in ring[0][:2]] != [float(v) for v in ring[-1][:2]]:
            return "a ring is not closed (its first and last positions differ)"
    return None


def _polygon(obj: Any, declared: int, label: str, result: ReadResult) -> tuple[Any, str | None]:
    """The polygonal part of a PLD polygon field in EPSG:27700 (PLD's ``polygon`` is BNG,
    ``wgs84_polygon`` WGS84; both checked by extent). Returns ``(geometry, fault)``: geometry
    None and fault None when the field is absent or empty (the publisher's "no polygon")."""
    if obj is None or obj == "" or obj == {}:
        return None, None
    fault = screen_geojson_geometry(obj)
    if fault:
        return None, fault
    try:
        geom = geometry_from_geojson(obj)
    except (ValueError, TypeError, shapely.errors.GEOSException) as exc:
        return None, f"not a valid GeoJSON geometry: {exc}"
    if geom is None or geom.is_empty:
        return None, None
    parts = [p for p in shapely.get_parts(geom) if p.geom_type in ("Polygon", "MultiPolygon")]
    parts = [q for p in parts for q in shapely.get_parts(p) if not q.is_empty]
    if not parts:
        kinds = sorted({p.geom_type for p in shapely.get_parts(geom)})
        return None, f"not a polygon ({', '.join(kinds)})"
    geom = parts[0] if len(parts) == 1 else shapely.MultiPolygon(parts)
    if not geom.is_valid:
        # self-intersecting rings (a bow-tie) are repaired; a ring with no area is a fault
        repaired = [
            q for q in shapely.get_parts(shapely.make_valid(geom)) if q.geom_type == "Polygon" and q.area > 0
        ]
        if not repaired:
            return None, "the polygon has no area (its positions lie on one line or one spot)"
        geom = repaired[0] if len(repaired) == 1 else shapely.MultiPolygon(repaired)
        result.count("polygons_repaired")
    try:
        fixed, notes = fix_geometries(np.array([geom], dtype=object), declared, label)
    except InputError as exc:
        return None, exc.reason
    for note in notes:
        if note not in result.notes:
            result.notes.append(note)
    out = fixed[0]
    if out is None or out.is_empty or not np.isfinite(shapely.bounds(out)).all():
        return None, "the polygon could not be placed in British National Grid"
    return out, None


# --- PLD records ------------------------------------------------------------------------------


def _units(src: dict[str, Any]) -> Any:
    details = src.get("application_details")
    if not isinstance(details, dict):
        return None
    res = details.get("residential_details")
    if not isinstance(res, dict):
        return None
    return res.get("total_no_proposed_residential_units")


def _record_id(src: dict[str, Any], n: int) -> str:
    for key in ("id", "_id", "lpa_app_no"):
        value = src.get(key)
        if value not in (None, ""):
            return str(value)
    return f"hit {n}"


def _fingerprint(src: dict[str, Any]) -> str:
    try:
        text = json.dumps(src, sort_keys=True, default=str, allow_nan=True)
    except (RecursionError, ValueError, TypeError):
        return f"unhashable:{id(src)}"  # never equal to another copy: both are kept apart
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _pld_record(src: dict[str, Any], record_id: str, label: str, result: ReadResult, pending: list) -> None:
    """Turn one PLD ``_source`` into a record (appended to ``result`` or ``pending`` when its
    centroid needs reprojecting) or a reject."""
    if "_not_an_object" in src:
        result.rejects.append(
            Reject(label, record_id, "_source", f"a hit that is not an object: {src['_not_an_object']}")
        )
        return
    rec: dict[str, Any] = {"site_id": record_id, "source": "pld", "source_file": label}
    for name in _TEXT:
        value = src.get(name)
        rec[name] = None if value in (None, "") else str(value).strip()
    last = src.get("last_updated")
    rec["last_updated"] = None if last in (None, "") else str(last)
    for src_name, name in _DATES.items():
        try:
            rec[name] = parse_pld_date(src.get(src_name))
        except (ValueError, TypeError, IndexError, OverflowError):
            result.rejects.append(
                Reject(label, record_id, src_name, f"not a date: {_short(src.get(src_name))}")
            )
            return
    units = _units(src)
    try:
        value = None if units in (None, "") else float(units)
        if value is not None and not (math.isfinite(value) and value >= 0):
            raise ValueError
        rec["units"] = None if value is None else int(value)
    except (TypeError, ValueError, OverflowError):
        result.rejects.append(
            Reject(label, record_id, _UNITS_FIELD, f"not a number of units: {_short(units)}")
        )
        return
    poly = None
    faults = []
    for key, declared in (("wgs84_polygon", 4326), ("polygon", 27700)):
        poly, fault = _polygon(src.get(key), declared, label, result)
        if fault:
            faults.append((key, fault))
        if poly is not None:
            break
    rec["centroid_suspect"] = False
    centroid = src.get("centroid")
    lat = lon = None
    if isinstance(centroid, dict):
        try:
            lat, lon = float(centroid.get("lat")), float(centroid.get("lon"))
        except (TypeError, ValueError, OverflowError):
            lat = lon = None
    elif isinstance(centroid, str) and "," in centroid:  # "lat,lon" string form of geo_point
        try:
            lat, lon = (float(v) for v in centroid.split(",")[:2])
        except (ValueError, OverflowError):
            lat = lon = None
    east, north = src.get("centroid_easting"), src.get("centroid_northing")
    if is_grid_origin(lat, lon) or (east in (0, "0") and north in (0, "0")):
        rec["centroid_suspect"] = True
    location: tuple[str, Any] | None = None
    if poly is not None:
        location = ("polygon", poly)
    elif rec["centroid_suspect"]:
        location = ("suspect", None)
    elif (
        lat is not None
        and lon is not None
        and math.isfinite(lat)
        and math.isfinite(lon)
        and GB_LONLAT_BBOX[0] <= lon <= GB_LONLAT_BBOX[2]
        and GB_LONLAT_BBOX[1] <= lat <= GB_LONLAT_BBOX[3]
    ):
        location = ("ll", (lon, lat))
    else:
        try:
            e, nn = float(east), float(north)  # type: ignore[arg-type]
        except (TypeError, ValueError, OverflowError):
            e = nn = float("nan")
        if bng_point_ok(e, nn):
            location = ("en", shapely.Point(e, nn))
    if location is None:
        why = "no usable polygon, centroid or easting/northing"
        if lat is not None or lon is not None:
            why += f" (centroid {_short(centroid)} is outside Great Britain)"
        if faults:
            why += "; " + "; ".join(f"{k}: {f}" for k, f in faults)
        result.rejects.append(Reject(label, record_id, "centroid", why))
        return
    kind, value = location
    kept = {
        "polygon": "the site is imported with its other polygon",
        "suspect": "the site is imported flagged, unmapped (grid-origin centroid)",
    }.get(kind, "the site is imported at its centroid")
    for key, fault in faults:
        # the site itself is kept; the polygon's fault is listed, not hidden
        result.rejects.append(Reject(label, record_id, key, f"{fault}; {kept}"))
        result.count("polygon_faults")
    if kind == "polygon":
        rec["geometry_source"], rec["geometry"] = "polygon", value
        result.records.append(rec)
    elif kind == "suspect":
        rec["geometry_source"], rec["geometry"] = None, None
        result.records.append(rec)
    elif kind == "en":
        rec["geometry_source"], rec["geometry"] = "centroid_en", value
        result.records.append(rec)
    else:
        rec["geometry_source"] = "centroid"
        pending.append((rec, value))


def _version(src: dict[str, Any]) -> str:
    value = src.get("last_updated")
    return "" if value in (None, "") else str(value)


def read_pld_pages(pages: Sequence[PldPage]) -> ReadResult:
    """Records of one or more PLD responses, each application once.

    Counts: ``hits_read`` (every hit of every page), ``duplicates`` (identical copies left
    out), ``duplicate_versions`` (older versions rejected), ``sites``, ``centroid_suspect``,
    ``polygons``, ``polygon_faults``, and per search (pages sharing a stated total)
    ``stated_total`` / ``not_in_files``. records read = sites + rejected records + duplicates.
    """
    result = ReadResult()
    kept: dict[str, tuple[dict[str, Any], str, str, int, str]] = {}  # id -> (src, label, version, n, fp)
    order: list[str] = []
    n_hits = 0
    for page in pages:
        for warning in page.warnings:
            result.notes.append(warning)
        for n, src in enumerate(page.sources):
            n_hits += 1
            record_id = _record_id(src, n)
            fp = _fingerprint(src)
            version = _version(src)
            earlier = kept.get(record_id)
            if earlier is None:
                kept[record_id] = (src, page.label, version, n, fp)
                order.append(record_id)
                continue
            e_src, e_label, e_version, e_n, e_fp = earlier
            if e_fp == fp:
                result.count("duplicates")
                continue
            result.count("duplicate_versions")
            if version >= e_version:  # later last_updated wins; on a tie, the copy read last
                kept[record_id] = (src, page.label, version, n, fp)
                loser_label, loser_n, loser_version = e_label, e_n, e_version
                winner_label, winner_n, winner_version = page.label, n, version
            else:
                loser_label, loser_n, loser_version = page.label, n, version
                winner_label, winner_n, winner_version = e_label, e_n, e_version
            result.rejects.append(
                Reject(
                    loser_label,
                    record_id,
                    "id",
                    f"duplicate application id (hit {loser_n + 1}, last_updated {loser_version or 'not given'}): "
                    f"the version in {winner_label} hit {winner_n + 1} (last_updated "
                    f"{winner_version or 'not given'}) was kept",
                )
            )
    pending: list[tuple[dict[str, Any], tuple[float, float]]] = []
    for record_id in order:
        src, label, _version_, _n, _fp = kept[record_id]
        try:
            _pld_record(src, record_id, label, result, pending)
        except RecursionError:
            result.rejects.append(
                Reject(label, record_id, "_source", "a field nests arrays or objects too deep to read")
            )
    if pending:
        xs, ys = lonlat_to_bng([v[0] for _, v in pending], [v[1] for _, v in pending])
        for (rec, v), x, y in zip(pending, xs, ys, strict=True):
            if bng_point_ok(float(x), float(y)):
                rec["geometry"] = shapely.Point(float(x), float(y))
                result.records.append(rec)
            else:
                result.rejects.append(
                    Reject(rec["source_file"], rec["site_id"], "centroid", f"outside Great Britain: {v}")
                )
    result.count("hits_read", n_hits)
    result.count("sites", len(result.records))
    result.count("centroid_suspect", sum(1 for r in result.records if r["centroid_suspect"]))
    result.count("polygons", sum(1 for r in result.records if r.get("geometry_source") == "polygon"))
    result.counts.setdefault("duplicates", 0)
    result.counts.setdefault("duplicate_versions", 0)
    result.counts.setdefault("polygon_faults", 0)
    if result.counts.get("polygons_repaired"):
        result.notes.append(
            f"{result.counts['polygons_repaired']} site polygon(s) crossed themselves and were repaired "
            "(split where the outline crosses)"
        )
    _compare_with_totals(pages, set(kept), result)
    return result


def _compare_with_totals(pages: Sequence[PldPage], ids: set[str], result: ReadResult) -> None:
    """Hits read against each search's stated total. Pages of one search all state the same
    total, so pages are grouped by it (two different searches of equal size would be taken
    as one: the message then still says how many were read)."""
    groups: dict[int, list[PldPage]] = {}
    for page in pages:
        if page.total is not None:
            groups.setdefault(page.total, []).append(page)
    stated = missing = 0
    for total, group in sorted(groups.items()):
        group_ids = {_record_id(s, n) for p in group for n, s in enumerate(p.sources)} & ids
        read = len(group_ids)
        stated += total
        names = ", ".join(p.label for p in group[:3]) + (
            f" and {len(group) - 3} more" if len(group) > 3 else ""
        )
        lower = any(p.total_is_lower_bound for p in group)
        if read < total:
            missing += total - read
            result.notes.append(
                f"{names}: {read} of the {'at least ' if lower else ''}{total} applications the search "
                f"matched are in {'this response' if len(group) == 1 else 'these responses'}; "
                f"{total - read} are not (a Datahub response holds one page of a search). Import every page "
                "together (several files or a folder), or give the Datahub's search address to fetch them all."
            )
        elif read > total:
            result.notes.append(f"{names}: {read} applications read, more than the {total} the search stated")
    result.count("stated_total", stated)
    result.count("not_in_files", missing)


# --- planning.data.gov.uk ---------------------------------------------------------------------


def _dataset_of(doc: dict[str, Any], features: list[Any]) -> tuple[set[str], str | None]:
    """The planning.data.gov.uk datasets named by the features (``dataset`` or ``prefix``),
    and the collection's own ``name`` (GDAL writes the layer name there)."""
    names: set[str] = set()
    for feat in features:
        props = (feat or {}).get("properties") if isinstance(feat, dict) else None
        if isinstance(props, dict):
            value = props.get("dataset")
            if value not in (None, ""):
                names.add(str(value).strip().lower())
    coll = doc.get("name") if doc.get("type") == "FeatureCollection" else None
    coll_name = (
        str(coll).strip().lower().replace("_", "-") if isinstance(coll, str) and coll.strip() else None
    )
    return names, coll_name


def _refuse_dataset(dataset: str, n: int, label: str) -> InputError:
    what = {
        "local-authority-district": "a local-authority outline",
        "local-planning-authority": "a local planning authority outline",
        "article-4-direction-area": "article 4 direction areas",
        "tree-preservation-zone": "tree preservation zones",
        "listed-building-outline": "listed building outlines",
        "world-heritage-site": "world heritage sites",
    }.get(dataset, "areas or entities that are not planning sites")
    return InputError(
        f"holds the dataset '{dataset}' ({n} feature{'s' if n != 1 else ''}: {what}), "
        f"not planning sites; this import takes Planning London Datahub responses, the "
        f"planning.data.gov.uk datasets {', '.join(SITE_DATASETS)} (planning sites) and "
        f"{', '.join(AREA_DATASETS)} (into a layer of its own)",
        path=label,
    )


def _features(doc: dict[str, Any], label: str) -> list[Any]:
    if doc.get("type") == "Feature":
        return [doc]
    raw = doc.get("features")
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise InputError("a FeatureCollection whose 'features' is not a list", path=label)
    return raw


def _number(value: Any, field: str, ref: str, label: str) -> tuple[int | None, Reject | None]:
    try:
        number = None if value is None else float(value)
        if number is not None and not (math.isfinite(number) and number >= 0):
            raise ValueError
        return (None if number is None else int(number)), None
    except (TypeError, ValueError, OverflowError):
        return None, Reject(label, ref, field, f"not a number of dwellings: {_short(value)}")


def _site_from_feature(
    props: dict[str, Any], pick: Callable[..., Any], dataset: str, ref: str, label: str
) -> tuple[dict[str, Any] | None, Reject | None]:
    """A planning.data.gov.uk planning-application / brownfield-land feature -> site record."""
    rec: dict[str, Any] = {name: None for name, _ in PLANNING_FIELDS}
    brownfield = dataset == "brownfield-land"
    rec.update(
        site_id=ref,
        lpa_app_no=pick("reference"),
        site_name=pick("name", "site-address"),
        street_name=pick("site-address") if brownfield else pick("address-text"),
        description=pick("description", "notes"),
        application_type=pick("planning-permission-type" if brownfield else "planning-application-type"),
        status=pick("planning-permission-status" if brownfield else "planning-application-status"),
        decision=pick("planning-decision"),
        geometry_source="geojson",
        centroid_suspect=False,
        source="planning.data.gov.uk",
        source_file=label,
        dataset=dataset,
        organisation_entity=pick("organisation-entity", "organisation"),
        last_updated=pick("entry-date"),
    )
    for key in ("lpa_app_no", "site_name", "street_name", "description", "application_type", "status",
                "decision", "organisation_entity", "last_updated"):  # fmt: skip
        if rec[key] is not None:
            rec[key] = str(rec[key]).strip()
    dates = {
        "valid_date": ("start-date",),
        "decision_date": ("planning-permission-date",) if brownfield else ("decision-date",),
        "completion_date": ("end-date",),
    }
    for name, keys in dates.items():
        try:
            rec[name] = parse_pld_date(pick(*keys))
        except (ValueError, TypeError, IndexError, OverflowError):
            return None, Reject(label, ref, keys[0], f"not a date: {_short(pick(*keys))}")
    if brownfield:
        rec["units"], bad = _number(
            pick("maximum-net-dwellings", "net-dwellings-range-to"), "maximum-net-dwellings", ref, label
        )
        if bad:
            return None, bad
    return rec, None


def _area_from_feature(
    pick: Callable[..., Any], dataset: str, ref: str, label: str
) -> tuple[dict[str, Any] | None, Reject | None]:
    """A conservation-area feature (planning.data.gov.uk, or a council's own file with the
    same fields in snake_case) -> area record."""
    rec: dict[str, Any] = {name: None for name, _ in CONSERVATION_FIELDS}
    rec.update(
        area_id=ref,
        reference=pick("reference"),
        name=pick("name"),
        dataset=dataset,
        organisation_entity=pick("organisation-entity", "organisation"),
        entry_date=pick("entry-date", "entry_date"),
        documentation_url=pick("documentation-url", "documentation_url"),
        source="planning.data.gov.uk" if pick("entity") is not None else "council",
        source_file=label,
        _layer=AREAS_LAYER,
    )
    for key in ("reference", "name", "organisation_entity", "entry_date", "documentation_url"):
        if rec[key] is not None:
            rec[key] = str(rec[key]).strip()
    for name, keys in {
        "designation_date": ("start-date", "start_date"),
        "end_date": ("end-date", "end_date"),
    }.items():
        try:
            rec[name] = parse_pld_date(pick(*keys))
        except (ValueError, TypeError, IndexError, OverflowError):
            return None, Reject(label, ref, keys[0], f"not a date: {_short(pick(*keys))}")
    return rec, None


def _read_geojson(doc: dict[str, Any], label: str) -> ReadResult:
    """planning.data.gov.uk datasets: planning sites (planning-application, brownfield-land)
    and conservation areas (records marked ``_layer = "conservation_areas"``). Any other
    dataset is refused whole, naming it."""
    features = _features(doc, label)
    datasets, coll_name = _dataset_of(doc, features)
    known = set(SITE_DATASETS) | set(AREA_DATASETS)
    if not datasets:
        if coll_name in known:
            datasets = {coll_name}
        elif coll_name:
            raise _refuse_dataset(coll_name, len(features), label)
        else:
            raise InputError(
                f"a GeoJSON that does not say which planning.data.gov.uk dataset it holds (no 'dataset' "
                f"property, no collection name); this import takes the datasets {', '.join(SITE_DATASETS)}, "
                f"{', '.join(AREA_DATASETS)} and Planning London Datahub responses",
                path=label,
            )
    if not datasets & known:
        raise _refuse_dataset(sorted(datasets)[0], len(features), label)
    only = next(iter(datasets)) if len(datasets) == 1 else None
    result = ReadResult()
    geoms: list[Any] = []
    recs: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    for n, feat in enumerate(features):
        if not isinstance(feat, dict):
            result.rejects.append(
                Reject(label, f"feature {n + 1}", "feature", f"not a GeoJSON feature: {_short(feat)}")
            )
            continue
        props = feat.get("properties") if isinstance(feat.get("properties"), dict) else {}

        def pick(*names: str, props: dict[str, Any] = props) -> Any:
            for name in names:
                if props.get(name) not in (None, ""):
                    return props[name]
            return None

        ref = str(pick("entity", "reference") or f"feature {n + 1}")
        dataset = str(props.get("dataset") or only or "").strip().lower()
        if dataset not in known:
            result.rejects.append(
                Reject(
                    label,
                    ref,
                    "dataset",
                    f"dataset '{dataset}' is neither planning sites nor conservation areas",
                )
            )
            continue
        key = (dataset in AREA_DATASETS, ref)
        if key in seen:
            result.rejects.append(
                Reject(label, ref, "entity", f"duplicate entity: feature {seen[key] + 1} has the same")
            )
            continue
        seen[key] = n
        fault = screen_geojson_geometry(feat.get("geometry"))
        if fault:
            result.rejects.append(Reject(label, ref, "geometry", fault))
            continue
        try:
            geom = geometry_from_geojson(feat.get("geometry"))
        except (ValueError, TypeError, shapely.errors.GEOSException) as exc:
            result.rejects.append(Reject(label, ref, "geometry", str(exc)))
            continue
        if geom is None or geom.is_empty:
            result.rejects.append(Reject(label, ref, "geometry", "no geometry"))
            continue
        if dataset in AREA_DATASETS:
            parts = [p for p in shapely.get_parts(geom) if p.geom_type in ("Polygon", "MultiPolygon")]
            if not parts:
                kinds = sorted({p.geom_type for p in shapely.get_parts(geom)})
                result.rejects.append(Reject(label, ref, "geometry", f"not a polygon ({', '.join(kinds)})"))
                continue
            geom = shapely.multipolygons([q for p in parts for q in shapely.get_parts(p)])
            rec, bad = _area_from_feature(pick, dataset, ref, label)
        else:
            rec, bad = _site_from_feature(props, pick, dataset, ref, label)
        if bad is not None or rec is None:
            result.rejects.append(bad)  # type: ignore[arg-type]
            continue
        geoms.append(geom)
        recs.append(rec)
    if geoms:
        arr = np.empty(len(geoms), dtype=object)
        arr[:] = geoms
        fixed, notes = fix_geometries(arr, 4326, label)
        result.notes.extend(notes)
        for rec, geom in zip(recs, fixed, strict=True):
            rec["geometry"] = geom
            result.records.append(rec)
    sites = [r for r in result.records if r.get("_layer") != AREAS_LAYER]
    result.count("hits_read", len(features))
    result.count("sites", len(sites))
    result.count("conservation_areas", len(result.records) - len(sites))
    result.count("centroid_suspect", 0)
    result.count("polygons", sum(1 for r in sites if r["geometry"].geom_type in ("Polygon", "MultiPolygon")))
    return result


# --- files, folders and lists -------------------------------------------------------------------


def _refuse_csv(path: Path, label: str) -> InputError:
    try:
        with open(path, encoding="utf-8-sig", errors="replace", newline="") as f:
            header = next(csv.reader(io.StringIO(f.readline())), [])
    except OSError:
        header = []
    cols = [c.strip() for c in header]
    if "entity" in cols and "reference" in cols:
        return InputError(
            f"is a planning.data.gov.uk entity list in CSV (columns {', '.join(cols[:6])}...) with no "
            "geometry: not planning sites; this import takes Planning London Datahub JSON responses and "
            f"planning.data.gov.uk GeoJSON of the datasets {', '.join(SITE_DATASETS)}",
            path=label,
        )
    return InputError(
        "is a CSV file: this import takes Planning London Datahub JSON responses and planning.data.gov.uk "
        f"GeoJSON of the datasets {', '.join(SITE_DATASETS)}",
        path=label,
    )


def _is_geojson(doc: Any) -> bool:
    return isinstance(doc, dict) and doc.get("type") in ("FeatureCollection", "Feature")


def read_planning_files(
    files: Sequence[tuple[Path, str]],
    *,
    skipped: Sequence[str] = (),
    cancel: Callable[[], bool] | None = None,
) -> ReadResult:
    """Several PLD responses (pages) and/or planning.data.gov.uk GeoJSON files as one import.

    ``files``: ``(path, label)`` pairs, the label naming the file in messages and rejects.
    ``skipped``: names of files of a folder that are not JSON (counted and listed in a note).
    PLD pages are merged (each application once, see :func:`read_pld_pages`); GeoJSON sites
    are added, an entity already read being a reject.
    """
    pages: list[PldPage] = []
    geo = ReadResult()
    for path, label in files:
        if cancel is not None and cancel():
            raise Cancelled("import cancelled while reading the files")
        if path.suffix.lower() in (".csv", ".tsv", ".txt"):
            raise _refuse_csv(path, label)
        doc = load_json(path, label)
        if _is_geojson(doc):
            geo.extend(_read_geojson(doc, label))
        else:
            pages.append(pld_page(doc, label))
    result = read_pld_pages(pages) if pages else ReadResult()
    if geo.records or geo.rejects or geo.counts:
        ids = {(False, r["site_id"]) for r in result.records}
        for rec in geo.records:
            area = rec.get("_layer") == AREAS_LAYER
            key = (area, rec["area_id"] if area else rec["site_id"])
            if key in ids:
                geo.rejects.append(
                    Reject(rec["source_file"], key[1], "entity", "already read from another file")
                )
                geo.counts["conservation_areas" if area else "sites"] -= 1
                continue
            ids.add(key)
            result.records.append(rec)
        result.rejects.extend(geo.rejects)
        result.notes.extend(geo.notes)
        for key, value in geo.counts.items():
            result.count(key, value)
    for key in ("duplicates", "duplicate_versions", "polygon_faults", "stated_total", "not_in_files",
                "conservation_areas", "sites", "hits_read"):  # fmt: skip
        result.counts.setdefault(key, 0)
    result.count("files_read", len(files))
    result.count("files_skipped", len(skipped))
    if skipped:
        result.notes.append(
            f"{len(skipped)} file(s) of the folder are not JSON and were not read: {', '.join(skipped[:10])}"
            + (" ..." if len(skipped) > 10 else "")
        )
    return result


def search_page_error(exc: InputError, page: str) -> InputError:
    """A failed download of one search page, naming the page without credentials. The
    Datahub's own clients POST the query; a server that only takes POST answers GET with an
    HTTP error: the message says what to do instead."""
    if "HTTP " not in exc.reason:
        return InputError(exc.reason, path=redact_url(page))
    return InputError(
        f"{exc.reason}. If the server takes searches only as POST with a JSON body (as the "
        "Datahub's own clients send them), save each page of the search and import the files "
        "or their folder",
        path=redact_url(page),
    )


SITES_TABLE = "planning_sites"
POLYGONS_TABLE = "planning_site_polygons"


def planning_layers(records: list[dict[str, Any]]) -> tuple[list[tuple[Any, list[dict[str, Any]]]], str]:
    """The store layers of a read and their records: one point per site (its centroid, or a
    point inside its polygon) and the sites' polygons, and conservation areas in a layer of
    their own; also the layer to show (the sites, or the areas when only those came)."""
    from ..store.store import Layer

    points, polygons, areas = [], [], []
    for rec in records:
        if rec.get("_layer") == AREAS_LAYER:
            areas.append(rec)
            continue
        geom = rec.get("geometry")
        if geom is not None and geom.geom_type in ("Polygon", "MultiPolygon"):
            polygons.append({**rec, "geometry": shapely.multipolygons(shapely.get_parts(geom))})
            rec = {**rec, "geometry": geom.point_on_surface()}
        elif geom is not None and geom.geom_type != "Point":
            rec = {**rec, "geometry": geom.point_on_surface()}
        points.append(rec)
    layers: list[tuple[Any, list[dict[str, Any]]]] = []
    if points or not areas:
        sites = Layer(SITES_TABLE, PLANNING_FIELDS, "POINT", key="site_id", description="Planning sites")
        layers += [
            (sites, points),
            (Layer(POLYGONS_TABLE, PLANNING_FIELDS, "MULTIPOLYGON", key="site_id"), polygons),
        ]
    if areas:
        layer = Layer(
            AREAS_LAYER, CONSERVATION_FIELDS, "MULTIPOLYGON", key="area_id", description="Conservation areas"
        )
        layers.append((layer, areas))
    return layers, SITES_TABLE if points or not areas else AREAS_LAYER


def files_digest(files: Sequence[tuple[Path, str]]) -> str:
    """One SHA-256 for several input files, from each file's label and own SHA-256 in order
    (the catalogue's fingerprint of a set of pages or files)."""
    from ..store.store import file_sha256  # the store's own fingerprint of one file

    digest = hashlib.sha256()
    for path, label in files:
        digest.update(f"{label}\0{file_sha256(path)}\n".encode())
    return digest.hexdigest()


def local_planning_inputs(paths: Sequence[Path]) -> tuple[list[tuple[Path, str]], list[str], str]:
    """The files to read for existing ``paths`` (files or folders), the files left unread, and
    the input's SHA-256: one file's own, else the digest of every file by label."""
    from ..store.store import file_sha256

    files, skipped = planning_files(paths)
    if len(files) == 1 and not Path(paths[0]).is_dir():
        return files, skipped, file_sha256(files[0][0])
    return files, skipped, files_digest(sorted(files, key=lambda x: x[1]))


def planning_inputs(path: str | Path) -> tuple[list[tuple[Path, str]], list[str]]:
    """The files to read for ``path``: itself, or a folder's ``*.json``/``*.geojson`` files
    (sorted by name; other files returned as skipped)."""
    path = Path(path)
    if not path.is_dir():
        return [(path, path.name)], []
    files, skipped = [], []
    for p in sorted(q for q in path.iterdir() if q.is_file()):
        if p.suffix.lower() in (".json", ".geojson"):
            files.append((p, f"{path.name}/{p.name}"))
        else:
            skipped.append(p.name)
    if not files:
        raise InputError("holds no .json or .geojson file", path=path.name)
    return files, skipped


def planning_files(paths: Sequence[str | Path]) -> tuple[list[tuple[Path, str]], list[str]]:
    """The files to read for every path of ``paths`` (``planning_inputs`` of each, in order)
    and the files left unread."""
    files: list[tuple[Path, str]] = []
    skipped: list[str] = []
    for path in paths:
        found, left = planning_inputs(path)
        files.extend(found)
        skipped.extend(left)
    return files, skipped


def read_planning(
    path: str | Path | Sequence[str | Path], cancel: Callable[[], bool] | None = None
) -> ReadResult:
    """Read a PLD JSON response, a planning.data.gov.uk GeoJSON, a folder of them, or a list
    of files/folders, into planning-site records (one import)."""
    paths = [path] if isinstance(path, str | Path) else list(path)
    files, skipped = planning_files(paths)
    return read_planning_files(files, skipped=skipped, cancel=cancel)


# --- fetching every page of a Datahub search ----------------------------------------------------


def is_pld_search_url(url: str) -> bool:
    """True for an Elasticsearch search address (``.../_search``), e.g. the Datahub's
    https://planningdata.london.gov.uk/api-guest/applications/_search."""
    return urlsplit(url).path.rstrip("/").endswith("/_search")


def page_url(url: str, start: int, size: int) -> str:
    """``url`` with its ``from``/``size`` query parameters set (others kept, in order).

    >>> page_url("https://h/api/applications/_search?q=lpa_name:Camden&size=50", 100, 50)
    'https://h/api/applications/_search?q=lpa_name%3ACamden&size=50&from=100'
    """
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k not in ("from", "size")]
    query += [("size", str(size)), ("from", str(start))]
    return urlunsplit(parts._replace(query=urlencode(query)))


_SECRET_PARAMS = {"password", "passwd", "pwd", "pass", "token", "access_token", "auth", "authorization",
                  "api_key", "apikey", "key", "secret", "client_secret", "signature", "sig"}  # fmt: skip


def redact_url(url: str) -> str:
    """``url`` without any user:password and with secret query values masked (for logs,
    labels and the catalogue).

    >>> redact_url("https://me:pw@h/x/_search?q=a&api_key=s3")
    'https://h/x/_search?q=a&api_key=***'
    """
    parts = urlsplit(url)
    host = parts.hostname or ""
    if parts.port:
        host += f":{parts.port}"
    netloc = host if (parts.username is not None or parts.password is not None) else parts.netloc
    query = [
        (k, "***" if k.lower() in _SECRET_PARAMS else v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
    ]
    return urlunsplit(parts._replace(netloc=netloc, query=urlencode(query, safe="*:")))


@dataclass
class SearchPages:
    """The pages of a search fetched by :func:`fetch_search_pages` and what was noticed."""

    files: list[tuple[Path, str]]
    total: int | None
    notes: list[str]


def fetch_search_pages(
    url: str,
    get: Callable[[str], Path],
    *,
    size: int = 500,
    max_pages: int = 1000,
    cancel: Callable[[], bool] | None = None,
    log: Callable[[str], None] | None = None,
) -> SearchPages:
    """Every page of the Elasticsearch search at ``url`` (``from``/``size`` in the query string,
    GET). ``get(url) -> Path`` downloads one page. Stops at the stated total, at a short or
    empty page, at Elasticsearch's 10,000-hit window, or when a page brings nothing new (a
    server that ignores ``from``), saying which."""
    given = dict(parse_qsl(urlsplit(url).query))
    try:
        start = max(0, int(given.get("from", 0)))
        size = max(1, int(given.get("size", size)))
    except ValueError as exc:
        raise InputError(
            f"from/size in the address are not whole numbers: {exc}", path=redact_url(url)
        ) from exc
    files: list[tuple[Path, str]] = []
    notes: list[str] = []
    seen: set[str] = set()
    total: int | None = None
    lower_bound = False
    for _ in range(max_pages):
        if cancel is not None and cancel():
            raise Cancelled("fetching the Datahub's pages was cancelled")
        if start >= ES_MAX_WINDOW:
            notes.append(
                f"stopped at {ES_MAX_WINDOW:,} hits: Elasticsearch serves no more of one search through "
                "page numbers (from/size); narrow the search (e.g. q=lpa_name:Camden or a date range) "
                "and import each part"
            )
            break
        size_now = min(size, ES_MAX_WINDOW - start)
        this = page_url(url, start, size_now)
        label = f"{urlsplit(this).path.rsplit('/', 1)[-1]}?from={start}&size={size_now}"
        if log is not None:
            log(f"Fetching {redact_url(this)}")
        path = get(this)
        doc = load_json(path, label)
        if _is_geojson(doc):
            raise InputError("the search address returned GeoJSON, not an Elasticsearch response", path=label)
        page = pld_page(doc, label)
        files.append((path, label))
        if total is None:
            total, lower_bound = page.total, page.total_is_lower_bound
        ids = [_record_id(s, n) for n, s in enumerate(page.sources)]
        new = [i for i in ids if i not in seen]
        seen.update(ids)
        if not page.sources:
            break
        if not new:
            notes.append(
                f"the page from={start} repeated hits already read: the server ignores 'from', so only the "
                "first page could be fetched; save each page of the search and import them together"
            )
            break
        start += len(page.sources)
        if total is not None and not lower_bound and start >= total:
            break
        if len(page.sources) < size_now:
            break
    else:
        notes.append(f"stopped after {max_pages} pages")
    return SearchPages(files, total, notes)

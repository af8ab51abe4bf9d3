"""Coordinates and vector files for the connectivity readers: CRS detection by extent,
reprojection to EPSG:27700 with pyproj, and a small result type (records + rejects).

No QGIS here. GeoJSON is read with :mod:`json`; other vector formats with ``osgeo.ogr``
(imported only when needed).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import shapely

from .errors import InputError
from .schema import BNG_BBOX, BNG_EPSG

if TYPE_CHECKING:
    from pyproj import Transformer
# pyproj is imported where it is used: it costs ~40 ms, paid by every QGIS start-up and
# every qgis_process call if imported when the plugin loads.

WGS84_EPSG = 4326
#: Longitude/latitude box of Great Britain (generous): lon -9..2.5, lat 49..61.
GB_LONLAT_BBOX = (-9.0, 49.0, 2.5, 61.0)
#: BNG (0, 0) in WGS84, where bad geocoders put records with no location.
GRID_ORIGIN_LATLON = (49.766807, -7.55716)

_TRANSFORMERS: dict[int, Transformer] = {}


@dataclass
class Reject:
    """A record that could not be used, with where and why (goes to the rejects table)."""

    source_file: str
    record: str
    field: str
    reason: str

    def as_dict(self) -> dict[str, str]:
        return {
            "source_file": self.source_file,
            "record": self.record,
            "field": self.field,
            "reason": self.reason,
        }


@dataclass
class ReadResult:
    """What a reader returns: canonical records (each with a ``geometry`` in EPSG:27700, or
    None), the rejects, notes for the log (e.g. a CRS fixed by extent) and counters."""

    records: list[dict[str, Any]] = field(default_factory=list)
    rejects: list[Reject] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    def extend(self, other: ReadResult) -> None:
        self.records.extend(other.records)
        self.rejects.extend(other.rejects)
        self.notes.extend(other.notes)
        for key, value in other.counts.items():
            self.counts[key] = self.counts.get(key, 0) + value

    def count(self, key: str, n: int = 1) -> None:
        self.counts[key] = self.counts.get(key, 0) + n


def transformer_to_bng(epsg: int) -> Transformer:
    """A cached pyproj transformer from ``epsg`` to EPSG:27700 (x = easting / longitude)."""
    if epsg not in _TRANSFORMERS:
        from pyproj import CRS, Transformer

        _TRANSFORMERS[epsg] = Transformer.from_crs(
            CRS.from_epsg(epsg), CRS.from_epsg(BNG_EPSG), always_xy=True
        )
    return _TRANSFORMERS[epsg]


def lonlat_to_bng(lon: Any, lat: Any) -> tuple[np.ndarray, np.ndarray]:
    """Longitude/latitude (WGS84) arrays to easting/northing arrays."""
    x, y = transformer_to_bng(WGS84_EPSG).transform(
        np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)
    )
    return np.asarray(x, dtype=float), np.asarray(y, dtype=float)


def geometries_to_bng(geoms: np.ndarray, epsg: int) -> np.ndarray:
    """Reproject shapely geometries (array) from ``epsg`` to EPSG:27700."""
    if epsg == BNG_EPSG:
        return geoms
    tr = transformer_to_bng(epsg)

    def fn(coords: np.ndarray) -> np.ndarray:
        x, y = tr.transform(coords[:, 0], coords[:, 1])
        return np.column_stack([x, y])

    return shapely.transform(geoms, fn)


def epsg_of(crs_text: str | int | None) -> int | None:
    """The EPSG code of a CRS given as EPSG code, ``EPSG:xxxx``, URN or WKT; None if unknown."""
    if crs_text is None or crs_text == "":
        return None
    from pyproj import CRS

    try:
        crs = CRS.from_user_input(crs_text)
    except Exception:  # noqa: BLE001  (pyproj raises several types)
        return None
    code = crs.to_epsg(min_confidence=70)
    if code is None and crs.is_geographic:
        return WGS84_EPSG
    return code


def _inside(
    box: tuple[float, float, float, float], minx: float, miny: float, maxx: float, maxy: float
) -> bool:
    return box[0] <= minx and box[1] <= miny and maxx <= box[2] and maxy <= box[3]


def detect_crs(
    bounds: tuple[float, float, float, float], declared: int | None, label: str
) -> tuple[int, bool, str | None]:
    """Check a declared CRS against the data's extent.

    Returns ``(epsg, swap_xy, note)``: the CRS the coordinates really are in, whether x and y
    must be swapped (lat/lon written in lon/lat order), and a note for the log when the
    declaration was wrong. Raises :class:`InputError` when the extent fits neither
    longitude/latitude over Great Britain nor British National Grid.

    >>> detect_crs((-0.5, 51.3, 0.3, 51.7), 4326, "f")
    (4326, False, None)
    >>> detect_crs((51.3, -0.5, 51.7, 0.3), 4326, "f")[:2]
    (4326, True)
    >>> detect_crs((503000, 155000, 562000, 201000), 4326, "f")[:2]
    (27700, False)
    """
    minx, miny, maxx, maxy = bounds
    if not all(math.isfinite(v) for v in bounds):
        return declared or WGS84_EPSG, False, None
    looks_lonlat = _inside(GB_LONLAT_BBOX, minx, miny, maxx, maxy)
    lat_lon_swapped = _inside(GB_LONLAT_BBOX, miny, minx, maxy, maxx)
    looks_bng = _inside(BNG_BBOX, minx, miny, maxx, maxy) and (
        maxx - minx > 2 or maxy - miny > 2 or maxx > 1000
    )
    declared = declared or WGS84_EPSG
    from pyproj import CRS

    if declared == WGS84_EPSG or CRS.from_epsg(declared).is_geographic:
        if looks_lonlat:
            return declared, False, None
        if lat_lon_swapped:
            return (
                declared,
                True,
                f"{label}: coordinates are latitude/longitude in longitude/latitude order; swapped",
            )
        if looks_bng and not (abs(maxx) <= 180 and abs(maxy) <= 90):
            return (
                BNG_EPSG,
                False,
                f"{label}: declared as WGS84 but the extent is British National Grid; read as EPSG:27700",
            )
        raise InputError(
            f"extent {bounds} is neither longitude/latitude over Great Britain nor British National Grid",
            path=label,
        )
    if declared == BNG_EPSG:
        if looks_bng and maxx > 1000:
            return declared, False, None
        if looks_lonlat:
            return (
                WGS84_EPSG,
                False,
                f"{label}: declared as EPSG:27700 but the extent is longitude/latitude; read as WGS84",
            )
        if lat_lon_swapped:
            return (
                WGS84_EPSG,
                True,
                f"{label}: declared as EPSG:27700 but holds latitude/longitude; read as WGS84",
            )
        raise InputError(f"extent {bounds} is outside British National Grid's area of use", path=label)
    return declared, False, None


def fix_geometries(geoms: np.ndarray, declared: int | None, label: str) -> tuple[np.ndarray, list[str]]:
    """Detect the real CRS by extent, swap axes if needed and reproject to EPSG:27700."""
    present = geoms[~shapely.is_missing(geoms) & ~shapely.is_empty(geoms)] if len(geoms) else geoms
    notes: list[str] = []
    if len(present) == 0:
        return geoms, notes
    bounds = tuple(float(v) for v in shapely.total_bounds(present))
    epsg, swap, note = detect_crs(bounds, declared, label)  # type: ignore[arg-type]
    if note:
        notes.append(note)
    if swap:
        geoms = shapely.transform(geoms, lambda c: c[:, ::-1])
    return geometries_to_bng(geoms, epsg), notes


def _geojson_crs(doc: dict[str, Any]) -> int | None:
    crs = doc.get("crs")
    if isinstance(crs, dict):
        props = crs.get("properties") or {}
        return epsg_of(props.get("name") or props.get("code"))
    return None


def geometry_from_geojson(obj: Any) -> Any:
    """A shapely geometry from a GeoJSON geometry dict (type names in any case); None if empty."""
    if not isinstance(obj, dict) or not obj.get("type"):
        return None
    obj = dict(obj)
    names = {
        n.lower(): n
        for n in (
            "Point",
            "MultiPoint",
            "LineString",
            "MultiLineString",
            "Polygon",
            "MultiPolygon",
            "GeometryCollection",
        )
    }
    kind = names.get(str(obj["type"]).lower())
    if kind is None:
        raise ValueError(f"unknown geometry type {obj['type']!r}")
    obj["type"] = kind
    if kind == "GeometryCollection":
        parts = [geometry_from_geojson(g) for g in obj.get("geometries") or []]
        parts = [p for p in parts if p is not None]
        if not parts:
            return None
        return shapely.GeometryCollection(parts)
    if not obj.get("coordinates"):
        return None
    return shapely.from_geojson(json.dumps(obj))


@dataclass
class VectorFeatures:
    """A vector file read into memory, geometries in EPSG:27700."""

    geometries: np.ndarray
    properties: list[dict[str, Any]]
    notes: list[str]
    errors: list[tuple[int, str]]  # (feature index, why its geometry was unreadable)


def read_vector(path: str | Path, layer: str | None = None) -> VectorFeatures:
    """Any vector file: GeoJSON through :mod:`json`, others through OGR. Reprojected to
    EPSG:27700 after checking the declared CRS against the extent."""
    path = Path(path)
    label = path.name
    if path.suffix.lower() in (".geojson", ".json"):
        return _read_geojson(path, label)
    return _read_ogr(path, label, layer)


def _read_geojson(path: Path, label: str) -> VectorFeatures:
    try:
        doc = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, ValueError) as exc:
        raise InputError(f"not readable as JSON: {exc}", path=label) from exc
    if isinstance(doc, dict) and doc.get("type") == "Feature":
        features = [doc]
    elif isinstance(doc, dict) and isinstance(doc.get("features"), list):
        features = doc["features"]
    else:
        raise InputError("not a GeoJSON Feature or FeatureCollection", path=label)
    geoms: list[Any] = []
    props: list[dict[str, Any]] = []
    errors: list[tuple[int, str]] = []
    for i, feat in enumerate(features):
        try:
            geoms.append(geometry_from_geojson((feat or {}).get("geometry")))
        except (ValueError, shapely.errors.GEOSException) as exc:
            geoms.append(None)
            errors.append((i, str(exc)))
        props.append(dict((feat or {}).get("properties") or {}))
    arr = np.array([*geoms, None], dtype=object)[:-1]
    arr, notes = fix_geometries(arr, _geojson_crs(doc) if isinstance(doc, dict) else None, label)
    return VectorFeatures(arr, props, notes, errors)


def _read_ogr(path: Path, label: str, layer_name: str | None) -> VectorFeatures:
    from osgeo import ogr, osr

    ogr.UseExceptions()
    try:
        ds = ogr.Open(str(path))
    except RuntimeError as exc:
        raise InputError(f"cannot be opened as a vector file: {exc}", path=label) from exc
    if ds is None:
        raise InputError("cannot be opened as a vector file", path=label)
    lyr = ds.GetLayerByName(layer_name) if layer_name else ds.GetLayer(0)
    if lyr is None:
        raise InputError(f"has no layer {layer_name!r}", path=label)
    srs = lyr.GetSpatialRef()
    declared = None
    if srs is not None:
        srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
        declared = epsg_of(srs.ExportToWkt())
    wkbs: list[bytes | None] = []
    props: list[dict[str, Any]] = []
    for feat in lyr:
        geom = feat.GetGeometryRef()
        wkbs.append(bytes(geom.ExportToIsoWkb()) if geom is not None else None)
        props.append(feat.items())
    arr = np.asarray(
        shapely.from_wkb(np.array([*wkbs, None], dtype=object)[:-1], on_invalid="ignore"), dtype=object
    )
    errors = [
        (i, "geometry not readable")
        for i, (w, g) in enumerate(zip(wkbs, arr, strict=True))
        if w and g is None
    ]
    arr, notes = fix_geometries(arr, declared, label)
    return VectorFeatures(arr, props, notes, errors)


def bng_point_ok(x: float, y: float) -> bool:
    """True when (x, y) is a plausible EPSG:27700 coordinate (not the grid origin)."""
    return (
        math.isfinite(x)
        and math.isfinite(y)
        and BNG_BBOX[0] <= x <= BNG_BBOX[2]
        and BNG_BBOX[1] <= y <= BNG_BBOX[3]
        and not (abs(x) < 1.0 and abs(y) < 1.0)
    )


def is_grid_origin(lat: float | None, lon: float | None, tolerance_deg: float = 0.001) -> bool:
    """True for latitude/longitude at BNG (0, 0), the placeholder of records with no location.

    >>> is_grid_origin(49.766807, -7.55716)
    True
    """
    if lat is None or lon is None:
        return False
    return (
        abs(lat - GRID_ORIGIN_LATLON[0]) <= tolerance_deg
        and abs(lon - GRID_ORIGIN_LATLON[1]) <= tolerance_deg
    )

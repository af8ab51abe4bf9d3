"""The full-fibre spine: any line layer (GeoJSON, GeoPackage, Shapefile, ...), any CRS.

GeoJSON is read with :mod:`json`, other formats with ``osgeo.ogr``. The declared CRS is
checked against the extent (lat/lon swapped, BNG declared as WGS84) and everything is
reprojected to EPSG:27700 with pyproj. Multi-part lines are split into one record per part;
empty parts, parts with fewer than two distinct points and non-line geometries are rejected
with a reason. Points and polygons are not a spine.

A file may hold lines that are not (yet) built: TfL's network file carries Crossrail 2 and a
2035 Thameslink service. ``keep`` (the algorithm's FILTER expression) decides per feature from
its properties (plus ``name``, the reader's display name, when the file has none); features it
turns down are counted as ``left_out``, never dropped silently.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import shapely

from ..core.geo import ReadResult, Reject, read_vector

SPINE_FIELDS: list[tuple[str, str]] = [
    ("spine_id", "str"),
    ("name", "str"),
    ("part", "int"),
    ("length_m", "float"),
    ("source_file", "str"),
]

_NAME_KEYS = ("name", "NAME", "line", "line_name", "label", "description", "id")


def _name_of(props: dict[str, Any]) -> str | None:
    lines = props.get("lines")
    if isinstance(lines, list) and lines and isinstance(lines[0], dict) and lines[0].get("name"):
        return ", ".join(sorted({str(x.get("name")) for x in lines if isinstance(x, dict) and x.get("name")}))
    for key in _NAME_KEYS:
        if props.get(key) not in (None, ""):
            return str(props[key])
    return None


def read_spine(
    path: str | Path, layer: str | None = None, keep: Callable[[dict[str, Any]], bool] | None = None
) -> ReadResult:
    """Line parts of a vector file, in EPSG:27700, one record per part. ``keep`` is a filter
    the user chose, given each feature's properties: features it turns down are counted in
    ``counts['left_out']`` (features read = left out + rejected + those imported as parts)."""
    path = Path(path)
    label = path.name
    features = read_vector(path, layer)
    result = ReadResult(notes=list(features.notes))
    result.count("left_out", 0)
    unreadable = dict(features.errors)
    for i, (geom, props) in enumerate(zip(features.geometries, features.properties, strict=True)):
        fid = str(props.get("id") or i)
        if keep is not None:
            values = props if "name" in props else {**props, "name": _name_of(props)}
            if not keep(values):
                result.count("left_out")
                continue
        if i in unreadable:
            result.rejects.append(Reject(label, f"feature {fid}", "geometry", unreadable[i]))
            continue
        if geom is None or geom.is_empty:
            result.rejects.append(Reject(label, f"feature {fid}", "geometry", "empty geometry"))
            continue
        parts = shapely.get_parts(shapely.line_merge(geom) if geom.geom_type == "MultiLineString" else geom)
        parts = np.atleast_1d(parts)
        name = _name_of(props)
        for k, part in enumerate(parts):
            where = f"feature {fid} part {k}"
            if part.geom_type != "LineString":
                result.rejects.append(Reject(label, where, "geometry", f"{part.geom_type} is not a line"))
                continue
            coords = shapely.get_coordinates(part)
            if len(coords) == 0:
                result.rejects.append(Reject(label, where, "geometry", "empty part"))
                continue
            if not np.isfinite(coords).all():
                result.rejects.append(Reject(label, where, "geometry", "non-finite coordinates"))
                continue
            if len(np.unique(coords, axis=0)) < 2 or part.length == 0:
                result.rejects.append(Reject(label, where, "geometry", "fewer than two distinct points"))
                continue
            result.records.append(
                {
                    "spine_id": f"{fid}:{k}" if len(parts) > 1 else fid,
                    "name": name,
                    "part": k,
                    "length_m": round(float(part.length), 2),
                    "source_file": label,
                    "geometry": part,
                }
            )
    result.count("features", len(features.properties))
    result.count("parts", len(result.records))
    result.count("length_km", int(round(sum(r["length_m"] for r in result.records) / 1000)))
    return result

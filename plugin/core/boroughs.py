"""London borough outlines shipped with the plugin, read without QGIS.

The outlines are ``resources/boundaries/london_boroughs.gpkg`` (built once by
``scripts/make_boroughs.py``): the 32 boroughs and the City of London, generalised to 10 m
with shared borders kept shared, clipped to mean high water (a point on the Thames lies in no
borough), EPSG:27700. Source: GLA Statistical GIS Boundary Files for London, Open Government
Licence v3.0; contains National Statistics data © Crown copyright and database right;
contains Ordnance Survey data © Crown copyright and database right.

The GeoPackage is read with :mod:`sqlite3`: each geometry blob is a GeoPackage header followed
by standard WKB, which shapely reads. Outlines are read once per file and cached.

>>> borough_at(530000, 180500).name  # Trafalgar Square
'Westminster'
>>> borough_at(530000, 180500).swa_code
'5990'
"""

from __future__ import annotations

import sqlite3
import struct
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import shapely

from .errors import InputError

BOROUGHS_GPKG = Path(__file__).resolve().parents[2] / "resources" / "boundaries" / "london_boroughs.gpkg"
LAYER = "london_boroughs"

#: bytes of the envelope after the 8-byte GeoPackage header, by the flags' envelope indicator
_ENVELOPE_BYTES = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}


@dataclass(frozen=True)
class Borough:
    """One London borough (or the City): names and codes, and its outline in EPSG:27700."""

    name: str
    gss_code: str  # ONS code, E09000001 (City of London) .. E09000033 (Westminster)
    swa_code: str  # Street Manager street-works authority code, 5030 .. 5990
    geometry: shapely.Geometry


def gpkg_blob_to_geometry(blob: bytes) -> shapely.Geometry | None:
    """A shapely geometry from a GeoPackage geometry blob (``GP`` header, envelope, WKB).

    >>> import shapely
    >>> wkb = shapely.to_wkb(shapely.Point(1, 2))
    >>> gpkg_blob_to_geometry(b"GP\\x00\\x01" + (27700).to_bytes(4, "little") + wkb).wkt
    'POINT (1 2)'
    """
    if blob is None:
        return None
    blob = bytes(blob)
    if blob[:2] != b"GP":
        raise ValueError("not a GeoPackage geometry blob (no 'GP' magic)")
    flags = blob[3]
    if flags & 0b10000:  # empty geometry
        return None
    envelope = (flags >> 1) & 0b111
    if envelope not in _ENVELOPE_BYTES:
        raise ValueError(f"bad envelope indicator {envelope}")
    return shapely.from_wkb(blob[8 + _ENVELOPE_BYTES[envelope] :])


def _srs_id(blob: bytes) -> int:
    return struct.unpack("<i" if blob[3] & 1 else ">i", bytes(blob[4:8]))[0]


@lru_cache(maxsize=4)
def _load(path: str) -> tuple[Borough, ...]:
    if not Path(path).is_file():
        raise InputError("the borough boundaries resource is missing", path=path)
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            (geom_col,) = con.execute(
                "SELECT column_name FROM gpkg_geometry_columns WHERE table_name = ?", (LAYER,)
            ).fetchone()
            rows = con.execute(
                f'SELECT name, gss_code, swa_code, "{geom_col}" FROM "{LAYER}" ORDER BY gss_code'  # nosec B608  # identifiers quoted, values bound as parameters
            ).fetchall()
        finally:
            con.close()
    except (sqlite3.Error, TypeError) as exc:
        raise InputError(f"the borough boundaries cannot be read: {exc}", path=path) from exc
    out = []
    for name, gss, swa, blob in rows:
        if _srs_id(blob) != 27700:
            raise InputError(f"{name}: outline is not in EPSG:27700", path=path)
        geom = gpkg_blob_to_geometry(blob)
        shapely.prepare(geom)
        out.append(Borough(name, gss, swa, geom))
    return tuple(out)


def london_boroughs(path: str | Path | None = None) -> tuple[Borough, ...]:
    """The 33 London boroughs (City included), ordered by GSS code; read once and cached."""
    return _load(str(Path(path) if path else BOROUGHS_GPKG))


def boroughs_at(
    x: np.ndarray | list[float],
    y: np.ndarray | list[float],
    within: float = 0.0,
    path: str | Path | None = None,
) -> np.ndarray:
    """Index into :func:`london_boroughs` of the borough holding each point, -1 for none.

    A point in no outline (the Thames, just outside London, or between a generalised border
    and the real one) takes the nearest borough when it is at most ``within`` metres away.
    """
    xs = np.asarray(x, dtype=float)
    ys = np.asarray(y, dtype=float)
    found = np.full(xs.shape, -1, dtype=np.int64)
    boroughs = london_boroughs(path)
    finite = np.isfinite(xs) & np.isfinite(ys)
    for i, b in enumerate(boroughs):
        hit = finite & (found < 0) & shapely.contains_xy(b.geometry, xs, ys)
        found[hit] = i
    if within > 0:
        for k in np.flatnonzero(finite & (found < 0)):
            pt = shapely.Point(xs[k], ys[k])
            dists = [b.geometry.distance(pt) for b in boroughs]
            nearest = int(np.argmin(dists))
            if dists[nearest] <= within:
                found[k] = nearest
    return found


def borough_at(x: float, y: float, within: float = 0.0, path: str | Path | None = None) -> Borough | None:
    """The borough holding the point (x, y) in EPSG:27700, or None (see :func:`boroughs_at`)."""
    (i,) = boroughs_at([x], [y], within, path)
    return london_boroughs(path)[i] if i >= 0 else None


def borough_by_code(code: str | None, path: str | Path | None = None) -> Borough | None:
    """The borough with this GSS code (``E09000033``) or SWA code (``5990``), else None."""
    if not code:
        return None
    code = code.strip().upper()
    return next((b for b in london_boroughs(path) if code in (b.gss_code, b.swa_code)), None)

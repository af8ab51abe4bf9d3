"""Geometries of which the simple ones are held as coordinates, not as GEOS objects.

Street works are mostly points and two-point lines (a year of England: 51 % points, 32 %
two-point lines). As shapely objects they cost ~170 and ~260 bytes each (the Python object,
the GEOS geometry, its coordinate sequence and envelope); as coordinates, 33 bytes. A year's
3.1M works held that way take ~420 MB less, and the steps that only need their coordinates
(the near-pair join, the shortest lines, the groups' hulls) read them directly.

:class:`CompactGeometries` holds, per geometry, a kind (:data:`POINT`, :data:`SEGMENT` or
:data:`GEOS`), the two end points of a point or two-point line (a point's twice), and for
every other geometry (polygons, longer lines, multi-parts, 3D, empty or non-finite ones,
missing ones as None) its shapely object. Only 2D points and two-vertex 2D LineStrings with
finite coordinates are held as coordinates, so every check the engine makes on the others
(missing, empty, NaN, validity) still sees them as before. :meth:`CompactGeometries.take`
makes shapely objects of the rows asked for, with the very same coordinates: GEOS gives
them the same distances, bit for bit, as the objects read from WKB.

The helpers (:func:`take`, :func:`subset`, :func:`concatenate`, :func:`bounds`) take either
this or a plain object array of shapely geometries, so the engine has one code path.

No QGIS here.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import shapely

POINT = 0
SEGMENT = 1
GEOS = -1  # held as a shapely object (or None: missing)

_WKB_POINT_BYTES = 21  # byte order, type, x, y
_WKB_SEGMENT_BYTES = 41  # byte order, type, vertex count, 2 x (x, y)


class CompactGeometries:
    """Points and two-point lines as coordinates, the rest as shapely objects (see the
    module). ``ax, ay, bx, by``: a point's coordinates twice, a two-point line's vertices, a
    :data:`GEOS` row's envelope (xmin, ymin, xmax, ymax; 0 when empty or missing), so that
    the near-pair join reads them as they are; ``geos``: the :data:`GEOS` rows' objects,
    None elsewhere. An envelope may be larger than its geometry's (``screen`` repairs invalid
    polygons within it): it only ever screens."""

    __slots__ = ("ax", "ay", "bx", "by", "geos", "kind")

    def __init__(
        self,
        kind: np.ndarray,
        ax: np.ndarray,
        ay: np.ndarray,
        bx: np.ndarray,
        by: np.ndarray,
        geos: np.ndarray,
    ) -> None:
        self.kind, self.ax, self.ay, self.bx, self.by, self.geos = kind, ax, ay, bx, by, geos

    def __len__(self) -> int:
        return len(self.kind)

    @classmethod
    def from_geometries(cls, geometries: Sequence[Any]) -> CompactGeometries:
        """From shapely geometries (None where missing)."""
        geoms = np.empty(len(geometries), dtype=object)
        geoms[:] = geometries
        n = len(geoms)
        out = cls(np.full(n, GEOS, np.int8), *(np.zeros(n) for _ in range(4)), geoms.copy())
        if not n:
            return out
        type_id = shapely.get_type_id(geoms)
        count = shapely.get_num_coordinates(geoms)
        flat = ~shapely.has_z(geoms)
        points = np.flatnonzero((type_id == 0) & (count == 1) & flat)
        segments = np.flatnonzero((type_id == 1) & (count == 2) & flat)
        xy = shapely.get_coordinates(geoms[points]).reshape(-1, 2)
        finite = np.isfinite(xy).all(axis=1)  # NaN, Inf: left to GEOS (and the screen's check)
        xy = xy[finite]
        out._keep(points[finite], POINT, xy[:, 0], xy[:, 1], xy[:, 0], xy[:, 1])
        xy = shapely.get_coordinates(geoms[segments]).reshape(-1, 4)
        finite = np.isfinite(xy).all(axis=1)
        out._keep(segments[finite], SEGMENT, *xy[finite].T)
        out._envelopes()
        return out

    @classmethod
    def from_wkb(cls, wkbs: np.ndarray) -> CompactGeometries:
        """From WKB (an object array of bytes, None where missing): little-endian 2D points and
        two-vertex lines are read here, everything else by ``shapely.from_wkb`` (invalid WKB
        gives None, as ``on_invalid="ignore"``)."""
        wkbs = np.asarray(wkbs, dtype=object)
        n = len(wkbs)
        out = cls(np.full(n, GEOS, np.int8), *(np.zeros(n) for _ in range(4)), np.full(n, None, object))
        lengths = np.zeros(n, np.int64)
        present = np.flatnonzero(np.not_equal(wkbs, None))
        lengths[present] = np.fromiter(map(len, wkbs[present]), np.int64, len(present))
        rows = np.flatnonzero((lengths == _WKB_POINT_BYTES) | (lengths == _WKB_SEGMENT_BYTES))
        if len(rows):
            buf = np.frombuffer(b"".join(wkbs[rows].tolist()), np.uint8)
            size = lengths[rows]
            at = np.concatenate([[0], np.cumsum(size)[:-1]])
            head = buf[at[:, None] + np.arange(9)]  # order, type (4 bytes), vertex count (4)
            little = head[:, 0] == 1
            wkb_type = head[:, 1:5].copy().view("<u4").ravel()
            vertices = head[:, 5:9].copy().view("<u4").ravel()
            is_point = little & (wkb_type == 1) & (size == _WKB_POINT_BYTES)
            is_segment = little & (wkb_type == 2) & (size == _WKB_SEGMENT_BYTES) & (vertices == 2)
            for which, kind, first, width in ((is_point, POINT, 5, 16), (is_segment, SEGMENT, 9, 32)):
                pick = np.flatnonzero(which)
                values = buf[at[pick, None] + np.arange(first, first + width)].copy().view("<f8")
                finite = np.isfinite(values).all(axis=1)  # NaN (an empty point), Inf: GEOS's
                pick, values = pick[finite], values[finite]
                if kind == POINT:
                    out._keep(rows[pick], POINT, values[:, 0], values[:, 1], values[:, 0], values[:, 1])
                else:
                    out._keep(rows[pick], SEGMENT, *values.T)
        rest = np.flatnonzero((out.kind == GEOS) & (lengths > 0))
        if len(rest):
            out.geos[rest] = shapely.from_wkb(wkbs[rest], on_invalid="ignore")
        out._envelopes()
        return out

    def _envelopes(self) -> None:
        """The :data:`GEOS` rows' envelopes into ``ax, ay, bx, by`` (0 when empty or missing)."""
        rows = np.flatnonzero(self.kind == GEOS)
        with np.errstate(invalid="ignore"):  # NaN coordinates: a NaN envelope, made 0 below
            box = shapely.bounds(self.geos[rows])
        box[np.isnan(box)] = 0.0
        self.ax[rows], self.ay[rows], self.bx[rows], self.by[rows] = box.T

    def _keep(self, rows: np.ndarray, kind: int, ax, ay, bx, by) -> None:
        self.kind[rows] = kind
        self.ax[rows], self.ay[rows], self.bx[rows], self.by[rows] = ax, ay, bx, by
        self.geos[rows] = None

    def take(self, index: Any) -> np.ndarray:
        """Shapely objects of the rows ``index`` (an int array, a bool mask or a slice)."""
        rows = np.arange(len(self))[index] if not isinstance(index, np.ndarray) else index
        if rows.dtype == bool:
            rows = np.flatnonzero(rows)
        out = np.take(self.geos, rows)
        kind = np.take(self.kind, rows)
        points = np.flatnonzero(kind == POINT)
        if len(points):
            r = rows[points]
            out[points] = shapely.points(np.take(self.ax, r), np.take(self.ay, r))
        segments = np.flatnonzero(kind == SEGMENT)
        if len(segments):
            r = rows[segments]
            xy = np.stack([np.take(c, r) for c in (self.ax, self.ay, self.bx, self.by)], axis=1)
            out[segments] = shapely.linestrings(xy.reshape(-1, 2, 2))
        return out

    def subset(self, index: Any) -> CompactGeometries:
        """The rows ``index`` (an int array, a bool mask or a slice), still compact."""
        return CompactGeometries(*(v[index] for v in self.arrays()))

    def copy(self) -> CompactGeometries:
        """A copy whose shapely objects may be replaced (the coordinates are shared)."""
        return CompactGeometries(self.kind, self.ax, self.ay, self.bx, self.by, self.geos.copy())

    def bounds(self) -> np.ndarray:
        """``(n, 4)`` envelopes as ``shapely.bounds`` gives them (NaN for empty or missing)."""
        out = shapely.bounds(self.geos)
        simple = self.kind != GEOS
        ax, ay, bx, by = (v[simple] for v in (self.ax, self.ay, self.bx, self.by))
        out[simple] = np.stack(
            [np.minimum(ax, bx), np.minimum(ay, by), np.maximum(ax, bx), np.maximum(ay, by)], axis=1
        )
        return out

    def arrays(self) -> tuple[np.ndarray, ...]:
        """kind, ax, ay, bx, by, geos (the order the constructor takes)."""
        return self.kind, self.ax, self.ay, self.bx, self.by, self.geos


def take(geoms: np.ndarray | CompactGeometries, index: Any) -> np.ndarray:
    """Shapely objects of ``geoms[index]``, whichever form ``geoms`` has."""
    if isinstance(geoms, CompactGeometries):
        return geoms.take(index)
    return np.take(geoms, index) if isinstance(index, np.ndarray) and index.dtype != bool else geoms[index]


def subset(geoms: np.ndarray | CompactGeometries, index: Any) -> np.ndarray | CompactGeometries:
    """``geoms[index]`` in the form ``geoms`` has."""
    return geoms.subset(index) if isinstance(geoms, CompactGeometries) else geoms[index]


def concatenate(parts: Sequence[np.ndarray | CompactGeometries]) -> np.ndarray | CompactGeometries:
    """The parts one after the other: compact when any part is."""
    if not any(isinstance(p, CompactGeometries) for p in parts):
        return np.concatenate([np.asarray(p, dtype=object) for p in parts])
    whole = [p if isinstance(p, CompactGeometries) else CompactGeometries.from_geometries(p) for p in parts]
    if len(whole) == 1:
        return whole[0]
    return CompactGeometries(*(np.concatenate(v) for v in zip(*(p.arrays() for p in whole), strict=True)))


def bounds(geoms: np.ndarray | CompactGeometries) -> np.ndarray:
    """``shapely.bounds`` of either form."""
    return geoms.bounds() if isinstance(geoms, CompactGeometries) else shapely.bounds(geoms)

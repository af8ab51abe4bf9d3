"""GEOS's distance arithmetic repeated in numpy, operation for operation, for the shapes street
works mostly are: points and two-point lines.

The near-pair join (:mod:`.nearjoin`) promises the distances ``shapely.distance`` gives, bit
for bit. For a point and a two-point line, or two two-point lines, GEOS's own computation
(``algorithm::Distance::pointToSegment`` / ``segmentToSegment``, reached through
``DistanceOp``) is a few IEEE operations; repeated here in the same order (no fused
multiply-add) they give the same doubles at a fraction of a GEOS call's cost. Whether they do
on this machine is checked against GEOS once per process by :mod:`.nearjoin`, which uses GEOS
wherever a check fails.

Polygons were tried the same way (GEOS's ray-crossing containment test with its orientation
filter, and its segment-by-segment loop with envelope short-cuts): the same doubles, but slower
than GEOS in numpy (a year of England's near pairs: 10.5 s of CPU against 9.2 s), so polygons
stay with GEOS.

No QGIS here.
"""

from __future__ import annotations

import numpy as np


def point_distance(x0: np.ndarray, y0: np.ndarray, x1: np.ndarray, y1: np.ndarray) -> np.ndarray:
    """``Coordinate::distance``: ``sqrt(dx*dx + dy*dy)``."""
    dx = x0 - x1
    dy = y0 - y1
    dx *= dx
    dy *= dy
    dx += dy
    return np.sqrt(dx, out=dx)


def point_segment(px, py, ax, ay, bx, by) -> np.ndarray:
    """``Distance::pointToSegment(p, A, B)``: the projection ``r`` of p on AB decides between
    the distance to A, to B, or ``|s| * sqrt(len2)`` across; a segment of one point is that
    point."""
    ux = bx - ax
    uy = by - ay
    len2 = ux * ux + uy * uy
    with np.errstate(invalid="ignore", divide="ignore"):
        r = ((px - ax) * ux + (py - ay) * uy) / len2
        d = np.abs(((ay - py) * ux - (ax - px) * uy) / len2) * np.sqrt(len2)
    to_a = (r <= 0.0) | ((ax == bx) & (ay == by))
    to_b = (r >= 1.0) & ~to_a
    if to_a.any():
        d[to_a] = point_distance(px[to_a], py[to_a], ax[to_a], ay[to_a])
    if to_b.any():
        d[to_b] = point_distance(px[to_b], py[to_b], bx[to_b], by[to_b])
    return d


def segment_segment(ax, ay, bx, by, cx, cy, dx, dy) -> np.ndarray:
    """``Distance::segmentToSegment(A, B, C, D)``: 0 where the segments intersect (envelopes
    meet and the parameters r, s of the crossing point are in [0, 1]), else the least of the
    four end-point-to-segment distances; a segment of one point is measured as that point."""
    d = point_segment(ax, ay, cx, cy, dx, dy)
    np.minimum(point_segment(bx, by, cx, cy, dx, dy), d, out=d)
    np.minimum(point_segment(cx, cy, ax, ay, bx, by), d, out=d)
    np.minimum(point_segment(dx, dy, ax, ay, bx, by), d, out=d)
    meet = ~(
        (np.minimum(ax, bx) > np.maximum(cx, dx))
        | (np.maximum(ax, bx) < np.minimum(cx, dx))
        | (np.minimum(ay, by) > np.maximum(cy, dy))
        | (np.maximum(ay, by) < np.minimum(cy, dy))
    )
    denom = (bx - ax) * (dy - cy) - (by - ay) * (dx - cx)
    with np.errstate(invalid="ignore", divide="ignore"):
        r = ((ay - cy) * (dx - cx) - (ax - cx) * (dy - cy)) / denom
        s = ((ay - cy) * (bx - ax) - (ax - cx) * (by - ay)) / denom
    d[meet & (denom != 0) & (r >= 0) & (r <= 1) & (s >= 0) & (s <= 1)] = 0.0
    ab_point = (ax == bx) & (ay == by)
    cd_point = (cx == dx) & (cy == dy) & ~ab_point
    if ab_point.any():
        k = ab_point
        d[k] = point_segment(ax[k], ay[k], cx[k], cy[k], dx[k], dy[k])
    if cd_point.any():
        k = cd_point
        d[k] = point_segment(dx[k], dy[k], ax[k], ay[k], bx[k], by[k])
    return d

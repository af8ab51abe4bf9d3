"""Pairs of works: which are near, which share a street, how their windows relate, and the
shortest line between them.

* :func:`near_pairs_reference`: every pair within a distance (``shapely.distance <=
  distance``, inclusive) the plain STRtree way, kept for tests and benchmarks: the engine
  finds them by the grid join of :func:`.nearjoin.near_pairs`, with the same pairs and the
  same GEOS distances to the last bit.
* :func:`same_code_pairs`: pairs sharing a code (same-street pairs: the same USRN), and
  :func:`with_pairs` to add them to the near pairs.
* :func:`classify_windows`: clash (closed day windows overlap), opportunity (gap
  ``<= max_gap_days``) or nothing, with the gap and overlap days.
* :func:`shortest_segments`: the ends of ``shapely.shortest_line`` per pair, in numpy where
  GEOS's own formula allows, through GEOS on worker threads otherwise.

No QGIS here.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import shapely

from .compact import GEOS, POINT, SEGMENT, CompactGeometries, take
from .errors import InputError
from .parallel import chunked, no_progress, threaded_chunks
from .works import Vertices

CLASH = 1
OPPORTUNITY = 2
KIND_NAMES = {CLASH: "clash", OPPORTUNITY: "opportunity"}


def near_pairs_reference(
    geometries: np.ndarray,
    distance: float,
    other: np.ndarray | None = None,
    progress: Callable[[float], None] | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """:func:`.nearjoin.near_pairs` the plain way, kept as the reference for tests and benchmarks.

    One STRtree, bulk ``dwithin`` queries chunked for ``progress``; the query uses a hair
    more than ``distance`` and the exact GEOS distance decides. Pairs in query order.
    """
    if not np.isfinite(distance) or distance < 0:
        raise InputError(f"distance must be a finite number >= 0, not {distance!r}", field="DISTANCE")
    tick = progress or no_progress
    targets = geometries if other is None else other
    empty = (np.empty(0, np.int64), np.empty(0, np.int64), np.empty(0, np.float64))
    if len(geometries) == 0 or len(targets) == 0:
        return empty
    tree = shapely.STRtree(targets)
    slack = distance + 1e-6 + distance * 1e-9
    found_i: list[np.ndarray] = []
    found_j: list[np.ndarray] = []

    def query(part: slice) -> None:
        q, t = tree.query(geometries[part], predicate="dwithin", distance=slack)
        q = q + part.start
        if other is None:
            keep = q < t
            q, t = q[keep], t[keep]
        found_i.append(q)
        found_j.append(t)

    chunked(len(geometries), query, lambda f: tick(0.8 * f))
    i = np.concatenate(found_i).astype(np.int64)
    j = np.concatenate(found_j).astype(np.int64)
    dist = np.empty(len(i), dtype=np.float64)

    def measure(part: slice) -> None:
        dist[part] = shapely.distance(geometries[i[part]], targets[j[part]])

    chunked(len(i), measure, lambda f: tick(0.8 + 0.2 * f), first=65536)
    keep = dist <= distance
    return i[keep], j[keep], dist[keep]


def same_code_pairs(
    codes: np.ndarray, other_codes: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Pairs of positions sharing a code >= 0 (e.g. a USRN): ``i < j`` in one set, or cross pairs."""
    targets = codes if other_codes is None else other_codes
    order = np.argsort(targets, kind="stable")
    sorted_codes = targets[order]
    lo = np.searchsorted(sorted_codes, codes, side="left")
    hi = np.searchsorted(sorted_codes, codes, side="right")
    if other_codes is None:
        # position of each work inside the sorted order: pair it with the ones after it
        rank = np.empty(len(codes), dtype=np.int64)
        rank[order] = np.arange(len(codes))
        lo = rank + 1
    counts = np.where(codes >= 0, np.maximum(hi - lo, 0), 0)
    total = int(counts.sum())
    i = np.repeat(np.arange(len(codes), dtype=np.int64), counts)
    offsets = np.arange(total, dtype=np.int64) - np.repeat(np.cumsum(counts) - counts, counts)
    j = order[np.repeat(lo, counts) + offsets]
    if other_codes is None:
        i, j = np.minimum(i, j), np.maximum(i, j)
    return i, j


def with_pairs(
    i: np.ndarray, j: np.ndarray, dist: np.ndarray, more_i: np.ndarray, more_j: np.ndarray, n: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The union of the pairs ``i``-``j`` (distance ``dist``) and ``more_i``-``more_j`` (e.g.
    same-street pairs), each once, sorted by ``(i, j)``; the distance is NaN for the pairs only
    in the second list. Every ``j`` is below ``n``.

    >>> [a.tolist() for a in with_pairs(np.array([0]), np.array([2]), np.array([1.5]),
    ...                                 np.array([1, 0]), np.array([2, 2]), 3)]
    [[0, 1], [2, 2], [1.5, nan]]
    """
    keys = np.concatenate([i * n + j, more_i * n + more_j])
    dists = np.concatenate([dist, np.full(len(more_i), np.nan)])
    keys, first = np.unique(keys, return_index=True)
    return keys // n, keys % n, dists[first]


def _closest_on_segment(p: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Closest point to each ``p`` on segment ``a``-``b``, by GEOS's own rule
    (``LineSegment::closestPoint``): the projection when it falls strictly inside, else the
    nearer end (``b`` on a tie). Same operations in the same order, so the same bits."""
    d = b - a
    with np.errstate(divide="ignore", invalid="ignore"):
        r = ((p[:, 0] - a[:, 0]) * d[:, 0] + (p[:, 1] - a[:, 1]) * d[:, 1]) / (
            d[:, 0] * d[:, 0] + d[:, 1] * d[:, 1]
        )
    # GEOS first returns 0 / 1 where p is a / b: the formula gives exactly that already.
    inside = (r > 0) & (r < 1)
    projected = np.column_stack([a[:, 0] + r * d[:, 0], a[:, 1] + r * d[:, 1]])
    to_a, to_b = a - p, b - p
    nearer_a = np.sqrt(to_a[:, 0] * to_a[:, 0] + to_a[:, 1] * to_a[:, 1]) < np.sqrt(
        to_b[:, 0] * to_b[:, 0] + to_b[:, 1] * to_b[:, 1]
    )
    return np.where(inside[:, None], projected, np.where(nearer_a[:, None], a, b))


def _present(n: int, *rows: np.ndarray) -> np.ndarray:
    """The distinct values of ``rows`` (indices below ``n``), sorted: ``np.unique`` of their
    concatenation, by a mask in O(n) rather than a sort.

    >>> _present(6, np.array([4, 1]), np.array([1, 0])).tolist()
    [0, 1, 4]
    """
    mask = np.zeros(n, dtype=bool)
    for part in rows:
        mask[part] = True
    return np.flatnonzero(mask)


def _shape_codes(
    geoms: np.ndarray | CompactGeometries, i: np.ndarray, j: np.ndarray, tick: Callable
) -> np.ndarray:
    """Per geometry: 0 a point (or a line of 3+ vertices all at one place: GEOS's shortest_line
    fails on it), 1 a two-vertex line, 2 anything else (2D only); for the works in a pair. Its
    own function: the index arrays that lead to it go when it returns."""
    involved = _present(len(geoms), i, j)
    if isinstance(geoms, CompactGeometries):  # the points and two-point lines are known
        kind = geoms.kind[involved]
        simple_points, simple_segments = involved[kind == POINT], involved[kind == SEGMENT]
        involved = involved[kind == GEOS]
        sub = geoms.geos[involved]
    else:
        simple_points = simple_segments = np.empty(0, np.int64)
        sub = geoms[involved]
    tick(0.0)
    flat = ~shapely.has_z(sub)
    type_id = shapely.get_type_id(sub)
    tick(0.0)
    n_coords = shapely.get_num_coordinates(sub)
    is_segment = np.concatenate([simple_segments, involved[(type_id == 1) & flat & (n_coords == 2)]])
    tick(0.0)
    is_point = np.concatenate(
        [
            simple_points,
            involved[
                ((type_id == 0) | ((type_id == 1) & (n_coords > 2) & (shapely.length(sub) == 0))) & flat
            ],
        ]
    )
    tick(0.0)
    shape = np.full(len(geoms), 2, dtype=np.int8)
    shape[is_point], shape[is_segment] = 0, 1
    return shape


def shortest_segments(
    geoms: np.ndarray | CompactGeometries,
    i: np.ndarray,
    j: np.ndarray,
    progress: Callable[[float], None] | None = None,
    *,
    vertices: Vertices | None = None,
) -> np.ndarray:
    """The shortest line from ``geoms[i[k]]`` to ``geoms[j[k]]`` for every pair ``k``, as an
    ``(n, 2, 2)`` array: its end on the first geometry, then on the second (2D), the ends
    ``shapely.shortest_line`` gives. Pairs of points, and of a point and a two-vertex line,
    are worked out in numpy with GEOS's own formula; the rest go through GEOS in chunks
    (``progress`` as in :func:`threaded_chunks`). No shapely line is made."""
    tick = progress or no_progress
    n = len(i)
    out = np.empty((n, 2, 2), dtype=np.float64)
    if n == 0:
        tick(1.0)
        return out
    shape = _shape_codes(geoms, i, j, tick)
    if vertices is None:
        vertices = Vertices(geoms)
    # a point's or a segment's first vertex is xy[at[row]], a segment's last xy[at[row] + 1]:
    # read per pair, not copied per work (two arrays of every work: ~100 MB at 3M works)
    xy, at = vertices.xy, vertices.start
    tick(0.0)
    sa, sb = shape[i], shape[j]
    both = (sa == 0) & (sb == 0)
    out[both, 0], out[both, 1] = xy[at[i[both]]], xy[at[j[both]]]
    tick(0.0)
    pa = (sa == 0) & (sb == 1)  # point, then line
    p, on = xy[at[i[pa]]], at[j[pa]]
    out[pa, 0], out[pa, 1] = p, _closest_on_segment(p, xy[on], xy[on + 1])
    tick(0.0)
    pb = (sa == 1) & (sb == 0)  # line, then point
    p, on = xy[at[j[pb]]], at[i[pb]]
    out[pb, 0], out[pb, 1] = _closest_on_segment(p, xy[on], xy[on + 1]), p
    del p, on
    rest = np.flatnonzero(~(both | pa | pb))
    del shape, sa, sb, both, pa, pb
    tick(0.0)

    def through_geos(part: slice) -> None:
        k = rest[part]
        lines = shapely.shortest_line(take(geoms, i[k]), take(geoms, j[k]))
        out[k] = shapely.get_coordinates(lines).reshape(-1, 2, 2)

    threaded_chunks(len(rest), through_geos, tick, size=16384)
    return out


def classify_windows(
    start_a: np.ndarray, end_a: np.ndarray, start_b: np.ndarray, end_b: np.ndarray, max_gap_days: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per pair: kind (0 none, :data:`CLASH`, :data:`OPPORTUNITY`), gap_days, overlap_days.

    >>> k, g, o = classify_windows(np.array([0, 0, 0]), np.array([9, 9, 9]),
    ...                            np.array([9, 10, 200]), np.array([12, 12, 210]), 90)
    >>> k.tolist(), g.tolist(), o.tolist()
    ([1, 2, 0], [0, 1, 191], [1, 0, 0])
    """
    later_start = np.maximum(start_a, start_b)
    earlier_end = np.minimum(end_a, end_b)
    overlap = later_start <= earlier_end
    gap = np.where(overlap, 0, later_start - earlier_end)
    overlap_days = np.where(overlap, earlier_end - later_start + 1, 0)
    kind = np.where(overlap, CLASH, np.where(gap <= max_gap_days, OPPORTUNITY, 0)).astype(np.int8)
    return kind, gap.astype(np.int64, copy=False), overlap_days.astype(np.int64, copy=False)

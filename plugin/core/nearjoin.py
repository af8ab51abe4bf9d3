"""Exact near-pair join: every pair of geometries within a distance, and that distance.

:func:`near_pairs` returns the same pairs and the same ``shapely.distance`` values, to the last
bit, as an STRtree ``dwithin`` query followed by ``shapely.distance`` (kept as
:func:`dig_once.plugin.core.overlaps.near_pairs_reference`), several times faster on street
works (mostly points and short two-point lines).

How
---
1. **Describe** (GEOS, threads): envelopes (``shapely.bounds``), kinds, and the two vertices
   of every two-point line.
2. **Grid** (numpy). Envelopes are widened by half the distance plus a hair (``_slack``), so
   two geometries can be near only when their widened boxes meet. The cell size minimises a
   cost model on a sample (cell entries + candidate pairs, the clustering of the sample
   included). A "small" geometry is entered in every cell its widened box covers (1 to 16);
   a pair is considered only in its *reference cell*, the cell holding the lower-left corner
   of the two boxes' intersection, where one of the two is in its first column and one in its
   first row. Entries are sorted by (cell, set, column/row flags) so that every entry's valid
   partners are one contiguous run: each pair is generated exactly once, nothing is
   de-duplicated. With two sets, entries in cells that the other set does not reach are
   dropped first.
3. **Tiles.** The grid is cut into rectangles of whole cells (quantiles of the geometries'
   first columns and rows), one task each: entries, sort, pairs and the exact decision.
4. **Large geometries** (a widened box over more than ``_LARGE_CELLS`` cells in x or y) look
   up, in every tile they meet, the small ones' entries in their cells (same reference-cell
   rule), and meet each other through an STRtree ``dwithin`` query.
5. **Exact decision.** Candidate pairs are screened by their boxes; pairs of points and
   two-point lines again by a numpy distance whose error is far below the slack, polygons
   against large geometries by a prepared ``dwithin``, so nothing near is lost. What is left
   is decided by GEOS: ``shapely.distance(a, b) <= distance``, the reported distance being
   that GEOS value. Point-point pairs are the one exception: GEOS computes their distance as
   ``sqrt(dx*dx + dy*dy)`` in IEEE double, which numpy reproduces bit for bit; that is checked
   against GEOS once per process (:func:`point_distance_matches_geos`), and GEOS is used for
   them too if the check ever fails. Pairs of a point and a two-point line, or of two
   two-point lines, are the other: GEOS measures them with ``Distance::pointToSegment`` and
   ``Distance::segmentToSegment``, plain IEEE arithmetic that numpy repeats operation for
   operation (:func:`.geos_exact.point_segment`, :func:`.geos_exact.segment_segment`), checked the same way
   (:func:`segment_distances_match_geos`). On a year of England (3M works) they are 2.5M of the
   4.4M pairs GEOS measured before.

Threads: shapely 2 releases the GIL in its vectorised functions and numpy in its loops, so
the work runs as tasks of well under a second on ``os.cpu_count()`` worker threads (the one
task runner, :class:`.parallel.Runner`) while the calling thread calls ``progress`` at least
every 100 ms (it may raise to cancel: tasks not started are dropped). Memory stays near the
size of the input arrays: candidate pairs exist one chunk (``_PAIRS_PER_TASK``) at a time.

No QGIS here.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import shapely

from .compact import GEOS, POINT, CompactGeometries, bounds, concatenate, subset, take
from .errors import InputError
from .geos_exact import point_distance, point_segment, segment_segment
from .memory import TRIM_MIN_ITEMS, release_free_memory
from .parallel import Runner, Tick, threaded_chunks
from .parallel import spans as _spans
from .ranges import ranges

#: a geometry whose widened box covers more cells than this in x or in y takes the "large" path
_LARGE_CELLS = 4
#: candidate pairs per grid task (~50 ms of numpy on one core)
_PAIRS_PER_TASK = 400_000
#: small geometries per tile (a tile is one task: entries, sort, pairs, exact decision)
_GEOMS_PER_TILE = 60_000
#: geometries per task when describing them
_GEOMS_PER_TASK = 100_000
#: GEOS distances per task
_GEOS_PER_TASK = 100_000

_EMPTY = -2  # no coordinates: never near anything (an STRtree leaves empties out too)
_OTHER = -1  # anything GEOS has to measure: polygons, multi-part, lines of 3+ vertices
_POINT = 0
_SEGMENT = 1  # a LineString of exactly two vertices

# Order of the column/row flags inside a cell (bit 0: the cell is the geometry's first column,
# bit 1: its first row). A pair belongs to a cell when the two flags OR to 3; in the order
# 0, 2, 3, 1 every entry's valid partners form one run (see _partner_runs).
_FLAG_RANK = np.array([0, 3, 1, 2], dtype=np.int64)

_pp_exact: bool | None = None  # result of point_distance_matches_geos(), computed once
_seg_exact: bool | None = None  # result of segment_distances_match_geos(), computed once


def point_distance_matches_geos(n: int = 4_096, seed: int = 1) -> bool:
    """True when ``np.sqrt(dx*dx + dy*dy)`` equals GEOS's point-point distance bit for bit.

    Checked on random pairs at British National Grid magnitudes, on tiny and exactly-integer
    offsets and on pairs exactly 25 m apart along an axis; computed once per process.
    """
    rng = np.random.default_rng(seed)
    x0 = rng.uniform(-1e6, 1e6, n)
    y0 = rng.uniform(-1e6, 1e6, n)
    scale = 10.0 ** rng.integers(-9, 4, n)
    x1 = x0 + rng.normal(0, 1, n) * scale
    y1 = y0 + rng.normal(0, 1, n) * scale
    x1[: n // 8] = np.round(x0[: n // 8]) + 25.0
    x0[: n // 8] = np.round(x0[: n // 8])
    y1[: n // 8] = y0[: n // 8]
    ours = point_distance(x0, y0, x1, y1)
    theirs = shapely.distance(shapely.points(x0, y0), shapely.points(x1, y1))
    return bool(np.array_equal(ours.view(np.int64), theirs.view(np.int64)))


def _points_exact() -> bool:
    global _pp_exact
    if _pp_exact is None:
        _pp_exact = point_distance_matches_geos()
    return _pp_exact


def segment_distances_match_geos(n: int = 4_096, seed: int = 2) -> bool:
    """True when :func:`.geos_exact.point_segment` and :func:`.geos_exact.segment_segment` equal GEOS's
    distances bit for bit, in both operand orders: random segments at British National Grid
    magnitudes (short and long, some of one point, some crossing, parallel or sharing an
    end) and points before, beside and beyond them; computed once per process."""
    rng = np.random.default_rng(seed)
    ax, ay = rng.uniform(-1e6, 1e6, n), rng.uniform(-1e6, 1e6, n)
    scale = 10.0 ** rng.integers(-3, 3, n)
    bx, by = ax + rng.normal(0, 1, n) * scale, ay + rng.normal(0, 1, n) * scale
    bx[: n // 16], by[: n // 16] = ax[: n // 16], ay[: n // 16]  # one-point segments
    t = rng.uniform(-1.5, 2.5, n)
    off = rng.normal(0, 1, n) * scale
    px, py = ax + t * (bx - ax) - off * (by - ay), ay + t * (by - ay) + off * (bx - ax)
    qx, qy = px + rng.normal(0, 1, n) * scale, py + rng.normal(0, 1, n) * scale
    third = n // 3
    qx[:third], qy[:third] = 2 * ax[:third] - px[:third], 2 * ay[:third] - py[:third]  # crossing AB
    qx[third : 2 * third] = px[third : 2 * third] + (bx - ax)[third : 2 * third]  # parallel
    qy[third : 2 * third] = py[third : 2 * third] + (by - ay)[third : 2 * third]
    px[-n // 16 :], py[-n // 16 :] = bx[-n // 16 :], by[-n // 16 :]  # sharing an end
    points = shapely.points(px, py)
    ab = shapely.linestrings(np.stack([np.column_stack([ax, ay]), np.column_stack([bx, by])], axis=1))
    pq = shapely.linestrings(np.stack([np.column_stack([px, py]), np.column_stack([qx, qy])], axis=1))
    pairs = (
        (point_segment(px, py, ax, ay, bx, by), shapely.distance(points, ab)),
        (point_segment(px, py, ax, ay, bx, by), shapely.distance(ab, points)),
        (segment_segment(ax, ay, bx, by, px, py, qx, qy), shapely.distance(ab, pq)),
        (segment_segment(px, py, qx, qy, ax, ay, bx, by), shapely.distance(pq, ab)),
    )
    return all(np.array_equal(ours.view(np.int64), theirs.view(np.int64)) for ours, theirs in pairs)


def _segments_exact() -> bool:
    global _seg_exact
    if _seg_exact is None:
        _seg_exact = _points_exact() and segment_distances_match_geos()
    return _seg_exact


def _slack(distance: float, magnitude: float) -> float:
    """A hair added to the distance for every conservative screen (boxes, numpy distances,
    ``dwithin``): far more than floating-point error at these magnitudes, far less than any
    real gap. The exact decision is always made afterwards."""
    return 1e-6 + 1e-9 * distance + 1e-12 * magnitude


# ----------------------------------------------------------------------------- describing


@dataclass
class _Shapes:
    """Per geometry (combined index: first set, then other): a point's coordinates twice, a
    two-point line's two vertices, anything else's envelope ``(xmin, ymin, xmax, ymax)``; so
    the envelope is always ``min(ax, bx), min(ay, by), max(ax, bx), max(ay, by)``."""

    ax: np.ndarray
    ay: np.ndarray
    bx: np.ndarray
    by: np.ndarray
    kind: np.ndarray  # int8: _POINT, _SEGMENT, _OTHER, _EMPTY

    def take(self, index: np.ndarray) -> _Shapes:
        return _Shapes(*(np.take(v, index) for v in (self.ax, self.ay, self.bx, self.by, self.kind)))

    def part(self, s: int, e: int | None) -> _Shapes:
        return _Shapes(self.ax[s:e], self.ay[s:e], self.bx[s:e], self.by[s:e], self.kind[s:e])

    def box(self, half: float) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Envelopes widened by ``half``: xl, yl, xh, yh."""
        xl = np.minimum(self.ax, self.bx)
        xl -= half
        yl = np.minimum(self.ay, self.by)
        yl -= half
        xh = np.maximum(self.ax, self.bx)
        xh += half
        yh = np.maximum(self.ay, self.by)
        yh += half
        return xl, yl, xh, yh


def _describe(
    geoms: np.ndarray | CompactGeometries,
    runner: Runner,
    lo: float,
    hi: float,
    skip: np.ndarray | None = None,
) -> tuple[_Shapes, dict]:
    """Kinds, end points or envelopes (threads), and for the plan: the overall extent, the
    largest coordinate magnitude and a sample of envelopes. Compact geometries already hold
    what is described (their points' and two-point lines' coordinates, the others' envelopes):
    their arrays are taken as they are, not copied (~100 MB at 3M works); only the kinds are
    made, their shapely objects' by GEOS (any of them, two-point lines too, is measured by GEOS
    then: the same distances, see the module). ``skip``: rows described as empty."""
    n = len(geoms)
    compact = isinstance(geoms, CompactGeometries)
    if compact:
        out = _Shapes(geoms.ax, geoms.ay, geoms.bx, geoms.by, np.empty(n, np.int8))
    else:
        out = _Shapes(*(np.zeros(n, np.float64) for _ in range(4)), np.empty(n, np.int8))
    every = max(1, n // 20_000)

    def part(s: int, e: int) -> dict:
        chunk = geoms.geos[s:e] if compact else geoms[s:e]
        count = shapely.get_num_coordinates(chunk)
        type_id = shapely.get_type_id(chunk)
        has = count > 0
        kind = np.full(e - s, _OTHER, np.int8)
        kind[(type_id == 0) & (count == 1)] = _POINT
        piece = out.part(s, e)
        if compact:
            simple = geoms.kind[s:e] != GEOS
            has |= simple
            kind[simple] = np.where(geoms.kind[s:e][simple] == POINT, _POINT, _SEGMENT)
        else:
            kind[(type_id == 1) & (count == 2)] = _SEGMENT
        if skip is not None:
            has &= ~skip[s:e]
        kind[~has] = _EMPTY
        out.kind[s:e] = kind
        if not has.any():
            return {}
        if not compact:  # the envelopes and the two-point lines' ends, from GEOS
            bounds = shapely.bounds(chunk)  # a point's are its coordinates
            bounds[~has] = 0.0
            piece.ax[:], piece.ay[:], piece.bx[:], piece.by[:] = bounds.T
            segments = np.flatnonzero(kind == _SEGMENT)
            if len(segments):  # the GIL is held here: only for the two-point lines
                ends = shapely.get_coordinates(chunk[segments])
                piece.ax[segments], piece.ay[segments] = ends[0::2, 0], ends[0::2, 1]
                piece.bx[segments], piece.by[segments] = ends[1::2, 0], ends[1::2, 1]
        pick = np.flatnonzero(has[(-s) % every :: every]) * every + (-s) % every
        b = [v[has] for v in piece.box(0.0)]
        return {
            "present": int(has.sum()),
            "lo": (float(b[0].min()), float(b[1].min())),
            "hi": (float(b[2].max()), float(b[3].max())),
            "magnitude": float(max(np.abs(v).max() for v in b)),
            "sample": np.stack([v[pick] for v in piece.box(0.0)]),
        }

    tasks = [lambda s=s, e=e: part(s, e) for s, e in _spans(n, _GEOMS_PER_TASK)]
    stats = [r for r in runner.run(tasks, lo, hi) if r]
    if not stats:
        return out, {}
    return out, {
        "present": sum(r["present"] for r in stats),
        "lo": tuple(min(r["lo"][k] for r in stats) for k in (0, 1)),
        "hi": tuple(max(r["hi"][k] for r in stats) for k in (0, 1)),
        "magnitude": max(r["magnitude"] for r in stats),
        "sample": np.concatenate([r["sample"] for r in stats], axis=1),
    }


# ----------------------------------------------------------------------------- the grid


def _cell_size(sample: np.ndarray, half: float, n: int, extent: float) -> float:
    """Grid cell size minimising a cost model on a sample of envelopes standing for ``n``
    geometries: cell entries, plus candidate pairs (estimated from the pairs of the sample
    sharing a first cell, so clustering counts), plus large geometries. Never below
    ``extent / 2**21`` (the grid stays within 2**21 columns and rows)."""
    xmin, ymin, xmax, ymax = sample
    share = len(xmin) / n
    width, height = xmax - xmin + 2 * half, ymax - ymin + 2 * half
    floor = extent / (1 << 21)
    base = max(float(np.median(np.maximum(width, height))), floor)
    best, best_cost = base, np.inf
    for c in base * 2.0 ** (np.arange(-2, 9) / 2):
        if c < floor:
            continue
        wc, hc = width / c, height / c
        small = (wc < _LARGE_CELLS - 1) & (hc < _LARGE_CELLS - 1)
        spread = ((1 + wc) * (1 + hc))[small]
        key = np.floor((xmin[small] - xmin.min()) / c) * float(1 << 22) + np.floor(
            (ymin[small] - ymin.min()) / c
        )
        _, count = np.unique(key, return_counts=True)
        together = float((count * (count - 1)).sum()) / 2 / (share * share)
        pairs = together * (float(spread.mean()) if len(spread) else 0.0)
        cost = float(spread.sum()) / share + 0.5 * pairs + 200.0 * float((~small).sum()) / share
        if cost < best_cost:
            best, best_cost = float(c), cost
    return best


def _cells(v: np.ndarray, origin: float, size: float) -> np.ndarray:
    """Grid column (or row) of each coordinate: monotone, so cell ranges are consistent."""
    return np.floor((v - origin) / size).astype(np.int64)


def _edges(values: np.ndarray, parts: int) -> np.ndarray:
    """Inner tile edges (columns or rows) at quantiles of ``values``."""
    if parts <= 1 or not len(values):
        return np.empty(0, np.int64)
    q = np.quantile(values, np.arange(1, parts) / parts, method="lower")
    return np.unique(q.astype(np.int64) + 1)


@dataclass
class _Plan:
    """The grid and its tiles; a tile is a rectangle of whole cells and one task."""

    distance: float
    slack: float
    half: float  # boxes are widened by this on every side
    size: float  # cell size
    x0: float  # grid origin
    y0: float
    col_edges: np.ndarray  # inner tile edges: tile column k holds columns [e[k-1], e[k])
    row_edges: np.ndarray
    n_first: int | None

    @property
    def n_rows(self) -> int:
        return len(self.row_edges) + 1

    @property
    def n_tiles(self) -> int:
        return (len(self.col_edges) + 1) * self.n_rows

    def cells(self, s: _Shapes) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """First column, last column, first row, last row of each widened box."""
        xl, yl, xh, yh = s.box(self.half)
        return (
            _cells(xl, self.x0, self.size),
            _cells(xh, self.x0, self.size),
            _cells(yl, self.y0, self.size),
            _cells(yh, self.y0, self.size),
        )

    def tile_window(self, t: int) -> tuple[int, int, int, int]:
        """Tile ``t``'s first and last column, first and last row (unbounded at the rims)."""
        c, r = divmod(t, self.n_rows)
        far = 1 << 62
        return (
            int(self.col_edges[c - 1]) if c > 0 else -far,
            int(self.col_edges[c]) - 1 if c < len(self.col_edges) else far,
            int(self.row_edges[r - 1]) if r > 0 else -far,
            int(self.row_edges[r]) - 1 if r < len(self.row_edges) else far,
        )


def _make_plan(stats: dict, distance: float, n_present: int, n_first: int | None) -> _Plan:
    slack = _slack(distance, stats["magnitude"])
    half = distance / 2 + slack
    (lo_x, lo_y), (hi_x, hi_y) = stats["lo"], stats["hi"]
    x0, y0 = lo_x - half, lo_y - half
    xmin, ymin, xmax, ymax = stats["sample"]
    size = _cell_size(stats["sample"], half, n_present, max(hi_x - lo_x, hi_y - lo_y) + 2 * half)
    cx0, cx1 = _cells(xmin - half, x0, size), _cells(xmax + half, x0, size)
    cy0, cy1 = _cells(ymin - half, y0, size), _cells(ymax + half, y0, size)
    small = (cx1 - cx0 < _LARGE_CELLS) & (cy1 - cy0 < _LARGE_CELLS)
    parts = max(1, round(np.sqrt(n_present * small.mean() / _GEOMS_PER_TILE))) if small.any() else 1
    return _Plan(
        distance, slack, half, size, x0, y0, _edges(cx0[small], parts), _edges(cy0[small], parts), n_first
    )


@dataclass
class _Placed:
    """Geometries grouped by the tiles whose cells they meet."""

    members: np.ndarray  # small geometries meeting one tile only, grouped by tile
    starts: np.ndarray  # tile t: members[starts[t]:starts[t + 1]]
    extra: np.ndarray  # small geometries meeting several tiles, grouped by tile
    extra_starts: np.ndarray
    large: np.ndarray  # large geometries, grouped by tile
    large_starts: np.ndarray
    large_all: np.ndarray  # every large geometry once


def _place(shapes: _Shapes, plan: _Plan, runner: Runner, lo: float, hi: float) -> _Placed:
    """Sort geometries into small and large, and into tiles."""
    n = len(shapes.kind)
    n_tiles = plan.n_tiles
    tile = np.empty(n, np.int64)

    def part(s: int, e: int) -> tuple[np.ndarray, ...]:
        piece = shapes.part(s, e)
        c0, c1, r0, r1 = plan.cells(piece)
        present = piece.kind != _EMPTY
        large = present & ((c1 - c0 >= _LARGE_CELLS) | (r1 - r0 >= _LARGE_CELLS))
        tx0, tx1 = np.searchsorted(plan.col_edges, c0, "right"), np.searchsorted(plan.col_edges, c1, "right")
        ty0, ty1 = np.searchsorted(plan.row_edges, r0, "right"), np.searchsorted(plan.row_edges, r1, "right")
        single = present & ~large & (tx0 == tx1) & (ty0 == ty1)
        tile[s:e] = np.where(single, tx0 * plan.n_rows + ty0, n_tiles)
        several = np.flatnonzero(present & ~large & ~single)
        big = np.flatnonzero(large)
        return (
            several + s,
            *(v[several] for v in (tx0, tx1, ty0, ty1)),
            big + s,
            *(v[big] for v in (tx0, tx1, ty0, ty1)),
        )

    parts = runner.run([lambda s=s, e=e: part(s, e) for s, e in _spans(n, _GEOMS_PER_TASK)], lo, hi)
    joined = [np.concatenate([p[k] for p in parts]) for k in range(10)]
    order = np.argsort(tile.astype(np.uint16) if n_tiles < 1 << 16 else tile, kind="stable")
    starts = np.searchsorted(np.take(tile, order), np.arange(n_tiles + 1), "left")
    extra, extra_starts = _group(*joined[:5], plan)
    large, large_starts = _group(*joined[5:], plan)
    return _Placed(order[: starts[-1]], starts, extra, extra_starts, large, large_starts, joined[5])


def _group(index, tx0, tx1, ty0, ty1, plan: _Plan) -> tuple[np.ndarray, np.ndarray]:
    """``index`` repeated for every tile of its tile range, grouped by tile: (members, starts)."""
    wide = tx1 - tx0 + 1
    owner, offset = _repeat_ranges(np.zeros(len(index), np.int64), wide * (ty1 - ty0 + 1))
    w = wide[owner]
    tile = (tx0[owner] + offset % w) * plan.n_rows + ty0[owner] + offset // w
    order = np.argsort(tile, kind="stable")
    return index[owner[order]], np.searchsorted(tile[order], np.arange(plan.n_tiles + 1), "left")


def _packed_sort(keys: np.ndarray, payload: np.ndarray, payload_bits: int) -> tuple[np.ndarray, np.ndarray]:
    """Sort by ``keys`` (non-negative int64): (sorted keys, ``payload`` in that order)."""
    top = int(keys.max()) if len(keys) else 0
    if top < 1 << 32:  # numpy's stable sort of 16-bit integers is a radix sort: one or two passes
        order = np.argsort(keys.astype(np.uint16), kind="stable")
        if top >= 1 << 16:
            order = np.take(order, np.argsort(np.take(keys >> 16, order).astype(np.uint16), kind="stable"))
        return np.take(keys, order), np.take(payload, order)
    if top < (1 << (62 - payload_bits)):
        packed = (keys << payload_bits) | payload
        packed.sort()  # (key, payload) pairs are distinct: any sort gives the same order
        return packed >> payload_bits, packed & ((1 << payload_bits) - 1)
    order = np.lexsort((payload, keys))
    return keys[order], payload[order]


def _run_bounds(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For sorted ``keys``: run id of each position, and the start of every run plus the end."""
    new = np.empty(len(keys), dtype=bool)
    new[:1] = True
    np.not_equal(keys[1:], keys[:-1], out=new[1:])
    starts = np.flatnonzero(new)
    return np.cumsum(new) - 1, np.append(starts, len(keys))


def _first_at_least(
    cell: np.ndarray, cell_starts: np.ndarray, within: np.ndarray, threshold: int
) -> np.ndarray:
    """Per cell: the first position whose ``within`` (ascending inside a cell) is at least
    ``threshold``, or the cell's end."""
    out = cell_starts[1:].copy()
    hit = within >= threshold
    first = hit.copy()
    first[1:] &= ~(hit[:-1] & (cell[1:] == cell[:-1]))
    pos = np.flatnonzero(first)
    out[cell[pos]] = pos
    return out


def _partner_runs(key: np.ndarray, sets: int) -> tuple[np.ndarray, np.ndarray]:
    """Each entry's partners ``[lo, hi)`` among the sorted entries.

    Inside a cell entries come by set, then by flag rank: flags 0, 2, 3, 1 (bit 0: the cell
    is the geometry's first column, bit 1: its first row); a pair belongs to a cell when the
    two flags OR to 3 (the cell is its reference cell). One set: 0 -> the 3s; 2 -> the 3s and
    the 1s; 3 -> every later entry; 1 -> none. Two sets: a first-set entry pairs with
    second-set entries only: 3 -> all; 1 -> the 2s and 3s; 2 -> the 3s and 1s; 0 -> the 3s;
    second-set entries start no pairs. Each pair is thus generated once.
    """
    rank = key & 3
    cell_id, cell_starts = _run_bounds(key >> (2 if sets == 1 else 3))
    end = np.take(cell_starts[1:], cell_id)
    if sets == 1:
        start3 = np.take(_first_at_least(cell_id, cell_starts, rank, 2), cell_id)
        start1 = np.take(_first_at_least(cell_id, cell_starts, rank, 3), cell_id)
        lo = np.where(rank == 2, np.arange(1, len(key) + 1), start3)
        hi = np.where(rank == 0, start1, np.where(rank == 3, lo, end))
        return lo, hi
    within = key & 7  # set * 4 + rank
    b0, b2, b3, b1 = (
        np.take(_first_at_least(cell_id, cell_starts, within, t), cell_id) for t in (4, 5, 6, 7)
    )
    lo = np.select([rank == 2, rank == 3, rank == 1], [b0, b2, b3], b3)
    hi = np.select([rank == 2, rank == 3, rank == 1], [end, b1, end], b1)
    return lo, np.where(within >= 4, lo, hi)


def _repeat_ranges(start: np.ndarray, count: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(owner, value): for every k, ``count[k]`` rows ``(k, start[k] + 0..count[k]-1)``."""
    return np.repeat(np.arange(len(count)), count), ranges(start, count)


def _chunks_by(count: np.ndarray, per_chunk: int) -> list[tuple[int, int]]:
    """Split ``range(len(count))`` so that each part's ``count`` sums to about ``per_chunk``."""
    total = np.cumsum(count)
    n = int(total[-1]) if len(total) else 0
    cuts = np.searchsorted(total, np.arange(per_chunk, n, per_chunk), side="right")
    bounds = np.unique(np.concatenate([[0], cuts, [len(count)]])).tolist()
    return list(itertools.pairwise(bounds))


# ----------------------------------------------------------------------------- exact decision


@dataclass
class _Context:
    geoms: np.ndarray | CompactGeometries  # combined geometries (first set, then other)
    distance: float
    limit: float  # distance + slack: every screen keeps what is within this
    n_first: int | None  # two sets: combined index of the first geometry of ``other``
    points_exact: bool
    segments_exact: bool = False  # point-segment and segment-segment distances in numpy


class _Local:
    """Per-geometry arrays of one tile ("local" indices) and the exact decision on them."""

    def __init__(self, ctx: _Context, ids: np.ndarray, shapes: _Shapes, half: float):
        self.ctx = ctx
        self.ids = ids  # local -> combined index
        self.xl, self.yl, self.xh, self.yh = shapes.box(half)
        self.kind, self.ax, self.ay, self.bx, self.by = (
            shapes.kind,
            shapes.ax,
            shapes.ay,
            shapes.bx,
            shapes.by,
        )

    def boxes_meet(self, u: np.ndarray, v: np.ndarray) -> np.ndarray:
        ok = np.take(self.xl, u) <= np.take(self.xh, v)
        ok &= np.take(self.xl, v) <= np.take(self.xh, u)
        ok &= np.take(self.yl, u) <= np.take(self.yh, v)
        ok &= np.take(self.yl, v) <= np.take(self.yh, u)
        return ok

    def orient(self, u: np.ndarray, v: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Local pair -> combined (i, j): one set i < j; two sets the first set's first."""
        return _orient(np.take(self.ids, u), np.take(self.ids, v), self.ctx.n_first)

    def decide(self, u: np.ndarray, v: np.ndarray, found: list, screen: bool = True) -> None:
        """Append (i, j, distance) of the pairs with GEOS distance <= distance to ``found``."""
        ctx = self.ctx
        geos = np.ones(len(u), dtype=bool)
        if screen and len(u):
            ku, kv = np.take(self.kind, u), np.take(self.kind, v)
            if ctx.points_exact:
                pp = np.flatnonzero((ku == _POINT) & (kv == _POINT))
                if len(pp):
                    pu, pv = u[pp], v[pp]
                    d = point_distance(
                        np.take(self.ax, pu), np.take(self.ay, pu), np.take(self.ax, pv), np.take(self.ay, pv)
                    )
                    keep = np.flatnonzero(d <= ctx.distance)
                    i, j = self.orient(pu[keep], pv[keep])
                    order = np.argsort(i * len(ctx.geoms) + j)
                    found.append((np.take(i, order), np.take(j, order), np.take(d[keep], order)))
                    geos[pp] = False
            if ctx.segments_exact:
                mixed = np.flatnonzero(geos & (ku >= 0) & (kv >= 0) & ((ku == _SEGMENT) | (kv == _SEGMENT)))
                if len(mixed):
                    self.decide_segments(u[mixed], v[mixed], found)
                    geos[mixed] = False
            simple = np.flatnonzero(geos & (ku >= 0) & (kv >= 0))
            if len(simple):
                geos[simple] = self.maybe_near(u[simple], v[simple], ku[simple], kv[simple])
        if geos.any():
            _decide_geos(ctx, *self.orient(u[geos], v[geos]), found)

    def decide_segments(self, u: np.ndarray, v: np.ndarray, found: list) -> None:
        """Pairs of a point and a two-point line, or of two two-point lines: GEOS's distance
        computed in numpy (the first operand is the pair's first work, as GEOS is called);
        the near ones are appended to ``found`` in (i, j) order."""
        i, j = self.orient(u, v)
        first_u = np.take(self.ids, u) == i
        p, q = np.where(first_u, u, v), np.where(first_u, v, u)
        kp, kq = np.take(self.kind, p), np.take(self.kind, q)
        pa = [np.take(c, p) for c in (self.ax, self.ay, self.bx, self.by)]
        qa = [np.take(c, q) for c in (self.ax, self.ay, self.bx, self.by)]
        d = np.empty(len(u))
        for where, distance in (
            (kp == _POINT, lambda k: point_segment(pa[0][k], pa[1][k], *(c[k] for c in qa))),
            (kq == _POINT, lambda k: point_segment(qa[0][k], qa[1][k], *(c[k] for c in pa))),
            ((kp == _SEGMENT) & (kq == _SEGMENT), lambda k: segment_segment(*(c[k] for c in pa + qa))),
        ):
            if where.any():
                d[where] = distance(where)
        keep = np.flatnonzero(d <= self.ctx.distance)
        i, j, d = i[keep], j[keep], d[keep]
        order = np.argsort(i * len(self.ctx.geoms) + j)
        found.append((np.take(i, order), np.take(j, order), np.take(d, order)))

    def maybe_near(self, u: np.ndarray, v: np.ndarray, ku: np.ndarray, kv: np.ndarray) -> np.ndarray:
        """False only for pairs of points / two-point lines surely farther apart than the
        limit: numpy distances whose error is far below the slack."""
        limit2 = self.ctx.limit * self.ctx.limit
        out = np.empty(len(u), dtype=bool)
        segs = (ku == _SEGMENT) & (kv == _SEGMENT)
        one = np.flatnonzero(~segs)
        if len(one):  # a point and a segment (or two points): point to segment
            point_first = ku[one] == _POINT
            p = np.where(point_first, u[one], v[one])
            s = np.where(point_first, v[one], u[one])
            sx, sy = np.take(self.ax, s), np.take(self.ay, s)
            rx, ry = np.take(self.ax, p) - sx, np.take(self.ay, p) - sy
            out[one] = _to_segment2(rx, ry, np.take(self.bx, s) - sx, np.take(self.by, s) - sy) <= limit2
        two = np.flatnonzero(segs)
        if len(two):
            ends = (self.ax, self.ay, self.bx, self.by)
            out[two] = _segments_maybe_within(
                *(np.take(c, u[two]) for c in ends), *(np.take(c, v[two]) for c in ends), limit2
            )
        return out


def _in_order(i: np.ndarray, j: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    order = np.argsort(i * n + j)
    return np.take(i, order), np.take(j, order)


def _orient(i: np.ndarray, j: np.ndarray, n_first: int | None) -> tuple[np.ndarray, np.ndarray]:
    if n_first is None:
        return np.minimum(i, j), np.maximum(i, j)
    swap = i >= n_first
    return np.where(swap, j, i), np.where(swap, i, j)


def _decide_geos(ctx: _Context, i: np.ndarray, j: np.ndarray, found: list) -> None:
    """GEOS decides oriented combined pairs; appends the near ones with their distance, in
    (i, j) order (which also makes fetching the geometry objects cheaper)."""
    i, j = _in_order(i, j, len(ctx.geoms))
    for s, e in _spans(len(i), _GEOS_PER_TASK):
        d = shapely.distance(take(ctx.geoms, i[s:e]), take(ctx.geoms, j[s:e]))
        keep = d <= ctx.distance
        found.append((i[s:e][keep], j[s:e][keep], d[keep]))


def _to_segment2(rx: np.ndarray, ry: np.ndarray, wx: np.ndarray, wy: np.ndarray) -> np.ndarray:
    """Squared distance from the point r to the segment 0-w (a point when w is 0)."""
    ww = wx * wx + wy * wy
    with np.errstate(invalid="ignore", divide="ignore"):
        t = (rx * wx + ry * wy) / ww
    np.clip(t, 0.0, 1.0, out=t)
    t[~(ww > 0)] = 0.0
    ex = rx - t * wx
    ey = ry - t * wy
    ex *= ex
    ey *= ey
    ex += ey
    return ex


def _segments_maybe_within(ax, ay, bx, by, cx, cy, dx, dy, limit2: float) -> np.ndarray:
    """False only where the segments a-b and c-d are surely more than ``sqrt(limit2)`` apart:
    disjoint segments are as far apart as the least of the four end-point-to-segment
    distances; crossing (or nearly collinear) segments are kept."""
    # relative to a: magnitudes are the segments' sizes, not the coordinates'
    ux, uy = bx - ax, by - ay
    px, py = cx - ax, cy - ay
    qx, qy = dx - ax, dy - ay
    wx, wy = qx - px, qy - py
    d2 = _to_segment2(px, py, ux, uy)
    np.minimum(d2, _to_segment2(qx, qy, ux, uy), out=d2)
    np.minimum(d2, _to_segment2(-px, -py, wx, wy), out=d2)
    np.minimum(d2, _to_segment2(ux - px, uy - py, wx, wy), out=d2)
    near = d2 <= limit2
    far = np.flatnonzero(~near)
    if len(far):  # could they cross? orientation tests with a tolerance: when in doubt, keep
        ux, uy, px, py, qx, qy, wx, wy = (c[far] for c in (ux, uy, px, py, qx, qy, wx, wy))
        size = np.abs(ux) + np.abs(uy) + np.abs(wx) + np.abs(wy) + np.abs(px) + np.abs(py)
        tol = 1e-9 * size * size
        o1 = ux * py - uy * px
        o2 = ux * qy - uy * qx
        o3 = wy * px - wx * py
        o4 = wx * (uy - py) - wy * (ux - px)
        cross = (np.minimum(o1, o2) <= tol) & (np.maximum(o1, o2) >= -tol)
        cross &= (np.minimum(o3, o4) <= tol) & (np.maximum(o3, o4) >= -tol)
        near[far] = cross
    return near


# ----------------------------------------------------------------------------- the join


def near_pairs(
    geometries: np.ndarray | CompactGeometries,
    distance: float,
    other: np.ndarray | CompactGeometries | None = None,
    progress: Tick | None = None,
    *,
    workers: int | None = None,
    skip: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every pair of geometries with ``shapely.distance(a, b) <= distance``, and that distance.

    One set: index pairs ``i < j`` into ``geometries``, each pair once. Two sets: ``i`` into
    ``geometries``, ``j`` into ``other``. The distance is ``shapely.distance(geometries[i],
    second[j])`` (``second`` = ``other`` or ``geometries``), bit for bit. Pairs are sorted
    by ``(i, j)``. Geometries must be valid for GEOS (no None, no NaN); empty ones are never
    near anything. ``progress(fraction)`` is called from this thread at least every ~100 ms
    and may raise (e.g. ``Cancelled``) to stop.
    ``workers``: threads (default ``os.cpu_count()``).
    ``skip`` (one set only): a mask of geometries left out, as if empty; the pairs still index
    ``geometries`` (taking the others as a subset would copy them: ~140 MB at 3M works).
    """
    if not np.isfinite(distance) or distance < 0:
        raise InputError(f"distance must be a finite number >= 0, not {distance!r}", field="DISTANCE")
    if skip is not None and (other is not None or len(skip) != len(geometries)):
        raise ValueError("skip: a mask over the geometries of one set")
    tick = progress or (lambda _f: None)
    first = _as_column(geometries)
    second = first if other is None else _as_column(other)
    if len(first) == 0 or len(second) == 0:
        tick(1.0)
        return _no_pairs()
    n_first = None if other is None else len(first)
    keep_first = keep_second = None
    if other is not None and min(len(first), len(second)) * _FEW_RATIO < max(len(first), len(second)):
        keep_first, keep_second = _near_the_few(first, second, float(distance), lambda f: tick(0.1 * f))
        first, second = subset(first, keep_first), subset(second, keep_second)
        n_first = len(first)
        if n_first == 0 or len(second) == 0:
            tick(1.0)
            return _no_pairs()
        outer = tick
        tick = lambda f: outer(0.1 + 0.9 * f)  # noqa: E731 - the join's share of the progress
    geoms = first if other is None else concatenate([first, second])
    with Runner(tick, workers, name="nearjoin") as runner:
        i, j, dist = _join(geoms, float(distance), n_first, runner, skip)
    if n_first is not None:
        j -= n_first
    if keep_first is not None:  # back to the caller's indices (increasing: the order stays)
        i, j = np.flatnonzero(keep_first)[i], np.flatnonzero(keep_second)[j]
    return i, j, dist


def _as_column(geometries: Any) -> np.ndarray | CompactGeometries:
    return geometries if isinstance(geometries, CompactGeometries) else np.asarray(geometries, dtype=object)


#: two sets: when one has this many times fewer geometries, the other is first cut down to those
#: whose box meets a widened box of the few (a year of England's works against its Section 58s)
_FEW_RATIO = 20
#: geometries a piece when the many's boxes are taken on every core
_BOUNDS_CHUNK = 200_000
#: cells of the coverage grid of the few sets' widened boxes (at most)
_FEW_GRID_CELLS = 2_000_000


def _near_the_few(
    first: np.ndarray, second: np.ndarray, distance: float, tick: Tick = lambda _f: None
) -> tuple[np.ndarray, np.ndarray]:
    """Masks of the geometries of each set that can be within ``distance`` of the other when
    one set is small: the large set keeps those whose envelope meets a cell of a grid covering
    the small set's envelopes widened by the distance (and the slack), a summed-area table
    answering each envelope in constant time. Conservative: two envelopes that meet share a
    cell, so no near pair is lost; the join then decides exactly. Empty geometries are never
    near anything and are dropped."""
    few_is_first = len(first) <= len(second)
    few, many = (first, second) if few_is_first else (second, first)
    few_box = bounds(few)
    has_few = ~np.isnan(few_box[:, 0])
    keep_many = np.zeros(len(many), dtype=bool)
    if not has_few.any():
        return (has_few, keep_many) if few_is_first else (keep_many, has_few)
    # columns xmin, ymin, xmax, ymax, each contiguous (NaN for empty geometries: never kept);
    # GEOS walks each geometry without the GIL, so pieces go to every core (3M works: 0.5 s
    # on one core, ~0.2 s on two), with progress between them
    many_box = np.empty((4, len(many)))

    def bound(rows: slice) -> None:
        many_box[:, rows] = bounds(subset(many, rows)).T

    threaded_chunks(len(many), bound, tick, _BOUNDS_CHUNK)
    lo_x, lo_y, hi_x, hi_y = many_box
    extremes = [np.abs(few_box[has_few]).max()] + [
        abs(float(f(v))) for v in (lo_x, lo_y, hi_x, hi_y) for f in (np.nanmin, np.nanmax) if len(v)
    ]
    reach = distance + _slack(distance, max(x for x in extremes if np.isfinite(x)))
    box = few_box[has_few] + np.array([-reach, -reach, reach, reach])
    x0, y0 = box[:, 0].min(), box[:, 1].min()
    span = max(box[:, 2].max() - x0, box[:, 3].max() - y0, 1e-9)
    size = span / np.sqrt(_FEW_GRID_CELLS)
    nx = int(np.floor((box[:, 2].max() - x0) / size)) + 1
    ny = int(np.floor((box[:, 3].max() - y0) / size)) + 1

    def cell(values: np.ndarray, origin: float, n: int) -> np.ndarray:
        out = np.subtract(values, origin)
        out /= size
        np.floor(out, out=out)
        np.clip(out, 0, n - 1, out=out)
        return out.astype(np.intp)

    cover = np.zeros((ny + 1, nx + 1), dtype=np.int32)  # 2-D difference array of the boxes
    cx0, cx1 = cell(box[:, 0], x0, nx), cell(box[:, 2], x0, nx) + 1
    cy0, cy1 = cell(box[:, 1], y0, ny), cell(box[:, 3], y0, ny) + 1
    for ys, xs, sign in ((cy0, cx0, 1), (cy0, cx1, -1), (cy1, cx0, -1), (cy1, cx1, 1)):
        np.add.at(cover, (ys, xs), sign)
    marked = cover.cumsum(axis=0, dtype=np.int32).cumsum(axis=1, dtype=np.int32)[:ny, :nx] > 0
    del cover
    table = np.zeros((ny + 1, nx + 1), dtype=np.int32)  # summed-area table of the marked cells
    table[1:, 1:] = marked.cumsum(axis=0, dtype=np.int32).cumsum(axis=1, dtype=np.int32)
    flat = table.ravel()
    with np.errstate(invalid="ignore"):  # NaN (empty) rows compare False: never kept
        rows = np.flatnonzero(
            (hi_x >= x0) & (lo_x <= x0 + nx * size) & (hi_y >= y0) & (lo_y <= y0 + ny * size)
        )
    mx0, mx1 = cell(lo_x[rows], x0, nx), cell(hi_x[rows], x0, nx) + 1
    my0 = cell(lo_y[rows], y0, ny) * (nx + 1)
    my1 = cell(hi_y[rows], y0, ny) + 1
    my1 *= nx + 1
    hits = flat[my1 + mx1] - flat[my0 + mx1] - flat[my1 + mx0] + flat[my0 + mx0]
    keep_many[rows[hits > 0]] = True
    keep_few = has_few
    return (keep_few, keep_many) if few_is_first else (keep_many, keep_few)


def _no_pairs() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    return np.empty(0, np.int64), np.empty(0, np.int64), np.empty(0, np.float64)


def _join(
    geoms: np.ndarray | CompactGeometries,
    distance: float,
    n_first: int | None,
    runner: Runner,
    skip: np.ndarray | None = None,
):
    shapes, stats = _describe(geoms, runner, 0.0, 0.1, skip)
    if not stats:
        runner.tick(1.0)
        return _no_pairs()
    parts = _tile_parts(geoms, distance, n_first, runner, shapes, stats)
    # the cells and the placement went with _tile_parts, and the worker threads' freed heap
    # goes here: the final sort is the join's peak
    del shapes
    n = len(geoms)
    if n >= TRIM_MIN_ITEMS:
        release_free_memory()
    return runner.run([lambda: _sorted(parts, n)], 0.97, 1.0)[0]  # consumes parts


def _tile_parts(
    geoms: np.ndarray, distance: float, n_first: int | None, runner: Runner, shapes: _Shapes, stats: dict
) -> list:
    """Every tile's (and large geometry's) pairs, as parts for :func:`_sorted`."""
    plan = _make_plan(stats, distance, stats["present"], n_first)
    placed = _place(shapes, plan, runner, 0.1, 0.15)
    ctx = _Context(geoms, distance, distance + plan.slack, n_first, _points_exact(), _segments_exact())
    tasks: list[Callable[[], tuple]] = [
        (lambda t=t: _tile_pairs(t, plan, placed, shapes, ctx))
        for t in range(plan.n_tiles)
        if placed.starts[t + 1] > placed.starts[t] or placed.extra_starts[t + 1] > placed.extra_starts[t]
    ]
    tasks += _large_large_tasks(placed.large_all, ctx)
    # the tiles' pairs wait for the final sort with 32-bit indices where they fit: 16 bytes a
    # pair instead of 24 (a year of England's 4.9M near pairs: 39 MB less at the join's peak)
    narrow = np.int32 if len(geoms) < 1 << 31 else np.int64
    narrowed = [(lambda task=task: _as_indices(task(), narrow)) for task in tasks]
    return [r for r in runner.run(narrowed, 0.15, 0.97) if len(r[0])]


def _as_indices(part: tuple, dtype: type) -> tuple:
    i, j, d = part
    return i.astype(dtype, copy=False), j.astype(dtype, copy=False), d


def _sorted(found: list, n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Concatenate (i, j, distance) parts, each sorted by (i, j), into one sorted by (i, j).

    The parts are consumed (``found`` is emptied as they are taken): a year of England has
    millions of near pairs, and holding the parts, their concatenation, a sort key and the
    sorted copies at once took ~88 bytes a pair. Here a pair is one int64 key ``i * n + j``
    (unique: each pair once) and its distance, sorted together, ~40 bytes a pair at the peak."""
    if not found:
        return _no_pairs()
    if len(found) == 1:
        return _as_indices(found.pop(), np.int64)
    total = sum(len(part[0]) for part in found)
    keys = np.empty(total, np.int64)
    dist = np.empty(total, np.float64)
    at = 0
    while found:
        i, j, d = found.pop(0)
        np.multiply(i, n, out=keys[at : at + len(i)], dtype=np.int64)  # i may be int32
        keys[at : at + len(i)] += j
        dist[at : at + len(i)] = d
        at += len(i)
        del i, j, d
    order = np.argsort(keys, kind="stable")
    keys = np.take(keys, order)
    dist = np.take(dist, order)
    del order
    i = keys // n
    keys -= i * n  # now j
    return i, keys, dist


def _tile_pairs(t: int, plan: _Plan, placed: _Placed, shapes: _Shapes, ctx: _Context) -> tuple:
    """All pairs whose reference cell is in tile ``t``: small x small, then large x small."""
    sets = 1 if plan.n_first is None else 2
    mem = np.concatenate(
        [
            placed.members[placed.starts[t] : placed.starts[t + 1]],
            placed.extra[placed.extra_starts[t] : placed.extra_starts[t + 1]],
        ]
    )
    lmem = placed.large[placed.large_starts[t] : placed.large_starts[t + 1]]
    local_ids = np.concatenate([mem, lmem])
    local = shapes.take(local_ids)
    n_small = len(mem)
    g0x, g1x, g0y, g1y = (c[:n_small] for c in plan.cells(local))
    col_lo, col_hi, row_lo, row_hi = plan.tile_window(t)
    col_lo, col_hi = max(col_lo, int(g0x.min())), min(col_hi, int(g1x.max()))
    row_lo, row_hi = max(row_lo, int(g0y.min())), min(row_hi, int(g1y.max()))
    n_rows = row_hi - row_lo + 1
    # the part of each box's cell range inside the tile, in tile-local columns and rows
    lx0, ly0 = np.maximum(g0x, col_lo) - col_lo, np.maximum(g0y, row_lo) - row_lo
    span_x = np.minimum(g1x, col_hi) - col_lo - lx0
    span_y = np.minimum(g1y, row_hi) - row_lo - ly0
    first_col, first_row = g0x - col_lo, g0y - row_lo  # negative when the box starts before the tile
    primary = lx0 * n_rows + ly0
    if sets == 2:
        primary = primary * 2 + (mem >= plan.n_first)
    keys: list[np.ndarray] = []
    payloads: list[np.ndarray] = []
    for dx in range(int(span_x.max()) + 1):
        for dy in range(int(span_y.max()) + 1):
            sel = np.flatnonzero((span_x >= dx) & (span_y >= dy)) if dx or dy else np.arange(n_small)
            if not len(sel):
                continue
            flag = (np.take(lx0, sel) + dx == np.take(first_col, sel)).astype(np.int64)
            flag |= (np.take(ly0, sel) + dy == np.take(first_row, sel)).astype(np.int64) << 1
            keys.append((np.take(primary, sel) + (dx * n_rows + dy) * sets) * 4 + np.take(_FLAG_RANK, flag))
            payloads.append(sel)
    key, payload = np.concatenate(keys), np.concatenate(payloads)
    del keys, payloads, primary
    if sets == 2:
        window = (col_lo, col_hi, row_lo, row_hi)
        key, payload = _shared_cells(
            key, payload, window, plan, local_ids[n_small:], local.part(n_small, None)
        )
    key, pos = _packed_sort(key, payload, max(1, n_small.bit_length()))
    del payload
    lo, hi = _partner_runs(key, sets)
    decider = _Local(ctx, local_ids, local, plan.half)
    found: list = []
    count = hi - lo
    for p0, p1 in _chunks_by(count, _PAIRS_PER_TASK):
        u = np.repeat(pos[p0:p1], count[p0:p1])
        v = np.take(pos, ranges(lo[p0:p1], count[p0:p1]))
        ok = decider.boxes_meet(u, v)
        decider.decide(u[ok], v[ok], found)
    if len(lmem):
        tile = _TileEntries(key, pos, col_lo, row_lo, col_hi, row_hi, n_rows, 4 * sets, g0x, g0y)
        _large_small(tile, plan, decider, found)
    return _sorted([f for f in found if len(f[0])], len(ctx.geoms))


def _shared_cells(key, payload, window, plan: _Plan, large_ids: np.ndarray, large: _Shapes):
    """Two sets: drop the entries in cells that no geometry of the other set reaches (a small
    one's entry or a large one's box), when the tile's cells fit a dense map. With one set
    much smaller than the other, that is most entries."""
    col_lo, col_hi, row_lo, row_hi = window
    n_cols, n_rows = col_hi - col_lo + 1, row_hi - row_lo + 1
    if n_cols * n_rows > 1 << 24:
        return key, payload
    cell = key >> 3
    side = (key >> 2) & 1
    reached = np.zeros((2, n_cols * n_rows), dtype=bool)
    reached[side, cell] = True
    if len(large_ids):
        l0x, l1x, l0y, l1y = plan.cells(large)
        c0, c1 = np.maximum(l0x, col_lo) - col_lo, np.minimum(l1x, col_hi) - col_lo
        r0, r1 = np.maximum(l0y, row_lo) - row_lo, np.minimum(l1y, row_hi) - row_lo
        inside = (c0 <= c1) & (r0 <= r1)
        large_side = (large_ids >= plan.n_first).astype(np.int64)
        for s in (0, 1):
            pick = inside & (large_side == s)
            if not pick.any():
                continue
            # rectangles painted with a 2-D difference array
            paint = np.zeros((n_cols + 1, n_rows + 1), dtype=np.int32)
            for dc, dr, sign in ((c0, r0, 1), (c1 + 1, r0, -1), (c0, r1 + 1, -1), (c1 + 1, r1 + 1, 1)):
                np.add.at(paint, (dc[pick], dr[pick]), sign)
            reached[s] |= (paint.cumsum(axis=0).cumsum(axis=1)[:n_cols, :n_rows] > 0).ravel()
    keep = reached[1 - side, cell]
    return key[keep], payload[keep]


@dataclass
class _TileEntries:
    """A tile's sorted cell entries, for the large geometries' look-ups."""

    key: np.ndarray  # ascending: ((local cell * sets + set) * 4 + flag rank)
    pos: np.ndarray  # local index of each entry's geometry
    col_lo: int  # global column and row of the tile's local cell 0
    row_lo: int
    col_hi: int  # last column and row, global
    row_hi: int
    n_rows: int
    step: int  # 4 * sets
    first_col: np.ndarray  # per small geometry (local index): first column and row, global
    first_row: np.ndarray


def _large_small(tile: _TileEntries, plan: _Plan, local: _Local, found: list) -> None:
    """Large x small pairs whose reference cell is in this tile: the small ones' entries in
    each cell of a large box (a large geometry counts as present in all its cells), kept in
    the reference cell only, of the other set when there are two, when the boxes meet."""
    n_small = len(tile.first_col)
    l0x, l1x, l0y, l1y = plan.cells(
        _Shapes(local.ax[n_small:], local.ay[n_small:], local.bx[n_small:], local.by[n_small:], local.kind)
    )
    r_lo = np.maximum(l0y, tile.row_lo) - tile.row_lo
    r_hi = np.minimum(l1y, tile.row_hi) - tile.row_lo
    # only the tile's occupied columns: a long geometry may cross very many empty ones
    column = tile.key // (tile.n_rows * tile.step)
    occupied = column[np.flatnonzero(np.diff(column, prepend=-1))]
    first = np.searchsorted(occupied, np.maximum(l0x, tile.col_lo) - tile.col_lo, "left")
    stop = np.searchsorted(occupied, np.minimum(l1x, tile.col_hi) - tile.col_lo, "right")
    ncol = np.where(r_lo <= r_hi, np.maximum(stop - first, 0), 0)
    for g0, g1 in _chunks_by(ncol, _PAIRS_PER_TASK):  # large geometries, a group at a time
        owner, at = _repeat_ranges(first[g0:g1], ncol[g0:g1])  # a row per (large, column)
        which = owner + g0
        col = np.take(occupied, at)
        start = np.searchsorted(tile.key, (col * tile.n_rows + r_lo[which]) * tile.step, "left")
        end = np.searchsorted(tile.key, (col * tile.n_rows + r_hi[which] + 1) * tile.step, "left")
        count = end - start
        for p0, p1 in _chunks_by(count, _PAIRS_PER_TASK):
            row, entry = _repeat_ranges(start[p0:p1], count[p0:p1])
            lg = which[row + p0]
            v = np.take(tile.pos, entry)  # local index of the small geometry
            cell = np.take(tile.key, entry) // tile.step
            keep = cell // tile.n_rows + tile.col_lo == np.maximum(l0x[lg], np.take(tile.first_col, v))
            keep &= cell % tile.n_rows + tile.row_lo == np.maximum(l0y[lg], np.take(tile.first_row, v))
            u = lg + n_small  # local index of the large geometry
            if plan.n_first is not None:
                keep &= (np.take(local.ids, u) >= plan.n_first) != (np.take(local.ids, v) >= plan.n_first)
            u, v = u[keep], v[keep]
            keep = local.boxes_meet(u, v)
            u, v = u[keep], v[keep]
            simple = np.take(local.kind, u) >= 0  # a long two-point line: the numpy screen
            local.decide(u[simple], v[simple], found)
            _decide_prepared(u[~simple], v[~simple], local, found)


def _decide_prepared(u: np.ndarray, v: np.ndarray, local: _Local, found: list) -> None:
    """Large (u) x small (v): ``dwithin`` on prepared copies of the large geometries made by
    this task (prepared geometries are not shared between threads) screens, GEOS decides."""
    if not len(u):
        return
    geoms = local.ctx.geoms
    which, inverse = np.unique(u, return_inverse=True)
    copies = shapely.from_wkb(shapely.to_wkb(take(geoms, np.take(local.ids, which))))
    shapely.prepare(copies)
    hit = shapely.dwithin(copies[inverse], take(geoms, np.take(local.ids, v)), local.ctx.limit)
    local.decide(u[hit], v[hit], found, screen=False)


def _large_large_tasks(large: np.ndarray, ctx: _Context) -> list:
    """Tasks for the pairs of two large geometries: an STRtree of them, ``dwithin`` queries."""
    if ctx.n_first is None:
        queries, targets = large, large
    else:
        queries, targets = large[large < ctx.n_first], large[large >= ctx.n_first]
    if not (len(queries) and len(targets)):
        return []
    tree = shapely.STRtree(take(ctx.geoms, targets))

    def task(part: np.ndarray) -> tuple:
        q, t = tree.query(take(ctx.geoms, part), predicate="dwithin", distance=ctx.limit)
        i, j = part[q], targets[t]
        if ctx.n_first is None:
            keep = i < j
            i, j = i[keep], j[keep]
        found: list = []
        _decide_geos(ctx, i, j, found)
        return _sorted([f for f in found if len(f[0])], len(ctx.geoms))

    return [(lambda part=queries[s:e]: task(part)) for s, e in _spans(len(queries), 4096)]

"""The dig-once engine: clashes and opportunities between works, and coordination groups.

Arrays in, arrays out (shapely 2 geometries in EPSG:27700, integer days), no QGIS.

Definitions (DOMAIN.md section 3; the algorithm help repeats them):

* Works *a* and *b* are **near** when ``shapely.distance(a, b) <= distance`` (minimum
  Euclidean distance in metres, inclusive), or, with ``same_street``, when both have the
  same non-empty USRN.
* Windows are closed intervals of calendar days ``[start, end]``.
  **clash**: near and ``start_a <= end_b and start_b <= end_a``; ``gap_days = 0`` and
  ``overlap_days = min(end_a, end_b) - max(start_a, start_b) + 1`` (days in the intersection).
  **opportunity**: near, no overlap, and ``gap_days = max(start) - min(end) <= max_gap_days``
  (``end_a + 1 == start_b`` is gap 1; ``end_a == start_b`` is a one-day clash).
* Pairs of works with the same owner (compared case-insensitively, whitespace collapsed;
  a missing owner never equals anything) are left out unless ``include_same_owner``.
* Works whose status is in ``excluded_statuses`` (case-insensitive) never take part and are
  counted, not reported as unusable.
* **Unusable** works (never paired, reported with a reason): missing geometry, empty geometry,
  NaN/infinite coordinates (never handed to GEOS), missing start or end, end before start,
  a reason given by the caller (e.g. a date that could not be parsed), or a polygon that
  ``make_valid`` turns into nothing. Invalid polygons are **repaired** with
  ``shapely.make_valid`` and counted (``n_repaired``); the repaired geometry is used.
* **Coordination groups**: connected components of the graph whose edges are the pairs.
  Groups are numbered 1.. in the order of the smallest work id they contain, so numbering
  does not depend on input order.
* **days_saved** of a group: ``sum(end - start + 1) - max(end - start + 1)`` over its works:
  the street-days of the separate works minus those of one shared opening as long as the
  longest of them. An upper-bound estimate (it assumes the works fit in one opening).
* A group's **hull** is the convex hull of its works' vertices; where that is a point or a
  segment, the rectangle around it 1 m wider on every side, so it is always a polygon.

Example
-------
>>> import shapely
>>> works = Works.from_columns(
...     shapely.points([[0, 0], [25, 0], [500, 0]]), ["A", "B", "C"], ["x", "y", "z"],
...     [0, 10, 0], [10, 20, 5])
>>> result = find_overlaps(works, distance=25, max_gap_days=90)
>>> [(works.ids[a], works.ids[b], KIND_NAMES[k]) for a, b, k in zip(result.a, result.b, result.kind)]
[('A', 'B', 'clash')]
>>> int(result.groups.n_works[0]), int(result.groups.days_saved[0])
(2, 11)
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import shapely

from . import nearjoin
from .errors import Cancelled, InputError
from .rings import Rings
from .schema import BNG_SANE_EXTENT, EXCLUDED_PERMIT_STATUSES

#: ``progress(fraction in [0, 1]) -> bool``; returning False cancels (``Cancelled`` is raised).
Progress = Callable[[float], bool]

CLASH = 1
OPPORTUNITY = 2
KIND_NAMES = {CLASH: "clash", OPPORTUNITY: "opportunity"}

#: Integer day used for a missing date in :attr:`Works.start` / :attr:`Works.end`.
MISSING_DAY = np.iinfo(np.int64).min

# Unusable reasons (stable texts: they are written into the unusable output).
R_NO_GEOMETRY = "missing geometry"
R_EMPTY_GEOMETRY = "empty geometry"
R_NONFINITE = "NaN or infinite coordinates"
R_OUT_OF_EXTENT = "coordinates far outside British National Grid (EPSG:27700)"
R_UNREPAIRABLE = "invalid polygon that cannot be repaired"
R_NO_START = "missing start date"
R_NO_END = "missing end date"
R_END_BEFORE_START = "end date before start date"

_TARGET_CHUNK_SECONDS = 0.1  # well inside the 250 ms cancel/progress budget
_POLYGONAL = (3, 6, 7)  # Polygon, MultiPolygon, GeometryCollection type ids


def normal_key(value: Any) -> str | None:
    """Normalised comparison key of an owner/USRN/status/code: None when empty."""
    if value is None:
        return None
    if isinstance(value, float) and not np.isfinite(value):
        return None
    text = " ".join(str(value).split()).casefold()
    return text or None


def object_column(
    values: Sequence[Any] | None, n: int, name: str, what: str = "records"
) -> np.ndarray | None:
    """``values`` as an object array of length ``n`` (None stays None); ``InputError`` naming
    the field when the length differs."""
    if values is None:
        return None
    arr = _object_array(values)
    if len(arr) != n:
        raise InputError(f"{len(arr)} values for {n} {what}", field=name)
    return arr


def _codes(values: Sequence[Any]) -> np.ndarray:
    """Integer code per value (equal keys share a code); -1 for empty values."""
    # Raw values repeat a lot (owners): normalise each distinct value once, then map in C.
    by_key: dict[str, int] = {}
    table: dict[Any, int] = {}
    for value in dict.fromkeys(values):  # first-seen order, so codes do not depend on hashing
        key = normal_key(value)
        table[value] = -1 if key is None else by_key.setdefault(key, len(by_key))
    return np.fromiter(map(table.__getitem__, values), dtype=np.int64, count=len(values))


def as_days(values: Sequence[Any]) -> np.ndarray:
    """Integer days as int64, :data:`MISSING_DAY` where a value is None/NaN."""
    out = np.full(len(values), MISSING_DAY, dtype=np.int64)
    for n, value in enumerate(values):
        if value is None:
            continue
        if isinstance(value, float) and not np.isfinite(value):
            continue
        out[n] = int(value)
    return out


@dataclass
class Works:
    """A set of works, column-wise. Build with :meth:`from_columns`."""

    geometries: np.ndarray  # shapely geometries (object; None where missing), EPSG:27700
    ids: np.ndarray  # object: what is written as id_a/id_b
    owners: np.ndarray  # object: owner names as given (for output)
    start: np.ndarray  # int64 days, MISSING_DAY when missing
    end: np.ndarray  # int64 days, MISSING_DAY when missing
    statuses: np.ndarray | None = None  # object or None
    usrns: np.ndarray | None = None  # object or None
    reasons: np.ndarray | None = None  # object: a caller's unusable reason per work, or None

    def __len__(self) -> int:
        return len(self.ids)

    @classmethod
    def from_columns(
        cls,
        geometries: Sequence[Any],
        ids: Sequence[Any],
        owners: Sequence[Any],
        start: Sequence[Any],
        end: Sequence[Any],
        statuses: Sequence[Any] | None = None,
        usrns: Sequence[Any] | None = None,
        reasons: Sequence[str | None] | None = None,
    ) -> Works:
        """Columns of equal length; dates as integer days or None (see :mod:`.dates`)."""
        n = len(ids)
        geoms = _object_array(geometries)

        def obj(values: Sequence[Any] | None) -> np.ndarray | None:
            return None if values is None else _object_array(values)

        works = cls(
            geometries=geoms,
            ids=obj(ids),
            owners=obj(owners),
            start=np.asarray(start, dtype=np.int64) if _is_int_array(start) else as_days(start),
            end=np.asarray(end, dtype=np.int64) if _is_int_array(end) else as_days(end),
            statuses=obj(statuses),
            usrns=obj(usrns),
            reasons=obj(reasons),
        )
        for name in ("owners", "start", "end", "statuses", "usrns", "reasons"):
            column = getattr(works, name)
            if column is not None and len(column) != n:
                raise InputError(f"{len(column)} values for {n} works", field=name)
        if len(geoms) != n:
            raise InputError(f"{len(geoms)} geometries for {n} works", field="geometry")
        return works


def _object_array(values: Sequence[Any]) -> np.ndarray:
    """A 1-D object array of ``values`` (the array itself when it already is one)."""
    if isinstance(values, np.ndarray) and values.dtype == object and values.ndim == 1:
        return values
    arr = np.empty(len(values), dtype=object)
    arr[:] = list(values)
    return arr


def _is_int_array(values: Any) -> bool:
    return isinstance(values, np.ndarray) and values.dtype.kind in "iu"


@dataclass
class Screening:
    """Which works of a set take part, and why the others do not."""

    usable: np.ndarray  # bool per work
    geometries: np.ndarray  # repaired geometries (object), same length as the works
    excluded: np.ndarray  # bool per work: status in the excluded list
    reasons: np.ndarray  # object: reason per unusable work, None otherwise
    n_repaired: int = 0


def _no_progress(_fraction: float) -> None:
    pass


def screen(
    works: Works,
    excluded_statuses: Sequence[str] = EXCLUDED_PERMIT_STATUSES,
    progress: Callable[[float], None] | None = None,
) -> Screening:
    """Decide which works take part: status filter, then geometry and date checks.

    Coordinates are checked for NaN/Inf before any GEOS operation; invalid polygons are
    repaired with ``make_valid`` (counted), and those that repair to nothing are unusable.
    ``progress(fraction)`` is called between the steps (it may raise to cancel).
    """
    tick = progress or _no_progress
    n = len(works)
    reasons = np.full(n, None, dtype=object)
    excluded = np.zeros(n, dtype=bool)
    if works.statuses is not None and excluded_statuses:
        wanted = {normal_key(s) for s in excluded_statuses} - {None}
        # Statuses repeat: normalise each distinct value once, then map in C.
        verdict = {value: normal_key(value) in wanted for value in dict.fromkeys(works.statuses)}
        excluded = np.fromiter(map(verdict.__getitem__, works.statuses), dtype=bool, count=n)

    def mark(mask: np.ndarray, reason: str) -> None:
        reasons[mask & (reasons == None) & ~excluded] = reason  # noqa: E711 (elementwise)

    if works.reasons is not None:
        given = np.fromiter((bool(r) for r in works.reasons), dtype=bool, count=n)
        reasons[given & ~excluded] = works.reasons[given & ~excluded]
    tick(0.1)
    geoms = works.geometries.copy()
    missing = shapely.is_missing(geoms)
    mark(missing, R_NO_GEOMETRY)
    present = ~missing
    empty = np.zeros(n, dtype=bool)
    empty[present] = shapely.is_empty(geoms[present])
    mark(empty, R_EMPTY_GEOMETRY)
    tick(0.2)
    nonfinite = np.zeros(n, dtype=bool)
    outside = np.zeros(n, dtype=bool)
    xmin, ymin, xmax, ymax = BNG_SANE_EXTENT

    def check(rows: slice) -> None:
        coords, owner = shapely.get_coordinates(geoms[rows], return_index=True)
        finite = np.isfinite(coords).all(axis=1)
        if not finite.all():
            nonfinite[rows.start + np.unique(owner[~finite])] = True
        with np.errstate(invalid="ignore"):
            far = (
                (coords[:, 0] < xmin) | (coords[:, 0] > xmax) | (coords[:, 1] < ymin) | (coords[:, 1] > ymax)
            )
        far &= finite
        if far.any():
            outside[rows.start + np.unique(owner[far])] = True

    _chunked(n, check, lambda f: tick(0.2 + 0.3 * f), first=65536)
    mark(nonfinite, R_NONFINITE)
    mark(outside, R_OUT_OF_EXTENT)
    mark(works.start == MISSING_DAY, R_NO_START)
    mark(works.end == MISSING_DAY, R_NO_END)
    mark(
        (works.end < works.start) & (works.start != MISSING_DAY) & (works.end != MISSING_DAY),
        R_END_BEFORE_START,
    )
    candidates = (reasons == None) & ~excluded  # noqa: E711
    tick(0.6)
    n_repaired = 0
    polygonal = np.zeros(n, dtype=bool)
    polygonal[candidates] = np.isin(shapely.get_type_id(geoms[candidates]), _POLYGONAL)
    if polygonal.any():
        idx = np.flatnonzero(polygonal)
        invalid = idx[~shapely.is_valid(geoms[idx])]
        if len(invalid):
            repaired = shapely.make_valid(geoms[invalid])
            geoms[invalid] = repaired
            gone = shapely.is_empty(repaired) | shapely.is_missing(repaired)
            reasons[invalid[gone]] = R_UNREPAIRABLE
            n_repaired = int((~gone).sum())
    usable = (reasons == None) & ~excluded  # noqa: E711
    return Screening(
        usable=usable, geometries=geoms, excluded=excluded, reasons=reasons, n_repaired=n_repaired
    )


class _Ticker:
    """Maps stage progress onto the overall fraction and raises ``Cancelled`` when asked."""

    def __init__(self, progress: Progress | None):
        self.progress = progress
        self.base = 0.0
        self.span = 1.0

    def stage(self, base: float, span: float) -> None:
        self.base, self.span = base, span
        self(0.0)

    def __call__(self, fraction: float) -> None:
        if self.progress is None:
            return
        if self.progress(min(1.0, self.base + self.span * fraction)) is False:
            raise Cancelled("cancelled while finding overlaps")


def _chunked(n: int, work: Callable[[slice], None], tick: Callable[[float], None], first: int = 2048) -> None:
    """Run ``work`` over ``slice``s of ``range(n)``, sized so each takes about 100 ms."""
    start, size = 0, first
    tick(0.0)
    while start < n:
        stop = min(n, start + size)
        t0 = time.perf_counter()
        work(slice(start, stop))
        elapsed = time.perf_counter() - t0
        start = stop
        tick(start / n)
        scale = _TARGET_CHUNK_SECONDS / max(elapsed, 1e-4)
        size = int(min(max(size * min(scale, 4.0), 256), 1_000_000))


def threaded_chunks(n: int, work: Callable[[slice], None], tick: Callable[[float], None], size: int) -> None:
    """Run ``work`` over slices of ``range(n)`` of ``size`` on one thread per CPU (shapely's
    vectorised functions release the GIL), calling ``tick`` from this thread as slices finish.
    If ``tick`` raises (cancel), slices not started are dropped and the error propagates."""
    from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait

    tick(0.0)
    parts = [slice(k, min(n, k + size)) for k in range(0, n, size)]
    workers = max(1, min(os.cpu_count() or 1, len(parts)))
    if workers == 1:
        for part in parts:
            work(part)
            tick(part.stop / max(n, 1))
        return
    done_rows = 0
    with ThreadPoolExecutor(max_workers=workers) as pool:
        pending = {pool.submit(work, part): part for part in parts}
        try:
            while pending:
                finished, _ = wait(pending, timeout=0.2, return_when=FIRST_COMPLETED)
                for future in finished:
                    part = pending.pop(future)
                    future.result()
                    done_rows += part.stop - part.start
                tick(done_rows / max(n, 1))
        except BaseException:
            for future in pending:
                future.cancel()
            raise


def near_pairs(
    geometries: np.ndarray,
    distance: float,
    other: np.ndarray | None = None,
    progress: Callable[[float], None] | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every pair of geometries with ``shapely.distance <= distance``, and that distance.

    One set: index pairs ``i < j`` into ``geometries``. Two sets: ``i`` into ``geometries``,
    ``j`` into ``other``. Geometries must be valid for GEOS (no None, empty or NaN: see
    :func:`screen`). Pairs are sorted by ``(i, j)``; callers must not rely on any other
    order. The exact GEOS distance decides, so the pairs agree with the reported
    ``distance_m`` to the last bit: the same pairs and distances as
    :func:`near_pairs_reference`, found by the grid join of :mod:`.nearjoin` on one thread
    per CPU. ``progress(fraction)`` is called at least every ~100 ms and may raise
    :class:`Cancelled`.
    """
    return nearjoin.near_pairs(geometries, distance, other, progress)


def near_pairs_reference(
    geometries: np.ndarray,
    distance: float,
    other: np.ndarray | None = None,
    progress: Callable[[float], None] | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """:func:`near_pairs` the plain way, kept as the reference for tests and benchmarks.

    One STRtree, bulk ``dwithin`` queries chunked for ``progress``; the query uses a hair
    more than ``distance`` and the exact GEOS distance decides. Pairs in query order.
    """
    if not np.isfinite(distance) or distance < 0:
        raise InputError(f"distance must be a finite number >= 0, not {distance!r}", field="DISTANCE")
    tick = progress or _no_progress
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

    _chunked(len(geometries), query, lambda f: tick(0.8 * f))
    i = np.concatenate(found_i).astype(np.int64)
    j = np.concatenate(found_j).astype(np.int64)
    dist = np.empty(len(i), dtype=np.float64)

    def measure(part: slice) -> None:
        dist[part] = shapely.distance(geometries[i[part]], targets[j[part]])

    _chunked(len(i), measure, lambda f: tick(0.8 + 0.2 * f), first=65536)
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


def _dense_codes(values: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """``np.unique(values, return_inverse=True)`` for integers in ``[0, n)``, in O(n) rather
    than a sort.

    >>> [a.tolist() for a in _dense_codes(np.array([7, 2, 7, 5]), 8)]
    [[2, 5, 7], [2, 0, 2, 1]]
    """
    mask = np.zeros(n, dtype=bool)
    mask[values] = True
    code = np.cumsum(mask) - 1
    return np.flatnonzero(mask), code[values]


def shortest_segments(
    geoms: np.ndarray,
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
    tick = progress or _no_progress
    n = len(i)
    out = np.empty((n, 2, 2), dtype=np.float64)
    if n == 0:
        tick(1.0)
        return out
    involved = _present(len(geoms), i, j)
    sub = geoms[involved]
    tick(0.0)
    flat = ~shapely.has_z(sub)
    type_id = shapely.get_type_id(sub)
    tick(0.0)
    n_coords = shapely.get_num_coordinates(sub)
    is_segment = involved[(type_id == 1) & flat & (n_coords == 2)]
    tick(0.0)
    # A line of 3+ vertices all at one place is that point (GEOS's shortest_line fails on it).
    is_point = involved[
        ((type_id == 0) | ((type_id == 1) & (n_coords > 2) & (shapely.length(sub) == 0))) & flat
    ]
    tick(0.0)
    shape = np.full(len(geoms), 2, dtype=np.int8)  # 0 point, 1 two-vertex line, 2 other
    shape[is_point], shape[is_segment] = 0, 1
    first = np.full((len(geoms), 2), np.nan)
    last = np.full((len(geoms), 2), np.nan)
    if vertices is None:
        vertices = Vertices(geoms)
    first[is_point] = last[is_point] = vertices.xy[vertices.start[is_point]]
    tick(0.0)
    first[is_segment] = vertices.xy[vertices.start[is_segment]]
    last[is_segment] = vertices.xy[vertices.start[is_segment] + 1]
    tick(0.0)
    sa, sb = shape[i], shape[j]
    both = (sa == 0) & (sb == 0)
    out[both, 0], out[both, 1] = first[i[both]], first[j[both]]
    tick(0.0)
    pa = (sa == 0) & (sb == 1)  # point, then line
    p = first[i[pa]]
    out[pa, 0], out[pa, 1] = p, _closest_on_segment(p, first[j[pa]], last[j[pa]])
    tick(0.0)
    pb = (sa == 1) & (sb == 0)  # line, then point
    p = first[j[pb]]
    out[pb, 0], out[pb, 1] = _closest_on_segment(p, first[i[pb]], last[i[pb]]), p
    rest = np.flatnonzero(~(both | pa | pb))
    tick(0.0)

    def through_geos(part: slice) -> None:
        k = rest[part]
        lines = shapely.shortest_line(geoms[i[k]], geoms[j[k]])
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
    return kind, gap.astype(np.int64), overlap_days.astype(np.int64)


def connected_components(
    n: int, u: np.ndarray, v: np.ndarray, progress: Callable[[float], None] | None = None
) -> np.ndarray:
    """Component label (the smallest node index in it) of each of ``n`` nodes, edges ``u``-``v``.

    Union-find in numpy: hook every edge's larger root under the smaller, then compress
    paths by pointer jumping, until no edge joins two roots. No recursion, no scipy.
    ``progress`` is called after each round with the share of edges settled.

    >>> connected_components(5, np.array([3, 1]), np.array([4, 3])).tolist()
    [0, 1, 2, 1, 1]
    """
    parent = np.arange(n, dtype=np.int64)
    u = np.asarray(u, dtype=np.int64)
    v = np.asarray(v, dtype=np.int64)
    n_edges = max(len(u), 1)
    tick = progress or _no_progress
    while len(u):
        tick(1.0 - len(u) / n_edges)
        pu, pv = parent[u], parent[v]
        joined = pu != pv
        if not joined.any():
            break
        lo = np.minimum(pu[joined], pv[joined])
        hi = np.maximum(pu[joined], pv[joined])
        np.minimum.at(parent, hi, lo)
        while True:
            jumped = parent[parent]
            if np.array_equal(jumped, parent):
                break
            parent = jumped
        u, v = u[joined], v[joined]
    return parent


@dataclass
class Groups:
    """One row per coordination group (``group_id`` = position + 1)."""

    group_id: np.ndarray
    n_works: np.ndarray
    n_owners: np.ndarray
    owners: list[str]
    first_start: np.ndarray  # int days
    last_end: np.ndarray  # int days
    n_clashes: np.ndarray
    n_opportunities: np.ndarray
    days_saved: np.ndarray
    hulls: Rings  # single-ring polygons, one per group (``hulls.to_shapely()`` for shapely)

    def __len__(self) -> int:
        return len(self.group_id)


@dataclass
class OverlapResult:
    """Pairs, groups and unusable works.

    Pair indices: ``a`` into the first set; ``b`` into the first set (one set, ``a`` and ``b``
    ordered so that the pair is listed once) or into ``other`` (two sets). Pairs are sorted
    by (id_a, id_b).
    """

    a: np.ndarray
    b: np.ndarray
    kind: np.ndarray  # int8: CLASH / OPPORTUNITY
    distance: np.ndarray
    gap_days: np.ndarray
    overlap_days: np.ndarray
    group: np.ndarray  # 1-based group id of each pair
    ends: np.ndarray  # (n, 2, 2): shortest line a->b, its end on a then on b (equal where they touch)
    groups: Groups
    work_group: np.ndarray  # group id per work of the first set, 0 when in none
    other_group: np.ndarray | None  # same for ``other``
    unusable: np.ndarray  # indices of unusable works in the first set
    unusable_reasons: np.ndarray
    other_unusable: np.ndarray = field(default_factory=lambda: np.empty(0, np.int64))
    other_unusable_reasons: np.ndarray = field(default_factory=lambda: np.empty(0, object))
    n_excluded: int = 0
    n_repaired: int = 0

    @property
    def lines(self) -> np.ndarray:
        """The shortest lines as shapely LineStrings (made on demand: the writers use ``ends``)."""
        return shapely.linestrings(self.ends)

    @property
    def n_clashes(self) -> int:
        return int((self.kind == CLASH).sum())

    @property
    def n_opportunities(self) -> int:
        return int((self.kind == OPPORTUNITY).sum())


_MAX_ID_MATRIX_BYTES = 1 << 27  # the fixed-width byte matrix of the ids: beyond, sort objects


def _id_rank(ids: np.ndarray, progress: Callable[[float], None] | None = None) -> np.ndarray:
    """Rank of each id in a stable total order (ids compared as text); ``progress`` is called
    between the steps."""
    tick = progress or _no_progress
    values = ids.tolist()
    n = len(values)
    try:
        joined = _join_text(values, tick)
    except TypeError:  # not all text: compared as their str()
        values = [x if type(x) is str else str(x) for x in values]
        joined = _join_text(values, tick)
    tick(0.3)
    order = _utf8_order(joined, n, tick)
    if order is None:
        text = np.empty(n, dtype=object)
        text[:] = values
        order = np.argsort(text, kind="stable")
    rank = np.empty(n, dtype=np.int64)
    rank[order] = np.arange(n)
    return rank


def _join_text(values: list[Any], tick: Callable[[float], None], step: int = 200_000) -> str:
    """The texts joined by NUL, a slice at a time (ticking in between)."""
    parts = []
    for begin in range(0, len(values), step):
        parts.append("\0".join(values[begin : begin + step]))
        tick(0.3 * begin / len(values))
    return "\0".join(parts)


def _utf8_order(joined: str, n: int, tick: Callable[[float], None]) -> np.ndarray | None:
    """Stable order of the ``n`` texts joined by NUL, sorted in C as rows of a fixed-width
    byte matrix of their UTF-8 (whose byte order is code point order, as ``str`` compares).
    None where that cannot be exact or is too big: a text holding NUL (the zero padding
    would make "a" equal "a\\0"), a lone surrogate (no UTF-8), a matrix over 128 MB."""
    try:
        data = np.frombuffer(joined.encode("utf-8"), dtype=np.uint8)
    except UnicodeEncodeError:
        return None
    tick(0.4)
    seps = np.flatnonzero(data == 0)
    if len(seps) != n - 1:
        return None
    starts = np.concatenate([[0], seps + 1]).astype(np.int64)
    lengths = np.concatenate([seps, [len(data)]]) - starts
    width = max(int(lengths.max(initial=0)), 1)
    if n * width > _MAX_ID_MATRIX_BYTES:
        return None
    tick(0.45)
    if (lengths == width).all():  # ids of one length (common): each row of the text as it is
        matrix = np.append(data, np.uint8(0)).reshape(n, width + 1)[:, :width].copy()
    else:
        matrix = np.zeros(n * width, dtype=np.uint8)
        step = 100_000
        for first in range(0, n, step):  # a slice of ids at a time: bounded temporaries
            last = min(n, first + step)
            a, b = int(starts[first]), int(starts[last - 1] + lengths[last - 1])
            part = data[a:b]
            keep = part != 0
            shift = np.repeat(
                np.arange(first, last, dtype=np.int64) * width - starts[first:last], lengths[first:last]
            )
            matrix[np.flatnonzero(keep) + a + shift] = part[keep]
            tick(0.45 + 0.15 * last / n)
    rows = matrix.reshape(-1).view(f"S{width}")
    tick(0.6)
    if n < 2 or bool((rows[1:] >= rows[:-1]).all()):  # already in order: nothing to sort
        return np.arange(n)
    tick(0.7)
    return np.argsort(rows, kind="stable")


def find_overlaps(
    works: Works,
    other: Works | None = None,
    *,
    distance: float = 25.0,
    max_gap_days: int = 90,
    same_street: bool = False,
    include_same_owner: bool = False,
    excluded_statuses: Sequence[str] = EXCLUDED_PERMIT_STATUSES,
    progress: Progress | None = None,
) -> OverlapResult:
    """Clashes, opportunities and coordination groups among ``works`` (or between two sets).

    Parameters
    ----------
    works, other:
        One set: every unordered pair within ``works`` once. Two sets (``other`` given): only
        pairs with one work from each set.
    distance:
        Metres; pairs with ``shapely.distance <= distance`` are near.
    max_gap_days:
        Largest gap (later start - earlier end) that is still an opportunity.
    same_street:
        Works with the same non-empty USRN are near whatever the distance.
    include_same_owner:
        Keep pairs whose owners are equal (case-insensitive, whitespace collapsed).
    excluded_statuses:
        Statuses that never take part (case-insensitive).
    progress:
        ``progress(fraction) -> bool``; returning False raises :class:`Cancelled`.
    """
    if max_gap_days < 0:
        raise InputError(f"max_gap_days must be >= 0, not {max_gap_days!r}", field="MAX_GAP_DAYS")
    tick = _Ticker(progress)
    tick.stage(0.0, 0.03)
    first = screen(works, excluded_statuses, tick)
    tick.stage(0.03, 0.01)
    second = screen(other, excluded_statuses, tick) if other is not None else None
    tick.stage(0.04, 0.01)
    n_a = len(works)
    # Everything below works in one combined index space: first set, then other.
    sets = [(works, first)] + ([(other, second)] if other is not None and second is not None else [])
    geoms = np.concatenate([s.geometries for _, s in sets])
    usable = np.concatenate([s.usable for _, s in sets])
    start = np.concatenate([w.start for w, _ in sets])
    end = np.concatenate([w.end for w, _ in sets])
    ids = np.concatenate([w.ids for w, _ in sets])
    owner_names = np.concatenate([w.owners for w, _ in sets])
    tick(0.5)
    owner_codes = _codes(owner_names)
    n_all = len(geoms)

    idx_a = np.flatnonzero(usable[:n_a])
    idx_b = np.flatnonzero(usable[n_a:]) + n_a if other is not None else idx_a
    tick.stage(0.05, 0.6)
    if other is None:
        i, j, dist = near_pairs(geoms[idx_a], distance, progress=tick)
    else:
        i, j, dist = near_pairs(geoms[idx_a], distance, geoms[idx_b], progress=tick)
    i, j = idx_a[i], idx_b[j]

    if same_street:
        usrns = [w.usrns if w.usrns is not None else np.full(len(w), None, dtype=object) for w, _ in sets]
        usrn_codes = _codes(np.concatenate(usrns))
        codes_a = np.where(usable[idx_a], usrn_codes[idx_a], -1)
        if other is None:
            si, sj = same_code_pairs(codes_a)
        else:
            si, sj = same_code_pairs(codes_a, usrn_codes[idx_b])
        si, sj = idx_a[si], idx_b[sj]
        keys = np.concatenate([i * n_all + j, si * n_all + sj])
        dists = np.concatenate([dist, np.full(len(si), np.nan)])
        keys, first_pos = np.unique(keys, return_index=True)
        i, j, dist = keys // n_all, keys % n_all, dists[first_pos]
    tick.stage(0.65, 0.05)

    if not include_same_owner:
        keep = (owner_codes[i] < 0) | (owner_codes[i] != owner_codes[j])
        i, j, dist = i[keep], j[keep], dist[keep]
    kind, gap, overlap = classify_windows(start[i], end[i], start[j], end[j], max_gap_days)
    keep = kind > 0
    i, j, dist, kind, gap, overlap = i[keep], j[keep], dist[keep], kind[keep], gap[keep], overlap[keep]
    tick(0.3)

    # Stable orientation and order: by id (one set: smaller id first), then by id_b.
    involved = _present(n_all, i, j)
    tick(0.45)
    rank = np.full(n_all, -1, dtype=np.int64)
    rank[involved] = _id_rank(ids[involved], lambda f: tick(0.45 + 0.15 * f))
    tick(0.6)
    if other is None:
        swap = rank[j] < rank[i]
        i, j = np.where(swap, j, i), np.where(swap, i, j)
    tick(0.65)
    order = np.lexsort((rank[j], rank[i]))
    tick(0.9)
    i, j, dist, kind, gap, overlap = i[order], j[order], dist[order], kind[order], gap[order], overlap[order]

    tick.stage(0.7, 0.02)
    missing_dist = np.isnan(dist)
    if missing_dist.any():  # same-street pairs beyond the distance
        dist[missing_dist] = shapely.distance(geoms[i[missing_dist]], geoms[j[missing_dist]])
    vertices = Vertices(geoms, tick)
    tick.stage(0.72, 0.08)
    ends = shortest_segments(geoms, i, j, tick, vertices=vertices)

    tick.stage(0.8, 0.04)
    label = connected_components(n_all, i, j, tick)
    members = _present(n_all, i, j)
    roots = label[members]
    # Number groups by the smallest id rank they contain.
    root_ids, member_group = _dense_codes(roots, n_all)
    smallest = np.full(len(root_ids), np.iinfo(np.int64).max, dtype=np.int64)
    np.minimum.at(smallest, member_group, rank[members])
    renumber = np.empty(len(root_ids), dtype=np.int64)
    renumber[np.argsort(smallest, kind="stable")] = np.arange(1, len(root_ids) + 1)
    work_group_all = np.zeros(n_all, dtype=np.int64)
    work_group_all[members] = renumber[member_group]
    pair_group = work_group_all[i]
    tick.stage(0.84, 0.16)
    groups = _summarise(
        work_group_all, members, pair_group, kind, start, end, owner_names, owner_codes, vertices, tick
    )
    tick(1.0)

    reasons_a = first.reasons[:n_a]
    unusable_a = np.flatnonzero(~first.usable & ~first.excluded)
    result = OverlapResult(
        a=i,
        b=j if other is None else j - n_a,
        kind=kind,
        distance=dist,
        gap_days=gap,
        overlap_days=overlap,
        group=pair_group,
        ends=ends,
        groups=groups,
        work_group=work_group_all[:n_a],
        other_group=work_group_all[n_a:] if other is not None else None,
        unusable=unusable_a,
        unusable_reasons=reasons_a[unusable_a],
        n_excluded=int(first.excluded.sum()) + (int(second.excluded.sum()) if second is not None else 0),
        n_repaired=first.n_repaired + (second.n_repaired if second is not None else 0),
    )
    if second is not None:
        result.other_unusable = np.flatnonzero(~second.usable & ~second.excluded)
        result.other_unusable_reasons = second.reasons[result.other_unusable]
    return result


def _summarise(
    work_group: np.ndarray,
    members: np.ndarray,
    pair_group: np.ndarray,
    kind: np.ndarray,
    start: np.ndarray,
    end: np.ndarray,
    owner_names: np.ndarray,
    owner_codes: np.ndarray,
    vertices: Vertices,
    progress: Callable[[float], None] | None = None,
) -> Groups:
    tick = progress or _no_progress
    n_groups = int(work_group.max()) if len(work_group) else 0
    g = work_group[members] - 1
    order = np.argsort(g, kind="stable")
    tick(0.05)
    members, g = members[order], g[order]
    n_works = np.bincount(g, minlength=n_groups)
    offsets = np.concatenate([[0], np.cumsum(n_works)[:-1]]).astype(np.int64)
    if n_groups == 0:
        empty_i = np.empty(0, np.int64)
        return Groups(
            empty_i,
            empty_i,
            empty_i,
            [],
            empty_i,
            empty_i,
            empty_i,
            empty_i,
            empty_i,
            Rings(np.empty((0, 2)), [0]),
        )
    s, e = start[members], end[members]
    length = e - s + 1
    first_start = np.minimum.reduceat(s, offsets)
    last_end = np.maximum.reduceat(e, offsets)
    days_saved = np.add.reduceat(length, offsets) - np.maximum.reduceat(length, offsets)
    tick(0.1)
    owners, n_owners = _owner_lists(
        g, owner_codes[members], owner_names[members], n_groups, lambda f: tick(0.1 + 0.2 * f)
    )
    n_clashes = np.bincount(pair_group[kind == CLASH] - 1, minlength=n_groups)
    n_opps = np.bincount(pair_group[kind == OPPORTUNITY] - 1, minlength=n_groups)
    tick(0.3)
    xy, which = vertices.of(members)
    tick(0.4)
    hulls = hull_rings(xy, g[which], n_groups, lambda f: tick(0.4 + 0.6 * f))
    return Groups(
        group_id=np.arange(1, n_groups + 1, dtype=np.int64),
        n_works=n_works.astype(np.int64),
        n_owners=n_owners.astype(np.int64),
        owners=owners,
        first_start=first_start,
        last_end=last_end,
        n_clashes=n_clashes.astype(np.int64),
        n_opportunities=n_opps.astype(np.int64),
        days_saved=days_saved.astype(np.int64),
        hulls=hulls,
    )


def _owner_lists(
    g: np.ndarray,
    codes: np.ndarray,
    names: np.ndarray,
    n_groups: int,
    progress: Callable[[float], None] | None = None,
) -> tuple[list[str], np.ndarray]:
    """Per group (``g`` sorted, 0-based): its distinct non-empty owner keys (``codes`` >= 0),
    shown by their first spelling, whitespace collapsed, sorted case-insensitively and joined
    with "; "; and how many there are. Groups share few owner sets: each set's text is built
    once, keyed by a bit set of the owners. ``progress`` is called between the steps."""
    tick = progress or _no_progress
    has = codes >= 0
    if not has.any():
        return [""] * n_groups, np.zeros(n_groups, np.int64)
    present, first_seen, dense = np.unique(codes[has], return_index=True, return_inverse=True)
    tick(0.2)
    spelling = [" ".join(str(name).split()) for name in names[has][first_seen].tolist()]
    order = sorted(range(len(present)), key=lambda k: spelling[k].casefold())  # displayed order
    rank = np.empty(len(present), np.int64)  # position of each owner in that order
    rank[order] = np.arange(len(present))
    by_rank = [spelling[k] for k in order]
    bit = rank[dense]
    tick(0.4)
    # One bit set per group: OR of its owners' bits, per 64-bit word, over each group's run of
    # rows (``g`` is sorted), by reduceat rather than the much slower ``bitwise_or.at``.
    words = (len(present) + 63) // 64
    sets = np.zeros((n_groups, words), np.uint64)
    g_has = g[has]
    run_start = np.flatnonzero(np.concatenate([[True], g_has[1:] != g_has[:-1]]))
    one = np.left_shift(np.uint64(1), (bit % 64).astype(np.uint64))
    word_of = bit // 64
    for word in range(words):
        masks = np.where(word_of == word, one, np.uint64(0))
        sets[g_has[run_start], word] = np.bitwise_or.reduceat(masks, run_start)
    n_owners = np.unpackbits(sets.view(np.uint8), axis=1).sum(axis=1, dtype=np.int64)
    tick(0.6)
    distinct, which = np.unique(sets.view(np.dtype((np.void, 8 * words))).ravel(), return_inverse=True)
    tick(0.8)
    as_bytes = np.frombuffer(distinct.tobytes(), np.uint8).reshape(len(distinct), 8 * words)
    row, col = np.nonzero(np.unpackbits(as_bytes, axis=1, bitorder="little"))  # by row, then rank
    shown = np.array(by_rank, dtype=object)[col].tolist()
    ends = np.cumsum(np.bincount(row, minlength=len(distinct))).tolist()
    texts = ["; ".join(shown[b:e]) for b, e in zip([0, *ends[:-1]], ends, strict=True)]
    return [texts[k] for k in which.tolist()], n_owners


class Vertices:
    """Every vertex of a set of geometries (2D), and where each geometry's vertices start: one
    ``get_coordinates`` pass in the geometries' own order, shared by the steps that need
    vertices of some of them (gathering through GEOS for a subset costs several times more)."""

    def __init__(self, geoms: np.ndarray, progress: Callable[[float], None] | None = None):
        n = len(geoms)
        counts = np.zeros(n, dtype=np.int64)
        parts = [np.empty((0, 2))]

        def read(rows: slice) -> None:
            xy, owner = shapely.get_coordinates(geoms[rows], return_index=True)
            parts.append(xy)
            counts[rows] = np.bincount(owner, minlength=rows.stop - rows.start)

        _chunked(n, read, progress or _no_progress, first=65536)
        self.xy = np.concatenate(parts)
        self.start = np.zeros(n + 1, dtype=np.int64)
        self.start[1:] = np.cumsum(counts)

    def of(self, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The vertices of ``geoms[rows]``, geometry after geometry, and for each vertex its
        position in ``rows``."""
        counts = self.start[rows + 1] - self.start[rows]
        which = np.repeat(np.arange(len(rows)), counts)
        skip = np.repeat(self.start[rows] - (np.cumsum(counts) - counts), counts)
        return self.xy[np.arange(len(which)) + skip], which


def group_hulls(geoms: np.ndarray, group: np.ndarray) -> np.ndarray:
    """Convex hull of each group's vertices (``group`` sorted, 0-based, one per geometry), as
    shapely polygons; see :func:`hull_rings`."""
    xy, owner = shapely.get_coordinates(geoms, return_index=True)
    n_groups = int(group[-1]) + 1 if len(group) else 0
    return hull_rings(xy, group[owner], n_groups).to_shapely()


def hull_rings(
    xy: np.ndarray, vertex_group: np.ndarray, n_groups: int, progress: Callable[[float], None] | None = None
) -> Rings:
    """Convex hull of each group's vertices (``vertex_group`` sorted, 0-based; every group has
    a vertex). Where that is a point or a segment, the rectangle around it 1 m wider on every
    side, so it is always a polygon. Returned as rings, in the vertex order GEOS gives.
    GEOS works through the groups of 3+ vertices in chunks, calling ``progress`` between."""
    tick = progress or _no_progress
    n_vertices = np.bincount(vertex_group, minlength=n_groups)
    if (n_vertices == 0).any():
        raise ValueError("every group needs at least one vertex")
    first = np.concatenate([[0], np.cumsum(n_vertices)[:-1]]).astype(np.int64)
    ring_size = np.full(n_groups, 5, dtype=np.int64)
    # Most groups are two points: their hull is a segment, widened here (no GEOS calls).
    small = n_vertices <= 2
    seg_p = np.empty((n_groups, 2))
    seg_q = np.empty((n_groups, 2))
    seg_p[small] = xy[first[small]]
    seg_q[small] = xy[first[small] + n_vertices[small] - 1]
    polygon_groups = np.empty(0, dtype=np.int64)
    hull_xy = np.empty((0, 2))
    hull_start = np.empty(0, dtype=np.int64)
    big = np.flatnonzero(~small)
    if len(big):
        pick = ~small[vertex_group]
        big_xy = xy[pick]
        dense = np.searchsorted(big, vertex_group[pick])
        at = np.searchsorted(dense, np.arange(len(big) + 1))  # each big group's first vertex
        hulls = np.empty(len(big), dtype=object)

        def hull(part: slice) -> None:
            # A line through the vertices has their hull, and is ~3x cheaper to build than points.
            a, b = at[part.start], at[part.stop]
            lines = shapely.linestrings(big_xy[a:b], indices=dense[a:b] - part.start)
            hulls[part] = shapely.convex_hull(lines)

        _chunked(len(big), hull, lambda f: tick(0.7 * f))
        is_polygon = shapely.get_type_id(hulls) == 3
        thin = np.flatnonzero(~is_polygon)  # collinear or coincident vertices: a point or a line
        if len(thin):
            ends, which = shapely.get_coordinates(hulls[thin], return_index=True)
            firsts = np.searchsorted(which, np.arange(len(thin)), side="left")
            lasts = np.searchsorted(which, np.arange(len(thin)), side="right") - 1
            seg_p[big[thin]], seg_q[big[thin]] = ends[firsts], ends[lasts]
        polygon_groups = big[is_polygon]
        tick(0.75)
        hull_xy, owner = shapely.get_coordinates(hulls[is_polygon], return_index=True)
        tick(0.8)
        counts = np.bincount(owner, minlength=len(polygon_groups))
        ring_size[polygon_groups] = counts
        hull_start = np.cumsum(counts) - counts
    offsets = np.zeros(n_groups + 1, dtype=np.int64)
    offsets[1:] = np.cumsum(ring_size)
    out = np.empty((int(offsets[-1]), 2))
    widened = np.ones(n_groups, dtype=bool)
    widened[polygon_groups] = False
    rows = np.flatnonzero(widened)
    out[offsets[rows][:, None] + np.arange(5)] = _widened_segments(seg_p[rows], seg_q[rows])
    tick(0.9)
    if len(polygon_groups):
        sizes = ring_size[polygon_groups]
        out[np.arange(len(hull_xy)) + np.repeat(offsets[polygon_groups] - hull_start, sizes)] = hull_xy
    return Rings(out, offsets)


def _widened_segments(p: np.ndarray, q: np.ndarray, margin: float = 1.0) -> np.ndarray:
    """Rings ``(n, 5, 2)`` of the rectangles around segments ``p``-``q`` (points when equal),
    ``margin`` wider all round."""
    d = q - p
    length = np.hypot(d[:, 0], d[:, 1])
    u = np.where(length[:, None] > 0, d / np.where(length > 0, length, 1.0)[:, None], [1.0, 0.0]) * margin
    n = np.column_stack([-u[:, 1], u[:, 0]])
    return np.stack([p - u - n, q + u - n, q + u + n, p - u + n, p - u - n], axis=1)

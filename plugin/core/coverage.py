"""Not-spots, distance to the full-fibre spine, coverage gaps and spine opportunities.

Pure shapely 2 / numpy, no QGIS; every step is one bulk query on an ``STRtree``.

Definitions (DOMAIN.md section 4; the numbers are parameters, these are the defaults)
-------------------------------------------------------------------------------------
**Not-spot share** of a place (postcode or area), for a chosen level:

* ``uso`` (10 Mbit/s, "decent broadband"): ``% of premises unable to receive decent
  broadband from fixed or FWA`` when given, else ``% of premises unable to receive 10Mbit/s``;
* ``superfast`` (30 Mbit/s): ``% of premises unable to receive 30Mbit/s``, else
  100 − ``SFBB availability (% premises)``;
* ``gigabit`` (1 000 Mbit/s): 100 − ``Gigabit availability (% premises)``.

A place is a **not-spot** when its share is ≥ ``min_share`` (default 25 %). Places with no
figure for the level are not not-spots and have a null share.

**Gap classes** of a site (planning site, venue):

* ``unlocated``: no usable geometry (e.g. a grid-origin centroid): excluded from analysis;
* ``no_coverage_data``: no not-spot place contains it or lies within the search radius;
* ``connected``: the matched place is not a not-spot;
* ``near_spine_notspot``: in a not-spot and within ``max_spine_distance`` of the spine
  (a short lateral from the spine would serve it);
* ``far_from_spine_notspot``: in a not-spot and further than ``max_spine_distance`` from
  the spine, or there is no spine.

**Spine-opportunity score** of a work (higher is better)::

    score = affected × (0.5 + 0.5 × (1 − d_spine / D_spine))
                     × (1 + min(length_m, 1000) / 1000)
                     × 1 / (1 + max(0, days_to_start) / 90)

``affected`` = Σ over not-spot places within ``notspot_distance`` of the work of the
premises unable to get the level (``premises × share / 100``) when premises are known,
else 1 per place (a postcode or area). ``d_spine`` is the work's exact distance to the
spine (≤ ``D_spine``, the spine distance limit). Works that ended before the reference
date are excluded; works with no dates get a date factor of 1.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import shapely

LEVELS: dict[str, int] = {"uso": 10, "superfast": 30, "gigabit": 1000}
DEFAULT_MIN_SHARE = 25.0
GAP_CLASSES = ("connected", "near_spine_notspot", "far_from_spine_notspot", "no_coverage_data", "unlocated")


def _get(record: dict[str, Any], name: str) -> float | None:
    value = record.get(name)
    return None if value is None else float(value)


def notspot_share(record: dict[str, Any], level: str) -> float | None:
    """Share (%) of a place's premises unable to get ``level``; None when the file has no figure.

    >>> notspot_share({"unable_decent_pct": 30.0, "unable_10_pct": 40.0}, "uso")
    30.0
    >>> notspot_share({"gigabit_pct": 62.5}, "gigabit")
    37.5
    """
    if level not in LEVELS:
        raise ValueError(f"unknown level {level!r}; one of {sorted(LEVELS)}")
    if level == "uso":
        value = _get(record, "unable_decent_pct")
        return value if value is not None else _get(record, "unable_10_pct")
    if level == "superfast":
        value = _get(record, "unable_30_pct")
        if value is None and _get(record, "sfbb_pct") is not None:
            value = 100.0 - float(record["sfbb_pct"])
        return value
    gig = _get(record, "gigabit_pct")
    return None if gig is None else 100.0 - gig


def apply_notspot(records: list[dict[str, Any]], level: str, min_share: float = DEFAULT_MIN_SHARE) -> int:
    """Add ``notspot_level``, ``notspot_threshold_mbit``, ``notspot_share_pct``,
    ``notspot_min_share_pct`` and ``is_notspot`` to each record; returns the not-spot count."""
    n = 0
    for record in records:
        share = notspot_share(record, level)
        record["notspot_level"] = level
        record["notspot_threshold_mbit"] = LEVELS[level]
        record["notspot_share_pct"] = share
        record["notspot_min_share_pct"] = float(min_share)
        record["is_notspot"] = share is not None and share >= min_share
        n += record["is_notspot"]
    return n


NOTSPOT_EXTRA_FIELDS: list[tuple[str, str]] = [
    ("notspot_level", "str"),
    ("notspot_threshold_mbit", "int"),
    ("notspot_share_pct", "float"),
    ("notspot_min_share_pct", "float"),
    ("is_notspot", "bool"),
]


def _valid(geoms: np.ndarray) -> np.ndarray:
    geoms = np.asarray(geoms, dtype=object)
    if len(geoms) == 0:
        return np.zeros(0, dtype=bool)
    return ~(shapely.is_missing(geoms) | shapely.is_empty(geoms))


def nearest_distance(geoms: np.ndarray, targets: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Exact minimum distance from each geometry to the nearest target, and its index.

    Points against line targets (the spine) take a bulk fast path
    (:func:`_points_to_lines`); everything else, and any point the fast path leaves
    unresolved, goes through one ``STRtree.query_nearest(..., return_distance=True)``.
    NaN / -1 where the geometry is missing or there are no targets.
    """
    geoms = np.asarray(geoms, dtype=object)
    targets = np.asarray(targets, dtype=object)
    dist = np.full(len(geoms), np.nan)
    index = np.full(len(geoms), -1, dtype=np.int64)
    ok = _valid(geoms)
    t_ok = np.flatnonzero(_valid(targets))
    if not ok.any() or len(t_ok) == 0:
        return dist, index
    src = np.flatnonzero(ok)
    tgt = targets[t_ok]
    if np.isin(shapely.get_type_id(tgt), (1, 5)).all():  # LineString, MultiLineString
        is_pt = shapely.get_type_id(geoms[src]) == 0
        if is_pt.any():
            d, i = _points_to_lines(geoms[src[is_pt]], tgt)
            done = ~np.isnan(d)
            dist[src[is_pt][done]] = d[done]
            index[src[is_pt][done]] = t_ok[i[done]]
        src = src[np.isnan(dist[src])]
    if len(src):
        tree = shapely.STRtree(tgt)
        (qi, ti), d = tree.query_nearest(geoms[src], return_distance=True, all_matches=False)
        dist[src[qi]] = d
        index[src[qi]] = t_ok[ti]
    return dist, index


def _segment_distance(px, py, ax, ay, bx, by):
    """Distance from points to segments AB, elementwise (the GEOS formula)."""
    dx, dy = bx - ax, by - ay
    len2 = dx * dx + dy * dy
    safe = np.where(len2 > 0, len2, 1.0)
    t = np.clip(np.where(len2 > 0, ((px - ax) * dx + (py - ay) * dy) / safe, 0.0), 0.0, 1.0)
    return np.hypot(px - (ax + t * dx), py - (ay + t * dy))


def _points_to_lines(
    points: np.ndarray, lines: np.ndarray, chunk: int = 10_000
) -> tuple[np.ndarray, np.ndarray]:
    """Exact nearest distance from points to lines, in bulk; the index of the nearest line.

    The lines are cut into their segments and every distance is the GEOS point-segment
    formula on a segment, so the answer equals ``shapely.distance`` to the nearest line.
    With scipy, candidates come from k-d trees (:func:`_points_to_segments_kd`); without it,
    from an ``STRtree`` of segment envelopes (:func:`_points_to_segments_boxes`). Points left
    unresolved get NaN (the caller uses ``query_nearest`` for them).
    """
    types = shapely.get_type_id(lines)
    if (types == 1).all():  # plain LineStrings: no need to split parts
        parts, part_line = lines, np.arange(len(lines))
    else:
        parts, part_line = shapely.get_parts(lines, return_index=True)
    coords, cidx = shapely.get_coordinates(parts, return_index=True)
    same = cidx[1:] == cidx[:-1]
    a, b = coords[:-1][same], coords[1:][same]
    seg_line = part_line[cidx[:-1][same]]
    dist = np.full(len(points), np.nan)
    index = np.full(len(points), -1, dtype=np.int64)
    if len(a) == 0 or len(points) == 0:
        return dist, index
    px, py = shapely.get_x(points), shapely.get_y(points)
    try:
        from scipy.spatial import cKDTree
    except ImportError:  # scipy is optional
        d, s = _points_to_segments_boxes(px, py, a, b, chunk)
    else:
        d, s = _points_to_segments_kd(px, py, a, b, cKDTree)
    found = s >= 0
    dist[found] = d[found]
    index[found] = seg_line[s[found]]
    return dist, index


def _points_to_segments_kd(
    px: np.ndarray,
    py: np.ndarray,
    a: np.ndarray,
    b: np.ndarray,
    kdtree: Any,
    ks: Sequence[int] = (8, 32, 128),
    chunk: int = 65_536,
) -> tuple[np.ndarray, np.ndarray]:
    """Nearest segment AB of each point, exactly, from a k-d tree of segment *piece* midpoints.

    Segments are cut (for the search only) into pieces no longer than the median segment,
    so each piece's midpoint is within ``h`` (the largest half-piece) of every point of the
    piece. For a point, take its ``k`` nearest midpoints and the exact point-segment distance
    to each of their segments; the smallest, ``D'``, is at least the true nearest distance
    ``D``. The nearest segment's closest point lies on a piece whose midpoint is within
    ``D + h <= D' + h``; so when the ``k``-th midpoint is further than ``D' + h``, every
    candidate was seen and ``D' = D``. Points not settled this way are tried again with the
    next, larger ``k`` of ``ks``; any left after the last are returned unresolved (-1),
    never guessed.
    """
    n = len(px)
    dist = np.full(n, np.nan)
    seg = np.full(n, -1, dtype=np.int64)
    d = b - a
    length = np.hypot(d[:, 0], d[:, 1])
    piece = max(float(np.median(length)), 1e-9)
    pieces = np.maximum(1, np.ceil(length / piece)).astype(np.int64)
    if pieces.sum() > 4 * len(a):  # a few very long segments: fewer, longer pieces
        piece = max(float(np.quantile(length, 0.9)), piece)
        pieces = np.maximum(1, np.ceil(length / piece)).astype(np.int64)
    owner = np.repeat(np.arange(len(a)), pieces)
    within = np.arange(len(owner)) - np.repeat(np.cumsum(pieces) - pieces, pieces)
    t = (within + 0.5) / pieces[owner]
    mids = a[owner] + t[:, None] * d[owner]
    h = float((length / pieces).max()) / 2
    tree = kdtree(mids)
    todo = np.arange(n)
    for k in ks:
        k = min(k, len(mids))
        left = []
        for begin in range(0, len(todo), chunk):
            q = todo[begin : begin + chunk]
            near, cand = tree.query(np.column_stack([px[q], py[q]]), k=k, workers=-1)
            if k == 1:
                near, cand = near[:, None], cand[:, None]
            cand_seg = owner[cand]
            cd = _segment_distance(
                px[q][:, None], py[q][:, None], a[cand_seg, 0], a[cand_seg, 1], b[cand_seg, 0], b[cand_seg, 1]
            )
            best = np.argmin(cd, axis=1)
            rows = np.arange(len(q))
            best_d = cd[rows, best]
            if k == len(mids):
                complete = np.ones(len(q), dtype=bool)
            else:  # a hair wider than D' + h: rounding can only make the test stricter
                complete = near[:, -1] > (best_d + h) * (1 + 1e-9) + 1e-9
            dist[q[complete]] = best_d[complete]
            seg[q[complete]] = cand_seg[rows, best][complete]
            left.append(q[~complete])
        todo = np.concatenate(left)
        if len(todo) == 0 or k == len(mids):
            break
    return dist, seg


def _points_to_segments_boxes(
    px: np.ndarray, py: np.ndarray, a: np.ndarray, b: np.ndarray, chunk: int
) -> tuple[np.ndarray, np.ndarray]:
    """Without scipy: segment envelopes in an ``STRtree``. For a square of half-side *r*
    around a point, every segment whose envelope meets the square is a candidate; the answer
    is exact when the nearest candidate is within *r* (any segment nearer than *r* meets the
    disc of radius *r*, hence the square). Two rounds of *r* from the segment density; points
    still unresolved get -1."""
    n = len(px)
    dist = np.full(n, np.nan)
    seg = np.full(n, -1, dtype=np.int64)
    lo, hi = np.minimum(a, b), np.maximum(a, b)
    tree = shapely.STRtree(shapely.box(lo[:, 0], lo[:, 1], hi[:, 0], hi[:, 1]))
    width = max(hi[:, 0].max() - lo[:, 0].min(), 1.0)
    height = max(hi[:, 1].max() - lo[:, 1].min(), 1.0)
    r = max(float(np.sqrt(width * height / len(a))), 1e-6)
    todo = np.arange(n)
    for radius in (r, 4 * r):
        left = []
        for start in range(0, len(todo), chunk):
            q = todo[start : start + chunk]
            qi, si = tree.query(shapely.box(px[q] - radius, py[q] - radius, px[q] + radius, py[q] + radius))
            d = _segment_distance(px[q][qi], py[q][qi], a[si, 0], a[si, 1], b[si, 0], b[si, 1])
            order = np.lexsort((d, qi))
            qi, si, d = qi[order], si[order], d[order]
            first = np.flatnonzero(np.r_[True, qi[1:] != qi[:-1]]) if len(qi) else np.zeros(0, np.int64)
            best_q, best_d, best_s = qi[first], d[first], si[first]
            good = best_d <= radius
            dist[q[best_q[good]]] = best_d[good]
            seg[q[best_q[good]]] = best_s[good]
            resolved = np.zeros(len(q), dtype=bool)
            resolved[best_q[good]] = True
            left.append(q[~resolved])
        todo = np.concatenate(left) if left else todo[:0]
        if len(todo) == 0:
            break
    return dist, seg


def match_places(
    sites: np.ndarray, places: np.ndarray, search_radius: float
) -> tuple[np.ndarray, np.ndarray]:
    """The place (postcode point or area polygon) describing each site's coverage.

    First the polygonal place containing the site's representative point; otherwise the
    nearest place within ``search_radius`` metres. Returns ``(index, distance)``; index -1
    when none.
    """
    sites = np.asarray(sites, dtype=object)
    places = np.asarray(places, dtype=object)
    index = np.full(len(sites), -1, dtype=np.int64)
    dist = np.full(len(sites), np.nan)
    s_ok = np.flatnonzero(_valid(sites))
    p_ok = _valid(places)
    if len(s_ok) == 0 or not p_ok.any():
        return index, dist
    pts = sites[s_ok]
    not_point = shapely.get_type_id(pts) != 0
    if not_point.any():  # a point is its own representative point
        pts = pts.copy()
        pts[not_point] = shapely.point_on_surface(pts[not_point])
    poly_idx = np.flatnonzero(p_ok & np.isin(shapely.get_type_id(places), (3, 6)))
    if len(poly_idx):
        tree = shapely.STRtree(places[poly_idx])
        # covered_by, not within: a point on the edge two areas share (ONSPD's whole metres on a
        # metre grid) lies within neither, and was reported as in no area
        qi, ti = tree.query(pts, predicate="covered_by")
        # first containing area per site (areas should not overlap; ties go to the lowest index)
        order = np.lexsort((poly_idx[ti], qi))
        qi, ti = qi[order], ti[order]
        first = np.unique(qi, return_index=True)[1]
        index[s_ok[qi[first]]] = poly_idx[ti[first]]
        dist[s_ok[qi[first]]] = 0.0
    todo = s_ok[index[s_ok] < 0]
    all_idx = np.flatnonzero(p_ok)
    if len(todo) and search_radius > 0:
        todo = _points_near_points(sites, places, all_idx, todo, search_radius, index, dist)
    if len(todo) and search_radius > 0:
        tree = shapely.STRtree(places[all_idx])
        (qi, ti), d = tree.query_nearest(
            sites[todo], max_distance=search_radius, return_distance=True, all_matches=False
        )
        index[todo[qi]] = all_idx[ti]
        dist[todo[qi]] = d
    return index, dist


def _points_near_points(sites, places, all_idx, todo, radius, index, dist) -> np.ndarray:
    """Point sites against point places with a k-d tree (scipy, when installed); fills
    ``index``/``dist`` and returns the sites still to do (all of them without scipy)."""
    try:
        from scipy.spatial import cKDTree
    except ImportError:
        return todo
    if not (shapely.get_type_id(places[all_idx]) == 0).all():
        return todo
    pts = shapely.get_type_id(sites[todo]) == 0
    q = todo[pts]
    if len(q) == 0:
        return todo
    xy = shapely.get_coordinates(places[all_idx])
    d, i = cKDTree(xy).query(
        shapely.get_coordinates(sites[q]), distance_upper_bound=np.nextafter(radius, np.inf), workers=-1
    )
    hit = np.isfinite(d)
    index[q[hit]] = all_idx[i[hit]]
    dist[q[hit]] = d[hit]
    return todo[~pts]


@dataclass
class GapResult:
    spine_distance_m: np.ndarray
    place_index: np.ndarray
    place_distance_m: np.ndarray
    in_notspot: np.ndarray
    gap_class: np.ndarray

    def counts(self) -> dict[str, int]:
        return {c: int(np.sum(self.gap_class == c)) for c in GAP_CLASSES}


def find_coverage_gaps(
    sites: np.ndarray,
    places: np.ndarray,
    place_is_notspot: np.ndarray,
    spine: np.ndarray,
    max_spine_distance: float,
    search_radius: float,
) -> GapResult:
    """Classify each site (see the module docstring for the gap classes)."""
    sites = np.asarray(sites, dtype=object)
    spine_d, _ = nearest_distance(sites, spine)
    p_idx, p_dist = match_places(sites, places, search_radius)
    notspot = np.asarray(place_is_notspot, dtype=bool)
    in_ns = np.zeros(len(sites), dtype=bool)
    matched = p_idx >= 0
    in_ns[matched] = notspot[p_idx[matched]]
    cls = np.full(len(sites), "no_coverage_data", dtype=object)
    cls[matched & ~in_ns] = "connected"
    near = np.nan_to_num(spine_d, nan=np.inf) <= max_spine_distance
    cls[in_ns & near] = "near_spine_notspot"
    cls[in_ns & ~near] = "far_from_spine_notspot"
    cls[~_valid(sites)] = "unlocated"
    return GapResult(spine_d, p_idx, p_dist, in_ns, cls)


@dataclass
class OpportunityResult:
    works_index: np.ndarray  # indexes into the works arrays, best first
    spine_distance_m: np.ndarray
    notspot_places: np.ndarray
    affected: np.ndarray
    length_m: np.ndarray
    days_to_start: np.ndarray
    score: np.ndarray
    excluded_ended: int


def spine_opportunities(
    works: np.ndarray,
    spine: np.ndarray,
    places: np.ndarray,
    place_is_notspot: np.ndarray,
    place_affected: np.ndarray,
    max_spine_distance: float,
    notspot_distance: float,
    start_day: np.ndarray | None = None,
    end_day: np.ndarray | None = None,
    reference_day: int | None = None,
) -> OpportunityResult:
    """Works within ``max_spine_distance`` of the spine that pass within ``notspot_distance``
    of a not-spot, scored and ranked (module docstring). Days are integer days
    (:mod:`.dates`); missing days are NaN."""
    works = np.asarray(works, dtype=object)
    n = len(works)
    spine_d, _ = nearest_distance(works, spine)
    near_spine = np.nan_to_num(spine_d, nan=np.inf) <= max_spine_distance
    start = np.full(n, np.nan) if start_day is None else np.asarray(start_day, dtype=float)
    end = np.full(n, np.nan) if end_day is None else np.asarray(end_day, dtype=float)
    ended = np.zeros(n, dtype=bool)
    if reference_day is not None:
        ended = np.nan_to_num(end, nan=np.inf) < reference_day
    candidates = np.flatnonzero(near_spine & ~ended & _valid(works))
    ns_idx = np.flatnonzero(np.asarray(place_is_notspot, dtype=bool) & _valid(places))
    affected = np.zeros(n)
    nplaces = np.zeros(n, dtype=np.int64)
    if len(candidates) and len(ns_idx):
        tree = shapely.STRtree(np.asarray(places, dtype=object)[ns_idx])
        qi, ti = tree.query(works[candidates], predicate="dwithin", distance=notspot_distance)
        weights = np.asarray(place_affected, dtype=float)[ns_idx[ti]]
        np.add.at(affected, candidates[qi], weights)
        np.add.at(nplaces, candidates[qi], 1)
    keep = candidates[nplaces[candidates] > 0]
    length = shapely.length(works[keep]) if len(keep) else np.zeros(0)
    if reference_day is None:
        days = np.full(len(keep), np.nan)
    else:
        days = start[keep] - reference_day
    spine_factor = 0.5 + 0.5 * (1.0 - spine_d[keep] / max_spine_distance) if max_spine_distance > 0 else 1.0
    length_factor = 1.0 + np.minimum(length, 1000.0) / 1000.0
    date_factor = 1.0 / (1.0 + np.maximum(0.0, np.nan_to_num(days, nan=0.0)) / 90.0)
    score = np.round(affected[keep] * spine_factor * length_factor * date_factor, 3)
    order = np.lexsort((keep, -score))
    keep = keep[order]
    return OpportunityResult(
        works_index=keep,
        spine_distance_m=spine_d[keep],
        notspot_places=nplaces[keep],
        affected=affected[keep],
        length_m=np.asarray(length)[order],
        days_to_start=np.asarray(days)[order],
        score=score[order],
        excluded_ended=int(np.sum(ended & near_spine)),
    )


def place_affected(records: list[dict[str, Any]]) -> np.ndarray:
    """Premises unable to get the level per place (premises × share / 100), else 1."""
    out = np.ones(len(records))
    for i, r in enumerate(records):
        premises, share = r.get("premises"), r.get("notspot_share_pct")
        if premises is not None and share is not None:
            out[i] = float(premises) * float(share) / 100.0
    return out


def aggregate_to_areas(
    records: list[dict[str, Any]],
    areas: np.ndarray,
    area_codes: list[str],
    lookup: dict[str, str] | None = None,
) -> tuple[list[dict[str, Any]], list[str]]:
    """Postcode records aggregated to area polygons: each postcode goes to the area whose
    code ``lookup[postcode]`` names, else to the area containing its point. Metrics are
    premises-weighted means (plain means when premises are unknown). Returns the area
    records (``area_code``, ``postcodes``, metrics, ``geometry``) and the postcodes that
    fell in no area."""
    areas = np.asarray(areas, dtype=object)
    code_index = {c: i for i, c in enumerate(area_codes)}
    target = np.full(len(records), -1, dtype=np.int64)
    if lookup:
        for i, r in enumerate(records):
            code = lookup.get(r.get("postcode") or "")
            if code in code_index:
                target[i] = code_index[code]
    todo = np.flatnonzero(target < 0)
    geoms = np.array([records[i].get("geometry") for i in todo] + [None], dtype=object)[:-1]
    if len(todo):
        idx, _ = match_places(geoms, areas, 0.0)
        target[todo] = idx
    metric_names = sorted(
        {
            k
            for r in records
            for k, v in r.items()
            if isinstance(v, float) and k.endswith("_pct") and not k.startswith("notspot_")
        }
    )
    out: list[dict[str, Any]] = []
    by_area: dict[int, list[int]] = {}
    for i, t in enumerate(target):
        if t >= 0:
            by_area.setdefault(int(t), []).append(i)
    for a, members in sorted(by_area.items()):
        rec: dict[str, Any] = {"area_code": area_codes[a], "postcodes": len(members), "geometry": areas[a]}
        prem = [records[i].get("premises") for i in members]
        rec["premises"] = (
            int(sum(p for p in prem if p is not None)) if any(p is not None for p in prem) else None
        )
        for m in metric_names:
            vals = [(records[i].get(m), records[i].get("premises")) for i in members]
            vals = [(v, w) for v, w in vals if v is not None]
            if not vals:
                rec[m] = None
                continue
            weights = np.array([w if w else 0.0 for _, w in vals], dtype=float)
            values = np.array([v for v, _ in vals], dtype=float)
            rec[m] = float(np.average(values, weights=weights)) if weights.sum() > 0 else float(values.mean())
        out.append(rec)
    missed = [records[i].get("postcode") or "" for i in np.flatnonzero(target < 0)]
    return out, missed

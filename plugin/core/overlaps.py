"""The dig-once engine: clashes and opportunities between works, and coordination groups.

Arrays in, arrays out (shapely 2 geometries in EPSG:27700, integer days), no QGIS.

This module is the public entry: :func:`find_overlaps` and its result. The engine lives by
topic next to it (import a name from its topic module; the unusable reasons ``R_*`` are only
there):

* :mod:`.works`: the works container (:class:`Works`), screening and unusable reasons, ids'
  order;
* :mod:`.pairs`: near pairs (grid join of :mod:`.nearjoin`), same-street pairs, window
  classification, shortest segments;
* :mod:`.groups`: connected components, group numbering and summaries, owner lists, hulls;
* :mod:`.parallel`: the one task runner (threads, progress, cancel) all of them use.

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

from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field

import numpy as np
import shapely

from .compact import concatenate, subset, take
from .errors import InputError
from .groups import Groups, connected_components, group_hulls, hull_rings, number_groups, summarise
from .groups import owner_lists as _owner_lists
from .memory import TRIM_MIN_ITEMS, release_free_memory
from .nearjoin import near_pairs
from .pairs import (
    CLASH,
    KIND_NAMES,
    OPPORTUNITY,
    _present,
    classify_windows,
    near_pairs_reference,
    same_code_pairs,
    shortest_segments,
    with_pairs,
)
from .parallel import Progress, Ticker, threaded_chunks
from .schema import EXCLUDED_PERMIT_STATUSES
from .works import (
    MISSING_DAY,
    Screening,
    Vertices,
    Works,
    as_days,
    codes,
    id_rank,
    id_text,
    normal_key,
    object_column,
    screen,
)
from .works import id_rank as _id_rank

__all__ = [
    "CLASH",
    "KIND_NAMES",
    "MISSING_DAY",
    "OPPORTUNITY",
    "Groups",
    "OverlapResult",
    "Progress",
    "Screening",
    "Vertices",
    "Works",
    "_id_rank",
    "_owner_lists",
    "as_days",
    "classify_windows",
    "connected_components",
    "find_overlaps",
    "group_hulls",
    "hull_rings",
    "near_pairs",
    "near_pairs_reference",
    "normal_key",
    "object_column",
    "same_code_pairs",
    "screen",
    "shortest_segments",
    "threaded_chunks",
    "with_pairs",
]


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
    summary: Groups | Future  # the groups' summary, or its summarising under way (``groups``)
    work_group: np.ndarray  # group id per work of the first set, 0 when in none
    other_group: np.ndarray | None  # same for ``other``
    unusable: np.ndarray  # indices of unusable works in the first set
    unusable_reasons: np.ndarray
    other_unusable: np.ndarray = field(default_factory=lambda: np.empty(0, np.int64))
    other_unusable_reasons: np.ndarray = field(default_factory=lambda: np.empty(0, object))
    n_excluded: int = 0
    n_repaired: int = 0

    @property
    def groups(self) -> Groups:
        """The coordination groups' summary (waits for it when it is made in the background)."""
        if isinstance(self.summary, Future):
            self.summary = self.summary.result()
        return self.summary

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


#: near pairs classified at a time by :func:`_in_windows`
_WINDOW_CHUNK = 1 << 20


def _in_windows(
    i: np.ndarray,
    j: np.ndarray,
    start: np.ndarray,
    end: np.ndarray,
    max_gap_days: int,
    owner_codes: np.ndarray | None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Which near pairs ``(i, j)`` are a clash or an opportunity (:func:`classify_windows`),
    leaving out pairs of one owner when ``owner_codes`` is given (a code < 0: no owner, kept):
    the mask over the pairs, then the kept pairs' kind, gap and overlap days. A chunk of pairs
    at a time: a year of England's 4.9M near pairs in one go held ten pair-long temporaries
    (~370 MB) at the engine's peak."""
    keep = np.zeros(len(i), dtype=bool)
    kinds, gaps, overlaps = [np.empty(0, np.int8)], [np.empty(0, np.int64)], [np.empty(0, np.int64)]
    for at in range(0, len(i), _WINDOW_CHUNK):
        a, b = i[at : at + _WINDOW_CHUNK], j[at : at + _WINDOW_CHUNK]
        kind, gap, overlap = classify_windows(start[a], end[a], start[b], end[b], max_gap_days)
        kept = kind > 0
        if owner_codes is not None:
            owner_a = owner_codes[a]
            kept &= (owner_a < 0) | (owner_a != owner_codes[b])
        keep[at : at + len(a)] = kept
        kinds.append(kind[kept])
        gaps.append(gap[kept])
        overlaps.append(overlap[kept])
    return keep, np.concatenate(kinds), np.concatenate(gaps), np.concatenate(overlaps)


def _joined(parts: list[np.ndarray]) -> np.ndarray:
    """The parts one after the other (one part: itself, not a copy)."""
    return parts[0] if len(parts) == 1 else np.concatenate(parts)


def _joined_ids(parts: list[np.ndarray]) -> np.ndarray:
    """The sets' ids one after the other: bytes when all are (``ascii_ids``), else text."""
    if len(parts) == 1 or all(p.dtype.kind == "S" for p in parts):
        return _joined(parts)
    return np.concatenate([id_text(p) for p in parts])


def _rows_of(geoms, rows: np.ndarray):
    """``geoms[rows]`` (``rows`` increasing); every row: ``geoms`` itself, not a copy (a
    year's compact works: 128 MB)."""
    return geoms if len(rows) == len(geoms) else subset(geoms, rows)


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
    release_geometries: bool = False,
    groups_in_background: bool = False,
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
    release_geometries:
        The caller is done with the works' geometries: ``works.geometries`` (and
        ``other.geometries``) are set to None as soon as the shortest lines are drawn, so the
        groups are summarised without them (about 250 bytes a work: 3M works' peak ~2.6 ->
        ~1.9 GB). Everything else in ``works`` stays.
    groups_in_background:
        The groups' summary (owners, dates, hulls: ~2.6 s at 3M works) is made on a thread of
        its own while the caller goes on (writing the pairs, which need only each pair's
        group number); ``result.groups`` waits for it. Progress covers the pairs only then.
    """
    if max_gap_days < 0:
        raise InputError(f"max_gap_days must be >= 0, not {max_gap_days!r}", field="MAX_GAP_DAYS")
    tick = Ticker(progress)
    tick.stage(0.0, 0.03)
    first = screen(works, excluded_statuses, tick)
    tick.stage(0.03, 0.01)
    second = screen(other, excluded_statuses, tick) if other is not None else None
    tick.stage(0.04, 0.01)
    n_a = len(works)
    # Everything below works in one combined index space: first set, then other.
    sets = [(works, first)] + ([(other, second)] if other is not None and second is not None else [])
    # (one set: the arrays themselves, read only: no copies, ~100 MB at 3M works)
    geoms = concatenate([s.geometries for _, s in sets])
    usable = _joined([s.usable for _, s in sets])
    start = _joined([w.start for w, _ in sets])
    end = _joined([w.end for w, _ in sets])
    ids = _joined_ids([w.ids for w, _ in sets])
    owner_names = _joined([w.owners for w, _ in sets])
    tick(0.5)
    owner_codes = codes(owner_names)
    n_all = len(geoms)

    idx_a = np.flatnonzero(usable[:n_a])
    idx_b = np.flatnonzero(usable[n_a:]) + n_a if other is not None else idx_a
    tick.stage(0.05, 0.6)
    if other is None:  # the unusable works left out in place, not by a copy of the others
        i, j, dist = near_pairs(geoms, distance, progress=tick, skip=None if usable.all() else ~usable)
    else:
        i, j, dist = near_pairs(_rows_of(geoms, idx_a), distance, _rows_of(geoms, idx_b), progress=tick)
        i, j = idx_a[i], idx_b[j]

    if same_street:
        usrns = [w.usrns if w.usrns is not None else np.full(len(w), None, dtype=object) for w, _ in sets]
        usrn_codes = codes(np.concatenate(usrns))
        codes_a = np.where(usable[idx_a], usrn_codes[idx_a], -1)
        if other is None:
            si, sj = same_code_pairs(codes_a)
        else:
            si, sj = same_code_pairs(codes_a, usrn_codes[idx_b])
        i, j, dist = with_pairs(i, j, dist, idx_a[si], idx_b[sj], n_all)
    tick.stage(0.65, 0.05)

    keep, kind, gap, overlap = _in_windows(
        i, j, start, end, max_gap_days, None if include_same_owner else owner_codes
    )
    tick(0.2)  # millions of near pairs at England scale: each step here takes ~0.3 s
    i, j, dist = i[keep], j[keep], dist[keep]
    del keep
    tick(0.3)

    # Stable orientation and order: by id (one set: smaller id first), then by id_b.
    involved = _present(n_all, i, j)
    tick(0.45)
    rank = np.full(n_all, -1, dtype=np.int64)
    rank[involved] = id_rank(ids[involved], lambda f: tick(0.45 + 0.15 * f))
    tick(0.6)
    if other is None:
        swap = rank[j] < rank[i]
        i, j = np.where(swap, j, i), np.where(swap, i, j)
    tick(0.65)
    # by rank[i], then rank[j]: one stable sort of one int64 key (ranks < n_all, so no
    # overflow below 3e9 works), the order np.lexsort gives, ~3x faster
    order = np.argsort(rank[i] * n_all + rank[j], kind="stable")
    tick(0.9)
    i, j, dist, kind, gap, overlap = i[order], j[order], dist[order], kind[order], gap[order], overlap[order]

    tick.stage(0.7, 0.02)
    missing_dist = np.isnan(dist)
    if missing_dist.any():  # same-street pairs beyond the distance
        dist[missing_dist] = shapely.distance(take(geoms, i[missing_dist]), take(geoms, j[missing_dist]))
    # Only the works in a pair need their vertices (shortest lines, group hulls): the others
    # are left out of the one pass over the coordinates.
    large = n_all >= TRIM_MIN_ITEMS
    if large:
        release_free_memory()
    vertices = Vertices(geoms, tick, rows=involved)
    if large:
        release_free_memory()  # the gathering's temporaries, before the lines' arrays are made
    tick.stage(0.72, 0.08)
    ends = shortest_segments(geoms, i, j, tick, vertices=vertices)
    if release_geometries:  # the rest works on vertices, days and owners
        del geoms
        for work_set, screening in sets:
            work_set.geometries = screening.geometries = None
        release_free_memory()

    tick.stage(0.8, 0.04)
    work_group_all, members = number_groups(n_all, i, j, rank, tick)
    pair_group = work_group_all[i]
    tick.stage(0.84, 0.16)
    summary_of = (work_group_all, members, pair_group, kind, start, end, owner_names, owner_codes, vertices)
    if groups_in_background:
        release_free_memory()  # the steps' temporaries, before the caller writes the outputs
        pool = ThreadPoolExecutor(1, thread_name_prefix="digonce-groups")
        summary: Groups | Future = pool.submit(summarise, *summary_of)
        pool.shutdown(wait=False)  # not a `with`: that would wait; the thread ends with its task
    else:
        summary = summarise(*summary_of, tick)
        release_free_memory()  # the steps' temporaries, before the caller writes the outputs
    del summary_of
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
        summary=summary,
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

"""Coordination groups: the connected components of the pairs, numbered, summarised, with
their owners and hulls.

* :func:`connected_components`: union-find in numpy over the pairs (no recursion, no scipy).
* :func:`number_groups`: groups numbered 1.. in the order of the smallest work id they hold,
  so numbering does not depend on input order.
* :func:`summarise`: per group its works, owners (:func:`owner_lists`), first start, last
  end, clashes, opportunities, ``days_saved`` and hull (:func:`hull_rings`: the convex hull
  of its works' vertices, a point or a segment widened to a 1 m rectangle).

No QGIS here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import shapely

from .pairs import CLASH, OPPORTUNITY, _present
from .parallel import chunked, no_progress
from .ranges import ranges
from .rings import Rings
from .works import Vertices


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
    tick = progress or no_progress
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


def number_groups(
    n: int, i: np.ndarray, j: np.ndarray, rank: np.ndarray, progress: Callable[[float], None] | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Group id (1-based, 0 for none) of each of ``n`` works joined by the pairs ``i``-``j``,
    groups numbered in the order of the smallest ``rank`` they contain; and the works in a
    group (sorted). ``progress`` as in :func:`connected_components`."""
    label = connected_components(n, i, j, progress)
    members = _present(n, i, j)
    roots = label[members]
    # Number groups by the smallest id rank they contain.
    root_ids, member_group = _dense_codes(roots, n)
    smallest = np.full(len(root_ids), np.iinfo(np.int64).max, dtype=np.int64)
    np.minimum.at(smallest, member_group, rank[members])
    renumber = np.empty(len(root_ids), dtype=np.int64)
    renumber[np.argsort(smallest, kind="stable")] = np.arange(1, len(root_ids) + 1)
    work_group = np.zeros(n, dtype=np.int64)
    work_group[members] = renumber[member_group]
    return work_group, members


def summarise(
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
    """One :class:`Groups` row per group of ``work_group`` (1-based, as :func:`number_groups`
    gives; ``members`` the works in a group, ``pair_group`` and ``kind`` per pair): works,
    owners, first start, last end, clashes, opportunities, ``days_saved`` and hull."""
    tick = progress or no_progress
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
    del order, offsets, s, e, length  # each step's member-long arrays go before the next's
    tick(0.1)
    owners, n_owners = owner_lists(
        g, owner_codes[members], owner_names[members], n_groups, lambda f: tick(0.1 + 0.2 * f)
    )
    n_clashes = np.bincount(pair_group[kind == CLASH] - 1, minlength=n_groups)
    n_opps = np.bincount(pair_group[kind == OPPORTUNITY] - 1, minlength=n_groups)
    tick(0.3)
    xy, vertex_group = vertices.of(members, labels=g)
    del members, g
    tick(0.4)
    hulls = hull_rings(xy, vertex_group, n_groups, lambda f: tick(0.4 + 0.6 * f))
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


_BITS_IN_BYTE = np.array([bin(k).count("1") for k in range(256)], dtype=np.uint8)


def owner_lists(
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
    tick = progress or no_progress
    has = codes >= 0
    if not has.any():
        return [""] * n_groups, np.zeros(n_groups, np.int64)
    rows = None if has.all() else np.flatnonzero(has)  # no copies when every work has an owner
    c = codes if rows is None else codes[rows]
    gc = g if rows is None else g[rows]
    # Each (group, owner) once: groups share owners, so the bit sets below are built over these
    # pairs, not over every member (their member-long arrays were ~160 MB at a year of England).
    width = int(c.max()) + 1
    pair, first_of_pair = np.unique(gc.astype(np.int64) * width + c, return_index=True)
    del gc
    pair_group, pair_code = np.divmod(pair, width)
    del pair
    # ``pair`` is by group, then owner: an owner's first pair is in its first group, which holds
    # its first member (g is sorted), so this is each owner's first spelling in member order
    present, first_pair, dense = np.unique(pair_code, return_index=True, return_inverse=True)
    first_seen = first_of_pair[first_pair]
    del first_of_pair, pair_code
    tick(0.2)
    spelled = names[first_seen if rows is None else rows[first_seen]]
    spelling = [" ".join(str(name).split()) for name in spelled.tolist()]
    order = sorted(range(len(present)), key=lambda k: spelling[k].casefold())  # displayed order
    rank = np.empty(len(present), np.int64)  # position of each owner in that order
    rank[order] = np.arange(len(present))
    by_rank = [spelling[k] for k in order]
    bit = rank[dense]
    del dense
    tick(0.4)
    # One bit set per group: OR of its owners' bits, per 64-bit word, over each group's run of
    # pairs (``pair_group`` is sorted), by reduceat rather than the much slower ``bitwise_or.at``.
    words = (len(present) + 63) // 64
    sets = np.zeros((n_groups, words), np.uint64)
    one = np.left_shift(np.uint64(1), (bit % 64).astype(np.uint64))
    word_of = bit // 64
    for word in range(words):
        in_word = np.flatnonzero(word_of == word)
        if not len(in_word):
            continue
        group_of = pair_group[in_word]
        run_start = np.flatnonzero(np.concatenate([[True], group_of[1:] != group_of[:-1]]))
        sets[group_of[run_start], word] = np.bitwise_or.reduceat(one[in_word], run_start)
    del one, word_of, bit, pair_group
    # bits set a group: a byte's count looked up (unpacking every bit took 8x the set's memory:
    # ~180 MB for a year of England's 395k groups and 417 owners)
    n_owners = _BITS_IN_BYTE[sets.view(np.uint8)].sum(axis=1, dtype=np.int64)
    tick(0.6)
    distinct, which = np.unique(sets.view(np.dtype((np.void, 8 * words))).ravel(), return_inverse=True)
    tick(0.8)
    as_bytes = np.frombuffer(distinct.tobytes(), np.uint8).reshape(len(distinct), 8 * words)
    row, col = np.nonzero(np.unpackbits(as_bytes, axis=1, bitorder="little"))  # by row, then rank
    shown = np.array(by_rank, dtype=object)[col].tolist()
    ends = np.cumsum(np.bincount(row, minlength=len(distinct))).tolist()
    texts = ["; ".join(shown[b:e]) for b, e in zip([0, *ends[:-1]], ends, strict=True)]
    return [texts[k] for k in which.tolist()], n_owners


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
    tick = progress or no_progress
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
    parts_xy: list[np.ndarray] = []  # per chunk: its polygon hulls' rings, and their sizes
    parts_count: list[np.ndarray] = []
    big = np.flatnonzero(~small)
    if len(big):
        is_polygon = np.empty(len(big), dtype=bool)

        def hull(part: slice) -> None:
            # A line through the vertices has their hull, and is ~3x cheaper to build than points.
            # Each chunk's vertices are gathered, and its hulls made coordinates, at once: never
            # all the big groups' vertices copied together (~140 MB at a year of England).
            groups = big[part]
            count = n_vertices[groups]
            lines = shapely.linestrings(
                xy[ranges(first[groups], count)], indices=np.repeat(np.arange(len(groups)), count)
            )
            hulls = shapely.convex_hull(lines)
            del lines
            polygon = shapely.get_type_id(hulls) == 3
            is_polygon[part] = polygon
            thin = np.flatnonzero(~polygon)  # collinear or coincident vertices: a point or a line
            if len(thin):
                ends, which = shapely.get_coordinates(hulls[thin], return_index=True)
                firsts = np.searchsorted(which, np.arange(len(thin)), side="left")
                lasts = np.searchsorted(which, np.arange(len(thin)), side="right") - 1
                rows = groups[thin]
                seg_p[rows], seg_q[rows] = ends[firsts], ends[lasts]
            ring_xy, owner = shapely.get_coordinates(hulls[polygon], return_index=True)
            parts_xy.append(ring_xy)
            parts_count.append(np.bincount(owner, minlength=int(polygon.sum())))

        chunked(len(big), hull, lambda f: tick(0.8 * f))
        polygon_groups = big[is_polygon]
        ring_size[polygon_groups] = np.concatenate([np.empty(0, np.int64), *parts_count])
    offsets = np.zeros(n_groups + 1, dtype=np.int64)
    offsets[1:] = np.cumsum(ring_size)
    out = np.empty((int(offsets[-1]), 2))
    widened = np.ones(n_groups, dtype=bool)
    widened[polygon_groups] = False
    rows = np.flatnonzero(widened)
    out[offsets[rows][:, None] + np.arange(5)] = _widened_segments(seg_p[rows], seg_q[rows])
    del rows, widened
    tick(0.9)
    # each chunk's rings go to their place and are let go: never all the hull vertices twice
    # over beside the output (with their places, ~3.5x the output at a year of England)
    done = 0
    while parts_xy:
        ring_xy, count = parts_xy.pop(0), parts_count.pop(0)
        out[ranges(offsets[polygon_groups[done : done + len(count)]], count)] = ring_xy
        done += len(count)
        del ring_xy
    return Rings(out, offsets)


def _widened_segments(p: np.ndarray, q: np.ndarray, margin: float = 1.0) -> np.ndarray:
    """Rings ``(n, 5, 2)`` of the rectangles around segments ``p``-``q`` (points when equal),
    ``margin`` wider all round."""
    d = q - p
    length = np.hypot(d[:, 0], d[:, 1])
    u = np.where(length[:, None] > 0, d / np.where(length > 0, length, 1.0)[:, None], [1.0, 0.0]) * margin
    n = np.column_stack([-u[:, 1], u[:, 0]])
    return np.stack([p - u - n, q + u - n, q + u + n, p - u + n, p - u - n], axis=1)

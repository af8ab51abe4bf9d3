"""The grid near-pair join against brute force (every pair measured by GEOS) and against the
STRtree reference: same pairs, same distances to the last bit."""

from __future__ import annotations

import contextlib
from unittest import mock

import numpy as np
import pytest
import shapely
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dig_once.plugin.core import geos_exact, nearjoin
from dig_once.plugin.core.compact import CompactGeometries, subset
from dig_once.plugin.core.errors import Cancelled, InputError
from dig_once.plugin.core.overlaps import near_pairs, near_pairs_reference

BASE_X, BASE_Y = 530_000.0, 180_000.0  # British National Grid magnitudes

# GEOS measures a zero-length line as NaN away (never near), with a warning: expected here
pytestmark = pytest.mark.filterwarnings("ignore:invalid value encountered in distance:RuntimeWarning")


def brute(a, distance, b=None):
    """Every pair measured: one set i < j, two sets (i in a, j in b); distance <= inclusive."""
    a = np.asarray(a, dtype=object)
    second = a if b is None else np.asarray(b, dtype=object)
    out = []
    for i in range(len(a)):
        js = np.arange(i + 1 if b is None else 0, len(second))
        if not len(js):
            continue
        with np.errstate(invalid="ignore"):  # NaN for a zero-length line: never near
            d = shapely.distance(np.full(len(js), a[i], dtype=object), second[js])
        out += [(i, int(j), float(x)) for j, x in zip(js, d, strict=True) if x <= distance]
    return sorted(out)


def as_list(i, j, d):
    assert i.dtype == np.int64 and j.dtype == np.int64 and d.dtype == np.float64
    return list(zip(i.tolist(), j.tolist(), d.tolist(), strict=True))


def same(found, expected):
    """Same pairs, and distances equal bit for bit."""
    assert [(i, j) for i, j, _ in found] == [(i, j) for i, j, _ in expected]
    got = np.array([x for _, _, x in found], dtype=np.float64)
    want = np.array([x for _, _, x in expected], dtype=np.float64)
    assert np.array_equal(got.view(np.int64), want.view(np.int64))


@contextlib.contextmanager
def tiny_tasks():
    """Many tiles, chunks and tasks even for a handful of geometries."""
    with (
        mock.patch.object(nearjoin, "_GEOMS_PER_TILE", 3),
        mock.patch.object(nearjoin, "_PAIRS_PER_TASK", 5),
        mock.patch.object(nearjoin, "_GEOMS_PER_TASK", 4),
        mock.patch.object(nearjoin, "_GEOS_PER_TASK", 3),
    ):
        yield


# ----------------------------------------------------------------------------- geometries

# Multiples of 12.5 m make exact distances (25.0 along an axis, 0 for shared vertices) common.
snapped = st.integers(-24, 24).map(lambda k: k * 12.5)
loose = st.floats(-300, 300, allow_nan=False, allow_infinity=False)
coord = st.one_of(snapped, snapped, loose)
xy = st.tuples(coord, coord)


def _shift(points):
    return [(BASE_X + x, BASE_Y + y) for x, y in points]


point = xy.map(lambda p: shapely.Point(_shift([p])[0]))
segment = st.tuples(xy, xy).map(lambda ps: shapely.LineString(_shift(ps)))  # may be zero-length
short_segment = st.tuples(xy, st.tuples(snapped, snapped).filter(lambda d: abs(d[0]) + abs(d[1]) <= 75)).map(
    lambda p: shapely.LineString(_shift([p[0], (p[0][0] + p[1][0], p[0][1] + p[1][1])]))
)
polyline = st.lists(xy, min_size=3, max_size=5).map(lambda ps: shapely.LineString(_shift(ps)))
multipoint = st.lists(xy, min_size=1, max_size=3).map(lambda ps: shapely.MultiPoint(_shift(ps)))


def _box(spec):
    (x, y), w, h = spec
    return shapely.box(BASE_X + x, BASE_Y + y, BASE_X + x + w, BASE_Y + y + h)


small_box = st.tuples(
    xy, st.sampled_from([0.5, 3.0, 12.5, 25.0, 40.0]), st.sampled_from([0.5, 12.5, 60.0])
).map(_box)
huge_box = st.tuples(
    xy, st.sampled_from([400.0, 1000.0, 5000.0]), st.sampled_from([50.0, 800.0, 3000.0])
).map(_box)
# turned and concave shapes (measured in numpy like GEOS when small single rings)
triangle = st.lists(xy, min_size=3, max_size=3).map(lambda ps: shapely.Polygon(_shift(ps)))
pentagon = st.lists(xy, min_size=5, max_size=5).map(lambda ps: shapely.Polygon(_shift(ps)))
long_line = st.tuples(xy, st.sampled_from([(2000.0, 0.0), (0.0, -1500.0), (900.0, 1300.0)])).map(
    lambda p: shapely.LineString(_shift([p[0], (p[0][0] + p[1][0], p[0][1] + p[1][1])]))
)
geometry = st.one_of(
    point,
    point,
    point,
    short_segment,
    short_segment,
    segment,
    polyline,
    multipoint,
    small_box,
    huge_box,
    long_line,
    triangle,
    pentagon,
)
geometries = st.lists(geometry, min_size=0, max_size=40).map(lambda gs: np.array(gs, dtype=object))
distances = st.one_of(st.sampled_from([0.0, 0.5, 12.5, 25.0, 60.0, 400.0]), st.floats(0, 120))

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# ----------------------------------------------------------------------------- properties


@SETTINGS
@given(geometries, distances, st.booleans(), st.sampled_from([1, 2]))
def test_one_set_equals_brute_force(geoms, distance, tiny, workers):
    expected = brute(geoms, distance)
    with tiny_tasks() if tiny else contextlib.nullcontext():
        found = as_list(*nearjoin.near_pairs(geoms, distance, workers=workers))
    same(found, expected)  # sorted by (i, j), i < j, each pair once
    same(sorted(as_list(*near_pairs_reference(geoms, distance))), expected)


@SETTINGS
@given(geometries, geometries, distances, st.booleans(), st.sampled_from([1, 2]))
def test_two_sets_equal_brute_force(a, b, distance, tiny, workers):
    expected = brute(a, distance, b)
    with tiny_tasks() if tiny else contextlib.nullcontext():
        found = as_list(*nearjoin.near_pairs(a, distance, b, workers=workers))
    same(found, expected)
    same(sorted(as_list(*near_pairs_reference(a, distance, b))), expected)


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 2**32 - 1), st.sampled_from([0.0, 1.0, 25.0, 50.0]))
def test_many_works_equal_reference(seed, distance):
    """Street-works-like data (points and short lines, a few polygons, some huge) with enough
    geometries for several tiles, against the STRtree reference."""
    rng = np.random.default_rng(seed)
    n = 3000
    xy = np.column_stack([rng.uniform(0, 1500, n), rng.uniform(0, 1000, n)])
    snap = rng.random(n) < 0.5  # on a 12.5 m lattice: many pairs exactly at the distance
    xy[snap] = np.round(xy[snap] / 12.5) * 12.5
    xy += (BASE_X, BASE_Y)
    geoms = shapely.points(xy)
    lines = rng.random(n) < 0.3
    angle = rng.uniform(0, 2 * np.pi, lines.sum())
    length = rng.choice([12.5, 25.0, 37.5, 60.0], lines.sum())
    ends = xy[lines] + np.column_stack([np.cos(angle), np.sin(angle)]) * length[:, None]
    geoms[lines] = shapely.linestrings(np.stack([xy[lines], ends], axis=1))
    polys = rng.random(n) < 0.03
    geoms[polys] = shapely.buffer(shapely.points(xy[polys]), rng.choice([5.0, 30.0, 400.0], polys.sum()), 4)
    with (
        mock.patch.object(nearjoin, "_GEOMS_PER_TILE", 300),
        mock.patch.object(nearjoin, "_PAIRS_PER_TASK", 997),
    ):
        found = as_list(*nearjoin.near_pairs(geoms, distance))
        half = n // 3
        found2 = as_list(*nearjoin.near_pairs(geoms[:half], distance, geoms[half:]))
    same(found, sorted(as_list(*near_pairs_reference(geoms, distance))))
    same(found2, sorted(as_list(*near_pairs_reference(geoms[:half], distance, geoms[half:]))))


# ----------------------------------------------------------------------------- exact cases


def test_exactly_at_the_distance():
    pts = shapely.points(
        [[BASE_X, BASE_Y], [BASE_X + 25, BASE_Y], [BASE_X + 50, BASE_Y], [BASE_X + 100, BASE_Y]]
    )
    assert as_list(*near_pairs(pts, 25.0)) == [(0, 1, 25.0), (1, 2, 25.0)]
    assert as_list(*near_pairs(pts, float(np.nextafter(25.0, 0.0)))) == []
    # a point 25 m from a line's interior, and a 3-4-5 triangle's hypotenuse
    line = shapely.LineString([(BASE_X, BASE_Y + 25), (BASE_X + 100, BASE_Y + 25)])
    tri = shapely.Point(BASE_X + 115, BASE_Y + 45)  # 15, 20 from the line's end: 25.0
    i, j, d = near_pairs(np.array([pts[1], line, tri], dtype=object), 25.0)
    assert as_list(i, j, d) == [(0, 1, 25.0), (1, 2, 25.0)]


def test_distance_zero_is_touching_only():
    square = shapely.box(BASE_X, BASE_Y, BASE_X + 10, BASE_Y + 10)
    geoms = np.array(
        [
            square,
            shapely.Point(BASE_X + 10, BASE_Y + 5),  # on the boundary
            shapely.Point(BASE_X + 5, BASE_Y + 5),  # inside
            shapely.Point(BASE_X + 10.000001, BASE_Y + 5),  # just outside
            shapely.LineString([(BASE_X + 10, BASE_Y + 10), (BASE_X + 20, BASE_Y + 20)]),  # shares a corner
            shapely.Point(BASE_X + 5, BASE_Y + 5),  # the same as 2
        ],
        dtype=object,
    )
    expected = brute(geoms, 0.0)
    assert [(i, j) for i, j, _ in expected] == [(0, 1), (0, 2), (0, 4), (0, 5), (2, 5)]
    same(as_list(*near_pairs(geoms, 0.0)), expected)


def test_huge_polygons_and_lines_across_many_tiles():
    rng = np.random.default_rng(7)
    pts = shapely.points(rng.uniform(0, 3000, (400, 2)) + np.array([BASE_X, BASE_Y]))
    huge = np.array(
        [
            shapely.box(BASE_X + 500, BASE_Y + 500, BASE_X + 2500, BASE_Y + 900),
            shapely.LineString([(BASE_X - 100, BASE_Y + 1500), (BASE_X + 3100, BASE_Y + 1600)]),
            shapely.box(BASE_X + 1000, BASE_Y - 50, BASE_X + 1040, BASE_Y + 3050),
            shapely.box(BASE_X - 5000, BASE_Y - 5000, BASE_X + 9000, BASE_Y + 9000).exterior,  # around all
        ],
        dtype=object,
    )
    geoms = np.concatenate([pts[:200], huge, pts[200:]])
    with mock.patch.object(nearjoin, "_GEOMS_PER_TILE", 20):
        for distance in (0.0, 25.0, 300.0):
            same(as_list(*nearjoin.near_pairs(geoms, distance)), brute(geoms, distance))
            same(as_list(*nearjoin.near_pairs(huge, distance, pts)), brute(huge, distance, pts))
            same(as_list(*nearjoin.near_pairs(pts, distance, huge)), brute(pts, distance, huge))


def test_empty_inputs_and_empty_geometries():
    none = np.empty(0, dtype=object)
    pts = shapely.points([[BASE_X, BASE_Y], [BASE_X + 1, BASE_Y]])
    for args in ((none, 25.0), (none, 25.0, pts), (pts, 25.0, none), (pts[:1], 25.0)):
        i, j, d = near_pairs(*args)
        assert (len(i), len(j), len(d)) == (0, 0, 0)
        assert i.dtype == np.int64 and d.dtype == np.float64
    # empties are never near anything (as with an STRtree), even at distance 0
    geoms = np.array([shapely.Point(), pts[0], shapely.LineString(), pts[1], shapely.Polygon()], dtype=object)
    assert as_list(*near_pairs(geoms, 5.0)) == [(1, 3, 1.0)]
    assert as_list(*near_pairs(geoms[[0, 2]], 5.0, geoms)) == []
    assert as_list(*near_pairs(geoms[[0, 2]], 5.0)) == []


def test_bad_distance():
    for bad in (-1.0, float("nan"), float("inf")):
        with pytest.raises(InputError):
            nearjoin.near_pairs(shapely.points([[0, 0]]), bad)


def test_progress_and_cancel():
    rng = np.random.default_rng(3)
    geoms = shapely.points(rng.uniform(0, 2000, (20_000, 2)))
    seen: list[float] = []
    with mock.patch.object(nearjoin, "_GEOMS_PER_TILE", 500):
        nearjoin.near_pairs(geoms, 25.0, progress=seen.append)
    assert seen[-1] == 1.0 and seen == sorted(seen) and len(seen) > 10

    calls: list[float] = []

    def cancel(fraction: float) -> None:
        calls.append(fraction)
        if len(calls) == 5:
            raise Cancelled("stop")

    with mock.patch.object(nearjoin, "_GEOMS_PER_TILE", 500), pytest.raises(Cancelled):
        nearjoin.near_pairs(geoms, 25.0, progress=cancel)
    assert len(calls) == 5


# ----------------------------------------------------------------------------- point distances


def test_point_distance_is_geos_bit_for_bit():
    """The one place numpy stands in for GEOS: point-point distances, sqrt(dx*dx + dy*dy).
    Millions of random pairs at BNG magnitudes, including exact and near-threshold ones."""
    assert nearjoin._points_exact()  # the shortcut is in use on this machine
    rng = np.random.default_rng(20260101)
    for _ in range(4):
        n = 500_000
        x0 = rng.uniform(500_000, 565_000, n)
        y0 = rng.uniform(150_000, 205_000, n)
        kind = rng.integers(0, 4, n)
        dx = np.where(kind == 0, rng.uniform(-30, 30, n), 0.0)
        dy = np.where(kind == 0, rng.uniform(-30, 30, n), 0.0)
        # exactly 25 on an axis or as 7-24-25 / 15-20-25 triangles, and one ulp either side
        a, b = np.array([[25, 0], [0, 25], [7, 24], [15, 20], [20, 15]])[rng.integers(0, 5, n)].T
        dx = np.where(kind >= 1, a * rng.choice([-1, 1], n), dx)
        dy = np.where(kind >= 1, b * rng.choice([-1, 1], n), dy)
        x0 = np.where(kind >= 1, np.round(x0), x0)
        y0 = np.where(kind >= 1, np.round(y0), y0)
        x1 = x0 + dx
        y1 = y0 + dy
        x1 = np.where(kind == 2, np.nextafter(x1, np.inf), x1)
        y1 = np.where(kind == 3, np.nextafter(y1, -np.inf), y1)
        ours = geos_exact.point_distance(x0, y0, x1, y1)
        theirs = shapely.distance(shapely.points(x0, y0), shapely.points(x1, y1))
        assert np.array_equal(ours.view(np.int64), theirs.view(np.int64))
        assert (theirs[kind == 1] == 25.0).all()  # the exact ones are exact
        assert ((ours <= 25.0) == (theirs <= 25.0)).all()


def test_without_the_point_shortcut_too():
    rng = np.random.default_rng(11)
    geoms = shapely.points(np.round(rng.uniform(0, 300, (600, 2)) / 12.5) * 12.5 + (BASE_X, BASE_Y))
    with mock.patch.object(nearjoin, "_points_exact", lambda: False):
        without = as_list(*nearjoin.near_pairs(geoms, 25.0))
    with_it = as_list(*nearjoin.near_pairs(geoms, 25.0))
    same(with_it, without)
    same(with_it, brute(geoms, 25.0))


def test_sorting_the_tiles_pairs_consumes_them_and_orders_by_i_then_j():
    # Millions of near pairs at England scale: the tiles' parts are let go as they are merged,
    # never held beside their merged, sorted copy.
    rng = np.random.default_rng(11)
    n = 5_000
    parts = []
    for _ in range(6):
        key = np.unique(rng.integers(0, n * n, 3_000))  # pairs each once, sorted within the part
        i, j = key // n, key % n
        parts.append((i, j, rng.random(len(key))))
    i_all = np.concatenate([p[0] for p in parts])
    j_all = np.concatenate([p[1] for p in parts])
    d_all = np.concatenate([p[2] for p in parts])
    unique = np.unique(i_all * n + j_all, return_index=True)[1]  # parts may not repeat a pair
    keep = np.zeros(len(i_all), bool)
    keep[unique] = True
    parts = [
        (p[0][m], p[1][m], p[2][m])
        for p, m in zip(parts, np.split(keep, np.cumsum([len(p[0]) for p in parts])[:-1]), strict=True)
    ]
    order = np.lexsort((j_all[keep], i_all[keep]))
    expected = (i_all[keep][order], j_all[keep][order], d_all[keep][order])
    found = list(parts)
    i, j, d = nearjoin._sorted(found, n)
    assert found == []
    assert i.dtype == j.dtype == np.int64
    for got, want in zip((i, j, d), expected, strict=True):
        assert np.array_equal(got, want)


# ----------------------------------------------------------------------------- segment distances


def _lines(ax, ay, bx, by):
    return shapely.linestrings(np.stack([np.column_stack([ax, ay]), np.column_stack([bx, by])], axis=1))


def test_point_and_segment_distances_are_geos_bit_for_bit():
    """Pairs of a point and a two-point line, and of two two-point lines, are measured in
    numpy as GEOS measures them (``Distance::pointToSegment`` / ``segmentToSegment``), in
    either operand order: random street-works-sized segments at BNG magnitudes, zero-length
    ones, crossing, touching, parallel and collinear ones, and ends exactly 25 m away."""
    assert nearjoin._segments_exact()  # the shortcut is in use on this machine
    rng = np.random.default_rng(20261203)
    n = 300_000
    ax, ay = rng.uniform(500_000, 565_000, n), rng.uniform(150_000, 205_000, n)
    length = rng.choice([0.0, 0.5, 8.0, 40.0, 300.0], n)
    angle = rng.uniform(0, 2 * np.pi, n)
    bx, by = ax + length * np.cos(angle), ay + length * np.sin(angle)
    case = rng.integers(0, 6, n)
    px, py = ax + rng.uniform(-60, 60, n), ay + rng.uniform(-60, 60, n)
    qx, qy = px + rng.uniform(-40, 40, n), py + rng.uniform(-40, 40, n)
    # 1: crossing AB through its middle; 2: parallel 25 m off; 3: collinear, overlapping;
    # 4: touching at B; 5: zero-length PQ
    mx, my = (ax + bx) / 2, (ay + by) / 2
    qx = np.where(case == 1, 2 * mx - px, qx)
    qy = np.where(case == 1, 2 * my - py, qy)
    px = np.where(case == 2, np.round(ax), px)
    py = np.where(case == 2, np.round(ay) + 25.0, py)
    qx = np.where(case == 2, px + 10.0, qx)
    qy = np.where(case == 2, py, qy)
    for k, (x, y) in ((3, (ax + 0.3 * (bx - ax), ay + 0.3 * (by - ay))), (4, (bx, by))):
        px, py = np.where(case == k, x, px), np.where(case == k, y, py)
    qx = np.where(case == 3, bx + (bx - ax), qx)
    qy = np.where(case == 3, by + (by - ay), qy)
    qx, qy = np.where(case == 5, px, qx), np.where(case == 5, py, qy)
    ab, pq, points = _lines(ax, ay, bx, by), _lines(px, py, qx, qy), shapely.points(px, py)
    with np.errstate(invalid="ignore"):  # GEOS flags zero-length lines; the distance is right
        checks = (
            (geos_exact.point_segment(px, py, ax, ay, bx, by), shapely.distance(points, ab)),
            (geos_exact.point_segment(px, py, ax, ay, bx, by), shapely.distance(ab, points)),
            (geos_exact.segment_segment(ax, ay, bx, by, px, py, qx, qy), shapely.distance(ab, pq)),
            (geos_exact.segment_segment(px, py, qx, qy, ax, ay, bx, by), shapely.distance(pq, ab)),
        )
    for ours, theirs in checks:
        assert np.array_equal(ours.view(np.int64), theirs.view(np.int64))
    assert (checks[2][1][(case == 1) & (length > 0)] == 0).all() and (
        checks[2][1][(case == 2) & (length == 0)] > 0
    ).all()


def test_without_the_segment_shortcut_too():
    rng = np.random.default_rng(12)
    xy = np.round(rng.uniform(0, 300, (700, 2)) / 12.5) * 12.5 + (BASE_X, BASE_Y)
    ends = xy + np.round(rng.uniform(-30, 30, (700, 2)))
    ends[::9] = xy[::9]  # some zero-length lines
    geoms = np.where(np.arange(700) % 3 == 0, shapely.points(xy), _lines(*xy.T, *ends.T))
    with mock.patch.object(nearjoin, "_segments_exact", lambda: False):
        without = as_list(*nearjoin.near_pairs(geoms, 25.0))
    with_it = as_list(*nearjoin.near_pairs(geoms, 25.0))
    same(with_it, without)
    same(with_it, brute(geoms, 25.0))
    with mock.patch.object(nearjoin, "_segments_exact", lambda: False):
        without = as_list(*nearjoin.near_pairs(geoms[:300], 25.0, geoms[300:]))
    same(as_list(*nearjoin.near_pairs(geoms[:300], 25.0, geoms[300:])), without)


# ----------------------------------------------------------------------------- few against many


def _few_and_many(rng: np.random.Generator):
    """40 restriction-like geometries (boxes, lines, points, one empty, one long road) spread
    over a county, 4,000 works around and between them, many exactly 25 m from one."""
    centres = rng.uniform(0, 60_000, (40, 2)) + np.array([BASE_X, BASE_Y])
    few = [shapely.box(x - 40, y - 8, x + 40, y + 8) for x, y in centres[:20]]
    few += [shapely.LineString([(x, y), (x + 120, y + 30)]) for x, y in centres[20:30]]
    few += [shapely.Point(x, y) for x, y in centres[30:38]]
    few += [shapely.LineString([(BASE_X, BASE_Y + 30_000), (BASE_X + 60_000, BASE_Y + 30_500)])]
    few += [shapely.Point()]
    near = centres[rng.integers(0, 40, 2_000)] + rng.normal(0, 60, (2_000, 2))
    exact = centres[rng.integers(30, 38, 500)] + np.array([25.0, 0.0])  # 25 m from a point, on an axis
    anywhere = rng.uniform(-5_000, 65_000, (1_500, 2)) + np.array([BASE_X, BASE_Y])
    xy = np.concatenate([near, exact, anywhere])
    many = shapely.points(xy)
    many[::7] = shapely.linestrings(
        np.stack([xy[::7], xy[::7] + rng.uniform(-30, 30, (len(xy[::7]), 2))], axis=1)
    )
    many[5] = shapely.Point()
    return np.array(few, dtype=object), many


@pytest.mark.parametrize("few_first", [True, False])
def test_a_few_against_many_finds_exactly_the_pairs_of_the_full_join(few_first):
    few, many = _few_and_many(np.random.default_rng(3))
    a, b = (few, many) if few_first else (many, few)
    with mock.patch.object(nearjoin, "_FEW_RATIO", 10**9):  # the join of everything
        everything = as_list(*nearjoin.near_pairs(a, 25.0, b))
    found = as_list(*nearjoin.near_pairs(a, 25.0, b))
    same(found, everything)
    same(found, brute(a, 25.0, b))
    assert len(found) > 300


def test_a_few_against_many_joins_only_the_many_near_the_few(monkeypatch):
    # A year of England's works against its Section 58s: the works far from every restriction
    # never enter the grid join.
    few, many = _few_and_many(np.random.default_rng(4))
    sizes: list[int] = []
    join = nearjoin._join
    monkeypatch.setattr(
        nearjoin, "_join", lambda geoms, *rest: sizes.append(len(geoms)) or join(geoms, *rest)
    )
    pairs = nearjoin.near_pairs(many, 25.0, few)
    assert len(pairs[0]) > 300
    assert sizes and sizes[0] < 0.75 * (len(many) + len(few))


def test_a_few_against_many_takes_the_boxes_in_pieces_with_rising_progress_and_a_cancel(monkeypatch):
    # The many's boxes are taken in pieces on every core (a year of England: 3M works): the
    # same pairs as in one piece, progress never going back, and a cancel stops between pieces.
    few, many = _few_and_many(np.random.default_rng(5))
    whole = as_list(*nearjoin.near_pairs(many, 25.0, few))
    monkeypatch.setattr(nearjoin, "_BOUNDS_CHUNK", 500)
    seen: list[float] = []
    same(as_list(*nearjoin.near_pairs(many, 25.0, few, progress=seen.append)), whole)
    assert seen == sorted(seen) and seen[-1] == 1.0
    assert len([f for f in seen if 0 < f <= 0.1]) >= 4  # ticks while the boxes are taken

    def cancel(fraction: float) -> None:
        if 0 < fraction <= 0.1:
            raise Cancelled("stop")

    with pytest.raises(Cancelled):
        nearjoin.near_pairs(many, 25.0, few, progress=cancel)


def test_the_tiles_pairs_wait_for_the_final_sort_with_32_bit_indices(monkeypatch):
    """Between the tiles and the final sort, a pair's indices take 4 bytes each, not 8 (a year
    of England's 4.9M near pairs: 39 MB less at the join's peak); the result is int64 and the
    pairs are the reference's, also where i * n passes 2**31 (100,000 geometries)."""
    from dig_once.plugin.core.pairs import near_pairs_reference

    rng = np.random.default_rng(11)
    geoms = shapely.points(rng.uniform(0, 26_000, (100_000, 2)) + np.array([BASE_X, BASE_Y]))
    handed: list[list[np.dtype]] = []
    real = nearjoin._sorted

    def spy(found, n):
        handed.append([part[0].dtype for part in found] + [part[1].dtype for part in found])
        return real(found, n)

    monkeypatch.setattr(nearjoin, "_sorted", spy)
    monkeypatch.setattr(nearjoin, "_GEOMS_PER_TILE", 3000)  # several tiles
    i, j, d = nearjoin.near_pairs(geoms, 25.0)
    assert len(i) > 5_000 and i.dtype == j.dtype == np.int64
    assert int(i.max()) * len(geoms) > 2**31
    final = handed[-1]
    assert len(final) > 4 and set(final) == {np.dtype(np.int32)}
    ri, rj, rd = near_pairs_reference(geoms, 25.0)
    order = np.lexsort((rj, ri))  # the reference gives them in query order
    ri, rj, rd = ri[order], rj[order], rd[order]
    assert i.tolist() == ri.tolist() and j.tolist() == rj.tolist()
    assert d.tobytes() == rd.tobytes()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**16), compact=st.booleans(), share=st.floats(0.0, 1.0))
def test_skipped_geometries_give_the_pairs_of_the_others_taken_as_a_subset(seed, compact, share):
    """``skip`` leaves geometries out in place: the pairs (in the full set's indices) and their
    distances are those of the others taken as a subset, mapped back."""
    rng = np.random.default_rng(seed)
    n = 300
    xy = rng.uniform(0, 400, (n, 2))
    geoms = np.concatenate(
        [
            shapely.points(xy[:150]),
            shapely.linestrings(np.stack([xy[150:], xy[150:] + rng.uniform(-20, 20, (150, 2))], axis=1)),
        ]
    )
    geoms[::7] = shapely.buffer(geoms[::7], 3.0)
    skip = rng.random(n) < share
    keep = np.flatnonzero(~skip)
    if compact:
        geoms = CompactGeometries.from_geometries(geoms)
    i, j, d = near_pairs(geoms, 15.0, skip=skip, workers=2)
    ri, rj, rd = near_pairs(subset(geoms, keep) if compact else geoms[keep], 15.0, workers=2)
    np.testing.assert_array_equal(i, keep[ri])
    np.testing.assert_array_equal(j, keep[rj])
    np.testing.assert_array_equal(d, rd)

"""The dig-once engine against a brute-force, all-pairs reference written in plain Python."""

from __future__ import annotations

import math
import random

import numpy as np
import pytest
import shapely
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dig_once.plugin.core.errors import Cancelled, InputError
from dig_once.plugin.core.groups import connected_components, owner_lists
from dig_once.plugin.core.nearjoin import near_pairs
from dig_once.plugin.core.overlaps import find_overlaps
from dig_once.plugin.core.pairs import (
    CLASH,
    KIND_NAMES,
    OPPORTUNITY,
    classify_windows,
    same_code_pairs,
    shortest_segments,
)
from dig_once.plugin.core.works import (
    R_EMPTY_GEOMETRY,
    R_END_BEFORE_START,
    R_NO_END,
    R_NO_GEOMETRY,
    R_NO_START,
    R_NONFINITE,
    R_OUT_OF_EXTENT,
    Works,
    id_rank,
)

EXCLUDED = ("cancelled", "refused", "revoked")

# ---------------------------------------------------------------- the reference


def ref_reason(geom, start, end, status):
    if status is not None and status.strip().lower() in EXCLUDED:
        return "excluded"
    if geom is None:
        return R_NO_GEOMETRY
    if geom.is_empty:
        return R_EMPTY_GEOMETRY
    if not np.isfinite(shapely.get_coordinates(geom)).all():
        return R_NONFINITE
    if start is None:
        return R_NO_START
    if end is None:
        return R_NO_END
    if end < start:
        return R_END_BEFORE_START
    return None


def key(value):
    if value is None:
        return None
    text = " ".join(str(value).split()).lower()
    return text or None


def reference(rows, other_rows=None, *, distance, max_gap, same_street=False, same_owner=False):
    """rows: dicts with id, geom, owner, start, end, status, usrn. Returns {(id_a, id_b): facts}."""

    def usable(rs):
        out = []
        for r in rs:
            if ref_reason(r["geom"], r["start"], r["end"], r["status"]) is None:
                g = r["geom"]
                if g.geom_type in ("Polygon", "MultiPolygon") and not g.is_valid:
                    g = shapely.make_valid(g)
                out.append({**r, "geom": g})
        return out

    a_rows = usable(rows)
    if other_rows is None:
        candidates = [(a, b) for n, a in enumerate(a_rows) for b in a_rows[n + 1 :]]
    else:
        candidates = [(a, b) for a in a_rows for b in usable(other_rows)]
    pairs = {}
    for a, b in candidates:
        d = shapely.distance(a["geom"], b["geom"])
        near = d <= distance
        if same_street and key(a["usrn"]) is not None and key(a["usrn"]) == key(b["usrn"]):
            near = True
        if not near:
            continue
        if not same_owner and key(a["owner"]) is not None and key(a["owner"]) == key(b["owner"]):
            continue
        if a["start"] <= b["end"] and b["start"] <= a["end"]:
            kind, gap = "clash", 0
            overlap = min(a["end"], b["end"]) - max(a["start"], b["start"]) + 1
        else:
            gap = max(a["start"], b["start"]) - min(a["end"], b["end"])
            if gap > max_gap:
                continue
            kind, overlap = "opportunity", 0
        ida, idb = a["id"], b["id"]
        if other_rows is None and idb < ida:
            ida, idb = idb, ida
        pairs[(ida, idb)] = (kind, gap, overlap, d)
    return pairs


def ref_groups(pairs):
    """Connected components as a set of frozensets of ids (plain BFS)."""
    adjacent: dict[str, set[str]] = {}
    for a, b in pairs:
        adjacent.setdefault(a, set()).add(b)
        adjacent.setdefault(b, set()).add(a)
    seen, groups = set(), set()
    for node in adjacent:
        if node in seen:
            continue
        stack, comp = [node], set()
        while stack:
            x = stack.pop()
            if x in comp:
                continue
            comp.add(x)
            stack.extend(adjacent[x] - comp)
        seen |= comp
        groups.add(frozenset(comp))
    return groups


def to_works(rows):
    return Works.from_columns(
        [r["geom"] for r in rows],
        [r["id"] for r in rows],
        [r["owner"] for r in rows],
        [r["start"] for r in rows],
        [r["end"] for r in rows],
        statuses=[r["status"] for r in rows],
        usrns=[r["usrn"] for r in rows],
    )


def result_pairs(result, works, other=None):
    other = works if other is None else other
    return {
        (works.ids[a], other.ids[b]): (KIND_NAMES[int(k)], int(g), int(o), float(d))
        for a, b, k, g, o, d in zip(
            result.a,
            result.b,
            result.kind,
            result.gap_days,
            result.overlap_days,
            result.distance,
            strict=True,
        )
    }


def result_groups(result, works, other=None):
    members: dict[int, set[str]] = {}
    for ident, grp in zip(works.ids, result.work_group, strict=True):
        if grp:
            members.setdefault(int(grp), set()).add(ident)
    if other is not None:
        for ident, grp in zip(other.ids, result.other_group, strict=True):
            if grp:
                members.setdefault(int(grp), set()).add(ident)
    return members


# ---------------------------------------------------------------- strategies

# Coordinates on a 5 m grid make exact 25 m distances (25 0, 15 20, 7 24 ...) common.
coord = st.integers(0, 12).map(lambda v: v * 5.0) | st.floats(0, 60, allow_nan=False)


@st.composite
def geometry(draw):
    kind = draw(st.sampled_from(["point", "point", "line", "box", "bowtie"]))
    x, y = draw(coord), draw(coord)
    if kind == "point":
        return shapely.Point(x, y)
    if kind == "line":
        return shapely.LineString([(x, y), (draw(coord), draw(coord))])
    w, h = draw(st.integers(1, 4)) * 5.0, draw(st.integers(1, 4)) * 5.0
    if kind == "box":
        return shapely.box(x, y, x + w, y + h)
    return shapely.Polygon([(x, y), (x + w, y + h), (x + w, y), (x, y + h)])  # invalid


@st.composite
def work(draw, ident):
    start = draw(st.integers(0, 40))
    end = start + draw(st.integers(-1, 12))  # -1: end before start, sometimes
    return {
        "id": ident,
        "geom": draw(st.one_of(geometry(), geometry(), geometry(), geometry(), st.just(None))),
        "owner": draw(st.sampled_from(["UKPN", "ukpn ", "Thames Water", "BT", None])),
        "start": draw(st.one_of(st.just(start), st.just(start), st.just(start), st.none())),
        "end": draw(st.one_of(st.just(end), st.just(end), st.just(end), st.none())),
        "status": draw(st.sampled_from(["granted", "granted", "submitted", "Cancelled", "refused", None])),
        "usrn": draw(st.sampled_from(["100", "200", " ", None, None])),
    }


@st.composite
def works_rows(draw, min_size=0, max_size=24, prefix="W"):
    n = draw(st.integers(min_size, max_size))
    return [draw(work(f"{prefix}{k:03d}")) for k in range(n)]


options = st.fixed_dictionaries(
    {
        "distance": st.sampled_from([0.0, 5.0, 25.0, 25.5, 40.0]),
        "max_gap": st.integers(0, 15),
        "same_street": st.booleans(),
        "same_owner": st.booleans(),
    }
)

fast = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def run(rows, opts, other_rows=None):
    works = to_works(rows)
    other = to_works(other_rows) if other_rows is not None else None
    result = find_overlaps(
        works,
        other,
        distance=opts["distance"],
        max_gap_days=opts["max_gap"],
        same_street=opts["same_street"],
        include_same_owner=opts["same_owner"],
    )
    return works, other, result


# ---------------------------------------------------------------- properties


@fast
@given(rows=works_rows(), opts=options)
def test_pairs_and_groups_match_the_brute_force_reference(rows, opts):
    works, _, result = run(rows, opts)
    expected = reference(rows, **opts)  # the options are named as the reference's arguments
    got = result_pairs(result, works)
    assert got.keys() == expected.keys()
    for pair, (kind, gap, overlap, dist) in expected.items():
        assert got[pair][:3] == (kind, gap, overlap), pair
        assert got[pair][3] == pytest.approx(dist, abs=1e-9), pair
    groups = result_groups(result, works)
    assert set(map(frozenset, groups.values())) == ref_groups(expected)
    # hulls are polygons covering their works
    for k, hull in enumerate(result.groups.hulls.to_shapely()):
        assert shapely.get_type_id(hull) == 3
        inside = works.geometries[result.work_group == k + 1]
        assert all(hull.buffer(1e-6).covers(shapely.make_valid(g)) for g in inside)
    # every pair's group is the group of both its works
    for a, b, g in zip(result.a, result.b, result.group, strict=True):
        assert result.work_group[a] == g == result.work_group[b]
    # unusable: the reference reasons, excluded statuses not among them
    reasons = {works.ids[i]: r for i, r in zip(result.unusable, result.unusable_reasons, strict=True)}
    for r in rows:
        ref = ref_reason(r["geom"], r["start"], r["end"], r["status"])
        if ref is None or ref == "excluded":
            assert r["id"] not in reasons
        else:
            assert reasons[r["id"]] == ref
    assert result.n_excluded == sum(ref_reason(None, 0, 0, r["status"]) == "excluded" for r in rows)


@fast
@given(rows=works_rows(min_size=2), opts=options, seed=st.integers(0, 2**32 - 1))
def test_shuffling_the_input_gives_the_same_pairs_and_groups(rows, opts, seed):
    works, _, result = run(rows, opts)
    shuffled = rows[:]
    random.Random(seed).shuffle(shuffled)
    works2, _, result2 = run(shuffled, opts)
    assert result_pairs(result, works) == result_pairs(result2, works2)
    assert result_groups(result, works) == result_groups(result2, works2)  # same numbering too
    ids = [works.ids[a] for a in result.a], [works.ids[b] for b in result.b]
    assert ids == ([works2.ids[a] for a in result2.a], [works2.ids[b] for b in result2.b])
    assert all(a < b for a, b in zip(*ids, strict=True))  # one set: each pair once, smaller id first


@fast
@given(rows=works_rows(max_size=14), other_rows=works_rows(max_size=14, prefix="P"), opts=options)
def test_two_sets_report_cross_pairs_only(rows, other_rows, opts):
    works, other, result = run(rows, opts, other_rows)
    expected = reference(rows, other_rows, **opts)
    got = result_pairs(result, works, other)
    assert {p: v[:3] for p, v in got.items()} == {p: v[:3] for p, v in expected.items()}
    assert all(a.startswith("W") and b.startswith("P") for a, b in got)
    assert set(map(frozenset, result_groups(result, works, other).values())) == ref_groups(expected)
    other_reasons = dict(zip(result.other_unusable, result.other_unusable_reasons, strict=True))
    for n, r in enumerate(other_rows):
        ref = ref_reason(r["geom"], r["start"], r["end"], r["status"])
        assert other_reasons.get(n) == (None if ref in (None, "excluded") else ref)


@fast
@given(
    n=st.integers(1, 40),
    edges=st.lists(st.tuples(st.integers(0, 39), st.integers(0, 39)), max_size=60),
)
def test_connected_components_match_a_plain_search(n, edges):
    edges = [(u, v) for u, v in edges if u < n and v < n]
    u = np.array([e[0] for e in edges], dtype=np.int64)
    v = np.array([e[1] for e in edges], dtype=np.int64)
    label = connected_components(n, u, v)
    expected = ref_groups([(str(a), str(b)) for a, b in edges])
    got: dict[int, set[str]] = {}
    for node in {x for e in edges for x in e}:
        got.setdefault(int(label[node]), set()).add(str(node))
    assert set(map(frozenset, got.values())) == expected
    assert all(label[x] == min(int(m) for m in comp) for comp in got.values() for x in map(int, comp))


# ---------------------------------------------------------------- edges, one by one


def two(g1, g2, w1=(0, 9), w2=(0, 9), owners=("A", "B"), **kwargs):
    works = Works.from_columns([g1, g2], ["a", "b"], list(owners), [w1[0], w2[0]], [w1[1], w2[1]])
    return find_overlaps(works, **kwargs)


def test_exactly_at_the_distance_is_near_and_a_hair_beyond_is_not():
    assert len(two(shapely.Point(0, 0), shapely.Point(15, 20)).a) == 1  # 25 m exactly
    assert len(two(shapely.Point(0, 0), shapely.Point(25, 0)).a) == 1
    assert len(two(shapely.Point(0, 0), shapely.Point(25.000001, 0)).a) == 0
    line = shapely.LineString([(0, 0), (100, 0)])
    assert two(line, shapely.Point(50, 25)).distance.tolist() == [25.0]
    assert len(two(line, shapely.Point(50, 25), distance=24.999).a) == 0


def test_touching_dates():
    p, q = shapely.Point(0, 0), shapely.Point(1, 0)
    touching = two(p, q, (0, 9), (9, 20))  # end_a == start_b: a one-day clash
    assert (touching.kind.tolist(), touching.overlap_days.tolist(), touching.gap_days.tolist()) == (
        [CLASH],
        [1],
        [0],
    )
    next_day = two(p, q, (0, 9), (10, 20))  # end_a + 1 == start_b: gap 1
    assert (next_day.kind.tolist(), next_day.gap_days.tolist()) == ([OPPORTUNITY], [1])
    assert two(p, q, (0, 9), (19, 20), max_gap_days=10).kind.tolist() == [OPPORTUNITY]
    assert two(p, q, (0, 9), (20, 20), max_gap_days=10).kind.tolist() == []
    assert two(p, q, (0, 9), (20, 20), max_gap_days=0).kind.tolist() == []
    assert two(p, q, (0, 9), (10, 10), max_gap_days=0).kind.tolist() == []


def test_touching_works_get_a_zero_length_line_at_the_contact():
    result = two(shapely.box(0, 0, 10, 10), shapely.LineString([(10, 5), (20, 5)]))
    assert result.distance.tolist() == [0.0]
    assert shapely.get_coordinates(result.lines[0]).tolist() == [[10.0, 5.0], [10.0, 5.0]]
    apart = two(shapely.Point(0, 0), shapely.Point(3, 4))
    assert shapely.get_coordinates(apart.lines[0]).tolist() == [[0.0, 0.0], [3.0, 4.0]]


def test_same_owner_pairs_only_on_request():
    p, q = shapely.Point(0, 0), shapely.Point(1, 0)
    assert len(two(p, q, owners=("UKPN", " ukpn")).a) == 0
    assert len(two(p, q, owners=("UKPN", " ukpn"), include_same_owner=True).a) == 1
    assert len(two(p, q, owners=(None, None)).a) == 1  # unknown owners are never "the same"


def test_excluded_statuses_never_take_part_and_the_list_is_configurable():
    geoms = [shapely.Point(0, 0), shapely.Point(1, 0), shapely.Point(2, 0)]
    statuses = ["granted", "REVOKED", "closed"]
    works = Works.from_columns(
        geoms, ["a", "b", "c"], ["A", "B", "C"], [0, 0, 0], [5, 5, 5], statuses=statuses
    )
    default = find_overlaps(works)
    assert (default.n_excluded, len(default.a), len(default.unusable)) == (1, 1, 0)
    custom = find_overlaps(works, excluded_statuses=["closed"])
    assert [(works.ids[a], works.ids[b]) for a, b in zip(custom.a, custom.b, strict=True)] == [("a", "b")]
    assert len(find_overlaps(works, excluded_statuses=[]).a) == 3


def test_same_street_pairs_works_whatever_the_distance():
    geoms = [shapely.Point(0, 0), shapely.Point(5000, 0), shapely.Point(9000, 0), shapely.Point(0, 1)]
    works = Works.from_columns(
        geoms, list("abcd"), list("ABCD"), [0] * 4, [5] * 4, usrns=["8100001", "8100001", "", None]
    )
    assert len(find_overlaps(works).a) == 1  # a-d only: distance
    result = find_overlaps(works, same_street=True)
    pairs = sorted((works.ids[a], works.ids[b]) for a, b in zip(result.a, result.b, strict=True))
    assert pairs == [("a", "b"), ("a", "d")]
    assert result.distance.tolist() == [5000.0, 1.0]
    assert result.groups.n_works.tolist() == [3]


def test_unusable_works_are_reported_with_their_reason():
    p = shapely.Point(0, 0)
    geoms = [None, shapely.Point(), shapely.LineString([(0, 0), (math.inf, 1)]), p, p, p, p]
    works = Works.from_columns(
        geoms,
        list("abcdefg"),
        list("ABCDEFG"),
        [0, 0, 0, None, 0, 9, 0],
        [5, 5, 5, 5, None, 3, 5],
        reasons=[None, None, None, None, None, None, "start date 'soon' is not a date"],
    )
    result = find_overlaps(works)
    assert dict(zip(works.ids[result.unusable], result.unusable_reasons, strict=True)) == {
        "a": R_NO_GEOMETRY,
        "b": R_EMPTY_GEOMETRY,
        "c": R_NONFINITE,
        "d": R_NO_START,
        "e": R_NO_END,
        "f": R_END_BEFORE_START,
        "g": "start date 'soon' is not a date",
    }
    assert len(result.a) == 0


def test_coordinates_far_outside_the_grid_are_unusable_not_a_clash_at_distance_zero():
    """1e308 is finite: before, two such works paired as a clash at distance 0 (and values near
    1e150 have crashed GEOS); now they are unusable with a reason, before any GEOS call."""
    far = [shapely.Point(1e308, 1e308), shapely.Point(1e308, 1e308), shapely.Point(530000, 1.5e150)]
    ok = [shapely.Point(530000, 180000), shapely.Point(530010, 180000)]
    works = Works.from_columns(far + ok, list("abcde"), list("ABCDE"), [0] * 5, [5] * 5)
    result = find_overlaps(works)
    assert dict(zip(works.ids[result.unusable], result.unusable_reasons, strict=True)) == {
        "a": R_OUT_OF_EXTENT,
        "b": R_OUT_OF_EXTENT,
        "c": R_OUT_OF_EXTENT,
    }
    assert sorted(zip(works.ids[result.a].tolist(), works.ids[result.b].tolist(), strict=True)) == [
        ("d", "e")
    ]


def test_invalid_polygons_are_repaired_and_counted():
    bowtie = shapely.Polygon([(0, 0), (10, 10), (10, 0), (0, 10)])
    result = two(bowtie, shapely.Point(5, 12))
    assert result.n_repaired == 1
    assert result.distance.tolist() == [
        pytest.approx(shapely.distance(shapely.make_valid(bowtie), shapely.Point(5, 12)))
    ]


def test_group_summary():
    # a-b clash, b-c opportunity, d alone far away; owners A, B, A
    geoms = [shapely.Point(0, 0), shapely.Point(10, 0), shapely.Point(20, 0), shapely.Point(900, 0)]
    works = Works.from_columns(geoms, list("abcd"), ["A", "B", "a", "D"], [0, 5, 30, 0], [9, 14, 39, 9])
    result = find_overlaps(works, distance=10, max_gap_days=90)
    g = result.groups
    assert len(g) == 1
    assert (g.n_works[0], g.n_owners[0], g.owners[0]) == (3, 2, "A; B")
    assert (g.first_start[0], g.last_end[0], g.n_clashes[0], g.n_opportunities[0]) == (0, 39, 1, 1)
    assert g.days_saved[0] == 30 - 10  # three 10-day windows in one 10-day opening
    hull = g.hulls.to_shapely()[0]
    assert shapely.get_type_id(hull) == 3 and hull.contains(shapely.Point(10, 0))
    assert result.work_group.tolist() == [1, 1, 1, 0]


def test_progress_reaches_the_end_and_false_cancels():
    rng = np.random.default_rng(1)
    pts = shapely.points(rng.uniform(0, 2000, size=(3000, 2)))
    works = Works.from_columns(pts, [f"w{n}" for n in range(3000)], ["o"] * 3000, [0] * 3000, [5] * 3000)
    seen: list[float] = []
    find_overlaps(works, include_same_owner=True, progress=lambda f: seen.append(f) or True)
    assert seen[-1] == 1.0 and seen == sorted(seen)
    calls: list[float] = []
    with pytest.raises(Cancelled):
        find_overlaps(works, progress=lambda f: calls.append(f) or len(calls) < 3)
    assert len(calls) == 3


def _mixed_works(n: int, seed: int, prefix: str) -> Works:
    """Points, lines and polygons (some invalid) close enough to make groups of 3+ vertices."""
    rng = np.random.default_rng(seed)
    xy = rng.uniform(0, 400, size=(n, 2))
    kind = rng.integers(0, 4, n)
    geoms = shapely.points(xy)
    lines = kind == 1
    geoms[lines] = shapely.linestrings(
        np.stack([xy[lines], xy[lines] + rng.uniform(-30, 30, (lines.sum(), 2))], 1)
    )
    polys = kind == 2
    geoms[polys] = shapely.buffer(geoms[polys], 4, quad_segs=1)
    bowties = np.flatnonzero(kind == 3)[:5]  # self-intersecting: repaired by the engine
    geoms[bowties] = [
        shapely.Polygon([(x, y), (x + 5, y + 5), (x + 5, y), (x, y + 5)]) for x, y in xy[bowties]
    ]
    start = rng.integers(0, 60, n)
    ids = [f"{prefix}{k}" for k in rng.permutation(n)]  # not in order: the ids get sorted
    owners = [f"o{k}" for k in rng.integers(0, 5, n)]
    usrns = [f"u{k}" for k in rng.integers(0, 30, n)]
    return Works.from_columns(geoms, ids, owners, start, start + rng.integers(0, 20, n), usrns=usrns)


@pytest.mark.parametrize("two_sets", [False, True])
def test_every_progress_call_can_cancel(two_sets):
    """Each step reports progress (non-decreasing, ending at 1) and honours a cancel there."""
    works = _mixed_works(300, 1, "a")
    other = _mixed_works(200, 2, "b") if two_sets else None
    seen: list[float] = []

    def run_until(calls: int | None):
        return find_overlaps(
            works,
            other,
            same_street=True,
            max_gap_days=30,
            progress=lambda f: seen.append(f) or calls is None or len(seen) < calls,
        )

    result = run_until(None)
    assert len(result.a) > 100 and (result.groups.n_works > 2).any()
    assert seen[-1] == 1.0 and seen == sorted(seen) and seen[0] >= 0.0
    n_calls = len(seen)
    assert n_calls > 25  # every stage reports, not just the start and the end
    for k in range(1, n_calls + 1):
        seen.clear()
        with pytest.raises(Cancelled):
            run_until(k)
        assert len(seen) == k  # stopped at the call that said no


def test_bad_parameters():
    with pytest.raises(InputError):
        near_pairs(shapely.points([[0, 0]]), -1.0)
    with pytest.raises(InputError):
        find_overlaps(Works.from_columns([], [], [], [], []), max_gap_days=-1)
    with pytest.raises(InputError):
        Works.from_columns([shapely.Point(0, 0)], ["a"], ["A", "B"], [0], [1])
    empty = find_overlaps(Works.from_columns([], [], [], [], []))
    assert (len(empty.a), len(empty.groups)) == (0, 0)


def test_near_pairs_and_same_code_pairs():
    pts = shapely.points([[0, 0], [25, 0], [50, 0], [100, 0]])
    i, j, d = near_pairs(pts, 25.0)
    assert list(zip(i.tolist(), j.tolist(), d.tolist(), strict=True)) == [(0, 1, 25.0), (1, 2, 25.0)]
    i, j, _ = near_pairs(pts[:2], 60.0, other=pts[2:])
    assert sorted(zip(i.tolist(), j.tolist(), strict=False)) == [(0, 0), (1, 0)]
    codes = np.array([3, -1, 3, 5, 3, -1])
    i, j = same_code_pairs(codes)
    assert sorted(zip(i.tolist(), j.tolist(), strict=False)) == [(0, 2), (0, 4), (2, 4)]
    i, j = same_code_pairs(np.array([5, -1, 3]), np.array([3, 3, -1, 5]))
    assert sorted(zip(i.tolist(), j.tolist(), strict=False)) == [(0, 3), (2, 0), (2, 1)]


def test_classify_windows_vectorised():
    kind, gap, overlap = classify_windows(
        np.array([0, 0, 10, 5]), np.array([9, 9, 20, 5]), np.array([3, 12, 0, 5]), np.array([4, 30, 9, 5]), 2
    )
    assert kind.tolist() == [CLASH, 0, OPPORTUNITY, CLASH]
    assert gap.tolist() == [0, 3, 1, 0]
    assert overlap.tolist() == [2, 0, 0, 1]


def ref_owner_lists(g, codes, names, n_groups):
    """Plain reference: per group the distinct owner codes >= 0, each shown by the first
    spelling met (whitespace collapsed), sorted case-insensitively (ties: code order)."""
    spelling: dict[int, str] = {}
    for code, name in zip(codes, names, strict=True):
        if code >= 0 and code not in spelling:
            spelling[code] = " ".join(str(name).split())
    per_group: list[set[int]] = [set() for _ in range(n_groups)]
    for grp, code in zip(g, codes, strict=True):
        if code >= 0:
            per_group[grp].add(code)
    texts = ["; ".join(sorted((spelling[c] for c in sorted(s)), key=str.casefold)) for s in per_group]
    return texts, [len(s) for s in per_group]


@fast
@given(
    data=st.lists(st.tuples(st.integers(0, 30), st.integers(-1, 150)), max_size=300),
    empty_groups=st.integers(0, 3),
)
def test_group_owner_lists_match_a_plain_reference(data, empty_groups):
    """Owner sets are built as bit sets (several 64-bit words beyond 64 owners): same text and
    counts as a direct per-group set. Members are sorted by group only: within a group the
    owners come in any order, and each owner's first spelling is the first met in that order."""
    data = sorted(data, key=lambda d: d[0])
    g = np.array([d[0] for d in data], dtype=np.int64)
    codes = np.array([d[1] for d in data], dtype=np.int64)
    # spellings vary in case and spacing; the first one met per code is shown
    names = np.array(
        [
            f"  Owner{'  ' if k % 2 else ' '}{c:03d}{'x' if k % 3 else 'X'} "
            for k, c in enumerate(codes.tolist())
        ],
        dtype=object,
    )
    n_groups = (int(g.max()) + 1 if len(g) else 0) + empty_groups
    texts, counts = owner_lists(g, codes, names, n_groups)
    want_texts, want_counts = ref_owner_lists(g.tolist(), codes.tolist(), names.tolist(), n_groups)
    assert list(texts) == want_texts
    assert np.asarray(counts).tolist() == want_counts


def test_group_owner_lists_across_several_64_bit_words():
    """More than 64 owners: each group's bit set spans several words; groups whose owners sit
    in one word, across a word boundary or in all words come out as a direct per-group set."""
    rng = np.random.default_rng(5)
    rows = [(0, c) for c in range(60, 71)] + [(1, c) for c in rng.permutation(200).tolist()]
    rows += [(2, 130), (2, 5), (2, -1), (4, 199), (4, 199)]
    rows.sort()
    g = np.array([r[0] for r in rows], dtype=np.int64)
    codes = np.array([r[1] for r in rows], dtype=np.int64)
    names = np.array([f"Promoter {c:03d}" for c in codes.tolist()], dtype=object)
    texts, counts = owner_lists(g, codes, names, 6)
    want_texts, want_counts = ref_owner_lists(g.tolist(), codes.tolist(), names.tolist(), 6)
    assert list(texts) == want_texts
    assert np.asarray(counts).tolist() == want_counts == [11, 200, 2, 0, 1, 0]


@st.composite
def any_shape(draw):
    """Everything shortest_segments may meet: the engine's shapes plus zero-length and
    many-vertex lines, multipoints, 3D points and points on a line's ends."""
    kind = draw(st.sampled_from(["shape", "shape", "flat", "long", "collapsed", "multi", "3d"]))
    if kind == "shape":
        return draw(geometry())
    x, y = draw(coord), draw(coord)
    if kind == "flat":
        return shapely.LineString([(x, y), (x, y)])
    if kind == "long":
        return shapely.LineString([(x, y), (draw(coord), draw(coord)), (draw(coord), draw(coord))])
    if kind == "collapsed":
        return shapely.LineString([(x, y), (x, y), (x, y)])
    if kind == "multi":
        return shapely.MultiPoint([(x, y), (draw(coord), draw(coord))])
    return shapely.Point(x, y, draw(coord))


@settings(max_examples=150, deadline=None)
@given(shapes=st.lists(any_shape(), min_size=1, max_size=12), data=st.data())
def test_shortest_segments_are_geoss_shortest_lines_to_the_bit(shapes, data):
    geoms = np.array(shapes, dtype=object)
    n = len(geoms)
    pairs = data.draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=40))
    i = np.array([p[0] for p in pairs], dtype=np.int64)
    j = np.array([p[1] for p in pairs], dtype=np.int64)
    ends = shortest_segments(geoms, i, j)
    assert ends.shape == (len(i), 2, 2)
    # GEOS cannot measure from a line of 3+ vertices at one place: compare with that point.
    collapsed = (shapely.get_num_coordinates(geoms) > 2) & (shapely.length(geoms) == 0)
    as_geos = geoms.copy()
    as_geos[collapsed] = (
        shapely.points([shapely.get_coordinates(g)[0] for g in geoms[collapsed]], dtype=object)
        if collapsed.any()
        else as_geos[collapsed]
    )
    if len(i):
        with np.errstate(all="ignore"):
            expected = shapely.get_coordinates(shapely.shortest_line(as_geos[i], as_geos[j]))
        assert np.array_equal(ends.reshape(-1, 2), expected)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_shortest_segments_match_geos_on_many_random_shapes(seed):
    rng = np.random.default_rng(seed)
    n = 4000
    xy = rng.uniform(500_000, 500_400, (n, 2))
    far = xy + rng.uniform(-40, 40, (n, 2))
    kind = rng.integers(0, 6, n)
    on_end = kind == 5  # a point exactly on the previous line's first vertex
    shapes = np.where(kind == 0, shapely.points(xy), shapely.linestrings(np.stack([xy, far], axis=1)))
    shapes[kind == 2] = shapely.buffer(shapely.points(xy[kind == 2]), 6, quad_segs=2)
    shapes[kind == 3] = shapely.linestrings(np.stack([xy[kind == 3], xy[kind == 3]], axis=1))  # zero length
    shapes[kind == 4] = shapely.linestrings(
        np.stack([xy[kind == 4], far[kind == 4], xy[kind == 4] + 9], axis=1)
    )
    shapes[on_end] = shapely.points(xy[np.flatnonzero(on_end) - 1])
    i = rng.integers(0, n, 20_000)
    j = np.where(rng.random(20_000) < 0.1, np.roll(i, 1), rng.integers(0, n, 20_000))
    j[on_end[i]] = i[on_end[i]] - 1
    ends = shortest_segments(shapes, i, j)
    with np.errstate(all="ignore"):
        expected = shapely.get_coordinates(shapely.shortest_line(shapes[i], shapes[j])).reshape(-1, 2, 2)
    assert np.array_equal(ends, expected)


def test_a_line_collapsed_to_one_place_pairs_like_that_point():
    collapsed = shapely.LineString([(3, 4), (3, 4), (3, 4)])
    result = two(shapely.Point(0, 0), collapsed)
    assert len(result.a) == 1 and result.distance[0] == 5.0
    assert result.ends[0].tolist() == [[0.0, 0.0], [3.0, 4.0]]


@pytest.mark.parametrize("extra", [[], ["x" * 65], ["a\0"], ["\ud800"]])  # fast path, then fallbacks
def test_id_ranks_follow_python_text_order(extra):
    rng = random.Random(3)
    alphabet = ["a", "B", "z", "0", "9", " ", "é", "Ω", "😀", "-"]
    ids = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 6))) for _ in range(400)]
    ids = extra + ids + [12, 3.5, None, "a", "a"]  # extras first: equal-as-numpy ids would keep them first
    arr = np.empty(len(ids), dtype=object)
    arr[:] = ids
    rank = id_rank(arr)
    expected = sorted(range(len(ids)), key=lambda k: (str(ids[k]), k))
    assert [int(np.flatnonzero(rank == r)[0]) for r in range(len(ids))] == expected


@pytest.mark.parametrize("same_length", [False, True])
def test_many_id_ranks_follow_python_text_order(same_length):
    rng = np.random.default_rng(4)
    n = 250_000  # the byte matrix is built a slice of ids at a time
    numbers = rng.integers(0, 60_000, n)  # with repeats: ties keep their input order
    ids = [f"TSR{k:05d}" if same_length else f"T{k}" + "-" * (k % 3) for k in numbers.tolist()]
    arr = np.array(ids, dtype=object)
    rank = id_rank(arr)
    expected = sorted(range(n), key=lambda k: (ids[k], k))
    assert np.array_equal(np.argsort(rank), expected)


def test_id_ranks_of_ids_already_in_order_keep_ties_in_place():
    ids = np.array(["a", "a", "b", "b", "c"], dtype=object)
    assert id_rank(ids).tolist() == [0, 1, 2, 3, 4]
    assert id_rank(ids[::-1].copy()).tolist() == [4, 2, 3, 0, 1]
    assert id_rank(np.array([], dtype=object)).tolist() == []


# ------------------------------------------------- the engine by topic (works, pairs, groups, parallel)


def test_overlaps_re_exports_the_topic_modules_own_objects_not_copies():
    from dig_once.plugin.core import groups, nearjoin, overlaps, pairs, parallel, works

    for module in (works, pairs, groups, parallel, nearjoin):
        shared = [name for name in overlaps.__all__ if hasattr(module, name.lstrip("_"))]
        for name in shared:
            assert getattr(overlaps, name) is getattr(module, name.lstrip("_")), name
    assert overlaps.Works is works.Works and overlaps._id_rank is works.id_rank
    assert overlaps._owner_lists is groups.owner_lists and overlaps.near_pairs is nearjoin.near_pairs
    missing = [name for name in overlaps.__all__ if not hasattr(overlaps, name)]
    assert missing == []


@pytest.mark.parametrize("name", ["works", "pairs", "groups", "parallel", "overlaps"])
def test_engine_module_examples_run_as_written(name):
    import doctest
    import importlib

    module = importlib.import_module(f"dig_once.plugin.core.{name}")
    failures, _tried = doctest.testmod(module)
    assert failures == 0


def test_one_runner_returns_results_in_task_order_and_ticks_from_lo_to_hi():
    from dig_once.plugin.core.parallel import Runner

    seen: list[float] = []
    with Runner(seen.append, workers=3) as runner:
        results = runner.run([lambda k=k: k * 10 for k in range(50)], 0.2, 0.6)
    assert results == [k * 10 for k in range(50)]
    assert seen[0] == 0.2 and seen[-1] == pytest.approx(0.6)
    assert seen == sorted(seen)


def test_one_runner_drops_tasks_not_started_when_the_tick_cancels():
    import threading

    from dig_once.plugin.core.parallel import Runner

    started: list[int] = []
    gate = threading.Event()

    def task(k: int) -> int:
        started.append(k)
        gate.wait(5)
        return k

    calls = {"n": 0}

    def tick_after_start(fraction: float) -> None:
        calls["n"] += 1
        if calls["n"] > 1:  # first call is the start (lo); cancel at the next one
            gate.set()
            raise Cancelled("stop")

    with Runner(tick_after_start, workers=1) as runner, pytest.raises(Cancelled):
        runner.run([lambda k=k: task(k) for k in range(100)], 0.0, 1.0)
    assert len(started) <= 2  # of 100 tasks, at most those submitted ahead (2 x workers) start


def test_threaded_chunks_and_chunked_cover_every_row_once():
    from dig_once.plugin.core.parallel import chunked, threaded_chunks

    for run in (
        lambda work, tick: threaded_chunks(10_007, work, tick, size=1000, workers=2),
        lambda work, tick: chunked(10_007, work, tick, first=300),
    ):
        hits = np.zeros(10_007, dtype=np.int64)
        ticks: list[float] = []

        def work(part: slice, hits=hits) -> None:
            hits[part] += 1

        run(work, ticks.append)
        assert (hits == 1).all()
        assert ticks[0] == 0.0 and ticks[-1] == pytest.approx(1.0)


def test_ticker_turns_a_false_progress_into_cancelled_naming_what_was_running():
    from dig_once.plugin.core.parallel import Ticker

    seen: list[float] = []
    ticker = Ticker(lambda f: seen.append(f) or f < 0.5, "checking restrictions")
    ticker.stage(0.25, 0.5)
    ticker(0.4)
    assert seen == [0.25, 0.45]
    with pytest.raises(Cancelled, match="cancelled while checking restrictions"):
        ticker(0.6)  # 0.25 + 0.5 * 0.6 = 0.55

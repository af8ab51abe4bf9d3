"""Not-spot logic, nearest distances (exact, against brute force), gap classes, opportunities."""

from __future__ import annotations

import numpy as np
import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st

from dig_once.plugin.core import coverage
from dig_once.plugin.core.geo import read_vector


@pytest.mark.parametrize(
    ("record", "level", "share"),
    [
        ({"unable_decent_pct": 30.0, "unable_10_pct": 40.0}, "uso", 30.0),
        ({"unable_decent_pct": None, "unable_10_pct": 40.0}, "uso", 40.0),
        ({"unable_30_pct": 12.0, "sfbb_pct": 50.0}, "superfast", 12.0),
        ({"sfbb_pct": 70.0}, "superfast", 30.0),
        ({"gigabit_pct": 62.5}, "gigabit", 37.5),
        ({"gigabit_pct": None}, "gigabit", None),
    ],
)
def test_notspot_share(record, level, share):
    assert coverage.notspot_share(record, level) == share


def test_apply_notspot_threshold_is_inclusive():
    records = [{"gigabit_pct": 75.0}, {"gigabit_pct": 75.1}, {"gigabit_pct": None}]
    assert coverage.apply_notspot(records, "gigabit", 25.0) == 1
    assert [r["is_notspot"] for r in records] == [True, False, False]
    assert records[0]["notspot_threshold_mbit"] == 1000 and records[0]["notspot_min_share_pct"] == 25.0
    with pytest.raises(ValueError, match="unknown level"):
        coverage.notspot_share({}, "ultrafast")


# decimetre coordinates: GEOS itself returns inf for polygon-to-line distances at 1e-229 scales
coords = st.integers(0, 10_000).map(lambda v: v / 10)


@settings(max_examples=40, deadline=None)
@given(
    pts=st.lists(st.tuples(coords, coords), min_size=1, max_size=30),
    segs=st.lists(st.tuples(coords, coords, coords, coords), min_size=1, max_size=30),
)
def test_nearest_distance_is_exact(pts, segs):
    points = shapely.points(np.array(pts))
    lines = shapely.linestrings(np.array([[(a, b), (c, d)] for a, b, c, d in segs]))
    dist, idx = coverage.nearest_distance(points, lines)
    brute = shapely.distance(points[:, None], lines[None, :])
    np.testing.assert_allclose(dist, brute.min(axis=1), rtol=0, atol=1e-9)
    np.testing.assert_allclose(brute[np.arange(len(points)), idx], dist, rtol=0, atol=1e-9)


@settings(max_examples=25, deadline=None)
@given(
    pts=st.lists(st.tuples(coords, coords), min_size=1, max_size=30),
    lines=st.lists(st.lists(st.tuples(coords, coords), min_size=2, max_size=5), min_size=1, max_size=10),
)
def test_nearest_distance_exact_without_scipy_and_for_polygons(pts, lines):
    """The density-rounds path (no scipy) + query_nearest fallback, multi-vertex lines, and
    polygon sites (query_nearest) all agree with brute force."""
    import sys
    from unittest import mock

    points = shapely.points(np.array(pts))
    targets = np.array([shapely.LineString(c) for c in lines], dtype=object)
    polys = shapely.buffer(points, 3.0)
    sites = np.concatenate([points, polys])
    with mock.patch.dict(sys.modules, {"scipy.spatial": None}):
        dist, idx = coverage.nearest_distance(sites, targets)
    brute = shapely.distance(sites[:, None], targets[None, :])
    np.testing.assert_allclose(dist, brute.min(axis=1), rtol=0, atol=1e-9)
    np.testing.assert_allclose(brute[np.arange(len(sites)), idx], dist, rtol=0, atol=1e-9)


def test_nearest_distance_missing_and_no_targets():
    dist, idx = coverage.nearest_distance(np.array([None, shapely.Point(0, 0)], dtype=object), np.array([]))
    assert np.isnan(dist).all() and (idx == -1).all()
    dist, idx = coverage.nearest_distance(
        np.array([None, shapely.Point(0, 3)], dtype=object), np.array([shapely.LineString([(-1, 0), (1, 0)])])
    )
    assert np.isnan(dist[0]) and dist[1] == 3.0 and list(idx) == [-1, 0]


def test_gap_classes():
    spine = np.array([shapely.LineString([(0, 0), (1000, 0)])])
    areas = np.array([shapely.box(0, 0, 500, 500), shapely.box(500, 0, 1000, 5000)], dtype=object)
    is_notspot = np.array([False, True])
    sites = np.array(
        [
            shapely.Point(100, 100),  # connected area
            shapely.Point(600, 100),  # not-spot, 100 m from spine
            shapely.Point(600, 4000),  # not-spot, 4 km from spine
            shapely.Point(5000, 5000),  # nowhere
            shapely.Point(1010, 4000),  # just outside the not-spot area, within the search radius
            None,
            shapely.box(600, 600, 700, 700),  # polygon site: representative point decides the area
        ],
        dtype=object,
    )
    result = coverage.find_coverage_gaps(sites, areas, is_notspot, spine, 250.0, 50.0)
    assert list(result.gap_class) == [
        "connected",
        "near_spine_notspot",
        "far_from_spine_notspot",
        "no_coverage_data",
        "far_from_spine_notspot",
        "unlocated",
        "far_from_spine_notspot",
    ]
    assert result.spine_distance_m[1] == 100.0 and result.spine_distance_m[6] == 600.0
    assert result.place_distance_m[4] == pytest.approx(10.0)
    assert result.counts()["unlocated"] == 1


def test_postcode_points_within_search_radius():
    places = np.array([shapely.Point(0, 0), shapely.Point(100, 0)], dtype=object)
    sites = np.array([shapely.Point(10, 0), shapely.Point(95, 0), shapely.Point(300, 0)], dtype=object)
    idx, dist = coverage.match_places(sites, places, 50.0)
    assert list(idx) == [0, 1, -1] and dist[1] == 5.0


def test_spine_opportunities_rank_and_score():
    spine = np.array([shapely.LineString([(0, 0), (2000, 0)])])
    places = np.array(
        [shapely.Point(100, 50), shapely.Point(1500, 60), shapely.Point(1600, 40)], dtype=object
    )
    notspot = np.array([True, True, False])
    affected = np.array([10.0, 40.0, 99.0])
    works = np.array(
        [
            shapely.LineString([(50, 10), (150, 10)]),  # near spine, near place 0
            shapely.LineString([(1400, 20), (1600, 20)]),  # near place 1 (and non-notspot 2)
            shapely.LineString([(1400, 900), (1600, 900)]),  # far from spine
            shapely.LineString([(1450, 20), (1550, 20)]),  # near place 1 but ended
        ],
        dtype=object,
    )
    start = np.array([100, 130, 100, 0], dtype=float)
    end = np.array([120, 140, 120, 50], dtype=float)
    res = coverage.spine_opportunities(works, spine, places, notspot, affected, 50.0, 100.0, start, end, 100)
    assert list(res.works_index) == [1, 0]
    assert res.excluded_ended == 1
    # work 1: affected 40, d_spine 20 -> 0.5 + 0.5 * 0.6 = 0.8; length 200 -> 1.2; 30 days -> 1/(1+1/3)
    assert res.score[0] == pytest.approx(40 * 0.8 * 1.2 * 0.75, abs=1e-3)
    assert res.score[1] == pytest.approx(10 * (0.5 + 0.5 * 0.8) * 1.1 * 1.0, abs=1e-3)
    assert list(res.notspot_places) == [1, 1]


def test_place_affected():
    recs = [{"premises": 200, "notspot_share_pct": 25.0}, {"premises": None, "notspot_share_pct": 50.0}]
    assert list(coverage.place_affected(recs)) == [50.0, 1.0]


def test_aggregate_postcodes_to_areas():
    areas = np.array([shapely.box(0, 0, 10, 10), shapely.box(10, 0, 20, 10)], dtype=object)
    recs = [
        {"postcode": "A1 1AA", "premises": 30, "gigabit_pct": 100.0, "geometry": shapely.Point(1, 1)},
        {"postcode": "A1 1AB", "premises": 10, "gigabit_pct": 20.0, "geometry": shapely.Point(2, 2)},
        {"postcode": "A1 1AD", "premises": None, "gigabit_pct": 50.0, "geometry": None},
        {"postcode": "A1 1AE", "premises": None, "gigabit_pct": 10.0, "geometry": shapely.Point(50, 50)},
    ]
    out, missed = coverage.aggregate_to_areas(recs, areas, ["L1", "L2"], lookup={"A1 1AD": "L2"})
    assert [(r["area_code"], r["postcodes"]) for r in out] == [("L1", 2), ("L2", 1)]
    assert out[0]["gigabit_pct"] == pytest.approx((30 * 100 + 10 * 20) / 40) and out[0]["premises"] == 40
    assert out[1]["gigabit_pct"] == 50.0 and out[1]["premises"] is None
    assert missed == ["A1 1AE"]


def test_real_lsoas_as_areas_and_tfl_as_spine(shared_data):
    lsoa = read_vector(shared_data / "statistical-gis-boundaries-london" / "LSOA_2011_London_gen_MHW.shp")
    assert len(lsoa.geometries) == 4835
    spine = read_vector(shared_data / "tfl_tube" / "tfl_lines.json").geometries
    codes = [p["LSOA11CD"] for p in lsoa.properties]
    # postcode points at ward centroids (the stand-in of PROVENANCE.md section 5)
    wards = read_vector(shared_data / "london_boundaries" / "london_wards_2011_centroids.json").geometries
    recs = [
        {"postcode": f"P{i}", "premises": 100, "gigabit_pct": float(i % 100), "geometry": g}
        for i, g in enumerate(wards)
    ]
    out, missed = coverage.aggregate_to_areas(recs, lsoa.geometries, codes)
    assert len(out) + len(missed) == len(wards) and len(out) > 550
    coverage.apply_notspot(out, "gigabit", 25.0)
    sites = np.array([r["geometry"] for r in recs], dtype=object)
    res = coverage.find_coverage_gaps(
        sites, np.array([r["geometry"] for r in out], dtype=object), np.array([r["is_notspot"] for r in out]),
        spine, 1000.0, 0.0,
    )  # fmt: skip
    # every ward centroid that landed in an LSOA matches that same LSOA
    assert int(np.sum(res.place_index >= 0)) == len(wards) - len(missed)
    brute = shapely.distance(sites[:50, None], spine[None, :]).min(axis=1)
    np.testing.assert_allclose(res.spine_distance_m[:50], brute, atol=1e-6)


@settings(max_examples=40, deadline=None)
@given(
    pts=st.lists(st.tuples(coords, coords), min_size=1, max_size=30),
    segs=st.lists(st.tuples(coords, coords, coords, coords), min_size=1, max_size=40),
    k=st.integers(1, 6),
)
def test_kd_segment_search_is_exact_or_says_unresolved(pts, segs, k):
    """With few neighbours (k) the k-d search must leave points unresolved rather than guess:
    every resolved point has the brute-force distance; nearest_distance still fills the rest."""
    cKDTree = pytest.importorskip("scipy.spatial").cKDTree  # noqa: N806 (scipy is optional)

    pts_arr = np.array(pts, dtype=float)
    seg_arr = np.array(segs, dtype=float)
    a, b = seg_arr[:, :2], seg_arr[:, 2:]
    dist, seg = coverage._points_to_segments_kd(pts_arr[:, 0], pts_arr[:, 1], a, b, cKDTree, ks=(k,), chunk=7)
    lines = shapely.linestrings(np.stack([a, b], axis=1))
    brute = shapely.distance(shapely.points(pts_arr)[:, None], lines[None, :])
    done = seg >= 0
    np.testing.assert_allclose(dist[done], brute.min(axis=1)[done], rtol=0, atol=1e-9)
    np.testing.assert_allclose(brute[np.flatnonzero(done), seg[done]], dist[done], rtol=0, atol=1e-9)
    assert np.isnan(dist[~done]).all()
    if k >= len(segs) * 2:
        assert done.all()


def test_kd_segment_search_with_long_and_short_segments():
    """Pieces: a 10 km segment among 5 m ones is cut for the search; distances stay exact."""
    rng = np.random.default_rng(7)
    starts = rng.uniform(0, 2000, (400, 2))
    short = np.stack([starts, starts + rng.uniform(-5, 5, (400, 2))], axis=1)
    long = np.array([[[0.0, 1000.0], [10_000.0, 1003.0]], [[50.0, -3000.0], [60.0, 9000.0]]])
    lines = shapely.linestrings(np.concatenate([short, long]))
    points = shapely.points(rng.uniform(-500, 12_000, (3000, 2)))
    dist, idx = coverage.nearest_distance(points, lines)
    brute = shapely.distance(points[:, None], lines[None, :])
    np.testing.assert_allclose(dist, brute.min(axis=1), rtol=0, atol=1e-9)
    np.testing.assert_allclose(brute[np.arange(len(points)), idx], dist, rtol=0, atol=1e-9)

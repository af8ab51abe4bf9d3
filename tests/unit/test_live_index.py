"""The live clash index agrees with a brute-force reference, and edits update it in place."""

from __future__ import annotations

import numpy as np
import pytest
import shapely

from dig_once.plugin.core.live_index import PLAN, REGISTER, LiveCheck, RegisterIndex
from dig_once.plugin.core.overlaps import CLASH, OPPORTUNITY
from dig_once.plugin.core.works import (
    R_END_BEFORE_START,
    R_NO_START,
    R_OUT_OF_EXTENT,
    Works,
)


def _index(*columns, **named) -> RegisterIndex:
    """The register index of works given as ``Works.from_columns`` takes them."""
    return RegisterIndex.build(Works.from_columns(*columns, **named))


def _register(n=400, seed=3):
    rng = np.random.default_rng(seed)
    xy = rng.uniform(0, 1000, (n, 2))
    geoms = list(shapely.points(xy))
    for k in range(0, n, 3):  # a third are short lines
        x, y = xy[k]
        geoms[k] = shapely.LineString([(x, y), (x + rng.uniform(1, 60), y + rng.uniform(-30, 30))])
    start = rng.integers(0, 300, n)
    end = start + rng.integers(0, 40, n)
    owners = rng.choice(["A", "B", "C", None], n)
    return geoms, [f"W{k}" for k in range(n)], list(owners), start, end


def _brute(geom, start, end, owner, geoms, ids, owners, starts, ends, distance, max_gap):
    found = {}
    for g, i, o, s, e in zip(geoms, ids, owners, starts, ends, strict=True):
        if owner is not None and o is not None and o.casefold() == owner.casefold():
            continue
        d = shapely.distance(geom, g)
        if d > distance:
            continue
        if max(start, s) <= min(end, e):
            found[i] = CLASH
        elif max(start, s) - min(end, e) <= max_gap:
            found[i] = OPPORTUNITY
    return found


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_pairs_of_a_moved_feature_match_brute_force(seed):
    geoms, ids, owners, start, end = _register(seed=seed)
    live = LiveCheck(_index(geoms, ids, owners, start, end), distance=25, max_gap_days=30)
    rng = np.random.default_rng(seed + 100)
    for _ in range(20):
        x, y = rng.uniform(0, 1000, 2)
        geom = shapely.LineString([(x, y), (x + 50, y + 10)])
        s = int(rng.integers(0, 300))
        pairs = live.update(7, geom, s, s + 20, "A")
        got = {p.other_id: p.kind for p in pairs if p.other == REGISTER}
        assert got == _brute(geom, s, s + 20, "A", geoms, ids, owners, start, end, 25, 30)
    assert len(live) == 1, "the same fid moved: one plan feature, not twenty"


def test_distance_and_gap_boundaries_are_inclusive():
    reg = _index(
        [shapely.Point(25, 0), shapely.Point(0, 25.000001), shapely.Point(-25, 0), shapely.Point(0, -25)],
        ["exact", "beyond", "gap_max", "gap_over"],
        ["X", "X", "X", "X"],
        [10, 10, 40, 41],
        [20, 20, 50, 50],
    )
    live = LiveCheck(reg, distance=25, max_gap_days=30)
    pairs = {p.other_id: p for p in live.update(1, shapely.Point(0, 0), 0, 10, "me")}
    assert set(pairs) == {"exact", "gap_max"}
    assert pairs["exact"].kind == CLASH and pairs["exact"].overlap_days == 1  # end_a == start_b
    assert pairs["gap_max"].kind == OPPORTUNITY and pairs["gap_max"].gap_days == 30


def test_excluded_and_unusable_register_works_never_pair():
    reg = _index(
        [shapely.Point(1, 0), shapely.Point(2, 0), shapely.Point(3, 0), None],
        ["cancelled", "no_end", "ok", "no_geom"],
        ["X"] * 4,
        [0, 0, 0, 0],
        [5, None, 5, 5],
        statuses=["cancelled", "granted", "granted", "granted"],
    )
    assert reg.n_indexed == 1
    live = LiveCheck(reg)
    assert [p.other_id for p in live.update(1, shapely.Point(0, 0), 0, 5, "me")] == ["ok"]


def test_same_owner_left_out_unless_asked():
    reg = _index([shapely.Point(1, 0)], ["W"], [" my  Utility "], [0], [5])
    assert LiveCheck(reg).update(1, shapely.Point(0, 0), 0, 5, "MY UTILITY") == []
    both = LiveCheck(reg, include_same_owner=True).update(1, shapely.Point(0, 0), 0, 5, "MY UTILITY")
    assert [p.other_id for p in both] == ["W"]


def test_plan_features_pair_with_each_other_and_deletes_clean_up_both_sides():
    reg = _index([shapely.Point(1000, 1000)], ["far"], ["X"], [0], [5])
    live = LiveCheck(reg, distance=10)
    assert live.update(1, shapely.Point(0, 0), 0, 5, "A") == []
    pairs = live.update(2, shapely.Point(5, 0), 3, 8, "B")
    assert [(p.other, p.other_key, p.kind) for p in pairs] == [(PLAN, 1, CLASH)]
    assert [(p.other, p.other_key) for p in live.pairs_of(1)] == [(PLAN, 2)]
    assert live.clashing_fids() == {1, 2}
    live.update(2, shapely.Point(500, 0), 3, 8, "B")  # moved away: both sides forget the pair
    assert live.pairs_of(1) == [] and live.pairs_of(2) == []
    live.update(2, shapely.Point(5, 0), 3, 8, "B")
    live.remove(2)
    assert live.pairs_of(1) == [] and len(live) == 1
    assert list(live.plan_tree.intersection((-1, -1, 1000, 1000))) == [1]


def test_edit_updates_index_instead_of_rebuilding():
    geoms, ids, owners, start, end = _register()
    reg = _index(geoms, ids, owners, start, end)
    tree = reg.tree
    live = LiveCheck(reg)
    plan_tree = live.plan_tree
    for fid in range(50):
        live.update(fid, shapely.Point(fid * 10, 500), 0, 400, None)
    live.remove(10)
    assert live.register.tree is tree and live.plan_tree is plan_tree
    assert sorted(live.plan_tree.intersection((-1, 0, 1000, 1000))) == [f for f in range(50) if f != 10]


def test_unusable_plan_features_are_reported_not_paired():
    reg = _index([shapely.Point(1, 0)], ["W"], ["X"], [0], [5])
    live = LiveCheck(reg)
    assert live.update(1, shapely.Point(0, 0), None, 5, "me") == []
    assert live.update(2, shapely.Point(0, 0), 9, 5, "me") == []
    assert live.unusable == {1: R_NO_START, 2: R_END_BEFORE_START}
    live.update(1, shapely.Point(0, 0), 0, 5, "me")
    assert 1 not in live.unusable and live.clashing_fids() == {1}


def test_invalid_polygon_is_repaired():
    bowtie = shapely.Polygon([(0, 0), (10, 10), (10, 0), (0, 10)])
    reg = _index([shapely.Point(12, 5)], ["W"], ["X"], [0], [5])
    pairs = LiveCheck(reg, distance=3).update(1, bowtie, 0, 5, "me")
    assert [p.other_id for p in pairs] == ["W"] and pairs[0].distance_m == pytest.approx(2.0)


def test_plan_features_are_screened_as_the_engine_screens_works():
    reg = _index([shapely.Point(1, 0)], ["W"], ["X"], [0], [5])
    live = LiveCheck(reg)
    far = shapely.Point(1e9, 0)  # metres: far outside British National Grid (a CRS mix-up)
    assert live.update(1, far, 0, 5, "me") == []
    assert live.unusable == {1: R_OUT_OF_EXTENT}

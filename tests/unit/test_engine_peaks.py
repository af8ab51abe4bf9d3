"""The engine's steps and the writer's rtree hold no extra whole-input copies at their peaks.

A year of England (3.1M works, 4.9M near pairs, 1.8M pairs, 395k groups) ran findworksoverlaps
at ~1.5 GB: each of these steps was one of its peaks. The peaks are measured here with
``tracemalloc``, which numpy reports its arrays' memory to (GEOS's own is not counted), against
what the step must hold anyway (its output, its inputs' size)."""

from __future__ import annotations

import time
import tracemalloc
import weakref

import numpy as np
import shapely
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dig_once.plugin.core import memory, nearjoin, overlaps, parallel
from dig_once.plugin.core.compact import CompactGeometries
from dig_once.plugin.core.groups import hull_rings, owner_lists
from dig_once.plugin.core.pairs import classify_windows, shortest_segments
from dig_once.plugin.core.works import Vertices, Works
from dig_once.plugin.layerio import table_writer


def traced_peak(step):
    """``step()``'s result and the most numpy (and Python) memory it held above what it began
    with, in bytes."""
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        begin = tracemalloc.get_traced_memory()[0]
        result = step()
        return result, tracemalloc.get_traced_memory()[1] - begin
    finally:
        tracemalloc.stop()


def test_shortest_segments_of_points_hold_under_8_bytes_a_work():
    """The ends of points and two-point lines are read per pair from the vertices: 1,000 pairs
    among 300,000 works hold far less than a copy of every work's coordinates (9.6 MB for the
    first and last vertex of each, as before)."""
    rng = np.random.default_rng(3)
    n = 300_000
    xy = rng.uniform(0, 100_000, (n, 2))
    geoms = CompactGeometries.from_geometries(shapely.points(xy))
    i = rng.choice(n, 1000, replace=False)
    j = (i + 1) % n
    vertices = Vertices(geoms)
    ends, peak = traced_peak(lambda: shortest_segments(geoms, i, j, vertices=vertices))
    np.testing.assert_array_equal(ends[:, 0], xy[i])
    np.testing.assert_array_equal(ends[:, 1], xy[j])
    assert peak < n * 32 // 4


def test_near_pair_join_lets_its_cells_go_and_trims_the_heap_before_its_final_sort(monkeypatch):
    """The final sort of the near pairs is the join's peak: by then the grid's placement of the
    works is freed and the worker threads' freed heap handed back."""
    placed = []
    events = []
    place, sort = nearjoin._place, nearjoin._sorted

    def spy_place(*args, **kwargs):
        result = place(*args, **kwargs)
        placed.append(weakref.ref(result))
        return result

    def spy_trim():
        events.append(("trim", all(ref() is None for ref in placed)))
        return True

    def spy_sorted(found, n):
        events.append(("sort", len(found)))
        return sort(found, n)

    monkeypatch.setattr(nearjoin, "_place", spy_place)
    monkeypatch.setattr(nearjoin, "release_free_memory", spy_trim)
    monkeypatch.setattr(nearjoin, "_sorted", spy_sorted)
    monkeypatch.setattr(nearjoin, "TRIM_MIN_ITEMS", 10_000)  # 20,000 points stand for a large input
    rng = np.random.default_rng(4)
    pts = shapely.points(rng.uniform(0, 5000, (20_000, 2)))
    i, j, _d = nearjoin.near_pairs(pts, 30.0, workers=2)
    assert len(i) > 1000 and placed
    trims = [k for k, event in enumerate(events) if event[0] == "trim"]
    assert len(trims) == 1 and events[trims[0]] == ("trim", True)
    assert events[trims[0] + 1][0] == "sort" and trims[0] + 2 == len(events)  # the final one


def _in_windows_reference(i, j, start, end, max_gap, owner_codes):
    kind, gap, overlap = classify_windows(start[i], end[i], start[j], end[j], max_gap)
    keep = kind > 0
    if owner_codes is not None:
        keep &= (owner_codes[i] < 0) | (owner_codes[i] != owner_codes[j])
    return keep, kind[keep], gap[keep], overlap[keep]


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    n_pairs=st.integers(0, 40),
    chunk=st.integers(1, 9),
    same_owner=st.booleans(),
    seed=st.integers(0, 2**16),
)
def test_near_pairs_classified_a_chunk_at_a_time_are_those_of_one_pass(n_pairs, chunk, same_owner, seed):
    """Clash or opportunity, and the same-owner cut, decided a chunk of pairs at a time give
    the mask, kinds, gaps and overlaps of one pass over all pairs."""
    rng = np.random.default_rng(seed)
    start = rng.integers(0, 200, 12)
    end = start + rng.integers(0, 60, 12)
    owners = rng.integers(-1, 3, 12)
    i, j = rng.integers(0, 12, n_pairs), rng.integers(0, 12, n_pairs)
    codes = None if same_owner else owners
    old = overlaps._WINDOW_CHUNK
    overlaps._WINDOW_CHUNK = chunk
    try:
        got = overlaps._in_windows(i, j, start, end, 30, codes)
    finally:
        overlaps._WINDOW_CHUNK = old
    want = _in_windows_reference(i, j, start, end, 30, codes)
    for g, w in zip(got, want, strict=True):
        assert g.dtype == w.dtype
        np.testing.assert_array_equal(g, w)


def test_near_pairs_classified_by_chunks_hold_under_10_bytes_a_pair():
    """500,000 near pairs, few of them in each other's window: classifying them holds the
    mask and one chunk's temporaries, not the ten pair-long arrays of one pass (~40 MB)."""
    rng = np.random.default_rng(5)
    n = 500_000
    start = rng.integers(0, 100_000, 1000)
    end = start + 3
    i, j = rng.integers(0, 1000, n), rng.integers(0, 1000, n)
    old = overlaps._WINDOW_CHUNK
    overlaps._WINDOW_CHUNK = 1 << 14
    try:
        (keep, kind, _gap, _overlap), peak = traced_peak(
            lambda: overlaps._in_windows(i, j, start, end, 10, None)
        )
    finally:
        overlaps._WINDOW_CHUNK = old
    assert 0 < keep.sum() < n // 50 and len(kind) == keep.sum()
    assert peak < 10 * n  # one pass: ~80 bytes a pair


def test_hull_rings_hold_under_4_5_times_their_output():
    """Hulls of 20,000 groups of 40 vertices: the big groups' vertices are gathered and their
    rings placed chunk by chunk, so the step holds ~3.3x its output (the output, the chunks'
    rings waiting for their place, the widened segments' ends), not the big groups' vertices
    copied at once, then the hulls concatenated and their places too (~7.3x)."""
    rng = np.random.default_rng(6)
    n_groups, size = 20_000, 40
    angle = rng.uniform(0, 2 * np.pi, (n_groups, size))
    radius = np.sqrt(rng.uniform(0, 1, (n_groups, size))) * 50
    centre = rng.uniform(0, 1e6, (n_groups, 1, 2))
    xy = (centre + np.stack([radius * np.cos(angle), radius * np.sin(angle)], axis=2)).reshape(-1, 2)
    group = np.repeat(np.arange(n_groups), size)
    rings, peak = traced_peak(lambda: hull_rings(xy, group, n_groups))
    assert len(rings.offsets) == n_groups + 1
    assert rings.xy.nbytes > 2_000_000
    assert peak < 4.5 * rings.xy.nbytes


def test_owner_lists_hold_under_six_member_long_int64_arrays():
    """600,000 members in 2,000 groups with 100 owners: the bit sets are built from each
    (group, owner) once, so the step holds ~4.9 member-long int64 arrays' worth, not ~7.5."""
    rng = np.random.default_rng(7)
    m = 600_000
    g = np.sort(rng.integers(0, 2000, m))
    codes = rng.integers(0, 100, m)
    names = np.array([f"Owner {c}" for c in range(100)], dtype=object)[codes]
    (texts, counts), peak = traced_peak(lambda: owner_lists(g, codes, names, 2000))
    assert len(texts) == 2000 and counts.max() <= 100
    assert peak < 6 * 8 * m


def test_packed_rtree_holds_under_90_bytes_an_entry():
    """The STR-packed rtree of 300,000 boxes: the nodes' bytes are written once, in place, not
    built as cells and then copied into node rows, and each level's arrays go as it is written:
    ~81 bytes an entry at the peak, not ~106."""
    rng = np.random.default_rng(8)
    n = 300_000
    lo = rng.uniform(0, 1e5, (n, 2))
    bounds = np.column_stack([lo, lo + rng.uniform(0, 50, (n, 2))])
    packed, peak = traced_peak(lambda: table_writer._pack_rtree(bounds, 1228))
    node_bytes = sum(raw.nbytes for _first, raw in packed[0])
    assert node_bytes >= n * 24
    assert peak < 90 * n


def test_trim_every_hands_memory_back_at_most_once_an_interval(monkeypatch):
    trims = []
    clock = iter([0.0, 0.1, 0.3, 0.6, 0.6, 0.9, 1.2, 1.2])  # perf_counter as TrimEvery reads it
    monkeypatch.setattr(memory.time, "perf_counter", lambda: next(clock))
    monkeypatch.setattr(memory, "release_free_memory", lambda: trims.append(1) or True)
    trim = memory.TrimEvery(0.5)  # starts at 0.0
    for _ in range(4):  # at 0.1, 0.3: too soon; 0.6: trims (then 0.6 is the last); 0.9: too soon
        trim()
    assert len(trims) == 1
    trim()  # 1.2: 0.6 after the last
    assert len(trims) == 2


def test_a_long_threaded_run_trims_the_heaps_while_its_tasks_run(monkeypatch):
    """The near-pair join's tiles run on a Runner: freed memory is handed back during the run
    (the previous code trimmed only when the runner closed)."""
    trims = []
    monkeypatch.setattr(memory, "release_free_memory", lambda: trims.append(1) or True)
    with parallel.Runner(lambda _f: None, workers=1) as runner:
        runner.run([lambda: time.sleep(0.1) for _ in range(9)], 0.0, 1.0)
        during = len(trims)
    assert during >= 1


def test_the_writer_trims_between_its_chunks_of_rows(monkeypatch, tmp_path):
    """A large output's rows go a chunk at a time, each chunk's Python objects freed; the writer
    hands that memory back as it goes (here at every chunk: the interval set to 0)."""
    trims = []
    monkeypatch.setattr(memory, "release_free_memory", lambda: trims.append(1) or True)
    monkeypatch.setattr(memory, "TRIM_SECONDS", 0.0)
    monkeypatch.setattr(table_writer, "ROWS_PER_CHUNK", 1000)
    n = 5000
    table_writer.write_layer(
        tmp_path / "t.gpkg",
        "t",
        [("n", "int")],
        {"n": np.arange(n)},
        shapely.points(np.zeros((n, 2))),
        "POINT",
    )
    assert len(trims) >= n // 1000


def test_one_layers_unusable_works_are_left_out_of_the_join_in_place_not_by_a_copy(monkeypatch):
    """A year of England has 167k works left out for their status: the near-pair join gets
    every work's geometries as they are (with a mask), not a copy of the others' (~140 MB)."""
    seen = []
    real = overlaps.near_pairs

    def spy(geoms, *args, **kwargs):
        seen.append((geoms, kwargs.get("skip")))
        return real(geoms, *args, **kwargs)

    monkeypatch.setattr(overlaps, "near_pairs", spy)
    xy = np.array([[0, 0], [10, 0], [20, 0], [30, 0]], dtype=float)
    works = Works.from_columns(
        CompactGeometries.from_geometries(shapely.points(xy)),
        ["A", "B", "C", "D"],
        ["o1", "o2", "o3", "o4"],
        [0, 0, 0, 0],
        [5, 5, 5, 5],
        statuses=["granted", "cancelled", "granted", "granted"],
    )
    result = overlaps.find_overlaps(works, distance=12.0, excluded_statuses=["cancelled"])
    ((geoms, skip),) = seen
    assert len(geoms) == 4 and np.shares_memory(geoms.ax, works.geometries.ax)  # no copy
    assert skip.tolist() == [False, True, False, False]
    assert sorted(zip(result.a.tolist(), result.b.tolist(), strict=True)) == [(2, 3)]


def test_vertices_of_compact_works_hold_under_2_1_times_their_arrays():
    """300,000 works (points, two-point lines, rectangles), 80 % of them wanted: the counts go
    in place of the starts and the rectangles' vertices are placed from per-chunk counts, so
    gathering holds ~1.9x the vertices and starts it makes, not ~2.4x (a work-long count array,
    a per-vertex owner and its offsets beside them)."""
    rng = np.random.default_rng(9)
    n = 300_000
    xy = rng.uniform(0, 1e5, (n, 2))
    geoms = shapely.points(xy).astype(object)
    lines, boxes = rng.random(n) < 0.35, rng.random(n) < 0.17
    geoms[lines] = shapely.linestrings(np.stack([xy[lines], xy[lines] + 5], axis=1))
    geoms[boxes] = shapely.box(xy[boxes, 0], xy[boxes, 1], xy[boxes, 0] + 10, xy[boxes, 1] + 10)
    compact = CompactGeometries.from_geometries(geoms)
    rows = np.sort(rng.choice(n, int(n * 0.8), replace=False))
    vertices, peak = traced_peak(lambda: Vertices(compact, rows=rows))
    expected = Vertices(geoms, rows=rows)
    np.testing.assert_array_equal(vertices.start, expected.start)
    np.testing.assert_array_equal(vertices.xy, expected.xy)
    assert peak < 2.1 * (vertices.xy.nbytes + vertices.start.nbytes)

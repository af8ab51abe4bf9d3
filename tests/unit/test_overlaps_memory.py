"""The engine hands the memory its threaded steps freed back to the operating system, so the
process is not left as large as its temporaries while the outputs are written."""

from __future__ import annotations

import ctypes.util
import sys
import threading

import numpy as np
import pytest
import shapely

from dig_once.plugin.core import memory, nearjoin, overlaps, parallel
from dig_once.plugin.core.works import Works

glibc = pytest.mark.skipif(
    not sys.platform.startswith("linux") or "libc.so" not in (ctypes.util.find_library("c") or ""),
    reason="malloc_trim is glibc's",
)


def resident_bytes() -> int:
    with open("/proc/self/statm", encoding="ascii") as statm:
        return int(statm.read().split()[1]) * 4096


@glibc
def test_memory_freed_by_worker_threads_goes_back_to_the_system_when_the_runner_closes(monkeypatch):
    trims = []
    monkeypatch.setattr(parallel, "release_free_memory", lambda: trims.append(1) or True)
    blocks: list[np.ndarray] = []

    def allocate() -> None:  # 64 KB blocks: below glibc's mmap threshold, so on the thread's heap
        blocks.extend(np.ones(8192) for _ in range(4000))  # ~260 MB

    with parallel.Runner(lambda _f: None, workers=1) as runner:
        runner.run([allocate], 0.0, 1.0)
    assert trims == [1]
    pins = blocks[::50]  # a few kept all along the heap: it cannot shrink from its top alone
    blocks.clear()
    before = resident_bytes()
    assert memory.release_free_memory() is True
    assert resident_bytes() < before - 150 * 2**20
    assert len(pins) == 80


def test_find_overlaps_releases_its_temporaries_around_the_vertices_and_before_returning(monkeypatch):
    calls = []
    monkeypatch.setattr(overlaps, "release_free_memory", lambda: calls.append(1) or True)
    monkeypatch.setattr(overlaps, "TRIM_MIN_ITEMS", 0)  # two works stand for a large input
    vertices = overlaps.Vertices

    def spy(*args, **kwargs):
        calls.append("vertices")
        return vertices(*args, **kwargs)

    monkeypatch.setattr(overlaps, "Vertices", spy)
    works = Works.from_columns(shapely.points([[0, 0], [10, 0]]), ["A", "B"], ["x", "y"], [0, 0], [5, 5])
    result = overlaps.find_overlaps(works)
    assert len(result.a) == 1 and calls == [1, "vertices", 1, 1]


def test_release_free_memory_says_when_it_cannot(monkeypatch):
    monkeypatch.setattr(memory, "_trim", None)  # no malloc_trim in this C library
    assert memory.release_free_memory() is False


@pytest.mark.parametrize("two_sets", [False, True])
def test_released_geometries_go_once_the_lines_are_drawn_and_the_result_is_the_same(two_sets):
    # At 3M works the geometries are ~1 GB; the groups' summary and the writing need only
    # vertices, days and owners, so a caller done with them lets the engine drop them early.
    def make(rng: np.random.Generator, n: int, prefix: str) -> Works:
        xy = rng.uniform(0, 400, (n, 2))
        geoms = np.where(
            np.arange(n) % 3 == 0,
            shapely.linestrings(np.stack([xy, xy + rng.uniform(-20, 20, (n, 2))], axis=1)),
            shapely.points(xy),
        )
        start = rng.integers(0, 200, n)
        owners = [f"o{k % 5}" for k in range(n)]
        return Works.from_columns(geoms, [f"{prefix}{k}" for k in range(n)], owners, start, start + 20)

    def run(release: bool):
        rng = np.random.default_rng(7)  # the same works each time
        first = make(rng, 300, "A")
        other = make(rng, 200, "B") if two_sets else None
        return overlaps.find_overlaps(first, other, release_geometries=release), first, other

    kept, kept_first, _ = run(False)
    released, first, other = run(True)
    assert kept_first.geometries is not None
    assert first.geometries is None and (other is None or other.geometries is None)
    assert len(released.a) > 50
    for name in ("a", "b", "kind", "distance", "gap_days", "overlap_days", "group", "ends", "work_group"):
        assert np.array_equal(getattr(released, name), getattr(kept, name)), name
    assert np.array_equal(released.groups.hulls.xy, kept.groups.hulls.xy)
    assert released.groups.owners == kept.groups.owners
    assert first.ids.tolist() == kept_first.ids.tolist()


def test_groups_summarised_in_the_background_are_the_same_and_made_off_the_calling_thread(monkeypatch):
    # A year of England's groups take ~2.6 s to summarise: findworksoverlaps writes the pairs
    # (which need only each pair's group number) meanwhile, and waits for the groups after.
    rng = np.random.default_rng(5)
    xy = rng.uniform(0, 500, (400, 2))
    start = rng.integers(0, 300, 400)
    works = Works.from_columns(
        shapely.points(xy), [f"W{k}" for k in range(400)], [f"o{k % 7}" for k in range(400)], start, start + 9
    )
    kept = overlaps.find_overlaps(works)
    threads: list[str] = []
    summarise = overlaps.summarise

    def spy(*args, **kwargs):
        threads.append(threading.current_thread().name)
        return summarise(*args, **kwargs)

    monkeypatch.setattr(overlaps, "summarise", spy)
    later = overlaps.find_overlaps(works, groups_in_background=True)
    assert np.array_equal(later.group, kept.group) and np.array_equal(later.ends, kept.ends)
    groups = later.groups  # waits for the summary
    assert len(threads) == 1 and threads[0].startswith("digonce-groups")
    assert len(groups) == len(kept.groups) > 20
    for name in ("group_id", "n_works", "n_owners", "first_start", "last_end", "n_clashes", "days_saved"):
        assert np.array_equal(getattr(groups, name), getattr(kept.groups, name)), name
    assert groups.owners == kept.groups.owners
    assert np.array_equal(groups.hulls.xy, kept.groups.hulls.xy)


def test_a_small_input_is_trimmed_only_before_returning(monkeypatch):
    """Below TRIM_MIN_ITEMS works the steps are not followed by a trim of the heap (what they
    free is little); the one before returning stays."""
    calls = []
    monkeypatch.setattr(overlaps, "release_free_memory", lambda: calls.append(1) or True)
    monkeypatch.setattr(nearjoin, "release_free_memory", lambda: calls.append("join") or True)
    works = Works.from_columns(shapely.points([[0, 0], [10, 0]]), ["A", "B"], ["x", "y"], [0, 0], [5, 5])
    result = overlaps.find_overlaps(works)
    assert len(result.a) == 1 and calls == [1]

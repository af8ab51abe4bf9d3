"""The engine hands the memory its threaded steps freed back to the operating system, so the
process is not left as large as its temporaries while the outputs are written."""

from __future__ import annotations

import ctypes.util
import sys

import numpy as np
import pytest
import shapely

from dig_once.plugin.core import memory, overlaps, parallel
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


def test_find_overlaps_releases_its_temporaries_before_returning(monkeypatch):
    calls = []
    monkeypatch.setattr(overlaps, "release_free_memory", lambda: calls.append(1) or True)
    works = Works.from_columns(shapely.points([[0, 0], [10, 0]]), ["A", "B"], ["x", "y"], [0, 0], [5, 5])
    result = overlaps.find_overlaps(works)
    assert len(result.a) == 1 and calls == [1]


def test_release_free_memory_says_when_it_cannot(monkeypatch):
    monkeypatch.setattr(memory, "_trim", None)  # no malloc_trim in this C library
    assert memory.release_free_memory() is False

"""Will it fit? The memory an analysis needs, estimated from the size of its input and checked
against what the machine has free *before* the analysis starts, so that a job too big for the
machine is refused with a sentence saying so rather than ended by the operating system (which,
inside QGIS, ends QGIS).

The estimates are peak resident memory per input feature measured on England-density data
(``scripts/bench_england.py``), with a margin; they are deliberately on the high side.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import time
from collections.abc import Callable

from .errors import InputError

GB = 1024**3
#: Memory of the process before the analysis reads anything (QGIS, Python, the plugin).
BASE_BYTES = 400 * 1024**2
#: Peak bytes per work for digonce:checkrestrictions, beside BYTES_PER_VERTEX for their
#: vertices. Measured through qgis_process: a year of England, 3.1M works read compactly,
#: 1,225 MiB (~0.28 kB a work above BASE_BYTES); 300k works buffered by 5 m (122 vertices
#: each), 1,823 MiB (~40 bytes a vertex). 1,500 a work alone estimated the year at 5.5 GB:
#: a laptop with 4 GB free was refused a job that needs 1.3 GB.
CHECK_RESTRICTIONS_BYTES_PER_WORK = 800
#: Peak bytes per work for digonce:findworksoverlaps, both layers' works counted. Measured
#: (scripts/bench_overlaps.py, bench_england.py): 1M works, 568k pairs: 0.6 GB in all; a year
#: of England, 3.1M works, 1.8M pairs: 2,209 MiB when every geometry was a GEOS object,
#: 1,312 MiB now that points and two-point lines are read as coordinates (``core.compact``)
#: and each step's peak was cut (~0.3 kB a work above BASE_BYTES). A layer of polygons, or one read
#: through QGIS features, still holds GEOS objects, and denser data makes more pairs a work:
#: hence the margin.
FIND_OVERLAPS_BYTES_PER_WORK = 800
#: Peak bytes per vertex of the works' geometries, on top of the bytes per work (a polygon's
#: GEOS coordinates and objects, its vertices gathered for the hulls, its shortest lines):
#: 300k works buffered by 5 m (122 vertices each, all GEOS polygons) peaked at 1,781 MiB
#: through findworksoverlaps, ~40 bytes a vertex, where 1,000 bytes a work alone estimated
#: 0.7 GB. Street works have ~2 vertices each (points, two-point lines, small rectangles).
BYTES_PER_VERTEX = 64
#: Peak bytes per pair for digonce:compareruns (both runs' pairs counted).
COMPARE_BYTES_PER_PAIR = 1500


_trim: Callable[[int], int] | None | bool = False  # False: not looked up yet


def release_free_memory() -> bool:
    """Hand the heap memory freed so far back to the operating system, where the C library can
    (glibc's ``malloc_trim``; elsewhere nothing happens). Returns whether it could.

    Why: the engine's threaded steps free hundreds of MB of temporaries (the near-pair join's
    cells and candidates, a million works' worth), but glibc keeps freed memory in each worker
    thread's heap for reuse, so the process stays that large while it writes its outputs: on a
    year of England at 0.3 scale (937k works), 1,158 MB resident after the engine, 811 MB after
    a trim. Trimming lowers the peak the OS sees, never the results.
    """
    global _trim
    if _trim is False:
        _trim = None
        name = ctypes.util.find_library("c")
        try:
            trim = ctypes.CDLL(name).malloc_trim if name else None
        except (OSError, AttributeError):  # not glibc (macOS, Windows, musl without it)
            trim = None
        if trim is not None:
            trim.argtypes, trim.restype = [ctypes.c_size_t], ctypes.c_int
            _trim = trim
    if _trim is None:
        return False
    _trim(0)
    return True


#: the least time between two trims of :class:`TrimEvery`
TRIM_SECONDS = 0.5
#: geometries below which a step does not trim the heap between its stages: what a small
#: input frees is little, and the trim would only be work (and a walk of every thread's heap
#: while QGIS draws)
TRIM_MIN_ITEMS = 100_000


class TrimEvery:
    """Call in a long loop: hands freed heap back (:func:`release_free_memory`) at most once
    every ``seconds`` (:data:`TRIM_SECONDS`). While threads allocate and free temporaries
    around results that are kept (the near-pair join's tiles, the writer's chunks beside the
    groups' summary), the freed memory is pinned between the kept blocks in each thread's
    heap: on a year of England the join's resident memory grew ~290 MB for ~80 MB of pairs
    kept. A trim walks the heaps (~10 ms at 1.3 GB), so it is rationed."""

    def __init__(self, seconds: float | None = None):
        self.seconds = TRIM_SECONDS if seconds is None else seconds
        self.last = time.perf_counter()

    def __call__(self) -> None:
        now = time.perf_counter()
        if now - self.last >= self.seconds:
            release_free_memory()
            self.last = time.perf_counter()


def available_bytes() -> int | None:
    """Memory the system can give without swapping (Linux ``MemAvailable``, else psutil, else
    free pages); None when it cannot be told."""
    try:
        with open("/proc/meminfo", encoding="ascii") as meminfo:
            for line in meminfo:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    try:
        import psutil

        return int(psutil.virtual_memory().available)
    except ImportError:
        pass
    try:
        return os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError, AttributeError):
        return None


def needed_bytes(n: int, per_item: int, base: int = BASE_BYTES, vertices: int = 0) -> int:
    return base + max(0, n) * per_item + max(0, vertices) * BYTES_PER_VERTEX


def check_fits(
    n: int,
    per_item: int,
    what: str,
    *,
    available: int | None = None,
    base: int = BASE_BYTES,
    vertices: int = 0,
) -> None:
    """Raise :class:`InputError` when ``n`` items at ``per_item`` bytes (plus ``base``, plus
    :data:`BYTES_PER_VERTEX` for each of their estimated ``vertices``) need more memory than
    is available; do nothing when it fits or the free memory cannot be told.

    >>> check_fits(3_000_000, 1500, "works layer works.gpkg", available=2 * GB)
    Traceback (most recent call last):
    ...
    dig_once.plugin.core.errors.InputError: works layer works.gpkg: 3,000,000 features need about 4.6 GB of memory and 2.0 GB is free. Close other programs, or run the analysis on part of the data (a date range, an area or a selection).
    >>> check_fits(300_000, 800, "works layer buffered.gpkg", available=2 * GB, vertices=36_000_000)
    Traceback (most recent call last):
    ...
    dig_once.plugin.core.errors.InputError: works layer buffered.gpkg: 300,000 features (about 36,000,000 vertices) need about 2.8 GB of memory and 2.0 GB is free. Close other programs, or run the analysis on part of the data (a date range, an area or a selection).
    """
    need = needed_bytes(n, per_item, base, vertices)
    free = available_bytes() if available is None else available
    if free is None or need <= free:
        return
    # the vertices are named when they weigh (more than ~4 a feature, e.g. buffered polygons)
    many = f" (about {vertices:,} vertices)" if vertices * BYTES_PER_VERTEX > n * per_item / 4 else ""
    raise InputError(
        f"{what}: {n:,} features{many} need about {need / GB:.1f} GB of memory and {free / GB:.1f} GB is free. "
        "Close other programs, or run the analysis on part of the data (a date range, an area or a "
        "selection)."
    )

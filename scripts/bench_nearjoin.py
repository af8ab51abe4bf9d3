"""Benchmark the dig-once near-pair finder against the bare shapely-2 bulk query.

In one run, on the works of ``bench_overlaps.generate`` (points and short lines at London
density):

* baseline: ``STRtree(g).query(g, predicate="dwithin", distance=25)`` on one thread, tree
  build included, pairs ``q < t``, then their exact distances (``shapely.distance``): the same
  output as ``near_pairs`` (pairs and distances), on one thread;
* ``near_pairs`` (``plugin/core/overlaps.py``, the grid join of ``plugin/core/nearjoin.py``) on
  one thread (the headline ratio: like with like, same threads, same distances), and on one
  thread per CPU (printed apart).

Each is timed ``--repeat`` times, interleaved, and the best is kept (the machine may be
shared; its load is printed); the ratio is to the baseline measured in this run. Pair counts
must be identical.
Also printed: the peak RSS growth while ``near_pairs`` runs. ``--check`` also compares every
pair and distance bit for bit with ``near_pairs_reference`` (slow). Timings are figures to
read, never asserted.

    .venv/bin/python scripts/bench_nearjoin.py                 # 1M works
    .venv/bin/python scripts/bench_nearjoin.py --n 200000 --check
"""

from __future__ import annotations

import argparse
import gc
import os
import threading
import time

import numpy as np
from pkgroot import ensure_pkgroot


def _imports():
    ensure_pkgroot(importable=True)
    from bench_overlaps import generate

    from dig_once.plugin.core import overlaps

    return generate, overlaps


def _rss() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


class PeakRss:
    """Peak resident set size while the block runs (sampled every 5 ms), minus the start."""

    def __enter__(self):
        self.start = self.peak = _rss()
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._watch, daemon=True)
        self.thread.start()
        return self

    def _watch(self) -> None:
        while not self.stop.wait(0.005):
            self.peak = max(self.peak, _rss())

    def __exit__(self, *exc) -> None:
        self.stop.set()
        self.thread.join()
        self.peak = max(self.peak, _rss())

    @property
    def growth(self) -> int:
        return self.peak - self.start


def baseline(geoms, distance: float) -> tuple[int, float]:
    import shapely

    t0 = time.perf_counter()
    tree = shapely.STRtree(geoms)
    q, t = tree.query(geoms, predicate="dwithin", distance=distance)
    keep = q < t
    shapely.distance(geoms[q[keep]], geoms[t[keep]])  # the exact distances near_pairs also gives
    seconds = time.perf_counter() - t0
    return int(keep.sum()), seconds


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=1_000_000, help="works (default 1,000,000)")
    parser.add_argument("--seed", type=int, default=20260101)
    parser.add_argument("--distance", type=float, default=25.0)
    parser.add_argument("--repeat", type=int, default=3, help="timings of each, best kept (default 3)")
    parser.add_argument("--check", action="store_true", help="compare with near_pairs_reference bit for bit")
    args = parser.parse_args()
    generate, overlaps = _imports()
    from dig_once.plugin.core import nearjoin

    t0 = time.perf_counter()
    geoms = generate(args.n, args.seed)[0]
    workers = os.cpu_count() or 1
    print(f"bench_nearjoin: n={args.n:,} works, distance {args.distance} m, {workers} CPUs, "
          f"generated in {time.perf_counter() - t0:.1f} s", flush=True)  # fmt: skip

    base_s, new_s, one_s = [], [], []
    base_pairs = new_pairs = one_pairs = -1
    peak = 0
    result = None
    for rep in range(args.repeat):
        gc.collect()
        base_pairs, seconds = baseline(geoms, args.distance)
        base_s.append(seconds)
        gc.collect()
        with PeakRss() as rss:
            t0 = time.perf_counter()
            result = overlaps.near_pairs(geoms, args.distance)
            new_s.append(time.perf_counter() - t0)
        peak = max(peak, rss.growth)
        new_pairs = len(result[0])
        result = None
        gc.collect()
        t0 = time.perf_counter()
        one = nearjoin.near_pairs(geoms, args.distance, workers=1)
        one_s.append(time.perf_counter() - t0)
        one_pairs = len(one[0])
        del one
        print(f"  run {rep + 1}: baseline {base_s[-1]:.3f} s, near_pairs {new_s[-1]:.3f} s "
              f"({workers} threads), {one_s[-1]:.3f} s (1 thread)", flush=True)  # fmt: skip

    b, n_, o = min(base_s), min(new_s), min(one_s)
    same = base_pairs == new_pairs == one_pairs
    one_min, five_min, _ = os.getloadavg()
    print(f"baseline  STRtree(g).query(g, predicate='dwithin', distance={args.distance:g}) + exact distances, "
          f"1 thread: {base_pairs:,} pairs (q < t), best {b:.3f} s")  # fmt: skip
    print(f"near_pairs, 1 thread:  {one_pairs:,} pairs and distances, best {o:.3f} s; headline ratio to the "
          f"baseline (like with like) {o / b:.3f} ({b / o:.1f}x faster)")  # fmt: skip
    print(f"near_pairs, {workers} threads: {new_pairs:,} pairs, best {n_:.3f} s, ratio to the 1-thread "
          f"baseline {n_ / b:.3f}; peak RSS growth {peak / 2**20:,.0f} MB (load {one_min:.1f}/{five_min:.1f})")  # fmt: skip
    print(f"pair counts {'identical' if same else 'DIFFER'}")
    if args.check:
        t0 = time.perf_counter()
        ri, rj, rd = overlaps.near_pairs_reference(geoms, args.distance)
        i, j, d = overlaps.near_pairs(geoms, args.distance)
        order = np.lexsort((rj, ri))
        equal = (
            np.array_equal(i, ri[order])
            and np.array_equal(j, rj[order])
            and np.array_equal(d.view(np.int64), rd[order].view(np.int64))
        )
        print(f"check against near_pairs_reference ({time.perf_counter() - t0:.1f} s): "
              f"{'identical pairs and distances' if equal else 'DIFFERENT'}")  # fmt: skip
        same = same and equal
    if not same:
        raise SystemExit(1)


if __name__ == "__main__":
    main()

"""Benchmark of the "My plan" live check: one edited feature against a 1M-works register.

Generates a synthetic register in British National Grid (points and short lines spread over
London, dates over two years), indexes it once (rtree bulk load from a stream), then moves
one plan feature REPEAT times and times each update (plan index update + register query +
exact distance + date classification). In the same run it times a baseline on the same
edits, what a developer would write: a shapely-2 ``STRtree`` of the register's usable works
(built once, its build time printed apart) queried with ``predicate="dwithin"`` for the edited
feature, then the same window test (``classify_windows``) on the works found.

    .venv/bin/python scripts/bench_livecheck.py [--n 1000000] [--repeat 200]

Prints the median and p95 in milliseconds and the ratio live / baseline (the live check
also keeps the plan's own index and pairs up to date, which the baseline does not). Goal: <= 50 ms
median. Timings are printed, never asserted.
"""

from __future__ import annotations

import argparse
import statistics
import time

import numpy as np
import shapely
from pkgroot import ensure_pkgroot


def _import_live_index():
    ensure_pkgroot(importable=True)
    from dig_once.plugin.core import live_index

    return live_index


# London in BNG, roughly (DOMAIN.md): E 503 000-562 000, N 155 000-201 000.
X0, X1, Y0, Y1 = 503_000.0, 562_000.0, 155_000.0, 201_000.0


def synthetic_register(n: int, seed: int = 1):
    """n works: half points, half short lines (5-150 m), owners and two years of dates."""
    rng = np.random.default_rng(seed)
    x = rng.uniform(X0, X1, n)
    y = rng.uniform(Y0, Y1, n)
    geoms = np.empty(n, dtype=object)
    half = n // 2
    geoms[:half] = shapely.points(x[:half], y[:half])
    length = rng.uniform(5, 150, n - half)
    angle = rng.uniform(0, np.pi, n - half)
    coords = np.empty((n - half, 2, 2))
    coords[:, 0, 0] = x[half:]
    coords[:, 0, 1] = y[half:]
    coords[:, 1, 0] = x[half:] + length * np.cos(angle)
    coords[:, 1, 1] = y[half:] + length * np.sin(angle)
    geoms[half:] = shapely.linestrings(coords)
    start = rng.integers(20_000, 20_730, n)
    end = start + rng.integers(0, 60, n)
    owners = np.array(["UKPN", "Thames Water", "Cadent", "BT Openreach", "SGN", "TfL", "Virgin Media"])[
        rng.integers(0, 7, n)
    ]
    ids = np.char.add("W", np.arange(n).astype(str)).astype(object)
    return geoms, ids, owners.astype(object), start, end


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1_000_000, help="register size (default 1M)")
    parser.add_argument("--repeat", type=int, default=200, help="edits to time (default 200)")
    parser.add_argument("--distance", type=float, default=25.0)
    args = parser.parse_args()
    live_index = _import_live_index()

    t0 = time.perf_counter()
    geoms, ids, owners, start, end = synthetic_register(args.n)
    t_gen = time.perf_counter() - t0
    t0 = time.perf_counter()
    register = live_index.RegisterIndex.build(live_index.Works.from_columns(geoms, ids, owners, start, end))
    t_index = time.perf_counter() - t0
    live = live_index.LiveCheck(register, distance=args.distance, max_gap_days=90)

    # A plan of 1 000 features already in place, then one feature edited REPEAT times.
    rng = np.random.default_rng(7)
    for fid in range(1, 1001):
        x, y = rng.uniform(X0, X1), rng.uniform(Y0, Y1)
        live.update(fid, shapely.LineString([(x, y), (x + 80, y + 20)]), 20_300, 20_330, "My utility")
    moves = []
    for _ in range(args.repeat):
        x, y = rng.uniform(X0 + 5000, X1 - 5000), rng.uniform(Y0 + 5000, Y1 - 5000)
        moves.append(shapely.LineString([(x, y), (x + 120, y + 40), (x + 200, y - 10)]))

    times = []
    found = 0
    for geom in moves:
        t0 = time.perf_counter()
        pairs = live.update(1, geom, 20_300, 20_330, "My utility")
        times.append((time.perf_counter() - t0) * 1000)
        found += len(pairs)

    # Baseline: an STRtree of the usable register works (built once) queried with dwithin for
    # each edit, then the same window test; the pair counts must agree with the live check's.
    from dig_once.plugin.core.overlaps import classify_windows

    positions = np.flatnonzero(register.usable)
    t0 = time.perf_counter()
    tree = shapely.STRtree(register.geometries[positions])
    t_tree = time.perf_counter() - t0
    base_times = []
    base_found = live_found = 0
    for geom in moves:
        t0 = time.perf_counter()
        near = positions[tree.query(geom, predicate="dwithin", distance=args.distance)]
        kind, _, _ = classify_windows(
            np.full(len(near), 20_300),
            np.full(len(near), 20_330),
            register.start[near],
            register.end[near],
            90,
        )
        base_times.append((time.perf_counter() - t0) * 1000)
        base_found += int((kind > 0).sum())
        live_found += sum(
            p.other == live_index.REGISTER for p in live.update(1, geom, 20_300, 20_330, "My utility")
        )

    median = statistics.median(times)
    p95 = float(np.percentile(times, 95))
    base_median = statistics.median(base_times)
    print(
        f"register: {args.n:,} works generated in {t_gen:.1f} s, indexed once in {t_index:.1f} s "
        f"({register.n_indexed:,} usable)"
    )
    print(
        f"live update of one edited feature ({args.repeat} edits, plan of {len(live):,} features): "
        f"median {median:.2f} ms, p95 {p95:.2f} ms; {found} pairs found"
    )
    print(
        f"baseline STRtree dwithin query + window test ({args.repeat} edits; tree built once in "
        f"{t_tree:.1f} s): median {base_median:.2f} ms; {base_found} pairs (live check: {live_found}, "
        f"{'agree' if base_found == live_found else 'DISAGREE'})"
    )
    print(
        f"ratio live / baseline (median): {median / base_median:.2f}x; goal <= 50 ms median: "
        f"{'met' if median <= 50 else 'NOT met'}"
    )


if __name__ == "__main__":
    main()

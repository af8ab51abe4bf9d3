#!/usr/bin/env python3
"""Benchmark the Street Manager import: events/s and peak RSS at 100k and 1M events.

Usage::

    .venv/bin/python scripts/bench_import.py [--sizes 100000 1000000] [--workdir /tmp/digonce-bench]
    .venv/bin/python scripts/bench_import.py --workers 2 --archives /tmp/digonce-england/england_300000_42/permit/2026/0[1-3].zip

The archives come from ``scripts/make_sample_data.py``'s streaming writer (kept in
``--workdir`` between runs). Each measurement runs in its own process, so each peak RSS is
its own. Baseline, measured in the same run: bare ``zipfile`` + the reader's own JSON parser
(``streetmanager._loads``: orjson when installed, as requirements.txt asks, else ``json``) over
the same archive, one core. CPU is this process's and its workers' (user + system), per
event. ``--workers 2`` also times the import with its reading spread over
two processes (``import_street_manager(workers=2)``: the workers hand over ready store rows).
``--archives`` times given archives (e.g. England months from ``make_sample_data.py --england``)
instead of generated ones. Each line gives the machine's load at the time (the machine may be
shared: compare ratios measured in the same run). Goals: >= 15k events/s on one core
(issue 3), >= 45k events/s on two cores (issue 24), peak RSS <= 1 GB, and RSS at 1M <= 1.1x RSS
at 100k. Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pkgroot import REPO, ensure_pkgroot


def _generator():
    spec = importlib.util.spec_from_file_location(
        "make_sample_data", REPO / "scripts" / "make_sample_data.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_sample_data"] = module
    spec.loader.exec_module(module)
    return module


def make_archive(workdir: Path, events: int) -> Path:
    path = workdir / f"permit_{events}.zip"
    if not path.exists():
        t0 = time.perf_counter()
        tmp = path.with_suffix(".partial")
        _generator().write_streetmanager_archive(tmp, None, 42, "2026-03", target_events=events)
        tmp.rename(path)
        print(
            f"generated {path.name} ({path.stat().st_size / 1e6:.0f} MB) in {time.perf_counter() - t0:.0f} s"
        )
    return path


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def measure(mode: str, archive: str, store: str) -> dict:
    """Runs in a child process: one measurement."""
    ensure_pkgroot(importable=True)
    t0 = time.perf_counter()
    cpu0 = os.times()
    if mode == "baseline":
        import zipfile

        from dig_once.plugin.sources.streetmanager import _loads  # the reader's parser

        n = 0
        with zipfile.ZipFile(archive) as z:
            for info in z.infolist():
                if info.filename.endswith(".json"):
                    _loads(z.read(info))
                    n += 1
    elif mode == "reader":
        from dig_once.plugin.sources.streetmanager import StreetManagerReader

        reader = StreetManagerReader(archive)
        for _ in reader:
            pass
        n = reader.stats.events_read
    else:
        from dig_once.plugin.sources.streetmanager import import_street_manager
        from dig_once.plugin.store import Store

        workers = int(mode.split("x")[1]) if mode.startswith("import x") else 1
        result, stats = import_street_manager(Store(store), archive, workers=workers)
        n = stats.events_read
    seconds = time.perf_counter() - t0
    cpu1 = os.times()  # this process and its workers: what a shared machine's load does not inflate
    cpu = sum(cpu1[:4]) - sum(cpu0[:4])
    # with workers: this process plus the largest worker once for each (each holds a chunk)
    workers_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024.0
    workers = int(mode.split("x")[1]) if mode.startswith("import x") else 0
    return {"events": n, "seconds": seconds, "cpu": cpu, "rss_mb": _peak_rss_mb() + workers * workers_mb}


def run_child(mode: str, archive: Path, workdir: Path) -> dict:
    store = workdir / f"bench_{mode.replace(' ', '_')}_{archive.stem}.gpkg"
    store.unlink(missing_ok=True)
    out = subprocess.run(
        [sys.executable, __file__, "--child", mode, str(archive), str(store)],
        check=True,
        capture_output=True,
        text=True,
    )
    store.unlink(missing_ok=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "digonce-bench")
    parser.add_argument("--workers", type=int, default=1, help="also import with this many parsing processes")
    parser.add_argument(
        "--archives", type=Path, nargs="+", help="time these archives instead of generated ones"
    )
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(*args.child)))
        return
    args.workdir.mkdir(parents=True, exist_ok=True)
    results: dict[int, dict[str, dict]] = {}
    modes = ["baseline", "reader", "import"] + ([f"import x{args.workers}"] if args.workers > 1 else [])
    inputs = (
        [(k, path) for k, path in enumerate(args.archives)]
        if args.archives
        else [(size, make_archive(args.workdir, size)) for size in args.sizes]
    )
    for size, archive in inputs:
        if args.archives:
            print(f"{archive}:")
        results[size] = {}
        for mode in modes:
            r = run_child(mode, archive, args.workdir)
            results[size][mode] = r
            rate = r["events"] / r["seconds"]
            base = results[size]["baseline"]
            ratio = rate / (base["events"] / base["seconds"])
            print(
                f"{r['events']:>9,} events  {mode:<10} read in {r['seconds']:7.1f} s = "
                f"{rate:>8,.0f} events/s ({ratio:.2f}x baseline)  CPU {1e6 * r['cpu'] / max(r['events'], 1):5.1f} "
                f"us/event  peak RSS {r['rss_mb']:7.1f} MB  "
                f"(load {os.getloadavg()[0]:.1f})",
                flush=True,
            )
    if len(args.sizes) >= 2 and not args.archives:
        small, big = min(args.sizes), max(args.sizes)
        for mode in modes:
            growth = results[big][mode]["rss_mb"] / results[small][mode]["rss_mb"]
            print(f"RSS {mode:<8} at {big:,} / at {small:,}: {growth:.2f}x (goal for reader/import <= 1.10)")
    load = os.getloadavg()
    print(f"goals: >= 15,000 events/s on one core, >= 45,000 on two, peak RSS <= 1024 MB "
          f"(load {load[0]:.1f}/{load[1]:.1f} on {os.cpu_count()} cores)")  # fmt: skip


if __name__ == "__main__":
    main()

"""Benchmark digonce:findworksoverlaps against the limit and against QGIS's own tools.

In one run, on the same generated works (points and short lines at London density, random
2026 windows):

(a) the bare shapely-2 bulk query: ``STRtree(g).query(g, predicate="dwithin", distance=25)``,
    pairs i < j (the speed limit: no I/O, no time rules, no outputs);
(b) ``digonce:findworksoverlaps`` end to end through ``qgis_process``, GeoPackage -> GeoPackage,
    with every near pair kept (MAX_GAP_DAYS huge, same owner included, no excluded status) so
    its PAIRS must equal (a)'s count;
(c) at the baseline size only: QGIS's ``native:buffer`` (25 m) + ``native:joinattributesbylocation``
    (intersects, one-to-many) chain through ``qgis_process``; pairs = joined rows without the
    self-match, halved.

Prints pairs found, wall time and peak RSS of each, and the ratios (b)/(a) and (c)/(b).
For reading (b), parts measured in the same run: the plugin's own near-pair search
(``nearjoin.near_pairs``, after (a) in its process) on the same geometries; ``qgis_process``
start-up alone (help, no work); and (w) a bare ``sqlite3`` row-per-statement ``executemany``
of (b)'s pair rows (read back first, not timed) into a plain table. And (e): the engine alone
(``find_overlaps``, no QGIS, no I/O) on the same works with refs in no particular order, with
the longest interval between its progress calls (how long a cancel can wait; goal <= 250 ms).
``qgis_process`` runs the plugin as an installed plugin runs, its compiled modules kept from an
untimed first start (``pkgroot.qgis_process_env``). Timings are figures to read, never
asserted. On a shared machine they vary by a quarter from run to run: ``--repeat 3`` runs (a)
and (b) in turn three times and takes the medians.

    .venv/bin/python scripts/bench_overlaps.py --n 1000000          # (a), (b) at 1M; (a), (b), (c) at 200k
    .venv/bin/python scripts/bench_overlaps.py --n 200000 --baseline-n 200000
"""

from __future__ import annotations

import argparse
import json
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from pkgroot import ensure_pkgroot, qgis_process_env

LONDON = (503_000.0, 155_000.0, 562_000.0, 201_000.0)
# ~1M works a year in a London-sized box is the density Street Manager shows for London.
OWNERS = [f"Promoter {k:02d}" for k in range(24)]


def generate(n: int, seed: int):
    """Geometries (shapely), refs, owners, start/end day numbers: deterministic for (n, seed)."""
    import shapely

    rng = np.random.default_rng(seed)
    xy = np.column_stack([rng.uniform(LONDON[0], LONDON[2], n), rng.uniform(LONDON[1], LONDON[3], n)])
    geoms = shapely.points(xy)
    is_line = rng.random(n) < 0.3
    k = int(is_line.sum())
    angle = rng.uniform(0, 2 * np.pi, k)
    length = rng.uniform(10, 60, k)
    ends = xy[is_line] + np.column_stack([np.cos(angle), np.sin(angle)]) * length[:, None]
    geoms[is_line] = shapely.linestrings(np.stack([xy[is_line], ends], axis=1))
    start = 20454 + rng.integers(0, 365, n)  # 2026
    end = start + rng.integers(0, 30, n)
    owners = np.array(OWNERS)[rng.integers(0, len(OWNERS), n)]
    return geoms, owners, start, end


def write_gpkg(path: Path, n: int, seed: int) -> None:
    """Works GeoPackage via a CSV and GDAL's own translator (C speed)."""
    import shapely
    from osgeo import gdal

    gdal.UseExceptions()
    geoms, owners, start, end = generate(n, seed)
    wkt = shapely.to_wkt(geoms, rounding_precision=-1, trim=True)
    days = np.datetime64("1970-01-01")
    csv = path.with_suffix(".csv")
    with csv.open("w", encoding="utf-8") as out:
        out.write("wkt,permit_ref,promoter,permit_status,start_date,end_date\n")
        for k in range(n):
            out.write(
                f'"{wkt[k]}",B{k:07d},{owners[k]},granted,{days + int(start[k])},{days + int(end[k])}\n'
            )
    source = gdal.OpenEx(
        str(csv),
        gdal.OF_VECTOR,
        open_options=["GEOM_POSSIBLE_NAMES=wkt", "KEEP_GEOM_COLUMNS=NO", "AUTODETECT_TYPE=YES"],
    )
    gdal.VectorTranslate(
        str(path),
        source,
        format="GPKG",
        layerName="works",
        dstSRS="EPSG:27700",
        srcSRS="EPSG:27700",
        geometryType="GEOMETRY",
        layerCreationOptions=["SPATIAL_INDEX=NO"],
    )
    source = None
    csv.unlink()


def stage_a(n: int, seed: int, distance: float) -> dict:
    """(a), run in a child process so its peak RSS is its own."""
    import shapely

    geoms = generate(n, seed)[0]
    t0 = time.perf_counter()
    tree = shapely.STRtree(geoms)
    q, t = tree.query(geoms, predicate="dwithin", distance=distance)
    seconds = time.perf_counter() - t0
    # For reading (b): the plugin's own near-pair search (grid join, one thread per CPU) on the
    # same geometries, in the same process, after (a).
    ensure_pkgroot(importable=True)
    from dig_once.plugin.core.nearjoin import near_pairs

    t0 = time.perf_counter()
    i, _j, _d = near_pairs(geoms, distance)
    ours = time.perf_counter() - t0
    return {"pairs": int((q < t).sum()), "seconds": seconds, "join_pairs": int(len(i)), "join_seconds": ours}


def stage_e(n: int, seed: int, distance: float) -> dict:
    """(e) The engine alone (``find_overlaps``, no QGIS) on the same works with their refs in no
    particular order (as in real registers), with (b)'s parameters: its seconds and the longest
    interval between two progress calls, which bounds how long a cancel waits."""
    ensure_pkgroot(importable=True)
    from dig_once.plugin.core.gc_pause import gc_paused
    from dig_once.plugin.core.overlaps import Works, find_overlaps

    geoms, owners, start, end = generate(n, seed)
    refs = np.array([f"W{k:07d}" for k in np.random.default_rng(seed).permutation(n)], dtype=object)
    works = Works.from_columns(geoms, refs, owners.astype(object), start, end)
    stamps = [time.perf_counter()]
    with gc_paused():  # as the algorithm runs it
        result = find_overlaps(
            works,
            distance=distance,
            max_gap_days=1_000_000,
            include_same_owner=True,
            excluded_statuses=[],
            progress=lambda _f: stamps.append(time.perf_counter()) or True,
        )
    stamps.append(time.perf_counter())
    return {
        "pairs": int(len(result.a)),
        "seconds": stamps[-1] - stamps[0],
        "longest_gap": float(np.diff(stamps).max()),
        "calls": len(stamps) - 2,
    }


def run_measured(
    cmd: list[str], env: dict[str, str] | None = None
) -> tuple[subprocess.CompletedProcess, float, int]:
    """Run a command; wall seconds and peak RSS (bytes, the process and its children, polled)."""
    import psutil

    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    watched = psutil.Process(proc.pid)
    peak = 0
    out_chunks: list[str] = []
    while proc.poll() is None:
        try:
            rss = watched.memory_info().rss + sum(
                c.memory_info().rss for c in watched.children(recursive=True)
            )
            peak = max(peak, rss)
        except psutil.Error:
            pass
        time.sleep(0.05)
    stdout, stderr = proc.communicate()
    out_chunks.append(stdout)
    seconds = time.perf_counter() - t0
    return subprocess.CompletedProcess(cmd, proc.returncode, "".join(out_chunks), stderr), seconds, peak


def qgis_process(args: list[str], env: dict[str, str]) -> tuple[dict, float, int]:
    done, seconds, peak = run_measured(["qgis_process", "--json", *args], env)
    if done.returncode != 0:
        raise SystemExit(
            f"qgis_process {' '.join(args)} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
        )
    return json.loads(done.stdout[done.stdout.index("{") :]), seconds, peak


def stage_b(works: Path, out: Path, env: dict[str, str], distance: float) -> tuple[dict, float, int]:
    params = [
        f"INPUT={works}|layername=works",
        f"DISTANCE={distance}",
        "MAX_GAP_DAYS=1000000",
        "INCLUDE_SAME_OWNER=true",
        "EXCLUDED_STATUSES=",
        f"OUTPUT={out / 'pairs.gpkg'}",
        f"OUTPUT_GROUPS={out / 'groups.gpkg'}",
        f"OUTPUT_UNUSABLE={out / 'unusable.gpkg'}",
    ]
    result, seconds, peak = qgis_process(["run", "digonce:findworksoverlaps", "--", *params], env)
    return result["results"], seconds, peak


def stage_c(works: Path, out: Path, env: dict[str, str], distance: float) -> tuple[int, float, int]:
    buffered = out / "buffered.gpkg"
    joined = out / "joined.gpkg"
    _, s1, p1 = qgis_process(
        [
            "run",
            "native:buffer",
            "--",
            f"INPUT={works}|layername=works",
            f"DISTANCE={distance}",
            f"OUTPUT={buffered}",
        ],
        env,
    )
    _, s2, p2 = qgis_process(
        [
            "run",
            "native:joinattributesbylocation",
            "--",
            f"INPUT={buffered}",
            f"JOIN={works}|layername=works",
            "PREDICATE=0",
            "METHOD=0",
            "DISCARD_NONMATCHING=true",
            "PREFIX=j_",
            f"OUTPUT={joined}",
        ],
        env,
    )
    with sqlite3.connect(joined) as db:
        table = db.execute("SELECT table_name FROM gpkg_contents").fetchone()[0]
        rows = db.execute(
            f'SELECT count(*) FROM "{table}" WHERE j_permit_ref IS NOT NULL AND j_permit_ref != permit_ref'  # nosec B608  # identifiers quoted, values bound as parameters
        ).fetchone()[0]
    return rows // 2, s1 + s2, max(p1, p2)


def enable_plugin(profile: Path) -> dict[str, str]:
    """Enable the plugin in a fresh profile, then start ``qgis_process`` once (not timed), so
    the timed runs find the compiled modules, as an installed plugin's runs do."""
    ensure_pkgroot()
    env = qgis_process_env(profile)
    for args in (["plugins", "enable", "dig_once"], ["help", "digonce:findworksoverlaps"]):
        done = subprocess.run(["qgis_process", *args], env=env, capture_output=True, text=True)
        if done.returncode != 0:
            raise SystemExit(f"qgis_process {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return env


def stage_w(pairs_gpkg: Path) -> float:
    """(w): seconds to insert (b)'s pair rows, as Python values, with bare sqlite3."""
    src = sqlite3.connect(pairs_gpkg)
    table = src.execute(
        "SELECT table_name FROM gpkg_contents WHERE data_type = 'features' LIMIT 1"
    ).fetchone()[0]
    columns = [row[1] for row in src.execute(f'PRAGMA table_info("{table}")')]
    rows = src.execute(f'SELECT * FROM "{table}"').fetchall()  # nosec B608  # identifiers quoted, values bound as parameters
    src.close()
    with tempfile.TemporaryDirectory() as tmp:
        dst = sqlite3.connect(Path(tmp) / "floor.sqlite", isolation_level=None)
        dst.execute("PRAGMA journal_mode = OFF")
        dst.execute("PRAGMA synchronous = OFF")
        dst.execute(f"CREATE TABLE t ({', '.join(f'c{k}' for k in range(len(columns)))})")
        t0 = time.perf_counter()
        dst.execute("BEGIN")
        dst.executemany(f"INSERT INTO t VALUES ({', '.join('?' * len(columns))})", rows)  # nosec B608  # identifiers quoted, values bound as parameters
        dst.execute("COMMIT")
        seconds = time.perf_counter() - t0
        dst.close()
    return seconds


def startup_seconds(env: dict[str, str]) -> float:
    _, seconds, _ = run_measured(["qgis_process", "--json", "help", "digonce:findworksoverlaps"], env)
    return seconds


def mb(n_bytes: int) -> str:
    return f"{n_bytes / 2**20:,.0f} MB"


def bench_size(n: int, args, work_dir: Path, env: dict[str, str], with_chain: bool) -> dict:
    works = work_dir / f"works_{n}_{args.seed}.gpkg"
    if not works.exists():
        t0 = time.perf_counter()
        write_gpkg(works, n, args.seed)
        print(f"[{n:,}] generated {works.name} in {time.perf_counter() - t0:.1f} s", flush=True)
    child = [
        sys.executable,
        __file__,
        "--stage-a",
        str(n),
        "--seed",
        str(args.seed),
        "--distance",
        str(args.distance),
    ]
    done, _, _ = run_measured([*child[:2], "--stage-e", *child[3:]])
    if done.returncode != 0:
        raise SystemExit(done.stderr)
    e = json.loads(done.stdout.strip().splitlines()[-1])
    print(f"[{n:,}] (e) the engine alone, refs unordered: {e['pairs']:,} pairs in {e['seconds']:.2f} s; "
          f"longest interval between progress calls {1000 * e['longest_gap']:.0f} ms (goal <= 250 ms, "
          f"{e['calls']} calls)", flush=True)  # fmt: skip
    out = work_dir / f"out_{n}"
    runs_a, runs_b, peaks_a, peaks_b = [], [], [], []
    for run in range(args.repeat):  # (a) and (b) take turns, so a slow spell hits both
        tag = f"[{n:,}]" + (f" run {run + 1}/{args.repeat}" if args.repeat > 1 else "")
        done, _, peak_a = run_measured(child)
        if done.returncode != 0:
            raise SystemExit(done.stderr)
        a = json.loads(done.stdout.strip().splitlines()[-1])
        runs_a.append(a["seconds"])
        peaks_a.append(peak_a)
        print(f"{tag} (a) shapely bulk dwithin query: {a['pairs']:,} pairs in {a['seconds']:.2f} s, "
              f"peak RSS {mb(peak_a)}", flush=True)  # fmt: skip
        shutil.rmtree(out, ignore_errors=True)
        out.mkdir()
        b, seconds_b, peak_b = stage_b(works, out, env, args.distance)
        runs_b.append(seconds_b)
        peaks_b.append(peak_b)
        pairs_b = int(b["PAIRS"])
        print(f"{tag} (b) digonce:findworksoverlaps via qgis_process: {pairs_b:,} pairs "
              f"({int(b['CLASHES']):,} clashes, {int(b['OPPORTUNITIES']):,} opportunities, {int(b['GROUPS']):,} groups) "
              f"in {seconds_b:.2f} s, peak RSS {mb(peak_b)}", flush=True)  # fmt: skip
    a["seconds"], seconds_b = float(np.median(runs_a)), float(np.median(runs_b))
    peak_a, peak_b = max(peaks_a), max(peaks_b)  # the highest of the runs
    which = (
        f"medians of {args.repeat} runs: (a) {a['seconds']:.2f} s, (b) {seconds_b:.2f} s; "
        if args.repeat > 1
        else ""
    )
    print(f"[{n:,}] {which}(b)/(a) = {seconds_b / a['seconds']:.2f}x (goal <= 1.5x); pair counts "
          f"{'identical' if pairs_b == a['pairs'] else 'DIFFER'}", flush=True)  # fmt: skip
    seconds_s = startup_seconds(env)
    seconds_w = stage_w(out / "pairs.gpkg")
    print(f"[{n:,}] parts, to read (b): the plugin's near-pair search alone on (a)'s geometries "
          f"{a['join_seconds']:.2f} s ({a['join_pairs']:,} pairs); qgis_process start-up {seconds_s:.2f} s; "
          f"(w) bare sqlite3 insert of the {pairs_b:,} pair rows {seconds_w:.2f} s", flush=True)  # fmt: skip
    row = {
        "n": n,
        "a": a,
        "b": {"pairs": pairs_b, "seconds": seconds_b, "peak_rss": peak_b},
        "peak_a": peak_a,
        "e": e,
        "startup": seconds_s,
        "w": seconds_w,
    }
    if with_chain:
        pairs_c, seconds_c, peak_c = stage_c(works, out, env, args.distance)
        print(f"[{n:,}] (c) native:buffer + native:joinattributesbylocation: {pairs_c:,} pairs in {seconds_c:.2f} s, "
              f"peak RSS {mb(peak_c)}; missed {a['pairs'] - pairs_c:,} pairs", flush=True)  # fmt: skip
        print(f"[{n:,}] (c)/(b) = {seconds_c / seconds_b:.1f}x (goal >= 20x)", flush=True)
        row["c"] = {"pairs": pairs_c, "seconds": seconds_c, "peak_rss": peak_c}
    return row


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=1_000_000, help="works in the main run")
    parser.add_argument("--baseline-n", type=int, default=200_000, help="size at which (c) runs (0: skip)")
    parser.add_argument("--seed", type=int, default=20260101)
    parser.add_argument("--distance", type=float, default=25.0)
    parser.add_argument(
        "--repeat", type=int, default=1, help="runs of (a) and (b), taking turns; ratios use the medians"
    )
    parser.add_argument(
        "--work-dir", type=Path, default=None, help="keep generated data here (default: temp)"
    )
    parser.add_argument("--stage-a", type=int, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--stage-e", type=int, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.stage_a is not None:
        print(json.dumps(stage_a(args.stage_a, args.seed, args.distance)))
        return
    if args.stage_e is not None:
        print(json.dumps(stage_e(args.stage_e, args.seed, args.distance)))
        return
    if shutil.which("qgis_process") is None:
        raise SystemExit("qgis_process is not installed")
    work_dir = args.work_dir or Path(tempfile.mkdtemp(prefix="digonce-bench-"))
    work_dir.mkdir(parents=True, exist_ok=True)
    profile = Path(tempfile.mkdtemp(prefix="digonce-bench-profile-"))
    env = enable_plugin(profile)
    print(f"bench_overlaps: distance {args.distance} m, data in {work_dir}", flush=True)
    rows = []
    if args.baseline_n and args.baseline_n != args.n:
        rows.append(bench_size(args.baseline_n, args, work_dir, env, with_chain=True))
    rows.append(bench_size(args.n, args, work_dir, env, with_chain=args.baseline_n == args.n))
    print("summary:")
    for row in rows:
        line = (f"  n={row['n']:,}: (a) {row['a']['seconds']:.2f} s / {row['a']['pairs']:,} pairs; "
                f"(b) {row['b']['seconds']:.2f} s / {row['b']['pairs']:,} pairs / peak {mb(row['b']['peak_rss'])}; "
                f"(b)/(a) {row['b']['seconds'] / row['a']['seconds']:.2f}; "
                f"plugin's near-pair search {row['a']['join_seconds']:.2f} s; start-up {row['startup']:.2f} s; "
                f"(w) {row['w']:.2f} s; (e) engine {row['e']['seconds']:.2f} s, "
                f"longest progress interval {1000 * row['e']['longest_gap']:.0f} ms")  # fmt: skip
        if "c" in row:
            line += (f"; (c) {row['c']['seconds']:.2f} s / {row['c']['pairs']:,} pairs; "
                     f"(c)/(b) {row['c']['seconds'] / row['b']['seconds']:.1f}")  # fmt: skip
        print(line)


if __name__ == "__main__":
    main()

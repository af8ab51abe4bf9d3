"""Benchmark digonce:findworksoverlaps against the peers a user would really pick, in one run.

On the same generated works (points and short lines at London density, random 2026 windows):

(a) the bare shapely-2 bulk query ``STRtree(g).query(g, predicate="dwithin", distance=25)``,
    pairs i < j: a reference point only (no I/O, no time rules, no outputs);
(b) ``digonce:findworksoverlaps`` end to end through ``qgis_process``, GeoPackage -> GeoPackage,
    with every near pair kept (MAX_GAP_DAYS huge, same owner included, no excluded status) so
    its PAIRS must equal (a)'s count;
(p) the peer a power user would pick: DuckDB spatial reading the same GeoPackage (``ST_Read``),
    joining on ``ST_DWithin`` (DuckDB's spatial join; the i < j filter on the joined table, as
    a filter in the join turns it into a quadratic merge join), writing the pairs (ids,
    distance, shortest line) with ``COPY ... (FORMAT GDAL, DRIVER 'GPKG')``. DuckDB and its
    spatial extension (PyPI ``duckdb`` and ``duckdb-ext-spatial``) are installed by this script
    into its own venv under the work folder: benchmark-only, never a plugin dependency
    (``--no-duckdb`` skips it; a failed install is said and the rest runs);
(n) at the baseline size only: QGIS's native chain, ``native:buffer`` (25 m) +
    ``native:joinattributesbylocation`` (intersects, one-to-many) through ``qgis_process``;
    pairs = joined rows without the self-match, halved;
(f) the I/O floor: ``qgis_process`` start-up (help, no work) + reading the input GeoPackage
    through GDAL's Arrow stream (as the plugin reads it) + (w) a bare ``sqlite3`` bulk insert
    of (b)'s pair rows (read back first, not timed).

Goals at 1M: (b) >= 5x faster than (p) with identical pairs; (b) <= 2.5x (f); at 200k (n) >= 30x
slower than (b). Also printed, to read (b): the plugin's own near-pair search on (a)'s
geometries, and (e) the engine alone (``find_overlaps``, no QGIS, no I/O) with the longest
interval between progress calls (goal <= 250 ms). ``qgis_process`` runs the plugin as an
installed plugin runs (``pkgroot.qgis_process_env``). Timings are figures to read, never
asserted; the machine's load is printed with them. ``--repeat 3`` runs (a), (b) and (p) in
turn three times and takes the medians.

    .venv/bin/python scripts/bench_overlaps.py --n 1000000          # at 1M; (n) at 200k
    .venv/bin/python scripts/bench_overlaps.py --n 200000 --baseline-n 200000
"""

from __future__ import annotations

import argparse
import json
import os
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

    # output to files, not pipes: a child that writes more than a pipe holds (GDAL warnings, a
    # row at a time) would block on a full pipe while this loop only polls
    with tempfile.TemporaryFile("w+") as out_file, tempfile.TemporaryFile("w+") as err_file:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, env=env, stdout=out_file, stderr=err_file, text=True)
        watched = psutil.Process(proc.pid)
        peak = 0
        while proc.poll() is None:
            try:
                rss = watched.memory_info().rss + sum(
                    c.memory_info().rss for c in watched.children(recursive=True)
                )
                peak = max(peak, rss)
            except psutil.Error:
                pass
            time.sleep(0.05)
        seconds = time.perf_counter() - t0
        out_file.seek(0)
        err_file.seek(0)
        stdout, stderr = out_file.read(), err_file.read()
    return subprocess.CompletedProcess(cmd, proc.returncode, stdout, stderr), seconds, peak


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


DUCKDB_SCRIPT = r"""
import glob, json, os, sys, time
import duckdb
src, out, dist = sys.argv[1], sys.argv[2], float(sys.argv[3])
ext = glob.glob(os.path.join(sys.prefix, "lib", "python*", "site-packages", "duckdb_ext", "extensions",
                             "*", "*", "spatial.duckdb_extension"))
con = duckdb.connect(config={"allow_unsigned_extensions": "true"})
con.execute(f"LOAD '{ext[0]}'" if ext else "LOAD spatial")
con.execute("CREATE TABLE w AS SELECT permit_ref, geom FROM ST_Read(?, layer='works')", [src])
con.execute(f"CREATE TABLE j AS SELECT a.permit_ref AS id_a, b.permit_ref AS id_b, a.geom AS ga, b.geom AS gb "
            f"FROM w a JOIN w b ON ST_DWithin(a.geom, b.geom, {dist})")
con.execute(f"COPY (SELECT id_a, id_b, ST_Distance(ga, gb) AS distance_m, ST_ShortestLine(ga, gb) AS geom "
            f"FROM j WHERE id_a < id_b) TO '{out}' (FORMAT GDAL, DRIVER 'GPKG', SRS 'EPSG:27700', LAYER_NAME 'pairs')")
print(json.dumps({"version": duckdb.__version__}))
"""


def duckdb_python(work_dir: Path) -> Path | None:
    """The benchmark's own venv with DuckDB and its spatial extension (made once, not timed)."""
    venv = work_dir / "duckdb-venv"
    python = venv / "bin" / "python"
    if python.exists():
        return python
    steps = (
        [sys.executable, "-m", "venv", str(venv)],
        [str(python), "-m", "pip", "install", "--quiet", "duckdb", "duckdb-ext-spatial"],
    )
    for cmd in steps:
        done = subprocess.run(cmd, capture_output=True, text=True)
        if done.returncode != 0:
            print(f"(p) DuckDB could not be installed ({' '.join(cmd[-3:])}): {done.stderr.strip()[-300:]}; "
                  "(p) is skipped", flush=True)  # fmt: skip
            shutil.rmtree(venv, ignore_errors=True)
            return None
    return python


def stage_p(python: Path, works: Path, out: Path, distance: float) -> dict | None:
    """(p) DuckDB spatial, GeoPackage to GeoPackage, in its own process."""
    pairs = out / "duckdb_pairs.gpkg"
    for attempt in (1, 2):  # DuckDB's GDAL was seen to fail on the rtree now and then (not again)
        pairs.unlink(missing_ok=True)
        done, seconds, peak = run_measured(
            [str(python), "-c", DUCKDB_SCRIPT, str(works), str(pairs), str(distance)]
        )
        if done.returncode == 0:
            break
        print(f"(p) DuckDB failed (attempt {attempt} of 2): {done.stderr.strip()[-300:]}", flush=True)
    else:
        return None
    with sqlite3.connect(pairs) as db:
        rows = db.execute("SELECT id_a, id_b FROM pairs").fetchall()
    version = json.loads(done.stdout.strip().splitlines()[-1])["version"]
    return {"pairs": len(rows), "seconds": seconds, "peak": peak, "ids": rows, "version": version}


def pair_ids(pairs_gpkg: Path) -> set[tuple[str, str]]:
    with sqlite3.connect(pairs_gpkg) as db:
        table = db.execute("SELECT table_name FROM gpkg_contents WHERE data_type = 'features'").fetchone()[0]
        return {tuple(sorted(r)) for r in db.execute(f'SELECT id_a, id_b FROM "{table}"')}  # nosec B608  # identifiers quoted


def stage_read(works: Path, fields: tuple[str, ...] = ()) -> float:
    """(f) part: reading the works GeoPackage through GDAL's Arrow stream, in a child process;
    with ``fields``, only those and the geometry (a store's works layer has ~35 fields, of which
    findworksoverlaps reads five)."""
    code = (
        "import sys, time\nfrom osgeo import gdal, ogr\ngdal.UseExceptions()\nt = time.perf_counter()\n"
        "ds = ogr.Open(sys.argv[1])\nlayer = ds.GetLayerByName('works')\nwanted = sys.argv[2:]\n"
        "if wanted:\n    defn = layer.GetLayerDefn()\n"
        "    names = [defn.GetFieldDefn(k).GetName() for k in range(defn.GetFieldCount())]\n"
        "    layer.SetIgnoredFields([n for n in names if n not in wanted])\n"
        "stream = layer.GetArrowStreamAsNumPy(options=['USE_MASKED_ARRAYS=NO'])\n"
        "n = sum(len(batch['permit_ref']) for batch in stream)\nprint(n, time.perf_counter() - t)\n"
    )
    done = subprocess.run([sys.executable, "-c", code, str(works), *fields], capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(done.stderr)
    return float(done.stdout.split()[-1])


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"load {one:.1f}/{five:.1f} on {os.cpu_count()} cores"


def startup_seconds(env: dict[str, str]) -> float:
    _, seconds, _ = run_measured(["qgis_process", "--json", "help", "digonce:findworksoverlaps"], env)
    return seconds


def mb(n_bytes: int) -> str:
    """Bytes as MiB (2^20 bytes: what earlier figures called MB), with decimal GB beside from
    1 GB up, so a goal in GB is read either way."""
    text = f"{n_bytes / 2**20:,.0f} MiB"
    return text + f" = {n_bytes / 1e9:.2f} GB" if n_bytes >= 1e9 else text


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
    python = duckdb_python(work_dir) if args.duckdb else None
    runs_a, runs_b, runs_p, peaks_a, peaks_b, peaks_p = [], [], [], [], [], []
    p = None
    for run in range(args.repeat):  # (a), (b) and (p) take turns, so a slow spell hits all three
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
              f"in {seconds_b:.2f} s, peak RSS {mb(peak_b)} ({load()})", flush=True)  # fmt: skip
        if python is not None and (got := stage_p(python, works, out, args.distance)) is not None:
            p = got
            runs_p.append(p["seconds"])
            peaks_p.append(p["peak"])
            print(f"{tag} (p) DuckDB {p['version']} spatial, ST_Read -> ST_DWithin join -> COPY GPKG: "
                  f"{p['pairs']:,} pairs in {p['seconds']:.2f} s, peak RSS {mb(p['peak'])}; (p)/(b) of this run "
                  f"{p['seconds'] / seconds_b:.1f}x ({load()})", flush=True)  # fmt: skip
    a["seconds"], seconds_b = float(np.median(runs_a)), float(np.median(runs_b))
    peak_a, peak_b = max(peaks_a), max(peaks_b)  # the highest of the runs
    which = (
        f"medians of {args.repeat} runs: (a) {a['seconds']:.2f} s, (b) {seconds_b:.2f} s; "
        if args.repeat > 1
        else ""
    )
    print(f"[{n:,}] {which}(b)/(a) = {seconds_b / a['seconds']:.2f}x (a reference point); pair counts "
          f"{'identical' if pairs_b == a['pairs'] else 'DIFFER'} ({load()})", flush=True)  # fmt: skip
    seconds_s = startup_seconds(env)
    seconds_w = stage_w(out / "pairs.gpkg")
    seconds_r = stage_read(works)
    floor = seconds_s + seconds_r + seconds_w
    print(f"[{n:,}] (f) I/O floor {floor:.2f} s = qgis_process start-up {seconds_s:.2f} s + Arrow read of the "
          f"input {seconds_r:.2f} s + (w) bare sqlite3 insert of the {pairs_b:,} pair rows {seconds_w:.2f} s; "
          f"(b)/(f) = {seconds_b / floor:.2f}x (goal <= 2.5x)", flush=True)  # fmt: skip
    print(f"[{n:,}] to read (b): the plugin's near-pair search alone on (a)'s geometries "
          f"{a['join_seconds']:.2f} s ({a['join_pairs']:,} pairs)", flush=True)  # fmt: skip
    if p is not None:
        same = set(map(tuple, map(sorted, p.pop("ids")))) == pair_ids(out / "pairs.gpkg")
        p.update(seconds=float(np.median(runs_p)), peak=max(peaks_p))
        print(f"[{n:,}] (p) DuckDB {p['version']}: {'median ' if len(runs_p) > 1 else ''}{p['seconds']:.2f} s over "
              f"{len(runs_p)} run(s); pairs {'identical' if same else 'DIFFER'} to (b)'s; (p)/(b) = "
              f"{p['seconds'] / seconds_b:.1f}x (goal >= 5x) ({load()})", flush=True)  # fmt: skip
    row = {
        "n": n,
        "a": a,
        "b": {"pairs": pairs_b, "seconds": seconds_b, "peak_rss": peak_b},
        "peak_a": peak_a,
        "e": e,
        "startup": seconds_s,
        "w": seconds_w,
        "f": floor,
        "p": p,
    }
    if with_chain:
        pairs_c, seconds_c, peak_c = stage_c(works, out, env, args.distance)
        print(f"[{n:,}] (n) native:buffer + native:joinattributesbylocation: {pairs_c:,} pairs in {seconds_c:.2f} s, "
              f"peak RSS {mb(peak_c)}; missed {a['pairs'] - pairs_c:,} pairs", flush=True)  # fmt: skip
        print(f"[{n:,}] (n)/(b) = {seconds_c / seconds_b:.1f}x (goal >= 30x) ({load()})", flush=True)
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
        "--repeat", type=int, default=1, help="runs of (a), (b) and (p), taking turns; ratios use the medians"
    )
    parser.add_argument(
        "--work-dir", type=Path, default=None, help="keep generated data here (default: temp)"
    )
    parser.add_argument("--no-duckdb", dest="duckdb", action="store_false", help="skip (p)")
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
                f"(f) {row['f']:.2f} s, (b)/(f) {row['b']['seconds'] / row['f']:.2f}; "
                + (f"(p) {row['p']['seconds']:.2f} s / {row['p']['pairs']:,} pairs, (p)/(b) "
                   f"{row['p']['seconds'] / row['b']['seconds']:.1f}; " if row.get("p") else "")
                + f"(w) {row['w']:.2f} s; (e) engine {row['e']['seconds']:.2f} s, "
                f"longest progress interval {1000 * row['e']['longest_gap']:.0f} ms")  # fmt: skip
        if "c" in row:
            line += (f"; (n) {row['c']['seconds']:.2f} s / {row['c']['pairs']:,} pairs; "
                     f"(n)/(b) {row['c']['seconds'] / row['b']['seconds']:.1f}")  # fmt: skip
        print(line)


if __name__ == "__main__":
    main()

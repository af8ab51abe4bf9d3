"""Benchmark: distance from 100k sites to a 200k-segment spine, three ways, one run each.

1. ``digonce:findcoveragegaps`` through ``qgis_process``: reads three layers, then the
   distance of each site to the spine (``plugin/core/coverage.nearest_distance``): with scipy
   installed (optional, ``requirements.txt``) point sites are matched to segment candidates
   found by scipy ``cKDTree`` queries run on all CPU threads (``workers=-1``), exact
   point-segment distances in numpy; without scipy, candidates come from an ``STRtree`` of
   segment envelopes (one thread); sites left unresolved either way go through one shapely
   ``STRtree.query_nearest``. Then not-spots are matched and a GeoPackage written. The run
   prints which path the installed packages give;
2. the bare shapely 2 ``STRtree.query_nearest(return_distance=True)`` on in-memory arrays,
   one thread (no I/O): a reference point, not a like-for-like floor when (1) uses scipy's
   threads;
3. ``native:joinbynearest`` through ``qgis_process`` (QGIS's own nearest join).

Goals: (1) within 1.5x of (2) and at least 3x faster than (3). Prints figures and ratios;
nothing is asserted. Usage::

    .venv/bin/python scripts/bench_coverage.py [--sites 100000] [--segments 200000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import numpy as np
import shapely
from osgeo import ogr, osr
from pkgroot import ensure_pkgroot, qgis_process_env

LONDON = (503_000.0, 155_000.0, 562_000.0, 201_000.0)


def write_gpkg(path: Path, name: str, geoms: np.ndarray, geom_type: int, fields: dict[str, list]) -> None:
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(27700)
    layer = ds.CreateLayer(name, srs, geom_type)
    for fname, values in fields.items():
        kind = ogr.OFTInteger if isinstance(values[0], (bool, np.bool_, int, np.integer)) else ogr.OFTString
        layer.CreateField(ogr.FieldDefn(fname, kind))
    defn = layer.GetLayerDefn()
    wkbs = shapely.to_wkb(geoms)
    layer.StartTransaction()
    for i, wkb in enumerate(wkbs):
        feat = ogr.Feature(defn)
        feat.SetGeometry(ogr.CreateGeometryFromWkb(wkb))
        for fname, values in fields.items():
            value = values[i]
            feat.SetField(fname, int(value) if isinstance(value, (bool, np.bool_, np.integer)) else value)
        layer.CreateFeature(feat)
    layer.CommitTransaction()
    ds = None


def make_data(folder: Path, n_sites: int, n_segments: int, seed: int = 27700) -> dict[str, Path]:
    rng = np.random.default_rng(seed)
    minx, miny, maxx, maxy = LONDON
    sites = shapely.points(rng.uniform(minx, maxx, n_sites), rng.uniform(miny, maxy, n_sites))
    # the spine: 2 000 random walks of 100 steps of ~60 m, cut into 2-point segments
    walks = max(1, n_segments // 100)
    start = np.column_stack([rng.uniform(minx, maxx, walks), rng.uniform(miny, maxy, walks)])
    steps = rng.normal(0, 60, size=(walks, n_segments // walks + 1, 2))
    path = start[:, None, :] + np.cumsum(steps, axis=1)
    a = path[:, :-1, :].reshape(-1, 2)[:n_segments]
    b = path[:, 1:, :].reshape(-1, 2)[:n_segments]
    segments = shapely.linestrings(np.stack([a, b], axis=1))
    n_places = 5_000
    places = shapely.points(rng.uniform(minx, maxx, n_places), rng.uniform(miny, maxy, n_places))
    files = {
        "sites": folder / "sites.gpkg",
        "spine": folder / "spine.gpkg",
        "notspots": folder / "notspots.gpkg",
    }
    write_gpkg(files["sites"], "sites", sites, ogr.wkbPoint, {"site_id": [f"S{i}" for i in range(n_sites)]})
    write_gpkg(
        files["spine"], "spine", segments, ogr.wkbLineString, {"seg": [f"L{i}" for i in range(len(segments))]}
    )
    write_gpkg(
        files["notspots"],
        "notspots",
        places,
        ogr.wkbPoint,
        {"is_notspot": list(rng.random(n_places) < 0.3), "postcode": [f"P{i}" for i in range(n_places)]},
    )
    return files


def run_timed(cmd: list[str], env: dict[str, str]) -> tuple[float, dict]:
    t0 = time.perf_counter()
    done = subprocess.run(cmd, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - t0
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{done.stdout}\n{done.stderr}")
    out = done.stdout
    return elapsed, json.loads(out[out.index("{") :]) if "{" in out else {}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sites", type=int, default=100_000)
    parser.add_argument("--segments", type=int, default=200_000)
    parser.add_argument("--keep", type=Path, help="keep the generated data and outputs in this folder")
    args = parser.parse_args()
    if shutil.which("qgis_process") is None:
        raise SystemExit("qgis_process is not installed")
    folder = args.keep or Path(tempfile.mkdtemp(prefix="bench-coverage-"))
    folder.mkdir(parents=True, exist_ok=True)
    ensure_pkgroot()

    print(f"generating {args.sites} sites and {args.segments} spine segments in {folder}")
    files = make_data(folder, args.sites, args.segments)
    env = qgis_process_env(folder / "profile")
    done = subprocess.run(
        ["qgis_process", "plugins", "enable", "dig_once"], env=env, capture_output=True, text=True
    )
    if done.returncode != 0 and "already enabled" not in done.stdout + done.stderr:
        raise SystemExit(f"could not enable the plugin:\n{done.stdout}\n{done.stderr}")
    # one start, not timed, so the timed runs find the compiled modules (as an installed plugin's do)
    subprocess.run(["qgis_process", "help", "digonce:findcoveragegaps"], env=env, capture_output=True)

    # 2. bare shapely on arrays already in memory (read outside the timing)
    def read(path: Path) -> np.ndarray:
        ds = ogr.Open(str(path))
        wkbs = [bytes(f.GetGeometryRef().ExportToIsoWkb()) for f in ds.GetLayer(0)]
        return shapely.from_wkb(np.array(wkbs, dtype=object))

    sites, spine = read(files["sites"]), read(files["spine"])
    t0 = time.perf_counter()
    tree = shapely.STRtree(spine)
    (_, _), bare_d = tree.query_nearest(sites, return_distance=True, all_matches=False)
    t_bare = time.perf_counter() - t0

    # 1. our algorithm, end to end through qgis_process
    ours_out = folder / "gaps.gpkg"
    t_ours, ours = run_timed(
        [
            "qgis_process", "--json", "run", "digonce:findcoveragegaps", "--",
            f"INPUT={files['sites']}", f"NOTSPOTS={files['notspots']}", f"SPINE={files['spine']}",
            "MAX_SPINE_DISTANCE=500", "SEARCH_RADIUS=250", f"OUTPUT={ours_out}",
        ],
        env,
    )  # fmt: skip

    # 3. QGIS's own nearest join
    join_out = folder / "join.gpkg"
    t_join, _ = run_timed(
        [
            "qgis_process", "--json", "run", "native:joinbynearest", "--",
            f"INPUT={files['sites']}", f"INPUT_2={files['spine']}", "NEIGHBORS=1", "PREFIX=spine_",
            f"OUTPUT={join_out}",
        ],
        env,
    )  # fmt: skip

    # the three must agree on the distances
    ds = ogr.Open(str(ours_out))
    ours_d = np.array([f.GetField("spine_distance_m") for f in ds.GetLayer(0)], dtype=float)
    ds = ogr.Open(str(join_out))
    best: dict[str, float] = {}
    for f in ds.GetLayer(0):  # joinbynearest writes one row per tied neighbour
        key, d = f.GetField("site_id"), f.GetField("distance")
        best[key] = min(d, best.get(key, d))
    join_d = np.array(list(best.values()), dtype=float)
    agree_ours = float(np.max(np.abs(np.sort(ours_d) - np.sort(bare_d))))
    agree_join = float(np.max(np.abs(np.sort(join_d) - np.sort(bare_d))))

    # the qgis_process start-up alone, to show what the end-to-end figure contains
    t_startup, _ = run_timed(["qgis_process", "--json", "help", "digonce:findcoveragegaps"], env)

    try:
        import scipy  # noqa: F401  # the same site-packages qgis_process gets (qgis_process_env)

        path = "scipy cKDTree candidates on all threads + numpy exact distances"
    except ImportError:
        path = "STRtree of segment envelopes (one thread) + numpy exact distances"
    print(f"sites {args.sites}, spine segments {args.segments}, not-spot places 5000")
    print(f"(1) times: read 3 layers, {path}, not-spot matching, GeoPackage write")
    print(f"bare shapely STRtree.query_nearest (in memory, 1 thread) {t_bare:8.2f} s")
    print(f"digonce:findcoveragegaps via qgis_process          {t_ours:8.2f} s")
    print(f"native:joinbynearest via qgis_process              {t_join:8.2f} s")
    print(f"qgis_process start-up (help, no work)              {t_startup:8.2f} s")
    print(f"ours / bare shapely          {t_ours / t_bare:8.2f}x   (goal <= 1.5x)")
    print(f"ours minus start-up / bare   {(t_ours - t_startup) / t_bare:8.2f}x")
    print(f"joinbynearest / ours         {t_join / t_ours:8.2f}x   (goal >= 3x)")
    print(
        f"max |distance difference| ours vs bare {agree_ours:.3g} m; joinbynearest vs bare {agree_join:.3g} m"
    )
    print(f"gap classes: { {k: v for k, v in ours.get('results', {}).items() if k != 'OUTPUT'} }")


if __name__ == "__main__":
    main()

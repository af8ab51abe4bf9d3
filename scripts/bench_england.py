#!/usr/bin/env python3
"""England on one machine: a year of Street Manager (12 monthly archives, ~3M works) through
the plugin, step by step, with wall time and peak RSS of each step.

Steps, each in its own process (so each peak RSS is its own), on England-density data from
``scripts/make_sample_data.py --england`` (works clustered in towns and along streets; kept in
``--work-dir`` between runs):

1. **import**: the 12 months into one store, month after month (``import_street_manager``,
   as ``digonce:importstreetmanager`` runs it), events/s and peak RSS per month; ratio to (z), a
   bare single-core ``zipfile`` + ``orjson`` parse of the same archives (the JSON parser the
   reader falls back to), measured on the first ``--baseline-months`` months; (r) the reader's
   own read and parse on one core; (l) the first month again, London only (the algorithm's
   default), into a store of its own;
2. **findworksoverlaps** through ``qgis_process`` (GeoPackage in and out) on the store's works
   starting in January-April (about a third of the year: ~1M works at full scale), then on the
   whole year (~3M): time, peak RSS and the growth from one to the other;
3. **checkrestrictions** through ``qgis_process``: the year's Section 58s against the year's works;
4. **compareruns** month on month: findworksoverlaps on the works under way in each of two
   consecutive months (March, April), then ``digonce:compareruns`` April against March.
5. **direct** (``--steps direct``): findworksoverlaps on the year's works written straight from
   the generator into a GeoPackage (no archives, no import): the year of England in minutes.

``--scale 0.1`` runs the same at a tenth of England (300k works) in a few minutes. Timings are
figures to read, never asserted; run with the load of the machine in mind (printed).

    .venv/bin/python scripts/bench_england.py --scale 0.1
    .venv/bin/python scripts/bench_england.py                    # the whole of England
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

from bench_overlaps import enable_plugin, mb, qgis_process, run_measured, stage_read, stage_w, startup_seconds
from pkgroot import ensure_pkgroot

ENGLAND_WORKS = 3_000_000
YEAR = 2026


def england_data(work_dir: Path, works: int, seed: int, jobs: int) -> tuple[Path, dict]:
    """The 12 archives (generated once, then kept): folder and per-month statistics."""
    folder = work_dir / f"england_{works}_{seed}"
    stats_file = folder / "stats.json"
    if not stats_file.exists():
        t0 = time.perf_counter()
        shutil.rmtree(folder, ignore_errors=True)
        from make_sample_data import write_england_archives  # next to this script

        stats = write_england_archives(folder, works, seed, YEAR, jobs=jobs)
        stats["_seconds"] = time.perf_counter() - t0
        stats_file.write_text(json.dumps(stats))
        size = sum(s["bytes"] for k, s in stats.items() if not k.startswith("_"))
        print(f"generated 12 months ({size / 1e9:.2f} GB) in {stats['_seconds']:.0f} s", flush=True)
    stats = json.loads(stats_file.read_text())
    return folder, {k: v for k, v in stats.items() if not k.startswith("_")}


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"load {one:.1f}/{five:.1f} on {os.cpu_count()} cores"


# --- child steps ------------------------------------------------------------------------------


def child_import(store: str, archive: str, workers: int, london_only: bool = False) -> dict:
    ensure_pkgroot(importable=True)
    from dig_once.plugin.sources.streetmanager import import_street_manager
    from dig_once.plugin.store import Store

    t0 = time.perf_counter()
    kwargs = {"workers": workers} if workers > 1 else {}
    result, stats = import_street_manager(Store(store), archive, london_only=london_only, **kwargs)
    cpu = os.times()  # this process and its workers: what a shared machine's load does not inflate
    return {
        "events": stats.events_read,
        "rejected": stats.rejected,
        "seconds": time.perf_counter() - t0,
        "cpu": cpu.user + cpu.system + cpu.children_user + cpu.children_system,
        "rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
    }


def child_baseline(archives: list[str]) -> dict:
    """(z): a bare single-core read of the archives: every member inflated and parsed by orjson."""
    import zipfile

    import orjson

    t0 = time.perf_counter()
    n = 0
    for archive in archives:
        with zipfile.ZipFile(archive) as z:
            for info in z.infolist():
                if info.filename.endswith(".json"):
                    orjson.loads(z.read(info))
                    n += 1
    return {"events": n, "seconds": time.perf_counter() - t0}


#: members a worker reads at a time (``StreetManagerReader._chunks``)
READER_PART = 2048


def child_reader(archives: list[str]) -> dict:
    """(r): the importer's own read on one core, and no more: every event member found in the
    archive's checked directory, inflated as a worker inflates it (ISA-L when installed) and
    parsed as the reader parses it (decoded by type with msgspec when installed, else, or when
    that refuses it, by its JSON parser); no row built, nothing stored. What the import costs
    beyond this is its rules and its store."""
    ensure_pkgroot(importable=True)
    from dig_once.plugin.sources import streetmanager
    from dig_once.plugin.sources.safezip import SafeZip

    decoder, _loads = streetmanager._event_decoder(), streetmanager._loads

    def parse(content: bytes) -> object:
        if decoder is not None:
            try:
                return decoder.decode(content)
            except streetmanager._msgspec.DecodeError:
                pass
        return _loads(content)

    t0 = time.perf_counter()
    n = 0
    for path in archives:
        archive = SafeZip(Path(path))
        entries = [e for e in archive._entries() if e.name.lower().endswith(".json")]
        with open(path, "rb", buffering=1 << 20) as data:
            for at in range(0, len(entries), READER_PART):  # a worker's part: its members in one read
                for content in archive.read_many(data, entries[at : at + READER_PART], archive.limits):
                    parse(content)
                    n += 1
    return {"events": n, "seconds": time.perf_counter() - t0, "typed": decoder is not None}


def child_json(args: list[str]) -> dict:
    done, seconds, peak = run_measured([sys.executable, __file__, *args])
    if done.returncode != 0:
        raise SystemExit(f"{args[0]} failed:\n{done.stderr[-3000:]}")
    out = json.loads(done.stdout.strip().splitlines()[-1])
    out.setdefault("seconds", seconds)
    out["wall"] = seconds
    out["peak"] = peak
    return out


# --- steps ------------------------------------------------------------------------------------


def step_import(folder: Path, store: Path, months: list[str], workers: int, baseline_months: int) -> dict:
    archives = [folder / "permit" / str(YEAR) / f"{m[5:]}.zip" for m in months]
    total_events, total_seconds, total_cpu, peak = 0, 0.0, 0.0, 0
    for month, archive in zip(months, archives, strict=True):
        r = child_json(["--child-import", str(store), str(archive), str(workers)])
        total_events += r["events"]
        total_seconds += r["seconds"]
        total_cpu += r["cpu"]
        peak = max(peak, r["peak"])
        print(f"  import {month}: {r['events']:,} events ({r['rejected']:,} rejected) in {r['seconds']:.1f} s "
              f"= {r['events'] / r['seconds']:,.0f} events/s, CPU {r['cpu']:.1f} s, peak RSS {mb(r['peak'])} "
              f"({load()})", flush=True)  # fmt: skip
    rate = total_events / total_seconds
    print(f"  CPU (the import and its workers): {total_cpu:.0f} s = {1e6 * total_cpu / total_events:.0f} us/event",
          flush=True)  # fmt: skip
    z = child_json(["--child-baseline", *map(str, archives[:baseline_months])])
    z_rate = z["events"] / z["seconds"]
    z2 = two_core_baseline(archives[:2]) if len(archives) >= 2 else None
    r = child_json(["--child-reader", *map(str, archives[:baseline_months])])
    print(f"import, 12 months: {total_events:,} events in {total_seconds:.0f} s = {rate:,.0f} events/s "
          f"(goal >= 45,000 on 2 cores), peak RSS {mb(peak)} (goal <= 1 GB); store {store.stat().st_size / 1e9:.2f} GB",
          flush=True)  # fmt: skip
    print(f"  (z) bare single-core zipfile + orjson over {baseline_months} month(s): {z['events']:,} events "
          f"in {z['seconds']:.1f} s = {z_rate:,.0f} events/s; import / (z) = {rate / z_rate:.2f}x", flush=True)  # fmt: skip
    if z2 is not None:
        z2_rate = z2["events"] / z2["seconds"]
        print(f"  (z2) the same bare parse on both cores (two months at once): {z2['events']:,} events in "
              f"{z2['seconds']:.1f} s = {z2_rate:,.0f} events/s; import / (z2) = {rate / z2_rate:.2f}x; "
              f"the goal 45,000/s = {45_000 / z2_rate:.2f}x (z2) ({load()})", flush=True)  # fmt: skip
    r_rate = r["events"] / r["seconds"]
    parser = "msgspec typed decode" if r.get("typed") else "JSON parse"
    print(f"  (r) the importer's own read on one core (its ISA-L inflate and {parser}, no rows, no store): "
          f"{r['events']:,} events in {r['seconds']:.1f} s = {r_rate:,.0f} events/s, {1e6 / r_rate:.1f} us/event "
          f"of the import's {1e6 * total_cpu / total_events:.0f} us/event of CPU; import / (r) = {rate / r_rate:.2f}x",
          flush=True)  # fmt: skip
    # (l): what a London user runs by default: the first month, London only, into a store of its own
    london_store = store.with_name("london_only.gpkg")
    london_store.unlink(missing_ok=True)
    lo = child_json(["--child-import", str(london_store), str(archives[0]), str(workers), "london"])
    london_store.unlink(missing_ok=True)
    print(f"  (l) import {months[0]}, London only (the default): {lo['events']:,} events in {lo['seconds']:.1f} s = "
          f"{lo['events'] / lo['seconds']:,.0f} events/s, CPU {lo['cpu']:.1f} s, peak RSS {mb(lo['peak'])} ({load()})",
          flush=True)  # fmt: skip
    return {"events": total_events, "seconds": total_seconds, "rate": rate, "peak": peak, "z_rate": z_rate}


def two_core_baseline(archives: list[Path]) -> dict:
    """(z2): (z) on every core at once, one archive a process (this machine's 2 cores): the
    most a parse alone can do here, before any row is built or stored."""
    import subprocess  # nosec B404  # the bench's own child processes

    t0 = time.perf_counter()
    procs = [
        subprocess.Popen(  # nosec B603  # this script, its own arguments
            [sys.executable, __file__, "--child-baseline", str(archive)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for archive in archives
    ]
    outs = [proc.communicate() for proc in procs]
    seconds = time.perf_counter() - t0
    for proc, (_out, err) in zip(procs, outs, strict=True):
        if proc.returncode != 0:
            raise SystemExit(f"(z2) failed:\n{err[-3000:]}")
    events = sum(json.loads(out.strip().splitlines()[-1])["events"] for out, _err in outs)
    return {"events": events, "seconds": seconds}


def run_algorithm(name: str, out: Path, params: list[str], env: dict) -> tuple[dict, float, int]:
    """``digonce:<name>`` through ``qgis_process`` with its outputs in ``out``: its results,
    wall seconds and peak RSS."""
    out.mkdir(parents=True, exist_ok=True)
    result, seconds, peak = qgis_process(["run", f"digonce:{name}", "--", *params], env)
    return result["results"], seconds, peak


def overlaps(store: Path, out: Path, env: dict, subset: str | None) -> dict:
    source = f"{store}|layername=works" + (f"|subset={subset}" if subset else "")
    params = [
        f"INPUT={source}",
        "DISTANCE=25",
        f"OUTPUT={out / 'pairs.gpkg'}",
        f"OUTPUT_GROUPS={out / 'groups.gpkg'}",
        f"OUTPUT_UNUSABLE={out / 'unusable.gpkg'}",
    ]
    res, seconds, peak = run_algorithm("findworksoverlaps", out, params, env)
    return {"seconds": seconds, "peak": peak, "pairs": int(res["PAIRS"]), "works": _count(store, subset)}


def _count(store: Path, subset: str | None) -> int:
    import sqlite3

    with sqlite3.connect(store) as db:
        where = f" WHERE {subset}" if subset else ""
        return db.execute(f"SELECT count(*) FROM works{where}").fetchone()[0]  # nosec B608  # the bench's own fixed filters


def step_overlaps(store: Path, work_dir: Path, env: dict) -> dict:
    third = overlaps(store, work_dir / "ovl_third", env, "start_date < '2026-05-01'")
    print(f"findworksoverlaps, works starting January-April: {third['works']:,} works, {third['pairs']:,} pairs "
          f"in {third['seconds']:.1f} s, peak RSS {mb(third['peak'])} ({load()})", flush=True)  # fmt: skip
    year = overlaps(store, work_dir / "ovl_year", env, None)
    print(f"findworksoverlaps, the year: {year['works']:,} works, {year['pairs']:,} pairs in {year['seconds']:.1f} s "
          f"(goal <= 10 s at 3M), peak RSS {mb(year['peak'])} (goal <= 1.5 GB) ({load()})", flush=True)  # fmt: skip
    london, rest = pairs_a_work(store, work_dir / "ovl_year" / "pairs.gpkg")
    print(f"  pairs a work, the year: London {london:.2f}, the rest of England {rest:.2f} (London the densest)",
          flush=True)  # fmt: skip
    year["floor"] = print_floor(store, work_dir / "ovl_year" / "pairs.gpkg", year, env)
    print(f"  growth {third['works']:,} -> {year['works']:,} works (x{year['works'] / third['works']:.2f}): "
          f"time x{year['seconds'] / third['seconds']:.2f}, peak RSS x{year['peak'] / third['peak']:.2f}", flush=True)  # fmt: skip
    return {"third": third, "year": year}


def pairs_a_work(store: Path, pairs_gpkg: Path) -> tuple[float, float]:
    """Pairs a work in London and in the rest of England: each pair counts half for each of its
    two works, over the works that take part (permit status not cancelled, refused or revoked)."""
    import sqlite3

    with sqlite3.connect(pairs_gpkg) as db:
        db.execute("ATTACH DATABASE ? AS s", (str(store),))
        taking_part = "permit_status NOT IN ('cancelled', 'refused', 'revoked')"
        n_london, n_all = db.execute(
            f"SELECT sum(town = 'LONDON'), count(*) FROM s.works WHERE {taking_part}"  # nosec B608  # fixed text
        ).fetchone()
        london_ends, all_ends = db.execute(
            "WITH l AS (SELECT permit_ref FROM s.works WHERE town = 'LONDON') "
            "SELECT sum((id_a IN l) + (id_b IN l)), 2 * count(*) FROM pairs"
        ).fetchone()
    return london_ends / 2 / n_london, (all_ends - london_ends) / 2 / (n_all - n_london)


def step_restrictions(store: Path, work_dir: Path, env: dict) -> dict:
    out = work_dir / "restrictions"
    params = [
        f"WORKS={store}|layername=works",
        f"RESTRICTIONS={store}|layername=restrictions",
        f"OUTPUT={out / 'findings.gpkg'}",
        f"OUTPUT_UNUSABLE={out / 'unusable.gpkg'}",
    ]
    res, seconds, peak = run_algorithm("checkrestrictions", out, params, env)
    n_restr = _count_table(store, "restrictions")
    findings = {k: v for k, v in res.items() if isinstance(v, (int, float))}
    print(f"checkrestrictions, the year: {n_restr:,} Section 58s against {_count(store, None):,} works in "
          f"{seconds:.1f} s (goal <= 10 s), peak RSS {mb(peak)}; {findings} ({load()})", flush=True)  # fmt: skip
    return {"seconds": seconds, "peak": peak}


def _count_table(store: Path, table: str) -> int:
    import sqlite3

    with sqlite3.connect(store) as db:
        return db.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]  # nosec B608  # fixed table names


def step_compare(store: Path, work_dir: Path, env: dict) -> dict:
    runs = {}
    for month, (lo, hi) in {
        "2026-03": ("2026-03-01", "2026-04-01"),
        "2026-04": ("2026-04-01", "2026-05-01"),
    }.items():
        subset = f"start_date < '{hi}' AND end_date >= '{lo}'"  # works under way in the month
        runs[month] = overlaps(store, work_dir / f"ovl_{month}", env, subset)
        r = runs[month]
        print(f"  findworksoverlaps on the works under way in {month}: {r['works']:,} works, {r['pairs']:,} pairs "
              f"in {r['seconds']:.1f} s", flush=True)  # fmt: skip
    out = work_dir / "compare"
    params = [
        f"CURRENT={work_dir / 'ovl_2026-04' / 'pairs.gpkg'}",
        f"PREVIOUS={work_dir / 'ovl_2026-03' / 'pairs.gpkg'}",
        f"CURRENT_GROUPS={work_dir / 'ovl_2026-04' / 'groups.gpkg'}",
        f"PREVIOUS_GROUPS={work_dir / 'ovl_2026-03' / 'groups.gpkg'}",
        f"OUTPUT={out / 'changes.gpkg'}",
        f"OUTPUT_GROUPS={out / 'group_changes.gpkg'}",
    ]
    res, seconds, peak = run_algorithm("compareruns", out, params, env)
    counts = {k: v for k, v in res.items() if isinstance(v, (int, float))}
    print(f"compareruns April against March: {runs['2026-04']['pairs']:,} vs {runs['2026-03']['pairs']:,} pairs in "
          f"{seconds:.1f} s (goal <= 5 s), peak RSS {mb(peak)}; {counts} ({load()})", flush=True)  # fmt: skip
    return {"seconds": seconds, "peak": peak}


def qgis_env() -> dict:
    if shutil.which("qgis_process") is None:
        raise SystemExit("qgis_process is not installed")
    return enable_plugin(Path(tempfile.mkdtemp(prefix="digonce-bench-profile-")))


def step_direct(work_dir: Path, works: int, seed: int, env: dict) -> dict:
    """findworksoverlaps on the year's works written straight from the generator into a
    GeoPackage (``make_sample_data.write_england_works_gpkg``: no archives, no import), so the
    year of England can be timed in minutes; the same works the archives hold."""
    from make_sample_data import write_england_works_gpkg  # next to this script

    gpkg = work_dir / f"england_works_{works}_{seed}.gpkg"
    if not gpkg.exists():
        t0 = time.perf_counter()
        partial = gpkg.with_suffix(".partial.gpkg")
        n = write_england_works_gpkg(partial, works, seed, YEAR)
        partial.rename(gpkg)
        print(f"generated {gpkg.name}: {n:,} works in {time.perf_counter() - t0:.0f} s", flush=True)
    out = work_dir / f"direct_{works}_{seed}"
    year = overlaps(gpkg, out, env, None)
    print(f"findworksoverlaps, the year straight from the generator (no import): {year['works']:,} works, "
          f"{year['pairs']:,} pairs in {year['seconds']:.1f} s (goal <= 10 s at 3M), peak RSS {mb(year['peak'])} "
          f"(goal <= 1.5 GB) ({load()})", flush=True)  # fmt: skip
    london, rest = pairs_a_work(gpkg, out / "pairs.gpkg")
    print(f"  pairs a work: London {london:.2f}, the rest of England {rest:.2f}", flush=True)
    year["floor"] = print_floor(gpkg, out / "pairs.gpkg", year, env)
    return year


#: the works fields findworksoverlaps reads (its defaults), beside the geometry
OVERLAP_FIELDS = ("permit_ref", "promoter", "start_date", "end_date", "permit_status")


def print_floor(works: Path, pairs_gpkg: Path, year: dict, env: dict) -> float:
    """What no implementation writing the same GeoPackage from Python can go below: the I/O
    floor of bench_overlaps.py at this size (start-up, reading the fields used, inserting the
    pair rows; the groups' rows not even counted)."""
    seconds_s = startup_seconds(env)
    seconds_r = stage_read(works, OVERLAP_FIELDS)
    seconds_w = stage_w(pairs_gpkg)
    floor = seconds_s + seconds_r + seconds_w
    print(f"  (f) I/O floor {floor:.1f} s = qgis_process start-up {seconds_s:.1f} s + Arrow read of the works' "
          f"{len(OVERLAP_FIELDS)} fields {seconds_r:.1f} s + bare sqlite3 insert of the {year['pairs']:,} pair rows "
          f"{seconds_w:.1f} s; findworksoverlaps / (f) = {year['seconds'] / floor:.2f}x; the goal 10 s = "
          f"{10 / floor:.2f}x (f) ({load()})", flush=True)  # fmt: skip
    return floor


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--scale", type=float, default=1.0, help="share of England's 3M works a year (0.1: 300k)"
    )
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--work-dir", type=Path, default=Path(tempfile.gettempdir()) / "digonce-england")
    parser.add_argument("--jobs", type=int, default=2, help="processes generating the data")
    parser.add_argument("--workers", type=int, default=1, help="import: processes parsing the events")
    parser.add_argument("--baseline-months", type=int, default=1, help="months read by (z)")
    parser.add_argument(
        "--steps",
        nargs="+",
        default=["import", "overlaps", "restrictions", "compare"],
        help="steps to run; 'direct': findworksoverlaps on the year's works written straight from the "
        "generator (no archives, no import)",
    )
    parser.add_argument("--child-import", nargs="+", help=argparse.SUPPRESS)
    parser.add_argument("--child-baseline", nargs="+", help=argparse.SUPPRESS)
    parser.add_argument("--child-reader", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_import:
        store, archive, workers, *london = args.child_import
        print(json.dumps(child_import(store, archive, int(workers), london_only=london == ["london"])))
        return
    if args.child_baseline:
        print(json.dumps(child_baseline(args.child_baseline)))
        return
    if args.child_reader:
        print(json.dumps(child_reader(args.child_reader)))
        return
    works = int(round(ENGLAND_WORKS * args.scale))
    args.work_dir.mkdir(parents=True, exist_ok=True)
    print(
        f"bench_england: {works:,} works a year (scale {args.scale}), data in {args.work_dir} ({load()})",
        flush=True,
    )
    if "direct" in args.steps:
        step_direct(args.work_dir, works, args.seed, qgis_env())
        if args.steps == ["direct"]:
            return
    folder, stats = england_data(args.work_dir, works, args.seed, args.jobs)
    months = sorted(stats)
    events = sum(s["events"] for s in stats.values())
    size = sum(s["bytes"] for s in stats.values())
    print(f"data: 12 archives, {events:,} events, {size / 1e9:.2f} GB", flush=True)
    run_dir = args.work_dir / f"run_{works}_{args.seed}"
    store = run_dir / "store.gpkg"
    if "import" in args.steps:
        shutil.rmtree(run_dir, ignore_errors=True)
        run_dir.mkdir(parents=True)
        step_import(folder, store, months, args.workers, args.baseline_months)
    if not store.exists():
        raise SystemExit(f"no store at {store}: run the import step first")
    steps = [s for s in args.steps if s not in ("import", "direct")]
    if steps:
        env = qgis_env()
        if "overlaps" in steps:
            step_overlaps(store, run_dir, env)
        if "restrictions" in steps:
            step_restrictions(store, run_dir, env)
        if "compare" in steps:
            step_compare(store, run_dir, env)


if __name__ == "__main__":
    main()

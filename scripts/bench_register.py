"""Benchmark the shared register on PostgreSQL + PostGIS against the in-process engine.

In one run, on the same generated works (points and short lines at London density, windows
over three years, 40 organisations with a mix of private, shared and public rows):

(l) bulk load of the register (``COPY`` by the superuser, GiST index built after), not a path a
    user takes, only to get the register there;
(m) ``digonce.find_matches`` for one organisation's plans (``--plans``, default 20k) against the
    whole register (``--works``, default 1M), called by that organisation's own login through
    :class:`plugin.register.Register`, as ``digonce:findregistermatches`` calls it;
(e) the in-process engine (``find_overlaps``) on the same arrays computing the same pairs:
    the organisation's works among themselves, and against every other work;
(p) publishing ``--publish`` rows (default 100k) through ``Register.publish`` (batches of SQL
    literals into the staging table, then one transaction replacing the organisation's rows),
    as ``digonce:publishtoregister`` does; then the same again (a re-publication).

Prints times, the ratio (m)/(e), the plan shape of the matcher's query (``auto_explain`` of the
nested statement) and whether the pairs agree: pair for pair (kind, gap, overlap, distance to
1e-9 m) where the partner row is readable, and as coarse facts (partner organisation, kind,
distance class, months) where it is private. Timings are figures to read, never asserted.

    DIGONCE_PG_DSN="host=127.0.0.1 port=5432 dbname=postgres user=postgres" \\
        .venv/bin/python scripts/bench_register.py [--works 1000000 --plans 20000 --publish 100000]

Without ``DIGONCE_PG_DSN`` a throwaway cluster is started (scripts/pg_test_cluster.sh) and
removed afterwards. The database ``digonce_bench`` is dropped and made again.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np
import shapely

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))
import pkgroot  # noqa: E402
from throwaway_pg import superuser_dsn  # noqa: E402

pkgroot.ensure_pkgroot(importable=True)

from dig_once.plugin.core.overlaps import KIND_NAMES, Works, find_overlaps  # noqa: E402
from dig_once.plugin.register import Register  # noqa: E402

DB = "digonce_bench"
EPOCH = dt.date(1970, 1, 1)
BBOX = (503_000.0, 155_000.0, 562_000.0, 201_000.0)


def connect(dsn: str):
    import psycopg2

    conn = psycopg2.connect(dsn)
    conn.autocommit = True

    def run(sql: str):
        with conn.cursor() as cur:
            cur.execute(sql)
            return cur.fetchall() if cur.description else []

    return conn, run


def with_params(dsn: str, **params: str) -> str:
    parts = dict(item.split("=", 1) for item in dsn.split())
    parts.update(params)
    return " ".join(f"{k}={v}" for k, v in parts.items())


def generate(n: int, n_orgs: int, plans: int, publish: int, seed: int) -> dict:
    """Columns of ``n`` works: org 0 has ``plans`` rows, org 1 ``publish`` rows, the rest share
    the others. Points (60%) and two-vertex lines up to 60 m (40%)."""
    rng = np.random.default_rng(seed)
    x = rng.uniform(BBOX[0], BBOX[2], n)
    y = rng.uniform(BBOX[1], BBOX[3], n)
    is_line = rng.random(n) < 0.4
    geoms = shapely.points(x, y)
    k = np.flatnonzero(is_line)
    ends = np.column_stack([x[k] + rng.uniform(-60, 60, len(k)), y[k] + rng.uniform(-60, 60, len(k))])
    coords = np.stack([np.column_stack([x[k], y[k]]), ends], axis=1)
    geoms[k] = shapely.linestrings(coords)
    start = (dt.date(2026, 1, 1) - EPOCH).days + rng.integers(0, 3 * 365, n)
    end = start + rng.integers(0, 60, n)
    org = np.empty(n, dtype=np.int64)
    org[:plans] = 0
    org[plans : plans + publish] = 1
    org[plans + publish :] = rng.integers(2, n_orgs, n - plans - publish)
    visibility = np.array(["private", "shared", "public"], dtype=object)[rng.integers(0, 3, n)]
    refs = np.array([f"W{i:07d}" for i in range(n)], dtype=object)
    return {"geoms": geoms, "start": start, "end": end, "org": org, "visibility": visibility, "refs": refs}


def org_code(k: int) -> str:
    return f"org{k:02d}"


def bulk_load(run, conn, data: dict) -> float:
    t0 = time.perf_counter()
    run("DROP INDEX IF EXISTS digonce.works_geom_gist")
    hexes = shapely.to_wkb(shapely.set_srid(data["geoms"], 27700), hex=True, include_srid=True)
    buf = io.StringIO()
    for i in range(len(hexes)):
        s = (EPOCH + dt.timedelta(days=int(data["start"][i]))).isoformat()
        e = (EPOCH + dt.timedelta(days=int(data["end"][i]))).isoformat()
        o = org_code(int(data["org"][i]))
        buf.write(f"{o}\t{data['visibility'][i]}\t{data['refs'][i]}\t{o}\t{s}\t{e}\tplan\t{hexes[i]}\n")
    buf.seek(0)
    with conn.cursor() as cur:
        cur.copy_expert(
            "COPY digonce.works (org, visibility, permit_ref, promoter, start_date, end_date, source, geom) "
            "FROM STDIN",
            buf,
        )
    run("CREATE INDEX works_geom_gist ON digonce.works USING gist (geom)")
    run("ANALYZE digonce.works")
    return time.perf_counter() - t0


def distance_class(d: float) -> str:
    for bound in (5, 10, 25, 50, 100, 250, 500):
        if d <= bound:
            return f"<= {bound} m"
    return "same street, > 500 m"


def month(day: int) -> str:
    return (EPOCH + dt.timedelta(days=int(day))).strftime("%Y-%m")


def engine_pairs(data: dict, distance: float, max_gap: int) -> tuple[float, dict, Counter]:
    """The register's pairs for org 0, computed in process: exact values by (my ref, partner
    ref) for readable partners, coarse facts counted for private ones."""
    mine = np.flatnonzero(data["org"] == 0)
    others = np.flatnonzero(data["org"] != 0)

    def works(idx):
        return Works.from_columns(
            data["geoms"][idx], data["refs"][idx], np.array([org_code(int(o)) for o in data["org"][idx]], dtype=object),
            data["start"][idx], data["end"][idx],
        )  # fmt: skip

    w_mine, w_others = works(mine), works(others)
    t0 = time.perf_counter()
    among = find_overlaps(w_mine, distance=distance, max_gap_days=max_gap)
    across = find_overlaps(w_mine, w_others, distance=distance, max_gap_days=max_gap)
    elapsed = time.perf_counter() - t0
    exact: dict = {}
    coarse: Counter = Counter()
    for result, second, second_idx in ((among, w_mine, mine), (across, w_others, others)):
        for a, b, kind, dist, gap, over in zip(
            result.a,
            result.b,
            result.kind,
            result.distance,
            result.gap_days,
            result.overlap_days,
            strict=True,
        ):
            j = second_idx[b]
            key_kind = KIND_NAMES[int(kind)]
            if data["org"][j] == 0 or data["visibility"][j] != "private":
                exact[frozenset((w_mine.ids[a], second.ids[b]))] = (
                    key_kind,
                    int(gap),
                    int(over),
                    float(dist),
                )
            else:
                coarse[(w_mine.ids[a], org_code(int(data["org"][j])), key_kind, distance_class(float(dist)),
                        month(data["start"][j]), month(data["end"][j]))] += 1  # fmt: skip
    return elapsed, exact, coarse


def register_pairs(matches: list[dict]) -> tuple[dict, Counter]:
    exact: dict = {}
    coarse: Counter = Counter()
    for m in matches:
        if m["partner_visible"]:
            exact[frozenset((m["my_ref"], m["partner_ref"]))] = (
                m["kind"], m["gap_days"], m["overlap_days"], m["distance_m"],
            )  # fmt: skip
        else:
            coarse[(m["my_ref"], m["partner_org"], m["kind"], m["distance_class"], m["partner_start_month"],
                    m["partner_end_month"])] += 1  # fmt: skip
    return exact, coarse


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--works", type=int, default=1_000_000)
    parser.add_argument("--orgs", type=int, default=40)
    parser.add_argument("--plans", type=int, default=20_000)
    parser.add_argument("--publish", type=int, default=100_000)
    parser.add_argument("--distance", type=float, default=25.0)
    parser.add_argument("--max-gap", type=int, default=90)
    parser.add_argument("--seed", type=int, default=22)
    args = parser.parse_args()

    with superuser_dsn(prefix="digonce-bench-pg-") as dsn:
        return bench(dsn, args)


def bench(dsn: str, args) -> int:
    print(f"register benchmark: {args.works:,} works, {args.orgs} organisations, {args.plans:,} plans matched, "
          f"{args.publish:,} rows published; DISTANCE {args.distance} m, MAX_GAP_DAYS {args.max_gap}")  # fmt: skip
    _c, root = connect(with_params(dsn, dbname="postgres"))
    root(f"DROP DATABASE IF EXISTS {DB} WITH (FORCE)")
    root(f"CREATE DATABASE {DB}")
    db = with_params(dsn, dbname=DB)
    conn, admin = connect(db)
    admin("CREATE EXTENSION IF NOT EXISTS postgis")
    reg = Register(admin, "bench-admin")
    reg.migrate()
    for k in range(args.orgs):
        reg.add_organisation(org_code(k), f"Organisation {k}", f"streetworks@{org_code(k)}.example.org")
    for k in (0, 1):
        login = f"digonce_bench_{org_code(k)}"
        if not admin(f"SELECT 1 FROM pg_roles WHERE rolname = '{login}'"):  # nosec B608  # a name made by this script
            admin(f"CREATE ROLE {login} LOGIN")
        reg.add_member(org_code(k), login)

    t0 = time.perf_counter()
    data = generate(args.works, args.orgs, args.plans, args.publish, args.seed)
    print(f"generated in {time.perf_counter() - t0:.1f} s")
    t_load = bulk_load(admin, conn, data)
    size = admin("SELECT pg_size_pretty(pg_total_relation_size('digonce.works'))")[0][0]
    print(f"(l) bulk load (COPY + GiST + ANALYZE): {t_load:.1f} s; table with indexes {size}")

    _c0, as0 = connect(with_params(db, user=f"digonce_bench_{org_code(0)}"))
    member = Register(as0, "bench-org00")
    t0 = time.perf_counter()
    matches = member.find_matches(distance=args.distance, max_gap_days=args.max_gap)
    t_match = time.perf_counter() - t0
    n_blind = sum(not m["partner_visible"] for m in matches)
    print(f"(m) find_matches for {args.plans:,} plans against {args.works:,} works: {t_match:.2f} s, "
          f"{len(matches):,} matches ({n_blind:,} with private plans, coarse)")  # fmt: skip

    # The plan of the matcher's own query, as it runs (auto_explain of the nested statement).
    admin("LOAD 'auto_explain'")
    for setting in ("log_min_duration = 0", "log_nested_statements = on", "log_level = 'notice'",
                    "log_analyze = on", "log_timing = off"):  # fmt: skip
        admin(f"SET auto_explain.{setting}")
    conn.notices.clear()
    admin(f"SELECT count(*) FROM digonce.find_matches({args.distance}, {args.max_gap}, false, false, "  # nosec B608  # numbers from argparse
          f"ARRAY['cancelled','refused','revoked'], '{org_code(0)}')")  # fmt: skip
    admin("SET auto_explain.log_min_duration = -1")
    plans = [n for n in conn.notices if "find_matches" not in n.split("\n", 1)[0] or "Query Text" in n]
    shape = [
        line.split("(actual")[0].rstrip()
        for notice in plans
        if "WITH mine" in notice
        for line in notice.splitlines()
        if line.strip().startswith(("->", "Nested", "Hash", "Sort", "CTE", "Merge", "Index", "Unique", "Append", "Subquery"))
        or "Index Cond" in line
    ]  # fmt: skip
    print("plan shape of the matcher's query:")
    for line in shape:
        print("   ", line)

    t_engine, e_exact, e_coarse = engine_pairs(data, args.distance, args.max_gap)
    r_exact, r_coarse = register_pairs(matches)
    same_keys = set(e_exact) == set(r_exact)
    mismatched = [
        k for k in e_exact.keys() & r_exact.keys()
        if e_exact[k][:3] != r_exact[k][:3] or abs(e_exact[k][3] - r_exact[k][3]) > 1e-9 * max(1.0, e_exact[k][3])
    ]  # fmt: skip
    print(f"(e) in-process engine, same pairs (org's works among themselves + against all others): "
          f"{t_engine:.2f} s; ratio (m)/(e) = {t_match / max(t_engine, 1e-9):.1f}")  # fmt: skip
    print(f"pairs: engine {len(e_exact):,} readable + {sum(e_coarse.values()):,} private; register "
          f"{len(r_exact):,} + {sum(r_coarse.values()):,}; readable pairs identical: "
          f"{same_keys and not mismatched} ({len(mismatched)} differ); private pairs' coarse facts identical: "
          f"{e_coarse == r_coarse}")  # fmt: skip

    rows = [
        {"permit_ref": f"P{i:07d}", "promoter": org_code(1), "start_date": EPOCH + dt.timedelta(days=int(data["start"][i])),
         "end_date": EPOCH + dt.timedelta(days=int(data["end"][i])), "source": "plan", "geometry": data["geoms"][i]}
        for i in np.flatnonzero(data["org"] == 1)
    ]  # fmt: skip
    _c1, as1 = connect(with_params(db, user=f"digonce_bench_{org_code(1)}"))
    publisher = Register(as1, "bench-org01")
    for label in ("first", "again"):
        t0 = time.perf_counter()
        pub = publisher.publish(rows, "shared")
        print(
            f"(p) publish {pub.rows:,} rows ({label}, replacing {args.publish:,}): {time.perf_counter() - t0:.1f} s"
        )
    return 0 if (same_keys and not mismatched and e_coarse == r_coarse) else 1


if __name__ == "__main__":
    sys.exit(main())

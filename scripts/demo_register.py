#!/usr/bin/env python3
"""The shared-register demo, end to end in a headless QGIS, on a real PostgreSQL + PostGIS.

Three organisations: Alpha Water publishes private plans, Beta Gas shared works, Camden
Council public works. Each runs digonce:findregistermatches through its own QGIS connection
(its own login; no password anywhere) and gets its matches: full detail where it may read
the other work, coarse facts for the others' private plans. Then Beta tries to read Alpha's
private plans directly, and gets nothing.

    .venv/bin/python scripts/demo_register.py [--out demo-output/register]

Uses ``DIGONCE_PG_DSN`` (a superuser's DSN) when set, else starts a throwaway cluster
(scripts/pg_test_cluster.sh) and removes it afterwards. The database ``digonce_demo`` is
dropped and made again. Without PostgreSQL it says so and exits 0 (the demo is optional).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
import tempfile
from pathlib import Path

from pkgroot import REPO, ensure_pkgroot
from throwaway_pg import NoPostgres, superuser_dsn

ensure_pkgroot(importable=True)

EPOCH = dt.date(1970, 1, 1)
ORGS = {
    "alpha": ("Alpha Water", "demo_alpha", 0, "plan"),  # private plans
    "beta": ("Beta Gas", "demo_beta", 1, "works"),  # shared works
    "camden": ("Camden Council", "demo_camden", 2, "works"),  # public works
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default=str(REPO / "demo-output" / "register"))
    parser.add_argument("--per-org", type=int, default=300)
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    try:
        with superuser_dsn(prefix="digonce-demo-pg-") as dsn:
            os.environ["QGIS_CUSTOM_CONFIG_PATH"] = tempfile.mkdtemp(prefix="digonce-demo-profile-")
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
            return demo(dsn, out, args.per_org)
    except NoPostgres as exc:
        print(f"register demo skipped: no PostgreSQL ({exc})")
        return 0


def demo(dsn: str, out: Path, per_org: int) -> int:
    import psycopg2
    import shapely
    from qgis.core import QgsApplication, QgsDataSourceUri, QgsProviderRegistry

    app = QgsApplication([], False)
    app.initQgis()
    # QGIS's own Python plugins (processing) live beside its Python bindings.
    sys.path.append(str(Path(QgsApplication.pkgDataPath()) / "python" / "plugins"))
    from processing.core.Processing import Processing

    Processing.initialize()
    from qgis import processing

    import dig_once
    from dig_once.plugin.store import Feature, Store

    plugin = dig_once.classFactory(None)
    plugin.initProcessing()

    params = dict(item.split("=", 1) for item in dsn.split())
    root = psycopg2.connect(dsn)
    root.autocommit = True
    with root.cursor() as cur:
        cur.execute("DROP DATABASE IF EXISTS digonce_demo WITH (FORCE)")
        cur.execute("CREATE DATABASE digonce_demo")
        for _code, (_name, login, _v, _s) in ORGS.items():
            cur.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (login,))
            if not cur.fetchone():
                cur.execute(f'CREATE ROLE "{login}" LOGIN')  # nosec B608  # fixed demo names
    root.close()
    db = psycopg2.connect(dsn.replace(f"dbname={params['dbname']}", "dbname=digonce_demo"))
    db.autocommit = True
    with db.cursor() as cur:
        cur.execute("CREATE EXTENSION IF NOT EXISTS postgis")

    md = QgsProviderRegistry.instance().providerMetadata("postgres")

    def save(name: str, user: str) -> None:
        uri = QgsDataSourceUri()
        uri.setConnection(params["host"], params["port"], "digonce_demo", user, "")
        md.saveConnection(md.createConnection(uri.uri(False), {"saveUsername": True}), name)

    save("demo-admin", params["user"])
    lines = []
    for code, (name, login, _v, _s) in ORGS.items():
        save(f"demo-{code}", login)
        lines.append(f"{code} | {name} | streetworks@{code}.example.org | {login}")
    result = processing.run(
        "digonce:createregister", {"CONNECTION": "demo-admin", "ORGANISATIONS": "\n".join(lines)}
    )
    print(f"createregister: version {result['VERSION']}, organisations {result['ROLES']}")

    rng = random.Random(22)
    for code, (name, _login, visibility, source) in ORGS.items():
        features = []
        for k in range(per_org):
            x, y = 529000 + rng.uniform(0, 2000), 181000 + rng.uniform(0, 2000)
            geom = (
                shapely.Point(x, y) if rng.random() < 0.6 else shapely.LineString([(x, y), (x + 40, y + 10)])
            )
            start = 20_454 + rng.randrange(0, 365)  # days since 1970: 2026
            values = {
                "permit_ref": f"{code.upper()}-{k:04d}", "promoter": name, "source": source,
                "start_date": str(EPOCH + dt.timedelta(days=start)),
                "end_date": str(EPOCH + dt.timedelta(days=start + rng.randrange(1, 30))),
                "street_name": f"Street {k % 40}", "usrn": str(20_000_000 + k % 40),
                "highway_authority": "LONDON BOROUGH OF CAMDEN",
            }  # fmt: skip
            features.append(Feature("works", values, geom, sort_key="1"))
        store = Store(out / f"store_{code}.gpkg")
        store.merge_works(features, kind="demo", source=f"{code}.csv")
        pub = processing.run(
            "digonce:publishtoregister",
            {"CONNECTION": f"demo-{code}", "STORE": str(store.path), "VISIBILITY": visibility},
        )
        print(f"{name}: published {pub['PUBLISHED']} works ({['private', 'shared', 'public'][visibility]})")

    for code, (name, _login, _v, _s) in ORGS.items():
        result = processing.run(
            "digonce:findregistermatches",
            {"CONNECTION": f"demo-{code}", "OUTPUT": str(out / f"{code}_matches.gpkg"),
             "OUTPUT_BLIND": str(out / f"{code}_private_matches.gpkg")},
        )  # fmt: skip
        print(f"{name}: {result['MATCHES']} matches ({result['CLASHES']} clashes, {result['OPPORTUNITIES']} "
              f"opportunities): {result['IN_FULL']} in full, {result['BLIND']} with private plans (coarse)")  # fmt: skip

    beta = psycopg2.connect(dsn.replace(f"dbname={params['dbname']}", "dbname=digonce_demo").replace(
        f"user={params['user']}", "user=demo_beta"))  # fmt: skip
    with beta.cursor() as cur:
        cur.execute("SELECT count(*) FROM digonce.works WHERE org = 'alpha'")
        seen = cur.fetchone()[0]
    beta.close()
    print(f"Beta Gas reading Alpha Water's private plans directly: {seen} rows (row-level security)")
    print(f"layers in {out}")
    plugin.unload()
    app.exitQgis()
    return 0 if seen == 0 else 1


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    sys.exit(main())

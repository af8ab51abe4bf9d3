"""The shared register from QGIS: createregister, publishtoregister and findregistermatches
through QGIS's own PostgreSQL connections (no password anywhere), and register layers opened
with the PostgreSQL provider showing each role only what row-level security allows.

Needs the throwaway server (tests/unit/test_register_support.py): skips without it, fails
without it under CI=true."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import pytest
import shapely
from qgis import processing
from qgis.core import (
    Qgis,
    QgsDataSourceUri,
    QgsProcessing,
    QgsProcessingException,
    QgsProviderRegistry,
    QgsVectorLayer,
)

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit"))

from helpers.feedback import Said
from test_register_support import LOGINS, OUTSIDER, fresh_database, server_dsn, session

from dig_once.plugin.register import BLIND_COLUMNS
from dig_once.plugin.store import Feature, Store

DB = "digonce_register_qgis"
P = shapely.Point


def _params(dsn: str) -> dict[str, str]:
    return dict(item.split("=", 1) for item in dsn.split())


def save_connection(name: str, dsn: str, **override: str) -> None:
    """A QGIS PostgreSQL connection as a user saves it: host, port, database and user, no password."""
    p = {**_params(dsn), **override}
    uri = QgsDataSourceUri()
    uri.setConnection(p["host"], p["port"], p["dbname"], p["user"], "")
    md = QgsProviderRegistry.instance().providerMetadata("postgres")
    md.saveConnection(
        md.createConnection(uri.uri(False), {"saveUsername": True, "savePassword": False}), name
    )


def plan(ref, geom, start, end, source="plan", **extra):
    values = {"permit_ref": ref, "start_date": start, "end_date": end, "source": source, **extra}
    return Feature("works", values, geom, sort_key="1")


STORES = {
    "a": [
        plan("A1", P(530000, 180000), "2026-03-01", "2026-03-10", promoter="Alpha Water", usrn="1001",
             street_name="High Street", highway_authority="LONDON BOROUGH OF CAMDEN"),
        plan("A2", shapely.LineString([(530500, 180000), (530600, 180000)]), "2026-05-01", "2026-05-20",
             promoter="Alpha Water"),
        # A Street Manager permit of another promoter: not Alpha's to publish (WHAT default).
        plan("SM-9", P(530001, 180000), "2026-03-01", "2026-03-02", source="streetmanager", promoter="Other"),
    ],
    "b": [
        plan("B1", P(530010, 180000), "2026-03-05", "2026-03-20", source="works", promoter="Beta Gas"),
        plan("B2", P(530550, 180020), "2026-06-10", "2026-06-30", source="works", promoter="Beta Gas"),
    ],
    "c": [
        plan("C2", P(530010, 180010), "2026-04-01", "2026-04-10", source="works", promoter="Camden Council",
             street_name="High Street"),
    ],
}  # fmt: skip
VISIBILITY = {"a": 0, "b": 1, "c": 2}  # private, shared, public


@pytest.fixture(scope="module")
def register_db(qgis_app, tmp_path_factory):
    dsn = server_dsn()
    db = fresh_database(dsn, DB)
    save_connection("reg-admin", db)
    for org, login in LOGINS.items():
        save_connection(f"reg-{org}", db, user=login)
    save_connection("reg-outsider", db, user=OUTSIDER)
    save_connection("reg-no-register", db, dbname="postgres")
    save_connection("reg-down", db, port="1")
    stores = {}
    for org, features in STORES.items():
        store = Store(tmp_path_factory.mktemp(f"store_{org}") / "store.gpkg")
        store.merge_works(features, kind="test", source=f"{org}.csv")
        stores[org] = store.path
    return db, stores


@pytest.fixture(scope="module")
def published(plugin_provider_module, register_db):
    db, stores = register_db
    lines = "\n".join(
        f"{org} | {name} | streetworks@{org}.example.org | {LOGINS[org]}"
        for org, name in {"a": "Alpha Water", "b": "Beta Gas", "c": "Camden Council"}.items()
    )
    result = processing.run("digonce:createregister", {"CONNECTION": "reg-admin", "ORGANISATIONS": lines})
    assert (result["VERSION"], result["APPLIED"], result["ORGANISATIONS_ADDED"]) == (1, 1, 3)
    outcomes = {}
    for org, path in stores.items():
        outcomes[org] = processing.run(
            "digonce:publishtoregister",
            {"CONNECTION": f"reg-{org}", "STORE": str(path), "VISIBILITY": VISIBILITY[org]},
        )
    return db, outcomes


@pytest.fixture(scope="module")
def plugin_provider_module(session_plugin):
    session_plugin.initProcessing()  # idempotent; other tests may have removed the provider
    return session_plugin.provider


@pytest.fixture(autouse=True)
def _provider(plugin_provider):
    return plugin_provider


def matches(org, tmp_path, **params):
    out = {"OUTPUT": str(tmp_path / f"full_{org}.gpkg"), "OUTPUT_BLIND": str(tmp_path / f"blind_{org}.gpkg")}
    result = processing.run("digonce:findregistermatches", {"CONNECTION": f"reg-{org}", **out, **params})
    layers = {}
    for key, path in out.items():
        layer = QgsVectorLayer(path, key, "ogr")
        assert layer.isValid(), path
        layers[key] = layer
    return result, layers


def features(layer):
    names = layer.fields().names()
    return [{n: f[n] for n in names if n != "fid"} for f in layer.getFeatures()]


def test_createregister_again_changes_nothing(published):
    result = processing.run("digonce:createregister", {"CONNECTION": "reg-admin"})
    assert (result["VERSION"], result["APPLIED"], result["ORGANISATIONS_ADDED"]) == (1, 0, 0)


def test_publish_sends_my_plans_and_works_but_not_street_manager_permits(published):
    db, outcomes = published
    assert outcomes["a"]["PUBLISHED"] == 2 and outcomes["a"]["LEFT_OUT"] == 1
    with session(db) as admin:
        refs = admin("SELECT org, permit_ref, visibility FROM digonce.works ORDER BY 1, 2")
    assert refs == [
        ("a", "A1", "private"),
        ("a", "A2", "private"),
        ("b", "B1", "shared"),
        ("b", "B2", "shared"),
        ("c", "C2", "public"),
    ]


def test_each_organisation_gets_its_matches_in_full_only_where_allowed(published, tmp_path):
    result, layers = matches("a", tmp_path)
    assert (result["IN_FULL"], result["BLIND"]) == (3, 0)
    full = {(f["my_ref"], f["partner_ref"], f["kind"]) for f in features(layers["OUTPUT"])}
    assert full == {("A1", "B1", "clash"), ("A2", "B2", "opportunity"), ("A1", "C2", "opportunity")}

    result, layers = matches("b", tmp_path)
    assert (result["IN_FULL"], result["BLIND"]) == (1, 2)
    blind = features(layers["OUTPUT_BLIND"])
    assert {(f["my_ref"], f["partner_org"], f["kind"]) for f in blind} == {
        ("B1", "a", "clash"),
        ("B2", "a", "opportunity"),
    }
    # The coarse layer has the coarse fields and nothing else; its points lie on B's own works.
    assert set(layers["OUTPUT_BLIND"].fields().names()) - {"fid"} <= {
        "my_ref", "my_promoter", "my_start", "my_end", *BLIND_COLUMNS
    }  # fmt: skip
    assert "partner_ref" not in layers["OUTPUT_BLIND"].fields().names()
    b1 = next(f for f in layers["OUTPUT_BLIND"].getFeatures() if f["my_ref"] == "B1")
    assert b1.geometry().asPoint().x() == 530010 and b1["partner_contact"] == "streetworks@a.example.org"
    assert (b1["partner_start_month"], b1["partner_end_month"], b1["distance_class"]) == (
        "2026-03",
        "2026-03",
        "<= 10 m",
    )

    result, layers = matches("c", tmp_path)
    assert (result["IN_FULL"], result["BLIND"]) == (1, 1)


def test_outputs_are_styled_and_stamped_without_any_password(published, tmp_path):
    matches("a", tmp_path)
    with sqlite3.connect(tmp_path / "full_a.gpkg") as con:
        styles = con.execute("SELECT styleQML FROM layer_styles").fetchall()
        runs = con.execute("SELECT algorithm, parameters FROM digonce_runs").fetchall()
    assert styles and 'attr="kind"' in styles[0][0]
    assert runs[0][0] == "digonce:findregistermatches" and '"CONNECTION": "reg-a"' in runs[0][1]
    assert "password" not in runs[0][1].lower()


def test_register_layers_in_qgis_show_each_role_only_what_row_level_security_allows(published):
    db, _outcomes = published
    md = QgsProviderRegistry.instance().providerMetadata("postgres")
    for org, hidden in (("b", {"A1", "A2"}), ("c", {"A1", "A2"}), ("a", set())):
        uri = QgsDataSourceUri(md.findConnection(f"reg-{org}").uri())
        for table in ("works", "register_works"):
            refs = set()
            # One layer per geometry type, as the Browser adds a table of mixed geometries.
            for wkb_type in (Qgis.WkbType.Point, Qgis.WkbType.LineString):
                uri.setDataSource("digonce", table, "geom", "", "id")
                uri.setSrid("27700")
                uri.setWkbType(wkb_type)
                layer = QgsVectorLayer(uri.uri(False), table, "postgres")
                assert layer.isValid(), (org, table)
                refs |= {f["permit_ref"] for f in layer.getFeatures()}
                for subset in (
                    "\"org\" = 'a'",
                    "true) OR (true",
                    "permit_ref IN (SELECT permit_ref FROM digonce.works)",
                ):
                    layer.setSubsetString(subset)
                    assert not {f["permit_ref"] for f in layer.getFeatures()} & hidden, (org, table, subset)
            assert not refs & hidden, (org, table)
            assert refs == {"A1", "A2", "B1", "B2", "C2"} - hidden, (org, table)


@pytest.mark.parametrize(
    ("connection", "message"),
    [
        ("no-such-connection", "no PostgreSQL connection named 'no-such-connection'"),
        ("reg-no-register", "'reg-no-register'.*no Dig Once register"),
        ("reg-outsider", "'reg-outsider'.*(member|permission).*administrator"),
        ("reg-down", "'reg-down'.*could not be made"),
    ],
)
def test_bad_connections_are_named_with_what_to_do(published, tmp_path, connection, message):
    db, _outcomes = published
    with session(db) as admin:
        before = admin("SELECT org, permit_ref, publication_id FROM digonce.works ORDER BY 1, 2")
    for alg, extra in (
        ("digonce:publishtoregister", {"STORE": str(tmp_path / "empty.gpkg")}),
        (
            "digonce:findregistermatches",
            {"OUTPUT": QgsProcessing.TEMPORARY_OUTPUT, "OUTPUT_BLIND": QgsProcessing.TEMPORARY_OUTPUT},
        ),
    ):
        with pytest.raises(QgsProcessingException, match=message):
            processing.run(alg, {"CONNECTION": connection, **extra})
    with session(db) as admin:
        assert admin("SELECT org, permit_ref, publication_id FROM digonce.works ORDER BY 1, 2") == before


def test_republishing_a_smaller_store_removes_the_plans_it_no_longer_has(published, register_db, tmp_path):
    db, _outcomes = published
    _db, stores = register_db
    store = Store(tmp_path / "smaller.gpkg")
    store.merge_works([STORES["a"][0]], kind="test", source="a2.csv")
    try:
        result = processing.run(
            "digonce:publishtoregister", {"CONNECTION": "reg-a", "STORE": str(store.path)}
        )
        assert result["PUBLISHED"] == 1
        with session(db) as admin:
            assert admin("SELECT permit_ref FROM digonce.works WHERE org = 'a'") == [("A1",)]
    finally:
        processing.run("digonce:publishtoregister", {"CONNECTION": "reg-a", "STORE": str(stores["a"])})


def test_a_connection_keeping_a_password_is_told_to_use_the_authentication_manager(published, tmp_path):
    db, _outcomes = published
    p = _params(db)
    uri = QgsDataSourceUri()
    uri.setConnection(p["host"], p["port"], p["dbname"], LOGINS["a"], "s3cret-pw")
    md = QgsProviderRegistry.instance().providerMetadata("postgres")
    md.saveConnection(
        md.createConnection(uri.uri(False), {"saveUsername": True, "savePassword": True}), "reg-a-pw"
    )

    feedback = Said()
    out = str(tmp_path / "pw.gpkg")
    try:
        processing.run(
            "digonce:findregistermatches",
            {"CONNECTION": "reg-a-pw", "OUTPUT": out, "OUTPUT_BLIND": str(tmp_path / "pw_blind.gpkg")},
            feedback=feedback,
        )
    finally:
        md.deleteConnection("reg-a-pw")
    assert any("authentication configuration" in t for t in feedback.lines)
    assert not any("s3cret-pw" in t for t in feedback.lines)
    with sqlite3.connect(out) as con:
        assert "s3cret-pw" not in str(con.execute("SELECT parameters FROM digonce_runs").fetchall())


@pytest.fixture(scope="module")
def exact_register(qgis_app, tmp_path_factory):
    """The unit tests' exactness data (points, lines, polygons, a bow tie, pairs at exactly the
    distance, touching windows) in a register, and the same works in one store layer."""
    from test_register_pg import _random_works
    from test_register_support import make_register, register_as

    db = fresh_database(server_dsn(), DB + "_exact")
    make_register(db)
    rows = _random_works(11)
    by_org = {"a": rows[0::3], "b": rows[1::3], "c": rows[2::3]}
    features = []
    for org, org_rows in by_org.items():
        reg, s = register_as(db, org)
        reg.publish(org_rows, "shared")
        s.close()
        for r in org_rows:
            values = {k: v for k, v in r.items() if k != "geometry"}
            values["permit_ref"] = f"{org}:{r['permit_ref']}"
            features.append(Feature("works", values, r["geometry"], sort_key="1"))
    store = Store(tmp_path_factory.mktemp("exact") / "store.gpkg")
    store.merge_works(features, kind="test", source="all.csv")
    return db, by_org, store


@pytest.mark.parametrize(
    "opts",
    [
        {},
        {"SAME_STREET": True, "INCLUDE_SAME_OWNER": True, "DISTANCE": 40.0, "MAX_GAP_DAYS": 30},
    ],
)
def test_register_pairs_equal_the_findworksoverlaps_algorithm_pair_for_pair(exact_register, tmp_path, opts):
    from test_register_support import register_as

    db, by_org, store = exact_register
    out = str(tmp_path / "pairs.gpkg")
    processing.run(
        "digonce:findworksoverlaps",
        {"INPUT": store.layer_uri("works"), "OUTPUT": out, "OUTPUT_GROUPS": QgsProcessing.TEMPORARY_OUTPUT,
         "OUTPUT_UNUSABLE": QgsProcessing.TEMPORARY_OUTPUT, **opts},
    )  # fmt: skip
    local = {}
    for f in QgsVectorLayer(out, "pairs", "ogr").getFeatures():
        local[frozenset((f["id_a"], f["id_b"]))] = (
            f["kind"],
            f["gap_days"],
            f["overlap_days"],
            f["distance_m"],
        )
    register = {}
    kwargs = {
        "distance": opts.get("DISTANCE", 25.0),
        "max_gap_days": opts.get("MAX_GAP_DAYS", 90),
        "same_street": opts.get("SAME_STREET", False),
        "include_same_owner": opts.get("INCLUDE_SAME_OWNER", False),
    }
    for org in by_org:
        reg, s = register_as(db, org)
        for m in reg.find_matches(**kwargs):
            key = frozenset((f"{org}:{m['my_ref']}", f"{m['partner_org']}:{m['partner_ref']}"))
            register[key] = (m["kind"], m["gap_days"], m["overlap_days"], m["distance_m"])
        s.close()
    assert len(local) >= 10
    assert set(register) == set(local)
    for key, (kind, gap, over, dist) in local.items():
        assert register[key][:3] == (kind, gap, over), key
        assert abs(register[key][3] - dist) <= 1e-9 * max(1.0, dist), key


def test_an_authentication_configuration_logs_in_instead_of_the_connections_own_user(published, tmp_path):
    from qgis.core import QgsApplication, QgsAuthMethodConfig

    auth = QgsApplication.authManager()
    if not auth.masterPasswordIsSet():
        assert auth.setMasterPassword("digonce-test-master", True)
    config = QgsAuthMethodConfig("Basic")
    config.setName("register alice")
    config.setConfig("username", LOGINS["a"])
    config.setConfig("password", "not-needed-on-a-trust-server")
    ok, config = auth.storeAuthenticationConfig(config)
    assert ok
    try:
        # The connection logs in as the outsider (no organisation); the configuration as Alpha's login.
        result, _layers = matches("outsider", tmp_path, AUTHCFG=config.id())
        assert result["IN_FULL"] == 3
    finally:
        auth.removeAuthenticationConfig(config.id())

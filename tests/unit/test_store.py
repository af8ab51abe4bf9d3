"""The GeoPackage store: GeoPackage validity, merge by sort key, atomicity, re-import, replace."""

from __future__ import annotations

import sqlite3
import subprocess
from pathlib import Path

import pytest
import shapely

from dig_once.plugin.core.errors import Cancelled, StoreError
from dig_once.plugin.layerio import gpkg
from dig_once.plugin.store import Feature, Reject, Store, path_sha256
from dig_once.plugin.store.store import WORKS_LAYER

VALIDATOR = Path("/usr/share/doc/python3-gdal/examples/validate_gpkg.py")


def work(ref: str, sort_key: str, x: float = 530_000.0, **values) -> Feature:
    return Feature("works", {"permit_ref": ref, **values}, shapely.Point(x, 180_000.0), sort_key)


def snapshot(path: Path) -> dict[str, list[tuple]]:
    """Every user table's rows (sqlite_sequence aside), for before/after comparisons."""
    with sqlite3.connect(path) as db:
        names = [
            r[0]
            for r in db.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' "
                "AND name NOT LIKE 'rtree_%' ORDER BY name"
            )
        ]
        return {n: sorted(db.execute(f'SELECT * FROM "{n}"').fetchall(), key=repr) for n in names}


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "store.gpkg")


def test_new_store_is_a_valid_geopackage_with_bng(store: Store):
    store.merge_works([work("P1", "a")], kind="t", source="s")
    with sqlite3.connect(store.path) as db:
        assert db.execute("PRAGMA application_id").fetchone()[0] == 0x47504B47
        assert db.execute(
            "SELECT organization_coordsys_id FROM gpkg_spatial_ref_sys WHERE srs_id=27700"
        ).fetchone()
        assert db.execute(
            "SELECT geometry_type_name, srs_id FROM gpkg_geometry_columns WHERE table_name='works'"
        ).fetchone() == ("GEOMETRY", 27700)
        assert db.execute("SELECT count(*) FROM rtree_works_geom").fetchone()[0] == 1
    if VALIDATOR.exists():
        run = subprocess.run(["python3", str(VALIDATOR), str(store.path)], capture_output=True, text=True)
        assert run.returncode == 0, run.stderr + run.stdout


def test_geometry_blob_round_trip_and_envelope():
    geoms = [shapely.LineString([(1, 2), (3, 5)]), None, shapely.Point()]
    blobs = gpkg.encode_geometries(geoms)
    assert gpkg.decode_geometry(blobs[0]).equals(geoms[0])
    assert gpkg.blob_envelope(blobs[0]) == (1.0, 3.0, 2.0, 5.0)
    assert blobs[1] is None
    assert gpkg.blob_envelope(blobs[2]) is None  # empty geometry: no envelope, no rtree entry


def test_merge_keeps_greatest_sort_key_whatever_the_order(tmp_path: Path):
    a = Store(tmp_path / "a.gpkg")
    b = Store(tmp_path / "b.gpkg")
    early, late = (
        work("P1", "2026-01-01", street_name="old"),
        work("P1", "2026-02-01", x=531_000, street_name="new"),
    )
    a.merge_works([early], kind="t", source="1")
    a.merge_works([late], kind="t", source="2")
    b.merge_works([late], kind="t", source="2")
    b.merge_works([early], kind="t", source="1")
    for s in (a, b):
        rows = s.rows("works", ["permit_ref", "street_name"], geometry=True)
        assert [(r["permit_ref"], r["street_name"]) for r in rows] == [("P1", "new")]
        assert rows[0]["geometry"].x == 531_000
    with sqlite3.connect(a.path) as db:  # the rtree follows the update
        assert db.execute("SELECT minx FROM rtree_works_geom").fetchall() == [(531_000.0,)]


def test_rejects_and_catalogue_written_with_the_import(store: Store):
    result = store.merge_works(
        [work("P1", "a"), Reject("m.zip/e1.json", "e1", "usrn", "not a number")],
        kind="t",
        source="m.zip",
        sha256="00ff",
    )
    assert (result.records_read, result.imported, result.rejected) == (2, 1, 1)
    assert store.rejects() == [
        {
            "source_file": "m.zip/e1.json",
            "record": "e1",
            "field": "usrn",
            "reason": "not a number",
            "import_id": 1,
        }
    ]
    (row,) = store.catalogue()
    assert (row["kind"], row["source"], row["sha256"], row["imported"], row["rejected"]) == (
        "t",
        "m.zip",
        "00ff",
        1,
        1,
    )
    assert row["started"] <= row["finished"]


def test_same_checksum_changes_nothing(store: Store):
    store.merge_works([work("P1", "a")], kind="t", source="m.zip", sha256="abc")
    before = snapshot(store.path)
    again = store.merge_works([work("P2", "b")], kind="t", source="m.zip", sha256="abc")
    assert again.unchanged and "unchanged" in again.message
    assert snapshot(store.path) == before
    other_options = store.merge_works(
        [work("P2", "b")], kind="t", source="m.zip", sha256="abc", options={"x": 1}
    )
    assert not other_options.unchanged and store.count("works") == 2


def failing_items(n: int):
    for i in range(n):
        yield work(f"P{i}", "b")
    raise RuntimeError("disk pulled out")


def test_crash_while_reading_leaves_store_unchanged(store: Store):
    store.merge_works([work("P1", "a", street_name="kept")], kind="t", source="1")
    before = snapshot(store.path)
    with pytest.raises(RuntimeError):
        store.merge_works(failing_items(5000), kind="t", source="2")
    assert snapshot(store.path) == before
    assert not list(store.path.parent.glob(".digonce-staging-*"))


def test_cancel_mid_import_and_during_merge_leaves_store_unchanged(store: Store):
    store.merge_works([work("P1", "a", street_name="kept")], kind="t", source="1")
    before = snapshot(store.path)
    calls = {"n": 0}

    def cancel_after(k: int):
        def cancel() -> bool:
            calls["n"] += 1
            return calls["n"] > k

        return cancel

    items = [work(f"P{i}", "b") for i in range(3000)]
    # how many times does an import poll cancel? (on a copy, so the real store stays as it is)
    copy = Store(store.path.parent / "copy.gpkg")
    copy.merge_works(items, kind="t", source="2", cancel=cancel_after(10**9))
    polls = calls["n"]
    assert polls > 3  # while reading, after staging, per layer, before commit
    for k in range(polls):  # cancel at every point the import polls, first to last
        calls["n"] = 0
        with pytest.raises(Cancelled):
            store.merge_works(items, kind="t", source="2", cancel=cancel_after(k))
        assert snapshot(store.path) == before


def test_failure_inside_the_merge_transaction_rolls_back(store: Store, monkeypatch):
    store.merge_works([work("P1", "a")], kind="t", source="1")
    before = snapshot(store.path)
    real = gpkg.refresh_extent

    def boom(conn, table):
        real(conn, table)
        if table == "restrictions":
            raise sqlite3.OperationalError("simulated crash")

    monkeypatch.setattr(gpkg, "refresh_extent", boom)
    with pytest.raises(StoreError, match="store unchanged"):
        store.merge_works([work("P2", "b")], kind="t", source="2")
    assert snapshot(store.path) == before


def test_replace_layer_whole_and_by_scope(store: Store):
    fields = [("name", "str"), ("share", "float")]

    def sites(scope_name: str, n: int):
        return [
            Feature("sites", {"name": f"{scope_name}{i}", "share": i / 2}, shapely.Point(i, i))
            for i in range(n)
        ]

    store.replace_layer("sites", fields, "POINT", sites("E", 3), kind="k", source="E.csv", scope="E")
    store.replace_layer("sites", fields, "POINT", sites("N", 2), kind="k", source="N.csv", scope="N")
    # far smaller than what E left: only when the user says to replace (test_store_safety.py)
    store.replace_layer(
        "sites", fields, "POINT", sites("E", 1), kind="k", source="E2.csv", scope="E", force_replace=True
    )
    assert sorted(r["name"] for r in store.rows("sites")) == ["E0", "N0", "N1"]
    result = store.replace_layer(
        "sites", fields, "POINT", sites("X", 1), kind="k", source="X.csv", force_replace=True
    )
    assert result.written == {"sites": 1}
    assert [r["name"] for r in store.rows("sites")] == ["X0"]
    with sqlite3.connect(store.path) as db:
        assert db.execute("SELECT count(*) FROM rtree_sites_geom").fetchone()[0] == 1


def test_replace_layer_without_geometry_and_bad_values(store: Store):
    store.replace_layer(
        "plain", [("flag", "bool")], None, [Feature("plain", {"flag": "Yes"})], kind="k", source="s"
    )
    assert store.rows("plain", ["flag"]) == [{"flag": 1}]
    with pytest.raises(StoreError, match="yes/no"):
        store.replace_layer(
            "plain", [("flag", "bool")], None, [Feature("plain", {"flag": "perhaps"})], kind="k", source="s"
        )
    assert store.rows("plain", ["flag"]) == [{"flag": 1}]


def test_unknown_layer_is_an_error(store: Store):
    with pytest.raises(StoreError, match="unknown layer"):
        store.merge_works([Feature("nope", {})], kind="t", source="s")


def test_folder_checksum_ignores_listing_order_but_not_content(tmp_path: Path):
    one, two = tmp_path / "one", tmp_path / "two"
    for folder, order in ((one, ["a", "b"]), (two, ["b", "a"])):
        folder.mkdir()
        for name in order:
            (folder / f"{name}.json").write_text(name)
    assert path_sha256(one) == path_sha256(two)
    (two / "a.json").write_text("changed")
    assert path_sha256(one) != path_sha256(two)


def test_counts_by_import_follow_the_rows_each_import_still_has(store: Store):
    assert store.counts_by_import("works") == {}  # no table yet
    first = store.import_features(
        [work("A", "1"), work("B", "1")], layers=[WORKS_LAYER], kind="streetmanager", source="03.zip"
    )
    second = store.import_features(
        [work("B", "2"), work("C", "2")], layers=[WORKS_LAYER], kind="streetmanager", source="04.zip"
    )
    assert store.counts_by_import("works") == {
        first.import_id: 1,
        second.import_id: 2,
    }  # B is now the newer state
    with sqlite3.connect(store.path) as db:  # a table that imports do not write
        db.execute("CREATE TABLE notes (text TEXT)")
        db.execute("INSERT INTO notes VALUES ('kept by hand')")
    assert store.counts_by_import("notes") == {None: 1}


def test_counts_by_import_read_an_index_not_the_table_also_in_a_store_made_before_it(store: Store):
    """The panel counts each import's rows at every refresh, on QGIS's main thread: from an
    index of import ids (a year of England: 0.25 s, where scanning the table took 1.8 s). A
    store made before the index gains it at its next import."""

    def plan() -> str:
        with sqlite3.connect(store.path) as db:
            rows = db.execute("EXPLAIN QUERY PLAN SELECT import_id, count(*) FROM works GROUP BY import_id")
            return " ".join(str(row[-1]) for row in rows)

    store.import_features([work("A", "1")], layers=[WORKS_LAYER], kind="streetmanager", source="03.zip")
    assert "COVERING INDEX" in plan()
    with sqlite3.connect(store.path) as db:  # as a store made before the index
        db.execute('DROP INDEX "ix_works_import_id"')
    assert "COVERING INDEX" not in plan()
    second = store.import_features(
        [work("B", "2")], layers=[WORKS_LAYER], kind="streetmanager", source="04.zip"
    )
    assert "COVERING INDEX" in plan()
    assert store.counts_by_import("works")[second.import_id] == 1


@pytest.mark.parametrize("in_part_files", [False, True], ids=["taken_across", "in_part_files"])
def test_rows_made_elsewhere_give_the_store_the_features_themselves_give(tmp_path: Path, in_part_files: bool):
    """StagedRows (what a worker process hands over, its rows taken across or written into a
    part file) in the place of their features: the same rows, in the same order, the same
    rejects and counts, also when a key comes again in a later part with a greater, a smaller
    or the same sort key. A part file is removed once copied."""
    from dig_once.plugin.store.store import MERGED_WORKS_LAYERS, RowBuilder, StagedRows, write_part

    items = [
        work("P1", "2026-03-01|1", street_name="first"),
        work("P2", "2026-03-01|2"),
        Reject("m.json", "e3", "usrn", "USRN is not a number"),
        work("P1", "2026-03-02|1", x=531_000.0, street_name="newer"),
        work("P3", "2026-03-01|4", start_date="2026-03-01"),
        work("P2", "2026-02-01|9", street_name="older: loses"),
        work("P3", "2026-03-01|4", street_name="a tie: the first stays"),
        Feature("restrictions", {"restriction_ref": "S1"}, shapely.Point(530_000, 180_000), "k"),
    ]
    parts = [items[:3], items[3:6], items[6:]]
    staged = []
    for part in parts:
        builder = RowBuilder(MERGED_WORKS_LAYERS)
        for item in part:
            if isinstance(item, Feature):
                builder.add(item)
        rejects = [(r.source_file, r.record, r.field, r.reason) for r in part if isinstance(r, Reject)]
        rows = {name: builder.take(name) for name in MERGED_WORKS_LAYERS}
        if in_part_files:
            path = str(tmp_path / f"part{len(staged)}.sqlite")
            staged.append(
                StagedRows(write_part(path, MERGED_WORKS_LAYERS, rows), rejects, len(part), part=path)
            )
        else:
            staged.append(StagedRows(rows, rejects, len(part)))
    direct = Store(tmp_path / "direct.gpkg").merge_works(items, kind="t", source="s")
    by_rows = Store(tmp_path / "rows.gpkg").merge_works(staged, kind="t", source="s")
    assert (by_rows.records_read, by_rows.rejected, by_rows.staged) == (8, 1, {"works": 3, "restrictions": 1})
    assert (direct.records_read, direct.rejected, direct.staged) == (8, 1, {"works": 3, "restrictions": 1})
    for table in ("works", "restrictions", "rejects"):
        with sqlite3.connect(tmp_path / "direct.gpkg") as a, sqlite3.connect(tmp_path / "rows.gpkg") as b:
            query = f'SELECT * FROM "{table}" ORDER BY fid'
            assert a.execute(query).fetchall() == b.execute(query).fetchall()
    assert not list(tmp_path.glob("part*"))
    rows = Store(tmp_path / "rows.gpkg").rows("works", ["permit_ref", "street_name"])
    assert rows == [
        {"permit_ref": "P1", "street_name": "newer"},
        {"permit_ref": "P2", "street_name": None},
        {"permit_ref": "P3", "street_name": None},
    ]


def test_a_replace_finds_its_data_set_by_an_index_not_a_scan_of_every_row(tmp_path: Path):
    """A plan or venue replace looks its rows up by scope: with Street Manager's millions of
    merged rows in the same table, a scan would cost seconds for every small file."""
    from dig_once.plugin.store.store import MERGED_WORKS_LAYERS, SCOPE

    store = Store(tmp_path / "s.gpkg")
    layers = list(MERGED_WORKS_LAYERS.values())
    feature = Feature("works", {"permit_ref": "plan:A", "source": "plan"}, shapely.Point(530000, 180000), "1")
    store.import_features(
        [feature], layers=layers, kind="plan", source="a.csv", mode="replace", scope="plan:a"
    )
    conn = sqlite3.connect(store.path)
    try:
        plan = " ".join(
            str(row[-1])
            for row in conn.execute(
                f"EXPLAIN QUERY PLAN SELECT count(*) FROM works WHERE {SCOPE} = ?", ("plan:a",)
            )
        )
    finally:
        conn.close()
    assert "USING COVERING INDEX" in plan or "USING INDEX" in plan, plan

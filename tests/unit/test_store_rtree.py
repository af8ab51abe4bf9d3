"""The merge fills the store's rtree from the staged boxes in one statement, the per-row trigger
dropped for the time of the insert: the same rtree the trigger gives, the trigger back after,
the store unchanged when the merge fails half way (issue 24)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import shapely

from dig_once.plugin.core.errors import StoreError
from dig_once.plugin.layerio import gpkg
from dig_once.plugin.store import Feature, Reject, Store
from dig_once.plugin.store import store as store_module

TRIGGER = "rtree_works_geom_insert"


def work(ref: str | None, sort_key: str, geometry=None, **values) -> Feature:
    return Feature("works", {"permit_ref": ref, **values}, geometry, sort_key)


def month(n: int, shift: float = 0.0) -> list[Feature | Reject]:
    """Points, lines, polygons, a missing and an empty geometry, a permit without a reference,
    a restriction and a reject."""
    items: list[Feature | Reject] = []
    for i in range(n):
        x, y = 530_000 + 37.5 * i + shift, 180_000 + 11.25 * (i % 17)
        shape = [
            shapely.Point(x, y),
            shapely.LineString([(x, y), (x + 20.1, y + 3.3)]),
            shapely.box(x, y, x + 7.7, y + 9.9),
        ][i % 3]
        items.append(work(f"P{i}", f"2026-0{1 + int(shift > 0)}|{i}", shape, street_name=f"s{i}"))
    items += [
        work("NOGEOM", "2026-01|x"),
        work("EMPTY", "2026-01|x", shapely.LineString()),
        work(None, "2026-01|x", shapely.Point(531_000, 181_000)),
        Feature("restrictions", {"restriction_ref": "S1"}, shapely.Point(530_000, 180_000), "k"),
        Reject("m.json", "e1", "usrn", "USRN is not a number"),
    ]
    return items


def rtree_as_the_functions_give(path: Path, table: str = "works") -> tuple[list[tuple], list[tuple]]:
    """The store's rtree entries, and those the standard trigger's functions give for its rows."""
    with sqlite3.connect(path) as db:
        gpkg.register_functions(db)
        have = db.execute(f'SELECT * FROM "rtree_{table}_geom" ORDER BY id').fetchall()  # nosec B608  # the test's own table names
        db.execute("CREATE VIRTUAL TABLE temp.expected USING rtree(id, minx, maxx, miny, maxy)")
        db.execute(
            f'INSERT INTO temp.expected SELECT fid, ST_MinX(geom), ST_MaxX(geom), ST_MinY(geom), ST_MaxY(geom) FROM "{table}" '  # nosec B608  # the test's own table names
            "WHERE geom NOTNULL AND NOT ST_IsEmpty(geom)"
        )
        want = db.execute("SELECT * FROM temp.expected ORDER BY id").fetchall()
        assert db.execute(f"SELECT rtreecheck('rtree_{table}_geom')").fetchone() == ("ok",)
    return have, want


def trigger_sql(path: Path, name: str = TRIGGER) -> str | None:
    with sqlite3.connect(path) as db:
        row = db.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", (name,)
        ).fetchone()
    return row[0] if row else None


def test_a_merge_calls_no_python_function_per_row_to_index_its_geometries(tmp_path: Path, monkeypatch):
    """The standard rtree trigger calls ST_IsEmpty and four ST_Min/Max functions (Python) for
    every row inserted: the merge fills the rtree from the boxes staged with the rows."""
    calls = {"n": 0}
    real = gpkg._st_is_empty

    def counted(blob):
        calls["n"] += 1
        return real(blob)

    monkeypatch.setattr(gpkg, "_st_is_empty", counted)
    store = Store(tmp_path / "store.gpkg")
    store.merge_works(month(300), kind="t", source="1")
    assert store.count("works") == 303
    assert calls["n"] <= 2  # the empty geometry's row, checked once (it has no box)
    have, want = rtree_as_the_functions_give(store.path)
    assert len(have) == 301 and have == want


@pytest.mark.parametrize(
    ("fraction", "most"),
    [(1e9, 10**9), (store_module.REBUILD_RTREE_FRACTION, 10**9), (0.0, 100)],
    ids=["entry_by_entry", "rebuilt", "too_big_to_rebuild"],
)
def test_the_rtree_after_merges_and_replaces_is_the_one_the_trigger_gives(
    tmp_path: Path, monkeypatch, fraction, most
):
    """Month after month (permits superseded, new ones, rows without a geometry or a key), then a
    replace by scope: the rtree holds every row with a geometry, the box the trigger would give,
    and the standard trigger is in place after each import; whether the merges change the rtree
    entry by entry or rebuild it in bulk (a merge staging a sixteenth of its entries or more,
    of an rtree small enough for a rebuild's memory)."""
    monkeypatch.setattr(store_module, "REBUILD_RTREE_FRACTION", fraction)
    monkeypatch.setattr(store_module, "REBUILD_RTREE_MAX_ENTRIES", most)
    rebuilt = []
    replace = store_module.table_writer.replace_rtree
    monkeypatch.setattr(
        store_module.table_writer, "replace_rtree", lambda *a: rebuilt.append(a[1]) or replace(*a)
    )
    store = Store(tmp_path / "store.gpkg")
    standard = gpkg.rtree_insert_trigger_sql("works")
    for k, (n, shift) in enumerate([(120, 0.0), (150, 3.0), (60, 5.0)]):
        store.merge_works(month(n, shift), kind="t", source=str(k))
        have, want = rtree_as_the_functions_give(store.path)
        assert have == want and len(have) == store.count("works") - 2  # no geometry, empty
        assert trigger_sql(store.path) == standard
    # an empty rtree is built in bulk; over ``most`` entries (works after the first month,
    # never the one restriction) merges go entry by entry
    expected = {1e9: ["works", "restrictions"], 0.0: ["works"] + ["restrictions"] * 3}
    assert rebuilt == expected.get(fraction, ["works", "restrictions"] * 3)
    with sqlite3.connect(store.path) as db:
        assert db.execute(
            "SELECT sql FROM sqlite_master WHERE name = 'rtree_works_geom_delete'"
        ).fetchone() == (gpkg.rtree_delete_trigger_sql("works"),)
    fields = [("name", "str")]
    for scope, n in (("E", 40), ("N", 25), ("E", 30)):
        rows = [Feature("sites", {"name": f"{scope}{i}"}, shapely.Point(i, 2 * i)) for i in range(n)]
        rows.append(Feature("sites", {"name": "nowhere"}, None))
        store.replace_layer("sites", fields, "POINT", rows, kind="k", source=f"{scope}.csv", scope=scope)
        have, want = rtree_as_the_functions_give(store.path, "sites")
        nowhere = sum(r["name"] == "nowhere" for r in store.rows("sites"))  # one a scope: no geometry
        assert have == want and len(have) == store.count("sites") - nowhere
        assert trigger_sql(store.path, "rtree_sites_geom_insert") == gpkg.rtree_insert_trigger_sql("sites")


def test_a_store_whose_rtree_trigger_another_program_wrote_keeps_it_and_it_indexes_the_rows(tmp_path: Path):
    """A trigger that is not the standard text (another writer's) is left to do its work."""
    store = Store(tmp_path / "store.gpkg")
    store.merge_works(month(10), kind="t", source="1")
    other = gpkg.rtree_insert_trigger_sql("works").replace(" BEGIN ", "\nBEGIN\n  ")
    with sqlite3.connect(store.path) as db:
        db.execute(f"DROP TRIGGER {TRIGGER}")
        db.execute(other)
    store.merge_works(month(20, 3.0), kind="t", source="2")
    assert trigger_sql(store.path) == other
    have, want = rtree_as_the_functions_give(store.path)
    assert have == want and len(have) == store.count("works") - 2  # no geometry, empty


class _FailingFill(sqlite3.Connection):
    """A connection whose filling of the works rtree fails, after the trigger was dropped."""

    def execute(self, sql, *args):  # type: ignore[override]
        if sql.startswith(
            ('INSERT OR REPLACE INTO "rtree_works_geom"', 'DELETE FROM "rtree_works_geom_node"')
        ):
            raise sqlite3.OperationalError("simulated crash")
        return super().execute(sql, *args)


@pytest.mark.parametrize("fraction", [1e9, 0.0], ids=["entry_by_entry", "rebuilt"])
def test_a_merge_failing_while_the_trigger_is_dropped_leaves_the_store_and_its_trigger(
    tmp_path: Path, monkeypatch, fraction
):
    """The rtree's filling fails after its insert trigger (and, for a rebuild, its delete
    trigger) was dropped: the store, its rtree and its triggers are as before."""
    monkeypatch.setattr(store_module, "REBUILD_RTREE_FRACTION", fraction)
    store = Store(tmp_path / "store.gpkg")
    store.merge_works(month(10), kind="t", source="1")
    with sqlite3.connect(store.path) as db:
        before = {t: db.execute(f'SELECT * FROM "{t}"').fetchall() for t in ("works", "rtree_works_geom")}  # nosec B608  # the test's own table names
        schema = db.execute("SELECT * FROM sqlite_master ORDER BY name").fetchall()

    def connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, isolation_level=None, timeout=60, factory=_FailingFill)
        gpkg.register_functions(conn)
        return conn

    monkeypatch.setattr(Store, "_connect", connect)
    with pytest.raises(StoreError, match="store unchanged"):
        store.merge_works(month(20, 3.0), kind="t", source="2")
    with sqlite3.connect(store.path) as db:
        assert {t: db.execute(f'SELECT * FROM "{t}"').fetchall() for t in before} == before  # nosec B608  # the test's own table names
        assert db.execute("SELECT * FROM sqlite_master ORDER BY name").fetchall() == schema


def test_a_rebuilt_rtree_is_packed_on_another_thread_while_the_rows_go_in(tmp_path: Path, monkeypatch):
    """A merge that rebuilds the rtree packs it on a thread of its own while its connection
    inserts the rows (sqlite lets go of Python's lock meanwhile; a late month of England's merge
    1-2 s shorter), reading the staged boxes through a connection of its own: the rtree is the
    one the trigger gives."""
    import threading

    monkeypatch.setattr(store_module, "REBUILD_RTREE_FRACTION", 0.0)
    monkeypatch.setattr(store_module, "_STAGED_BOXES_BLOCK", 7)  # the staged boxes read in blocks
    packed_on, inserted_on = [], []
    pack = store_module.table_writer.pack_rtree_entries

    def packing(*args):
        packed_on.append(threading.current_thread().name)
        return pack(*args)

    class Inserting(sqlite3.Connection):
        def execute(self, sql, *args):  # type: ignore[override]
            if sql.startswith('INSERT INTO "works"'):
                inserted_on.append(threading.current_thread().name)
            return super().execute(sql, *args)

    def connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, isolation_level=None, timeout=60, factory=Inserting)
        gpkg.register_functions(conn)
        return conn

    monkeypatch.setattr(store_module.table_writer, "pack_rtree_entries", packing)
    monkeypatch.setattr(Store, "_connect", connect)
    store = Store(tmp_path / "store.gpkg")
    for k, (n, shift) in enumerate([(120, 0.0), (150, 3.0)]):
        store.merge_works(month(n, shift), kind="t", source=str(k))
        have, want = rtree_as_the_functions_give(store.path)
        assert have == want and len(have) == store.count("works") - 2
    here = threading.current_thread().name
    assert inserted_on == [here, here]
    # works and restrictions, at each merge
    assert len(packed_on) == 4 and all(name.startswith("digonce-rtree") for name in packed_on)


def test_a_packing_that_fails_on_its_thread_leaves_the_store_and_its_triggers(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(store_module, "REBUILD_RTREE_FRACTION", 0.0)
    store = Store(tmp_path / "store.gpkg")
    store.merge_works(month(10), kind="t", source="1")
    with sqlite3.connect(store.path) as db:
        before = {t: db.execute(f'SELECT * FROM "{t}"').fetchall() for t in ("works", "rtree_works_geom")}  # nosec B608  # the test's own table names
        schema = db.execute("SELECT * FROM sqlite_master ORDER BY name").fetchall()

    def failing(*_args):
        raise StoreError("staging table 's_works' changed during the merge")

    monkeypatch.setattr(store_module.table_writer, "pack_rtree_entries", failing)
    with pytest.raises(StoreError, match="changed during the merge"):
        store.merge_works(month(20, 3.0), kind="t", source="2")
    with sqlite3.connect(store.path) as db:
        assert {t: db.execute(f'SELECT * FROM "{t}"').fetchall() for t in before} == before  # nosec B608  # the test's own table names
        assert db.execute("SELECT * FROM sqlite_master ORDER BY name").fetchall() == schema
    assert not list(tmp_path.glob(".digonce-staging-*"))


def test_boxes_are_rounded_to_float32_exactly_as_sqlites_rtree_rounds_them():
    """The bulk loads (outputs, a store's rebuilt rtree) round each box as sqlite does when a
    row is inserted: checked on values about British National Grid coordinates, negatives,
    tiny and huge values, and values that are floats already."""
    import numpy as np

    from dig_once.plugin.layerio import table_writer

    rng = np.random.default_rng(7)
    values = np.concatenate(
        [
            rng.uniform(0, 700_000, 4000),
            rng.uniform(-1000, 1000, 2000),
            rng.uniform(-1e-3, 1e-3, 500),
            rng.uniform(-1e30, 1e30, 500),
            rng.uniform(0, 1e6, 500).astype(np.float32).astype(np.float64),
            [0.0, -0.0, 1.0, -1.0, 530_000.1, -530_000.1],
        ]
    )
    with sqlite3.connect(":memory:") as db:
        db.execute("CREATE VIRTUAL TABLE r USING rtree(id, minx, maxx, miny, maxy)")
        db.executemany(
            "INSERT INTO r VALUES (?, ?, ?, ?, ?)", [(k, v, v, v, v) for k, v in enumerate(values.tolist())]
        )
        stored = np.array(db.execute("SELECT minx, maxx FROM r ORDER BY id").fetchall())
    assert np.array_equal(table_writer._round_out(values, True).astype(np.float64), stored[:, 0])
    assert np.array_equal(table_writer._round_out(values, False).astype(np.float64), stored[:, 1])


@pytest.mark.parametrize(
    ("free", "rebuilt"),
    [(8 * 1024**3, True), (4 * 1024**3, True), (1024**3, False), (None, True)],
    ids=["8_GiB_free", "4_GiB_free", "1_GiB_free", "free_memory_unknown"],
)
def test_a_year_of_englands_rtree_is_rebuilt_when_its_memory_fits(monkeypatch, free, rebuilt):
    """A year of England (3.1M works) is merged by rebuilding its rtree (8.4 s against 18.9 s
    entry by entry, measured for September into January-August), when a quarter of the free
    memory holds it; with less, entry by entry, in flat memory."""
    monkeypatch.setattr(store_module.memory, "available_bytes", lambda: free)
    assert store_module._rebuild_fits(3_100_000) is rebuilt


def test_an_rtree_past_the_rebuilds_memory_cap_goes_entry_by_entry_even_with_memory_free(monkeypatch):
    monkeypatch.setattr(store_module.memory, "available_bytes", lambda: 64 * 1024**3)
    assert store_module._rebuild_fits(store_module.REBUILD_RTREE_MAX_ENTRIES)
    assert not store_module._rebuild_fits(store_module.REBUILD_RTREE_MAX_ENTRIES + 1)
    assert (
        store_module.REBUILD_RTREE_MAX_ENTRIES * store_module.REBUILD_RTREE_BYTES_PER_ENTRY <= 512 * 1024**2
    )

"""gpkg.rtree_extent: a table's extent from its rtree's root node, the same as a scan of every
entry, however rows came and went."""

from __future__ import annotations

import sqlite3

import numpy as np
import pytest

from dig_once.plugin.layerio import gpkg


def _scan(db: sqlite3.Connection) -> tuple:
    return db.execute("SELECT min(minx), min(miny), max(maxx), max(maxy) FROM rtree_t_geom").fetchone()


@pytest.fixture
def db():
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE rtree_t_geom USING rtree(id, minx, maxx, miny, maxy)")
    return db


def test_an_empty_rtree_has_no_extent_as_a_scan_says(db):
    assert gpkg.rtree_extent(db, "t") == _scan(db) == (None, None, None, None)


def test_the_root_gives_the_scan_extent_through_inserts_deletes_and_a_deep_tree(db):
    rng = np.random.default_rng(7)
    n = 60_000  # several levels: a 4 KB page holds ~170 cells
    x = rng.uniform(500_000, 560_000, n)
    y = rng.uniform(150_000, 210_000, n)
    w = rng.uniform(0, 50, n)
    db.executemany(
        "INSERT INTO rtree_t_geom VALUES (?, ?, ?, ?, ?)",
        zip(range(1, n + 1), x.tolist(), (x + w).tolist(), y.tolist(), (y + w).tolist(), strict=True),
    )
    depth = int.from_bytes(
        db.execute("SELECT data FROM rtree_t_geom_node WHERE nodeno = 1").fetchone()[0][:2], "big"
    )
    assert depth >= 2
    assert gpkg.rtree_extent(db, "t") == _scan(db)
    for _ in range(4):  # the entries on the edges go, then a random third
        for column in ("minx", "miny"):
            db.execute(
                f"DELETE FROM rtree_t_geom WHERE id IN (SELECT id FROM rtree_t_geom ORDER BY {column} LIMIT 50)"
            )
        for column in ("maxx", "maxy"):
            db.execute(
                f"DELETE FROM rtree_t_geom WHERE id IN (SELECT id FROM rtree_t_geom ORDER BY {column} DESC LIMIT 50)"
            )
        assert gpkg.rtree_extent(db, "t") == _scan(db)
    db.execute("DELETE FROM rtree_t_geom WHERE id % 3 = 0")
    db.execute("INSERT INTO rtree_t_geom VALUES (?, 400000, 400001, 100000, 100001)", (n + 1,))
    assert gpkg.rtree_extent(db, "t") == _scan(db)


def test_a_root_that_cannot_be_read_gives_none_for_the_caller_to_scan(db):
    db.execute("INSERT INTO rtree_t_geom VALUES (1, 0, 1, 0, 1)")
    db.execute("UPDATE rtree_t_geom_node SET data = x'0000ffff' WHERE nodeno = 1")  # 65535 cells in 4 bytes
    assert gpkg.rtree_extent(db, "t") is None
    assert gpkg.rtree_extent(db, "missing") is None

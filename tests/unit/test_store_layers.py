"""Which geometry families a store table holds (``toolbelt.store_layers.geometry_families``)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import shapely

from dig_once.plugin.layerio import gpkg
from dig_once.plugin.toolbelt.store_layers import geometry_families


def table_of(path: Path, geometries: list, extra_blobs: tuple[bytes, ...] = ()) -> Path:
    conn = sqlite3.connect(path, isolation_level=None)
    gpkg.register_functions(conn)
    gpkg.initialise(conn)
    gpkg.create_feature_table(conn, "works", [("permit_ref", "str")], "GEOMETRY")
    for k, blob in enumerate([*gpkg.encode_geometries(geometries), *extra_blobs]):
        conn.execute("INSERT INTO works (geom, permit_ref) VALUES (?, ?)", (blob, f"W-{k}"))
    conn.close()
    return path


def test_families_of_a_mixed_table_single_and_multi_in_family_order(tmp_path: Path):
    path = table_of(
        tmp_path / "s.gpkg",
        [
            shapely.LineString([(530000, 180000), (530010, 180000)]),
            shapely.MultiPolygon([shapely.box(530000, 180000, 530005, 180005)]),
            shapely.Point(530000, 180000),
        ],
    )
    assert geometry_families(path, "works") == ["point", "line", "polygon"]


def test_a_table_of_one_family_has_only_that_one_and_an_empty_table_none(tmp_path: Path):
    lines = table_of(tmp_path / "l.gpkg", [shapely.MultiLineString([[(530000, 180000), (530010, 180000)]])])
    assert geometry_families(lines, "works") == ["line"]
    assert geometry_families(table_of(tmp_path / "e.gpkg", []), "works") == []


def test_reading_stops_once_every_family_is_seen(tmp_path: Path):
    """The panel asks when it opens: a works table of millions must answer from its first rows.
    A damaged blob after them is never read, so the answer is still every family."""
    path = table_of(
        tmp_path / "s.gpkg",
        [shapely.Point(530000, 180000), shapely.LineString([(0, 0), (1, 1)]), shapely.box(0, 0, 1, 1)],
        extra_blobs=(b"GP\x00",),
    )
    assert geometry_families(path, "works") == ["point", "line", "polygon"]

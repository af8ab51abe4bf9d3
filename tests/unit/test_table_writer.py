"""The bulk GeoPackage layer writer: values, nulls, a bulk-loaded rtree that sqlite and OGR
accept and that finds exactly what a brute-force box test finds, atomicity and cancel."""

from __future__ import annotations

import datetime as dt
import doctest
import sqlite3
import subprocess
from pathlib import Path

import numpy as np
import pytest
import shapely
from osgeo import ogr

from dig_once.plugin.core.errors import Cancelled, StoreError
from dig_once.plugin.core.rings import Rings
from dig_once.plugin.layerio import gpkg, table_writer
from dig_once.plugin.layerio.gpkg import geometry_blobs
from dig_once.plugin.layerio.table_writer import write_layer

VALIDATOR = Path("/usr/share/doc/python3-gdal/examples/validate_gpkg.py")
FIELDS = [("name", "str"), ("n", "int"), ("x", "float"), ("day", "date"), ("ok", "bool")]

ogr.UseExceptions()


def random_lines(n: int, seed: int = 1) -> np.ndarray:
    rng = np.random.default_rng(seed)
    a = rng.uniform(500_000, 510_000, (n, 2))
    b = a + rng.uniform(-40, 40, (n, 2))
    return shapely.linestrings(np.stack([a, b], axis=1))


def columns_for(n: int) -> dict:
    return {
        "name": np.array([f"w{k}" if k % 7 else None for k in range(n)], dtype=object),
        "n": np.arange(n, dtype=np.int64),
        "x": np.where(np.arange(n) % 5 == 0, np.nan, np.arange(n) / 4),
        "day": (np.arange(n) % 400 + 20_000).astype("datetime64[D]"),
        "ok": [k % 2 == 0 for k in range(n)],
    }


def test_doctests():
    for module in (table_writer, gpkg):
        failures, tried = doctest.testmod(module)
        assert tried > 0 and failures == 0, module.__name__


def test_values_nulls_and_geometry_round_trip_through_ogr(tmp_path):
    n = 1000
    lines = random_lines(n)
    lines[3] = None
    lines[4] = shapely.LineString()
    cols = columns_for(n)
    cols["day"][[9, 600]] = np.datetime64("NaT")  # two: NaT never equals NaT
    path = tmp_path / "out.gpkg"
    assert write_layer(path, "pairs", FIELDS, cols, lines, "LINESTRING") == n
    ds = ogr.Open(str(path))
    layer = ds.GetLayerByName("pairs")
    assert layer.GetFeatureCount() == n
    assert layer.GetGeomType() == ogr.wkbLineString
    assert layer.GetSpatialRef().GetAuthorityCode(None) == "27700"
    defn = layer.GetLayerDefn()
    types = {
        defn.GetFieldDefn(k).GetName(): defn.GetFieldDefn(k).GetType() for k in range(defn.GetFieldCount())
    }
    assert types == {
        "name": ogr.OFTString,
        "n": ogr.OFTInteger64,
        "x": ogr.OFTReal,
        "day": ogr.OFTDate,
        "ok": ogr.OFTInteger,
    }
    rows = {f.GetFID(): f for f in layer}
    assert sorted(rows) == list(range(1, n + 1))
    for k in (0, 1, 3, 4, 5, 9, 999):
        f = rows[k + 1]
        assert f.GetField("name") == (f"w{k}" if k % 7 else None)
        assert f.GetField("n") == k
        assert f.GetField("x") == (None if k % 5 == 0 else k / 4)
        expected_day = None if k in (9, 600) else (dt.date(1970, 1, 1) + dt.timedelta(days=k % 400 + 20_000))
        got = f.GetFieldAsString("day") if f.IsFieldSetAndNotNull("day") else None
        assert got == (expected_day.strftime("%Y/%m/%d") if expected_day else None)
        assert f.GetField("ok") == int(k % 2 == 0)
        geom = f.GetGeometryRef()
        if k == 3:
            assert geom is None
        elif k == 4:
            assert geom.IsEmpty()
        else:
            assert shapely.from_wkb(bytes(geom.ExportToIsoWkb())).equals_exact(lines[k], 0)
    if VALIDATOR.exists():
        run = subprocess.run(["python3", str(VALIDATOR), str(path)], capture_output=True, text=True)
        assert run.returncode == 0, run.stderr + run.stdout


@pytest.mark.parametrize("n", [1, 5, 51, 52, 3000, 40_000])
def test_bulk_rtree_is_valid_and_finds_what_brute_force_finds(tmp_path, n):
    lines = random_lines(n, seed=n)
    path = tmp_path / "out.gpkg"
    write_layer(path, "t", [("n", "int")], {"n": np.arange(n)}, lines, "LINESTRING")
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT rtreecheck('rtree_t_geom')").fetchone()[0] == "ok"
        assert db.execute("SELECT count(*) FROM rtree_t_geom").fetchone()[0] == n
    bounds = shapely.bounds(lines)
    ds = ogr.Open(str(path))
    layer = ds.GetLayerByName("t")
    rng = np.random.default_rng(n)
    for _ in range(20):
        x0, y0 = rng.uniform(499_900, 510_000, 2)
        w = rng.uniform(1, 3000)
        layer.SetSpatialFilterRect(x0, y0, x0 + w, y0 + w)
        found = sorted(f.GetField("n") for f in layer)
        window = shapely.box(x0, y0, x0 + w, y0 + w)
        expected = np.flatnonzero(shapely.intersects(lines, window)).tolist()
        # OGR filters by the index boxes then by the geometry envelope: at least every intersecting line
        assert set(expected) <= set(found)
        boxes_hit = np.flatnonzero(
            (bounds[:, 0] <= x0 + w) & (bounds[:, 2] >= x0) & (bounds[:, 1] <= y0 + w) & (bounds[:, 3] >= y0)
        ).tolist()
        assert set(found) <= set(boxes_hit)


def test_index_stays_right_after_edits_with_the_standard_triggers(tmp_path):
    path = tmp_path / "out.gpkg"
    write_layer(path, "t", [("n", "int")], {"n": np.arange(500)}, random_lines(500), "LINESTRING")
    ds = ogr.Open(str(path), 1)
    layer = ds.GetLayerByName("t")
    feature = layer.GetFeature(10)
    feature.SetGeometry(ogr.CreateGeometryFromWkt("LINESTRING (600000 600000, 600010 600010)"))
    layer.SetFeature(feature)
    layer.DeleteFeature(20)
    ds = None
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT rtreecheck('rtree_t_geom')").fetchone()[0] == "ok"
        assert db.execute("SELECT minx FROM rtree_t_geom WHERE id = 10").fetchone()[0] == pytest.approx(
            600_000
        )
        assert db.execute("SELECT count(*) FROM rtree_t_geom WHERE id = 20").fetchone()[0] == 0


def test_a_table_is_added_to_an_existing_geopackage_and_replaced_in_place(tmp_path):
    path = tmp_path / "out.gpkg"
    write_layer(path, "a", [("n", "int")], {"n": [1, 2]}, shapely.points([[0, 0], [1, 1]]), "POINT")
    write_layer(path, "b", [("s", "str")], {"s": ["x"]}, None, None, replace_file=False)
    write_layer(path, "a", [("n", "int")], {"n": [7]}, shapely.points([[5, 5]]), "POINT", replace_file=False)
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT fid, n FROM a").fetchall() == [(1, 7)]  # numbered afresh
        assert db.execute("SELECT s FROM b").fetchall() == [("x",)]
        assert db.execute("SELECT count(*) FROM rtree_a_geom").fetchone()[0] == 1
        contents = dict(db.execute("SELECT table_name, data_type FROM gpkg_contents"))
    assert contents == {"a": "features", "b": "attributes"}
    # a plain path replaces the whole file
    write_layer(path, "c", [("n", "int")], {"n": [1]}, shapely.points([[0, 0]]), "POINT")
    with sqlite3.connect(path) as db:
        assert [r[0] for r in db.execute("SELECT table_name FROM gpkg_contents")] == ["c"]


def test_cancel_or_failure_leaves_the_destination_as_it_was(tmp_path):
    path = tmp_path / "out.gpkg"
    write_layer(path, "a", [("n", "int")], {"n": [1]}, shapely.points([[0, 0]]), "POINT")
    before = path.read_bytes()
    n = 120_000
    with pytest.raises(Cancelled):
        write_layer(
            path, "a", [("n", "int")], {"n": np.arange(n)}, random_lines(n), "LINESTRING", cancel=lambda: True
        )
    assert path.read_bytes() == before
    calls = iter(range(100))
    with pytest.raises(Cancelled):  # cancelled after the first chunk, inside the transaction
        write_layer(
            path,
            "a",
            [("n", "int")],
            {"n": np.arange(n)},
            random_lines(n),
            "LINESTRING",
            replace_file=False,
            cancel=lambda: next(calls) >= 2,
        )
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT n FROM a").fetchall() == [(1,)]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.gpkg"]  # no temporary left behind
    with pytest.raises(StoreError, match="field.*'n'"):
        write_layer(path, "a", [("n", "int")], {"n": [1, 2]}, shapely.points([[0, 0]]), "POINT")
    assert path.read_bytes() == before


def test_refuses_to_write_into_a_file_that_is_not_a_geopackage(tmp_path):
    path = tmp_path / "other.sqlite"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE mine (x)")
    with pytest.raises(StoreError, match="not a GeoPackage"):
        write_layer(
            path, "a", [("n", "int")], {"n": [1]}, shapely.points([[0, 0]]), "POINT", replace_file=False
        )


def test_blobs_are_header_plus_iso_wkb():
    """Each blob is the GeoPackage header (packed here by hand) followed by ISO WKB."""
    import struct

    geoms = np.array([shapely.Point(1, 2), None, shapely.Point(), *random_lines(50)], dtype=object)
    blobs, bounds = geometry_blobs(geoms)
    for geom, blob in zip(geoms, blobs, strict=True):
        if geom is None:
            assert blob is None
        elif geom.is_empty:
            assert blob == struct.pack("<2sBBi", b"GP", 0, 0b0001_0001, 27700) + shapely.to_wkb(
                geom, flavor="iso"
            )
        else:
            minx, miny, maxx, maxy = geom.bounds
            header = struct.pack("<2sBBi4d", b"GP", 0, 0b0000_0011, 27700, minx, maxx, miny, maxy)
            assert blob == header + shapely.to_wkb(geom, flavor="iso", byte_order=1)
    assert np.isnan(bounds[1]).all() and np.isnan(bounds[2]).all()


def test_empty_layer(tmp_path):
    path = tmp_path / "out.gpkg"
    assert write_layer(path, "t", FIELDS, {name: [] for name, _ in FIELDS}, [], "POLYGON") == 0
    ds = ogr.Open(str(path))
    assert ds.GetLayerByName("t").GetFeatureCount() == 0


def test_rows_numbered_other_than_1_to_n_are_refused_and_nothing_is_written(tmp_path, monkeypatch):
    # The fids are sqlite's own numbering of the new table, which the bulk rtree relies on: a
    # table that would not start at 1 (a stale AUTOINCREMENT counter) must fail, not mis-index.
    path = tmp_path / "out.gpkg"
    write_layer(path, "a", [("n", "int")], {"n": [1]}, shapely.points([[0, 0]]), "POINT")
    create = gpkg.create_feature_table

    def create_then_bump_counter(conn, table, *args, **kwargs):
        create(conn, table, *args, **kwargs)
        conn.execute("INSERT INTO sqlite_sequence (name, seq) VALUES (?, 41)", (table,))

    monkeypatch.setattr(gpkg, "create_feature_table", create_then_bump_counter)
    with pytest.raises(StoreError, match=r"rows numbered up to 43, not 1\.\.2"):
        write_layer(path, "a", [("n", "int")], {"n": [5, 6]}, shapely.points([[0, 0], [1, 1]]), "POINT",
                    replace_file=False)  # fmt: skip
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT fid, n FROM a").fetchall() == [(1, 1)]


@pytest.mark.parametrize("per_statement", [1, 7, 200])
def test_rows_are_written_in_order_across_statements_chunks_and_remainders(
    tmp_path, monkeypatch, per_statement
):
    # Rows go many per INSERT statement and many statements per chunk: every boundary (whole
    # statements, the remainder of a chunk, the last chunk) must keep each row's values together.
    monkeypatch.setattr(table_writer, "ROWS_PER_CHUNK", 450)
    monkeypatch.setattr(table_writer, "_ROWS_PER_STATEMENT", per_statement)
    n = 1037
    points = shapely.points(np.column_stack([np.arange(n, dtype=float), np.zeros(n)]))  # WKB ends in 0 bytes
    cols = {"name": [f"w{k}" for k in range(n)], "n": np.arange(n) * 3, "x": np.arange(n) / 8}
    path = tmp_path / "rows.gpkg"
    assert write_layer(path, "t", [("name", "str"), ("n", "int"), ("x", "float")], cols, points, "POINT") == n
    with sqlite3.connect(path) as db:
        rows = db.execute("SELECT fid, name, n, x, geom FROM t ORDER BY fid").fetchall()
    assert [r[0] for r in rows] == list(range(1, n + 1))
    assert [r[1:4] for r in rows] == [(f"w{k}", 3 * k, k / 8) for k in range(n)]
    assert all(gpkg.decode_geometry(r[4]).equals_exact(points[k], 0) for k, r in enumerate(rows))


def test_rows_per_statement_stays_within_sqlites_parameter_limit():
    db = sqlite3.connect(":memory:")
    db.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, 999)
    assert table_writer._rows_per_statement(db, 11) == 90
    assert table_writer._rows_per_statement(db, 2000) == 1
    db.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, 250_000)
    assert table_writer._rows_per_statement(db, 11) == table_writer._ROWS_PER_STATEMENT


def test_lines_given_as_coordinates_are_the_same_blobs_as_through_shapely(tmp_path):
    rng = np.random.default_rng(5)
    for k in (2, 3):
        coords = rng.uniform(500_000, 510_000, (300, k, 2))
        coords[7, 1] = coords[7, 0]  # a zero-length line
        blobs, bounds = geometry_blobs(coords)
        expected_blobs, expected_bounds = geometry_blobs(shapely.linestrings(coords))
        assert blobs == expected_blobs
        assert np.array_equal(bounds, expected_bounds)
    with pytest.raises(StoreError, match="line coordinates given for a POINT layer"):
        write_layer(tmp_path / "p.gpkg", "t", [], {}, coords, "POINT")


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
@pytest.mark.parametrize("vertex", [0, 1, 2])
def test_line_coordinates_must_be_finite(bad, vertex):
    coords = np.zeros((4, 3, 2))
    coords[2, vertex, 1] = bad
    with pytest.raises(ValueError, match="finite"):
        geometry_blobs(coords)


def geometries_in(form: str, n: int, seed: int):
    """``n`` geometries in one of the forms ``write_layer`` takes ("shapely" or "coordinates":
    two-point lines; "rings": 3 m squares), their layer type, and the same as shapely."""
    rng = np.random.default_rng(seed)
    corner = rng.uniform(500_000, 510_000, (n, 2))
    if form == "rings":
        square = np.array([[0, 0], [3, 0], [3, 3], [0, 3], [0, 0]], dtype=float)
        rings = Rings((corner[:, None, :] + square).reshape(-1, 2), np.arange(n + 1) * 5)
        return rings, "POLYGON", rings.to_shapely()
    coords = np.stack([corner, corner + rng.uniform(-9, 9, (n, 2))], axis=1)
    lines = shapely.linestrings(coords)
    return (coords if form == "coordinates" else lines.copy()), "LINESTRING", lines


@pytest.mark.parametrize("form", ["shapely", "coordinates", "rings"])
def test_values_and_blobs_are_made_one_chunk_at_a_time_with_the_same_rows(tmp_path, monkeypatch, form):
    # A year of England has 1.7M pairs: converting every column to Python objects and encoding
    # every blob before the first insert held ~600 MB more than one chunk's worth. Each chunk
    # is converted and encoded when it is inserted; the rows and the index are the same.
    monkeypatch.setattr(table_writer, "ROWS_PER_CHUNK", 400)
    seen: list[int] = []
    for name, inner in (
        ("_column_values", table_writer._column_values),
        ("geometry_blobs", gpkg.geometry_blobs),
    ):
        target = table_writer if name == "_column_values" else table_writer.gpkg

        def spy(*args, _inner=inner, **kwargs):
            seen.append(len(args[1] if _inner is table_writer._column_values else args[0]))
            return _inner(*args, **kwargs)

        monkeypatch.setattr(target, name, spy)
    n = 1037
    geoms, kind, expected = geometries_in(form, n, seed=3)
    cols = {"name": [f"w{k}" if k % 3 else None for k in range(n)], "x": np.arange(n) / 8}
    path = tmp_path / "chunks.gpkg"
    assert write_layer(path, "t", [("name", "str"), ("x", "float")], cols, geoms, kind) == n
    assert seen and max(seen) <= 400
    with sqlite3.connect(path) as db:
        rows = db.execute("SELECT name, x, geom FROM t ORDER BY fid").fetchall()
        assert db.execute("SELECT rtreecheck('rtree_t_geom')").fetchone()[0] == "ok"
        boxes = db.execute("SELECT id, minx, maxx, miny, maxy FROM rtree_t_geom ORDER BY id").fetchall()
    assert [r[:2] for r in rows] == [(f"w{k}" if k % 3 else None, k / 8) for k in range(n)]
    assert all(gpkg.decode_geometry(r[2]).equals_exact(expected[k], 0) for k, r in enumerate(rows))
    bounds = shapely.bounds(expected)
    assert [b[0] for b in boxes] == list(range(1, n + 1))
    assert np.all(np.array([b[1] for b in boxes]) <= bounds[:, 0])
    assert np.all(np.array([b[2] for b in boxes]) >= bounds[:, 2])


@pytest.mark.parametrize("form", ["shapely", "coordinates", "rings"])
def test_a_large_outputs_rtree_is_packed_alongside_its_rows_the_same_to_the_byte(tmp_path, monkeypatch, form):
    # 1.7M pairs: the rtree's STR packing (~1 s of numpy) runs on a thread of its own while the
    # rows are inserted; the shadow tables are the ones packed after the rows.
    import threading

    n = 3_000
    geoms, kind, _ = geometries_in(form, n, seed=9)
    if form == "shapely":
        geoms[7] = None  # no box, no rtree entry
    threads: list[str] = []
    pack = table_writer._pack_rtree
    monkeypatch.setattr(
        table_writer, "_pack_rtree", lambda *a: threads.append(threading.current_thread().name) or pack(*a)
    )

    def shadow_tables(path):
        with sqlite3.connect(path) as db:
            assert db.execute("SELECT rtreecheck('rtree_t_geom')").fetchone()[0] == "ok"
            return [
                db.execute(f"SELECT * FROM rtree_t_geom_{part} ORDER BY 1").fetchall()
                for part in ("node", "rowid", "parent")
            ]  # nosec B608  # the test's own table

    monkeypatch.setattr(table_writer, "_PACK_ALONGSIDE_ROWS", 10**9)
    write_layer(tmp_path / "after.gpkg", "t", [("n", "int")], {"n": np.arange(n)}, geoms, kind)
    assert threads == [threading.current_thread().name]
    monkeypatch.setattr(table_writer, "_PACK_ALONGSIDE_ROWS", 1_000)
    write_layer(tmp_path / "alongside.gpkg", "t", [("n", "int")], {"n": np.arange(n)}, geoms, kind)
    assert threads[1].startswith("digonce-rtree")
    assert shadow_tables(tmp_path / "alongside.gpkg") == shadow_tables(tmp_path / "after.gpkg")

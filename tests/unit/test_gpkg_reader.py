"""GeoPackage tables read through GDAL (``layerio.gpkg_reader``): values as SQLite stores them,
GDAL's errors turned into a reject or a clear error, never a silently short or altered read."""

from __future__ import annotations

import doctest
import sqlite3
from pathlib import Path

import pytest
import shapely

from dig_once.plugin.layerio import gpkg, gpkg_reader
from dig_once.plugin.layerio.gpkg_reader import GeoPackageError, open_geopackage


def _table(path: Path, rows: list[tuple]) -> Path:
    db = sqlite3.connect(path, isolation_level=None)
    gpkg.register_functions(db)
    gpkg.initialise(db)
    gpkg.create_feature_table(db, "t", [("d", "date"), ("e", "float"), ("n", "int")], "POINT")
    db.execute("BEGIN")  # one transaction
    with db:
        db.executemany("INSERT INTO t VALUES (?, ?, ?, ?, ?)", rows)
    db.close()
    return path


POINT = gpkg.encode_geometries([shapely.Point(530000, 180000)])[0]


@pytest.fixture(params=["errors returned", "errors raised (as in QGIS)"])
def gdal_mode(request):
    """Each test runs with GDAL's bindings returning errors and raising them, as QGIS sets them."""
    from osgeo import gdal, ogr

    if request.param.startswith("errors raised") and not ogr.GetUseExceptions():
        gdal.UseExceptions()
        ogr.UseExceptions()
        yield
        ogr.DontUseExceptions()
        gdal.DontUseExceptions()
    else:
        yield


def test_doctests_pass():
    failures, tried = doctest.testmod(gpkg_reader)
    assert tried and not failures


def test_values_gdal_would_convert_are_read_as_stored(tmp_path, gdal_mode):
    path = _table(
        tmp_path / "t.gpkg", [(1, POINT, "31/02/2027", "abc", 7.5), (2, POINT, "2027-01-10", 0.1, 3)]
    )
    with open_geopackage(path) as package:
        rows = list(package.rows("t", "geom"))
    # GDAL alone gives NULL, 0.0 and 7 for the first row's values
    assert [(r["fid"], r["d"], r["e"], r["n"]) for r in rows] == [
        (1, "31/02/2027", "abc", 7.5),
        (2, "2027-01-10", 0.1, 3),
    ]
    assert rows[0]["geom"].equals(shapely.Point(530000, 180000))


def test_an_unreadable_geometry_is_none_and_the_rows_after_it_are_read(tmp_path, gdal_mode):
    path = _table(tmp_path / "t.gpkg", [(1, b"GP\x00\x03", None, None, None), (2, POINT, None, None, None)])
    with open_geopackage(path) as package:
        rows = list(package.rows("t", "geom"))
    assert [r["fid"] for r in rows] == [1, 2]
    assert rows[0]["geom"] is None and rows[1]["geom"] is not None


def test_a_truncated_file_is_an_error_not_a_short_read(tmp_path, gdal_mode):
    # cut in the table's pages: GDAL opens the file, then fails part way through the rows
    path = _table(tmp_path / "t.gpkg", [(k, POINT, None, None, None) for k in range(1, 2000)])
    cut = tmp_path / "cut.gpkg"
    cut.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    with pytest.raises(GeoPackageError), open_geopackage(cut) as package:
        list(package.rows("t", "geom"))


def test_a_geopackage_named_otherwise_is_opened(tmp_path, gdal_mode):
    path = _table(tmp_path / "t.gpkg", [(1, POINT, None, None, None)])
    renamed = tmp_path / "venues.csv"
    renamed.write_bytes(path.read_bytes())
    with open_geopackage(renamed) as package:
        assert [r["fid"] for r in package.rows("t", "geom")] == [1]


def test_a_damaged_venue_point_is_a_reject_not_a_crash(tmp_path, gdal_mode):
    from dig_once.plugin.sources.cultural_venues import read_venues

    db = sqlite3.connect(tmp_path / "cim.gpkg", isolation_level=None)
    gpkg.register_functions(db)
    gpkg.initialise(db)
    gpkg.create_feature_table(db, "Theatres", [("name", "str")], "POINT")
    db.execute("INSERT INTO Theatres VALUES (1, ?, 'Hackney Empire')", (POINT,))
    db.execute("INSERT INTO Theatres VALUES (2, X'4750', 'Broken blob')")  # was an IndexError
    db.close()
    result = read_venues(tmp_path / "cim.gpkg")
    assert [r["name"] for r in result.records] == ["Hackney Empire"]
    assert [(r.record, r.field) for r in result.rejects] == [("feature 2", "latitude")]

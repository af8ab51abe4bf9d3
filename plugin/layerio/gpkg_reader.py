"""A GeoPackage's tables read through GDAL's own bindings (``osgeo.ogr``), for the QGIS-free
readers in ``plugin/sources`` (forward plans, the Cultural Infrastructure Map). No QGIS here;
GDAL's Python bindings ship with every QGIS (fiona may not), so they are what is used.

GDAL opens the file, runs the queries and decodes the geometry (no hand-written blob decoder).
Two choices keep a reader's records and rejects what the publisher wrote:

- Values are read as SQLite stores them (its storage class decides, as ``sqlite3`` would give
  them): OGR converts each value to the column's declared type, turning a date it cannot parse
  into NULL and text in a REAL column into 0.0 with only a warning, so a bad value would vanish
  instead of being a reject naming it.
- Every GDAL error is caught, whether the bindings raise them (as in QGIS) or not: one while a
  feature's geometry is read makes that geometry "unreadable" (``None``, the reader rejects the
  row); one while the rows are read, or on opening or querying, is :class:`GeoPackageError`
  (a damaged or truncated file), never a silently short read.

Cost, measured in one run by ``scripts/bench_layer_io.py`` (g): 200,000 rows read here take
7.1 s, twice the 3.5 s of sqlite3 with the hand-written blob decoder (``gpkg.decode_geometry``;
4x at 20,000 rows, 1.2 s against 0.3 s);
the files read here are small (a plan's links, a map's venues: the sample plan has 44 links,
read in milliseconds), so the decoder is not kept for them. It stays in ``gpkg`` for the blobs
the plugin writes itself (the store).

>>> import tempfile, pathlib, sqlite3, shapely
>>> from . import gpkg
>>> path = pathlib.Path(tempfile.mkdtemp()) / "plan.gpkg"
>>> db = sqlite3.connect(path, isolation_level=None)
>>> gpkg.register_functions(db); gpkg.initialise(db)
>>> gpkg.create_feature_table(db, "links", [("start", "date")], "LINESTRING")
>>> _ = db.execute("INSERT INTO links VALUES (7, ?, '31/02/2027')",
...                gpkg.encode_geometries([shapely.LineString([(0, 0), (1, 1)])]))
>>> db.close()
>>> with open_geopackage(path) as package:
...     [(row["fid"], row["start"], row["geom"].wkt) for row in package.rows("links", "geom")]
[(7, '31/02/2027', 'LINESTRING (0 0, 1 1)')]
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from typing import Any

import numpy as np
import shapely


class GeoPackageError(Exception):
    """GDAL cannot open or read the file (damaged, truncated, not a GeoPackage)."""


def quote(name: str) -> str:
    """An SQL identifier, double-quoted."""
    return '"' + name.replace('"', '""') + '"'


def literal(text: str) -> str:
    """An SQL string literal (OGR's ExecuteSQL binds no parameters)."""
    return "'" + text.replace("'", "''") + "'"


class GeoPackage:
    """An open GeoPackage (see :func:`open_geopackage`)."""

    def __init__(self, ds: Any, errors: list[str]):
        self._ds = ds
        self._errors = errors

    def _fail(self, exc: Exception | None = None) -> GeoPackageError:
        return GeoPackageError(
            str(exc or "") or (self._errors[-1] if self._errors else "GDAL could not read it")
        )

    def _execute(self, sql: str) -> Any:
        before = len(self._errors)
        try:
            result = self._ds.ExecuteSQL(sql)
        except RuntimeError as exc:  # QGIS turns the bindings' exceptions on
            raise self._fail(exc) from None
        if result is None and len(self._errors) > before:
            raise self._fail()
        return result

    def _features(self, result: Any) -> Iterator[Any]:
        """The features of a result set; an error while fetching is :class:`GeoPackageError`
        (the table ended early: damaged or truncated), never a silently short read."""
        while True:
            before = len(self._errors)
            try:
                feature = result.GetNextFeature()
            except RuntimeError as exc:
                raise self._fail(exc) from None
            if len(self._errors) > before:
                raise self._fail()
            if feature is None:
                return
            yield feature

    def query(self, sql: str) -> list[dict[str, Any]]:
        """The rows of a small query (metadata: table names, srs, geometry columns) as
        ``{column: value}``, values as SQLite gives them; geometry left out."""
        result = self._execute(sql)
        if result is None:  # a statement with no result set
            return []
        try:
            defn = result.GetLayerDefn()
            fields = [defn.GetFieldDefn(k).GetName() for k in range(defn.GetFieldCount())]
            fid_column = result.GetFIDColumn()  # an integer key OGR takes as the feature id
            rows = []
            for feature in self._features(result):
                row = {name: feature.GetField(k) for k, name in enumerate(fields)}
                if fid_column:
                    row[fid_column] = feature.GetFID()
                rows.append(row)
            return rows
        finally:
            self._ds.ReleaseResultSet(result)

    def columns(self, table: str) -> list[tuple[str, str]]:
        """``(name, declared type)`` of each column of ``table``, in order."""
        rows = self.query(f"SELECT name, type FROM pragma_table_info({literal(table)})")  # nosec B608  # the name is an escaped literal (OGR binds no parameters)
        return [(str(row["name"]), str(row["type"] or "")) for row in rows]

    def primary_key(self, table: str) -> str | None:
        """The name of ``table``'s (single) primary key column, None without one."""
        rows = self.query(f"SELECT name FROM pragma_table_info({literal(table)}) WHERE pk = 1")  # nosec B608  # the name is an escaped literal (OGR binds no parameters)
        return str(rows[0]["name"]) if len(rows) == 1 else None

    def rows(self, table: str, geometry_column: str | None = None) -> list[dict[str, Any]]:
        """Every row of ``table`` as ``{column: value}`` in the table's column order, each value
        as SQLite stores it (what ``sqlite3`` would give: the text of a date, the text in a
        column declared REAL), ``geometry_column`` as a shapely geometry decoded by GDAL (None
        where missing or unreadable). Names keep the table's spelling."""
        from osgeo import ogr

        columns = [name for name, _kind in self.columns(table)]
        selected = ["rowid AS _rowid"]
        for k, name in enumerate(columns):
            if name != geometry_column:  # OGR's value (exact doubles), the storage class, the text
                q = quote(name)
                selected += [f"{q} AS _v{k}", f"typeof({q}) AS _t{k}", f"CAST({q} AS TEXT) AS _s{k}"]
        result = self._execute(f"SELECT {', '.join(selected)} FROM {quote(table)} ORDER BY rowid")  # nosec B608  # identifiers quoted
        if result is None:
            raise GeoPackageError(f"table {table!r} cannot be read")
        rows = []
        try:
            defn = result.GetLayerDefn()
            index = {defn.GetFieldDefn(k).GetName(): k for k in range(defn.GetFieldCount())}
            fid_alias = result.GetFIDColumn()  # an integer key, which OGR takes as the feature id
            # per column: where OGR put its value, the storage class and the text; whether OGR's
            # value is a double (the exact value of a REAL)
            plan = [
                (name, None)
                if name == geometry_column or fid_alias == f"_v{k}"
                else (
                    name,
                    (
                        index[f"_v{k}"],
                        index[f"_t{k}"],
                        index[f"_s{k}"],
                        defn.GetFieldDefn(index[f"_v{k}"]).GetType() == ogr.OFTReal,
                    ),
                )
                for k, name in enumerate(columns)
            ]
            rowid_at = index.get("_rowid")
            for feature in self._features(result):
                rowid = feature.GetFID() if rowid_at is None else feature.GetFieldAsInteger64(rowid_at)
                row: dict[str, Any] = {}
                for name, where in plan:
                    if where is not None:
                        row[name] = _stored(feature, *where)
                    else:  # the key OGR took as the feature id, or the geometry (read below)
                        row[name] = feature.GetFID() if name != geometry_column else rowid
                rows.append(row)
        finally:
            self._ds.ReleaseResultSet(result)
        if geometry_column in columns:
            layer = self._ds.GetLayerByName(table)
            if layer is None:
                raise GeoPackageError(f"GDAL does not see {table!r} as a layer")
            wkbs = np.empty(len(rows), dtype=object)
            for k, row in enumerate(rows):  # a row's rowid is its feature id
                wkbs[k] = self._wkb(layer, row[geometry_column])
            geometries = shapely.from_wkb(wkbs, on_invalid="ignore")  # None where unreadable
            for row, geometry in zip(rows, geometries.tolist(), strict=True):
                row[geometry_column] = geometry
        return rows

    def _wkb(self, layer: Any, fid: int) -> bytes | None:
        """The ISO WKB of feature ``fid``'s geometry, None when missing or unreadable (a GDAL error)."""
        before = len(self._errors)
        try:
            feature = layer.GetFeature(fid)
        except RuntimeError:
            return None
        if feature is None or len(self._errors) > before:
            return None
        ref = feature.GetGeometryRef()
        return None if ref is None else bytes(ref.ExportToIsoWkb())


def _stored(feature: Any, value_at: int, class_at: int, text_at: int, value_is_double: bool) -> Any:
    """A value as SQLite stores it: OGR converts a value to the column's declared type (text in
    a REAL column becomes 0.0, an unparseable date NULL), so the storage class decides; a REAL
    is taken from OGR's double when OGR read it as one (exact), else from its text."""
    kind = feature.GetFieldAsString(class_at)
    if kind == "null":
        return None
    if kind == "text":
        return feature.GetFieldAsString(text_at)
    if kind == "integer":
        return int(feature.GetFieldAsString(text_at))
    if kind == "real":
        return (
            feature.GetFieldAsDouble(value_at)
            if value_is_double
            else float(feature.GetFieldAsString(text_at))
        )
    return feature.GetField(value_at)  # a blob, as OGR gives it


@contextlib.contextmanager
def open_geopackage(path: str | os.PathLike[str]) -> Iterator[GeoPackage]:
    """The GeoPackage at ``path``, read-only, with GDAL's errors caught (see the module's notes);
    :class:`GeoPackageError` when GDAL cannot open it as a GeoPackage."""
    from osgeo import gdal, ogr

    errors: list[str] = []

    def handler(error_class: int, _number: int, message: str) -> None:
        if error_class >= gdal.CE_Failure:
            errors.append(str(message).strip())

    gdal.PushErrorHandler(handler)
    try:
        driver = ogr.GetDriverByName("GPKG")
        ds = None
        try:
            ds = driver.Open(os.fspath(path), 0)
            if ds is None and not errors and not os.fspath(path).lower().endswith(".gpkg"):
                # GDAL recognises a GeoPackage by its suffix: "GPKG:" names the format for another
                ds = driver.Open(f"GPKG:{os.fspath(path)}", 0)
        except RuntimeError as exc:  # QGIS turns the bindings' exceptions on
            errors.append(str(exc))
        if ds is None:
            reason = (
                errors[-1] if errors else "GDAL cannot open it as a GeoPackage (not one, or no table in it)"
            )
            raise GeoPackageError(reason)
        try:
            yield GeoPackage(ds, errors)
        finally:
            ds = None  # closes the file
    finally:
        gdal.PopErrorHandler()

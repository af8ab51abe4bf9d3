"""Write a whole feature (or attribute) table into a GeoPackage in one go, column-wise.

The algorithms' outputs can be hundreds of thousands of rows (pairs among a million works);
building one ``QgsFeature`` per row and pushing it through OGR costs more than the analysis.
:func:`write_layer` takes columns (numpy arrays or lists) and shapely geometries and writes
them with ``sqlite3`` in bulk: vectorised geometry blobs, one ``executemany``, the rtree
spatial index filled in bulk and its standard triggers created afterwards, so the file opens
in QGIS/OGR like any GeoPackage and later edits keep the index right.

Measured against the libraries' writers in one run (``scripts/bench_layer_io.py``, 200,000
two-vertex lines with four attributes, 2 shared cores, two runs): 0.8-1.0 s here, 1.5-4.2 s
through ``QgsVectorFileWriter`` (a ``QgsFeature`` per row), 5.9-10.7 s through GDAL's own
writer fed from Python (``osgeo.ogr``, one transaction).

Nothing is half-written: a new file is built under a temporary name and renamed into place;
a table added to an existing GeoPackage is written in one transaction (an existing table of
that name is replaced in the same transaction). Cancelling (``cancel()`` returning True)
raises :class:`~..core.errors.Cancelled` and leaves the destination as it was.

Example
-------
>>> import tempfile, pathlib, shapely, sqlite3
>>> path = pathlib.Path(tempfile.mkdtemp()) / "out.gpkg"
>>> write_layer(path, "pairs", [("kind", "str"), ("n", "int")],
...             {"kind": ["clash", None], "n": np.array([1, 2])},
...             shapely.points([[0, 0], [1, 1]]), "POINT")
2
>>> sqlite3.connect(path).execute("SELECT fid, kind, n FROM pairs").fetchall()
[(1, 'clash', 1), (2, None, 2)]
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
import tempfile
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np

from ..core.errors import Cancelled, StoreError
from ..core.memory import TrimEvery
from ..core.rings import Rings
from ..core.schema import BNG_EPSG
from . import gpkg
from .gpkg import FID_COLUMN, GEOM_COLUMN, quote

ROWS_PER_CHUNK = 25_000  # rows per executemany: progress and cancel answer between chunks
_ROWS_PER_STATEMENT = 200
_TEXT_TYPES = {str, type(None)}


def _objects(values: Any) -> np.ndarray:
    """A 1-D object array of the values as they are (scalars: never unpacked)."""
    out = np.empty(len(values), dtype=object)
    out[:] = values
    return out


def _column_values(kind: str, values: Any, n: int, name: str) -> np.ndarray:
    """One column as an object array of values sqlite3 binds directly (None for null)."""
    if isinstance(values, np.ndarray):
        if values.dtype.kind == "M" and kind == "datetime":
            stamps = values.astype("datetime64[ms]")
            out = np.char.add(np.datetime_as_string(stamps, unit="ms").astype(str), "Z").astype(object)
            out[np.isnat(stamps)] = None
        elif values.dtype.kind == "M":
            days = values.astype("datetime64[D]")
            distinct, which = np.unique(days, return_inverse=True)  # few dates, many rows
            out = np.datetime_as_string(distinct, unit="D").astype(object)[which.reshape(-1)]
            out[np.isnat(days)] = None
        elif values.dtype.kind == "f":
            out = values.astype(object)
            out[~np.isfinite(values)] = None
        elif values.dtype.kind == "O":
            out = values
        elif values.dtype.kind == "S":  # ASCII bytes (works' ids, core.works.ascii_ids): text
            out = values.astype(str).astype(object)
        else:
            out = values.astype(object)  # Python ints, bools, str
    else:
        out = _objects(list(values))
    if len(out) != n:
        raise StoreError(f"field {name!r} has {len(out)} values for {n} rows")
    if kind == "str" and not set(map(type, out)) <= _TEXT_TYPES:
        out = _objects(
            [None if v is None or (isinstance(v, float) and not np.isfinite(v)) else str(v) for v in out]
        )
    elif kind == "datetime":
        # GeoPackage's form (milliseconds, Z): OGR warns on every read of any other
        out = _objects([gpkg.datetime_text(v) if isinstance(v, dt.date) else v for v in out])
    elif kind == "date":
        out = _objects([v.isoformat() if isinstance(v, dt.date) else v for v in out])
    elif kind == "bool":
        out = _objects([None if v is None else int(bool(v)) for v in out])
    elif kind == "float" and not (isinstance(values, np.ndarray) and values.dtype.kind == "f"):
        out = _objects([None if isinstance(v, float) and not np.isfinite(v) else v for v in out])
    return out


def _rows_per_statement(conn: sqlite3.Connection, n_columns: int) -> int:
    """Rows bound to one multi-row ``INSERT ... VALUES (...), (...)``: up to 200, within
    sqlite's limit on parameters per statement (999 on builds older than 3.32)."""
    try:
        limit = conn.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    except (AttributeError, sqlite3.Error):  # Python < 3.11
        limit = 999
    return max(1, min(_ROWS_PER_STATEMENT, limit // max(n_columns, 1)))


def _insert_block(conn: sqlite3.Connection, table: str, names: Sequence[str], rows: np.ndarray) -> None:
    """Insert the rows of a 2-D object array (one column per name), many per statement."""
    head = f"INSERT INTO {quote(table)} ({', '.join(quote(c) for c in names)}) VALUES "  # nosec B608  # identifiers quoted, values bound as parameters
    one_row = f"({', '.join('?' for _ in names)})"
    per_statement = _rows_per_statement(conn, len(names))
    whole = len(rows) // per_statement * per_statement
    if whole:
        conn.executemany(
            head + ", ".join([one_row] * per_statement),
            rows[:whole].reshape(-1, per_statement * len(names)).tolist(),
        )
    if whole < len(rows):
        conn.executemany(head + one_row, rows[whole:].tolist())


def _part(values: Any, begin: int, stop: int) -> Any:
    """Rows ``begin:stop`` of a column or of geometries in any form :func:`write_layer` takes."""
    if isinstance(values, Rings):
        return values.part(begin, stop)
    return values[begin:stop]


def _insert_rows(
    conn: sqlite3.Connection,
    table: str,
    fields: Sequence[tuple[str, str]],
    columns: Mapping[str, Any],
    geoms: Any | None,
    srs_id: int,
    n: int,
    tick: Callable[[float], None],
) -> None:
    """Insert the rows, many per statement. Binding costs the same, but sqlite's per-statement work (reset, step, the
    AUTOINCREMENT counter) is paid once per block of rows, which halves the time of a
    row-per-statement ``executemany`` on large outputs. The fids are not bound: sqlite numbers
    the rows of the new, empty table 1..n in order (checked after), which the rtree relies on.

    Values are converted and geometry blobs encoded one chunk of rows at a time, so what is
    held beside the caller's columns is one chunk's Python objects, never a whole table's
    (1.7M pairs: ~600 MB of floats, ints and blobs as Python objects before)."""
    names = [name for name, _kind in fields]
    cols = ([GEOM_COLUMN] if geoms is not None else []) + names
    per_statement = _rows_per_statement(conn, len(cols))
    chunk = max(per_statement, ROWS_PER_CHUNK // per_statement * per_statement)
    trim = TrimEvery()  # each chunk's Python objects are freed among what other threads keep
    for begin in range(0, n, chunk):
        stop = min(n, begin + chunk)
        rows = np.empty((stop - begin, len(cols)), dtype=object)
        parts = [
            _column_values(kind, _part(columns[name], begin, stop), stop - begin, name)
            for name, kind in fields
        ]
        if geoms is not None:
            parts.insert(0, gpkg.geometry_blobs(_part(geoms, begin, stop), srs_id)[0])
        for k, part in enumerate(parts):
            rows[:, k] = part  # scalars only (str, bytes, numbers, None): nothing is unpacked
        _insert_block(conn, table, cols, rows)
        del rows, parts
        tick(stop / max(n, 1))
        trim()
    last = conn.execute(f"SELECT max({quote(FID_COLUMN)}) FROM {quote(table)}").fetchone()[0]  # nosec B608  # identifiers quoted, values bound as parameters
    if (last or 0) != n:
        raise StoreError(f"table {table!r}: rows numbered up to {last}, not 1..{n}")


#: sqlite's rtree rounding factors (rtree.c: RNDTOWARDS, RNDAWAY)
_RND_TOWARDS = 1.0 - 1.0 / 8388608.0
_RND_AWAY = 1.0 + 1.0 / 8388608.0


def _round_out(values: np.ndarray, down: bool) -> np.ndarray:
    """float64 -> float32 rounded outwards, so boxes still contain, exactly as sqlite's rtree
    rounds a value it stores (rtree.c's rtreeValueDown and rtreeValueUp): the nearest float,
    or when that lies on the wrong side, the value scaled by 1 -/+ 2^-23 then rounded."""
    f = values.astype(np.float32)
    bad = f.astype(np.float64) > values if down else f.astype(np.float64) < values
    if bad.any():
        v = values[bad]
        inward = v < 0 if down else v >= 0  # scaling away from zero moves a negative down
        f[bad] = (v * np.where(inward, _RND_AWAY, _RND_TOWARDS)).astype(np.float32)
    return f


_CELL = np.dtype([("id", ">i8"), ("box", ">f4", (4,))])  # sqlite rtree cell: id, minx, maxx, miny, maxy


def _str_order(boxes: np.ndarray, capacity: int, tick: Callable[[float], None]) -> np.ndarray:
    """Sort-Tile-Recursive order of boxes (minx, maxx, miny, maxy): vertical slabs by x centre,
    each sorted by y centre, so consecutive runs of ``capacity`` are compact nodes."""
    n = len(boxes)
    leaves = -(-n // capacity)
    slabs = max(1, int(np.ceil(np.sqrt(leaves))))
    per_slab = slabs * capacity
    by_x = np.argsort(boxes[:, 0] + boxes[:, 1], kind="stable")
    tick(0.0)
    cy = boxes[:, 2] + boxes[:, 3]
    # by slab, then y centre, then position (as a stable sort of (slab, cy) would order them):
    # a slab at a time, without a slab number and a sort of every box by two keys
    for begin in range(0, n, per_slab):
        members = np.sort(by_x[begin : begin + per_slab])
        by_x[begin : begin + len(members)] = members[np.argsort(cy[members], kind="stable")]
    return by_x


def _rtree_node_size(conn: sqlite3.Connection, table: str) -> int:
    """Bytes of a node of the table's (new, empty) rtree: its root's."""
    rtree = gpkg.rtree_name(table)
    return conn.execute(
        f"SELECT length(data) FROM {quote(rtree + '_node')} WHERE nodeno = 1"  # nosec B608  # identifiers quoted, values bound as parameters
    ).fetchone()[0]


def _fill_rtree(
    conn: sqlite3.Connection,
    table: str,
    bounds: np.ndarray,
    tick: Callable[[float], None] | None = None,
    packed: tuple | None = None,
) -> None:
    """Bulk-load the table's rtree (STR packing) by writing sqlite's R*Tree shadow tables
    (``_node``, ``_rowid``, ``_parent``) directly, as GDAL does: inserting rows one by one
    costs more than writing the whole layer. The result passes ``rtreecheck()``. ``tick`` is
    called between the steps (it may raise to cancel). ``packed``: :func:`_pack_rtree` of
    these ``bounds`` made beforehand (on another thread, while the rows were inserted)."""
    tick = tick or (lambda _f: None)
    if packed is None:
        packed = _pack_rtree(bounds, _rtree_node_size(conn, table), tick)
    if packed is not None:
        _write_packed(conn, table, packed, tick)


def replace_rtree(
    conn: sqlite3.Connection,
    table: str,
    fids: np.ndarray,
    boxes: np.ndarray,
    packed: tuple | None = None,
) -> None:
    """Replace every entry of the table's rtree by ``fids`` (ascending) with their ``boxes``
    (float32 as the rtree stores them: minx, maxx, miny, maxy; see :func:`rtree_boxes`),
    bulk-loaded (STR packing) into sqlite's R*Tree shadow tables: a store's merge rebuilds its
    rtree so when it changes many rows, rather than deleting and inserting entries one by one.
    ``packed``: what :func:`pack_rtree_entries` made of those entries already (e.g. on another
    thread), else they are packed here. The result passes ``rtreecheck()``."""
    rtree = gpkg.rtree_name(table)
    size = _rtree_node_size(conn, table)
    for suffix in ("_rowid", "_parent"):
        conn.execute(f"DELETE FROM {quote(rtree + suffix)}")  # nosec B608  # identifiers quoted, values bound as parameters
    if len(fids):
        if packed is None:
            packed = _pack_boxes(fids, boxes, size, lambda _f: None)
        _write_packed(conn, table, packed, lambda _f: None)
        return
    # no entry: the empty root sqlite makes
    conn.execute(f"DELETE FROM {quote(rtree + '_node')}")  # nosec B608  # identifiers quoted, values bound as parameters
    conn.execute(f"INSERT INTO {quote(rtree + '_node')} (nodeno, data) VALUES (1, ?)", (bytes(size),))  # nosec B608  # identifiers quoted, values bound as parameters


def rtree_node_size(conn: sqlite3.Connection, table: str) -> int:
    """Bytes of a node of the table's rtree (its root's), for :func:`pack_rtree_entries`."""
    return _rtree_node_size(conn, table)


def pack_rtree_entries(fids: np.ndarray, boxes: np.ndarray, node_size: int) -> tuple:
    """:func:`replace_rtree`'s STR packing of ``fids`` (ascending, at least one) and ``boxes``
    into nodes of ``node_size`` bytes, made apart from the writing: numpy only, no database, so
    it can run on another thread while the connection does other work."""
    return _pack_boxes(fids, boxes, node_size, lambda _f: None)


def _write_packed(conn: sqlite3.Connection, table: str, packed: tuple, tick: Callable[[float], None]) -> None:
    """Write :func:`_pack_rtree`'s rows into the table's rtree shadow tables (``_rowid`` and
    ``_parent`` empty, ``_node`` cleared here)."""
    rtree = gpkg.rtree_name(table)
    levels, parent_rows, rowid_rows = packed
    tick(0.0)
    conn.execute(f"DELETE FROM {quote(rtree + '_node')}")  # nosec B608  # identifiers quoted, values bound as parameters
    # each level's nodes are one array, a node's bytes made only as it is inserted
    node_rows = ((base + m, raw[m].tobytes()) for base, raw in levels for m in range(len(raw)))
    conn.executemany(f"INSERT INTO {quote(rtree + '_node')} (nodeno, data) VALUES (?, ?)", node_rows)  # nosec B608  # identifiers quoted, values bound as parameters
    tick(0.0)
    ids, nodes = rowid_rows
    for begin in range(0, len(ids), ROWS_PER_CHUNK):
        part = slice(begin, begin + ROWS_PER_CHUNK)
        _insert_block(conn, rtree + "_rowid", ("rowid", "nodeno"), _int_rows(ids[part], nodes[part]))
        tick(0.0)
    conn.executemany(
        f"INSERT INTO {quote(rtree + '_parent')} (nodeno, parentnode) VALUES (?, ?)",  # nosec B608  # identifiers quoted, values bound as parameters
        parent_rows,
    )


#: outputs of at least this many rows have their rtree packed while their rows are inserted
_PACK_ALONGSIDE_ROWS = 50_000


def _pack_rtree(
    bounds: np.ndarray,
    node_size: int,
    tick: Callable[[float], None] | None = None,
    fids: np.ndarray | None = None,
) -> tuple | None:
    """The STR-packed rtree of ``bounds`` (row k is fid k + 1; NaN rows have no entry) as the
    rows of sqlite's R*Tree shadow tables (see :func:`_pack_boxes`); None when no row has a
    box. Numpy only: it can run on another thread."""
    tick = tick or (lambda _f: None)
    has = ~np.isnan(bounds[:, 0])
    if not has.any():
        return None
    fids = np.flatnonzero(has).astype(np.int64) + 1
    boxes = rtree_boxes(bounds if len(fids) == len(bounds) else bounds[has])  # no copy when all have one
    del has
    return _pack_boxes(fids, boxes, node_size, tick)


def rtree_boxes(bounds: np.ndarray) -> np.ndarray:
    """Boxes (minx, miny, maxx, maxy, float64) as sqlite's rtree stores them: float32, rounded
    outwards as it rounds them, in its order (minx, maxx, miny, maxy)."""
    return np.column_stack(
        [
            _round_out(bounds[:, 0], True),
            _round_out(bounds[:, 2], False),
            _round_out(bounds[:, 1], True),
            _round_out(bounds[:, 3], False),
        ]
    )


def _pack_boxes(fids: np.ndarray, boxes: np.ndarray, node_size: int, tick: Callable[[float], None]) -> tuple:
    """The STR-packed rtree of entries ``fids`` (ascending) with ``boxes`` (:func:`rtree_boxes`)
    as the rows of sqlite's R*Tree shadow tables: (``_node`` rows as a level's first node
    number and its nodes' bytes, a node a row; ``_parent`` rows; ``_rowid`` fids and nodes)."""
    capacity = (node_size - 4) // _CELL.itemsize
    ids = fids
    levels: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []  # per level: ids, boxes, node of each
    while True:
        tick(0.0)
        order = _str_order(boxes, capacity, tick)
        ids, boxes = ids[order], boxes[order]
        del order
        node_of = np.arange(len(ids)) // capacity  # node index within the level above the items
        levels.append((ids, boxes, node_of))
        n_nodes = int(node_of[-1]) + 1
        starts = np.arange(0, len(ids), capacity)
        parent_boxes = np.column_stack(
            [
                np.minimum.reduceat(boxes[:, 0], starts),
                np.maximum.reduceat(boxes[:, 1], starts),
                np.minimum.reduceat(boxes[:, 2], starts),
                np.maximum.reduceat(boxes[:, 3], starts),
            ]
        )
        if n_nodes == 1:
            break
        ids, boxes = np.arange(n_nodes, dtype=np.int64), parent_boxes  # placeholders: numbered below
    # Number the nodes: root 1, then level by level downwards.
    depth = len(levels) - 1
    counts = [int(level[2][-1]) + 1 for level in levels]  # nodes holding each level's items
    first_number = {}
    number = 1
    for k in range(depth, -1, -1):
        first_number[k] = number
        number += counts[k]
    node_rows: list[tuple[int, np.ndarray]] = []
    parent_rows: list[tuple[int, int]] = []
    rowid_rows = None
    layout = np.dtype(  # a node's bytes: header (depth, count), cells, padding
        [
            ("header", ">u2", (2,)),
            ("cells", _CELL, (capacity,)),
            ("pad", np.uint8, (node_size - 4 - capacity * _CELL.itemsize,)),
        ]
    )
    for k in range(len(levels)):
        item_ids, item_boxes, node_of = levels[k]
        levels[k] = None  # type: ignore[call-overload]  # each array goes as soon as it is written
        cell_ids = item_ids if k == 0 else item_ids + first_number[k - 1]  # leaves: fids; else nodes
        if k:
            parent_rows.extend(zip(cell_ids.tolist(), (node_of + first_number[k]).tolist(), strict=True))
        n_nodes = counts[k]
        nodes = np.zeros(n_nodes, dtype=layout)  # filled in place, not built and then copied
        full = len(item_ids) // capacity  # items are in node order, nodes full but the last
        cells = nodes["cells"]
        cells["id"][:full] = cell_ids[: full * capacity].reshape(full, capacity)
        cells["box"][:full] = item_boxes[: full * capacity].reshape(full, capacity, 4)
        rest = len(item_ids) - full * capacity
        if rest:
            cells["id"][full, :rest] = cell_ids[full * capacity :]
            cells["box"][full, :rest] = item_boxes[full * capacity :]
        del cells, cell_ids, item_boxes
        nodes["header"][:, 1] = np.bincount(node_of, minlength=n_nodes)
        if k == depth:
            nodes["header"][0, 0] = depth
        if k == 0:
            # In rowid order: sqlite appends to the b-tree instead of splitting pages at random.
            node_of_fid = np.empty(int(fids[-1]) + 1, dtype=np.int64)
            node_of_fid[item_ids] = node_of + first_number[0]
            rowid_rows = (fids, node_of_fid[fids])
            del node_of_fid
        node_rows.append((first_number[k], nodes.view(np.uint8).reshape(n_nodes, node_size)))
        del item_ids, node_of, nodes
    return node_rows, parent_rows, rowid_rows


def _int_rows(*columns: np.ndarray) -> np.ndarray:
    """Integer columns as a 2-D object array of Python ints, for :func:`_insert_block`."""
    rows = np.empty((len(columns[0]), len(columns)), dtype=object)
    for k, column in enumerate(columns):
        rows[:, k] = np.asarray(column, dtype=np.int64).astype(object)
    return rows


def _drop_existing(conn: sqlite3.Connection, table: str) -> None:
    """Remove a table of that name and everything registered for it (not other tables)."""
    for row in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?", (table,)
    ).fetchall():
        conn.execute(f"DROP TRIGGER IF EXISTS {quote(row[0])}")
    gpkg.drop_feature_table(conn, table)
    for meta in ("gpkg_ogr_contents", "gpkg_metadata_reference", "gpkg_data_columns"):
        if gpkg.table_exists(conn, meta):
            conn.execute(f"DELETE FROM {meta} WHERE table_name = ?", (table,))  # nosec B608  # identifiers quoted, values bound as parameters


def write_layer(
    path: str | os.PathLike[str],
    table: str,
    fields: Sequence[tuple[str, str]],
    columns: Mapping[str, Any],
    geometries: Any | None,
    geometry_type: str | None,
    *,
    replace_file: bool = True,
    description: str = "",
    srs_id: int = BNG_EPSG,
    progress: Callable[[float], None] | None = None,
    cancel: Callable[[], bool] | None = None,
) -> int:
    """Write ``table`` into the GeoPackage at ``path``; the number of rows written.

    ``fields``: ``[(name, type)]`` with types str/int/float/bool/date (see ``gpkg.SQL_TYPES``);
    ``columns``: name -> values (numpy arrays or sequences; ``None``/NaN/NaT are null; dates
    as ``datetime64`` or ``datetime.date``); ``geometries``: shapely geometries in ``srs_id``
    (None for a row without geometry), or None with ``geometry_type`` None for an attribute
    table; LineStrings may come as an ``(n, k, 2)`` float array of their vertices instead
    (:func:`.gpkg.is_line_coordinates`), and single-ring Polygons as
    :class:`~..core.rings.Rings`: both encoded without making shapely objects.
    ``replace_file``: the file is (re)created holding only this table; otherwise the table is
    added to (or replaced in) an existing GeoPackage, other tables untouched.
    """
    path = Path(path)
    names = [name for name, _kind in fields]
    missing = [name for name in names if name not in columns]
    if missing:
        raise StoreError(f"{path.name}: no values for field(s) {', '.join(missing)}")
    if geometry_type is not None:
        geometry_type = geometry_type.upper()
        if geometry_type not in gpkg.GEOMETRY_TYPES:
            raise StoreError(f"{path.name}: unknown geometry type {geometry_type!r}")
    if geometry_type is None:
        geoms = None
    elif gpkg.is_line_coordinates(geometries):
        if geometry_type not in ("LINESTRING", "GEOMETRY"):
            raise StoreError(f"{path.name}: line coordinates given for a {geometry_type} layer")
        geoms = geometries
    elif isinstance(geometries, Rings):
        if geometry_type not in ("POLYGON", "GEOMETRY"):
            raise StoreError(f"{path.name}: polygon rings given for a {geometry_type} layer")
        geoms = geometries
    else:
        geoms = np.asarray(geometries, dtype=object)
    n = len(geoms) if geoms is not None else (len(next(iter(columns.values()))) if names else 0)

    def tick(fraction: float) -> None:
        if cancel is not None and cancel():
            raise Cancelled(f"cancelled while writing {path.name}")
        if progress is not None:
            progress(fraction)

    columns = {
        name: columns[name] if hasattr(columns[name], "__len__") else list(columns[name]) for name in names
    }
    for name in names:
        if len(columns[name]) != n:
            raise StoreError(
                f"{path.name}, table {table!r}: field {name!r} has {len(columns[name])} values for {n} rows"
            )
    tick(0.0)

    if replace_file:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=".gpkg.part", dir=path.parent)
        os.close(fd)
        target = Path(tmp_name)
        target.unlink()
    else:
        target = path
    conn = sqlite3.connect(target, isolation_level=None)
    try:
        if replace_file:
            conn.execute("PRAGMA journal_mode = OFF")  # a private file, renamed in place when complete
            conn.execute("PRAGMA synchronous = OFF")
        gpkg.register_functions(conn)
        conn.execute("BEGIN")
        if not replace_file:
            kind = conn.execute("PRAGMA application_id").fetchone()[0]
            has_tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            if has_tables and kind != gpkg.APPLICATION_ID and not gpkg.table_exists(conn, "gpkg_contents"):
                raise StoreError(f"{path} is not a GeoPackage: not writing table {table!r} into it")
        gpkg.initialise(conn)
        if not replace_file:
            _drop_existing(conn, table)
        gpkg.create_feature_table(
            conn, table, fields, geometry_type, description=description, srs_id=srs_id, triggers=False
        )
        bounds = gpkg.geometry_bounds(geoms) if geoms is not None else None
        packing = None
        if bounds is not None and n >= _PACK_ALONGSIDE_ROWS:
            # the rtree's packing is numpy (the GIL let go): made on a thread of its own while
            # the rows go in
            pool = ThreadPoolExecutor(1, thread_name_prefix="digonce-rtree")
            packing = pool.submit(_pack_rtree, bounds, _rtree_node_size(conn, table))
            pool.shutdown(wait=False)
        _insert_rows(conn, table, fields, columns, geoms, srs_id, n, lambda f: tick(0.9 * f))
        if bounds is not None:
            packed = packing.result() if packing is not None else None
            _fill_rtree(conn, table, bounds, lambda _f: tick(0.9), packed=packed)
            gpkg.create_rtree_triggers(conn, table)
            if n and not np.isnan(bounds[:, 0]).all():
                conn.execute(
                    "UPDATE gpkg_contents SET min_x = ?, min_y = ?, max_x = ?, max_y = ? WHERE table_name = ?",
                    (
                        float(np.nanmin(bounds[:, 0])),
                        float(np.nanmin(bounds[:, 1])),
                        float(np.nanmax(bounds[:, 2])),
                        float(np.nanmax(bounds[:, 3])),
                        table,
                    ),
                )
        tick(1.0)
        conn.execute("COMMIT")
    except BaseException:
        with contextlib.suppress(sqlite3.Error):
            conn.execute("ROLLBACK")
        conn.close()
        if replace_file:
            target.unlink(missing_ok=True)
        raise
    conn.close()
    if replace_file:
        for suffix in ("-wal", "-shm", "-journal"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        os.replace(target, path)
    return n

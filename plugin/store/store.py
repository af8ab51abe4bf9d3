"""The local store: one GeoPackage holding canonical layers, the rejects and the catalogue.

An import streams its features into a private staging database next to the store (where
features sharing a key are already reduced to the one with the greatest ``sort_key``), then
merges the staging tables into the store in ONE transaction together with its rejects and
its catalogue row. A crash or cancel at any point leaves the store as it was; the store file
is never renamed (QGIS may have it open).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import sqlite3
import uuid
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path
from typing import Any

import numpy as np

from ..core import memory
from ..core.dates import from_day_number
from ..core.errors import Cancelled, StoreError
from ..core.redact import redact, redact_values
from ..core.schema import REJECTS_FIELDS, RESTRICTIONS_FIELDS, WORKS_FIELDS
from ..layerio import gpkg, table_writer
from ..layerio.gpkg import quote


def _database(conn: sqlite3.Connection) -> Any:
    """A ``sqlite_utils.Database`` on ``conn`` (imported here, not when the plugin loads: ~40 ms)."""
    import sqlite_utils

    return sqlite_utils.Database(conn)


CATALOGUE_TABLE = "digonce_catalogue"
REJECTS_TABLE = "rejects"
WORKS_TABLE = "works"
RESTRICTIONS_TABLE = "restrictions"
#: Columns every store layer has beside its own fields.
SORT_KEY = "sort_key"
IMPORT_ID = "import_id"
SCOPE = "import_scope"
BATCH = 2000
DOWNLOADS_FOLDER = "dig_once_downloads"
#: A merge rebuilds a layer's rtree in bulk when it stages at least this fraction of the
#: rtree's entries (else it deletes and inserts them one by one): :meth:`Store._rtree_to_rebuild`.
REBUILD_RTREE_FRACTION = 1 / 16
#: ... and its entries' memory fits (:func:`_rebuild_fits`). A rebuild holds ~70 bytes an entry
#: for a moment (2.86M entries, a year's September merged into a store of January-August: peak
#: 428 MiB rebuilt, 227 MiB entry by entry), and one by one an insert costs ~52 us at 2M entries
#: (13 us at 0.3M): that month's merge took 8.4 s rebuilt, 18.9 s entry by entry
REBUILD_RTREE_BYTES_PER_ENTRY = 100  # with a margin
#: at most this much memory for a rebuild: 5.4M entries, nearly two years of England
REBUILD_RTREE_MAX_BYTES = 512 * 1024**2
REBUILD_RTREE_MAX_ENTRIES = REBUILD_RTREE_MAX_BYTES // REBUILD_RTREE_BYTES_PER_ENTRY
#: Page cache of the merge's connection, KiB.
MERGE_CACHE_KIB = 128 * 1024
#: Staging columns of a geometry's box (rtree order) beside the layer's own fields: the merge
#: fills the store's rtree from them in one statement instead of through the per-row trigger.
BOX_COLUMNS = ("digonce_box_minx", "digonce_box_maxx", "digonce_box_miny", "digonce_box_maxy")
#: A staging file not locked and not written for this long belongs to a crashed import.
STAGING_GRACE_S = 60


@dataclass(frozen=True)
class Layer:
    """A table of the store.

    ``key``: the field that identifies a feature. When merging, of all features sharing a key
    (in this import and already in the store) the one with the greatest ``sort_key`` is kept.
    ``geometry_type``: GeoPackage type name (``GEOMETRY``, ``POINT``, ``LINESTRING`` ...) or None
    for a table without geometry.
    """

    table: str
    fields: Sequence[tuple[str, str]]
    geometry_type: str | None = "GEOMETRY"
    key: str | None = None
    description: str = ""


#: Forward-plan fields the works layer carries beside the canonical ones (NULL for permits).
PLAN_FIELDS: list[tuple[str, str]] = [
    ("programme", "str"),
    ("utility_type", "str"),
    ("method", "str"),
    ("confidence", "str"),
]
WORKS_LAYER = Layer(
    WORKS_TABLE, [*WORKS_FIELDS, *PLAN_FIELDS], "GEOMETRY", key="permit_ref", description="Street works"
)
RESTRICTIONS_LAYER = Layer(
    RESTRICTIONS_TABLE,
    RESTRICTIONS_FIELDS,
    "GEOMETRY",
    key="restriction_ref",
    description="Section 58 restrictions",
)

#: The layers :meth:`Store.merge_works` writes, by table.
MERGED_WORKS_LAYERS = {WORKS_TABLE: WORKS_LAYER, RESTRICTIONS_TABLE: RESTRICTIONS_LAYER}


@dataclass(slots=True)
class Feature:
    """One record for a store layer: ``values`` by field name (missing fields are NULL),
    ``geometry`` a shapely geometry (EPSG:27700) or None, ``sort_key`` orders versions of the
    same key (greatest wins)."""

    layer: str
    values: dict[str, Any]
    geometry: Any = None
    sort_key: str = ""


@dataclass(slots=True)
class Reject:
    """A record that could not be used: where it came from, which field, and why."""

    source_file: str
    record: str
    field: str
    reason: str


class ReplaceRefused(StoreError):
    """A replace would remove most of what the same data put in the store: refused, the store
    unchanged. The import algorithms say how to go ahead (``REPLACE=true``); the dock recognises
    the refusal by :data:`REPLACE_HINT` in the message and asks the user instead.

    ``table``: the store table; ``scope``: the data set whose rows would go; ``before``: rows
    the store holds for it now; ``after``: rows this import has for it.
    """

    def __init__(self, message: str, *, table: str, scope: str | None, before: int, after: int):
        super().__init__(message)
        self.table = table
        self.scope = scope
        self.before = before
        self.after = after


#: In every :class:`ReplaceRefused` message (untranslated: it names the parameter).
REPLACE_HINT = "REPLACE=true"


@dataclass
class ImportResult:
    """What an import did. ``unchanged`` is True when the same source (same SHA-256 and
    options) had already been imported and its rows are still in the store: nothing was read
    or written. ``superseded``: per table, the earlier data sets (scopes) this import replaced
    as newer versions of the same data."""

    import_id: int | None
    kind: str
    source: str
    sha256: str
    records_read: int = 0
    imported: int = 0
    rejected: int = 0
    unchanged: bool = False
    staged: dict[str, int] = field(default_factory=dict)
    written: dict[str, int] = field(default_factory=dict)
    superseded: dict[str, list[str]] = field(default_factory=dict)
    message: str = ""


def now_iso() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def file_sha256(path: str | os.PathLike[str], cancel: Callable[[], bool] | None = None) -> str:
    """SHA-256 of a file, read in 16 MiB blocks (few enough for a hashing thread to need
    Python's lock rarely: it hashes without it)."""
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for n, block in enumerate(iter(lambda: f.read(1 << 24), b"")):
            if cancel is not None and n % 4 == 0 and cancel():
                raise Cancelled("cancelled while checksumming")
            digest.update(block)
    return digest.hexdigest()


def path_sha256(path: str | os.PathLike[str], cancel: Callable[[], bool] | None = None) -> str:
    """SHA-256 of a file; for a folder, of every file's relative name and content, independent
    of listing order (the per-file digests are summed), without holding the listing."""
    p = Path(path)
    if p.is_file():
        return file_sha256(p, cancel)
    total = 0
    for root, _dirs, files in os.walk(p):
        for name in files:
            full = Path(root) / name
            rel = full.relative_to(p).as_posix().encode("utf-8")
            digest = hashlib.sha256(rel + b"\0" + bytes.fromhex(file_sha256(full, cancel)))
            total = (total + int.from_bytes(digest.digest(), "big")) % (1 << 256)
    return total.to_bytes(32, "big").hex()


# --- value conversion ------------------------------------------------------------------------


def _to_bool(value: Any) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, str):
        text = value.strip().lower()
        if text in {"yes", "y", "true", "t", "1"}:
            return 1
        if text in {"no", "n", "false", "f", "0"}:
            return 0
        raise ValueError(f"not a yes/no value: {value!r}")
    return 1 if value else 0


def _to_date(value: Any) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int):
        return from_day_number(value).isoformat()
    return str(value)


def _to_datetime(value: Any) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return gpkg.datetime_text(value)
    return str(value)  # text is put in GeoPackage's form by the merge (gpkg.datetime_sql)


def _to_str(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, (list, tuple)):
        return ",".join(str(v) for v in value)
    return str(value)


def _identity(value: Any) -> Any:
    return value


_CONVERTERS: dict[str, Callable[[Any], Any]] = {
    "str": _to_str,
    "int": _identity,
    "float": _identity,
    "bool": _to_bool,
    "date": _to_date,
    "datetime": _to_datetime,
}


#: Value types stored as they are (readers that already give ISO text, ints, bools go fast).
_PASSTHROUGH: dict[str, tuple[type, ...]] = {
    "str": (str,),
    "int": (int, bool),
    "float": (float, int),
    "bool": (bool,),
    "date": (str,),
    "datetime": (str,),
}


_NONE_TYPE = type(None)


@dataclass(slots=True)
class StagedRows:
    """Records already made into staging rows (by a :class:`RowBuilder`, e.g. in a worker
    process), so that the import only inserts them: per layer, rows of its staging table
    (``[blob, sort_key, *field values]``, then on a layer with geometry the box ``minx, maxx,
    miny, maxy``, NaN without one; reduced by key as :meth:`RowBuilder.add` does), in
    the order their records came; the rejects as ``(source_file, record, field, reason)``.
    ``records``: how many features and rejects they stand for."""

    rows: dict[str, list[list[Any]]]
    rejects: list[tuple[str, str, str, str]]
    records: int = 0
    #: a SQLite file holding the rows instead (see :func:`write_part`): read and removed by
    #: the import (``rows`` then only names the layers it holds, with their row counts)
    part: str | None = None


def write_part(
    path: str | os.PathLike[str], layers: dict[str, Layer], rows: dict[str, list[list[Any]]]
) -> dict[str, int]:
    """Write the staging rows of ``layers`` (as :meth:`RowBuilder.take` makes them) into a new
    SQLite file, a table per layer with the staging table's columns, in order; the rows of each
    layer. A worker process does this so that the importing process copies the rows in one
    statement (:meth:`_Staging.add_rows`) instead of taking each value across."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode = OFF")
        conn.execute("PRAGMA synchronous = OFF")
        conn.execute("BEGIN")
        counts = {}
        for name, layer_rows in rows.items():
            if name not in layers:
                raise StoreError(f"rows for unknown layer {name!r} (this import writes {', '.join(layers)})")
            names = _staging_columns(layers[name])
            # columns NULL in every row are left out (each bound value costs): the copy sets them NULL
            places = _places(layer_rows) if layer_rows else tuple(range(len(names)))
            conn.execute(f"CREATE TABLE {quote('s_' + name)} ({', '.join(quote(names[i]) for i in places)})")
            if layer_rows:
                conn.executemany(
                    f"INSERT INTO {quote('s_' + name)} VALUES ({', '.join('?' for _ in places)})",  # nosec B608  # identifiers quoted, values bound as parameters
                    layer_rows if len(places) == len(names) else map(itemgetter(*places), layer_rows),
                )
            counts[name] = len(layer_rows)
        conn.execute("COMMIT")
    finally:
        conn.close()
    return counts


def _places(rows: list[list[Any]]) -> tuple[int, ...]:
    """The places of the columns not NULL in every one of ``rows`` (all of them when none or
    only one is)."""
    width = len(rows[0])
    first = rows[0]
    places = tuple(
        i
        for i in range(width)
        if first[i] is not None or list(map(itemgetter(i), rows)).count(None) != len(rows)
    )
    return places if len(places) > 1 else tuple(range(width))


def _staging_columns(layer: Layer) -> list[str]:
    """The columns of a layer's staging table, in order (:class:`_Staging`, :func:`write_part`)."""
    return ["geom", SORT_KEY, *(f for f, _ in layer.fields), *(BOX_COLUMNS if _boxed(layer) else ())]


class RowBuilder:
    """Features -> rows of the staging tables of ``layers``: values in field order, converted
    where their type needs it, geometries as GeoPackage blobs; of the features sharing a key,
    only the one with the greatest ``sort_key`` (the first on a tie), at the place of the first.
    No database here: an import's staging uses it, and so can a worker process that hands the
    rows over as :class:`StagedRows`."""

    def __init__(self, layers: dict[str, Layer]):
        self.layers = layers
        self.plans: dict[str, list[tuple[str, tuple[type, ...], Callable[[Any], Any]]]] = {}
        self.names: dict[str, list[str]] = {}
        self.key_at: dict[str, int | None] = {}
        self.seen: dict[str, dict[Any, int]] = {}
        self.clean: dict[str, dict[tuple[type, ...], bool]] = {}
        for name, layer in layers.items():
            self.plans[name] = [(f, _PASSTHROUGH[kind], _CONVERTERS[kind]) for f, kind in layer.fields]
            self.names[name] = [f for f, _ in layer.fields]
            self.key_at[name] = self.names[name].index(layer.key) if layer.key else None
            self.seen[name] = {}
            self.clean[name] = {}
        #: layers whose rows end with their geometry's box (see :data:`BOX_COLUMNS`)
        self.boxed = {name: _boxed(layer) for name, layer in layers.items()}
        self.pending: dict[str, list[tuple[str, list[Any], Any]]] = {name: [] for name in layers}

    def add(self, feature: Feature) -> int:
        """Add a feature; returns how many rows its layer has pending."""
        name = feature.layer
        try:
            bucket = self.pending[name]
        except KeyError:
            raise StoreError(
                f"feature for unknown layer {name!r} (this import writes {', '.join(self.layers)})"
            ) from None
        return self._add(bucket, name, self._values(name, feature), feature.sort_key, feature.geometry)

    def add_values(self, name: str, values: list[Any], sort_key: str, geometry: Any) -> int:
        """:meth:`add` of a record already made into its row: ``values`` in the layer's field
        order, each None or of a type stored as it is (no conversion, no check). A reader's fast
        path makes these; returns how many rows the layer has pending."""
        return self._add(self.pending[name], name, values, sort_key, geometry)

    def _add(
        self,
        bucket: list[tuple[str, list[Any], Any]],
        name: str,
        values: list[Any],
        sort_key: str,
        geometry: Any,
    ) -> int:
        key_at = self.key_at[name]
        if key_at is not None and sort_key.__class__ is str:
            key = values[key_at]
            if key is not None:
                # Reduced here already, as the staging table's upsert would: of the features
                # sharing a key, the one with the greatest sort_key (the first on a tie), at
                # the place of the first. Most events are superseded within a batch.
                seen = self.seen[name]
                at = seen.get(key)
                if at is not None:
                    if sort_key > bucket[at][0]:
                        bucket[at] = (sort_key, values, geometry)
                    return len(bucket)
                seen[key] = len(bucket)
        bucket.append((sort_key, values, geometry))
        return len(bucket)

    def _values(self, name: str, feature: Feature) -> list[Any]:
        """The field values of a feature as stored, converted where their type needs it."""
        values = list(map(feature.values.get, self.names[name]))
        # the value types of a row, checked once per distinct combination: most rows are
        # stored as they are, and only the others go through the converters
        signature = tuple(map(type, values))
        clean = self.clean[name]
        ok = clean.get(signature)
        plan = self.plans[name]
        if ok is None:
            ok = clean[signature] = all(
                t is _NONE_TYPE or t in passthrough
                for t, (_f, passthrough, _c) in zip(signature, plan, strict=True)
            )
        if not ok:
            try:
                values = [
                    value if value is None or value.__class__ in passthrough else conv(value)
                    for value, (_f, passthrough, conv) in zip(values, plan, strict=True)
                ]
            except ValueError as exc:
                raise StoreError(f"layer {name!r}: {exc}") from exc
        return values

    def take(self, name: str) -> list[list[Any]]:
        """The pending rows of layer ``name``, geometries encoded in one go (on a layer with
        geometry followed by their boxes); none pending after."""
        bucket = self.pending[name]
        if not bucket:
            return []
        geometries = np.empty(len(bucket), dtype=object)
        geometries[:] = [geometry for _s, _v, geometry in bucket]
        blobs, bounds = gpkg.geometry_blobs(geometries)
        if self.boxed[name]:
            # in rtree order; NaN: missing or empty. Column by column: no list a row to collect
            minx, miny, maxx, maxy = (bounds[:, k].tolist() for k in range(4))
            rows = [
                [blob, sort_key, *values, x0, x1, y0, y1]
                for (sort_key, values, _g), blob, x0, x1, y0, y1 in zip(
                    bucket, blobs, minx, maxx, miny, maxy, strict=True
                )
            ]
        else:
            rows = [
                [blob, sort_key, *values] for (sort_key, values, _g), blob in zip(bucket, blobs, strict=True)
            ]
        bucket.clear()
        self.seen[name].clear()
        return rows


def _with_new_entries(
    kept: list[np.ndarray], rows: Iterable[tuple] | np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """The rtree entries ``kept`` (ids and float32 boxes in a list, emptied here: nothing else
    holds them) and the new ``rows`` (id, minx, maxx, miny, maxy; or a float64 array of them), by id."""
    new = rows if isinstance(rows, np.ndarray) else np.array(list(rows), dtype=np.float64).reshape(-1, 5)
    kept_ids, kept_boxes = kept
    kept.clear()
    ids = np.concatenate([kept_ids, new[:, 0].astype(np.int64)])
    del kept_ids
    # the new boxes rounded as sqlite's rtree rounds a value it stores
    boxes = np.concatenate([kept_boxes, table_writer.rtree_boxes(new[:, [1, 3, 2, 4]])])
    del kept_boxes, new
    order = np.argsort(ids, kind="stable")
    return ids[order], boxes[order]


#: staged rows whose boxes :func:`_packed_rebuild` takes at a time
_STAGED_BOXES_BLOCK = 65_536


def _packed_rebuild(
    stage_file: str, table: str, inserted: np.ndarray, base: int, kept: list[np.ndarray], node_size: int
) -> tuple[np.ndarray, np.ndarray, tuple]:
    """On a thread, with a connection of its own to the staging file (read only): the rtree
    entries ``kept`` and those of the staged rows ``inserted`` (their rowids, the k-th getting
    fid ``base`` + k; none for a row without a box), by id, and their STR packing
    (:func:`table_writer.pack_rtree_entries`): what :meth:`Store._insert_with_rtree` rebuilds."""
    conn = sqlite3.connect(f"{Path(stage_file).as_uri()}?mode=ro", uri=True)
    try:
        box = ", ".join(quote(c) for c in BOX_COLUMNS)
        n = conn.execute(f"SELECT count(*) FROM {quote(table)}").fetchone()[0]  # nosec B608  # identifiers quoted
        staged = np.empty((n, 5), dtype=np.float64)
        cursor = conn.execute(f"SELECT rowid, {box} FROM {quote(table)} ORDER BY rowid")  # nosec B608  # identifiers quoted
        at = 0
        # a block of rows at a time: never a Python tuple for every staged row at once
        while rows := cursor.fetchmany(_STAGED_BOXES_BLOCK):
            if at + len(rows) > n:
                raise StoreError(f"staging table {table!r} changed during the merge")
            staged[at : at + len(rows)] = rows
            at += len(rows)
        if at != n:
            raise StoreError(f"staging table {table!r} changed during the merge")
    finally:
        conn.close()
    rowids = staged[:, 0].astype(np.int64)
    at = np.searchsorted(rowids, inserted)
    if len(inserted) and (at.max() >= len(rowids) or not np.array_equal(rowids[at], inserted)):
        raise StoreError(f"staging table {table!r} changed during the merge")
    rows = np.column_stack([base + 1 + np.arange(len(inserted), dtype=np.float64), staged[at, 1:]])
    del staged, rowids, at
    rows = rows[~np.isnan(rows[:, 1])]  # no box: no entry (as the insert's WHERE ... IS NOT NULL)
    fids, boxes = _with_new_entries(kept, rows)
    packed = table_writer.pack_rtree_entries(fids, boxes, node_size) if len(fids) else None
    return fids, boxes, packed


def _rebuild_fits(entries: int) -> bool:
    """Whether an rtree of ``entries`` may be rebuilt in memory: at most
    :data:`REBUILD_RTREE_MAX_ENTRIES`, and its bytes at most a quarter of the memory free now
    (when that can be told); else the merge goes entry by entry, in flat memory."""
    if entries > REBUILD_RTREE_MAX_ENTRIES:
        return False
    free = memory.available_bytes()
    return free is None or entries * REBUILD_RTREE_BYTES_PER_ENTRY <= free // 4


def _boxed(layer: Layer) -> bool:
    """Whether the staging rows of ``layer`` carry their geometry's box (:data:`BOX_COLUMNS`)."""
    return layer.geometry_type is not None and not {f for f, _ in layer.fields} & set(BOX_COLUMNS)


class _Staging:
    """A private SQLite file next to the store where an import is gathered before the merge."""

    def __init__(self, store_dir: Path, layers: dict[str, Layer]):
        self.path = store_dir / f".digonce-staging-{uuid.uuid4().hex}.sqlite"
        self.layers = layers
        self.conn = sqlite3.connect(self.path, isolation_level=None)
        # Held from the first write until the records are gathered, then the merge's
        # transaction holds one: Store._cleanup_stale_staging of another process sees the lock
        # and leaves a live import's file alone. The OS drops locks when a process dies.
        self.conn.execute("PRAGMA locking_mode = EXCLUSIVE")
        try:
            self._create(layers)
        except BaseException:
            self.close()
            raise

    def _create(self, layers: dict[str, Layer]) -> None:
        self.conn.execute("PRAGMA journal_mode = OFF")
        self.conn.execute("PRAGMA synchronous = OFF")
        self.names: dict[str, list[str]] = {}
        #: per layer, the INSERT naming only some columns, by their places in a row
        self.sql_for: dict[str, dict[tuple[int, ...], str]] = {}
        for name, layer in layers.items():
            cols = ["geom BLOB", f"{SORT_KEY} TEXT", *gpkg.column_defs(layer.fields)]
            if layer.key:
                cols[cols.index(f"{quote(layer.key)} TEXT")] = f"{quote(layer.key)} TEXT PRIMARY KEY"
            boxes = list(BOX_COLUMNS) if _boxed(layer) else []
            cols += [f"{quote(c)} REAL" for c in boxes]
            self.conn.execute(f"CREATE TABLE {quote('s_' + name)} ({', '.join(cols)})")
            self.names[name] = _staging_columns(layer)
            self.sql_for[name] = {}
        self.conn.execute("CREATE TABLE s_rejects (source_file TEXT, record TEXT, field TEXT, reason TEXT)")
        self.rows = RowBuilder(layers)
        self.pending_rejects: list[tuple[str, str, str, str]] = []

    def add(self, feature: Feature) -> None:
        if self.rows.add(feature) >= BATCH:
            self.flush_layer(feature.layer)

    def add_rows(self, staged: StagedRows) -> None:
        """Rows made elsewhere, inserted as they are, after what is pending (the order of first
        appearance of each key is the order of the records)."""
        for name in staged.rows:
            if name not in self.layers:
                raise StoreError(
                    f"rows for unknown layer {name!r} (this import writes {', '.join(self.layers)})"
                )
        if staged.part is not None:
            self._add_part(staged)
            return
        for name, rows in staged.rows.items():
            if rows:
                self.flush_layer(name)
                self._insert(name, rows)
        if staged.rejects:
            self.pending_rejects.extend(staged.rejects)
            if len(self.pending_rejects) >= BATCH:
                self.flush_rejects()

    def _add_part(self, staged: StagedRows) -> None:
        """:meth:`add_rows` of rows held in a part file (:func:`write_part`): copied in one
        statement per layer, in their order, through the same upsert; the file is removed."""
        try:
            for name in staged.rows:
                self.flush_layer(name)
            self.conn.execute("ATTACH DATABASE ? AS part", (staged.part,))
            try:
                self.conn.execute("BEGIN")
                for name, n in staged.rows.items():
                    if n:
                        columns = [
                            r[1] for r in self.conn.execute(f"PRAGMA part.table_info({quote('s_' + name)})")
                        ]
                        self.conn.execute(self._copy_sql(name, columns))
                self.conn.execute("COMMIT")
            finally:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                self.conn.execute("DETACH DATABASE part")
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.remove(staged.part)
        if staged.rejects:
            self.pending_rejects.extend(staged.rejects)
            if len(self.pending_rejects) >= BATCH:
                self.flush_rejects()

    def _copy_sql(self, name: str, part_columns: list[str]) -> str:
        """The upsert of :meth:`_insert_sql` taking the rows of the attached part, whose table
        holds ``part_columns`` (the others are NULL in all its rows)."""
        names = self.names[name]
        try:
            places = tuple(names.index(c) for c in part_columns)
        except ValueError:
            raise StoreError(
                f"a part file of layer {name!r} has columns {part_columns}, not of its staging"
            ) from None
        sql = self._insert_sql(name, places)
        head, _values, tail = sql.partition(" VALUES (")
        tail = tail.partition(")")[2]
        columns = ", ".join(quote(n) for n in part_columns)
        # "WHERE true": an upsert's SELECT needs a WHERE before ON CONFLICT (SQLite's grammar)
        return f"{head} SELECT {columns} FROM part.{quote('s_' + name)} WHERE true ORDER BY rowid{tail}"  # nosec B608  # identifiers quoted

    def reject(self, reject: Reject) -> None:
        self.pending_rejects.append((reject.source_file, reject.record, reject.field, reject.reason))
        if len(self.pending_rejects) >= BATCH:
            self.flush_rejects()

    def flush_layer(self, name: str) -> None:
        rows = self.rows.take(name)
        if rows:
            self._insert(name, rows)

    def _insert_sql(self, name: str, places: tuple[int, ...]) -> str:
        """The INSERT of staging table ``name`` binding the columns at ``places`` of a row
        (the others get NULL); on a keyed layer an upsert that keeps the greatest sort_key and
        sets every column, those left out to NULL (``excluded`` has NULL there)."""
        sql = self.sql_for[name].get(places)
        if sql is not None:
            return sql
        table, names, key = quote("s_" + name), self.names[name], self.layers[name].key
        bound = [names[i] for i in places]
        sql = (
            f"INSERT INTO {table} ({', '.join(quote(n) for n in bound)}) "  # nosec B608  # identifiers quoted, values bound as parameters
            f"VALUES ({', '.join('?' for _ in bound)})"
        )
        if key:
            sets = ", ".join(f"{quote(n)} = excluded.{quote(n)}" for n in names if n != key)
            sql += (
                f" ON CONFLICT({quote(key)}) DO UPDATE SET {sets} "  # nosec B608  # identifiers quoted, values bound as parameters
                f"WHERE excluded.{SORT_KEY} > {table}.{SORT_KEY}"
            )
        self.sql_for[name][places] = sql
        return sql

    def _insert(self, name: str, rows: list[list[Any]]) -> None:
        # Columns NULL in every row of the batch are left out of the statement: Python's sqlite3
        # binds each parameter apart (None among the slowest), and a Street Manager permit row
        # has 9 of its 39 columns NULL in every row (forward-plan fields, ...): ~15 % of the
        # importing process's staging time. The rows stored are the same.
        places = _places(rows)
        args: Iterable[Sequence[Any]] = (
            rows if len(places) == len(rows[0]) else map(itemgetter(*places), rows)
        )
        self.conn.execute("BEGIN")
        self.conn.executemany(self._insert_sql(name, places), args)
        self.conn.execute("COMMIT")

    def flush_rejects(self) -> None:
        if self.pending_rejects:
            self.conn.execute("BEGIN")
            self.conn.executemany("INSERT INTO s_rejects VALUES (?, ?, ?, ?)", self.pending_rejects)
            self.conn.execute("COMMIT")
            self.pending_rejects.clear()

    def flush(self) -> None:
        for name in self.layers:
            self.flush_layer(name)
        self.flush_rejects()

    def count(self, table: str) -> int:
        return self.conn.execute(f"SELECT count(*) FROM {quote(table)}").fetchone()[0]  # nosec B608  # identifiers quoted, values bound as parameters

    def close(self) -> None:
        self.conn.close()
        for suffix in ("", "-journal", "-wal", "-shm"):
            with contextlib.suppress(FileNotFoundError):
                os.remove(f"{self.path}{suffix}")


class Store:
    """The local GeoPackage store. Creating a ``Store`` creates the file when missing.

    >>> import tempfile, shapely
    >>> store = Store(Path(tempfile.mkdtemp()) / "store.gpkg")
    >>> result = store.replace_layer(
    ...     "sites", [("name", "str")], "POINT",
    ...     [Feature("sites", {"name": "A"}, shapely.Point(530000, 180000))],
    ...     kind="example", source="inline")
    >>> result.imported, store.count("sites")
    (1, 1)
    """

    def __init__(self, path: str | os.PathLike[str]):
        self.path = Path(path)
        self._check_path()  # refuse first: a file that is not ours is never touched
        try:
            conn = self._connect()
        except sqlite3.Error as exc:
            raise self._error(exc, "cannot be opened") from exc
        try:
            conn.execute("BEGIN IMMEDIATE")
            gpkg.initialise(conn)
            self._ensure_rejects(conn)
            self._ensure_catalogue(conn)
            conn.execute("COMMIT")
        except sqlite3.DatabaseError as exc:
            _rollback(conn)
            conn.close()
            raise self._error(exc, "cannot be opened as a GeoPackage") from exc
        conn.close()
        self._cleanup_stale_staging()

    def _check_path(self) -> None:
        """Refuse, before anything is written, a store path that is a folder, a file that is not
        an SQLite database, or an SQLite database that is not a GeoPackage; make the folder."""
        path, folder = self.path, self.path.parent
        if path.is_dir():
            raise StoreError(
                f"store {path} is a folder, not a file: give the store a file name, "
                f"e.g. {path / 'dig_once_store.gpkg'}"
            )
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(
                f"store {path}: the folder {folder} cannot be made ({exc.strerror or exc}): "
                "choose a store in a folder you can write to"
            ) from exc
        if not path.exists():
            if not os.access(folder, os.W_OK | os.X_OK):
                raise StoreError(
                    f"store {path} cannot be made: the folder {folder} is read-only: choose a store "
                    "in a folder you can write to, or ask for write access"
                )
            return
        # An existing store in a read-only place still opens, to be read; an import then says
        # why it cannot write (Store._error).
        try:
            with open(path, "rb") as f:
                header = f.read(100)
        except OSError as exc:
            raise StoreError(f"store {path} cannot be read ({exc.strerror or exc})") from exc
        if not header:
            return  # an empty file: made a GeoPackage like a new one
        if not header.startswith(b"SQLite format 3\0") or len(header) < 100:
            raise StoreError(
                f"store {path} is not a GeoPackage (not an SQLite database): it was left untouched; "
                "give the store a new .gpkg file name"
            )
        if int.from_bytes(header[68:72], "big") == gpkg.APPLICATION_ID:
            return
        # GeoPackage 1.0/1.1 files have other application ids but the gpkg_contents table.
        try:
            with contextlib.closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as ro:
                tables = [
                    r[0]
                    for r in ro.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
                ]
        except sqlite3.Error as exc:
            raise self._error(exc, "cannot be read") from exc
        if tables and "gpkg_contents" not in tables:
            shown = ", ".join(tables[:5]) + (", ..." if len(tables) > 5 else "")
            raise StoreError(
                f"store {path} is an SQLite database but not a GeoPackage (it holds {shown}): it was "
                "left untouched; give the store a new .gpkg file name"
            )

    def _error(self, exc: sqlite3.Error, doing: str) -> StoreError:
        """A :class:`StoreError` naming the store and the cause in words (a full disk, a
        read-only folder, a busy store) rather than SQLite's."""
        text = str(exc)
        folder = self.path.parent
        code = getattr(exc, "sqlite_errorcode", None)
        if code == sqlite3.SQLITE_FULL or "disk is full" in text:
            why = f"the disk holding {folder} is full: free some space and try again"
        elif code == sqlite3.SQLITE_READONLY or "readonly" in text or "unable to open" in text:
            why = (
                f"it cannot be written in {folder} (read-only folder or file?): choose a store in a "
                "folder you can write to"
            )
        elif code == sqlite3.SQLITE_BUSY or "locked" in text:
            why = "another program holds it locked (an edit session in QGIS?): try again when it is done"
        else:
            why = text
        return StoreError(f"store {self.path}: {doing}: {why} (SQLite: {text})")

    # --- connections and schema --------------------------------------------------------

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, isolation_level=None, timeout=60)
        gpkg.register_functions(conn)
        return conn

    def _ensure_rejects(self, conn: sqlite3.Connection) -> None:
        if not gpkg.table_exists(conn, REJECTS_TABLE):
            gpkg.create_feature_table(
                conn, REJECTS_TABLE, REJECTS_FIELDS, None, description="Records not imported, and why"
            )
            conn.execute(f"CREATE INDEX idx_rejects_import ON {REJECTS_TABLE}(import_id)")

    def _ensure_catalogue(self, conn: sqlite3.Connection) -> None:
        db = _database(conn)
        db[CATALOGUE_TABLE].create(
            {
                "id": int,
                "kind": str,
                "source": str,
                "sha256": str,
                "options": str,
                "tables": str,
                "records_read": int,
                "imported": int,
                "rejected": int,
                "started": str,
                "finished": str,
                "message": str,
            },
            pk="id",
            if_not_exists=True,
        )
        # where a catalogue import's file came from (JSON: source entry, address, licence,
        # attribution, checksum); added to stores made before it existed
        if "origin" not in {r[1] for r in conn.execute(f"PRAGMA table_info({CATALOGUE_TABLE})")}:
            conn.execute(f"ALTER TABLE {CATALOGUE_TABLE} ADD COLUMN origin TEXT")
        if (
            conn.execute("SELECT 1 FROM gpkg_contents WHERE table_name = ?", (CATALOGUE_TABLE,)).fetchone()
            is None
        ):
            conn.execute(
                "INSERT INTO gpkg_contents (table_name, data_type, identifier, description) "
                "VALUES (?, 'attributes', ?, 'Imports: source, checksum, counts, time')",
                (CATALOGUE_TABLE, CATALOGUE_TABLE),
            )

    def _cleanup_stale_staging(self) -> None:
        """Remove the staging files of crashed imports (they can be large: ~45 MB at 200k
        events, and the store never depends on them). A live import, here or in another
        process, holds a lock on its file (see ``_Staging``): such files are kept, as are files
        written in the last minute."""
        now = dt.datetime.now().timestamp()
        for stale in self.path.parent.glob(".digonce-staging-*.sqlite"):
            try:
                # the instant between gathering and merging holds no lock: a minute's grace
                if now - stale.stat().st_mtime < STAGING_GRACE_S or _staging_is_live(stale):
                    continue
            except OSError:
                continue
            for suffix in ("", "-journal", "-wal", "-shm"):
                with contextlib.suppress(OSError):  # gone already, or open elsewhere (Windows)
                    os.remove(f"{stale}{suffix}")

    def _ensure_layer(self, conn: sqlite3.Connection, layer: Layer, *, replace_whole: bool) -> None:
        extras = [f"{SORT_KEY} TEXT", f"{IMPORT_ID} INTEGER", f"{SCOPE} TEXT"]
        geometry_type = layer.geometry_type.upper() if layer.geometry_type else None
        if gpkg.table_exists(conn, layer.table):
            existing_type = gpkg.geometry_type_of(conn, layer.table)
            if existing_type != geometry_type:
                if not replace_whole:
                    raise StoreError(
                        f"store {self.path}: table {layer.table!r} holds {existing_type} geometries, "
                        f"not {geometry_type}"
                    )
                gpkg.drop_feature_table(conn, layer.table)
        if not gpkg.table_exists(conn, layer.table):
            gpkg.create_feature_table(
                conn,
                layer.table,
                layer.fields,
                geometry_type,
                extra_columns=extras,
                description=layer.description,
            )
        else:
            have = set(gpkg.table_columns(conn, layer.table))
            for definition, (name, _kind) in zip(gpkg.column_defs(layer.fields), layer.fields, strict=True):
                if name not in have:
                    conn.execute(f"ALTER TABLE {quote(layer.table)} ADD COLUMN {definition}")
            for extra in extras:
                if extra.split()[0] not in have:
                    conn.execute(f"ALTER TABLE {quote(layer.table)} ADD COLUMN {extra}")
        if layer.key:
            conn.execute(
                f"CREATE UNIQUE INDEX IF NOT EXISTS {quote(f'uq_{layer.table}_{layer.key}')} "
                f"ON {quote(layer.table)}({quote(layer.key)})"
            )
        # a replace finds its data set's rows by scope; partial, so merged rows (Street Manager's
        # millions, no scope) cost the index nothing
        conn.execute(
            f"CREATE INDEX IF NOT EXISTS {quote(f'ix_{layer.table}_{SCOPE}')} "
            f"ON {quote(layer.table)}({SCOPE}) WHERE {SCOPE} IS NOT NULL"
        )
        # the panel counts each import's rows at every refresh (counts_by_import): from this
        # index rather than the table, a year of England's works in 0.25 s instead of 1.8 s on
        # QGIS's main thread (a store made before it gains it at its next import)
        conn.execute(
            f"CREATE INDEX IF NOT EXISTS {quote(f'ix_{layer.table}_{IMPORT_ID}')} "
            f"ON {quote(layer.table)}({IMPORT_ID})"
        )

    # --- catalogue ---------------------------------------------------------------------

    def find_import(
        self, kind: str, sha256: str, options: dict[str, Any] | None = None
    ) -> dict[str, Any] | None:
        """The catalogue row of the latest earlier import of the same content with the same options."""
        conn = self._connect()
        try:
            db = _database(conn)
            rows = list(
                db[CATALOGUE_TABLE].rows_where(
                    "kind = ? AND sha256 = ? AND options = ?",
                    [kind, sha256, _options_json(options)],
                    order_by="id DESC",
                    limit=1,
                )
            )
        finally:
            conn.close()
        return rows[0] if rows else None

    def record_origin(self, import_id: int, origin: dict[str, Any]) -> None:
        """Keep with import ``import_id``'s catalogue row where its file came from (a source of
        the plugin's catalogue of publishers: entry, address, licence, attribution, checksum)."""
        conn = self._connect()
        try:
            conn.execute(
                f"UPDATE {CATALOGUE_TABLE} SET origin = ? WHERE id = ?",  # nosec B608  # identifiers quoted, values bound as parameters
                (json.dumps(redact_values(origin), sort_keys=True), import_id),
            )
        except sqlite3.Error as exc:
            raise self._error(exc, f"the origin of import {import_id} could not be recorded") from exc
        finally:
            conn.close()

    def catalogue(self) -> list[dict[str, Any]]:
        """Every import, oldest first."""
        conn = self._connect()
        try:
            return list(_database(conn)[CATALOGUE_TABLE].rows_where(order_by="id"))
        finally:
            conn.close()

    def rejects(self, import_id: int | None = None) -> list[dict[str, Any]]:
        """Rejected records (of one import, or all)."""
        conn = self._connect()
        conn.row_factory = sqlite3.Row
        try:
            sql = f"SELECT source_file, record, field, reason, import_id FROM {REJECTS_TABLE}"  # nosec B608  # identifiers quoted, values bound as parameters
            args: tuple[Any, ...] = ()
            if import_id is not None:
                sql += " WHERE import_id = ?"
                args = (import_id,)
            return [dict(r) for r in conn.execute(sql + " ORDER BY fid", args)]
        finally:
            conn.close()

    # --- reading -----------------------------------------------------------------------

    def layer_uri(self, table: str) -> str:
        """The OGR/QGIS data source of a store table: ``<path>|layername=<table>``."""
        return f"{self.path}|layername={table}"

    def download_cache_dir(self) -> Path:
        """Where downloaded inputs are kept (beside the store)."""
        folder = self.path.parent / DOWNLOADS_FOLDER
        folder.mkdir(parents=True, exist_ok=True)
        return folder

    def tables(self) -> list[str]:
        conn = self._connect()
        try:
            return [r[0] for r in conn.execute("SELECT table_name FROM gpkg_contents ORDER BY table_name")]
        finally:
            conn.close()

    def count(self, table: str) -> int:
        conn = self._connect()
        try:
            if not gpkg.table_exists(conn, table):
                return 0
            return conn.execute(f"SELECT count(*) FROM {quote(table)}").fetchone()[0]  # nosec B608  # identifiers quoted, values bound as parameters
        finally:
            conn.close()

    def counts_by_import(self, table: str) -> dict[int | None, int]:
        """How many rows of ``table`` each import (catalogue id) has in the store now; rows
        without an import id (added by hand in QGIS, or all rows of a table that imports do not
        write) are under None. Empty when the table is missing."""
        conn = self._connect()
        try:
            if not gpkg.table_exists(conn, table):
                return {}
            if IMPORT_ID not in gpkg.table_columns(conn, table):  # not a table imports write
                return {None: conn.execute(f"SELECT count(*) FROM {quote(table)}").fetchone()[0]}  # nosec B608  # identifiers quoted, values bound as parameters
            sql = f"SELECT {IMPORT_ID}, count(*) FROM {quote(table)} GROUP BY {IMPORT_ID}"  # nosec B608  # identifiers quoted, values bound as parameters
            return dict(conn.execute(sql).fetchall())
        finally:
            conn.close()

    def rows(
        self, table: str, columns: Sequence[str] | None = None, *, geometry: bool = False
    ) -> list[dict[str, Any]]:
        """Every row of a table as dicts (``geometry`` adds the shapely geometry), by fid."""
        conn = self._connect()
        conn.row_factory = sqlite3.Row
        try:
            if not gpkg.table_exists(conn, table):
                return []
            cols = (
                list(columns)
                if columns
                else [c for c in gpkg.table_columns(conn, table) if c != gpkg.GEOM_COLUMN]
            )
            if geometry:
                cols.append(gpkg.GEOM_COLUMN)
            out = []
            for r in conn.execute(
                f"SELECT {', '.join(quote(c) for c in cols)} FROM {quote(table)} ORDER BY fid"  # nosec B608  # identifiers quoted, values bound as parameters
            ):
                row = dict(r)
                if geometry:
                    row["geometry"] = gpkg.decode_geometry(row.pop(gpkg.GEOM_COLUMN))
                out.append(row)
            return out
        finally:
            conn.close()

    # --- importing ---------------------------------------------------------------------

    def import_features(
        self,
        items: Iterable[Feature | Reject | StagedRows],
        *,
        layers: Sequence[Layer],
        kind: str,
        source: str,
        sha256: str = "",
        options: dict[str, Any] | None = None,
        mode: str = "merge",
        scope: str | None = None,
        records_read: Callable[[], int] | None = None,
        cancel: Callable[[], bool] | None = None,
        progress: Callable[[float], None] | None = None,
        force_replace: bool = False,
    ) -> ImportResult:
        """Import features and rejects into ``layers`` atomically. ``items`` may also hold
        :class:`StagedRows` (records a worker process already made into rows): inserted as they
        are, in their place among the other items.

        ``mode="merge"``: every layer needs a ``key``; per key the feature with the greatest
        ``sort_key`` (among this import and the store) is kept, so imports commute.
        ``mode="replace"``: this import is the newest version of its data set, ``scope``
        (e.g. a file, or a venue category; None = the whole table). It replaces, per layer:
        the rows of ``scope``; on a keyed layer, also every row whose key it holds again
        (whatever import put it there), and every other data set more than half of whose
        rows it holds again (a newer release of the same data under another name: what it
        no longer lists goes too). When it would leave fewer than half of the rows its data
        set has now (an empty, cut or wrong file), :class:`ReplaceRefused` is raised and the
        store is unchanged, unless ``force_replace``.
        When ``sha256`` is given and the catalogue already holds an import of that ``kind``,
        checksum and ``options`` whose rows are still in the store, nothing is read and
        ``unchanged`` is True.
        ``cancel`` is polled between batches: when it returns True, :class:`Cancelled` is raised
        and the store is untouched. ``progress`` receives 0..100 for the merge stage.
        """
        if mode not in {"merge", "replace"}:
            raise ValueError(f"mode must be 'merge' or 'replace', not {mode!r}")
        source = redact(source)  # the catalogue, messages and reports never show a password
        by_name = {layer.table: layer for layer in layers}
        if mode == "merge":
            for layer in layers:
                if not layer.key:
                    raise ValueError(f"layer {layer.table!r} has no key: it cannot be merged")
        options_json = _options_json(options)
        if sha256:
            earlier = self.find_import(kind, sha256, options)
            if earlier is not None and (mode == "merge" or self._still_holds(earlier, by_name)):
                return ImportResult(
                    import_id=earlier["id"],
                    kind=kind,
                    source=source,
                    sha256=sha256,
                    unchanged=True,
                    message=(
                        f"{source} was already imported on {earlier['finished']} "
                        f"(import {earlier['id']}, same SHA-256): the store is unchanged"
                    ),
                )
        started = now_iso()
        try:
            staging = _Staging(self.path.parent, by_name)
        except sqlite3.Error as exc:
            raise self._error(exc, f"import of {source} failed, store unchanged") from exc
        try:
            n_items = 0
            n_rejects = 0
            n_staged = 0  # records that came as StagedRows, beyond one item each
            for n_items, item in enumerate(items, start=1):
                if isinstance(item, Reject):
                    staging.reject(item)
                    n_rejects += 1
                elif isinstance(item, StagedRows):
                    staging.add_rows(item)
                    n_rejects += len(item.rejects)
                    n_staged += item.records - 1
                    if cancel is not None and cancel():
                        raise Cancelled(f"import of {source} cancelled: the store is unchanged")
                else:
                    staging.add(item)
                if cancel is not None and n_items % 500 == 0 and cancel():
                    raise Cancelled(f"import of {source} cancelled: the store is unchanged")
            staging.flush()
            if cancel is not None and cancel():
                raise Cancelled(f"import of {source} cancelled: the store is unchanged")
            staged = {name: staging.count(f"s_{name}") for name in by_name}
            # closed for the merge to read it (its transaction then locks the file instead)
            staging.conn.close()
            result = ImportResult(
                import_id=None,
                kind=kind,
                source=source,
                sha256=sha256,
                records_read=records_read() if records_read is not None else n_items + n_staged,
                rejected=n_rejects,
                staged=staged,
            )
            self._merge(
                staging, layers, result, options_json, started, mode, scope, cancel, progress, force_replace
            )
        except sqlite3.Error as exc:  # the merge reports its own: these come from the staging file
            raise self._error(exc, f"import of {source} failed, store unchanged") from exc
        finally:
            staging.close()
        return result

    def _merge(
        self,
        staging: _Staging,
        layers: Sequence[Layer],
        result: ImportResult,
        options_json: str,
        started: str,
        mode: str,
        scope: str | None,
        cancel: Callable[[], bool] | None,
        progress: Callable[[float], None] | None,
        force_replace: bool = False,
    ) -> None:
        conn = self._connect()
        try:
            # the merge touches index and rtree pages all over a large store: SQLite's default
            # 2 MB cache reads many of them again (a bounded cache, freed with the connection)
            conn.execute(f"PRAGMA cache_size = -{MERGE_CACHE_KIB}")
            conn.execute("ATTACH DATABASE ? AS stage", (str(staging.path),))
            conn.execute("BEGIN IMMEDIATE")
            try:
                cur = conn.execute(
                    f"INSERT INTO {CATALOGUE_TABLE} (kind, source, sha256, options, tables, records_read, "  # nosec B608  # identifiers quoted, values bound as parameters
                    "rejected, started) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        result.kind,
                        result.source,
                        result.sha256,
                        options_json,
                        ",".join(layer.table for layer in layers),
                        result.records_read,
                        result.rejected,
                        started,
                    ),
                )
                import_id = cur.lastrowid
                for i, layer in enumerate(layers):
                    if cancel is not None and cancel():
                        raise Cancelled(f"import of {result.source} cancelled: the store is unchanged")
                    if mode == "replace":
                        self._guard_shrink(conn, layer, scope, result, force_replace)
                    self._ensure_layer(conn, layer, replace_whole=(mode == "replace" and scope is None))
                    result.written[layer.table] = self._merge_layer(
                        conn, layer, import_id, mode, scope, result
                    )
                    gpkg.refresh_extent(conn, layer.table)
                    if progress is not None:
                        progress(100.0 * (i + 1) / (len(layers) + 1))
                conn.execute(
                    f"INSERT INTO {REJECTS_TABLE} (source_file, record, field, reason, import_id) "  # nosec B608  # identifiers quoted, values bound as parameters
                    "SELECT source_file, record, field, reason, ? FROM stage.s_rejects",
                    (import_id,),
                )
                gpkg.refresh_extent(conn, REJECTS_TABLE)
                result.imported = sum(result.written.values())
                result.import_id = import_id
                result.message = (
                    f"{result.source}: {result.records_read} records read, {result.imported} rows written "
                    f"({', '.join(f'{t} {n}' for t, n in result.written.items())}), {result.rejected} rejected"
                )
                replaced = sorted({s for scopes in result.superseded.values() for s in scopes})
                if replaced:
                    result.message += f"; replaces the earlier import of the same data: {', '.join(replaced)}"
                conn.execute(
                    f"UPDATE {CATALOGUE_TABLE} SET imported = ?, finished = ?, message = ? WHERE id = ?",  # nosec B608  # identifiers quoted, values bound as parameters
                    (result.imported, now_iso(), result.message, import_id),
                )
                if cancel is not None and cancel():
                    raise Cancelled(f"import of {result.source} cancelled: the store is unchanged")
                conn.execute("COMMIT")
            except BaseException:
                # SQLite may already have rolled back (a full disk does): a failing ROLLBACK must
                # not hide the cause
                _rollback(conn)
                raise
            if progress is not None:
                progress(100.0)
        except sqlite3.Error as exc:
            raise self._error(exc, f"import of {result.source} failed, store unchanged") from exc
        finally:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("DETACH DATABASE stage")
            conn.close()

    def _still_holds(self, earlier: dict[str, Any], layers: dict[str, Layer]) -> bool:
        """Whether rows of an earlier import are still in the store (a replace-mode import
        repeated after a newer version of its data replaced it must run again)."""
        if not earlier.get("imported"):
            return True
        conn = self._connect()
        try:
            for table in layers:
                if gpkg.table_exists(conn, table) and IMPORT_ID in gpkg.table_columns(conn, table):
                    sql = f"SELECT 1 FROM {quote(table)} WHERE {IMPORT_ID} = ? LIMIT 1"  # nosec B608  # identifiers quoted, values bound as parameters
                    if conn.execute(sql, (earlier["id"],)).fetchone():
                        return True
            return False
        finally:
            conn.close()

    def _guard_shrink(
        self,
        conn: sqlite3.Connection,
        layer: Layer,
        scope: str | None,
        result: ImportResult,
        force_replace: bool,
    ) -> None:
        """Refuse a replace that would leave fewer than half of the rows its data set has now."""
        if force_replace or not gpkg.table_exists(conn, layer.table):
            return
        t = quote(layer.table)
        after = result.staged.get(layer.table, 0)
        if scope is None:
            before = conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]  # nosec B608  # identifiers quoted, values bound as parameters
        elif SCOPE in gpkg.table_columns(conn, layer.table):
            before = conn.execute(f"SELECT count(*) FROM {t} WHERE {SCOPE} = ?", (scope,)).fetchone()[0]  # nosec B608  # identifiers quoted, values bound as parameters
        else:
            return
        if after * 2 < before:
            what = f"the data set {scope!r}" if scope is not None else "the whole table"
            raise ReplaceRefused(
                f"store {self.path}: {result.source} has {after} rows for {layer.table!r} where the "
                f"store holds {before} from the previous import of {what}: importing it would remove "
                f"{before - after} of them. Refused, the store is unchanged. If the file is complete and "
                f"meant to replace the earlier data, import it again with {REPLACE_HINT} "
                f"(Replace even if much smaller).",
                table=layer.table,
                scope=scope,
                before=before,
                after=after,
            )

    def _replace_rows(
        self, conn: sqlite3.Connection, layer: Layer, scope: str | None, result: ImportResult
    ) -> None:
        """Delete what a replace-mode import replaces (see :meth:`import_features`)."""
        t = quote(layer.table)
        staged = f"stage.{quote('s_' + layer.table)}"
        if scope is None:
            conn.execute(f"DELETE FROM {t}")  # nosec B608  # identifiers quoted, values bound as parameters
            return
        conn.execute(f"DELETE FROM {t} WHERE {SCOPE} = ?", (scope,))  # nosec B608  # identifiers quoted, values bound as parameters
        if not layer.key:
            return
        key = quote(layer.key)
        # Other data sets more than half of whose rows come again: earlier versions of this one.
        overlap = conn.execute(
            f"SELECT w.{SCOPE}, count(*) FROM {t} AS w JOIN {staged} AS s ON s.{key} = w.{key} "  # nosec B608  # identifiers quoted, values bound as parameters
            f"WHERE w.{SCOPE} IS NOT NULL GROUP BY w.{SCOPE}"
        ).fetchall()
        totals = dict(
            conn.execute(
                f"SELECT {SCOPE}, count(*) FROM {t} WHERE {SCOPE} IS NOT NULL GROUP BY {SCOPE}"  # nosec B608  # identifiers quoted, values bound as parameters
            ).fetchall()
        )
        older = sorted(s for s, n in overlap if n * 2 > totals.get(s, 0))
        for s in older:
            conn.execute(f"DELETE FROM {t} WHERE {SCOPE} = ?", (s,))  # nosec B608  # identifiers quoted, values bound as parameters
        if older:
            result.superseded[layer.table] = older
        # Rows of any other import whose key this one holds again: the newer file has them now.
        conn.execute(f"DELETE FROM {t} WHERE {key} IN (SELECT s.{key} FROM {staged} AS s)")  # nosec B608  # identifiers quoted, values bound as parameters

    def _merge_layer(
        self,
        conn: sqlite3.Connection,
        layer: Layer,
        import_id: int,
        mode: str,
        scope: str | None,
        result: ImportResult,
    ) -> int:
        t = quote(layer.table)
        names = [f for f, _ in layer.fields]
        target = [gpkg.GEOM_COLUMN, *names, SORT_KEY] if layer.geometry_type else [*names, SORT_KEY]
        kinds = dict(layer.fields)
        select = ", ".join(
            gpkg.datetime_sql(f"s.{quote(n)}") if kinds.get(n) == "datetime" else f"s.{quote(n)}"
            for n in ([gpkg.GEOM_COLUMN] if layer.geometry_type else []) + names
        )
        cols = ", ".join(quote(c) for c in [*target, IMPORT_ID, SCOPE])
        staged = f"stage.{quote('s_' + layer.table)}"
        where = ""
        trigger = self._bulk_rtree_trigger(conn, layer, staged)
        rebuild = None
        if mode == "merge":
            # Delete-then-insert rather than an UPSERT: GeoPackage's rtree triggers use
            # INSERT OR REPLACE, whose conflict policy an outer UPSERT would override.
            key = quote(layer.key)
            superseded = (
                f"SELECT w.{quote(gpkg.FID_COLUMN)} FROM {staged} AS s JOIN {t} AS w "  # nosec B608  # identifiers quoted, values bound as parameters
                f"ON w.{key} = s.{key} WHERE s.{SORT_KEY} > w.{SORT_KEY}"
            )
            staged_rows = result.staged.get(layer.table, 0)
            rebuild = self._rtree_to_rebuild(conn, layer, staged_rows) if trigger is not None else None
            if rebuild is None:
                conn.execute(f"DELETE FROM {t} WHERE {quote(gpkg.FID_COLUMN)} IN ({superseded})")  # nosec B608  # identifiers quoted, values bound as parameters
            else:
                rebuild = self._delete_superseded(conn, layer, superseded, rebuild)
            where = f" WHERE NOT EXISTS (SELECT 1 FROM {t} AS w WHERE w.{key} = s.{key})"  # nosec B608  # identifiers quoted, values bound as parameters
        else:
            self._replace_rows(conn, layer, scope, result)
        try:
            if trigger is None:
                sql = (
                    f"INSERT INTO {t} ({cols}) SELECT {select}, s.{SORT_KEY}, ?, ? FROM {staged} AS s{where}"  # nosec B608  # identifiers quoted, values bound as parameters
                )
                return conn.execute(sql, (import_id, scope)).rowcount
            return self._insert_with_rtree(
                conn, layer, staged, where, cols, select, trigger, (import_id, scope), rebuild
            )
        except sqlite3.IntegrityError as exc:
            raise StoreError(f"table {layer.table!r}: {exc} (keys must be unique across scopes)") from exc

    @staticmethod
    def _rtree_to_rebuild(
        conn: sqlite3.Connection, layer: Layer, staged_rows: int
    ) -> tuple[np.ndarray, np.ndarray] | None:
        """The entries of the layer's rtree when the merge is to rebuild it in bulk, else None.
        It does when ``staged_rows`` (the rows staged) are at least
        :data:`REBUILD_RTREE_FRACTION` of the entries (each entry deleted or inserted one by one
        costs 13-52 us as the rtree grows), its entries fit in memory (:func:`_rebuild_fits`), its delete trigger
        is the standard one and its nodes read as sqlite writes them."""
        rtree = gpkg.rtree_name(layer.table)
        entries = conn.execute(f"SELECT count(*) FROM {quote(rtree + '_rowid')}").fetchone()[0]  # nosec B608  # identifiers quoted
        if staged_rows < REBUILD_RTREE_FRACTION * entries or not _rebuild_fits(entries):
            return None
        row = conn.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", (f"{rtree}_delete",)
        ).fetchone()
        if row is None or row[0] != gpkg.rtree_delete_trigger_sql(layer.table):
            return None
        return gpkg.rtree_entries(conn, layer.table)

    @staticmethod
    def _delete_superseded(
        conn: sqlite3.Connection, layer: Layer, superseded: str, rebuild: list[np.ndarray]
    ) -> list[np.ndarray]:
        """Delete the rows ``superseded`` selects (their fids) with the rtree's delete trigger
        dropped (its entries go in the rebuild); the rtree entries kept."""
        t, fid = quote(layer.table), quote(gpkg.FID_COLUMN)
        name = f"{gpkg.rtree_name(layer.table)}_delete"
        conn.execute(f"CREATE TEMP TABLE digonce_superseded AS {superseded}")  # nosec B608  # identifiers quoted
        gone = np.array(
            conn.execute("SELECT * FROM temp.digonce_superseded").fetchall(), dtype=np.int64
        ).reshape(-1)
        conn.execute(f"DROP TRIGGER {quote(name)}")
        conn.execute(f"DELETE FROM {t} WHERE {fid} IN (SELECT * FROM temp.digonce_superseded)")  # nosec B608  # identifiers quoted
        conn.execute(gpkg.rtree_delete_trigger_sql(layer.table))
        conn.execute("DROP TABLE temp.digonce_superseded")
        ids, boxes = rebuild
        keep = ~np.isin(ids, gone)
        return [ids[keep], boxes[keep]]

    @staticmethod
    def _bulk_rtree_trigger(conn: sqlite3.Connection, layer: Layer, staged: str) -> str | None:
        """The SQL of the store's rtree insert trigger of ``layer`` when the merge may fill the
        rtree itself from the staged boxes (the standard trigger, the rows staged with their
        boxes, none with a geometry but no box), else None: the trigger does it row by row."""
        if not _boxed(layer):
            return None
        name = f"{gpkg.rtree_name(layer.table)}_insert"
        row = conn.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", (name,)
        ).fetchone()
        if row is None or row[0] != gpkg.rtree_insert_trigger_sql(layer.table):
            return None  # a trigger of another writer: it keeps its own rules
        if not set(BOX_COLUMNS) <= set(gpkg.table_columns(conn, "s_" + layer.table, "stage")):
            return None
        # a blob that is not empty but has no box (NaN coordinates): what the trigger makes of it
        # is the trigger's business
        odd = conn.execute(
            f"SELECT EXISTS (SELECT 1 FROM {staged} WHERE geom IS NOT NULL AND {BOX_COLUMNS[0]} IS NULL "  # nosec B608  # identifiers quoted, values bound as parameters
            "AND NOT ST_IsEmpty(geom))"
        ).fetchone()[0]
        return None if odd else row[0]

    def _insert_with_rtree(
        self,
        conn: sqlite3.Connection,
        layer: Layer,
        staged: str,
        where: str,
        cols: str,
        select: str,
        trigger: str,
        args: tuple[Any, ...],
        rebuild: list[np.ndarray] | None = None,
    ) -> int:
        """Insert the staged rows chosen by ``where`` as the per-row rtree trigger would, but
        with the trigger dropped and the rtree filled afterwards in one statement from the
        staged boxes: the trigger calls five Python functions a row. The same rtree operations
        in the same order (the new rows' boxes by fid, after the deletes), so the same rtree,
        and the trigger (``trigger``: its SQL) back in the same transaction."""
        t, rtree = quote(layer.table), quote(gpkg.rtree_name(layer.table))
        # fids of an AUTOINCREMENT table continue after the greatest ever given
        base = conn.execute(
            "SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = ?), 0), "
            f"coalesce((SELECT max({quote(gpkg.FID_COLUMN)}) FROM {t}), 0))",  # nosec B608  # identifiers quoted, values bound as parameters
            (layer.table,),
        ).fetchone()[0]
        # the staged rows inserted, in the order they are inserted (the temp table's rowid k
        # is the k-th new row, fid base + k)
        conn.execute("CREATE TEMP TABLE digonce_inserted (staged INTEGER)")
        conn.execute(
            f"INSERT INTO temp.digonce_inserted (staged) SELECT s.rowid FROM {staged} AS s{where} ORDER BY s.rowid"  # nosec B608  # identifiers quoted, values bound as parameters
        )
        conn.execute(f"DROP TRIGGER {quote(gpkg.rtree_name(layer.table) + '_insert')}")
        chosen = f"temp.digonce_inserted AS m JOIN {staged} AS s ON s.rowid = m.staged"
        insert = (
            f"INSERT INTO {t} ({cols}) SELECT {select}, s.{SORT_KEY}, ?, ? FROM {chosen} ORDER BY m.rowid"  # nosec B608  # identifiers quoted, values bound as parameters
        )
        task = None if rebuild is None else self._rebuild_task(conn, layer, staged, base, rebuild)
        if task is None:
            n = conn.execute(insert, args).rowcount
        else:
            # the rebuilt rtree is packed on a thread while the rows go in (sqlite lets go of
            # Python's lock while it inserts): a late month of England's merge ~1-2 s shorter
            with ThreadPoolExecutor(1, thread_name_prefix="digonce-rtree") as pool:
                future = pool.submit(_packed_rebuild, *task)
                n = conn.execute(insert, args).rowcount
                packed = future.result()
        fid = quote(gpkg.FID_COLUMN)
        got = conn.execute(
            f"SELECT count(*), min({fid}), max({fid}) FROM {t} WHERE {fid} > ?",  # nosec B608  # identifiers quoted, values bound as parameters
            (base,),
        ).fetchone()
        if n and tuple(got) != (n, base + 1, base + n):
            raise StoreError(
                f"table {layer.table!r}: new rows numbered {got[1]}..{got[2]}, not {base + 1}..{base + n}"
            )
        box = ", ".join(f"s.{c}" for c in BOX_COLUMNS)
        new_entries = (
            f"SELECT ? + m.rowid, {box} FROM {chosen} WHERE s.{BOX_COLUMNS[0]} IS NOT NULL ORDER BY m.rowid"  # nosec B608  # identifiers quoted, values bound as parameters
        )
        if rebuild is None:
            fill = f"INSERT OR REPLACE INTO {rtree} (id, minx, maxx, miny, maxy) {new_entries}"  # nosec B608  # identifiers quoted, values bound as parameters
            conn.execute(fill, (base,))
        elif task is not None:
            table_writer.replace_rtree(conn, layer.table, *packed)
        else:
            # the entries kept and the new rows' (fids above every kept one), rebuilt in bulk
            entries = _with_new_entries(rebuild, conn.execute(new_entries, (base,)))
            table_writer.replace_rtree(conn, layer.table, *entries)
        conn.execute(trigger)
        conn.execute("DROP TABLE temp.digonce_inserted")
        return n

    @staticmethod
    def _rebuild_task(
        conn: sqlite3.Connection, layer: Layer, staged: str, base: int, rebuild: list[np.ndarray]
    ) -> tuple | None:
        """The arguments of :func:`_packed_rebuild`, to pack the rebuilt rtree on a thread while
        the rows are inserted, or None when the staging is not a file another connection can
        read (the rtree is then rebuilt after the insert, the same)."""
        files = {row[1]: row[2] for row in conn.execute("PRAGMA database_list")}
        stage_file = files.get(staged.partition(".")[0])
        if not stage_file:
            return None
        # the staged rows in the order they are inserted: the k-th gets fid base + k
        inserted = np.fromiter(
            (row[0] for row in conn.execute("SELECT staged FROM temp.digonce_inserted ORDER BY rowid")),
            dtype=np.int64,
        )
        return (
            stage_file,
            "s_" + layer.table,
            inserted,
            base,
            rebuild,
            table_writer.rtree_node_size(conn, layer.table),
        )

    def merge_works(self, items: Iterable[Feature | Reject | StagedRows], **kwargs: Any) -> ImportResult:
        """Merge works (``layer='works'``, key ``permit_ref``) and Section 58 restrictions
        (``layer='restrictions'``, key ``restriction_ref``); see :meth:`import_features`."""
        return self.import_features(items, layers=list(MERGED_WORKS_LAYERS.values()), mode="merge", **kwargs)

    def replace_layer(
        self,
        table: str,
        fields: Sequence[tuple[str, str]],
        geometry_type: str | None,
        records: Iterable[Feature | Reject],
        *,
        kind: str,
        source: str,
        sha256: str = "",
        options: dict[str, Any] | None = None,
        scope: str | None = None,
        key: str | None = None,
        description: str = "",
        records_read: Callable[[], int] | None = None,
        cancel: Callable[[], bool] | None = None,
        progress: Callable[[float], None] | None = None,
        force_replace: bool = False,
    ) -> ImportResult:
        """Atomically replace the rows of ``table`` (all, or those of ``scope``) with ``records``
        (see :meth:`import_features` for what else a replace replaces, and the shrink guard).

        ``records`` are :class:`Feature` (whose ``layer`` is ``table``) and :class:`Reject`.
        The table is created when missing; missing columns are added; with ``scope=None`` a
        table of another geometry type is recreated.
        """
        layer = Layer(table, list(fields), geometry_type, key=key, description=description)
        return self.import_features(
            records,
            layers=[layer],
            kind=kind,
            source=source,
            sha256=sha256,
            options=options,
            mode="replace",
            scope=scope,
            records_read=records_read,
            cancel=cancel,
            progress=progress,
            force_replace=force_replace,
        )


def _staging_is_live(path: Path) -> bool:
    """Whether an import (of any process) still holds its staging file's lock."""
    try:
        conn = sqlite3.connect(path, isolation_level=None, timeout=0)
    except sqlite3.Error:
        return False
    try:
        conn.execute("BEGIN EXCLUSIVE")
        conn.execute("ROLLBACK")
        return False
    except sqlite3.OperationalError as exc:
        return "locked" in str(exc) or "busy" in str(exc)
    except sqlite3.Error:  # not a database: a staging file cut short by a crash
        return False
    finally:
        conn.close()


def _rollback(conn: sqlite3.Connection) -> None:
    """Roll back when a transaction is still open (after SQLITE_FULL SQLite has already)."""
    if conn.in_transaction:
        with contextlib.suppress(sqlite3.Error):
            conn.execute("ROLLBACK")


def _options_json(options: dict[str, Any] | None) -> str:
    """The options as stored in the catalogue: never an address's user name or password."""
    return redact(json.dumps(redact_values(options or {}), sort_keys=True, default=str))

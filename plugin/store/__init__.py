"""The local GeoPackage store and its catalogue. No QGIS here (sqlite3 + sqlite-utils + shapely).

One GeoPackage file (default ``<QGIS profile>/dig_once/dig_once_store.gpkg``, see
``PluginSettings.resolved_store_path()``) holds the canonical layers (``works``,
``restrictions`` and whatever other importers add), the ``rejects`` table and the
``digonce_catalogue`` table. It is written by hand through ``sqlite3`` (GeoPackage blobs,
``gpkg_contents``, ``gpkg_geometry_columns``, an rtree index per layer with the standard
triggers) and opens in QGIS/OGR as ordinary layers; ``Store.layer_uri(table)`` gives the
data source string.

Public API
----------
``Store(path)``
    Open the store, creating the file and its metadata when missing.
``Feature(layer, values: dict, geometry=None, sort_key="")``
    One record for a layer; geometry is a shapely geometry in EPSG:27700 (or None).
``Reject(source_file, record, field, reason)``
    A record not imported; goes to ``rejects`` with the import's id.
``Layer(table, fields, geometry_type="GEOMETRY", key=None, description="")``
    A store table: ``fields`` as ``[(name, type)]`` with types str/int/float/bool/date/datetime
    (see ``plugin.core.schema``); ``geometry_type`` a GeoPackage type name or None.
``Store.import_features(items, *, layers, kind, source, sha256="", options=None,
mode="merge"|"replace", scope=None, records_read=None, cancel=None, progress=None,
force_replace=False) -> ImportResult``
    The general import. Items (features for any of ``layers`` and rejects, interleaved) are
    streamed into a private staging file, then merged in ONE transaction with the rejects and
    the catalogue row: a failure, crash or ``cancel()`` returning True leaves the store as it
    was (``Cancelled`` / ``StoreError`` raised). ``merge``: per ``layer.key`` the feature with
    the greatest ``sort_key`` wins (in this import and against the store), so imports commute.
    ``replace``: the table's rows (those tagged with ``scope``, or all) are replaced; on a
    keyed layer so are the rows of any import whose key this one holds again, and any other
    scope more than half of whose rows it holds again (a newer release under another name).
    A replace that would leave fewer than half of the rows of its scope raises
    ``ReplaceRefused`` (store unchanged) unless ``force_replace=True``.
    Same ``kind`` + ``sha256`` + ``options`` as an earlier import: nothing happens and
    ``result.unchanged`` is True.
``Store.replace_layer(table, fields, geometry_type, records, *, kind, source, sha256="",
options=None, scope=None, key=None, description="", records_read=None, cancel=None,
progress=None) -> ImportResult``
    Atomic replace of a whole table (or of one ``scope``, e.g. one postcode-area file).
``Store.merge_works(items, *, kind, source, sha256="", options=None, records_read=None,
cancel=None, progress=None) -> ImportResult``
    Works (layer ``"works"``, key ``permit_ref``) and restrictions (``"restrictions"``, key
    ``restriction_ref``), merged by ``sort_key``.
``ImportResult``
    ``import_id, kind, source, sha256, records_read, imported, rejected, unchanged,
    staged: dict[table, rows], written: dict[table, rows], superseded: dict[table, scopes],
    message``.
``ReplaceRefused(StoreError)``, ``REPLACE_HINT``
    Raised by a replace that would leave fewer than half of its scope's rows (``table, scope,
    before, after``); its message holds ``REPLACE_HINT`` ("REPLACE=true"), which is how the dock
    recognises it behind a QgsProcessingException and asks the user.
``Store.find_import(kind, sha256, options=None) -> dict | None``, ``Store.catalogue() -> list[dict]``,
``Store.rejects(import_id=None) -> list[dict]``
    The catalogue (``id, kind, source, sha256, options, tables, records_read, imported,
    rejected, started, finished, message``) and rejects.
``Store.rows(table, columns=None, *, geometry=False)``, ``Store.count(table)``, ``Store.tables()``,
``Store.layer_uri(table)``, ``Store.download_cache_dir()``
    Reading helpers; the download cache folder sits beside the store.
``file_sha256(path)``, ``path_sha256(path)``
    Checksums for the catalogue (a folder's is independent of listing order).

Every layer also carries ``sort_key``, ``import_id`` and ``import_scope`` columns. Sources and
options are stored without any password (``plugin.core.redact``). A STORE that is a folder, not
an SQLite file, or an SQLite database that is not a GeoPackage is refused before anything is
written; a full disk, a read-only folder and a locked store are named as such (``StoreError``).
"""

from .store import (
    CATALOGUE_TABLE,
    REJECTS_TABLE,
    REPLACE_HINT,
    RESTRICTIONS_LAYER,
    RESTRICTIONS_TABLE,
    WORKS_LAYER,
    WORKS_TABLE,
    Feature,
    ImportResult,
    Layer,
    Reject,
    ReplaceRefused,
    Store,
    file_sha256,
    path_sha256,
)

__all__ = [
    "CATALOGUE_TABLE",
    "REJECTS_TABLE",
    "REPLACE_HINT",
    "RESTRICTIONS_LAYER",
    "RESTRICTIONS_TABLE",
    "WORKS_LAYER",
    "WORKS_TABLE",
    "Feature",
    "ImportResult",
    "Layer",
    "Reject",
    "ReplaceRefused",
    "Store",
    "file_sha256",
    "path_sha256",
]

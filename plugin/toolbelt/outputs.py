"""Finishing touches on algorithm outputs: a QML style saved with the layer, and the run's
parameters stamped into the output so a result can be reproduced (and compared)."""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
from pathlib import Path

from qgis.core import (
    Qgis,
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProcessingLayerPostProcessorInterface,
    QgsProcessingUtils,
    QgsVectorLayer,
)

from ..core.redact import redact
from .resources import resources_path

RUNS_TABLE = "digonce_runs"
PARAMS_PROPERTY = "dig_once/parameters"


def plugin_version() -> str:
    meta = resources_path().parent / "metadata.txt"
    for line in meta.read_text(encoding="utf-8").splitlines():
        if line.startswith("version="):
            return line.split("=", 1)[1].strip()
    return "unknown"


def gpkg_path_of(layer: QgsVectorLayer) -> tuple[str, str] | None:
    """(path, table) when the layer lives in a GeoPackage, else None."""
    if layer.providerType() != "ogr":
        return None
    parts = layer.dataProvider().dataSourceUri().split("|")
    path = parts[0]
    if not path.lower().endswith(".gpkg"):
        return None
    table = layer.dataProvider().subLayers()
    name = None
    for part in parts[1:]:
        if part.startswith("layername="):
            name = part.split("=", 1)[1]
    if name is None:
        name = layer.name() if not table else table[0].split("!!::!!")[1]
    return path, name


def gpkg_table_of(dest_id: str) -> tuple[str, str] | None:
    """(path, table) of an output written to a GeoPackage file, read from the file itself
    (``path|layername=t``, or the one feature table the file holds), without opening it in QGIS."""
    parts = str(dest_id).split("|")
    path = parts[0]
    if not path.lower().endswith(".gpkg") or not Path(path).is_file():
        return None
    for part in parts[1:]:
        if part.startswith("layername="):
            return path, part.split("=", 1)[1]
    try:
        with contextlib.closing(sqlite3.connect(path)) as db:
            names = [r[0] for r in db.execute("SELECT table_name FROM gpkg_contents WHERE data_type IN ('features', 'attributes') AND table_name NOT IN ('layer_styles', ?)", (RUNS_TABLE,))]  # fmt: skip
    except sqlite3.Error:
        return None
    return (path, names[0]) if len(names) == 1 else None


def _connect_unsynced(path: str) -> sqlite3.Connection:
    """A connection to an output just written that does not wait for the disk when it commits.

    The output's rows were written without syncing (``table_writer``: a private file renamed
    into place); a commit with SQLite's default sync here made QGIS wait while the kernel
    wrote all of them out: 0.6 s for a year of England's 424 MB of pairs, to add a style."""
    db = sqlite3.connect(path)
    db.execute("PRAGMA synchronous = OFF")
    return db


def save_default_style(path: str, table: str, qml: str, name: str) -> None:
    """Store ``qml`` as the default style of ``table`` in the GeoPackage's ``layer_styles``
    table, the table and columns QGIS itself writes and reads."""
    with contextlib.closing(_connect_unsynced(path)) as db, db:
        geometry = db.execute(
            "SELECT column_name FROM gpkg_geometry_columns WHERE table_name = ?", (table,)
        ).fetchone()
        db.execute(
            "CREATE TABLE IF NOT EXISTS layer_styles (id INTEGER PRIMARY KEY AUTOINCREMENT, "
            "f_table_catalog TEXT(256), f_table_schema TEXT(256), f_table_name TEXT(256), "
            "f_geometry_column TEXT(256), styleName TEXT(30), styleQML TEXT, styleSLD TEXT, "
            "useAsDefault BOOLEAN, description TEXT, owner TEXT(30), ui TEXT(30), update_time DATETIME "
            "DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')))"
        )
        db.execute(
            "INSERT OR IGNORE INTO gpkg_contents (table_name, data_type, identifier, last_change) "
            "VALUES ('layer_styles', 'attributes', 'layer_styles', strftime('%Y-%m-%dT%H:%M:%fZ','now'))"
        )
        db.execute("UPDATE layer_styles SET useAsDefault = 0 WHERE f_table_name = ?", (table,))
        db.execute(
            "INSERT INTO layer_styles (f_table_catalog, f_table_schema, f_table_name, f_geometry_column, "
            "styleName, styleQML, styleSLD, useAsDefault, description, owner, ui) "
            "VALUES ('', '', ?, ?, ?, ?, '', 1, ?, '', '')",
            (table, geometry[0] if geometry else "", name, qml, name),
        )


def stamp_parameters(path: str, table: str, algorithm_id: str, parameters_json: str) -> None:
    """Write the run's parameters into ``digonce_runs`` inside the output GeoPackage."""
    parameters_json = redact(parameters_json)
    with contextlib.closing(_connect_unsynced(path)) as db, db:
        db.execute(
            f"CREATE TABLE IF NOT EXISTS {RUNS_TABLE} (layer TEXT NOT NULL, algorithm TEXT NOT NULL, "
            "parameters TEXT NOT NULL, qgis_version TEXT, plugin_version TEXT, created TEXT)"
        )
        db.execute(f"DELETE FROM {RUNS_TABLE} WHERE layer = ?", (table,))  # nosec B608  # identifiers quoted, values bound as parameters
        db.execute(
            f"INSERT INTO {RUNS_TABLE} VALUES (?, ?, ?, ?, ?, ?)",  # nosec B608  # identifiers quoted, values bound as parameters
            (
                table,
                algorithm_id,
                parameters_json,
                Qgis.version(),
                plugin_version(),
                dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            ),
        )


def read_stamped_parameters(path: str, table: str) -> str | None:
    """The parameters JSON stamped by :func:`stamp_parameters`, or None."""
    if not Path(path).exists():
        return None
    with sqlite3.connect(path) as db:
        exists = db.execute(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", (RUNS_TABLE,)
        ).fetchone()
        if not exists:
            return None
        row = db.execute(f"SELECT parameters FROM {RUNS_TABLE} WHERE layer = ?", (table,)).fetchone()  # nosec B608  # identifiers quoted, values bound as parameters
    return row[0] if row else None


class StylePostProcessor(QgsProcessingLayerPostProcessorInterface):
    """Apply a QML style when the output is loaded into the project."""

    _keep_alive: list[StylePostProcessor] = []

    def __init__(self, qml: Path, parameters_json: str | None = None):
        super().__init__()
        self.qml = qml
        self.parameters_json = parameters_json

    def postProcessLayer(self, layer, context, feedback):  # noqa: N802
        if isinstance(layer, QgsVectorLayer) and self.qml.exists():
            layer.loadNamedStyle(str(self.qml))
            layer.triggerRepaint()
        if isinstance(layer, QgsVectorLayer) and self.parameters_json:
            layer.setCustomProperty(PARAMS_PROPERTY, self.parameters_json)

    @classmethod
    def create(cls, qml: Path, parameters_json: str | None = None) -> StylePostProcessor:
        processor = cls(qml, parameters_json)
        cls._keep_alive.append(processor)
        return processor


def finalize_output(
    dest_id: str,
    context: QgsProcessingContext,
    feedback: QgsProcessingFeedback | None,
    *,
    style: str | None,
    algorithm_id: str,
    parameters_json: str,
) -> None:
    """Save ``resources/styles/<style>.qml`` as the layer's default style in its GeoPackage,
    stamp the parameters, and style the layer when QGIS loads it into the project.

    A GeoPackage output is finished with sqlite3 alone: opening it as a QGIS layer left the
    provider's connection open in WAL mode until the process ended, so ``-wal``/``-shm`` files
    stayed beside it and a copy of the ``.gpkg`` alone lost ``digonce_runs``.

    Addresses in the parameters lose any user name/password first (the stamp and the
    layer's custom property, saved in its QML style, must never hold one)."""
    parameters_json = redact(parameters_json)
    qml = resources_path("styles", f"{style}.qml") if style else None
    direct = gpkg_table_of(dest_id)
    if direct is not None:
        path, table = direct
        if qml is not None and qml.exists():
            save_default_style(path, table, qml.read_text(encoding="utf-8"), "Dig Once default style")
        stamp_parameters(path, table, algorithm_id, parameters_json)
        if qml is not None and context.willLoadLayerOnCompletion(dest_id):
            details = context.layerToLoadOnCompletionDetails(dest_id)
            details.setPostProcessor(StylePostProcessor.create(qml, parameters_json))
        return
    layer = QgsProcessingUtils.mapLayerFromString(dest_id, context)
    if not isinstance(layer, QgsVectorLayer):
        return
    qml = resources_path("styles", f"{style}.qml") if style else None
    if qml is not None and qml.exists():
        ok_msg = layer.loadNamedStyle(str(qml))
        if not ok_msg[1] and feedback:
            feedback.reportError(f"Could not load style {qml.name}: {ok_msg[0]}")
    layer.setCustomProperty(PARAMS_PROPERTY, parameters_json)
    where = gpkg_path_of(layer)
    if where is not None:
        path, table = where
        if qml is not None and qml.exists():
            msg = layer.saveStyleToDatabase(table, "Dig Once default style", True, "")
            if msg and feedback:
                feedback.pushInfo(f"Style not saved in {path}: {msg}")
        stamp_parameters(path, table, algorithm_id, parameters_json)
    if qml is not None and context.willLoadLayerOnCompletion(dest_id):
        details = context.layerToLoadOnCompletionDetails(dest_id)
        details.setPostProcessor(StylePostProcessor.create(qml))

"""Shared by the import algorithms: the STORE parameter, http(s) inputs, and the store's
layers as outputs (stamped, styled per geometry type, loaded on completion)."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from qgis.core import (
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingParameterAuthConfig,
    QgsProcessingParameterDefinition,
    QgsProject,
)

from ..plugin.core.errors import DigOnceError
from ..plugin.core.redact import redact
from ..plugin.layerio.gpkg import quote
from ..plugin.store import Store
from ..plugin.toolbelt.download import fetch, is_url
from ..plugin.toolbelt.i18n import tr
from ..plugin.toolbelt.outputs import StylePostProcessor, finalize_output
from ..plugin.toolbelt.resources import resources_path
from ..plugin.toolbelt.settings import PluginSettings

STORE = "STORE"
AUTHCFG = "AUTHCFG"
#: geometry family -> (OGR geometrytype filter, style suffix, label)
_FAMILIES = {
    "point": ("Point", "point", "points"),
    "line": ("LineString", "line", "lines"),
    "polygon": ("Polygon", "polygon", "areas"),
}


def store_parameter(alg, cls):
    """The STORE parameter (a GeoPackage), defaulting to the plugin's store in the profile."""
    try:
        default = PluginSettings.load().resolved_store_path()
    except Exception:  # noqa: BLE001  (no settings available: let the user choose)
        default = None
    param = cls(STORE, tr("Store (GeoPackage)"), fileFilter="GeoPackage (*.gpkg)", defaultValue=default)
    param.setHelp(
        tr(
            "The local store the records are merged into; created when missing. Defaults to the store in "
            "your QGIS profile (Dig Once settings). Nothing is uploaded anywhere."
        )
    )
    return param


def authcfg_parameter() -> QgsProcessingParameterAuthConfig:
    """The optional, advanced AUTHCFG parameter: how a password for an input address is given."""
    param = QgsProcessingParameterAuthConfig(
        AUTHCFG, tr("Authentication (for an http(s) address)"), optional=True
    )
    param.setHelp(
        tr(
            "For an address that needs a user name and password: a configuration saved in QGIS's "
            "authentication settings (Settings > Options > Authentication). Never put a password in the "
            "address itself: such an address is refused, so that the password cannot end up in logs, "
            "outputs, the store or the report."
        )
    )
    param.setFlags(param.flags() | QgsProcessingParameterDefinition.FlagAdvanced)
    return param


def store_path(alg, parameters: dict[str, Any], context: QgsProcessingContext) -> str:
    """The store STORE names, in any of its declared shapes, else the plugin's store (Settings)."""
    destination = alg.parameterDefinition(STORE).isDestination()
    read = alg.parameterAsFileOutput if destination else alg.parameterAsFile
    return read(parameters, STORE, context) or PluginSettings.load().resolved_store_path()


def resolve_input(alg, parameters, context, feedback, store: Store, *, url_param: str = "URL") -> Path:
    """The local path of INPUT, downloading it first when it (or ``url_param``) is an address."""
    text = alg.parameterAsString(parameters, "INPUT", context)
    url = alg.parameterAsString(parameters, url_param, context) if url_param in parameters else ""
    if text and is_url(text):
        url, text = text, ""
    if url:
        if not is_url(url):
            raise QgsProcessingException(tr("Not an http(s) address: {u}").format(u=redact(url)))
        feedback.pushInfo(tr("Downloading {u}").format(u=redact(url)))
        authcfg = alg.parameterAsString(parameters, AUTHCFG, context) if AUTHCFG in parameters else ""
        try:
            download = fetch(
                url,
                store.download_cache_dir(),
                authcfg=authcfg or "",
                cancel=feedback.isCanceled,
                progress=feedback.setProgress,
                log=feedback.pushInfo,
            )
        except DigOnceError as exc:
            raise QgsProcessingException(str(exc)) from exc
        feedback.pushInfo(
            tr("{p}: {w}").format(
                p=download.path,
                w=tr("downloaded") if download.downloaded else tr("cached copy, unchanged"),
            )
        )
        return download.path
    if not text:
        raise QgsProcessingException(tr("Give an input file or folder, or an http(s) address."))
    path = Path(text)
    if not path.exists():
        raise QgsProcessingException(tr("Input not found: {p}").format(p=path))
    return path


def _families(store: Store, table: str) -> list[str]:
    """Geometry families present in a store table, from each blob's WKB type (header only)."""
    seen: set[int] = set()
    with sqlite3.connect(store.path) as db:
        try:
            rows = db.execute(
                f"SELECT DISTINCT substr(geom, 1, 77) FROM {quote(table)} WHERE geom IS NOT NULL"  # nosec B608  # identifiers quoted, values bound as parameters
            )
            for (head,) in rows:
                head = bytes(head)
                offset = 8 + {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}.get((head[3] >> 1) & 7, 0)
                order = "<" if head[offset] == 1 else ">"
                seen.add(
                    int.from_bytes(head[offset + 1 : offset + 5], "little" if order == "<" else "big") % 1000
                )
        except (sqlite3.Error, IndexError):
            return []
    found = []
    for family, codes in (("point", {1, 4}), ("line", {2, 5}), ("polygon", {3, 6})):
        if seen & codes:
            found.append(family)
    return found


class StoreOutputs:
    """Remembers which store tables an algorithm returns, and finishes them in postProcess."""

    def __init__(self) -> None:
        self.pending: list[tuple[str, Store, str, str]] = []

    def add(self, output: str, store: Store, table: str, style: str) -> str:
        self.pending.append((output, store, table, style))
        return store.layer_uri(table)

    def finish(self, alg, parameters, context: QgsProcessingContext, feedback: QgsProcessingFeedback) -> None:
        """Stamp the parameters in the store, and load one styled layer per geometry type."""
        params_json = alg.parameters_json(parameters)
        for _output, store, table, style in self.pending:
            uri = store.layer_uri(table)
            finalize_output(
                uri, context, feedback, style=None, algorithm_id=alg.id(), parameters_json=params_json
            )
            if context.project() is None:
                continue
            for family in _families(store, table):
                ogr_type, suffix, label = _FAMILIES[family]
                sub_uri = f"{uri}|geometrytype={ogr_type}"
                details = QgsProcessingContext.LayerDetails(
                    f"{table} ({label})", context.project() or QgsProject.instance()
                )
                qml = resources_path("styles", f"{style}_{suffix}.qml")
                if qml.exists():
                    details.setPostProcessor(StylePostProcessor.create(qml))
                context.addLayerToLoadOnCompletion(sub_uri, details)
        self.pending = []

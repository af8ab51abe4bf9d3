"""Shared by the import algorithms: the STORE parameter, http(s) inputs, and the store's
layers as outputs (stamped, styled per geometry type, loaded on completion)."""

from __future__ import annotations

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
from ..plugin.store import Store
from ..plugin.toolbelt.download import fetch, is_url
from ..plugin.toolbelt.i18n import tr
from ..plugin.toolbelt.outputs import StylePostProcessor, finalize_output
from ..plugin.toolbelt.settings import PluginSettings
from ..plugin.toolbelt.store_layers import store_layers

STORE = "STORE"
AUTHCFG = "AUTHCFG"


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
            for layer in store_layers(store, table, style):
                details = QgsProcessingContext.LayerDetails(
                    layer.name, context.project() or QgsProject.instance()
                )
                if layer.qml is not None:
                    details.setPostProcessor(StylePostProcessor.create(layer.qml))
                context.addLayerToLoadOnCompletion(layer.uri, details)
        self.pending = []

"""Shared base of the Dig Once algorithms: naming, translation, parameter stamping."""

from __future__ import annotations

import html
import json
import os
import re
import traceback
from typing import Any

from qgis.core import (
    Qgis,
    QgsApplication,
    QgsCoordinateReferenceSystem,
    QgsMapLayer,
    QgsMessageLog,
    QgsProcessing,
    QgsProcessingAlgorithm,
    QgsProcessingException,
    QgsProcessingFeatureSource,
    QgsProcessingFeatureSourceDefinition,
    QgsProcessingOutputNumber,
    QgsProcessingParameterCrs,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterMapLayer,
    QgsProcessingParameterNumber,
    QgsProcessingParameterRasterLayer,
    QgsProcessingParameterVectorLayer,
    QgsVectorLayer,
    QgsVectorLayerSelectedFeatureSource,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from ..plugin.core.redact import redact

#: The group names, marked for pylupdate5 (``group()`` translates them in this context).
GROUP_NAMES = (
    QT_TRANSLATE_NOOP("BaseAlgorithm", "Analysis"),
    QT_TRANSLATE_NOOP("BaseAlgorithm", "Import"),
    QT_TRANSLATE_NOOP("BaseAlgorithm", "Report"),
)


#: Parameters whose value, given as text (a layer id, a name, a path), QGIS looks up among the
#: project's layers: :meth:`BaseAlgorithm.prepareAlgorithm` does that once, before the run.
_VECTOR_LOOKUPS = (QgsProcessingParameterFeatureSource, QgsProcessingParameterVectorLayer)
_LAYER_LOOKUPS = (QgsProcessingParameterMapLayer, QgsProcessingParameterRasterLayer)


def _text_of(value: Any) -> str | None:
    """The text a layer parameter's value names its layer by: the value itself, or a feature
    source definition's fixed layer (not one given by an expression); None otherwise."""
    if isinstance(value, QgsProcessingFeatureSourceDefinition):
        source = value.source
        if source.propertyType() != Qgis.PropertyType.Static:
            return None
        value = source.staticValue()
    return value if isinstance(value, str) and value else None


def _definition_source(definition, layer, context) -> QgsProcessingFeatureSource:
    """The source QGIS makes of a feature source ``definition`` whose layer is ``layer``
    (``QgsProcessingUtils::variantToSource``): its selected features only, its feature limit
    and filter, and its own invalid-geometry check, when it says so."""
    inner = QgsVectorLayerSelectedFeatureSource(layer) if definition.selectedFeaturesOnly else layer
    source = QgsProcessingFeatureSource(
        inner, context, False, definition.featureLimit, definition.filterExpression
    )
    source.digonce_inner = inner  # the selection's source lives as long as the one made of it
    if definition.flags & Qgis.ProcessingFeatureSourceDefinitionFlag.OverrideDefaultGeometryCheck:
        source.setInvalidGeometryCheck(definition.geometryCheck)
    return source


def plain_help(text: str) -> str:
    """Help written with a little HTML (bold, paragraphs, lists) as plain text, for
    ``qgis_process help``, which prints the tags as they are."""
    text = re.sub(r"<br\s*/?>", "\n", text, flags=re.I)
    text = re.sub(r"</p>\s*", "\n\n", text, flags=re.I)
    text = re.sub(r"<li>\s*", "- ", text, flags=re.I)
    text = re.sub(r"</li>\s*", "\n", text, flags=re.I)
    text = re.sub(r"<[^>]+>", "", text)
    text = re.sub(r"\n{3,}", "\n\n", html.unescape(text))
    return text.strip()


def _decimals(default) -> int:
    """Decimal places a number's form shows: as many as its default has, at least one (a
    default of 1.61 pounds shows 1.61, a distance of 25 shows 25.0)."""
    try:
        text = repr(float(default))
    except (TypeError, ValueError):
        return 1
    fraction = text.split(".")[1].rstrip("0") if "." in text and "e" not in text else ""
    return min(max(len(fraction), 1), 6)


def user_message(exc: BaseException, algorithm: str) -> str:
    """A sentence for an error no reader or check turned into one: the path and what to do for
    the file-system mistakes users make, else the error and where the details are. The
    traceback goes to QGIS's log panel (Dig Once tab) in the desktop, and with DIGONCE_DEBUG=1
    set; ``qgis_process`` prints the log, so there it stays out unless asked for."""
    if QgsApplication.platform() == "desktop" or os.environ.get("DIGONCE_DEBUG"):
        QgsMessageLog.logMessage(
            "".join(traceback.format_exception(type(exc), exc, exc.__traceback__)),
            "Dig Once",
            Qgis.MessageLevel.Critical,
        )
    path = getattr(exc, "filename", None)
    if isinstance(exc, IsADirectoryError):
        return f"{path} is a folder: {algorithm} needs a file here. Choose the file itself."
    if isinstance(exc, FileNotFoundError):
        return f"{path} does not exist: check the path."
    if isinstance(exc, PermissionError):
        return f"{path} cannot be read or written (permission denied): choose a file or folder you may use."
    if isinstance(exc, OSError) and path:
        return f"{path}: {exc.strerror or exc}."
    if isinstance(exc, RecursionError):
        return f"{algorithm}: the input is nested too deeply to be read (is it the right file?)."
    if isinstance(exc, MemoryError):
        return f"{algorithm}: not enough memory for this input."
    return (
        f"{algorithm} stopped on an unexpected error ({type(exc).__name__}: {exc}). Nothing was changed; "
        "the details are in QGIS's log panel (Dig Once tab), or run qgis_process with DIGONCE_DEBUG=1."
    )


class BaseAlgorithm(QgsProcessingAlgorithm):
    """Every Dig Once algorithm derives from this; subclasses stay thin over ``plugin.core``.

    Help is written once, with a little HTML for the toolbox's help panel; outside the
    desktop (``qgis_process help``) it is given as plain text.
    """

    group_id = "analysis"
    group_name = "Analysis"

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        process = cls.__dict__.get("processAlgorithm")
        if process is not None:

            def processAlgorithm(self, parameters, context, feedback):  # noqa: N802 (QGIS API)
                try:
                    return process(self, parameters, context, feedback)
                except QgsProcessingException:
                    raise
                except Exception as exc:  # a sentence for the user, the trace in the log
                    raise QgsProcessingException(user_message(exc, self.displayName())) from exc

            processAlgorithm.__doc__ = process.__doc__
            cls.processAlgorithm = processAlgorithm
        written = cls.__dict__.get("shortHelpString")
        if written is None:
            return

        def shortHelpString(self) -> str:  # noqa: N802 (QGIS API)
            text = written(self)
            return text if QgsApplication.platform() == "desktop" else plain_help(text)

        shortHelpString.__doc__ = written.__doc__
        cls.shortHelpString = shortHelpString

    def tr(self, message: str) -> str:
        """Translate in the class's context; strings written in a base class (e.g. the shared
        parameters of ``ConnectivityImport``) are extracted in that base's context, so try it next."""
        for cls in type(self).__mro__:
            if not (isinstance(cls, type) and issubclass(cls, BaseAlgorithm)):
                break
            text = QCoreApplication.translate(cls.__name__, message)
            if text != message:
                return text
        return message

    def addParameter(self, parameter, createOutput=True):  # noqa: N802, N803 (QGIS API)
        """Every parameter goes through here: decimal numbers show the decimals their default
        has (``25.0``, ``1.61``), not the widget's ``25.000000``."""
        if isinstance(parameter, QgsProcessingParameterNumber) and (
            parameter.dataType() == Qgis.ProcessingNumberParameterType.Double
        ):
            metadata = parameter.metadata()
            wrapper = dict(metadata.get("widget_wrapper") or {})
            wrapper.setdefault("decimals", _decimals(parameter.defaultValue()))
            metadata["widget_wrapper"] = wrapper
            parameter.setMetadata(metadata)
        return super().addParameter(parameter, createOutput)

    def add(self, parameter, help_text: str, *, advanced: bool = False):
        """The one way an algorithm declares a parameter: the parameter, its help, and whether
        it is in the dialog's advanced section. Returns the parameter."""
        parameter.setHelp(help_text)
        if advanced:
            parameter.setFlags(parameter.flags() | QgsProcessingParameterDefinition.FlagAdvanced)
        self.addParameter(parameter)
        return parameter

    def add_layer(
        self, name: str, label: str, help_text: str, *, optional: bool = False, advanced: bool = False
    ) -> QgsProcessingParameterFeatureSource:
        """An input layer of any geometry type (points, lines or polygons). Returns the parameter."""
        source = QgsProcessingParameterFeatureSource(
            name, label, [QgsProcessing.TypeVectorAnyGeometry], optional=optional
        )
        return self.add(source, help_text, advanced=advanced)

    def add_field(
        self,
        name: str,
        label: str,
        parent: str,
        help_text: str,
        *,
        default: str | None = None,
        numeric: bool = False,
        optional: bool = True,
        advanced: bool = False,
    ) -> QgsProcessingParameterField:
        """A field of the layer parameter ``parent`` (of any type, or ``numeric`` only); optional
        unless ``optional=False``, as a field left empty falls back to what the help says.
        Returns the parameter."""
        kind = QgsProcessingParameterField.Numeric if numeric else QgsProcessingParameterField.Any
        field = QgsProcessingParameterField(name, label, default, parent, kind, optional=optional)
        return self.add(field, help_text, advanced=advanced)

    def add_counts(self, labels: dict[str, str]) -> None:
        """The one way an algorithm declares its number results: output name -> its label
        (translated), in the order the toolbox lists them."""
        for key, label in labels.items():
            self.addOutput(QgsProcessingOutputNumber(key, label))

    def createInstance(self):  # noqa: N802
        return type(self)()

    def group(self) -> str:
        return QCoreApplication.translate("BaseAlgorithm", self.group_name)

    def groupId(self) -> str:  # noqa: N802
        return self.group_id

    def helpUrl(self) -> str:  # noqa: N802
        return "https://github.com/dig-once/dig_once#processing-algorithms"

    # --- layers looked up before the run, on the thread that starts it -----------------------
    #
    # A run from the panel or the Processing toolbox goes on a task's thread. There, QGIS looks
    # up a layer parameter given as text (a layer id, or a path, or a CRS's text, which may name
    # a layer) through QgsProject::layerStore(), which also drops the project's cached expression
    # scope (QGIS 3.40). When the legend builds that scope at the same moment on the main thread,
    # QGIS crashes (signal 11 in QgsExpressionContextScope::addVariable, from
    # QgsProject::createExpressionContextScope: seen in 3 of 12 desktop campaigns, and every
    # time in tests/qgis/test_thread_lookups.py's stress). QGIS calls prepareAlgorithm on the thread
    # that made the task, so the lookups are done there, once, and the run's own calls get the
    # layer (or CRS) found.

    def prepareAlgorithm(self, parameters, context, feedback):  # noqa: N802 (QGIS API)
        """Look up each layer and CRS parameter given as text, here (see above); a value that
        finds nothing is left for the run to refuse, with QGIS's own message."""
        prepared: dict[str, tuple[str, Any]] = {}
        for definition in self.parameterDefinitions():
            name = definition.name()
            value = _text_of(parameters.get(name))
            if not value:
                continue
            if isinstance(definition, _VECTOR_LOOKUPS):
                found = super().parameterAsVectorLayer({**parameters, name: value}, name, context)
            elif isinstance(definition, _LAYER_LOOKUPS):
                found = super().parameterAsLayer({**parameters, name: value}, name, context)
            elif isinstance(definition, QgsProcessingParameterCrs) and isinstance(parameters.get(name), str):
                found = super().parameterAsCrs(parameters, name, context)
            else:
                continue
            if found is not None:
                prepared[name] = (value, found)
        self._prepared = prepared
        return True

    def _prepared_value(self, parameters, name: str) -> Any:
        """What :meth:`prepareAlgorithm` found for ``name`` when the parameter still holds the
        text it looked up (as it is, or as a feature source definition's layer), else None."""
        value, found = getattr(self, "_prepared", {}).get(name, (None, None))
        return found if value is not None and _text_of(parameters.get(name)) == value else None

    def _with_prepared_layer(self, parameters, name: str):
        """``parameters`` with a layer given as text replaced by the layer found for it."""
        layer = self._prepared_value(parameters, name)
        if not isinstance(parameters.get(name), str) or not isinstance(layer, QgsMapLayer):
            return parameters
        return {**parameters, name: layer}

    def parameterAsSource(self, parameters, name, context):  # noqa: N802 (QGIS API)
        value, layer = parameters.get(name), self._prepared_value(parameters, name)
        if isinstance(value, QgsProcessingFeatureSourceDefinition) and isinstance(layer, QgsVectorLayer):
            return _definition_source(value, layer, context)
        return super().parameterAsSource(self._with_prepared_layer(parameters, name), name, context)

    def parameterAsVectorLayer(self, parameters, name, context):  # noqa: N802 (QGIS API)
        layer = self._prepared_value(parameters, name)
        if isinstance(parameters.get(name), QgsProcessingFeatureSourceDefinition) and isinstance(
            layer, QgsVectorLayer
        ):
            return layer  # QGIS gives the definition's layer, options aside
        return super().parameterAsVectorLayer(self._with_prepared_layer(parameters, name), name, context)

    def parameterAsLayer(self, parameters, name, context):  # noqa: N802 (QGIS API)
        layer = self._prepared_value(parameters, name)
        if isinstance(parameters.get(name), QgsProcessingFeatureSourceDefinition) and isinstance(
            layer, QgsMapLayer
        ):
            return layer
        return super().parameterAsLayer(self._with_prepared_layer(parameters, name), name, context)

    def parameterAsCrs(self, parameters, name, context):  # noqa: N802 (QGIS API)
        crs = self._prepared_value(parameters, name)
        if isinstance(crs, QgsCoordinateReferenceSystem):
            return QgsCoordinateReferenceSystem(crs)
        return super().parameterAsCrs(parameters, name, context)

    def source_unchecked(self, parameters, name: str, context):
        """``parameterAsSource`` without the context's invalid-geometry filter, for inputs whose
        "invalid" geometries are expected and handled: a pairs layer's zero-length lines (works
        that touch), boundary files with small self-intersections, works whose invalid polygons
        the engine repairs. The context's setting is restored afterwards."""
        check = context.invalidGeometryCheck()
        context.setInvalidGeometryCheck(Qgis.InvalidGeometryCheck.NoCheck)
        try:
            return self.parameterAsSource(parameters, name, context)
        finally:
            context.setInvalidGeometryCheck(check)

    @staticmethod
    def parameters_json(parameters: dict[str, Any]) -> str:
        """The run's parameters as stable JSON, for stamping into outputs; any user name,
        password or secret query value in an address is removed (``plugin.core.redact``)."""

        def plain(value: Any) -> Any:
            if isinstance(value, str):
                return redact(value)
            if isinstance(value, (int, float, bool)) or value is None:
                return value
            if isinstance(value, (list, tuple)):
                return [plain(v) for v in value]
            if isinstance(value, dict):
                return {str(k): plain(v) for k, v in value.items()}
            return redact(str(value))

        return json.dumps({k: plain(v) for k, v in sorted(parameters.items())}, sort_keys=True)

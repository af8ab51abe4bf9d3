"""digonce:importfibrespine: any line layer as the full-fibre spine, into the store."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from qgis.core import (
    QgsExpression,
    QgsExpressionContext,
    QgsExpressionContextScope,
    QgsExpressionContextUtils,
    QgsFeature,
    QgsFeatureRequest,
    QgsField,
    QgsFields,
    QgsProcessingException,
    QgsProcessingParameterExpression,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP, QMetaType

from ..plugin.sources.fibre_spine import SPINE_FIELDS, read_spine
from ..plugin.store import Layer
from ..plugin.toolbelt.i18n import tr
from ._connectivity import ConnectivityImport
from ._import_base import Output

SPINE_TABLE = "fibre_spine"
#: the help's example for TfL's network file (oobrien/vis tfl_lines.json), whose segments list
#: their lines with the year each opened (2030 Crossrail 2, 2035 Thameslink) and closed
TFL_BUILT = (
    "array_contains(array_foreach(\"lines\", coalesce(@element['opened'], 0) <= year(now()) "
    "and coalesce(@element['closed'], 9999) > year(now())), true)"
)


def _qgs_type(value: Any) -> QMetaType.Type:
    if isinstance(value, bool):
        return QMetaType.Type.Bool
    if isinstance(value, int):
        return QMetaType.Type.LongLong
    if isinstance(value, float):
        return QMetaType.Type.Double
    if isinstance(value, list):
        return QMetaType.Type.QVariantList
    if isinstance(value, dict):
        return QMetaType.Type.QVariantMap
    return QMetaType.Type.QString


class FeatureFilter:
    """A QGIS expression evaluated on a file's features: their properties are the attributes
    (lists and objects as QGIS arrays and maps). The property names seen are kept, so that an
    expression naming a column the file does not have is an error rather than an empty spine."""

    def __init__(self, text: str, scopes: list[QgsExpressionContextScope]) -> None:
        self.text = text
        self.expression = QgsExpression(text)
        if self.expression.hasParserError():
            raise QgsProcessingException(
                tr("FILTER {f!r} is not a valid QGIS expression: {e}").format(
                    f=text, e=self.expression.parserErrorString()
                )
            )
        self.scopes = scopes
        self.seen: set[str] = set()
        # a column a feature lacks is NULL there (GeoJSON properties vary between features);
        # one no feature has is reported after the read (unknown_columns)
        self.referenced = sorted(
            set(self.expression.referencedColumns()) - {QgsFeatureRequest.ALL_ATTRIBUTES}
        )

    def __call__(self, props: dict[str, Any]) -> bool:
        self.seen.update(props)
        props = {**{name: None for name in self.referenced}, **props}
        names = list(props)
        fields = QgsFields()
        for name in names:
            fields.append(QgsField(name, _qgs_type(props[name])))
        feature = QgsFeature(fields)
        feature.setAttributes([props[name] for name in names])
        context = QgsExpressionContext()
        for scope in self.scopes:
            context.appendScope(QgsExpressionContextScope(scope))
        context.setFields(fields)
        context.setFeature(feature)
        value = self.expression.evaluate(context)
        if self.expression.hasEvalError():
            raise QgsProcessingException(
                tr("FILTER {f!r} fails on feature {id}: {e}").format(
                    f=self.text, id=props.get("id", "?"), e=self.expression.evalErrorString()
                )
            )
        return bool(value)

    def unknown_columns(self) -> list[str]:
        """Columns the expression names that no feature had."""
        return [name for name in self.referenced if name not in self.seen]


def _filter_scopes(context) -> list[QgsExpressionContextScope]:
    """The scopes a FILTER expression is evaluated in: QGIS's global one, and the project's."""
    scopes = [QgsExpressionContextUtils.globalScope()]
    if context.project() is not None:
        scopes.append(QgsExpressionContextUtils.projectScope(context.project()))
    return scopes


class ImportFibreSpine(ConnectivityImport):
    LAYER = "LAYER"
    FILTER = "FILTER"
    kind = "fibre_spine"
    style = "spine"
    extra_counts = (
        Output("PARTS", QT_TRANSLATE_NOOP("ImportFibreSpine", "Line parts imported")),
        Output("LENGTH_KM", QT_TRANSLATE_NOOP("ImportFibreSpine", "Spine length (km)")),
        Output("LEFT_OUT", QT_TRANSLATE_NOOP("ImportFibreSpine", "Features left out by the filter")),
    )

    def name(self) -> str:
        return "importfibrespine"

    def displayName(self) -> str:  # noqa: N802
        return self.tr("Import full-fibre spine")

    def shortHelpString(self) -> str:  # noqa: N802
        return self.tr(
            "Sets the full-fibre spine the opportunity checks measure against: any line layer "
            "(GeoJSON, GeoPackage, Shapefile, ... or an http(s) URL), kept in the store's 'fibre_spine' "
            "layer in British National Grid.\n\n"
            "Only lines that exist should be the spine. When the file also holds planned or closed lines "
            "(TfL's network file carries Crossrail 2 and a 2035 Thameslink service), give a FILTER "
            "expression that is true for the lines to keep; the features it leaves out are counted "
            "(LEFT_OUT) and named in the summary. For TfL's file, lines open this year:\n"
            "{example}\n"
            "A feature's properties are its attributes (lists and objects as QGIS arrays and maps), and "
            "'name' is the line name(s) the plugin shows. An expression naming a column the file does "
            "not have is an error.\n\n"
            "Rules: the declared CRS is checked against the extent: latitude/longitude written in the "
            "wrong order, or British National Grid declared as WGS84, are detected and corrected (said in "
            "the log); an extent that is neither is an error. Multi-part lines become one record per part; "
            "empty parts, parts with fewer than two distinct points and non-line geometries are rejected "
            "with a reason. Features read = left out by the filter + rejected + imported. Re-importing the "
            "same file with the same filter changes nothing; a different filter replaces its lines."
        ).format(example=TFL_BUILT)

    def initAlgorithm(self, config=None):  # noqa: N802
        self.add_common_parameters(self.tr("A line layer file, or an http(s) URL of one."))
        self.add(
            QgsProcessingParameterExpression(
                self.FILTER, self.tr("Keep only the lines where (expression)"), optional=True
            ),
            self.tr(
                "A QGIS expression on each feature's properties, true for the lines that form the spine "
                "(e.g. \"status\" = 'built'); empty = every line. Features it leaves out are counted."
            ),
        )
        self.add_text(
            self.LAYER,
            self.tr("Layer name (multi-layer files)"),
            self.tr("For a GeoPackage or other multi-layer file: the layer to read; empty = the first."),
            advanced=True,
        )

    def prepareAlgorithm(self, parameters, context, feedback):  # noqa: N802 (QGIS API)
        """The FILTER's global and project scopes, made here: on the thread that starts the run
        (QGIS's main thread for a run from the panel or the toolbox). Made on the run's own
        thread, the project's scope races the legend's, which builds the same cached scope
        (see ``BaseAlgorithm.prepareAlgorithm``)."""
        self._filter_scopes = _filter_scopes(context)
        return super().prepareAlgorithm(parameters, context, feedback)

    def run_import(self, parameters, context, feedback):
        # as a string: parameterAsExpression gives "" for an expression that does not parse,
        # which would import everything without a word
        text = (self.parameterAsString(parameters, self.FILTER, context) or "").strip()
        keep = None
        if text:
            scopes = getattr(self, "_filter_scopes", None) or _filter_scopes(context)
            keep = FeatureFilter(text, scopes)
        store = self.open_store(parameters, context)
        path = self.input_path(parameters, context, store, feedback)
        layer_name = self.parameterAsString(parameters, self.LAYER, context) or None
        result = read_spine(path, layer_name, keep=keep)
        if keep is not None and keep.unknown_columns():
            raise QgsProcessingException(
                self.tr(
                    "FILTER {f!r} names column(s) {c} that {file} does not have; its columns are: {cols}"
                ).format(
                    f=text,
                    c=", ".join(keep.unknown_columns()),
                    file=Path(path).name,
                    cols=", ".join(sorted(keep.seen)),
                )
            )
        if feedback.isCanceled():
            return {}
        left_out = result.counts.get("left_out", 0)
        feedback.pushInfo(
            self.tr("{n} line parts read from {f}").format(n=len(result.records), f=Path(path).name)
        )
        if text:
            feedback.pushInfo(self.tr("{n} features left out by the filter {e}").format(n=left_out, e=text))
        layer = Layer(SPINE_TABLE, SPINE_FIELDS, "LINESTRING", description="Full-fibre spine (EPSG:27700)")
        options = {"layer": layer_name}
        if text:
            options["filter"] = text
        imported = self.write(
            store, result, [(layer, result.records)], source=path, scope=Path(path).name,
            options=options, feedback=feedback,
        )  # fmt: skip
        if text and not imported.unchanged:
            imported.message += f", {left_out} features left out by the filter {text}"
        return self.report(imported, store, SPINE_TABLE, result, context, feedback)

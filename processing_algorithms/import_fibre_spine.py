"""digonce:importfibrespine: any line layer as the full-fibre spine, into the store."""

from __future__ import annotations

from pathlib import Path

from qgis.core import QgsProcessingException, QgsProcessingParameterDefinition, QgsProcessingParameterString
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP

from ..plugin.core.errors import InputError
from ..plugin.sources.fibre_spine import SPINE_FIELDS, read_spine
from ..plugin.store import Layer
from ._connectivity import ConnectivityImport

SPINE_TABLE = "fibre_spine"


class ImportFibreSpine(ConnectivityImport):
    LAYER = "LAYER"
    kind = "fibre_spine"
    style = "spine"
    extra_counts = (
        ("PARTS", QT_TRANSLATE_NOOP("ImportFibreSpine", "Line parts imported")),
        ("LENGTH_KM", QT_TRANSLATE_NOOP("ImportFibreSpine", "Spine length (km)")),
    )

    def name(self) -> str:
        return "importfibrespine"

    def displayName(self) -> str:  # noqa: N802
        return self.tr("Import full-fibre spine")

    def shortHelpString(self) -> str:  # noqa: N802
        return self.tr(
            "Imports any line layer (GeoJSON, GeoPackage, Shapefile, ... or an http(s) URL) as the "
            "full-fibre spine into the store table 'fibre_spine', in EPSG:27700.\n\n"
            "The declared CRS is checked against the extent: latitude/longitude written in the wrong "
            "order, or British National Grid declared as WGS84, are detected and corrected (said in "
            "the log); an extent that is neither is an error. Multi-part lines become one record per "
            "part; empty parts, parts with fewer than two distinct points and non-line geometries are "
            "rejected with a reason. Re-importing the same file replaces its lines."
        )

    def initAlgorithm(self, config=None):  # noqa: N802
        self.add_common_parameters(self.tr("A line layer file, or an http(s) URL of one."))
        layer = QgsProcessingParameterString(
            self.LAYER, self.tr("Layer name (multi-layer files)"), optional=True
        )
        layer.setHelp(
            self.tr("For a GeoPackage or other multi-layer file: the layer to read; empty = the first.")
        )
        layer.setFlags(layer.flags() | QgsProcessingParameterDefinition.FlagAdvanced)
        self.addParameter(layer)

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        self._parameters_json = self.parameters_json(parameters)
        store = self.open_store(parameters, context)
        path = self.input_path(parameters, context, store, feedback)
        layer_name = self.parameterAsString(parameters, self.LAYER, context) or None
        try:
            result = read_spine(path, layer_name)
        except InputError as exc:
            raise QgsProcessingException(str(exc)) from exc
        if feedback.isCanceled():
            return {}
        feedback.pushInfo(
            self.tr("{n} line parts read from {f}").format(n=len(result.records), f=Path(path).name)
        )
        layer = Layer(SPINE_TABLE, SPINE_FIELDS, "LINESTRING", description="Full-fibre spine (EPSG:27700)")
        imported = self.write(
            store, result, [(layer, result.records)], source=path, scope=Path(path).name,
            options={"layer": layer_name}, feedback=feedback,
        )  # fmt: skip
        return self.report(imported, store, SPINE_TABLE, result, context, feedback)

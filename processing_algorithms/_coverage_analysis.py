"""The base of the coverage analyses, findcoveragegaps and findspineopportunities (a helper
module, not an algorithm): their input, not-spot and spine parameters, read in one order, and
an output that carries the input's fields before the analysis's own. Strings written here are
translated in the ``CoverageAlgorithm`` context, which both algorithms' ``tr()`` fall back to."""

from __future__ import annotations

from typing import Any

import numpy as np
from qgis.core import (
    QgsProcessing,
    QgsProcessingMultiStepFeedback,
    QgsProcessingParameterDistance,
    QgsProcessingParameterFeatureSource,
)
from qgis.PyQt.QtCore import QMetaType

from ..plugin.core.coverage_tables import truthy
from ..plugin.toolbelt.layer_io import field_spec, geometry_type_name, write_columns
from ..plugin.toolbelt.settings import PluginSettings
from ._analysis import AnalysisAlgorithm
from ._works_fields import open_source, read_layer


class CoverageAlgorithm(AnalysisAlgorithm):
    """An analysis of an input layer (sites or works) against connectivity not-spots and the
    full-fibre spine, writing the input's features with fields added."""

    INPUT = "INPUT"
    NOTSPOTS = "NOTSPOTS"
    NOTSPOT_FIELD = "NOTSPOT_FIELD"
    SPINE = "SPINE"
    MAX_SPINE_DISTANCE = "MAX_SPINE_DISTANCE"
    OUTPUT = "OUTPUT"

    def add_notspot_parameters(self) -> None:
        self.add(
            QgsProcessingParameterFeatureSource(
                self.NOTSPOTS,
                self.tr("Not-spots"),
                [QgsProcessing.TypeVectorPoint, QgsProcessing.TypeVectorPolygon],
            ),
            self.tr("Postcode points or area polygons from 'Import Ofcom coverage'."),
        )
        self.add_field(
            self.NOTSPOT_FIELD,
            self.tr("Not-spot flag field"),
            self.NOTSPOTS,
            self.tr("Boolean field of the not-spot layer: true where the place is a not-spot."),
            default="is_notspot",
            optional=False,
            advanced=True,
        )

    def add_spine_parameter(self, help_text: str) -> None:
        self.add(
            QgsProcessingParameterFeatureSource(
                self.SPINE, self.tr("Full-fibre spine"), [QgsProcessing.TypeVectorLine]
            ),
            help_text,
        )

    def add_max_spine_distance(self, label: str, help_text: str) -> None:
        self.add(
            QgsProcessingParameterDistance(
                self.MAX_SPINE_DISTANCE,
                label,
                PluginSettings().max_spine_distance_m,
                self.INPUT,
                minValue=0.0,
            ),
            help_text,
        )

    def begin(self, parameters, context, feedback):
        """Call first in ``processAlgorithm``: the run's five steps, the input, not-spot and
        spine sources (a missing one stops the run, named) and the maximum spine distance."""
        self.start_run(parameters)
        # not-spot areas come from boundary files whose small self-intersections do not matter here
        sources = (
            open_source(self, parameters, context, self.INPUT)[0],
            open_source(self, parameters, context, self.NOTSPOTS, unchecked=True)[0],
            open_source(self, parameters, context, self.SPINE)[0],
        )
        steps = QgsProcessingMultiStepFeedback(5, feedback)
        return steps, sources, self.parameterAsDouble(parameters, self.MAX_SPINE_DISTANCE, context)

    def read_inputs(
        self,
        parameters,
        context,
        steps,
        sources,
        wanted: dict[str, Any],
        place_fields: tuple[str, ...],
        key_fields: tuple[str, ...] = (),
    ):
        """The input (``wanted`` fields), the not-spot places (flag, those of ``place_fields``
        the layer has, and the first of ``key_fields`` it has as ``key``) and the spine, read in
        this order as steps 1-3. Returns them and the not-spot flag of each place."""
        input_src, ns_src, spine_src = sources
        inputs = read_layer(self, parameters, context, steps, self.INPUT, input_src, wanted, "INPUT")
        steps.setCurrentStep(1)
        ns_names = ns_src.fields().names()
        ns_wanted = {"flag": self.parameterAsString(parameters, self.NOTSPOT_FIELD, context) or "is_notspot"}
        ns_wanted.update({name: name for name in place_fields if name in ns_names})
        key = next((name for name in key_fields if name in ns_names), None)
        if key:
            ns_wanted["key"] = key
        places = read_layer(self, parameters, context, steps, self.NOTSPOTS, ns_src, ns_wanted, "NOTSPOTS")
        steps.setCurrentStep(2)
        spine = read_layer(self, parameters, context, steps, self.SPINE, spine_src, {}, "SPINE")
        steps.setCurrentStep(3)
        is_ns = np.array([truthy(v) for v in places.columns["flag"]], dtype=bool)
        return inputs, places, spine, is_ns

    def write_output(self, parameters, context, feedback, fields, columns, geometries, source) -> str:
        """The output: the input's fields (``fields``) and geometry type, then the analysis's."""
        spec, kind = field_spec(fields), geometry_type_name(source.wkbType())
        dest = write_columns(
            self, parameters, context, feedback, self.OUTPUT, spec, columns, geometries, kind
        )
        self._dest[self.OUTPUT] = dest
        return dest


def qgs_field(name: str, kind: str):
    """A QgsField for a canonical type name (str/int/float/bool/date)."""
    from qgis.core import QgsField

    types = {
        "str": QMetaType.Type.QString,
        "int": QMetaType.Type.LongLong,
        "float": QMetaType.Type.Double,
        "bool": QMetaType.Type.Bool,
        "date": QMetaType.Type.QString,
    }
    return QgsField(name, types[kind])


def output_fields(source, extra: list[tuple[str, str]]):
    """The source's fields (minus any named like an added field) followed by ``extra``."""
    from qgis.core import QgsFields

    added = {name for name, _ in extra}
    fields = QgsFields()
    kept = []
    for field in source.fields():
        if field.name() not in added:
            fields.append(field)
            kept.append(field.name())
    for name, kind in extra:
        fields.append(qgs_field(name, kind))
    return fields, kept

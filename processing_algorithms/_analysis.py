"""The bases of the find* analyses (a helper module, not an algorithm).

:class:`AnalysisAlgorithm`: outputs stamped with the run's parameters and styled once the run
is done. :class:`ClashAlgorithm`: the clash and dig-once rules' parameters, shared by
findworksoverlaps and findregistermatches. :class:`CoverageAlgorithm`: the not-spot and spine
inputs of findcoveragegaps and findspineopportunities, and an output that carries the input's
fields. Strings written here are translated in these classes' contexts, which every subclass's
``tr()`` falls back to."""

from __future__ import annotations

from typing import Any

import numpy as np
from qgis.core import (
    QgsProcessing,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)
from qgis.PyQt.QtCore import QMetaType

from ..plugin.core.coverage_tables import truthy
from ..plugin.core.schema import EXCLUDED_PERMIT_STATUSES
from ..plugin.toolbelt.layer_io import field_spec, geometry_type_name, write_columns
from ..plugin.toolbelt.layers import split_list
from ..plugin.toolbelt.outputs import finalize_output
from ._works_fields import open_source, read_layer
from .base import BaseAlgorithm


class AnalysisAlgorithm(BaseAlgorithm):
    """An analysis whose outputs are stamped with the run's parameters and styled when done."""

    #: output parameter -> its style (``resources/styles``)
    styles: dict[str, str] = {}

    def start_run(self, parameters: dict[str, Any]) -> None:
        """Call first in ``processAlgorithm``: the parameters to stamp, no output yet."""
        self._parameters_json = self.parameters_json(parameters)
        self._dest: dict[str, str] = {}

    def postProcessAlgorithm(self, context, feedback) -> dict[str, Any]:  # noqa: N802
        for param, dest in getattr(self, "_dest", {}).items():
            if dest:
                finalize_output(
                    dest,
                    context,
                    feedback,
                    style=self.styles[param],
                    algorithm_id=f"digonce:{self.name()}",
                    parameters_json=getattr(self, "_parameters_json", "{}"),
                )
        return {}


class ClashAlgorithm(AnalysisAlgorithm):
    """The clash and dig-once rules (DOMAIN.md section 3): distance, largest gap, same street,
    same owner, excluded permit statuses."""

    DISTANCE = "DISTANCE"
    MAX_GAP_DAYS = "MAX_GAP_DAYS"
    SAME_STREET = "SAME_STREET"
    INCLUDE_SAME_OWNER = "INCLUDE_SAME_OWNER"
    EXCLUDED_STATUSES = "EXCLUDED_STATUSES"

    def add_rule_parameters(
        self, *, max_distance: float | None = None, max_gap: int | None = None, statuses_advanced: bool
    ) -> None:
        """The rules' parameters, in this order; ``max_distance`` and ``max_gap`` bound what
        may be asked (the register's limits), None: unbounded."""
        bounds = {} if max_distance is None else {"maxValue": max_distance}
        self.add(
            QgsProcessingParameterNumber(
                self.DISTANCE,
                self.tr("Distance (m)"),
                QgsProcessingParameterNumber.Double,
                25.0,
                minValue=0.0,
                **bounds,
            ),
            self.tr("Works whose geometries are at most this many metres apart are near (inclusive)."),
        )
        bounds = {} if max_gap is None else {"maxValue": max_gap}
        self.add(
            QgsProcessingParameterNumber(
                self.MAX_GAP_DAYS,
                self.tr("Largest gap for an opportunity (days)"),
                QgsProcessingParameterNumber.Integer,
                90,
                minValue=0,
                **bounds,
            ),
            self.tr("Near works whose windows are at most this many days apart are a dig-once opportunity."),
        )
        self.add(
            QgsProcessingParameterBoolean(
                self.SAME_STREET, self.tr("Works on the same street (USRN) are near"), False
            ),
            self.tr("Works with the same non-empty USRN are near whatever the distance."),
        )
        self.add(
            QgsProcessingParameterBoolean(
                self.INCLUDE_SAME_OWNER, self.tr("Include pairs with the same owner"), False
            ),
            self.tr("Keep pairs of works by the same promoter (left out by default)."),
        )
        self.add(
            QgsProcessingParameterString(
                self.EXCLUDED_STATUSES,
                self.tr("Excluded permit statuses"),
                ", ".join(EXCLUDED_PERMIT_STATUSES),
                optional=True,
            ),
            self.tr("Comma-separated permit statuses whose works never take part (empty: none)."),
            advanced=statuses_advanced,
        )

    def rules(self, parameters, context) -> dict[str, Any]:
        """The rules as the engine's keyword arguments (``find_overlaps``, ``find_matches``)."""
        return {
            "distance": self.parameterAsDouble(parameters, self.DISTANCE, context),
            "max_gap_days": self.parameterAsInt(parameters, self.MAX_GAP_DAYS, context),
            "same_street": self.parameterAsBoolean(parameters, self.SAME_STREET, context),
            "include_same_owner": self.parameterAsBoolean(parameters, self.INCLUDE_SAME_OWNER, context),
            "excluded_statuses": split_list(
                self.parameterAsString(parameters, self.EXCLUDED_STATUSES, context)
            ),
        }


class CoverageAlgorithm(AnalysisAlgorithm):
    """An analysis of an input layer (sites or works) against connectivity not-spots and the
    full-fibre spine, writing the input's features with fields added."""

    INPUT = "INPUT"
    NOTSPOTS = "NOTSPOTS"
    NOTSPOT_FIELD = "NOTSPOT_FIELD"
    SPINE = "SPINE"
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
        self.add(
            QgsProcessingParameterField(
                self.NOTSPOT_FIELD,
                self.tr("Not-spot flag field"),
                "is_notspot",
                parentLayerParameterName=self.NOTSPOTS,
            ),
            self.tr("Boolean field of the not-spot layer: true where the place is a not-spot."),
            advanced=True,
        )

    def add_spine_parameter(self, help_text: str) -> None:
        self.add(
            QgsProcessingParameterFeatureSource(
                self.SPINE, self.tr("Full-fibre spine"), [QgsProcessing.TypeVectorLine]
            ),
            help_text,
        )

    def sources(self, parameters, context) -> tuple[Any, Any, Any]:
        """The input, not-spot and spine sources; a missing one stops the run, named."""
        # not-spot areas come from boundary files whose small self-intersections do not matter here
        return (
            open_source(self, parameters, context, self.INPUT)[0],
            open_source(self, parameters, context, self.NOTSPOTS, unchecked=True)[0],
            open_source(self, parameters, context, self.SPINE)[0],
        )

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
        self._dest[self.OUTPUT] = write_columns(
            self,
            parameters,
            context,
            feedback,
            self.OUTPUT,
            field_spec(fields),
            columns,
            geometries,
            geometry_type_name(source.wkbType()),
        )
        return self._dest[self.OUTPUT]


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

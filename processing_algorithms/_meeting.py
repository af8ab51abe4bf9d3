"""The base of the report and the meeting export (a helper module: not an algorithm)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from qgis.core import QgsProcessingAlgorithm, QgsProcessingException, QgsVectorLayer

from ..plugin.core.meeting import compute_group_benefits, ranked
from ._report_benefits import benefit_parameters, read_benefit_inputs
from ._report_layers import read_groups
from .base import BaseAlgorithm


class MeetingAlgorithm(BaseAlgorithm):
    """The base of the report and the meeting export: the layers of ``digonce:findworksoverlaps``
    they read, and the coordination groups ranked with their benefits."""

    group_id = "report"
    group_name = "Report"
    PAIRS, GROUPS, WORKS, TOP_GROUPS, OUTPUT = "PAIRS", "GROUPS", "WORKS", "TOP_GROUPS", "OUTPUT"

    def flags(self):
        # Map rendering (the report, and the export's report run) belongs on the main thread.
        return super().flags() | QgsProcessingAlgorithm.Flag.FlagNoThreading

    def vector_layers(self, parameters, names: Sequence[str], context) -> dict[str, QgsVectorLayer | None]:
        """Each named layer (None when not given); an invalid one stops the run."""
        layers = {}
        for name in names:
            layer = self.parameterAsVectorLayer(parameters, name, context)
            if layer is not None and not layer.isValid():
                raise QgsProcessingException(self.invalidSourceError(parameters, name))
            layers[name] = layer
        return layers

    def ranked_groups(self, parameters, layers: Mapping[str, Any], context, feedback):
        """(groups ranked with their benefits, benefit parameters, optional inputs)."""
        groups = read_groups(
            layers[self.GROUPS], layers.get(self.PAIRS), layers.get(self.WORKS), context, feedback
        )
        inputs = read_benefit_inputs(self, parameters, context, feedback)
        params = benefit_parameters(self, parameters, context)
        compute_group_benefits(groups, params, inputs)
        return ranked(groups), params, inputs

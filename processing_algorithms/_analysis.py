"""The bases of the analyses (a helper module, not an algorithm).

:class:`AnalysisAlgorithm`: output layers (``add_sink``) stamped with the run's parameters and
styled once the run is done; the EXCLUDED_STATUSES parameter. :class:`ClashAlgorithm`: the clash
and dig-once rules' parameters, shared by findworksoverlaps and findregistermatches. (The
coverage analyses' base is in ``_coverage_analysis``.) Strings written here are translated in
these classes' contexts, which every subclass's ``tr()`` falls back to."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Any

from qgis.core import (
    QgsProcessing,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)

from ..plugin.core.schema import EXCLUDED_PERMIT_STATUSES
from ..plugin.toolbelt.layer_io import bulk_path, plan_write, write_columns
from ..plugin.toolbelt.layers import split_list
from ..plugin.toolbelt.outputs import finalize_output
from .base import BaseAlgorithm


class _CancelOnly:
    """A feedback for an output written beside another: it cancels with the run, its progress
    is not shown (the other's is)."""

    def __init__(self, feedback) -> None:
        self.isCanceled = feedback.isCanceled

    def setProgress(self, _progress: float) -> None:  # noqa: N802
        pass


class AnalysisAlgorithm(BaseAlgorithm):
    """An analysis whose outputs are stamped with the run's parameters and styled when done."""

    EXCLUDED_STATUSES = "EXCLUDED_STATUSES"

    #: output parameter -> its style (``resources/styles``)
    styles: dict[str, str] = {}

    def add_sink(
        self,
        name: str,
        label: str,
        help_text: str,
        layer_type: QgsProcessing.SourceType = QgsProcessing.TypeVectorAnyGeometry,
        *,
        optional: bool = False,
    ) -> None:
        """An output layer. An optional one may be left out (unticked in the dialog, or given no
        value by a script) and is written by default."""
        self.add(QgsProcessingParameterFeatureSink(name, label, layer_type, optional=optional), help_text)

    def add_excluded_statuses(self, separator: str, *, advanced: bool) -> None:
        """EXCLUDED_STATUSES: permit statuses whose works never take part. Its default is the
        schema's list joined by ``separator``: each check keeps the default it has always shown
        (", " in the clash checks, "," in the restrictions check), which runs and saved models
        hold on to."""
        self.add(
            QgsProcessingParameterString(
                self.EXCLUDED_STATUSES,
                self.tr("Excluded permit statuses"),
                separator.join(EXCLUDED_PERMIT_STATUSES),
                optional=True,
            ),
            self.tr("Comma-separated permit statuses whose works never take part (empty: none)."),
            advanced=advanced,
        )

    def write_outputs(
        self, parameters, context, steps, outputs: Sequence[tuple], first_step: int
    ) -> dict[str, str]:
        """Write ``outputs`` (``(param, fields, table, geometry type)``, ``table()`` giving the
        columns and the geometries) and return their destination ids. The first, the largest,
        goes on a thread of its own while the others are written here, when it and they are
        separate GeoPackages (GDAL's sink and one file's tables are written one at a time);
        the progress shown is the first's. A cancel or an error in either is raised after
        both have stopped."""
        first, *rest = outputs
        paths = [bulk_path(self, parameters, context, param) for param, *_ in outputs]
        resolved = [p.resolve() if p is not None else None for p in paths]
        apart = None not in resolved and resolved[0] not in resolved[1:]
        dest: dict[str, str] = {}
        if not apart:
            for step, (param, fields, table, kind) in enumerate(outputs, start=first_step):
                steps.setCurrentStep(step)
                dest[param] = write_columns(self, parameters, context, steps, param, fields, *table(), kind)
            return dest
        steps.setCurrentStep(first_step)
        param, fields, table, kind = first
        planned = plan_write(self, parameters, context, steps, param, fields, *table(), kind)
        failed: list[BaseException] = []

        def run() -> None:
            try:
                planned.run()
            except BaseException as exc:  # noqa: BLE001 - handed to the algorithm's thread
                failed.append(exc)

        thread = threading.Thread(target=run, name=f"digonce-write-{param}")
        thread.start()
        try:
            quiet = _CancelOnly(steps)
            for param_, fields_, table_, kind_ in rest:
                dest[param_] = write_columns(
                    self, parameters, context, quiet, param_, fields_, *table_(), kind_
                )
        finally:
            thread.join()
        if failed:
            raise failed[0]
        dest[param] = planned.finish()
        return {param: dest[param] for param, *_ in outputs}

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
        self.add_excluded_statuses(", ", advanced=statuses_advanced)

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

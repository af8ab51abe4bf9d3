"""digonce:findspineopportunities: works near the spine passing through not-spots, ranked."""

from __future__ import annotations

import datetime as dt

import numpy as np
from qgis.core import (
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingMultiStepFeedback,
    QgsProcessingOutputNumber,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterDistance,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterString,
)

from ..plugin.core import coverage
from ..plugin.core.dates import LONDON, day_number, from_day_number
from ..plugin.core.overlaps import MISSING_DAY
from ..plugin.toolbelt.layer_io import field_spec, geometry_type_name, write_columns
from ..plugin.toolbelt.layers import column_days
from ..plugin.toolbelt.outputs import finalize_output
from ..plugin.toolbelt.settings import PluginSettings
from ._analysis import output_fields, plain, read_input, truthy
from ._bulk_geometry_gc import without_gc
from .base import BaseAlgorithm

OPPORTUNITY_FIELDS: list[tuple[str, str]] = [
    ("rank", "int"),
    ("score", "float"),
    ("spine_distance_m", "float"),
    ("notspot_places", "int"),
    ("affected_premises", "float"),
    ("length_m", "float"),
    ("days_to_start", "int"),
]


class FindSpineOpportunities(BaseAlgorithm):
    INPUT = "INPUT"
    SPINE = "SPINE"
    NOTSPOTS = "NOTSPOTS"
    NOTSPOT_FIELD = "NOTSPOT_FIELD"
    MAX_SPINE_DISTANCE = "MAX_SPINE_DISTANCE"
    NOTSPOT_DISTANCE = "NOTSPOT_DISTANCE"
    START_FIELD = "START_FIELD"
    END_FIELD = "END_FIELD"
    REFERENCE_DATE = "REFERENCE_DATE"
    OUTPUT = "OUTPUT"
    OPPORTUNITIES = "OPPORTUNITIES"
    EXCLUDED_ENDED = "EXCLUDED_ENDED"

    def name(self) -> str:
        return "findspineopportunities"

    def displayName(self) -> str:  # noqa: N802
        return self.tr("Find spine opportunities")

    def shortHelpString(self) -> str:  # noqa: N802
        return self.tr(
            "Use this to lay duct while the road is open anyway. It ranks street works that pass close to "
            "the full-fibre spine and close to connectivity not-spots, best first.\n\n"
            "<b>The exact rules</b>\n\n"
            "Street works within MAX_SPINE_DISTANCE of the full-fibre spine that pass within "
            "NOTSPOT_DISTANCE of not-spots: the chance to lay duct from the spine while the road is "
            "open. Ranked by score (rank 1 = best):\n\n"
            "score = affected x (0.5 + 0.5 x (1 - spine_distance / MAX_SPINE_DISTANCE)) "
            "x (1 + min(length_m, 1000) / 1000) x 1 / (1 + max(0, days_to_start) / 90)\n\n"
            "affected = sum over the not-spots within reach of premises unable to get the level "
            "(premises x share / 100) when the not-spot layer has 'premises', else 1 per postcode or "
            "area. days_to_start counts from the reference date (default today, London). Works that "
            "ended before the reference date are left out (EXCLUDED_ENDED); works with no dates get a "
            "date factor of 1."
        )

    def initAlgorithm(self, config=None):  # noqa: N802
        settings = PluginSettings()
        p = QgsProcessingParameterFeatureSource(
            self.INPUT, self.tr("Works"), [QgsProcessing.TypeVectorAnyGeometry]
        )
        p.setHelp(self.tr("Street works (e.g. the store's 'works' layer): lines, points or polygons."))
        self.addParameter(p)
        p = QgsProcessingParameterFeatureSource(
            self.SPINE, self.tr("Full-fibre spine"), [QgsProcessing.TypeVectorLine]
        )
        p.setHelp(self.tr("Line layer of the spine."))
        self.addParameter(p)
        p = QgsProcessingParameterFeatureSource(
            self.NOTSPOTS,
            self.tr("Not-spots"),
            [QgsProcessing.TypeVectorPoint, QgsProcessing.TypeVectorPolygon],
        )
        p.setHelp(self.tr("Postcode points or area polygons from 'Import Ofcom coverage'."))
        self.addParameter(p)
        p = QgsProcessingParameterField(
            self.NOTSPOT_FIELD,
            self.tr("Not-spot flag field"),
            "is_notspot",
            parentLayerParameterName=self.NOTSPOTS,
        )
        p.setHelp(self.tr("Boolean field of the not-spot layer: true where the place is a not-spot."))
        p.setFlags(p.flags() | QgsProcessingParameterDefinition.FlagAdvanced)
        self.addParameter(p)
        p = QgsProcessingParameterDistance(
            self.MAX_SPINE_DISTANCE, self.tr("Maximum distance from the spine"), settings.max_spine_distance_m,
            self.INPUT, minValue=0.0,
        )  # fmt: skip
        p.setHelp(self.tr("Works further than this (metres) from the spine are not opportunities."))
        self.addParameter(p)
        p = QgsProcessingParameterDistance(
            self.NOTSPOT_DISTANCE, self.tr("Reach into not-spots"), 250.0, self.INPUT, minValue=0.0
        )
        p.setHelp(self.tr("Not-spot places within this distance (metres) of a work count for it."))
        self.addParameter(p)
        for key, label, default in (
            (self.START_FIELD, self.tr("Start date field"), "start_date"),
            (self.END_FIELD, self.tr("End date field"), "end_date"),
        ):
            p = QgsProcessingParameterField(key, label, parentLayerParameterName=self.INPUT, optional=True)
            p.setHelp(
                self.tr("Empty = '{f}' when the layer has it; no field = no date factor.").format(f=default)
            )
            p.setFlags(p.flags() | QgsProcessingParameterDefinition.FlagAdvanced)
            self.addParameter(p)
        p = QgsProcessingParameterString(
            self.REFERENCE_DATE, self.tr("Reference date (YYYY-MM-DD)"), optional=True
        )
        p.setHelp(self.tr("Days to start count from this date; empty = today (Europe/London)."))
        p.setFlags(p.flags() | QgsProcessingParameterDefinition.FlagAdvanced)
        self.addParameter(p)
        p = QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("Spine opportunities"))
        p.setHelp(self.tr("The qualifying works, best first, with rank, score and its terms."))
        self.addParameter(p)
        self.addOutput(QgsProcessingOutputNumber(self.OPPORTUNITIES, self.tr("Opportunities found")))
        self.addOutput(
            QgsProcessingOutputNumber(self.EXCLUDED_ENDED, self.tr("Works near the spine that already ended"))
        )

    @without_gc
    def processAlgorithm(self, parameters, context, model_feedback):  # noqa: N802
        self._parameters_json = self.parameters_json(parameters)
        feedback = QgsProcessingMultiStepFeedback(5, model_feedback)
        works_src = self.parameterAsSource(parameters, self.INPUT, context)
        spine_src = self.parameterAsSource(parameters, self.SPINE, context)
        # not-spot areas come from boundary files whose small self-intersections do not matter here
        ns_src = self.source_unchecked(parameters, self.NOTSPOTS, context)
        for src, key in ((works_src, self.INPUT), (ns_src, self.NOTSPOTS), (spine_src, self.SPINE)):
            if src is None:
                raise QgsProcessingException(self.invalidSourceError(parameters, key))
        max_d = self.parameterAsDouble(parameters, self.MAX_SPINE_DISTANCE, context)
        reach = self.parameterAsDouble(parameters, self.NOTSPOT_DISTANCE, context)
        flag_field = self.parameterAsString(parameters, self.NOTSPOT_FIELD, context) or "is_notspot"
        names = works_src.fields().names()
        start_field = self.parameterAsString(parameters, self.START_FIELD, context) or (
            "start_date" if "start_date" in names else ""
        )
        end_field = self.parameterAsString(parameters, self.END_FIELD, context) or (
            "end_date" if "end_date" in names else ""
        )
        ref_text = (self.parameterAsString(parameters, self.REFERENCE_DATE, context) or "").strip()
        try:
            ref_day = day_number(
                dt.date.fromisoformat(ref_text) if ref_text else dt.datetime.now(LONDON).date()
            )
        except ValueError as exc:
            raise QgsProcessingException(f"REFERENCE_DATE {ref_text!r} is not a YYYY-MM-DD date") from exc
        feedback.pushInfo(self.tr("Reference date {d}").format(d=from_day_number(ref_day).isoformat()))

        fields, kept = output_fields(works_src, OPPORTUNITY_FIELDS)
        wanted = {name: name for name in kept}
        wanted.update({"__start": start_field or None, "__end": end_field or None})
        works = read_input(self, parameters, self.INPUT, works_src, wanted, context, feedback, "INPUT")
        feedback.setCurrentStep(1)
        ns_wanted = {"flag": flag_field}
        for opt in ("premises", "notspot_share_pct"):
            if opt in ns_src.fields().names():
                ns_wanted[opt] = opt
        places = read_input(self, parameters, self.NOTSPOTS, ns_src, ns_wanted, context, feedback, "NOTSPOTS")
        feedback.setCurrentStep(2)
        spine = read_input(self, parameters, self.SPINE, spine_src, {}, context, feedback, "SPINE")
        feedback.setCurrentStep(3)
        if feedback.isCanceled():
            return {}
        start = self._days(works.columns.get("__start"), len(works), "start", feedback)
        end = self._days(works.columns.get("__end"), len(works), "end", feedback)
        is_ns = np.array([truthy(v) for v in places.columns["flag"]], dtype=bool)
        place_records = [
            {"premises": plain(p), "notspot_share_pct": plain(s)}
            for p, s in zip(
                places.columns.get("premises", [None] * len(places)),
                places.columns.get("notspot_share_pct", [None] * len(places)),
                strict=True,
            )
        ]
        affected = coverage.place_affected(place_records)
        res = coverage.spine_opportunities(
            works.geometries, spine.geometries, places.geometries, is_ns, affected, max_d, reach,
            start, end, ref_day if (start_field or end_field) else None,
        )  # fmt: skip
        feedback.setCurrentStep(4)
        order = np.asarray(res.works_index, dtype=np.int64)
        days = np.asarray(res.days_to_start, dtype=float)
        columns = {name: np.asarray(works.columns[name], dtype=object)[order] for name in kept}
        columns.update(
            rank=np.arange(1, len(order) + 1, dtype=np.int64),
            score=np.asarray(res.score, dtype=float),
            spine_distance_m=np.asarray(res.spine_distance_m, dtype=float),  # exact, not rounded
            notspot_places=np.asarray(res.notspot_places, dtype=np.int64),
            affected_premises=np.round(np.asarray(res.affected, dtype=float), 2),
            length_m=np.round(np.asarray(res.length_m, dtype=float), 2),
            days_to_start=[None if np.isnan(d) else int(d) for d in days.tolist()],
        )
        dest_id = write_columns(
            self, parameters, context, feedback, self.OUTPUT, field_spec(fields), columns,
            works.geometries[order], geometry_type_name(works_src.wkbType()),
        )  # fmt: skip
        rows = order
        self._dest_id = dest_id
        feedback.pushInfo(
            self.tr("{n} opportunities; {e} works near the spine had already ended").format(
                n=len(rows), e=res.excluded_ended
            )
        )
        return {self.OUTPUT: dest_id, self.OPPORTUNITIES: len(rows), self.EXCLUDED_ENDED: res.excluded_ended}

    @staticmethod
    def _days(values, n: int, what: str, feedback) -> np.ndarray:
        """Days as floats, NaN where unknown; unreadable dates are counted in one warning."""
        out = np.full(n, np.nan)
        if values is None:
            return out
        reasons: list[str | None] = [None] * n
        days = column_days(values, what, reasons)
        known = days != MISSING_DAY
        out[known] = days[known]
        bad = sum(reason is not None for reason in reasons)
        if bad:
            feedback.pushWarning(f"{bad} works have an unreadable {what} date (treated as unknown)")
        return out

    def postProcessAlgorithm(self, context, feedback):  # noqa: N802
        dest = getattr(self, "_dest_id", None)
        if dest:
            finalize_output(
                dest, context, feedback, style="coverage_opportunities",
                algorithm_id="digonce:findspineopportunities", parameters_json=self._parameters_json,
            )  # fmt: skip
        return {}

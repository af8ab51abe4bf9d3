"""digonce:findspineopportunities: works near the spine passing through not-spots, ranked."""

from __future__ import annotations

import datetime as dt

import numpy as np
from qgis.core import (
    QgsProcessingException,
    QgsProcessingParameterDistance,
    QgsProcessingParameterString,
)

from ..plugin.core import coverage
from ..plugin.core.coverage_tables import OPPORTUNITY_FIELDS, opportunity_columns, places_affected
from ..plugin.core.dates import LONDON, day_number, from_day_number
from ..plugin.core.gc_pause import without_gc
from ..plugin.core.works import MISSING_DAY
from ..plugin.toolbelt.layers import column_days
from ._coverage_analysis import CoverageAlgorithm, output_fields


class FindSpineOpportunities(CoverageAlgorithm):
    NOTSPOT_DISTANCE = "NOTSPOT_DISTANCE"
    START_FIELD = "START_FIELD"
    END_FIELD = "END_FIELD"
    REFERENCE_DATE = "REFERENCE_DATE"
    OPPORTUNITIES = "OPPORTUNITIES"
    EXCLUDED_ENDED = "EXCLUDED_ENDED"
    styles = {CoverageAlgorithm.OUTPUT: "coverage_opportunities"}

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
        self.add_layer(
            self.INPUT,
            self.tr("Works"),
            self.tr("Street works (e.g. the store's 'works' layer): lines, points or polygons."),
        )
        self.add_spine_parameter(self.tr("Line layer of the spine."))
        self.add_notspot_parameters()
        self.add_max_spine_distance(
            self.tr("Maximum distance from the spine"),
            self.tr("Works further than this (metres) from the spine are not opportunities."),
        )
        self.add(
            QgsProcessingParameterDistance(
                self.NOTSPOT_DISTANCE, self.tr("Reach into not-spots"), 250.0, self.INPUT, minValue=0.0
            ),
            self.tr("Not-spot places within this distance (metres) of a work count for it."),
        )
        for key, label, default in (
            (self.START_FIELD, self.tr("Start date field"), "start_date"),
            (self.END_FIELD, self.tr("End date field"), "end_date"),
        ):
            self.add_field(
                key,
                label,
                self.INPUT,
                self.tr("Empty = '{f}' when the layer has it; no field = no date factor.").format(f=default),
                advanced=True,
            )
        self.add(
            QgsProcessingParameterString(
                self.REFERENCE_DATE, self.tr("Reference date (YYYY-MM-DD)"), optional=True
            ),
            self.tr("Days to start count from this date; empty = today (Europe/London)."),
            advanced=True,
        )
        self.add_sink(
            self.OUTPUT,
            self.tr("Spine opportunities"),
            self.tr("The qualifying works, best first, with rank, score and its terms."),
        )
        self.add_counts(
            {
                self.OPPORTUNITIES: self.tr("Opportunities found"),
                self.EXCLUDED_ENDED: self.tr("Works near the spine that already ended"),
            }
        )

    @without_gc
    def processAlgorithm(self, parameters, context, model_feedback):  # noqa: N802
        feedback, sources, max_d = self.begin(parameters, context, model_feedback)
        works_src = sources[0]
        reach = self.parameterAsDouble(parameters, self.NOTSPOT_DISTANCE, context)
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
        works, places, spine, is_ns = self.read_inputs(
            parameters, context, feedback, sources, wanted, ("premises", "notspot_share_pct")
        )
        if feedback.isCanceled():
            return {}
        start = self._days(works.columns.get("__start"), len(works), "start", feedback)
        end = self._days(works.columns.get("__end"), len(works), "end", feedback)
        affected = places_affected(places.columns, len(places))
        geometries = (works.geometries, spine.geometries, places.geometries)
        reference = ref_day if (start_field or end_field) else None
        res = coverage.spine_opportunities(*geometries, is_ns, affected, max_d, reach, start, end, reference)
        feedback.setCurrentStep(4)
        order = np.asarray(res.works_index, dtype=np.int64)
        columns = {name: np.asarray(works.columns[name], dtype=object)[order] for name in kept}
        columns.update(opportunity_columns(res))
        dest_id = self.write_output(
            parameters, context, feedback, fields, columns, works.geometries[order], works_src
        )
        feedback.pushInfo(
            self.tr("{n} opportunities; {e} works near the spine had already ended").format(
                n=len(order), e=res.excluded_ended
            )
        )
        return {self.OUTPUT: dest_id, self.OPPORTUNITIES: len(order), self.EXCLUDED_ENDED: res.excluded_ended}

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

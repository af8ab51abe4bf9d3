"""digonce:checkrestrictions: planned works against Section 58 restrictions. A thin shell over
:mod:`plugin.core.restrictions` (the rules and the output columns)."""

from __future__ import annotations

from qgis.core import (
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingMultiStepFeedback,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)

from ..plugin.core.errors import Cancelled, InputError
from ..plugin.core.gc_pause import without_gc
from ..plugin.core.restrictions import ENDS_SOON_DAYS, EXEMPT_CATEGORIES, NOTICE_DAYS, check_restrictions
from ..plugin.toolbelt.layers import split_list
from ._analysis import AnalysisAlgorithm
from ._restriction_layers import FIELDS, RESTRICTIONS, WORKS, read_input, write_findings, write_unusable
from ._works_fields import add_field_parameters


class CheckRestrictions(AnalysisAlgorithm):
    WORKS = WORKS
    RESTRICTIONS = RESTRICTIONS
    DISTANCE = "DISTANCE"
    USRN_MATCH = "USRN_MATCH"
    EXEMPT_CATEGORIES = "EXEMPT_CATEGORIES"
    NOTICE_DAYS = "NOTICE_DAYS"
    ENDS_SOON_DAYS = "ENDS_SOON_DAYS"
    OUTPUT = "OUTPUT"
    OUTPUT_UNUSABLE = "OUTPUT_UNUSABLE"
    styles = {OUTPUT: "restriction_findings", OUTPUT_UNUSABLE: None}

    def name(self) -> str:
        return "checkrestrictions"

    def displayName(self) -> str:  # noqa: N802
        return self.tr("Check Section 58 restrictions")

    def shortHelpString(self) -> str:  # noqa: N802
        return self.tr(
            "Use this before you apply for a permit. A Section 58 restriction bans digging a street for up "
            "to five years after it is resurfaced. For each of your works it tells you whether the street "
            "is blocked, whether you should dig before the resurfacing starts (dig now or wait years), "
            "whether your works are exempt, or whether the ban ends soon. One finding per works and "
            "restriction.\n\n"
            "<b>The exact rules</b>\n\n"
            "All periods are closed intervals of calendar days; days of overlap = days in the "
            "intersection. Works window W = [start, end]; restriction R = [start_date, end_date]; "
            "notice period N = [start_date - NOTICE_DAYS, start_date - 1] (default 91 days, about three "
            "months); after-end period A = [end_date + 1, end_date + ENDS_SOON_DAYS].\n\n"
            "A works and a restriction are related when their distance is at most DISTANCE metres "
            "(inclusive; default 0 = the works touch or cross the restricted extent) or, with "
            "USRN_MATCH, when both carry the same USRN.\n\n"
            "Status: proposed and in_force restrictions are checked; cancelled and closed ones never "
            "produce findings; any other status, a missing status or missing/reversed dates make a "
            "restriction unusable (listed with the reason).\n\n"
            "One finding per related pair, the first that applies:\n"
            "1. blocked: W overlaps R and the works are not exempt (for a proposed restriction: it "
            "starts on or before the works end and has not ended before they start). exempt: the same "
            "for exempt works (listed, not flagged). Days = |W ∩ R|.\n"
            "2. dig_before_resurfacing: the restriction is proposed and W overlaps N: the last chance "
            "to dig before resurfacing. Days = |W ∩ N|. The day before N gives nothing.\n"
            "3. ends_soon: W overlaps A (the works start within ENDS_SOON_DAYS after the restriction "
            "ends): wait and dig once. Days = |W ∩ A|.\n\n"
            "Exempt: works whose category or activity type is in EXEMPT_CATEGORIES (default "
            "immediate_urgent, immediate_emergency: urgent and emergency works; new_service_connection: "
            "new customer connections). Minor works that do not break the surface are exempt in law, "
            "but the data cannot tell, so they are not in the default list.\n\n"
            "Works whose permit status is in EXCLUDED_STATUSES never take part. Works without a usable "
            "geometry or window are listed in the unusable output.\n\n"
            "Output geometry: the part of the works inside the restricted extent (same geometry type as "
            "the works), or the whole works when they only touch it, are within DISTANCE or share the "
            "USRN. When the findings mix points, lines and polygons, points and lines are widened by "
            "1 m into polygons so the layer has one geometry type (said in the log)."
        )

    def initAlgorithm(self, config=None):  # noqa: N802
        self.add_layer(
            self.WORKS,
            self.tr("Works"),
            self.tr("Planned works: the store's works layer, or any layer with the mapped fields."),
        )
        self.add_layer(
            self.RESTRICTIONS,
            self.tr("Section 58 restrictions"),
            self.tr(
                "The store's restrictions layer, or any layer with reference, status, start and end fields."
            ),
        )
        number, integer = QgsProcessingParameterNumber.Double, QgsProcessingParameterNumber.Integer
        self.add(
            QgsProcessingParameterNumber(self.DISTANCE, self.tr("Distance (m)"), number, 0.0, minValue=0.0),
            self.tr("Works within this many metres of a restricted extent are checked (0 = touching)."),
        )
        self.add(
            QgsProcessingParameterBoolean(self.USRN_MATCH, self.tr("Also match on USRN"), False),
            self.tr("Works on the same USRN as a restriction are checked whatever the distance."),
        )
        self.add(
            QgsProcessingParameterString(
                self.EXEMPT_CATEGORIES,
                self.tr("Exempt categories and activity types"),
                ",".join(EXEMPT_CATEGORIES),
                optional=True,
            ),
            self.tr("Comma-separated category or activity type codes whose works are exempt (empty: none)."),
        )
        self.add(
            QgsProcessingParameterNumber(
                self.NOTICE_DAYS, self.tr("Notice period (days)"), integer, NOTICE_DAYS, minValue=0
            ),
            self.tr("Days before a proposed restriction starts in which works should dig first (0 = off)."),
        )
        self.add(
            QgsProcessingParameterNumber(
                self.ENDS_SOON_DAYS, self.tr("Ends-soon period (days)"), integer, ENDS_SOON_DAYS, minValue=0
            ),
            self.tr("Works starting within this many days after a restriction ends are listed (0 = off)."),
        )
        self.add_excluded_statuses(",", advanced=True)
        add_field_parameters(self, FIELDS, self.tr("Field of the {layer} layer (default {default})."))
        self.add_sink(
            self.OUTPUT,
            self.tr("Restriction findings"),
            self.tr("One row per finding, with both references, dates, days of overlap and the finding."),
        )
        self.add_sink(
            self.OUTPUT_UNUSABLE,
            self.tr("Unusable works and restrictions"),
            self.tr(
                "Works and restrictions that could not be checked, with the reason. Optional: when not "
                "asked for, their count and the first reasons are in the log."
            ),
            QgsProcessing.TypeVector,
            optional=True,
        )
        self.add_counts(
            {
                "FINDINGS": self.tr("Findings"),
                "DIG_BEFORE_RESURFACING": self.tr("dig_before_resurfacing findings"),
                "BLOCKED": self.tr("blocked findings"),
                "EXEMPT": self.tr("exempt findings"),
                "ENDS_SOON": self.tr("ends_soon findings"),
                "UNUSABLE": self.tr("Unusable works and restrictions"),
                "INACTIVE": self.tr("Cancelled or closed restrictions (ignored)"),
            }
        )

    @without_gc
    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        self.start_run(parameters)
        steps = QgsProcessingMultiStepFeedback(4, feedback)
        usrn_match = self.parameterAsBoolean(parameters, self.USRN_MATCH, context)
        try:
            steps.setCurrentStep(0)
            works_source, works = read_input(
                self, parameters, context, steps, self.WORKS, usrn_match=usrn_match
            )
            if feedback.isCanceled():
                return {}
            steps.setCurrentStep(1)
            _restr_source, restr = read_input(self, parameters, context, steps, self.RESTRICTIONS)
        except Cancelled:
            return {}
        if feedback.isCanceled():
            return {}
        if usrn_match and (works.usrns is None or restr.usrns is None):
            feedback.reportError(
                self.tr("USRN_MATCH is on but a USRN field is missing: matching on geometry only.")
            )
        steps.setCurrentStep(2)
        exempt, excluded = (
            split_list(self.parameterAsString(parameters, name, context))
            for name in (self.EXEMPT_CATEGORIES, self.EXCLUDED_STATUSES)
        )
        try:
            result = check_restrictions(
                works,
                restr,
                distance=self.parameterAsDouble(parameters, self.DISTANCE, context),
                usrn_match=usrn_match,
                exempt_categories=exempt,
                notice_days=self.parameterAsInt(parameters, self.NOTICE_DAYS, context),
                ends_soon_days=self.parameterAsInt(parameters, self.ENDS_SOON_DAYS, context),
                excluded_statuses=excluded,
                progress=lambda f: (steps.setProgress(100 * f), not feedback.isCanceled())[1],
            )
        except Cancelled:
            return {}
        except InputError as exc:
            raise QgsProcessingException(str(exc)) from exc
        steps.setCurrentStep(3)
        feedback.pushInfo(
            self.tr(
                "{w} works and {r} restrictions read; {p} related pairs; {n} cancelled/closed ignored"
            ).format(w=len(works), r=len(restr), p=result.n_related, n=result.n_inactive)
        )
        if result.n_excluded_works:
            feedback.pushInfo(
                self.tr("{n} works left out for their permit status").format(n=result.n_excluded_works)
            )
        try:
            findings = write_findings(
                self, parameters, context, steps, self.OUTPUT, works_source, works, restr, result
            )
        except Cancelled:
            return {}
        self.styles = {**self.styles, self.OUTPUT: findings[1]}  # by the layer's geometry type
        unusable = write_unusable(
            self, parameters, context, feedback, self.OUTPUT_UNUSABLE, works, restr, result
        )
        self._dest = {self.OUTPUT: findings[0], self.OUTPUT_UNUSABLE: unusable[0]}
        counts = {**result.counts(), "UNUSABLE": unusable[1], "INACTIVE": result.n_inactive}
        for key, value in counts.items():
            feedback.pushInfo(f"{key}: {value}")
        return {**self._dest, **counts}

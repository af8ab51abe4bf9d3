"""digonce:checkrestrictions: planned works against Section 58 restrictions."""

from __future__ import annotations

from typing import Any

import numpy as np
import shapely
from qgis.core import (
    QgsProcessing,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingMultiStepFeedback,
    QgsProcessingOutputNumber,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsProcessingUtils,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP

from ..plugin.core.errors import Cancelled, InputError
from ..plugin.core.memory import CHECK_RESTRICTIONS_BYTES_PER_WORK, check_fits
from ..plugin.core.restrictions import (
    BLOCKED,
    DIG_BEFORE_RESURFACING,
    ENDS_SOON,
    ENDS_SOON_DAYS,
    EXEMPT,
    EXEMPT_CATEGORIES,
    FINDING_NAMES,
    MISSING_DAY,
    NOTICE_DAYS,
    RestrictionsInput,
    WorksInput,
    check_restrictions,
)
from ..plugin.core.schema import EXCLUDED_PERMIT_STATUSES
from ..plugin.toolbelt.layer_io import (
    SourceArrays,
    field_spec,
    geometry_type_name,
    qgs_fields,
    read_columns,
    write_columns,
)
from ..plugin.toolbelt.layers import day_or_none
from ..plugin.toolbelt.outputs import finalize_output
from ._bulk_geometry_gc import without_gc
from .base import BaseAlgorithm

#: Points and lines in a mixed output are widened by this much (m) so the layer has one type.
WIDEN_M = 1.0


def _split(text: str) -> list[str]:
    return [part.strip() for part in (text or "").split(",") if part.strip()]


class CheckRestrictions(BaseAlgorithm):
    WORKS = "WORKS"
    RESTRICTIONS = "RESTRICTIONS"
    DISTANCE = "DISTANCE"
    USRN_MATCH = "USRN_MATCH"
    EXEMPT_CATEGORIES = "EXEMPT_CATEGORIES"
    NOTICE_DAYS = "NOTICE_DAYS"
    ENDS_SOON_DAYS = "ENDS_SOON_DAYS"
    EXCLUDED_STATUSES = "EXCLUDED_STATUSES"
    WORKS_ID_FIELD = "WORKS_ID_FIELD"
    PROMOTER_FIELD = "PROMOTER_FIELD"
    CATEGORY_FIELD = "CATEGORY_FIELD"
    ACTIVITY_FIELD = "ACTIVITY_FIELD"
    WORKS_START_FIELD = "WORKS_START_FIELD"
    WORKS_END_FIELD = "WORKS_END_FIELD"
    WORKS_STATUS_FIELD = "WORKS_STATUS_FIELD"
    WORKS_USRN_FIELD = "WORKS_USRN_FIELD"
    REFERENCE_FIELD = "REFERENCE_FIELD"
    STATUS_FIELD = "STATUS_FIELD"
    START_FIELD = "START_FIELD"
    END_FIELD = "END_FIELD"
    USRN_FIELD = "USRN_FIELD"
    OUTPUT = "OUTPUT"
    OUTPUT_UNUSABLE = "OUTPUT_UNUSABLE"

    COUNTS = (
        ("FINDINGS", QT_TRANSLATE_NOOP("CheckRestrictions", "Findings")),
        ("DIG_BEFORE_RESURFACING", QT_TRANSLATE_NOOP("CheckRestrictions", "dig_before_resurfacing findings")),
        ("BLOCKED", QT_TRANSLATE_NOOP("CheckRestrictions", "blocked findings")),
        ("EXEMPT", QT_TRANSLATE_NOOP("CheckRestrictions", "exempt findings")),
        ("ENDS_SOON", QT_TRANSLATE_NOOP("CheckRestrictions", "ends_soon findings")),
        ("UNUSABLE", QT_TRANSLATE_NOOP("CheckRestrictions", "Unusable works and restrictions")),
        ("INACTIVE", QT_TRANSLATE_NOOP("CheckRestrictions", "Cancelled or closed restrictions (ignored)")),
    )

    # (parameter, label, default field, optional, which layer, role)
    FIELD_PARAMETERS = (
        (WORKS_ID_FIELD, QT_TRANSLATE_NOOP("CheckRestrictions", "Works reference field"), "permit_ref", False, WORKS, "id"),
        (PROMOTER_FIELD, QT_TRANSLATE_NOOP("CheckRestrictions", "Promoter field"), "promoter", True, WORKS, "promoter"),
        (CATEGORY_FIELD, QT_TRANSLATE_NOOP("CheckRestrictions", "Work category field"), "category", True, WORKS, "category"),
        (ACTIVITY_FIELD, QT_TRANSLATE_NOOP("CheckRestrictions", "Activity type field"), "activity_type", True, WORKS, "activity"),
        (WORKS_START_FIELD, QT_TRANSLATE_NOOP("CheckRestrictions", "Works start date field"), "start_date", False, WORKS, "start"),
        (WORKS_END_FIELD, QT_TRANSLATE_NOOP("CheckRestrictions", "Works end date field"), "end_date", False, WORKS, "end"),
        (WORKS_STATUS_FIELD, QT_TRANSLATE_NOOP("CheckRestrictions", "Works permit status field"), "permit_status", True, WORKS, "status"),
        (WORKS_USRN_FIELD, QT_TRANSLATE_NOOP("CheckRestrictions", "Works USRN field"), "usrn", True, WORKS, "usrn"),
        (REFERENCE_FIELD, QT_TRANSLATE_NOOP("CheckRestrictions", "Restriction reference field"), "restriction_ref", False, RESTRICTIONS, "ref"),
        (STATUS_FIELD, QT_TRANSLATE_NOOP("CheckRestrictions", "Restriction status field"), "status", False, RESTRICTIONS, "status"),
        (START_FIELD, QT_TRANSLATE_NOOP("CheckRestrictions", "Restriction start date field"), "start_date", False, RESTRICTIONS, "start"),
        (END_FIELD, QT_TRANSLATE_NOOP("CheckRestrictions", "Restriction end date field"), "end_date", False, RESTRICTIONS, "end"),
        (USRN_FIELD, QT_TRANSLATE_NOOP("CheckRestrictions", "Restriction USRN field"), "usrn", True, RESTRICTIONS, "usrn"),
    )  # fmt: skip

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
        advanced = QgsProcessingParameterDefinition.FlagAdvanced

        def add(param, help_text: str, is_advanced: bool = False) -> None:
            param.setHelp(help_text)
            if is_advanced:
                param.setFlags(param.flags() | advanced)
            self.addParameter(param)

        add(
            QgsProcessingParameterFeatureSource(
                self.WORKS, self.tr("Works"), [QgsProcessing.TypeVectorAnyGeometry]
            ),
            self.tr("Planned works: the store's works layer, or any layer with the mapped fields."),
        )
        add(
            QgsProcessingParameterFeatureSource(
                self.RESTRICTIONS, self.tr("Section 58 restrictions"), [QgsProcessing.TypeVectorAnyGeometry]
            ),
            self.tr(
                "The store's restrictions layer, or any layer with reference, status, start and end fields."
            ),
        )
        distance = QgsProcessingParameterNumber(
            self.DISTANCE, self.tr("Distance (m)"), QgsProcessingParameterNumber.Double, 0.0, minValue=0.0
        )
        add(
            distance,
            self.tr("Works within this many metres of a restricted extent are checked (0 = touching)."),
        )
        add(
            QgsProcessingParameterBoolean(self.USRN_MATCH, self.tr("Also match on USRN"), False),
            self.tr("Works on the same USRN as a restriction are checked whatever the distance."),
        )
        add(
            QgsProcessingParameterString(
                self.EXEMPT_CATEGORIES,
                self.tr("Exempt categories and activity types"),
                ",".join(EXEMPT_CATEGORIES),
                optional=True,
            ),
            self.tr("Comma-separated category or activity type codes whose works are exempt (empty: none)."),
        )
        add(
            QgsProcessingParameterNumber(
                self.NOTICE_DAYS,
                self.tr("Notice period (days)"),
                QgsProcessingParameterNumber.Integer,
                NOTICE_DAYS,
                minValue=0,
            ),  # fmt: skip
            self.tr("Days before a proposed restriction starts in which works should dig first (0 = off)."),
        )
        add(
            QgsProcessingParameterNumber(
                self.ENDS_SOON_DAYS,
                self.tr("Ends-soon period (days)"),
                QgsProcessingParameterNumber.Integer,
                ENDS_SOON_DAYS,
                minValue=0,
            ),  # fmt: skip
            self.tr("Works starting within this many days after a restriction ends are listed (0 = off)."),
        )
        add(
            QgsProcessingParameterString(
                self.EXCLUDED_STATUSES,
                self.tr("Excluded permit statuses"),
                ",".join(EXCLUDED_PERMIT_STATUSES),
                optional=True,
            ),
            self.tr("Comma-separated permit statuses whose works never take part (empty: none)."),
            True,
        )
        for param_name, label, default, optional, parent, _role in self.FIELD_PARAMETERS:
            add(
                QgsProcessingParameterField(
                    param_name,
                    self.tr(label),
                    default,
                    parent,
                    QgsProcessingParameterField.Any,
                    optional=optional,
                ),
                self.tr("Field of the {layer} layer (default {default}).").format(
                    layer=parent.lower(), default=default
                ),
                True,
            )
        add(
            QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("Restriction findings")),
            self.tr("One row per finding, with both references, dates, days of overlap and the finding."),
        )
        add(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT_UNUSABLE,
                self.tr("Unusable works and restrictions"),
                QgsProcessing.TypeVector,
                optional=True,
                createByDefault=True,
            ),
            self.tr(
                "Works and restrictions that could not be checked, with the reason. Optional: when not "
                "asked for, their count and the first reasons are in the log."
            ),
        )
        for key, label in self.COUNTS:
            self.addOutput(QgsProcessingOutputNumber(key, self.tr(label)))

    # --- reading -------------------------------------------------------------------------------

    def _wanted(self, parameters, context, layer_param: str, source) -> dict[str, str | None]:
        names = source.fields().names()
        wanted: dict[str, str | None] = {}
        for param_name, _label, _default, optional, parent, role in self.FIELD_PARAMETERS:
            if parent != layer_param:
                continue
            chosen = self.parameterAsStrings(parameters, param_name, context)
            name = chosen[0] if chosen else None
            given = parameters.get(param_name) not in (None, "", [])
            if name and optional and not given and name not in names:
                name = None  # the canonical default is absent: the role is simply not used
            wanted[role] = name
        return wanted

    @staticmethod
    def _days(arrays: SourceArrays, role: str, label: str, reasons: list[str | None]) -> list[int | None]:
        values = arrays.columns.get(role, [None] * len(arrays))
        if isinstance(values, np.ndarray) and values.dtype.kind == "M":  # from the Arrow fast path
            days = values.astype("datetime64[D]").astype(np.int64).tolist()  # NaT: MISSING_DAY
            return [None if day == MISSING_DAY else day for day in days]
        out: list[int | None] = []
        for n, value in enumerate(values):
            try:
                out.append(day_or_none(value))
            except ValueError:
                out.append(None)
                if reasons[n] is None:
                    reasons[n] = f"{label} {value!r} is not a date"
        return out

    def _read(self, parameters, context, feedback, name: str) -> tuple[Any, SourceArrays]:
        source = self.parameterAsSource(parameters, name, context)
        if source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, name))
        label = source.sourceName() or name
        wanted = self._wanted(parameters, context, name, source)
        if name == self.WORKS and source.featureCount() > 0:  # refused before, not killed during
            try:
                check_fits(source.featureCount(), CHECK_RESTRICTIONS_BYTES_PER_WORK, label)
            except InputError as exc:
                raise QgsProcessingException(str(exc)) from exc
        # a GeoPackage layer (a store's works, a year of them) through GDAL's Arrow stream, as
        # findworksoverlaps reads it; anything else feature by feature
        layer = self.parameterAsVectorLayer(parameters, name, context)
        arrays = read_columns(
            source, wanted, context, feedback, label, layer=layer, definition=parameters.get(name)
        )
        return source, arrays

    # --- running -------------------------------------------------------------------------------

    @without_gc
    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        self._parameters_json = self.parameters_json(parameters)
        self._dest: dict[str, str] = {}
        steps = QgsProcessingMultiStepFeedback(4, feedback)
        try:
            steps.setCurrentStep(0)
            works_source, works = self._read(parameters, context, steps, self.WORKS)
            if feedback.isCanceled():
                return {}
            steps.setCurrentStep(1)
            _restr_source, restr = self._read(parameters, context, steps, self.RESTRICTIONS)
        except Cancelled:
            return {}
        if feedback.isCanceled():
            return {}

        w_reasons: list[str | None] = [None] * len(works)
        w_start = self._days(works, "start", "start date", w_reasons)
        w_end = self._days(works, "end", "end date", w_reasons)
        r_reasons: list[str | None] = [None] * len(restr)
        r_start = self._days(restr, "start", "start date", r_reasons)
        r_end = self._days(restr, "end", "end date", r_reasons)
        nothing_w = [None] * len(works)
        nothing_r = [None] * len(restr)
        try:
            works_in = WorksInput.from_columns(
                works.geometries,
                works.columns["id"],
                works.columns.get("promoter", nothing_w),
                works.columns.get("category", nothing_w),
                works.columns.get("activity", nothing_w),
                w_start,
                w_end,
                usrns=works.columns.get("usrn"),
                statuses=works.columns.get("status"),
                reasons=w_reasons,
            )
            restr_in = RestrictionsInput.from_columns(
                restr.geometries,
                restr.columns["ref"],
                restr.columns.get("status", nothing_r),
                r_start,
                r_end,
                usrns=restr.columns.get("usrn"),
                reasons=r_reasons,
            )
        except InputError as exc:
            raise QgsProcessingException(str(exc)) from exc

        usrn_match = self.parameterAsBoolean(parameters, self.USRN_MATCH, context)
        if usrn_match and (works_in.usrns is None or restr_in.usrns is None):
            feedback.reportError(
                self.tr("USRN_MATCH is on but a USRN field is missing: matching on geometry only.")
            )
        exempt = _split(self.parameterAsString(parameters, self.EXEMPT_CATEGORIES, context))
        steps.setCurrentStep(2)
        try:
            result = check_restrictions(
                works_in,
                restr_in,
                distance=self.parameterAsDouble(parameters, self.DISTANCE, context),
                usrn_match=usrn_match,
                exempt_categories=exempt,
                notice_days=self.parameterAsInt(parameters, self.NOTICE_DAYS, context),
                ends_soon_days=self.parameterAsInt(parameters, self.ENDS_SOON_DAYS, context),
                excluded_statuses=_split(self.parameterAsString(parameters, self.EXCLUDED_STATUSES, context)),
                progress=lambda f: (steps.setProgress(100 * f), not feedback.isCanceled())[1],
            )
        except Cancelled:
            return {}
        except InputError as exc:
            raise QgsProcessingException(str(exc)) from exc
        feedback.pushInfo(
            self.tr(
                "{w} works and {r} restrictions read; {p} related pairs; {n} cancelled/closed ignored"
            ).format(w=len(works_in), r=len(restr_in), p=result.n_related, n=result.n_inactive)
        )
        if result.n_excluded_works:
            feedback.pushInfo(
                self.tr("{n} works left out for their permit status").format(n=result.n_excluded_works)
            )

        steps.setCurrentStep(3)
        try:
            findings_dest = self._write_findings(
                parameters, context, steps, works_source, works_in, restr_in, result
            )
        except Cancelled:
            return {}
        self._feedback = feedback
        unusable_dest, n_unusable = self._write_unusable(parameters, context, works_in, restr_in, result)
        self._dest = {self.OUTPUT: findings_dest, self.OUTPUT_UNUSABLE: unusable_dest}
        counts = {
            "FINDINGS": len(result),
            "DIG_BEFORE_RESURFACING": result.count(DIG_BEFORE_RESURFACING),
            "BLOCKED": result.count(BLOCKED),
            "EXEMPT": result.count(EXEMPT),
            "ENDS_SOON": result.count(ENDS_SOON),
            "UNUSABLE": n_unusable,
            "INACTIVE": result.n_inactive,
        }
        for key, value in counts.items():
            feedback.pushInfo(f"{key}: {value}")
        return {self.OUTPUT: findings_dest, self.OUTPUT_UNUSABLE: unusable_dest, **counts}

    def _write_findings(self, parameters, context, feedback, works_source, works_in, restr_in, result) -> str:
        fields = qgs_fields(
            (
                ("works_ref", "str"),
                ("restriction_ref", "str"),
                ("finding", "str"),
                ("promoter", "str"),
                ("category", "str"),
                ("activity_type", "str"),
                ("works_start", "date"),
                ("works_end", "date"),
                ("restriction_status", "str"),
                ("restriction_start", "date"),
                ("restriction_end", "date"),
                ("period_start", "date"),
                ("period_end", "date"),
                ("overlap_days", "int"),
                ("distance_m", "float"),
                ("usrn_match", "bool"),
            )
        )
        geoms = result.geometries
        dims = set(shapely.get_dimensions(geoms).tolist()) if len(geoms) else set()
        if not dims:
            wkb = QgsWkbTypes.multiType(works_source.wkbType())
            if QgsWkbTypes.geometryType(wkb) not in (
                QgsWkbTypes.PointGeometry, QgsWkbTypes.LineGeometry, QgsWkbTypes.PolygonGeometry
            ):  # fmt: skip
                wkb = QgsWkbTypes.MultiPolygon
        elif len(dims) == 1:
            wkb = {0: QgsWkbTypes.MultiPoint, 1: QgsWkbTypes.MultiLineString, 2: QgsWkbTypes.MultiPolygon}[
                dims.pop()
            ]
        else:
            thin = shapely.get_dimensions(geoms) < 2
            geoms = geoms.copy()
            geoms[thin] = shapely.buffer(geoms[thin], WIDEN_M, quad_segs=4)
            wkb = QgsWkbTypes.MultiPolygon
            feedback.pushInfo(
                self.tr("Findings mix points, lines and polygons: {n} points/lines widened by 1 m").format(
                    n=int(thin.sum())
                )
            )
        n = len(result)
        w, r = np.asarray(result.works, dtype=np.int64), np.asarray(result.restriction, dtype=np.int64)
        finding_names = np.array([FINDING_NAMES.get(k) for k in range(max(FINDING_NAMES) + 1)], dtype=object)
        columns = {
            "works_ref": [str(v) for v in np.asarray(works_in.ids, dtype=object)[w].tolist()],
            "restriction_ref": [str(v) for v in np.asarray(restr_in.refs, dtype=object)[r].tolist()],
            "finding": finding_names[np.asarray(result.finding, dtype=np.int64)],
            "promoter": _plain_column(works_in.promoters, w),
            "category": _plain_column(works_in.categories, w),
            "activity_type": _plain_column(works_in.activity_types, w),
            "works_start": _dates(works_in.start, w),
            "works_end": _dates(works_in.end, w),
            "restriction_status": _plain_column(restr_in.statuses, r),
            "restriction_start": _dates(restr_in.start, r),
            "restriction_end": _dates(restr_in.end, r),
            "period_start": _dates(result.period_start, np.arange(n)),
            "period_end": _dates(result.period_end, np.arange(n)),
            "overlap_days": np.asarray(result.overlap_days, dtype=np.int64),
            "distance_m": np.asarray(result.distance, dtype=float),
            "usrn_match": np.asarray(result.usrn_match, dtype=bool),
        }
        # one bulk write (straight into a GeoPackage destination), not a feature at a time
        return write_columns(
            self, parameters, context, feedback, self.OUTPUT, field_spec(fields), columns,
            _as_multi(geoms), geometry_type_name(wkb),
        )  # fmt: skip

    def _write_unusable(self, parameters, context, works_in, restr_in, result) -> tuple[str | None, int]:
        rows = [("works", works_in.ids[i], reason) for i, reason in
                zip(result.works_unusable, result.works_unusable_reasons, strict=True)]  # fmt: skip
        rows += [("restrictions", restr_in.refs[i], reason) for i, reason in
                 zip(result.restrictions_unusable, result.restrictions_unusable_reasons, strict=True)]  # fmt: skip
        if parameters.get(self.OUTPUT_UNUSABLE) is None:  # not asked for: said in the log instead
            if rows:
                self._feedback.pushWarning(
                    self.tr("{n} works and restrictions could not be checked, e.g. {examples}").format(
                        n=len(rows), examples="; ".join(f"{ref} ({reason})" for _, ref, reason in rows[:3])
                    )
                )
            return None, len(rows)
        columns = {
            "layer": [layer for layer, _, _ in rows],
            "reference": [_plain(ref) for _, ref, _ in rows],
            "reason": [str(reason) for _, _, reason in rows],
        }
        fields = [(name, "str") for name in ("layer", "reference", "reason")]
        dest = write_columns(
            self, parameters, context, None, self.OUTPUT_UNUSABLE, fields, columns, None, None
        )
        return dest, len(rows)

    def postProcessAlgorithm(  # noqa: N802
        self, context: QgsProcessingContext, feedback: QgsProcessingFeedback
    ) -> dict[str, Any]:
        dest = getattr(self, "_dest", {})
        params = getattr(self, "_parameters_json", "{}")
        if dest.get(self.OUTPUT):
            finalize_output(
                dest[self.OUTPUT], context, feedback,
                style=_findings_style(dest[self.OUTPUT], context),
                algorithm_id="digonce:checkrestrictions", parameters_json=params,
            )  # fmt: skip
        if dest.get(self.OUTPUT_UNUSABLE):
            finalize_output(
                dest[self.OUTPUT_UNUSABLE], context, feedback, style=None,
                algorithm_id="digonce:checkrestrictions", parameters_json=params,
            )  # fmt: skip
        return {}


def _plain_column(values: Any, rows: np.ndarray) -> list[Any]:
    """:func:`_plain` of ``values[rows]``, each distinct value once (findings repeat promoters,
    categories and statuses)."""
    cache: dict[Any, Any] = {}
    out = []
    for value in np.asarray(values, dtype=object)[rows].tolist():
        try:
            out.append(cache[value] if value in cache else cache.setdefault(value, _plain(value)))
        except TypeError:  # unhashable
            out.append(_plain(value))
    return out


def _dates(days: Any, rows: np.ndarray) -> np.ndarray:
    """Day numbers (days since 1970-01-01, MISSING_DAY for none) as dates; NaT is NULL."""
    picked = np.asarray(days, dtype=np.int64)[rows]
    return np.where(picked == MISSING_DAY, np.iinfo(np.int64).min, picked).astype("datetime64[D]")


def _as_multi(geoms: np.ndarray) -> np.ndarray:
    """Single points, lines and polygons as one-part multi geometries (as the layer declares)."""
    out = np.asarray(geoms, dtype=object).copy()
    types = shapely.get_type_id(out)
    for single, make in ((0, shapely.multipoints), (1, shapely.multilinestrings), (3, shapely.multipolygons)):
        idx = np.flatnonzero(types == single)
        if len(idx):
            out[idx] = make(out[idx], indices=np.arange(len(idx)))
    return out


def _plain(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, float) and not np.isfinite(value):
        return None
    return str(value)


def _findings_style(dest: str, context: QgsProcessingContext) -> str:
    """The QML matching the findings layer's geometry type."""
    layer = QgsProcessingUtils.mapLayerFromString(dest, context)
    kind = QgsWkbTypes.geometryType(layer.wkbType()) if layer is not None else None
    if kind == QgsWkbTypes.PointGeometry:
        return "restriction_findings_point"
    if kind == QgsWkbTypes.LineGeometry:
        return "restriction_findings_line"
    return "restriction_findings"

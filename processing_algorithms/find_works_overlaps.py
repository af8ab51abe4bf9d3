"""digonce:findworksoverlaps: clashes and dig-once opportunities between works, and the
coordination groups they form. A thin shell over :mod:`plugin.core.overlaps`."""

from __future__ import annotations

from typing import Any

import numpy as np
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
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP, QMetaType

from ..plugin.core.errors import Cancelled, InputError
from ..plugin.core.overlaps import KIND_NAMES, OverlapResult, Works, find_overlaps
from ..plugin.core.schema import EXCLUDED_PERMIT_STATUSES
from ..plugin.toolbelt.layer_io import SourceArrays, read_columns, write_columns
from ..plugin.toolbelt.layers import column_days, split_list
from ..plugin.toolbelt.outputs import finalize_output
from ._bulk_geometry_gc import without_gc
from .base import BaseAlgorithm

ALGORITHM_ID = "digonce:findworksoverlaps"

PAIR_FIELDS = (
    ("id_a", "str"),
    ("id_b", "str"),
    ("owner_a", "str"),
    ("owner_b", "str"),
    ("kind", "str"),
    ("distance_m", "float"),
    ("gap_days", "int"),
    ("overlap_days", "int"),
    ("group_id", "int"),
)
GROUP_FIELDS = (
    ("group_id", "int"),
    ("n_works", "int"),
    ("n_owners", "int"),
    ("owners", "str"),
    ("first_start", "date"),
    ("last_end", "date"),
    ("n_clashes", "int"),
    ("n_opportunities", "int"),
    ("days_saved", "int"),
)
UNUSABLE_FIELDS = (
    ("layer", "str"),
    ("source_fid", "int"),
    ("id", "str"),
    ("owner", "str"),
    ("reason", "str"),
)

_DATE_TYPES = (QMetaType.Type.QDate, QMetaType.Type.QDateTime, QMetaType.Type.QString)
_TEXT_OR_NUMBER = (
    QMetaType.Type.QString,
    QMetaType.Type.Int,
    QMetaType.Type.LongLong,
    QMetaType.Type.UInt,
    QMetaType.Type.ULongLong,
)


def _text(value: Any) -> str | None:
    if value is None or (isinstance(value, float) and not np.isfinite(value)):
        return None
    return str(value)


def _text_column(values: Any) -> np.ndarray:
    """Values as text (None stays None), as an object array; no copy when already text."""
    arr = (
        values
        if isinstance(values, np.ndarray) and values.dtype == object
        else np.array(values, dtype=object)
    )
    if arr.ndim == 1 and set(map(type, arr)) <= {str, type(None)}:
        return arr
    out = np.empty(len(values), dtype=object)
    out[:] = [_text(v) for v in values]
    return out


class FindWorksOverlaps(BaseAlgorithm):
    INPUT = "INPUT"
    OTHER = "OTHER"
    ID_FIELD = "ID_FIELD"
    OWNER_FIELD = "OWNER_FIELD"
    START_FIELD = "START_FIELD"
    END_FIELD = "END_FIELD"
    STATUS_FIELD = "STATUS_FIELD"
    USRN_FIELD = "USRN_FIELD"
    DISTANCE = "DISTANCE"
    MAX_GAP_DAYS = "MAX_GAP_DAYS"
    SAME_STREET = "SAME_STREET"
    INCLUDE_SAME_OWNER = "INCLUDE_SAME_OWNER"
    EXCLUDED_STATUSES = "EXCLUDED_STATUSES"
    OUTPUT = "OUTPUT"
    OUTPUT_GROUPS = "OUTPUT_GROUPS"
    OUTPUT_UNUSABLE = "OUTPUT_UNUSABLE"

    COUNTS = (
        ("PAIRS", QT_TRANSLATE_NOOP("FindWorksOverlaps", "Pairs (clashes + opportunities)")),
        ("CLASHES", QT_TRANSLATE_NOOP("FindWorksOverlaps", "Clashes")),
        ("OPPORTUNITIES", QT_TRANSLATE_NOOP("FindWorksOverlaps", "Opportunities")),
        ("GROUPS", QT_TRANSLATE_NOOP("FindWorksOverlaps", "Coordination groups")),
        ("UNUSABLE", QT_TRANSLATE_NOOP("FindWorksOverlaps", "Unusable works")),
    )

    # (parameter, label, default, optional, role, accepted field types, type description)
    FIELD_PARAMETERS = (
        (ID_FIELD, QT_TRANSLATE_NOOP("FindWorksOverlaps", "Works reference field"), "permit_ref", False, "id", None, ""),
        (OWNER_FIELD, QT_TRANSLATE_NOOP("FindWorksOverlaps", "Owner (promoter) field"), "promoter", False, "owner", None, ""),
        (START_FIELD, QT_TRANSLATE_NOOP("FindWorksOverlaps", "Start date field"), "start_date", False, "start", _DATE_TYPES, QT_TRANSLATE_NOOP("FindWorksOverlaps", "a date or text")),
        (END_FIELD, QT_TRANSLATE_NOOP("FindWorksOverlaps", "End date field"), "end_date", False, "end", _DATE_TYPES, QT_TRANSLATE_NOOP("FindWorksOverlaps", "a date or text")),
        (STATUS_FIELD, QT_TRANSLATE_NOOP("FindWorksOverlaps", "Permit status field"), "permit_status", True, "status", (QMetaType.Type.QString,), QT_TRANSLATE_NOOP("FindWorksOverlaps", "text")),
        (USRN_FIELD, QT_TRANSLATE_NOOP("FindWorksOverlaps", "USRN field"), "usrn", True, "usrn", _TEXT_OR_NUMBER, QT_TRANSLATE_NOOP("FindWorksOverlaps", "text or an integer")),
    )  # fmt: skip

    def name(self) -> str:
        return "findworksoverlaps"

    def displayName(self) -> str:  # noqa: N802
        return self.tr("Find works clashes and dig-once opportunities")

    def shortHelpString(self) -> str:  # noqa: N802
        return self.tr(
            "Use this before a coordination meeting. It lists every pair of works that will dig near each "
            "other at the same time (a clash: residents get the disruption twice) or within a few weeks of "
            "each other (a dig-once opportunity: share the trench), and joins the pairs into coordination "
            "groups: one group, one conversation. Works that cannot be checked (no dates, no location) are "
            "listed with the reason, never dropped.\n\n"
            "<b>The exact rules</b> (distances are exact, never approximated by boxes or grids)\n\n"
            "<b>Near</b>: the minimum Euclidean distance between the two geometries in EPSG:27700 is "
            "at most DISTANCE metres (inclusive: 25.0 m is near at DISTANCE 25). With SAME_STREET, works "
            "with the same non-empty USRN are near whatever the distance. Layers in another CRS are "
            "reprojected to EPSG:27700 first (said in the log).\n\n"
            "<b>Windows</b> are closed intervals of calendar days [start, end].\n"
            "<b>clash</b>: near and start_a ≤ end_b and start_b ≤ end_a; gap_days = 0; overlap_days = "
            "min(end_a, end_b) − max(start_a, start_b) + 1, the days in the intersection (end_a = "
            "start_b is a one-day clash).\n"
            "<b>opportunity</b> (dig once): near, the windows do not overlap and gap_days = later start − "
            "earlier end ≤ MAX_GAP_DAYS (end_a + 1 = start_b is gap 1); overlap_days = 0.\n\n"
            "Pairs whose owners are the same (compared ignoring case and extra spaces; an empty owner "
            "never matches) are left out unless INCLUDE_SAME_OWNER. Works whose permit status is in "
            "EXCLUDED_STATUSES (default cancelled, refused, revoked; ignoring case) never take part and "
            "are counted in the log.\n\n"
            "<b>Unusable</b> works are never paired and are listed with the reason: missing or empty "
            "geometry, NaN or infinite coordinates, missing start or end date, a date that is not a "
            "date, end before start. Invalid polygons (e.g. self-intersecting) are repaired with "
            "make_valid and counted in the log; one that repairs to nothing is unusable.\n\n"
            "With OTHER (e.g. your forward plans as INPUT and the register as OTHER), only pairs with "
            "one work from each layer are reported; OTHER must have the same field names. With one "
            "layer each unordered pair appears once, the smaller reference as id_a.\n\n"
            "<b>Pairs</b> output: id_a, id_b, owner_a, owner_b, kind, distance_m (exact), gap_days, "
            "overlap_days, group_id; geometry = the shortest line between the two works, in 2D "
            "(a zero-length line at the contact point where they touch or overlap, drawn as a dot)."
            " QGIS counts such zero-length lines as invalid: to use this layer in other Processing "
            "tools, set 'Invalid features filtering' to 'Do not filter' (Dig Once's own tools read it "
            "as it is).\n\n"
            "<b>Coordination groups</b>: connected components of the pairs (clashes and "
            "opportunities); each work is in at most one group; groups are numbered in the order of "
            "the smallest reference they contain. Fields: n_works, n_owners, owners, first_start, "
            "last_end, n_clashes, n_opportunities and days_saved = Σ(end − start + 1) − max(end − start "
            "+ 1) over the group's works: the days of disruption of the separate works minus those of "
            "one shared opening as long as the longest of them (an upper-bound estimate: it assumes "
            "the works fit in one opening). Geometry: the convex hull of the works; where that is a "
            "point or a segment, a rectangle 1 m wider on every side.\n\n"
            "The run's parameters are written into each output GeoPackage (table digonce_runs) and "
            "the outputs carry their style (clash red, opportunity amber)."
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
                self.INPUT, self.tr("Works"), [QgsProcessing.TypeVectorAnyGeometry]
            ),
            self.tr(
                "Points, lines or polygons: the store's works layer, or any layer with the mapped fields."
            ),
        )
        add(
            QgsProcessingParameterFeatureSource(
                self.OTHER,
                self.tr("Other works (cross pairs only)"),
                [QgsProcessing.TypeVectorAnyGeometry],
                optional=True,
            ),  # fmt: skip
            self.tr(
                "Optional second layer (e.g. the register when Works are your own plans): only pairs with "
                "one work from each layer are reported. Uses the same field names."
            ),
        )
        add(
            QgsProcessingParameterNumber(
                self.DISTANCE,
                self.tr("Distance (m)"),
                QgsProcessingParameterNumber.Double,
                25.0,
                minValue=0.0,
            ),
            self.tr("Works whose geometries are at most this many metres apart are near (inclusive)."),
        )
        add(
            QgsProcessingParameterNumber(
                self.MAX_GAP_DAYS,
                self.tr("Largest gap for an opportunity (days)"),
                QgsProcessingParameterNumber.Integer,
                90,
                minValue=0,
            ),
            self.tr("Near works whose windows are at most this many days apart are a dig-once opportunity."),
        )
        add(
            QgsProcessingParameterBoolean(
                self.SAME_STREET, self.tr("Works on the same street (USRN) are near"), False
            ),
            self.tr("Works with the same non-empty USRN are near whatever the distance."),
        )
        add(
            QgsProcessingParameterBoolean(
                self.INCLUDE_SAME_OWNER, self.tr("Include pairs with the same owner"), False
            ),
            self.tr("Keep pairs of works by the same promoter (left out by default)."),
        )
        add(
            QgsProcessingParameterString(
                self.EXCLUDED_STATUSES,
                self.tr("Excluded permit statuses"),
                ", ".join(EXCLUDED_PERMIT_STATUSES),
                optional=True,
            ),
            self.tr("Comma-separated permit statuses whose works never take part (empty: none)."),
            True,
        )
        for param_name, label, default, optional, _role, _types, _desc in self.FIELD_PARAMETERS:
            add(
                QgsProcessingParameterField(
                    param_name,
                    self.tr(label),
                    default,
                    self.INPUT,
                    QgsProcessingParameterField.Any,
                    optional=optional,
                ),  # fmt: skip
                self.tr("Field of the works layer(s) (default {default}).").format(default=default),
                True,
            )
        add(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT, self.tr("Clashes and opportunities"), QgsProcessing.TypeVectorLine
            ),
            self.tr(
                "One row per pair: shortest line between the works, kind, distance, gap and overlap days."
            ),
        )
        add(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT_GROUPS, self.tr("Coordination groups"), QgsProcessing.TypeVectorPolygon
            ),
            self.tr("One row per group of linked works (one meeting), with its hull and summary."),
        )
        add(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT_UNUSABLE, self.tr("Unusable works"), QgsProcessing.TypeVector
            ),
            self.tr("Works that could not take part, with the reason."),
        )
        for key, label in self.COUNTS:
            self.addOutput(QgsProcessingOutputNumber(key, self.tr(label)))

    # --- reading -------------------------------------------------------------------------------

    def _wanted(self, parameters, context, source, label: str) -> dict[str, str | None]:
        """Role -> field name; checks presence and type, naming the field and the layer."""
        fields = source.fields()
        wanted: dict[str, str | None] = {}
        for param_name, _label, _default, optional, role, types, desc in self.FIELD_PARAMETERS:
            chosen = self.parameterAsStrings(parameters, param_name, context)
            name = chosen[0] if chosen else None
            given = parameters.get(param_name) not in (None, "", [])
            idx = fields.lookupField(name) if name else -1
            if name and idx < 0 and optional and not given:
                name = None  # the canonical default is absent: the role is simply not used
            elif name and idx < 0:
                raise QgsProcessingException(
                    self.tr(
                        "Field {field!r} ({param}) is not in layer {layer!r}; its fields are: {names}"
                    ).format(field=name, param=param_name, layer=label, names=", ".join(fields.names()))
                )
            elif name and types is not None and fields.at(idx).type() not in types:
                raise QgsProcessingException(
                    self.tr(
                        "Field {field!r} ({param}) of layer {layer!r} is {type}; it must be {desc}"
                    ).format(
                        field=name,
                        param=param_name,
                        layer=label,
                        type=fields.at(idx).typeName(),
                        desc=self.tr(desc),
                    )
                )
            wanted[role] = name
        return wanted

    def _read(
        self, parameters, context, feedback, param: str
    ) -> tuple[Works | None, SourceArrays | None, str]:
        # Invalid polygons are repaired (make_valid) and counted by the engine, as documented:
        # the context's invalid-geometry filter must not drop or abort on them first.
        source = self.source_unchecked(parameters, param, context)
        if source is None:
            if param == self.OTHER:
                return None, None, ""
            raise QgsProcessingException(self.invalidSourceError(parameters, param))
        label = source.sourceName() or param
        wanted = self._wanted(parameters, context, source, label)
        if self.parameterAsBoolean(parameters, self.SAME_STREET, context) and not wanted.get("usrn"):
            raise QgsProcessingException(
                self.tr("SAME_STREET is on but layer {layer!r} has no USRN field {field!r}").format(
                    layer=label, field=parameters.get(self.USRN_FIELD) or "usrn"
                )
            )
        layer = self.parameterAsVectorLayer(parameters, param, context)
        arrays = read_columns(
            source, wanted, context, feedback, label, layer=layer, definition=parameters.get(param)
        )
        how = self.tr("GDAL Arrow stream") if arrays.arrow else self.tr("QGIS features")
        reasons: list[str | None] = [None] * len(arrays)
        start = column_days(arrays.columns["start"], "start date", reasons)
        end = column_days(arrays.columns["end"], "end date", reasons)
        try:
            works = Works.from_columns(
                arrays.geometries,
                _text_column(arrays.columns["id"]),
                arrays.columns["owner"],
                start,
                end,
                statuses=arrays.columns.get("status"),
                usrns=arrays.columns.get("usrn"),
                reasons=reasons,
            )
        except InputError as exc:
            raise QgsProcessingException(f"{label}: {exc}") from exc
        feedback.pushInfo(
            self.tr("{layer}: {n} works read ({how})").format(layer=label, n=len(works), how=how)
        )
        return works, arrays, label

    # --- running -------------------------------------------------------------------------------

    @without_gc
    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        self._parameters_json = self.parameters_json(parameters)
        self._dest: dict[str, str] = {}
        steps = QgsProcessingMultiStepFeedback(6, feedback)
        try:
            steps.setCurrentStep(0)
            works, works_arrays, works_label = self._read(parameters, context, steps, self.INPUT)
            steps.setCurrentStep(1)
            other, other_arrays, other_label = self._read(parameters, context, steps, self.OTHER)
        except Cancelled:
            return {}
        if feedback.isCanceled():
            return {}
        steps.setCurrentStep(2)
        try:
            result = find_overlaps(
                works,
                other,
                distance=self.parameterAsDouble(parameters, self.DISTANCE, context),
                max_gap_days=self.parameterAsInt(parameters, self.MAX_GAP_DAYS, context),
                same_street=self.parameterAsBoolean(parameters, self.SAME_STREET, context),
                include_same_owner=self.parameterAsBoolean(parameters, self.INCLUDE_SAME_OWNER, context),
                excluded_statuses=split_list(
                    self.parameterAsString(parameters, self.EXCLUDED_STATUSES, context)
                ),
                progress=lambda f: (steps.setProgress(100.0 * f), not feedback.isCanceled())[1],
            )
        except Cancelled:
            return {}
        except InputError as exc:
            raise QgsProcessingException(str(exc)) from exc
        if result.n_excluded:
            feedback.pushInfo(
                self.tr("{n} works left out for their permit status").format(n=result.n_excluded)
            )
        if result.n_repaired:
            feedback.pushInfo(
                self.tr("{n} invalid polygons repaired with make_valid").format(n=result.n_repaired)
            )

        try:
            steps.setCurrentStep(3)
            pairs_dest = self._write_pairs(parameters, context, steps, works, other, result)
            steps.setCurrentStep(4)
            groups_dest = self._write_groups(parameters, context, steps, result)
            steps.setCurrentStep(5)
            unusable_dest, n_unusable = self._write_unusable(
                parameters,
                context,
                steps,
                (works, works_arrays, works_label),
                (other, other_arrays, other_label),
                result,
            )
        except Cancelled:
            return {}
        if feedback.isCanceled():
            return {}
        self._dest = {
            self.OUTPUT: pairs_dest,
            self.OUTPUT_GROUPS: groups_dest,
            self.OUTPUT_UNUSABLE: unusable_dest,
        }
        counts = {
            "PAIRS": len(result.a),
            "CLASHES": result.n_clashes,
            "OPPORTUNITIES": result.n_opportunities,
            "GROUPS": len(result.groups),
            "UNUSABLE": n_unusable,
        }
        for key, value in counts.items():
            feedback.pushInfo(f"{key}: {value}")
        return {**self._dest, **counts}

    def _write_pairs(
        self, parameters, context, feedback, works: Works, other: Works | None, result: OverlapResult
    ) -> str:
        second = works if other is None else other
        kinds = np.array([None, *(KIND_NAMES[k] for k in sorted(KIND_NAMES))], dtype=object)
        columns = {
            "id_a": works.ids[result.a],
            "id_b": second.ids[result.b],
            "owner_a": works.owners[result.a],
            "owner_b": second.owners[result.b],
            "kind": kinds[result.kind],
            "distance_m": result.distance,
            "gap_days": result.gap_days,
            "overlap_days": result.overlap_days,
            "group_id": result.group,
        }
        return write_columns(
            self, parameters, context, feedback, self.OUTPUT, PAIR_FIELDS, columns, result.ends, "LINESTRING"
        )

    def _write_groups(self, parameters, context, feedback, result: OverlapResult) -> str:
        g = result.groups
        columns = {
            "group_id": g.group_id,
            "n_works": g.n_works,
            "n_owners": g.n_owners,
            "owners": [owners or None for owners in g.owners],
            "first_start": np.asarray(g.first_start, dtype=np.int64).astype(
                "datetime64[D]"
            ),  # MISSING_DAY is NaT
            "last_end": np.asarray(g.last_end, dtype=np.int64).astype("datetime64[D]"),
            "n_clashes": g.n_clashes,
            "n_opportunities": g.n_opportunities,
            "days_saved": g.days_saved,
        }
        return write_columns(
            self, parameters, context, feedback, self.OUTPUT_GROUPS, GROUP_FIELDS, columns, g.hulls, "POLYGON"
        )

    def _write_unusable(
        self, parameters, context, feedback, first, second, result: OverlapResult
    ) -> tuple[str, int]:
        columns: dict[str, list[Any]] = {name: [] for name, _kind in UNUSABLE_FIELDS}
        for (works, arrays, label), indices, reasons in (
            (first, result.unusable, result.unusable_reasons),
            (second, result.other_unusable, result.other_unusable_reasons),
        ):
            if works is None:
                continue
            columns["layer"] += [label] * len(indices)
            columns["source_fid"] += arrays.fids[indices].tolist()
            columns["id"] += [_text(v) for v in works.ids[indices]]
            columns["owner"] += [_text(v) for v in works.owners[indices]]
            columns["reason"] += [str(r) for r in reasons]
        dest = write_columns(
            self, parameters, context, feedback, self.OUTPUT_UNUSABLE, UNUSABLE_FIELDS, columns, None, None
        )
        return dest, len(columns["source_fid"])

    def postProcessAlgorithm(  # noqa: N802
        self, context: QgsProcessingContext, feedback: QgsProcessingFeedback
    ) -> dict[str, Any]:
        params = getattr(self, "_parameters_json", "{}")
        styles = {
            self.OUTPUT: "overlap_pairs",
            self.OUTPUT_GROUPS: "overlap_groups",
            self.OUTPUT_UNUSABLE: "overlap_unusable",
        }
        for param, dest in getattr(self, "_dest", {}).items():
            if dest:
                finalize_output(
                    dest,
                    context,
                    feedback,
                    style=styles[param],
                    algorithm_id=ALGORITHM_ID,
                    parameters_json=params,
                )
        return {}

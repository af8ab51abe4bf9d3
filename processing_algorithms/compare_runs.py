"""digonce:compareruns: what changed between two runs of digonce:findworksoverlaps."""

from __future__ import annotations

import json
from typing import Any

import numpy as np
import shapely
from qgis.core import (
    QgsApplication,
    QgsProcessing,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingOutputNumber,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP

from ..plugin.core.compare import (
    DATE_FIELDS,
    UNCHANGED,
    Comparison,
    PairsRun,
    compare_runs,
    differing_parameters,
    parse_parameters,
)
from ..plugin.core.errors import Cancelled, InputError
from ..plugin.core.overlaps import group_hulls
from ..plugin.toolbelt.layer_io import SourceArrays, geometry_type_name, read_columns, write_columns
from ..plugin.toolbelt.outputs import PARAMS_PROPERTY, finalize_output, gpkg_path_of, read_stamped_parameters
from ._bulk_geometry_gc import without_gc
from .base import BaseAlgorithm

OVERLAPS_ALGORITHM = "digonce:findworksoverlaps"
REQUIRED = ("id_a", "id_b", "kind", "gap_days", "overlap_days", "group_id")
OPTIONAL = ("distance_m", "work_ref_a", "work_ref_b", *DATE_FIELDS)

PAIR_FIELDS = (
    ("change", "str"),
    ("id_a", "str"),
    ("id_b", "str"),
    ("prev_id_a", "str"),
    ("prev_id_b", "str"),
    ("work_key_a", "str"),
    ("work_key_b", "str"),
    ("kind", "str"),
    ("prev_kind", "str"),
    ("gap_days", "int"),
    ("prev_gap_days", "int"),
    ("overlap_days", "int"),
    ("prev_overlap_days", "int"),
    ("distance_m", "float"),
    ("prev_distance_m", "float"),
    ("group_id", "int"),
    ("prev_group_id", "int"),
    ("what_changed", "str"),
    ("ids_changed", "bool"),
)
GROUP_FIELDS = (
    ("change", "str"),
    ("group_id", "int"),
    ("prev_group_id", "int"),
    ("n_works", "int"),
    ("prev_n_works", "int"),
    ("joined", "str"),
    ("left", "str"),
    ("prev_group_ids", "str"),
)


def _float(value: Any) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if np.isfinite(number) else None


def _take(values: Any, idx: np.ndarray) -> np.ndarray:
    """``values[idx]`` as an object array, None where ``idx`` < 0 or there are no values."""
    out = np.full(len(idx), None, dtype=object)
    if values is not None:
        ok = idx >= 0
        out[ok] = np.asarray(values, dtype=object)[idx[ok]]
    return out


def _floats(values: np.ndarray) -> np.ndarray:
    """An object column as float64: NaN (null in the output) for None and anything that is not
    a finite number."""
    values = np.asarray(values, dtype=object)
    out = np.full(len(values), np.nan)
    known = values != None  # noqa: E711 (elementwise)
    try:
        out[known] = values[known].astype(np.float64)
    except (TypeError, ValueError):  # text that is not a number: one by one
        out[known] = [np.nan if (f := _float(v)) is None else f for v in values[known]]
    out[~np.isfinite(out)] = np.nan
    return out


def _ints(values: np.ndarray) -> np.ndarray:
    """An object column as Python ints (object array), None where not a finite number."""
    numbers = _floats(values)
    out = np.full(len(numbers), None, dtype=object)
    ok = ~np.isnan(numbers)
    out[ok] = numbers[ok].astype(np.int64).astype(object)
    return out


def _as_multi(geoms: np.ndarray) -> np.ndarray:
    """Single points, lines and polygons as one-part multi geometries (None stays None)."""
    out = np.asarray(geoms, dtype=object).copy()
    types = shapely.get_type_id(out)
    for single, make in ((0, shapely.multipoints), (1, shapely.multilinestrings), (3, shapely.multipolygons)):
        idx = np.flatnonzero(types == single)
        if len(idx):
            out[idx] = make(out[idx], indices=np.arange(len(idx)))
    return out


class CompareRuns(BaseAlgorithm):
    CURRENT = "CURRENT"
    PREVIOUS = "PREVIOUS"
    CURRENT_GROUPS = "CURRENT_GROUPS"
    PREVIOUS_GROUPS = "PREVIOUS_GROUPS"
    MATCH_WORK_REF = "MATCH_WORK_REF"
    INCLUDE_UNCHANGED = "INCLUDE_UNCHANGED"
    FORCE = "FORCE"
    OUTPUT = "OUTPUT"
    OUTPUT_GROUPS = "OUTPUT_GROUPS"

    COUNTS = (
        ("NEW", QT_TRANSLATE_NOOP("CompareRuns", "New pairs")),
        ("RESOLVED", QT_TRANSLATE_NOOP("CompareRuns", "Resolved pairs")),
        ("CHANGED", QT_TRANSLATE_NOOP("CompareRuns", "Changed pairs")),
        ("UNCHANGED", QT_TRANSLATE_NOOP("CompareRuns", "Unchanged pairs")),
        ("GROUPS_NEW", QT_TRANSLATE_NOOP("CompareRuns", "New groups")),
        ("GROUPS_GONE", QT_TRANSLATE_NOOP("CompareRuns", "Gone groups")),
        ("GROUPS_GROWN", QT_TRANSLATE_NOOP("CompareRuns", "Grown groups")),
        ("GROUPS_SHRUNK", QT_TRANSLATE_NOOP("CompareRuns", "Shrunk groups")),
        ("GROUPS_RESHAPED", QT_TRANSLATE_NOOP("CompareRuns", "Reshaped groups")),
        ("GROUPS_UNCHANGED", QT_TRANSLATE_NOOP("CompareRuns", "Unchanged groups")),
        ("RENAMED_WORKS", QT_TRANSLATE_NOOP("CompareRuns", "Works matched on work reference with a new id")),
        (
            "PARAMETERS_DIFFERING",
            QT_TRANSLATE_NOOP("CompareRuns", "Analysis parameters that differ between the runs"),
        ),
    )

    def name(self) -> str:
        return "compareruns"

    def displayName(self) -> str:  # noqa: N802
        return self.tr("Compare two overlap runs")

    def shortHelpString(self) -> str:  # noqa: N802
        return self.tr(
            "Use this every month. It tells you what changed since last month's run: new clashes and "
            "opportunities, resolved ones, changed dates, and how each coordination group grew, shrank, "
            "split or merged.\n\n"
            "<b>The exact rules</b>\n\n"
            "Compares this month's pairs output of 'Find works overlaps' with a previous one.\n\n"
            "Works are matched across runs on their work reference: the work_ref_a/work_ref_b fields "
            "when the pairs carry them, otherwise derived from the id by stripping a trailing '-NN' "
            "(hyphen and two digits: Street Manager's permit suffix), so a re-issued permit (…-01 → "
            "…-02) is the same work (said in the log). A work reference shared by several ids of one "
            "run is ambiguous and those ids are matched on the id itself.\n\n"
            "Pairs are keyed on the unordered pair of works: new (only in this run), resolved (only in "
            "the previous run), changed (kind, gap_days or overlap_days differ, or, when both runs "
            "carry start_a/end_a/start_b/end_b, any work's dates), unchanged (listed only with "
            "INCLUDE_UNCHANGED). Distance and owners are reported, not compared.\n\n"
            "Groups (the works of the pairs with each group_id) are matched by shared works: each "
            "current group is matched to the previous group sharing the most works with it (ties: the "
            "smallest previous group_id) and is unchanged, grown (only new works), shrunk (only works "
            "gone) or reshaped (both); new when it shares no work with any previous group. A previous "
            "group sharing no work with any current group is gone. prev_group_ids lists every previous "
            "group a current group shares works with (several: a merge).\n\n"
            "The two runs must have been made with the same analysis parameters (read from the "
            "parameters stamped in each output; input and output paths are not compared): otherwise the "
            "algorithm stops and lists the differing parameters, unless FORCE is set."
        )

    def initAlgorithm(self, config=None):  # noqa: N802
        advanced = QgsProcessingParameterDefinition.FlagAdvanced

        def add(param, help_text: str, is_advanced: bool = False) -> None:
            param.setHelp(help_text)
            if is_advanced:
                param.setFlags(param.flags() | advanced)
            self.addParameter(param)

        any_geometry = [QgsProcessing.TypeVectorAnyGeometry]
        add(
            QgsProcessingParameterFeatureSource(self.CURRENT, self.tr("Current pairs"), any_geometry),
            self.tr("The pairs output of this run of 'Find works overlaps'."),
        )
        add(
            QgsProcessingParameterFeatureSource(self.PREVIOUS, self.tr("Previous pairs"), any_geometry),
            self.tr("The pairs output of the run to compare with (e.g. last month)."),
        )
        add(
            QgsProcessingParameterFeatureSource(
                self.CURRENT_GROUPS, self.tr("Current groups"), any_geometry, optional=True
            ),
            self.tr("Optional groups output of this run: its hulls become the group geometries."),
            True,
        )
        add(
            QgsProcessingParameterFeatureSource(
                self.PREVIOUS_GROUPS, self.tr("Previous groups"), any_geometry, optional=True
            ),
            self.tr("Optional groups output of the previous run (geometry of gone groups)."),
            True,
        )
        add(
            QgsProcessingParameterBoolean(
                self.MATCH_WORK_REF, self.tr("Match works on work reference"), True
            ),
            self.tr("Match a re-issued permit (same work reference, new -NN suffix) to its predecessor."),
            True,
        )
        add(
            QgsProcessingParameterBoolean(self.INCLUDE_UNCHANGED, self.tr("List unchanged pairs"), False),
            self.tr("Also write unchanged pairs to the output (they are always counted)."),
            True,
        )
        add(
            QgsProcessingParameterBoolean(
                self.FORCE, self.tr("Compare runs made with different parameters"), False
            ),
            self.tr("Compare even when the two runs were made with different analysis parameters."),
        )
        add(
            QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("Pair changes")),
            self.tr("New, resolved and changed pairs (and unchanged ones if asked)."),
        )
        add(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT_GROUPS,
                self.tr("Group changes"),
                QgsProcessing.TypeVectorPolygon,
                optional=True,
                createByDefault=True,
            ),
            self.tr(
                "One row per current group and per gone previous group. Optional: leave it out when "
                "only the pairs matter."
            ),
        )
        for key, label in self.COUNTS:
            self.addOutput(QgsProcessingOutputNumber(key, self.tr(label)))

    # --- inputs --------------------------------------------------------------------------------

    def _read_pairs(
        self, parameters, context, feedback, name: str
    ) -> tuple[Any, str, SourceArrays, PairsRun]:
        # a pairs output has zero-length lines where works touch: QGIS calls them invalid
        source = self.source_unchecked(parameters, name, context)
        if source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, name))
        label = source.sourceName() or name
        names = set(source.fields().names())
        missing = [f for f in REQUIRED if f not in names]
        if missing:
            raise QgsProcessingException(
                self.tr("Layer {layer!r} ({param}) is not a pairs output: field(s) {fields} missing").format(
                    layer=label, param=name, fields=", ".join(missing)
                )
            )
        wanted = {f: f for f in (*REQUIRED, *OPTIONAL) if f in names}
        arrays = self._read_arrays(parameters, name, context, feedback, source, wanted, label)
        cols = arrays.columns
        has_dates = all(f in cols for f in DATE_FIELDS)
        has_refs = "work_ref_a" in cols and "work_ref_b" in cols
        try:
            run = PairsRun.from_columns(
                cols["id_a"], cols["id_b"], cols["kind"], cols["gap_days"], cols["overlap_days"], cols["group_id"],
                distance=cols.get("distance_m"),
                work_ref_a=cols["work_ref_a"] if has_refs else None,
                work_ref_b=cols["work_ref_b"] if has_refs else None,
                dates={f: cols[f] for f in DATE_FIELDS} if has_dates else None,
                geometries=arrays.geometries,
                label=label,
            )  # fmt: skip
        except InputError as exc:
            raise QgsProcessingException(str(exc)) from exc
        return source, label, arrays, run

    def _stamp(self, parameters, context, name: str, label: str) -> dict[str, Any] | None:
        layer = self.parameterAsVectorLayer(parameters, name, context)
        text = None
        if isinstance(layer, QgsVectorLayer):
            where = gpkg_path_of(layer)
            if where is not None:
                text = read_stamped_parameters(*where)
            if text is None:
                text = layer.customProperty(PARAMS_PROPERTY) or None
        try:
            return parse_parameters(text, label)
        except InputError as exc:
            raise QgsProcessingException(str(exc)) from exc

    @staticmethod
    def _overlap_defaults() -> dict[str, Any]:
        alg = QgsApplication.processingRegistry().algorithmById(OVERLAPS_ALGORITHM)
        if alg is None:
            return {}
        return {p.name(): p.defaultValue() for p in alg.parameterDefinitions()}

    def _group_hulls(self, parameters, context, feedback, name: str) -> dict[int, Any]:
        source = self.source_unchecked(parameters, name, context)
        if source is None:
            return {}
        if source.fields().lookupField("group_id") < 0:
            raise QgsProcessingException(
                self.tr("Layer {layer!r} ({param}) has no group_id field").format(
                    layer=source.sourceName(), param=name
                )
            )
        label = source.sourceName() or name
        arrays = self._read_arrays(parameters, name, context, None, source, {"group_id": "group_id"}, label)
        gid = _ints(np.asarray(arrays.columns["group_id"], dtype=object))
        geoms = np.asarray(arrays.geometries, dtype=object)
        keep = (gid != None) & ~shapely.is_missing(geoms)  # noqa: E711 (elementwise)
        return dict(zip(gid[keep].tolist(), geoms[keep].tolist(), strict=True))

    def _read_arrays(self, parameters, name, context, feedback, source, wanted, label) -> SourceArrays:
        """A GeoPackage layer through GDAL's Arrow stream when possible, else feature by feature."""
        layer = self.parameterAsVectorLayer(parameters, name, context)
        return read_columns(
            source, wanted, context, feedback, label, layer=layer, definition=parameters.get(name)
        )

    # --- running -------------------------------------------------------------------------------

    @without_gc
    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        self._parameters_json = self.parameters_json(parameters)
        self._dest: dict[str, str] = {}
        cur_source, cur_label, _cur_arrays, current = self._read_pairs(
            parameters, context, feedback, self.CURRENT
        )
        _prev_source, prev_label, _prev_arrays, previous = self._read_pairs(
            parameters, context, feedback, self.PREVIOUS
        )
        if feedback.isCanceled():
            return {}

        cur_params = self._stamp(parameters, context, self.CURRENT, cur_label)
        prev_params = self._stamp(parameters, context, self.PREVIOUS, prev_label)
        differing: list[tuple[str, Any, Any]] = []
        if cur_params is None or prev_params is None:
            which = cur_label if cur_params is None else prev_label
            feedback.pushWarning(
                self.tr(
                    "No run parameters are stamped in {layer}: cannot check that the runs are comparable"
                ).format(layer=which)
            )
        else:
            differing = differing_parameters(prev_params, cur_params, defaults=self._overlap_defaults())
        if differing:
            listing = "; ".join(
                f"{name}: {json.dumps(before)} (previous) vs {json.dumps(after)} (current)"
                for name, before, after in differing
            )
            if not self.parameterAsBoolean(parameters, self.FORCE, context):
                raise QgsProcessingException(
                    self.tr(
                        "The two runs were made with different parameters: {listing}. "
                        "Their pairs are not comparable; set FORCE to compare anyway."
                    ).format(listing=listing)
                )
            feedback.reportError(
                self.tr("FORCE: comparing runs made with different parameters: {listing}").format(
                    listing=listing
                )
            )

        try:
            result = compare_runs(
                current,
                previous,
                match_work_ref=self.parameterAsBoolean(parameters, self.MATCH_WORK_REF, context),
            )
        except InputError as exc:
            raise QgsProcessingException(str(exc)) from exc
        self._log_keys(result, cur_label, prev_label, feedback)
        feedback.setProgress(60)

        try:
            pairs_dest = self._write_pairs(
                parameters, context, feedback, cur_source, current, previous, result
            )
            groups_dest = None
            if parameters.get(self.OUTPUT_GROUPS) is not None:  # optional: group changes asked for
                cur_hulls = self._group_hulls(parameters, context, feedback, self.CURRENT_GROUPS)
                prev_hulls = self._group_hulls(parameters, context, feedback, self.PREVIOUS_GROUPS)
                groups_dest = self._write_groups(
                    parameters, context, feedback, current, previous, result, cur_hulls, prev_hulls
                )
        except Cancelled:
            return {}
        self._dest = {self.OUTPUT: pairs_dest, self.OUTPUT_GROUPS: groups_dest}
        counts = result.counts()
        counts["PARAMETERS_DIFFERING"] = len(differing)
        for key, value in counts.items():
            feedback.pushInfo(f"{key}: {value}")
        return {self.OUTPUT: pairs_dest, self.OUTPUT_GROUPS: groups_dest, **counts}

    def _log_keys(self, result: Comparison, cur_label: str, prev_label: str, feedback) -> None:
        for label, keys in ((prev_label, result.previous_keys), (cur_label, result.current_keys)):
            if keys.work_ref_source == "derived":
                feedback.pushInfo(
                    self.tr(
                        "{layer}: no work_ref_a/work_ref_b fields: work references derived from the ids "
                        "by stripping a trailing -NN permit suffix"
                    ).format(layer=label)
                )
            elif keys.work_ref_source == "field":
                feedback.pushInfo(
                    self.tr("{layer}: works matched on work_ref_a/work_ref_b").format(layer=label)
                )
            if keys.ambiguous:
                feedback.pushInfo(
                    self.tr(
                        "{layer}: {n} work references shared by several ids, matched on the id: {refs}"
                    ).format(layer=label, n=len(keys.ambiguous), refs=", ".join(keys.ambiguous[:20]))
                )
        for before, after in result.renamed_works[:50]:
            feedback.pushInfo(self.tr("Same work, new id: {a} -> {b}").format(a=before, b=after))
        if len(result.renamed_works) > 50:
            feedback.pushInfo(self.tr("… and {n} more").format(n=len(result.renamed_works) - 50))

    def _write_pairs(self, parameters, context, feedback, cur_source, current, previous, result) -> str:
        wkb = QgsWkbTypes.multiType(cur_source.wkbType())
        if QgsWkbTypes.geometryType(wkb) not in (
            QgsWkbTypes.PointGeometry, QgsWkbTypes.LineGeometry, QgsWkbTypes.PolygonGeometry
        ):  # fmt: skip
            wkb = QgsWkbTypes.MultiLineString
        include_unchanged = self.parameterAsBoolean(parameters, self.INCLUDE_UNCHANGED, context)
        rows = [row for row in result.pairs if include_unchanged or row.change != UNCHANGED]
        n = len(rows)
        c = np.fromiter((-1 if r.current is None else r.current for r in rows), np.int64, n)
        p = np.fromiter((-1 if r.previous is None else r.previous for r in rows), np.int64, n)
        columns = {
            "change": [r.change for r in rows],
            "id_a": _take(current.id_a, c),
            "id_b": _take(current.id_b, c),
            "prev_id_a": _take(previous.id_a, p),
            "prev_id_b": _take(previous.id_b, p),
            "work_key_a": [r.key[0] for r in rows],
            "work_key_b": [r.key[1] for r in rows],
            "kind": _take(current.kind, c),
            "prev_kind": _take(previous.kind, p),
            "gap_days": _ints(_take(current.gap_days, c)),
            "prev_gap_days": _ints(_take(previous.gap_days, p)),
            "overlap_days": _ints(_take(current.overlap_days, c)),
            "prev_overlap_days": _ints(_take(previous.overlap_days, p)),
            "distance_m": _floats(_take(current.distance, c)),
            "prev_distance_m": _floats(_take(previous.distance, p)),
            "group_id": _ints(_take(current.group_id, c)),
            "prev_group_id": _ints(_take(previous.group_id, p)),
            "what_changed": [",".join(r.what_changed) or None for r in rows],
            "ids_changed": [bool(r.ids_changed) for r in rows],
        }
        geoms = _take(current.geometries, c)
        from_previous = (c < 0) & (p >= 0)
        geoms[from_previous] = _take(previous.geometries, p[from_previous])
        return write_columns(
            self, parameters, context, feedback, self.OUTPUT, PAIR_FIELDS, columns, _as_multi(geoms),
            geometry_type_name(wkb),
        )  # fmt: skip

    @staticmethod
    def _hull_from_pairs(run: PairsRun) -> dict[int, Any]:
        """Group id -> the convex hull of its pairs' lines (a rectangle 1 m wider than a point or
        a segment), all groups at once."""
        if run.geometries is None or len(run) == 0:
            return {}
        gid = _ints(run.group_id)
        geoms = np.asarray(run.geometries, dtype=object)
        ok = (gid != None) & ~shapely.is_missing(geoms)  # noqa: E711 (elementwise)
        ok[ok] = ~shapely.is_empty(geoms[ok])
        if not ok.any():
            return {}
        ids = gid[ok].astype(np.int64)
        order = np.argsort(ids, kind="stable")
        unique, dense = np.unique(ids[order], return_inverse=True)
        hulls = group_hulls(geoms[ok][order], dense)
        return dict(zip(unique.tolist(), hulls.tolist(), strict=True))

    def _write_groups(
        self, parameters, context, feedback, current, previous, result, cur_hulls, prev_hulls
    ) -> str:
        # a group missing from the groups layer (or no groups layer) gets the hull of its pairs
        cur_hulls = {**self._hull_from_pairs(current), **cur_hulls}
        prev_hulls = {**self._hull_from_pairs(previous), **prev_hulls}
        rows = result.groups
        hulls = np.empty(len(rows), dtype=object)
        hulls[:] = [
            cur_hulls.get(r.group_id) if r.group_id is not None else prev_hulls.get(r.prev_group_id)
            for r in rows
        ]
        present = ~shapely.is_missing(hulls)
        flat = np.zeros(len(hulls), dtype=bool)
        flat[present] = shapely.get_dimensions(hulls[present]) != 2
        hulls[flat] = None
        columns = {
            "change": [r.change for r in rows],
            "group_id": [r.group_id for r in rows],
            "prev_group_id": [r.prev_group_id for r in rows],
            "n_works": [r.n_works for r in rows],
            "prev_n_works": [r.prev_n_works for r in rows],
            "joined": [", ".join(r.joined) or None for r in rows],
            "left": [", ".join(r.left) or None for r in rows],
            "prev_group_ids": [", ".join(str(g) for g in r.prev_group_ids) or None for r in rows],
        }
        return write_columns(
            self, parameters, context, feedback, self.OUTPUT_GROUPS, GROUP_FIELDS, columns, _as_multi(hulls),
            "MULTIPOLYGON",
        )  # fmt: skip

    def postProcessAlgorithm(  # noqa: N802
        self, context: QgsProcessingContext, feedback: QgsProcessingFeedback
    ) -> dict[str, Any]:
        dest = getattr(self, "_dest", {})
        params = getattr(self, "_parameters_json", "{}")
        for key, style in ((self.OUTPUT, "compare_pairs"), (self.OUTPUT_GROUPS, "compare_groups")):
            if dest.get(key):
                finalize_output(
                    dest[key], context, feedback, style=style,
                    algorithm_id="digonce:compareruns", parameters_json=params,
                )  # fmt: skip
        return {}

"""digonce:compareruns: what changed between two runs of digonce:findworksoverlaps. A thin shell
over :mod:`plugin.core.compare` (the comparison and the output columns)."""

from __future__ import annotations

from qgis.core import (
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingParameterBoolean,
)

from ..plugin.core.compare import Comparison, compare_runs, describe_differences
from ..plugin.core.compare_tables import GROUP_FIELDS, PAIR_FIELDS, group_columns, pair_columns
from ..plugin.core.errors import Cancelled, InputError
from ..plugin.core.gc_pause import without_gc
from ..plugin.toolbelt.layer_io import write_columns
from ._analysis import AnalysisAlgorithm
from ._pair_layers import differing_runs, group_geometries, pairs_type_name, read_runs


class CompareRuns(AnalysisAlgorithm):
    CURRENT = "CURRENT"
    PREVIOUS = "PREVIOUS"
    CURRENT_GROUPS = "CURRENT_GROUPS"
    PREVIOUS_GROUPS = "PREVIOUS_GROUPS"
    MATCH_WORK_REF = "MATCH_WORK_REF"
    INCLUDE_UNCHANGED = "INCLUDE_UNCHANGED"
    FORCE = "FORCE"
    OUTPUT = "OUTPUT"
    OUTPUT_GROUPS = "OUTPUT_GROUPS"
    styles = {OUTPUT: "compare_pairs", OUTPUT_GROUPS: "compare_groups"}

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
        self.add_layer(
            self.CURRENT,
            self.tr("Current pairs"),
            self.tr("The pairs output of this run of 'Find works overlaps'."),
        )
        self.add_layer(
            self.PREVIOUS,
            self.tr("Previous pairs"),
            self.tr("The pairs output of the run to compare with (e.g. last month)."),
        )
        groups = (
            (
                self.CURRENT_GROUPS,
                self.tr("Current groups"),
                self.tr("Optional groups output of this run: its hulls become the group geometries."),
            ),
            (
                self.PREVIOUS_GROUPS,
                self.tr("Previous groups"),
                self.tr("Optional groups output of the previous run (geometry of gone groups)."),
            ),
        )
        for name, label, help_text in groups:
            self.add_layer(name, label, help_text, optional=True, advanced=True)
        self.add(
            QgsProcessingParameterBoolean(
                self.MATCH_WORK_REF, self.tr("Match works on work reference"), True
            ),
            self.tr("Match a re-issued permit (same work reference, new -NN suffix) to its predecessor."),
            advanced=True,
        )
        self.add(
            QgsProcessingParameterBoolean(self.INCLUDE_UNCHANGED, self.tr("List unchanged pairs"), False),
            self.tr("Also write unchanged pairs to the output (they are always counted)."),
            advanced=True,
        )
        self.add(
            QgsProcessingParameterBoolean(
                self.FORCE, self.tr("Compare runs made with different parameters"), False
            ),
            self.tr("Compare even when the two runs were made with different analysis parameters."),
        )
        self.add_sink(
            self.OUTPUT,
            self.tr("Pair changes"),
            self.tr("New, resolved and changed pairs (and unchanged ones if asked)."),
        )
        self.add_sink(
            self.OUTPUT_GROUPS,
            self.tr("Group changes"),
            self.tr(
                "One row per current group and per gone previous group. Optional: leave it out when "
                "only the pairs matter."
            ),
            QgsProcessing.TypeVectorPolygon,
            optional=True,
        )
        self.add_counts(
            {
                "NEW": self.tr("New pairs"),
                "RESOLVED": self.tr("Resolved pairs"),
                "CHANGED": self.tr("Changed pairs"),
                "UNCHANGED": self.tr("Unchanged pairs"),
                "GROUPS_NEW": self.tr("New groups"),
                "GROUPS_GONE": self.tr("Gone groups"),
                "GROUPS_GROWN": self.tr("Grown groups"),
                "GROUPS_SHRUNK": self.tr("Shrunk groups"),
                "GROUPS_RESHAPED": self.tr("Reshaped groups"),
                "GROUPS_UNCHANGED": self.tr("Unchanged groups"),
                "RENAMED_WORKS": self.tr("Works matched on work reference with a new id"),
                "PARAMETERS_DIFFERING": self.tr("Analysis parameters that differ between the runs"),
            }
        )

    @without_gc
    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        self.start_run(parameters)
        (cur_source, cur_label, current), (_, prev_label, previous) = read_runs(
            self, parameters, context, feedback, (self.CURRENT, self.PREVIOUS)
        )
        if feedback.isCanceled():
            return {}
        differing = differing_runs(
            self, parameters, context, feedback, ((self.CURRENT, cur_label), (self.PREVIOUS, prev_label))
        )
        if differing:
            listing = describe_differences(differing)
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
            include_unchanged = self.parameterAsBoolean(parameters, self.INCLUDE_UNCHANGED, context)
            columns, geoms = pair_columns(current, previous, result, include_unchanged=include_unchanged)
            self._dest[self.OUTPUT] = write_columns(
                self,
                parameters,
                context,
                feedback,
                self.OUTPUT,
                PAIR_FIELDS,
                columns,
                geoms,
                pairs_type_name(cur_source),
            )
            self._dest[self.OUTPUT_GROUPS] = None
            if parameters.get(self.OUTPUT_GROUPS) is not None:  # optional: group changes asked for
                cur_hulls = group_geometries(self, parameters, context, self.CURRENT_GROUPS)
                prev_hulls = group_geometries(self, parameters, context, self.PREVIOUS_GROUPS)
                columns, hulls = group_columns(current, previous, result, cur_hulls, prev_hulls)
                self._dest[self.OUTPUT_GROUPS] = write_columns(
                    self,
                    parameters,
                    context,
                    feedback,
                    self.OUTPUT_GROUPS,
                    GROUP_FIELDS,
                    columns,
                    hulls,
                    "MULTIPOLYGON",
                )
        except Cancelled:
            self._dest = {}
            return {}
        counts = result.counts()
        counts["PARAMETERS_DIFFERING"] = len(differing)
        for key, value in counts.items():
            feedback.pushInfo(f"{key}: {value}")
        return {**self._dest, **counts}

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

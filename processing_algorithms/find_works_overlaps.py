"""digonce:findworksoverlaps: clashes and dig-once opportunities between works, and the
coordination groups they form. A thin shell over :mod:`plugin.core.overlaps`; the rows of its
outputs are built in :mod:`plugin.core.overlap_tables`."""

from __future__ import annotations

from qgis.core import (
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingMultiStepFeedback,
)

from ..plugin.core.errors import Cancelled, InputError
from ..plugin.core.gc_pause import without_gc
from ..plugin.core.memory import FIND_OVERLAPS_BYTES_PER_WORK, release_free_memory
from ..plugin.core.overlap_tables import (
    GROUP_FIELDS,
    PAIR_FIELDS,
    UNUSABLE_FIELDS,
    group_columns,
    pair_columns,
    unusable_columns,
)
from ..plugin.core.overlaps import find_overlaps
from ._analysis import ClashAlgorithm
from ._works_fields import (
    OVERLAP_FIELDS,
    add_field_parameters,
    check_memory,
    open_source,
    read_works,
    wanted_fields,
)


class FindWorksOverlaps(ClashAlgorithm):
    INPUT = "INPUT"
    OTHER = "OTHER"
    OUTPUT = "OUTPUT"
    OUTPUT_GROUPS = "OUTPUT_GROUPS"
    OUTPUT_UNUSABLE = "OUTPUT_UNUSABLE"
    styles = {OUTPUT: "overlap_pairs", OUTPUT_GROUPS: "overlap_groups", OUTPUT_UNUSABLE: "overlap_unusable"}

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
        self.add_layer(
            self.INPUT,
            self.tr("Works"),
            self.tr(
                "Points, lines or polygons: the store's works layer, or any layer with the mapped fields."
            ),
        )
        self.add_layer(
            self.OTHER,
            self.tr("Other works (cross pairs only)"),
            self.tr(
                "Optional second layer (e.g. the register when Works are your own plans): only pairs with "
                "one work from each layer are reported. Uses the same field names."
            ),
            optional=True,
        )
        self.add_rule_parameters(statuses_advanced=True)
        add_field_parameters(
            self, OVERLAP_FIELDS, self.tr("Field of the works layer(s) (default {default}).")
        )
        for param, label, kind, help_text in (
            (
                self.OUTPUT,
                self.tr("Clashes and opportunities"),
                QgsProcessing.TypeVectorLine,
                self.tr(
                    "One row per pair: shortest line between the works, kind, distance, gap and overlap days."
                ),
            ),
            (
                self.OUTPUT_GROUPS,
                self.tr("Coordination groups"),
                QgsProcessing.TypeVectorPolygon,
                self.tr("One row per group of linked works (one meeting), with its hull and summary."),
            ),
            (
                self.OUTPUT_UNUSABLE,
                self.tr("Unusable works"),
                QgsProcessing.TypeVector,
                self.tr("Works that could not take part, with the reason."),
            ),
        ):
            self.add_sink(param, label, help_text, kind)
        self.add_counts(
            {
                "PAIRS": self.tr("Pairs (clashes + opportunities)"),
                "CLASHES": self.tr("Clashes"),
                "OPPORTUNITIES": self.tr("Opportunities"),
                "GROUPS": self.tr("Coordination groups"),
                "UNUSABLE": self.tr("Unusable works"),
            }
        )

    def _read(self, parameters, context, feedback, param: str, source, label: str):
        """The works of one layer and their feature ids (``_works_fields.read_works``)."""
        wanted = wanted_fields(self, parameters, context, source, OVERLAP_FIELDS, label)
        if self.parameterAsBoolean(parameters, self.SAME_STREET, context) and not wanted.get("usrn"):
            raise QgsProcessingException(
                self.tr("SAME_STREET is on but layer {layer!r} has no USRN field {field!r}").format(
                    layer=label, field=parameters.get("USRN_FIELD") or "usrn"
                )
            )
        if not self.parameterAsBoolean(parameters, self.SAME_STREET, context):
            wanted["usrn"] = None  # only SAME_STREET uses it: not read (~65 bytes a work)
        # points and two-point lines stay coordinates: no GEOS object for ~84 % of street works
        return read_works(self, parameters, context, feedback, param, source, wanted, label, compact=True)

    @without_gc
    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        self.start_run(parameters)
        steps = QgsProcessingMultiStepFeedback(6, feedback)
        # Invalid polygons are repaired (make_valid) and counted by the engine, as documented:
        # the context's invalid-geometry filter must not drop or abort on them first.
        source, label = open_source(self, parameters, context, self.INPUT, unchecked=True)
        other_source, other_label = open_source(
            self, parameters, context, self.OTHER, unchecked=True, optional=True
        )
        # refused before anything is read, not ended by the system half way
        n = sum(max(0, s.featureCount()) for s in (source, other_source) if s is not None)
        check_memory(n, FIND_OVERLAPS_BYTES_PER_WORK, label, (source, other_source))
        layers = [(None, None, "")] * 2
        try:
            for step, (param, src, name) in enumerate(
                ((self.INPUT, source, label), (self.OTHER, other_source, other_label))
            ):
                steps.setCurrentStep(step)
                if src is not None:
                    layers[step] = (*self._read(parameters, context, steps, param, src, name), name)
        except Cancelled:
            return {}
        if feedback.isCanceled():
            return {}
        steps.setCurrentStep(2)
        works, other = layers[0][0], layers[1][0]
        try:
            result = find_overlaps(
                works,
                other,
                **self.rules(parameters, context),
                progress=lambda f: (steps.setProgress(100.0 * f), not feedback.isCanceled())[1],
                release_geometries=True,  # the outputs are written from lines, hulls and ids
                groups_in_background=True,  # summarised while the pairs are written
            )
        except Cancelled:
            return {}
        except InputError as exc:
            raise QgsProcessingException(str(exc)) from exc
        for n, said in (
            (result.n_excluded, self.tr("{n} works left out for their permit status")),
            (result.n_repaired, self.tr("{n} invalid polygons repaired with make_valid")),
        ):
            if n:
                feedback.pushInfo(said.format(n=n))
        unusable = unusable_columns(result, layers)
        pairs = pair_columns(works, other, result)
        # The works go before writing: the tables share their ids and owners, the lines and
        # hulls are coordinates. The groups' summary is made meanwhile (groups_in_background).
        del works, other, layers
        release_free_memory()
        outputs = (
            (self.OUTPUT, PAIR_FIELDS, lambda: (pairs, result.ends), "LINESTRING"),
            (
                self.OUTPUT_GROUPS,
                GROUP_FIELDS,
                lambda: (group_columns(result), result.groups.hulls),
                "POLYGON",
            ),
            (self.OUTPUT_UNUSABLE, UNUSABLE_FIELDS, lambda: (unusable, None), None),
        )
        try:
            dest = self.write_outputs(parameters, context, steps, outputs, first_step=3)
        except Cancelled:
            return {}
        if feedback.isCanceled():
            return {}
        self._dest = dest
        counts = {
            "PAIRS": len(result.a),
            "CLASHES": result.n_clashes,
            "OPPORTUNITIES": result.n_opportunities,
            "GROUPS": len(result.groups),
            "UNUSABLE": len(unusable["source_fid"]),
        }
        for key, value in counts.items():
            feedback.pushInfo(f"{key}: {value}")
        return {**self._dest, **counts}

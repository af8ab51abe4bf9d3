"""digonce:findcoveragegaps: sites (planning sites, venues) in not-spots, near or far from the spine."""

from __future__ import annotations

from qgis.core import (
    QgsProcessing,
    QgsProcessingParameterDistance,
    QgsProcessingParameterFeatureSource,
)

from ..plugin.core import coverage
from ..plugin.core.coverage_tables import GAP_FIELDS, PLACE_KEYS, gap_columns
from ..plugin.core.gc_pause import without_gc
from ._coverage_analysis import CoverageAlgorithm, output_fields


class FindCoverageGaps(CoverageAlgorithm):
    SEARCH_RADIUS = "SEARCH_RADIUS"
    UNITS_FIELD = "UNITS_FIELD"
    UNITS_IN_NOTSPOTS = "UNITS_IN_NOTSPOTS"
    CLASS_OUTPUTS = {c: c.upper() for c in coverage.GAP_CLASSES}
    styles = {CoverageAlgorithm.OUTPUT: "coverage_gaps"}

    def name(self) -> str:
        return "findcoveragegaps"

    def displayName(self) -> str:  # noqa: N802
        return self.tr("Find coverage gaps")

    def shortHelpString(self) -> str:  # noqa: N802
        return self.tr(
            "Use this to see where full fibre is missing. For each planning site or cultural venue it says "
            "whether it sits in a connectivity not-spot and how far it is from the full-fibre spine: sites "
            "in a not-spot close to the spine are the quick wins.\n\n"
            "<b>The exact rules</b>\n\n"
            "For each site (planning sites or cultural venues, points or polygons): the exact distance "
            "to the full-fibre spine (spine_distance_m), the not-spot place describing it (the "
            "not-spot area containing it, else the nearest postcode/area within the search radius) "
            "with its share, whether it is in a not-spot, and a gap class:\n"
            "- connected: the matched place is not a not-spot;\n"
            "- near_spine_notspot: in a not-spot, within MAX_SPINE_DISTANCE of the spine;\n"
            "- far_from_spine_notspot: in a not-spot, further from the spine (or no spine);\n"
            "- no_coverage_data: no place contains it or lies within the search radius;\n"
            "- unlocated: no usable geometry (e.g. grid-origin planning centroids).\n"
            "Planning sites carry their 'units'. Counts per class are numeric outputs."
        )

    def initAlgorithm(self, config=None):  # noqa: N802
        self.add(
            QgsProcessingParameterFeatureSource(
                self.INPUT, self.tr("Sites"), [QgsProcessing.TypeVectorPoint, QgsProcessing.TypeVectorPolygon]
            ),
            self.tr("Planning sites or cultural venues (points or polygons)."),
        )
        self.add_notspot_parameters()
        self.add_spine_parameter(self.tr("Line layer of the spine (e.g. from 'Import full-fibre spine')."))
        self.add_max_spine_distance(
            self.tr("Maximum distance to the spine"),
            self.tr("Not-spot sites within this distance (metres) of the spine are near_spine_notspot."),
        )
        self.add(
            QgsProcessingParameterDistance(
                self.SEARCH_RADIUS, self.tr("Search radius for postcodes"), 100.0, self.INPUT, minValue=0.0
            ),
            self.tr(
                "When no not-spot area contains a site, the nearest place within this distance (metres)."
            ),
            advanced=True,
        )
        self.add_field(
            self.UNITS_FIELD,
            self.tr("Units field"),
            self.INPUT,
            self.tr("Residential units of each site; empty = the 'units' field when the layer has one."),
            numeric=True,
            advanced=True,
        )
        self.add_sink(
            self.OUTPUT,
            self.tr("Coverage gaps"),
            self.tr("The sites with their spine distance, not-spot metrics and gap class."),
        )
        self.add_counts(
            {
                **{out: self.tr("Sites: {c}").format(c=cls) for cls, out in self.CLASS_OUTPUTS.items()},
                self.UNITS_IN_NOTSPOTS: self.tr("Residential units in not-spots"),
            }
        )

    @without_gc
    def processAlgorithm(self, parameters, context, model_feedback):  # noqa: N802
        feedback, sources, max_d = self.begin(parameters, context, model_feedback)
        sites_src = sources[0]
        radius = self.parameterAsDouble(parameters, self.SEARCH_RADIUS, context)
        units_field = self.parameterAsString(parameters, self.UNITS_FIELD, context)
        if not units_field and sites_src.fields().lookupField("units") >= 0:
            units_field = "units"

        fields, kept = output_fields(sites_src, GAP_FIELDS)
        wanted = {name: name for name in kept}
        if units_field:
            wanted["__units"] = units_field
        sites, places, spine, is_ns = self.read_inputs(
            parameters, context, feedback, sources, wanted, ("notspot_share_pct", "notspot_level"), PLACE_KEYS
        )
        if feedback.isCanceled():
            return {}
        result = coverage.find_coverage_gaps(
            sites.geometries, places.geometries, is_ns, spine.geometries, max_d, radius
        )
        feedback.setCurrentStep(4)
        added, units_in_ns = gap_columns(result, places.columns, sites.columns.get("__units"))
        columns = {name: sites.columns[name] for name in kept}
        columns.update(added)
        dest_id = self.write_output(
            parameters, context, feedback, fields, columns, sites.geometries, sites_src
        )
        counts = result.counts()
        for cls, n in counts.items():
            feedback.pushInfo(self.tr("{c}: {n} sites").format(c=cls, n=n))
        out = {self.OUTPUT: dest_id, self.UNITS_IN_NOTSPOTS: units_in_ns}
        out.update({self.CLASS_OUTPUTS[c]: n for c, n in counts.items()})
        return out

"""digonce:findcoveragegaps: sites (planning sites, venues) in not-spots, near or far from the spine."""

from __future__ import annotations

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
)

from ..plugin.core import coverage
from ..plugin.toolbelt.layer_io import field_spec, geometry_type_name, write_columns
from ..plugin.toolbelt.outputs import finalize_output
from ..plugin.toolbelt.settings import PluginSettings
from ._analysis import output_fields, plain, read_input, truthy
from ._bulk_geometry_gc import without_gc
from .base import BaseAlgorithm

GAP_FIELDS: list[tuple[str, str]] = [
    ("spine_distance_m", "float"),
    ("notspot_place", "str"),
    ("place_distance_m", "float"),
    ("notspot_level", "str"),
    ("notspot_share_pct", "float"),
    ("in_notspot", "bool"),
    ("gap_class", "str"),
    ("units", "int"),
]
PLACE_KEYS = ("area_code", "postcode", "laua", "name")


class FindCoverageGaps(BaseAlgorithm):
    INPUT = "INPUT"
    NOTSPOTS = "NOTSPOTS"
    NOTSPOT_FIELD = "NOTSPOT_FIELD"
    SPINE = "SPINE"
    MAX_SPINE_DISTANCE = "MAX_SPINE_DISTANCE"
    SEARCH_RADIUS = "SEARCH_RADIUS"
    UNITS_FIELD = "UNITS_FIELD"
    OUTPUT = "OUTPUT"
    UNITS_IN_NOTSPOTS = "UNITS_IN_NOTSPOTS"
    CLASS_OUTPUTS = {c: c.upper() for c in coverage.GAP_CLASSES}

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
        settings = PluginSettings()
        p = QgsProcessingParameterFeatureSource(
            self.INPUT, self.tr("Sites"), [QgsProcessing.TypeVectorPoint, QgsProcessing.TypeVectorPolygon]
        )
        p.setHelp(self.tr("Planning sites or cultural venues (points or polygons)."))
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
        p = QgsProcessingParameterFeatureSource(
            self.SPINE, self.tr("Full-fibre spine"), [QgsProcessing.TypeVectorLine]
        )
        p.setHelp(self.tr("Line layer of the spine (e.g. from 'Import full-fibre spine')."))
        self.addParameter(p)
        p = QgsProcessingParameterDistance(
            self.MAX_SPINE_DISTANCE,
            self.tr("Maximum distance to the spine"),
            settings.max_spine_distance_m,
            self.INPUT,
            minValue=0.0,
        )
        p.setHelp(
            self.tr("Not-spot sites within this distance (metres) of the spine are near_spine_notspot.")
        )
        self.addParameter(p)
        p = QgsProcessingParameterDistance(
            self.SEARCH_RADIUS, self.tr("Search radius for postcodes"), 100.0, self.INPUT, minValue=0.0
        )
        p.setHelp(
            self.tr("When no not-spot area contains a site, the nearest place within this distance (metres).")
        )
        p.setFlags(p.flags() | QgsProcessingParameterDefinition.FlagAdvanced)
        self.addParameter(p)
        p = QgsProcessingParameterField(
            self.UNITS_FIELD, self.tr("Units field"), parentLayerParameterName=self.INPUT, optional=True,
            type=QgsProcessingParameterField.Numeric,
        )  # fmt: skip
        p.setHelp(
            self.tr("Residential units of each site; empty = the 'units' field when the layer has one.")
        )
        p.setFlags(p.flags() | QgsProcessingParameterDefinition.FlagAdvanced)
        self.addParameter(p)
        p = QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("Coverage gaps"))
        p.setHelp(self.tr("The sites with their spine distance, not-spot metrics and gap class."))
        self.addParameter(p)
        for cls, out in self.CLASS_OUTPUTS.items():
            self.addOutput(QgsProcessingOutputNumber(out, self.tr("Sites: {c}").format(c=cls)))
        self.addOutput(
            QgsProcessingOutputNumber(self.UNITS_IN_NOTSPOTS, self.tr("Residential units in not-spots"))
        )

    @without_gc
    def processAlgorithm(self, parameters, context, model_feedback):  # noqa: N802
        self._parameters_json = self.parameters_json(parameters)
        feedback = QgsProcessingMultiStepFeedback(5, model_feedback)
        sites_src = self.parameterAsSource(parameters, self.INPUT, context)
        # not-spot areas come from boundary files whose small self-intersections do not matter here
        ns_src = self.source_unchecked(parameters, self.NOTSPOTS, context)
        spine_src = self.parameterAsSource(parameters, self.SPINE, context)
        for src, key in ((sites_src, self.INPUT), (ns_src, self.NOTSPOTS), (spine_src, self.SPINE)):
            if src is None:
                raise QgsProcessingException(self.invalidSourceError(parameters, key))
        max_d = self.parameterAsDouble(parameters, self.MAX_SPINE_DISTANCE, context)
        radius = self.parameterAsDouble(parameters, self.SEARCH_RADIUS, context)
        flag_field = self.parameterAsString(parameters, self.NOTSPOT_FIELD, context) or "is_notspot"
        units_field = self.parameterAsString(parameters, self.UNITS_FIELD, context)
        if not units_field and sites_src.fields().lookupField("units") >= 0:
            units_field = "units"

        fields, kept = output_fields(sites_src, GAP_FIELDS)
        wanted = {name: name for name in kept}
        if units_field:
            wanted["__units"] = units_field
        sites = read_input(self, parameters, self.INPUT, sites_src, wanted, context, feedback, "INPUT")
        feedback.setCurrentStep(1)
        ns_names = ns_src.fields().names()
        ns_wanted = {"flag": flag_field}
        for opt in ("notspot_share_pct", "notspot_level"):
            if opt in ns_names:
                ns_wanted[opt] = opt
        key = next((k for k in PLACE_KEYS if k in ns_names), None)
        if key:
            ns_wanted["key"] = key
        places = read_input(self, parameters, self.NOTSPOTS, ns_src, ns_wanted, context, feedback, "NOTSPOTS")
        feedback.setCurrentStep(2)
        spine = read_input(self, parameters, self.SPINE, spine_src, {}, context, feedback, "SPINE")
        feedback.setCurrentStep(3)
        if feedback.isCanceled():
            return {}
        is_ns = np.array([truthy(v) for v in places.columns["flag"]], dtype=bool)
        result = coverage.find_coverage_gaps(
            sites.geometries, places.geometries, is_ns, spine.geometries, max_d, radius
        )
        feedback.setCurrentStep(4)

        n = len(sites)
        place = result.place_index
        located = place >= 0

        def from_places(name: str) -> np.ndarray:
            out = np.full(n, None, dtype=object)
            if name in places.columns:
                values = np.asarray(places.columns[name], dtype=object)
                out[located] = values[place[located]]
            return out

        def as_int(value):
            value = plain(value)
            return int(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None

        units = [as_int(u) for u in sites.columns.get("__units", [None] * n)]
        units_in_ns = sum(
            u for u, inside in zip(units, result.in_notspot.tolist(), strict=True) if inside and u
        )
        columns = {name: sites.columns[name] for name in kept}
        columns.update(
            spine_distance_m=np.asarray(result.spine_distance_m, dtype=float),  # exact, not rounded
            notspot_place=from_places("key"),
            place_distance_m=np.asarray(result.place_distance_m, dtype=float),
            notspot_level=from_places("notspot_level"),
            notspot_share_pct=np.array([plain(v) for v in from_places("notspot_share_pct")], dtype=object),
            in_notspot=np.asarray(result.in_notspot, dtype=bool),
            gap_class=np.asarray(result.gap_class).astype(str).astype(object),
            units=units,
        )
        dest_id = write_columns(
            self, parameters, context, feedback, self.OUTPUT, field_spec(fields), columns,
            sites.geometries, geometry_type_name(sites_src.wkbType()),
        )  # fmt: skip
        self._dest_id = dest_id
        counts = result.counts()
        for cls, n in counts.items():
            feedback.pushInfo(self.tr("{c}: {n} sites").format(c=cls, n=n))
        out = {self.OUTPUT: dest_id, self.UNITS_IN_NOTSPOTS: units_in_ns}
        out.update({self.CLASS_OUTPUTS[c]: n for c, n in counts.items()})
        return out

    def postProcessAlgorithm(self, context, feedback):  # noqa: N802
        dest = getattr(self, "_dest_id", None)
        if dest:
            finalize_output(
                dest, context, feedback, style="coverage_gaps",
                algorithm_id="digonce:findcoveragegaps", parameters_json=self._parameters_json,
            )  # fmt: skip
        return {}

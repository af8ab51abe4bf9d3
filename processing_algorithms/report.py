"""digonce:report: one self-contained HTML file from the latest results.

Reads the given layers once, renders the map headless (``QgsMapRendererParallelJob``) and
hands plain rows to :mod:`plugin.core.report_html`, which writes the page.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import shapely
from qgis.core import (
    QgsCoordinateTransform,
    QgsFeature,
    QgsFeatureRequest,
    QgsFillSymbol,
    QgsGeometry,
    QgsMapRendererParallelJob,
    QgsMapSettings,
    QgsPalLayerSettings,
    QgsProcessingAlgorithm,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterMapLayer,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsProcessingParameterVectorLayer,
    QgsRectangle,
    QgsSingleSymbolRenderer,
    QgsTextFormat,
    QgsVectorLayer,
    QgsVectorLayerSimpleLabeling,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QBuffer, QByteArray, QIODevice, QSize
from qgis.PyQt.QtGui import QColor

from ..plugin.core import benefits as core_benefits
from ..plugin.core.boroughs import borough_by_code, boroughs_at, london_boroughs
from ..plugin.core.palette import colour, palette
from ..plugin.core.palette import label as palette_label
from ..plugin.core.report_html import ReportInputs, build_report, pair_day
from ..plugin.toolbelt.layers import BNG, day_or_none, plain_value
from ..plugin.toolbelt.outputs import PARAMS_PROPERTY, gpkg_path_of, read_stamped_parameters
from ..plugin.toolbelt.resources import resources_path
from ..plugin.toolbelt.settings import PluginSettings
from . import _meeting as meeting
from .base import BaseAlgorithm

ALGORITHM_ID = "digonce:report"
BOROUGH_FIELDS = ("borough", "borough_name", "laua_name", "lpa_name", "highway_authority", "local_authority")
NOTSPOT_FIELDS = ("is_notspot", "in_notspot")


def _field_value(feature, names: tuple[str, ...]) -> Any:
    fields = feature.fields()
    for name in names:
        idx = fields.lookupField(name)
        if idx >= 0:
            return plain_value(feature.attributes()[idx])
    return None


class Report(BaseAlgorithm):
    group_id = "report"
    group_name = "Report"

    PAIRS = "PAIRS"
    GROUPS = "GROUPS"
    WORKS = "WORKS"
    GAPS = "GAPS"
    NOTSPOTS = "NOTSPOTS"
    SPINE = "SPINE"
    STORE = "STORE"
    TITLE = "TITLE"
    MAP_WIDTH = "MAP_WIDTH"
    TOP_GROUPS = "TOP_GROUPS"
    BASEMAP = "BASEMAP"
    OUTPUT = "OUTPUT"
    LAYERS = (PAIRS, GROUPS, WORKS, GAPS, NOTSPOTS, SPINE)

    #: map drawing order, bottom first, and the QML style of each role
    DRAW_ORDER = (NOTSPOTS, SPINE, WORKS, GROUPS, GAPS, PAIRS)

    def name(self) -> str:
        return "report"

    def displayName(self) -> str:  # noqa: N802
        return self.tr("Write the Dig Once report (HTML)")

    def shortHelpString(self) -> str:  # noqa: N802
        return self.tr(
            "Writes one self-contained HTML file (the map embedded as an image, charts as inline SVG, "
            "no external requests) that prints cleanly to PDF from a browser.\n\n"
            "Give any of the result layers (at least one): the pairs and groups of 'Find works "
            "overlaps', the works, the coverage gaps of 'Find coverage gaps', the not-spots and the "
            "fibre spine. For the coordination meeting give the pairs, the groups and the works.\n\n"
            "The report shows a map of the layers given; the coordination groups ranked by days of "
            "disruption avoided, each with its place (street names and USRNs, borough), a map of the "
            "group (its works, the shortest links between them, the borough outline, and the basemap "
            "when BASEMAP is given), its figures and a table of its works (reference, promoter, "
            "category, traffic management, dates, status), immediate works (emergency or urgent) "
            "marked IMMEDIATE; the benefits of sharing the trench; clashes per week (the week the "
            "later of the two works starts) and per promoter; coverage-gap sites by class and borough; "
            "the not-spot share by borough; the parameters stamped in each result (algorithm, time "
            "of the run) and the data sources.\n\n"
            "Borough: a place's borough field when it has one, else the London borough outline "
            "shipped with the plugin holding it (GLA Statistical GIS Boundary Files, OGL); a group's "
            "borough is the one holding most of its works, within 100 m of an outline.\n\n"
            "Benefits, per group (d = end - start + 1 days of each works): days of disruption "
            "avoided = sum of d - the longest d (one shared opening as long as the longest works: "
            "an upper bound); street-days planned = sum of d. With PREMISES: the premises (points) "
            "within REACH metres of any of the group's works, and their households (HOUSEHOLDS_FIELD, "
            "e.g. postcode household counts; 1 per point without it); wellbeing value = days avoided "
            "x households x VALUE_PER_HOUSEHOLD_DAY (default £1.61, the figure of the GLA "
            "Infrastructure Coordination Service's public benefits prototype). With LANE_RENTAL: "
            "works within LANE_RENTAL_DISTANCE of a lane-rental street are charged; charges "
            "avoided = (sum of d - the longest d over the charged works) x LANE_RENTAL_CHARGE. With "
            "BUS_STOPS (NaPTAN Stops.csv, stop types BCT, BCS, BCQ in use): stops within REACH. "
            "Totals add the groups. The report lists which inputs were given and every factor."
        )

    def flags(self):
        # Map rendering and reading project layers belong on the main thread.
        return super().flags() | QgsProcessingAlgorithm.Flag.FlagNoThreading

    def initAlgorithm(self, config=None):  # noqa: N802
        helps = {
            self.PAIRS: (self.tr("Overlap pairs"), self.tr("The pairs output of Find works overlaps (kind, owners, ids, group).")),
            self.GROUPS: (self.tr("Coordination groups"), self.tr("The groups output of Find works overlaps (owners, dates, days saved).")),
            self.WORKS: (self.tr("Works"), self.tr("The works layer (canonical fields: permit_ref, start_date) for the map and the clash dates.")),
            self.GAPS: (self.tr("Coverage gaps"), self.tr("The output of Find coverage gaps (gap_class, and a borough field).")),
            self.NOTSPOTS: (self.tr("Not-spots"), self.tr("The not-spot places (is_notspot, and a borough field such as laua_name).")),
            self.SPINE: (self.tr("Full-fibre spine"), self.tr("The fibre spine lines, drawn on the map.")),
        }  # fmt: skip
        for name in self.LAYERS:
            label, help_text = helps[name]
            param = QgsProcessingParameterVectorLayer(name, label, optional=True)
            param.setHelp(help_text)
            self.addParameter(param)
        store = QgsProcessingParameterFile(
            self.STORE, self.tr("Store (for the data sources)"), behavior=QgsProcessingParameterFile.Behavior.File,
            fileFilter="GeoPackage (*.gpkg)", optional=True,
        )  # fmt: skip
        store.setHelp(
            self.tr(
                "The store whose catalogue lists the data sources; empty = the plugin's store when it exists."
            )
        )
        title = QgsProcessingParameterString(self.TITLE, self.tr("Title"), optional=True)
        title.setHelp(self.tr("The report's title; empty = 'Dig Once report'."))
        width = QgsProcessingParameterNumber(
            self.MAP_WIDTH,
            self.tr("Map width (pixels)"),
            QgsProcessingParameterNumber.Type.Integer,
            1600,
            False,
            400,
            6000,
        )
        width.setHelp(
            self.tr("Width of the map image; its height follows the area's shape (at most 0.8 of the width).")
        )
        top = QgsProcessingParameterNumber(
            self.TOP_GROUPS,
            self.tr("Groups listed"),
            QgsProcessingParameterNumber.Type.Integer,
            10,
            False,
            1,
            500,
        )
        top.setHelp(
            self.tr(
                "How many coordination groups the report lists, each with its page, most days avoided first."
            )
        )
        basemap = QgsProcessingParameterMapLayer(
            self.BASEMAP, self.tr("Basemap for the group maps"), optional=True
        )
        basemap.setHelp(
            self.tr("A layer drawn under each group's map (e.g. an XYZ tile layer); empty = no basemap.")
        )
        for param in (store, title, width, top, basemap):
            param.setFlags(param.flags() | QgsProcessingParameterDefinition.Flag.FlagAdvanced)
            self.addParameter(param)
        meeting.add_benefit_parameters(self)
        out = QgsProcessingParameterFileDestination(
            self.OUTPUT, self.tr("Report"), self.tr("HTML files (*.html)")
        )
        out.setHelp(self.tr("The HTML file to write (one file: images and charts are inside it)."))
        self.addParameter(out)
        self.addOutput(QgsProcessingOutputNumber("MAP_LAYERS", self.tr("Layers drawn on the map")))

    def labels(self) -> dict[str, str]:
        """The report's texts, translated (keys of ``report_html.DEFAULT_LABELS``)."""
        return {
            "title": self.tr("Dig Once report"),
            "generated": self.tr("Generated {when}"),
            "summary": self.tr("Summary"),
            "map": self.tr("Map"),
            "map_alt": self.tr("Map of the works, clashes, coordination groups, fibre spine and not-spots"),
            "no_map": self.tr("No map: no layer with a geometry was given."),
            "groups": self.tr("Coordination groups, most disruption avoided first"),
            "n_groups": self.tr("Coordination groups"),
            "sites_in_notspots": self.tr("Sites in not-spots"),
            "groups_note": self.tr(
                "One group is one meeting: works linked by clashes or dig-once opportunities. Days avoided = the days of the separate works added up minus those of one shared opening as long as the longest (an upper bound: it assumes the works fit in one opening)."
            ),
            "rank": self.tr("Rank"),
            "where": self.tr("Where"),
            "street_days": self.tr("Street-days planned"),
            "households": self.tr("Households within reach"),
            "premises": self.tr("Premises within reach"),
            "wellbeing": self.tr("Wellbeing value (£)"),
            "lane_rental": self.tr("Lane-rental charges avoided (£)"),
            "charged_days": self.tr("Days on charged streets avoided"),
            "bus_stops": self.tr("Bus stops within reach"),
            "group_title": self.tr("{rank}. Group {group}: {borough}"),
            "no_borough": self.tr("outside the London boroughs"),
            "group_map_alt": self.tr(
                "Map of group {group}: its works, the links between them and the borough outline"
            ),
            "locator_alt": self.tr("Where group {group} lies in {borough}"),
            "works_of_group": self.tr("Works of the group"),
            "reference": self.tr("Reference"),
            "n_on_map": self.tr("No. on the map"),
            "category": self.tr("Category"),
            "immediate": self.tr("Immediate or planned"),
            "immediate_yes": self.tr("IMMEDIATE ({category})"),
            "planned": self.tr("planned"),
            "n_immediate": self.tr("Immediate works (emergency or urgent) in the group"),
            "immediate_note": self.tr(
                "Immediate works start without advance notice; several in one group may be worth asking about."
            ),
            "traffic_management": self.tr("Traffic management"),
            "start": self.tr("Start"),
            "end": self.tr("End"),
            "status": self.tr("Status"),
            "street": self.tr("Street (USRN)"),
            "no_works": self.tr("The works layer was not given: the works of the group are not listed."),
            "benefits": self.tr("Benefits of sharing the trench"),
            "measure": self.tr("Measure"),
            "value": self.tr("Value"),
            "how": self.tr("How it is counted"),
            "benefit_inputs": self.tr("Optional inputs"),
            "input": self.tr("Input"),
            "given": self.tr("Given"),
            "benefit_parameters": self.tr("Benefit parameters"),
            "parameter": self.tr("Parameter"),
            "how_days": self.tr(
                "Sum over the groups of: the days of the separate works added up minus those of the longest."
            ),
            "how_street_days": self.tr(
                "Days each works occupies its street, added up over the works of the groups."
            ),
            "how_households": self.tr(
                "Households of the premises (or postcode counts) within reach of a group's works, added up over the groups."
            ),
            "how_premises": self.tr(
                "Premises points within reach of a group's works, added up over the groups."
            ),
            "how_wellbeing": self.tr(
                "Days avoided x households x the value per household-day, per group, added up."
            ),
            "how_lane_rental": self.tr(
                "Days on lane-rental streets avoided (sum minus longest over the charged works) x the charge per day."
            ),
            "how_charged_days": self.tr("Sum minus longest over each group's works on a lane-rental street."),
            "how_bus_stops": self.tr(
                "Bus stops in use within reach of a group's works, added up over the groups."
            ),
            "not_computed": self.tr("not computed (input not given)"),
            "sum_works": self.tr("Works in the works layer"),
            "sum_works_in_groups": self.tr("Works in coordination groups"),
            "sum_days": self.tr("Days of disruption avoided (all groups)"),
            "sum_clashes": self.tr("Clashes (pairs of works whose dates overlap)"),
            "sum_opportunities": self.tr("Opportunities (pairs of works close in time, not overlapping)"),
            "sum_gap_sites": self.tr("Sites in not-spots, of {n} sites checked"),
            "sum_notspots": self.tr("Not-spot places, of {n} places"),
            "immediate_in_groups": self.tr("Immediate works in coordination groups"),
            "group": self.tr("Group"),
            "works": self.tr("Works"),
            "owners": self.tr("Owners"),
            "first_start": self.tr("First start"),
            "last_end": self.tr("Last end"),
            "clashes": self.tr("Clashes"),
            "opportunities": self.tr("Opportunities"),
            "days_saved": self.tr("Days of disruption avoided"),
            "clashes_per_week": self.tr("Clashes per week"),
            "clashes_per_promoter": self.tr("Clashes per promoter"),
            "week_of": self.tr("Week of"),
            "promoter": self.tr("Promoter"),
            "count": self.tr("Places counted"),
            "coverage_gaps": self.tr("Coverage gaps: sites by class and borough"),
            "borough": self.tr("Borough"),
            "total": self.tr("Total"),
            "notspot_share": self.tr("Not-spot share by borough"),
            "share": self.tr("Share of places in a not-spot (%)"),
            "parameters": self.tr("Parameters"),
            "layer": self.tr("Layer"),
            "algorithm": self.tr("Algorithm"),
            "run_at": self.tr("Run at"),
            "sources": self.tr("Data sources"),
            "licence": self.tr("Licence"),
            "attribution": self.tr("Attribution, as the publishers' licences ask:"),
            "kind": self.tr("Kind"),
            "source": self.tr("Source"),
            "imported": self.tr("Imported"),
            "rejected": self.tr("Rejected"),
            "when": self.tr("When"),
            "none": self.tr("Nothing to show."),
            "other": self.tr("Other"),
            "unknown": self.tr("(unknown)"),
            "footer": self.tr(
                "Dig Once. Contains Street Manager data © Department for Transport, Ofcom and GLA data (Open Government Licence v3.0)."
            ),
            "lang": self.tr("en"),
        }

    # -- reading -----------------------------------------------------------------------

    def _rows(
        self, layer: QgsVectorLayer, names: dict[str, tuple[str, ...]], feedback
    ) -> list[dict[str, Any]]:
        rows = []
        request = QgsFeatureRequest().setFlags(QgsFeatureRequest.Flag.NoGeometry)
        for n, feature in enumerate(layer.getFeatures(request)):
            if n % 1000 == 0 and feedback.isCanceled():
                raise QgsProcessingException(self.tr("Cancelled"))
            rows.append({key: _field_value(feature, fields) for key, fields in names.items()})
        return rows

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        layers: dict[str, QgsVectorLayer] = {}
        for name in self.LAYERS:
            layer = self.parameterAsVectorLayer(parameters, name, context)
            if layer is not None:
                if not layer.isValid():
                    raise QgsProcessingException(self.invalidSourceError(parameters, name))
                layers[name] = layer
        if not layers:
            raise QgsProcessingException(
                self.tr(
                    "Give at least one layer: pairs, groups, works, coverage gaps, not-spots or the spine."
                )
            )
        output = self.parameterAsFileOutput(parameters, self.OUTPUT, context)
        labels = self.labels()
        inputs = ReportInputs(
            title=self.parameterAsString(parameters, self.TITLE, context) or None,
            generated=dt.datetime.now(),
            top_groups=self.parameterAsInt(parameters, self.TOP_GROUPS, context),
        )
        summary: list[tuple[str, Any]] = []

        feedback.pushInfo(self.tr("Reading the layers"))
        work_start: dict[str, int] = {}
        if self.WORKS in layers:
            for row in self._rows(
                layers[self.WORKS], {"id": ("permit_ref",), "start": ("start_date",)}, feedback
            ):
                day = _day(row["start"])
                if row["id"] is not None and day is not None:
                    work_start[str(row["id"])] = day
            summary.append((labels["sum_works"], layers[self.WORKS].featureCount()))
        group_start: dict[Any, int] = {}
        groups: list[meeting.MeetingGroup] = []
        if self.GROUPS in layers:
            groups = meeting.read_groups(
                layers[self.GROUPS], layers.get(self.PAIRS), layers.get(self.WORKS), context, feedback
            )
            benefit_inputs = meeting.read_benefit_inputs(self, parameters, context, feedback)
            params = meeting.benefit_parameters(self, parameters, context)
            meeting.compute_group_benefits(groups, params, benefit_inputs)
            groups = meeting.ranked(groups)
            rows = []
            for g in groups:
                first, last = _day(g.row["first_start"]), _day(g.row["last_end"])
                if first is not None:
                    group_start[g.group_id] = first
                b = g.benefit
                rows.append({**g.row, "first_start": first, "last_end": last, "days_saved": b.days_avoided,
                             "borough": g.borough, "where": g.where(), **{
                                 k: getattr(b, k) for k in ("street_days_planned", "households", "wellbeing_gbp",
                                                            "lane_rental_gbp", "bus_stops")}})  # fmt: skip
            inputs.groups = rows
            totals = core_benefits.totals([g.benefit for g in groups])
            inputs.benefit_totals = self._benefit_totals(totals, labels)
            inputs.benefit_inputs = benefit_inputs.given
            inputs.benefit_parameters = self._benefit_parameter_rows(params)
            summary.append((labels["n_groups"], len(groups)))
            summary.append((labels["sum_days"], totals["days_avoided"]))
            if self.WORKS in layers and self.PAIRS in layers:
                summary.append((labels["sum_works_in_groups"], sum(len(g.works) for g in groups)))
                summary.append((labels["immediate_in_groups"], sum(g.n_immediate for g in groups)))
        if self.PAIRS in layers:
            fields = ("id_a", "id_b", "owner_a", "owner_b", "kind", "group_id")
            pairs = self._rows(layers[self.PAIRS], {f: (f,) for f in fields}, feedback)
            for p in pairs:
                p["day"] = pair_day(p, work_start, group_start)
            inputs.pairs = pairs
            summary.append((labels["sum_clashes"], sum(1 for p in pairs if p["kind"] == "clash")))
            summary.append((labels["sum_opportunities"], sum(1 for p in pairs if p["kind"] == "opportunity")))
        if self.GAPS in layers:
            inputs.gaps = self._placed_rows(
                layers[self.GAPS], {"gap_class": ("gap_class",), "borough": BOROUGH_FIELDS}, context, feedback
            )
            in_notspots = sum(1 for g in inputs.gaps if "notspot" in str(g["gap_class"]))
            summary.append((labels["sum_gap_sites"].format(n=len(inputs.gaps)), in_notspots))
        if self.NOTSPOTS in layers:
            inputs.notspots = self._placed_rows(
                layers[self.NOTSPOTS],
                {"is_notspot": NOTSPOT_FIELDS, "borough": BOROUGH_FIELDS},
                context,
                feedback,
            )
            hits = sum(
                1 for n in inputs.notspots if str(n["is_notspot"]).lower() in ("1", "true", "t", "yes")
            )
            summary.append((labels["sum_notspots"].format(n=len(inputs.notspots)), hits))
        inputs.summary = summary
        inputs.parameters = self._stamped_parameters(layers)
        inputs.sources = self._catalogue(parameters, context, feedback)

        feedback.setProgress(30)
        feedback.pushInfo(self.tr("Rendering the map"))
        png, legend, drawn = self.render_map(
            layers, self.parameterAsInt(parameters, self.MAP_WIDTH, context), context
        )
        inputs.map_png, inputs.legend = png, legend
        if groups:
            basemap = self.parameterAsLayer(parameters, self.BASEMAP, context)
            top = groups[: inputs.top_groups]
            pages = []
            for n, group in enumerate(top):
                if feedback.isCanceled():
                    return {}
                feedback.setProgress(40 + 50 * n / max(1, len(top)))
                pages.append(self._group_page(group, basemap, labels, context))
            inputs.group_pages = pages
        if feedback.isCanceled():
            return {}
        feedback.setProgress(90)
        Path(output).parent.mkdir(parents=True, exist_ok=True)
        Path(output).write_text(build_report(inputs, labels), encoding="utf-8")
        feedback.pushInfo(self.tr("Report written to {0}").format(output))
        return {self.OUTPUT: output, "MAP_LAYERS": drawn}

    def _benefit_totals(self, totals: dict[str, Any], labels: dict[str, str]) -> list[tuple[str, Any, str]]:
        def money(v):
            return None if v is None else f"{v:,.2f}"

        def count(v):
            return None if v is None else f"{v:,.0f}"

        return [
            (labels["days_saved"], count(totals["days_avoided"]), labels["how_days"]),
            (labels["street_days"], count(totals["street_days_planned"]), labels["how_street_days"]),
            (labels["premises"], count(totals["premises"]), labels["how_premises"]),
            (labels["households"], count(totals["households"]), labels["how_households"]),
            (labels["wellbeing"], money(totals["wellbeing_gbp"]), labels["how_wellbeing"]),
            (labels["charged_days"], count(totals["charged_days_avoided"]), labels["how_charged_days"]),
            (labels["lane_rental"], money(totals["lane_rental_gbp"]), labels["how_lane_rental"]),
            (labels["bus_stops"], count(totals["bus_stops"]), labels["how_bus_stops"]),
        ]

    def _benefit_parameter_rows(self, params: core_benefits.BenefitParameters) -> list[tuple[str, Any]]:
        return [
            # tr() outside the f-strings: pylupdate5 extracts only plain calls
            (self.tr("Reach of the works (m)") + " (REACH)", params.reach_m),
            (self.tr("Wellbeing value per household-day (£)") + " (VALUE_PER_HOUSEHOLD_DAY)",
             params.value_per_household_day),
            (self.tr("Lane-rental street distance (m)") + " (LANE_RENTAL_DISTANCE)", params.lane_rental_distance_m),
            (self.tr("Lane-rental charge per day (£)") + " (LANE_RENTAL_CHARGE)", params.lane_rental_charge_per_day),
        ]  # fmt: skip

    def _group_page(
        self, group: meeting.MeetingGroup, basemap, labels: dict[str, str], context
    ) -> dict[str, Any]:
        b = group.benefit
        figures: list[tuple[str, Any]] = [
            (labels["days_saved"], f"{b.days_avoided:,}"),
            (labels["street_days"], f"{b.street_days_planned:,}"),
            (labels["clashes"], group.row.get("n_clashes")),
            (labels["opportunities"], group.row.get("n_opportunities")),
            (labels["works"], group.row.get("n_works")),
        ]
        if group.works:
            figures.append((labels["n_immediate"], group.n_immediate))
        for value, key, fmt in ((b.households, "households", "{:,.0f}"), (b.wellbeing_gbp, "wellbeing", "{:,.2f}"),
                                (b.lane_rental_gbp, "lane_rental", "{:,.2f}"), (b.bus_stops, "bus_stops", "{:,}")):  # fmt: skip
            if value is not None:
                figures.append((labels[key], fmt.format(value)))
        works = [
            {**w, "status": " / ".join(x for x in (w.get("work_status"), w.get("permit_status")) if x),
             "street": f"{w.get('street_name') or ''} ({w.get('usrn')})" if w.get("usrn") else w.get("street_name")}
            for w in group.works
        ]  # fmt: skip
        borough = borough_by_code(group.borough_code) if group.borough_code else None
        geoms = [w["geometry"] for w in group.works if w.get("geometry") is not None] or [
            p["geometry"] for p in group.pairs if p.get("geometry") is not None
        ]
        centre = None
        if geoms:
            minx, miny, maxx, maxy = shapely.total_bounds(geoms)
            centre = ((minx + maxx) / 2, (miny + maxy) / 2)
        png, legend = self.render_group_map(group, borough, basemap, context)
        return {
            "group_id": group.group_id,
            "borough": group.borough,
            "where": group.where(),
            "map_png": png,
            "legend": legend,
            "outline": borough.geometry if borough else None,
            "centre": centre,
            "figures": figures,
            "works": works if group.works else None,
        }

    def _placed_rows(self, layer: QgsVectorLayer, names: dict[str, tuple[str, ...]], context, feedback):
        """Rows with a borough: the layer's own borough field, else the shipped outline holding
        the feature's centre ("(outside London)" when none does)."""
        rows, xs, ys = [], [], []
        transform = None
        if layer.crs().isValid() and layer.crs() != BNG:
            transform = QgsCoordinateTransform(layer.crs(), BNG, context.transformContext())
        for n, feature in enumerate(layer.getFeatures()):
            if n % 1000 == 0 and feedback.isCanceled():
                raise QgsProcessingException(self.tr("Cancelled"))
            rows.append({key: _field_value(feature, fields) for key, fields in names.items()})
            geom = feature.geometry()
            x = y = float("nan")
            if geom is not None and not geom.isEmpty():
                if transform is not None:
                    geom.transform(transform)
                point = geom.centroid().asPoint()
                x, y = point.x(), point.y()
            xs.append(x)
            ys.append(y)
        if any(r["borough"] in (None, "") for r in rows):
            found = boroughs_at(xs, ys, within=meeting.BOROUGH_TOLERANCE_M)
            boroughs = london_boroughs()
            outside = self.tr("(outside London)")
            for row, i in zip(rows, found, strict=True):
                if row["borough"] in (None, ""):
                    row["borough"] = boroughs[i].name if i >= 0 else outside
        return rows

    def _stamped_parameters(self, layers: dict[str, QgsVectorLayer]) -> list[dict[str, Any]]:
        """The run stamped in each result (``digonce_runs``: algorithm, parameters, time)."""
        out = []
        for role, layer in layers.items():
            run = meeting.stamped_runs(layer)
            if run is None:
                text = layer.customProperty(PARAMS_PROPERTY)
                where = gpkg_path_of(layer)
                if not text and where is not None:
                    text = read_stamped_parameters(*where)
                if not text:
                    continue
                run = {"algorithm": "", "parameters": str(text), "created": ""}
            out.append({"layer": f"{layer.name()} ({role.lower()})", "algorithm": run["algorithm"],
                        "parameters": run["parameters"], "created": (run["created"] or "").replace("T", " ")})  # fmt: skip
        return out

    def _catalogue(self, parameters, context, feedback) -> list[dict[str, Any]]:
        path = self.parameterAsFile(parameters, self.STORE, context)
        if not path:
            default = PluginSettings.load().resolved_store_path()
            path = default if Path(default).exists() else ""
        if not path:
            return []
        from ..plugin.store import Store

        try:
            return list(reversed(Store(path).catalogue()))
        except Exception as exc:  # noqa: BLE001 - the report is still useful without its sources
            feedback.reportError(self.tr("The store {0} cannot be read: {1}").format(path, exc))
            return []

    # -- the map -----------------------------------------------------------------------

    def _styled_copy(self, role: str, layer: QgsVectorLayer) -> QgsVectorLayer:
        """A copy of the layer in the plugin's style for its role (the project's is untouched)."""
        copy = layer.clone()
        geometry = QgsWkbTypes.geometryType(layer.wkbType())
        suffix = {QgsWkbTypes.GeometryType.PointGeometry: "point", QgsWkbTypes.GeometryType.LineGeometry: "line",
                  QgsWkbTypes.GeometryType.PolygonGeometry: "polygon"}.get(geometry, "")  # fmt: skip
        candidates = {
            self.WORKS: [f"works_{suffix}"],
            self.PAIRS: ["overlap_pairs"],
            self.GROUPS: ["overlap_groups"],
            self.GAPS: ["coverage_gaps"],
            self.NOTSPOTS: ["notspots_postcodes" if suffix == "point" else "notspots", "notspots"],
            self.SPINE: ["spine"],
        }[role]
        for style in candidates:
            qml = resources_path("styles", f"{style}.qml")
            if qml.exists():
                _message, ok = copy.loadNamedStyle(str(qml))
                if ok:
                    break
        return copy

    def render_map(self, layers: dict[str, QgsVectorLayer], width: int, context):
        """(PNG bytes, legend [(label, colour)], layers drawn); (None, [], 0) without geometries."""
        copies = []
        extent = QgsRectangle()
        for role in self.DRAW_ORDER:
            layer = layers.get(role)
            if layer is None or not layer.isSpatial() or layer.featureCount() == 0:
                continue
            copies.append(self._styled_copy(role, layer))
            box = layer.extent()
            if layer.crs().isValid() and layer.crs() != BNG:
                box = QgsCoordinateTransform(
                    layer.crs(), BNG, context.transformContext()
                ).transformBoundingBox(box)
            extent.combineExtentWith(box)
        if not copies or extent.isNull():
            return None, [], 0
        margin = max(extent.width(), extent.height(), 200.0) * 0.06
        extent.grow(margin)
        height = int(min(0.8, max(0.4, extent.height() / max(extent.width(), 1.0))) * width)
        settings = QgsMapSettings()
        settings.setLayers(list(reversed(copies)))  # first in the list is drawn on top
        settings.setDestinationCrs(BNG)
        settings.setTransformContext(context.transformContext())
        settings.setOutputSize(QSize(width, height))
        settings.setBackgroundColor(QColor(255, 255, 255))
        settings.setExtent(extent)
        job = QgsMapRendererParallelJob(settings)
        job.start()
        job.waitForFinished()
        image = job.renderedImage()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")
        buffer.close()
        legend = []
        for copy in reversed(copies):
            for item in copy.renderer().legendSymbolItems():
                symbol = item.symbol()
                if symbol is not None:
                    label = item.label() or copy.name()
                    legend.append(
                        (f"{copy.name()}: {label}" if item.label() else label, symbol.color().name())
                    )
        return bytes(data), legend, len(copies)

    # -- one group's map -----------------------------------------------------------------

    GROUP_MAP_SIZE = (900, 560)

    def _memory_layer(self, geometry: str, fields: str, name: str, rows) -> QgsVectorLayer:
        layer = QgsVectorLayer(f"{geometry}?crs=EPSG:27700{fields}", name, "memory")
        feats = []
        for attrs, geom in rows:
            f = QgsFeature(layer.fields())
            f.setAttributes(attrs)
            f.setGeometry(QgsGeometry.fromWkt(geom.wkt))
            feats.append(f)
        layer.dataProvider().addFeatures(feats)
        layer.updateExtents()
        return layer

    def render_group_map(self, group: meeting.MeetingGroup, borough, basemap, context):
        """(PNG bytes, legend [(label, colour)]) of one group: the borough outline, its works
        (numbered as in its table, in the works styles), the shortest links between them (the
        pairs style), and the basemap when given. Colours and labels come from the palette."""
        geoms = [w["geometry"] for w in group.works if w.get("geometry") is not None]
        links = [p for p in group.pairs if p.get("geometry") is not None]
        if not geoms and not links:
            return None, []
        layers = []
        legend: list[tuple[str, str]] = []
        kinds = sorted({str(p["kind"]) for p in links})
        if links:
            pairs = self._memory_layer(
                "LineString", "&field=kind:string", "links",
                [([p["kind"]], shapely.force_2d(p["geometry"])) for p in links],
            )  # fmt: skip
            self._load_style(pairs, "overlap_pairs")
            layers.append(pairs)
            legend += [(palette_label(k), colour(k)) for k in ("clash", "opportunity") if k in kinds]
        by_type: dict[str, list] = {}
        for n, w in enumerate(group.works, start=1):
            geom = w.get("geometry")
            if geom is None:
                continue
            kind = {
                "Point": "point",
                "MultiPoint": "point",
                "LineString": "line",
                "MultiLineString": "line",
            }.get(geom.geom_type, "polygon")
            by_type.setdefault(kind, []).append(
                ([str(n), w.get("permit_ref"), w.get("category") or ""], geom)
            )
        mapping = palette()["styles"]["works_line"]
        categories = sorted({str(w.get("category") or "") for w in group.works})
        for kind, rows in by_type.items():
            geometry = {"point": "MultiPoint", "line": "MultiLineString", "polygon": "MultiPolygon"}[kind]
            layer = self._memory_layer(
                geometry, "&field=n:string&field=permit_ref:string&field=category:string", f"works {kind}",
                [(a, shapely.force_2d(g)) for a, g in rows],
            )  # fmt: skip
            self._load_style(layer, f"works_{kind}")
            settings = QgsPalLayerSettings()
            settings.fieldName = "n"
            settings.displayAll = True  # every works numbered, as in its table, even where crowded
            text_format = QgsTextFormat()
            text_format.setSize(9)
            buffer = text_format.buffer()
            buffer.setEnabled(True)
            buffer.setSize(1.0)
            text_format.setBuffer(buffer)
            settings.setFormat(text_format)
            layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))
            layer.setLabelsEnabled(True)
            layers.append(layer)
        for cat in categories:
            meaning = mapping.get(cat, mapping[""])
            entry = (palette_label(meaning), colour(meaning))
            if entry not in legend:
                legend.append(entry)
        extent = QgsRectangle()
        for g in geoms or [p["geometry"] for p in links]:
            minx, miny, maxx, maxy = g.bounds
            extent.combineExtentWith(QgsRectangle(minx, miny, maxx, maxy))
        margin = max(40.0, 0.25 * max(extent.width(), extent.height()))
        extent.grow(margin)
        if borough is not None:
            outline = self._memory_layer(
                "MultiPolygon", "&field=name:string", "borough", [([borough.name], borough.geometry)]
            )
            symbol = QgsFillSymbol.createSimple(
                {"color": "0,0,0,0", "outline_color": colour("borough"), "outline_width": "0.8",
                 "outline_style": "dash"}
            )  # fmt: skip
            outline.setRenderer(QgsSingleSymbolRenderer(symbol))
            layers.append(outline)
            view = shapely.box(extent.xMinimum(), extent.yMinimum(), extent.xMaximum(), extent.yMaximum())
            if view.intersects(borough.geometry.boundary):  # listed only when it shows
                legend.append(
                    (self.tr("Borough outline: {name}").format(name=borough.name), colour("borough"))
                )
        if basemap is not None:
            layers.append(basemap)
        width, height = self.GROUP_MAP_SIZE
        settings = QgsMapSettings()
        settings.setLayers(layers)  # first in the list is drawn on top
        settings.setDestinationCrs(BNG)
        settings.setTransformContext(context.transformContext())
        settings.setOutputSize(QSize(width, height))
        settings.setBackgroundColor(QColor(255, 255, 255))
        settings.setExtent(extent)
        job = QgsMapRendererParallelJob(settings)
        job.start()
        job.waitForFinished()
        data = QByteArray()
        buffer_ = QBuffer(data)
        buffer_.open(QIODevice.OpenModeFlag.WriteOnly)
        job.renderedImage().save(buffer_, "PNG")
        buffer_.close()
        return bytes(data), legend

    @staticmethod
    def _load_style(layer: QgsVectorLayer, style: str) -> None:
        qml = resources_path("styles", f"{style}.qml")
        if qml.exists():
            layer.loadNamedStyle(str(qml))


def _day(value: Any) -> int | None:
    try:
        return day_or_none(value)
    except (TypeError, ValueError):
        return None

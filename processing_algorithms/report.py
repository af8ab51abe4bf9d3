"""digonce:report: one self-contained HTML file from the latest results.

Reads the given layers once (``_meeting.read_rows``), renders the maps headless
(``_report_maps``) and hands plain rows to :mod:`plugin.core.report_rows`, which makes the
tables and figures, and :mod:`plugin.core.report_html`, which writes the page.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from qgis.core import (
    QgsProcessingException,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterMapLayer,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsProcessingParameterVectorLayer,
)

from ..plugin.core.report_html import ReportInputs, build_report
from ..plugin.core.report_rows import (
    BOROUGH_FIELDS,
    NOTSPOT_FIELDS,
    PAIR_KEYS,
    fill_inputs,
    group_page,
)
from ._meeting import MeetingAlgorithm
from ._report_benefits import add_benefit_parameters
from ._report_labels import BOROUGH_OUTLINE, CANCELLED, LABELS, OUTSIDE_LONDON, PARAMETER_LABELS
from ._report_layers import placed_rows, read_rows, stamped_parameters, store_catalogue
from ._report_maps import render_group_map, render_map


class Report(MeetingAlgorithm):
    GAPS, NOTSPOTS, SPINE, STORE, TITLE, MAP_WIDTH, BASEMAP = (
        "GAPS", "NOTSPOTS", "SPINE", "STORE", "TITLE", "MAP_WIDTH", "BASEMAP"
    )  # fmt: skip
    #: the result layers (PAIRS, GROUPS, WORKS are the base's), and the map's drawing order, bottom first
    LAYERS = ("PAIRS", "GROUPS", "WORKS", GAPS, NOTSPOTS, SPINE)
    DRAW_ORDER = (NOTSPOTS, SPINE, "WORKS", "GROUPS", GAPS, "PAIRS")

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

    def initAlgorithm(self, config=None):  # noqa: N802
        layers = (
            (self.tr("Overlap pairs"), self.tr("The pairs output of Find works overlaps (kind, owners, ids, group).")),
            (self.tr("Coordination groups"), self.tr("The groups output of Find works overlaps (owners, dates, days saved).")),
            (self.tr("Works"), self.tr("The works layer (canonical fields: permit_ref, start_date) for the map and the clash dates.")),
            (self.tr("Coverage gaps"), self.tr("The output of Find coverage gaps (gap_class, and a borough field).")),
            (self.tr("Not-spots"), self.tr("The not-spot places (is_notspot, and a borough field such as laua_name).")),
            (self.tr("Full-fibre spine"), self.tr("The fibre spine lines, drawn on the map.")),
        )  # fmt: skip
        for name, (label, help_text) in zip(self.LAYERS, layers, strict=True):
            self.add(QgsProcessingParameterVectorLayer(name, label, optional=True), help_text)
        self.add(QgsProcessingParameterFile(self.STORE, self.tr("Store (for the data sources)"), optional=True,
                                            behavior=QgsProcessingParameterFile.Behavior.File, fileFilter="GeoPackage (*.gpkg)"),
                 self.tr("The store whose catalogue lists the data sources; empty = the plugin's store when it exists."),
                 advanced=True)  # fmt: skip
        self.add(QgsProcessingParameterString(self.TITLE, self.tr("Title"), optional=True),
                 self.tr("The report's title; empty = 'Dig Once report'."), advanced=True)  # fmt: skip
        integer = QgsProcessingParameterNumber.Type.Integer
        self.add(QgsProcessingParameterNumber(self.MAP_WIDTH, self.tr("Map width (pixels)"), integer, 1600, False, 400, 6000),
                 self.tr("Width of the map image; its height follows the area's shape (at most 0.8 of the width)."),
                 advanced=True)  # fmt: skip
        self.add(QgsProcessingParameterNumber(self.TOP_GROUPS, self.tr("Groups listed"), integer, 10, False, 1, 500),
                 self.tr("How many coordination groups the report lists, each with its page, most days avoided first."),
                 advanced=True)  # fmt: skip
        self.add(QgsProcessingParameterMapLayer(self.BASEMAP, self.tr("Basemap for the group maps"), optional=True),
                 self.tr("A layer drawn under each group's map (e.g. an XYZ tile layer); empty = no basemap."),
                 advanced=True)  # fmt: skip
        add_benefit_parameters(self)
        self.add(QgsProcessingParameterFileDestination(self.OUTPUT, self.tr("Report"), self.tr("HTML files (*.html)")),
                 self.tr("The HTML file to write (one file: images and charts are inside it)."))  # fmt: skip
        self.add_counts({"MAP_LAYERS": self.tr("Layers drawn on the map")})

    def labels(self) -> dict[str, str]:
        """The report's texts, translated (keys of ``report_html.DEFAULT_LABELS``)."""
        return {key: self.tr(text) for key, text in LABELS.items()}

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        layers = {
            k: v for k, v in self.vector_layers(parameters, self.LAYERS, context).items() if v is not None
        }
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
        feedback.pushInfo(self.tr("Reading the layers"))
        cancelled = self.tr(CANCELLED)
        read: dict[str, Any] = {}
        if self.WORKS in layers:
            starts = {"id": ("permit_ref",), "start": ("start_date",)}
            read["works"] = list(read_rows(layers[self.WORKS], starts, feedback, cancelled=cancelled))
            read["n_works"] = layers[self.WORKS].featureCount()
        groups = []
        if self.GROUPS in layers:
            groups, params, benefit_inputs = self.ranked_groups(parameters, layers, context, feedback)
            read["groups"] = groups
            inputs.benefit_inputs = benefit_inputs.given
            inputs.benefit_parameters = [
                (self.tr(label) + f" ({name})", value)  # tr() of the label alone: its text is the one marked
                for (label, name), value in zip(PARAMETER_LABELS, params.as_dict().values(), strict=True)
            ]
        if self.PAIRS in layers:
            names = {key: (key,) for key in PAIR_KEYS}
            read["pairs"] = list(read_rows(layers[self.PAIRS], names, feedback, cancelled=cancelled))
        outside = self.tr(OUTSIDE_LONDON)
        for role, key, fields in (
            (self.GAPS, "gap_class", ("gap_class",)),
            (self.NOTSPOTS, "is_notspot", NOTSPOT_FIELDS),
        ):
            if role in layers:  # the places' boroughs: their own field, else the shipped outlines
                names = {key: fields, "borough": BOROUGH_FIELDS}
                read[role.lower()] = placed_rows(layers[role], names, feedback, context, cancelled, outside)
        fill_inputs(inputs, labels, **read)
        inputs.parameters = stamped_parameters(layers)
        cannot_read = self.tr("The store {0} cannot be read: {1}")
        inputs.sources = store_catalogue(
            self.parameterAsFile(parameters, self.STORE, context), feedback, cannot_read
        )

        feedback.setProgress(30)
        feedback.pushInfo(self.tr("Rendering the map"))
        width = self.parameterAsInt(parameters, self.MAP_WIDTH, context)
        inputs.map_png, inputs.legend, drawn = render_map(layers, self.DRAW_ORDER, width, context)
        if groups:
            basemap = self.parameterAsLayer(parameters, self.BASEMAP, context)
            outline = self.tr(BOROUGH_OUTLINE)
            top = groups[: inputs.top_groups]
            pages = []
            for n, group in enumerate(top):
                if feedback.isCanceled():
                    return {}
                feedback.setProgress(40 + 50 * n / max(1, len(top)))
                page = group_page(group, labels)
                page["map_png"], page["legend"] = render_group_map(group, basemap, context, outline)
                pages.append(page)
            inputs.group_pages = pages
        if feedback.isCanceled():
            return {}
        feedback.setProgress(90)
        Path(output).parent.mkdir(parents=True, exist_ok=True)
        Path(output).write_text(build_report(inputs, labels), encoding="utf-8")
        feedback.pushInfo(self.tr("Report written to {0}").format(output))
        return {self.OUTPUT: output, "MAP_LAYERS": drawn}

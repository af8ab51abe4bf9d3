"""digonce:report: one self-contained HTML file from the latest results.

Reads the given layers once, renders the map headless (``QgsMapRendererParallelJob``) and
hands plain rows to :mod:`plugin.core.report_html`, which writes the page.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from qgis.core import (
    QgsCoordinateTransform,
    QgsFeatureRequest,
    QgsMapRendererParallelJob,
    QgsMapSettings,
    QgsProcessingAlgorithm,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsProcessingParameterVectorLayer,
    QgsRectangle,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QBuffer, QByteArray, QIODevice, QSize
from qgis.PyQt.QtGui import QColor

from ..plugin.core.report_html import ReportInputs, build_report, pair_day
from ..plugin.toolbelt.layers import BNG, day_or_none, plain_value
from ..plugin.toolbelt.outputs import PARAMS_PROPERTY, gpkg_path_of, read_stamped_parameters
from ..plugin.toolbelt.resources import resources_path
from ..plugin.toolbelt.settings import PluginSettings
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
            "Give any of the result layers (at least one): the pairs, groups and unusable outputs of "
            "'Find works overlaps', the works, the coverage gaps of 'Find coverage gaps', the not-spots "
            "and the fibre spine. The report shows a map of the layers given, the top coordination "
            "groups by days saved (owners, dates, clashes, opportunities), clashes per week (the week "
            "the later of the two works starts; the group's first start when the works layer is not "
            "given) and per promoter, coverage-gap counts by class and borough, the not-spot share by "
            "borough, the parameters stamped in each result and the data sources with their "
            "catalogue dates from the store."
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
        top.setHelp(self.tr("How many coordination groups the table lists, most days saved first."))
        for param in (store, title, width, top):
            param.setFlags(param.flags() | QgsProcessingParameterDefinition.Flag.FlagAdvanced)
            self.addParameter(param)
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
            "groups": self.tr("Top coordination groups"),
            "n_groups": self.tr("Coordination groups"),
            "sites_in_notspots": self.tr("Sites in not-spots"),
            "groups_note": self.tr(
                "One group is one meeting: works linked by clashes or dig-once opportunities. Days saved = the "
                "street-days of the separate works minus those of one shared opening as long as the longest "
                "(an upper bound)."
            ),
            "group": self.tr("Group"),
            "works": self.tr("Works"),
            "owners": self.tr("Owners"),
            "first_start": self.tr("First start"),
            "last_end": self.tr("Last end"),
            "clashes": self.tr("Clashes"),
            "opportunities": self.tr("Opportunities"),
            "days_saved": self.tr("Days saved"),
            "clashes_per_week": self.tr("Clashes per week"),
            "clashes_per_promoter": self.tr("Clashes per promoter"),
            "week_of": self.tr("Week of"),
            "promoter": self.tr("Promoter"),
            "count": self.tr("Count"),
            "coverage_gaps": self.tr("Coverage gaps by class and borough"),
            "borough": self.tr("Borough"),
            "total": self.tr("Total"),
            "notspot_share": self.tr("Not-spot share by borough"),
            "share": self.tr("Share of places in a not-spot (%)"),
            "parameters": self.tr("Parameters"),
            "layer": self.tr("Layer"),
            "algorithm": self.tr("Algorithm"),
            "run_at": self.tr("Run at"),
            "sources": self.tr("Data sources"),
            "kind": self.tr("Kind"),
            "source": self.tr("Source"),
            "imported": self.tr("Imported"),
            "rejected": self.tr("Rejected"),
            "when": self.tr("When"),
            "none": self.tr("Nothing to show."),
            "other": self.tr("Other"),
            "unknown": self.tr("(unknown)"),
            "footer": self.tr(
                "Dig Once. Contains Street Manager data © Department for Transport, Ofcom and GLA data "
                "(Open Government Licence v3.0)."
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
            summary.append((labels["works"], layers[self.WORKS].featureCount()))
        group_start: dict[Any, int] = {}
        if self.GROUPS in layers:
            fields = ("group_id", "n_works", "n_owners", "owners", "first_start", "last_end", "n_clashes",
                      "n_opportunities", "days_saved")  # fmt: skip
            groups = self._rows(layers[self.GROUPS], {f: (f,) for f in fields}, feedback)
            for g in groups:
                g["first_start"], g["last_end"] = _day(g["first_start"]), _day(g["last_end"])
                if g["first_start"] is not None:
                    group_start[g["group_id"]] = g["first_start"]
            inputs.groups = groups
            summary.append((labels["n_groups"], len(groups)))
            summary.append((labels["days_saved"], sum(int(g["days_saved"] or 0) for g in groups)))
        if self.PAIRS in layers:
            fields = ("id_a", "id_b", "owner_a", "owner_b", "kind", "group_id")
            pairs = self._rows(layers[self.PAIRS], {f: (f,) for f in fields}, feedback)
            for p in pairs:
                p["day"] = pair_day(p, work_start, group_start)
            inputs.pairs = pairs
            clashes = sum(1 for p in pairs if p["kind"] == "clash")
            summary.append((labels["clashes"], clashes))
            summary.append((labels["opportunities"], sum(1 for p in pairs if p["kind"] == "opportunity")))
        if self.GAPS in layers:
            inputs.gaps = self._rows(
                layers[self.GAPS], {"gap_class": ("gap_class",), "borough": BOROUGH_FIELDS}, feedback
            )
            summary.append(
                (labels["coverage_gaps"], sum(1 for g in inputs.gaps if "notspot" in str(g["gap_class"])))
            )
        if self.NOTSPOTS in layers:
            inputs.notspots = self._rows(
                layers[self.NOTSPOTS], {"is_notspot": NOTSPOT_FIELDS, "borough": BOROUGH_FIELDS}, feedback
            )
        inputs.summary = summary
        inputs.parameters = self._stamped_parameters(layers)
        inputs.sources = self._catalogue(parameters, context, feedback)

        feedback.setProgress(40)
        feedback.pushInfo(self.tr("Rendering the map"))
        png, legend, drawn = self.render_map(
            layers, self.parameterAsInt(parameters, self.MAP_WIDTH, context), context
        )
        inputs.map_png, inputs.legend = png, legend
        if feedback.isCanceled():
            return {}
        feedback.setProgress(90)
        Path(output).parent.mkdir(parents=True, exist_ok=True)
        Path(output).write_text(build_report(inputs, labels), encoding="utf-8")
        feedback.pushInfo(self.tr("Report written to {0}").format(output))
        return {self.OUTPUT: output, "MAP_LAYERS": drawn}

    def _stamped_parameters(self, layers: dict[str, QgsVectorLayer]) -> list[dict[str, Any]]:
        out = []
        for role, layer in layers.items():
            text = layer.customProperty(PARAMS_PROPERTY)
            where = gpkg_path_of(layer)
            if not text and where is not None:
                text = read_stamped_parameters(*where)
            if text:
                out.append({"layer": f"{layer.name()} ({role.lower()})", "algorithm": "", "parameters": str(text),
                            "created": ""})  # fmt: skip
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


def _day(value: Any) -> int | None:
    try:
        return day_or_none(value)
    except (TypeError, ValueError):
        return None

"""digonce:importofcomcoverage: Ofcom Connected Nations files -> not-spot layers in the store."""

from __future__ import annotations

from pathlib import Path

from qgis.core import (
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterNumber,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP

from ..plugin.core.coverage import DEFAULT_MIN_SHARE, LEVELS
from ..plugin.sources import ofcom
from ..plugin.store import Layer
from ..plugin.toolbelt.layer_io import read_columns
from ..plugin.toolbelt.settings import PluginSettings
from ._connectivity import ConnectivityImport
from ._import_base import Output, fetch

AREAS_TABLE = ofcom.AREAS_TABLE
LEVEL_NAMES = list(LEVELS)  # uso, superfast, gigabit
PREMISES_NAMES = list(ofcom.PREMISES)  # all, residential


class ImportOfcomCoverage(ConnectivityImport):
    CENTROIDS = "CENTROIDS"
    AREAS = "AREAS"
    AREA_CODE_FIELD = "AREA_CODE_FIELD"
    LOOKUP_COLUMN = "LOOKUP_COLUMN"
    LEVEL = "LEVEL"
    MIN_SHARE = "MIN_SHARE"
    PREMISES = "PREMISES"
    kind = "ofcom_coverage"
    style = "notspots"
    extra_counts = (
        Output("POSTCODES", QT_TRANSLATE_NOOP("ImportOfcomCoverage", "Postcode records")),
        Output("LOCATED", QT_TRANSLATE_NOOP("ImportOfcomCoverage", "Postcodes with a location")),
        Output("UNLOCATED", QT_TRANSLATE_NOOP("ImportOfcomCoverage", "Postcodes with no location")),
        Output("AREAS", QT_TRANSLATE_NOOP("ImportOfcomCoverage", "Areas with data")),
        Output(
            "NOTSPOTS", QT_TRANSLATE_NOOP("ImportOfcomCoverage", "Not-spots (places at or above the share)")
        ),
        Output("FILES_ALL_PREMISES", QT_TRANSLATE_NOOP("ImportOfcomCoverage", "All-premises files read")),
        Output("FILES_RESIDENTIAL", QT_TRANSLATE_NOOP("ImportOfcomCoverage", "Residential files read")),
        Output("FILES_LEFT_OUT", QT_TRANSLATE_NOOP("ImportOfcomCoverage", "Files left out")),
    )

    def name(self) -> str:
        return "importofcomcoverage"

    def displayName(self) -> str:  # noqa: N802
        return self.tr("Import Ofcom coverage (not-spots)")

    def shortHelpString(self) -> str:  # noqa: N802
        return self.tr(
            "Maps broadband not-spots from Ofcom Connected Nations data: the places where too many "
            "premises cannot get a chosen speed.\n\n"
            "Give the data as Ofcom publishes it, on disk or as an http(s) address: the whole download "
            "ZIP (since 2025 it holds a second ZIP with the postcode files; both are read), a ZIP of "
            "postcode files, one postcode CSV, the local-authority CSV, or a mobile coverage CSV.\n\n"
            "Ofcom publishes each file twice: for all premises (postcode_files/) and for homes only "
            "(postcode_res_files/, file names with _res_). PREMISES chooses which; the two are never "
            "mixed, and a single CSV whose name marks the other kind is refused. The log and the outputs say how many files of each kind were read and how many were "
            "left out (the other kind, files at other geographies such as output areas or constituencies, "
            "and members that are not CSV files).\n\n"
            "To place postcodes on the map, give a postcode-centroid CSV (ONS Postcode Directory layout: "
            "pcds with oseast1m/osnrth1m or lat/long), or area polygons (AREAS) to sum postcodes into "
            "(the area containing the centroid, or the area named by LOOKUP_COLUMN of the centroid file, "
            "e.g. lsoa11; figures are premises-weighted means). Postcodes with no location are counted "
            "and listed.\n\n"
            "A not-spot is a place where at least MIN_SHARE % of premises cannot get the chosen level. USO "
            "(10 Mbit/s): '% of premises unable to receive decent broadband from fixed or FWA', else "
            "'% of premises unable to receive 10Mbit/s'; superfast (30 Mbit/s): '% of premises unable to "
            "receive 30Mbit/s', else 100 - 'SFBB availability (% premises)'; gigabit: 100 - 'Gigabit "
            "availability (% premises)'. The level and share are stamped in the layer.\n\n"
            "The rules:\n"
            "- Columns: a file is refused only when a column the import needs is missing: 'postcode' (or "
            "'postcode_space') in postcode files, 'laua' in the local-authority file, and a column of the "
            "chosen level. Ofcom left some fields out of postcode files from July 2024: when the level "
            "cannot be computed, the message names the missing column. Other columns Ofcom adds or drops "
            "between releases (e.g. '% of premises with NGA', the FWA columns) are ignored and listed in "
            "the log.\n"
            "- Values: blank and N/A are empty; '<4' (small counts hidden by Ofcom) is empty and listed in "
            "'suppressed'; a value that is not a number, a negative figure or a percentage over 100 "
            "rejects the row, with the reason.\n"
            "- Rows: a postcode (or authority) listed twice is read once when both rows agree; when they "
            "differ, neither is imported and both are rejected. A row with too few or too many fields, or "
            "a repeated header row, is rejected.\n"
            "- Cut files: a file that ends in the middle of a row (a last row with too few fields, a quote "
            "never closed) stops the import with a message naming the line; the store is unchanged. A "
            "last row with no line break after it may have lost the end of its last figure: it is "
            "rejected.\n"
            "- ZIP files are checked before anything is read: a truncated or damaged archive, members "
            "named with '..' or an absolute path, ZIPs nested more than two deep, and zip bombs (a file "
            "expanding past 512 MB, 2 GB in all, or more than 200 times its packed size) are refused "
            "whole, naming the limit."
        )

    def initAlgorithm(self, config=None):  # noqa: N802
        settings = PluginSettings()
        self.add_common_parameters(
            self.tr(
                "Ofcom's download ZIP (nested ZIPs are read), a ZIP of Ofcom CSVs, one Ofcom CSV, or an "
                "http(s) address of one."
            )
        )
        self.add_choice(
            self.PREMISES,
            self.tr("Premises"),
            [
                self.tr("All premises (postcode_files)"),
                self.tr("Residential premises only (postcode_res_files)"),
            ],
            self.tr(
                "Ofcom publishes every file for all premises and for homes only; the import reads one "
                "kind and leaves the other out (counted in the log)."
            ),
        )
        self.add_text(
            self.CENTROIDS,
            self.tr("Postcode centroids (ONSPD CSV or URL)"),
            self.tr("ONS Postcode Directory-layout CSV: pcds plus oseast1m/osnrth1m or lat/long."),
        )
        self.add(
            QgsProcessingParameterFeatureSource(
                self.AREAS,
                self.tr("Areas (output areas, LSOAs, boroughs)"),
                [QgsProcessing.TypeVectorPolygon],
                optional=True,
            ),
            self.tr("When given, postcodes (or local authorities) are aggregated to these polygons."),
        )
        self.add_field(
            self.AREA_CODE_FIELD,
            self.tr("Area code field"),
            self.AREAS,
            self.tr("The areas' code field (e.g. LSOA11CD; GSS_CODE for the local-authority file)."),
        )
        self.add_text(
            self.LOOKUP_COLUMN,
            self.tr("Area column of the centroid file"),
            self.tr("e.g. lsoa11: assign postcodes to areas by code instead of by location."),
            advanced=True,
        )
        self.add_choice(
            self.LEVEL,
            self.tr("Not-spot level"),
            [self.tr("USO / decent (10 Mbit/s)"), self.tr("Superfast (30 Mbit/s)"), self.tr("Gigabit")],
            self.tr("The level premises should be able to get."),
            default=LEVEL_NAMES.index(settings.notspot_level) if settings.notspot_level in LEVELS else 0,
        )
        self.add(
            QgsProcessingParameterNumber(
                self.MIN_SHARE,
                self.tr("Not-spot share (% of premises unable)"),
                QgsProcessingParameterNumber.Double,
                settings.notspot_share_pct or DEFAULT_MIN_SHARE,
                minValue=0.0,
                maxValue=100.0,
            ),
            self.tr("A place is a not-spot when at least this % of its premises cannot get the level."),
        )

    def run_import(self, parameters, context, feedback):
        store = self.open_store(parameters, context)
        path = self.input_path(parameters, context, store, feedback)
        file_name = Path(path).name
        level = LEVEL_NAMES[self.parameterAsEnum(parameters, self.LEVEL, context)]
        min_share = self.parameterAsDouble(parameters, self.MIN_SHARE, context)
        premises = PREMISES_NAMES[self.parameterAsEnum(parameters, self.PREMISES, context)]
        result = ofcom.read_ofcom(path, premises=premises, level=level, cancel=feedback.isCanceled)
        centroids, lookups = {}, {}
        cen_value = (self.parameterAsString(parameters, self.CENTROIDS, context) or "").strip()
        if cen_value:
            authcfg = self.parameterAsString(parameters, self.AUTHCFG, context) or ""
            centroids, lookups = ofcom.read_postcode_centroids(fetch(cen_value, store, feedback, authcfg))
        files_read = self.tr("Files read: {a} all-premises, {r} residential; {o} left out").format(
            a=result.counts["files_all_premises"],
            r=result.counts["files_residential"],
            o=result.counts["files_left_out"],
        )
        feedback.pushInfo(files_read)
        feedback.setProgress(30)
        if feedback.isCanceled():
            return {}
        by_kind = ofcom.classify(result, centroids, level, min_share)
        if by_kind["postcode"] and not centroids and parameters.get(self.AREAS) is None:
            feedback.pushWarning(self.tr("No postcode centroids given: postcodes have no location."))
        layers, table = [], None
        options = {
            "level": level,
            "premises": premises,
            "min_share": min_share,
            "centroids": cen_value,
            "areas": str(parameters.get(self.AREAS) or ""),
            "area_code_field": self.parameterAsString(parameters, self.AREA_CODE_FIELD, context),
            "lookup_column": self.parameterAsString(parameters, self.LOOKUP_COLUMN, context),
        }
        # boundary files often have self-intersections; they are repaired, not refused
        area_source = self.source_unchecked(parameters, self.AREAS, context)
        if area_source is not None:
            code_field = self.parameterAsString(parameters, self.AREA_CODE_FIELD, context)
            if not code_field:
                raise QgsProcessingException(self.tr("AREA_CODE_FIELD is needed with AREAS"))
            areas = read_columns(area_source, {"code": code_field}, context, feedback, "AREAS")
            column = (self.parameterAsString(parameters, self.LOOKUP_COLUMN, context) or "").strip().lower()
            area_records, fields, missed, repaired = ofcom.areas_layer(
                by_kind, areas.geometries, areas.columns["code"], lookups, column, level, min_share, file_name
            )
            if repaired:
                feedback.pushInfo(self.tr("{n} invalid area polygons repaired").format(n=repaired))
            if missed:
                feedback.pushWarning(self.tr("{n} located postcodes fall in no area").format(n=missed))
            layers.append((Layer(AREAS_TABLE, fields, "MULTIPOLYGON", key="area_code"), area_records))
            table = AREAS_TABLE
            result.counts["areas"] = len(area_records)
        placed = area_records if area_source is not None else by_kind["postcode"] + by_kind["laua"]
        result.counts["notspots"] = sum(1 for r in placed if r["is_notspot"])
        for name, fields, geometry, key, records in ofcom.point_layers(by_kind):
            layers.append((Layer(name, fields, geometry, key=key), records))
            table = table or name
        if table is None:
            first = result.rejects[0] if result.rejects else None
            raise QgsProcessingException(
                self.tr("{f}: no usable records ({n} rejected{first}); the store is unchanged").format(
                    f=file_name,
                    n=len(result.rejects),
                    first=f"; first: {first.record} {first.field}: {first.reason}" if first else "",
                )
            )
        if result.counts.get("unlocated"):
            feedback.pushWarning(
                self.tr("{n} postcodes have no location").format(n=result.counts["unlocated"])
            )
        self.style = "notspots" if table == AREAS_TABLE else "notspots_postcodes"
        imported = self.write(
            store, result, layers, source=path, scope=file_name, options=options, feedback=feedback
        )
        out = self.report(imported, store, table, result, context, feedback)
        # the result says what was assumed: which files, which columns ignored (the notes)
        sentences = [out[self.MESSAGE], files_read, *result.notes]
        out[self.MESSAGE] = " ".join(t[:1].upper() + t[1:].rstrip(".") + "." for t in sentences if t)
        return out

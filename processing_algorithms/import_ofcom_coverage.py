"""digonce:importofcomcoverage: Ofcom Connected Nations files -> not-spot layers in the store."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import shapely
from qgis.core import (
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP

from ..plugin.core.coverage import (
    DEFAULT_MIN_SHARE,
    LEVELS,
    NOTSPOT_EXTRA_FIELDS,
    aggregate_to_areas,
    apply_notspot,
)
from ..plugin.core.errors import InputError
from ..plugin.sources import ofcom
from ..plugin.store import Layer
from ..plugin.toolbelt.layers import read_source
from ..plugin.toolbelt.settings import PluginSettings
from ._connectivity import ConnectivityImport, fetch

POSTCODES_TABLE = "notspots_postcodes"
AREAS_TABLE = "notspots_areas"
LAUA_TABLE = "ofcom_laua"
MOBILE_TABLE = "ofcom_mobile"
LEVEL_NAMES = list(LEVELS)  # uso, superfast, gigabit


class ImportOfcomCoverage(ConnectivityImport):
    CENTROIDS = "CENTROIDS"
    AREAS = "AREAS"
    AREA_CODE_FIELD = "AREA_CODE_FIELD"
    LOOKUP_COLUMN = "LOOKUP_COLUMN"
    LEVEL = "LEVEL"
    MIN_SHARE = "MIN_SHARE"
    kind = "ofcom_coverage"
    style = "notspots"
    extra_counts = (
        ("POSTCODES", QT_TRANSLATE_NOOP("ImportOfcomCoverage", "Postcode records")),
        ("LOCATED", QT_TRANSLATE_NOOP("ImportOfcomCoverage", "Postcodes with a location")),
        ("UNLOCATED", QT_TRANSLATE_NOOP("ImportOfcomCoverage", "Postcodes with no location")),
        ("AREAS", QT_TRANSLATE_NOOP("ImportOfcomCoverage", "Areas with data")),
        ("NOTSPOTS", QT_TRANSLATE_NOOP("ImportOfcomCoverage", "Not-spots (places at or above the share)")),
    )

    def name(self) -> str:
        return "importofcomcoverage"

    def displayName(self) -> str:  # noqa: N802
        return self.tr("Import Ofcom coverage (not-spots)")

    def shortHelpString(self) -> str:  # noqa: N802
        return self.tr(
            "Imports Ofcom Connected Nations files (a fixed postcode CSV, a ZIP of postcode CSVs, the "
            "local-authority file or a mobile coverage file; local or http(s)) and marks not-spots.\n\n"
            "Headers must be Ofcom's exact published ones; unknown or missing columns stop the import "
            "with the expected and found headers. Blank and N/A are empty; '<4' (suppressed small "
            "counts) is empty and listed in 'suppressed'; other non-numbers reject the row.\n\n"
            "Postcodes are placed with a postcode-centroid CSV in ONS Postcode Directory layout (pcds "
            "with oseast1m/osnrth1m or lat/long), or aggregated to area polygons (AREAS: the area "
            "containing the centroid, or the area named by LOOKUP_COLUMN of the centroid file, e.g. "
            "lsoa11); metrics are premises-weighted means. Postcodes with no location are counted and "
            "listed.\n\n"
            "Not-spot: a place where the share of premises unable to get the chosen level is at least "
            "MIN_SHARE. USO (10 Mbit/s): '% of premises unable to receive decent broadband from fixed or "
            "FWA' (else 'unable to receive 10Mbit/s'); superfast (30): 'unable to receive 30Mbit/s'; "
            "gigabit: 100 - 'Gigabit availability'. The level and share are stamped in the layer."
        )

    def initAlgorithm(self, config=None):  # noqa: N802
        settings = PluginSettings()
        self.add_common_parameters(self.tr("An Ofcom CSV or a ZIP of Ofcom CSVs, or an http(s) URL of one."))
        cen = QgsProcessingParameterString(
            self.CENTROIDS, self.tr("Postcode centroids (ONSPD CSV or URL)"), optional=True
        )
        cen.setHelp(self.tr("ONS Postcode Directory-layout CSV: pcds plus oseast1m/osnrth1m or lat/long."))
        self.addParameter(cen)
        areas = QgsProcessingParameterFeatureSource(
            self.AREAS,
            self.tr("Areas (output areas, LSOAs, boroughs)"),
            [QgsProcessing.TypeVectorPolygon],
            optional=True,
        )
        areas.setHelp(
            self.tr("When given, postcodes (or local authorities) are aggregated to these polygons.")
        )
        self.addParameter(areas)
        code = QgsProcessingParameterField(
            self.AREA_CODE_FIELD,
            self.tr("Area code field"),
            parentLayerParameterName=self.AREAS,
            optional=True,
        )
        code.setHelp(self.tr("The areas' code field (e.g. LSOA11CD; GSS_CODE for the local-authority file)."))
        self.addParameter(code)
        lookup = QgsProcessingParameterString(
            self.LOOKUP_COLUMN, self.tr("Area column of the centroid file"), optional=True
        )
        lookup.setHelp(self.tr("e.g. lsoa11: assign postcodes to areas by code instead of by location."))
        lookup.setFlags(lookup.flags() | QgsProcessingParameterDefinition.FlagAdvanced)
        self.addParameter(lookup)
        level = QgsProcessingParameterEnum(
            self.LEVEL,
            self.tr("Not-spot level"),
            options=[
                self.tr("USO / decent (10 Mbit/s)"),
                self.tr("Superfast (30 Mbit/s)"),
                self.tr("Gigabit"),
            ],
            defaultValue=LEVEL_NAMES.index(settings.notspot_level) if settings.notspot_level in LEVELS else 0,
        )
        level.setHelp(self.tr("The level premises should be able to get."))
        self.addParameter(level)
        share = QgsProcessingParameterNumber(
            self.MIN_SHARE,
            self.tr("Not-spot share (% of premises unable)"),
            QgsProcessingParameterNumber.Double,
            settings.notspot_share_pct or DEFAULT_MIN_SHARE,
            minValue=0.0,
            maxValue=100.0,
        )
        share.setHelp(
            self.tr("A place is a not-spot when at least this % of its premises cannot get the level.")
        )
        self.addParameter(share)

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        self._parameters_json = self.parameters_json(parameters)
        store = self.open_store(parameters, context)
        path = self.input_path(parameters, context, store, feedback)
        level = LEVEL_NAMES[self.parameterAsEnum(parameters, self.LEVEL, context)]
        min_share = self.parameterAsDouble(parameters, self.MIN_SHARE, context)
        try:
            result = ofcom.read_ofcom(path)
            centroids, lookups = {}, {}
            cen_value = (self.parameterAsString(parameters, self.CENTROIDS, context) or "").strip()
            if cen_value:
                centroids, lookups = ofcom.read_postcode_centroids(fetch(cen_value, store, feedback))
        except InputError as exc:
            raise QgsProcessingException(str(exc)) from exc
        feedback.setProgress(30)
        if feedback.isCanceled():
            return {}
        by_kind: dict[str, list] = {"postcode": [], "laua": [], "mobile": []}
        for rec in result.records:
            by_kind[rec["kind"]].append(rec)
        postcode_like = by_kind["postcode"] + by_kind["mobile"]
        if postcode_like:
            if centroids:
                ofcom.locate_postcodes(result, centroids)
            else:
                for rec in postcode_like:
                    rec["geometry"] = None
                result.counts["unlocated"] = len(postcode_like)
                if by_kind["postcode"] and parameters.get(self.AREAS) is None:
                    feedback.pushWarning(self.tr("No postcode centroids given: postcodes have no location."))
        result.counts["postcodes"] = len(by_kind["postcode"])
        apply_notspot(by_kind["postcode"], level, min_share)
        apply_notspot(by_kind["laua"], level, min_share)

        layers = []
        table = None
        options = {
            "level": level,
            "min_share": min_share,
            "centroids": cen_value,
            "areas": str(parameters.get(self.AREAS) or ""),
            "area_code_field": self.parameterAsString(parameters, self.AREA_CODE_FIELD, context),
            "lookup_column": self.parameterAsString(parameters, self.LOOKUP_COLUMN, context),
        }
        # boundary files often have self-intersections; they are repaired below, not refused
        area_source = self.source_unchecked(parameters, self.AREAS, context)
        if area_source is not None:
            code_field = self.parameterAsString(parameters, self.AREA_CODE_FIELD, context)
            if not code_field:
                raise QgsProcessingException(self.tr("AREA_CODE_FIELD is needed with AREAS"))
            areas = read_source(area_source, {"code": code_field}, context, feedback, "AREAS")
            codes = [str(c) if c is not None else "" for c in areas.columns["code"]]
            geoms = np.asarray(areas.geometries, dtype=object)
            invalid = ~shapely.is_valid(geoms) & ~shapely.is_missing(geoms)
            if invalid.any():
                feedback.pushInfo(self.tr("{n} invalid area polygons repaired").format(n=int(invalid.sum())))
                geoms[invalid] = shapely.make_valid(geoms[invalid])
            if by_kind["postcode"]:
                column = (
                    (self.parameterAsString(parameters, self.LOOKUP_COLUMN, context) or "").strip().lower()
                )
                lookup = {pc: v.get(column, "") for pc, v in lookups.items()} if column else None
                area_records, missed = aggregate_to_areas(by_kind["postcode"], geoms, codes, lookup)
                if missed:
                    feedback.pushWarning(
                        self.tr("{n} located postcodes fall in no area").format(n=len(missed))
                    )
            else:
                index = {c: i for i, c in enumerate(codes)}
                area_records = []
                for rec in by_kind["laua"]:
                    i = index.get(rec["laua"])
                    if i is not None:
                        area_records.append(
                            {**rec, "area_code": rec["laua"], "postcodes": None, "geometry": geoms[i]}
                        )
            apply_notspot(area_records, level, min_share)
            for rec in area_records:
                if rec["geometry"] is not None:
                    rec["geometry"] = shapely.multipolygons(shapely.get_parts(rec["geometry"]))
            base = [("area_code", "str"), ("postcodes", "int"), ("premises", "int")]
            metrics = [f for f in ofcom.metric_fields(area_records) if f[0] not in dict(base)]
            metrics = [f for f in metrics if f[0] not in ("kind", "suppressed", "source_file", "postcode")]
            fields = base + metrics + [("source_file", "str")]
            fields = [f for f in fields if f[0] not in dict(NOTSPOT_EXTRA_FIELDS)] + NOTSPOT_EXTRA_FIELDS
            for rec in area_records:
                rec.setdefault("source_file", Path(path).name)
            layers.append((Layer(AREAS_TABLE, fields, "MULTIPOLYGON", key="area_code"), area_records))
            table = AREAS_TABLE
            result.counts["areas"] = len(area_records)
            result.counts["notspots"] = sum(1 for r in area_records if r["is_notspot"])
        else:
            result.counts["notspots"] = sum(
                1 for r in by_kind["postcode"] + by_kind["laua"] if r["is_notspot"]
            )
        if by_kind["postcode"]:
            fields = ofcom.metric_fields(by_kind["postcode"]) + NOTSPOT_EXTRA_FIELDS
            layers.append((Layer(POSTCODES_TABLE, fields, "POINT", key="postcode"), by_kind["postcode"]))
            table = table or POSTCODES_TABLE
        if by_kind["laua"]:
            fields = ofcom.metric_fields(by_kind["laua"]) + NOTSPOT_EXTRA_FIELDS
            layers.append((Layer(LAUA_TABLE, fields, None, key="laua"), by_kind["laua"]))
            table = table or LAUA_TABLE
        if by_kind["mobile"]:
            fields = ofcom.metric_fields(by_kind["mobile"])
            layers.append((Layer(MOBILE_TABLE, fields, "POINT", key="postcode"), by_kind["mobile"]))
            table = table or MOBILE_TABLE
        if table is None:
            raise QgsProcessingException(self.tr("{f}: no usable records").format(f=Path(path).name))
        if result.counts.get("unlocated"):
            feedback.pushWarning(
                self.tr("{n} postcodes have no location").format(n=result.counts["unlocated"])
            )
        self.style = "notspots" if table == AREAS_TABLE else "notspots_postcodes"
        imported = self.write(
            store, result, layers, source=path, scope=Path(path).name, options=options, feedback=feedback
        )
        return self.report(imported, store, table, result, context, feedback)

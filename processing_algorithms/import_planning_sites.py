"""digonce:importplanningsites: Planning London Datahub JSON / planning.data.gov.uk GeoJSON."""

from __future__ import annotations

from typing import Any

from qgis.core import (
    QgsProcessingException,
    QgsProcessingParameterNumber,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP

from ..plugin.sources.planning_sites import (
    AREAS_LAYER,
    ES_MAX_WINDOW,
    SITES_TABLE,
    planning_layers,
)
from ..plugin.store.store import now_iso
from ._import_base import Output
from ._planning_inputs import PlanningInputs


class ImportPlanningSites(PlanningInputs):
    kind = "planning_sites"
    style = "planning_sites"
    replaces_data = False  # merged: a response never removes sites, so no REPLACE parameter
    extra_counts = (
        Output("SITES", QT_TRANSLATE_NOOP("ImportPlanningSites", "Planning sites read")),
        Output(
            "CENTROID_SUSPECT",
            QT_TRANSLATE_NOOP(
                "ImportPlanningSites", "Grid-origin centroids flagged (excluded from analysis)"
            ),
        ),
        Output("POLYGONS", QT_TRANSLATE_NOOP("ImportPlanningSites", "Sites with a polygon")),
        Output(
            "HITS_READ", QT_TRANSLATE_NOOP("ImportPlanningSites", "Records read (every hit of every file)")
        ),
        Output("STATED_TOTAL", QT_TRANSLATE_NOOP("ImportPlanningSites", "Applications the searches matched")),
        Output(
            "NOT_IN_FILES", QT_TRANSLATE_NOOP("ImportPlanningSites", "Matched applications not in the files")
        ),
        Output("DUPLICATES", QT_TRANSLATE_NOOP("ImportPlanningSites", "Identical copies left out")),
        Output(
            "POLYGON_FAULTS",
            QT_TRANSLATE_NOOP("ImportPlanningSites", "Polygons rejected (the site kept)"),
        ),
        Output("FILES_READ", QT_TRANSLATE_NOOP("ImportPlanningSites", "Files or pages read")),
        Output(
            "CONSERVATION_AREAS",
            QT_TRANSLATE_NOOP("ImportPlanningSites", "Conservation areas imported (own layer)"),
        ),
        Output(
            "OLDER_THAN_STORE",
            QT_TRANSLATE_NOOP("ImportPlanningSites", "Sites left as stored (the store's version is newer)"),
        ),
    )

    def name(self) -> str:
        return "importplanningsites"

    def displayName(self) -> str:  # noqa: N802
        return self.tr("Import planning sites (Planning London Datahub)")

    def shortHelpString(self) -> str:  # noqa: N802
        return self.tr(
            "Brings planning applications into the store, so you can see which development sites lie in "
            "connectivity not-spots or near planned works.\n\n"
            "What you can give it:\n"
            "- a response saved from the Planning London Datahub (JSON), or several of them, or a folder "
            "of them: each response holds one page of a search, so give every page to get every "
            "application. An application found in two files is kept once (the copy updated last);\n"
            "- the Datahub's search address "
            "(https://planningdata.london.gov.uk/api-guest/applications/_search, optionally with "
            "q=... to narrow it): every page is fetched;\n"
            "- a planning.data.gov.uk GeoJSON of planning applications or brownfield land;\n"
            "- a conservation-area GeoJSON (planning.data.gov.uk, or a council's own with the same "
            "fields): conservation areas are not sites but a real constraint on street works, so they go "
            "to a layer of their own, 'conservation_areas'.\n"
            "Local-authority outlines and other datasets are refused with a message naming the "
            "dataset.\n\n"
            "What it tells you: how many records were read, imported, rejected (with the reason, in "
            "the rejects table) and left out as identical copies; and, when a response says its search "
            "matched more applications than the files hold, how many are missing.\n\n"
            "The rules:\n"
            "- Several paths are separated by ';'. In a folder, the .json and .geojson files are read in "
            "name order; other files are listed as not read.\n"
            "- Each application is kept once, by its id: an identical copy is left out and counted; a "
            "different version loses to the one whose last_updated is later and is listed as a reject. "
            "Imports add to what the store holds: an application already stored is replaced only by a "
            "version updated as late or later, so importing pages in any order gives the same result, and "
            "an empty or partial response never removes sites.\n"
            "- A search address is fetched page by page with GET and the Elasticsearch from/size "
            "parameters (PAGE_SIZE per page), until the stated total. Elasticsearch serves at most the "
            "first 10,000 hits of one search that way: narrow larger searches with q=. The Datahub's own "
            "clients send the query as a POST body, which this import cannot send: if the Datahub refuses "
            "GET, save the pages from its website and import the folder.\n"
            "- Location: the site polygon (wgs84_polygon, or polygon in British National Grid) when it "
            "has one, else the centroid (lat/lon), else centroid_easting/centroid_northing. Coordinates "
            "are checked first (finite numbers inside Great Britain, rings closed with at least 4 "
            "positions): a faulty polygon is a reject for the field polygon and the site is kept at its "
            "centroid; a site with no usable location is rejected.\n"
            "- Centroids at the British National Grid origin (49.7668, -7.5572, or easting/northing 0, 0) "
            "are placeholders: those sites are kept with centroid_suspect = true and no geometry, so the "
            "analysis leaves them out.\n"
            "- planning.data.gov.uk: decision-date, planning-application-status, planning-decision and "
            "planning-application-type are kept; for brownfield land, maximum-net-dwellings goes to "
            "units and planning-permission-status/-type/-date to status, application type and decision "
            "date. organisation-entity is a number, kept in organisation_entity (lpa_name stays empty). "
            "A conservation area keeps its reference, name, designation date (start-date) and end date "
            "(set when it was cancelled); a later entry-date replaces an earlier one.\n"
            "- 'planning_sites' holds one point per site (its centroid, or a point inside its polygon); "
            "'planning_site_polygons' the polygons. 'units' is "
            "application_details.residential_details.total_no_proposed_residential_units."
        )

    def initAlgorithm(self, config=None):  # noqa: N802
        self.add_common_parameters(
            self.tr(
                "A Planning London Datahub JSON response, several separated by ';', a folder of them, a "
                "planning.data.gov.uk GeoJSON (planning applications, brownfield land or conservation "
                "areas), the URL of such a file, or the Datahub's search address "
                "(.../applications/_search) to fetch every page."
            )
        )
        self.add(
            QgsProcessingParameterNumber(
                self.PAGE_SIZE,
                self.tr("Hits per page when fetching a search address"),
                QgsProcessingParameterNumber.Integer,
                defaultValue=500,
                minValue=1,
                maxValue=ES_MAX_WINDOW,
            ),
            self.tr(
                "How many applications each request asks for (Elasticsearch 'size'); a size in the "
                "address itself wins. Only used with a search address."
            ),
            advanced=True,
        )

    # --- run -------------------------------------------------------------------------------

    def run_import(self, parameters, context, feedback):
        store = self.open_store(parameters, context)
        value = (self.parameterAsString(parameters, self.INPUT, context) or "").strip()
        if not value:
            raise QgsProcessingException(self.tr("No input file or URL given"))
        result, source, sha = self.read_inputs(value, store, parameters, context, feedback)
        if feedback.isCanceled():
            return {}
        layers, self._table = planning_layers(result.records)
        # the layer shown and styled: the sites, or the conservation areas when only those came
        self.style = "planning_sites" if self._table == SITES_TABLE else "conservation_areas"
        # merged by application id: per id the version last updated wins (ties: this import), so
        # pages and files can be imported in any order and an empty or partial response removes nothing
        stamp = now_iso()
        imported = self.write(
            store,
            result,
            layers,
            source=source,
            sha256=sha,
            options={},
            feedback=feedback,
            mode="merge",
            sort_key=lambda rec: f"{rec.get('last_updated') or rec.get('entry_date') or ''}|{stamp}",
            records_read=lambda: result.counts.get("hits_read", 0),
        )
        return self._report(imported, store, result, context, feedback)

    def _report(self, imported, store, result, context, feedback) -> dict[str, Any]:
        counts = result.counts
        sites = counts.get("sites", 0)
        polygon_faults = counts.get("polygon_faults", 0)
        rejected = len(result.rejects) - polygon_faults
        areas = counts.get("conservation_areas", 0)
        written = 0 if imported.unchanged else imported.written.get(SITES_TABLE, 0)
        written_areas = 0 if imported.unchanged else imported.written.get(AREAS_LAYER, 0)
        older = 0 if imported.unchanged else sites + areas - written - written_areas
        if imported.unchanged:
            message = imported.message
        else:
            message = self.tr(
                "{read} records read: {sites} planning sites ({written} written to {t}, {older} left as "
                "stored because the store holds a version updated later), {rej} rejected, {dup} identical "
                "copies left out; {flag} flagged with a grid-origin centroid (kept, not mapped); {pf} "
                "polygons rejected (those sites kept, at their centroid where they have no other polygon)."
            ).format(
                read=counts.get("hits_read", 0),
                sites=sites,
                written=written,
                t=SITES_TABLE,
                older=older,
                rej=rejected,
                dup=counts.get("duplicates", 0),
                flag=counts.get("centroid_suspect", 0),
                pf=polygon_faults,
            )
            if areas:
                message += " " + self.tr(
                    "{n} conservation areas read into {t}, a layer of their own (areas, not planning sites): "
                    "{w} written, {o} left as stored (the store's entry is later)."
                ).format(n=areas, t=AREAS_LAYER, w=written_areas, o=areas - written_areas)
            if counts.get("not_in_files", 0):
                message += " " + self.tr(
                    "The responses say their searches matched {total} applications: {missing} of them are "
                    "not in the files read."
                ).format(total=counts.get("stated_total", 0), missing=counts["not_in_files"])
        feedback.pushInfo(message)
        for rej in result.rejects[:20]:
            feedback.reportError(f"{rej.source_file} {rej.record} {rej.field}: {rej.reason}", False)
        if len(result.rejects) > 20:
            feedback.pushInfo(
                self.tr("... and {n} more in the store's rejects table").format(n=len(result.rejects) - 20)
            )
        out = self.results(
            imported,
            store,
            getattr(self, "_table", SITES_TABLE),
            counts,
            context,
            records=written + written_areas,
            rejected=0 if imported.unchanged else rejected,
            message=message,
        )
        out["OLDER_THAN_STORE"] = older
        return out

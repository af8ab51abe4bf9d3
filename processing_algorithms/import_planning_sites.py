"""digonce:importplanningsites: Planning London Datahub JSON / planning.data.gov.uk GeoJSON."""

from __future__ import annotations

from pathlib import Path

import shapely
from qgis.core import QgsProcessingException
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP

from ..plugin.core.errors import InputError
from ..plugin.sources.planning_sites import PLANNING_FIELDS, read_planning
from ..plugin.store import Layer
from ._connectivity import ConnectivityImport

SITES_TABLE = "planning_sites"
POLYGONS_TABLE = "planning_site_polygons"


class ImportPlanningSites(ConnectivityImport):
    kind = "planning_sites"
    style = "planning_sites"
    extra_counts = (
        ("SITES", QT_TRANSLATE_NOOP("ImportPlanningSites", "Planning sites imported")),
        (
            "CENTROID_SUSPECT",
            QT_TRANSLATE_NOOP(
                "ImportPlanningSites", "Grid-origin centroids flagged (excluded from analysis)"
            ),
        ),
        ("POLYGONS", QT_TRANSLATE_NOOP("ImportPlanningSites", "Sites with a polygon")),
    )

    def name(self) -> str:
        return "importplanningsites"

    def displayName(self) -> str:  # noqa: N802
        return self.tr("Import planning sites (Planning London Datahub)")

    def shortHelpString(self) -> str:  # noqa: N802
        return self.tr(
            "Imports planning applications from a Planning London Datahub JSON (the raw API response "
            "rawResponse.hits.hits[]._source, a plain hits.hits response, or a saved list of hits) or "
            "a planning.data.gov.uk GeoJSON (planning-application, conservation-area, brownfield-land) "
            "into the store.\n\n"
            "'planning_sites' holds one point per site (its centroid, or a point inside its polygon); "
            "'planning_site_polygons' the site polygons where the record has one. Centroids at the "
            "British National Grid origin (49.7668, -7.5572) are placeholders: those sites are kept "
            "with centroid_suspect = true and no geometry, so the analysis excludes them. 'units' is "
            "application_details.residential_details.total_no_proposed_residential_units."
        )

    def initAlgorithm(self, config=None):  # noqa: N802
        self.add_common_parameters(
            self.tr("A PLD JSON response or planning.data.gov.uk GeoJSON, or its URL.")
        )

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        self._parameters_json = self.parameters_json(parameters)
        store = self.open_store(parameters, context)
        path = self.input_path(parameters, context, store, feedback)
        try:
            result = read_planning(path)
        except InputError as exc:
            raise QgsProcessingException(str(exc)) from exc
        if feedback.isCanceled():
            return {}
        points, polygons = [], []
        for rec in result.records:
            geom = rec.get("geometry")
            if geom is not None and geom.geom_type in ("Polygon", "MultiPolygon"):
                polygons.append({**rec, "geometry": shapely.multipolygons(shapely.get_parts(geom))})
                rec = {**rec, "geometry": geom.point_on_surface()}
            elif geom is not None and geom.geom_type != "Point":
                rec = {**rec, "geometry": geom.point_on_surface()}
            points.append(rec)
        layers = [
            (
                Layer(SITES_TABLE, PLANNING_FIELDS, "POINT", key="site_id", description="Planning sites"),
                points,
            ),
            (Layer(POLYGONS_TABLE, PLANNING_FIELDS, "MULTIPOLYGON", key="site_id"), polygons),
        ]
        imported = self.write(
            store, result, layers, source=path, scope=Path(path).name, options={}, feedback=feedback
        )
        return self.report(imported, store, SITES_TABLE, result, context, feedback)

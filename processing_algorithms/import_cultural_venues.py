"""digonce:importculturalvenues: GLA Cultural Infrastructure Map CSVs into the store."""

from __future__ import annotations

from pathlib import Path

from qgis.core import (
    QgsProcessingException,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP

from ..plugin.core.errors import InputError
from ..plugin.sources.cultural_venues import DEFAULT_TOLERANCE_M, VENUE_FIELDS, read_venues
from ..plugin.store import Layer
from ._connectivity import ConnectivityImport

VENUES_TABLE = "cultural_venues"


class ImportCulturalVenues(ConnectivityImport):
    CATEGORY = "CATEGORY"
    TOLERANCE = "TOLERANCE"
    kind = "cultural_venues"
    style = "venues"
    extra_counts = (
        (
            "COORD_CONFLICTS",
            QT_TRANSLATE_NOOP(
                "ImportCulturalVenues", "Rows whose easting/northing disagree with latitude/longitude"
            ),
        ),
        ("NO_BOROUGH", QT_TRANSLATE_NOOP("ImportCulturalVenues", "Rows with no borough")),
        ("MOJIBAKE_REPAIRED", QT_TRANSLATE_NOOP("ImportCulturalVenues", "Mojibake sequences repaired")),
    )

    def name(self) -> str:
        return "importculturalvenues"

    def displayName(self) -> str:  # noqa: N802
        return self.tr("Import cultural venues (GLA Cultural Infrastructure Map)")

    def shortHelpString(self) -> str:  # noqa: N802
        return self.tr(
            "Imports one Cultural Infrastructure Map CSV (any category: Pubs, Music venues, Theatres, "
            "Libraries, ...) from a file or a London Datastore URL into the store table "
            "'cultural_venues'. Columns are found by name (their order differs between files). "
            "The category comes from the CATEGORY parameter, a 'category' column, or the file name.\n\n"
            "Faults handled: 'NA' strings are empty; rounded UPRNs are kept as text but never used as "
            "keys; rows with no borough keep an empty borough; mojibake (â€™) is repaired; borough "
            "names are normalised; where easting/northing and latitude/longitude disagree by more than "
            "the tolerance, latitude/longitude are used and the row is flagged (coord_conflict). Rows "
            "without usable coordinates are rejected with the field and value. Every row is imported "
            "or rejected. Re-importing a file replaces that file's venues."
        )

    def initAlgorithm(self, config=None):  # noqa: N802
        self.add_common_parameters(self.tr("A Cultural Infrastructure Map CSV file, or its http(s) URL."))
        cat = QgsProcessingParameterString(self.CATEGORY, self.tr("Category"), optional=True)
        cat.setHelp(
            self.tr("Category of every venue in the file; empty = a 'category' column or the file name.")
        )
        self.addParameter(cat)
        tol = QgsProcessingParameterNumber(
            self.TOLERANCE,
            self.tr("Coordinate disagreement tolerance (m)"),
            QgsProcessingParameterNumber.Double,
            DEFAULT_TOLERANCE_M,
            minValue=0.0,
        )
        tol.setHelp(
            self.tr(
                "Rows whose easting/northing lie further than this from their latitude/longitude are flagged."
            )
        )
        tol.setFlags(tol.flags() | QgsProcessingParameterDefinition.FlagAdvanced)
        self.addParameter(tol)

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        self._parameters_json = self.parameters_json(parameters)
        store = self.open_store(parameters, context)
        path = self.input_path(parameters, context, store, feedback)
        category = self.parameterAsString(parameters, self.CATEGORY, context) or None
        tolerance = self.parameterAsDouble(parameters, self.TOLERANCE, context)
        try:
            result = read_venues(path, category, tolerance)
        except InputError as exc:
            raise QgsProcessingException(str(exc)) from exc
        if feedback.isCanceled():
            return {}
        layer = Layer(VENUES_TABLE, VENUE_FIELDS, "POINT", key="venue_id", description="Cultural venues")
        imported = self.write(
            store, result, [(layer, result.records)], source=path, scope=Path(path).name,
            options={"category": category, "tolerance": tolerance}, feedback=feedback,
        )  # fmt: skip
        return self.report(imported, store, VENUES_TABLE, result, context, feedback)

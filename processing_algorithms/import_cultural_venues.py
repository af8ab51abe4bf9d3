"""digonce:importculturalvenues: GLA Cultural Infrastructure Map CSVs or GeoPackage into the store."""

from __future__ import annotations

from pathlib import Path

from qgis.core import (
    QgsProcessingParameterNumber,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP

from ..plugin.sources.cultural_venues import (
    DEFAULT_TOLERANCE_M,
    VENUE_FIELDS,
    category_from_filename,
    read_venues,
)
from ..plugin.store import Layer
from ..plugin.toolbelt.layers import split_list
from ._connectivity import ConnectivityImport, dataset_scope
from ._import_base import Output

VENUES_TABLE = "cultural_venues"


class ImportCulturalVenues(ConnectivityImport):
    CATEGORY = "CATEGORY"
    LAYERS = "LAYERS"
    TOLERANCE = "TOLERANCE"
    kind = "cultural_venues"
    style = "venues"
    extra_counts = (
        Output(
            "COORD_CONFLICTS",
            QT_TRANSLATE_NOOP(
                "ImportCulturalVenues", "Rows whose easting/northing disagree with latitude/longitude"
            ),
        ),
        Output(
            "KEPT_EASTING_NORTHING",
            QT_TRANSLATE_NOOP("ImportCulturalVenues", "Venues placed by their easting/northing"),
        ),
        Output(
            "KEPT_LATITUDE_LONGITUDE",
            QT_TRANSLATE_NOOP("ImportCulturalVenues", "Venues placed by their latitude/longitude"),
        ),
        Output(
            "EVIDENCE_NO_EVIDENCE",
            QT_TRANSLATE_NOOP(
                "ImportCulturalVenues", "Rows whose pairs disagree with nothing to decide (check them)"
            ),
        ),
        Output("NO_BOROUGH", QT_TRANSLATE_NOOP("ImportCulturalVenues", "Rows with no borough")),
        Output("MOJIBAKE_REPAIRED", QT_TRANSLATE_NOOP("ImportCulturalVenues", "Mojibake sequences repaired")),
    )

    def name(self) -> str:
        return "importculturalvenues"

    def displayName(self) -> str:  # noqa: N802
        return self.tr("Import cultural venues (GLA Cultural Infrastructure Map)")

    def shortHelpString(self) -> str:  # noqa: N802
        return self.tr(
            "Puts the venues of the GLA's Cultural Infrastructure Map (pubs, music venues, theatres, "
            "libraries, museums and the other categories) into the store, so that coverage gaps and "
            "dig-once opportunities can be found around them. Give one category's CSV, or the "
            "GeoPackage the GLA publishes with one layer per category, as a file or a London "
            "Datastore address.\n\n"
            "Each venue is placed where the publisher's right coordinates put it. The files give "
            "every place twice, as easting/northing and as latitude/longitude, and some exports get "
            "one pair wrong: in several real files every venue would sit about 125 m or 250 m from "
            "where it stands if the wrong pair were trusted. The import decides for each row which "
            "pair is right, from evidence in the file, says in the log how many venues were placed "
            "by each pair and why, and keeps the reason on each venue (fields coord_source and "
            "coord_evidence; coord_conflict is true when the two pairs disagree).\n\n"
            "The rules, strongest evidence first:\n"
            "1. agree: the pairs lie within the tolerance (default 5 m) of each other: "
            "easting/northing are used (no datum conversion needed).\n"
            "2. latlon_is_osgb36: the latitude/longitude, read as OSGB36 (EPSG:4277), give back the "
            "easting/northing within 1 m: they were converted from the easting/northing and "
            "mislabelled WGS84, so easting/northing are used.\n"
            "3. en_datum_reversed: the easting/northing equal the latitude/longitude converted with "
            "the OSGB36/WGS84 datum shift applied the wrong way (within the tolerance): "
            "latitude/longitude are used.\n"
            "4. own_borough: only one of the two positions lies in the row's own borough "
            "(borough_code, else borough_name, against the London borough outlines shipped with "
            "the plugin; more than 20 m outside counts as outside): that one is used.\n"
            "5. file_majority: nothing on the row decides: the pair that the file's rows with "
            "evidence (rules 2 to 4) showed right is used.\n"
            "6. no_evidence: nothing decides: latitude/longitude are used and the row stays "
            "flagged for checking.\n"
            "A row with only one usable pair uses it; latitude/longitude written in the wrong order "
            "are swapped. Without the OSTN15 grid, latitude/longitude are converted by a Helmert "
            "fit that is 1.4 to 2.1 m from the Ordnance Survey transformation in London.\n\n"
            "Columns are found by name (their order differs between files). The category comes from "
            "the Category parameter, a 'category' column, the file name or the GeoPackage layer "
            "name. 'NA' strings are empty; rounded UPRNs are kept as text but never used as keys; "
            "rows with no borough keep an empty borough; mojibake (â€™) is repaired; borough names "
            "are normalised. A file with a header and no rows is read as 0 venues and the log says "
            "so. Rows without usable coordinates are rejected with the field and the value. Every "
            "row is imported or rejected. In a GeoPackage, layers that are not venue points (areas, "
            "zones) are left out and named in the log; a layer without coordinate columns is placed "
            "by its geometry. Re-importing a file replaces that file's venues."
        )

    def initAlgorithm(self, config=None):  # noqa: N802
        self.add_common_parameters(
            self.tr("A Cultural Infrastructure Map CSV or GeoPackage file, or its http(s) URL.")
        )
        self.add_text(
            self.CATEGORY,
            self.tr("Category"),
            self.tr(
                "Category of every venue read; empty = a 'category' column, the file name, or each "
                "GeoPackage layer's name."
            ),
        )
        self.add_text(
            self.LAYERS,
            self.tr("GeoPackage layers"),
            self.tr(
                "For a GeoPackage: the layers (categories) to import, separated by commas; empty = "
                "every layer. The log lists the layers left out."
            ),
            advanced=True,
        )
        self.add(
            QgsProcessingParameterNumber(
                self.TOLERANCE,
                self.tr("Coordinate agreement tolerance (m)"),
                QgsProcessingParameterNumber.Double,
                DEFAULT_TOLERANCE_M,
                minValue=0.0,
            ),
            self.tr(
                "Easting/northing and latitude/longitude closer than this agree; further apart, the "
                "row is flagged and the pair kept is decided by the rules in the help. The default "
                "allows for the few metres of the Helmert datum conversion used without the OSTN15 grid."
            ),
            advanced=True,
        )

    def run_import(self, parameters, context, feedback):
        store = self.open_store(parameters, context)
        path = self.input_path(parameters, context, store, feedback)
        category = self.parameterAsString(parameters, self.CATEGORY, context) or None
        layers = split_list(self.parameterAsString(parameters, self.LAYERS, context)) or None
        tolerance = self.parameterAsDouble(parameters, self.TOLERANCE, context)
        result = read_venues(path, category, tolerance, layers)
        if feedback.isCanceled():
            return {}
        layer = Layer(VENUES_TABLE, VENUE_FIELDS, "POINT", key="venue_id", description="Cultural venues")
        scope = Path(path).name if not layers else f"{Path(path).name}!{','.join(layers)}"
        if category or Path(path).suffix.lower() == ".csv":
            # one category: the data set is the category, not the file name (Pubs_2025.csv replaces Pubs.csv)
            scope = "category:" + dataset_scope(category or category_from_filename(path))
        imported = self.write(
            store, result, [(layer, result.records)], source=path, scope=scope,
            options={"category": category, "tolerance": tolerance, "layers": layers}, feedback=feedback,
        )  # fmt: skip
        out = self.report(imported, store, VENUES_TABLE, result, context, feedback)
        counts = result.counts
        summary = self.tr(
            "{read} rows read; {en} venues placed by easting/northing, {ll} by latitude/longitude; "
            "{flagged} rows whose pairs disagree are flagged (coord_conflict)."
        ).format(
            read=counts.get("rows", 0),
            en=counts.get("kept_easting_northing", 0),
            ll=counts.get("kept_latitude_longitude", 0),
            flagged=counts.get("coord_conflicts", 0),
        )
        feedback.pushInfo(summary)
        if counts.get("evidence_no_evidence", 0):
            feedback.pushWarning(
                self.tr(
                    "{n} rows: the coordinate pairs disagree and nothing decides which is right "
                    "(coord_evidence = no_evidence): check them."
                ).format(n=counts["evidence_no_evidence"])
            )
        out[self.MESSAGE] = f"{out.get(self.MESSAGE) or ''} {summary}".strip()
        return out

"""digonce:importworks: an organisation's own works file (any vector layer QGIS reads, or a
CSV with WKT/EWKT or X/Y columns, an EToN/Elgin export, a National Highways planned roadworks
XML file) into the local store's canonical works."""

from __future__ import annotations

from typing import Any

from qgis.core import (
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProcessingParameterCrs,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP

from ..plugin.sources.national_highways import is_national_highways_xml
from ..plugin.toolbelt.layers import (
    TEXT_SUFFIXES,
    XML_SUFFIXES,
    CsvOptions,
    is_subset,
    layer_csv_options,
    own_file_path,
)
from ._import_base import ROWS_REJECTED_OUTPUT, SUMMARY_OUTPUT, UNCHANGED_OUTPUT, WORKS_OUTPUT, Output
from ._works_file_import import WorksFileImport
from ._works_file_roles import CSV_COLUMN_ROLES


class ImportWorks(WorksFileImport):
    #: a CSV file's geometry columns
    CSV_COLUMNS = CSV_COLUMN_ROLES
    outputs = (
        WORKS_OUTPUT,
        Output("IMPORTED", QT_TRANSLATE_NOOP("ImportWorks", "Works imported")),
        ROWS_REJECTED_OUTPUT,
        Output("LEFT_OUT", QT_TRANSLATE_NOOP("ImportWorks", "Works left out by the London filter")),
        UNCHANGED_OUTPUT,
        SUMMARY_OUTPUT,
    )

    def name(self) -> str:
        return "importworks"

    def displayName(self) -> str:  # noqa: N802
        return self.tr("Import works file")

    def shortHelpString(self) -> str:  # noqa: N802
        return self.tr(
            "Brings works other than Street Manager's into the local store, so the clash and restriction "
            "checks see them next to the permits: your organisation's own works register, a street works "
            "export from EToN/Elgin, or National Highways' planned roadworks.\n\n"
            "Input: any point, line or polygon layer QGIS reads (GeoPackage, GeoJSON, Shapefile ...), a CSV "
            "file with a WKT or EWKT column (SRID=27700;POINT(...)) or X/Y columns, or a National Highways "
            "planned roadworks XML file (HE_PLANNED_WORKS). An EToN/Elgin export (works_ref, e__start_date, "
            "e__location_bng ...) and National Highways' file are recognised and need no field mapping; for "
            "other files map your fields: a works reference, start and end dates are required, the rest "
            "optional (a column already named like the canonical field, e.g. start_date, is used when no "
            "field is chosen).\n\n"
            "Rules: each work is stored with permit_ref 'works:<reference>' (National Highways: "
            "'nh:<event number>', source 'national_highways'). Coordinates are reprojected to EPSG:27700; a "
            "file whose coordinates do not fit its declared CRS (degrees declared as British National Grid, "
            "or metres declared as degrees) is refused with one message: set the layer's or the CRS "
            "parameter's CRS. A CSV is read by the plugin itself, every row accounted for, whatever mix of "
            "points, lines and polygons it holds. Dates are London calendar dates; a date-time without an "
            "offset (2018-06-12 23:59:59, 22-APR-2025 22:00) keeps the date written. Rows with a missing or "
            "duplicate reference, a missing, unreadable or non-finite geometry, coordinates outside British "
            "National Grid's area of use or in longitude/latitude, missing or unparseable dates, an end "
            "before the start, a non-numeric USRN or the wrong number of CSV fields are listed in the "
            "store's rejects table with the field and reason. With the London filter, works that do not "
            "touch a London borough (within 50 m) are counted as left out, not imported. Records read = "
            "imported + rejected + left out. Importing the file again replaces its works; the same content "
            "with the same settings changes nothing. Cancelling leaves the store unchanged."
        )

    def initAlgorithm(self, config: dict[str, Any] | None = None) -> None:  # noqa: N802
        self.add_layer(
            self.INPUT,
            self.tr("Works layer or file"),
            self.tr(
                "Your works: any point, line or polygon layer QGIS can read, in any CRS (reprojected to "
                "EPSG:27700); or the path of a CSV file (WKT/EWKT or X/Y columns; EToN/Elgin exports "
                "recognised) or of a National Highways planned roadworks XML file."
            ),
        )
        self.add_field_parameters(self.FIELDS, self.INPUT)
        self.add_field_parameters(self.CSV_COLUMNS, self.INPUT)
        self.add(
            QgsProcessingParameterCrs(self.CRS, self.tr("CRS of a CSV file's coordinates"), optional=True),
            self.tr(
                "For a CSV file given by its path: the CRS of its coordinates; empty = EPSG:27700 (British "
                "National Grid), or EPSG:4326 for longitude/latitude columns. An EWKT value's own SRID wins."
            ),
            advanced=True,
        )
        self.add_text(
            self.ENCODING,
            self.tr("Text encoding of a CSV file"),
            self.tr("Empty = detected (UTF-8, UTF-16, else Windows-1252); or e.g. utf-8, cp1252, latin-1."),
            advanced=True,
        )
        self.add_choice(
            self.LONDON,
            self.tr("Keep only works in London"),
            [
                self.tr("Automatic: yes for National Highways' national file, no for other files"),
                self.tr("Yes: leave out works outside London (counted)"),
                self.tr("No: import everything"),
            ],
            self.tr(
                "A work is in London when it lies in a London borough or within 50 m of one. Works left out "
                "are counted in the result (LEFT_OUT) and the summary, never dropped silently."
            ),
            default=self.LONDON_AUTO,
        )
        self.add_store_parameter()
        self.add_outputs()

    def checkParameterValues(self, parameters, context):  # noqa: N802
        # QGIS refuses a file it cannot open as a layer (National Highways' XML) before the
        # algorithm runs: such a file is checked here by the plugin, the other parameters as usual
        if own_file_path(parameters.get(self.INPUT)) is None:
            return super().checkParameterValues(parameters, context)
        for definition in self.parameterDefinitions():
            if definition.name() == self.INPUT:
                continue
            if not definition.checkValueIsAcceptable(parameters.get(definition.name()), context):
                return False, self.tr("Incorrect parameter value for {name}").format(name=definition.name())
        return True, ""

    def run_import(
        self, parameters: dict[str, Any], context: QgsProcessingContext, feedback: QgsProcessingFeedback
    ) -> dict[str, Any]:
        value = parameters.get(self.INPUT)
        path = own_file_path(value)
        csv_options: CsvOptions | None = None
        if path is None and not is_subset(value):
            csv_options = layer_csv_options(self.parameterAsVectorLayer(parameters, self.INPUT, context))
        elif path is not None and path.suffix.lower() in TEXT_SUFFIXES:
            csv_options = CsvOptions(path=path)
        if path is not None and (path.suffix.lower() in XML_SUFFIXES or is_national_highways_xml(path)):
            return self.import_national_highways_xml(path, parameters, context, feedback)
        if csv_options is not None:
            return self.import_csv(csv_options, parameters, context, feedback)
        return self.import_layer(parameters, context, feedback)

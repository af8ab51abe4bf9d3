"""digonce:importworks: an organisation's own works file (any vector layer QGIS reads, or a
CSV with WKT/EWKT or X/Y columns, an EToN/Elgin export, a National Highways planned roadworks
XML file) into the local store's canonical works."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from qgis.core import (
    QgsProcessing,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingMultiStepFeedback,
    QgsProcessingParameterCrs,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterString,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP

from ..plugin.sources.national_highways import import_national_highways, is_national_highways_xml
from ..plugin.sources.works_files import MAPPABLE, import_works, left_out_of, read_works_csv
from ..plugin.store import file_sha256
from ..plugin.toolbelt.layer_io import read_columns
from ..plugin.toolbelt.layers import (
    TEXT_SUFFIXES,
    XML_SUFFIXES,
    CsvOptions,
    crs_text,
    is_subset,
    layer_csv_options,
    layer_file,
    own_file_path,
)
from ._import_base import ImportAlgorithm, Output
from ._works_file_roles import CSV_COLUMN_ROLES, WORKS_FIELD_ROLES


class ImportWorks(ImportAlgorithm):
    WKT_FIELD = "WKT_FIELD"
    X_FIELD = "X_FIELD"
    Y_FIELD = "Y_FIELD"
    CRS = "CRS"
    ENCODING = "ENCODING"
    LONDON = "LONDON"
    WORKS = "WORKS"
    IMPORTED = "IMPORTED"
    LEFT_OUT = "LEFT_OUT"

    #: LONDON choices
    LONDON_AUTO, LONDON_ONLY, LONDON_ALL = 0, 1, 2

    #: the fields mapped to canonical works fields, and a CSV file's geometry columns
    FIELDS = WORKS_FIELD_ROLES
    CSV_COLUMNS = CSV_COLUMN_ROLES
    outputs = (
        Output(WORKS, QT_TRANSLATE_NOOP("ImportWorks", "Works"), "layer"),
        Output(IMPORTED, QT_TRANSLATE_NOOP("ImportWorks", "Works imported")),
        Output("REJECTED", QT_TRANSLATE_NOOP("ImportWorks", "Rows rejected")),
        Output(LEFT_OUT, QT_TRANSLATE_NOOP("ImportWorks", "Works left out by the London filter")),
        Output("UNCHANGED", QT_TRANSLATE_NOOP("ImportWorks", "1 when already imported (nothing changed)")),
        Output("MESSAGE", QT_TRANSLATE_NOOP("ImportWorks", "Summary"), "string"),
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
        self.add(
            QgsProcessingParameterFeatureSource(
                self.INPUT, self.tr("Works layer or file"), [QgsProcessing.TypeVectorAnyGeometry]
            ),
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
        self.add(
            QgsProcessingParameterString(
                self.ENCODING, self.tr("Text encoding of a CSV file"), optional=True
            ),
            self.tr("Empty = detected (UTF-8, UTF-16, else Windows-1252); or e.g. utf-8, cp1252, latin-1."),
            advanced=True,
        )
        self.add(
            QgsProcessingParameterEnum(
                self.LONDON,
                self.tr("Keep only works in London"),
                options=[
                    self.tr("Automatic: yes for National Highways' national file, no for other files"),
                    self.tr("Yes: leave out works outside London (counted)"),
                    self.tr("No: import everything"),
                ],
                defaultValue=self.LONDON_AUTO,
            ),
            self.tr(
                "A work is in London when it lies in a London borough or within 50 m of one. Works left out "
                "are counted in the result (LEFT_OUT) and the summary, never dropped silently."
            ),
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

    def _mapping(
        self, parameters, context, names: list[str], label: str, base: dict[str, str] | None = None
    ) -> dict[str, str]:
        """The field mapping: a recognised layout's (``base``), the fields chosen over it, then
        columns named like a canonical field; a missing required field is an error naming its
        parameter."""
        mapping: dict[str, str] = dict(base or {})
        lower = {n.lower(): n for n in names}
        for role in self.FIELDS:
            name, canonical = role.param, role.canonical
            field = self.parameterAsString(parameters, name, context)
            if field:
                if field not in names:
                    raise QgsProcessingException(
                        self.tr(
                            "Field {field!r} ({param}, {what}) is not in {layer}; its fields are: {names}"
                        ).format(field=field, param=name, what=canonical, layer=label, names=", ".join(names))
                    )
                mapping[canonical] = field
        for canonical in MAPPABLE:
            if canonical not in mapping and canonical != "wkt" and canonical in lower:
                mapping[canonical] = lower[canonical]
        for role in self.FIELDS:
            if role.required and role.canonical not in mapping:
                raise QgsProcessingException(
                    self.tr("{param} is required: choose the field of {layer} holding the {what}").format(
                        param=role.param, layer=label, what=role.canonical
                    )
                )
        return mapping

    def _london_only(self, parameters, context, national: bool) -> bool:
        choice = self.parameterAsEnum(parameters, self.LONDON, context)
        if choice == self.LONDON_AUTO:
            return national
        return choice == self.LONDON_ONLY

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
            return self._national_highways(path, parameters, context, feedback)
        if csv_options is not None:
            return self._csv(csv_options, parameters, context, feedback)
        return self._layer(parameters, context, feedback)

    def _results(self, store, result) -> dict[str, Any]:
        return {
            self.IMPORTED: result.staged.get("works", 0) if not result.unchanged else 0,
            self.REJECTED: result.rejected,
            self.LEFT_OUT: left_out_of(result),
            self.UNCHANGED: 1 if result.unchanged else 0,
            self.MESSAGE: result.message,
            self.WORKS: self.store_layer(self.WORKS, store, "works", "works"),
        }

    def _national_highways(self, path: Path, parameters, context, feedback) -> dict[str, Any]:
        store = self.open_store(parameters, context)
        london_only = self._london_only(parameters, context, national=True)
        feedback.pushInfo(
            self.tr("{file}: National Highways planned roadworks{london}").format(
                file=path.name, london=self.tr(", London only") if london_only else ""
            )
        )
        result = import_national_highways(
            store, path, london_only=london_only, cancel=feedback.isCanceled, progress=feedback.setProgress
        )
        feedback.pushInfo(result.message)
        return self._results(store, result)

    def _csv(self, options: CsvOptions, parameters, context, feedback) -> dict[str, Any]:
        wkt = self.parameterAsString(parameters, self.WKT_FIELD, context) or options.wkt_field
        x = self.parameterAsString(parameters, self.X_FIELD, context) or options.x_field
        y = self.parameterAsString(parameters, self.Y_FIELD, context) or options.y_field
        crs = crs_text(self.parameterAsCrs(parameters, self.CRS, context)) or options.crs
        encoding = (
            self.parameterAsString(parameters, self.ENCODING, context) or ""
        ).strip() or options.encoding
        table = read_works_csv(
            options.path,
            wkt_field=wkt or None,
            x_field=None if wkt else x or None,
            y_field=None if wkt else y or None,
            crs=crs,
            encoding=encoding,
            delimiter=options.delimiter,
        )
        mapping = self._mapping(parameters, context, table.columns, options.path.name, base=table.mapping)
        table = table.with_mapping(mapping)
        for note in table.notes:
            feedback.pushInfo(f"{options.path.name}: {note}")
        store = self.open_store(parameters, context)
        london_only = self._london_only(parameters, context, national=False)
        result = import_works(
            store,
            table.records,
            table.mapping,
            source=str(options.path),
            record_ids=table.record_ids,
            cancel=feedback.isCanceled,
            progress=feedback.setProgress,
            london_only=london_only,
            value_maps=table.value_maps,
            extra_rejects=table.rejects,
            options={"geometry": table.geometry_from, "crs": table.crs, "encoding": table.encoding},
            notes=table.notes,
            sha256=file_sha256(options.path),
        )
        feedback.pushInfo(result.message)
        return self._results(store, result)

    def _layer(self, parameters, context, feedback) -> dict[str, Any]:
        source = self.parameterAsSource(parameters, self.INPUT, context)
        if source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, self.INPUT))
        layer = self.parameterAsVectorLayer(parameters, self.INPUT, context)
        source_file = layer_file(layer, source.sourceName() or self.INPUT)
        label = Path(source_file.split("|")[0]).name or source_file
        crs = source.sourceCrs()
        extent = source.sourceExtent()
        # numbers that are not degrees cannot be reprojected: every row would come back without
        # a geometry; one message instead, naming the CRS
        degrees = crs.isValid() and crs.isGeographic() and not extent.isNull() and extent.isFinite()
        if degrees and (
            extent.xMinimum() < -180
            or extent.xMaximum() > 180
            or extent.yMinimum() < -90
            or extent.yMaximum() > 90
        ):
            raise QgsProcessingException(
                self.tr(
                    "{layer} is declared in {crs} (degrees) but its coordinates ({extent}) are not degrees: "
                    "they look like metres, e.g. British National Grid. Set the layer's real CRS (e.g. "
                    "EPSG:27700)"
                ).format(layer=label, crs=crs.authid() or crs.description(), extent=extent.toString(0))
            )
        mapping = self._mapping(parameters, context, source.fields().names(), label)
        store = self.open_store(parameters, context)
        steps = QgsProcessingMultiStepFeedback(2, feedback)
        wanted = {field: field for field in mapping.values()}
        arrays = read_columns(source, wanted, context, steps, label)
        if feedback.isCanceled():
            feedback.reportError(self.tr("Cancelled: the store is unchanged."))
            return {}
        if arrays.reprojected_from:
            feedback.pushInfo(
                self.tr("{layer}: reprojected from {crs}").format(layer=label, crs=arrays.reprojected_from)
            )
        records = [
            ({field: arrays.columns[field][i] for field in wanted}, arrays.geometries[i])
            for i in range(len(arrays))
        ]
        steps.setCurrentStep(1)
        result = import_works(
            store,
            records,
            mapping,
            source=source_file,
            record_ids=arrays.fids.tolist(),
            cancel=feedback.isCanceled,
            progress=steps.setProgress,
            london_only=self._london_only(parameters, context, national=False),
        )
        feedback.pushInfo(result.message)
        return self._results(store, result)

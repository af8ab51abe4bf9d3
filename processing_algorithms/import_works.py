"""digonce:importworks: an organisation's own works file (any vector layer QGIS reads, or a
CSV with WKT/EWKT or X/Y columns, an EToN/Elgin export, a National Highways planned roadworks
XML file) into the local store's canonical works."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsProcessing,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeatureSourceDefinition,
    QgsProcessingFeedback,
    QgsProcessingMultiStepFeedback,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingOutputVectorLayer,
    QgsProcessingParameterCrs,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterString,
    QgsProviderRegistry,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP, QUrl, QUrlQuery

from ..plugin.core.errors import Cancelled, DigOnceError
from ..plugin.sources.national_highways import import_national_highways, is_national_highways_xml
from ..plugin.sources.works_files import (
    MAPPABLE,
    import_works,
    left_out_of,
    read_works_csv,
)
from ..plugin.store import file_sha256
from ..plugin.toolbelt.layers import read_source
from ._store_outputs import StoreOutputs, open_store, store_parameter
from .base import BaseAlgorithm

#: files read without QGIS: delimited text, and National Highways' XML (QGIS cannot open it)
TEXT_SUFFIXES = (".csv", ".txt", ".tsv")
XML_SUFFIXES = (".xml",)


@dataclass
class CsvOptions:
    """How to read a delimited-text file without QGIS."""

    path: Path
    delimiter: str = ","
    wkt_field: str | None = None
    x_field: str | None = None
    y_field: str | None = None
    crs: str | None = None
    encoding: str | None = None


def _crs_text(crs: QgsCoordinateReferenceSystem) -> str | None:
    """A QGIS CRS as text pyproj reads (its authority id, else its WKT)."""
    if not crs.isValid():
        return None
    return crs.authid() or crs.toWkt()


def delimited_text_options(layer: QgsVectorLayer) -> CsvOptions | None:
    """The file and settings of a delimited-text layer, when the plugin can read it the same
    way (a header row, a one-character or tab delimiter); None otherwise."""
    url = QUrl(layer.source())
    path = url.toLocalFile() or url.path()
    query = QUrlQuery(url)

    def item(name: str) -> str:
        return query.queryItemValue(name, QUrl.ComponentFormattingOption.FullyDecoded)

    kind = (item("type") or "csv").lower()
    if item("useHeader").lower() in ("no", "false", "0") or item("skipLines") not in ("", "0"):
        return None
    if kind == "tab":
        delimiter = "\t"
    elif kind == "csv":
        delimiter = item("delimiter") or ","
        delimiter = {"\\t": "\t", "tab": "\t"}.get(delimiter, delimiter)
    else:
        return None
    if len(delimiter) != 1 or not path or not Path(path).is_file():
        return None
    return CsvOptions(
        path=Path(path),
        delimiter=delimiter,
        wkt_field=item("wktField") or None,
        x_field=item("xField") or None,
        y_field=item("yField") or None,
        crs=_crs_text(layer.crs()) or item("crs") or None,
        # the URI's encoding is a choice the user made; the provider's is QGIS' default (UTF-8)
        # even for a Windows-1252 file, which the reader detects
        encoding=item("encoding") or None,
    )


class ImportWorks(BaseAlgorithm):
    INPUT = "INPUT"
    WKT_FIELD = "WKT_FIELD"
    X_FIELD = "X_FIELD"
    Y_FIELD = "Y_FIELD"
    CRS = "CRS"
    ENCODING = "ENCODING"
    LONDON = "LONDON"
    STORE = "STORE"
    WORKS = "WORKS"
    IMPORTED = "IMPORTED"
    REJECTED = "REJECTED"
    LEFT_OUT = "LEFT_OUT"
    UNCHANGED = "UNCHANGED"
    MESSAGE = "MESSAGE"

    #: LONDON choices
    LONDON_AUTO, LONDON_ONLY, LONDON_ALL = 0, 1, 2

    #: (parameter, canonical field, label, default source field, required, advanced)
    FIELDS = (
        ("ID_FIELD", "id", QT_TRANSLATE_NOOP("ImportWorks", "Works reference field"), None, True, False),
        (
            "START_FIELD",
            "start_date",
            QT_TRANSLATE_NOOP("ImportWorks", "Start date field"),
            None,
            True,
            False,
        ),
        ("END_FIELD", "end_date", QT_TRANSLATE_NOOP("ImportWorks", "End date field"), None, True, False),
        (
            "OWNER_FIELD",
            "promoter",
            QT_TRANSLATE_NOOP("ImportWorks", "Promoter / owner field"),
            None,
            False,
            False,
        ),
        (
            "STREET_FIELD",
            "street_name",
            QT_TRANSLATE_NOOP("ImportWorks", "Street name field"),
            None,
            False,
            False,
        ),
        ("USRN_FIELD", "usrn", QT_TRANSLATE_NOOP("ImportWorks", "USRN field"), None, False, False),
        (
            "CATEGORY_FIELD",
            "category",
            QT_TRANSLATE_NOOP("ImportWorks", "Works category field"),
            None,
            False,
            False,
        ),
        (
            "STATUS_FIELD",
            "work_status",
            QT_TRANSLATE_NOOP("ImportWorks", "Works status field"),
            None,
            False,
            False,
        ),
        (
            "ACTIVITY_FIELD",
            "activity_type",
            QT_TRANSLATE_NOOP("ImportWorks", "Activity / works type field"),
            None,
            False,
            True,
        ),
        (
            "PERMIT_STATUS_FIELD",
            "permit_status",
            QT_TRANSLATE_NOOP("ImportWorks", "Permit status field"),
            None,
            False,
            True,
        ),
        (
            "WORK_REF_FIELD",
            "work_ref",
            QT_TRANSLATE_NOOP("ImportWorks", "Work (scheme) reference field"),
            None,
            False,
            True,
        ),
    )
    HELP = {
        "id": QT_TRANSLATE_NOOP(
            "ImportWorks", "Unique reference of each work in your file; stored as permit_ref 'works:<value>'."
        ),
        "start_date": QT_TRANSLATE_NOOP(
            "ImportWorks", "Start date (a date field or text such as 2026-03-16)."
        ),
        "end_date": QT_TRANSLATE_NOOP(
            "ImportWorks", "End date (a date field or text); an end before the start is rejected."
        ),
        "promoter": QT_TRANSLATE_NOOP("ImportWorks", "Who does the works (your organisation or contractor)."),
        "street_name": QT_TRANSLATE_NOOP("ImportWorks", "Street name."),
        "usrn": QT_TRANSLATE_NOOP(
            "ImportWorks", "Unique Street Reference Number (number or digits); lets analyses match streets."
        ),
        "category": QT_TRANSLATE_NOOP(
            "ImportWorks", "Works category (e.g. major, standard, minor, immediate); stored as a code."
        ),
        "work_status": QT_TRANSLATE_NOOP(
            "ImportWorks", "Status of the work (e.g. Planned, Approved); stored as a code ('planned')."
        ),
        "activity_type": QT_TRANSLATE_NOOP(
            "ImportWorks", "Kind of activity (e.g. Mains renewal); stored as a code."
        ),
        "permit_status": QT_TRANSLATE_NOOP(
            "ImportWorks", "Permit status, when your file has one; stored as a code."
        ),
        "work_ref": QT_TRANSLATE_NOOP(
            "ImportWorks", "A scheme or work reference shared by several rows (default: the works reference)."
        ),
    }

    group_id = "import"
    group_name = "Import"

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
        param = QgsProcessingParameterFeatureSource(
            self.INPUT, self.tr("Works layer or file"), [QgsProcessing.TypeVectorAnyGeometry]
        )
        param.setHelp(
            self.tr(
                "Your works: any point, line or polygon layer QGIS can read, in any CRS (reprojected to "
                "EPSG:27700); or the path of a CSV file (WKT/EWKT or X/Y columns; EToN/Elgin exports "
                "recognised) or of a National Highways planned roadworks XML file."
            )
        )
        self.addParameter(param)
        for name, canonical, label, default, _required, advanced in self.FIELDS:
            # optional here: recognised layouts (EToN, National Highways) need no mapping; a
            # missing required field is reported by processAlgorithm, naming the parameter
            param = QgsProcessingParameterField(
                name, self.tr(label), default, self.INPUT, QgsProcessingParameterField.Any, optional=True
            )
            param.setHelp(self.tr(self.HELP[canonical]))
            if advanced:
                param.setFlags(param.flags() | QgsProcessingParameterDefinition.FlagAdvanced)
            self.addParameter(param)
        for name, label, help_text, advanced in (
            (
                self.WKT_FIELD,
                self.tr("WKT / EWKT geometry column (CSV)"),
                self.tr(
                    "For a CSV file: the column holding the geometry as WKT or EWKT "
                    "(SRID=27700;LINESTRING(...)). Empty = a column named wkt, geometry ... or X/Y columns."
                ),
                False,
            ),
            (
                self.X_FIELD,
                self.tr("X / easting column (CSV)"),
                self.tr(
                    "For a CSV file with point coordinates in two columns: the X (easting, longitude) one."
                ),
                True,
            ),
            (
                self.Y_FIELD,
                self.tr("Y / northing column (CSV)"),
                self.tr(
                    "For a CSV file with point coordinates in two columns: the Y (northing, latitude) one."
                ),
                True,
            ),
        ):
            param = QgsProcessingParameterField(
                name, label, None, self.INPUT, QgsProcessingParameterField.Any, optional=True
            )
            param.setHelp(help_text)
            if advanced:
                param.setFlags(param.flags() | QgsProcessingParameterDefinition.FlagAdvanced)
            self.addParameter(param)
        crs = QgsProcessingParameterCrs(self.CRS, self.tr("CRS of a CSV file's coordinates"), optional=True)
        crs.setHelp(
            self.tr(
                "For a CSV file given by its path: the CRS of its coordinates; empty = EPSG:27700 (British "
                "National Grid), or EPSG:4326 for longitude/latitude columns. An EWKT value's own SRID wins."
            )
        )
        crs.setFlags(crs.flags() | QgsProcessingParameterDefinition.FlagAdvanced)
        self.addParameter(crs)
        encoding = QgsProcessingParameterString(
            self.ENCODING, self.tr("Text encoding of a CSV file"), optional=True
        )
        encoding.setHelp(
            self.tr("Empty = detected (UTF-8, UTF-16, else Windows-1252); or e.g. utf-8, cp1252, latin-1.")
        )
        encoding.setFlags(encoding.flags() | QgsProcessingParameterDefinition.FlagAdvanced)
        self.addParameter(encoding)
        london = QgsProcessingParameterEnum(
            self.LONDON,
            self.tr("Keep only works in London"),
            options=[
                self.tr("Automatic: yes for National Highways' national file, no for other files"),
                self.tr("Yes: leave out works outside London (counted)"),
                self.tr("No: import everything"),
            ],
            defaultValue=self.LONDON_AUTO,
        )
        london.setHelp(
            self.tr(
                "A work is in London when it lies in a London borough or within 50 m of one. Works left out "
                "are counted in the result (LEFT_OUT) and the summary, never dropped silently."
            )
        )
        self.addParameter(london)
        self.addParameter(store_parameter(self, QgsProcessingParameterFileDestination))
        self.addOutput(QgsProcessingOutputVectorLayer(self.WORKS, self.tr("Works")))
        self.addOutput(QgsProcessingOutputNumber(self.IMPORTED, self.tr("Works imported")))
        self.addOutput(QgsProcessingOutputNumber(self.REJECTED, self.tr("Rows rejected")))
        self.addOutput(
            QgsProcessingOutputNumber(self.LEFT_OUT, self.tr("Works left out by the London filter"))
        )
        self.addOutput(
            QgsProcessingOutputNumber(self.UNCHANGED, self.tr("1 when already imported (nothing changed)"))
        )
        self.addOutput(QgsProcessingOutputString(self.MESSAGE, self.tr("Summary")))

    @staticmethod
    def _file_path(value: Any) -> Path | None:
        """INPUT as the path of a file the plugin reads itself (CSV, National Highways XML)."""
        if not isinstance(value, str) or not value.strip():
            return None
        path = Path(value.strip().split("|")[0])
        if path.suffix.lower() not in TEXT_SUFFIXES + XML_SUFFIXES or not path.is_file():
            return None
        return path

    def checkParameterValues(self, parameters, context):  # noqa: N802
        # QGIS refuses a file it cannot open as a layer (National Highways' XML) before the
        # algorithm runs: such a file is checked here by the plugin, the other parameters as usual
        if self._file_path(parameters.get(self.INPUT)) is None:
            return super().checkParameterValues(parameters, context)
        for definition in self.parameterDefinitions():
            if definition.name() == self.INPUT:
                continue
            if not definition.checkValueIsAcceptable(parameters.get(definition.name()), context):
                return False, self.tr("Incorrect parameter value for {name}").format(name=definition.name())
        return True, ""

    def _source_file(self, parameters, context, source) -> str:
        """The input's file path (for the catalogue and rejects), else its name."""
        layer = self.parameterAsVectorLayer(parameters, self.INPUT, context)
        if layer is not None:
            try:
                parts = QgsProviderRegistry.instance().decodeUri(layer.providerType(), layer.source())
            except Exception:  # noqa: BLE001  (providers without decodeUri)
                parts = {}
            path = parts.get("path") if isinstance(parts, dict) else None
            if path:
                layer_name = parts.get("layerName")
                return f"{path}|{layer_name}" if layer_name else path
            return layer.name() or layer.source()
        return source.sourceName() or self.INPUT

    def _mapping(
        self, parameters, context, names: list[str], label: str, base: dict[str, str] | None = None
    ) -> dict[str, str]:
        """The field mapping: a recognised layout's (``base``), the fields chosen over it, then
        columns named like a canonical field; a missing required field is an error naming its
        parameter."""
        mapping: dict[str, str] = dict(base or {})
        lower = {n.lower(): n for n in names}
        for name, canonical, _label, _default, _required, _advanced in self.FIELDS:
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
        for name, canonical, _label, _default, required, _advanced in self.FIELDS:
            if required and canonical not in mapping:
                raise QgsProcessingException(
                    self.tr("{param} is required: choose the field of {layer} holding the {what}").format(
                        param=name, layer=label, what=canonical
                    )
                )
        return mapping

    def _london_only(self, parameters, context, national: bool) -> bool:
        choice = self.parameterAsEnum(parameters, self.LONDON, context)
        if choice == self.LONDON_AUTO:
            return national
        return choice == self.LONDON_ONLY

    def processAlgorithm(  # noqa: N802
        self, parameters: dict[str, Any], context: QgsProcessingContext, feedback: QgsProcessingFeedback
    ) -> dict[str, Any]:
        self.store_outputs = StoreOutputs()
        self._parameters = dict(parameters)
        path = self._file_path(parameters.get(self.INPUT))
        csv_options: CsvOptions | None = None
        value = parameters.get(self.INPUT)
        # a selection, feature limit or filter on the input is the user's choice: only QGIS
        # applies it, so such an input stays on the QGIS route
        subset = isinstance(value, QgsProcessingFeatureSourceDefinition) and (
            value.selectedFeaturesOnly or value.featureLimit >= 0 or bool(value.filterExpression)
        )
        if path is None and not subset:
            layer = self.parameterAsVectorLayer(parameters, self.INPUT, context)
            if layer is not None and layer.providerType() == "delimitedtext":
                # the delimited-text provider keeps one geometry type and drops other rows
                # without a word, and turns coordinates that fail reprojection into "no
                # geometry": the plugin reads the file itself, every row accounted for
                csv_options = delimited_text_options(layer)
            elif layer is not None and layer.providerType() == "ogr":
                # a CSV opened through OGR is a table without geometry: every row would be
                # "missing geometry"; the plugin reads its WKT or X/Y columns itself
                file = Path(layer.source().split("|")[0])
                if file.suffix.lower() in TEXT_SUFFIXES and file.is_file():
                    csv_options = CsvOptions(path=file)
        elif path is not None and path.suffix.lower() in TEXT_SUFFIXES:
            csv_options = CsvOptions(path=path)
        try:
            if path is not None and (path.suffix.lower() in XML_SUFFIXES or is_national_highways_xml(path)):
                return self._national_highways(path, parameters, context, feedback)
            if csv_options is not None:
                return self._csv(csv_options, parameters, context, feedback)
        except Cancelled:
            feedback.reportError(self.tr("Cancelled: the store is unchanged."))
            return {}
        except DigOnceError as exc:
            raise QgsProcessingException(str(exc)) from exc
        return self._layer(parameters, context, feedback)

    def _results(self, store, result) -> dict[str, Any]:
        return {
            self.IMPORTED: result.staged.get("works", 0) if not result.unchanged else 0,
            self.REJECTED: result.rejected,
            self.LEFT_OUT: left_out_of(result),
            self.UNCHANGED: 1 if result.unchanged else 0,
            self.MESSAGE: result.message,
            self.WORKS: self.store_outputs.add(self.WORKS, store, "works", "works"),
        }

    def _national_highways(self, path: Path, parameters, context, feedback) -> dict[str, Any]:
        store = open_store(self, parameters, context)
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
        crs = _crs_text(self.parameterAsCrs(parameters, self.CRS, context)) or options.crs
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
        store = open_store(self, parameters, context)
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
        source_file = self._source_file(parameters, context, source)
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
        store = open_store(self, parameters, context)
        steps = QgsProcessingMultiStepFeedback(2, feedback)
        wanted = {field: field for field in mapping.values()}
        arrays = read_source(source, wanted, context, steps, label)
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
        try:
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
        except Cancelled:
            feedback.reportError(self.tr("Cancelled: the store is unchanged."))
            return {}
        except DigOnceError as exc:
            raise QgsProcessingException(str(exc)) from exc
        feedback.pushInfo(result.message)
        return self._results(store, result)

    def postProcessAlgorithm(self, context, feedback):  # noqa: N802
        self.store_outputs.finish(self, self._parameters, context, feedback)
        return {}

"""digonce:importworks: an organisation's own works file (any vector layer QGIS reads) with a
field mapping into the local store's canonical works, with source 'works'."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from qgis.core import (
    QgsProcessing,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingMultiStepFeedback,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingOutputVectorLayer,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFileDestination,
    QgsProviderRegistry,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP

from ..plugin.core.errors import Cancelled, DigOnceError
from ..plugin.sources.works_files import import_works
from ..plugin.toolbelt.layers import read_source
from ._store_outputs import StoreOutputs, open_store, store_parameter
from .base import BaseAlgorithm


class ImportWorks(BaseAlgorithm):
    INPUT = "INPUT"
    STORE = "STORE"
    WORKS = "WORKS"
    IMPORTED = "IMPORTED"
    REJECTED = "REJECTED"
    UNCHANGED = "UNCHANGED"
    MESSAGE = "MESSAGE"

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
            "Imports your organisation's own works (any point, line or polygon layer: GeoPackage, GeoJSON, "
            "Shapefile, CSV with a WKT column loaded as delimited text) into the local store's works layer "
            "with source 'works', next to Street Manager permits and forward plans.\n\n"
            "Map your fields onto the canonical ones: a works reference, start and end dates are required; "
            "promoter, street, USRN, category and status are optional. Each work is stored with permit_ref "
            "'works:<reference>' (work_ref is the reference, or the work reference field when mapped). "
            "The layer is reprojected from its own CRS to EPSG:27700. A file whose coordinates are clearly "
            "not British National Grid (longitude/latitude numbers, or outside EPSG:27700's area of use) is "
            "refused whole: set the layer's CRS. Rows with a missing reference, duplicate reference, missing "
            "or bad geometry, missing or unparseable dates, an end before the start or a non-numeric USRN "
            "are listed in the store's rejects table with the field and reason; the rest imports. "
            "Importing the file again replaces its works; the same content with the same mapping changes "
            "nothing. Cancelling leaves the store unchanged."
        )

    def initAlgorithm(self, config: dict[str, Any] | None = None) -> None:  # noqa: N802
        param = QgsProcessingParameterFeatureSource(
            self.INPUT, self.tr("Works layer"), [QgsProcessing.TypeVectorAnyGeometry]
        )
        param.setHelp(
            self.tr(
                "Your works: any point, line or polygon layer QGIS can read, in any CRS (reprojected to "
                "EPSG:27700). For a CSV with a WKT column, load it as delimited text with its CRS."
            )
        )
        self.addParameter(param)
        for name, canonical, label, default, required, advanced in self.FIELDS:
            param = QgsProcessingParameterField(
                name,
                self.tr(label),
                default,
                self.INPUT,
                QgsProcessingParameterField.Any,
                optional=not required,
            )
            param.setHelp(self.tr(self.HELP[canonical]))
            if advanced:
                param.setFlags(param.flags() | QgsProcessingParameterDefinition.FlagAdvanced)
            self.addParameter(param)
        self.addParameter(store_parameter(self, QgsProcessingParameterFileDestination))
        self.addOutput(QgsProcessingOutputVectorLayer(self.WORKS, self.tr("Works")))
        self.addOutput(QgsProcessingOutputNumber(self.IMPORTED, self.tr("Works imported")))
        self.addOutput(QgsProcessingOutputNumber(self.REJECTED, self.tr("Rows rejected")))
        self.addOutput(
            QgsProcessingOutputNumber(self.UNCHANGED, self.tr("1 when already imported (nothing changed)"))
        )
        self.addOutput(QgsProcessingOutputString(self.MESSAGE, self.tr("Summary")))

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

    def processAlgorithm(  # noqa: N802
        self, parameters: dict[str, Any], context: QgsProcessingContext, feedback: QgsProcessingFeedback
    ) -> dict[str, Any]:
        self.store_outputs = StoreOutputs()
        self._parameters = dict(parameters)
        source = self.parameterAsSource(parameters, self.INPUT, context)
        if source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, self.INPUT))
        source_file = self._source_file(parameters, context, source)
        label = Path(source_file.split("|")[0]).name or source_file
        mapping: dict[str, str] = {}
        names = source.fields().names()
        for name, canonical, _label, _default, required, _advanced in self.FIELDS:
            field = self.parameterAsString(parameters, name, context)
            if not field:
                if required:
                    raise QgsProcessingException(
                        self.tr("{param} is required: choose the field of {layer} holding the {what}").format(
                            param=name, layer=label, what=canonical
                        )
                    )
                continue
            if source.fields().lookupField(field) < 0:
                raise QgsProcessingException(
                    self.tr(
                        "Field {field!r} ({param}, {what}) is not in layer {layer}; its fields are: {names}"
                    ).format(field=field, param=name, what=canonical, layer=label, names=", ".join(names))
                )
            mapping[canonical] = field
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
            )
        except Cancelled:
            feedback.reportError(self.tr("Cancelled: the store is unchanged."))
            return {}
        except DigOnceError as exc:
            raise QgsProcessingException(str(exc)) from exc
        feedback.pushInfo(result.message)
        return {
            self.IMPORTED: result.staged.get("works", 0),
            self.REJECTED: result.rejected,
            self.UNCHANGED: 1 if result.unchanged else 0,
            self.MESSAGE: result.message,
            self.WORKS: self.store_outputs.add(self.WORKS, store, "works", "works"),
        }

    def postProcessAlgorithm(self, context, feedback):  # noqa: N802
        self.store_outputs.finish(self, self._parameters, context, feedback)
        return {}

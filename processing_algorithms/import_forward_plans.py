"""digonce:importforwardplans: a private forward plan (CSV template or UK Future Works Profile
GeoPackage) into the local store's works, with source 'plan'."""

from __future__ import annotations

from typing import Any

from qgis.core import (
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingOutputVectorLayer,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
)

from ..plugin.core.errors import Cancelled, DigOnceError
from ..plugin.sources.forward_plans import import_forward_plan
from ._store_outputs import StoreOutputs, open_store, resolve_input, store_parameter
from .base import BaseAlgorithm


class ImportForwardPlans(BaseAlgorithm):
    INPUT = "INPUT"
    STORE = "STORE"
    WORKS = "WORKS"
    PLANNED = "PLANNED"
    REJECTED = "REJECTED"
    UNCHANGED = "UNCHANGED"
    MESSAGE = "MESSAGE"

    group_id = "import"
    group_name = "Import"

    def name(self) -> str:
        return "importforwardplans"

    def displayName(self) -> str:  # noqa: N802
        return self.tr("Import forward plans")

    def shortHelpString(self) -> str:  # noqa: N802
        return self.tr(
            "Imports a forward plan into the local store's works layer with source 'plan', so that "
            "unpublished plans can be checked against Street Manager works and Section 58 restrictions. "
            "The plan is only ever written to your own store: nothing is uploaded.\n\n"
            "Input: the CSV template (resources/templates/forward_plan_template.csv; columns plan_ref, "
            "programme, owner, utility_type, method, start_date, end_date, confidence, usrn, street_name, "
            "wkt in EPSG:27700) or a 'UK Future Works Profile' GeoPackage (networklink + plannedprogramme). "
            "Rows with bad geometry, dates or USRN are listed in the rejects table with the field and reason. "
            "Importing a changed plan again replaces its rows; the same file again changes nothing."
        )

    def initAlgorithm(self, config: dict[str, Any] | None = None) -> None:  # noqa: N802
        param = QgsProcessingParameterFile(
            self.INPUT, self.tr("Forward plan (CSV or GeoPackage)"), fileFilter="Forward plan (*.csv *.gpkg)"
        )
        param.setHelp(self.tr("The CSV template or a UK Future Works Profile GeoPackage."))
        self.addParameter(param)
        self.addParameter(store_parameter(self, QgsProcessingParameterFileDestination))
        self.addOutput(QgsProcessingOutputVectorLayer(self.WORKS, self.tr("Works")))
        self.addOutput(QgsProcessingOutputNumber(self.PLANNED, self.tr("Planned works imported")))
        self.addOutput(QgsProcessingOutputNumber(self.REJECTED, self.tr("Rows rejected")))
        self.addOutput(
            QgsProcessingOutputNumber(self.UNCHANGED, self.tr("1 when already imported (nothing changed)"))
        )
        self.addOutput(QgsProcessingOutputString(self.MESSAGE, self.tr("Summary")))

    def processAlgorithm(  # noqa: N802
        self, parameters: dict[str, Any], context: QgsProcessingContext, feedback: QgsProcessingFeedback
    ) -> dict[str, Any]:
        self.store_outputs = StoreOutputs()
        self._parameters = dict(parameters)
        store = open_store(self, parameters, context)
        path = resolve_input(self, parameters, context, feedback, store, url_param="")
        try:
            result = import_forward_plan(
                store, path, cancel=feedback.isCanceled, progress=feedback.setProgress
            )
        except Cancelled:
            feedback.reportError(self.tr("Cancelled: the store is unchanged."))
            return {}
        except DigOnceError as exc:
            raise QgsProcessingException(str(exc)) from exc
        feedback.pushInfo(result.message)
        return {
            self.PLANNED: result.staged.get("works", 0),
            self.REJECTED: result.rejected,
            self.UNCHANGED: 1 if result.unchanged else 0,
            self.MESSAGE: result.message,
            self.WORKS: self.store_outputs.add(self.WORKS, store, "works", "works"),
        }

    def postProcessAlgorithm(self, context, feedback):  # noqa: N802
        self.store_outputs.finish(self, self._parameters, context, feedback)
        return {}

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
    QgsProcessingParameterDefinition,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterString,
)

from ..plugin.core.errors import Cancelled, DigOnceError
from ..plugin.sources.forward_plans import import_forward_plan
from ._store_outputs import StoreOutputs, authcfg_parameter, open_store, resolve_input, store_parameter
from .base import BaseAlgorithm


class ImportForwardPlans(BaseAlgorithm):
    INPUT = "INPUT"
    ENCODING = "ENCODING"
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
            "Checks your organisation's unpublished plans against everyone else's works: the plan is "
            "imported into the local store's works layer (source 'plan') next to Street Manager permits "
            "and Section 58 restrictions, so the clash and restriction checks see it. It is only ever "
            "written to your own store: nothing is uploaded.\n\n"
            "Input: the CSV template (resources/templates/forward_plan_template.csv; columns plan_ref, "
            "programme, owner, utility_type, method, start_date, end_date, confidence, usrn, street_name, "
            "wkt in EPSG:27700) or a 'UK Future Works Profile' GeoPackage (networklink + plannedprogramme, "
            "in any coordinate reference system the projection database knows).\n\n"
            "Rules: a CSV's text encoding is detected (UTF-8, UTF-16, Windows-1252/Latin-1) unless you "
            "choose one, and the summary says which was used. Dates are calendar dates in London time; a "
            "date-time without an offset keeps the date written. A column named twice is refused. Rows "
            "with bad geometry (coordinates not finite, outside British National Grid's area of use, or "
            "longitude/latitude), unparseable dates, an end before the start, a non-numeric USRN, a "
            "plan_ref already used on an earlier line, or more or fewer fields than the header are listed "
            "in the rejects table with the line, field and reason; every row is imported or rejected. A "
            "damaged GeoPackage or an unknown coordinate system stops the import with a message and "
            "leaves the store unchanged. Importing a changed plan again replaces its rows; the same file "
            "again changes nothing."
        )

    def initAlgorithm(self, config: dict[str, Any] | None = None) -> None:  # noqa: N802
        param = QgsProcessingParameterFile(
            self.INPUT, self.tr("Forward plan (CSV or GeoPackage)"), fileFilter="Forward plan (*.csv *.gpkg)"
        )
        param.setHelp(self.tr("The CSV template or a UK Future Works Profile GeoPackage."))
        self.addParameter(param)
        encoding = QgsProcessingParameterString(
            self.ENCODING, self.tr("Text encoding of a CSV plan"), optional=True
        )
        encoding.setHelp(
            self.tr(
                "Leave empty to detect it (UTF-8, UTF-16, else Windows-1252, which also reads Latin-1); "
                "or name it, e.g. utf-8, cp1252, latin-1, utf-16."
            )
        )
        encoding.setFlags(encoding.flags() | QgsProcessingParameterDefinition.FlagAdvanced)
        self.addParameter(encoding)
        self.addParameter(store_parameter(self, QgsProcessingParameterFileDestination))
        self.addParameter(authcfg_parameter())
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
        encoding = (self.parameterAsString(parameters, self.ENCODING, context) or "").strip() or None
        try:
            result = import_forward_plan(
                store, path, encoding=encoding, cancel=feedback.isCanceled, progress=feedback.setProgress
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

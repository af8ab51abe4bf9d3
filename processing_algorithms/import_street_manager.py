"""digonce:importstreetmanager: a Street Manager archive (file, folder or URL) into the store."""

from __future__ import annotations

from typing import Any

from qgis.core import (
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingMultiStepFeedback,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingOutputVectorLayer,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterString,
)

from ..plugin.core.errors import Cancelled, DigOnceError
from ..plugin.sources.streetmanager import import_street_manager
from ._store_outputs import StoreOutputs, authcfg_parameter, open_store, resolve_input, store_parameter
from .base import BaseAlgorithm


class ImportStreetManager(BaseAlgorithm):
    INPUT = "INPUT"
    URL = "URL"
    LONDON_ONLY = "LONDON_ONLY"
    STORE = "STORE"
    WORKS = "WORKS"
    RESTRICTIONS = "RESTRICTIONS"
    EVENTS_READ = "EVENTS_READ"
    PERMITS = "PERMITS"
    RESTRICTION_COUNT = "RESTRICTION_COUNT"
    REJECTED = "REJECTED"
    UNCHANGED = "UNCHANGED"
    MESSAGE = "MESSAGE"

    group_id = "import"
    group_name = "Import"

    def name(self) -> str:
        return "importstreetmanager"

    def displayName(self) -> str:  # noqa: N802
        return self.tr("Import Street Manager archive")

    def shortHelpString(self) -> str:  # noqa: N802
        return self.tr(
            "Imports a DfT Street Manager open-data archive (a monthly ZIP, a folder of event JSON "
            "files or monthly ZIPs, a single JSON file, or an http(s) address of a monthly archive) "
            "into the local store's works and restrictions layers.\n\n"
            "Each permit keeps its latest event (by event time, ties by event reference), also "
            "against what the store already holds, so months can be imported in any order. "
            "Section 58 records go to the restrictions layer. Bad records are listed in the store's "
            "rejects table with file, record, field and reason; an archive that cannot be read whole "
            "(truncated, damaged, unsafe member names, zip bomb) is refused whole and the store is "
            "left unchanged, as after a cancel. Importing the same file again changes nothing.\n\n"
            "Contains Street Manager data © Department for Transport (Open Government Licence v3)."
        )

    def initAlgorithm(self, config: dict[str, Any] | None = None) -> None:  # noqa: N802
        param = QgsProcessingParameterFile(
            self.INPUT,
            self.tr("Archive, folder or JSON file"),
            optional=True,
            fileFilter="ZIP or JSON (*.zip *.json)",
        )
        param.setHelp(
            self.tr("A Street Manager monthly ZIP, a folder of events/ZIPs, or one JSON event file.")
        )
        self.addParameter(param)
        param = QgsProcessingParameterString(
            self.URL, self.tr("…or archive address (http/https)"), optional=True
        )
        param.setHelp(
            self.tr(
                "Downloaded with QGIS's network settings (proxy, authentication) into the store's download "
                "cache, resumed when interrupted, and not downloaded again when unchanged. INPUT may also "
                "be given an address directly."
            )
        )
        self.addParameter(param)
        param = QgsProcessingParameterBoolean(
            self.LONDON_ONLY, self.tr("London highway authorities only"), True
        )
        param.setHelp(self.tr("Keep only records of the 32 boroughs, the City of London and TfL."))
        self.addParameter(param)
        self.addParameter(store_parameter(self, QgsProcessingParameterFileDestination))
        self.addParameter(authcfg_parameter())
        self.addOutput(QgsProcessingOutputVectorLayer(self.WORKS, self.tr("Works")))
        self.addOutput(QgsProcessingOutputVectorLayer(self.RESTRICTIONS, self.tr("Section 58 restrictions")))
        self.addOutput(QgsProcessingOutputNumber(self.EVENTS_READ, self.tr("Events read")))
        self.addOutput(QgsProcessingOutputNumber(self.PERMITS, self.tr("Permits kept from this input")))
        self.addOutput(
            QgsProcessingOutputNumber(self.RESTRICTION_COUNT, self.tr("Restrictions kept from this input"))
        )
        self.addOutput(QgsProcessingOutputNumber(self.REJECTED, self.tr("Records rejected")))
        self.addOutput(
            QgsProcessingOutputNumber(self.UNCHANGED, self.tr("1 when already imported (nothing changed)"))
        )
        self.addOutput(QgsProcessingOutputString(self.MESSAGE, self.tr("Summary")))

    def processAlgorithm(  # noqa: N802
        self, parameters: dict[str, Any], context: QgsProcessingContext, feedback: QgsProcessingFeedback
    ) -> dict[str, Any]:
        self.store_outputs = StoreOutputs()
        self._parameters = dict(parameters)
        steps = QgsProcessingMultiStepFeedback(2, feedback)
        store = open_store(self, parameters, context)
        path = resolve_input(self, parameters, context, steps, store)
        steps.setCurrentStep(1)
        london_only = self.parameterAsBoolean(parameters, self.LONDON_ONLY, context)
        try:
            result, stats = import_street_manager(
                store, path, london_only=london_only, cancel=steps.isCanceled, progress=steps.setProgress
            )
        except Cancelled:
            feedback.reportError(self.tr("Cancelled: the store is unchanged."))
            return {}
        except DigOnceError as exc:
            raise QgsProcessingException(str(exc)) from exc
        feedback.pushInfo(result.message)
        if not result.unchanged:
            feedback.pushInfo(
                self.tr("{n} events read, {o} outside London, {x} other objects skipped").format(
                    n=stats.events_read, o=stats.outside_london, x=stats.other_objects
                )
            )
        outputs = {
            self.EVENTS_READ: stats.events_read,
            self.PERMITS: result.staged.get("works", 0),
            self.RESTRICTION_COUNT: result.staged.get("restrictions", 0),
            self.REJECTED: result.rejected,
            self.UNCHANGED: 1 if result.unchanged else 0,
            self.MESSAGE: result.message,
        }
        outputs[self.WORKS] = self.store_outputs.add(self.WORKS, store, "works", "works")
        outputs[self.RESTRICTIONS] = self.store_outputs.add(
            self.RESTRICTIONS, store, "restrictions", "restrictions"
        )
        return outputs

    def postProcessAlgorithm(self, context, feedback):  # noqa: N802
        self.store_outputs.finish(self, self._parameters, context, feedback)
        return {}

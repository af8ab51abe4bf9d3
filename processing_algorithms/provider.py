"""The ``digonce`` Processing provider."""

from __future__ import annotations

from qgis.core import QgsProcessingProvider
from qgis.PyQt.QtGui import QIcon

from ..plugin.toolbelt.i18n import tr
from ..plugin.toolbelt.resources import resources_path
from .base import BaseAlgorithm
from .check_restrictions import CheckRestrictions
from .compare_runs import CompareRuns
from .create_register import CreateRegister
from .export_for_meeting import ExportForMeeting
from .fetch_from_catalogue import FetchFromCatalogue
from .find_coverage_gaps import FindCoverageGaps
from .find_register_matches import FindRegisterMatches
from .find_spine_opportunities import FindSpineOpportunities
from .find_works_overlaps import FindWorksOverlaps
from .import_cultural_venues import ImportCulturalVenues
from .import_fibre_spine import ImportFibreSpine
from .import_forward_plans import ImportForwardPlans
from .import_ofcom_coverage import ImportOfcomCoverage
from .import_planning_sites import ImportPlanningSites
from .import_street_manager import ImportStreetManager
from .import_works import ImportWorks
from .publish_to_register import PublishToRegister
from .report import Report

#: Every algorithm, listed (as QGIS's own providers do) rather than found by scanning the
#: folder: modules loaded with importlib escape QGIS's record of a plugin's modules, so after
#: a reinstall or re-enable in the same QGIS they stayed in ``sys.modules``, subclassing the
#: unloaded ``BaseAlgorithm``, and the provider came back with no algorithms.
ALGORITHMS: tuple[type[BaseAlgorithm], ...] = (
    ImportStreetManager,
    ImportWorks,
    ImportForwardPlans,
    ImportOfcomCoverage,
    ImportCulturalVenues,
    ImportPlanningSites,
    ImportFibreSpine,
    FetchFromCatalogue,
    FindWorksOverlaps,
    CheckRestrictions,
    FindCoverageGaps,
    FindSpineOpportunities,
    CompareRuns,
    Report,
    ExportForMeeting,
    CreateRegister,
    PublishToRegister,
    FindRegisterMatches,
)


class DigOnceProvider(QgsProcessingProvider):
    """Provider id ``digonce``: the algorithms appear as ``digonce:<name>``."""

    def id(self) -> str:
        return "digonce"

    def name(self) -> str:
        return tr("Dig Once")

    def longName(self) -> str:  # noqa: N802
        return tr("Dig Once: street works coordination and full-fibre coverage")

    def icon(self) -> QIcon:
        return QIcon(str(resources_path("icons", "dig_once.svg")))

    def loadAlgorithms(self) -> None:  # noqa: N802
        for cls in ALGORITHMS:
            self.addAlgorithm(cls())

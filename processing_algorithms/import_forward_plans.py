"""digonce:importforwardplans: a private forward plan (CSV template or UK Future Works Profile
GeoPackage) into the local store's works, with source 'plan'."""

from __future__ import annotations

from typing import Any

from qgis.core import (
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterFile,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP

from ..plugin.sources.forward_plans import import_forward_plan
from ._import_base import ImportAlgorithm, Output


class ImportForwardPlans(ImportAlgorithm):
    ENCODING = "ENCODING"
    REPLACE = "REPLACE"
    WORKS = "WORKS"
    PLANNED = "PLANNED"

    outputs = (
        Output(WORKS, QT_TRANSLATE_NOOP("ImportForwardPlans", "Works"), "layer"),
        Output(PLANNED, QT_TRANSLATE_NOOP("ImportForwardPlans", "Planned works imported")),
        Output("REJECTED", QT_TRANSLATE_NOOP("ImportForwardPlans", "Rows rejected")),
        Output(
            "UNCHANGED", QT_TRANSLATE_NOOP("ImportForwardPlans", "1 when already imported (nothing changed)")
        ),
        Output("MESSAGE", QT_TRANSLATE_NOOP("ImportForwardPlans", "Summary"), "string"),
    )

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
            "leaves the store unchanged.\n\n"
            "Updating the plan: the newest file is the plan. Importing it replaces the plan it supersedes "
            "(the same file changed, or a newer file named like it, e.g. forward_plan_2026-05.gpkg after "
            "forward_plan_2026-04.gpkg), so a link or row taken out of the plan leaves the store: the "
            "checks no longer show its clashes and the next publish leaves it out of the register. Street "
            "Manager permits and works files are never touched. Rule: files whose names differ only in "
            "numbers, punctuation or extension are one plan, and a file that lists again more than half of "
            "another plan's references replaces that plan too; keep two plans apart by naming them "
            "differently (fibre_plan, duct_plan). The file imported last wins: importing an older file "
            "again brings its plan back. A file that "
            "would leave fewer than half of the plan's items is refused and the store is unchanged, "
            "unless 'Replace even if much smaller' is ticked (REPLACE=true). The same file again changes "
            "nothing."
        )

    def initAlgorithm(self, config: dict[str, Any] | None = None) -> None:  # noqa: N802
        self.add(
            QgsProcessingParameterFile(
                self.INPUT,
                self.tr("Forward plan (CSV or GeoPackage)"),
                fileFilter="Forward plan (*.csv *.gpkg)",
            ),
            self.tr("The CSV template or a UK Future Works Profile GeoPackage."),
        )
        self.add_text(
            self.ENCODING,
            self.tr("Text encoding of a CSV plan"),
            self.tr(
                "Leave empty to detect it (UTF-8, UTF-16, else Windows-1252, which also reads Latin-1); "
                "or name it, e.g. utf-8, cp1252, latin-1, utf-16."
            ),
            advanced=True,
        )
        self.add_store_parameter()
        replace = QgsProcessingParameterBoolean(
            self.REPLACE, self.tr("Replace even if much smaller"), defaultValue=False
        )
        self.add(
            replace,
            self.tr(
                "A newer plan file normally replaces the plan it supersedes. When it would leave fewer than "
                "half of that plan's items (an empty, cut or wrong file), the import stops and the store is "
                "unchanged. Tick this when the smaller plan is right and should replace the earlier one."
            ),
            advanced=True,
        )
        self.add_authcfg_parameter()
        self.add_outputs()

    def run_import(
        self, parameters: dict[str, Any], context: QgsProcessingContext, feedback: QgsProcessingFeedback
    ) -> dict[str, Any]:
        store = self.open_store(parameters, context)
        path = self.resolve_input(parameters, context, feedback, store, url_param="")
        encoding = (self.parameterAsString(parameters, self.ENCODING, context) or "").strip() or None
        result = import_forward_plan(
            store,
            path,
            encoding=encoding,
            force_replace=self.parameterAsBoolean(parameters, self.REPLACE, context),
            cancel=feedback.isCanceled,
            progress=feedback.setProgress,
        )
        feedback.pushInfo(result.message)
        return {
            self.PLANNED: result.staged.get("works", 0),
            self.REJECTED: result.rejected,
            self.UNCHANGED: 1 if result.unchanged else 0,
            self.MESSAGE: result.message,
            self.WORKS: self.store_layer(self.WORKS, store, "works", "works"),
        }

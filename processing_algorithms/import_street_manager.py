"""digonce:importstreetmanager: a Street Manager archive (file, folder or URL) into the store."""

from __future__ import annotations

import os
from typing import Any

from qgis.core import (
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProcessingMultiStepFeedback,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterFile,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP

from ..plugin.sources.streetmanager import ReadStats, import_street_manager
from ._import_base import (
    IMPORT_ID_OUTPUT,
    RECORDS_REJECTED_OUTPUT,
    SUMMARY_OUTPUT,
    UNCHANGED_OUTPUT,
    WORKS_OUTPUT,
    ImportAlgorithm,
    Output,
)

#: Processes that read a large archive (PARALLEL_MIN_MEMBERS members or more) beside the one
#: writing the store: two keep a 2-core laptop busy; small inputs are read in one process.
WORKERS = 2


class ImportStreetManager(ImportAlgorithm):
    URL = "URL"
    LONDON_ONLY = "LONDON_ONLY"
    WORKS = "WORKS"
    RESTRICTIONS = "RESTRICTIONS"
    EVENTS_READ = "EVENTS_READ"
    PERMITS = "PERMITS"
    RESTRICTION_COUNT = "RESTRICTION_COUNT"
    OUTSIDE_LONDON = "OUTSIDE_LONDON"
    OTHER_OBJECTS = "OTHER_OBJECTS"
    WARNINGS = "WARNINGS"
    NOT_EVENT_FILES = "NOT_EVENT_FILES"

    outputs = (
        WORKS_OUTPUT,
        Output(RESTRICTIONS, QT_TRANSLATE_NOOP("ImportStreetManager", "Section 58 restrictions"), "layer"),
        Output(EVENTS_READ, QT_TRANSLATE_NOOP("ImportStreetManager", "Events read")),
        Output(PERMITS, QT_TRANSLATE_NOOP("ImportStreetManager", "Permits kept from this input")),
        Output(
            RESTRICTION_COUNT, QT_TRANSLATE_NOOP("ImportStreetManager", "Restrictions kept from this input")
        ),
        RECORDS_REJECTED_OUTPUT,
        Output(OUTSIDE_LONDON, QT_TRANSLATE_NOOP("ImportStreetManager", "Events left out as outside London")),
        Output(OTHER_OBJECTS, QT_TRANSLATE_NOOP("ImportStreetManager", "Events of other objects skipped")),
        Output(WARNINGS, QT_TRANSLATE_NOOP("ImportStreetManager", "Values kept with a warning")),
        Output(NOT_EVENT_FILES, QT_TRANSLATE_NOOP("ImportStreetManager", "Files not read (not event files)")),
        UNCHANGED_OUTPUT,
        IMPORT_ID_OUTPUT,
        SUMMARY_OUTPUT,
    )

    def name(self) -> str:
        return "importstreetmanager"

    def displayName(self) -> str:  # noqa: N802
        return self.tr("Import Street Manager archive")

    def shortHelpString(self) -> str:  # noqa: N802
        return self.tr(
            "Loads the street works and Section 58 restrictions that the Department for Transport "
            "publishes from Street Manager, so that you can look for clashes and dig-once chances. "
            "Give it a monthly archive (ZIP), a folder of monthly archives or of event files, one "
            "event file, a saved notification from the live feed, or the address of a monthly "
            "archive. Months can be imported in any order and again: each permit keeps its latest "
            "state. The log and the summary say how many records were read, kept, rejected and left "
            "out, and why.\n\n"
            "The exact rules:\n"
            "- Each file is one event about a permit or a Section 58 restriction. Each permit keeps its "
            "latest event (by event time, ties by event reference), also against what the store "
            "already holds. Section 58 records go to the restrictions layer. Events about other objects "
            "(e.g. fixed penalty notices) are counted and skipped.\n"
            "- A saved SNS notification (the event as JSON text in its Message field, or an SQS message "
            "holding one in Body) is unwrapped and read as the event it holds.\n"
            "- London only: a record is in London when its highway_authority_swa_code is one of the 32 "
            "boroughs, the City of London (5030 to 5990) or Transport for London (20). Only a record "
            "with no code is judged by its highway_authority name (any case, '&' or 'AND'). Records "
            "left out are counted, by authority, in the log and in OUTSIDE_LONDON.\n"
            "- Code lists grow: a value that is not in the plugin's lists (a new activity type, a new "
            "status) is kept as it is written (as a lower-case code) and listed as a warning with its "
            "field. 'Not provided' and any other value of a Yes/No field that is not Yes or No are "
            "stored as empty (NULL), with a warning. Neither ever loses a permit. WARNINGS counts them.\n"
            "- 2020-era events name the actual start and end actual_start_date and actual_end_date: "
            "both names are read.\n"
            "- A record whose geometry, dates, USRN or reference cannot be read is rejected and listed in "
            "the store's rejects table with file, record, field and reason.\n"
            "- Files in a folder or archive members that are not .json or .zip files are not read; they "
            "are counted in NOT_EVENT_FILES and named in the log.\n"
            "- An archive that cannot be read whole (truncated, damaged, unsafe member names, zip bomb) "
            "is refused whole and the store is left unchanged, as after a cancel. Importing the same "
            "files with the same options again changes nothing.\n\n"
            "Contains Street Manager data © Department for Transport (Open Government Licence v3)."
        )

    def initAlgorithm(self, config: dict[str, Any] | None = None) -> None:  # noqa: N802
        self.add(
            QgsProcessingParameterFile(
                self.INPUT,
                self.tr("Archive, folder or JSON file"),
                optional=True,
                # The second filter lets a folder (or an address) through QGIS's own check of the
                # value: with the first alone, qgis_process refuses INPUT=<folder>.
                fileFilter=self.tr("Street Manager archive or event (*.zip *.json);;Folder or any file (*)"),
            ),
            self.tr(
                "A Street Manager monthly ZIP, a folder (of monthly ZIPs and/or event files, read with "
                "its sub-folders), one JSON event file or saved notification, or an http(s) address."
            ),
        )
        self.add_text(
            self.URL,
            self.tr("…or archive address (http/https)"),
            self.tr(
                "Downloaded with QGIS's network settings (proxy, authentication) into the store's download "
                "cache, resumed when interrupted, and not downloaded again when unchanged. INPUT may also "
                "be given an address directly."
            ),
        )
        self.add(
            QgsProcessingParameterBoolean(self.LONDON_ONLY, self.tr("London highway authorities only"), True),
            self.tr(
                "Keep only records of the 32 boroughs, the City of London and Transport for London, "
                "told by the highway authority's street-works (SWA) code, or by its name when a record "
                "has no code. The records left out are counted by authority in the log."
            ),
        )
        self.add_store_parameter()
        self.add_authcfg_parameter()
        self.add_outputs()

    def run_import(
        self, parameters: dict[str, Any], context: QgsProcessingContext, feedback: QgsProcessingFeedback
    ) -> dict[str, Any]:
        steps = QgsProcessingMultiStepFeedback(2, feedback)
        store = self.open_store(parameters, context)
        path = self.resolve_input(parameters, context, steps, store)
        steps.setCurrentStep(1)
        london_only = self.parameterAsBoolean(parameters, self.LONDON_ONLY, context)
        result, stats = import_street_manager(
            store,
            path,
            london_only=london_only,
            workers=min(WORKERS, os.cpu_count() or 1),
            cancel=steps.isCanceled,
            progress=steps.setProgress,
        )
        feedback.pushInfo(result.message)
        if stats.worker_processes:
            feedback.pushInfo(self.tr("Read in {n} worker processes.").format(n=stats.worker_processes))
        if stats.workers_failed:
            feedback.pushWarning(
                self.tr(
                    "The worker processes could not start ({e}): the archive was read in one process "
                    "(slower, same result)."
                ).format(e=stats.workers_failed)
            )
        if not result.unchanged:
            self._log(stats, london_only, feedback)
        return {
            self.EVENTS_READ: stats.events_read,
            self.PERMITS: result.staged.get("works", 0),
            self.RESTRICTION_COUNT: result.staged.get("restrictions", 0),
            self.REJECTED: result.rejected,
            self.OUTSIDE_LONDON: stats.outside_london,
            self.OTHER_OBJECTS: stats.other_objects,
            self.WARNINGS: stats.warnings,
            self.NOT_EVENT_FILES: stats.not_event_files,
            self.UNCHANGED: 1 if result.unchanged else 0,
            self.IMPORT_ID: result.import_id,
            self.MESSAGE: result.message,
            self.WORKS: self.store_layer(self.WORKS, store, "works", "works"),
            self.RESTRICTIONS: self.store_layer(self.RESTRICTIONS, store, "restrictions", "restrictions"),
        }

    def _log(self, stats: ReadStats, london_only: bool, feedback: QgsProcessingFeedback) -> None:
        """Where every event went, then what was kept with a warning or not read."""
        feedback.pushInfo(
            self.tr(
                "{n} events read from {f} files: {w} permit events and {r} Section 58 events kept, "
                "{x} rejected (see the rejects table), {o} outside London, {k} of other objects."
            ).format(
                n=stats.events_read,
                f=stats.files,
                w=stats.works,
                r=stats.restrictions,
                x=stats.rejected,
                o=stats.outside_london,
                k=stats.other_objects,
            )
        )
        if london_only and stats.outside_authorities:
            feedback.pushInfo(self.tr("Left out as outside London, by highway authority:"))
            for authority, n in stats.outside_authorities.most_common():
                feedback.pushInfo(self.tr("  {a}: {n} events").format(a=authority, n=n))
        if stats.warnings:
            feedback.pushWarning(
                self.tr("{n} values kept with a warning (the permits are imported):").format(n=stats.warnings)
            )
            for (field, value, what), (n, record) in stats.warning_values.items():
                feedback.pushWarning(
                    self.tr("  {f} = {v!r}: {what}, {n} times (first in event {e})").format(
                        f=field, v=value, what=what, n=n, e=record
                    )
                )
        if stats.not_event_files:
            feedback.pushWarning(
                self.tr("{n} files not read because they are not event files (.json or .zip):").format(
                    n=stats.not_event_files
                )
            )
            for name in stats.not_event_names:
                feedback.pushWarning(f"  {name}")
            more = stats.not_event_files - len(stats.not_event_names)
            if more > 0:
                feedback.pushWarning(self.tr("  and {n} more").format(n=more))

"""digonce:exportformeeting: a folder a colleague without QGIS can open: the report, and the
groups, the works of each group, the pairs and the run's parameters as CSV files and as one
XLSX workbook (a sheet each), written through GDAL (QgsVectorFileWriter). The rows come from
:mod:`plugin.core.meeting`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from qgis import processing
from qgis.core import (
    QgsCoordinateTransformContext,
    QgsProcessingException,
    QgsProcessingOutputFile,
    QgsProcessingOutputFolder,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterFolderDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsProcessingParameterVectorLayer,
    QgsVectorFileWriter,
)

from ..plugin.core import meeting
from ._meeting import MeetingAlgorithm
from ._report_benefits import BENEFIT_KEYS, add_benefit_parameters
from ._report_layers import stamped_runs, table_layer

ALGORITHM_ID = "digonce:exportformeeting"


class ExportForMeeting(MeetingAlgorithm):
    NAME, PERIOD, REPORT = "NAME", "PERIOD", "REPORT"

    def name(self) -> str:
        return "exportformeeting"

    def displayName(self) -> str:  # noqa: N802
        return self.tr("Export for the coordination meeting (CSV, XLSX, report)")

    def shortHelpString(self) -> str:  # noqa: N802
        return self.tr(
            "Writes one folder for the coordination meeting that colleagues without QGIS can open: "
            "the report (HTML), and the coordination groups, the works of each group, the pairs and "
            "the run's parameters, each as a CSV file and together as one Excel workbook (a sheet "
            "each).\n\n"
            "Give the pairs and groups of 'Find works overlaps' and the works layer they were found "
            "in. Names say what and when: the folder and files are called PERIOD_NAME_... (e.g. "
            "2026-04_camden_groups.xlsx, 2026-04_camden_works.csv). PERIOD defaults to the month most "
            "groups start in; NAME to the borough holding most groups (its "
            "name, in lower case), or london when no borough holds more than half of them.\n\n"
            "Groups are ranked as in the report (most days of disruption avoided first) and carry "
            "the same benefit figures, computed with the same parameters and optional inputs "
            "(premises or postcode household counts, lane-rental streets, NaPTAN bus stops; see the "
            "report's help for the rules). Not computed figures are empty, never zero. The "
            "parameters sheet holds this run's parameters, the optional inputs given and the "
            "parameters stamped in the pairs and groups (the overlaps run: algorithm, time). The "
            "workbook is written by GDAL's XLSX driver; CSV files are UTF-8 with a byte-order mark, "
            "dates as YYYY-MM-DD, easting and northing in EPSG:27700 (the centre of a group or works)."
        )

    def initAlgorithm(self, config=None):  # noqa: N802
        for name, label, help_text, optional in (
            (self.PAIRS, self.tr("Overlap pairs"), self.tr("The pairs output of Find works overlaps."), False),
            (self.GROUPS, self.tr("Coordination groups"), self.tr("The groups output of Find works overlaps."), False),
            (self.WORKS, self.tr("Works"), self.tr("The works layer the overlaps were found in (permit_ref, "
                                                   "promoter, category, tm_type, dates, status, street_name, usrn)."),
             True),
        ):  # fmt: skip
            self.add(QgsProcessingParameterVectorLayer(name, label, optional=optional), help_text)
        self.add(QgsProcessingParameterString(self.NAME, self.tr("Name (place)"), optional=True),
                 self.tr("The place in the file names, e.g. camden; empty = the borough holding most groups."),
                 advanced=True)  # fmt: skip
        self.add(QgsProcessingParameterString(self.PERIOD, self.tr("Period (when)"), optional=True),
                 self.tr("The period in the file names, e.g. 2026-04; empty = the month of the earliest start."),
                 advanced=True)  # fmt: skip
        self.add(QgsProcessingParameterBoolean(self.REPORT, self.tr("Write the report too"), True),
                 self.tr("Write the HTML report into the folder as well."), advanced=True)  # fmt: skip
        self.add(QgsProcessingParameterNumber(self.TOP_GROUPS, self.tr("Groups with a page in the report"),
                                              QgsProcessingParameterNumber.Type.Integer, 50, False, 1, 500),
                 self.tr("The report gives a page to this many groups, most days avoided first; the CSV "
                         "files and the workbook list every group."), advanced=True)  # fmt: skip
        add_benefit_parameters(self)
        self.add(QgsProcessingParameterFolderDestination(self.OUTPUT, self.tr("Folder")),
                 self.tr("The folder in which the run's own folder (PERIOD_NAME) is made."))  # fmt: skip
        self.addOutput(QgsProcessingOutputFolder("FOLDER", self.tr("The run's folder")))
        self.addOutput(QgsProcessingOutputFile("XLSX", self.tr("Workbook")))
        self.addOutput(QgsProcessingOutputFile("REPORT_FILE", self.tr("Report")))
        self.add_counts({"N_GROUPS": self.tr("Groups"), "N_WORKS": self.tr("Works in groups"),
                         "N_PAIRS": self.tr("Pairs"), "DAYS_AVOIDED": self.tr("Days of disruption avoided")})  # fmt: skip

    # -- running ----------------------------------------------------------------------

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        layers = self.vector_layers(parameters, (self.PAIRS, self.GROUPS, self.WORKS), context)
        if layers[self.WORKS] is None:
            feedback.pushWarning(
                self.tr("No works layer: the works sheet is empty and only days avoided are given.")
            )
        groups, params, inputs = self.ranked_groups(parameters, layers, context, feedback)
        if feedback.isCanceled():
            return {}

        place = self.parameterAsString(parameters, self.NAME, context).strip() or meeting.main_borough(groups)
        period = self.parameterAsString(parameters, self.PERIOD, context).strip() or meeting.period(groups)
        stem = f"{meeting.slug(period)}_{meeting.slug(place)}"
        folder = Path(self.parameterAsString(parameters, self.OUTPUT, context)) / stem
        folder.mkdir(parents=True, exist_ok=True)
        feedback.pushInfo(self.tr("Writing the meeting pack into {folder}").format(folder=folder))

        tables = {
            "groups": (meeting.GROUP_COLUMNS, meeting.group_rows(groups)),
            "works": (meeting.WORK_COLUMNS, meeting.work_rows(groups)),
            "pairs": (meeting.PAIR_COLUMNS, meeting.pair_rows(groups)),
            "parameters": (
                meeting.PARAMETER_COLUMNS,
                self._parameter_rows(parameters, params, inputs, layers),
            ),
        }
        xlsx = folder / f"{stem}_groups.xlsx"
        if xlsx.exists():
            xlsx.unlink()  # a sheet each, from scratch: never a workbook mixing two runs
        for n, (sheet, (columns, rows)) in enumerate(tables.items()):
            if feedback.isCanceled():
                return {}
            # dates: real dates in the workbook; YYYY-MM-DD text in the CSV (GDAL writes YYYY/MM/DD)
            self._write(table_layer(sheet, columns, rows, dates_as_text=True), folder / f"{stem}_{sheet}.csv",
                        "CSV", sheet, ["WRITE_BOM=YES"], new_file=True)  # fmt: skip
            self._write(table_layer(sheet, columns, rows), xlsx, "XLSX", sheet, [], new_file=n == 0)
            feedback.setProgress(10 + 15 * n)
        report_path = ""
        if self.parameterAsBoolean(parameters, self.REPORT, context):
            report_path = str(folder / f"{stem}_report.html")
            child = {k: parameters.get(k) for k in (self.PAIRS, self.GROUPS, self.WORKS, *BENEFIT_KEYS)
                     if parameters.get(k) not in (None, "")}  # fmt: skip
            child["TITLE"] = self.tr("Coordination meeting: {place}, {period}").format(
                place=place, period=period
            )
            child["TOP_GROUPS"] = self.parameterAsInt(parameters, self.TOP_GROUPS, context)
            child["OUTPUT"] = report_path
            processing.run(
                "digonce:report", child, context=context, feedback=feedback, is_child_algorithm=True
            )
        return {
            "FOLDER": str(folder),
            "XLSX": str(xlsx),
            "REPORT_FILE": report_path,
            "N_GROUPS": len(groups),
            "N_WORKS": sum(len(g.works) for g in groups),
            "N_PAIRS": sum(len(g.pairs) for g in groups),
            "DAYS_AVOIDED": sum(g.benefit.days_avoided for g in groups),
        }

    def _parameter_rows(self, parameters, params, inputs, layers) -> list[list[Any]]:
        this = self.tr("this export")
        rows = [
            [this, "algorithm", ALGORITHM_ID],
            [this, "run at", dt.datetime.now(dt.UTC).isoformat(timespec="seconds")],
            [this, "parameters", self.parameters_json(parameters)],
        ]
        rows += [[self.tr("benefit parameters"), k, str(v)] for k, v in params.as_dict().items()]
        rows += [[self.tr("optional inputs"), name, given] for name, given in inputs.given]
        for role, layer in layers.items():
            if layer is None:
                continue
            run = stamped_runs(layer)
            section = self.tr("{role} layer").format(role=role.lower())
            rows.append([section, "layer", layer.name()])
            if run is None:
                rows.append([section, "source", layer.source()])
            else:
                rows += meeting.stamped_rows(section, run)
        return rows

    def _write(
        self, layer, path: Path, driver: str, sheet: str, layer_options: list[str], new_file: bool
    ) -> None:
        options = QgsVectorFileWriter.SaveVectorOptions()
        options.driverName = driver
        options.layerName = sheet
        options.fileEncoding = "UTF-8"
        options.layerOptions = layer_options
        options.actionOnExistingFile = (
            QgsVectorFileWriter.ActionOnExistingFile.CreateOrOverwriteFile
            if new_file
            else QgsVectorFileWriter.ActionOnExistingFile.CreateOrOverwriteLayer
        )
        error, message, _new_path, _new_layer = QgsVectorFileWriter.writeAsVectorFormatV3(
            layer, str(path), QgsCoordinateTransformContext(), options
        )
        if error != QgsVectorFileWriter.WriterError.NoError:
            raise QgsProcessingException(
                self.tr("Could not write {sheet} into {path}: {message}").format(
                    sheet=sheet, path=path, message=message
                )
            )

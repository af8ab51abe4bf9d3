"""digonce:exportformeeting: a folder a colleague without QGIS can open: the report, and the
groups, the works of each group, the pairs and the run's parameters as CSV files and as one
XLSX workbook (a sheet each), written through GDAL (QgsVectorFileWriter)."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any

from qgis import processing
from qgis.core import (
    QgsCoordinateTransformContext,
    QgsFeature,
    QgsField,
    QgsFields,
    QgsProcessingAlgorithm,
    QgsProcessingException,
    QgsProcessingOutputFile,
    QgsProcessingOutputFolder,
    QgsProcessingOutputNumber,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterFolderDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsProcessingParameterVectorLayer,
    QgsVectorFileWriter,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QDate, QMetaType

from ..plugin.core.dates import from_day_number
from . import _meeting as meeting
from .base import BaseAlgorithm

ALGORITHM_ID = "digonce:exportformeeting"

T = QMetaType.Type
GROUP_COLUMNS = (
    ("rank", T.Int), ("group_id", T.Int), ("borough", T.QString), ("streets", T.QString), ("n_works", T.Int),
    ("n_owners", T.Int), ("owners", T.QString), ("first_start", T.QDate), ("last_end", T.QDate),
    ("n_clashes", T.Int), ("n_opportunities", T.Int), ("n_immediate", T.Int), ("days_avoided", T.Int),
    ("street_days_planned", T.Int), ("street_days_shared", T.Int), ("premises", T.Int), ("households", T.Double),
    ("wellbeing_gbp", T.Double), ("charged_works", T.Int), ("charged_days_avoided", T.Int),
    ("lane_rental_gbp", T.Double), ("bus_stops", T.Int), ("easting", T.Double), ("northing", T.Double),
)  # fmt: skip
WORK_COLUMNS = (
    ("rank", T.Int), ("group_id", T.Int), ("n", T.Int), ("permit_ref", T.QString), ("promoter", T.QString),
    ("category", T.QString), ("immediate_or_planned", T.QString), ("tm_type", T.QString), ("start_date", T.QDate),
    ("end_date", T.QDate), ("work_status", T.QString), ("permit_status", T.QString), ("street_name", T.QString),
    ("usrn", T.QString), ("easting", T.Double), ("northing", T.Double),
)  # fmt: skip
PAIR_COLUMNS = (
    ("rank", T.Int), ("group_id", T.Int), ("id_a", T.QString), ("id_b", T.QString), ("owner_a", T.QString),
    ("owner_b", T.QString), ("kind", T.QString), ("distance_m", T.Double), ("gap_days", T.Int),
    ("overlap_days", T.Int),
)  # fmt: skip
PARAMETER_COLUMNS = (("section", T.QString), ("name", T.QString), ("value", T.QString))


def slug(text: str) -> str:
    """A file-name part: ascii, lower case, words joined by hyphens (``Kensington and Chelsea``
    -> ``kensington-and-chelsea``)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "london"


def _date(value: Any) -> QDate | None:
    if value is None:
        return None
    if isinstance(value, int):
        value = from_day_number(value)
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return QDate(value.year, value.month, value.day)
    try:
        day = dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None
    return QDate(day.year, day.month, day.day)


class ExportForMeeting(BaseAlgorithm):
    group_id = "report"
    group_name = "Report"

    PAIRS = "PAIRS"
    GROUPS = "GROUPS"
    WORKS = "WORKS"
    NAME = "NAME"
    PERIOD = "PERIOD"
    REPORT = "REPORT"
    TOP_GROUPS = "TOP_GROUPS"
    OUTPUT = "OUTPUT"

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

    def flags(self):
        # the report child run renders maps: main thread
        return super().flags() | QgsProcessingAlgorithm.Flag.FlagNoThreading

    def initAlgorithm(self, config=None):  # noqa: N802
        for name, label, help_text, optional in (
            (self.PAIRS, self.tr("Overlap pairs"), self.tr("The pairs output of Find works overlaps."), False),
            (self.GROUPS, self.tr("Coordination groups"), self.tr("The groups output of Find works overlaps."), False),
            (self.WORKS, self.tr("Works"), self.tr("The works layer the overlaps were found in (permit_ref, "
                                                   "promoter, category, tm_type, dates, status, street_name, usrn)."),
             True),
        ):  # fmt: skip
            param = QgsProcessingParameterVectorLayer(name, label, optional=optional)
            param.setHelp(help_text)
            self.addParameter(param)
        name = QgsProcessingParameterString(self.NAME, self.tr("Name (place)"), optional=True)
        name.setHelp(
            self.tr("The place in the file names, e.g. camden; empty = the borough holding most groups.")
        )
        period = QgsProcessingParameterString(self.PERIOD, self.tr("Period (when)"), optional=True)
        period.setHelp(
            self.tr("The period in the file names, e.g. 2026-04; empty = the month of the earliest start.")
        )
        report = QgsProcessingParameterBoolean(self.REPORT, self.tr("Write the report too"), True)
        report.setHelp(self.tr("Write the HTML report into the folder as well."))
        top = QgsProcessingParameterNumber(
            self.TOP_GROUPS, self.tr("Groups with a page in the report"), QgsProcessingParameterNumber.Type.Integer,
            50, False, 1, 500,
        )  # fmt: skip
        top.setHelp(self.tr("The report gives a page to this many groups, most days avoided first; the CSV "
                            "files and the workbook list every group."))  # fmt: skip
        for param in (name, period, report, top):
            param.setFlags(param.flags() | QgsProcessingParameterDefinition.Flag.FlagAdvanced)
            self.addParameter(param)
        meeting.add_benefit_parameters(self)
        out = QgsProcessingParameterFolderDestination(self.OUTPUT, self.tr("Folder"))
        out.setHelp(self.tr("The folder in which the run's own folder (PERIOD_NAME) is made."))
        self.addParameter(out)
        self.addOutput(QgsProcessingOutputFolder("FOLDER", self.tr("The run's folder")))
        self.addOutput(QgsProcessingOutputFile("XLSX", self.tr("Workbook")))
        self.addOutput(QgsProcessingOutputFile("REPORT_FILE", self.tr("Report")))
        for key, label in (("N_GROUPS", self.tr("Groups")), ("N_WORKS", self.tr("Works in groups")),
                           ("N_PAIRS", self.tr("Pairs")), ("DAYS_AVOIDED", self.tr("Days of disruption avoided"))):  # fmt: skip
            self.addOutput(QgsProcessingOutputNumber(key, label))

    # -- running ----------------------------------------------------------------------

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        layers = {}
        for name in (self.PAIRS, self.GROUPS, self.WORKS):
            layer = self.parameterAsVectorLayer(parameters, name, context)
            if layer is not None and not layer.isValid():
                raise QgsProcessingException(self.invalidSourceError(parameters, name))
            layers[name] = layer
        if layers[self.WORKS] is None:
            feedback.pushWarning(
                self.tr("No works layer: the works sheet is empty and only days avoided are given.")
            )
        groups = meeting.read_groups(
            layers[self.GROUPS], layers[self.PAIRS], layers[self.WORKS], context, feedback
        )
        inputs = meeting.read_benefit_inputs(self, parameters, context, feedback)
        params = meeting.benefit_parameters(self, parameters, context)
        meeting.compute_group_benefits(groups, params, inputs)
        groups = meeting.ranked(groups)
        if feedback.isCanceled():
            return {}

        place = self.parameterAsString(parameters, self.NAME, context).strip() or self._main_borough(groups)
        period = self.parameterAsString(parameters, self.PERIOD, context).strip() or self._period(groups)
        stem = f"{slug(period)}_{slug(place)}"
        folder = Path(self.parameterAsString(parameters, self.OUTPUT, context)) / stem
        folder.mkdir(parents=True, exist_ok=True)
        feedback.pushInfo(self.tr("Writing the meeting pack into {folder}").format(folder=folder))

        tables = {
            "groups": (GROUP_COLUMNS, self._group_rows(groups)),
            "works": (WORK_COLUMNS, self._work_rows(groups)),
            "pairs": (PAIR_COLUMNS, self._pair_rows(groups)),
            "parameters": (PARAMETER_COLUMNS, self._parameter_rows(parameters, params, inputs, layers)),
        }
        xlsx = folder / f"{stem}_groups.xlsx"
        if xlsx.exists():
            xlsx.unlink()  # a sheet each, from scratch: never a workbook mixing two runs
        for n, (sheet, (columns, rows)) in enumerate(tables.items()):
            if feedback.isCanceled():
                return {}
            # dates: real dates in the workbook; YYYY-MM-DD text in the CSV (GDAL writes YYYY/MM/DD)
            self._write(self._table(sheet, columns, rows, dates_as_text=True), folder / f"{stem}_{sheet}.csv",
                        "CSV", sheet, ["WRITE_BOM=YES"], new_file=True)  # fmt: skip
            self._write(self._table(sheet, columns, rows), xlsx, "XLSX", sheet, [], new_file=n == 0)
            feedback.setProgress(10 + 15 * n)
        report_path = ""
        if self.parameterAsBoolean(parameters, self.REPORT, context):
            report_path = str(folder / f"{stem}_report.html")
            child = {k: parameters.get(k) for k in (self.PAIRS, self.GROUPS, self.WORKS, *self._benefit_keys())
                     if parameters.get(k) not in (None, "")}  # fmt: skip
            child["TITLE"] = self.tr("Coordination meeting: {place}, {period}").format(
                place=place, period=period
            )
            child["TOP_GROUPS"] = self.parameterAsInt(parameters, self.TOP_GROUPS, context)
            child["OUTPUT"] = report_path
            processing.run(
                "digonce:report", child, context=context, feedback=feedback, is_child_algorithm=True
            )
        days = sum(g.benefit.days_avoided for g in groups)
        return {
            "FOLDER": str(folder),
            "XLSX": str(xlsx),
            "REPORT_FILE": report_path,
            "N_GROUPS": len(groups),
            "N_WORKS": sum(len(g.works) for g in groups),
            "N_PAIRS": sum(len(g.pairs) for g in groups),
            "DAYS_AVOIDED": days,
        }

    @staticmethod
    def _benefit_keys() -> tuple[str, ...]:
        p = meeting.BenefitParams
        return (p.PREMISES, p.HOUSEHOLDS_FIELD, p.LANE_RENTAL, p.BUS_STOPS, p.REACH, p.VALUE_PER_HOUSEHOLD_DAY,
                p.LANE_RENTAL_DISTANCE, p.LANE_RENTAL_CHARGE)  # fmt: skip

    def _main_borough(self, groups: list[meeting.MeetingGroup]) -> str:
        counts = Counter(g.borough.split("; ")[0] for g in groups if g.borough)
        if counts:
            name, n = counts.most_common(1)[0]
            if n * 2 > len(groups):
                return name
        return "london"

    def _period(self, groups: list[meeting.MeetingGroup]) -> str:
        """The month most groups start in (the later month on a tie), else this month."""
        months = Counter()
        for g in groups:
            day = meeting._day(g.row.get("first_start"))
            if day is not None:
                date = from_day_number(day)
                months[f"{date.year:04d}-{date.month:02d}"] += 1
        if not months:
            return dt.date.today().strftime("%Y-%m")
        return max(months.items(), key=lambda kv: (kv[1], kv[0]))[0]

    # -- rows -------------------------------------------------------------------------

    @staticmethod
    def _centre(geoms) -> tuple[float | None, float | None]:
        geoms = [g for g in geoms if g is not None]
        if not geoms:
            return None, None
        import shapely

        minx, miny, maxx, maxy = shapely.total_bounds(geoms)
        return round((minx + maxx) / 2, 1), round((miny + maxy) / 2, 1)

    def _group_rows(self, groups) -> list[list[Any]]:
        rows = []
        for rank, g in enumerate(groups, start=1):
            b = g.benefit.as_dict()
            x, y = self._centre([w["geometry"] for w in g.works] or [p["geometry"] for p in g.pairs])
            rows.append([
                rank, g.group_id, g.borough, g.where(), g.row.get("n_works"), g.row.get("n_owners"),
                g.row.get("owners"), _date(g.row.get("first_start")), _date(g.row.get("last_end")),
                g.row.get("n_clashes"), g.row.get("n_opportunities"), g.n_immediate if g.works else None,
                b["days_avoided"], b["street_days_planned"] if g.works else None,
                b["street_days_shared"] if g.works else None, b["premises"], b["households"], b["wellbeing_gbp"],
                b["charged_works"], b["charged_days_avoided"], b["lane_rental_gbp"], b["bus_stops"], x, y,
            ])  # fmt: skip
        return rows

    def _work_rows(self, groups) -> list[list[Any]]:
        rows = []
        for rank, g in enumerate(groups, start=1):
            for n, w in enumerate(g.works, start=1):
                x, y = self._centre([w["geometry"]])
                rows.append([
                    rank, g.group_id, n, w["permit_ref"], w["promoter"], w["category"],
                    "immediate" if w["immediate"] else "planned", w["tm_type"], _date(w["start_date"]),
                    _date(w["end_date"]), w["work_status"], w["permit_status"], w["street_name"],
                    None if w["usrn"] is None else str(w["usrn"]), x, y,
                ])  # fmt: skip
        return rows

    def _pair_rows(self, groups) -> list[list[Any]]:
        rows = []
        for rank, g in enumerate(groups, start=1):
            for p in sorted(g.pairs, key=lambda p: (str(p["id_a"]), str(p["id_b"]))):
                rows.append([rank, g.group_id, p["id_a"], p["id_b"], p["owner_a"], p["owner_b"], p["kind"],
                             p["distance_m"], p["gap_days"], p["overlap_days"]])  # fmt: skip
        return rows

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
            run = meeting.stamped_runs(layer)
            section = self.tr("{role} layer").format(role=role.lower())
            rows.append([section, "layer", layer.name()])
            if run is None:
                rows.append([section, "source", layer.source()])
                continue
            for key in ("algorithm", "created", "parameters", "qgis_version", "plugin_version"):
                rows.append([section, key, run[key]])
        return rows

    # -- writing ----------------------------------------------------------------------

    @staticmethod
    def _table(name: str, columns, rows, dates_as_text: bool = False) -> QgsVectorLayer:
        fields = QgsFields()
        dates = [n for n, (_c, kind) in enumerate(columns) if kind == T.QDate]
        for column, kind in columns:
            fields.append(QgsField(column, T.QString if dates_as_text and kind == T.QDate else kind))
        layer = QgsVectorLayer("None", name, "memory")
        layer.dataProvider().addAttributes(fields.toList())
        layer.updateFields()
        features = []
        for row in rows:
            feature = QgsFeature(layer.fields())
            values = list(row)
            if dates_as_text:
                for n in dates:
                    values[n] = values[n].toString("yyyy-MM-dd") if values[n] is not None else None
            feature.setAttributes(values)
            features.append(feature)
        layer.dataProvider().addFeatures(features)
        return layer

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

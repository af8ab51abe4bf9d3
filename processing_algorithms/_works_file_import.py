"""How digonce:importworks reads its input (a helper module: not an algorithm): a National
Highways XML file, a CSV file read by the plugin itself, or any layer QGIS opens, each with the
fields the user mapped (or recognised) and the London filter, into the store's works."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from qgis.core import QgsProcessingException, QgsProcessingMultiStepFeedback

from ..plugin.sources.national_highways import import_national_highways
from ..plugin.sources.works_files import MAPPABLE, import_works, left_out_of, read_works_csv
from ..plugin.store import file_sha256
from ..plugin.toolbelt.layer_io import read_columns
from ..plugin.toolbelt.layers import CsvOptions, crs_text, layer_file
from ._import_base import ImportAlgorithm
from ._works_file_roles import WORKS_FIELD_ROLES


class WorksFileImport(ImportAlgorithm):
    """The reading half of Import works file; its strings are translated in the algorithm's
    context (``ImportWorks``), which ``tr`` looks in first."""

    WKT_FIELD = "WKT_FIELD"
    X_FIELD = "X_FIELD"
    Y_FIELD = "Y_FIELD"
    CRS = "CRS"
    ENCODING = "ENCODING"
    LONDON = "LONDON"
    WORKS = "WORKS"
    IMPORTED = "IMPORTED"
    LEFT_OUT = "LEFT_OUT"

    #: LONDON choices
    LONDON_AUTO, LONDON_ONLY, LONDON_ALL = 0, 1, 2

    #: the fields mapped to canonical works fields
    FIELDS = WORKS_FIELD_ROLES

    def _mapping(
        self, parameters, context, names: list[str], label: str, base: dict[str, str] | None = None
    ) -> dict[str, str]:
        """The field mapping: a recognised layout's (``base``), the fields chosen over it, then
        columns named like a canonical field; a missing required field is an error naming its
        parameter."""
        mapping: dict[str, str] = dict(base or {})
        lower = {n.lower(): n for n in names}
        for role in self.FIELDS:
            name, canonical = role.param, role.canonical
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
        for role in self.FIELDS:
            if role.required and role.canonical not in mapping:
                raise QgsProcessingException(
                    self.tr("{param} is required: choose the field of {layer} holding the {what}").format(
                        param=role.param, layer=label, what=role.canonical
                    )
                )
        return mapping

    def _london_only(self, parameters, context, national: bool) -> bool:
        choice = self.parameterAsEnum(parameters, self.LONDON, context)
        if choice == self.LONDON_AUTO:
            return national
        return choice == self.LONDON_ONLY

    def _results(self, store, result) -> dict[str, Any]:
        return {
            self.IMPORTED: result.staged.get("works", 0) if not result.unchanged else 0,
            self.REJECTED: result.rejected,
            self.LEFT_OUT: left_out_of(result),
            self.UNCHANGED: 1 if result.unchanged else 0,
            self.MESSAGE: result.message,
            self.WORKS: self.store_layer(self.WORKS, store, "works", "works"),
        }

    def import_national_highways_xml(self, path: Path, parameters, context, feedback) -> dict[str, Any]:
        store = self.open_store(parameters, context)
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

    def import_csv(self, options: CsvOptions, parameters, context, feedback) -> dict[str, Any]:
        wkt = self.parameterAsString(parameters, self.WKT_FIELD, context) or options.wkt_field
        x = self.parameterAsString(parameters, self.X_FIELD, context) or options.x_field
        y = self.parameterAsString(parameters, self.Y_FIELD, context) or options.y_field
        crs = crs_text(self.parameterAsCrs(parameters, self.CRS, context)) or options.crs
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
        store = self.open_store(parameters, context)
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

    def import_layer(self, parameters, context, feedback) -> dict[str, Any]:
        source = self.parameterAsSource(parameters, self.INPUT, context)
        if source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, self.INPUT))
        layer = self.parameterAsVectorLayer(parameters, self.INPUT, context)
        source_file = layer_file(layer, source.sourceName() or self.INPUT)
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
        store = self.open_store(parameters, context)
        steps = QgsProcessingMultiStepFeedback(2, feedback)
        wanted = {field: field for field in mapping.values()}
        arrays = read_columns(source, wanted, context, steps, label)
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
        feedback.pushInfo(result.message)
        return self._results(store, result)

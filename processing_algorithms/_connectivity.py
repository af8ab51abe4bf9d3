"""Shared plumbing of the connectivity import algorithms (a helper module: not an algorithm).

Inputs are local files or http(s) URLs (downloaded once into the store's download cache);
records from ``plugin.sources`` go into the store with ``Store.import_features`` (atomic,
rejects and a catalogue row included); outputs are styled and stamped.
"""

from __future__ import annotations

import contextlib
import re
import sqlite3
from pathlib import Path
from typing import Any

from qgis.core import (
    QgsProcessing,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingOutputVectorLayer,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterString,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP

from ..plugin.core.errors import Cancelled, DigOnceError
from ..plugin.core.geo import ReadResult
from ..plugin.layerio import gpkg
from ..plugin.store import Feature, ImportResult, Layer, Reject, Store, file_sha256
from ..plugin.toolbelt.outputs import finalize_output
from ._import_base import (
    IMPORT_ID_OUTPUT,
    RECORDS_REJECTED_OUTPUT,
    SUMMARY_OUTPUT,
    ImportAlgorithm,
    Output,
    fetch,
)


def dataset_scope(name: str) -> str:
    """The name of a data set across its releases: ``name`` in lower case without numbers
    (dates, years, versions) or punctuation. ``Pubs``, ``Pubs_2025`` and ``pubs-v2`` are one
    data set; ``Music venues all`` and ``Music venues grassroots`` are two."""
    words = re.sub(r"[\W\d_]+", " ", name.lower()).split()
    return " ".join(words) or name.strip().lower()


def loads_as_layer(uri: str, context: QgsProcessingContext) -> bool:
    """Whether the store table ``uri`` (``<path>|layername=<table>``, as ``Store.layer_uri``
    makes it) is there to load: its GeoPackage opens and lists the table. Read with sqlite, no
    QGIS layer made: this may run on a task's thread (digonce:fetchfromcatalogue runs an import
    inside its own run), where loading a layer while the legend builds the project's scope on
    the main thread crashed QGIS now and then ("double free or corruption", 4 of 8 runs of
    tests/qgis/test_thread_lookups.py's stress on the CI machine); a lookup through the
    project's layer store races the legend too (see ``BaseAlgorithm.prepareAlgorithm``)."""
    del context  # the check needs neither the project nor the run's context
    path, _, options = uri.partition("|")
    table = next((o[len("layername=") :] for o in options.split("|") if o.startswith("layername=")), None)
    if not table or not Path(path).is_file():
        return False
    try:
        with contextlib.closing(sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)) as db:
            listed = db.execute("SELECT 1 FROM gpkg_contents WHERE table_name = ?", (table,)).fetchone()
            return listed is not None and gpkg.table_exists(db, table)
    except sqlite3.Error:
        return False


class ConnectivityImport(ImportAlgorithm):
    """Base of the four connectivity imports: INPUT (a file or address), an optional STORE,
    REPLACE; one store layer out (OUTPUT), the counts and the import id."""

    REPLACE = "REPLACE"
    OUTPUT = "OUTPUT"
    IMPORTED = "IMPORTED"

    #: subclasses: the kind in the catalogue, the style of the output, the counts they add
    #: (``Output`` each, its value ``result.counts[name.lower()]``)
    kind = ""
    style = ""
    extra_counts: tuple[Output, ...] = ()
    #: False for an import that merges (removes nothing): it has no REPLACE parameter
    replaces_data = True

    def add_common_parameters(self, input_help: str) -> None:
        self.add(QgsProcessingParameterString(self.INPUT, self.tr("Input file or http(s) URL")), input_help)
        self.add_optional_store_parameter()
        if self.replaces_data:
            self.add(
                QgsProcessingParameterBoolean(
                    self.REPLACE, self.tr("Replace even if much smaller"), defaultValue=False
                ),
                self.tr(
                    "A file normally replaces what the earlier import of the same data put in the store. "
                    "When it would leave fewer than half of those records (an empty, cut or wrong file), "
                    "the import stops and the store is unchanged. Tick this when the smaller file is "
                    "right and should replace the earlier data."
                ),
                advanced=True,
            )
        self.add_authcfg_parameter()
        self.addOutput(
            QgsProcessingOutputVectorLayer(self.OUTPUT, self.tr("Imported layer"), QgsProcessing.TypeVector)
        )
        self.add_outputs()

    @property
    def outputs(self) -> tuple[Output, ...]:  # type: ignore[override]
        return (
            IMPORT_ID_OUTPUT,
            Output(self.IMPORTED, QT_TRANSLATE_NOOP("ConnectivityImport", "Records imported")),
            RECORDS_REJECTED_OUTPUT,
            SUMMARY_OUTPUT,
            *self.extra_counts,
        )

    def open_store(self, parameters: dict[str, Any], context: QgsProcessingContext) -> Store:
        # read here, where the parameters are at hand; write() passes it on to the store
        self._force_replace = self.replaces_data and self.parameterAsBoolean(
            parameters, self.REPLACE, context
        )
        return super().open_store(parameters, context)

    def input_path(
        self, parameters: dict[str, Any], context: QgsProcessingContext, store: Store, feedback
    ) -> Path:
        value = (self.parameterAsString(parameters, self.INPUT, context) or "").strip()
        if not value:
            raise QgsProcessingException(self.tr("No input file or URL given"))
        authcfg = self.parameterAsString(parameters, self.AUTHCFG, context) or ""
        return fetch(value, store, feedback, authcfg)

    def cancelled(self, feedback: QgsProcessingFeedback, exc: Cancelled) -> dict[str, Any]:
        raise QgsProcessingException(self.tr("Cancelled: the store is unchanged")) from exc

    def write(
        self,
        store: Store,
        result: ReadResult,
        layers: list[tuple[Layer, list[dict[str, Any]]]],
        *,
        source: Path | str,
        options: dict[str, Any],
        feedback: QgsProcessingFeedback,
        scope: str | None = None,
        sha256: str | None = None,
        mode: str = "replace",
        sort_key=None,
        records_read=None,
    ) -> ImportResult:
        """Records and rejects into the store in one atomic import: replacing ``scope``, or
        merged by key (``mode="merge"``, versions ordered by ``sort_key(record)``)."""
        for note in result.notes:
            feedback.pushWarning(note)

        def items():
            for layer, records in layers:
                names = [f for f, _ in layer.fields]
                for rec in records:
                    values = {n: rec.get(n) for n in names}
                    if sort_key is None:
                        yield Feature(layer.table, values, rec.get("geometry"))
                    else:
                        yield Feature(layer.table, values, rec.get("geometry"), sort_key=sort_key(rec))
            for rej in result.rejects:
                yield Reject(rej.source_file, rej.record, rej.field, rej.reason)

        replace = {"scope": scope, "force_replace": getattr(self, "_force_replace", False)}
        try:
            return store.import_features(
                items(),
                layers=[layer for layer, _ in layers],
                kind=self.kind,
                source=str(source),
                sha256=sha256 or file_sha256(source),
                options=options,
                mode=mode,
                **(replace if mode == "replace" else {}),
                # what a filter the user chose left out was read too
                records_read=records_read
                or (lambda: len(result.records) + len(result.rejects) + result.counts.get("left_out", 0)),
                cancel=feedback.isCanceled,
                progress=feedback.setProgress,
            )
        except Cancelled as exc:
            raise QgsProcessingException(self.tr("Cancelled: the store is unchanged")) from exc
        except DigOnceError as exc:
            raise QgsProcessingException(str(exc)) from exc

    def report(
        self,
        imported: ImportResult,
        store: Store,
        table: str,
        result: ReadResult,
        context: QgsProcessingContext,
        feedback: QgsProcessingFeedback,
    ) -> dict[str, Any]:
        if imported.unchanged:
            feedback.pushInfo(imported.message)
        else:
            feedback.pushInfo(
                self.tr("{n} records imported into {t}, {r} rejected (import {i})").format(
                    n=imported.imported, t=table, r=imported.rejected, i=imported.import_id
                )
            )
            for rej in result.rejects[:20]:
                feedback.reportError(f"{rej.source_file} {rej.record} {rej.field}: {rej.reason}", False)
        done = not imported.unchanged
        return self.results(
            imported,
            store,
            table,
            result.counts,
            context,
            records=imported.imported if done else 0,
            rejected=imported.rejected if done else 0,
            message=imported.message,
        )

    def results(
        self,
        imported: ImportResult,
        store: Store,
        table: str,
        counts: dict[str, int],
        context: QgsProcessingContext,
        *,
        records: int,
        rejected: int,
        message: str,
    ) -> dict[str, Any]:
        """The outputs: ``table`` as the layer loaded on completion, the figures and counts."""
        uri = store.layer_uri(table)
        self._output = uri
        self._store_path = str(store.path)
        out = {
            self.OUTPUT: uri,
            self.IMPORT_ID: imported.import_id,
            self.IMPORTED: records,
            self.REJECTED: rejected,
            self.MESSAGE: message,
        }
        for count in self.extra_counts:
            out[count.name] = counts.get(count.name.lower(), 0)
        details = QgsProcessingContext.LayerDetails(table, context.project(), self.OUTPUT)
        context.addLayerToLoadOnCompletion(uri, details)
        return out

    def postProcessAlgorithm(self, context, feedback):  # noqa: N802
        uri = getattr(self, "_output", None)
        if uri and loads_as_layer(uri, context):
            finalize_output(
                uri,
                context,
                feedback,
                style=self.style,
                algorithm_id=f"digonce:{self.name()}",
                parameters_json=self.parameters_json(self._parameters),
            )
        return {}

"""Run a Processing algorithm as a QGIS task, and put its result layers in the project.

The dock never runs an algorithm on the UI thread: :class:`AlgorithmRun` wraps
``QgsProcessingAlgRunnerTask`` (progress in QGIS's task manager, a working Cancel) and keeps
the context and feedback alive until the task ends.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from qgis.core import (
    QgsApplication,
    QgsLayerTreeGroup,
    QgsMapLayer,
    QgsProcessingAlgorithm,
    QgsProcessingAlgRunnerTask,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingUtils,
    QgsProject,
    QgsTask,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP, QObject, QTimer, pyqtSignal

from ..toolbelt.i18n import tr

RESULTS_GROUP = QT_TRANSLATE_NOOP("@default", "Dig Once results")  # marked for pylupdate5; tr() at use


class RecordingFeedback(QgsProcessingFeedback):
    """Keeps the errors and warnings an algorithm reports, to show them in the dock."""

    def __init__(self):
        super().__init__()
        self.errors: list[str] = []
        self.warnings: list[str] = []
        self.infos: list[str] = []

    def pushWarning(self, warning: str) -> None:  # noqa: N802
        self.warnings.append(warning)
        super().pushWarning(warning)

    def reportError(self, error: str, fatalError: bool = False) -> None:  # noqa: N802, N803
        self.errors.append(error)
        super().reportError(error, fatalError)

    def pushInfo(self, info: str) -> None:  # noqa: N802
        self.infos.append(info)
        super().pushInfo(info)


class AlgorithmRun(QObject):
    """One algorithm run in the task manager. ``finished(ok, results, message)`` when done.

    ``message`` is the first error reported (the reader's or the store's message), or
    "cancelled" text when the user cancelled.
    """

    finished = pyqtSignal(bool, dict, str)

    def __init__(
        self,
        algorithm: QgsProcessingAlgorithm,
        parameters: dict[str, Any],
        description: str,
        project: QgsProject | None = None,
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self.context = QgsProcessingContext()
        self.context.setProject(project or QgsProject.instance())
        self.feedback = RecordingFeedback()
        self.parameters = parameters
        self.cancelled = False
        self.done = False
        self.ok = False
        self.results: dict[str, Any] = {}
        self.message = ""
        self.algorithm = algorithm
        #: an algorithm that must run on the main thread (e.g. it renders maps) is not a task
        self.here = bool(algorithm.flags() & QgsProcessingAlgorithm.Flag.FlagNoThreading)
        self.task = None
        if not self.here:
            self.task = QgsProcessingAlgRunnerTask(
                algorithm, parameters, self.context, self.feedback, QgsTask.Flag.CanCancel
            )
            self.task.setDescription(description)
            self.task.executed.connect(self._executed)

    def start(self) -> None:
        if self.here:
            QTimer.singleShot(0, self._run_here)  # once the caller has connected ``finished``
            return
        QgsApplication.taskManager().addTask(self.task)

    def _run_here(self) -> None:
        """Run on the main thread (the algorithm asked for it), then finish as a task does."""
        algorithm = self.algorithm.create()
        try:
            results, ok = algorithm.run(self.parameters, self.context, self.feedback)
        except QgsProcessingException as exc:
            self.feedback.reportError(str(exc), True)
            results, ok = {}, False
        self._executed(bool(ok), results or {})

    def cancel(self) -> None:
        """Ask the algorithm to stop (it checks ``feedback.isCanceled()`` in its loops)."""
        self.cancelled = True
        self.feedback.cancel()
        if self.task is not None and not self.done:
            self.task.cancel()

    def _executed(self, successful: bool, results: dict) -> None:
        self.done = True
        self.ok = bool(successful) and not self.feedback.isCanceled()
        self.results = dict(results or {})
        if self.cancelled or self.feedback.isCanceled():
            self.message = tr("Cancelled: nothing was changed.")
        elif not self.ok:
            self.message = self.feedback.errors[0] if self.feedback.errors else tr("The algorithm failed.")
        self.task = None  # owned and deleted by the task manager
        self.finished.emit(self.ok, self.results, self.message)


def results_group(project: QgsProject | None = None, name: str | None = None) -> QgsLayerTreeGroup:
    """The project's "Dig Once results" group (created at the top when missing)."""
    project = project or QgsProject.instance()
    name = name or tr(RESULTS_GROUP)
    root = project.layerTreeRoot()
    group = root.findGroup(name)
    if group is None:
        group = root.insertGroup(0, name)
    return group


def load_result_layers(
    run: AlgorithmRun,
    group_name: str | None = None,
    on_layer: Callable[[QgsMapLayer], None] | None = None,
) -> list[QgsMapLayer]:
    """Add the layers the run asked to load on completion to the results group, styled.

    Styles: the outputs carry their QML in the GeoPackage (``finalize_output``) and a
    post-processor that applies it; both are honoured.
    """
    context, project = run.context, run.context.project() or QgsProject.instance()
    added: list[QgsMapLayer] = []
    details_by_id = context.layersToLoadOnCompletion()
    group = None
    for layer_id, details in details_by_id.items():
        layer = QgsProcessingUtils.mapLayerFromString(layer_id, context)
        if layer is None or not layer.isValid():
            run.feedback.reportError(tr("Could not load the result {0}").format(layer_id))
            continue
        store = context.temporaryLayerStore()
        if store.mapLayer(layer.id()) is not None:
            layer = store.takeMapLayer(layer)
        if details.name:
            layer.setName(details.name)
        if group is None:
            group = results_group(project, group_name)
        project.addMapLayer(layer, False)
        group.insertLayer(0, layer)
        processor = details.postProcessor()
        if processor is not None:
            processor.postProcessLayer(layer, context, run.feedback)
        added.append(layer)
        if on_layer is not None:
            on_layer(layer)
    context.setLayersToLoadOnCompletion({})
    return added

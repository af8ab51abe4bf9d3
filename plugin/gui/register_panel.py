"""The "Shared register" part of the dock: choose the register connection, publish my works
and plans, see my last publication, find my matches.

A plain QWidget the dock adds as a tab (``RegisterPanel(parent)``). Algorithms run as tasks
(:class:`..runner.AlgorithmRun`), never on the UI thread; the last publication is read in a
``QgsTask`` too, so a server that does not answer never freezes QGIS. Only the connection's
*name* is remembered (QgsSettings ``dig_once/register_connection``), never a password.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from qgis.core import (
    QgsApplication,
    QgsProcessing,
    QgsProcessingOutputLayerDefinition,
    QgsProject,
    QgsSettings,
    QgsTask,
)
from qgis.gui import QgsProviderConnectionComboBox
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP
from qgis.PyQt.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..toolbelt.i18n import tr
from ..toolbelt.settings import PluginSettings
from .runner import AlgorithmRun, load_result_layers

SETTING = "dig_once/register_connection"
VISIBILITY_LABELS = (  # marked for pylupdate5; tr() at use
    ("private", QT_TRANSLATE_NOOP("@default", "Private: my organisation only")),
    ("shared", QT_TRANSLATE_NOOP("@default", "Shared: every organisation of the register")),
    ("public", QT_TRANSLATE_NOOP("@default", "Public")),
)


class RegisterPanel(QWidget):
    """Connection, publish button, last publication, find-matches button, status line."""

    def __init__(self, parent: QWidget | None = None, results_folder: Callable[[], Path] | None = None):
        super().__init__(parent)
        self.setObjectName("registerPanel")
        self.results_folder = results_folder
        self.run: AlgorithmRun | None = None
        self.added_layer_ids: list[str] = []
        self._task: QgsTask | None = None

        self.connectionCombo = QgsProviderConnectionComboBox("postgres", self)
        self.connectionCombo.setObjectName("registerConnection")
        self.connectionCombo.setToolTip(
            tr(
                "A PostgreSQL connection saved in QGIS (Browser > PostgreSQL > New Connection) to the shared "
                "register, logging in with your own role; its password in an authentication configuration."
            )
        )
        self.visibilityCombo = QComboBox(self)
        self.visibilityCombo.setObjectName("registerVisibility")
        for value, label in VISIBILITY_LABELS:
            self.visibilityCombo.addItem(tr(label), value)
        self.publishButton = QPushButton(tr("Publish my works and plans"), self)
        self.publishButton.setObjectName("registerPublish")
        self.matchesButton = QPushButton(tr("Find my matches"), self)
        self.matchesButton.setObjectName("registerMatches")
        self.lastLabel = QLabel(self)
        self.lastLabel.setObjectName("registerLast")
        self.lastLabel.setWordWrap(True)
        self.statusLabel = QLabel(self)
        self.statusLabel.setObjectName("registerStatus")
        self.statusLabel.setWordWrap(True)

        form = QFormLayout()
        form.addRow(tr("Register connection"), self.connectionCombo)
        form.addRow(tr("Who may see the detail"), self.visibilityCombo)
        form.addRow(tr("Last publication"), self.lastLabel)
        buttons = QHBoxLayout()
        buttons.addWidget(self.publishButton)
        buttons.addWidget(self.matchesButton)
        layout = QVBoxLayout(self)
        intro = QLabel(
            tr(
                "Pool your plans with the other organisations of the shared register: you see the detail of "
                "what they share, and for their private plans only that a match exists and whom to contact."
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.statusLabel)
        layout.addStretch(1)

        remembered = QgsSettings().value(SETTING, "", type=str)
        if remembered:
            self.connectionCombo.setConnection(remembered)
        self.connectionCombo.connectionChanged.connect(self._connection_changed)
        self.publishButton.clicked.connect(self.publish)
        self.matchesButton.clicked.connect(self.find_matches)
        self._update_enabled()
        self.refresh_last_publication()

    def cleanup(self) -> None:
        """Stop what the panel started (the read of the last publication, a run) before it goes."""
        if self._task is not None:
            self._task.cancel()
            self._task = None
        if self.run is not None and not self.run.done:
            self.run.cancel()

    # --- state ---------------------------------------------------------------------------

    def connection_name(self) -> str:
        return self.connectionCombo.currentConnection() or ""

    def _connection_changed(self, name: str) -> None:
        QgsSettings().setValue(SETTING, name or "")
        self._update_enabled()
        self.refresh_last_publication()

    def _update_enabled(self) -> None:
        has = bool(self.connection_name())
        busy = self.run is not None
        self.publishButton.setEnabled(has and not busy)
        self.matchesButton.setEnabled(has and not busy)
        if not has:
            self.lastLabel.setText(
                tr("No PostgreSQL connection yet: add one in the Browser (PostgreSQL > New Connection).")
            )

    def refresh_last_publication(self) -> None:
        """Read my organisation's last publication in a task; the label says it, or the problem."""
        name = self.connection_name()
        if not name:
            return
        self.lastLabel.setText(tr("Reading…"))

        def read(_task: QgsTask) -> dict[str, Any] | None:
            from ...processing_algorithms.create_register import register_from_connection

            return register_from_connection(name).last_publication()

        def done(exception: BaseException | None, result: dict[str, Any] | None = None) -> None:
            self._task = None
            if name != self.connection_name():
                return
            if exception is not None:
                self.lastLabel.setText(str(exception))
            elif result is None:
                self.lastLabel.setText(tr("Nothing published yet by your organisation."))
            else:
                self.lastLabel.setText(
                    tr("{when} by {who}: {n} works ({p} private, {s} shared, {u} public)").format(
                        when=str(result["published_at"])[:16],
                        who=result["published_by"],
                        n=result["rows"],
                        p=result["private"],
                        s=result["shared"],
                        u=result["public"],
                    )  # fmt: skip
                )

        self._task = QgsTask.fromFunction(tr("Dig Once: reading the register"), read, on_finished=done)
        QgsApplication.taskManager().addTask(self._task)

    # --- actions -------------------------------------------------------------------------

    def _start(self, algorithm_id: str, parameters: dict[str, Any], on_done) -> AlgorithmRun | None:
        algorithm = QgsApplication.processingRegistry().algorithmById(algorithm_id)
        if algorithm is None:
            self.statusLabel.setText(tr("The Dig Once Processing provider is not loaded."))
            return None
        QgsSettings().setValue(SETTING, self.connection_name())  # the name only; used, so remembered
        run = AlgorithmRun(
            algorithm, parameters, tr("Dig Once: {0}").format(algorithm.displayName()), parent=self
        )
        run.finished.connect(on_done)
        self.run = run
        self._update_enabled()
        self.statusLabel.setText(tr("Running… (progress in the task manager)"))
        run.start()
        return run

    def publish(self) -> AlgorithmRun | None:
        parameters = {
            "CONNECTION": self.connection_name(),
            # The store chosen in the settings now (the algorithm's default is read when it loads).
            "STORE": PluginSettings.load().resolved_store_path(),
            "VISIBILITY": self.visibilityCombo.currentIndex(),
        }
        return self._start("digonce:publishtoregister", parameters, self._published)

    def _published(self, ok: bool, results: dict, message: str) -> None:
        self.run = None
        self._update_enabled()
        if ok:
            self.statusLabel.setText(
                tr("Published {n} works ({u} cannot be matched and say why).").format(
                    n=int(results.get("PUBLISHED", 0)), u=int(results.get("UNUSABLE", 0))
                )
            )
        else:
            self.statusLabel.setText(message)
        self.refresh_last_publication()

    def find_matches(self) -> AlgorithmRun | None:
        parameters: dict[str, Any] = {"CONNECTION": self.connection_name()}
        for key, label in (
            ("OUTPUT", tr("Register matches")),
            ("OUTPUT_BLIND", tr("Register matches (private plans)")),
        ):
            target = QgsProcessing.TEMPORARY_OUTPUT
            if self.results_folder is not None:
                target = str(self.results_folder() / f"register_{key.lower()}.gpkg")
            definition = QgsProcessingOutputLayerDefinition(target, QgsProject.instance())
            definition.destinationName = label
            parameters[key] = definition
        return self._start("digonce:findregistermatches", parameters, self._matched)

    def _matched(self, ok: bool, results: dict, message: str) -> None:
        run = self.run
        self.run = None
        self._update_enabled()
        if not ok or run is None:
            self.statusLabel.setText(message)
            return
        load_result_layers(run, on_layer=lambda layer: self.added_layer_ids.append(layer.id()))
        self.statusLabel.setText(
            tr("{n} matches: {f} in full, {b} with private plans (whom to contact is in the layer).").format(
                n=int(results.get("MATCHES", 0)),
                f=int(results.get("IN_FULL", 0)),
                b=int(results.get("BLIND", 0)),
            )
        )

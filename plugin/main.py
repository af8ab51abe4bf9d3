"""The plugin object QGIS creates through ``classFactory``."""

from __future__ import annotations

from qgis.core import Qgis, QgsApplication
from qgis.PyQt import sip
from qgis.PyQt.QtGui import QIcon

from .toolbelt import dependencies
from .toolbelt.i18n import install_translator, remove_translator, tr
from .toolbelt.log import log
from .toolbelt.resources import resources_path


class DigOncePlugin:
    """Registers the Processing provider (also headless) and, with a GUI, a toolbar entry.

    Before anything that needs shapely, numpy, rtree, pyproj or sqlite-utils is imported, the
    requirements are checked (:mod:`.toolbelt.dependencies`). When one is missing or too old,
    nothing that needs it loads: the message bar names the package and offers to install it
    into ``<profile>/python/dependencies`` (the folder qpip also uses); once installed, the
    plugin finishes loading without a restart.
    """

    def __init__(self, iface):
        self.iface = iface
        self.provider = None
        self.translator = None
        self.actions = []
        self.dock = None
        self.missing: list[dependencies.Problem] = []
        self.install_task = None
        self._gui_wanted = False
        self.translator = install_translator()
        self.deps_dir = dependencies.dependencies_dir(QgsApplication.qgisSettingsDirPath())
        dependencies.add_to_path(self.deps_dir)
        self.check_dependencies()

    # -- dependencies --------------------------------------------------------------------

    def check_dependencies(self) -> list[dependencies.Problem]:
        """Check the requirements; returns (and keeps) the required ones not met."""
        problems = dependencies.check()
        for problem in problems:
            if problem.requirement.optional:
                log(
                    tr("Optional package: {0}. Dig Once works without it ({1}).").format(
                        problem.describe(), problem.requirement.why
                    ),
                    Qgis.MessageLevel.Info,
                )
        self.missing = [p for p in problems if not p.requirement.optional]
        for problem in self.missing:
            log(
                tr("Dig Once cannot load: {0}. Install it with: {1}").format(
                    problem.describe(), dependencies.manual_commands(self.missing)["Debian/Ubuntu"]
                ),
                Qgis.MessageLevel.Critical,
            )
        return self.missing

    def missing_text(self) -> str:
        names = ", ".join(p.describe() for p in self.missing)
        return tr("Dig Once needs Python packages that QGIS's Python does not have: {0}.").format(names)

    def show_missing(self) -> None:
        """The message bar names the missing packages, with a button that installs them."""
        if self.iface is None:
            return
        from qgis.PyQt.QtWidgets import QPushButton

        bar = self.iface.messageBar()
        widget = bar.createMessage(tr("Dig Once"), self.missing_text())
        widget.setObjectName("digOnceMissingPackages")
        button = QPushButton(
            tr("Install {0}").format(", ".join(p.requirement.distribution for p in self.missing))
        )
        button.setObjectName("digOnceInstallPackages")
        button.clicked.connect(lambda _=False: self.install_dependencies())
        widget.layout().addWidget(button)
        help_button = QPushButton(tr("How to install by hand"))
        help_button.clicked.connect(lambda _=False: self.show_manual_install())
        widget.layout().addWidget(help_button)
        bar.pushWidget(widget, Qgis.MessageLevel.Warning)

    def show_manual_install(self) -> None:
        from qgis.PyQt.QtWidgets import QMessageBox

        lines = [f"{where}:\n  {cmd}" for where, cmd in dependencies.manual_commands(self.missing).items()]
        QMessageBox.information(
            self.iface.mainWindow(),
            tr("Dig Once: install the Python packages"),
            tr("Run one of these, then restart QGIS:\n\n{0}").format("\n\n".join(lines)),
        )

    def install_dependencies(self, extra_pip_args: tuple[str, ...] = ()):
        """Install the missing packages with pip, in a task; finish loading when they import.

        Returns the task (tests wait on it)."""
        import subprocess  # nosec B404  # runs pip of QGIS's own Python, arguments as a list

        from qgis.core import QgsTask

        command = dependencies.pip_install_command(self.missing, self.deps_dir, extra_pip_args)
        self.deps_dir.mkdir(parents=True, exist_ok=True)
        outcome: dict[str, object] = {}

        def run(task):
            result = subprocess.run(command, capture_output=True, text=True, check=False)  # nosec B603
            outcome["code"] = result.returncode
            outcome["output"] = (result.stdout or "") + (result.stderr or "")
            return True

        def finished(exception, _result=None):
            self.install_task = None
            output = str(outcome.get("output", exception or ""))
            log(output, Qgis.MessageLevel.Info)
            if exception is None and outcome.get("code") == 0:
                dependencies.drop_shadowing_numpy(self.deps_dir)
                dependencies.add_to_path(self.deps_dir)
            self.after_install()

        task = QgsTask.fromFunction(tr("Dig Once: installing Python packages"), run, on_finished=finished)
        self.install_task = task
        if self.iface is not None:
            self.iface.messageBar().clearWidgets()
            self.iface.messageBar().pushMessage(
                tr("Dig Once"), tr("Installing {0}… (progress in the task manager)").format(
                    ", ".join(p.requirement.pip_spec for p in self.missing)
                ), Qgis.MessageLevel.Info,
            )  # fmt: skip
        QgsApplication.taskManager().addTask(task)
        return task

    def after_install(self) -> None:
        """Check again; load what could not load before, or say what is still missing."""
        import importlib

        importlib.invalidate_caches()
        if self.check_dependencies():
            if self.iface is not None:
                self.iface.messageBar().clearWidgets()
                self.iface.messageBar().pushMessage(
                    tr("Dig Once"),
                    tr("The packages could not be installed ({0}). The command's output is in the log "
                       "panel (Dig Once tab); the README shows how to install them by hand.").format(
                        ", ".join(p.describe() for p in self.missing)
                    ),
                    Qgis.MessageLevel.Critical,
                )  # fmt: skip
            return
        self.initProcessing()
        if self._gui_wanted:
            self._init_gui()
        if self.iface is not None:
            self.iface.messageBar().clearWidgets()
            self.iface.messageBar().pushMessage(
                tr("Dig Once"), tr("Packages installed: Dig Once is ready."), Qgis.MessageLevel.Success
            )

    # -- QGIS entry points ---------------------------------------------------------------

    def initProcessing(self) -> None:  # noqa: N802 (QGIS API)
        if self.missing:
            return
        from ..processing_algorithms.provider import DigOnceProvider

        if self.provider is None:
            self.provider = DigOnceProvider()
            QgsApplication.processingRegistry().addProvider(self.provider)

    def initGui(self) -> None:  # noqa: N802 (QGIS API)
        self._gui_wanted = True
        if self.missing:
            self.show_missing()
            return
        self.initProcessing()
        self._init_gui()

    def _init_gui(self) -> None:
        if self.iface is None or self.actions:
            return
        from qgis.PyQt.QtWidgets import QAction

        action = QAction(
            QIcon(str(resources_path("icons", "dig_once.svg"))),
            tr("Dig Once toolbox"),
            self.iface.mainWindow(),
        )
        action.setObjectName("digOnceOpenToolbox")
        action.triggered.connect(self.open_toolbox)
        self.iface.addToolBarIcon(action)
        self.iface.addPluginToMenu(tr("&Dig Once"), action)
        self.actions.append(action)
        self.init_dock()

    def init_dock(self) -> None:
        """The planner's dock, hidden until its (checkable) toolbar action is toggled."""
        from qgis.PyQt.QtCore import Qt
        from qgis.PyQt.QtWidgets import QAction

        from .gui.dock import DigOnceDock

        self.dock = DigOnceDock(self.iface)
        self.iface.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        self.dock.hide()
        action = QAction(
            QIcon(str(resources_path("icons", "dig_once_dock.svg"))),
            tr("Dig Once panel"),
            self.iface.mainWindow(),
        )
        action.setObjectName("digOnceToggleDock")
        action.setCheckable(True)
        self.dock.setToggleVisibilityAction(action)
        self.iface.addToolBarIcon(action)
        self.iface.addPluginToMenu(tr("&Dig Once"), action)
        self.actions.append(action)

    def open_toolbox(self) -> None:
        """Show the Processing toolbox filtered to the plugin's algorithms."""
        if self.iface is None:
            return
        toolbox = self.iface.mainWindow().findChild(object, "ProcessingToolbox")
        if toolbox is not None:
            toolbox.setVisible(True)
            search = getattr(toolbox, "searchBox", None)
            if search is not None:
                search.setText("digonce:")

    def unload(self) -> None:
        if self.install_task is not None:
            self.install_task.cancel()
            self.install_task = None
        if self.dock is not None:
            self.dock.cleanup()
            if self.iface is not None:
                self.iface.removeDockWidget(self.dock)
            # deleted now: a reinstall unloads inside the Plugin Manager's dialog, where a
            # deleteLater waits for the dialog to close; until then the old panel's forms still
            # followed the project's layers with the removed provider's parameters
            if not sip.isdeleted(self.dock):
                sip.delete(self.dock)
            self.dock = None
        for action in self.actions:
            if self.iface is not None:
                self.iface.removeToolBarIcon(action)
                self.iface.removePluginMenu(tr("&Dig Once"), action)
            action.deleteLater()
        self.actions = []
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None
        remove_translator(self.translator)
        self.translator = None

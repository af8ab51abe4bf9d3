"""The plugin object QGIS creates through ``classFactory``."""

from __future__ import annotations

from qgis.core import QgsApplication
from qgis.PyQt.QtGui import QIcon

from .toolbelt.i18n import install_translator, remove_translator, tr
from .toolbelt.log import install_log_handler, remove_log_handler
from .toolbelt.resources import resources_path


class DigOncePlugin:
    """Registers the Processing provider (also headless) and, with a GUI, a toolbar entry."""

    def __init__(self, iface):
        self.iface = iface
        self.provider = None
        self.translator = None
        self.log_handler = None
        self.actions = []
        self.dock = None
        self.translator = install_translator()
        self.log_handler = install_log_handler()

    def initProcessing(self) -> None:  # noqa: N802 (QGIS API)
        from ..processing_algorithms.provider import DigOnceProvider

        if self.provider is None:
            self.provider = DigOnceProvider()
            QgsApplication.processingRegistry().addProvider(self.provider)

    def initGui(self) -> None:  # noqa: N802 (QGIS API)
        self.initProcessing()
        if self.iface is None:
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
        if self.dock is not None:
            self.dock.cleanup()
            if self.iface is not None:
                self.iface.removeDockWidget(self.dock)
            self.dock.setParent(None)
            self.dock.deleteLater()
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
        remove_log_handler(self.log_handler)
        self.log_handler = None

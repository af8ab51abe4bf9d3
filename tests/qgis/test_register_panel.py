"""The "Shared register" panel: it publishes and finds matches through the register
algorithms as tasks, says the last publication, and remembers only the connection's name."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import shapely
from qgis.core import QgsApplication, QgsProject, QgsSettings

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit"))

from test_register_support import LOGINS, fresh_database, make_register, server_dsn

from dig_once.plugin.gui.register_panel import SETTING, RegisterPanel
from dig_once.plugin.store import Feature, Store
from dig_once.plugin.toolbelt.settings import PluginSettings

DB = "digonce_register_panel"


def _wait(qtbot, predicate, timeout=60_000):
    qtbot.waitUntil(predicate, timeout=timeout)


@pytest.fixture
def no_connections():
    from qgis.core import QgsProviderRegistry

    md = QgsProviderRegistry.instance().providerMetadata("postgres")
    saved = {name: conn for name, conn in md.connections().items()}
    for name in saved:
        md.deleteConnection(name)
    QgsSettings().remove(SETTING)
    yield
    for name, conn in saved.items():
        md.saveConnection(conn, name)


def test_without_a_connection_the_buttons_wait_and_say_what_to_do(qgis_app, qtbot, no_connections):
    panel = RegisterPanel()
    qtbot.addWidget(panel)
    assert not panel.publishButton.isEnabled() and not panel.matchesButton.isEnabled()
    assert "New Connection" in panel.lastLabel.text()


@pytest.fixture
def register_connection(qgis_app, tmp_path):
    from qgis.core import QgsDataSourceUri, QgsProviderRegistry

    db = fresh_database(server_dsn(), DB)
    make_register(db)
    params = dict(item.split("=", 1) for item in db.split())
    uri = QgsDataSourceUri()
    uri.setConnection(params["host"], params["port"], params["dbname"], LOGINS["a"], "")
    md = QgsProviderRegistry.instance().providerMetadata("postgres")
    md.saveConnection(md.createConnection(uri.uri(False), {"saveUsername": True}), "panel-a")
    store = Store(tmp_path / "store.gpkg")
    store.merge_works(
        [Feature("works", {"permit_ref": "A1", "start_date": "2026-03-01", "end_date": "2026-03-10",
                           "source": "plan", "promoter": "Alpha"}, shapely.Point(530000, 180000), "1")],
        kind="test", source="plan.csv",
    )  # fmt: skip
    settings = PluginSettings.load()
    settings.store_path = str(store.path)
    settings.save()
    yield "panel-a"
    PluginSettings.reset()
    md.deleteConnection("panel-a")


def test_publish_then_find_matches_from_the_panel(plugin_provider, qtbot, register_connection, tmp_path):
    panel = RegisterPanel(results_folder=lambda: tmp_path)
    qtbot.addWidget(panel)
    panel.connectionCombo.setConnection(register_connection)
    _wait(qtbot, lambda: "Nothing published yet" in panel.lastLabel.text())
    panel.visibilityCombo.setCurrentIndex(1)
    assert panel.publish() is not None
    _wait(qtbot, lambda: panel.run is None and "Published 1 works" in panel.statusLabel.text())
    assert QgsSettings().value(SETTING) == register_connection
    _wait(qtbot, lambda: "1 works (0 private, 1 shared, 0 public)" in panel.lastLabel.text())
    assert panel.find_matches() is not None
    _wait(qtbot, lambda: panel.run is None and "0 matches" in panel.statusLabel.text())
    assert len(panel.added_layer_ids) == 2
    QgsProject.instance().removeMapLayers(panel.added_layer_ids)
    _wait(qtbot, lambda: QgsApplication.taskManager().countActiveTasks() == 0)

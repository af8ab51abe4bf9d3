"""The planner's dock driven with qtbot: imports as tasks (to the end, cancelled, bad input),
checks adding styled result layers, the live check following edits, settings and unload."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import shapely
from qgis.core import (
    QgsApplication,
    QgsFeature,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingParameterField,
    QgsProject,
    QgsVectorLayer,
)
from qgis.PyQt import sip
from qgis.PyQt.QtCore import QDate, Qt

from dig_once.plugin.gui.dock import DigOnceDock, data_kinds
from dig_once.plugin.store import Feature, Store
from dig_once.plugin.store.store import RESTRICTIONS_LAYER, WORKS_LAYER
from dig_once.plugin.toolbelt.settings import PluginSettings

WAIT_MS = 60_000  # generous: a slow CI box must not fail a correct run


@pytest.fixture
def store_path(tmp_path):
    settings = PluginSettings.load()
    settings.store_path = str(tmp_path / "store" / "dig_once_store.gpkg")
    settings.save()
    yield Path(settings.store_path)
    PluginSettings.reset()


@pytest.fixture
def dock(qgis_iface, qtbot, plugin_provider, store_path):
    QgsProject.instance().clear()
    widget = DigOnceDock(qgis_iface)
    qtbot.addWidget(widget)
    widget.show()
    yield widget
    widget.cleanup()
    QgsProject.instance().clear()


def spine_geojson(path: Path, n: int) -> Path:
    """n short lines in British National Grid, written as GeoJSON."""
    features = []
    for k in range(n):
        x, y = 520_000 + (k % 500) * 60, 170_000 + (k // 500) * 60
        features.append(
            {
                "type": "Feature",
                "properties": {"name": f"Line {k}"},
                "geometry": {
                    "type": "LineString",
                    "coordinates": [[x, y], [x + 40, y + 10], [x + 55, y + 30]],
                },
            }
        )
    doc = {
        "type": "FeatureCollection",
        "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::27700"}},
        "features": features,
    }
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def _wait_run(qtbot, dock, action):
    with qtbot.waitSignal(dock.runFinished, timeout=WAIT_MS) as blocker:
        action()
    return blocker.args  # (algorithm id, ok, message)


def _catalogue(store_path: Path) -> list[dict]:
    return Store(store_path).catalogue() if store_path.exists() else []


# -- Data tab ---------------------------------------------------------------------------


def test_dock_has_one_row_per_kind_each_with_its_importer(dock):
    registry = QgsApplication.processingRegistry()
    assert set(dock.rows) == {k.key for k in data_kinds()}
    for key, row in dock.rows.items():
        assert registry.algorithmById(row.kind.algorithm_id) is not None, key
        assert row.import_button.isEnabled(), key
    assert "Nothing imported yet" in dock.rows["spine"].state.text()


def test_import_runs_as_a_task_to_the_end_and_shows_the_catalogue(dock, qtbot, tmp_path, store_path):
    row = dock.rows["spine"]
    row.path.setText(str(spine_geojson(tmp_path / "spine.geojson", 12)))  # bypasses QFileDialog
    _, ok, message = _wait_run(
        qtbot, dock, lambda: qtbot.mouseClick(row.import_button, Qt.MouseButton.LeftButton)
    )
    assert ok, message
    assert Store(store_path).count("fibre_spine") == 12
    assert "12 records in the store" in row.state.text()
    assert "spine.geojson" in row.state.text()
    assert row.import_button.text() == "Import"
    sources = [layer.source() for layer in QgsProject.instance().mapLayers().values()]
    assert any(s.endswith("layername=fibre_spine") for s in sources), "the imported layer is in the project"
    assert row.rejects_button.isEnabled()
    rejects = dock.open_rejects(row)
    assert rejects is not None and rejects.isValid()
    assert rejects.featureCount() == 0


def test_rows_sharing_a_table_count_their_own_records(dock, store_path):
    """Street Manager works and restrictions come from one archive import, and own works files
    go to the same works table: each row counts only its own records and its own last import."""
    store = Store(store_path)

    def works(refs: list[str], month: str = "03") -> list[Feature]:
        here = shapely.Point(530_000.0, 180_000.0)
        return [Feature("works", {"permit_ref": r}, here, month) for r in refs]

    def restrictions(refs: list[str], month: str = "03") -> list[Feature]:
        here = shapely.Point(530_000.0, 180_000.0)
        return [Feature("restrictions", {"restriction_ref": r}, here, month) for r in refs]

    layers = [WORKS_LAYER, RESTRICTIONS_LAYER]
    store.import_features(
        [*works(["A1", "A2", "A3"]), *restrictions(["S1"])],
        layers=layers,
        kind="streetmanager",
        source="03.zip",
    )
    store.import_features(
        [*works(["A3", "A4"], "04"), *restrictions(["S2", "S3"], "04")],  # A3's newer state
        layers=layers,
        kind="streetmanager",
        source="04.zip",
    )
    store.import_features(
        works(["J1", "J2", "J3", "J4", "J5", "J6", "J7"]), layers=layers, kind="works", source="mine.geojson"
    )
    dock.refresh_catalogue()
    text = {key: dock.rows[key].state.text() for key in ("streetworks", "restrictions", "worksfile", "plans")}
    assert "4 records in the store" in text["streetworks"]  # A1..A4, A3 once
    assert "2 imported" in text["streetworks"] and "04.zip" in text["streetworks"]
    assert "3 records in the store" in text["restrictions"]
    assert "2 imported" in text["restrictions"] and "04.zip" in text["restrictions"]
    assert "7 records in the store" in text["worksfile"] and "7 imported" in text["worksfile"]
    assert "0 records in the store; nothing imported yet" in text["plans"]


def test_a_file_of_the_wrong_kind_fails_with_the_readers_message_and_store_unchanged(
    dock, qtbot, tmp_path, store_path
):
    spine = dock.rows["spine"]
    spine.path.setText(str(spine_geojson(tmp_path / "spine.geojson", 3)))
    assert _wait_run(qtbot, dock, spine.import_button.click)[1]
    before = _catalogue(store_path)
    row = dock.rows["venues"]
    ofcom = tmp_path / "ofcom_fixed_postcode_coverage_r01_E.csv"  # an Ofcom CSV in the venues row
    ofcom.write_text(
        "postcode,postcode_space,SFBB availability (% premises)\nE11AA,E1 1AA,100\n", encoding="utf-8"
    )
    row.path.setText(str(ofcom))
    _, ok, message = _wait_run(qtbot, dock, row.import_button.click)
    assert not ok
    assert "not a Cultural Infrastructure Map" in message
    assert message in row.state.text()
    assert "color" in row.state.styleSheet(), "shown as an error"
    assert _catalogue(store_path) == before
    assert Store(store_path).count("fibre_spine") == 3


def test_cancel_midway_leaves_the_store_unchanged(dock, qtbot, tmp_path, store_path):
    row = dock.rows["spine"]
    row.path.setText(str(spine_geojson(tmp_path / "small.geojson", 5)))
    assert _wait_run(qtbot, dock, row.import_button.click)[1]
    before = (_catalogue(store_path), Store(store_path).count("fibre_spine"))

    row.path.setText(str(spine_geojson(tmp_path / "big.geojson", 20_000)))
    started = []

    def click_import():
        run = dock.start_import(row)
        started.append(run)
        # Cancel from the algorithm's own progress: the import is under way, not queued.
        run.feedback.progressChanged.connect(
            lambda _p: run.feedback.cancel(), Qt.ConnectionType.DirectConnection
        )

    _, ok, message = _wait_run(qtbot, dock, click_import)
    assert not ok
    assert started[0].cancelled or started[0].feedback.isCanceled()
    assert (_catalogue(store_path), Store(store_path).count("fibre_spine")) == before
    assert row.import_button.text() == "Import"


def test_cancel_button_stops_a_running_import(dock, qtbot, tmp_path, store_path):
    row = dock.rows["spine"]
    row.path.setText(str(spine_geojson(tmp_path / "big.geojson", 20_000)))
    with qtbot.waitSignal(dock.runFinished, timeout=WAIT_MS) as blocker:
        row.import_button.click()
        assert row.import_button.text() == "Cancel"
        row.import_button.click()  # the same button cancels
    assert blocker.args[1] is False
    assert "Cancelled" in row.state.text()
    assert not store_path.exists() or Store(store_path).count("fibre_spine") == 0


def test_import_without_a_file_explains(dock):
    row = dock.rows["spine"]
    row.path.setText("")
    assert dock.start_import(row) is None
    assert "Pick a file" in row.state.text()
    row.path.setText("/nonexistent/file.geojson")
    assert dock.start_import(row) is None
    assert "does not exist" in row.state.text()


# -- Checks tab -------------------------------------------------------------------------


def _works_layer(name="works") -> QgsVectorLayer:
    layer = QgsVectorLayer(
        "LineString?crs=EPSG:27700&field=permit_ref:string&field=work_ref:string&field=promoter:string"
        "&field=category:string&field=activity_type:string&field=permit_status:string&field=usrn:string"
        "&field=start_date:date&field=end_date:date",
        name,
        "memory",
    )
    rows = [
        (
            "P1-01",
            "P1",
            "UKPN",
            "standard",
            "utility_asset_works",
            "granted",
            "100",
            (530000, 180000),
            10,
            20,
        ),
        (
            "P2-01",
            "P2",
            "Thames Water",
            "major",
            "utility_asset_works",
            "granted",
            "100",
            (530010, 180000),
            15,
            40,
        ),
        (
            "P3-01",
            "P3",
            "Cadent",
            "minor",
            "utility_asset_works",
            "granted",
            "200",
            (531000, 181000),
            100,
            102,
        ),
    ]
    feats = []
    for ref, work, owner, cat, act, status, usrn, (x, y), s, e in rows:
        f = QgsFeature(layer.fields())
        f.setAttributes(
            [
                ref,
                work,
                owner,
                cat,
                act,
                status,
                usrn,
                QDate(2026, 1, 1).addDays(s),
                QDate(2026, 1, 1).addDays(e),
            ]
        )
        f.setGeometry(QgsGeometry.fromPolylineXY([QgsPointXY(x, y), QgsPointXY(x + 30, y)]))
        feats.append(f)
    assert layer.dataProvider().addFeatures(feats)[0]
    return layer


def _restrictions_layer() -> QgsVectorLayer:
    layer = QgsVectorLayer(
        "Polygon?crs=EPSG:27700&field=restriction_ref:string&field=status:string&field=usrn:string"
        "&field=start_date:date&field=end_date:date",
        "restrictions",
        "memory",
    )
    f = QgsFeature(layer.fields())
    f.setAttributes(["S58-1", "in_force", "100", QDate(2025, 6, 1), QDate(2028, 6, 1)])
    f.setGeometry(
        QgsGeometry.fromRect(QgsGeometry.fromWkt("POINT(530000 180000)").buffer(50, 4).boundingBox())
    )
    assert layer.dataProvider().addFeatures([f])[0]
    return layer


def _first_runnable_check(dock):
    return dock.checks["digonce:findworksoverlaps"]


def test_checks_show_the_algorithms_parameters_with_defaults_and_help(dock):
    for section in dock.checks.values():
        values = section.form.values()
        for name, wrapper in section.form.wrappers.items():
            param = section.algorithm.parameterDefinition(name)
            assert wrapper.wrappedWidget().toolTip() == (param.help() or param.description())
            # Field parameters list the fields of a chosen layer; none is chosen here.
            if isinstance(param, QgsProcessingParameterField):
                continue
            if param.defaultValue() is not None and name not in (
                "DISTANCE",
                "MAX_GAP_DAYS",
                "MAX_SPINE_DISTANCE",
            ):
                assert (
                    str(values[name]) == str(param.defaultValue()) or values[name] == param.defaultValue()
                ), name


def test_run_with_no_layer_loaded_explains_what_is_missing(dock):
    section = _first_runnable_check(dock)
    assert section.run_button.isEnabled()
    section.run_button.click()
    assert section.run is None
    assert "Choose a layer" in section.status.text()
    assert "Data tab" in section.status.text()


def test_run_check_adds_styled_result_layers_to_the_results_group(dock, qtbot):
    project = QgsProject.instance()
    works = _works_layer()
    project.addMapLayers([_restrictions_layer(), works])
    section = _first_runnable_check(dock)
    section.preselect_layers()  # as after an import
    for name in ("INPUT", "WORKS"):
        if name in section.form.wrappers:
            assert section.form.values()[name] == works.id(), "the works layer is preselected by its name"
    if "RESTRICTIONS" in section.form.wrappers:
        section.form.set_value("RESTRICTIONS", project.mapLayersByName("restrictions")[0].id())
    before = set(project.mapLayers())
    _, ok, message = _wait_run(qtbot, dock, section.run_button.click)
    assert ok, message
    group = project.layerTreeRoot().findGroup("Dig Once results")
    assert group is not None
    added = {
        i for i, lyr in project.mapLayers().items() if not lyr.customProperty("dig_once/context")
    } - before
    assert added and {layer.layerId() for layer in group.findLayers()} >= added
    for layer_id in added:
        layer = project.mapLayer(layer_id)
        assert layer.isValid()
        assert layer.source().split("|")[0].endswith(".gpkg"), "results are kept beside the store"
        assert layer.customProperty("dig_once/parameters"), "styled and stamped by finalize_output"
    assert "layers added" in section.status.text()


# -- My plan live check -----------------------------------------------------------------


def _plan_layer() -> QgsVectorLayer:
    return QgsVectorLayer(
        "LineString?crs=EPSG:27700&field=promoter:string&field=start_date:date&field=end_date:date",
        "my plan",
        "memory",
    )


def _plan_feature(plan, x, y):
    f = QgsFeature(plan.fields())
    f.setAttributes(["BT Openreach", QDate(2026, 1, 12), QDate(2026, 1, 30)])
    f.setGeometry(QgsGeometry.fromPolylineXY([QgsPointXY(x, y), QgsPointXY(x + 20, y + 5)]))
    return f


def test_live_check_follows_edits_of_the_plan_layer(dock, qtbot):
    register, plan = _works_layer(), _plan_layer()
    QgsProject.instance().addMapLayers([register, plan])
    dock.planLayerCombo.setLayer(plan)
    dock.registerLayerCombo.setLayer(register)
    with qtbot.waitSignal(dock.live.ready, timeout=WAIT_MS) as blocker:
        assert dock.start_live_check()
    assert blocker.args == [True]
    assert dock.liveTable.rowCount() == 0

    assert plan.startEditing()
    feature = _plan_feature(plan, 530_005, 180_020)  # 20 m from P1 and P2, dates overlap both
    with qtbot.waitSignal(dock.live.changed, timeout=WAIT_MS):
        assert plan.addFeature(feature)
    fid = feature.id()
    assert dock.liveTable.rowCount() == 2
    withs = {dock.liveTable.item(r, 2).text() for r in range(2)}
    assert withs == {"P1-01", "P2-01"}
    assert (("plan", fid) in dock.live.highlights) and len(dock.live.highlights) == 3

    with qtbot.waitSignal(dock.live.changed, timeout=WAIT_MS):  # moved far away: no clash
        assert plan.changeGeometry(fid, QgsGeometry.fromWkt("LINESTRING(540000 190000, 540020 190005)"))
    assert dock.liveTable.rowCount() == 0
    assert dock.live.highlights == {}

    with qtbot.waitSignal(dock.live.changed, timeout=WAIT_MS):  # next to P3, dates 2 months apart
        assert plan.changeGeometry(fid, QgsGeometry.fromWkt("LINESTRING(531010 181010, 531020 181010)"))
    assert dock.liveTable.rowCount() == 1
    assert dock.liveTable.item(0, 1).text() == "opportunity"

    with qtbot.waitSignal(dock.live.changed, timeout=WAIT_MS):
        assert plan.deleteFeature(fid)
    assert dock.liveTable.rowCount() == 0

    # committing renumbers new features: the plan is re-read and its pairs kept
    assert plan.addFeature(_plan_feature(plan, 530_005, 180_020))
    with qtbot.waitSignal(dock.live.changed, timeout=WAIT_MS):
        assert plan.commitChanges()
    assert dock.liveTable.rowCount() == 2
    committed = next(plan.getFeatures()).id()
    assert {dock.liveTable.item(r, 0).text() for r in range(2)} == {str(committed)}
    dock.stop_live_check()
    assert dock.live.check is None and dock.live.highlights == {}


def test_live_check_without_layers_explains(dock):
    dock.planLayerCombo.setLayer(None)
    dock.registerLayerCombo.setLayer(None)
    assert not dock.start_live_check()
    assert "plan layer" in dock.liveStatus.text()


# -- Settings and plugin wiring ---------------------------------------------------------


def test_settings_save_and_reset_to_defaults(dock, store_path):
    dock.distanceSpin.setValue(40)
    dock.gapSpin.setValue(10)
    dock.save_settings()
    assert PluginSettings.load().distance_m == 40 and PluginSettings.load().max_gap_days == 10
    section = dock.checks["digonce:findworksoverlaps"]
    if section.form is not None:
        assert float(section.form.values()["DISTANCE"]) == 40
    dock.reset_settings()
    defaults = PluginSettings()
    assert PluginSettings.load() == defaults
    assert dock.distanceSpin.value() == defaults.distance_m and dock.gapSpin.value() == defaults.max_gap_days


def test_plugin_toggles_the_dock_and_unload_removes_it(qgis_iface, plugin_module, plugin_provider):
    # The session's provider is already registered: only the GUI part is exercised here
    # (test_plugin_load covers initProcessing/initGui/unload of the provider).
    plugin = plugin_module.classFactory(qgis_iface)
    plugin.init_dock()
    qgis_iface.mainWindow().show()  # offscreen; a dock can only be visible in a visible window
    try:
        dock = plugin.dock
        assert dock is not None and not dock.isUserVisible()
        toggle = next(a for a in plugin.actions if a.objectName() == "digOnceToggleDock")
        assert toggle.isCheckable()
        toggle.trigger()
        assert dock.isUserVisible() and toggle.isChecked()
        toggle.trigger()
        assert not dock.isUserVisible() and not toggle.isChecked()
    finally:
        plugin.unload()
        qgis_iface.mainWindow().hide()
    assert plugin.dock is None and plugin.actions == []
    assert QgsApplication.processingRegistry().providerById("digonce") is plugin_provider
    assert not [
        w for w in qgis_iface.mainWindow().findChildren(DigOnceDock) if not sip.isdeleted(w) and w.parent()
    ]


def test_the_panels_forms_keep_their_own_algorithms_when_the_provider_goes(
    qgis_iface, qtbot, no_digonce_provider, plugin_module, store_path
):
    """A form's parameter widgets point at its algorithm's parameter definitions. With the
    registry's instance they pointed at memory freed once the provider was removed (a reinstall,
    QGIS's exit); a layer leaving the project then made a field widget read it."""
    registry = QgsApplication.processingRegistry()
    plugin = plugin_module.classFactory(None)
    plugin.initProcessing()
    QgsProject.instance().clear()
    widget = DigOnceDock(qgis_iface)
    qtbot.addWidget(widget)
    try:
        registry_copies = {key: registry.algorithmById(key) for key in widget.checks}
        works = _works_layer()
        QgsProject.instance().addMapLayer(works)
        plugin.unload()  # the provider goes; this panel is not the plugin's, so it stays
        assert all(sip.isdeleted(a) for a in registry_copies.values()), "the registry's copies are gone"
        for key, section in widget.checks.items():
            assert not sip.isdeleted(section.algorithm), key
            for name in section.form.wrappers:
                assert section.form.parameter(name).name() == name
        rows = [row for row in widget.rows.values() if row.fields_box is not None]
        assert rows
        for row in rows:
            for name in row.fields_box.combos:
                assert row.fields_box.optional(name) in (True, False)
        gone = works.id()
        assert any(gone in str(section.form.values()) for section in widget.checks.values())
        QgsProject.instance().removeMapLayer(gone)  # the field widgets follow their layer
        for key, section in widget.checks.items():
            assert gone not in str(section.form.values()), key
    finally:
        widget.cleanup()
        QgsProject.instance().clear()

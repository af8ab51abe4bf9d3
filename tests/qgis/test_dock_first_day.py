"""A planner's first day in the dock (issue 18): the right layers for each check, own field
names for works files and plans, warnings that reach the user, nothing cut off."""

# ruff: noqa: F811  (the dock fixtures are imported from test_dock and used as arguments)
from __future__ import annotations

import json
from pathlib import Path

import pytest
from qgis.core import Qgis, QgsFeature, QgsGeometry, QgsPointXY, QgsProject, QgsSettings, QgsVectorLayer
from qgis.PyQt.QtCore import QDate

from dig_once.plugin.gui.dock import DigOnceDock, layer_kinds, layer_unfit, project_layer_for

from .test_dock import WAIT_MS, _restrictions_layer, _wait_run, _works_layer, dock, store_path  # noqa: F401
from .test_fetch_from_catalogue import loaded_layers, renderer_xml, sample, server  # noqa: F401

REPO = Path(__file__).resolve().parents[2]


def _notspots_layer() -> QgsVectorLayer:
    layer = QgsVectorLayer(
        "Point?crs=EPSG:27700&field=postcode:string&field=is_notspot:boolean", "notspots_postcodes", "memory"
    )
    f = QgsFeature(layer.fields())
    f.setAttributes(["E1 1AA", True])
    f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(530000, 180000)))
    layer.dataProvider().addFeatures([f])
    return layer


# -- checks take only layers of their kind ----------------------------------------------------


def test_each_check_input_offers_only_layers_of_its_kind_and_preselects_the_right_one(dock):
    works, restrictions, notspots = _works_layer(), _restrictions_layer(), _notspots_layer()
    QgsProject.instance().addMapLayers([notspots, works, restrictions])
    section = dock.checks["digonce:checkrestrictions"]
    values = section.form.values()
    assert values["WORKS"] == works.id()
    assert values["RESTRICTIONS"] == restrictions.id()
    excepted = {lyr.id() for lyr in section.layer_combo("RESTRICTIONS").exceptedLayerList()}
    assert excepted == {works.id(), notspots.id()}
    gaps = dock.checks["digonce:findcoveragegaps"]
    spine_excepted = {lyr.id() for lyr in gaps.layer_combo("SPINE").exceptedLayerList()}
    assert works.id() in spine_excepted, "a works layer is never offered as the spine"
    assert gaps.form.values().get("SPINE") in (None, "")


def test_a_check_never_runs_on_a_layer_of_the_wrong_kind_and_says_which(dock):
    works, notspots = _works_layer(), _notspots_layer()
    QgsProject.instance().addMapLayers([works, notspots])
    section = dock.checks["digonce:checkrestrictions"]
    section.form.set_value("RESTRICTIONS", works.id())
    assert dock.run_check(section) is None
    text = section.status.text()
    assert "works is not Section 58 restrictions" in text and "restriction_ref" in text


def test_layer_kinds_tell_store_tables_and_foreign_layers_apart():
    kinds = layer_kinds()
    works, restrictions, notspots = _works_layer(), _restrictions_layer(), _notspots_layer()
    assert layer_unfit(works, kinds["works"]) is None
    assert layer_unfit(restrictions, kinds["restrictions"]) is None
    assert layer_unfit(notspots, kinds["notspots"]) is None
    assert layer_unfit(restrictions, kinds["works"]) is not None
    assert layer_unfit(works, kinds["spine"]) is not None
    assert layer_unfit(notspots, kinds["sites"]) is not None


# -- imports: both Street Manager tables, layers back after a restart ---------------------------


def _archive(tmp_path, sample_generator) -> Path:
    """A small Street Manager month: works of every geometry family, no Section 58 notice."""
    archive = tmp_path / "03.zip"
    sample_generator.write_streetmanager_archive(archive, n_works=40, seed=3, month="2026-03")
    return archive


def _import_from_panel(dock, qtbot, archive: Path) -> None:
    row = dock.rows["streetworks"]
    row.path.setText(str(archive))
    _, ok, message = _wait_run(qtbot, dock, row.import_button.click)
    assert ok, message


def test_street_manager_import_adds_works_and_restrictions_and_they_come_back_after_a_restart(
    dock, qtbot, tmp_path, qgis_iface, sample_generator
):
    _import_from_panel(dock, qtbot, _archive(tmp_path, sample_generator))
    tables = sorted(dock._table_names_in_project())
    assert tables == ["restrictions", "works"]
    # a restart: a new project and a new panel, shown for the first time
    QgsProject.instance().clear()
    again = DigOnceDock(qgis_iface)
    qtbot.addWidget(again)
    try:
        assert again._table_names_in_project() == set()
        again.show()
        again.visibilityChanged.emit(True)
        assert {"works", "restrictions"} <= again._table_names_in_project()
        section = again.checks["digonce:checkrestrictions"]
        assert section.wrong_layers() == []
    finally:
        again.cleanup()


def _project_layers() -> list[tuple[str, str, str]]:
    """Each project layer's name, geometry type filter and renderer (none for a table without
    geometry), sorted."""
    return sorted(
        (
            layer.name(),
            layer.source().partition("|geometrytype=")[2],
            renderer_xml(layer) if layer.renderer() else "",
        )
        for layer in QgsProject.instance().mapLayers().values()
    )


def test_a_panel_import_loads_the_works_per_geometry_family_styled_as_the_toolbox_does(
    dock, qtbot, tmp_path, sample_generator
):
    archive = _archive(tmp_path, sample_generator)
    toolbox = loaded_layers(
        "digonce:importstreetmanager", {"INPUT": str(archive), "STORE": str(tmp_path / "direct.gpkg")}
    )
    assert {name for name, *_ in toolbox} >= {"works (points)", "works (lines)"}
    _import_from_panel(dock, qtbot, archive)
    # the same works layers as the toolbox's: names, geometry families and the plugin's renderers
    assert [layer for layer in _project_layers() if layer[0].startswith("works")] == [
        layer[:3] for layer in toolbox
    ]
    # a month without restrictions still gives the (empty) table, for the restrictions check
    assert ("restrictions", "", "") in _project_layers() and "restrictions" not in {n for n, *_ in toolbox}


def test_importing_again_from_the_panel_adds_no_store_layer_twice(dock, qtbot, tmp_path, sample_generator):
    archive = _archive(tmp_path, sample_generator)
    _import_from_panel(dock, qtbot, archive)
    first = sorted(layer.source() for layer in QgsProject.instance().mapLayers().values())
    assert any("|geometrytype=" in source for source in first)
    _import_from_panel(dock, qtbot, archive)
    dock.add_store_layers()  # as when the panel is shown again
    assert sorted(layer.source() for layer in QgsProject.instance().mapLayers().values()) == first


def test_checks_and_the_live_check_read_every_work_of_the_store_not_one_geometry_family(
    dock, qtbot, tmp_path, sample_generator, store_path
):
    from qgis import processing
    from qgis.core import QgsProcessingContext

    archive = _archive(tmp_path, sample_generator)
    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    processing.runAndLoadResults(  # the toolbox's layers: one per geometry family
        "digonce:importstreetmanager", {"INPUT": str(archive), "STORE": str(store_path)}, context=context
    )
    works = dock.store().count("works")
    section = dock.checks["digonce:findworksoverlaps"]
    section.preselect_layers()
    assert "(" in QgsProject.instance().mapLayer(section.form.values()["INPUT"]).name()
    with qtbot.waitSignal(dock.runFinished, timeout=WAIT_MS) as blocker:
        run = dock.run_check(section)
    assert blocker.args[1], blocker.args[2]
    value = run.parameters["INPUT"]
    read = QgsProject.instance().mapLayer(value) or QgsVectorLayer(value, "read", "ogr")
    assert read.featureCount() == works
    plan = QgsVectorLayer(
        "LineString?crs=EPSG:27700&field=start_date:date&field=end_date:date", "plan", "memory"
    )
    QgsProject.instance().addMapLayer(plan)
    dock.planLayerCombo.setLayer(plan)
    dock.registerLayerCombo.setLayer(project_layer_for(("works",)))
    with qtbot.waitSignal(dock.live.ready, timeout=WAIT_MS):
        assert dock.start_live_check()
    assert dock.live.register_layer.featureCount() == works
    dock.stop_live_check()


def test_a_folder_in_a_row_that_takes_files_says_so_without_running(dock, tmp_path):
    row = dock.rows["venues"]
    row.path.setText(str(tmp_path))
    assert dock.start_import(row) is None
    assert "is a folder: this import takes a file" in row.state.text()


def test_own_works_file_with_its_own_field_names_is_mapped_imported_and_remembered(
    dock, qtbot, tmp_path, store_path
):
    features = []
    for i in range(5):
        x = 530000 + 100 * i
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "job_no": f"J{i}",
                    "owner": "Acme Fibre",
                    "start": "2026-03-02",
                    "finish": "2026-03-20",
                },
                "geometry": {"type": "LineString", "coordinates": [[x, 180000], [x + 30, 180000]]},
            }
        )
    path = tmp_path / "acme_jobs.geojson"
    QgsSettings().remove("dig_once/field_maps/acme_jobs.geojson")  # a choice an earlier run remembered
    crs = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::27700"}}
    path.write_text(
        json.dumps({"type": "FeatureCollection", "crs": crs, "features": features}), encoding="utf-8"
    )
    row = dock.rows["worksfile"]
    row.path.setText(str(path))
    assert row.fields_box.values() == {
        "ID_FIELD": "job_no",
        "START_FIELD": "start",
        "END_FIELD": "finish",
        "OWNER_FIELD": "owner",
    }
    _, ok, message = _wait_run(qtbot, dock, row.import_button.click)
    assert ok, message
    assert "5 records in the store" in row.state.text()
    # next month's file of the same name maps itself from the user's choice
    row.fields_box.combos["OWNER_FIELD"].setCurrentIndex(0)
    row.fields_box.remember_choice()
    row.path.setText("")
    row.path.setText(str(path))
    assert "OWNER_FIELD" not in row.fields_box.values()


def test_ofcom_row_takes_centroids_and_its_warnings_reach_the_dock_and_message_bar(
    dock, qtbot, tmp_path, store_path, qgis_iface, sample_generator
):
    sample = sample_generator
    paths = sample.write_ofcom(sample.build_world(5), 5, tmp_path / "ofcom")["paths"]
    csv = next(p for k, p in paths.items() if k.startswith("ofcom_postcode_"))
    row = dock.rows["notspots"]
    assert "CENTROIDS" in row.extra
    premises = row.extra["PREMISES"]
    assert premises.count() == 2 and premises.currentData() == 0, "all premises by default"
    row.path.setText(str(csv))
    bar = qgis_iface.messageBar()
    bar.clear_messages()
    _, ok, message = _wait_run(qtbot, dock, row.import_button.click)
    assert ok, message
    assert "No postcode centroids given" in dock.dataMessage.text()
    assert "No postcode centroids given" in row.state.text()
    assert any("No postcode centroids given" in m for m in bar.get_messages(Qgis.MessageLevel.Warning))
    row.extra["CENTROIDS"].setFilePath(str(paths["postcode_centroids"]))
    run = dock.start_import(row)
    assert run.parameters["PREMISES"] == 0 and run.parameters["CENTROIDS"] == str(paths["postcode_centroids"])
    with qtbot.waitSignal(dock.runFinished, timeout=WAIT_MS) as blocker:
        pass
    assert blocker.args[1], blocker.args[2]
    assert "No postcode centroids given" not in dock.dataMessage.text()


# -- my plan, with the planner's own field names ------------------------------------------------


def test_live_check_takes_the_plans_own_field_names_and_lists_its_references(dock, qtbot):
    register = _works_layer()
    plan = QgsVectorLayer(
        "LineString?crs=EPSG:27700&field=plan_ref:string&field=owner:string&field=start:date&field=finish:date",
        "my plan",
        "memory",
    )
    QgsProject.instance().addMapLayers([register, plan])
    dock.planLayerCombo.setLayer(plan)
    dock.registerLayerCombo.setLayer(register)
    assert dock.plan_fields() == {
        "start": "start",
        "end": "finish",
        "owner": "owner",
        "reference": "plan_ref",
    }
    with qtbot.waitSignal(dock.live.ready, timeout=WAIT_MS):
        assert dock.start_live_check()
    plan.startEditing()
    f = QgsFeature(plan.fields())
    f.setAttributes(["FIBRE-2026-014", "Acme Fibre", QDate(2026, 1, 12), QDate(2026, 1, 30)])
    f.setGeometry(QgsGeometry.fromPolylineXY([QgsPointXY(530000, 180002), QgsPointXY(530020, 180005)]))
    with qtbot.waitSignal(dock.live.changed, timeout=WAIT_MS):
        plan.addFeature(f)
    assert dock.liveTable.rowCount() == 2
    assert {dock.liveTable.item(r, 0).text() for r in range(2)} == {"FIBRE-2026-014"}
    assert "cannot be checked" not in dock.liveStatus.text()
    plan.rollBack()
    dock.stop_live_check()


# -- the panel fits ---------------------------------------------------------------------------


@pytest.mark.parametrize("tab", ["dataScroll", "checksScroll"])
def test_no_tab_is_cut_off_at_the_panels_width(dock, qtbot, tab):
    scroll = getattr(dock, tab)
    dock.setFloating(True)  # shown on its own: the test's main window is never shown
    dock.show()
    qtbot.waitExposed(dock)
    dock.tabs.setCurrentWidget(scroll.parentWidget())
    qtbot.wait(20)
    dock._fit_width()
    dock.resize(dock.minimumWidth(), 700)
    qtbot.wait(50)
    assert dock.width() == dock.minimumWidth()
    assert scroll.widget().minimumSizeHint().width() <= scroll.viewport().width()


# -- map context ------------------------------------------------------------------------------


def test_map_context_buttons_add_borough_outlines_and_the_osm_basemap_once(dock):
    from dig_once.plugin.gui.context_layers import CONTEXT_GROUP, OSM_URL, context_layer

    dock.boroughsButton.click()
    boroughs = context_layer("boroughs")
    assert boroughs is not None and boroughs.isValid() and boroughs.featureCount() == 33
    assert (
        "Open Government Licence" in boroughs.serverProperties().attribution()
        or "OGL v3" in boroughs.serverProperties().attribution()
    )
    assert context_layer("osm") is None, "the basemap only on request"
    dock.basemapButton.click()
    dock.basemapButton.click()
    osm = context_layer("osm")
    assert osm is not None and osm.providerType() == "wms" and OSM_URL in osm.source()
    assert "OpenStreetMap contributors" in osm.serverProperties().attribution()
    group = QgsProject.instance().layerTreeRoot().findGroup(CONTEXT_GROUP)
    assert [node.layer() for node in group.findLayers()] == [boroughs, osm], "outlines over the basemap"
    assert QgsProject.instance().layerTreeRoot().children()[-1] is group, "context draws under the results"
    assert len(QgsProject.instance().mapLayers()) == 2


def test_results_of_a_check_come_with_borough_outlines(dock, qtbot):
    from dig_once.plugin.gui.context_layers import context_layer

    QgsProject.instance().addMapLayers([_works_layer()])
    section = dock.checks["digonce:findworksoverlaps"]
    _, ok, message = _wait_run(qtbot, dock, lambda: dock.run_check(section))
    assert ok, message
    assert context_layer("boroughs") is not None


def test_numbers_in_the_checks_read_as_a_planner_writes_them(dock):
    from qgis.PyQt.QtWidgets import QDoubleSpinBox

    section = dock.checks["digonce:findworksoverlaps"]
    widget = section.form.wrappers["DISTANCE"].wrappedWidget()
    spin = widget if isinstance(widget, QDoubleSpinBox) else widget.findChild(QDoubleSpinBox)
    assert spin.text() == "25.0"


# -- never replaced by a worse file without asking ---------------------------------------------


def _venue_count(dock) -> int:
    return dock.store().count("cultural_venues")


@pytest.mark.parametrize("answer", [False, True])
def test_a_much_smaller_file_replaces_the_data_only_when_the_user_says_so(
    dock, qtbot, tmp_path, store_path, monkeypatch, answer, sample_generator
):
    world = sample_generator.build_world(5)
    paths = sample_generator.write_cultural(world, 5, tmp_path / "cultural")["paths"]
    pubs = Path(next(p for k, p in paths.items() if "Pubs" in k))
    row = dock.rows["venues"]
    row.path.setText(str(pubs))
    _, ok, message = _wait_run(qtbot, dock, row.import_button.click)
    assert ok, message
    before = _venue_count(dock)
    assert before > 2
    header_only = tmp_path / "update" / "Pubs.csv"
    header_only.parent.mkdir()
    header_only.write_text(pubs.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    asked = []
    monkeypatch.setattr(dock, "ask_replace", lambda r, m: asked.append(m) or answer)
    row.path.setText(str(header_only))
    _, ok, message = _wait_run(qtbot, dock, row.import_button.click)
    assert not ok and asked, "the user is asked"
    if answer:
        _, ok, message = _wait_run(qtbot, dock, lambda: None)
        assert ok, message
        assert _venue_count(dock) == 0
    else:
        assert (
            _venue_count(dock) == before
        ), "no good data replaced by a worse file without the user saying so"


# -- get from the publisher ----------------------------------------------------------------------


def test_get_from_publisher_downloads_and_imports_a_month_from_the_dock(dock, qtbot, server, store_path):
    from dig_once.plugin.gui.catalogue_dialog import CatalogueDialog

    row = dock.rows["streetworks"]
    assert "Get from publisher…" in [a.text() for a in row.menu.actions()]
    dialog = CatalogueDialog("streetworks", dock, user_catalogue=str(server["catalogue"]))
    dialog.source_box.setCurrentIndex(dialog.source_box.findData("street_manager_permits"))
    dialog.choice_box.setCurrentIndex(dialog.choice_box.findData("2026-03"))
    dialog.accept_box.setChecked(True)
    dialog.exec = lambda: 1  # the planner pressed OK after reading the licence
    with qtbot.waitSignal(dock.runFinished, timeout=WAIT_MS) as blocker:
        assert dock.get_from_publisher(row, dialog) is not None
    assert blocker.args[1], blocker.args[2]
    assert "records in the store" in row.state.text() and "03.zip" in row.state.text()
    assert dock.store().count("works") > 0


# -- the meeting pack, into the folder the planner chose ----------------------------------------


def test_meeting_pack_from_the_checks_tab_goes_to_the_results_folder_of_the_settings(dock, qtbot, tmp_path):
    chosen = tmp_path / "coordination meetings"
    dock.resultsFolderWidget.setFilePath(str(chosen))
    dock.save_settings()
    QgsProject.instance().addMapLayers([_works_layer()])
    overlaps = dock.checks["digonce:findworksoverlaps"]
    _, ok, message = _wait_run(qtbot, dock, lambda: dock.run_check(overlaps))
    assert ok, message
    assert list(chosen.glob("findworksoverlaps_output_*.gpkg")), "results go to the chosen folder"
    export = dock.checks["digonce:exportformeeting"]
    values = export.form.values()
    names = {
        k: QgsProject.instance().mapLayer(v).name() for k, v in values.items() if k in ("PAIRS", "GROUPS")
    }
    assert "Clashes and opportunities" in names["PAIRS"] and "groups" in names["GROUPS"].lower()
    _, ok, message = _wait_run(qtbot, dock, lambda: dock.run_check(export))
    assert ok, message
    workbooks = list((chosen / "meetings").rglob("*.xlsx"))
    assert workbooks, "one workbook in a folder named for what and when"


@pytest.mark.parametrize(
    ("row_key", "source", "choice", "table"),
    [
        ("restrictions", "street_manager_section_58", "2026-03", "restrictions"),
        ("notspots", "ofcom_connected_nations", "2025-07", "notspots_postcodes"),
        ("venues", "gla_cultural_infrastructure", "pubs", "cultural_venues"),
        ("sites", "pld_planning_applications", None, "planning_sites"),
    ],
)
def test_every_row_the_catalogue_covers_fills_the_store_from_the_publisher(
    dock, qtbot, server, store_path, row_key, source, choice, table
):
    from dig_once.plugin.gui.catalogue_dialog import CatalogueDialog

    row = dock.rows[row_key]
    dialog = CatalogueDialog(row_key, dock, user_catalogue=str(server["catalogue"]))
    dialog.source_box.setCurrentIndex(dialog.source_box.findData(source))
    if choice is not None:
        dialog.choice_box.setCurrentIndex(dialog.choice_box.findData(choice))
    dialog.accept_box.setChecked(True)
    dialog.exec = lambda: 1
    with qtbot.waitSignal(dock.runFinished, timeout=WAIT_MS) as blocker:
        assert dock.get_from_publisher(row, dialog) is not None
    assert blocker.args[1], blocker.args[2]
    assert dock.store().count(table) > 0

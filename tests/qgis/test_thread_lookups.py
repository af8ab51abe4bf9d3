"""A run on a task's thread never looks a layer up in the project: QGIS 3.40's
QgsProject::layerStore() drops the project's cached expression scope, and when the legend
builds that scope on the main thread at the same moment QGIS crashes (signal 11 in
QgsExpressionContextScope::addVariable). The desktop campaign met it in 3 of 12 runs; the
stress below meets it within a second without ``BaseAlgorithm.prepareAlgorithm``.

The stress runs in a process of its own (a crash is a failed test, not a dead test session):
an algorithm on ``BaseAlgorithm`` asks for its layer, its source and its CRS in a loop on the
task's thread, through the panel's ``AlgorithmRun``, while the main thread builds the project's
scope in a loop, as the legend does."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsProcessingContext,
    QgsProcessingFeatureSourceDefinition,
    QgsProcessingFeedback,
    QgsProject,
    QgsVectorLayer,
)

REPO = Path(__file__).resolve().parents[2]

_STRESS = """
import json, sys
sys.path[:0] = [PKGROOT, TESTS]
from qgis.core import (QgsApplication, QgsExpressionContextUtils, QgsProcessingFeatureSourceDefinition,
    QgsProject, QgsVectorLayer)
app = QgsApplication([], False)
app.initQgis()
from dig_once.plugin.gui.runner import AlgorithmRun
from helpers.lookups import Lookups

project = QgsProject.instance()
works = QgsVectorLayer("Point?crs=EPSG:27700", "works", "memory")
project.addMapLayer(works)
for i in range(30):
    project.addMapLayer(QgsVectorLayer("Point?crs=EPSG:27700", f"layer {i}", "memory"))
algorithm = Lookups(SECONDS, MODE, PATH)
algorithm.initAlgorithm()
selected = QgsProcessingFeatureSourceDefinition(works.id(), True)
parameters = {"INPUT": works.id(), "PATH": PATH, "CRS": "EPSG:27700", "SELECTED": selected}
run = AlgorithmRun(algorithm, parameters, "lookups", project)
done = []
run.finished.connect(lambda ok, results, message: done.append((ok, results, message)))
run.start()
scopes = 0
while not done:
    QgsExpressionContextUtils.projectScope(project)  # what the legend does to draw a symbol
    scopes += 1
    if scopes % 100 == 0:
        app.processEvents()
ok, results, message = done[0]
print(json.dumps({"ok": ok, "lookups": results.get("N", 0), "scopes": scopes, "message": message}))
"""


@pytest.fixture
def empty_gpkg(tmp_path) -> Path:
    from osgeo import ogr, osr

    path = tmp_path / "empty.gpkg"
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(27700)
    ds.CreateLayer("works", srs, ogr.wkbPoint)
    ds = None
    return path


def _stress(tmp_path: Path, gpkg: Path, mode: str) -> dict:
    script = tmp_path / "stress.py"
    script.write_text(
        f"PKGROOT = {str(REPO / '.pkgroot')!r}\nTESTS = {str(REPO / 'tests')!r}\n"
        f"PATH = {f'{gpkg}|layername=works'!r}\nSECONDS = 3.0\n"
        f"MODE = {mode!r}\n" + textwrap.dedent(_STRESS),
        encoding="utf-8",
    )
    env = dict(os.environ, QGIS_CUSTOM_CONFIG_PATH=str(tmp_path / "profile"), PYTHONDONTWRITEBYTECODE="1")
    done = subprocess.run([sys.executable, str(script)], env=env, capture_output=True, text=True, timeout=300)
    assert (
        done.returncode == 0
    ), f"exit {done.returncode} (-11: QGIS crashed)\n{done.stdout}\n{done.stderr[-3000:]}"
    out = json.loads(done.stdout.strip().splitlines()[-1])
    assert out["ok"], out["message"]
    return out


def test_layer_lookups_on_a_tasks_thread_never_crash_qgis_while_the_legend_builds_scopes(
    tmp_path, empty_gpkg
):
    out = _stress(tmp_path, empty_gpkg, "lookups")
    # the two loops really ran side by side, many times
    assert out["lookups"] > 1000 and out["scopes"] > 1000, out


def test_an_imports_post_processing_on_a_tasks_thread_never_crashes_qgis_while_the_legend_builds_scopes(
    tmp_path, empty_gpkg
):
    out = _stress(tmp_path, empty_gpkg, "postprocess")
    assert out["lookups"] > 100 and out["scopes"] > 1000, out


def _algorithm():
    from helpers.lookups import Lookups

    algorithm = Lookups()
    algorithm.initAlgorithm()
    return algorithm


def _context():
    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    return context


def test_prepared_lookups_give_the_layer_the_source_and_the_crs_qgis_gives(plugin_module, empty_gpkg):
    project = QgsProject.instance()
    works = QgsVectorLayer("Point?crs=EPSG:27700", "works", "memory")
    project.addMapLayer(works)
    try:
        algorithm, context = _algorithm(), _context()
        parameters = {"INPUT": works.id(), "CRS": "EPSG:4326"}
        assert algorithm.prepareAlgorithm(parameters, context, QgsProcessingFeedback())
        assert algorithm._prepared_value(parameters, "INPUT") is works
        assert algorithm.parameterAsVectorLayer(parameters, "INPUT", context) is works
        assert algorithm.parameterAsSource(parameters, "INPUT", context).sourceName() == "works"
        assert algorithm.parameterAsCrs(parameters, "CRS", context) == QgsCoordinateReferenceSystem(
            "EPSG:4326"
        )
        # a path: loaded once, before the run, and that layer is the one the run gets
        path = {"INPUT": f"{empty_gpkg}|layername=works"}
        assert algorithm.prepareAlgorithm(path, context, QgsProcessingFeedback())
        loaded = algorithm._prepared_value(path, "INPUT")
        assert loaded is not None and loaded.project() is None and loaded.isValid()
        assert algorithm.parameterAsVectorLayer(path, "INPUT", context) is loaded
    finally:
        project.removeMapLayer(works.id())


def test_values_not_looked_up_before_the_run_are_left_to_qgis(plugin_module):
    project = QgsProject.instance()
    works = QgsVectorLayer("Point?crs=EPSG:27700", "works", "memory")
    other = QgsVectorLayer("Point?crs=EPSG:27700", "other", "memory")
    project.addMapLayers([works, other])
    try:
        algorithm, context = _algorithm(), _context()
        assert algorithm.prepareAlgorithm({"INPUT": works.id()}, context, QgsProcessingFeedback())
        # other text than the one looked up (an instance run again without prepare): QGIS's own lookup
        assert algorithm.parameterAsVectorLayer({"INPUT": other.id()}, "INPUT", context) is other
        # a definition is never swapped for its bare layer (its options would be lost)
        definition = QgsProcessingFeatureSourceDefinition(works.id(), True)
        assert algorithm._with_prepared_layer({"INPUT": definition}, "INPUT") == {"INPUT": definition}
        # nothing found: left for the run to refuse with QGIS's message
        assert algorithm.prepareAlgorithm({"INPUT": "no such layer"}, context, QgsProcessingFeedback())
        assert algorithm._prepared_value({"INPUT": "no such layer"}, "INPUT") is None
        assert algorithm.parameterAsSource({"INPUT": "no such layer"}, "INPUT", context) is None
    finally:
        project.removeMapLayers([works.id(), other.id()])


def test_a_definitions_source_has_the_features_qgis_gives_it(plugin_module):
    from qgis.core import Qgis, QgsFeature, QgsGeometry, QgsPointXY, QgsProcessingUtils

    project = QgsProject.instance()
    works = QgsVectorLayer("Point?crs=EPSG:27700&field=n:integer", "works", "memory")
    features = []
    for n in range(10):
        feature = QgsFeature(works.fields())
        feature.setAttributes([n])
        feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(530000 + n, 180000)))
        features.append(feature)
    works.dataProvider().addFeatures(features)
    project.addMapLayer(works)
    try:
        works.selectByIds([f.id() for f in works.getFeatures() if f["n"] % 2 == 0])
        check = Qgis.InvalidGeometryCheck.SkipInvalid
        definitions = [
            QgsProcessingFeatureSourceDefinition(works.id(), True),
            QgsProcessingFeatureSourceDefinition(works.id(), False, 3),
            QgsProcessingFeatureSourceDefinition(
                works.id(),
                True,
                -1,
                Qgis.ProcessingFeatureSourceDefinitionFlag.OverrideDefaultGeometryCheck,
                check,
                "n > 2",
            ),
        ]
        for definition in definitions:
            algorithm, context = _algorithm(), _context()
            parameters = {"INPUT": definition}
            assert algorithm.prepareAlgorithm(parameters, context, QgsProcessingFeedback())
            assert algorithm.parameterAsVectorLayer(parameters, "INPUT", context) is works
            ours = algorithm.parameterAsSource(parameters, "INPUT", context)
            theirs = QgsProcessingUtils.variantToSource(definition, context)
            assert sorted(f["n"] for f in ours.getFeatures()) == sorted(f["n"] for f in theirs.getFeatures())
            assert ours.invalidGeometryCheck() == theirs.invalidGeometryCheck()
        assert sorted(f["n"] for f in ours.getFeatures()) == [4, 6, 8]
    finally:
        project.removeMapLayer(works.id())


def test_an_imports_check_of_its_new_table_says_whether_the_store_lists_it_without_making_a_layer(
    tmp_path, empty_gpkg, monkeypatch
):
    """The check reads the GeoPackage itself: no QGIS layer is made on the task's thread (making
    one there while the legend built the project's scope crashed QGIS in 4 of 8 stresses)."""
    from qgis.core import QgsProcessingUtils

    from dig_once.processing_algorithms._connectivity import loads_as_layer

    def no_layer(*_args, **_kwargs):
        raise AssertionError("a QGIS layer was made to check a store table")

    monkeypatch.setattr(QgsProcessingUtils, "mapLayerFromString", no_layer)
    monkeypatch.setattr(
        "dig_once.processing_algorithms._connectivity.QgsVectorLayer", no_layer, raising=False
    )
    context = QgsProcessingContext()
    assert loads_as_layer(f"{empty_gpkg}|layername=works", context)
    assert not loads_as_layer(f"{empty_gpkg}|layername=venues", context)
    assert not loads_as_layer(f"{tmp_path / 'gone.gpkg'}|layername=works", context)
    assert not loads_as_layer(str(empty_gpkg), context)  # no table named
    (tmp_path / "not.gpkg").write_text("not a GeoPackage")
    assert not loads_as_layer(f"{tmp_path / 'not.gpkg'}|layername=works", context)

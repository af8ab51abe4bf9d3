"""The import algorithms inside QGIS: processing.run and qgis_process."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit"))
from sm_fixtures import permit_event, section58_event, write_archive


@pytest.fixture
def month(tmp_path: Path) -> Path:
    events = [
        permit_event(1, "A-01", time="2026-03-01T08:00:00.000Z", street_name="old"),
        permit_event(2, "A-01", time="2026-03-02T08:00:00.000Z", street_name="new"),
        permit_event(3, "B-01", works_location_coordinates="POINT(529100 182100)"),
        permit_event(4, "K-01", highway_authority="KENT COUNTY COUNCIL"),
        permit_event(5, "C-01", usrn="bad usrn"),
        section58_event(6, "S58-1"),
    ]
    return write_archive(tmp_path / "2026-03.zip", events)


def test_import_street_manager_through_processing_run(plugin_provider, month: Path, tmp_path: Path):
    from qgis import processing
    from qgis.core import QgsVectorLayer

    store = tmp_path / "store.gpkg"
    result = processing.run(
        "digonce:importstreetmanager", {"INPUT": str(month), "LONDON_ONLY": True, "STORE": str(store)}
    )
    assert (result["EVENTS_READ"], result["PERMITS"], result["RESTRICTION_COUNT"], result["REJECTED"]) == (
        6,
        2,
        1,
        1,
    )
    works = QgsVectorLayer(result["WORKS"], "works", "ogr")
    assert works.isValid() and works.featureCount() == 2 and works.crs().authid() == "EPSG:27700"
    assert sorted(f["street_name"] for f in works.getFeatures()) == ["EUSTON ROAD", "new"]
    restrictions = QgsVectorLayer(result["RESTRICTIONS"], "r", "ogr")
    assert restrictions.isValid() and restrictions.featureCount() == 1
    assert restrictions.hasSpatialIndex() == 2  # QgsFeatureSource.SpatialIndexPresent

    again = processing.run(
        "digonce:importstreetmanager", {"INPUT": str(month), "LONDON_ONLY": True, "STORE": str(store)}
    )
    assert again["UNCHANGED"] == 1 and "unchanged" in again["MESSAGE"]


def test_bad_archive_is_a_processing_error(plugin_provider, month: Path, tmp_path: Path):
    from qgis import processing
    from qgis.core import QgsProcessingException

    month.write_bytes(month.read_bytes()[:-100])
    with pytest.raises(QgsProcessingException, match="2026-03.zip"):
        processing.run(
            "digonce:importstreetmanager", {"INPUT": str(month), "STORE": str(tmp_path / "s.gpkg")}
        )


def test_every_parameter_of_every_algorithm_has_help(plugin_provider):
    algorithms = plugin_provider.algorithms()
    assert algorithms
    for alg in algorithms:
        assert alg.shortHelpString(), alg.id()
        for param in alg.parameterDefinitions():
            assert param.help(), f"{alg.id()}: {param.name()} has no help"


def test_import_street_manager_through_qgis_process(run_qgis_process, month: Path, tmp_path: Path):
    store = tmp_path / "store.gpkg"
    out = run_qgis_process(
        ["run", "digonce:importstreetmanager", "--", f"INPUT={month}", "LONDON_ONLY=false", f"STORE={store}"],
        json_output=True,
    )
    results = out["results"]
    assert (results["EVENTS_READ"], results["PERMITS"], results["REJECTED"]) == (6, 3, 1)
    assert results["WORKS"].endswith("|layername=works")


def test_import_forward_plans_through_processing_run(plugin_provider, tmp_path: Path):
    from qgis import processing
    from qgis.core import QgsVectorLayer

    plan = tmp_path / "plan.csv"
    plan.write_text(
        "plan_ref,programme,owner,utility_type,method,start_date,end_date,confidence,usrn,street_name,wkt\n"
        'TW-1,Renewal,Thames Water,water,open_cut,2027-04-05,2027-06-30,high,8400713,EUSTON ROAD,"POINT(529000 182000)"\n'
        'TW-2,Renewal,Thames Water,water,open_cut,2027-04-05,2027-01-30,high,8400713,EUSTON ROAD,"POINT(529000 182000)"\n'
    )
    result = processing.run(
        "digonce:importforwardplans", {"INPUT": str(plan), "STORE": str(tmp_path / "s.gpkg")}
    )
    assert (result["PLANNED"], result["REJECTED"]) == (1, 1)
    works = QgsVectorLayer(result["WORKS"], "works", "ogr")
    assert [f["source"] for f in works.getFeatures()] == ["plan"]

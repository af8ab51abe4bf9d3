"""digonce:importstreetmanager on Street Manager files as DfT publishes them (issue 19): a folder
headless and in-process, the London rule by SWA code and what was left out, in the outputs."""

from __future__ import annotations

import json
import sys
import zipfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit"))
from sm_fixtures import permit_event, section58_event, write_archive, write_folder

HF = "LONDON BOROUGH OF HAMMERSMITH & FULHAM"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A folder as a user downloads it: a month ZIP (with a readme in it), loose event files,
    a saved SNS notification and a file that is not an event."""
    folder = write_folder(
        tmp_path / "street manager",  # a space in the path, as in "My Documents"
        [
            permit_event(1, "HF-01", highway_authority=HF, is_deemed="Not provided"),
            permit_event(2, "K-01", highway_authority="KENT COUNTY COUNCIL"),
        ],
    )
    write_archive(
        folder / "2026-03.zip",
        [
            section58_event(3, "S58-5390-1", highway_authority=HF),
            permit_event(
                4, "OPT-01", activity_type="Optional permit (no fee) e.g. for traffic management etc"
            ),
        ],
    )
    with zipfile.ZipFile(folder / "2026-03.zip", "a") as z:
        z.writestr("README.txt", "not an event")
    notification = {"Type": "Notification", "Message": json.dumps(permit_event(5, "N-01"))}
    (folder / "notification.json").write_text(json.dumps(notification))
    (folder / "notes.txt").write_text("not an event either")
    return folder


def check_folder_results(results: dict) -> None:
    assert results["EVENTS_READ"] == 5
    assert (results["PERMITS"], results["RESTRICTION_COUNT"], results["REJECTED"]) == (3, 1, 0)
    assert (results["OUTSIDE_LONDON"], results["WARNINGS"], results["NOT_EVENT_FILES"]) == (1, 1, 2)
    assert "1 events left out as outside London" in results["MESSAGE"]
    assert "KENT COUNTY COUNCIL (SWA 2275): 1" in results["MESSAGE"]


def test_folder_input_through_qgis_process(run_qgis_process, folder: Path, tmp_path: Path):
    store = tmp_path / "store.gpkg"
    out = run_qgis_process(
        ["run", "digonce:importstreetmanager", "--", f"INPUT={folder}", "LONDON_ONLY=true", f"STORE={store}"],
        json_output=True,
    )
    check_folder_results(out["results"])


def test_folder_input_through_processing_run(plugin_provider, folder: Path, tmp_path: Path):
    from helpers.feedback import Said
    from qgis import processing
    from qgis.core import QgsVectorLayer

    log = Said()
    results = processing.run(
        "digonce:importstreetmanager",
        {"INPUT": str(folder), "LONDON_ONLY": True, "STORE": str(tmp_path / "s.gpkg")},
        feedback=log,
    )
    check_folder_results(results)
    works = QgsVectorLayer(results["WORKS"], "works", "ogr")
    by_ref = {f["permit_ref"]: f for f in works.getFeatures()}
    assert sorted(by_ref) == ["HF-01", "N-01", "OPT-01"]
    assert by_ref["HF-01"]["deemed"] is None or by_ref["HF-01"]["deemed"].isNull()  # "Not provided"
    assert by_ref["N-01"]["deemed"] is False  # the notification's own "No"
    assert by_ref["OPT-01"]["activity_type"] == "optional_permit_no_fee"
    text = "\n".join(log.lines)
    assert "KENT COUNTY COUNCIL (SWA 2275): 1 events" in text
    assert "is_deemed = 'Not provided'" in text
    assert "2026-03.zip/README.txt" in text and "notes.txt" in text
    assert results["IMPORT_ID"] >= 1


def test_a_file_of_another_kind_is_still_refused_by_name(plugin_provider, tmp_path: Path):
    """The wider file filter lets folders through, not nonsense: a missing path is named."""
    from qgis import processing
    from qgis.core import QgsProcessingException

    with pytest.raises(QgsProcessingException, match="no-such-folder"):
        processing.run(
            "digonce:importstreetmanager",
            {"INPUT": str(tmp_path / "no-such-folder"), "STORE": str(tmp_path / "s.gpkg")},
        )


def test_help_is_plain_text_for_a_planner_first(plugin_provider):
    from qgis.core import QgsApplication

    alg = QgsApplication.processingRegistry().algorithmById("digonce:importstreetmanager")
    text = alg.shortHelpString()
    assert "<" not in text and ">" not in text  # no HTML tags
    assert text.index("The exact rules") > text.index("clashes")
    for param in alg.parameterDefinitions():
        assert param.help() and "<" not in param.help(), param.name()

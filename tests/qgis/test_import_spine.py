"""digonce:importfibrespine's FILTER: lines not (yet) built are left out and counted (issue 19)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dig_once.plugin.store import Store


def tfl_like(path: Path) -> Path:
    """Segments in the layout of TfL's network file: each lists its lines and their years."""
    segments = [
        ("Central1", [{"name": "Central", "opened": 1900}], [[-0.13, 51.515], [-0.12, 51.515]]),
        ("Crossrail2_1", [{"name": "Crossrail 2", "opened": 2030}], [[-0.13, 51.52], [-0.12, 51.53]]),
        ("Thameslink6", [{"name": "Thameslink 6tph line", "opened": 2035}], [[-0.10, 51.50], [-0.09, 51.51]]),
        ("ELL", [{"name": "East London", "closed": 2007}], [[-0.07, 51.50], [-0.06, 51.51]]),
    ]
    features = [
        {
            "type": "Feature",
            "properties": {"id": fid, "lines": lines},
            "geometry": {"type": "LineString", "coordinates": coords},
        }
        for fid, lines, coords in segments
    ]
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    return path


def run(path: Path, store: Path, **extra):
    from qgis import processing

    return processing.run("digonce:importfibrespine", {"INPUT": str(path), "STORE": str(store), **extra})


def test_filter_keeps_lines_open_now_and_counts_the_rest(plugin_provider, tmp_path: Path):
    from dig_once.processing_algorithms.import_fibre_spine import TFL_BUILT

    store = tmp_path / "s.gpkg"
    result = run(tfl_like(tmp_path / "tfl_lines.json"), store, FILTER=TFL_BUILT)
    assert (result["IMPORTED"], result["REJECTED"], result["LEFT_OUT"]) == (1, 0, 3)
    assert "3 features left out by the filter" in result["MESSAGE"]
    assert [r["spine_id"] for r in Store(store).rows("fibre_spine")] == ["Central1"]
    by_name = run(tfl_like(tmp_path / "tfl_lines.json"), store, FILTER="\"name\" NOT LIKE '%Crossrail%'")
    assert (by_name["IMPORTED"], by_name["LEFT_OUT"]) == (3, 1)


def test_no_filter_takes_every_line(plugin_provider, tmp_path: Path):
    result = run(tfl_like(tmp_path / "tfl_lines.json"), tmp_path / "s.gpkg")
    assert (result["IMPORTED"], result["LEFT_OUT"]) == (4, 0)


@pytest.mark.parametrize(
    ("expression", "message"),
    [('"lines" ===', "not a valid QGIS expression"), ("\"status\" = 'built'", "status.*does not have")],
)
def test_bad_filter_is_a_message_and_the_store_unchanged(
    plugin_provider, tmp_path: Path, expression, message
):
    from qgis.core import QgsProcessingException

    store = tmp_path / "s.gpkg"
    with pytest.raises(QgsProcessingException, match=message):
        run(tfl_like(tmp_path / "tfl_lines.json"), store, FILTER=expression)
    assert (
        not store.exists()
        or "fibre_spine" not in Store(store).tables()
        or Store(store).count("fibre_spine") == 0
    )


def test_real_tfl_file_filtered_through_qgis_process(run_qgis_process, shared_data, tmp_path: Path):
    from dig_once.processing_algorithms.import_fibre_spine import TFL_BUILT

    path = shared_data / "tfl_tube" / "tfl_lines.json"
    store = tmp_path / "store.gpkg"
    out = run_qgis_process(
        ["run", "digonce:importfibrespine", "--", f"INPUT={path}", f"FILTER={TFL_BUILT}", f"STORE={store}"],
        json_output=True,
    )
    results = out["results"]
    assert results["LEFT_OUT"] > 100 and results["REJECTED"] == 0
    names = {r["name"] for r in Store(store).rows("fibre_spine")}
    assert "Crossrail 2" not in names and "Central" in names

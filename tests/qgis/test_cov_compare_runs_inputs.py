"""digonce:compareruns on inputs that are not what it expects: a layer that is not a pairs
output and a groups layer without group_id are refused naming the layer and the field; runs
with no stamped parameters are compared with a warning that says it could not check them."""

from __future__ import annotations

import pytest
from osgeo import ogr
from qgis.core import QgsProcessingException, QgsProcessingFeedback

from .test_restrictions_compare import CURRENT, PAIR_FIELDS, PREVIOUS, pairs_gpkg, write_gpkg


def _unstamped_pairs(path, pairs) -> str:
    rows = [
        (
            f"LINESTRING({530000 + 100 * n} 180000, {530010 + 100 * n} 180000)",
            {"id_a": a, "id_b": b, "owner_a": "A Co", "owner_b": "B Co", "kind": kind, "distance_m": 10.0,
             "gap_days": gap, "overlap_days": overlap, "group_id": group},
        )
        for n, (a, b, kind, gap, overlap, group) in enumerate(pairs)
    ]  # fmt: skip
    return write_gpkg(path, "pairs", ogr.wkbLineString, PAIR_FIELDS, rows)


def test_a_layer_that_is_not_a_pairs_output_is_refused_naming_the_missing_fields(plugin_provider, tmp_path):
    from qgis import processing

    works = write_gpkg(
        tmp_path / "works.gpkg", "works", ogr.wkbLineString, [("permit_ref", "str")],
        [("LINESTRING(530000 180000, 530010 180000)", {"permit_ref": "W1"})],
    )  # fmt: skip
    previous = pairs_gpkg(tmp_path / "prev.gpkg", PREVIOUS, {"DISTANCE": 25})
    with pytest.raises(QgsProcessingException, match="is not a pairs output: field\\(s\\) id_a, id_b") as err:
        processing.run(
            "digonce:compareruns", {"CURRENT": works, "PREVIOUS": previous, "OUTPUT": "TEMPORARY_OUTPUT"}
        )
    assert "(CURRENT)" in str(err.value)


def test_a_groups_layer_without_group_id_is_refused(plugin_provider, tmp_path):
    from qgis import processing

    previous = pairs_gpkg(tmp_path / "prev.gpkg", PREVIOUS, {"DISTANCE": 25})
    current = pairs_gpkg(tmp_path / "cur.gpkg", CURRENT, {"DISTANCE": 25})
    groups = write_gpkg(
        tmp_path / "groups.gpkg", "groups", ogr.wkbPolygon, [("id", "int")],
        [("POLYGON((0 0, 10 0, 10 10, 0 0))", {"id": 1})],
    )  # fmt: skip
    with pytest.raises(QgsProcessingException, match="has no group_id field"):
        processing.run(
            "digonce:compareruns",
            {
                "CURRENT": current, "PREVIOUS": previous, "PREVIOUS_GROUPS": groups,
                "OUTPUT": "TEMPORARY_OUTPUT", "OUTPUT_GROUPS": "TEMPORARY_OUTPUT",
            },
        )  # fmt: skip


def test_runs_without_stamped_parameters_are_compared_with_a_warning(plugin_provider, tmp_path):
    from qgis import processing

    previous = _unstamped_pairs(tmp_path / "prev.gpkg", PREVIOUS)
    current = pairs_gpkg(tmp_path / "cur.gpkg", CURRENT, {"DISTANCE": 25})
    feedback = QgsProcessingFeedback()
    warnings: list[str] = []
    feedback.pushWarning = warnings.append
    result = processing.run(
        "digonce:compareruns",
        {"CURRENT": current, "PREVIOUS": previous, "OUTPUT": str(tmp_path / "changes.gpkg")},
        feedback=feedback,
    )
    assert (result["NEW"], result["RESOLVED"], result["CHANGED"], result["UNCHANGED"]) == (1, 1, 1, 1)
    assert result["PARAMETERS_DIFFERING"] == 0
    said = [w for w in warnings if "No run parameters are stamped" in w]
    assert len(said) == 1 and "cannot check that the runs are comparable" in said[0]

"""digonce:checkrestrictions reads text dates with the one column date parser
(``toolbelt.layers.column_days``): a value that is not a date makes its work or restriction
unusable with the same reason as before, naming the value, whichever way the layer is read."""

from __future__ import annotations

import pytest
from osgeo import ogr
from qgis.core import QgsVectorLayer

from .test_restrictions_compare import WORKS_FIELDS, run_check, works_row, write_gpkg

INSIDE = "POINT(530050 180000)"
EXTENT = "POLYGON((530040 179990, 530060 179990, 530060 180010, 530040 180010, 530040 179990))"


@pytest.mark.parametrize("route", ["arrow", "features"])
def test_dates_that_are_not_dates_give_the_same_reasons_on_both_read_routes(
    plugin_provider, tmp_path, monkeypatch, route
):
    if route == "features":  # GDAL's Arrow stream declines: every feature through QGIS
        from dig_once.plugin.toolbelt import layer_io

        monkeypatch.setattr(layer_io, "_read_arrow", lambda *args, **kwargs: None)
    text_dates = [(name, "str" if kind == "date" else kind) for name, kind in WORKS_FIELDS]
    works = write_gpkg(
        tmp_path / "works.gpkg",
        "works",
        ogr.wkbPoint,
        text_dates,
        [
            works_row(INSIDE, "W-OK", "2026-06-01", "2026-06-05"),
            works_row(INSIDE, "W-BAD-START", "soon", "2026-06-05"),
            works_row(INSIDE, "W-BAD-BOTH", "soon", "later"),  # the first reason is kept
            works_row(INSIDE, "W-BAD-END", "2026-06-01", "31/02/2026"),
        ],
    )
    restr_fields = [("ref", "str"), ("state", "str"), ("from_day", "str"), ("to_day", "str")]
    restrictions = write_gpkg(
        tmp_path / "restr.gpkg",
        "s58",
        ogr.wkbPolygon,
        restr_fields,
        [
            (EXTENT, {"ref": "S-OK", "state": "in_force", "from_day": "2026-01-01", "to_day": "2030-12-31"}),
            (EXTENT, {"ref": "S-BAD", "state": "in_force", "from_day": "2026-01-01", "to_day": "never"}),
        ],
    )
    result = run_check(tmp_path, works, restrictions)
    layer = QgsVectorLayer(result["OUTPUT_UNUSABLE"], "unusable", "ogr")
    reasons = {(f["layer"], f["reference"]): f["reason"] for f in layer.getFeatures()}
    assert reasons == {
        ("works", "W-BAD-START"): "start date 'soon' is not a date",
        ("works", "W-BAD-BOTH"): "start date 'soon' is not a date",
        ("works", "W-BAD-END"): "end date '31/02/2026' is not a date",
        ("restrictions", "S-BAD"): "end date 'never' is not a date",
    }
    assert (result["FINDINGS"], result["BLOCKED"], result["UNUSABLE"]) == (1, 1, 4)

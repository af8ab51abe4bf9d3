"""digonce:checkrestrictions reads the works' references, promoters, categories and activity
types (and USRNs, unless USRN_MATCH) only for the works that need them: the related ones and
the unusable ones. Same findings and unusable rows as reading every works' fields."""

from __future__ import annotations

import sqlite3

import numpy as np
import pytest
from osgeo import ogr
from qgis.core import QgsVectorLayer

from .test_restrictions_compare import WORKS_FIELDS, run_check, works_row, write_gpkg

EXTENT = "POLYGON((530040 179990, 530060 179990, 530060 180010, 530040 180010, 530040 179990))"
N_FAR = 600


def _scenario(tmp_path):
    rows = [
        works_row("POINT(530050 180000)", "W-IN", "2026-06-01", "2026-06-05"),
        works_row(
            "POINT(530045 180000)", "W-URGENT", "2026-06-01", "2026-06-05", category="immediate_urgent"
        ),
        works_row("POINT(530050 180005)", "W-BAD", "2026-06-09", "2026-06-01"),  # ends before it starts
        works_row("POINT(530070 180000)", "W-NEAR", "2026-06-01", "2026-06-05"),  # 10 m away
    ]
    far = [
        works_row(f"POINT({531000 + 3 * k} 181000)", f"W-FAR-{k}", "2026-06-01", "2026-06-05")
        for k in range(N_FAR)
    ]
    for k, (_wkt, values) in enumerate(far):
        values["usrn"] = str(200 + k)  # another street: never related, even by USRN
    rows += far
    works = write_gpkg(tmp_path / "works.gpkg", "works", ogr.wkbPoint, WORKS_FIELDS, rows)
    restr = write_gpkg(
        tmp_path / "restr.gpkg",
        "s58",
        ogr.wkbPolygon,
        [("ref", "str"), ("state", "str"), ("from_day", "str"), ("to_day", "str"), ("usrn", "str")],
        [
            (
                EXTENT,
                {
                    "ref": "S-1",
                    "state": "in_force",
                    "from_day": "2026-01-01",
                    "to_day": "2030-12-31",
                    "usrn": "100",
                },
            )
        ],
    )
    return works, restr


def _outputs(result) -> tuple[list, list]:
    def rows(path, fields):
        layer = QgsVectorLayer(path, "out", "ogr")
        return sorted(tuple(f[name] for name in fields) for f in layer.getFeatures())

    findings = rows(
        result["OUTPUT"],
        [
            "works_ref",
            "restriction_ref",
            "finding",
            "promoter",
            "category",
            "activity_type",
            "distance_m",
            "usrn_match",
        ],
    )
    return findings, rows(result["OUTPUT_UNUSABLE"], ["layer", "reference", "reason"])


@pytest.mark.parametrize("extra", [{}, {"DISTANCE": 10.0}, {"USRN_MATCH": True}])
def test_fields_of_related_and_unusable_works_only_are_read_with_the_findings_of_a_full_read(
    plugin_provider, tmp_path, monkeypatch, extra
):
    from dig_once.plugin.toolbelt import layer_io

    works, restr = _scenario(tmp_path)
    asked: list[int] = []
    real = layer_io._deferred_texts

    def recording(where, field_names, fids):
        columns = real(where, field_names, fids)
        for column in columns.values():
            fetch = column._fetch
            column._fetch = lambda rows, fetch=fetch: (asked.append(len(rows)), fetch(rows))[1]
        return columns

    monkeypatch.setattr(layer_io, "_deferred_texts", recording)
    deferred = _outputs(run_check(tmp_path / "a", works, restr, **extra))
    assert asked and sum(asked) <= 4 * 5, asked  # a few rows of each field, never the 600 far works
    monkeypatch.setattr(layer_io, "_read_arrow", lambda *args, **kwargs: None)  # every field, through QGIS
    assert deferred == _outputs(run_check(tmp_path / "b", works, restr, **extra))
    findings, unusable = deferred
    assert (
        "W-URGENT",
        "S-1",
        "exempt",
        "Gas Co",
        "immediate_urgent",
        "utility_asset_works",
        0.0,
        True,
    ) in findings
    assert [row[:2] for row in unusable] == [("works", "W-BAD")]


def test_a_works_layer_changed_during_the_run_is_an_error_naming_it(qgis_app, tmp_path):
    from qgis.core import QgsProcessingContext

    from dig_once.plugin.core.errors import DigOnceError
    from dig_once.plugin.toolbelt.layer_io import read_columns

    works, _ = _scenario(tmp_path)
    layer = QgsVectorLayer(works, "works", "ogr")
    arrays = read_columns(
        layer, {"id": "permit_ref", "owner": "promoter"}, QgsProcessingContext(), None, "works",
        layer=layer, definition=works, deferred=("id", "owner"),
    )  # fmt: skip
    assert arrays.arrow
    assert arrays.columns["id"][np.array([0, 3])].tolist() == ["W-IN", "W-NEAR"]
    with sqlite3.connect(str(works).split("|")[0]) as db:
        db.execute("DELETE FROM works WHERE permit_ref = 'W-FAR-7'")
    assert arrays.columns["id"][0] == "W-IN"  # read before: kept
    with pytest.raises(DigOnceError, match=r"works: 1 features .* gone since the layer was read"):
        arrays.columns["owner"][np.array([1, 4 + 7])]

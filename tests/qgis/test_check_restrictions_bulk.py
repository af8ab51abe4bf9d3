"""digonce:checkrestrictions writes its outputs in bulk (one write of the whole layer straight
into the GeoPackage, as findworksoverlaps does), with every field as before."""

from __future__ import annotations

import pytest
from qgis.core import QgsVectorLayer

from .test_restrictions_compare import D, run_check, scenario  # noqa: F401


@pytest.fixture
def no_feature_sink(monkeypatch):
    """Writing a GeoPackage output feature by feature (through a feature sink) fails the test."""
    from dig_once.processing_algorithms.check_restrictions import CheckRestrictions

    def refuse(self, parameters, name, *args, **kwargs):
        raise AssertionError(f"{name} written through a feature sink, feature by feature")

    monkeypatch.setattr(CheckRestrictions, "parameterAsSink", refuse)


def test_findings_and_unusable_are_written_in_bulk_with_every_field(
    plugin_provider,
    scenario,  # noqa: F811
    tmp_path,
    no_feature_sink,
):
    works, restrictions = scenario
    result = run_check(tmp_path, works, restrictions)
    assert result["FINDINGS"] == 3 and result["UNUSABLE"] == 2
    layer = QgsVectorLayer(result["OUTPUT"], "findings", "ogr")
    assert layer.isValid() and layer.featureCount() == 3
    assert layer.wkbType() == 5  # MultiLineString: the findings are parts of lines
    by_ref = {f["works_ref"]: f for f in layer.getFeatures()}
    first = by_ref["W-NOTICE-FIRST"]
    values = {name: first[name] for name in layer.fields().names() if name != "fid"}
    for name in (
        "works_start",
        "works_end",
        "restriction_start",
        "restriction_end",
        "period_start",
        "period_end",
    ):
        values[name] = values[name].toPyDate()
    assert values == {
        "works_ref": "W-NOTICE-FIRST",
        "restriction_ref": "S-PROP",
        "finding": "dig_before_resurfacing",
        "promoter": "Gas Co",
        "category": "standard",
        "activity_type": "utility_asset_works",
        "works_start": D(2026, 3, 2),
        "works_end": D(2026, 3, 2),
        "restriction_status": "proposed",
        "restriction_start": D(2026, 6, 1),
        "restriction_end": D(2031, 5, 31),
        "period_start": D(2026, 3, 2),
        "period_end": D(2026, 5, 31),
        "overlap_days": 1,
        "distance_m": 0.0,
        "usrn_match": False,
    }
    assert first.geometry().length() == pytest.approx(20.0)
    unusable = QgsVectorLayer(result["OUTPUT_UNUSABLE"], "unusable", "ogr")
    assert sorted((f["layer"], f["reference"], f["reason"]) for f in unusable.getFeatures()) == [
        ("restrictions", "S-NODATES", "missing start date"),
        ("works", "W-NODATE", "missing start date"),
    ]


def test_geopackage_inputs_are_read_in_bulk_not_feature_by_feature(
    plugin_provider,
    scenario,  # noqa: F811
    tmp_path,
    monkeypatch,
):
    from dig_once.plugin.toolbelt import layer_io

    def refuse(source, *args, **kwargs):
        raise AssertionError(f"{source.sourceName()} read feature by feature")

    monkeypatch.setattr(layer_io, "_read_features", refuse)
    works, restrictions = scenario
    result = run_check(tmp_path, works, restrictions)
    assert (result["FINDINGS"], result["BLOCKED"], result["EXEMPT"], result["UNUSABLE"]) == (3, 1, 1, 2)


def test_works_too_big_for_the_free_memory_are_refused_before_reading(
    plugin_provider,
    scenario,  # noqa: F811
    tmp_path,
    monkeypatch,
):
    from qgis.core import QgsProcessingException

    from dig_once.plugin.core import memory
    from dig_once.processing_algorithms import _restriction_layers

    monkeypatch.setattr(memory, "available_bytes", lambda: 100 * 1024**2)  # 100 MB free

    def refuse(*args, **kwargs):
        raise AssertionError("read although it cannot fit")

    monkeypatch.setattr(_restriction_layers, "read_layer", refuse)
    works, restrictions = scenario
    with pytest.raises(
        QgsProcessingException, match=r"6 features need about 0\.4 GB of memory and 0\.1 GB is free"
    ):
        run_check(tmp_path, works, restrictions)


def test_works_are_read_as_compact_coordinates_with_the_same_findings(
    plugin_provider,
    scenario,  # noqa: F811
    tmp_path,
    monkeypatch,
):
    """The works' points and two-point lines come as coordinates (core.compact: ~340 MB less
    for a year of England); the findings are those of the works read as shapely objects."""
    from dig_once.processing_algorithms import _restriction_layers

    real = _restriction_layers.read_layer
    asked = []

    def spy(*args, compact=False, **kwargs):
        asked.append((args[4], compact))
        return real(*args, compact=compact and not forced_off, **kwargs)

    monkeypatch.setattr(_restriction_layers, "read_layer", spy)
    works, restrictions = scenario
    outputs = []
    for forced_off in (False, True):
        out = tmp_path / ("objects" if forced_off else "compact")
        out.mkdir()
        result = run_check(out, works, restrictions)
        layer = QgsVectorLayer(result["OUTPUT"], "findings", "ogr")
        names = [n for n in layer.fields().names() if n != "fid"]
        outputs.append(
            sorted((*(str(f[n]) for n in names), f.geometry().asWkt(6)) for f in layer.getFeatures())
        )
    assert asked == [("WORKS", True), ("RESTRICTIONS", False)] * 2
    assert len(outputs[0]) == 3 and outputs[0] == outputs[1]

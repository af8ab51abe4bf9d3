"""digonce:compareruns says before it starts when the two runs will not fit in memory: a
sentence naming the layers, the number of pairs and the memory needed and free, not the
operating system ending QGIS part-way."""

from __future__ import annotations

import pytest
from qgis.core import QgsProcessingException

from .test_restrictions_compare import CURRENT, PREVIOUS, pairs_gpkg


def test_runs_too_big_for_the_free_memory_are_refused_before_reading(plugin_provider, tmp_path, monkeypatch):
    from qgis import processing

    from dig_once.plugin.core import memory
    from dig_once.processing_algorithms import _pair_layers

    monkeypatch.setattr(memory, "available_bytes", lambda: 100 * 1024**2)  # 100 MB free

    def refuse(*args, **kwargs):
        raise AssertionError("read although it cannot fit")

    monkeypatch.setattr(_pair_layers, "read_layer", refuse)
    previous = pairs_gpkg(tmp_path / "prev.gpkg", PREVIOUS, {"DISTANCE": 25})
    current = pairs_gpkg(tmp_path / "cur.gpkg", CURRENT, {"DISTANCE": 25})
    params = {"CURRENT": current, "PREVIOUS": previous, "OUTPUT": "TEMPORARY_OUTPUT"}
    with pytest.raises(QgsProcessingException) as err:
        processing.run("digonce:compareruns", params)
    assert str(err.value).startswith(
        "cur and prev: 6 features need about 0.4 GB of memory and 0.1 GB is free."
    )


def test_runs_that_fit_are_compared(plugin_provider, tmp_path, monkeypatch):
    from qgis import processing

    from dig_once.plugin.core import memory

    monkeypatch.setattr(memory, "available_bytes", lambda: 16 * 1024**3)
    previous = pairs_gpkg(tmp_path / "prev.gpkg", PREVIOUS, {"DISTANCE": 25})
    current = pairs_gpkg(tmp_path / "cur.gpkg", CURRENT, {"DISTANCE": 25})
    result = processing.run(
        "digonce:compareruns", {"CURRENT": current, "PREVIOUS": previous, "OUTPUT": "TEMPORARY_OUTPUT"}
    )
    assert (result["NEW"], result["RESOLVED"], result["CHANGED"], result["UNCHANGED"]) == (1, 1, 1, 1)

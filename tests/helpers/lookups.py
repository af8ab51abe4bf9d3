"""``Lookups``: an algorithm on ``BaseAlgorithm`` that only asks for its parameters, for
tests/qgis/test_thread_lookups.py, in the test's process and in its stress's own."""

from __future__ import annotations

import time

from qgis.core import QgsProcessingParameterCrs, QgsProcessingParameterFeatureSource

from dig_once.processing_algorithms.base import BaseAlgorithm


class Lookups(BaseAlgorithm):
    """INPUT, PATH and SELECTED layers and a CRS. Run, it asks for them in a loop for ``seconds``
    (``mode`` "lookups"), or checks the store table ``path`` as an import's post-processing does
    (``loads_as_layer``), in a loop ("postprocess", as fetchfromcatalogue runs it), and returns
    how many times: ``N``."""

    def __init__(self, seconds: float = 0.0, mode: str = "lookups", path: str = ""):
        super().__init__()
        self.seconds, self.mode, self.path = seconds, mode, path

    def createInstance(self):
        return type(self)(self.seconds, self.mode, self.path)

    def name(self):
        return "lookups"

    def displayName(self):
        return "lookups"

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterFeatureSource("INPUT", "in"))
        self.addParameter(QgsProcessingParameterFeatureSource("PATH", "path", optional=True))
        self.addParameter(QgsProcessingParameterCrs("CRS", "crs", optional=True))
        self.addParameter(QgsProcessingParameterFeatureSource("SELECTED", "selected", optional=True))

    def processAlgorithm(self, parameters, context, feedback):
        n, started = 0, time.time()
        if self.mode == "postprocess":
            # the check an import's post-processing makes of its new table, in a tight loop: the
            # whole post-processing (a style and a stamp written each time) lets too few lookups
            # through to meet the legend's scope reliably
            from dig_once.processing_algorithms._connectivity import loads_as_layer

            while time.time() - started < self.seconds:
                assert loads_as_layer(self.path, context)
                n += 1
            return {"N": n}
        while time.time() - started < self.seconds:
            layer = self.parameterAsVectorLayer(parameters, "INPUT", context)
            source = self.parameterAsSource(parameters, "PATH", context)
            crs = self.parameterAsCrs(parameters, "CRS", context)
            selected = self.parameterAsSource(parameters, "SELECTED", context)
            assert layer.name() == "works" and source.featureCount() == 0 and crs.authid() == "EPSG:27700"
            assert selected.featureCount() == 0
            n += 1
        return {"N": n}

"""Shared base of the Dig Once algorithms: naming, translation, parameter stamping."""

from __future__ import annotations

import json
from typing import Any

from qgis.core import QgsProcessingAlgorithm
from qgis.PyQt.QtCore import QCoreApplication


class BaseAlgorithm(QgsProcessingAlgorithm):
    """Every Dig Once algorithm derives from this; subclasses stay thin over ``plugin.core``."""

    group_id = "analysis"
    group_name = "Analysis"

    def tr(self, message: str) -> str:
        return QCoreApplication.translate(type(self).__name__, message)

    def createInstance(self):  # noqa: N802
        return type(self)()

    def group(self) -> str:
        return QCoreApplication.translate("BaseAlgorithm", self.group_name)

    def groupId(self) -> str:  # noqa: N802
        return self.group_id

    def helpUrl(self) -> str:  # noqa: N802
        return "https://github.com/dig-once/dig_once#processing-algorithms"

    @staticmethod
    def parameters_json(parameters: dict[str, Any]) -> str:
        """The run's parameters as stable JSON, for stamping into outputs."""

        def plain(value: Any) -> Any:
            if isinstance(value, (str, int, float, bool)) or value is None:
                return value
            if isinstance(value, (list, tuple)):
                return [plain(v) for v in value]
            if isinstance(value, dict):
                return {str(k): plain(v) for k, v in value.items()}
            return str(value)

        return json.dumps({k: plain(v) for k, v in sorted(parameters.items())}, sort_keys=True)

"""The ``digonce`` Processing provider."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from pathlib import Path

from qgis.core import QgsProcessingProvider
from qgis.PyQt.QtGui import QIcon

from ..plugin.toolbelt.i18n import tr
from ..plugin.toolbelt.resources import resources_path
from .base import BaseAlgorithm

_NOT_ALGORITHMS = {"__init__", "base", "provider"}


def algorithm_classes() -> list[type[BaseAlgorithm]]:
    """Every concrete algorithm class, found in this package's modules (one per module)."""
    found: list[type[BaseAlgorithm]] = []
    package = __name__.rsplit(".", 1)[0]
    for info in sorted(pkgutil.iter_modules([str(Path(__file__).parent)]), key=lambda m: m.name):
        if info.name in _NOT_ALGORITHMS or info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{package}.{info.name}")
        for _, obj in inspect.getmembers(module, inspect.isclass):
            if (
                issubclass(obj, BaseAlgorithm)
                and obj is not BaseAlgorithm
                and obj.__module__ == module.__name__
            ):
                found.append(obj)
    return found


class DigOnceProvider(QgsProcessingProvider):
    """Provider id ``digonce``: the algorithms appear as ``digonce:<name>``."""

    def id(self) -> str:
        return "digonce"

    def name(self) -> str:
        return tr("Dig Once")

    def longName(self) -> str:  # noqa: N802
        return tr("Dig Once: street works coordination and full-fibre coverage")

    def icon(self) -> QIcon:
        return QIcon(str(resources_path("icons", "dig_once.svg")))

    def loadAlgorithms(self) -> None:  # noqa: N802
        for cls in algorithm_classes():
            self.addAlgorithm(cls())

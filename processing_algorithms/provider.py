"""The ``digonce`` Processing provider."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from pathlib import Path

from qgis.core import Qgis, QgsMessageLog, QgsProcessingProvider
from qgis.PyQt.QtGui import QIcon

from ..plugin.toolbelt.i18n import tr
from ..plugin.toolbelt.resources import resources_path
from .base import BaseAlgorithm

_NOT_ALGORITHMS = {"__init__", "base", "provider"}


def algorithm_classes(errors: list[str] | None = None) -> list[type[BaseAlgorithm]]:
    """Every concrete algorithm class, found in this package's modules (one per module).

    A module that fails to import is skipped (its error appended to ``errors``), so one
    broken algorithm never takes the others down with it.
    """
    found: list[type[BaseAlgorithm]] = []
    package = __name__.rsplit(".", 1)[0]
    for info in sorted(pkgutil.iter_modules([str(Path(__file__).parent)]), key=lambda m: m.name):
        if info.name in _NOT_ALGORITHMS or info.name.startswith("_"):
            continue
        try:
            module = importlib.import_module(f"{package}.{info.name}")
        except Exception as exc:  # noqa: BLE001 - reported, and the other algorithms still load
            if errors is not None:
                errors.append(f"{info.name}: {type(exc).__name__}: {exc}")
            continue
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

    def __init__(self):
        super().__init__()
        self.load_errors: list[str] = []

    def loadAlgorithms(self) -> None:  # noqa: N802
        self.load_errors = []
        for cls in algorithm_classes(self.load_errors):
            self.addAlgorithm(cls())
        for error in self.load_errors:
            QgsMessageLog.logMessage(
                tr("Algorithm module not loaded: {error}").format(error=error),
                "Dig Once",
                Qgis.MessageLevel.Critical,
            )

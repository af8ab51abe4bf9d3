"""Shared base of the Dig Once algorithms: naming, translation, parameter stamping."""

from __future__ import annotations

import html
import json
import re
from typing import Any

from qgis.core import Qgis, QgsApplication, QgsProcessingAlgorithm
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

#: The group names, marked for pylupdate5 (``group()`` translates them in this context).
GROUP_NAMES = (
    QT_TRANSLATE_NOOP("BaseAlgorithm", "Analysis"),
    QT_TRANSLATE_NOOP("BaseAlgorithm", "Import"),
    QT_TRANSLATE_NOOP("BaseAlgorithm", "Report"),
)


def plain_help(text: str) -> str:
    """Help written with a little HTML (bold, paragraphs, lists) as plain text, for
    ``qgis_process help``, which prints the tags as they are."""
    text = re.sub(r"<br\s*/?>", "\n", text, flags=re.I)
    text = re.sub(r"</p>\s*", "\n\n", text, flags=re.I)
    text = re.sub(r"<li>\s*", "- ", text, flags=re.I)
    text = re.sub(r"</li>\s*", "\n", text, flags=re.I)
    text = re.sub(r"<[^>]+>", "", text)
    text = re.sub(r"\n{3,}", "\n\n", html.unescape(text))
    return text.strip()


class BaseAlgorithm(QgsProcessingAlgorithm):
    """Every Dig Once algorithm derives from this; subclasses stay thin over ``plugin.core``.

    Help is written once, with a little HTML for the toolbox's help panel; outside the
    desktop (``qgis_process help``) it is given as plain text.
    """

    group_id = "analysis"
    group_name = "Analysis"

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        written = cls.__dict__.get("shortHelpString")
        if written is None:
            return

        def shortHelpString(self) -> str:  # noqa: N802 (QGIS API)
            text = written(self)
            return text if QgsApplication.platform() == "desktop" else plain_help(text)

        shortHelpString.__doc__ = written.__doc__
        cls.shortHelpString = shortHelpString

    def tr(self, message: str) -> str:
        """Translate in the class's context; strings written in a base class (e.g. the shared
        parameters of ``ConnectivityImport``) are extracted in that base's context, so try it next."""
        for cls in type(self).__mro__:
            if not (isinstance(cls, type) and issubclass(cls, BaseAlgorithm)):
                break
            text = QCoreApplication.translate(cls.__name__, message)
            if text != message:
                return text
        return message

    def createInstance(self):  # noqa: N802
        return type(self)()

    def group(self) -> str:
        return QCoreApplication.translate("BaseAlgorithm", self.group_name)

    def groupId(self) -> str:  # noqa: N802
        return self.group_id

    def helpUrl(self) -> str:  # noqa: N802
        return "https://github.com/dig-once/dig_once#processing-algorithms"

    def source_unchecked(self, parameters, name: str, context):
        """``parameterAsSource`` without the context's invalid-geometry filter, for inputs whose
        "invalid" geometries are expected and handled: a pairs layer's zero-length lines (works
        that touch), boundary files with small self-intersections, works whose invalid polygons
        the engine repairs. The context's setting is restored afterwards."""
        check = context.invalidGeometryCheck()
        context.setInvalidGeometryCheck(Qgis.InvalidGeometryCheck.NoCheck)
        try:
            return self.parameterAsSource(parameters, name, context)
        finally:
            context.setInvalidGeometryCheck(check)

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

"""A processing feedback that keeps what an algorithm said, for a test to assert on."""

from __future__ import annotations

from qgis.core import QgsProcessingFeedback


class Said(QgsProcessingFeedback):
    """Keeps what an algorithm says: each kind apart (``infos``, ``warnings``, ``errors``), and the
    infos and warnings in the order they came (``lines``, what the log shows between the errors);
    each message is still passed on to QGIS's own feedback."""

    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = []
        self.infos: list[str] = []
        self.warnings: list[str] = []
        self.errors: list[str] = []

    def pushInfo(self, info: str) -> None:
        self.infos.append(info)
        self.lines.append(info)
        super().pushInfo(info)

    def pushWarning(self, warning: str) -> None:
        self.warnings.append(warning)
        self.lines.append(warning)
        super().pushWarning(warning)

    def reportError(self, error: str, fatalError: bool = False) -> None:
        self.errors.append(error)
        super().reportError(error, fatalError)

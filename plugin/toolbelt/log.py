"""A logger that forwards to QGIS's message log under the plugin's tab."""

from __future__ import annotations

import logging

from qgis.core import Qgis, QgsMessageLog

LOG_TAG = "Dig Once"
LOGGER_NAME = "dig_once"

_LEVELS = {
    logging.DEBUG: Qgis.MessageLevel.Info,
    logging.INFO: Qgis.MessageLevel.Info,
    logging.WARNING: Qgis.MessageLevel.Warning,
    logging.ERROR: Qgis.MessageLevel.Critical,
    logging.CRITICAL: Qgis.MessageLevel.Critical,
}


class QgsLogHandler(logging.Handler):
    """Send log records to ``QgsMessageLog`` (tab "Dig Once")."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            QgsMessageLog.logMessage(
                self.format(record), LOG_TAG, _LEVELS.get(record.levelno, Qgis.MessageLevel.Info)
            )
        except Exception:  # noqa: BLE001 - a logging handler must never raise
            self.handleError(record)


def install_log_handler() -> QgsLogHandler:
    """Attach a :class:`QgsLogHandler` to the plugin's logger and return it."""
    handler = QgsLogHandler()
    handler.setFormatter(logging.Formatter("%(message)s"))
    logger = logging.getLogger(LOGGER_NAME)
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    return handler


def remove_log_handler(handler: logging.Handler | None) -> None:
    """Detach a handler added by :func:`install_log_handler`."""
    if handler is not None:
        logging.getLogger(LOGGER_NAME).removeHandler(handler)

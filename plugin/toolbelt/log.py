"""The plugin's messages in QGIS's log panel, under its own tab ("Dig Once").

Algorithms report through their feedback (the Processing log); what happens outside an
algorithm (loading, missing packages, installing them) goes here.
"""

from __future__ import annotations

from qgis.core import Qgis, QgsMessageLog

LOG_TAG = "Dig Once"


def log(message: str, level: Qgis.MessageLevel = Qgis.MessageLevel.Info) -> None:
    """Write ``message`` to the Dig Once tab of QGIS's log panel."""
    QgsMessageLog.logMessage(message, LOG_TAG, level)

"""Dig Once: find dig-once clashes, opportunities and coverage gaps for London's streets.

Only ``classFactory`` lives here, and it imports lazily: importing ``plugin.core`` (or this
package) never imports QGIS.
"""


def classFactory(iface):  # noqa: N802  (QGIS entry point)
    """Create the plugin object; QGIS calls this with its ``iface`` (may be None headless)."""
    from .plugin.main import DigOncePlugin

    return DigOncePlugin(iface)

"""Dig Once: find dig-once clashes, opportunities and coverage gaps for London's streets.

Only ``classFactory`` lives here, and it imports lazily: importing ``plugin.core`` (or this
package) never imports QGIS.
"""


def classFactory(iface):  # noqa: N802  (QGIS entry point)
    """Create the plugin object; QGIS calls this with its ``iface`` (may be None headless)."""
    # The subpackages are imported by name so that QGIS records them among the plugin's modules
    # and unloads them with it: a reinstall in the same QGIS then loads every module afresh.
    from . import plugin, processing_algorithms  # noqa: F401
    from .plugin.main import DigOncePlugin

    return DigOncePlugin(iface)

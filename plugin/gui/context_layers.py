"""Map context under the results: London borough outlines (shipped with the plugin) and, on
request, the OpenStreetMap basemap, in a "Dig Once context" group at the bottom of the layers.

Results drawn on white cannot be placed; a planner expects to see boroughs and streets. The
outlines are a small GeoPackage in ``resources/boundaries`` (OGL v3); the basemap is QGIS's
standard XYZ source for OpenStreetMap tiles, added only when the user asks (it needs the
internet and has its own usage policy).
"""

from __future__ import annotations

from qgis.core import (
    QgsFillSymbol,
    QgsLayerTreeGroup,
    QgsMapLayer,
    QgsPalLayerSettings,
    QgsProject,
    QgsRasterLayer,
    QgsTextFormat,
    QgsVectorLayer,
    QgsVectorLayerSimpleLabeling,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP
from qgis.PyQt.QtGui import QColor

from ..core.palette import colour as palette_colour
from ..toolbelt.i18n import tr
from ..toolbelt.resources import resources_path

CONTEXT_GROUP = QT_TRANSLATE_NOOP("@default", "Dig Once context")  # marked for pylupdate5; tr() at use
BOROUGHS_PROPERTY = "dig_once/context"
OSM_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OSM_ATTRIBUTION = "© OpenStreetMap contributors"
BOROUGHS_ATTRIBUTION = (
    "London borough boundaries: GLA Statistical GIS Boundary Files for London, OGL v3. Contains National "
    "Statistics data © Crown copyright and database right; contains Ordnance Survey data © Crown copyright "
    "and database right."
)


def boroughs_path() -> str:
    return str(resources_path("boundaries", "london_boroughs.gpkg"))


def borough_outlines_layer() -> QgsVectorLayer:
    """The boroughs as thin grey outlines with their names: context, not data."""
    layer = QgsVectorLayer(f"{boroughs_path()}|layername=london_boroughs", tr("London boroughs"), "ogr")
    symbol = QgsFillSymbol.createSimple(
        {
            "style": "no",
            "outline_color": palette_colour("borough"),
            "outline_width": "0.4",
            "outline_style": "dash",
        }
    )
    layer.renderer().setSymbol(symbol)
    settings = QgsPalLayerSettings()
    settings.fieldName = "name"
    text = QgsTextFormat()
    text.setColor(QColor(90, 90, 90))
    text.setSize(8)
    settings.setFormat(text)
    layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))
    layer.setLabelsEnabled(True)
    layer.serverProperties().setAttribution(BOROUGHS_ATTRIBUTION)
    metadata = layer.metadata()
    metadata.setRights([BOROUGHS_ATTRIBUTION])
    metadata.setLicenses(["Open Government Licence v3.0"])
    layer.setMetadata(metadata)
    layer.setCustomProperty(BOROUGHS_PROPERTY, "boroughs")
    return layer


def osm_basemap_layer() -> QgsRasterLayer:
    """OpenStreetMap tiles through QGIS's XYZ provider (nothing is fetched until drawn)."""
    uri = f"type=xyz&url={OSM_URL}&zmin=0&zmax=19&crs=EPSG3857"
    layer = QgsRasterLayer(uri, tr("OpenStreetMap"), "wms")
    layer.serverProperties().setAttribution(OSM_ATTRIBUTION)
    layer.setCustomProperty(BOROUGHS_PROPERTY, "osm")
    return layer


def context_group(project: QgsProject | None = None) -> QgsLayerTreeGroup:
    """The context group, last in the layer tree so it draws under everything."""
    project = project or QgsProject.instance()
    root = project.layerTreeRoot()
    group = root.findGroup(tr(CONTEXT_GROUP))
    if group is None:
        group = root.addGroup(tr(CONTEXT_GROUP))
    return group


def context_layer(kind: str, project: QgsProject | None = None) -> QgsMapLayer | None:
    project = project or QgsProject.instance()
    for layer in project.mapLayers().values():
        if layer.customProperty(BOROUGHS_PROPERTY) == kind:
            return layer
    return None


def add_context(*, basemap: bool = False, project: QgsProject | None = None) -> list[QgsMapLayer]:
    """Add the borough outlines (and the basemap when asked) once; returns the layers added."""
    project = project or QgsProject.instance()
    added: list[QgsMapLayer] = []
    wanted = [("boroughs", borough_outlines_layer)] + ([("osm", osm_basemap_layer)] if basemap else [])
    for kind, make in wanted:
        if context_layer(kind, project) is not None:
            continue
        layer = make()
        if not layer.isValid():
            continue
        project.addMapLayer(layer, False)
        context_group(project).addLayer(layer)  # the basemap goes last: under the outlines
        added.append(layer)
    return added

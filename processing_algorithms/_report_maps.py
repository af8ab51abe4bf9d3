"""The report's maps, drawn headless (a helper module: not an algorithm): the overview of the
layers given, and each coordination group's own map. Both are PNG bytes with a legend of
(label, colour) for :mod:`plugin.core.report_html`."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import shapely
from qgis.core import (
    QgsCoordinateTransform,
    QgsFeature,
    QgsFillSymbol,
    QgsGeometry,
    QgsMapLayer,
    QgsMapRendererParallelJob,
    QgsMapSettings,
    QgsPalLayerSettings,
    QgsRectangle,
    QgsSingleSymbolRenderer,
    QgsTextFormat,
    QgsVectorLayer,
    QgsVectorLayerSimpleLabeling,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QBuffer, QByteArray, QIODevice, QSize
from qgis.PyQt.QtGui import QColor

from ..plugin.core.boroughs import borough_by_code
from ..plugin.core.meeting import MeetingGroup
from ..plugin.core.palette import colour, palette
from ..plugin.core.palette import label as palette_label
from ..plugin.toolbelt.layers import BNG
from ..plugin.toolbelt.resources import resources_path

#: the QML styles a result layer may take, by its role (the report's parameter name)
ROLE_STYLES = {
    "WORKS": ("works_{kind}",),
    "PAIRS": ("overlap_pairs",),
    "GROUPS": ("overlap_groups",),
    "GAPS": ("coverage_gaps",),
    "NOTSPOTS": ("notspots_postcodes", "notspots"),  # the postcodes' style for points
    "SPINE": ("spine",),
}
GEOMETRY_KINDS = {
    QgsWkbTypes.GeometryType.PointGeometry: "point",
    QgsWkbTypes.GeometryType.LineGeometry: "line",
    QgsWkbTypes.GeometryType.PolygonGeometry: "polygon",
}
GROUP_MAP_SIZE = (900, 560)


def render_png(layers: Sequence[QgsMapLayer], extent: QgsRectangle, size: tuple[int, int], context) -> bytes:
    """The layers (the first drawn on top) over ``extent`` in EPSG:27700, on white, as PNG."""
    settings = QgsMapSettings()
    settings.setLayers(list(layers))
    settings.setDestinationCrs(BNG)
    settings.setTransformContext(context.transformContext())
    settings.setOutputSize(QSize(*size))
    settings.setBackgroundColor(QColor(255, 255, 255))
    settings.setExtent(extent)
    job = QgsMapRendererParallelJob(settings)
    job.start()
    job.waitForFinished()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    job.renderedImage().save(buffer, "PNG")
    buffer.close()
    return bytes(data)


def load_style(layer: QgsVectorLayer, styles: Iterable[str]) -> None:
    """The first of the plugin's QML styles that exists and loads."""
    for style in styles:
        qml = resources_path("styles", f"{style}.qml")
        if qml.exists():
            _message, ok = layer.loadNamedStyle(str(qml))
            if ok:
                return


def styled_copy(role: str, layer: QgsVectorLayer) -> QgsVectorLayer:
    """A copy of the layer in the plugin's style for its role (the project's is untouched)."""
    copy = layer.clone()
    kind = GEOMETRY_KINDS.get(QgsWkbTypes.geometryType(layer.wkbType()), "")
    styles = ROLE_STYLES[role]
    if role == "NOTSPOTS" and kind != "point":
        styles = styles[1:]
    load_style(copy, [style.format(kind=kind) for style in styles])
    return copy


def render_map(layers: Mapping[str, QgsVectorLayer], order: Sequence[str], width: int, context):
    """(PNG bytes, legend [(label, colour)], layers drawn) of the layers in ``order``, bottom
    first; (None, [], 0) without a layer with geometries."""
    copies = []
    extent = QgsRectangle()
    for role in order:
        layer = layers.get(role)
        if layer is None or not layer.isSpatial() or layer.featureCount() == 0:
            continue
        copies.append(styled_copy(role, layer))
        box = layer.extent()
        if layer.crs().isValid() and layer.crs() != BNG:
            box = QgsCoordinateTransform(layer.crs(), BNG, context.transformContext()).transformBoundingBox(
                box
            )
        extent.combineExtentWith(box)
    if not copies or extent.isNull():
        return None, [], 0
    margin = max(extent.width(), extent.height(), 200.0) * 0.06
    extent.grow(margin)
    height = int(min(0.8, max(0.4, extent.height() / max(extent.width(), 1.0))) * width)
    png = render_png(list(reversed(copies)), extent, (width, height), context)
    legend = []
    for copy in reversed(copies):
        for item in copy.renderer().legendSymbolItems():
            symbol = item.symbol()
            if symbol is not None:
                label = item.label() or copy.name()
                legend.append((f"{copy.name()}: {label}" if item.label() else label, symbol.color().name()))
    return png, legend, len(copies)


def memory_layer(geometry: str, fields: str, name: str, rows: Iterable[tuple[list, Any]]) -> QgsVectorLayer:
    """A memory layer in EPSG:27700 of (attributes, shapely geometry) rows."""
    layer = QgsVectorLayer(f"{geometry}?crs=EPSG:27700{fields}", name, "memory")
    feats = []
    for attrs, geom in rows:
        f = QgsFeature(layer.fields())
        f.setAttributes(attrs)
        f.setGeometry(QgsGeometry.fromWkt(geom.wkt))
        feats.append(f)
    layer.dataProvider().addFeatures(feats)
    layer.updateExtents()
    return layer


def _numbered(layer: QgsVectorLayer) -> None:
    """Every works labelled with its number, as in its table, even where crowded."""
    settings = QgsPalLayerSettings()
    settings.fieldName = "n"
    settings.displayAll = True
    text_format = QgsTextFormat()
    text_format.setSize(9)
    buffer = text_format.buffer()
    buffer.setEnabled(True)
    buffer.setSize(1.0)
    text_format.setBuffer(buffer)
    settings.setFormat(text_format)
    layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))
    layer.setLabelsEnabled(True)


def render_group_map(group: MeetingGroup, basemap, context, outline_label: str):
    """(PNG bytes, legend [(label, colour)]) of one group: the borough outline, its works
    (numbered as in its table, in the works styles), the shortest links between them (the
    pairs style), and the basemap when given. Colours and labels come from the palette.
    ``outline_label`` is the legend's text of the outline, with ``{name}``."""
    geoms = [w["geometry"] for w in group.works if w.get("geometry") is not None]
    links = [p for p in group.pairs if p.get("geometry") is not None]
    if not geoms and not links:
        return None, []
    layers = []
    legend: list[tuple[str, str]] = []
    kinds = sorted({str(p["kind"]) for p in links})
    if links:
        pairs = memory_layer("LineString", "&field=kind:string", "links",
                             [([p["kind"]], shapely.force_2d(p["geometry"])) for p in links])  # fmt: skip
        load_style(pairs, ["overlap_pairs"])
        layers.append(pairs)
        legend += [(palette_label(k), colour(k)) for k in ("clash", "opportunity") if k in kinds]
    by_type: dict[str, list] = {}
    for n, w in enumerate(group.works, start=1):
        geom = w.get("geometry")
        if geom is None:
            continue
        kind = {"Point": "point", "MultiPoint": "point", "LineString": "line",
                "MultiLineString": "line"}.get(geom.geom_type, "polygon")  # fmt: skip
        by_type.setdefault(kind, []).append(([str(n), w.get("permit_ref"), w.get("category") or ""], geom))
    mapping = palette()["styles"]["works_line"]
    for kind, rows in by_type.items():
        geometry = {"point": "MultiPoint", "line": "MultiLineString", "polygon": "MultiPolygon"}[kind]
        layer = memory_layer(geometry, "&field=n:string&field=permit_ref:string&field=category:string",
                             f"works {kind}", [(a, shapely.force_2d(g)) for a, g in rows])  # fmt: skip
        load_style(layer, [f"works_{kind}"])
        _numbered(layer)
        layers.append(layer)
    for cat in sorted({str(w.get("category") or "") for w in group.works}):
        meaning = mapping.get(cat, mapping[""])
        entry = (palette_label(meaning), colour(meaning))
        if entry not in legend:
            legend.append(entry)
    extent = QgsRectangle()
    for g in geoms or [p["geometry"] for p in links]:
        minx, miny, maxx, maxy = g.bounds
        extent.combineExtentWith(QgsRectangle(minx, miny, maxx, maxy))
    extent.grow(max(40.0, 0.25 * max(extent.width(), extent.height())))
    borough = borough_by_code(group.borough_code) if group.borough_code else None
    if borough is not None:
        outline = memory_layer(
            "MultiPolygon", "&field=name:string", "borough", [([borough.name], borough.geometry)]
        )
        symbol = QgsFillSymbol.createSimple({"color": "0,0,0,0", "outline_color": colour("borough"),
                                             "outline_width": "0.8", "outline_style": "dash"})  # fmt: skip
        outline.setRenderer(QgsSingleSymbolRenderer(symbol))
        layers.append(outline)
        view = shapely.box(extent.xMinimum(), extent.yMinimum(), extent.xMaximum(), extent.yMaximum())
        if view.intersects(borough.geometry.boundary):  # listed only when it shows
            legend.append((outline_label.format(name=borough.name), colour("borough")))
    if basemap is not None:
        layers.append(basemap)
    return render_png(layers, extent, GROUP_MAP_SIZE, context), legend

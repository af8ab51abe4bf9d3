"""Which layers show a store table in a project: one per geometry family for the tables whose
rows mix points, lines and areas (Street Manager works and restrictions), each styled by its
family's QML; the whole table otherwise. The toolbox (an import's outputs) and the Dig Once
panel load the same layers, names and styles from here."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from ..layerio.gpkg import quote
from ..store import Store
from .resources import resources_path

#: geometry family -> (OGR geometrytype filter, style suffix, label)
FAMILIES = {
    "point": ("Point", "point", "points"),
    "line": ("LineString", "line", "lines"),
    "polygon": ("Polygon", "polygon", "areas"),
}
#: store tables shown one layer per geometry family -> the style their QMLs are named after
#: (resources/styles/<style>_<suffix>.qml)
FAMILY_STYLES = {"works": "works", "restrictions": "restrictions"}
GEOMETRY_TYPE = "|geometrytype="


@dataclass(frozen=True)
class StoreLayer:
    """One layer to load: its data source, its name in the project, its style (or None: the
    table's own default style, if the store holds one)."""

    uri: str
    name: str
    qml: Path | None


#: geometry family -> its WKB type codes (single and multi; Z/M variants reduced by % 1000)
FAMILY_CODES = {"point": {1, 4}, "line": {2, 5}, "polygon": {3, 6}}


def geometry_families(path: str | Path, table: str) -> list[str]:
    """Geometry families present in a store table, from each blob's WKB type (header only).
    Rows are read in storage order until every family has been seen: a mixed works table of
    millions answers after a few rows (the panel asks when it opens), not after a scan."""
    seen: set[int] = set()
    with sqlite3.connect(path) as db:
        try:
            rows = db.execute(
                f"SELECT substr(geom, 1, 77) FROM {quote(table)} WHERE geom IS NOT NULL"  # nosec B608  # identifiers quoted, values bound as parameters
            )
            for (head,) in rows:
                head = bytes(head)
                offset = 8 + {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}.get((head[3] >> 1) & 7, 0)
                order = "<" if head[offset] == 1 else ">"
                seen.add(
                    int.from_bytes(head[offset + 1 : offset + 5], "little" if order == "<" else "big") % 1000
                )
                if all(seen & codes for codes in FAMILY_CODES.values()):
                    break
        except (sqlite3.Error, IndexError):
            return []
    return [family for family, codes in FAMILY_CODES.items() if seen & codes]


def store_layers(
    store: Store, table: str, style: str | None = None, *, keep_empty: bool = False
) -> list[StoreLayer]:
    """The layers that show a ``table`` of the ``store``: with a ``style`` (by default the
    table's in :data:`FAMILY_STYLES`) one per geometry family present, ``<table> (points)`` etc.
    on a ``|geometrytype=`` sub-source; else the whole table. A table without any geometry
    (none of its kind in the file imported) has no family layer, or with ``keep_empty`` the
    whole table's, so that a check can still be run on it and find nothing."""
    uri = store.layer_uri(table)
    style = style or FAMILY_STYLES.get(table)
    if style is None:
        return [StoreLayer(uri, table, None)]
    layers = []
    for family in geometry_families(store.path, table):
        ogr_type, suffix, label = FAMILIES[family]
        qml = resources_path("styles", f"{style}_{suffix}.qml")
        layers.append(
            StoreLayer(f"{uri}{GEOMETRY_TYPE}{ogr_type}", f"{table} ({label})", qml if qml.exists() else None)
        )
    return layers or ([StoreLayer(uri, table, None)] if keep_empty else [])


def whole_table_source(source: str) -> str:
    """The source of the whole table a geometry family's layer shows (other sources unchanged):
    a check or the live check reads every work, not only the points or the lines."""
    head, found, tail = source.partition(GEOMETRY_TYPE)
    return head + ("|" + tail.split("|", 1)[1] if found and "|" in tail else "")

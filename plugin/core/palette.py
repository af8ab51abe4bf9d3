"""Dig Once colours, defined once: one colour, one meaning, everywhere. No QGIS here.

The palette is ``resources/styles/palette.json``: ``colours`` maps a meaning to its colour and
label; ``styles`` maps each QML style's categories (``*`` for a single symbol) to a meaning;
``ink`` lists the neutral greys allowed for outlines and the report's text and rules.

:func:`recolour_qml` rewrites a style's symbol colours from the palette (outlines in an ink
grey are kept, white fills stay hollow); run this module to recolour every style in ``resources/styles``::

    cd .pkgroot && ../.venv/bin/python -m dig_once.plugin.core.palette

>>> colour("clash")
'#d7191c'
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from functools import lru_cache
from pathlib import Path
from typing import Any

STYLES_DIR = Path(__file__).resolve().parents[2] / "resources" / "styles"
PALETTE_JSON = STYLES_DIR / "palette.json"

#: symbol-layer options that carry the symbol's own colour (outlines are handled apart)
FILL_OPTIONS = ("color", "line_color", "fill_color")
OUTLINE_OPTIONS = ("outline_color",)


@lru_cache(maxsize=1)
def palette() -> dict[str, Any]:
    return json.loads(PALETTE_JSON.read_text(encoding="utf-8"))


def colour(meaning: str) -> str:
    """The colour (``#rrggbb``) of a meaning, e.g. ``clash``."""
    return palette()["colours"][meaning][0]


def label(meaning: str) -> str:
    return palette()["colours"][meaning][1]


def ink() -> frozenset[str]:
    return frozenset(c.lower() for c in palette()["ink"])


def hex_of(value: str) -> str | None:
    """``#rrggbb`` of a QML colour value (``#rrggbb``, ``#rrggbbaa`` or ``r,g,b,a[,rgb:...]``).

    >>> hex_of("215,25,28,255,rgb:0.84,0.09,0.1,1"), hex_of("#D7191C80")
    ('#d7191c', '#d7191c')
    """
    value = (value or "").strip()
    if value.startswith("#") and len(value) in (7, 9):
        return value[:7].lower()
    parts = value.split(",")
    if len(parts) >= 3 and all(p.strip().isdigit() for p in parts[:3]):
        return "#{:02x}{:02x}{:02x}".format(*(int(p) for p in parts[:3]))
    return None


def _with_colour(old: str, new_hex: str) -> str:
    """``new_hex`` written in the format of ``old``, keeping its alpha."""
    r, g, b = (int(new_hex[i : i + 2], 16) for i in (1, 3, 5))
    if old.startswith("#"):
        return new_hex + (old[7:9] if len(old) == 9 else "")
    parts = old.split(",")
    alpha = int(parts[3]) if len(parts) > 3 and parts[3].strip().isdigit() else 255
    return f"{r},{g},{b},{alpha},rgb:{r / 255:.17g},{g / 255:.17g},{b / 255:.17g},{alpha / 255:.17g}"


def renderer_symbols(root: ET.Element) -> list[tuple[str, ET.Element]]:
    """(category key, symbol element) of a style's renderer: the category value ("" for the
    catch-all, "NULL" as QGIS writes it), or ``*`` for a single-symbol renderer."""
    renderer = root.find("renderer-v2")
    if renderer is None:
        return []
    symbols = {s.get("name"): s for s in renderer.find("symbols") or []}
    if renderer.get("type") == "categorizedSymbol":
        out = []
        for cat in renderer.iter("category"):
            symbol = symbols.get(cat.get("symbol"))
            if symbol is not None:
                out.append((cat.get("value") or "", symbol))
        return out
    return [("*", s) for s in symbols.values()]


def symbol_colours(symbol: ET.Element) -> tuple[set[str], set[str]]:
    """(fill/line colours, outline colours) of a symbol and its sub-symbols, as ``#rrggbb``."""
    fills: set[str] = set()
    outlines: set[str] = set()
    for option in symbol.iter("Option"):
        name = option.get("name")
        value = hex_of(option.get("value") or "")
        if value is None:
            continue
        if name in FILL_OPTIONS:
            fills.add(value)
        elif name in OUTLINE_OPTIONS:
            outlines.add(value)
    return fills, outlines


def recolour_qml(text: str, mapping: dict[str, str]) -> str:
    """The QML ``text`` with each category's symbol in its meaning's colour (``mapping``:
    category key -> meaning). Outlines in an ink grey stay; other outlines take the colour."""
    doctype = re.match(r"\s*(<!DOCTYPE[^>]*>)", text)
    # comments kept: they say why a style looks as it does
    root = ET.fromstring(text, parser=ET.XMLParser(target=ET.TreeBuilder(insert_comments=True)))  # nosec B314  # expat: no external entities, entity expansion limited
    greys = ink()
    for key, symbol in renderer_symbols(root):
        meaning = mapping.get(key)
        if meaning is None:
            continue
        new = colour(meaning)
        for option in symbol.iter("Option"):
            name, value = option.get("name"), option.get("value") or ""
            current = hex_of(value)
            if current is None:
                continue
            # a white fill is a hollow symbol (e.g. a place not known exactly): it stays hollow
            hollow = name in FILL_OPTIONS and current == "#ffffff" and meaning != "unlocated"
            if (name in FILL_OPTIONS and not hollow) or (name in OUTLINE_OPTIONS and current not in greys):
                option.set("value", _with_colour(value, new))
    body = ET.tostring(root, encoding="unicode").replace(" />", "/>")  # as QGIS writes them
    return (doctype.group(1) + "\n" if doctype else "") + body + "\n"


def apply_palette(styles_dir: Path = STYLES_DIR) -> list[str]:
    """Recolour every style named in the palette; returns the files changed."""
    changed = []
    for style, mapping in palette()["styles"].items():
        path = styles_dir / f"{style}.qml"
        old = path.read_text(encoding="utf-8")
        new = recolour_qml(old, mapping)
        if new != old:
            path.write_text(new, encoding="utf-8")
            changed.append(path.name)
    return changed


if __name__ == "__main__":
    for name in apply_palette():
        print(f"recoloured {name}")

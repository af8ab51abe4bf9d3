"""One colour, one meaning: the QML styles and the report take their colours from
resources/styles/palette.json, and no colour means two things."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from dig_once.plugin.core.palette import (
    STYLES_DIR,
    colour,
    ink,
    palette,
    recolour_qml,
    renderer_symbols,
    symbol_colours,
)


def test_no_two_meanings_share_a_colour_and_no_meaning_is_an_ink_grey():
    colours = [c.lower() for c, _label in palette()["colours"].values()]
    assert len(colours) == len(set(colours))
    assert not (set(colours) - {"#ffffff"}) & ink()


@pytest.mark.parametrize("style", sorted(palette()["styles"]))
def test_every_category_of_the_style_is_drawn_in_its_meanings_colour(style):
    mapping = palette()["styles"][style]
    root = ET.parse(STYLES_DIR / f"{style}.qml").getroot()
    symbols = renderer_symbols(root)
    assert {key for key, _ in symbols} == set(mapping), "the palette names every category of the style"
    for key, symbol in symbols:
        fills, outlines = symbol_colours(symbol)
        wanted = colour(mapping[key])
        if fills == {"#ffffff"} and wanted != "#ffffff":  # a hollow symbol: its outline carries the colour
            assert outlines == {wanted}, (style, key, outlines)
        else:
            assert fills == {wanted}, (style, key)
            assert outlines <= {wanted} | ink(), (style, key, outlines)


def test_every_style_with_a_renderer_is_in_the_palette():
    named = set(palette()["styles"])
    for path in sorted(STYLES_DIR.glob("*.qml")):
        if ET.parse(path).getroot().find("renderer-v2") is not None:
            assert path.stem in named, path.name


def test_recolour_keeps_alpha_and_ink_outlines_and_changes_nothing_else():
    qml = (
        "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n"
        '<qgis><!-- why --><renderer-v2 type="categorizedSymbol" attr="kind"><categories>'
        '<category symbol="0" value="clash" label="c"/></categories><symbols>'
        '<symbol name="0" type="fill"><layer class="SimpleFill"><Option type="Map">'
        '<Option name="color" value="1,2,3,128,rgb:0,0,0,0.5"/><Option name="outline_color" value="#232323"/>'
        '<Option name="size" value="2"/></Option></layer></symbol></symbols></renderer-v2></qgis>'
    )
    out = recolour_qml(qml, {"clash": "clash"})
    assert out.startswith("<!DOCTYPE qgis") and "<!-- why -->" in out
    assert 'value="215,25,28,128,rgb:' in out and 'value="#232323"' in out and 'value="2"' in out


def test_the_styles_are_as_the_palette_writes_them():
    """Nobody edited a QML colour by hand: recolouring changes nothing."""
    for style, mapping in palette()["styles"].items():
        text = (STYLES_DIR / f"{style}.qml").read_text(encoding="utf-8")
        assert recolour_qml(text, mapping) == text, style

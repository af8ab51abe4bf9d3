"""apply_palette: the command that recolours the shipped styles rewrites exactly the styles
whose colours drifted from the palette, and nothing on a second run."""

from __future__ import annotations

import shutil

from dig_once.plugin.core import palette


def test_apply_palette_rewrites_only_a_drifted_style_and_is_idempotent(tmp_path):
    for name in palette.palette()["styles"]:
        shutil.copy(palette.STYLES_DIR / f"{name}.qml", tmp_path / f"{name}.qml")
    assert palette.apply_palette(tmp_path) == []  # the shipped styles are as the palette writes them
    drifted = tmp_path / "overlap_pairs.qml"
    clash = palette.colour("clash")
    red, green, blue = (int(clash[k : k + 2], 16) for k in (1, 3, 5))
    text = drifted.read_text(encoding="utf-8")
    assert f"{red},{green},{blue}," in text
    drifted.write_text(text.replace(f"{red},{green},{blue},", "1,2,3,"), encoding="utf-8")
    assert palette.apply_palette(tmp_path) == ["overlap_pairs.qml"]
    assert drifted.read_text(encoding="utf-8") == text
    assert palette.apply_palette(tmp_path) == []

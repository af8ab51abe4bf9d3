"""Paths to the plugin's plain resource files (no compiled .qrc: Qt6 has no pyrcc)."""

from __future__ import annotations

from pathlib import Path

PLUGIN_ROOT = Path(__file__).resolve().parents[2]


def resources_path(*parts: str) -> Path:
    """Return the path of a file under ``resources/``."""
    return PLUGIN_ROOT.joinpath("resources", *parts)


def i18n_path(*parts: str) -> Path:
    """Return the path of a file under ``i18n/``."""
    return PLUGIN_ROOT.joinpath("i18n", *parts)

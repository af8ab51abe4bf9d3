"""The plugin's settings: one dataclass, persisted with QgsSettings under ``dig_once/``."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from pathlib import Path

from qgis.core import QgsApplication, QgsSettings

PREFIX = "dig_once"


def default_store_path() -> str:
    """The store lives in the active QGIS profile unless the user moves it."""
    return str(Path(QgsApplication.qgisSettingsDirPath()) / "dig_once" / "dig_once_store.gpkg")


@dataclass
class PluginSettings:
    """Defaults for the checks and the store location (see DOMAIN.md for the figures)."""

    store_path: str = ""
    distance_m: float = 25.0
    max_gap_days: int = 90
    notspot_share_pct: float = 25.0
    notspot_level: str = "uso"
    max_spine_distance_m: float = 500.0
    #: where the panel's check results and meeting packs go (default: beside the store)
    results_path: str = ""

    def resolved_store_path(self) -> str:
        return self.store_path or default_store_path()

    def resolved_results_folder(self) -> str:
        return self.results_path or str(Path(self.resolved_store_path()).parent / "results")

    @classmethod
    def load(cls) -> PluginSettings:
        qs = QgsSettings()
        values = {}
        for f in fields(cls):
            default = f.default
            raw = qs.value(f"{PREFIX}/{f.name}", default)
            try:
                values[f.name] = type(default)(raw) if raw is not None else default
            except (TypeError, ValueError):
                values[f.name] = default
        return cls(**values)

    def save(self) -> None:
        qs = QgsSettings()
        for name, value in asdict(self).items():
            qs.setValue(f"{PREFIX}/{name}", value)

    @classmethod
    def reset(cls) -> PluginSettings:
        settings = cls()
        settings.save()
        return settings

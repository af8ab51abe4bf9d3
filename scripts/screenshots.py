"""Screenshots for the demo: the dock (rendered offscreen with ``widget.grab()``) and the
HTML report (headless Chromium).

    .venv/bin/python scripts/screenshots.py dock demo-output/dock.png [--store STORE.gpkg] [--tab data|checks|plan|settings]
    .venv/bin/python scripts/screenshots.py report demo-output/report.html demo-output/report.png

From Python (the demo): ``save_dock_screenshot(path, store=None, tab="data")`` and
``save_report_screenshot(html, png, window=(1280, 2000))``. Both return the PNG path.
The dock helper starts an offscreen QGIS when none is running; it never changes the user's
saved settings (the store is set for the screenshot only).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from pkgroot import ensure_pkgroot

CHROMIUM = "/usr/bin/chromium"
TABS = ("data", "checks", "plan", "settings")


def _qgis_app():
    """The running QgsApplication, or a new offscreen one with Processing and the plugin."""
    from qgis.core import QgsApplication

    app = QgsApplication.instance()
    if app is not None:
        return app, False
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QgsApplication([], True)
    app.initQgis()
    return app, True


def _register_provider():
    from qgis.core import QgsApplication

    if QgsApplication.processingRegistry().providerById("digonce") is not None:
        return None
    import dig_once

    plugin = dig_once.classFactory(None)
    plugin.initProcessing()
    return plugin


def save_dock_screenshot(path: str | os.PathLike[str], store: str | None = None, tab: str = "data") -> Path:
    """Render the Dig Once dock offscreen and save it as a PNG at ``path``."""
    ensure_pkgroot(importable=True)
    app, own_app = _qgis_app()
    plugin = _register_provider()
    from dig_once.plugin.gui.dock import DigOnceDock

    dock = DigOnceDock(None)
    try:
        if store:
            dock.settings.store_path = str(store)  # this screenshot only: not saved
            dock.refresh_catalogue()
        dock.tabs.setCurrentIndex(TABS.index(tab))
        dock.resize(460, 900)
        dock.show()
        app.processEvents()
        out = Path(path)
        out.parent.mkdir(parents=True, exist_ok=True)
        if not dock.grab().save(str(out), "PNG"):
            raise OSError(f"could not write {out}")
        return out
    finally:
        dock.cleanup()
        dock.close()
        dock.deleteLater()
        app.processEvents()
        if plugin is not None:
            plugin.unload()
        if own_app:
            app.exitQgis()


def save_report_screenshot(
    html: str | os.PathLike[str], png: str | os.PathLike[str], window: tuple[int, int] = (1280, 2000)
) -> Path:
    """Open the report in headless Chromium and save a screenshot; ``FileNotFoundError``
    when Chromium is absent, ``RuntimeError`` (with Chromium's log) when no image came out."""
    if not Path(CHROMIUM).exists() and shutil.which("chromium") is None:
        raise FileNotFoundError("chromium is not installed (scripts/setup.sh installs it)")
    binary = CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium")
    out = Path(png).resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="digonce-chromium-") as profile:
        result = subprocess.run(
            [
                binary, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                f"--user-data-dir={profile}", f"--window-size={window[0]},{window[1]}", f"--screenshot={out}",
                Path(html).resolve().as_uri(),
            ],
            capture_output=True, text=True, timeout=120,
        )  # fmt: skip
    if not out.exists() or out.stat().st_size == 0:
        raise RuntimeError(f"chromium wrote no screenshot: {result.stderr[-2000:]}")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="what", required=True)
    dock = sub.add_parser("dock", help="screenshot of the dock")
    dock.add_argument("png")
    dock.add_argument("--store", help="store GeoPackage whose catalogue the Data tab shows")
    dock.add_argument("--tab", choices=TABS, default="data")
    report = sub.add_parser("report", help="screenshot of an HTML report")
    report.add_argument("html")
    report.add_argument("png")
    args = parser.parse_args()
    if args.what == "dock":
        print(save_dock_screenshot(args.png, store=args.store, tab=args.tab))
    else:
        print(save_report_screenshot(args.html, args.png))


if __name__ == "__main__":
    main()

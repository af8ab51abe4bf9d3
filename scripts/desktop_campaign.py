"""A planner's first day, in the real QGIS desktop (run by scripts/desktop_campaign.sh under Xvfb).

Runs inside ``qgis --code``: installs the release zip through the Plugin Manager's own code
path, meets the missing-package message and presses its Install button, imports every Data
row of the dock from the sample scenario, runs every check from the Checks tab with what it
preselects, live-checks a plan with its own field names, reinstalls the zip and imports once
more. Screenshots of the whole window go to $DIGONCE_CAMPAIGN_OUT, with ``campaign.json``
(every step, its outcome, and every message that looked like a traceback).
"""

from __future__ import annotations

import json
import os
import sys
import time
import traceback
from pathlib import Path

from qgis.core import Qgis, QgsApplication, QgsFeature, QgsGeometry, QgsPointXY, QgsProject, QgsVectorLayer
from qgis.PyQt.QtCore import QDate, QTimer
from qgis.utils import iface, plugins

OUT = Path(os.environ["DIGONCE_CAMPAIGN_OUT"])
ZIP = Path(os.environ["DIGONCE_CAMPAIGN_ZIP"])
SAMPLE = Path(os.environ["DIGONCE_CAMPAIGN_SAMPLE"])
WHEELS = os.environ.get("DIGONCE_CAMPAIGN_WHEELS", "")
LOG: list[dict] = []
MESSAGES: list[str] = []


def messages_seen(message, tag, level):
    MESSAGES.append(f"[{tag}] {message}")


QgsApplication.messageLog().messageReceived.connect(messages_seen)


def wait(condition, timeout=300.0) -> bool:
    end = time.time() + timeout
    while time.time() < end:
        QgsApplication.processEvents()
        if condition():
            return True
        time.sleep(0.05)
    return False


def shot(name: str) -> str:
    QgsApplication.processEvents()
    path = OUT / f"{name}.png"
    screen = QgsApplication.primaryScreen()
    screen.grabWindow(0).save(str(path))
    return path.name


def step(name: str, passed: bool, **details) -> None:
    details.pop("ok", None)
    LOG.append({"step": name, "ok": bool(passed), **details})
    print(f"{'OK ' if passed else 'BAD'} {name} {json.dumps(details, default=str)[:400]}", flush=True)


def install_zip() -> None:
    from pyplugin_installer import instance

    instance().installFromZipFile(str(ZIP))
    QgsApplication.processEvents()


def every_algorithm() -> int:
    """How many algorithms this version lists (read from the installed plugin itself)."""
    return len(sys.modules["dig_once.processing_algorithms.provider"].ALGORITHMS)


def live_panels() -> int:
    """Dig Once panels still alive, whichever copy of the plugin made them: a reinstall must not
    leave the old one (its forms pointed at the removed provider's parameters)."""
    import gc

    from qgis.PyQt import sip

    return sum(
        1
        for o in gc.get_objects()
        if type(o).__name__ == "DigOnceDock"
        and type(o).__module__.startswith("dig_once.")
        and not sip.isdeleted(o)
    )


def dock():
    plugin = plugins.get("dig_once")
    return plugin.dock if plugin is not None else None


def import_row(key: str, path: str, extra=None) -> dict:
    d = dock()
    row = d.rows[key]
    row.path.setText(path)
    for name, value in (extra or {}).items():
        row.extra[name].setFilePath(value)
    done = []
    d.runFinished.connect(lambda alg, ok, msg: done.append((ok, msg)))
    d.import_or_cancel(row)
    wait(lambda: bool(done), 600)
    ok, msg = done[0] if done else (False, "timed out")
    return {"ok": ok, "message": msg, "state": row.state.text(), "data_message": d.dataMessage.text()}


def run_check(algorithm_id: str) -> dict:
    d = dock()
    section = d.checks[algorithm_id]
    done = []
    d.runFinished.connect(lambda alg, ok, msg: done.append((ok, msg)) if alg == algorithm_id else None)
    inputs = {k: str(v) for k, v in section.form.values().items() if k in section.kinds}
    names = {k: (QgsProject.instance().mapLayer(v).name() if QgsProject.instance().mapLayer(v) else v)
             for k, v in inputs.items()}  # fmt: skip
    run = d.run_check(section)
    if run is None:
        return {"ok": False, "message": section.status.text(), "inputs": names}
    wait(lambda: bool(done), 600)
    ok, msg = done[0] if done else (False, "timed out")
    return {"ok": ok, "message": msg, "status": section.status.text(), "inputs": names}


def live_check() -> dict:
    d = dock()
    plan = QgsVectorLayer(
        "LineString?crs=EPSG:27700&field=plan_ref:string&field=owner:string&field=start:date&field=finish:date",
        "My fibre plan",
        "memory",
    )
    QgsProject.instance().addMapLayer(plan)
    works = next(  # the panel loads the works one layer per geometry family: "works (points)"...
        lyr for lyr in QgsProject.instance().mapLayers().values() if lyr.name().startswith("works (")
    )
    first = next(works.getFeatures())
    point = first.geometry().centroid().asPoint()
    d.planLayerCombo.setLayer(plan)
    d.registerLayerCombo.setLayer(works)
    fields = d.plan_fields()
    ready = []
    d.live.ready.connect(lambda ok: ready.append(ok))
    d.start_live_check()
    wait(lambda: bool(ready), 300)
    plan.startEditing()
    feature = QgsFeature(plan.fields())
    start = first["start_date"]
    end = first["end_date"]
    feature.setAttributes(
        [
            "FIBRE-2026-014",
            "Acme Fibre",
            start if start else QDate(2026, 3, 10),
            end if end else QDate(2026, 3, 20),
        ]
    )
    feature.setGeometry(
        QgsGeometry.fromPolylineXY(
            [QgsPointXY(point.x() + 3, point.y() + 3), QgsPointXY(point.x() + 30, point.y() + 8)]
        )
    )
    plan.addFeature(feature)
    wait(lambda: d.liveTable.rowCount() > 0, 30)
    refs = sorted({d.liveTable.item(r, 0).text() for r in range(d.liveTable.rowCount())})
    result = {
        "fields": fields,
        "rows": d.liveTable.rowCount(),
        "plan_refs": refs,
        "status": d.liveStatus.text(),
    }
    plan.rollBack()
    d.stop_live_check()
    return result


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    iface.mainWindow().setGeometry(QgsApplication.primaryScreen().availableGeometry())  # no window manager
    wait(lambda: False, 2)
    # 1. install the zip as the Plugin Manager does; the packages are missing in this QGIS
    install_zip()
    plugin = plugins.get("dig_once")
    missing = [p.requirement.distribution for p in plugin.missing] if plugin is not None else None
    step(
        "install zip: missing packages named",
        bool(missing),
        missing=missing,
        screenshot=shot("01_missing_packages"),
    )
    # 2. the message bar's Install button (pip into the profile, from a local wheel folder)
    if missing:
        os.environ["PIP_NO_INDEX"] = "1"
        os.environ["PIP_FIND_LINKS"] = WHEELS
        from qgis.PyQt.QtWidgets import QPushButton

        buttons = [
            b
            for b in iface.mainWindow().findChildren(QPushButton)
            if b.objectName() == "digOnceInstallPackages"
        ]
        if buttons:
            buttons[0].click()
        wait(lambda: plugin.install_task is None and not plugin.missing, 600)
        wait(lambda: plugin.install_task is None, 60)
    provider = QgsApplication.processingRegistry().providerById("digonce")
    count = len(provider.algorithms()) if provider else 0
    step("install button: packages installed, provider loaded", count == every_algorithm(), algorithms=count,
         screenshot=shot("02_installed"))  # fmt: skip
    d = dock()
    d.show()
    d.raise_()
    wait(lambda: False, 1)
    # 3. every Data row
    rows = {
        "streetworks": (str(SAMPLE / "streetmanager/permit/2026/03.zip"), None),
        "worksfile": (str(SAMPLE / "works/my_works.geojson"), None),
        "plans": (str(SAMPLE / "plans/forward_plan.gpkg"), None),
        "notspots": (str(sorted((SAMPLE / "ofcom").glob("*postcode_coverage*_E.csv"))[0]),
                     {"CENTROIDS": str(SAMPLE / "ofcom/postcode_centroids.csv")}),
        "venues": (str(SAMPLE / "cultural/Pubs.csv"), None),
        "sites": (str(SAMPLE / "planning/pld_hits.json"), None),
        "spine": (str(SAMPLE / "spine/fibre_spine.geojson"), None),
    }  # fmt: skip
    for key, (path, extra) in rows.items():
        result = import_row(key, path, extra)
        step(f"import {key}", result["ok"], **result)
    restr = d.rows["restrictions"].state.text()
    step("restrictions row filled by the archive", "records in the store" in restr and not restr.startswith("0 "),
         state=restr)  # fmt: skip
    shot("03_imported")
    # 4. every check with its preselected inputs
    d.tabs.setCurrentWidget(d.checksTab)
    for algorithm_id in d.checks:
        result = run_check(algorithm_id)
        step(f"check {algorithm_id}", result["ok"], **result)
    # 5. my plan, with its own field names
    d.tabs.setCurrentWidget(d.planTab)
    result = live_check()
    step("live check with the plan's own fields", result["rows"] > 0 and result["plan_refs"] == ["FIBRE-2026-014"],
         **result)  # fmt: skip
    # 6. map: results over the borough outlines and a screenshot of the whole window
    d.tabs.setCurrentWidget(d.checksTab)
    d.boroughsButton.click()
    pairs = [
        lyr for lyr in QgsProject.instance().mapLayers().values() if "Clashes and opportunities" in lyr.name()
    ]
    if pairs:
        extent = pairs[0].extent()
        extent.grow(400)
        iface.mapCanvas().setExtent(extent)
    iface.mapCanvas().refreshAllLayers()
    wait(lambda: False, 4)
    step("results over borough outlines", bool(pairs), screenshot=shot("04_results_over_boroughs"))
    # 7. reinstall the zip, and one more import
    install_zip()
    provider = QgsApplication.processingRegistry().providerById("digonce")
    count = len(provider.algorithms()) if provider else 0
    step("reinstall: provider with every algorithm", count == every_algorithm(), algorithms=count)
    panels = live_panels()
    step("reinstall: the old panel is gone, one panel left", panels == 1, live_panels=panels)
    d = dock()
    if d is not None:
        d.show()
        result = import_row("spine", str(SAMPLE / "spine/fibre_spine.geojson"))
        step("import after reinstall", result["ok"], **result)
    shot("05_after_reinstall")
    tracebacks = [m for m in MESSAGES if "Traceback" in m]
    step("no traceback in any message", not tracebacks, tracebacks=tracebacks[:5])
    (OUT / "campaign.json").write_text(
        json.dumps({"steps": LOG, "messages": MESSAGES[-200:]}, indent=1, default=str)
    )


def run():
    try:
        main()
    except Exception:  # noqa: BLE001 - the campaign reports, then QGIS closes
        step("campaign crashed", False, error=traceback.format_exc())
        (OUT / "campaign.json").write_text(json.dumps({"steps": LOG, "messages": MESSAGES[-200:]}, indent=1))
    finally:
        # the project closed first, as File > Exit does: left to QGIS's teardown, its layers go
        # after the layers panel, and QGIS 3.40 dies there (signal 11 in
        # QgsLayerTreeView::layerTreeModel, every run), which hid a real crash's "QGIS died"
        QgsProject.instance().clear()
        QgsApplication.exit(0 if all(s["ok"] for s in LOG) else 1)


QTimer.singleShot(3000, run)
_ = Qgis

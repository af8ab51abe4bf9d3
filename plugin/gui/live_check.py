""" "My plan" live check: the planner edits their plan layer, clashes update as they edit.

The register layer is read and indexed once in a background task
(:class:`~..core.live_index.RegisterIndex`); then every ``featureAdded``,
``geometryChanged``, ``attributeValueChanged`` (dates, owner) and ``featureDeleted`` of the
editable plan layer updates the plan index in place and recomputes that one feature's pairs
(:class:`~..core.live_index.LiveCheck`). Clashing plan features and the register works they
clash with are highlighted on the canvas.
"""

from __future__ import annotations

import contextlib
import time
from typing import Any

import numpy as np
import shapely
from qgis.core import (
    QgsApplication,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeatureRequest,
    QgsProject,
    QgsTask,
    QgsVectorLayer,
    QgsVectorLayerFeatureSource,
)
from qgis.gui import QgsHighlight
from qgis.PyQt.QtCore import QObject, pyqtSignal
from qgis.PyQt.QtGui import QColor

from ..core.live_index import PLAN, REGISTER, LiveCheck, LivePair, RegisterIndex
from ..core.palette import colour as palette_colour
from ..core.schema import BNG_EPSG
from ..core.works import Works
from ..toolbelt.i18n import tr
from ..toolbelt.layers import day_or_none

BNG = QgsCoordinateReferenceSystem(f"EPSG:{BNG_EPSG}")

#: Canonical field names looked up in both layers (missing ones are simply not used).
ID_FIELD = "permit_ref"
OWNER_FIELD = "promoter"
START_FIELD = "start_date"
END_FIELD = "end_date"
STATUS_FIELD = "permit_status"

#: one colour, one meaning (resources/styles/palette.json): both works of a clash show as a clash
CLASH_COLOUR = QColor(palette_colour("clash"))
REGISTER_COLOUR = QColor(palette_colour("clash"))


def _day(value: Any) -> int | None:
    try:
        return day_or_none(value)
    except (TypeError, ValueError):
        return None


def _transform(layer_crs: QgsCoordinateReferenceSystem) -> QgsCoordinateTransform | None:
    if not layer_crs.isValid() or layer_crs.authid() == BNG.authid():
        return None
    return QgsCoordinateTransform(layer_crs, BNG, QgsProject.instance().transformContext())


def _shapely(geometry, transform: QgsCoordinateTransform | None):
    if geometry is None or geometry.isNull():
        return None
    if transform is not None:
        geometry = type(geometry)(geometry)
        geometry.transform(transform)
    return shapely.from_wkb(bytes(geometry.asWkb()), on_invalid="ignore")


class RegisterIndexTask(QgsTask):
    """Reads the register through a thread-safe feature source and indexes it, off the UI thread."""

    def __init__(self, layer: QgsVectorLayer):
        super().__init__(tr("Dig Once: indexing the works register"), QgsTask.Flag.CanCancel)
        self.source = QgsVectorLayerFeatureSource(layer)
        self.fields = layer.fields()
        self.total = layer.featureCount()
        self.transform = _transform(layer.crs())
        self.index: RegisterIndex | None = None
        self.fids: np.ndarray | None = None
        self.error = ""

    def run(self) -> bool:
        try:
            roles = {
                role: self.fields.lookupField(name)
                for role, name in (
                    ("id", ID_FIELD), ("owner", OWNER_FIELD), ("start", START_FIELD),
                    ("end", END_FIELD), ("status", STATUS_FIELD),
                )
            }  # fmt: skip
            request = QgsFeatureRequest()
            request.setSubsetOfAttributes([i for i in roles.values() if i >= 0])
            wkbs, fids = [], []
            cols: dict[str, list[Any]] = {role: [] for role in roles}
            step = max(1, self.total // 100)
            for n, feature in enumerate(self.source.getFeatures(request)):
                if n % step == 0:
                    if self.isCanceled():
                        return False
                    self.setProgress(80.0 * n / max(1, self.total))
                geom = feature.geometry()
                if self.transform is not None and not geom.isNull():
                    geom.transform(self.transform)
                wkbs.append(None if geom.isNull() else bytes(geom.asWkb()))
                fids.append(feature.id())
                attrs = feature.attributes()
                for role, idx in roles.items():
                    cols[role].append(attrs[idx] if idx >= 0 else None)
            geoms = shapely.from_wkb(np.array(wkbs, dtype=object), on_invalid="ignore")
            ids = [
                str(v) if roles["id"] >= 0 and v is not None else str(f)
                for v, f in zip(cols["id"], fids, strict=True)
            ]
            owners = [None if o is None or str(o) == "NULL" else str(o) for o in cols["owner"]]
            statuses = [None if s is None else str(s) for s in cols["status"]]
            self.index = RegisterIndex.build(Works.from_columns(
                geoms, ids, owners, [_day(v) for v in cols["start"]], [_day(v) for v in cols["end"]],
                statuses=statuses if roles["status"] >= 0 else None,
            ))  # fmt: skip
            self.fids = np.asarray(fids, dtype=np.int64)
            return True
        except Exception as exc:  # noqa: BLE001 - reported in the dock, never raised in a thread
            self.error = str(exc)
            return False


class LiveCheckController(QObject):
    """Connects a plan layer's edit signals to a :class:`LiveCheck` and shows the result."""

    changed = pyqtSignal()
    status = pyqtSignal(str)
    ready = pyqtSignal(bool)

    def __init__(self, canvas=None, parent: QObject | None = None):
        super().__init__(parent)
        self.canvas = canvas
        self.plan: QgsVectorLayer | None = None
        self.register_layer: QgsVectorLayer | None = None
        self.check: LiveCheck | None = None
        self.register_fids: np.ndarray | None = None
        self.task: RegisterIndexTask | None = None
        self.highlights: dict[tuple[str, int], QgsHighlight] = {}
        self.last_update_ms = 0.0
        self._options: dict[str, Any] = {}
        self._plan_transform: QgsCoordinateTransform | None = None
        self._connections: list[tuple[Any, Any]] = []
        self.fields: dict[str, str | None] = {"start": START_FIELD, "end": END_FIELD, "owner": OWNER_FIELD}

    # -- start / stop ------------------------------------------------------------------

    def start(
        self,
        plan: QgsVectorLayer,
        register: QgsVectorLayer,
        *,
        distance: float = 25.0,
        max_gap_days: int = 90,
        include_same_owner: bool = False,
        fields: dict[str, str | None] | None = None,
    ) -> bool:
        """Index the register in a task, then follow the plan's edits. False if it cannot start.

        ``fields`` maps ``start``, ``end``, ``owner`` and ``reference`` to the plan's own field
        names (defaults: the store's ``start_date``, ``end_date``, ``promoter``, none)."""
        self.stop()
        if not isinstance(plan, QgsVectorLayer) or not isinstance(register, QgsVectorLayer):
            self.status.emit(tr("Both the plan and the register must be vector layers."))
            return False
        self.plan, self.register_layer = plan, register
        self.fields = {"start": START_FIELD, "end": END_FIELD, "owner": OWNER_FIELD, "reference": None}
        self.fields.update({k: v for k, v in (fields or {}).items() if k in self.fields})
        self._options = {
            "distance": distance,
            "max_gap_days": max_gap_days,
            "include_same_owner": include_same_owner,
        }
        self.task = RegisterIndexTask(register)
        self.task.taskCompleted.connect(self._register_ready)
        self.task.taskTerminated.connect(self._register_failed)
        self.status.emit(tr("Indexing the register ({0} works)…").format(register.featureCount()))
        QgsApplication.taskManager().addTask(self.task)
        return True

    def _register_failed(self) -> None:
        task, self.task = self.task, None
        message = task.error if task is not None and task.error else tr("cancelled")
        self.status.emit(tr("The register could not be indexed: {0}").format(message))
        self.ready.emit(False)

    def _register_ready(self) -> None:
        task, self.task = self.task, None
        if task is None or task.index is None or self.plan is None:
            return
        self.check = LiveCheck(task.index, **self._options)
        self.register_fids = task.fids
        self._plan_transform = _transform(self.plan.crs())
        self._connect(self.plan.featureAdded, self._on_feature)
        self._connect(self.plan.geometryChanged, lambda fid, _geom: self._on_feature(fid))
        self._connect(self.plan.attributeValueChanged, lambda fid, _idx, _value: self._on_feature(fid))
        self._connect(self.plan.featureDeleted, self._on_deleted)
        self._connect(self.plan.afterCommitChanges, self.reload_plan)
        self._connect(self.plan.afterRollBack, self.reload_plan)
        self._connect(self.plan.willBeDeleted, self.stop)
        self.reload_plan()
        self.ready.emit(True)

    def _connect(self, signal, slot) -> None:
        signal.connect(slot)
        self._connections.append((signal, slot))

    def stop(self) -> None:
        """Disconnect from the plan, remove every highlight, forget the indexes."""
        if self.task is not None:
            self.task.cancel()
            self.task = None
        for signal, slot in self._connections:
            with contextlib.suppress(TypeError, RuntimeError):  # already gone with its layer
                signal.disconnect(slot)
        self._connections = []
        self._clear_highlights()
        self.check = None
        self.plan = None
        self.register_layer = None
        self.register_fids = None

    @property
    def running(self) -> bool:
        return self.check is not None

    # -- edits -------------------------------------------------------------------------

    def reload_plan(self) -> None:
        """All plan features (at start, and after a commit renumbers the new ones)."""
        if self.check is None or self.plan is None:
            return
        for fid in list(self.check._plan) + list(self.check.unusable):
            self.check.remove(fid)
        for feature in self.plan.getFeatures():
            self._update_feature(feature)
        self._refresh_highlights(touched=None)
        self._report(None)

    def _on_feature(self, fid: int) -> None:
        if self.check is None or self.plan is None:
            return
        t0 = time.perf_counter()
        feature = self.plan.getFeature(fid)
        if not feature.isValid():
            return
        self._update_feature(feature)
        self.last_update_ms = (time.perf_counter() - t0) * 1000
        self._refresh_highlights(touched=fid)
        self._report(fid)

    def _on_deleted(self, fid: int) -> None:
        if self.check is None:
            return
        self.check.remove(fid)
        self._refresh_highlights(touched=fid)
        self._report(None)

    def _attribute(self, feature, name: str | None) -> Any:
        idx = feature.fields().lookupField(name) if name else -1
        return feature.attributes()[idx] if idx >= 0 else None

    def _update_feature(self, feature) -> list[LivePair]:
        owner = self._attribute(feature, self.fields.get("owner"))
        owner = None if owner is None or str(owner) == "NULL" else str(owner)
        return self.check.update(
            feature.id(),
            _shapely(feature.geometry(), self._plan_transform),
            _day(self._attribute(feature, self.fields.get("start"))),
            _day(self._attribute(feature, self.fields.get("end"))),
            owner,
        )

    def plan_label(self, fid: int) -> str:
        """How the planner knows a plan feature: its own reference, else "new feature" for one
        not saved yet (QGIS numbers those below zero), else its feature id."""
        if self.plan is not None:
            value = self._attribute(self.plan.getFeature(fid), self.fields.get("reference"))
            if value is not None and str(value) not in ("", "NULL"):
                return str(value)
        return tr("new feature") if fid < 0 else str(fid)

    # -- showing -----------------------------------------------------------------------

    def pairs(self) -> list[LivePair]:
        return self.check.all_pairs() if self.check is not None else []

    def _report(self, fid: int | None) -> None:
        pairs = self.pairs()
        clashes = sum(1 for p in pairs if p.kind_name == "clash")
        text = tr("{c} clashes and {o} opportunities for {n} plan features.").format(
            c=clashes, o=len(pairs) - clashes, n=len(self.check) if self.check else 0
        )
        if fid is not None:
            text += " " + tr("Last edit checked in {0:.1f} ms.").format(self.last_update_ms)
        if self.check is not None and self.check.unusable:
            text += " " + tr("{0} plan features cannot be checked (e.g. {1}).").format(
                len(self.check.unusable), next(iter(self.check.unusable.values()))
            )
        self.status.emit(text)
        self.changed.emit()

    def _highlight(self, layer: QgsVectorLayer, fid: int, colour: QColor) -> QgsHighlight | None:
        feature = layer.getFeature(fid)
        if not feature.isValid() or feature.geometry().isNull():
            return None
        highlight = QgsHighlight(self.canvas, feature.geometry(), layer)
        highlight.setColor(colour)
        fill = QColor(colour)
        fill.setAlpha(70)
        highlight.setFillColor(fill)
        highlight.setWidth(3)
        highlight.show()
        return highlight

    def _refresh_highlights(self, touched: int | None) -> None:
        """Add/remove highlights to match the current pairs (the edited feature's is redrawn)."""
        if self.canvas is None or self.check is None:
            return
        wanted = {(PLAN, fid) for fid in self.check.clashing_fids()}
        wanted |= {(REGISTER, pos) for pos in self.check.register_positions()}
        stale = [key for key in self.highlights if key not in wanted or key == (PLAN, touched)]
        for key in stale:
            self._remove_highlight(key)
        for key in wanted - set(self.highlights):
            kind, value = key
            if kind == PLAN:
                highlight = self._highlight(self.plan, value, CLASH_COLOUR)
            else:
                highlight = self._highlight(
                    self.register_layer, int(self.register_fids[value]), REGISTER_COLOUR
                )
            if highlight is not None:
                self.highlights[key] = highlight

    def _remove_highlight(self, key: tuple[str, int]) -> None:
        highlight = self.highlights.pop(key, None)
        if highlight is not None:
            highlight.hide()
            if self.canvas is not None:
                self.canvas.scene().removeItem(highlight)

    def _clear_highlights(self) -> None:
        for key in list(self.highlights):
            self._remove_highlight(key)

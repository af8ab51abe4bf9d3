"""The planner's dock: Data (imports and catalogue), Checks, My plan (live check), Settings.

The form is ``dock.ui`` loaded at run time (no compiled resources, Qt5/Qt6 via
``qgis.PyQt``); its texts are set here through ``tr()``. Algorithms run as QGIS tasks
(:mod:`.runner`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from qgis.core import (
    Qgis,
    QgsApplication,
    QgsMapLayerProxyModel,
    QgsProcessingDestinationParameter,
    QgsProcessingFeatureSourceDefinition,
    QgsProcessingOutputLayerDefinition,
    QgsProcessingParameterEnum,
    QgsProcessingParameterField,
    QgsProcessingParameterFolderDestination,
    QgsProject,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.gui import (
    QgsCollapsibleGroupBox,
    QgsDockWidget,
    QgsFieldComboBox,
    QgsFileWidget,
    QgsMapLayerComboBox,
)
from qgis.PyQt import sip, uic
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP, Qt, pyqtSignal
from qgis.PyQt.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..store import REPLACE_HINT
from ..toolbelt.i18n import tr
from ..toolbelt.settings import PluginSettings
from ..toolbelt.store_layers import GEOMETRY_TYPE, store_layers, whole_table_source
from .catalogue_dialog import CatalogueDialog, has_publisher_source
from .context_layers import add_context
from .field_mapping import FieldMappingBox, guess_field
from .live_check import LiveCheckController
from .param_form import ParameterForm, is_layer_parameter
from .register_panel import RegisterPanel
from .runner import AlgorithmRun, load_result_layers

# The form's top widget is a plain QDockWidget (uic only knows Qt classes there); the dock
# itself is a QgsDockWidget for QGIS's toggle-action handling.
FORM_CLASS, _ = uic.loadUiType(str(Path(__file__).with_name("dock.ui")))

DATA_GROUP = QT_TRANSLATE_NOOP("@default", "Dig Once data")  # marked for pylupdate5; tr() at use
REJECTS_TABLE = "rejects"


@dataclass(frozen=True)
class DataKind:
    """One row of the Data tab: a kind of layer and the algorithm that imports it."""

    key: str
    label: str
    algorithm_id: str
    tables: tuple[str, ...]
    folder: bool = False  # a folder is a valid input (e.g. unpacked Street Manager month)
    #: The catalogue's ``kind`` of this row's imports, where several rows share a table.
    catalogue_kinds: tuple[str, ...] = ()
    #: The row maps the file's fields (the algorithm's field parameters of INPUT).
    field_mapping: bool = False
    #: Further inputs of the algorithm shown on the row (files, choices: Ofcom's postcode
    #: centroids and premises kind).
    extra_params: tuple[str, ...] = ()


def data_kinds() -> list[DataKind]:
    """The Data tab's rows (built at call time so the labels follow the locale)."""
    return [
        DataKind("streetworks", tr("Street works (Street Manager archive)"), "digonce:importstreetmanager", ("works",), True, ("streetmanager",)),
        DataKind("restrictions", tr("Section 58 restrictions (Street Manager archive)"), "digonce:importstreetmanager", ("restrictions",), True, ("streetmanager",)),
        DataKind("worksfile", tr("Street works (own works file, EToN export, National Highways XML)"), "digonce:importworks", ("works",), False, ("works", "national_highways"),
                 field_mapping=True),
        DataKind("plans", tr("Forward plans"), "digonce:importforwardplans", ("works",), False, ("plan",)),
        DataKind("notspots", tr("Not-spots (Ofcom coverage)"), "digonce:importofcomcoverage", ("notspots_postcodes", "notspots_areas"), True,
                 extra_params=("CENTROIDS", "PREMISES")),
        DataKind("venues", tr("Cultural venues"), "digonce:importculturalvenues", ("cultural_venues",)),
        DataKind("sites", tr("Planning sites"), "digonce:importplanningsites", ("planning_sites", "conservation_areas"), True),
        DataKind("spine", tr("Full-fibre spine"), "digonce:importfibrespine", ("fibre_spine",)),
    ]  # fmt: skip


@dataclass(frozen=True)
class LayerKind:
    """What a check's layer input must be: a store table of this kind, or a layer with the
    fields the check reads (and a fitting geometry)."""

    key: str
    label: str
    tables: tuple[str, ...]
    fields: tuple[str, ...] = ()
    geometries: tuple[Any, ...] = ()  # QgsWkbTypes.GeometryType values; () = any
    #: fields that mark a layer as another kind (a works layer is not a spine)
    not_fields: tuple[str, ...] = ()


def layer_kinds() -> dict[str, LayerKind]:
    point, line, polygon = (QgsWkbTypes.GeometryType.PointGeometry, QgsWkbTypes.GeometryType.LineGeometry,
                            QgsWkbTypes.GeometryType.PolygonGeometry)  # fmt: skip
    kinds = [
        LayerKind("works", tr("street works"), ("works",), ("start_date", "end_date"), (), ("restriction_ref",)),
        LayerKind("pairs", tr("overlap pairs (Find works clashes)"), (), ("id_a", "id_b", "kind", "group_id")),
        LayerKind("groups", tr("coordination groups (Find works clashes)"), (), ("group_id", "n_works", "days_saved")),
        LayerKind("restrictions", tr("Section 58 restrictions"), ("restrictions",), ("restriction_ref", "start_date", "end_date")),
        LayerKind("notspots", tr("not-spots"), ("notspots_areas", "notspots_postcodes"), ("is_notspot",), (point, polygon)),
        LayerKind("spine", tr("full-fibre spine"), ("fibre_spine",), (), (line,), ("start_date", "restriction_ref", "is_notspot")),
        LayerKind("sites", tr("planning sites or venues"), ("planning_sites", "cultural_venues"), (), (point, polygon),
                  ("start_date", "restriction_ref", "is_notspot")),
    ]  # fmt: skip
    return {k.key: k for k in kinds}


#: The Checks tab: algorithm id and the kind of layer each layer parameter takes.
CHECKS: list[tuple[str, dict[str, str]]] = [
    ("digonce:findworksoverlaps", {"INPUT": "works"}),
    ("digonce:checkrestrictions", {"WORKS": "works", "RESTRICTIONS": "restrictions"}),
    ("digonce:findcoveragegaps", {"INPUT": "sites", "NOTSPOTS": "notspots", "SPINE": "spine"}),
    ("digonce:findspineopportunities", {"INPUT": "works", "NOTSPOTS": "notspots", "SPINE": "spine"}),
    ("digonce:exportformeeting", {"PAIRS": "pairs", "GROUPS": "groups", "WORKS": "works"}),
]


def layer_unfit(layer, kind: LayerKind) -> str | None:
    """Why ``layer`` cannot be a ``kind`` input (None when it can)."""
    if not isinstance(layer, QgsVectorLayer) or not layer.isValid():
        return tr("{0} is not a vector layer").format(getattr(layer, "name", lambda: "?")())
    table = _table_of(layer)
    if table is not None and table in kind.tables:
        return None
    names = {f.name().casefold() for f in layer.fields()}
    missing = [f for f in kind.fields if f not in names]
    if missing:
        return tr("{layer} is not {kind}: it has no {fields} field").format(
            layer=layer.name(), kind=kind.label, fields=", ".join(missing)
        )
    if kind.geometries and layer.geometryType() not in kind.geometries:
        return tr("{layer} is not {kind}: wrong geometry type").format(layer=layer.name(), kind=kind.label)
    if any(f in names for f in kind.not_fields) or (
        table is not None and table not in kind.tables and _is_store_table(table)
    ):
        return tr("{layer} is not {kind}: it holds another kind of data").format(
            layer=layer.name(), kind=kind.label
        )
    return None


def _is_store_table(table: str) -> bool:
    return any(table in k.tables for k in layer_kinds().values())


def layer_of_value(value: Any):
    """The project layer a form value names (a layer id, or a feature source definition)."""
    if isinstance(value, QgsProcessingFeatureSourceDefinition):
        value = value.source.staticValue()
    if isinstance(value, QgsVectorLayer):
        return value
    return QgsProject.instance().mapLayer(str(value)) if value else None


def settings_defaults(algorithm_id: str, settings: PluginSettings) -> dict[str, Any]:
    """The user's saved defaults for an algorithm's parameters (by parameter name)."""
    if algorithm_id == "digonce:findworksoverlaps":
        return {"DISTANCE": settings.distance_m, "MAX_GAP_DAYS": settings.max_gap_days}
    if algorithm_id in ("digonce:findcoveragegaps", "digonce:findspineopportunities"):
        return {"MAX_SPINE_DISTANCE": settings.max_spine_distance_m}
    return {}


def _row_counts(
    kind: DataKind, entries: list[dict[str, Any]], by_import: dict[str, dict[int | None, int]]
) -> tuple[int, int]:
    """A Data row's records in the store and how many of them its last import wrote, counted in
    its own tables. Where rows share a table (Street Manager works, own works files and forward
    plans all go to ``works``) only the rows of this row's imports count, and an archive's
    works and restrictions are told apart: the catalogue's ``imported`` counts both."""
    counts = [by_import.get(table, {}) for table in kind.tables]
    if kind.catalogue_kinds:
        ids = {entry.get("id") for entry in entries}
        records = sum(n for per_import in counts for i, n in per_import.items() if i in ids)
    else:
        records = sum(sum(per_import.values()) for per_import in counts)
    last_id = entries[-1].get("id") if entries else None
    imported = sum(per_import.get(last_id, 0) for per_import in counts) if last_id is not None else 0
    return records, imported


def registered(algorithm_id: str):
    """The provider's algorithm (the dock is built only once the provider is registered, and
    the provider lists every algorithm: there is no "not installed" case to handle)."""
    return QgsApplication.processingRegistry().algorithmById(algorithm_id)


def own_copy(algorithm_id: str):
    """A copy of the provider's algorithm for a form to keep. The form's widgets point at its
    parameter definitions, which must live as long as the form: the registry's instance goes
    when the provider is removed (a reinstall, QGIS's exit), and a field widget then read freed
    memory when its layer left the project (QGIS died in a desktop campaign). The copy's
    provider is the registry's: it runs only while the provider is there (unload deletes the
    dock before it removes the provider)."""
    algorithm = registered(algorithm_id)
    return algorithm.create() if algorithm is not None else None


def _table_of(layer) -> str | None:
    source = layer.source()
    for part in source.split("|")[1:]:
        if part.startswith("layername="):
            return part.split("=", 1)[1]
    return None


def whole_table(layer):
    """The whole store table a geometry family's layer (``works (points)``) shows, as a layer:
    checks and the live check read every work of the store; other layers as they are."""
    if not isinstance(layer, QgsVectorLayer):
        return layer
    source = whole_table_source(layer.source())
    if source == layer.source():
        return layer
    whole = QgsVectorLayer(source, _table_of(layer) or layer.name(), "ogr")
    return whole if whole.isValid() else layer


def project_layer_for(tables: tuple[str, ...]):
    """A project layer holding one of the store ``tables`` (by data source, else by name)."""
    layers = list(QgsProject.instance().mapLayers().values())
    for table in tables:
        for layer in layers:
            if _table_of(layer) == table:
                return layer
    for table in tables:
        for layer in layers:
            if layer.name().casefold() == table.casefold():
                return layer
    return None


def layer_matches(layer_id: Any, tables: tuple[str, ...]) -> bool:
    layer = layer_of_value(layer_id)
    return layer is not None and (
        _table_of(layer) in tables or layer.name().casefold() in {t.casefold() for t in tables}
    )


class DataRow(QWidget):
    """Widgets of one Data tab row."""

    def __init__(self, kind: DataKind, parent: QWidget):
        super().__init__(parent)
        self.kind = kind
        self.setObjectName(f"data_{kind.key}")
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 2, 0, 6)
        self.title = QLabel(f"<b>{kind.label}</b>", self)
        self.state = QLabel(self)
        self.state.setWordWrap(True)
        self.state.setObjectName(f"state_{kind.key}")
        self.path = QLineEdit(self)
        self.path.setObjectName(f"path_{kind.key}")
        self.path.setPlaceholderText(tr("File, folder or http(s) URL"))
        self.browse = QToolButton(self)
        self.browse.setText("…")
        self.browse.setToolTip(tr("Pick a file, a folder or a layer of the project"))
        self.browse.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.menu = QMenu(self.browse)
        self.browse.setMenu(self.menu)
        self.import_button = QPushButton(tr("Import"), self)
        self.import_button.setObjectName(f"import_{kind.key}")
        self.rejects_button = QPushButton(tr("Rejects"), self)
        self.rejects_button.setObjectName(f"rejects_{kind.key}")
        self.rejects_button.setToolTip(tr("Open the records this import rejected, with the reasons"))
        self.title.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.rejects_button)
        buttons.addStretch(1)
        grid.addWidget(self.title, 0, 0, 1, 2)
        grid.addWidget(self.path, 1, 0)
        grid.addWidget(self.browse, 1, 1)
        self.fields_box: FieldMappingBox | None = None
        self.extra: dict[str, QWidget] = {}
        self.algorithm = own_copy(kind.algorithm_id)  # kept: the field and extra boxes use its parameters
        algorithm = self.algorithm
        next_row = 2
        if kind.field_mapping and algorithm is not None:
            names = tuple(
                p.name()
                for p in algorithm.parameterDefinitions()
                if isinstance(p, QgsProcessingParameterField) and p.parentLayerParameterName() == "INPUT"
            )
            self.fields_box = FieldMappingBox(algorithm, names, self)
            self.fields_box.setObjectName(f"fields_{kind.key}")
            self.fields_box.setCollapsed(True)
            grid.addWidget(self.fields_box, next_row, 0, 1, 2)
            next_row += 1
            self.path.textChanged.connect(lambda text: self.fields_box.set_file(text.strip()))
        for name in kind.extra_params:
            param = algorithm.parameterDefinition(name) if algorithm is not None else None
            if param is None:
                continue
            label = QLabel(param.description(), self)
            label.setWordWrap(True)
            if isinstance(param, QgsProcessingParameterEnum):
                widget = QComboBox(self)
                for index, option in enumerate(param.options()):
                    widget.addItem(option, index)
                widget.setCurrentIndex(max(widget.findData(param.defaultValue()), 0))
            else:
                widget = QgsFileWidget(self)
            widget.setObjectName(f"extra_{kind.key}_{name}")
            widget.setToolTip(param.help())
            label.setToolTip(param.help())
            grid.addWidget(label, next_row, 0, 1, 2)
            grid.addWidget(widget, next_row + 1, 0, 1, 2)
            next_row += 2
            self.extra[name] = widget
        grid.addLayout(buttons, next_row, 0, 1, 2)
        grid.addWidget(self.state, next_row + 1, 0, 1, 2)
        self.run: AlgorithmRun | None = None
        self.last_import_id: int | None = None


class CheckSection(QgsCollapsibleGroupBox):
    """One algorithm of the Checks tab: its parameter form, Run and a status line."""

    def __init__(self, algorithm_id: str, hints: dict[str, str], settings: PluginSettings, canvas, parent):
        super().__init__(parent)
        self.algorithm_id = algorithm_id
        kinds = layer_kinds()
        self.kinds = {name: kinds[key] for name, key in hints.items()}
        self.setObjectName(f"check_{algorithm_id.split(':')[-1]}")
        self.algorithm = own_copy(algorithm_id)
        layout = QVBoxLayout(self)
        self.form: ParameterForm | None = None
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.run_button = QPushButton(tr("Run"), self)
        self.run_button.setObjectName(f"run_{algorithm_id.split(':')[-1]}")
        self.run: AlgorithmRun | None = None
        self.setTitle(self.algorithm.displayName())
        self.setToolTip(self.algorithm.shortHelpString())
        defaults = settings_defaults(algorithm_id, settings)
        self.form = ParameterForm(self.algorithm, defaults=defaults, map_canvas=canvas, parent=self)
        layout.addWidget(self.form)
        self.preselect_layers()
        buttons = QHBoxLayout()
        buttons.addWidget(self.run_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addWidget(self.status)

    def layer_combo(self, name: str) -> QgsMapLayerComboBox | None:
        wrapper = self.form.wrappers.get(name) if self.form is not None else None
        widget = wrapper.wrappedWidget() if wrapper is not None else None
        if widget is None:
            return None
        if isinstance(widget, QgsMapLayerComboBox):
            return widget
        # Processing's layer widget holds a QgsMapLayerComboBox that PyQt sees as a QComboBox
        for child in widget.findChildren(QComboBox):
            if child.metaObject().className() == "QgsMapLayerComboBox":
                return sip.cast(child, QgsMapLayerComboBox)
        return None

    def preselect_layers(self) -> None:
        """Offer each layer parameter only the layers of its kind, and choose the store's
        layer (when built, after an import, when layers come and go).

        A layer combo picks the project's first layer by itself; that guess is replaced by
        the matching store layer, a layer that already fits is kept, and with no fitting layer
        the combo stays empty so Run says what to import.
        """
        if self.form is None:
            return
        layers = list(QgsProject.instance().mapLayers().values())
        for name, kind in self.kinds.items():
            param = self.form.parameter(name)
            if param is None or not is_layer_parameter(param):
                continue
            combo = self.layer_combo(name)
            if combo is not None:
                combo.setExceptedLayerList([lyr for lyr in layers if layer_unfit(lyr, kind) is not None])
            current = layer_of_value(self.form.values().get(name))
            if (
                current is not None
                and layer_unfit(current, kind) is None
                and _table_of(current) in kind.tables
            ):
                continue
            layer = project_layer_for(kind.tables)
            if layer is None and current is not None and layer_unfit(current, kind) is None:
                continue
            if layer is None:
                layer = next((lyr for lyr in layers if layer_unfit(lyr, kind) is None), None)
            if combo is not None and layer is None:
                combo.setAllowEmptyLayer(True)
                combo.setLayer(None)
            elif layer is not None:
                self.form.set_value(name, layer.id())

    def wrong_layers(self) -> list[str]:
        """Why a chosen layer cannot be used, for each layer parameter of the wrong kind."""
        values = self.form.values() if self.form is not None else {}
        problems = []
        for name, kind in self.kinds.items():
            layer = layer_of_value(values.get(name))
            reason = layer_unfit(layer, kind) if layer is not None else None
            if reason:
                param = self.form.parameter(name)
                problems.append(tr("{param}: {reason}.").format(param=param.description(), reason=reason))
        return problems


class DigOnceDock(QgsDockWidget, FORM_CLASS):
    """The dock. ``iface`` may be a test double; without a canvas the live check lists only."""

    #: emitted after an import or a check finished: (algorithm id, ok, message)
    runFinished = pyqtSignal(str, bool, str)  # noqa: N815 (Qt signal naming)

    def __init__(self, iface, parent: QWidget | None = None):
        super().__init__(parent or (iface.mainWindow() if iface is not None else None))
        self.setupUi(self)
        self.iface = iface
        self.setObjectName("DigOnceDock")
        self.settings = PluginSettings.load()
        self.rows: dict[str, DataRow] = {}
        self.checks: dict[str, CheckSection] = {}
        self.added_layer_ids: list[str] = []
        canvas = iface.mapCanvas() if iface is not None else None
        self.live = LiveCheckController(canvas, self)
        self._translate()
        self._build_data_tab()
        self._build_checks_tab(canvas)
        self._build_plan_tab()
        self._build_settings_tab()
        self.register_panel = RegisterPanel(self, results_folder=self.results_folder)
        self.tabs.insertTab(self.tabs.indexOf(self.settingsTab), self.register_panel, tr("Shared register"))
        self.refresh_catalogue()
        self._store_layers_shown = False
        self.visibilityChanged.connect(self._on_visibility)
        project = QgsProject.instance()
        project.layersAdded.connect(self._layers_changed)
        project.layersRemoved.connect(self._layers_changed)
        project.cleared.connect(self._project_cleared)
        self._fit_width()

    def _fit_width(self) -> None:
        """Wide enough for every tab's content: a dock narrower than its forms cut them off."""
        widest = 0
        for scroll in (self.dataScroll, self.checksScroll):
            content = scroll.widget()
            content.ensurePolished()
            if self.isVisible() and scroll.isVisible():
                chrome = self.width() - scroll.viewport().width()  # frames, margins, scroll bar
            else:
                chrome = 2 * scroll.frameWidth() + scroll.verticalScrollBar().sizeHint().width() + 40
            widest = max(widest, content.minimumSizeHint().width() + chrome)
        self.setMinimumWidth(widest)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().showEvent(event)
        self._fit_width()

    def _on_visibility(self, visible: bool) -> None:
        """The first time the panel is shown in a project, the store's layers come back: after a
        restart the checks find them without a new import."""
        if visible and not self._store_layers_shown:
            self._store_layers_shown = True
            self.add_store_layers()

    def _project_cleared(self) -> None:
        self._store_layers_shown = False
        self.added_layer_ids = []

    def _layers_changed(self, *_args) -> None:
        for section in self.checks.values():
            section.preselect_layers()

    def _table_names_in_project(self) -> set[str]:
        store_file = str(Path(self.settings.resolved_store_path()))
        return {
            _table_of(layer)
            for layer in QgsProject.instance().mapLayers().values()
            if layer.source().split("|")[0] == store_file and _table_of(layer)
        }

    def add_store_layers(self) -> None:
        """Add every table the store holds (works, restrictions, not-spots...) to the project."""
        if not Path(self.settings.resolved_store_path()).exists():
            return
        tables = tuple(dict.fromkeys(t for row in self.rows.values() for t in row.kind.tables))
        try:
            self._add_store_layers(tables)
        except Exception as exc:  # noqa: BLE001 - a broken store is reported, never raised into Qt
            self.message(self.dataMessage, tr("The store cannot be read: {0}").format(exc), error=True)

    def notify(self, title: str, text: str, level=None) -> None:
        """An outcome in QGIS's message bar as well as in the dock."""
        if self.iface is None:
            return
        bar = self.iface.messageBar()
        bar.pushMessage(title, text, level if level is not None else Qgis.MessageLevel.Info, 8)

    # -- texts -------------------------------------------------------------------------

    def _translate(self) -> None:
        self.setWindowTitle(tr("Dig Once"))
        self.tabs.setTabText(self.tabs.indexOf(self.dataTab), tr("Data"))
        self.tabs.setTabText(self.tabs.indexOf(self.checksTab), tr("Checks"))
        self.tabs.setTabText(self.tabs.indexOf(self.planTab), tr("My plan"))
        self.tabs.setTabText(self.tabs.indexOf(self.settingsTab), tr("Settings"))
        self._translate_plan_tab()
        self._translate_settings_tab()

    def _translate_plan_tab(self) -> None:
        self.planLayerLabel.setText(tr("My plan layer"))
        self.registerLayerLabel.setText(tr("Works register"))
        self.liveStartButton.setText(tr("Start live check"))
        self.liveStopButton.setText(tr("Stop"))

    def _translate_settings_tab(self) -> None:
        self.storePathLabel.setText(tr("Store (GeoPackage)"))
        self.distanceLabel.setText(tr("Distance (m)"))
        self.gapLabel.setText(tr("Maximum gap (days)"))
        self.shareLabel.setText(tr("Not-spot share of premises (%)"))
        self.levelLabel.setText(tr("Not-spot level"))
        self.spineLabel.setText(tr("Maximum distance to the spine (m)"))
        self.saveSettingsButton.setText(tr("Save"))
        self.resetSettingsButton.setText(tr("Reset to defaults"))

    def message(self, label: QLabel, text: str, error: bool = False, warning: bool = False) -> None:
        label.setText(text)
        label.setStyleSheet("color: #b00020;" if error else ("color: #8a5300;" if warning else ""))

    # -- Data tab ----------------------------------------------------------------------

    def store(self):
        from ..store import Store

        return Store(self.settings.resolved_store_path())

    def _build_data_tab(self) -> None:
        layout = self.dataRowsLayout
        for kind in data_kinds():
            row = DataRow(kind, self.dataRows)
            self.rows[kind.key] = row
            layout.addWidget(row)
            file_action = row.menu.addAction(tr("File…"))
            file_action.triggered.connect(lambda _=False, r=row: self.pick_file(r))
            if kind.folder:
                folder_action = row.menu.addAction(tr("Folder…"))
                folder_action.triggered.connect(lambda _=False, r=row: self.pick_folder(r))
            if has_publisher_source(kind.key):
                publisher = row.menu.addAction(tr("Get from publisher…"))
                publisher.setObjectName(f"publisher_{kind.key}")
                publisher.triggered.connect(lambda _=False, r=row: self.get_from_publisher(r))
            layers_menu = row.menu.addMenu(tr("Project layer"))
            layers_menu.aboutToShow.connect(lambda r=row, m=layers_menu: self._fill_layers_menu(r, m))
            row.import_button.clicked.connect(lambda _=False, r=row: self.import_or_cancel(r))
            row.rejects_button.clicked.connect(lambda _=False, r=row: self.open_rejects(r))
        layout.addStretch(1)

    def pick_file(self, row: DataRow) -> None:
        path, _ = QFileDialog.getOpenFileName(self, row.kind.label, row.path.text())
        if path:
            row.path.setText(path)

    def pick_folder(self, row: DataRow) -> None:
        path = QFileDialog.getExistingDirectory(self, row.kind.label, row.path.text())
        if path:
            row.path.setText(path)

    def _fill_layers_menu(self, row: DataRow, menu: QMenu) -> None:
        menu.clear()
        for layer in QgsProject.instance().mapLayers().values():
            action = menu.addAction(layer.name())
            action.triggered.connect(lambda _=False, r=row, lyr=layer: self.use_layer(r, lyr))
        if menu.isEmpty():
            menu.addAction(tr("(no layer in the project)")).setEnabled(False)

    def use_layer(self, row: DataRow, layer) -> None:
        """Import from a project layer: its data source (file part) is the input."""
        row.path.setText(layer.source().split("|")[0])

    def get_from_publisher(self, row: DataRow, dialog=None) -> AlgorithmRun | None:
        """Choose the publisher's file (month, release...) with its licence shown, then download
        and import it in one task (``digonce:fetchfromcatalogue``)."""
        dialog = dialog or CatalogueDialog(row.kind.key, self)
        if not dialog.exec():
            return None
        algorithm = registered("digonce:fetchfromcatalogue")
        parameters = dialog.parameters()
        parameters["STORE"] = self.settings.resolved_store_path()
        Path(parameters["STORE"]).parent.mkdir(parents=True, exist_ok=True)
        run = AlgorithmRun(algorithm, parameters, tr("Dig Once: get {0} from the publisher").format(row.kind.label),
                           parent=self)  # fmt: skip
        run.finished.connect(lambda ok, results, msg, r=row: self._import_finished(r, ok, results, msg))
        row.run = run
        row.import_button.setText(tr("Cancel"))
        self.message(row.state, tr("Downloading and importing {0}… (progress in the task manager)").format(
            parameters.get("SOURCE")))  # fmt: skip
        run.start()
        return run

    def import_or_cancel(self, row: DataRow) -> None:
        if row.run is not None and not row.run.done:
            # Say so first: a task cancelled before it started finishes inside cancel().
            self.message(row.state, tr("Cancelling…"))
            row.run.cancel()
            return
        self.start_import(row)

    def start_import(self, row: DataRow, *, replace: bool = False) -> AlgorithmRun | None:
        """Start the row's import as a task; returns the run (None when it cannot start).

        ``replace``: the user said a much smaller file may replace what the store holds."""
        kind = row.kind
        algorithm = registered(kind.algorithm_id)
        value = row.path.text().strip()
        if not value:
            self.message(row.state, tr("Pick a file, a folder or a URL first (the … button)."), error=True)
            return None
        is_url = value.lower().startswith(("http://", "https://"))
        if not is_url and not Path(value).exists():
            self.message(row.state, tr("{0} does not exist.").format(value), error=True)
            return None
        if not is_url and Path(value).is_dir() and not kind.folder:
            self.message(
                row.state,
                tr("{0} is a folder: this import takes a file (pick it with … › File…).").format(value),
                error=True,
            )
            return None
        parameters: dict[str, Any] = {"INPUT": value}
        if row.fields_box is not None:
            if not is_url and Path(value).is_file() and row.fields_box.file_name != Path(value).name:
                row.fields_box.set_file(value)
            unmapped = row.fields_box.unmapped()
            if unmapped:
                row.fields_box.setCollapsed(False)
                self.message(
                    row.state,
                    tr("Choose which field of your file holds: {0} (under “Fields of your file”).").format(
                        ", ".join(unmapped)
                    ),
                    error=True,
                )
                return None
            parameters.update(row.fields_box.values())
            row.fields_box.remember_choice()
        if replace and algorithm.parameterDefinition("REPLACE") is not None:
            parameters["REPLACE"] = True
        for name, widget in row.extra.items():
            if isinstance(widget, QComboBox):
                parameters[name] = widget.currentData()
            elif widget.filePath().strip():
                parameters[name] = widget.filePath().strip()
        if algorithm.parameterDefinition("STORE") is not None:
            parameters["STORE"] = self.settings.resolved_store_path()
        Path(self.settings.resolved_store_path()).parent.mkdir(parents=True, exist_ok=True)
        run = AlgorithmRun(algorithm, parameters, tr("Dig Once: import {0}").format(kind.label), parent=self)
        run.finished.connect(lambda ok, results, msg, r=row: self._import_finished(r, ok, results, msg))
        row.run = run
        row.import_button.setText(tr("Cancel"))
        self.message(row.state, tr("Importing {0}… (progress in the task manager)").format(Path(value).name))
        run.start()
        return run

    def _import_finished(self, row: DataRow, ok: bool, results: dict, message: str) -> None:
        row.import_button.setText(tr("Import"))
        warnings = row.run.feedback.warnings
        if ok:
            row.last_import_id = int(results.get("IMPORT_ID") or 0) or None
            # an import can fill several rows' tables (a Street Manager archive: works and restrictions)
            tables = tuple(
                dict.fromkeys(
                    t
                    for r in self.rows.values()
                    if r.kind.algorithm_id == row.kind.algorithm_id
                    for t in r.kind.tables
                )
            )
            self._add_store_layers(tables)
            self.refresh_catalogue()
            for section in self.checks.values():
                section.preselect_layers()
            summary = results.get("MESSAGE") or row.kind.label
            text = tr("Imported: {0}").format(summary)
            if warnings:
                text += " " + tr("Warnings: {0}").format(" ".join(warnings))
            self.message(self.dataMessage, text, warning=bool(warnings))
            if warnings:
                self.message(row.state, row.state.text() + " " + " ".join(warnings), warning=True)
            self.notify(
                row.kind.label, text, Qgis.MessageLevel.Warning if warnings else Qgis.MessageLevel.Success
            )
        else:
            self.refresh_catalogue()
            self.message(row.state, message, error=not row.run.cancelled)
            self.notify(
                row.kind.label,
                message,
                Qgis.MessageLevel.Info if row.run.cancelled else Qgis.MessageLevel.Critical,
            )
            if (
                REPLACE_HINT in message
                and not row.run.parameters.get("REPLACE")
                and self.ask_replace(row, message)
            ):
                self.runFinished.emit(row.kind.algorithm_id, ok, message)
                self.start_import(row, replace=True)
                return
        self.runFinished.emit(row.kind.algorithm_id, ok, message)

    def ask_replace(self, row: DataRow, message: str) -> bool:
        """The store refused a much smaller file: ask before it replaces the data (never silently)."""
        answer = QMessageBox.question(
            self,
            tr("Dig Once: replace {0}?").format(row.kind.label),
            tr("{0}\n\nReplace what the store holds with this file anyway?").format(message),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _add_store_layers(self, tables: tuple[str, ...]) -> None:
        """Make the imported store tables available in the project (once)."""
        store = self.store()
        existing = {layer.source() for layer in QgsProject.instance().mapLayers().values()}
        root = QgsProject.instance().layerTreeRoot()
        present = set(store.tables())
        for table in tables:
            if table not in present:
                continue
            # the toolbox's layers: works and restrictions one per geometry family, styled; none
            # while the whole table is in the project already (empty then, or an earlier version's)
            for wanted in store_layers(store, table, keep_empty=True):
                if wanted.uri in existing or store.layer_uri(table) in existing:
                    continue
                layer = QgsVectorLayer(wanted.uri, wanted.name, "ogr")
                if not layer.isValid():
                    continue
                if wanted.qml is not None:
                    layer.loadNamedStyle(str(wanted.qml))
                QgsProject.instance().addMapLayer(layer, False)
                group = root.findGroup(tr(DATA_GROUP)) or root.addGroup(tr(DATA_GROUP))
                group.addLayer(layer)
                self.added_layer_ids.append(layer.id())

    def refresh_catalogue(self) -> None:
        """Each row's state from the store's catalogue: records, rejected, when, source."""
        path = self.settings.resolved_store_path()
        self.storeLabel.setText(tr("Store: {0}").format(path))
        if not Path(path).exists():
            for row in self.rows.values():
                if row.run is None or row.run.done:
                    self.message(row.state, tr("Nothing imported yet."))
                row.rejects_button.setEnabled(False)
            return
        try:
            store = self.store()
            catalogue = store.catalogue()
            tables = set(store.tables())
            shown = {t for row in self.rows.values() for t in row.kind.tables} & tables
            by_import = {t: store.counts_by_import(t) for t in shown}
        except Exception as exc:  # noqa: BLE001 - a broken store is shown, never raised into Qt
            self.message(self.dataMessage, tr("The store cannot be read: {0}").format(exc), error=True)
            return
        for row in self.rows.values():
            if row.run is not None and not row.run.done:
                continue
            kind_name = getattr(registered(row.kind.algorithm_id), "kind", None)
            if row.kind.catalogue_kinds:
                entries = [e for e in catalogue if e.get("kind") in row.kind.catalogue_kinds]
            else:
                entries = [
                    e
                    for e in catalogue
                    if (kind_name and e.get("kind") == kind_name)
                    or any(t in str(e.get("tables") or "") for t in row.kind.tables)
                ]
            records, imported = _row_counts(row.kind, entries, by_import)
            if not entries:
                text = tr("{0} records in the store; nothing imported yet.").format(records)
                row.last_import_id = None
            else:
                last = entries[-1]
                row.last_import_id = last.get("id")
                text = tr("{records} records in the store. Last import {when}: {imported} imported, "
                          "{rejected} rejected, from {source}").format(
                    records=records,
                    when=_short_time(last.get("finished") or last.get("started")),
                    imported=imported,
                    rejected=last.get("rejected") or 0,
                    source=Path(str(last.get("source") or "")).name or last.get("source"),
                )  # fmt: skip
            row.state.setToolTip(str(entries[-1].get("source")) if entries else "")
            self.message(row.state, text)
            row.rejects_button.setEnabled(row.last_import_id is not None and REJECTS_TABLE in tables)

    def open_rejects(self, row: DataRow) -> QgsVectorLayer | None:
        """Add the rejects of the row's last import to the project as a table layer."""
        if row.last_import_id is None:
            self.message(row.state, tr("No import yet: nothing was rejected."))
            return None
        store = self.store()
        # the filter goes in the address: set afterwards, OGR left the count unknown (-1)
        uri = f'{store.layer_uri(REJECTS_TABLE)}|subset="import_id" = {int(row.last_import_id)}'
        layer = QgsVectorLayer(uri, tr("Rejects: {0}").format(row.kind.label), "ogr")
        if not layer.isValid():
            self.message(row.state, tr("The rejects table cannot be opened."), error=True)
            return None
        QgsProject.instance().addMapLayer(layer)
        self.added_layer_ids.append(layer.id())
        if self.iface is not None:
            self.iface.showAttributeTable(layer)
        return layer

    # -- Checks tab --------------------------------------------------------------------

    def _build_checks_tab(self, canvas) -> None:
        context = QHBoxLayout()
        context.addWidget(QLabel(tr("Map context:"), self.checksTab))
        self.boroughsButton = QPushButton(tr("Borough outlines"), self.checksTab)
        self.boroughsButton.setObjectName("addBoroughOutlines")
        self.boroughsButton.setToolTip(
            tr("Add London's borough outlines (shipped with Dig Once) under the results")
        )
        self.basemapButton = QPushButton(tr("OpenStreetMap"), self.checksTab)
        self.basemapButton.setObjectName("addOsmBasemap")
        self.basemapButton.setToolTip(
            tr(
                "Add the OpenStreetMap basemap under the results (needs the internet; © OpenStreetMap contributors)"
            )
        )
        self.boroughsButton.clicked.connect(lambda _=False: add_context(basemap=False))
        self.basemapButton.clicked.connect(lambda _=False: add_context(basemap=True))
        context.addWidget(self.boroughsButton)
        context.addWidget(self.basemapButton)
        context.addStretch(1)
        self.checksTabLayout.insertLayout(0, context)
        for algorithm_id, hints in CHECKS:
            section = CheckSection(algorithm_id, hints, self.settings, canvas, self.checksRows)
            section.run_button.clicked.connect(lambda _=False, s=section: self.run_or_cancel_check(s))
            self.checks[algorithm_id] = section
            self.checksRowsLayout.addWidget(section)
        self.checksRowsLayout.addStretch(1)

    def results_folder(self) -> Path:
        folder = Path(self.settings.resolved_results_folder())
        folder.mkdir(parents=True, exist_ok=True)
        return folder

    def run_or_cancel_check(self, section: CheckSection) -> None:
        if section.run is not None and not section.run.done:
            section.run.cancel()
            return
        self.run_check(section)

    def run_check(self, section: CheckSection) -> AlgorithmRun | None:
        """Validate the form, then run the check as a task; its layers go to the results group."""
        missing = section.form.missing_layers()
        if missing:
            names = ", ".join(f"“{p.description()}”" for p in missing)
            self.message(
                section.status,
                tr("Choose a layer for {0}. No suitable layer is loaded: import it in the Data tab "
                   "or add it to the project.").format(names),
                error=True,
            )  # fmt: skip
            return None
        wrong = section.wrong_layers()
        if wrong:
            self.message(
                section.status,
                " ".join(wrong) + " " + tr("Choose the right layer, or import it in the Data tab."),
                error=True,
            )
            return None
        parameters = section.form.values()
        stamp = dt.datetime.now().strftime("%Y%m%d_%H%M%S")
        for param in section.algorithm.destinationParameterDefinitions():
            if not isinstance(param, QgsProcessingDestinationParameter):
                continue
            if isinstance(param, QgsProcessingParameterFolderDestination):  # e.g. a meeting pack
                parameters[param.name()] = str(self.results_folder() / "meetings")
                continue
            target = self.results_folder() / f"{section.algorithm.name()}_{param.name().lower()}_{stamp}.gpkg"
            definition = QgsProcessingOutputLayerDefinition(str(target), QgsProject.instance())
            definition.destinationName = f"{section.algorithm.displayName()}: {param.description()}"
            parameters[param.name()] = definition
        ok, problem = section.algorithm.checkParameterValues(parameters, section.form.context)
        if not ok:
            self.message(section.status, problem, error=True)
            return None
        for name in section.kinds:  # a geometry family's layer stands for its whole store table
            layer = layer_of_value(parameters.get(name)) if isinstance(parameters.get(name), str) else None
            if layer is not None and GEOMETRY_TYPE in layer.source():
                parameters[name] = whole_table_source(layer.source())
        run = AlgorithmRun(section.algorithm, parameters, tr("Dig Once: {0}").format(section.algorithm.displayName()),
                           parent=self)  # fmt: skip
        run.finished.connect(lambda ok_, results, msg, s=section: self._check_finished(s, ok_, results, msg))
        section.run = run
        section.run_button.setText(tr("Cancel"))
        self.message(section.status, tr("Running… (progress in the task manager)"))
        run.start()
        return run

    def _check_finished(self, section: CheckSection, ok: bool, results: dict, message: str) -> None:
        section.run_button.setText(tr("Run"))
        layers = (
            load_result_layers(section.run, on_layer=lambda lyr: self.added_layer_ids.append(lyr.id()))
            if ok
            else []
        )
        # the layers the run opened itself (a whole store table, opened in the task's thread) are
        # closed now: left to the run until the panel went, closing them crashed QGIS in OGR
        section.run.context.temporaryLayerStore().removeAllMapLayers()
        if ok:
            add_context(basemap=False)  # results are placed against the borough outlines
            counts = ", ".join(
                f"{k.lower()} {int(v)}"
                for k, v in results.items()
                if isinstance(v, (int, float)) and k.isupper()
            )
            text = tr("Done: {n} layers added to “{g}”. {c}").format(
                n=len(layers), g=tr("Dig Once results"), c=counts
            )
            warnings = section.run.feedback.warnings
            if warnings:
                text += " " + tr("Warnings: {0}").format(" ".join(warnings))
            self.message(section.status, text, warning=bool(warnings))
            self.notify(
                section.algorithm.displayName(),
                text,
                Qgis.MessageLevel.Warning if warnings else Qgis.MessageLevel.Success,
            )
        else:
            self.message(section.status, message, error=not section.run.cancelled)
            self.notify(
                section.algorithm.displayName(),
                message,
                Qgis.MessageLevel.Info if section.run.cancelled else Qgis.MessageLevel.Critical,
            )
        self.runFinished.emit(section.algorithm_id, ok, message)

    # -- My plan tab -------------------------------------------------------------------

    def _build_plan_tab(self) -> None:
        for combo in (self.planLayerCombo, self.registerLayerCombo):
            combo.setFilters(QgsMapLayerProxyModel.Filter.VectorLayer)
            combo.setAllowEmptyLayer(True)
        self.planLayerCombo.setLayer(None)
        self.registerLayerCombo.setLayer(project_layer_for(("works",)))
        self.planFieldsBox = QgsCollapsibleGroupBox(tr("Fields of your plan"), self.planTab)
        self.planFieldsBox.setObjectName("planFieldsBox")
        form = QFormLayout(self.planFieldsBox)
        self.planFieldCombos: dict[str, QgsFieldComboBox] = {}
        for role, label, required in (
            ("start", tr("Start date"), True),
            ("end", tr("End date"), True),
            ("owner", tr("Owner (promoter)"), False),
            ("reference", tr("Reference"), False),
        ):
            combo = QgsFieldComboBox(self.planFieldsBox)
            combo.setObjectName(f"planField_{role}")
            combo.setAllowEmptyFieldName(not required)
            form.addRow(label, combo)
            self.planFieldCombos[role] = combo
        self.planTabLayout.insertWidget(1, self.planFieldsBox)
        self.planLayerCombo.layerChanged.connect(self._plan_layer_changed)
        self.liveTable.setColumnCount(6)
        self.liveTable.setHorizontalHeaderLabels(
            [tr("Plan feature"), tr("Finding"), tr("With"), tr("Owner"), tr("Distance (m)"), tr("Days")]
        )
        self.liveStartButton.clicked.connect(self.start_live_check)
        self.liveStopButton.clicked.connect(self.stop_live_check)
        self.liveStopButton.setEnabled(False)
        self.live.changed.connect(self._show_live_pairs)
        self.live.status.connect(lambda text: self.liveStatus.setText(text))
        self.liveStatus.setText(tr("Choose your plan layer (editable) and the works register, then Start."))

    def _plan_layer_changed(self, layer) -> None:
        """Point the field combos at the plan and guess which field is which."""
        names = [f.name() for f in layer.fields()] if isinstance(layer, QgsVectorLayer) else []
        roles = {"start": "START", "end": "END", "owner": "OWNER", "reference": "REFERENCE"}
        for role, combo in self.planFieldCombos.items():
            combo.setLayer(layer if isinstance(layer, QgsVectorLayer) else None)
            combo.setField(guess_field(roles[role], names) or "")

    def plan_fields(self) -> dict[str, str | None]:
        return {role: (combo.currentField() or None) for role, combo in self.planFieldCombos.items()}

    def start_live_check(self) -> bool:
        plan = self.planLayerCombo.currentLayer()
        register = self.registerLayerCombo.currentLayer() or project_layer_for(("works",))
        if plan is None or register is None:
            missing = []
            if plan is None:
                missing.append(tr("your plan layer"))
            if register is None:
                missing.append(tr("the works register (import street works in the Data tab)"))
            self.liveStatus.setText(tr("Choose {0} first.").format(tr(" and ").join(missing)))
            return False
        if plan.id() == register.id():
            self.liveStatus.setText(tr("The plan layer and the register must be different layers."))
            return False
        if plan is not None and self.planFieldCombos["start"].layer() is not plan:
            self._plan_layer_changed(plan)
        fields = self.plan_fields()
        if not fields["start"] or not fields["end"]:
            self.planFieldsBox.setCollapsed(False)
            self.liveStatus.setText(
                tr(
                    "Choose which fields of {0} hold the start and end dates (under “Fields of your plan”)."
                ).format(plan.name())
            )
            return False
        started = self.live.start(
            plan,
            whole_table(register),
            distance=self.settings.distance_m,
            max_gap_days=self.settings.max_gap_days,
            fields=fields,
        )
        self.liveStartButton.setEnabled(not started)
        self.liveStopButton.setEnabled(started)
        return started

    def stop_live_check(self) -> None:
        self.live.stop()
        self.liveStartButton.setEnabled(True)
        self.liveStopButton.setEnabled(False)
        self.liveTable.setRowCount(0)

    def _show_live_pairs(self) -> None:
        pairs = self.live.pairs()
        table = self.liveTable
        table.setSortingEnabled(False)
        table.setRowCount(len(pairs))
        kinds = {"clash": tr("clash"), "opportunity": tr("opportunity")}
        for n, pair in enumerate(pairs):
            days = pair.overlap_days if pair.kind_name == "clash" else pair.gap_days
            day_text = (tr("{0} days overlap") if pair.kind_name == "clash" else tr("{0} days apart")).format(
                days
            )
            cells = [
                self.live.plan_label(pair.plan_fid),
                kinds[pair.kind_name],
                str(pair.other_id)
                if pair.other == "register"
                else tr("plan feature {0}").format(self.live.plan_label(pair.other_id)),
                "" if pair.other_owner is None else str(pair.other_owner),
                f"{pair.distance_m:.1f}",
                day_text,
            ]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col == 0:
                    item.setData(Qt.ItemDataRole.UserRole, pair.plan_fid)
                table.setItem(n, col, item)
        table.setSortingEnabled(True)

    # -- Settings tab ------------------------------------------------------------------

    def _build_settings_tab(self) -> None:
        self.resultsFolderWidget = QgsFileWidget(self.settingsTab)
        self.resultsFolderWidget.setObjectName("resultsFolderWidget")
        self.resultsFolderWidget.setStorageMode(QgsFileWidget.StorageMode.GetDirectory)
        self.resultsFolderWidget.setToolTip(tr("Where the checks' results and the meeting packs are written"))
        self.settingsForm.insertRow(1, tr("Results folder"), self.resultsFolderWidget)
        self.storePathWidget.setStorageMode(QgsFileWidget.StorageMode.SaveFile)
        self.storePathWidget.setFilter(tr("GeoPackage (*.gpkg)"))
        self.levelCombo.clear()
        for code, label in (("uso", tr("Decent broadband (USO, 10 Mbit/s)")), ("superfast", tr("Superfast (30 Mbit/s)")),
                            ("gigabit", tr("Gigabit (1 000 Mbit/s)"))):  # fmt: skip
            self.levelCombo.addItem(label, code)
        self.saveSettingsButton.clicked.connect(self.save_settings)
        self.resetSettingsButton.clicked.connect(self.reset_settings)
        self.show_settings(self.settings)

    def show_settings(self, settings: PluginSettings) -> None:
        self.storePathWidget.setFilePath(settings.store_path)
        self.storePathWidget.lineEdit().setPlaceholderText(settings.resolved_store_path())
        self.resultsFolderWidget.setFilePath(settings.results_path)
        self.resultsFolderWidget.lineEdit().setPlaceholderText(settings.resolved_results_folder())
        defaults = PluginSettings()
        for spin, value, default in (
            (self.distanceSpin, settings.distance_m, defaults.distance_m),
            (self.gapSpin, settings.max_gap_days, defaults.max_gap_days),
            (self.shareSpin, settings.notspot_share_pct, defaults.notspot_share_pct),
            (self.spineSpin, settings.max_spine_distance_m, defaults.max_spine_distance_m),
        ):
            spin.setClearValue(default)
            spin.setValue(value)
        index = self.levelCombo.findData(settings.notspot_level)
        self.levelCombo.setCurrentIndex(max(index, 0))

    def read_settings(self) -> PluginSettings:
        return PluginSettings(
            store_path=self.storePathWidget.filePath().strip(),
            distance_m=float(self.distanceSpin.value()),
            max_gap_days=int(self.gapSpin.value()),
            notspot_share_pct=float(self.shareSpin.value()),
            notspot_level=str(self.levelCombo.currentData() or "uso"),
            max_spine_distance_m=float(self.spineSpin.value()),
            results_path=self.resultsFolderWidget.filePath().strip(),
        )

    def save_settings(self) -> None:
        self.settings = self.read_settings()
        self.settings.save()
        self._settings_changed()

    def reset_settings(self) -> None:
        self.settings = PluginSettings.reset()
        self.show_settings(self.settings)
        self._settings_changed()

    def _settings_changed(self) -> None:
        for algorithm_id, section in self.checks.items():
            if section.form is not None:
                for name, value in settings_defaults(algorithm_id, self.settings).items():
                    section.form.set_value(name, value)
        self.refresh_catalogue()

    # -- lifetime ----------------------------------------------------------------------

    def cleanup(self) -> None:
        """Stop what the dock started (tasks, live check, highlights) before it is removed."""
        project = QgsProject.instance()
        for signal, slot in (
            (project.layersAdded, self._layers_changed),
            (project.layersRemoved, self._layers_changed),
            (project.cleared, self._project_cleared),
        ):
            with contextlib.suppress(TypeError, RuntimeError):  # already disconnected
                signal.disconnect(slot)
        self.live.stop()
        if self.register_panel is not None:
            # deleted now, not at garbage collection: its connection list belongs to QGIS's
            # provider registry, which may be gone by then (a crash on QGIS's exit)
            self.register_panel.cleanup()
            self.tabs.removeTab(self.tabs.indexOf(self.register_panel))
            sip.delete(self.register_panel)
            self.register_panel = None
        for row in self.rows.values():
            if row.run is not None and not row.run.done:
                row.run.cancel()
        for section in self.checks.values():
            if section.run is not None and not section.run.done:
                section.run.cancel()


def _short_time(value: Any) -> str:
    if not value:
        return "?"
    try:
        when = dt.datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return str(value)
    if when.tzinfo is not None:
        when = when.astimezone()
    return when.strftime("%Y-%m-%d %H:%M")

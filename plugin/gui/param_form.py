"""A parameter form built from an algorithm's own parameter definitions.

Widgets come from QGIS's Processing GUI registry (the same widgets as the toolbox dialog),
so defaults, ranges, layer filters and field-from-layer links are the algorithm's; the help
of each parameter is the widget's tooltip. Advanced parameters sit in a collapsed box.
"""

from __future__ import annotations

from typing import Any

from qgis.core import (
    QgsProcessingAlgorithm,
    QgsProcessingContext,
    QgsProcessingDestinationParameter,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterMapLayer,
    QgsProcessingParameterMultipleLayers,
    QgsProcessingParameterVectorLayer,
    QgsProject,
)
from qgis.gui import (
    QgsCollapsibleGroupBox,
    QgsGui,
    QgsProcessingContextGenerator,
    QgsProcessingGui,
    QgsProcessingParameterWidgetContext,
)
from qgis.PyQt.QtCore import QVariant
from qgis.PyQt.QtWidgets import QFormLayout, QLineEdit, QWidget

from ..toolbelt.i18n import tr

LAYER_PARAMETER_TYPES = (
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterVectorLayer,
    QgsProcessingParameterMapLayer,
    QgsProcessingParameterMultipleLayers,
)


class _ContextGenerator(QgsProcessingContextGenerator):
    def __init__(self, context: QgsProcessingContext):
        super().__init__()
        self.context = context

    def processingContext(self) -> QgsProcessingContext:  # noqa: N802
        return self.context


def is_layer_parameter(param: QgsProcessingParameterDefinition) -> bool:
    return isinstance(param, LAYER_PARAMETER_TYPES)


def is_advanced(param: QgsProcessingParameterDefinition) -> bool:
    return bool(param.flags() & QgsProcessingParameterDefinition.Flag.FlagAdvanced)


def is_hidden(param: QgsProcessingParameterDefinition) -> bool:
    return bool(param.flags() & QgsProcessingParameterDefinition.Flag.FlagHidden)


def _is_empty(value: Any) -> bool:
    if value is None or value == "" or value == []:
        return True
    return isinstance(value, QVariant) and value.isNull()


class ParameterForm(QWidget):
    """The input parameters of ``algorithm`` (destinations are left to the caller)."""

    def __init__(
        self,
        algorithm: QgsProcessingAlgorithm,
        *,
        defaults: dict[str, Any] | None = None,
        map_canvas=None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.algorithm = algorithm
        self.context = QgsProcessingContext()
        self.context.setProject(QgsProject.instance())
        self._generator = _ContextGenerator(self.context)
        self.wrappers: dict[str, Any] = {}
        self.fallbacks: dict[str, QLineEdit] = {}
        widget_context = QgsProcessingParameterWidgetContext()
        widget_context.setProject(QgsProject.instance())
        if map_canvas is not None:
            widget_context.setMapCanvas(map_canvas)
        layout = QFormLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        advanced_box = QgsCollapsibleGroupBox(tr("Advanced parameters"), self)
        advanced_layout = QFormLayout(advanced_box)
        for form in (layout, advanced_layout):  # a dock is narrow: widgets go under their labels
            form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        registry = QgsGui.processingGuiRegistry()
        for param in algorithm.parameterDefinitions():
            if isinstance(param, QgsProcessingDestinationParameter) or is_hidden(param):
                continue
            target = advanced_layout if is_advanced(param) else layout
            wrapper = registry.createParameterWidgetWrapper(param, QgsProcessingGui.WidgetType.Standard)
            if wrapper is None:  # a parameter type with no C++ widget: plain text
                edit = QLineEdit(self)
                default = param.defaultValue()
                edit.setText("" if default is None else str(default))
                edit.setToolTip(param.help() or param.description())
                self.fallbacks[param.name()] = edit
                target.addRow(param.description(), edit)
                continue
            wrapper.setWidgetContext(widget_context)
            wrapper.registerProcessingContextGenerator(self._generator)
            widget = wrapper.createWrappedWidget(self.context)
            label = wrapper.createWrappedLabel()
            help_text = param.help() or param.description()
            widget.setToolTip(help_text)
            if label is not None:
                label.setToolTip(help_text)
                target.addRow(label, widget)
            else:
                target.addRow(widget)
            widget.setObjectName(f"param_{param.name()}")
            self.wrappers[param.name()] = wrapper
        for wrapper in self.wrappers.values():
            wrapper.postInitialize(list(self.wrappers.values()))
        for name, value in (defaults or {}).items():
            self.set_value(name, value)
        if advanced_layout.rowCount():
            advanced_box.setCollapsed(True)
            layout.addRow(advanced_box)
        else:
            advanced_box.deleteLater()

    def parameter(self, name: str) -> QgsProcessingParameterDefinition | None:
        return self.algorithm.parameterDefinition(name)

    def set_value(self, name: str, value: Any) -> bool:
        if name in self.wrappers:
            self.wrappers[name].setParameterValue(value, self.context)
            return True
        if name in self.fallbacks:
            self.fallbacks[name].setText(str(value))
            return True
        return False

    def values(self) -> dict[str, Any]:
        """The chosen values; parameters left empty are left out, so the algorithm's
        defaults apply (e.g. a field list not filled yet because its layer was just chosen)."""
        out: dict[str, Any] = {}
        for name, wrapper in self.wrappers.items():
            value = wrapper.parameterValue()
            if not _is_empty(value):
                out[name] = value
        for name, edit in self.fallbacks.items():
            if edit.text():
                out[name] = edit.text()
        return out

    def missing_layers(self) -> list[QgsProcessingParameterDefinition]:
        """Required layer parameters that have no layer chosen."""
        values = self.values()
        missing = []
        for name in self.wrappers:
            param = self.parameter(name)
            if param is None or not is_layer_parameter(param):
                continue
            optional = bool(param.flags() & QgsProcessingParameterDefinition.Flag.FlagOptional)
            if not optional and _is_empty(values.get(name)):
                missing.append(param)
        return missing

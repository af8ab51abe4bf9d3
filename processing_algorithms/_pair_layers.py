"""The layers of digonce:compareruns (a helper module, not an algorithm): two runs' pairs layers
read into the engine's :class:`~..plugin.core.compare.PairsRun` (refused before they are read
when they will not fit in memory), the parameters stamped in them, and the groups layers'
geometries. The comparison and the output columns are :mod:`plugin.core.compare`'s; strings
here are translated in the ``CompareRuns`` context."""

from __future__ import annotations

from typing import Any

from qgis.core import QgsApplication, QgsProcessingException, QgsVectorLayer, QgsWkbTypes
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP

from ..plugin.core.compare import (
    OPTIONAL_FIELDS,
    REQUIRED_FIELDS,
    PairsRun,
    differing_parameters,
    parse_parameters,
)
from ..plugin.core.compare_tables import geometries_by_group
from ..plugin.core.errors import InputError
from ..plugin.core.memory import COMPARE_BYTES_PER_PAIR
from ..plugin.toolbelt.layer_io import geometry_type_name
from ..plugin.toolbelt.outputs import PARAMS_PROPERTY, gpkg_path_of, read_stamped_parameters
from ._works_fields import check_memory, open_source, read_layer

OVERLAPS_ALGORITHM = "digonce:findworksoverlaps"

_NOT_PAIRS = QT_TRANSLATE_NOOP(
    "CompareRuns", "Layer {layer!r} ({param}) is not a pairs output: field(s) {fields} missing"
)
_NO_GROUP_ID = QT_TRANSLATE_NOOP("CompareRuns", "Layer {layer!r} ({param}) has no group_id field")
_NOT_STAMPED = QT_TRANSLATE_NOOP(
    "CompareRuns", "No run parameters are stamped in {layer}: cannot check that the runs are comparable"
)


def read_runs(alg, parameters, context, feedback, params: tuple[str, ...]) -> list[tuple[Any, str, PairsRun]]:
    """``(source, label, run)`` of each pairs layer parameter. Every layer is checked to be a
    pairs output, and all of them to fit in the free memory together, before any is read."""
    opened = []
    for param in params:
        # a pairs output has zero-length lines where works touch: QGIS calls them invalid
        source, label = open_source(alg, parameters, context, param, unchecked=True)
        names = set(source.fields().names())
        missing = [name for name in REQUIRED_FIELDS if name not in names]
        if missing:
            raise QgsProcessingException(
                alg.tr(_NOT_PAIRS).format(layer=label, param=param, fields=", ".join(missing))
            )
        opened.append(
            (param, source, label, {f: f for f in (*REQUIRED_FIELDS, *OPTIONAL_FIELDS) if f in names})
        )
    n_pairs = sum(max(0, source.featureCount()) for _, source, _, _ in opened)
    check_memory(n_pairs, COMPARE_BYTES_PER_PAIR, " and ".join(label for _, _, label, _ in opened))
    runs = []
    for param, source, label, wanted in opened:
        arrays = read_layer(alg, parameters, context, feedback, param, source, wanted, label)
        try:
            runs.append(
                (
                    source,
                    label,
                    PairsRun.from_columns(arrays.columns, geometries=arrays.geometries, label=label),
                )
            )
        except InputError as exc:
            raise QgsProcessingException(str(exc)) from exc
    return runs


def stamped_parameters(alg, parameters, context, param: str, label: str) -> dict[str, Any] | None:
    """The analysis parameters stamped in a run's output (its GeoPackage's digonce_runs table,
    else the layer's custom property); None when nothing is stamped."""
    layer = alg.parameterAsVectorLayer(parameters, param, context)
    text = None
    if isinstance(layer, QgsVectorLayer):
        where = gpkg_path_of(layer)
        if where is not None:
            text = read_stamped_parameters(*where)
        if text is None:
            text = layer.customProperty(PARAMS_PROPERTY) or None
    try:
        return parse_parameters(text, label)
    except InputError as exc:
        raise QgsProcessingException(str(exc)) from exc


def differing_runs(alg, parameters, context, feedback, runs: tuple[tuple[str, str], ...]) -> list[Any]:
    """The analysis parameters that differ between the current and the previous run (``runs``:
    their parameter and label, in that order), read from the parameters stamped in them; none
    when a run has none stamped (a warning says the runs cannot be checked)."""
    labels = [label for _, label in runs]
    current, previous = (stamped_parameters(alg, parameters, context, param, label) for param, label in runs)
    if current is None or previous is None:
        feedback.pushWarning(alg.tr(_NOT_STAMPED).format(layer=labels[0] if current is None else labels[1]))
        return []
    return differing_parameters(previous, current, defaults=overlap_defaults())


def overlap_defaults() -> dict[str, Any]:
    """findworksoverlaps' parameter defaults (a parameter a run did not stamp had its default)."""
    alg = QgsApplication.processingRegistry().algorithmById(OVERLAPS_ALGORITHM)
    if alg is None:
        return {}
    return {p.name(): p.defaultValue() for p in alg.parameterDefinitions()}


def group_geometries(alg, parameters, context, param: str) -> dict[int, Any]:
    """Group id -> geometry of an optional groups layer parameter (empty when not given)."""
    source, label = open_source(alg, parameters, context, param, unchecked=True, optional=True)
    if source is None:
        return {}
    if source.fields().lookupField("group_id") < 0:
        raise QgsProcessingException(alg.tr(_NO_GROUP_ID).format(layer=source.sourceName(), param=param))
    arrays = read_layer(alg, parameters, context, None, param, source, {"group_id": "group_id"}, label)
    return geometries_by_group(arrays.columns["group_id"], arrays.geometries)


def pairs_type_name(source) -> str | None:
    """The pair changes layer's geometry type: the current pairs layer's, as multi (lines when
    that is none of point, line, polygon)."""
    wkb = QgsWkbTypes.multiType(source.wkbType())
    kinds = (QgsWkbTypes.PointGeometry, QgsWkbTypes.LineGeometry, QgsWkbTypes.PolygonGeometry)
    return geometry_type_name(wkb if QgsWkbTypes.geometryType(wkb) in kinds else QgsWkbTypes.MultiLineString)

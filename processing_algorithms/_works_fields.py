"""The fields of a works layer read by an analysis (a helper module: not an algorithm).

For the analyses that read a layer of works (findworksoverlaps, checkrestrictions): the field
parameters (:class:`LayerField`, :func:`add_field_parameters`; findworksoverlaps' own in
:data:`OVERLAP_FIELDS`, translated in its context), the fields chosen for a layer
(:func:`wanted_fields`), and the layer opened and read once (:func:`open_source`,
:func:`read_layer`, :func:`read_works`). The fields of a works file an import reads are in
``_works_file_roles``."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from qgis.core import (
    QgsFeatureRequest,
    QgsProcessingException,
    QgsProcessingFeatureSource,
    QgsProcessingFeatureSourceDefinition,
    QgsProperty,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP, QMetaType

from ..plugin.core.errors import InputError
from ..plugin.core.memory import check_fits
from ..plugin.core.overlap_tables import text_column
from ..plugin.core.works import Works, ascii_ids
from ..plugin.toolbelt.layer_io import SourceArrays, read_columns
from ..plugin.toolbelt.layers import column_days

#: accepted types of a date field: a date, or text such as 2026-03-16
DATE_TYPES = (QMetaType.Type.QDate, QMetaType.Type.QDateTime, QMetaType.Type.QString)
#: accepted types of a USRN field
TEXT_OR_NUMBER = (
    QMetaType.Type.QString,
    QMetaType.Type.Int,
    QMetaType.Type.LongLong,
    QMetaType.Type.UInt,
    QMetaType.Type.ULongLong,
)
# Shared messages, marked in the BaseAlgorithm context that every algorithm's tr() falls back to.
_NOT_IN_LAYER = QT_TRANSLATE_NOOP(
    "BaseAlgorithm", "Field {field!r} ({param}) is not in layer {layer!r}; its fields are: {names}"
)
_WRONG_TYPE = QT_TRANSLATE_NOOP(
    "BaseAlgorithm", "Field {field!r} ({param}) of layer {layer!r} is {type}; it must be {desc}"
)
_WORKS_READ = QT_TRANSLATE_NOOP("BaseAlgorithm", "{layer}: {n} works read ({how})")
_ARROW = QT_TRANSLATE_NOOP("BaseAlgorithm", "GDAL Arrow stream")
_FEATURES = QT_TRANSLATE_NOOP("BaseAlgorithm", "QGIS features")


@dataclass(frozen=True)
class LayerField:
    """A field of an analysis input the user may name (an advanced parameter): the parameter,
    its label (marked for translation in the algorithm's context), the field used when none is
    named, the role it fills when the layer is read, and the layer parameter it belongs to.
    ``types``: the field types accepted (None: any), said to the user as ``type_desc`` (marked
    for translation too)."""

    param: str
    label: str
    default: str
    role: str
    layer: str = "INPUT"
    optional: bool = False
    types: tuple[QMetaType.Type, ...] | None = None
    type_desc: str = ""


def add_field_parameters(alg, fields: Iterable[LayerField], help_text: str) -> None:
    """One advanced field parameter per field, in order; ``help_text`` (translated) is
    formatted with the field's ``default`` and its ``layer`` parameter in lower case."""
    for field in fields:
        alg.add_field(
            field.param,
            alg.tr(field.label),
            field.layer,
            help_text.format(default=field.default, layer=field.layer.lower()),
            default=field.default,
            optional=field.optional,
            advanced=True,
        )


def wanted_fields(
    alg, parameters, context, source, fields: Iterable[LayerField], label: str, *, check: bool = True
) -> dict[str, str | None]:
    """Role -> field name of ``source`` for ``fields``. An optional field left at a default the
    layer does not have is not used (None). With ``check``, a named field that is not in the
    layer, or is not of an accepted type, stops the run with a sentence naming the field, its
    parameter and the layer."""
    qgs_fields = source.fields()
    wanted: dict[str, str | None] = {}
    for field in fields:
        chosen = alg.parameterAsStrings(parameters, field.param, context)
        name = chosen[0] if chosen else None
        given = parameters.get(field.param) not in (None, "", [])
        idx = qgs_fields.lookupField(name) if name else -1
        if name and idx < 0 and field.optional and not given:
            name = None  # the canonical default is absent: the role is simply not used
        elif check and name and idx < 0:
            raise QgsProcessingException(
                alg.tr(_NOT_IN_LAYER).format(
                    field=name, param=field.param, layer=label, names=", ".join(qgs_fields.names())
                )
            )
        elif check and name and field.types is not None and qgs_fields.at(idx).type() not in field.types:
            raise QgsProcessingException(
                alg.tr(_WRONG_TYPE).format(
                    field=name,
                    param=field.param,
                    layer=label,
                    type=qgs_fields.at(idx).typeName(),
                    desc=alg.tr(field.type_desc),
                )
            )
        wanted[field.role] = name
    return wanted


class LazySource:
    """A whole vector layer's processing source, made only when it is needed: its fields,
    count, geometry type, CRS and name come from the layer itself, and anything else (its
    features, read the QGIS way) from the source :meth:`QgsProcessingAlgorithm.parameterAsSource`
    gives, made then, exactly as it would have been made first.

    Why: QGIS's ``QgsProcessingFeatureSource`` takes the layer's extent when it is made, and
    for a layer with a subset (a planner's "works starting this quarter" from a year's store)
    OGR finds that extent by reading every matching feature: 6.8 s for a subset of a year of
    England's 3.1M works, before the Arrow route reads the same rows in ~2 s. The Arrow route
    never needs that source."""

    def __init__(self, layer: Any, make: Any):
        self._layer = layer
        self._make = make
        self._source: Any = None

    def fields(self) -> Any:
        return self._layer.fields()

    def featureCount(self) -> int:  # noqa: N802 - QgsFeatureSource's name
        return self._layer.featureCount()

    def __len__(self) -> int:  # as PyQGIS's sources
        return self._layer.featureCount()

    def __bool__(self) -> bool:  # as PyQGIS's sources: an empty layer is still a source
        return True

    def wkbType(self) -> Any:  # noqa: N802
        return self._layer.wkbType()

    def sourceCrs(self) -> Any:  # noqa: N802
        return self._layer.crs()

    def sourceName(self) -> str:  # noqa: N802
        return self._layer.sourceName()

    def subset(self) -> str:
        """The layer's subset (filter) string, "" for none."""
        return self._layer.subsetString()

    def layer_features(self, request: Any) -> Any:
        """The layer's own features for ``request`` (its subset applied), without making the
        processing source (a sample of them, :func:`estimate_vertices`)."""
        return self._layer.getFeatures(request)

    @property
    def made(self) -> bool:
        """Whether the processing source has been made (features were asked for)."""
        return self._source is not None

    def source(self) -> Any:
        """The processing source (made now if not yet)."""
        if self._source is None:
            self._source = self._make()
        return self._source

    def __getattr__(self, name: str) -> Any:
        return getattr(self.source(), name)


def _whole_layer(alg, parameters, context, param: str) -> Any:
    """The parameter's vector layer when the parameter is the whole of it (no selection,
    feature limit, filter or geometry-check override): None otherwise."""
    definition = parameters.get(param)
    if isinstance(definition, QgsProperty):
        return None
    if isinstance(definition, QgsProcessingFeatureSourceDefinition) and (
        definition.selectedFeaturesOnly
        or definition.featureLimit != -1
        or getattr(definition, "filterExpression", "")
        or definition.flags & QgsProcessingFeatureSourceDefinition.FlagOverrideDefaultGeometryCheck
    ):
        return None
    layer = alg.parameterAsVectorLayer(parameters, param, context)
    if layer is None or not layer.isValid():
        return None
    # a layer of the open project (a run from the panel) keeps QGIS's own source: in the
    # desktop campaign QGIS crashed in 2 of 17 runs while drawing the legend of the layers just
    # added, with a lazily made source on the run's thread, and never in 11 runs without
    # (cause not found); layers a run opens itself (qgis_process, a path) stay lazy
    return layer if layer.project() is None else None


def open_source(alg, parameters, context, param: str, *, unchecked: bool = False, optional: bool = False):
    """``(source, label)`` of a layer parameter; ``(None, "")`` for an optional one left empty.
    ``unchecked``: without the context's invalid-geometry filter (see
    ``BaseAlgorithm.source_unchecked``). A whole layer's source is a :class:`LazySource`."""

    def make() -> Any:
        if unchecked:
            return alg.source_unchecked(parameters, param, context)
        return alg.parameterAsSource(parameters, param, context)

    def make_or_refuse() -> Any:
        source = make()
        if source is None:
            raise QgsProcessingException(alg.invalidSourceError(parameters, param))
        return source

    layer = _whole_layer(alg, parameters, context, param)
    source = LazySource(layer, make_or_refuse) if layer is not None else make()
    if source is None:
        if optional:
            return None, ""
        raise QgsProcessingException(alg.invalidSourceError(parameters, param))
    return source, source.sourceName() or param


#: features whose vertices are counted to estimate a layer's (:func:`estimate_vertices`)
VERTEX_SAMPLE = 2000


def estimate_vertices(source, n: int) -> int:
    """About how many vertices the ``n`` features of ``source`` have: the mean over a sample of
    up to :data:`VERTEX_SAMPLE` features, spread over feature ids 1..n for a whole layer (a
    GeoPackage's ids), else its first ones (a request by id passes over a layer's subset, and
    other formats number otherwise). A few milliseconds, before anything is read: buffered
    polygons of 100+ vertices need ~20x the memory of street works' points and lines."""
    if n <= 0 or source is None:
        return 0
    counts: list[int] = []
    if isinstance(source, LazySource) and not source.subset():
        step = max(1, n // VERTEX_SAMPLE)
        counts = _vertex_counts(
            source, QgsFeatureRequest().setNoAttributes().setFilterFids(list(range(1, n + 1, step)))
        )
    if len(counts) < min(n, VERTEX_SAMPLE) // 2:  # not ids 1..n, or not a whole layer
        counts = _vertex_counts(source, QgsFeatureRequest().setNoAttributes().setLimit(VERTEX_SAMPLE))
    return round(n * sum(counts) / len(counts)) if counts else 0


def _vertex_counts(source, request) -> list[int]:
    if isinstance(source, LazySource):  # the layer's own features: no processing source made
        features = source.layer_features(request)
    elif isinstance(source, QgsProcessingFeatureSource):  # invalid geometries are counted too
        features = source.getFeatures(request, QgsProcessingFeatureSource.FlagSkipGeometryValidityChecks)
    else:
        features = source.getFeatures(request)
    return [f.geometry().constGet().nCoordinates() if f.hasGeometry() else 0 for f in features]


def check_memory(n: int, bytes_per_feature: int, label: str, sources: Iterable[Any] = ()) -> None:
    """Refuse, before anything is read, an input too big for the free memory
    (:func:`plugin.core.memory.check_fits`), with the sentence saying so; the vertices of the
    ``sources``' features count too (:func:`estimate_vertices`)."""
    vertices = sum(estimate_vertices(s, max(0, s.featureCount())) for s in sources if s is not None)
    try:
        check_fits(n, bytes_per_feature, label, vertices=vertices)
    except InputError as exc:
        raise QgsProcessingException(str(exc)) from exc


def read_layer(
    alg,
    parameters,
    context,
    feedback,
    param: str,
    source,
    wanted: dict[str, Any],
    label: str,
    deferred: Iterable[str] = (),
    *,
    compact: bool = False,
) -> SourceArrays:
    """The wanted fields and geometries of a layer parameter, read once (GDAL's Arrow stream
    for a whole GeoPackage layer, else QGIS features: ``toolbelt.layer_io.read_columns``);
    the text roles in ``deferred`` only for the rows asked for, later, on the Arrow route;
    ``compact``: points and two-point lines as coordinates there (``core.compact``)."""
    return read_columns(
        source,
        wanted,
        context,
        feedback,
        label,
        layer=alg.parameterAsVectorLayer(parameters, param, context),
        definition=parameters.get(param),
        deferred=deferred,
        compact=compact,
    )


def read_works(
    alg,
    parameters,
    context,
    feedback,
    param: str,
    source,
    wanted: dict[str, Any],
    label: str,
    *,
    compact: bool = False,
) -> tuple[Works, Any]:
    """The works of a layer parameter (roles ``id``, ``owner``, ``start``, ``end``, and
    ``status``, ``usrn`` when used) and their feature ids. A date that is not a date makes its
    work unusable, with the reason; how the layer was read is said in the log. ``compact``:
    the geometries may come as ``core.compact.CompactGeometries`` (for the engine's
    ``find_overlaps``, which reads them as they are: ~420 MB less at 3M works)."""
    arrays = read_layer(alg, parameters, context, feedback, param, source, wanted, label, compact=compact)
    reasons: list[str | None] = [None] * len(arrays)
    columns = arrays.columns
    try:
        works = Works.from_columns(
            arrays.geometries,
            ascii_ids(text_column(columns["id"])) if compact else text_column(columns["id"]),
            columns["owner"],
            column_days(columns["start"], "start date", reasons),
            column_days(columns["end"], "end date", reasons),
            statuses=columns.get("status"),
            usrns=columns.get("usrn"),
            # no date unreadable (the usual case): no column of 3M Nones to build and screen
            reasons=reasons if any(reasons) else None,
        )
    except InputError as exc:
        raise QgsProcessingException(f"{label}: {exc}") from exc
    how = alg.tr(_ARROW) if arrays.arrow else alg.tr(_FEATURES)
    feedback.pushInfo(alg.tr(_WORKS_READ).format(layer=label, n=len(works), how=how))
    return works, arrays.fids


_OVERLAPS_DATE = QT_TRANSLATE_NOOP("FindWorksOverlaps", "a date or text")
#: findworksoverlaps' fields of the works layer(s), parameters of its INPUT
OVERLAP_FIELDS = (
    LayerField(
        "ID_FIELD", QT_TRANSLATE_NOOP("FindWorksOverlaps", "Works reference field"), "permit_ref", "id"
    ),
    LayerField(
        "OWNER_FIELD", QT_TRANSLATE_NOOP("FindWorksOverlaps", "Owner (promoter) field"), "promoter", "owner"
    ),
    LayerField(
        "START_FIELD",
        QT_TRANSLATE_NOOP("FindWorksOverlaps", "Start date field"),
        "start_date",
        "start",
        types=DATE_TYPES,
        type_desc=_OVERLAPS_DATE,
    ),
    LayerField(
        "END_FIELD",
        QT_TRANSLATE_NOOP("FindWorksOverlaps", "End date field"),
        "end_date",
        "end",
        types=DATE_TYPES,
        type_desc=_OVERLAPS_DATE,
    ),
    LayerField(
        "STATUS_FIELD",
        QT_TRANSLATE_NOOP("FindWorksOverlaps", "Permit status field"),
        "permit_status",
        "status",
        optional=True,
        types=(QMetaType.Type.QString,),
        type_desc=QT_TRANSLATE_NOOP("FindWorksOverlaps", "text"),
    ),
    LayerField(
        "USRN_FIELD",
        QT_TRANSLATE_NOOP("FindWorksOverlaps", "USRN field"),
        "usrn",
        "usrn",
        optional=True,
        types=TEXT_OR_NUMBER,
        type_desc=QT_TRANSLATE_NOOP("FindWorksOverlaps", "text or an integer"),
    ),
)

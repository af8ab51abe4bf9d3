"""The fields of a works layer (a helper module: not an algorithm).

For the imports: which field of the user's file fills which canonical works field, and a CSV
file's geometry columns (labels and help translated in the ``ImportWorks`` context, where the
parameters are shown).

For the analyses that read a layer of works (findworksoverlaps, checkrestrictions): the field
parameters (:class:`LayerField`, :func:`add_field_parameters`), the fields chosen for a layer
(:func:`wanted_fields`), and the layer opened and read once (:func:`open_source`,
:func:`read_layer`)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from qgis.core import QgsProcessingException, QgsProcessingParameterField
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP, QMetaType

from ..plugin.core.errors import InputError
from ..plugin.core.memory import check_fits
from ._import_base import FieldRole

if TYPE_CHECKING:
    from ..plugin.toolbelt.layer_io import SourceArrays

#: the fields of a works file mapped to canonical works fields
WORKS_FIELD_ROLES = (
    FieldRole(
        "ID_FIELD",
        "id",
        QT_TRANSLATE_NOOP("ImportWorks", "Works reference field"),
        QT_TRANSLATE_NOOP(
            "ImportWorks",
            "Unique reference of each work in your file; stored as permit_ref 'works:<value>'.",
        ),
        required=True,
    ),
    FieldRole(
        "START_FIELD",
        "start_date",
        QT_TRANSLATE_NOOP("ImportWorks", "Start date field"),
        QT_TRANSLATE_NOOP("ImportWorks", "Start date (a date field or text such as 2026-03-16)."),
        required=True,
    ),
    FieldRole(
        "END_FIELD",
        "end_date",
        QT_TRANSLATE_NOOP("ImportWorks", "End date field"),
        QT_TRANSLATE_NOOP(
            "ImportWorks", "End date (a date field or text); an end before the start is rejected."
        ),
        required=True,
    ),
    FieldRole(
        "OWNER_FIELD",
        "promoter",
        QT_TRANSLATE_NOOP("ImportWorks", "Promoter / owner field"),
        QT_TRANSLATE_NOOP("ImportWorks", "Who does the works (your organisation or contractor)."),
    ),
    FieldRole(
        "STREET_FIELD",
        "street_name",
        QT_TRANSLATE_NOOP("ImportWorks", "Street name field"),
        QT_TRANSLATE_NOOP("ImportWorks", "Street name."),
    ),
    FieldRole(
        "USRN_FIELD",
        "usrn",
        QT_TRANSLATE_NOOP("ImportWorks", "USRN field"),
        QT_TRANSLATE_NOOP(
            "ImportWorks",
            "Unique Street Reference Number (number or digits); lets analyses match streets.",
        ),
    ),
    FieldRole(
        "CATEGORY_FIELD",
        "category",
        QT_TRANSLATE_NOOP("ImportWorks", "Works category field"),
        QT_TRANSLATE_NOOP(
            "ImportWorks", "Works category (e.g. major, standard, minor, immediate); stored as a code."
        ),
    ),
    FieldRole(
        "STATUS_FIELD",
        "work_status",
        QT_TRANSLATE_NOOP("ImportWorks", "Works status field"),
        QT_TRANSLATE_NOOP(
            "ImportWorks", "Status of the work (e.g. Planned, Approved); stored as a code ('planned')."
        ),
    ),
    FieldRole(
        "ACTIVITY_FIELD",
        "activity_type",
        QT_TRANSLATE_NOOP("ImportWorks", "Activity / works type field"),
        QT_TRANSLATE_NOOP("ImportWorks", "Kind of activity (e.g. Mains renewal); stored as a code."),
        advanced=True,
    ),
    FieldRole(
        "PERMIT_STATUS_FIELD",
        "permit_status",
        QT_TRANSLATE_NOOP("ImportWorks", "Permit status field"),
        QT_TRANSLATE_NOOP("ImportWorks", "Permit status, when your file has one; stored as a code."),
        advanced=True,
    ),
    FieldRole(
        "WORK_REF_FIELD",
        "work_ref",
        QT_TRANSLATE_NOOP("ImportWorks", "Work (scheme) reference field"),
        QT_TRANSLATE_NOOP(
            "ImportWorks",
            "A scheme or work reference shared by several rows (default: the works reference).",
        ),
        advanced=True,
    ),
)
#: the geometry columns of a CSV file
CSV_COLUMN_ROLES = (
    FieldRole(
        "WKT_FIELD",
        "wkt",
        QT_TRANSLATE_NOOP("ImportWorks", "WKT / EWKT geometry column (CSV)"),
        QT_TRANSLATE_NOOP(
            "ImportWorks",
            "For a CSV file: the column holding the geometry as WKT or EWKT "
            "(SRID=27700;LINESTRING(...)). Empty = a column named wkt, geometry ... or X/Y columns.",
        ),
    ),
    FieldRole(
        "X_FIELD",
        "x",
        QT_TRANSLATE_NOOP("ImportWorks", "X / easting column (CSV)"),
        QT_TRANSLATE_NOOP(
            "ImportWorks",
            "For a CSV file with point coordinates in two columns: the X (easting, longitude) one.",
        ),
        advanced=True,
    ),
    FieldRole(
        "Y_FIELD",
        "y",
        QT_TRANSLATE_NOOP("ImportWorks", "Y / northing column (CSV)"),
        QT_TRANSLATE_NOOP(
            "ImportWorks",
            "For a CSV file with point coordinates in two columns: the Y (northing, latitude) one.",
        ),
        advanced=True,
    ),
)


# --- the analyses' field parameters and reading ----------------------------------------------

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
        alg.add(
            QgsProcessingParameterField(
                field.param,
                alg.tr(field.label),
                field.default,
                field.layer,
                QgsProcessingParameterField.Any,
                optional=field.optional,
            ),
            help_text.format(default=field.default, layer=field.layer.lower()),
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


def open_source(alg, parameters, context, param: str, *, unchecked: bool = False, optional: bool = False):
    """``(source, label)`` of a layer parameter; ``(None, "")`` for an optional one left empty.
    ``unchecked``: without the context's invalid-geometry filter (see
    ``BaseAlgorithm.source_unchecked``)."""
    if unchecked:
        source = alg.source_unchecked(parameters, param, context)
    else:
        source = alg.parameterAsSource(parameters, param, context)
    if source is None:
        if optional:
            return None, ""
        raise QgsProcessingException(alg.invalidSourceError(parameters, param))
    return source, source.sourceName() or param


def check_memory(n: int, bytes_per_feature: int, label: str) -> None:
    """Refuse, before anything is read, an input too big for the free memory
    (:func:`plugin.core.memory.check_fits`), with the sentence saying so."""
    try:
        check_fits(n, bytes_per_feature, label)
    except InputError as exc:
        raise QgsProcessingException(str(exc)) from exc


def read_layer(
    alg, parameters, context, feedback, param: str, source, wanted: dict[str, Any], label: str
) -> SourceArrays:
    """The wanted fields and geometries of a layer parameter, read once (GDAL's Arrow stream
    for a whole GeoPackage layer, else QGIS features: ``toolbelt.layer_io.read_columns``)."""
    from ..plugin.toolbelt.layer_io import (
        read_columns,  # the module is being renamed: no top-level import yet
    )

    return read_columns(
        source,
        wanted,
        context,
        feedback,
        label,
        layer=alg.parameterAsVectorLayer(parameters, param, context),
        definition=parameters.get(param),
    )

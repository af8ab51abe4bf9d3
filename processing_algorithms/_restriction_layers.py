"""The layers of digonce:checkrestrictions (a helper module, not an algorithm): the fields the
user may name, the works and the restrictions read into the engine's
:class:`~..plugin.core.works.Works`, and the findings and unusable layers written. The rules and
the output columns are :mod:`plugin.core.restrictions`'s; strings here are translated in the
``CheckRestrictions`` context."""

from __future__ import annotations

from typing import Any

from qgis.core import QgsProcessingException, QgsWkbTypes
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP

from ..plugin.core.errors import InputError
from ..plugin.core.memory import CHECK_RESTRICTIONS_BYTES_PER_WORK
from ..plugin.core.restriction_tables import (
    FINDING_FIELDS,
    UNUSABLE_FIELDS,
    findings_columns,
    findings_geometries,
    unusable_columns,
    unusable_rows,
)
from ..plugin.core.restrictions import RestrictionFindings
from ..plugin.core.works import Works
from ..plugin.toolbelt.layer_io import geometry_type_name, write_columns
from ..plugin.toolbelt.layers import column_days
from ._works_fields import LayerField, check_memory, open_source, read_layer, wanted_fields

WORKS, RESTRICTIONS = "WORKS", "RESTRICTIONS"  # the two layer parameters

#: The label of each field parameter.
_LABELS = {
    "WORKS_ID_FIELD": QT_TRANSLATE_NOOP("CheckRestrictions", "Works reference field"),
    "PROMOTER_FIELD": QT_TRANSLATE_NOOP("CheckRestrictions", "Promoter field"),
    "CATEGORY_FIELD": QT_TRANSLATE_NOOP("CheckRestrictions", "Work category field"),
    "ACTIVITY_FIELD": QT_TRANSLATE_NOOP("CheckRestrictions", "Activity type field"),
    "WORKS_START_FIELD": QT_TRANSLATE_NOOP("CheckRestrictions", "Works start date field"),
    "WORKS_END_FIELD": QT_TRANSLATE_NOOP("CheckRestrictions", "Works end date field"),
    "WORKS_STATUS_FIELD": QT_TRANSLATE_NOOP("CheckRestrictions", "Works permit status field"),
    "WORKS_USRN_FIELD": QT_TRANSLATE_NOOP("CheckRestrictions", "Works USRN field"),
    "REFERENCE_FIELD": QT_TRANSLATE_NOOP("CheckRestrictions", "Restriction reference field"),
    "STATUS_FIELD": QT_TRANSLATE_NOOP("CheckRestrictions", "Restriction status field"),
    "START_FIELD": QT_TRANSLATE_NOOP("CheckRestrictions", "Restriction start date field"),
    "END_FIELD": QT_TRANSLATE_NOOP("CheckRestrictions", "Restriction end date field"),
    "USRN_FIELD": QT_TRANSLATE_NOOP("CheckRestrictions", "Restriction USRN field"),
}
#: The fields the user may name, of the works and of the restrictions, in the dialog's order:
#: (parameter, default field, role), and OPTIONAL for those a layer need not have (their role
#: is then not used when the default field is absent).
OPTIONAL = True
FIELDS = tuple(
    LayerField(param, _LABELS[param], default, role, layer=layer, optional=bool(optional))
    for layer, rows in (
        (
            WORKS,
            (
                ("WORKS_ID_FIELD", "permit_ref", "id"),
                ("PROMOTER_FIELD", "promoter", "owner", OPTIONAL),
                ("CATEGORY_FIELD", "category", "category", OPTIONAL),
                ("ACTIVITY_FIELD", "activity_type", "activity", OPTIONAL),
                ("WORKS_START_FIELD", "start_date", "start"),
                ("WORKS_END_FIELD", "end_date", "end"),
                ("WORKS_STATUS_FIELD", "permit_status", "status", OPTIONAL),
                ("WORKS_USRN_FIELD", "usrn", "usrn", OPTIONAL),
            ),
        ),
        (
            RESTRICTIONS,
            (
                ("REFERENCE_FIELD", "restriction_ref", "id"),
                ("STATUS_FIELD", "status", "status"),
                ("START_FIELD", "start_date", "start"),
                ("END_FIELD", "end_date", "end"),
                ("USRN_FIELD", "usrn", "usrn", OPTIONAL),
            ),
        ),
    )
    for param, default, role, *optional in rows
)
_WIDENED = QT_TRANSLATE_NOOP(
    "CheckRestrictions", "Findings mix points, lines and polygons: {n} points/lines widened by 1 m"
)
_NOT_CHECKED = QT_TRANSLATE_NOOP(
    "CheckRestrictions", "{n} works and restrictions could not be checked, e.g. {examples}"
)
#: the findings' style by the layer's geometry type (polygons, or no type known: the default)
_STYLES = {"MULTIPOINT": "restriction_findings_point", "MULTILINESTRING": "restriction_findings_line"}


#: the works' text roles needed only for the works related to a restriction (and the unusable
#: ones): read for those alone (a year of England: 14,805 of 3.1M works), the USRN too unless
#: USRN_MATCH compares every works'
_RELATED_ONLY = ("id", "owner", "category", "activity")


def read_input(
    alg, parameters, context, feedback, param: str, *, usrn_match: bool = False
) -> tuple[Any, Works]:
    """The works (WORKS) or the restrictions (RESTRICTIONS, their references as ids), read
    once; a date that is not a date makes its row unusable, with the reason. Works too many
    for the free memory are refused before they are read. The works' references, promoters,
    categories and activity types (and USRNs, without ``usrn_match``) are read only for the
    works that need them, when the layer goes GDAL's Arrow route."""
    source, label = open_source(alg, parameters, context, param)
    fields = [field for field in FIELDS if field.layer == param]
    wanted = wanted_fields(alg, parameters, context, source, fields, label, check=False)
    if param == WORKS and source.featureCount() > 0:  # refused before, not killed during
        check_memory(source.featureCount(), CHECK_RESTRICTIONS_BYTES_PER_WORK, label, (source,))
    deferred = (*_RELATED_ONLY, *(() if usrn_match else ("usrn",))) if param == WORKS else ()
    # the works' points and two-point lines as coordinates, not GEOS objects (core.compact)
    arrays = read_layer(
        alg, parameters, context, feedback, param, source, wanted, label, deferred, compact=param == WORKS
    )
    cols, reasons = arrays.columns, [None] * len(arrays)
    start = column_days(cols.get("start", reasons[:]), "start date", reasons)
    end = column_days(cols.get("end", reasons[:]), "end date", reasons)
    owners = cols.get("owner", [None] * len(arrays)) if param == WORKS else None
    try:
        works = Works.from_columns(
            arrays.geometries,
            cols["id"],
            owners,
            start,
            end,
            statuses=cols.get("status"),
            usrns=cols.get("usrn"),
            reasons=reasons,
            categories=cols.get("category"),
            activity_types=cols.get("activity"),
        )
    except InputError as exc:
        raise QgsProcessingException(str(exc)) from exc
    return source, works


def write_findings(
    alg, parameters, context, feedback, param: str, works_source, works: Works, restrictions: Works, result
) -> tuple[str, str]:
    """The findings layer, written at once; its destination and style. Without findings the
    layer takes the works' geometry type (polygons when that is none of point, line, polygon)."""
    geoms, type_name, n_widened = findings_geometries(result.geometries)
    if n_widened:
        feedback.pushInfo(alg.tr(_WIDENED).format(n=n_widened))
    if type_name is None:
        wkb = QgsWkbTypes.multiType(works_source.wkbType())
        kinds = (QgsWkbTypes.PointGeometry, QgsWkbTypes.LineGeometry, QgsWkbTypes.PolygonGeometry)
        type_name = geometry_type_name(
            wkb if QgsWkbTypes.geometryType(wkb) in kinds else QgsWkbTypes.MultiPolygon
        )
    columns = findings_columns(works, restrictions, result)
    dest = write_columns(alg, parameters, context, feedback, param, FINDING_FIELDS, columns, geoms, type_name)
    return dest, _STYLES.get(type_name, "restriction_findings")


def write_unusable(
    alg,
    parameters,
    context,
    feedback,
    param: str,
    works: Works,
    restrictions: Works,
    result: RestrictionFindings,
) -> tuple[str | None, int]:
    """The works and restrictions that could not be checked, with the reason: a layer when
    asked for, else their count and the first three in the log. Its destination (None when not
    asked for) and how many."""
    rows = unusable_rows(works, restrictions, result)
    if parameters.get(param) is None:
        if rows:
            examples = "; ".join(f"{ref} ({reason})" for _, ref, reason in rows[:3])
            feedback.pushWarning(alg.tr(_NOT_CHECKED).format(n=len(rows), examples=examples))
        return None, len(rows)
    columns = unusable_columns(rows)
    return write_columns(alg, parameters, context, None, param, UNUSABLE_FIELDS, columns, None, None), len(
        rows
    )

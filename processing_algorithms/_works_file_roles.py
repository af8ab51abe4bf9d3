"""The field roles of a works file an import reads (a helper module: not an algorithm): which
field of the user's file fills which canonical works field, and a CSV file's geometry columns.
Labels and help are translated in the ``ImportWorks`` context, where the parameters are shown."""

from __future__ import annotations

from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP

from ._import_base import FieldRole

# pylupdate5 skips a QT_TRANSLATE_NOOP call whose arguments end in a trailing comma, which ruff
# format writes when it splits a long call: long texts stand on one line, formatting off.
# fmt: off
#: the fields of a works file mapped to canonical works fields
WORKS_FIELD_ROLES = (
    FieldRole(
        "ID_FIELD",
        "id",
        QT_TRANSLATE_NOOP("ImportWorks", "Works reference field"),
        QT_TRANSLATE_NOOP("ImportWorks", "Unique reference of each work in your file; stored as permit_ref 'works:<value>'."),
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
        QT_TRANSLATE_NOOP("ImportWorks", "Unique Street Reference Number (number or digits); lets analyses match streets."),
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
        QT_TRANSLATE_NOOP("ImportWorks", "A scheme or work reference shared by several rows (default: the works reference)."),
        advanced=True,
    ),
)
#: the geometry columns of a CSV file
CSV_COLUMN_ROLES = (
    FieldRole(
        "WKT_FIELD",
        "wkt",
        QT_TRANSLATE_NOOP("ImportWorks", "WKT / EWKT geometry column (CSV)"),
        QT_TRANSLATE_NOOP("ImportWorks", "For a CSV file: the column holding the geometry as WKT or EWKT (SRID=27700;LINESTRING(...)). Empty = a column named wkt, geometry ... or X/Y columns."),
    ),
    FieldRole(
        "X_FIELD",
        "x",
        QT_TRANSLATE_NOOP("ImportWorks", "X / easting column (CSV)"),
        QT_TRANSLATE_NOOP("ImportWorks", "For a CSV file with point coordinates in two columns: the X (easting, longitude) one."),
        advanced=True,
    ),
    FieldRole(
        "Y_FIELD",
        "y",
        QT_TRANSLATE_NOOP("ImportWorks", "Y / northing column (CSV)"),
        QT_TRANSLATE_NOOP("ImportWorks", "For a CSV file with point coordinates in two columns: the Y (northing, latitude) one."),
        advanced=True,
    ),
)
# fmt: on

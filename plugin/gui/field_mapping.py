"""Field mapping for a planner's own files: guess the usual names, remember the user's choice.

A works file says ``start`` and ``finish``, an EToN export ``e__start_date``, a forward plan
``plannedstartdate``; the algorithms want to be told which field is which. The dock guesses
from the names people use, shows the guess, and remembers what the user picked for that file
name (QgsSettings ``dig_once/field_maps/<file name>``), so next month's file maps itself.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from qgis.core import (
    QgsProcessingAlgorithm,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterField,
    QgsSettings,
    QgsVectorLayer,
)
from qgis.gui import QgsCollapsibleGroupBox
from qgis.PyQt.QtWidgets import QComboBox, QFormLayout, QWidget

from ..toolbelt.i18n import tr

#: Names people give each field, best first (compared without case, spaces or punctuation).
GUESSES: dict[str, tuple[str, ...]] = {
    "ID": ("id", "ref", "reference", "works_ref", "work_ref", "job_no", "job", "scheme_ref", "permit_ref",
           "plan_ref", "work_reference_number", "permit_reference_number", "fid"),
    "WORK_REF": ("work_ref", "works_ref", "work_reference_number"),
    "START": ("start_date", "start", "begin", "from", "date_from", "proposed_start_date", "e__start_date",
              "plannedstartdate", "startdate", "planned_start"),
    "END": ("end_date", "end", "finish", "to", "date_to", "proposed_end_date", "e__end_date", "plannedenddate",
            "enddate", "planned_end"),
    "OWNER": ("promoter", "owner", "organisation", "organization", "company", "utility", "promoter_organisation",
              "responsible_org_name", "publisher_name"),
    "STREET": ("street_name", "street", "road_name", "road", "e__road_name"),
    "USRN": ("usrn", "e__usrn"),
    "CATEGORY": ("category", "work_category", "works_category", "e__works_category"),
    "STATUS": ("work_status", "status", "works_status", "e__works_state"),
    "ACTIVITY": ("activity_type", "activity"),
    "PERMIT_STATUS": ("permit_status", "e__permit_status"),
    "REFERENCE": ("plan_ref", "reference", "ref", "scheme_ref", "name", "id"),
}  # fmt: skip


def _key(name: str) -> str:
    return re.sub(r"[^0-9a-z]", "", name.casefold())


def guess_field(role: str, field_names: list[str]) -> str | None:
    """The field of ``field_names`` most likely to hold ``role`` (``START``, ``OWNER``...).

    >>> guess_field("END", ["job_no", "start", "finish", "owner"])
    'finish'
    >>> guess_field("START", ["WORKS_REF", "E__START_DATE"])
    'E__START_DATE'
    """
    by_key = {_key(name): name for name in field_names}
    for candidate in GUESSES.get(role, ()):
        if _key(candidate) in by_key:
            return by_key[_key(candidate)]
    return None


def role_of(parameter_name: str) -> str:
    """``START_FIELD`` -> ``START``, ``WORKS_START_FIELD`` -> ``START``."""
    name = parameter_name.removesuffix("_FIELD")
    return name.removeprefix("WORKS_") if name.removeprefix("WORKS_") in GUESSES else name


def remembered(file_name: str) -> dict[str, str]:
    text = QgsSettings().value(f"dig_once/field_maps/{file_name}", "", type=str)
    try:
        value = json.loads(text) if text else {}
    except ValueError:
        return {}
    return {str(k): str(v) for k, v in value.items()} if isinstance(value, dict) else {}


def remember(file_name: str, mapping: dict[str, str]) -> None:
    QgsSettings().setValue(f"dig_once/field_maps/{file_name}", json.dumps(mapping, sort_keys=True))


def file_fields(path: str) -> list[str]:
    """The field names of a vector file (CSV included), or [] when it cannot be opened."""
    if not path or not Path(path).is_file():
        return []
    layer = QgsVectorLayer(path, "fields", "ogr")
    return [f.name() for f in layer.fields()] if layer.isValid() else []


class FieldMappingBox(QgsCollapsibleGroupBox):
    """One combo per field parameter of an import; filled from the chosen file's fields."""

    def __init__(
        self, algorithm: QgsProcessingAlgorithm, names: tuple[str, ...], parent: QWidget | None = None
    ):
        super().__init__(tr("Fields of your file"), parent)
        self.params: dict[str, QgsProcessingParameterDefinition] = {}
        self.combos: dict[str, QComboBox] = {}
        self.file_name = ""
        layout = QFormLayout(self)
        layout.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        for name in names:
            param = algorithm.parameterDefinition(name)
            if not isinstance(param, QgsProcessingParameterField):
                continue
            combo = QComboBox(self)
            combo.setObjectName(f"field_{name}")
            combo.setToolTip(param.help() or param.description())
            self.params[name], self.combos[name] = param, combo
            layout.addRow(param.description(), combo)

    def optional(self, name: str) -> bool:
        return bool(self.params[name].flags() & QgsProcessingParameterDefinition.Flag.FlagOptional)

    def set_file(self, path: str) -> None:
        """Fill the combos with ``path``'s fields: the user's last choice for this file name,
        else the guess, else the algorithm's default name when the file has it."""
        fields = file_fields(path)
        self.file_name = Path(path).name if path else ""
        saved = remembered(self.file_name) if self.file_name else {}
        for name, combo in self.combos.items():
            combo.clear()
            combo.addItem(tr("(none)") if self.optional(name) else tr("(choose a field)"), "")
            for field in fields:
                combo.addItem(field, field)
            choice = saved.get(name)
            if choice == "" and self.optional(name):
                combo.setCurrentIndex(0)  # the user chose no field for this file before
                continue
            if choice not in fields:
                default = self.params[name].defaultValue()
                choice = guess_field(role_of(name), fields) or (default if default in fields else None)
            combo.setCurrentIndex(max(combo.findData(choice), 0) if choice else 0)
        self.setCollapsed(bool(fields) and not self.unmapped())

    def values(self) -> dict[str, str]:
        return {name: combo.currentData() for name, combo in self.combos.items() if combo.currentData()}

    def unmapped(self) -> list[str]:
        """Descriptions of the required fields not chosen yet."""
        return [
            self.params[n].description()
            for n, c in self.combos.items()
            if not c.currentData() and not self.optional(n)
        ]

    def remember_choice(self) -> None:
        if self.file_name:
            remember(self.file_name, {name: combo.currentData() or "" for name, combo in self.combos.items()})

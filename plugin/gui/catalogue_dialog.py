"""'Get from publisher…': the catalogue's sources for one Data row of the dock, with their
choices (months published, releases, layers), and the licence and attribution shown before
anything is downloaded.

The dialog only chooses: :meth:`CatalogueDialog.parameters` gives the parameters of
``digonce:fetchfromcatalogue`` (SOURCE, MONTH / RELEASE / LAYER / DATASET / ORGANISATION /
QUERY, CATALOGUE, ACCEPT_LICENCE) for the caller to run.
"""

from __future__ import annotations

import datetime as dt
import html
from typing import Any

from qgis.core import QgsSettings
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ..core.errors import DigOnceError
from ..sources.catalogue import Catalogue, load_catalogue
from ..toolbelt.i18n import tr

#: QgsSettings key under which the licences a user accepted are remembered, per source.
ACCEPTED_KEY = "dig_once/catalogue/accepted/{source}"


def _esc(text: str) -> str:
    """Text for the rich-text label (apostrophes kept as they are, for reading and searching)."""
    return html.escape(text, quote=False)


def has_publisher_source(row: str, user_catalogue: str = "") -> bool:
    """Whether the catalogue offers a publisher's source for the Data row ``row`` (the dock
    shows "Get from publisher…" only then). A catalogue that cannot be read counts as yes:
    the dialog then says what is wrong with it."""
    try:
        return bool(load_catalogue(user_catalogue or None).for_row(row))
    except DigOnceError:
        return True


class CatalogueDialog(QDialog):
    """Choose a publisher's source for the Data row ``row`` (``streetworks``, ``restrictions``,
    ``notspots``, ``venues``, ``sites``, ``spine``)."""

    def __init__(
        self,
        row: str,
        parent: QWidget | None = None,
        *,
        catalogue: Catalogue | None = None,
        user_catalogue: str = "",
        today: dt.date | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Get from publisher"))
        self.setMinimumWidth(520)
        self.row = row
        self.user_catalogue = user_catalogue
        self.today = today or dt.date.today()
        self.catalogue: Catalogue | None = catalogue
        self.error = ""
        self._resolvable = False
        if self.catalogue is None:
            try:
                self.catalogue = load_catalogue(user_catalogue or None)
            except DigOnceError as exc:
                self.error = str(exc)

        layout = QVBoxLayout(self)
        form = QFormLayout()
        layout.addLayout(form)
        self.source_box = QComboBox(self)
        form.addRow(tr("Source"), self.source_box)
        self.choice_label = QLabel(tr("Choice"), self)
        self.choice_box = QComboBox(self)
        self.query_edit = QLineEdit(self)
        form.addRow(self.choice_label, self.choice_box)
        self.query_label = QLabel(tr("Search"), self)
        form.addRow(self.query_label, self.query_edit)
        self.org_label = QLabel(tr("Organisation entity"), self)
        self.org_edit = QLineEdit(self)
        self.org_edit.setPlaceholderText(tr("empty = every organisation"))
        form.addRow(self.org_label, self.org_edit)
        self.details = QLabel(self)
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.details.setOpenExternalLinks(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        layout.addWidget(self.details)
        self.accept_box = QCheckBox(self)
        layout.addWidget(self.accept_box)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("Download and import"))
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

        keys = self.catalogue.for_row(row) if self.catalogue is not None else []
        for key in keys:
            self.source_box.addItem(self.catalogue.entry(key)["title"], key)
        self.source_box.currentIndexChanged.connect(self._source_changed)
        self.choice_box.currentIndexChanged.connect(self._show_details)
        self.query_edit.textChanged.connect(self._show_details)
        self.org_edit.textChanged.connect(self._show_details)
        self.accept_box.toggled.connect(self._update_ok)
        if self.error or not keys:
            self._show_problem(self.error or tr("The catalogue has no publisher's source for this row."))
        else:
            self._source_changed()

    # --- state -----------------------------------------------------------------------------

    def source(self) -> str:
        return self.source_box.currentData() or ""

    def _entry(self) -> dict[str, Any]:
        assert self.catalogue is not None
        return self.catalogue.entry(self.source())

    def values(self) -> dict[str, str]:
        """The choice made, as the catalogue's parameters (``MONTH``, ``RELEASE`` ...)."""
        entry = self._entry()
        out: dict[str, str] = {}
        choice = entry.get("choice")
        if choice:
            if choice["kind"] == "query":
                out["QUERY"] = self.query_edit.text().strip()
            elif self.choice_box.currentData():
                out[choice["parameter"]] = self.choice_box.currentData()
        if entry.get("organisation"):
            out["ORGANISATION"] = self.org_edit.text().strip()
        return out

    def parameters(self) -> dict[str, Any]:
        """The parameters of ``digonce:fetchfromcatalogue`` for the choice made."""
        params: dict[str, Any] = {"SOURCE": self.source(), **self.values()}
        params["ACCEPT_LICENCE"] = self.accept_box.isChecked()
        if self.user_catalogue:
            params["CATALOGUE"] = self.user_catalogue
        return params

    # --- reactions ---------------------------------------------------------------------------

    def _show_problem(self, text: str) -> None:
        self.details.setText(f"<p><b>{_esc(text)}</b></p>")
        for widget in (self.choice_label, self.choice_box, self.query_label, self.query_edit):
            widget.setVisible(False)
        self.org_label.setVisible(False)
        self.org_edit.setVisible(False)
        self.accept_box.setVisible(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)

    def _source_changed(self) -> None:
        entry = self._entry()
        choice = entry.get("choice") or {}
        kind = choice.get("kind")
        self.choice_box.blockSignals(True)
        self.choice_box.clear()
        if kind and kind != "query":
            for value, label in self.catalogue.choices(self.source(), self.today):
                self.choice_box.addItem(label, value)
        self.choice_box.blockSignals(False)
        self.choice_label.setText(choice.get("label") or tr("Choice"))
        has_list = bool(kind) and kind != "query"
        self.choice_label.setVisible(has_list)
        self.choice_box.setVisible(has_list)
        self.query_label.setVisible(kind == "query")
        self.query_edit.setVisible(kind == "query")
        org = entry.get("organisation")
        self.org_label.setVisible(bool(org))
        self.org_edit.setVisible(bool(org))
        licence = entry["licence"]["name"]
        self.accept_box.setText(tr("I accept the licence: {licence}").format(licence=licence))
        self.accept_box.setVisible(True)
        accepted = QgsSettings().value(ACCEPTED_KEY.format(source=self.source()), "", type=str)
        self.accept_box.setChecked(accepted == licence)
        self._show_details()

    def _show_details(self) -> None:
        if not self.source():
            return
        esc = _esc
        try:
            got = self.catalogue.resolve(self.source(), self.values(), self.today)
        except DigOnceError as exc:
            self._resolvable = False
            self.details.setText(f"<p><b>{esc(str(exc))}</b></p>")
            self._update_ok()
            return
        self._resolvable = True
        entry = self._entry()
        licence = esc(got.licence)
        if got.licence_url:
            licence = f'<a href="{html.escape(got.licence_url)}">{licence}</a>'
        # tr() outside the f-strings: pylupdate5 extracts only plain calls
        publisher, licence_label = esc(tr("Publisher")), esc(tr("Licence"))
        attribution, address = esc(tr("Attribution to give")), esc(tr("Address"))
        lines = [
            f"<p><b>{esc(got.label)}</b><br/>{esc(entry['dataset'])}</p>",
            f"<p>{publisher}: {esc(got.publisher)}<br/>{licence_label}: {licence}<br/>"
            f"{attribution}: {esc(got.attribution)}</p>",
            f"<p>{address}: <code>{esc(got.url)}</code></p>",
        ]
        if not got.confirmed:
            lines.append(
                "<p><b>"
                + esc(tr("This address is not confirmed from the publisher's documentation."))
                + "</b> "
                + esc(" ".join(got.notes))
                + "</p>"
            )
        if got.import_algorithm is None:
            lines.append(
                "<p>"
                + esc(tr("No import reads this file yet: it is downloaded into the store's cache only."))
                + "</p>"
            )
        self.details.setText("".join(lines))
        self._update_ok()

    def _update_ok(self) -> None:
        ok = bool(self.source()) and self._resolvable and self.accept_box.isChecked() and not self.error
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)

    def _accept(self) -> None:
        if not self.accept_box.isChecked():
            return
        # remembered per source, with the licence's name: a changed licence is asked again
        QgsSettings().setValue(ACCEPTED_KEY.format(source=self.source()), self._entry()["licence"]["name"])
        self.accept()

"""'Get from publisher…': a Data row's sources and choices, the licence before the download."""

from __future__ import annotations

import datetime as dt
import json

import pytest

TODAY = dt.date(2026, 12, 3)


@pytest.fixture
def settings_clean(qgis_app):
    from qgis.core import QgsSettings

    QgsSettings().remove("dig_once/catalogue")
    yield
    QgsSettings().remove("dig_once/catalogue")


def dialog(row: str, **kwargs):
    from dig_once.plugin.gui.catalogue_dialog import CatalogueDialog

    return CatalogueDialog(row, today=TODAY, **kwargs)


def ok_enabled(dlg) -> bool:
    from qgis.PyQt.QtWidgets import QDialogButtonBox

    return dlg.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()


def test_street_works_row_offers_the_months_published_latest_first(qgis_app, settings_clean):
    dlg = dialog("streetworks")
    assert dlg.source() == "street_manager_permits"
    months = [dlg.choice_box.itemData(i) for i in range(dlg.choice_box.count())]
    assert months[0] == "2026-11" and months[-1] == "2020-07" and "2026-12" not in months
    dlg.choice_box.setCurrentIndex(months.index("2026-03"))
    assert dlg.values() == {"MONTH": "2026-03"}


def test_licence_and_attribution_are_shown_and_must_be_accepted_before_download(qgis_app, settings_clean):
    dlg = dialog("streetworks")
    text = dlg.details.text()
    assert "Open Government Licence v3.0" in text and "Department for Transport" in text
    assert "/permit/2026/11.zip" in text
    assert not ok_enabled(dlg)
    dlg.accept_box.setChecked(True)
    assert ok_enabled(dlg)
    assert dlg.parameters() == {
        "SOURCE": "street_manager_permits",
        "MONTH": "2026-11",
        "ACCEPT_LICENCE": True,
    }


def test_an_accepted_licence_is_remembered_for_the_source(qgis_app, settings_clean):
    first = dialog("streetworks")
    first.accept_box.setChecked(True)
    first._accept()
    assert dialog("streetworks").accept_box.isChecked()
    assert not dialog("restrictions").accept_box.isChecked()


def test_an_unconfirmed_release_says_so(qgis_app, settings_clean):
    dlg = dialog("notspots")
    releases = [dlg.choice_box.itemData(i) for i in range(dlg.choice_box.count())]
    assert releases == ["2025-07", "2019-12"]
    assert "not confirmed" not in dlg.details.text()
    dlg.choice_box.setCurrentIndex(1)
    assert "(address not confirmed)" in dlg.choice_box.currentText()
    assert "not confirmed from the publisher's documentation" in dlg.details.text()


def test_sites_row_offers_both_planning_sources_with_their_own_inputs(qgis_app, settings_clean):
    dlg = dialog("sites")
    keys = [dlg.source_box.itemData(i) for i in range(dlg.source_box.count())]
    assert keys == ["pld_planning_applications", "planning_data_gov_uk"]
    dlg.query_edit.setText("lpa_name:Camden")
    assert dlg.values() == {"QUERY": "lpa_name:Camden"}
    dlg.source_box.setCurrentIndex(1)
    dlg.org_edit.setText("Barnet")
    assert "entity number" in dlg.details.text()
    dlg.accept_box.setChecked(True)
    assert not ok_enabled(dlg)
    dlg.org_edit.setText("8600286")
    assert ok_enabled(dlg)
    assert dlg.values() == {"DATASET": "conservation-area", "ORGANISATION": "8600286"}


def test_a_row_without_a_publisher_source_says_so(qgis_app, settings_clean):
    dlg = dialog("spine")
    assert "no publisher's source for this row" in dlg.details.text()
    assert not ok_enabled(dlg)


def test_a_malformed_user_catalogue_is_named_in_the_dialog(qgis_app, settings_clean, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"sources": {"street_manager_permits": {"confirmed": "yes"}}}))
    dlg = dialog("streetworks", user_catalogue=str(bad))
    assert "field 'confirmed': must be true or false" in dlg.details.text()
    assert not ok_enabled(dlg)


def test_rows_with_a_publisher_source_are_known_to_the_dock(qgis_app):
    from dig_once.plugin.gui.catalogue_dialog import has_publisher_source

    assert [r for r in ("streetworks", "restrictions", "notspots", "venues", "sites", "spine", "plans")
            if has_publisher_source(r)] == ["streetworks", "restrictions", "notspots", "venues", "sites"]  # fmt: skip

"""The report's Sources section names a catalogue import's publisher source, address and
licence, and gives each publisher's attribution once."""

from __future__ import annotations

import json

from dig_once.plugin.core.report_html import ReportInputs, build_report

ATTRIBUTION = (
    "Contains Street Manager data © Department for Transport, licensed under the Open Government Licence v3.0"
)


def _row(n: int, origin: dict | None) -> dict:
    return {
        "kind": "streetmanager",
        "source": f"/home/me/dig_once_downloads/abc/{n:02d}.zip",
        "imported": 10,
        "rejected": 0,
        "finished": "2026-12-03T09:00:00",
        "origin": json.dumps(origin) if origin else None,
    }


def _origin(month: str) -> dict:
    return {
        "catalogue_source": "street_manager_permits",
        "label": f"Street Manager permits (monthly archive), {month}",
        "address": f"https://opendata.manage-roadworks.service.gov.uk/permit/{month[:4]}/{month[5:]}.zip",
        "licence": "Open Government Licence v3.0",
        "attribution": ATTRIBUTION,
        "sha256": "ab" * 32,
    }


def test_sources_list_the_catalogue_source_address_licence_and_attribution_once():
    page = build_report(
        ReportInputs(sources=[_row(3, _origin("2026-03")), _row(4, _origin("2026-04")), _row(5, None)])
    )
    assert "Street Manager permits (monthly archive), 2026-03: https://opendata.manage-roadworks" in page
    assert page.count("Open Government Licence v3.0</td>") == 2
    assert page.count("<li>Contains Street Manager data © Department for Transport") == 1
    assert "/home/me/dig_once_downloads/abc/05.zip" in page  # a file imported by hand keeps its path


def test_sources_without_origins_have_no_attribution_list():
    page = build_report(ReportInputs(sources=[_row(5, None)]))
    assert 'class="attribution"' not in page

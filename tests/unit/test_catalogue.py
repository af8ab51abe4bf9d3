"""The catalogue of official sources (no QGIS): loading, user overrides, checks, resolving."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from dig_once.plugin.sources import catalogue as cat
from dig_once.plugin.sources.catalogue import CatalogueError, load_catalogue, months_available

TODAY = dt.date(2026, 12, 3)


def _user(tmp_path: Path, doc) -> Path:
    path = tmp_path / "user_catalogue.json"
    path.write_text(doc if isinstance(doc, str) else json.dumps(doc), encoding="utf-8")
    return path


def test_shipped_catalogue_is_valid_and_lists_every_publisher_source():
    c = load_catalogue(environ={})
    assert {
        "street_manager_permits",
        "street_manager_section_58",
        "ofcom_connected_nations",
        "gla_cultural_infrastructure",
        "pld_planning_applications",
        "planning_data_gov_uk",
        "os_open_usrn",
        "os_open_uprn",
    } <= set(c.keys())
    for key in c.sources:
        entry = c.entry(key)
        assert entry["licence"]["name"] and entry["attribution"] and entry["documented_at"]


def test_shipped_schema_file_is_json_and_requires_the_fields_the_checker_requires():
    schema = json.loads(cat.SCHEMA.read_text(encoding="utf-8"))
    required = set(schema["$defs"]["source"]["required"])
    assert {"licence", "attribution", "base_url", "import", "confirmed", "documented_at"} <= required


def test_month_resolves_to_the_street_manager_archive_path():
    got = load_catalogue(environ={}).resolve("street_manager_permits", {"MONTH": "2026-03"}, today=TODAY)
    assert got.url == "https://opendata.manage-roadworks.service.gov.uk/permit/2026/03.zip"
    assert got.import_algorithm == "digonce:importstreetmanager"
    assert got.import_parameters == {"LONDON_ONLY": True}
    assert got.licence == "Open Government Licence v3.0"
    assert "Department for Transport" in got.attribution
    assert got.label == "Street Manager permits (monthly archive), 2026-03"


def test_no_month_given_takes_the_latest_published_month():
    got = load_catalogue(environ={}).resolve("street_manager_permits", {}, today=TODAY)
    assert got.choices == {"MONTH": "2026-11"}


def test_month_not_yet_published_is_refused_naming_the_latest():
    with pytest.raises(
        CatalogueError, match=r"2026-12 is not published yet.*latest month published is 2026-11"
    ):
        load_catalogue(environ={}).resolve("street_manager_permits", {"MONTH": "2026-12"}, today=TODAY)


def test_month_written_wrongly_is_refused_with_the_expected_form():
    with pytest.raises(CatalogueError, match=r"MONTH must be a month written YYYY-MM.*'March 2026'"):
        load_catalogue(environ={}).resolve("street_manager_permits", {"MONTH": "March 2026"}, today=TODAY)


def test_months_listed_run_from_the_latest_back_to_the_first():
    assert months_available("2025-11", "next_month", dt.date(2026, 1, 31)) == ["2025-12", "2025-11"]
    choices = load_catalogue(environ={}).choices("street_manager_permits", TODAY)
    assert choices[0] == ("2026-11", "2026-11") and choices[-1] == ("2020-07", "2020-07")


def test_unknown_source_is_refused_listing_the_sources():
    with pytest.raises(CatalogueError, match=r"no source 'street_works'.*street_manager_permits"):
        load_catalogue(environ={}).resolve("street_works", {})


def test_unknown_release_is_refused_listing_the_releases():
    with pytest.raises(CatalogueError, match=r"RELEASE '2031-01' is not in the catalogue.*2025-07"):
        load_catalogue(environ={}).resolve("ofcom_connected_nations", {"RELEASE": "2031-01"})


def test_unconfirmed_release_says_so_in_its_choice_and_resolution():
    c = load_catalogue(environ={})
    assert ("2019-12", "Connected Nations 2019 (fixed postcode data) (address not confirmed)") in c.choices(
        "ofcom_connected_nations"
    )
    assert c.resolve("ofcom_connected_nations", {"RELEASE": "2019-12"}).confirmed is False
    assert c.resolve("ofcom_connected_nations", {}).confirmed is True


def test_layer_choice_sets_the_category_of_the_import():
    got = load_catalogue(environ={}).resolve("gla_cultural_infrastructure", {"LAYER": "pubs"})
    assert got.url.endswith("/Pubs.csv") and got.extension == ".csv"
    assert got.import_parameters["CATEGORY"] == "Pubs"


def test_entity_api_query_names_dataset_and_organisation_and_pages_by_offset():
    got = load_catalogue(environ={}).resolve(
        "planning_data_gov_uk", {"DATASET": "brownfield-land", "ORGANISATION": "8600286"}
    )
    assert got.url == (
        "https://www.planning.data.gov.uk/entity.geojson?dataset=brownfield-land&organisation_entity=8600286"
    )
    assert got.page_url(500, 500).endswith("&limit=500&offset=500")


def test_organisation_must_be_an_entity_number():
    with pytest.raises(CatalogueError, match="entity number"):
        load_catalogue(environ={}).resolve("planning_data_gov_uk", {"ORGANISATION": "Barnet"})


def test_empty_search_leaves_the_query_parameter_out_and_os_keeps_its_redirect_flag():
    c = load_catalogue(environ={})
    assert c.resolve("pld_planning_applications", {}).url.endswith("/api-guest/applications/_search")
    assert c.resolve("os_open_usrn", {}).url == (
        "https://api.os.uk/downloads/v1/products/OpenUSRN/downloads?area=GB&format=GeoPackage&redirect"
    )
    assert c.resolve("os_open_usrn", {}).import_algorithm is None


def test_user_catalogue_overrides_one_field_and_keeps_the_rest(tmp_path):
    user = _user(
        tmp_path, {"sources": {"street_manager_permits": {"base_url": "https://mirror.example.org"}}}
    )
    got = load_catalogue(user, environ={}).resolve(
        "street_manager_permits", {"MONTH": "2026-03"}, today=TODAY
    )
    assert got.url == "https://mirror.example.org/permit/2026/03.zip"
    assert got.licence == "Open Government Licence v3.0"


def test_user_hosts_map_redirects_every_source_on_a_host(tmp_path):
    user = _user(
        tmp_path, {"hosts": {"https://opendata.manage-roadworks.service.gov.uk": "http://127.0.0.1:9"}}
    )
    c = load_catalogue(user, environ={})
    assert c.resolve("street_manager_section_58", {"MONTH": "2026-01"}, today=TODAY).url == (
        "http://127.0.0.1:9/section_58/2026/01.zip"
    )


def test_environment_variable_names_the_user_catalogue(tmp_path):
    user = _user(tmp_path, {"sources": {"os_open_uprn": None}})
    c = load_catalogue(environ={cat.ENV_VAR: str(user)})
    assert "os_open_uprn" not in c.sources


def test_user_catalogue_can_add_a_source_and_it_is_checked_whole(tmp_path):
    user = _user(
        tmp_path, {"sources": {"my_works": {"title": "Our works", "base_url": "https://example.org"}}}
    )
    with pytest.raises(CatalogueError) as err:
        load_catalogue(user, environ={})
    text = str(err.value)
    assert str(user) in text
    assert "source 'my_works', field 'licence': missing" in text
    assert "source 'my_works', field 'attribution': missing" in text
    assert "source 'my_works', field 'import': missing" in text


def test_malformed_json_names_the_file_line_and_column(tmp_path):
    user = _user(tmp_path, '{"sources": {"street_manager_permits": {"base_url": }}}')
    with pytest.raises(CatalogueError, match=r"user_catalogue.json: not valid JSON at line 1, column 53"):
        load_catalogue(user, environ={})


@pytest.mark.parametrize(
    ("override", "expected"),
    [
        ({"base_url": "ftp://x"}, "field 'base_url': missing or not an http(s) address"),
        ({"path": "/permit/{YEAR}/{MM}.zip"}, "field 'path': unknown placeholder(s) YEAR"),
        ({"path": "permit/{YYYY}/{MM}.zip"}, "field 'path': must start with '/'"),
        ({"choice": {"first": "2020-13"}}, "field 'choice.first': must be the first month published"),
        ({"confirmed": "yes"}, "field 'confirmed': must be true or false"),
        (
            {"import": {"algorithm": "native:buffer"}},
            "field 'import.algorithm': must name a Dig Once algorithm",
        ),
        ({"format": {"extension": "zip"}}, "field 'format.extension': must be a file extension"),
        ({"licence": {"name": ""}}, "field 'licence.name': must be a non-empty text"),
    ],
)
def test_malformed_entry_is_named_with_its_field(tmp_path, override, expected):
    user = _user(tmp_path, {"sources": {"street_manager_permits": override}})
    with pytest.raises(CatalogueError, match=r"source 'street_manager_permits', " + _re(expected)):
        load_catalogue(user, environ={})


def test_bad_default_release_is_named(tmp_path):
    user = _user(tmp_path, {"sources": {"ofcom_connected_nations": {"choice": {"default": "2030-01"}}}})
    with pytest.raises(CatalogueError, match=r"field 'choice.default': '2030-01' is not one of the options"):
        load_catalogue(user, environ={})


def test_bad_hosts_map_is_refused(tmp_path):
    user = _user(tmp_path, {"hosts": {"opendata.manage-roadworks.service.gov.uk": "127.0.0.1"}})
    with pytest.raises(CatalogueError, match="field 'hosts'"):
        load_catalogue(user, environ={})


def test_missing_user_catalogue_file_is_named(tmp_path):
    with pytest.raises(CatalogueError, match=r"nowhere.json: the catalogue file does not exist"):
        load_catalogue(tmp_path / "nowhere.json", environ={})


def test_rows_offer_their_sources():
    c = load_catalogue(environ={})
    assert c.for_row("streetworks") == ["street_manager_permits"]
    assert set(c.for_row("sites")) == {"pld_planning_applications", "planning_data_gov_uk"}


def test_origin_records_entry_address_licence_and_checksum():
    got = load_catalogue(environ={}).resolve("street_manager_permits", {"MONTH": "2026-03"}, today=TODAY)
    origin = got.origin("ab" * 32)
    assert origin["catalogue_source"] == "street_manager_permits"
    assert origin["address"] == got.url and origin["sha256"] == "ab" * 32
    assert origin["licence"] == "Open Government Licence v3.0" and origin["attribution"] == got.attribution


def _re(text: str) -> str:
    import re

    return re.escape(text)

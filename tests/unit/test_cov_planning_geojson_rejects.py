"""planning.data.gov.uk GeoJSON (the generator's conservation areas, plus sites and the faults a
download can hold): every feature is imported or rejected naming its entity, field and reason;
CSV files are refused with a sentence saying what the import takes."""

from __future__ import annotations

import json

import pytest

from dig_once.plugin.core.errors import InputError
from dig_once.plugin.sources.planning_sites import read_planning

SEED = 4
POINT = {"type": "Point", "coordinates": [-0.1276, 51.5072]}


def feature(entity, dataset, geometry=POINT, **props):
    return {
        "type": "Feature",
        "geometry": geometry,
        "properties": {"entity": entity, "dataset": dataset, **props},
    }


@pytest.fixture
def areas_doc(sample_generator, tmp_path):
    """The generator's conservation-area download, as a dict."""
    world = sample_generator.build_world(SEED)
    path = tmp_path / "conservation-area.geojson"
    counts = sample_generator.write_conservation_areas(world, SEED, path)
    return json.loads(path.read_text(encoding="utf-8")), counts


def test_every_feature_is_imported_or_rejected_with_its_entity_field_and_reason(areas_doc, tmp_path):
    doc, _ = areas_doc
    good_areas = len(doc["features"])
    first = doc["features"][0]["properties"]["entity"]
    doc["features"] += [
        feature(9001, "planning-application", reference="25/0001/FUL", **{"start-date": "2025-05-01"}),
        feature(9002, "brownfield-land", **{"maximum-net-dwellings": "40", "site-address": "1 Road"}),
        feature(9003, "tree-preservation-order"),
        feature(first, "conservation-area", geometry=doc["features"][0]["geometry"]),
        feature(9005, "conservation-area", geometry=POINT),
        feature(9006, "planning-application", geometry=None),
        feature(9007, "planning-application", **{"start-date": "the 32nd of May"}),
        feature(9008, "brownfield-land", **{"maximum-net-dwellings": "-3"}),
        feature(9009, "planning-application", geometry={"type": "Point", "coordinates": [1e308, "x"]}),
    ]
    path = tmp_path / "download.geojson"
    path.write_text(json.dumps(doc), encoding="utf-8")
    result = read_planning(path)
    rejected = {r.record: (r.field, r.reason) for r in result.rejects}
    assert set(rejected) == {"9003", str(first), "9005", "9006", "9007", "9008", "9009"}
    assert rejected["9003"] == (
        "dataset",
        "dataset 'tree-preservation-order' is neither planning sites nor conservation areas",
    )
    assert rejected[str(first)][0] == "entity" and "duplicate entity" in rejected[str(first)][1]
    assert rejected["9005"] == ("geometry", "not a polygon (Point)")
    assert rejected["9006"][0] == "geometry"
    assert rejected["9007"] == ("start-date", "not a date: 'the 32nd of May'")
    assert (
        rejected["9008"][0] == "maximum-net-dwellings" and "not a number of dwellings" in rejected["9008"][1]
    )
    assert rejected["9009"][0] == "geometry"
    sites = [r for r in result.records if r.get("_layer") is None]
    assert sorted(r["site_id"] for r in sites) == ["9001", "9002"]
    assert {r["site_id"]: r["units"] for r in sites}["9002"] == 40
    assert result.counts["conservation_areas"] == good_areas
    assert result.counts["hits_read"] == len(doc["features"])
    assert len(result.records) + len(result.rejects) == len(doc["features"])


def test_a_features_member_that_is_not_a_list_is_refused_naming_the_file(tmp_path):
    path = tmp_path / "odd.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": {"a": 1}}), encoding="utf-8")
    with pytest.raises(InputError, match="'features' is not a list") as err:
        read_planning(path)
    assert "odd.geojson" in str(err.value)


@pytest.mark.parametrize(
    ("header", "says"),
    [("dataset,entity,reference,name\n", "entity list in CSV"), ("a,b,c\n", "is a CSV file")],
)
def test_a_csv_is_refused_saying_what_the_import_takes(tmp_path, header, says):
    path = tmp_path / "planning.csv"
    path.write_text(header + "x,1,2,3\n", encoding="utf-8")
    with pytest.raises(InputError, match=says) as err:
        read_planning(path)
    assert "planning.data.gov.uk GeoJSON" in str(err.value) and "planning.csv" in str(err.value)

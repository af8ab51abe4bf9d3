"""digonce:findworksoverlaps in a real QGIS: processing.run and qgis_process, on GeoPackages
built here."""

from __future__ import annotations

import datetime as dt
import json
import math
import sqlite3
import threading

import pytest
from helpers.feedback import Said
from helpers.gpkg import write_gpkg_layer
from osgeo import ogr
from qgis import processing
from qgis.core import QgsProcessingException, QgsProcessingFeedback, QgsVectorLayer, QgsWkbTypes

ogr.UseExceptions()

FIELDS = [
    ("permit_ref", "str"),
    ("promoter", "str"),
    ("permit_status", "str"),
    ("usrn", "str"),
    ("start_date", "date"),
    ("end_date", "date"),
    ("lanes", "int"),
]
D = dt.date
X, Y = 530000, 180000


def write_gpkg(path, rows, layer="works", epsg=27700):
    """``rows``: (wkt or None, {field: value}); a GeoPackage layer in ``epsg``."""
    return write_gpkg_layer(path, layer, ogr.wkbUnknown, FIELDS, rows, epsg=epsg)


def work(ref, wkt, owner, start, end, status="granted", usrn=None):
    values = {"permit_ref": ref, "promoter": owner, "permit_status": status, "usrn": usrn, "lanes": 2}
    values.update(start_date=start, end_date=end)
    return (wkt, values)


def pt(dx, dy=0):
    return f"POINT({X + dx} {Y + dy})"


# W1-W2 clash (25 m apart exactly, end_1 == start_2: one day); W2-W3 opportunity (25 m, gap 1);
# W1-W3 50 m apart; W4 same owner as W1 (no pair) and 26.9 m from W2; W5 cancelled next to W6;
# W7 no end date, W8 ends before it starts, W9 no geometry: unusable.
SCENARIO = [
    work("W1", pt(0), "UKPN", D(2026, 1, 1), D(2026, 1, 10), usrn="7001"),
    work("W2", pt(25), "Thames Water", D(2026, 1, 10), D(2026, 1, 20)),
    work("W3", pt(50), "BT", D(2026, 1, 21), D(2026, 1, 30)),
    work("W4", pt(0, 10), "ukpn", D(2026, 1, 1), D(2026, 1, 10)),
    work("W5", pt(600), "BT", D(2026, 1, 1), D(2026, 1, 10), status="cancelled"),
    work("W6", pt(605), "Cadent", D(2026, 1, 1), D(2026, 1, 10), usrn="7001"),
    work("W7", pt(5), "SGN", D(2026, 1, 1), None),
    work("W8", pt(5), "SGN", D(2026, 1, 10), D(2026, 1, 1)),
    work("W9", None, "SGN", D(2026, 1, 1), D(2026, 1, 2)),
]


def run(tmp_path, source, feedback=None, **params):
    outputs = {
        key: str(tmp_path / f"{key.lower()}.gpkg") for key in ("OUTPUT", "OUTPUT_GROUPS", "OUTPUT_UNUSABLE")
    }
    return processing.run(
        "digonce:findworksoverlaps", {"INPUT": source, **outputs, **params}, feedback=feedback
    )


def rows(path, fields):
    layer = QgsVectorLayer(path, "out", "ogr")
    assert layer.isValid(), path
    return layer, [{f: feat[f] for f in fields} for feat in layer.getFeatures()]


@pytest.fixture
def scenario(tmp_path):
    return write_gpkg(tmp_path / "works.gpkg", SCENARIO)


def test_pairs_groups_and_unusable(plugin_provider, scenario, tmp_path):
    result = run(tmp_path, scenario)
    assert {k: result[k] for k in ("PAIRS", "CLASHES", "OPPORTUNITIES", "GROUPS", "UNUSABLE")} == {
        "PAIRS": 2,
        "CLASHES": 1,
        "OPPORTUNITIES": 1,
        "GROUPS": 1,
        "UNUSABLE": 3,
    }
    layer, pairs = rows(
        result["OUTPUT"],
        ["id_a", "id_b", "owner_a", "owner_b", "kind", "distance_m", "gap_days", "overlap_days", "group_id"],
    )
    assert QgsWkbTypes.flatType(layer.wkbType()) == QgsWkbTypes.LineString
    assert layer.crs().authid() == "EPSG:27700"
    assert pairs == [
        {"id_a": "W1", "id_b": "W2", "owner_a": "UKPN", "owner_b": "Thames Water", "kind": "clash",
         "distance_m": 25.0, "gap_days": 0, "overlap_days": 1, "group_id": 1},
        {"id_a": "W2", "id_b": "W3", "owner_a": "Thames Water", "owner_b": "BT", "kind": "opportunity",
         "distance_m": 25.0, "gap_days": 1, "overlap_days": 0, "group_id": 1},
    ]  # fmt: skip
    first = next(layer.getFeatures()).geometry()
    assert first.asPolyline()[0].x() == X and first.length() == 25.0

    layer, groups = rows(
        result["OUTPUT_GROUPS"],
        ["group_id", "n_works", "n_owners", "owners", "first_start", "last_end", "n_clashes", "n_opportunities",
         "days_saved"],
    )  # fmt: skip
    assert QgsWkbTypes.flatType(layer.wkbType()) == QgsWkbTypes.Polygon
    (group,) = groups
    assert group["first_start"].toPyDate() == D(2026, 1, 1) and group["last_end"].toPyDate() == D(2026, 1, 30)
    assert {k: v for k, v in group.items() if k not in ("first_start", "last_end")} == {
        "group_id": 1,
        "n_works": 3,
        "n_owners": 3,
        "owners": "BT; Thames Water; UKPN",
        "n_clashes": 1,
        "n_opportunities": 1,
        "days_saved": (10 + 11 + 10) - 11,
    }
    _, unusable = rows(result["OUTPUT_UNUSABLE"], ["id", "reason"])
    assert sorted((u["id"], u["reason"]) for u in unusable) == [
        ("W7", "missing end date"),
        ("W8", "end date before start date"),
        ("W9", "missing geometry"),
    ]


def test_outputs_are_styled_and_stamped(plugin_provider, scenario, tmp_path):
    result = run(tmp_path, scenario, DISTANCE=30)
    for key, style_word in (
        ("OUTPUT", "opportunity"),
        ("OUTPUT_GROUPS", "group_id"),
        ("OUTPUT_UNUSABLE", "reason"),
    ):
        path = result[key].split("|")[0]
        with sqlite3.connect(path) as db:
            styles = db.execute("SELECT f_table_name, useAsDefault, styleQML FROM layer_styles").fetchall()
            runs = db.execute("SELECT algorithm, parameters FROM digonce_runs").fetchall()
        assert len(styles) == 1 and styles[0][1] and style_word in styles[0][2], key
        assert runs[0][0] == "digonce:findworksoverlaps"
        assert json.loads(runs[0][1])["DISTANCE"] == 30
    with sqlite3.connect(result["OUTPUT"].split("|")[0]) as db:
        qml = db.execute("SELECT styleQML FROM layer_styles").fetchone()[0]
    assert 'attr="kind"' in qml and "215,25,28" in qml and "245,163,0" in qml  # clash red, opportunity amber


def test_options_change_the_pairs(plugin_provider, scenario, tmp_path):
    assert run(tmp_path, scenario, DISTANCE=24.99)["PAIRS"] == 0
    assert run(tmp_path, scenario, MAX_GAP_DAYS=0)["OPPORTUNITIES"] == 0
    same_owner = run(tmp_path, scenario, INCLUDE_SAME_OWNER=True)
    assert (same_owner["PAIRS"], same_owner["CLASHES"]) == (3, 2)  # + W1-W4
    assert run(tmp_path, scenario, EXCLUDED_STATUSES="")["PAIRS"] == 3  # + W5-W6
    street = run(tmp_path, scenario, SAME_STREET=True)  # W1 and W6 share USRN 7001
    assert (street["PAIRS"], street["GROUPS"]) == (3, 1)


def test_two_layers_give_cross_pairs_only(plugin_provider, tmp_path):
    mine = write_gpkg(tmp_path / "mine.gpkg", [SCENARIO[0], SCENARIO[2]])  # W1, W3: 50 m apart
    register = write_gpkg(tmp_path / "register.gpkg", [SCENARIO[1], SCENARIO[3]])  # W2, W4
    result = run(tmp_path, mine, OTHER=register, DISTANCE=30)
    _, pairs = rows(result["OUTPUT"], ["id_a", "id_b", "kind"])
    assert pairs == [
        {"id_a": "W1", "id_b": "W2", "kind": "clash"},
        {"id_a": "W3", "id_b": "W2", "kind": "opportunity"},
    ]


def test_geographic_input_is_reprojected_and_said(plugin_provider, tmp_path):
    source = write_gpkg(tmp_path / "wgs84.gpkg", SCENARIO, epsg=4326)
    feedback = Said()
    result = run(tmp_path, source, feedback=feedback, DISTANCE=25.01)  # a hair for the round trip
    assert (result["CLASHES"], result["OPPORTUNITIES"]) == (1, 1)
    assert any("EPSG:4326" in info and "EPSG:27700" in info for info in feedback.infos)


def test_missing_and_wrongly_typed_fields_are_named(plugin_provider, scenario, tmp_path):
    with pytest.raises(QgsProcessingException, match=r"'nope'.*'works'"):
        run(tmp_path, scenario, ID_FIELD="nope")
    with pytest.raises(QgsProcessingException, match=r"'lanes'.*'works'.*must be a date"):
        run(tmp_path, scenario, START_FIELD="lanes")


def test_through_qgis_process_json(run_qgis_process, scenario, tmp_path):
    out = run_qgis_process(
        [
            "run",
            "digonce:findworksoverlaps",
            "--",
            f"INPUT={scenario}",
            "DISTANCE=25",
            "MAX_GAP_DAYS=90",
            f"OUTPUT={tmp_path / 'pairs.gpkg'}",
            f"OUTPUT_GROUPS={tmp_path / 'groups.gpkg'}",
            f"OUTPUT_UNUSABLE={tmp_path / 'unusable.gpkg'}",
        ],
        json_output=True,
    )
    results = out["results"]
    assert {k: int(results[k]) for k in ("PAIRS", "CLASHES", "OPPORTUNITIES", "GROUPS", "UNUSABLE")} == {
        "PAIRS": 2,
        "CLASHES": 1,
        "OPPORTUNITIES": 1,
        "GROUPS": 1,
        "UNUSABLE": 3,
    }
    with sqlite3.connect(tmp_path / "pairs.gpkg") as db:
        assert db.execute("SELECT count(*) FROM layer_styles").fetchone()[0] == 1
        assert db.execute("SELECT algorithm FROM digonce_runs").fetchone()[0] == "digonce:findworksoverlaps"


def test_fast_gpkg_reader_and_feature_reader_agree(plugin_provider, scenario, tmp_path):
    """A whole GeoPackage layer is read through GDAL's Arrow stream; a memory copy of it goes
    through QGIS features one by one: both must give the same outputs."""
    from qgis.core import QgsFeatureRequest

    memory = QgsVectorLayer(scenario, "works", "ogr").materialize(QgsFeatureRequest())
    assert memory.providerType() == "memory"
    (tmp_path / "fast").mkdir()
    (tmp_path / "slow").mkdir()
    fast_log, slow_log = Said(), Said()
    fast = run(tmp_path / "fast", scenario, feedback=fast_log)
    slow = run(tmp_path / "slow", memory, feedback=slow_log)
    assert any("9 works read (GDAL Arrow stream)" in info for info in fast_log.infos)
    assert any("9 works read (QGIS features)" in info for info in slow_log.infos)
    fields = [
        "id_a",
        "id_b",
        "owner_a",
        "owner_b",
        "kind",
        "distance_m",
        "gap_days",
        "overlap_days",
        "group_id",
    ]
    assert rows(fast["OUTPUT"], fields)[1] == rows(slow["OUTPUT"], fields)[1]
    assert (
        rows(fast["OUTPUT_GROUPS"], ["owners", "first_start", "days_saved"])[1]
        == rows(slow["OUTPUT_GROUPS"], ["owners", "first_start", "days_saved"])[1]
    )
    assert (
        rows(fast["OUTPUT_UNUSABLE"], ["id", "reason"])[1]
        == rows(slow["OUTPUT_UNUSABLE"], ["id", "reason"])[1]
    )


def _features(layer):
    out = []
    for feat in layer.getFeatures():
        attrs = {name: feat[name] for name in layer.fields().names() if name != "fid"}
        attrs = {k: (v.toPyDate() if hasattr(v, "toPyDate") else v) for k, v in attrs.items()}
        out.append((feat.geometry().asWkt(3) if feat.hasGeometry() else None, attrs))
    return sorted(out, key=repr)


def test_direct_geopackage_writer_and_feature_sink_agree(plugin_provider, scenario, tmp_path):
    """GeoPackage outputs are written in bulk with sqlite; memory outputs go through QGIS's
    feature sink: same rows, values, types and geometries."""
    from qgis.core import QgsProcessingContext, QgsProject

    direct = run(tmp_path, scenario, INCLUDE_SAME_OWNER=True)
    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    sink = processing.run(
        "digonce:findworksoverlaps",
        {
            "INPUT": scenario,
            "INCLUDE_SAME_OWNER": True,
            "OUTPUT": "TEMPORARY_OUTPUT",
            "OUTPUT_GROUPS": "TEMPORARY_OUTPUT",
            "OUTPUT_UNUSABLE": "TEMPORARY_OUTPUT",
        },
        context=context,
    )
    for key in ("OUTPUT", "OUTPUT_GROUPS", "OUTPUT_UNUSABLE"):
        on_disk = QgsVectorLayer(direct[key], "disk", "ogr")
        in_memory = sink[key]  # processing.run hands temporary outputs back as layers
        assert isinstance(in_memory, QgsVectorLayer) and in_memory.providerType() == "memory", key
        assert [f.name() for f in on_disk.fields() if f.name() != "fid"] == in_memory.fields().names(), key
        for field in in_memory.fields():
            assert on_disk.fields().field(field.name()).type() == field.type(), (key, field.name())
        assert QgsWkbTypes.flatType(on_disk.wkbType()) == QgsWkbTypes.flatType(in_memory.wkbType()), key
        assert _features(on_disk) == _features(in_memory), key
        assert on_disk.featureCount() > 0


def test_outputs_into_one_geopackage_are_loaded_on_completion(plugin_provider, scenario, tmp_path):
    """``ogr:dbname=... table=...`` destinations: three tables in one file, each registered
    for loading into the project under an id QGIS can open."""
    from qgis.core import (
        QgsApplication,
        QgsProcessingContext,
        QgsProcessingOutputLayerDefinition,
        QgsProject,
    )

    path = tmp_path / "results.gpkg"
    project = QgsProject.instance()
    context = QgsProcessingContext()
    context.setProject(project)
    names = {"OUTPUT": "pairs", "OUTPUT_GROUPS": "groups", "OUTPUT_UNUSABLE": "unusable"}
    params = {"INPUT": scenario}
    for key, table in names.items():
        params[key] = QgsProcessingOutputLayerDefinition(
            f"ogr:dbname='{path}' table=\"{table}\" (geom)", project
        )
    alg = QgsApplication.processingRegistry().algorithmById("digonce:findworksoverlaps")
    results, ok = alg.run(params, context, QgsProcessingFeedback())
    assert ok
    expected = {f"{path}|layername={table}" for table in names.values()}
    assert {results[key] for key in names} == expected
    assert set(context.layersToLoadOnCompletion()) == expected
    for uri in expected:
        layer = QgsVectorLayer(uri, "x", "ogr")
        assert layer.isValid() and layer.featureCount() >= 1, uri
    with sqlite3.connect(path) as db:
        tables = {r[0] for r in db.execute("SELECT table_name FROM gpkg_contents")} - {"layer_styles"}
        stamped = {r[0] for r in db.execute("SELECT layer FROM digonce_runs")}
    assert tables == stamped == set(names.values())


def test_a_pairs_file_that_cannot_be_written_fails_the_run_with_its_name(plugin_provider, scenario, tmp_path):
    (tmp_path / "blocked").write_text("a file where a folder should be")
    target = tmp_path / "blocked" / "pairs.gpkg"
    with pytest.raises(QgsProcessingException, match=r"OUTPUT: could not write .*blocked/pairs\.gpkg"):
        run(tmp_path, scenario, OUTPUT=str(target))
    assert not target.exists()


def test_works_too_many_for_the_free_memory_are_refused_before_reading_both_layers_counted(
    plugin_provider, scenario, tmp_path, monkeypatch
):
    from dig_once.plugin.core import memory
    from dig_once.processing_algorithms import find_works_overlaps

    monkeypatch.setattr(memory, "available_bytes", lambda: 100 * 1024**2)  # 100 MB free
    monkeypatch.setattr(find_works_overlaps, "FIND_OVERLAPS_BYTES_PER_WORK", 1024**3)  # 1 GB a work

    def refuse(*args, **kwargs):
        raise AssertionError("read although it cannot fit")

    monkeypatch.setattr(find_works_overlaps, "read_works", refuse)
    other = write_gpkg(tmp_path / "other.gpkg", SCENARIO[:3])
    # 9 + 3 works at 1 GB each, plus the process's 0.4 GB
    with pytest.raises(
        QgsProcessingException, match=r"works: 12 features need about 12\.4 GB of memory and 0\.1 GB is free"
    ):
        run(tmp_path, scenario, OTHER=other)


def _rows(path, table):
    with sqlite3.connect(path) as db:
        return db.execute(f'SELECT * FROM "{table}" ORDER BY fid').fetchall()


def test_pairs_are_written_on_their_own_thread_beside_the_groups_with_the_same_rows(
    plugin_provider, tmp_path, monkeypatch
):
    # A year of England: 1.7M pair rows take most of the writing; the groups and the unusable
    # works are written meanwhile when they go to GeoPackages of their own. Outputs that share
    # one GeoPackage are written one after the other. Same rows either way.
    from dig_once.plugin.toolbelt import layer_io

    src = write_gpkg(tmp_path / "works.gpkg", SCENARIO)
    threads: dict[str, str] = {}
    write_layer = layer_io.write_layer

    def spy(path, table, *args, **kwargs):
        threads[table] = threading.current_thread().name
        return write_layer(path, table, *args, **kwargs)

    monkeypatch.setattr(layer_io, "write_layer", spy)
    apart = {k: str(tmp_path / f"{k.lower()}.gpkg") for k in ("OUTPUT", "OUTPUT_GROUPS", "OUTPUT_UNUSABLE")}
    processing.run("digonce:findworksoverlaps", {"INPUT": src, **apart})
    assert threads["output"].startswith("digonce-write-OUTPUT")
    assert threads["output_groups"] == threads["output_unusable"] == threading.current_thread().name
    threads.clear()
    one = tmp_path / "one.gpkg"
    together = {k: f"ogr:dbname='{one}' table=\"{k.lower()}\" (geom)" for k in apart}
    processing.run("digonce:findworksoverlaps", {"INPUT": src, **together})
    assert set(threads.values()) == {threading.current_thread().name}
    for key in apart:
        table = key.lower()
        assert _rows(apart[key], table) == _rows(one, table) and _rows(one, table), key


@pytest.fixture
def made_sources(monkeypatch):
    """The layer parameters for which QGIS's processing source was made (parameterAsSource)."""
    from dig_once.processing_algorithms.base import BaseAlgorithm

    made: list[str] = []
    real = BaseAlgorithm.parameterAsSource

    def recording(self, parameters, name, context):
        made.append(name)
        return real(self, parameters, name, context)

    monkeypatch.setattr(BaseAlgorithm, "parameterAsSource", recording)
    return made


def test_a_subset_of_a_geopackage_is_read_without_qgis_processing_source(
    plugin_provider, scenario, tmp_path, made_sources
):
    """A whole layer with a subset (works of some promoters, a quarter of a year's store) is
    read by the Arrow route without QGIS's processing source, which takes the subset's extent
    by reading every matching feature first (6.8 s on a year of England). Same pairs."""
    subset = "\"promoter\" <> 'BT'"  # W3 and W5 left out: only W1-W2 remains
    result = run(tmp_path, f"{scenario}|subset={subset}")
    assert (result["PAIRS"], result["CLASHES"], result["OPPORTUNITIES"]) == (1, 1, 0)
    assert "INPUT" not in made_sources


def test_selected_works_only_are_read_through_qgis_processing_source(
    plugin_provider, scenario, tmp_path, made_sources
):
    """ "Selected features only" still goes through QGIS's source: only the selected works."""
    from qgis.core import QgsProcessingContext, QgsProcessingFeatureSourceDefinition, QgsProject

    layer = QgsVectorLayer(scenario, "works", "ogr")
    project = QgsProject()
    project.addMapLayer(layer)
    context = QgsProcessingContext()
    context.setProject(project)
    layer.selectByExpression("\"permit_ref\" IN ('W2', 'W3')")
    outputs = {
        key: str(tmp_path / f"{key.lower()}.gpkg") for key in ("OUTPUT", "OUTPUT_GROUPS", "OUTPUT_UNUSABLE")
    }
    result = processing.run(
        "digonce:findworksoverlaps",
        {"INPUT": QgsProcessingFeatureSourceDefinition(layer.id(), True), **outputs},
        context=context,
    )
    assert (result["PAIRS"], result["CLASHES"], result["OPPORTUNITIES"]) == (1, 0, 1)
    assert "INPUT" in made_sources


def test_a_layer_the_arrow_route_cannot_read_makes_the_qgis_source_when_its_features_are_read(
    plugin_provider, tmp_path, made_sources
):
    source = write_gpkg(tmp_path / "wgs84.gpkg", SCENARIO, epsg=4326)
    result = run(tmp_path, source, DISTANCE=25.01)
    assert (result["CLASHES"], result["OPPORTUNITIES"]) == (1, 1)
    assert made_sources.count("INPUT") == 1


def test_a_lazy_source_answers_as_qgis_source_and_is_made_only_for_its_features(plugin_provider, scenario):
    """len(), truth, fields, count, type and CRS without making the processing source; the
    features through the source made on first use, once."""
    from dig_once.processing_algorithms._works_fields import LazySource

    layer = QgsVectorLayer(scenario, "works", "ogr")
    made = []

    def make():
        made.append(1)
        return layer

    lazy = LazySource(layer, make)
    assert len(lazy) == lazy.featureCount() == layer.featureCount() == len(SCENARIO)
    assert bool(lazy) and lazy.fields().names() == layer.fields().names()
    assert lazy.wkbType() == layer.wkbType() and lazy.sourceCrs() == layer.crs()
    assert not made and not lazy.made
    assert len(list(lazy.getFeatures())) == len(SCENARIO)
    assert len(list(lazy.getFeatures())) == len(SCENARIO)
    assert made == [1] and lazy.made


def test_points_and_two_point_lines_read_as_coordinates_give_the_pairs_of_shapely_objects(
    plugin_provider, tmp_path, monkeypatch
):
    """A GeoPackage's works go through the engine compactly (points and two-point lines as
    coordinates, ``core.compact``); read again as shapely objects (compact=False), they give
    the same outputs. Points, short
    and long lines, polygons, an invalid polygon, a point far outside the grid and a 3D point:
    the same pairs (shortest lines included), groups (hulls included) and unusable works."""
    from dig_once.plugin.core import compact
    from dig_once.processing_algorithms import find_works_overlaps

    made = []
    real = compact.CompactGeometries.from_wkb.__func__

    def spy(cls, wkbs):
        made.append(real(cls, wkbs))
        return made[-1]

    monkeypatch.setattr(compact.CompactGeometries, "from_wkb", classmethod(spy))
    shapes = [
        lambda k: pt(k * 7.5, (k % 5) * 6),
        lambda k: f"LINESTRING({X + k * 7.5} {Y}, {X + k * 7.5 + 12} {Y + 9})",
        lambda k: f"POLYGON(({X + k * 7.5} {Y + 3}, {X + k * 7.5 + 4} {Y + 3}, {X + k * 7.5 + 4} {Y + 8}, {X + k * 7.5} {Y + 3}))",
        lambda k: f"LINESTRING({X + k * 7.5} {Y - 4}, {X + k * 7.5 + 5} {Y - 4}, {X + k * 7.5 + 5} {Y - 20})",
        lambda k: f"POLYGON(({X + k * 7.5} {Y}, {X + k * 7.5 + 5} {Y + 5}, {X + k * 7.5 + 5} {Y}, {X + k * 7.5} {Y + 5}, {X + k * 7.5} {Y}))",
    ]
    data = [
        work(f"W{k:02d}", shapes[k % 5](k), f"O{k % 3}", D(2026, 1, 1 + k % 9), D(2026, 1, 12 + k % 9))
        for k in range(40)
    ]
    data += [
        work("FAR", "POINT(1000000000 0)", "O1", D(2026, 1, 1), D(2026, 1, 9)),
        work("Z3", f"POINT Z({X + 3} {Y + 1} 5)", "O2", D(2026, 1, 1), D(2026, 1, 9)),
    ]
    source = write_gpkg(tmp_path / "mixed.gpkg", data)
    (tmp_path / "fast").mkdir()
    (tmp_path / "slow").mkdir()
    fast = run(tmp_path / "fast", source)
    assert made and sum(int((m.kind != compact.GEOS).sum()) for m in made) >= 16
    made.clear()
    read_works = find_works_overlaps.read_works
    monkeypatch.setattr(
        find_works_overlaps, "read_works", lambda *a, **k: read_works(*a, **{**k, "compact": False})
    )
    slow = run(tmp_path / "slow", source)
    assert not made
    assert fast["PAIRS"] == slow["PAIRS"] > 40
    pair_fields = ["id_a", "id_b", "kind", "distance_m", "gap_days", "overlap_days", "group_id"]
    for key, fields in (
        ("OUTPUT", pair_fields),
        ("OUTPUT_GROUPS", ["group_id", "n_works", "owners", "first_start", "days_saved"]),
        ("OUTPUT_UNUSABLE", ["id", "reason"]),
    ):
        layer_fast, got = rows(fast[key], fields)
        layer_slow, expected = rows(slow[key], fields)
        assert got == expected, key
        assert [f.geometry().asWkt(3) for f in layer_fast.getFeatures()] == [
            f.geometry().asWkt(3) for f in layer_slow.getFeatures()
        ], key
    assert rows(fast["OUTPUT_UNUSABLE"], ["id"])[1] == [{"id": "FAR"}]
    # the ids, read as ASCII bytes, are text in a layer QGIS's own sink writes too
    monkeypatch.undo()
    temporary = processing.run(
        "digonce:findworksoverlaps",
        {
            "INPUT": source,
            "OUTPUT": "TEMPORARY_OUTPUT",
            "OUTPUT_GROUPS": "TEMPORARY_OUTPUT",
            "OUTPUT_UNUSABLE": "TEMPORARY_OUTPUT",
        },
    )
    in_memory = [(f["id_a"], f["id_b"]) for f in temporary["OUTPUT"].getFeatures()]
    assert in_memory == [(r["id_a"], r["id_b"]) for r in rows(fast["OUTPUT"], ["id_a", "id_b"])[1]]
    assert all(type(a) is str and a.startswith("W") for a, _ in in_memory)
    assert [f["id"] for f in temporary["OUTPUT_UNUSABLE"].getFeatures()] == ["FAR"]


def test_works_of_many_vertices_are_refused_by_their_estimated_vertices_before_reading(
    plugin_provider, tmp_path, monkeypatch
):
    """Buffered polygons need ~40 bytes a vertex (300k of 122 vertices peaked at 1.8 GB, where
    800 bytes a work estimated 0.6 GB): a sample of the layer's features gives its vertices, and
    the estimate counts them, before anything is read."""
    from dig_once.plugin.core import memory
    from dig_once.processing_algorithms import find_works_overlaps

    rows_ = []
    for k in range(40):  # 40 works of 2,001 vertices: ~80,000 vertices, ~5 MB at 64 bytes a vertex
        ring = [
            (X + 100 * k + 20 * math.cos(a * math.tau / 2000), Y + 20 * math.sin(a * math.tau / 2000))
            for a in range(2000)
        ]
        wkt = "POLYGON((" + ", ".join(f"{x:.4f} {y:.4f}" for x, y in [*ring, ring[0]]) + "))"
        rows_.append(work(f"P{k}", wkt, "UKPN", D(2026, 1, 1), D(2026, 1, 10)))
    source = write_gpkg(tmp_path / "buffered.gpkg", rows_)
    base = memory.BASE_BYTES + 40 * find_works_overlaps.FIND_OVERLAPS_BYTES_PER_WORK
    monkeypatch.setattr(memory, "available_bytes", lambda: base + 2 * 1024**2)  # the works alone fit

    def refuse(*args, **kwargs):
        raise AssertionError("read although it cannot fit")

    monkeypatch.setattr(find_works_overlaps, "read_works", refuse)
    with pytest.raises(QgsProcessingException, match=r"40 features \(about 80,040 vertices\) need about"):
        run(tmp_path, source)
    assert not (tmp_path / "output.gpkg").exists()

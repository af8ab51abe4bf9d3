"""digonce:checkrestrictions and digonce:compareruns in a real QGIS, on GeoPackages built here."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3

import pytest
from helpers.gpkg import write_gpkg_layer as write_gpkg
from osgeo import ogr
from qgis.core import QgsProcessingException, QgsVectorLayer

from dig_once.plugin.core.overlap_tables import PAIR_FIELDS  # findworksoverlaps writes what compareruns reads
from dig_once.plugin.toolbelt.outputs import read_stamped_parameters, stamp_parameters

ogr.UseExceptions()

D = dt.date
WORKS_FIELDS = [
    ("permit_ref", "str"),
    ("promoter", "str"),
    ("category", "str"),
    ("activity_type", "str"),
    ("permit_status", "str"),
    ("usrn", "str"),
    ("start_date", "date"),
    ("end_date", "date"),
]


def works_row(wkt, ref, start, end, category="standard", activity="utility_asset_works", status="granted"):
    return (
        wkt,
        {
            "permit_ref": ref,
            "promoter": "Gas Co",
            "category": category,
            "activity_type": activity,
            "permit_status": status,
            "usrn": "100",
            "start_date": start,
            "end_date": end,
        },
    )


# Restriction S-PROP (proposed) starts 2026-06-01: notice period 2026-03-02 .. 2026-05-31 (91 days).
ACROSS = "LINESTRING(530000 180000, 530100 180000)"  # crosses both restricted extents
SCENARIO = [
    works_row(ACROSS, "W-NOTICE-FIRST", D(2026, 3, 2), D(2026, 3, 2)),
    works_row(ACROSS, "W-DAY-BEFORE-NOTICE", D(2026, 3, 1), D(2026, 3, 1)),
    works_row(ACROSS, "W-BLOCKED", D(2026, 6, 1), D(2026, 6, 10)),
    works_row(ACROSS, "W-EXEMPT", D(2026, 6, 1), D(2026, 6, 10), category="immediate_emergency"),
    works_row(ACROSS, "W-CANCELLED", D(2026, 6, 1), D(2026, 6, 10), status="cancelled"),
    works_row(ACROSS, "W-NODATE", None, D(2026, 6, 10)),
]


@pytest.fixture
def scenario(tmp_path):
    works = write_gpkg(tmp_path / "works.gpkg", "works", ogr.wkbLineString, WORKS_FIELDS, SCENARIO)
    restr_fields = [("ref", "str"), ("state", "str"), ("from_day", "date"), ("to_day", "date")]
    extent = "POLYGON((530040 179990, 530060 179990, 530060 180010, 530040 180010, 530040 179990))"
    restrictions = write_gpkg(
        tmp_path / "restr.gpkg",
        "s58",
        ogr.wkbPolygon,
        restr_fields,
        [
            (
                extent,
                {"ref": "S-PROP", "state": "proposed", "from_day": D(2026, 6, 1), "to_day": D(2031, 5, 31)},
            ),
            (
                extent,
                {"ref": "S-CANC", "state": "cancelled", "from_day": D(2026, 6, 1), "to_day": D(2027, 1, 1)},
            ),
            (extent, {"ref": "S-NODATES", "state": "in_force"}),
        ],
    )
    return works, restrictions


def run_check(tmp_path, works, restrictions, feedback=None, **extra):
    """digonce:checkrestrictions on the scenario's fields; ``extra`` parameters set to None are left out."""
    from qgis import processing

    params = {
        "WORKS": works,
        "RESTRICTIONS": restrictions,
        "REFERENCE_FIELD": "ref",
        "STATUS_FIELD": "state",
        "START_FIELD": "from_day",
        "END_FIELD": "to_day",
        "OUTPUT": str(tmp_path / "findings.gpkg"),
        "OUTPUT_UNUSABLE": str(tmp_path / "unusable.gpkg"),
        **extra,
    }
    params = {name: value for name, value in params.items() if value is not None}
    return processing.run("digonce:checkrestrictions", params, feedback=feedback)


def rows(path, fields):
    layer = QgsVectorLayer(str(path), "x", "ogr")
    assert layer.isValid(), path
    return sorted(tuple(f[name] for name in fields) for f in layer.getFeatures())


def test_check_restrictions_findings_and_unusable(plugin_provider, scenario, tmp_path):
    works, restrictions = scenario
    result = run_check(tmp_path, works, restrictions)
    assert (result["FINDINGS"], result["BLOCKED"], result["EXEMPT"], result["DIG_BEFORE_RESURFACING"]) == (
        3,
        1,
        1,
        1,
    )
    assert result["ENDS_SOON"] == 0 and result["INACTIVE"] == 1 and result["UNUSABLE"] == 2
    found = rows(result["OUTPUT"], ["works_ref", "restriction_ref", "finding", "overlap_days"])
    assert found == [
        ("W-BLOCKED", "S-PROP", "blocked", 10),
        ("W-EXEMPT", "S-PROP", "exempt", 10),
        ("W-NOTICE-FIRST", "S-PROP", "dig_before_resurfacing", 1),
    ]
    layer = QgsVectorLayer(result["OUTPUT"], "f", "ogr")
    feature = next(f for f in layer.getFeatures() if f["works_ref"] == "W-NOTICE-FIRST")
    assert feature["period_start"].toPyDate() == D(2026, 3, 2)
    assert feature["period_end"].toPyDate() == D(2026, 5, 31)
    assert feature.geometry().length() == pytest.approx(20.0)  # the part inside the extent
    unusable = rows(result["OUTPUT_UNUSABLE"], ["layer", "reference", "reason"])
    assert unusable == [
        ("restrictions", "S-NODATES", "missing start date"),
        ("works", "W-NODATE", "missing start date"),
    ]
    # styled and stamped
    path = str(result["OUTPUT"]).split("|")[0]
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT count(*) FROM layer_styles").fetchone()[0] == 1
    stamped = json.loads(read_stamped_parameters(path, "findings"))
    assert stamped["REFERENCE_FIELD"] == "ref"


def test_check_restrictions_parameters_change_findings(plugin_provider, scenario, tmp_path):
    works, restrictions = scenario
    result = run_check(tmp_path, works, restrictions, EXEMPT_CATEGORIES="", NOTICE_DAYS=92)
    found = rows(result["OUTPUT"], ["works_ref", "finding"])
    assert found == [
        ("W-BLOCKED", "blocked"),
        ("W-DAY-BEFORE-NOTICE", "dig_before_resurfacing"),
        ("W-EXEMPT", "blocked"),
        ("W-NOTICE-FIRST", "dig_before_resurfacing"),
    ]


def test_check_restrictions_missing_field_is_named(plugin_provider, scenario, tmp_path):
    works, restrictions = scenario
    with pytest.raises(QgsProcessingException, match="restriction_ref"):
        run_check(tmp_path, works, restrictions, REFERENCE_FIELD="restriction_ref")


def pairs_gpkg(path, pairs, parameters):
    rows_ = []
    for n, (a, b, kind, gap, overlap, group) in enumerate(pairs):
        x = 530000 + 100 * n
        rows_.append(
            (
                f"LINESTRING({x} 180000, {x + 10} 180000)",
                {
                    "id_a": a,
                    "id_b": b,
                    "owner_a": "A Co",
                    "owner_b": "B Co",
                    "kind": kind,
                    "distance_m": 10.0,
                    "gap_days": gap,
                    "overlap_days": overlap,
                    "group_id": group,
                },
            )
        )
    uri = write_gpkg(path, "pairs", ogr.wkbLineString, PAIR_FIELDS, rows_)
    stamp_parameters(
        str(path), "pairs", "digonce:findworksoverlaps", json.dumps({"INPUT": str(path), **parameters})
    )
    return uri


PREVIOUS = [
    ("TSR1-01", "GAS1-01", "clash", 0, 4, 1),
    ("GAS1-01", "WAT1-01", "opportunity", 20, 0, 1),
    ("OLD1-01", "OLD2-01", "clash", 0, 1, 2),
]
CURRENT = [
    ("GAS1-01", "TSR1-02", "clash", 0, 4, 1),  # same pair, re-issued permit, a/b swapped
    ("GAS1-01", "WAT1-01", "clash", 0, 3, 1),  # changed kind
    ("NEW1-01", "NEW2-01", "opportunity", 5, 0, 2),
]


def test_compare_runs(plugin_provider, tmp_path):
    from qgis import processing

    previous = pairs_gpkg(tmp_path / "prev.gpkg", PREVIOUS, {"DISTANCE": 25})
    current = pairs_gpkg(tmp_path / "cur.gpkg", CURRENT, {"DISTANCE": "25"})
    result = processing.run(
        "digonce:compareruns",
        {
            "CURRENT": current,
            "PREVIOUS": previous,
            "OUTPUT": str(tmp_path / "changes.gpkg"),
            "OUTPUT_GROUPS": str(tmp_path / "group_changes.gpkg"),
        },
    )
    counts = {k: result[k] for k in ("NEW", "RESOLVED", "CHANGED", "UNCHANGED", "RENAMED_WORKS")}
    assert counts == {"NEW": 1, "RESOLVED": 1, "CHANGED": 1, "UNCHANGED": 1, "RENAMED_WORKS": 1}
    assert (result["GROUPS_NEW"], result["GROUPS_GONE"], result["GROUPS_UNCHANGED"]) == (1, 1, 1)
    assert result["PARAMETERS_DIFFERING"] == 0
    changes = rows(result["OUTPUT"], ["change", "work_key_a", "work_key_b", "what_changed"])
    assert changes == [
        ("changed", "GAS1", "WAT1", "kind,gap_days,overlap_days"),
        ("new", "NEW1", "NEW2", None),
        ("resolved", "OLD1", "OLD2", None),
    ]
    groups = rows(result["OUTPUT_GROUPS"], ["change", "n_works"])
    assert groups == [("gone", 0), ("new", 2), ("unchanged", 3)]
    path = str(result["OUTPUT_GROUPS"]).split("|")[0]
    assert QgsVectorLayer(result["OUTPUT_GROUPS"], "g", "ogr").getFeature(1).geometry().area() > 0
    assert json.loads(read_stamped_parameters(path, "group_changes"))["CURRENT"] == current


def test_compare_runs_refuses_different_parameters_unless_forced(plugin_provider, tmp_path):
    from qgis import processing

    previous = pairs_gpkg(tmp_path / "prev.gpkg", PREVIOUS, {"DISTANCE": 25, "MAX_GAP_DAYS": 90})
    current = pairs_gpkg(tmp_path / "cur.gpkg", CURRENT, {"DISTANCE": 30, "MAX_GAP_DAYS": 90})
    params = {
        "CURRENT": current,
        "PREVIOUS": previous,
        "OUTPUT": "TEMPORARY_OUTPUT",
        "OUTPUT_GROUPS": "TEMPORARY_OUTPUT",
    }
    with pytest.raises(QgsProcessingException, match=r"DISTANCE: 25 \(previous\) vs 30 \(current\)") as err:
        processing.run("digonce:compareruns", params)
    assert "MAX_GAP_DAYS" not in str(err.value)
    result = processing.run("digonce:compareruns", {**params, "FORCE": True})
    assert result["PARAMETERS_DIFFERING"] == 1
    assert result["NEW"] == 1


def test_compare_runs_through_qgis_process(run_qgis_process, tmp_path):
    previous = pairs_gpkg(tmp_path / "prev.gpkg", PREVIOUS, {"DISTANCE": 25})
    current = pairs_gpkg(tmp_path / "cur.gpkg", CURRENT, {"DISTANCE": 25})
    out = run_qgis_process(
        [
            "run",
            "digonce:compareruns",
            f"--CURRENT={current}",
            f"--PREVIOUS={previous}",
            "--MATCH_WORK_REF=false",
            f"--OUTPUT={tmp_path / 'changes.gpkg'}",
            f"--OUTPUT_GROUPS={tmp_path / 'groups.gpkg'}",
        ],
        json_output=True,
    )
    results = out["results"]
    # without work-ref matching, the re-issued permit makes one pair resolved and one new
    assert (results["NEW"], results["RESOLVED"], results["CHANGED"], results["UNCHANGED"]) == (2, 2, 1, 0)
    assert results["RENAMED_WORKS"] == 0


def test_compare_runs_lists_unchanged_and_uses_group_hulls(plugin_provider, tmp_path):
    from qgis import processing

    previous = pairs_gpkg(tmp_path / "prev.gpkg", PREVIOUS, {"DISTANCE": 25})
    current = pairs_gpkg(tmp_path / "cur.gpkg", CURRENT, {"DISTANCE": 25})
    square = "POLYGON((0 0, 1000 0, 1000 1000, 0 1000, 0 0))"
    groups = write_gpkg(
        tmp_path / "groups.gpkg", "groups", ogr.wkbPolygon, [("group_id", "int")], [(square, {"group_id": 1})]
    )
    result = processing.run(
        "digonce:compareruns",
        {
            "CURRENT": current,
            "PREVIOUS": previous,
            "CURRENT_GROUPS": groups,
            "INCLUDE_UNCHANGED": True,
            "OUTPUT": str(tmp_path / "changes.gpkg"),
            "OUTPUT_GROUPS": str(tmp_path / "group_changes.gpkg"),
        },
    )
    listed = rows(result["OUTPUT"], ["change", "prev_id_a", "prev_id_b", "ids_changed"])
    assert ("unchanged", "TSR1-01", "GAS1-01", 1) in listed
    layer = QgsVectorLayer(result["OUTPUT_GROUPS"], "g", "ogr")
    areas = {f["group_id"]: f.geometry().area() for f in layer.getFeatures() if f["group_id"]}
    assert areas[1] == pytest.approx(1_000_000.0)  # the hull given in CURRENT_GROUPS
    assert 0 < areas[2] < 1000  # no hull given: derived from the pairs, widened by 1 m


def test_compare_runs_reads_zero_length_pair_lines(plugin_provider, tmp_path):
    """Works that touch get a zero-length shortest line, which QGIS calls invalid: a pairs
    output must still compare under the strictest invalid-geometry setting."""
    from qgis import processing
    from qgis.core import Qgis, QgsProcessingContext, QgsProcessingFeedback, QgsProject

    touching = [("GAS1-01", "WAT1-01", "clash", 0, 4, 1)]
    previous = pairs_gpkg(tmp_path / "prev.gpkg", PREVIOUS, {"DISTANCE": 25})
    cur_path = tmp_path / "cur.gpkg"
    current = write_gpkg(
        cur_path,
        "pairs",
        ogr.wkbLineString,
        PAIR_FIELDS,
        [
            (
                "LINESTRING(530000 180000, 530000 180000)",
                {
                    "id_a": a,
                    "id_b": b,
                    "owner_a": "A Co",
                    "owner_b": "B Co",
                    "kind": kind,
                    "distance_m": 0.0,
                    "gap_days": gap,
                    "overlap_days": overlap,
                    "group_id": group,
                },
            )  # fmt: skip
            for a, b, kind, gap, overlap, group in touching
        ],
    )
    stamp_parameters(
        str(cur_path), "pairs", "digonce:findworksoverlaps", json.dumps({"INPUT": "x", "DISTANCE": 25})
    )
    assert not QgsVectorLayer(current, "c", "ogr").getFeature(1).geometry().isGeosValid()
    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    context.setInvalidGeometryCheck(Qgis.InvalidGeometryCheck.AbortOnInvalid)
    result = processing.run(
        "digonce:compareruns",
        {"CURRENT": current, "PREVIOUS": previous, "OUTPUT": str(tmp_path / "changes.gpkg"),
         "OUTPUT_GROUPS": str(tmp_path / "group_changes.gpkg")},
        context=context,
        feedback=QgsProcessingFeedback(),
    )  # fmt: skip
    assert (result["NEW"], result["RESOLVED"], result["CHANGED"]) == (0, 2, 1)
    assert context.invalidGeometryCheck() == Qgis.InvalidGeometryCheck.AbortOnInvalid  # restored

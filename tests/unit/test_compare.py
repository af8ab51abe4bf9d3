"""Month-on-month comparison on hand-built runs: pairs, groups, renamed works, parameters."""

from __future__ import annotations

import numpy as np
import pytest
import shapely

from dig_once.plugin.core.compare import (
    REQUIRED_FIELDS,
    PairsRun,
    compare_groups,
    compare_runs,
    derive_work_ref,
    differing_parameters,
    parse_parameters,
    work_keys,
)
from dig_once.plugin.core.compare_tables import (
    GROUP_FIELDS,
    PAIR_FIELDS,
    group_columns,
    hulls_from_pairs,
    pair_columns,
)
from dig_once.plugin.core.errors import InputError


def run(rows, dates=None, work_refs=None, label="run", geometries=None, **more_columns):
    """rows: (id_a, id_b, kind, gap_days, overlap_days, group_id)."""
    cols = list(zip(*rows, strict=True)) if rows else [[]] * 6
    columns = dict(zip(REQUIRED_FIELDS, cols, strict=True))
    if dates is not None:
        columns.update(
            {name: [d[k] for d in dates] for k, name in enumerate(("start_a", "end_a", "start_b", "end_b"))}
        )
    if work_refs is not None:
        columns["work_ref_a"] = [w[0] for w in work_refs]
        columns["work_ref_b"] = [w[1] for w in work_refs]
    return PairsRun.from_columns({**columns, **more_columns}, geometries=geometries, label=label)


def changes(result):
    return {(p.change, p.key) for p in result.pairs}


@pytest.mark.parametrize(
    ("name", "previous", "current", "expected"),
    [
        ("same run", [("A", "B", "clash", 0, 3, 1)], [("A", "B", "clash", 0, 3, 1)], "unchanged"),
        ("order of a/b swapped", [("A", "B", "clash", 0, 3, 1)], [("B", "A", "clash", 0, 3, 1)], "unchanged"),
        ("kind", [("A", "B", "clash", 0, 1, 1)], [("A", "B", "opportunity", 1, 0, 1)], "changed"),
        ("gap", [("A", "B", "opportunity", 10, 0, 1)], [("A", "B", "opportunity", 11, 0, 1)], "changed"),
        ("overlap", [("A", "B", "clash", 0, 3, 1)], [("A", "B", "clash", 0, 4, 1)], "changed"),
        (
            "group renumbered only",
            [("A", "B", "clash", 0, 3, 1)],
            [("A", "B", "clash", 0, 3, 9)],
            "unchanged",
        ),
        (
            "numbers as text",
            [("A", "B", "clash", 0, 3, 1)],
            [("A", "B", "clash", "0", "3.0", 1)],
            "unchanged",
        ),
    ],
)
def test_pair_changes(name, previous, current, expected):
    result = compare_runs(run(current), run(previous))
    assert changes(result) == {(expected, ("A", "B"))}, name


def test_new_resolved_and_counts():
    previous = run([("A", "B", "clash", 0, 3, 1), ("C", "D", "clash", 0, 1, 2), ("E", "F", "clash", 0, 1, 3)])
    current = run(
        [("A", "B", "clash", 0, 3, 1), ("C", "D", "opportunity", 4, 0, 2), ("G", "H", "clash", 0, 1, 3)]
    )
    result = compare_runs(current, previous)
    assert changes(result) == {
        ("unchanged", ("A", "B")),
        ("changed", ("C", "D")),
        ("resolved", ("E", "F")),
        ("new", ("G", "H")),
    }
    counts = result.counts()
    assert (counts["NEW"], counts["RESOLVED"], counts["CHANGED"], counts["UNCHANGED"]) == (1, 1, 1, 1)
    changed = next(p for p in result.pairs if p.change == "changed")
    assert changed.what_changed == ["kind", "gap_days", "overlap_days"]
    resolved = next(p for p in result.pairs if p.change == "resolved")
    assert resolved.current is None and previous.id_a[resolved.previous] == "E"


def test_dates_compared_work_by_work_whatever_the_order():
    previous = run([("A", "B", "clash", 0, 3, 1)], dates=[(10, 20, 18, 30)])
    same_swapped = run([("B", "A", "clash", 0, 3, 1)], dates=[(18, 30, 10, 20)])
    assert changes(compare_runs(same_swapped, previous)) == {("unchanged", ("A", "B"))}
    moved = run([("A", "B", "clash", 0, 3, 1)], dates=[(11, 21, 18, 30)])  # same overlap, new dates
    result = compare_runs(moved, previous)
    assert [(p.change, p.what_changed) for p in result.pairs] == [("changed", ["dates"])]
    assert changes(compare_runs(run([("A", "B", "clash", 0, 3, 1)]), previous)) == {("unchanged", ("A", "B"))}


def test_new_permit_suffix_is_the_same_work():
    previous = run([("TSR1-01", "GAS9-01", "clash", 0, 3, 1)])
    current = run([("TSR1-02", "GAS9-01", "clash", 0, 3, 1)])
    result = compare_runs(current, previous)
    assert [(p.change, p.key, p.ids_changed) for p in result.pairs] == [("unchanged", ("GAS9", "TSR1"), True)]
    assert result.renamed_works == [("TSR1-01", "TSR1-02")]
    assert result.current_keys.work_ref_source == "derived"
    # without work-ref matching the permits are different works
    result = compare_runs(current, previous, match_work_ref=False)
    assert {p.change for p in result.pairs} == {"new", "resolved"}
    assert result.renamed_works == []


def test_work_ref_field_wins_over_derivation():
    previous = run([("P1", "Q1", "clash", 0, 3, 1)], work_refs=[("WA", "WB")])
    current = run([("P2", "Q2", "clash", 0, 3, 1)], work_refs=[("WA", "WB")])
    result = compare_runs(current, previous)
    assert [(p.change, p.key) for p in result.pairs] == [("unchanged", ("WA", "WB"))]
    assert result.current_keys.work_ref_source == "field"
    assert result.renamed_works == [("P1", "P2"), ("Q1", "Q2")]


@pytest.mark.parametrize(
    ("ref", "expected"),
    [
        ("TSR1591199404915-01", "TSR1591199404915"),
        ("TSR1591199404915-12", "TSR1591199404915"),
        ("W-1", "W-1"),  # one digit: not a permit suffix
        ("W-123", "W-123"),
        ("W-01-02", "W-01"),
        (" AB-07 ", "AB"),
        ("plain", "plain"),
    ],
)
def test_derive_work_ref(ref, expected):
    assert derive_work_ref(ref) == expected


def test_ambiguous_work_refs_keep_their_ids():
    # two permits of the same work in one run: their work reference cannot name either
    keys = work_keys(run([("X-01", "Y-01", "clash", 0, 1, 1), ("X-02", "Z-01", "clash", 0, 1, 2)]))
    assert keys.key_of == {"X-01": "X-01", "X-02": "X-02", "Y-01": "Y", "Z-01": "Z"}
    assert keys.ambiguous == ["X"]
    # an id equal to another id's work reference: both keep their ids
    keys = work_keys(run([("X", "X-01", "clash", 0, 1, 1)]))
    assert keys.key_of == {"X": "X", "X-01": "X-01"}


def test_duplicate_pair_is_an_input_error():
    with pytest.raises(InputError, match="appears twice"):
        compare_runs(
            run([("A", "B", "clash", 0, 1, 1), ("B", "A", "clash", 0, 1, 1)], label="cur.gpkg"), run([])
        )


def test_empty_id_is_an_input_error():
    with pytest.raises(InputError, match="id_b"):
        run([("A", "", "clash", 0, 1, 1)])


@pytest.mark.parametrize(
    ("name", "current", "previous", "expected"),
    [
        ("unchanged", {1: {"a", "b"}}, {5: {"a", "b"}}, [("unchanged", 1, 5, [], [])]),
        ("grown", {1: {"a", "b", "c"}}, {5: {"a", "b"}}, [("grown", 1, 5, ["c"], [])]),
        ("shrunk", {1: {"a", "b"}}, {5: {"a", "b", "c"}}, [("shrunk", 1, 5, [], ["c"])]),
        ("reshaped", {1: {"a", "b", "d"}}, {5: {"a", "b", "c"}}, [("reshaped", 1, 5, ["d"], ["c"])]),
        (
            "new and gone",
            {1: {"x", "y"}},
            {5: {"a", "b"}},
            [("new", 1, None, ["x", "y"], []), ("gone", None, 5, [], ["a", "b"])],
        ),
        (
            "merged: best overlap wins",
            {1: {"a", "b", "c", "d", "e"}},
            {5: {"a", "b"}, 6: {"c", "d", "e"}},
            [("grown", 1, 6, ["a", "b"], [])],
        ),
        (
            "tie: smallest previous id",
            {1: {"a", "b"}},
            {7: {"a", "x"}, 6: {"b", "y"}},
            [("reshaped", 1, 6, ["a"], ["y"])],
        ),
        (
            "split",
            {1: {"a", "b"}, 2: {"c", "d"}},
            {5: {"a", "b", "c", "d"}},
            [("shrunk", 1, 5, [], ["c", "d"]), ("shrunk", 2, 5, [], ["a", "b"])],
        ),
    ],
)
def test_group_changes(name, current, previous, expected):
    rows = compare_groups(current, previous)
    assert [(r.change, r.group_id, r.prev_group_id, r.joined, r.left) for r in rows] == expected, name


def test_group_changes_from_pairs_and_merge_listing():
    previous = run([("A", "B", "clash", 0, 1, 1), ("C", "D", "clash", 0, 1, 2), ("E", "F", "clash", 0, 1, 3)])
    current = run([("A", "B", "clash", 0, 1, 1), ("B", "C", "clash", 0, 1, 1), ("C", "D", "clash", 0, 1, 1)])
    result = compare_runs(current, previous)
    groups = [(g.change, g.group_id, g.prev_group_id, g.prev_group_ids) for g in result.groups]
    assert groups == [("grown", 1, 1, [1, 2]), ("gone", None, 3, [])]
    counts = result.counts()
    assert counts["GROUPS_GROWN"] == 1 and counts["GROUPS_GONE"] == 1 and counts["GROUPS_NEW"] == 0


@pytest.mark.parametrize(
    ("previous", "current", "defaults", "expected"),
    [
        ({"DISTANCE": 25, "INPUT": "a.gpkg"}, {"DISTANCE": "25", "INPUT": "b.gpkg"}, {}, []),
        ({"DISTANCE": 25}, {"DISTANCE": 30}, {}, [("DISTANCE", 25, 30)]),
        ({"SAME_STREET": "true"}, {"SAME_STREET": True}, {}, []),
        ({"SAME_STREET": False}, {"SAME_STREET": True}, {}, [("SAME_STREET", False, True)]),
        ({"EXCLUDED_STATUSES": "cancelled,refused"}, {"EXCLUDED_STATUSES": ["cancelled", "refused"]}, {}, []),
        (
            {"EXCLUDED_STATUSES": "cancelled"},
            {"EXCLUDED_STATUSES": ["cancelled", "refused"]},
            {},
            [("EXCLUDED_STATUSES", "cancelled", ["cancelled", "refused"])],
        ),
        ({}, {"MAX_GAP_DAYS": 90}, {"MAX_GAP_DAYS": 90}, []),
        ({}, {"MAX_GAP_DAYS": 60}, {"MAX_GAP_DAYS": 90}, [("MAX_GAP_DAYS", 90, 60)]),
        ({"OUTPUT": "x.gpkg", "OUTPUT_GROUPS": "y"}, {"OUTPUT": "z.gpkg"}, {}, []),
    ],
)
def test_differing_parameters(previous, current, defaults, expected):
    assert differing_parameters(previous, current, defaults=defaults) == expected


def test_parse_parameters():
    assert parse_parameters(None, "x") is None
    assert parse_parameters('{"DISTANCE": 25}', "x") == {"DISTANCE": 25}
    with pytest.raises(InputError, match="x.gpkg"):
        parse_parameters("[1]", "x.gpkg")
    with pytest.raises(InputError, match="not JSON"):
        parse_parameters("{", "x.gpkg")


def test_a_pairs_layer_uses_work_references_and_dates_only_when_it_has_them_all():
    columns = {name: [v] for name, v in zip(REQUIRED_FIELDS, ("A-01", "B-01", "clash", 0, 1, 1), strict=True)}
    plain = PairsRun.from_columns({**columns, "work_ref_a": ["A"], "start_a": [1]}, label="cur")
    assert plain.work_ref_a is None and plain.dates is None and plain.label == "cur"
    dates = {name: [k] for k, name in enumerate(("start_a", "end_a", "start_b", "end_b"))}
    full = PairsRun.from_columns({**columns, "work_ref_a": ["A"], "work_ref_b": ["B"], **dates})
    assert full.work_ref_b.tolist() == ["B"] and full.dates["end_b"].tolist() == [3]
    del columns["group_id"], columns["kind"]
    with pytest.raises(InputError, match="not a pairs output: field.s. kind, group_id missing"):
        PairsRun.from_columns(columns, label="cur")


def test_differing_parameters_are_listed_in_one_sentence():
    from dig_once.plugin.core.compare import describe_differences

    assert describe_differences([("DISTANCE", 25, 30), ("SAME_STREET", False, True)]) == (
        "DISTANCE: 25 (previous) vs 30 (current); SAME_STREET: false (previous) vs true (current)"
    )


def test_pair_columns_take_each_side_from_its_run_and_a_resolved_pair_keeps_its_line():
    line = shapely.LineString([(0, 0), (1, 0)])
    prev = run([("A", "B", "clash", 0, "3", 1), ("C", "D", "clash", 0, "2", 2)], geometries=[None, line])
    cur = run([("A", "B", "clash", 0, 3.0, 1)], distance_m=[float("inf")])
    result = compare_runs(cur, prev)
    columns, geoms = pair_columns(cur, prev, result)
    assert list(columns) == [name for name, _ in PAIR_FIELDS]
    assert columns["change"] == ["resolved"] and columns["prev_overlap_days"].tolist() == [2]
    assert columns["id_a"].tolist() == [None] and geoms[0].geom_type == "MultiLineString"
    columns, _ = pair_columns(cur, prev, result, include_unchanged=True)
    assert columns["change"] == ["unchanged", "resolved"]
    assert columns["overlap_days"].tolist() == [3, None] and np.isnan(columns["distance_m"]).all()


def test_group_columns_prefer_the_groups_layer_hull_and_drop_hulls_that_are_not_polygons():
    line = shapely.LineString([(0, 0), (10, 0)])
    prev = run([("A", "B", "clash", 0, 1, 7)], geometries=[line])
    cur = run([("A", "B", "clash", 0, 1, 1), ("X", "Y", "clash", 0, 1, 2)], geometries=[line, line])
    result = compare_runs(cur, prev)
    assert hulls_from_pairs(prev)[7].area == pytest.approx(12 * 2)  # the segment, 1 m wider all round
    square = shapely.box(0, 0, 5, 5)
    columns, hulls = group_columns(cur, prev, result, {1: square, 2: shapely.Point(0, 0)}, {})
    assert list(columns) == [name for name, _ in GROUP_FIELDS]
    assert columns["change"] == ["unchanged", "new"] and columns["prev_group_ids"] == ["7", None]
    assert hulls[0].equals(shapely.MultiPolygon([square])) and hulls[1] is None

"""Compact geometries (points and two-point lines as coordinates) give the engine exactly the
results the same geometries give as shapely objects: the reader, the screen, the near-pair
join, the vertices and a whole find_overlaps, compared value for value and bit for bit."""

from __future__ import annotations

import dataclasses
import struct

import numpy as np
import pytest
import shapely
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dig_once.plugin.core.compact import GEOS, POINT, SEGMENT, CompactGeometries, concatenate
from dig_once.plugin.core.nearjoin import near_pairs
from dig_once.plugin.core.overlaps import find_overlaps
from dig_once.plugin.core.restrictions import check_restrictions
from dig_once.plugin.core.works import Vertices, Works, ascii_ids, id_rank, id_text, screen

from .test_nearjoin import geometries as join_geometries
from .test_overlaps import geometry as work_geometry
from .test_overlaps import options, to_works, works_rows

SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _odd_wkbs() -> list:
    """WKB the compact reader must leave to GEOS, or read as GEOS reads it."""
    nan = struct.pack("<dd", float("nan"), float("nan"))
    inf = struct.pack("<dd", float("inf"), 1.0)
    return [
        None,
        b"\x01\x01\x00\x00\x00" + nan,  # POINT EMPTY as GEOS writes it
        b"\x01\x01\x00\x00\x00" + inf,  # an infinite coordinate
        b"\x00\x00\x00\x00\x01" + struct.pack(">dd", 530000.0, 180000.0),  # big-endian point
        b"\x01\x02\x00\x00\x00\x02\x00\x00\x00" + nan + struct.pack("<dd", 1.0, 2.0),  # a NaN vertex
        shapely.to_wkb(shapely.Point(530000, 180000, 7)),  # 3D
        shapely.to_wkb(shapely.LineString([(0, 0, 1), (1, 1, 2)])),  # 3D two-point line
        shapely.to_wkb(shapely.LineString([(0, 0), (1, 1), (2, 0)])),
        shapely.to_wkb(shapely.LineString([(3, 3), (3, 3)])),  # zero length: still a segment
        shapely.to_wkb(shapely.MultiPoint([(0, 0)])),
        shapely.to_wkb(shapely.box(0, 0, 1, 1)),
        shapely.to_wkb(shapely.LineString()),
        b"\x01\x01\x00\x00",  # truncated: invalid
    ]


def _wkb_of(geoms) -> list:
    return [None if g is None else shapely.to_wkb(g) for g in geoms]


def _same_objects(got: np.ndarray, expected: np.ndarray) -> None:
    assert len(got) == len(expected)
    assert _wkb_of(got) == _wkb_of(expected)


@SETTINGS
@given(join_geometries, st.lists(st.integers(0, 12), max_size=6))
def test_wkb_read_compactly_makes_the_same_geometries_as_shapely(geoms, odd_at):
    wkbs = _wkb_of(geoms)
    odd = _odd_wkbs()
    for k in odd_at:
        wkbs.insert(min(k, len(wkbs)), odd[k])
    wkbs = np.array([*wkbs, None], dtype=object)[:-1]
    compact = CompactGeometries.from_wkb(wkbs)
    expected = shapely.from_wkb(wkbs, on_invalid="ignore")
    _same_objects(compact.take(np.arange(len(wkbs))), expected)
    _same_objects(CompactGeometries.from_geometries(expected).take(np.arange(len(wkbs))), expected)
    # what is held as coordinates: 2D points and two-vertex 2D lines with finite coordinates
    flat = ~shapely.has_z(expected)
    finite = np.array(
        [g is not None and np.isfinite(shapely.get_coordinates(g)).all() for g in expected], bool
    )
    n = shapely.get_num_coordinates(expected)
    type_id = shapely.get_type_id(expected)
    want = np.where(
        flat & finite & (type_id == 0) & (n == 1),
        POINT,
        np.where(flat & finite & (type_id == 1) & (n == 2), SEGMENT, GEOS),
    )
    assert CompactGeometries.from_geometries(expected).kind.tolist() == want.tolist()
    little = np.array([w is not None and w[:1] == b"\x01" for w in wkbs], bool)  # the WKB reader's
    assert compact.kind.tolist() == np.where(little, want, GEOS).tolist()
    assert compact.geos[compact.kind != GEOS].tolist() == [None] * int((compact.kind != GEOS).sum())
    np.testing.assert_array_equal(compact.bounds(), shapely.bounds(expected))


def test_the_odd_wkbs_go_to_geos_and_a_big_endian_point_is_read_right():
    wkbs = np.array(_odd_wkbs(), dtype=object)
    compact = CompactGeometries.from_wkb(wkbs)
    expected = shapely.from_wkb(wkbs, on_invalid="ignore")
    _same_objects(compact.take(np.arange(len(wkbs))), expected)
    assert compact.kind.tolist() == [GEOS] * 8 + [SEGMENT] + [GEOS] * 4


def test_take_subset_concatenate_and_copy_keep_rows_and_forms():
    geoms = np.array(
        [shapely.Point(1, 2), shapely.LineString([(0, 0), (3, 4)]), shapely.box(0, 0, 1, 1), None]
    )
    compact = CompactGeometries.from_geometries(geoms)
    assert compact.kind.tolist() == [POINT, SEGMENT, GEOS, GEOS]
    _same_objects(compact.take(np.array([3, 1, 1, 0])), geoms[[3, 1, 1, 0]])
    _same_objects(compact.take(np.array([True, False, True, False])), geoms[[0, 2]])
    _same_objects(compact.take(slice(1, 3)), geoms[1:3])
    _same_objects(compact.subset(np.array([2, 0])).take(np.arange(2)), geoms[[2, 0]])
    both = concatenate([compact, geoms[:2]])
    assert isinstance(both, CompactGeometries)
    _same_objects(both.take(np.arange(6)), np.concatenate([geoms, geoms[:2]]))
    copied = compact.copy()
    copied.geos[2] = shapely.Point(9, 9)
    assert compact.geos[2].equals(shapely.box(0, 0, 1, 1))


def _far_or_odd(draw_geometry):
    far = st.sampled_from(
        [
            shapely.Point(1e9, 0),
            shapely.LineString([(0, 0), (0, 5e8)]),
            shapely.Point(float("nan"), 1.0),
            shapely.Point(),
            shapely.Point(3, 4, 5),
        ]
    )
    return st.one_of(draw_geometry, draw_geometry, draw_geometry, far)


@st.composite
def mixed_rows(draw, prefix="W", max_size=24):
    rows = draw(works_rows(max_size=max_size, prefix=prefix))
    for row in rows:
        if row["geom"] is not None and draw(st.integers(0, 5)) == 0:
            row["geom"] = draw(_far_or_odd(work_geometry()))
    return rows


def _compact_works(works: Works) -> Works:
    """As findworksoverlaps reads them: compact geometries, ASCII ids as bytes."""
    return dataclasses.replace(
        works, geometries=CompactGeometries.from_geometries(works.geometries), ids=ascii_ids(works.ids)
    )


def _result_values(result) -> dict:
    groups = result.groups
    values = {f.name: getattr(result, f.name) for f in dataclasses.fields(result) if f.name != "summary"}
    values.update(
        {f"groups.{f.name}": getattr(groups, f.name) for f in dataclasses.fields(groups) if f.name != "hulls"}
    )
    values["hulls.xy"], values["hulls.offsets"] = groups.hulls.xy, groups.hulls.offsets
    return values


def _assert_same_result(got, expected) -> None:
    got, expected = _result_values(got), _result_values(expected)
    assert got.keys() == expected.keys()
    for name, value in expected.items():
        other = got[name]
        if isinstance(value, np.ndarray) and value.dtype.kind == "f":
            assert value.tobytes() == np.asarray(other).tobytes(), name  # bit for bit, NaN too
        elif isinstance(value, np.ndarray):
            assert value.tolist() == np.asarray(other).tolist(), name
        else:
            assert value == other, name


@SETTINGS
@given(rows=mixed_rows(), opts=options, background=st.booleans())
def test_find_overlaps_on_compact_works_equals_the_shapely_objects(rows, opts, background):
    rules = {
        "distance": opts["distance"],
        "max_gap_days": opts["max_gap"],
        "same_street": opts["same_street"],
        "include_same_owner": opts["same_owner"],
    }
    expected = find_overlaps(to_works(rows), **rules)
    got = find_overlaps(
        _compact_works(to_works(rows)), release_geometries=True, groups_in_background=background, **rules
    )
    _assert_same_result(got, expected)


@SETTINGS
@given(
    rows=mixed_rows(prefix="A", max_size=14),
    other_rows=mixed_rows(prefix="P", max_size=14),
    opts=options,
    other_compact=st.booleans(),
)
def test_two_sets_of_compact_works_equal_the_shapely_objects(rows, other_rows, opts, other_compact):
    """One set compact with its ids as bytes, the other as read plainly (or compact too): the
    same pairs, in the same order (the ids of both are ranked together as text)."""
    rules = {
        "distance": opts["distance"],
        "max_gap_days": opts["max_gap"],
        "same_street": opts["same_street"],
    }
    expected = find_overlaps(to_works(rows), to_works(other_rows), **rules)
    other = _compact_works(to_works(other_rows)) if other_compact else to_works(other_rows)
    got = find_overlaps(_compact_works(to_works(rows)), other, **rules)
    _assert_same_result(got, expected)


@SETTINGS
@given(rows=mixed_rows(max_size=30))
def test_screening_compact_works_gives_the_same_reasons_and_repairs(rows):
    works = to_works(rows)
    expected, got = screen(works), screen(_compact_works(works))
    assert got.reasons.tolist() == expected.reasons.tolist()
    assert got.usable.tolist() == expected.usable.tolist()
    assert got.n_repaired == expected.n_repaired
    assert isinstance(got.geometries, CompactGeometries)
    _same_objects(got.geometries.take(np.arange(len(works))), expected.geometries)


@SETTINGS
@given(join_geometries, join_geometries, st.sampled_from([0.0, 12.5, 25.0, 400.0]), st.booleans())
def test_near_pairs_of_compact_geometries_equal_the_shapely_objects(a, b, distance, two_sets):
    other = b if two_sets else None
    expected = near_pairs(a, distance, other)
    got = near_pairs(
        CompactGeometries.from_geometries(a),
        distance,
        None if other is None else CompactGeometries.from_geometries(other),
    )
    for g, e in zip(got, expected, strict=True):
        assert g.tobytes() == e.tobytes()


@pytest.mark.parametrize("some", [False, True])
def test_vertices_of_compact_geometries_equal_the_shapely_objects(some):
    rng = np.random.default_rng(5)
    xy = rng.uniform(0, 100, (200, 2))
    geoms = shapely.points(xy)
    geoms[::3] = shapely.linestrings(np.stack([xy[::3], xy[::3] + 1], axis=1))
    geoms[1::7] = shapely.buffer(geoms[1::7], 2, quad_segs=1)
    geoms[5::11] = None
    rows = np.flatnonzero(rng.random(200) < 0.5) if some else None
    expected = Vertices(geoms, rows=rows)
    got = Vertices(CompactGeometries.from_geometries(geoms), rows=rows)
    assert got.start.tolist() == expected.start.tolist()
    assert got.xy.tobytes() == expected.xy.tobytes()
    assert (CompactGeometries.from_geometries(geoms).kind != GEOS).sum() > 150  # mostly coordinates


@pytest.mark.parametrize("few_first", [True, False])
def test_a_few_against_many_compact_geometries_cut_and_join_as_the_shapely_objects(few_first):
    """The two-set join's first cut (the many kept near the few's boxes) on compact geometries:
    the same pairs and distances, bit for bit."""
    from .test_nearjoin import _few_and_many

    few, many = _few_and_many(np.random.default_rng(3))
    a, b = (few, many) if few_first else (many, few)
    expected = near_pairs(a, 25.0, b)
    got = near_pairs(CompactGeometries.from_geometries(a), 25.0, CompactGeometries.from_geometries(b))
    assert len(expected[0]) > 300
    for g, e in zip(got, expected, strict=True):
        assert g.tobytes() == e.tobytes()


def test_ascii_ids_are_bytes_and_anything_else_stays_as_it_is():
    ids = np.array(["SW0101-01", "A", "", "ZZ9 PLURAL Z ALPHA"], dtype=object)
    got = ascii_ids(ids)
    assert got.dtype == np.dtype("S18")
    assert id_text(got).tolist() == ids.tolist()
    for odd in (
        ["A", None],  # a missing id
        ["A", "Électricité"],  # not ASCII
        ["A", "B\0"],  # a NUL: "B" and "B\0" would be one
        ["A", "x" * 49],  # too long for the fixed width
        ["A", 7],  # a number
        [],
    ):
        column = np.array([*odd, None], dtype=object)[:-1]
        assert ascii_ids(column) is column


@SETTINGS
@given(
    st.lists(st.text(alphabet=st.characters(min_codepoint=1, max_codepoint=127), max_size=12), max_size=60)
)
def test_ascii_ids_rank_as_their_text(texts):
    ids = np.array([*texts, None], dtype=object)[:-1]
    as_bytes = ascii_ids(ids)
    assert as_bytes.dtype.kind == "S" or not any(texts)
    assert id_rank(as_bytes).tolist() == id_rank(ids).tolist()


def test_two_sets_whose_ids_are_bytes_and_text_number_their_groups_by_the_ids_as_text():
    """Groups are numbered by the smallest id they hold, across both sets: bytes ids (one set)
    and text ids (the other) are compared as text, A1 before P1."""
    first = Works.from_columns(
        [shapely.Point(0, 0), shapely.Point(1000, 0)], ["A1", "A2"], ["x", "x"], [0, 0], [5, 5]
    )
    other = Works.from_columns(
        [shapely.Point(1000, 5), shapely.Point(0, 5)], ["P1", "P2"], ["y", "y"], [0, 0], [5, 5]
    )
    first = dataclasses.replace(first, ids=ascii_ids(first.ids))
    assert first.ids.dtype.kind == "S" and other.ids.dtype == object
    result = find_overlaps(first, other)
    assert result.work_group.tolist() == [1, 2]  # A1's group first
    assert result.other_group.tolist() == [2, 1]


@st.composite
def restriction_rows(draw):
    """A few restricted extents where the works are (x, y 0-60), in force, proposed or not."""
    n = draw(st.integers(2, 6))
    boxes = [
        shapely.box(x, y, x + w, y + h)
        for x, y, w, h in draw(
            st.lists(
                st.tuples(st.integers(-10, 60), st.integers(-10, 60), st.integers(1, 30), st.integers(1, 30)),
                min_size=n,
                max_size=n,
            )
        )
    ]
    starts = draw(st.lists(st.integers(0, 40), min_size=n, max_size=n))  # the works: days 0-52
    return Works.from_columns(
        boxes,
        [f"S58-{k}" for k in range(n)],
        None,
        starts,
        [s + draw(st.integers(0, 60)) for s in starts],
        statuses=[
            draw(st.sampled_from(["in_force", "in_force", "proposed", "cancelled", None])) for _ in range(n)
        ],
        usrns=[draw(st.sampled_from(["100", "200", None])) for _ in range(n)],
    )


@SETTINGS
@given(
    rows=mixed_rows(),
    restrictions=restriction_rows(),
    distance=st.sampled_from([0.0, 5.0]),
    usrn=st.booleans(),
)
def test_check_restrictions_on_compact_works_equals_the_shapely_objects(rows, restrictions, distance, usrn):
    """checkrestrictions reads the works compactly: every finding, distance, geometry and
    unusable reason is what the shapely objects give."""
    works = to_works(rows)
    compact = dataclasses.replace(works, geometries=CompactGeometries.from_geometries(works.geometries))
    got = check_restrictions(compact, restrictions, distance=distance, usrn_match=usrn)
    expected = check_restrictions(works, restrictions, distance=distance, usrn_match=usrn)
    for field in dataclasses.fields(expected):
        a, b = getattr(got, field.name), getattr(expected, field.name)
        if field.name == "geometries":
            _same_objects(np.asarray(a, dtype=object), np.asarray(b, dtype=object))
        elif isinstance(b, np.ndarray) and b.dtype.kind == "f":
            assert a.tobytes() == b.tobytes(), field.name
        elif isinstance(b, np.ndarray):
            assert a.tolist() == b.tolist(), field.name
        else:
            assert a == b, field.name
